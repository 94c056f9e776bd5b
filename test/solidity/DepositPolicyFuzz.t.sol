// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {TransferPolicy} from "../../contracts/deposits/policy/TransferPolicy.sol";
import {ITransferPolicy} from "../../contracts/deposits/policy/ITransferPolicy.sol";
import {DepositFixture} from "./utils/DepositFixture.sol";
import {RailsRoles} from "./utils/RailsRoles.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice ERC-7943's promise, fuzzed: for random states (full and partial freezes, unverified and expired
 * participants, the pause, a transfer policy with limits, today's spending, sanctions and jurisdiction pairs),
 * `canTransfer(from, to, amount)` is true exactly when the transfer then succeeds, and a refused transfer leaves both
 * balances as they were.
 */
contract DepositPolicyFuzzTest is Test, DepositFixture {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA401); // verified for one day only, in CN
    address internal constant MALLORY = address(0xBAD); // never registered
    uint256 internal constant MAX = 1e15;

    TransferPolicy internal policy;

    function setUp() public {
        _deploy(address(this));
        _register(ALICE, ParticipantKinds.TRADER);
        _register(BOB, ParticipantKinds.TRADER);
        registry.register(
            CAROL,
            IParticipantRegistry.Registration({
                kinds: ParticipantKinds.TRADER,
                jurisdiction: "CN",
                validUntil: uint64(block.timestamp + 1 days),
                kycReference: keccak256("carol")
            })
        );
        policy = new TransferPolicy(token, address(manager));
        RailsRoles.wire(manager, policy, "HKD");
    }

    /// @dev Random state from `flags` (one bit per condition) and the amounts; then the comparison.
    function testFuzz_canTransferAgreesWithTheTransfer(
        uint256 balance,
        uint256 frozen,
        uint256 spent,
        uint256 limit,
        uint256 amount,
        uint16 flags,
        uint8 recipient
    ) public {
        balance = bound(balance, 0, MAX);
        frozen = bound(frozen, 0, balance);
        if (balance != 0) token.mint(ALICE, balance, "CBS-1");
        token.mint(BOB, 1, "CBS-2");
        if (frozen != 0) token.setFrozenTokens(ALICE, frozen);
        address to = [BOB, CAROL, MALLORY, address(0), ALICE][recipient % 5];

        if (flags & 1 != 0) {
            token.setTransferPolicy(policy);
            // what ALICE sent earlier today (to BOB, within her unfrozen part), before any limit
            spent = bound(spent, 0, balance - frozen);
            if (spent != 0) {
                vm.prank(ALICE);
                token.transfer(BOB, spent);
            }
            limit = bound(limit, 1, MAX);
            if (flags & 2 != 0) policy.setAccountLimits(ALICE, limit, type(uint256).max);
            if (flags & 4 != 0) policy.setAccountLimits(ALICE, type(uint256).max, limit);
            if (flags & 8 != 0)
                policy.setSanctioned(
                    flags & 16 != 0
                        ? ALICE
                        : to == address(0)
                            ? BOB
                            : to,
                    true
                );
            if (flags & 32 != 0) {
                policy.setJurisdictionPairsEnforced(true);
                if (flags & 64 != 0) policy.setJurisdictionPair("HK", "HK", true);
                if (flags & 128 != 0) policy.setJurisdictionPair("HK", "CN", true);
            }
        }
        if (flags & 256 != 0) token.freeze(ALICE);
        if (flags & 512 != 0 && to != address(0) && !token.isFrozen(to)) token.freeze(to);
        if (flags & 1024 != 0) token.pause();
        if (flags & 2048 != 0) registry.revoke(ALICE);
        if (flags & 4096 != 0) vm.warp(block.timestamp + 2 days); // CAROL's verification has lapsed
        amount = bound(amount, 0, MAX + 1);

        bool can = token.canTransfer(ALICE, to, amount);
        uint256 aliceBefore = token.balanceOf(ALICE);
        uint256 toBefore = token.balanceOf(to);
        vm.prank(ALICE);
        (bool ok, ) = address(token).call(
            flags & 8192 != 0
                ? abi.encodeCall(token.transferWithReference, (to, amount, bytes32("E2E-1")))
                : abi.encodeCall(token.transfer, (to, amount))
        );

        assertEq(ok, can, "canTransfer is the transfer's outcome");
        if (!ok) {
            assertEq(token.balanceOf(ALICE), aliceBefore, "a refused transfer leaves the sender's balance");
            assertEq(token.balanceOf(to), toBefore, "a refused transfer leaves the recipient's balance");
        }
    }

    /// @notice The policy's own `canTransfer` and `checkTransfer` agree with what it enforces on the token.
    function testFuzz_policyViewsAgree(uint256 limit, uint256 amount, bool sanctioned) public {
        token.mint(ALICE, MAX, "CBS-1");
        token.setTransferPolicy(policy);
        limit = bound(limit, 1, MAX);
        amount = bound(amount, 0, MAX);
        policy.setDefaultLimits(limit, type(uint256).max);
        if (sanctioned) policy.setSanctioned(BOB, true);
        bool can = policy.canTransfer(ALICE, BOB, amount);
        (bool checked, ) = address(policy).staticcall(
            abi.encodeCall(ITransferPolicy.checkTransfer, (ALICE, BOB, amount))
        );
        assertEq(can, checked, "canTransfer is checkTransfer's outcome");
        assertEq(can, !sanctioned && amount <= limit, "the rules");
        assertEq(token.canTransfer(ALICE, BOB, amount), can, "the token asks its policy");
    }
}
