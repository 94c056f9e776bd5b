// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../../contracts/access/ParticipantKinds.sol";
import {TokenizedDeposit} from "../../../contracts/deposits/TokenizedDeposit.sol";
import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {DocumentsAgainstAcceptance} from "../../../contracts/finance/acceptances/DocumentsAgainstAcceptance.sol";
import {IDocumentsAgainstAcceptance} from "../../../contracts/finance/acceptances/IDocumentsAgainstAcceptance.sol";
import {IPaymentObligations} from "../../../contracts/finance/acceptances/IPaymentObligations.sol";
import {PaymentObligations} from "../../../contracts/finance/acceptances/PaymentObligations.sol";
import {IBillOfLadingRegistry} from "../../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {IPaymentRail} from "../../../contracts/settlement/rails/IPaymentRail.sol";
import {vm} from "../utils/Vm.sol";
import {SystemHandlerBase, SystemWorld} from "./SystemHandlers.sol";

/**
 * @title AcceptanceHandler
 * @notice Documents against acceptance in the system world: traders lodge their eBLs for collection, drawees accept
 * (by allowance or by an EIP-3009 authorisation), refuse, lodgers withdraw, anyone returns after the deadline. Every
 * successful call is checked on the spot (rules broken are recorded in the world); the handler lists the
 * collections and the obligations issued, which {ObligationHandler} then trades and settles.
 */
