// Compiled by test/sdk/package.ts inside a scratch project that installed the packed SDK: it proves that the
// package's `exports` map gives types to a TypeScript consumer, and that wrong arguments fail to compile.
// Every `@ts-expect-error` must meet an error, or tsc fails with "Unused '@ts-expect-error' directive".
import { createPublicClient, http, type Address, type Hex } from "viem";

import {
  ContractRevertError,
  createCargoRails,
  decodeContractError,
  documentChecksum,
  eblTokenId,
  formatAmount,
  isContractRevert,
  parseAmount,
  participantRegistryAbi,
  railsAccessManagerAbi,
  billOfLadingRegistryAbi,
  signedSettlementAbi,
  RpcConnectionError,
  hashSettlementDeal,
  hashSettlementTerms,
  settlementFromJson,
  settlementToJson,
  type SettlementSubmission,
  type SettlementSubmissionJson,
  type SettledEvent,
  type BillKind,
  hashSafeTransaction,
  toSafeTransaction,
  type PreparedWrite,
  type RailsEvent,
  type SafeTransactionData,
  type TypedDataSigner,
  type WriteOptions,
  type WriteReceipt,
  type SettlementWay,
  toDcsaEndorsementChain,
  watchDepositEvents,
  watchEblEvents,
  watchSettlementEvents,
  type DepositEvent,
  type EblEvent,
  type EblHistoryCursor,
  type SettlementEvent,
  type Unwatch,
  type Amount,
  type BatchItemResult,
  type CargoRailsRevertError,
  type BillStatus,
  type DcsaTransaction,
  type DepositClient,
  type EblHistory,
  type EblHistoryEntryOf,
  type EblHistoryEventName,
  type Participant,
  type SettlementTerms,
  type ParticipantKind,
  type WriteResult,
} from "@cargo-rails/sdk";
import {
  crossBankFromJson,
  crossBankToJson,
  parseRate,
  watchInterbankEvents,
  watchCrossChainEvents,
  crossChainHistory,
  followTransfer,
  waitForTransfer,
  whereIs,
  TransferTimeoutError,
  type CrossChainHistory,
  type OutboundTransfer,
  type TransferProgress,
  type TransferStatus,
  type CrossBankSubmission,
  type CrossBankTerms,
  type InterbankQuote,
  type SignedQuote,
} from "@cargo-rails/sdk";
import {
  documentIdOf,
  documentReferenceOf,
  hashDocumentFile,
  hashDocumentJson,
  requirementIdOf,
  type AccessRecord,
  type ConsentCoverage,
  type ConsentGrant,
  type ConsentPurpose,
  type ConsentRefusal,
  type DocumentStatus,
  type RequirementFailure,
  type SignedConsentGrant,
  type SignedDataRequest,
  type TradeDocument,
  type TradeDocumentVerification,
} from "@cargo-rails/sdk";
import { addressesFromIgnition } from "@cargo-rails/sdk/node";

const publicClient = createPublicClient({ transport: http("http://127.0.0.1:8545") });
const account: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const kycReference: Hex = `0x${"11".repeat(32)}`;
const rails = createCargoRails({ publicClient, addresses: { participantRegistry: account } });
const full = createCargoRails({
  publicClient,
  addresses: {
    participantRegistry: account,
    eblRegistry: account,
    signedSettlement: account,
    escrowedDeals: account,
    deposits: { HKD: account },
  },
});
// Deposit labels read at run time: addressesFromIgnition returns `deposits?: Record<string, Address>`.
const fromIgnition = createCargoRails({
  publicClient,
  addresses: await addressesFromIgnition("ignition/deployments/x"),
});
// Labels written out in a type where `deposits` is optional.
const declared: { participantRegistry: Address; deposits?: { HKD: Address; CNH: Address } } = {
  participantRegistry: account,
};
const optional = createCargoRails({ publicClient, addresses: declared });

