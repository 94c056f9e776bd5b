import { hexToString, isHex, toHex, zeroAddress, type Address, type Hex, type TypedDataDomain } from "viem";

import { tokenizedDepositAbi } from "./abi/index.js";
import { formatAmount, parseAmount, type Amount } from "./amounts.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress, toUnixSeconds } from "./guards.js";
import {
  chainTime,
  eip712DomainReader,
  readContract,
  action,
  walletAccount,
  writeContract,
  type WriteAction,
  type ContractContext,
  type WriteResult,
} from "./internal/contract.js";
import { encodeReference } from "./references.js";
import {
  signCancelAuthorization,
  signDepositPermit,
  signReceiveAuthorization,
  signTransferAuthorization,
  type AuthorizationMessage,
} from "./signing.js";

/** The result of a write on a deposit token. */
export type DepositWriteResult = WriteResult<typeof tokenizedDepositAbi>;

/** A deposit token's fixed metadata. */
export interface DepositMetadata {
  /** The token's address. */
  address: Address;
  /** ERC-20 name (also its EIP-712 domain name). */
  name: string;
  /** ERC-20 symbol. */
  symbol: string;
  /** Decimals of the base unit (2 for cents). */
  decimals: number;
  /** ISO 4217 code, e.g. `"HKD"`. */
  currency: string;
  /** The issuing bank's participant address. */
  issuer: Address;
  /** The issuing bank's off-chain identity (LEI or BIC), as text when it is text. */
  issuerId: string;
}

/** A signed EIP-2612 permit of a deposit token. */
export interface DepositPermit {
  /** The owner who signed. */
  owner: Address;
  /** Who may spend. */
  spender: Address;
  /** The allowance in base units, as signed (the EIP-2612 message's `value`). */
  value: bigint;
  /** Unix seconds after which the permit is refused. */
  deadline: bigint;
  /** The owner's signature. */
  signature: Hex;
}

/** A signed EIP-3009 authorization (transfer or receive), its `value` in base units as signed. */
export interface SignedAuthorization extends AuthorizationMessage {
  /** The payer's signature. */
  signature: Hex;
}

/** What to sign in an EIP-3009 authorization; the payer is the wallet's account. */
export interface AuthorizationRequest {
  /** The payee. */
  to: Address;
  /** The amount: a decimal string in the token's units (`"12.34"`). */
  amount: Amount;
  /** Valid after this time (default 0: at once). */
  validAfter?: bigint | Date | undefined;
  /** Valid before this time (default one hour after the chain's current time). */
  validBefore?: bigint | Date | undefined;
  /** A unique 32-byte nonce (default random). */
  nonce?: Hex | undefined;
  /**
   * A 32-byte payment reference the signature covers (`paymentReference(payload)` of `@cargo-rails/sdk/compliance`
   * computes one from an ISO 20022 remittance or an IVMS101 payload): the token emits it in `PaymentReference`.
   */
  paymentReference?: Hex | undefined;
}

/**
 * One tokenized deposit (one bank, one currency): `rails.deposits.HKD`. Every amount it takes or returns is a decimal
 * string in the token's units (`"1250.50"`); a bigint is refused (`InvalidAmountError`), too many decimals throw
 * `AmountPrecisionError`, both before anything is sent. Reads return the same form with at least two fraction digits
 * (`"1250.50"`), ready to pass back. Base units cross only through {@link DepositClient.parse} and
 * {@link DepositClient.format} (or `parseAmount` / `formatAmount`).
 */
export interface DepositClient {
  /** The token's address. */
  readonly address: Address;

