// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IBillOfLadingRegistry} from "../../interfaces/IBillOfLadingRegistry.sol";
import {IRailsErrors} from "../../interfaces/IRailsErrors.sol";
import {IStrayAssetRecovery} from "../IStrayAssetRecovery.sol";
import {IPaymentRail} from "../../settlement/rails/IPaymentRail.sol";

/**
 * @title ITrustReceipts
 * @notice Import loans under trust receipts. A bank that holds a to-order eBL with title (it is the title holder, or
 * the eBL is blank endorsed and the bank holds it) releases it to an importer for delivery of the goods while keeping
 * its security interest: the eBL moves into this contract's custody (holding for the bank's title), and the importer,
 * as the bank's trustee, may only surrender it to the carrier to take delivery, or return it to the bank. It can
 * neither transfer nor endorse it: this contract has no such function, and the registry refuses the importer, which
 * is not the holder. The importer (or anyone for it) repays in tokenized deposits; on full repayment, or when the bank
 * releases its interest, title passes to the importer (the eBL is endorsed and delivered to it, at once if this
 * contract holds it, else when a rejected surrender brings it back). In default (after the due date, not fully
 * repaid) the bank may recall the eBL as long as it has not been surrendered.
 * @dev The importer's consent is its EIP-712 signature of the {TrustReceiptTerms}: the trust receipt itself (it holds
 * the goods and their proceeds in trust for the bank and repays `amount` by `dueDate`). Domain: name
 * "Cargo Rails Trust Receipts", version "1", this chain, this contract. Type:
 * `TrustReceiptTerms(address bank,address importer,address registry,uint256 tokenId,address token,uint256 amount,uint64 dueDate,bytes32 loanReference,uint256 nonce,uint256 deadline)`.
 * The receipt's id is the EIP-712 digest of the terms ({hashTerms}): what the importer signed, bound to this chain
 * and contract; the importer's nonce is consumed at opening, so an id is never reused. Only straight B/Ls are refused
 * outright: a straight B/L can be surrendered by its consignee alone and cannot be endorsed, so the bank could neither
 * let the importer take delivery through this contract nor pass title to it on repayment.
 *
 * Lifecycle (status): Active (the eBL in custody) → Surrendered (surrendered to the carrier for the importer; the
 * debt remains) → Active again if the carrier rejects ({resume}); Surrendered → Defaulted ({markDefaulted}, past the
 * due date with money outstanding); Active / Surrendered / Defaulted → Repaid (fully repaid) or Released (the bank
 * waived its interest); Active → Returned (the importer gave the eBL back) or Recalled (the bank took it back in
 * default). Repaid, Released, Returned and Recalled are final; a Returned or Recalled receipt's outstanding debt is
 * the bank's claim under its loan, off chain, with the event as evidence.
 */
interface ITrustReceipts is IRailsErrors, IStrayAssetRecovery {
    // ------------------------------------------------------------------ types

    /// @notice Where a trust receipt is in its lifecycle.
    enum Status {
        /// Never opened.
        None,
        /// The eBL is in this contract's custody for the bank; the importer may surrender or return it.
        Active,
        /// This contract surrendered the eBL to the carrier for the importer's delivery of the goods; it comes back
        /// ({resume}) if the carrier rejects the surrender. The debt remains.
        Surrendered,
        /// Surrendered, and the due date passed with money outstanding ({markDefaulted}); still repayable.
        Defaulted,
        /// Final: repaid in full; title passed (or passes, on a rejected surrender's return) to the importer.
        Repaid,
        /// Final: the bank waived its security interest; title passed (or passes) to the importer.
        Released,
        /// Final: the importer returned the eBL to the bank; any outstanding debt is the bank's claim off chain.
        Returned,
        /// Final: the bank recalled the eBL in default; the outstanding debt is the bank's claim off chain.
        Recalled
    }

    /**
     * @notice The terms the importer signs: its trust receipt.
     * @param bank The lender: holds the eBL with title, opens the receipt, receives the repayments.
     * @param importer The borrower and trustee.
     * @param registry The eBL registry; must be this contract's {registry}.
     * @param tokenId The eBL.
     * @param token The tokenized deposit the loan is repaid in (the loan's currency).
     * @param amount The amount to repay, in the token's base units.
     * @param dueDate When repayment is due (unix seconds); after it, with money outstanding, the importer is in default.
     * @param loanReference The bank's facility or loan reference (a hash of the bank's own identifier, never personal
     * data). Not `reference`: a reserved word in Solidity.
     * @param nonce The importer's {nonces} at signing; consumed at opening.
     * @param deadline The last second (unix) at which the signature may be used to open the receipt.
     */
    struct TrustReceiptTerms {
        address bank;
        address importer;
        address registry;
        uint256 tokenId;
        address token;
        uint256 amount;
        uint64 dueDate;
        bytes32 loanReference;
        uint256 nonce;
        uint256 deadline;
    }

