import { readFileSync } from "node:fs";

import { expect } from "chai";

import { crossChainTargets, depositRoles, platformRoles, settlementTargets } from "../../sdk/src/roles.js";

/**
 * The Solidity tests wire roles with their own copy of the role table (test/solidity/utils/RailsRoles.sol), because a
 * Solidity test cannot import the SDK. This gate reads that copy and checks it against the SDK's table, which Ignition
 * and the TypeScript tests use: the same ids, and each role on the same functions of the same contracts. Without it a
 * change on one side would let the Solidity invariants run against a role model that is not deployed.
 */
const SOURCE = readFileSync(new URL("../solidity/utils/RailsRoles.sol", import.meta.url), "utf8");

/** `uint64 internal constant NAME = value;` */
function constants(): Map<string, bigint> {
  return new Map([...SOURCE.matchAll(/uint64 internal constant (\w+) = (\d+);/g)].map((m) => [m[1]!, BigInt(m[2]!)]));
}

/** The body of `function wire(AccessManager manager, <type> <name>)`. */
function wireBody(type: string): string {
  const start = SOURCE.search(new RegExp(`function wire\\(AccessManager manager, ${type} \\w+\\)`));
  expect(start, `RailsRoles.sol has no wire(manager, ${type})`).to.be.greaterThan(-1);
  const open = SOURCE.indexOf("{", start);
  let depth = 0;
  for (let i = open; i < SOURCE.length; i++) {
    if (SOURCE[i] === "{") depth++;
    else if (SOURCE[i] === "}" && --depth === 0) return SOURCE.slice(open, i + 1);
  }
  throw new Error(`unbalanced wire(manager, ${type})`);
}

/**
 * Which functions each role gets in a wire body: the selectors named from the first `allow(... ROLE ...)` (or
 * `deposit(c, ROLE)`) up to the next `allow`, including a selector array filled just before it.
 */
