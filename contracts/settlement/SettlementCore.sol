// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {EblRecords} from "../ebl/EblRecords.sol";
import {IBillOfLadingRegistry} from "../interfaces/IBillOfLadingRegistry.sol";
import {ISettlement} from "../interfaces/ISettlement.sol";
import {SignatureVerification} from "../utils/SignatureVerification.sol";
import {ISettlementCondition} from "./conditions/ISettlementCondition.sol";

/**
 * @title SettlementCore
 * @notice What both ways of settling share: the terms and their EIP-712 hash, the parties' consent, the markets and
 * their payment rails, the condition check, and the eBL leg (its checks before anything moves, its delivery with the
 * title the terms state). {SignedSettlement} and {EscrowedDeals} build on it. See {ISettlement}.
 * @dev A settlement contract must be registered in the ParticipantRegistry as a verified SETTLEMENT participant: the
 * eBL registry only lets verified custodians be approved for or hold eBLs. It never holds title (the registry's
 * custody-for-title rule lets it endorse on behalf of the seller whose eBL it moves). It calls only downward: the eBL
 * registries, the payment rails and the conditions the terms name; none of them calls back (entry points are
 * `nonReentrant`).
 */
abstract contract SettlementCore is
    ISettlement,
    IERC721Receiver,
    AccessManaged,
    Pausable,
    ReentrancyGuardTransient,
    EIP712
{
    using SafeERC20 for IERC20;

    /// @notice The EIP-712 type hash of {Terms}.
    bytes32 public constant TERMS_TYPEHASH = keccak256(
        "Terms(address registry,uint256 tokenId,bytes32 documentHash,address paymentToken,uint256 amount,"
        "address seller,address buyer,address eblRecipient,address titleRecipient,address paymentRecipient,"
        "address condition,bytes32 conditionData,uint256 deadline,bytes32 salt)"
    );

    /// @dev Gas kept for the work after a capped call (its event, restoring the books, the function's end), on top of
    /// the 1/64 that EIP-150 keeps back anyway.
    uint256 internal constant _GAS_RESERVE = 20_000;

    /// @dev The most revert data a capped call reports: a selector and eight 32-byte words, which holds every
    /// fixed-size custom error of the rails whole (a string argument may be cut). Longer data is cut to this, so a
    /// callee returning megabytes cannot make copying and logging them cost the caller its gas.
    uint256 private constant _MAX_REASON_BYTES = 260;

    /// @dev What happened to each terms hash (for a deal, also what it holds).
    mapping(bytes32 termsHash => Deal) internal _deals;
    /// @dev The payment rail of each open market; zero when closed. One read answers both "may this registry trade
    /// against this token" and "how is it paid".
    mapping(address registry => mapping(address paymentToken => address rail)) private _rails;

    /**
     * @notice Sets the access manager and the EIP-712 domain (`name`, version "2") of a settlement contract.
     * @param name The EIP-712 domain name.
     * @param initialAuthority The rails' access manager.
     */
    constructor(string memory name, address initialAuthority) AccessManaged(initialAuthority) EIP712(name, "2") {}

    // =================================================================== shared entry points

    /// @inheritdoc ISettlement
    function cancelTerms(Terms calldata terms) external virtual nonReentrant {
        bytes32 termsHash = _hashTerms(terms);
        address caller = _msgSender();
        if (caller != terms.seller && caller != terms.buyer) revert SettlementNotParty(caller);
        Deal storage deal = _deals[termsHash];
        TermsStatus status = deal.status;
        if (status != TermsStatus.None) revert SettlementTermsUsed(termsHash, status);
        deal.status = TermsStatus.Cancelled;
        emit TermsCancelled(termsHash, caller);
    }

    /**
     * @notice Refuses every eBL pushed with `safeTransferFrom`: eBLs enter custody only through a deposit, which uses a
     * plain transfer, so anything arriving this way would belong to no settlement.
     * @param operator The account that initiated the transfer.
     * @param tokenId The eBL.
     * @return Never returns.
     */
    function onERC721Received(
        address operator,
        address,
        uint256 tokenId,
        bytes calldata
    ) external pure returns (bytes4) {
        revert SettlementUnsolicitedEbl(operator, tokenId);
    }

    // =================================================================== admin

    /// @inheritdoc ISettlement
    function setMarket(address registry, address paymentToken, address rail) external restricted {
        if (registry == address(0) || paymentToken == address(0)) revert RailsZeroAddress();
        _rails[registry][paymentToken] = rail;
        emit MarketSet(registry, paymentToken, rail);
    }

    /// @notice Stops new settlements, deals and deposits; cancellations and refunds stay open.
    function pause() external restricted {
        _pause();
    }

    /// @notice Resumes new settlements, deals and deposits.
    function unpause() external restricted {
        _unpause();
    }

    /**
     * @notice Sends away deposit tokens that reached this contract outside any deal (a plain transfer); what is held
     * for deals can never be taken.
     * @param token The token.
     * @param to The recipient (normally whoever sent it by mistake).
     * @param amount At most the balance above what is held for deals.
     */
    function recoverStrayToken(address token, address to, uint256 amount) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        uint256 balance = IERC20(token).balanceOf(address(this));
        uint256 held = _heldForDeals(token);
        // Below the held total (a forced transfer out of this contract) nothing is stray.
        uint256 stray = balance > held ? balance - held : 0;
        if (amount > stray) revert SettlementAssetInEscrow(token, amount);
        IERC20(token).safeTransfer(to, amount);
        emit StrayAssetRecovered(token, to, amount);
    }

    /**
     * @notice Sends away an eBL that reached this contract outside any deal (a plain `transferFrom`); an eBL that a deal
     * holds can never be taken.
     * @param registry The eBL registry.
     * @param tokenId The eBL.
     * @param to The recipient (normally whoever sent it by mistake).
     */
    function recoverStrayEbl(address registry, uint256 tokenId, address to) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        if (_isHeldForDeal(registry, tokenId)) revert SettlementAssetInEscrow(registry, tokenId);
        IERC721(registry).transferFrom(address(this), to, tokenId);
        emit StrayAssetRecovered(registry, to, tokenId);
    }

    // =================================================================== views

    /// @inheritdoc ISettlement
    function hashTerms(Terms calldata terms) external view returns (bytes32) {
        return _hashTerms(terms);
    }

    /// @inheritdoc ISettlement
    function statusOf(bytes32 termsHash) external view returns (TermsStatus) {
        return _deals[termsHash].status;
    }

    /// @inheritdoc ISettlement
    function paymentRailOf(address registry, address paymentToken) external view returns (address) {
        return _rails[registry][paymentToken];
    }

    /**
     * @notice The EIP-712 domain separator that signatures for this contract are bound to (this chain, this contract).
     * @return The domain separator.
     */
    // The NatSpec above is not seen by solhint through the disable comment, hence use-natspec.
    // solhint-disable-next-line func-name-mixedcase, use-natspec
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // =================================================================== hooks

    /// @dev How much of `token` this contract holds for deals (none for a contract that holds nothing).
    function _heldForDeals(address token) internal view virtual returns (uint256);

    /// @dev Whether a deal holds this eBL (never, for a contract that holds nothing).
    function _isHeldForDeal(address registry, uint256 tokenId) internal view virtual returns (bool);

    /// @dev Reverts because the seller does not hold the eBL; `holder` does. A contract that holds eBLs for deals names
    /// the deal when the holder is itself.
    function _revertSellerNotHolder(Terms calldata terms, address holder) internal view virtual {
        revert SettlementSellerNotHolder(terms.seller, holder);
    }

    // =================================================================== terms and consent

    /// @dev Static checks of terms that must hold before anything moves; returns the market's payment rail.
    function _checkTerms(Terms calldata terms) internal view returns (address rail) {
        rail = _railOf(terms);
        if (block.timestamp > terms.deadline) revert RailsExpired(terms.deadline, block.timestamp);
        if (terms.amount == 0) revert RailsZeroAmount();
        if (terms.amount > type(uint128).max) revert SettlementInvalidAmount(terms.amount);
        if (
            terms.seller == address(0) ||
            terms.buyer == address(0) ||
            terms.eblRecipient == address(0) ||
            terms.paymentRecipient == address(0) ||
            terms.seller == terms.buyer ||
            terms.eblRecipient == terms.seller ||
            terms.paymentRecipient == terms.buyer ||
            // a leg delivered to this contract would belong to no settlement
            terms.eblRecipient == address(this) ||
            terms.paymentRecipient == address(this)
        ) revert SettlementInvalidParties();
    }

    /// @dev The market's payment rail; reverts when the market is closed.
    function _railOf(Terms calldata terms) internal view returns (address rail) {
        rail = _rails[terms.registry][terms.paymentToken];
        if (rail == address(0)) revert SettlementMarketClosed(terms.registry, terms.paymentToken);
    }

    /// @dev A party consents by submitting the call itself or by its EIP-712 signature (ECDSA, or ERC-1271 for a
    /// contract account; see {SignatureVerification}). OpenZeppelin's ECDSA rejects malleable (high-s) signatures.
    function _checkConsent(bytes32 hash, address party, bytes calldata signature, address caller) internal view {
        if (caller == party) return;
        if (!SignatureVerification.isValidNowCalldata(party, hash, signature)) revert RailsInvalidSignature(party);
    }

    /// @dev Asks the condition the terms name, if any; it reverts with its own error when it does not hold.
    function _checkCondition(bytes32 termsHash, Terms calldata terms) internal {
        address condition = terms.condition;
        if (condition == address(0)) return;
        bytes4 answer = ISettlementCondition(condition).checkSettlement(termsHash, terms);
        if (answer != ISettlementCondition.checkSettlement.selector) revert SettlementConditionRefused(condition);
    }

    function _hashTerms(Terms calldata terms) internal view returns (bytes32) {
        return _hashTypedDataV4(_termsStructHash(terms));
    }

    /// @dev The typed-data hash of a consent type that wraps the terms (`Deal(Terms terms)`, `EblDeposit(Terms terms)`).
    function _hashConsent(bytes32 typeHash, Terms calldata terms) internal view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(typeHash, _termsStructHash(terms))));
    }

    /// @dev `keccak256(abi.encode(TERMS_TYPEHASH, terms))`, hashed from calldata as it stands: {Terms} is 14 static
    /// words. A field with dirty upper bits changes the hash (so no signature matches it) and reverts when read.
    function _termsStructHash(Terms calldata terms) internal pure returns (bytes32 structHash) {
        bytes32 typeHash = TERMS_TYPEHASH;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, typeHash)
            calldatacopy(add(m, 0x20), terms, 0x1c0)
            structHash := keccak256(m, 0x1e0)
        }
    }

    // =================================================================== the eBL leg

    /**
     * @dev Checks the eBL leg before anything moves, from one read of the registry: the token's document is the one
     * agreed, the seller holds it, and the title the terms promise can be given (it is already with the title
     * recipient, or the seller can endorse the eBL now: a live to-order bill, not on hold, whose holder has title;
     * {EblRecords-isEndorsable}). Returns the current title holder (zero while blank endorsed).
     */
    function _checkEblLeg(
        IBillOfLadingRegistry registry,
        Terms calldata terms
    ) internal view returns (address titleHolder) {
        IBillOfLadingRegistry.Bill memory bill = registry.billOf(terms.tokenId);
        if (bill.documentHash != terms.documentHash)
            revert SettlementDocumentChanged(terms.documentHash, bill.documentHash);
        if (bill.holder != terms.seller) _revertSellerNotHolder(terms, bill.holder);
        titleHolder = bill.titleHolder;
        if (titleHolder != terms.titleRecipient && !EblRecords.isEndorsable(bill)) {
            revert SettlementTitleNotDeliverable(terms.tokenId, terms.titleRecipient, titleHolder);
        }
    }

    /// @dev Makes sure this contract may move the seller's eBL: a prior approval, or the seller's ERC-4494 permit.
    function _authorizeEbl(
        IBillOfLadingRegistry registry,
        uint256 tokenId,
        address seller,
        EblAuth calldata auth
    ) internal {
        if (auth.signature.length != 0) {
            // A permit that fails (already submitted by a front-runner) is ignored; the approval check below decides.
            // solhint-disable-next-line no-empty-blocks
            try registry.permit(address(this), tokenId, auth.deadline, auth.signature) {} catch {}
        }
        // Operator approval first: a seller who trades often approves once, and then the per-token slot is not read.
        if (!registry.isApprovedForAll(seller, address(this)) && registry.getApproved(tokenId) != address(this)) {
            revert SettlementEblNotAuthorized(tokenId);
        }
    }

    /**
     * @dev Moves the eBL from `from` (the seller, or this contract for a deal) to the eBL recipient and gives title to
     * the title recipient: possession only when `titleHolder` (the current one) is already the title recipient,
     * otherwise an endorsement to it, or in blank when the terms say bearer. Then checks the outcome the terms promise:
     * whatever happened in between (a receiver's hook acting on the eBL), the settlement completes only if the eBL
     * recipient holds the eBL and the title is the terms' title recipient.
     */
    function _deliverEbl(
        IBillOfLadingRegistry registry,
        Terms calldata terms,
        address from,
        address titleHolder
    ) internal {
        uint256 tokenId = terms.tokenId;
        address titleRecipient = terms.titleRecipient;
        address eblRecipient = terms.eblRecipient;
        if (titleHolder == titleRecipient) {
            registry.safeTransferFrom(from, eblRecipient, tokenId);
        } else if (titleRecipient == eblRecipient) {
            registry.endorseAndDeliver(tokenId, titleRecipient);
        } else {
            if (titleRecipient == address(0)) registry.blankEndorse(tokenId);
            else registry.endorse(tokenId, titleRecipient);
            registry.safeTransferFrom(from, eblRecipient, tokenId);
        }
        titleHolder = registry.titleHolderOf(tokenId);
        address holder = registry.holderOf(tokenId);
        if (titleHolder != titleRecipient || holder != eblRecipient) {
            revert SettlementTitleMismatch(tokenId, titleHolder, holder);
        }
    }

    // =================================================================== capped calls

    /**
     * @dev Calls `target` with `data` and at most `gasCap` gas (the caller has checked that this much is left to give),
     * and returns whether it succeeded and the first {_MAX_REASON_BYTES} of what it returned or reverted with. Only
     * that much is copied, whatever the callee returns.
     */
    function _cappedCall(
        address target,
        bytes memory data,
        uint256 gasCap
    ) internal returns (bool ok, bytes memory returnData) {
        assembly ("memory-safe") {
            ok := call(gasCap, target, 0, add(data, 0x20), mload(data), 0, 0)
            let size := returndatasize()
            if gt(size, _MAX_REASON_BYTES) {
                size := _MAX_REASON_BYTES
            }
            returnData := mload(0x40)
            mstore(returnData, size)
            returndatacopy(add(returnData, 0x20), 0, size)
            mstore(0x40, add(add(returnData, 0x20), and(add(size, 0x1f), not(0x1f))))
        }
    }
}
