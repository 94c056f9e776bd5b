// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {IBillOfLadingRegistry} from "../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {EblFixture} from "./utils/EblFixture.sol";
import {RailsRoles} from "./utils/RailsRoles.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice The eBL registry's gas-relevant layout, checked through storage accesses: the token id carries the issuer,
 * the record's slot 0 packs title holder, kind, status, hold, custody flag, version and permit nonce, and the
 * participant registry is asked once per party.
 */
contract EblStorageTest is Test, EblFixture {
    address internal constant BANK = address(0xBA);
    address internal constant AGENT = address(0xA6);
    address internal constant SETTLEMENT = address(0x5E);
    address internal constant REGULATOR = address(0x4E);
    bytes32 internal constant HASH_2 = keccak256("amended transport document");

    function setUp() public {
        _deployEbl();
        participants.register(BANK, _registration(ParticipantKinds.BANK, 3650 days));
        participants.register(AGENT, _registration(ParticipantKinds.AGENT, 3650 days));
        participants.register(SETTLEMENT, _registration(ParticipantKinds.SETTLEMENT, 3650 days));
        manager.grantRole(RailsRoles.EBL_LEGAL_HOLD, REGULATOR, 0);
    }

    /// @dev The slot(s) a view of `tokenId` reads in the eBL registry (`vm.record` + `vm.accesses`).
    function _slotsRead(bytes memory viewCall) internal returns (bytes32[] memory reads) {
        vm.record();
        (bool ok, ) = address(ebl).staticcall(viewCall);
        assertTrue(ok, "view call");
        (reads, ) = vm.accesses(address(ebl));
    }

    /// @dev The record's slot 0: the one slot `kindOf` reads.
    function _slot0(uint256 tokenId) internal returns (bytes32) {
        bytes32[] memory reads = _slotsRead(abi.encodeCall(ebl.kindOf, (tokenId)));
        assertEq(_distinct(reads), 1, "kindOf reads one slot");
        return reads[0];
    }

    /// @dev Number of distinct slots among `slots`.
    function _distinct(bytes32[] memory slots) internal pure returns (uint256 n) {
        for (uint256 i; i < slots.length; ++i) {
            bool seen;
            for (uint256 j; j < i && !seen; ++j) seen = slots[j] == slots[i];
            if (!seen) ++n;
        }
    }

    // ------------------------------------------------------------------ token id

    /// @notice tokenIdOf: the issuer in the top 160 bits, the low 96 bits of keccak256 of the reference's bytes below.
    function testFuzz_tokenIdOfLayout(address issuer, string calldata ref) public view {
        uint256 id = ebl.tokenIdOf(issuer, ref);
        assertEq(address(uint160(id >> 96)), issuer, "top 160 bits are the issuer");
        assertEq(id & type(uint96).max, uint96(uint256(keccak256(bytes(ref)))), "low 96 bits hash the reference");
    }

    /// @notice billOf (and the lens's issuerOf) derive the issuer from the id once issued, for any carrier address; an id never
    /// issued, even under a carrier's prefix, has no issuer; no issuer slot is stored.
    function testFuzz_issuerOfDerivedFromTheId(address carrier, uint32 refSeed) public {
        vm.assume(uint160(carrier) > 0xffff && carrier != address(this) && carrier != address(vm));
        vm.assume(carrier != address(ebl) && carrier != address(participants) && carrier != address(manager));
        vm.assume(carrier != SHIPPER && carrier != CONSIGNEE && carrier != BANK && carrier != AGENT);
        vm.assume(carrier != SETTLEMENT && carrier != CARRIER);
        participants.register(carrier, _registration(ParticipantKinds.CARRIER, 3650 days));
        manager.grantRole(RailsRoles.EBL_ISSUER, carrier, 0);
        string memory ref = string.concat("R", Strings.toString(refSeed));
        uint256 id = ebl.tokenIdOf(carrier, ref);
        assertEq(ebl.billOf(id).issuer, address(0), "no issuer before issue");

        vm.prank(carrier);
        assertEq(ebl.issue(SHIPPER, ref, IBillOfLadingRegistry.BillKind.ToOrder, SHIPPER, HASH), id, "issued id");
        assertEq(ebl.billOf(id).issuer, carrier, "billOf.issuer");
        assertEq(
            ebl.billOf(ebl.tokenIdOf(carrier, string.concat(ref, "X"))).issuer,
            address(0),
            "sibling never issued"
        );
        // billOf of a to-order bill reads the record's two slots and the owner (only a straight bill's shipper is
        // stored): the issuer itself comes from the id.
        bytes32[] memory reads = _slotsRead(abi.encodeCall(ebl.billOf, (id)));
        assertEq(_distinct(reads), 3, "billOf reads slot 0, slot 1 and the owner: no issuer slot");
    }

    // ------------------------------------------------------------------ the record's slot 0

    /// @notice Title holder, kind, status, hold, custody flag, version and nonce are all read from one slot, laid out
    /// as documented (20 + 1 + 1 + 1 + 1 + 4 + 4 bytes from the low end); the document hash is the next slot.
    function test_recordSlot0PacksEverythingButTheHash() public {
        uint256 id = _issue("PACK-1", IBillOfLadingRegistry.BillKind.ToOrder, SHIPPER);
        bytes32 slot0 = _slot0(id);
        bytes[4] memory views = [
            abi.encodeCall(ebl.titleHolderOf, (id)),
            abi.encodeCall(ebl.kindOf, (id)),
            abi.encodeCall(ebl.nonces, (id)),
            abi.encodeCall(ebl.isBlankEndorsed, (id))
        ];
        for (uint256 i; i < views.length; ++i) {
            bytes32[] memory reads = _slotsRead(views[i]);
            assertTrue(reads.length > 0, "a slot-0 view reads storage");
            for (uint256 j; j < reads.length; ++j) assertEq(reads[j], slot0, "a slot-0 view reads slot 0 only");
        }
        bytes32[] memory docReads = _slotsRead(abi.encodeCall(ebl.documentOf, (id)));
        assertEq(_distinct(docReads), 2, "documentOf reads slot 0 (version) and slot 1 (hash)");
        bytes32 slot1 = docReads[0] == slot0 ? docReads[docReads.length - 1] : docReads[0];
        assertEq(uint256(slot1), uint256(slot0) + 1, "the hash is the next slot");
        assertEq(vm.load(address(ebl), slot1), HASH, "slot 1 holds the document hash");
        _assertDecodes(id, slot0);
    }

    /// @dev Decodes the raw slot 0 and compares every field with the views.
    function _assertDecodes(uint256 id, bytes32 slot0) internal view {
        uint256 raw = uint256(vm.load(address(ebl), slot0));
        assertEq(address(uint160(raw)), ebl.titleHolderOf(id), "bytes 0-19: title holder");
        assertEq(uint8(raw >> 160), uint8(ebl.kindOf(id)), "byte 20: kind");
        assertEq(uint8(raw >> 168), uint8(ebl.billOf(id).status), "byte 21: status");
        assertEq(uint8(raw >> 176) == 1, ebl.billOf(id).onLegalHold, "byte 22: legal hold");
        assertEq(uint8(raw >> 184) == 1, ebl.billOf(id).custodyForTitle, "byte 23: custody for title");
        (, uint32 version) = ebl.documentOf(id);
        assertEq(uint32(raw >> 192), version, "bytes 24-27: version");
        assertEq(uint32(raw >> 224), ebl.nonces(id), "bytes 28-31: permit nonce");
    }

    /// @notice Packed fields never disturb each other: an endorsement (title holder) leaves kind, status, hold,
    /// version and nonce as they were; moves (nonce), amendments (version), holds and surrenders (status) leave the
    /// title holder as it was. The raw slot always decodes to the views.
    function testFuzz_packedFieldsAreIndependent(uint8 action, uint8 endorseeSeed, uint8 moves) public {
        uint256 id = _issue("PACK-2", IBillOfLadingRegistry.BillKind.ToOrder, SHIPPER);
        bytes32 slot0 = _slot0(id);
        // Some history first (there and back, so the shipper holds it with title), so the nonce is not at zero.
        moves = uint8(2 * bound(moves, 0, 2));
        for (uint256 i; i < moves; ++i) {
            vm.prank(i % 2 == 0 ? SHIPPER : BANK);
            ebl.transferFrom(i % 2 == 0 ? SHIPPER : BANK, i % 2 == 0 ? BANK : SHIPPER, id);
        }
        address holder = ebl.ownerOf(id);
        uint256 nonce = ebl.nonces(id);
        IBillOfLadingRegistry.BillStatus status = ebl.billOf(id).status;
        (, uint32 version) = ebl.documentOf(id);
        address titleHolder = ebl.titleHolderOf(id);

        action = action % 5;
        if (action == 0) {
            // title holder changes: everything else in the slot stays
            address endorsee = [CONSIGNEE, BANK, AGENT][endorseeSeed % 3];
            vm.prank(holder);
            ebl.endorse(id, endorsee);
            assertEq(ebl.titleHolderOf(id), endorsee, "endorsed");
            assertEq(ebl.nonces(id), nonce, "endorse keeps the nonce");
            assertEq(uint8(ebl.billOf(id).status), uint8(status), "endorse keeps the status");
            (, uint32 v) = ebl.documentOf(id);
            assertEq(v, version, "endorse keeps the version");
            assertEq(uint8(ebl.kindOf(id)), uint8(IBillOfLadingRegistry.BillKind.ToOrder), "endorse keeps the kind");
            assertFalse(ebl.billOf(id).onLegalHold, "endorse keeps the hold");
        } else if (action == 1) {
            // nonce changes (a move): title holder stays
            address to = holder == BANK ? AGENT : BANK;
            vm.prank(holder);
            ebl.transferFrom(holder, to, id);
            assertEq(ebl.nonces(id), nonce + 1, "a move bumps the nonce");
            assertEq(ebl.titleHolderOf(id), titleHolder, "a move keeps the title holder");
        } else if (action == 2) {
            // version changes (amendment): title holder stays, status back to Issued
            vm.prank(holder);
            ebl.surrenderForAmendment(id);
            vm.prank(CARRIER);
            ebl.issueAmendment(id, HASH_2);
            (, uint32 v) = ebl.documentOf(id);
            assertEq(v, version + 1, "amendment bumps the version");
            assertEq(ebl.titleHolderOf(id), titleHolder, "amendment keeps the title holder");
            assertEq(uint8(ebl.billOf(id).status), uint8(IBillOfLadingRegistry.BillStatus.Issued), "issued again");
        } else if (action == 3) {
            // hold changes: title holder, nonce, status stay
            vm.prank(REGULATOR);
            ebl.placeLegalHold(id, bytes32("COURT-1"));
            assertTrue(ebl.billOf(id).onLegalHold, "held");
            assertEq(ebl.titleHolderOf(id), titleHolder, "a hold keeps the title holder");
            assertEq(ebl.nonces(id), nonce, "a hold keeps the nonce");
            assertEq(uint8(ebl.billOf(id).status), uint8(status), "a hold keeps the status");
        } else {
            // status changes (paper switch requested): title holder, nonce, version stay
            vm.prank(holder);
            ebl.requestSwitchToPaper(id);
            assertEq(
                uint8(ebl.billOf(id).status),
                uint8(IBillOfLadingRegistry.BillStatus.SwitchToPaperRequested),
                "status changed"
            );
            assertEq(ebl.titleHolderOf(id), titleHolder, "a status change keeps the title holder");
            assertEq(ebl.nonces(id), nonce, "a status change keeps the nonce");
            (, uint32 v) = ebl.documentOf(id);
            assertEq(v, version, "a status change keeps the version");
        }
        _assertDecodes(id, slot0);
    }

    /// @notice Issue writes four slots for a to-order B/L (record slot 0, document hash, ERC-721 owner, shipper's
    /// balance); an endorsement writes only the record's slot 0.
    function test_issueWritesFourSlotsAndEndorseOne() public {
        vm.record();
        uint256 id = _issue("WRITES-1", IBillOfLadingRegistry.BillKind.ToOrder, SHIPPER);
        (, bytes32[] memory writes) = vm.accesses(address(ebl));
        assertEq(_distinct(writes), 4, "issue writes four slots");

        bytes32 slot0 = _slot0(id);
        vm.record();
        vm.prank(SHIPPER);
        ebl.endorse(id, BANK);
        (, writes) = vm.accesses(address(ebl));
        assertEq(_distinct(writes), 1, "endorse writes one slot");
        assertEq(writes[0], slot0, "the record's slot 0");
    }

    // ------------------------------------------------------------------ one registry call per party

    /// @notice Each action asks the participant registry about each party once (one registry storage read per party).
    function test_oneRegistryReadPerParty() public {
        uint256 id = ebl.tokenIdOf(CARRIER, "CALLS-1");
        uint256 straight = ebl.tokenIdOf(CARRIER, "CALLS-2");
        IBillOfLadingRegistry.BillKind toOrder = IBillOfLadingRegistry.BillKind.ToOrder;
        IBillOfLadingRegistry.BillKind straightKind = IBillOfLadingRegistry.BillKind.Straight;
        _assertRegistryReads(
            CARRIER,
            abi.encodeCall(ebl.issue, (SHIPPER, "CALLS-1", toOrder, SHIPPER, HASH)),
            2,
            "issue: carrier and title holder (= shipper)"
        );
        _assertRegistryReads(
            CARRIER,
            abi.encodeCall(ebl.issue, (SHIPPER, "CALLS-2", straightKind, CONSIGNEE, HASH)),
            3,
            "issue: carrier, title holder, shipper"
        );
        _assertRegistryReads(SHIPPER, abi.encodeCall(ebl.endorse, (id, BANK)), 1, "endorse: endorsee");
        _assertRegistryReads(SHIPPER, abi.encodeCall(ebl.transferFrom, (SHIPPER, BANK, id)), 1, "transfer: receiver");
        // verified and the straight rule, on one answer
        _assertRegistryReads(
            SHIPPER,
            abi.encodeCall(ebl.transferFrom, (SHIPPER, AGENT, straight)),
            1,
            "straight transfer: receiver"
        );
        // title-holder kinds and the receiver rules, on one answer
        _assertRegistryReads(
            BANK,
            abi.encodeCall(ebl.endorseAndDeliver, (id, AGENT)),
            1,
            "endorseAndDeliver: endorsee"
        );
        vm.prank(AGENT);
        ebl.approve(SETTLEMENT, id);
        _assertRegistryReads(
            SETTLEMENT,
            abi.encodeCall(ebl.endorseAndDeliver, (id, CONSIGNEE)),
            2,
            "endorseAndDeliver by an operator: operator and endorsee"
        );
        _assertRegistryReads(CONSIGNEE, abi.encodeCall(ebl.surrenderForDelivery, (id)), 1, "surrender: carrier");
    }

    /// @dev `sender` makes `call` on the registry; the participant registry is read `expected` times meanwhile.
    function _assertRegistryReads(address sender, bytes memory call, uint256 expected, string memory what) internal {
        vm.record();
        vm.prank(sender);
        (bool ok, ) = address(ebl).call(call);
        assertTrue(ok, what);
        (bytes32[] memory reads, ) = vm.accesses(address(participants));
        assertEq(reads.length, expected, what);
    }
}
