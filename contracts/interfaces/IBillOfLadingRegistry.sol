// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IERC4494} from "./IERC4494.sol";
import {IRailsErrors} from "./IRailsErrors.sol";

/**
 * @title IBillOfLadingRegistry
 * @notice A registry of electronic bills of lading (eBLs): one ERC-721 token per B/L, for one or many carriers.
 * The token's owner is the **holder** (the party in exclusive control); the **title holder** is the party entitled to
 * the goods (named consignee or last endorsee; none while the eBL is blank endorsed). Each action of the lifecycle
 * emits exactly one domain event naming the actor, so the DCSA endorsement chain (ISSUE, TRANSFER, ENDORSE,
 * BLANK_ENDORSE, SURRENDER_FOR_DELIVERY, SURRENDER_FOR_AMENDMENT, the carrier's answers, SWITCH_TO_PAPER) can be
 * rebuilt from logs alone.
 * @dev Departure from plain ERC-721: `approve`, `setApprovalForAll` and `permit` may only name verified participants
 * of kind SETTLEMENT or CUSTODY (see docs/ebl.md). Every receiver of an eBL must be a verified participant.
 */
interface IBillOfLadingRegistry is IERC721, IERC4494, IRailsErrors {
    // ------------------------------------------------------------------ types

    /// @notice The kind of B/L, fixed at issuance.
    enum BillKind {
        /// Non-negotiable: names the consignee as title holder for good; cannot be endorsed.
        Straight,
        /// Negotiable: title moves by endorsement; may be blank endorsed (bearer).
        ToOrder
    }

    /// @notice Where a B/L is in its lifecycle. `None` means never issued; `Accomplished` and `SwitchedToPaper` are
    /// terminal (token burned); `Exported` means the eBL lives on another chain (token burned here until it comes back).
    enum BillStatus {
        /// Never issued under this token id.
        None,
        /// Live: may be transferred, endorsed, surrendered, put on hold.
        Issued,
        /// Surrendered to the issuing carrier for delivery of the goods; the carrier holds it until it accepts or rejects.
        SurrenderedForDelivery,
        /// Surrendered to the issuing carrier for an amendment; the carrier holds it until it issues the amendment or rejects.
        SurrenderedForAmendment,
        /// The holder with title asked the carrier to switch to a paper B/L; frozen until the carrier confirms or it is cancelled.
        SwitchToPaperRequested,
        /// Terminal: the surrender for delivery was accepted, the goods delivered, the token burned.
        Accomplished,
        /// Terminal: replaced by a paper B/L, the token burned; the id can never be used again.
        SwitchedToPaper,
        /// Away: exported to another chain by the rails' gateway. The token is burned here and the record kept as it was
        /// at export; nothing can act on it until the gateway imports it back ({importBill}).
        Exported
    }

    /**
     * @notice Everything the registry knows about a B/L, in one read.
     * @param issuer The issuing carrier.
     * @param kind Straight or to order.
     * @param status The lifecycle status.
     * @param onLegalHold True while a legal hold freezes the token.
     * @param custodyForTitle True while the holder is a custody / settlement contract that received the eBL from a
     * party with title, and so exercises that title on its behalf.
     * @param version The document version: 1 at issuance, +1 per amendment.
     * @param holder The current holder (token owner); zero once burned or never issued.
     * @param titleHolder The title holder (consignee or last endorsee); zero while blank endorsed.
     * @param shipper The party the B/L was issued to (stored for straight B/Ls only, zero for to-order).
     * @param documentHash SHA-256 of the RFC 8785 canonical JSON of the DCSA transport document (the DCSA checksum).
     */
    struct Bill {
        address issuer;
        BillKind kind;
        BillStatus status;
        bool onLegalHold;
        bool custodyForTitle;
        uint32 version;
        address holder;
        address titleHolder;
        address shipper;
        bytes32 documentHash;
    }

