// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {TokenizedDeposit} from "../../../contracts/deposits/TokenizedDeposit.sol";
import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {ITrustReceipts} from "../../../contracts/finance/trust-receipts/ITrustReceipts.sol";
import {TrustReceipts} from "../../../contracts/finance/trust-receipts/TrustReceipts.sol";
import {IBillOfLadingRegistry} from "../../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {IPaymentRail} from "../../../contracts/settlement/rails/IPaymentRail.sol";

import {SystemHandlerBase, SystemWorld} from "./SystemHandlers.sol";
import {vm} from "../utils/Vm.sol";

/**
 * @title TrustReceiptHandler
 * @notice Import loans under trust receipts in the system world: a trader with title hands its to-order eBL to a bank
 * blank endorsed (as the pledge of a financing, the title invariant keeps title with traders or blank), the bank opens
 * a receipt a trader signed, the importer surrenders (the carrier handler accepts or rejects) or returns it, anyone
 * repays (in either deposit) or resumes, the bank releases or recalls, anyone records a default, and the importer tries
 * to transfer or endorse the eBL (always refused). Each successful call is checked on the spot against the rules;
 * ghosts keep what the invariants compare with the contract: the receipts opened, what each repaid, when each was
 * recalled, and whether its importer received the eBL from the contract.
 * @dev Never reverts on a refused call (the runner ignores handler reverts): broken rules go to {SystemWorld-expect}.
 */