  // ---------------------------------------------------------------- reads
  /** The token's EIP-712 domain (its name, version "1"), read once from the chain. */
  domain(): Promise<TypedDataDomain>;
  /** Name, symbol, decimals, currency and issuer (read once, cached). */
  metadata(): Promise<DepositMetadata>;
  /** The token's decimals (read once, cached). */
  decimals(): Promise<number>;
  /** Balance in token units (`"1250.50"`). */
  balanceOf(account: Address): Promise<Amount>;
  /** What `account` may send now (0 if frozen; balance minus the frozen part), in token units. */
  availableBalance(account: Address): Promise<Amount>;
  /** The frozen part of `account`'s balance, in token units. */
  frozenAmount(account: Address): Promise<Amount>;
  /** Whether `account` is frozen entirely. */
  isFrozen(account: Address): Promise<boolean>;
  /** Total supply in token units. */
  totalSupply(): Promise<Amount>;
  /** The supply cap in token units (`"0.00"`: none). */
  supplyCap(): Promise<Amount>;
  /** What `spender` may spend of `owner`'s balance, in token units. */
  allowance(owner: Address, spender: Address): Promise<Amount>;
  /** Whether the token is paused. */
  paused(): Promise<boolean>;
  /** The EIP-2612 permit nonce of `owner`. */
  permitNonce(owner: Address): Promise<bigint>;
  /**
   * The frozen part of `account`'s balance as ERC-7943's `getFrozenTokens` reports it, in token units (the same
   * figure as {@link DepositClient.frozenAmount}; a full freeze is {@link DepositClient.isFrozen}).
   */
  frozenTokens(account: Address): Promise<Amount>;
  /** ERC-7943: whether `account` may send now (verified, not frozen, not sanctioned by the transfer policy). */
  canSend(account: Address): Promise<boolean>;
  /** ERC-7943: whether `account` may receive now. */
  canReceive(account: Address): Promise<boolean>;
  /**
   * ERC-7943: whether a transfer of `amount` from `from` to `to` would pass every rule of the token now (pause,
   * verification, freezes, the available balance, the transfer policy's rules). Ask before signing an authorization
   * or sending; `@cargo-rails/sdk/compliance` says which policy rule would refuse.
   */
  canTransfer(from: Address, to: Address, amount: Amount): Promise<boolean>;
  /** The token's transfer policy, `undefined` when none is set. */
  transferPolicy(): Promise<Address | undefined>;
  /** Whether an EIP-3009 nonce of `authorizer` is used or cancelled. */
  authorizationUsed(authorizer: Address, nonce: Hex): Promise<boolean>;
  /** Base units → a decimal string in token units (e.g. `125050n` → `"1250.50"`, at least 2 fraction digits). */
  format(units: bigint): Promise<string>;
  /** A decimal string in token units → base units, checked against the token's decimals (a bigint is refused). */
  parse(amount: Amount): Promise<bigint>;

  // ---------------------------------------------------------------- holder
  /** Pays `amount` to `to`; with a `paymentReference` (32 bytes, not zero), `transferWithReference`. */
  transfer: WriteAction<
    [params: { to: Address; amount: Amount; paymentReference?: Hex | undefined }],
    DepositWriteResult
  >;
  /** Lets `spender` spend up to `amount`. */
  approve: WriteAction<[params: { spender: Address; amount: Amount }], DepositWriteResult>;
  /** Moves `amount` from `from` to `to` under an allowance; with a `paymentReference`, `transferFromWithReference`. */
  transferFrom: WriteAction<
    [params: { from: Address; to: Address; amount: Amount; paymentReference?: Hex | undefined }],
    DepositWriteResult
  >;
  /** Redeems `amount` of the caller's tokens; the bank pays out off-chain under `payoutReference`. */
  requestRedemption: WriteAction<[params: { amount: Amount; payoutReference: string }], DepositWriteResult>;

