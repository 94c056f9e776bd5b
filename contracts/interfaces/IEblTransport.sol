// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title IEblTransport
 * @notice The small interface between the eBL gateway and a cross-chain messaging protocol: send an opaque message to
 * the gateway's peer on another chain, and say what that costs. One adapter per protocol (Hyperlane today, see
 * docs/cross-chain.md); the gateway never sees the protocol itself, so another protocol is plugged in by deploying its
 * adapter and pointing the gateway at it.
 * @dev An adapter sends only for its gateway, delivers only messages that its protocol authenticated as sent by the
 * enrolled adapter of the origin chain, and hands them to the gateway through {IEblTransportReceiver-receiveMessage}.
 * Chains are named by their EIP-155 chain id.
 */
interface IEblTransport {
    /**
     * @notice Sends `message` to the gateway on `destinationChainId`.
     * @dev Caller: the adapter's gateway only. `msg.value` pays the protocol's fee ({quoteSend}).
     * @param destinationChainId The EIP-155 chain id of the destination.
     * @param message The gateway's encoded message; opaque to the transport.
     * @return messageId The protocol's id of the message (Hyperlane: the message id the relayer and the validators
     * follow).
     */
    function sendMessage(
        uint64 destinationChainId,
        bytes calldata message
    ) external payable returns (bytes32 messageId);

    /**
     * @notice The fee, in the native currency, that {sendMessage} needs for this message now.
     * @param destinationChainId The EIP-155 chain id of the destination.
     * @param message The gateway's encoded message.
     * @return fee The fee, in wei.
     */
    function quoteSend(uint64 destinationChainId, bytes calldata message) external view returns (uint256 fee);
}
