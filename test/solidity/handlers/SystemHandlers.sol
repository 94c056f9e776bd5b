// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ParticipantKinds} from "../../../contracts/access/ParticipantKinds.sol";
import {ParticipantRegistry} from "../../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../../contracts/access/RailsAccessManager.sol";
import {TokenizedDeposit} from "../../../contracts/deposits/TokenizedDeposit.sol";
import {TradeDocumentRegistry} from "../../../contracts/documents/TradeDocumentRegistry.sol";
import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {EblLens} from "../../../contracts/ebl/EblLens.sol";
import {InterbankPayments} from "../../../contracts/interbank/InterbankPayments.sol";
import {WholesaleReserve} from "../../../contracts/interbank/WholesaleReserve.sol";
import {IBillOfLadingRegistry} from "../../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {ICrossBankSettlement} from "../../../contracts/interfaces/ICrossBankSettlement.sol";
import {IDocumentsCondition} from "../../../contracts/interfaces/IDocumentsCondition.sol";
import {IInterbankPayments} from "../../../contracts/interfaces/IInterbankPayments.sol";
import {ISettlement} from "../../../contracts/interfaces/ISettlement.sol";
import {ISignedSettlement} from "../../../contracts/interfaces/ISignedSettlement.sol";
import {IParticipantRegistry} from "../../../contracts/interfaces/IParticipantRegistry.sol";
import {IWholesaleReserve} from "../../../contracts/interfaces/IWholesaleReserve.sol";
import {IRailsErrors} from "../../../contracts/interfaces/IRailsErrors.sol";
import {ITradeDocumentRegistry} from "../../../contracts/interfaces/ITradeDocumentRegistry.sol";
import {EscrowedDeals} from "../../../contracts/settlement/EscrowedDeals.sol";
import {SettlementCore} from "../../../contracts/settlement/SettlementCore.sol";
import {SignedSettlement} from "../../../contracts/settlement/SignedSettlement.sol";
import {DocumentsCondition} from "../../../contracts/settlement/conditions/DocumentsCondition.sol";
import {DepositRail} from "../../../contracts/settlement/rails/DepositRail.sol";
import {IPaymentRail} from "../../../contracts/settlement/rails/IPaymentRail.sol";
import {SwitchableCondition} from "../../../contracts/testing/SwitchableCondition.sol";

import {BillUse} from "../utils/BillUse.sol";
import {RailsRoles} from "../utils/RailsRoles.sol";
import {vm} from "../utils/Vm.sol";

/**
 * @title SystemWorld
 * @notice The shared state of the whole-system invariant test: the deployed contracts, the actors, and the ghost
 * records the handlers keep (eBLs ever issued, deals ever created, per-token mints / burns / redemptions / escrow,
 * the expected role holders, reserves issued and redeemed, interbank payments, and the rules seen broken). It is never
 * a target of the invariant runner; only the handlers write to it.
 * @dev Interbank: deposit tokens 0 (HKD, bank 0) and 1 (CNH, bank 1) under the rails' manager, and 2 (HKD, bank 2) under
 * bank 2's own access manager (one deposit per currency in a manager: docs/architecture.md, "Role model"); reserves
 * of HKD and CNH, each owned by its central bank; an FX dealer bank holding both.
 */
contract SystemWorld {
    RailsAccessManager public manager;
    ParticipantRegistry public participants;
    BillOfLadingRegistry public ebl;
    EblLens public immutable lens = new EblLens();
    SignedSettlement public signed;
    EscrowedDeals public escrow;
    DepositRail public rail;
    /// @notice The condition that some terms name; its answer (agree or refuse) is switched at random.
    SwitchableCondition public immutable condition = new SwitchableCondition();
    TokenizedDeposit[2] internal _tokens;

    uint256 public constant TRADERS = 3;
    address public constant ADMIN = address(0xAD);
    address public constant REGISTRAR = address(0x4E6);
    address public constant CARRIER = address(0xCA44);
    address public constant REGULATOR = address(0x4E60);
    address public constant PAUSER = address(0x9A05E);
    address public constant MINTER = address(0x3147);
    address public constant BURNER = address(0xB044);
    address public constant FREEZER = address(0xF4EE);
    address public constant COMPLIANCE = address(0xC0C0);
    address public constant RELAYER = address(0x4E1A);
    address public constant STRANGER = address(0xBAD);
    /// @notice The only account whose roles the admin changes during the run (so the operators keep theirs).
    address public constant SPARE = address(0x5BA4E);
    address[2] public banks = [address(0xBA4C0), address(0xBA4C1)];
    address[TRADERS] public traders;
    uint256[TRADERS] internal _keys;

    uint256[] public ids;
    mapping(uint256 tokenId => uint256) public issueCount;
    mapping(uint256 tokenId => IBillOfLadingRegistry.BillStatus) public terminalStatus;

    ISettlement.Terms[] internal _deals;
    bytes32[] public dealIds;

    /// @notice Per deposit token (see {depositToken}): what the successful calls minted, burned and redeemed.
    uint256[3] public minted;
    uint256[3] public burned;
    uint256[3] public redeemed;
    uint256[2] public escrowed;
    /// @notice What the handlers sent to the rail on purpose (stray transfers) and the admin has not recovered yet.
    uint256[2] public railStray;

    /// @notice Expected membership of each role of the access manager, changed only when the role admin's call
    /// succeeded (or a holder renounced its own role).
    mapping(uint64 role => mapping(address account => bool)) public expectedRole;

    uint256 public violations;
    string public firstViolation;
    /// @notice Successful operations by kind, to show that the run is not vacuous.
    mapping(bytes32 kind => uint256) public count;

    // ------------------------------------------------------------------ interbank

    WholesaleReserve[2] internal _reserves;
    InterbankPayments public interbank;
    ICrossBankSettlement public crossBank;
    /// @notice Bank 2's HKD deposit, under its own access manager.
    TokenizedDeposit public hkd2;
    RailsAccessManager public bank2Manager;
    address public constant BANK2 = address(0xBA4C2);
    /// @notice The owners of the HKD and the CNH reserves.
    address[2] public centralBanks = [address(0xCB0), address(0xCB1)];
    /// @notice The FX dealer: a verified bank holding reserves in both currencies, which signs quotes.
    address public immutable dealer;
    uint256 public constant DEALER_KEY = 0xDEA1E4;
    /// @notice Interbank ghost totals by key ({SystemHandlerBase-_key}): reserves issued, redeemed, sent and received
    /// per holder and currency; deposits burned and minted by payments per token; dealer fills per currency.
    mapping(bytes32 key => uint256) public ghost;
    /// @notice The ids of the payments that completed, and of those refused with an id never used before.
    bytes32[] public paymentIds;
    bytes32[] public refusedPaymentIds;
    /// @notice The terms hashes of the cross-bank settlements that completed.
    bytes32[] public crossBankIds;

    // ------------------------------------------------------------------ trade documents

    TradeDocumentRegistry public documents;
    DocumentsCondition public documentsCondition;
    /// @notice The issuers of certificates of origin (an AUTHORITY) and of insurance certificates (an INSURER); traders
    /// issue commercial invoices.
    address public constant ORIGIN_AUTHORITY = address(0xA0C0);
    address public constant INSURER = address(0x1A5);
    /// @notice Every document ever registered.
    bytes32[] public documentIds;

    // ------------------------------------------------------------------ custody contracts

    /// @notice Contracts that hold eBLs (and pass deposits through) for others, such as the trust receipts: only they
    /// act for what they hold, so the holders' handlers leave their eBLs alone; the sums over {accounts} include them.
    address[] public custodians;
    mapping(address account => bool) public isCustodian;

    constructor() {
        for (uint256 i; i < TRADERS; ++i) {
            _keys[i] = 0x7A11CE + i;
            traders[i] = vm.addr(_keys[i]);
        }
        dealer = vm.addr(DEALER_KEY);
    }

    function initInterbank(
        WholesaleReserve hkdReserve,
        WholesaleReserve cnhReserve,
        InterbankPayments interbank_,
        ICrossBankSettlement crossBank_,
        TokenizedDeposit hkd2_,
        RailsAccessManager bank2Manager_
    ) external {
        (_reserves[0], _reserves[1]) = (hkdReserve, cnhReserve);
        (interbank, crossBank, hkd2, bank2Manager) = (interbank_, crossBank_, hkd2_, bank2Manager_);
    }

    /// @notice The reserves of currency `c % 2` (0 HKD, 1 CNH).
    function reserve(uint256 c) external view returns (WholesaleReserve) {
        return _reserves[c % 2];
    }

    /// @notice Deposit token `i % 3`: 0 HKD at bank 0, 1 CNH at bank 1, 2 HKD at bank 2.
    function depositToken(uint256 i) public view returns (TokenizedDeposit) {
        i %= 3;
        return i == 2 ? hkd2 : _tokens[i];
    }

    /// @notice The currency (0 HKD, 1 CNH) of deposit token `i % 3`.
    function currencyOf(uint256 i) external pure returns (uint256) {
        return i % 3 == 1 ? 1 : 0;
    }

    /// @notice The holders of reserves, `i % 4`: the banks of deposit tokens 0, 1 and 2, then the dealer.
    function reserveHolder(uint256 i) external view returns (address) {
        i %= 4;
        return
            i == 3
                ? dealer
                : i == 2
                    ? BANK2
                    : banks[i];
    }

    function addGhost(bytes32 key, uint256 amount) external {
        ghost[key] += amount;
    }

    function recordPayment(bytes32 id) external {
        paymentIds.push(id);
    }

    function recordRefusedPayment(bytes32 id) external {
        refusedPaymentIds.push(id);
    }

    function recordCrossBank(bytes32 id) external {
        crossBankIds.push(id);
    }

    function paymentsLength() external view returns (uint256) {
        return paymentIds.length;
    }

    function refusedPaymentsLength() external view returns (uint256) {
        return refusedPaymentIds.length;
    }

    function crossBankLength() external view returns (uint256) {
        return crossBankIds.length;
    }

    function addCustodian(address custodian) external {
        custodians.push(custodian);
        isCustodian[custodian] = true;
    }

    function initDocuments(TradeDocumentRegistry documents_, DocumentsCondition condition_) external {
        (documents, documentsCondition) = (documents_, condition_);
    }

    function recordDocument(bytes32 id) external {
        documentIds.push(id);
    }

    function documentsLength() external view returns (uint256) {
        return documentIds.length;
    }

    function init(
        RailsAccessManager manager_,
        ParticipantRegistry participants_,
        BillOfLadingRegistry ebl_,
        SignedSettlement signed_,
        EscrowedDeals escrow_,
        DepositRail rail_,
        TokenizedDeposit hkd,
        TokenizedDeposit cnh
    ) external {
        manager = manager_;
        participants = participants_;
        ebl = ebl_;
        (signed, escrow, rail) = (signed_, escrow_, rail_);
        _tokens[0] = hkd;
        _tokens[1] = cnh;
    }

    function token(uint256 i) external view returns (TokenizedDeposit) {
        return _tokens[i % 2];
    }

    function keyOf(address account) external view returns (uint256) {
        for (uint256 i; i < TRADERS; ++i) if (traders[i] == account) return _keys[i];
        return 0;
    }

    /// @notice Every account that may ever hold an eBL or a deposit, or a role: the invariants sum over these.
    function accounts() external view returns (address[] memory list) {
        list = new address[](24 + custodians.length);
        for (uint256 i; i < custodians.length; ++i) list[24 + i] = custodians[i];
        (list[18], list[19], list[20]) = (BANK2, dealer, address(interbank));
        (list[21], list[22], list[23]) = (address(crossBank), centralBanks[0], centralBanks[1]);
        (list[0], list[1], list[2]) = (traders[0], traders[1], traders[2]);
        (list[3], list[4], list[5], list[6]) = (banks[0], banks[1], CARRIER, address(escrow));
        (list[16], list[17]) = (address(signed), address(rail));
        (list[7], list[8], list[9], list[10]) = (ADMIN, REGISTRAR, REGULATOR, PAUSER);
        (list[11], list[12], list[13], list[14], list[15]) = (MINTER, BURNER, FREEZER, COMPLIANCE, SPARE);
    }

    function idsLength() external view returns (uint256) {
        return ids.length;
    }

    function dealsLength() external view returns (uint256) {
        return _deals.length;
    }

    function deal(uint256 i) external view returns (ISettlement.Terms memory) {
        return _deals[i];
    }

    // ------------------------------------------------------------------ written by the handlers

    function recordIssue(uint256 id) external {
        ++issueCount[id];
        ids.push(id);
    }

    function recordBurn(uint256 id, IBillOfLadingRegistry.BillStatus status) external {
        terminalStatus[id] = status;
    }

    function recordDeal(ISettlement.Terms memory t, bytes32 id) external {
        _deals.push(t);
        dealIds.push(id);
    }

    function addMinted(uint256 i, uint256 amount) external {
        minted[i] += amount;
    }

    function addBurned(uint256 i, uint256 amount) external {
        burned[i] += amount;
    }

    function addRedeemed(uint256 i, uint256 amount) external {
        redeemed[i] += amount;
    }

    function addEscrowed(uint256 i, uint256 amount) external {
        escrowed[i] += amount;
    }

    function subEscrowed(uint256 i, uint256 amount) external {
        escrowed[i] -= amount;
    }

    function addRailStray(uint256 i, uint256 amount) external {
        railStray[i] += amount;
    }

    function subRailStray(uint256 i, uint256 amount) external {
        railStray[i] -= amount;
    }

    function setExpectedRole(uint64 role, address account, bool held) external {
        expectedRole[role][account] = held;
    }

    function bump(bytes32 kind) external {
        ++count[kind];
    }

    function expect(bool holds, string calldata rule) external {
        if (holds) return;
        if (violations == 0) firstViolation = rule;
        ++violations;
    }
}

