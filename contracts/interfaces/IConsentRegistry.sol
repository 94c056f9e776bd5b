// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRailsErrors} from "./IRailsErrors.sol";
import {ITradeDocumentRegistry} from "./ITradeDocumentRegistry.sol";

/**
 * @title IConsentRegistry
 * @notice Consent to share trade data, in the manner of Hong Kong's Commercial Data Interchange: a data owner (a trader)
 * grants a verified participant (a bank, most often) access to a scope of its data, for one purpose, until an expiry;
 * by transaction or by an EIP-712 signature that anyone may relay. The owner revokes at once. Every access the
 * grantee makes is recorded here with the hash of its signed request, so the owner can audit who read what and why.
 * @dev The data itself never comes here: data providers hold it off chain and release it only under a live consent
 * that covers the request ({covers}), recording the access with the grantee's signed request ({recordAccess}).
 * A grant's id is `keccak256(abi.encode(owner, nonce))` with the owner's nonce at the time (one counter per owner
 * for grants by transaction and by signature alike, so a signed grant cannot be replayed). See docs/consent.md.
 */
interface IConsentRegistry is IRailsErrors {
    /// @notice What a grant opens.
    enum ScopeKind {
        /// The owner's documents of the given types, wherever they are bound.
        OwnerDocuments,
        /// The owner's documents of the given types bound to one eBL (`target` = the eBL registry, `targetId` = the
        /// token id).
        BillDocuments,
        /// The owner's data of the given types held by one data provider (`target` = the provider's address).
        ProviderFeed
    }

    /// @notice Why the grantee may read: the purpose it must state in each request.
    enum Purpose {
        /// Not a purpose (refused).
        None,
        /// Financing the trade (pre-shipment or receivables finance, a documentary credit, a pledge).
        Financing,
        /// Compliance checks (KYC/KYB, sanctions, trade-based money laundering).
        Compliance,
        /// Verifying that the trade is genuine (Project Cargox's use of cargo data).
        TradeVerification
    }

    /**
     * @notice What the owner consents to.
     * @param grantee The verified participant that may read.
     * @param scopeKind What it may read.
     * @param documentTypes Bit `t` set: documents of type `t` (ITradeDocumentRegistry type ids); never zero.
     * @param target The eBL registry (BillDocuments) or the data provider (ProviderFeed); zero for OwnerDocuments.
     * @param targetId The eBL's token id (BillDocuments); zero otherwise.
     * @param purpose Why it may read.
     * @param expiresAt When the consent ends (unix seconds, in the future).
     */
    struct ConsentTerms {
        address grantee;
        ScopeKind scopeKind;
        uint256 documentTypes;
        address target;
        uint256 targetId;
        Purpose purpose;
        uint40 expiresAt;
    }

    /**
     * @notice A grant as recorded.
     * @param owner The data owner who granted it.
     * @param revoked Whether the owner revoked it.
     * @param terms What was granted.
     */
    struct Grant {
        address owner;
        bool revoked;
        ConsentTerms terms;
    }

    /**
     * @notice One access of a grantee to one piece of data, as the grantee signs it (EIP-712 `DataRequest`) and sends
     * it to the data provider.
     * @param grantId The grant it relies on.
     * @param documentId The document asked for (ITradeDocumentRegistry id).
     * @param purpose The purpose stated for this access (must be the grant's).
     * @param nonce Any value the grantee never used before in a request (recorded requests are never recorded again).
     * @param deadline Until when the request may be served and recorded (unix seconds).
     */
    struct DataRequest {
        bytes32 grantId;
        bytes32 documentId;
        Purpose purpose;
        bytes32 nonce;
        uint256 deadline;
    }

    // ------------------------------------------------------------------ events

    /**
     * @notice A consent was granted.
     * @param grantId The grant's id.
     * @param owner The data owner.
     * @param grantee Who may read.
     * @param terms Everything granted.
     */
    event ConsentGranted(bytes32 indexed grantId, address indexed owner, address indexed grantee, ConsentTerms terms);

    /**
     * @notice A consent was revoked by its owner.
     * @param grantId The grant's id.
     * @param owner The data owner.
     */
    event ConsentRevoked(bytes32 indexed grantId, address indexed owner);

    /**
     * @notice A grantee accessed data under a consent.
     * @param grantId The grant relied on.
     * @param grantee Who read.
     * @param documentId What was read.
     * @param requestHash The EIP-712 digest of the grantee's signed `DataRequest`.
     * @param purpose The purpose stated.
     * @param recorder Who recorded it (the data provider, or the grantee).
     */
    event AccessRecorded(
        bytes32 indexed grantId,
        address indexed grantee,
        bytes32 indexed documentId,
        bytes32 requestHash,
        Purpose purpose,
        address recorder
    );

    // ------------------------------------------------------------------ errors

    /// @notice `grantId` is not a grant.
    error ConsentNotFound(bytes32 grantId);

    /// @notice Only the grant's owner may revoke it.
    error ConsentNotOwner(bytes32 grantId, address caller);

    /// @notice `account` is not the grant's grantee: only the grantee may read under it.
    error ConsentNotGrantee(bytes32 grantId, address account);

    /// @notice The grant was revoked.
    error ConsentRevokedGrant(bytes32 grantId);

    /// @notice The grant expired at `expiresAt` (the chain's time is `nowTimestamp`).
    error ConsentExpired(bytes32 grantId, uint40 expiresAt, uint256 nowTimestamp);

