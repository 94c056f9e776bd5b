import type { AccessNamespace } from "../access.js";
import type { ConsentNamespace } from "../consent.js";
import type { CrossBankNamespace } from "../crossBank.js";
import type { CrossChainNamespace } from "../crossChain.js";
import type { DepositClient } from "../deposits.js";
import type { DocumentsNamespace } from "../documents.js";
import type { FxNamespace } from "../fx.js";
import type { InterbankNamespace } from "../interbank.js";
import type { ParticipantsNamespace } from "../participants.js";
import type { ReserveClient } from "../reserves.js";
import type { SettlementNamespace } from "../settlement.js";

/**
 * @internal The members of a namespace that are asynchronous calls, each with 1 for a write (a {@link WriteAction},
 * which has `.prepare`) or 0 for a read. The compiler requires every member but those given synchronously (`K`).
 */
export type LazyMembers<T, K extends keyof T> = {
  readonly [M in Exclude<keyof T, K>]-?: T[M] extends { prepare: unknown } ? 1 : 0;
};

/**
 * @internal A namespace whose code is loaded on first use (`import()`), so that a browser bundle of
 * `createCargoRails` carries only this stand-in until then: the `sync` members, and for each of `members` a function
 * that loads the namespace and forwards the call (and for a write, `.prepare(...)` likewise). A failed load is tried
 * again on the next call.
 */
export function lazyNamespace<T extends object, K extends keyof T>(
  load: () => Promise<T>,
  sync: Pick<T, K>,
  members: LazyMembers<T, K>,
): T {
  let loaded: Promise<T> | undefined;
  const forward =
    (name: string, prepare?: boolean) =>
    async (...args: unknown[]): Promise<unknown> => {
      loaded ??= load();
      loaded.catch(() => (loaded = undefined));
      const member = (await loaded)[name as keyof T] as ((...a: unknown[]) => Promise<unknown>) & {
        prepare: (...a: unknown[]) => Promise<unknown>;
      };
      return prepare ? member.prepare(...args) : member(...args);
    };
  const namespace: Record<string, unknown> = { ...sync };
  for (const [name, write] of Object.entries(members)) {
    namespace[name] = write ? Object.assign(forward(name), { prepare: forward(name, true) }) : forward(name);
  }
  return namespace as T;
}

/** @internal The asynchronous members of {@link ParticipantsNamespace}. */
export const participantsMembers: LazyMembers<ParticipantsNamespace, "address"> = {
  isVerified: 0,
  isVerifiedAs: 0,
  verifiedKinds: 0,
  get: 0,
  register: 1,
  registerBatch: 1,
  update: 1,
  revoke: 1,
};

/** @internal The asynchronous members of {@link AccessNamespace}. */
export const accessMembers: LazyMembers<AccessNamespace, "address"> = {
  hasRole: 0,
  grantRole: 1,
  revokeRole: 1,
  renounceRole: 1,
  roleAdmin: 0,
  functionRole: 0,
  canCall: 0,
  schedule: 1,
  execute: 1,
  cancel: 1,
  scheduledAt: 0,
  operationId: 0,
};

/** @internal The asynchronous members of {@link DepositClient}. */
export const depositMembers: LazyMembers<DepositClient, "address"> = {
  domain: 0,
  metadata: 0,
  decimals: 0,
  balanceOf: 0,
  availableBalance: 0,
  frozenAmount: 0,
  isFrozen: 0,
  totalSupply: 0,
  supplyCap: 0,
  allowance: 0,
  paused: 0,
  permitNonce: 0,
  frozenTokens: 0,
  canSend: 0,
  canReceive: 0,
  canTransfer: 0,
  transferPolicy: 0,
  authorizationUsed: 0,
  format: 0,
  parse: 0,
  transfer: 1,
  approve: 1,
  transferFrom: 1,
  requestRedemption: 1,
  setFrozenTokens: 1,
  setTransferPolicy: 1,
  signPermit: 0,
  permit: 1,
  signTransferAuthorization: 0,
  signReceiveAuthorization: 0,
  transferWithAuthorization: 1,
  receiveWithAuthorization: 1,
  signCancelAuthorization: 0,
  cancelAuthorization: 1,
  mint: 1,
  burn: 1,
  freeze: 1,
  unfreeze: 1,
  freezeAmount: 1,
  unfreezeAmount: 1,
  forcedTransfer: 1,
  setSupplyCap: 1,
  pause: 1,
  unpause: 1,
};