    /**
     * @notice A B/L arriving from another chain, as the registry there last recorded it ({importBill}).
     * @param kind Straight or to order (fixed at issuance on the first chain).
     * @param version The document version.
     * @param titleHolder The title holder; zero while blank endorsed.
     * @param shipper The shipper of a straight B/L (ignored for to order).
     * @param documentHash The DCSA checksum of the current version.
     * @param custodyForTitle Whether the holder that exported had title, so that a custody / settlement receiver holds
     * for title as after a transfer here.
     */
    struct ImportedBill {
        BillKind kind;
        uint32 version;
        address titleHolder;
        address shipper;
        bytes32 documentHash;
        bool custodyForTitle;
    }

    /**
     * @notice A holder action through {act}, the one entry that carries a remark and a reason code (DCSA's
     * `comments` and `reasonCode`). `Sign` and `RejectTransfer` exist only through {act}.
     */
    enum HolderAction {
        Transfer,
        Endorse,
        BlankEndorse,
        EndorseAndDeliver,
        SurrenderForDelivery,
        SurrenderForAmendment,
        RequestSwitchToPaper,
        CancelSwitchToPaper,
        Sign,
        RejectTransfer
    }

    /**
     * @notice The last delivery of an eBL that its receiver may still reject ({act} with `RejectTransfer`): a
     * holder-to-holder `Transfer` or `EndorseAndDeliver` made through {act} by a holder that is not a verified custody
     * or settlement contract, acting itself (not through an operator). Movements by the ERC-721 functions,
     * {endorseAndDeliver} and every custody contract are never rejectable.
     * @param from The holder that delivered, to whom a rejection returns the eBL.
     * @param deadline Last second (unix time) at which the receiver may reject; zero when there is no such delivery.
     * @param nonce The token's nonce right after the delivery: any later movement, permit or export changes it and
     * ends the right to reject.
     * @param titleMoved Whether the delivery endorsed the eBL too (`EndorseAndDeliver`): a rejection then gives the
     * title back as well.
     * @param wasBlankEndorsed Whether the eBL was blank endorsed before that endorsement (the title goes back to blank).
     */
    struct Handover {
        address from;
        uint40 deadline;
        uint32 nonce;
        bool titleMoved;
        bool wasBlankEndorsed;
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice ISSUE: a carrier issued a B/L (version 1) to the shipper.
     * @param tokenId `tokenIdOf(issuer, transportDocumentReference)`.
     * @param issuer The carrier (the actor).
     * @param holder The shipper, first holder.
     * @param titleHolder The consignee (straight) or the party to whose order it is made out (to order).
     * @param kind Straight or to order.
     * @param documentHash The DCSA checksum of the transport document.
     * @param transportDocumentReference The carrier's B/L number.
     */
    event BillIssued(
        uint256 indexed tokenId,
        address indexed issuer,
        address indexed holder,
        address titleHolder,
        BillKind kind,
        bytes32 documentHash,
        string transportDocumentReference
    );

    /**
     * @notice TRANSFER: possession moved by an ERC-721 transfer (`transferFrom` / `safeTransferFrom`); title unchanged.
     * @param tokenId The B/L.
     * @param from The previous holder.
     * @param to The new holder.
     * @param actor The caller: the holder or its approved operator.
     */
    event PossessionTransferred(uint256 indexed tokenId, address indexed from, address indexed to, address actor);

    /**
     * @notice ENDORSE: title moved to a named endorsee.
     * @param tokenId The B/L.
     * @param holder The holder that endorsed (before delivery, if any).
     * @param endorsee The new title holder.
     * @param previousTitleHolder The title holder before (zero if it was blank endorsed).
     * @param actor The caller: the holder or its approved operator.
     * @param delivered True for endorse-and-deliver: possession moved to the endorsee in the same action.
     */
    event Endorsed(
        uint256 indexed tokenId,
        address indexed holder,
        address indexed endorsee,
        address previousTitleHolder,
        address actor,
        bool delivered
    );

