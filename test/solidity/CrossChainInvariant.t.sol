// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEblGateway} from "../../contracts/interfaces/IEblGateway.sol";
import {CrossChainHandler, CrossChainWorld} from "./handlers/CrossChainHandler.sol";
import {FuzzSelector, Test} from "./utils/Test.sol";

/**
 * @notice Invariants of eBLs that cross chains: two sides in one EVM (CrossChainHandler: per side a participant
 * register, an eBL registry, an EblGateway and a LoopbackTransport), four B/Ls issued on side 0, and random sequences
 * of exports (some to receivers not verified on the other side), deliveries in any order, replays, transfers,
 * endorsements, surrenders and the carrier's answers, amendments, revocations and re-verifications, pauses of either
 * registry and restores. Each invariant is checked after every call.
 */
contract CrossChainInvariantTest is Test {
    CrossChainHandler internal handler;

    function setUp() public {
        CrossChainWorld world = new CrossChainWorld();
        handler = new CrossChainHandler(world);
        world.enroll(address(handler));
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](11);
        selectors[0] = CrossChainHandler.exportBill.selector;
        selectors[1] = CrossChainHandler.deliver.selector;
        selectors[2] = CrossChainHandler.deliverAnother.selector; // delivery twice as often: messages should not pile up
        selectors[3] = CrossChainHandler.replay.selector;
        selectors[4] = CrossChainHandler.restore.selector;
        selectors[5] = CrossChainHandler.transfer.selector;
        selectors[6] = CrossChainHandler.endorse.selector;
        selectors[7] = CrossChainHandler.surrender.selector;
        selectors[8] = CrossChainHandler.carrierAnswer.selector;
        selectors[9] = CrossChainHandler.toggleVerification.selector;
        selectors[10] = CrossChainHandler.togglePause.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice (a) Singularity across chains: for every B/L at most one side has it (a live token, or its end of life
    /// there: accomplished), the other has it as exported or never had it; exactly one side has it when no message
    /// about it is in flight and no refused transfer of it waits for a restore. At most one side has a holder.
    function invariant_oneLedgerHasEachBill() public view {
        uint256 n = handler.idsLength();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            uint256 present = (handler.isPresent(0, id) ? 1 : 0) + (handler.isPresent(1, id) ? 1 : 0);
            assertLe(present, 1, "a B/L is on both chains");
            uint256 holders =
                (handler.ebls(0).holderOf(id) != address(0) ? 1 : 0) +
                    (handler.ebls(1).holderOf(id) != address(0) ? 1 : 0);
            assertLe(holders, 1, "a B/L has a holder on both chains");
            if (handler.pendingAbout(id) == 0) assertEq(present, 1, "a B/L with nothing in flight is on no chain");
        }
    }

    /// @notice (b) and (e): every import delivered the record the export sent (holder named by the sender, kind,
    /// version, title holder, document hash, issuer), and the receiver could act on it (a to-order B/L it has title
    /// to is endorsable by it); every restore gave the eBL back to the holder that exported it, record unchanged; an
    /// export always left no live token at the source; a refusal left the destination unchanged; a failed delivery
    /// left its message deliverable. Checked by the handler on the spot.
    function invariant_recordsPreservedAndUsersServed() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @notice (c) No import without a matching export: every transfer imported on a side is a transfer the other
    /// side's gateway sent, for the same B/L, to this side's chain.
    function invariant_noImportWithoutExport() public view {
        uint256 n = handler.importedLength();
        for (uint256 i; i < n; ++i) {
            bytes32 transferId = handler.importedIds(i);
            uint8 dest = handler.importedOn(transferId);
            IEblGateway.InboundTransfer memory inbound = handler.gateways(dest).inboundTransfer(transferId);
            IEblGateway.OutboundTransfer memory outbound = handler.gateways(1 - dest).outboundTransfer(transferId);
            assertTrue(outbound.status != IEblGateway.OutboundStatus.None, "imported without an export");
            assertEq(outbound.tokenId, inbound.tokenId, "imported another B/L than exported");
            assertEq(
                uint256(outbound.destinationChainId),
                uint256(handler.chainIds(dest)),
                "imported on the wrong chain"
            );
            assertTrue(outbound.status == IEblGateway.OutboundStatus.Sent, "imported and also refused");
        }
    }

    /// @notice (d) Every message is processed at most once: no transfer was delivered (imported or refused) twice, no
    /// refusal was acted on twice, and every replay was refused by the gateway's own replay protection.
    function invariant_everyMessageProcessedAtMostOnce() public view {
        uint256 n = handler.sentLength();
        for (uint256 i; i < n; ++i) {
            bytes32 transferId = handler.sentIds(i);
            assertLe(handler.transferDeliveries(transferId), 1, "a transfer was delivered twice");
            assertLe(handler.refusalDeliveries(transferId), 1, "a refusal was delivered twice");
        }
        assertEq(handler.replaysAccepted(), 0, "a replayed message was accepted");
    }

    /// @notice The handler is not vacuous: a scripted sequence through it reaches an import, a return (an import back
    /// to the side that exported), a refusal with an immediate restore, a refusal whose restore fails (the exporter
    /// revoked meanwhile) and a later restore after re-verification, refused replays, an amendment and a surrender
    /// accepted on the side the eBL moved to; every invariant holds after it.
    function test_handlerReachesEveryPath() public {
        // BL-0 (to order, trader 1 holds with title) leaves side 0 for trader 1 on side 1 and arrives.
        handler.exportBill(0, 0, 1); // receiver actors[1 + 0]; caller seed 1: the holder
        handler.deliver(0);
        assertEq(handler.imports(), 1, "import");
        handler.replay(0);
        // On side 1 trader 1 endorses to trader 2 and delivers; trader 2 brings it back to side 0.
        handler.endorse(0, 1); // endorsee actors[1 + 1]
        handler.exportBill(0, 1, 1);
        handler.deliver(0);
        assertEq(handler.returns_(), 1, "return");
        // Trader 2 sends it to actor 4, who is not registered on side 1: refused, and restored on arrival.
        handler.exportBill(0, 3, 1);
        handler.deliver(0);
        assertEq(handler.refusals(), 1, "refusal");
        handler.deliver(0);
        assertEq(handler.restores(), 1, "restore");
        handler.replay(3); // the refusal, answered already
        assertEq(handler.replaysRefused(), 2, "replays refused");
        // Again, but trader 2 is revoked on side 0 before the refusal arrives: the restore fails, then works once
        // trader 2 is verified again.
        handler.exportBill(0, 3, 1);
        handler.deliver(0);
        handler.toggleVerification(1, 0); // actors[1 + 1] on side 0: revoked
        handler.deliver(0);
        assertEq(handler.restoreFailures(), 1, "restore failed");
        handler.restore(0);
        assertEq(handler.lateRestores(), 0, "restored to a revoked holder");
        handler.toggleVerification(1, 0); // verified again
        handler.restore(0);
        assertEq(handler.lateRestores(), 1, "late restore");
        // Trader 2 surrenders BL-0 for amendment on side 0; the carrier amends it.
        handler.surrender(0, true);
        handler.carrierAnswer(0, 2, keccak256("amended"));
        assertEq(handler.amendments(), 1, "amendment");
        // BL-1 goes to side 1 and is surrendered and accomplished there.
        handler.exportBill(1, 1, 1);
        handler.deliver(0);
        handler.surrender(1, false);
        handler.carrierAnswer(1, 0, bytes32(0));
        assertEq(handler.surrendersAccepted(), 1, "surrender accepted on the other side");
        assertEq(handler.imports(), 3, "imports");

        invariant_oneLedgerHasEachBill();
        invariant_recordsPreservedAndUsersServed();
        invariant_noImportWithoutExport();
        invariant_everyMessageProcessedAtMostOnce();
    }
}
