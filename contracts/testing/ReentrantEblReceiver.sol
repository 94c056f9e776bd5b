// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/**
 * @title ReentrantEblReceiver
 * @notice Test-only attacker: an account (registered as a verified participant by the test) that receives eBLs and,
 * from inside `onERC721Received`, tries to call back into a target (the settlement contract: `settle`, `cancelDeal`,
 * `refund`, ...). It records whether the call back was refused and with which revert data, and accepts the eBL
 * either way, so the outer settlement can complete and the test can inspect what happened.
 * @dev Never deployed outside tests. Its owner can make it call any contract (approve a token, pay into a deal).
 */
contract ReentrantEblReceiver is IERC721Receiver {
    /// @notice The EOA allowed to make this account call other contracts.
    address public immutable owner;
    /// @notice The contract called back from `onERC721Received`; zero for none.
    address public reentryTarget;
    /// @notice The calldata of the call back.
    bytes public reentryData;
    /// @notice How many times a call back was attempted.
    uint256 public attempts;
    /// @notice Whether the last call back succeeded (it must not).
    bool public lastReentrySucceeded;
    /// @notice The revert data of the last refused call back.
    bytes public lastRevertData;

    /// @notice A forwarded call reverted; carries its revert data.
    error ReentrantEblReceiverCallFailed(bytes data);
    /// @notice Only the owner may make this account call other contracts.
    error ReentrantEblReceiverNotOwner(address caller);

    /**
     * @notice Creates the account.
     * @param accountOwner The controlling EOA.
     */
    constructor(address accountOwner) {
        owner = accountOwner;
    }

    /**
     * @notice Makes this account call `target` with `data` (e.g. approve the settlement contract, deposit a payment).
     * @param target The contract to call.
     * @param data The calldata.
     * @return result The call's return data.
     */
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != owner) revert ReentrantEblReceiverNotOwner(msg.sender);
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = target.call(data);
        if (!ok) revert ReentrantEblReceiverCallFailed(result);
    }

    /**
     * @notice Sets the call back to attempt when an eBL arrives.
     * @param target The contract to call back (zero: none).
     * @param data The calldata.
     */
    function setReentry(address target, bytes calldata data) external {
        reentryTarget = target;
        reentryData = data;
    }

    /**
     * @notice Accepts the eBL after trying the call back and recording its outcome.
     * @return The ERC-721 receiver selector.
     */
    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        address target = reentryTarget;
        if (target != address(0)) {
            ++attempts;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory result) = target.call(reentryData);
            lastReentrySucceeded = ok;
            lastRevertData = ok ? bytes("") : result;
        }
        return IERC721Receiver.onERC721Received.selector;
    }
}
