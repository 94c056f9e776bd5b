// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {TokenizedDeposit} from "../../../contracts/deposits/TokenizedDeposit.sol";
import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {DocumentaryCredits} from "../../../contracts/finance/credits/DocumentaryCredits.sol";
import {IDocumentaryCredits} from "../../../contracts/finance/credits/IDocumentaryCredits.sol";
import {IPaymentRail} from "../../../contracts/settlement/rails/IPaymentRail.sol";

import {vm} from "../utils/Vm.sol";
import {SystemHandlerBase, SystemWorld} from "./SystemHandlers.sol";

/**
 * @title CreditHandler
 * @notice Letters of credit in the whole system: the banks issue funded credits (HKD by bank 0, CNH by bank 1) on a
 * trader's signed application in favour of another trader, sometimes naming the other bank as nominated bank; the
 * beneficiaries present eBLs they hold; examiners and others honour, refuse (with or without a waiver request),
 * applicants waive or reject, beneficiaries withdraw, anyone returns lapsed waivers and honours after the deadline;
 * applicants reimburse; banks amend and beneficiaries answer; anyone closes expired credits. Every call is checked on
 * the spot: a refused call moved nothing; a call that honoured paid the beneficiary exactly the drawing and passed
 * the eBL to the applicant in the same transaction; a call that ended a presentation otherwise returned the eBL to the
 * beneficiary and moved no money. The ghost totals count what entered and left the escrow from the counterparties'
 * side.
 * @dev The eBL goes to the applicant at honour (not the issuing bank): the system's title invariant keeps title with
 * traders. Credits require no supporting documents here (the documents condition is tested in test/finance and
 * test/documents); eBLs, parties, pauses, holds and verification change under the credits through the other handlers.
 */
