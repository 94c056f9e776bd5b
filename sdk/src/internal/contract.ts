/**
 * The plumbing every namespace shares: typed reads, and writes that validate, simulate (so a revert surfaces as a
 * typed error before anything is sent), send, and on `wait()` return the receipt with the contract's decoded
 * events. A namespace for another contract is a {@link ContractContext} plus one line per operation.
 */
import {
  BaseError,
  ContractFunctionZeroDataError,
  encodeFunctionData,
  type Abi,
  type Account,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  type Hash,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type TypedDataDomain,
  type WalletClient,
} from "viem";

import {
  billOfLadingRegistryAbi,
  consentRegistryAbi,
  crossBankSettlementAbi,
  documentsConditionAbi,
  depositRailAbi,
  eblGatewayAbi,
  eblLensAbi,
  escrowedDealsAbi,
  interbankPaymentsAbi,
  participantRegistryAbi,
  railsAccessManagerAbi,
  signedSettlementAbi,
  tokenizedDepositAbi,
  tradeDocumentRegistryAbi,
  wholesaleReserveAbi,
} from "../abi/index.js";
import { createEventDecoder, type RailsEvent, type RailsEventDecoder } from "../receiptEvents.js";
import { signerAddress, type TypedDataSigner } from "../signing.js";
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
  /** Who signs typed data (default: the walletClient). */
  signer?: TypedDataSigner | undefined;
  /** The client's decoder of a receipt's events (every contract of the rails); without it, only this contract's. */
  events?: RailsEventDecoder | undefined;
}

/**
 * The receipt of a mined transaction with the events of every contract of the rails it touched, decoded. `TAbi` is
 * the ABI of the contract called (kept for the results' types).
 */
