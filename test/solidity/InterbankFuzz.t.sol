// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

import {ParticipantKinds} from "../../contracts/access/ParticipantKinds.sol";
import {ParticipantRegistry} from "../../contracts/access/ParticipantRegistry.sol";
import {RailsAccessManager} from "../../contracts/access/RailsAccessManager.sol";
import {TokenizedDeposit} from "../../contracts/deposits/TokenizedDeposit.sol";
import {InterbankPayments} from "../../contracts/interbank/InterbankPayments.sol";
import {WholesaleReserve} from "../../contracts/interbank/WholesaleReserve.sol";
import {IInterbankPayments} from "../../contracts/interfaces/IInterbankPayments.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {ITokenizedDeposit} from "../../contracts/interfaces/ITokenizedDeposit.sol";
import {deployCrossBankSettlement} from "./utils/Artifacts.sol";
import {RailsRoles} from "./utils/RailsRoles.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/**
 * @notice Fuzz tests of a dealer's quote: what it gives for an amount is the rate rounded down, never more, and the
 * interbank contract pays the payee exactly that and refuses one unit more. One payer at bank A (HKD) pays one payee
 * at bank B (CNH) through the dealer; capacities are unlimited and the dealer holds ample reserves, so the rate is the
 * only rule in play.
 */