// ---------------------------------------------------------------- what compiles
export async function compiles(): Promise<void> {
  const verified: boolean = await rails.participants.isVerifiedAs(account, ["carrier", "bank"]);
  const record: Participant = await rails.participants.get(account);
  const kinds: ParticipantKind[] = record.kinds;
  const pending: WriteResult<typeof participantRegistryAbi> = await rails.participants.register({
    account,
    kinds: ["carrier"],
    jurisdiction: "HK",
    validUntil: new Date(),
    kycReference,
  });
  const { events } = await pending.wait();
  for (const event of events) {
    if (event.eventName === "ParticipantChanged") {
      // Decoded as the reads decode a record: kinds by name.
      const previousKinds: ParticipantKind[] = event.args.previous.kinds;
      const operator: Address = event.args.operator;
      const registry: "ParticipantRegistry" = event.contract;
      (void previousKinds, operator, registry);
    }
  }
  // Every contract's roles are administered in the access manager, named per contract.
  const granted: WriteResult<typeof railsAccessManagerAbi> = await rails.access.grantRole({
    role: { contract: "participants", name: "REGISTRAR" },
    account,
    executionDelay: 3600,
  });
  const { isMember } = await rails.access.hasRole({ contract: "deposit", currency: "HKD", name: "MINTER" }, account);
  const scheduled: Hex = (await rails.access.schedule({ target: account, data: "0x" })).operationId;
  void [granted, isMember, scheduled];
  const checksum: Hex = documentChecksum({ transportDocumentReference: "X" });
  const id: bigint = eblTokenId(account, "HHL71800000");
  const units: bigint = parseAmount("1250.50", 2);
  const text: string = formatAmount(units, 2);
  const error = decodeContractError(new Error(), participantRegistryAbi);
  if (
    error instanceof ContractRevertError &&
    isContractRevert(error, participantRegistryAbi, "ParticipantExpiryNotInFuture")
  ) {
    const [validUntil, now]: readonly [bigint, bigint] = error.args;
    (void validUntil, now);
  }
  (void verified, kinds, checksum, id, text);

  // eBLs, deposits and settlement
  const issued = await full.ebl.issue({ document: {}, shipper: account });
  const tokenId: bigint = issued.tokenId;
  const status: BillStatus = (await full.ebl.bill(tokenId)).status;
  const history: EblHistory = await full.ebl.history(tokenId, { fromBlock: 1n, blockRange: 500n });
  const chain: DcsaTransaction[] = toDcsaEndorsementChain(history, { endorseCode: "ENDORSE_TO_ORDER" });
  const eventNames: EblHistoryEventName[] = history.entries.map((entry) => entry.eventName);
  const issuedEntries = history.entries.filter((entry) => entry.eventName === "BillIssued");
  void [eventNames, issuedEntries];
  const balance: Amount = await full.deposits.HKD.balanceOf(account);
  await full.deposits.HKD.transfer({ to: account, amount: "1250.50" });
  // What a read returns is what a write takes; base units cross only through formatAmount / parseAmount.
  await full.deposits.HKD.transfer({ to: account, amount: balance });
  await full.deposits.HKD.mint({ to: account, amount: formatAmount(125050n, 2), bankReference: "DEP-0001" });
  const escrowed: Amount = await full.settlement.escrowedBalance("HKD");
  const paid: bigint = (await full.settlement.deal("0x")).paidBaseUnits;
  void [escrowed, paid];
  // Labels only known at run time: a member may be undefined, and rails.deposit(label) gives the client or throws.
  await fromIgnition.deposit("HKD").mint({ to: account, amount: "1250.50", bankReference: "DEP-0002" });
  const mayBeMissing: DepositClient | undefined = fromIgnition.deposits.HKD;
  await mayBeMissing?.balanceOf(account);
  const cnh: DepositClient | undefined = optional.deposits.CNH;
  await cnh?.balanceOf(account);
  const terms: SettlementTerms = await full.settlement.prepare({
    tokenId,
    paymentToken: "HKD",
    amount: "25000.00",
    seller: account,
    buyer: account,
  });
  const seller = await full.settlement.signAsSeller(terms);
  const buyer = await full.settlement.signAsBuyer(terms);
  const { wait } = await full.settlement.settle({ terms, ...seller, ...buyer });
  const settled = await wait();
  // The events of the whole transaction, from every contract of the rails, a union on contract and eventName.
  for (const event of settled.events) {
    if (event.eventName === "Settled") {
      const amount: Amount = event.args.amount; // in the token's units, as the reads give amounts
      const way: "SignedSettlement" | "EscrowedDeals" | "CrossBankSettlement" = event.contract;
      void [amount, way];
    }
    if (event.contract === "TokenizedDeposit" && event.eventName === "Transfer") {
      const value: Amount = event.args.value;
      void value;
    }
    if (event.contract === "BillOfLadingRegistry" && event.eventName === "Transfer") {
      const id: bigint = event.args.tokenId;
      void id;
    }
    if (event.contract === "BillOfLadingRegistry" && event.eventName === "BillIssued") {
      const kind: BillKind = event.args.kind;
      void kind;
    }
    if (event.contract === "EscrowedDeals" && event.eventName === "PaymentDeposited") {
      const baseUnits: bigint = event.args.amountBaseUnits; // the event names no token: base units, named so
      void baseUnits;
    }
    // @ts-expect-error: the registry's Transfer carries a token id, not an amount
    if (event.contract === "BillOfLadingRegistry" && event.eventName === "Transfer") void event.args.value;
    // @ts-expect-error: no contract of the rails emits this event
    if (event.eventName === "Swap") void event;
  }
  const anyEvent: RailsEvent | undefined = settled.events[0];
  void anyEvent;

  // Prepared forms: validated and simulated, not sent; no walletClient needed, only the account to simulate from.
  const prepared: PreparedWrite = await rails.participants.register.prepare(
    { account, kinds: ["carrier"], jurisdiction: "HK", validUntil: new Date(), kycReference },
    { account },
  );
  const tx: { to: Address; data: Hex; value: bigint; gas: bigint; chainId: number; from: Address } = prepared;
  const safeTx: SafeTransactionData = toSafeTransaction(prepared, { nonce: 0n });
  const safeTxHash: Hex = hashSafeTransaction(safeTx, { safe: account, chainId: prepared.chainId });
  await full.ebl.pause.prepare({ account });
  await full.settlement.cancelTerms.prepare(terms, { way: "escrowed" }, { account });
  void [tx, safeTxHash];
  // The send form takes overrides after the operation's own arguments.
  const overrides: WriteOptions = { gas: 100_000n, maxFeePerGas: 1n, maxPriorityFeePerGas: 1n, nonce: 3 };
  await full.deposits.HKD.transfer({ to: account, amount: "1.00" }, overrides);
  await full.ebl.pause({ nonce: 4 });
  // @ts-expect-error: overrides come after the operation's arguments, not in them
  await full.deposits.HKD.transfer({ to: account, amount: "1.00", nonce: 3 });
  // @ts-expect-error: a prepared write is not a sent one (no wait())
  await (await full.ebl.pause.prepare({ account })).wait();
  // A typed-data signer: an address with a callback (an HSM), or any viem account.
  const hsm: TypedDataSigner = { address: account, signTypedData: async (): Promise<Hex> => "0x" };
  createCargoRails({ publicClient, addresses: { participantRegistry: account }, signer: hsm });
  const fromChain: WriteReceipt = await full.waitForTransaction("0x");
  void fromChain;
  const ways: SettlementWay[] = full.settlement.settledEvents(settled.receipt).map((e: SettledEvent) => e.way);
  const rail: Address | null = await full.settlement.paymentRailOf("HKD", { way: "escrowed" });
  await full.settlement.setMarket({ way: "signed", token: "HKD", rail: null });
  void [ways, rail];
  const batch = await (await full.settlement.settleBatch([{ terms }])).wait();
  const results: BatchItemResult[] = batch.results;
  for (const result of results) if (!result.settled) void result.error.errorName;
  // A failed item's error is typed over the custom errors of every Cargo Rails contract.
  for (const result of results) {
    if (!result.settled && result.error.errorName === "EblOnLegalHold") {
      const [heldToken]: readonly [bigint] = result.error.args;
      const typed: CargoRailsRevertError = result.error;
      void [heldToken, typed];
    }
  }
  const hash: Hex = hashSettlementTerms(terms, { name: "Cargo Rails Signed Settlement", version: "2", chainId: 1 });
  const dealHash: Hex = hashSettlementDeal(terms, { name: "Cargo Rails Escrowed Deals", version: "2", chainId: 1 });
  const roundTrip: SettlementSubmission = settlementFromJson(settlementToJson({ terms }));
  const amountText: string = (JSON.parse(settlementToJson({ terms })) as SettlementSubmissionJson).terms
    .amountBaseUnits;
  void [roundTrip, amountText];
  const dealSignature: Hex = await full.settlement.signDeal(terms);
  void [dealHash, dealSignature];
  // A revert decoded against the settlement's ABI can be another contract's error, bubbled up: typed all the same.
  const fromSettlement = decodeContractError(new Error(), signedSettlementAbi);
  if (fromSettlement instanceof ContractRevertError && fromSettlement.errorName === "DepositAccountFrozen") {
    const [frozen]: readonly [Address] = fromSettlement.args;
    void frozen;
  }
  if (fromSettlement instanceof RpcConnectionError) void (fromSettlement.url satisfies string | undefined);
  // A shared refusal has one name and one argument list in every contract's ABI.
  const fromRegistry = decodeContractError(new Error(), participantRegistryAbi);
  if (fromRegistry instanceof ContractRevertError && fromRegistry.errorName === "RailsNotVerified") {
    const [unverified]: readonly [Address] = fromRegistry.args;
    void unverified;
  }
  if (isContractRevert(error, billOfLadingRegistryAbi, "RailsExpired")) {
    const [deadline, chainTime]: readonly [bigint, bigint] = error.args;
    void [deadline, chainTime];
  }
  if (isContractRevert(error, billOfLadingRegistryAbi, "EblNotHolder")) {
    const [heldToken, caller]: readonly [bigint, Address] = error.args;
    void [heldToken, caller];
  }
  void [status, chain, balance, hash];
}

