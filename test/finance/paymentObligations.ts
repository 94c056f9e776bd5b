/**
 * Digital payment obligations (PaymentObligations): issue, transfer rules, discounting, aval, collection at maturity,
 * voluntary payment, presentment with dishonour, late payment and payment under aval. An obligation is paid at most
 * once, exactly its amount, to its holder of the moment. Each refusal is its own test and checks that nothing moved.
 */
import { expect } from "chai";

import { functionRoles } from "../../sdk/src/index.js";
import { grant } from "../helpers/access.js";
import {
  ALLOWANCE,
  AMOUNT,
  DAY,
  HKD,
  ObligationStatus,
  PaymentMethod,
  TENOR,
  deployAcceptances,
  ethers,
  networkHelpers,
  type Acceptances,
} from "./acceptancesFixture.js";

const { loadFixture, time } = networkHelpers;

type Accepted = Acceptances & { collectionId: string; obligationId: bigint; maturity: bigint };

/** A collection accepted with an allowance: the exporter holds the obligation, maturity in 90 days. */
async function accepted(): Promise<Accepted> {
  const f = await deployAcceptances();
  const collectionId = await f.lodge();
  const obligationId = await f.acceptWithAllowance(collectionId);
  const maturity = (await f.obligations.obligation(obligationId)).maturity;
  return { ...f, collectionId, obligationId, maturity };
}

/** Accepted with the importer's EIP-3009 authorisation (no allowance). */
async function acceptedWithAuthorization(): Promise<Accepted> {
  const f = await deployAcceptances();
  const collectionId = await f.lodge();
  const obligationId = await f.obligationIdOf(collectionId);
  const maturity = (await f.now()) + TENOR + DAY;
  await f.da.connect(f.importer).accept(collectionId, await f.authorization(obligationId, maturity));
  return { ...f, collectionId, obligationId, maturity };
}

/** Matured, the importer's allowance withdrawn, and the exporter's presentment recorded as dishonoured. */
async function dishonoured(): Promise<Accepted> {
  const f = await accepted();
  await f.hkd.connect(f.importer).approve(f.obligationsAddress, 0n);
  await time.increaseTo(f.maturity);
  await f.obligations.connect(f.exporter).present(f.obligationId);
  return f;
}

/** Avalised by the Hong Kong bank, then dishonoured. */
async function avalisedAndDishonoured(): Promise<Accepted> {
  const f = await accepted();
  await f.obligations.connect(f.hkBank).avalise(f.obligationId);
  await f.hkd.connect(f.importer).approve(f.obligationsAddress, 0n);
  await time.increaseTo(f.maturity);
  await f.obligations.connect(f.exporter).present(f.obligationId);
  return f;
}

/** Paid at maturity by collection. */
async function paid(): Promise<Accepted> {
  const f = await accepted();
  await time.increaseTo(f.maturity);
  await f.obligations.connect(f.stranger).collect(f.obligationId);
  return f;
}

/** A direct issuer (an account granted OBLIGATION ISSUER) and the terms it would issue. */
async function withIssuer() {
  const f = await deployAcceptances();
  await grant(f.manager, f.admin, { contract: "obligations", name: "ISSUER" }, f.issuer.address);
  const terms = {
    issuerReference: ethers.id("BILL-1"),
    drawer: f.exporter.address,
    drawee: f.importer.address,
    token: await f.hkd.getAddress(),
    amount: AMOUNT,
    maturity: (await f.now()) + TENOR,
    registry: ethers.ZeroAddress,
    eblTokenId: 0n,
  };
  return { ...f, terms };
}

