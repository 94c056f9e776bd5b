/**
 * Gas benchmark against the reference implementations (issue 8): deploys our contracts and the anchors into one
 * Hardhat in-process network (Cancun) in one run, performs each job on both with the same preconditions, takes gas
 * from the receipts, writes bench/results/gas.json and bench/results/gas.md and prints the table.
 * Exits non-zero if any operation reverts (ours, or an anchor's, which would leave a row without a figure).
 *
 * Run with `npm run bench` (`hardhat run bench/gas.ts`). See docs/gas.md, "Benchmark against reference
 * implementations", for what each row measures.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Contract, ContractTransactionResponse, Interface } from "ethers";
import { network } from "hardhat";
import { toFunctionSelector } from "viem";

import { deployTradeTrust, deployTrex } from "./anchors.js";
import { CATEGORIES, breakdown, type GasBreakdown } from "./breakdown.js";
import { signListing } from "./seaport.js";
import { crossBankTermsTypes } from "../sdk/src/crossBank.js";
import { ZERO_QUOTE, interbankQuoteTypes } from "../sdk/src/fx.js";
import {
  functionRoles,
  platformRoles,
  roleId,
  transferPolicyRoles,
  type DepositRoleName,
  type RailsRole,
} from "../sdk/src/roles.js";

const { ethers, networkHelpers } = await network.create({ network: "hardhatMainnet" });

/** ParticipantKinds.sol */
const Kinds = { CARRIER: 1 << 0, BANK: 1 << 1, TRADER: 1 << 2, SETTLEMENT: 1 << 4 } as const;
/** IBillOfLadingRegistry.BillKind */
const TO_ORDER = 1;
/** IPaymentRail.PaymentMethod.Allowance */
const ALLOWANCE = { method: 0, validAfter: 0, deadline: 0, nonce: ethers.ZeroHash, signature: "0x" };
const NO_EBL_AUTH = { deadline: 0, signature: "0x" };
const UNITS = (n: number) => BigInt(n) * 100n; // 2 decimals on every token of the benchmark
const PRICE = UNITS(25_000);
const STANDING_ALLOWANCE = UNITS(10_000_000);

// ===================================================================== results

export interface GasRow {
  operation: string;
  ours: number;
  anchor: string;
  anchorGas: number;
  ratio: number;
}

/** One row of the table: the measurement keys of ours and of the anchor doing the same job. */
interface Pairing {
  operation: string;
  oursKey: string;
  anchor: string;
  anchorKey: string;
  /** Issue 8's target: at most this ratio; undefined where the issue sets none (reported only). */
  target?: number;
}

/** Gas of every measured transaction (or sum of transactions), by key; undefined where it reverted. */
const gas = new Map<string, bigint | undefined>();
/** The transaction of each key measured with a single transaction, for the gas breakdowns. */
const hashes = new Map<string, string>();
const failures: string[] = [];