  // ---------------------------------------------------------------- gasless
  /** Signs (off-chain) an EIP-2612 permit; `deadline` defaults to one hour after the chain's time. */
  signPermit(params: {
    spender: Address;
    amount: Amount;
    deadline?: bigint | Date | undefined;
  }): Promise<DepositPermit>;
  /** Submits a signed permit (anyone may). */
  permit: WriteAction<[permit: DepositPermit], DepositWriteResult>;
  /** Signs (off-chain) an EIP-3009 `TransferWithAuthorization` that anyone may submit. */
  signTransferAuthorization(params: AuthorizationRequest): Promise<SignedAuthorization>;
  /** Signs (off-chain) an EIP-3009 `ReceiveWithAuthorization` that only the payee may submit. */
  signReceiveAuthorization(params: AuthorizationRequest): Promise<SignedAuthorization>;
  /** Submits a signed transfer authorization (anyone may); one carrying a `paymentReference` by its own function. */
  transferWithAuthorization: WriteAction<[authorization: SignedAuthorization], DepositWriteResult>;
  /** Submits a signed receive authorization (the payee only). */
  receiveWithAuthorization: WriteAction<[authorization: SignedAuthorization], DepositWriteResult>;
  /** Signs (off-chain) the cancellation of an unused authorization nonce of the wallet's account. */
  signCancelAuthorization(params: { nonce: Hex }): Promise<{ authorizer: Address; nonce: Hex; signature: Hex }>;
  /** Cancels an unused authorization with its authorizer's signature. */
  cancelAuthorization: WriteAction<[params: { authorizer: Address; nonce: Hex; signature: Hex }], DepositWriteResult>;

  // ---------------------------------------------------------------- the issuing bank
  /** Issues `amount` to `to` against a deposit booked under `bankReference` (`MINTER_ROLE`). */
  mint: WriteAction<[params: { to: Address; amount: Amount; bankReference: string }], DepositWriteResult>;
  /** Redeems `amount` of `from`'s tokens on its off-chain instruction (`BURNER_ROLE`). */
  burn: WriteAction<[params: { from: Address; amount: Amount; bankReference: string }], DepositWriteResult>;
  /** Freezes an account (`FREEZER_ROLE`). */
  freeze: WriteAction<[params: { account: Address }], DepositWriteResult>;
  /** Lifts a full freeze (`FREEZER_ROLE`). */
  unfreeze: WriteAction<[params: { account: Address }], DepositWriteResult>;
  /** Adds `amount` to the frozen part of `account`'s balance (`FREEZER_ROLE`). */
  freezeAmount: WriteAction<[params: { account: Address; amount: Amount }], DepositWriteResult>;
  /** Releases `amount` of the frozen part (`FREEZER_ROLE`). */
  unfreezeAmount: WriteAction<[params: { account: Address; amount: Amount }], DepositWriteResult>;
  /**
   * ERC-7943: sets the frozen part of `account`'s balance to `amount` (`"0"` releases it), where
   * {@link DepositClient.freezeAmount} adds and {@link DepositClient.unfreezeAmount} takes away (`FREEZER_ROLE`).
   */
  setFrozenTokens: WriteAction<[params: { account: Address; amount: Amount }], DepositWriteResult>;
  /** Sets the token's transfer policy, or removes it with `policy: undefined` (`POLICY_ADMIN`). */
  setTransferPolicy: WriteAction<[params: { policy: Address | undefined }], DepositWriteResult>;
  /** Moves `amount` from `from` to `to` without consent, for `reasonCode` (`COMPLIANCE_ROLE`). */
  forcedTransfer: WriteAction<
    [params: { from: Address; to: Address; amount: Amount; reasonCode: string }],
    DepositWriteResult
  >;
  /** Sets the supply cap (`"0"`: none) (`CAP_MANAGER_ROLE`). */
  setSupplyCap: WriteAction<[params: { cap: Amount }], DepositWriteResult>;
  /** Pauses the token (`PAUSER_ROLE`). */
  pause: WriteAction<[], DepositWriteResult>;
  /** Ends a pause (`PAUSER_ROLE`). */
  unpause: WriteAction<[], DepositWriteResult>;
}

/** @internal bytes32 / bytes3 text stored left-aligned → the text, or the hex when it is not printable. */
function decodeText(value: Hex): string {
  const trimmed = value.replace(/(00)+$/, "");
  if (trimmed.length <= 2) return "";
  const text = hexToString(trimmed as Hex);
  return /^[\x20-\x7e]+$/.test(text) ? text : value;
}

