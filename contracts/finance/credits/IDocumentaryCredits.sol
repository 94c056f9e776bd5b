// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IDocumentsCondition} from "../../interfaces/IDocumentsCondition.sol";
import {IBillOfLadingRegistry} from "../../interfaces/IBillOfLadingRegistry.sol";
import {IParticipantRegistry} from "../../interfaces/IParticipantRegistry.sol";
import {IRailsErrors} from "../../interfaces/IRailsErrors.sol";
import {IStrayAssetRecovery} from "../IStrayAssetRecovery.sol";
import {IPaymentRail} from "../../settlement/rails/IPaymentRail.sol";

/**
 * @title IDocumentaryCredits
 * @notice Documentary credits (letters of credit) after the essentials of ICC UCP 600 and the eUCP: the issuing bank's
 * irrevocable undertaking to pay the beneficiary against a complying presentation: the eBL (into the credit's
 * custody) and supporting trade documents by reference (ITradeDocumentRegistry ids, checked through
 * {IDocumentsCondition}). The undertaking is funded: the credit's amount, in the issuing bank's tokenized deposit,
 * is held here in escrow from issuance, so it is irrevocable in fact, and the examination deadline can be enforced
 * (UCP 600 art. 16(f): a bank that neither honours nor refuses in time is precluded from refusing; here anyone may
 * then honour).
 * @dev Lifecycles. A credit is Issued by {issue} and Closed by {close} after expiry (the undrawn escrow goes back to
 * the issuing bank). A presentation is Presented by {present}; the examiner (issuing or nominated bank) honours it
 * ({honour}: the drawing to the beneficiary and the eBL to the recipient, in one transaction) or refuses it
 * ({refuse}): without a waiver request the eBL returns to the beneficiary at once (Refused); with one the eBL is held
 * (Discrepant) until the applicant waives ({waive}: honoured) or rejects ({rejectWaiver}: Refused), the beneficiary
 * withdraws ({withdraw}: Withdrawn) or, after the waiver deadline, anyone returns it ({returnUnwaived}: Refused).
 * The beneficiary may also withdraw a presentation not yet examined. After the examination deadline anyone may honour
 * a presentation still Presented.
 *
 * Ids. `creditId` is the EIP-712 digest ({hashApplication}) of the applicant's `CreditApplication` (which includes
 * the applicant's nonce, consumed at issue): unique and never reused. `presentationId` is
 * `keccak256(abi.encode(creditId, n))` where `n` is the credit's presentation number, from 1 ({presentationIdOf}).
 *
 * EIP-712: domain name "Cargo Rails Documentary Credits", version "1"; the applicant signs
 * `CreditApplication(address issuingBank,address applicant,address beneficiary,address nominatedBank,address token,uint256 amount,uint64 expiry,uint64 latestPresentation,uint64 examinationPeriod,bool partialDrawings,uint8 eblRecipient,uint256 requiredDocumentTypes,bytes32 creditReference,uint256 nonce,uint256 deadline)`
 * (the fields of {CreditTerms} in order, then `nonce` = {nonces}(applicant) and `deadline` of the signature).
 */
interface IDocumentaryCredits is IRailsErrors, IStrayAssetRecovery {
    // ------------------------------------------------------------------ types

    /// @notice Who receives the eBL when a presentation is honoured.
    enum EblRecipient {
        /// The issuing bank (it holds the eBL as security and releases it to the applicant against reimbursement).
        IssuingBank,
        /// The applicant directly.
        Applicant
    }

    /// @notice Where a credit is in its life.
    enum CreditStatus {
        /// Never issued.
        None,
        /// Issued and funded: presentations, amendments and reimbursements may happen.
        Issued,
        /// Closed after expiry: the undrawn escrow went back to the issuing bank (final).
        Closed
    }

    /// @notice Where a presentation is in its life.
    enum PresentationStatus {
        /// Never made.
        None,
        /// The eBL is in custody and the drawing reserved; awaiting examination.
        Presented,
        /// Refused with the applicant's waiver sought: the eBL is held, the drawing reserved.
        Discrepant,
        /// Paid and the eBL delivered to the recipient (final).
        Honoured,
        /// Refused (at once, after a rejected waiver, or after the waiver deadline): the eBL went back to the
        /// beneficiary (final).
        Refused,
        /// Withdrawn by the beneficiary: the eBL went back to it (final).
        Withdrawn
    }

