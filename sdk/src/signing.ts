/**
 * EIP-712 signing helpers for everything the Cargo Rails contracts accept by signature: the eBL permit (ERC-4494),
 * the deposit permit (EIP-2612), transfer / receive / cancel authorizations (EIP-3009) and settlement terms. They
 * sign with any {@link TypedDataSigner}: a viem WalletClient whose account is a local account (`privateKeyToAccount`)
 * or a JSON-RPC account (`eth_signTypedData_v4`), a viem local or custom account (`toAccount`), or an address with a
 * signing callback (an HSM, a KMS, a custody platform). Nothing here reads the chain: the namespaces' `sign…`
 * methods fill in domains and nonces from the chain and call these.
 */
import {
  encodeAbiParameters,
  hashTypedData,
  keccak256,
  type Account,
  type Address,
  type Hex,
  type TypedDataDomain,
  type TypedDataParameter,
  type WalletClient,
} from "viem";

import { InvalidArgumentError, WalletRequiredError } from "./errors.js";
import { toCargoRailsError } from "./internal/contract.js";

/** The EIP-712 domain name of the eBL registry (version `"1"`). */
export const EBL_REGISTRY_DOMAIN_NAME = "Cargo Rails eBL Registry";
/**
 * The EIP-712 domain name of the SignedSettlement contract (version {@link SETTLEMENT_DOMAIN_VERSION}): signed terms
 * are signed under it. A deposit token's domain name is its `name()`.
 */
export const SIGNED_SETTLEMENT_DOMAIN_NAME = "Cargo Rails Signed Settlement";
/**
 * The EIP-712 domain name of the EscrowedDeals contract (version {@link SETTLEMENT_DOMAIN_VERSION}): deal and eBL
 * deposit consents are signed under it, and a deal's id is the terms' hash under it.
 */
export const ESCROWED_DEALS_DOMAIN_NAME = "Cargo Rails Escrowed Deals";
/** The EIP-712 domain version of both settlement contracts. */
export const SETTLEMENT_DOMAIN_VERSION = "2";