contract TrustReceiptHandler is SystemHandlerBase {
    TrustReceipts public immutable trustReceipts;

    /// @notice Every receipt ever opened, and its deposit token's index in the world.
    bytes32[] public receiptIds;
    mapping(bytes32 receiptId => uint256) public currencyOf;
    /// @notice Σ of the successful repayments of each receipt, as the handler saw them move.
    mapping(bytes32 receiptId => uint256) public repaidGhost;
    /// @notice Whether the contract ever delivered the receipt's eBL to its importer (title passed).
    mapping(bytes32 receiptId => bool) public deliveredToImporter;
    /// @notice When a receipt was recalled (zero: never).
    mapping(bytes32 receiptId => uint256) public recalledAt;

    constructor(SystemWorld world, TrustReceipts trustReceipts_) SystemHandlerBase(world) {
        trustReceipts = trustReceipts_;
    }

    function receiptsLength() external view returns (uint256) {
        return receiptIds.length;
    }

    /// @dev Starting at `seed`, a receipt whose status is in `statuses` (a bit per {ITrustReceipts-Status}), so that
    /// the paths are reached; one time in five, or when there is none, any receipt (so that refusals are tried too).
    function _receipt(
        uint256 seed,
        uint256 statuses
    ) internal view returns (bytes32 id, ITrustReceipts.Receipt memory r, bool any) {
        uint256 n = receiptIds.length;
        if (n == 0) return (id, r, false);
        if (seed % 5 != 0) {
            for (uint256 k; k < n; ++k) {
                id = receiptIds[(seed + k) % n];
                r = trustReceipts.receiptOf(id);
                if (statuses & (1 << uint256(r.status)) != 0) return (id, r, true);
            }
        }
        id = receiptIds[seed % n];
        return (id, trustReceipts.receiptOf(id), true);
    }

    uint256 internal constant ACTIVE = 1 << uint256(ITrustReceipts.Status.Active);
    uint256 internal constant SURRENDERED = 1 << uint256(ITrustReceipts.Status.Surrendered);
    uint256 internal constant DEFAULTED = 1 << uint256(ITrustReceipts.Status.Defaulted);
    uint256 internal constant OPEN = ACTIVE | SURRENDERED | DEFAULTED;
    uint256 internal constant CLOSED_FOR_IMPORTER =
        (1 << uint256(ITrustReceipts.Status.Repaid)) | (1 << uint256(ITrustReceipts.Status.Released));

    /// @dev The bank's eBL for a new receipt: starting at `seed`, one a bank already holds with title (blank
    /// endorsed), else one a trader holds with title, which the trader endorses in blank and hands to the bank.
    function _bankEbl(uint256 seed, address bank) internal returns (uint256 id, bool found) {
        BillOfLadingRegistry ebl = w.ebl();
        uint256 n = w.idsLength();
        for (uint256 k; k < n; ++k) {
            id = w.ids((seed + k) % n);
            IBillOfLadingRegistry.Bill memory b = ebl.billOf(id);
            if (b.kind != IBillOfLadingRegistry.BillKind.ToOrder || b.status != IBillOfLadingRegistry.BillStatus.Issued)
                continue;
            if (b.holder == bank && b.titleHolder == address(0)) return (id, true);
            if (w.keyOf(b.holder) == 0 || !(b.titleHolder == b.holder || b.titleHolder == address(0))) continue;
            if (b.titleHolder != address(0) && !_call(b.holder, address(ebl), abi.encodeCall(ebl.blankEndorse, (id))))
                continue;
            if (_call(b.holder, address(ebl), abi.encodeCall(ebl.transferFrom, (b.holder, bank, id)))) {
                _afterEbl(id, b, true);
                return (id, true);
            }
        }
    }

    /// @notice A bank opens a receipt for a trader on an eBL it holds with title, signed by the trader (or, one time
    /// in eight, by another trader: must be refused).
    function open(uint256 tokenSeed, uint256 bankSeed, uint256 importerSeed, uint256 amountSeed, bool forge) external {
        address bank = w.banks(bankSeed % 2);
        (uint256 id, bool found) = _bankEbl(tokenSeed, bank);
        if (!found) return;
        ITrustReceipts.TrustReceiptTerms memory t = _terms(bank, _trader(importerSeed), id, amountSeed);
        forge = forge && amountSeed % 8 == 0;
        bytes32 receiptId = trustReceipts.hashTerms(t);
        bytes memory signature = _sign(forge ? _trader(importerSeed + 1) : t.importer, receiptId);
        IBillOfLadingRegistry.Bill memory pre = w.ebl().billOf(id);
        if (!_call(bank, address(trustReceipts), abi.encodeCall(trustReceipts.open, (t, signature)))) {
            w.expect(w.ebl().holderOf(id) == pre.holder, "a refused opening moved the eBL");
            if (forge) w.bump("trust receipt forgery refused");
            return;
        }
        w.expect(!forge, "a receipt opened without the importer's signature");
        w.expect(pre.holder == bank, "a receipt opened on an eBL the bank did not hold");
        IBillOfLadingRegistry.Bill memory post = w.ebl().billOf(id);
        w.expect(post.holder == address(trustReceipts) && post.custodyForTitle, "opened eBL not held for the title");
        _afterEbl(id, pre, false);
        receiptIds.push(receiptId);
        currencyOf[receiptId] = amountSeed % 2;
        w.bump("trust receipt opened");
    }

    /// @dev Terms for `importer` on the bank's eBL `id`: up to 20 000.00 in deposit `amountSeed % 2`, due within three
    /// days, with the importer's current nonce.
    function _terms(
        address bank,
        address importer,
        uint256 id,
        uint256 amountSeed
    ) internal view returns (ITrustReceipts.TrustReceiptTerms memory) {
        return
            ITrustReceipts.TrustReceiptTerms({
                bank: bank,
                importer: importer,
                registry: address(w.ebl()),
                tokenId: id,
                token: address(w.token(amountSeed % 2)),
                amount: 1 + ((amountSeed >> 8) % 20_000_00),
                dueDate: uint64(block.timestamp + 1 + ((amountSeed >> 64) % 3 days)),
                loanReference: keccak256(abi.encode("LOAN", amountSeed)),
                nonce: trustReceipts.nonces(importer),
                deadline: block.timestamp + 1 hours
            });
    }

    function _sign(address signer, bytes32 digest) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(w.keyOf(signer), digest);
        return abi.encodePacked(r, s, v);
    }

    /// @notice The importer surrenders the eBL for delivery.
    function surrender(uint256 receiptSeed) external {
        (bytes32 id, ITrustReceipts.Receipt memory r, bool any) = _receipt(receiptSeed, ACTIVE);
        if (!any) return;
        IBillOfLadingRegistry.Bill memory pre = w.ebl().billOf(r.tokenId);
        if (!_call(r.importer, address(trustReceipts), abi.encodeCall(trustReceipts.surrenderForDelivery, (id)))) {
            return;
        }
        w.expect(r.status == ITrustReceipts.Status.Active, "surrendered a receipt that was not Active");
        w.expect(block.timestamp <= r.dueDate, "surrendered by an importer in default");
        w.expect(w.ebl().surrendererOf(r.tokenId) == address(trustReceipts), "the surrender is not the contract's");
        _afterEbl(r.tokenId, pre, false);
        w.bump("trust receipt surrendered");
    }

    /// @notice Anyone notices that the carrier sent the eBL back (or delivers title that became due meanwhile).
    function resume(uint256 receiptSeed, uint256 callerSeed) external {
        (bytes32 id, ITrustReceipts.Receipt memory r, bool any) = _receipt(
            receiptSeed,
            SURRENDERED | DEFAULTED | CLOSED_FOR_IMPORTER
        );
        if (!any) return;
        IBillOfLadingRegistry.Bill memory pre = w.ebl().billOf(r.tokenId);
        if (!_call(_anyone(callerSeed), address(trustReceipts), abi.encodeCall(trustReceipts.resume, (id)))) return;
        w.expect(pre.holder == address(trustReceipts), "resumed without the eBL back");
        ITrustReceipts.Status status = trustReceipts.receiptOf(id).status;
        if (status == ITrustReceipts.Status.Active) {
            w.expect(
                r.status == ITrustReceipts.Status.Surrendered || r.status == ITrustReceipts.Status.Defaulted,
                "resumed a receipt that was not surrendered"
            );
            w.bump("trust receipt resumed");
        } else {
            _checkDelivered(id, r.tokenId, r.importer, pre);
        }
    }

    /// @notice The importer gives the eBL back to the bank.
    function returnToBank(uint256 receiptSeed) external {
        (bytes32 id, ITrustReceipts.Receipt memory r, bool any) = _receipt(receiptSeed, ACTIVE);
        if (!any) return;
        IBillOfLadingRegistry.Bill memory pre = w.ebl().billOf(r.tokenId);
        if (!_call(r.importer, address(trustReceipts), abi.encodeCall(trustReceipts.returnToBank, (id)))) return;
        w.expect(r.status == ITrustReceipts.Status.Active, "returned a receipt that was not Active");
        w.expect(w.ebl().holderOf(r.tokenId) == r.bank, "the returned eBL did not reach the bank");
        _afterEbl(r.tokenId, pre, false);
        w.bump("trust receipt returned");
    }

    /// @notice A trader repays (part of) a receipt from its allowance: one time in four all that is outstanding, one
    /// time in four more (refused).
    function repay(uint256 receiptSeed, uint256 payerSeed, uint256 amountSeed) external {
        (bytes32 id, ITrustReceipts.Receipt memory r, bool any) = _receipt(receiptSeed, OPEN);
        if (!any) return;
        address payer = _trader(payerSeed);
        uint256 outstanding = r.amount - r.repaid;
        uint256 amount =
            amountSeed % 4 == 0
                ? outstanding + 1
                : amountSeed % 4 == 1
                    ? outstanding
                    : 1 + ((amountSeed >> 2) % (outstanding + 1));
        TokenizedDeposit token = TokenizedDeposit(r.token);
        (uint256 bankBefore, uint256 payerBefore) = (token.balanceOf(r.bank), token.balanceOf(payer));
        IBillOfLadingRegistry.Bill memory pre = w.ebl().billOf(r.tokenId);
        IPaymentRail.PaymentAuth memory allowance;
        bytes memory data = abi.encodeCall(trustReceipts.repay, (id, amount, allowance));
        if (!_call(payer, address(trustReceipts), data)) {
            w.expect(token.balanceOf(r.bank) == bankBefore, "a refused repayment paid the bank");
            return;
        }
        w.expect(amount <= outstanding, "repaid more than was outstanding");
        w.expect(
            r.status == ITrustReceipts.Status.Active ||
                r.status == ITrustReceipts.Status.Surrendered ||
                r.status == ITrustReceipts.Status.Defaulted,
            "repaid a receipt that had ended"
        );
        w.expect(token.balanceOf(r.bank) == bankBefore + amount, "the bank did not receive the repayment");
        w.expect(token.balanceOf(payer) == payerBefore - amount, "the payer did not pay the repayment");
        repaidGhost[id] += amount;
        w.bump("trust receipt repayment");
        if (amount == outstanding) {
            w.bump("trust receipt repaid");
            if (pre.holder == address(trustReceipts)) _checkDelivered(id, r.tokenId, r.importer, pre);
        }
    }

    /// @notice The bank (or, one time in four, someone else: refused) releases the receipt.
    function release(uint256 receiptSeed, uint256 callerSeed) external {
        (bytes32 id, ITrustReceipts.Receipt memory r, bool any) = _receipt(receiptSeed, OPEN);
        if (!any) return;
        address caller = callerSeed % 4 == 0 ? _anyone(callerSeed >> 2) : r.bank;
        IBillOfLadingRegistry.Bill memory pre = w.ebl().billOf(r.tokenId);
        if (!_call(caller, address(trustReceipts), abi.encodeCall(trustReceipts.release, (id)))) return;
        w.expect(caller == r.bank, "released by someone other than the bank");
        w.bump("trust receipt released");
        if (pre.holder == address(trustReceipts)) _checkDelivered(id, r.tokenId, r.importer, pre);
    }

    /// @notice The bank (or someone else: refused) recalls the eBL, at any time (before default: refused).
    function recall(uint256 receiptSeed, uint256 callerSeed) external {
        (bytes32 id, ITrustReceipts.Receipt memory r, bool any) = _receipt(receiptSeed, ACTIVE);
        if (!any) return;
        address caller = callerSeed % 4 == 0 ? _anyone(callerSeed >> 2) : r.bank;
        IBillOfLadingRegistry.Bill memory pre = w.ebl().billOf(r.tokenId);
        if (!_call(caller, address(trustReceipts), abi.encodeCall(trustReceipts.recall, (id)))) return;
        w.expect(caller == r.bank, "recalled by someone other than the bank");
        w.expect(block.timestamp > r.dueDate && r.repaid < r.amount, "recalled before default");
        w.expect(r.status == ITrustReceipts.Status.Active, "recalled after surrender");
        w.expect(w.ebl().holderOf(r.tokenId) == r.bank, "the recalled eBL did not reach the bank");
        _afterEbl(r.tokenId, pre, false);
        recalledAt[id] = block.timestamp;
        w.bump("trust receipt recalled");
    }

    /// @notice Anyone records a default after surrender.
    function markDefaulted(uint256 receiptSeed, uint256 callerSeed) external {
        (bytes32 id, ITrustReceipts.Receipt memory r, bool any) = _receipt(receiptSeed, SURRENDERED);
        if (!any) return;
        if (!_call(_anyone(callerSeed), address(trustReceipts), abi.encodeCall(trustReceipts.markDefaulted, (id)))) {
            return;
        }
        w.expect(r.status == ITrustReceipts.Status.Surrendered, "a default recorded on a receipt not surrendered");
        w.expect(block.timestamp > r.dueDate, "a default recorded before the due date");
        w.bump("trust receipt defaulted");
    }

    /// @notice The importer tries to deal with the eBL other than by surrender or return: transfer or endorse it at
    /// the registry, or ask the contract (which has no such function). Every attempt must fail and move nothing.
    function misuse(uint256 receiptSeed, uint256 toSeed, uint8 how) external {
        (, ITrustReceipts.Receipt memory r, bool any) = _receipt(receiptSeed, ACTIVE);
        if (!any) return;
        BillOfLadingRegistry ebl = w.ebl();
        address to = _trader(toSeed);
        address holder = ebl.holderOf(r.tokenId);
        if (holder != address(trustReceipts)) return;
        how %= 4;
        (address target, bytes memory data) = how == 0
            ? (address(ebl), abi.encodeCall(ebl.transferFrom, (holder, to, r.tokenId)))
            : how == 1
                ? (address(ebl), abi.encodeCall(ebl.endorseAndDeliver, (r.tokenId, to)))
                : how == 2
                    ? (address(trustReceipts), abi.encodeCall(ebl.transferFrom, (holder, to, r.tokenId)))
                    : (address(trustReceipts), abi.encodeCall(ebl.endorseAndDeliver, (r.tokenId, to)));
        w.expect(!_call(r.importer, target, data), "the importer moved the eBL under a trust receipt");
        w.expect(ebl.holderOf(r.tokenId) == holder, "an eBL under a trust receipt moved");
        w.bump("trust receipt misuse refused");
    }

    /// @dev The eBL went from the contract to the importer with title, and the receipt was repaid or released.
    function _checkDelivered(
        bytes32 id,
        uint256 tokenId,
        address importer,
        IBillOfLadingRegistry.Bill memory pre
    ) internal {
        IBillOfLadingRegistry.Bill memory post = w.ebl().billOf(tokenId);
        w.expect(post.holder == importer && post.titleHolder == importer, "title did not pass to the importer");
        ITrustReceipts.Receipt memory r = trustReceipts.receiptOf(id);
        w.expect(
            r.status == ITrustReceipts.Status.Released ||
                (r.status == ITrustReceipts.Status.Repaid && r.repaid == r.amount),
            "the importer received the eBL neither repaid nor released"
        );
        _afterEbl(tokenId, pre, true);
        deliveredToImporter[id] = true;
        w.bump("trust receipt title delivered");
    }
}
