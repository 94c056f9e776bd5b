// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

import {IBillOfLadingRegistry} from "../../interfaces/IBillOfLadingRegistry.sol";
import {IRailsErrors} from "../../interfaces/IRailsErrors.sol";

/**
 * @title IPlatformGateway
 * @notice The rails' side of DCSA PINT 3.0 (platform interoperability): eBLs that leave the registry for another eBL
 * platform, and eBLs that arrive from one, with one title throughout. The holder locks an eBL here for an export
 * ({lockForExport}, or a `safeTransferFrom` to this contract); the platform's PINT service sends the envelope and, on
 * the receiving platform's signed answer, completes the export ({completeExport}: the registry's status becomes
 * Exported) or cancels it ({cancelExport}: the eBL goes back to its holder). If the service never answers, the holder
 * takes the eBL back after {EXPORT_TIMEOUT} ({reclaimExport}). An envelope the service accepted is recorded by
 * {importFromPlatform}, which names the last transfer-chain entry so the history links to the other platform's.
 * @dev Invariant: an eBL that entered this gateway is, at every moment, locked here for the holder that locked it,
 * exported (status Exported, completed by the operator), or back with that holder; never with anyone else. An import
 * never makes a B/L live twice: the registry refuses a live id (`EblAlreadyIssued`), and this gateway refuses an id
 * that is Exported by another route (a cross-chain transfer). The operator functions are restricted to the
 * `PINT OPERATOR` role of the rails' access manager; lock and import stop while paused; complete, cancel and reclaim never do (an envelope already sent must
 * be answered).
 */
interface IPlatformGateway is IERC721Receiver, IRailsErrors {
    // ------------------------------------------------------------------ types

    /// @notice Where an export of an eBL is.
    enum ExportStatus {
        /// Never locked here (or the record was closed by an import: see {Returned}).
        None,
        /// Locked here for its holder while the envelope travels.
        Locked,
        /// The receiving platform accepted (RECE / DUPE): the registry's status is Exported.
        Completed,
        /// Refused, or reclaimed after the timeout: the eBL went back to its holder.
        Cancelled,
        /// Exported here earlier and imported back from a platform since.
        Returned
    }

    /**
     * @notice The export record of one eBL (the latest export; a new lock overwrites a closed one).
     * @param holder The holder that locked it: it gets the eBL back on a cancel or a reclaim.
     * @param titleHolder The title holder when it was locked (zero if blank endorsed).
     * @param lockedAt The block timestamp of the lock.
     * @param status Where the export is.
     * @param platform The receiving platform's PINT code (`eBLPlatform`, e.g. "CARX"), ASCII, left-aligned, zero padded.
     * @param envelopeReference The sender's reference of the transfer (the service's choice, e.g. the SHA-256 of the
     * envelope manifest's signed content).
     * @param responseHash SHA-256 of the receiver's signed response (JWS compact) that completed or cancelled it; zero
     * while locked or after a reclaim.
     */
    struct Export {
        address holder;
        address titleHolder;
        uint64 lockedAt;
        ExportStatus status;
        bytes32 platform;
        bytes32 envelopeReference;
        bytes32 responseHash;
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice An eBL was locked here for an export to `platform`.
     * @param tokenId The B/L.
     * @param holder The holder it was locked for.
     * @param platform The receiving platform's PINT code.
     * @param envelopeReference The sender's reference of the transfer.
     * @param titleHolder The title holder when it was locked.
     */
    event ExportLocked(
        uint256 indexed tokenId,
        address indexed holder,
        bytes32 indexed platform,
        bytes32 envelopeReference,
        address titleHolder
    );

    /**
     * @notice The receiving platform accepted: the eBL left the registry (status Exported).
     * @param tokenId The B/L.
     * @param platform The receiving platform's PINT code.
     * @param envelopeReference The sender's reference of the transfer.
     * @param responseHash SHA-256 of the receiver's signed RECE / DUPE response.
     */
    event ExportCompleted(
        uint256 indexed tokenId,
        bytes32 indexed platform,
        bytes32 envelopeReference,
        bytes32 responseHash
    );

