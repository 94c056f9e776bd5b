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

import {IBillOfLadingRegistry} from "../interfaces/IBillOfLadingRegistry.sol";
import {IDeliveryVersusPayment} from "../interfaces/IDeliveryVersusPayment.sol";
import {IERC3009Signatures} from "../interfaces/IERC3009Signatures.sol";
import {ITokenizedDeposit} from "../interfaces/ITokenizedDeposit.sol";
import {SignatureVerification} from "../utils/SignatureVerification.sol";

/**
 * @title DeliveryVersusPayment
 * @notice Delivery versus payment of electronic bills of lading against tokenized deposits: either both legs move in
 * one transaction or neither does. See {IDeliveryVersusPayment} and docs/settlement.md.
 * @dev This contract must be registered in the ParticipantRegistry as a verified SETTLEMENT participant: the eBL
 * registry only lets verified custodians be approved for or hold eBLs, and the deposit tokens only move to verified
 * accounts. It holds possession of an eBL only while it is escrowed for a deal, and never title (the registry's
 * custody-for-title rule lets it endorse on behalf of the seller who deposited it).
 *
 * Every external entry point is `nonReentrant`; state changes precede the external calls that move assets, except the
 * payment deposits, whose received amount is measured around the token call (the guard covers that window).
 */
contract DeliveryVersusPayment is
    IDeliveryVersusPayment,
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
        "uint256 deadline,bytes32 salt)"
    );

    /// @notice The EIP-712 type hash of a party's consent to an escrowed deal on {Terms}: `Deal(Terms terms)`.
    bytes32 public constant DEAL_TYPEHASH = keccak256(
        "Deal(Terms terms)Terms(address registry,uint256 tokenId,bytes32 documentHash,address paymentToken,"
        "uint256 amount,address seller,address buyer,address eblRecipient,address titleRecipient,"
        "address paymentRecipient,uint256 deadline,bytes32 salt)"
    );

    /**
     * @notice The gas each item of {settleBatch} runs with: an item that needs more fails alone (and can be settled
     * with {settle}); party code that burns gas in an item takes no more than this from the batch.
     * @dev Sized from test/settlement/batchGas.ts, which measures the heaviest honest items (a first trade into cold
     * accounts with an eBL permit and an EIP-3009 authorization: 211 000; two ERC-1271 smart accounts and a split
     * endorsement: 180 000) and fails if one of them passes half of this. The rest is room for smart accounts whose
     * `isValidSignature` costs more than our test account's (a multisig, a passkey) and for gas repricing. See
     * docs/gas.md.
     */
    uint256 public constant BATCH_ITEM_GAS = 500_000;

    /**
     * @notice The gas each leg's return runs with in {cancelDeal} and {refund}: a return that needs more fails with
     * {ReturnFailed} and the other leg is returned regardless.
     * @dev Returns call only the registry and the token, never party code. Measured with the cancellation around them
     * (test/settlement/batchGas.ts, which fails if one passes a quarter of this): the eBL's return 66 000, the
     * payment's 35 000. Ample on purpose: a return that this cap made fail would fail on every retry.
     */
    uint256 public constant RETURN_GAS = 300_000;

    /// @dev Gas kept for the work after a capped call (its event, restoring the books, the function's end), on top of
    /// the 1/64 that EIP-150 keeps back anyway.
    uint256 private constant _GAS_RESERVE = 20_000;

    /// @dev What a capped call needs left before it starts: EIP-150 passes a callee at most 63/64 of the gas left, so
    /// a cap of `g` is really given only when `g * 64 / 63` (rounded up here by `g / 63`) and the reserve are left.
    uint256 private constant _BATCH_ITEM_GAS_NEEDED = BATCH_ITEM_GAS + BATCH_ITEM_GAS / 63 + 1 + _GAS_RESERVE;
    uint256 private constant _RETURN_GAS_NEEDED = RETURN_GAS + RETURN_GAS / 63 + 1 + _GAS_RESERVE;

    /// @dev The most revert data a failed batch item or return reports: a selector and eight 32-byte words, which
    /// holds every fixed-size custom error of this contract, the registry and the deposit token whole (a string
    /// argument may be cut). Longer data is cut to this, so a callee returning megabytes cannot make copying and
    /// logging them cost the caller its gas.
    uint256 private constant _MAX_REASON_BYTES = 260;
    /// @notice The EIP-712 type hash of the seller's consent to someone else depositing its eBL into the deal on
    /// {Terms}: `EblDeposit(Terms terms)`.
    bytes32 public constant EBL_DEPOSIT_TYPEHASH = keccak256(
        "EblDeposit(Terms terms)Terms(address registry,uint256 tokenId,bytes32 documentHash,address paymentToken,"
        "uint256 amount,address seller,address buyer,address eblRecipient,address titleRecipient,"
        "address paymentRecipient,uint256 deadline,bytes32 salt)"
    );

    mapping(bytes32 termsHash => Deal) private _deals;
    /// @dev The deal that holds an eBL in custody: set when it is deposited, cleared when it leaves.
    mapping(address registry => mapping(uint256 tokenId => bytes32 dealId)) private _dealOfEbl;
    mapping(address token => uint256) private _escrowed;
    mapping(address registry => bool) private _allowedRegistries;
    mapping(address token => bool) private _allowedTokens;

    /**
     * @notice Deploys the settlement contract with no registry or token allowed yet.
     * @param initialAuthority The rails' access manager, which says who may allow registries and tokens, recover stray
     * assets and pause.
     */
    constructor(address initialAuthority) AccessManaged(initialAuthority) EIP712("Cargo Rails Settlement", "1") {}

    // =================================================================== signed settlement

    /// @inheritdoc IDeliveryVersusPayment
    function settle(SignedSettlement calldata settlement) external nonReentrant whenNotPaused {
        _settleSigned(settlement, _msgSender());
    }

    /// @inheritdoc IDeliveryVersusPayment
    function settleBatch(
        SignedSettlement[] calldata settlements
    ) external nonReentrant whenNotPaused returns (bool[] memory settled) {
        uint256 n = settlements.length;
        settled = new bool[](n);
        address submitter = _msgSender();
        for (uint256 i; i < n; ++i) {
            // An external self-call gives each item its own revert scope: a failing item rolls back alone. It gets
            // BATCH_ITEM_GAS and no more, so party code that burns gas (an eBL recipient's `onERC721Received`, an
            // ERC-1271 `isValidSignature`) sinks its own item, not the batch.
            bytes memory data = abi.encodeCall(this.settleBatchItem, (settlements[i], submitter));
            // Without the full allowance an honest item could "fail" for want of gas the submitter held back.
            uint256 left = gasleft();
            if (left < _BATCH_ITEM_GAS_NEEDED) revert SettlementBatchGasTooLow(i, _BATCH_ITEM_GAS_NEEDED, left);
            (bool ok, bytes memory reason) = _cappedCall(address(this), data, BATCH_ITEM_GAS);
            if (ok) settled[i] = true;
            else emit BatchItemFailed(i, _hashTerms(settlements[i].terms), reason);
        }
    }

    /**
     * @notice One item of {settleBatch}, in its own revert scope. Only this contract may call it.
     * @param settlement The item.
     * @param submitter The account that submitted the batch (it may stand in for its own signature).
     */
    function settleBatchItem(SignedSettlement calldata settlement, address submitter) external {
        if (_msgSender() != address(this)) revert SettlementOnlySelf();
        _settleSigned(settlement, submitter);
    }

    /// @inheritdoc IDeliveryVersusPayment
    function cancelTerms(Terms calldata terms) external nonReentrant {
        bytes32 termsHash = _hashTerms(terms);
        address caller = _msgSender();
        if (caller != terms.seller && caller != terms.buyer) revert SettlementNotParty(caller);
        Deal storage deal = _deals[termsHash];
        TermsStatus status = deal.status;
        if (status != TermsStatus.None) revert SettlementTermsUsed(termsHash, status);
        deal.status = TermsStatus.Cancelled;
        emit TermsCancelled(termsHash, caller);
    }

    function _settleSigned(SignedSettlement calldata s, address submitter) private {
        Terms calldata terms = s.terms;
        bytes32 termsHash = _hashTerms(terms);
        _checkTerms(terms);
        Deal storage deal = _deals[termsHash];
        TermsStatus status = deal.status;
        if (status != TermsStatus.None) revert SettlementTermsUsed(termsHash, status);
        _checkConsent(termsHash, terms.seller, s.sellerSignature, submitter);
        _checkConsent(termsHash, terms.buyer, s.buyerSignature, submitter);

        IBillOfLadingRegistry registry = IBillOfLadingRegistry(terms.registry);
        _checkDocument(registry, terms);
        // An eBL a deal holds in custody has this contract as its holder, so it fails here too.
        _checkSellerHolds(registry, terms);
        _authorizeEbl(registry, terms.tokenId, terms.seller, s.eblAuth);
        address titleHolder = _checkTitleDeliverable(registry, terms);

        deal.status = TermsStatus.Settled;

        if (s.paymentAuth.method == PaymentMethod.Authorization) {
            // EIP-3009 pays this contract (only the payee may submit `receiveWithAuthorization`, so the authorization
            // cannot be used outside a settlement); the money leaves again in the same call.
            _collect(terms, termsHash, terms.amount, s.paymentAuth);
            _pay(IERC20(terms.paymentToken), terms.paymentRecipient, terms.amount);
        } else {
            _pull(terms, s.paymentAuth, terms.paymentRecipient, terms.amount);
        }
        _deliverEbl(registry, terms, terms.seller, titleHolder);

        emit Settled(
            termsHash,
            terms.seller,
            terms.buyer,
            terms.registry,
            terms.tokenId,
            terms.paymentToken,
            terms.amount,
            false
        );
    }

    // =================================================================== escrowed deal

    /// @inheritdoc IDeliveryVersusPayment
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

    /// @inheritdoc IDeliveryVersusPayment
    function depositEbl(
        Terms calldata terms,
        bytes calldata sellerSignature,
        EblAuth calldata eblAuth
    ) external nonReentrant whenNotPaused {
        (bytes32 dealId, Deal storage deal) = _openDeal(terms);
        if (deal.eblHeld) revert SettlementEblAlreadyDeposited(dealId);
        // A standing approval lets this contract move any of the seller's eBLs, into any deal the seller ever agreed
        // to: only the seller's consent to this very deposit lets someone else choose the deal.
        _checkConsent(_hashConsent(EBL_DEPOSIT_TYPEHASH, terms), terms.seller, sellerSignature, _msgSender());
        IBillOfLadingRegistry registry = IBillOfLadingRegistry(terms.registry);
        _checkDocument(registry, terms);
        _checkSellerHolds(registry, terms);
        _authorizeEbl(registry, terms.tokenId, terms.seller, eblAuth);
        // Checked before custody: title cannot change while this contract holds the eBL, so the check still holds
        // when the payment completes the deal.
        _checkTitleDeliverable(registry, terms);

        deal.eblHeld = true;
        _dealOfEbl[terms.registry][terms.tokenId] = dealId;
        // Plain transferFrom: this contract is the receiver and knows it can hold the eBL.
        registry.transferFrom(terms.seller, address(this), terms.tokenId);
        emit EblDeposited(dealId, terms.seller, terms.registry, terms.tokenId);

        if (deal.paid == terms.amount) _settleDeal(dealId, deal, terms);
    }

    /// @inheritdoc IDeliveryVersusPayment
    function depositPayment(
        Terms calldata terms,
        uint256 amount,
        bytes calldata buyerSignature,
        PaymentAuth calldata paymentAuth
    ) external nonReentrant whenNotPaused {
        (bytes32 dealId, Deal storage deal) = _openDeal(terms);
        uint256 remaining = terms.amount - deal.paid;
        if (amount == 0) revert RailsZeroAmount();
        if (amount > remaining) revert SettlementOverpayment(dealId, remaining, amount);
        // An EIP-3009 authorization names this deal through its nonce (bound to the deal consent {hashDeal}, never to
        // the terms' hash, so an authorization given for a signed settlement cannot fund a deal); other methods need
        // the buyer's consent to the deal, so nobody can pour a buyer's allowance into a deal the buyer never agreed to.
        if (paymentAuth.method != PaymentMethod.Authorization) {
            _checkDealConsent(terms, terms.buyer, buyerSignature, _msgSender());
        }

        uint256 received =
            paymentAuth.method == PaymentMethod.Authorization
                ? _collect(terms, _hashDeal(terms), amount, paymentAuth)
                : _pull(terms, paymentAuth, address(this), amount);

        uint128 paid = deal.paid + uint128(received);
        deal.paid = paid;
        _escrowed[terms.paymentToken] += received;
        emit PaymentDeposited(dealId, terms.buyer, received, paid);

        if (paid == terms.amount && deal.eblHeld) _settleDeal(dealId, deal, terms);
    }

    /// @inheritdoc IDeliveryVersusPayment
    function cancelDeal(Terms calldata terms) external nonReentrant {
        (bytes32 dealId, Deal storage deal) = _dealWithStatus(terms, TermsStatus.Open);
        address caller = _msgSender();
        if (caller != terms.seller && caller != terms.buyer) revert SettlementNotParty(caller);
        deal.status = TermsStatus.Cancelled;
        emit DealCancelled(dealId, caller, CancelReason.Cancelled);
        _returnLegs(dealId, deal, terms);
    }

    /// @inheritdoc IDeliveryVersusPayment
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

    /**
     * @dev Both legs are in: pay the recipient and deliver the eBL from custody. Effects first; a failure of either
     * call reverts the deposit that triggered the settlement, leaving the deal open.
     */
    function _settleDeal(bytes32 dealId, Deal storage deal, Terms calldata terms) private {
        deal.status = TermsStatus.Settled;
        deal.eblHeld = false;
        deal.paid = 0;
        delete _dealOfEbl[terms.registry][terms.tokenId];
        _escrowed[terms.paymentToken] -= terms.amount;

        // No document check here: an eBL in custody cannot be amended (that needs a surrender by its holder, this
        // contract), so the check made when it was deposited still holds.
        _pay(IERC20(terms.paymentToken), terms.paymentRecipient, terms.amount);
        IBillOfLadingRegistry registry = IBillOfLadingRegistry(terms.registry);
        _deliverEbl(registry, terms, address(this), registry.titleHolderOf(terms.tokenId));

        emit Settled(
            dealId,
            terms.seller,
            terms.buyer,
            terms.registry,
            terms.tokenId,
            terms.paymentToken,
            terms.amount,
            true
        );
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

    /**
     * @dev Calls `target` with `data` and at most `gasCap` gas (the caller has checked that this much is left to give),
     * and returns whether it succeeded and the first {_MAX_REASON_BYTES} of what it returned or reverted with. Only
     * that much is copied, whatever the callee returns.
     */
    function _cappedCall(
        address target,
        bytes memory data,
        uint256 gasCap
    ) private returns (bool ok, bytes memory returnData) {
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

    /// @dev A deal that may take deposits: open, before its deadline, on a registry and token still allowed.
    function _openDeal(Terms calldata terms) private view returns (bytes32 dealId, Deal storage deal) {
        (dealId, deal) = _dealWithStatus(terms, TermsStatus.Open);
        if (block.timestamp > terms.deadline) revert RailsExpired(terms.deadline, block.timestamp);
        _checkAllowed(terms);
    }

    function _dealWithStatus(
        Terms calldata terms,
        TermsStatus expected
    ) private view returns (bytes32 dealId, Deal storage deal) {
        dealId = _hashTerms(terms);
        deal = _deals[dealId];
        if (deal.status != expected) revert SettlementDealNotOpen(dealId, deal.status);
    }

    // =================================================================== legs

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
    ) private {
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

    /// @dev Makes sure this contract may move the seller's eBL: a prior approval, or the seller's ERC-4494 permit.
    /// A permit that fails (e.g. already submitted by a front-runner) is ignored if the approval is in place anyway.
    function _authorizeEbl(
        IBillOfLadingRegistry registry,
        uint256 tokenId,
        address seller,
        EblAuth calldata auth
    ) private {
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

    /// @dev Pulls `amount` from the buyer to `to` with an allowance, created by a permit first if one is given.
    /// Returns what `to` actually received, which must be `amount`.
    function _pull(
        Terms calldata terms,
        PaymentAuth calldata auth,
        address to,
        uint256 amount
    ) private returns (uint256) {
        IERC20 token = IERC20(terms.paymentToken);
        if (auth.method == PaymentMethod.Permit) {
            // A front-run permit leaves the allowance in place; transferFrom below is what must succeed.
            // solhint-disable no-empty-blocks
            try
                ITokenizedDeposit(address(token)).permit(
                    terms.buyer,
                    address(this),
                    amount,
                    auth.deadline,
                    auth.signature
                )
            {} catch {}
            // solhint-enable no-empty-blocks
        }
        uint256 before = token.balanceOf(to);
        token.safeTransferFrom(terms.buyer, to, amount);
        return _checkReceived(token, to, before, amount);
    }

    /// @dev Receives `amount` from the buyer into this contract with an EIP-3009 authorization whose nonce is bound to
    /// `consentHash`: the terms' hash for a signed settlement, {hashDeal} for a deal deposit. Returns what arrived,
    /// which must be `amount`.
    function _collect(
        Terms calldata terms,
        bytes32 consentHash,
        uint256 amount,
        PaymentAuth calldata auth
    ) private returns (uint256) {
        IERC20 token = IERC20(terms.paymentToken);
        uint256 before = token.balanceOf(address(this));
        IERC3009Signatures(address(token)).receiveWithAuthorization(
            terms.buyer,
            address(this),
            amount,
            auth.validAfter,
            auth.deadline,
            keccak256(abi.encode(consentHash, auth.nonce)),
            auth.signature
        );
        return _checkReceived(token, address(this), before, amount);
    }

    /// @dev Pays `amount` from this contract to `to` and checks that it arrived in full.
    function _pay(IERC20 token, address to, uint256 amount) private {
        uint256 before = token.balanceOf(to);
        token.safeTransfer(to, amount);
        _checkReceived(token, to, before, amount);
    }

    function _checkReceived(IERC20 token, address to, uint256 before, uint256 amount) private view returns (uint256) {
        uint256 received = token.balanceOf(to) - before;
        if (received != amount) revert SettlementPaymentShortfall(amount, received);
        return received;
    }

    // =================================================================== checks

    /// @dev Static checks of terms that must hold before anything moves.
    function _checkTerms(Terms calldata terms) private view {
        _checkAllowed(terms);
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
            // a leg delivered to this contract would belong to no deal
            terms.eblRecipient == address(this) ||
            terms.paymentRecipient == address(this)
        ) revert SettlementInvalidParties();
    }

    /// @dev The seller must hold the eBL. When this contract holds it for a deal, the error names that deal.
    function _checkSellerHolds(IBillOfLadingRegistry registry, Terms calldata terms) private view {
        address holder = registry.ownerOf(terms.tokenId);
        if (holder == terms.seller) return;
        bytes32 holding = holder == address(this) ? _dealOfEbl[terms.registry][terms.tokenId] : bytes32(0);
        if (holding != bytes32(0)) revert SettlementEblInOpenDeal(terms.registry, terms.tokenId, holding);
        revert SettlementSellerNotHolder(terms.seller, holder);
    }

    /**
     * @dev The title the terms promise can be given: it is already with the title recipient (only possession moves),
     * or the seller can endorse the eBL now (a to-order bill whose holder has title, not frozen). Returns the current
     * title holder (zero while blank endorsed).
     */
    function _checkTitleDeliverable(
        IBillOfLadingRegistry registry,
        Terms calldata terms
    ) private view returns (address titleHolder) {
        uint256 tokenId = terms.tokenId;
        titleHolder = registry.titleHolderOf(tokenId);
        if (titleHolder != terms.titleRecipient && !registry.canEndorse(tokenId, terms.seller)) {
            revert SettlementTitleNotDeliverable(tokenId, terms.titleRecipient, titleHolder);
        }
    }

    function _checkAllowed(Terms calldata terms) private view {
        if (!_allowedRegistries[terms.registry]) revert SettlementRegistryNotAllowed(terms.registry);
        if (!_allowedTokens[terms.paymentToken]) revert SettlementPaymentTokenNotAllowed(terms.paymentToken);
    }

    /// @dev The token's current document must be the one the buyer agreed to pay for.
    function _checkDocument(IBillOfLadingRegistry registry, Terms calldata terms) private view {
        (bytes32 current, ) = registry.documentOf(terms.tokenId);
        if (current != terms.documentHash) revert SettlementDocumentChanged(terms.documentHash, current);
    }

    /// @dev A party consents by submitting the call itself or by its EIP-712 signature (ECDSA, or ERC-1271 for a
    /// contract account; see {SignatureVerification}). OpenZeppelin's ECDSA rejects malleable (high-s) signatures.
    function _checkConsent(bytes32 termsHash, address party, bytes calldata signature, address caller) private view {
        if (caller == party) return;
        if (!SignatureVerification.isValidNowCalldata(party, termsHash, signature)) {
            revert RailsInvalidSignature(party);
        }
    }

    /// @dev A party's consent to an escrowed deal: its call, or its signature of {hashDeal} (never of {hashTerms}).
    function _checkDealConsent(
        Terms calldata terms,
        address party,
        bytes calldata signature,
        address caller
    ) private view {
        if (caller == party) return;
        _checkConsent(_hashDeal(terms), party, signature, caller);
    }

    function _hashTerms(Terms calldata terms) private view returns (bytes32) {
        return _hashTypedDataV4(_termsStructHash(terms));
    }

    function _hashDeal(Terms calldata terms) private view returns (bytes32) {
        return _hashConsent(DEAL_TYPEHASH, terms);
    }

    /// @dev The typed-data hash of a consent type that wraps the terms (`Deal(Terms terms)`, `EblDeposit(Terms terms)`).
    function _hashConsent(bytes32 typeHash, Terms calldata terms) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(typeHash, _termsStructHash(terms))));
    }

    function _termsStructHash(Terms calldata terms) private pure returns (bytes32) {
        return keccak256(abi.encode(TERMS_TYPEHASH, terms));
    }

    // =================================================================== admin

    /**
     * @notice Allows or disallows an eBL registry for new settlements and deals. Open deals can always be refunded.
     * @param registry The registry.
     * @param allowed Whether to allow it.
     */
    function setRegistryAllowed(address registry, bool allowed) external restricted {
        if (registry == address(0)) revert RailsZeroAddress();
        _allowedRegistries[registry] = allowed;
        emit RegistryAllowed(registry, allowed);
    }

    /**
     * @notice Allows or disallows a deposit token for new settlements and deals. Open deals can always be refunded.
     * @param token The token.
     * @param allowed Whether to allow it.
     */
    function setPaymentTokenAllowed(address token, bool allowed) external restricted {
        if (token == address(0)) revert RailsZeroAddress();
        _allowedTokens[token] = allowed;
        emit PaymentTokenAllowed(token, allowed);
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
     * @notice Sends away deposit tokens that reached this contract outside any deal (a plain transfer); what is
     * escrowed for deals can never be taken.
     * @param token The token.
     * @param to The recipient (normally whoever sent it by mistake).
     * @param amount At most the balance above the escrowed total.
     */
    function recoverStrayToken(address token, address to, uint256 amount) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        uint256 balance = IERC20(token).balanceOf(address(this));
        uint256 escrowed = _escrowed[token];
        // Below the escrowed total (a forced transfer out of this contract) nothing is stray.
        uint256 stray = balance > escrowed ? balance - escrowed : 0;
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
        bytes32 dealId = _dealOfEbl[registry][tokenId];
        if (dealId != bytes32(0) && _deals[dealId].eblHeld) revert SettlementAssetInEscrow(registry, tokenId);
        IERC721(registry).transferFrom(address(this), to, tokenId);
        emit StrayAssetRecovered(registry, to, tokenId);
    }

    // =================================================================== ERC-721 receiver

    /**
     * @notice Refuses every eBL pushed with `safeTransferFrom`: eBLs enter custody only through {depositEbl}, which
     * uses a plain transfer, so anything arriving here would belong to no deal.
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

    // =================================================================== views

    /// @inheritdoc IDeliveryVersusPayment
    function hashTerms(Terms calldata terms) external view returns (bytes32) {
        return _hashTerms(terms);
    }

    /// @inheritdoc IDeliveryVersusPayment
    function hashDeal(Terms calldata terms) external view returns (bytes32) {
        return _hashDeal(terms);
    }

    /// @inheritdoc IDeliveryVersusPayment
    function hashEblDeposit(Terms calldata terms) external view returns (bytes32) {
        return _hashConsent(EBL_DEPOSIT_TYPEHASH, terms);
    }

    /// @inheritdoc IDeliveryVersusPayment
    function dealOf(bytes32 termsHash) external view returns (Deal memory) {
        return _deals[termsHash];
    }

    /// @inheritdoc IDeliveryVersusPayment
    function openDealOf(address registry, uint256 tokenId) external view returns (bytes32) {
        return _dealOfEbl[registry][tokenId];
    }

    /// @inheritdoc IDeliveryVersusPayment
    function isRegistryAllowed(address registry) external view returns (bool) {
        return _allowedRegistries[registry];
    }

    /// @inheritdoc IDeliveryVersusPayment
    function isPaymentTokenAllowed(address token) external view returns (bool) {
        return _allowedTokens[token];
    }

    /// @inheritdoc IDeliveryVersusPayment
    function escrowedBalance(address token) external view returns (uint256) {
        return _escrowed[token];
    }

    /**
     * @notice The EIP-712 domain separator that terms signatures are bound to (this chain, this contract).
     * @return The domain separator.
     */
    // The NatSpec above is not seen by solhint through the disable comment, hence use-natspec.
    // solhint-disable-next-line func-name-mixedcase, use-natspec
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }
}
