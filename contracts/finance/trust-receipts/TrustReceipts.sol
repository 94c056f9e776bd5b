// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

import {EblRecords} from "../../ebl/EblRecords.sol";
import {IBillOfLadingRegistry} from "../../interfaces/IBillOfLadingRegistry.sol";
import {DepositPayments} from "../../settlement/rails/DepositPayments.sol";
import {IPaymentRail} from "../../settlement/rails/IPaymentRail.sol";
import {SignatureVerification} from "../../utils/SignatureVerification.sol";
import {IStrayAssetRecovery} from "../IStrayAssetRecovery.sol";
import {ITrustReceipts} from "./ITrustReceipts.sol";

/**
 * @title TrustReceipts
 * @notice Import loans under trust receipts: the eBL in this contract's custody for the bank's title, the importer
 * its trustee, able only to surrender it for delivery or return it to the bank. See {ITrustReceipts} and
 * docs/trade-finance.md.
 * @dev No owner, no pause of its own: the registry's and the deposit tokens' controls apply to what moves. Only the
 * recovery of stray assets ({recoverStrayToken}, {recoverStrayEbl}) is restricted, to the `TRADE FINANCE ADMIN` role
 * of the rails' access manager; it never takes an eBL a receipt can still claim, and holds no money between calls.
 * It must be a verified participant of kind CUSTODY (deployment registers it): so that the bank may approve it, so
 * that it holds the eBL for the bank's title (`custodyForTitle`) and may surrender and endorse it, and so that an
 * EIP-3009 repayment may pass through it.
 *
 * Storage: `_receipts[receiptId]` (slot 0: bank, dueDate, status; then importer, token, tokenId, amount, repaid) and
 * `_receiptOfEbl[tokenId]`, the receipt the eBL belongs to from opening until it leaves custody for good (to the bank
 * or the importer); it stays set while the eBL is with the carrier, so that a rejected surrender's return is
 * attributed to that receipt ({resume}).
 */
