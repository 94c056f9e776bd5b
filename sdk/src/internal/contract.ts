/**
 * The plumbing every namespace shares: typed reads, and writes that validate, simulate (so a revert surfaces as a
 * typed error before anything is sent), send, and on `wait()` return the receipt with the contract's decoded
 * events. A namespace for another contract is a {@link ContractContext} plus one line per operation.
 */
import {
  isAddressEqual,
  parseEventLogs,
  type Abi,
  type Account,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  type Hash,
  type ParseEventLogsReturnType,
  type PublicClient,
  type TransactionReceipt,
  type TypedDataDomain,
  type WalletClient,
} from "viem";

import { decodeContractError } from "../contractErrors.js";
import { TransactionRevertedError, WalletRequiredError } from "../errors.js";

/** @internal One deployed contract as a namespace sees it. */
export interface ContractContext<TAbi extends Abi> {
  publicClient: PublicClient;
  walletClient: WalletClient | undefined;
  address: Address;
  abi: TAbi;
}

/** The receipt of a mined transaction with the events of the contract it called, decoded and typed from its ABI. */
export interface WriteReceipt<TAbi extends Abi> {
  /** The transaction receipt (status `success`: a reverted transaction throws instead). */
  receipt: TransactionReceipt;
  /** The events the contract emitted in this transaction, in log order, with `eventName` and typed `args`. */
  events: ParseEventLogsReturnType<TAbi, undefined, true>;
}

/**
 * What every write returns: the hash at once, and `wait()` for the receipt with the decoded events. `TExtra` is
 * what some operations add to the awaited result (e.g. `settleBatch`'s per-item `results`).
 */
export interface WriteResult<TAbi extends Abi, TExtra extends object = {}> {
  /** The transaction's hash, known as soon as the node accepted it. */
  hash: Hash;
  /**
   * Waits until the transaction is mined and returns its receipt and decoded events. Calling it again returns the
   * same promise.
   * @throws {TransactionRevertedError} When the transaction was mined but reverted.
   */
  wait(options?: { confirmations?: number; timeout?: number }): Promise<WriteReceipt<TAbi> & TExtra>;
}

type ReadName<TAbi extends Abi> = ContractFunctionName<TAbi, "view" | "pure">;
type WriteName<TAbi extends Abi> = ContractFunctionName<TAbi, "nonpayable" | "payable">;

/** Rethrows what viem threw as the SDK's typed error, when it is a revert or a connection failure. */
function rethrow(error: unknown, abi: Abi): never {
  throw decodeContractError(error, abi) ?? error;
}

/** @internal A typed view call. */
export async function readContract<TAbi extends Abi, TName extends ReadName<TAbi>>(
  ctx: ContractContext<TAbi>,
  functionName: TName,
  args: ContractFunctionArgs<TAbi, "view" | "pure", TName>,
): Promise<ContractFunctionReturnType<TAbi, "view" | "pure", TName>> {
  try {
    return (await ctx.publicClient.readContract({
      address: ctx.address,
      abi: ctx.abi as Abi,
      functionName,
      args: args as readonly unknown[],
    })) as ContractFunctionReturnType<TAbi, "view" | "pure", TName>;
  } catch (error) {
    rethrow(error, ctx.abi);
  }
}

/**
 * @internal Simulates, then sends, a state-changing call from the wallet's account.
 * @param operation The SDK name of the operation, e.g. `participants.register`, for error messages.
 */
export async function writeContract<TAbi extends Abi, TName extends WriteName<TAbi>>(
  ctx: ContractContext<TAbi>,
  operation: string,
  functionName: TName,
  args: ContractFunctionArgs<TAbi, "nonpayable" | "payable", TName>,
): Promise<WriteResult<TAbi>> {
  const wallet = ctx.walletClient;
  if (wallet === undefined) throw new WalletRequiredError(operation);
  const account = wallet.account;
  if (account === undefined) throw new WalletRequiredError(operation, "the walletClient has no account");

  let hash: Hash;
  try {
    const { request } = await ctx.publicClient.simulateContract({
      address: ctx.address,
      abi: ctx.abi as Abi,
      functionName,
      args: args as readonly unknown[],
      account,
    });
    hash = await wallet.writeContract({ ...request, account, chain: wallet.chain ?? null } as Parameters<
      WalletClient["writeContract"]
    >[0]);
  } catch (error) {
    rethrow(error, ctx.abi);
  }

  let receipt: Promise<WriteReceipt<TAbi>> | undefined;
  return {
    hash,
    wait(options = {}) {
      receipt ??= waitForEvents(ctx, operation, hash, options);
      return receipt;
    },
  };
}

async function waitForEvents<TAbi extends Abi>(
  ctx: ContractContext<TAbi>,
  operation: string,
  hash: Hash,
  options: { confirmations?: number; timeout?: number },
): Promise<WriteReceipt<TAbi>> {
  let receipt: TransactionReceipt;
  try {
    receipt = await ctx.publicClient.waitForTransactionReceipt({ hash, ...options });
  } catch (error) {
    rethrow(error, ctx.abi);
  }
  if (receipt.status !== "success") throw new TransactionRevertedError(hash, operation);
  const logs = receipt.logs.filter((log) => isAddressEqual(log.address, ctx.address));
  const events = parseEventLogs({ abi: ctx.abi, logs, strict: true }) as ParseEventLogsReturnType<
    TAbi,
    undefined,
    true
  >;
  return { receipt, events };
}

/** @internal The wallet's account, or a {@link WalletRequiredError} naming the operation. */
export function walletAccount<TAbi extends Abi>(
  ctx: ContractContext<TAbi>,
  operation: string,
): { wallet: WalletClient; account: Account } {
  const wallet = ctx.walletClient;
  if (wallet === undefined) throw new WalletRequiredError(operation);
  if (wallet.account === undefined) throw new WalletRequiredError(operation, "the walletClient has no account");
  return { wallet, account: wallet.account };
}

/** @internal The contract's EIP-712 domain (ERC-5267 `eip712Domain()`), read once and cached. */
export function eip712DomainReader<TAbi extends Abi>(ctx: ContractContext<TAbi>): () => Promise<TypedDataDomain> {
  let domain: Promise<TypedDataDomain> | undefined;
  return () => {
    domain ??= ctx.publicClient
      .getEip712Domain({ address: ctx.address })
      .then(({ domain: d }) => ({
        name: d.name,
        version: d.version,
        chainId: Number(d.chainId),
        verifyingContract: d.verifyingContract,
      }))
      .catch((error: unknown) => {
        domain = undefined;
        rethrow(error, ctx.abi);
      });
    return domain;
  };
}

/** @internal The latest block's timestamp (the chain's clock, which deadlines are checked against). */
export async function chainTime(publicClient: PublicClient): Promise<bigint> {
  try {
    return (await publicClient.getBlock({ blockTag: "latest" })).timestamp;
  } catch (error) {
    throw decodeContractError(error, []) ?? error;
  }
}

/** @internal Runs `wait()` of a write and adds more to its result. */
export function extendWait<TAbi extends Abi, TExtra extends object>(
  result: WriteResult<TAbi>,
  extra: (receipt: WriteReceipt<TAbi>) => TExtra,
): WriteResult<TAbi, TExtra> {
  let extended: Promise<WriteReceipt<TAbi> & TExtra> | undefined;
  return {
    hash: result.hash,
    wait(options) {
      extended ??= result.wait(options).then((receipt) => ({ ...receipt, ...extra(receipt) }));
      return extended;
    },
  };
}
