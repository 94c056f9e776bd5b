// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

import {ITransferPolicy} from "../deposits/policy/ITransferPolicy.sol";
import {IERC7943Fungible} from "./IERC7943.sol";
import {IParticipantRegistry} from "./IParticipantRegistry.sol";
import {IERC3009Signatures} from "./IERC3009Signatures.sol";
import {IRailsErrors} from "./IRailsErrors.sol";

/**
 * @title ITokenizedDeposit
 * @notice A bank deposit represented 1:1 as an ERC-20 token: one deployment per issuing bank and currency, held only
 * by verified participants, with the controls a regulated issuer needs (pause, account and partial freeze, forced
 * transfer) and gasless payments (EIP-2612 permit, EIP-3009 transfer with authorization).
 * @dev Every supply change carries a reference in an event ({Minted}, {Burned}, {RedemptionRequested}) so that the
 * on-chain supply reconciles line by line with the bank's core-banking ledger, and every payment may carry one
 * ({PaymentReference}) so that a bank's reconciliation matches it with its remittance advice. ERC-7943 (uRWA,
 * {IERC7943Fungible}) tells other systems in advance whether a transfer would pass; an optional {ITransferPolicy} adds
 * limits, jurisdiction pairs and sanctions. See docs/deposits.md.
 */
interface ITokenizedDeposit is IERC20Metadata, IERC20Permit, IERC3009Signatures, IERC7943Fungible, IRailsErrors {
    /**
     * @notice Deployment parameters.
     * @param name ERC-20 name, also the EIP-712 domain name (version "1").
     * @param symbol ERC-20 symbol.
     * @param decimals 0..18 (fiat deposits commonly use 2 or 6).
     * @param currency ISO 4217 alphabetic code, three upper-case ASCII letters (e.g. "HKD").
     * @param registry The participant register asked on every movement.
     * @param issuer The issuing bank's participant address; must be verified as a BANK when deploying.
     * @param issuerId The issuing bank's off-chain identity (e.g. its LEI or BIC, left-aligned ASCII).
     * @param supplyCap Initial supply cap in base units; 0 means no cap (the supply stays bounded by the token's
     * `MAX_SUPPLY`, 2^120 - 1, in any case).
     * @param authority The rails' access manager, which says who may call the bank's functions (each power a role of
     * this token alone: mint, burn, pause, freeze, forced transfer, supply cap). A call scheduled and then executed
     * through the manager (a role with an execution delay) names the manager as the `operator` of its event.
     */
    struct Config {
        string name;
        string symbol;
        uint8 decimals;
        bytes3 currency;
        IParticipantRegistry registry;
        address issuer;
        bytes32 issuerId;
        uint256 supplyCap;
        address authority;
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice The bank issued `amount` to `to` against the deposit booked under `bankReference`.
     * @param to The holder credited with the new tokens.
     * @param amount Base units minted.
     * @param bankReference The core-banking ledger reference of the deposit backing the mint.
     * @param operator The minter that called {mint}.
     */
    event Minted(address indexed to, uint256 amount, bytes32 indexed bankReference, address indexed operator);

    /**
     * @notice The bank redeemed (burned) `amount` of `from`'s tokens under `bankReference`.
     * @param from The holder whose tokens were burned.
     * @param amount Base units burned.
     * @param bankReference The core-banking ledger reference of the redemption instruction.
     * @param operator The burner that called {burn}.
     */
    event Burned(address indexed from, uint256 amount, bytes32 indexed bankReference, address indexed operator);

    /**
     * @notice `holder` redeemed `amount`: the tokens are burned now and the bank owes `holder` the same amount in
     * its core-banking ledger, to be paid out according to `payoutReference`.
     * @param requestId Sequential number of the request (1, 2, ...), unique per token.
     * @param holder The account that redeemed and is owed the payout.
     * @param amount Base units burned, equal to the amount the bank owes `holder`.
     * @param payoutReference The holder's reference for the payout (e.g. the hash of the account to credit).
     */
    event RedemptionRequested(
        uint256 indexed requestId,
        address indexed holder,
        uint256 amount,
        bytes32 payoutReference
    );

