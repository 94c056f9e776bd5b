// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {RailsAccessManager} from "../../../contracts/access/RailsAccessManager.sol";

import {ParticipantKinds} from "../../../contracts/access/ParticipantKinds.sol";
import {ParticipantRegistry} from "../../../contracts/access/ParticipantRegistry.sol";
import {TokenizedDeposit} from "../../../contracts/deposits/TokenizedDeposit.sol";
import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {EblLens} from "../../../contracts/ebl/EblLens.sol";
import {IBillOfLadingRegistry} from "../../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {ISettlement} from "../../../contracts/interfaces/ISettlement.sol";
import {ISignedSettlement} from "../../../contracts/interfaces/ISignedSettlement.sol";
import {IParticipantRegistry} from "../../../contracts/interfaces/IParticipantRegistry.sol";
import {ITokenizedDeposit} from "../../../contracts/interfaces/ITokenizedDeposit.sol";
import {EscrowedDeals} from "../../../contracts/settlement/EscrowedDeals.sol";
import {SignedSettlement} from "../../../contracts/settlement/SignedSettlement.sol";
import {DepositRail} from "../../../contracts/settlement/rails/DepositRail.sol";
import {IPaymentRail} from "../../../contracts/settlement/rails/IPaymentRail.sol";

import {BillUse} from "../utils/BillUse.sol";
import {RailsRoles} from "../utils/RailsRoles.sol";
import {vm} from "../utils/Vm.sol";
import {deployDepositRail, deployEscrowedDeals, deploySignedSettlement} from "../utils/Artifacts.sol";

/// @notice Deploys the handler's system, called by the test (`self`): the access manager (the handler becomes its
/// admin), the register, the eBL registry, both settlement contracts and their deposit rail, the handler, and the HKD
/// token (each deployed here: the handler's init code cannot hold them all).
function deploySettlementSystem(address self) returns (SettlementHandler handler) {
    RailsAccessManager manager = new RailsAccessManager(self);
    ParticipantRegistry participants = new ParticipantRegistry(address(manager));
    BillOfLadingRegistry ebl = new BillOfLadingRegistry(participants, address(manager));
    SignedSettlement signed = deploySignedSettlement(address(manager));
    EscrowedDeals escrow = deployEscrowedDeals(address(manager));
    DepositRail rail = deployDepositRail(address(manager), address(signed), address(escrow));
    handler = new SettlementHandler(manager, participants, ebl, signed, escrow, rail);
    manager.grantRole(0, address(handler), 0);
    manager.renounceRole(0, self);
    handler.wire();
    handler.init(deployHkd(handler));
}

/// @notice Deploys the HKD deposit token of the handler's system (issuer: the handler's bank; the handler's manager).
function deployHkd(SettlementHandler handler) returns (TokenizedDeposit) {
    return
        new TokenizedDeposit(
            ITokenizedDeposit.Config({
                name: "Harbour Bank HKD Deposit",
                symbol: "hbHKD",
                decimals: 2,
                currency: "HKD",
                registry: handler.participants(),
                issuer: handler.bank(),
                issuerId: "LEI:HARBOURBANKHK0001",
                supplyCap: 0,
                authority: address(handler.manager())
            })
        );
}

/**
 * @title SettlementHandler
 * @notice Drives the whole system (participant register, eBL registry, an HKD deposit token, the signed-settlement and
 * escrowed-deals contracts and their deposit rail) with random operations by random actors for the invariant tests:
 * escrowed deals (create, deposit the eBL, pay in random chunks, cancel, refund), signed settlements signed with
 * `vm.sign`, time warps, and the failure causes of docs/settlement.md (accounts frozen and unfrozen, eBLs put on and off
 * legal hold). Buyers approve the rail for their HKD; sellers approve both settlement contracts for their eBLs.
 * @dev Every successful settlement is checked on the spot: the buyer side has the eBL with exactly the title the terms
 * state and uses it ({BillUse}: in state snapshots, the holder with title surrenders it, and endorses and delivers it;
 * for a pledge the bank delivers it to the title holder, who surrenders it), the payment recipient has exactly the
 * price, the buyer paid exactly the price, and neither the rail nor the signed-settlement contract kept anything; a
 * failed signed settlement must have moved nothing. Breaches are recorded (the runner ignores reverting handler calls)
 * and asserted by the test.
 */
