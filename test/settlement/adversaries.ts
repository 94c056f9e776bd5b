/**
 * Adversarial counterparties beyond reentrancy (attacks.ts): ERC-1271 signers that revert or answer garbage, eBL
 * recipients that refuse with the wrong selector or any kind of revert, and a payment token that lies about what it
 * moved. Each one gets a named error, nothing moves, nothing is left in the settlement contract (escrowed balance and
 * custody unchanged), and the honest path works afterwards. Gas-burning signers and receivers are tested with the
 * batch's gas bounds.
 */
import { expect } from "chai";
import type { BaseContract, Interface } from "ethers";

import { Kinds } from "../ebl/helpers.js";
import {
  ACCEPT,
  HONEST_SIGNER,
  HUGE_REVERT,
  RECEIVER_MISBEHAVIOURS,
  SIGNER_MISBEHAVIOURS,
  expectReceiverRefusal,
} from "../helpers/adversaries.js";
import {
  ALLOWANCE,
  HKD,
  NO_EBL_AUTH,
  PaymentMethod,
  TERMS_TYPES,
  DEAL_TYPES,
  TermsStatus,
  deploySystem,
  ethers,
  networkHelpers,
  type PaymentAuth,
  type Settlement,
  type Terms,
} from "./fixture.js";

const { loadFixture, time } = networkHelpers;

type System = Awaited<ReturnType<typeof deploySystem>>;

/** A token whose balances can be read. */
interface BalanceReader {
  balanceOf(account: string): Promise<bigint>;
  getAddress(): Promise<string>;
}

/** Everything a failed call must leave as it was: the eBL's holder, the parties' and the contract's money, the books. */
async function snapshot(f: System, token: BalanceReader, t: Terms, accounts: string[]) {
  const escrow = await f.escrow.getAddress();
  const balances = [];
  for (const a of [...accounts, escrow, await f.rail.getAddress()]) balances.push(await token.balanceOf(a));
  return {
    holder: await f.ebl.ownerOf(t.tokenId),
    balances,
    escrowed: await f.escrow.escrowedBalance(await token.getAddress()),
    escrowedHkd: await f.escrow.escrowedBalance(await f.hkd.getAddress()),
    hkdHeld: await f.hkd.balanceOf(escrow),
    deal: await f.escrow.dealOf(await f.escrow.hashTerms(t)),
    openDeal: await f.escrow.openDealOf(t.registry, t.tokenId),
  };
}

// ====================================================================== ERC-1271 signers

/**
 * The system plus a smart-contract wallet (owner key: the outsider) that is a verified trader holding HKD 100 000 and
 * an eBL of its own, with the settlement contract approved for both. It buys the exporter's eBL, or sells its own.
 */
async function withWallet() {
  const f = await deploySystem();
  const key = f.outsider;
  const wallet = await ethers.deployContract("MisbehavingERC1271Wallet", [key.address]);
  const walletAddress = await wallet.getAddress();
  const settlementAddress = await f.settlement.getAddress();
  const railAddress = await f.rail.getAddress();
  await f.register(walletAddress, Kinds.TRADER);
  await f.hkd.connect(f.hkBank).mint(walletAddress, HKD(100_000), ethers.encodeBytes32String("DEP-WALLET"));
  const call = async (target: BaseContract, fn: string, args: unknown[]) =>
    wallet
      .connect(key)
      .execute(await target.getAddress(), (target.interface as Interface).encodeFunctionData(fn, args));
  await call(f.hkd, "approve", [railAddress, ethers.MaxUint256]);
  const own = await f.issueBill("WALLET-0001", undefined, walletAddress, walletAddress);
  await f.ebl.connect(f.exporter).approve(settlementAddress, f.tokenId);
  await f.hkd.connect(f.importer).approve(railAddress, ethers.MaxUint256);

  const party = { buyer: walletAddress, eblRecipient: walletAddress, titleRecipient: walletAddress };
  /** The wallet buys the exporter's eBL. */
  const buying = await f.terms(party);
  /** The wallet sells its own eBL to the importer. */
  const selling = await f.terms({
    tokenId: own.id,
    documentHash: own.hash,
    seller: walletAddress,
    paymentRecipient: walletAddress,
  });
  return { f, key, wallet, walletAddress, call, buying, selling, own };
}

