// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/**
 * @title ReferenceERC721
 * @notice Test-only: OpenZeppelin's ERC-721, unchanged, with an open mint. The conformance tests put it next to the
 * eBL registry, in the same situation, and expect the same outcome wherever the registry's law rules allow it.
 * @dev Never deployed outside tests: anyone can mint.
 */
contract ReferenceERC721 is ERC721 {
    /// @notice Deploys an empty token.
    constructor() ERC721("Reference ERC-721", "REF721") {}

    /**
     * @notice Mints `tokenId` to `to`, as OpenZeppelin's {ERC721-_mint} (no receiver check).
     * @param to The first owner.
     * @param tokenId The new token's id.
     */
    function mint(address to, uint256 tokenId) external {
        _mint(to, tokenId);
    }
}