/** EIP-712 types of the ERC-4494 eBL permit. */
export const eblPermitTypes = {
  Permit: [
    { name: "spender", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** EIP-712 types of the EIP-2612 deposit permit. */
export const depositPermitTypes = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

const authorizationFields = [
  { name: "from", type: "address" },
  { name: "to", type: "address" },
  { name: "value", type: "uint256" },
  { name: "validAfter", type: "uint256" },
  { name: "validBefore", type: "uint256" },
  { name: "nonce", type: "bytes32" },
] as const;

/** EIP-712 types of the EIP-3009 `TransferWithAuthorization`. */
export const transferAuthorizationTypes = { TransferWithAuthorization: authorizationFields } as const;
/** EIP-712 types of the EIP-3009 `ReceiveWithAuthorization`. */
export const receiveAuthorizationTypes = { ReceiveWithAuthorization: authorizationFields } as const;
const referenceAuthorizationFields = [...authorizationFields, { name: "paymentReference", type: "bytes32" }] as const;
/** EIP-712 types of the deposit token's `TransferWithReferenceAuthorization` (EIP-3009 with a payment reference). */
export const transferReferenceAuthorizationTypes = {
  TransferWithReferenceAuthorization: referenceAuthorizationFields,
} as const;
/** EIP-712 types of the deposit token's `ReceiveWithReferenceAuthorization` (EIP-3009 with a payment reference). */
export const receiveReferenceAuthorizationTypes = {
  ReceiveWithReferenceAuthorization: referenceAuthorizationFields,
} as const;
/** EIP-712 types of the EIP-3009 `CancelAuthorization`. */
export const cancelAuthorizationTypes = {
  CancelAuthorization: [
    { name: "authorizer", type: "address" },
    { name: "nonce", type: "bytes32" },
  ],
} as const;

/** EIP-712 types of the settlement {@link SettlementTerms}. */
export const settlementTermsTypes = {
  Terms: [
    { name: "registry", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "documentHash", type: "bytes32" },
    { name: "paymentToken", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "seller", type: "address" },
    { name: "buyer", type: "address" },
    { name: "eblRecipient", type: "address" },
    { name: "titleRecipient", type: "address" },
    { name: "paymentRecipient", type: "address" },
    { name: "condition", type: "address" },
    { name: "conditionData", type: "bytes32" },
    { name: "deadline", type: "uint256" },
    { name: "salt", type: "bytes32" },
  ],
} as const;

/**
 * EIP-712 types of a party's consent to an escrowed deal on {@link SettlementTerms}: `Deal(Terms terms)`. Distinct
 * from the terms' own type, so a signature for a signed settlement cannot open or fund a deal, and the other way
 * round.
 */
export const settlementDealTypes = {
  Deal: [{ name: "terms", type: "Terms" }],
  Terms: settlementTermsTypes.Terms,
} as const;

/**
 * EIP-712 types of the seller's consent to someone else depositing its eBL into the escrowed deal on
 * {@link SettlementTerms}: `EblDeposit(Terms terms)`. A standing approval of the EscrowedDeals contract only lets the eBL
 * move; this signature chooses the deal. Distinct from the terms' and the deal's types, so neither signature (the
 * deal's is public once the deal is created) can be used as deposit consent.
 */
export const settlementEblDepositTypes = {
  EblDeposit: [{ name: "terms", type: "Terms" }],
  Terms: settlementTermsTypes.Terms,
} as const;

/**
 * What seller and buyer agree in a delivery-versus-payment settlement, exactly as the contract's `Terms` struct
 * (amounts in base units). Its EIP-712 hash identifies a signed settlement and is the id of a deal.
 */
export interface SettlementTerms {
  /** The eBL registry. */
  registry: Address;
  /** The eBL's token id. */
  tokenId: bigint;
  /** The document version the buyer pays for: the token's current DCSA checksum. */
  documentHash: Hex;
  /** The deposit token paid in. */
  paymentToken: Address;
  /** The price in the payment token's base units. */
  amount: bigint;
  /** The eBL's holder, who gives it up. */
  seller: Address;
  /** The payer. */
  buyer: Address;
  /** Who receives possession of the eBL (the buyer, or a bank taking it as a pledge). */
  eblRecipient: Address;
  /**
   * Who holds title once settled. To-order B/L: the endorsee (often the eBL recipient), or the zero address for a
   * bearer bill (blank endorsed after settlement). Straight B/L: its consignee. Only possession moves when the title
   * is already there; otherwise the settlement endorses the eBL (in blank for zero), or refuses
   * (`SettlementTitleNotDeliverable`).
   */
  titleRecipient: Address;
  /** Who receives the money (the seller or its bank). */
  paymentRecipient: Address;
  /**
   * A settlement condition (`ISettlementCondition`) that must agree before the legs move, e.g. required trade
   * documents; the zero address for none.
   */
  condition: Address;
  /** The condition's parameters; zero bytes when there is no condition. */
  conditionData: Hex;
  /** Unix seconds after which the terms can no longer settle. */
  deadline: bigint;
  /** Makes otherwise equal terms distinct (a trade reference's hash, or random). */
  salt: Hex;
}

/** An EIP-3009 authorization's fields (what the payer signs), amounts in base units. */
export interface AuthorizationMessage {
  /** The payer. */
  from: Address;
  /** The payee. */
  to: Address;
  /** The amount in base units. */
  value: bigint;
  /** Unix seconds after which it is valid (exclusive). */
  validAfter: bigint;
  /** Unix seconds before which it is valid (exclusive). */
  validBefore: bigint;
  /** A unique 32-byte nonce. */
  nonce: Hex;
  /**
   * The payment reference the signature covers (`TransferWithReferenceAuthorization` /
   * `ReceiveWithReferenceAuthorization`); absent for a plain EIP-3009 authorization.
   */
  paymentReference?: Hex | undefined;
}

/** Hashes typed data locally; terms or a domain that viem cannot encode give an {@link InvalidArgumentError}. */
function hashTyped(terms: unknown, hash: () => Hex): Hex {
  try {
    return hash();
  } catch (error) {
    throw new InvalidArgumentError("terms", terms, "SettlementTerms from settlement.prepare", undefined, error);
  }
}

/** The EIP-712 typed data a {@link TypedDataSignFn} is asked to sign (the shape of viem's `signTypedData`). */
export interface TypedDataToSign {
  /** The verifying contract's domain. */
  domain: TypedDataDomain;
  /** The struct types, without `EIP712Domain`. */
  types: Record<string, readonly TypedDataParameter[]>;
  /** The type of `message`. */
  primaryType: string;
  /** The values signed. */
  message: Record<string, unknown>;
}

/** A signing callback: an HSM, a KMS or a custody platform signs the typed data and returns the 65-byte signature. */
export type TypedDataSignFn = (typedData: TypedDataToSign) => Promise<Hex>;

/**
 * Who signs typed data: a viem WalletClient with an account; any viem `Account` that signs typed data itself (a
 * local account, a custom `toAccount` one); or an address with a signing callback. A JSON-RPC `Account` alone
 * cannot sign (its wallet does): pass its WalletClient.
 */
export type TypedDataSigner = WalletClient | Account | { address: Address; signTypedData: TypedDataSignFn };

function isWalletClient(signer: TypedDataSigner): signer is WalletClient {
  return typeof signer === "object" && signer !== null && "transport" in signer && "request" in signer;
}

/** @internal The signer's address, or a {@link WalletRequiredError} naming the operation. */
export function signerAddress(signer: TypedDataSigner | undefined, operation: string): Address {
  if (signer === undefined || signer === null) throw new WalletRequiredError(operation);
  if (isWalletClient(signer)) {
    if (signer.account === undefined) throw new WalletRequiredError(operation, "the walletClient has no account");
    return signer.account.address;
  }
  return signer.address;
}

/** @internal Signs with the signer; a refusal or a wallet error becomes the SDK's typed error. */
export async function signTypedData(
  signer: TypedDataSigner,
  operation: string,
  typedData: TypedDataToSign,
): Promise<Hex> {
  signerAddress(signer, operation);
  let sign: TypedDataSignFn;
  if (isWalletClient(signer)) {
    sign = (td) =>
      signer.signTypedData({ ...td, account: signer.account! } as Parameters<WalletClient["signTypedData"]>[0]);
  } else if ("signTypedData" in signer && typeof signer.signTypedData === "function") {
    const fn = signer.signTypedData as TypedDataSignFn;
    sign = (td) => fn(td);
  } else {
    throw new InvalidArgumentError(
      "signer",
      signer.address,
      "a WalletClient, an account that signs typed data, or { address, signTypedData }",
      "A JSON-RPC account signs through its wallet: pass the WalletClient.",
    );
  }
  try {
    return await sign(typedData);
  } catch (error) {
    throw toCargoRailsError(error, { abi: [], operation: "signTypedData" });
  }
}

/**
 * Signs an ERC-4494 permit: the eBL's holder lets `spender` (a verified settlement or custody contract) move it.
 *
 * @param signer The holder's wallet.
 * @param params The registry's EIP-712 domain (`{ name: "Cargo Rails eBL Registry", version: "1", chainId,
 * verifyingContract }`), the spender, token, the token's current permit nonce (`nonces(tokenId)`) and the deadline.
 * @returns The 65-byte signature.
 */
export async function signEblPermit(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; spender: Address; tokenId: bigint; nonce: bigint; deadline: bigint },
): Promise<Hex> {
  const { domain, spender, tokenId, nonce, deadline } = params;
  return signTypedData(signer, "signEblPermit", {
    domain,
    types: eblPermitTypes,
    primaryType: "Permit",
    message: { spender, tokenId, nonce, deadline },
  });
}

/**
 * Signs an EIP-2612 permit of a deposit token: `owner` lets `spender` spend `value` base units.
 *
 * @param signer The owner's wallet (the owner defaults to its account).
 * @param params The token's EIP-712 domain (its `name()`, version `"1"`), spender, value, the owner's current
 * nonce (`nonces(owner)`) and the deadline.
 * @returns The 65-byte signature.
 */
export async function signDepositPermit(
  signer: TypedDataSigner,
  params: {
    domain: TypedDataDomain;
    owner?: Address | undefined;
    spender: Address;
    value: bigint;
    nonce: bigint;
    deadline: bigint;
  },
): Promise<Hex> {
  const { domain, spender, value, nonce, deadline } = params;
  return signTypedData(signer, "signDepositPermit", {
    domain,
    types: depositPermitTypes,
    primaryType: "Permit",
    message: { owner: params.owner ?? signerAddress(signer, "signDepositPermit"), spender, value, nonce, deadline },
  });
}

/**
 * Signs an EIP-3009 `TransferWithAuthorization`: anyone may then submit the payment. With a `paymentReference` in the
 * message, the deposit token's `TransferWithReferenceAuthorization` instead, whose signature covers the reference.
 *
 * @param signer The payer's wallet.
 * @param params The token's EIP-712 domain and the authorization's fields.
 * @returns The 65-byte signature.
 */
export async function signTransferAuthorization(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; message: AuthorizationMessage },
): Promise<Hex> {
  const { paymentReference, ...message } = params.message;
  if (paymentReference !== undefined) {
    return signTypedData(signer, "signTransferAuthorization", {
      domain: params.domain,
      types: transferReferenceAuthorizationTypes,
      primaryType: "TransferWithReferenceAuthorization",
      message: { ...message, paymentReference },
    });
  }
  return signTypedData(signer, "signTransferAuthorization", {
    domain: params.domain,
    types: transferAuthorizationTypes,
    primaryType: "TransferWithAuthorization",
    message,
  });
}

/**
 * Signs an EIP-3009 `ReceiveWithAuthorization`: only the payee `to` may submit it (with a `paymentReference` in the
 * message, the deposit token's `ReceiveWithReferenceAuthorization`, whose signature covers the reference). For a settlement the payee is the
 * market's payment rail (`paymentRailOf(registry, token)`) and the nonce must be
 * {@link settlementAuthorizationNonce}`(paymentId, salt)` (the terms' hash under SignedSettlement for a signed
 * settlement, the deal consent `hashDeal(terms)` of EscrowedDeals for a deal deposit);
 * `settlement.signPayment` does all of this.
 *
 * @param signer The payer's wallet.
 * @param params The token's EIP-712 domain and the authorization's fields.
 * @returns The 65-byte signature.
 */
export async function signReceiveAuthorization(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; message: AuthorizationMessage },
): Promise<Hex> {
  const { paymentReference, ...message } = params.message;
  if (paymentReference !== undefined) {
    return signTypedData(signer, "signReceiveAuthorization", {
      domain: params.domain,
      types: receiveReferenceAuthorizationTypes,
      primaryType: "ReceiveWithReferenceAuthorization",
      message: { ...message, paymentReference },
    });
  }
  return signTypedData(signer, "signReceiveAuthorization", {
    domain: params.domain,
    types: receiveAuthorizationTypes,
    primaryType: "ReceiveWithAuthorization",
    message,
  });
}

