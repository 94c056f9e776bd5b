import { type Abi, type Address, type Hash, type PublicClient, type WalletClient } from "viem";

import {
  billOfLadingRegistryAbi,
  consentRegistryAbi,
  crossBankSettlementAbi,
  eblGatewayAbi,
  interbankPaymentsAbi,
  participantRegistryAbi,
  railsAccessManagerAbi,
  tokenizedDepositAbi,
  tradeDocumentRegistryAbi,
  wholesaleReserveAbi,
} from "./abi/index.js";
import { type AccessNamespace } from "./access.js";
import { ContractNotConfiguredError, type CargoRailsAddresses } from "./addresses.js";
import { type ConsentNamespace } from "./consent.js";
import { type CrossBankNamespace } from "./crossBank.js";
import { type CrossChainNamespace } from "./crossChain.js";
import { type DepositClient } from "./deposits.js";
import { documentsSyncMembers, type DocumentsNamespace } from "./documents.js";
import { createEbl, type EblNamespace } from "./ebl.js";
import { type FxNamespace } from "./fx.js";
import { type InterbankNamespace } from "./interbank.js";
import { ChainMismatchError, InvalidArgumentError } from "./errors.js";
import { assertAddress } from "./guards.js";
import { boundDecoders } from "./internal/bound.js";
import { assertDeployed, toCargoRailsError, waitForEvents, type WriteReceipt } from "./internal/contract.js";
import {
  accessMembers,
  consentMembers,
  crossBankMembers,
  crossChainMembers,
  depositMembers,
  documentsMembers,
  settlementMembers,
  fxMembers,
  interbankMembers,
  lazyNamespace,
  participantsMembers,
  reserveMembers,
} from "./internal/lazy.js";
import { createEventDecoder, type RailsEventDecoder } from "./receiptEvents.js";
import { type TypedDataSigner } from "./signing.js";
import { type ParticipantsNamespace } from "./participants.js";
import { type ReserveClient } from "./reserves.js";
import { looksLikeAddress, settledEventsOf, type SettlementNamespace } from "./settlement.js";

/** What {@link createCargoRails} needs. */
export interface CargoRailsConfig<TAddresses extends CargoRailsAddresses = CargoRailsAddresses> {
  /** A viem PublicClient for reads, simulations and receipts. */
  publicClient: PublicClient;
  /** A viem WalletClient with an account, for writes. Without it the client is read-only. */
  walletClient?: WalletClient | undefined;
  /**
   * Who signs typed data (terms, deal and eBL-deposit consents, permits, EIP-3009 authorizations): any viem account
   * that signs typed data, or `{ address, signTypedData }` with a callback to an HSM or a custody platform. Default:
   * the walletClient's account. See `sdk/docs/signing.md`.
   */
  signer?: TypedDataSigner | undefined;
  /** The deployed contracts, e.g. from `addressesFromIgnition` of `@cargo-rails/sdk/node`. */
  addresses: TAddresses;
  /**
   * The block the contracts were deployed in (or any block before the first eBL): where `ebl.history` starts reading
   * events unless told otherwise. Default: `addresses.deployBlocks.eblRegistry` (which `addressesFromIgnition` reads
   * from the Ignition journal), else 0, which on a long public chain means many empty log queries.
   */
  deploymentBlock?: bigint | undefined;
  /**
   * The chain the addresses are deployed on, which {@link CargoRails.verify} checks the node against. Default: the
   * walletClient's chain, else the publicClient's chain; when neither has a chain, only the code is checked.
   */
  chainId?: number | undefined;
  /**
   * A Cargo Rails indexer's URL (`npm run indexer`, see docs/indexer.md): `ebl.heldBy` and whole-history
   * `ebl.history` reads ask it instead of scanning the chain's logs. Default: none (the chain is read).
   */
  indexerUrl?: string | undefined;
}

/**
 * One {@link DepositClient} per label of `addresses.deposits` (`rails.deposits.HKD`), typed from the addresses given
 * (the optional `deposits` is looked through to its labels):
 * - labels written out (`deposits: { HKD: "0x…" }`): one `DepositClient` member each; the members are optional when
 *   `deposits` itself may be missing from the addresses' type;
 * - labels only known at run time (a `Record<string, Address>`, as `addressesFromIgnition` returns): an index
 *   signature whose members may be `undefined`; `rails.deposit(label)` returns the client or throws;
 * - no deposits: no members.
 */