    /**
     * @notice BLANK_ENDORSE: the eBL became a bearer document; whoever holds it has title.
     * @param tokenId The B/L.
     * @param holder The holder that endorsed in blank.
     * @param previousTitleHolder The title holder before.
     * @param actor The caller: the holder or its approved operator.
     */
    event BlankEndorsed(uint256 indexed tokenId, address indexed holder, address previousTitleHolder, address actor);

    /**
     * @notice SURRENDER_FOR_DELIVERY or SURRENDER_FOR_AMENDMENT: the holder with title handed the eBL to its carrier.
     * @param tokenId The B/L.
     * @param surrenderer The holder that surrendered (the eBL goes back to it if the carrier rejects).
     * @param carrier The issuing carrier, now the holder.
     * @param forAmendment False: for delivery of the goods. True: for an amendment.
     * @param actor The caller: the holder or its approved operator.
     */
    event Surrendered(
        uint256 indexed tokenId,
        address indexed surrenderer,
        address indexed carrier,
        bool forAmendment,
        address actor
    );

    /**
     * @notice The carrier accepted a surrender for delivery: goods delivered, token burned, status Accomplished.
     * @param tokenId The B/L.
     * @param carrier The issuing carrier (the actor).
     * @param surrenderer The holder that had surrendered it.
     */
    event SurrenderAccepted(uint256 indexed tokenId, address indexed carrier, address indexed surrenderer);

    /**
     * @notice The carrier rejected a surrender: the eBL went back to the surrenderer, nothing else changed.
     * @param tokenId The B/L.
     * @param carrier The issuing carrier (the actor).
     * @param surrenderer The holder it went back to.
     * @param forAmendment Whether the rejected surrender was for an amendment.
     */
    event SurrenderRejected(
        uint256 indexed tokenId,
        address indexed carrier,
        address indexed surrenderer,
        bool forAmendment
    );

    /**
     * @notice The carrier answered a surrender for amendment by issuing the amended document under the same token id,
     * back to the surrenderer; title holder unchanged.
     * @param tokenId The B/L.
     * @param carrier The issuing carrier (the actor).
     * @param holder The surrenderer, holder again.
     * @param previousDocumentHash The hash of the superseded version.
     * @param documentHash The hash of the new version.
     * @param version The new version number (previous + 1).
     */
    event AmendmentIssued(
        uint256 indexed tokenId,
        address indexed carrier,
        address indexed holder,
        bytes32 previousDocumentHash,
        bytes32 documentHash,
        uint32 version
    );

    /**
     * @notice The holder with title asked the carrier to switch the eBL to paper; the token is frozen meanwhile.
     * @param tokenId The B/L.
     * @param holder The holder.
     * @param actor The caller: the holder or its approved operator.
     */
    event SwitchToPaperRequested(uint256 indexed tokenId, address indexed holder, address actor);

    /**
     * @notice A pending switch-to-paper request was withdrawn (by the holder) or declined (by the carrier).
     * @param tokenId The B/L.
     * @param holder The holder, free to act again.
     * @param actor The caller: the holder, its approved operator, or the carrier.
     */
    event SwitchToPaperCancelled(uint256 indexed tokenId, address indexed holder, address actor);

    /**
     * @notice SWITCH_TO_PAPER: the carrier confirmed the switch; the token is burned for good (status SwitchedToPaper).
     * @param tokenId The B/L.
     * @param carrier The issuing carrier (the actor).
     * @param holder The last holder, to whom the paper B/L is due.
     */
    event SwitchedToPaper(uint256 indexed tokenId, address indexed carrier, address indexed holder);

    /**
     * @notice A regulator or court froze the token.
     * @param tokenId The B/L.
     * @param authority The account with the legal hold role (the actor).
     * @param reasonCode An off-chain reference: order number, code, or hash of the order.
     */
    event LegalHoldPlaced(uint256 indexed tokenId, address indexed authority, bytes32 reasonCode);