/**
 * Signs an EIP-3009 `CancelAuthorization` of an unused nonce.
 *
 * @param signer The authorizer's wallet.
 * @param params The token's EIP-712 domain and the nonce to cancel.
 * @returns The 65-byte signature.
 */
export async function signCancelAuthorization(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; nonce: Hex },
): Promise<Hex> {
  return signTypedData(signer, "signCancelAuthorization", {
    domain: params.domain,
    types: cancelAuthorizationTypes,
    primaryType: "CancelAuthorization",
    message: { authorizer: signerAddress(signer, "signCancelAuthorization"), nonce: params.nonce },
  });
}

/**
 * Signs settlement terms (EIP-712 `Terms` under the SignedSettlement contract's domain): the party's consent to a
 * signed settlement.
 *
 * @param signer The seller's or buyer's wallet.
 * @param params The SignedSettlement contract's domain (`{ name: "Cargo Rails Signed Settlement", version: "2",
 * chainId, verifyingContract }`) and the terms.
 * @returns The 65-byte signature.
 */
export async function signSettlementTerms(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; terms: SettlementTerms },
): Promise<Hex> {
  return signTypedData(signer, "signSettlementTerms", {
    domain: params.domain,
    types: settlementTermsTypes,
    primaryType: "Terms",
    message: { ...params.terms },
  });
}

