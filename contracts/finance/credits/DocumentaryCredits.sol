// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ParticipantKinds} from "../../access/ParticipantKinds.sol";
import {EblRecords} from "../../ebl/EblRecords.sol";
import {IBillOfLadingRegistry} from "../../interfaces/IBillOfLadingRegistry.sol";
import {IDocumentsCondition} from "../../interfaces/IDocumentsCondition.sol";
import {IParticipantRegistry} from "../../interfaces/IParticipantRegistry.sol";
import {DepositPayments} from "../../settlement/rails/DepositPayments.sol";
import {IPaymentRail} from "../../settlement/rails/IPaymentRail.sol";
import {SignatureVerification} from "../../utils/SignatureVerification.sol";
import {IStrayAssetRecovery} from "../IStrayAssetRecovery.sol";
import {IDocumentaryCredits} from "./IDocumentaryCredits.sol";

/**
 * @title DocumentaryCredits
 * @notice Funded documentary credits (letters of credit) after UCP 600 / eUCP: the issuing bank's amount is held here
 * from issuance; the beneficiary presents the eBL (into custody) and the supporting documents (by reference); the
 * issuing or nominated bank honours (the drawing to the beneficiary and the eBL to the recipient, in one
 * transaction) or refuses with its discrepancies; the applicant may waive them; the applicant reimburses the bank;
 * amendments need the beneficiary's acceptance; an expired credit closes and its undrawn amount goes back to the
 * bank. See {IDocumentaryCredits} and docs/trade-finance.md.
 * @dev Must be a verified CUSTODY participant: it holds eBLs (approved by the beneficiary, moved with `transferFrom`,
 * so the registry records custody for title when the beneficiary had title) and deposits (the escrow). No owner, no
 * pause of its own: the registry's and the tokens' pauses apply to what it moves. Only the recovery of stray assets
 * ({recoverStrayToken}, {recoverStrayEbl}) is restricted, to the `TRADE FINANCE ADMIN` role of the rails' access
 * manager; it never takes an eBL a pending presentation holds, nor any of the escrow.
 *
 * Invariants: per credit, drawn + reserved ≤ amount, so the drawings never exceed the amount; this contract holds,
 * per token, the sum over its Issued credits of amount − drawn (plus a pending amendment's increase); every eBL it
 * holds belongs to exactly one Presented or Discrepant presentation; an eBL reaches the recipient only in the
 * transaction that pays the beneficiary.
 */
