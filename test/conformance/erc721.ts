/**
 * ERC-721 conformance of the eBL registry, tested against OpenZeppelin itself: every case is run on the registry and on
 * OpenZeppelin's plain ERC721 (`contracts/testing/ReferenceERC721.sol`) holding the same token id, in the same
 * situation, where every party is a verified participant and every operator a verified custodian, so that no law rule
 * of the registry applies. Both must give the same outcome: the same custom error with the same arguments, or the same
 * return value, or the same standard events with the same arguments in the same order; and leave the same state
 * (owner, approvals, balances). The cases follow OpenZeppelin's test/token/ERC721/ERC721.behavior.js, plus the order of
 * checks when several inputs are bad at once.
 *
 * The last block lists, case by case, where the registry's law rules make it differ, with the rule that does it;
 * docs/ebl.md has the same list.
 */
import { expect } from "chai";
import { network } from "hardhat";
import type { BaseContract, Signer } from "ethers";

import { HOLD_REASON, Kinds, deployEbl } from "../ebl/helpers.js";
import {
  Differential,
  conformance,
  uncalledFunctions,
  type Call,
  type Case as GenericCase,
  type Difference as GenericDifference,
} from "./differential.js";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

/** ERC721ReceiverProbe.Behaviour */
const Probe = {
  Accept: 0,
  WrongSelector: 1,
  RevertWithReason: 2,
  RevertWithoutReason: 3,
  RevertWithCustomError: 4,
  Panic: 5,
} as const;

/** The only events the registry adds to OpenZeppelin's on the calls of these cases. */
const ADDED_EVENTS = ["PossessionTransferred"];

async function fixture() {
  const f = await deployEbl({ ethers, networkHelpers } as Parameters<typeof deployEbl>[0]);
  const signers = await ethers.getSigners();
  const operator = signers[14]; // a second verified custodian, the operator for all
  await f.register(operator.address, Kinds.CUSTODY);

  const reference = await ethers.deployContract("ReferenceERC721");
  const probes: Record<keyof typeof Probe, string> = {} as never;
  for (const [name, behaviour] of Object.entries(Probe)) {
    const probe = await ethers.deployContract("ERC721ReceiverProbe", [behaviour]);
    probes[name as keyof typeof Probe] = await probe.getAddress();
    await f.register(probes[name as keyof typeof Probe], Kinds.TRADER);
  }
  const noHook = await ethers.deployContract("ERC1271WalletMock", [f.admin.address]); // no onERC721Received
  await f.register(await noHook.getAddress(), Kinds.TRADER);
  const unregisteredProbe = await ethers.deployContract("ERC721ReceiverProbe", [Probe.Accept]);

  const id = await f.issueToOrder();
  const straightId = await f.issueStraight();
  await reference.mint(f.shipper.address, id);
  await reference.mint(f.shipper.address, straightId);
  const missing = await f.ebl.tokenIdOf(f.carrier.address, "NEVER-ISSUED");

  const tokens = { reference: reference as BaseContract, ours: f.ebl as BaseContract };
  const alias = new Map([
    [(await reference.getAddress()).toLowerCase(), "<token>"],
    [(await f.ebl.getAddress()).toLowerCase(), "<token>"],
  ]);
  const probeAbi = (await ethers.getContractFactory("ERC721ReceiverProbe")).interface;
  const differential = new Differential(
    [f.ebl.interface, reference.interface, probeAbi],
    new Set(["Transfer", "Approval", "ApprovalForAll"]),
    alias,
  );
  return {
    ...f,
    operator,
    owner: f.shipper,
    approved: f.custodian,
    other: f.bankA,
    receiver: f.buyer,
    probes,
    noHook: await noHook.getAddress(),
    unregisteredProbe: await unregisteredProbe.getAddress(),
    id,
    straightId,
    missing,
    tokens,
    differential,
  };
}

type World = Awaited<ReturnType<typeof fixture>>;
type Case = GenericCase<World>;

const c = (from: Signer, method: string, ...args: unknown[]): Call => ({ from, method, args });
const lower = (a: string) => a.toLowerCase();