// ---------------------------------------------------------------- what must not compile
export async function mustNotCompile(): Promise<void> {
  // @ts-expect-error: an unknown participant kind
  await rails.participants.isVerifiedAs(account, ["shipowner"]);
  // @ts-expect-error: kinds is required
  await rails.participants.register({ account, jurisdiction: "HK", validUntil: 1n, kycReference });
  const base = { account, kinds: ["carrier"], jurisdiction: "HK" } as const;
  // @ts-expect-error: validUntil is a Date or bigint seconds, never a number
  await rails.participants.register({ ...base, validUntil: 1700000000, kycReference });
  // @ts-expect-error: kycReference is hex, not any string
  await rails.participants.update({ ...base, validUntil: 1n, kycReference: "LEI-123" });
  // @ts-expect-error: an account is an address, not any string
  await rails.participants.revoke({ account: "importer" });
  // @ts-expect-error: revoke takes { account }, not the address itself
  await rails.participants.revoke(account);
  // @ts-expect-error: amounts are decimal strings, never floating-point numbers
  parseAmount(1250.5, 2);
  // @ts-expect-error: amounts are decimal strings in token units; base units go through formatAmount first
  parseAmount(125050n, 2);
  // @ts-expect-error: formatAmount takes base units as a bigint
  formatAmount("125050", 2);
  // @ts-expect-error: the addresses name the participant registry
  createCargoRails({ publicClient, addresses: { registry: account } });
  // @ts-expect-error: a namespace the SDK does not have
  void rails.trade;
  // @ts-expect-error: no deposit token was configured for USD
  void full.deposits.USD;
  // @ts-expect-error: no deposit token was configured at all
  void rails.deposits.HKD;
  // @ts-expect-error: the labels of Ignition addresses are only known at run time: HKD may be missing
  await fromIgnition.deposits.HKD.balanceOf(account);
  // @ts-expect-error: `deposits` is optional in the addresses' type: HKD may be missing
  await optional.deposits.HKD.balanceOf(account);
  // @ts-expect-error: not a label of the addresses' type
  void optional.deposits.USD;
  // @ts-expect-error: a token id is a bigint, never a number
  await full.ebl.bill(1);
  const explicit = {
    shipper: account,
    transportDocumentReference: "X",
    titleHolder: account,
    documentHash: kycReference,
  };
  // @ts-expect-error: a kind of B/L the registry does not know
  await full.ebl.issue({ ...explicit, kind: "negotiable" });
  // @ts-expect-error: the shipper is an address, not a name
  await full.ebl.issue({ document: {}, shipper: "Shanghai Exporter Ltd" });
  // @ts-expect-error: block ranges are bigints
  await full.ebl.history(1n, { blockRange: 100 });
  const entries = (await full.ebl.history(1n)).entries;
  // @ts-expect-error: the ERC-721 Transfer is not one of the history's events
  void entries.filter((entry) => entry.eventName === "Transfer");
  // Entries are a union on `action`: what an action carries is read after narrowing.
  for (const entry of entries) {
    const operator: Address | null = entry.operator;
    if (entry.action === "ENDORSE") {
      const delivered: boolean = entry.delivered;
      const previous: Address | null = entry.previousTitleHolder;
      void [delivered, previous];
    }
    // @ts-expect-error: only ENDORSE entries say whether the eBL was delivered
    void entry.delivered;
    void operator;
  }
  const endorsement = entries.find((entry): entry is EblHistoryEntryOf<"ENDORSE"> => entry.action === "ENDORSE");
  // @ts-expect-error: an ENDORSE entry is not an ISSUE entry
  const issue: EblHistoryEntryOf<"ISSUE"> | undefined = endorsement;
  void issue;
  // @ts-expect-error: amounts are decimal strings, never floating-point numbers
  await full.deposits.HKD.transfer({ to: account, amount: 1250.5 });
  // @ts-expect-error: 100n is HKD 1.00 in base units: pass "1.00", or formatAmount(100n, 2)
  await full.deposits.HKD.transfer({ to: account, amount: 100n });
  // @ts-expect-error: a bank mints a decimal string, not base units
  await full.deposits.HKD.mint({ to: account, amount: 125050n, bankReference: "DEP-0001" });
  // @ts-expect-error: the cap is a decimal string too
  await full.deposits.HKD.setSupplyCap({ cap: 0n });
  // @ts-expect-error: a read is in token units, not a bigint
  const units: bigint = await full.deposits.HKD.balanceOf(account);
  void units;
  const trade = { tokenId: 1n, paymentToken: "HKD", seller: account, buyer: account } as const;
  // @ts-expect-error: the price is a decimal string in the token's units
  await full.settlement.prepare({ ...trade, amount: 2500000n });
  // @ts-expect-error: a part payment is a decimal string in the token's units
  await full.settlement.depositPayment({} as SettlementTerms, { amount: 100n });
  // @ts-expect-error: the JSON form has no ambiguous `amount`; it is `amountBaseUnits`
  void ({} as SettlementSubmissionJson).terms.amount;
  // @ts-expect-error: a bank reference is required when minting
  await full.deposits.HKD.mint({ to: account, amount: "1" });
  // @ts-expect-error: an eBL role is not a deposit role
  await full.access.grantRole({ role: { contract: "deposit", currency: "HKD", name: "ISSUER" }, account });
  // @ts-expect-error: the settlement contract has no minter
  await full.access.grantRole({ role: { contract: "settlement", name: "MINTER" }, account });
  // @ts-expect-error: the eBL registry has no minter (a role is typed per contract)
  await full.access.grantRole({ role: { contract: "ebl", name: "MINTER" }, account });
  // @ts-expect-error: roles are granted in rails.access, not on a contract's namespace
  await full.ebl.grantRole({ role: "MINTER_ROLE", account });
  // @ts-expect-error: roles are named, not given by their ids
  await rails.access.revokeRole({ role: 2n, account });
  const terms = await full.settlement.prepare({
    tokenId: 1n,
    paymentToken: "HKD",
    amount: "1",
    seller: account,
    buyer: account,
  });
  // @ts-expect-error: not a payment method of the settlement contract
  await full.settlement.settle({ terms, payment: { method: "cash" } });
  // @ts-expect-error: terms are complete SettlementTerms (from settlement.prepare), not the input
  await full.settlement.settle({ terms: { tokenId: 1n, amount: 1n } });
  // @ts-expect-error: a way is "signed" or "escrowed"
  await full.settlement.pause("deal");
  // @ts-expect-error: terms carry their condition, even when there is none (zero address, zero bytes)
  const noCondition: SettlementTerms = { ...terms, condition: undefined };
  void noCondition;
  const decoded = decodeContractError(new Error(), signedSettlementAbi);
  // @ts-expect-error: not a custom error of any Cargo Rails contract (decodeContractError returns no untyped revert)
  if (decoded instanceof ContractRevertError && decoded.errorName === "NoSuchError") void decoded;
  const batch = await (await full.settlement.settleBatch([{ terms }])).wait();
  for (const result of batch.results) {
    // @ts-expect-error: a failed item's error is a revert of a Cargo Rails contract, typed by errorName
    if (!result.settled && result.error.errorName === "NoSuchError") void result;
  }
  const error = decodeContractError(new Error(), participantRegistryAbi);
  // @ts-expect-error: not a custom error of the ParticipantRegistry
  if (isContractRevert(error, participantRegistryAbi, "NoSuchError")) void error;
  if (isContractRevert(error, participantRegistryAbi, "ParticipantNotRegistered")) {
    // @ts-expect-error: ParticipantNotRegistered has one argument (an address), not a bigint
    const wrong: bigint = error.args[0];
    void wrong;
  }
}

