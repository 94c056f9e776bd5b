/**
 * The rails' roles: one table of role ids, labels and the functions each role may call, used by the SDK, the Ignition
 * module and the tests. The roles live in one OpenZeppelin `AccessManager` (`RailsAccessManager`), whose role ids are
 * `uint64`; the contracts ask it through `restricted`.
 *
 * Roles are global in a manager while deposit tokens belong to different banks: every deposit token has roles of its
 * own, `(currency code << 8) | offset` (so "HKD MINTER" can never mint CNH), administered by that token's bank admin
 * role ("HKD ADMIN"), not by the manager's `ADMIN_ROLE`. See docs/architecture.md, "Role model".
 */
import { getAbiItem, parseAbi, toFunctionSelector, type Abi, type Hex } from "viem";

import {
  billOfLadingRegistryAbi,
  depositRailAbi,
  eblGatewayAbi,
  hyperlaneTransportAbi,
  interbankPaymentsAbi,
  participantRegistryAbi,
  signedSettlementAbi,
  tokenizedDepositAbi,
  tradeDocumentRegistryAbi,
} from "./abi/index.js";
import { InvalidArgumentError } from "./errors.js";

/** The manager's own admin role (OpenZeppelin `ADMIN_ROLE`): holds every power not given to another role. */
export const ADMIN_ROLE = 0n;
/** Everyone (OpenZeppelin `PUBLIC_ROLE`). */
export const PUBLIC_ROLE = 2n ** 64n - 1n;

/** The platform's roles, per contract: id, label (`labelRole`) and the functions the role may call. */
export const platformRoles = {
  participants: {
    REGISTRAR: { id: 1n, label: "REGISTRAR", functions: ["register", "registerBatch", "update", "revoke"] },
  },
  ebl: {
    ISSUER: { id: 2n, label: "EBL ISSUER", functions: ["issue"] },
    LEGAL_HOLD: { id: 3n, label: "EBL LEGAL HOLD", functions: ["placeLegalHold", "liftLegalHold"] },
    PAUSER: { id: 4n, label: "EBL PAUSER", functions: ["pause", "unpause"] },
    /** Takes eBLs off this chain and re-creates arriving ones (`exportBill`, `importBill`): held by the EblGateway. */
    GATEWAY: { id: 9n, label: "EBL GATEWAY", functions: ["exportBill", "importBill"] },
  },
  /**
   * The settlement roles, over four contracts: SignedSettlement, EscrowedDeals and CrossBankSettlement (all the
   * functions listed) and the DepositRail (`recoverStrayToken` only); see {@link settlementTargets}.
   */
  settlement: {
    PAUSER: { id: 5n, label: "SETTLEMENT PAUSER", functions: ["pause", "unpause"] },
    /** Markets (which registry trades against which token, through which rail) and the recovery of stray assets. */
    ADMIN: {
      id: 6n,
      label: "SETTLEMENT ADMIN",
      functions: ["setMarket", "recoverStrayToken", "recoverStrayEbl"],
    },
  },
  /** The interbank payments contract (InterbankPayments). */
  interbank: {
    PAUSER: { id: 7n, label: "INTERBANK PAUSER", functions: ["pause", "unpause"] },
    /** Pays for a payer whose consent the caller checked (`payFor`): held by the cross-bank settlement contract. */
    SETTLER: { id: 8n, label: "INTERBANK SETTLER", functions: ["payFor"] },
  },
  /**
   * The eBL gateway between chains (EblGateway, all the functions listed) and its Hyperlane adapter (HyperlaneTransport:
   * `enrollRemote` and `setInterchainSecurityModule` under ADMIN); see {@link crossChainTargets}.
   */
  crossChain: {
    /** The transport the gateway trusts, and the native currency it holds for refusal fees. */
    ADMIN: {
      id: 10n,
      label: "CROSS-CHAIN ADMIN",
      functions: ["setTransport", "revokeTransport", "withdrawFees"],
    },
    PAUSER: { id: 11n, label: "CROSS-CHAIN PAUSER", functions: ["pause", "unpause"] },
  },
  /** The trade document registry (TradeDocumentRegistry). */
  documents: {
    /** Defines document types and which participant kinds may issue each. */
    ADMIN: { id: 12n, label: "DOCUMENT ADMIN", functions: ["setDocumentType"] },
  },
  /** The digital payment obligations token (PaymentObligations). */
  obligations: {
    /** Issues accepted bills as obligations (`issue`): held by the DocumentsAgainstAcceptance contract. */
    ISSUER: { id: 13n, label: "OBLIGATION ISSUER", functions: ["issue"] },
  },
  /**
   * The four trade-finance contracts (TrustReceipts, DocumentsAgainstAcceptance, PaymentObligations,
   * DocumentaryCredits); see {@link tradeFinanceTargets}.
   */
  tradeFinance: {
    /** Sends away eBLs and deposits that reached them outside their functions, never what an instrument holds. */
    ADMIN: { id: 14n, label: "TRADE FINANCE ADMIN", functions: ["recoverStrayToken", "recoverStrayEbl"] },
  },
  /** The gateway to other eBL platforms (PlatformGateway, DCSA PINT); its pause is under CROSS-CHAIN PAUSER. */
  pint: {
    /**
     * The platform's PINT service key: completes an export on the receiver's acceptance, cancels it on a refusal,
     * records an accepted envelope's eBL, and recovers eBLs sent to the gateway outside its functions (never a
     * locked one).
     */
    OPERATOR: {
      id: 15n,
      label: "PINT OPERATOR",
      functions: ["completeExport", "cancelExport", "importFromPlatform", "recoverStrayEbl"],
    },
  },
} as const;

