/**
 * The deposit token against ERC-1271 wallets whose signature check misbehaves (reverts, short or garbled answers, the
 * wrong magic value): EIP-2612 permits (bytes form) and EIP-3009 transfer / receive / cancel with authorization. Each
 * is refused with a named error, no money moves, no allowance or nonce is used, and the honest wallet's signature
 * works afterwards.
 */
import { expect } from "chai";

import { HONEST_SIGNER, SIGNER_MISBEHAVIOURS } from "../helpers/adversaries.js";
import {
  CANCEL_TYPES,
  HKD,
  Kind,
  PERMIT_TYPES,
  RECEIVE_TYPES,
  TRANSFER_TYPES,
  deployDeposit,
  ethers,
  networkHelpers,
  randomNonce,
  ref,
} from "./fixture.js";

const { loadFixture, time } = networkHelpers;

/** The fixture plus a misbehaving wallet owned by alice (a verified trader holding HKD 100) and a pulling contract. */
async function fixture() {
  const f = await deployDeposit();
  const wallet = await ethers.deployContract("MisbehavingERC1271Wallet", [f.alice.address]);
  const puller = await ethers.deployContract("PaymentPullerMock");
  const walletAddress = await wallet.getAddress();
  await f.register(walletAddress, Kind.TRADER);
  await f.register(await puller.getAddress(), Kind.SETTLEMENT);
  await f.token.connect(f.minter).mint(walletAddress, HKD(100), ref("CBS-WALLET"));
  const nonce = randomNonce();
  const validBefore = BigInt(await time.latest()) + 3600n;
  return { ...f, wallet, walletAddress, puller, nonce, validBefore };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

/** Each use of the wallet's signature: submit it (signed by the wallet's owner key), and the error of a refusal. */
const USES = [
  {
    name: "EIP-2612 permit (bytes form)",
    error: "RailsInvalidSignature",
    args: (f: Fixture) => [f.walletAddress],
    submit: async (f: Fixture) => {
      const permit = {
        owner: f.walletAddress,
        spender: f.relayer.address,
        value: HKD(40),
        nonce: 0n,
        deadline: f.validBefore,
      };
      const sig = await f.alice.signTypedData(f.domain, PERMIT_TYPES, permit);
      return f.token
        .connect(f.relayer)
        ["permit(address,address,uint256,uint256,bytes)"](
          f.walletAddress,
          f.relayer.address,
          HKD(40),
          f.validBefore,
          sig,
        );
    },
  },
  {
    name: "EIP-3009 transferWithAuthorization",
    error: "ERC3009InvalidSignature",
    args: () => [],
    submit: async (f: Fixture) => {
      const a = {
        from: f.walletAddress,
        to: f.carol.address,
        value: HKD(40),
        validAfter: 0n,
        validBefore: f.validBefore,
        nonce: f.nonce,
      };
      const sig = await f.alice.signTypedData(f.domain, TRANSFER_TYPES, a);
      return f.token
        .connect(f.relayer)
        ["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
          a.from,
          a.to,
          a.value,
          a.validAfter,
          a.validBefore,
          a.nonce,
          sig,
        );
    },
  },
  {
    name: "EIP-3009 receiveWithAuthorization (pulled by a contract, as the settlement does)",
    error: "ERC3009InvalidSignature",
    args: () => [],
    submit: async (f: Fixture) => {
      const to = await f.puller.getAddress();
      const a = {
        from: f.walletAddress,
        to,
        value: HKD(40),
        validAfter: 0n,
        validBefore: f.validBefore,
        nonce: f.nonce,
      };
      const sig = await f.alice.signTypedData(f.domain, RECEIVE_TYPES, a);
      return f.puller.pullWithAuthorization(
        await f.token.getAddress(),
        a.from,
        a.value,
        a.validAfter,
        a.validBefore,
        a.nonce,
        sig,
      );
    },
  },
  {
    name: "EIP-3009 cancelAuthorization",
    error: "ERC3009InvalidSignature",
    args: () => [],
    submit: async (f: Fixture) => {
      const sig = await f.alice.signTypedData(f.domain, CANCEL_TYPES, { authorizer: f.walletAddress, nonce: f.nonce });
      return f.token.connect(f.relayer)["cancelAuthorization(address,bytes32,bytes)"](f.walletAddress, f.nonce, sig);
    },
  },
];

describe("TokenizedDeposit: ERC-1271 wallets whose signature check misbehaves", function () {
  for (const use of USES) {
    describe(use.name, function () {
      for (const m of SIGNER_MISBEHAVIOURS) {
        it(`refuses a wallet that ${m.name} with ${use.error}; nothing moves, no nonce used; the honest wallet goes through`, async function () {
          const f = await loadFixture(fixture);
          const state = async () => ({
            balance: await f.token.balanceOf(f.walletAddress),
            allowance: await f.token.allowance(f.walletAddress, f.relayer.address),
            permitNonce: await f.token.nonces(f.walletAddress),
            authorizationUsed: await f.token.authorizationState(f.walletAddress, f.nonce),
          });
          const before = await state();
          await f.wallet.setBehaviour(m.behaviour);

          await expect(use.submit(f))
            .to.be.revertedWithCustomError(f.token, use.error)
            .withArgs(...use.args(f));
          expect(await state()).to.deep.equal(before);

          await f.wallet.setBehaviour(HONEST_SIGNER);
          await expect(use.submit(f)).not.to.revert(ethers);
          expect(await state()).to.not.deep.equal(before);
        });
      }
    });
  }
});