/** What can be read about the token and its parties: must be the same on both tokens after every case. */
function views(w: World): Call[] {
  const parties = [w.owner, w.approved, w.operator, w.other, w.receiver].map((s) => s.address);
  return [
    c(w.owner, "ownerOf", w.id),
    c(w.owner, "getApproved", w.id),
    ...[...parties, ...Object.values(w.probes), w.noHook].map((a) => c(w.owner, "balanceOf", a)),
    ...[w.owner, w.receiver].flatMap((o) => parties.map((op) => c(w.owner, "isApprovedForAll", o.address, op))),
  ];
}

const { expectSameAsOpenZeppelin, expectDifference } = conformance({
  load: () => loadFixture(fixture),
  views,
  added: ADDED_EVENTS,
});

// ------------------------------------------------------------------ the cases

const TRANSFERS = [
  { label: "transferFrom", method: "transferFrom", data: [] as string[], safe: false },
  { label: "safeTransferFrom", method: "safeTransferFrom(address,address,uint256)", data: [], safe: true },
  {
    label: "safeTransferFrom with data",
    method: "safeTransferFrom(address,address,uint256,bytes)",
    data: ["0x42cafe"],
    safe: true,
  },
];

const approveCustodian = (w: World, t: BaseContract) =>
  t.connect(w.owner).getFunction("approve")(w.approved.address, w.id);
const approveOperator = (w: World, t: BaseContract) =>
  t.connect(w.owner).getFunction("setApprovalForAll")(w.operator.address, true);

function transferCases(): Case[] {
  const cases: Case[] = [];
  for (const t of TRANSFERS) {
    const move = (from: Signer, src: string, to: string, id: (w: World) => bigint) => (w: World) =>
      c(from, t.method, src, to, id(w), ...t.data);
    const idOf = (w: World) => w.id;
    cases.push(
      {
        name: `${t.label} by the owner: moves the token, clears the approval, emits Transfer`,
        setup: approveCustodian,
        call: (w) => move(w.owner, w.owner.address, w.receiver.address, idOf)(w),
      },
      {
        name: `${t.label} by the approved account`,
        setup: approveCustodian,
        call: (w) => move(w.approved, w.owner.address, w.receiver.address, idOf)(w),
      },
      {
        name: `${t.label} by an operator for all`,
        setup: approveOperator,
        call: (w) => move(w.operator, w.owner.address, w.receiver.address, idOf)(w),
      },
      {
        name: `${t.label} by the owner without an approved account`,
        call: (w) => move(w.owner, w.owner.address, w.receiver.address, idOf)(w),
      },
      {
        name: `${t.label} to the owner itself: keeps ownership, clears the approval, emits Transfer`,
        setup: approveCustodian,
        call: (w) => move(w.owner, w.owner.address, w.owner.address, idOf)(w),
      },
      {
        name: `${t.label} from a wrong previous owner: ERC721IncorrectOwner(from, tokenId, owner)`,
        call: (w) => move(w.owner, w.other.address, w.receiver.address, idOf)(w),
      },
      {
        name: `${t.label} by an account neither owner nor approved: ERC721InsufficientApproval(caller, tokenId)`,
        call: (w) => move(w.other, w.owner.address, w.receiver.address, idOf)(w),
      },
      {
        name: `${t.label} by the approved account of another token: ERC721InsufficientApproval`,
        setup: (w, token) => token.connect(w.owner).getFunction("approve")(w.approved.address, w.straightId),
        call: (w) => move(w.approved, w.owner.address, w.receiver.address, idOf)(w),
      },
      {
        name: `${t.label} of a nonexistent token: ERC721NonexistentToken(tokenId)`,
        call: (w) => move(w.owner, w.owner.address, w.receiver.address, (x) => x.missing)(w),
      },
      {
        name: `${t.label} to the zero address: ERC721InvalidReceiver(0)`,
        call: (w) => move(w.owner, w.owner.address, ethers.ZeroAddress, idOf)(w),
      },
      {
        name: `${t.label} to the zero address from a wrong previous owner: ERC721InvalidReceiver(0) first`,
        call: (w) => move(w.owner, w.other.address, ethers.ZeroAddress, idOf)(w),
      },
      {
        name: `${t.label} to the zero address by an unauthorized account: ERC721InvalidReceiver(0) first`,
        call: (w) => move(w.other, w.owner.address, ethers.ZeroAddress, idOf)(w),
      },
      {
        name: `${t.label} to the zero address of a nonexistent token: ERC721InvalidReceiver(0) first`,
        call: (w) => move(w.owner, w.owner.address, ethers.ZeroAddress, (x) => x.missing)(w),
      },
      {
        name: `${t.label} of a nonexistent token from a wrong previous owner: ERC721NonexistentToken first`,
        call: (w) => move(w.owner, w.other.address, w.receiver.address, (x) => x.missing)(w),
      },
      {
        name: `${t.label} by an unauthorized account from a wrong previous owner: ERC721InsufficientApproval first`,
        call: (w) => move(w.other, w.other.address, w.receiver.address, idOf)(w),
      },
      {
        name: `${t.label} by a formerly approved account, after a transfer cleared its approval: ERC721InsufficientApproval`,
        setup: async (w, token) => {
          await approveCustodian(w, token);
          await token.connect(w.owner).getFunction("transferFrom")(w.owner.address, w.receiver.address, w.id);
        },
        call: (w) => move(w.approved, w.receiver.address, w.owner.address, idOf)(w),
      },
    );

    const receivers: [string, (w: World) => string][] = [
      [
        "a receiver contract that accepts: onERC721Received(operator, from, tokenId, data) is called",
        (w) => w.probes.Accept,
      ],
      ["a receiver answering a wrong value", (w) => w.probes.WrongSelector],
      ["a receiver reverting with a reason", (w) => w.probes.RevertWithReason],
      ["a receiver reverting without a reason", (w) => w.probes.RevertWithoutReason],
      ["a receiver reverting with a custom error", (w) => w.probes.RevertWithCustomError],
      ["a receiver that panics", (w) => w.probes.Panic],
      ["a contract without onERC721Received", (w) => w.noHook],
    ];
    for (const [what, to] of receivers) {
      const outcome = t.safe
        ? what.startsWith("a receiver contract that accepts")
          ? ""
          : what.includes("with a reason") || what.includes("custom error") || what.includes("panics")
            ? ": the receiver's revert is passed on"
            : ": ERC721InvalidReceiver(receiver)"
        : ": moves the token without asking the receiver";
      cases.push({
        name: `${t.label} by the approved account to ${what}${outcome}`,
        setup: approveCustodian,
        call: (w) => c(w.approved, t.method, w.owner.address, to(w), w.id, ...t.data),
      });
    }
  }
  return cases;
}