/** The watchers and the history cursor: decoded events typed by name, filters typed by the event's indexed arguments. */
export async function watchersAndCursor(): Promise<void> {
  const unwatchEbl: Unwatch = watchEblEvents(full, {
    eventName: "Endorsed",
    args: { tokenId: 1n },
    onLogs: (events) => {
      for (const event of events) {
        const endorsee: Address = event.args.endorsee;
        const delivered: boolean = event.args.delivered;
        void [endorsee, delivered];
      }
    },
  });
  watchEblEvents(full, {
    onLogs: (events: EblEvent[]) => {
      for (const event of events)
        if (event.eventName === "BillIssued") void (event.args.kind satisfies "straight" | "toOrder");
    },
  });
  watchDepositEvents(full, "HKD", {
    eventName: "Transfer",
    args: { to: "0x0000000000000000000000000000000000000001" },
    onLogs: (events: DepositEvent<"Transfer">[]) => void events.map((e) => e.args.value satisfies string),
  });
  watchSettlementEvents(full, {
    eventName: "Settled",
    onLogs: (events: SettlementEvent<"Settled">[]) =>
      void events.map((e) => [e.way, e.args.amount satisfies string, e.args.tokenId satisfies bigint]),
  });
  watchSettlementEvents(full, {
    eventName: "PaymentDeposited",
    onLogs: (events) => void events.map((e) => e.args.amountBaseUnits satisfies bigint),
  });
  unwatchEbl();

  const page = await full.ebl.history(1n, { limit: 100 });
  const next: bigint | null = page.nextBlock;
  const cursor: EblHistoryCursor | null = page.cursor;
  if (cursor !== null) await full.ebl.history(1n, { cursor });
  void next;
  const fromIgnition = await addressesFromIgnition("ignition/deployments/chain-31337");
  const deployBlock: bigint | undefined = fromIgnition.deployBlocks?.eblRegistry;
  void deployBlock;

  watchDepositEvents(full, "HKD", {
    eventName: "Transfer",
    // @ts-expect-error: a deposit amount is a decimal string, not base units
    onLogs: (events) => events.map((e) => e.args.value satisfies bigint),
  });
  // @ts-expect-error: the eBL registry has no such event
  watchEblEvents(full, { eventName: "Settled", onLogs: () => undefined });
  // @ts-expect-error: `args` filters on indexed arguments only (Endorsed's `delivered` is not indexed)
  watchEblEvents(full, { eventName: "Endorsed", args: { delivered: true }, onLogs: () => undefined });
  // @ts-expect-error: the escrowed payment amounts are base units under another name
  watchSettlementEvents(full, { eventName: "PaymentDeposited", onLogs: (events) => events.map((e) => e.args.amount) });
  // @ts-expect-error: onLogs is required
  watchEblEvents(full, { eventName: "Endorsed" });
}