/// @dev What every handler shares: the world, and a low-level call made as an actor (the runner ignores reverts of
/// handler calls, so handlers never revert on a refused operation; they record broken rules in the world instead).
abstract contract SystemHandlerBase {
    SystemWorld public immutable w;

    constructor(SystemWorld world) {
        w = world;
    }

    function _call(address actor, address target, bytes memory data) internal returns (bool ok) {
        vm.prank(actor);
        (ok, ) = target.call(data);
    }

    /// @dev Whether `holder` is a contract that acts for what it holds (the escrow, a custody contract): no handler
    /// impersonates it.
    function _heldForOthers(address holder) internal view returns (bool) {
        return holder == address(w.escrow()) || w.isCustodian(holder);
    }

    function _trader(uint256 seed) internal view returns (address) {
        return w.traders(seed % 3);
    }

    /// @dev Traders most of the time; sometimes a bank, the carrier or an unverified stranger.
    function _anyone(uint256 seed) internal view returns (address) {
        uint256 r = seed % 8;
        if (r < 3) return w.traders(r);
        if (r < 5) return w.banks(r - 3);
        return
            r == 5
                ? w.CARRIER()
                : r == 6
                    ? w.STRANGER()
                    : w.traders((seed / 8) % 3);
    }

    function _id(uint256 seed) internal view returns (uint256) {
        uint256 n = w.idsLength();
        return n == 0 ? seed : w.ids(seed % n);
    }

    /// @dev Whether `issuer` is verified now as a kind that may issue `documentType` (the design's table, written here
    /// independently of the registry's: invoices from traders, certificates of origin from an authority, insurance
    /// certificates from an insurer).
    function _qualifiedIssuer(address issuer, uint8 documentType) internal view returns (bool) {
        uint32 kinds =
            documentType == 1
                ? ParticipantKinds.TRADER
                : documentType == 3
                    ? ParticipantKinds.AUTHORITY
                    : documentType == 4
                        ? ParticipantKinds.INSURER
                        : 0;
        return w.participants().verifiedKinds(issuer) & kinds != 0;
    }

    function _isTerminal(IBillOfLadingRegistry.BillStatus s) internal pure returns (bool) {
        return
            s == IBillOfLadingRegistry.BillStatus.Accomplished || s == IBillOfLadingRegistry.BillStatus.SwitchedToPaper;
    }

    // ------------------------------------------------------------------ interbank books

    /// @dev Everything an interbank payment may change: the traders' deposits and each token's supply, every reserve
    /// holder's reserves and each currency's supply, and each bank's capacities left.
    struct Books {
        uint256[3][3] deposits; // [deposit token][trader]
        uint256[3] supply;
        uint256[4][2] reserves; // [currency][reserve holder: bank 0, bank 1, bank 2, dealer]
        uint256[2] reserveSupply;
        uint256[3] outflow;
        uint256[3] inflow;
    }

    function _books() internal view returns (Books memory b) {
        InterbankPayments interbank = w.interbank();
        for (uint256 k; k < 3; ++k) {
            TokenizedDeposit t = w.depositToken(k);
            b.supply[k] = t.totalSupply();
            for (uint256 i; i < 3; ++i) b.deposits[k][i] = t.balanceOf(w.traders(i));
            IInterbankPayments.BankAccount memory a = interbank.bankAccountOf(address(t));
            (b.outflow[k], b.inflow[k]) = (a.outflowCapacity, a.inflowCapacity);
        }
        for (uint256 c; c < 2; ++c) {
            WholesaleReserve r = w.reserve(c);
            b.reserveSupply[c] = r.totalSupply();
            for (uint256 i; i < 4; ++i) b.reserves[c][i] = r.balanceOf(w.reserveHolder(i));
        }
    }

    function _same(Books memory a, Books memory b) internal pure returns (bool) {
        return keccak256(abi.encode(a)) == keccak256(abi.encode(b));
    }

    /// @dev The key of an interbank ghost total ({SystemWorld-ghost}).
    function _key(string memory what, address account, uint256 c) internal pure returns (bytes32) {
        return keccak256(abi.encode(what, account, c));
    }

    function _traderIndex(address account) internal view returns (uint256) {
        for (uint256 i; i < 3; ++i) if (w.traders(i) == account) return i;
        return 3;
    }

    /**
     * @dev `b` after every leg of payment `p` from deposit token `from` to deposit token `to`, and nothing else: the
     * payer's deposit burned, the payee's minted, each bank's capacity spent, reserves from the payer's bank to the
     * payee's bank, or (FX) to the dealer in the pay currency and from the dealer in the receive currency. Unchecked:
     * a leg the contract let through without the funds shows as a difference, not as a revert of the handler.
     */
    function _afterPayment(
        Books memory b,
        IInterbankPayments.Payment memory p,
        uint256 from,
        uint256 to,
        bool fx
    ) internal view returns (Books memory) {
        (uint256 payer, uint256 payee) = (_traderIndex(p.payer), _traderIndex(p.payee));
        (uint256 cp, uint256 cr) = (w.currencyOf(from), w.currencyOf(to));
        unchecked {
            if (payer < 3) b.deposits[from][payer] -= p.payAmount;
            if (payee < 3) b.deposits[to][payee] += p.receiveAmount;
            b.supply[from] -= p.payAmount;
            b.supply[to] += p.receiveAmount;
            b.outflow[from] -= p.payAmount;
            b.inflow[to] -= p.receiveAmount;
            b.reserves[cp][from] -= p.payAmount;
            b.reserves[cr][to] += p.receiveAmount;
            if (fx) {
                b.reserves[cp][3] += p.payAmount;
                b.reserves[cr][3] -= p.receiveAmount;
            }
        }
        return b;
    }

    /// @dev Records a completed payment in the ghost totals (after {_afterPayment} matched the books).
    function _recordPayment(IInterbankPayments.Payment memory p, uint256 from, uint256 to, uint256 rate) internal {
        (uint256 cp, uint256 cr) = (w.currencyOf(from), w.currencyOf(to));
        (address payerToken, address payeeToken) = (address(w.depositToken(from)), address(w.depositToken(to)));
        w.addBurned(from, p.payAmount);
        w.addMinted(to, p.receiveAmount);
        w.addGhost(_key("payments burned", payerToken, cp), p.payAmount);
        w.addGhost(_key("payments minted", payeeToken, cr), p.receiveAmount);
        w.addGhost(_key("paid out", address(0), cp), p.payAmount);
        w.addGhost(_key("paid in", address(0), cr), p.receiveAmount);
        if (rate != 0) {
            address dealer = w.dealer();
            w.addGhost(_key("dealer in", dealer, cp), p.payAmount);
            w.addGhost(_key("dealer out", dealer, cr), p.receiveAmount);
            // Invariant 5 (for every fill): the payee receives at most floor(payAmount * rate / 1e18), computed here
            // without the contract's Math.mulDiv (the handlers' amounts and rates keep the product below 2^256).
            w.addGhost(_key("dealer quoted", dealer, cr), (p.payAmount * rate) / 1e18);
            w.expect(p.receiveAmount * 1e18 <= p.payAmount * rate, "a dealer gave more than its quoted rate");
        }
    }

    /// @dev A quote of the dealer for `taker` (zero: anyone) from deposit token `from`'s currency to `to`'s, for up to
    /// `maxPay`, valid an hour, at a rate between 0.5 and 2 with random low digits (so that most amounts round).
    function _quote(
        uint256 from,
        uint256 to,
        uint256 maxPay,
        uint256 seed,
        uint256 nonce,
        address taker
    ) internal view returns (IInterbankPayments.Quote memory q) {
        q = IInterbankPayments.Quote({
            dealer: w.dealer(),
            taker: taker,
            payReserve: address(w.reserve(w.currencyOf(from))),
            receiveReserve: address(w.reserve(w.currencyOf(to))),
            rate: 5e17 + (seed % 15e17),
            maxPayAmount: maxPay,
            expiry: block.timestamp + 1 hours,
            nonce: nonce
        });
    }

    function _signQuote(uint256 key, IInterbankPayments.Quote memory q) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, w.interbank().hashQuote(q));
        return abi.encodePacked(r, s, v);
    }

    /// @dev Rules every successful eBL operation keeps: issuer and kind fixed, burned tokens stay burned, title only
    /// moves by an endorsement.
    function _afterEbl(uint256 id, IBillOfLadingRegistry.Bill memory pre, bool titleMayMove) internal {
        IBillOfLadingRegistry.Bill memory post = w.ebl().billOf(id);
        w.expect(!_isTerminal(pre.status) || post.status == pre.status, "a burned eBL changed status");
        w.expect(post.issuer == pre.issuer && post.kind == pre.kind, "issuer or kind changed");
        if (!titleMayMove) w.expect(post.titleHolder == pre.titleHolder, "title moved without endorsement");
        if (_isTerminal(post.status)) {
            w.expect(post.holder == address(0), "a burned eBL has a holder");
            w.recordBurn(id, post.status);
        }
    }
}

/**
 * @title RegistrarHandler
 * @notice The registrar revokes and renews participants (renewals are short, so time warps make them lapse), and
 * time passes.
 */
contract RegistrarHandler is SystemHandlerBase {
    constructor(SystemWorld world) SystemHandlerBase(world) {}

    function revokeOrRenew(uint256 seed) external {
        address account = seed % 5 == 4 ? w.banks(0) : _trader(seed);
        ParticipantRegistry p = w.participants();
        IParticipantRegistry.Participant memory cur = p.participant(account);
        IParticipantRegistry.Registration memory r = IParticipantRegistry.Registration({
            kinds: cur.kinds == 0 ? ParticipantKinds.TRADER : cur.kinds,
            jurisdiction: "HK",
            validUntil: uint64(block.timestamp + 1 days + (seed % 3 days)),
            kycReference: cur.kycReference
        });
        bool ok;
        if (!cur.active) ok = _call(w.REGISTRAR(), address(p), abi.encodeCall(p.register, (account, r)));
        else if (seed % 3 == 0) ok = _call(w.REGISTRAR(), address(p), abi.encodeCall(p.revoke, (account)));
        else ok = _call(w.REGISTRAR(), address(p), abi.encodeCall(p.update, (account, r)));
        w.expect(ok, "the registrar was refused a valid operation");
        if (ok) w.bump("registrar");
    }

    function warp(uint256 seed) external {
        vm.warp(block.timestamp + 1 + (seed % 1 days));
    }
}

/// @title CarrierHandler
/// @notice The carrier issues eBLs (sometimes under a reference already used) and answers surrenders and paper switches.
contract CarrierHandler is SystemHandlerBase {
    bytes32 internal constant HASH = keccak256("transport document v1");

    constructor(SystemWorld world) SystemHandlerBase(world) {}

    function issue(uint256 refSeed, uint256 shipperSeed, uint256 titleSeed, bool straight) external {
        BillOfLadingRegistry ebl = w.ebl();
        string memory ref = string.concat("BL-", Strings.toString(refSeed % 24));
        address shipper = _trader(shipperSeed);
        address title = straight ? _trader(titleSeed) : shipper;
        IBillOfLadingRegistry.BillKind kind =
            straight ? IBillOfLadingRegistry.BillKind.Straight : IBillOfLadingRegistry.BillKind.ToOrder;
        uint256 id = ebl.tokenIdOf(w.CARRIER(), ref);
        bool used = ebl.billOf(id).status != IBillOfLadingRegistry.BillStatus.None;
        if (!_call(w.CARRIER(), address(ebl), abi.encodeCall(ebl.issue, (shipper, ref, kind, title, HASH)))) return;
        w.expect(!used, "an eBL identity issued twice");
        w.recordIssue(id);
        w.bump("issue");
    }

    /// @dev `what`: 0 accept a surrender, 1 reject it, 2 issue an amendment, 3 confirm a switch to paper.
    function answer(uint256 tokenSeed, uint8 what, bytes32 newHash) external {
        BillOfLadingRegistry ebl = w.ebl();
        uint256 id = _id(tokenSeed);
        IBillOfLadingRegistry.Bill memory pre = ebl.billOf(id);
        address surrenderer = ebl.surrendererOf(id);
        what %= 4;
        bytes memory data =
            what == 0
                ? abi.encodeCall(ebl.acceptSurrender, (id))
                : what == 1
                    ? abi.encodeCall(ebl.rejectSurrender, (id))
                    : what == 2
                        ? abi.encodeCall(ebl.issueAmendment, (id, newHash))
                        : abi.encodeCall(ebl.confirmSwitchToPaper, (id));
        if (!_call(w.CARRIER(), address(ebl), data)) return;
        w.expect(!pre.onLegalHold, "carrier acted on an eBL on legal hold");
        _afterEbl(id, pre, false);
        if (what == 1 || what == 2) w.expect(ebl.holderOf(id) == surrenderer, "surrender not returned");
        w.bump("carrier answer");
    }
}

/// @title HolderHandler
/// @notice Holders of eBLs (transfer, endorse, surrender, switch to paper) and of deposits (transfer, redeem).
contract HolderHandler is SystemHandlerBase {
    constructor(SystemWorld world) SystemHandlerBase(world) {}

    function transferEbl(uint256 tokenSeed, uint256 toSeed) external {
        BillOfLadingRegistry ebl = w.ebl();
        uint256 id = _id(tokenSeed);
        IBillOfLadingRegistry.Bill memory pre = ebl.billOf(id);
        if (_heldForOthers(pre.holder)) return; // only the settlement or custody contract acts for what it holds
        address to = _anyone(toSeed);
        if (!_call(pre.holder, address(ebl), abi.encodeCall(ebl.transferFrom, (pre.holder, to, id)))) return;
        _afterEbl(id, pre, false);
        w.expect(w.participants().isVerified(to), "eBL delivered to an unverified account");
        w.bump("eBL transfer");
    }

    /// @dev `mode`: 0 endorse, 1 endorse and deliver, 2 blank endorse.
    function endorse(uint256 tokenSeed, uint256 endorseeSeed, uint8 mode) external {
        BillOfLadingRegistry ebl = w.ebl();
        uint256 id = _id(tokenSeed);
        IBillOfLadingRegistry.Bill memory pre = ebl.billOf(id);
        if (_heldForOthers(pre.holder)) return;
        address endorsee = _trader(endorseeSeed);
        mode %= 3;
        bytes memory data =
            mode == 0
                ? abi.encodeCall(ebl.endorse, (id, endorsee))
                : mode == 1
                    ? abi.encodeCall(ebl.endorseAndDeliver, (id, endorsee))
                    : abi.encodeCall(ebl.blankEndorse, (id));
        if (!_call(pre.holder, address(ebl), data)) return;
        _afterEbl(id, pre, true);
        w.expect(pre.kind == IBillOfLadingRegistry.BillKind.ToOrder, "a straight eBL was endorsed");
        w.expect(
            pre.titleHolder == pre.holder || pre.titleHolder == address(0) || pre.custodyForTitle,
            "endorsed without title"
        );
        w.bump("endorse");
    }

    function surrender(uint256 tokenSeed, bool forAmendment) external {
        BillOfLadingRegistry ebl = w.ebl();
        uint256 id = _id(tokenSeed);
        IBillOfLadingRegistry.Bill memory pre = ebl.billOf(id);
        if (_heldForOthers(pre.holder)) return;
        bytes memory data =
            forAmendment
                ? abi.encodeCall(ebl.surrenderForAmendment, (id))
                : abi.encodeCall(ebl.surrenderForDelivery, (id));
        if (!_call(pre.holder, address(ebl), data)) return;
        _afterEbl(id, pre, false);
        w.expect(ebl.holderOf(id) == pre.issuer, "surrender did not reach the carrier");
        w.bump("surrender");
    }

    function switchToPaper(uint256 tokenSeed, bool cancel) external {
        BillOfLadingRegistry ebl = w.ebl();
        uint256 id = _id(tokenSeed);
        IBillOfLadingRegistry.Bill memory pre = ebl.billOf(id);
        if (_heldForOthers(pre.holder)) return;
        bytes memory data =
            cancel ? abi.encodeCall(ebl.cancelSwitchToPaper, (id)) : abi.encodeCall(ebl.requestSwitchToPaper, (id));
        if (!_call(pre.holder, address(ebl), data)) return;
        _afterEbl(id, pre, false);
        w.bump("paper request");
    }

    function transferDeposit(uint256 currency, uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        TokenizedDeposit t = w.token(currency);
        address from = _trader(fromSeed);
        address to = _anyone(toSeed);
        uint256 available = t.isFrozen(from) ? 0 : t.balanceOf(from) - t.frozenAmount(from);
        amount = 1 + (amount % (t.balanceOf(from) + 1));
        if (!_call(from, address(t), abi.encodeCall(t.transfer, (to, amount)))) return;
        w.expect(amount <= available, "a transfer moved a frozen part");
        w.bump("deposit transfer");
    }

    function redeem(uint256 currency, uint256 fromSeed, uint256 amount) external {
        TokenizedDeposit t = w.token(currency);
        address from = _trader(fromSeed);
        uint256 available = t.isFrozen(from) ? 0 : t.balanceOf(from) - t.frozenAmount(from);
        amount = 1 + (amount % (t.balanceOf(from) + 1));
        if (!_call(from, address(t), abi.encodeCall(t.requestRedemption, (amount, bytes32("PAYOUT"))))) return;
        w.expect(amount <= available, "a redemption moved a frozen part");
        w.addRedeemed(currency % 2, amount);
        w.bump("redemption");
    }
}

