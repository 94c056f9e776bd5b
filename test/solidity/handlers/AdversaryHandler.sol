// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ParticipantRegistry} from "../../../contracts/access/ParticipantRegistry.sol";
import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {EblLens} from "../../../contracts/ebl/EblLens.sol";
import {IBillOfLadingRegistry} from "../../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {ISettlement} from "../../../contracts/interfaces/ISettlement.sol";
import {ISignedSettlement} from "../../../contracts/interfaces/ISignedSettlement.sol";
import {EscrowedDeals} from "../../../contracts/settlement/EscrowedDeals.sol";
import {SignedSettlement} from "../../../contracts/settlement/SignedSettlement.sol";
import {DepositRail} from "../../../contracts/settlement/rails/DepositRail.sol";
import {IPaymentRail} from "../../../contracts/settlement/rails/IPaymentRail.sol";
import {GasBurningReceiver} from "../../../contracts/testing/GasBurningReceiver.sol";
import {GasBurningSigner} from "../../../contracts/testing/GasBurningSigner.sol";
import {LyingPaymentToken} from "../../../contracts/testing/LyingPaymentToken.sol";
import {MisbehavingEblReceiver} from "../../../contracts/testing/MisbehavingEblReceiver.sol";
import {MisbehavingERC1271Wallet} from "../../../contracts/testing/MisbehavingERC1271Wallet.sol";

import {BillUse} from "../utils/BillUse.sol";
import {ReferenceDepositToken} from "../utils/ReferenceDepositToken.sol";
import {vm} from "../utils/Vm.sol";

/**
 * @title AdversaryHandler
 * @notice Deploys the settlement system with honest traders and adversaries, and drives it at random for the
 * adversary invariant test: an honest token (an ERC-20 with the deposit's payments with a reference, which the
 * deposit rail uses) and a {LyingPaymentToken} (allowed by mistake, its lie changed at random:
 * no-op transfers, `false` returns, inflated balances, debits without credit; on every transfer or only on the
 * escrow's payouts and refunds) used in signed settlements and deal deposits (through the deposit rail), payouts and
 * refunds; eBL recipients that refuse (wrong selector, reverts of every kind) or burn gas; ERC-1271 buyers that
 * misbehave or burn gas; batches mixing an honest item with bad ones.
 * @dev Checked on the spot (and recorded as violations, since the runner ignores handler reverts): a settlement either
 * moved both legs for real (by the lying token's true ledger) and the buyer side can use the bill, or moved nothing; an
 * honest item of a batch settles; a refused adversary leaves every honest party as it was.
 */
