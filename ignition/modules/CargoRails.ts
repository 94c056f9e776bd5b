import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { NamedArtifactContractDeploymentFuture } from "@nomicfoundation/ignition-core";
import { id, toUtf8Bytes, hexlify, ZeroHash } from "ethers";

import { encodeKinds } from "../../sdk/src/index.js";
import { PARTICIPANT_KINDS, type DeploymentPlan } from "../plan.js";

const role = (name: string) => id(name);
const ROLES = {
  REGISTRAR: role("REGISTRAR_ROLE"),
  ISSUER: role("ISSUER_ROLE"),
  LEGAL_HOLD: role("LEGAL_HOLD_ROLE"),
  PAUSER: role("PAUSER_ROLE"),
  MINTER: role("MINTER_ROLE"),
  BURNER: role("BURNER_ROLE"),
  FREEZER: role("FREEZER_ROLE"),
  COMPLIANCE: role("COMPLIANCE_ROLE"),
  CAP_MANAGER: role("CAP_MANAGER_ROLE"),
} as const;

/** The operational roles of a tokenized deposit, all given to its issuing bank at deployment. */
export const DEPOSIT_BANK_ROLES = ["MINTER", "BURNER", "PAUSER", "FREEZER", "COMPLIANCE", "CAP_MANAGER"] as const;

const ascii = (text: string) => hexlify(toUtf8Bytes(text));
const unixSeconds = (isoDate: string) => BigInt(Math.floor(Date.parse(isoDate) / 1000));

/**
 * The whole suite for one network, wired: the participant register, the eBL registry, one tokenized deposit per
 * planned currency, and the settlement contract, registered as a settlement participant and allowed to use the
 * registry and every deposit token.
 *
 * The deployer (account 0) is the first admin of every contract and a registrar while the module runs, so it can
 * wire roles; `scripts/handover.ts` then hands every admin role to the planned admins and renounces the deployer's.
 * Lists (participants, carriers, deposits) come from the plan at build time, scalars too, so one module serves
 * every network: `ignition/parameters/<network>.json` is the only input.
 */
export function buildCargoRailsModule(plan: DeploymentPlan) {
  return buildModule("CargoRails", (m) => {
    const deployer = m.getAccount(0);
    const adminDelay = BigInt(plan.adminDelay);
    const validUntil = unixSeconds(plan.verifiedUntil);

    const participantRegistry = m.contract("ParticipantRegistry", [adminDelay, deployer, deployer]);
    const eblRegistry = m.contract("BillOfLadingRegistry", [participantRegistry, adminDelay, deployer]);
    const eblLens = m.contract("EblLens", []);
    const settlement = m.contract("DeliveryVersusPayment", [adminDelay, deployer]);

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
      { id: "registerParticipants" },
    );
    m.call(
      participantRegistry,
      "register",
      [
        settlement,
        {
          kinds: PARTICIPANT_KINDS.settlement,
          jurisdiction: ascii(plan.participants[0]?.jurisdiction ?? "HK"),
          validUntil,
          kycReference: ZeroHash,
        },
      ],
      { id: "registerSettlement", after: [participantsRegistered] },
    );
    m.call(participantRegistry, "grantRole", [ROLES.REGISTRAR, plan.registrar], { id: "grantRegistrar" });

    plan.carriers.forEach((carrier, i) =>
      m.call(eblRegistry, "grantRole", [ROLES.ISSUER, carrier], { id: `grantIssuer_${i}` }),
    );
    plan.legalHold.forEach((authority, i) =>
      m.call(eblRegistry, "grantRole", [ROLES.LEGAL_HOLD, authority], { id: `grantLegalHold_${i}` }),
    );
    plan.pausers.forEach((pauser, i) => {
      m.call(eblRegistry, "grantRole", [ROLES.PAUSER, pauser], { id: `grantEblPauser_${i}` });
      m.call(settlement, "grantRole", [ROLES.PAUSER, pauser], { id: `grantSettlementPauser_${i}` });
    });
    m.call(settlement, "setRegistryAllowed", [eblRegistry, true], { id: "allowEblRegistry" });

    const deposits: Record<string, NamedArtifactContractDeploymentFuture<"TokenizedDeposit">> = {};
    for (const d of plan.deposits) {
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
            adminDelay,
            admin: deployer,
          },
        ],
        { id: `TokenizedDeposit_${d.currency}`, after: [participantsRegistered] },
      );
      for (const name of DEPOSIT_BANK_ROLES) {
        m.call(token, "grantRole", [ROLES[name], d.issuer], { id: `TokenizedDeposit_${d.currency}_grant${name}` });
      }
      m.call(settlement, "setPaymentTokenAllowed", [token, true], { id: `allowDeposit_${d.currency}` });
      deposits[`deposit${d.currency}`] = token;
    }

    return { participantRegistry, eblRegistry, eblLens, settlement, ...deposits };
  });
}
