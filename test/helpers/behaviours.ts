/**
 * Behaviours shared by several contracts, run against each of them (as OpenZeppelin's `shouldBehaveLikeERC20`).
 */
import { expect } from "chai";
import type { BaseContract, Signer } from "ethers";

import type { ParticipantRegistry } from "../../types/ethers-contracts/index.js";

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

/** One way of moving an asset to a receiver, with what the rule needs to lapse, revoke and renew the receiver. */
export interface ReceiverRule {
  /** The contract whose custom errors are asserted. */
  contract: BaseContract;
  /** The participant register the contract asks. */
  participants: ParticipantRegistry;
  /** A signer with the registrar role on `participants`. */
  registrar: Signer;
  /** A verified participant that may receive the asset. */
  receiver: string;
  /** An account never registered. */
  stranger: string;
  /** Moves the asset to `to` (a transfer, a mint, an issue...). */
  move: (to: string) => Promise<unknown>;
  /** What `to` holds of the asset: it grows when the move succeeds and stays put when refused. */
  balanceOf: (account: string) => Promise<bigint>;
  /** The custom error refusing an unverified receiver, whose only argument is the receiver. */
  error: string;
  /** The network's clock (`networkHelpers.time`), to let a verification lapse. */
  time: { latest(): Promise<number>; increaseTo(timestamp: bigint): Promise<unknown> };
}

/**
 * Only verified participants may receive: a receiver never registered, one whose verification lapsed and one whose
 * registration was revoked are refused with `error(receiver)` and nothing moves; once renewed, the receiver is
 * accepted again. `setup` returns a fresh state each time (use `loadFixture` inside it).
 */
export function shouldRefuseUnverifiedReceivers(
  setup: () => Promise<ReceiverRule>,
  options: {
    /** The custom error refusing the zero address as receiver (its only argument), where the move can name it. */
    zeroAddressError?: string;
  } = {},
) {
  /** The receiver's registration with a new `validUntil`, the rest as registered. */
  async function registrationOf(r: ReceiverRule, validUntil: bigint) {
    const p = await r.participants.participant(r.receiver);
    return { kinds: p.kinds, jurisdiction: p.jurisdiction, validUntil, kycReference: p.kycReference };
  }
  const now = async (r: ReceiverRule) => BigInt(await r.time.latest());

  it("refuses a receiver never registered", async function () {
    const r = await setup();
    await expect(r.move(r.stranger)).to.be.revertedWithCustomError(r.contract, r.error).withArgs(r.stranger);
    expect(await r.balanceOf(r.stranger)).to.equal(0n);
  });

  it("refuses a receiver whose verification lapsed", async function () {
    const r = await setup();
    const validUntil = (await now(r)) + 100n;
    await r.participants.connect(r.registrar).update(r.receiver, await registrationOf(r, validUntil));
    const before = await r.balanceOf(r.receiver);
    await r.time.increaseTo(validUntil);
    await expect(r.move(r.receiver)).to.be.revertedWithCustomError(r.contract, r.error).withArgs(r.receiver);
    expect(await r.balanceOf(r.receiver)).to.equal(before);
  });

  it("refuses a revoked receiver, and accepts it again once renewed", async function () {
    const r = await setup();
    const renewal = await registrationOf(r, (await now(r)) + 365n * 24n * 3600n);
    await r.participants.connect(r.registrar).revoke(r.receiver);
    const before = await r.balanceOf(r.receiver);
    await expect(r.move(r.receiver)).to.be.revertedWithCustomError(r.contract, r.error).withArgs(r.receiver);
    expect(await r.balanceOf(r.receiver)).to.equal(before);
    await r.participants.connect(r.registrar).register(r.receiver, renewal);
    await r.move(r.receiver);
    expect(await r.balanceOf(r.receiver)).to.be.greaterThan(before);
  });

  const { zeroAddressError } = options;
  if (zeroAddressError !== undefined) {
    it(`refuses the zero address as receiver (${zeroAddressError})`, async function () {
      const r = await setup();
      await expect(r.move(ZERO_ADDRESS))
        .to.be.revertedWithCustomError(r.contract, zeroAddressError)
        .withArgs(ZERO_ADDRESS);
    });
  }
}
