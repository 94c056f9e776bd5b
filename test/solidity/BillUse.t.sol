// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {IBillOfLadingRegistry} from "../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {BillUse} from "./utils/BillUse.sol";
import {EblFixture} from "./utils/EblFixture.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice The "buyer side can use what it bought" check of the invariant handlers ({BillUse}) fails on hand-made bad
 * states (a bill delivered without its title, a pledge whose title is not with the stated title holder) and passes on
 * good ones, and it leaves the state as it found it (each use runs in a reverted snapshot).
 */
contract BillUseTest is Test, EblFixture {
    address internal constant OTHER = address(0x07E4);
    address internal constant BANK = address(0xBA4C);

    IBillOfLadingRegistry.BillKind internal constant TO_ORDER = IBillOfLadingRegistry.BillKind.ToOrder;

    function setUp() public {
        _deployEbl();
        participants.register(OTHER, _registration(ParticipantKinds.TRADER, 3650 days));
        participants.register(BANK, _registration(ParticipantKinds.BANK, 3650 days));
    }

    function _failure(uint256 id, address holder, address titleHolder) internal returns (string memory) {
        return BillUse.check(ebl, id, holder, titleHolder, OTHER);
    }

    function test_passesWhenTheBuyerHoldsTheBillWithTitle() public {
        uint256 id = _issue("BL-GOOD", TO_ORDER, SHIPPER);
        vm.prank(SHIPPER);
        ebl.endorseAndDeliver(id, CONSIGNEE);
        assertEq(bytes(_failure(id, CONSIGNEE, CONSIGNEE)).length, 0, "usable bill reported unusable");
        // the uses were undone
        assertEq(ebl.holderOf(id), CONSIGNEE, "holder changed by the check");
        assertEq(ebl.titleHolderOf(id), CONSIGNEE, "title changed by the check");
        assertTrue(ebl.billOf(id).status == IBillOfLadingRegistry.BillStatus.Issued, "status changed by the check");
    }

    function test_failsWhenTheBillWasDeliveredWithoutTitle() public {
        uint256 id = _issue("BL-NOTITLE", TO_ORDER, SHIPPER);
        vm.prank(SHIPPER);
        ebl.transferFrom(SHIPPER, CONSIGNEE, id); // possession without endorsement: the title stays with the shipper
        assertEq(
            keccak256(bytes(_failure(id, CONSIGNEE, CONSIGNEE))),
            keccak256("bought eBL: the holder with title cannot surrender it"),
            "a bill without title passed the check"
        );
    }

    function test_failsWhenTheBuyerCanSurrenderButNotEndorse() public {
        uint256 id = _issue("BL-NOENDORSE", TO_ORDER, SHIPPER);
        vm.prank(SHIPPER);
        ebl.endorseAndDeliver(id, CONSIGNEE);
        participants.revoke(OTHER); // the endorsee can no longer take title: the endorsement use must fail
        assertEq(
            keccak256(bytes(_failure(id, CONSIGNEE, CONSIGNEE))),
            keccak256("bought eBL: the holder with title cannot endorse and deliver it"),
            "a failed endorsement passed the check"
        );
    }

    function test_passesForAPledge() public {
        uint256 id = _issue("BL-PLEDGE", TO_ORDER, SHIPPER);
        vm.startPrank(SHIPPER);
        ebl.endorse(id, CONSIGNEE);
        ebl.transferFrom(SHIPPER, BANK, id);
        vm.stopPrank();
        assertEq(bytes(_failure(id, BANK, CONSIGNEE)).length, 0, "usable pledge reported unusable");
        assertEq(ebl.holderOf(id), BANK, "holder changed by the check");
    }

    function test_failsForAPledgeWhoseTitleIsNotWithTheTitleHolder() public {
        uint256 id = _issue("BL-BADPLEDGE", TO_ORDER, SHIPPER);
        vm.prank(SHIPPER);
        ebl.transferFrom(SHIPPER, BANK, id); // the title stays with the shipper instead of the buyer
        assertEq(
            keccak256(bytes(_failure(id, BANK, CONSIGNEE))),
            keccak256("bought eBL: the holder cannot deliver it to the title holder, or it cannot surrender it"),
            "a pledge without the buyer's title passed the check"
        );
    }
}