    /// @notice Why a presentation was honoured.
    enum HonourBasis {
        /// The examiner found it complying.
        Complying,
        /// The applicant waived the discrepancies the examiner found.
        Waiver,
        /// The examination deadline passed without a decision (UCP 600 art. 16(f)).
        DeadlinePassed
    }

    /// @notice Why the eBL of a presentation went back to the beneficiary.
    enum ReturnReason {
        /// Refused without a waiver request.
        Refused,
        /// The applicant rejected the waiver.
        WaiverRejected,
        /// The waiver deadline passed without the applicant's decision.
        WaiverLapsed,
        /// The beneficiary withdrew the presentation.
        Withdrawn
    }

    /**
     * @notice The terms of a credit, as the applicant applies for them and the issuing bank issues them.
     * @param issuingBank The bank that issues and funds the credit (a verified BANK; the caller of {issue}).
     * @param applicant The importer who applied and undertakes to reimburse the bank (a verified TRADER; signs).
     * @param beneficiary The exporter who may present (a verified TRADER).
     * @param nominatedBank A bank that may examine besides the issuing bank (a verified BANK), or zero for none.
     * @param token The tokenized deposit the credit is payable in (its currency).
     * @param amount The credit's amount, in the token's base units.
     * @param expiry The last moment (unix seconds, inclusive) a presentation may be made (UCP 600 art. 6(d)).
     * @param latestPresentation The latest presentation date (≤ expiry; UCP 600 art. 14(c)); presentations are
     * accepted until the earlier of the two.
     * @param examinationPeriod Seconds after a presentation that the examiner has to decide (UCP 600 art. 14(b):
     * five banking days, ≈ 5 days); also the applicant's time to decide on a waiver after a refusal.
     * @param partialDrawings Whether a presentation may draw less than the whole undrawn amount (UCP 600 art. 31).
     * @param eblRecipient Who receives the eBL at honour.
     * @param requiredDocumentTypes Bit `t` set: a supporting document of type `t` (ITradeDocumentRegistry type id)
     * is required; bit 0 clear; at most 16 bits set (zero: the eBL alone).
     * @param creditReference The issuing bank's credit number (its hash), for the banks' books.
     */
    struct CreditTerms {
        address issuingBank;
        address applicant;
        address beneficiary;
        address nominatedBank;
        address token;
        uint256 amount;
        uint64 expiry;
        uint64 latestPresentation;
        uint64 examinationPeriod;
        bool partialDrawings;
        EblRecipient eblRecipient;
        uint256 requiredDocumentTypes;
        bytes32 creditReference;
    }

    /**
     * @notice A credit's terms and its running totals.
     * @param terms The terms now (amendments accepted included).
     * @param status Issued or Closed.
     * @param presentations How many presentations were made (the last presentation number).
     * @param drawn What honoured presentations paid the beneficiary.
     * @param reserved The drawings of presentations pending (Presented or Discrepant).
     * @param reimbursed What the applicant has reimbursed the issuing bank.
     */
    struct Credit {
        CreditTerms terms;
        CreditStatus status;
        uint32 presentations;
        uint256 drawn;
        uint256 reserved;
        uint256 reimbursed;
    }

    /**
     * @notice An amendment the issuing bank proposed and the beneficiary has not yet answered (UCP 600 art. 10).
     * @param pending Whether one is pending.
     * @param amount The amount it proposes (an increase was paid into escrow at proposal).
     * @param expiry The expiry it proposes.
     * @param latestPresentation The latest presentation date it proposes.
     */
    struct Amendment {
        bool pending;
        uint256 amount;
        uint64 expiry;
        uint64 latestPresentation;
    }

    /**
     * @notice One presentation.
     * @param creditId The credit.
     * @param status Its status.
     * @param deadline Presented: the examination deadline; Discrepant: the waiver deadline (both inclusive).
     * @param tokenId The eBL presented (in the credit's registry).
     * @param amount The drawing it claims.
     * @param requirementId The {IDocumentsCondition} requirement its supporting documents were checked against (zero
     * when the credit requires none).
     * @param discrepanciesHash `keccak256(abi.encode(discrepancies))` of the refusal notice (zero if not refused).
     * @param discrepancyCount How many discrepancies the refusal notice lists.
     */
    struct Presentation {
        bytes32 creditId;
        PresentationStatus status;
        uint64 deadline;
        uint256 tokenId;
        uint256 amount;
        bytes32 requirementId;
        bytes32 discrepanciesHash;
        uint256 discrepancyCount;
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice A credit was issued and its amount paid into escrow.
     * @param creditId The credit ({hashApplication}).
     * @param issuingBank The issuing bank.
     * @param beneficiary The beneficiary.
     * @param terms The full terms.
     */
    event CreditIssued(
        bytes32 indexed creditId,
        address indexed issuingBank,
        address indexed beneficiary,
        CreditTerms terms
    );

