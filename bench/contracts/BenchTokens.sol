// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/**
 * @title PlainERC20
 * @notice Benchmark floor for the deposit token: OpenZeppelin's ERC20 with nothing added but a mint for the set-up.
 * Also the payment token of the Seaport and naive-floor swaps.
 */
contract PlainERC20 is ERC20 {
    constructor() ERC20("Plain ERC20", "PLAIN") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function decimals() public pure override returns (uint8) {
        return 2;
    }
}

/**
 * @title PlainERC721
 * @notice The NFT sold in the Seaport and naive-floor swaps: OpenZeppelin's ERC721 with a mint for the set-up.
 */
contract PlainERC721 is ERC721 {
    constructor() ERC721("Plain ERC721", "NFT") {}

    function mint(address to, uint256 tokenId) external {
        _mint(to, tokenId);
    }
}
