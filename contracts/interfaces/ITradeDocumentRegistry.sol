// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRailsErrors} from "./IRailsErrors.sol";

/**
 * @title ITradeDocumentRegistry
 * @notice The supporting trade documents of an eBL or a deal (commercial invoice, packing list, certificate of origin,
 * insurance and inspection certificates, customs declaration, sea waybill, ...): who issued which document, its
 * SHA-256, its version and whether it is still good. The documents themselves stay off chain with their holders and
 * data providers; the registry keeps hashes, addresses and numbers only, never content or personal data.
 * @dev A document's id is `keccak256(abi.encode(issuer, documentType, documentReference))`, where `documentReference` is the hash of the
 * issuer's own document number (the SDK computes both): stable across versions, and nobody else can take it.
 * A document is bound at registration to one subject, a contract and an id in it: an eBL (`registry`, `tokenId`) or a
 * deal (`EscrowedDeals`, the deal id as a number). Each document type names the participant kinds that may issue it
 * (`issuerKinds`, bits of `ParticipantKinds`); an issuer must be verified as one of them when it registers or
 * supersedes. Versions start at 1; `supersede` records a new hash under the same id (the previous version becomes
 * Superseded); `revoke` ends the document with a reason. Only the issuer supersedes or revokes. See docs/documents.md.
 */
interface ITradeDocumentRegistry is IRailsErrors {
    /// @notice The state of one version of a document.
    enum DocumentStatus {
        /// Never registered.
        None,
        /// Issued: the current version, good.
        Issued,
        /// Replaced by a later version (the document id lives on in that version).
        Superseded,
        /// Withdrawn by its issuer, with a reason (final; the document id can never be used again).
        Revoked
    }

    /**
     * @notice A document's current version.
     * @param documentType The type id (see {documentType}).
     * @param status The current version's status (Issued or Revoked; None if never registered).
     * @param version The current version, from 1.
     * @param issuedAt When the current version was registered (unix seconds).
     * @param issuer Who issued it (and alone may supersede or revoke it).
     * @param owner The data owner (the trader the data belongs to), who alone may grant access to it (ConsentRegistry).
     * @param subjectContract The eBL registry (or deal contract) the document belongs to.
     * @param subjectId The eBL's token id (or the deal id as a number).
     * @param sha256Hash SHA-256 of the current version: of its RFC 8785 canonical JSON for a JSON document, of its bytes
     * for a file.
     */
    struct Document {
        uint8 documentType;
        DocumentStatus status;
        uint32 version;
        uint40 issuedAt;
        address issuer;
        address owner;
        address subjectContract;
        uint256 subjectId;
        bytes32 sha256Hash;
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice A document type was defined or its issuers changed.
     * @param documentType The type id.
     * @param issuerKinds The participant kinds that may issue it (0: the type is disabled).
     */
    event DocumentTypeSet(uint8 indexed documentType, uint32 issuerKinds);

    /**
     * @notice A document was registered (version 1).
     * @param documentId The document's id.
     * @param documentType Its type.
     * @param issuer Who issued it.
     * @param owner Its data owner.
     * @param subjectContract The eBL registry (or deal contract) it belongs to.
     * @param subjectId The eBL's token id (or the deal id).
     * @param sha256Hash SHA-256 of the document.
     */
    event DocumentRegistered(
        bytes32 indexed documentId,
        uint8 indexed documentType,
        address indexed issuer,
        address owner,
        address subjectContract,
        uint256 subjectId,
        bytes32 sha256Hash
    );

    /**
     * @notice A document got a new version; the previous one is Superseded.
     * @param documentId The document's id.
     * @param version The new version.
     * @param sha256Hash SHA-256 of the new version.
     */
    event DocumentSuperseded(bytes32 indexed documentId, uint32 version, bytes32 sha256Hash);

    /**
     * @notice A document was revoked by its issuer.
     * @param documentId The document's id.
     * @param version The version that was current.
     * @param reason Why, in words (kept in the log only).
     */
    event DocumentRevoked(bytes32 indexed documentId, uint32 version, string reason);

    // ------------------------------------------------------------------ errors

    /// @notice `documentType` is not defined (or disabled): no participant kind may issue it.
    error DocumentUnknownType(uint8 documentType);

    /// @notice `issuer` is not verified as a kind that may issue documents of `documentType`.
    error DocumentIssuerNotQualified(address issuer, uint8 documentType);

    /// @notice A document with this id exists already (registered, superseded or revoked).
    error DocumentAlreadyRegistered(bytes32 documentId);

    /// @notice No document has this id.
    error DocumentNotFound(bytes32 documentId);

    /// @notice Only the document's issuer may supersede or revoke it.
    error DocumentNotIssuer(bytes32 documentId, address caller);