const approveCases: Case[] = [
  {
    name: "approve of the zero address without a previous approval: emits Approval(owner, 0, tokenId)",
    call: (w) => c(w.owner, "approve", ethers.ZeroAddress, w.id),
  },
  {
    name: "approve of the zero address clears a previous approval",
    setup: approveCustodian,
    call: (w) => c(w.owner, "approve", ethers.ZeroAddress, w.id),
  },
  {
    name: "approve of an account without a previous approval: sets it, emits Approval",
    call: (w) => c(w.owner, "approve", w.approved.address, w.id),
  },
  {
    name: "approve of the same account again: emits Approval again",
    setup: approveCustodian,
    call: (w) => c(w.owner, "approve", w.approved.address, w.id),
  },
  {
    name: "approve of another account replaces the previous approval",
    setup: approveCustodian,
    call: (w) => c(w.owner, "approve", w.operator.address, w.id),
  },
  {
    name: "approve by an account that is not the owner: ERC721InvalidApprover(caller)",
    call: (w) => c(w.other, "approve", w.approved.address, w.id),
  },
  {
    name: "approve by the approved account of the token, not an operator: ERC721InvalidApprover(caller)",
    setup: approveCustodian,
    call: (w) => c(w.approved, "approve", w.operator.address, w.id),
  },
  {
    name: "approve by an operator for all: approves on the owner's behalf, Approval names the owner",
    setup: approveOperator,
    call: (w) => c(w.operator, "approve", w.approved.address, w.id),
  },
  {
    name: "approve of a nonexistent token: ERC721NonexistentToken(tokenId)",
    call: (w) => c(w.owner, "approve", w.approved.address, w.missing),
  },
  {
    name: "approve of a nonexistent token naming a non-custodian: ERC721NonexistentToken before the custodian rule",
    call: (w) => c(w.owner, "approve", w.other.address, w.missing),
  },
  {
    name: "approve by a non-owner naming a non-custodian: ERC721InvalidApprover before the custodian rule",
    call: (w) => c(w.other, "approve", w.receiver.address, w.id),
  },
  {
    name: "approve by a non-owner naming the zero address: ERC721InvalidApprover(caller)",
    call: (w) => c(w.other, "approve", ethers.ZeroAddress, w.id),
  },
];