    /**
     * @notice A regulator or court lifted the hold.
     * @param tokenId The B/L.
     * @param authority The account with the legal hold role (the actor).
     * @param reasonCode An off-chain reference for the release.
     */
    event LegalHoldLifted(uint256 indexed tokenId, address indexed authority, bytes32 reasonCode);

    /**
     * @notice The eBL left this chain: the gateway burned the token here (status Exported), the record kept.
     * @param tokenId The B/L.
     * @param holder The holder that exported it.
     * @param gateway The rails' gateway that sends it to the other chain (its event names the chain and receiver).
     * @param actor The holder or its approved operator that asked the gateway.
     */
    event BillExported(uint256 indexed tokenId, address indexed holder, address indexed gateway, address actor);

    /**
     * @notice The eBL arrived from another chain (or came back): the gateway re-created the token under the same id.
     * @param tokenId The B/L, the same id as on every chain.
     * @param holder The holder the sender named.
     * @param gateway The rails' gateway that received it (its event names the origin chain and the transfer).
     * @param titleHolder The title holder as on the other chain; zero while blank endorsed.
     * @param documentHash The DCSA checksum of the current version.
     * @param version The document version.
     */
    event BillImported(
        uint256 indexed tokenId,
        address indexed holder,
        address indexed gateway,
        address titleHolder,
        bytes32 documentHash,
        uint32 version
    );

    /**
     * @notice A remark (DCSA `comments`: 1 to 255 characters, no leading or trailing whitespace, kept off chain) or a
     * reason code (DCSA `reasonCode`: `COD` change of destination, `SWI` switch B/L, `SWTP` switch to paper, ASCII,
     * left-aligned) given with a holder action through {act}. Emitted right after the action's own event, only when
     * `remarkHash` or `reasonCode` is not zero.
     * @param tokenId The B/L's token id.
     * @param actor The caller of {act} (the holder or its approved operator).
     * @param action The action the remark belongs to.
     * @param remarkHash keccak-256 of the remark's UTF-8 bytes; zero when no remark.
     * @param reasonCode The reason code; zero when none.
     */
    event Remarked(
        uint256 indexed tokenId,
        address indexed actor,
        HolderAction indexed action,
        bytes32 remarkHash,
        bytes32 reasonCode
    );

    /**
     * @notice SIGN: the holder (or its approved operator) signed the eBL while it was in the holder's possession.
     * Nothing else changes.
     * @param tokenId The B/L's token id.
     * @param holder The holder.
     * @param actor The caller (the holder or its approved operator).
     */
    event Signed(uint256 indexed tokenId, address indexed holder, address actor);

    /**
     * @notice The receiver of a delivery rejected it within the window ({Handover}): the eBL went back to the holder
     * that delivered it, and the title too when the delivery had endorsed it.
     * @param tokenId The B/L's token id.
     * @param holder The receiver that rejected (holder before the rejection).
     * @param returnedTo The holder that had delivered it, holder again.
     * @param titleHolder The title holder after the rejection (`returnedTo`, zero when it was blank endorsed, or the
     * unchanged title holder when only possession had moved).
     * @param actor The caller (the holder or its approved operator).
     */
    event TransferRejected(
        uint256 indexed tokenId,
        address indexed holder,
        address indexed returnedTo,
        address titleHolder,
        address actor
    );

    // ------------------------------------------------------------------ errors

