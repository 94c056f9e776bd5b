import { expect } from "chai";

import { BillKind } from "../helpers/enums.js";
import { ethers, networkHelpers } from "../settlement/fixture.js";
import {
  ALLOWANCE,
  CreditStatus,
  DAY,
  DocType,
  EblRecipient,
  HKD,
  HonourBasis,
  PresentationStatus,
  ReturnReason,
  deployCredits,
  typesMask,
  type CreditTerms,
  type CreditsSystem,
} from "./creditsFixture.js";

/** The timestamp of the block that mined `tx`: deadlines start there, however long the run took to mine it. */
async function minedAt(tx: { wait(): Promise<{ blockNumber: number } | null> }): Promise<bigint> {
  const receipt = await tx.wait();
  return BigInt((await ethers.provider.getBlock(receipt!.blockNumber))!.timestamp);
}

const { loadFixture, time } = networkHelpers;

/** A credit of HKD 50 000 issued by Harbour Bank for the importer, in favour of the exporter. */
async function issued() {
  const f = await deployCredits();
  const { t, creditId } = await f.issueCredit();
  return { ...f, t, creditId };
}

/** The exporter presented its eBL with the invoice and the certificate of origin, drawing HKD 30 000. */
async function presented() {
  const f = await issued();
  await f.credits.connect(f.exporter).present(f.creditId, f.tokenId, f.documentIds, HKD(30_000));
  return { ...f, presentationId: f.presentationIdOf(f.creditId, 1n) };
}

/** The issuing bank refused the presentation and seeks the applicant's waiver: the eBL is held. */
async function discrepant() {
  const f = await presented();
  await f.credits.connect(f.hkBank).refuse(f.presentationId, [ethers.id("INVOICE AMOUNT")], true);
  return f;
}

/** The presentation was honoured: HKD 30 000 drawn. */
async function honoured() {
  const f = await presented();
  await f.credits.connect(f.hkBank).honour(f.presentationId);
  return f;
}

type System = CreditsSystem & { t?: CreditTerms; creditId?: string; presentationId?: string };

/** Everything a refusal must leave as it was: balances, the eBL, the credit's totals, the applicant's nonce. */
async function snapshot(f: System) {
  const accounts = [f.hkBank, f.cnBank, f.exporter, f.importer].map((s) => s.address);
  const credit = f.creditId === undefined ? null : await f.credits.creditOf(f.creditId);
  const amendment = f.creditId === undefined ? null : await f.credits.amendmentOf(f.creditId);
  const presentation = f.presentationId === undefined ? null : await f.credits.presentationOf(f.presentationId);
  return {
    hkd: await Promise.all([...accounts, f.creditsAddress].map((a) => f.hkd.balanceOf(a))),
    holder: await f.ebl.ownerOf(f.tokenId),
    title: await f.ebl.titleHolderOf(f.tokenId),
    credit:
      credit === null ? null : [credit.status, credit.terms.amount, credit.drawn, credit.reserved, credit.reimbursed],
    amendment: amendment === null ? null : [amendment.pending, amendment.amount],
    presentation: presentation === null ? null : [presentation.status, presentation.deadline],
    nonce: await f.credits.nonces(f.importer.address),
  };
}

/** Issues the credit on `t` signed by the importer (or `signer`), as `sender`, with a signature valid until `deadline`. */
async function issueWith(
  f: System,
  t: CreditTerms,
  opts: { sender?: typeof f.hkBank; signer?: typeof f.hkBank; deadline?: bigint; nonce?: bigint } = {},
) {
  const deadline = opts.deadline ?? BigInt(await time.latest()) + 3600n;
  const signature = await f.signApplication(opts.signer ?? f.importer, t, deadline, opts.nonce);
  return f.credits.connect(opts.sender ?? f.hkBank).issue(t, deadline, signature, ALLOWANCE);
}

interface Refusal {
  name: string;
  setup: () => Promise<System>;
  /** Steps before the refused call (taken before the snapshot). */
  prepare?: (f: System) => Promise<unknown>;
  act: (f: System) => Promise<unknown>;
  error: string;
  /** The contract whose ABI declares the error (the credits contract unless told). */
  on?: (f: System) => System["condition"];
}

/** One `it` per refusal: the named error, and nothing moved. */
function refuses(refusals: Refusal[]) {
  for (const r of refusals) {
    it(`refuses ${r.name} (${r.error}), and nothing moves`, async () => {
      const f = await loadFixture(r.setup);
      await r.prepare?.(f);
      const before = await snapshot(f);
      const contract = r.on === undefined ? f.credits : r.on(f);
      await expect(r.act(f)).to.be.revertedWithCustomError(contract, r.error);
      expect(await snapshot(f)).to.deep.equal(before);
    });
  }
}

