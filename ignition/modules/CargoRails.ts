import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture, Future, NamedArtifactContractDeploymentFuture } from "@nomicfoundation/ignition-core";
import { encodeBytes32String, toUtf8Bytes, hexlify, ZeroHash } from "ethers";

import {
  ADMIN_ROLE,
  depositRoles,
  encodeKinds,
  functionRoles,
  platformRoles,
  roleId,
  type DepositRoleName,
  type CrossChainTarget,
  type SettlementTarget,
  type FunctionRole,
  type PlatformContract,
} from "../../sdk/src/index.js";
import { PARTICIPANT_KINDS, type DeploymentPlan } from "../plan.js";

/** The operational roles of a tokenized deposit, all given to its issuing bank at deployment (without delay). */
export const DEPOSIT_BANK_ROLES = ["MINTER", "BURNER", "PAUSER", "FREEZER", "COMPLIANCE", "CAP_MANAGER"] as const;

/** The deposit roles the interbank contract holds on each participating bank's token: it burns and mints there. */
export const DEPOSIT_INTERBANK_ROLES = ["MINTER", "BURNER"] as const;

const ascii = (text: string) => hexlify(toUtf8Bytes(text));
const unixSeconds = (isoDate: string) => BigInt(Math.floor(Date.parse(isoDate) / 1000));

/**
 * The whole suite for one network, wired: the rails' access manager, the participant register, the eBL registry,
 * one tokenized deposit per planned currency, and settlement: SignedSettlement, EscrowedDeals and their payment rail
 * (DepositRail), the three registered as settlement participants, with one market per deposit token (the eBL registry
 * against the token, paid through the rail) open in both settlement contracts.
 *
 * Permissions live in one OpenZeppelin AccessManager (`RailsAccessManager`): the module assigns every restricted
 * function to its role (the SDK's table, `functionRoles`), labels the roles, grants them to the planned holders with
 * their execution delays, gives each deposit token's roles to its bank's admin role, and sets the grant and target
 * admin delays. The settlement roles guard three contracts (`settlementTargets`): the settlement admin opens markets
 * and recovers stray assets in both settlement contracts and the rail, the settlement pauser pauses either settlement
 * contract. The deployer (account 0) is the manager's first admin, a registrar and a settlement admin while the
 * module runs; `scripts/handover.ts` then grants ADMIN_ROLE to the planned admin and renounces the deployer's roles.
 *
 * Interbank: one WholesaleReserve per planned currency (owned by its central bank), InterbankPayments and
 * CrossBankSettlement (a registered settlement participant holding the interbank settler role, guarded by the
 * settlement roles like the other settlement contracts). For each deposit with interbank participation the
 * interbank contract gets the token's minter and burner roles (administered by the bank's admin role, like the
 * bank's own), the bank opts in (`setBankAccount`, sent as the bank), and the cross-bank market (eBL registry, the
 * token) opens through the interbank contract. Each central bank admits the interbank contract as a settlement agent
 * and issues the planned reserves to the banks and the FX dealer, sent as the central bank: the planned accounts
 * must be accounts the deployment can send from (Hardhat's development accounts on localhost).
 *
 * Cross-chain: the eBL gateway (EblGateway, future id `EblGateway`) holds the registry's EBL GATEWAY role; CROSS-CHAIN
 * ADMIN goes to the planned admin (with `adminDelay`) and to the deployer (to set the transport and enrol the other
 * chains' adapters; `scripts/handover.ts` renounces it), CROSS-CHAIN PAUSER to the planned pausers. With
 * `crossChain.hyperlane` in the plan the module also deploys the Hyperlane adapter (HyperlaneTransport, future id
 * `HyperlaneTransport`) on the planned Mailbox and ISM and sets it as the gateway's transport.
 *
 * Other eBL platforms (DCSA PINT): the platform gateway (PlatformGateway, future id `PlatformGateway`) holds the
 * registry's EBL GATEWAY role too and is a verified CUSTODY participant (it holds eBLs locked for an export); PINT
 * OPERATOR goes to the planned `pintOperators` (the PINT service's keys), its pause to the CROSS-CHAIN PAUSERs.
 *
 * Trade documents: TradeDocumentRegistry (with the seven standard document types) and DocumentsCondition (the
 * settlement condition that requires documents); DOCUMENT ADMIN (`setDocumentType`) goes to the planned admin.
 * Consent: ConsentRegistry (no admin, no roles) on the participant and trade document registries.
 *
 * Trade finance: DocumentaryCredits (letters of credit) on the participant registry, the eBL registry and
 * DocumentsCondition, registered as a verified CUSTODY participant (it holds eBLs and escrowed deposits).
 * TrustReceipts on the eBL registry, registered as a verified CUSTODY participant
 * (so a bank may approve it and it holds the eBL for the bank's title, and an EIP-3009 repayment may pass through it).
 * Documents against acceptance: PaymentObligations (the DPO token; `issue` under OBLIGATION ISSUER) and
 * DocumentsAgainstAcceptance (which holds that role), both registered as verified custody participants. The four
 * have no admin; their recovery of stray assets is under TRADE FINANCE ADMIN, granted to the planned admin (with
 * `adminDelay`).
 *
 * Lists (participants, carriers, deposits, reserves) come from the plan at build time, scalars too, so one module
 * serves every network: `ignition/parameters/<network>.json` is the only input.
 */