    /**
     * @notice The compliance role moved `amount` from `from` to `to` without `from`'s consent, for `reasonCode`.
     * @param from The account debited.
     * @param to The account credited.
     * @param amount Base units moved.
     * @param reasonCode The compliance reason (e.g. the hash of the court order or case number).
     * @param operator The compliance officer that called {forcedTransfer}.
     */
    event ForcedTransfer(
        address indexed from,
        address indexed to,
        uint256 amount,
        bytes32 indexed reasonCode,
        address operator
    );

    /**
     * @notice `account` can neither send nor receive until unfrozen.
     * @param account The account frozen.
     * @param operator The freezer that called {freeze}.
     */
    event AccountFrozen(address indexed account, address indexed operator);

    /**
     * @notice `account` may send and receive again.
     * @param account The account whose full freeze was lifted.
     * @param operator The freezer that called {unfreeze}.
     */
    event AccountUnfrozen(address indexed account, address indexed operator);

    /**
     * @notice The part of `account`'s balance that cannot move changed from `previousAmount` to `newAmount`.
     * @param account The account whose frozen part changed.
     * @param previousAmount The frozen part before the change, in base units.
     * @param newAmount The frozen part after the change, in base units.
     * @param operator The freezer for {freezeAmount} / {unfreezeAmount}, or the compliance officer
     * when a {forcedTransfer} shrank the frozen part.
     */
    event FrozenAmountChanged(
        address indexed account,
        uint256 previousAmount,
        uint256 newAmount,
        address indexed operator
    );

    /**
     * @notice The supply cap changed (0 = no cap).
     * @param previousCap The cap before the change, in base units.
     * @param newCap The cap after the change, in base units.
     * @param operator The cap manager that called {setSupplyCap}, or the deployer for the initial cap.
     */
    event SupplyCapChanged(uint256 previousCap, uint256 newCap, address indexed operator);

    /**
     * @notice A payment of `amount` from `from` to `to` carried `paymentReference`; emitted right after its
     * {IERC20-Transfer}.
     * @param from The payer.
     * @param to The payee.
     * @param amount Base units paid.
     * @param paymentReference 32 bytes the bank reconciles by: the hash of an ISO 20022 remittance or an IVMS101
     * travel-rule payload kept off chain, or, for a payment a settlement contract makes, the id of that settlement.
     */
    event PaymentReference(address indexed from, address indexed to, uint256 amount, bytes32 indexed paymentReference);

    /**
     * @notice The token's transfer policy changed (the zero address: none, no rules beyond the token's own).
     * @param previousPolicy The policy before.
     * @param newPolicy The policy now.
     * @param operator The policy admin that called {setTransferPolicy}.
     */
    event TransferPolicyChanged(
        ITransferPolicy indexed previousPolicy,
        ITransferPolicy indexed newPolicy,
        address indexed operator
    );

    // ------------------------------------------------------------------ errors

    /// @notice Deployment with decimals above 18.
    error DepositInvalidDecimals(uint8 decimals);
    /// @notice Deployment with a currency code that is not three upper-case ASCII letters.
    error DepositInvalidCurrency(bytes3 currency);
    /// @notice The registry answered a transfer's query with less than the two words of `verifiedKindsOfPair`: the
    /// token was deployed with a contract that is not a ParticipantRegistry.
    error DepositInvalidRegistry();
    /// @notice Deployment with an issuer that is not a verified BANK participant.
    error DepositInvalidIssuer(address issuer);
    /// @notice `account` is frozen: it can neither send nor receive.
    error DepositAccountFrozen(address account);
    /// @notice `unfreeze` of an account that is not frozen.
    error DepositAccountNotFrozen(address account);
    /// @notice `amount` is more than the unfrozen part `available` of `account`'s balance.
    error DepositFrozenAmountExceeded(address account, uint256 available, uint256 amount);
    /// @notice Freezing would make the frozen part `frozenAmount` larger than the balance.
    error DepositFreezeExceedsBalance(address account, uint256 balance, uint256 frozenAmount);
    /// @notice Unfreezing `amount` is more than the frozen part `frozenAmount`.
    error DepositUnfreezeExceedsFrozen(address account, uint256 frozenAmount, uint256 amount);
    /// @notice The mint would raise the supply to `supply`, above `cap`: the supply cap, or the hard bound
    /// `MAX_SUPPLY` (2^120 - 1) when no cap is set or the cap is higher.
    error DepositSupplyCapExceeded(uint256 supply, uint256 cap);
    /// @notice A supply cap above `MAX_SUPPLY`, the hard bound of the supply, which no mint could ever reach.
    error DepositSupplyCapAboveMaximum(uint256 cap, uint256 maximum);
    /// @notice A bank reference, redemption reference or reason code of zero.
    error DepositZeroReference();
    /// @notice A forced transfer or a burn out of `account`, a contract that holds deposits for others (registered
    /// with kind SETTLEMENT or CUSTODY, verified or not): it would take an unknown client's money and leave the
    /// contract's books wrong. Act on the client's own account instead.
    error DepositCustodianAccount(address account);
    /// @notice {setTransferPolicy} with a policy that serves another token (its `token()` is not this one).
    error DepositPolicyTokenMismatch(ITransferPolicy policy, address policyToken);

