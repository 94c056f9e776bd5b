// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IBillOfLadingRegistry} from "../interfaces/IBillOfLadingRegistry.sol";
import {IEscrowedDeals} from "../interfaces/IEscrowedDeals.sol";
import {SettlementCore} from "./SettlementCore.sol";
import {IPaymentRail} from "./rails/IPaymentRail.sol";

/**
 * @title EscrowedDeals
 * @notice Escrowed delivery versus payment of electronic bills of lading against tokenized deposits: the seller
 * deposits the eBL and the buyer the payment, in any order; the leg that completes the deal settles it, and a deal
 * that does not complete returns both legs. See {IEscrowedDeals} and docs/settlement.md.
 * @dev Holds possession of an eBL only while it is deposited for a deal, and never title (the registry's
 * custody-for-title rule lets it endorse on behalf of the seller who deposited it). Payments arrive through the
 * market's rail and leave, to the payment recipient or back to the buyer, as plain transfers of the token held. Every
 * external entry point is `nonReentrant`; state changes precede the external calls that move assets, except the
 * payment deposits, whose received amount is measured around the rail's call (the guard covers that window).
 */
contract EscrowedDeals is IEscrowedDeals, SettlementCore {
    using SafeERC20 for IERC20;

    /// @notice The EIP-712 type hash of a party's consent to a deal on {Terms}: `Deal(Terms terms)`.
    bytes32 public constant DEAL_TYPEHASH = keccak256(
        "Deal(Terms terms)Terms(address registry,uint256 tokenId,bytes32 documentHash,address paymentToken,"
        "uint256 amount,address seller,address buyer,address eblRecipient,address titleRecipient,"
        "address paymentRecipient,address condition,bytes32 conditionData,uint256 deadline,bytes32 salt)"
    );

    /// @notice The EIP-712 type hash of the seller's consent to someone else depositing its eBL into the deal on
    /// {Terms}: `EblDeposit(Terms terms)`.
    bytes32 public constant EBL_DEPOSIT_TYPEHASH = keccak256(
        "EblDeposit(Terms terms)Terms(address registry,uint256 tokenId,bytes32 documentHash,address paymentToken,"
        "uint256 amount,address seller,address buyer,address eblRecipient,address titleRecipient,"
        "address paymentRecipient,address condition,bytes32 conditionData,uint256 deadline,bytes32 salt)"
    );

    /**
     * @notice The gas each leg's return runs with in {cancelDeal} and {refund}: a return that needs more fails with
     * {ReturnFailed} and the other leg is returned regardless.
     * @dev Returns call only the registry and the token, never party code. Measured with the cancellation around them
     * (test/settlement/batchGas.ts, which fails if one passes a quarter of this). Ample on purpose: a return that this
     * cap made fail would fail on every retry.
     */
    uint256 public constant RETURN_GAS = 300_000;

    /// @dev What a capped return needs left before it starts (see {SignedSettlement-BATCH_ITEM_GAS} for the formula).
    uint256 private constant _RETURN_GAS_NEEDED = RETURN_GAS + RETURN_GAS / 63 + 1 + _GAS_RESERVE;

    /// @dev The deal that holds an eBL in custody: set when it is deposited, cleared when it leaves.
    mapping(address registry => mapping(uint256 tokenId => bytes32 dealId)) private _dealOfEbl;
    mapping(address token => uint256) private _escrowed;

    /**
     * @notice Deploys the escrowed-deals contract with no market open yet.
     * @param initialAuthority The rails' access manager, which says who may open markets, recover stray assets and
     * pause.
     */
    constructor(address initialAuthority) SettlementCore("Cargo Rails Escrowed Deals", initialAuthority) {}

    /// @inheritdoc IEscrowedDeals
    function createDeal(
        Terms calldata terms,
        bytes calldata sellerSignature
    ) external nonReentrant whenNotPaused returns (bytes32 dealId) {
        dealId = _hashTerms(terms);
        _checkTerms(terms);
        Deal storage deal = _deals[dealId];
        if (deal.status != TermsStatus.None) revert SettlementTermsUsed(dealId, deal.status);
        _checkDealConsent(terms, terms.seller, sellerSignature, _msgSender());

        // Nothing is reserved yet: the eBL is bound to this deal only once deposited (see {depositEbl}), so a deal
        // opened by someone who does not hold the eBL blocks nothing.
        deal.status = TermsStatus.Open;
        emit DealCreated(dealId, terms, _msgSender());
    }

    /// @inheritdoc IEscrowedDeals
    function depositEbl(
        Terms calldata terms,
        bytes calldata sellerSignature,
        EblAuth calldata eblAuth
    ) external nonReentrant whenNotPaused {
        (bytes32 dealId, Deal storage deal, ) = _openDeal(terms);
        if (deal.eblHeld) revert SettlementEblAlreadyDeposited(dealId);
        // A standing approval lets this contract move any of the seller's eBLs, into any deal the seller ever agreed
        // to: only the seller's consent to this very deposit lets someone else choose the deal.
        _checkConsent(_hashConsent(EBL_DEPOSIT_TYPEHASH, terms), terms.seller, sellerSignature, _msgSender());
        IBillOfLadingRegistry registry = IBillOfLadingRegistry(terms.registry);
        // Checked before custody: title cannot change while this contract holds the eBL, so the check still holds
        // when the payment completes the deal.
        _checkEblLeg(registry, terms);
        _authorizeEbl(registry, terms.tokenId, terms.seller, eblAuth);

        deal.eblHeld = true;
        _dealOfEbl[terms.registry][terms.tokenId] = dealId;
        // Plain transferFrom: this contract is the receiver and knows it can hold the eBL.
        registry.transferFrom(terms.seller, address(this), terms.tokenId);
        emit EblDeposited(dealId, terms.seller, terms.registry, terms.tokenId);

        if (deal.paid == terms.amount) _settleDeal(dealId, deal, terms);
    }

    /// @inheritdoc IEscrowedDeals
    function depositPayment(
        Terms calldata terms,
        uint256 amount,
        bytes calldata buyerSignature,
        IPaymentRail.PaymentAuth calldata paymentAuth
    ) external nonReentrant whenNotPaused {
        (bytes32 dealId, Deal storage deal, address rail) = _openDeal(terms);
        uint256 remaining = terms.amount - deal.paid;
        if (amount == 0) revert RailsZeroAmount();
        if (amount > remaining) revert SettlementOverpayment(dealId, remaining, amount);
        // An EIP-3009 authorization names this deal through its nonce (bound to the deal consent {hashDeal}, never to
        // the terms' hash of a signed settlement); other methods need the buyer's consent to the deal, so nobody can
        // pour a buyer's allowance into a deal the buyer never agreed to.
        bytes32 dealConsent = _hashConsent(DEAL_TYPEHASH, terms);
        if (paymentAuth.method != IPaymentRail.PaymentMethod.Authorization) {
            _checkConsent(dealConsent, terms.buyer, buyerSignature, _msgSender());
        }

        uint256 received = _collect(rail, terms, amount, dealConsent, paymentAuth);
        uint128 paid = deal.paid + uint128(received);
        deal.paid = paid;
        _escrowed[terms.paymentToken] += received;
        emit PaymentDeposited(dealId, terms.buyer, received, paid);

        if (paid == terms.amount && deal.eblHeld) _settleDeal(dealId, deal, terms);
    }

    /// @inheritdoc IEscrowedDeals
    function cancelDeal(Terms calldata terms) external nonReentrant {
        (bytes32 dealId, Deal storage deal) = _dealWithStatus(terms, TermsStatus.Open);
        address caller = _msgSender();
        if (caller != terms.seller && caller != terms.buyer) revert SettlementNotParty(caller);
        deal.status = TermsStatus.Cancelled;
        emit DealCancelled(dealId, caller, CancelReason.Cancelled);
        _returnLegs(dealId, deal, terms);
    }

    /// @inheritdoc IEscrowedDeals
    function refund(Terms calldata terms) external nonReentrant {
        bytes32 dealId = _hashTerms(terms);
        Deal storage deal = _deals[dealId];
        if (deal.status == TermsStatus.Open) {
            if (block.timestamp <= terms.deadline) revert SettlementNotExpired(dealId, terms.deadline);
            deal.status = TermsStatus.Cancelled;
            emit DealCancelled(dealId, _msgSender(), CancelReason.Expired);
        } else if (deal.status != TermsStatus.Cancelled || (!deal.eblHeld && deal.paid == 0)) {
            revert SettlementNothingToRefund(dealId);
        }
        _returnLegs(dealId, deal, terms);
    }

    // =================================================================== views

    /// @inheritdoc IEscrowedDeals
    function hashDeal(Terms calldata terms) external view returns (bytes32) {
        return _hashConsent(DEAL_TYPEHASH, terms);
    }

    /// @inheritdoc IEscrowedDeals
    function hashEblDeposit(Terms calldata terms) external view returns (bytes32) {
        return _hashConsent(EBL_DEPOSIT_TYPEHASH, terms);
    }

    /// @inheritdoc IEscrowedDeals
    function dealOf(bytes32 dealId) external view returns (Deal memory) {
        return _deals[dealId];
    }

    /// @inheritdoc IEscrowedDeals
    function openDealOf(address registry, uint256 tokenId) external view returns (bytes32) {
        return _dealOfEbl[registry][tokenId];
    }

    /// @inheritdoc IEscrowedDeals
    function escrowedBalance(address token) external view returns (uint256) {
        return _escrowed[token];
    }

    // =================================================================== settling and returning

    /**
     * @dev Both legs are in: the condition (if any) must agree, then pay the recipient and deliver the eBL from
     * custody. Effects first; a failure of either call reverts the deposit that triggered the settlement, leaving the
     * deal open (cancellation and refund still return its legs).
     */
    function _settleDeal(bytes32 dealId, Deal storage deal, Terms calldata terms) private {
        deal.status = TermsStatus.Settled;
        deal.eblHeld = false;
        deal.paid = 0;
        delete _dealOfEbl[terms.registry][terms.tokenId];
        _escrowed[terms.paymentToken] -= terms.amount;
        _checkCondition(dealId, terms);

        // No document check here: an eBL in custody cannot be amended (that needs a surrender by its holder, this
        // contract), so the check made when it was deposited still holds.
        IERC20 token = IERC20(terms.paymentToken);
        address recipient = terms.paymentRecipient;
        uint256 before = token.balanceOf(recipient);
        token.safeTransfer(recipient, terms.amount);
        uint256 received = _increase(token.balanceOf(recipient), before);
        if (received != terms.amount) revert SettlementPaymentShortfall(terms.amount, received);
        IBillOfLadingRegistry registry = IBillOfLadingRegistry(terms.registry);
        _deliverEbl(registry, terms, address(this), registry.titleHolderOf(terms.tokenId));

        emit Settled(
            dealId,
            terms.seller,
            terms.buyer,
            terms.registry,
            terms.tokenId,
            terms.paymentToken,
            terms.amount
        );
    }

    /// @dev Has the rail pay `amount` from the buyer into custody; what counts is what arrived here, measured around
    /// the rail's call, and it must be `amount`.
    function _collect(
        address rail,
        Terms calldata terms,
        uint256 amount,
        bytes32 dealConsent,
        IPaymentRail.PaymentAuth calldata auth
    ) private returns (uint256 received) {
        IERC20 token = IERC20(terms.paymentToken);
        uint256 before = token.balanceOf(address(this));
        IPaymentRail(rail).pay(address(token), terms.buyer, address(this), amount, dealConsent, auth);
        received = _increase(token.balanceOf(address(this)), before);
        if (received != amount) revert SettlementPaymentShortfall(amount, received);
    }

    /**
     * @dev Returns each leg still held to the party it came from. A return that fails (party not verified, account
     * frozen, token paused, eBL on legal hold) leaves that leg held and attributed to the deal, with {ReturnFailed};
     * {refund} retries it later. The other leg is returned regardless. Each return runs with RETURN_GAS; a caller that
     * leaves less gets {SettlementReturnGasTooLow} and the whole call reverts, so a low gas limit never passes for a
     * failed return.
     */
    function _returnLegs(bytes32 dealId, Deal storage deal, Terms calldata terms) private {
        if (deal.eblHeld) {
            deal.eblHeld = false;
            (bool ok, bytes memory reason) = _returnCall(
                terms.registry,
                abi.encodeCall(IERC721.transferFrom, (address(this), terms.seller, terms.tokenId))
            );
            if (ok) {
                delete _dealOfEbl[terms.registry][terms.tokenId];
                emit EblReturned(dealId, terms.seller);
            } else {
                // Restoring the books after a failed return; every entry point is nonReentrant.
                // solhint-disable-next-line reentrancy
                deal.eblHeld = true;
                emit ReturnFailed(dealId, true, reason);
            }
        }

        uint256 paid = deal.paid;
        if (paid != 0) {
            deal.paid = 0;
            _escrowed[terms.paymentToken] -= paid;
            // A token's `true` is not taken at its word, as on every payment path: the return counts only when the
            // whole amount left this contract and reached the buyer. The books keep what is still held here, never
            // what left (a token that debits without crediting must not make other deals' escrow pay again).
            IERC20 token = IERC20(terms.paymentToken);
            address buyer = terms.buyer;
            uint256 heldBefore = token.balanceOf(address(this));
            uint256 buyerBefore = token.balanceOf(buyer);
            (bool ok, bytes memory reason) = _returnCall(
                address(token),
                abi.encodeCall(IERC20.transfer, (buyer, paid))
            );
            // Deposit tokens revert on failure; a `false` return counts as a failure too. Only revert data is a reason.
            if (ok) {
                if (reason.length != 0 && (reason.length < 32 || uint256(bytes32(reason)) != 1)) ok = false;
                reason = "";
            }
            uint256 sent = _increase(heldBefore, token.balanceOf(address(this)));
            if (ok && sent >= paid && _increase(token.balanceOf(buyer), buyerBefore) >= paid) {
                emit PaymentReturned(dealId, buyer, paid);
            } else {
                // Restoring the books after a failed transfer; every entry point is nonReentrant.
                // solhint-disable reentrancy
                uint256 held = sent < paid ? paid - sent : 0;
                deal.paid = uint128(held);
                _escrowed[address(token)] += held;
                // solhint-enable reentrancy
                emit ReturnFailed(dealId, false, reason);
            }
        }
    }

    /// @dev How much `current` exceeds `previous` by (zero when it does not).
    function _increase(uint256 current, uint256 previous) private pure returns (uint256) {
        return current > previous ? current - previous : 0;
    }

    /// @dev One leg's return: `data` to `target` with RETURN_GAS, refused when the caller left less than that to give.
    /// A call to an account without code moves nothing, so it does not count as a return.
    function _returnCall(address target, bytes memory data) private returns (bool ok, bytes memory returnData) {
        uint256 left = gasleft();
        if (left < _RETURN_GAS_NEEDED) revert SettlementReturnGasTooLow(_RETURN_GAS_NEEDED, left);
        (ok, returnData) = _cappedCall(target, data, RETURN_GAS);
        if (ok && returnData.length == 0 && target.code.length == 0) ok = false;
    }

    // =================================================================== deals

    /// @dev A deal that may take deposits: open, before its deadline, in a market still open. Returns its rail.
    function _openDeal(Terms calldata terms) private view returns (bytes32 dealId, Deal storage deal, address rail) {
        (dealId, deal) = _dealWithStatus(terms, TermsStatus.Open);
        if (block.timestamp > terms.deadline) revert RailsExpired(terms.deadline, block.timestamp);
        rail = _railOf(terms);
    }

    function _dealWithStatus(
        Terms calldata terms,
        TermsStatus expected
    ) private view returns (bytes32 dealId, Deal storage deal) {
        dealId = _hashTerms(terms);
        deal = _deals[dealId];
        if (deal.status != expected) revert SettlementDealNotOpen(dealId, deal.status);
    }

    /// @dev A party's consent to a deal: its call, or its signature of {hashDeal} (never of {hashTerms}).
    function _checkDealConsent(
        Terms calldata terms,
        address party,
        bytes calldata signature,
        address caller
    ) private view {
        if (caller == party) return;
        _checkConsent(_hashConsent(DEAL_TYPEHASH, terms), party, signature, caller);
    }

    // =================================================================== hooks

    /// @dev An eBL that a deal holds has this contract as holder: the error names that deal.
    function _revertSellerNotHolder(Terms calldata terms, address holder) internal view override {
        bytes32 holding = holder == address(this) ? _dealOfEbl[terms.registry][terms.tokenId] : bytes32(0);
        if (holding != bytes32(0)) revert SettlementEblInOpenDeal(terms.registry, terms.tokenId, holding);
        revert SettlementSellerNotHolder(terms.seller, holder);
    }

    function _heldForDeals(address token) internal view override returns (uint256) {
        return _escrowed[token];
    }

    function _isHeldForDeal(address registry, uint256 tokenId) internal view override returns (bool) {
        bytes32 dealId = _dealOfEbl[registry][tokenId];
        return dealId != bytes32(0) && _deals[dealId].eblHeld;
    }
}