const operatorCases: Case[] = [
  {
    name: "setApprovalForAll approves an operator: emits ApprovalForAll(owner, operator, true)",
    call: (w) => c(w.owner, "setApprovalForAll", w.operator.address, true),
  },
  {
    name: "setApprovalForAll approves an operator already approved: emits ApprovalForAll again",
    setup: approveOperator,
    call: (w) => c(w.owner, "setApprovalForAll", w.operator.address, true),
  },
  {
    name: "setApprovalForAll revokes an operator: emits ApprovalForAll(owner, operator, false)",
    setup: approveOperator,
    call: (w) => c(w.owner, "setApprovalForAll", w.operator.address, false),
  },
  {
    name: "setApprovalForAll revokes an operator never approved: emits ApprovalForAll(owner, operator, false)",
    call: (w) => c(w.owner, "setApprovalForAll", w.other.address, false),
  },
  {
    name: "setApprovalForAll by an account without tokens",
    call: (w) => c(w.receiver, "setApprovalForAll", w.operator.address, true),
  },
  {
    name: "setApprovalForAll of the zero operator: ERC721InvalidOperator(0), not the custodian rule",
    call: (w) => c(w.owner, "setApprovalForAll", ethers.ZeroAddress, true),
  },
  {
    name: "setApprovalForAll revoking the zero operator: ERC721InvalidOperator(0)",
    call: (w) => c(w.owner, "setApprovalForAll", ethers.ZeroAddress, false),
  },
];

const viewCases: Case[] = [
  { name: "balanceOf an owner: its number of tokens", call: (w) => c(w.owner, "balanceOf", w.owner.address) },
  { name: "balanceOf an account without tokens: 0", call: (w) => c(w.owner, "balanceOf", w.receiver.address) },
  {
    name: "balanceOf the zero address: ERC721InvalidOwner(0)",
    call: (w) => c(w.owner, "balanceOf", ethers.ZeroAddress),
  },
  { name: "ownerOf an existing token: its owner", call: (w) => c(w.owner, "ownerOf", w.id) },
  {
    name: "ownerOf a nonexistent token: ERC721NonexistentToken(tokenId)",
    call: (w) => c(w.owner, "ownerOf", w.missing),
  },
  {
    name: "ownerOf a token after its transfer: the new owner",
    setup: (w, t) => t.connect(w.owner).getFunction("transferFrom")(w.owner.address, w.receiver.address, w.id),
    call: (w) => c(w.owner, "ownerOf", w.id),
  },
  { name: "getApproved without approval: the zero address", call: (w) => c(w.owner, "getApproved", w.id) },
  {
    name: "getApproved with an approval: the account",
    setup: approveCustodian,
    call: (w) => c(w.owner, "getApproved", w.id),
  },
  {
    name: "getApproved of a nonexistent token: ERC721NonexistentToken(tokenId)",
    call: (w) => c(w.owner, "getApproved", w.missing),
  },
  {
    name: "isApprovedForAll of an approved operator: true",
    setup: approveOperator,
    call: (w) => c(w.owner, "isApprovedForAll", w.owner.address, w.operator.address),
  },
  {
    name: "isApprovedForAll of an account never approved: false",
    call: (w) => c(w.owner, "isApprovedForAll", w.owner.address, w.other.address),
  },
  { name: "tokenURI of an existing token: empty (no base URI)", call: (w) => c(w.owner, "tokenURI", w.id) },
  {
    name: "tokenURI of a nonexistent token: ERC721NonexistentToken(tokenId)",
    call: (w) => c(w.owner, "tokenURI", w.missing),
  },
  ...[
    ["ERC-165", "0x01ffc9a7"],
    ["ERC-721", "0x80ac58cd"],
    ["ERC-721 metadata", "0x5b5e139f"],
    ["ERC-721 enumerable (not implemented)", "0x780e9d63"],
    ["0xffffffff (never)", "0xffffffff"],
  ].map(([what, id]) => ({
    name: `supportsInterface ${what}`,
    call: (w: World) => c(w.owner, "supportsInterface", id),
  })),
];

// ------------------------------------------------------------------ where the law rules differ

type Difference = GenericDifference<World>;

