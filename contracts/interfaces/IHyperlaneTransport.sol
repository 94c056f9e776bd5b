// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

// `hyperlane/` is remapped to @hyperlane-xyz/core's contracts/ (remappings.txt), which solhint does not read.
// solhint-disable import-path-check
import {
    IInterchainSecurityModule,
    ISpecifiesInterchainSecurityModule
} from "hyperlane/interfaces/IInterchainSecurityModule.sol";
import {IMailbox} from "hyperlane/interfaces/IMailbox.sol";
import {IMessageRecipient} from "hyperlane/interfaces/IMessageRecipient.sol";
// solhint-enable import-path-check

import {IEblTransport} from "./IEblTransport.sol";
import {IEblTransportReceiver} from "./IEblTransportReceiver.sol";
import {IRailsErrors} from "./IRailsErrors.sol";

/**
 * @title IHyperlaneTransport
 * @notice The Hyperlane adapter of the eBL gateway ({IEblTransport}): it sends the gateway's messages through the
 * chain's Hyperlane Mailbox to the adapter enrolled for the destination chain, and hands the gateway only messages that
 * the Mailbox delivered from the adapter enrolled for their origin chain, after the adapter's interchain security
 * module (a static message-id multisig ISM: M of the platforms' validators signed the message id) verified them.
 * @dev A Hyperlane domain is the chain's EIP-155 chain id, so it must fit in 32 bits. The Mailbox emits `Dispatch` /
 * `DispatchId` for every message sent and `Process` / `ProcessId` for every message delivered; the adapter adds no
 * events of its own for them.
 */
interface IHyperlaneTransport is IEblTransport, IMessageRecipient, ISpecifiesInterchainSecurityModule, IRailsErrors {
    /**
     * @notice `remoteAdapter` is now the only sender accepted from `chainId` and the only recipient there; zero
     * un-enrols the chain.
     * @param chainId The EIP-155 chain id of the other chain.
     * @param remoteAdapter The adapter on that chain, left-padded to 32 bytes.
     */
    event RemoteEnrolled(uint64 indexed chainId, bytes32 remoteAdapter);

    /**
     * @notice The adapter now verifies incoming messages with `ism` (a new validator set or threshold).
     * @param ism The interchain security module.
     */
    event InterchainSecurityModuleSet(address indexed ism);

    /// @notice `caller` is not the adapter's gateway: only the gateway sends through its adapter.
    error TransportNotGateway(address caller);

    /// @notice No adapter is enrolled for `chainId`: nothing can be sent there.
    error TransportUnknownChain(uint64 chainId);

    /// @notice `chainId` cannot be a Hyperlane domain: zero, or above 2^32 - 1.
    error HyperlaneTransportInvalidDomain(uint64 chainId);

    /// @notice `caller` is not the adapter's Mailbox: only the Mailbox delivers messages.
    error HyperlaneTransportNotMailbox(address caller);

    /// @notice `sender` is not the adapter enrolled for `origin`: a message from another contract, or from a chain with
    /// no enrolled adapter.
    error HyperlaneTransportUnknownSender(uint32 origin, bytes32 sender);

    /// @notice The Mailbox's local domain `localDomain` is not this chain's id `chainId`: the adapter names chains by
    /// their chain id, so the Mailbox must too.
    error HyperlaneTransportDomainMismatch(uint32 localDomain, uint256 chainId);

    /// @notice `ism` has no code: the Mailbox could verify nothing with it.
    error HyperlaneTransportInvalidIsm(address ism);

    /// @notice A delivery carried `value` of the native currency; the adapter holds none.
    error HyperlaneTransportValueNotAccepted(uint256 value);

    /**
     * @notice Enrols `remoteAdapter` as the adapter on `chainId`: messages are sent to it, and accepted from it only.
     * @dev Caller: the access manager's role for this function. Zero un-enrols the chain (messages in flight from it
     * are then refused, and a relayer retries them until it is enrolled again).
     * @param chainId The EIP-155 chain id of the other chain (its Hyperlane domain).
     * @param remoteAdapter The adapter's address on that chain, left-padded to 32 bytes.
     */
    function enrollRemote(uint64 chainId, bytes32 remoteAdapter) external;

    /**
     * @notice Verifies incoming messages with `ism` from now on: how the validator set or the threshold is rotated
     * (deploy a new ISM from the static message-id multisig ISM factory, then point the adapter at it).
     * @dev Caller: the access manager's role for this function. Messages not yet delivered are then verified by
     * `ism`: their metadata must carry its validators' signatures.
     * @param ism The new interchain security module.
     */
    function setInterchainSecurityModule(IInterchainSecurityModule ism) external;

    /// @notice The chain's Hyperlane Mailbox, through which the adapter sends and receives.
    function mailbox() external view returns (IMailbox);

    /// @notice The gateway the adapter sends for and delivers to.
    function gateway() external view returns (IEblTransportReceiver);

    /**
     * @notice The adapter enrolled for `chainId`, left-padded to 32 bytes; zero when none is.
     * @param chainId The EIP-155 chain id of the other chain.
     */
    function remoteAdapter(uint64 chainId) external view returns (bytes32);
}