contract AdversaryHandler {
    ParticipantRegistry public immutable participants;
    BillOfLadingRegistry public immutable ebl;
    /// @notice The stateless lens that answers the registry's derived views (canSurrender).
    EblLens public immutable lens = new EblLens();
    SignedSettlement public immutable signed;
    EscrowedDeals public immutable escrow;
    DepositRail public immutable rail;
    ReferenceDepositToken public immutable honest;
    LyingPaymentToken public immutable liar;

    uint256 public constant TRADERS = 3;
    uint256 public constant EBLS = 6;
    uint256 public constant INITIAL_BALANCE = 1_000_000_00;
    uint256 public constant WALLET_OWNER_KEY = 0x0A11E7;

    address public constant CARRIER = address(0xCA44);
    address public constant RELAYER = address(0x4E1A);
    uint256[TRADERS] internal _keys;
    address[TRADERS] public traders;
    /// @notice eBL recipients that misbehave: a refusing receiver (behaviour changed at random), a gas burner (deployed
    /// with 0), a return bomb (deployed with 100,000).
    MisbehavingEblReceiver public immutable refuser;
    GasBurningReceiver public immutable burner;
    GasBurningReceiver public immutable bomber;
    /// @notice ERC-1271 buyers: a wallet whose answer is changed at random, and a signer that burns all gas.
    MisbehavingERC1271Wallet public immutable wallet;
    GasBurningSigner public immutable gasSigner;
    uint256[] public ebls;

    ISettlement.Terms[] internal _deals;
    bytes32[] public dealIds;
    uint256 internal _salt;

    uint256 public violations;
    string public firstViolation;
    mapping(bytes32 kind => uint256) public count;

    /**
     * @notice Takes the contracts deployed by the test (deploying them here would exceed the init code size limit):
     * the register, the eBL registry, the settlement contract, the tokens and the adversaries. The test then
     * registers {actors}, lets the carrier issue, allows the registry and both tokens, and calls {init}.
     */
    constructor(
        ParticipantRegistry participants_,
        BillOfLadingRegistry ebl_,
        SignedSettlement signed_,
        EscrowedDeals escrow_,
        DepositRail rail_,
        ReferenceDepositToken honest_,
        LyingPaymentToken liar_,
        MisbehavingEblReceiver refuser_,
        GasBurningReceiver burner_,
        GasBurningReceiver bomber_,
        MisbehavingERC1271Wallet wallet_,
        GasBurningSigner gasSigner_
    ) {
        (participants, ebl, honest, liar) = (participants_, ebl_, honest_, liar_);
        (signed, escrow, rail) = (signed_, escrow_, rail_);
        (refuser, burner, bomber, wallet, gasSigner) = (refuser_, burner_, bomber_, wallet_, gasSigner_);
        for (uint256 i; i < TRADERS; ++i) {
            _keys[i] = 0xADE5 + i;
            traders[i] = vm.addr(_keys[i]);
        }
    }

    /// @notice The accounts the test registers as verified traders: the honest traders and the adversaries.
    function actors() external view returns (address[] memory list) {
        list = new address[](TRADERS + 5);
        for (uint256 i; i < TRADERS; ++i) list[i] = traders[i];
        (list[TRADERS], list[TRADERS + 1], list[TRADERS + 2]) = (address(refuser), address(burner), address(bomber));
        (list[TRADERS + 3], list[TRADERS + 4]) = (address(wallet), address(gasSigner));
    }

    /// @notice Second step of the set-up, once the actors are registered: balances, approvals, eBLs.
    function init() external {
        if (ebls.length != 0) return;
        for (uint256 i; i < TRADERS; ++i) _fund(traders[i]);
        honest.mint(address(wallet), INITIAL_BALANCE);
        liar.mint(address(wallet), INITIAL_BALANCE);
        vm.startPrank(vm.addr(WALLET_OWNER_KEY));
        wallet.execute(address(honest), abi.encodeCall(honest.approve, (address(rail), type(uint256).max)));
        wallet.execute(address(liar), abi.encodeCall(liar.approve, (address(rail), type(uint256).max)));
        vm.stopPrank();
        for (uint256 i; i < EBLS; ++i) {
            address shipper = traders[i % TRADERS];
            vm.prank(CARRIER);
            ebls.push(
                ebl.issue(
                    shipper,
                    string.concat("ADV-", Strings.toString(i)),
                    IBillOfLadingRegistry.BillKind.ToOrder,
                    shipper,
                    keccak256(abi.encode("adversary document", i))
                )
            );
        }
    }

    function _fund(address account) internal {
        honest.mint(account, INITIAL_BALANCE);
        liar.mint(account, INITIAL_BALANCE);
        vm.startPrank(account);
        honest.approve(address(rail), type(uint256).max);
        liar.approve(address(rail), type(uint256).max);
        ebl.setApprovalForAll(address(signed), true);
        ebl.setApprovalForAll(address(escrow), true);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ views for the test

    function dealsLength() external view returns (uint256) {
        return _deals.length;
    }

    function dealTerms(uint256 i) external view returns (ISettlement.Terms memory) {
        return _deals[i];
    }

    function isHonest(address account) public view returns (bool) {
        for (uint256 i; i < TRADERS; ++i) if (traders[i] == account) return true;
        return false;
    }

    /// @notice The true balance (the lying token's ledger, not what it reports).
    function trueBalance(address token, address account) public view returns (uint256) {
        return token == address(liar) ? liar.ledgerBalanceOf(account) : honest.balanceOf(account);
    }

    // ------------------------------------------------------------------ helpers

    function _expect(bool condition, string memory rule) internal {
        if (condition) return;
        if (violations == 0) firstViolation = rule;
        ++violations;
    }

    /// @dev Starting at `seed`, an eBL held by an honest trader with title and named by no open deal, if any.
    function _sellable(uint256 seed, uint256 skip) internal view returns (uint256 id, bool found) {
        for (uint256 k; k < EBLS; ++k) {
            id = ebls[(seed + k) % EBLS];
            if (id == skip) continue;
            address holder = ebl.holderOf(id);
            if (
                isHonest(holder) &&
                lens.canSurrender(ebl, id, holder) &&
                escrow.openDealOf(address(ebl), id) == bytes32(0)
            ) {
                bool named;
                for (uint256 i; i < _deals.length; ++i) {
                    if (_deals[i].tokenId == id && escrow.dealOf(dealIds[i]).status == ISettlement.TermsStatus.Open) {
                        named = true;
                    }
                }
                if (!named) return (id, true);
            }
        }
    }

    /// @dev `who` 0-2: an honest trader; 3: the ERC-1271 wallet; 4: the gas-burning signer.
    function _buyer(uint256 who, address seller) internal view returns (address buyer) {
        who %= 5;
        buyer =
            who == 3
                ? address(wallet)
                : who == 4
                    ? address(gasSigner)
                    : traders[who];
        if (buyer == seller) buyer = traders[(who + 1) % TRADERS];
    }

    /// @dev `who` 0: the buyer; 1: the refusing receiver; 2: the gas burner; 3: the return bomb.
    function _eblRecipient(uint256 who, address buyer) internal view returns (address) {
        who %= 8; // mostly the buyer
        if (who == 5) return address(refuser);
        if (who == 6) return address(bomber);
        if (who == 7 && buyer != address(gasSigner)) return address(burner);
        return buyer;
    }

    function _terms(
        uint256 tokenId,
        uint256 seed,
        bool lying,
        bool endorse
    ) internal returns (ISettlement.Terms memory t) {
        address seller = ebl.holderOf(tokenId);
        address buyer = _buyer(seed, seller);
        address recipient = _eblRecipient(seed >> 8, buyer);
        (bytes32 documentHash, ) = ebl.documentOf(tokenId);
        t = ISettlement.Terms({
            registry: address(ebl),
            tokenId: tokenId,
            documentHash: documentHash,
            paymentToken: lying ? address(liar) : address(honest),
            amount: 1 + ((seed >> 16) % 50_000_00),
            seller: seller,
            buyer: buyer,
            eblRecipient: recipient,
            titleRecipient: endorse ? recipient : address(0),
            paymentRecipient: seller,
            condition: address(0),
            conditionData: bytes32(0),
            deadline: block.timestamp + 1 hours + ((seed >> 32) % 2 days),
            salt: bytes32(++_salt)
        });
    }

    function _sign(address party, bytes32 digest) internal view returns (bytes memory) {
        uint256 key = party == address(wallet) ? WALLET_OWNER_KEY : 0;
        for (uint256 i; i < TRADERS; ++i) if (traders[i] == party) key = _keys[i];
        if (key == 0) key = 0xDEAD; // the gas-burning signer: any signature, its contract burns the gas
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _signed(ISettlement.Terms memory t) internal view returns (ISignedSettlement.Settlement memory s) {
        bytes32 digest = signed.hashTerms(t);
        s.terms = t;
        s.sellerSignature = _sign(t.seller, digest);
        s.buyerSignature = _sign(t.buyer, digest);
        s.paymentAuth.method = IPaymentRail.PaymentMethod.Allowance;
    }

    struct Pre {
        address holder;
        address title;
        uint256 buyer;
        uint256 seller;
    }

    function _pre(ISettlement.Terms memory t) internal view returns (Pre memory p) {
        p.holder = ebl.holderOf(t.tokenId);
        p.title = ebl.titleHolderOf(t.tokenId);
        p.buyer = trueBalance(t.paymentToken, t.buyer);
        p.seller = trueBalance(t.paymentToken, t.paymentRecipient);
    }

    /// @dev After a call that may have settled `t`: both legs for real, or neither (a deal's open state is checked by
    /// the test's invariants).
    function _checkOutcome(ISettlement.Terms memory t, Pre memory p, bool settled, string memory what) internal {
        // The rail and the signed-settlement contract hold nothing after any call, by either token's true ledger.
        for (uint256 k; k < 2; ++k) {
            address token = k == 0 ? address(honest) : address(liar);
            _expect(trueBalance(token, address(rail)) == 0, string.concat(what, ": the rail kept money"));
            _expect(trueBalance(token, address(signed)) == 0, string.concat(what, ": signed settlement kept money"));
        }
        if (settled) {
            _expect(ebl.holderOf(t.tokenId) == t.eblRecipient, string.concat(what, ": settled, eBL not delivered"));
            _expect(
                trueBalance(t.paymentToken, t.paymentRecipient) >= p.seller + t.amount,
                string.concat(what, ": settled, the seller did not really receive the price")
            );
            if (isHonest(t.eblRecipient)) {
                string memory failure = BillUse.check(ebl, t.tokenId, t.eblRecipient, t.titleRecipient, _other(t));
                _expect(bytes(failure).length == 0, failure);
            }
        } else {
            _expect(ebl.holderOf(t.tokenId) == p.holder, string.concat(what, ": not settled, eBL moved"));
            _expect(ebl.titleHolderOf(t.tokenId) == p.title, string.concat(what, ": not settled, title moved"));
            _expect(
                trueBalance(t.paymentToken, t.paymentRecipient) == p.seller,
                string.concat(what, ": not settled, seller side paid")
            );
        }
    }

    function _other(ISettlement.Terms memory t) internal view returns (address) {
        for (uint256 i; i < TRADERS; ++i) if (traders[i] != t.eblRecipient) return traders[i];
        return address(0);
    }

    // ------------------------------------------------------------------ adversaries change their behaviour

    /// @notice The lying token's lie (any of the five, on every transfer or only the settlement contract's payouts and
    /// refunds), the refusing receiver's behaviour and the wallet's ERC-1271 answer.
    function misbehave(uint8 lie, bool onlyFromSettlement, uint8 receiverBehaviour, uint8 walletBehaviour) external {
        liar.setLie(LyingPaymentToken.Lie(lie % 5), onlyFromSettlement ? address(escrow) : address(0));
        refuser.setBehaviour(MisbehavingEblReceiver.Behaviour(receiverBehaviour % 6), 10_000);
        wallet.setBehaviour(MisbehavingERC1271Wallet.Behaviour(walletBehaviour % 7));
    }

    // ------------------------------------------------------------------ signed settlements

    function settleSigned(uint256 tokenSeed, uint256 seed, bool lying, bool endorse) external {
        (uint256 id, bool found) = _sellable(tokenSeed, 0);
        if (!found) return;
        ISettlement.Terms memory t = _terms(id, seed, lying, endorse);
        Pre memory p = _pre(t);
        vm.prank(RELAYER);
        (bool ok, ) = address(signed).call{gas: 8_000_000}(abi.encodeCall(signed.settle, (_signed(t))));
        _checkOutcome(t, p, ok, "signed");
        if (ok) {
            ++count["signed settled"];
            if (isHonest(t.buyer)) {
                _expect(
                    p.buyer - trueBalance(t.paymentToken, t.buyer) <= t.amount,
                    "signed: buyer paid above the price"
                );
            }
        } else {
            _expect(trueBalance(t.paymentToken, t.buyer) == p.buyer, "signed: not settled, buyer paid");
            ++count["signed refused"];
        }
    }

    /**
     * @notice A batch of an honest item (honest traders, the honest token) and one or two bad items (a misbehaving
     * recipient or buyer, the lying token), in random order: the honest item must settle.
     */
    function settleBatch(uint256 tokenSeed, uint256 seed, uint8 order) external {
        (uint256 good, bool found) = _sellable(tokenSeed, 0);
        if (!found) return;
        (uint256 bad, bool foundBad) = _sellable(tokenSeed + 1, good);
        if (!foundBad) return;
        ISettlement.Terms memory h = _terms(good, seed % 3, false, seed % 2 == 0);
        h.buyer = _buyer(seed % 3, h.seller);
        h.eblRecipient = h.buyer;
        if (h.titleRecipient != address(0)) h.titleRecipient = h.buyer;
        // the bad item: the lying token (so that the items' balances do not mix), often an adversary as buyer or eBL
        // recipient
        ISettlement.Terms memory b = _terms(bad, (seed >> 64) | 3, true, false);
        ISignedSettlement.Settlement[] memory items = new ISignedSettlement.Settlement[](2);
        uint256 hi = order % 2;
        items[hi] = _signed(h);
        items[1 - hi] = _signed(b);
        Pre memory ph = _pre(h);
        Pre memory pb = _pre(b);
        vm.prank(RELAYER);
        (bool ok, bytes memory ret) = address(signed).call{gas: 12_000_000}(
            abi.encodeCall(signed.settleBatch, (items))
        );
        _expect(ok, "batch: reverted as a whole");
        if (!ok) return;
        bool[] memory settled = abi.decode(ret, (bool[]));
        _expect(settled[hi], "batch: the honest item did not settle");
        _checkOutcome(h, ph, settled[hi], "batch honest item");
        _checkOutcome(b, pb, settled[1 - hi], "batch other item");
        ++count["batch"];
    }

    // ------------------------------------------------------------------ escrowed deals

    function createDeal(uint256 tokenSeed, uint256 seed, bool lying, bool endorse) external {
        (uint256 id, bool found) = _sellable(tokenSeed, 0);
        if (!found) return;
        ISettlement.Terms memory t = _terms(id, seed, lying, endorse);
        if (!isHonest(t.buyer) && t.buyer != address(wallet)) return; // the buyer must be able to pay in
        vm.prank(t.seller);
        try escrow.createDeal(t, "") returns (bytes32 dealId) {
            _deals.push(t);
            dealIds.push(dealId);
            ++count["deal created"];
        } catch {}
    }

    function _deal(uint256 seed) internal view returns (ISettlement.Terms memory t, bytes32 id, bool any) {
        if (_deals.length == 0) return (t, id, false);
        uint256 i = seed % 2 == 0 ? _deals.length - 1 : (seed / 2) % _deals.length;
        return (_deals[i], dealIds[i], true);
    }

    function depositEbl(uint256 dealSeed) external {
        (ISettlement.Terms memory t, bytes32 id, bool any) = _deal(dealSeed);
        if (!any) return;
        Pre memory p = _pre(t);
        vm.prank(t.seller);
        (bool ok, ) = address(escrow).call{gas: 8_000_000}(
            abi.encodeCall(escrow.depositEbl, (t, "", ISettlement.EblAuth(0, "")))
        );
        if (!ok) return;
        ++count["eBL deposited"];
        _afterDeposit(t, id, p);
    }

    function depositPayment(uint256 dealSeed, uint256 amountSeed) external {
        (ISettlement.Terms memory t, bytes32 id, bool any) = _deal(dealSeed);
        if (!any) return;
        uint256 remaining = t.amount - escrow.dealOf(id).paid;
        uint256 amount = amountSeed % 2 == 0 || remaining == 0 ? remaining : 1 + ((amountSeed / 2) % remaining);
        if (amount == 0) return;
        Pre memory p = _pre(t);
        bytes memory data = abi.encodeCall(
            escrow.depositPayment,
            (t, amount, "", IPaymentRail.PaymentAuth(IPaymentRail.PaymentMethod.Allowance, 0, 0, 0, ""))
        );
        bool ok;
        if (t.buyer == address(wallet)) {
            vm.prank(vm.addr(WALLET_OWNER_KEY));
            (ok, ) = address(wallet).call{gas: 8_000_000}(abi.encodeCall(wallet.execute, (address(escrow), data)));
        } else {
            vm.prank(t.buyer);
            (ok, ) = address(escrow).call{gas: 8_000_000}(data);
        }
        if (!ok) return;
        ++count["payment deposited"];
        _afterDeposit(t, id, p);
    }

    function _afterDeposit(ISettlement.Terms memory t, bytes32 id, Pre memory p) internal {
        bool settled = escrow.dealOf(id).status == ISettlement.TermsStatus.Settled;
        if (settled) {
            ++count["deal settled"];
            _checkOutcome(t, p, true, "deal");
        } else {
            _expect(trueBalance(t.paymentToken, t.paymentRecipient) == p.seller, "open deal: seller side paid early");
        }
    }

    /// @dev `how`: 0 the seller cancels, 1 the buyer cancels, 2 anyone asks for a refund (after expiry).
    function end(uint256 dealSeed, uint8 how) external {
        (ISettlement.Terms memory t, bytes32 id, bool any) = _deal(dealSeed);
        if (!any) return;
        how %= 3;
        bytes memory data = how == 2 ? abi.encodeCall(escrow.refund, (t)) : abi.encodeCall(escrow.cancelDeal, (t));
        address caller =
            how == 0
                ? t.seller
                : how == 1
                    ? t.buyer
                    : RELAYER;
        ISettlement.Deal memory before = escrow.dealOf(id);
        uint256 buyerBefore = trueBalance(t.paymentToken, t.buyer);
        uint256 heldBefore = trueBalance(t.paymentToken, address(escrow));
        vm.prank(caller);
        (bool ok, ) = address(escrow).call{gas: 8_000_000}(data);
        if (!ok) return;
        ISettlement.Deal memory d = escrow.dealOf(id);
        _expect(d.status == ISettlement.TermsStatus.Cancelled, "cancel / refund: not cancelled");
        // The books drop only by what really left custody: what stays on them is still held for the buyer, so no
        // other deal's money can ever be paid out for this one. A token that debits custody without crediting the
        // buyer (DebitWithoutCredit) destroys the money it moved: it left custody, the buyer did not get it, and
        // the books cannot keep owing what nobody holds. With the honest token the buyer receives all of it.
        uint256 returned = before.paid - d.paid;
        _expect(
            heldBefore - trueBalance(t.paymentToken, address(escrow)) >= returned,
            "cancel / refund: the books dropped by more than left custody"
        );
        if (t.paymentToken == address(honest)) {
            _expect(
                trueBalance(t.paymentToken, t.buyer) == buyerBefore + returned,
                "cancel / refund: the books count money as returned that the buyer did not receive"
            );
        }
        if (before.eblHeld && !d.eblHeld) {
            _expect(ebl.holderOf(t.tokenId) == t.seller, "cancel / refund: eBL not returned to the seller");
        }
        ++count["deal ended"];
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + 1 + (secondsSeed % 2 days));
    }
}
