// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEblTransport} from "../interfaces/IEblTransport.sol";
import {IEblTransportReceiver} from "../interfaces/IEblTransportReceiver.sol";

/**
 * @title LoopbackTransport
 * @notice TEST ONLY. Two or more "chains" in one EVM: each side has a gateway and one of these, standing for the chain
 * id it was deployed with. A message sent here waits in this side's outbox until a test (or a property test's handler)
 * delivers it, in any order, to the peer side's gateway. Like a real messaging protocol, a delivery whose gateway
 * reverts leaves the message undelivered, and a delivered message is never delivered again ({replay} exists to prove
 * that the gateway itself refuses a second delivery). The end-to-end tests use Hyperlane on two anvil nodes instead.
 */
contract LoopbackTransport is IEblTransport {
    /// @notice A message in the outbox.
    struct Envelope {
        uint64 destinationChainId;
        bool delivered;
        bytes message;
    }

    /// @notice The chain this side stands for.
    uint64 public immutable chainId;
    /// @notice The gateway of this side.
    IEblTransportReceiver public gateway;
    /// @notice The fee {sendMessage} takes, in wei.
    uint256 public fee;
    /// @notice The other sides, by the chain they stand for.
    mapping(uint64 chainId => LoopbackTransport) public peers;

    Envelope[] private _outbox;

    /// @notice Only the gateway sends.
    error LoopbackNotGateway(address caller);
    /// @notice No peer stands for this chain.
    error LoopbackUnknownChain(uint64 chainId);
    /// @notice Delivered already, or no such message.
    error LoopbackNotDeliverable(uint256 index);
    /// @notice The value sent is not the fee.
    error LoopbackWrongFee(uint256 fee, uint256 value);

    /**
     * @notice A message was sent.
     * @param index Its place in the outbox.
     * @param destinationChainId The chain it goes to.
     * @param messageId Its id.
     */
    event LoopbackSent(uint256 indexed index, uint64 indexed destinationChainId, bytes32 messageId);

    /**
     * @notice Deploys one side's transport.
     * @param standsFor The chain id this side stands for.
     */
    constructor(uint64 standsFor) {
        chainId = standsFor;
    }

    /// @notice Sets this side's gateway.
    /// @param newGateway The gateway.
    function setGateway(IEblTransportReceiver newGateway) external {
        gateway = newGateway;
    }

    /// @notice Connects a peer side (call on both sides).
    /// @param peer The other side's transport.
    function connect(LoopbackTransport peer) external {
        peers[peer.chainId()] = peer;
    }

    /// @notice Sets the fee.
    /// @param newFee The fee, in wei.
    function setFee(uint256 newFee) external {
        fee = newFee;
    }

    /// @inheritdoc IEblTransport
    function sendMessage(uint64 destinationChainId, bytes calldata message) external payable returns (bytes32 id) {
        if (msg.sender != address(gateway)) revert LoopbackNotGateway(msg.sender);
        if (address(peers[destinationChainId]) == address(0)) revert LoopbackUnknownChain(destinationChainId);
        if (msg.value != fee) revert LoopbackWrongFee(fee, msg.value);
        uint256 index = _outbox.length;
        _outbox.push(Envelope(destinationChainId, false, message));
        id = keccak256(abi.encode(chainId, index));
        emit LoopbackSent(index, destinationChainId, id);
    }

    /// @inheritdoc IEblTransport
    function quoteSend(uint64 destinationChainId, bytes calldata) external view returns (uint256) {
        if (address(peers[destinationChainId]) == address(0)) revert LoopbackUnknownChain(destinationChainId);
        return fee;
    }

    /// @notice Delivers message `index` of the outbox to the destination's gateway (reverts, leaving it undelivered,
    /// if the gateway reverts).
    /// @param index The message's place in the outbox.
    function deliver(uint256 index) external {
        if (index >= _outbox.length || _outbox[index].delivered) revert LoopbackNotDeliverable(index);
        Envelope storage e = _outbox[index];
        e.delivered = true;
        peers[e.destinationChainId].handle(chainId, e.message);
    }

    /// @notice Delivers message `index` again, delivered or not: a transport that misbehaves.
    /// @param index The message's place in the outbox.
    function replay(uint256 index) external {
        Envelope storage e = _outbox[index];
        peers[e.destinationChainId].handle(chainId, e.message);
    }

    /// @notice The destination side's half of a delivery: hands the message to this side's gateway.
    /// @param originChainId The chain the sending side stands for.
    /// @param message The gateway's message.
    function handle(uint64 originChainId, bytes calldata message) external {
        if (msg.sender != address(peers[originChainId])) revert LoopbackUnknownChain(originChainId);
        gateway.receiveMessage(originChainId, message);
    }

    /// @notice How many messages were ever sent from this side.
    function outboxLength() external view returns (uint256) {
        return _outbox.length;
    }

    /// @notice Message `index` of the outbox.
    /// @param index The message's place in the outbox.
    function envelope(uint256 index) external view returns (Envelope memory) {
        return _outbox[index];
    }
}
