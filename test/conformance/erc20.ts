/**
 * ERC-20 conformance of the tokenized deposit, tested against OpenZeppelin itself: every case is run on the deposit
 * and on OpenZeppelin's ERC20 with ERC20Permit (`contracts/testing/ReferenceERC20.sol`) holding the same balances, in
 * the same situation, where every party is a verified, unfrozen participant and the token is not paused, so that no
 * rule of the deposit applies. Both must give the same outcome: the same custom error with the same arguments, or the
 * same return value and the same standard events with the same arguments in the same order; and leave the same state
 * (balances, allowances, supply, permit nonces). The cases follow OpenZeppelin's test/token/ERC20/ERC20.behavior.js and
 * ERC20Permit.test.js, plus the order of checks when several inputs are bad at once. Mint and burn are the deposit's
 * `mint` / `burn` (bank roles, with a bank reference) against OpenZeppelin's `_mint` / `_burn`.
 *
 * The last block lists, case by case, where the deposit's rules make it differ, with the rule that does it;
 * docs/deposits.md has the same list.
 */
import { expect } from "chai";
import type { BaseContract, Signer } from "ethers";

import { Kind, PERMIT_TYPES, deployDeposit, ethers, networkHelpers, ref } from "../deposits/fixture.js";
import {
  Differential,
  conformance,
  uncalledFunctions,
  type Call,
  type Case as GenericCase,
  type Side,
  type Difference as GenericDifference,
} from "./differential.js";

const { loadFixture } = networkHelpers;

/** The only events the deposit adds to OpenZeppelin's on the calls of these cases. */
const ADDED_EVENTS = ["Minted", "Burned"];
const MAX = ethers.MaxUint256;

async function fixture() {
  const f = await deployDeposit();
  await f.register(f.relayer.address, Kind.TRADER); // the spender, verified too (it need not be)
  const reference = await ethers.deployContract("ReferenceERC20");
  for (const holder of [f.alice, f.bob]) await reference.mint(holder.address, await f.token.balanceOf(holder.address));

  const chainId = (await ethers.provider.getNetwork()).chainId;
  const domains = {
    reference: { name: "Reference ERC-20", version: "1", chainId, verifyingContract: await reference.getAddress() },
    ours: f.domain,
  };
  const now = BigInt(await networkHelpers.time.latest());
  const alias = new Map([
    [(await reference.getAddress()).toLowerCase(), "<token>"],
    [(await f.token.getAddress()).toLowerCase(), "<token>"],
  ]);
  const differential = new Differential(
    [f.token.interface, reference.interface],
    new Set(["Transfer", "Approval"]),
    alias,
  );
  return {
    ...f,
    owner: f.alice,
    other: f.bob,
    recipient: f.carol,
    spender: f.relayer,
    tokens: { reference: reference as BaseContract, ours: f.token as BaseContract },
    domains,
    deadline: now + 86_400n,
    expired: now - 1n,
    differential,
  };
}

type World = Awaited<ReturnType<typeof fixture>>;
type Case = GenericCase<World>;

const c = (from: Signer, method: string, ...args: unknown[]): Call => ({ from, method, args });
const lower = (a: string) => a.toLowerCase();

/** What can be read about the token and its parties: must be the same on both tokens after every case. */
function views(w: World): Call[] {
  const parties = [w.owner, w.other, w.recipient, w.spender].map((s) => s.address);
  return [
    c(w.owner, "totalSupply"),
    ...parties.map((a) => c(w.owner, "balanceOf", a)),
    ...[w.owner, w.other].flatMap((o) => parties.map((s) => c(w.owner, "allowance", o.address, s))),
    c(w.owner, "nonces", w.owner.address),
  ];
}

const { expectSameAsOpenZeppelin, expectDifference } = conformance({
  load: () => loadFixture(fixture),
  views,
  added: ADDED_EVENTS,
});

// ------------------------------------------------------------------ the cases

const approveSpender = (value: bigint) => (w: World, t: BaseContract) =>
  t.connect(w.owner).getFunction("approve")(w.spender.address, value);

/** The same mint or burn on both sides: OpenZeppelin's open one, the deposit's bank-role one with a reference. */
const mint = (w: World, side: Side, to: string, value: bigint) =>
  side === "reference" ? c(w.owner, "mint", to, value) : c(w.minter, "mint", to, value, ref("CBS-1"));
const burn = (w: World, side: Side, from: string, value: bigint) =>
  side === "reference" ? c(w.owner, "burn", from, value) : c(w.burner, "burn", from, value, ref("CBS-2"));

