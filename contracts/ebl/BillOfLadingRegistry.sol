// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {ParticipantKinds} from "../access/ParticipantKinds.sol";
import {IBillOfLadingRegistry} from "../interfaces/IBillOfLadingRegistry.sol";
import {IERC4494} from "../interfaces/IERC4494.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {SignatureVerification} from "../utils/SignatureVerification.sol";
import {EblRecords, PendingSurrender, Record} from "./EblRecords.sol";

/**
 * @title BillOfLadingRegistry
 * @notice The registry of electronic bills of lading of the rails: one ERC-721 token per B/L, for one or many
 * carriers, providing the legal functions of a transferable record (singularity, exclusive control, integrity,
 * identification, change of medium). See docs/ebl.md for the model.
 * @dev All movements of a token (issue, transfer, endorse-and-deliver, surrender, return, burn, export, import) go
 * through {_move}, the body of the ERC-721 hook {_update}, which enforces in one place: not paused, no legal hold, the
 * receiver is verified, the straight-B/L possession rule, the status rule for ERC-721 transfers, the custody-for-title
 * flag and the permit nonce. Operator approvals are restricted in {_approve}, {_setApprovalForAll} and {_isAuthorized}.
 *
 * The token id embeds the issuing carrier (top 160 bits, see {tokenIdOf}), so the issuer is never stored. The
 * participant registry is asked once per party and action ({IParticipantRegistry-verifiedKinds}); every kind rule
 * that applies to that party is checked on the one answer.
 *
 * External calls: the participant registry (trusted, `view`), ERC-1271 `isValidSignature` (`staticcall` through
 * {SignatureVerification}) and `onERC721Received` on contract receivers, which is made last, after all effects and events
 * (checks-effects-interactions), so no reentrancy guard is needed.
 */
