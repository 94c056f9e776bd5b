// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {ParticipantKinds} from "../access/ParticipantKinds.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IWholesaleReserve} from "../interfaces/IWholesaleReserve.sol";

/**
 * @title WholesaleReserve
 * @notice Tokenized reserves of one currency: wholesale settlement money issued and redeemed by that currency's
 * central bank (or settlement operator) only, held by verified banks only. See {IWholesaleReserve}.
 * @dev OpenZeppelin {ERC20} with {Ownable2Step} (the owner is the central bank) and {Pausable}. Every balance change
 * passes through {_update}, which applies the rules: not paused; a sender (not for an issue or a redemption) and a
 * recipient (not for a redemption) are verified banks. No permit and no authorisation by signature: banks move reserves by transaction
 * or through a settlement agent the central bank admitted.
 */
contract WholesaleReserve is IWholesaleReserve, ERC20, Ownable2Step, Pausable {
    IParticipantRegistry private immutable _registry;
    bytes3 private immutable _currency;
    uint8 private immutable _decimals;

    mapping(address agent => bool admitted) private _agents;

    /**
     * @notice Deploys the reserves of one currency; `centralBank` owns them and must be a verified CENTRAL_BANK.
     * @param name ERC-20 name (e.g. "HKD Wholesale Reserve").
     * @param symbol ERC-20 symbol (e.g. "rHKD").
     * @param currency_ ISO 4217 alphabetic code, three upper-case ASCII letters.
     * @param decimals_ 0..18; a deposit token pays against these reserves only with the same decimals.
     * @param registry_ The participant register.
     * @param centralBank The issuer and owner.
     */
    constructor(
        string memory name,
        string memory symbol,
        bytes3 currency_,
        uint8 decimals_,
        IParticipantRegistry registry_,
        address centralBank
    ) ERC20(name, symbol) Ownable(centralBank) {
        if (address(registry_) == address(0)) revert RailsZeroAddress();
        if (decimals_ > 18) revert ReserveInvalidDecimals(decimals_);
        for (uint256 i; i < 3; ++i) {
            if (currency_[i] < "A" || currency_[i] > "Z") revert ReserveInvalidCurrency(currency_);
        }
        _registry = registry_;
        _currency = currency_;
        _decimals = decimals_;
        _checkCentralBank();
    }

    /// @dev The owner, verified as a central bank now.
    modifier onlyCentralBank() {
        _checkOwner();
        _checkCentralBank();
        _;
    }

    // ------------------------------------------------------------------ the central bank

    /// @inheritdoc IWholesaleReserve
    function issue(address bank, uint256 amount, bytes32 bookingReference) external onlyCentralBank {
        _checkAmountAndReference(amount, bookingReference);
        _mint(bank, amount);
        emit ReservesIssued(bank, amount, bookingReference);
    }

    /// @inheritdoc IWholesaleReserve
    function redeem(address bank, uint256 amount, bytes32 bookingReference) external onlyCentralBank {
        _checkAmountAndReference(amount, bookingReference);
        _burn(bank, amount);
        emit ReservesRedeemed(bank, amount, bookingReference);
    }

    /// @inheritdoc IWholesaleReserve
    function setSettlementAgent(address agent, bool admitted) external onlyCentralBank {
        if (agent == address(0)) revert RailsZeroAddress();
        _agents[agent] = admitted;
        emit SettlementAgentSet(agent, admitted);
    }

    /**
     * @notice Refused: reserves without an issuer could never be issued, redeemed or unpaused again. The central bank
     * hands over with the two-step `transferOwnership` / `acceptOwnership`.
     */
    function renounceOwnership() public view override onlyOwner {
        revert ReserveIssuerNotCentralBank(address(0));
    }

    /// @inheritdoc IWholesaleReserve
    function pause() external onlyCentralBank {
        _pause();
    }

    /// @inheritdoc IWholesaleReserve
    function unpause() external onlyCentralBank {
        _unpause();
    }

    // ------------------------------------------------------------------ settlement agents

    /// @inheritdoc IWholesaleReserve
    function settle(address from, address to, uint256 amount, bytes32 paymentId) external {
        address agent = _msgSender();
        if (!_agents[agent]) revert ReserveUnauthorizedAgent(agent);
        _checkAmountAndReference(amount, paymentId);
        _transfer(from, to, amount);
        emit ReservesSettled(paymentId, from, to, amount, agent);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IWholesaleReserve
    function isSettlementAgent(address agent) external view returns (bool) {
        return _agents[agent];
    }

    /// @inheritdoc IWholesaleReserve
    function currency() external view returns (bytes3) {
        return _currency;
    }

    /// @inheritdoc IWholesaleReserve
    function registry() external view returns (IParticipantRegistry) {
        return _registry;
    }

    /// @inheritdoc ERC20
    function decimals() public view override(ERC20, IERC20Metadata) returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc IWholesaleReserve
    function paused() public view override(IWholesaleReserve, Pausable) returns (bool) {
        return super.paused();
    }

    // ------------------------------------------------------------------ the rules

    /// @dev Every balance change: not paused; the recipient (not for a redemption) is a verified bank, and so is the
    /// sender (not for an issue, nor for a redemption: the central bank debits the reserves of a bank whose
    /// verification ended, which would otherwise be stuck).
    function _update(address from, address to, uint256 value) internal override whenNotPaused {
        if (from != address(0) && to != address(0) && !_registry.isVerifiedAs(from, ParticipantKinds.BANK)) {
            revert ReserveHolderNotBank(from);
        }
        if (to != address(0) && !_registry.isVerifiedAs(to, ParticipantKinds.BANK)) revert ReserveHolderNotBank(to);
        super._update(from, to, value);
    }

    function _checkCentralBank() private view {
        address centralBank = owner();
        if (!_registry.isVerifiedAs(centralBank, ParticipantKinds.CENTRAL_BANK)) {
            revert ReserveIssuerNotCentralBank(centralBank);
        }
    }

    function _checkAmountAndReference(uint256 amount, bytes32 ref) private pure {
        if (amount == 0) revert RailsZeroAmount();
        if (ref == bytes32(0)) revert ReserveZeroReference();
    }
}