    /**
     * @notice The beneficiary presented: the eBL is in custody, the documents checked, the drawing reserved.
     * @param presentationId The presentation.
     * @param creditId The credit.
     * @param tokenId The eBL.
     * @param amount The drawing.
     * @param documentIds The supporting documents, in ascending type order.
     * @param examinationDeadline The last moment the examiner may decide.
     */
    event Presented(
        bytes32 indexed presentationId,
        bytes32 indexed creditId,
        uint256 indexed tokenId,
        uint256 amount,
        bytes32[] documentIds,
        uint64 examinationDeadline
    );

    /**
     * @notice A presentation was honoured: the drawing paid to the beneficiary and the eBL delivered, in one
     * transaction.
     * @param presentationId The presentation.
     * @param creditId The credit.
     * @param by Who triggered it (the examiner, the applicant for a waiver, anyone after the deadline).
     * @param basis Complying, waiver, or deadline passed.
     * @param amount The drawing paid.
     * @param eblRecipient The address the eBL went to.
     */
    event Honoured(
        bytes32 indexed presentationId,
        bytes32 indexed creditId,
        address indexed by,
        HonourBasis basis,
        uint256 amount,
        address eblRecipient
    );

    /**
     * @notice The examiner refused a presentation, giving all its discrepancies in one notice (UCP 600 art. 16(c)).
     * @param presentationId The presentation.
     * @param creditId The credit.
     * @param examiner The issuing or nominated bank that refused.
     * @param discrepancies The discrepancies (codes or hashes of their text).
     * @param waiverSought True: the eBL is held while the applicant decides; false: it goes back at once.
     * @param waiverDeadline When waiver is sought, the last moment the applicant may decide before anyone may return
     * the eBL; zero otherwise.
     */
    event Refused(
        bytes32 indexed presentationId,
        bytes32 indexed creditId,
        address indexed examiner,
        bytes32[] discrepancies,
        bool waiverSought,
        uint64 waiverDeadline
    );

    /**
     * @notice The applicant waived a refused presentation's discrepancies ({Honoured} follows).
     * @param presentationId The presentation.
     * @param applicant The applicant.
     */
    event DiscrepanciesWaived(bytes32 indexed presentationId, address indexed applicant);

    /**
     * @notice A presentation's eBL went back to the beneficiary; the drawing is no longer reserved.
     * @param presentationId The presentation.
     * @param creditId The credit.
     * @param by Who caused it.
     * @param reason Why.
     */
    event DocumentsReturned(
        bytes32 indexed presentationId,
        bytes32 indexed creditId,
        address indexed by,
        ReturnReason reason
    );

    /**
     * @notice The applicant reimbursed (part of) the drawings to the issuing bank.
     * @param creditId The credit.
     * @param payer The applicant.
     * @param amount This payment.
     * @param totalReimbursed The credit's reimbursements so far.
     */
    event Reimbursed(bytes32 indexed creditId, address indexed payer, uint256 amount, uint256 totalReimbursed);

    /**
     * @notice The issuing bank proposed an amendment (an increase is now in escrow).
     * @param creditId The credit.
     * @param amount The proposed amount.
     * @param expiry The proposed expiry.
     * @param latestPresentation The proposed latest presentation date.
     */
    event AmendmentProposed(bytes32 indexed creditId, uint256 amount, uint64 expiry, uint64 latestPresentation);

    /**
     * @notice The beneficiary accepted the pending amendment: the credit's terms changed (a decrease went back to the
     * issuing bank).
     * @param creditId The credit.
     * @param amount The new amount.
     * @param expiry The new expiry.
     * @param latestPresentation The new latest presentation date.
     */
    event AmendmentAccepted(bytes32 indexed creditId, uint256 amount, uint64 expiry, uint64 latestPresentation);