describe("DocumentaryCredits", function () {
  describe("deployment", function () {
    it("pins the CreditApplication type hash, computed independently of the contract", async function () {
      const f = await loadFixture(deployCredits);
      expect(await f.credits.APPLICATION_TYPEHASH()).to.equal(
        ethers.id(
          "CreditApplication(address issuingBank,address applicant,address beneficiary,address nominatedBank," +
            "address token,uint256 amount,uint64 expiry,uint64 latestPresentation,uint64 examinationPeriod," +
            "bool partialDrawings,uint8 eblRecipient,uint256 requiredDocumentTypes,bytes32 creditReference," +
            "uint256 nonce,uint256 deadline)",
        ),
      );
    });

    it("refuses a zero address at deployment (RailsZeroAddress)", async function () {
      const f = await loadFixture(deployCredits);
      const factory = await ethers.getContractFactory("DocumentaryCredits");
      await expect(
        factory.deploy(
          await f.participants.getAddress(),
          ethers.ZeroAddress,
          await f.condition.getAddress(),
          await f.manager.getAddress(),
        ),
      ).to.be.revertedWithCustomError(f.credits, "RailsZeroAddress");
    });
  });

  describe("issue", function () {
    it("issues the credit on the applicant's signature and moves the amount from the bank into escrow", async function () {
      const f = await loadFixture(deployCredits);
      const t = await f.creditTerms();
      const deadline = BigInt(await time.latest()) + 3600n;
      const creditId = f.creditIdOf(t, 0n, deadline);
      expect(await f.credits.hashApplication(t, 0n, deadline)).to.equal(creditId);
      const tx = issueWith(f, t, { deadline });
      await expect(tx)
        .to.emit(f.credits, "CreditIssued")
        .withArgs(creditId, f.hkBank.address, f.exporter.address, Object.values(t));
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.hkBank, f.credits], [-t.amount, t.amount]);
      const c = await f.credits.creditOf(creditId);
      expect(c.status).to.equal(CreditStatus.Issued);
      expect(c.terms.amount).to.equal(t.amount);
      expect(await f.credits.availableOf(creditId)).to.equal(t.amount);
      expect(await f.credits.nonces(f.importer.address)).to.equal(1n);
    });

    it("issues the credit funded by the bank's EIP-3009 authorisation bound to the credit id", async function () {
      const f = await loadFixture(deployCredits);
      const t = await f.creditTerms();
      const deadline = BigInt(await time.latest()) + 3600n;
      const creditId = f.creditIdOf(t, 0n, deadline);
      const signature = await f.signApplication(f.importer, t, deadline);
      const funding = await f.authorization(f.hkBank, t.amount, creditId);
      await f.hkd.connect(f.hkBank).approve(f.creditsAddress, 0n);
      await expect(f.credits.connect(f.hkBank).issue(t, deadline, signature, funding)).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.hkBank, f.credits],
        [-t.amount, t.amount],
      );
    });

    refuses([
      {
        name: "an issue by another bank than the terms' issuing bank",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms(), { sender: f.cnBank }),
        error: "CreditNotIssuingBank",
      },
      {
        name: "an issuing bank not verified as a bank",
        setup: deployCredits,
        act: async (f) =>
          issueWith(f, await f.creditTerms({ issuingBank: f.outsider.address }), { sender: f.outsider }),
        error: "CreditNotIssuingBank",
      },
      {
        name: "an applicant not verified as a trader",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms({ applicant: f.outsider.address }), { signer: f.outsider }),
        error: "RailsNotVerified",
      },
      {
        name: "a beneficiary not verified as a trader",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms({ beneficiary: f.cnBank.address })),
        error: "RailsNotVerified",
      },
      {
        name: "a nominated bank not verified as a bank",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms({ nominatedBank: f.outsider.address })),
        error: "RailsNotVerified",
      },
      {
        name: "a zero token",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms({ token: ethers.ZeroAddress })),
        error: "RailsZeroAddress",
      },
      {
        name: "a zero amount",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms({ amount: 0n })),
        error: "RailsZeroAmount",
      },
      {
        name: "a latest presentation date after the expiry",
        setup: deployCredits,
        act: async (f) => {
          const t = await f.creditTerms();
          return issueWith(f, { ...t, latestPresentation: t.expiry + 1n });
        },
        error: "CreditInvalidDates",
      },
      {
        name: "a latest presentation date in the past",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms({ latestPresentation: BigInt(await time.latest()) })),
        error: "CreditInvalidDates",
      },
      {
        name: "a zero examination period",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms({ examinationPeriod: 0n })),
        error: "CreditInvalidExaminationPeriod",
      },
      {
        name: "an examination period above 30 days",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms({ examinationPeriod: 30n * DAY + 1n })),
        error: "CreditInvalidExaminationPeriod",
      },
      {
        name: "required document types with bit 0 set",
        setup: deployCredits,
        act: async (f) =>
          issueWith(f, await f.creditTerms({ requiredDocumentTypes: typesMask(0, DocType.COMMERCIAL_INVOICE) })),
        error: "CreditInvalidDocumentTypes",
      },
      {
        name: "more than 16 required document types",
        setup: deployCredits,
        act: async (f) =>
          issueWith(
            f,
            await f.creditTerms({ requiredDocumentTypes: typesMask(...Array.from({ length: 17 }, (_, i) => i + 1)) }),
          ),
        error: "CreditInvalidDocumentTypes",
      },
      {
        name: "an application whose signature deadline passed",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms(), { deadline: BigInt(await time.latest()) - 1n }),
        error: "RailsExpired",
      },
      {
        name: "an application signed by another than the applicant",
        setup: deployCredits,
        act: async (f) => issueWith(f, await f.creditTerms(), { signer: f.exporter }),
        error: "RailsInvalidSignature",
      },
      {
        name: "an application signed with a used nonce (a replay)",
        setup: issued,
        act: async (f) => issueWith(f, f.t as CreditTerms, { nonce: 0n }),
        error: "RailsInvalidSignature",
      },
    ]);
  });

  describe("present", function () {
    it("takes the eBL into custody for title, checks the documents and reserves the drawing", async function () {
      const f = await loadFixture(issued);
      const presentationId = f.presentationIdOf(f.creditId, 1n);
      expect(await f.credits.presentationIdOf(f.creditId, 1n)).to.equal(presentationId);
      const tx = await f.credits.connect(f.exporter).present(f.creditId, f.tokenId, f.documentIds, HKD(30_000));
      const deadline = (await minedAt(tx)) + 5n * DAY;
      await expect(tx)
        .to.emit(f.credits, "Presented")
        .withArgs(presentationId, f.creditId, f.tokenId, HKD(30_000), f.documentIds, deadline);
      const bill = await f.ebl.billOf(f.tokenId);
      expect(bill.holder).to.equal(f.creditsAddress);
      expect(bill.custodyForTitle).to.equal(true);
      const p = await f.credits.presentationOf(presentationId);
      expect(p.status).to.equal(PresentationStatus.Presented);
      expect(p.requirementId).to.equal(
        await f.condition.defineRequirement.staticCall([
          { documentType: DocType.COMMERCIAL_INVOICE, documentId: f.invoice.id },
          { documentType: DocType.CERTIFICATE_OF_ORIGIN, documentId: f.origin.id },
        ]),
      );
      expect((await f.credits.creditOf(f.creditId)).reserved).to.equal(HKD(30_000));
      expect(await f.credits.availableOf(f.creditId)).to.equal(HKD(20_000));
    });

    refuses([
      {
        name: "a presentation after expiry",
        setup: issued,
        act: async (f) => {
          await time.increaseTo((f.t as CreditTerms).expiry + 1n);
          return f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, f.documentIds, HKD(30_000));
        },
        error: "CreditPresentationPeriodOver",
      },
      {
        name: "a presentation after the latest presentation date, before expiry",
        setup: issued,
        act: async (f) => {
          await time.increaseTo((f.t as CreditTerms).latestPresentation + 1n);
          return f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, f.documentIds, HKD(30_000));
        },
        error: "CreditPresentationPeriodOver",
      },
      {
        name: "a presentation by another than the beneficiary",
        setup: issued,
        act: async (f) => f.credits.connect(f.importer).present(f.creditId!, f.tokenId, f.documentIds, HKD(30_000)),
        error: "CreditNotBeneficiary",
      },
      {
        name: "a presentation under an unknown credit",
        setup: issued,
        act: async (f) => f.credits.connect(f.exporter).present(ethers.id("nope"), f.tokenId, f.documentIds, HKD(1)),
        error: "CreditNotOpen",
      },
      {
        name: "a zero drawing",
        setup: issued,
        act: async (f) => f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, f.documentIds, 0n),
        error: "RailsZeroAmount",
      },
      {
        name: "a drawing above the available amount",
        setup: issued,
        act: async (f) => f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, f.documentIds, HKD(50_001)),
        error: "CreditDrawingExceedsAvailable",
      },
      {
        name: "a partial drawing when partial drawings are not allowed",
        setup: async () => {
          const f = await deployCredits();
          return { ...f, ...(await f.issueCredit({ partialDrawings: false })) };
        },
        act: async (f) => f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, f.documentIds, HKD(30_000)),
        error: "CreditPartialDrawingNotAllowed",
      },
      {
        name: "a presentation missing a required document",
        setup: issued,
        act: async (f) => f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, [f.invoice.id], HKD(30_000)),
        error: "CreditDocumentsMismatch",
      },
      {
        name: "documents given out of type order",
        setup: issued,
        act: async (f) =>
          f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, [f.origin.id, f.invoice.id], HKD(30_000)),
        error: "DocumentsWrongType",
        on: (f) => f.condition,
      },
      {
        name: "a revoked document",
        setup: issued,
        act: async (f) => {
          await f.documents.connect(f.authority).revoke(f.origin.id, "issued in error");
          return f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, f.documentIds, HKD(30_000));
        },
        error: "DocumentsRevoked",
        on: (f) => f.condition,
      },
      {
        name: "a document bound to another eBL",
        setup: issued,
        act: async (f) => {
          const other = await f.issueBill("SHA2HKG000999");
          const invoice = await f.registerDocument(f.exporter, DocType.COMMERCIAL_INVOICE, "INV-OTHER", {
            subjectId: other.id,
          });
          return f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, [invoice.id, f.origin.id], HKD(1));
        },
        error: "DocumentsNotBound",
        on: (f) => f.condition,
      },
      {
        name: "an eBL whose title is with a third party (not deliverable to the recipient)",
        setup: async () => {
          const f = await deployCredits();
          return { ...f, ...(await f.issueCredit({ requiredDocumentTypes: 0n })) };
        },
        act: async (f) => {
          const bill = await f.issueBill("SHA2HKG000777", BillKind.ToOrder, f.cnBank.address);
          return f.credits.connect(f.exporter).present(f.creditId!, bill.id, [], HKD(30_000));
        },
        error: "CreditEblNotDeliverable",
      },
      {
        name: "a straight eBL consigned to the beneficiary (not deliverable to the bank)",
        setup: async () => {
          const f = await deployCredits();
          return { ...f, ...(await f.issueCredit({ requiredDocumentTypes: 0n })) };
        },
        act: async (f) => {
          const bill = await f.issueBill("SHA2HKG000778", BillKind.Straight, f.exporter.address);
          return f.credits.connect(f.exporter).present(f.creditId!, bill.id, [], HKD(30_000));
        },
        error: "CreditEblNotDeliverable",
      },
    ]);
  });

  describe("honour", function () {
    it("the issuing bank honours: the beneficiary is paid and the eBL endorsed to the bank, in one transaction", async function () {
      const f = await loadFixture(presented);
      const tx = f.credits.connect(f.hkBank).honour(f.presentationId);
      await expect(tx)
        .to.emit(f.credits, "Honoured")
        .withArgs(f.presentationId, f.creditId, f.hkBank.address, HonourBasis.Complying, HKD(30_000), f.hkBank.address);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.credits, f.exporter], [-HKD(30_000), HKD(30_000)]);
      await expect(tx).to.emit(f.ebl, "Endorsed");
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.hkBank.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.hkBank.address);
      const c = await f.credits.creditOf(f.creditId);
      expect([c.drawn, c.reserved]).to.deep.equal([HKD(30_000), 0n]);
      expect((await f.credits.presentationOf(f.presentationId)).status).to.equal(PresentationStatus.Honoured);
    });

    it("the nominated bank honours, and the eBL goes to the applicant when the credit says so", async function () {
      const f = await loadFixture(deployCredits);
      const { creditId } = await f.issueCredit({ eblRecipient: EblRecipient.Applicant });
      await f.credits.connect(f.exporter).present(creditId, f.tokenId, f.documentIds, HKD(50_000));
      const presentationId = f.presentationIdOf(creditId, 1n);
      await expect(f.credits.connect(f.cnBank).honour(presentationId))
        .to.emit(f.credits, "Honoured")
        .withArgs(presentationId, creditId, f.cnBank.address, HonourBasis.Complying, HKD(50_000), f.importer.address);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.importer.address);
      expect(await f.credits.availableOf(creditId)).to.equal(0n);
    });

    it("an eBL already endorsed to the recipient passes by delivery alone", async function () {
      const f = await loadFixture(deployCredits);
      const { creditId } = await f.issueCredit({ requiredDocumentTypes: 0n });
      const bill = await f.issueBill("SHA2HKG000555", BillKind.ToOrder, f.hkBank.address);
      await f.credits.connect(f.exporter).present(creditId, bill.id, [], HKD(50_000));
      const tx = f.credits.connect(f.hkBank).honour(f.presentationIdOf(creditId, 1n));
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.credits, f.exporter], [-HKD(50_000), HKD(50_000)]);
      await expect(tx).to.not.emit(f.ebl, "Endorsed");
      expect(await f.ebl.ownerOf(bill.id)).to.equal(f.hkBank.address);
    });

    it("a straight eBL consigned to the issuing bank passes to it", async function () {
      const f = await loadFixture(deployCredits);
      const { creditId } = await f.issueCredit({ requiredDocumentTypes: 0n });
      const bill = await f.issueBill("SHA2HKG000556", BillKind.Straight, f.hkBank.address);
      await f.credits.connect(f.exporter).present(creditId, bill.id, [], HKD(50_000));
      await f.credits.connect(f.hkBank).honour(f.presentationIdOf(creditId, 1n));
      expect(await f.ebl.ownerOf(bill.id)).to.equal(f.hkBank.address);
    });

    it("after the examination deadline anyone honours (UCP 600 art. 16(f): the bank is precluded)", async function () {
      const f = await loadFixture(presented);
      await time.increaseTo((await f.credits.presentationOf(f.presentationId)).deadline + 1n);
      await expect(f.credits.connect(f.outsider).honour(f.presentationId))
        .to.emit(f.credits, "Honoured")
        .withArgs(
          f.presentationId,
          f.creditId,
          f.outsider.address,
          HonourBasis.DeadlinePassed,
          HKD(30_000),
          f.hkBank.address,
        );
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.hkBank.address);
    });

    refuses([
      {
        name: "an examination by a non-examiner before the deadline",
        setup: presented,
        act: async (f) => f.credits.connect(f.importer).honour(f.presentationId!),
        error: "CreditNotExaminer",
      },
      {
        name: "a second honour of the same presentation",
        setup: honoured,
        act: async (f) => f.credits.connect(f.hkBank).honour(f.presentationId!),
        error: "CreditInvalidPresentationStatus",
      },
      {
        name: "an honour of a presentation never made",
        setup: presented,
        act: async (f) => f.credits.connect(f.hkBank).honour(ethers.id("nope")),
        error: "CreditInvalidPresentationStatus",
      },
    ]);
  });

  describe("refuse, waiver, withdraw", function () {
    it("a refusal without waiver records the discrepancies and returns the eBL to the beneficiary at once", async function () {
      const f = await loadFixture(presented);
      const discrepancies = [ethers.id("LATE SHIPMENT"), ethers.id("INVOICE AMOUNT")];
      const tx = f.credits.connect(f.hkBank).refuse(f.presentationId, discrepancies, false);
      await expect(tx)
        .to.emit(f.credits, "Refused")
        .withArgs(f.presentationId, f.creditId, f.hkBank.address, discrepancies, false, 0n);
      await expect(tx)
        .to.emit(f.credits, "DocumentsReturned")
        .withArgs(f.presentationId, f.creditId, f.hkBank.address, ReturnReason.Refused);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.ebl.titleHolderOf(f.tokenId)).to.equal(f.exporter.address);
      const p = await f.credits.presentationOf(f.presentationId);
      expect(p.status).to.equal(PresentationStatus.Refused);
      expect(p.discrepancyCount).to.equal(2n);
      expect(p.discrepanciesHash).to.equal(
        ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bytes32[]"], [discrepancies])),
      );
      expect(await f.credits.availableOf(f.creditId)).to.equal(HKD(50_000));
      expect(await f.hkd.balanceOf(f.creditsAddress)).to.equal(HKD(50_000));
    });

    it("a refusal seeking a waiver holds the eBL until the waiver deadline", async function () {
      const f = await loadFixture(presented);
      const tx = await f.credits.connect(f.cnBank).refuse(f.presentationId, [ethers.id("LATE SHIPMENT")], true);
      const waiverDeadline = (await minedAt(tx)) + 5n * DAY;
      await expect(tx)
        .to.emit(f.credits, "Refused")
        .withArgs(f.presentationId, f.creditId, f.cnBank.address, [ethers.id("LATE SHIPMENT")], true, waiverDeadline);
      await expect(tx).to.not.emit(f.credits, "DocumentsReturned");
      const p = await f.credits.presentationOf(f.presentationId);
      expect([p.status, p.deadline]).to.deep.equal([PresentationStatus.Discrepant, waiverDeadline]);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.creditsAddress);
      expect(await f.credits.availableOf(f.creditId)).to.equal(HKD(20_000));
    });

    it("the applicant's waiver honours the presentation", async function () {
      const f = await loadFixture(discrepant);
      const tx = f.credits.connect(f.importer).waive(f.presentationId);
      await expect(tx).to.emit(f.credits, "DiscrepanciesWaived").withArgs(f.presentationId, f.importer.address);
      await expect(tx)
        .to.emit(f.credits, "Honoured")
        .withArgs(f.presentationId, f.creditId, f.importer.address, HonourBasis.Waiver, HKD(30_000), f.hkBank.address);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.credits, f.exporter], [-HKD(30_000), HKD(30_000)]);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.hkBank.address);
    });

    it("the applicant's rejection of the waiver returns the eBL", async function () {
      const f = await loadFixture(discrepant);
      await expect(f.credits.connect(f.importer).rejectWaiver(f.presentationId))
        .to.emit(f.credits, "DocumentsReturned")
        .withArgs(f.presentationId, f.creditId, f.importer.address, ReturnReason.WaiverRejected);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      expect((await f.credits.presentationOf(f.presentationId)).status).to.equal(PresentationStatus.Refused);
      expect(await f.credits.availableOf(f.creditId)).to.equal(HKD(50_000));
    });

    it("the beneficiary withdraws a discrepant presentation", async function () {
      const f = await loadFixture(discrepant);
      await expect(f.credits.connect(f.exporter).withdraw(f.presentationId))
        .to.emit(f.credits, "DocumentsReturned")
        .withArgs(f.presentationId, f.creditId, f.exporter.address, ReturnReason.Withdrawn);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      expect((await f.credits.presentationOf(f.presentationId)).status).to.equal(PresentationStatus.Withdrawn);
    });

    it("the beneficiary withdraws a presentation not yet examined", async function () {
      const f = await loadFixture(presented);
      await f.credits.connect(f.exporter).withdraw(f.presentationId);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      expect(await f.credits.availableOf(f.creditId)).to.equal(HKD(50_000));
    });

    it("after the waiver deadline anyone returns the eBL", async function () {
      const f = await loadFixture(discrepant);
      await time.increaseTo((await f.credits.presentationOf(f.presentationId)).deadline + 1n);
      await expect(f.credits.connect(f.outsider).returnUnwaived(f.presentationId))
        .to.emit(f.credits, "DocumentsReturned")
        .withArgs(f.presentationId, f.creditId, f.outsider.address, ReturnReason.WaiverLapsed);
      expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
      expect((await f.credits.presentationOf(f.presentationId)).status).to.equal(PresentationStatus.Refused);
    });

    it("a refused eBL can be presented again, corrected, before the deadline", async function () {
      const f = await loadFixture(presented);
      await f.credits.connect(f.hkBank).refuse(f.presentationId, [ethers.id("INVOICE AMOUNT")], false);
      await f.credits.connect(f.exporter).present(f.creditId, f.tokenId, f.documentIds, HKD(30_000));
      await f.credits.connect(f.hkBank).honour(f.presentationIdOf(f.creditId, 2n));
      expect((await f.credits.creditOf(f.creditId)).drawn).to.equal(HKD(30_000));
    });

    refuses([
      {
        name: "a refusal by a non-examiner",
        setup: presented,
        act: async (f) => f.credits.connect(f.importer).refuse(f.presentationId!, [ethers.id("X")], false),
        error: "CreditNotExaminer",
      },
      {
        name: "a refusal after the examination deadline",
        setup: presented,
        act: async (f) => {
          await time.increaseTo((await f.credits.presentationOf(f.presentationId!)).deadline + 1n);
          return f.credits.connect(f.hkBank).refuse(f.presentationId!, [ethers.id("X")], false);
        },
        error: "CreditExaminationPeriodOver",
      },
      {
        name: "a refusal without discrepancies",
        setup: presented,
        act: async (f) => f.credits.connect(f.hkBank).refuse(f.presentationId!, [], false),
        error: "CreditNoDiscrepancies",
      },
      {
        name: "a waiver by another than the applicant",
        setup: discrepant,
        act: async (f) => f.credits.connect(f.hkBank).waive(f.presentationId!),
        error: "CreditNotApplicant",
      },
      {
        name: "a waiver of a presentation not refused",
        setup: presented,
        act: async (f) => f.credits.connect(f.importer).waive(f.presentationId!),
        error: "CreditInvalidPresentationStatus",
      },
      {
        name: "a rejection of the waiver by another than the applicant",
        setup: discrepant,
        act: async (f) => f.credits.connect(f.exporter).rejectWaiver(f.presentationId!),
        error: "CreditNotApplicant",
      },
      {
        name: "a withdrawal by another than the beneficiary",
        setup: discrepant,
        act: async (f) => f.credits.connect(f.importer).withdraw(f.presentationId!),
        error: "CreditNotBeneficiary",
      },
      {
        name: "a withdrawal of an honoured presentation",
        setup: honoured,
        act: async (f) => f.credits.connect(f.exporter).withdraw(f.presentationId!),
        error: "CreditInvalidPresentationStatus",
      },
      {
        name: "a return of a held eBL before the waiver deadline",
        setup: discrepant,
        act: async (f) => f.credits.connect(f.outsider).returnUnwaived(f.presentationId!),
        error: "CreditWaiverPeriodRunning",
      },
    ]);
  });

  describe("partial drawings", function () {
    /** A second eBL of the exporter with its own invoice and certificate of origin. */
    async function secondShipment() {
      const f = await honoured();
      const bill = await f.issueBill("SHA2HKG000124");
      const invoice = await f.registerDocument(f.exporter, DocType.COMMERCIAL_INVOICE, "INV-2026-0043", {
        subjectId: bill.id,
      });
      const origin = await f.registerDocument(f.authority, DocType.CERTIFICATE_OF_ORIGIN, "CO-SH-78", {
        subjectId: bill.id,
      });
      return { ...f, second: bill.id, secondDocuments: [invoice.id, origin.id] };
    }

    it("two drawings add up to the amount, and nothing more can be drawn", async function () {
      const f = await loadFixture(secondShipment);
      await f.credits.connect(f.exporter).present(f.creditId, f.second, f.secondDocuments, HKD(20_000));
      await f.credits.connect(f.hkBank).honour(f.presentationIdOf(f.creditId, 2n));
      const c = await f.credits.creditOf(f.creditId);
      expect([c.drawn, c.reserved, c.presentations]).to.deep.equal([HKD(50_000), 0n, 2n]);
      expect(await f.credits.availableOf(f.creditId)).to.equal(0n);
      expect(await f.hkd.balanceOf(f.creditsAddress)).to.equal(0n);
      expect(await f.ebl.ownerOf(f.second)).to.equal(f.hkBank.address);
    });

    it("refuses a second drawing above what remains (CreditDrawingExceedsAvailable), and nothing moves", async function () {
      const f = await loadFixture(secondShipment);
      const before = await snapshot(f);
      await expect(
        f.credits.connect(f.exporter).present(f.creditId, f.second, f.secondDocuments, HKD(20_001)),
      ).to.be.revertedWithCustomError(f.credits, "CreditDrawingExceedsAvailable");
      expect(await snapshot(f)).to.deep.equal(before);
      expect(await f.ebl.ownerOf(f.second)).to.equal(f.exporter.address);
    });
  });

  describe("reimbursement", function () {
    it("the applicant reimburses the drawings to the issuing bank, in parts", async function () {
      const f = await loadFixture(honoured);
      await f.hkd.connect(f.importer).approve(f.creditsAddress, HKD(30_000));
      await expect(f.credits.connect(f.importer).reimburse(f.creditId, HKD(10_000), ALLOWANCE))
        .to.emit(f.credits, "Reimbursed")
        .withArgs(f.creditId, f.importer.address, HKD(10_000), HKD(10_000));
      await expect(f.credits.connect(f.importer).reimburse(f.creditId, HKD(20_000), ALLOWANCE)).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer, f.hkBank, f.credits],
        [-HKD(20_000), HKD(20_000), 0n],
      );
      expect((await f.credits.creditOf(f.creditId)).reimbursed).to.equal(HKD(30_000));
    });

    it("anyone submits the applicant's EIP-3009 authorisation bound to the credit", async function () {
      const f = await loadFixture(honoured);
      const auth = await f.authorization(f.importer, HKD(30_000), f.creditId);
      await expect(f.credits.connect(f.outsider).reimburse(f.creditId, HKD(30_000), auth)).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.importer, f.hkBank],
        [-HKD(30_000), HKD(30_000)],
      );
    });

    refuses([
      {
        name: "a reimbursement above what was drawn",
        setup: honoured,
        act: async (f) => {
          await f.hkd.connect(f.importer).approve(f.creditsAddress, HKD(30_001));
          return f.credits.connect(f.importer).reimburse(f.creditId!, HKD(30_001), ALLOWANCE);
        },
        error: "CreditReimbursementExceedsDrawn",
      },
      {
        name: "a reimbursement from the applicant's allowance by someone else",
        setup: honoured,
        act: async (f) => {
          await f.hkd.connect(f.importer).approve(f.creditsAddress, HKD(30_000));
          return f.credits.connect(f.outsider).reimburse(f.creditId!, HKD(30_000), ALLOWANCE);
        },
        error: "CreditNotApplicant",
      },
      {
        name: "a zero reimbursement",
        setup: honoured,
        act: async (f) => f.credits.connect(f.importer).reimburse(f.creditId!, 0n, ALLOWANCE),
        error: "RailsZeroAmount",
      },
      {
        name: "a reimbursement under an unknown credit",
        setup: honoured,
        act: async (f) => f.credits.connect(f.importer).reimburse(ethers.id("nope"), HKD(1), ALLOWANCE),
        error: "CreditNotOpen",
      },
    ]);
  });

  describe("amendments", function () {
    async function newDates(f: System) {
      const now = BigInt(await time.latest());
      return { expiry: now + 60n * DAY, latestPresentation: now + 50n * DAY };
    }

    it("an increase is paid into escrow at proposal and takes effect when the beneficiary accepts", async function () {
      const f = await loadFixture(issued);
      const d = await newDates(f);
      const proposal = f.credits
        .connect(f.hkBank)
        .proposeAmendment(f.creditId, HKD(60_000), d.expiry, d.latestPresentation, ALLOWANCE);
      await expect(proposal)
        .to.emit(f.credits, "AmendmentProposed")
        .withArgs(f.creditId, HKD(60_000), d.expiry, d.latestPresentation);
      await expect(proposal).to.changeTokenBalances(ethers, f.hkd, [f.hkBank, f.credits], [-HKD(10_000), HKD(10_000)]);
      expect((await f.credits.creditOf(f.creditId)).terms.amount).to.equal(HKD(50_000));
      await expect(f.credits.connect(f.exporter).acceptAmendment(f.creditId))
        .to.emit(f.credits, "AmendmentAccepted")
        .withArgs(f.creditId, HKD(60_000), d.expiry, d.latestPresentation);
      const c = await f.credits.creditOf(f.creditId);
      expect([c.terms.amount, c.terms.expiry, c.terms.latestPresentation]).to.deep.equal([
        HKD(60_000),
        d.expiry,
        d.latestPresentation,
      ]);
      expect((await f.credits.amendmentOf(f.creditId)).pending).to.equal(false);
    });

    it("an accepted decrease sends the difference back to the issuing bank", async function () {
      const f = await loadFixture(issued);
      const t = f.t as CreditTerms;
      await f.credits
        .connect(f.hkBank)
        .proposeAmendment(f.creditId, HKD(40_000), t.expiry, t.latestPresentation, ALLOWANCE);
      await expect(f.credits.connect(f.exporter).acceptAmendment(f.creditId)).to.changeTokenBalances(
        ethers,
        f.hkd,
        [f.credits, f.hkBank],
        [-HKD(10_000), HKD(10_000)],
      );
      expect(await f.credits.availableOf(f.creditId)).to.equal(HKD(40_000));
    });

    it("a rejected increase goes back to the bank and the terms stay", async function () {
      const f = await loadFixture(issued);
      const d = await newDates(f);
      await f.credits
        .connect(f.hkBank)
        .proposeAmendment(f.creditId, HKD(60_000), d.expiry, d.latestPresentation, ALLOWANCE);
      const tx = f.credits.connect(f.exporter).rejectAmendment(f.creditId);
      await expect(tx).to.emit(f.credits, "AmendmentRejected").withArgs(f.creditId, f.exporter.address);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.credits, f.hkBank], [-HKD(10_000), HKD(10_000)]);
      const c = await f.credits.creditOf(f.creditId);
      expect([c.terms.amount, c.terms.expiry]).to.deep.equal([HKD(50_000), (f.t as CreditTerms).expiry]);
    });

    refuses([
      {
        name: "a proposal by another than the issuing bank",
        setup: issued,
        act: async (f) => {
          const d = await newDates(f);
          return f.credits
            .connect(f.cnBank)
            .proposeAmendment(f.creditId!, HKD(1), d.expiry, d.latestPresentation, ALLOWANCE);
        },
        error: "CreditNotIssuingBank",
      },
      {
        name: "a second proposal while one is pending",
        setup: issued,
        prepare: async (f) => {
          const d = await newDates(f);
          await f.credits
            .connect(f.hkBank)
            .proposeAmendment(f.creditId!, HKD(50_000), d.expiry, d.latestPresentation, ALLOWANCE);
        },
        act: async (f) => {
          const d = await newDates(f);
          return f.credits
            .connect(f.hkBank)
            .proposeAmendment(f.creditId!, HKD(40_000), d.expiry, d.latestPresentation, ALLOWANCE);
        },
        error: "CreditAmendmentPending",
      },
      {
        name: "a proposal below what is drawn and reserved",
        setup: honoured,
        act: async (f) => {
          const d = await newDates(f);
          return f.credits
            .connect(f.hkBank)
            .proposeAmendment(f.creditId!, HKD(29_999), d.expiry, d.latestPresentation, ALLOWANCE);
        },
        error: "CreditAmendmentBelowDrawn",
      },
      {
        name: "an acceptance once a presentation reserved more than the new amount",
        setup: issued,
        prepare: async (f) => {
          const t = f.t as CreditTerms;
          await f.credits
            .connect(f.hkBank)
            .proposeAmendment(f.creditId!, HKD(20_000), t.expiry, t.latestPresentation, ALLOWANCE);
          await f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, f.documentIds, HKD(30_000));
        },
        act: async (f) => f.credits.connect(f.exporter).acceptAmendment(f.creditId!),
        error: "CreditAmendmentBelowDrawn",
      },
      {
        name: "a proposal with the latest presentation date after the expiry",
        setup: issued,
        act: async (f) => {
          const d = await newDates(f);
          return f.credits
            .connect(f.hkBank)
            .proposeAmendment(f.creditId!, HKD(50_000), d.expiry, d.expiry + 1n, ALLOWANCE);
        },
        error: "CreditInvalidDates",
      },
      {
        name: "an acceptance by another than the beneficiary",
        setup: issued,
        prepare: async (f) => {
          const d = await newDates(f);
          await f.credits
            .connect(f.hkBank)
            .proposeAmendment(f.creditId!, HKD(50_000), d.expiry, d.latestPresentation, ALLOWANCE);
        },
        act: async (f) => f.credits.connect(f.importer).acceptAmendment(f.creditId!),
        error: "CreditNotBeneficiary",
      },
      {
        name: "an acceptance with no amendment pending",
        setup: issued,
        act: async (f) => f.credits.connect(f.exporter).acceptAmendment(f.creditId!),
        error: "CreditNoAmendment",
      },
      {
        name: "a rejection with no amendment pending",
        setup: issued,
        act: async (f) => f.credits.connect(f.exporter).rejectAmendment(f.creditId!),
        error: "CreditNoAmendment",
      },
    ]);
  });

  describe("expiry", function () {
    it("after expiry with nothing presented anyone closes the credit: the escrow goes back to the bank", async function () {
      const f = await loadFixture(issued);
      await time.increaseTo((f.t as CreditTerms).expiry + 1n);
      const tx = f.credits.connect(f.outsider).close(f.creditId);
      await expect(tx).to.emit(f.credits, "CreditClosed").withArgs(f.creditId, f.outsider.address, HKD(50_000));
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.credits, f.hkBank], [-HKD(50_000), HKD(50_000)]);
      expect((await f.credits.creditOf(f.creditId)).status).to.equal(CreditStatus.Closed);
      expect(await f.credits.availableOf(f.creditId)).to.equal(0n);
    });

    it("closing returns the undrawn part and a pending amendment's increase", async function () {
      const f = await loadFixture(honoured);
      const t = f.t as CreditTerms;
      await f.credits
        .connect(f.hkBank)
        .proposeAmendment(f.creditId, HKD(70_000), t.expiry, t.latestPresentation, ALLOWANCE);
      await time.increaseTo(t.expiry + 1n);
      const tx = f.credits.connect(f.outsider).close(f.creditId);
      await expect(tx).to.emit(f.credits, "AmendmentRejected").withArgs(f.creditId, f.outsider.address);
      await expect(tx).to.changeTokenBalances(ethers, f.hkd, [f.credits, f.hkBank], [-HKD(40_000), HKD(40_000)]);
    });

    it("the applicant still reimburses after the credit closed", async function () {
      const f = await loadFixture(honoured);
      await time.increaseTo((f.t as CreditTerms).expiry + 1n);
      await f.credits.close(f.creditId);
      await f.hkd.connect(f.importer).approve(f.creditsAddress, HKD(30_000));
      await expect(f.credits.connect(f.importer).reimburse(f.creditId, HKD(30_000), ALLOWANCE)).to.emit(
        f.credits,
        "Reimbursed",
      );
    });

    refuses([
      {
        name: "a close before expiry",
        setup: issued,
        act: async (f) => f.credits.connect(f.outsider).close(f.creditId!),
        error: "CreditNotExpired",
      },
      {
        name: "a close while a presentation is pending",
        setup: presented,
        act: async (f) => {
          await time.increaseTo((f.t as CreditTerms).expiry + 1n);
          return f.credits.connect(f.outsider).close(f.creditId!);
        },
        error: "CreditPresentationPending",
      },
      {
        name: "a second close",
        setup: issued,
        prepare: async (f) => {
          await time.increaseTo((f.t as CreditTerms).expiry + 1n);
          await f.credits.close(f.creditId!);
        },
        act: async (f) => f.credits.close(f.creditId!),
        error: "CreditNotOpen",
      },
      {
        name: "a presentation under a closed credit",
        setup: issued,
        prepare: async (f) => {
          await time.increaseTo((f.t as CreditTerms).expiry + 1n);
          await f.credits.close(f.creditId!);
        },
        act: async (f) => f.credits.connect(f.exporter).present(f.creditId!, f.tokenId, f.documentIds, HKD(1)),
        error: "CreditNotOpen",
      },
    ]);
  });

  it("the credits contract must be a verified custody participant to take the eBL", async function () {
    const f = await loadFixture(issued);
    await f.participants.connect(f.registrar).revoke(f.creditsAddress);
    // The registry disregards an approval of an operator that is no longer a verified custodian.
    await expect(
      f.credits.connect(f.exporter).present(f.creditId, f.tokenId, f.documentIds, HKD(30_000)),
    ).to.be.revertedWithCustomError(f.ebl, "ERC721InsufficientApproval");
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
    expect((await f.credits.creditOf(f.creditId)).reserved).to.equal(0n);
  });
});