contract SettlementHandler {
    AccessManager public immutable manager;
    ParticipantRegistry public immutable participants;
    BillOfLadingRegistry public immutable ebl;
    EblLens public immutable lens = new EblLens();
    TokenizedDeposit public hkd;
    SignedSettlement public immutable signed;
    EscrowedDeals public immutable escrow;
    DepositRail public immutable rail;

    uint256 public constant TRADERS = 3;
    uint256 public constant EBLS = 4;
    uint256 public constant INITIAL_BALANCE = 1_000_000_00;

    address public immutable carrier = address(0xCA44);
    address public immutable relayer = address(0x4E1A);
    uint256 internal constant BANK_KEY = 0xBA4C;
    address public immutable bank;
    uint256[TRADERS] internal _keys;
    address[TRADERS] public traders;
    uint256[] public ebls;

    ISettlement.Terms[] internal _deals;
    bytes32[] public dealIds;
    uint256 internal _salt;

    /// @notice What the handler believes the escrow holds: deposits in, minus settlements and returns out.
    uint256 public ghostEscrowed;
    uint256 public signedSettlements;
    uint256 public escrowSettlements;
    uint256 public failedSignedSettlements;
    uint256 public returnsCompleted;
    uint256 public violations;
    string public firstViolation;

    /// @dev Balances and eBL state before an operation that may settle.
    struct Pre {
        address holder;
        address title;
        uint256 buyer;
        uint256 recipient;
        uint256 custody;
    }

    /// @notice Takes the contracts deployed by {deploySettlementSystem} under `accessManager`, whose admin the
    /// handler becomes before {wire}.
    constructor(
        AccessManager accessManager,
        ParticipantRegistry participants_,
        BillOfLadingRegistry ebl_,
        SignedSettlement signed_,
        EscrowedDeals escrow_,
        DepositRail rail_
    ) {
        vm.warp(1_750_000_000);
        manager = accessManager;
        (participants, ebl, signed, escrow, rail) = (participants_, ebl_, signed_, escrow_, rail_);
        bank = vm.addr(BANK_KEY);
    }

    /// @notice First step of the set-up, once the handler is the manager's admin: roles and participants (both
    /// settlement contracts and the rail are SETTLEMENT participants).
    function wire() external {
        (bool wired, ) = manager.hasRole(RailsRoles.REGISTRAR, address(this));
        if (wired) return;
        RailsRoles.wire(manager, participants);
        RailsRoles.wire(manager, ebl);
        RailsRoles.wire(manager, signed);
        RailsRoles.wire(manager, escrow);
        RailsRoles.wire(manager, rail);
        manager.grantRole(RailsRoles.REGISTRAR, address(this), 0);
        manager.grantRole(RailsRoles.EBL_ISSUER, carrier, 0);
        manager.grantRole(RailsRoles.EBL_LEGAL_HOLD, address(this), 0);
        manager.grantRole(RailsRoles.SETTLEMENT_ADMIN, address(this), 0);
        _register(carrier, ParticipantKinds.CARRIER);
        _register(bank, ParticipantKinds.BANK);
        _register(address(signed), ParticipantKinds.SETTLEMENT);
        _register(address(escrow), ParticipantKinds.SETTLEMENT);
        _register(address(rail), ParticipantKinds.SETTLEMENT);
        for (uint256 i; i < TRADERS; ++i) {
            _keys[i] = 0xA11CE + i;
            traders[i] = vm.addr(_keys[i]);
            _register(traders[i], ParticipantKinds.TRADER);
        }
    }

    /**
     * @notice Second step of the set-up, given the HKD token deployed by the test with this handler as admin and
     * {bank} as issuer: roles, the HKD market on both settlement contracts, balances, approvals, eBLs.
     */
    function init(TokenizedDeposit token) external {
        if (address(hkd) != address(0)) return;
        hkd = token;
        RailsRoles.wire(manager, hkd);
        manager.grantRole(RailsRoles.deposit("HKD", RailsRoles.MINTER), address(this), 0);
        manager.grantRole(RailsRoles.deposit("HKD", RailsRoles.FREEZER), address(this), 0);
        signed.setMarket(address(ebl), address(hkd), address(rail));
        escrow.setMarket(address(ebl), address(hkd), address(rail));

        _fund(bank);
        for (uint256 i; i < TRADERS; ++i) _fund(traders[i]);
        for (uint256 i; i < EBLS; ++i) {
            address shipper = traders[i % TRADERS];
            string memory ref = string.concat("BL-", Strings.toString(i));
            vm.prank(carrier);
            ebls.push(
                ebl.issue(
                    shipper,
                    ref,
                    IBillOfLadingRegistry.BillKind.ToOrder,
                    shipper,
                    keccak256(abi.encode("document", i))
                )
            );
        }
    }

    function _register(address account, uint32 kinds) internal {
        participants.register(
            account,
            IParticipantRegistry.Registration({
                kinds: kinds,
                jurisdiction: "HK",
                validUntil: uint64(block.timestamp + 3650 days),
                kycReference: keccak256(abi.encode(account))
            })
        );
    }

    /// @dev Mints to `account`, lets the rail move its HKD and both settlement contracts its eBLs (prior approvals).
    function _fund(address account) internal {
        hkd.mint(account, INITIAL_BALANCE, "DEPOSIT");
        vm.startPrank(account);
        hkd.approve(address(rail), type(uint256).max);
        ebl.setApprovalForAll(address(signed), true);
        ebl.setApprovalForAll(address(escrow), true);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ views for the tests

    function dealsLength() external view returns (uint256) {
        return _deals.length;
    }

    function dealTerms(uint256 i) external view returns (ISettlement.Terms memory) {
        return _deals[i];
    }

    function keyOf(address account) public view returns (uint256) {
        if (account == bank) return BANK_KEY;
        for (uint256 i; i < TRADERS; ++i) if (traders[i] == account) return _keys[i];
        return 0;
    }

    /// @notice The terms signed by `account`'s key for the signed-settlement contract (65-byte `r ‖ s ‖ v`).
    function sign(address account, ISettlement.Terms memory t) public view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf(account), signed.hashTerms(t));
        return abi.encodePacked(r, s, v);
    }

    // ------------------------------------------------------------------ building terms

    /**
     * @notice Terms for the eBL `tokenId` sold by its holder to a trader, without a condition. `mode` 0: title and
     * possession to the buyer; 1: bearer (possession to the buyer, the bill blank endorsed); 2: pledge (possession to
     * the bank, title to the buyer).
     */
    function buildTerms(
        uint256 tokenId,
        uint256 buyerSeed,
        uint256 amountSeed,
        uint256 mode,
        uint256 ttl
    ) public returns (ISettlement.Terms memory t) {
        address seller = ebl.holderOf(tokenId);
        address buyer = traders[buyerSeed % TRADERS];
        if (buyer == seller) buyer = traders[(buyerSeed + 1) % TRADERS];
        mode = mode % 3;
        if (mode == 2 && seller == bank) mode = 1;
        (bytes32 documentHash, ) = ebl.documentOf(tokenId);
        t = ISettlement.Terms({
            registry: address(ebl),
            tokenId: tokenId,
            documentHash: documentHash,
            paymentToken: address(hkd),
            amount: 1 + (amountSeed % 50_000_00),
            seller: seller,
            buyer: buyer,
            eblRecipient: mode == 2 ? bank : buyer,
            titleRecipient: mode == 1 ? address(0) : buyer,
            paymentRecipient: seller,
            condition: address(0),
            conditionData: bytes32(0),
            deadline: block.timestamp + 1 hours + (ttl % 5 days),
            salt: bytes32(++_salt)
        });
    }

    function _expect(bool condition, string memory rule) internal {
        if (condition) return;
        if (violations == 0) firstViolation = rule;
        ++violations;
    }

    function _pre(ISettlement.Terms memory t) internal view returns (Pre memory p) {
        p.holder = ebl.holderOf(t.tokenId);
        p.title = ebl.titleHolderOf(t.tokenId);
        p.buyer = hkd.balanceOf(t.buyer);
        p.recipient = hkd.balanceOf(t.paymentRecipient);
        p.custody = hkd.balanceOf(address(escrow));
    }

    /// @dev Both legs moved in full: the eBL with the title the terms state on the buyer side, and usable there (the
    /// holder with title, or the holder of a bearer bill, can surrender and endorse it); exactly the price on the
    /// seller side, from the buyer; nothing left with the rail.
    function _checkSettled(ISettlement.Terms memory t, Pre memory p, uint256 buyerPaidNow) internal {
        _expect(ebl.holderOf(t.tokenId) == t.eblRecipient, "settled: eBL not with its recipient");
        _expect(ebl.titleHolderOf(t.tokenId) == t.titleRecipient, "settled: title not the terms' title recipient");
        // The buyer side uses what it bought, in snapshots: surrender, endorse and deliver, or (a pledge) the bank
        // delivers to the title holder, who surrenders.
        string memory failure = BillUse.check(ebl, t.tokenId, t.eblRecipient, t.titleRecipient, _otherTrader(t));
        _expect(bytes(failure).length == 0, failure);
        _expect(hkd.balanceOf(t.paymentRecipient) == p.recipient + t.amount, "settled: seller side not paid the price");
        _expect(hkd.balanceOf(t.buyer) + buyerPaidNow == p.buyer, "settled: buyer paid a wrong amount");
        _expect(hkd.balanceOf(address(rail)) == 0, "settled: the rail kept money");
    }

    /// @dev A trader other than the eBL recipient and the title recipient, to endorse the bought bill to.
    function _otherTrader(ISettlement.Terms memory t) internal view returns (address) {
        for (uint256 i; i < TRADERS; ++i) {
            if (traders[i] != t.eblRecipient && traders[i] != t.titleRecipient) return traders[i];
        }
        return address(0);
    }

    function _allowance() internal pure returns (IPaymentRail.PaymentAuth memory) {
        return IPaymentRail.PaymentAuth(IPaymentRail.PaymentMethod.Allowance, 0, 0, 0, "");
    }

    // ------------------------------------------------------------------ escrowed deals

    function createDeal(uint256 eblSeed, uint256 buyerSeed, uint256 amountSeed, uint256 mode, uint256 ttl) external {
        ISettlement.Terms memory t = buildTerms(ebls[eblSeed % EBLS], buyerSeed, amountSeed, mode, ttl);
        vm.prank(t.seller);
        try escrow.createDeal(t, "") returns (bytes32 id) {
            _deals.push(t);
            dealIds.push(id);
        } catch {}
    }

    function depositEbl(uint256 dealSeed) external {
        if (_deals.length == 0) return;
        uint256 i = dealSeed % _deals.length;
        ISettlement.Terms memory t = _deals[i];
        Pre memory p = _pre(t);
        // A relayer deposits with the seller's consent to this deposit (a standing approval alone is not enough).
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf(t.seller), escrow.hashEblDeposit(t));
        vm.prank(relayer);
        try escrow.depositEbl(t, abi.encodePacked(r, s, v), ISettlement.EblAuth(0, "")) {
            _afterDeposit(t, dealIds[i], p, 0);
        } catch {}
    }

    function depositPayment(uint256 dealSeed, uint256 amountSeed) external {
        if (_deals.length == 0) return;
        uint256 i = dealSeed % _deals.length;
        ISettlement.Terms memory t = _deals[i];
        uint256 remaining = t.amount - escrow.dealOf(dealIds[i]).paid;
        // Half the time the whole remainder (so that deals complete), otherwise a random chunk of it.
        uint256 amount = amountSeed % 2 == 0 ? remaining : 1 + ((amountSeed / 2) % (remaining == 0 ? 1 : remaining));
        if (amount == 0) amount = 1; // nothing remains: must be refused
        Pre memory p = _pre(t);
        vm.prank(t.buyer);
        try escrow.depositPayment(t, amount, "", _allowance()) {
            _expect(amount <= remaining, "deposit above the remaining price accepted");
            ghostEscrowed += amount;
            _afterDeposit(t, dealIds[i], p, amount);
        } catch {}
    }

    function _afterDeposit(ISettlement.Terms memory t, bytes32 id, Pre memory p, uint256 paidNow) internal {
        ISettlement.Deal memory d = escrow.dealOf(id);
        _expect(hkd.balanceOf(address(rail)) == 0, "deposit: the rail kept money");
        if (d.status == ISettlement.TermsStatus.Settled) {
            ++escrowSettlements;
            ghostEscrowed -= t.amount;
            _checkSettled(t, p, paidNow);
            _expect(hkd.balanceOf(address(escrow)) + t.amount == p.custody + paidNow, "settled: escrow kept money");
        } else {
            // Not settled: the recipient got nothing; the eBL is in custody for this deal exactly when the deal holds
            // it (nothing is reserved before the deposit, so otherwise it may be anywhere, even in another deal).
            _expect(hkd.balanceOf(t.paymentRecipient) == p.recipient, "open deal: seller side paid early");
            _expect(hkd.balanceOf(address(escrow)) == p.custody + paidNow, "open deal: escrow did not receive it");
            bool inCustody =
                ebl.holderOf(t.tokenId) == address(escrow) && escrow.openDealOf(address(ebl), t.tokenId) == id;
            _expect(inCustody == d.eblHeld, "open deal: eBL in custody for it differs from eblHeld");
            _expect(d.paid <= t.amount, "open deal: paid above the price");
        }
    }

    function cancelDeal(uint256 dealSeed, bool bySeller) external {
        if (_deals.length == 0) return;
        uint256 i = dealSeed % _deals.length;
        ISettlement.Terms memory t = _deals[i];
        ISettlement.Deal memory before = escrow.dealOf(dealIds[i]);
        uint256 buyerBefore = hkd.balanceOf(t.buyer);
        vm.prank(bySeller ? t.seller : t.buyer);
        try escrow.cancelDeal(t) {
            _afterReturn(t, dealIds[i], before, buyerBefore);
        } catch {}
    }

    function refund(uint256 dealSeed, uint256 callerSeed) external {
        if (_deals.length == 0) return;
        uint256 i = dealSeed % _deals.length;
        ISettlement.Terms memory t = _deals[i];
        ISettlement.Deal memory before = escrow.dealOf(dealIds[i]);
        uint256 buyerBefore = hkd.balanceOf(t.buyer);
        vm.prank(callerSeed % 2 == 0 ? relayer : traders[callerSeed % TRADERS]);
        try escrow.refund(t) {
            _afterReturn(t, dealIds[i], before, buyerBefore);
        } catch {}
    }

    /// @dev What left the deal's books reached the buyer; a returned eBL is back with the seller; one not returned is
    /// still in custody.
    function _afterReturn(
        ISettlement.Terms memory t,
        bytes32 id,
        ISettlement.Deal memory before,
        uint256 buyerBefore
    ) internal {
        ISettlement.Deal memory d = escrow.dealOf(id);
        _expect(d.status == ISettlement.TermsStatus.Cancelled, "cancel/refund: not cancelled");
        ghostEscrowed -= before.paid - d.paid;
        _expect(hkd.balanceOf(t.buyer) == buyerBefore + (before.paid - d.paid), "cancel/refund: buyer not repaid");
        if (!d.eblHeld && d.paid == 0) ++returnsCompleted;
        if (d.eblHeld) _expect(ebl.holderOf(t.tokenId) == address(escrow), "failed eBL return: eBL not in custody");
        if (before.eblHeld && !d.eblHeld) _expect(ebl.holderOf(t.tokenId) == t.seller, "eBL not returned to seller");
    }

    // ------------------------------------------------------------------ signed settlement

    function settleSigned(uint256 eblSeed, uint256 buyerSeed, uint256 amountSeed, uint256 mode) external {
        uint256 tokenId = ebls[eblSeed % EBLS];
        if (keyOf(ebl.holderOf(tokenId)) == 0) return; // in custody: nobody can sign for it
        ISettlement.Terms memory t = buildTerms(tokenId, buyerSeed, amountSeed, mode, 1 days);
        ISignedSettlement.Settlement memory s = ISignedSettlement.Settlement({
            terms: t,
            sellerSignature: sign(t.seller, t),
            buyerSignature: sign(t.buyer, t),
            eblAuth: ISettlement.EblAuth(0, ""),
            paymentAuth: _allowance()
        });
        Pre memory p = _pre(t);
        vm.prank(relayer);
        try signed.settle(s) {
            ++signedSettlements;
            _checkSettled(t, p, t.amount);
            _expect(hkd.balanceOf(address(signed)) == 0, "signed settlement: contract kept money");
            _expect(hkd.balanceOf(address(escrow)) == p.custody, "signed settlement: escrow balance changed");
        } catch {
            ++failedSignedSettlements;
            _expect(ebl.holderOf(t.tokenId) == p.holder, "failed settlement: eBL moved");
            _expect(ebl.titleHolderOf(t.tokenId) == p.title, "failed settlement: title moved");
            _expect(hkd.balanceOf(t.buyer) == p.buyer, "failed settlement: buyer paid");
            _expect(hkd.balanceOf(t.paymentRecipient) == p.recipient, "failed settlement: seller side paid");
            _expect(signed.statusOf(signed.hashTerms(t)) == ISettlement.TermsStatus.None, "failed: terms used");
        }
    }

    // ------------------------------------------------------------------ time and failure causes

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + 1 + (secondsSeed % 2 days));
    }

    function toggleFreeze(uint256 seed) external {
        address account = seed % (TRADERS + 1) == TRADERS ? bank : traders[seed % (TRADERS + 1)];
        if (hkd.isFrozen(account)) hkd.unfreeze(account);
        else hkd.freeze(account);
    }

    function toggleLegalHold(uint256 eblSeed) external {
        uint256 tokenId = ebls[eblSeed % EBLS];
        if (ebl.billOf(tokenId).onLegalHold) ebl.liftLegalHold(tokenId, "LIFT");
        else ebl.placeLegalHold(tokenId, "HOLD");
    }
}