    /// @notice The caller issues but is not a verified participant of kind CARRIER.
    error EblIssuerNotVerifiedCarrier(address account);
    /// @notice The caller is not the carrier that issued this B/L; a carrier acts only on its own B/Ls.
    error EblNotIssuer(uint256 tokenId, address account);
    /// @notice The token id was issued before (it may be live or burned): a B/L is never issued twice.
    error EblAlreadyIssued(uint256 tokenId);
    /// @notice The transport document reference is empty, longer than 20 bytes, or starts or ends with whitespace (DCSA rule).
    error EblInvalidReference(string transportDocumentReference);
    /// @notice The document hash is zero.
    error EblInvalidDocumentHash();
    /// @notice An amendment must carry a document hash different from the current version's.
    error EblDocumentHashUnchanged(uint256 tokenId, bytes32 documentHash);
    /// @notice The title holder / endorsee is not a verified participant of a kind that can hold title (trader, bank, agent).
    error EblInvalidTitleHolder(address account);
    /// @notice The caller is neither the holder nor an operator the holder approved (and still a verified custodian).
    error EblNotHolder(uint256 tokenId, address account);
    /// @notice The holder does not have title: it is not the title holder, the eBL is not blank endorsed, and it is not
    /// a custodian holding for the title holder.
    error EblNoTitle(uint256 tokenId, address holder);
    /// @notice A straight B/L cannot be endorsed.
    error EblStraightNotEndorsable(uint256 tokenId);
    /// @notice A straight B/L may only pass to its consignee, its shipper, its carrier, or a verified bank, agent,
    /// settlement or custody participant.
    error EblStraightRecipientNotAllowed(uint256 tokenId, address to);
    /// @notice The action is not allowed in the token's current status.
    error EblInvalidStatus(uint256 tokenId, BillStatus status);
    /// @notice The token is on legal hold: no transfer, endorsement, surrender or carrier action until lifted.
    error EblOnLegalHold(uint256 tokenId);
    /// @notice A legal hold was asked to be lifted on a token that is not on hold.
    error EblNotOnLegalHold(uint256 tokenId);
    /// @notice An approval (approve, setApprovalForAll, permit) named an account that is not a verified settlement or
    /// custody participant.
    error EblOperatorNotCustodian(address operator);
    /// @notice There is no delivery the holder may reject: none made through {act}, made by a custodian or an
    /// operator, or the eBL has moved, been endorsed onward or permitted since.
    error EblNotRejectable(uint256 tokenId);
    /// @notice The window to reject the delivery closed at `deadline` (unix seconds).
    error EblRejectionWindowClosed(uint256 tokenId, uint256 deadline);

    // ------------------------------------------------------------------ carrier

    /**
     * @notice Issues a B/L (version 1) to the shipper. The token id is `tokenIdOf(msg.sender, transportDocumentReference)`.
     * @dev Caller: a verified CARRIER participant holding the eBL issuer role. The shipper must be verified; the title holder
     * must be a verified trader, bank or agent. Reverts with {EblAlreadyIssued} if the id was ever used. Calls
     * `onERC721Received` on a contract shipper after all effects. Emits {BillIssued} (and ERC-721 `Transfer`).
     * @param shipper The first holder.
     * @param transportDocumentReference The carrier's B/L number: 1–20 bytes, no leading or trailing whitespace.
     * @param kind Straight (titleHolder = consignee, for good) or to order (titleHolder = shipper or a named bank).
     * @param titleHolder The initial title holder; never zero.
     * @param documentHash The DCSA checksum of the transport document; never zero.
     * @return tokenId The new token id.
     */
    function issue(
        address shipper,
        string calldata transportDocumentReference,
        BillKind kind,
        address titleHolder,
        bytes32 documentHash
    ) external returns (uint256 tokenId);

    /**
     * @notice Accepts a surrender for delivery: the goods are delivered, the token is burned (status Accomplished).
     * @dev Caller: the issuing carrier. Status must be SurrenderedForDelivery, no legal hold. Emits {SurrenderAccepted}.
     * @param tokenId The B/L's token id.
     */
    function acceptSurrender(uint256 tokenId) external;