contract TrustReceipts is ITrustReceipts, EIP712, Nonces, AccessManaged {
    using SafeERC20 for IERC20;

    /// @notice The EIP-712 type hash of {ITrustReceipts-TrustReceiptTerms}.
    bytes32 public constant TERMS_TYPEHASH = keccak256(
        "TrustReceiptTerms(address bank,address importer,address registry,uint256 tokenId,address token,uint256 amount,uint64 dueDate,bytes32 loanReference,uint256 nonce,uint256 deadline)"
    );

    /// @inheritdoc ITrustReceipts
    IBillOfLadingRegistry public immutable registry;

    mapping(bytes32 receiptId => Receipt) private _receipts;
    mapping(uint256 tokenId => bytes32 receiptId) private _receiptOfEbl;

    /**
     * @notice Deploys the trust receipts of one eBL registry.
     * @param registry_ The eBL registry whose eBLs it holds.
     * @param initialAuthority The rails' access manager, which says who holds the `TRADE FINANCE ADMIN` role.
     */
    constructor(
        IBillOfLadingRegistry registry_,
        address initialAuthority
    ) EIP712("Cargo Rails Trust Receipts", "1") AccessManaged(initialAuthority) {
        if (address(registry_) == address(0)) revert RailsZeroAddress();
        registry = registry_;
    }

    /**
     * @notice Refuses every call this contract does not define (an attempt to transfer, endorse or approve through it,
     * and unsolicited `safeTransferFrom` deliveries): it has no way to deal with an eBL other than {ITrustReceipts}'s.
     */
    fallback() external {
        revert TrustReceiptActionNotAllowed(msg.sig);
    }

    // ------------------------------------------------------------------ opening

    /// @inheritdoc ITrustReceipts
    function open(
        TrustReceiptTerms calldata terms,
        bytes calldata importerSignature
    ) external returns (bytes32 receiptId) {
        receiptId = hashTerms(terms);
        if (msg.sender != terms.bank) revert TrustReceiptNotBank(receiptId, msg.sender);
        if (terms.registry != address(registry)) revert TrustReceiptWrongRegistry(terms.registry);
        if (terms.importer == address(0) || terms.token == address(0)) revert RailsZeroAddress();
        if (terms.amount == 0) revert RailsZeroAmount();
        if (terms.dueDate <= block.timestamp) revert TrustReceiptInvalidDueDate(terms.dueDate);
        if (block.timestamp > terms.deadline) revert RailsExpired(terms.deadline, block.timestamp);
        // The nonce is consumed here, so the same terms can never open a second receipt under the same id.
        if (
            terms.nonce != _useNonce(terms.importer) ||
            !SignatureVerification.isValidNowCalldata(terms.importer, receiptId, importerSignature)
        ) revert RailsInvalidSignature(terms.importer);

        uint256 tokenId = terms.tokenId;
        IBillOfLadingRegistry.Bill memory bill = registry.billOf(tokenId);
        if (bill.kind == IBillOfLadingRegistry.BillKind.Straight) revert TrustReceiptStraightBill(tokenId);
        if (bill.holder != msg.sender) revert TrustReceiptBankNotHolder(tokenId, bill.holder);
        if (!EblRecords.hasTitle(bill)) revert TrustReceiptNoTitle(tokenId, msg.sender);

        _receipts[receiptId] = Receipt({
            bank: msg.sender,
            dueDate: terms.dueDate,
            status: Status.Active,
            importer: terms.importer,
            token: terms.token,
            tokenId: tokenId,
            amount: terms.amount,
            repaid: 0
        });
        _receiptOfEbl[tokenId] = receiptId;
        emit TrustReceiptOpened(
            receiptId,
            msg.sender,
            terms.importer,
            tokenId,
            terms.token,
            terms.amount,
            terms.dueDate,
            terms.loanReference
        );
        // The bank has title, so the registry records this contract as holding for it (custodyForTitle).
        registry.transferFrom(msg.sender, address(this), tokenId);
    }

    // ------------------------------------------------------------------ the importer, trustee

    /// @inheritdoc ITrustReceipts
    function surrenderForDelivery(bytes32 receiptId) external {
        Receipt storage r = _importerReceipt(receiptId, Status.Active);
        if (block.timestamp > r.dueDate) revert TrustReceiptInDefault(receiptId, r.dueDate);
        r.status = Status.Surrendered;
        emit TrustReceiptSurrendered(receiptId, msg.sender, r.bank, r.tokenId);
        registry.surrenderForDelivery(r.tokenId);
    }

    /// @inheritdoc ITrustReceipts
    function returnToBank(bytes32 receiptId) external {
        Receipt storage r = _importerReceipt(receiptId, Status.Active);
        r.status = Status.Returned;
        delete _receiptOfEbl[r.tokenId];
        emit TrustReceiptReturned(receiptId, msg.sender, r.bank, r.amount - r.repaid);
        registry.transferFrom(address(this), r.bank, r.tokenId);
    }

    // ------------------------------------------------------------------ anyone

    /// @inheritdoc ITrustReceipts
    function resume(bytes32 receiptId) external {
        Receipt storage r = _receipts[receiptId];
        Status status = r.status;
        if (status != Status.Surrendered && status != Status.Defaulted && !_isClosedForImporter(status)) {
            revert TrustReceiptInvalidStatus(receiptId, status);
        }
        if (!_holdsEblOf(receiptId, r.tokenId)) revert TrustReceiptEblNotBack(receiptId, r.tokenId);
        if (_isClosedForImporter(status)) {
            _deliverTitle(receiptId, r);
        } else {
            r.status = Status.Active;
            emit TrustReceiptResumed(receiptId, r.tokenId);
        }
    }

    /// @inheritdoc ITrustReceipts
    function repay(bytes32 receiptId, uint256 amount, IPaymentRail.PaymentAuth calldata auth) external {
        Receipt storage r = _receipts[receiptId];
        Status status = r.status;
        if (!_isOpen(status)) revert TrustReceiptInvalidStatus(receiptId, status);
        if (amount == 0) revert RailsZeroAmount();
        uint256 repaid = r.repaid;
        uint256 outstanding = r.amount - repaid;
        if (amount > outstanding) revert TrustReceiptOverpayment(receiptId, outstanding, amount);

        repaid += amount;
        r.repaid = repaid;
        emit TrustReceiptRepayment(receiptId, msg.sender, amount, repaid);
        if (amount == outstanding) {
            r.status = Status.Repaid;
            emit TrustReceiptRepaid(receiptId, r.importer);
        }
        DepositPayments.pay(r.token, msg.sender, r.bank, amount, receiptId, auth);
        // Title passes only now that the bank has been paid in full (the payment above reverted otherwise).
        if (amount == outstanding && _holdsEblOf(receiptId, r.tokenId)) _deliverTitle(receiptId, r);
    }

    /// @inheritdoc ITrustReceipts
    function markDefaulted(bytes32 receiptId) external {
        Receipt storage r = _receipts[receiptId];
        if (r.status != Status.Surrendered) revert TrustReceiptInvalidStatus(receiptId, r.status);
        // A Surrendered receipt always has money outstanding: full repayment makes it Repaid.
        if (block.timestamp <= r.dueDate) revert TrustReceiptNotInDefault(receiptId, r.dueDate);
        r.status = Status.Defaulted;
        emit TrustReceiptDefaulted(receiptId, r.importer, r.amount - r.repaid);
    }

    // ------------------------------------------------------------------ the bank

    /// @inheritdoc ITrustReceipts
    function release(bytes32 receiptId) external {
        Receipt storage r = _receipts[receiptId];
        Status status = r.status;
        if (msg.sender != r.bank) revert TrustReceiptNotBank(receiptId, msg.sender);
        if (!_isOpen(status)) revert TrustReceiptInvalidStatus(receiptId, status);
        r.status = Status.Released;
        emit TrustReceiptReleased(receiptId, msg.sender, r.amount - r.repaid);
        if (_holdsEblOf(receiptId, r.tokenId)) _deliverTitle(receiptId, r);
    }

    /// @inheritdoc ITrustReceipts
    function recall(bytes32 receiptId) external {
        Receipt storage r = _receipts[receiptId];
        if (msg.sender != r.bank) revert TrustReceiptNotBank(receiptId, msg.sender);
        if (r.status != Status.Active) revert TrustReceiptInvalidStatus(receiptId, r.status);
        // An Active receipt always has money outstanding: full repayment makes it Repaid.
        if (block.timestamp <= r.dueDate) revert TrustReceiptNotInDefault(receiptId, r.dueDate);
        r.status = Status.Recalled;
        delete _receiptOfEbl[r.tokenId];
        emit TrustReceiptRecalled(receiptId, msg.sender, r.amount - r.repaid);
        registry.transferFrom(address(this), msg.sender, r.tokenId);
    }

    // ------------------------------------------------------------------ stray assets

    /// @inheritdoc IStrayAssetRecovery
    /// @dev Repayments pass straight through to the bank: any balance here is stray.
    function recoverStrayToken(address token, address to, uint256 amount) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        emit StrayAssetRecovered(token, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @inheritdoc IStrayAssetRecovery
    /// @dev An eBL of this registry with a receipt ({receiptOfEbl}) is the receipt's: Active, Surrendered or Defaulted
    /// (it comes back through {resume}, or leaves through {returnToBank}, {recall}, {release} or {repay}), or Repaid or
    /// Released and waiting for its delivery to the importer.
    function recoverStrayEbl(address registry_, uint256 tokenId, address to) external restricted {
        if (to == address(0)) revert RailsZeroAddress();
        if (registry_ == address(registry) && _receiptOfEbl[tokenId] != bytes32(0)) {
            revert TradeFinanceAssetHeld(registry_, tokenId);
        }
        emit StrayAssetRecovered(registry_, to, tokenId);
        IERC721(registry_).transferFrom(address(this), to, tokenId);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ITrustReceipts
    function hashTerms(TrustReceiptTerms calldata terms) public view returns (bytes32) {
        // Every field is a static type, so the struct's ABI encoding is the EIP-712 encoding of its fields in order.
        return _hashTypedDataV4(keccak256(abi.encode(TERMS_TYPEHASH, terms)));
    }

    /// @inheritdoc ITrustReceipts
    function receiptOf(bytes32 receiptId) external view returns (Receipt memory) {
        return _receipts[receiptId];
    }

    /// @inheritdoc ITrustReceipts
    function receiptOfEbl(uint256 tokenId) external view returns (bytes32) {
        return _receiptOfEbl[tokenId];
    }

    /// @inheritdoc ITrustReceipts
    function nonces(address owner) public view override(ITrustReceipts, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    // ------------------------------------------------------------------ internal

    /// @dev The receipt, if the caller is its importer and it is in `status`.
    function _importerReceipt(bytes32 receiptId, Status status) private view returns (Receipt storage r) {
        r = _receipts[receiptId];
        if (msg.sender != r.importer) revert TrustReceiptNotImporter(receiptId, msg.sender);
        if (r.status != status) revert TrustReceiptInvalidStatus(receiptId, r.status);
    }

    /// @dev Whether this contract holds the receipt's eBL now (it may be with the carrier, or burned once accomplished).
    function _holdsEblOf(bytes32 receiptId, uint256 tokenId) private view returns (bool) {
        return _receiptOfEbl[tokenId] == receiptId && registry.holderOf(tokenId) == address(this);
    }

    /// @dev Endorses the eBL to the importer and delivers it: title passes, the eBL leaves custody for good.
    function _deliverTitle(bytes32 receiptId, Receipt storage r) private {
        uint256 tokenId = r.tokenId;
        address importer = r.importer;
        delete _receiptOfEbl[tokenId];
        emit TrustReceiptTitleDelivered(receiptId, importer, tokenId);
        registry.endorseAndDeliver(tokenId, importer);
    }

    /// @dev Whether the debt is still owed under the receipt: Active, Surrendered or Defaulted.
    function _isOpen(Status status) private pure returns (bool) {
        return status == Status.Active || status == Status.Surrendered || status == Status.Defaulted;
    }

    /// @dev Whether the importer is entitled to title: repaid in full or released.
    function _isClosedForImporter(Status status) private pure returns (bool) {
        return status == Status.Repaid || status == Status.Released;
    }
}