    // ------------------------------------------------------------------ views

    /// @notice The participant register asked on every movement.
    function registry() external view returns (IParticipantRegistry);

    /// @notice The issuing bank's participant address.
    function issuer() external view returns (address);

    /// @notice The issuing bank's off-chain identity (LEI or BIC).
    function issuerId() external view returns (bytes32);

    /// @notice ISO 4217 alphabetic currency code, e.g. "HKD".
    function currency() external view returns (bytes3);

    /// @notice Maximum total supply in base units; 0 means no cap. The hard bound `MAX_SUPPLY` (2^120 - 1) applies
    /// whatever the cap.
    function supplyCap() external view returns (uint256);

    /**
     * @notice Whether `account` is frozen entirely.
     * @param account The account to check.
     * @return True while a full freeze is in place.
     */
    function isFrozen(address account) external view returns (bool);

    /**
     * @notice The part of `account`'s balance that cannot move (never more than its balance).
     * @param account The account to check.
     * @return The frozen part in base units.
     */
    function frozenAmount(address account) external view returns (uint256);

    /**
     * @notice What `account` may send now: 0 if frozen, else its balance minus the frozen part.
     * @param account The account to check.
     * @return The spendable balance in base units.
     */
    function availableBalance(address account) external view returns (uint256);

    /// @notice Number of redemption requests so far (the id of the last one).
    function redemptionCount() external view returns (uint256);

    /// @notice Whether the token is paused.
    function paused() external view returns (bool);

    /// @notice The transfer policy consulted on every transfer between two accounts; the zero address when none.
    function transferPolicy() external view returns (ITransferPolicy);

    // ------------------------------------------------------------------ issuer operations

    /**
     * @notice Issues `amount` to `to` against a deposit booked in the core-banking ledger under `bankReference`.
     * @param to The verified holder to credit.
     * @param amount Base units to issue; not zero.
     * @param bankReference The core-banking ledger reference of the deposit; not zero, repeated in {Minted}.
     * @dev Minter role. `to` verified and not frozen, not paused, within the cap. Emits {IERC20-Transfer} and {Minted}.
     */
    function mint(address to, uint256 amount, bytes32 bankReference) external;

    /**
     * @notice Redeems `amount` of `from`'s tokens on `from`'s instruction received by the bank off-chain.
     * @param from The holder whose tokens are burned.
     * @param amount Base units to burn; not zero and within `from`'s unfrozen balance.
     * @param bankReference The core-banking ledger reference of the instruction; not zero, repeated in {Burned}.
     * @dev Burner role. The same rules as a transfer from `from` (verified, not frozen, unfrozen balance, not
     * paused); no allowance. Never from a contract that holds deposits for others ({DepositCustodianAccount}).
     * Emits {IERC20-Transfer} and {Burned}.
     */
    function burn(address from, uint256 amount, bytes32 bankReference) external;

    /**
     * @notice The caller redeems `amount` of its own tokens: they are burned now and the bank pays out off-chain.
     * @param amount Base units to redeem; not zero and within the caller's unfrozen balance.
     * @param payoutReference The holder's payout reference, repeated in {RedemptionRequested}.
     * @return requestId The sequential id of the request.
     * @dev Same rules as a transfer from the caller. Emits {IERC20-Transfer} and {RedemptionRequested}.
     */
    function requestRedemption(uint256 amount, bytes32 payoutReference) external returns (uint256 requestId);

