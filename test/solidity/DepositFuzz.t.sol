// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {ITokenizedDeposit} from "../../contracts/interfaces/ITokenizedDeposit.sol";
import {DepositFixture} from "./utils/DepositFixture.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice Fuzz tests of the tokenized deposit: the frozen part of a balance never moves by any holder-side path,
 * the supply is always the sum of mints minus the sum of burns, and a forced transfer conserves supply and leaves
 * a consistent frozen part.
 */
contract DepositFuzzTest is Test, DepositFixture {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant SPENDER = address(0x5BE4D);
    uint256 internal constant MAX = 1e15; // 10 trillion HKD in cents

    function setUp() public {
        _deploy(address(this));
        _register(ALICE, ParticipantKinds.TRADER);
        _register(BOB, ParticipantKinds.TRADER);
    }

    /// @dev Tries to move `amount` out of ALICE by one of the four holder-side paths; returns whether it succeeded.
    function _moveOut(uint8 path, uint256 amount) internal returns (bool ok) {
        path = path % 4;
        bytes memory data;
        if (path == 0) {
            vm.prank(ALICE);
            data = abi.encodeCall(token.transfer, (BOB, amount));
        } else if (path == 1) {
            vm.prank(ALICE);
            token.approve(SPENDER, type(uint256).max);
            vm.prank(SPENDER);
            data = abi.encodeCall(token.transferFrom, (ALICE, BOB, amount));
        } else if (path == 2) {
            data = abi.encodeCall(token.burn, (ALICE, amount, bytes32("CBS-BURN")));
        } else {
            vm.prank(ALICE);
            data = abi.encodeCall(token.requestRedemption, (amount, bytes32("PAYOUT")));
        }
        (ok, ) = address(token).call(data);
    }

    /// @notice Whatever the balance, frozen part, amount and path: a movement succeeds exactly when it stays within
    /// the unfrozen part, and afterwards the balance still covers the frozen part.
    function testFuzz_partialFreezeNeverLetsTheFrozenPartMove(
        uint256 balance,
        uint256 frozen,
        uint256 amount,
        uint8 path
    ) public {
        balance = bound(balance, 1, MAX);
        frozen = bound(frozen, 1, balance);
        amount = bound(amount, 1, balance);
        token.mint(ALICE, balance, "CBS-1");
        token.freezeAmount(ALICE, frozen);

        bool ok = _moveOut(path, amount);

        assertEq(ok, amount <= balance - frozen, "moved iff within the unfrozen part");
        assertEq(token.balanceOf(ALICE), ok ? balance - amount : balance, "balance");
        assertEq(token.frozenAmount(ALICE), frozen, "frozen part unchanged");
        assertLe(token.frozenAmount(ALICE), token.balanceOf(ALICE), "frozen part covered by the balance");
    }

    /// @notice A second attempt never takes more than what was free: two movements in a row cannot drain the frozen part.
    function testFuzz_partialFreezeHoldsOverTwoMovements(
        uint256 frozen,
        uint256 first,
        uint256 second,
        uint8 path
    ) public {
        uint256 balance = 1_000_00;
        frozen = bound(frozen, 1, balance);
        token.mint(ALICE, balance, "CBS-1");
        token.freezeAmount(ALICE, frozen);
        _moveOut(path, bound(first, 1, balance));
        _moveOut(path >> 2, bound(second, 1, balance));
        assertLe(frozen, token.balanceOf(ALICE), "the frozen part is still there");
    }

    /// @notice Over any sequence of mints, bank burns and holder redemptions (some refused), totalSupply equals the
    /// sum of successful mints minus the sum of successful burns, and the redemption count matches.
    function testFuzz_totalSupplyIsMintsMinusBurns(uint256[10] calldata amounts, uint256 ops) public {
        uint256 minted;
        uint256 burned;
        uint256 redemptions;
        for (uint256 i; i < amounts.length; ++i) {
            uint256 amount = bound(amounts[i], 1, MAX);
            uint256 op = (ops >> (2 * i)) % 3;
            address holder = (ops >> (20 + i)) & 1 == 0 ? ALICE : BOB;
            uint256 before = token.balanceOf(holder);
            if (op == 0) {
                token.mint(holder, amount, "CBS-MINT");
                minted += amount;
            } else {
                bool ok;
                if (op == 1) {
                    (ok, ) = address(token).call(abi.encodeCall(token.burn, (holder, amount, bytes32("CBS-BURN"))));
                } else {
                    vm.prank(holder);
                    (ok, ) = address(token).call(abi.encodeCall(token.requestRedemption, (amount, bytes32("PAYOUT"))));
                    if (ok) ++redemptions;
                }
                assertEq(ok, amount <= before, "a burn succeeds exactly when the balance covers it");
                if (ok) burned += amount;
            }
        }
        assertEq(token.totalSupply(), minted - burned, "supply == mints - burns");
        assertEq(token.balanceOf(ALICE) + token.balanceOf(BOB), token.totalSupply(), "balances add up");
        assertEq(token.redemptionCount(), redemptions, "redemption count");
    }

    /// @notice A forced transfer, whatever the sender's state (frozen, partly frozen, revoked, paused token),
    /// conserves supply and the sum of the two balances, and leaves the frozen part within the remaining balance,
    /// touching it only if the amount reached into it.
    function testFuzz_forcedTransferConservesSupply(
        uint256 balance,
        uint256 frozen,
        uint256 amount,
        bool fullFreeze,
        bool revoke,
        bool pause
    ) public {
        balance = bound(balance, 1, MAX);
        frozen = bound(frozen, 0, balance);
        amount = bound(amount, 1, balance);
        token.mint(ALICE, balance, "CBS-1");
        token.mint(BOB, 7, "CBS-2");
        if (frozen != 0) token.freezeAmount(ALICE, frozen);
        if (fullFreeze) token.freeze(ALICE);
        if (revoke) registry.revoke(ALICE);
        if (pause) token.pause();
        uint256 supply = token.totalSupply();

        vm.expectEmit();
        emit ITokenizedDeposit.ForcedTransfer(ALICE, BOB, amount, "COURT", address(this));
        token.forcedTransfer(ALICE, BOB, amount, "COURT");

        assertEq(token.totalSupply(), supply, "supply conserved");
        assertEq(token.balanceOf(ALICE) + token.balanceOf(BOB), balance + 7, "sum of the two balances conserved");
        assertEq(token.balanceOf(BOB), 7 + amount, "recipient credited");
        uint256 remaining = balance - amount;
        assertEq(token.frozenAmount(ALICE), frozen > remaining ? remaining : frozen, "frozen part trimmed to the rest");
        assertEq(token.isFrozen(ALICE), fullFreeze, "full freeze untouched");
    }
}
