// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEblTransport} from "../interfaces/IEblTransport.sol";
import {IEblTransportReceiver} from "../interfaces/IEblTransportReceiver.sol";

/**
 * @title TransportProbeGateway
 * @notice TEST ONLY, never deployed outside tests: stands in for the eBL gateway at both ends of a transport adapter.
 * It sends whatever a test asks it to, records every message delivered to it, and can be told to refuse deliveries
 * (to show that a refused delivery stays undelivered and is retried).
 */
contract TransportProbeGateway is IEblTransportReceiver {
    /// @notice A message the transport delivered.
    struct Delivery {
        uint64 originChainId;
        bytes message;
    }

    /// @notice The transport the probe sends through and accepts deliveries from; set once.
    IEblTransport public transport;
    /// @notice While true, every delivery reverts with {ProbeRefused}.
    bool public refusing;

    Delivery[] private _deliveries;

    /**
     * @notice The transport delivered `message` from `originChainId`.
     * @param originChainId The origin chain id.
     * @param message The message.
     */
    event ProbeReceived(uint64 indexed originChainId, bytes message);

    /// @notice The caller is not the probe's transport.
    error ProbeNotTransport(address caller);
    /// @notice The transport is set already.
    error ProbeTransportSet();
    /// @notice The probe refuses deliveries now ({setRefusing}).
    error ProbeRefused();

    /**
     * @notice Sets the transport (after deploying it with this probe as its gateway).
     * @param transport_ The transport adapter.
     */
    function setTransport(IEblTransport transport_) external {
        if (address(transport) != address(0)) revert ProbeTransportSet();
        transport = transport_;
    }

    /**
     * @notice Makes every delivery revert (true) or be recorded (false).
     * @param refusing_ Whether to refuse.
     */
    function setRefusing(bool refusing_) external {
        refusing = refusing_;
    }

    /**
     * @notice Sends `message` to `destinationChainId` through the transport, paying it `msg.value`.
     * @param destinationChainId The destination chain id.
     * @param message The message.
     * @return messageId The transport's message id.
     */
    function send(uint64 destinationChainId, bytes calldata message) external payable returns (bytes32 messageId) {
        return transport.sendMessage{value: msg.value}(destinationChainId, message);
    }

    /// @inheritdoc IEblTransportReceiver
    function receiveMessage(uint64 originChainId, bytes calldata message) external {
        if (msg.sender != address(transport)) revert ProbeNotTransport(msg.sender);
        if (refusing) revert ProbeRefused();
        _deliveries.push(Delivery(originChainId, message));
        emit ProbeReceived(originChainId, message);
    }

    /// @notice How many messages were delivered.
    function deliveryCount() external view returns (uint256) {
        return _deliveries.length;
    }

    /**
     * @notice The `index`-th delivered message.
     * @param index Its position, from 0.
     */
    function delivery(uint256 index) external view returns (Delivery memory) {
        return _deliveries[index];
    }
}