type WalletSystem = Awaited<ReturnType<typeof withWallet>>;

/** The wallet owner key's EIP-2612 permit (bytes form) of the wallet's HKD for the settlement contract. */
async function walletPaymentPermit(w: WalletSystem, value: bigint): Promise<PaymentAuth> {
  const deadline = BigInt(await time.latest()) + 3600n;
  const signature = await w.key.signTypedData(
    w.f.domains.hkd,
    {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    {
      owner: w.walletAddress,
      spender: await w.f.rail.getAddress(),
      value,
      nonce: await w.f.hkd.nonces(w.walletAddress),
      deadline,
    },
  );
  return { method: PaymentMethod.Permit, validAfter: 0, deadline, nonce: ethers.ZeroHash, signature };
}

/** The wallet owner key's EIP-3009 receive authorization for the settlement contract, bound to `consentHash`. */
async function walletAuthorization(w: WalletSystem, value: bigint, consentHash: string): Promise<PaymentAuth> {
  const salt = ethers.id("wallet-auth");
  const validBefore = BigInt(await time.latest()) + 3600n;
  const nonce = ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [consentHash, salt]));
  const fields = ["from", "to", "value", "validAfter", "validBefore"].map((name) => ({
    name,
    type: name === "from" || name === "to" ? "address" : "uint256",
  }));
  const signature = await w.key.signTypedData(
    w.f.domains.hkd,
    { ReceiveWithAuthorization: [...fields, { name: "nonce", type: "bytes32" }] },
    { from: w.walletAddress, to: await w.f.rail.getAddress(), value, validAfter: 0, validBefore, nonce },
  );
  return { method: PaymentMethod.Authorization, validAfter: 0, deadline: validBefore, nonce: salt, signature };
}

