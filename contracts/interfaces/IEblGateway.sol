// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IBillOfLadingRegistry} from "./IBillOfLadingRegistry.sol";
import {IEblTransport} from "./IEblTransport.sol";
import {IEblTransportReceiver} from "./IEblTransportReceiver.sol";
import {IRailsErrors} from "./IRailsErrors.sol";

/**
 * @title IEblGateway
 * @notice Moves eBLs between the rails' registries on different chains, with one title at every moment: an export
 * burns the token on this chain (status Exported, record kept) and sends the B/L to the gateway of the destination
 * chain, which re-creates it under the same token id for the receiver the sender named. If the destination refuses
 * (receiver not verified there, registry paused, the B/L already live there), it answers with a refusal and this
 * gateway gives the eBL back to the holder that exported it. The way back is the same journey the other way. Messages
 * travel through a cross-chain messaging protocol behind {IEblTransport}; see docs/cross-chain.md.
 * @dev Invariant: for every B/L, at most one registry of the rails has a live token, and exactly one once no message
 * about it is in flight; every transfer is imported at most once, and only after the matching export; an export ends
 * imported at the destination or restored to its holder, never lost.
 */
interface IEblGateway is IEblTransportReceiver, IRailsErrors {
    // ------------------------------------------------------------------ types

    /// @notice Where a transfer that left this chain is.
    enum OutboundStatus {
        /// No such transfer from this gateway.
        None,
        /// Exported and sent; the destination imports it (the SDK reads the destination for "delivered").
        Sent,
        /// The destination refused; the eBL waits here to be restored to its holder ({restore}).
        Refused,
        /// Refused by the destination and given back to the holder that exported it.
        Restored
    }

    /// @notice What became of a transfer that arrived here.
    enum InboundStatus {
        /// Never arrived.
        None,
        /// Imported: the eBL is live here (or was, until it moved on).
        Imported,
        /// Refused: a refusal went back to the origin, which restores the eBL there.
        Refused
    }

    /**
     * @notice A transfer that left this chain.
     * @param tokenId The B/L.
     * @param holder The holder that exported it: it gets the eBL back if the destination refuses.
     * @param destinationChainId The chain it was sent to.
     * @param status Where the transfer is.
     * @param custodyForTitle Whether the holder had title (restored with the eBL).
     */
    struct OutboundTransfer {
        uint256 tokenId;
        address holder;
        uint64 destinationChainId;
        OutboundStatus status;
        bool custodyForTitle;
    }

    /**
     * @notice A transfer that arrived here.
     * @param tokenId The B/L.
     * @param originChainId The chain it came from.
     * @param status Imported or refused.
     */
    struct InboundTransfer {
        uint256 tokenId;
        uint64 originChainId;
        InboundStatus status;
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice An eBL left this chain (the registry emitted `BillExported`).
     * @param transferId The transfer's id on every chain: `keccak256(abi.encode(chainid, gateway, nonce))`.
     * @param tokenId The B/L.
     * @param destinationChainId Where it goes.
     * @param holder The holder that exported it.
     * @param receiver The holder it will have at the destination.
     * @param messageId The transport's id of the message (what its relayer follows).
     */
    event BillSent(
        bytes32 indexed transferId,
        uint256 indexed tokenId,
        uint64 indexed destinationChainId,
        address holder,
        address receiver,
        bytes32 messageId
    );

    /**
     * @notice An eBL arrived from another chain and lives here now (the registry emitted `BillImported`).
     * @param transferId The transfer's id.
     * @param tokenId The B/L.
     * @param originChainId Where it came from.
     * @param receiver The holder it has here.
     */
    event BillReceived(
        bytes32 indexed transferId,
        uint256 indexed tokenId,
        uint64 indexed originChainId,
        address receiver
    );

    /**
     * @notice The registry here refused a transfer; the refusal goes back to the origin.
     * @param transferId The transfer's id.
     * @param tokenId The B/L.
     * @param originChainId Where it came from, and where the refusal goes.
     * @param reason The registry's revert data (a custom error of the rails), at most 260 bytes.
     * @param messageId The transport's id of the refusal.
     */
    event TransferRefused(
        bytes32 indexed transferId,
        uint256 indexed tokenId,
        uint64 indexed originChainId,
        bytes reason,
        bytes32 messageId
    );

    /**
     * @notice The destination's refusal of a transfer from here arrived.
     * @param transferId The transfer's id.
     * @param tokenId The B/L.
     * @param reason The destination registry's revert data.
     */
    event RefusalReceived(bytes32 indexed transferId, uint256 indexed tokenId, bytes reason);

    /**
     * @notice A refused eBL is live again here, with the holder that exported it.
     * @param transferId The transfer's id.
     * @param tokenId The B/L.
     * @param holder The holder that exported it.
     */
    event BillRestored(bytes32 indexed transferId, uint256 indexed tokenId, address indexed holder);

    /**
     * @notice A refused eBL could not be restored yet (e.g. its holder is not verified now, or the registry is
     * paused); anyone may call {restore} once the cause is gone.
     * @param transferId The transfer's id.
     * @param tokenId The B/L.
     * @param reason The registry's revert data.
     */
    event RestoreFailed(bytes32 indexed transferId, uint256 indexed tokenId, bytes reason);

    /**
     * @notice The transport that sends from now on (and is trusted to deliver).
     * @param transport The transport adapter.
     */
    event TransportSet(address indexed transport);

    /**
     * @notice A former transport is no longer trusted to deliver.
     * @param transport The transport adapter.
     */
    event TransportRevoked(address indexed transport);

