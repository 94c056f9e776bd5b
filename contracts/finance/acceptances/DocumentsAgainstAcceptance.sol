// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {ParticipantKinds} from "../../access/ParticipantKinds.sol";
import {EblRecords} from "../../ebl/EblRecords.sol";
import {IBillOfLadingRegistry} from "../../interfaces/IBillOfLadingRegistry.sol";
import {IParticipantRegistry} from "../../interfaces/IParticipantRegistry.sol";
import {IPaymentRail} from "../../settlement/rails/IPaymentRail.sol";
import {IStrayAssetRecovery} from "../IStrayAssetRecovery.sol";
import {IDocumentsAgainstAcceptance} from "./IDocumentsAgainstAcceptance.sol";
import {IPaymentObligations} from "./IPaymentObligations.sol";

/**
 * @title DocumentsAgainstAcceptance
 * @notice Documents against acceptance: an eBL lodged here reaches the drawee only in the transaction in which the
 * drawee accepts the bill, i.e. in which its payment obligation is issued to the lodger. See
 * {IDocumentsAgainstAcceptance} and docs/trade-finance.md.
 * @dev No owner, no pause of its own (the registry's pause applies to the eBL); only the recovery of stray assets
 * ({recoverStrayToken}, {recoverStrayEbl}) is restricted, to the `TRADE FINANCE ADMIN` role of the rails' access
 * manager, and never takes the eBL of a Lodged collection. Registered as a verified
 * CUSTODY participant, and holds the `OBLIGATION ISSUER` role of {PaymentObligations}. The status is written before
 * the calls that move the eBL or issue the obligation.
 */
