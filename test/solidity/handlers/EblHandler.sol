// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ParticipantRegistry} from "../../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../../contracts/access/RailsAccessManager.sol";
import {ParticipantKinds} from "../../../contracts/access/ParticipantKinds.sol";
import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {IBillOfLadingRegistry} from "../../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {IParticipantRegistry} from "../../../contracts/interfaces/IParticipantRegistry.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {deployArtifact} from "../utils/Artifacts.sol";
import {RailsRoles} from "../utils/RailsRoles.sol";
import {vm} from "../utils/Vm.sol";

/**
 * @title EblHandler
 * @notice Drives the eBL registry with random operations by random actors for the invariant tests, and keeps a ghost
 * record of what must hold. Every operation is attempted whatever the state (most random attempts revert, as they
 * should); when one succeeds, the handler checks on the spot that the rules allowed it (e.g. title only moved by an
 * endorsement of a holder with title) and records the outcome for the invariants.
 */
contract EblHandler {
    RailsAccessManager public immutable manager;
    ParticipantRegistry public immutable participants;
    BillOfLadingRegistry public immutable ebl;

    /// @dev Actors: 0-1 carriers, 2-4 traders, 5 bank, 6 agent, 7 custody participant, 8 unverified stranger.
    address[9] public actors;
    uint256 internal constant CARRIERS = 2;
    uint256 internal constant CUSTODIAN = 7;
    uint256 internal constant STRANGER = 8;

    /// @dev Every token id ever issued, in order.
    uint256[] public ids;
    /// @dev Successful issues per token id: must never exceed 1.
    mapping(uint256 tokenId => uint256) public issueCount;
    /// @dev The consignee of each straight B/L, fixed at issue.
    mapping(uint256 tokenId => address) public straightConsignee;
    /// @dev Terminal status seen when burned (0 while live).
    mapping(uint256 tokenId => IBillOfLadingRegistry.BillStatus) public terminalStatus;
    /// @dev How many successful calls moved a token after it was burned (must stay 0).
    uint256 public movesAfterBurn;
    uint256 public successfulCalls;

    /// @dev Rules seen broken by a successful call. Recorded rather than reverted: the invariant runner ignores
    /// reverts of handler calls, so a reverting check would be silently lost.
    uint256 public violations;
    string public firstViolation;

    bytes32 internal constant HASH = keccak256("document v1");

    constructor() {
        vm.warp(1_750_000_000);
        manager = new RailsAccessManager(address(this));
        participants = new ParticipantRegistry(address(manager));
        // From its artifact: the registry has compiler settings of its own (hardhat.config.ts), and embedding its
        // creation code in this handler would push the handler's initcode past the EIP-3860 limit.
        ebl = BillOfLadingRegistry(
            deployArtifact(
                "contracts/ebl/BillOfLadingRegistry.sol:BillOfLadingRegistry",
                abi.encode(participants, address(manager))
            )
        );
        RailsRoles.wire(manager, ebl);
        uint32[9] memory kinds = [
            ParticipantKinds.CARRIER,
            ParticipantKinds.CARRIER,
            ParticipantKinds.TRADER,
            ParticipantKinds.TRADER,
            ParticipantKinds.TRADER,
            ParticipantKinds.BANK,
            ParticipantKinds.AGENT,
            ParticipantKinds.CUSTODY,
            0
        ];
        for (uint256 i; i < actors.length; ++i) {
            actors[i] = address(uint160(0xA000 + i));
            if (kinds[i] != 0) participants.register(actors[i], _registration(kinds[i]));
        }
        manager.grantRole(RailsRoles.EBL_ISSUER, actors[0], 0);
        manager.grantRole(RailsRoles.EBL_ISSUER, actors[1], 0);
        manager.grantRole(RailsRoles.EBL_LEGAL_HOLD, address(this), 0);
    }

    function _registration(uint32 kinds) internal view returns (IParticipantRegistry.Registration memory) {
        return
            IParticipantRegistry.Registration({
                kinds: kinds,
                jurisdiction: "HK",
                validUntil: uint64(block.timestamp + 3650 days),
                kycReference: bytes32(0)
            });
    }

    function idsLength() external view returns (uint256) {
        return ids.length;
    }

    function _expect(bool condition, string memory rule) internal {
        if (condition) return;
        if (violations == 0) firstViolation = rule;
        ++violations;
    }

    // ------------------------------------------------------------------ snapshot of one token

    struct Snap {
        IBillOfLadingRegistry.Bill bill;
        bool hasTitle;
    }

    function _snap(uint256 id) internal view returns (Snap memory s) {
        s.bill = ebl.billOf(id);
        s.hasTitle =
            s.bill.holder != address(0) &&
            (s.bill.holder == s.bill.titleHolder ||
                s.bill.custodyForTitle ||
                (s.bill.kind == IBillOfLadingRegistry.BillKind.ToOrder && s.bill.titleHolder == address(0)));
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    /// @dev Three times in four the party that would naturally act, otherwise anyone: keeps most calls meaningful
    /// while still trying every actor on every operation.
    function _pick(uint256 seed, address natural) internal view returns (address) {
        return seed % 4 == 0 || natural == address(0) ? _actor(seed / 4) : natural;
    }

    /// @dev Three times in four a party that can hold title (traders, bank, agent), otherwise anyone.
    function _titleCapable(uint256 seed) internal view returns (address) {
        return seed % 4 == 0 ? _actor(seed / 4) : actors[2 + ((seed / 4) % 5)];
    }

    function _token(uint256 seed) internal view returns (uint256) {
        if (ids.length == 0) return seed; // an id never issued: every call must fail
        return ids[seed % ids.length];
    }

    function _call(address actor, bytes memory data) internal returns (bool ok) {
        vm.prank(actor);
        (ok, ) = address(ebl).call(data);
        if (ok) ++successfulCalls;
    }

    /// @dev Checks common to every successful call on a token, then records burns.
    function _after(uint256 id, Snap memory pre, bool titleMayChange) internal {
        Snap memory post = _snap(id);
        if (_isTerminal(pre.bill.status)) {
            // Burned tokens never move and never come back.
            if (post.bill.holder != address(0) || post.bill.status != pre.bill.status) ++movesAfterBurn;
        }
        if (!titleMayChange) _expect(post.bill.titleHolder == pre.bill.titleHolder, "title moved without endorsement");
        _expect(post.bill.issuer == pre.bill.issuer, "issuer changed");
        _expect(uint256(post.bill.kind) == uint256(pre.bill.kind), "kind changed");
        if (_isTerminal(post.bill.status)) {
            _expect(post.bill.holder == address(0), "burned token has a holder");
            terminalStatus[id] = post.bill.status;
        }
    }

    function _isTerminal(IBillOfLadingRegistry.BillStatus s) internal pure returns (bool) {
        return
            s == IBillOfLadingRegistry.BillStatus.Accomplished || s == IBillOfLadingRegistry.BillStatus.SwitchedToPaper;
    }

    // ------------------------------------------------------------------ carrier actions

    /// @dev Two B/Ls in three are to order (they have the richer lifecycle).
    function issue(
        uint256 carrierSeed,
        uint8 refSeed,
        uint8 kindSeed,
        uint256 shipperSeed,
        uint256 titleSeed
    ) external {
        bool toOrder = kindSeed % 3 != 0;
        address carrier = actors[carrierSeed % CARRIERS];
        string memory ref = string.concat("BL-", Strings.toString(uint256(refSeed % 6)));
        address shipper = _titleCapable(shipperSeed);
        // Mostly to the order of the shipper (or, straight, to itself as consignee), so the holder has title.
        address title = titleSeed % 3 == 0 ? _titleCapable(titleSeed / 3) : shipper;
        uint256 id = ebl.tokenIdOf(carrier, ref);
        IBillOfLadingRegistry.BillKind kind =
            toOrder ? IBillOfLadingRegistry.BillKind.ToOrder : IBillOfLadingRegistry.BillKind.Straight;
        bool ok = _call(carrier, abi.encodeCall(ebl.issue, (shipper, ref, kind, title, HASH)));
        if (!ok) return;
        ++issueCount[id];
        ids.push(id);
        if (!toOrder) straightConsignee[id] = title;
        _expect(participants.isVerified(shipper), "issued to an unverified shipper");
        _expect(
            participants.isVerifiedAs(title, ParticipantKinds.TRADER | ParticipantKinds.BANK | ParticipantKinds.AGENT),
            "issued with an invalid title holder"
        );
    }

    function acceptSurrender(uint256 tokenSeed, uint256 callerSeed) external {
        _carrierAction(tokenSeed, callerSeed, 0, bytes32(0));
    }

    function rejectSurrender(uint256 tokenSeed, uint256 callerSeed) external {
        _carrierAction(tokenSeed, callerSeed, 1, bytes32(0));
    }

    function issueAmendment(uint256 tokenSeed, uint256 callerSeed, bytes32 newHash) external {
        _carrierAction(tokenSeed, callerSeed, 2, newHash);
    }

    function confirmSwitchToPaper(uint256 tokenSeed, uint256 callerSeed) external {
        _carrierAction(tokenSeed, callerSeed, 3, bytes32(0));
    }

    function _carrierAction(uint256 tokenSeed, uint256 callerSeed, uint256 what, bytes32 newHash) internal {
        uint256 id = _token(tokenSeed);
        Snap memory pre = _snap(id);
        address caller = _pick(callerSeed, pre.bill.issuer);
        bytes memory data =
            what == 0
                ? abi.encodeCall(ebl.acceptSurrender, (id))
                : what == 1
                    ? abi.encodeCall(ebl.rejectSurrender, (id))
                    : what == 2
                        ? abi.encodeCall(ebl.issueAmendment, (id, newHash))
                        : abi.encodeCall(ebl.confirmSwitchToPaper, (id));
        address surrenderer = ebl.surrendererOf(id);
        if (!_call(caller, data)) return;
        _expect(caller == pre.bill.issuer, "a carrier acted on a B/L it did not issue");
        _expect(!(pre.bill.onLegalHold), "carrier acted on a held token");
        _after(id, pre, false);
        if (what == 1 || what == 2) {
            _expect(ebl.holderOf(id) == surrenderer, "surrender not returned to the surrenderer");
        }
        if (what == 2) {
            (bytes32 h, uint32 v) = ebl.documentOf(id);
            _expect(h == newHash, "amendment hash");
            _expect(v == pre.bill.version + 1, "amendment version");
        }
    }

    // ------------------------------------------------------------------ holder actions

    function transfer(uint256 tokenSeed, uint256 callerSeed, uint256 toSeed) external {
        uint256 id = _token(tokenSeed);
        Snap memory pre = _snap(id);
        address caller = _pick(callerSeed, pre.bill.holder);
        // Half the time to the title holder (e.g. a straight B/L to its consignee), otherwise to anyone.
        address to = toSeed % 2 == 0 && pre.bill.titleHolder != address(0) ? pre.bill.titleHolder : _actor(toSeed / 2);
        if (!_call(caller, abi.encodeCall(ebl.transferFrom, (pre.bill.holder, to, id)))) return;
        _after(id, pre, false);
        _expect(participants.isVerified(to), "possession went to an unverified account");
        _expect(uint256(pre.bill.status) == uint256(IBillOfLadingRegistry.BillStatus.Issued), "moved when not Issued");
        _expect(!(pre.bill.onLegalHold), "moved while held");
        _expect(caller == pre.bill.holder || caller == actors[CUSTODIAN], "moved by someone without control");
        if (pre.bill.kind == IBillOfLadingRegistry.BillKind.Straight) {
            _expect(
                to == pre.bill.titleHolder ||
                    to == pre.bill.shipper ||
                    to == pre.bill.issuer ||
                    participants.isVerifiedAs(
                        to,
                        ParticipantKinds.BANK | ParticipantKinds.AGENT | ParticipantKinds.CONTRACT_CUSTODIAN
                    ),
                "straight B/L passed to a third party"
            );
        }
    }

    function endorse(uint256 tokenSeed, uint256 callerSeed, uint256 endorseeSeed, uint8 mode) external {
        uint256 id = _token(tokenSeed);
        Snap memory pre = _snap(id);
        address caller = _pick(callerSeed, pre.bill.holder);
        address endorsee = _titleCapable(endorseeSeed);
        mode = mode % 3;
        bytes memory data =
            mode == 0
                ? abi.encodeCall(ebl.endorse, (id, endorsee))
                : mode == 1
                    ? abi.encodeCall(ebl.endorseAndDeliver, (id, endorsee))
                    : abi.encodeCall(ebl.blankEndorse, (id));
        if (!_call(caller, data)) return;
        _after(id, pre, true);
        _expect(pre.hasTitle, "endorsed by a holder without title");
        _expect(uint256(pre.bill.kind) == uint256(IBillOfLadingRegistry.BillKind.ToOrder), "straight B/L endorsed");
        _expect(!(pre.bill.onLegalHold), "endorsed while held");
        address expectedTitle = mode == 2 ? address(0) : endorsee;
        _expect(ebl.titleHolderOf(id) == expectedTitle, "title after endorsement");
        if (mode == 1) _expect(ebl.holderOf(id) == endorsee, "endorse-and-deliver did not deliver");
    }

    /// @dev A delivery through `act` the receiver may reject: who delivered, the title holder before, the nonce after.
    struct Delivery {
        address from;
        address titleBefore;
        bool titleMoved;
        uint256 nonceAfter;
        uint256 deadline;
    }
    /// @dev The last rejectable delivery of each token, as the handler saw it made.
    mapping(uint256 tokenId => Delivery) public deliveries;
    /// @dev Successful rejections (for the non-vacuity tests).
    uint256 public rejections;
    /// @dev Rejections refused because the window had closed (for the non-vacuity tests).
    uint256 public lateRejectionsRefused;

    /// @dev A `Transfer` or `EndorseAndDeliver` through `act`, with a remark.
    function actDeliver(uint256 tokenSeed, uint256 callerSeed, uint256 partySeed, bool withTitle) external {
        uint256 id = _token(tokenSeed);
        Snap memory pre = _snap(id);
        address caller = _pick(callerSeed, pre.bill.holder);
        address party = withTitle ? _titleCapable(partySeed) : _actor(partySeed);
        IBillOfLadingRegistry.HolderAction action =
            withTitle
                ? IBillOfLadingRegistry.HolderAction.EndorseAndDeliver
                : IBillOfLadingRegistry.HolderAction.Transfer;
        if (!_call(caller, abi.encodeCall(ebl.act, (id, action, party, bytes32(0), keccak256("remark"))))) return;
        _after(id, pre, withTitle);
        _expect(ebl.holderOf(id) == party, "act did not deliver");
        // Rejectable only when the holder delivered itself and is not a custodian: a custodian's delivery (a paid
        // settlement) must never be rejectable.
        bool rejectable =
            caller == pre.bill.holder && !participants.isVerifiedAs(caller, ParticipantKinds.CONTRACT_CUSTODIAN);
        if (rejectable) {
            _expect(ebl.handoverOf(id).deadline == block.timestamp + 7 days, "handover not recorded");
            deliveries[id] = Delivery({
                from: pre.bill.holder,
                titleBefore: pre.bill.titleHolder,
                titleMoved: withTitle,
                nonceAfter: ebl.nonces(id),
                deadline: block.timestamp + 7 days
            });
        } else {
            _expect(
                ebl.handoverOf(id).nonce != ebl.nonces(id) || ebl.handoverOf(id).deadline == 0,
                "custodian delivery rejectable"
            );
            delete deliveries[id];
        }
    }

    /// @dev A holder's signature with a remark: recorded, nothing moves.
    function sign(uint256 tokenSeed, uint256 callerSeed) external {
        uint256 id = _token(tokenSeed);
        Snap memory pre = _snap(id);
        address caller = _pick(callerSeed, pre.bill.holder);
        uint256 nonceBefore = ebl.nonces(id);
        bytes memory data = abi.encodeCall(
            ebl.act,
            (id, IBillOfLadingRegistry.HolderAction.Sign, address(0), bytes32(0), HASH)
        );
        if (!_call(caller, data)) return;
        _after(id, pre, false);
        _expect(ebl.holderOf(id) == pre.bill.holder && ebl.nonces(id) == nonceBefore, "a signature moved the eBL");
    }

    /// @dev The receiver rejects the last delivery: at once, inside the window, or past it.
    function rejectTransfer(uint256 tokenSeed, uint256 callerSeed, uint256 waitSeed) external {
        uint256 id = _token(tokenSeed);
        uint256 wait = waitSeed % 3;
        if (wait == 1) vm.warp(block.timestamp + 1 + ((waitSeed / 3) % 7 days)); // inside the window
        if (wait == 2) vm.warp(block.timestamp + 7 days + 1 + ((waitSeed / 3) % 2 days)); // past the window
        Snap memory pre = _snap(id);
        address caller = _pick(callerSeed, pre.bill.holder);
        Delivery memory d = deliveries[id];
        uint256 nonceBefore = ebl.nonces(id);
        vm.prank(caller);
        (bool ok, bytes memory err) = address(ebl).call(
            abi.encodeCall(ebl.act, (id, IBillOfLadingRegistry.HolderAction.RejectTransfer, address(0), bytes32(0), 0))
        );
        if (!ok) {
            _checkRefusedRejection(id, pre, d, nonceBefore, caller, err);
            return;
        }
        ++successfulCalls;
        ++rejections;
        _after(id, pre, true);
        _expect(d.from != address(0), "rejected a delivery that was not rejectable");
        _expect(block.timestamp <= d.deadline, "rejected after the window");
        _expect(nonceBefore == d.nonceAfter, "rejected after the eBL moved on");
        _expect(caller == pre.bill.holder || caller == actors[CUSTODIAN], "rejected by someone without control");
        // What the sender must end with: the eBL back, the title back if it had moved, and the use of it again.
        _expect(ebl.holderOf(id) == d.from, "possession not returned");
        if (d.titleMoved) {
            _expect(ebl.titleHolderOf(id) == d.titleBefore, "title not returned");
            _expect(ebl.canEndorse(id, d.from), "the sender cannot endorse the eBL again");
        } else {
            _expect(ebl.titleHolderOf(id) == pre.bill.titleHolder, "title moved on a possession rejection");
        }
        _expect(ebl.handoverOf(id).deadline == 0, "a rejected delivery stayed rejectable");
        delete deliveries[id];
    }

    /// @dev A refused rejection by the receiver of a tracked delivery: refused for the named reason, nothing changed.
    function _checkRefusedRejection(
        uint256 id,
        Snap memory pre,
        Delivery memory d,
        uint256 nonceBefore,
        address caller,
        bytes memory err
    ) internal {
        Snap memory post = _snap(id);
        _expect(
            post.bill.holder == pre.bill.holder &&
                post.bill.titleHolder == pre.bill.titleHolder &&
                ebl.nonces(id) == nonceBefore,
            "a refused rejection changed the eBL"
        );
        if (
            d.from == address(0) ||
            caller != pre.bill.holder ||
            pre.bill.status != IBillOfLadingRegistry.BillStatus.Issued
        ) return;
        if (pre.bill.onLegalHold || !participants.isVerified(caller)) return;
        // Moved on: any movement since the delivery, or the title endorsed onward after an endorse-and-deliver.
        bool movedOn = nonceBefore != d.nonceAfter || (d.titleMoved && pre.bill.titleHolder != pre.bill.holder);
        if (movedOn) {
            _expect(bytes4(err) == IBillOfLadingRegistry.EblNotRejectable.selector, "moved-on rejection: wrong error");
        } else if (block.timestamp > d.deadline) {
            _expect(
                bytes4(err) == IBillOfLadingRegistry.EblRejectionWindowClosed.selector,
                "late rejection: wrong error"
            );
            ++lateRejectionsRefused;
        }
    }

    function surrender(uint256 tokenSeed, uint256 callerSeed, bool forAmendment) external {
        uint256 id = _token(tokenSeed);
        Snap memory pre = _snap(id);
        address caller = _pick(callerSeed, pre.bill.holder);
        bytes memory data =
            forAmendment
                ? abi.encodeCall(ebl.surrenderForAmendment, (id))
                : abi.encodeCall(ebl.surrenderForDelivery, (id));
        if (!_call(caller, data)) return;
        _after(id, pre, false);
        _expect(pre.hasTitle, "surrendered by a holder without title");
        _expect(ebl.holderOf(id) == pre.bill.issuer, "surrender did not reach the carrier");
        _expect(ebl.surrendererOf(id) == pre.bill.holder, "surrenderer not recorded");
    }

    function switchToPaper(uint256 tokenSeed, uint256 callerSeed, bool cancel) external {
        uint256 id = _token(tokenSeed);
        Snap memory pre = _snap(id);
        address caller = _pick(callerSeed, callerSeed % 2 == 0 ? pre.bill.holder : pre.bill.issuer);
        bytes memory data =
            cancel ? abi.encodeCall(ebl.cancelSwitchToPaper, (id)) : abi.encodeCall(ebl.requestSwitchToPaper, (id));
        if (!_call(caller, data)) return;
        _after(id, pre, false);
        if (!cancel) _expect(pre.hasTitle, "switch to paper requested without title");
    }

    function approveCustodian(uint256 tokenSeed, bool forAll) external {
        uint256 id = _token(tokenSeed);
        address holder = ebl.holderOf(id);
        if (holder == address(0)) return;
        vm.prank(holder);
        if (forAll) ebl.setApprovalForAll(actors[CUSTODIAN], true);
        else ebl.approve(actors[CUSTODIAN], id);
    }

    function approveNonCustodian(uint256 tokenSeed, uint256 spenderSeed) external {
        uint256 id = _token(tokenSeed);
        address spender = actors[spenderSeed % CUSTODIAN]; // never the custodian
        address holder = ebl.holderOf(id);
        if (holder == address(0)) return;
        bool ok = _call(holder, abi.encodeCall(ebl.approve, (spender, id)));
        _expect(!(ok), "approval granted to a non-custodian");
    }

    // ------------------------------------------------------------------ authorities and verification

    /// @dev Places a hold one time in four, lifts otherwise, so tokens are held some of the time, not most of it.
    function legalHold(uint256 tokenSeed, uint8 mode) external {
        bool place = mode % 4 == 0;
        uint256 id = _token(tokenSeed);
        Snap memory pre = _snap(id);
        (bool ok, ) = address(ebl).call(
            place
                ? abi.encodeCall(ebl.placeLegalHold, (id, bytes32("ORDER")))
                : abi.encodeCall(ebl.liftLegalHold, (id, bytes32("ORDER")))
        );
        if (ok) _after(id, pre, false);
    }

    /// @dev Revokes (one time in three) or restores an actor's verification; never a carrier's, so burns stay reachable.
    function toggleVerification(uint256 actorSeed) external {
        uint256 i = CARRIERS + (actorSeed % (STRANGER - CARRIERS));
        address a = actors[i];
        if (participants.isVerified(a)) {
            if (actorSeed % 3 != 0) return; // revoke one time in three, so most actors stay verified most of the time
            participants.revoke(a);
        } else {
            uint32[6] memory kinds = [
                ParticipantKinds.TRADER,
                ParticipantKinds.TRADER,
                ParticipantKinds.TRADER,
                ParticipantKinds.BANK,
                ParticipantKinds.AGENT,
                ParticipantKinds.CUSTODY
            ];
            participants.register(a, _registration(kinds[i - CARRIERS]));
        }
    }
}