/** An EIP-2612 permit of `value` for the spender, signed by `signer` for the owner, as `(v, r, s)`. */
async function permit(
  w: World,
  side: Side,
  o: { signer?: Signer; spender?: string; value?: bigint; deadline?: bigint } = {},
): Promise<Call> {
  const spender = o.spender ?? w.spender.address;
  const value = o.value ?? 300n;
  const deadline = o.deadline ?? w.deadline;
  const token = w.tokens[side];
  const nonce = await token.getFunction("nonces")(w.owner.address);
  const signature = ethers.Signature.from(
    await (o.signer ?? w.owner).signTypedData(w.domains[side], PERMIT_TYPES, {
      owner: w.owner.address,
      spender,
      value,
      nonce,
      deadline,
    }),
  );
  const method = "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)";
  return c(w.other, method, w.owner.address, spender, value, deadline, signature.v, signature.r, signature.s);
}

const transferCases: Case[] = [
  {
    name: "transfer of part of the balance: moves it, emits Transfer, returns true",
    call: (w) => c(w.owner, "transfer", w.recipient.address, 100n),
  },
  {
    name: "transfer of the whole balance",
    call: async (w) => c(w.owner, "transfer", w.recipient.address, await w.token.balanceOf(w.owner.address)),
  },
  {
    name: "transfer above the balance: ERC20InsufficientBalance(from, balance, value)",
    call: async (w) => c(w.owner, "transfer", w.recipient.address, (await w.token.balanceOf(w.owner.address)) + 1n),
  },
  {
    name: "transfer from an account without tokens: ERC20InsufficientBalance(from, 0, value)",
    call: (w) => c(w.recipient, "transfer", w.owner.address, 1n),
  },
  {
    name: "transfer of zero: emits Transfer(from, to, 0)",
    call: (w) => c(w.owner, "transfer", w.recipient.address, 0n),
  },
  {
    name: "transfer of zero from an account without tokens",
    call: (w) => c(w.recipient, "transfer", w.owner.address, 0n),
  },
  {
    name: "transfer to oneself: emits Transfer, the balance unchanged",
    call: (w) => c(w.owner, "transfer", w.owner.address, 100n),
  },
  {
    name: "transfer to oneself above the balance: ERC20InsufficientBalance",
    call: (w) => c(w.owner, "transfer", w.owner.address, MAX),
  },
  {
    name: "transfer to the zero address: ERC20InvalidReceiver(0)",
    call: (w) => c(w.owner, "transfer", ethers.ZeroAddress, 100n),
  },
  {
    name: "transfer above the balance to the zero address: ERC20InvalidReceiver(0) first",
    call: (w) => c(w.owner, "transfer", ethers.ZeroAddress, MAX),
  },
];

const approveCases: Case[] = [
  {
    name: "approve: sets the allowance, emits Approval, returns true",
    call: (w) => c(w.owner, "approve", w.spender.address, 300n),
  },
  {
    name: "approve replaces a previous allowance, not adds to it",
    setup: approveSpender(500n),
    call: (w) => c(w.owner, "approve", w.spender.address, 300n),
  },
  {
    name: "approve of more than the balance",
    call: (w) => c(w.owner, "approve", w.spender.address, MAX),
  },
  {
    name: "approve of zero clears a previous allowance",
    setup: approveSpender(500n),
    call: (w) => c(w.owner, "approve", w.spender.address, 0n),
  },
  {
    name: "approve by an account without tokens",
    call: (w) => c(w.recipient, "approve", w.spender.address, 300n),
  },
  {
    name: "approve of the zero address as spender: ERC20InvalidSpender(0)",
    call: (w) => c(w.owner, "approve", ethers.ZeroAddress, 300n),
  },
];

