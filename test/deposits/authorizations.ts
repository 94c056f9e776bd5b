/**
 * Gasless payments on TokenizedDeposit: EIP-2612 permit (OpenZeppelin's `(v, r, s)` form and the `bytes` form that
 * accepts ERC-1271 wallets) and EIP-3009 transfer / receive / cancel with authorization in both forms, on the same
 * EIP-712 domain. Also: a contract pulls a payment in one transaction, as the settlement contract will.
 */
import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import {
  type Authorization,
  CANCEL_TYPES,
  HKD,
  Kind,
  NAME,
  PERMIT_TYPES,
  RECEIVE_TYPES,
  TRANSFER_TYPES,
  deployDeposit,
  ethers,
  networkHelpers,
  randomNonce,
  ref,
  vrs,
} from "./fixture.js";

const { loadFixture, time } = networkHelpers;
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The fixture plus an ERC-1271 wallet owned by alice (verified, holding 100 HKD) and a pulling contract. */
async function withWallets() {
  const f = await deployDeposit();
  const wallet = await ethers.deployContract("ERC1271WalletMock", [f.alice.address]);
  const puller = await ethers.deployContract("PaymentPullerMock");
  await f.register(await wallet.getAddress(), Kind.TRADER);
  await f.register(await puller.getAddress(), Kind.SETTLEMENT);
  await f.token.connect(f.minter).mint(await wallet.getAddress(), HKD(100), ref("CBS-WALLET"));
  return { ...f, wallet, puller };
}

