// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/**
 * @title ERC721ReceiverProbe
 * @notice Test-only ERC-721 receiver with a fixed answer, one of the cases of OpenZeppelin's `ERC721ReceiverMock`:
 * accept, answer a wrong value, revert with a reason, without a reason, with a custom error, or panic. Records every
 * accepted call in {Received}, so a test can compare what two tokens passed to it.
 * @dev Never deployed outside tests.
 */
contract ERC721ReceiverProbe is IERC721Receiver {
    /// @notice The probe's fixed answer to `onERC721Received`.
    enum Behaviour {
        Accept,
        WrongSelector,
        RevertWithReason,
        RevertWithoutReason,
        RevertWithCustomError,
        Panic
    }

    /// @notice The answer this probe gives.
    Behaviour public immutable behaviour;

    /**
     * @notice An accepted `onERC721Received` call.
     * @param token The token contract that called.
     * @param operator The `operator` argument.
     * @param from The `from` argument.
     * @param tokenId The `tokenId` argument.
     * @param data The `data` argument.
     */
    event Received(address indexed token, address operator, address from, uint256 tokenId, bytes data);

    /// @notice The custom error of {Behaviour.RevertWithCustomError}.
    /// @param operator The `operator` argument of the refused call.
    error ERC721ReceiverProbeRefused(address operator);

    /**
     * @notice Deploys a probe that always gives `behaviour_`.
     * @param behaviour_ The answer.
     */
    constructor(Behaviour behaviour_) {
        behaviour = behaviour_;
    }

    /**
     * @notice Answers as {behaviour} says.
     * @param operator The caller of the transfer.
     * @param from The previous owner.
     * @param tokenId The token.
     * @param data The transfer's data.
     * @return The receiver selector ({Behaviour.Accept}) or a wrong value ({Behaviour.WrongSelector}).
     */
    function onERC721Received(
        address operator,
        address from,
        uint256 tokenId,
        bytes calldata data
    ) external returns (bytes4) {
        Behaviour b = behaviour;
        if (b == Behaviour.WrongSelector) return 0xdeadbeef;
        // solhint-disable-next-line gas-custom-errors, reason-string
        if (b == Behaviour.RevertWithReason) revert("ERC721ReceiverProbe: refused");
        // solhint-disable-next-line gas-custom-errors, reason-string
        if (b == Behaviour.RevertWithoutReason) revert();
        if (b == Behaviour.RevertWithCustomError) revert ERC721ReceiverProbeRefused(operator);
        if (b == Behaviour.Panic) {
            uint256 zero;
            zero = 1 / zero; // division by zero: Panic(0x12)
        }
        emit Received(msg.sender, operator, from, tokenId, data);
        return IERC721Receiver.onERC721Received.selector;
    }
}
