// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {ParticipantRegistry} from "../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../contracts/access/RailsAccessManager.sol";
import {BillOfLadingRegistry} from "../../contracts/ebl/BillOfLadingRegistry.sol";
import {ISettlement} from "../../contracts/interfaces/ISettlement.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {EscrowedDeals} from "../../contracts/settlement/EscrowedDeals.sol";
import {SignedSettlement} from "../../contracts/settlement/SignedSettlement.sol";
import {DepositRail} from "../../contracts/settlement/rails/DepositRail.sol";
import {AdversaryHandler} from "./handlers/AdversaryHandler.sol";
import {GasBurningReceiver} from "../../contracts/testing/GasBurningReceiver.sol";
import {GasBurningSigner} from "../../contracts/testing/GasBurningSigner.sol";
import {LyingPaymentToken} from "../../contracts/testing/LyingPaymentToken.sol";
import {MisbehavingEblReceiver} from "../../contracts/testing/MisbehavingEblReceiver.sol";
import {MisbehavingERC1271Wallet} from "../../contracts/testing/MisbehavingERC1271Wallet.sol";
import {FuzzSelector, Test} from "./utils/Test.sol";
import {RailsRoles} from "./utils/RailsRoles.sol";
import {vm} from "./utils/Vm.sol";
import {deployDepositRail, deployEscrowedDeals, deploySignedSettlement} from "./utils/Artifacts.sol";
import {ReferenceDepositToken} from "./utils/ReferenceDepositToken.sol";

/**
 * @notice Invariants of the settlement contracts (signed settlement, escrowed deals, their deposit rail) among adversaries (docs/threat-model.md S23, S26-S28): honest traders
 * trade next to a lying payment token allowed by mistake, eBL recipients that refuse or burn gas, and ERC-1271 buyers
 * that misbehave or burn gas, in signed settlements, batches and escrowed deals ({AdversaryHandler}).
 */