/**
 * The contracts the `TRADE FINANCE ADMIN` role guards: each has both recovery functions (same signatures as the
 * settlement contracts').
 */
export const tradeFinanceTargets = [
  "trustReceipts",
  "documentsAgainstAcceptance",
  "paymentObligations",
  "documentaryCredits",
] as const;

/**
 * The contracts the settlement roles guard, and which of each role's functions each contract has: the two
 * settlement contracts have them all, the payment rail only `recoverStrayToken` (it has no pause and no markets).
 */
export const settlementTargets = {
  signedSettlement: { PAUSER: ["pause", "unpause"], ADMIN: ["setMarket", "recoverStrayToken", "recoverStrayEbl"] },
  escrowedDeals: { PAUSER: ["pause", "unpause"], ADMIN: ["setMarket", "recoverStrayToken", "recoverStrayEbl"] },
  crossBankSettlement: {
    PAUSER: ["pause", "unpause"],
    ADMIN: ["setMarket", "recoverStrayToken", "recoverStrayEbl"],
  },
  depositRail: { ADMIN: ["recoverStrayToken"] },
} as const;

/**
 * The contracts the cross-chain roles guard, and which functions of each: the gateway has the functions of
 * `platformRoles.crossChain`; its Hyperlane adapter has the enrolment of the other chains' adapters and its ISM (the
 * validator set) under the same ADMIN role, since each is a power to forge messages.
 */
export const crossChainTargets = {
  eblGateway: {
    ADMIN: platformRoles.crossChain.ADMIN.functions,
    PAUSER: platformRoles.crossChain.PAUSER.functions,
  },
  hyperlaneTransport: { ADMIN: ["enrollRemote", "setInterchainSecurityModule"] },
  /** The gateway to other eBL platforms (PlatformGateway): its pause; its operator functions are `platformRoles.pint`. */
  platformGateway: { PAUSER: platformRoles.crossChain.PAUSER.functions },
} as const;

/** A contract guarded by the cross-chain roles: `"eblGateway"`, `"hyperlaneTransport"` or `"platformGateway"`. */
export type CrossChainTarget = keyof typeof crossChainTargets;

/**
 * A contract guarded by the settlement roles: `"signedSettlement"`, `"escrowedDeals"`, `"crossBankSettlement"` or
 * `"depositRail"`.
 */
export type SettlementTarget = keyof typeof settlementTargets;

/**
 * The roles of one deposit token, by offset from the token's base id. `ADMIN` calls no function: it administers (and
 * guards) the token's other roles, and is held by the issuing bank.
 */
export const depositRoles = {
  ADMIN: { offset: 0n, functions: [] },
  MINTER: { offset: 1n, functions: ["mint"] },
  BURNER: { offset: 2n, functions: ["burn"] },
  PAUSER: { offset: 3n, functions: ["pause", "unpause"] },
  FREEZER: { offset: 4n, functions: ["freeze", "unfreeze", "freezeAmount", "unfreezeAmount"] },
  COMPLIANCE: { offset: 5n, functions: ["forcedTransfer"] },
  CAP_MANAGER: { offset: 6n, functions: ["setSupplyCap"] },
} as const;