describe("PaymentObligations", function () {
  describe("deployment and issue", function () {
    it("is the ERC-721 'Cargo Rails Payment Obligation' (DPO) with its EIP-712 domain", async function () {
      const f = await loadFixture(deployAcceptances);
      expect(await f.obligations.name()).to.equal("Cargo Rails Payment Obligation");
      expect(await f.obligations.symbol()).to.equal("DPO");
      const domain = await f.obligations.eip712Domain();
      expect(domain.name).to.equal("Cargo Rails Payment Obligations");
      expect(domain.version).to.equal("1");
      expect(await f.obligations.participants()).to.equal(await f.participants.getAddress());
      expect(await f.obligations.DISCOUNT_TYPEHASH()).to.equal(
        ethers.id("Discount(uint256 obligationId,address buyer,uint256 price,uint256 nonce,uint256 deadline)"),
      );
    });

    it("the SDK's role table gives OBLIGATION ISSUER (13) exactly the contract's `issue`", async function () {
      const f = await loadFixture(deployAcceptances);
      const [line, ...others] = functionRoles("obligations");
      expect(others).to.have.length(0);
      expect(line!.roleId).to.equal(13n);
      expect(line!.label).to.equal("OBLIGATION ISSUER");
      expect(line!.selectors).to.deep.equal([f.obligations.interface.getFunction("issue")!.selector]);
    });

    it("refuses a zero participant registry (RailsZeroAddress)", async function () {
      const f = await loadFixture(deployAcceptances);
      await expect(
        ethers.deployContract("PaymentObligations", [ethers.ZeroAddress, await f.manager.getAddress()]),
      ).to.be.revertedWithCustomError(f.obligations, "RailsZeroAddress");
    });

    it("derives the id from the issuer and its reference", async function () {
      const f = await loadFixture(accepted);
      expect(f.obligationId).to.equal(
        BigInt(
          ethers.keccak256(
            ethers.AbiCoder.defaultAbiCoder().encode(["address", "bytes32"], [f.daAddress, f.collectionId]),
          ),
        ),
      );
      expect(await f.obligations.ownerOf(f.obligationId)).to.equal(f.exporter.address);
    });

    it("an issuer with the role issues directly, and its event carries the terms", async function () {
      const f = await loadFixture(withIssuer);
      const id = await f.obligations.obligationIdOf(f.issuer.address, f.terms.issuerReference);
      await expect(f.obligations.connect(f.issuer).issue(f.terms, ALLOWANCE))
        .to.emit(f.obligations, "ObligationIssued")
        .withArgs(
          id,
          f.exporter.address,
          f.importer.address,
          f.issuer.address,
          Object.values(f.terms),
          PaymentMethod.Allowance,
        );
      expect(await f.obligations.ownerOf(id)).to.equal(f.exporter.address);
    });
  });

  describe("collection at maturity", function () {
    it("anyone collects at maturity by the drawee's allowance: the holder receives the amount, once", async function () {
      const f = await loadFixture(accepted);
      await time.increaseTo(f.maturity);
      const tx = f.obligations.connect(f.stranger).collect(f.obligationId);
      await expect(tx)
        .to.emit(f.obligations, "ObligationPaid")
        .withArgs(f.obligationId, f.importer.address, f.exporter.address, AMOUNT, false);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.importer, f.exporter], [-AMOUNT, AMOUNT]);
      expect((await f.obligations.obligation(f.obligationId)).status).to.equal(ObligationStatus.Paid);
    });

    it("collects by the EIP-3009 authorisation given at acceptance, which passes through and leaves nothing", async function () {
      const f = await loadFixture(acceptedWithAuthorization);
      await time.increaseTo(f.maturity);
      await expect(f.obligations.connect(f.stranger).collect(f.obligationId)).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer, f.exporter, f.obligationsAddress],
        [-AMOUNT, AMOUNT, 0n],
      );
      expect((await f.obligations.obligation(f.obligationId)).status).to.equal(ObligationStatus.Paid);
    });

    it("the token itself refuses the stored authorisation before maturity (validAfter = maturity - 1)", async function () {
      const f = await loadFixture(acceptedWithAuthorization);
      const o = await f.obligations.obligation(f.obligationId);
      // Submitted as the payee (the obligations contract) would: impersonate it to prove the token's own check.
      await networkHelpers.impersonateAccount(f.obligationsAddress);
      await networkHelpers.setBalance(f.obligationsAddress, 10n ** 18n);
      const asContract = await ethers.getSigner(f.obligationsAddress);
      const nonce = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(
          ["bytes32", "bytes32"],
          [ethers.toBeHex(f.obligationId, 32), o.arrangement.nonce],
        ),
      );
      await expect(
        f.hkd
          .connect(asContract)
          ["receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
            f.importer.address,
            f.obligationsAddress,
            AMOUNT,
            o.arrangement.validAfter,
            o.arrangement.deadline,
            nonce,
            o.arrangement.signature,
          ),
      ).to.be.revertedWithCustomError(f.hkd, "ERC3009AuthorizationNotYetValid");
    });

    it("the drawee pays voluntarily at maturity", async function () {
      const f = await loadFixture(accepted);
      await time.increaseTo(f.maturity);
      await expect(f.obligations.connect(f.importer).pay(f.obligationId, ALLOWANCE))
        .to.emit(f.obligations, "ObligationPaid")
        .withArgs(f.obligationId, f.importer.address, f.exporter.address, AMOUNT, false);
    });

    it("the holder's presentment collects when the drawee pays", async function () {
      const f = await loadFixture(accepted);
      await time.increaseTo(f.maturity);
      expect(await f.obligations.connect(f.exporter).present.staticCall(f.obligationId)).to.equal(true);
      await expect(f.obligations.connect(f.exporter).present(f.obligationId)).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer, f.exporter],
        [-AMOUNT, AMOUNT],
      );
    });

    it("a transfer before maturity changes who is paid: the holder of the moment", async function () {
      const f = await loadFixture(accepted);
      await f.obligations.connect(f.exporter).transferFrom(f.exporter.address, f.agent.address, f.obligationId);
      await time.increaseTo(f.maturity);
      await expect(f.obligations.collect(f.obligationId)).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.exporter, f.agent],
        [0n, AMOUNT],
      );
    });
  });

  describe("discounting", function () {
    it("a bank buys the obligation: the price to the holder and the token to the bank, in one transaction", async function () {
      const f = await loadFixture(accepted);
      const price = HKD(24_000);
      const { offer, signature } = await f.discountOffer(f.exporter, f.obligationId, f.hkBank.address, price);
      await f.hkd.connect(f.hkBank).approve(f.obligationsAddress, price);
      const offerHash = await f.obligations.hashDiscount(offer);
      const tx = f.obligations.connect(f.hkBank).discount(offer, signature, ALLOWANCE);
      await expect(tx)
        .to.emit(f.obligations, "ObligationDiscounted")
        .withArgs(f.obligationId, f.exporter.address, f.hkBank.address, price, offerHash);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.hkBank, f.exporter], [-price, price]);
      expect(await f.obligations.ownerOf(f.obligationId)).to.equal(f.hkBank.address);
      expect(await f.obligations.nonces(f.exporter.address)).to.equal(1n);
    });

    it("the discounting bank is paid the full amount at maturity", async function () {
      const f = await loadFixture(accepted);
      const price = HKD(24_000);
      const { offer, signature } = await f.discountOffer(f.exporter, f.obligationId, f.hkBank.address, price);
      await f.hkd.connect(f.hkBank).approve(f.obligationsAddress, price);
      await f.obligations.connect(f.hkBank).discount(offer, signature, ALLOWANCE);
      await time.increaseTo(f.maturity);
      await expect(f.obligations.collect(f.obligationId)).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer, f.hkBank, f.exporter],
        [-AMOUNT, AMOUNT, 0n],
      );
    });
  });

  describe("dishonour and recourse", function () {
    it("the holder's presentment records the dishonour with the failure's reason", async function () {
      const f = await loadFixture(accepted);
      await f.hkd.connect(f.importer).approve(f.obligationsAddress, 0n);
      await time.increaseTo(f.maturity);
      const reason = f.hkd.interface.encodeErrorResult("ERC20InsufficientAllowance", [
        f.obligationsAddress,
        0n,
        AMOUNT,
      ]);
      expect(await f.obligations.connect(f.exporter).present.staticCall(f.obligationId)).to.equal(false);
      const tx = f.obligations.connect(f.exporter).present(f.obligationId);
      await expect(tx)
        .to.emit(f.obligations, "ObligationDishonoured")
        .withArgs(f.obligationId, f.exporter.address, reason);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.importer, f.exporter], [0n, 0n]);
      expect((await f.obligations.obligation(f.obligationId)).status).to.equal(ObligationStatus.Dishonoured);
    });

    it("a dishonoured obligation stays transferable (the evidence moves with it)", async function () {
      const f = await loadFixture(dishonoured);
      await f.obligations.connect(f.exporter).transferFrom(f.exporter.address, f.cnBank.address, f.obligationId);
      expect(await f.obligations.ownerOf(f.obligationId)).to.equal(f.cnBank.address);
    });

    it("the drawee pays late: collected after the dishonour, marked late", async function () {
      const f = await loadFixture(dishonoured);
      await f.hkd.connect(f.importer).approve(f.obligationsAddress, AMOUNT);
      const tx = f.obligations.connect(f.exporter).collect(f.obligationId);
      await expect(tx)
        .to.emit(f.obligations, "ObligationPaid")
        .withArgs(f.obligationId, f.importer.address, f.exporter.address, AMOUNT, true);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.importer, f.exporter], [-AMOUNT, AMOUNT]);
    });

    it("a bank avalises, and pays under its aval after the dishonour", async function () {
      const f = await loadFixture(avalisedAndDishonoured);
      expect((await f.obligations.obligation(f.obligationId)).avalist).to.equal(f.hkBank.address);
      await f.hkd.connect(f.hkBank).approve(f.obligationsAddress, AMOUNT);
      const tx = f.obligations.connect(f.hkBank).payUnderAval(f.obligationId, ALLOWANCE);
      await expect(tx)
        .to.emit(f.obligations, "ObligationPaid")
        .withArgs(f.obligationId, f.hkBank.address, f.exporter.address, AMOUNT, true);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.hkBank, f.exporter, f.importer], [-AMOUNT, AMOUNT, 0n]);
    });

    it("the aval is recorded with an event", async function () {
      const f = await loadFixture(accepted);
      await expect(f.obligations.connect(f.cnBank).avalise(f.obligationId))
        .to.emit(f.obligations, "ObligationAvalised")
        .withArgs(f.obligationId, f.cnBank.address);
    });
  });

  describe("refusals (nothing moves)", function () {
    type Refusal = {
      name: string;
      fixture: () => Promise<Accepted>;
      setup?: (f: Accepted) => Promise<void>;
      act: (f: Accepted) => Promise<unknown>;
      error: string;
    };
    describe("issue", function () {
      it("refuses an issuer without the OBLIGATION ISSUER role (AccessManagedUnauthorized)", async function () {
        const f = await loadFixture(withIssuer);
        const before = await f.snapshot();
        await expect(f.obligations.connect(f.outsider).issue(f.terms, ALLOWANCE)).to.be.revertedWithCustomError(
          f.obligations,
          "AccessManagedUnauthorized",
        );
        expect(await f.snapshot()).to.equal(before);
      });
      type IssueRefusal = {
        name: string;
        change: (f: Awaited<ReturnType<typeof withIssuer>>) => Promise<[typeof f.terms, typeof ALLOWANCE]>;
        error: string;
      };
      const issueRefusals: IssueRefusal[] = [
        {
          name: "a zero drawee",
          change: async (f) => [{ ...f.terms, drawee: ethers.ZeroAddress }, ALLOWANCE],
          error: "RailsZeroAddress",
        },
        {
          name: "a zero amount",
          change: async (f) => [{ ...f.terms, amount: 0n }, ALLOWANCE],
          error: "RailsZeroAmount",
        },
        {
          name: "a maturity that is not in the future",
          change: async (f) => [{ ...f.terms, maturity: (await f.now()) + 1n }, ALLOWANCE],
          error: "ObligationInvalidMaturity",
        },
        {
          name: "a drawer that may not hold obligations (a regulator)",
          change: async (f) => [{ ...f.terms, drawer: f.regulator.address }, ALLOWANCE],
          error: "ObligationInvalidHolder",
        },
        {
          name: "an authorisation whose validAfter is not maturity - 1",
          change: async (f) => {
            const id = await f.obligations.obligationIdOf(f.issuer.address, f.terms.issuerReference);
            return [f.terms, await f.authorization(id, f.terms.maturity, { validAfter: f.terms.maturity })];
          },
          error: "ObligationAuthorizationMismatch",
        },
      ];
      for (const r of issueRefusals) {
        it(`refuses ${r.name} (${r.error})`, async function () {
          const f = await loadFixture(withIssuer);
          const [terms, arrangement] = await r.change(f);
          const before = await f.snapshot();
          await expect(f.obligations.connect(f.issuer).issue(terms, arrangement)).to.be.revertedWithCustomError(
            f.obligations,
            r.error,
          );
          expect(await f.snapshot()).to.equal(before);
        });
      }
      it("refuses a second issue under the same reference (ObligationAlreadyIssued)", async function () {
        const f = await loadFixture(withIssuer);
        await f.obligations.connect(f.issuer).issue(f.terms, ALLOWANCE);
        const id = await f.obligations.obligationIdOf(f.issuer.address, f.terms.issuerReference);
        const before = await f.snapshot({ obligationId: id });
        await expect(f.obligations.connect(f.issuer).issue(f.terms, ALLOWANCE))
          .to.be.revertedWithCustomError(f.obligations, "ObligationAlreadyIssued")
          .withArgs(id);
        expect(await f.snapshot({ obligationId: id })).to.equal(before);
      });
    });

    const refusals: Refusal[] = [
      // transfers
      {
        name: "a transfer to an unregistered account",
        fixture: accepted,
        act: (f) =>
          f.obligations.connect(f.exporter).transferFrom(f.exporter.address, f.stranger.address, f.obligationId),
        error: "ObligationInvalidHolder",
      },
      {
        name: "a transfer to a custody contract",
        fixture: accepted,
        act: (f) => f.obligations.connect(f.exporter).transferFrom(f.exporter.address, f.daAddress, f.obligationId),
        error: "ObligationInvalidHolder",
      },
      {
        name: "a transfer of a paid obligation",
        fixture: paid,
        act: (f) =>
          f.obligations.connect(f.exporter).transferFrom(f.exporter.address, f.hkBank.address, f.obligationId),
        error: "ObligationAlreadyPaid",
      },
      // collection
      {
        name: "a collection before maturity",
        fixture: accepted,
        act: (f) => f.obligations.connect(f.stranger).collect(f.obligationId),
        error: "ObligationNotDue",
      },
      {
        name: "a second collection",
        fixture: paid,
        act: (f) => f.obligations.connect(f.stranger).collect(f.obligationId),
        error: "ObligationAlreadyPaid",
      },
      {
        name: "a collection of an unknown obligation",
        fixture: accepted,
        act: (f) => f.obligations.collect(f.obligationId + 1n),
        error: "ObligationNotFound",
      },
      {
        name: "a voluntary payment after the obligation was paid",
        fixture: paid,
        act: (f) => f.obligations.connect(f.importer).pay(f.obligationId, ALLOWANCE),
        error: "ObligationAlreadyPaid",
      },
      {
        name: "a voluntary payment before maturity",
        fixture: accepted,
        act: (f) => f.obligations.connect(f.importer).pay(f.obligationId, ALLOWANCE),
        error: "ObligationNotDue",
      },
      {
        name: "a voluntary payment by someone other than the drawee",
        fixture: accepted,
        setup: async (f) => {
          await time.increaseTo(f.maturity);
        },
        act: (f) => f.obligations.connect(f.hkBank).pay(f.obligationId, ALLOWANCE),
        error: "ObligationNotDrawee",
      },
      // presentment
      {
        name: "a presentment by someone other than the holder",
        fixture: accepted,
        setup: async (f) => {
          await time.increaseTo(f.maturity);
        },
        act: (f) => f.obligations.connect(f.stranger).present(f.obligationId),
        error: "ObligationNotHolder",
      },
      {
        name: "a presentment before maturity",
        fixture: accepted,
        act: (f) => f.obligations.connect(f.exporter).present(f.obligationId),
        error: "ObligationNotDue",
      },
      {
        name: "a second presentment of a dishonoured obligation",
        fixture: dishonoured,
        act: (f) => f.obligations.connect(f.exporter).present(f.obligationId),
        error: "ObligationInvalidStatus",
      },
      {
        name: "a presentment of a paid obligation",
        fixture: paid,
        act: (f) => f.obligations.connect(f.exporter).present(f.obligationId),
        error: "ObligationAlreadyPaid",
      },
      {
        name: "a presentment with too little gas for the collection's budget",
        fixture: accepted,
        setup: async (f) => {
          await f.hkd.connect(f.importer).approve(f.obligationsAddress, 0n);
          await time.increaseTo(f.maturity);
        },
        act: (f) => f.obligations.connect(f.exporter).present(f.obligationId, { gasLimit: 300_000 }),
        error: "ObligationInsufficientGas",
      },
      // aval
      {
        name: "an aval by a trader",
        fixture: accepted,
        act: (f) => f.obligations.connect(f.importer).avalise(f.obligationId),
        error: "ObligationNotVerifiedBank",
      },
      {
        name: "a second aval",
        fixture: accepted,
        setup: async (f) => {
          await f.obligations.connect(f.hkBank).avalise(f.obligationId);
        },
        act: (f) => f.obligations.connect(f.cnBank).avalise(f.obligationId),
        error: "ObligationAlreadyAvalised",
      },
      {
        name: "an aval of a dishonoured obligation",
        fixture: dishonoured,
        act: (f) => f.obligations.connect(f.hkBank).avalise(f.obligationId),
        error: "ObligationInvalidStatus",
      },
      {
        name: "a payment under aval by someone other than the avalist",
        fixture: avalisedAndDishonoured,
        act: (f) => f.obligations.connect(f.cnBank).payUnderAval(f.obligationId, ALLOWANCE),
        error: "ObligationNotAvalist",
      },
      {
        name: "a payment under aval without an aval",
        fixture: dishonoured,
        act: (f) => f.obligations.connect(f.hkBank).payUnderAval(f.obligationId, ALLOWANCE),
        error: "ObligationNotAvalist",
      },
      // discount
      {
        name: "a discount submitted by someone other than the offer's buyer",
        fixture: accepted,
        act: async (f) => {
          const { offer, signature } = await f.discountOffer(f.exporter, f.obligationId, f.hkBank.address, HKD(24_000));
          return f.obligations.connect(f.cnBank).discount(offer, signature, ALLOWANCE);
        },
        error: "ObligationNotBuyer",
      },
      {
        name: "a discount to a buyer that is not a bank",
        fixture: accepted,
        act: async (f) => {
          const { offer, signature } = await f.discountOffer(f.exporter, f.obligationId, f.agent.address, HKD(24_000));
          return f.obligations.connect(f.agent).discount(offer, signature, ALLOWANCE);
        },
        error: "ObligationNotVerifiedBank",
      },
      {
        name: "a discount price above the amount",
        fixture: accepted,
        act: async (f) => {
          const { offer, signature } = await f.discountOffer(f.exporter, f.obligationId, f.hkBank.address, AMOUNT + 1n);
          return f.obligations.connect(f.hkBank).discount(offer, signature, ALLOWANCE);
        },
        error: "ObligationPriceAboveAmount",
      },
      {
        name: "a discount price of zero",
        fixture: accepted,
        act: async (f) => {
          const { offer, signature } = await f.discountOffer(f.exporter, f.obligationId, f.hkBank.address, 0n);
          return f.obligations.connect(f.hkBank).discount(offer, signature, ALLOWANCE);
        },
        error: "RailsZeroAmount",
      },
      {
        name: "an expired discount offer",
        fixture: accepted,
        act: async (f) => {
          const { offer, signature } = await f.discountOffer(
            f.exporter,
            f.obligationId,
            f.hkBank.address,
            HKD(24_000),
            {
              deadline: (await f.now()) - 1n,
            },
          );
          return f.obligations.connect(f.hkBank).discount(offer, signature, ALLOWANCE);
        },
        error: "RailsExpired",
      },
      {
        name: "a discount offer signed by someone other than the holder",
        fixture: accepted,
        act: async (f) => {
          const { offer } = await f.discountOffer(f.exporter, f.obligationId, f.hkBank.address, HKD(24_000));
          const forged = await f.discountOffer(f.importer, f.obligationId, f.hkBank.address, HKD(24_000));
          await f.hkd.connect(f.hkBank).approve(f.obligationsAddress, HKD(24_000));
          return f.obligations.connect(f.hkBank).discount(offer, forged.signature, ALLOWANCE);
        },
        error: "RailsInvalidSignature",
      },
      {
        name: "a discount offer signed with another nonce than the holder's current one",
        fixture: accepted,
        act: async (f) => {
          const { offer, signature } = await f.discountOffer(
            f.exporter,
            f.obligationId,
            f.hkBank.address,
            HKD(24_000),
            {
              nonce: 1n,
            },
          );
          await f.hkd.connect(f.hkBank).approve(f.obligationsAddress, HKD(24_000));
          return f.obligations.connect(f.hkBank).discount(offer, signature, ALLOWANCE);
        },
        error: "RailsInvalidSignature",
      },
      {
        name: "a discount of a dishonoured obligation",
        fixture: dishonoured,
        act: async (f) => {
          const { offer, signature } = await f.discountOffer(f.exporter, f.obligationId, f.hkBank.address, HKD(20_000));
          return f.obligations.connect(f.hkBank).discount(offer, signature, ALLOWANCE);
        },
        error: "ObligationInvalidStatus",
      },
      {
        name: "a discount of a paid obligation",
        fixture: paid,
        act: async (f) => {
          const { offer, signature } = await f.discountOffer(f.exporter, f.obligationId, f.hkBank.address, HKD(20_000));
          return f.obligations.connect(f.hkBank).discount(offer, signature, ALLOWANCE);
        },
        error: "ObligationAlreadyPaid",
      },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name} (${r.error})`, async function () {
        const f = await loadFixture(r.fixture);
        await r.setup?.(f);
        const before = await f.snapshot({ collectionId: f.collectionId, obligationId: f.obligationId });
        await expect(r.act(f)).to.be.revertedWithCustomError(f.obligations, r.error);
        expect(await f.snapshot({ collectionId: f.collectionId, obligationId: f.obligationId })).to.equal(before);
      });
    }

    it("refuses a replayed discount offer once it was used (RailsInvalidSignature)", async function () {
      const f = await loadFixture(accepted);
      const price = HKD(24_000);
      const { offer, signature } = await f.discountOffer(f.exporter, f.obligationId, f.hkBank.address, price);
      await f.hkd.connect(f.hkBank).approve(f.obligationsAddress, 2n * price);
      await f.obligations.connect(f.hkBank).discount(offer, signature, ALLOWANCE);
      // The bank holds it now: the exporter's signature no longer speaks for the holder, and its nonce moved on.
      const before = await f.snapshot({ obligationId: f.obligationId });
      await expect(f.obligations.connect(f.hkBank).discount(offer, signature, ALLOWANCE)).to.be.revertedWithCustomError(
        f.obligations,
        "RailsInvalidSignature",
      );
      expect(await f.snapshot({ obligationId: f.obligationId })).to.equal(before);
    });
  });
});
