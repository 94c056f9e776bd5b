// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IBillOfLadingRegistry} from "../../../contracts/interfaces/IBillOfLadingRegistry.sol";

import {vm} from "./Vm.sol";

/**
 * @title BillUse
 * @notice Shows that the buyer side of a settlement can use the eBL it bought by having it do so: each use runs in a
 * state snapshot that is reverted afterwards, so the campaign goes on from the settled state. A handler calls
 * {check} after every successful settlement and records the returned case as a rule violation.
 * @dev The uses, by who ends up with what (`holder`: the eBL recipient, `titleHolder`: the title recipient, zero for a
 * bearer bill):
 * - the holder with title, or the holder of a bearer bill: surrenders it for delivery; for a to-order bill, in another
 *   snapshot, endorses and delivers it to `endorsee` (a verified trader other than the holder);
 * - possession and title apart (a pledge: the bank holds, the buyer has title; or a straight bill held by a bank or the
 *   shipper for the consignee): the holder delivers it (`transferFrom`) to the title holder, who then surrenders it.
 * Pass `endorsee` zero to skip the endorsement (no other verified trader). Recorded state is reverted, so the caller
 * must record a violation only after `check` returned.
 */
library BillUse {
    /// @return failure Empty when every use succeeded; otherwise the case that failed.
    function check(
        IBillOfLadingRegistry ebl,
        uint256 tokenId,
        address holder,
        address titleHolder,
        address endorsee
    ) internal returns (string memory failure) {
        if (titleHolder == address(0) || titleHolder == holder) {
            if (!_run(address(ebl), holder, abi.encodeCall(ebl.surrenderForDelivery, (tokenId)), address(0), "")) {
                return "bought eBL: the holder with title cannot surrender it";
            }
            if (endorsee != address(0) && ebl.kindOf(tokenId) == IBillOfLadingRegistry.BillKind.ToOrder) {
                bytes memory endorse = abi.encodeCall(ebl.endorseAndDeliver, (tokenId, endorsee));
                if (!_run(address(ebl), holder, endorse, address(0), "")) {
                    return "bought eBL: the holder with title cannot endorse and deliver it";
                }
            }
            return "";
        }
        bytes memory deliver = abi.encodeCall(IERC721.transferFrom, (holder, titleHolder, tokenId));
        bytes memory surrender = abi.encodeCall(ebl.surrenderForDelivery, (tokenId));
        if (!_run(address(ebl), holder, deliver, titleHolder, surrender)) {
            return "bought eBL: the holder cannot deliver it to the title holder, or it cannot surrender it";
        }
        return "";
    }

    /// @dev In a snapshot: `first` calls `data1`, then (if `second` is set) `second` calls `data2`; both must succeed.
    function _run(
        address target,
        address first,
        bytes memory data1,
        address second,
        bytes memory data2
    ) private returns (bool ok) {
        uint256 snapshot = vm.snapshotState();
        vm.prank(first);
        (ok, ) = target.call(data1);
        if (ok && second != address(0)) {
            vm.prank(second);
            (ok, ) = target.call(data2);
        }
        vm.revertToStateAndDelete(snapshot);
    }
}