/**
 * Signs a party's consent to an escrowed deal on these terms (EIP-712 `Deal(Terms terms)` under the EscrowedDeals
 * contract's domain): the seller's lets anyone open the deal (`createDeal`), the buyer's lets anyone pay into it from
 * the buyer's allowance or permit (`depositPayment`).
 *
 * @param signer The seller's or buyer's wallet.
 * @param params The EscrowedDeals contract's domain and the terms.
 * @returns The 65-byte signature.
 */
export async function signSettlementDeal(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; terms: SettlementTerms },
): Promise<Hex> {
  return signTypedData(signer, "signSettlementDeal", {
    domain: params.domain,
    types: settlementDealTypes,
    primaryType: "Deal",
    message: { terms: params.terms },
  });
}

/**
 * Signs the seller's consent to someone else depositing its eBL into the escrowed deal on these terms (EIP-712
 * `EblDeposit(Terms terms)` under the EscrowedDeals contract's domain), for `depositEbl` sent by a relayer or the buyer.
 *
 * @param signer The seller's wallet.
 * @param params The EscrowedDeals contract's domain and the deal's terms.
 * @returns The 65-byte signature.
 */
export async function signSettlementEblDeposit(
  signer: TypedDataSigner,
  params: { domain: TypedDataDomain; terms: SettlementTerms },
): Promise<Hex> {
  return signTypedData(signer, "signSettlementEblDeposit", {
    domain: params.domain,
    types: settlementEblDepositTypes,
    primaryType: "EblDeposit",
    message: { terms: params.terms },
  });
}

