// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/**
 * @title ERC1271WalletMock
 * @notice Test-only smart contract wallet: accepts a signature when its owner key signed the hash (ERC-1271).
 * @dev Not for deployment. It only validates signatures; it has no function to call other contracts.
 */
contract ERC1271WalletMock is IERC1271 {
    /// @notice The EOA whose signatures the wallet accepts.
    address public immutable owner;

    /**
     * @notice Creates a wallet that accepts signatures made by `owner_`'s key.
     * @param owner_ The EOA whose signatures the wallet accepts.
     */
    constructor(address owner_) {
        owner = owner_;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && signer == owner ? this.isValidSignature.selector : bytes4(0);
    }
}
