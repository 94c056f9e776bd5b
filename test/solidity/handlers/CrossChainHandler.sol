// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ParticipantKinds} from "../../../contracts/access/ParticipantKinds.sol";
import {ParticipantRegistry} from "../../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../../contracts/access/RailsAccessManager.sol";
import {EblGateway} from "../../../contracts/crosschain/EblGateway.sol";
import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {IBillOfLadingRegistry} from "../../../contracts/interfaces/IBillOfLadingRegistry.sol";
import {IEblGateway} from "../../../contracts/interfaces/IEblGateway.sol";
import {IParticipantRegistry} from "../../../contracts/interfaces/IParticipantRegistry.sol";
import {LoopbackTransport} from "../../../contracts/testing/LoopbackTransport.sol";

import {RailsRoles} from "../utils/RailsRoles.sol";
import {vm} from "../utils/Vm.sol";

/**
 * @title CrossChainHandler
 * @notice Two chains in one EVM (side 0 stands for chain 7777, side 1 for 8888): per side an access manager, a
 * participant register, an eBL registry, an EblGateway and a LoopbackTransport, connected both ways. Four B/Ls are
 * issued on side 0 (three to order, one straight); random calls export them (to receivers some of whom are not
 * verified on the other side, so that the destination refuses), deliver pending messages in any order, replay
 * delivered ones, transfer, endorse, surrender, answer surrenders and amend on whichever side holds the eBL, revoke and
 * re-verify participants, pause and unpause registries, and restore refused transfers.
 *
 * The handler keeps a ghost model: every export's transfer id with what it carried (holder, receiver, kind, version,
 * title holder, document hash, issuer), every message with its side and outbox index, the deliveries per transfer.
 * After each successful import or restore it checks on the spot that the record arrived as sent and that the user can
 * act on it; a broken rule is recorded (`violations`), not reverted, as the invariant runner ignores handler reverts.
 */
