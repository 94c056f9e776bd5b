// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {ParticipantRegistry} from "../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../contracts/access/RailsAccessManager.sol";
import {TokenizedDeposit} from "../../contracts/deposits/TokenizedDeposit.sol";
import {TradeDocumentRegistry} from "../../contracts/documents/TradeDocumentRegistry.sol";
import {DocumentsAgainstAcceptance} from "../../contracts/finance/acceptances/DocumentsAgainstAcceptance.sol";
import {IDocumentsAgainstAcceptance} from "../../contracts/finance/acceptances/IDocumentsAgainstAcceptance.sol";
import {IPaymentObligations} from "../../contracts/finance/acceptances/IPaymentObligations.sol";
import {PaymentObligations} from "../../contracts/finance/acceptances/PaymentObligations.sol";
import {BillOfLadingRegistry} from "../../contracts/ebl/BillOfLadingRegistry.sol";
import {InterbankPayments} from "../../contracts/interbank/InterbankPayments.sol";
import {WholesaleReserve} from "../../contracts/interbank/WholesaleReserve.sol";
import {IBillOfLadingRegistry} from "../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {ICrossBankSettlement} from "../../contracts/interfaces/ICrossBankSettlement.sol";
import {IDocumentsCondition} from "../../contracts/interfaces/IDocumentsCondition.sol";
import {ISettlement} from "../../contracts/interfaces/ISettlement.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {ITokenizedDeposit} from "../../contracts/interfaces/ITokenizedDeposit.sol";
import {EscrowedDeals} from "../../contracts/settlement/EscrowedDeals.sol";
import {SettlementCore} from "../../contracts/settlement/SettlementCore.sol";
import {SignedSettlement} from "../../contracts/settlement/SignedSettlement.sol";
import {DocumentsCondition} from "../../contracts/settlement/conditions/DocumentsCondition.sol";
import {DepositRail} from "../../contracts/settlement/rails/DepositRail.sol";
import {ITrustReceipts} from "../../contracts/finance/trust-receipts/ITrustReceipts.sol";
import {TrustReceipts} from "../../contracts/finance/trust-receipts/TrustReceipts.sol";
import {TrustReceiptHandler} from "./handlers/TrustReceiptHandler.sol";
import {DocumentaryCredits} from "../../contracts/finance/credits/DocumentaryCredits.sol";
import {IDocumentaryCredits} from "../../contracts/finance/credits/IDocumentaryCredits.sol";
import {CreditHandler} from "./handlers/CreditHandler.sol";
import {IPlatformGateway} from "../../contracts/crosschain/pint/IPlatformGateway.sol";
import {PlatformGateway} from "../../contracts/crosschain/pint/PlatformGateway.sol";
import {PlatformGatewayHandler} from "./handlers/PlatformGatewayHandler.sol";
import {
    AuthorityHandler,
    BankHandler,
    CarrierHandler,
    DocumentHandler,
    HolderHandler,
    InterbankHandler,
    RegistrarHandler,
    SystemWorld,
    TradeHandler
} from "./handlers/SystemHandlers.sol";
import {AcceptanceHandler, ObligationHandler} from "./handlers/AcceptanceHandler.sol";
import {RailsRoles} from "./utils/RailsRoles.sol";
import {FuzzSelector, Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";
import {
    deployCrossBankSettlement,
    deployDepositRail,
    deployEscrowedDeals,
    deploySignedSettlement
} from "./utils/Artifacts.sol";

/**
 * @notice Invariants of the whole system at once: one participant register, the eBL registry, two tokenized deposits
 * (HKD and CNH, two issuing banks) and the settlement contract, driven by a handler per actor: the registrar
 * (revokes, re-registers and renews participants with short expiries; time passes), the carrier (issues, answers
 * surrenders, amendments and paper switches), holders (move, endorse, surrender eBLs; transfer and redeem deposits),
 * the banks' operators (mint, burn, freeze fully and partly, forced transfers, pause; a burn or forced transfer
 * aimed at the settlement contract must be refused, see docs/settlement.md), authorities (legal holds, pauses of the registry and
 * the settlement contract, the role admins (the manager's admin, each bank for its token) changing a spare account's
 * roles, intruders trying role changes and
 * gated functions), traders (signed settlements and escrowed deals in either currency, cross-bank settlements) and
 * the interbank rails (central banks issuing and redeeming reserves, banks opting in and out, direct payments in one
 * currency and through an FX dealer's quotes, pauses and freezes; see {InterbankHandler}), and the issuers of trade
 * documents (invoices, certificates of origin and insurance registered against eBLs, superseded, revoked, issuers
 * losing their verification; see {DocumentHandler}) with signed settlements whose terms require documents
 * ({TradeHandler-settleWithDocuments}: settled only while every required document is live and qualified).
 * Every handler checks each successful call on the spot and records broken rules in {SystemWorld} instead of
 * reverting (the invariant runner ignores handler reverts).
 */
contract SystemInvariantTest is Test {
    SystemWorld internal w;
    RailsAccessManager internal manager;
    ParticipantRegistry internal participants;
    BillOfLadingRegistry internal ebl;
    SignedSettlement internal signed;
    EscrowedDeals internal escrow;
    DepositRail internal rail;
    TokenizedDeposit[2] internal tokens;
    InterbankPayments internal interbank;
    ICrossBankSettlement internal crossBank;

    RegistrarHandler internal registrar;
    CarrierHandler internal carrier;
    HolderHandler internal holders;
    BankHandler internal banks;
    AuthorityHandler internal authorities;
    TradeHandler internal traders;
    InterbankHandler internal payments;
    DocumentHandler internal issuers;
    TrustReceipts internal trustReceipts;
    TrustReceiptHandler internal trustReceiptHandler;
    PlatformGateway internal platformGateway;
    PlatformGatewayHandler internal pintHandler;
    AcceptanceHandler internal acceptances;
    ObligationHandler internal obligationHolders;
    DocumentaryCredits internal credits;
    CreditHandler internal lcs;

    uint256 internal constant INITIAL_BALANCE = 1_000_000_00;

    function setUp() public {
        vm.warp(1_750_000_000);
        w = new SystemWorld();
        address admin = w.ADMIN();
        // The test wires the manager as its first admin, then hands ADMIN_ROLE to the world's admin and renounces.
        manager = new RailsAccessManager(address(this));
        participants = new ParticipantRegistry(address(manager));
        ebl = new BillOfLadingRegistry(participants, address(manager));
        signed = deploySignedSettlement(address(manager));
        escrow = deployEscrowedDeals(address(manager));
        rail = deployDepositRail(address(manager), address(signed), address(escrow));
        interbank = new InterbankPayments(address(manager));
        crossBank = deployCrossBankSettlement(address(manager));
        RailsRoles.wire(manager, interbank);
        RailsRoles.wire(manager, SettlementCore(address(crossBank)));
        RailsRoles.wire(manager, participants);
        RailsRoles.wire(manager, ebl);
        RailsRoles.wire(manager, signed);
        RailsRoles.wire(manager, escrow);
        RailsRoles.wire(manager, rail);
        TradeDocumentRegistry documents = new TradeDocumentRegistry(address(manager), participants);
        RailsRoles.wire(manager, documents);
        w.initDocuments(documents, new DocumentsCondition(documents));
        _grant(RailsRoles.REGISTRAR, w.REGISTRAR());
        _register(w.ORIGIN_AUTHORITY(), ParticipantKinds.AUTHORITY);
        _register(w.INSURER(), ParticipantKinds.INSURER);
        _register(w.CARRIER(), ParticipantKinds.CARRIER);
        _register(w.REGULATOR(), ParticipantKinds.REGULATOR);
        _register(address(signed), ParticipantKinds.SETTLEMENT);
        _register(address(escrow), ParticipantKinds.SETTLEMENT);
        _register(address(rail), ParticipantKinds.SETTLEMENT);
        _register(address(crossBank), ParticipantKinds.SETTLEMENT);
        _register(w.BANK2(), ParticipantKinds.BANK);
        _register(w.dealer(), ParticipantKinds.BANK);
        for (uint256 c; c < 2; ++c) _register(w.centralBanks(c), ParticipantKinds.CENTRAL_BANK);
        for (uint256 i; i < 2; ++i) _register(w.banks(i), ParticipantKinds.BANK);
        for (uint256 i; i < 3; ++i) _register(w.traders(i), ParticipantKinds.TRADER);
        tokens[0] = _deployToken("HKD", w.banks(0));
        tokens[1] = _deployToken("CNH", w.banks(1));
        w.init(manager, participants, ebl, signed, escrow, rail, tokens[0], tokens[1]);

        _grant(RailsRoles.ADMIN, admin);
        _grant(RailsRoles.EBL_ISSUER, w.CARRIER());
        _grant(RailsRoles.EBL_LEGAL_HOLD, w.REGULATOR());
        _grant(RailsRoles.EBL_PAUSER, w.PAUSER());
        _grant(RailsRoles.SETTLEMENT_PAUSER, w.PAUSER());
        _grant(RailsRoles.SETTLEMENT_ADMIN, admin);
        _grant(RailsRoles.INTERBANK_PAUSER, w.PAUSER());
        _grant(RailsRoles.INTERBANK_SETTLER, address(crossBank));
        vm.startPrank(admin);
        for (uint256 c; c < 2; ++c) {
            signed.setMarket(address(ebl), address(tokens[c]), address(rail));
            escrow.setMarket(address(ebl), address(tokens[c]), address(rail));
        }
        vm.stopPrank();
        for (uint256 c; c < 2; ++c) {
            TokenizedDeposit t = tokens[c];
            bytes3 currency = t.currency();
            RailsRoles.wire(manager, t);
            // Each bank administers its own token's roles (and that administration itself).
            uint64 bankAdmin = RailsRoles.deposit(currency, RailsRoles.DEPOSIT_ADMIN);
            manager.setRoleAdmin(bankAdmin, bankAdmin);
            _grant(bankAdmin, w.banks(c));
            _grant(RailsRoles.deposit(currency, RailsRoles.MINTER), w.MINTER());
            _grant(RailsRoles.deposit(currency, RailsRoles.BURNER), w.BURNER());
            _grant(RailsRoles.deposit(currency, RailsRoles.PAUSER), w.PAUSER());
            _grant(RailsRoles.deposit(currency, RailsRoles.FREEZER), w.FREEZER());
            _grant(RailsRoles.deposit(currency, RailsRoles.COMPLIANCE), w.COMPLIANCE());
            _grant(RailsRoles.deposit(currency, RailsRoles.MINTER), address(interbank));
            _grant(RailsRoles.deposit(currency, RailsRoles.BURNER), address(interbank));
        }
        for (uint256 c; c < 2; ++c) {
            manager.renounceRole(RailsRoles.deposit(tokens[c].currency(), RailsRoles.DEPOSIT_ADMIN), address(this));
        }
        _openAcceptances();
        manager.renounceRole(RailsRoles.ADMIN, address(this));
        for (uint256 c; c < 2; ++c) {
            TokenizedDeposit t = tokens[c];
            for (uint256 i; i < 3; ++i) {
                address trader = w.traders(i);
                vm.prank(w.MINTER());
                t.mint(trader, INITIAL_BALANCE, "CBS-OPENING");
                w.addMinted(c, INITIAL_BALANCE);
                vm.prank(trader); // buyers approve the rail, once for both ways of settling
                t.approve(address(rail), type(uint256).max);
            }
        }
        for (uint256 i; i < 3; ++i) {
            vm.startPrank(w.traders(i)); // sellers approve the contract they settle through
            ebl.setApprovalForAll(address(signed), true);
            ebl.setApprovalForAll(address(escrow), true);
            vm.stopPrank();
        }

        registrar = new RegistrarHandler(w);
        carrier = new CarrierHandler(w);
        holders = new HolderHandler(w);
        banks = new BankHandler(w);
        authorities = new AuthorityHandler(w);
        traders = new TradeHandler(w);
        payments = new InterbankHandler(w);
        issuers = new DocumentHandler(w);
        _openInterbank();
        for (uint256 i; i < 4; ++i) carrier.issue(100 + i, i, 0, false); // four to-order eBLs to start with
        // Every run starts with assets in escrow, so that the escrow invariants are tested from the first call: an HKD
        // deal holding its eBL and part of the price, and a CNH deal holding part of the price only.
        uint256 price = (uint256(2 days) << 64) | 10_000_00;
        traders.createDeal(1, 0, 1, price, true);
        traders.depositPayment(0, 2 * 4_000_00 + 1); // odd seed: a chunk; even deal seed: the latest deal
        traders.depositEbl(0);
        traders.createDeal(2, 1, 2, price, false);
        traders.depositPayment(0, 2 * 3_000_00 + 1);
        assertTrue(w.escrowed(0) != 0 && w.escrowed(1) != 0 && ebl.balanceOf(address(escrow)) == 1, "escrow at start");
        _target(
            address(registrar),
            _selectors2(RegistrarHandler.revokeOrRenew.selector, RegistrarHandler.warp.selector)
        );
        _target(address(carrier), _selectors2(CarrierHandler.issue.selector, CarrierHandler.answer.selector));
        bytes4[] memory s = new bytes4[](6);
        (s[0], s[1], s[2]) = (
            HolderHandler.transferEbl.selector,
            HolderHandler.endorse.selector,
            HolderHandler.surrender.selector
        );
        (s[3], s[4], s[5]) = (
            HolderHandler.switchToPaper.selector,
            HolderHandler.transferDeposit.selector,
            HolderHandler.redeem.selector
        );
        _target(address(holders), s);
        s = new bytes4[](6);
        (s[0], s[1], s[2]) = (BankHandler.mint.selector, BankHandler.burn.selector, BankHandler.toggleFreeze.selector);
        (s[3], s[4], s[5]) = (
            BankHandler.freezePart.selector,
            BankHandler.forcedTransfer.selector,
            BankHandler.togglePause.selector
        );
        _target(address(banks), s);
        s = new bytes4[](5);
        (s[0], s[1], s[2]) = (
            AuthorityHandler.legalHold.selector,
            AuthorityHandler.togglePause.selector,
            AuthorityHandler.adminChangesRole.selector
        );
        (s[3], s[4]) = (AuthorityHandler.intrude.selector, AuthorityHandler.intrudeGated.selector);
        _target(address(authorities), s);
        s = new bytes4[](15);
        (s[0], s[1], s[2]) = (
            TradeHandler.settleSigned.selector,
            TradeHandler.createDeal.selector,
            TradeHandler.depositEbl.selector
        );
        (s[3], s[4], s[5]) = (
            TradeHandler.depositPayment.selector,
            TradeHandler.end.selector,
            TradeHandler.depositPayment.selector
        );
        (s[6], s[7]) = (TradeHandler.reendorseThenSettle.selector, TradeHandler.depositEblWithoutConsent.selector);
        (s[8], s[9]) = (TradeHandler.settleWithCondition.selector, TradeHandler.switchCondition.selector);
        (s[10], s[11]) = (TradeHandler.strangerPays.selector, TradeHandler.strayToRail.selector);
        (s[12], s[13]) = (TradeHandler.settleCrossBank.selector, TradeHandler.settleCrossBank.selector);
        s[14] = TradeHandler.settleWithDocuments.selector;
        _target(address(traders), s); // depositPayment twice: deals need several payments
        s = new bytes4[](9);
        (s[0], s[1], s[2]) = (
            InterbankHandler.issueOrRedeem.selector,
            InterbankHandler.transferReserves.selector,
            InterbankHandler.setBankAccount.selector
        );
        (s[3], s[4], s[5]) = (
            InterbankHandler.pay.selector,
            InterbankHandler.payWithAnothersMoney.selector,
            InterbankHandler.cancelQuote.selector
        );
        (s[6], s[7], s[8]) = (
            InterbankHandler.toggleControls.selector,
            InterbankHandler.pay.selector,
            InterbankHandler.pay.selector
        );
        _target(address(payments), s); // pay three times: the main path
        s = new bytes4[](4);
        (s[0], s[1]) = (DocumentHandler.register.selector, DocumentHandler.supersede.selector);
        (s[2], s[3]) = (DocumentHandler.revoke.selector, DocumentHandler.toggleIssuer.selector);
        _target(address(issuers), s);
        _openTrustReceipts();
        _openCredits();
        _openPlatformGateway();
    }

    // ------------------------------------------------------------------ exports to other platforms (PINT)

    /// @dev The platform gateway on the registry: a verified CUSTODY participant with EBL GATEWAY, its operator the
    /// handler's; the traders approve it for their eBLs; its handler is a target.
    function _openPlatformGateway() internal {
        platformGateway = new PlatformGateway(ebl, address(manager));
        _register(address(platformGateway), ParticipantKinds.CUSTODY);
        w.addCustodian(address(platformGateway));
        pintHandler = new PlatformGatewayHandler(w, platformGateway);
        // This test renounced the manager's admin role at the end of the setup's first part: the world's admin wires.
        vm.startPrank(w.ADMIN());
        RailsRoles.wire(manager, platformGateway);
        manager.grantRole(RailsRoles.EBL_GATEWAY, address(platformGateway), 0);
        manager.grantRole(RailsRoles.PINT_OPERATOR, pintHandler.OPERATOR(), 0);
        vm.stopPrank();
        w.setExpectedRole(RailsRoles.EBL_GATEWAY, address(platformGateway), true);
        w.setExpectedRole(RailsRoles.PINT_OPERATOR, pintHandler.OPERATOR(), true);
        for (uint256 i; i < 3; ++i) {
            vm.prank(w.traders(i));
            ebl.setApprovalForAll(address(platformGateway), true);
        }
        bytes4[] memory s = new bytes4[](5);
        (s[0], s[1], s[2]) = (
            PlatformGatewayHandler.lock.selector,
            PlatformGatewayHandler.complete.selector,
            PlatformGatewayHandler.cancel.selector
        );
        (s[3], s[4]) = (PlatformGatewayHandler.bringBack.selector, PlatformGatewayHandler.lock.selector);
        _target(address(pintHandler), s); // lock twice: the start of every path
    }

    /// @notice An eBL that entered the platform gateway is never lost: while its export is Locked the gateway holds it
    /// (status Issued); once Completed the registry has it Exported (burned here); once Cancelled the gateway no longer
    /// holds it (the handler checked on the spot that it went to the holder that locked it); and the gateway holds
    /// exactly the eBLs whose exports are Locked.
    function invariant_platformGatewayNeverLosesAnEbl() public view {
        uint256 lockedNow;
        for (uint256 i; i < pintHandler.lockedLength(); ++i) {
            uint256 id = pintHandler.lockedIds(i);
            IPlatformGateway.ExportStatus status = platformGateway.exportOf(id).status;
            IBillOfLadingRegistry.Bill memory b = ebl.billOf(id);
            if (status == IPlatformGateway.ExportStatus.Locked) {
                ++lockedNow;
                assertEq(b.holder, address(platformGateway), "a locked eBL is not in the gateway");
                assertEq(
                    uint256(b.status),
                    uint256(IBillOfLadingRegistry.BillStatus.Issued),
                    "a locked eBL changed status"
                );
            } else if (status == IPlatformGateway.ExportStatus.Completed) {
                assertEq(
                    uint256(b.status),
                    uint256(IBillOfLadingRegistry.BillStatus.Exported),
                    "a completed export is live"
                );
            } else {
                assertTrue(b.holder != address(platformGateway), "the gateway kept an eBL it no longer locks");
            }
        }
        assertEq(ebl.balanceOf(address(platformGateway)), lockedNow, "the gateway holds an eBL nobody locked");
    }

    // ------------------------------------------------------------------ trust receipts

    /// @dev The trust receipts contract on the registry, a verified CUSTODY participant; the banks approve it for their
    /// eBLs, the traders allow it their deposits (to repay); its handler is a target.
    function _openTrustReceipts() internal {
        trustReceipts = new TrustReceipts(ebl, address(manager));
        _register(address(trustReceipts), ParticipantKinds.CUSTODY);
        w.addCustodian(address(trustReceipts));
        for (uint256 i; i < 2; ++i) {
            vm.prank(w.banks(i));
            ebl.setApprovalForAll(address(trustReceipts), true);
        }
        for (uint256 i; i < 3; ++i) {
            for (uint256 c; c < 2; ++c) {
                vm.prank(w.traders(i));
                tokens[c].approve(address(trustReceipts), type(uint256).max);
            }
        }
        trustReceiptHandler = new TrustReceiptHandler(w, trustReceipts);
        bytes4[] memory s = new bytes4[](11);
        (s[0], s[1], s[2]) = (
            TrustReceiptHandler.open.selector,
            TrustReceiptHandler.open.selector,
            TrustReceiptHandler.surrender.selector
        );
        (s[3], s[4], s[5]) = (
            TrustReceiptHandler.resume.selector,
            TrustReceiptHandler.returnToBank.selector,
            TrustReceiptHandler.repay.selector
        );
        (s[6], s[7], s[8]) = (
            TrustReceiptHandler.repay.selector,
            TrustReceiptHandler.release.selector,
            TrustReceiptHandler.recall.selector
        );
        (s[9], s[10]) = (TrustReceiptHandler.markDefaulted.selector, TrustReceiptHandler.misuse.selector);
        _target(address(trustReceiptHandler), s); // open and repay twice: the main path
    }

    /// @notice An importer holds an eBL that came through a trust receipt only if it repaid in full or the bank released
    /// it: every receipt whose eBL the contract delivered to the importer is Repaid (in full) or Released.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_trustReceiptImporterGetsTheEblOnlyRepaidOrReleased() public view {
        uint256 n = trustReceiptHandler.receiptsLength();
        for (uint256 i; i < n; ++i) {
            bytes32 id = trustReceiptHandler.receiptIds(i);
            if (!trustReceiptHandler.deliveredToImporter(id)) continue;
            ITrustReceipts.Receipt memory r = trustReceipts.receiptOf(id);
            assertTrue(
                r.status == ITrustReceipts.Status.Released ||
                    (r.status == ITrustReceipts.Status.Repaid && r.repaid == r.amount),
                "an importer got the eBL without repaying or a release"
            );
        }
    }

    /// @notice What a receipt records as repaid never exceeds its amount, is exactly what the repayments moved, and the
    /// contract keeps no money (repayments go straight to the bank).
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_trustReceiptRepaidIsWhatWasPaidAndAtMostTheAmount() public view {
        uint256 n = trustReceiptHandler.receiptsLength();
        for (uint256 i; i < n; ++i) {
            bytes32 id = trustReceiptHandler.receiptIds(i);
            ITrustReceipts.Receipt memory r = trustReceipts.receiptOf(id);
            assertLe(r.repaid, r.amount, "repaid above the amount");
            assertEq(r.repaid, trustReceiptHandler.repaidGhost(id), "repaid != the repayments that moved");
            assertEq(r.status == ITrustReceipts.Status.Repaid, r.repaid == r.amount, "Repaid iff repaid in full");
        }
        for (uint256 c; c < 2; ++c)
            assertEq(tokens[c].balanceOf(address(trustReceipts)), 0, "trust receipts kept money");
    }

    /// @notice Every eBL the contract holds belongs to exactly one receipt that still has a claim on it (Active, or
    /// surrendered / closed with the eBL back, which {TrustReceipts-resume} resolves: a path out); every Active receipt's
    /// eBL is in custody; at most one Active receipt per eBL.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_trustReceiptCustodyIsOneReceiptPerEbl() public view {
        uint256 ids = w.idsLength();
        uint256 n = trustReceiptHandler.receiptsLength();
        uint256 held;
        for (uint256 e; e < ids; ++e) {
            uint256 tokenId = w.ids(e);
            uint256 active;
            for (uint256 i; i < n; ++i) {
                ITrustReceipts.Receipt memory r = trustReceipts.receiptOf(trustReceiptHandler.receiptIds(i));
                if (r.tokenId == tokenId && r.status == ITrustReceipts.Status.Active) ++active;
            }
            assertLe(active, 1, "two Active receipts on one eBL");
            if (ebl.holderOf(tokenId) != address(trustReceipts)) {
                assertEq(active, 0, "an Active receipt without its eBL");
                continue;
            }
            ++held;
            bytes32 owner = trustReceipts.receiptOfEbl(tokenId);
            ITrustReceipts.Receipt memory o = trustReceipts.receiptOf(owner);
            assertEq(o.tokenId, tokenId, "a held eBL attributed to another eBL's receipt");
            ITrustReceipts.Status s = o.status;
            assertTrue(
                s == ITrustReceipts.Status.Active ||
                    s == ITrustReceipts.Status.Surrendered ||
                    s == ITrustReceipts.Status.Defaulted ||
                    s == ITrustReceipts.Status.Repaid ||
                    s == ITrustReceipts.Status.Released,
                "a held eBL whose receipt has ended"
            );
            assertEq(active, s == ITrustReceipts.Status.Active ? 1 : 0, "the held eBL's receipt is not the Active one");
        }
        assertEq(ebl.balanceOf(address(trustReceipts)), held, "eBLs in custody outside any receipt");
    }

    /// @notice A recall never happens before default: every Recalled receipt was recalled after its due date.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_trustReceiptRecallOnlyInDefault() public view {
        uint256 n = trustReceiptHandler.receiptsLength();
        for (uint256 i; i < n; ++i) {
            bytes32 id = trustReceiptHandler.receiptIds(i);
            ITrustReceipts.Receipt memory r = trustReceipts.receiptOf(id);
            if (r.status != ITrustReceipts.Status.Recalled) continue;
            assertTrue(trustReceiptHandler.recalledAt(id) > r.dueDate, "recalled before default");
            assertTrue(r.repaid < r.amount, "recalled although repaid");
        }
    }

    /// @notice A deterministic walk through the trust receipts' paths (with the carrier's answers, time passing and the
    /// registrar's changes) reaches each of them, with every rule kept and the invariants holding.
    function test_trustReceiptWalkReachesEveryPath() public {
        uint256 seed = 22;
        for (uint256 i; i < 400; ++i) {
            seed = uint256(keccak256(abi.encode(seed)));
            uint256 a = uint256(keccak256(abi.encode(seed, 1)));
            uint256 b = uint256(keccak256(abi.encode(seed, 2)));
            uint256 op = seed % 22;
            if (op < 3) trustReceiptHandler.open(a, b, a >> 8, b >> 8, (b >> 16) % 2 == 0);
            else if (op < 5) trustReceiptHandler.surrender(a);
            else if (op < 7) _answerTrustReceiptSurrender(a, uint8(b % 2));
            else if (op == 7) trustReceiptHandler.resume(a, b);
            else if (op == 8) trustReceiptHandler.returnToBank(a);
            else if (op < 11) trustReceiptHandler.repay(a, b, a >> 8);
            else if (op == 11) trustReceiptHandler.release(a, b);
            else if (op == 12) trustReceiptHandler.recall(a, b);
            else if (op < 15) trustReceiptHandler.markDefaulted(a, b);
            else if (op == 15) trustReceiptHandler.misuse(a, b, uint8(a >> 8));
            else if (op < 18) vm.warp(block.timestamp + (a % 2 days));
            else if (op == 18) carrier.issue(a, b, 0, false);
            else holders.transferEbl(a, b);
        }
        assertEq(w.violations(), 0, w.firstViolation());
        string[12] memory kinds = [
            "trust receipt opened",
            "trust receipt surrendered",
            "trust receipt resumed",
            "trust receipt returned",
            "trust receipt repayment",
            "trust receipt repaid",
            "trust receipt released",
            "trust receipt recalled",
            "trust receipt defaulted",
            "trust receipt title delivered",
            "trust receipt misuse refused",
            "trust receipt forgery refused"
        ];
        for (uint256 i; i < kinds.length; ++i) assertTrue(w.count(bytes32(bytes(kinds[i]))) > 0, kinds[i]);
        invariant_trustReceiptImporterGetsTheEblOnlyRepaidOrReleased();
        invariant_trustReceiptRepaidIsWhatWasPaidAndAtMostTheAmount();
        invariant_trustReceiptCustodyIsOneReceiptPerEbl();
        invariant_trustReceiptRecallOnlyInDefault();
        invariant_oneHolderPerLiveEblAndBurnedStayBurned();
    }

    /// @dev The carrier accepts (`what` 0) or rejects (1) a pending surrender of a trust receipt's eBL, the first
    /// from `seed` on.
    function _answerTrustReceiptSurrender(uint256 seed, uint8 what) internal {
        uint256 n = trustReceiptHandler.receiptsLength();
        uint256 ids = w.idsLength();
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = trustReceipts.receiptOf(trustReceiptHandler.receiptIds((seed + i) % n)).tokenId;
            if (ebl.surrendererOf(tokenId) != address(trustReceipts)) continue;
            for (uint256 k; k < ids; ++k) {
                if (w.ids(k) == tokenId) return carrier.answer(k, what, bytes32(0));
            }
        }
    }

    /// @dev Bank 2's HKD deposit under its own access manager; the reserves of both currencies, each admitting the
    /// interbank contract as settlement agent; the banks opted in (through the handler, so checked), reserves issued to
    /// every bank and the dealer in both currencies; bank 2's deposits to the traders; the sellers' approval of the
    /// cross-bank settlement contract and its markets for the three deposit tokens.
    function _openInterbank() internal {
        RailsAccessManager bank2Manager = new RailsAccessManager(address(this));
        TokenizedDeposit hkd2 = new TokenizedDeposit(
            ITokenizedDeposit.Config({
                name: "Kowloon Bank HKD Deposit",
                symbol: "kbHKD",
                decimals: 2,
                currency: "HKD",
                registry: participants,
                issuer: w.BANK2(),
                issuerId: "LEI:KOWLOONBANK0002",
                supplyCap: 0,
                authority: address(bank2Manager)
            })
        );
        RailsRoles.wire(bank2Manager, hkd2);
        bank2Manager.grantRole(RailsRoles.deposit("HKD", RailsRoles.MINTER), address(interbank), 0);
        bank2Manager.grantRole(RailsRoles.deposit("HKD", RailsRoles.BURNER), address(interbank), 0);
        bank2Manager.grantRole(RailsRoles.deposit("HKD", RailsRoles.MINTER), w.MINTER(), 0);
        bank2Manager.grantRole(RailsRoles.deposit("HKD", RailsRoles.PAUSER), w.PAUSER(), 0);
        bank2Manager.grantRole(RailsRoles.deposit("HKD", RailsRoles.FREEZER), w.FREEZER(), 0);
        bank2Manager.grantRole(RailsRoles.ADMIN, w.BANK2(), 0);
        bank2Manager.grantRole(RailsRoles.deposit("HKD", RailsRoles.DEPOSIT_ADMIN), w.BANK2(), 0);
        bank2Manager.renounceRole(RailsRoles.deposit("HKD", RailsRoles.DEPOSIT_ADMIN), address(this));
        bank2Manager.renounceRole(RailsRoles.ADMIN, address(this));

        WholesaleReserve[2] memory reserves = [
            new WholesaleReserve("HKD Wholesale Reserve", "rHKD", "HKD", 2, participants, w.centralBanks(0)),
            new WholesaleReserve("CNH Wholesale Reserve", "rCNH", "CNH", 2, participants, w.centralBanks(1))
        ];
        for (uint256 c; c < 2; ++c) {
            vm.prank(w.centralBanks(c));
            reserves[c].setSettlementAgent(address(interbank), true);
        }
        w.initInterbank(reserves[0], reserves[1], interbank, crossBank, hkd2, bank2Manager);

        uint256 capacities = (uint256(300_000_00 - 1) << 64) | (300_000_00 - 1); // both 2,999,999.99
        for (uint256 k; k < 3; ++k) payments.setBankAccount(k, 0, capacities);
        for (uint256 c; c < 2; ++c) {
            for (uint256 i; i < 4; ++i) payments.issueOrRedeem(c, i, 500_000_00 - 1, 0); // 5,000,000.00 each
        }
        vm.startPrank(w.ADMIN());
        for (uint256 k; k < 3; ++k) crossBank.setMarket(address(ebl), address(w.depositToken(k)), address(interbank));
        vm.stopPrank();
        for (uint256 i; i < 3; ++i) {
            address trader = w.traders(i);
            vm.prank(w.MINTER());
            hkd2.mint(trader, INITIAL_BALANCE, "CBS-OPENING");
            w.addMinted(2, INITIAL_BALANCE);
            vm.prank(trader);
            ebl.setApprovalForAll(address(crossBank), true);
        }
        assertEq(w.count("participation set"), 3, "three banks opted in");
        assertEq(w.count("reserves issued"), 8, "reserves issued to every holder in both currencies");
        assertEq(w.violations(), 0, w.firstViolation());
    }

    /// @dev Letters of credit: the credits contract (a verified custody participant), the banks funded with their own
    /// deposit and approving it, the traders approving it for their eBLs and reimbursements; two credits issued to
    /// start with, so that the credit invariants hold something from the first call.
    function _openCredits() internal {
        credits = new DocumentaryCredits(participants, ebl, w.documentsCondition(), address(manager));
        _register(address(credits), ParticipantKinds.CUSTODY);
        w.addCustodian(address(credits));
        for (uint256 c; c < 2; ++c) {
            address bank = w.banks(c);
            vm.prank(w.MINTER());
            tokens[c].mint(bank, INITIAL_BALANCE * 10, "CBS-LC-FUNDING");
            w.addMinted(c, INITIAL_BALANCE * 10);
            vm.prank(bank);
            tokens[c].approve(address(credits), type(uint256).max);
        }
        for (uint256 i; i < 3; ++i) {
            vm.startPrank(w.traders(i));
            ebl.setApprovalForAll(address(credits), true);
            tokens[0].approve(address(credits), type(uint256).max);
            tokens[1].approve(address(credits), type(uint256).max);
            vm.stopPrank();
        }
        lcs = new CreditHandler(w, credits);
        lcs.issue(uint256(keccak256("first credit")));
        lcs.issue(uint256(keccak256("second credit")));
        assertEq(lcs.creditsLength(), 2, "two credits at start");
        bytes4[] memory s = new bytes4[](8);
        (s[0], s[1], s[2]) = (CreditHandler.issue.selector, CreditHandler.present.selector, CreditHandler.act.selector);
        (s[3], s[4], s[5]) = (
            CreditHandler.act.selector,
            CreditHandler.reimburse.selector,
            CreditHandler.amend.selector
        );
        (s[6], s[7]) = (CreditHandler.close.selector, CreditHandler.present.selector);
        _target(address(lcs), s); // act and present twice: the main path
    }

    function _target(address handler, bytes4[] memory selectors) internal {
        targetContract(handler);
        targetSelector(FuzzSelector({addr: handler, selectors: selectors}));
    }

    function _selectors2(bytes4 a, bytes4 b) internal pure returns (bytes4[] memory s) {
        s = new bytes4[](2);
        (s[0], s[1]) = (a, b);
    }

    function _register(address account, uint32 kinds) internal {
        vm.prank(w.REGISTRAR());
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

    function _deployToken(bytes3 currency, address bank) internal returns (TokenizedDeposit) {
        return
            new TokenizedDeposit(
                ITokenizedDeposit.Config({
                    name: "Harbour Bank Deposit",
                    symbol: "hbDEP",
                    decimals: 2,
                    currency: currency,
                    registry: participants,
                    issuer: bank,
                    issuerId: "LEI:HARBOURBANK0001",
                    supplyCap: 0,
                    authority: address(manager)
                })
            );
    }

    function _grant(uint64 role, address account) internal {
        manager.grantRole(role, account, 0);
        w.setExpectedRole(role, account, true);
    }

    // ------------------------------------------------------------------ invariants

    /// @notice Per deposit token (HKD and CNH under the rails' manager, bank 2's HKD under its own): total supply ==
    /// Σ minted − Σ burned − Σ redeemed (the ghost totals of the successful calls, interbank payments' mints and burns
    /// included); the balances of all accounts add up to the supply; every frozen part is covered by its balance.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_depositSupplyIsMintsMinusBurnsMinusRedemptions() public view {
        address[] memory accounts = w.accounts();
        for (uint256 c; c < 3; ++c) {
            TokenizedDeposit t = w.depositToken(c);
            assertEq(
                t.totalSupply(),
                w.minted(c) - w.burned(c) - w.redeemed(c),
                "supply != mints - burns - redemptions"
            );
            uint256 sum = t.balanceOf(w.STRANGER()) + t.balanceOf(w.RELAYER());
            for (uint256 i; i < accounts.length; ++i) {
                sum += t.balanceOf(accounts[i]);
                assertLe(t.frozenAmount(accounts[i]), t.balanceOf(accounts[i]), "frozen part above the balance");
            }
            assertEq(sum, t.totalSupply(), "balances do not add up to the supply");
            assertEq(t.balanceOf(w.STRANGER()), 0, "an unverified account holds deposits");
        }
    }

    /// @notice Per currency: the escrow's balance == its `escrowedBalance` (so never above the balance) == Σ `paid` of
    /// its deals (open, or cancelled with a return pending) == what the handlers counted in and out.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_escrowHoldsExactlyTheOpenLegs() public view {
        for (uint256 c; c < 2; ++c) {
            address token = address(tokens[c]);
            uint256 sum;
            uint256 n = w.dealsLength();
            for (uint256 i; i < n; ++i) {
                if (w.deal(i).paymentToken == token) sum += escrow.dealOf(w.dealIds(i)).paid;
            }
            uint256 balance = tokens[c].balanceOf(address(escrow));
            assertLe(escrow.escrowedBalance(token), balance, "escrowedBalance above the escrow's balance");
            assertEq(balance, escrow.escrowedBalance(token), "balance != escrowedBalance");
            assertEq(balance, sum, "balance != sum of the deals' payments");
            assertEq(balance, w.escrowed(c), "balance != deposits in minus payments out");
        }
    }

    /// @notice The pass-throughs hold nothing: per currency the rail holds exactly the strays the handlers sent it on
    /// purpose and the admin has not recovered (never a payment), the signed settlement holds no money; neither holds
    /// an eBL.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_railAndSignedSettlementHoldNothing() public view {
        for (uint256 c; c < 2; ++c) {
            assertEq(tokens[c].balanceOf(address(rail)), w.railStray(c), "the rail holds more than the strays");
            assertEq(tokens[c].balanceOf(address(signed)), 0, "the signed settlement holds money");
        }
        assertEq(ebl.balanceOf(address(rail)), 0, "the rail holds an eBL");
        assertEq(ebl.balanceOf(address(signed)), 0, "the signed settlement holds an eBL");
    }

    /// @notice The escrow holds exactly the eBLs of deals with `eblHeld` (one deal per eBL, and that deal
    /// is the eBL's `openDealOf`), and nothing else.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_settlementHoldsExactlyTheEblsOfItsDeals() public view {
        uint256 n = w.dealsLength();
        uint256 ids = w.idsLength();
        uint256 held;
        for (uint256 e; e < ids; ++e) {
            uint256 tokenId = w.ids(e);
            uint256 deals;
            bytes32 holding;
            for (uint256 i; i < n; ++i) {
                if (w.deal(i).tokenId == tokenId && escrow.dealOf(w.dealIds(i)).eblHeld) {
                    ++deals;
                    holding = w.dealIds(i);
                }
            }
            assertLe(deals, 1, "an eBL held for two deals");
            assertEq(ebl.holderOf(tokenId) == address(escrow), deals == 1, "custody differs from the deals holding it");
            if (deals == 1) {
                assertEq(escrow.openDealOf(address(ebl), tokenId), holding, "openDealOf != the deal holding the eBL");
                ++held;
            }
        }
        assertEq(ebl.balanceOf(address(escrow)), held, "eBLs in custody != eBLs held by deals");
    }

    /// @notice Singularity and ownership: no identity issued twice; each live eBL has exactly one holder, a known
    /// verified-at-receipt party; burned eBLs stay burned with no holder, as does an exported one while away; the
    /// balances add up to the live eBLs; title is only ever with a trader (or blank) and a straight eBL's title never
    /// moves.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_oneHolderPerLiveEblAndBurnedStayBurned() public view {
        uint256 n = w.idsLength();
        uint256 live;
        for (uint256 i; i < n; ++i) {
            uint256 id = w.ids(i);
            assertEq(w.issueCount(id), 1, "an identity issued twice");
            IBillOfLadingRegistry.Bill memory b = ebl.billOf(id);
            IBillOfLadingRegistry.BillStatus terminal = w.terminalStatus(id);
            if (terminal != IBillOfLadingRegistry.BillStatus.None) {
                assertEq(uint256(b.status), uint256(terminal), "a burned eBL changed status");
            }
            // An exported eBL (to another chain, through the gateway) is burned here, with no holder, until it
            // is imported back.
            bool isLive =
                b.status != IBillOfLadingRegistry.BillStatus.Accomplished &&
                    b.status != IBillOfLadingRegistry.BillStatus.SwitchedToPaper &&
                    b.status != IBillOfLadingRegistry.BillStatus.Exported;
            if (isLive) {
                ++live;
                assertTrue(b.holder != address(0), "a live eBL without a holder");
                assertEq(ebl.ownerOf(id), b.holder, "ownerOf != holder");
            } else {
                assertEq(b.holder, address(0), "a burned eBL has a holder");
            }
            if (b.titleHolder != address(0)) {
                assertTrue(w.keyOf(b.titleHolder) != 0, "title with a party that is not a trader");
            }
        }
        address[] memory accounts = w.accounts();
        uint256 balances = ebl.balanceOf(w.STRANGER()) + ebl.balanceOf(w.RELAYER());
        for (uint256 i; i < accounts.length; ++i) balances += ebl.balanceOf(accounts[i]);
        assertEq(balances, live, "eBL balances != live eBLs");
        assertEq(ebl.balanceOf(w.STRANGER()), 0, "an unverified account holds an eBL");
    }

    /// @notice Roles cannot be escalated: for every role of the access manager and every known account, membership is
    /// what the role admins' successful grants and revocations (and a holder's own renunciation) made it; the
    /// manager's admin is still only the world's admin; every contract still answers to the manager, and its gated
    /// functions to the same roles.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_rolesChangeOnlyThroughTheAdmin() public view {
        address[] memory accounts = w.accounts();
        uint64[] memory roles = _roles();
        for (uint256 r; r < roles.length; ++r) {
            for (uint256 i; i < accounts.length; ++i) {
                (bool isMember, ) = manager.hasRole(roles[r], accounts[i]);
                assertEq(isMember, w.expectedRole(roles[r], accounts[i]), "role holders changed");
            }
            (bool stranger, ) = manager.hasRole(roles[r], w.STRANGER());
            assertFalse(stranger, "the stranger holds a role");
        }
        assertEq(participants.authority(), address(manager), "the register left the manager");
        assertEq(ebl.authority(), address(manager), "the eBL registry left the manager");
        assertEq(signed.authority(), address(manager), "the signed settlement left the manager");
        assertEq(escrow.authority(), address(manager), "the escrowed deals left the manager");
        assertEq(rail.authority(), address(manager), "the rail left the manager");
        assertEq(interbank.authority(), address(manager), "the interbank contract left the manager");
        assertEq(
            manager.getTargetFunctionRole(address(interbank), interbank.payFor.selector),
            RailsRoles.INTERBANK_SETTLER,
            "payFor opened"
        );
        assertEq(
            manager.getTargetFunctionRole(address(rail), rail.recoverStrayToken.selector),
            RailsRoles.SETTLEMENT_ADMIN,
            "the rail's recovery opened"
        );
        assertEq(rail.SIGNED_SETTLEMENT(), address(signed), "the rail serves another signed settlement");
        assertEq(rail.ESCROWED_DEALS(), address(escrow), "the rail serves other escrowed deals");
        assertEq(manager.getTargetFunctionRole(address(ebl), ebl.issue.selector), RailsRoles.EBL_ISSUER, "issue");
        for (uint256 c; c < 2; ++c) {
            TokenizedDeposit t = tokens[c];
            assertEq(t.authority(), address(manager), "a token left the manager");
            uint64 minter = RailsRoles.deposit(t.currency(), RailsRoles.MINTER);
            assertEq(manager.getTargetFunctionRole(address(t), t.mint.selector), minter, "mint opened");
            assertEq(manager.getRoleAdmin(minter), RailsRoles.deposit(t.currency(), 0), "minter's admin changed");
        }
    }

    /// @notice Every successful call of every actor obeyed the rules at the moment it happened (see the handlers), and
    /// every settlement moved both legs or neither.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_everyCallObeyedTheRules() public view {
        assertEq(w.violations(), 0, w.firstViolation());
    }

    // ------------------------------------------------------------------ documents against acceptance

    /// @dev The D/A collection and the payment obligations token, wired as Ignition wires them (the OBLIGATION
    /// ISSUER role to the collection, both verified custody participants, both counted as world accounts), the banks
    /// funded in both currencies to discount and to pay under aval, every trader's and bank's allowance to the
    /// obligations contract, and the handler that drives them.
    function _openAcceptances() internal {
        PaymentObligations obligations = new PaymentObligations(participants, address(manager));
        DocumentsAgainstAcceptance da = new DocumentsAgainstAcceptance(
            ebl,
            participants,
            obligations,
            address(manager)
        );
        RailsRoles.wire(manager, obligations);
        manager.grantRole(RailsRoles.OBLIGATION_ISSUER, address(da), 0);
        _register(address(obligations), ParticipantKinds.CUSTODY);
        _register(address(da), ParticipantKinds.CUSTODY);
        w.addCustodian(address(da));
        w.addCustodian(address(obligations));
        for (uint256 c; c < 2; ++c) {
            TokenizedDeposit t = tokens[c];
            for (uint256 b; b < 2; ++b) {
                address bank = w.banks(b);
                vm.prank(w.MINTER());
                t.mint(bank, INITIAL_BALANCE, "CBS-OPENING");
                w.addMinted(c, INITIAL_BALANCE);
                vm.prank(bank);
                t.approve(address(obligations), type(uint256).max);
            }
            for (uint256 i; i < 3; ++i) {
                vm.prank(w.traders(i));
                t.approve(address(obligations), type(uint256).max);
            }
        }
        acceptances = new AcceptanceHandler(w, da);
        obligationHolders = new ObligationHandler(w, acceptances);
        bytes4[] memory s = new bytes4[](5);
        (s[0], s[1], s[2]) = (
            AcceptanceHandler.lodge.selector,
            AcceptanceHandler.accept.selector,
            AcceptanceHandler.refuseOrWithdraw.selector
        );
        (s[3], s[4]) = (AcceptanceHandler.returnUnaccepted.selector, AcceptanceHandler.lodge.selector);
        _target(address(acceptances), s); // lodge twice: the main path
        s = new bytes4[](7);
        (s[0], s[1], s[2]) = (
            ObligationHandler.transferObligation.selector,
            ObligationHandler.discount.selector,
            ObligationHandler.avalise.selector
        );
        (s[3], s[4], s[5]) = (
            ObligationHandler.settle.selector,
            ObligationHandler.toggleAllowance.selector,
            ObligationHandler.warp.selector
        );
        s[6] = ObligationHandler.settle.selector;
        _target(address(obligationHolders), s); // settle twice: the main path
    }

    /// @dev A fixed walk through the D/A and obligation handlers reaches every path (lodging, both kinds of acceptance,
    /// refusal, withdrawal, return after the deadline, transfer, discount, aval, payment, dishonour, late payment)
    /// without a broken rule, and the invariants hold at its end: the campaigns above are not vacuous.
    function test_acceptanceWalkReachesEveryPath() public {
        uint256 seed = 22;
        for (uint256 i; i < 400; ++i) {
            seed = uint256(keccak256(abi.encode(seed)));
            uint256 a = uint256(keccak256(abi.encode(seed, 1)));
            uint256 b = uint256(keccak256(abi.encode(seed, 2)));
            uint256 op = seed % 20;
            if (op < 4) acceptances.lodge(a, b, a >> 8, b >> 8, a >> 16);
            else if (op < 8) acceptances.accept(a, b % 2 == 0, b);
            else if (op == 8) acceptances.refuseOrWithdraw(a, b % 2 == 0);
            else if (op == 9) acceptances.returnUnaccepted(a, b);
            else if (op == 10) carrier.issue(a, b, 0, false);
            else if (op == 11) obligationHolders.transferObligation(a, b);
            else if (op == 12) obligationHolders.discount(a, b, b >> 8);
            else if (op == 13) obligationHolders.avalise(a, b);
            else if (op < 17) obligationHolders.settle(a, uint8(b), b >> 8);
            else if (op == 17) obligationHolders.toggleAllowance(a, b, b % 2 == 0);
            else obligationHolders.warp(a % 12 hours);
        }
        // The drawees' allowances back, then every drawee pays what it owes: the dishonoured ones are paid late.
        for (uint256 i; i < 6; ++i) obligationHolders.toggleAllowance(i, i / 3, true);
        for (uint256 i; i < acceptances.obligationsLength(); ++i) obligationHolders.settle(i, 1, i);
        assertEq(w.violations(), 0, w.firstViolation());
        string[11] memory kinds = [
            "collection lodged",
            "accepted by allowance",
            "accepted by authorisation",
            "collection refused",
            "collection withdrawn",
            "collection returned",
            "obligation discounted",
            "obligation avalised",
            "paid",
            "paid late",
            "dishonoured"
        ];
        for (uint256 i; i < kinds.length; ++i) assertTrue(w.count(bytes32(bytes(kinds[i]))) > 0, kinds[i]);
        invariant_acceptanceDeliversTheEblOnlyAgainstAnObligation();
        invariant_obligationPaidAtMostOnceExactlyItsAmount();
        invariant_oneHolderPerLiveEblAndBurnedStayBurned();
        invariant_depositSupplyIsMintsMinusBurnsMinusRedemptions();
    }

    /// @notice The drawee receives the eBL only with its accepted obligation: every accepted collection has its
    /// obligation, issued to the lodger for the instructed drawee, token, amount and eBL, with a maturity at least the
    /// tenor after acceptance; and the collection contract holds exactly the eBLs of its lodged collections (each of
    /// which still has its way back: it is held there, live, and can be returned after its deadline, which the
    /// handler tries).
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_acceptanceDeliversTheEblOnlyAgainstAnObligation() public view {
        DocumentsAgainstAcceptance da = acceptances.da();
        PaymentObligations obligations = acceptances.obligations();
        uint256 n = acceptances.collectionsLength();
        uint256 lodged;
        for (uint256 i; i < n; ++i) {
            IDocumentsAgainstAcceptance.Collection memory c = da.collection(acceptances.collectionIds(i));
            if (c.status == IDocumentsAgainstAcceptance.CollectionStatus.Lodged) {
                ++lodged;
                assertEq(ebl.holderOf(c.eblTokenId), address(da), "a lodged eBL is not in custody");
                assertEq(c.obligationId, 0, "a lodged collection has an obligation");
            } else if (c.status == IDocumentsAgainstAcceptance.CollectionStatus.Accepted) {
                IPaymentObligations.Obligation memory o = obligations.obligation(c.obligationId);
                assertTrue(o.status != IPaymentObligations.ObligationStatus.None, "accepted without an obligation");
                assertEq(o.drawer, c.lodger, "the obligation's drawer is not the lodger");
                assertEq(o.drawee, c.drawee, "the obligation's drawee is not the drawee");
                assertEq(o.amount, c.amount, "the obligation's amount differs");
                assertEq(o.eblTokenId, c.eblTokenId, "the obligation names another eBL");
            } else {
                assertEq(c.obligationId, 0, "an unaccepted collection has an obligation");
            }
        }
        assertEq(ebl.balanceOf(address(da)), lodged, "eBLs in custody != lodged collections");
        assertEq(obligations.balanceOf(address(da)), 0, "the collection holds an obligation");
    }

    /// @notice Each obligation is paid at most once, exactly its amount, to the holder of that moment, who keeps the
    /// paid token; the obligations contract keeps no money; the obligations exist once each.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_obligationPaidAtMostOnceExactlyItsAmount() public view {
        PaymentObligations obligations = acceptances.obligations();
        uint256 n = acceptances.obligationsLength();
        for (uint256 i; i < n; ++i) {
            uint256 id = acceptances.obligationIds(i);
            IPaymentObligations.Obligation memory o = obligations.obligation(id);
            uint256 paid = obligationHolders.paidCount(id);
            assertLe(paid, 1, "an obligation paid twice");
            assertEq(o.status == IPaymentObligations.ObligationStatus.Paid, paid == 1, "paid status != payments");
            if (paid == 1) {
                assertEq(obligationHolders.paidAmount(id), o.amount, "paid other than the amount");
                assertEq(
                    obligations.ownerOf(id),
                    obligationHolders.paidTo(id),
                    "a paid obligation moved after payment"
                );
            }
        }
        address[] memory accounts = w.accounts();
        uint256 held = obligations.balanceOf(w.STRANGER());
        for (uint256 i; i < accounts.length; ++i) held += obligations.balanceOf(accounts[i]);
        assertEq(held, n, "obligations held != obligations issued by acceptances");
        assertEq(obligations.balanceOf(w.STRANGER()), 0, "an unverified account holds an obligation");
        for (uint256 c; c < 2; ++c) {
            assertEq(tokens[c].balanceOf(address(obligations)), 0, "the obligations contract holds money");
            assertEq(tokens[c].balanceOf(address(acceptances.da())), 0, "the collection holds money");
        }
    }

    // ------------------------------------------------------------------ letters of credit

    /// @notice Per token, the credits contract holds exactly Σ over its Issued credits of amount − drawn (plus a
    /// pending amendment's increase), which is what the banks funded minus what was paid to beneficiaries and refunded
    /// to banks, counted on their balances.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_creditEscrowIsFundedMinusPaidMinusRefunded() public view {
        uint256[2] memory sum;
        uint256 n = lcs.creditsLength();
        for (uint256 i; i < n; ++i) {
            bytes32 id = lcs.creditIds(i);
            IDocumentaryCredits.Credit memory c = credits.creditOf(id);
            if (c.status != IDocumentaryCredits.CreditStatus.Issued) continue;
            uint256 held = c.terms.amount - c.drawn;
            IDocumentaryCredits.Amendment memory a = credits.amendmentOf(id);
            if (a.pending && a.amount > c.terms.amount) held += a.amount - c.terms.amount;
            sum[lcs.tokenIndexOf(id)] += held;
        }
        for (uint256 k; k < 2; ++k) {
            uint256 balance = tokens[k].balanceOf(address(credits));
            assertEq(balance, sum[k], "credits: escrow != sum of the open credits' undrawn amounts");
            assertEq(balance, lcs.escrowIn(k) - lcs.escrowOut(k), "credits: escrow != funded - paid - refunded");
        }
    }

    /// @notice A credit never pays more than its amount: what its beneficiary was paid equals its drawings, and
    /// drawings plus reservations never exceed its amount.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_creditsNeverPayAboveTheirAmount() public view {
        uint256 n = lcs.creditsLength();
        for (uint256 i; i < n; ++i) {
            bytes32 id = lcs.creditIds(i);
            IDocumentaryCredits.Credit memory c = credits.creditOf(id);
            assertEq(lcs.honoured(id), c.drawn, "credits: paid to the beneficiary != drawn");
            assertLe(c.drawn + c.reserved, c.terms.amount, "credits: drawings above the amount");
            assertLe(c.reimbursed, c.drawn, "credits: reimbursed above the drawings");
        }
    }

    /// @notice Every eBL the credits contract holds belongs to exactly one pending (Presented or Discrepant)
    /// presentation, and every pending presentation's eBL is held; each credit's reservation is the sum of its pending
    /// drawings.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_creditCustodyHoldsOnlyPendingPresentations() public view {
        uint256 n = lcs.presentationsLength();
        uint256 pending;
        for (uint256 i; i < n; ++i) {
            IDocumentaryCredits.Presentation memory p = credits.presentationOf(lcs.presentationIds(i));
            bool isPending =
                p.status == IDocumentaryCredits.PresentationStatus.Presented ||
                    p.status == IDocumentaryCredits.PresentationStatus.Discrepant;
            if (!isPending) continue;
            ++pending;
            assertEq(ebl.ownerOf(p.tokenId), address(credits), "credits: a pending presentation's eBL is not held");
        }
        assertEq(ebl.balanceOf(address(credits)), pending, "credits: holds an eBL of no pending presentation");
        uint256 credited = lcs.creditsLength();
        for (uint256 i; i < credited; ++i) {
            bytes32 id = lcs.creditIds(i);
            uint256 reserved;
            for (uint256 j; j < n; ++j) {
                IDocumentaryCredits.Presentation memory p = credits.presentationOf(lcs.presentationIds(j));
                if (
                    p.creditId == id &&
                    (p.status == IDocumentaryCredits.PresentationStatus.Presented ||
                        p.status == IDocumentaryCredits.PresentationStatus.Discrepant)
                ) reserved += p.amount;
            }
            assertEq(credits.creditOf(id).reserved, reserved, "credits: reserved != pending drawings");
        }
    }

    // ------------------------------------------------------------------ interbank invariants

    function _ghost(string memory what, address account, uint256 c) internal view returns (uint256) {
        return w.ghost(keccak256(abi.encode(what, account, c)));
    }

    /// @notice Invariant 1: reserves change only by the central bank's issue and redeem. Per currency, the reserves'
    /// supply == Σ issued − Σ redeemed (the ghost totals of the central bank's successful calls); the balances of the
    /// four reserve holders (the three banks and the dealer) add up to it, and nobody else holds reserves: no trader,
    /// central bank, interbank or cross-bank settlement contract, nor the stranger.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 40
    function invariant_reservesChangeOnlyByIssueAndRedeem() public view {
        address[] memory accounts = w.accounts();
        for (uint256 c; c < 2; ++c) {
            WholesaleReserve r = w.reserve(c);
            uint256 supply = r.totalSupply();
            assertEq(supply, _ghost("issued", address(0), c) - _ghost("redeemed", address(0), c), "reserves supply");
            uint256 held;
            for (uint256 i; i < 4; ++i) held += r.balanceOf(w.reserveHolder(i));
            assertEq(held, supply, "the banks' and the dealer's reserves != the supply");
            for (uint256 i; i < accounts.length; ++i) {
                address a = accounts[i];
                bool holder = a == w.banks(0) || a == w.banks(1) || a == w.BANK2() || a == w.dealer();
                if (!holder) assertEq(r.balanceOf(a), 0, "reserves held by someone who is not a bank");
            }
        }
    }

    /**
     * @notice Invariants 2 and 5. For every reserve holder h and currency c:
     *   reserves(h, c) == issued(h, c) − redeemed(h, c) + received(h, c) − sent(h, c)
     *                     + Σ over h's deposit tokens in c of (minted by payments − burned by payments)
     *                     + (h is the dealer ? Σ fills' pay amounts in c − Σ fills' receive amounts in c : 0)
     * (issued, redeemed: the central bank's calls; received, sent: direct transfers between banks): what interbank
     * payments change in a bank's deposit supply in a currency they change in its reserves in that currency, and the
     * dealer's reserves change only by the quotes it filled, + the pay-currency amount, − the receive-currency amount.
     * And per currency, the dealer never gave more than its quotes: Σ receive amounts of its fills <= Σ floor(pay
     * amount × rate / 1e18) of the same fills (each fill is checked on the spot as well).
     * forge-config: default.invariant.runs = 16
     * forge-config: default.invariant.depth = 40
     */
    function invariant_paymentsMoveDepositsAndReservesAlike() public view {
        address dealer = w.dealer();
        for (uint256 c; c < 2; ++c) {
            WholesaleReserve r = w.reserve(c);
            for (uint256 i; i < 4; ++i) {
                address h = w.reserveHolder(i);
                uint256 plus = _ghost("issued", h, c) + _ghost("received", h, c);
                uint256 minus = _ghost("redeemed", h, c) + _ghost("sent", h, c);
                if (i < 3 && w.currencyOf(i) == c) {
                    address token = address(w.depositToken(i));
                    plus += _ghost("payments minted", token, c);
                    minus += _ghost("payments burned", token, c);
                }
                if (h == dealer) {
                    plus += _ghost("dealer in", dealer, c);
                    minus += _ghost("dealer out", dealer, c);
                }
                assertEq(r.balanceOf(h) + minus, plus, "reserves moved other than deposits and fills");
            }
            assertLe(
                _ghost("dealer out", dealer, c),
                _ghost("dealer quoted", dealer, c),
                "dealer gave above its quotes"
            );
        }
    }

    /**
     * @notice Invariants 3 and 6: no path leaves a payment half done. Every completed direct payment's id is used up and every
     * refused payment's fresh id is still unused (a refused payment left nothing behind, not even its id); per
     * currency, what payments burned at the payers' banks plus what the dealer gave equals what they minted at the
     * payees' banks plus what the dealer took (every payment has all its legs: with invariant 2, each of them in the
     * banks' actual reserves). Every cross-bank settlement that completed is settled (its payment legs are in the per-currency sums); the
     * interbank and the cross-bank settlement contracts hold no deposits, no reserves and no eBL.
     * forge-config: default.invariant.runs = 16
     * forge-config: default.invariant.depth = 40
     */
    function invariant_noPaymentHalfDone() public view {
        uint256 n = w.paymentsLength();
        for (uint256 i; i < n; ++i) assertTrue(interbank.isPaymentIdUsed(w.paymentIds(i)), "a payment id not used up");
        n = w.refusedPaymentsLength();
        for (uint256 i; i < n; ++i) {
            assertFalse(interbank.isPaymentIdUsed(w.refusedPaymentIds(i)), "a refused payment used up its id");
        }
        address dealer = w.dealer();
        for (uint256 c; c < 2; ++c) {
            uint256 burned;
            uint256 minted;
            for (uint256 k; k < 3; ++k) {
                if (w.currencyOf(k) != c) continue;
                burned += _ghost("payments burned", address(w.depositToken(k)), c);
                minted += _ghost("payments minted", address(w.depositToken(k)), c);
            }
            assertEq(burned, _ghost("paid out", address(0), c), "burned != the payments' amounts paid");
            assertEq(minted, _ghost("paid in", address(0), c), "minted != the payments' amounts received");
            assertEq(
                burned + _ghost("dealer out", dealer, c),
                minted + _ghost("dealer in", dealer, c),
                "reserves out of payers' banks and the dealer != reserves into payees' banks and the dealer"
            );
            WholesaleReserve r = w.reserve(c);
            assertEq(r.balanceOf(address(interbank)) + r.balanceOf(address(crossBank)), 0, "reserves kept");
        }
        for (uint256 k; k < 3; ++k) {
            TokenizedDeposit t = w.depositToken(k);
            assertEq(t.balanceOf(address(interbank)) + t.balanceOf(address(crossBank)), 0, "deposits kept");
        }
        n = w.crossBankLength();
        for (uint256 i; i < n; ++i) {
            bytes32 id = w.crossBankIds(i);
            assertEq(uint256(crossBank.statusOf(id)), uint256(ISettlement.TermsStatus.Settled), "cross-bank: status");
            // Its id is the settlement's (the terms settle once), not recorded by the interbank contract.
            assertFalse(interbank.isPaymentIdUsed(id), "a cross-bank settlement's id recorded as a direct payment's");
        }
        assertEq(ebl.balanceOf(address(interbank)) + ebl.balanceOf(address(crossBank)), 0, "an eBL kept");
    }

    function _roles() internal view returns (uint64[] memory roles) {
        roles = new uint64[](23);
        for (uint64 r; r <= RailsRoles.INTERBANK_SETTLER; ++r) roles[r] = r; // ADMIN_ROLE (0) and the platform's
        for (uint256 c; c < 2; ++c) {
            for (uint64 r; r <= RailsRoles.CAP_MANAGER; ++r)
                roles[9 + c * 7 + r] = RailsRoles.deposit(tokens[c].currency(), r);
        }
    }

    /// @notice The deposit token refuses a forced transfer or a burn out of the settlement contract, which holds
    /// deposits for others, and this suite would catch one that got through: once the registrar has taken the
    /// settlement kind away, one unit forced out of the escrow and its books no longer match its balance.
    function test_escrowedMoneyCannotBeForcedOutAndTheEscrowInvariantWouldCatchIt() public {
        this.invariant_escrowHoldsExactlyTheOpenLegs();
        address to = w.traders(2);
        bytes memory refused = abi.encodeWithSelector(
            ITokenizedDeposit.DepositCustodianAccount.selector,
            address(escrow)
        );
        vm.prank(w.COMPLIANCE());
        vm.expectRevert(refused);
        tokens[0].forcedTransfer(address(escrow), to, 1, "COURT");
        vm.prank(w.BURNER());
        vm.expectRevert(refused);
        tokens[0].burn(address(escrow), 1, "CBS-BURN");
        this.invariant_escrowHoldsExactlyTheOpenLegs();

        IParticipantRegistry.Participant memory cur = participants.participant(address(escrow));
        vm.prank(w.REGISTRAR());
        participants.update(
            address(escrow),
            IParticipantRegistry.Registration({
                kinds: ParticipantKinds.TRADER,
                jurisdiction: cur.jurisdiction,
                validUntil: cur.validUntil,
                kycReference: cur.kycReference
            })
        );
        vm.prank(w.COMPLIANCE());
        tokens[0].forcedTransfer(address(escrow), to, 1, "COURT");
        try this.invariant_escrowHoldsExactlyTheOpenLegs() {
            assertTrue(false, "the escrow invariant missed a forced transfer out of the settlement contract");
        } catch {}
    }

    // ------------------------------------------------------------------ the handlers are not vacuous

    /// @notice Through the handlers: a deal whose condition refuses stays open with both legs where they were when
    /// the completing leg arrives; once the condition agrees the same leg settles the deal, once.
    function test_dealWithARefusingConditionStaysOpenUntilItAgrees() public {
        uint256 deals = w.dealsLength();
        traders.createDeal(3, 0, 2, 1_234_00, true); // buyer seed 2: (2 >> 8) % 3 == 0, the deal names the condition
        assertEq(w.dealsLength(), deals + 1, "deal created");
        ISettlement.Terms memory t = w.deal(deals);
        bytes32 id = w.dealIds(deals);
        assertEq(t.condition, address(w.condition()), "the deal names the condition");
        traders.switchCondition(0); // refuse
        traders.depositPayment(0, 0); // the latest deal, the whole price
        traders.depositEbl(0); // the latest deal, by the seller: completes it, refused
        ISettlement.Deal memory d = escrow.dealOf(id);
        assertEq(uint256(d.status), uint256(ISettlement.TermsStatus.Open), "refused: the deal is still open");
        assertFalse(d.eblHeld, "refused: the eBL is not in custody");
        assertEq(d.paid, t.amount, "refused: the payment is still held");
        assertEq(ebl.holderOf(t.tokenId), t.seller, "refused: the seller still holds the eBL");
        assertEq(w.count("deal condition refused"), 1, "the refusal was seen");
        traders.switchCondition(1); // agree
        traders.depositEbl(0);
        assertEq(uint256(escrow.dealOf(id).status), uint256(ISettlement.TermsStatus.Settled), "agreed: settled");
        assertEq(w.count("deal condition agreed"), 1, "settled once with the condition's agreement");
        assertEq(w.condition().agreed(), 1, "the condition was asked once");
        assertEq(w.violations(), 0, w.firstViolation());
        this.invariant_escrowHoldsExactlyTheOpenLegs();
    }

    function _latestDealOpen() internal view returns (bool) {
        uint256 n = w.dealsLength();
        return n != 0 && escrow.dealOf(w.dealIds(n - 1)).status == ISettlement.TermsStatus.Open;
    }

    /// @notice A pseudo-random walk of 400 calls (a new deal only once the latest one has ended, deposits weighted up)
    /// through the same handlers reaches every actor's main paths (issues, endorsements, surrenders and burns, deposit
    /// transfers and redemptions, mints, burns, forced transfers, signed and escrowed settlements, returned deals,
    /// registrar changes, a seller's re-endorsement between consent and settlement, a refused deposit by someone other
    /// than the seller, signed settlements and deals whose condition refused and agreed, a stranger refused by the rail,
    /// a stray recovered from the rail) and keeps every invariant.
    function test_randomWalkReachesEveryActor() public {
        uint256 seed = 2026;
        for (uint256 i; i < 400; ++i) {
            seed = uint256(keccak256(abi.encode(seed)));
            uint256 a = uint256(keccak256(abi.encode(seed, 1)));
            uint256 b = uint256(keccak256(abi.encode(seed, 2)));
            uint256 c = uint256(keccak256(abi.encode(seed, 3)));
            uint256 op = seed % 30;
            if (op == 0) registrar.revokeOrRenew(a);
            else if (op == 1) registrar.warp(a % 2 hours);
            else if (op == 2) carrier.issue(a, b, c, c % 4 == 0);
            else if (op == 3) carrier.answer(a, uint8(b), bytes32(c));
            else if (op == 4) holders.transferEbl(a, b);
            else if (op == 5) holders.endorse(a, b, uint8(c));
            else if (op == 6) holders.surrender(a, c % 3 == 0);
            else if (op == 7) holders.transferDeposit(a, b, c, a >> 8);
            else if (op == 8) holders.redeem(a, b, c);
            else if (op == 9) banks.mint(a, b, c);
            else if (op == 10) banks.burn(a, b, c);
            else if (op == 11) banks.forcedTransfer(a, b, c, a >> 8);
            else if (op == 12) banks.freezePart(a, b, c, c % 2 == 0);
            else if (op == 13) authorities.legalHold(a, uint8(b));
            else if (op == 14) authorities.intrude(a, b, uint8(c));
            else if (op == 15) traders.settleSigned(a, b, c, a >> 8, b % 2 == 0);
            else if (op == 16 && !_latestDealOpen()) traders.createDeal(a, b, c, a >> 8, b % 2 == 0);
            else if (op == 16 || op == 17 || op == 20)
                traders.depositEbl(a << 1); // even seed: the latest deal
            else if (op == 18 || op == 21 || op == 22) traders.depositPayment(a, b);
            else if (op == 24) traders.reendorseThenSettle(a, b, c, uint8(c >> 8), c % 2 == 0);
            else if (op == 25) traders.depositEblWithoutConsent(a << 1, b, c % 3 == 1);
            else if (op == 26) traders.settleWithCondition(a, b, c, a >> 8, c % 2 == 0);
            else if (op == 27) traders.switchCondition(a);
            else if (op == 28) traders.strangerPays(a, b, c, a >> 8);
            else if (op == 29) traders.strayToRail(a, b, c % 2 == 0);
            else traders.end(a, uint8(b));
        }
        assertEq(w.violations(), 0, w.firstViolation());
        string[19] memory kinds = [
            "registrar",
            "issue",
            "endorse",
            "surrender",
            "deposit transfer",
            "redemption",
            "mint",
            "burn",
            "forced transfer",
            "signed settlement",
            "deal created",
            "escrow settlement",
            "re-endorsed by the seller",
            "settled after re-endorsement",
            "deposit w/o consent refused",
            "condition refused",
            "condition settled",
            "rail refused stranger",
            "stray recovered"
        ];
        for (uint256 i; i < kinds.length; ++i) assertTrue(w.count(bytes32(bytes(kinds[i]))) > 0, kinds[i]);
        invariant_depositSupplyIsMintsMinusBurnsMinusRedemptions();
        invariant_escrowHoldsExactlyTheOpenLegs();
        invariant_settlementHoldsExactlyTheEblsOfItsDeals();
        invariant_oneHolderPerLiveEblAndBurnedStayBurned();
        invariant_rolesChangeOnlyThroughTheAdmin();
        invariant_railAndSignedSettlementHoldNothing();
        invariant_reservesChangeOnlyByIssueAndRedeem();
        invariant_paymentsMoveDepositsAndReservesAlike();
        invariant_noPaymentHalfDone();
    }

    /// @notice A pseudo-random walk of 400 calls weighted to the interbank rails reaches every path of its handlers
    /// (issues, redemptions and transfers of reserves, banks opting in and closing, payments in one currency and
    /// through the dealer, each kind of refused payment, a payment with another's money, cancelled quotes, cross-bank
    /// settlements in one currency and two, a forged buyer consent and a payee asking above the quote) and keeps every
    /// invariant.
    function test_interbankWalkReachesEveryPath() public {
        uint256 seed = 19;
        for (uint256 i; i < 400; ++i) {
            seed = uint256(keccak256(abi.encode(seed)));
            uint256 a = uint256(keccak256(abi.encode(seed, 1)));
            uint256 b = uint256(keccak256(abi.encode(seed, 2)));
            uint256 c = uint256(keccak256(abi.encode(seed, 3)));
            uint256 op = seed % 24;
            if (op == 0) payments.issueOrRedeem(a, b, c, uint8(c >> 8));
            else if (op == 1) payments.transferReserves(a, b, c, a >> 8);
            else if (op == 2) payments.setBankAccount(a, uint8(b), c);
            else if (op == 3) payments.payWithAnothersMoney(a, b, c, c % 2 == 0);
            else if (op == 4) payments.cancelQuote(a);
            else if (op == 5 || op == 6) payments.toggleControls(uint8(b), c);
            else if (op == 7) registrar.revokeOrRenew(a);
            else if (op == 8) banks.togglePause(a, b);
            else if (op < 13) traders.settleCrossBank(a, b, c, a >> 8, b % 2 == 0);
            else payments.pay(a, b, c, a >> 8, b >> 8);
        }
        assertEq(w.violations(), 0, w.firstViolation());
        string[21] memory kinds = [
            "reserves issued",
            "reserves redeemed",
            "reserves transferred",
            "participation set",
            "participation closed",
            "interbank payment",
            "interbank fx payment",
            "refused: flaw 1", // above the payer's balance
            "refused: flaw 2", // one unit above the quote (or the amount paid, in one currency)
            "refused: flaw 3", // an expired quote
            "refused: flaw 4", // a quote smaller than the payment
            "refused: flaw 5", // a reused quote nonce
            "refused: flaw 6", // a reused payment id
            "refused: flaw 7", // a trader posing as dealer
            "refused: flaw 8", // the reverse pair
            "another's money refused",
            "quote cancelled",
            "cross-bank settlement",
            "cross-bank fx settlement",
            "cross-bank forged buyer refused",
            "cross-bank above quote refused"
        ];
        for (uint256 i; i < kinds.length; ++i) assertTrue(w.count(bytes32(bytes(kinds[i]))) > 0, kinds[i]);
        assertTrue(w.count("refused: flaw 9") + w.count("refused: flaw :") > 0, "quote in one currency, bad signer");
        assertTrue(w.count("flaw refused with its error") > 0, "a flaw refused with its own error");
        assertTrue(w.count("refused with the bank's error") > 0, "a payment refused at a bank's participation");
        invariant_depositSupplyIsMintsMinusBurnsMinusRedemptions();
        invariant_reservesChangeOnlyByIssueAndRedeem();
        invariant_paymentsMoveDepositsAndReservesAlike();
        invariant_noPaymentHalfDone();
        invariant_rolesChangeOnlyThroughTheAdmin();
    }
    /// @notice A pseudo-random walk of 200 calls through the document issuers, the registrar and document-conditioned
    /// settlements reaches every path (registrations, new versions, revocations, issuers losing and regaining their
    /// verification; settlements that went ahead and settlements refused for each of the five reasons, each with the
    /// error naming the document) and keeps every rule checked on the spot.
    /// @notice A fixed walk of the credit handler (with time passing and eBLs issued) reaches every outcome of a
    /// letter of credit, and every one obeyed the rules: the invariant runs above are not vacuous.
    function test_creditWalkReachesEveryPath() public {
        uint256 seed = 22;
        for (uint256 i; i < 400; ++i) {
            seed = uint256(keccak256(abi.encode(seed)));
            uint256 a = uint256(keccak256(abi.encode(seed, 1)));
            uint256 b = uint256(keccak256(abi.encode(seed, 2)));
            uint256 c = uint256(keccak256(abi.encode(seed, 3)));
            uint256 op = seed % 16;
            if (op < 2) lcs.issue(a);
            else if (op < 5) lcs.present(a, b, c);
            else if (op < 10) lcs.act(a, b, c);
            else if (op == 10) lcs.reimburse(a, b);
            else if (op == 11) lcs.amend(a, b, c);
            else if (op == 12) lcs.close(a, b);
            else if (op == 13) registrar.warp(a % 2 days);
            else carrier.issue(a, b, c, false);
        }
        assertEq(w.violations(), 0, w.firstViolation());
        string[7] memory kinds = [
            "credit presentation",
            "credit honoured",
            "credit refused, waiver sought",
            "credit documents returned",
            "credit reimbursed",
            "credit amended",
            "credit closed"
        ];
        for (uint256 i; i < kinds.length; ++i) assertTrue(w.count(bytes32(bytes(kinds[i]))) > 0, kinds[i]);
    }

    function test_documentWalkReachesEveryPath() public {
        uint256 seed = 21;
        for (uint256 i; i < 200; ++i) {
            seed = uint256(keccak256(abi.encode(seed)));
            uint256 a = uint256(keccak256(abi.encode(seed, 1)));
            uint256 b = uint256(keccak256(abi.encode(seed, 2)));
            uint256 c = uint256(keccak256(abi.encode(seed, 3)));
            uint256 op = seed % 16;
            if (op < 4) issuers.register(a, b, c, bytes32(c >> 1));
            else if (op == 4) issuers.supersede(a, bytes32(b));
            else if (op == 5) issuers.revoke(a);
            else if (op == 6) issuers.toggleIssuer(a);
            else if (op == 7) registrar.revokeOrRenew(a);
            else if (op == 8) registrar.warp(a % 12 hours);
            else if (op == 9) carrier.issue(a, b, c, false);
            else traders.settleWithDocuments(a, b, c, a >> 8, b >> 8);
        }
        assertEq(w.violations(), 0, w.firstViolation());
        string[5] memory kinds = [
            "document registered",
            "document superseded",
            "document revoked",
            "document issuer toggled",
            "documents settled"
        ];
        for (uint256 i; i < kinds.length; ++i) assertTrue(w.count(bytes32(bytes(kinds[i]))) > 0, kinds[i]);
        bytes4[5] memory refusals = [
            IDocumentsCondition.DocumentsMissing.selector,
            IDocumentsCondition.DocumentsRevoked.selector,
            IDocumentsCondition.DocumentsWrongType.selector,
            IDocumentsCondition.DocumentsNotBound.selector,
            IDocumentsCondition.DocumentsIssuerNotQualified.selector
        ];
        for (uint256 i; i < refusals.length; ++i) {
            assertTrue(w.count(bytes32(abi.encodePacked("documents refused ", refusals[i]))) > 0, "a refusal not seen");
        }
        invariant_railAndSignedSettlementHoldNothing();
        invariant_oneHolderPerLiveEblAndBurnedStayBurned();
        invariant_depositSupplyIsMintsMinusBurnsMinusRedemptions();
    }
}