    /**
     * @notice The pending amendment ended unaccepted: rejected by the beneficiary, or lapsed when the credit closed;
     * an increase paid at proposal went back to the issuing bank.
     * @param creditId The credit.
     * @param by The beneficiary, or whoever closed the credit.
     */
    event AmendmentRejected(bytes32 indexed creditId, address indexed by);

    /**
     * @notice A credit closed after expiry; its undrawn escrow went back to the issuing bank.
     * @param creditId The credit.
     * @param by Who closed it.
     * @param refunded What went back to the issuing bank.
     */
    event CreditClosed(bytes32 indexed creditId, address indexed by, uint256 refunded);

    // ------------------------------------------------------------------ errors

    /// @notice The credit is not Issued: never issued (`status` None) or closed.
    error CreditNotOpen(bytes32 creditId, CreditStatus status);

    /// @notice Only the credit's issuing bank (verified as BANK) may do this: issue it, propose an amendment.
    error CreditNotIssuingBank(address caller);

    /// @notice Only the credit's beneficiary may do this: present, withdraw, answer an amendment.
    error CreditNotBeneficiary(address caller);

    /// @notice Only the credit's applicant may do this: waive, reject a waiver, reimburse by allowance or permit.
    error CreditNotApplicant(address caller);

    /// @notice Only the issuing bank or the nominated bank may examine (honour or refuse before the deadline).
    error CreditNotExaminer(address caller);

    /// @notice The dates are invalid: the expiry must be in the future and the latest presentation date not after it.
    error CreditInvalidDates(uint64 expiry, uint64 latestPresentation);

    /// @notice The examination period must be from 1 second to 30 days.
    error CreditInvalidExaminationPeriod(uint64 examinationPeriod);

    /// @notice The required document types must leave bit 0 clear and name at most 16 types.
    error CreditInvalidDocumentTypes(uint256 requiredDocumentTypes);

    /// @notice The presentation period is over: presentations are accepted until `deadline` (the earlier of the
    /// expiry and the latest presentation date).
    error CreditPresentationPeriodOver(bytes32 creditId, uint64 deadline);

    /// @notice The presentation gives `given` document ids where the credit requires `expected` (one per type).
    error CreditDocumentsMismatch(uint256 expected, uint256 given);

    /// @notice The eBL could not be passed to the recipient at honour: it is not live and transferable, or it is
    /// neither made out to the recipient nor a to-order B/L the beneficiary holds with title.
    error CreditEblNotDeliverable(uint256 tokenId);

    /// @notice The drawing exceeds what the credit still has available (amount − drawn − reserved).
    error CreditDrawingExceedsAvailable(uint256 drawing, uint256 available);

    /// @notice Partial drawings are not allowed: the drawing must be the whole available amount.
    error CreditPartialDrawingNotAllowed(uint256 drawing, uint256 available);

    /// @notice The presentation is not in a status that allows this.
    error CreditInvalidPresentationStatus(bytes32 presentationId, PresentationStatus status);

    /// @notice The examination deadline has passed: the examiner may no longer refuse (UCP 600 art. 16(f)).
    error CreditExaminationPeriodOver(bytes32 presentationId, uint64 deadline);

    /// @notice A refusal must list at least one discrepancy (UCP 600 art. 16(d)).
    error CreditNoDiscrepancies();

    /// @notice The waiver deadline has not passed: only the applicant or the beneficiary may end the hold now.
    error CreditWaiverPeriodRunning(bytes32 presentationId, uint64 deadline);

    /// @notice The reimbursement exceeds what the applicant still owes (drawn − reimbursed).
    error CreditReimbursementExceedsDrawn(uint256 amount, uint256 outstanding);

    /// @notice An amendment is already pending: the beneficiary must answer it first.
    error CreditAmendmentPending(bytes32 creditId);

    /// @notice No amendment is pending.
    error CreditNoAmendment(bytes32 creditId);

    /// @notice The amount may not go below what is drawn or reserved (`committed`).
    error CreditAmendmentBelowDrawn(uint256 amount, uint256 committed);

    /// @notice The credit has not expired: it may not be closed yet.
    error CreditNotExpired(bytes32 creditId, uint64 expiry);

    /// @notice A presentation is pending (Presented or Discrepant): the credit may not close until it ends.
    error CreditPresentationPending(bytes32 creditId);

    // ------------------------------------------------------------------ functions