export type DepositClients<TAddresses extends CargoRailsAddresses> = LabelledClients<
  TAddresses,
  "deposits",
  DepositClient
>;

/**
 * One {@link ReserveClient} per currency of `addresses.reserves` (`rails.reserves.HKD`), typed from the addresses given
 * as {@link DepositClients} are; `rails.reserve(currency)` returns the client or throws.
 */
export type ReserveClients<TAddresses extends CargoRailsAddresses> = LabelledClients<
  TAddresses,
  "reserves",
  ReserveClient
>;

/** One `TClient` per label of `addresses[TKey]`, typed as {@link DepositClients} describes. */
export type LabelledClients<
  TAddresses extends CargoRailsAddresses,
  TKey extends "deposits" | "reserves",
  TClient,
> = TAddresses extends {
  readonly [K in TKey]?: infer TLabels;
}
  ? [NonNullable<TLabels>] extends [never]
    ? Record<never, never>
    : TAddresses extends { readonly [K in TKey]: NonNullable<TLabels> }
      ? {
          readonly [TLabel in keyof NonNullable<TLabels>]-?: string extends TLabel ? TClient | undefined : TClient;
        }
      : { readonly [TLabel in keyof NonNullable<TLabels>]+?: TClient }
  : Record<never, never>;

/** The SDK's entry point: one namespace per group of contracts. */
export interface CargoRails<TAddresses extends CargoRailsAddresses = CargoRailsAddresses> {
  /** The register of verified participants. */
  readonly participants: ParticipantsNamespace;
  /**
   * The rails' access manager: roles, their members and delays, scheduled operations.
   * @throws {ContractNotConfiguredError} On access when `addresses.accessManager` was not given.
   */
  readonly access: AccessNamespace;
  /**
   * The eBL registry.
   * @throws {ContractNotConfiguredError} On access when `addresses.eblRegistry` was not given.
   */
  readonly ebl: EblNamespace;
  /**
   * The tokenized deposits, one client per label of `addresses.deposits` (normally the currency), typed from the
   * labels given (see {@link DepositClients}). When the labels are only known at run time (addresses from
   * `addressesFromIgnition`), a member may be `undefined`: use {@link CargoRails.deposit}.
   */
  readonly deposits: DepositClients<TAddresses>;
  /**
   * Delivery versus payment, both ways: signed settlements (SignedSettlement) and escrowed deals (EscrowedDeals).
   * @throws {ContractNotConfiguredError} On access when neither `addresses.signedSettlement` nor
   * `addresses.escrowedDeals` was given (and on a call for the way whose contract was not given).
   */
  readonly settlement: SettlementNamespace;
  /**
   * The deposit client of a label (`"HKD"`) or of a token address (created on the fly for an address that is not
   * in `addresses.deposits`). Typed `DepositClient` whatever the label, for labels only known at run time.
   * @throws {InvalidArgumentError} For an unknown label (its message lists the configured ones).
   */
  deposit(token: string): DepositClient;
  /**
   * The tokenized reserves, one client per currency of `addresses.reserves` (`rails.reserves.HKD`), typed from the
   * currencies given (see {@link ReserveClients}); use {@link CargoRails.reserve} when they are only known at run time.
   */
  readonly reserves: ReserveClients<TAddresses>;
  /**
   * The reserve client of a currency (`"HKD"`) or of a reserve token's address (created on the fly for an address
   * that is not in `addresses.reserves`).
   * @throws {InvalidArgumentError} For an unknown currency (its message lists the configured ones).
   */
  reserve(currency: string): ReserveClient;
  /**
   * Payments between banks, in one currency or two (InterbankPayments).
   * @throws {ContractNotConfiguredError} On access when `addresses.interbankPayments` was not given.
   */
  readonly interbank: InterbankNamespace;
  /**
   * FX dealers' quotes for interbank payments: rates, amounts, signatures, expiry (under InterbankPayments' domain).
   * @throws {ContractNotConfiguredError} On access when `addresses.interbankPayments` was not given.
   */
  readonly fx: FxNamespace;
  /**
   * Delivery versus payment across banks and currencies (CrossBankSettlement).
   * @throws {ContractNotConfiguredError} On access when `addresses.crossBankSettlement` was not given.
   */
  readonly crossBank: CrossBankNamespace;
  /**
   * eBLs across chains (EblGateway): export to another chain's registry, follow a transfer, restore a refused one.
   * @throws {ContractNotConfiguredError} On access when `addresses.eblGateway` was not given.
   */
  readonly crossChain: CrossChainNamespace;
  /**
   * Trade documents bound to an eBL or a deal (TradeDocumentRegistry): register, supersede, revoke, verify a
   * document in hand; and the document requirements settlements can be conditioned on (DocumentsCondition, when
   * `addresses.documentsCondition` is given).
   * @throws {ContractNotConfiguredError} On access when `addresses.tradeDocumentRegistry` was not given.
   */
  readonly documents: DocumentsNamespace;
  /**
   * Consent to share trade data (ConsentRegistry): grant and revoke (by transaction or signature), check, sign data
   * requests, record and audit accesses.
   * @throws {ContractNotConfiguredError} On access when `addresses.consentRegistry` was not given.
   */
  readonly consent: ConsentNamespace;
  /**
   * Checks the configuration against the chain, once, before the first call: the node is on the expected chain
   * (`config.chainId`, else the walletClient's chain, else the publicClient's chain) and every configured address
   * holds code. {@link connectCargoRails} creates the client and calls it. Without it a wrong address surfaces on
   * first use instead: a read as a {@link ContractNotDeployedError}, a write as the same error before it is sent.
   * @throws {ChainMismatchError} When the node is on another chain.
   * @throws {ContractNotDeployedError} For the first configured address (in the order of `addresses`) without code.
   * @throws {RpcConnectionError} When the node cannot be reached.
   */
  verify(): Promise<void>;
  /**
   * Waits for a transaction sent elsewhere (a prepared write signed by a Safe, an HSM or a custody platform) and
   * returns its receipt with the events of every contract of the rails, decoded as a write's `wait()` decodes them.
   * @throws {TransactionRevertedError} When the transaction was mined but reverted.
   */
  waitForTransaction(hash: Hash, options?: { confirmations?: number; timeout?: number }): Promise<WriteReceipt>;
  /** The clients and addresses this instance was created with. */
  readonly config: Readonly<CargoRailsConfig<TAddresses>>;
}

