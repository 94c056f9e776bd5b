// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
// `hyperlane/` is remapped to @hyperlane-xyz/core's contracts/ (remappings.txt), which solhint does not read.
// solhint-disable import-path-check
import {IInterchainSecurityModule} from "hyperlane/interfaces/IInterchainSecurityModule.sol";
import {IMailbox} from "hyperlane/interfaces/IMailbox.sol";
// solhint-enable import-path-check

import {IEblTransport} from "../../interfaces/IEblTransport.sol";
import {IEblTransportReceiver} from "../../interfaces/IEblTransportReceiver.sol";
import {IHyperlaneTransport} from "../../interfaces/IHyperlaneTransport.sol";

/**
 * @title HyperlaneTransport
 * @notice The eBL gateway's transport over Hyperlane: one per chain, next to the chain's Mailbox. See
 * {IHyperlaneTransport}.
 * @dev Who can make the gateway act on a message: the Mailbox calls {handle} only after the adapter's ISM verified the
 * message, and {handle} accepts only the adapter enrolled for the message's origin. Administration (enrolment, ISM
 * rotation) goes through the rails' access manager ({AccessManaged}, `restricted`).
 */
contract HyperlaneTransport is IHyperlaneTransport, AccessManaged {
    IMailbox private immutable _mailbox;
    IEblTransportReceiver private immutable _gateway;

    IInterchainSecurityModule private _ism;
    mapping(uint32 domain => bytes32 adapter) private _remotes;

    /**
     * @notice Deploys the adapter of `gateway_` on `mailbox_`, verifying incoming messages with `ism`.
     * @param mailbox_ The chain's Hyperlane Mailbox; its local domain must be this chain's id.
     * @param gateway_ The gateway the adapter sends for and delivers to.
     * @param ism The interchain security module (a static message-id multisig ISM of the platforms' validators).
     * @param authority The rails' access manager.
     */
    constructor(
        IMailbox mailbox_,
        IEblTransportReceiver gateway_,
        IInterchainSecurityModule ism,
        address authority
    ) AccessManaged(authority) {
        if (address(mailbox_) == address(0) || address(gateway_) == address(0)) revert RailsZeroAddress();
        uint32 localDomain = mailbox_.localDomain();
        if (localDomain != block.chainid) revert HyperlaneTransportDomainMismatch(localDomain, block.chainid);
        _mailbox = mailbox_;
        _gateway = gateway_;
        _setInterchainSecurityModule(ism);
    }

    // ------------------------------------------------------------------ the gateway

    /// @inheritdoc IEblTransport
    function sendMessage(uint64 destinationChainId, bytes calldata message) external payable returns (bytes32) {
        if (msg.sender != address(_gateway)) revert TransportNotGateway(msg.sender);
        (uint32 domain, bytes32 remote) = _remote(destinationChainId);
        // A payment above the quote is refunded by the Mailbox's hooks to the sender, this adapter, which refuses it.
        return _mailbox.dispatch{value: msg.value}(domain, remote, message);
    }

    /// @inheritdoc IEblTransport
    function quoteSend(uint64 destinationChainId, bytes calldata message) external view returns (uint256) {
        (uint32 domain, bytes32 remote) = _remote(destinationChainId);
        return _mailbox.quoteDispatch(domain, remote, message);
    }

    // ------------------------------------------------------------------ the Mailbox

    /**
     * @notice Delivers a message that the Mailbox verified with this adapter's ISM to the gateway.
     * @dev Caller: the Mailbox only ({IMailbox-process}); the sender must be the adapter enrolled for `origin`. A revert
     * here (or in the gateway) leaves the message undelivered in the Mailbox, and a relayer may deliver it again.
     * @param origin The Hyperlane domain (chain id) the message comes from.
     * @param sender The contract that dispatched it, left-padded to 32 bytes.
     * @param message The peer gateway's encoded message.
     */
    function handle(uint32 origin, bytes32 sender, bytes calldata message) external payable {
        if (msg.sender != address(_mailbox)) revert HyperlaneTransportNotMailbox(msg.sender);
        if (sender == bytes32(0) || _remotes[origin] != sender) revert HyperlaneTransportUnknownSender(origin, sender);
        if (msg.value != 0) revert HyperlaneTransportValueNotAccepted(msg.value);
        _gateway.receiveMessage(origin, message);
    }

    // ------------------------------------------------------------------ administration

    /// @inheritdoc IHyperlaneTransport
    function enrollRemote(uint64 chainId, bytes32 remoteAdapter_) external restricted {
        _remotes[_domain(chainId)] = remoteAdapter_;
        emit RemoteEnrolled(chainId, remoteAdapter_);
    }

    /// @inheritdoc IHyperlaneTransport
    function setInterchainSecurityModule(IInterchainSecurityModule ism) external restricted {
        _setInterchainSecurityModule(ism);
    }

    // ------------------------------------------------------------------ views

    /// @notice The ISM the Mailbox verifies this adapter's incoming messages with.
    function interchainSecurityModule() external view returns (IInterchainSecurityModule) {
        return _ism;
    }

    /// @inheritdoc IHyperlaneTransport
    function mailbox() external view returns (IMailbox) {
        return _mailbox;
    }

    /// @inheritdoc IHyperlaneTransport
    function gateway() external view returns (IEblTransportReceiver) {
        return _gateway;
    }

    /// @inheritdoc IHyperlaneTransport
    function remoteAdapter(uint64 chainId) external view returns (bytes32) {
        return _remotes[_domain(chainId)];
    }

    // ------------------------------------------------------------------ internal

    function _setInterchainSecurityModule(IInterchainSecurityModule ism) private {
        if (address(ism).code.length == 0) revert HyperlaneTransportInvalidIsm(address(ism));
        _ism = ism;
        emit InterchainSecurityModuleSet(address(ism));
    }

    /// @dev The domain of `chainId` and the adapter enrolled there; refuses a chain with none.
    function _remote(uint64 chainId) private view returns (uint32 domain, bytes32 remote) {
        domain = _domain(chainId);
        remote = _remotes[domain];
        if (remote == bytes32(0)) revert TransportUnknownChain(chainId);
    }

    /// @dev The Hyperlane domain of `chainId`: the chain id itself, which must fit in 32 bits and not be zero.
    function _domain(uint64 chainId) private pure returns (uint32) {
        if (chainId == 0 || chainId > type(uint32).max) revert HyperlaneTransportInvalidDomain(chainId);
        return uint32(chainId);
    }
}