    /**
     * @notice Issues a credit on the applicant's signed application and pays its amount from the issuing bank into
     * escrow.
     * @dev Caller: `terms.issuingBank`, verified as BANK. The applicant and beneficiary must be verified TRADERs, the
     * nominated bank (if any) a verified BANK. Consumes {nonces}(applicant). Emits {CreditIssued}.
     * @param terms The terms.
     * @param deadline The last moment the applicant's signature is valid.
     * @param applicantSignature The applicant's EIP-712 signature of the `CreditApplication` (ECDSA or ERC-1271).
     * @param funding The issuing bank's authorisation of the escrow payment (this contract as spender / payee).
     * @return creditId The credit ({hashApplication}).
     */
    function issue(
        CreditTerms calldata terms,
        uint256 deadline,
        bytes calldata applicantSignature,
        IPaymentRail.PaymentAuth calldata funding
    ) external returns (bytes32 creditId);

    /**
     * @notice Presents the eBL and the supporting documents under a credit, drawing `amount`.
     * @dev Caller: the beneficiary, holder of the eBL, having approved this contract for it; until the presentation
     * deadline. `documentIds` gives one document per required type, in ascending type order; they are checked
     * through {IDocumentsCondition} against the eBL (registered, of the type, not revoked, bound to the eBL, issuer
     * qualified). The eBL must be deliverable at honour ({CreditEblNotDeliverable}). Emits {Presented}.
     * @param creditId The credit.
     * @param tokenId The eBL (in {registry}).
     * @param documentIds The supporting documents.
     * @param amount The drawing.
     * @return presentationId The presentation ({presentationIdOf}).
     */
    function present(
        bytes32 creditId,
        uint256 tokenId,
        bytes32[] calldata documentIds,
        uint256 amount
    ) external returns (bytes32 presentationId);

    /**
     * @notice Honours a presentation: pays the drawing from escrow to the beneficiary and passes the eBL to the
     * recipient (by endorsement and delivery, or a transfer when it is already made out to the recipient), in one
     * transaction.
     * @dev Caller: the issuing or nominated bank while the presentation is Presented; after the examination
     * deadline, anyone (UCP 600 art. 16(f)). Emits {Honoured}.
     * @param presentationId The presentation.
     */
    function honour(bytes32 presentationId) external;

    /**
     * @notice Refuses a presentation, recording its discrepancies.
     * @dev Caller: the issuing or nominated bank, until the examination deadline. Without `seekWaiver` the eBL
     * returns to the beneficiary at once (Refused); with it the eBL is held (Discrepant) until the waiver deadline
     * (now + the examination period). Emits {Refused} (and {DocumentsReturned}).
     * @param presentationId The presentation.
     * @param discrepancies The discrepancies, at least one.
     * @param seekWaiver Whether to hold the eBL while the applicant decides on a waiver.
     */
    function refuse(bytes32 presentationId, bytes32[] calldata discrepancies, bool seekWaiver) external;

    /**
     * @notice The applicant waives the discrepancies of a Discrepant presentation: it is honoured at once.
     * @dev Caller: the applicant. Emits {DiscrepanciesWaived} and {Honoured}.
     * @param presentationId The presentation.
     */
    function waive(bytes32 presentationId) external;

    /**
     * @notice The applicant rejects the waiver: the eBL returns to the beneficiary (Refused).
     * @dev Caller: the applicant. Emits {DocumentsReturned}.
     * @param presentationId The presentation (Discrepant).
     */
    function rejectWaiver(bytes32 presentationId) external;

    /**
     * @notice The beneficiary withdraws a presentation not honoured or refused yet (Presented or Discrepant): the eBL
     * returns to it.
     * @dev Caller: the beneficiary. Emits {DocumentsReturned}.
     * @param presentationId The presentation.
     */
    function withdraw(bytes32 presentationId) external;

    /**
     * @notice After the waiver deadline, returns a Discrepant presentation's eBL to the beneficiary (Refused).
     * @dev Caller: anyone. Emits {DocumentsReturned}.
     * @param presentationId The presentation.
     */
    function returnUnwaived(bytes32 presentationId) external;