contract AcceptanceHandler is SystemHandlerBase {
    DocumentsAgainstAcceptance public immutable da;
    PaymentObligations public immutable obligations;

    bytes32 internal constant RECEIVE_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    bytes32[] public collectionIds;
    uint256[] public obligationIds;

    constructor(SystemWorld world, DocumentsAgainstAcceptance da_) SystemHandlerBase(world) {
        da = da_;
        obligations = PaymentObligations(address(da_.obligations()));
    }

    function collectionsLength() external view returns (uint256) {
        return collectionIds.length;
    }

    function obligationsLength() external view returns (uint256) {
        return obligationIds.length;
    }

    // ------------------------------------------------------------------ collection

    /// @notice A trader holding an eBL with title lodges it for a drawee among the other traders.
    function lodge(uint256 tokenSeed, uint256 draweeSeed, uint256 currency, uint256 amount, uint256 times) external {
        BillOfLadingRegistry ebl = w.ebl();
        uint256 id = _id(tokenSeed);
        IBillOfLadingRegistry.Bill memory pre = ebl.billOf(id);
        if (w.keyOf(pre.holder) == 0) return; // only traders lodge here
        address drawee = _trader(draweeSeed);
        if (drawee == pre.holder) drawee = _trader(draweeSeed + 1);
        IDocumentsAgainstAcceptance.Instruction memory ins = IDocumentsAgainstAcceptance.Instruction({
            eblTokenId: id,
            drawee: drawee,
            token: address(w.token(currency)),
            amount: 1 + (amount % 200_000_00),
            tenor: uint64(1 hours + (times % 3 days)),
            acceptBy: uint64(block.timestamp + 1 hours + ((times >> 64) % 2 days))
        });
        _call(pre.holder, address(ebl), abi.encodeCall(ebl.approve, (address(da), id)));
        uint256 before = collectionIds.length;
        vm.prank(pre.holder);
        try da.lodge(ins) returns (bytes32 collectionId) {
            collectionIds.push(collectionId);
            w.expect(ebl.holderOf(id) == address(da), "lodged: eBL not in custody");
            w.expect(ebl.titleHolderOf(id) == pre.titleHolder, "lodged: title moved");
            w.expect(pre.kind == IBillOfLadingRegistry.BillKind.ToOrder, "lodged a straight eBL");
            w.bump("collection lodged");
        } catch {
            w.expect(collectionIds.length == before, "refused lodging recorded");
            w.expect(ebl.holderOf(id) == pre.holder, "refused lodging: eBL moved");
        }
    }

    /// @notice The drawee accepts: by its allowance, or by an EIP-3009 authorisation signed now for the maturity.
    function accept(uint256 seed, bool byAuthorization, uint256 delay) external {
        if (collectionIds.length == 0) return;
        bytes32 collectionId = collectionIds[seed % collectionIds.length];
        IDocumentsAgainstAcceptance.Collection memory c = da.collection(collectionId);
        uint256 obligationId = obligations.obligationIdOf(address(da), collectionId);
        IPaymentRail.PaymentAuth memory auth;
        if (byAuthorization) auth = _authorization(c, obligationId, block.timestamp + c.tenor + (delay % 1 hours));
        uint256 lodgerDpos = obligations.balanceOf(c.lodger);
        vm.prank(c.drawee);
        try da.accept(collectionId, auth) returns (uint256 issued) {
            // The eBL reaches the drawee only here, in the transaction that issued its accepted bill.
            w.expect(issued == obligationId, "accepted: unexpected obligation id");
            w.expect(obligations.ownerOf(issued) == c.lodger, "accepted: obligation not with the lodger");
            w.expect(obligations.balanceOf(c.lodger) == lodgerDpos + 1, "accepted: not one obligation minted");
            IPaymentObligations.Obligation memory o = obligations.obligation(issued);
            w.expect(
                o.drawee == c.drawee && o.drawer == c.lodger && o.amount == c.amount && o.token == c.token,
                "accepted: obligation differs from the instruction"
            );
            w.expect(o.maturity >= block.timestamp + c.tenor, "accepted: maturity before the tenor");
            w.expect(w.ebl().holderOf(c.eblTokenId) == c.drawee, "accepted: eBL not with the drawee");
            w.expect(w.ebl().titleHolderOf(c.eblTokenId) == c.drawee, "accepted: title not with the drawee");
            obligationIds.push(issued);
            w.bump(byAuthorization ? bytes32("accepted by authorisation") : bytes32("accepted by allowance"));
        } catch {
            _expectStill(collectionId, c);
        }
    }

    /// @notice The drawee refuses, or the lodger withdraws (`byLodger`).
    function refuseOrWithdraw(uint256 seed, bool byLodger) external {
        if (collectionIds.length == 0) return;
        bytes32 collectionId = collectionIds[seed % collectionIds.length];
        IDocumentsAgainstAcceptance.Collection memory c = da.collection(collectionId);
        bytes memory data =
            byLodger ? abi.encodeCall(da.withdraw, (collectionId)) : abi.encodeCall(da.refuse, (collectionId, "NO"));
        if (!_call(byLodger ? c.lodger : c.drawee, address(da), data)) {
            _expectStill(collectionId, c);
            return;
        }
        w.expect(c.status == IDocumentsAgainstAcceptance.CollectionStatus.Lodged, "ended a collection not lodged");
        w.expect(w.ebl().holderOf(c.eblTokenId) == c.lodger, "refused or withdrawn: eBL not back with the lodger");
        w.bump(byLodger ? bytes32("collection withdrawn") : bytes32("collection refused"));
    }

    /// @notice Anyone returns an unaccepted eBL after the deadline; that must work unless something outside the
    /// contract stops the eBL (a registry pause, a legal hold, a lodger no longer verified).
    function returnUnaccepted(uint256 seed, uint256 callerSeed) external {
        if (collectionIds.length == 0) return;
        bytes32 collectionId = collectionIds[seed % collectionIds.length];
        IDocumentsAgainstAcceptance.Collection memory c = da.collection(collectionId);
        bool ok = _call(_anyone(callerSeed), address(da), abi.encodeCall(da.returnUnaccepted, (collectionId)));
        BillOfLadingRegistry ebl = w.ebl();
        bool lodgedAndLate =
            c.status == IDocumentsAgainstAcceptance.CollectionStatus.Lodged && block.timestamp > c.acceptBy;
        if (!ok) {
            bool blocked =
                ebl.paused() || ebl.billOf(c.eblTokenId).onLegalHold || !w.participants().isVerified(c.lodger);
            w.expect(!lodgedAndLate || blocked, "an unaccepted eBL has no way back after the deadline");
            _expectStill(collectionId, c);
            return;
        }
        w.expect(lodgedAndLate, "returned before the deadline or not lodged");
        w.expect(ebl.holderOf(c.eblTokenId) == c.lodger, "returned: eBL not back with the lodger");
        w.bump("collection returned");
    }

    // ------------------------------------------------------------------ helpers

    /// @dev A refused collection step moved nothing: same status, the eBL where it was.
    function _expectStill(bytes32 collectionId, IDocumentsAgainstAcceptance.Collection memory c) internal {
        IDocumentsAgainstAcceptance.Collection memory now_ = da.collection(collectionId);
        w.expect(now_.status == c.status, "a refused collection step changed the status");
        if (c.status == IDocumentsAgainstAcceptance.CollectionStatus.Lodged) {
            w.expect(w.ebl().holderOf(c.eblTokenId) == address(da), "a refused step moved the lodged eBL");
        }
    }

    /// @dev The drawee's EIP-3009 authorisation to the obligations contract, maturing at `maturity`.
    function _authorization(
        IDocumentsAgainstAcceptance.Collection memory c,
        uint256 obligationId,
        uint256 maturity
    ) internal view returns (IPaymentRail.PaymentAuth memory auth) {
        uint256 key = w.keyOf(c.drawee);
        if (key == 0 || c.token == address(0)) return auth;
        bytes32 salt = keccak256(abi.encode(obligationId, maturity));
        uint256 validBefore = maturity + 7 days;
        bytes32 structHash = keccak256(
            abi.encode(
                RECEIVE_TYPEHASH,
                c.drawee,
                address(obligations),
                c.amount,
                maturity - 1,
                validBefore,
                keccak256(abi.encode(bytes32(obligationId), salt))
            )
        );
        bytes32 digest = keccak256(
            abi.encodePacked("\x19\x01", TokenizedDeposit(c.token).DOMAIN_SEPARATOR(), structHash)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        auth = IPaymentRail.PaymentAuth({
            method: IPaymentRail.PaymentMethod.Authorization,
            validAfter: maturity - 1,
            deadline: validBefore,
            nonce: salt,
            signature: abi.encodePacked(r, s, v)
        });
    }
}

/**
 * @title ObligationHandler
 * @notice The obligations that {AcceptanceHandler}'s acceptances issued: transferred, discounted to the banks,
 * avalised, collected, paid, presented (dishonoured when the drawee's allowance or balance is short, or its account
 * frozen) and paid under aval or late; allowances given and withdrawn; time passes. Keeps the ghost books the
 * invariants compare with: which obligation was paid how often, to whom, how much.
 */
contract ObligationHandler is SystemHandlerBase {
    AcceptanceHandler public immutable acceptances;
    PaymentObligations public immutable obligations;

    /// @notice Ghost books per obligation: how many payments reached a holder, who received the last, and how much.
    mapping(uint256 obligationId => uint256) public paidCount;
    mapping(uint256 obligationId => address) public paidTo;
    mapping(uint256 obligationId => uint256) public paidAmount;

    constructor(SystemWorld world, AcceptanceHandler acceptances_) SystemHandlerBase(world) {
        acceptances = acceptances_;
        obligations = acceptances_.obligations();
    }

    /// @dev An obligation issued by an acceptance, or zero (and `found` false) before the first.
    function _obligation(uint256 seed) internal view returns (uint256 id, bool found) {
        uint256 n = acceptances.obligationsLength();
        if (n == 0) return (0, false);
        return (acceptances.obligationIds(seed % n), true);
    }

    /// @notice The holder transfers an obligation to another trader, a bank, or (refused) the stranger.
    function transferObligation(uint256 seed, uint256 toSeed) external {
        (uint256 id, bool found) = _obligation(seed);
        if (!found) return;
        address holder = obligations.ownerOf(id);
        address to = _anyone(toSeed);
        IPaymentObligations.ObligationStatus status = obligations.obligation(id).status;
        if (!_call(holder, address(obligations), abi.encodeCall(obligations.transferFrom, (holder, to, id)))) return;
        w.expect(status != IPaymentObligations.ObligationStatus.Paid, "a paid obligation moved");
        w.expect(
            w.participants().isVerifiedAs(to, ParticipantKinds.TRADER | ParticipantKinds.BANK | ParticipantKinds.AGENT),
            "an obligation reached a party that may not hold it"
        );
        w.bump("obligation transferred");
    }

    /// @notice A trader holding an obligation sells it to a bank at a discount.
    function discount(uint256 seed, uint256 bankSeed, uint256 price) external {
        (uint256 id, bool found) = _obligation(seed);
        if (!found) return;
        address holder = obligations.ownerOf(id);
        if (w.keyOf(holder) == 0) return; // a bank holder signs with no key here
        IPaymentObligations.Obligation memory o = obligations.obligation(id);
        address bank = w.banks(bankSeed % 2);
        price = 1 + (price % o.amount);
        TokenizedDeposit t = TokenizedDeposit(o.token);
        (uint256 holderBefore, uint256 bankBefore) = (t.balanceOf(holder), t.balanceOf(bank));
        if (!_call(bank, address(obligations), _discountCall(id, holder, bank, price))) {
            w.expect(obligations.ownerOf(id) == holder, "refused discount: obligation moved");
            return;
        }
        w.expect(o.status == IPaymentObligations.ObligationStatus.Outstanding, "discounted a settled obligation");
        w.expect(obligations.ownerOf(id) == bank, "discounted: obligation not with the bank");
        w.expect(t.balanceOf(holder) == holderBefore + price, "discounted: seller not paid the price");
        w.expect(t.balanceOf(bank) + price == bankBefore, "discounted: bank paid other than the price");
        w.bump("obligation discounted");
    }

    /// @dev The call of `bank` taking `holder`'s signed offer of obligation `id` at `price` (paid by allowance).
    function _discountCall(
        uint256 id,
        address holder,
        address bank,
        uint256 price
    ) internal view returns (bytes memory) {
        IPaymentObligations.DiscountOffer memory offer = IPaymentObligations.DiscountOffer({
            obligationId: id,
            buyer: bank,
            price: price,
            nonce: obligations.nonces(holder),
            deadline: block.timestamp + 1 hours
        });
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(w.keyOf(holder), obligations.hashDiscount(offer));
        IPaymentRail.PaymentAuth memory allowance;
        return abi.encodeCall(obligations.discount, (offer, abi.encodePacked(r, s, v), allowance));
    }

    /// @notice A bank guarantees an obligation.
    function avalise(uint256 seed, uint256 bankSeed) external {
        (uint256 id, bool found) = _obligation(seed);
        if (!found) return;
        IPaymentObligations.Obligation memory o = obligations.obligation(id);
        address bank = w.banks(bankSeed % 2);
        if (!_call(bank, address(obligations), abi.encodeCall(obligations.avalise, (id)))) return;
        w.expect(o.avalist == address(0), "a second aval");
        w.expect(o.status == IPaymentObligations.ObligationStatus.Outstanding, "avalised a settled obligation");
        w.bump("obligation avalised");
    }

    /// @dev What a settlement attempt started from.
    struct Pre {
        uint256 id;
        address holder;
        address payer;
        uint256 holderBalance;
        uint256 payerBalance;
        IPaymentObligations.Obligation o;
    }

    /// @notice `mode` 0: anyone collects; 1: the drawee pays by allowance; 2: the holder presents; 3: the avalist
    /// pays under its aval.
    function settle(uint256 seed, uint8 mode, uint256 callerSeed) external {
        (uint256 id, bool found) = _obligation(seed);
        if (!found) return;
        Pre memory p;
        p.id = id;
        p.o = obligations.obligation(id);
        p.holder = obligations.ownerOf(id);
        mode %= 4;
        p.payer = mode == 3 && p.o.avalist != address(0) ? p.o.avalist : p.o.drawee;
        TokenizedDeposit t = TokenizedDeposit(p.o.token);
        (p.holderBalance, p.payerBalance) = (t.balanceOf(p.holder), t.balanceOf(p.payer));
        (address caller, bytes memory data) = _settleCall(p, mode, callerSeed);
        bool ok = _call(caller, address(obligations), data);
        w.expect(t.balanceOf(address(obligations)) == 0, "the obligations contract kept money");
        _afterSettle(p, ok, mode == 2);
    }

    function _settleCall(Pre memory p, uint8 mode, uint256 callerSeed) internal view returns (address, bytes memory) {
        IPaymentRail.PaymentAuth memory allowance;
        if (mode == 0) return (_anyone(callerSeed), abi.encodeCall(obligations.collect, (p.id)));
        if (mode == 1) return (p.o.drawee, abi.encodeCall(obligations.pay, (p.id, allowance)));
        if (mode == 2) return (p.holder, abi.encodeCall(obligations.present, (p.id)));
        return (p.o.avalist, abi.encodeCall(obligations.payUnderAval, (p.id, allowance)));
    }

    function _afterSettle(Pre memory p, bool ok, bool presented) internal {
        TokenizedDeposit t = TokenizedDeposit(p.o.token);
        IPaymentObligations.ObligationStatus status = obligations.obligation(p.id).status;
        if (ok && status == IPaymentObligations.ObligationStatus.Paid) {
            w.expect(p.o.status != IPaymentObligations.ObligationStatus.Paid, "paid twice");
            w.expect(block.timestamp >= p.o.maturity, "paid before maturity");
            if (p.holder != p.payer) {
                w.expect(t.balanceOf(p.holder) == p.holderBalance + p.o.amount, "paid: holder did not get the amount");
                w.expect(t.balanceOf(p.payer) + p.o.amount == p.payerBalance, "paid: payer paid other than the amount");
            }
            ++paidCount[p.id];
            paidTo[p.id] = p.holder;
            paidAmount[p.id] = p.o.amount;
            w.bump(
                p.o.status == IPaymentObligations.ObligationStatus.Dishonoured ? bytes32("paid late") : bytes32("paid")
            );
            return;
        }
        // Refused, or presented and dishonoured: no money moved.
        w.expect(
            t.balanceOf(p.holder) == p.holderBalance && t.balanceOf(p.payer) == p.payerBalance,
            "unpaid, yet money moved"
        );
        if (!ok) {
            w.expect(status == p.o.status, "a refused payment changed the status");
            return;
        }
        w.expect(presented && status == IPaymentObligations.ObligationStatus.Dishonoured, "a success paid nothing");
        w.expect(p.o.status == IPaymentObligations.ObligationStatus.Outstanding, "dishonoured twice");
        w.expect(block.timestamp >= p.o.maturity, "dishonoured before maturity");
        w.bump("dishonoured");
    }

    /// @notice A trader gives or withdraws its allowance to the obligations contract (a withdrawn one is dishonoured).
    function toggleAllowance(uint256 traderSeed, uint256 currency, bool give) external {
        TokenizedDeposit t = w.token(currency);
        _call(
            _trader(traderSeed),
            address(t),
            abi.encodeCall(t.approve, (address(obligations), give ? type(uint256).max : 0))
        );
    }

    /// @notice Time passes (maturities arrive, deadlines pass).
    function warp(uint256 seed) external {
        vm.warp(block.timestamp + 1 + (seed % 2 days));
    }
}
