// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IInterbankPayments} from "../interfaces/IInterbankPayments.sol";
import {ITokenizedDeposit} from "../interfaces/ITokenizedDeposit.sol";
import {IWholesaleReserve} from "../interfaces/IWholesaleReserve.sol";
import {SignatureVerification} from "../utils/SignatureVerification.sol";

/**
 * @title InterbankPayments
 * @notice Payments between customers of different banks, in one currency or two, settled in tokenized reserves in the
 * same transaction: burn at the payer's bank, reserves between the banks (through an FX dealer in two currencies),
 * mint at the payee's bank. See {IInterbankPayments} and docs/interbank.md.
 * @dev Invariant: a payment either completes every leg or none (each leg is a call that reverts on refusal, and
 * nothing here catches one). Per bank and currency, what a payment burns or mints in deposits equals what it moves in
 * that bank's reserves; a dealer gives no more than `payAmount * rate / RATE_SCALE` of its quote, rounded down.
 *
 * It holds nothing: it is a burner and minter of the deposit tokens whose banks granted it those roles, and a
 * settlement agent of the reserves whose central banks admitted it. It moves a payer's money only when the payer
 * calls ({pay}) or a settlement contract that checked the payer's consent calls ({payFor}, restricted).
 */
contract InterbankPayments is IInterbankPayments, AccessManaged, Pausable, ReentrancyGuardTransient, EIP712 {
    /// @notice The EIP-712 type hash of {Quote}.
    bytes32 public constant QUOTE_TYPEHASH = keccak256(
        "Quote(address dealer,address taker,address payReserve,address receiveReserve,uint256 rate,uint256 maxPayAmount,"
        "uint256 expiry,uint256 nonce)"
    );

    /// @notice The scale of a quote's rate: a rate of `RATE_SCALE` gives one base unit per base unit.
    uint256 public constant RATE_SCALE = 1e18;

    mapping(address depositToken => BankAccount) private _accounts;
    /// @dev Taken or cancelled quote nonces, 256 to a word: `nonce >> 8` selects the word, `nonce & 0xff` the bit.
    mapping(address dealer => mapping(uint256 word => uint256 bits)) private _quoteNonces;
    mapping(bytes32 paymentId => bool used) private _paymentIds;

    /**
     * @notice Deploys the interbank payments contract.
     * @param initialAuthority The rails' access manager (who may pause, and which settlement contract may {payFor}).
     */
    constructor(
        address initialAuthority
    ) AccessManaged(initialAuthority) EIP712("Cargo Rails Interbank Payments", "1") {}

    // ------------------------------------------------------------------ banks and dealers

    /// @inheritdoc IInterbankPayments
    function setBankAccount(
        address depositToken,
        address reserve,
        uint128 outflowCapacity,
        uint128 inflowCapacity
    ) external {
        address bank = ITokenizedDeposit(depositToken).issuer();
        address caller = _msgSender();
        if (caller != bank) revert InterbankNotIssuer(depositToken, caller);
        if (reserve == address(0)) {
            (outflowCapacity, inflowCapacity) = (0, 0);
        } else if (
            IWholesaleReserve(reserve).currency() != ITokenizedDeposit(depositToken).currency() ||
            IWholesaleReserve(reserve).decimals() != ITokenizedDeposit(depositToken).decimals()
        ) {
            revert InterbankReserveMismatch(depositToken, reserve);
        }
        _accounts[depositToken] = BankAccount(bank, reserve, outflowCapacity, inflowCapacity);
        emit BankAccountSet(depositToken, bank, reserve, outflowCapacity, inflowCapacity);
    }

    /// @inheritdoc IInterbankPayments
    function cancelQuote(uint256 nonce) external {
        _useQuoteNonce(_msgSender(), nonce);
        emit QuoteCancelled(_msgSender(), nonce);
    }

    // ------------------------------------------------------------------ payments

    /// @inheritdoc IInterbankPayments
    function pay(
        Payment calldata payment,
        Quote calldata quote,
        bytes calldata dealerSignature
    ) external nonReentrant whenNotPaused {
        address caller = _msgSender();
        if (caller != payment.payer) revert InterbankNotPayer(caller, payment.payer);
        bytes32 paymentId = payment.paymentId;
        if (_paymentIds[paymentId]) revert InterbankPaymentIdUsed(paymentId);
        _paymentIds[paymentId] = true;
        _pay(payment, quote, dealerSignature);
    }

    /// @inheritdoc IInterbankPayments
    function payFor(
        Payment calldata payment,
        Quote calldata quote,
        bytes calldata dealerSignature
    ) external restricted nonReentrant whenNotPaused {
        _pay(payment, quote, dealerSignature);
    }

    /// @inheritdoc IInterbankPayments
    function pause() external restricted {
        _pause();
    }

    /// @inheritdoc IInterbankPayments
    function unpause() external restricted {
        _unpause();
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IInterbankPayments
    function bankAccountOf(address depositToken) external view returns (BankAccount memory) {
        return _accounts[depositToken];
    }

    /// @inheritdoc IInterbankPayments
    function isQuoteUsed(address dealer, uint256 nonce) external view returns (bool) {
        return _quoteNonces[dealer][nonce >> 8] & (1 << (nonce & 0xff)) != 0;
    }

    /// @inheritdoc IInterbankPayments
    function isPaymentIdUsed(bytes32 paymentId) external view returns (bool) {
        return _paymentIds[paymentId];
    }

    /// @inheritdoc IInterbankPayments
    function hashQuote(Quote calldata quote) external view returns (bytes32) {
        return _hashQuote(quote);
    }

    /// @inheritdoc IInterbankPayments
    function quotedAmount(Quote calldata quote, uint256 payAmount) external pure returns (uint256) {
        return Math.mulDiv(payAmount, quote.rate, RATE_SCALE);
    }

    /**
     * @notice The EIP-712 domain separator that dealers' quotes are bound to (this chain, this contract).
     * @return The domain separator.
     */
    // solhint-disable-next-line func-name-mixedcase, use-natspec
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ------------------------------------------------------------------ internals

    /**
     * @dev The payment's legs, in order: burn at the payer's bank, reserves to the payee's bank (in two currencies:
     * to the dealer in the payer's, from the dealer in the payee's), mint at the payee's bank. Each leg reverts on
     * refusal with its contract's error and nothing is caught, so a payment is never left half done.
     */
    function _pay(Payment calldata p, Quote calldata quote, bytes calldata dealerSignature) private {
        if (p.payAmount == 0 || p.receiveAmount == 0) revert RailsZeroAmount();
        if (p.payerToken == p.payeeToken) revert InterbankSameToken(p.payerToken);
        bytes32 paymentId = p.paymentId;
        if (paymentId == bytes32(0)) revert InterbankPaymentIdUsed(paymentId);

        ITokenizedDeposit(p.payerToken).burn(p.payer, p.payAmount, paymentId);
        address dealer = _settleReserves(p, quote, dealerSignature);
        ITokenizedDeposit(p.payeeToken).mint(p.payee, p.receiveAmount, paymentId);
        _emitPaid(p, dealer);
    }

    /// @dev The reserve legs, after spending both banks' capacities: payer's bank to payee's bank in one currency; in
    /// two, payer's bank to the dealer in the payer's currency and the dealer to the payee's bank in the payee's, at
    /// the rate of the dealer's quote. Returns the dealer (zero in one currency).
    function _settleReserves(
        Payment calldata p,
        Quote calldata quote,
        bytes calldata dealerSignature
    ) private returns (address dealer) {
        (address payerBank, address payReserve) = _takeOutflow(p.payerToken, p.payAmount);
        (address payeeBank, address receiveReserve) = _takeInflow(p.payeeToken, p.receiveAmount);
        dealer = quote.dealer;
        if (payReserve == receiveReserve) {
            if (dealer != address(0)) revert InterbankQuoteNotExpected(dealer);
            if (p.receiveAmount != p.payAmount) revert InterbankAmountMismatch(p.payAmount, p.receiveAmount);
            IWholesaleReserve(payReserve).settle(payerBank, payeeBank, p.payAmount, p.paymentId);
        } else {
            _takeQuote(quote, dealerSignature, payReserve, receiveReserve, p);
            IWholesaleReserve(payReserve).settle(payerBank, dealer, p.payAmount, p.paymentId);
            IWholesaleReserve(receiveReserve).settle(dealer, payeeBank, p.receiveAmount, p.paymentId);
        }
    }

    function _emitPaid(Payment calldata p, address dealer) private {
        emit InterbankPaid(
            p.paymentId,
            p.payerToken,
            p.payeeToken,
            p.payer,
            p.payee,
            p.payAmount,
            p.receiveAmount,
            dealer
        );
    }

    /// @dev Spends `amount` of the payer's bank's outflow capacity; returns the bank and its reserves.
    function _takeOutflow(address token, uint256 amount) private returns (address bank, address reserve) {
        BankAccount storage account = _accounts[token];
        reserve = account.reserve;
        if (reserve == address(0)) revert InterbankBankNotOpen(token);
        uint256 capacity = account.outflowCapacity;
        if (amount > capacity) revert InterbankOutflowCapacityExceeded(token, capacity, amount);
        // amount <= capacity < 2^128
        account.outflowCapacity = uint128(capacity - amount);
        bank = account.bank;
    }

    /// @dev Spends `amount` of the payee's bank's inflow capacity; returns the bank and its reserves.
    function _takeInflow(address token, uint256 amount) private returns (address bank, address reserve) {
        BankAccount storage account = _accounts[token];
        reserve = account.reserve;
        if (reserve == address(0)) revert InterbankBankNotOpen(token);
        uint256 capacity = account.inflowCapacity;
        if (amount > capacity) revert InterbankInflowCapacityExceeded(token, capacity, amount);
        // amount <= capacity < 2^128
        account.inflowCapacity = uint128(capacity - amount);
        bank = account.bank;
    }

    /**
     * @dev Checks and takes the dealer's quote for a payment from `payReserve`'s currency to `receiveReserve`'s: the
     * pair, the expiry, the size, the rate (what the payee receives is at most what the quote gives, rounded down),
     * the nonce (taken here, so the quote fills once) and the dealer's signature of the whole quote.
     */
    function _takeQuote(
        Quote calldata quote,
        bytes calldata dealerSignature,
        address payReserve,
        address receiveReserve,
        Payment calldata p
    ) private {
        if (quote.payReserve != payReserve || quote.receiveReserve != receiveReserve) {
            revert InterbankQuotePairMismatch(quote.payReserve, quote.receiveReserve);
        }
        if (block.timestamp > quote.expiry) revert RailsExpired(quote.expiry, block.timestamp);
        address taker = quote.taker;
        if (taker != address(0) && taker != p.payer) revert InterbankQuoteTakerMismatch(taker, p.payer);
        uint256 payAmount = p.payAmount;
        if (payAmount > quote.maxPayAmount) revert InterbankQuoteSizeExceeded(quote.maxPayAmount, payAmount);
        uint256 quoted = Math.mulDiv(payAmount, quote.rate, RATE_SCALE);
        if (p.receiveAmount > quoted) revert InterbankQuoteRateExceeded(quoted, p.receiveAmount);
        address dealer = quote.dealer;
        _useQuoteNonce(dealer, quote.nonce);
        if (!SignatureVerification.isValidNowCalldata(dealer, _hashQuote(quote), dealerSignature)) {
            revert RailsInvalidSignature(dealer);
        }
    }

    function _useQuoteNonce(address dealer, uint256 nonce) private {
        uint256 bit = 1 << (nonce & 0xff);
        uint256 bits = _quoteNonces[dealer][nonce >> 8];
        if (bits & bit != 0) revert InterbankQuoteUsed(dealer, nonce);
        _quoteNonces[dealer][nonce >> 8] = bits | bit;
    }

    /// @dev `keccak256(abi.encode(QUOTE_TYPEHASH, quote))` under this contract's domain; {Quote} is 8 static words.
    function _hashQuote(Quote calldata quote) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(QUOTE_TYPEHASH, quote)));
    }
}