function rolesOf(body: string): Map<string, string[]> {
  const roles = new Map<string, string[]>();
  const statements = body.split(/;\s*/);
  let pending: string[] = [];
  for (const statement of statements) {
    const selectors = [...statement.matchAll(/\.(\w+)\.selector/g)].map((m) => m[1]!);
    const allow = /allow\(\s*manager,\s*address\(\w+\),\s*(?:deposit\(c,\s*)?(\w+)\)?,/.exec(statement);
    if (allow) {
      roles.set(allow[1]!, [...pending, ...selectors].sort());
      pending = [];
    } else {
      pending.push(...selectors);
    }
  }
  return roles;
}

const sorted = (names: readonly string[]) => [...names].sort();

describe("Audit gate: the Solidity tests' role table is the SDK's", function () {
  const ids = constants();

  it("reads the role ids and wiring from RailsRoles.sol (a parser that finds nothing would pass everything)", function () {
    expect(ids.size).to.be.greaterThan(10);
    expect(rolesOf(wireBody("BillOfLadingRegistry")).size).to.equal(4);
  });

  it("has the SDK's role ids", function () {
    expect(ids.get("REGISTRAR")).to.equal(platformRoles.participants.REGISTRAR.id);
    expect(ids.get("EBL_ISSUER")).to.equal(platformRoles.ebl.ISSUER.id);
    expect(ids.get("EBL_LEGAL_HOLD")).to.equal(platformRoles.ebl.LEGAL_HOLD.id);
    expect(ids.get("EBL_PAUSER")).to.equal(platformRoles.ebl.PAUSER.id);
    expect(ids.get("SETTLEMENT_PAUSER")).to.equal(platformRoles.settlement.PAUSER.id);
    expect(ids.get("SETTLEMENT_ADMIN")).to.equal(platformRoles.settlement.ADMIN.id);
    expect(ids.get("INTERBANK_PAUSER")).to.equal(platformRoles.interbank.PAUSER.id);
    expect(ids.get("INTERBANK_SETTLER")).to.equal(platformRoles.interbank.SETTLER.id);
    expect(ids.get("EBL_GATEWAY")).to.equal(platformRoles.ebl.GATEWAY.id);
    expect(ids.get("CROSS_CHAIN_ADMIN")).to.equal(platformRoles.crossChain.ADMIN.id);
    expect(ids.get("CROSS_CHAIN_PAUSER")).to.equal(platformRoles.crossChain.PAUSER.id);
    expect(ids.get("DOCUMENT_ADMIN")).to.equal(platformRoles.documents.ADMIN.id);
    expect(ids.get("OBLIGATION_ISSUER")).to.equal(platformRoles.obligations.ISSUER.id);
    expect(ids.get("TRADE_FINANCE_ADMIN")).to.equal(platformRoles.tradeFinance.ADMIN.id);
    expect(ids.get("PINT_OPERATOR")).to.equal(platformRoles.pint.OPERATOR.id);
    for (const [name, role] of Object.entries(depositRoles)) {
      expect(ids.get(name === "ADMIN" ? "DEPOSIT_ADMIN" : name), `deposit role ${name}`).to.equal(role.offset);
    }
  });

  it("gives each role the SDK's functions on each contract", function () {
    const expectations: [string, Record<string, readonly string[]>][] = [
      ["ParticipantRegistry", { REGISTRAR: platformRoles.participants.REGISTRAR.functions }],
      [
        "BillOfLadingRegistry",
        {
          EBL_ISSUER: platformRoles.ebl.ISSUER.functions,
          EBL_LEGAL_HOLD: platformRoles.ebl.LEGAL_HOLD.functions,
          EBL_PAUSER: platformRoles.ebl.PAUSER.functions,
          EBL_GATEWAY: platformRoles.ebl.GATEWAY.functions,
        },
      ],
      [
        "EblGateway",
        {
          CROSS_CHAIN_ADMIN: platformRoles.crossChain.ADMIN.functions,
          CROSS_CHAIN_PAUSER: platformRoles.crossChain.PAUSER.functions,
        },
      ],
      [
        "PlatformGateway",
        {
          PINT_OPERATOR: platformRoles.pint.OPERATOR.functions,
          CROSS_CHAIN_PAUSER: crossChainTargets.platformGateway.PAUSER,
        },
      ],
      ["TradeDocumentRegistry", { DOCUMENT_ADMIN: platformRoles.documents.ADMIN.functions }],
      // One wire for the three settlement contracts (their shared base): all have the same table in the SDK.
      [
        "SettlementCore",
        {
          SETTLEMENT_PAUSER: settlementTargets.signedSettlement.PAUSER,
          SETTLEMENT_ADMIN: settlementTargets.signedSettlement.ADMIN,
        },
      ],
      ["DepositRail", { SETTLEMENT_ADMIN: settlementTargets.depositRail.ADMIN }],
      [
        "InterbankPayments",
        {
          INTERBANK_PAUSER: platformRoles.interbank.PAUSER.functions,
          INTERBANK_SETTLER: platformRoles.interbank.SETTLER.functions,
        },
      ],
      [
        "TokenizedDeposit",
        Object.fromEntries(
          Object.entries(depositRoles)
            .filter(([, role]) => role.functions.length > 0)
            .map(([name, role]) => [name, role.functions]),
        ),
      ],
    ];
    expect(settlementTargets.escrowedDeals).to.deep.equal(settlementTargets.signedSettlement);
    expect(settlementTargets.crossBankSettlement).to.deep.equal(settlementTargets.signedSettlement);
    for (const [contract, expected] of expectations) {
      const actual = Object.fromEntries(rolesOf(wireBody(contract)));
      const wanted = Object.fromEntries(Object.entries(expected).map(([role, fns]) => [role, sorted(fns)]));
      expect(actual, contract).to.deep.equal(wanted);
    }
  });
});
