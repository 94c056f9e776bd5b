// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ISettlementCondition} from "../settlement/conditions/ISettlementCondition.sol";
import {ISettlement} from "../interfaces/ISettlement.sol";

/**
 * @title SwitchableCondition
 * @notice TEST ONLY. A settlement condition whose answer the test sets: agree, refuse with its own error, or answer
 * with something other than its selector. It records what the settlement contract asked, so tests can check that the
 * condition is asked once, with the terms' hash and `conditionData`, before anything moves.
 */
contract SwitchableCondition is ISettlementCondition {
    /// @notice How the condition answers.
    enum Mode {
        Agree,
        Refuse,
        WrongAnswer
    }

    /// @notice The current answer.
    Mode public mode;
    /// @notice How many times it was asked and agreed.
    uint256 public agreed;
    /// @notice The terms hash it last agreed to.
    bytes32 public lastTermsHash;
    /// @notice The `conditionData` of the terms it last agreed to.
    bytes32 public lastConditionData;

    /// @notice The condition does not hold for these terms (`conditionData` says what was required).
    error ConditionNotMet(bytes32 termsHash, bytes32 conditionData);

    /**
     * @notice Sets the answer.
     * @param newMode Agree, Refuse or WrongAnswer.
     */
    function setMode(Mode newMode) external {
        mode = newMode;
    }

    /// @inheritdoc ISettlementCondition
    function checkSettlement(bytes32 termsHash, ISettlement.Terms calldata terms) external returns (bytes4) {
        if (mode == Mode.Refuse) revert ConditionNotMet(termsHash, terms.conditionData);
        if (mode == Mode.WrongAnswer) return bytes4(0xdeadbeef);
        ++agreed;
        lastTermsHash = termsHash;
        lastConditionData = terms.conditionData;
        return ISettlementCondition.checkSettlement.selector;
    }
}
