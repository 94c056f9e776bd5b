// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {DepositHandler} from "./handlers/DepositHandler.sol";
import {DepositFixture} from "./utils/DepositFixture.sol";
import {Test} from "./utils/Test.sol";

/**
 * @notice Invariants of the tokenized deposit over random sequences of mint, burn, redemption, transfer, full and
 * partial freeze, forced transfer and pause by random actors (see {DepositHandler}, which also checks every single
 * call against its model of who may do what).
 * forge-config: default.invariant.runs = 64
 * forge-config: default.invariant.depth = 50
 */
contract DepositInvariantTest is Test, DepositFixture {
    DepositHandler internal handler;
    address[4] internal actors;

    function setUp() public {
        _deploy();
        handler = new DepositHandler(token);
        _grantAllRoles(address(handler));
        actors = handler.actors();
        for (uint256 i; i < 3; ++i) _register(actors[i], ParticipantKinds.TRADER);
        // actors[3] is never registered: every movement to or from it must be refused
        targetContract(address(handler));
    }

    /// @notice The supply is always the sum of successful mints minus the sum of successful burns and redemptions.
    function invariant_supplyIsMintsMinusBurns() public view {
        assertEq(token.totalSupply(), handler.ghostMinted() - handler.ghostBurned(), "supply == mints - burns");
    }

    /// @notice Tokens exist only at the actors (transfers and forced transfers conserve them).
    function invariant_balancesAddUpToSupply() public view {
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) sum += token.balanceOf(actors[i]);
        assertEq(sum, token.totalSupply(), "sum of balances == supply");
        assertEq(token.balanceOf(actors[3]), 0, "the non-participant never holds tokens");
    }

    /// @notice Every account's frozen part is covered by its balance, and no ordinary movement ever ate into it.
    function invariant_frozenPartCoveredByBalance() public view {
        for (uint256 i; i < actors.length; ++i) {
            assertLe(token.frozenAmount(actors[i]), token.balanceOf(actors[i]), "frozen <= balance");
        }
        assertEq(handler.frozenPartMoved(), 0, "frozen part moved");
    }

    /// @notice Every call was accepted or refused exactly as the rules say (verification, freeze, partial freeze,
    /// pause, balance; forced transfers only need a verified, unfrozen recipient).
    function invariant_everyCallFollowsTheRules() public view {
        assertEq(handler.mismatches(), 0, "calls whose outcome differed from the rules");
    }

    /// @notice The redemption counter counts exactly the accepted redemption requests.
    function invariant_redemptionCount() public view {
        assertEq(token.redemptionCount(), handler.ghostRedemptions(), "redemption count");
    }
}
