// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ISettlement} from "../../interfaces/ISettlement.sol";

/**
 * @title ISettlementCondition
 * @notice A condition that settlement terms can name (`Terms.condition`, with `Terms.conditionData` for its
 * parameters): the settlement contracts ask it before the legs move, and the settlement goes ahead only if it agrees.
 * Required trade documents and letters of credit are conditions; parties choose them when they sign the terms.
 * @dev A condition is asked once per settlement, with the settlement contract as caller, after the terms and both
 * parties' consent are checked and before anything moves: a signed settlement when it is submitted, an escrowed deal
 * when the leg that completes it arrives (a refused completion leaves the deal open, and cancellation and refund
 * return the legs as usual). It refuses with an error of its own that says what is missing, which the settlement
 * passes on unchanged. It may keep state (e.g. what a credit has paid); the settlement contracts are not reentrant.
 */
interface ISettlementCondition {
    /**
     * @notice Whether the settlement of `terms` may go ahead now; reverts with the condition's own error if not.
     * @param termsHash The terms' EIP-712 hash under the calling settlement contract (the deal id for a deal).
     * @param terms The terms, including `conditionData`.
     * @return The selector of this function, `ISettlementCondition.checkSettlement.selector`, when it may.
     */
    function checkSettlement(bytes32 termsHash, ISettlement.Terms calldata terms) external returns (bytes4);
}