/**
 * @title BankHandler
 * @notice The banks' operators: mint, burn, full and partial freezes, forced transfers and pauses, on both currencies.
 * Forced transfers and burns never take from the settlement contract (docs/settlement.md forbids it: its books would
 * no longer match its balance); freezes may hit it.
 */
contract BankHandler is SystemHandlerBase {
    constructor(SystemWorld world) SystemHandlerBase(world) {}

    function _holder(uint256 seed) internal view returns (address) {
        return seed % 9 == 8 ? address(w.escrow()) : _anyone(seed);
    }

    function mint(uint256 currency, uint256 toSeed, uint256 amount) external {
        TokenizedDeposit t = w.token(currency);
        amount = 1 + (amount % 1_000_000_00);
        if (!_call(w.MINTER(), address(t), abi.encodeCall(t.mint, (_anyone(toSeed), amount, bytes32("CBS-MINT"))))) {
            return;
        }
        w.addMinted(currency % 2, amount);
        w.bump("mint");
    }

    /// @dev Sometimes aimed at the settlement contract, which the token must refuse: it holds deposits for others.
    function burn(uint256 currency, uint256 fromSeed, uint256 amount) external {
        TokenizedDeposit t = w.token(currency);
        address from = _holder(fromSeed);
        uint256 available = t.isFrozen(from) ? 0 : t.balanceOf(from) - t.frozenAmount(from);
        amount = 1 + (amount % (t.balanceOf(from) + 1));
        if (!_call(w.BURNER(), address(t), abi.encodeCall(t.burn, (from, amount, bytes32("CBS-BURN"))))) return;
        w.expect(from != address(w.escrow()), "a burn took escrowed money out of the settlement contract");
        w.expect(amount <= available, "a burn took a frozen part");
        w.addBurned(currency % 2, amount);
        w.bump("burn");
    }

    function toggleFreeze(uint256 currency, uint256 seed) external {
        TokenizedDeposit t = w.token(currency);
        address account = _holder(seed);
        bytes memory data =
            t.isFrozen(account) ? abi.encodeCall(t.unfreeze, (account)) : abi.encodeCall(t.freeze, (account));
        w.expect(_call(w.FREEZER(), address(t), data), "the freezer was refused");
    }

    function freezePart(uint256 currency, uint256 seed, uint256 amount, bool release) external {
        TokenizedDeposit t = w.token(currency);
        address account = _holder(seed);
        uint256 base = release ? t.frozenAmount(account) : t.balanceOf(account) - t.frozenAmount(account);
        amount = 1 + (amount % (base + 1));
        bytes memory data =
            release
                ? abi.encodeCall(t.unfreezeAmount, (account, amount))
                : abi.encodeCall(t.freezeAmount, (account, amount));
        bool ok = _call(w.FREEZER(), address(t), data);
        w.expect(ok == (amount <= base), "partial freeze accepted or refused against the rules");
    }

    /// @dev Sometimes aimed at the settlement contract, which the token must refuse: it holds deposits for others.
    function forcedTransfer(uint256 currency, uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        TokenizedDeposit t = w.token(currency);
        address from = _holder(fromSeed);
        address to = _anyone(toSeed);
        uint256 supply = t.totalSupply();
        amount = 1 + (amount % (t.balanceOf(from) + 1));
        bytes memory data = abi.encodeWithSignature(
            "forcedTransfer(address,address,uint256,bytes32)",
            from,
            to,
            amount,
            bytes32("COURT")
        );
        if (!_call(w.COMPLIANCE(), address(t), data)) return;
        w.expect(from != address(w.escrow()), "a forced transfer took escrowed money out of the settlement contract");
        w.expect(t.totalSupply() == supply, "a forced transfer changed the supply");
        w.bump("forced transfer");
    }

    /// @dev Pauses one time in six, unpauses otherwise, so the tokens run mostly unpaused.
    function togglePause(uint256 currency, uint256 seed) external {
        TokenizedDeposit t = w.token(currency);
        if (t.paused()) _call(w.PAUSER(), address(t), abi.encodeCall(t.unpause, ()));
        else if (seed % 6 == 0) _call(w.PAUSER(), address(t), abi.encodeCall(t.pause, ()));
    }
}

/**
 * @title AuthorityHandler
 * @notice The regulator's legal holds, the eBL and settlement pausers, the default admin changing the spare account's
 * roles, and intruders (anyone without the role) trying every gated power and role change.
 */
contract AuthorityHandler is SystemHandlerBase {
    constructor(SystemWorld world) SystemHandlerBase(world) {}

    /// @dev Places a hold one time in four, lifts otherwise.
    function legalHold(uint256 tokenSeed, uint8 mode) external {
        BillOfLadingRegistry ebl = w.ebl();
        uint256 id = _id(tokenSeed);
        IBillOfLadingRegistry.Bill memory pre = ebl.billOf(id);
        bytes memory data =
            mode % 4 == 0
                ? abi.encodeCall(ebl.placeLegalHold, (id, bytes32("ORDER")))
                : abi.encodeCall(ebl.liftLegalHold, (id, bytes32("ORDER")));
        if (_call(w.REGULATOR(), address(ebl), data)) _afterEbl(id, pre, false);
    }

    /// @dev Pauses the eBL registry or a settlement contract (signed or escrowed, by the seed's parity) one time in
    /// eight, unpauses otherwise.
    function togglePause(bool settlement, uint256 seed) external {
        address target = !settlement ? address(w.ebl()) : (seed % 2 == 0 ? address(w.signed()) : address(w.escrow()));
        bool paused = !settlement ? w.ebl().paused() : (seed % 2 == 0 ? w.signed().paused() : w.escrow().paused());
        if (paused) _call(w.PAUSER(), target, abi.encodeWithSignature("unpause()"));
        else if (seed % 8 == 0) _call(w.PAUSER(), target, abi.encodeWithSignature("pause()"));
    }

    /// @dev A role the run changes, and the account that administers it: the manager's admin for the platform's
    /// roles, the token's bank for a deposit's (bank A's admin is refused bank B's roles, and so is the manager's admin).
    function _target(uint256 seed) internal view returns (uint64 role, address roleAdmin) {
        uint256 r = seed % 6;
        if (r == 0) return (RailsRoles.REGISTRAR, w.ADMIN());
        if (r == 1) return (RailsRoles.EBL_ISSUER, w.ADMIN());
        if (r == 2) return (RailsRoles.EBL_LEGAL_HOLD, w.ADMIN());
        if (r == 3) return (RailsRoles.SETTLEMENT_PAUSER, w.ADMIN());
        uint256 c = (seed / 6) % 2;
        bytes3 currency = w.token(c).currency();
        return (RailsRoles.deposit(currency, r == 4 ? RailsRoles.COMPLIANCE : RailsRoles.MINTER), w.banks(c));
    }

    /// @notice The role's admin grants or revokes a role of the spare account.
    function adminChangesRole(uint256 seed, bool grant) external {
        (uint64 role, address roleAdmin) = _target(seed);
        RailsAccessManager m = w.manager();
        bytes memory data =
            grant ? abi.encodeCall(m.grantRole, (role, w.SPARE(), 0)) : abi.encodeCall(m.revokeRole, (role, w.SPARE()));
        bool ok = _call(roleAdmin, address(m), data);
        w.expect(ok, "the role's admin was refused a role change");
        if (ok) w.setExpectedRole(role, w.SPARE(), grant);
    }

    /**
     * @notice Someone without the power (a trader, the stranger, the spare account, an operator of another role, the
     * other bank, or the manager's admin for a bank's role) tries to change roles: grant one to itself, revoke or
     * renounce someone else's, take a role's administration, or open a gated function to everyone. Any success is a
     * broken rule; renouncing one's own role is the holder's right and is recorded.
     */
    function intrude(uint256 seed, uint256 callerSeed, uint8 what) external {
        (uint64 role, address roleAdmin) = _target(seed);
        RailsAccessManager m = w.manager();
        uint256 pick = callerSeed % 5;
        address caller =
            pick == 0
                ? w.SPARE()
                : pick == 1
                    ? w.REGULATOR()
                    : pick == 2
                        ? (
                            roleAdmin == w.ADMIN()
                                ? w.banks(seed % 2)
                                : (roleAdmin == w.banks(0) ? w.banks(1) : w.ADMIN())
                        )
                        : _anyone(callerSeed);
        if (caller == roleAdmin) caller = w.STRANGER();
        address victim = _anyone(seed / 7);
        bytes memory data;
        what %= 5;
        if (what == 0) data = abi.encodeCall(m.grantRole, (role, caller, 0));
        else if (what == 1) data = abi.encodeCall(m.revokeRole, (role, victim));
        else if (what == 2) data = abi.encodeCall(m.renounceRole, (role, victim));
        else if (what == 3) data = abi.encodeCall(m.setRoleAdmin, (role, RailsRoles.deposit("XXX", 0)));
        else {
            bytes4[] memory selectors = new bytes4[](1);
            selectors[0] = w.token(seed).mint.selector;
            data = abi.encodeCall(m.setTargetFunctionRole, (address(w.token(seed)), selectors, m.PUBLIC_ROLE()));
        }
        // Only the manager's admin may change a role's admin or a function's role; it is not an intruder for those.
        if (what >= 3 && caller == w.ADMIN()) caller = w.STRANGER();
        bool ok = _call(caller, address(m), data);
        // renounceRole of one's own role is the holder's right; with victim == caller it is allowed.
        if (ok && what == 2 && victim == caller) {
            w.setExpectedRole(role, caller, false);
            return;
        }
        w.expect(!ok, "a role change by someone who is not the role's admin");
    }

    /// @notice Someone without the role calls a gated function (mint, issue, legal hold, freeze, forced transfer, a
    /// settlement contract's market or stray recovery, the rail's stray recovery, a settlement contract's pause).
    function intrudeGated(uint256 callerSeed, uint8 what) external {
        address caller = _anyone(callerSeed);
        if (caller == w.CARRIER()) caller = w.STRANGER(); // the carrier holds ISSUER_ROLE
        TokenizedDeposit t = w.token(callerSeed / 8);
        BillOfLadingRegistry ebl = w.ebl();
        uint256 id = _id(callerSeed / 16);
        address target;
        bytes memory data;
        what %= 8;
        SettlementCore settlement = callerSeed % 2 == 0 ? SettlementCore(w.signed()) : SettlementCore(w.escrow());
        if (what == 0) (target, data) = (address(t), abi.encodeCall(t.mint, (caller, 1, bytes32("X"))));
        else if (what == 5)
            (target, data) = (
                address(settlement),
                abi.encodeCall(settlement.setMarket, (address(ebl), address(t), caller))
            );
        else if (what == 6)
            (target, data) = (address(w.rail()), abi.encodeCall(w.rail().recoverStrayToken, (address(t), caller, 1)));
        else if (what == 7) (target, data) = (address(settlement), abi.encodeCall(settlement.pause, ()));
        else if (what == 1)
            (target, data) = (
                address(t),
                abi.encodeWithSignature(
                    "forcedTransfer(address,address,uint256,bytes32)",
                    w.traders(0),
                    caller,
                    1,
                    bytes32("X")
                )
            );
        else if (what == 2) (target, data) = (address(t), abi.encodeCall(t.freeze, (w.traders(1))));
        else if (what == 3) (target, data) = (address(ebl), abi.encodeCall(ebl.placeLegalHold, (id, bytes32("X"))));
        else
            (target, data) = (
                address(ebl),
                abi.encodeCall(ebl.issue, (caller, "X", IBillOfLadingRegistry.BillKind.ToOrder, caller, bytes32("X")))
            );
        w.expect(!_call(caller, target, data), "a gated function succeeded for an account without the role");
    }
}

/**
 * @title InterbankHandler
 * @notice The interbank rails: central banks issuing and redeeming reserves (sometimes to a non-bank, above a balance,
 * or by an impostor), banks moving reserves between themselves, opening, changing and closing their participation
 * (sometimes with the wrong currency, or not as the issuer), traders paying customers of other banks in one currency
 * or through the dealer's signed quote (random amounts, sometimes above the balance, a capacity or the quote's size;
 * a payee amount one unit above the quote; expired quotes, reused nonces and payment ids, a quote signed by someone
 * else, by a dealer that is no bank, or for the wrong pair), someone paying with another's money, the dealer
 * cancelling quotes, and pauses and freezes of the interbank contract, the reserves and bank 2's token.
 * Every call is checked on the spot: accepted exactly when the rules allow it, and then every leg moved and nothing
 * else ({SystemHandlerBase-_afterPayment}); refused, nothing moved.
 */
