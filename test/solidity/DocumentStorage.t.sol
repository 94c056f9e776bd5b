// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {ParticipantRegistry} from "../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../contracts/access/RailsAccessManager.sol";
import {TradeDocumentRegistry} from "../../contracts/documents/TradeDocumentRegistry.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {ITradeDocumentRegistry} from "../../contracts/interfaces/ITradeDocumentRegistry.sol";
import {RailsRoles} from "./utils/RailsRoles.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice No document content and no personal data on chain: every storage slot the trade document registry writes
 * when a document is registered, superseded or revoked (and when a type is set) is listed here, and each holds only
 * what the interface names, a hash, an address, a number or an enum, decoded to the last bit. A new stored field, a
 * stored string (a revocation reason, a document number) or any other write makes these tests fail. The compiler's
 * layout itself (no string or bytes type anywhere in it) is checked by test/documents/storageLayout.ts.
 * @dev Slot numbers from docs/audit/storage-layout.md (generated from the compiler's layout; CI checks it); the packing
 * of a document's first slot is the table in TradeDocumentRegistry's NatSpec.
 */
contract DocumentStorageTest is Test {
    uint256 internal constant ISSUER_KINDS_SLOT = 1; // `_issuerKinds`
    uint256 internal constant DOCUMENTS_SLOT = 2; // `_documents`
    uint256 internal constant PREVIOUS_HASHES_SLOT = 3; // `_previousHashes`
    uint256 internal constant SUBJECTS_SLOT = 4; // `_subjects`

    address internal constant OWNER = address(0x0E);
    address internal constant EBL_REGISTRY = address(0xEB1);

    RailsAccessManager internal manager;
    ParticipantRegistry internal participants;
    TradeDocumentRegistry internal documents;
    /// @dev A verified issuer for each standard type (index = type id).
    address[8] internal issuers;

    function setUp() public {
        vm.warp(1_750_000_000);
        manager = new RailsAccessManager(address(this));
        participants = new ParticipantRegistry(address(manager));
        documents = new TradeDocumentRegistry(address(manager), participants);
        RailsRoles.wire(manager, participants);
        RailsRoles.wire(manager, documents);
        manager.grantRole(RailsRoles.REGISTRAR, address(this), 0);
        manager.grantRole(RailsRoles.DOCUMENT_ADMIN, address(this), 0);
        _register(OWNER, ParticipantKinds.TRADER);
        uint32[8] memory kinds = [
            uint32(0),
            ParticipantKinds.TRADER,
            ParticipantKinds.TRADER,
            ParticipantKinds.AUTHORITY,
            ParticipantKinds.INSURER,
            ParticipantKinds.INSPECTOR,
            ParticipantKinds.AGENT,
            ParticipantKinds.CARRIER
        ];
        for (uint256 t = 1; t < 8; ++t) {
            issuers[t] = address(uint160(0x1000 + t));
            _register(issuers[t], kinds[t]);
        }
    }

    function _register(address account, uint32 kinds) internal {
        participants.register(
            account,
            IParticipantRegistry.Registration({
                kinds: kinds,
                jurisdiction: "HK",
                validUntil: uint64(block.timestamp + 3650 days),
                kycReference: bytes32(0)
            })
        );
    }

    // ------------------------------------------------------------------ slots

    function _documentSlot(bytes32 id, uint256 field) internal pure returns (bytes32) {
        return bytes32(uint256(keccak256(abi.encode(id, DOCUMENTS_SLOT))) + field);
    }

    function _previousHashSlot(bytes32 id, uint32 version) internal pure returns (bytes32) {
        return keccak256(abi.encode(uint256(version), keccak256(abi.encode(id, PREVIOUS_HASHES_SLOT))));
    }

    function _subjectLengthSlot(address subjectContract, uint256 subjectId) internal pure returns (bytes32) {
        return keccak256(abi.encode(subjectId, keccak256(abi.encode(subjectContract, SUBJECTS_SLOT))));
    }

    function _subjectEntrySlot(
        address subjectContract,
        uint256 subjectId,
        uint256 index
    ) internal pure returns (bytes32) {
        return bytes32(uint256(keccak256(abi.encode(_subjectLengthSlot(subjectContract, subjectId)))) + index);
    }

    function _load(bytes32 slot) internal view returns (uint256) {
        return uint256(vm.load(address(documents), slot));
    }

    /// @dev The distinct slots among `slots`.
    function _distinct(bytes32[] memory slots) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](slots.length);
        uint256 n;
        for (uint256 i; i < slots.length; ++i) {
            bool seen;
            for (uint256 j; j < n && !seen; ++j) seen = out[j] == slots[i];
            if (!seen) out[n++] = slots[i];
        }
        assembly ("memory-safe") {
            mstore(out, n)
        }
    }

    /// @dev `written` (distinct) is exactly the set `expected`: same size, each expected slot among them.
    function _assertWritesAre(bytes32[] memory writes, bytes32[] memory expected) internal pure {
        bytes32[] memory written = _distinct(writes);
        assertEq(written.length, expected.length, "number of slots written");
        for (uint256 i; i < expected.length; ++i) {
            bool found;
            for (uint256 j; j < written.length && !found; ++j) found = written[j] == expected[i];
            assertTrue(found, "an expected slot is written");
        }
    }

    /// @dev A document's first slot, as the layout table packs it.
    function _slot0(
        uint8 documentType,
        ITradeDocumentRegistry.DocumentStatus status,
        uint32 version,
        uint40 issuedAt,
        address issuer
    ) internal pure returns (uint256) {
        return
            uint256(documentType) |
            (uint256(uint8(status)) << 8) |
            (uint256(version) << 16) |
            (uint256(issuedAt) << 48) |
            (uint256(uint160(issuer)) << 88);
    }

    /// @dev Registers a document of `documentType` by its issuer, bound to the eBL `tokenId`.
    function _registerDocument(
        uint8 documentType,
        bytes32 ref,
        uint256 tokenId,
        bytes32 hash
    ) internal returns (bytes32 id) {
        vm.prank(issuers[documentType]);
        id = documents.register(documentType, ref, OWNER, EBL_REGISTRY, tokenId, hash);
    }

    // ------------------------------------------------------------------ register

    /// @notice A registration writes seven words and nothing else: the document's five (type, status, version, time
    /// and issuer packed in one; owner; subject contract; subject id; SHA-256) and the subject's list (its length and
    /// the new entry, the document id). Each word holds exactly the value the interface names.
    function testFuzz_registerWritesOnlyTheNamedFields(
        uint8 typeSeed,
        bytes32 ref,
        address subjectContract,
        uint256 subjectId,
        bytes32 hash,
        uint40 when
    ) public {
        vm.assume(subjectContract != address(0) && hash != bytes32(0));
        uint8 documentType = uint8(1 + (typeSeed % 7));
        address issuer = issuers[documentType];
        uint40 issuedAt = uint40(bound(when, block.timestamp, block.timestamp + 3000 days));
        vm.warp(issuedAt);

        vm.record();
        vm.prank(issuer);
        bytes32 id = documents.register(documentType, ref, OWNER, subjectContract, subjectId, hash);
        (, bytes32[] memory writes) = vm.accesses(address(documents));

        bytes32[] memory expected = new bytes32[](7);
        for (uint256 f; f < 5; ++f) expected[f] = _documentSlot(id, f);
        expected[5] = _subjectLengthSlot(subjectContract, subjectId);
        expected[6] = _subjectEntrySlot(subjectContract, subjectId, 0);
        _assertWritesAre(writes, expected);

        assertEq(id, keccak256(abi.encode(issuer, documentType, ref)), "document id");
        assertEq(
            _load(expected[0]),
            _slot0(documentType, ITradeDocumentRegistry.DocumentStatus.Issued, 1, issuedAt, issuer),
            "slot 0: type, status, version, issuedAt, issuer"
        );
        assertEq(_load(expected[1]), uint160(OWNER), "slot 1: owner");
        assertEq(_load(expected[2]), uint160(subjectContract), "slot 2: subject contract");
        assertEq(_load(expected[3]), subjectId, "slot 3: subject id");
        assertEq(bytes32(_load(expected[4])), hash, "slot 4: SHA-256");
        assertEq(_load(expected[5]), 1, "subject's list: length");
        assertEq(bytes32(_load(expected[6])), id, "subject's list: the document id");
    }

    // ------------------------------------------------------------------ supersede

    /// @notice A new version writes three words: the first slot (version and time), the current hash, and the
    /// previous version's hash under its version number. Nothing else.
    function testFuzz_supersedeWritesVersionTimeAndHashes(bytes32 first, bytes32 second, uint32 later) public {
        vm.assume(first != bytes32(0) && second != bytes32(0) && first != second);
        bytes32 id = _registerDocument(1, "INV-1", 7, first);
        uint40 at = uint40(block.timestamp + bound(later, 0, 365 days));
        vm.warp(at);

        vm.record();
        vm.prank(issuers[1]);
        assertEq(documents.supersede(id, second), 2, "version 2");
        (, bytes32[] memory writes) = vm.accesses(address(documents));

        bytes32[] memory expected = new bytes32[](3);
        (expected[0], expected[1], expected[2]) = (
            _documentSlot(id, 0),
            _documentSlot(id, 4),
            _previousHashSlot(id, 1)
        );
        _assertWritesAre(writes, expected);
        assertEq(
            _load(expected[0]),
            _slot0(1, ITradeDocumentRegistry.DocumentStatus.Issued, 2, at, issuers[1]),
            "slot 0: version 2 at the new time"
        );
        assertEq(bytes32(_load(expected[1])), second, "slot 4: the new hash");
        assertEq(bytes32(_load(expected[2])), first, "version 1's hash kept");
    }

    // ------------------------------------------------------------------ revoke

    /// @notice A revocation writes one word, the first slot, whose only change is the status: the reason (up to 256
    /// bytes, any content) is in the event alone.
    function testFuzz_revokeStoresNoReason(string calldata reason) public {
        vm.assume(bytes(reason).length > 0 && bytes(reason).length <= 256);
        bytes32 id = _registerDocument(3, "CO-1", 7, keccak256("certificate"));
        uint256 before = _load(_documentSlot(id, 0));

        vm.record();
        vm.prank(issuers[3]);
        documents.revoke(id, reason);
        (, bytes32[] memory writes) = vm.accesses(address(documents));

        bytes32[] memory expected = new bytes32[](1);
        expected[0] = _documentSlot(id, 0);
        _assertWritesAre(writes, expected);
        assertEq(_load(expected[0]) ^ before, uint256(uint8(1) ^ uint8(3)) << 8, "only the status byte changed");
        assertEq(
            _load(expected[0]),
            _slot0(3, ITradeDocumentRegistry.DocumentStatus.Revoked, 1, uint40(block.timestamp), issuers[3]),
            "slot 0: revoked"
        );
    }

    /// @notice Setting a type writes one word: the type's issuer kinds.
    function testFuzz_setDocumentTypeWritesOneWord(uint8 documentType, uint32 kinds) public {
        vm.assume(documentType != 0);
        vm.record();
        documents.setDocumentType(documentType, kinds);
        (, bytes32[] memory writes) = vm.accesses(address(documents));
        bytes32[] memory expected = new bytes32[](1);
        expected[0] = keccak256(abi.encode(uint256(documentType), ISSUER_KINDS_SLOT));
        _assertWritesAre(writes, expected);
        assertEq(_load(expected[0]), kinds, "the issuer kinds");
    }

    /// @notice Over a document's whole life (register, two new versions, revoke), the words it occupies are the five of
    /// its record, its two previous hashes and its entry in the subject's list; the views read back what the words hold.
    function test_aDocumentsWholeLifeIsTheseWords() public {
        bytes32 id = _registerDocument(5, "INSP-1", 42, keccak256("v1"));
        vm.startPrank(issuers[5]);
        documents.supersede(id, keccak256("v2"));
        documents.supersede(id, keccak256("v3"));
        documents.revoke(id, "goods rejected at inspection");
        vm.stopPrank();
        ITradeDocumentRegistry.Document memory d = documents.documentOf(id);
        assertEq(
            _load(_documentSlot(id, 0)),
            _slot0(d.documentType, d.status, d.version, d.issuedAt, d.issuer),
            "slot 0 is the record's first five fields"
        );
        assertEq(uint256(d.version), 3, "three versions");
        assertEq(bytes32(_load(_previousHashSlot(id, 1))), keccak256("v1"), "version 1's hash");
        assertEq(bytes32(_load(_previousHashSlot(id, 2))), keccak256("v2"), "version 2's hash");
        assertEq(bytes32(_load(_previousHashSlot(id, 3))), bytes32(0), "the current hash is not duplicated");
        assertEq(bytes32(_load(_documentSlot(id, 4))), keccak256("v3"), "the current hash");
        assertEq(bytes32(_load(_subjectEntrySlot(EBL_REGISTRY, 42, 0))), id, "the subject's entry");
        assertEq(_load(_subjectLengthSlot(EBL_REGISTRY, 42)), 1, "one entry");
    }
}