const ok = () => "ok";
const transferredBy = (from: string, to: string, id: bigint) => `ok Transfer(${lower(from)}, ${lower(to)}, ${id})`;

const differences: Difference[] = [
  {
    name: "approve of a verified account that is not a custodian",
    rule: "exclusive control: approvals only to verified settlement / custody participants",
    call: (w) => c(w.owner, "approve", w.other.address, w.id),
    reference: (w) => `ok Approval(${lower(w.owner.address)}, ${lower(w.other.address)}, ${w.id})`,
    ours: (w) => `EblOperatorNotCustodian(${lower(w.other.address)})`,
  },
  {
    name: "approve of the owner itself",
    rule: "exclusive control: approvals only to verified settlement / custody participants",
    call: (w) => c(w.owner, "approve", w.owner.address, w.id),
    reference: (w) => `ok Approval(${lower(w.owner.address)}, ${lower(w.owner.address)}, ${w.id})`,
    ours: (w) => `EblOperatorNotCustodian(${lower(w.owner.address)})`,
  },
  {
    name: "setApprovalForAll of a verified account that is not a custodian",
    rule: "exclusive control: approvals only to verified settlement / custody participants",
    call: (w) => c(w.owner, "setApprovalForAll", w.other.address, true),
    reference: (w) => `ok ApprovalForAll(${lower(w.owner.address)}, ${lower(w.other.address)}, true)`,
    ours: (w) => `EblOperatorNotCustodian(${lower(w.other.address)})`,
  },
  {
    name: "setApprovalForAll of the caller itself",
    rule: "exclusive control: approvals only to verified settlement / custody participants",
    call: (w) => c(w.owner, "setApprovalForAll", w.owner.address, true),
    reference: (w) => `ok ApprovalForAll(${lower(w.owner.address)}, ${lower(w.owner.address)}, true)`,
    ours: (w) => `EblOperatorNotCustodian(${lower(w.owner.address)})`,
  },
  {
    name: "approve by an operator for all that is no longer a verified custodian",
    rule: "exclusive control: an operator acts, and passes approvals on, only while it is a verified custodian",
    setup: async (w, token, side) => {
      await approveOperator(w, token);
      if (side === "ours") await w.participants.connect(w.registrar).revoke(w.operator.address);
    },
    call: (w) => c(w.operator, "approve", w.approved.address, w.id),
    reference: (w) => `ok Approval(${lower(w.owner.address)}, ${lower(w.approved.address)}, ${w.id})`,
    ours: (w) => `EblOperatorNotCustodian(${lower(w.operator.address)})`,
  },
  {
    name: "transferFrom by an approved account that is no longer a verified custodian",
    rule: "exclusive control: an operator acts, and passes approvals on, only while it is a verified custodian",
    setup: async (w, token, side) => {
      await approveCustodian(w, token);
      if (side === "ours") await w.participants.connect(w.registrar).revoke(w.approved.address);
    },
    call: (w) => c(w.approved, "transferFrom", w.owner.address, w.receiver.address, w.id),
    reference: (w) => transferredBy(w.owner.address, w.receiver.address, w.id),
    ours: (w) => `ERC721InsufficientApproval(${lower(w.approved.address)}, ${w.id})`,
  },
  {
    name: "transferFrom to an account that is not a verified participant",
    rule: "every receiver is a verified participant",
    call: (w) => c(w.owner, "transferFrom", w.owner.address, w.outsider.address, w.id),
    reference: (w) => transferredBy(w.owner.address, w.outsider.address, w.id),
    ours: (w) => `RailsNotVerified(${lower(w.outsider.address)})`,
  },
  {
    name: "safeTransferFrom to a receiver contract that is not a verified participant: refused before it is asked",
    rule: "every receiver is a verified participant",
    call: (w) => c(w.owner, "safeTransferFrom(address,address,uint256)", w.owner.address, w.unregisteredProbe, w.id),
    reference: (w) =>
      `${transferredBy(w.owner.address, w.unregisteredProbe, w.id)} ${lower(w.unregisteredProbe)}.Received(<token>, ` +
      `${lower(w.owner.address)}, ${lower(w.owner.address)}, ${w.id}, 0x)`,
    ours: (w) => `RailsNotVerified(${lower(w.unregisteredProbe)})`,
  },
  {
    name: "transferFrom from a wrong previous owner to an unverified account: the receiver rule is reported first",
    rule: "the law rules sit in the _update hook, as OpenZeppelin's own extensions (ERC721Pausable) place theirs; OpenZeppelin checks `from` after _update",
    call: (w) => c(w.owner, "transferFrom", w.other.address, w.outsider.address, w.id),
    reference: (w) => `ERC721IncorrectOwner(${lower(w.other.address)}, ${w.id}, ${lower(w.owner.address)})`,
    ours: (w) => `RailsNotVerified(${lower(w.outsider.address)})`,
  },
  {
    name: "transferFrom of a straight B/L to a verified trader that is neither its shipper nor its consignee",
    rule: "straight B/L possession rule",
    call: (w) => c(w.owner, "transferFrom", w.owner.address, w.receiver.address, w.straightId),
    reference: (w) => transferredBy(w.owner.address, w.receiver.address, w.straightId),
    ours: (w) => `EblStraightRecipientNotAllowed(${w.straightId}, ${lower(w.receiver.address)})`,
  },
  {
    name: "transferFrom while the registry is paused",
    rule: "pause (approvals still work)",
    setup: async (w, _token, side) => {
      if (side === "ours") await w.ebl.connect(w.admin).pause();
    },
    call: (w) => c(w.owner, "transferFrom", w.owner.address, w.receiver.address, w.id),
    reference: (w) => transferredBy(w.owner.address, w.receiver.address, w.id),
    ours: () => "EnforcedPause()",
  },
  {
    name: "transferFrom of an eBL on legal hold",
    rule: "legal hold",
    setup: async (w, _token, side) => {
      if (side === "ours") await w.ebl.connect(w.regulator).placeLegalHold(w.id, HOLD_REASON);
    },
    call: (w) => c(w.owner, "transferFrom", w.owner.address, w.receiver.address, w.id),
    reference: (w) => transferredBy(w.owner.address, w.receiver.address, w.id),
    ours: (w) => `EblOnLegalHold(${w.id})`,
  },
  {
    name: "transferFrom of an eBL surrendered to its carrier, by the carrier holding it",
    rule: "only an Issued eBL moves by ERC-721 transfer; a surrender is answered by acceptSurrender / rejectSurrender",
    setup: async (w, token, side) => {
      if (side === "ours") await w.ebl.connect(w.owner).surrenderForDelivery(w.id);
      else await token.connect(w.owner).getFunction("transferFrom")(w.owner.address, w.carrier.address, w.id);
    },
    call: (w) => c(w.carrier, "transferFrom", w.carrier.address, w.receiver.address, w.id),
    reference: (w) => transferredBy(w.carrier.address, w.receiver.address, w.id),
    ours: (w) => `EblInvalidStatus(${w.id}, 2)`,
  },
];