// ---------------------------------------------------------------- interbank: reserves, payments, FX, cross-bank
const interbank = createCargoRails({
  publicClient,
  addresses: {
    participantRegistry: account,
    interbankPayments: account,
    crossBankSettlement: account,
    deposits: { HKD: account, CNH: account },
    reserves: { HKD: account, CNH: account },
  },
});

export async function interbankCompiles(): Promise<void> {
  const balance: Amount = await interbank.reserves.HKD.balanceOf(account);
  const quote: InterbankQuote = await interbank.fx.quote({
    pay: "HKD",
    receive: "CNH",
    rate: "0.9234",
    maxPayAmount: "100.00",
    taker: null,
  });
  const signed: SignedQuote = await interbank.fx.signQuote(quote);
  const received: Amount = await interbank.fx.quotedAmount(quote, "10.00");
  const payment = { payerToken: "HKD", payeeToken: "CNH", payee: account, amount: "10.00", paymentId: "E2E-1" };
  const { events } = await (await interbank.interbank.pay({ ...payment, quote: signed })).wait();
  for (const event of events) {
    if (event.contract === "InterbankPayments" && event.eventName === "InterbankPaid") {
      const paid: Amount = event.args.payAmount;
      void paid;
    }
  }
  const prepared: PreparedWrite = await interbank.interbank.pay.prepare(payment, { account });
  const terms: CrossBankTerms = await interbank.crossBank.prepare({
    tokenId: 1n,
    paymentToken: "HKD",
    amount: "1.00",
    seller: account,
    buyer: account,
    payeeToken: "CNH",
    quote,
  });
  const back: CrossBankSubmission = crossBankFromJson(crossBankToJson({ terms }));
  const rate: bigint = parseRate("0.9234", { payDecimals: 2, receiveDecimals: 2 });
  void [balance, received, prepared, back, rate];

  // @ts-expect-error: a reserve amount is a decimal string, not base units
  await interbank.reserves.HKD.issue({ bank: account, amount: 100n, bookingReference: "RTGS-1" });
  // @ts-expect-error: no JPY among the reserves written out
  void interbank.reserves.JPY;
  // @ts-expect-error: a rate is a decimal string, not a number
  await interbank.fx.quote({ pay: "HKD", receive: "CNH", rate: 0.9234, maxPayAmount: "1.00", taker: null });
  // @ts-expect-error: the taker is stated (the payer, or null for anyone), never left out
  await interbank.fx.quote({ pay: "HKD", receive: "CNH", rate: "0.9234", maxPayAmount: "1.00" });
  watchInterbankEvents(interbank, {
    eventName: "InterbankPaid",
    // @ts-expect-error: InterbankPaid's amounts are decimal strings in each token's units
    onLogs: (events) => events.map((e) => e.args.payAmount satisfies bigint),
  });
}