    /**
     * @notice Rejects a surrender (for delivery or for amendment): the eBL goes back to the surrenderer, status Issued,
     * nothing else changed.
     * @dev Caller: the issuing carrier. The surrenderer must still be verified. Emits {SurrenderRejected}.
     * @param tokenId The B/L's token id.
     */
    function rejectSurrender(uint256 tokenId) external;

    /**
     * @notice Answers a surrender for amendment with the amended document: new hash, version + 1, back to the same
     * holder, same title holder.
     * @dev Caller: the issuing carrier. Status must be SurrenderedForAmendment. Emits {AmendmentIssued}.
     * @param tokenId The B/L's token id.
     * @param newDocumentHash The DCSA checksum of the amended transport document; non-zero and different.
     */
    function issueAmendment(uint256 tokenId, bytes32 newDocumentHash) external;

    /**
     * @notice Confirms a switch-to-paper request: the token is burned for good (status SwitchedToPaper).
     * @dev Caller: the issuing carrier. Status must be SwitchToPaperRequested. Emits {SwitchedToPaper}.
     * @param tokenId The B/L's token id.
     */
    function confirmSwitchToPaper(uint256 tokenId) external;

    // ------------------------------------------------------------------ holder (or its approved operator)

    /**
     * @notice Endorses a to-order eBL to a named endorsee; the holder keeps possession.
     * @dev Caller: the holder or its approved operator; the holder must have title. Emits {Endorsed} with delivered = false.
     * @param tokenId The B/L's token id.
     * @param endorsee The new title holder: a verified trader, bank or agent.
     */
    function endorse(uint256 tokenId, address endorsee) external;

    /**
     * @notice Endorses a to-order eBL in blank: it becomes a bearer document.
     * @dev Caller: the holder or its approved operator; the holder must have title. Emits {BlankEndorsed}.
     * @param tokenId The B/L's token id.
     */
    function blankEndorse(uint256 tokenId) external;

    /**
     * @notice Endorses a to-order eBL to `endorsee` and delivers it (possession) in the same call: the usual transfer
     * of a negotiable B/L, and what the settlement contract calls.
     * @dev Caller: the holder or its approved operator; the holder must have title; the endorsee must be a verified
     * trader, bank or agent. Calls `onERC721Received` on a contract endorsee after all effects. Emits {Endorsed} with
     * delivered = true (and ERC-721 `Transfer`).
     * @param tokenId The B/L's token id.
     * @param endorsee The new title holder: a verified trader, bank or agent.
     */
    function endorseAndDeliver(uint256 tokenId, address endorsee) external;

    /**
     * @notice Surrenders the eBL to its carrier for delivery of the goods; the carrier becomes the holder until it
     * accepts or rejects.
     * @dev Caller: the holder or its approved operator; the holder must have title (straight: be the consignee).
     * Emits {Surrendered} with forAmendment = false.
     * @param tokenId The B/L's token id.
     */
    function surrenderForDelivery(uint256 tokenId) external;

    /**
     * @notice Surrenders the eBL to its carrier for an amendment.
     * @dev Same rules as {surrenderForDelivery}. Emits {Surrendered} with forAmendment = true.
     * @param tokenId The B/L's token id.
     */
    function surrenderForAmendment(uint256 tokenId) external;

    /**
     * @notice Asks the carrier to switch the eBL to paper. The token stays with the holder, frozen, until the carrier
     * confirms or the request is cancelled.
     * @dev Caller: the holder or its approved operator; the holder must have title. Emits {SwitchToPaperRequested}.
     * @param tokenId The B/L's token id.
     */
    function requestSwitchToPaper(uint256 tokenId) external;

    /**
     * @notice Withdraws (holder) or declines (carrier) a pending switch-to-paper request; status back to Issued.
     * @dev Caller: the holder, its approved operator, or the issuing carrier. Emits {SwitchToPaperCancelled}.
     * @param tokenId The B/L's token id.
     */
    function cancelSwitchToPaper(uint256 tokenId) external;