/**
 * The EIP-712 hash of the seller's consent to someone else depositing its eBL into the deal, computed locally: equal
 * to the contract's `hashEblDeposit(terms)`.
 *
 * @param terms The terms.
 * @param domain The EscrowedDeals contract's domain.
 */
export function hashSettlementEblDeposit(terms: SettlementTerms, domain: TypedDataDomain): Hex {
  return hashTyped(terms, () =>
    hashTypedData({ domain, types: settlementEblDepositTypes, primaryType: "EblDeposit", message: { terms } }),
  );
}

/**
 * The EIP-712 hash of a party's consent to an escrowed deal, computed locally: equal to the contract's
 * `hashDeal(terms)`. The deal's id is still {@link hashSettlementTerms}.
 *
 * @param terms The terms.
 * @param domain The EscrowedDeals contract's domain.
 */
export function hashSettlementDeal(terms: SettlementTerms, domain: TypedDataDomain): Hex {
  return hashTyped(terms, () =>
    hashTypedData({ domain, types: settlementDealTypes, primaryType: "Deal", message: { terms } }),
  );
}

/**
 * The EIP-712 hash of settlement terms, computed locally: equal to the contract's `hashTerms(terms)`. Under the
 * SignedSettlement domain it is what the parties sign and the replay key; under the EscrowedDeals domain, the id of a
 * deal (the two differ).
 *
 * @param terms The terms.
 * @param domain The contract's domain: `{ name: "Cargo Rails Signed Settlement", version: "2", chainId,
 * verifyingContract }`, or the EscrowedDeals one (`"Cargo Rails Escrowed Deals"`).
 */
export function hashSettlementTerms(terms: SettlementTerms, domain: TypedDataDomain): Hex {
  return hashTyped(terms, () =>
    hashTypedData({ domain, types: settlementTermsTypes, primaryType: "Terms", message: terms }),
  );
}

/**
 * The EIP-3009 nonce a buyer signs to pay through the market's payment rail: `keccak256(abi.encode(paymentId, salt))`,
 * as the rail derives it, so that the authorization pays for these terms, in that way, and nothing else.
 *
 * @param paymentId The terms' hash under SignedSettlement ({@link hashSettlementTerms}) for a signed settlement, the
 * deal consent under EscrowedDeals ({@link hashSettlementDeal}, the contract's `hashDeal`) for a deal deposit.
 * @param salt The buyer's salt, passed to the contract as `PaymentAuth.nonce`.
 */
export function settlementAuthorizationNonce(paymentId: Hex, salt: Hex): Hex {
  return keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [paymentId, salt]));
}
