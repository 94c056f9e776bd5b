// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {TokenizedDeposit} from "../../contracts/deposits/TokenizedDeposit.sol";
import {BillOfLadingRegistry} from "../../contracts/ebl/BillOfLadingRegistry.sol";
import {IDeliveryVersusPayment} from "../../contracts/interfaces/IDeliveryVersusPayment.sol";
import {IRailsErrors} from "../../contracts/interfaces/IRailsErrors.sol";
import {DeliveryVersusPayment} from "../../contracts/settlement/DeliveryVersusPayment.sol";
import {SettlementHandler, deploySettlementSystem} from "./handlers/SettlementHandler.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice Fuzz tests of the settlement contract on the real system (deployed through {SettlementHandler}, used here only
 * for its set-up: traders with keys, HKD balances, prior approvals and four eBLs).
 */
contract SettlementFuzzTest is Test {
    SettlementHandler internal h;
    DeliveryVersusPayment internal dvp;
    BillOfLadingRegistry internal ebl;
    TokenizedDeposit internal hkd;

    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function setUp() public {
        h = deploySettlementSystem(address(this));
        dvp = h.dvp();
        ebl = h.ebl();
        hkd = h.hkd();
    }

    function _allowance() internal pure returns (IDeliveryVersusPayment.PaymentAuth memory) {
        return IDeliveryVersusPayment.PaymentAuth(IDeliveryVersusPayment.PaymentMethod.Allowance, 0, 0, 0, "");
    }

    /// @notice Partial payments in random chunks add up exactly: the deal settles when, and only when, the price is
    /// reached (eBL deposited first or last), a chunk above the remainder is always refused, the buyer pays exactly
    /// the price and the seller receives exactly the price.
    function testFuzz_partialPaymentsSettleExactlyAtThePrice(
        uint256 priceSeed,
        uint256 chunkSeed,
        bool eblFirst
    ) public {
        IDeliveryVersusPayment.Terms memory t = h.buildTerms(h.ebls(0), 1, priceSeed, 0, 0);
        bytes32 id = dvp.hashTerms(t);
        uint256 buyerBefore = hkd.balanceOf(t.buyer);
        uint256 sellerBefore = hkd.balanceOf(t.seller);
        vm.prank(t.seller);
        dvp.createDeal(t, "");
        if (eblFirst) {
            vm.prank(t.seller);
            dvp.depositEbl(t, "", IDeliveryVersusPayment.EblAuth(0, ""));
        }

        uint256 paid;
        for (uint256 i; paid < t.amount; ++i) {
            uint256 remaining = t.amount - paid;
            vm.prank(t.buyer);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IDeliveryVersusPayment.SettlementOverpayment.selector,
                    id,
                    remaining,
                    remaining + 1
                )
            );
            dvp.depositPayment(t, remaining + 1, "", _allowance());

            // Random chunks for a few rounds, then the rest.
            uint256 chunk = i < 6 ? bound(uint256(keccak256(abi.encode(chunkSeed, i))), 1, remaining) : remaining;
            vm.prank(t.buyer);
            dvp.depositPayment(t, chunk, "", _allowance());
            paid += chunk;

            IDeliveryVersusPayment.Deal memory d = dvp.dealOf(id);
            if (paid < t.amount || !eblFirst) {
                assertEq(uint256(d.status), uint256(IDeliveryVersusPayment.TermsStatus.Open), "open before the price");
                assertEq(d.paid, paid, "paid adds up");
                assertEq(hkd.balanceOf(address(dvp)), paid, "escrow holds what was paid");
                assertEq(hkd.balanceOf(t.seller), sellerBefore, "seller paid early");
            }
        }
        if (!eblFirst) {
            vm.prank(t.seller);
            dvp.depositEbl(t, "", IDeliveryVersusPayment.EblAuth(0, ""));
        }

        assertEq(uint256(dvp.dealOf(id).status), uint256(IDeliveryVersusPayment.TermsStatus.Settled), "settled");
        assertEq(buyerBefore - hkd.balanceOf(t.buyer), t.amount, "buyer paid exactly the price");
        assertEq(hkd.balanceOf(t.seller) - sellerBefore, t.amount, "seller received exactly the price");
        assertEq(hkd.balanceOf(address(dvp)), 0, "nothing left in escrow");
        assertEq(dvp.escrowedBalance(address(hkd)), 0, "escrowedBalance");
        assertEq(ebl.holderOf(t.tokenId), t.buyer, "buyer holds the eBL");
        assertEq(ebl.titleHolderOf(t.tokenId), t.buyer, "buyer has title");
    }

    /// @notice Changing any single field of the terms changes their hash, and the hash is the EIP-712 digest of the
    /// documented type under this contract's domain.
    function testFuzz_termsHashIsUniquePerField(
        IDeliveryVersusPayment.Terms memory a,
        uint8 field,
        uint256 delta
    ) public view {
        delta = bound(delta, 1, type(uint160).max); // non-zero modulo 2^160, so addresses change too
        IDeliveryVersusPayment.Terms memory b = _copy(a);
        uint256 f = field % 12;
        if (f == 0) b.registry = _bump(a.registry, delta);
        else if (f == 1) b.tokenId = _add(a.tokenId, delta);
        else if (f == 2) b.documentHash = bytes32(_add(uint256(a.documentHash), delta));
        else if (f == 3) b.paymentToken = _bump(a.paymentToken, delta);
        else if (f == 4) b.amount = _add(a.amount, delta);
        else if (f == 5) b.seller = _bump(a.seller, delta);
        else if (f == 6) b.buyer = _bump(a.buyer, delta);
        else if (f == 7) b.eblRecipient = _bump(a.eblRecipient, delta);
        else if (f == 8) b.titleRecipient = _bump(a.titleRecipient, delta);
        else if (f == 9) b.paymentRecipient = _bump(a.paymentRecipient, delta);
        else if (f == 10) b.deadline = _add(a.deadline, delta);
        else b.salt = bytes32(_add(uint256(a.salt), delta));

        bytes32 ha = dvp.hashTerms(a);
        assertTrue(ha != dvp.hashTerms(b), "two different terms with one hash");
        assertEq(ha, dvp.hashTerms(_copy(a)), "hash not deterministic");
        bytes32 expected = keccak256(
            abi.encodePacked("\x19\x01", dvp.DOMAIN_SEPARATOR(), keccak256(abi.encode(dvp.TERMS_TYPEHASH(), a)))
        );
        assertEq(ha, expected, "not the EIP-712 digest");
    }

    /// @notice For any message, the high-s twin of the seller's valid signature is refused, while the original works.
    function testFuzz_highSTwinOfAValidSignatureIsRefused(uint256 amountSeed, bytes32 salt) public {
        IDeliveryVersusPayment.Terms memory t = h.buildTerms(h.ebls(1), 2, amountSeed, 0, 0);
        t.salt = salt;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(h.keyOf(t.seller), dvp.hashTerms(t));
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        // The twin is a valid signature of the same key for ecrecover: only the low-s rule can refuse it.
        assertEq(ecrecover(dvp.hashTerms(t), flippedV, r, highS), t.seller, "twin recovers to the seller");
        bytes memory twin = abi.encodePacked(r, highS, flippedV);
        IDeliveryVersusPayment.SignedSettlement memory ss = IDeliveryVersusPayment.SignedSettlement({
            terms: t,
            sellerSignature: twin,
            buyerSignature: h.sign(t.buyer, t),
            eblAuth: IDeliveryVersusPayment.EblAuth(0, ""),
            paymentAuth: _allowance()
        });
        vm.expectRevert(abi.encodeWithSelector(IRailsErrors.RailsInvalidSignature.selector, t.seller));
        dvp.settle(ss);
        ss.sellerSignature = abi.encodePacked(r, s, v);
        dvp.settle(ss);
        assertEq(ebl.holderOf(t.tokenId), t.buyer, "the original signature settles");
    }

    function _copy(
        IDeliveryVersusPayment.Terms memory a
    ) internal pure returns (IDeliveryVersusPayment.Terms memory b) {
        b = IDeliveryVersusPayment.Terms({
            registry: a.registry,
            tokenId: a.tokenId,
            documentHash: a.documentHash,
            paymentToken: a.paymentToken,
            amount: a.amount,
            seller: a.seller,
            buyer: a.buyer,
            eblRecipient: a.eblRecipient,
            titleRecipient: a.titleRecipient,
            paymentRecipient: a.paymentRecipient,
            deadline: a.deadline,
            salt: a.salt
        });
    }

    function _add(uint256 x, uint256 d) internal pure returns (uint256) {
        unchecked {
            return x + d;
        }
    }

    function _bump(address x, uint256 d) internal pure returns (address) {
        unchecked {
            return address(uint160(uint160(x) + uint160(d)));
        }
    }
}
