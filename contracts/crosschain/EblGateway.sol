// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {EblRecords} from "../ebl/EblRecords.sol";
import {IBillOfLadingRegistry} from "../interfaces/IBillOfLadingRegistry.sol";
import {IEblGateway} from "../interfaces/IEblGateway.sol";
import {IEblTransport} from "../interfaces/IEblTransport.sol";
import {IEblTransportReceiver} from "../interfaces/IEblTransportReceiver.sol";

/**
 * @title EblGateway
 * @notice The rails' gateway for eBLs that cross chains: exports burn the token here and send the B/L to the peer
 * gateway of another chain, which imports it under the same token id; a refusal there brings it back to its holder
 * here. See {IEblGateway} and docs/cross-chain.md.
 * @dev Holds the registry's `EBL GATEWAY` role (its `exportBill` and `importBill`), so the registry gains no
 * messaging code. The transport (an adapter of a cross-chain messaging protocol) authenticates the origin; this
 * gateway keeps its own replay protection (each transfer id is processed once), so a transport that delivered twice
 * could not import twice.
 *
 * The import is tried with a fixed gas budget ({IMPORT_GAS}) and refused only if the registry refuses: a caller of
 * {receiveMessage} with too little gas gets {GatewayInsufficientGas}, so a relayer cannot turn a valid transfer into
 * a refusal by starving it.
 */