/** @internal The asynchronous members of {@link ReserveClient}. */
export const reserveMembers: LazyMembers<ReserveClient, "address"> = {
  metadata: 0,
  decimals: 0,
  currency: 0,
  centralBank: 0,
  balanceOf: 0,
  totalSupply: 0,
  isSettlementAgent: 0,
  paused: 0,
  format: 0,
  parse: 0,
  issue: 1,
  redeem: 1,
  setSettlementAgent: 1,
  pause: 1,
  unpause: 1,
};

/** @internal The asynchronous members of {@link InterbankNamespace}. */
export const interbankMembers: LazyMembers<InterbankNamespace, "address"> = {
  bankAccount: 0,
  isQuoteUsed: 0,
  isPaymentIdUsed: 0,
  paused: 0,
  setBankAccount: 1,
  pay: 1,
  cancelQuote: 1,
  pause: 1,
  unpause: 1,
};

/** @internal The asynchronous members of {@link FxNamespace}. */
export const fxMembers: LazyMembers<FxNamespace, "interbankPayments"> = {
  domain: 0,
  quote: 0,
  hashQuote: 0,
  signQuote: 0,
  verifyQuote: 0,
  quotedAmount: 0,
  rate: 0,
  isExpired: 0,
  secondsLeft: 0,
};

/** @internal The asynchronous members of {@link CrossBankNamespace}. */
export const crossBankMembers: LazyMembers<CrossBankNamespace, "address"> = {
  domain: 0,
  prepare: 0,
  hashTerms: 0,
  signTerms: 0,
  signAsSeller: 0,
  signAsBuyer: 0,
  settle: 1,
  cancelTerms: 1,
  status: 0,
  paymentRailOf: 0,
  paused: 0,
  setMarket: 1,
  pause: 1,
  unpause: 1,
};

/** @internal The asynchronous members of {@link CrossChainNamespace}. */
export const crossChainMembers: LazyMembers<CrossChainNamespace, "address"> = {
  registry: 0,
  transport: 0,
  isTrustedTransport: 0,
  paused: 0,
  quoteExport: 0,
  outboundTransfer: 0,
  inboundTransfer: 0,
  lastExportOf: 0,
  exportBill: 1,
  restore: 1,
  setTransport: 1,
  revokeTransport: 1,
  withdrawFees: 1,
  pause: 1,
  unpause: 1,
};

/** @internal The asynchronous members of {@link SettlementNamespace}. */
export const settlementMembers: LazyMembers<
  SettlementNamespace,
  "signedSettlement" | "escrowedDeals" | "settledEvents"
> = {
  domain: 0,
  prepare: 0,
  hashTerms: 0,
  signTerms: 0,
  hashDeal: 0,
  signDeal: 0,
  hashEblDeposit: 0,
  signEblDeposit: 0,
  signEblPermit: 0,
  signPayment: 0,
  signAsSeller: 0,
  signAsBuyer: 0,
  settle: 1,
  settleBatch: 1,
  cancelTerms: 1,
  createDeal: 1,
  depositEbl: 1,
  depositPayment: 1,
  cancelDeal: 1,
  refund: 1,
  status: 0,
  deal: 0,
  openDealOf: 0,
  escrowedBalance: 0,
  paymentRailOf: 0,
  paused: 0,
  setMarket: 1,
  pause: 1,
  unpause: 1,
  recoverStrayToken: 1,
  recoverStrayEbl: 1,
};

/** @internal The asynchronous members of {@link DocumentsNamespace}. */
export const documentsMembers: LazyMembers<
  DocumentsNamespace,
  "address" | "condition" | "requirementIdOf" | "conditionFor"
> = {
  issuerKindsOf: 0,
  documentOf: 0,
  versionOf: 0,
  isCurrent: 0,
  isIssuerQualified: 0,
  documentsOf: 0,
  verify: 0,
  requireCurrent: 0,
  register: 1,
  supersede: 1,
  revoke: 1,
  setDocumentType: 1,
  defineRequirement: 1,
  requirementOf: 0,
  checkRequirement: 0,
};

/** @internal The asynchronous members of {@link ConsentNamespace}. */
export const consentMembers: LazyMembers<ConsentNamespace, "address"> = {
  domain: 0,
  grant: 1,
  signGrant: 0,
  grantWithSignature: 1,
  revoke: 1,
  signRevocation: 0,
  revokeWithSignature: 1,
  grantOf: 0,
  isLive: 0,
  covers: 0,
  assertCovers: 0,
  nonces: 0,
  isRecorded: 0,
  signDataRequest: 0,
  hashDataRequest: 0,
  recordAccess: 1,
  recordAccesses: 1,
  accessLog: 0,
};
