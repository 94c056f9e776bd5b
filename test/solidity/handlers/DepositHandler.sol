// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IParticipantRegistry} from "../../../contracts/interfaces/IParticipantRegistry.sol";
import {TokenizedDeposit} from "../../../contracts/deposits/TokenizedDeposit.sol";
import {vm} from "../utils/Vm.sol";

/**
 * @title DepositHandler
 * @notice Drives a tokenized deposit with random mints, burns, redemptions, transfers, full and partial freezes,
 * forced transfers and pauses by random actors, and keeps ghost totals. Before each call it predicts from its own
 * model whether the token must accept or refuse it; every disagreement is counted in `mismatches`.
 * @dev Holds every operational role. Actors 0..2 are verified participants, actor 3 is not. Never reverts.
 */
contract DepositHandler {
    TokenizedDeposit public immutable token;
    IParticipantRegistry public immutable registry;
    address[4] internal _actors = [address(0xA0), address(0xA1), address(0xA2), address(0xBAD)];

    uint256 public ghostMinted;
    uint256 public ghostBurned;
    uint256 public ghostRedemptions;
    uint256 public ghostForcedTransfers;
    /// @notice Calls whose outcome (accepted / refused) differed from the model's prediction.
    uint256 public mismatches;
    /// @notice Ordinary movements after which the sender's balance no longer covered its frozen part.
    uint256 public frozenPartMoved;

    constructor(TokenizedDeposit token_) {
        token = token_;
        registry = token_.registry();
    }

    function actors() external view returns (address[4] memory) {
        return _actors;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _amount(uint256 seed, address from) internal view returns (uint256) {
        // mostly within the balance, sometimes above it
        return 1 + (seed % (token.balanceOf(from) + token.balanceOf(from) / 5 + 1));
    }

    function _canReceive(address to) internal view returns (bool) {
        return registry.isVerified(to) && !token.isFrozen(to);
    }

    /// @dev What an ordinary (holder-side) movement of `amount` from `from` needs.
    function _canSend(address from, uint256 amount) internal view returns (bool) {
        uint256 balance = token.balanceOf(from);
        return
            !token.paused() &&
            registry.isVerified(from) &&
            !token.isFrozen(from) &&
            amount <= balance &&
            amount <= balance - token.frozenAmount(from);
    }

    function _check(bool expected, bool ok) internal {
        if (expected != ok) ++mismatches;
    }

    function _checkFrozenCovered(address account) internal {
        if (token.frozenAmount(account) > token.balanceOf(account)) ++frozenPartMoved;
    }

    // ------------------------------------------------------------------ actions

    function mint(uint256 toSeed, uint256 amount) external {
        address to = _actor(toSeed);
        amount = 1 + (amount % 1e12);
        bool expected = !token.paused() && _canReceive(to);
        bool ok;
        try token.mint(to, amount, "CBS-MINT") {
            ok = true;
            ghostMinted += amount;
        } catch {}
        _check(expected, ok);
    }

    function burn(uint256 fromSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = _amount(amount, from);
        bool expected = _canSend(from, amount);
        bool ok;
        try token.burn(from, amount, "CBS-BURN") {
            ok = true;
            ghostBurned += amount;
        } catch {}
        _check(expected, ok);
        _checkFrozenCovered(from);
    }

    function redeem(uint256 fromSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = _amount(amount, from);
        bool expected = _canSend(from, amount);
        bool ok;
        vm.prank(from);
        try token.requestRedemption(amount, "PAYOUT") {
            ok = true;
            ghostBurned += amount;
            ++ghostRedemptions;
        } catch {}
        _check(expected, ok);
        _checkFrozenCovered(from);
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = _amount(amount, from);
        bool expected = _canSend(from, amount) && _canReceive(to);
        bool ok;
        vm.prank(from);
        try token.transfer(to, amount) {
            ok = true;
        } catch {}
        _check(expected, ok);
        _checkFrozenCovered(from);
    }

    function forcedTransfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        // half of the orders take the whole balance, so that they reach into any frozen part
        amount = amount % 2 == 0 && token.balanceOf(from) != 0 ? token.balanceOf(from) : _amount(amount, from);
        bool expected = amount <= token.balanceOf(from) && _canReceive(to);
        bool ok;
        try token.forcedTransfer(from, to, amount, "COURT") {
            ok = true;
            ++ghostForcedTransfers;
        } catch {}
        _check(expected, ok);
    }

    function toggleFreeze(uint256 seed) external {
        address account = _actor(seed);
        if (token.isFrozen(account)) token.unfreeze(account);
        else token.freeze(account);
    }

    function freezeAmount(uint256 seed, uint256 amount) external {
        address account = _actor(seed);
        // mostly within the unfrozen part, sometimes beyond it
        uint256 free = token.balanceOf(account) - token.frozenAmount(account);
        amount = 1 + (amount % (free + free / 5 + 1));
        bool expected = token.frozenAmount(account) + amount <= token.balanceOf(account);
        bool ok;
        try token.freezeAmount(account, amount) {
            ok = true;
        } catch {}
        _check(expected, ok);
    }

    function unfreezeAmount(uint256 seed, uint256 amount) external {
        address account = _actor(seed);
        amount = 1 + (amount % (token.frozenAmount(account) + 2));
        bool expected = amount <= token.frozenAmount(account);
        bool ok;
        try token.unfreezeAmount(account, amount) {
            ok = true;
        } catch {}
        _check(expected, ok);
    }

    function togglePause(uint256 seed) external {
        // pause rarely (1 in 4) so that most sequences run mostly unpaused
        if (token.paused()) token.unpause();
        else if (seed % 4 == 0) token.pause();
    }
}
