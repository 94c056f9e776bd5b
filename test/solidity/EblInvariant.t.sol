// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IBillOfLadingRegistry} from "../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {BillOfLadingRegistry} from "../../contracts/ebl/BillOfLadingRegistry.sol";
import {EblHandler} from "./handlers/EblHandler.sol";
import {FuzzSelector, Test} from "./utils/Test.sol";

/**
 * @notice Invariants of the eBL registry under random sequences of operations by random actors (carriers, traders,
 * a bank, an agent, a custodian, an unverified stranger; verification revoked and restored at random). The handler
 * also checks each successful operation against the rules at the moment it happens.
 */
contract EblInvariantTest is Test {
    EblHandler internal handler;
    BillOfLadingRegistry internal ebl;

    function setUp() public {
        handler = new EblHandler();
        ebl = handler.ebl();
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](16);
        selectors[0] = EblHandler.issue.selector;
        selectors[1] = EblHandler.acceptSurrender.selector;
        selectors[2] = EblHandler.rejectSurrender.selector;
        selectors[3] = EblHandler.issueAmendment.selector;
        selectors[4] = EblHandler.confirmSwitchToPaper.selector;
        selectors[5] = EblHandler.transfer.selector;
        selectors[6] = EblHandler.endorse.selector;
        selectors[7] = EblHandler.surrender.selector;
        selectors[8] = EblHandler.switchToPaper.selector;
        selectors[9] = EblHandler.approveCustodian.selector;
        selectors[10] = EblHandler.approveNonCustodian.selector;
        selectors[11] = EblHandler.legalHold.selector;
        selectors[12] = EblHandler.toggleVerification.selector; // verification revoked and restored at random
        selectors[13] = EblHandler.actDeliver.selector; // deliveries through act, rejectable or not
        selectors[14] = EblHandler.rejectTransfer.selector; // at once, inside the window or past it
        selectors[15] = EblHandler.sign.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function _isLive(IBillOfLadingRegistry.BillStatus s) internal pure returns (bool) {
        return
            s != IBillOfLadingRegistry.BillStatus.None &&
            s != IBillOfLadingRegistry.BillStatus.Accomplished &&
            s != IBillOfLadingRegistry.BillStatus.SwitchedToPaper;
    }

    /// @notice Every successful call of the random sequence obeyed the rules at the moment it happened (title only moved
    /// by an endorsement of a holder with title, only verified receivers, straight rule, no action while held, only
    /// the issuing carrier answers, surrender returns to the surrenderer, amendments bump the version).
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 60
    function invariant_everySuccessfulCallObeyedTheRules() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @notice Singularity: no token id was ever issued twice, and every issued id is known to the registry.
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 60
    function invariant_singularity() public view {
        uint256 n = handler.idsLength();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            assertEq(handler.issueCount(id), 1, "issued more than once");
            assertTrue(
                ebl.billOf(id).status != IBillOfLadingRegistry.BillStatus.None,
                "issued id unknown to the registry"
            );
        }
    }

    /// @notice Exactly one holder per live token, none for a burned one; balances add up to the live tokens.
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 60
    function invariant_oneHolderPerLiveToken() public view {
        uint256 n = handler.idsLength();
        uint256 live;
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            IBillOfLadingRegistry.Bill memory b = ebl.billOf(id);
            if (_isLive(b.status)) {
                ++live;
                assertTrue(b.holder != address(0), "live token without holder");
                assertEq(ebl.ownerOf(id), b.holder, "ownerOf disagrees with holder");
                if (
                    b.status == IBillOfLadingRegistry.BillStatus.SurrenderedForDelivery ||
                    b.status == IBillOfLadingRegistry.BillStatus.SurrenderedForAmendment
                ) {
                    assertEq(b.holder, b.issuer, "surrendered token not with its carrier");
                    assertTrue(ebl.surrendererOf(id) != address(0), "surrender without surrenderer");
                }
            } else {
                assertEq(b.holder, address(0), "burned token with a holder");
            }
        }
        uint256 balances;
        for (uint256 i; i < 9; ++i) balances += ebl.balanceOf(handler.actors(i));
        assertEq(balances, live, "balances of all actors != live tokens");
        assertEq(ebl.balanceOf(handler.actors(8)), 0, "the unverified stranger holds an eBL");
    }

    /// @notice Title rules: a straight B/L's title stays with its consignee; title is only ever with a trader, bank or
    /// agent (never a carrier, the custodian or the stranger); only a to-order B/L can be blank endorsed; the custody
    /// title right exists only while the custodian holds.
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 60
    function invariant_titleRules() public view {
        uint256 n = handler.idsLength();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            IBillOfLadingRegistry.Bill memory b = ebl.billOf(id);
            if (b.kind == IBillOfLadingRegistry.BillKind.Straight) {
                assertEq(b.titleHolder, handler.straightConsignee(id), "straight B/L title moved");
            } else if (b.titleHolder == address(0)) {
                continue; // blank endorsed
            }
            address t = b.titleHolder;
            assertTrue(
                t == handler.actors(2) ||
                    t == handler.actors(3) ||
                    t == handler.actors(4) ||
                    t == handler.actors(5) ||
                    t == handler.actors(6),
                "title with a party that cannot hold title"
            );
            if (b.custodyForTitle) assertEq(b.holder, handler.actors(7), "custody title right without custodian");
        }
    }

    /// @notice Burned tokens (accomplished or switched to paper) never move, never change status, never come back.
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 60
    function invariant_burnedTokensNeverMove() public view {
        assertEq(handler.movesAfterBurn(), 0, "a burned token moved");
        uint256 n = handler.idsLength();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            IBillOfLadingRegistry.BillStatus t = handler.terminalStatus(id);
            if (t == IBillOfLadingRegistry.BillStatus.None) continue;
            assertEq(uint256(ebl.billOf(id).status), uint256(t), "terminal status changed");
            assertEq(ebl.holderOf(id), address(0), "burned token has a holder");
        }
    }

    /// @notice The handler is not vacuous: a scripted sequence through it reaches issue, endorsement, surrender,
    /// acceptance, amendment and switch to paper, so the random runs can reach them too.
    function test_handlerReachesTheWholeLifecycle() public {
        // issue to-order BL-0 by carrier 0 to trader 2, title trader 2
        // Seeds: a caller seed not divisible by 4 picks the natural actor (holder / issuer); a party seed 4k+1 picks
        // the title-capable actor 2 + k; a title seed 3j picks the party seed j (otherwise the shipper).
        handler.issue(0, 0, 1, 1, 1); // carrier 0 issues BL-0 to order of trader 2
        uint256 id = handler.ids(0);
        handler.endorse(0, 1, 5, 1); // the holder endorses and delivers to trader 3
        assertEq(ebl.holderOf(id), handler.actors(3), "endorse-and-deliver");
        handler.surrender(0, 1, true); // for amendment
        handler.issueAmendment(0, 1, keccak256("v2"));
        (, uint32 version) = ebl.documentOf(id);
        assertEq(version, 2, "amended");
        handler.surrender(0, 1, false);
        handler.acceptSurrender(0, 1);
        assertEq(
            uint256(ebl.billOf(id).status),
            uint256(IBillOfLadingRegistry.BillStatus.Accomplished),
            "accomplished"
        );
        handler.issue(0, 0, 0, 1, 9); // same reference again: refused, not recorded
        assertEq(handler.idsLength(), 1, "reissued after burn");
        handler.issue(1, 1, 0, 1, 27); // carrier 1: straight, shipper trader 2, consignee trader 4
        handler.switchToPaper(1, 2, false); // the shipper has no title: refused
        assertEq(
            uint256(ebl.billOf(handler.ids(1)).status),
            uint256(IBillOfLadingRegistry.BillStatus.Issued),
            "refused"
        );
        handler.transfer(1, 1, 4); // shipper to consignee
        handler.switchToPaper(1, 2, false);
        handler.confirmSwitchToPaper(1, 1);
        assertEq(
            uint256(ebl.billOf(handler.ids(1)).status),
            uint256(IBillOfLadingRegistry.BillStatus.SwitchedToPaper),
            "paper"
        );
        // A delivery through act, rejected by its receiver: the sender has the eBL and the title again.
        handler.issue(0, 2, 1, 1, 1); // carrier 0 issues BL-2 to order of trader 2 (holder and title holder)
        uint256 third = handler.ids(2);
        handler.actDeliver(2, 1, 9, true); // trader 2 endorses and delivers to trader 4 through act
        assertEq(ebl.holderOf(third), handler.actors(4), "delivered");
        handler.rejectTransfer(2, 1, 1); // trader 4 rejects at once
        assertEq(ebl.holderOf(third), handler.actors(2), "returned");
        assertEq(ebl.titleHolderOf(third), handler.actors(2), "title returned");
        assertEq(handler.rejections(), 1, "rejection");
        // Delivered again and rejected past the 7-day window: refused (EblRejectionWindowClosed), nothing changes.
        handler.actDeliver(2, 1, 9, true);
        handler.rejectTransfer(2, 1, 2);
        assertEq(ebl.holderOf(third), handler.actors(4), "late rejection refused");
        assertEq(ebl.titleHolderOf(third), handler.actors(4), "title stays after a refused rejection");
        assertEq(handler.lateRejectionsRefused(), 1, "late rejection");
        handler.sign(2, 1); // the holder signs with a remark
        assertEq(handler.successfulCalls(), 15, "successful calls");
        assertEq(handler.violations(), 0, handler.firstViolation());
        invariant_burnedTokensNeverMove();
        invariant_oneHolderPerLiveToken();
    }

    /// @dev The next seed of a pseudo-random walk and the three arguments drawn from it.
    function _step(uint256 seed) internal pure returns (uint256 next, uint256 a, uint256 b, uint256 c) {
        next = uint256(keccak256(abi.encode(seed)));
        a = uint256(keccak256(abi.encode(next, 1)));
        b = uint256(keccak256(abi.encode(next, 2)));
        c = uint256(keccak256(abi.encode(next, 3)));
    }

    /// @notice The random operations are not vacuous either: a pseudo-random walk of 300 calls through the same handler
    /// (same distribution of operations as the invariant runner) issues, endorses, surrenders and burns eBLs, and
    /// breaks no rule.
    function test_randomWalkReachesDeepStates() public {
        uint256[13] memory ok;
        uint256 seed = 2026;
        for (uint256 i; i < 300; ++i) {
            uint256 a;
            uint256 b;
            uint256 c;
            (seed, a, b, c) = _step(seed);
            uint256 op = seed % 13;
            uint256 before = handler.successfulCalls();
            if (op == 0) handler.issue(a, uint8(b), uint8(c), b >> 8, c >> 8);
            else if (op == 1) handler.acceptSurrender(a, b);
            else if (op == 2) handler.rejectSurrender(a, b);
            else if (op == 3) handler.issueAmendment(a, b, bytes32(c));
            else if (op == 4) handler.confirmSwitchToPaper(a, b);
            else if (op == 5) handler.transfer(a, b, c);
            else if (op == 6) handler.endorse(a, b, c, uint8(c >> 8));
            else if (op == 7) handler.surrender(a, b, c % 2 == 0);
            else if (op == 8) handler.switchToPaper(a, b, c % 2 == 0);
            else if (op == 9) handler.approveNonCustodian(a, b);
            else if (op == 10) handler.legalHold(a, uint8(c));
            else if (op == 11) handler.toggleVerification(a);
            else {
                try handler.approveCustodian(a, c % 2 == 0) {} catch {} // reverts when the custodian is revoked
            }
            if (handler.successfulCalls() > before) ++ok[op];
        }
        assertEq(handler.violations(), 0, handler.firstViolation());
        assertTrue(ok[0] >= 3, "issues");
        assertTrue(ok[5] >= 3, "transfers");
        assertTrue(ok[6] >= 1, "endorsements");
        assertTrue(ok[7] >= 2, "surrenders");
        assertTrue(ok[1] + ok[4] >= 1, "burns");
        invariant_singularity();
        invariant_oneHolderPerLiveToken();
        invariant_titleRules();
        invariant_burnedTokensNeverMove();
    }

    /// @notice The holder actions through `act` are not vacuous: a pseudo-random walk of 300 calls mixing deliveries
    /// with a remark, signatures and rejections (at once, inside the window, past it) with the other operations
    /// delivers, returns eBLs to their senders, refuses late rejections, and breaks no rule.
    function test_randomWalkRejectsDeliveries() public {
        uint256[16] memory ok;
        uint256 seed = 2027;
        for (uint256 i; i < 300; ++i) {
            uint256 a;
            uint256 b;
            uint256 c;
            (seed, a, b, c) = _step(seed);
            uint256 op = seed % 16;
            uint256 before = handler.successfulCalls();
            // Issues, deliveries and rejections weigh most: a rejection needs a fresh delivery of the same token.
            if (op < 3) handler.issue(a, uint8(b), uint8(c), b >> 8, c >> 8);
            else if (op < 8) handler.actDeliver(a, b, c, c % 2 == 0);
            else if (op < 12) handler.rejectTransfer(a, b, c);
            else if (op == 12) handler.sign(a, b);
            else if (op == 13) handler.transfer(a, b, c);
            else if (op == 14) handler.endorse(a, b, c, uint8(c >> 8));
            else handler.toggleVerification(a);
            if (handler.successfulCalls() > before) ++ok[op];
        }
        assertEq(handler.violations(), 0, handler.firstViolation());
        assertTrue(ok[3] + ok[4] + ok[5] + ok[6] + ok[7] >= 5, "deliveries through act");
        assertTrue(handler.rejections() >= 1, "rejections");
        assertTrue(handler.lateRejectionsRefused() >= 1, "late rejections refused");
        assertTrue(ok[12] >= 1, "signatures");
        invariant_singularity();
        invariant_oneHolderPerLiveToken();
        invariant_titleRules();
        invariant_burnedTokensNeverMove();
    }
}
