// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {TokenizedDeposit} from "../../contracts/deposits/TokenizedDeposit.sol";
import {BillOfLadingRegistry} from "../../contracts/ebl/BillOfLadingRegistry.sol";
import {IEscrowedDeals} from "../../contracts/interfaces/IEscrowedDeals.sol";
import {ISettlement} from "../../contracts/interfaces/ISettlement.sol";
import {ISignedSettlement} from "../../contracts/interfaces/ISignedSettlement.sol";
import {IRailsErrors} from "../../contracts/interfaces/IRailsErrors.sol";
import {EscrowedDeals} from "../../contracts/settlement/EscrowedDeals.sol";
import {SettlementCore} from "../../contracts/settlement/SettlementCore.sol";
import {SignedSettlement} from "../../contracts/settlement/SignedSettlement.sol";
import {IPaymentRail} from "../../contracts/settlement/rails/IPaymentRail.sol";
import {SettlementHandler, deploySettlementSystem} from "./handlers/SettlementHandler.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice Fuzz tests of the settlement contracts on the real system (deployed through {SettlementHandler}, used here
 * only for its set-up: traders with keys, HKD balances approved to the rail, eBLs approved to both settlement contracts
 * and four eBLs).
 */
contract SettlementFuzzTest is Test {
    SettlementHandler internal h;
    SignedSettlement internal signed;
    EscrowedDeals internal escrow;
    BillOfLadingRegistry internal ebl;
    TokenizedDeposit internal hkd;

    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function setUp() public {
        h = deploySettlementSystem(address(this));
        signed = h.signed();
        escrow = h.escrow();
        ebl = h.ebl();
        hkd = h.hkd();
    }

    function _allowance() internal pure returns (IPaymentRail.PaymentAuth memory) {
        return IPaymentRail.PaymentAuth(IPaymentRail.PaymentMethod.Allowance, 0, 0, 0, "");
    }

    /// @notice Partial payments in random chunks add up exactly: the deal settles when, and only when, the price is
    /// reached (eBL deposited first or last), a chunk above the remainder is always refused, the buyer pays exactly
    /// the price and the seller receives exactly the price.
    function testFuzz_partialPaymentsSettleExactlyAtThePrice(
        uint256 priceSeed,
        uint256 chunkSeed,
        bool eblFirst
    ) public {
        ISettlement.Terms memory t = h.buildTerms(h.ebls(0), 1, priceSeed, 0, 0);
        bytes32 id = escrow.hashTerms(t);
        uint256 buyerBefore = hkd.balanceOf(t.buyer);
        uint256 sellerBefore = hkd.balanceOf(t.seller);
        vm.prank(t.seller);
        escrow.createDeal(t, "");
        if (eblFirst) {
            vm.prank(t.seller);
            escrow.depositEbl(t, "", ISettlement.EblAuth(0, ""));
        }

        uint256 paid;
        for (uint256 i; paid < t.amount; ++i) {
            uint256 remaining = t.amount - paid;
            vm.prank(t.buyer);
            vm.expectRevert(
                abi.encodeWithSelector(IEscrowedDeals.SettlementOverpayment.selector, id, remaining, remaining + 1)
            );
            escrow.depositPayment(t, remaining + 1, "", _allowance());

            // Random chunks for a few rounds, then the rest.
            uint256 chunk = i < 6 ? bound(uint256(keccak256(abi.encode(chunkSeed, i))), 1, remaining) : remaining;
            vm.prank(t.buyer);
            escrow.depositPayment(t, chunk, "", _allowance());
            paid += chunk;

            ISettlement.Deal memory d = escrow.dealOf(id);
            if (paid < t.amount || !eblFirst) {
                assertEq(uint256(d.status), uint256(ISettlement.TermsStatus.Open), "open before the price");
                assertEq(d.paid, paid, "paid adds up");
                assertEq(hkd.balanceOf(address(escrow)), paid, "escrow holds what was paid");
                assertEq(hkd.balanceOf(t.seller), sellerBefore, "seller paid early");
            }
        }
        if (!eblFirst) {
            vm.prank(t.seller);
            escrow.depositEbl(t, "", ISettlement.EblAuth(0, ""));
        }

        assertEq(uint256(escrow.dealOf(id).status), uint256(ISettlement.TermsStatus.Settled), "settled");
        assertEq(buyerBefore - hkd.balanceOf(t.buyer), t.amount, "buyer paid exactly the price");
        assertEq(hkd.balanceOf(t.seller) - sellerBefore, t.amount, "seller received exactly the price");
        assertEq(hkd.balanceOf(address(escrow)), 0, "nothing left in escrow");
        assertEq(escrow.escrowedBalance(address(hkd)), 0, "escrowedBalance");
        assertEq(hkd.balanceOf(address(h.rail())), 0, "the rail kept money");
        assertEq(ebl.holderOf(t.tokenId), t.buyer, "buyer holds the eBL");
        assertEq(ebl.titleHolderOf(t.tokenId), t.buyer, "buyer has title");
    }

    /// @notice Changing any single field of the terms changes their hash in both settlement contracts; each hash is the
    /// EIP-712 digest of the documented type under that contract's own domain, so the same terms hash differently in
    /// the two (a signature for one never acts on the other).
    function testFuzz_termsHashIsUniquePerField(ISettlement.Terms memory a, uint8 field, uint256 delta) public view {
        delta = bound(delta, 1, type(uint160).max); // non-zero modulo 2^160, so addresses change too
        ISettlement.Terms memory b = _copy(a);
        uint256 f = field % 14;
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
        else if (f == 10) b.condition = _bump(a.condition, delta);
        else if (f == 11) b.conditionData = bytes32(_add(uint256(a.conditionData), delta));
        else if (f == 12) b.deadline = _add(a.deadline, delta);
        else b.salt = bytes32(_add(uint256(a.salt), delta));

        address[2] memory contracts = [address(signed), address(escrow)];
        for (uint256 k; k < 2; ++k) {
            SettlementCore c = SettlementCore(contracts[k]);
            bytes32 ha = c.hashTerms(a);
            assertTrue(ha != c.hashTerms(b), "two different terms with one hash");
            assertEq(ha, c.hashTerms(_copy(a)), "hash not deterministic");
            bytes32 expected = keccak256(
                abi.encodePacked("\x19\x01", c.DOMAIN_SEPARATOR(), keccak256(abi.encode(c.TERMS_TYPEHASH(), a)))
            );
            assertEq(ha, expected, "not the EIP-712 digest");
        }
        assertTrue(signed.hashTerms(a) != escrow.hashTerms(a), "one terms hash in both settlement contracts");
    }

    /// @notice For any message, the high-s twin of the seller's valid signature is refused, while the original works.
    function testFuzz_highSTwinOfAValidSignatureIsRefused(uint256 amountSeed, bytes32 salt) public {
        ISettlement.Terms memory t = h.buildTerms(h.ebls(1), 2, amountSeed, 0, 0);
        t.salt = salt;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(h.keyOf(t.seller), signed.hashTerms(t));
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        // The twin is a valid signature of the same key for ecrecover: only the low-s rule can refuse it.
        assertEq(ecrecover(signed.hashTerms(t), flippedV, r, highS), t.seller, "twin recovers to the seller");
        bytes memory twin = abi.encodePacked(r, highS, flippedV);
        ISignedSettlement.Settlement memory ss = ISignedSettlement.Settlement({
            terms: t,
            sellerSignature: twin,
            buyerSignature: h.sign(t.buyer, t),
            eblAuth: ISettlement.EblAuth(0, ""),
            paymentAuth: _allowance()
        });
        vm.expectRevert(abi.encodeWithSelector(IRailsErrors.RailsInvalidSignature.selector, t.seller));
        signed.settle(ss);
        ss.sellerSignature = abi.encodePacked(r, s, v);
        signed.settle(ss);
        assertEq(ebl.holderOf(t.tokenId), t.buyer, "the original signature settles");
    }

    function _copy(ISettlement.Terms memory a) internal pure returns (ISettlement.Terms memory b) {
        b = ISettlement.Terms({
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
            condition: a.condition,
            conditionData: a.conditionData,
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
