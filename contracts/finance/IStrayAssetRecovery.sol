// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title IStrayAssetRecovery
 * @notice The recovery of assets that reached a trade-finance contract outside its functions: an eBL moved in with a
 * plain `transferFrom`, deposit tokens sent with a plain `transfer`. Without it they would stay there for good, as
 * these contracts have no owner. Both functions are restricted to the `TRADE FINANCE ADMIN` role of the rails' access
 * manager, and neither can take anything an instrument holds (an eBL a trust receipt, a Lodged collection or a pending
 * presentation holds; money escrowed for Issued credits). The signatures are those of the settlement contracts'
 * recovery (`SettlementCore`).
 */
interface IStrayAssetRecovery {
    /**
     * @notice Stray tokens (`amountOrTokenId` units) or a stray eBL (token id `amountOrTokenId`) of `asset` were sent
     * to `to` by the `TRADE FINANCE ADMIN`.
     * @param asset The deposit token or the eBL registry.
     * @param to The recipient.
     * @param amountOrTokenId The amount of tokens, or the eBL's token id.
     */
    event StrayAssetRecovered(address indexed asset, address indexed to, uint256 amountOrTokenId);

    /**
     * @notice A recovery would take what an instrument holds: the eBL (`amountOrTokenId` is its token id) belongs to
     * a live instrument, or the amount (`amountOrTokenId`) is more than the balance above the escrow.
     * @param asset The eBL registry or the deposit token.
     * @param amountOrTokenId The eBL's token id, or the amount asked for.
     */
    error TradeFinanceAssetHeld(address asset, uint256 amountOrTokenId);

    /**
     * @notice Sends away deposit tokens that reached this contract outside its functions (a plain `transfer`): only
     * the balance above what it holds for instruments. Restricted to the `TRADE FINANCE ADMIN` role.
     * @param token The token.
     * @param to The recipient (normally whoever sent them by mistake).
     * @param amount The amount.
     */
    function recoverStrayToken(address token, address to, uint256 amount) external;

    /**
     * @notice Sends away an eBL that reached this contract outside its functions (a plain `transferFrom`); an eBL that
     * a live instrument holds can never be taken. Restricted to the `TRADE FINANCE ADMIN` role.
     * @param registry The eBL registry.
     * @param tokenId The eBL.
     * @param to The recipient (normally whoever sent it by mistake).
     */
    function recoverStrayEbl(address registry, uint256 tokenId, address to) external;
}