contract InterbankHandler is SystemHandlerBase {
    uint256 internal _payments;
    /// @dev One more than the nonce of the last quote taken (zero: none yet).
    uint256 internal _takenNonce;

    constructor(SystemWorld world) SystemHandlerBase(world) {}

    function _bankVerified(address account) internal view returns (bool) {
        return w.participants().isVerifiedAs(account, ParticipantKinds.BANK);
    }

    // ------------------------------------------------------------------ reserves

    /**
     * @notice The central bank issues reserves to a holder (one time in seven a trader, refused) or redeems them
     * (sometimes more than the balance, refused; a trader holds none); `how` 3: the other central bank or a bank
     * tries, refused. Invariant 1, on the spot: the supply of reserves changes only by the central bank's issue and
     * redemption, by exactly the amount; an issue only to a verified bank, a redemption from any holder (a revoked
     * bank's reserves are not stuck).
     */
    function issueOrRedeem(uint256 currency, uint256 holderSeed, uint256 amountSeed, uint8 how) external {
        uint256 c = currency % 2;
        WholesaleReserve r = w.reserve(c);
        address centralBank = w.centralBanks(c);
        address holder = holderSeed % 7 == 6 ? _trader(holderSeed / 7) : w.reserveHolder(holderSeed);
        how %= 4;
        address caller = how < 3 ? centralBank : (holderSeed % 2 == 0 ? w.centralBanks(1 - c) : w.banks(c));
        bool redeem = how == 2 || (how == 3 && amountSeed % 2 == 0);
        uint256[2] memory pre = [r.balanceOf(holder), r.totalSupply()];
        uint256 amount = redeem ? 1 + (amountSeed % (pre[0] + pre[0] / 4 + 1)) : 1 + (amountSeed % 500_000_00);
        bytes memory data =
            redeem
                ? abi.encodeCall(r.redeem, (holder, amount, bytes32("RTGS-OUT")))
                : abi.encodeCall(r.issue, (holder, amount, bytes32("RTGS-IN")));
        // An issue needs a verified bank; a redemption only the balance (a revoked bank's reserves can still be
        // redeemed: nothing is stuck).
        bool allowed = caller == centralBank && !r.paused() && (redeem ? amount <= pre[0] : _bankVerified(holder));
        vm.prank(caller);
        (bool ok, bytes memory reason) = address(r).call(data);
        w.expect(ok == allowed, "reserves: an issue or redemption accepted or refused against the rules");
        if (!ok) {
            w.expect(r.balanceOf(holder) == pre[0] && r.totalSupply() == pre[1], "refused issue/redeem: moved");
            if (caller == centralBank && !r.paused() && !redeem && _traderIndex(holder) < 3) {
                bytes memory expected = abi.encodeWithSelector(IWholesaleReserve.ReserveHolderNotBank.selector, holder);
                w.expect(
                    keccak256(reason) == keccak256(expected),
                    "reserves for a non-bank refused for another reason"
                );
            }
            return;
        }
        _afterIssueOrRedeem(r, holder, c, amount, redeem, pre);
    }

    function _afterIssueOrRedeem(
        WholesaleReserve r,
        address holder,
        uint256 c,
        uint256 amount,
        bool redeem,
        uint256[2] memory pre
    ) internal {
        uint256 balance = redeem ? pre[0] - amount : pre[0] + amount;
        w.expect(r.balanceOf(holder) == balance, "reserves: the holder's balance changed by another amount");
        w.expect(r.totalSupply() == (redeem ? pre[1] - amount : pre[1] + amount), "reserves: supply off");
        string memory what = redeem ? "redeemed" : "issued";
        w.addGhost(_key(what, holder, c), amount);
        w.addGhost(_key(what, address(0), c), amount);
        w.bump(redeem ? bytes32("reserves redeemed") : bytes32("reserves issued"));
    }

    /// @notice A bank sends reserves to another bank directly (one time in five to a trader: refused). The supply
    /// does not change.
    function transferReserves(uint256 currency, uint256 fromSeed, uint256 toSeed, uint256 amountSeed) external {
        uint256 c = currency % 2;
        WholesaleReserve r = w.reserve(c);
        address from = w.reserveHolder(fromSeed);
        address to = toSeed % 5 == 4 ? _trader(toSeed) : w.reserveHolder(toSeed);
        uint256 balance = r.balanceOf(from);
        uint256 supply = r.totalSupply();
        uint256 amount = 1 + (amountSeed % (balance + 1));
        bool ok = _call(from, address(r), abi.encodeCall(r.transfer, (to, amount)));
        bool allowed = !r.paused() && _bankVerified(from) && _bankVerified(to) && amount <= balance;
        w.expect(ok == allowed, "reserves: a transfer accepted or refused against the rules");
        w.expect(r.totalSupply() == supply, "reserves: a transfer changed the supply");
        if (!ok) return;
        w.addGhost(_key("sent", from, c), amount);
        w.addGhost(_key("received", to, c), amount);
        w.bump("reserves transferred");
    }

    // ------------------------------------------------------------------ participation

    /**
     * @notice A bank opens or changes (`mode` 0-2: random capacities, a fifth of them zero), or closes (3), its
     * participation for its deposit token; sets it with the other currency's reserves (4, refused); or another bank
     * tries (5, refused).
     */
    function setBankAccount(uint256 tokenSeed, uint8 mode, uint256 capSeed) external {
        uint256 k = tokenSeed % 3;
        address token = address(w.depositToken(k));
        mode %= 6;
        address reserve = mode == 3 ? address(0) : address(w.reserve(w.currencyOf(k) + (mode == 4 ? 1 : 0)));
        uint128 out = capSeed % 5 == 0 ? 0 : uint128(capSeed % 300_000_00);
        uint128 in_ = (capSeed >> 64) % 5 == 0 ? 0 : uint128((capSeed >> 64) % 300_000_00);
        if (!_setAccount(mode == 5 ? w.reserveHolder(k + 1) : w.reserveHolder(k), token, reserve, out, in_, mode)) {
            return;
        }
        bool closed = reserve == address(0);
        IInterbankPayments.BankAccount memory a = w.interbank().bankAccountOf(token);
        w.expect(
            a.bank == w.reserveHolder(k) &&
                a.reserve == reserve &&
                a.outflowCapacity == (closed ? 0 : out) &&
                a.inflowCapacity == (closed ? 0 : in_),
            "interbank: participation not as set"
        );
        w.bump(closed ? bytes32("participation closed") : bytes32("participation set"));
    }

    /// @dev `caller` sets the participation; a refusal (modes 4 and 5) names its reason and changes nothing.
    function _setAccount(
        address caller,
        address token,
        address reserve,
        uint128 out,
        uint128 in_,
        uint8 mode
    ) internal returns (bool ok) {
        InterbankPayments interbank = w.interbank();
        bytes32 before = keccak256(abi.encode(interbank.bankAccountOf(token)));
        vm.prank(caller);
        bytes memory reason;
        (ok, reason) = address(interbank).call(abi.encodeCall(interbank.setBankAccount, (token, reserve, out, in_)));
        w.expect(ok == (mode < 4), "interbank: participation set or refused against the rules");
        if (ok) return ok;
        w.expect(keccak256(abi.encode(interbank.bankAccountOf(token))) == before, "refused participation changed");
        bytes memory expected =
            mode == 4
                ? abi.encodeWithSelector(IInterbankPayments.InterbankReserveMismatch.selector, token, reserve)
                : abi.encodeWithSelector(IInterbankPayments.InterbankNotIssuer.selector, token, caller);
        w.expect(keccak256(reason) == keccak256(expected), "participation refused for another reason");
    }

    // ------------------------------------------------------------------ payments

    /// @dev What a payment attempt is, for {pay}'s prediction.
    struct Attempt {
        IInterbankPayments.Payment p;
        IInterbankPayments.Quote q;
        bytes signature;
        uint256 from;
        uint256 to;
        bool fx;
        bool validSigner;
        bool nonceUsed;
        bool idUsed;
        uint256 flaw;
        /// @dev Whether the rules allowed the attempt before its flaw.
        bool baseAllowed;
    }

    /**
     * @notice A trader pays a customer of another bank (one time in nine the unverified stranger; sometimes the same
     * token, refused): in one currency between HKD at bank 0 and HKD at bank 2, otherwise through the dealer's quote.
     * `flaw` (one time in two none) makes it break one rule: an amount above the payer's balance, the payee asks one unit
     * more than the quote gives, an expired quote, a quote smaller than the payment, a reused quote nonce or payment id,
     * a quote signed by someone else, by a trader posing as dealer, for the reverse pair, or a quote in one currency.
     * Accepted exactly when every rule holds (see {_allowed}). Invariants 2, 3 and 4, on the spot: accepted, every leg
     * moved and nothing else; refused, nothing moved.
     */
    function pay(uint256 fromSeed, uint256 toSeed, uint256 amountSeed, uint256 quoteSeed, uint256 flawSeed) external {
        Attempt memory a = _attempt(fromSeed, toSeed, amountSeed, quoteSeed, flawSeed);
        Books memory pre = _books();
        bool allowed = _allowed(a);
        address interbank = address(w.interbank()); // read before the prank, which applies to the next call
        vm.prank(a.p.payer);
        (bool ok, bytes memory reason) = interbank.call(
            abi.encodeCall(IInterbankPayments.pay, (a.p, a.q, a.signature))
        );
        w.expect(ok == allowed, _mismatch(a, ok));
        if (!ok) {
            w.expect(_same(pre, _books()), "refused payment: something moved");
            w.expect(a.idUsed || !w.interbank().isPaymentIdUsed(a.p.paymentId), "refused payment: its id used up");
            w.expect(a.nonceUsed || !a.fx || !w.interbank().isQuoteUsed(a.q.dealer, a.q.nonce), "refused: nonce used");
            if (!a.idUsed) w.recordRefusedPayment(a.p.paymentId);
            if (a.flaw != 0) w.bump(bytes32(abi.encodePacked("refused: flaw ", bytes1(uint8(48 + a.flaw)))));
            bytes memory expected = a.flaw == 0 ? _participationError(a) : _flawError(a);
            if (expected.length == 0) return;
            w.expect(
                keccak256(reason) == keccak256(expected),
                string.concat("a flawed payment refused for another reason: flaw ", Strings.toString(a.flaw))
            );
            w.bump(a.flaw == 0 ? bytes32("refused with the bank's error") : bytes32("flaw refused with its error"));
            return;
        }
        w.expect(_same(_afterPayment(pre, a.p, a.from, a.to, a.fx), _books()), "payment: legs moved other than stated");
        w.expect(w.interbank().isPaymentIdUsed(a.p.paymentId), "payment: id not used up");
        w.expect(!a.fx || w.interbank().isQuoteUsed(a.q.dealer, a.q.nonce), "payment: the quote can be taken again");
        _recordPayment(a.p, a.from, a.to, a.fx ? a.q.rate : 0);
        w.recordPayment(a.p.paymentId); // a direct payment's id is recorded by the interbank contract
        if (a.fx) _takenNonce = a.q.nonce + 1;
        w.bump(a.fx ? bytes32("interbank fx payment") : bytes32("interbank payment"));
    }

    function _mismatch(Attempt memory a, bool ok) internal pure returns (string memory) {
        return
            string.concat(
                ok
                    ? "interbank: a payment against the rules went through"
                    : "interbank: a payment within the rules was refused",
                ": flaw ",
                Strings.toString(a.flaw),
                a.fx ? ", two currencies" : ", one currency"
            );
    }

    function _attempt(
        uint256 fromSeed,
        uint256 toSeed,
        uint256 amountSeed,
        uint256 quoteSeed,
        uint256 flawSeed
    ) internal returns (Attempt memory a) {
        a.from = fromSeed % 3;
        a.to = toSeed % 3;
        if (a.to == a.from && toSeed % 8 != 0) a.to = (a.from + 1 + ((toSeed >> 8) % 2)) % 3;
        a.fx = w.currencyOf(a.from) != w.currencyOf(a.to);
        address payer = _trader(fromSeed >> 8);
        uint256 amount = 1 + (amountSeed % (w.depositToken(a.from).balanceOf(payer) / 2 + 1));
        a.p = IInterbankPayments.Payment({
            payerToken: address(w.depositToken(a.from)),
            payer: payer,
            payAmount: amount,
            payeeToken: address(w.depositToken(a.to)),
            payee: toSeed % 9 == 8 ? w.STRANGER() : _trader(toSeed >> 16),
            receiveAmount: amount,
            paymentId: keccak256(abi.encode("payment", ++_payments))
        });
        if (a.fx) {
            // made out to the payer, or (one in four) to whoever presents it
            address taker = (quoteSeed >> 200) % 4 == 0 ? address(0) : payer;
            a.q = _quote(a.from, a.to, amount + (quoteSeed % 3), quoteSeed, quoteSeed % 64, taker);
            uint256 quoted = (amount * a.q.rate) / 1e18;
            // the payee takes the whole quote, or a third less
            a.p.receiveAmount = quoted - ((quoteSeed >> 128) % 3 == 0 ? quoted / 3 : 0);
            _sign(a, w.DEALER_KEY());
        }
        a.idUsed = w.interbank().isPaymentIdUsed(a.p.paymentId);
        a.baseAllowed = _allowed(a);
        a.flaw = flawSeed % 2 == 0 ? 0 : 1 + ((flawSeed >> 1) % 10);
        _applyFlaw(a, flawSeed, quoteSeed);
    }

    function _sign(Attempt memory a, uint256 key) internal view {
        a.signature = _signQuote(key, a.q);
        a.validSigner = vm.addr(key) == a.q.dealer;
        a.nonceUsed = w.interbank().isQuoteUsed(a.q.dealer, a.q.nonce);
    }

    /// @dev Breaks the attempt's rule `a.flaw` (see {pay}); a flaw that does not apply (one about quotes in one
    /// currency, no payment or quote taken yet to reuse) is dropped.
    function _applyFlaw(Attempt memory a, uint256 flawSeed, uint256 quoteSeed) internal view {
        uint256 f = a.flaw;
        uint256 n = w.paymentsLength();
        if ((f == 6 && n == 0) || (f == 5 && _takenNonce == 0) || (a.fx ? f == 9 : f > 2 && f != 6 && f != 9)) {
            a.flaw = 0;
            return;
        }
        IInterbankPayments.Payment memory p = a.p;
        if (f == 1) p.payAmount = w.depositToken(a.from).balanceOf(p.payer) + 1 + (quoteSeed % 1_000_00);
        else if (f == 2) p.receiveAmount = a.fx ? (p.payAmount * a.q.rate) / 1e18 + 1 : p.payAmount + 1;
        else if (f == 6) (p.paymentId, a.idUsed) = (w.paymentIds(flawSeed % n), true);
        else if (f == 9) a.q = _quote(a.from, a.to, p.payAmount, quoteSeed, quoteSeed % 64, p.payer); // none expected
        if (!a.fx) return;
        uint256 key = w.DEALER_KEY();
        if (f == 3) a.q.expiry = block.timestamp - 1;
        else if (f == 4) a.q.maxPayAmount = p.payAmount - 1;
        else if (f == 5)
            a.q.nonce = _takenNonce - 1; // the last quote taken
        else if (f == 8) (a.q.payReserve, a.q.receiveReserve) = (a.q.receiveReserve, a.q.payReserve);
        else if (f == 7) {
            // a trader poses as dealer, with its own valid signature: it holds no reserves and is no bank
            a.q.dealer = _trader(quoteSeed);
            key = w.keyOf(a.q.dealer);
        } else if (f == 10) key = w.keyOf(_trader(quoteSeed)); // someone else signs the dealer's quote
        _sign(a, key);
    }

    /**
     * @dev The error a refused attempt without a flaw must report when the payer's side passes (the contract running,
     * a fresh id, the payer able to pay) and it is refused at the banks' participation: the same token on both sides,
     * a bank closed, or a capacity too small, in the contract's order (payer's bank first). Empty otherwise.
     */
    function _participationError(Attempt memory a) internal view returns (bytes memory) {
        IInterbankPayments.Payment memory p = a.p;
        InterbankPayments interbank = w.interbank();
        if (interbank.paused() || p.receiveAmount == 0) return "";
        if (a.from == a.to) return abi.encodeWithSelector(IInterbankPayments.InterbankSameToken.selector, p.payerToken);
        if (a.idUsed || !_canBurn(w.depositToken(a.from), p.payer, p.payAmount)) return "";
        IInterbankPayments.BankAccount memory out = interbank.bankAccountOf(p.payerToken);
        IInterbankPayments.BankAccount memory in_ = interbank.bankAccountOf(p.payeeToken);
        if (out.reserve == address(0)) {
            return abi.encodeWithSelector(IInterbankPayments.InterbankBankNotOpen.selector, p.payerToken);
        }
        if (p.payAmount > out.outflowCapacity) {
            return
                abi.encodeWithSelector(
                    IInterbankPayments.InterbankOutflowCapacityExceeded.selector,
                    p.payerToken,
                    out.outflowCapacity,
                    p.payAmount
                );
        }
        if (in_.reserve == address(0)) {
            return abi.encodeWithSelector(IInterbankPayments.InterbankBankNotOpen.selector, p.payeeToken);
        }
        if (p.receiveAmount > in_.inflowCapacity) {
            return
                abi.encodeWithSelector(
                    IInterbankPayments.InterbankInflowCapacityExceeded.selector,
                    p.payeeToken,
                    in_.inflowCapacity,
                    p.receiveAmount
                );
        }
        return "";
    }

    /**
     * @dev The error a refused attempt must report when its flaw is the only rule it breaks (the attempt without the
     * flaw was allowed, and the flaw does not trip an earlier check): empty when that cannot be said (an amount above
     * the balance is the deposit token's OpenZeppelin error).
     */
    function _flawError(Attempt memory a) internal view returns (bytes memory) {
        if (!a.baseAllowed) return "";
        (uint256 f, IInterbankPayments.Payment memory p, IInterbankPayments.Quote memory q) = (a.flaw, a.p, a.q);
        if (f == 2) {
            // one unit more must still fit the payee bank's inflow capacity, checked before the amounts
            if (p.receiveAmount > w.interbank().bankAccountOf(p.payeeToken).inflowCapacity) return "";
            if (!a.fx)
                return
                    abi.encodeWithSelector(
                        IInterbankPayments.InterbankAmountMismatch.selector,
                        p.payAmount,
                        p.receiveAmount
                    );
            uint256 quoted = (p.payAmount * q.rate) / 1e18;
            return
                abi.encodeWithSelector(IInterbankPayments.InterbankQuoteRateExceeded.selector, quoted, p.receiveAmount);
        }
        if (f == 3) return abi.encodeWithSelector(IRailsErrors.RailsExpired.selector, q.expiry, block.timestamp);
        if (f == 4) {
            return
                abi.encodeWithSelector(
                    IInterbankPayments.InterbankQuoteSizeExceeded.selector,
                    q.maxPayAmount,
                    p.payAmount
                );
        }
        if (f == 5) return abi.encodeWithSelector(IInterbankPayments.InterbankQuoteUsed.selector, q.dealer, q.nonce);
        if (f == 6) return abi.encodeWithSelector(IInterbankPayments.InterbankPaymentIdUsed.selector, p.paymentId);
        if (f == 7 && !a.nonceUsed)
            return abi.encodeWithSelector(IWholesaleReserve.ReserveHolderNotBank.selector, q.dealer);
        if (f == 8) {
            return
                abi.encodeWithSelector(
                    IInterbankPayments.InterbankQuotePairMismatch.selector,
                    q.payReserve,
                    q.receiveReserve
                );
        }
        if (f == 9) return abi.encodeWithSelector(IInterbankPayments.InterbankQuoteNotExpected.selector, q.dealer);
        if (f == 10) return abi.encodeWithSelector(IRailsErrors.RailsInvalidSignature.selector, q.dealer);
        return "";
    }

    /// @dev Whether the rules allow the attempt now: the interbank contract, both deposit tokens and the reserves
    /// involved running; a fresh payment id; both banks open with capacity; the payer verified, not frozen, with the
    /// amount unfrozen; the payee verified, not frozen; the reserves' holders verified banks with the funds; in one
    /// currency no quote and equal amounts; in two, the dealer's valid, fresh, unexpired quote of the pair covering
    /// the payment at its rate.
    function _allowed(Attempt memory a) internal view returns (bool) {
        IInterbankPayments.Payment memory p = a.p;
        if (w.interbank().paused() || a.idUsed || p.receiveAmount == 0 || a.from == a.to) return false;
        if (!_canBurn(w.depositToken(a.from), p.payer, p.payAmount) || !_canMint(w.depositToken(a.to), p.payee)) {
            return false;
        }
        IInterbankPayments.BankAccount memory out = w.interbank().bankAccountOf(p.payerToken);
        IInterbankPayments.BankAccount memory in_ = w.interbank().bankAccountOf(p.payeeToken);
        if (out.reserve == address(0) || in_.reserve == address(0)) return false;
        if (p.payAmount > out.outflowCapacity || p.receiveAmount > in_.inflowCapacity) return false;
        (address payerBank, address payeeBank) = (w.reserveHolder(a.from), w.reserveHolder(a.to));
        if (!a.fx) {
            return
                a.q.dealer == address(0) &&
                p.receiveAmount == p.payAmount &&
                _canSettle(w.reserve(w.currencyOf(a.from)), payerBank, payeeBank, p.payAmount);
        }
        IInterbankPayments.Quote memory q = a.q;
        return
            q.payReserve == out.reserve &&
            q.receiveReserve == in_.reserve &&
            block.timestamp <= q.expiry &&
            p.payAmount <= q.maxPayAmount &&
            p.receiveAmount * 1e18 <= p.payAmount * q.rate &&
            !a.nonceUsed &&
            a.validSigner &&
            _canSettle(WholesaleReserve(q.payReserve), payerBank, q.dealer, p.payAmount) &&
            _canSettle(WholesaleReserve(q.receiveReserve), q.dealer, payeeBank, p.receiveAmount);
    }

    function _canBurn(TokenizedDeposit t, address from, uint256 amount) internal view returns (bool) {
        return
            !t.paused() &&
            w.participants().isVerified(from) &&
            !t.isFrozen(from) &&
            amount <= t.balanceOf(from) - t.frozenAmount(from);
    }

    function _canMint(TokenizedDeposit t, address to) internal view returns (bool) {
        return !t.paused() && w.participants().isVerified(to) && !t.isFrozen(to);
    }

    function _canSettle(WholesaleReserve r, address from, address to, uint256 amount) internal view returns (bool) {
        return !r.paused() && _bankVerified(from) && _bankVerified(to) && amount <= r.balanceOf(from);
    }

    /**
     * @notice Someone other than the payer (another trader, a bank, the dealer, the stranger) tries to pay with a
     * trader's deposit: by {IInterbankPayments-pay} naming the trader as payer (refused, {InterbankNotPayer}), or by
     * `payFor` without the settler role (refused by the access manager). Invariant 4, on the spot: nothing moves.
     */
    function payWithAnothersMoney(uint256 callerSeed, uint256 payerSeed, uint256 amountSeed, bool viaPayFor) external {
        address payer = _trader(payerSeed);
        address caller = callerSeed % 4 == 3 ? w.dealer() : _anyone(callerSeed);
        if (caller == payer) caller = w.STRANGER();
        TokenizedDeposit from = w.depositToken(0);
        IInterbankPayments.Payment memory p = IInterbankPayments.Payment({
            payerToken: address(from),
            payer: payer,
            payAmount: 1 + (amountSeed % (from.balanceOf(payer) + 1)),
            payeeToken: address(w.depositToken(2)),
            payee: _trader(payerSeed + 1),
            receiveAmount: 0,
            paymentId: keccak256(abi.encode("another's money", amountSeed))
        });
        p.receiveAmount = p.payAmount;
        IInterbankPayments.Quote memory none;
        InterbankPayments interbank = w.interbank();
        Books memory pre = _books();
        bytes memory data =
            viaPayFor ? abi.encodeCall(interbank.payFor, (p, none, "")) : abi.encodeCall(interbank.pay, (p, none, ""));
        vm.prank(caller);
        (bool ok, bytes memory reason) = address(interbank).call(data);
        w.expect(!ok, "a payment with another's money went through");
        w.expect(_same(pre, _books()), "a payment with another's money moved something");
        bytes memory expected =
            viaPayFor
                ? abi.encodeWithSignature("AccessManagedUnauthorized(address)", caller)
                : abi.encodeWithSelector(IInterbankPayments.InterbankNotPayer.selector, caller, payer);
        // A pause is checked first for `pay`: then the refusal is the pause's.
        if (viaPayFor || !interbank.paused()) {
            w.expect(keccak256(reason) == keccak256(expected), "another's money refused for another reason");
        }
        w.bump("another's money refused");
    }

    /// @notice The dealer cancels one of its quote nonces (refused when taken or cancelled before); a cancelled quote
    /// can never be taken (the nonce stays used, which {pay} relies on).
    function cancelQuote(uint256 nonceSeed) external {
        InterbankPayments interbank = w.interbank();
        uint256 nonce = nonceSeed % 64;
        bool used = interbank.isQuoteUsed(w.dealer(), nonce);
        bool ok = _call(w.dealer(), address(interbank), abi.encodeCall(interbank.cancelQuote, (nonce)));
        w.expect(ok == !used, "quote cancellation accepted or refused against the rules");
        w.expect(interbank.isQuoteUsed(w.dealer(), nonce), "a cancelled quote can still be taken");
        if (ok) w.bump("quote cancelled");
    }

    /**
     * @notice Pauses (one time in six) or unpauses: `what` 0 the interbank contract (its pauser), 1 the reserves (the
     * central bank), 2 bank 2's token (its pauser); 3 freezes or unfreezes a trader at bank 2; 4 someone without the
     * power (mostly a bank, to itself from another bank) tries to move reserves as a settlement agent, or to pause the
     * interbank contract: refused, nothing moves.
     */
    function toggleControls(uint8 what, uint256 seed) external {
        what %= 5;
        if (what == 0) {
            InterbankPayments interbank = w.interbank();
            _toggle(w.PAUSER(), address(interbank), interbank.paused(), seed);
        } else if (what == 1) {
            WholesaleReserve r = w.reserve(seed >> 8);
            _toggle(w.centralBanks((seed >> 8) % 2), address(r), r.paused(), seed);
        } else if (what == 2) {
            TokenizedDeposit t = w.hkd2();
            _toggle(w.PAUSER(), address(t), t.paused(), seed);
        } else if (what == 3) {
            TokenizedDeposit t = w.hkd2();
            address trader = _trader(seed >> 8);
            bytes memory data =
                t.isFrozen(trader) ? abi.encodeCall(t.unfreeze, (trader)) : abi.encodeCall(t.freeze, (trader));
            w.expect(_call(w.FREEZER(), address(t), data), "bank 2's freezer was refused");
        } else {
            // Mostly a bank pulling another bank's reserves to itself; sometimes anyone.
            address caller = seed % 3 == 0 ? _anyone(seed) : w.reserveHolder(seed >> 2);
            address from = w.reserveHolder((seed >> 2) + 1 + ((seed >> 4) % 3));
            WholesaleReserve r = w.reserve(seed >> 8);
            Books memory pre = _books();
            bytes memory data = abi.encodeCall(r.settle, (from, caller, 1 + ((seed >> 16) % 1_000_00), bytes32("X")));
            vm.prank(caller);
            (bool ok, bytes memory reason) = address(r).call(data);
            w.expect(!ok, "reserves moved by someone not admitted as a settlement agent");
            bytes memory expected = abi.encodeWithSelector(IWholesaleReserve.ReserveUnauthorizedAgent.selector, caller);
            w.expect(keccak256(reason) == keccak256(expected), "an intruding agent refused for another reason");
            w.expect(
                !_call(caller, address(w.interbank()), abi.encodeWithSignature("pause()")),
                "interbank paused by an intruder"
            );
            w.expect(_same(pre, _books()), "an intruder moved something");
        }
    }

    function _toggle(address pauser, address target, bool paused, uint256 seed) internal {
        if (paused) w.expect(_call(pauser, target, abi.encodeWithSignature("unpause()")), "unpause refused");
        else if (seed % 6 == 0) w.expect(_call(pauser, target, abi.encodeWithSignature("pause()")), "pause refused");
    }
}