describe("DocumentaryCredits: recovery of stray assets (TRADE FINANCE ADMIN)", function () {
  it("sends back an eBL moved in with a plain transferFrom, for the role holder", async function () {
    const f = await loadFixture(issued);
    const registry = await f.ebl.getAddress();
    await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.creditsAddress, f.tokenId);
    await expect(f.credits.connect(f.admin).recoverStrayEbl(registry, f.tokenId, f.exporter.address))
      .to.emit(f.credits, "StrayAssetRecovered")
      .withArgs(registry, f.exporter.address, f.tokenId);
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.exporter.address);
  });

  it("sends back deposits sent with a plain transfer, up to the balance above the escrow", async function () {
    const f = await loadFixture(issued);
    const token = await f.hkd.getAddress();
    await f.hkd.connect(f.importer).transfer(f.creditsAddress, HKD(1_000));
    await expect(f.credits.connect(f.admin).recoverStrayToken(token, f.importer.address, HKD(1_000)))
      .to.emit(f.credits, "StrayAssetRecovered")
      .withArgs(token, f.importer.address, HKD(1_000));
    expect(await f.hkd.balanceOf(f.creditsAddress)).to.equal(HKD(50_000));
  });

  it("counts what was drawn, an amendment's increase and a closed credit's refund out of the escrow", async function () {
    const f = await loadFixture(honoured);
    const token = await f.hkd.getAddress();
    await f.credits
      .connect(f.hkBank)
      .proposeAmendment(f.creditId, HKD(60_000), f.t.expiry, f.t.latestPresentation, ALLOWANCE);
    // Escrow: 50 000 − 30 000 drawn + 10 000 pending increase.
    expect(await f.hkd.balanceOf(f.creditsAddress)).to.equal(HKD(30_000));
    await f.hkd.connect(f.importer).transfer(f.creditsAddress, HKD(1));
    await expect(
      f.credits.connect(f.admin).recoverStrayToken(token, f.importer.address, HKD(1) + 1n),
    ).to.be.revertedWithCustomError(f.credits, "TradeFinanceAssetHeld");
    await time.increaseTo(f.t.expiry + 1n);
    await f.credits.close(f.creditId);
    await f.credits.connect(f.admin).recoverStrayToken(token, f.importer.address, HKD(1));
    expect(await f.hkd.balanceOf(f.creditsAddress)).to.equal(0n);
  });

  it("refuses recoverStrayToken to an account without TRADE FINANCE ADMIN (AccessManagedUnauthorized)", async function () {
    const f = await loadFixture(issued);
    await f.hkd.connect(f.importer).transfer(f.creditsAddress, HKD(1_000));
    await expect(
      f.credits.connect(f.importer).recoverStrayToken(await f.hkd.getAddress(), f.importer.address, HKD(1_000)),
    ).to.be.revertedWithCustomError(f.credits, "AccessManagedUnauthorized");
    expect(await f.hkd.balanceOf(f.creditsAddress)).to.equal(HKD(51_000));
  });

  it("refuses recoverStrayEbl to an account without TRADE FINANCE ADMIN (AccessManagedUnauthorized)", async function () {
    const f = await loadFixture(issued);
    await f.ebl.connect(f.exporter).transferFrom(f.exporter.address, f.creditsAddress, f.tokenId);
    await expect(
      f.credits.connect(f.exporter).recoverStrayEbl(await f.ebl.getAddress(), f.tokenId, f.exporter.address),
    ).to.be.revertedWithCustomError(f.credits, "AccessManagedUnauthorized");
    expect(await f.ebl.ownerOf(f.tokenId)).to.equal(f.creditsAddress);
  });

  it("refuses the eBL of a Presented presentation (TradeFinanceAssetHeld), and nothing moves", async function () {
    const f = await loadFixture(presented);
    const registry = await f.ebl.getAddress();
    const before = await snapshot(f);
    await expect(f.credits.connect(f.admin).recoverStrayEbl(registry, f.tokenId, f.exporter.address))
      .to.be.revertedWithCustomError(f.credits, "TradeFinanceAssetHeld")
      .withArgs(registry, f.tokenId);
    expect(await snapshot(f)).to.deep.equal(before);
  });

  it("refuses the eBL of a Discrepant presentation awaiting the waiver (TradeFinanceAssetHeld)", async function () {
    const f = await loadFixture(discrepant);
    const before = await snapshot(f);
    await expect(
      f.credits.connect(f.admin).recoverStrayEbl(await f.ebl.getAddress(), f.tokenId, f.exporter.address),
    ).to.be.revertedWithCustomError(f.credits, "TradeFinanceAssetHeld");
    expect(await snapshot(f)).to.deep.equal(before);
  });

  it("refuses escrowed money (TradeFinanceAssetHeld), and nothing moves", async function () {
    const f = await loadFixture(issued);
    const token = await f.hkd.getAddress();
    await f.hkd.connect(f.importer).transfer(f.creditsAddress, HKD(1_000));
    const before = await snapshot(f);
    await expect(f.credits.connect(f.admin).recoverStrayToken(token, f.hkBank.address, HKD(1_000) + 1n))
      .to.be.revertedWithCustomError(f.credits, "TradeFinanceAssetHeld")
      .withArgs(token, HKD(1_000) + 1n);
    expect(await snapshot(f)).to.deep.equal(before);
  });
});
