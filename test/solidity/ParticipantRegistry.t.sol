// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ParticipantRegistry} from "../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../contracts/access/RailsAccessManager.sol";
import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Fuzz tests of the participant register: verification follows register, revoke and expiry exactly.
contract ParticipantRegistryFuzzTest is Test {
    ParticipantRegistry internal registry;

    function setUp() public {
        vm.warp(1_750_000_000);
        // The test is the manager's admin, which may call every function not assigned to a role.
        registry = new ParticipantRegistry(address(new RailsAccessManager(address(this))));
    }

    function _registration(
        uint32 kinds,
        uint64 validUntil
    ) internal pure returns (IParticipantRegistry.Registration memory) {
        return
            IParticipantRegistry.Registration({
                kinds: kinds,
                jurisdiction: "HK",
                validUntil: validUntil,
                kycReference: keccak256("kyc")
            });
    }

    /// @notice A registered participant is verified exactly until its expiry, and never after a revoke.
    function testFuzz_verifiedUntilExpiryAndRevoke(
        address account,
        uint32 kinds,
        uint64 ttl,
        uint64 probe,
        bool revokeIt
    ) public {
        vm.assume(account != address(0));
        kinds = uint32(bound(kinds, 1, ParticipantKinds.ALL));
        if (kinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0) kinds &= ParticipantKinds.CONTRACT_CUSTODIAN; // stands alone
        ttl = uint64(bound(ttl, 1, 3650 days));
        uint64 validUntil = uint64(block.timestamp) + ttl;
        registry.register(account, _registration(kinds, validUntil));
        if (revokeIt) registry.revoke(account);

        uint256 at = bound(probe, block.timestamp, uint256(validUntil) + 365 days);
        vm.warp(at);
        bool expected = !revokeIt && at < validUntil;
        assertEq(registry.isVerified(account), expected, "isVerified");
        assertEq(registry.isVerifiedAs(account, kinds), expected, "isVerifiedAs own kinds");
        uint32 otherKinds = ParticipantKinds.ALL & ~kinds;
        if (otherKinds != 0) assertFalse(registry.isVerifiedAs(account, otherKinds), "isVerifiedAs other kinds");
        assertEq(registry.verifiedKinds(account), expected ? kinds : 0, "verifiedKinds");
        (uint32 first, uint32 second) = registry.verifiedKindsOfPair(account, address(0xD00D));
        assertEq(first, expected ? kinds : 0, "verifiedKindsOfPair first");
        assertEq(second, 0, "verifiedKindsOfPair unknown second");
        (first, second) = registry.verifiedKindsOfPair(address(0xD00D), account);
        assertEq(first, 0, "verifiedKindsOfPair unknown first");
        assertEq(second, expected ? kinds : 0, "verifiedKindsOfPair second");
    }

    /// @notice A custodian kind together with any other kind is always refused: a custodian may act for an eBL's title
    /// holder, so it must never also be one.
    function testFuzz_custodianKindsStandAlone(uint32 kinds) public {
        kinds = uint32(bound(kinds, 1, ParticipantKinds.ALL));
        bool mixed =
            kinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0 && kinds & ~ParticipantKinds.CONTRACT_CUSTODIAN != 0;
        if (mixed)
            vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.ParticipantInvalidKinds.selector, kinds));
        registry.register(address(0xBEEF), _registration(kinds, uint64(block.timestamp + 1)));
        if (!mixed) assertEq(registry.participant(address(0xBEEF)).kinds, kinds, "recorded");
    }

    /// @notice Kinds outside the defined set are always refused, whatever else is right.
    function testFuzz_unknownKindsRefused(uint32 kinds) public {
        vm.assume(kinds == 0 || kinds & ~ParticipantKinds.ALL != 0);
        vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.ParticipantInvalidKinds.selector, kinds));
        registry.register(address(0xBEEF), _registration(kinds, uint64(block.timestamp + 1)));
    }

    /// @notice A renewal through `update` restores verification of a lapsed participant.
    function testFuzz_renewalAfterLapse(uint64 lapseBy, uint64 renewFor) public {
        address account = address(0xCAFE);
        registry.register(account, _registration(ParticipantKinds.TRADER, uint64(block.timestamp + 30 days)));
        vm.warp(block.timestamp + 30 days + bound(lapseBy, 0, 3650 days));
        assertFalse(registry.isVerified(account), "lapsed");
        registry.update(
            account,
            _registration(ParticipantKinds.TRADER, uint64(block.timestamp + bound(renewFor, 1, 3650 days)))
        );
        assertTrue(registry.isVerified(account), "renewed");
    }

    /// @notice The hot path other contracts call on every transfer reads exactly one storage slot per account.
    function test_verificationChecksReadOneSlot() public {
        address account = address(0xCAFE);
        registry.register(account, _registration(ParticipantKinds.TRADER, uint64(block.timestamp + 30 days)));

        vm.record();
        registry.isVerified(account);
        (bytes32[] memory reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 1, "isVerified storage reads");

        vm.record();
        registry.isVerifiedAs(account, ParticipantKinds.TRADER);
        (reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 1, "isVerifiedAs storage reads");

        vm.record();
        registry.verifiedKinds(account);
        (reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 1, "verifiedKinds storage reads");

        vm.record();
        registry.verifiedKindsOfPair(account, address(0xD00D));
        (reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 2, "verifiedKindsOfPair storage reads");
    }

    /**
     * @notice The record's word is laid out as the registry's hot path reads it with shifts: active in bits 0..7,
     * kinds in 8..39, jurisdiction in 40..55, validUntil in 56..119, nothing above; a revoke clears only the active
     * byte. Slot 1 is `_status` (docs/audit/storage-layout.md).
     */
    function testFuzz_recordWordLayout(address account, uint32 kinds, uint8 first, uint8 second, uint64 ttl) public {
        vm.assume(account != address(0));
        kinds = uint32(bound(kinds, 1, ParticipantKinds.ALL));
        if (kinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0) kinds &= ParticipantKinds.CONTRACT_CUSTODIAN; // stands alone
        bytes2 jurisdiction = bytes2(
            uint16((uint16(bound(first, 0x41, 0x5A)) << 8) | uint16(bound(second, 0x41, 0x5A)))
        );
        uint64 validUntil = uint64(block.timestamp) + uint64(bound(ttl, 1, type(uint64).max - block.timestamp));
        registry.register(
            account,
            IParticipantRegistry.Registration({
                kinds: kinds,
                jurisdiction: jurisdiction,
                validUntil: validUntil,
                kycReference: bytes32(0)
            })
        );
        bytes32 slot = keccak256(abi.encode(account, uint256(1)));
        uint256 fields = (uint256(kinds) << 8) | (uint256(uint16(jurisdiction)) << 40) | (uint256(validUntil) << 56);
        assertEq(uint256(vm.load(address(registry), slot)), 1 | fields, "registered record word");
        assertEq(registry.verifiedKinds(account), kinds, "verifiedKinds");

        registry.revoke(account);
        assertEq(uint256(vm.load(address(registry), slot)), fields, "revoked record word");
        assertEq(registry.verifiedKinds(account), 0, "verifiedKinds after revoke");
    }
}