const transferFromCases: Case[] = [
  {
    name: "transferFrom within the allowance: moves, decreases the allowance, emits Transfer and no Approval",
    setup: approveSpender(500n),
    call: (w) => c(w.spender, "transferFrom", w.owner.address, w.recipient.address, 300n),
  },
  {
    name: "transferFrom of the whole allowance",
    setup: approveSpender(500n),
    call: (w) => c(w.spender, "transferFrom", w.owner.address, w.recipient.address, 500n),
  },
  {
    name: "transferFrom above the allowance: ERC20InsufficientAllowance(spender, allowance, value)",
    setup: approveSpender(500n),
    call: (w) => c(w.spender, "transferFrom", w.owner.address, w.recipient.address, 501n),
  },
  {
    name: "transferFrom within the allowance but above the balance: ERC20InsufficientBalance",
    setup: approveSpender(MAX - 1n),
    call: (w) => c(w.spender, "transferFrom", w.owner.address, w.recipient.address, MAX - 1n),
  },
  {
    name: "transferFrom above both the allowance and the balance: ERC20InsufficientAllowance first",
    setup: approveSpender(500n),
    call: (w) => c(w.spender, "transferFrom", w.owner.address, w.recipient.address, MAX - 1n),
  },
  {
    name: "transferFrom with an infinite allowance: the allowance stays infinite",
    setup: approveSpender(MAX),
    call: (w) => c(w.spender, "transferFrom", w.owner.address, w.recipient.address, 300n),
  },
  {
    name: "transferFrom to the zero address within the allowance: ERC20InvalidReceiver(0)",
    setup: approveSpender(500n),
    call: (w) => c(w.spender, "transferFrom", w.owner.address, ethers.ZeroAddress, 300n),
  },
  {
    name: "transferFrom to the zero address without allowance: ERC20InsufficientAllowance first",
    call: (w) => c(w.spender, "transferFrom", w.owner.address, ethers.ZeroAddress, 300n),
  },
  {
    name: "transferFrom from the zero address: ERC20InsufficientAllowance(spender, 0, value)",
    call: (w) => c(w.spender, "transferFrom", ethers.ZeroAddress, w.recipient.address, 300n),
  },
  {
    name: "transferFrom of zero from the zero address: ERC20InvalidApprover(0)",
    call: (w) => c(w.spender, "transferFrom", ethers.ZeroAddress, w.recipient.address, 0n),
  },
  {
    name: "transferFrom of zero without allowance: emits Transfer(from, to, 0)",
    call: (w) => c(w.spender, "transferFrom", w.owner.address, w.recipient.address, 0n),
  },
  {
    name: "transferFrom by the owner itself without allowance: ERC20InsufficientAllowance(owner, 0, value)",
    call: (w) => c(w.owner, "transferFrom", w.owner.address, w.recipient.address, 300n),
  },
];

const permitCases: Case[] = [
  {
    name: "permit: sets the allowance, emits Approval, uses the nonce",
    call: (w, side) => permit(w, side),
  },
  {
    name: "permit after its deadline: ERC2612ExpiredSignature(deadline)",
    call: (w, side) => permit(w, side, { deadline: w.expired }),
  },
  {
    name: "permit signed by another account: ERC2612InvalidSigner(signer, owner)",
    call: (w, side) => permit(w, side, { signer: w.other }),
  },
  {
    name: "permit after its deadline signed by another account: ERC2612ExpiredSignature first",
    call: (w, side) => permit(w, side, { signer: w.other, deadline: w.expired }),
  },
  {
    name: "permit for the zero address as spender: ERC20InvalidSpender(0)",
    call: (w, side) => permit(w, side, { spender: ethers.ZeroAddress }),
  },
];

const supplyCases: Case[] = [
  { name: "totalSupply: the sum of the balances", call: (w) => c(w.owner, "totalSupply") },
  { name: "balanceOf an account with tokens", call: (w) => c(w.owner, "balanceOf", w.owner.address) },
  { name: "balanceOf an account without tokens: 0", call: (w) => c(w.owner, "balanceOf", w.recipient.address) },
  { name: "balanceOf the zero address: 0", call: (w) => c(w.owner, "balanceOf", ethers.ZeroAddress) },
  { name: "nonces of an owner that never signed a permit: 0", call: (w) => c(w.owner, "nonces", w.owner.address) },
  {
    name: "allowance without approval: 0",
    call: (w) => c(w.owner, "allowance", w.owner.address, w.spender.address),
  },
  {
    name: "mint: emits Transfer(0, to, value), the supply grows",
    call: (w, side) => mint(w, side, w.recipient.address, 700n),
  },
  {
    name: "mint to the zero address: ERC20InvalidReceiver(0)",
    call: (w, side) => mint(w, side, ethers.ZeroAddress, 700n),
  },
  {
    name: "burn: emits Transfer(from, 0, value), the supply shrinks",
    call: (w, side) => burn(w, side, w.owner.address, 700n),
  },
  {
    name: "burn above the balance: ERC20InsufficientBalance(from, balance, value)",
    call: (w, side) => burn(w, side, w.other.address, MAX),
  },
  {
    name: "burn from the zero address: ERC20InvalidSender(0)",
    call: (w, side) => burn(w, side, ethers.ZeroAddress, 700n),
  },
];

// ------------------------------------------------------------------ where the deposit's rules differ