    /// @notice The terms are malformed: `reason` names the field (zero types, a target where none belongs or none
    /// where one must be, an expiry not in the future, purpose None, the owner as grantee).
    error ConsentInvalidTerms(string reason);

    /// @notice The request states `purpose` while the grant is for `granted`.
    error ConsentWrongPurpose(bytes32 grantId, Purpose granted, Purpose purpose);

    /// @notice The document is outside the grant's scope: not the owner's, another type, another eBL or provider.
    error ConsentOutOfScope(bytes32 grantId, bytes32 documentId);

    /// @notice The document is unknown or revoked in the document registry.
    error ConsentDocumentUnavailable(bytes32 documentId);

    /// @notice This request was recorded already (same digest).
    error ConsentRequestReplayed(bytes32 requestHash);

    /// @notice The signed grant's nonce is not the owner's next nonce (used, or not yet reached).
    error ConsentInvalidNonce(address owner, uint256 nonce);

    /// @notice {recordAccesses} got `requests` requests and `signatures` signatures: one signature per request.
    error ConsentBatchLengthMismatch(uint256 requests, uint256 signatures);

    // ------------------------------------------------------------------ grants

    /**
     * @notice Grants consent as the caller (the data owner, a verified participant).
     * @param terms What is granted.
     * @return grantId `keccak256(abi.encode(msg.sender, nonce))` with the caller's nonce before the call.
     */
    function grant(ConsentTerms calldata terms) external returns (bytes32 grantId);

    /**
     * @notice Grants consent on the owner's EIP-712 signature (`ConsentGrant`), submitted by anyone.
     * @param owner The data owner who signed (ECDSA, or ERC-1271 for a contract account).
     * @param terms What is granted.
     * @param nonce The owner's next nonce ({nonces}).
     * @param deadline Until when the signature may be submitted.
     * @param signature The owner's signature.
     * @return grantId `keccak256(abi.encode(owner, nonce))`.
     */
    function grantWithSignature(
        address owner,
        ConsentTerms calldata terms,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (bytes32 grantId);

    /**
     * @notice Revokes a grant at once (the caller must be its owner). Revoking twice is refused.
     * @param grantId The grant.
     */
    function revoke(bytes32 grantId) external;

    /**
     * @notice Revokes a grant on the owner's EIP-712 signature (`ConsentRevocation`), submitted by anyone.
     * @param grantId The grant.
     * @param deadline Until when the signature may be submitted.
     * @param signature The owner's signature.
     */
    function revokeWithSignature(bytes32 grantId, uint256 deadline, bytes calldata signature) external;

    // ------------------------------------------------------------------ access

    /**
     * @notice Records an access on the grantee's signed request; refuses unless the grant is live now and covers the
     * request ({covers}). Called by the data provider before it releases the data, or by anyone holding the request.
     * @param request The request.
     * @param signature The grantee's EIP-712 signature of `request` (ECDSA, or ERC-1271).
     * @return requestHash The request's EIP-712 digest (in the event).
     */
    function recordAccess(
        DataRequest calldata request,
        bytes calldata signature
    ) external returns (bytes32 requestHash);

    /**
     * @notice {recordAccess} for several requests in one transaction (a provider's batch); all or nothing.
     * @param requests The requests.
     * @param signatures The grantees' signatures, in the same order.
     * @return requestHashes Their digests.
     */
    function recordAccesses(
        DataRequest[] calldata requests,
        bytes[] calldata signatures
    ) external returns (bytes32[] memory requestHashes);

    // ------------------------------------------------------------------ views

    /**
     * @notice The document registry whose documents grants cover.
     * @return The registry.
     */
    function documents() external view returns (ITradeDocumentRegistry);

    /**
     * @notice A grant (all zero when unknown).
     * @param grantId The grant.
     * @return The grant.
     */
    function grantOf(bytes32 grantId) external view returns (Grant memory);

    /**
     * @notice The owner's next grant nonce.
     * @param owner The data owner.
     * @return The nonce.
     */
    function nonces(address owner) external view returns (uint256);

    /**
     * @notice Whether the grant is live now: known, not revoked, not expired, and its owner and grantee still verified.
     * @param grantId The grant.
     * @return True if it is.
     */
    function isLive(bytes32 grantId) external view returns (bool);

    /**
     * @notice Whether `grantee` may read `documentId` for `purpose` under the grant now; reverts with the reason when
     * it may not (the same checks {recordAccess} makes, without the signature).
     * @param grantId The grant.
     * @param grantee Who asks.
     * @param documentId The document asked for.
     * @param purpose The purpose stated.
     * @param provider The data provider serving it (checked against the target of a ProviderFeed grant).
     * @return True.
     */
    function covers(
        bytes32 grantId,
        address grantee,
        bytes32 documentId,
        Purpose purpose,
        address provider
    ) external view returns (bool);

    /**
     * @notice The EIP-712 digest of a request (what the grantee signs, and the hash in {AccessRecorded}).
     * @param request The request.
     * @return The digest.
     */
    function hashDataRequest(DataRequest calldata request) external view returns (bytes32);

    /**
     * @notice Whether a request with this digest was recorded.
     * @param requestHash The digest.
     * @return True if it was.
     */
    function isRecorded(bytes32 requestHash) external view returns (bool);
}