describe("TokenizedDeposit — EIP-2612 permit and EIP-3009 authorizations", function () {
  describe("EIP-712 domain", function () {
    it("DOMAIN_SEPARATOR is the token name, version 1, chain id and token address (shared by permit and ERC-3009)", async function () {
      const { token, domain } = await loadFixture(deployDeposit);
      expect(await token.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(domain));
      const d = await token.eip712Domain();
      expect(d.name).to.equal(NAME);
      expect(d.version).to.equal("1");
    });

    // The contract's type hashes are private: the signatures accepted below prove it agrees with these types.
    it("signs with the SDK's types, which are the documented EIP-2612 and EIP-3009 type strings", function () {
      const documented: [typeof PERMIT_TYPES, string, string][] = [
        [PERMIT_TYPES, "Permit", "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"],
        [
          TRANSFER_TYPES,
          "TransferWithAuthorization",
          "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)",
        ],
        [
          RECEIVE_TYPES,
          "ReceiveWithAuthorization",
          "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)",
        ],
        [CANCEL_TYPES, "CancelAuthorization", "CancelAuthorization(address authorizer,bytes32 nonce)"],
      ];
      for (const [types, primary, typeString] of documented) {
        expect(ethers.TypedDataEncoder.from(types).encodeType(primary)).to.equal(typeString);
      }
    });
  });

  describe("permit", function () {
    async function signPermit(
      signer: HardhatEthersSigner,
      domain: object,
      owner: string,
      spender: string,
      value: bigint,
      nonce: bigint,
      deadline: bigint,
    ) {
      return signer.signTypedData(domain, PERMIT_TYPES, {
        owner,
        spender,
        value,
        nonce,
        deadline,
      });
    }

    it("(v, r, s): sets the allowance, emits Approval and uses the nonce once", async function () {
      const { token, domain, alice, relayer, carol } = await loadFixture(deployDeposit);
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await signPermit(alice, domain, alice.address, relayer.address, HKD(50), 0n, deadline);
      const permit = token.getFunction("permit(address,address,uint256,uint256,uint8,bytes32,bytes32)");
      await expect(permit(alice.address, relayer.address, HKD(50), deadline, ...vrs(sig)))
        .to.emit(token, "Approval")
        .withArgs(alice.address, relayer.address, HKD(50));
      expect(await token.allowance(alice.address, relayer.address)).to.equal(HKD(50));
      expect(await token.nonces(alice.address)).to.equal(1n);
      await token.connect(relayer).transferFrom(alice.address, carol.address, HKD(50));
      // replay: the nonce moved on, so the recovered signer differs
      await expect(
        permit(alice.address, relayer.address, HKD(50), deadline, ...vrs(sig)),
      ).to.be.revertedWithCustomError(token, "ERC2612InvalidSigner");
    });

    it("(v, r, s): refuses an expired deadline and a signature by someone else", async function () {
      const { token, domain, alice, bob, relayer } = await loadFixture(deployDeposit);
      const now = BigInt(await time.latest());
      const permit = token.getFunction("permit(address,address,uint256,uint256,uint8,bytes32,bytes32)");
      const expired = await signPermit(alice, domain, alice.address, relayer.address, 1n, 0n, now);
      await expect(permit(alice.address, relayer.address, 1n, now, ...vrs(expired)))
        .to.be.revertedWithCustomError(token, "ERC2612ExpiredSignature")
        .withArgs(now);
      const byBob = await signPermit(bob, domain, alice.address, relayer.address, 1n, 0n, now + 3600n);
      await expect(permit(alice.address, relayer.address, 1n, now + 3600n, ...vrs(byBob)))
        .to.be.revertedWithCustomError(token, "ERC2612InvalidSigner")
        .withArgs(bob.address, alice.address);
    });

    it("bytes: accepts an EOA signature and an ERC-1271 wallet's signature; both use the same nonces", async function () {
      const { token, domain, alice, relayer, wallet } = await loadFixture(withWallets);
      const permit = token.getFunction("permit(address,address,uint256,uint256,bytes)");
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await signPermit(alice, domain, alice.address, relayer.address, 7n, 0n, deadline);
      await expect(permit(alice.address, relayer.address, 7n, deadline, sig))
        .to.emit(token, "Approval")
        .withArgs(alice.address, relayer.address, 7n);
      expect(await token.nonces(alice.address)).to.equal(1n);

      const walletAddress = await wallet.getAddress();
      const walletSig = await signPermit(alice, domain, walletAddress, relayer.address, HKD(100), 0n, deadline);
      await expect(permit(walletAddress, relayer.address, HKD(100), deadline, walletSig))
        .to.emit(token, "Approval")
        .withArgs(walletAddress, relayer.address, HKD(100));
      expect(await token.nonces(walletAddress)).to.equal(1n);
      await expect(permit(walletAddress, relayer.address, HKD(100), deadline, walletSig))
        .to.be.revertedWithCustomError(token, "RailsInvalidSignature")
        .withArgs(walletAddress);
    });

    it("bytes: refuses an expired deadline and a wrong signature (EOA and wallet)", async function () {
      const { token, domain, alice, bob, relayer, wallet } = await loadFixture(withWallets);
      const permit = token.getFunction("permit(address,address,uint256,uint256,bytes)");
      const now = BigInt(await time.latest());
      const expired = await signPermit(alice, domain, alice.address, relayer.address, 1n, 0n, now);
      await expect(permit(alice.address, relayer.address, 1n, now, expired))
        .to.be.revertedWithCustomError(token, "ERC2612ExpiredSignature")
        .withArgs(now);
      const byBob = await signPermit(bob, domain, alice.address, relayer.address, 1n, 0n, now + 3600n);
      await expect(permit(alice.address, relayer.address, 1n, now + 3600n, byBob))
        .to.be.revertedWithCustomError(token, "RailsInvalidSignature")
        .withArgs(alice.address);
      const walletAddress = await wallet.getAddress();
      const byBobForWallet = await signPermit(bob, domain, walletAddress, relayer.address, 1n, 0n, now + 3600n);
      await expect(permit(walletAddress, relayer.address, 1n, now + 3600n, byBobForWallet))
        .to.be.revertedWithCustomError(token, "RailsInvalidSignature")
        .withArgs(walletAddress);
    });

    it("a contract pulls a payment with permit + transferFrom in one transaction", async function () {
      const { token, domain, alice, puller } = await loadFixture(withWallets);
      const pullerAddress = await puller.getAddress();
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await signPermit(alice, domain, alice.address, pullerAddress, HKD(30), 0n, deadline);
      const tx = await puller.pullWithPermit(await token.getAddress(), alice.address, HKD(30), deadline, ...vrs(sig));
      await expect(tx).to.emit(token, "Approval").withArgs(alice.address, pullerAddress, HKD(30));
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, pullerAddress, HKD(30));
      expect(await token.balanceOf(pullerAddress)).to.equal(HKD(30));
      expect(await token.allowance(alice.address, pullerAddress)).to.equal(0n);
    });
  });

  describe("transferWithAuthorization", function () {
    async function authorization(from: string, to: string, value: bigint, validFor = 3600n): Promise<Authorization> {
      const now = BigInt(await time.latest());
      return {
        from,
        to,
        value,
        validAfter: now - 1n,
        validBefore: now + validFor,
        nonce: randomNonce(),
      };
    }
    const args = (a: Authorization) => [a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce] as const;

    for (const form of ["(v, r, s)", "bytes"] as const) {
      describe(`${form} form`, function () {
        async function submit(
          token: Awaited<ReturnType<typeof deployDeposit>>["token"],
          caller: HardhatEthersSigner,
          a: Authorization,
          signature: string,
        ) {
          return form === "bytes"
            ? token
                .connect(caller)
                .getFunction("transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)")(
                ...args(a),
                signature,
              )
            : token
                .connect(caller)
                .getFunction(
                  "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)",
                )(...args(a), ...vrs(signature));
        }

        it("a relayer submits the payer's signature: Transfer and AuthorizationUsed, nonce marked used", async function () {
          const { token, domain, alice, carol, relayer } = await loadFixture(deployDeposit);
          const a = await authorization(alice.address, carol.address, HKD(25));
          const sig = await alice.signTypedData(domain, TRANSFER_TYPES, a);
          expect(await token.authorizationState(alice.address, a.nonce)).to.equal(false);
          const tx = await submit(token, relayer, a, sig);
          await expect(tx).to.emit(token, "AuthorizationUsed").withArgs(alice.address, a.nonce);
          await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, carol.address, HKD(25));
          expect(await token.authorizationState(alice.address, a.nonce)).to.equal(true);
          expect(await token.balanceOf(carol.address)).to.equal(HKD(25));
        });

        it("refuses a replay (ERC3009UsedAuthorization), before validAfter and from validBefore on", async function () {
          const { token, domain, alice, carol, relayer } = await loadFixture(deployDeposit);
          const a = await authorization(alice.address, carol.address, 1n);
          const sig = await alice.signTypedData(domain, TRANSFER_TYPES, a);
          await submit(token, relayer, a, sig);
          await expect(submit(token, relayer, a, sig))
            .to.be.revertedWithCustomError(token, "ERC3009UsedAuthorization")
            .withArgs(alice.address, a.nonce);

          const now = BigInt(await time.latest());
          const early = {
            ...(await authorization(alice.address, carol.address, 1n)),
            validAfter: now + 100n,
          };
          await expect(submit(token, relayer, early, await alice.signTypedData(domain, TRANSFER_TYPES, early)))
            .to.be.revertedWithCustomError(token, "ERC3009AuthorizationNotYetValid")
            .withArgs(now + 100n, now + 1n);

          const late = await authorization(alice.address, carol.address, 1n, 10n);
          const lateSig = await alice.signTypedData(domain, TRANSFER_TYPES, late);
          await time.setNextBlockTimestamp(late.validBefore);
          await expect(submit(token, relayer, late, lateSig))
            .to.be.revertedWithCustomError(token, "ERC3009AuthorizationExpired")
            .withArgs(late.validBefore, late.validBefore);
        });

        it("refuses a signature by someone else, and a tampered amount or recipient (ERC3009InvalidSignature)", async function () {
          const { token, domain, alice, bob, carol, relayer } = await loadFixture(deployDeposit);
          const a = await authorization(alice.address, carol.address, HKD(1));
          const byBob = await bob.signTypedData(domain, TRANSFER_TYPES, a);
          await expect(submit(token, relayer, a, byBob)).to.be.revertedWithCustomError(
            token,
            "ERC3009InvalidSignature",
          );
          const sig = await alice.signTypedData(domain, TRANSFER_TYPES, a);
          await expect(submit(token, relayer, { ...a, value: HKD(2) }, sig)).to.be.revertedWithCustomError(
            token,
            "ERC3009InvalidSignature",
          );
          await expect(submit(token, relayer, { ...a, to: bob.address }, sig)).to.be.revertedWithCustomError(
            token,
            "ERC3009InvalidSignature",
          );
          // a ReceiveWithAuthorization signature is not a TransferWithAuthorization signature
          const receiveSig = await alice.signTypedData(domain, RECEIVE_TYPES, a);
          await expect(submit(token, relayer, a, receiveSig)).to.be.revertedWithCustomError(
            token,
            "ERC3009InvalidSignature",
          );
        });

        it("refuses the malleable twin (s' = n - s) of a valid signature", async function () {
          const { token, domain, alice, carol, relayer } = await loadFixture(deployDeposit);
          const a = await authorization(alice.address, carol.address, 1n);
          const sig = ethers.Signature.from(await alice.signTypedData(domain, TRANSFER_TYPES, a));
          const highS = ethers.toBeHex(SECP256K1_N - BigInt(sig.s), 32);
          const twin = ethers.concat([sig.r, highS, ethers.toBeHex(sig.v === 27 ? 28 : 27, 1)]);
          await expect(submit(token, relayer, a, twin)).to.be.revertedWithCustomError(token, "ERC3009InvalidSignature");
        });

        it("goes through the token's rules: paused, frozen payer, partial freeze, unverified payee", async function () {
          const { token, domain, pauser, freezer, alice, bob, carol, mallory, relayer } =
            await loadFixture(deployDeposit);
          const signed = async (to: string, value: bigint) => {
            const a = await authorization(alice.address, to, value);
            return [a, await alice.signTypedData(domain, TRANSFER_TYPES, a)] as const;
          };
          let [a, sig] = await signed(mallory.address, 1n);
          await expect(submit(token, relayer, a, sig))
            .to.be.revertedWithCustomError(token, "RailsNotVerified")
            .withArgs(mallory.address);
          await token.connect(freezer).freezeAmount(alice.address, HKD(990));
          [a, sig] = await signed(bob.address, HKD(10) + 1n);
          await expect(submit(token, relayer, a, sig))
            .to.be.revertedWithCustomError(token, "DepositFrozenAmountExceeded")
            .withArgs(alice.address, HKD(10), HKD(10) + 1n);
          await token.connect(freezer).freeze(alice.address);
          [a, sig] = await signed(carol.address, 1n);
          await expect(submit(token, relayer, a, sig))
            .to.be.revertedWithCustomError(token, "DepositAccountFrozen")
            .withArgs(alice.address);
          await token.connect(freezer).unfreeze(alice.address);
          await token.connect(pauser).pause();
          await expect(submit(token, relayer, a, sig)).to.be.revertedWithCustomError(token, "EnforcedPause");
          // a refused payment leaves the nonce unused, so it can go through later
          expect(await token.authorizationState(alice.address, a.nonce)).to.equal(false);
          await token.connect(pauser).unpause();
          await submit(token, relayer, a, sig);
        });

        it("accepts a payment authorized by an ERC-1271 wallet", async function () {
          const { token, domain, alice, carol, relayer, wallet } = await loadFixture(withWallets);
          const walletAddress = await wallet.getAddress();
          const a = await authorization(walletAddress, carol.address, HKD(40));
          const sig = await alice.signTypedData(domain, TRANSFER_TYPES, a); // the wallet's owner key signs
          await expect(submit(token, relayer, a, sig))
            .to.emit(token, "Transfer")
            .withArgs(walletAddress, carol.address, HKD(40));
          const b = await authorization(walletAddress, carol.address, HKD(1));
          const byCarol = await carol.signTypedData(domain, TRANSFER_TYPES, b);
          await expect(submit(token, relayer, b, byCarol)).to.be.revertedWithCustomError(
            token,
            "ERC3009InvalidSignature",
          );
        });
      });
    }
  });

  describe("receiveWithAuthorization", function () {
    async function authorization(from: string, to: string, value: bigint): Promise<Authorization> {
      const now = BigInt(await time.latest());
      return {
        from,
        to,
        value,
        validAfter: 0n,
        validBefore: now + 3600n,
        nonce: randomNonce(),
      };
    }
    const args = (a: Authorization) => [a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce] as const;
    const RECEIVE_VRS =
      "receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)";
    const RECEIVE_BYTES = "receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)";

    it("the payee submits it, in both forms: Transfer and AuthorizationUsed", async function () {
      const { token, domain, alice, carol } = await loadFixture(deployDeposit);
      const a = await authorization(alice.address, carol.address, HKD(5));
      const sig = await alice.signTypedData(domain, RECEIVE_TYPES, a);
      const tx = await token.connect(carol).getFunction(RECEIVE_VRS)(...args(a), ...vrs(sig));
      await expect(tx).to.emit(token, "AuthorizationUsed").withArgs(alice.address, a.nonce);
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, carol.address, HKD(5));
      const b = await authorization(alice.address, carol.address, HKD(6));
      const sigB = await alice.signTypedData(domain, RECEIVE_TYPES, b);
      await expect(token.connect(carol).getFunction(RECEIVE_BYTES)(...args(b), sigB))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, carol.address, HKD(6));
      expect(await token.balanceOf(carol.address)).to.equal(HKD(11));
    });

    it("refuses anyone but the payee with ERC3009CallerNotPayee(caller, payee), in both forms", async function () {
      const { token, domain, alice, carol, relayer } = await loadFixture(deployDeposit);
      const a = await authorization(alice.address, carol.address, 1n);
      const sig = await alice.signTypedData(domain, RECEIVE_TYPES, a);
      await expect(token.connect(relayer).getFunction(RECEIVE_VRS)(...args(a), ...vrs(sig)))
        .to.be.revertedWithCustomError(token, "ERC3009CallerNotPayee")
        .withArgs(relayer.address, carol.address);
      await expect(token.connect(relayer).getFunction(RECEIVE_BYTES)(...args(a), sig))
        .to.be.revertedWithCustomError(token, "ERC3009CallerNotPayee")
        .withArgs(relayer.address, carol.address);
    });

    it("refuses a TransferWithAuthorization signature, a replay and an expired authorization", async function () {
      const { token, domain, alice, carol } = await loadFixture(deployDeposit);
      const a = await authorization(alice.address, carol.address, 1n);
      const transferSig = await alice.signTypedData(domain, TRANSFER_TYPES, a);
      await expect(
        token.connect(carol).getFunction(RECEIVE_BYTES)(...args(a), transferSig),
      ).to.be.revertedWithCustomError(token, "ERC3009InvalidSignature");
      const sig = await alice.signTypedData(domain, RECEIVE_TYPES, a);
      await token.connect(carol).getFunction(RECEIVE_BYTES)(...args(a), sig);
      await expect(token.connect(carol).getFunction(RECEIVE_BYTES)(...args(a), sig))
        .to.be.revertedWithCustomError(token, "ERC3009UsedAuthorization")
        .withArgs(alice.address, a.nonce);
      const b = await authorization(alice.address, carol.address, 1n);
      const sigB = await alice.signTypedData(domain, RECEIVE_TYPES, b);
      await time.setNextBlockTimestamp(b.validBefore + 1n);
      await expect(token.connect(carol).getFunction(RECEIVE_BYTES)(...args(b), sigB))
        .to.be.revertedWithCustomError(token, "ERC3009AuthorizationExpired")
        .withArgs(b.validBefore, b.validBefore + 1n);
    });

    it("a settlement-like contract pulls a payment to itself in one transaction", async function () {
      const { token, domain, alice, puller, relayer } = await loadFixture(withWallets);
      const pullerAddress = await puller.getAddress();
      const a = await authorization(alice.address, pullerAddress, HKD(70));
      const sig = await alice.signTypedData(domain, RECEIVE_TYPES, a);
      const tx = await puller
        .connect(relayer)
        .pullWithAuthorization(
          await token.getAddress(),
          alice.address,
          HKD(70),
          a.validAfter,
          a.validBefore,
          a.nonce,
          sig,
        );
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, pullerAddress, HKD(70));
      expect(await token.balanceOf(pullerAddress)).to.equal(HKD(70));
    });
  });

  describe("cancelAuthorization", function () {
    const CANCEL_VRS = "cancelAuthorization(address,bytes32,uint8,bytes32,bytes32)";
    const CANCEL_BYTES = "cancelAuthorization(address,bytes32,bytes)";
    const TRANSFER_BYTES = "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)";

    it("cancels an unused nonce in both forms (AuthorizationCanceled); the authorization can no longer be used", async function () {
      const { token, domain, alice, carol, relayer } = await loadFixture(deployDeposit);
      const validBefore = BigInt(await time.latest()) + 3600n;
      const a = {
        from: alice.address,
        to: carol.address,
        value: 1n,
        validAfter: 0n,
        validBefore,
        nonce: randomNonce(),
      };
      const transferSig = await alice.signTypedData(domain, TRANSFER_TYPES, a);
      const cancelSig = await alice.signTypedData(domain, CANCEL_TYPES, {
        authorizer: alice.address,
        nonce: a.nonce,
      });
      await expect(token.connect(relayer).getFunction(CANCEL_VRS)(alice.address, a.nonce, ...vrs(cancelSig)))
        .to.emit(token, "AuthorizationCanceled")
        .withArgs(alice.address, a.nonce);
      expect(await token.authorizationState(alice.address, a.nonce)).to.equal(true);
      await expect(
        token.connect(relayer).getFunction(TRANSFER_BYTES)(
          a.from,
          a.to,
          a.value,
          a.validAfter,
          a.validBefore,
          a.nonce,
          transferSig,
        ),
      )
        .to.be.revertedWithCustomError(token, "ERC3009UsedAuthorization")
        .withArgs(alice.address, a.nonce);

      const nonce2 = randomNonce();
      const cancelSig2 = await alice.signTypedData(domain, CANCEL_TYPES, {
        authorizer: alice.address,
        nonce: nonce2,
      });
      await expect(token.connect(relayer).getFunction(CANCEL_BYTES)(alice.address, nonce2, cancelSig2))
        .to.emit(token, "AuthorizationCanceled")
        .withArgs(alice.address, nonce2);
    });

    it("refuses a used nonce, a signature by someone else, and accepts an ERC-1271 wallet's cancellation", async function () {
      const { token, domain, alice, bob, relayer, wallet } = await loadFixture(withWallets);
      const nonce = randomNonce();
      const cancelSig = await alice.signTypedData(domain, CANCEL_TYPES, {
        authorizer: alice.address,
        nonce,
      });
      const byBob = await bob.signTypedData(domain, CANCEL_TYPES, {
        authorizer: alice.address,
        nonce,
      });
      await expect(
        token.connect(relayer).getFunction(CANCEL_BYTES)(alice.address, nonce, byBob),
      ).to.be.revertedWithCustomError(token, "ERC3009InvalidSignature");
      await token.connect(relayer).getFunction(CANCEL_BYTES)(alice.address, nonce, cancelSig);
      await expect(token.connect(relayer).getFunction(CANCEL_BYTES)(alice.address, nonce, cancelSig))
        .to.be.revertedWithCustomError(token, "ERC3009UsedAuthorization")
        .withArgs(alice.address, nonce);

      const walletAddress = await wallet.getAddress();
      const walletSig = await alice.signTypedData(domain, CANCEL_TYPES, {
        authorizer: walletAddress,
        nonce,
      });
      await expect(token.connect(relayer).getFunction(CANCEL_BYTES)(walletAddress, nonce, walletSig))
        .to.emit(token, "AuthorizationCanceled")
        .withArgs(walletAddress, nonce);
    });
  });
});