const shanghai = createCargoRails({
  publicClient,
  addresses: { participantRegistry: account, eblRegistry: account, eblGateway: account },
});

export async function crossChainCompiles(transferId: Hex): Promise<void> {
  const input = { tokenId: 1n, destinationChainId: 31337, receiver: account };
  const fee: bigint = await shanghai.crossChain.quoteExport(input);
  const { transferId: sent, messageId } = await (await shanghai.crossChain.exportBill({ ...input, value: fee })).wait();
  const prepared: PreparedWrite = await shanghai.crossChain.exportBill.prepare(input, { account });
  const outbound: OutboundTransfer = await shanghai.crossChain.outboundTransfer(sent);
  const status: "none" | "sent" | "refused" | "restored" = outbound.status;
  const progress: TransferProgress = await followTransfer(transferId, {
    source: shanghai,
    destination: { rails: shanghai, chainId: 31337 },
  });
  const where: number | null = (await whereIs(1n, [shanghai])).liveOn;
  const history: CrossChainHistory = await crossChainHistory(1n, [shanghai]);
  const entry = history.entries[0];
  if (entry?.action === "EXPORT") {
    const gateway: Address = entry.gateway;
    void gateway;
  }
  void [messageId, prepared, status, progress, where];

  // @ts-expect-error: a chain id is a number, not a bigint
  await shanghai.crossChain.exportBill({ ...input, destinationChainId: 31337n });
  // @ts-expect-error: the fee is in wei, a bigint
  await shanghai.crossChain.exportBill({ ...input, value: "0.01" });
  // @ts-expect-error: the statuses of a followed transfer are sent, delivered, refused and returned
  void (progress.status === "imported");
  try {
    await waitForTransfer(transferId, { source: shanghai, destination: shanghai }, { timeout: 60_000 });
  } catch (error) {
    if (error instanceof TransferTimeoutError) void (error.progress.status satisfies TransferStatus);
  }
  watchCrossChainEvents(shanghai, {
    eventName: "BillSent",
    onLogs: (events) => events.map((e) => e.args.transferId satisfies Hex),
  });
}