contract AdversaryInvariantTest is Test {
    AdversaryHandler internal handler;

    function setUp() public {
        vm.warp(1_750_000_000);
        // This test is the manager's admin, and takes the registrar, issuer and settlement-admin roles to set up.
        RailsAccessManager manager = new RailsAccessManager(address(this));
        ParticipantRegistry participants = new ParticipantRegistry(address(manager));
        BillOfLadingRegistry ebl = new BillOfLadingRegistry(participants, address(manager));
        SignedSettlement signed = deploySignedSettlement(address(manager));
        EscrowedDeals escrow = deployEscrowedDeals(address(manager));
        DepositRail rail = deployDepositRail(address(manager), address(signed), address(escrow));
        RailsRoles.wire(manager, participants);
        RailsRoles.wire(manager, ebl);
        RailsRoles.wire(manager, signed);
        RailsRoles.wire(manager, escrow);
        RailsRoles.wire(manager, rail);
        manager.grantRole(RailsRoles.REGISTRAR, address(this), 0);
        manager.grantRole(RailsRoles.SETTLEMENT_ADMIN, address(this), 0);
        handler = new AdversaryHandler(
            participants,
            ebl,
            signed,
            escrow,
            rail,
            new ReferenceDepositToken(),
            new LyingPaymentToken(),
            new MisbehavingEblReceiver(),
            new GasBurningReceiver(0),
            new GasBurningReceiver(100_000),
            new MisbehavingERC1271Wallet(vm.addr(0x0A11E7)),
            new GasBurningSigner()
        );
        _register(participants, handler.CARRIER(), ParticipantKinds.CARRIER);
        _register(participants, address(signed), ParticipantKinds.SETTLEMENT);
        _register(participants, address(escrow), ParticipantKinds.SETTLEMENT);
        _register(participants, address(rail), ParticipantKinds.SETTLEMENT);
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; ++i) _register(participants, actors[i], ParticipantKinds.TRADER);
        manager.grantRole(RailsRoles.EBL_ISSUER, handler.CARRIER(), 0);
        // Both tokens' markets open on both settlement contracts (the lying token's by mistake).
        signed.setMarket(address(ebl), address(handler.honest()), address(rail));
        signed.setMarket(address(ebl), address(handler.liar()), address(rail));
        escrow.setMarket(address(ebl), address(handler.honest()), address(rail));
        escrow.setMarket(address(ebl), address(handler.liar()), address(rail));
        handler.init();
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = handler.misbehave.selector;
        selectors[1] = handler.settleSigned.selector;
        selectors[2] = handler.settleBatch.selector;
        selectors[3] = handler.createDeal.selector;
        selectors[4] = handler.depositEbl.selector;
        selectors[5] = handler.depositPayment.selector;
        selectors[6] = handler.end.selector;
        selectors[7] = handler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function _register(ParticipantRegistry participants, address account, uint32 kinds) internal {
        participants.register(
            account,
            IParticipantRegistry.Registration({
                kinds: kinds,
                jurisdiction: "HK",
                validUntil: uint64(block.timestamp + 3650 days),
                kycReference: keccak256(abi.encode(account))
            })
        );
    }

    /// @notice For the honest token, the contract's balance equals `escrowedBalance` equals the open deals' `paid`.
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 32
    function invariant_honestTokenEscrowIsTheOpenDealsPayments() public view {
        address token = address(handler.honest());
        uint256 open;
        uint256 n = handler.dealsLength();
        for (uint256 i; i < n; ++i) {
            ISettlement.Deal memory d = handler.escrow().dealOf(handler.dealIds(i));
            if (handler.dealTerms(i).paymentToken == token && d.status == ISettlement.TermsStatus.Open) {
                open += d.paid;
            }
        }
        address escrow = address(handler.escrow());
        assertEq(
            handler.honest().balanceOf(escrow),
            handler.escrow().escrowedBalance(token),
            "balance != escrowedBalance"
        );
        assertEq(handler.escrow().escrowedBalance(token), open, "escrowedBalance != open deals' payments");
    }

    /// @notice For the lying token, the books never exceed what the contract really holds (the token's true ledger).
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 32
    function invariant_lyingTokenBooksNeverExceedHoldings() public view {
        address escrow = address(handler.escrow());
        assertLe(
            handler.escrow().escrowedBalance(address(handler.liar())),
            handler.liar().ledgerBalanceOf(escrow),
            "escrowedBalance of the lying token above what the contract really holds"
        );
    }

    /// @notice Every eBL in custody belongs to exactly one open deal, which holds it; and every check on the spot held
    /// (no honest party lost a leg without the other, an honest batch item always settled, a refused adversary moved
    /// nothing, the buyer side could use every bill it bought).
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 32
    function invariant_custodyAndEveryCallObeyedTheRules() public view {
        address escrow = address(handler.escrow());
        uint256 n = handler.dealsLength();
        for (uint256 k; k < handler.EBLS(); ++k) {
            uint256 id = handler.ebls(k);
            if (handler.ebl().holderOf(id) != escrow) continue;
            uint256 holding;
            for (uint256 i; i < n; ++i) {
                ISettlement.Deal memory d = handler.escrow().dealOf(handler.dealIds(i));
                if (handler.dealTerms(i).tokenId == id && d.status == ISettlement.TermsStatus.Open && d.eblHeld)
                    ++holding;
            }
            assertEq(holding, 1, "an eBL in custody not held by exactly one open deal");
        }
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @notice The rail and the signed-settlement contract hold nothing of either token (by the lying token's true
    /// ledger) and no eBL.
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 32
    function invariant_railAndSignedSettlementHoldNothing() public view {
        address[2] memory passThroughs = [address(handler.rail()), address(handler.signed())];
        for (uint256 i; i < 2; ++i) {
            assertEq(handler.honest().balanceOf(passThroughs[i]), 0, "a pass-through holds the honest token");
            assertEq(handler.liar().ledgerBalanceOf(passThroughs[i]), 0, "a pass-through holds the lying token");
            assertEq(handler.ebl().balanceOf(passThroughs[i]), 0, "a pass-through holds an eBL");
        }
    }

    /// @notice The random walk meets the adversaries and still settles: a long fixed walk reaches every path (the
    /// invariant runner's random sequences may not, so this shows the handler is not vacuous).
    function test_randomWalkReachesEveryPath() public {
        for (uint256 i; i < 160; ++i) {
            uint256 seed = uint256(keccak256(abi.encode(i)));
            uint256 op = i % 8;
            if (op == 0) handler.misbehave(uint8(seed), seed % 3 == 0, uint8(seed >> 8), uint8(seed >> 16));
            else if (op == 1) handler.settleSigned(seed, seed >> 8, seed % 4 == 0, seed % 2 == 0);
            else if (op == 2) handler.settleBatch(seed, seed >> 8, uint8(seed >> 16));
            else if (op == 3) handler.createDeal(seed, (seed >> 8) % 3, seed % 3 == 0, seed % 2 == 0);
            else if (op == 4) handler.depositEbl(seed);
            else if (op == 5) handler.depositPayment(seed, seed >> 8);
            else if (op == 6) handler.end(seed, uint8(seed >> 8));
            else handler.warp(seed % 4 hours);
        }
        invariant_honestTokenEscrowIsTheOpenDealsPayments();
        invariant_lyingTokenBooksNeverExceedHoldings();
        invariant_custodyAndEveryCallObeyedTheRules();
        invariant_railAndSignedSettlementHoldNothing();
        assertTrue(handler.count("signed settled") > 0, "no signed settlement");
        assertTrue(handler.count("signed refused") > 0, "no refused settlement");
        assertTrue(handler.count("batch") > 0, "no batch");
        assertTrue(handler.count("deal settled") > 0, "no deal settled");
        assertTrue(handler.count("deal ended") > 0, "no deal ended");
    }
}
