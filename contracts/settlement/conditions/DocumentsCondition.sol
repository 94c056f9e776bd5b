// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ISettlement} from "../../interfaces/ISettlement.sol";
import {IDocumentsCondition} from "../../interfaces/IDocumentsCondition.sol";
import {ITradeDocumentRegistry} from "../../interfaces/ITradeDocumentRegistry.sol";
import {ISettlementCondition} from "./ISettlementCondition.sol";

/**
 * @title DocumentsCondition
 * @notice A settlement condition that requires trade documents: a requirement (a list of documents, each of a
 * given type) is defined once, the parties name it in their terms, and the settlement goes ahead only if every
 * document it lists is live, of its type, from a qualified issuer and bound to the eBL traded. See
 * {IDocumentsCondition}.
 * @dev Stateless towards the settlements (it only reads): one instance serves every settlement contract. The
 * documents are checked in the order the requirement lists them; for each, in this order: missing, revoked, wrong
 * type, bound to another subject, issuer no longer qualified. The first failure reverts with an error naming that
 * document.
 */
contract DocumentsCondition is IDocumentsCondition, ISettlementCondition {
    /// @notice The most documents a requirement may list.
    uint256 public constant MAX_DOCUMENTS = 16;

    /// @inheritdoc IDocumentsCondition
    ITradeDocumentRegistry public immutable documents;

    mapping(bytes32 requirementId => RequiredDocument[]) private _requirements;

    /**
     * @notice Deploys the condition over one document registry.
     * @param documents_ The trade document registry it reads.
     */
    constructor(ITradeDocumentRegistry documents_) {
        if (address(documents_) == address(0)) revert RailsZeroAddress();
        documents = documents_;
    }

    /// @inheritdoc IDocumentsCondition
    function defineRequirement(RequiredDocument[] calldata required) external returns (bytes32 requirementId) {
        uint256 count = required.length;
        if (count == 0 || count > MAX_DOCUMENTS) revert DocumentsInvalidRequirement();
        for (uint256 i; i < count; ++i) {
            if (required[i].documentType == 0 || required[i].documentId == bytes32(0)) {
                revert DocumentsInvalidRequirement();
            }
            for (uint256 j; j < i; ++j) {
                if (required[j].documentId == required[i].documentId) revert DocumentsInvalidRequirement();
            }
        }
        requirementId = keccak256(abi.encode(required));
        RequiredDocument[] storage stored = _requirements[requirementId];
        if (stored.length != 0) return requirementId; // defined before: the same list, by its hash
        for (uint256 i; i < count; ++i) {
            stored.push(required[i]);
        }
        emit RequirementDefined(requirementId, required);
    }

    /// @inheritdoc IDocumentsCondition
    function requirementOf(bytes32 requirementId) external view returns (RequiredDocument[] memory) {
        return _requirements[requirementId];
    }

    /// @inheritdoc IDocumentsCondition
    function check(bytes32 requirementId, address registry, uint256 tokenId) public view {
        RequiredDocument[] storage required = _requirements[requirementId];
        uint256 count = required.length;
        if (count == 0) revert DocumentsUnknownRequirement(requirementId);
        for (uint256 i; i < count; ++i) {
            RequiredDocument storage r = required[i];
            bytes32 id = r.documentId;
            ITradeDocumentRegistry.Document memory d = documents.documentOf(id);
            if (d.status == ITradeDocumentRegistry.DocumentStatus.None) revert DocumentsMissing(id);
            if (d.status == ITradeDocumentRegistry.DocumentStatus.Revoked) revert DocumentsRevoked(id);
            if (d.documentType != r.documentType) revert DocumentsWrongType(id, r.documentType, d.documentType);
            if (d.subjectContract != registry || d.subjectId != tokenId)
                revert DocumentsNotBound(id, registry, tokenId);
            if (!documents.isIssuerQualified(id)) revert DocumentsIssuerNotQualified(id, d.issuer);
        }
    }

    /**
     * @inheritdoc ISettlementCondition
     * @dev Checks the requirement `terms.conditionData` against the eBL `terms.registry` / `terms.tokenId` ({check}).
     */
    function checkSettlement(bytes32, ISettlement.Terms calldata terms) external view returns (bytes4) {
        check(terms.conditionData, terms.registry, terms.tokenId);
        return ISettlementCondition.checkSettlement.selector;
    }
}