contract InterbankFuzzTest is Test {
    RailsAccessManager internal manager;
    ParticipantRegistry internal registry;
    InterbankPayments internal interbank;
    TokenizedDeposit internal hkd;
    TokenizedDeposit internal cnh;
    WholesaleReserve internal rHkd;
    WholesaleReserve internal rCnh;

    address internal constant BANK_A = address(0xBA4CA);
    address internal constant BANK_B = address(0xBA4CB);
    address internal constant HKMA = address(0xCB0);
    address internal constant PBOC = address(0xCB1);
    address internal constant PAYER = address(0xA11CE);
    address internal constant PAYEE = address(0xB0B);
    uint256 internal constant DEALER_KEY = 0xDEA1E4;
    address internal dealer;

    uint256 internal constant MAX_PAY = 1e15; // 10 trillion HKD in cents
    uint256 internal constant MAX_RATE = 1e20; // 100 units of CNH per unit of HKD

    function setUp() public {
        vm.warp(1_750_000_000);
        dealer = vm.addr(DEALER_KEY);
        manager = new RailsAccessManager(address(this));
        registry = new ParticipantRegistry(address(manager));
        interbank = new InterbankPayments(address(manager));
        _register(BANK_A, ParticipantKinds.BANK);
        _register(BANK_B, ParticipantKinds.BANK);
        _register(dealer, ParticipantKinds.BANK);
        _register(HKMA, ParticipantKinds.CENTRAL_BANK);
        _register(PBOC, ParticipantKinds.CENTRAL_BANK);
        _register(PAYER, ParticipantKinds.TRADER);
        _register(PAYEE, ParticipantKinds.TRADER);
        hkd = _deposit("HKD", BANK_A);
        cnh = _deposit("CNH", BANK_B);
        rHkd = new WholesaleReserve("HKD Wholesale Reserve", "rHKD", "HKD", 2, registry, HKMA);
        rCnh = new WholesaleReserve("CNH Wholesale Reserve", "rCNH", "CNH", 2, registry, PBOC);
        vm.startPrank(HKMA);
        rHkd.setSettlementAgent(address(interbank), true);
        rHkd.issue(BANK_A, MAX_PAY, "RTGS-IN");
        vm.stopPrank();
        vm.startPrank(PBOC);
        rCnh.setSettlementAgent(address(interbank), true);
        rCnh.issue(dealer, (MAX_PAY * MAX_RATE) / 1e18, "RTGS-IN");
        vm.stopPrank();
        vm.prank(BANK_A);
        interbank.setBankAccount(address(hkd), address(rHkd), type(uint128).max, type(uint128).max);
        vm.prank(BANK_B);
        interbank.setBankAccount(address(cnh), address(rCnh), type(uint128).max, type(uint128).max);
        hkd.mint(PAYER, MAX_PAY, "CBS-OPENING");
    }

    function _register(address account, uint32 kinds) internal {
        registry.register(
            account,
            IParticipantRegistry.Registration({
                kinds: kinds,
                jurisdiction: "HK",
                validUntil: uint64(block.timestamp + 3650 days),
                kycReference: keccak256(abi.encode(account))
            })
        );
    }

    /// @dev A 2-decimal deposit token of `bank`, with this test as its minter and the interbank contract as its minter
    /// and burner.
    function _deposit(bytes3 currency, address bank) internal returns (TokenizedDeposit t) {
        t = new TokenizedDeposit(
            ITokenizedDeposit.Config({
                name: "Deposit",
                symbol: "DEP",
                decimals: 2,
                currency: currency,
                registry: registry,
                issuer: bank,
                issuerId: "LEI:BANK",
                supplyCap: 0,
                authority: address(manager)
            })
        );
        RailsRoles.wire(manager, t);
        manager.grantRole(RailsRoles.deposit(currency, RailsRoles.MINTER), address(this), 0);
        manager.grantRole(RailsRoles.deposit(currency, RailsRoles.MINTER), address(interbank), 0);
        manager.grantRole(RailsRoles.deposit(currency, RailsRoles.BURNER), address(interbank), 0);
    }

    function _quote(uint256 rate, uint256 maxPay) internal view returns (IInterbankPayments.Quote memory) {
        return
            IInterbankPayments.Quote({
                dealer: dealer,
                taker: address(0),
                payReserve: address(rHkd),
                receiveReserve: address(rCnh),
                rate: rate,
                maxPayAmount: maxPay,
                expiry: block.timestamp + 1 hours,
                nonce: 7
            });
    }

    /// @notice For any amount and rate whose product fits 256 bits: `quotedAmount` is `payAmount * rate / 1e18`
    /// rounded down, so it never exceeds the rate's value and is less than one unit below it.
    function testFuzz_quotedAmountIsTheRateRoundedDown(uint256 payAmount, uint256 rate) public view {
        payAmount = bound(payAmount, 0, type(uint128).max);
        rate = bound(rate, 0, type(uint128).max);
        uint256 quoted = interbank.quotedAmount(_quote(rate, payAmount), payAmount);
        uint256 value = payAmount * rate; // below 2^256
        assertLe(quoted * 1e18, value, "the quote gives more than the rate");
        assertTrue(value - quoted * 1e18 < 1e18, "the quote gives a whole unit less than the rate");
    }

    /// @notice For any amount and rate: the payee may ask exactly what the quote gives and is paid that, by the dealer,
    /// while one unit more is refused with {InterbankQuoteRateExceeded} and moves nothing. A quote that gives nothing
    /// for the amount (a small amount at a low rate) pays nothing: even one unit is refused.
    function testFuzz_payeeGetsTheQuoteAndNotOneUnitMore(uint256 payAmount, uint256 rate) public {
        payAmount = bound(payAmount, 1, MAX_PAY);
        rate = bound(rate, 1, MAX_RATE);
        IInterbankPayments.Quote memory q = _quote(rate, payAmount);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(DEALER_KEY, interbank.hashQuote(q));
        bytes memory signature = abi.encodePacked(r, s, v);
        uint256 quoted = (payAmount * rate) / 1e18;
        IInterbankPayments.Payment memory p = IInterbankPayments.Payment({
            payerToken: address(hkd),
            payer: PAYER,
            payAmount: payAmount,
            payeeToken: address(cnh),
            payee: PAYEE,
            receiveAmount: quoted + 1,
            paymentId: keccak256(abi.encode(payAmount, rate))
        });
        vm.prank(PAYER);
        vm.expectRevert(
            abi.encodeWithSelector(IInterbankPayments.InterbankQuoteRateExceeded.selector, quoted, quoted + 1)
        );
        interbank.pay(p, q, signature);
        assertEq(hkd.balanceOf(PAYER), MAX_PAY, "refused: the payer paid");
        assertEq(rCnh.balanceOf(dealer), (MAX_PAY * MAX_RATE) / 1e18, "refused: the dealer gave");
        assertFalse(interbank.isQuoteUsed(dealer, q.nonce), "refused: the quote was used up");
        if (quoted == 0) return;

        p.receiveAmount = quoted;
        vm.prank(PAYER);
        interbank.pay(p, q, signature);
        assertEq(cnh.balanceOf(PAYEE), quoted, "the payee did not receive what the quote gives");
        assertEq(hkd.balanceOf(PAYER), MAX_PAY - payAmount, "the payer paid another amount");
        assertEq(rCnh.balanceOf(dealer), (MAX_PAY * MAX_RATE) / 1e18 - quoted, "the dealer gave another amount");
        assertEq(rCnh.balanceOf(BANK_B), quoted, "the payee's bank received other reserves");
        assertEq(rHkd.balanceOf(dealer), payAmount, "the dealer took another amount");
    }

    /// @notice The cross-bank settlement contract deploys (its EIP-712 name fits OpenZeppelin's 31 bytes) under the
    /// domain "Cargo Rails Cross-Bank DvP", version "2".
    function test_crossBankSettlementDeploysUnderItsDomain() public {
        address crossBank = address(deployCrossBankSettlement(address(manager)));
        (, string memory name, string memory version, , address verifyingContract, , ) = IERC5267(crossBank)
            .eip712Domain();
        assertEq(keccak256(bytes(name)), keccak256("Cargo Rails Cross-Bank DvP"), "domain name");
        assertEq(keccak256(bytes(version)), keccak256("2"), "domain version");
        assertEq(verifyingContract, crossBank, "verifying contract");
    }
}