/**
 * Creates the SDK client.
 *
 * Reads go through `publicClient`. Writes are signed by `walletClient`'s account; each write is first simulated,
 * so a revert throws a typed {@link ContractRevertError} before any transaction is sent, and returns
 * `{ hash, wait() }` where `wait()` resolves to the receipt with the decoded events.
 *
 * @throws {InvalidAddressError} When an address in `addresses` is malformed.
 *
 * @example
 * ```ts
 * const rails = createCargoRails({ publicClient, walletClient, addresses });
 * const { hash, wait } = await rails.participants.register({ account, kinds: ["carrier"], jurisdiction: "HK", validUntil, kycReference });
 * const { receipt, events } = await wait();
 * ```
 */
export function createCargoRails<const TAddresses extends CargoRailsAddresses>(
  config: CargoRailsConfig<TAddresses>,
): CargoRails<TAddresses> {
  if (typeof config !== "object" || config === null || config.publicClient === undefined) {
    throw new InvalidArgumentError("config", config, "{ publicClient, walletClient?, addresses }");
  }
  if (typeof config.addresses !== "object" || config.addresses === null) {
    throw new InvalidArgumentError("addresses", config.addresses, "{ participantRegistry: Address, ... }");
  }
  // Each namespace is a factory over a ContractContext (clients, address, generated ABI); see internal/contract.ts.
  const { publicClient, walletClient, signer, addresses, deploymentBlock } = config;
  if (deploymentBlock !== undefined && (typeof deploymentBlock !== "bigint" || deploymentBlock < 0n)) {
    throw new InvalidArgumentError("deploymentBlock", deploymentBlock, "a block number as a non-negative bigint");
  }
  if (config.chainId !== undefined && (!Number.isSafeInteger(config.chainId) || config.chainId <= 0)) {
    throw new InvalidArgumentError("chainId", config.chainId, "a positive integer chain id");
  }
  // Every write's wait() decodes the whole receipt with this, over the contracts configured below (filled in later).
  const railsContracts: [Address, string][] = [];
  const events: RailsEventDecoder = (receipt) =>
    createEventDecoder({
      contracts: railsContracts,
      format: (token, units) => (reservesByAddress.get(assertAddress(token)) ?? deposit(token)).format(units),
    })(receipt);
  const context = <TAbi extends Abi>(address: Address, abi: TAbi) => ({
    publicClient,
    walletClient,
    signer,
    events,
    address,
    abi,
  });
  // The code of the namespaces below is loaded on their first call (`import()`, see lazyNamespace): a browser bundle
  // of createCargoRails carries only their stand-ins up front.
  const participantRegistry = assertAddress(addresses.participantRegistry, "addresses.participantRegistry");
  const participants = lazyNamespace(
    async () =>
      (await import("./participants.js")).createParticipants(context(participantRegistry, participantRegistryAbi)),
    { address: participantRegistry },
    participantsMembers,
  );
  const eblAddress =
    addresses.eblRegistry === undefined ? undefined : assertAddress(addresses.eblRegistry, "addresses.eblRegistry");
  const optional = (
    key:
      | "signedSettlement"
      | "escrowedDeals"
      | "depositRail"
      | "interbankPayments"
      | "crossBankSettlement"
      | "eblGateway"
      | "tradeDocumentRegistry"
      | "documentsCondition"
      | "consentRegistry",
  ) => (addresses[key] === undefined ? undefined : assertAddress(addresses[key], `addresses.${key}`));
  const signedSettlement = optional("signedSettlement");
  const escrowedDeals = optional("escrowedDeals");
  const depositRail = optional("depositRail");
  const interbankAddress = optional("interbankPayments");
  const crossBankAddress = optional("crossBankSettlement");
  const gatewayAddress = optional("eblGateway");
  const documentsAddress = optional("tradeDocumentRegistry");
  const conditionAddress = optional("documentsCondition");
  const consentAddress = optional("consentRegistry");
  const accessAddress =
    addresses.accessManager === undefined
      ? undefined
      : assertAddress(addresses.accessManager, "addresses.accessManager");
  const access =
    accessAddress &&
    lazyNamespace(
      async () => (await import("./access.js")).createAccess(context(accessAddress, railsAccessManagerAbi)),
      { address: accessAddress },
      accessMembers,
    );
  const { clients: deposits, lookup: deposit } = labelled(
    addresses.deposits,
    "deposits",
    (address, label) =>
      lazyNamespace(
        async () => (await import("./deposits.js")).createDeposit(context(address, tokenizedDepositAbi), label),
        { address },
        depositMembers,
      ),
    ["token", "a deposit label", "a token address"],
  );
  const lazy = () => import("./internal/interbankNamespaces.js");
  const {
    clients: reserves,
    byAddress: reservesByAddress,
    lookup: reserve,
  } = labelled(
    addresses.reserves,
    "reserves",
    (address, label) =>
      lazyNamespace(
        async () => (await lazy()).createReserve(context(address, wholesaleReserveAbi), label),
        { address },
        reserveMembers,
      ),
    ["currency", "a reserve currency", "a reserve token address"],
  );
  const interbank =
    interbankAddress &&
    lazyNamespace(
      async () => (await lazy()).createInterbank(context(interbankAddress, interbankPaymentsAbi), { deposit, reserve }),
      { address: interbankAddress },
      interbankMembers,
    );
  const fx =
    interbankAddress &&
    lazyNamespace(
      async () => (await lazy()).createFx(context(interbankAddress, interbankPaymentsAbi), reserve),
      { interbankPayments: interbankAddress },
      fxMembers,
    );
  const crossBank =
    crossBankAddress &&
    lazyNamespace(
      async () =>
        (await lazy()).createCrossBank({
          ctx: context(crossBankAddress, crossBankSettlementAbi),
          interbankPayments: interbankAddress,
          eblRegistry: eblAddress,
          deposit,
        }),
      { address: crossBankAddress },
      crossBankMembers,
    );
  const crossChain =
    gatewayAddress &&
    lazyNamespace(
      async () => (await import("./crossChainNamespace.js")).createCrossChain(context(gatewayAddress, eblGatewayAbi)),
      { address: gatewayAddress },
      crossChainMembers,
    );
  const documents =
    documentsAddress &&
    lazyNamespace(
      async () =>
        (await import("./documentsNamespace.js")).createDocuments({
          ctx: context(documentsAddress, tradeDocumentRegistryAbi),
          condition: conditionAddress,
          eblRegistry: eblAddress,
          escrowedDeals,
        }),
      documentsSyncMembers(documentsAddress, conditionAddress),
      documentsMembers,
    );
  const consent =
    consentAddress &&
    lazyNamespace(
      async () =>
        (await import("./consentNamespace.js")).createConsent({
          ctx: context(consentAddress, consentRegistryAbi),
          eblRegistry: eblAddress,
          fromBlock: addresses.deployBlocks?.consentRegistry,
        }),
      { address: consentAddress },
      consentMembers,
    );
  const ebl =
    eblAddress === undefined
      ? undefined
      : createEbl(
          { publicClient, walletClient, signer, events, address: eblAddress, abi: billOfLadingRegistryAbi },
          {
            historyFromBlock: deploymentBlock ?? addresses.deployBlocks?.eblRegistry,
            indexerUrl: config.indexerUrl,
            lens: addresses.eblLens === undefined ? undefined : assertAddress(addresses.eblLens, "addresses.eblLens"),
          },
        );
  const settlement =
    signedSettlement === undefined && escrowedDeals === undefined
      ? undefined
      : lazyNamespace(
          async () =>
            (await import("./internal/settlementNamespace.js")).createSettlement({
              publicClient,
              walletClient,
              signer,
              events,
              signedSettlement,
              escrowedDeals,
              depositRail,
              eblRegistry: eblAddress,
              deposit,
            }),
          {
            signedSettlement,
            escrowedDeals,
            settledEvents: (receipt) => settledEventsOf(receipt, { signedSettlement, escrowedDeals }),
          },
          settlementMembers,
        );
  // What verify() checks, in the order of `addresses`: each address with the contract expected there.
  const configured = (
    [
      [participants.address, "ParticipantRegistry"],
      [access?.address, "RailsAccessManager"],
      [eblAddress, "BillOfLadingRegistry"],
      [addresses.eblLens, "EblLens"],
      [signedSettlement, "SignedSettlement"],
      [escrowedDeals, "EscrowedDeals"],
      [depositRail, "DepositRail"],
      ...Object.entries(deposits).map(([label, client]) => [client.address, `TokenizedDeposit ${label}`]),
      [interbankAddress, "InterbankPayments"],
      [crossBankAddress, "CrossBankSettlement"],
      [gatewayAddress, "EblGateway"],
      [documentsAddress, "TradeDocumentRegistry"],
      [conditionAddress, "DocumentsCondition"],
      [consentAddress, "ConsentRegistry"],
      ...Object.entries(reserves).map(([currency, client]) => [client.address, `WholesaleReserve ${currency}`]),
    ] as [Address | undefined, string][]
  ).filter((entry): entry is [Address, string] => entry[0] !== undefined);
  railsContracts.push(...configured);
  async function verify(): Promise<void> {
    let actual: number;
    try {
      actual = await publicClient.getChainId();
    } catch (error) {
      throw toCargoRailsError(error, { abi: [], operation: "eth_chainId" });
    }
    const expected: [number, string] | undefined =
      config.chainId !== undefined
        ? [config.chainId, "the chainId option"]
        : walletClient?.chain !== undefined
          ? [walletClient.chain.id, `the walletClient's chain (${walletClient.chain.name})`]
          : publicClient.chain !== undefined
            ? [publicClient.chain.id, `the publicClient's chain (${publicClient.chain.name})`]
            : undefined;
    if (expected !== undefined && expected[0] !== actual) {
      throw new ChainMismatchError({ expectedChainId: expected[0], actualChainId: actual, source: expected[1] });
    }
    const checks = await Promise.allSettled(
      configured.map(([address, contract]) => assertDeployed(publicClient, address, contract)),
    );
    for (const check of checks) if (check.status === "rejected") throw check.reason;
  }
  const rails: CargoRails<TAddresses> = {
    participants,
    get access(): AccessNamespace {
      if (access === undefined)
        throw new ContractNotConfiguredError("access", "access manager (addresses.accessManager)");
      return access;
    },
    get ebl(): EblNamespace {
      if (ebl === undefined) throw new ContractNotConfiguredError("ebl", "eBL registry (addresses.eblRegistry)");
      return ebl;
    },
    get settlement(): SettlementNamespace {
      if (settlement === undefined) {
        throw new ContractNotConfiguredError(
          "settlement",
          "settlement contracts (addresses.signedSettlement, addresses.escrowedDeals)",
        );
      }
      return settlement;
    },
    deposits: Object.freeze(deposits) as DepositClients<TAddresses>,
    deposit,
    reserves: Object.freeze(reserves) as ReserveClients<TAddresses>,
    reserve,
    get interbank(): InterbankNamespace {
      if (interbank === undefined) {
        throw new ContractNotConfiguredError("interbank", "InterbankPayments contract (addresses.interbankPayments)");
      }
      return interbank;
    },
    get fx(): FxNamespace {
      if (fx === undefined) {
        throw new ContractNotConfiguredError("fx", "InterbankPayments contract (addresses.interbankPayments)");
      }
      return fx;
    },
    get crossBank(): CrossBankNamespace {
      if (crossBank === undefined) {
        throw new ContractNotConfiguredError(
          "crossBank",
          "CrossBankSettlement contract (addresses.crossBankSettlement)",
        );
      }
      return crossBank;
    },
    get crossChain(): CrossChainNamespace {
      if (crossChain === undefined) {
        throw new ContractNotConfiguredError("crossChain", "EblGateway contract (addresses.eblGateway)");
      }
      return crossChain;
    },
    get documents(): DocumentsNamespace {
      if (documents === undefined) {
        throw new ContractNotConfiguredError("documents", "TradeDocumentRegistry (addresses.tradeDocumentRegistry)");
      }
      return documents;
    },
    get consent(): ConsentNamespace {
      if (consent === undefined) {
        throw new ContractNotConfiguredError("consent", "ConsentRegistry (addresses.consentRegistry)");
      }
      return consent;
    },
    verify,
    waitForTransaction: (hash, options = {}) =>
      waitForEvents(
        { publicClient, events, abi: [], address: participants.address },
        "waitForTransaction",
        hash,
        options,
      ),
    config: Object.freeze({ ...config }),
  };
  boundDecoders.set(rails, events);
  return rails;
}

