import { type Address } from "viem";

import { CargoRailsError } from "./errors.js";

/**
 * The deployed contracts the SDK talks to. Only the participant registry is required; a namespace whose contract
 * is not given throws a {@link ContractNotConfiguredError} when used.
 */
export interface CargoRailsAddresses {
  /** The ParticipantRegistry. */
  participantRegistry: Address;
  /** The RailsAccessManager, the one authority for every contract's roles (the `access` namespace). */
  accessManager?: Address | undefined;
  /** The BillOfLadingRegistry (the `ebl` namespace). */
  eblRegistry?: Address | undefined;
  /**
   * The EblLens: read-only views kept out of the registry (`ebl.canSurrender`). Stateless, so one lens serves any
   * registry; only `ebl.canSurrender` needs it.
   */
  eblLens?: Address | undefined;
  /** The SignedSettlement contract: settlements both parties signed, in one transaction (the `settlement` namespace). */
  signedSettlement?: Address | undefined;
  /** The EscrowedDeals contract: deals whose legs are deposited in any order (the `settlement` namespace). */
  escrowedDeals?: Address | undefined;
  /**
   * The DepositRail, the payment rail the buyer approves. Optional: without it the SDK asks the settlement contract
   * for the rail of each market (`paymentRailOf(registry, token)`); with it, that rail is used for every market.
   */
  depositRail?: Address | undefined;
  /**
   * The TokenizedDeposit contracts by label, normally the currency: `{ HKD: "0x…", CNH: "0x…" }` gives
   * `rails.deposits.HKD` and `rails.deposits.CNH`.
   */
  deposits?: Readonly<Record<string, Address>> | undefined;
  /**
   * The WholesaleReserve contracts (tokenized reserves issued by each currency's central bank) by currency:
   * `{ HKD: "0x…", CNH: "0x…" }` gives `rails.reserves.HKD` and `rails.reserves.CNH`.
   */
  reserves?: Readonly<Record<string, Address>> | undefined;
  /** The InterbankPayments contract: payments between banks and currencies (the `interbank` and `fx` namespaces). */
  interbankPayments?: Address | undefined;
  /** The CrossBankSettlement contract: eBLs against cross-bank, cross-currency payments (the `crossBank` namespace). */
  crossBankSettlement?: Address | undefined;
  /**
   * The EblGateway: eBLs exported to and imported from the rails' registries on other chains (the `crossChain`
   * namespace). Its registry is `eblRegistry`.
   */
  eblGateway?: Address | undefined;
  /**
   * The PlatformGateway: eBLs exported to and imported from other eBL platforms by DCSA PINT
   * (`pintGateway(rails)` of `@cargo-rails/sdk/pint`). Its registry is `eblRegistry`.
   */
  platformGateway?: Address | undefined;
  /** The TradeDocumentRegistry: supporting trade documents of eBLs and deals, by hash, version and status. */
  tradeDocumentRegistry?: Address | undefined;
  /** The DocumentsCondition: the settlement condition that requires a set of trade documents. */
  documentsCondition?: Address | undefined;
  /** The ConsentRegistry: consent to share trade data, and the record of every access (the `consent` namespace). */
  consentRegistry?: Address | undefined;
  /** The TrustReceipts contract (`tradeFinance(rails).trustReceipts` of `@cargo-rails/sdk/trade-finance`). */
  trustReceipts?: Address | undefined;
  /**
   * The PaymentObligations token: digital payment obligations (accepted bills of exchange, ERC-721 "DPO"), their
   * discounting, aval and payment at maturity (`tradeFinance(rails).acceptances`).
   */
  paymentObligations?: Address | undefined;
  /**
   * The DocumentsAgainstAcceptance contract: eBLs released to the drawee against its accepted payment obligation
   * (`tradeFinance(rails).acceptances`).
   */
  documentsAgainstAcceptance?: Address | undefined;
  /** The DocumentaryCredits contract (`tradeFinance(rails).credits`). */
  documentaryCredits?: Address | undefined;
  /**
   * The block each contract was deployed in, as `addressesFromIgnition` reads it from the Ignition journal. Only
   * informative, except `eblRegistry`: `ebl.history` starts there unless the client's `deploymentBlock` or the
   * call's `fromBlock` says otherwise.
   */
  deployBlocks?: DeployBlocks | undefined;
}

/** The block each contract was deployed in (see {@link CargoRailsAddresses.deployBlocks}); a contract may be missing. */
export interface DeployBlocks {
  /** The ParticipantRegistry's deployment block. */
  participantRegistry?: bigint | undefined;
  /** The RailsAccessManager's deployment block. */
  accessManager?: bigint | undefined;
  /** The BillOfLadingRegistry's deployment block: where `ebl.history` starts by default. */
  eblRegistry?: bigint | undefined;
  /** The EblLens's deployment block. */
  eblLens?: bigint | undefined;
  /** The SignedSettlement's deployment block. */
  signedSettlement?: bigint | undefined;
  /** The EscrowedDeals's deployment block. */
  escrowedDeals?: bigint | undefined;
  /** The DepositRail's deployment block. */
  depositRail?: bigint | undefined;
  /** Each deposit token's deployment block, by label. */
  deposits?: Readonly<Record<string, bigint>> | undefined;
  /** Each reserve token's deployment block, by currency. */
  reserves?: Readonly<Record<string, bigint>> | undefined;
  /** The InterbankPayments' deployment block. */
  interbankPayments?: bigint | undefined;
  /** The CrossBankSettlement's deployment block. */
  crossBankSettlement?: bigint | undefined;
  /** The EblGateway's deployment block. */
  eblGateway?: bigint | undefined;
  /** The PlatformGateway's deployment block. */
  platformGateway?: bigint | undefined;
  /** The TradeDocumentRegistry's deployment block. */
  tradeDocumentRegistry?: bigint | undefined;
  /** The DocumentsCondition's deployment block. */
  documentsCondition?: bigint | undefined;
  /** The ConsentRegistry's deployment block: where `consent.accessLog` starts by default. */
  consentRegistry?: bigint | undefined;
  /** The TrustReceipts' deployment block. */
  trustReceipts?: bigint | undefined;
  /** The PaymentObligations' deployment block. */
  paymentObligations?: bigint | undefined;
  /** The DocumentsAgainstAcceptance's deployment block. */
  documentsAgainstAcceptance?: bigint | undefined;
  /** The DocumentaryCredits' deployment block. */
  documentaryCredits?: bigint | undefined;
}

/** A namespace was used whose contract address was not given to {@link createCargoRails}. */
export class ContractNotConfiguredError extends CargoRailsError {
  override name = "ContractNotConfiguredError";

  constructor(member: string, contract: string) {
    super(`\`${member}\` needs the address of the ${contract}, which was not given to createCargoRails.`, {
      hint: `Pass it in \`addresses\` (e.g. from addressesFromIgnition of \`@cargo-rails/sdk/node\`) when creating the client.`,
    });
  }
}