contract DocumentaryCredits is IDocumentaryCredits, EIP712, Nonces, ReentrancyGuardTransient, AccessManaged {
    using SafeERC20 for IERC20;

    /// @notice The EIP-712 type hash of the applicant's `CreditApplication` (see {IDocumentaryCredits}).
    bytes32 public constant APPLICATION_TYPEHASH = keccak256(
        "CreditApplication(address issuingBank,address applicant,address beneficiary,address nominatedBank,"
        "address token,uint256 amount,uint64 expiry,uint64 latestPresentation,uint64 examinationPeriod,"
        "bool partialDrawings,uint8 eblRecipient,uint256 requiredDocumentTypes,bytes32 creditReference,"
        "uint256 nonce,uint256 deadline)"
    );

    /// @notice The longest examination period a credit may set (UCP 600 gives five banking days).
    uint64 public constant MAX_EXAMINATION_PERIOD = 30 days;

    /// @notice The most supporting document types a credit may require ({IDocumentsCondition} checks up to 16).
    uint256 public constant MAX_DOCUMENT_TYPES = 16;

    /// @inheritdoc IDocumentaryCredits
    IParticipantRegistry public immutable participants;

    /// @inheritdoc IDocumentaryCredits
    IBillOfLadingRegistry public immutable registry;

    /// @inheritdoc IDocumentaryCredits
    IDocumentsCondition public immutable documentsCondition;

    mapping(bytes32 creditId => Credit) private _credits;
    mapping(bytes32 creditId => Amendment) private _amendments;
    mapping(bytes32 presentationId => Presentation) private _presentations;
    /// @dev The presentation each eBL was last presented under: it holds the eBL while Presented or Discrepant.
    mapping(uint256 tokenId => bytes32 presentationId) private _presentationOfEbl;
    /// @dev The escrow, per token: over the Issued credits in it, amount − drawn plus a pending amendment's increase.
    mapping(address token => uint256) private _escrowed;

    /**
     * @notice Deploys the credits contract.
     * @param participants_ The participant registry that verifies the parties.
     * @param registry_ The eBL registry whose eBLs are presented.
     * @param documentsCondition_ The condition that checks the supporting documents.
     * @param initialAuthority The rails' access manager, which says who holds the `TRADE FINANCE ADMIN` role.
     */
    constructor(
        IParticipantRegistry participants_,
        IBillOfLadingRegistry registry_,
        IDocumentsCondition documentsCondition_,
        address initialAuthority
    ) EIP712("Cargo Rails Documentary Credits", "1") AccessManaged(initialAuthority) {
        if (
            address(participants_) == address(0) ||
            address(registry_) == address(0) ||
            address(documentsCondition_) == address(0)
        ) revert RailsZeroAddress();
        participants = participants_;
        registry = registry_;
        documentsCondition = documentsCondition_;
    }

    // ------------------------------------------------------------------ issuance

    /// @inheritdoc IDocumentaryCredits
    function issue(
        CreditTerms calldata terms,
        uint256 deadline,
        bytes calldata applicantSignature,
        IPaymentRail.PaymentAuth calldata funding
    ) external nonReentrant returns (bytes32 creditId) {
        if (msg.sender != terms.issuingBank || !participants.isVerifiedAs(msg.sender, ParticipantKinds.BANK)) {
            revert CreditNotIssuingBank(msg.sender);
        }
        _checkTerms(terms);
        if (block.timestamp > deadline) revert RailsExpired(deadline, block.timestamp);
        creditId = _hashApplication(terms, _useNonce(terms.applicant), deadline);
        if (!SignatureVerification.isValidNowCalldata(terms.applicant, creditId, applicantSignature)) {
            revert RailsInvalidSignature(terms.applicant);
        }
        Credit storage c = _credits[creditId];
        c.terms = terms;
        c.status = CreditStatus.Issued;
        _escrowed[terms.token] += terms.amount;
        emit CreditIssued(creditId, terms.issuingBank, terms.beneficiary, terms);
        DepositPayments.pay(terms.token, msg.sender, address(this), terms.amount, creditId, funding);
    }

    // ------------------------------------------------------------------ presentation and examination

    /// @inheritdoc IDocumentaryCredits
    function present(
        bytes32 creditId,
        uint256 tokenId,
        bytes32[] calldata documentIds,
        uint256 amount
    ) external nonReentrant returns (bytes32 presentationId) {
        Credit storage c = _openCredit(creditId);
        if (msg.sender != c.terms.beneficiary) revert CreditNotBeneficiary(msg.sender);
        if (block.timestamp > c.terms.latestPresentation) {
            revert CreditPresentationPeriodOver(creditId, c.terms.latestPresentation);
        }
        if (amount == 0) revert RailsZeroAmount();
        uint256 available = c.terms.amount - c.drawn - c.reserved;
        if (amount > available) revert CreditDrawingExceedsAvailable(amount, available);
        if (!c.terms.partialDrawings && amount != available) revert CreditPartialDrawingNotAllowed(amount, available);
        bytes32 requirementId = _checkDocuments(c.terms.requiredDocumentTypes, documentIds, tokenId);

        uint32 number = ++c.presentations;
        presentationId = keccak256(abi.encode(creditId, uint256(number)));
        c.reserved += amount;
        uint64 examinationDeadline = uint64(block.timestamp) + c.terms.examinationPeriod;
        Presentation storage p = _presentations[presentationId];
        p.creditId = creditId;
        p.status = PresentationStatus.Presented;
        p.deadline = examinationDeadline;
        p.tokenId = tokenId;
        p.amount = amount;
        p.requirementId = requirementId;
        _presentationOfEbl[tokenId] = presentationId;
        emit Presented(presentationId, creditId, tokenId, amount, documentIds, examinationDeadline);

        registry.transferFrom(msg.sender, address(this), tokenId);
        // Read after the move: the registry has recorded whether the beneficiary had title (custody for title).
        IBillOfLadingRegistry.Bill memory bill = registry.billOf(tokenId);
        if (bill.titleHolder != _recipient(c.terms) && !EblRecords.isEndorsable(bill)) {
            revert CreditEblNotDeliverable(tokenId);
        }
    }

    /// @inheritdoc IDocumentaryCredits
    function honour(bytes32 presentationId) external nonReentrant {
        Presentation storage p = _presentationIn(presentationId, PresentationStatus.Presented);
        Credit storage c = _credits[p.creditId];
        HonourBasis basis = HonourBasis.Complying;
        if (!_isExaminer(c.terms, msg.sender)) {
            // UCP 600 art. 16(f): a bank that neither honours nor refuses in time may not refuse.
            if (block.timestamp <= p.deadline) revert CreditNotExaminer(msg.sender);
            basis = HonourBasis.DeadlinePassed;
        }
        _honour(presentationId, p, c, basis);
    }

    /// @inheritdoc IDocumentaryCredits
    function refuse(bytes32 presentationId, bytes32[] calldata discrepancies, bool seekWaiver) external nonReentrant {
        Presentation storage p = _presentationIn(presentationId, PresentationStatus.Presented);
        Credit storage c = _credits[p.creditId];
        if (!_isExaminer(c.terms, msg.sender)) revert CreditNotExaminer(msg.sender);
        if (block.timestamp > p.deadline) revert CreditExaminationPeriodOver(presentationId, p.deadline);
        if (discrepancies.length == 0) revert CreditNoDiscrepancies();
        p.discrepanciesHash = keccak256(abi.encode(discrepancies));
        p.discrepancyCount = discrepancies.length;
        if (seekWaiver) {
            uint64 waiverDeadline = uint64(block.timestamp) + c.terms.examinationPeriod;
            p.status = PresentationStatus.Discrepant;
            p.deadline = waiverDeadline;
            emit Refused(presentationId, p.creditId, msg.sender, discrepancies, true, waiverDeadline);
        } else {
            emit Refused(presentationId, p.creditId, msg.sender, discrepancies, false, 0);
            _returnDocuments(presentationId, p, c, PresentationStatus.Refused, ReturnReason.Refused);
        }
    }

    /// @inheritdoc IDocumentaryCredits
    function waive(bytes32 presentationId) external nonReentrant {
        Presentation storage p = _presentationIn(presentationId, PresentationStatus.Discrepant);
        Credit storage c = _credits[p.creditId];
        if (msg.sender != c.terms.applicant) revert CreditNotApplicant(msg.sender);
        emit DiscrepanciesWaived(presentationId, msg.sender);
        _honour(presentationId, p, c, HonourBasis.Waiver);
    }

    /// @inheritdoc IDocumentaryCredits
    function rejectWaiver(bytes32 presentationId) external nonReentrant {
        Presentation storage p = _presentationIn(presentationId, PresentationStatus.Discrepant);
        Credit storage c = _credits[p.creditId];
        if (msg.sender != c.terms.applicant) revert CreditNotApplicant(msg.sender);
        _returnDocuments(presentationId, p, c, PresentationStatus.Refused, ReturnReason.WaiverRejected);
    }

    /// @inheritdoc IDocumentaryCredits
    function withdraw(bytes32 presentationId) external nonReentrant {
        Presentation storage p = _presentations[presentationId];
        if (p.status != PresentationStatus.Presented && p.status != PresentationStatus.Discrepant) {
            revert CreditInvalidPresentationStatus(presentationId, p.status);
        }
        Credit storage c = _credits[p.creditId];
        if (msg.sender != c.terms.beneficiary) revert CreditNotBeneficiary(msg.sender);
        _returnDocuments(presentationId, p, c, PresentationStatus.Withdrawn, ReturnReason.Withdrawn);
    }

    /// @inheritdoc IDocumentaryCredits
    function returnUnwaived(bytes32 presentationId) external nonReentrant {
        Presentation storage p = _presentationIn(presentationId, PresentationStatus.Discrepant);
        if (block.timestamp <= p.deadline) revert CreditWaiverPeriodRunning(presentationId, p.deadline);
        _returnDocuments(
            presentationId,
            p,
            _credits[p.creditId],
            PresentationStatus.Refused,
            ReturnReason.WaiverLapsed
        );
    }

    // ------------------------------------------------------------------ reimbursement

    /// @inheritdoc IDocumentaryCredits
    function reimburse(bytes32 creditId, uint256 amount, IPaymentRail.PaymentAuth calldata auth) external nonReentrant {
        Credit storage c = _credits[creditId];
        if (c.status == CreditStatus.None) revert CreditNotOpen(creditId, CreditStatus.None);
        // An allowance or permit is the applicant's standing consent, not a consent to this payment now: only the
        // applicant may spend it. An EIP-3009 authorisation is a consent to exactly this payment.
        if (auth.method != IPaymentRail.PaymentMethod.Authorization && msg.sender != c.terms.applicant) {
            revert CreditNotApplicant(msg.sender);
        }
        if (amount == 0) revert RailsZeroAmount();
        uint256 outstanding = c.drawn - c.reimbursed;
        if (amount > outstanding) revert CreditReimbursementExceedsDrawn(amount, outstanding);
        uint256 total = c.reimbursed + amount;
        c.reimbursed = total;
        emit Reimbursed(creditId, c.terms.applicant, amount, total);
        DepositPayments.pay(c.terms.token, c.terms.applicant, c.terms.issuingBank, amount, creditId, auth);
    }

    // ------------------------------------------------------------------ amendments

    /// @inheritdoc IDocumentaryCredits
    function proposeAmendment(
        bytes32 creditId,
        uint256 amount,
        uint64 expiry,
        uint64 latestPresentation,
        IPaymentRail.PaymentAuth calldata funding
    ) external nonReentrant {
        Credit storage c = _openCredit(creditId);
        if (msg.sender != c.terms.issuingBank) revert CreditNotIssuingBank(msg.sender);
        Amendment storage a = _amendments[creditId];
        if (a.pending) revert CreditAmendmentPending(creditId);
        uint256 committed = c.drawn + c.reserved;
        if (amount < committed) revert CreditAmendmentBelowDrawn(amount, committed);
        _checkDates(expiry, latestPresentation);
        a.pending = true;
        a.amount = amount;
        a.expiry = expiry;
        a.latestPresentation = latestPresentation;
        emit AmendmentProposed(creditId, amount, expiry, latestPresentation);
        uint256 current = c.terms.amount;
        if (amount > current) {
            _escrowed[c.terms.token] += amount - current;
            DepositPayments.pay(c.terms.token, msg.sender, address(this), amount - current, creditId, funding);
        }
    }

    /// @inheritdoc IDocumentaryCredits
    function acceptAmendment(bytes32 creditId) external nonReentrant {
        (Credit storage c, Amendment memory a) = _pendingAmendment(creditId);
        uint256 committed = c.drawn + c.reserved;
        if (a.amount < committed) revert CreditAmendmentBelowDrawn(a.amount, committed);
        uint256 previous = c.terms.amount;
        c.terms.amount = a.amount;
        c.terms.expiry = a.expiry;
        c.terms.latestPresentation = a.latestPresentation;
        delete _amendments[creditId];
        emit AmendmentAccepted(creditId, a.amount, a.expiry, a.latestPresentation);
        if (a.amount < previous) _release(c.terms.token, c.terms.issuingBank, previous - a.amount);
    }

    /// @inheritdoc IDocumentaryCredits
    function rejectAmendment(bytes32 creditId) external nonReentrant {
        (Credit storage c, Amendment memory a) = _pendingAmendment(creditId);
        delete _amendments[creditId];
        emit AmendmentRejected(creditId, msg.sender);
        uint256 current = c.terms.amount;
        if (a.amount > current) _release(c.terms.token, c.terms.issuingBank, a.amount - current);
    }

    // ------------------------------------------------------------------ expiry

    /// @inheritdoc IDocumentaryCredits
    function close(bytes32 creditId) external nonReentrant {
        Credit storage c = _openCredit(creditId);
        if (block.timestamp <= c.terms.expiry) revert CreditNotExpired(creditId, c.terms.expiry);
        if (c.reserved != 0) revert CreditPresentationPending(creditId);
        uint256 refund = c.terms.amount - c.drawn;
        Amendment storage a = _amendments[creditId];
        if (a.pending) {
            if (a.amount > c.terms.amount) refund += a.amount - c.terms.amount;
            delete _amendments[creditId];
            emit AmendmentRejected(creditId, msg.sender);
        }
        c.status = CreditStatus.Closed;
        emit CreditClosed(creditId, msg.sender, refund);
        if (refund != 0) _release(c.terms.token, c.terms.issuingBank, refund);
    }

    // ------------------------------------------------------------------ stray assets

    /// @inheritdoc IStrayAssetRecovery
    /// @dev Only what is above the escrow of the token is stray; below it (a forced transfer out) nothing is.
    function recoverStrayToken(address token, address to, uint256 amount) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        uint256 balance = IERC20(token).balanceOf(address(this));
        uint256 held = _escrowed[token];
        if (balance < held || amount > balance - held) revert TradeFinanceAssetHeld(token, amount);
        emit StrayAssetRecovered(token, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @inheritdoc IStrayAssetRecovery
    function recoverStrayEbl(address registry_, uint256 tokenId, address to) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        if (registry_ == address(registry)) {
            PresentationStatus status = _presentations[_presentationOfEbl[tokenId]].status;
            if (status == PresentationStatus.Presented || status == PresentationStatus.Discrepant) {
                revert TradeFinanceAssetHeld(registry_, tokenId);
            }
        }
        emit StrayAssetRecovered(registry_, to, tokenId);
        IERC721(registry_).transferFrom(address(this), to, tokenId);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IDocumentaryCredits
    function hashApplication(
        CreditTerms calldata terms,
        uint256 nonce,
        uint256 deadline
    ) external view returns (bytes32) {
        return _hashApplication(terms, nonce, deadline);
    }

    /// @inheritdoc IDocumentaryCredits
    function presentationIdOf(bytes32 creditId, uint256 number) external pure returns (bytes32) {
        return keccak256(abi.encode(creditId, number));
    }

    /// @inheritdoc IDocumentaryCredits
    function creditOf(bytes32 creditId) external view returns (Credit memory) {
        return _credits[creditId];
    }

    /// @inheritdoc IDocumentaryCredits
    function amendmentOf(bytes32 creditId) external view returns (Amendment memory) {
        return _amendments[creditId];
    }

    /// @inheritdoc IDocumentaryCredits
    function presentationOf(bytes32 presentationId) external view returns (Presentation memory) {
        return _presentations[presentationId];
    }

    /// @inheritdoc IDocumentaryCredits
    function availableOf(bytes32 creditId) external view returns (uint256) {
        Credit storage c = _credits[creditId];
        if (c.status != CreditStatus.Issued) return 0;
        return c.terms.amount - c.drawn - c.reserved;
    }

    /// @inheritdoc IDocumentaryCredits
    function nonces(address owner) public view override(IDocumentaryCredits, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    // ------------------------------------------------------------------ internal

    /// @dev Pays the drawing from escrow to the beneficiary and passes the eBL to the recipient.
    function _honour(bytes32 presentationId, Presentation storage p, Credit storage c, HonourBasis basis) private {
        uint256 amount = p.amount;
        p.status = PresentationStatus.Honoured;
        c.reserved -= amount;
        c.drawn += amount;
        address recipient = _recipient(c.terms);
        emit Honoured(presentationId, p.creditId, msg.sender, basis, amount, recipient);
        _release(c.terms.token, c.terms.beneficiary, amount);
        uint256 tokenId = p.tokenId;
        // Made out to the recipient already (a straight B/L to it, or endorsed to it): possession suffices.
        // Otherwise a to-order B/L the beneficiary held with title (checked at presentation): title passes too.
        if (registry.titleHolderOf(tokenId) == recipient) registry.transferFrom(address(this), recipient, tokenId);
        else registry.endorseAndDeliver(tokenId, recipient);
    }

    /// @dev Pays `amount` of `token` out of the escrow.
    function _release(address token, address to, uint256 amount) private {
        _escrowed[token] -= amount;
        IERC20(token).safeTransfer(to, amount);
    }

    /// @dev Ends a pending presentation without payment: the eBL goes back to the beneficiary.
    function _returnDocuments(
        bytes32 presentationId,
        Presentation storage p,
        Credit storage c,
        PresentationStatus status,
        ReturnReason reason
    ) private {
        p.status = status;
        c.reserved -= p.amount;
        emit DocumentsReturned(presentationId, p.creditId, msg.sender, reason);
        registry.transferFrom(address(this), c.terms.beneficiary, p.tokenId);
    }

    /// @dev Checks the supporting documents (one per required type, ascending) against the eBL; returns the
    /// requirement they were checked as (zero when the credit requires none).
    function _checkDocuments(
        uint256 types,
        bytes32[] calldata documentIds,
        uint256 tokenId
    ) private returns (bytes32 requirementId) {
        uint256 count = documentIds.length;
        IDocumentsCondition.RequiredDocument[] memory required = new IDocumentsCondition.RequiredDocument[](count);
        uint256 found;
        for (uint256 t = 1; types >> t != 0; ++t) {
            if ((types >> t) & 1 == 0) continue;
            if (found < count) required[found] = IDocumentsCondition.RequiredDocument(uint8(t), documentIds[found]);
            ++found;
        }
        if (found != count) revert CreditDocumentsMismatch(found, count);
        if (count == 0) return bytes32(0);
        requirementId = documentsCondition.defineRequirement(required);
        documentsCondition.check(requirementId, address(registry), tokenId);
    }

    /// @dev Validates a credit's terms (not the signature).
    function _checkTerms(CreditTerms calldata terms) private view {
        if (!participants.isVerifiedAs(terms.applicant, ParticipantKinds.TRADER)) {
            revert RailsNotVerified(terms.applicant);
        }
        if (!participants.isVerifiedAs(terms.beneficiary, ParticipantKinds.TRADER)) {
            revert RailsNotVerified(terms.beneficiary);
        }
        if (terms.nominatedBank != address(0) && !participants.isVerifiedAs(terms.nominatedBank, ParticipantKinds.BANK))
            revert RailsNotVerified(terms.nominatedBank);
        if (terms.token == address(0)) revert RailsZeroAddress();
        if (terms.amount == 0) revert RailsZeroAmount();
        _checkDates(terms.expiry, terms.latestPresentation);
        if (terms.examinationPeriod == 0 || terms.examinationPeriod > MAX_EXAMINATION_PERIOD) {
            revert CreditInvalidExaminationPeriod(terms.examinationPeriod);
        }
        uint256 types = terms.requiredDocumentTypes;
        uint256 count;
        for (uint256 bits = types; bits != 0; bits &= bits - 1) ++count;
        if (types & 1 != 0 || count > MAX_DOCUMENT_TYPES) revert CreditInvalidDocumentTypes(types);
    }

    /// @dev The latest presentation date must be in the future and not after the expiry.
    function _checkDates(uint64 expiry, uint64 latestPresentation) private view {
        if (latestPresentation <= block.timestamp || latestPresentation > expiry) {
            revert CreditInvalidDates(expiry, latestPresentation);
        }
    }

    /// @dev The EIP-712 digest of a `CreditApplication`: the credit id. Every field of {CreditTerms} is a static
    /// 32-byte word, so `abi.encode(terms)` is the fields' encoding in order, as EIP-712 `encodeData` wants it.
    function _hashApplication(
        CreditTerms calldata terms,
        uint256 nonce,
        uint256 deadline
    ) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(APPLICATION_TYPEHASH, terms, nonce, deadline)));
    }

    /// @dev The credit, which must be Issued.
    function _openCredit(bytes32 creditId) private view returns (Credit storage c) {
        c = _credits[creditId];
        if (c.status != CreditStatus.Issued) revert CreditNotOpen(creditId, c.status);
    }

    /// @dev The presentation, which must be in `status`.
    function _presentationIn(
        bytes32 presentationId,
        PresentationStatus status
    ) private view returns (Presentation storage p) {
        p = _presentations[presentationId];
        if (p.status != status) revert CreditInvalidPresentationStatus(presentationId, p.status);
    }

    /// @dev The open credit and its pending amendment, for the beneficiary's answer.
    function _pendingAmendment(bytes32 creditId) private view returns (Credit storage c, Amendment memory a) {
        c = _openCredit(creditId);
        if (msg.sender != c.terms.beneficiary) revert CreditNotBeneficiary(msg.sender);
        a = _amendments[creditId];
        if (!a.pending) revert CreditNoAmendment(creditId);
    }

    /// @dev Whether `account` may examine presentations under `terms`: the issuing or the nominated bank.
    function _isExaminer(CreditTerms storage terms, address account) private view returns (bool) {
        return account == terms.issuingBank || (account == terms.nominatedBank && account != address(0));
    }

    /// @dev The address the eBL goes to at honour.
    function _recipient(CreditTerms storage terms) private view returns (address) {
        return terms.eblRecipient == EblRecipient.IssuingBank ? terms.issuingBank : terms.applicant;
    }
}