/**
 * One client per label of `given` (`addresses.deposits`, `addresses.reserves`), and a lookup by label or address
 * that creates (once) a client for an address not given.
 */
function labelled<TClient extends { address: Address }>(
  given: Readonly<Record<string, Address>> | undefined,
  key: string,
  create: (address: Address, label: string) => TClient,
  [argument, label, address]: [string, string, string],
) {
  const clients: Record<string, TClient> = {};
  const byAddress = new Map<Address, TClient>();
  const add = (value: Address, name: string) => {
    const client = create(value, name);
    byAddress.set(client.address, client);
    return client;
  };
  for (const [name, value] of Object.entries(given ?? {})) {
    clients[name] = add(assertAddress(value, `addresses.${key}.${name}`), name);
  }
  const lookup = (name: string): TClient => {
    const known = clients[name];
    if (known !== undefined) return known;
    if (typeof name === "string" && looksLikeAddress(name)) {
      const value = assertAddress(name, argument);
      return byAddress.get(value) ?? add(value, value);
    }
    throw new InvalidArgumentError(
      argument,
      name,
      `${label} (${Object.keys(clients).join(", ") || "none configured"}) or ${address}`,
    );
  };
  return { clients, byAddress, lookup };
}

/**
 * Creates the SDK client and checks it against the chain ({@link CargoRails.verify}): the node is on the expected
 * chain and every configured address holds code. The way to start in an application; {@link createCargoRails} is
 * the synchronous factory without the check.
 *
 * @throws {ChainMismatchError} When the node is on another chain than `config.chainId` or the clients' chain.
 * @throws {ContractNotDeployedError} When a configured address holds no code.
 *
 * @example
 * ```ts
 * const rails = await connectCargoRails({ publicClient, walletClient, addresses });
 * ```
 */
export async function connectCargoRails<const TAddresses extends CargoRailsAddresses>(
  config: CargoRailsConfig<TAddresses>,
): Promise<CargoRails<TAddresses>> {
  const rails = createCargoRails(config);
  await rails.verify();
  return rails;
}