    /**
     * @notice Native currency the gateway held for refusal fees was withdrawn.
     * @param to The recipient.
     * @param amount The amount, in wei.
     */
    event FeesWithdrawn(address indexed to, uint256 amount);

    // ------------------------------------------------------------------ errors

    /// @notice The caller of {receiveMessage} is not a transport this gateway trusts.
    error GatewayUnauthorizedTransport(address caller);
    /// @notice No transport is set: nothing can be sent.
    error GatewayNoTransport();
    /// @notice The transport to revoke is the one that sends; set another first.
    error GatewayTransportInUse(address transport);
    /// @notice This transfer was processed here before: a message is processed at most once.
    error GatewayTransferReplayed(bytes32 transferId);
    /// @notice A refusal names a transfer that did not leave here for that chain, or was already answered.
    error GatewayUnknownTransfer(bytes32 transferId, uint64 originChainId);
    /// @notice {restore} on a transfer that is not refused and waiting.
    error GatewayNothingToRestore(bytes32 transferId);
    /// @notice The message is not one this gateway sends (unknown kind).
    error GatewayUnknownMessage(uint8 kind);
    /// @notice `msg.value` is below the transport's fee for the message.
    error GatewayInsufficientFee(uint256 required, uint256 provided);
    /// @notice Too little gas left for the registry's import to be tried; a relayer must send more gas, so that no
    /// refusal can be caused by the relayer's choice of gas.
    error GatewayInsufficientGas(uint256 required, uint256 left);
    /// @notice Sending native currency failed (a refund of an overpaid fee, or a withdrawal).
    error GatewayPaymentFailed(address to, uint256 amount);

    // ------------------------------------------------------------------ holder

    /**
     * @notice Exports an eBL to the rails' registry on `destinationChainId`, for `receiver`.
     * @dev Caller: the holder or its approved operator (a verified custodian). The registry burns the token here with
     * the rules of a transfer (status Issued, no legal hold, not paused): see {IBillOfLadingRegistry-exportBill}.
     * `msg.value` pays the transport ({quoteExport}); any excess is refunded to the caller. Emits {BillSent}.
     * @param tokenId The B/L's token id.
     * @param destinationChainId The EIP-155 chain id of the destination (a chain the transport knows).
     * @param receiver The holder at the destination: a verified participant there, else the destination refuses.
     * @return transferId The transfer's id.
     */
    function exportBill(
        uint256 tokenId,
        uint64 destinationChainId,
        address receiver
    ) external payable returns (bytes32 transferId);

    /**
     * @notice Gives a refused eBL back to the holder that exported it, when that did not succeed on arrival of the
     * refusal (the holder was not verified then, or the registry was paused).
     * @dev Caller: anyone. Reverts with the registry's error while it still cannot. Emits {BillRestored}.
     * @param transferId The refused transfer.
     */
    function restore(bytes32 transferId) external;

    // ------------------------------------------------------------------ administration

    /**
     * @notice Sets the transport that sends from now on; it is trusted to deliver too. A former transport keeps
     * delivering what it carries until it is revoked ({revokeTransport}), so nothing in flight is lost.
     * @dev Caller: the cross-chain admin role. Emits {TransportSet}.
     * @param newTransport The transport adapter.
     */
    function setTransport(IEblTransport newTransport) external;

    /**
     * @notice Stops trusting a former transport to deliver.
     * @dev Caller: the cross-chain admin role. Emits {TransportRevoked}.
     * @param oldTransport The former transport adapter.
     */
    function revokeTransport(address oldTransport) external;

    /**
     * @notice Withdraws native currency held for refusal fees (the gateway pays the transport for its refusals).
     * @dev Caller: the cross-chain admin role. Emits {FeesWithdrawn}.
     * @param to The recipient.
     * @param amount The amount, in wei.
     */
    function withdrawFees(address payable to, uint256 amount) external;

    /// @notice Stops exports and deliveries (messages wait in the transport). Caller: the cross-chain pauser role.
    function pause() external;

    /// @notice Ends a pause. Caller: the cross-chain pauser role.
    function unpause() external;

    // ------------------------------------------------------------------ views

    /// @notice The eBL registry of this chain.
    function registry() external view returns (IBillOfLadingRegistry);

    /// @notice The transport that sends (zero until set).
    function transport() external view returns (IEblTransport);

    /**
     * @notice Whether `account` is a transport trusted to deliver.
     * @param account The address to check.
     */
    function isTrustedTransport(address account) external view returns (bool);

    /**
     * @notice A transfer that left this chain.
     * @param transferId The transfer's id.
     */
    function outboundTransfer(bytes32 transferId) external view returns (OutboundTransfer memory);

    /**
     * @notice A transfer that arrived here.
     * @param transferId The transfer's id.
     */
    function inboundTransfer(bytes32 transferId) external view returns (InboundTransfer memory);

    /**
     * @notice The last transfer that took an eBL away from this chain (zero if it never left).
     * @param tokenId The B/L's token id.
     * @return transferId The transfer's id.
     */
    function lastExportOf(uint256 tokenId) external view returns (bytes32 transferId);

    /**
     * @notice The transport's fee for exporting this eBL now.
     * @param tokenId The B/L's token id.
     * @param destinationChainId The destination.
     * @param receiver The holder at the destination.
     * @return fee The fee, in wei ({exportBill}'s `msg.value`).
     */
    function quoteExport(
        uint256 tokenId,
        uint64 destinationChainId,
        address receiver
    ) external view returns (uint256 fee);
}