/** A contract of the platform (one of each per deployment). */
export type PlatformContract = keyof typeof platformRoles;
/** A role of one deposit token, by name. */
export type DepositRoleName = keyof typeof depositRoles;

/**
 * A role of the rails, typed per contract: an eBL role cannot be passed where a deposit role is meant, nor one
 * bank's deposit role for another's.
 *
 * @example
 * ```ts
 * const issuer: RailsRole = { contract: "ebl", name: "ISSUER" };
 * const minter: RailsRole = { contract: "deposit", currency: "HKD", name: "MINTER" };
 * ```
 */
export type RailsRole =
  | { contract: "manager"; name: "ADMIN" }
  | { [C in PlatformContract]: { contract: C; name: keyof (typeof platformRoles)[C] } }[PlatformContract]
  | { contract: "deposit"; currency: string; name: DepositRoleName };

const CURRENCY = /^[A-Z]{3}$/;

/** The base role id of the deposit token in `currency`: its ISO 4217 code as a 24-bit number, shifted by 8. */
function depositBase(currency: string): bigint {
  if (typeof currency !== "string" || !CURRENCY.test(currency)) {
    throw new InvalidArgumentError("currency", currency, 'an ISO 4217 code such as "HKD"');
  }
  return [...currency].reduce((n, c) => (n << 8n) | BigInt(c.charCodeAt(0)), 0n) << 8n;
}

/** The manager's role id (`uint64`) of a role. */
export function roleId(role: RailsRole): bigint {
  if (role.contract === "manager") return ADMIN_ROLE;
  if (role.contract === "deposit") {
    const entry = depositRoles[role.name];
    if (entry === undefined) throw new InvalidArgumentError("role.name", role.name, "a deposit role");
    return depositBase(role.currency) | entry.offset;
  }
  const entry = (platformRoles[role.contract] as Record<string, { id: bigint }> | undefined)?.[role.name as string];
  if (entry === undefined) throw new InvalidArgumentError("role", role, "a role of the rails (see platformRoles)");
  return entry.id;
}

/** The label a role carries in the manager (`labelRole`), e.g. `"EBL ISSUER"`, `"HKD MINTER"`. */
export function roleLabel(role: RailsRole): string {
  if (role.contract === "manager") return "ADMIN";
  if (role.contract === "deposit") return `${role.currency} ${role.name.replace("_", " ")}`;
  return (platformRoles[role.contract] as Record<string, { label: string }>)[role.name as string]!.label;
}

/** The role of a role id, or `undefined` for an id the table does not know. */
export function roleOf(id: bigint): RailsRole | undefined {
  if (id === ADMIN_ROLE) return { contract: "manager", name: "ADMIN" };
  for (const [contract, roles] of Object.entries(platformRoles)) {
    for (const [name, entry] of Object.entries(roles)) {
      if (entry.id === id) return { contract, name } as RailsRole;
    }
  }
  const offset = id & 0xffn;
  const code = id >> 8n;
  const name = (Object.keys(depositRoles) as DepositRoleName[]).find((n) => depositRoles[n].offset === offset);
  const currency = String.fromCharCode(
    Number((code >> 16n) & 0xffn),
    Number((code >> 8n) & 0xffn),
    Number(code & 0xffn),
  );
  if (name === undefined || code >> 24n !== 0n || !CURRENCY.test(currency)) return undefined;
  return { contract: "deposit", currency, name };
}

/** A role id's label when the table knows it (`"HKD MINTER"`), otherwise `role <id>`. */
export function roleIdLabel(id: bigint): string {
  const role = id === PUBLIC_ROLE ? undefined : roleOf(id);
  return id === PUBLIC_ROLE ? "PUBLIC" : role === undefined ? `role ${id}` : roleLabel(role);
}

/** One line of the function-role table: a role and the functions of its contract it may call. */
export interface FunctionRole {
  role: RailsRole;
  roleId: bigint;
  label: string;
  functionNames: readonly string[];
  /** The functions' selectors, in the order of `functionNames`. */
  selectors: Hex[];
}

