/**
 * The plumbing every namespace shares: typed reads, and writes that validate, simulate (so a revert surfaces as a
 * typed error before anything is sent), send, and on `wait()` return the receipt with the contract's decoded
 * events. A namespace for another contract is a {@link ContractContext} plus one line per operation.
 */
import {
  BaseError,
  ContractFunctionZeroDataError,
  isAddressEqual,
  parseEventLogs,
  type Abi,
  type Account,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  type Hash,
  type Hex,
  type ParseEventLogsReturnType,
  type PublicClient,
  type TransactionReceipt,
  type TypedDataDomain,
  type WalletClient,
} from "viem";

import {
  billOfLadingRegistryAbi,
  depositRailAbi,
  eblLensAbi,
  escrowedDealsAbi,
  participantRegistryAbi,
  railsAccessManagerAbi,
  signedSettlementAbi,
  tokenizedDepositAbi,
} from "../abi/index.js";
import { decodeContractError } from "../contractErrors.js";
import {
  CargoRailsError,
  ContractNotDeployedError,
  RpcRequestError,
  TransactionRevertedError,
  WalletRequiredError,
} from "../errors.js";

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

/** @internal The contract an ABI belongs to, for error messages. */
export function contractNameOf(abi: Abi): string {
  const names = new Map<Abi, string>([
    [participantRegistryAbi, "ParticipantRegistry"],
    [billOfLadingRegistryAbi, "BillOfLadingRegistry"],
    [tokenizedDepositAbi, "TokenizedDeposit"],
    [signedSettlementAbi, "SignedSettlement"],
    [escrowedDealsAbi, "EscrowedDeals"],
    [depositRailAbi, "DepositRail"],
    [railsAccessManagerAbi, "RailsAccessManager"],
    [eblLensAbi, "EblLens"],
  ]);
  return names.get(abi) ?? "contract";
}

/**
 * @internal Whatever a viem client (or anything else) threw, as a {@link CargoRailsError} with the original as its
 * `cause`: a revert ({@link ContractRevertError}) or an unreachable node ({@link RpcConnectionError}) as
 * {@link decodeContractError} says; a call that returned no data from an address ({@link ContractNotDeployedError});
 * anything else as an {@link RpcRequestError} naming the operation. A CargoRailsError is returned unchanged.
 */
export function toCargoRailsError(
  error: unknown,
  context: { abi: Abi; operation: string; address?: Address | undefined },
): CargoRailsError {
  if (error instanceof CargoRailsError) return error;
  const decoded = decodeContractError(error, context.abi);
  if (decoded !== null) return decoded;
  if (error instanceof BaseError) {
    const zeroData = error.walk((e) => e instanceof ContractFunctionZeroDataError);
    if (zeroData !== null && context.address !== undefined) {
      return new ContractNotDeployedError({
        address: context.address,
        contract: contractNameOf(context.abi),
        cause: error,
      });
    }
    // viem's `details` is the node's or the wallet's own message, e.g. "query returned more than 10000 results".
    const details =
      error.details && error.details !== error.shortMessage
        ? `${error.shortMessage} (${error.details})`
        : error.shortMessage;
    return new RpcRequestError(context.operation, { details, cause: error });
  }
  return new RpcRequestError(context.operation, {
    details: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

/** Rethrows what viem threw as the SDK's typed error (see {@link toCargoRailsError}). */
function rethrow(error: unknown, ctx: { abi: Abi; address?: Address | undefined }, operation: string): never {
  throw toCargoRailsError(error, { abi: ctx.abi, address: ctx.address, operation });
}

/**
 * @internal Throws a {@link ContractNotDeployedError} when `address` holds no code on the node's chain. Checked once
 * per client and address (a deployed contract stays deployed), so that a write to a wrong address is refused instead
 * of mining a transaction that does nothing.
 */
export function assertDeployed(publicClient: PublicClient, address: Address, contract: string): Promise<void> {
  let checked = deployedChecks.get(publicClient);
  if (checked === undefined) deployedChecks.set(publicClient, (checked = new Map()));
  const key = address.toLowerCase();
  let check = checked.get(key);
  if (check === undefined) {
    check = (async () => {
      let code: Hex | undefined;
      try {
        code = await publicClient.getCode({ address });
      } catch (error) {
        throw toCargoRailsError(error, { abi: [], operation: "eth_getCode" });
      }
      if (code === undefined || code === "0x") {
        let chainId: number | undefined;
        try {
          chainId = await publicClient.getChainId();
        } catch {
          chainId = undefined;
        }
        throw new ContractNotDeployedError({ address, contract, chainId });
      }
    })();
    checked.set(key, check);
    check.catch(() => checked.delete(key));
  }
  return check;
}
const deployedChecks = new WeakMap<PublicClient, Map<string, Promise<void>>>();

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
    rethrow(error, ctx, functionName);
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
  await assertDeployed(ctx.publicClient, ctx.address, contractNameOf(ctx.abi));
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
    rethrow(error, ctx, operation);
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
    rethrow(error, ctx, `${operation} (waiting for ${hash})`);
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
        rethrow(error, ctx, "eip712Domain");
      });
    return domain;
  };
}

/** @internal The latest block's timestamp (the chain's clock, which deadlines are checked against). */
export async function chainTime(publicClient: PublicClient): Promise<bigint> {
  try {
    return (await publicClient.getBlock({ blockTag: "latest" })).timestamp;
  } catch (error) {
    throw toCargoRailsError(error, { abi: [], operation: "eth_getBlockByNumber" });
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
