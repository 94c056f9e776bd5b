// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {IBillOfLadingRegistry} from "../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {IRailsErrors} from "../../contracts/interfaces/IRailsErrors.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {EblFixture} from "./utils/EblFixture.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Fuzz tests of the eBL registry's rules over arbitrary inputs.
contract EblFuzzTest is Test, EblFixture {
    address internal constant PROBE = address(0xBEEF);

    function setUp() public {
        _deployEbl();
    }

    /// @notice The token id is (issuer << 96) | uint96(keccak256(bytes(reference))) for any issuer and reference (SDK
    /// parity): distinct issuers never share an id, so no one can issue under another carrier's prefix.
    function testFuzz_tokenIdOfIsTheDocumentedEncoding(address issuer, string calldata ref) public view {
        uint256 expected = (uint256(uint160(issuer)) << 96) | uint96(uint256(keccak256(bytes(ref))));
        assertEq(ebl.tokenIdOf(issuer, ref), expected, "tokenIdOf encoding");
    }

    /// @notice A reference is accepted exactly when it is 1-20 bytes without leading or trailing whitespace.
    function testFuzz_referenceRule(bytes calldata raw) public {
        bytes memory b = raw.length > 24 ? raw[:24] : raw;
        string memory ref = string(b);
        bool valid = b.length >= 1 && b.length <= 20 && !_isSpace(b[0]) && !_isSpace(b[b.length - 1]);
        if (!valid) {
            vm.expectRevert(abi.encodeWithSelector(IBillOfLadingRegistry.EblInvalidReference.selector, ref));
        }
        uint256 id = _issue(ref, IBillOfLadingRegistry.BillKind.ToOrder, SHIPPER);
        if (valid) assertEq(id, ebl.tokenIdOf(CARRIER, ref), "issued under the derived id");
    }

    function _isSpace(bytes1 c) internal pure returns (bool) {
        return c == 0x20 || (c >= 0x09 && c <= 0x0d);
    }

    /// @notice Singularity: once issued, a B/L id can never be issued again, whether live, accomplished or switched
    /// to paper, and whatever kind or holder the second attempt names.
    function testFuzz_neverIssuedTwice(uint8 refSeed, uint8 end, bool secondStraight) public {
        string memory ref = string.concat("BL", Strings.toString(uint256(refSeed)));
        uint256 id = _issue(ref, IBillOfLadingRegistry.BillKind.ToOrder, SHIPPER);
        end = end % 3;
        if (end == 1) {
            vm.prank(SHIPPER);
            ebl.surrenderForDelivery(id);
            vm.prank(CARRIER);
            ebl.acceptSurrender(id);
        } else if (end == 2) {
            vm.prank(SHIPPER);
            ebl.requestSwitchToPaper(id);
            vm.prank(CARRIER);
            ebl.confirmSwitchToPaper(id);
        }
        vm.expectRevert(abi.encodeWithSelector(IBillOfLadingRegistry.EblAlreadyIssued.selector, id));
        _issue(
            ref,
            secondStraight ? IBillOfLadingRegistry.BillKind.Straight : IBillOfLadingRegistry.BillKind.ToOrder,
            CONSIGNEE
        );
    }

    /// @notice An approval succeeds exactly when the spender is verified now and is a settlement or custody participant.
    function testFuzz_approvalsOnlyToVerifiedCustodians(uint32 kinds, bool revoked) public {
        kinds = uint32(bound(kinds, 1, ParticipantKinds.ALL));
        if (kinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0) kinds &= ParticipantKinds.CONTRACT_CUSTODIAN; // stands alone
        participants.register(PROBE, _registration(kinds, 365 days));
        if (revoked) participants.revoke(PROBE);
        uint256 id = _issue("APPROVE-1", IBillOfLadingRegistry.BillKind.ToOrder, SHIPPER);
        bool allowed = !revoked && kinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0;
        if (!allowed) {
            vm.expectRevert(abi.encodeWithSelector(IBillOfLadingRegistry.EblOperatorNotCustodian.selector, PROBE));
        }
        vm.prank(SHIPPER);
        ebl.approve(PROBE, id);
        if (!allowed) {
            vm.expectRevert(abi.encodeWithSelector(IBillOfLadingRegistry.EblOperatorNotCustodian.selector, PROBE));
        }
        vm.prank(SHIPPER);
        ebl.setApprovalForAll(PROBE, true);
        assertEq(ebl.getApproved(id), allowed ? PROBE : address(0), "approved");
        assertEq(ebl.isApprovedForAll(SHIPPER, PROBE), allowed, "approved for all");
    }

    /// @notice A receiver must be verified at the moment it receives: before its expiry yes, from its expiry on no.
    function testFuzz_receiverVerifiedAtReceipt(uint64 ttl, uint64 wait) public {
        ttl = uint64(bound(ttl, 1, 730 days));
        participants.register(PROBE, _registration(ParticipantKinds.BANK, ttl));
        uint256 id = _issue("RECEIVE-1", IBillOfLadingRegistry.BillKind.ToOrder, SHIPPER);
        uint256 at = block.timestamp + bound(wait, 0, 1460 days);
        vm.warp(at);
        bool verified = at < 1_750_000_000 + uint256(ttl);
        if (!verified) vm.expectRevert(abi.encodeWithSelector(IRailsErrors.RailsNotVerified.selector, PROBE));
        vm.prank(SHIPPER);
        ebl.transferFrom(SHIPPER, PROBE, id);
        assertEq(ebl.ownerOf(id), verified ? PROBE : SHIPPER, "holder");
        assertEq(ebl.titleHolderOf(id), SHIPPER, "title did not move with possession");
    }

    /// @notice Straight B/L: possession passes to a verified participant exactly when it is a bank, agent, settlement
    /// or custody participant (or the consignee / shipper / carrier); never to another trader.
    function testFuzz_straightPossessionRule(uint32 kinds) public {
        kinds = uint32(bound(kinds, 1, ParticipantKinds.ALL));
        if (kinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0) kinds &= ParticipantKinds.CONTRACT_CUSTODIAN; // stands alone
        participants.register(PROBE, _registration(kinds, 365 days));
        uint256 id = _issue("STRAIGHT-1", IBillOfLadingRegistry.BillKind.Straight, SHIPPER);
        uint32 allowedKinds = ParticipantKinds.BANK | ParticipantKinds.AGENT | ParticipantKinds.CONTRACT_CUSTODIAN;
        bool allowed = kinds & allowedKinds != 0;
        if (!allowed) {
            vm.expectRevert(
                abi.encodeWithSelector(IBillOfLadingRegistry.EblStraightRecipientNotAllowed.selector, id, PROBE)
            );
        }
        vm.prank(SHIPPER);
        ebl.transferFrom(SHIPPER, PROBE, id);
        assertEq(ebl.titleHolderOf(id), CONSIGNEE, "consignee keeps title");
        assertEq(ebl.ownerOf(id), allowed ? PROBE : SHIPPER, "holder");
    }

    /// @notice A permit is accepted exactly when signed by the holder's key, for that spender, nonce and deadline.
    function testFuzz_permitOnlyByHolder(uint256 holderKey, uint256 otherKey, uint256 deadlineOffset) public {
        holderKey = bound(holderKey, 1, 2 ** 128);
        otherKey = bound(otherKey, 1, 2 ** 128);
        address holder = vm.addr(holderKey);
        participants.register(holder, _registration(ParticipantKinds.TRADER, 365 days));
        participants.register(PROBE, _registration(ParticipantKinds.SETTLEMENT, 365 days));
        uint256 id = _issue("PERMIT-1", IBillOfLadingRegistry.BillKind.ToOrder, holder);
        uint256 deadline = block.timestamp + bound(deadlineOffset, 0, 365 days);
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                ebl.DOMAIN_SEPARATOR(),
                keccak256(abi.encode(ebl.PERMIT_TYPEHASH(), PROBE, id, ebl.nonces(id), deadline))
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(otherKey, digest);
        if (otherKey != holderKey) {
            vm.expectRevert(abi.encodeWithSelector(IRailsErrors.RailsInvalidSignature.selector, holder));
            ebl.permit(PROBE, id, deadline, abi.encodePacked(r, s, v));
        }
        (v, r, s) = vm.sign(holderKey, digest);
        ebl.permit(PROBE, id, deadline, abi.encodePacked(r, s, v));
        assertEq(ebl.getApproved(id), PROBE, "approved by permit");
        assertEq(ebl.nonces(id), 1, "nonce used");
    }

    /// @notice Defence in depth: even a call that reaches ERC-721's mint path without an `auth` (a sender of address
    /// zero) cannot create or resurrect a token; only `issue` mints.
    function testFuzz_noMintOutsideIssue(uint256 tokenId) public {
        vm.prank(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IBillOfLadingRegistry.EblInvalidStatus.selector,
                tokenId,
                IBillOfLadingRegistry.BillStatus.None
            )
        );
        ebl.transferFrom(address(0), SHIPPER, tokenId);

        uint256 id = _issue("BURNED-1", IBillOfLadingRegistry.BillKind.ToOrder, SHIPPER);
        vm.prank(SHIPPER);
        ebl.surrenderForDelivery(id);
        vm.prank(CARRIER);
        ebl.acceptSurrender(id);
        vm.prank(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IBillOfLadingRegistry.EblInvalidStatus.selector,
                id,
                IBillOfLadingRegistry.BillStatus.Accomplished
            )
        );
        ebl.transferFrom(address(0), SHIPPER, id);
    }
}