// The two settlement contracts share the functions the roles guard (SettlementCore), so one ABI gives the selectors.
const ABIS: Record<PlatformContract | "deposit" | "rail", Abi> = {
  participants: participantRegistryAbi,
  interbank: interbankPaymentsAbi,
  crossChain: eblGatewayAbi,
  documents: tradeDocumentRegistryAbi,
  obligations: parseAbi([
    // PaymentObligations.issue only: the whole ABI would weigh on the core bundle (test/finance checks the selector).
    "function issue((bytes32,address,address,address,uint256,uint64,address,uint256),(uint8,uint256,uint256,bytes32,bytes))",
  ]),
  ebl: billOfLadingRegistryAbi,
  settlement: signedSettlementAbi,
  // The recovery functions have the settlement contracts' signatures in all four trade-finance contracts.
  tradeFinance: signedSettlementAbi,
  pint: parseAbi([
    // PlatformGateway's operator functions only, like `obligations` (test/crosschain/pintRoles.ts checks the selectors).
    "function completeExport(uint256,bytes32)",
    "function cancelExport(uint256,bytes32)",
    "function importFromPlatform(uint256,address,(uint8,uint32,address,address,bytes32,bool),bytes32,bytes32)",
    "function recoverStrayEbl(uint256,address)",
  ]),
  deposit: tokenizedDepositAbi,
  rail: depositRailAbi,
};

const selectorsOf = (abi: Abi, names: readonly string[]): Hex[] =>
  names.map((name) => toFunctionSelector(getAbiItem({ abi, name }) as Parameters<typeof toFunctionSelector>[0]));

/**
 * The function-role table of one contract: which role may call which function. The deployment sets it in the
 * manager with `setTargetFunctionRole`; every function not listed stays open (or, for the manager's own functions,
 * with the manager's `ADMIN_ROLE`).
 *
 * @param contract `"participants"`, `"ebl"`, `{ deposit: "HKD" }` for a deposit token, or one of the contracts the
 * settlement roles guard (`"signedSettlement"`, `"escrowedDeals"`, `"depositRail"`: see {@link settlementTargets}).
 * `"settlement"` gives the settlement roles with all their functions (what each settlement contract has).
 * `"eblGateway"` and `"hyperlaneTransport"` give the cross-chain roles' functions on each (see
 * {@link crossChainTargets}); `"crossChain"` the gateway's.
 */
export function functionRoles(
  contract: PlatformContract | SettlementTarget | CrossChainTarget | { deposit: string },
): FunctionRole[] {
  if (typeof contract === "object") {
    const currency = contract.deposit;
    return (Object.keys(depositRoles) as DepositRoleName[])
      .filter((name) => depositRoles[name].functions.length > 0)
      .map((name) => {
        const role: RailsRole = { contract: "deposit", currency, name };
        const functionNames = depositRoles[name].functions;
        return {
          role,
          roleId: roleId(role),
          label: roleLabel(role),
          functionNames,
          selectors: selectorsOf(ABIS.deposit, functionNames),
        };
      });
  }
  if (contract in settlementTargets) {
    const target = contract as SettlementTarget;
    return Object.entries(settlementTargets[target] as Record<string, readonly string[]>).map(
      ([name, functionNames]) => {
        const role = { contract: "settlement", name } as RailsRole;
        const entry = (platformRoles.settlement as Record<string, { id: bigint; label: string }>)[name]!;
        return {
          role,
          roleId: entry.id,
          label: entry.label,
          functionNames,
          selectors: selectorsOf(target === "depositRail" ? ABIS.rail : ABIS.settlement, functionNames),
        };
      },
    );
  }
  if (contract in crossChainTargets) {
    const target = contract as CrossChainTarget;
    return Object.entries(crossChainTargets[target] as Record<string, readonly string[]>).map(
      ([name, functionNames]) => {
        const entry = (platformRoles.crossChain as Record<string, { id: bigint; label: string }>)[name]!;
        return {
          role: { contract: "crossChain", name } as RailsRole,
          roleId: entry.id,
          label: entry.label,
          functionNames,
          selectors: selectorsOf(
            target === "hyperlaneTransport" ? hyperlaneTransportAbi : ABIS.crossChain,
            functionNames,
          ),
        };
      },
    );
  }
  const platform = contract as PlatformContract;
  if (!(platform in platformRoles)) {
    throw new InvalidArgumentError(
      "contract",
      contract,
      "a contract of the rails (see platformRoles, settlementTargets)",
    );
  }
  return Object.entries(platformRoles[platform]).map(([name, entry]) => {
    const role = { contract: platform, name } as RailsRole;
    return {
      role,
      roleId: entry.id,
      label: entry.label,
      functionNames: entry.functions,
      selectors: selectorsOf(ABIS[platform], entry.functions),
    };
  });
}
