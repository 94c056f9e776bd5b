// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRailsErrors} from "./IRailsErrors.sol";
import {ITradeDocumentRegistry} from "./ITradeDocumentRegistry.sol";

/**
 * @title IDocumentsCondition
 * @notice A settlement condition (ISettlementCondition) that requires a set of trade documents: terms name it as
 * `condition` with a requirement id as `conditionData`, and the settlement goes ahead only if every document the
 * requirement lists is, at that moment, of the required type, issued (not revoked; a superseded document counts with
 * its newest version), by an issuer still verified as a kind that may issue that type, and bound to the eBL the terms
 * trade. Otherwise it refuses with an error naming the first document that fails and why.
 * @dev A requirement is content-addressed: `requirementId = keccak256(abi.encode(entries))`; anyone may define it
 * (idempotent), and the parties sign terms naming it. The same contract serves every settlement contract.
 */
interface IDocumentsCondition is IRailsErrors {
    /**
     * @notice One required document.
     * @param documentType The type it must have.
     * @param documentId The document (ITradeDocumentRegistry id).
     */
    struct RequiredDocument {
        uint8 documentType;
        bytes32 documentId;
    }

    /**
     * @notice A requirement was defined.
     * @param requirementId Its id.
     * @param documents What it requires.
     */
    event RequirementDefined(bytes32 indexed requirementId, RequiredDocument[] documents);

    /// @notice The terms name a requirement that was never defined.
    error DocumentsUnknownRequirement(bytes32 requirementId);

    /// @notice A requirement must list 1 to 16 documents, each once.
    error DocumentsInvalidRequirement();

    /// @notice A required document is not in the registry.
    error DocumentsMissing(bytes32 documentId);

    /// @notice A required document was revoked by its issuer.
    error DocumentsRevoked(bytes32 documentId);

    /// @notice A required document has another type than the requirement says.
    error DocumentsWrongType(bytes32 documentId, uint8 required, uint8 actual);

    /// @notice A required document belongs to another eBL (or deal) than the terms trade.
    error DocumentsNotBound(bytes32 documentId, address registry, uint256 tokenId);

    /// @notice A required document's issuer is no longer verified as a kind that may issue its type.
    error DocumentsIssuerNotQualified(bytes32 documentId, address issuer);

    /**
     * @notice Defines a requirement (or returns the id of the same one defined before).
     * @param documents The documents required, 1 to 16, no id twice.
     * @return requirementId `keccak256(abi.encode(documents))`.
     */
    function defineRequirement(RequiredDocument[] calldata documents) external returns (bytes32 requirementId);

    /**
     * @notice What a requirement lists (empty when undefined).
     * @param requirementId The requirement.
     * @return The documents.
     */
    function requirementOf(bytes32 requirementId) external view returns (RequiredDocument[] memory);

    /**
     * @notice Checks a requirement against an eBL now, as a settlement would; reverts with the reason if it fails.
     * @param requirementId The requirement.
     * @param registry The eBL registry.
     * @param tokenId The eBL.
     */
    function check(bytes32 requirementId, address registry, uint256 tokenId) external view;

    /**
     * @notice The document registry it reads.
     * @return The registry.
     */
    function documents() external view returns (ITradeDocumentRegistry);
}
