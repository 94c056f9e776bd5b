/**
 * The plumbing every namespace shares: typed reads, and writes that validate, simulate (so a revert surfaces as a
 * typed error before anything is sent), send, and on `wait()` return the receipt with the contract's decoded
 * events. A namespace for another contract is a {@link ContractContext} plus one line per operation.
 */
import {
  isAddressEqual,
  parseEventLogs,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  type Hash,
  type ParseEventLogsReturnType,
  type PublicClient,
  type TransactionReceipt,
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

/** What every write returns: the hash at once, and `wait()` for the receipt with the decoded events. */
export interface WriteResult<TAbi extends Abi> {
  /** The transaction's hash, known as soon as the node accepted it. */
  hash: Hash;
  /**
   * Waits until the transaction is mined and returns its receipt and decoded events. Calling it again returns the
   * same promise.
   * @throws {TransactionRevertedError} When the transaction was mined but reverted.
   */
  wait(options?: { confirmations?: number; timeout?: number }): Promise<WriteReceipt<TAbi>>;
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
