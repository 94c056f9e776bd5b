// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ParticipantKinds} from "../access/ParticipantKinds.sol";
import {IBillOfLadingRegistry} from "../interfaces/IBillOfLadingRegistry.sol";
import {IEblLens} from "../interfaces/IEblLens.sol";
import {BillOfLadingRegistry} from "./BillOfLadingRegistry.sol";
import {EblRecords} from "./EblRecords.sol";

/**
 * @title EblLens
 * @notice The read-only views of eBLs kept out of the registry to keep it small (see docs/architecture.md, "Registry as
 * a title ledger"): stateless, for any registry, computed from its public views with the rules of {EblRecords}.
 */
contract EblLens is IEblLens {
    using EblRecords for IBillOfLadingRegistry.Bill;

    /// @inheritdoc IEblLens
    function statusOf(
        IBillOfLadingRegistry registry,
        uint256 tokenId
    ) external view returns (IBillOfLadingRegistry.BillStatus) {
        return registry.billOf(tokenId).status;
    }

    /// @inheritdoc IEblLens
    function issuerOf(IBillOfLadingRegistry registry, uint256 tokenId) external view returns (address) {
        return registry.billOf(tokenId).issuer;
    }

    /// @inheritdoc IEblLens
    function isOnLegalHold(IBillOfLadingRegistry registry, uint256 tokenId) external view returns (bool) {
        return registry.billOf(tokenId).onLegalHold;
    }

    /// @inheritdoc IEblLens
    function canSurrender(
        IBillOfLadingRegistry registry,
        uint256 tokenId,
        address account
    ) external view returns (bool) {
        // The registry's pause and participant registry are not part of its interface: read them from the contract.
        BillOfLadingRegistry ledger = BillOfLadingRegistry(address(registry));
        if (ledger.paused()) return false;
        IBillOfLadingRegistry.Bill memory bill = registry.billOf(tokenId);
        if (bill.status != IBillOfLadingRegistry.BillStatus.Issued || bill.onLegalHold || !bill.hasTitle())
            return false;
        // The registry's authorization: the holder itself, or an operator it approved that is still a verified
        // settlement / custody participant (an Issued token has a holder, so `account` zero never matches it).
        if (account == bill.holder) return true;
        if (account == address(0)) return false;
        return
            (registry.isApprovedForAll(bill.holder, account) || registry.getApproved(tokenId) == account) &&
            ledger.participants().isVerifiedAs(account, ParticipantKinds.CONTRACT_CUSTODIAN);
    }
}
