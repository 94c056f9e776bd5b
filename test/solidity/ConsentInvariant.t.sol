// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantRegistry} from "../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../contracts/access/RailsAccessManager.sol";
import {ConsentRegistry} from "../../contracts/consent/ConsentRegistry.sol";
import {TradeDocumentRegistry} from "../../contracts/documents/TradeDocumentRegistry.sol";
import {ConsentHandler} from "./handlers/ConsentHandler.sol";
import {FuzzSelector, Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice Invariants of the consent registry under random sequences: owners grant (by transaction and by signature)
 * and revoke, time passes, participants are revoked and reinstated, documents are revoked, and providers and grantees
 * record accesses (one by one, in batches, replayed, with good and bad signatures). The handler checks every recorded
 * access on the spot against its own model of the grants, participants and documents (see {ConsentHandler}).
 * forge-config: default.invariant.runs = 24
 * forge-config: default.invariant.depth = 60
 */
contract ConsentInvariantTest is Test {
    ConsentHandler internal handler;

    function setUp() public {
        vm.warp(1_750_000_000);
        RailsAccessManager manager = new RailsAccessManager(address(this));
        ParticipantRegistry participants = new ParticipantRegistry(address(manager));
        TradeDocumentRegistry documents = new TradeDocumentRegistry(address(manager), participants);
        ConsentRegistry consent = new ConsentRegistry(participants, documents);
        handler = new ConsentHandler(consent, documents, participants);
        // The handler registers and revokes participants (the register's functions are the admin's, never wired here).
        manager.grantRole(0, address(handler), 0);
        handler.initialize();

        targetContract(address(handler));
        // Grants and records twice as often as the other actions (a selector listed twice is drawn twice as often).
        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = ConsentHandler.grant.selector;
        selectors[1] = ConsentHandler.revoke.selector;
        selectors[2] = ConsentHandler.warp.selector;
        selectors[3] = ConsentHandler.setVerified.selector;
        selectors[4] = ConsentHandler.revokeDocument.selector;
        selectors[5] = ConsentHandler.record.selector;
        selectors[6] = ConsentHandler.recordBatch.selector;
        selectors[7] = ConsentHandler.replay.selector;
        selectors[8] = ConsentHandler.grant.selector;
        selectors[9] = ConsentHandler.record.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice Every recorded access was made under a grant that was live at that moment: known, not revoked, not
    /// expired, its owner and grantee verified.
    function invariant_recordedOnlyUnderLiveGrants() public view {
        assertEq(handler.recordedNotLive(), 0, "access recorded under a grant that was not live");
    }

    /// @notice A revoked or expired grant never records.
    function invariant_revokedOrExpiredNeverRecords() public view {
        assertEq(handler.recordedRevokedOrExpired(), 0, "access recorded under a revoked or expired grant");
    }

    /// @notice Every recorded access was covered: the owner's document, of a granted type, on the granted eBL or
    /// from the granted provider, not revoked, for the granted purpose.
    function invariant_recordedOnlyInScope() public view {
        assertEq(handler.recordedOutOfScope(), 0, "access recorded outside the grant's scope or purpose");
    }

    /// @notice Every recorded access was requested by the grant's grantee (its signature).
    function invariant_recordedOnlyForTheGrantee() public view {
        assertEq(handler.recordedNotGrantee(), 0, "access recorded on a request the grantee did not sign");
    }

    /// @notice No request digest is recorded twice, and the digest recorded is the request's EIP-712 digest.
    function invariant_noDigestTwice() public view {
        assertEq(handler.recordedTwice(), 0, "request digest recorded twice");
        assertEq(handler.digestMismatches(), 0, "recorded digest differs from the EIP-712 digest");
    }

    /// @notice A refused batch records none of its requests.
    function invariant_batchesAllOrNothing() public view {
        assertEq(handler.partialBatches(), 0, "a refused batch recorded part of its requests");
    }

    /// @notice Every call was accepted or refused as the model predicts (no legitimate grant, revocation or access
    /// refused, none accepted that the model refuses).
    function invariant_everyCallFollowsTheRules() public view {
        assertEq(handler.mismatches(), 0, "calls whose outcome differed from the model");
    }

    /// @notice The handler is not vacuous: a fixed random walk of 300 actions grants, revokes, records one by one and
    /// in batches, and sees records and replays refused, with every check at zero.
    function test_handlerReachesEveryPath() public {
        for (uint256 i; i < 300; ++i) {
            uint256 r = uint256(keccak256(abi.encode("walk", i)));
            uint256 action = r % 20;
            if (action < 6) handler.grant(r >> 8, r >> 16, r >> 24, r >> 32, r >> 40, r >> 48, (r >> 56) % 2 == 0);
            else if (action < 12) handler.record(r >> 8, r >> 16, r >> 24, r >> 32, r >> 40);
            else if (action < 15) handler.recordBatch(r >> 8, r >> 16, r >> 24);
            else if (action < 17) handler.replay(r >> 8, r >> 16);
            else if (action == 17) handler.revoke(r >> 8, r >> 16, (r >> 24) % 2 == 0);
            else if ((r >> 8) % 4 == 0) handler.setVerified(r >> 16, r >> 24);
            else if ((r >> 8) % 4 == 1) handler.revokeDocument(r >> 16);
            else handler.warp(r >> 16);
        }
        assertTrue(handler.ghostGrants() > 10, "grants");
        assertTrue(handler.ghostRevocations() > 3, "revocations");
        assertTrue(handler.ghostRecorded() > 20, "accesses recorded");
        assertTrue(handler.ghostBatches() > 0, "batches recorded");
        assertTrue(handler.ghostRefusedRecords() > 30, "accesses refused");
        assertTrue(handler.ghostRefusedReplays() > 3, "replays refused");
        invariant_recordedOnlyUnderLiveGrants();
        invariant_revokedOrExpiredNeverRecords();
        invariant_recordedOnlyInScope();
        invariant_recordedOnlyForTheGrantee();
        invariant_noDigestTwice();
        invariant_batchesAllOrNothing();
        invariant_everyCallFollowsTheRules();
    }
}