contract EblGateway is IEblGateway, AccessManaged, Pausable, ReentrancyGuardTransient {
    /// @notice The gas given to the registry's import (and to a restore), including a contract receiver's
    /// `onERC721Received`.
    uint256 public constant IMPORT_GAS = 400_000;
    /// @notice The longest revert reason carried back in a refusal; longer ones are cut.
    uint256 public constant MAX_REASON_LENGTH = 260;

    /// @dev Message kinds: the first word of every message.
    uint8 private constant _TRANSFER = 1;
    uint8 private constant _REFUSAL = 2;
    /// @dev What {receiveMessage} needs besides the import's budget: 1/64 kept by the call, the bookkeeping, a refusal.
    uint256 private constant _GAS_RESERVE = 150_000;

    /// @inheritdoc IEblGateway
    IBillOfLadingRegistry public immutable registry;

    /// @inheritdoc IEblGateway
    IEblTransport public transport;

    mapping(address transport => bool) private _trustedTransports;
    mapping(bytes32 transferId => OutboundTransfer) private _outbound;
    mapping(bytes32 transferId => InboundTransfer) private _inbound;
    mapping(uint256 tokenId => bytes32 transferId) private _lastExport;
    uint256 private _nonce;

    /**
     * @notice Deploys the gateway of one chain's registry.
     * @param eblRegistry The eBL registry of this chain; the gateway must hold its `EBL GATEWAY` role.
     * @param initialAuthority The rails' access manager (cross-chain admin and pauser roles).
     */
    constructor(IBillOfLadingRegistry eblRegistry, address initialAuthority) AccessManaged(initialAuthority) {
        if (address(eblRegistry) == address(0)) revert RailsZeroAddress();
        registry = eblRegistry;
    }

    /// @notice Accepts native currency for the transport fees of refusals.
    receive() external payable {}

    // ------------------------------------------------------------------ holder

    /// @inheritdoc IEblGateway
    function exportBill(
        uint256 tokenId,
        uint64 destinationChainId,
        address receiver
    ) external payable whenNotPaused nonReentrant returns (bytes32 transferId) {
        if (receiver == address(0)) revert RailsZeroAddress();
        IEblTransport sender = _sendingTransport();
        IBillOfLadingRegistry.Bill memory bill = registry.billOf(tokenId);
        address holder = bill.holder;
        // Burns the token with a transfer's rules, or reverts with the registry's error (nothing changes).
        registry.exportBill(tokenId, _msgSender());

        bool hadTitle = EblRecords.hasTitle(bill);
        transferId = keccak256(abi.encode(block.chainid, address(this), ++_nonce));
        _outbound[transferId] = OutboundTransfer(tokenId, holder, destinationChainId, OutboundStatus.Sent, hadTitle);
        _lastExport[tokenId] = transferId;

        bytes memory message = _transferMessage(transferId, tokenId, receiver, bill, hadTitle);
        uint256 fee = sender.quoteSend(destinationChainId, message);
        if (msg.value < fee) revert GatewayInsufficientFee(fee, msg.value);
        bytes32 messageId = sender.sendMessage{value: fee}(destinationChainId, message);
        emit BillSent(transferId, tokenId, destinationChainId, holder, receiver, messageId);
        if (msg.value > fee) _pay(payable(_msgSender()), msg.value - fee);
    }

    /// @inheritdoc IEblGateway
    function restore(bytes32 transferId) external nonReentrant {
        OutboundTransfer storage transfer = _outbound[transferId];
        if (transfer.status != OutboundStatus.Refused) revert GatewayNothingToRestore(transferId);
        (bool restored, bytes memory reason) = _restore(transferId, transfer);
        if (!restored) {
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
    }

    // ------------------------------------------------------------------ transport

    /// @inheritdoc IEblTransportReceiver
    function receiveMessage(uint64 originChainId, bytes calldata message) external whenNotPaused nonReentrant {
        if (!_trustedTransports[_msgSender()]) revert GatewayUnauthorizedTransport(_msgSender());
        // A relayer must not be able to make the registry's import fail by sending too little gas.
        uint256 required = (IMPORT_GAS * 64) / 63 + _GAS_RESERVE;
        if (gasleft() < required) revert GatewayInsufficientGas(required, gasleft());

        (uint8 kind, bytes32 transferId, bytes memory payload) = abi.decode(message, (uint8, bytes32, bytes));
        if (kind == _TRANSFER) _receiveTransfer(originChainId, transferId, payload);
        else if (kind == _REFUSAL) _receiveRefusal(originChainId, transferId, payload);
        else revert GatewayUnknownMessage(kind);
    }

    // ------------------------------------------------------------------ administration

    /// @inheritdoc IEblGateway
    function setTransport(IEblTransport newTransport) external restricted {
        if (address(newTransport) == address(0)) revert RailsZeroAddress();
        transport = newTransport;
        _trustedTransports[address(newTransport)] = true;
        emit TransportSet(address(newTransport));
    }

    /// @inheritdoc IEblGateway
    function revokeTransport(address oldTransport) external restricted {
        if (oldTransport == address(transport)) revert GatewayTransportInUse(oldTransport);
        _trustedTransports[oldTransport] = false;
        emit TransportRevoked(oldTransport);
    }

    /// @inheritdoc IEblGateway
    function withdrawFees(address payable to, uint256 amount) external restricted nonReentrant {
        if (to == address(0)) revert RailsZeroAddress();
        if (amount == 0) revert RailsZeroAmount();
        _pay(to, amount);
        emit FeesWithdrawn(to, amount);
    }

    /// @inheritdoc IEblGateway
    function pause() external restricted {
        _pause();
    }

    /// @inheritdoc IEblGateway
    function unpause() external restricted {
        _unpause();
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IEblGateway
    function isTrustedTransport(address account) external view returns (bool) {
        return _trustedTransports[account];
    }

    /// @inheritdoc IEblGateway
    function outboundTransfer(bytes32 transferId) external view returns (OutboundTransfer memory) {
        return _outbound[transferId];
    }

    /// @inheritdoc IEblGateway
    function inboundTransfer(bytes32 transferId) external view returns (InboundTransfer memory) {
        return _inbound[transferId];
    }

    /// @inheritdoc IEblGateway
    function lastExportOf(uint256 tokenId) external view returns (bytes32) {
        return _lastExport[tokenId];
    }

    /// @inheritdoc IEblGateway
    function quoteExport(uint256 tokenId, uint64 destinationChainId, address receiver) external view returns (uint256) {
        IBillOfLadingRegistry.Bill memory bill = registry.billOf(tokenId);
        bytes32 transferId = keccak256(abi.encode(block.chainid, address(this), _nonce + 1));
        bytes memory message = _transferMessage(transferId, tokenId, receiver, bill, EblRecords.hasTitle(bill));
        return _sendingTransport().quoteSend(destinationChainId, message);
    }

    // ------------------------------------------------------------------ internals

    /// @dev An export arrives: import it once, or refuse it back to the origin with the registry's reason.
    function _receiveTransfer(uint64 originChainId, bytes32 transferId, bytes memory payload) private {
        if (_inbound[transferId].status != InboundStatus.None) revert GatewayTransferReplayed(transferId);
        (uint256 tokenId, address receiver, IBillOfLadingRegistry.ImportedBill memory bill) = abi.decode(
            payload,
            (uint256, address, IBillOfLadingRegistry.ImportedBill)
        );
        try registry.importBill{gas: IMPORT_GAS}(tokenId, receiver, bill) {
            _inbound[transferId] = InboundTransfer(tokenId, originChainId, InboundStatus.Imported);
            emit BillReceived(transferId, tokenId, originChainId, receiver);
        } catch (bytes memory reason) {
            _inbound[transferId] = InboundTransfer(tokenId, originChainId, InboundStatus.Refused);
            reason = _cut(reason);
            bytes32 messageId = _sendFromBalance(originChainId, abi.encode(_REFUSAL, transferId, reason));
            emit TransferRefused(transferId, tokenId, originChainId, reason, messageId);
        }
    }

    /// @dev The destination refused an export of ours: give the eBL back to its holder, or keep it for {restore}.
    function _receiveRefusal(uint64 originChainId, bytes32 transferId, bytes memory reason) private {
        OutboundTransfer storage transfer = _outbound[transferId];
        if (transfer.status != OutboundStatus.Sent || transfer.destinationChainId != originChainId) {
            revert GatewayUnknownTransfer(transferId, originChainId);
        }
        transfer.status = OutboundStatus.Refused;
        emit RefusalReceived(transferId, transfer.tokenId, reason);
        (bool restored, bytes memory failure) = _restore(transferId, transfer);
        if (!restored) emit RestoreFailed(transferId, transfer.tokenId, _cut(failure));
    }

    /// @dev Re-imports a refused eBL for the holder that exported it, from the record the registry kept at export.
    function _restore(
        bytes32 transferId,
        OutboundTransfer storage transfer
    ) private returns (bool restored, bytes memory reason) {
        uint256 tokenId = transfer.tokenId;
        IBillOfLadingRegistry.ImportedBill memory record = _record(registry.billOf(tokenId), transfer.custodyForTitle);
        try registry.importBill{gas: IMPORT_GAS}(tokenId, transfer.holder, record) {
            transfer.status = OutboundStatus.Restored;
            emit BillRestored(transferId, tokenId, transfer.holder);
            return (true, "");
        } catch (bytes memory failure) {
            return (false, failure);
        }
    }

    function _transferMessage(
        bytes32 transferId,
        uint256 tokenId,
        address receiver,
        IBillOfLadingRegistry.Bill memory bill,
        bool hadTitle
    ) private pure returns (bytes memory) {
        return abi.encode(_TRANSFER, transferId, abi.encode(tokenId, receiver, _record(bill, hadTitle)));
    }

    /// @dev What an import needs of the registry's view of a B/L.
    function _record(
        IBillOfLadingRegistry.Bill memory bill,
        bool custodyForTitle
    ) private pure returns (IBillOfLadingRegistry.ImportedBill memory) {
        return
            IBillOfLadingRegistry.ImportedBill(
                bill.kind,
                bill.version,
                bill.titleHolder,
                bill.shipper,
                bill.documentHash,
                custodyForTitle
            );
    }

    /// @dev Sends a refusal, paying the transport's fee from the gateway's balance (reverts, leaving the message
    /// undelivered for a retry, if the balance is short).
    function _sendFromBalance(uint64 destinationChainId, bytes memory message) private returns (bytes32) {
        IEblTransport sender = _sendingTransport();
        uint256 fee = sender.quoteSend(destinationChainId, message);
        if (address(this).balance < fee) revert GatewayInsufficientFee(fee, address(this).balance);
        return sender.sendMessage{value: fee}(destinationChainId, message);
    }

    function _sendingTransport() private view returns (IEblTransport sender) {
        sender = transport;
        if (address(sender) == address(0)) revert GatewayNoTransport();
    }

    function _pay(address payable to, uint256 amount) private {
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert GatewayPaymentFailed(to, amount);
    }

    /// @dev At most {MAX_REASON_LENGTH} bytes of a revert reason (a custom error of the rails fits).
    function _cut(bytes memory reason) private pure returns (bytes memory) {
        if (reason.length > MAX_REASON_LENGTH) {
            assembly ("memory-safe") {
                mstore(reason, MAX_REASON_LENGTH)
            }
        }
        return reason;
    }
}