    /**
     * @notice Moves `amount` from `from` to `to` without `from`'s consent (court order, lost keys, revoked holder).
     * @param from The account to debit; may be frozen, unverified or revoked, but not a contract that holds deposits
     * for others (kind SETTLEMENT or CUSTODY in the registry: {DepositCustodianAccount}).
     * @param to The verified, unfrozen account to credit.
     * @param amount Base units to move; not zero and at most `from`'s balance.
     * @param reasonCode The compliance reason; not zero, repeated in {ForcedTransfer}.
     * @dev Compliance role. Ignores pause, `from`'s verification, `from`'s full and partial freeze; `to` must still
     * be verified and not frozen. A custodian contract keeps books of whose money it holds, which a forced transfer
     * out of it would break: act on the client's account, or have the registrar remove the custodian kind first. If the amount reaches into `from`'s frozen part, the frozen part shrinks to the
     * remaining balance (emitting {FrozenAmountChanged}). Emits {IERC20-Transfer} and {ForcedTransfer}.
     */
    function forcedTransfer(address from, address to, uint256 amount, bytes32 reasonCode) external;

    /**
     * @notice Freezes `account` entirely. Freezer role. Emits {AccountFrozen}.
     * @param account The account that may no longer send or receive.
     */
    function freeze(address account) external;

    /**
     * @notice Lifts a full freeze of `account`; a partial freeze stays. Freezer role. Emits {AccountUnfrozen}.
     * @param account A currently frozen account.
     */
    function unfreeze(address account) external;

    /**
     * @notice Adds `amount` to the frozen part of `account`'s balance; the frozen part may not exceed the balance.
     * @param account The account whose balance is partly frozen.
     * @param amount Base units to add to the frozen part; not zero.
     * @dev Freezer role. Emits {FrozenAmountChanged}.
     */
    function freezeAmount(address account, uint256 amount) external;

    /**
     * @notice Releases `amount` of the frozen part of `account`'s balance. Freezer role. Emits {FrozenAmountChanged}.
     * @param account The account whose frozen part shrinks.
     * @param amount Base units to release; not zero and at most the current frozen part.
     */
    function unfreezeAmount(address account, uint256 amount) external;

    /**
     * @notice Sets the supply cap (0 = none); may be below the supply, which stops minting. Cap manager role.
     * Emits {SupplyCapChanged}. Fails with {DepositSupplyCapAboveMaximum} above `MAX_SUPPLY`.
     * @param newCap The new maximum total supply in base units (at most `MAX_SUPPLY`), or 0 for no cap.
     */
    function setSupplyCap(uint256 newCap) external;

    /// @notice Stops every transfer, mint, burn and redemption (not forced transfers). Pauser role.
    function pause() external;

    /// @notice Lifts the pause. Pauser role.
    function unpause() external;

    /**
     * @notice EIP-2612 permit with a `bytes` signature, so that ERC-1271 wallets can permit too.
     * @param owner The token holder granting the allowance (an EOA or an ERC-1271 contract).
     * @param spender The account allowed to spend.
     * @param value The allowance to set, in base units.
     * @param deadline Timestamp after which the signature is no longer accepted.
     * @param signature The owner's signature of the EIP-2612 Permit message: 65-byte ECDSA or ERC-1271 data.
     * @dev Same message, nonce and domain as the `(v, r, s)` permit. Fails with {ERC20Permit-ERC2612ExpiredSignature}
     * after `deadline`, {RailsInvalidSignature} for a wrong signature. Emits {IERC20-Approval}.
     */
    function permit(address owner, address spender, uint256 value, uint256 deadline, bytes memory signature) external;

    // ------------------------------------------------------------------ ERC-7943 and the transfer policy

    /**
     * @notice ERC-7943's forced transfer: {forcedTransfer} with the reason code `"ERC-7943"` (left-aligned ASCII),
     * for systems that know only the EIP. Compliance role, as the four-argument form.
     * @param from See {forcedTransfer}.
     * @param to See {forcedTransfer}.
     * @param amount See {forcedTransfer}.
     * @return result True.
     * @dev Emits {IERC20-Transfer}, ERC-7943's {IERC7943Fungible-ForcedTransfer} and this token's {ForcedTransfer}
     * (which the four-argument form emits too, with ERC-7943's).
     */
    function forcedTransfer(
        address from,
        address to,
        uint256 amount
    ) external override(IERC7943Fungible) returns (bool result);

