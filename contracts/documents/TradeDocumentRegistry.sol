// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";

import {ParticipantKinds} from "../access/ParticipantKinds.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {ITradeDocumentRegistry} from "../interfaces/ITradeDocumentRegistry.sol";

/**
 * @title TradeDocumentRegistry
 * @notice The supporting trade documents of eBLs and deals: hashes, issuers, versions and status, never content or
 * personal data. See {ITradeDocumentRegistry} and docs/documents.md.
 * @dev {AccessManaged}: {setDocumentType} is `restricted` (the rails' `DOCUMENT ADMIN` role). No pause: an issuer
 * ends a bad document by revoking it, and a registration changes nothing but the issuer's own records.
 *
 * Storage, per document (test/solidity/DocumentStorage.t.sol pins it against the compiler's layout):
 *
 * | slot of `_documents[id]` | bytes | field |
 * | ---  | --- | --- |
 * | +0 | 0      | documentType (uint8) |
 * | +0 | 1      | status (DocumentStatus) |
 * | +0 | 2..5   | version (uint32) |
 * | +0 | 6..10  | issuedAt (uint40) |
 * | +0 | 11..30 | issuer (address) |
 * | +1 | 0..19  | owner (address) |
 * | +2 | 0..19  | subjectContract (address) |
 * | +3 | all    | subjectId (uint256) |
 * | +4 | all    | sha256Hash of the current version (bytes32) |
 *
 * `_previousHashes[id][v]` keeps the hash of each superseded version `v` (written when it is superseded, so a
 * registration writes the five slots above and one entry of `_subjects` only); `_subjects[contract][id]` lists the
 * document ids of a subject; `_issuerKinds[type]` the kinds that may issue a type. Nothing else is stored: the
 * revocation reason is in the event only.
 */