describe("BillOfLadingRegistry — ERC-721 conformance with OpenZeppelin's ERC721", function () {
  describe("same outcome as OpenZeppelin when no law rule applies", function () {
    for (const [group, cases] of [
      ["transfers", transferCases()],
      ["approve", approveCases],
      ["setApprovalForAll", operatorCases],
      ["views", viewCases],
    ] as const) {
      describe(group, function () {
        for (const k of cases) it(k.name, async () => expectSameAsOpenZeppelin(k));
      });
    }

    it("calls every public function of OpenZeppelin's ERC721 in some case, but name, symbol and the test mint", async function () {
      const w = await loadFixture(fixture);
      const cases = [...transferCases(), ...approveCases, ...operatorCases, ...viewCases];
      // each token has its own name and symbol; the registry's only mint is `issue`
      expect(await uncalledFunctions(w, cases, ["name", "symbol", "mint"])).to.deep.equal([]);
    });

    it("adds PossessionTransferred(tokenId, from, to, operator) after Transfer on every ERC-721 transfer", async function () {
      const w = await loadFixture(fixture);
      await approveCustodian(w, w.ebl);
      await expect(w.ebl.connect(w.approved).transferFrom(w.owner.address, w.receiver.address, w.id))
        .to.emit(w.ebl, "PossessionTransferred")
        .withArgs(w.id, w.owner.address, w.receiver.address, w.approved.address);
    });
  });

  describe("where a law rule of the registry differs from OpenZeppelin (docs/ebl.md)", function () {
    for (const d of differences) {
      it(`${d.name} — ${d.rule}`, async () => expectDifference(d));
    }
  });
});
