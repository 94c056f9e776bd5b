/**
 * The eBL registry against adversarial contracts: recipients that refuse an eBL in every way a contract can (safe
 * transfers, issue and endorse-and-deliver all ask the recipient), and ERC-1271 holders whose signature check
 * misbehaves (ERC-4494 permits). Each gets a named error, the eBL stays where it was, and the honest contract works
 * afterwards.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  ACCEPT,
  HONEST_SIGNER,
  HUGE_REVERT,
  RECEIVER_MISBEHAVIOURS,
  SIGNER_MISBEHAVIOURS,
  expectReceiverRefusal,
} from "../helpers/adversaries.js";
import { BillKind, Kinds, deployEbl } from "./helpers.js";

const { ethers, networkHelpers } = await network.create();
const { loadFixture, time } = networkHelpers;

/** The registry plus a verified trader contract that refuses eBLs as set, and a wallet whose signatures misbehave. */
async function fixture() {
  const f = await deployEbl({ ethers, networkHelpers } as Parameters<typeof deployEbl>[0]);
  const receiver = await ethers.deployContract("MisbehavingEblReceiver");
  const wallet = await ethers.deployContract("MisbehavingERC1271Wallet", [f.bankA.address]);
  await f.register(await receiver.getAddress(), Kinds.TRADER);
  await f.register(await wallet.getAddress(), Kinds.TRADER);
  const id = await f.issueToOrder();
  await f.ebl
    .connect(f.carrier)
    .issue(await wallet.getAddress(), "WALLET-1", BillKind.ToOrder, await wallet.getAddress(), f.doc.hash);
  const walletId = await f.ebl.tokenIdOf(f.carrier.address, "WALLET-1");
  return { ...f, receiver, wallet, id, walletId };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

/** The three ways an eBL reaches a contract that is asked whether it accepts it. */
const DELIVERIES = [
  {
    name: "safeTransferFrom",
    id: (f: Fixture) => f.id,
    deliver: async (f: Fixture) =>
      f.ebl
        .connect(f.shipper)
        ["safeTransferFrom(address,address,uint256)"](f.shipper.address, await f.receiver.getAddress(), f.id),
    holderBefore: (f: Fixture) => f.shipper.address,
  },
  {
    name: "endorseAndDeliver",
    id: (f: Fixture) => f.id,
    deliver: async (f: Fixture) => f.ebl.connect(f.shipper).endorseAndDeliver(f.id, await f.receiver.getAddress()),
    holderBefore: (f: Fixture) => f.shipper.address,
  },
  {
    name: "issue to a contract shipper",
    id: (f: Fixture) => f.ebl.tokenIdOf(f.carrier.address, "TO-RECEIVER-1"),
    deliver: async (f: Fixture) => {
      const receiver = await f.receiver.getAddress();
      return f.ebl.connect(f.carrier).issue(receiver, "TO-RECEIVER-1", BillKind.ToOrder, receiver, f.doc.hash);
    },
    holderBefore: () => ethers.ZeroAddress,
  },
];

describe("BillOfLadingRegistry: adversaries", function () {
  describe("a recipient contract that refuses the eBL", function () {
    for (const d of DELIVERIES) {
      for (const m of RECEIVER_MISBEHAVIOURS) {
        it(`${d.name}: a recipient that ${m.name} makes it fail; the eBL stays where it was; it goes through once the recipient accepts`, async function () {
          const f = await loadFixture(fixture);
          const id = await d.id(f);
          const holder = async () => (await f.ebl.billOf(id)).holder;
          await f.receiver.setBehaviour(m.behaviour, HUGE_REVERT);

          await expectReceiverRefusal(d.deliver(f), m, f.ebl, f.receiver, id);
          expect(await holder()).to.equal(d.holderBefore(f));

          await f.receiver.setBehaviour(ACCEPT, 0);
          await d.deliver(f);
          expect(await holder()).to.equal(await f.receiver.getAddress());
        });
      }
    }
  });

  describe("an ERC-1271 holder whose signature check misbehaves", function () {
    for (const m of SIGNER_MISBEHAVIOURS) {
      it(`permit: a holder that ${m.name} is refused with RailsInvalidSignature; no approval, nonce unused; the honest holder's permit works`, async function () {
        const f = await loadFixture(fixture);
        const walletAddress = await f.wallet.getAddress();
        const spender = await f.settlement.getAddress();
        const deadline = BigInt(await time.latest()) + 3600n;
        const { chainId } = await ethers.provider.getNetwork();
        const domain = {
          name: "Cargo Rails eBL Registry",
          version: "1",
          chainId,
          verifyingContract: await f.ebl.getAddress(),
        };
        const types = {
          Permit: [
            { name: "spender", type: "address" },
            { name: "tokenId", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        };
        // Signed by the wallet's owner key: only the misbehaviour can make it fail.
        const sig = await f.bankA.signTypedData(domain, types, { spender, tokenId: f.walletId, nonce: 0n, deadline });
        await f.wallet.setBehaviour(m.behaviour);

        await expect(f.ebl.connect(f.outsider).permit(spender, f.walletId, deadline, sig))
          .to.be.revertedWithCustomError(f.ebl, "RailsInvalidSignature")
          .withArgs(walletAddress);
        expect(await f.ebl.getApproved(f.walletId)).to.equal(ethers.ZeroAddress);
        expect(await f.ebl.nonces(f.walletId)).to.equal(0n);

        await f.wallet.setBehaviour(HONEST_SIGNER);
        await expect(f.ebl.connect(f.outsider).permit(spender, f.walletId, deadline, sig))
          .to.emit(f.ebl, "Approval")
          .withArgs(walletAddress, spender, f.walletId);
      });
    }
  });
});