contract TradeDocumentRegistry is ITradeDocumentRegistry, AccessManaged {
    /// @notice The longest revocation reason, in bytes.
    uint256 public constant MAX_REASON_LENGTH = 256;

    /// @notice The participant register that says who is verified as which kind.
    IParticipantRegistry public immutable participants;

    mapping(uint8 documentType => uint32 issuerKinds) private _issuerKinds;
    mapping(bytes32 documentId => Document) private _documents;
    mapping(bytes32 documentId => mapping(uint32 version => bytes32 sha256Hash)) private _previousHashes;
    mapping(address subjectContract => mapping(uint256 subjectId => bytes32[] documentIds)) private _subjects;

    /**
     * @notice Deploys the registry with the seven standard document types (ids after ICC DSI KTDDE's key trade
     * documents): 1 commercial invoice (TRADER), 2 packing list (TRADER), 3 certificate of origin (AUTHORITY),
     * 4 insurance certificate (INSURER), 5 inspection certificate (INSPECTOR), 6 customs declaration (TRADER or
     * AGENT), 7 sea waybill (CARRIER).
     * @param initialAuthority The rails' access manager (`DOCUMENT ADMIN` role).
     * @param participants_ The participant register.
     */
    constructor(address initialAuthority, IParticipantRegistry participants_) AccessManaged(initialAuthority) {
        if (address(participants_) == address(0)) revert RailsZeroAddress();
        participants = participants_;
        _setDocumentType(1, ParticipantKinds.TRADER);
        _setDocumentType(2, ParticipantKinds.TRADER);
        _setDocumentType(3, ParticipantKinds.AUTHORITY);
        _setDocumentType(4, ParticipantKinds.INSURER);
        _setDocumentType(5, ParticipantKinds.INSPECTOR);
        _setDocumentType(6, ParticipantKinds.TRADER | ParticipantKinds.AGENT);
        _setDocumentType(7, ParticipantKinds.CARRIER);
    }

    // ------------------------------------------------------------------ types of document (admin)

    /// @inheritdoc ITradeDocumentRegistry
    function setDocumentType(uint8 documentType, uint32 issuerKinds) external restricted {
        if (documentType == 0) revert DocumentUnknownType(documentType);
        _setDocumentType(documentType, issuerKinds);
    }

    /// @inheritdoc ITradeDocumentRegistry
    function issuerKindsOf(uint8 documentType) external view returns (uint32) {
        return _issuerKinds[documentType];
    }

    // ------------------------------------------------------------------ lifecycle (issuers)

    /// @inheritdoc ITradeDocumentRegistry
    function register(
        uint8 documentType,
        bytes32 documentReference,
        address owner,
        address subjectContract,
        uint256 subjectId,
        bytes32 sha256Hash
    ) external returns (bytes32 documentId) {
        address issuer = msg.sender;
        _checkIssuer(issuer, documentType);
        if (owner == address(0)) revert RailsZeroAddress();
        if (!participants.isVerified(owner)) revert RailsNotVerified(owner);
        if (subjectContract == address(0)) revert DocumentNoSubject();
        if (sha256Hash == bytes32(0)) revert DocumentInvalidHash(sha256Hash);
        documentId = documentIdOf(issuer, documentType, documentReference);
        Document storage d = _documents[documentId];
        if (d.status != DocumentStatus.None) revert DocumentAlreadyRegistered(documentId);

        _documents[documentId] = Document({
            documentType: documentType,
            status: DocumentStatus.Issued,
            version: 1,
            issuedAt: uint40(block.timestamp),
            issuer: issuer,
            owner: owner,
            subjectContract: subjectContract,
            subjectId: subjectId,
            sha256Hash: sha256Hash
        });
        _subjects[subjectContract][subjectId].push(documentId);
        emit DocumentRegistered(documentId, documentType, issuer, owner, subjectContract, subjectId, sha256Hash);
    }

    /// @inheritdoc ITradeDocumentRegistry
    function supersede(bytes32 documentId, bytes32 sha256Hash) external returns (uint32 version) {
        Document storage d = _issuedBySender(documentId);
        _checkIssuer(msg.sender, d.documentType);
        bytes32 previous = d.sha256Hash;
        if (sha256Hash == bytes32(0) || sha256Hash == previous) revert DocumentInvalidHash(sha256Hash);

        uint32 previousVersion = d.version;
        _previousHashes[documentId][previousVersion] = previous;
        version = previousVersion + 1;
        d.version = version;
        d.issuedAt = uint40(block.timestamp);
        d.sha256Hash = sha256Hash;
        emit DocumentSuperseded(documentId, version, sha256Hash);
    }

    /// @inheritdoc ITradeDocumentRegistry
    function revoke(bytes32 documentId, string calldata reason) external {
        Document storage d = _issuedBySender(documentId);
        if (bytes(reason).length == 0 || bytes(reason).length > MAX_REASON_LENGTH) revert DocumentInvalidReason();
        d.status = DocumentStatus.Revoked;
        emit DocumentRevoked(documentId, d.version, reason);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ITradeDocumentRegistry
    function documentIdOf(address issuer, uint8 documentType, bytes32 documentReference) public pure returns (bytes32) {
        return keccak256(abi.encode(issuer, documentType, documentReference));
    }

    /// @inheritdoc ITradeDocumentRegistry
    function documentOf(bytes32 documentId) external view returns (Document memory) {
        return _documents[documentId];
    }

    /// @inheritdoc ITradeDocumentRegistry
    function versionOf(
        bytes32 documentId,
        uint32 version
    ) external view returns (bytes32 sha256Hash, DocumentStatus status) {
        Document storage d = _documents[documentId];
        uint32 current = d.version;
        if (version == 0 || version > current) return (bytes32(0), DocumentStatus.None);
        if (version == current) return (d.sha256Hash, d.status);
        return (_previousHashes[documentId][version], DocumentStatus.Superseded);
    }

    /// @inheritdoc ITradeDocumentRegistry
    function isCurrent(bytes32 documentId, bytes32 sha256Hash) external view returns (bool) {
        Document storage d = _documents[documentId];
        return d.status == DocumentStatus.Issued && sha256Hash != bytes32(0) && d.sha256Hash == sha256Hash;
    }

    /// @inheritdoc ITradeDocumentRegistry
    function isIssuerQualified(bytes32 documentId) external view returns (bool) {
        Document storage d = _documents[documentId];
        // an unknown document has no issuer, and the zero address is never verified
        return d.status != DocumentStatus.None && participants.isVerifiedAs(d.issuer, _issuerKinds[d.documentType]);
    }

    /// @inheritdoc ITradeDocumentRegistry
    function documentsOf(address subjectContract, uint256 subjectId) external view returns (bytes32[] memory) {
        return _subjects[subjectContract][subjectId];
    }

    // ------------------------------------------------------------------ internals

    function _setDocumentType(uint8 documentType, uint32 issuerKinds) private {
        _issuerKinds[documentType] = issuerKinds;
        emit DocumentTypeSet(documentType, issuerKinds);
    }

    /// @dev The type is defined and `issuer` is verified now as one of the kinds that may issue it.
    function _checkIssuer(address issuer, uint8 documentType) private view {
        uint32 kinds = _issuerKinds[documentType];
        if (kinds == 0) revert DocumentUnknownType(documentType);
        if (!participants.isVerifiedAs(issuer, kinds)) revert DocumentIssuerNotQualified(issuer, documentType);
    }

    /// @dev The record of a document the caller issued and has not revoked.
    function _issuedBySender(bytes32 documentId) private view returns (Document storage d) {
        d = _documents[documentId];
        DocumentStatus status = d.status;
        if (status == DocumentStatus.None) revert DocumentNotFound(documentId);
        if (d.issuer != msg.sender) revert DocumentNotIssuer(documentId, msg.sender);
        if (status == DocumentStatus.Revoked) revert DocumentIsRevoked(documentId);
    }
}