    /**
     * @notice A trust receipt as stored.
     * @param bank The lender.
     * @param dueDate Repayment due date (unix seconds).
     * @param status The lifecycle status.
     * @param importer The borrower and trustee.
     * @param token The tokenized deposit of the loan.
     * @param tokenId The eBL (in {registry}).
     * @param amount The amount to repay.
     * @param repaid What has been repaid so far (never above `amount`).
     */
    struct Receipt {
        address bank;
        uint64 dueDate;
        Status status;
        address importer;
        address token;
        uint256 tokenId;
        uint256 amount;
        uint256 repaid;
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice A trust receipt was opened: the eBL moved from the bank into this contract's custody.
     * @param receiptId The EIP-712 digest of the terms.
     * @param bank The lender.
     * @param importer The borrower and trustee.
     * @param tokenId The eBL.
     * @param token The tokenized deposit of the loan.
     * @param amount The amount to repay.
     * @param dueDate The repayment due date.
     * @param loanReference The bank's facility or loan reference.
     */
    event TrustReceiptOpened(
        bytes32 indexed receiptId,
        address indexed bank,
        address indexed importer,
        uint256 tokenId,
        address token,
        uint256 amount,
        uint64 dueDate,
        bytes32 loanReference
    );

    /**
     * @notice The eBL was surrendered to its carrier for delivery of the goods to the importer, taking delivery for
     * the bank (the registry's `Surrendered` event names this contract as surrenderer; the title holder is unchanged).
     * @param receiptId The receipt.
     * @param importer The party taking delivery, as the bank's trustee.
     * @param bank The title holder's side: the lender.
     * @param tokenId The eBL.
     */
    event TrustReceiptSurrendered(
        bytes32 indexed receiptId,
        address indexed importer,
        address indexed bank,
        uint256 tokenId
    );

    /**
     * @notice The carrier rejected the surrender: the eBL is back in custody and the receipt Active again.
     * @param receiptId The receipt.
     * @param tokenId The eBL.
     */
    event TrustReceiptResumed(bytes32 indexed receiptId, uint256 tokenId);

    /**
     * @notice A repayment was made to the bank.
     * @param receiptId The receipt.
     * @param payer Who paid (the importer, or anyone for it).
     * @param amount This payment.
     * @param repaid The total repaid so far.
     */
    event TrustReceiptRepayment(bytes32 indexed receiptId, address indexed payer, uint256 amount, uint256 repaid);

    /**
     * @notice The receipt was repaid in full (status Repaid).
     * @param receiptId The receipt.
     * @param importer The borrower, to whom title passes.
     */
    event TrustReceiptRepaid(bytes32 indexed receiptId, address indexed importer);

    /**
     * @notice The bank waived its security interest (status Released).
     * @param receiptId The receipt.
     * @param bank The lender.
     * @param outstanding What was still unpaid when released (the bank's business, off chain).
     */
    event TrustReceiptReleased(bytes32 indexed receiptId, address indexed bank, uint256 outstanding);

    /**
     * @notice Title passed to the importer: this contract endorsed the eBL to the importer and delivered it (after full
     * repayment or release, at once, or when a rejected surrender brought it back).
     * @param receiptId The receipt.
     * @param importer The new title holder and holder.
     * @param tokenId The eBL.
     */
    event TrustReceiptTitleDelivered(bytes32 indexed receiptId, address indexed importer, uint256 tokenId);

    /**
     * @notice The importer returned the eBL to the bank (status Returned).
     * @param receiptId The receipt.
     * @param importer The borrower.
     * @param bank The lender, holder again.
     * @param outstanding What was still unpaid (the bank's claim under its loan, off chain).
     */
    event TrustReceiptReturned(
        bytes32 indexed receiptId,
        address indexed importer,
        address indexed bank,
        uint256 outstanding
    );

    /**
     * @notice The bank recalled the eBL in default, before surrender (status Recalled).
     * @param receiptId The receipt.
     * @param bank The lender, holder again.
     * @param outstanding What was unpaid (the bank's claim under its loan, off chain).
     */
    event TrustReceiptRecalled(bytes32 indexed receiptId, address indexed bank, uint256 outstanding);

