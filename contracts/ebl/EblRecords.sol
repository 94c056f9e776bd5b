// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ParticipantKinds} from "../access/ParticipantKinds.sol";
import {IBillOfLadingRegistry} from "../interfaces/IBillOfLadingRegistry.sol";

/**
 * @dev The per-token record of an eBL. Slot 0 holds everything a transfer, endorsement or surrender reads and writes
 * (title holder, kind, status, hold, custody flag, version, permit nonce: 20 + 1 + 1 + 1 + 1 + 4 + 4 = 32 bytes); slot 1
 * the document hash (written at issue and amendment only). The issuer is not stored: it is the top 160 bits of the
 * token id ({EblRecords-issuerOf}). The shipper of a straight B/L is kept beside the record, in a table of its own:
 * only straight B/Ls pay for it.
 */
struct Record {
    address titleHolder;
    IBillOfLadingRegistry.BillKind kind;
    IBillOfLadingRegistry.BillStatus status;
    bool onLegalHold;
    bool custodyForTitle;
    uint32 version;
    uint32 nonce;
    bytes32 documentHash;
}

/// @dev A pending surrender: who gets the eBL back on rejection, and its custody flag to restore. One slot.
struct PendingSurrender {
    address surrenderer;
    bool custodyForTitle;
}

/**
 * @title EblRecords
 * @notice The rules of the eBL model that depend on a record alone (and on the token id that carries the issuer), kept
 * next to the record: the registry applies them with `using EblRecords for Record`, and a registry or gateway on
 * another chain can apply the same rules to its own records. Nothing here asks the participant registry: callers pass
 * the verified kinds they asked for.
 */
library EblRecords {
    /// @dev Kinds, besides custodians, to which a straight B/L may pass (the consignee's bank or agent).
    uint32 internal constant STRAIGHT_INTERMEDIARY_KINDS = ParticipantKinds.BANK | ParticipantKinds.AGENT;

    /**
     * @dev The token id of a B/L: the issuer in the top 160 bits, the low 96 bits of the reference's keccak-256 below
     * (see {IBillOfLadingRegistry-tokenIdOf}).
     */
    function tokenIdOf(address issuer, string calldata transportDocumentReference) internal pure returns (uint256) {
        return (uint256(uint160(issuer)) << 96) | uint96(uint256(keccak256(bytes(transportDocumentReference))));
    }

    /// @dev The issuing carrier encoded in a token id (see {tokenIdOf}); meaningful only for an issued id.
    function issuerOf(uint256 tokenId) internal pure returns (address) {
        return address(uint160(tokenId >> 96));
    }

    /// @dev Whether the B/L is live here: issued, not accomplished, not switched to paper, not exported to another
    /// chain (the token exists on this chain).
    function isLive(Record storage self) internal view returns (bool) {
        IBillOfLadingRegistry.BillStatus status = self.status;
        return
            status != IBillOfLadingRegistry.BillStatus.None &&
            status != IBillOfLadingRegistry.BillStatus.Accomplished &&
            status != IBillOfLadingRegistry.BillStatus.SwitchedToPaper &&
            status != IBillOfLadingRegistry.BillStatus.Exported;
    }

    /// @dev Whether a to-order B/L is live and blank endorsed (a bearer document).
    function isBlankEndorsed(Record storage self) internal view returns (bool) {
        return self.kind == IBillOfLadingRegistry.BillKind.ToOrder && self.titleHolder == address(0) && isLive(self);
    }

    /**
     * @dev Title right of the current holder `holder`: it is the title holder; or the eBL is to order and blank
     * endorsed; or it is a custody / settlement contract that received the eBL from a party with title.
     */
    function hasTitle(Record storage self, address holder) internal view returns (bool) {
        address titleHolder = self.titleHolder;
        return
            holder == titleHolder ||
            self.custodyForTitle ||
            (self.kind == IBillOfLadingRegistry.BillKind.ToOrder && titleHolder == address(0));
    }

    /// @dev {hasTitle} on the registry's view of a B/L ({IBillOfLadingRegistry-billOf}), for readers outside it.
    function hasTitle(IBillOfLadingRegistry.Bill memory bill) internal pure returns (bool) {
        return
            bill.holder == bill.titleHolder ||
            bill.custodyForTitle ||
            (bill.kind == IBillOfLadingRegistry.BillKind.ToOrder && bill.titleHolder == address(0));
    }

    /**
     * @dev Whether the holder named in `bill` can endorse it now, from the registry's view alone: a live to-order bill
     * (status Issued), not on legal hold, whose holder has title ({hasTitle}). Readers that are the holder or its
     * approved custodian (a settlement contract) use it instead of asking the registry rule by rule; the registry's
     * pause is not part of the record (a paused registry refuses the endorsement itself).
     */
    function isEndorsable(IBillOfLadingRegistry.Bill memory bill) internal pure returns (bool) {
        return
            bill.kind == IBillOfLadingRegistry.BillKind.ToOrder &&
            bill.status == IBillOfLadingRegistry.BillStatus.Issued &&
            !bill.onLegalHold &&
            hasTitle(bill);
    }

    /**
     * @dev Straight possession rule for a verified, non-custodian receiver `to` whose verified kinds are `toKinds`: a
     * bank or agent, the consignee, the issuing carrier or the shipper. `shippers` is the table of
     * straight B/Ls' shippers beside the records, read last and only when no other party matched.
     */
    function isStraightRecipient(
        Record storage self,
        uint256 tokenId,
        address to,
        uint32 toKinds,
        mapping(uint256 tokenId => address) storage shippers
    ) internal view returns (bool) {
        return
            toKinds & STRAIGHT_INTERMEDIARY_KINDS != 0 ||
            to == self.titleHolder ||
            to == issuerOf(tokenId) ||
            to == shippers[tokenId];
    }
}