    /**
     * @notice The applicant reimburses the issuing bank for drawings paid: `amount` from the applicant to the bank.
     * @dev Caller: the applicant; or anyone with the applicant's EIP-3009 authorisation (paymentId = `creditId`).
     * At most drawn − reimbursed. Emits {Reimbursed}.
     * @param creditId The credit (Issued or Closed).
     * @param amount What to pay.
     * @param auth The applicant's allowance, permit or authorisation (this contract as spender / payee).
     */
    function reimburse(bytes32 creditId, uint256 amount, IPaymentRail.PaymentAuth calldata auth) external;

    /**
     * @notice The issuing bank proposes an amendment; an increase is paid into escrow now (the bank is bound by it
     * from now, UCP 600 art. 10(b)), and nothing changes until the beneficiary accepts.
     * @dev Caller: the issuing bank. One pending amendment at a time. The amount may not go below drawn + reserved.
     * Emits {AmendmentProposed}.
     * @param creditId The credit.
     * @param amount The new amount.
     * @param expiry The new expiry (in the future).
     * @param latestPresentation The new latest presentation date (≤ expiry).
     * @param funding The bank's authorisation of the increase (ignored when the amount does not grow).
     */
    function proposeAmendment(
        bytes32 creditId,
        uint256 amount,
        uint64 expiry,
        uint64 latestPresentation,
        IPaymentRail.PaymentAuth calldata funding
    ) external;

    /**
     * @notice The beneficiary accepts the pending amendment: the terms change; a decrease goes back to the bank.
     * @dev Caller: the beneficiary. Refused if the new amount is below drawn + reserved now. Emits
     * {AmendmentAccepted}.
     * @param creditId The credit.
     */
    function acceptAmendment(bytes32 creditId) external;

    /**
     * @notice The beneficiary rejects the pending amendment; an increase goes back to the bank.
     * @dev Caller: the beneficiary. Emits {AmendmentRejected}.
     * @param creditId The credit.
     */
    function rejectAmendment(bytes32 creditId) external;

    /**
     * @notice Closes an expired credit with no presentation pending: the undrawn escrow (and a pending amendment's
     * increase) goes back to the issuing bank.
     * @dev Caller: anyone, after the expiry. Emits {CreditClosed} (and {AmendmentRejected}).
     * @param creditId The credit.
     */
    function close(bytes32 creditId) external;

    // ------------------------------------------------------------------ views

    /**
     * @notice The credit id an application would get: the EIP-712 digest of `CreditApplication`.
     * @param terms The terms.
     * @param nonce The applicant's nonce.
     * @param deadline The signature's deadline.
     * @return The digest the applicant signs, which is the credit id.
     */
    function hashApplication(
        CreditTerms calldata terms,
        uint256 nonce,
        uint256 deadline
    ) external view returns (bytes32);

    /**
     * @notice The id of a credit's `number`-th presentation: `keccak256(abi.encode(creditId, number))`.
     * @param creditId The credit.
     * @param number From 1.
     * @return The presentation id.
     */
    function presentationIdOf(bytes32 creditId, uint256 number) external pure returns (bytes32);

    /**
     * @notice A credit.
     * @param creditId The credit.
     * @return Its terms, status and totals (zero when never issued).
     */
    function creditOf(bytes32 creditId) external view returns (Credit memory);

    /**
     * @notice A credit's pending amendment.
     * @param creditId The credit.
     * @return The amendment (`pending` false when none).
     */
    function amendmentOf(bytes32 creditId) external view returns (Amendment memory);

    /**
     * @notice A presentation.
     * @param presentationId The presentation.
     * @return It (status None when never made).
     */
    function presentationOf(bytes32 presentationId) external view returns (Presentation memory);

    /**
     * @notice What the credit has available for a new drawing: amount − drawn − reserved (zero unless Issued).
     * @param creditId The credit.
     * @return The available amount.
     */
    function availableOf(bytes32 creditId) external view returns (uint256);

    /**
     * @notice The applicant's next nonce for a `CreditApplication`.
     * @param owner The applicant.
     * @return The nonce.
     */
    function nonces(address owner) external view returns (uint256);

    /**
     * @notice The eBL registry whose eBLs every credit takes.
     * @return The registry.
     */
    function registry() external view returns (IBillOfLadingRegistry);

    /**
     * @notice The participant registry that verifies the parties.
     * @return The registry.
     */
    function participants() external view returns (IParticipantRegistry);

    /**
     * @notice The condition that checks the supporting documents.
     * @return The condition.
     */
    function documentsCondition() external view returns (IDocumentsCondition);
}
