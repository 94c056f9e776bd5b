// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {ParticipantRegistry} from "../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../contracts/access/RailsAccessManager.sol";
import {BillOfLadingRegistry} from "../../contracts/ebl/BillOfLadingRegistry.sol";
import {IDeliveryVersusPayment} from "../../contracts/interfaces/IDeliveryVersusPayment.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {DeliveryVersusPayment} from "../../contracts/settlement/DeliveryVersusPayment.sol";
import {AdversaryHandler} from "./handlers/AdversaryHandler.sol";
import {GasBurningReceiver} from "../../contracts/testing/GasBurningReceiver.sol";
import {GasBurningSigner} from "../../contracts/testing/GasBurningSigner.sol";
import {LyingPaymentToken} from "../../contracts/testing/LyingPaymentToken.sol";
import {MisbehavingEblReceiver} from "../../contracts/testing/MisbehavingEblReceiver.sol";
import {MisbehavingERC1271Wallet} from "../../contracts/testing/MisbehavingERC1271Wallet.sol";
import {ReferenceERC20} from "../../contracts/testing/ReferenceERC20.sol";
import {FuzzSelector, Test} from "./utils/Test.sol";
import {RailsRoles} from "./utils/RailsRoles.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice Invariants of the settlement contract among adversaries (docs/threat-model.md S23, S26-S28): honest traders
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
        DeliveryVersusPayment dvp = new DeliveryVersusPayment(address(manager));
        RailsRoles.wire(manager, participants);
        RailsRoles.wire(manager, ebl);
        RailsRoles.wire(manager, dvp);
        manager.grantRole(RailsRoles.REGISTRAR, address(this), 0);
        manager.grantRole(RailsRoles.SETTLEMENT_ADMIN, address(this), 0);
        handler = new AdversaryHandler(
            participants,
            ebl,
            dvp,
            new ReferenceERC20(),
            new LyingPaymentToken(),
            new MisbehavingEblReceiver(),
            new GasBurningReceiver(0),
            new GasBurningReceiver(100_000),
            new MisbehavingERC1271Wallet(vm.addr(0x0A11E7)),
            new GasBurningSigner()
        );
        _register(participants, handler.CARRIER(), ParticipantKinds.CARRIER);
        _register(participants, address(dvp), ParticipantKinds.SETTLEMENT);
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; ++i) _register(participants, actors[i], ParticipantKinds.TRADER);
        manager.grantRole(RailsRoles.EBL_ISSUER, handler.CARRIER(), 0);
        dvp.setRegistryAllowed(address(ebl), true);
        dvp.setPaymentTokenAllowed(address(handler.honest()), true);
        dvp.setPaymentTokenAllowed(address(handler.liar()), true);
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
    function _check_honestTokenEscrowIsTheOpenDealsPayments() internal view {
        address token = address(handler.honest());
        uint256 open;
        uint256 n = handler.dealsLength();
        for (uint256 i; i < n; ++i) {
            IDeliveryVersusPayment.Deal memory d = handler.dvp().dealOf(handler.dealIds(i));
            if (handler.dealTerms(i).paymentToken == token && d.status == IDeliveryVersusPayment.TermsStatus.Open) {
                open += d.paid;
            }
        }
        address dvp = address(handler.dvp());
        assertEq(handler.honest().balanceOf(dvp), handler.dvp().escrowedBalance(token), "balance != escrowedBalance");
        assertEq(handler.dvp().escrowedBalance(token), open, "escrowedBalance != open deals' payments");
    }

    /// @notice For the lying token, the books never exceed what the contract really holds (the token's true ledger).
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 32
    function _check_lyingTokenBooksNeverExceedHoldings() internal view {
        address dvp = address(handler.dvp());
        assertLe(
            handler.dvp().escrowedBalance(address(handler.liar())),
            handler.liar().ledgerBalanceOf(dvp),
            "escrowedBalance of the lying token above what the contract really holds"
        );
    }

    /// @notice Every eBL in custody belongs to exactly one open deal, which holds it; and every check on the spot held
    /// (no honest party lost a leg without the other, an honest batch item always settled, a refused adversary moved
    /// nothing, the buyer side could use every bill it bought).
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 32
    function _check_custodyAndEveryCallObeyedTheRules() internal view {
        address dvp = address(handler.dvp());
        uint256 n = handler.dealsLength();
        for (uint256 k; k < handler.EBLS(); ++k) {
            uint256 id = handler.ebls(k);
            if (handler.ebl().holderOf(id) != dvp) continue;
            uint256 holding;
            for (uint256 i; i < n; ++i) {
                IDeliveryVersusPayment.Deal memory d = handler.dvp().dealOf(handler.dealIds(i));
                if (
                    handler.dealTerms(i).tokenId == id &&
                    d.status == IDeliveryVersusPayment.TermsStatus.Open &&
                    d.eblHeld
                ) ++holding;
            }
            assertEq(holding, 1, "an eBL in custody not held by exactly one open deal");
        }
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @notice The random walk meets the adversaries and still settles: a long fixed walk reaches every path.
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
        _check_honestTokenEscrowIsTheOpenDealsPayments();
        _check_lyingTokenBooksNeverExceedHoldings();
        _check_custodyAndEveryCallObeyedTheRules();
        assertTrue(handler.count("signed settled") > 0, "no signed settlement");
        assertTrue(handler.count("signed refused") > 0, "no refused settlement");
        assertTrue(handler.count("batch") > 0, "no batch");
        assertTrue(handler.count("deal settled") > 0, "no deal settled");
        assertTrue(handler.count("deal ended") > 0, "no deal ended");
    }
}
