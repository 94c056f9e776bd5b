// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {IRailsErrors} from "../../contracts/interfaces/IRailsErrors.sol";
import {ITokenizedDeposit} from "../../contracts/interfaces/ITokenizedDeposit.sol";
import {DepositFixture} from "./utils/DepositFixture.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice The packed account word of the tokenized deposit (balance, frozen part and full-freeze flag in one storage
 * slot, docs/deposits.md "Storage and gas"): the supply bound that makes every field fit, one read and one write of
 * each party's word per transfer, one registry question per movement, and fields that never bleed into each other.
 * @dev Slot numbers from docs/audit/storage-layout.md (generated from the compiler's layout; CI checks it).
 */
contract DepositStorageTest is Test, DepositFixture {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    uint256 internal constant CONTROLS_SLOT = 14; // `_controls`: the pause flag and the transfer policy
    uint256 internal constant ACCOUNTS_SLOT = 12; // `_accounts`
    uint256 internal constant SUPPLY_SLOT = 13; // `_supply`
    uint256 internal constant REGISTRY_STATUS_SLOT = 1; // ParticipantRegistry `_status`
    uint256 internal constant REGISTRY_KYC_SLOT = 2; // ParticipantRegistry `_kycReference`
    uint256 internal constant MAX = type(uint120).max;

    function setUp() public {
        _deploy(address(this));
        _register(ALICE, ParticipantKinds.TRADER);
        _register(BOB, ParticipantKinds.TRADER);
    }

    function _accountSlot(address account) internal pure returns (bytes32) {
        return keccak256(abi.encode(account, ACCOUNTS_SLOT));
    }

    function _word(address account) internal view returns (uint256) {
        return uint256(vm.load(address(token), _accountSlot(account)));
    }

    /// @dev The word must be exactly the three fields at their places, the 15 top bits zero, and the views agree.
    function _assertAccount(address account, uint256 balance, uint256 frozenPart, bool frozen) internal view {
        uint256 expected = balance | (frozenPart << 120) | (frozen ? 1 << 240 : 0);
        assertEq(_word(account), expected, "packed word");
        assertEq(token.balanceOf(account), balance, "balanceOf");
        assertEq(token.frozenAmount(account), frozenPart, "frozenAmount");
        assertEq(token.isFrozen(account), frozen, "isFrozen");
        assertEq(token.availableBalance(account), frozen ? 0 : balance - frozenPart, "availableBalance");
    }

    function _count(bytes32[] memory slots, bytes32 slot) internal pure returns (uint256 n) {
        for (uint256 i; i < slots.length; ++i) if (slots[i] == slot) ++n;
    }

    // ------------------------------------------------------------------ the supply bound

    function test_maxSupplyIsTheLargest120BitNumber() public view {
        assertEq(token.MAX_SUPPLY(), MAX, "MAX_SUPPLY");
    }

    /// @notice Without a cap, minting up to MAX_SUPPLY works and one more base unit fails, naming the bound.
    function test_mintUpToMaxSupplyThenOneMoreReverts() public {
        token.mint(ALICE, MAX - 1, "CBS-1");
        token.mint(BOB, 1, "CBS-2");
        assertEq(token.totalSupply(), MAX, "supply at the bound");
        _assertAccount(ALICE, MAX - 1, 0, false);

        vm.expectRevert(abi.encodeWithSelector(ITokenizedDeposit.DepositSupplyCapExceeded.selector, MAX + 1, MAX));
        token.mint(ALICE, 1, "CBS-3");

        // an amount whose sum overflows uint256 is reported with the same error, not a panic
        vm.expectRevert(
            abi.encodeWithSelector(ITokenizedDeposit.DepositSupplyCapExceeded.selector, type(uint256).max, MAX)
        );
        token.mint(ALICE, type(uint256).max, "CBS-4");
    }

    /// @notice No cap can be set above MAX_SUPPLY; a cap at the bound stops there, a cap below it is reported as itself.
    function test_capAboveTheBoundIsRefusedAndTheBoundHolds() public {
        vm.expectRevert(abi.encodeWithSelector(ITokenizedDeposit.DepositSupplyCapAboveMaximum.selector, MAX + 1, MAX));
        token.setSupplyCap(MAX + 1);
        token.setSupplyCap(MAX);
        vm.expectRevert(abi.encodeWithSelector(ITokenizedDeposit.DepositSupplyCapExceeded.selector, MAX + 1, MAX));
        token.mint(ALICE, MAX + 1, "CBS-1");
        token.mint(ALICE, MAX, "CBS-2");
        assertEq(token.totalSupply(), MAX, "supply at the bound");

        token.burn(ALICE, MAX, "CBS-3");
        token.setSupplyCap(100);
        vm.expectRevert(abi.encodeWithSelector(ITokenizedDeposit.DepositSupplyCapExceeded.selector, 101, 100));
        token.mint(ALICE, 101, "CBS-4");
    }

    /// @notice With every field at its maximum, a full movement and a full freeze still leave each field intact.
    function test_fieldsAtTheirMaximumDoNotOverflow() public {
        token.mint(ALICE, MAX, "CBS-1");
        token.freezeAmount(ALICE, MAX);
        token.freeze(ALICE);
        _assertAccount(ALICE, MAX, MAX, true);

        token.forcedTransfer(ALICE, BOB, MAX, "COURT");
        _assertAccount(ALICE, 0, 0, true);
        _assertAccount(BOB, MAX, 0, false);

        vm.prank(BOB);
        token.transfer(BOB, MAX); // self-transfer of everything
        _assertAccount(BOB, MAX, 0, false);
        assertEq(uint256(vm.load(address(token), bytes32(SUPPLY_SLOT))), MAX, "_supply");
    }

    // ------------------------------------------------------------------ what a transfer touches

    /// @notice A transfer loads and stores the sender's word and the recipient's word once each, reads the controls word
    /// (the pause flag and the transfer policy, none here),
    /// and touches no other slot of the token (no separate freeze slot, nothing of OpenZeppelin's `_balances`).
    function test_transferReadsAndWritesEachPartysWordOnce() public {
        token.mint(ALICE, 1_000, "CBS-1");
        token.mint(BOB, 1, "CBS-2");
        token.freezeAmount(ALICE, 10);
        bytes32 aliceSlot = _accountSlot(ALICE);
        bytes32 bobSlot = _accountSlot(BOB);

        vm.record();
        vm.prank(ALICE);
        token.transfer(BOB, 100);
        (bytes32[] memory reads, bytes32[] memory writes) = vm.accesses(address(token));

        assertEq(writes.length, 2, "two words written");
        assertEq(_count(writes, aliceSlot), 1, "sender's word written once");
        assertEq(_count(writes, bobSlot), 1, "recipient's word written once");
        // the recorder logs every SSTORE as a read of its slot too: per word, one SLOAD plus that one
        assertEq(reads.length, 5, "five reads: the controls word and two per word");
        assertEq(_count(reads, bytes32(CONTROLS_SLOT)), 1, "controls word (pause flag, no policy) read once");
        assertEq(_count(reads, aliceSlot), 2, "sender's word loaded once (and stored once)");
        assertEq(_count(reads, bobSlot), 2, "recipient's word loaded once (and stored once)");
        _assertAccount(ALICE, 900, 10, false);
        _assertAccount(BOB, 101, 0, false);
    }

    /// @notice The registry is asked once per transfer: its two status slots, the sender's and the recipient's, are
    /// each read once (two separate questions would read them in two calls, and a mint or burn reads only one). A
    /// forced transfer, rare and made by the bank, also reads the sender's whole record for the custodian rule.
    function test_registryIsAskedOncePerMovement() public {
        token.mint(ALICE, 1_000, "CBS-1");
        bytes32 aliceStatus = keccak256(abi.encode(ALICE, REGISTRY_STATUS_SLOT));
        bytes32 bobStatus = keccak256(abi.encode(BOB, REGISTRY_STATUS_SLOT));

        vm.record();
        vm.prank(ALICE);
        token.transfer(BOB, 100);
        (bytes32[] memory reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 2, "transfer: two registry reads");
        assertEq(_count(reads, aliceStatus), 1, "sender asked once");
        assertEq(_count(reads, bobStatus), 1, "recipient asked once");

        vm.record();
        token.mint(BOB, 1, "CBS-2");
        (reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 1, "mint: recipient only");
        assertEq(reads[0], bobStatus, "mint asks about the recipient");

        vm.record();
        token.burn(ALICE, 1, "CBS-3");
        (reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 1, "burn: sender only");
        assertEq(reads[0], aliceStatus, "burn asks about the sender");

        // a forced transfer asks about the recipient's verification, and reads the sender's record for its kinds
        // (the custodian rule holds for a revoked or lapsed sender too): its status and its KYC reference
        token.freeze(ALICE);
        vm.record();
        token.forcedTransfer(ALICE, BOB, 1, "COURT");
        (reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 3, "forced transfer: the sender's record and the recipient's status");
        assertEq(_count(reads, aliceStatus), 1, "forced transfer reads the sender's kinds once");
        assertEq(_count(reads, keccak256(abi.encode(ALICE, REGISTRY_KYC_SLOT))), 1, "and its KYC reference");
        assertEq(_count(reads, bobStatus), 1, "forced transfer asks about the recipient once");
    }

    /// @notice One registry answer still names the right party: the sender first, then the recipient.
    function test_notVerifiedNamesTheRightParty() public {
        token.mint(ALICE, 1_000, "CBS-1");
        address stranger = address(0x5757);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IRailsErrors.RailsNotVerified.selector, stranger));
        token.transfer(stranger, 1);

        registry.revoke(ALICE);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IRailsErrors.RailsNotVerified.selector, ALICE));
        token.transfer(stranger, 1); // both fail: the sender is reported
    }

    // ------------------------------------------------------------------ the fields never bleed into each other

    /// @notice Whatever the amounts (up to the bound): a credit, a debit, a partial and a full freeze each change
    /// only their own field of the word; the others and the 15 spare bits stay as they were.
    function testFuzz_packedFieldsNeverBleed(
        uint256 balance,
        uint256 frozenPart,
        uint256 credit,
        uint256 debit,
        bool fullFreeze
    ) public {
        balance = bound(balance, 1, MAX - 1);
        frozenPart = bound(frozenPart, 0, balance);
        credit = bound(credit, 1, MAX - balance);
        token.mint(ALICE, balance, "CBS-1");
        _assertAccount(ALICE, balance, 0, false);

        if (frozenPart != 0) token.freezeAmount(ALICE, frozenPart);
        _assertAccount(ALICE, balance, frozenPart, false);

        // credit from BOB: only the balance grows, up to MAX without carrying into the frozen part
        token.mint(BOB, credit, "CBS-2");
        vm.prank(BOB);
        token.transfer(ALICE, credit);
        balance += credit;
        _assertAccount(ALICE, balance, frozenPart, false);
        _assertAccount(BOB, 0, 0, false);

        // the flag leaves both amounts alone
        if (fullFreeze) token.freeze(ALICE);
        _assertAccount(ALICE, balance, frozenPart, fullFreeze);

        // debit, by the holder within the free part, or forced (possibly into the frozen part, which is trimmed)
        if (fullFreeze) {
            debit = bound(debit, 1, balance);
            token.forcedTransfer(ALICE, BOB, debit, "COURT");
            balance -= debit;
            if (frozenPart > balance) frozenPart = balance;
        } else if (balance > frozenPart) {
            debit = bound(debit, 1, balance - frozenPart);
            vm.prank(ALICE);
            token.transfer(BOB, debit);
            balance -= debit;
        }
        _assertAccount(ALICE, balance, frozenPart, fullFreeze);

        // lifting both leaves the balance alone
        if (fullFreeze) token.unfreeze(ALICE);
        if (frozenPart != 0) token.unfreezeAmount(ALICE, frozenPart);
        _assertAccount(ALICE, balance, 0, false);
        assertEq(token.balanceOf(ALICE) + token.balanceOf(BOB), token.totalSupply(), "balances add up");
    }
}