contract CrossChainHandler {
    uint8 internal constant SIDES = 2;
    uint8 internal constant NOWHERE = 2;
    /// @dev Gas a relayer gives a delivery: ample for the import, the bookkeeping and a refusal.
    uint256 internal constant DELIVERY_GAS = 3_000_000;

    RailsAccessManager[2] public managers;
    ParticipantRegistry[2] public registers;
    BillOfLadingRegistry[2] public ebls;
    EblGateway[2] public gateways;
    LoopbackTransport[2] public transports;
    uint64[2] public chainIds = [uint64(7777), uint64(8888)];

    /// @dev 0 carrier (both sides), 1-2 traders (both), 3 bank (both), 4 trader on side 0 only, 5 trader on side 1 only.
    address[6] public actors;
    uint32[6] internal _kinds;
    /// @dev Where each actor is registered at the start (and may be re-verified).
    bool[2][6] internal _home;

    uint256[] public ids;

    /// @notice What an export sent, as the source recorded it at the moment of the export.
    struct Sent {
        uint8 from;
        uint256 tokenId;
        address holder;
        address receiver;
        IBillOfLadingRegistry.BillKind kind;
        uint32 version;
        address titleHolder;
        bytes32 documentHash;
        address issuer;
    }

    /// @notice A message in one side's outbox.
    struct Message {
        uint8 side;
        uint256 index;
        bool isTransfer;
        bytes32 transferId;
        uint256 tokenId;
        bool delivered;
    }

    mapping(bytes32 transferId => Sent) public sent;
    bytes32[] public sentIds;
    Message[] public messages;
    /// @dev Refused transfers whose eBL could not be restored on arrival of the refusal (waiting for {restore}).
    bytes32[] public restorable;
    /// @dev Transfers imported at their destination, and where.
    bytes32[] public importedIds;
    mapping(bytes32 transferId => uint8 side) public importedOn;

    /// @dev Successful deliveries of each transfer's TRANSFER message, and of its REFUSAL: at most one each.
    mapping(bytes32 transferId => uint256) public transferDeliveries;
    mapping(bytes32 transferId => uint256) public refusalDeliveries;
    /// @dev Replays of a delivered message that did not revert with the gateway's replay protection (must stay 0).
    uint256 public replaysAccepted;
    uint256 public replaysRefused;

    uint256 public exports;
    uint256 public imports;
    uint256 public returns_;
    uint256 public refusals;
    uint256 public restores;
    uint256 public restoreFailures;
    uint256 public lateRestores;
    uint256 public surrendersAccepted;
    uint256 public amendments;
    uint256 public moves;

    uint256 public violations;
    string public firstViolation;

    constructor(CrossChainWorld world) {
        for (uint8 s; s < SIDES; ++s) {
            (managers[s], registers[s], ebls[s], gateways[s], transports[s]) = (
                world.managers(s),
                world.registers(s),
                world.ebls(s),
                world.gateways(s),
                world.transports(s)
            );
        }
        for (uint256 i; i < actors.length; ++i) {
            actors[i] = world.actors(i);
            _kinds[i] = world.kinds(i);
            _home[i] = [world.home(i, 0), world.home(i, 1)];
        }
        for (uint256 i; i < world.idsLength(); ++i) ids.push(world.ids(i));
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

    function _expect(bool condition, string memory rule) internal {
        if (condition) return;
        if (violations == 0) firstViolation = rule;
        ++violations;
    }

    // ------------------------------------------------------------------ views for the invariants

    function idsLength() external view returns (uint256) {
        return ids.length;
    }

    function sentLength() external view returns (uint256) {
        return sentIds.length;
    }

    function importedLength() external view returns (uint256) {
        return importedIds.length;
    }

    /// @notice Messages about `tokenId` not delivered yet, plus refused transfers of it waiting for {restore}.
    function pendingAbout(uint256 tokenId) external view returns (uint256 n) {
        for (uint256 i; i < messages.length; ++i) {
            if (!messages[i].delivered && messages[i].tokenId == tokenId) ++n;
        }
        for (uint256 i; i < restorable.length; ++i) {
            if (sent[restorable[i]].tokenId == tokenId) ++n;
        }
    }

    /// @notice Whether side `s` has the B/L: any status but never issued there or exported from there.
    function isPresent(uint8 s, uint256 tokenId) public view returns (bool) {
        IBillOfLadingRegistry.BillStatus status = ebls[s].billOf(tokenId).status;
        return status != IBillOfLadingRegistry.BillStatus.None && status != IBillOfLadingRegistry.BillStatus.Exported;
    }

    function _presentSide(uint256 tokenId) internal view returns (uint8) {
        for (uint8 s; s < SIDES; ++s) if (isPresent(s, tokenId)) return s;
        return NOWHERE;
    }

    function _token(uint256 seed) internal view returns (uint256) {
        return ids[seed % ids.length];
    }

    // ------------------------------------------------------------------ cross-chain

    /// @dev The holder (four times in five; otherwise a random actor) exports the eBL from the side that has it to a
    /// random receiver on the other side (actor 4 is not registered on side 1, actor 5 not on side 0: refusals).
    function exportBill(uint256 tokenSeed, uint256 receiverSeed, uint256 callerSeed) external {
        uint256 id = _token(tokenSeed);
        uint8 s = _presentSide(id);
        if (s == NOWHERE) s = uint8((tokenSeed / 8) % SIDES); // nowhere live: the export must fail
        IBillOfLadingRegistry.Bill memory b = ebls[s].billOf(id);
        address caller = callerSeed % 5 == 0 ? actors[(callerSeed / 5) % actors.length] : b.holder;
        address receiver = actors[1 + (receiverSeed % 5)];
        uint256 index = transports[s].outboxLength();
        vm.prank(caller);
        try gateways[s].exportBill(id, chainIds[1 - s], receiver) returns (bytes32 transferId) {
            ++exports;
            _expect(caller == b.holder && caller != address(0), "exported by someone other than the holder");
            _expect(b.status == IBillOfLadingRegistry.BillStatus.Issued && !b.onLegalHold, "exported when not free");
            _expect(
                ebls[s].billOf(id).status == IBillOfLadingRegistry.BillStatus.Exported &&
                    ebls[s].holderOf(id) == address(0),
                "export left a live token"
            );
            _expect(sent[transferId].issuer == address(0), "transfer id reused");
            sent[transferId] = Sent(
                s,
                id,
                b.holder,
                receiver,
                b.kind,
                b.version,
                b.titleHolder,
                b.documentHash,
                b.issuer
            );
            sentIds.push(transferId);
            messages.push(Message(s, index, true, transferId, id, false));
        } catch {}
    }

    /// @dev Delivers one pending message, the first from a random position: any order, either direction.
    function deliver(uint256 messageSeed) external {
        uint256 n = messages.length;
        for (uint256 k; k < n; ++k) {
            uint256 i = (messageSeed + k) % n;
            if (!messages[i].delivered) return _deliver(i);
        }
    }

    /// @dev As {deliver}: a second entry so that the runner delivers as often as it exports and moves.
    function deliverAnother(uint256 messageSeed) external {
        this.deliver(messageSeed);
    }

    function _deliver(uint256 i) internal {
        Message memory m = messages[i];
        uint8 dest = 1 - m.side;
        uint256 destIndex = transports[dest].outboxLength();
        IBillOfLadingRegistry.BillStatus destBefore = ebls[dest].billOf(m.tokenId).status;
        try transports[m.side].deliver{gas: DELIVERY_GAS}(m.index) {
            messages[i].delivered = true;
            if (m.isTransfer) _afterTransfer(m.transferId, dest, destIndex, destBefore);
            else _afterRefusal(m.transferId);
        } catch {
            _expect(!transports[m.side].envelope(m.index).delivered, "a failed delivery consumed the message");
        }
    }

    function _afterTransfer(
        bytes32 transferId,
        uint8 dest,
        uint256 destIndex,
        IBillOfLadingRegistry.BillStatus destBefore
    ) internal {
        ++transferDeliveries[transferId];
        Sent memory x = sent[transferId];
        IEblGateway.InboundTransfer memory inbound = gateways[dest].inboundTransfer(transferId);
        _expect(inbound.tokenId == x.tokenId && inbound.originChainId == chainIds[x.from], "inbound record");
        if (inbound.status == IEblGateway.InboundStatus.Imported) {
            ++imports;
            if (destBefore == IBillOfLadingRegistry.BillStatus.Exported) ++returns_;
            importedIds.push(transferId);
            importedOn[transferId] = dest;
            _expectArrived(dest, x, x.receiver, "import");
            // (e) the receiver can act on it: endorse a to-order B/L it has title to, or move it (as the holder).
            IBillOfLadingRegistry.Bill memory b = ebls[dest].billOf(x.tokenId);
            if (
                x.kind == IBillOfLadingRegistry.BillKind.ToOrder &&
                (x.titleHolder == x.receiver || x.titleHolder == address(0))
            ) {
                _expect(ebls[dest].canEndorse(x.tokenId, x.receiver), "receiver with title cannot endorse");
            }
            _expect(b.status == IBillOfLadingRegistry.BillStatus.Issued, "imported eBL not Issued");
        } else if (inbound.status == IEblGateway.InboundStatus.Refused) {
            ++refusals;
            _expect(transports[dest].outboxLength() == destIndex + 1, "refusal not sent back");
            _expect(ebls[dest].billOf(x.tokenId).status == destBefore, "a refused transfer changed the destination");
            messages.push(Message(dest, destIndex, false, transferId, x.tokenId, false));
        } else {
            _expect(false, "delivered transfer neither imported nor refused");
        }
    }

    function _afterRefusal(bytes32 transferId) internal {
        ++refusalDeliveries[transferId];
        Sent memory x = sent[transferId];
        IEblGateway.OutboundStatus status = gateways[x.from].outboundTransfer(transferId).status;
        if (status == IEblGateway.OutboundStatus.Restored) {
            ++restores;
            _expectArrived(x.from, x, x.holder, "restore");
        } else if (status == IEblGateway.OutboundStatus.Refused) {
            ++restoreFailures;
            restorable.push(transferId);
            _expect(!isPresent(x.from, x.tokenId), "restore failed yet the eBL is back");
        } else {
            _expect(false, "refusal delivered without effect");
        }
    }

    /// @dev (b) and (e): the eBL is live on `s` with `holder`, and the record is as the export sent it.
    function _expectArrived(uint8 s, Sent memory x, address holder, string memory what) internal {
        IBillOfLadingRegistry.Bill memory b = ebls[s].billOf(x.tokenId);
        _expect(ebls[s].ownerOf(x.tokenId) == holder && b.holder == holder, string.concat(what, ": wrong holder"));
        _expect(
            b.kind == x.kind &&
                b.version == x.version &&
                b.titleHolder == x.titleHolder &&
                b.documentHash == x.documentHash &&
                b.issuer == x.issuer,
            string.concat(what, ": record changed in transit")
        );
    }

    /// @dev Re-delivers a delivered message: the gateway must refuse it as replayed (a transfer) or as an unknown
    /// transfer (a refusal answered already).
    function replay(uint256 messageSeed) external {
        uint256 n = messages.length;
        for (uint256 k; k < n; ++k) {
            uint256 i = (messageSeed + k) % n;
            if (!messages[i].delivered) continue;
            Message memory m = messages[i];
            try transports[m.side].replay{gas: DELIVERY_GAS}(m.index) {
                ++replaysAccepted;
            } catch (bytes memory reason) {
                bytes4 expected =
                    m.isTransfer
                        ? IEblGateway.GatewayTransferReplayed.selector
                        : IEblGateway.GatewayUnknownTransfer.selector;
                _expect(bytes4(reason) == expected, "replay refused for another reason");
                ++replaysRefused;
            }
            return;
        }
    }

    /// @dev Anyone restores a refused transfer whose restore failed on arrival.
    function restore(uint256 seed) external {
        if (restorable.length == 0) return;
        uint256 k = seed % restorable.length;
        bytes32 transferId = restorable[k];
        try gateways[sent[transferId].from].restore(transferId) {
            ++lateRestores;
            restorable[k] = restorable[restorable.length - 1];
            restorable.pop();
            _expectArrived(sent[transferId].from, sent[transferId], sent[transferId].holder, "late restore");
        } catch {}
    }

    // ------------------------------------------------------------------ the eBL's life on whichever side has it

    /// @dev The holder transfers possession to a random actor.
    function transfer(uint256 tokenSeed, uint256 toSeed) external {
        uint256 id = _token(tokenSeed);
        uint8 s = _presentSide(id);
        if (s == NOWHERE) return;
        address holder = ebls[s].holderOf(id);
        vm.prank(holder);
        try ebls[s].transferFrom(holder, actors[toSeed % actors.length], id) {
            ++moves;
        } catch {}
    }

    /// @dev The holder endorses to a random trader or bank and delivers.
    function endorse(uint256 tokenSeed, uint256 endorseeSeed) external {
        uint256 id = _token(tokenSeed);
        uint8 s = _presentSide(id);
        if (s == NOWHERE) return;
        vm.prank(ebls[s].holderOf(id));
        try ebls[s].endorseAndDeliver(id, actors[1 + (endorseeSeed % 5)]) {
            ++moves;
        } catch {}
    }

    /// @dev The holder surrenders for delivery or for amendment.
    function surrender(uint256 tokenSeed, bool forAmendment) external {
        uint256 id = _token(tokenSeed);
        uint8 s = _presentSide(id);
        if (s == NOWHERE) return;
        vm.prank(ebls[s].holderOf(id));
        if (forAmendment) {
            try ebls[s].surrenderForAmendment(id) {} catch {}
        } else {
            try ebls[s].surrenderForDelivery(id) {} catch {}
        }
    }

    /// @dev The carrier answers a surrender where the eBL is: accept (mode 0), reject (1) or amend (2).
    function carrierAnswer(uint256 tokenSeed, uint8 mode, bytes32 newHash) external {
        uint256 id = _token(tokenSeed);
        uint8 s = _presentSide(id);
        if (s == NOWHERE) return;
        BillOfLadingRegistry ebl = ebls[s];
        vm.prank(actors[0]);
        if (mode % 3 == 0) {
            try ebl.acceptSurrender(id) {
                ++surrendersAccepted;
            } catch {}
        } else if (mode % 3 == 1) {
            try ebl.rejectSurrender(id) {} catch {}
        } else {
            try ebl.issueAmendment(id, newHash) {
                ++amendments;
            } catch {}
        }
    }

    // ------------------------------------------------------------------ authorities

    /// @dev Revokes a non-carrier actor's verification on one side, or re-verifies it where it was registered.
    function toggleVerification(uint256 actorSeed, uint256 sideSeed) external {
        uint256 i = 1 + (actorSeed % 5);
        uint8 s = uint8(sideSeed % SIDES);
        if (!_home[i][s]) return;
        if (registers[s].isVerified(actors[i])) registers[s].revoke(actors[i]);
        else registers[s].register(actors[i], _registration(_kinds[i]));
    }

    /// @dev Pauses a registry one time in three, unpauses it otherwise.
    function togglePause(uint256 sideSeed) external {
        BillOfLadingRegistry ebl = ebls[sideSeed % SIDES];
        if (ebl.paused()) ebl.unpause();
        else if ((sideSeed / 2) % 3 == 0) ebl.pause();
    }
}

/**
 * @title CrossChainWorld
 * @notice Deploys the two sides for {CrossChainHandler} (kept apart so that the handler's own bytecode stays small
 * enough for the invariant runner to identify it): per side (0 stands for chain 7777, 1 for 8888) an access manager,
 * a participant register, an eBL registry, an EblGateway holding `EBL GATEWAY` there and a LoopbackTransport, wired
 * with the rails' role table and connected both ways; the actors registered; four B/Ls issued on side 0 (BL-0 to order
 * of trader 1, BL-1 to order of trader 2, BL-2 straight from trader 1 to trader 2, BL-3 to order of the bank).
 */
contract CrossChainWorld {
    RailsAccessManager[2] public managers;
    ParticipantRegistry[2] public registers;
    BillOfLadingRegistry[2] public ebls;
    EblGateway[2] public gateways;
    LoopbackTransport[2] public transports;
    uint64[2] public chainIds = [uint64(7777), uint64(8888)];

    /// @dev 0 carrier (both sides), 1-2 traders (both), 3 bank (both), 4 trader on side 0 only, 5 trader on side 1 only.
    address[6] public actors;
    uint32[6] public kinds;
    /// @dev Where each actor is registered at the start.
    bool[2][6] public home;
    uint256[] public ids;

    address private immutable _deployer = msg.sender;

    constructor() {
        vm.warp(1_750_000_000);
        kinds = [
            ParticipantKinds.CARRIER,
            ParticipantKinds.TRADER,
            ParticipantKinds.TRADER,
            ParticipantKinds.BANK,
            ParticipantKinds.TRADER,
            ParticipantKinds.TRADER
        ];
        for (uint256 i; i < actors.length; ++i) {
            actors[i] = address(uint160(0xC000 + i));
            home[i] = [i != 5, i != 4];
        }
        for (uint8 s; s < 2; ++s) _deploySide(s);
        transports[0].connect(transports[1]);
        transports[1].connect(transports[0]);
        _issue("BL-0", IBillOfLadingRegistry.BillKind.ToOrder, actors[1], actors[1]);
        _issue("BL-1", IBillOfLadingRegistry.BillKind.ToOrder, actors[2], actors[2]);
        _issue("BL-2", IBillOfLadingRegistry.BillKind.Straight, actors[1], actors[2]);
        _issue("BL-3", IBillOfLadingRegistry.BillKind.ToOrder, actors[3], actors[3]);
    }

    function idsLength() external view returns (uint256) {
        return ids.length;
    }

    /// @notice Gives `handler` the registrar and eBL pauser roles on both sides (by the deployer, once it exists).
    function enroll(address handler) external {
        require(msg.sender == _deployer, "CrossChainWorld: not the deployer");
        for (uint8 s; s < 2; ++s) {
            managers[s].grantRole(RailsRoles.REGISTRAR, handler, 0);
            managers[s].grantRole(RailsRoles.EBL_PAUSER, handler, 0);
        }
    }

    function _deploySide(uint8 s) internal {
        RailsAccessManager manager = new RailsAccessManager(address(this));
        managers[s] = manager;
        registers[s] = new ParticipantRegistry(address(manager));
        ebls[s] = new BillOfLadingRegistry(registers[s], address(manager));
        gateways[s] = new EblGateway(ebls[s], address(manager));
        transports[s] = new LoopbackTransport(chainIds[s]);
        RailsRoles.wire(manager, registers[s]);
        RailsRoles.wire(manager, ebls[s]);
        RailsRoles.wire(manager, gateways[s]);
        manager.grantRole(RailsRoles.REGISTRAR, address(this), 0);
        manager.grantRole(RailsRoles.EBL_ISSUER, actors[0], 0);
        manager.grantRole(RailsRoles.EBL_GATEWAY, address(gateways[s]), 0);
        manager.grantRole(RailsRoles.CROSS_CHAIN_ADMIN, address(this), 0);
        transports[s].setGateway(gateways[s]);
        gateways[s].setTransport(transports[s]);
        for (uint256 i; i < actors.length; ++i) {
            if (home[i][s]) registers[s].register(actors[i], _registration(kinds[i]));
        }
    }

    function _registration(uint32 k) internal view returns (IParticipantRegistry.Registration memory) {
        return
            IParticipantRegistry.Registration({
                kinds: k,
                jurisdiction: "HK",
                validUntil: uint64(block.timestamp + 3650 days),
                kycReference: bytes32(0)
            });
    }

    function _issue(string memory ref, IBillOfLadingRegistry.BillKind kind, address holder, address title) internal {
        vm.prank(actors[0]);
        ids.push(ebls[0].issue(holder, ref, kind, title, keccak256(bytes(ref))));
    }
}