/**
 * @title DocumentHandler
 * @notice Issuers of trade documents: traders (commercial invoices), an origin authority (certificates of origin)
 * and an insurer (insurance certificates) register documents bound to eBLs, supersede and revoke them (sometimes a
 * caller other than the issuer tries); the registrar takes the authority's and the insurer's verification away and
 * gives it back. Each call is checked on the spot: it succeeds exactly when the registry's rules allow, and the
 * record then holds what the call said.
 */
contract DocumentHandler is SystemHandlerBase {
    constructor(SystemWorld world) SystemHandlerBase(world) {}

    /// @dev A commercial invoice (1), a certificate of origin (3) or an insurance certificate (4), and its issuer.
    function _typeAndIssuer(uint256 seed) internal view returns (uint8 documentType, address issuer) {
        uint256 r = seed % 3;
        if (r == 0) return (1, _trader(seed >> 8));
        return r == 1 ? (3, w.ORIGIN_AUTHORITY()) : (4, w.INSURER());
    }

    function register(uint256 tokenSeed, uint256 typeSeed, uint256 refSeed, bytes32 hash) external {
        (uint8 documentType, address issuer) = _typeAndIssuer(typeSeed);
        ITradeDocumentRegistry.Document memory want = ITradeDocumentRegistry.Document({
            documentType: documentType,
            status: ITradeDocumentRegistry.DocumentStatus.Issued,
            version: 1,
            issuedAt: uint40(block.timestamp),
            issuer: issuer,
            owner: _trader(refSeed >> 8),
            subjectContract: address(w.ebl()),
            subjectId: _id(tokenSeed),
            sha256Hash: hash
        });
        _register(want, keccak256(abi.encode(refSeed % 12))); // few document numbers: an issuer sometimes reuses one
    }

    function _register(ITradeDocumentRegistry.Document memory want, bytes32 ref) internal {
        TradeDocumentRegistry d = w.documents();
        bytes32 id = keccak256(abi.encode(want.issuer, want.documentType, ref));
        bool allowed =
            d.documentOf(id).status == ITradeDocumentRegistry.DocumentStatus.None &&
                want.sha256Hash != bytes32(0) &&
                _qualifiedIssuer(want.issuer, want.documentType) &&
                w.participants().isVerified(want.owner);
        bytes memory data = abi.encodeCall(
            d.register,
            (want.documentType, ref, want.owner, want.subjectContract, want.subjectId, want.sha256Hash)
        );
        bool ok = _call(want.issuer, address(d), data);
        w.expect(ok == allowed, "a document registration's outcome is not what the rules say");
        if (!ok) return;
        w.expect(
            keccak256(abi.encode(d.documentOf(id))) == keccak256(abi.encode(want)),
            "registered: the record is not what was registered"
        );
        w.recordDocument(id);
        w.bump("document registered");
    }

    /// @dev A document registered before, and its issuer (one time in five another trader calls instead).
    function _document(uint256 seed) internal view returns (bytes32 id, address caller, bool any) {
        uint256 n = w.documentsLength();
        if (n == 0) return (id, caller, false);
        id = w.documentIds(seed % n);
        caller = (seed >> 8) % 5 == 0 ? _trader(seed >> 16) : w.documents().documentOf(id).issuer;
        any = true;
    }

    function supersede(uint256 docSeed, bytes32 hash) external {
        (bytes32 id, address caller, bool any) = _document(docSeed);
        if (!any) return;
        TradeDocumentRegistry d = w.documents();
        ITradeDocumentRegistry.Document memory pre = d.documentOf(id);
        bool allowed =
            caller == pre.issuer &&
                pre.status == ITradeDocumentRegistry.DocumentStatus.Issued &&
                _qualifiedIssuer(pre.issuer, pre.documentType) &&
                hash != bytes32(0) &&
                hash != pre.sha256Hash;
        bool ok = _call(caller, address(d), abi.encodeCall(d.supersede, (id, hash)));
        w.expect(ok == allowed, "a new version's outcome is not what the rules say");
        if (!ok) return;
        ITradeDocumentRegistry.Document memory post = d.documentOf(id);
        (bytes32 previous, ITradeDocumentRegistry.DocumentStatus previousStatus) = d.versionOf(id, pre.version);
        w.expect(
            post.version == pre.version + 1 &&
                post.sha256Hash == hash &&
                post.status == ITradeDocumentRegistry.DocumentStatus.Issued &&
                previous == pre.sha256Hash &&
                previousStatus == ITradeDocumentRegistry.DocumentStatus.Superseded,
            "superseded: versions not kept"
        );
        w.bump("document superseded");
    }

    function revoke(uint256 docSeed) external {
        (bytes32 id, address caller, bool any) = _document(docSeed);
        if (!any) return;
        TradeDocumentRegistry d = w.documents();
        ITradeDocumentRegistry.Document memory pre = d.documentOf(id);
        bool allowed = caller == pre.issuer && pre.status == ITradeDocumentRegistry.DocumentStatus.Issued;
        bool ok = _call(caller, address(d), abi.encodeCall(d.revoke, (id, "withdrawn by its issuer")));
        w.expect(ok == allowed, "a revocation's outcome is not what the rules say");
        if (!ok) return;
        ITradeDocumentRegistry.Document memory post = d.documentOf(id);
        w.expect(
            post.status == ITradeDocumentRegistry.DocumentStatus.Revoked &&
                post.version == pre.version &&
                post.sha256Hash == pre.sha256Hash,
            "revoked: the record changed otherwise"
        );
        w.bump("document revoked");
    }

    /// @notice The registrar revokes the authority's or the insurer's verification, or registers it again (for a day
    /// to three, so that time also makes it lapse).
    function toggleIssuer(uint256 seed) external {
        address account = seed % 2 == 0 ? w.ORIGIN_AUTHORITY() : w.INSURER();
        ParticipantRegistry p = w.participants();
        IParticipantRegistry.Participant memory cur = p.participant(account);
        IParticipantRegistry.Registration memory r = IParticipantRegistry.Registration({
            kinds: seed % 2 == 0 ? ParticipantKinds.AUTHORITY : ParticipantKinds.INSURER,
            jurisdiction: "HK",
            validUntil: uint64(block.timestamp + 1 days + ((seed >> 8) % 2 days)),
            kycReference: cur.kycReference
        });
        bool ok;
        if (!cur.active) ok = _call(w.REGISTRAR(), address(p), abi.encodeCall(p.register, (account, r)));
        else if (p.isVerified(account)) ok = _call(w.REGISTRAR(), address(p), abi.encodeCall(p.revoke, (account)));
        else ok = _call(w.REGISTRAR(), address(p), abi.encodeCall(p.update, (account, r)));
        w.expect(ok, "the registrar was refused a valid operation on a document issuer");
        w.bump("document issuer toggled");
    }
}

