/**
 * The misbehaviours of the test-only adversaries (contracts/testing/MisbehavingERC1271Wallet.sol and
 * MisbehavingEblReceiver.sol), shared by the eBL, deposit and settlement tests, with the error each one must end in.
 */
import { expect } from "chai";
import type { BaseContract } from "ethers";

/** MisbehavingERC1271Wallet.Behaviour other than Honest: every one must be read as "not signed". */
export const SIGNER_MISBEHAVIOURS = [
  { name: "reverts with no data", behaviour: 1 },
  { name: "reverts with a reason string", behaviour: 2 },
  { name: "reverts with a custom error", behaviour: 3 },
  { name: "answers with 4 bytes instead of a word", behaviour: 4 },
  { name: "answers with a garbled word", behaviour: 5 },
  { name: "answers with the wrong magic value", behaviour: 6 },
] as const;
/** MisbehavingERC1271Wallet.Behaviour.Honest */
export const HONEST_SIGNER = 0;

/** The blob length of MisbehavingEblReceiver's huge revert. */
export const HUGE_REVERT = 32 * 1024;

/**
 * MisbehavingEblReceiver.Behaviour other than Accept, and how the refusal surfaces: OpenZeppelin's
 * `ERC721InvalidReceiver` for a wrong answer or a revert without data; the receiver's own revert data, bubbled up
 * unchanged, otherwise.
 */
export const RECEIVER_MISBEHAVIOURS = [
  { name: "answers with the wrong selector", behaviour: 1, surfaces: "ERC721InvalidReceiver" },
  { name: "reverts with no data", behaviour: 2, surfaces: "ERC721InvalidReceiver" },
  { name: "reverts with a reason string", behaviour: 3, surfaces: "reason" },
  { name: "reverts with a custom error", behaviour: 4, surfaces: "MisbehavingEblReceiverRefused" },
  {
    name: `reverts with a ${HUGE_REVERT / 1024} KiB custom error`,
    behaviour: 5,
    surfaces: "MisbehavingEblReceiverBlob",
  },
] as const;
/** MisbehavingEblReceiver.Behaviour.Accept */
export const ACCEPT = 0;

export type ReceiverMisbehaviour = (typeof RECEIVER_MISBEHAVIOURS)[number];

/** Asserts that `tx`, which delivers eBL `tokenId` of `registry` to `receiver`, fails as `m` says it must. */
export async function expectReceiverRefusal(
  tx: Promise<unknown>,
  m: ReceiverMisbehaviour,
  registry: BaseContract,
  receiver: BaseContract,
  tokenId: bigint,
): Promise<void> {
  const receiverAddress = await receiver.getAddress();
  switch (m.surfaces) {
    case "ERC721InvalidReceiver":
      await expect(tx).to.be.revertedWithCustomError(registry, m.surfaces).withArgs(receiverAddress);
      return;
    case "reason":
      await expect(tx).to.be.revertedWith("MisbehavingEblReceiver: no");
      return;
    case "MisbehavingEblReceiverRefused":
      await expect(tx).to.be.revertedWithCustomError(receiver, m.surfaces).withArgs(tokenId);
      return;
    case "MisbehavingEblReceiverBlob":
      await expect(tx)
        .to.be.revertedWithCustomError(receiver, m.surfaces)
        .withArgs("0x" + "00".repeat(HUGE_REVERT));
      return;
  }
}