    /**
     * @notice An export ended without leaving: the eBL went back to `holder`.
     * @param tokenId The B/L.
     * @param holder The holder that locked it, now holding it again.
     * @param responseHash SHA-256 of the receiver's signed refusal (BSIG / BENV / DISE ...); zero for a reclaim.
     * @param by The operator that cancelled, or the holder that reclaimed after the timeout.
     */
    event ExportCancelled(uint256 indexed tokenId, address indexed holder, bytes32 responseHash, address by);

    /**
     * @notice An eBL arrived from another platform and is live on the registry again (the registry emitted
     * `BillImported`).
     * @param tokenId The B/L.
     * @param holder Its holder here.
     * @param platform The sending platform's PINT code.
     * @param lastChainEntryChecksum SHA-256 of the last entry of the accepted envelope's transfer chain (JWS compact),
     * linking this registry's history to the other platform's.
     */
    event ImportedFromPlatform(
        uint256 indexed tokenId,
        address indexed holder,
        bytes32 indexed platform,
        bytes32 lastChainEntryChecksum
    );

    /**
     * @notice An eBL that reached this gateway outside its functions (a plain `transferFrom`) was sent to `to`.
     * @param tokenId The B/L.
     * @param to The recipient.
     */
    event StrayEblRecovered(uint256 indexed tokenId, address indexed to);

    // ------------------------------------------------------------------ errors

    /// @notice `account` may not lock `tokenId`: it is neither the holder nor an operator the holder approved.
    error PintNotHolder(uint256 tokenId, address account);

    /// @notice The export of `tokenId` is `status`, where this call needs another (e.g. completing a cancelled one).
    error PintInvalidExportStatus(uint256 tokenId, ExportStatus status);

    /// @notice A zero platform code or zero checksum / reference where one is required.
    error PintInvalidReference();

    /// @notice The holder may reclaim `tokenId` only from `reclaimableAt` (the lock plus {EXPORT_TIMEOUT}).
    error PintTimeoutNotReached(uint256 tokenId, uint256 reclaimableAt);

    /// @notice Only the holder that locked `tokenId` may reclaim it; `account` is not.
    error PintNotLocker(uint256 tokenId, address account);

    /// @notice `tokenId` is Exported by another route (a cross-chain transfer of the rails), not by this gateway: it
    /// is live elsewhere and may not be imported from a platform.
    error PintExportedElsewhere(uint256 tokenId);

    /// @notice An eBL reached {onERC721Received} from `token`, which is not the registry, or without a lock's data.
    error PintUnexpectedToken(address token);

    /// @notice `tokenId` is locked for an export; a stray recovery may not take it.
    error PintEblLocked(uint256 tokenId);

    // ------------------------------------------------------------------ holder

    /**
     * @notice Locks an eBL here for an export to another platform: it moves into this gateway's custody (registry
     * status stays Issued) until the operator completes or cancels the export, or the holder reclaims it after
     * {EXPORT_TIMEOUT}.
     * @dev Caller: the holder or an operator it approved on the registry; this gateway must be approved for the token
     * (`approve` / `setApprovalForAll`). The same in one call without an approval: the holder's
     * `safeTransferFrom(holder, gateway, tokenId, abi.encode(platform, envelopeReference))`. Reverts with the
     * registry's error if it refuses the transfer (legal hold, paused, not Issued). Emits {ExportLocked}.
     * @param tokenId The B/L.
     * @param platform The receiving platform's PINT code; not zero.
     * @param envelopeReference The sender's reference of the transfer; not zero.
     */
    function lockForExport(uint256 tokenId, bytes32 platform, bytes32 envelopeReference) external;

    /**
     * @notice Takes back a locked eBL whose export the operator neither completed nor cancelled within
     * {EXPORT_TIMEOUT} of the lock.
     * @dev Caller: the holder that locked it. Works while paused. Emits {ExportCancelled} with a zero response hash.
     * @param tokenId The B/L.
     */
    function reclaimExport(uint256 tokenId) external;

    // ------------------------------------------------------------------ operator (`PINT OPERATOR`)

