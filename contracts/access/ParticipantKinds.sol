// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title ParticipantKinds
 * @notice Bit flags for the kinds of participant the ParticipantRegistry records.
 * @dev A participant may hold several kinds at once (a bank that also acts as an agent), so kinds are a bitmask,
 * except that the custodian kinds ({CONTRACT_CUSTODIAN}) are never combined with any other kind: the registry refuses
 * it. New kinds take the next free bit; a bit's meaning never changes once deployed.
 */
library ParticipantKinds {
    /// @notice A shipping line that issues bills of lading.
    uint32 internal constant CARRIER = 1 << 0;
    /// @notice A bank: issues tokenized deposits, finances trade, holds eBLs as pledgee.
    uint32 internal constant BANK = 1 << 1;
    /// @notice An exporter, importer, shipper or consignee.
    uint32 internal constant TRADER = 1 << 2;
    /// @notice A freight forwarder or consignee's agent acting for a trader.
    uint32 internal constant AGENT = 1 << 3;
    /// @notice A settlement (DvP) contract of the rails.
    uint32 internal constant SETTLEMENT = 1 << 4;
    /// @notice A custody contract that holds eBLs or deposits for others.
    uint32 internal constant CUSTODY = 1 << 5;
    /// @notice A regulator or court.
    uint32 internal constant REGULATOR = 1 << 6;
    /// @notice A central bank or the settlement operator of a currency's wholesale money: the only issuer of that
    /// currency's tokenized reserves ({WholesaleReserve}).
    uint32 internal constant CENTRAL_BANK = 1 << 7;
    /// @notice An inspection body or surveyor: issues inspection certificates (quality, quantity, condition of goods).
    uint32 internal constant INSPECTOR = 1 << 8;
    /// @notice An insurer (or its authorised agent): issues insurance certificates for the cargo.
    uint32 internal constant INSURER = 1 << 9;
    /// @notice A customs or origin authority, or a chamber of commerce: issues certificates of origin.
    uint32 internal constant AUTHORITY = 1 << 10;

    /// @notice Every kind defined so far; bits outside this mask are rejected by the registry.
    uint32 internal constant ALL = (1 << 11) - 1;

    /// @notice Kinds that may be named as an operator of an eBL or receive custody of assets for others: contracts
    /// that hold for others and may act for an eBL's title holder. The registry never records them together with any
    /// other kind, so a custodian can never also be a title holder, a trader or an issuer.
    uint32 internal constant CONTRACT_CUSTODIAN = SETTLEMENT | CUSTODY;
}
