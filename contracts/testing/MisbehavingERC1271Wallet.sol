// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/**
 * @title MisbehavingERC1271Wallet
 * @notice Test-only smart contract wallet whose ERC-1271 `isValidSignature` can be set to misbehave: revert with no
 * data, with a reason string or with a custom error, answer too short, answer with a garbled word, or answer with the
 * wrong magic value. It misbehaves even for signatures its owner key did make, so a refusal can only come from the
 * misbehaviour. When {Behaviour.Honest} it accepts its owner key's signatures (as {ERC1271WalletMock}), so a test can
 * show the honest path still works afterwards. It forwards its owner's calls and accepts eBLs, so it can be a seller,
 * a buyer or an eBL holder.
 * @dev Never deployed outside tests. Anyone may set the behaviour.
 */
contract MisbehavingERC1271Wallet is IERC1271, IERC721Receiver {
    /// @notice How {isValidSignature} answers.
    enum Behaviour {
        /// Accepts the owner key's signatures, refuses others with `0x00000000`.
        Honest,
        /// Reverts with no data.
        RevertEmpty,
        /// Reverts with `Error(string)`.
        RevertReason,
        /// Reverts with {MisbehavingERC1271WalletRefused}.
        RevertCustomError,
        /// Returns only the 4 bytes of the magic value (no 32-byte word).
        ShortAnswer,
        /// Returns one word: the magic value followed by non-zero bytes.
        GarbledAnswer,
        /// Returns the legacy ERC-1271 magic value `isValidSignature(bytes,bytes)` (0x20c13b0b).
        WrongMagicValue
    }

    /// @notice The reason string of {Behaviour.RevertReason}.
    string public constant REVERT_REASON = "MisbehavingERC1271Wallet: no";
    /// @notice The magic value of the pre-final ERC-1271 draft, returned under {Behaviour.WrongMagicValue}.
    bytes4 public constant LEGACY_MAGIC_VALUE = 0x20c13b0b;

    /// @notice The EOA whose signatures the wallet accepts when honest, and whose calls it forwards.
    address public immutable owner;
    /// @notice How {isValidSignature} answers now.
    Behaviour public behaviour;

    /// @notice The error of {Behaviour.RevertCustomError}.
    /// @param hash The hash the wallet was asked about.
    error MisbehavingERC1271WalletRefused(bytes32 hash);
    /// @notice Only the owner may make the wallet call other contracts.
    /// @param caller The caller.
    error MisbehavingERC1271WalletNotOwner(address caller);

    /**
     * @notice Creates an honest wallet controlled by `walletOwner`.
     * @param walletOwner The controlling EOA.
     */
    constructor(address walletOwner) {
        owner = walletOwner;
    }

    /**
     * @notice Sets how {isValidSignature} answers from now on.
     * @param newBehaviour The behaviour.
     */
    function setBehaviour(Behaviour newBehaviour) external {
        behaviour = newBehaviour;
    }

    /**
     * @notice Forwards a call from the owner (approve the settlement contract, pay, endorse); bubbles up its revert data.
     * @param target The contract to call.
     * @param data The calldata.
     * @return result The call's return data.
     */
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != owner) revert MisbehavingERC1271WalletNotOwner(msg.sender);
        bool ok;
        // A wallet forwards arbitrary calls by design.
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4) {
        Behaviour current = behaviour;
        bytes4 magic = IERC1271.isValidSignature.selector;
        if (current == Behaviour.RevertEmpty) {
            assembly ("memory-safe") {
                revert(0, 0)
            }
        }
        // The point of this behaviour is a revert with a reason string.
        // solhint-disable-next-line gas-custom-errors
        if (current == Behaviour.RevertReason) revert(REVERT_REASON);
        if (current == Behaviour.RevertCustomError) revert MisbehavingERC1271WalletRefused(hash);
        if (current == Behaviour.ShortAnswer) {
            assembly ("memory-safe") {
                mstore(0x00, magic)
                return(0x00, 4)
            }
        }
        if (current == Behaviour.GarbledAnswer) {
            assembly ("memory-safe") {
                mstore(0x00, or(magic, 0xdead))
                return(0x00, 0x20)
            }
        }
        if (current == Behaviour.WrongMagicValue) return LEGACY_MAGIC_VALUE;
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && signer == owner ? magic : bytes4(0);
    }

    /// @inheritdoc IERC721Receiver
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }
}