contract CreditHandler is SystemHandlerBase {
    DocumentaryCredits public immutable credits;

    bytes32[] public creditIds;
    bytes32[] public presentationIds;
    /// @notice Per credit: the drawings actually paid to its beneficiary (seen in the beneficiary's balance).
    mapping(bytes32 creditId => uint256) public honoured;
    /// @notice Per deposit token: what entered the escrow (the banks' funding) and what left it (drawings paid,
    /// refunds), counted on the counterparties' balances.
    uint256[2] public escrowIn;
    uint256[2] public escrowOut;

    constructor(SystemWorld world, DocumentaryCredits credits_) SystemHandlerBase(world) {
        credits = credits_;
    }

    function creditsLength() external view returns (uint256) {
        return creditIds.length;
    }

    function presentationsLength() external view returns (uint256) {
        return presentationIds.length;
    }

    /// @dev Which of the two tokens (0 HKD, 1 CNH) a credit is payable in.
    function tokenIndexOf(bytes32 creditId) public view returns (uint256) {
        return credits.creditOf(creditId).terms.token == address(w.token(0)) ? 0 : 1;
    }

    // ------------------------------------------------------------------ issue

    function issue(uint256 seed) external {
        uint256 c = seed % 2;
        IDocumentaryCredits.CreditTerms memory t = _terms(seed, c);
        uint256 deadline = block.timestamp + 1 hours;
        uint256 nonce = credits.nonces(t.applicant);
        bytes32 digest = credits.hashApplication(t, nonce, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(w.keyOf(t.applicant), digest);
        TokenizedDeposit token = w.token(c);
        uint256 bankBefore = token.balanceOf(t.issuingBank);
        uint256 escrowBefore = token.balanceOf(address(credits));
        bool ok = _call(
            t.issuingBank,
            address(credits),
            abi.encodeCall(credits.issue, (t, deadline, abi.encodePacked(r, s, v), _allowance()))
        );
        if (!ok) {
            w.expect(token.balanceOf(t.issuingBank) == bankBefore, "credits: a refused issue moved money");
            return;
        }
        w.expect(
            bankBefore - token.balanceOf(t.issuingBank) == t.amount &&
                token.balanceOf(address(credits)) - escrowBefore == t.amount,
            "credits: an issue did not fund exactly the amount"
        );
        w.expect(credits.creditOf(digest).status == IDocumentaryCredits.CreditStatus.Issued, "credits: not issued");
        creditIds.push(digest);
        escrowIn[c] += t.amount;
        w.bump("credit issued");
    }

    function _terms(uint256 seed, uint256 c) internal view returns (IDocumentaryCredits.CreditTerms memory t) {
        uint256 applicant = (seed >> 8) % 3;
        uint64 expiry = uint64(block.timestamp + 1 days + ((seed >> 64) % 10 days));
        t = IDocumentaryCredits.CreditTerms({
            issuingBank: w.banks(c),
            applicant: w.traders(applicant),
            beneficiary: w.traders((applicant + 1 + ((seed >> 16) % 2)) % 3),
            nominatedBank: (seed >> 24) % 2 == 0 ? w.banks(1 - c) : address(0),
            token: address(w.token(c)),
            amount: 1_000_00 + ((seed >> 32) % 50_000_00),
            expiry: expiry,
            latestPresentation: expiry - uint64((seed >> 96) % 1 days),
            examinationPeriod: uint64(1 hours + ((seed >> 128) % 5 days)),
            partialDrawings: (seed >> 160) % 3 != 0,
            eblRecipient: IDocumentaryCredits.EblRecipient.Applicant,
            requiredDocumentTypes: 0,
            creditReference: keccak256(abi.encode(seed))
        });
    }

    // ------------------------------------------------------------------ presentations

    /// @notice The beneficiary presents an eBL it holds (the first one found from the seed), drawing part or all.
    function present(uint256 creditSeed, uint256 tokenSeed, uint256 amountSeed) external {
        if (creditIds.length == 0) return;
        bytes32 creditId = creditIds[creditSeed % creditIds.length];
        IDocumentaryCredits.Credit memory pre = credits.creditOf(creditId);
        address beneficiary = pre.terms.beneficiary;
        BillOfLadingRegistry ebl = w.ebl();
        uint256 n = w.idsLength();
        uint256 tokenId = _id(tokenSeed);
        for (uint256 i; i < n; ++i) {
            uint256 candidate = w.ids((tokenSeed + i) % n);
            if (ebl.billOf(candidate).holder == beneficiary) {
                tokenId = candidate;
                break;
            }
        }
        uint256 available = credits.availableOf(creditId);
        // Sometimes above what is available (must be refused), usually within it.
        uint256 amount = amountSeed % 5 == 0 ? available + 1 : 1 + (amountSeed % (available + 1));
        if (!pre.terms.partialDrawings && amountSeed % 5 != 0) amount = available;
        address holderBefore = ebl.billOf(tokenId).holder;
        bool ok = _call(
            beneficiary,
            address(credits),
            abi.encodeCall(credits.present, (creditId, tokenId, new bytes32[](0), amount))
        );
        IDocumentaryCredits.Credit memory post = credits.creditOf(creditId);
        if (!ok) {
            w.expect(
                ebl.billOf(tokenId).holder == holderBefore && post.reserved == pre.reserved,
                "credits: a refused presentation moved something"
            );
            return;
        }
        w.expect(amount != 0 && amount <= available, "credits: a drawing above the available amount was accepted");
        w.expect(block.timestamp <= pre.terms.latestPresentation, "credits: a late presentation was accepted");
        w.expect(ebl.billOf(tokenId).holder == address(credits), "credits: the eBL is not in custody");
        w.expect(post.reserved == pre.reserved + amount, "credits: the drawing is not reserved");
        presentationIds.push(credits.presentationIdOf(creditId, post.presentations));
        w.bump("credit presentation");
    }

    /**
     * @notice One step on a presentation by one of its parties or a stranger: honour, refuse (with or without a
     * waiver request), waive, reject the waiver, withdraw, or return after the waiver deadline.
     */
    function act(uint256 presentationSeed, uint256 action, uint256 callerSeed) external {
        if (presentationIds.length == 0) return;
        bytes32 presentationId = presentationIds[presentationSeed % presentationIds.length];
        IDocumentaryCredits.Presentation memory p = credits.presentationOf(presentationId);
        IDocumentaryCredits.Credit memory c = credits.creditOf(p.creditId);
        address caller = _party(c.terms, callerSeed);
        bytes memory data;
        uint256 a = action % 7;
        if (a == 0 || a == 6) data = abi.encodeCall(credits.honour, (presentationId));
        else if (a == 1)
            data = abi.encodeCall(credits.refuse, (presentationId, _discrepancies(action), action % 2 == 0));
        else if (a == 2) data = abi.encodeCall(credits.waive, (presentationId));
        else if (a == 3) data = abi.encodeCall(credits.rejectWaiver, (presentationId));
        else if (a == 4) data = abi.encodeCall(credits.withdraw, (presentationId));
        else data = abi.encodeCall(credits.returnUnwaived, (presentationId));
        _checked(presentationId, p, c, caller, data);
    }

    function _discrepancies(uint256 seed) internal pure returns (bytes32[] memory d) {
        d = new bytes32[](seed % 3); // sometimes none: must be refused
        for (uint256 i; i < d.length; ++i) d[i] = keccak256(abi.encode(seed, i));
    }

    /// @dev The issuing bank, the nominated bank, the applicant, the beneficiary or anyone.
    function _party(IDocumentaryCredits.CreditTerms memory t, uint256 seed) internal view returns (address) {
        uint256 r = seed % 5;
        if (r == 0) return t.issuingBank;
        if (r == 1) return t.nominatedBank == address(0) ? t.issuingBank : t.nominatedBank;
        if (r == 2) return t.applicant;
        if (r == 3) return t.beneficiary;
        return _anyone(seed >> 8);
    }

    struct Before {
        uint256 beneficiary;
        uint256 applicant;
        uint256 escrow;
        address holder;
    }

    /// @dev Runs `data` as `caller` and checks the outcome by the status the presentation ends in.
    function _checked(
        bytes32 presentationId,
        IDocumentaryCredits.Presentation memory pre,
        IDocumentaryCredits.Credit memory c,
        address caller,
        bytes memory data
    ) internal {
        TokenizedDeposit token = w.token(tokenIndexOf(pre.creditId));
        BillOfLadingRegistry ebl = w.ebl();
        Before memory b = Before({
            beneficiary: token.balanceOf(c.terms.beneficiary),
            applicant: token.balanceOf(c.terms.applicant),
            escrow: token.balanceOf(address(credits)),
            holder: ebl.billOf(pre.tokenId).holder
        });
        bool ok = _call(caller, address(credits), data);
        IDocumentaryCredits.Presentation memory post = credits.presentationOf(presentationId);
        address holder = ebl.billOf(pre.tokenId).holder;
        uint256 paid = token.balanceOf(c.terms.beneficiary) - b.beneficiary;
        if (!ok || post.status == pre.status) {
            w.expect(
                post.status == pre.status && holder == b.holder && paid == 0,
                "credits: a refused step moved something"
            );
            return;
        }
        bool pending =
            pre.status == IDocumentaryCredits.PresentationStatus.Presented ||
                pre.status == IDocumentaryCredits.PresentationStatus.Discrepant;
        w.expect(pending, "credits: a finished presentation changed");
        if (post.status == IDocumentaryCredits.PresentationStatus.Honoured) {
            w.expect(
                paid == pre.amount && b.escrow - token.balanceOf(address(credits)) == pre.amount,
                "credits: an honour did not pay exactly the drawing from escrow"
            );
            w.expect(holder == c.terms.applicant, "credits: an honour did not deliver the eBL to the recipient");
            w.expect(
                caller == c.terms.issuingBank ||
                    caller == c.terms.nominatedBank ||
                    caller == c.terms.applicant ||
                    block.timestamp > pre.deadline,
                "credits: honoured by a non-examiner before the deadline"
            );
            honoured[pre.creditId] += paid;
            escrowOut[tokenIndexOf(pre.creditId)] += paid;
            w.bump("credit honoured");
        } else if (post.status == IDocumentaryCredits.PresentationStatus.Discrepant) {
            w.expect(holder == address(credits) && paid == 0, "credits: a held presentation moved something");
            w.expect(
                caller == c.terms.issuingBank || caller == c.terms.nominatedBank,
                "credits: refused by a non-examiner"
            );
            w.bump("credit refused, waiver sought");
        } else {
            // Refused or withdrawn: the eBL back with the beneficiary, no money anywhere.
            w.expect(holder == c.terms.beneficiary && paid == 0, "credits: a returned presentation is not returned");
            w.expect(
                token.balanceOf(address(credits)) == b.escrow && token.balanceOf(c.terms.applicant) == b.applicant,
                "credits: a return moved money"
            );
            w.bump("credit documents returned");
        }
    }

    // ------------------------------------------------------------------ reimbursement, amendments, close

    function reimburse(uint256 creditSeed, uint256 amountSeed) external {
        if (creditIds.length == 0) return;
        bytes32 creditId = creditIds[creditSeed % creditIds.length];
        IDocumentaryCredits.Credit memory c = credits.creditOf(creditId);
        TokenizedDeposit token = w.token(tokenIndexOf(creditId));
        uint256 amount = 1 + (amountSeed % (c.drawn - c.reimbursed + 1));
        uint256 bankBefore = token.balanceOf(c.terms.issuingBank);
        bool ok = _call(
            c.terms.applicant,
            address(credits),
            abi.encodeCall(credits.reimburse, (creditId, amount, _allowance()))
        );
        uint256 received = token.balanceOf(c.terms.issuingBank) - bankBefore;
        if (!ok) {
            w.expect(received == 0, "credits: a refused reimbursement moved money");
            return;
        }
        w.expect(amount <= c.drawn - c.reimbursed && received == amount, "credits: reimbursed above the drawings");
        w.bump("credit reimbursed");
    }

    /// @notice The issuing bank proposes an amendment, or the beneficiary accepts or rejects the pending one.
    function amend(uint256 creditSeed, uint256 action, uint256 amountSeed) external {
        if (creditIds.length == 0) return;
        bytes32 creditId = creditIds[creditSeed % creditIds.length];
        IDocumentaryCredits.Credit memory c = credits.creditOf(creditId);
        uint256 k = tokenIndexOf(creditId);
        TokenizedDeposit token = w.token(k);
        uint256 bankBefore = token.balanceOf(c.terms.issuingBank);
        uint256 escrowBefore = token.balanceOf(address(credits));
        bool ok;
        if (action % 3 == 0) {
            // Around what is committed: sometimes below it (must be refused), sometimes an increase or a decrease.
            uint256 amount = c.drawn + c.reserved + (amountSeed % 20_000_00) - (amountSeed % 7 == 0 ? 1 : 0);
            uint64 expiry = uint64(block.timestamp + 1 days + (amountSeed % 5 days));
            ok = _call(
                c.terms.issuingBank,
                address(credits),
                abi.encodeCall(credits.proposeAmendment, (creditId, amount, expiry, expiry, _allowance()))
            );
        } else {
            ok = _call(
                c.terms.beneficiary,
                address(credits),
                action % 3 == 1
                    ? abi.encodeCall(credits.acceptAmendment, (creditId))
                    : abi.encodeCall(credits.rejectAmendment, (creditId))
            );
        }
        uint256 bankAfter = token.balanceOf(c.terms.issuingBank);
        uint256 escrowAfter = token.balanceOf(address(credits));
        if (!ok) {
            w.expect(bankAfter == bankBefore, "credits: a refused amendment moved money");
            return;
        }
        IDocumentaryCredits.Credit memory post = credits.creditOf(creditId);
        w.expect(post.terms.amount >= post.drawn + post.reserved, "credits: amended below the drawings");
        if (bankAfter < bankBefore) escrowIn[k] += bankBefore - bankAfter;
        else escrowOut[k] += bankAfter - bankBefore;
        w.expect(
            bankBefore + escrowBefore == bankAfter + escrowAfter,
            "credits: an amendment moved money elsewhere than between the bank and the escrow"
        );
        w.bump("credit amended");
    }

    function close(uint256 creditSeed, uint256 callerSeed) external {
        if (creditIds.length == 0) return;
        bytes32 creditId = creditIds[creditSeed % creditIds.length];
        IDocumentaryCredits.Credit memory c = credits.creditOf(creditId);
        uint256 k = tokenIndexOf(creditId);
        TokenizedDeposit token = w.token(k);
        uint256 bankBefore = token.balanceOf(c.terms.issuingBank);
        bool ok = _call(_anyone(callerSeed), address(credits), abi.encodeCall(credits.close, (creditId)));
        uint256 refunded = token.balanceOf(c.terms.issuingBank) - bankBefore;
        if (!ok) {
            w.expect(refunded == 0, "credits: a refused close moved money");
            return;
        }
        w.expect(block.timestamp > c.terms.expiry && c.reserved == 0, "credits: closed early or with a presentation");
        escrowOut[k] += refunded;
        w.bump("credit closed");
    }

    function _allowance() internal pure returns (IPaymentRail.PaymentAuth memory) {
        return IPaymentRail.PaymentAuth(IPaymentRail.PaymentMethod.Allowance, 0, 0, bytes32(0), "");
    }
}