contract DocumentsAgainstAcceptance is IDocumentsAgainstAcceptance, AccessManaged {
    using SafeERC20 for IERC20;

    /// @notice The eBL registry whose bills of lading are lodged here.
    IBillOfLadingRegistry public immutable registry;

    /// @notice The participant registry (the drawee must be a verified trader).
    IParticipantRegistry public immutable participants;

    /// @notice The payment obligations token, in which acceptances are issued.
    IPaymentObligations public immutable obligations;

    /// @dev Number of collections lodged so far; the next id is derived from it.
    uint256 private _lodged;

    mapping(bytes32 collectionId => Collection) private _collections;
    /// @dev The collection each eBL was last lodged under: it holds the eBL while that collection is Lodged.
    mapping(uint256 tokenId => bytes32 collectionId) private _collectionOfEbl;

    /**
     * @notice Deploys the D/A collection contract.
     * @param eblRegistry The eBL registry.
     * @param participantRegistry The participant registry (the eBL registry's).
     * @param paymentObligations The payment obligations token; this contract must hold its `OBLIGATION ISSUER` role.
     * @param initialAuthority The rails' access manager, which says who holds the `TRADE FINANCE ADMIN` role.
     */
    constructor(
        IBillOfLadingRegistry eblRegistry,
        IParticipantRegistry participantRegistry,
        IPaymentObligations paymentObligations,
        address initialAuthority
    ) AccessManaged(initialAuthority) {
        if (
            address(eblRegistry) == address(0) ||
            address(participantRegistry) == address(0) ||
            address(paymentObligations) == address(0)
        ) revert RailsZeroAddress();
        registry = eblRegistry;
        participants = participantRegistry;
        obligations = paymentObligations;
    }

    /// @inheritdoc IDocumentsAgainstAcceptance
    function lodge(Instruction calldata instruction) external returns (bytes32 collectionId) {
        address lodger = msg.sender;
        if (instruction.drawee == address(0) || instruction.token == address(0)) revert RailsZeroAddress();
        if (instruction.amount == 0) revert RailsZeroAmount();
        // The latest maturity, acceptBy + tenor, must fit the obligation's 64-bit maturity.
        if (instruction.tenor == 0 || uint256(instruction.acceptBy) + instruction.tenor > type(uint64).max) {
            revert CollectionInvalidTenor(instruction.tenor);
        }
        if (instruction.acceptBy < block.timestamp) revert RailsExpired(instruction.acceptBy, block.timestamp);
        if (!participants.isVerifiedAs(instruction.drawee, ParticipantKinds.TRADER)) {
            revert CollectionDraweeNotTrader(instruction.drawee);
        }
        uint256 tokenId = instruction.eblTokenId;
        IBillOfLadingRegistry.Bill memory bill = registry.billOf(tokenId);
        if (bill.holder != lodger) revert CollectionNotHolder(tokenId, lodger);
        // To order, Issued, no hold, held with title: then this contract, holding it for the title, may endorse it.
        if (!EblRecords.isEndorsable(bill)) revert CollectionBillNotEndorsable(tokenId);

        collectionId = keccak256(abi.encode(block.chainid, address(this), ++_lodged));
        _collections[collectionId] = Collection({
            lodger: lodger,
            tenor: instruction.tenor,
            acceptBy: instruction.acceptBy,
            status: CollectionStatus.Lodged,
            drawee: instruction.drawee,
            token: instruction.token,
            amount: instruction.amount,
            eblTokenId: tokenId,
            obligationId: 0
        });
        _collectionOfEbl[tokenId] = collectionId;
        registry.transferFrom(lodger, address(this), tokenId);
        emit CollectionLodged(collectionId, lodger, instruction.drawee, tokenId, instruction);
    }

    /// @inheritdoc IDocumentsAgainstAcceptance
    function accept(
        bytes32 collectionId,
        IPaymentRail.PaymentAuth calldata arrangement
    ) external returns (uint256 obligationId) {
        Collection storage c = _lodgedCollection(collectionId);
        address drawee = c.drawee;
        if (msg.sender != drawee) revert CollectionNotDrawee(collectionId, msg.sender);
        if (block.timestamp > c.acceptBy) revert RailsExpired(c.acceptBy, block.timestamp);
        uint64 maturity = _maturity(c, arrangement);

        c.status = CollectionStatus.Accepted;
        obligationId = obligations.issue(
            IPaymentObligations.ObligationTerms({
                issuerReference: collectionId,
                drawer: c.lodger,
                drawee: drawee,
                token: c.token,
                amount: c.amount,
                maturity: maturity,
                registry: address(registry),
                eblTokenId: c.eblTokenId
            }),
            arrangement
        );
        c.obligationId = obligationId;
        registry.endorseAndDeliver(c.eblTokenId, drawee);
        emit CollectionAccepted(collectionId, obligationId, drawee, maturity);
    }

    /// @inheritdoc IDocumentsAgainstAcceptance
    function refuse(bytes32 collectionId, bytes32 reasonCode) external {
        Collection storage c = _lodgedCollection(collectionId);
        if (msg.sender != c.drawee) revert CollectionNotDrawee(collectionId, msg.sender);
        c.status = CollectionStatus.Refused;
        registry.transferFrom(address(this), c.lodger, c.eblTokenId);
        emit CollectionRefused(collectionId, msg.sender, reasonCode);
    }

    /// @inheritdoc IDocumentsAgainstAcceptance
    function withdraw(bytes32 collectionId) external {
        Collection storage c = _lodgedCollection(collectionId);
        address lodger = c.lodger;
        if (msg.sender != lodger) revert CollectionNotLodger(collectionId, msg.sender);
        c.status = CollectionStatus.Withdrawn;
        registry.transferFrom(address(this), lodger, c.eblTokenId);
        emit CollectionWithdrawn(collectionId, lodger);
    }

    /// @inheritdoc IDocumentsAgainstAcceptance
    function returnUnaccepted(bytes32 collectionId) external {
        Collection storage c = _lodgedCollection(collectionId);
        if (block.timestamp <= c.acceptBy) revert CollectionAcceptancePeriodOpen(collectionId, c.acceptBy);
        address lodger = c.lodger;
        c.status = CollectionStatus.Returned;
        registry.transferFrom(address(this), lodger, c.eblTokenId);
        emit CollectionReturned(collectionId, lodger, msg.sender);
    }

    /// @inheritdoc IStrayAssetRecovery
    /// @dev The obligation's payments never pass through this contract: any balance here is stray.
    function recoverStrayToken(address token, address to, uint256 amount) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        emit StrayAssetRecovered(token, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @inheritdoc IStrayAssetRecovery
    function recoverStrayEbl(address registry_, uint256 tokenId, address to) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        if (registry_ == address(registry) && _collections[_collectionOfEbl[tokenId]].status == CollectionStatus.Lodged)
            revert TradeFinanceAssetHeld(registry_, tokenId);
        emit StrayAssetRecovered(registry_, to, tokenId);
        IERC721(registry_).transferFrom(address(this), to, tokenId);
    }

    /// @inheritdoc IDocumentsAgainstAcceptance
    function collection(bytes32 collectionId) external view returns (Collection memory) {
        return _collections[collectionId];
    }

    /// @dev The collection, if it is Lodged; else {CollectionNotLodged}.
    function _lodgedCollection(bytes32 collectionId) private view returns (Collection storage c) {
        c = _collections[collectionId];
        if (c.status != CollectionStatus.Lodged) revert CollectionNotLodged(collectionId, c.status);
    }

    /// @dev Acceptance time + tenor; with an EIP-3009 authorisation its `validAfter + 1`, within the tenor's bounds.
    function _maturity(
        Collection storage c,
        IPaymentRail.PaymentAuth calldata arrangement
    ) private view returns (uint64) {
        uint256 earliest = block.timestamp + c.tenor;
        if (arrangement.method != IPaymentRail.PaymentMethod.Authorization) return uint64(earliest);
        uint256 latest = uint256(c.acceptBy) + c.tenor;
        uint256 maturity;
        unchecked {
            maturity = arrangement.validAfter + 1; // wraps to 0 only for validAfter = 2^256 - 1, refused below
        }
        if (maturity < earliest || maturity > latest) revert CollectionInvalidMaturity(maturity, earliest, latest);
        // Fits: latest <= type(uint64).max (checked at lodging).
        return uint64(maturity);
    }
}