async function measure(key: string, ...txs: (() => Promise<ContractTransactionResponse>)[]): Promise<void> {
  let total = 0n;
  try {
    for (const tx of txs) {
      const receipt = await (await tx()).wait();
      if (receipt === null || receipt.status !== 1) throw new Error("no successful receipt");
      total += receipt.gasUsed;
      if (txs.length === 1) hashes.set(key, receipt.hash);
    }
    gas.set(key, total);
  } catch (error) {
    gas.set(key, undefined);
    failures.push(`${key}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}

/** Sends a set-up transaction and waits for it (set-up failures abort the run). */
async function send(tx: Promise<ContractTransactionResponse>): Promise<void> {
  await (await tx).wait();
}

// ===================================================================== accounts

const [
  admin,
  registrar,
  carrier,
  hkBank,
  warmUp,
  warmUpPeer,
  exporter,
  importer,
  sender,
  recipient,
  firstSeller,
  firstBuyer,
  steadySeller,
  steadyBuyer,
  escrowFirstSeller,
  escrowFirstBuyer,
  escrowSteadySeller,
  escrowSteadyBuyer,
  spare,
] = await ethers.getSigners();

/**
 * The chain starts at a fixed time and every deadline in a signed message is fixed, so the signed messages, their
 * signatures and hence the calldata (zero bytes cost less) are the same in every run: the figures are reproducible to
 * the unit. The run lasts seconds, far less than any validity window below.
 */
const START = 2_000_000_000n; // 2033-05-18
const DAY = 24n * 3600n;
await networkHelpers.time.increaseTo(START);

// ===================================================================== our system

// One access manager for every contract, as the Ignition module deploys it (the SDK's function-role table).
const manager = await ethers.deployContract("RailsAccessManager", [admin.address]);
const authority = await manager.getAddress();
const participants = await ethers.deployContract("ParticipantRegistry", [authority]);
const ebl = await ethers.deployContract("BillOfLadingRegistry", [await participants.getAddress(), authority]);
const signed = await ethers.deployContract("SignedSettlement", [authority]);
const escrow = await ethers.deployContract("EscrowedDeals", [authority]);
const rail = await ethers.deployContract("DepositRail", [
  authority,
  await signed.getAddress(),
  await escrow.getAddress(),
]);
/** Assigns the functions of `target` to their roles (`functionRoles`, the table Ignition uses). */
async function wire(contract: Parameters<typeof functionRoles>[0], target: string): Promise<void> {
  for (const line of functionRoles(contract)) {
    await send(manager.connect(admin).setTargetFunctionRole(target, line.selectors, line.roleId));
  }
}
const grantRole = (role: RailsRole, account: string) =>
  send(manager.connect(admin).grantRole(roleId(role), account, 0));
await wire("participants", await participants.getAddress());
await wire("ebl", await ebl.getAddress());
/**
 * The settlement roles (settlement ADMIN, PAUSER) apply to the two settlement contracts and the rail: each role gets the
 * functions of its table line that the contract has (the rail has only `recoverStrayToken`).
 */
async function wireSettlement(contract: { interface: Interface; getAddress(): Promise<string> }): Promise<void> {
  for (const entry of Object.values(platformRoles.settlement)) {
    const selectors = entry.functions.flatMap((name) => contract.interface.getFunction(name)?.selector ?? []);
    if (selectors.length > 0) {
      await send(manager.connect(admin).setTargetFunctionRole(await contract.getAddress(), selectors, entry.id));
    }
  }
}
for (const contract of [signed, escrow, rail]) await wireSettlement(contract);
await grantRole({ contract: "participants", name: "REGISTRAR" }, registrar.address);
{
  const validUntil = START + 365n * DAY;
  const register = (account: string, kinds: number) =>
    send(
      participants.connect(registrar).register(account, {
        kinds,
        jurisdiction: ethers.hexlify(ethers.toUtf8Bytes("HK")),
        validUntil,
        kycReference: ethers.id(`kyc:${account}`),
      }),
    );
  await register(carrier.address, Kinds.CARRIER);
  await register(hkBank.address, Kinds.BANK);
  // Both settlement contracts and the rail (which receives EIP-3009 payments on their way through) are custodians.
  for (const custodian of [signed, escrow, rail]) await register(await custodian.getAddress(), Kinds.SETTLEMENT);
  for (const trader of [
    warmUp,
    warmUpPeer,
    exporter,
    importer,
    sender,
    recipient,
    firstSeller,
    firstBuyer,
    steadySeller,
    steadyBuyer,
    escrowFirstSeller,
    escrowFirstBuyer,
    escrowSteadySeller,
    escrowSteadyBuyer,
  ]) {
    await register(trader.address, Kinds.TRADER);
  }
}
// The issuer must be a verified bank before the deposit token is deployed.
const hkd = await ethers.deployContract("TokenizedDeposit", [
  {
    name: "Harbour Bank HKD Deposit",
    symbol: "hbHKD",
    decimals: 2,
    currency: ethers.hexlify(ethers.toUtf8Bytes("HKD")),
    registry: await participants.getAddress(),
    issuer: hkBank.address,
    issuerId: ethers.encodeBytes32String("LEI:HARBOURBANKHK0001"),
    supplyCap: 0n,
    authority,
  },
]);
await wire({ deposit: "HKD" }, await hkd.getAddress());
await grantRole({ contract: "deposit", currency: "HKD", name: "MINTER" }, hkBank.address);
await grantRole({ contract: "deposit", currency: "HKD", name: "FREEZER" }, hkBank.address);
await grantRole({ contract: "ebl", name: "ISSUER" }, carrier.address);
await grantRole({ contract: "ebl", name: "LEGAL_HOLD" }, admin.address);
await grantRole({ contract: "ebl", name: "PAUSER" }, admin.address);
await grantRole({ contract: "settlement", name: "ADMIN" }, admin.address);
// The market (eBL registry, HKD deposit) paid through the deposit rail, in both ways of settling.
for (const settlement of [signed, escrow]) {
  await send(
    settlement.connect(admin).setMarket(await ebl.getAddress(), await hkd.getAddress(), await rail.getAddress()),
  );
}

let billCount = 0;
/** The carrier issues a to-order eBL to `shipper`, title with the shipper. Returns its token id. */
async function issueBill(shipper: { address: string }): Promise<bigint> {
  const reference = `BENCH${String(++billCount).padStart(6, "0")}`;
  await send(ebl.connect(carrier).issue(shipper.address, reference, TO_ORDER, shipper.address, ethers.id(reference)));
  return ebl.tokenIdOf(carrier.address, reference);
}
const mintHkd = (to: { address: string }, amount: bigint) =>
  send(hkd.connect(hkBank).mint(to.address, amount, ethers.encodeBytes32String(`DEP-${to.address.slice(2, 10)}`)));

// ===================================================================== anchors

const tradeTrust = await deployTradeTrust(admin);
const trex = await deployTrex(admin, "direct");
const trexProxied = await deployTrex(admin, "proxied");

/**
 * The benchmark-only contracts (bench/contracts, ConduitController, Seaport) have no typechain types: bench/ is type
 * checked against the project's types/ (main build), and the bench build generates none (hardhat.bench.config.ts).
 * They are plain ethers Contracts called by name, like the packaged anchors. `connect(contract, signer)` connects one
 * to a signer and keeps it a Contract (ethers types `connect` as returning a BaseContract, without the ABI's methods).
 */
const connect = (contract: Contract, signer: HardhatEthersSigner): Contract => contract.connect(signer) as Contract;
const plain20 = await ethers.deployContract("PlainERC20");
const plain721 = await ethers.deployContract("PlainERC721");
const conduitController = await ethers.deployContract("ConduitController");
const seaport = await ethers.deployContract("Seaport", [await conduitController.getAddress()]);
const naive = await ethers.deployContract("NaiveSwap");

// ===================================================================== eBL: ours vs TradeTrust

/**
 * Every eBL operation is measured after the same operation was done once on another token, on both sides, so that
 * state a live registry has already touched (e.g. TradeTrust's burn address balance) is not charged to the measured
 * call. Preconditions of the measured call are the same on both sides: the exporter holds a fresh bill with title,
 * the other party has held none before.
 */
let ttCount = 0n;
async function mintTradeTrust(to: HardhatEthersSigner): Promise<bigint> {
  const tokenId = ++ttCount;
  await send(tradeTrust.registry.mint(to.address, to.address, tokenId, "0x"));
  return tokenId;
}

// issue / mint
await issueBill(warmUp);
await mintTradeTrust(warmUp);
const issueRef = "BENCH-ISSUE";
await measure("ours:issue", () =>
  ebl.connect(carrier).issue(exporter.address, issueRef, TO_ORDER, exporter.address, ethers.id(issueRef)),
);
const issuedId = await ebl.tokenIdOf(carrier.address, issueRef);
const ttIssued = ++ttCount;
await measure("tt:mint", () => tradeTrust.registry.mint(exporter.address, exporter.address, ttIssued, "0x"));

// transfer of possession / transferHolder
{
  const w = await issueBill(warmUp);
  await send(ebl.connect(warmUp).transferFrom(warmUp.address, warmUpPeer.address, w));
  const tw = await mintTradeTrust(warmUp);
  await send((await tradeTrust.escrow(tw, warmUp)).transferHolder(warmUpPeer.address, "0x"));
}
await measure("ours:possession", () =>
  ebl.connect(exporter).transferFrom(exporter.address, importer.address, issuedId),
);
await measure("tt:transferHolder", async () =>
  (await tradeTrust.escrow(ttIssued, exporter)).transferHolder(importer.address, "0x"),
);

// endorse-and-deliver / transferOwners (a new bill each; the endorsee holds none yet: hkBank on both sides)
{
  const w = await issueBill(warmUp);
  await send(ebl.connect(warmUp).endorseAndDeliver(w, warmUpPeer.address));
  const tw = await mintTradeTrust(warmUp);
  await send((await tradeTrust.escrow(tw, warmUp)).transferOwners(warmUpPeer.address, warmUpPeer.address, "0x"));
}
{
  const id = await issueBill(exporter);
  const tid = await mintTradeTrust(exporter);
  await measure("ours:endorseAndDeliver", () => ebl.connect(exporter).endorseAndDeliver(id, hkBank.address));
  await measure("tt:transferOwners", async () =>
    (await tradeTrust.escrow(tid, exporter)).transferOwners(hkBank.address, hkBank.address, "0x"),
  );
}

// The same three operations of ours where the receiving party already holds an eBL of the registry (its ERC-721
// balance is not zero): TradeTrust's escrow model keeps no per-party balance, so its figures above stand for both.
await measure("ours:issue:holding", () =>
  ebl.connect(carrier).issue(warmUp.address, "BENCH-ISSUE-2", TO_ORDER, warmUp.address, ethers.id("BENCH-ISSUE-2")),
);
await measure("ours:possession:holding", async () => {
  const id = await issueBill(exporter);
  return ebl.connect(exporter).transferFrom(exporter.address, warmUpPeer.address, id);
});
await measure("ours:endorseAndDeliver:holding", async () => {
  const id = await issueBill(exporter);
  return ebl.connect(exporter).endorseAndDeliver(id, warmUpPeer.address);
});

// surrender + accept / returnToIssuer + burn
async function surrenderOurs(holder: HardhatEthersSigner, id: bigint, key?: string): Promise<void> {
  const surrender = () => ebl.connect(holder).surrenderForDelivery(id);
  const accept = () => ebl.connect(carrier).acceptSurrender(id);
  if (key === undefined) {
    await send(surrender());
    await send(accept());
  } else {
    await measure(key, surrender, accept);
  }
}
async function surrenderTradeTrust(holder: HardhatEthersSigner, id: bigint, key?: string): Promise<void> {
  const escrow = await tradeTrust.escrow(id, holder);
  const back = () => escrow.returnToIssuer("0x");
  const burn = () => tradeTrust.registry.burn(id, "0x");
  if (key === undefined) {
    await send(back());
    await send(burn());
  } else {
    await measure(key, back, burn);
  }
}
await surrenderOurs(warmUp, await issueBill(warmUp));
await surrenderTradeTrust(warmUp, await mintTradeTrust(warmUp));
await surrenderOurs(exporter, await issueBill(exporter), "ours:surrender");
await surrenderTradeTrust(exporter, await mintTradeTrust(exporter), "tt:returnAndBurn");

// ===================================================================== deposit transfer: ours vs OZ ERC20 vs T-REX

/**
 * The sender holds a balance; "cold" sends to an eligible account that holds none of the token (its balance slot goes
 * from zero to non-zero), "warm" sends to the same account again. Every recipient is eligible on its token: a verified
 * participant for ours, a registered identity for T-REX.
 */
const TRANSFER = UNITS(1_000);
await mintHkd(sender, UNITS(100_000));
await send(plain20.mint(sender.address, UNITS(100_000)));
for (const suite of [trex, trexProxied]) {
  await suite.registerInvestor(sender);
  await suite.registerInvestor(recipient);
  await send(suite.token.mint(sender.address, UNITS(100_000)));
}
for (const temperature of ["cold", "warm"] as const) {
  await measure(`ours:transfer:${temperature}`, () => hkd.connect(sender).transfer(recipient.address, TRANSFER));
  await measure(`oz:transfer:${temperature}`, () => connect(plain20, sender).transfer(recipient.address, TRANSFER));
  await measure(`trex:transfer:${temperature}`, async () =>
    trex.token.connect(sender).getFunction("transfer")(recipient.address, TRANSFER),
  );
  await measure(`trexProxied:transfer:${temperature}`, async () =>
    trexProxied.token.connect(sender).getFunction("transfer")(recipient.address, TRANSFER),
  );
}

// ===================================================================== deposit transfer with a transfer policy

/**
 * The same warm transfer with a TransferPolicy set on the token: limits (per transfer and daily) and jurisdiction pairs
 * enforced (HK -> HK permitted), nobody sanctioned. "first": the sender's first transfer of the day under the policy
 * (its daily-spend slot goes from zero to non-zero); "warm": the next one. The policy is removed afterwards, so what
 * follows is measured without one. The added cost is the difference with `ours:transfer:warm`.
 */
{
  const policy = await ethers.deployContract("TransferPolicy", [await hkd.getAddress(), authority]);
  for (const [name, signatures] of Object.entries(transferPolicyRoles)) {
    const role = roleId({ contract: "deposit", currency: "HKD", name: name as DepositRoleName });
    await send(
      manager.connect(admin).setTargetFunctionRole(await policy.getAddress(), signatures.map(toFunctionSelector), role),
    );
  }
  await grantRole({ contract: "deposit", currency: "HKD", name: "POLICY_ADMIN" }, admin.address);
  const HK = ethers.hexlify(ethers.toUtf8Bytes("HK"));
  await send(policy.connect(admin).setDefaultLimits(UNITS(50_000), UNITS(1_000_000)));
  await send(policy.connect(admin).setJurisdictionPair(HK, HK, true));
  await send(policy.connect(admin).setJurisdictionPairsEnforced(true));
  await send(hkd.connect(admin).setTransferPolicy(await policy.getAddress()));
  await measure("ours:transfer:policy:first", () => hkd.connect(sender).transfer(recipient.address, TRANSFER));
  await measure("ours:transfer:policy:warm", () => hkd.connect(sender).transfer(recipient.address, TRANSFER));
  await send(hkd.connect(admin).setTransferPolicy(ethers.ZeroAddress));
}

// ===================================================================== settlement: ours vs Seaport vs naive floor

/**
 * One eBL (or NFT) against PRICE of the payment token. Both sides have standing approvals, given once before (not
 * counted): the seller's operator approval of the settlement contract used (ours: signed settlement or escrowed deals)
 * or of Seaport / the naive swap, and the buyer's allowance, larger than the price, to the deposit rail (ours: the
 * rail pays for both settlement contracts) or to Seaport / the naive swap. "first": the seller holds only the bill being sold and no money, the buyer
 * money and no bill. "steady": both already hold both (the seller another bill and money, the buyer a bill and money),
 * so no balance starts or ends at zero.
 */
type Case = "first" | "steady";

async function prepareOurs(
  seller: HardhatEthersSigner,
  buyer: HardhatEthersSigner,
  c: Case,
  settlement: string,
): Promise<bigint> {
  const id = await issueBill(seller);
  await mintHkd(buyer, UNITS(100_000));
  if (c === "steady") {
    await issueBill(seller);
    await issueBill(buyer);
    await mintHkd(seller, UNITS(1_000));
  }
  await send(ebl.connect(seller).setApprovalForAll(settlement, true));
  await send(hkd.connect(buyer).approve(await rail.getAddress(), STANDING_ALLOWANCE));
  return id;
}

let nftCount = 0n;
async function prepareNft(
  seller: HardhatEthersSigner,
  buyer: HardhatEthersSigner,
  c: Case,
  operator: string,
): Promise<bigint> {
  const id = ++nftCount;
  await send(plain721.mint(seller.address, id));
  await send(plain20.mint(buyer.address, UNITS(100_000)));
  if (c === "steady") {
    await send(plain721.mint(seller.address, ++nftCount));
    await send(plain721.mint(buyer.address, ++nftCount));
    await send(plain20.mint(seller.address, UNITS(1_000)));
  }
  await send(connect(plain721, seller).setApprovalForAll(operator, true));
  await send(connect(plain20, buyer).approve(operator, STANDING_ALLOWANCE));
  return id;
}

async function termsFor(seller: { address: string }, buyer: { address: string }, tokenId: bigint) {
  const { documentHash } = await ebl.billOf(tokenId);
  return {
    registry: await ebl.getAddress(),
    tokenId,
    documentHash,
    paymentToken: await hkd.getAddress(),
    amount: PRICE,
    seller: seller.address,
    buyer: buyer.address,
    eblRecipient: buyer.address,
    titleRecipient: buyer.address,
    paymentRecipient: seller.address,
    condition: ethers.ZeroAddress,
    conditionData: ethers.ZeroHash,
    deadline: START + 7n * DAY,
    salt: ethers.id(`bench:${tokenId}`),
  };
}

const TERMS_TYPES = {
  Terms: [
    { name: "registry", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "documentHash", type: "bytes32" },
    { name: "paymentToken", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "seller", type: "address" },
    { name: "buyer", type: "address" },
    { name: "eblRecipient", type: "address" },
    { name: "titleRecipient", type: "address" },
    { name: "paymentRecipient", type: "address" },
    { name: "condition", type: "address" },
    { name: "conditionData", type: "bytes32" },
    { name: "deadline", type: "uint256" },
    { name: "salt", type: "bytes32" },
  ],
};
const chainId = (await ethers.provider.getNetwork()).chainId;
const signedDomain = {
  name: "Cargo Rails Signed Settlement",
  version: "2",
  chainId,
  verifyingContract: await signed.getAddress(),
};

const pairs: Record<Case, { signed: HardhatEthersSigner[]; escrow: HardhatEthersSigner[] }> = {
  first: { signed: [firstSeller, firstBuyer], escrow: [escrowFirstSeller, escrowFirstBuyer] },
  steady: { signed: [steadySeller, steadyBuyer], escrow: [escrowSteadySeller, escrowSteadyBuyer] },
};

for (const c of ["first", "steady"] as const) {
  // Ours, signed: the seller signed the terms, the buyer submits them (as Seaport's fulfiller does).
  {
    const [seller, buyer] = pairs[c].signed;
    const id = await prepareOurs(seller, buyer, c, await signed.getAddress());
    const terms = await termsFor(seller, buyer, id);
    const sellerSignature = await seller.signTypedData(signedDomain, TERMS_TYPES, terms);
    await measure(`ours:settle:${c}`, () =>
      signed.connect(buyer).settle({
        terms,
        sellerSignature,
        buyerSignature: "0x",
        eblAuth: NO_EBL_AUTH,
        paymentAuth: ALLOWANCE,
      }),
    );
  }
  // Ours, escrowed: createDeal and depositEbl by the seller, depositPayment (which settles) by the buyer.
  {
    const [seller, buyer] = pairs[c].escrow;
    const id = await prepareOurs(seller, buyer, c, await escrow.getAddress());
    const terms = await termsFor(seller, buyer, id);
    await measure(
      `ours:escrow:${c}`,
      () => escrow.connect(seller).createDeal(terms, "0x"),
      () => escrow.connect(seller).depositEbl(terms, "0x", NO_EBL_AUTH),
      () => escrow.connect(buyer).depositPayment(terms, PRICE, "0x", ALLOWANCE),
    );
  }
  // Seaport: the seller signed a basic order, the buyer fulfils it.
  {
    const [seller, buyer] = pairs[c].signed;
    const id = await prepareNft(seller, buyer, c, await seaport.getAddress());
    const parameters = await signListing(
      seaport,
      seller,
      await plain721.getAddress(),
      id,
      await plain20.getAddress(),
      PRICE,
      chainId,
      START - 60n,
      START + 7n * DAY,
    );
    await measure(`seaport:${c}`, () => connect(seaport, buyer).fulfillBasicOrder(parameters));
  }
  // Naive floor: one call, two transferFroms.
  {
    const [seller, buyer] = pairs[c].escrow;
    const id = await prepareNft(seller, buyer, c, await naive.getAddress());
    await measure(`naive:${c}`, async () =>
      connect(naive, buyer).swap(await plain721.getAddress(), id, seller.address, await plain20.getAddress(), PRICE),
    );
  }
}

// ===================================================================== the legs alone (for the analysis in docs/gas.md)

/**
 * A plain ERC-721 transferFrom in the state of "ours:endorseAndDeliver:holding" (the sender's only token, to an
 * account that holds one): with the deposit transfers above, it splits our settlement's excess over Seaport into the
 * two tokens' own costs and the settlement contract's.
 */
{
  const id = ++nftCount;
  await send(plain721.mint(sender.address, id));
  await send(plain721.mint(recipient.address, ++nftCount));
  await measure("oz721:transferFrom:holding", () =>
    connect(plain721, sender).transferFrom(sender.address, recipient.address, id),
  );
}

// ===================================================================== permissioned actions

/**
 * What the operators' actions cost, each asking the access manager once (`restricted`): the registrar, the eBL legal
 * hold and pauser, the bank's minter and freezer, the settlement admin. The issuer's is the "issue" rows above.
 */
const permissioned: { action: string; key: string }[] = [
  { action: "register a participant (registrar)", key: "perm:register" },
  { action: "place a legal hold (legal-hold role)", key: "perm:placeLegalHold" },
  { action: "pause the eBL registry (pauser)", key: "perm:pause" },
  { action: "mint to a holder (minter)", key: "perm:mint" },
  { action: "freeze an account (freezer)", key: "perm:freeze" },
  { action: "open a market (settlement admin)", key: "perm:setMarket" },
];
{
  await measure("perm:register", () =>
    participants.connect(registrar).register(spare.address, {
      kinds: Kinds.TRADER,
      jurisdiction: ethers.hexlify(ethers.toUtf8Bytes("HK")),
      validUntil: START + 365n * DAY,
      kycReference: ethers.id(`kyc:${spare.address}`),
    }),
  );
  const held = await issueBill(exporter);
  await measure("perm:placeLegalHold", () => ebl.connect(admin).placeLegalHold(held, ethers.id("COURT")));
  await measure("perm:pause", () => ebl.connect(admin).pause());
  await send(ebl.connect(admin).unpause());
  await measure("perm:mint", () => hkd.connect(hkBank).mint(importer.address, 100n, ethers.id("DEP-PERM")));
  await measure("perm:freeze", () => hkd.connect(hkBank).freeze(spare.address));
  await measure("perm:setMarket", async () =>
    signed.connect(admin).setMarket(await ebl.getAddress(), spare.address, await rail.getAddress()),
  );
}
const permissionedTable = [
  "| action | gas used |",
  "| --- | ---: |",
  ...permissioned.flatMap(({ action, key }) => {
    const g = gas.get(key);
    return g === undefined ? [] : [`| ${action} | ${Number(g).toLocaleString("en-US").replace(/,/g, " ")} |`];
  }),
].join("\n");

// ===================================================================== across banks and currencies (issue 19)

/**
 * Set up after every measurement above, so that their contracts' addresses, and hence their figures, do not move.
 * A second bank in each of two currencies' settlement: Pudong Bank issues CNH deposits, Kowloon Bank a second HKD
 * deposit (under the same HKD roles: the manager's roles are per currency), each central bank issues reserves to its
 * banks and to an FX dealer, and the interbank contract burns, mints and settles reserves for the banks that opted in.
 * The parties are fixed keys (Hardhat has twenty accounts), funded with ETH: the figures stay reproducible.
 */
const Kind = { ...Kinds, CENTRAL_BANK: 1 << 7 } as const;
const party = async (label: string) => {
  const wallet = new ethers.Wallet(ethers.id(`cargo-rails bench: ${label}`), ethers.provider);
  await networkHelpers.setBalance(wallet.address, 10n ** 21n);
  return wallet;
};
const cnBank = await party("Pudong Bank");
const hkBank2 = await party("Kowloon Bank");
const hkma = await party("HKD central bank");
const cnhOperator = await party("CNH operator");
const dealer = await party("FX dealer");
const [xWarmSeller, xWarmBuyer, xSeller, xBuyer, payer, payee, fxPayee] = await Promise.all(
  ["warm-up seller", "warm-up buyer", "seller", "buyer", "payer", "payee", "FX payee"].map(party),
);
{
  const register = (account: string, kinds: number) =>
    send(
      participants.connect(registrar).register(account, {
        kinds,
        jurisdiction: ethers.hexlify(ethers.toUtf8Bytes("HK")),
        validUntil: START + 365n * DAY,
        kycReference: ethers.id(`kyc:${account}`),
      }),
    );
  for (const bank of [cnBank, hkBank2, dealer]) await register(bank.address, Kind.BANK);
  for (const centralBank of [hkma, cnhOperator]) await register(centralBank.address, Kind.CENTRAL_BANK);
  for (const trader of [xWarmSeller, xWarmBuyer, xSeller, xBuyer, payer, payee, fxPayee]) {
    await register(trader.address, Kind.TRADER);
  }
}
const depositToken = async (name: string, symbol: string, currency: string, issuer: string, issuerId: string) =>
  ethers.deployContract("TokenizedDeposit", [
    {
      name,
      symbol,
      decimals: 2,
      currency: ethers.hexlify(ethers.toUtf8Bytes(currency)),
      registry: await participants.getAddress(),
      issuer,
      issuerId: ethers.encodeBytes32String(issuerId),
      supplyCap: 0n,
      authority,
    },
  ]);
const cnh = await depositToken("Pudong Bank CNH Deposit", "pdCNH", "CNH", cnBank.address, "LEI:PUDONGBANKCN0002");
const hkd2 = await depositToken("Kowloon Bank HKD Deposit", "kbHKD", "HKD", hkBank2.address, "LEI:KOWLOONBANKHK003");
await wire({ deposit: "CNH" }, await cnh.getAddress());
await wire({ deposit: "HKD" }, await hkd2.getAddress());
await grantRole({ contract: "deposit", currency: "CNH", name: "MINTER" }, cnBank.address);
await grantRole({ contract: "deposit", currency: "HKD", name: "MINTER" }, hkBank2.address);
const reserve = async (currency: string, centralBank: string) =>
  ethers.deployContract("WholesaleReserve", [
    `${currency} Wholesale Reserve`,
    `r${currency}`,
    ethers.hexlify(ethers.toUtf8Bytes(currency)),
    2,
    await participants.getAddress(),
    centralBank,
  ]);
const rHkd = await reserve("HKD", hkma.address);
const rCnh = await reserve("CNH", cnhOperator.address);
const interbank = await ethers.deployContract("InterbankPayments", [authority]);
const crossBank = await ethers.deployContract("CrossBankSettlement", [authority]);
const interbankAddress = await interbank.getAddress();
const crossBankAddress = await crossBank.getAddress();
await wire("interbank", interbankAddress);
await wireSettlement(crossBank);
await send(
  participants.connect(registrar).register(crossBankAddress, {
    kinds: Kind.SETTLEMENT,
    jurisdiction: ethers.hexlify(ethers.toUtf8Bytes("HK")),
    validUntil: START + 365n * DAY,
    kycReference: ethers.ZeroHash,
  }),
);
await grantRole({ contract: "interbank", name: "SETTLER" }, crossBankAddress);
for (const currency of ["HKD", "CNH"]) {
  for (const name of ["MINTER", "BURNER"] as const) {
    await grantRole({ contract: "deposit", currency, name }, interbankAddress);
  }
}
const RESERVES = UNITS(50_000_000);
for (const [token, centralBank, banks] of [
  [rHkd, hkma, [hkBank, hkBank2, dealer]],
  [rCnh, cnhOperator, [cnBank, dealer]],
] as const) {
  await send(token.connect(centralBank).setSettlementAgent(interbankAddress, true));
  for (const bank of banks) {
    await send(token.connect(centralBank).issue(bank.address, RESERVES, ethers.id(`RSV:${bank.address}`)));
  }
}
const CAPACITY = UNITS(1_000_000_000);
for (const [token, bank, reserveToken] of [
  [hkd, hkBank, rHkd],
  [hkd2, hkBank2, rHkd],
  [cnh, cnBank, rCnh],
] as const) {
  await send(
    interbank
      .connect(bank)
      .setBankAccount(await token.getAddress(), await reserveToken.getAddress(), CAPACITY, CAPACITY),
  );
}
await send(crossBank.connect(admin).setMarket(await ebl.getAddress(), await hkd.getAddress(), interbankAddress));

/** 0.9215 CNH per HKD, scaled by InterbankPayments.RATE_SCALE. */
const RATE = 921_500_000_000_000_000n;
// The SDK's EIP-712 types, as ethers takes them (mutable arrays).
const QUOTE_TYPES = { Quote: [...interbankQuoteTypes.Quote] };
const CROSS_BANK_TYPES = Object.fromEntries(
  Object.entries(crossBankTermsTypes).map(([name, fields]) => [name, [...fields]]),
);
/** A contract's EIP-712 domain as it reports it (ERC-5267). */
async function domainOf(contract: { getAddress(): Promise<string> }) {
  const [, name, version, domainChainId, verifyingContract] = await (contract as Contract).getFunction(
    "eip712Domain",
  )();
  return { name, version, chainId: domainChainId, verifyingContract };
}
const interbankDomain = await domainOf(interbank);
const crossBankDomain = await domainOf(crossBank);
const NO_QUOTE = ZERO_QUOTE;
/** The dealer's quote HKD → CNH for `taker`, up to `maxPayAmount`, signed. */
async function hkdCnhQuote(nonce: bigint, maxPayAmount: bigint, taker: string) {
  const quote = {
    dealer: dealer.address,
    taker,
    payReserve: await rHkd.getAddress(),
    receiveReserve: await rCnh.getAddress(),
    rate: RATE,
    maxPayAmount,
    expiry: START + 7n * DAY,
    nonce,
  };
  return { quote, signature: await dealer.signTypedData(interbankDomain, QUOTE_TYPES, quote) };
}

/**
 * One eBL against PRICE of the buyer's HKD (Harbour Bank), the seller paid in CNH (Pudong Bank) at the dealer's quote,
 * in the state of "signed settlement, steady state": the seller holds another bill and CNH, the buyer a bill and more
 * HKD than the price; the seller approved the cross-bank settlement for its eBLs once (not counted); the seller signed,
 * the buyer submits. The buyer gives no allowance: the interbank contract burns at its bank. A warm-up settlement
 * between two other parties runs first (the dealer's nonce word, the banks' reserve balances are then in use, as
 * after any earlier payment).
 */
async function crossBankSettlement(
  seller: typeof dealer,
  buyer: typeof dealer,
  nonce: bigint,
  key?: string,
): Promise<void> {
  const id = await issueBill(seller);
  await issueBill(seller);
  await issueBill(buyer);
  await send(cnh.connect(cnBank).mint(seller.address, UNITS(1_000), ethers.id(`CNH:${seller.address}`)));
  await mintHkd(buyer, UNITS(100_000));
  await send(ebl.connect(seller).setApprovalForAll(crossBankAddress, true));
  const { quote, signature: dealerSignature } = await hkdCnhQuote(nonce, PRICE, buyer.address);
  const terms = {
    terms: {
      ...(await termsFor(seller as unknown as HardhatEthersSigner, buyer as unknown as HardhatEthersSigner, id)),
    },
    payeeToken: await cnh.getAddress(),
    payeeAmount: (PRICE * RATE) / 10n ** 18n,
    quote,
  };
  const sellerSignature = await seller.signTypedData(crossBankDomain, CROSS_BANK_TYPES, terms);
  const submit = () =>
    crossBank.connect(buyer).settleCrossBank({
      terms,
      sellerSignature,
      buyerSignature: "0x",
      eblAuth: NO_EBL_AUTH,
      dealerSignature,
    });
  if (key === undefined) await send(submit());
  else await measure(key, submit);
}
await crossBankSettlement(xWarmSeller, xWarmBuyer, 0n);
await crossBankSettlement(xSeller, xBuyer, 1n, "ours:crossBank:steady");

/**
 * The interbank payment alone (InterbankPayments.pay, the payer submits), steady: the payer keeps a balance, the
 * payee already holds its bank's deposit, every bank and the dealer hold reserves before and after. In one currency
 * from Harbour Bank to Kowloon Bank (HKD reserves between the banks); in two from Harbour Bank (HKD) to Pudong Bank
 * (CNH) through the dealer. The anchor: two plain OpenZeppelin ERC-20 transfers (contracts/testing/ReferenceERC20.sol,
 * two tokens, two transactions), each from a holder keeping a balance to a holder of the token.
 */
{
  await mintHkd(payer, UNITS(100_000));
  await send(hkd2.connect(hkBank2).mint(payee.address, UNITS(1_000), ethers.id("KB-PAYEE")));
  await send(cnh.connect(cnBank).mint(fxPayee.address, UNITS(1_000), ethers.id("PD-PAYEE")));
  const payment = (payeeToken: string, to: string, receiveAmount: bigint, paymentId: string) => ({
    payerToken: hkd.target as string,
    payer: payer.address,
    payAmount: PRICE,
    payeeToken,
    payee: to,
    receiveAmount,
    paymentId: ethers.id(paymentId),
  });
  await measure("ours:interbank:sameCurrency", async () =>
    interbank.connect(payer).pay(payment(await hkd2.getAddress(), payee.address, PRICE, "INV-BENCH-1"), NO_QUOTE, "0x"),
  );
  const { quote, signature } = await hkdCnhQuote(2n, PRICE, payer.address);
  await measure("ours:interbank:fx", async () =>
    interbank
      .connect(payer)
      .pay(
        payment(await cnh.getAddress(), fxPayee.address, (PRICE * RATE) / 10n ** 18n, "INV-BENCH-2"),
        quote,
        signature,
      ),
  );
  const [refA, refB] = [await ethers.deployContract("ReferenceERC20"), await ethers.deployContract("ReferenceERC20")];
  for (const token of [refA, refB]) {
    await send(token.mint(sender.address, UNITS(100_000)));
    await send(token.mint(recipient.address, UNITS(1_000)));
  }
  await measure(
    "oz:twoTransfers",
    () => refA.connect(sender).transfer(recipient.address, PRICE),
    () => refB.connect(sender).transfer(recipient.address, PRICE),
  );
}

// ===================================================================== table

const TT_MINT = "TradeTrust mint (incl. its title escrow)";
const OZ = "OpenZeppelin ERC20 (plain)";
const TREX_NAME = "T-REX 4.1.6, cheapest: no claim topics, no compliance module, no proxies";
const TREX_PROXIED = "T-REX 4.1.6 as its factory deploys it (proxies), no claim topics, no module";
const SEAPORT = "Seaport 1.6 basic order (ERC-721 for ERC-20, no fees, no conduit)";
const NAIVE = "naive floor (two transferFrom after approvals)";
const SINGLE_BANK = "our single-bank signed settlement (steady state, same run)";
const TWO_OZ = "two OpenZeppelin ERC20 transfers (ReferenceERC20, two transactions)";

const pairings: Pairing[] = [
  {
    operation: "issue one eBL, shipper holds none yet",
    oursKey: "ours:issue",
    anchor: TT_MINT,
    anchorKey: "tt:mint",
    target: 0.5,
  },
  {
    operation: "move possession, recipient holds none yet",
    oursKey: "ours:possession",
    anchor: "TradeTrust transferHolder",
    anchorKey: "tt:transferHolder",
    target: 1.0,
  },
  {
    operation: "endorse and deliver, endorsee holds none yet",
    oursKey: "ours:endorseAndDeliver",
    anchor: "TradeTrust transferOwners",
    anchorKey: "tt:transferOwners",
    target: 0.6,
  },
  {
    operation: "issue one eBL, shipper already holds one",
    oursKey: "ours:issue:holding",
    anchor: TT_MINT,
    anchorKey: "tt:mint",
    target: 0.5,
  },
  {
    operation: "move possession, recipient already holds an eBL",
    oursKey: "ours:possession:holding",
    anchor: "TradeTrust transferHolder",
    anchorKey: "tt:transferHolder",
    target: 1.0,
  },
  {
    operation: "endorse and deliver, endorsee already holds an eBL",
    oursKey: "ours:endorseAndDeliver:holding",
    anchor: "TradeTrust transferOwners",
    anchorKey: "tt:transferOwners",
    target: 0.6,
  },
  {
    operation: "surrender + accept",
    oursKey: "ours:surrender",
    anchor: "TradeTrust returnToIssuer + burn",
    anchorKey: "tt:returnAndBurn",
    target: 0.75,
  },
  ...(["cold", "warm"] as const).flatMap((t) => [
    {
      operation: `deposit transfer, ${t} recipient`,
      oursKey: `ours:transfer:${t}`,
      anchor: OZ,
      anchorKey: `oz:transfer:${t}`,
      target: 1.3,
    },
    {
      operation: `deposit transfer, ${t} recipient`,
      oursKey: `ours:transfer:${t}`,
      anchor: TREX_NAME,
      anchorKey: `trex:transfer:${t}`,
      target: 0.5,
    },
    {
      operation: `deposit transfer, ${t} recipient`,
      oursKey: `ours:transfer:${t}`,
      anchor: TREX_PROXIED,
      anchorKey: `trexProxied:transfer:${t}`,
    },
  ]),
  {
    operation: "deposit transfer with a transfer policy, first of the day",
    oursKey: "ours:transfer:policy:first",
    anchor: "ours without a policy (warm)",
    anchorKey: "ours:transfer:warm",
  },
  {
    operation: "deposit transfer with a transfer policy, warm",
    oursKey: "ours:transfer:policy:warm",
    anchor: "ours without a policy (warm)",
    anchorKey: "ours:transfer:warm",
  },
  ...(["steady", "first"] as const).flatMap((c) => {
    const label = c === "steady" ? "steady state" : "first trade";
    return [
      {
        operation: `signed settlement, ${label}`,
        oursKey: `ours:settle:${c}`,
        anchor: SEAPORT,
        anchorKey: `seaport:${c}`,
        target: 1.0,
      },
      {
        operation: `signed settlement, ${label}`,
        oursKey: `ours:settle:${c}`,
        anchor: NAIVE,
        anchorKey: `naive:${c}`,
        target: 1.5,
      },
      {
        operation: `escrowed settlement (3 transactions), ${label}`,
        oursKey: `ours:escrow:${c}`,
        anchor: SEAPORT,
        anchorKey: `seaport:${c}`,
      },
      {
        operation: `escrowed settlement (3 transactions), ${label}`,
        oursKey: `ours:escrow:${c}`,
        anchor: NAIVE,
        anchorKey: `naive:${c}`,
      },
    ];
  }),
  {
    operation: "cross-bank FX settlement (settleCrossBank with a dealer's quote), steady state",
    oursKey: "ours:crossBank:steady",
    anchor: SINGLE_BANK,
    anchorKey: "ours:settle:steady",
    target: 2.0,
  },
  {
    operation: "interbank payment alone (InterbankPayments.pay), one currency",
    oursKey: "ours:interbank:sameCurrency",
    anchor: TWO_OZ,
    anchorKey: "oz:twoTransfers",
  },
  {
    operation: "interbank payment alone (InterbankPayments.pay), FX through the dealer",
    oursKey: "ours:interbank:fx",
    anchor: TWO_OZ,
    anchorKey: "oz:twoTransfers",
  },
];

const rows: (GasRow & { target?: number })[] = [];
for (const p of pairings) {
  const ours = gas.get(p.oursKey);
  const anchorGas = gas.get(p.anchorKey);
  if (ours === undefined || anchorGas === undefined) continue;
  rows.push({
    operation: p.operation,
    ours: Number(ours),
    anchor: p.anchor,
    anchorGas: Number(anchorGas),
    ratio: Math.round((Number(ours) / Number(anchorGas)) * 1000) / 1000,
    target: p.target,
  });
}

const fmt = (n: number) => n.toLocaleString("en-US").replace(/,/g, " ");
function verdict(r: GasRow & { target?: number }): string {
  if (r.target === undefined) return "no target (reported)";
  if (r.ours <= r.target * r.anchorGas) return "met";
  const allowed = Math.floor(r.target * r.anchorGas);
  return `missed by ${fmt(r.ours - allowed)} gas (${(((r.ours - allowed) / allowed) * 100).toFixed(1)}% over ${fmt(allowed)})`;
}

const table = [
  "| operation | ours | anchor | anchor gas | ratio | target | status |",
  "| --- | ---: | --- | ---: | ---: | ---: | --- |",
  ...rows.map(
    (r) =>
      `| ${r.operation} | ${fmt(r.ours)} | ${r.anchor} | ${fmt(r.anchorGas)} | ${r.ratio.toFixed(3)} | ` +
      `${r.target === undefined ? "—" : `≤ ${r.target.toFixed(2)}`} | ${verdict(r)} |`,
  ),
].join("\n");

const legs: { leg: string; ours: string; plain: string }[] = [
  {
    leg: "eBL endorse-and-deliver vs OpenZeppelin ERC721 transferFrom (sender's only token, receiver holds one)",
    ours: "ours:endorseAndDeliver:holding",
    plain: "oz721:transferFrom:holding",
  },
  {
    leg: "deposit transfer vs OpenZeppelin ERC20 transfer (warm recipient)",
    ours: "ours:transfer:warm",
    plain: "oz:transfer:warm",
  },
];
const legsTable = [
  "| leg, as a transaction of its own | ours | plain OpenZeppelin | ours - plain |",
  "| --- | ---: | ---: | ---: |",
  ...legs.flatMap(({ leg, ours, plain }) => {
    const a = gas.get(ours);
    const b = gas.get(plain);
    return a === undefined || b === undefined
      ? []
      : [`| ${leg} | ${fmt(Number(a))} | ${fmt(Number(b))} | ${fmt(Number(a - b))} |`];
  }),
].join("\n");

// ===================================================================== where the gas goes

/**
 * Each gap that docs/gas.md explains, ours next to the anchor: every measured transaction split by what it pays for
 * (bench/breakdown.ts reads its opcode trace; the parts add up to the receipt).
 */
const explained: { label: string; key: string }[] = [
  { label: "ours: issue (shipper holds none)", key: "ours:issue" },
  { label: "TradeTrust mint", key: "tt:mint" },
  { label: "ours: endorse and deliver (endorsee holds none)", key: "ours:endorseAndDeliver" },
  { label: "TradeTrust transferOwners", key: "tt:transferOwners" },
  { label: "ours: deposit transfer (warm)", key: "ours:transfer:warm" },
  { label: "OpenZeppelin ERC20 transfer (warm)", key: "oz:transfer:warm" },
  { label: "ours: signed settlement (steady)", key: "ours:settle:steady" },
  { label: "Seaport basic order (steady)", key: "seaport:steady" },
  { label: "ours: mint (minter)", key: "perm:mint" },
  { label: "ours: cross-bank FX settlement (steady)", key: "ours:crossBank:steady" },
];
const names = new Map<string, string>();
for (const [name, contract] of Object.entries({
  "our access manager": manager,
  "our participant registry": participants,
  "our eBL registry": ebl,
  "our signed settlement": signed,
  "our escrowed deals": escrow,
  "our deposit rail": rail,
  "our deposit token": hkd,
  "our CNH deposit token": cnh,
  "our interbank payments": interbank,
  "our cross-bank settlement": crossBank,
  "our HKD reserves": rHkd,
  "our CNH reserves": rCnh,
  "TradeTrust token registry": tradeTrust.registry,
  "TradeTrust escrow factory": tradeTrust.factory,
  "OpenZeppelin ERC20": plain20,
  "OpenZeppelin ERC721": plain721,
  Seaport: seaport,
})) {
  names.set((await contract.getAddress()).toLowerCase(), name);
}
const breakdowns: { label: string; key: string; result: GasBreakdown }[] = [];
for (const { label, key } of explained) {
  const hash = hashes.get(key);
  if (hash === undefined) continue;
  breakdowns.push({ label, key, result: await breakdown(ethers.provider, hash, names) });
}
const cell = (p: { count: number; gas: number }) =>
  p.gas === 0 ? "" : p.count > 0 ? `${fmt(p.gas)} (${p.count})` : fmt(p.gas);
const breakdownTable = [
  `| gas (count) | ${breakdowns.map((b) => b.label).join(" | ")} |`,
  `| --- |${" ---: |".repeat(breakdowns.length)}`,
  ...CATEGORIES.filter((c) => breakdowns.some((b) => b.result.parts[c].gas !== 0)).map(
    (c) => `| ${c} | ${breakdowns.map((b) => cell(b.result.parts[c])).join(" | ")} |`,
  ),
  `| **gas used** | ${breakdowns.map((b) => `**${fmt(b.result.gasUsed)}**`).join(" | ")} |`,
].join("\n");
const contracts = [...new Set(breakdowns.flatMap((b) => Object.keys(b.result.byContract)))];
const byContractTable = [
  `| execution gas spent in the code of | ${breakdowns.map((b) => b.label).join(" | ")} |`,
  `| --- |${" ---: |".repeat(breakdowns.length)}`,
  ...contracts.map(
    (name) =>
      `| ${name} | ${breakdowns.map((b) => (b.result.byContract[name] === undefined ? "" : fmt(b.result.byContract[name]))).join(" | ")} |`,
  ),
].join("\n");

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  path.join(resultsDir, "gas.json"),
  JSON.stringify(
    rows.map(({ operation, ours, anchor, anchorGas, ratio }): GasRow => ({
      operation,
      ours,
      anchor,
      anchorGas,
      ratio,
    })),
    undefined,
    2,
  ) + "\n",
);
writeFileSync(
  path.join(resultsDir, "gas.md"),
  [
    "# Gas against reference implementations",
    "",
    "Written by `npm run bench` (bench/gas.ts): gas used from transaction receipts, ours and the anchors deployed in",
    "the same Hardhat in-process network (Cancun) in the same run. ratio = ours / anchor; the target is issue 8's",
    "(issue 19's for the cross-bank settlement), at most that ratio. See docs/gas.md for the preconditions of each row and the compiler settings.",
    "",
    table,
    "",
    "## The legs alone",
    "",
    "For the analysis of the settlement rows in docs/gas.md: each token leg of a settlement as a transaction of its own.",
    "",
    legsTable,
    "",
    "## Permissioned actions",
    "",
    "Each asks the access manager once (`restricted`: one call to `canCall`); the issuer's is the issue rows above.",
    "",
    permissionedTable,
    "",
    "## Where the gas goes",
    "",
    "Each transaction above that docs/gas.md explains, split by what it pays for, from its opcode trace",
    "(bench/breakdown.ts; the parts add up to the receipt's gas used). Storage costs follow EIP-2929 (first access to a",
    "slot 2 100, later 100) and EIP-2200 (a write that fills an empty slot 20 000, an update 2 900, plus 2 100 when the",
    "slot was not read before).",
    "",
    breakdownTable,
    "",
    "The same transactions by the contract whose code spends the execution gas (base and calldata excluded; a call's own",
    "cost counts for the caller, the work inside for the callee; the storage refund is not deducted).",
    "",
    byContractTable,
    "",
  ].join("\n"),
);
writeFileSync(
  path.join(resultsDir, "breakdown.json"),
  JSON.stringify(
    breakdowns.map(({ label, key, result }) => ({ operation: label, key, ...result })),
    undefined,
    2,
  ) + "\n",
);

console.log(`\n${table}\n\n${legsTable}\n\n${permissionedTable}\n`);
console.log(`${breakdownTable}\n`);
console.log(`Wrote ${path.relative(process.cwd(), resultsDir)}/gas.json, gas.md and breakdown.json`);
if (failures.length > 0) {
  console.error(`\n${failures.length} benchmarked transaction(s) reverted:\n  ${failures.join("\n  ")}`);
  process.exitCode = 1;
}