// ---------------------------------------------------------------- trade documents and consent
const trade = createCargoRails({
  publicClient,
  addresses: {
    participantRegistry: account,
    eblRegistry: account,
    tradeDocumentRegistry: account,
    documentsCondition: account,
    consentRegistry: account,
  },
});

export async function documentsCompiles(bytes: Uint8Array): Promise<void> {
  const { documentId, sha256Hash, wait } = await trade.documents.register({
    documentType: "COMMERCIAL_INVOICE",
    number: "INV-1",
    owner: account,
    subject: { tokenId: 1n },
    document: { file: bytes },
  });
  const prepared: PreparedWrite = await trade.documents.register.prepare(
    { documentType: 3, number: "CO-1", owner: account, subject: { tokenId: 1n }, document: { sha256Hash } },
    { account },
  );
  const { version } = await (await trade.documents.supersede({ documentId, document: { json: { a: 1 } } })).wait();
  const check: TradeDocumentVerification = await trade.documents.verify(documentId, { file: bytes });
  if (check.result === "superseded") void (check.version satisfies number);
  if (check.result === "unknown") void (check.document satisfies null);
  const doc: TradeDocument | null = await trade.documents.documentOf(documentId);
  const status: DocumentStatus | undefined = doc?.status;
  const list = [{ documentType: "PACKING_LIST" as const, documentId }];
  const requirementId: Hex = requirementIdOf(list);
  const requirement = await trade.documents.checkRequirement(requirementId, { tokenId: 1n });
  if (!requirement.satisfied) void (requirement.reason satisfies RequirementFailure);
  const { condition, conditionData } = trade.documents.conditionFor(list);
  const id: Hex = documentIdOf(account, "SEA_WAYBILL", documentReferenceOf("SWB-1"));
  const hashes: Hex[] = [hashDocumentFile(bytes), hashDocumentJson({ a: 1 })];
  void [wait, prepared, version, status, condition, conditionData, id, hashes];

  await trade.documents.register({
    // @ts-expect-error: no such document type
    documentType: "BILL_OF_EXCHANGE",
    number: "1",
    owner: account,
    subject: { tokenId: 1n },
    document: { file: bytes },
  });
  // @ts-expect-error: the content says what it is (file, json or sha256Hash), not a bare string
  await trade.documents.verify(documentId, "invoice");
  // @ts-expect-error: a token id is a bigint
  await trade.documents.documentsOf({ tokenId: 1 });
}