contract BillOfLadingRegistry is IBillOfLadingRegistry, ERC721, EIP712, Pausable, AccessManaged {
    /// @notice EIP-712 type hash of the ERC-4494 permit.
    bytes32 public constant PERMIT_TYPEHASH = keccak256(
        "Permit(address spender,uint256 tokenId,uint256 nonce,uint256 deadline)"
    );

    /// @dev Participant kinds that may hold title (be consignee, to-order party or endorsee).
    uint32 private constant _TITLE_HOLDER_KINDS =
        ParticipantKinds.TRADER | ParticipantKinds.BANK | ParticipantKinds.AGENT;
    /// @dev DCSA: transportDocumentReference has maxLength 20.
    uint256 private constant _MAX_REFERENCE_LENGTH = 20;

    /// @notice How long the receiver of a rejectable delivery may reject it ({IBillOfLadingRegistry-act}).
    uint256 public constant REJECTION_WINDOW = 7 days;

    /// @dev The rules of the record (title right, liveness, straight possession, token id) live next to it.
    using EblRecords for Record;

    /// @notice The participant registry asked on every movement and approval.
    IParticipantRegistry public immutable participants;

    mapping(uint256 tokenId => Record) private _records;
    /// @dev Straight B/Ls only: the shipper, to whom possession may always return.
    mapping(uint256 tokenId => address) private _shippers;
    mapping(uint256 tokenId => PendingSurrender) private _surrenders;
    /// @dev The last delivery its receiver may reject; written only by {act}.
    mapping(uint256 tokenId => Handover) private _handovers;

    /**
     * @notice Deploys an empty registry bound to a participant registry.
     * @param participantRegistry The participant registry.
     * @param initialAuthority The rails' access manager, which says who may issue, place legal holds and pause.
     */
    constructor(
        IParticipantRegistry participantRegistry,
        address initialAuthority
    )
        ERC721("Cargo Rails Electronic Bill of Lading", "eBL")
        EIP712("Cargo Rails eBL Registry", "1")
        AccessManaged(initialAuthority)
    {
        if (address(participantRegistry) == address(0)) revert RailsZeroAddress();
        participants = participantRegistry;
    }

    // ================================================================== carrier

    /// @inheritdoc IBillOfLadingRegistry
    function issue(
        address shipper,
        string calldata transportDocumentReference,
        BillKind kind,
        address titleHolder,
        bytes32 documentHash
    ) external restricted returns (uint256 tokenId) {
        address carrier = _msgSender();
        tokenId = tokenIdOf(carrier, transportDocumentReference);
        {
            uint32 titleHolderKinds = _checkIssue(carrier, transportDocumentReference, titleHolder, documentHash);
            Record storage r = _records[tokenId];
            if (r.status != BillStatus.None) revert EblAlreadyIssued(tokenId);

            r.titleHolder = titleHolder;
            r.kind = kind;
            r.status = BillStatus.Issued;
            r.version = 1;
            r.documentHash = documentHash;
            if (kind == BillKind.Straight) _shippers[tokenId] = shipper;

            // ERC721._mint, without asking the registry again when the shipper is the title holder. No previous owner
            // is possible: every token ever minted has a status other than None, and a status never returns to None.
            if (shipper == address(0)) revert ERC721InvalidReceiver(address(0));
            _move(shipper, tokenId, address(0), shipper == titleHolder ? titleHolderKinds : _kindsOf(shipper));
        }
        emit BillIssued(tokenId, carrier, shipper, titleHolder, kind, documentHash, transportDocumentReference);
        ERC721Utils.checkOnERC721Received(carrier, address(0), shipper, tokenId, "");
    }

    /// @inheritdoc IBillOfLadingRegistry
    function acceptSurrender(uint256 tokenId) external {
        Record storage r = _carrierRecord(tokenId, BillStatus.SurrenderedForDelivery);
        address surrenderer = _surrenders[tokenId].surrenderer;
        delete _surrenders[tokenId];
        r.status = BillStatus.Accomplished;
        _burn(tokenId);
        emit SurrenderAccepted(tokenId, EblRecords.issuerOf(tokenId), surrenderer);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function rejectSurrender(uint256 tokenId) external {
        Record storage r = _records[tokenId];
        _checkIssuer(r, tokenId);
        BillStatus status = r.status;
        if (status != BillStatus.SurrenderedForDelivery && status != BillStatus.SurrenderedForAmendment) {
            revert EblInvalidStatus(tokenId, status);
        }
        address surrenderer = _returnToSurrenderer(r, tokenId);
        emit SurrenderRejected(
            tokenId,
            EblRecords.issuerOf(tokenId),
            surrenderer,
            status == BillStatus.SurrenderedForAmendment
        );
    }

    /// @inheritdoc IBillOfLadingRegistry
    function issueAmendment(uint256 tokenId, bytes32 newDocumentHash) external {
        Record storage r = _carrierRecord(tokenId, BillStatus.SurrenderedForAmendment);
        bytes32 previous = r.documentHash;
        if (newDocumentHash == bytes32(0)) revert EblInvalidDocumentHash();
        if (newDocumentHash == previous) revert EblDocumentHashUnchanged(tokenId, newDocumentHash);
        uint32 version = r.version + 1;
        r.version = version;
        r.documentHash = newDocumentHash;
        address holder = _returnToSurrenderer(r, tokenId);
        emit AmendmentIssued(tokenId, EblRecords.issuerOf(tokenId), holder, previous, newDocumentHash, version);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function confirmSwitchToPaper(uint256 tokenId) external {
        Record storage r = _carrierRecord(tokenId, BillStatus.SwitchToPaperRequested);
        address holder = _ownerOf(tokenId);
        r.status = BillStatus.SwitchedToPaper;
        _burn(tokenId);
        emit SwitchedToPaper(tokenId, EblRecords.issuerOf(tokenId), holder);
    }

    // ================================================================== holder (or its approved operator)

    /// @inheritdoc IBillOfLadingRegistry
    function endorse(uint256 tokenId, address endorsee) external {
        _endorse(tokenId, endorsee);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function blankEndorse(uint256 tokenId) external {
        _blankEndorse(tokenId);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function endorseAndDeliver(uint256 tokenId, address endorsee) external {
        _endorseAndDeliver(tokenId, endorsee);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function surrenderForDelivery(uint256 tokenId) external {
        _surrender(tokenId, BillStatus.SurrenderedForDelivery);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function surrenderForAmendment(uint256 tokenId) external {
        _surrender(tokenId, BillStatus.SurrenderedForAmendment);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function requestSwitchToPaper(uint256 tokenId) external {
        _requestSwitchToPaper(tokenId);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function cancelSwitchToPaper(uint256 tokenId) external {
        _cancelSwitchToPaper(tokenId);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function act(uint256 tokenId, HolderAction action, address party, bytes32 reasonCode, bytes32 remarkHash) external {
        if (action == HolderAction.Transfer) {
            address holder = _ownerOf(tokenId);
            _noteHandover(tokenId, holder, false);
            transferFrom(holder, party, tokenId);
        } else if (action == HolderAction.Endorse) {
            _endorse(tokenId, party);
        } else if (action == HolderAction.BlankEndorse) {
            _blankEndorse(tokenId);
        } else if (action == HolderAction.EndorseAndDeliver) {
            _noteHandover(tokenId, _ownerOf(tokenId), true);
            _endorseAndDeliver(tokenId, party);
        } else if (action == HolderAction.SurrenderForDelivery) {
            _surrender(tokenId, BillStatus.SurrenderedForDelivery);
        } else if (action == HolderAction.SurrenderForAmendment) {
            _surrender(tokenId, BillStatus.SurrenderedForAmendment);
        } else if (action == HolderAction.RequestSwitchToPaper) {
            _requestSwitchToPaper(tokenId);
        } else if (action == HolderAction.CancelSwitchToPaper) {
            _cancelSwitchToPaper(tokenId);
        } else if (action == HolderAction.Sign) {
            (, address holder) = _holderRecord(tokenId);
            emit Signed(tokenId, holder, _msgSender());
        } else {
            _rejectTransfer(tokenId);
        }
        if (remarkHash != bytes32(0) || reasonCode != bytes32(0)) {
            emit Remarked(tokenId, _msgSender(), action, remarkHash, reasonCode);
        }
    }

    // ================================================================== ERC-721 with restricted approvals

    /**
     * @notice Transfers possession of the eBL (TRANSFER); title does not move.
     * @dev Caller: the holder or its approved operator. Status must be Issued, no hold, not paused; the receiver must be
     * verified; a straight B/L obeys the straight possession rule (see {_update}). Emits {PossessionTransferred} and
     * `Transfer`. `safeTransferFrom` goes through here too.
     * @param from The current holder.
     * @param to The new holder: a verified participant.
     * @param tokenId The B/L's token id.
     */
    function transferFrom(address from, address to, uint256 tokenId) public override(ERC721, IERC721) {
        super.transferFrom(from, to, tokenId);
        emit PossessionTransferred(tokenId, from, to, _msgSender());
    }

    /// @inheritdoc IERC4494
    function permit(address spender, uint256 tokenId, uint256 deadline, bytes calldata sig) external {
        if (block.timestamp > deadline) revert RailsExpired(deadline, block.timestamp);
        address holder = _requireOwned(tokenId);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(PERMIT_TYPEHASH, spender, tokenId, _records[tokenId].nonce, deadline))
        );
        if (!SignatureVerification.isValidNowCalldata(holder, digest, sig)) {
            revert RailsInvalidSignature(holder);
        }
        unchecked {
            ++_records[tokenId].nonce;
        }
        _approve(spender, tokenId, address(0), true);
    }

    /// @inheritdoc IERC4494
    function nonces(uint256 tokenId) external view returns (uint256) {
        return _records[tokenId].nonce;
    }

    // solhint-disable func-name-mixedcase
    /// @inheritdoc IERC4494
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }
    // solhint-enable func-name-mixedcase

    // ================================================================== legal hold and pause

    /// @inheritdoc IBillOfLadingRegistry
    function placeLegalHold(uint256 tokenId, bytes32 reasonCode) external restricted {
        Record storage r = _records[tokenId];
        if (!r.isLive()) revert EblInvalidStatus(tokenId, r.status);
        if (r.onLegalHold) revert EblOnLegalHold(tokenId);
        r.onLegalHold = true;
        emit LegalHoldPlaced(tokenId, _msgSender(), reasonCode);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function liftLegalHold(uint256 tokenId, bytes32 reasonCode) external restricted {
        Record storage r = _records[tokenId];
        if (!r.onLegalHold) revert EblNotOnLegalHold(tokenId);
        r.onLegalHold = false;
        emit LegalHoldLifted(tokenId, _msgSender(), reasonCode);
    }

    /**
     * @notice Stops every movement, endorsement and lifecycle action of every eBL (approvals, permits and legal
     * holds still work). Caller: the eBL pauser role. Emits `Paused`.
     */
    function pause() external restricted {
        _pause();
    }

    /// @notice Ends a pause. Caller: the eBL pauser role. Emits `Unpaused`.
    function unpause() external restricted {
        _unpause();
    }

    // ================================================================== cross-chain (the gateway's role)

    /// @inheritdoc IBillOfLadingRegistry
    function exportBill(uint256 tokenId, address actor) external restricted {
        Record storage r = _records[tokenId];
        if (r.status != BillStatus.Issued) revert EblInvalidStatus(tokenId, r.status);
        address holder = _ownerOf(tokenId);
        if (!_isAuthorized(holder, actor, tokenId)) revert EblNotHolder(tokenId, actor);
        r.status = BillStatus.Exported;
        // A permit the holder signed before the export must not work if the eBL comes back to it.
        unchecked {
            ++r.nonce;
        }
        // The burn checks the pause and the legal hold.
        _move(address(0), tokenId, address(0), 0);
        emit BillExported(tokenId, holder, _msgSender(), actor);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function importBill(uint256 tokenId, address holder, ImportedBill calldata bill) external restricted {
        Record storage r = _records[tokenId];
        if (r.status != BillStatus.None && r.status != BillStatus.Exported) revert EblAlreadyIssued(tokenId);
        if (bill.documentHash == bytes32(0)) revert EblInvalidDocumentHash();
        if (holder == address(0)) revert ERC721InvalidReceiver(address(0));
        r.titleHolder = bill.titleHolder;
        r.kind = bill.kind;
        r.status = BillStatus.Issued;
        r.version = bill.version;
        r.documentHash = bill.documentHash;
        if (bill.kind == BillKind.Straight) _shippers[tokenId] = bill.shipper;
        uint32 holderKinds = _kindsOf(holder);
        _move(holder, tokenId, address(0), holderKinds);
        r.custodyForTitle = bill.custodyForTitle && holderKinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0;
        emit BillImported(tokenId, holder, _msgSender(), bill.titleHolder, bill.documentHash, bill.version);
        ERC721Utils.checkOnERC721Received(_msgSender(), address(0), holder, tokenId, "");
    }

    // ================================================================== views

    /// @inheritdoc IBillOfLadingRegistry
    function tokenIdOf(address issuer, string calldata transportDocumentReference) public pure returns (uint256) {
        return EblRecords.tokenIdOf(issuer, transportDocumentReference);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function billOf(uint256 tokenId) external view returns (Bill memory) {
        Record storage r = _records[tokenId];
        return
            Bill({
                issuer: r.status == BillStatus.None ? address(0) : EblRecords.issuerOf(tokenId),
                kind: r.kind,
                status: r.status,
                onLegalHold: r.onLegalHold,
                custodyForTitle: r.custodyForTitle,
                version: r.version,
                holder: _ownerOf(tokenId),
                titleHolder: r.titleHolder,
                // Only straight B/Ls store their shipper: a to-order bill's read costs no cold slot for it.
                shipper: r.kind == BillKind.Straight ? _shippers[tokenId] : address(0),
                documentHash: r.documentHash
            });
    }

    /// @inheritdoc IBillOfLadingRegistry
    function holderOf(uint256 tokenId) external view returns (address) {
        return _ownerOf(tokenId);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function titleHolderOf(uint256 tokenId) external view returns (address) {
        return _records[tokenId].titleHolder;
    }

    /// @inheritdoc IBillOfLadingRegistry
    function kindOf(uint256 tokenId) external view returns (BillKind) {
        return _records[tokenId].kind;
    }

    /// @inheritdoc IBillOfLadingRegistry
    function documentOf(uint256 tokenId) external view returns (bytes32 documentHash, uint32 version) {
        Record storage r = _records[tokenId];
        return (r.documentHash, r.version);
    }

    /// @inheritdoc IBillOfLadingRegistry
    function isBlankEndorsed(uint256 tokenId) external view returns (bool) {
        Record storage r = _records[tokenId];
        return r.isBlankEndorsed();
    }

    /// @inheritdoc IBillOfLadingRegistry
    function surrendererOf(uint256 tokenId) external view returns (address) {
        return _surrenders[tokenId].surrenderer;
    }

    /// @inheritdoc IBillOfLadingRegistry
    function handoverOf(uint256 tokenId) external view returns (Handover memory) {
        return _handovers[tokenId];
    }

    /// @inheritdoc IBillOfLadingRegistry
    function canEndorse(uint256 tokenId, address account) external view returns (bool) {
        Record storage r = _records[tokenId];
        if (paused() || r.kind != BillKind.ToOrder || r.status != BillStatus.Issued || r.onLegalHold) return false;
        address holder = _ownerOf(tokenId);
        return _isAuthorized(holder, account, tokenId) && r.hasTitle(holder);
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, IERC165) returns (bool) {
        return
            interfaceId == type(IERC4494).interfaceId ||
            interfaceId == type(IBillOfLadingRegistry).interfaceId ||
            ERC721.supportsInterface(interfaceId);
    }

    // ================================================================== the one place that moves tokens

    /**
     * @dev The ERC-721 hook: every mint, transfer and burn passes here. Asks the registry about the receiver once and
     * applies {_move}'s rules. Lifecycle functions that already know the receiver's kinds call {_move} directly.
     */
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        return _move(to, tokenId, auth, to == address(0) ? 0 : _kindsOf(to));
    }

    /**
     * @dev The one place that moves tokens: OpenZeppelin's bookkeeping (which checks `auth`), then:
     * - the registry is not paused and the token is not on legal hold;
     * - an ERC-721 transfer (`auth` set: `transferFrom` / `safeTransferFrom`) and a mint need status Issued; the
     *   lifecycle functions call with `auth` zero after checking the caller and status themselves;
     * - the receiver is a verified participant (`toKinds` non-zero); for a straight B/L it must moreover be the
     *   consignee, the shipper, the carrier, or a verified bank, agent, settlement or custody participant;
     * - a receiver that is a verified settlement / custody contract takes over the title right of the sender
     *   (`custodyForTitle`) if the sender had title; any other move clears it;
     * - the permit nonce increases, so a permit signed by an earlier holder cannot be replayed.
     * `toKinds` is `participants.verifiedKinds(to)`, asked in this transaction (ignored for a burn).
     */
    function _move(address to, uint256 tokenId, address auth, uint32 toKinds) private returns (address from) {
        from = ERC721._update(to, tokenId, auth);
        _requireNotPaused();
        Record storage r = _records[tokenId];
        if (r.onLegalHold) revert EblOnLegalHold(tokenId);
        BillStatus status = r.status;
        // ERC-721 transfers need a live, Issued token; a mint is only possible from `issue` or `importBill`, which set
        // Issued first.
        if ((auth != address(0) || from == address(0)) && status != BillStatus.Issued) {
            revert EblInvalidStatus(tokenId, status);
        }
        if (to == address(0)) {
            // burn: the caller has set the terminal status
            r.custodyForTitle = false;
            return from;
        }

        bool toIsCustodian = _checkReceiver(r, tokenId, to, toKinds);
        if (from != address(0)) {
            r.custodyForTitle = toIsCustodian && r.hasTitle(from);
            // 2^32 moves of one token are out of reach; wrapping could never be reached in practice.
            unchecked {
                ++r.nonce;
            }
        }
    }

    /// @dev Whether `to` (with verified kinds `toKinds`) may receive the eBL: a verified custodian always (returns
    /// true); anyone else must be verified and, for a straight B/L, pass the possession rule.
    function _checkReceiver(
        Record storage r,
        uint256 tokenId,
        address to,
        uint32 toKinds
    ) private view returns (bool isCustodian) {
        if (toKinds & ParticipantKinds.CONTRACT_CUSTODIAN != 0) return true;
        // A registration always has at least one kind: zero means not verified.
        if (toKinds == 0) revert RailsNotVerified(to);
        if (r.kind == BillKind.Straight && !r.isStraightRecipient(tokenId, to, toKinds, _shippers)) {
            revert EblStraightRecipientNotAllowed(tokenId, to);
        }
    }

    /// @dev OpenZeppelin's approval first, with its checks in its order ({ERC721NonexistentToken},
    /// {ERC721InvalidApprover}); then the exclusive-control rules, whose revert undoes it. An operator for all approves
    /// only while it is itself a verified settlement / custody participant, as for acting ({_isAuthorized}):
    /// otherwise a revoked operator could pass its power on. Approvals may only name such a participant (or clear
    /// with zero).
    function _approve(address to, uint256 tokenId, address auth, bool emitEvent) internal override {
        super._approve(to, tokenId, auth, emitEvent);
        if (auth != address(0)) {
            address owner = _ownerOf(tokenId);
            if (auth != owner && isApprovedForAll(owner, auth)) _checkCustodian(auth);
        }
        if (to != address(0)) _checkCustodian(to);
    }

    /// @dev OpenZeppelin's first, with its checks ({ERC721InvalidOperator} for zero); then the exclusive-control rule,
    /// whose revert undoes it: operators for all may only be verified settlement / custody participants. Revoking is
    /// always allowed.
    function _setApprovalForAll(address owner, address operator, bool approved) internal override {
        super._setApprovalForAll(owner, operator, approved);
        if (approved) _checkCustodian(operator);
    }

    /// @dev An approval only works while the operator is still a verified settlement / custody participant.
    function _isAuthorized(address owner, address spender, uint256 tokenId) internal view override returns (bool) {
        if (spender == address(0)) return false;
        if (spender == owner) return true;
        return
            super._isAuthorized(owner, spender, tokenId) &&
            participants.isVerifiedAs(spender, ParticipantKinds.CONTRACT_CUSTODIAN);
    }

    // ================================================================== internals

    function _endorse(uint256 tokenId, address endorsee) private whenNotPaused {
        (Record storage r, address holder) = _endorsableRecord(tokenId);
        _checkTitleHolder(endorsee, _kindsOf(endorsee));
        address previous = r.titleHolder;
        r.titleHolder = endorsee;
        r.custodyForTitle = false;
        emit Endorsed(tokenId, holder, endorsee, previous, _msgSender(), false);
    }

    function _blankEndorse(uint256 tokenId) private whenNotPaused {
        (Record storage r, address holder) = _endorsableRecord(tokenId);
        address previous = r.titleHolder;
        r.titleHolder = address(0);
        r.custodyForTitle = false;
        emit BlankEndorsed(tokenId, holder, previous, _msgSender());
    }

    function _endorseAndDeliver(uint256 tokenId, address endorsee) private {
        (Record storage r, address holder) = _endorsableRecord(tokenId);
        // One registry call for the endorsee: the title-holder rule here, the receiver rules in {_move}.
        uint32 endorseeKinds = _kindsOf(endorsee);
        _checkTitleHolder(endorsee, endorseeKinds);
        address previous = r.titleHolder;
        r.titleHolder = endorsee;
        r.custodyForTitle = false;
        _move(endorsee, tokenId, address(0), endorseeKinds);
        emit Endorsed(tokenId, holder, endorsee, previous, _msgSender(), true);
        ERC721Utils.checkOnERC721Received(_msgSender(), holder, endorsee, tokenId, "");
    }

    function _requestSwitchToPaper(uint256 tokenId) private whenNotPaused {
        (Record storage r, address holder) = _holderRecordWithTitle(tokenId);
        r.status = BillStatus.SwitchToPaperRequested;
        emit SwitchToPaperRequested(tokenId, holder, _msgSender());
    }

    function _cancelSwitchToPaper(uint256 tokenId) private whenNotPaused {
        Record storage r = _records[tokenId];
        if (r.status != BillStatus.SwitchToPaperRequested) revert EblInvalidStatus(tokenId, r.status);
        if (r.onLegalHold) revert EblOnLegalHold(tokenId);
        address holder = _ownerOf(tokenId);
        address caller = _msgSender();
        if (caller != EblRecords.issuerOf(tokenId) && !_isAuthorized(holder, caller, tokenId))
            revert EblNotHolder(tokenId, caller);
        r.status = BillStatus.Issued;
        emit SwitchToPaperCancelled(tokenId, holder, caller);
    }

    /**
     * @dev Before a `Transfer` or `EndorseAndDeliver` through {act} (which reverts as a whole if the delivery fails):
     * records the delivery as rejectable when the holder `from` makes it itself and is not a verified custody /
     * settlement contract. A custodian delivers when a settlement, a trust receipt or a credit has been paid or
     * released: its deliveries are never rejectable, so no receiver can undo a paid settlement. Deliveries by an
     * operator (only custodians can be operators) are excluded the same way. Written before the delivery, whose
     * `onERC721Received` call comes last, with the nonce the delivery's move will leave (+1).
     */
    function _noteHandover(uint256 tokenId, address from, bool titleMoved) private {
        if (_msgSender() != from || participants.isVerifiedAs(from, ParticipantKinds.CONTRACT_CUSTODIAN)) return;
        Record storage r = _records[tokenId];
        uint32 nonce;
        unchecked {
            nonce = r.nonce + 1;
        }
        _handovers[tokenId] = Handover({
            from: from,
            deadline: uint40(block.timestamp + REJECTION_WINDOW),
            nonce: nonce,
            titleMoved: titleMoved,
            wasBlankEndorsed: titleMoved && r.titleHolder == address(0)
        });
    }

    /// @dev The receiver of a rejectable delivery returns it (and the title if it moved) to the holder that made it.
    function _rejectTransfer(uint256 tokenId) private {
        (Record storage r, address holder) = _holderRecord(tokenId);
        Handover memory h = _handovers[tokenId];
        // Any movement, permit or export since the delivery changed the nonce; an onward endorsement took the title.
        if (h.deadline == 0 || r.nonce != h.nonce || (h.titleMoved && r.titleHolder != holder)) {
            revert EblNotRejectable(tokenId);
        }
        if (block.timestamp > h.deadline) revert EblRejectionWindowClosed(tokenId, h.deadline);
        delete _handovers[tokenId];
        if (h.titleMoved) r.titleHolder = h.wasBlankEndorsed ? address(0) : h.from;
        _update(h.from, tokenId, address(0));
        emit TransferRejected(tokenId, holder, h.from, r.titleHolder, _msgSender());
    }

    function _surrender(uint256 tokenId, BillStatus purpose) private {
        (Record storage r, address holder) = _holderRecordWithTitle(tokenId);
        // An amendment or a rejection hands the eBL back: refuse a surrenderer that could not take it back now (for
        // delivery the carrier can always accept, which needs no return).
        if (purpose == BillStatus.SurrenderedForAmendment) _checkReceiver(r, tokenId, holder, _kindsOf(holder));
        _surrenders[tokenId] = PendingSurrender({surrenderer: holder, custodyForTitle: r.custodyForTitle});
        r.status = purpose;
        address carrier = EblRecords.issuerOf(tokenId);
        _update(carrier, tokenId, address(0));
        emit Surrendered(tokenId, holder, carrier, purpose == BillStatus.SurrenderedForAmendment, _msgSender());
    }

    /// @dev Back to the surrenderer with its custody flag; status Issued.
    function _returnToSurrenderer(Record storage r, uint256 tokenId) private returns (address surrenderer) {
        PendingSurrender memory s = _surrenders[tokenId];
        delete _surrenders[tokenId];
        surrenderer = s.surrenderer;
        r.status = BillStatus.Issued;
        _update(surrenderer, tokenId, address(0));
        // the custody title right comes back only to a surrenderer that is still a verified custodian
        r.custodyForTitle =
            s.custodyForTitle && participants.isVerifiedAs(surrenderer, ParticipantKinds.CONTRACT_CUSTODIAN);
    }

    /// @dev The record of a token the caller may act on as holder (or operator): status Issued, no hold.
    function _holderRecord(uint256 tokenId) private view returns (Record storage r, address holder) {
        r = _records[tokenId];
        if (r.status != BillStatus.Issued) revert EblInvalidStatus(tokenId, r.status);
        if (r.onLegalHold) revert EblOnLegalHold(tokenId);
        holder = _ownerOf(tokenId);
        address caller = _msgSender();
        if (!_isAuthorized(holder, caller, tokenId)) revert EblNotHolder(tokenId, caller);
    }

    /// @dev {_holderRecord}, and the holder has title.
    function _holderRecordWithTitle(uint256 tokenId) private view returns (Record storage r, address holder) {
        (r, holder) = _holderRecord(tokenId);
        if (!r.hasTitle(holder)) revert EblNoTitle(tokenId, holder);
    }

    function _endorsableRecord(uint256 tokenId) private view returns (Record storage r, address holder) {
        r = _records[tokenId];
        if (r.kind == BillKind.Straight && r.status != BillStatus.None) revert EblStraightNotEndorsable(tokenId);
        (r, holder) = _holderRecordWithTitle(tokenId);
    }

    /// @dev The record of a token the caller acts on as its issuing carrier, in the expected status.
    function _carrierRecord(uint256 tokenId, BillStatus expected) private view returns (Record storage r) {
        r = _records[tokenId];
        _checkIssuer(r, tokenId);
        if (r.status != expected) revert EblInvalidStatus(tokenId, r.status);
    }

    /**
     * @dev The checks of {issue} before the id: the carrier is a verified CARRIER, the reference and hash are valid,
     * the title holder is a verified trader, bank or agent. One registry call for the carrier and the title holder.
     * Returns the title holder's verified kinds, reused when it is also the shipper.
     */
    function _checkIssue(
        address carrier,
        string calldata transportDocumentReference,
        address titleHolder,
        bytes32 documentHash
    ) private view returns (uint32 titleHolderKinds) {
        uint32 carrierKinds;
        (carrierKinds, titleHolderKinds) = participants.verifiedKindsOfPair(carrier, titleHolder);
        if (carrierKinds & ParticipantKinds.CARRIER == 0) revert EblIssuerNotVerifiedCarrier(carrier);
        _checkReference(transportDocumentReference);
        if (documentHash == bytes32(0)) revert EblInvalidDocumentHash();
        _checkTitleHolder(titleHolder, titleHolderKinds);
    }

    /// @dev The caller is the issuer of a token that was issued (a never-issued id has no issuer).
    function _checkIssuer(Record storage r, uint256 tokenId) private view {
        if (r.status == BillStatus.None || EblRecords.issuerOf(tokenId) != _msgSender())
            revert EblNotIssuer(tokenId, _msgSender());
    }

    /// @dev The kinds of `account` while verified, else zero: the one registry call per party.
    function _kindsOf(address account) private view returns (uint32) {
        return participants.verifiedKinds(account);
    }

    /// @dev Title holders and endorsees: verified traders, banks or agents (`kinds` from {_kindsOf}).
    function _checkTitleHolder(address account, uint32 kinds) private pure {
        if (kinds & _TITLE_HOLDER_KINDS == 0) revert EblInvalidTitleHolder(account);
    }

    function _checkCustodian(address operator) private view {
        if (!participants.isVerifiedAs(operator, ParticipantKinds.CONTRACT_CUSTODIAN)) {
            revert EblOperatorNotCustodian(operator);
        }
    }

    /// @dev DCSA transportDocumentReference: 1 to 20 characters, no leading or trailing whitespace.
    function _checkReference(string calldata documentReference) private pure {
        bytes calldata b = bytes(documentReference);
        uint256 n = b.length;
        if (n == 0 || n > _MAX_REFERENCE_LENGTH || _isSpace(b[0]) || _isSpace(b[n - 1])) {
            revert EblInvalidReference(documentReference);
        }
    }

    function _isSpace(bytes1 c) private pure returns (bool) {
        return c == 0x20 || (c >= 0x09 && c <= 0x0d);
    }
}
