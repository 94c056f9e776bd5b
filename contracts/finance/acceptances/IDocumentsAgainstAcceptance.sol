// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRailsErrors} from "../../interfaces/IRailsErrors.sol";
import {IStrayAssetRecovery} from "../IStrayAssetRecovery.sol";
import {IPaymentRail} from "../../settlement/rails/IPaymentRail.sol";

/**
 * @title IDocumentsAgainstAcceptance
 * @notice Documents against acceptance (D/A, ICC URC 522 art. 7): the exporter lodges a to-order eBL with a collection
 * instruction naming the drawee (the importer), the currency (a tokenized deposit), the amount, the tenor and a
 * deadline for acceptance. The drawee receives the eBL only by accepting the time draft: {accept} issues the digital
 * payment obligation ({IPaymentObligations}) to the exporter and endorses and delivers the eBL to the drawee in one
 * transaction. Until then the exporter may {withdraw}, the drawee may {refuse}, and after the deadline anyone may
 * {returnUnaccepted}: every lodged eBL has a way back to its lodger.
 * @dev The contract is a verified CUSTODY participant: the lodger approves it and it takes the eBL by `transferFrom`,
 * so the registry records that it holds for the party with title (`custodyForTitle`) and lets it endorse.
 *
 * Ids: `collectionId = keccak256(abi.encode(block.chainid, address(this), n))` for the n-th lodging (n from 1),
 * never reused. The obligation an acceptance issues has the id
 * `IPaymentObligations.obligationIdOf(address(this), collectionId)`.
 *
 * Maturity: with an allowance, `maturity = acceptance time + tenor`. With an EIP-3009 authorisation the drawee's
 * `validAfter` fixes it, `maturity = validAfter + 1` (the drawee cannot know the block time of its acceptance when
 * signing), and it must lie within `[acceptance time + tenor, acceptBy + tenor]`: never earlier than the tenor
 * allows, never later than the latest acceptance the lodger offered.
 */
interface IDocumentsAgainstAcceptance is IRailsErrors, IStrayAssetRecovery {
    /// @notice Where a collection stands.
    enum CollectionStatus {
        /// Never lodged.
        None,
        /// The eBL is in custody, awaiting acceptance.
        Lodged,
        /// Accepted: the obligation was issued to the lodger and the eBL delivered to the drawee. Final.
        Accepted,
        /// The lodger took the eBL back before acceptance. Final.
        Withdrawn,
        /// The drawee refused to accept; the eBL went back to the lodger. Final.
        Refused,
        /// Not accepted by the deadline; the eBL went back to the lodger. Final.
        Returned
    }

    /**
     * @notice The lodger's collection instruction.
     * @param eblTokenId The to-order eBL lodged (in this contract's registry).
     * @param drawee The importer who is to accept: a verified trader.
     * @param token The tokenized deposit the bill is payable in.
     * @param amount Base units payable at maturity.
     * @param tenor Seconds from acceptance to maturity (positive).
     * @param acceptBy Unix time after which the drawee can no longer accept.
     */
    struct Instruction {
        uint256 eblTokenId;
        address drawee;
        address token;
        uint256 amount;
        uint64 tenor;
        uint64 acceptBy;
    }

    /**
     * @notice A collection's record.
     * @param lodger The exporter (or its bank) that lodged the eBL; the drawer of the bill.
     * @param tenor As instructed.
     * @param acceptBy As instructed.
     * @param status See {CollectionStatus}.
     * @param drawee As instructed.
     * @param token As instructed.
     * @param amount As instructed.
     * @param eblTokenId The eBL.
     * @param obligationId The obligation issued at acceptance (zero before).
     */
    struct Collection {
        address lodger;
        uint64 tenor;
        uint64 acceptBy;
        CollectionStatus status;
        address drawee;
        address token;
        uint256 amount;
        uint256 eblTokenId;
        uint256 obligationId;
    }

    /**
     * @notice An eBL was lodged for collection.
     * @param collectionId The new collection.
     * @param lodger Who lodged it.
     * @param drawee Who is to accept.
     * @param eblTokenId The eBL, now in this contract's custody.
     * @param instruction The full instruction.
     */
    event CollectionLodged(
        bytes32 indexed collectionId,
        address indexed lodger,
        address indexed drawee,
        uint256 eblTokenId,
        Instruction instruction
    );

    /**
     * @notice The drawee accepted: the obligation was issued to the lodger and the eBL endorsed and delivered to the
     * drawee, in this transaction.
     * @param collectionId The collection.
     * @param obligationId The obligation issued.
     * @param drawee The acceptor, now holder with title of the eBL.
     * @param maturity The obligation's maturity.
     */
    event CollectionAccepted(
        bytes32 indexed collectionId,
        uint256 indexed obligationId,
        address indexed drawee,
        uint64 maturity
    );