/**
 * @title TradeHandler
 * @notice Buyers, sellers and relayers: signed settlements and escrowed deals (create, deposit the eBL, pay in chunks,
 * cancel, refund) in both currencies, each checked on the spot: both legs moved in full, or neither did. A settlement
 * that completes leaves the buyer side with exactly the title the terms state, usable (see {_checkSettled}), even when
 * the seller re-endorses the eBL between the buyer's consent and the settlement; nobody but the seller deposits an eBL
 * into a deal without the seller's consent to that deposit. Some terms name a condition that agrees or refuses at
 * random: a refusal moves nothing and leaves the terms unsettled or the deal open, an agreement settles exactly once.
 * The rail pays only for the two settlement contracts and keeps nothing but the strays sent to it on purpose.
 */
contract TradeHandler is SystemHandlerBase {
    uint256 internal _salt;

    struct Pre {
        address holder;
        address title;
        uint256 buyer;
        uint256 recipient;
        uint256 custody;
    }

    constructor(SystemWorld world) SystemHandlerBase(world) {}

    function _terms(
        uint256 tokenId,
        uint256 currency,
        uint256 buyerSeed,
        uint256 amountSeed,
        bool endorse,
        uint256 ttl
    ) internal returns (ISettlement.Terms memory t) {
        BillOfLadingRegistry ebl = w.ebl();
        address seller = ebl.holderOf(tokenId);
        address buyer = _trader(buyerSeed);
        if (buyer == seller) buyer = _trader(buyerSeed + 1);
        (bytes32 documentHash, ) = ebl.documentOf(tokenId);
        t = ISettlement.Terms({
            registry: address(ebl),
            tokenId: tokenId,
            documentHash: documentHash,
            paymentToken: address(w.token(currency)),
            amount: 1 + (amountSeed % 50_000_00),
            seller: seller,
            buyer: buyer,
            eblRecipient: buyer,
            titleRecipient: endorse ? buyer : _titleUnchangedOrBearer(ebl, tokenId),
            paymentRecipient: seller,
            condition: address(0),
            conditionData: bytes32(0),
            deadline: block.timestamp + 1 hours + (ttl % 3 days),
            salt: bytes32(++_salt)
        });
    }

    /// @dev The title outcome of terms that do not endorse to the buyer: a straight bill's consignee (it never
    /// changes), or bearer (zero) for a to-order bill, which the settlement blank-endorses unless it already is.
    function _titleUnchangedOrBearer(BillOfLadingRegistry ebl, uint256 tokenId) internal view returns (address) {
        return ebl.kindOf(tokenId) == IBillOfLadingRegistry.BillKind.Straight ? ebl.titleHolderOf(tokenId) : address(0);
    }

    /// @dev Starting at `seed`, an eBL held by a trader (who can sign) with title (so that it can be sold with its
    /// title) and named by no open deal, if there is one. The contract reserves nothing before a deposit; the handlers
    /// leave an open deal's eBL alone so that deals complete.
    function _freeEbl(uint256 seed) internal view returns (uint256 id, bool found) {
        uint256 n = w.idsLength();
        BillOfLadingRegistry ebl = w.ebl();
        for (uint256 k; k < n; ++k) {
            id = w.ids((seed + k) % n);
            address holder = ebl.holderOf(id);
            if (w.keyOf(holder) != 0 && w.lens().canSurrender(ebl, id, holder) && !_namedByOpenDeal(id))
                return (id, true);
        }
    }

    function _namedByOpenDeal(uint256 tokenId) internal view returns (bool) {
        uint256 n = w.dealsLength();
        for (uint256 i; i < n; ++i) {
            if (w.deal(i).tokenId == tokenId && w.escrow().dealOf(w.dealIds(i)).status == ISettlement.TermsStatus.Open)
                return true;
        }
        return false;
    }

    function _currency(ISettlement.Terms memory t) internal view returns (uint256) {
        return t.paymentToken == address(w.token(0)) ? 0 : 1;
    }

    function _pre(ISettlement.Terms memory t) internal view returns (Pre memory p) {
        BillOfLadingRegistry ebl = w.ebl();
        TokenizedDeposit token = TokenizedDeposit(t.paymentToken);
        p.holder = ebl.holderOf(t.tokenId);
        p.title = ebl.titleHolderOf(t.tokenId);
        p.buyer = token.balanceOf(t.buyer);
        p.recipient = token.balanceOf(t.paymentRecipient);
        p.custody = token.balanceOf(address(w.escrow()));
    }

    function _checkSettled(ISettlement.Terms memory t, Pre memory p, uint256 buyerPaidNow) internal {
        _checkBillDelivered(t);
        TokenizedDeposit token = TokenizedDeposit(t.paymentToken);
        w.expect(token.balanceOf(t.paymentRecipient) == p.recipient + t.amount, "settled: seller not paid the price");
        w.expect(token.balanceOf(t.buyer) + buyerPaidNow == p.buyer, "settled: buyer paid a wrong amount");
        _checkPassThroughsHoldNothing(token);
    }

    /// @dev The buyer side ends with the eBL and the title the terms state, and can use it.
    function _checkBillDelivered(ISettlement.Terms memory t) internal {
        BillOfLadingRegistry ebl = w.ebl();
        w.expect(ebl.holderOf(t.tokenId) == t.eblRecipient, "settled: eBL not with its recipient");
        w.expect(ebl.titleHolderOf(t.tokenId) == t.titleRecipient, "settled: title not the terms' title recipient");
        // The buyer side uses what it bought, in snapshots: the holder with title (or of a bearer bill) surrenders it,
        // and endorses and delivers it if it is to order; a straight bill's holder other than the consignee delivers it
        // to the consignee, who surrenders it (when the consignee is still verified: otherwise nobody may receive it).
        if (t.titleRecipient == address(0) || t.titleRecipient == t.eblRecipient || _verified(t.titleRecipient)) {
            string memory failure = BillUse.check(ebl, t.tokenId, t.eblRecipient, t.titleRecipient, _endorsee(t));
            w.expect(bytes(failure).length == 0, failure);
        }
    }

    /// @dev The rail holds only what was sent to it on purpose (never a payment), the signed settlement nothing.
    function _checkPassThroughsHoldNothing(TokenizedDeposit token) internal {
        uint256 c = address(token) == address(w.token(0)) ? 0 : 1;
        w.expect(token.balanceOf(address(w.rail())) == w.railStray(c), "the rail kept money");
        w.expect(token.balanceOf(address(w.signed())) == 0, "the signed settlement kept money");
    }

    /// @dev The refusal of a deposit without the seller's consent (it names the seller).
    function _invalidSignature() internal pure returns (bytes4) {
        return IRailsErrors.RailsInvalidSignature.selector;
    }

    function _verified(address account) internal view returns (bool) {
        return w.participants().isVerified(account);
    }

    /// @dev A verified trader other than the eBL recipient and the title recipient to endorse the bought bill to, or
    /// zero if there is none (the registrar may have revoked them).
    function _endorsee(ISettlement.Terms memory t) internal view returns (address) {
        for (uint256 i; i < 3; ++i) {
            address trader = w.traders(i);
            if (trader != t.eblRecipient && trader != t.titleRecipient && _verified(trader)) return trader;
        }
        return address(0);
    }

    function settleSigned(
        uint256 tokenSeed,
        uint256 currency,
        uint256 buyerSeed,
        uint256 amountSeed,
        bool endorse
    ) external {
        // Mostly an eBL that can be sold; one time in four any eBL (most of those attempts must fail and move nothing).
        (uint256 id, bool found) = _freeEbl(tokenSeed);
        if (!found || tokenSeed % 4 == 0) id = _id(tokenSeed);
        if (w.keyOf(w.ebl().holderOf(id)) == 0) return; // not with a trader: nobody can sign for it
        ISettlement.Terms memory t = _terms(id, currency, buyerSeed, amountSeed, endorse, 1 days);
        Pre memory p = _pre(t);
        SignedSettlement signed = w.signed();
        if (_call(w.RELAYER(), address(signed), abi.encodeCall(signed.settle, (_signed(t))))) {
            _checkSettled(t, p, t.amount);
            w.expect(
                TokenizedDeposit(t.paymentToken).balanceOf(address(w.escrow())) == p.custody,
                "signed: the escrow's balance changed"
            );
            w.bump("signed settlement");
        } else {
            _checkNothingMoved(t, p);
        }
    }

    /// @dev Both parties' signatures of the terms; prior approvals for both legs.
    function _signed(ISettlement.Terms memory t) internal view returns (ISignedSettlement.Settlement memory s) {
        bytes32 digest = w.signed().hashTerms(t);
        (uint8 v, bytes32 r, bytes32 ss) = vm.sign(w.keyOf(t.seller), digest);
        s.sellerSignature = abi.encodePacked(r, ss, v);
        (v, r, ss) = vm.sign(w.keyOf(t.buyer), digest);
        s.buyerSignature = abi.encodePacked(r, ss, v);
        s.terms = t;
        s.paymentAuth.method = IPaymentRail.PaymentMethod.Allowance;
    }

    function _checkNothingMoved(ISettlement.Terms memory t, Pre memory p) internal {
        TokenizedDeposit token = TokenizedDeposit(t.paymentToken);
        w.expect(w.ebl().holderOf(t.tokenId) == p.holder, "failed settlement: eBL moved");
        w.expect(w.ebl().titleHolderOf(t.tokenId) == p.title, "failed settlement: title moved");
        w.expect(token.balanceOf(t.buyer) == p.buyer, "failed settlement: buyer paid");
        w.expect(token.balanceOf(t.paymentRecipient) == p.recipient, "failed settlement: seller paid");
        w.expect(token.balanceOf(address(w.escrow())) == p.custody, "failed settlement: escrow balance changed");
        _checkPassThroughsHoldNothing(token);
    }

    function createDeal(
        uint256 tokenSeed,
        uint256 currency,
        uint256 buyerSeed,
        uint256 amountSeed,
        bool endorse
    ) external {
        (uint256 id, bool found) = _freeEbl(tokenSeed);
        if (!found || tokenSeed % 4 == 0) id = _id(tokenSeed);
        if (w.keyOf(w.ebl().holderOf(id)) == 0) return;
        ISettlement.Terms memory t = _terms(id, currency, buyerSeed, amountSeed, endorse, amountSeed >> 64);
        if ((buyerSeed >> 8) % 3 == 0) {
            // One deal in three names the condition: its completing leg is refused while the condition refuses.
            t.condition = address(w.condition());
            t.conditionData = keccak256(abi.encode("documents", buyerSeed));
        }
        EscrowedDeals escrow = w.escrow();
        bytes32 dealId = escrow.hashTerms(t);
        if (!_call(t.seller, address(escrow), abi.encodeCall(escrow.createDeal, (t, "")))) return;
        w.recordDeal(t, dealId);
        w.bump("deal created");
    }

    function _deal(uint256 seed) internal view returns (ISettlement.Terms memory t, bytes32 id, bool any) {
        uint256 n = w.dealsLength();
        if (n == 0) return (t, id, false);
        uint256 i = seed % 2 == 0 ? n - 1 : (seed / 2) % n; // half the time the latest deal, so deals complete
        t = w.deal(i);
        id = w.dealIds(i);
        any = true;
    }

    /// @dev The seller deposits, or (bit 1 of the seed) a relayer with the seller's consent to this deposit.
    function depositEbl(uint256 dealSeed) external {
        (ISettlement.Terms memory t, bytes32 id, bool any) = _deal(dealSeed);
        if (!any) return;
        _depositEbl(t, id, (dealSeed >> 1) % 2 == 0);
    }

    function _depositEbl(ISettlement.Terms memory t, bytes32 id, bool bySeller) internal {
        EscrowedDeals escrow = w.escrow();
        Pre memory p = _pre(t);
        bytes memory consent;
        if (!bySeller) {
            (uint8 v, bytes32 r, bytes32 ss) = vm.sign(w.keyOf(t.seller), escrow.hashEblDeposit(t));
            consent = abi.encodePacked(r, ss, v);
        }
        bytes memory data = abi.encodeCall(escrow.depositEbl, (t, consent, ISettlement.EblAuth(0, "")));
        ISettlement.Deal memory d = escrow.dealOf(id);
        bool completes = d.status == ISettlement.TermsStatus.Open && !d.eblHeld && d.paid == t.amount;
        uint256 agreed = w.condition().agreed();
        bool ok = _call(bySeller ? t.seller : w.RELAYER(), address(escrow), data);
        _checkConditionObeyed(t, id, completes, ok, agreed);
        if (!ok) return _checkDealUnchanged(t, id, d, p);
        w.bump("eBL deposited");
        _afterDeposit(t, id, p, 0);
    }

    /**
     * @notice Someone other than the seller (the deal's buyer, a relayer, another trader) pushes the seller's eBL into
     * a deal without the seller's consent to that deposit, relying on the seller's standing approval (or with the
     * seller's public deal signature as consent): always refused, nothing moves.
     */
    function depositEblWithoutConsent(uint256 dealSeed, uint256 callerSeed, bool withDealSignature) external {
        (ISettlement.Terms memory t, , bool any) = _deal(dealSeed);
        if (!any) return;
        address caller =
            callerSeed % 3 == 0
                ? t.buyer
                : callerSeed % 3 == 1
                    ? w.RELAYER()
                    : _trader(callerSeed);
        if (caller == t.seller) caller = w.STRANGER();
        EscrowedDeals escrow = w.escrow();
        bytes memory signature;
        if (withDealSignature) {
            (uint8 v, bytes32 r, bytes32 ss) = vm.sign(w.keyOf(t.seller), escrow.hashDeal(t));
            signature = abi.encodePacked(r, ss, v);
        }
        Pre memory p = _pre(t);
        // Only where the seller's own deposit would succeed now (shown in a snapshot) is the refusal about consent.
        uint256 snapshot = vm.snapshotState();
        bool sellerCould = _call(
            t.seller,
            address(escrow),
            abi.encodeCall(escrow.depositEbl, (t, "", ISettlement.EblAuth(0, "")))
        );
        vm.revertToStateAndDelete(snapshot);
        bytes memory data = abi.encodeCall(escrow.depositEbl, (t, signature, ISettlement.EblAuth(0, "")));
        vm.prank(caller);
        (bool ok, bytes memory reason) = address(escrow).call(data);
        w.expect(!ok, "an eBL deposited by a non-seller without the seller's consent");
        _checkNothingMoved(t, p);
        if (!sellerCould) return;
        w.expect(
            keccak256(reason) == keccak256(abi.encodeWithSelector(_invalidSignature(), t.seller)),
            "a deposit without the seller's consent refused for another reason than the missing consent"
        );
        w.bump("deposit w/o consent refused");
    }

    /**
     * @notice The seller re-endorses its eBL after the buyer agreed (to itself, to another trader, or in blank), then
     * the signed settlement is submitted, or (`deal`) the seller deposits it into the latest deal, which may complete
     * it. A settlement that completes must leave the buyer side with the title the terms state; one that fails moves
     * nothing.
     */
    function reendorseThenSettle(
        uint256 tokenSeed,
        uint256 buyerSeed,
        uint256 endorseeSeed,
        uint8 how,
        bool deal
    ) external {
        ISettlement.Terms memory t;
        bytes32 id;
        if (deal) {
            bool any;
            (t, id, any) = _deal(tokenSeed << 1);
            if (!any || w.escrow().dealOf(id).status != ISettlement.TermsStatus.Open) return;
            if (w.ebl().holderOf(t.tokenId) != t.seller) return;
        } else {
            (uint256 tokenId, bool found) = _freeEbl(tokenSeed);
            if (!found) return;
            t = _terms(tokenId, tokenSeed, buyerSeed, tokenSeed >> 8, buyerSeed % 2 == 0, 1 days);
        }
        ISignedSettlement.Settlement memory s;
        if (!deal) s = _signed(t); // both consents given before the seller acts

        BillOfLadingRegistry ebl = w.ebl();
        how %= 3;
        bytes memory data =
            how == 0
                ? abi.encodeCall(ebl.endorse, (t.tokenId, t.seller))
                : how == 1
                    ? abi.encodeCall(ebl.endorse, (t.tokenId, _trader(endorseeSeed)))
                    : abi.encodeCall(ebl.blankEndorse, (t.tokenId));
        if (_call(t.seller, address(ebl), data)) w.bump("re-endorsed by the seller");

        if (deal) {
            _depositEbl(t, id, true);
            return;
        }
        Pre memory p = _pre(t);
        SignedSettlement signed = w.signed();
        if (_call(w.RELAYER(), address(signed), abi.encodeCall(signed.settle, (s)))) {
            _checkSettled(t, p, t.amount);
            w.bump("settled after re-endorsement");
        } else {
            _checkNothingMoved(t, p);
        }
    }

    function depositPayment(uint256 dealSeed, uint256 amountSeed) external {
        (ISettlement.Terms memory t, bytes32 id, bool any) = _deal(dealSeed);
        if (!any) return;
        EscrowedDeals escrow = w.escrow();
        uint256 remaining = t.amount - escrow.dealOf(id).paid;
        uint256 amount = amountSeed % 2 == 0 || remaining == 0 ? remaining : 1 + ((amountSeed / 2) % remaining);
        if (amount == 0) amount = 1; // nothing remains: must be refused
        Pre memory p = _pre(t);
        bytes memory data = abi.encodeCall(
            escrow.depositPayment,
            (t, amount, "", IPaymentRail.PaymentAuth(IPaymentRail.PaymentMethod.Allowance, 0, 0, 0, ""))
        );
        ISettlement.Deal memory d = escrow.dealOf(id);
        bool completes = d.status == ISettlement.TermsStatus.Open && d.eblHeld && amount == remaining;
        uint256 agreed = w.condition().agreed();
        bool ok = _call(t.buyer, address(escrow), data);
        _checkConditionObeyed(t, id, completes, ok, agreed);
        if (!ok) return _checkDealUnchanged(t, id, d, p);
        w.expect(amount <= remaining, "a payment above the remaining price was accepted");
        w.addEscrowed(_currency(t), amount);
        w.bump("payment deposited");
        _afterDeposit(t, id, p, amount);
    }

    function _afterDeposit(ISettlement.Terms memory t, bytes32 id, Pre memory p, uint256 paidNow) internal {
        ISettlement.Deal memory d = w.escrow().dealOf(id);
        if (d.status == ISettlement.TermsStatus.Settled) {
            w.subEscrowed(_currency(t), t.amount);
            _checkSettled(t, p, paidNow);
            w.bump("escrow settlement");
        } else {
            TokenizedDeposit token = TokenizedDeposit(t.paymentToken);
            w.expect(token.balanceOf(t.paymentRecipient) == p.recipient, "open deal: seller paid early");
            // The seller may have moved the eBL elsewhere before depositing it (even into another deal); in custody
            // for this deal exactly when held.
            EscrowedDeals escrow = w.escrow();
            bool inCustody =
                w.ebl().holderOf(t.tokenId) == address(escrow) && escrow.openDealOf(t.registry, t.tokenId) == id;
            w.expect(inCustody == d.eblHeld, "open deal: eBL in custody for it differs from eblHeld");
        }
    }

    /// @dev A refused deposit moved nothing: the deal's record, both parties' balances, the escrow's balance and the
    /// eBL are as they were, and the deal is as open (or as over) as it was.
    function _checkDealUnchanged(
        ISettlement.Terms memory t,
        bytes32 id,
        ISettlement.Deal memory d,
        Pre memory p
    ) internal {
        ISettlement.Deal memory now_ = w.escrow().dealOf(id);
        w.expect(
            now_.status == d.status && now_.eblHeld == d.eblHeld && now_.paid == d.paid,
            "refused deposit: the deal changed"
        );
        _checkNothingMoved(t, p);
    }

    /**
     * @dev The condition a deal names is asked exactly when the deposit completes the deal: while it refuses, the
     * completing deposit fails (the deal stays open, see {_checkDealUnchanged}); when it agrees and the deal settles,
     * it was asked once, with the deal id and the terms' condition data. A deal without a condition never asks it.
     */
    function _checkConditionObeyed(
        ISettlement.Terms memory t,
        bytes32 id,
        bool completes,
        bool ok,
        uint256 agreedBefore
    ) internal {
        SwitchableCondition c = w.condition();
        bool settled = ok && w.escrow().dealOf(id).status == ISettlement.TermsStatus.Settled;
        if (t.condition == address(0) || !settled) {
            w.expect(c.agreed() == agreedBefore, "a condition was counted without a settlement that names it");
        }
        if (t.condition == address(0)) return;
        if (completes && c.mode() == SwitchableCondition.Mode.Refuse) {
            w.expect(!ok, "a deal settled while its condition refused");
            if (!ok) w.bump("deal condition refused");
        }
        if (settled) {
            w.expect(c.agreed() == agreedBefore + 1, "a deal settled without asking its condition exactly once");
            w.expect(c.lastTermsHash() == id && c.lastConditionData() == t.conditionData, "condition asked wrongly");
            w.bump("deal condition agreed");
        }
    }

    /// @notice The condition switches between agreeing and refusing (one time in three it refuses).
    function switchCondition(uint256 seed) external {
        w.condition().setMode(seed % 3 == 0 ? SwitchableCondition.Mode.Refuse : SwitchableCondition.Mode.Agree);
    }

    /**
     * @notice A signed settlement whose terms name the condition, which agrees or refuses as `agree` says. Refused:
     * nothing moves, the terms stay unsettled (and, where the settlement would go ahead with an agreeing condition, as
     * a snapshot shows, the refusal is the condition's own error). Agreed: it settles once, the condition was asked
     * once with the terms' hash and data, and the same settlement submitted again is refused and moves nothing.
     */
    function settleWithCondition(
        uint256 tokenSeed,
        uint256 currency,
        uint256 buyerSeed,
        uint256 amountSeed,
        bool agree
    ) external {
        (uint256 id, bool found) = _freeEbl(tokenSeed);
        if (!found) return;
        ISettlement.Terms memory t = _terms(id, currency, buyerSeed, amountSeed, amountSeed % 2 == 0, 1 days);
        SwitchableCondition c = w.condition();
        t.condition = address(c);
        t.conditionData = keccak256(abi.encode("letter of credit", amountSeed));
        SignedSettlement signed = w.signed();
        bytes32 hash = signed.hashTerms(t);
        bytes memory data = abi.encodeCall(signed.settle, (_signed(t)));
        SwitchableCondition.Mode mode = c.mode();
        Pre memory p = _pre(t);
        uint256 agreed = c.agreed();
        if (!agree) {
            uint256 snapshot = vm.snapshotState();
            c.setMode(SwitchableCondition.Mode.Agree);
            bool couldSettle = _call(w.RELAYER(), address(signed), data);
            vm.revertToStateAndDelete(snapshot);
            c.setMode(SwitchableCondition.Mode.Refuse);
            vm.prank(w.RELAYER());
            (bool ok, bytes memory reason) = address(signed).call(data);
            c.setMode(mode);
            w.expect(!ok, "a signed settlement went ahead although its condition refused");
            _checkNothingMoved(t, p);
            w.expect(signed.statusOf(hash) == ISettlement.TermsStatus.None, "refused condition: terms used up");
            w.expect(c.agreed() == agreed, "refused condition: counted as agreed");
            if (!couldSettle) return;
            w.expect(
                keccak256(reason) ==
                    keccak256(
                        abi.encodeWithSelector(SwitchableCondition.ConditionNotMet.selector, hash, t.conditionData)
                    ),
                "a refused condition reported as another error"
            );
            w.bump("condition refused");
            return;
        }
        c.setMode(SwitchableCondition.Mode.Agree);
        bool settled = _call(w.RELAYER(), address(signed), data);
        c.setMode(mode);
        if (!settled) {
            _checkNothingMoved(t, p);
            w.expect(c.agreed() == agreed, "failed settlement: condition counted as agreed");
            return;
        }
        _checkSettled(t, p, t.amount);
        w.expect(signed.statusOf(hash) == ISettlement.TermsStatus.Settled, "condition agreed: terms not settled");
        w.expect(c.agreed() == agreed + 1, "condition agreed: not asked exactly once");
        w.expect(c.lastTermsHash() == hash && c.lastConditionData() == t.conditionData, "condition asked wrongly");
        // Exactly once: the same settlement again is refused and moves nothing.
        Pre memory again = _pre(t);
        w.expect(!_call(w.RELAYER(), address(signed), data), "a settlement with a condition settled twice");
        _checkNothingMoved(t, again);
        w.bump("condition settled");
    }

    /**
     * @notice A signed settlement whose terms require documents (DocumentsCondition): mostly documents bound to the
     * eBL traded, sometimes one bound to another eBL, one under a wrong type or one never registered; meanwhile the
     * document handler revokes and supersedes them and the registrar takes issuers' verification away. Checked on the
     * spot: it settles only if every required document is, at that moment, registered, not revoked, of its type, bound
     * to the eBL and from an issuer verified as a kind that may issue it, and then the buyer holds the eBL with the
     * title it paid for (usable, see {_checkBillDelivered}); otherwise nothing moves, and where nothing else would
     * have stopped the settlement the refusal is the condition's error naming the first document that fails.
     */
    function settleWithDocuments(
        uint256 tokenSeed,
        uint256 currency,
        uint256 buyerSeed,
        uint256 amountSeed,
        uint256 setSeed
    ) external {
        (uint256 id, bool found) = _freeEblWithDocuments(tokenSeed);
        if (!found) return;
        IDocumentsCondition.RequiredDocument[] memory required = _requirement(id, setSeed);
        if (required.length == 0) return;
        DocumentsCondition dc = w.documentsCondition();
        ISettlement.Terms memory t = _terms(id, currency, buyerSeed, amountSeed, amountSeed % 2 == 0, 1 days);
        t.condition = address(dc);
        bytes32 requirementId = dc.defineRequirement(required);
        t.conditionData = requirementId;
        (bool live, bytes memory refusal) = _documentsLive(required, t);
        SignedSettlement signed = w.signed();
        Pre memory p = _pre(t);
        bool couldSettle;
        if (!live) {
            // The same trade without the requirement: whether anything else would stop it.
            uint256 snapshot = vm.snapshotState();
            (t.condition, t.conditionData) = (address(0), bytes32(0));
            couldSettle = _call(w.RELAYER(), address(signed), abi.encodeCall(signed.settle, (_signed(t))));
            vm.revertToStateAndDelete(snapshot);
            (t.condition, t.conditionData) = (address(dc), requirementId);
        }
        vm.prank(w.RELAYER());
        (bool ok, bytes memory reason) = address(signed).call(abi.encodeCall(signed.settle, (_signed(t))));
        if (ok) {
            w.expect(live, "a settlement went ahead while a required document was not live and qualified");
            _checkSettled(t, p, t.amount);
            w.bump("documents settled");
            return;
        }
        _checkNothingMoved(t, p);
        if (live || !couldSettle) return;
        w.expect(keccak256(reason) == keccak256(refusal), "a settlement refused for its documents with another error");
        w.bump(bytes32(abi.encodePacked("documents refused ", bytes4(refusal))));
    }

    /// @dev Like {_freeEbl}, preferring an eBL that has documents.
    function _freeEblWithDocuments(uint256 seed) internal view returns (uint256 id, bool found) {
        uint256 n = w.idsLength();
        BillOfLadingRegistry ebl = w.ebl();
        TradeDocumentRegistry d = w.documents();
        for (uint256 k; k < n; ++k) {
            id = w.ids((seed + k) % n);
            if (d.documentsOf(address(ebl), id).length == 0) continue;
            address holder = ebl.holderOf(id);
            if (w.keyOf(holder) != 0 && w.lens().canSurrender(ebl, id, holder) && !_namedByOpenDeal(id))
                return (id, true);
        }
        return _freeEbl(seed);
    }

    /**
     * @dev One to three documents: mostly one bound to eBL `tokenId` under its own type; one time in eight any
     * document registered (usually bound to another eBL), one in eight a document under another type, one in eight an
     * id never registered. No id twice.
     */
    function _requirement(
        uint256 tokenId,
        uint256 seed
    ) internal view returns (IDocumentsCondition.RequiredDocument[] memory list) {
        TradeDocumentRegistry d = w.documents();
        bytes32[] memory bound = d.documentsOf(address(w.ebl()), tokenId);
        uint256 all = w.documentsLength();
        uint256 count = 1 + (seed % 3);
        list = new IDocumentsCondition.RequiredDocument[](count);
        uint256 n;
        for (uint256 k; k < count; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            bytes32 documentId;
            if (r % 8 == 0 && all != 0) documentId = w.documentIds((r >> 8) % all);
            else if (r % 8 == 1) documentId = keccak256(abi.encode("never registered", r));
            else if (bound.length != 0) documentId = bound[(r >> 8) % bound.length];
            else continue;
            bool twice;
            for (uint256 j; j < n && !twice; ++j) twice = list[j].documentId == documentId;
            if (twice) continue;
            uint8 documentType = d.documentOf(documentId).documentType;
            if (documentType == 0 || r % 8 == 2) documentType = documentType == 1 ? 3 : 1; // another type
            list[n++] = IDocumentsCondition.RequiredDocument(documentType, documentId);
        }
        assembly ("memory-safe") {
            mstore(list, n)
        }
    }

    /// @dev Whether every required document is live and qualified for `t`'s eBL now, or the error naming the first
    /// that is not (in the order: missing, revoked, wrong type, bound elsewhere, issuer not qualified).
    function _documentsLive(
        IDocumentsCondition.RequiredDocument[] memory required,
        ISettlement.Terms memory t
    ) internal view returns (bool, bytes memory) {
        TradeDocumentRegistry d = w.documents();
        for (uint256 i; i < required.length; ++i) {
            bytes32 id = required[i].documentId;
            ITradeDocumentRegistry.Document memory doc = d.documentOf(id);
            bytes memory refusal;
            if (doc.status == ITradeDocumentRegistry.DocumentStatus.None)
                refusal = abi.encodeWithSelector(IDocumentsCondition.DocumentsMissing.selector, id);
            else if (doc.status == ITradeDocumentRegistry.DocumentStatus.Revoked)
                refusal = abi.encodeWithSelector(IDocumentsCondition.DocumentsRevoked.selector, id);
            else if (doc.documentType != required[i].documentType)
                refusal = abi.encodeWithSelector(
                    IDocumentsCondition.DocumentsWrongType.selector,
                    id,
                    required[i].documentType,
                    doc.documentType
                );
            else if (doc.subjectContract != t.registry || doc.subjectId != t.tokenId)
                refusal = abi.encodeWithSelector(
                    IDocumentsCondition.DocumentsNotBound.selector,
                    id,
                    t.registry,
                    t.tokenId
                );
            else if (!_qualifiedIssuer(doc.issuer, doc.documentType))
                refusal = abi.encodeWithSelector(
                    IDocumentsCondition.DocumentsIssuerNotQualified.selector,
                    id,
                    doc.issuer
                );
            if (refusal.length != 0) return (false, refusal);
        }
        return (true, "");
    }

    /**
     * @notice Someone other than the two settlement contracts (a stranger, a trader, the relayer, a bank, the
     * settlement admin) asks the rail to pay a trader's money, which the trader approved to the rail: always refused
     * with {IPaymentRail-RailUnauthorizedCaller}, nothing moves.
     */
    function strangerPays(uint256 currency, uint256 callerSeed, uint256 payerSeed, uint256 amountSeed) external {
        TokenizedDeposit token = w.token(currency);
        address caller =
            callerSeed % 7 == 6
                ? w.ADMIN()
                : callerSeed % 7 == 5
                    ? w.RELAYER()
                    : _anyone(callerSeed);
        address payer = _trader(payerSeed);
        address payee = caller == payer ? _trader(payerSeed + 1) : caller;
        uint256[2] memory before = [token.balanceOf(payer), token.balanceOf(payee)];
        address rail = address(w.rail());
        bytes memory data = _payCall(token, payer, payee, amountSeed);
        vm.prank(caller);
        (bool ok, bytes memory reason) = rail.call(data);
        w.expect(!ok, "the rail paid for a caller other than the settlement contracts");
        w.expect(
            keccak256(reason) ==
                keccak256(abi.encodeWithSelector(IPaymentRail.RailUnauthorizedCaller.selector, caller)),
            "the rail refused a stranger for another reason"
        );
        w.expect(token.balanceOf(payer) == before[0], "the rail moved the payer's money for a stranger");
        w.expect(token.balanceOf(payee) == before[1], "the rail paid a stranger");
        _checkPassThroughsHoldNothing(token);
        w.bump("rail refused stranger");
    }

    /// @dev `rail.pay` of up to the payer's whole balance, by the payer's standing allowance to the rail.
    function _payCall(
        TokenizedDeposit token,
        address payer,
        address payee,
        uint256 amountSeed
    ) internal view returns (bytes memory) {
        IPaymentRail.PaymentAuth memory auth = IPaymentRail.PaymentAuth(
            IPaymentRail.PaymentMethod.Allowance,
            0,
            0,
            0,
            ""
        );
        uint256 amount = 1 + (amountSeed % (token.balanceOf(payer) + 1));
        return abi.encodeCall(IPaymentRail.pay, (address(token), payer, payee, amount, bytes32(amountSeed), auth));
    }

    /**
     * @notice A trader sends deposits to the rail by mistake (a plain transfer), or the settlement admin recovers
     * what was sent: the rail holds exactly the strays, and recovery gives back exactly the amount.
     */
    function strayToRail(uint256 currency, uint256 seed, bool recover) external {
        TokenizedDeposit token = w.token(currency);
        uint256 c = currency % 2;
        DepositRail rail = w.rail();
        address trader = _trader(seed);
        if (recover) {
            uint256 amount = w.railStray(c);
            if (amount == 0) return;
            uint256 before = token.balanceOf(trader);
            bytes memory data = abi.encodeCall(rail.recoverStrayToken, (address(token), trader, amount));
            if (!_call(w.ADMIN(), address(rail), data)) return; // e.g. the trader revoked or frozen, the token paused
            w.subRailStray(c, amount);
            w.expect(token.balanceOf(trader) == before + amount, "stray recovery: the recipient did not get it");
            w.bump("stray recovered");
        } else {
            uint256 amount = 1 + (seed % 1_000_00);
            if (!_call(trader, address(token), abi.encodeCall(token.transfer, (address(rail), amount)))) return;
            w.addRailStray(c, amount);
        }
        _checkPassThroughsHoldNothing(token);
    }

    /// @dev `how`: 0 the seller cancels, 1 the buyer cancels, 2 anyone asks for a refund.
    function end(uint256 dealSeed, uint8 how) external {
        (ISettlement.Terms memory t, bytes32 id, bool any) = _deal(dealSeed);
        if (!any) return;
        EscrowedDeals escrow = w.escrow();
        uint256 before = escrow.dealOf(id).paid;
        how %= 3;
        address caller =
            how == 0
                ? t.seller
                : how == 1
                    ? t.buyer
                    : w.RELAYER();
        bytes memory data = how == 2 ? abi.encodeCall(escrow.refund, (t)) : abi.encodeCall(escrow.cancelDeal, (t));
        if (!_call(caller, address(escrow), data)) return;
        ISettlement.Deal memory d = escrow.dealOf(id);
        w.expect(d.status == ISettlement.TermsStatus.Cancelled, "cancel / refund: not cancelled");
        w.subEscrowed(_currency(t), before - d.paid);
        if (d.eblHeld) w.expect(w.ebl().holderOf(t.tokenId) == address(escrow), "failed eBL return: not in custody");
        if (!d.eblHeld && d.paid == 0) w.bump("deal ended, legs returned");
    }

    /**
     * @notice A cross-bank settlement of an eBL that can be sold: the buyer pays in one bank's deposit (HKD at bank 0
     * or 2, CNH at bank 1), the seller is paid in another bank's, in the same currency or at the dealer's quote, and
     * the eBL moves, all in one transaction submitted by a relayer. One time in six the buyer's signature is forged (the
     * seller's key), one time in six the payee asks one unit more than the payment gives: both refused.
     * Invariant 6, on the spot: settled, the buyer side holds the eBL with the title the terms state (and can use it,
     * {_checkBillDelivered}), the seller's payee received exactly the payee amount, the buyer paid exactly the price,
     * every reserve leg moved and nothing else; refused, nothing moved, the eBL and its title included (a seller whose
     * eBL moved was paid). Invariant 4: the buyer's deposit leaves only with its own consent to these terms.
     */
    function settleCrossBank(
        uint256 tokenSeed,
        uint256 buyerSeed,
        uint256 amountSeed,
        uint256 legSeed,
        bool endorse
    ) external {
        (uint256 id, bool found) = _freeEbl(tokenSeed);
        if (!found) return;
        CrossBankRun memory x;
        (x.s, x.from, x.to, x.fx) = _crossBank(id, buyerSeed, amountSeed, legSeed, endorse);
        x.flaw = (legSeed >> 16) % 6;
        x.books = _books();
        x.pre = _pre(x.s.terms.terms);
        ICrossBankSettlement crossBank = w.crossBank();
        x.hash = crossBank.hashCrossBankTerms(x.s.terms);
        if (!_call(w.RELAYER(), address(crossBank), abi.encodeCall(crossBank.settleCrossBank, (x.s)))) {
            return _crossBankRefused(x);
        }
        _crossBankSettled(x);
    }

    /// @dev One cross-bank settlement attempt and what it found before.
    struct CrossBankRun {
        ICrossBankSettlement.CrossBankSettlement s;
        uint256 from;
        uint256 to;
        bool fx;
        uint256 flaw;
        Books books;
        Pre pre;
        bytes32 hash;
    }

    function _crossBankRefused(CrossBankRun memory x) internal {
        ISettlement.Terms memory t = x.s.terms.terms;
        if (x.flaw == 0) w.bump("cross-bank forged buyer refused");
        if (x.flaw == 1) w.bump("cross-bank above quote refused");
        w.expect(w.ebl().holderOf(t.tokenId) == x.pre.holder, "cross-bank refused: the seller's eBL moved unpaid");
        w.expect(w.ebl().titleHolderOf(t.tokenId) == x.pre.title, "cross-bank refused: title moved");
        w.expect(_same(x.books, _books()), "cross-bank refused: money moved");
    }

    function _crossBankSettled(CrossBankRun memory x) internal {
        ISettlement.Terms memory t = x.s.terms.terms;
        w.expect(x.flaw != 0, "cross-bank: the buyer paid without its consent");
        w.expect(x.flaw != 1, "cross-bank: the payee got more than the payment gives");
        _checkBillDelivered(t);
        IInterbankPayments.Payment memory paid = IInterbankPayments.Payment({
            payerToken: t.paymentToken,
            payer: t.buyer,
            payAmount: t.amount,
            payeeToken: x.s.terms.payeeToken,
            payee: t.paymentRecipient,
            receiveAmount: x.s.terms.payeeAmount,
            paymentId: x.hash
        });
        w.expect(_same(_afterPayment(x.books, paid, x.from, x.to, x.fx), _books()), "cross-bank: legs moved otherwise");
        w.expect(w.crossBank().statusOf(x.hash) == ISettlement.TermsStatus.Settled, "cross-bank: terms not settled");
        _recordPayment(paid, x.from, x.to, x.fx ? x.s.terms.quote.rate : 0);
        w.recordCrossBank(x.hash);
        w.bump(x.fx ? bytes32("cross-bank fx settlement") : bytes32("cross-bank settlement"));
    }

    /// @dev The signed cross-bank settlement for `legSeed` (see {settleCrossBank}); fresh quote nonces from 64 up, out
    /// of the direct payments' range.
    function _crossBank(
        uint256 tokenId,
        uint256 buyerSeed,
        uint256 amountSeed,
        uint256 legSeed,
        bool endorse
    ) internal returns (ICrossBankSettlement.CrossBankSettlement memory s, uint256 from, uint256 to, bool fx) {
        ICrossBankSettlement.CrossBankTerms memory c;
        c.terms = _terms(tokenId, 0, buyerSeed, amountSeed, endorse, 1 days);
        from = legSeed % 3;
        to = (from + 1 + ((legSeed >> 8) % 2)) % 3;
        fx = w.currencyOf(from) != w.currencyOf(to);
        c.terms.paymentToken = address(w.depositToken(from));
        c.payeeToken = address(w.depositToken(to));
        uint256 flaw = (legSeed >> 16) % 6;
        c.payeeAmount = c.terms.amount;
        if (fx) {
            c.quote = _quote(from, to, c.terms.amount, legSeed >> 24, 64 + ++_salt, c.terms.buyer);
            c.payeeAmount = (c.terms.amount * c.quote.rate) / 1e18;
            s.dealerSignature = _signQuote(w.DEALER_KEY(), c.quote);
        }
        if (flaw == 1) c.payeeAmount += 1;
        s.terms = c;
        bytes32 hash = w.crossBank().hashCrossBankTerms(c);
        s.sellerSignature = _signature(c.terms.seller, hash);
        s.buyerSignature = _signature(flaw == 0 ? c.terms.seller : c.terms.buyer, hash);
    }

    function _signature(address signer, bytes32 digest) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 ss) = vm.sign(w.keyOf(signer), digest);
        return abi.encodePacked(r, ss, v);
    }
}
