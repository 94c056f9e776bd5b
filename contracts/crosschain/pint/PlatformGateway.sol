// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBillOfLadingRegistry} from "../../interfaces/IBillOfLadingRegistry.sol";
import {IPlatformGateway} from "./IPlatformGateway.sol";

/**
 * @title PlatformGateway
 * @notice The rails' gateway to other eBL platforms (DCSA PINT 3.0): holds an eBL locked for an export until the
 * receiving platform answers, then exports it from the registry or gives it back; records eBLs that arrive from
 * another platform. See {IPlatformGateway} and docs/pint.md.
 * @dev Holds the registry's `EBL GATEWAY` role (its `exportBill` and `importBill`) and is a verified participant of
 * kind CUSTODY (so that a holder may approve it and it may hold eBLs). The PINT service's key holds the
 * `PINT OPERATOR` role; nothing the operator can do moves a locked eBL anywhere but out of the registry (on the
 * receiver's acceptance) or back to the holder that locked it.
 *
 * Storage: `_exports[tokenId]` (slot 0: holder, lockedAt, status; then titleHolder, platform, envelopeReference,
 * responseHash), the latest export of each eBL; `_importedUnder[checksum]`, the eBL imported under a transfer chain's
 * last entry (the import's replay guard).
 */
contract PlatformGateway is IPlatformGateway, AccessManaged, Pausable, ReentrancyGuardTransient {
    /// @inheritdoc IPlatformGateway
    uint256 public constant EXPORT_TIMEOUT = 7 days;

    /// @inheritdoc IPlatformGateway
    IBillOfLadingRegistry public immutable registry;

    mapping(uint256 tokenId => Export) private _exports;
    mapping(bytes32 lastChainEntryChecksum => uint256 tokenId) private _importedUnder;

    /**
     * @notice Deploys the platform gateway of one eBL registry.
     * @param eblRegistry The eBL registry; the gateway must hold its `EBL GATEWAY` role and be a verified CUSTODY
     * participant.
     * @param initialAuthority The rails' access manager (`PINT OPERATOR` and pauser roles).
     */
    constructor(IBillOfLadingRegistry eblRegistry, address initialAuthority) AccessManaged(initialAuthority) {
        if (address(eblRegistry) == address(0)) revert RailsZeroAddress();
        registry = eblRegistry;
    }

    // ------------------------------------------------------------------ holder

    /// @inheritdoc IPlatformGateway
    function lockForExport(
        uint256 tokenId,
        bytes32 platform,
        bytes32 envelopeReference
    ) external whenNotPaused nonReentrant {
        address holder = registry.ownerOf(tokenId);
        if (
            msg.sender != holder &&
            !registry.isApprovedForAll(holder, msg.sender) &&
            registry.getApproved(tokenId) != msg.sender
        ) revert PintNotHolder(tokenId, msg.sender);
        _lock(tokenId, holder, platform, envelopeReference);
        // Reverts with the registry's error (hold, pause, status, no approval of this gateway): nothing changes.
        registry.transferFrom(holder, address(this), tokenId);
    }

    /**
     * @notice Locks an eBL delivered by `safeTransferFrom(holder, gateway, tokenId, abi.encode(platform,
     * envelopeReference))`: {lockForExport} in one call, without an approval of this gateway.
     * @dev Only the registry may deliver, with exactly that data; anything else is refused ({PintUnexpectedToken}).
     * @param from The holder, for whom the eBL is locked.
     * @param tokenId The B/L.
     * @param data `abi.encode(bytes32 platform, bytes32 envelopeReference)`.
     * @return The ERC-721 receiver's selector.
     */
    function onERC721Received(
        address,
        address from,
        uint256 tokenId,
        bytes calldata data
    ) external whenNotPaused nonReentrant returns (bytes4) {
        if (msg.sender != address(registry) || data.length != 64) revert PintUnexpectedToken(msg.sender);
        (bytes32 platform, bytes32 envelopeReference) = abi.decode(data, (bytes32, bytes32));
        _lock(tokenId, from, platform, envelopeReference);
        return this.onERC721Received.selector;
    }

    /// @inheritdoc IPlatformGateway
    function reclaimExport(uint256 tokenId) external nonReentrant {
        Export storage e = _exports[tokenId];
        if (e.status != ExportStatus.Locked) revert PintInvalidExportStatus(tokenId, e.status);
        if (msg.sender != e.holder) revert PintNotLocker(tokenId, msg.sender);
        uint256 reclaimableAt = e.lockedAt + EXPORT_TIMEOUT;
        if (block.timestamp < reclaimableAt) revert PintTimeoutNotReached(tokenId, reclaimableAt);
        _giveBack(tokenId, e, bytes32(0));
    }

    // ------------------------------------------------------------------ operator

    /// @inheritdoc IPlatformGateway
    function completeExport(
        uint256 tokenId,
        bytes32 responseHash
    ) external restricted nonReentrant returns (bool completed) {
        if (responseHash == bytes32(0)) revert PintInvalidReference();
        Export storage e = _exports[tokenId];
        if (e.status == ExportStatus.Completed) return false; // a retry of a call that went through
        if (e.status != ExportStatus.Locked) revert PintInvalidExportStatus(tokenId, e.status);
        e.status = ExportStatus.Completed;
        e.responseHash = responseHash;
        // This gateway is the holder, so it is the actor; the registry burns the token (status Exported).
        registry.exportBill(tokenId, address(this));
        emit ExportCompleted(tokenId, e.platform, e.envelopeReference, responseHash);
        return true;
    }

    /// @inheritdoc IPlatformGateway
    function cancelExport(
        uint256 tokenId,
        bytes32 responseHash
    ) external restricted nonReentrant returns (bool cancelled) {
        if (responseHash == bytes32(0)) revert PintInvalidReference();
        Export storage e = _exports[tokenId];
        if (e.status == ExportStatus.Cancelled) return false; // a retry of a call that went through
        if (e.status != ExportStatus.Locked) revert PintInvalidExportStatus(tokenId, e.status);
        _giveBack(tokenId, e, responseHash);
        return true;
    }

    /// @inheritdoc IPlatformGateway
    function importFromPlatform(
        uint256 tokenId,
        address holder,
        IBillOfLadingRegistry.ImportedBill calldata bill,
        bytes32 platform,
        bytes32 lastChainEntryChecksum
    ) external restricted whenNotPaused nonReentrant returns (bool imported) {
        if (platform == bytes32(0) || lastChainEntryChecksum == bytes32(0)) revert PintInvalidReference();
        if (_importedUnder[lastChainEntryChecksum] != 0) return false; // this chain entry was imported already
        if (registry.billOf(tokenId).status == IBillOfLadingRegistry.BillStatus.Exported) {
            // Exported by this gateway: it comes back. Exported by a cross-chain transfer: it is live elsewhere.
            Export storage e = _exports[tokenId];
            if (e.status != ExportStatus.Completed) revert PintExportedElsewhere(tokenId);
            e.status = ExportStatus.Returned;
        }
        _importedUnder[lastChainEntryChecksum] = tokenId;
        // The registry refuses a live or terminal id (EblAlreadyIssued) and a holder that may not hold it.
        registry.importBill(tokenId, holder, bill);
        emit ImportedFromPlatform(tokenId, holder, platform, lastChainEntryChecksum);
        return true;
    }

    // ------------------------------------------------------------------ administration

    /// @inheritdoc IPlatformGateway
    function recoverStrayEbl(uint256 tokenId, address to) external restricted nonReentrant {
        if (to == address(0)) revert RailsZeroAddress();
        if (_exports[tokenId].status == ExportStatus.Locked) revert PintEblLocked(tokenId);
        emit StrayEblRecovered(tokenId, to);
        registry.transferFrom(address(this), to, tokenId);
    }

    /// @inheritdoc IPlatformGateway
    function pause() external restricted {
        _pause();
    }

    /// @inheritdoc IPlatformGateway
    function unpause() external restricted {
        _unpause();
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IPlatformGateway
    function exportOf(uint256 tokenId) external view returns (Export memory) {
        return _exports[tokenId];
    }

    /// @inheritdoc IPlatformGateway
    function importedUnder(bytes32 lastChainEntryChecksum) external view returns (uint256) {
        return _importedUnder[lastChainEntryChecksum];
    }

    // ------------------------------------------------------------------ internals

    /// @dev Records the lock of `tokenId` for `holder` (the eBL arrives in the same call).
    function _lock(uint256 tokenId, address holder, bytes32 platform, bytes32 envelopeReference) private {
        if (platform == bytes32(0) || envelopeReference == bytes32(0)) revert PintInvalidReference();
        Export storage e = _exports[tokenId];
        if (e.status == ExportStatus.Locked) revert PintInvalidExportStatus(tokenId, e.status);
        address titleHolder = registry.titleHolderOf(tokenId);
        _exports[tokenId] = Export({
            holder: holder,
            titleHolder: titleHolder,
            lockedAt: uint64(block.timestamp),
            status: ExportStatus.Locked,
            platform: platform,
            envelopeReference: envelopeReference,
            responseHash: bytes32(0)
        });
        emit ExportLocked(tokenId, holder, platform, envelopeReference, titleHolder);
    }

    /// @dev Ends a lock without an export: the eBL goes back to the holder that locked it.
    function _giveBack(uint256 tokenId, Export storage e, bytes32 responseHash) private {
        e.status = ExportStatus.Cancelled;
        e.responseHash = responseHash;
        address holder = e.holder;
        emit ExportCancelled(tokenId, holder, responseHash, msg.sender);
        // Reverts with the registry's error if the holder may not receive now (e.g. its verification lapsed).
        registry.transferFrom(address(this), holder, tokenId);
    }
}