    /**
     * @notice Completes an export on the receiving platform's signed RECE (or DUPE): the registry exports the eBL
     * (status Exported, token burned). Idempotent: on an export already Completed it changes nothing and returns false.
     * @dev Restricted (`PINT OPERATOR`). Works while paused. Reverts with {PintInvalidExportStatus} unless Locked or
     * Completed. Emits {ExportCompleted}.
     * @param tokenId The B/L.
     * @param responseHash SHA-256 of the signed response; not zero.
     * @return completed True if this call completed the export.
     */
    function completeExport(uint256 tokenId, bytes32 responseHash) external returns (bool completed);

    /**
     * @notice Cancels an export on the receiving platform's signed refusal (BSIG, BENV, DISE ...): the eBL goes back
     * to the holder that locked it. Idempotent: on an export already Cancelled it changes nothing and returns false.
     * @dev Restricted (`PINT OPERATOR`). Works while paused. Reverts with {PintInvalidExportStatus} unless Locked or
     * Cancelled, or with the registry's error if the holder can no longer receive (e.g. its verification lapsed: the
     * eBL stays locked until it can). Emits {ExportCancelled}.
     * @param tokenId The B/L.
     * @param responseHash SHA-256 of the signed refusal; not zero.
     * @return cancelled True if this call cancelled the export.
     */
    function cancelExport(uint256 tokenId, bytes32 responseHash) external returns (bool cancelled);

    /**
     * @notice Records an eBL whose envelope the PINT service accepted from another platform: the registry re-creates
     * it under `tokenId` for `holder`. Idempotent: a second call with the same `lastChainEntryChecksum` changes nothing
     * and returns false.
     * @dev Restricted (`PINT OPERATOR`). The id is `registry.tokenIdOf(carrier, transportDocumentReference)` with the
     * issuing carrier's address on the participant register. Reverts with the registry's `EblAlreadyIssued` if the id
     * is live (or terminal) here, with {PintExportedElsewhere} if it is Exported by another route, and with the
     * registry's receiver errors if `holder` may not hold it. Emits {ImportedFromPlatform} after the registry's
     * `BillImported`.
     * @param tokenId The B/L's token id.
     * @param holder The holder the envelope names as its last recipient, here.
     * @param bill The record: kind, version, title holder, shipper, document checksum, custody for title.
     * @param platform The sending platform's PINT code; not zero.
     * @param lastChainEntryChecksum SHA-256 of the last transfer-chain entry of the envelope; not zero.
     * @return imported True if this call imported the eBL.
     */
    function importFromPlatform(
        uint256 tokenId,
        address holder,
        IBillOfLadingRegistry.ImportedBill calldata bill,
        bytes32 platform,
        bytes32 lastChainEntryChecksum
    ) external returns (bool imported);

    // ------------------------------------------------------------------ administration

    /**
     * @notice Sends away an eBL that reached this gateway outside its functions (a plain `transferFrom`); a locked eBL
     * can never be taken.
     * @dev Restricted (`PINT OPERATOR`). Reverts with {PintEblLocked} if it is locked. Emits {StrayEblRecovered}.
     * @param tokenId The B/L.
     * @param to The recipient (normally whoever sent it by mistake).
     */
    function recoverStrayEbl(uint256 tokenId, address to) external;

    /// @notice Stops locks and imports (complete, cancel and reclaim keep working). Restricted.
    function pause() external;

    /// @notice Lifts {pause}. Restricted.
    function unpause() external;

    // ------------------------------------------------------------------ views

    /// @notice The eBL registry this gateway exports from and imports into.
    function registry() external view returns (IBillOfLadingRegistry);

    // solhint-disable-next-line func-name-mixedcase
    /// @notice How long after the lock the holder may reclaim an export the operator did not answer: 7 days.
    function EXPORT_TIMEOUT() external view returns (uint256);

    /**
     * @notice The latest export record of an eBL (all zero if never locked here).
     * @param tokenId The B/L.
     */
    function exportOf(uint256 tokenId) external view returns (Export memory);

    /**
     * @notice The token id imported under a transfer chain's last entry, or zero if none was.
     * @param lastChainEntryChecksum SHA-256 of the last transfer-chain entry.
     * @return tokenId The B/L imported under it.
     */
    function importedUnder(bytes32 lastChainEntryChecksum) external view returns (uint256 tokenId);
}
