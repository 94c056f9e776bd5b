// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/**
 * @title NaiveSwap
 * @notice Benchmark floor for an NFT-for-payment swap: one call, two `transferFrom`s, after both parties approved this
 * contract. No signature, no order, no check beyond what the tokens do: the least any atomic swap can cost.
 */
contract NaiveSwap {
    /// @notice The caller (buyer) pays `price` of `token` to `seller` and receives `tokenId` of `nft` from `seller`.
    function swap(IERC721 nft, uint256 tokenId, address seller, IERC20 token, uint256 price) external {
        nft.transferFrom(seller, msg.sender, tokenId);
        require(token.transferFrom(msg.sender, seller, price));
    }
}