    /**
     * @notice One holder action with a remark and a reason code: the same rules, effects and events as the function of
     * the same name ({transferFrom} from the holder, {endorse}, {blankEndorse}, {endorseAndDeliver},
     * {surrenderForDelivery}, {surrenderForAmendment}, {requestSwitchToPaper}, {cancelSwitchToPaper}), then {Remarked}
     * when a remark or reason is given. Two actions exist only here:
     * - `Sign`: the holder signs the eBL in its possession (status Issued, no hold). Emits {Signed}.
     * - `RejectTransfer`: the receiver of a rejectable delivery ({Handover}) returns it, within
     *   `REJECTION_WINDOW` (7 days) of the delivery, to the holder that delivered it; the title goes back too if the
     *   delivery endorsed it. Emits {TransferRejected} (and ERC-721 `Transfer`), not {PossessionTransferred}.
     * A `Transfer` or `EndorseAndDeliver` by the holder itself (not an operator) that is not a verified custody or
     * settlement contract records a {Handover}, so its receiver may reject it.
     * @dev Caller: the holder or its approved operator (the carrier too for `CancelSwitchToPaper`). Reverts as the named
     * function does; `RejectTransfer` with {EblNotRejectable} or {EblRejectionWindowClosed}.
     * @param tokenId The B/L's token id.
     * @param action The action.
     * @param party The receiver (`Transfer`) or endorsee (`Endorse`, `EndorseAndDeliver`); ignored otherwise.
     * @param reasonCode DCSA reason code (`COD`, `SWI`, `SWTP` for a surrender for amendment, `SWTP` for a switch to
     * paper), ASCII left-aligned; zero when none. Not checked on chain.
     * @param remarkHash keccak-256 of the remark's UTF-8 text (1 to 255 characters, kept off chain); zero when none.
     */
    function act(uint256 tokenId, HolderAction action, address party, bytes32 reasonCode, bytes32 remarkHash) external;

    // ------------------------------------------------------------------ legal hold

    /**
     * @notice Freezes a live token: no transfer, endorsement, surrender or carrier action until lifted.
     * @dev Caller: the legal-hold role. Works while paused. Emits {LegalHoldPlaced}.
     * @param tokenId The B/L's token id.
     * @param reasonCode Off-chain reference of the order or release (number, code or hash of the document).
     */
    function placeLegalHold(uint256 tokenId, bytes32 reasonCode) external;

    /**
     * @notice Lifts a legal hold.
     * @dev Caller: the legal-hold role. Works while paused. Emits {LegalHoldLifted}.
     * @param tokenId The B/L's token id.
     * @param reasonCode Off-chain reference of the order or release (number, code or hash of the document).
     */
    function liftLegalHold(uint256 tokenId, bytes32 reasonCode) external;

    // ------------------------------------------------------------------ cross-chain (the gateway's role)

    /**
     * @notice Takes the eBL off this chain for the gateway: burns the token and sets status Exported, keeping the record
     * (kind, version, title holder, document hash, shipper) for the gateway to send and for the return.
     * @dev Caller: the rails' gateway (the `EBL GATEWAY` role), which passes the account that asked it as `actor`. The
     * same rules as a transfer: status Issued, no legal hold, not paused, and `actor` is the holder or its approved
     * operator (a verified custodian). Title is not required: title moves only by endorsement, on either chain. The
     * permit nonce increases. Emits {BillExported} (and ERC-721 `Transfer` to zero).
     * @param tokenId The B/L's token id.
     * @param actor The account that asked the gateway to export.
     */
    function exportBill(uint256 tokenId, address actor) external;