/** The wallet owner key's ERC-4494 permit of the wallet's eBL for the settlement contract. */
async function walletEblPermit(w: WalletSystem) {
  const deadline = BigInt(await time.latest()) + 3600n;
  const signature = await w.key.signTypedData(
    w.f.domains.ebl,
    {
      Permit: [
        { name: "spender", type: "address" },
        { name: "tokenId", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    { spender: await w.f.settlement.getAddress(), tokenId: w.own.id, nonce: await w.f.ebl.nonces(w.own.id), deadline },
  );
  return { deadline, signature };
}

/**
 * Each place where the settlement contract (or a token it calls) asks the wallet for its signature: how to make that
 * request with a signature the wallet's owner key did make, the terms involved, and the error expected.
 */
const SIGNATURE_USES = [
  {
    name: "the buyer's signature of signed terms",
    terms: (w: WalletSystem) => w.buying,
    act: async (w: WalletSystem) =>
      w.f.settlement.connect(w.f.relayer).settle({
        ...(await w.f.signed(w.buying, { buyer: null })),
        buyerSignature: await w.key.signTypedData(w.f.domains.settlement, TERMS_TYPES, w.buying),
      }),
    errorName: "RailsInvalidSignature",
    error: (w: WalletSystem) => ({ contract: w.f.settlement, name: "RailsInvalidSignature", args: [w.walletAddress] }),
  },
  {
    name: "the seller's consent to a deal",
    terms: (w: WalletSystem) => w.selling,
    act: async (w: WalletSystem) =>
      w.f.escrow
        .connect(w.f.relayer)
        .createDeal(w.selling, await w.key.signTypedData(w.f.domains.escrow, DEAL_TYPES, { terms: w.selling })),
    errorName: "RailsInvalidSignature",
    error: (w: WalletSystem) => ({ contract: w.f.escrow, name: "RailsInvalidSignature", args: [w.walletAddress] }),
  },
  {
    name: "the buyer's consent to pay into a deal",
    terms: (w: WalletSystem) => w.buying,
    setup: (w: WalletSystem) => w.f.escrow.connect(w.f.exporter).createDeal(w.buying, "0x"),
    act: async (w: WalletSystem) =>
      w.f.escrow
        .connect(w.f.relayer)
        .depositPayment(
          w.buying,
          HKD(1_000),
          await w.key.signTypedData(w.f.domains.escrow, DEAL_TYPES, { terms: w.buying }),
          ALLOWANCE,
        ),
    errorName: "RailsInvalidSignature",
    error: (w: WalletSystem) => ({ contract: w.f.escrow, name: "RailsInvalidSignature", args: [w.walletAddress] }),
  },
  {
    name: "the seller's ERC-4494 eBL permit (the wallet submits, so its call is its consent)",
    terms: (w: WalletSystem) => w.selling,
    act: async (w: WalletSystem) => {
      const s = await w.f.signed(w.selling, { seller: null, eblAuth: await walletEblPermit(w) });
      return w.call(w.f.settlement, "settle", [s]);
    },
    errorName: "SettlementEblNotAuthorized",
    error: (w: WalletSystem) => ({ contract: w.f.settlement, name: "SettlementEblNotAuthorized", args: [w.own.id] }),
  },
  {
    name: "the buyer's EIP-3009 payment authorization",
    terms: (w: WalletSystem) => w.buying,
    act: async (w: WalletSystem) => {
      const paymentAuth = await walletAuthorization(w, w.buying.amount, await w.f.settlement.hashTerms(w.buying));
      return w.call(w.f.settlement, "settle", [await w.f.signed(w.buying, { buyer: null, paymentAuth })]);
    },
    errorName: "ERC3009InvalidSignature",
    error: (w: WalletSystem) => ({ contract: w.f.hkd, name: "ERC3009InvalidSignature", args: [] }),
  },
  {
    name: "the buyer's EIP-2612 payment permit (no allowance left to fall back on)",
    terms: (w: WalletSystem) => w.buying,
    setup: async (w: WalletSystem) => w.call(w.f.hkd, "approve", [await w.f.rail.getAddress(), 0]),
    act: async (w: WalletSystem) => {
      const paymentAuth = await walletPaymentPermit(w, w.buying.amount);
      return w.call(w.f.settlement, "settle", [await w.f.signed(w.buying, { buyer: null, paymentAuth })]);
    },
    errorName: "ERC20InsufficientAllowance",
    error: (w: WalletSystem) => ({
      contract: w.f.hkd,
      name: "ERC20InsufficientAllowance",
      args: [w.f.rail.target as string, 0n, w.buying.amount],
    }),
  },
];

// ====================================================================== eBL recipients

/**
 * The system plus a verified trader contract that refuses eBLs as set. The importer pays for the exporter's eBL and
 * has it delivered to the receiver, endorsed to it (`endorseAndDeliver`) or in possession only (`safeTransferFrom`).
 */
async function withReceiver() {
  const f = await deploySystem();
  const receiver = await ethers.deployContract("MisbehavingEblReceiver");
  const receiverAddress = await receiver.getAddress();
  await f.register(receiverAddress, Kinds.TRADER);
  await f.approveBoth(ethers.MaxUint256);
  await f.ebl.connect(f.exporter).setApprovalForAll(await f.escrow.getAddress(), true);
  const endorsed = await f.terms({ eblRecipient: receiverAddress, titleRecipient: receiverAddress });
  const possession = await f.terms({
    eblRecipient: receiverAddress,
    titleRecipient: ethers.ZeroAddress,
    salt: ethers.id("possession"),
  });
  return { f, receiver, receiverAddress, endorsed, possession };
}

// ====================================================================== lying token

/** LyingPaymentToken.Lie */
const Lie = { None: 0, NoOpTransfer: 1, ReturnFalse: 2, InflatedBalance: 3, DebitWithoutCredit: 4 } as const;

/**
 * The system plus a lying token allowed by an admin mistake; the importer holds 100 000 of it and has approved the
 * settlement contract for both tokens, the exporter has approved its eBL. An honest HKD deal holds HKD 10 000 in escrow
 * throughout, which the lying token must not touch.
 */
async function withLiar() {
  const f = await deploySystem();
  const liar = await ethers.deployContract("LyingPaymentToken");
  const liarAddress = await liar.getAddress();
  const escrowAddress = await f.escrow.getAddress();
  const railAddress = await f.rail.getAddress();
  for (const c of [f.settlement, f.escrow]) {
    await c.connect(f.admin).setMarket(await f.ebl.getAddress(), liarAddress, railAddress);
  }
  await liar.mint(f.importer.address, HKD(100_000));
  await liar.connect(f.importer).approve(railAddress, ethers.MaxUint256);
  await f.ebl.connect(f.exporter).setApprovalForAll(escrowAddress, true);
  await f.ebl.connect(f.exporter).setApprovalForAll(await f.settlement.getAddress(), true);
  const bill = await f.issueBill("HONEST-0001");
  const honest = await f.terms({ tokenId: bill.id, documentHash: bill.hash, salt: ethers.id("honest") });
  await f.escrow.connect(f.exporter).createDeal(honest, "0x");
  await f.hkd.connect(f.importer).approve(railAddress, HKD(10_000));
  await f.escrow.connect(f.importer).depositPayment(honest, HKD(10_000), "0x", ALLOWANCE);
  const t = await f.terms({ paymentToken: liarAddress });
  const parties = [f.importer.address, f.exporter.address];

  /** The importer's EIP-3009 receive authorization of the lying token for the settlement contract. */
  async function authorization(value: bigint, consentHash: string, salt = ethers.id("liar-auth")) {
    const validBefore = BigInt(await time.latest()) + 3600n;
    const nonce = ethers.keccak256(
      ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [consentHash, salt]),
    );
    const domain = {
      name: "Lying Dollar",
      version: "1",
      chainId: f.domains.escrow.chainId,
      verifyingContract: liarAddress,
    };
    const fields = ["from", "to", "value", "validAfter", "validBefore"].map((name) => ({
      name,
      type: name === "from" || name === "to" ? "address" : "uint256",
    }));
    const signature = await f.importer.signTypedData(
      domain,
      { ReceiveWithAuthorization: [...fields, { name: "nonce", type: "bytes32" }] },
      { from: f.importer.address, to: railAddress, value, validAfter: 0, validBefore, nonce },
    );
    return {
      auth: { method: PaymentMethod.Authorization, validAfter: 0, deadline: validBefore, nonce: salt, signature },
      nonce,
    };
  }
  return { f, liar, liarAddress, escrowAddress, railAddress, honest, t, parties, authorization };
}

type Liar = Awaited<ReturnType<typeof withLiar>>;

describe("Settlement: adversaries", function () {
  describe("an ERC-1271 signer that misbehaves", function () {
    for (const use of SIGNATURE_USES) {
      describe(`asked for ${use.name}`, function () {
        for (const m of SIGNER_MISBEHAVIOURS) {
          it(`refuses a wallet that ${m.name} (${use.errorName}); nothing moves; the honest wallet goes through`, async function () {
            const w = await loadFixture(withWallet);
            const t = use.terms(w);
            if ("setup" in use && use.setup) await use.setup(w);
            const accounts = [w.walletAddress, w.f.exporter.address, w.f.importer.address];
            const before = await snapshot(w.f, w.f.hkd, t, accounts);
            await w.wallet.setBehaviour(m.behaviour);

            const e = use.error(w);
            await expect(use.act(w))
              .to.be.revertedWithCustomError(e.contract, e.name)
              .withArgs(...e.args);
            expect(await snapshot(w.f, w.f.hkd, t, accounts)).to.deep.equal(before);

            await w.wallet.setBehaviour(HONEST_SIGNER);
            await expect(use.act(w)).not.to.revert(ethers);
          });
        }
      });
    }
  });

  describe("an eBL recipient that refuses the eBL", function () {
    for (const m of RECEIVER_MISBEHAVIOURS) {
      for (const path of ["endorsed", "possession"] as const) {
        it(`signed settlement, ${path === "endorsed" ? "endorsed and delivered" : "possession only"}: a recipient that ${m.name} fails it; nothing moves; it settles once the recipient accepts`, async function () {
          const r = await loadFixture(withReceiver);
          const t = r[path];
          const accounts = [r.f.importer.address, r.f.exporter.address];
          const before = await snapshot(r.f, r.f.hkd, t, accounts);
          await r.receiver.setBehaviour(m.behaviour, HUGE_REVERT);
          const s = await r.f.signed(t);

          await expectReceiverRefusal(r.f.settlement.connect(r.f.relayer).settle(s), m, r.f.ebl, r.receiver, t.tokenId);
          expect(await snapshot(r.f, r.f.hkd, t, accounts)).to.deep.equal(before);

          await r.receiver.setBehaviour(ACCEPT, 0);
          await expect(r.f.settlement.connect(r.f.relayer).settle(s)).to.emit(r.f.settlement, "Settled");
          expect(await r.f.ebl.ownerOf(t.tokenId)).to.equal(r.receiverAddress);
        });
      }

      it(`escrowed deal: a recipient that ${m.name} fails the deposit that would settle; the deal stays open with both legs, and can be cancelled or settled`, async function () {
        const r = await loadFixture(withReceiver);
        const t = r.endorsed;
        const id = await r.f.escrow.hashTerms(t);
        await r.f.escrow.connect(r.f.exporter).createDeal(t, "0x");
        await r.f.escrow.connect(r.f.exporter).depositEbl(t, "0x", NO_EBL_AUTH);
        await r.f.escrow.connect(r.f.importer).depositPayment(t, HKD(5_000), "0x", ALLOWANCE);
        const accounts = [r.f.importer.address, r.f.exporter.address];
        const before = await snapshot(r.f, r.f.hkd, t, accounts);
        expect(before.deal).to.deep.equal([BigInt(TermsStatus.Open), true, HKD(5_000)]);
        await r.receiver.setBehaviour(m.behaviour, HUGE_REVERT);

        await expectReceiverRefusal(
          r.f.escrow.connect(r.f.importer).depositPayment(t, HKD(20_000), "0x", ALLOWANCE),
          m,
          r.f.ebl,
          r.receiver,
          t.tokenId,
        );
        expect(await snapshot(r.f, r.f.hkd, t, accounts)).to.deep.equal(before);
        expect(await r.f.ebl.ownerOf(t.tokenId)).to.equal(await r.f.escrow.getAddress());
        expect(await r.f.escrow.openDealOf(t.registry, t.tokenId)).to.equal(id);

        await r.receiver.setBehaviour(ACCEPT, 0);
        await expect(r.f.escrow.connect(r.f.importer).depositPayment(t, HKD(20_000), "0x", ALLOWANCE)).to.emit(
          r.f.escrow,
          "Settled",
        );
        expect(await r.f.ebl.ownerOf(t.tokenId)).to.equal(r.receiverAddress);
        expect(await r.f.escrow.escrowedBalance(await r.f.hkd.getAddress())).to.equal(0n);
      });

      it(`settleBatch: a recipient that ${m.name} fails its item alone (BatchItemFailed carries the revert data, cut to its first 260 bytes); the next item settles`, async function () {
        const r = await loadFixture(withReceiver);
        const bill = await r.f.issueBill("BATCH-0002");
        await r.f.ebl.connect(r.f.exporter).approve(await r.f.settlement.getAddress(), bill.id);
        const bad = r.endorsed;
        const good = await r.f.terms({ tokenId: bill.id, documentHash: bill.hash, salt: ethers.id("good") });
        await r.receiver.setBehaviour(m.behaviour, HUGE_REVERT);
        // The revert data the item fails with, as a direct settlement of it reports it.
        const reason: string = await r.f.settlement
          .connect(r.f.relayer)
          .settle.staticCall(await r.f.signed(bad))
          .then(
            () => "none",
            (err: { data?: string }) => err.data ?? "none",
          );
        expect(reason).to.not.equal("none");
        // A batch reports at most 260 bytes of an item's revert data (docs/settlement.md).
        const reported = ethers.dataLength(reason) > 260 ? ethers.dataSlice(reason, 0, 260) : reason;

        const items: Settlement[] = [await r.f.signed(bad), await r.f.signed(good)];
        await expect(r.f.settlement.connect(r.f.relayer).settleBatch(items))
          .to.emit(r.f.settlement, "BatchItemFailed")
          .withArgs(0n, await r.f.settlement.hashTerms(bad), reported)
          .and.to.emit(r.f.settlement, "Settled");
        expect(await r.f.ebl.ownerOf(bad.tokenId)).to.equal(r.f.exporter.address);
        expect(await r.f.ebl.ownerOf(good.tokenId)).to.equal(r.f.importer.address);
        expect(await r.f.settlement.statusOf(await r.f.settlement.hashTerms(bad))).to.equal(BigInt(TermsStatus.None));
        expect(await r.f.hkd.balanceOf(await r.f.settlement.getAddress())).to.equal(0n);
      });
    }
  });

  describe("a payment token that lies about what it moved (allowed by an admin mistake)", function () {
    /** The lying token's state around a refused call: its balances, the books, the honest HKD escrow. */
    const snap = (l: Liar, t: Terms) => snapshot(l.f, l.liar, t, l.parties);

    describe("signed settlement", function () {
      const cases = [
        { name: "a transfer that reports success but moves nothing", lie: Lie.NoOpTransfer, received: 0n },
        { name: "a balance grown by twice what moved", lie: Lie.InflatedBalance, received: 2n },
      ];
      for (const c of cases) {
        it(`allowance: ${c.name} fails with the rail's RailPaymentShortfall; nothing moves; honest afterwards`, async function () {
          const l = await loadFixture(withLiar);
          const before = await snap(l, l.t);
          await l.liar.setLie(c.lie, ethers.ZeroAddress);
          const s = await l.f.signed(l.t);
          await expect(l.f.settlement.connect(l.f.relayer).settle(s))
            .to.be.revertedWithCustomError(l.f.rail, "RailPaymentShortfall")
            .withArgs(l.t.amount, l.t.amount * c.received);
          expect(await snap(l, l.t)).to.deep.equal(before);

          await l.liar.setLie(Lie.None, ethers.ZeroAddress);
          await expect(l.f.settlement.connect(l.f.relayer).settle(s)).to.emit(l.f.settlement, "Settled");
          expect(await l.liar.balanceOf(l.f.exporter.address)).to.equal(l.t.amount);
        });
      }

      it("allowance: a transferFrom that returns false fails with SafeERC20FailedOperation; nothing moves", async function () {
        const l = await loadFixture(withLiar);
        const before = await snap(l, l.t);
        await l.liar.setLie(Lie.ReturnFalse, ethers.ZeroAddress);
        await expect(l.f.settlement.connect(l.f.relayer).settle(await l.f.signed(l.t)))
          .to.be.revertedWithCustomError(l.f.rail, "SafeERC20FailedOperation")
          .withArgs(l.liarAddress);
        expect(await snap(l, l.t)).to.deep.equal(before);
      });

      it("EIP-3009: a payment that reports success but moves nothing fails with the rail's RailPaymentShortfall; the authorization stays unused", async function () {
        const l = await loadFixture(withLiar);
        const before = await snap(l, l.t);
        const { auth, nonce } = await l.authorization(l.t.amount, await l.f.settlement.hashTerms(l.t));
        await l.liar.setLie(Lie.NoOpTransfer, ethers.ZeroAddress);
        const s = await l.f.signed(l.t, { paymentAuth: auth });
        await expect(l.f.settlement.connect(l.f.relayer).settle(s))
          .to.be.revertedWithCustomError(l.f.rail, "RailPaymentShortfall")
          .withArgs(l.t.amount, 0n);
        expect(await snap(l, l.t)).to.deep.equal(before);
        expect(await l.liar.authorizationState(l.f.importer.address, nonce)).to.equal(false);

        await l.liar.setLie(Lie.None, ethers.ZeroAddress);
        await expect(l.f.settlement.connect(l.f.relayer).settle(s)).to.emit(l.f.settlement, "Settled");
      });

      it("EIP-3009: the rail's payout to the seller that reports success but moves nothing fails with RailPaymentShortfall; the buyer's money stays with the buyer", async function () {
        const l = await loadFixture(withLiar);
        const before = await snap(l, l.t);
        const { auth } = await l.authorization(l.t.amount, await l.f.settlement.hashTerms(l.t));
        await l.liar.setLie(Lie.NoOpTransfer, l.railAddress); // the pull from the buyer is honest, the payout lies
        await expect(l.f.settlement.connect(l.f.relayer).settle(await l.f.signed(l.t, { paymentAuth: auth })))
          .to.be.revertedWithCustomError(l.f.rail, "RailPaymentShortfall")
          .withArgs(l.t.amount, 0n);
        expect(await snap(l, l.t)).to.deep.equal(before);
      });
    });

    describe("escrowed deal", function () {
      async function openDeal() {
        const l = await withLiar();
        await l.f.escrow.connect(l.f.exporter).createDeal(l.t, "0x");
        return { ...l, id: await l.f.escrow.hashTerms(l.t) };
      }

      it("payment deposit by allowance: a transfer that moves nothing fails with the rail's RailPaymentShortfall; nothing is escrowed", async function () {
        const l = await loadFixture(openDeal);
        const before = await snap(l, l.t);
        await l.liar.setLie(Lie.NoOpTransfer, ethers.ZeroAddress);
        await expect(l.f.escrow.connect(l.f.importer).depositPayment(l.t, HKD(1_000), "0x", ALLOWANCE))
          .to.be.revertedWithCustomError(l.f.rail, "RailPaymentShortfall")
          .withArgs(HKD(1_000), 0n);
        expect(await snap(l, l.t)).to.deep.equal(before);

        await l.liar.setLie(Lie.None, ethers.ZeroAddress);
        await l.f.escrow.connect(l.f.importer).depositPayment(l.t, HKD(1_000), "0x", ALLOWANCE);
        expect(await l.f.escrow.escrowedBalance(l.liarAddress)).to.equal(HKD(1_000));
        expect(await l.liar.balanceOf(l.escrowAddress)).to.equal(HKD(1_000));
      });

      it("payment deposit by EIP-3009: an inflated balance fails with the rail's RailPaymentShortfall; nothing is escrowed", async function () {
        const l = await loadFixture(openDeal);
        const before = await snap(l, l.t);
        const { auth } = await l.authorization(HKD(1_000), await l.f.escrow.hashDeal(l.t));
        await l.liar.setLie(Lie.InflatedBalance, ethers.ZeroAddress);
        await expect(l.f.escrow.connect(l.f.relayer).depositPayment(l.t, HKD(1_000), "0x", auth))
          .to.be.revertedWithCustomError(l.f.rail, "RailPaymentShortfall")
          .withArgs(HKD(1_000), HKD(2_000));
        expect(await snap(l, l.t)).to.deep.equal(before);
      });

      const payouts = [
        {
          name: "a payout that reports success but moves nothing fails with SettlementPaymentShortfall",
          lie: Lie.NoOpTransfer,
          refused: (l: Liar, tx: Promise<unknown>) =>
            expect(tx).to.be.revertedWithCustomError(l.f.escrow, "SettlementPaymentShortfall").withArgs(l.t.amount, 0n),
        },
        {
          name: "a payout that returns false fails with SafeERC20FailedOperation",
          lie: Lie.ReturnFalse,
          refused: (l: Liar, tx: Promise<unknown>) =>
            expect(tx).to.be.revertedWithCustomError(l.f.escrow, "SafeERC20FailedOperation").withArgs(l.liarAddress),
        },
      ];
      for (const p of payouts) {
        it(`settlement of the deal: ${p.name}; the deal keeps both legs and settles once honest`, async function () {
          const l = await loadFixture(openDeal);
          await l.f.escrow.connect(l.f.importer).depositPayment(l.t, l.t.amount, "0x", ALLOWANCE);
          const before = await snap(l, l.t);
          expect(before.deal).to.deep.equal([BigInt(TermsStatus.Open), false, l.t.amount]);
          await l.liar.setLie(p.lie, l.escrowAddress);
          await p.refused(l, l.f.escrow.connect(l.f.exporter).depositEbl(l.t, "0x", NO_EBL_AUTH));
          expect(await snap(l, l.t)).to.deep.equal(before);

          await l.liar.setLie(Lie.None, ethers.ZeroAddress);
          await expect(l.f.escrow.connect(l.f.exporter).depositEbl(l.t, "0x", NO_EBL_AUTH)).to.emit(
            l.f.escrow,
            "Settled",
          );
          expect(await l.liar.balanceOf(l.f.exporter.address)).to.equal(l.t.amount);
          expect(await l.f.escrow.escrowedBalance(l.liarAddress)).to.equal(0n);
          expect(await l.liar.balanceOf(l.escrowAddress)).to.equal(0n);
        });
      }

      it("refund: a return that answers false is a failed return (ReturnFailed); the payment stays escrowed and a later refund returns it", async function () {
        const l = await loadFixture(openDeal);
        await l.f.escrow.connect(l.f.importer).depositPayment(l.t, HKD(3_000), "0x", ALLOWANCE);
        await l.liar.setLie(Lie.ReturnFalse, l.escrowAddress);
        await expect(l.f.escrow.connect(l.f.importer).cancelDeal(l.t))
          .to.emit(l.f.escrow, "ReturnFailed")
          .withArgs(l.id, false, "0x");
        expect(await l.f.escrow.dealOf(l.id)).to.deep.equal([BigInt(TermsStatus.Cancelled), false, HKD(3_000)]);
        expect(await l.f.escrow.escrowedBalance(l.liarAddress)).to.equal(HKD(3_000));
        expect(await l.liar.balanceOf(l.escrowAddress)).to.equal(HKD(3_000));

        await l.liar.setLie(Lie.None, ethers.ZeroAddress);
        await expect(l.f.escrow.connect(l.f.relayer).refund(l.t))
          .to.emit(l.f.escrow, "PaymentReturned")
          .withArgs(l.id, l.f.importer.address, HKD(3_000));
        expect(await l.liar.balanceOf(l.f.importer.address)).to.equal(HKD(100_000));
        expect(await l.f.escrow.escrowedBalance(l.liarAddress)).to.equal(0n);
      });

      // A refund measures what reached the buyer, as every payment path does: a token's `true` is not taken at its word.
      it("refund: a return that reports success but moves nothing is a failed return (ReturnFailed), not PaymentReturned", async function () {
        const l = await loadFixture(openDeal);
        await l.f.escrow.connect(l.f.importer).depositPayment(l.t, HKD(3_000), "0x", ALLOWANCE);
        await l.liar.setLie(Lie.NoOpTransfer, l.escrowAddress);
        await expect(l.f.escrow.connect(l.f.importer).cancelDeal(l.t)).to.emit(l.f.escrow, "ReturnFailed");
        expect(await l.f.escrow.dealOf(l.id)).to.deep.equal([BigInt(TermsStatus.Cancelled), false, HKD(3_000)]);
        expect(await l.f.escrow.escrowedBalance(l.liarAddress)).to.equal(HKD(3_000));

        await l.liar.setLie(Lie.None, ethers.ZeroAddress);
        await l.f.escrow.connect(l.f.relayer).refund(l.t);
        expect(await l.liar.balanceOf(l.f.importer.address)).to.equal(HKD(100_000));
      });

      // The books keep what the contract still holds, never what left it: otherwise every later refund of this deal
      // would pay the vanished amount again out of the other deals' escrow in the same token.
      it("refund: a return that debits the contract but credits nobody fails and keeps nothing on the books; another deal's escrow is untouched", async function () {
        const l = await loadFixture(openDeal);
        const other = await l.f.terms({ paymentToken: l.liarAddress, salt: ethers.id("other deal") });
        await l.f.escrow.connect(l.f.exporter).createDeal(other, "0x");
        await l.f.escrow.connect(l.f.importer).depositPayment(other, HKD(1_000), "0x", ALLOWANCE);
        await l.f.escrow.connect(l.f.importer).depositPayment(l.t, HKD(3_000), "0x", ALLOWANCE);
        const held = await l.liar.balanceOf(l.escrowAddress);
        expect(held).to.equal(HKD(4_000));

        await l.liar.setLie(Lie.DebitWithoutCredit, l.escrowAddress);
        await expect(l.f.escrow.connect(l.f.importer).cancelDeal(l.t))
          .to.emit(l.f.escrow, "ReturnFailed")
          .withArgs(l.id, false, "0x");
        // The 3 000 left the contract: the deal holds nothing more, and the books equal what is really held.
        expect(await l.f.escrow.dealOf(l.id)).to.deep.equal([BigInt(TermsStatus.Cancelled), false, 0n]);
        expect(await l.f.escrow.escrowedBalance(l.liarAddress)).to.equal(HKD(1_000));
        expect(await l.liar.balanceOf(l.escrowAddress)).to.equal(HKD(1_000));
        await expect(l.f.escrow.connect(l.f.relayer).refund(l.t))
          .to.be.revertedWithCustomError(l.f.escrow, "SettlementNothingToRefund")
          .withArgs(l.id);

        // The other deal still gets its whole payment back.
        await l.liar.setLie(Lie.None, ethers.ZeroAddress);
        const before = await l.liar.balanceOf(l.f.importer.address);
        await expect(l.f.escrow.connect(l.f.importer).cancelDeal(other)).to.emit(l.f.escrow, "PaymentReturned");
        expect(await l.liar.balanceOf(l.f.importer.address)).to.equal(before + HKD(1_000));
        expect(await l.f.escrow.escrowedBalance(l.liarAddress)).to.equal(0n);
      });
    });
  });
});
