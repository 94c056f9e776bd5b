// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title IEblTransportReceiver
 * @notice What a transport adapter ({IEblTransport}) calls on its gateway to deliver a message from another chain.
 */
interface IEblTransportReceiver {
    /**
     * @notice Delivers a message that the transport authenticated as sent by the gateway of `originChainId`.
     * @dev Caller: the gateway's transport only. A revert leaves the message undelivered in the protocol, which
     * retries it; a refusal the gateway can answer (an import the registry refuses) must not revert.
     * @param originChainId The EIP-155 chain id the message comes from.
     * @param message The peer gateway's encoded message.
     */
    function receiveMessage(uint64 originChainId, bytes calldata message) external;
}