export interface WriteReceipt<TAbi extends Abi = Abi> {
  /** The transaction receipt (status `success`: a reverted transaction throws instead). */
  receipt: TransactionReceipt;
  /**
   * The events of the whole transaction from every contract of the rails (the settlement's `Settled`, the
   * registry's `Endorsed` and `Transfer`, the deposit token's `Transfer`...), in log order, as a union
   * discriminated by `contract` and `eventName` ({@link RailsEvent}).
   */
  events: RailsEvent[];
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
    [wholesaleReserveAbi, "WholesaleReserve"],
    [interbankPaymentsAbi, "InterbankPayments"],
    [crossBankSettlementAbi, "CrossBankSettlement"],
    [eblGatewayAbi, "EblGateway"],
    [tradeDocumentRegistryAbi, "TradeDocumentRegistry"],
    [documentsConditionAbi, "DocumentsCondition"],
    [consentRegistryAbi, "ConsentRegistry"],
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
 * Overrides for sending a write: who signs (any viem `Account`, e.g. a `toAccount` signer backed by a KMS, or an
 * address the walletClient's JSON-RPC wallet signs for) and the transaction's gas, fees and nonce. Unset fields are
 * filled by viem as usual.
 */
export interface WriteOptions {
  /** The account that signs and sends (default: the walletClient's account). */
  account?: Account | Address | undefined;
  /** The gas limit (default: viem's estimate). */
  gas?: bigint | undefined;
  /** EIP-1559 maximum fee per gas, in wei. */
  maxFeePerGas?: bigint | undefined;
  /** EIP-1559 maximum priority fee per gas, in wei. */
  maxPriorityFeePerGas?: bigint | undefined;
  /** The nonce (default: the account's next nonce). */
  nonce?: number | undefined;
}

/** What preparing a write needs: the account it will be sent from, which need not have a key here (a Safe, a custody platform). */
export interface PrepareOptions {
  /** The account the call is simulated for and will be sent from (default: the walletClient's account). */
  account?: Account | Address | undefined;
}

/**
 * The request viem's `simulateContract` returns: what viem's `writeContract` (or a wallet) takes to send the
 * prepared call as simulated.
 */
export interface PreparedRequest {
  /** The contract called. */
  address: Address;
  /** The contract's ABI. */
  abi: Abi;
  /** The function called. */
  functionName: string;
  /** Its arguments, as encoded in `data`. */
  args: readonly unknown[];
  /** The account the call was simulated for. */
  account: Account | Address;
  /** Wei sent with the call. */
  value?: bigint | undefined;
}

/**
 * A write validated and simulated but not sent: the transaction to sign wherever the keys are (a Safe, an HSM, a
 * custody platform's queue). Send it as is (`to`, `data`, `value`, `gas` from `from` on `chainId`), with viem's
 * `writeContract(request)`, or as a Safe transaction ({@link toSafeTransaction}); then
 * {@link CargoRails.waitForTransaction} decodes what it did.
 */
export interface PreparedWrite {
  /** The SDK name of the operation, e.g. `"ebl.endorse"`. */
  operation: string;
  /** The chain it was simulated on. */
  chainId: number;
  /** The account it was simulated for, which must send it. */
  from: Address;
  /** The contract called. */
  to: Address;
  /** The ABI-encoded call. */
  data: Hex;
  /** Wei sent with the call (`0n` on the rails but for `crossChain.exportBill`, which pays the transport). */
  value: bigint;
  /** The node's gas estimate for the call from `from`. */
  gas: bigint;
  /** What viem's `simulateContract` returned as the request. */
  request: PreparedRequest;
  /** The function's return value in the simulation. */
  result: unknown;
}

/**
 * A write of the SDK. Calling it validates, simulates and sends from the walletClient's account (or
 * `options.account`), and returns `{ hash, wait() }`; `.prepare(...)` validates and simulates only and returns the
 * transaction unsent ({@link PreparedWrite}), which works without a walletClient given an `account` to simulate
 * from. Both take the operation's own arguments, then the options.
 *
 * @example
 * ```ts
 * await rails.ebl.endorse({ tokenId, endorsee }, { nonce: 7, maxFeePerGas: 30_000_000_000n });
 * const tx = await rails.ebl.endorse.prepare({ tokenId, endorsee }, { account: safeAddress });
 * ```
 */
export interface WriteAction<TParams extends readonly unknown[], TResult> {
  (...args: [...TParams, options?: WriteOptions]): Promise<TResult>;
  /** Validates and simulates the write from `options.account` and returns the transaction unsent. */
  prepare(...args: [...TParams, options?: PrepareOptions]): Promise<PreparedWrite>;
}

/** @internal How one call of a write runs: sent, or prepared only, with the caller's options. */
export type WriteCall = { mode: "send"; options: WriteOptions } | { mode: "prepare"; options: PrepareOptions };

const SEND: WriteCall = { mode: "send", options: {} };

/**
 * @internal A {@link WriteAction} from the operation's body, which takes the call first, then the operation's
 * `arity` arguments (the options follow them).
 */
export function action<TParams extends readonly unknown[], TResult>(
  arity: TParams["length"],
  run: (call: WriteCall, ...params: TParams) => Promise<TResult>,
): WriteAction<TParams, TResult> {
  const split = (args: readonly unknown[]) => [args.slice(0, arity) as unknown as TParams, args[arity]] as const;
  const send = (...args: unknown[]) => {
    const [params, options] = split(args);
    return run({ mode: "send", options: (options ?? {}) as WriteOptions }, ...params);
  };
  const prepare = (...args: unknown[]) => {
    const [params, options] = split(args);
    return run({ mode: "prepare", options: (options ?? {}) as PrepareOptions }, ...params) as Promise<unknown>;
  };
  return Object.assign(send, { prepare }) as unknown as WriteAction<TParams, TResult>;
}

/** @internal Whether a write's result is a prepared transaction (so post-processing of `wait()` is skipped). */
export function isPrepared(result: unknown): result is PreparedWrite {
  return typeof result === "object" && result !== null && preparedWrites.has(result);
}
const preparedWrites = new WeakSet<object>();

/**
 * @internal The address a call runs as: the options' account, else the walletClient's, else a
 * {@link WalletRequiredError} naming the operation.
 */
export function senderOf<TAbi extends Abi>(
  ctx: ContractContext<TAbi>,
  operation: string,
  call: WriteCall = SEND,
): Address {
  const account = call.options.account ?? ctx.walletClient?.account;
  if (account === undefined) {
    throw new WalletRequiredError(
      operation,
      call.mode === "prepare" ? "preparing needs { account } (or a walletClient with one)" : undefined,
    );
  }
  return typeof account === "string" ? account : account.address;
}

/**
 * @internal Simulates a state-changing call, then sends it (`call.mode` `send`) or returns it unsent as a
 * {@link PreparedWrite} (`prepare`; the result is then typed as the send result's, and {@link isPrepared} tells).
 * @param operation The SDK name of the operation, e.g. `participants.register`, for error messages.
 * @param value Wei sent with the call (a payable function only).
 */
export async function writeContract<TAbi extends Abi, TName extends WriteName<TAbi>>(
  ctx: ContractContext<TAbi>,
  operation: string,
  functionName: TName,
  args: ContractFunctionArgs<TAbi, "nonpayable" | "payable", TName>,
  call: WriteCall = SEND,
  value?: bigint,
): Promise<WriteResult<TAbi>> {
  const wallet = ctx.walletClient;
  if (call.mode === "send") {
    if (wallet === undefined) throw new WalletRequiredError(operation);
    if (call.options.account === undefined && wallet.account === undefined) {
      throw new WalletRequiredError(operation, "the walletClient has no account");
    }
  }
  const account = call.options.account ?? wallet?.account;
  if (account === undefined) {
    throw new WalletRequiredError(operation, "preparing needs { account } (or a walletClient with one)");
  }

  let hash: Hash;
  await assertDeployed(ctx.publicClient, ctx.address, contractNameOf(ctx.abi));
  try {
    const { request, result } = await ctx.publicClient.simulateContract({
      address: ctx.address,
      abi: ctx.abi as Abi,
      functionName,
      args: args as readonly unknown[],
      account,
      value,
    } as Parameters<PublicClient["simulateContract"]>[0]);
    if (call.mode === "prepare") {
      const from = typeof account === "string" ? account : account.address;
      const data = encodeFunctionData({
        abi: ctx.abi as Abi,
        functionName: functionName as string,
        args: args as readonly unknown[],
      });
      const [gas, chainId] = await Promise.all([
        ctx.publicClient.estimateGas({ account: from, to: ctx.address, data, value }),
        ctx.publicClient.getChainId(),
      ]);
      const prepared: PreparedWrite = {
        operation,
        chainId,
        from,
        to: ctx.address,
        data,
        value: value ?? 0n,
        gas,
        request: request as PreparedRequest,
        result,
      };
      preparedWrites.add(prepared);
      return prepared as unknown as WriteResult<TAbi>;
    }
    const { gas, maxFeePerGas, maxPriorityFeePerGas, nonce } = call.options;
    const overrides = Object.fromEntries(
      Object.entries({ gas, maxFeePerGas, maxPriorityFeePerGas, nonce }).filter(([, v]) => v !== undefined),
    );
    hash = await wallet!.writeContract({
      ...request,
      ...overrides,
      account,
      chain: wallet!.chain ?? null,
    } as Parameters<WalletClient["writeContract"]>[0]);
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

/** @internal Waits for a transaction and decodes its events from every contract of the rails. */
export async function waitForEvents<TAbi extends Abi>(
  ctx: Pick<ContractContext<TAbi>, "publicClient" | "events" | "abi" | "address">,
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
  const decoder = ctx.events ?? createEventDecoder({ contracts: [[ctx.address, contractNameOf(ctx.abi)]] });
  return { receipt, events: await decoder(receipt) };
}

/**
 * @internal Who signs typed data for the namespace: the client's `signer` if configured, else the walletClient (with
 * its account), or a {@link WalletRequiredError} naming the operation.
 */
export function walletAccount<TAbi extends Abi>(
  ctx: ContractContext<TAbi>,
  operation: string,
): { wallet: TypedDataSigner; account: { address: Address } } {
  const signer = ctx.signer ?? ctx.walletClient;
  return { wallet: signer as TypedDataSigner, account: { address: signerAddress(signer, operation) } };
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
  if (isPrepared(result)) return result as unknown as WriteResult<TAbi, TExtra>;
  let extended: Promise<WriteReceipt<TAbi> & TExtra> | undefined;
  return {
    hash: result.hash,
    wait(options) {
      extended ??= result.wait(options).then((receipt) => ({ ...receipt, ...extra(receipt) }));
      return extended;
    },
  };
}