function randomNonce(): Hex {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

function assertNonce(value: unknown, argument = "nonce"): Hex {
  if (typeof value !== "string" || !isHex(value, { strict: true }) || value.length !== 66) {
    throw new InvalidArgumentError(argument, value, "a 0x-prefixed 32-byte hex string");
  }
  return value as Hex;
}

/** @internal Builds one deposit client; use {@link createCargoRails}. */
export function createDeposit(ctx: ContractContext<typeof tokenizedDepositAbi>, label: string): DepositClient {
  const domain = eip712DomainReader(ctx);
  let metadata: Promise<DepositMetadata> | undefined;
  let decimals: Promise<number> | undefined;
  const op = (name: string) => `deposits.${label}.${name}`;

  const client: DepositClient = {
    address: ctx.address,
    domain,
    metadata() {
      metadata ??= Promise.all([
        readContract(ctx, "name", []),
        readContract(ctx, "symbol", []),
        client.decimals(),
        readContract(ctx, "currency", []),
        readContract(ctx, "issuer", []),
        readContract(ctx, "issuerId", []),
      ]).then(([name, symbol, d, currency, issuer, issuerId]) => ({
        address: ctx.address,
        name,
        symbol,
        decimals: d,
        currency: decodeText(currency),
        issuer,
        issuerId: decodeText(issuerId),
      }));
      metadata.catch(() => (metadata = undefined));
      return metadata;
    },
    decimals() {
      decimals ??= readContract(ctx, "decimals", []);
      decimals.catch(() => (decimals = undefined));
      return decimals;
    },
    balanceOf: async (account) =>
      client.format(await readContract(ctx, "balanceOf", [assertAddress(account, "account")])),
    availableBalance: async (account) =>
      client.format(await readContract(ctx, "availableBalance", [assertAddress(account, "account")])),
    frozenAmount: async (account) =>
      client.format(await readContract(ctx, "frozenAmount", [assertAddress(account, "account")])),
    isFrozen: async (account) => readContract(ctx, "isFrozen", [assertAddress(account, "account")]),
    totalSupply: async () => client.format(await readContract(ctx, "totalSupply", [])),
    supplyCap: async () => client.format(await readContract(ctx, "supplyCap", [])),
    allowance: async (owner, spender) =>
      client.format(
        await readContract(ctx, "allowance", [assertAddress(owner, "owner"), assertAddress(spender, "spender")]),
      ),
    paused: async () => readContract(ctx, "paused", []),
    permitNonce: async (owner) => readContract(ctx, "nonces", [assertAddress(owner, "owner")]),
    frozenTokens: async (account) =>
      client.format(await readContract(ctx, "getFrozenTokens", [assertAddress(account, "account")])),
    canSend: async (account) => readContract(ctx, "canSend", [assertAddress(account, "account")]),
    canReceive: async (account) => readContract(ctx, "canReceive", [assertAddress(account, "account")]),
    canTransfer: async (from, to, amount) =>
      readContract(ctx, "canTransfer", [
        assertAddress(from, "from"),
        assertAddress(to, "to"),
        await client.parse(amount),
      ]),
    transferPolicy: async () => {
      const policy = await readContract(ctx, "transferPolicy", []);
      return policy === zeroAddress ? undefined : policy;
    },
    authorizationUsed: async (authorizer, nonce) =>
      readContract(ctx, "authorizationState", [assertAddress(authorizer, "authorizer"), assertNonce(nonce)]),
    format: async (units) => {
      const d = await client.decimals();
      return formatAmount(units, d, { minimumFractionDigits: Math.min(d, 2) });
    },
    parse: async (amount) => {
      // Refuse what is not an amount at all (a bigint, a number, "1,000") before asking the chain for decimals.
      parseAmount(typeof amount === "string" ? amount.split(".")[0]! : amount, 0);
      return parseAmount(amount, await client.decimals());
    },

    transfer: action(1, async (call, p) => {
      const args = [assertAddress(p?.to, "to"), await client.parse(p.amount)] as const;
      return p.paymentReference === undefined
        ? writeContract(ctx, op("transfer"), "transfer", args, call)
        : writeContract(ctx, op("transfer"), "transferWithReference", [...args, reference(p.paymentReference)], call);
    }),
    approve: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("approve"),
        "approve",
        [assertAddress(p?.spender, "spender"), await client.parse(p.amount)],
        call,
      ),
    ),
    transferFrom: action(1, async (call, p) => {
      const args = [assertAddress(p?.from, "from"), assertAddress(p.to, "to"), await client.parse(p.amount)] as const;
      return p.paymentReference === undefined
        ? writeContract(ctx, op("transferFrom"), "transferFrom", args, call)
        : writeContract(
            ctx,
            op("transferFrom"),
            "transferFromWithReference",
            [...args, reference(p.paymentReference)],
            call,
          );
    }),
    requestRedemption: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("requestRedemption"),
        "requestRedemption",
        [await client.parse(p?.amount), encodeReference(p.payoutReference, "payoutReference")],
        call,
      ),
    ),

    async signPermit(p) {
      const { wallet, account } = walletAccount(ctx, op("signPermit"));
      const spender = assertAddress(p?.spender, "spender");
      const value = await client.parse(p.amount);
      const deadline =
        p.deadline === undefined ? (await chainTime(ctx.publicClient)) + 3600n : toUnixSeconds(p.deadline, "deadline");
      const nonce = await client.permitNonce(account.address);
      const signature = await signDepositPermit(wallet, {
        domain: await domain(),
        owner: account.address,
        spender,
        value,
        nonce,
        deadline,
      });
      return { owner: account.address, spender, value, deadline, signature };
    },
    permit: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("permit"),
        "permit",
        [assertAddress(p?.owner, "owner"), assertAddress(p.spender, "spender"), p.value, p.deadline, p.signature],
        call,
      ),
    ),
    signTransferAuthorization: async (p) => signAuthorization(p, "transfer"),
    signReceiveAuthorization: async (p) => signAuthorization(p, "receive"),
    transferWithAuthorization: submitAuthorization("transfer"),
    receiveWithAuthorization: submitAuthorization("receive"),
    async signCancelAuthorization(p) {
      const { wallet, account } = walletAccount(ctx, op("signCancelAuthorization"));
      const nonce = assertNonce(p?.nonce);
      const signature = await signCancelAuthorization(wallet, { domain: await domain(), nonce });
      return { authorizer: account.address, nonce, signature };
    },
    cancelAuthorization: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("cancelAuthorization"),
        "cancelAuthorization",
        [assertAddress(p?.authorizer, "authorizer"), assertNonce(p.nonce), p.signature],
        call,
      ),
    ),

    mint: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("mint"),
        "mint",
        [assertAddress(p?.to, "to"), await client.parse(p.amount), encodeReference(p.bankReference, "bankReference")],
        call,
      ),
    ),
    burn: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("burn"),
        "burn",
        [
          assertAddress(p?.from, "from"),
          await client.parse(p.amount),
          encodeReference(p.bankReference, "bankReference"),
        ],
        call,
      ),
    ),
    freeze: action(1, async (call, p) =>
      writeContract(ctx, op("freeze"), "freeze", [assertAddress(p?.account, "account")], call),
    ),
    unfreeze: action(1, async (call, p) =>
      writeContract(ctx, op("unfreeze"), "unfreeze", [assertAddress(p?.account, "account")], call),
    ),
    freezeAmount: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("freezeAmount"),
        "freezeAmount",
        [assertAddress(p?.account, "account"), await client.parse(p.amount)],
        call,
      ),
    ),
    unfreezeAmount: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("unfreezeAmount"),
        "unfreezeAmount",
        [assertAddress(p?.account, "account"), await client.parse(p.amount)],
        call,
      ),
    ),
    setFrozenTokens: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("setFrozenTokens"),
        "setFrozenTokens",
        [assertAddress(p?.account, "account"), await client.parse(p.amount)],
        call,
      ),
    ),
    setTransferPolicy: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("setTransferPolicy"),
        "setTransferPolicy",
        [p?.policy === undefined ? zeroAddress : assertAddress(p.policy, "policy")],
        call,
      ),
    ),
    forcedTransfer: action(1, async (call, p) =>
      writeContract(
        ctx,
        op("forcedTransfer"),
        "forcedTransfer",
        [
          assertAddress(p?.from, "from"),
          assertAddress(p.to, "to"),
          await client.parse(p.amount),
          encodeReference(p.reasonCode, "reasonCode"),
        ],
        call,
      ),
    ),
    setSupplyCap: action(1, async (call, p) =>
      writeContract(ctx, op("setSupplyCap"), "setSupplyCap", [await client.parse(p?.cap)], call),
    ),
    pause: action(0, async (call) => writeContract(ctx, op("pause"), "pause", [], call)),
    unpause: action(0, async (call) => writeContract(ctx, op("unpause"), "unpause", [], call)),
  };

  /** Submits a signed authorization by the function its kind and its payment reference (if any) call for. */
  function submitAuthorization(kind: "transfer" | "receive") {
    return action(1, async (call, a: SignedAuthorization) => {
      const args = authorizationArgs(a);
      const operation = op(`${kind}WithAuthorization`);
      if (a.paymentReference === undefined) {
        return kind === "transfer"
          ? writeContract(ctx, operation, "transferWithAuthorization", args, call)
          : writeContract(ctx, operation, "receiveWithAuthorization", args, call);
      }
      const [from, to, value, validAfter, validBefore, nonce, signature] = args;
      const withReference = [
        from,
        to,
        value,
        validAfter,
        validBefore,
        nonce,
        reference(a.paymentReference),
        signature,
      ] as const;
      return kind === "transfer"
        ? writeContract(ctx, operation, "transferWithReferenceAuthorization", withReference, call)
        : writeContract(ctx, operation, "receiveWithReferenceAuthorization", withReference, call);
    });
  }

  async function signAuthorization(
    p: AuthorizationRequest,
    kind: "transfer" | "receive",
  ): Promise<SignedAuthorization> {
    const name = kind === "transfer" ? "signTransferAuthorization" : "signReceiveAuthorization";
    const { wallet, account } = walletAccount(ctx, op(name));
    const message: AuthorizationMessage = {
      from: account.address,
      to: assertAddress(p?.to, "to"),
      value: await client.parse(p.amount),
      validAfter: p.validAfter === undefined ? 0n : toUnixSeconds(p.validAfter, "validAfter"),
      validBefore:
        p.validBefore === undefined
          ? (await chainTime(ctx.publicClient)) + 3600n
          : toUnixSeconds(p.validBefore, "validBefore"),
      nonce: p.nonce === undefined ? randomNonce() : assertNonce(p.nonce),
      ...(p.paymentReference === undefined ? {} : { paymentReference: reference(p.paymentReference) }),
    };
    const sign = kind === "transfer" ? signTransferAuthorization : signReceiveAuthorization;
    const signature = await sign(wallet, { domain: await domain(), message });
    return { ...message, signature };
  }
  return client;
}

/** A payment reference: 32 bytes of hex (the token refuses zero with `DepositZeroReference`). */
function reference(value: unknown): Hex {
  return assertNonce(value, "paymentReference");
}

function authorizationArgs(a: SignedAuthorization) {
  if (typeof a !== "object" || a === null) {
    throw new InvalidArgumentError("authorization", a, "a signed authorization (from signTransferAuthorization)");
  }
  return [
    assertAddress(a.from, "from"),
    assertAddress(a.to, "to"),
    a.value,
    a.validAfter,
    a.validBefore,
    assertNonce(a.nonce),
    a.signature,
  ] as const;
}
