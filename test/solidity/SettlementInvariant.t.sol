// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISettlement} from "../../contracts/interfaces/ISettlement.sol";
import {SettlementHandler, deploySettlementSystem} from "./handlers/SettlementHandler.sol";
import {FuzzSelector, Test} from "./utils/Test.sol";

/**
 * @notice Invariants of the settlement contracts (escrowed deals, signed settlement, their deposit rail) under random
 * sequences of escrowed deals (create, deposit the eBL, pay
 * in random chunks, cancel, refund), signed settlements, time warps, frozen accounts and legal holds, by random
 * actors over several eBLs (see {SettlementHandler}).
 */
contract SettlementInvariantTest is Test {
    SettlementHandler internal handler;

    function setUp() public {
        handler = deploySettlementSystem(address(this));
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = SettlementHandler.createDeal.selector;
        selectors[1] = SettlementHandler.depositEbl.selector;
        selectors[2] = SettlementHandler.depositPayment.selector;
        selectors[3] = SettlementHandler.cancelDeal.selector;
        selectors[4] = SettlementHandler.refund.selector;
        selectors[5] = SettlementHandler.settleSigned.selector;
        selectors[6] = SettlementHandler.warp.selector;
        selectors[7] = SettlementHandler.toggleFreeze.selector;
        selectors[8] = SettlementHandler.toggleLegalHold.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice The escrow's HKD balance is exactly the escrowed total, which is exactly the sum of what the deals
    /// hold (open, or cancelled with a payment return still pending), which is what the handler counted in and out.
    function invariant_paymentBalanceEqualsEscrowedLegs() public view {
        uint256 sum;
        uint256 n = handler.dealsLength();
        for (uint256 i; i < n; ++i) sum += handler.escrow().dealOf(handler.dealIds(i)).paid;
        address token = address(handler.hkd());
        uint256 balance = handler.hkd().balanceOf(address(handler.escrow()));
        assertEq(balance, handler.escrow().escrowedBalance(token), "balance != escrowedBalance");
        assertEq(balance, sum, "balance != sum of the deals' payments");
        assertEq(balance, handler.ghostEscrowed(), "balance != deposits in minus payments out");
    }

    /// @notice The escrow holds exactly the eBLs of deals with `eblHeld`, one deal per eBL, and that deal is the
    /// eBL's `openDealOf`.
    function invariant_eblCustodyEqualsDealsHoldingThem() public view {
        uint256 n = handler.dealsLength();
        uint256 held;
        for (uint256 e; e < handler.EBLS(); ++e) {
            uint256 tokenId = handler.ebls(e);
            uint256 deals;
            bytes32 holdingDeal;
            for (uint256 i; i < n; ++i) {
                ISettlement.Terms memory t = handler.dealTerms(i);
                if (t.tokenId == tokenId && handler.escrow().dealOf(handler.dealIds(i)).eblHeld) {
                    ++deals;
                    holdingDeal = handler.dealIds(i);
                }
            }
            assertLe(deals, 1, "an eBL held for two deals");
            bool inCustody = handler.ebl().holderOf(tokenId) == address(handler.escrow());
            assertEq(inCustody, deals == 1, "custody of an eBL differs from the deals holding it");
            if (deals == 1) {
                assertEq(handler.escrow().openDealOf(address(handler.ebl()), tokenId), holdingDeal, "openDealOf");
                ++held;
            }
        }
        assertEq(handler.ebl().balanceOf(address(handler.escrow())), held, "eBLs in custody != eBLs held by deals");
    }

    /// @notice Neither the rail nor the signed-settlement contract holds anything between calls: no HKD, no eBL.
    function invariant_railAndSignedSettlementHoldNothing() public view {
        assertEq(handler.hkd().balanceOf(address(handler.rail())), 0, "the rail holds HKD");
        assertEq(handler.hkd().balanceOf(address(handler.signed())), 0, "the signed settlement holds HKD");
        assertEq(handler.ebl().balanceOf(address(handler.signed())), 0, "the signed settlement holds an eBL");
        assertEq(handler.ebl().balanceOf(address(handler.rail())), 0, "the rail holds an eBL");
    }

    /// @notice After every settlement the buyer side had the eBL (and title where agreed) and the seller side exactly
    /// the price; every failed signed settlement moved nothing: both or neither.
    function invariant_settlementsMoveBothLegsOrNeither() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @notice The handler is not vacuous: a scripted sequence through it reaches a signed settlement, an escrowed
    /// settlement paid in chunks, a cancellation with a return that fails and is retried, and an expiry refund.
    function test_handlerReachesEveryPath() public {
        // Signed settlement of eBL 0 (held by trader 0) to trader 1, title and possession.
        handler.settleSigned(0, 1, 10_000_00, 0);
        assertEq(handler.signedSettlements(), 1, "signed settlement");
        // Escrowed deal on eBL 1 (trader 1) to trader 2, pledge mode; paid in two chunks around the eBL deposit.
        handler.createDeal(1, 2, 999, 2, 0);
        ISettlement.Terms memory t = handler.dealTerms(0);
        handler.depositPayment(0, 801); // odd seed: a chunk of 1 + 400 % 1000
        handler.depositEbl(0);
        handler.depositPayment(0, 0); // even seed: the whole remainder
        assertEq(handler.escrowSettlements(), 1, "escrowed settlement");
        assertEq(handler.ebl().holderOf(t.tokenId), handler.bank(), "pledge: bank holds");
        // Deal on eBL 2 (trader 2): eBL and a payment in, buyer frozen, cancel: payment return fails, then retry.
        handler.createDeal(2, 0, 5_000, 0, 0);
        handler.depositEbl(1);
        handler.depositPayment(1, 21); // a chunk of 1 + 10
        handler.toggleFreeze(0); // trader 0, the buyer
        handler.cancelDeal(1, true);
        assertEq(handler.escrow().dealOf(handler.dealIds(1)).paid, 11, "payment held after the failed return");
        invariant_paymentBalanceEqualsEscrowedLegs();
        handler.toggleFreeze(0);
        handler.refund(1, 0);
        assertEq(handler.returnsCompleted(), 1, "returned after retry");
        // Deal on eBL 3 expires and anyone refunds.
        handler.createDeal(3, 1, 7, 1, 0);
        handler.depositEbl(2);
        handler.warp(1 days); // warps 1 + seed % 2 days seconds
        handler.refund(2, 1);
        assertEq(handler.returnsCompleted(), 2, "expiry refund");
        invariant_paymentBalanceEqualsEscrowedLegs();
        invariant_eblCustodyEqualsDealsHoldingThem();
        invariant_settlementsMoveBothLegsOrNeither();
        invariant_railAndSignedSettlementHoldNothing();
    }
}
