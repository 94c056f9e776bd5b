// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {IPlatformGateway} from "../../../contracts/crosschain/pint/IPlatformGateway.sol";
import {PlatformGateway} from "../../../contracts/crosschain/pint/PlatformGateway.sol";
import {IBillOfLadingRegistry} from "../../../contracts/interfaces/IBillOfLadingRegistry.sol";

import {SystemHandlerBase, SystemWorld} from "./SystemHandlers.sol";
import {vm} from "../utils/Vm.sol";

/**
 * @title PlatformGatewayHandler
 * @notice Exports to other eBL platforms (DCSA PINT) in the system world: a trader locks an eBL it holds in the
 * platform gateway, the operator completes the export (the registry's status Exported) or cancels it, the holder
 * reclaims it after the timeout, and the operator imports a completed one back for the trader that locked it (the
 * envelope of its return accepted). Each successful call is checked on the spot: a cancel or a reclaim gives the eBL
 * to the holder that locked it and to nobody else, a completion exports it, a lock takes it into custody.
 * @dev Never reverts on a refused call (the runner ignores handler reverts): broken rules go to {SystemWorld-expect}.
 */
contract PlatformGatewayHandler is SystemHandlerBase {
    /// @notice The PINT service's key: holds PINT OPERATOR.
    address public constant OPERATOR = address(0x9111);
    bytes32 internal constant PLATFORM = "CARX";

    PlatformGateway public immutable gateway;

    /// @notice Every eBL ever locked here, once.
    uint256[] public lockedIds;
    mapping(uint256 tokenId => bool) internal _seen;
    uint256 internal _nonce;

    constructor(SystemWorld world, PlatformGateway gateway_) SystemHandlerBase(world) {
        gateway = gateway_;
    }

    function lockedLength() external view returns (uint256) {
        return lockedIds.length;
    }

    /// @notice A trader locks an Issued eBL it holds (it approved the gateway for all its eBLs at setup).
    function lock(uint256 seed) external {
        BillOfLadingRegistry ebl = w.ebl();
        uint256 n = w.idsLength();
        for (uint256 k; k < n; ++k) {
            uint256 id = w.ids((seed + k) % n);
            IBillOfLadingRegistry.Bill memory pre = ebl.billOf(id);
            if (pre.status != IBillOfLadingRegistry.BillStatus.Issued || _traderIndex(pre.holder) == 3) continue;
            bytes32 ref = keccak256(abi.encode(id, ++_nonce));
            if (!_call(pre.holder, address(gateway), abi.encodeCall(gateway.lockForExport, (id, PLATFORM, ref)))) {
                w.expect(ebl.holderOf(id) == pre.holder, "a refused lock moved the eBL");
                return;
            }
            w.expect(ebl.holderOf(id) == address(gateway), "a lock did not take the eBL into custody");
            w.expect(gateway.exportOf(id).holder == pre.holder, "a lock recorded another holder");
            _afterEbl(id, pre, false);
            if (!_seen[id]) {
                _seen[id] = true;
                lockedIds.push(id);
            }
            w.bump("pint lock");
            return;
        }
    }

    /// @notice The operator completes a locked export (the receiver answered RECE).
    function complete(uint256 seed) external {
        (uint256 id, bool found) = _withStatus(seed, IPlatformGateway.ExportStatus.Locked);
        if (!found) return;
        if (!_call(OPERATOR, address(gateway), abi.encodeCall(gateway.completeExport, (id, keccak256("RECE"))))) return;
        IBillOfLadingRegistry.Bill memory post = w.ebl().billOf(id);
        w.expect(
            post.status == IBillOfLadingRegistry.BillStatus.Exported && post.holder == address(0),
            "a completed export left the eBL live"
        );
        w.bump("pint complete");
    }

    /// @notice The operator cancels a locked export (the receiver refused), or the holder reclaims it after the
    /// timeout (`reclaim`): either way the eBL goes back to the holder that locked it.
    function cancel(uint256 seed, bool reclaim) external {
        (uint256 id, bool found) = _withStatus(seed, IPlatformGateway.ExportStatus.Locked);
        if (!found) return;
        IPlatformGateway.Export memory e = gateway.exportOf(id);
        IBillOfLadingRegistry.Bill memory pre = w.ebl().billOf(id);
        bool ok;
        if (reclaim) {
            vm.warp(uint256(e.lockedAt) + gateway.EXPORT_TIMEOUT());
            ok = _call(e.holder, address(gateway), abi.encodeCall(gateway.reclaimExport, (id)));
        } else {
            ok = _call(OPERATOR, address(gateway), abi.encodeCall(gateway.cancelExport, (id, keccak256("BSIG"))));
        }
        if (!ok) {
            w.expect(w.ebl().holderOf(id) == address(gateway), "a refused cancel moved the eBL");
            return;
        }
        w.expect(w.ebl().holderOf(id) == e.holder, "a cancelled export went to another holder");
        _afterEbl(id, pre, false);
        w.bump("pint cancel");
    }

    /// @notice The operator imports a completed export back, for the trader that locked it.
    function bringBack(uint256 seed) external {
        (uint256 id, bool found) = _withStatus(seed, IPlatformGateway.ExportStatus.Completed);
        if (!found) return;
        IPlatformGateway.Export memory e = gateway.exportOf(id);
        IBillOfLadingRegistry.Bill memory b = w.ebl().billOf(id);
        IBillOfLadingRegistry.ImportedBill memory record = IBillOfLadingRegistry.ImportedBill(
            b.kind,
            b.version,
            b.titleHolder,
            b.shipper,
            b.documentHash,
            false
        );
        bytes memory call = abi.encodeCall(
            gateway.importFromPlatform,
            (id, e.holder, record, PLATFORM, keccak256(abi.encode("chain", id, ++_nonce)))
        );
        if (!_call(OPERATOR, address(gateway), call)) return;
        w.expect(w.ebl().holderOf(id) == e.holder, "an import gave the eBL to another holder");
        w.expect(
            gateway.exportOf(id).status == IPlatformGateway.ExportStatus.Returned,
            "an import left the export open"
        );
        w.bump("pint import");
    }

    function _withStatus(uint256 seed, IPlatformGateway.ExportStatus status) internal view returns (uint256, bool) {
        uint256 n = lockedIds.length;
        for (uint256 k; k < n; ++k) {
            uint256 id = lockedIds[(seed + k) % n];
            if (gateway.exportOf(id).status == status) return (id, true);
        }
        return (0, false);
    }
}