export async function consentCompiles(grantId: Hex, documentId: Hex): Promise<void> {
  const terms = {
    grantee: account,
    scope: { kind: "billDocuments", tokenId: 1n },
    documentTypes: ["COMMERCIAL_INVOICE"],
    purpose: "financing",
    expiresAt: new Date(),
  } as const;
  const granted: Hex = (await (await trade.consent.grant(terms)).wait()).grantId;
  const signed: SignedConsentGrant = await trade.consent.signGrant(terms);
  const prepared: PreparedWrite = await trade.consent.grantWithSignature.prepare(signed, { account });
  const grant: ConsentGrant | null = await trade.consent.grantOf(grantId);
  const purpose: ConsentPurpose | undefined = grant?.terms.purpose;
  const coverage: ConsentCoverage = await trade.consent.covers({ grantId, documentId, purpose: "compliance" });
  if (!coverage.covered) void (coverage.reason satisfies ConsentRefusal);
  const request: SignedDataRequest = await trade.consent.signDataRequest({ grantId, documentId });
  const { requestHashes } = await (await trade.consent.recordAccess(request)).wait();
  const log = await trade.consent.accessLog({ owner: account }, { limit: 10 });
  const next = log.cursor === null ? null : await trade.consent.accessLog({ owner: account }, { cursor: log.cursor });
  const records: AccessRecord[] = log.records;
  void [granted, prepared, requestHashes, next, records];

  // @ts-expect-error: "none" is never a purpose to grant
  await trade.consent.grant({ ...terms, purpose: "none" });
  // @ts-expect-error: a bill scope names its eBL
  await trade.consent.grant({ ...terms, scope: { kind: "billDocuments" } });
  // @ts-expect-error: covers returns its reason, it is not a boolean
  void ((await trade.consent.covers({ grantId, documentId, purpose: "financing" })) satisfies boolean);
}