    /**
     * @notice The importer defaulted after the goods were surrendered for delivery (status Defaulted): the due date
     * passed with money outstanding and the eBL can no longer be recalled.
     * @param receiptId The receipt.
     * @param importer The borrower.
     * @param outstanding What was unpaid when the default was recorded.
     */
    event TrustReceiptDefaulted(bytes32 indexed receiptId, address indexed importer, uint256 outstanding);

    // ------------------------------------------------------------------ errors

    /// @notice The terms name another eBL registry than this contract's {registry}.
    error TrustReceiptWrongRegistry(address registry);
    /// @notice The due date is not in the future.
    error TrustReceiptInvalidDueDate(uint64 dueDate);
    /// @notice The eBL is a straight B/L: only its consignee can surrender it and it cannot be endorsed, so it cannot
    /// be held in trust for the bank and released to the importer.
    error TrustReceiptStraightBill(uint256 tokenId);
    /// @notice The bank is not the eBL's holder (`holder` is).
    error TrustReceiptBankNotHolder(uint256 tokenId, address holder);
    /// @notice The bank holds the eBL without title (it is neither the title holder nor holding a blank-endorsed eBL):
    /// it has no title to keep as security, and this contract could neither surrender nor endorse it.
    error TrustReceiptNoTitle(uint256 tokenId, address bank);
    /// @notice Only the receipt's bank may do this (open it, release it, recall it).
    error TrustReceiptNotBank(bytes32 receiptId, address account);
    /// @notice Only the receipt's importer may do this (surrender or return the eBL).
    error TrustReceiptNotImporter(bytes32 receiptId, address account);
    /// @notice The action is not allowed in the receipt's status (`None`: no such receipt).
    error TrustReceiptInvalidStatus(bytes32 receiptId, Status status);
    /// @notice A recall before default: the due date has not passed (the receipt is fully repaid once nothing is
    /// outstanding, so an Active receipt past its due date is always in default).
    error TrustReceiptNotInDefault(bytes32 receiptId, uint64 dueDate);
    /// @notice The importer is in default (past the due date, not repaid): its authority to take delivery has ended;
    /// it may still repay or return the eBL, and the bank may recall or release it.
    error TrustReceiptInDefault(bytes32 receiptId, uint64 dueDate);
    /// @notice A repayment above what is outstanding (a zero repayment is refused with {RailsZeroAmount}).
    error TrustReceiptOverpayment(bytes32 receiptId, uint256 outstanding, uint256 amount);
    /// @notice {resume}: the eBL is not back in this contract's custody (the carrier has not rejected the surrender,
    /// or accepted it).
    error TrustReceiptEblNotBack(bytes32 receiptId, uint256 tokenId);
    /// @notice This contract has no such function: an eBL under a trust receipt cannot be transferred, endorsed or
    /// otherwise dealt with except as {ITrustReceipts} allows. `selector` is the function asked for.
    error TrustReceiptActionNotAllowed(bytes4 selector);

    // ------------------------------------------------------------------ functions

    /**
     * @notice Opens a trust receipt: moves the eBL from the bank into this contract's custody, for the bank's title.
     * @dev Caller: `terms.bank`, holder with title of the live to-order eBL (title holder, or holding it blank
     * endorsed), which has approved this contract (or all its eBLs). The importer's signature of the terms
     * ({hashTerms}) must be valid now (ECDSA or ERC-1271), with `terms.nonce` equal to `nonces(importer)`, which it
     * consumes, and `terms.deadline` not passed. Refusals: {TrustReceiptNotBank}, {TrustReceiptWrongRegistry},
     * {RailsZeroAddress} (importer or token), {RailsZeroAmount}, {TrustReceiptInvalidDueDate}, {RailsExpired},
     * {RailsInvalidSignature}, {TrustReceiptStraightBill}, {TrustReceiptBankNotHolder}, {TrustReceiptNoTitle}, and the
     * registry's own (legal hold, pause, status). Emits {TrustReceiptOpened}.
     * @param terms The terms the importer signed.
     * @param importerSignature The importer's signature of {hashTerms}.
     * @return receiptId The EIP-712 digest of the terms.
     */
    function open(
        TrustReceiptTerms calldata terms,
        bytes calldata importerSignature
    ) external returns (bytes32 receiptId);

    /**
     * @notice Surrenders the eBL to its carrier for delivery of the goods to the importer, as the bank's trustee.
     * @dev Caller: the importer. Status Active, and not in default ({TrustReceiptInDefault}). The title holder stays
     * the bank; if the carrier rejects, the eBL comes back to this contract ({resume}); if it accepts, the eBL is
     * accomplished and the debt remains. Emits {TrustReceiptSurrendered}.
     * @param receiptId The receipt.
     */
    function surrenderForDelivery(bytes32 receiptId) external;

