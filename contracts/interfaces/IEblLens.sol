// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IBillOfLadingRegistry} from "./IBillOfLadingRegistry.sol";

/**
 * @title IEblLens
 * @notice Read-only answers about the eBLs of a registry that the registry need not compute itself: each is derived
 * from the registry's public views ({IBillOfLadingRegistry-billOf}, approvals, pause) and its participant registry.
 * One lens serves every registry: the registry is the first argument. Contracts that decide on an eBL (settlement,
 * custody) read the registry itself, which keeps what they call.
 */
interface IEblLens {
    /**
     * @notice The lifecycle status (None if never issued).
     * @param registry The eBL registry.
     * @param tokenId The B/L's token id.
     */
    function statusOf(
        IBillOfLadingRegistry registry,
        uint256 tokenId
    ) external view returns (IBillOfLadingRegistry.BillStatus);

    /**
     * @notice The issuing carrier (zero if never issued).
     * @dev The top 160 bits of the id ({IBillOfLadingRegistry-tokenIdOf}) once the id was issued; not stored.
     * @param registry The eBL registry.
     * @param tokenId The B/L's token id.
     */
    function issuerOf(IBillOfLadingRegistry registry, uint256 tokenId) external view returns (address);

    /**
     * @notice Whether the token is on legal hold.
     * @param registry The eBL registry.
     * @param tokenId The B/L's token id.
     */
    function isOnLegalHold(IBillOfLadingRegistry registry, uint256 tokenId) external view returns (bool);

    /**
     * @notice Whether `account` could surrender the eBL now (for delivery or amendment): registry not paused, status
     * Issued, no legal hold, `account` is the holder or its approved operator (still a verified settlement or custody
     * participant), and the holder has title. The registry applies the same rules when the surrender is made.
     * @param registry The eBL registry.
     * @param tokenId The B/L's token id.
     * @param account The account that would act (the holder or an operator).
     */
    function canSurrender(
        IBillOfLadingRegistry registry,
        uint256 tokenId,
        address account
    ) external view returns (bool);
}
