// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

import {ParticipantRegistry} from "../../../contracts/access/ParticipantRegistry.sol";
import {EblGateway} from "../../../contracts/crosschain/EblGateway.sol";
import {PlatformGateway} from "../../../contracts/crosschain/pint/PlatformGateway.sol";
import {BillOfLadingRegistry} from "../../../contracts/ebl/BillOfLadingRegistry.sol";
import {TokenizedDeposit} from "../../../contracts/deposits/TokenizedDeposit.sol";
import {TradeDocumentRegistry} from "../../../contracts/documents/TradeDocumentRegistry.sol";
import {PaymentObligations} from "../../../contracts/finance/acceptances/PaymentObligations.sol";
import {InterbankPayments} from "../../../contracts/interbank/InterbankPayments.sol";
import {SettlementCore} from "../../../contracts/settlement/SettlementCore.sol";
import {DepositRail} from "../../../contracts/settlement/rails/DepositRail.sol";

/**
 * @title RailsRoles
 * @notice The rails' role ids and function-role table for the Solidity tests: the same ids and functions as the SDK's
 * table (sdk/src/roles.ts, `railsRoles`), which Ignition and the TypeScript tests use. The caller must hold the
 * manager's ADMIN_ROLE without delay (the tests deploy the manager with themselves as its admin).
 */
