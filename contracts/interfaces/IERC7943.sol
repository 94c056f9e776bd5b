// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/**
 * @title IERC7943Fungible
 * @notice ERC-7943 (uRWA, "universal Real World Asset") for ERC-20 tokens: the functions and events of the EIP's final
 * fungible interface, by which compliance systems, wallets and other platforms ask whether an account may send or
 * receive, whether a transfer would pass, how much of a balance is frozen, and by which a regulated issuer sets the
 * frozen amount and takes tokens by force.
 * @dev ERC-165 interface id `0x3edbb4c4` (the XOR of the six function selectors below; `supportsInterface` answers true
 * for it and for IERC165's `0x01ffc9a7`). The EIP also names four errors (`ERC7943CannotSend(address)`,
 * `ERC7943CannotReceive(address)`, `ERC7943CannotTransfer(address,address,uint256)`,
 * `ERC7943InsufficientUnfrozenBalance(address,uint256,uint256)`); they are not part of the interface id and are not
 * declared here: the deposit token refuses with errors that say more (which rule, which account), listed in
 * docs/deposits.md with the ERC-7943 error each one stands for.
 */
interface IERC7943Fungible is IERC165 {
    /**
     * @notice Tokens were taken from `from` and given to `to` by force.
     * @param from The account debited.
     * @param to The account credited.
     * @param amount Base units moved.
     */
    event ForcedTransfer(address indexed from, address indexed to, uint256 amount);

    /**
     * @notice The frozen amount of `account` is now `amount`.
     * @param account The account whose frozen amount changed.
     * @param amount The frozen amount after the change, in base units.
     */
    event Frozen(address indexed account, uint256 amount);

    /**
     * @notice Takes `amount` from `from` and gives it to `to`, without `from`'s consent.
     * @param from The account debited.
     * @param to The account credited.
     * @param amount Base units moved.
     * @return result True; reverts on failure.
     */
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool result);

    /**
     * @notice Sets (overwrites, like `approve`) the frozen amount of `account` to `amount`.
     * @param account The account whose frozen amount is set.
     * @param amount The new frozen amount, in base units.
     * @return result True; reverts on failure.
     */
    function setFrozenTokens(address account, uint256 amount) external returns (bool result);

    /**
     * @notice Whether `account` may send tokens under the token's rules (allow lists, KYC, sanctions, freezes).
     * @param account The account to check.
     * @return allowed True if it may send.
     */
    function canSend(address account) external view returns (bool allowed);

    /**
     * @notice Whether `account` may receive tokens under the token's rules.
     * @param account The account to check.
     * @return allowed True if it may receive.
     */
    function canReceive(address account) external view returns (bool allowed);

    /**
     * @notice The frozen amount of `account`.
     * @param account The account to check.
     * @return amount The frozen amount, in base units.
     */
    function getFrozenTokens(address account) external view returns (uint256 amount);

    /**
     * @notice Whether a transfer of `amount` from `from` to `to` would pass every rule of the token now, the frozen
     * amount and any transfer policy included.
     * @param from The sender.
     * @param to The recipient.
     * @param amount Base units.
     * @return allowed True if the transfer would pass.
     */
    function canTransfer(address from, address to, uint256 amount) external view returns (bool allowed);
}