    /**
     * @notice Sets the frozen part of `account`'s balance to `amount` (ERC-7943; {freezeAmount} and
     * {unfreezeAmount} add to it and take from it). Freezer role.
     * @param account The account.
     * @param amount The new frozen part, at most the balance ({DepositFreezeExceedsBalance}: the EIP allows more,
     * this token never holds a frozen part above the balance); 0 releases it all.
     * @return result True.
     * @dev Emits {FrozenAmountChanged} and {IERC7943Fungible-Frozen} (as every change of the frozen part does). The
     * full freeze ({freeze}) is separate and unaffected.
     */
    function setFrozenTokens(address account, uint256 amount) external override(IERC7943Fungible) returns (bool result);

    /**
     * @notice Sets the token's transfer policy, or removes it (the zero address). Policy admin role (a caller without
     * it gets the access manager's `AccessManagedUnauthorized`).
     * @param policy A policy whose `token()` is this token ({DepositPolicyTokenMismatch}), or the zero address.
     * @dev Emits {TransferPolicyChanged}.
     */
    function setTransferPolicy(ITransferPolicy policy) external;

    // ------------------------------------------------------------------ payment references

    /**
     * @notice {IERC20-transfer} carrying `paymentReference`.
     * @param to The payee.
     * @param amount Base units.
     * @param paymentReference Not zero ({DepositZeroReference}).
     * @return True.
     * @dev The same rules as {IERC20-transfer}. Emits {IERC20-Transfer} and {PaymentReference}.
     */
    function transferWithReference(address to, uint256 amount, bytes32 paymentReference) external returns (bool);

    /**
     * @notice {IERC20-transferFrom} carrying `paymentReference`.
     * @param from The payer, who gave the caller an allowance.
     * @param to The payee.
     * @param amount Base units.
     * @param paymentReference Not zero ({DepositZeroReference}).
     * @return True.
     * @dev The same rules as {IERC20-transferFrom}. Emits {IERC20-Transfer} and {PaymentReference}.
     */
    function transferFromWithReference(
        address from,
        address to,
        uint256 amount,
        bytes32 paymentReference
    ) external returns (bool);

    /**
     * @notice EIP-3009 transfer with authorization whose signature covers a payment reference: the EIP-712 message
     * `TransferWithReferenceAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256
     * validBefore,bytes32 nonce,bytes32 paymentReference)` on the token's domain. Anyone may submit it.
     * @param from The payer, who signed.
     * @param to The payee.
     * @param value Base units.
     * @param validAfter Unix time after which it is valid (exclusive).
     * @param validBefore Unix time before which it is valid (exclusive).
     * @param nonce The payer's random nonce, shared with the plain EIP-3009 authorizations (and cancelled by
     * `cancelAuthorization`).
     * @param paymentReference Not zero ({DepositZeroReference}).
     * @param signature 65-byte ECDSA or ERC-1271 signature by `from`.
     * @dev The rules and errors of `transferWithAuthorization`. Emits `AuthorizationUsed`, {IERC20-Transfer} and
     * {PaymentReference}.
     */
    function transferWithReferenceAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes32 paymentReference,
        bytes memory signature
    ) external;

    /**
     * @notice Like {transferWithReferenceAuthorization}, but only the payee `to` may submit it: the message is
     * `ReceiveWithReferenceAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256
     * validBefore,bytes32 nonce,bytes32 paymentReference)`.
     * @param from The payer, who signed.
     * @param to The payee; must be the caller (`ERC3009CallerNotPayee`).
     * @param value Base units.
     * @param validAfter Unix time after which it is valid (exclusive).
     * @param validBefore Unix time before which it is valid (exclusive).
     * @param nonce The payer's random nonce (shared with the plain EIP-3009 authorizations).
     * @param paymentReference Not zero ({DepositZeroReference}).
     * @param signature 65-byte ECDSA or ERC-1271 signature by `from`.
     */
    function receiveWithReferenceAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes32 paymentReference,
        bytes memory signature
    ) external;
}