export function buildCargoRailsModule(plan: DeploymentPlan) {
  return buildModule("CargoRails", (m) => {
    const deployer = m.getAccount(0);
    const validUntil = unixSeconds(plan.verifiedUntil);

    const accessManager = m.contract("RailsAccessManager", [deployer]);
    const participantRegistry = m.contract("ParticipantRegistry", [accessManager]);
    const eblRegistry = m.contract("BillOfLadingRegistry", [participantRegistry, accessManager]);
    const eblLens = m.contract("EblLens", []);
    const eblGateway = m.contract("EblGateway", [eblRegistry, accessManager], { id: "EblGateway" });
    const platformGateway = m.contract("PlatformGateway", [eblRegistry, accessManager], { id: "PlatformGateway" });
    const signedSettlement = m.contract("SignedSettlement", [accessManager], { id: "SignedSettlement" });
    const escrowedDeals = m.contract("EscrowedDeals", [accessManager], { id: "EscrowedDeals" });
    const depositRail = m.contract("DepositRail", [accessManager, signedSettlement, escrowedDeals], {
      id: "DepositRail",
    });
    const interbankPayments = m.contract("InterbankPayments", [accessManager], { id: "InterbankPayments" });
    const crossBankSettlement = m.contract("CrossBankSettlement", [accessManager], { id: "CrossBankSettlement" });
    const tradeDocumentRegistry = m.contract("TradeDocumentRegistry", [accessManager, participantRegistry], {
      id: "TradeDocumentRegistry",
    });
    const documentsCondition = m.contract("DocumentsCondition", [tradeDocumentRegistry], { id: "DocumentsCondition" });
    const consentRegistry = m.contract("ConsentRegistry", [participantRegistry, tradeDocumentRegistry], {
      id: "ConsentRegistry",
    });
    const trustReceipts = m.contract("TrustReceipts", [eblRegistry, accessManager], { id: "TrustReceipts" });
    // Trade finance, documents against acceptance: the obligations token and the collection that issues into it.
    const paymentObligations = m.contract("PaymentObligations", [participantRegistry, accessManager], {
      id: "PaymentObligations",
    });
    const documentsAgainstAcceptance = m.contract(
      "DocumentsAgainstAcceptance",
      [eblRegistry, participantRegistry, paymentObligations, accessManager],
      { id: "DocumentsAgainstAcceptance" },
    );
    const documentaryCredits = m.contract(
      "DocumentaryCredits",
      [participantRegistry, eblRegistry, documentsCondition, accessManager],
      { id: "DocumentaryCredits" },
    );
    const settlementContracts = {
      signedSettlement,
      escrowedDeals,
      depositRail,
      interbankPayments,
      crossBankSettlement,
    };

    /** Assigns a contract's functions to their roles, labels the roles and sets their grant delay. */
    const wire = (target: ContractFuture<string>, table: FunctionRole[], key: string): Future[] =>
      table.flatMap((line) => {
        const name = line.label.replace(/[^A-Za-z0-9]/g, "_");
        const calls: Future[] = [
          m.call(accessManager, "setTargetFunctionRole", [target, line.selectors, line.roleId], {
            id: `allow_${key}_${name}`,
          }),
          m.call(accessManager, "labelRole", [line.roleId, line.label], { id: `label_${key}_${name}` }),
        ];
        if (plan.grantDelay > 0) {
          calls.push(
            m.call(accessManager, "setGrantDelay", [line.roleId, plan.grantDelay], { id: `grantDelay_${key}_${name}` }),
          );
        }
        return calls;
      });
    const targetAdminDelay = (target: ContractFuture<string>, key: string) =>
      plan.targetAdminDelay > 0
        ? [m.call(accessManager, "setTargetAdminDelay", [target, plan.targetAdminDelay], { id: `targetDelay_${key}` })]
        : [];
    // The platform gateway appears twice: its operator functions (`pint`) and its pause (`platformGateway`, under
    // CROSS-CHAIN PAUSER); the target admin delay is set twice to the same value.
    const platform: [PlatformContract | SettlementTarget | CrossChainTarget, ContractFuture<string>][] = [
      ["participants", participantRegistry],
      ["ebl", eblRegistry],
      ["signedSettlement", signedSettlement],
      ["escrowedDeals", escrowedDeals],
      ["depositRail", depositRail],
      ["crossBankSettlement", crossBankSettlement],
      ["interbank", interbankPayments],
      ["eblGateway", eblGateway],
      ["pint", platformGateway],
      ["platformGateway", platformGateway],
      ["documents", tradeDocumentRegistry],
      ["obligations", paymentObligations],
    ];
    const platformWired = platform.flatMap(([key, target]) => [
      ...wire(target, functionRoles(key), key),
      ...targetAdminDelay(target, key),
    ]);
    // TRADE FINANCE ADMIN: the recovery of stray assets, on each of the four trade-finance contracts. The role is
    // labelled (and its grant delay set) once, with the first.
    const tradeFinance: [string, ContractFuture<string>][] = [
      ["trustReceipts", trustReceipts],
      ["documentsAgainstAcceptance", documentsAgainstAcceptance],
      ["paymentObligations", paymentObligations],
      ["documentaryCredits", documentaryCredits],
    ];
    const tradeFinanceWired = tradeFinance.flatMap(([key, target], i) => [
      ...(i === 0
        ? wire(target, functionRoles("tradeFinance"), key)
        : functionRoles("tradeFinance").map((line) =>
            m.call(accessManager, "setTargetFunctionRole", [target, line.selectors, line.roleId], {
              id: `allow_${key}_${line.label.replace(/[^A-Za-z0-9]/g, "_")}`,
            }),
          )),
      ...(key === "paymentObligations" ? [] : targetAdminDelay(target, key)),
    ]);
    const grant = (
      role: bigint,
      account: string | typeof deployer | ContractFuture<string>,
      delay: number,
      id: string,
      after: Future[] = [],
    ) => m.call(accessManager, "grantRole", [role, account, delay], { id, after });
    const ids = {
      registrar: platformRoles.participants.REGISTRAR.id,
      issuer: platformRoles.ebl.ISSUER.id,
      legalHold: platformRoles.ebl.LEGAL_HOLD.id,
      eblPauser: platformRoles.ebl.PAUSER.id,
      settlementPauser: platformRoles.settlement.PAUSER.id,
      settlementAdmin: platformRoles.settlement.ADMIN.id,
      interbankPauser: platformRoles.interbank.PAUSER.id,
      interbankSettler: platformRoles.interbank.SETTLER.id,
      eblGateway: platformRoles.ebl.GATEWAY.id,
      crossChainAdmin: platformRoles.crossChain.ADMIN.id,
      crossChainPauser: platformRoles.crossChain.PAUSER.id,
      documentAdmin: platformRoles.documents.ADMIN.id,
      tradeFinanceAdmin: platformRoles.tradeFinance.ADMIN.id,
      obligationIssuer: platformRoles.obligations.ISSUER.id,
      pintOperator: platformRoles.pint.OPERATOR.id,
    };

    // The deployer registers the participants and opens the markets; handover.ts renounces both roles.
    const deployerRegistrar = grant(ids.registrar, deployer, 0, "grantRegistrar_deployer", platformWired);
    const deployerSettlementAdmin = grant(
      ids.settlementAdmin,
      deployer,
      0,
      "grantSettlementAdmin_deployer",
      platformWired,
    );
    grant(ids.registrar, plan.registrar, 0, "grantRegistrar", platformWired);
    grant(ids.settlementAdmin, plan.admin, plan.settlementAdminDelay, "grantSettlementAdmin", platformWired);
    plan.carriers.forEach((carrier, i) => grant(ids.issuer, carrier, 0, `grantIssuer_${i}`, platformWired));
    plan.legalHold.forEach((authority, i) => grant(ids.legalHold, authority, 0, `grantLegalHold_${i}`, platformWired));
    plan.pausers.forEach((pauser, i) => {
      grant(ids.eblPauser, pauser, 0, `grantEblPauser_${i}`, platformWired);
      grant(ids.settlementPauser, pauser, 0, `grantSettlementPauser_${i}`, platformWired);
      grant(ids.interbankPauser, pauser, 0, `grantInterbankPauser_${i}`, platformWired);
      grant(ids.crossChainPauser, pauser, 0, `grantCrossChainPauser_${i}`, platformWired);
    });
    // The gateway takes eBLs off this chain and re-creates arriving ones. The deployer sets its transport (and enrols
    // the other chains' adapters after the deployment); handover.ts renounces the deployer's CROSS-CHAIN ADMIN.
    grant(ids.eblGateway, eblGateway, 0, "grantEblGateway", platformWired);
    const deployerCrossChainAdmin = grant(
      ids.crossChainAdmin,
      deployer,
      0,
      "grantCrossChainAdmin_deployer",
      platformWired,
    );
    grant(ids.crossChainAdmin, plan.admin, plan.adminDelay, "grantCrossChainAdmin", platformWired);
    grant(ids.documentAdmin, plan.admin, plan.adminDelay, "grantDocumentAdmin", platformWired);
    // The platform gateway exports and imports eBLs for other platforms (PINT); its operator is the PINT service's key.
    grant(ids.eblGateway, platformGateway, 0, "grantEblGateway_platform", platformWired);
    (plan.pintOperators ?? []).forEach((operator, i) =>
      grant(ids.pintOperator, operator, 0, `grantPintOperator_${i}`, platformWired),
    );
    grant(ids.tradeFinanceAdmin, plan.admin, plan.adminDelay, "grantTradeFinanceAdmin", tradeFinanceWired);
    let hyperlaneTransport: NamedArtifactContractDeploymentFuture<"HyperlaneTransport"> | undefined;
    if (plan.crossChain?.hyperlane !== undefined) {
      const { mailbox, ism } = plan.crossChain.hyperlane;
      hyperlaneTransport = m.contract("HyperlaneTransport", [mailbox, eblGateway, ism, accessManager], {
        id: "HyperlaneTransport",
      });
      // The gateway's wiring above labelled the cross-chain roles and set their grant delay; here only the assignment.
      const transportWired = functionRoles("hyperlaneTransport").map((line) =>
        m.call(accessManager, "setTargetFunctionRole", [hyperlaneTransport!, line.selectors, line.roleId], {
          id: `allow_hyperlaneTransport_${line.label.replace(/[^A-Za-z0-9]/g, "_")}`,
        }),
      );
      targetAdminDelay(hyperlaneTransport, "hyperlaneTransport");
      m.call(eblGateway, "setTransport", [hyperlaneTransport], {
        id: "setTransport_hyperlane",
        after: [deployerCrossChainAdmin, ...transportWired],
      });
    }

    // The D/A collection issues the obligation its drawee accepts; nobody else issues obligations.
    grant(ids.obligationIssuer, documentsAgainstAcceptance, 0, "grantObligationIssuer", platformWired);

    // The cross-bank settlement pays through the interbank contract for buyers whose signatures it checked.
    grant(ids.interbankSettler, crossBankSettlement, 0, "grantInterbankSettler", platformWired);

    // Participants first: the deposit tokens check at construction that their issuer is a verified bank.
    const registrations = plan.participants.map((p) => ({
      kinds: encodeKinds(p.kinds),
      jurisdiction: ascii(p.jurisdiction),
      validUntil,
      kycReference: p.kycReference ?? ZeroHash,
    }));
    const participantsRegistered = m.call(
      participantRegistry,
      "registerBatch",
      [plan.participants.map((p) => p.account), registrations],
      { id: "registerParticipants", after: [deployerRegistrar] },
    );
    // The rail receives deposit tokens (the EIP-3009 path) and the settlement contracts eBLs: all four are verified
    // settlement participants.
    const settlementKind = {
      kinds: PARTICIPANT_KINDS.settlement,
      jurisdiction: ascii(plan.participants[0]?.jurisdiction ?? "HK"),
      validUntil,
      kycReference: ZeroHash,
    };
    m.call(
      participantRegistry,
      "registerBatch",
      [
        [signedSettlement, escrowedDeals, depositRail, crossBankSettlement],
        [settlementKind, settlementKind, settlementKind, settlementKind],
      ],
      { id: "registerSettlement", after: [participantsRegistered] },
    );
    // The trade-finance contracts hold eBLs (trust receipts, the D/A collection, the credits) and deposits (the
    // credits' escrow), or pass deposits on (the obligations token receives EIP-3009 payments and forwards them to the
    // holder), and the platform gateway holds eBLs locked for an export to another platform: verified custody
    // participants.
    const custodyKind = { ...settlementKind, kinds: PARTICIPANT_KINDS.custody };
    m.call(
      participantRegistry,
      "registerBatch",
      [
        [trustReceipts, paymentObligations, documentsAgainstAcceptance, documentaryCredits, platformGateway],
        [custodyKind, custodyKind, custodyKind, custodyKind, custodyKind],
      ],
      { id: "registerCustody", after: [participantsRegistered] },
    );

    // Reserves: the constructor checks that the owner is a verified central bank; the central bank admits the
    // interbank contract as its settlement agent and issues the planned reserves to the banks and the dealer.
    const reserves: Record<string, NamedArtifactContractDeploymentFuture<"WholesaleReserve">> = {};
    for (const r of plan.reserves ?? []) {
      const key = `WholesaleReserve_${r.currency}`;
      const reserve = m.contract(
        "WholesaleReserve",
        [r.name, r.symbol, ascii(r.currency), r.decimals, participantRegistry, r.centralBank],
        { id: key, after: [participantsRegistered] },
      );
      m.call(reserve, "setSettlementAgent", [interbankPayments, true], {
        id: `${key}_admitInterbank`,
        from: r.centralBank,
      });
      const issues: [string, string][] = [
        ...plan.deposits
          .filter((d) => d.currency === r.currency && d.interbank !== undefined)
          .map((d): [string, string] => [d.issuer, d.interbank!.initialReserves]),
        ...(plan.fxDealer?.reserves[r.currency] === undefined
          ? []
          : [[plan.fxDealer.account, plan.fxDealer.reserves[r.currency]!] as [string, string]]),
      ];
      issues.forEach(([bank, amount], i) => {
        if (BigInt(amount) === 0n) return;
        m.call(reserve, "issue", [bank, BigInt(amount), encodeBytes32String(`INITIAL ${r.currency} ${i + 1}`)], {
          id: `${key}_issue_${i}`,
          from: r.centralBank,
        });
      });
      reserves[`reserve${r.currency}`] = reserve;
    }

    const deposits: Record<string, NamedArtifactContractDeploymentFuture<"TokenizedDeposit">> = {};
    for (const d of plan.deposits) {
      const key = `TokenizedDeposit_${d.currency}`;
      const token = m.contract(
        "TokenizedDeposit",
        [
          {
            name: d.name,
            symbol: d.symbol,
            decimals: d.decimals,
            currency: ascii(d.currency),
            registry: participantRegistry,
            issuer: d.issuer,
            issuerId: d.issuerId,
            supplyCap: BigInt(d.supplyCap),
            authority: accessManager,
          },
        ],
        { id: key, after: [participantsRegistered] },
      );
      const role = (name: DepositRoleName) => roleId({ contract: "deposit", currency: d.currency, name });
      const bankAdmin = role("ADMIN");
      const wired = [
        ...wire(token, functionRoles({ deposit: d.currency }), d.currency),
        ...targetAdminDelay(token, d.currency),
        m.call(accessManager, "labelRole", [bankAdmin, `${d.currency} ADMIN`], { id: `label_${d.currency}_ADMIN` }),
      ];
      // The bank's operational roles are granted while the manager's admin still administers them; then each is
      // handed to the bank's admin role (administered and guarded by it), and that role to itself.
      const granted = DEPOSIT_BANK_ROLES.map((name) => grant(role(name), d.issuer, 0, `${key}_grant${name}`, wired));
      if (d.interbank !== undefined) {
        granted.push(
          ...DEPOSIT_INTERBANK_ROLES.map((name) =>
            grant(role(name), interbankPayments, 0, `${key}_interbank${name}`, wired),
          ),
        );
      }
      const bankAdminGranted = grant(bankAdmin, d.admin ?? plan.admin, plan.adminDelay, `${key}_grantADMIN`, wired);
      const handed = DEPOSIT_BANK_ROLES.flatMap((name) => [
        m.call(accessManager, "setRoleAdmin", [role(name), bankAdmin], { id: `${key}_admin${name}`, after: granted }),
        m.call(accessManager, "setRoleGuardian", [role(name), bankAdmin], {
          id: `${key}_guardian${name}`,
          after: granted,
        }),
      ]);
      m.call(accessManager, "setRoleAdmin", [bankAdmin, bankAdmin], {
        id: `${key}_adminADMIN`,
        after: [...handed, bankAdminGranted],
      });
      for (const [key, contract] of [
        ["signed", signedSettlement],
        ["escrowed", escrowedDeals],
      ] as const) {
        m.call(contract, "setMarket", [eblRegistry, token, depositRail], {
          id: `market_${key}_${d.currency}`,
          after: [deployerSettlementAdmin],
        });
      }
      if (d.interbank !== undefined) {
        // The bank opts in (sent as the bank: only the token's issuer may), and the cross-bank market opens.
        m.call(
          interbankPayments,
          "setBankAccount",
          [
            token,
            reserves[`reserve${d.currency}`]!,
            BigInt(d.interbank.outflowCapacity),
            BigInt(d.interbank.inflowCapacity),
          ],
          { id: `${key}_interbankAccount`, from: d.issuer },
        );
        m.call(crossBankSettlement, "setMarket", [eblRegistry, token, interbankPayments], {
          id: `market_crossBank_${d.currency}`,
          after: [deployerSettlementAdmin],
        });
      }
      deposits[`deposit${d.currency}`] = token;
    }

    return {
      accessManager,
      participantRegistry,
      eblRegistry,
      eblLens,
      eblGateway,
      platformGateway,
      tradeDocumentRegistry,
      documentsCondition,
      consentRegistry,
      trustReceipts,
      paymentObligations,
      documentsAgainstAcceptance,
      documentaryCredits,
      ...(hyperlaneTransport === undefined ? {} : { hyperlaneTransport }),
      ...settlementContracts,
      ...deposits,
      ...reserves,
    };
  });
}

/** Every role id the plan uses with its label: the platform's, and each deposit token's (for checks and docs). */
export function plannedRoles(plan: DeploymentPlan): { id: bigint; label: string }[] {
  return [
    { id: ADMIN_ROLE, label: "ADMIN" },
    ...Object.values(platformRoles).flatMap((roles) => Object.values(roles).map((r) => ({ id: r.id, label: r.label }))),
    ...plan.deposits.flatMap((d) =>
      (Object.keys(depositRoles) as DepositRoleName[]).map((name) => ({
        id: roleId({ contract: "deposit", currency: d.currency, name }),
        label: `${d.currency} ${name.replace("_", " ")}`,
      })),
    ),
  ];
}
