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
import {IDeliveryVersusPayment} from "../../../contracts/interfaces/IDeliveryVersusPayment.sol";
import {IParticipantRegistry} from "../../../contracts/interfaces/IParticipantRegistry.sol";
import {ITokenizedDeposit} from "../../../contracts/interfaces/ITokenizedDeposit.sol";
import {DeliveryVersusPayment} from "../../../contracts/settlement/DeliveryVersusPayment.sol";

import {BillUse} from "../utils/BillUse.sol";
import {RailsRoles} from "../utils/RailsRoles.sol";
import {vm} from "../utils/Vm.sol";

/// @notice Deploys the handler's system, called by the test (`self`): the access manager (the handler becomes its
/// admin), the handler, and the HKD token.
function deploySettlementSystem(address self) returns (SettlementHandler handler) {
    RailsAccessManager manager = new RailsAccessManager(self);
    handler = new SettlementHandler(manager);
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
 * @notice Deploys the whole system (participant register, eBL registry, an HKD deposit token, the settlement contract)
 * and drives it with random operations by random actors for the invariant tests: escrowed deals (create, deposit the
 * eBL, pay in random chunks, cancel, refund), signed settlements signed with `vm.sign`, time warps, and the failure
 * causes of docs/settlement.md (accounts frozen and unfrozen, eBLs put on and off legal hold).
 * @dev Every successful settlement is checked on the spot: the buyer side has the eBL with exactly the title the terms
 * state and uses it ({BillUse}: in state snapshots, the holder with title surrenders it, and endorses and delivers it;
 * for a pledge the bank delivers it to the title holder, who surrenders it), the seller side has exactly the price, and
 * nothing else moved; a failed signed settlement must have moved nothing. Breaches are recorded (the runner ignores reverting handler calls) and asserted by the test.
 */
contract SettlementHandler {
    AccessManager public immutable manager;
    ParticipantRegistry public immutable participants;
    BillOfLadingRegistry public immutable ebl;
    EblLens public immutable lens = new EblLens();
    TokenizedDeposit public hkd;
    DeliveryVersusPayment public immutable dvp;

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

    IDeliveryVersusPayment.Terms[] internal _deals;
    bytes32[] public dealIds;
    uint256 internal _salt;

    /// @notice What the handler believes the contract escrows: deposits in, minus settlements and returns out.
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

    /// @notice Deploys the contracts under `accessManager`, whose admin the handler becomes before {wire}.
    constructor(AccessManager accessManager) {
        vm.warp(1_750_000_000);
        manager = accessManager;
        participants = new ParticipantRegistry(address(accessManager));
        ebl = new BillOfLadingRegistry(participants, address(accessManager));
        dvp = new DeliveryVersusPayment(address(accessManager));
        bank = vm.addr(BANK_KEY);
    }

    /// @notice First step of the set-up, once the handler is the manager's admin: roles and participants.
    function wire() external {
        (bool wired, ) = manager.hasRole(RailsRoles.REGISTRAR, address(this));
        if (wired) return;
        RailsRoles.wire(manager, participants);
        RailsRoles.wire(manager, ebl);
        RailsRoles.wire(manager, dvp);
        manager.grantRole(RailsRoles.REGISTRAR, address(this), 0);
        manager.grantRole(RailsRoles.EBL_ISSUER, carrier, 0);
        manager.grantRole(RailsRoles.EBL_LEGAL_HOLD, address(this), 0);
        manager.grantRole(RailsRoles.SETTLEMENT_ADMIN, address(this), 0);
        _register(carrier, ParticipantKinds.CARRIER);
        _register(bank, ParticipantKinds.BANK);
        _register(address(dvp), ParticipantKinds.SETTLEMENT);
        for (uint256 i; i < TRADERS; ++i) {
            _keys[i] = 0xA11CE + i;
            traders[i] = vm.addr(_keys[i]);
            _register(traders[i], ParticipantKinds.TRADER);
        }

        dvp.setRegistryAllowed(address(ebl), true);
    }

    /**
     * @notice Second step of the set-up, given the HKD token deployed by the test with this handler as admin and
     * {bank} as issuer (deploying it here too would exceed the init code size limit): roles, balances, approvals, eBLs.
     */
    function init(TokenizedDeposit token) external {
        if (address(hkd) != address(0)) return;
        hkd = token;
        RailsRoles.wire(manager, hkd);
        manager.grantRole(RailsRoles.deposit("HKD", RailsRoles.MINTER), address(this), 0);
        manager.grantRole(RailsRoles.deposit("HKD", RailsRoles.FREEZER), address(this), 0);
        dvp.setPaymentTokenAllowed(address(hkd), true);

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

    /// @dev Mints to `account` and lets the settlement contract move its HKD and eBLs (prior approvals).
    function _fund(address account) internal {
        hkd.mint(account, INITIAL_BALANCE, "DEPOSIT");
        vm.prank(account);
        hkd.approve(address(dvp), type(uint256).max);
        vm.prank(account);
        ebl.setApprovalForAll(address(dvp), true);
    }

    // ------------------------------------------------------------------ views for the tests

    function dealsLength() external view returns (uint256) {
        return _deals.length;
    }

    function dealTerms(uint256 i) external view returns (IDeliveryVersusPayment.Terms memory) {
        return _deals[i];
    }

    function keyOf(address account) public view returns (uint256) {
        if (account == bank) return BANK_KEY;
        for (uint256 i; i < TRADERS; ++i) if (traders[i] == account) return _keys[i];
        return 0;
    }

    /// @notice The terms signed by `account`'s key (65-byte `r ‖ s ‖ v`).
    function sign(address account, IDeliveryVersusPayment.Terms memory t) public view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf(account), dvp.hashTerms(t));
        return abi.encodePacked(r, s, v);
    }

    // ------------------------------------------------------------------ building terms

    /**
     * @notice Terms for the eBL `tokenId` sold by its holder to a trader. `mode` 0: title and possession to the buyer;
     * 1: bearer (possession to the buyer, the bill blank endorsed); 2: pledge (possession to the bank, title to the
     * buyer).
     */
    function buildTerms(
        uint256 tokenId,
        uint256 buyerSeed,
        uint256 amountSeed,
        uint256 mode,
        uint256 ttl
    ) public returns (IDeliveryVersusPayment.Terms memory t) {
        address seller = ebl.holderOf(tokenId);
        address buyer = traders[buyerSeed % TRADERS];
        if (buyer == seller) buyer = traders[(buyerSeed + 1) % TRADERS];
        mode = mode % 3;
        if (mode == 2 && seller == bank) mode = 1;
        (bytes32 documentHash, ) = ebl.documentOf(tokenId);
        t = IDeliveryVersusPayment.Terms({
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
            deadline: block.timestamp + 1 hours + (ttl % 5 days),
            salt: bytes32(++_salt)
        });
    }

    function _expect(bool condition, string memory rule) internal {
        if (condition) return;
        if (violations == 0) firstViolation = rule;
        ++violations;
    }

    function _pre(IDeliveryVersusPayment.Terms memory t) internal view returns (Pre memory p) {
        p.holder = ebl.holderOf(t.tokenId);
        p.title = ebl.titleHolderOf(t.tokenId);
        p.buyer = hkd.balanceOf(t.buyer);
        p.recipient = hkd.balanceOf(t.paymentRecipient);
        p.custody = hkd.balanceOf(address(dvp));
    }

    /// @dev Both legs moved in full: the eBL with the title the terms state on the buyer side, and usable there (the
    /// holder with title, or the holder of a bearer bill, can surrender and endorse it); the price on the seller side.
    function _checkSettled(IDeliveryVersusPayment.Terms memory t, Pre memory p, uint256 buyerPaidNow) internal {
        _expect(ebl.holderOf(t.tokenId) == t.eblRecipient, "settled: eBL not with its recipient");
        _expect(ebl.titleHolderOf(t.tokenId) == t.titleRecipient, "settled: title not the terms' title recipient");
        // The buyer side uses what it bought, in snapshots: surrender, endorse and deliver, or (a pledge) the bank
        // delivers to the title holder, who surrenders.
        string memory failure = BillUse.check(ebl, t.tokenId, t.eblRecipient, t.titleRecipient, _otherTrader(t));
        _expect(bytes(failure).length == 0, failure);
        _expect(hkd.balanceOf(t.paymentRecipient) == p.recipient + t.amount, "settled: seller side not paid the price");
        _expect(hkd.balanceOf(t.buyer) + buyerPaidNow == p.buyer, "settled: buyer paid a wrong amount");
    }

    /// @dev A trader other than the eBL recipient and the title recipient, to endorse the bought bill to.
    function _otherTrader(IDeliveryVersusPayment.Terms memory t) internal view returns (address) {
        for (uint256 i; i < TRADERS; ++i) {
            if (traders[i] != t.eblRecipient && traders[i] != t.titleRecipient) return traders[i];
        }
        return address(0);
    }

    // ------------------------------------------------------------------ escrowed deals

    function createDeal(uint256 eblSeed, uint256 buyerSeed, uint256 amountSeed, uint256 mode, uint256 ttl) external {
        IDeliveryVersusPayment.Terms memory t = buildTerms(ebls[eblSeed % EBLS], buyerSeed, amountSeed, mode, ttl);
        vm.prank(t.seller);
        try dvp.createDeal(t, "") returns (bytes32 id) {
            _deals.push(t);
            dealIds.push(id);
        } catch {}
    }

    function depositEbl(uint256 dealSeed) external {
        if (_deals.length == 0) return;
        uint256 i = dealSeed % _deals.length;
        IDeliveryVersusPayment.Terms memory t = _deals[i];
        Pre memory p = _pre(t);
        // A relayer deposits with the seller's consent to this deposit (a standing approval alone is not enough).
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf(t.seller), dvp.hashEblDeposit(t));
        vm.prank(relayer);
        try dvp.depositEbl(t, abi.encodePacked(r, s, v), IDeliveryVersusPayment.EblAuth(0, "")) {
            _afterDeposit(t, dealIds[i], p, 0);
        } catch {}
    }

    function depositPayment(uint256 dealSeed, uint256 amountSeed) external {
        if (_deals.length == 0) return;
        uint256 i = dealSeed % _deals.length;
        IDeliveryVersusPayment.Terms memory t = _deals[i];
        uint256 remaining = t.amount - dvp.dealOf(dealIds[i]).paid;
        // Half the time the whole remainder (so that deals complete), otherwise a random chunk of it.
        uint256 amount = amountSeed % 2 == 0 ? remaining : 1 + ((amountSeed / 2) % (remaining == 0 ? 1 : remaining));
        if (amount == 0) amount = 1; // nothing remains: must be refused
        Pre memory p = _pre(t);
        vm.prank(t.buyer);
        try
            dvp.depositPayment(
                t,
                amount,
                "",
                IDeliveryVersusPayment.PaymentAuth(IDeliveryVersusPayment.PaymentMethod.Allowance, 0, 0, 0, "")
            )
        {
            _expect(amount <= remaining, "deposit above the remaining price accepted");
            ghostEscrowed += amount;
            _afterDeposit(t, dealIds[i], p, amount);
        } catch {}
    }

    function _afterDeposit(IDeliveryVersusPayment.Terms memory t, bytes32 id, Pre memory p, uint256 paidNow) internal {
        IDeliveryVersusPayment.Deal memory d = dvp.dealOf(id);
        if (d.status == IDeliveryVersusPayment.TermsStatus.Settled) {
            ++escrowSettlements;
            ghostEscrowed -= t.amount;
            _checkSettled(t, p, paidNow);
        } else {
            // Not settled: the recipient got nothing; the eBL is in custody for this deal exactly when the deal holds
            // it (nothing is reserved before the deposit, so otherwise it may be anywhere, even in another deal).
            _expect(hkd.balanceOf(t.paymentRecipient) == p.recipient, "open deal: seller side paid early");
            bool inCustody = ebl.holderOf(t.tokenId) == address(dvp) && dvp.openDealOf(address(ebl), t.tokenId) == id;
            _expect(inCustody == d.eblHeld, "open deal: eBL in custody for it differs from eblHeld");
            _expect(d.paid <= t.amount, "open deal: paid above the price");
        }
    }

    function cancelDeal(uint256 dealSeed, bool bySeller) external {
        if (_deals.length == 0) return;
        uint256 i = dealSeed % _deals.length;
        IDeliveryVersusPayment.Terms memory t = _deals[i];
        uint256 before = dvp.dealOf(dealIds[i]).paid;
        vm.prank(bySeller ? t.seller : t.buyer);
        try dvp.cancelDeal(t) {
            _afterReturn(t, dealIds[i], before);
        } catch {}
    }

    function refund(uint256 dealSeed, uint256 callerSeed) external {
        if (_deals.length == 0) return;
        uint256 i = dealSeed % _deals.length;
        IDeliveryVersusPayment.Terms memory t = _deals[i];
        uint256 before = dvp.dealOf(dealIds[i]).paid;
        vm.prank(callerSeed % 2 == 0 ? relayer : traders[callerSeed % TRADERS]);
        try dvp.refund(t) {
            _afterReturn(t, dealIds[i], before);
        } catch {}
    }

    function _afterReturn(IDeliveryVersusPayment.Terms memory t, bytes32 id, uint256 paidBefore) internal {
        IDeliveryVersusPayment.Deal memory d = dvp.dealOf(id);
        _expect(d.status == IDeliveryVersusPayment.TermsStatus.Cancelled, "cancel/refund: not cancelled");
        ghostEscrowed -= paidBefore - d.paid;
        if (!d.eblHeld && d.paid == 0) ++returnsCompleted;
        if (d.eblHeld) _expect(ebl.holderOf(t.tokenId) == address(dvp), "failed eBL return: eBL not in custody");
    }

    // ------------------------------------------------------------------ signed settlement

    function settleSigned(uint256 eblSeed, uint256 buyerSeed, uint256 amountSeed, uint256 mode) external {
        uint256 tokenId = ebls[eblSeed % EBLS];
        if (keyOf(ebl.holderOf(tokenId)) == 0) return; // in custody: nobody can sign for it
        IDeliveryVersusPayment.Terms memory t = buildTerms(tokenId, buyerSeed, amountSeed, mode, 1 days);
        IDeliveryVersusPayment.SignedSettlement memory s = IDeliveryVersusPayment.SignedSettlement({
            terms: t,
            sellerSignature: sign(t.seller, t),
            buyerSignature: sign(t.buyer, t),
            eblAuth: IDeliveryVersusPayment.EblAuth(0, ""),
            paymentAuth: IDeliveryVersusPayment.PaymentAuth(IDeliveryVersusPayment.PaymentMethod.Allowance, 0, 0, 0, "")
        });
        Pre memory p = _pre(t);
        vm.prank(relayer);
        try dvp.settle(s) {
            ++signedSettlements;
            _checkSettled(t, p, t.amount);
            _expect(hkd.balanceOf(address(dvp)) == p.custody, "signed settlement: contract kept money");
        } catch {
            ++failedSignedSettlements;
            _expect(ebl.holderOf(t.tokenId) == p.holder, "failed settlement: eBL moved");
            _expect(ebl.titleHolderOf(t.tokenId) == p.title, "failed settlement: title moved");
            _expect(hkd.balanceOf(t.buyer) == p.buyer, "failed settlement: buyer paid");
            _expect(hkd.balanceOf(t.paymentRecipient) == p.recipient, "failed settlement: seller side paid");
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
