// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {ParticipantRegistry} from "../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../contracts/access/RailsAccessManager.sol";
import {ConsentRegistry} from "../../contracts/consent/ConsentRegistry.sol";
import {TradeDocumentRegistry} from "../../contracts/documents/TradeDocumentRegistry.sol";
import {IConsentRegistry} from "../../contracts/interfaces/IConsentRegistry.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice The consent registry's packed layout (the table in ConsentRegistry's NatSpec), checked through the words
 * each operation writes: a grant's slot 0 packs owner, revoked, scope kind, purpose and expiry; an OwnerDocuments grant
 * never writes its target slots; a revocation writes slot 0 alone; a recorded access writes one flag and nothing of the
 * grant.
 * @dev Slot numbers from docs/audit/storage-layout.md (generated from the compiler's layout): `_grants` 2, `_nonces` 3,
 * `_recorded` 4 (EIP712's two string fallbacks take 0 and 1).
 */
contract ConsentStorageTest is Test {
    uint256 internal constant GRANTS_SLOT = 2;
    uint256 internal constant NONCES_SLOT = 3;
    uint256 internal constant RECORDED_SLOT = 4;
    uint256 internal constant BANK_KEY = 0xB0B0;
    address internal constant OWNER = address(0x0E);
    address internal constant EBL = address(0xEB1);

    ParticipantRegistry internal participants;
    TradeDocumentRegistry internal documents;
    ConsentRegistry internal consent;
    address internal bank;
    bytes32 internal invoice;

    function setUp() public {
        vm.warp(1_750_000_000);
        RailsAccessManager manager = new RailsAccessManager(address(this));
        participants = new ParticipantRegistry(address(manager));
        documents = new TradeDocumentRegistry(address(manager), participants);
        consent = new ConsentRegistry(participants, documents);
        bank = vm.addr(BANK_KEY);
        _register(OWNER, ParticipantKinds.TRADER);
        _register(bank, ParticipantKinds.BANK);
        vm.prank(OWNER);
        invoice = documents.register(1, keccak256("INV-1"), OWNER, EBL, 7, keccak256("invoice"));
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

    function _terms(IConsentRegistry.ScopeKind kind) internal view returns (IConsentRegistry.ConsentTerms memory t) {
        t.grantee = bank;
        t.scopeKind = kind;
        t.documentTypes = 1 << 1;
        if (kind == IConsentRegistry.ScopeKind.BillDocuments) (t.target, t.targetId) = (EBL, 7);
        t.purpose = IConsentRegistry.Purpose.Compliance;
        t.expiresAt = uint40(block.timestamp + 30 days);
    }

    function _grantSlot(bytes32 grantId, uint256 field) internal pure returns (bytes32) {
        return bytes32(uint256(keccak256(abi.encode(grantId, GRANTS_SLOT))) + field);
    }

    /// @dev The distinct slots of the consent registry written since `vm.record()`.
    function _written() internal returns (bytes32[] memory distinct) {
        (, bytes32[] memory writes) = vm.accesses(address(consent));
        distinct = new bytes32[](writes.length);
        uint256 n;
        for (uint256 i; i < writes.length; ++i) {
            bool seen;
            for (uint256 j; j < n && !seen; ++j) seen = distinct[j] == writes[i];
            if (!seen) distinct[n++] = writes[i];
        }
        assembly {
            mstore(distinct, n)
        }
    }

    function _assertWritten(bytes32[] memory expected, string memory what) internal {
        bytes32[] memory written = _written();
        assertEq(written.length, expected.length, string.concat(what, ": number of slots written"));
        for (uint256 i; i < expected.length; ++i) {
            bool found;
            for (uint256 j; j < written.length && !found; ++j) found = written[j] == expected[i];
            assertTrue(found, string.concat(what, ": an expected slot was not written"));
        }
    }

    /// @notice An OwnerDocuments grant writes the owner's nonce and slots 0, 1 and 3 of the grant (not 2 and 4, its
    /// target); slot 0 is owner | revoked << 160 | scopeKind << 168 | purpose << 176 | expiresAt << 184.
    function test_ownerDocumentsGrantWritesThreeSlotsWithSlot0Packed() public {
        IConsentRegistry.ConsentTerms memory t = _terms(IConsentRegistry.ScopeKind.OwnerDocuments);
        vm.record();
        vm.prank(OWNER);
        bytes32 grantId = consent.grant(t);
        bytes32[] memory expected = new bytes32[](4);
        expected[0] = keccak256(abi.encode(OWNER, NONCES_SLOT));
        expected[1] = _grantSlot(grantId, 0);
        expected[2] = _grantSlot(grantId, 1);
        expected[3] = _grantSlot(grantId, 3);
        _assertWritten(expected, "grant");
        uint256 word0 = uint256(uint160(OWNER)) | (uint256(2) << 176) | (uint256(t.expiresAt) << 184);
        assertEq(uint256(vm.load(address(consent), _grantSlot(grantId, 0))), word0, "slot 0");
        assertEq(vm.load(address(consent), _grantSlot(grantId, 1)), bytes32(uint256(uint160(bank))), "slot 1: grantee");
        assertEq(uint256(vm.load(address(consent), _grantSlot(grantId, 3))), 1 << 1, "slot 3: document types");
    }

    /// @notice A BillDocuments grant also writes its eBL registry (slot 2) and token id (slot 4).
    function test_billDocumentsGrantWritesItsTarget() public {
        vm.record();
        vm.prank(OWNER);
        bytes32 grantId = consent.grant(_terms(IConsentRegistry.ScopeKind.BillDocuments));
        assertEq(_written().length, 6, "nonce and five grant slots");
        uint256 word0 = uint256(vm.load(address(consent), _grantSlot(grantId, 0)));
        assertEq((word0 >> 168) & 0xff, 1, "slot 0: scope kind BillDocuments");
        assertEq(vm.load(address(consent), _grantSlot(grantId, 2)), bytes32(uint256(uint160(EBL))), "slot 2: target");
        assertEq(uint256(vm.load(address(consent), _grantSlot(grantId, 4))), 7, "slot 4: target id");
    }

    /// @notice A revocation writes slot 0 alone, setting the byte at offset 20 and leaving the rest of the word.
    function test_revocationWritesSlot0Only() public {
        vm.prank(OWNER);
        bytes32 grantId = consent.grant(_terms(IConsentRegistry.ScopeKind.OwnerDocuments));
        uint256 before = uint256(vm.load(address(consent), _grantSlot(grantId, 0)));
        vm.record();
        vm.prank(OWNER);
        consent.revoke(grantId);
        bytes32[] memory expected = new bytes32[](1);
        expected[0] = _grantSlot(grantId, 0);
        _assertWritten(expected, "revoke");
        assertEq(uint256(vm.load(address(consent), _grantSlot(grantId, 0))), before | (1 << 160), "revoked bit");
    }

    /// @notice A recorded access writes its digest's flag and nothing else.
    function test_recordedAccessWritesOneFlag() public {
        vm.prank(OWNER);
        bytes32 grantId = consent.grant(_terms(IConsentRegistry.ScopeKind.OwnerDocuments));
        IConsentRegistry.DataRequest memory r = IConsentRegistry.DataRequest({
            grantId: grantId,
            documentId: invoice,
            purpose: IConsentRegistry.Purpose.Compliance,
            nonce: keccak256("first"),
            deadline: block.timestamp + 1 hours
        });
        bytes32 digest = consent.hashDataRequest(r);
        (uint8 v, bytes32 rs, bytes32 s) = vm.sign(BANK_KEY, digest);
        vm.record();
        consent.recordAccess(r, abi.encodePacked(rs, s, v));
        bytes32[] memory expected = new bytes32[](1);
        expected[0] = keccak256(abi.encode(digest, RECORDED_SLOT));
        _assertWritten(expected, "recordAccess");
        assertEq(uint256(vm.load(address(consent), expected[0])), 1, "recorded flag");
    }
}