    /**
     * @notice Records that the carrier rejected the surrender, or delivers title that became due while the eBL was with
     * the carrier: once the registry shows the eBL back in this contract's custody, a Surrendered or Defaulted receipt
     * becomes Active again, and a Repaid or Released one delivers the eBL to the importer.
     * @dev Caller: anyone. Refusals: {TrustReceiptInvalidStatus}, {TrustReceiptEblNotBack}. Emits
     * {TrustReceiptResumed} or {TrustReceiptTitleDelivered}.
     * @param receiptId The receipt.
     */
    function resume(bytes32 receiptId) external;

    /**
     * @notice Gives the eBL back to the bank; the receipt ends (Returned). Any outstanding debt stays the bank's claim
     * under its loan, off chain.
     * @dev Caller: the importer. Status Active (also in default). Emits {TrustReceiptReturned}.
     * @param receiptId The receipt.
     */
    function returnToBank(bytes32 receiptId) external;

    /**
     * @notice Repays (part of) the loan to the bank in the receipt's tokenized deposit. When nothing is left
     * outstanding the receipt is Repaid and, if this contract holds the eBL, it is endorsed and delivered to the
     * importer in the same transaction.
     * @dev Caller: the payer (the importer, or anyone for it); the money moves from the caller to the bank through
     * {DepositPayments} (allowance or permit naming this contract as spender, or an EIP-3009 authorisation to this
     * contract whose signed nonce is `keccak256(abi.encode(receiptId, auth.nonce))`). Status Active, Surrendered or
     * Defaulted (late repayment is accepted). Refusals: {TrustReceiptInvalidStatus}, {RailsZeroAmount},
     * {TrustReceiptOverpayment}, and the token's and the rail's own. Emits {TrustReceiptRepayment} (and
     * {TrustReceiptRepaid}, {TrustReceiptTitleDelivered}).
     * @param receiptId The receipt.
     * @param amount The amount to repay now (at most the outstanding).
     * @param auth The payer's authorisation of the payment.
     */
    function repay(bytes32 receiptId, uint256 amount, IPaymentRail.PaymentAuth calldata auth) external;

    /**
     * @notice The bank waives its security interest: the receipt is Released and, if this contract holds the eBL, it is
     * endorsed and delivered to the importer in the same transaction.
     * @dev Caller: the bank. Status Active, Surrendered or Defaulted. Emits {TrustReceiptReleased} (and
     * {TrustReceiptTitleDelivered}).
     * @param receiptId The receipt.
     */
    function release(bytes32 receiptId) external;

    /**
     * @notice The bank takes the eBL back in default, before it was surrendered; the receipt ends (Recalled) and the
     * outstanding debt stays the bank's claim under its loan, off chain.
     * @dev Caller: the bank. Status Active and past the due date ({TrustReceiptNotInDefault} before). Emits
     * {TrustReceiptRecalled}.
     * @param receiptId The receipt.
     */
    function recall(bytes32 receiptId) external;

    /**
     * @notice Records the importer's default after the eBL was surrendered (it can no longer be recalled): status
     * Defaulted, still repayable.
     * @dev Caller: anyone. Status Surrendered and past the due date ({TrustReceiptNotInDefault} before). Emits
     * {TrustReceiptDefaulted}.
     * @param receiptId The receipt.
     */
    function markDefaulted(bytes32 receiptId) external;

    // ------------------------------------------------------------------ views

    /**
     * @notice The eBL registry this contract serves (immutable, set at deployment).
     * @return The registry.
     */
    function registry() external view returns (IBillOfLadingRegistry);

    /**
     * @notice The receipt's id for these terms: the EIP-712 digest the importer signs.
     * @param terms The terms.
     * @return The digest.
     */
    function hashTerms(TrustReceiptTerms calldata terms) external view returns (bytes32);

    /**
     * @notice A receipt as stored (all zero, status None, if never opened).
     * @param receiptId The receipt.
     * @return The receipt.
     */
    function receiptOf(bytes32 receiptId) external view returns (Receipt memory);

    /**
     * @notice The receipt an eBL is held or was last surrendered under; zero if none. While an eBL is in this
     * contract's custody, exactly one receipt names it here.
     * @param tokenId The eBL.
     * @return The receipt's id, or zero.
     */
    function receiptOfEbl(uint256 tokenId) external view returns (bytes32);

    /**
     * @notice The importer's next nonce for {TrustReceiptTerms} (OpenZeppelin `Nonces`).
     * @param owner The importer.
     * @return The nonce its next terms must carry.
     */
    function nonces(address owner) external view returns (uint256);
}