    /**
     * @notice The drawee refused to accept; the eBL went back to the lodger.
     * @param collectionId The collection.
     * @param drawee The drawee.
     * @param reasonCode The drawee's reason (URC 522 art. 26 asks for reasons of non-acceptance), opaque here.
     */
    event CollectionRefused(bytes32 indexed collectionId, address indexed drawee, bytes32 reasonCode);

    /**
     * @notice The lodger withdrew the collection before acceptance; the eBL went back to it.
     * @param collectionId The collection.
     * @param lodger The lodger.
     */
    event CollectionWithdrawn(bytes32 indexed collectionId, address indexed lodger);

    /**
     * @notice The acceptance deadline passed without acceptance; the eBL went back to the lodger.
     * @param collectionId The collection.
     * @param lodger Who got the eBL back.
     * @param caller Who triggered the return.
     */
    event CollectionReturned(bytes32 indexed collectionId, address indexed lodger, address caller);

    /// @notice The caller does not hold the eBL it tries to lodge.
    error CollectionNotHolder(uint256 eblTokenId, address account);

    /// @notice The eBL cannot be endorsed to the drawee by this contract: not to order (a straight B/L can only be
    /// delivered to its consignee), not live and issued, on legal hold, or held without title.
    error CollectionBillNotEndorsable(uint256 eblTokenId);

    /// @notice The drawee is not a verified trader.
    error CollectionDraweeNotTrader(address drawee);

    /// @notice The tenor is zero (a sight draft is documents against payment, not D/A), or so long that the latest
    /// maturity (`acceptBy + tenor`) does not fit in 64 bits.
    error CollectionInvalidTenor(uint64 tenor);

    /// @notice The collection is not Lodged (never lodged, or already accepted, withdrawn, refused or returned).
    error CollectionNotLodged(bytes32 collectionId, CollectionStatus status);

    /// @notice Only the collection's drawee may accept or refuse it.
    error CollectionNotDrawee(bytes32 collectionId, address account);

    /// @notice Only the collection's lodger may withdraw it.
    error CollectionNotLodger(bytes32 collectionId, address account);

    /// @notice The acceptance deadline has not passed yet: the drawee may still accept.
    error CollectionAcceptancePeriodOpen(bytes32 collectionId, uint64 acceptBy);

    /// @notice The maturity the authorisation fixes (`validAfter + 1`) is outside `[earliest, latest]` (see the
    /// interface's notes).
    error CollectionInvalidMaturity(uint256 maturity, uint256 earliest, uint256 latest);

    /**
     * @notice Lodges the caller's eBL with a collection instruction; the eBL moves into this contract's custody.
     * @dev The caller must hold the eBL with title (title holder, or blank endorsed), to order, live (Issued), not on
     * legal hold, and have approved this contract. `acceptBy` must not have passed ({RailsExpired}). Emits
     * {CollectionLodged}.
     * @param instruction See {Instruction}.
     * @return collectionId The new collection's id.
     */
    function lodge(Instruction calldata instruction) external returns (bytes32 collectionId);

    /**
     * @notice The drawee accepts the bill: issues the payment obligation to the lodger and endorses and delivers the
     * eBL to the drawee, in one transaction.
     * @dev Drawee only, while Lodged, not after `acceptBy` ({RailsExpired}). `arrangement` is how the drawee pays at
     * maturity: Allowance, or an EIP-3009 authorisation of exactly the amount to the {IPaymentObligations} contract
     * (see {IPaymentObligations} for the nonce and window), whose `validAfter + 1` is the maturity. Emits
     * {CollectionAccepted}.
     * @param collectionId The collection.
     * @param arrangement The drawee's payment arrangement.
     * @return obligationId The obligation issued.
     */
    function accept(
        bytes32 collectionId,
        IPaymentRail.PaymentAuth calldata arrangement
    ) external returns (uint256 obligationId);

    /**
     * @notice The drawee refuses to accept; the eBL goes back to the lodger.
     * @dev Drawee only, while Lodged. Emits {CollectionRefused}.
     * @param collectionId The collection.
     * @param reasonCode The drawee's reason, opaque here.
     */
    function refuse(bytes32 collectionId, bytes32 reasonCode) external;

    /**
     * @notice The lodger withdraws the collection before acceptance; the eBL goes back to it.
     * @dev Lodger only, while Lodged. Emits {CollectionWithdrawn}.
     * @param collectionId The collection.
     */
    function withdraw(bytes32 collectionId) external;

    /**
     * @notice After the acceptance deadline, anyone returns an unaccepted eBL to its lodger.
     * @dev While Lodged and after `acceptBy`. Emits {CollectionReturned}.
     * @param collectionId The collection.
     */
    function returnUnaccepted(bytes32 collectionId) external;

    /**
     * @notice A collection's record.
     * @param collectionId The collection.
     * @return The record (all zero if never lodged).
     */
    function collection(bytes32 collectionId) external view returns (Collection memory);
}