type Difference = GenericDifference<World>;

const moved = (from: string, to: string, value: bigint) => `ok Transfer(${lower(from)}, ${lower(to)}, ${value})`;

const differences: Difference[] = [
  {
    name: "transfer to an account that is not a verified participant",
    rule: "only verified participants hold deposits",
    call: (w) => c(w.owner, "transfer", w.mallory.address, 100n),
    reference: (w) => moved(w.owner.address, w.mallory.address, 100n),
    ours: (w) => `RailsNotVerified(${lower(w.mallory.address)})`,
  },
  {
    name: "transfer of zero by an account that is not a verified participant",
    rule: "only verified participants hold deposits",
    call: (w) => c(w.mallory, "transfer", w.owner.address, 0n),
    reference: (w) => moved(w.mallory.address, w.owner.address, 0n),
    ours: (w) => `RailsNotVerified(${lower(w.mallory.address)})`,
  },
  {
    name: "transfer above the balance to an unverified account: the participant rule is reported first",
    rule: "the rules are checked before the balance, as OpenZeppelin's own extensions (ERC20Pausable) check theirs in _update",
    call: (w) => c(w.owner, "transfer", w.mallory.address, MAX),
    reference: (w) => `ERC20InsufficientBalance(${lower(w.owner.address)}, 100000, ${MAX})`,
    ours: (w) => `RailsNotVerified(${lower(w.mallory.address)})`,
  },
  {
    name: "transfer by a frozen account",
    rule: "freeze",
    setup: async (w, _token, side) => {
      if (side === "ours") await w.token.connect(w.freezer).freeze(w.owner.address);
    },
    call: (w) => c(w.owner, "transfer", w.recipient.address, 100n),
    reference: (w) => moved(w.owner.address, w.recipient.address, 100n),
    ours: (w) => `DepositAccountFrozen(${lower(w.owner.address)})`,
  },
  {
    name: "transfer reaching into a frozen part of the balance",
    rule: "partial freeze",
    setup: async (w, _token, side) => {
      if (side === "ours") await w.token.connect(w.freezer).freezeAmount(w.owner.address, 99_950n);
    },
    call: (w) => c(w.owner, "transfer", w.recipient.address, 100n),
    reference: (w) => moved(w.owner.address, w.recipient.address, 100n),
    ours: (w) => `DepositFrozenAmountExceeded(${lower(w.owner.address)}, 50, 100)`,
  },
  {
    name: "transfer while the token is paused",
    rule: "pause",
    setup: async (w, _token, side) => {
      if (side === "ours") await w.token.connect(w.pauser).pause();
    },
    call: (w) => c(w.owner, "transfer", w.recipient.address, 100n),
    reference: (w) => moved(w.owner.address, w.recipient.address, 100n),
    ours: () => "EnforcedPause()",
  },
  {
    name: "mint of zero",
    rule: "every issuance and redemption is a non-zero amount with a bank reference",
    call: (w, side) => mint(w, side, w.recipient.address, 0n),
    reference: (w) => moved(ethers.ZeroAddress, w.recipient.address, 0n),
    ours: () => "RailsZeroAmount()",
  },
];

describe("TokenizedDeposit — ERC-20 conformance with OpenZeppelin's ERC20 and ERC20Permit", function () {
  describe("same outcome as OpenZeppelin when no rule of the deposit applies", function () {
    for (const [group, cases] of [
      ["transfer", transferCases],
      ["approve", approveCases],
      ["transferFrom", transferFromCases],
      ["permit (v, r, s)", permitCases],
      ["supply, balances, mint and burn", supplyCases],
    ] as const) {
      describe(group, function () {
        for (const k of cases) it(k.name, async () => expectSameAsOpenZeppelin(k));
      });
    }
  });

  it("calls every public function of OpenZeppelin's ERC20 and ERC20Permit in some case, but the metadata and the domain", async function () {
    const w = await loadFixture(fixture);
    const cases = [...transferCases, ...approveCases, ...transferFromCases, ...permitCases, ...supplyCases];
    // each token has its own name, symbol, decimals and EIP-712 domain
    const exempt = ["name", "symbol", "decimals", "DOMAIN_SEPARATOR", "eip712Domain"];
    expect(await uncalledFunctions(w, cases, exempt)).to.deep.equal([]);
  });

  describe("where a rule of the deposit differs from OpenZeppelin (docs/deposits.md)", function () {
    for (const d of differences) {
      it(`${d.name} — ${d.rule}`, async () => expectDifference(d));
    }
  });
});