    /// @notice The document is revoked: it cannot change any more.
    error DocumentIsRevoked(bytes32 documentId);

    /// @notice A zero SHA-256, or a new version with the current version's hash.
    error DocumentInvalidHash(bytes32 sha256Hash);

    /// @notice A document with no subject (zero contract).
    error DocumentNoSubject();

    /// @notice A revocation must give a reason (1 to 256 bytes).
    error DocumentInvalidReason();

    // ------------------------------------------------------------------ types of document (admin)

    /**
     * @notice Defines a document type, or changes which participant kinds may issue it (0 disables it; documents
     * already registered stay as they are, but {isIssuerQualified} follows the new kinds).
     * @dev Restricted (`DOCUMENT ADMIN`).
     * @param documentType The type id (1 to 255; the seven standard types are defined at deployment).
     * @param issuerKinds The `ParticipantKinds` bits of the kinds that may issue it.
     */
    function setDocumentType(uint8 documentType, uint32 issuerKinds) external;

    /**
     * @notice The participant kinds that may issue documents of `documentType` (0: not defined).
     * @param documentType The type id.
     * @return The `ParticipantKinds` bits.
     */
    function issuerKindsOf(uint8 documentType) external view returns (uint32);

    // ------------------------------------------------------------------ lifecycle (issuers)

    /**
     * @notice Registers a document issued by the caller, as version 1.
     * @param documentType The type id; the caller must be verified as one of its issuer kinds.
     * @param documentReference The hash of the issuer's own document number (makes the id).
     * @param owner The data owner, a verified participant.
     * @param subjectContract The eBL registry (or deal contract) it belongs to.
     * @param subjectId The eBL's token id (or the deal id).
     * @param sha256Hash SHA-256 of the document (non-zero).
     * @return documentId `keccak256(abi.encode(msg.sender, documentType, documentReference))`.
     */
    function register(
        uint8 documentType,
        bytes32 documentReference,
        address owner,
        address subjectContract,
        uint256 subjectId,
        bytes32 sha256Hash
    ) external returns (bytes32 documentId);

    /**
     * @notice Records a new version of a document the caller issued (e.g. a corrected invoice); the current version
     * becomes Superseded. The caller must still be verified as an issuer kind of the type.
     * @param documentId The document.
     * @param sha256Hash SHA-256 of the new version (non-zero, different from the current one).
     * @return version The new version.
     */
    function supersede(bytes32 documentId, bytes32 sha256Hash) external returns (uint32 version);

    /**
     * @notice Withdraws a document the caller issued, with a reason; final.
     * @param documentId The document.
     * @param reason Why (1 to 256 bytes; in the event only).
     */
    function revoke(bytes32 documentId, string calldata reason) external;

    // ------------------------------------------------------------------ views

    /**
     * @notice The id a document of `issuer` gets.
     * @param issuer The issuer.
     * @param documentType The type id.
     * @param documentReference The hash of the issuer's document number.
     * @return `keccak256(abi.encode(issuer, documentType, documentReference))`.
     */
    function documentIdOf(
        address issuer,
        uint8 documentType,
        bytes32 documentReference
    ) external pure returns (bytes32);

    /**
     * @notice A document's current version (all zero when unknown).
     * @param documentId The document.
     * @return The record.
     */
    function documentOf(bytes32 documentId) external view returns (Document memory);

    /**
     * @notice The SHA-256 and status of one version of a document.
     * @param documentId The document.
     * @param version The version, from 1.
     * @return sha256Hash Its hash (zero when there is no such version).
     * @return status Issued (current), Superseded, Revoked (the current version of a revoked document) or None.
     */
    function versionOf(
        bytes32 documentId,
        uint32 version
    ) external view returns (bytes32 sha256Hash, DocumentStatus status);

    /**
     * @notice Whether `sha256Hash` is the current, issued (not revoked) version of the document.
     * @param documentId The document.
     * @param sha256Hash A hash computed from the document in hand.
     * @return True if it is.
     */
    function isCurrent(bytes32 documentId, bytes32 sha256Hash) external view returns (bool);

    /**
     * @notice Whether the document's issuer is verified now as a kind that may issue the document's type.
     * @param documentId The document.
     * @return True if it is (false for an unknown document).
     */
    function isIssuerQualified(bytes32 documentId) external view returns (bool);

    /**
     * @notice The documents bound to a subject, in order of registration (revoked ones included).
     * @param subjectContract The eBL registry (or deal contract).
     * @param subjectId The eBL's token id (or the deal id).
     * @return The document ids.
     */
    function documentsOf(address subjectContract, uint256 subjectId) external view returns (bytes32[] memory);
}