library RailsRoles {
    uint64 internal constant ADMIN = 0;
    uint64 internal constant REGISTRAR = 1;
    uint64 internal constant EBL_ISSUER = 2;
    uint64 internal constant EBL_LEGAL_HOLD = 3;
    uint64 internal constant EBL_PAUSER = 4;
    uint64 internal constant SETTLEMENT_PAUSER = 5;
    uint64 internal constant SETTLEMENT_ADMIN = 6;
    uint64 internal constant INTERBANK_PAUSER = 7;
    uint64 internal constant INTERBANK_SETTLER = 8;
    uint64 internal constant EBL_GATEWAY = 9;
    uint64 internal constant CROSS_CHAIN_ADMIN = 10;
    uint64 internal constant CROSS_CHAIN_PAUSER = 11;
    uint64 internal constant DOCUMENT_ADMIN = 12;
    uint64 internal constant OBLIGATION_ISSUER = 13;
    uint64 internal constant TRADE_FINANCE_ADMIN = 14;
    uint64 internal constant PINT_OPERATOR = 15;

    // A deposit token's roles: (its currency code << 8) | one of these, so two banks' tokens never share a role.
    uint64 internal constant DEPOSIT_ADMIN = 0;
    uint64 internal constant MINTER = 1;
    uint64 internal constant BURNER = 2;
    uint64 internal constant PAUSER = 3;
    uint64 internal constant FREEZER = 4;
    uint64 internal constant COMPLIANCE = 5;
    uint64 internal constant CAP_MANAGER = 6;

    /// @notice The id of the deposit role `role` (e.g. {MINTER}) of the token in `currency`.
    function deposit(bytes3 currency, uint64 role) internal pure returns (uint64) {
        return (uint64(uint24(currency)) << 8) | role;
    }

    function allow(AccessManager manager, address target, uint64 role, bytes4[] memory selectors) private {
        manager.setTargetFunctionRole(target, selectors, role);
    }

    function _one(bytes4 a) private pure returns (bytes4[] memory s) {
        s = new bytes4[](1);
        s[0] = a;
    }

    function _two(bytes4 a, bytes4 b) private pure returns (bytes4[] memory s) {
        s = new bytes4[](2);
        (s[0], s[1]) = (a, b);
    }

    function _four(bytes4 a, bytes4 b, bytes4 c, bytes4 d) private pure returns (bytes4[] memory s) {
        s = new bytes4[](4);
        (s[0], s[1], s[2], s[3]) = (a, b, c, d);
    }

    /// @notice Assigns the payment obligations' `issue` to the obligation issuer role.
    function wire(AccessManager manager, PaymentObligations o) internal {
        allow(manager, address(o), OBLIGATION_ISSUER, _one(o.issue.selector));
    }

    /// @notice Assigns the participant register's functions to the registrar role.
    function wire(AccessManager manager, ParticipantRegistry r) internal {
        allow(
            manager,
            address(r),
            REGISTRAR,
            _four(r.register.selector, r.registerBatch.selector, r.update.selector, r.revoke.selector)
        );
    }

    /// @notice Assigns the eBL registry's functions to the issuer, legal-hold, pauser and gateway roles.
    function wire(AccessManager manager, BillOfLadingRegistry e) internal {
        allow(manager, address(e), EBL_ISSUER, _one(e.issue.selector));
        allow(manager, address(e), EBL_LEGAL_HOLD, _two(e.placeLegalHold.selector, e.liftLegalHold.selector));
        allow(manager, address(e), EBL_PAUSER, _two(e.pause.selector, e.unpause.selector));
        allow(manager, address(e), EBL_GATEWAY, _two(e.exportBill.selector, e.importBill.selector));
    }

    /// @notice Assigns the eBL gateway's functions to the cross-chain admin and pauser roles.
    function wire(AccessManager manager, EblGateway g) internal {
        bytes4[] memory admin = new bytes4[](3);
        (admin[0], admin[1], admin[2]) = (g.setTransport.selector, g.revokeTransport.selector, g.withdrawFees.selector);
        allow(manager, address(g), CROSS_CHAIN_ADMIN, admin);
        allow(manager, address(g), CROSS_CHAIN_PAUSER, _two(g.pause.selector, g.unpause.selector));
    }

    /// @notice Assigns the platform gateway's operator functions to PINT OPERATOR and its pause to the cross-chain pauser.
    function wire(AccessManager manager, PlatformGateway g) internal {
        allow(
            manager,
            address(g),
            PINT_OPERATOR,
            _four(
                g.completeExport.selector,
                g.cancelExport.selector,
                g.importFromPlatform.selector,
                g.recoverStrayEbl.selector
            )
        );
        allow(manager, address(g), CROSS_CHAIN_PAUSER, _two(g.pause.selector, g.unpause.selector));
    }

    /// @notice Assigns the trade document registry's `setDocumentType` to the document admin role.
    function wire(AccessManager manager, TradeDocumentRegistry d) internal {
        allow(manager, address(d), DOCUMENT_ADMIN, _one(d.setDocumentType.selector));
    }

    /// @notice Assigns a settlement contract's functions (signed settlement, escrowed deals or cross-bank settlement:
    /// the same on all three) to the settlement pauser and admin roles.
    function wire(AccessManager manager, SettlementCore d) internal {
        allow(manager, address(d), SETTLEMENT_PAUSER, _two(d.pause.selector, d.unpause.selector));
        bytes4[] memory admin = new bytes4[](3);
        (admin[0], admin[1], admin[2]) = (
            d.setMarket.selector,
            d.recoverStrayToken.selector,
            d.recoverStrayEbl.selector
        );
        allow(manager, address(d), SETTLEMENT_ADMIN, admin);
    }

    /// @notice Assigns the interbank payments contract's pause to the interbank pauser role and its `payFor` to the
    /// interbank settler role (held by the cross-bank settlement contract).
    function wire(AccessManager manager, InterbankPayments i) internal {
        allow(manager, address(i), INTERBANK_PAUSER, _two(i.pause.selector, i.unpause.selector));
        allow(manager, address(i), INTERBANK_SETTLER, _one(i.payFor.selector));
    }

    /// @notice Assigns the deposit rail's stray-token recovery to the settlement admin role.
    function wire(AccessManager manager, DepositRail r) internal {
        allow(manager, address(r), SETTLEMENT_ADMIN, _one(r.recoverStrayToken.selector));
    }

    /// @notice Assigns a deposit token's functions to its own roles, administered by its own admin role, which the
    /// caller takes (to grant them; a test hands it to the bank or keeps it).
    function wire(AccessManager manager, TokenizedDeposit t) internal {
        bytes3 c = t.currency();
        manager.grantRole(deposit(c, DEPOSIT_ADMIN), address(this), 0);
        allow(manager, address(t), deposit(c, MINTER), _one(t.mint.selector));
        allow(manager, address(t), deposit(c, BURNER), _one(t.burn.selector));
        allow(manager, address(t), deposit(c, PAUSER), _two(t.pause.selector, t.unpause.selector));
        allow(
            manager,
            address(t),
            deposit(c, FREEZER),
            _four(t.freeze.selector, t.unfreeze.selector, t.freezeAmount.selector, t.unfreezeAmount.selector)
        );
        allow(manager, address(t), deposit(c, COMPLIANCE), _one(t.forcedTransfer.selector));
        allow(manager, address(t), deposit(c, CAP_MANAGER), _one(t.setSupplyCap.selector));
        for (uint64 role = MINTER; role <= CAP_MANAGER; ++role) {
            manager.setRoleAdmin(deposit(c, role), deposit(c, DEPOSIT_ADMIN));
        }
    }
}