    /**
     * @notice Re-creates an eBL that arrives from another chain, under the same token id, and gives it to `holder`.
     * @dev Caller: the rails' gateway (the `EBL GATEWAY` role). The id must never have been issued here, or be
     * Exported (coming back); anything else reverts with {EblAlreadyIssued}, so a B/L is never live twice. All
     * receiver rules of a transfer apply to `holder` (verified; the straight possession rule); the registry must not be
     * paused. Calls `onERC721Received` on a contract holder after all effects. Emits {BillImported} (and ERC-721
     * `Transfer` from zero).
     * @param tokenId The B/L's token id (the issuing carrier in its top 160 bits, as on the other chain).
     * @param holder The holder the sender named.
     * @param bill The record as the other chain's registry last had it.
     */
    function importBill(uint256 tokenId, address holder, ImportedBill calldata bill) external;

    // ------------------------------------------------------------------ views

    /**
     * @notice The token id of a B/L: the issuer in the top 160 bits, the low 96 bits of the reference's keccak-256
     * below: `(uint256(uint160(issuer)) << 96) | uint96(uint256(keccak256(bytes(transportDocumentReference))))`.
     * @dev Pure; the SDK's `eblTokenId` computes the same. Ids of different issuers never collide, and only the issuer
     * can issue under its prefix; a 96-bit collision of two references of one carrier could only make {issue} refuse
     * the second (`EblAlreadyIssued`), never merge two B/Ls. {billOf} reads the issuer back from the id.
     * @param issuer The issuing carrier.
     * @param transportDocumentReference The carrier's B/L number.
     */
    function tokenIdOf(address issuer, string calldata transportDocumentReference) external pure returns (uint256);

    /**
     * @notice Everything about a B/L in one struct (all zero if never issued; holder zero once burned).
     * @param tokenId The B/L's token id.
     */
    function billOf(uint256 tokenId) external view returns (Bill memory);

    /**
     * @notice The holder (party in exclusive control); zero if never issued or burned. Unlike `ownerOf`, never reverts.
     * @param tokenId The B/L's token id.
     */
    function holderOf(uint256 tokenId) external view returns (address);

    /**
     * @notice The title holder; zero while blank endorsed or if never issued.
     * @param tokenId The B/L's token id.
     */
    function titleHolderOf(uint256 tokenId) external view returns (address);

    /**
     * @notice The kind (Straight or ToOrder; Straight if never issued: check the status in {billOf}).
     * @param tokenId The B/L's token id.
     */
    function kindOf(uint256 tokenId) external view returns (BillKind);

    /**
     * @notice The current document hash (DCSA checksum) and its version.
     * @param tokenId The B/L's token id.
     * @return documentHash The DCSA checksum of the current version.
     * @return version The current version number.
     */
    function documentOf(uint256 tokenId) external view returns (bytes32 documentHash, uint32 version);

    /**
     * @notice Whether a to-order eBL is live and blank endorsed (a bearer document).
     * @param tokenId The B/L's token id.
     */
    function isBlankEndorsed(uint256 tokenId) external view returns (bool);

    /**
     * @notice The holder that surrendered the eBL while a surrender is pending; zero otherwise.
     * @param tokenId The B/L's token id.
     */
    function surrendererOf(uint256 tokenId) external view returns (address);

    /**
     * @notice Whether `account` could endorse the eBL now: registry not paused, the B/L is to order, status Issued, no
     * legal hold, `account` is the holder or its approved operator, and the holder has title. (Whether it could
     * surrender: `IEblLens.canSurrender`.)
     * @dev Whether a given endorsee is acceptable is a separate check (verified trader, bank or agent).
     * @param tokenId The B/L's token id.
     * @param account The account that would act (the holder or an operator).
     */
    function canEndorse(uint256 tokenId, address account) external view returns (bool);

    /**
     * @notice The last rejectable delivery of the eBL (all zero if none was ever recorded). It can still be rejected
     * while `block.timestamp <= deadline`, the token's nonce equals `nonce`, the status is Issued and, when the title
     * moved, the holder is still the title holder.
     * @param tokenId The B/L's token id.
     */
    function handoverOf(uint256 tokenId) external view returns (Handover memory);
}
