// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {IConsentRegistry} from "../interfaces/IConsentRegistry.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {ITradeDocumentRegistry} from "../interfaces/ITradeDocumentRegistry.sol";
import {SignatureVerification} from "../utils/SignatureVerification.sol";

/**
 * @title ConsentRegistry
 * @notice Data owners' consents to share their trade data, and the record of every access made under them. See
 * {IConsentRegistry} and docs/consent.md.
 * @dev No admin: nobody but a grant's owner can change it. A grant is stored packed (see {StoredGrant}) and returned
 * as the interface's {Grant}. External calls are all `view` (`staticcall`): the participant registry, the trade
 * document registry, and ERC-1271 `isValidSignature` through {SignatureVerification}; none can call back and change
 * state here, so no reentrancy guard is needed.
 *
 * A grant is live while it is known, not revoked, not expired, and its owner and grantee are verified participants
 * now: a lapsed or revoked participant neither reads nor lets anyone read, and comes back with its grants when
 * verified again. An owner whose verification lapsed may still revoke. Refusals of {covers} and {recordAccess} come
 * in a fixed order (documented on {_checkCovers}) so that the first reason is always the one reported.
 */
contract ConsentRegistry is IConsentRegistry, Context, EIP712 {
    /// @notice The EIP-712 type hash of {ConsentTerms}.
    bytes32 public constant CONSENT_TERMS_TYPEHASH = keccak256(
        "ConsentTerms(address grantee,uint8 scopeKind,uint256 documentTypes,address target,uint256 targetId,"
        "uint8 purpose,uint40 expiresAt)"
    );

    /// @notice The EIP-712 type hash of an owner's signed grant.
    bytes32 public constant CONSENT_GRANT_TYPEHASH = keccak256(
        "ConsentGrant(address owner,ConsentTerms terms,uint256 nonce,uint256 deadline)"
        "ConsentTerms(address grantee,uint8 scopeKind,uint256 documentTypes,address target,uint256 targetId,"
        "uint8 purpose,uint40 expiresAt)"
    );

    /// @notice The EIP-712 type hash of an owner's signed revocation.
    bytes32 public constant CONSENT_REVOCATION_TYPEHASH = keccak256(
        "ConsentRevocation(bytes32 grantId,uint256 deadline)"
    );

    /// @notice The EIP-712 type hash of a grantee's {DataRequest}.
    bytes32 public constant DATA_REQUEST_TYPEHASH = keccak256(
        "DataRequest(bytes32 grantId,bytes32 documentId,uint8 purpose,bytes32 nonce,uint256 deadline)"
    );

    /**
     * @dev A grant as stored. Layout:
     *
     * | slot | fields                                                   | bytes               |
     * | ---- | -------------------------------------------------------- | ------------------- |
     * | 0    | owner, revoked, scopeKind, purpose, expiresAt            | 20 + 1 + 1 + 1 + 5  |
     * | 1    | grantee                                                  | 20                  |
     * | 2    | target (BillDocuments, ProviderFeed; else never written) | 20                  |
     * | 3    | documentTypes                                            | 32                  |
     * | 4    | targetId (BillDocuments; else never written)             | 32                  |
     *
     * Slot 0 answers "known, revoked, expired, which purpose and scope" in one read; a revocation writes it alone.
     * A grant is known iff `owner` is non-zero (an owner is a verified participant, never zero). Pinned by
     * test/solidity/ConsentStorage.t.sol.
     */
    struct StoredGrant {
        address owner;
        bool revoked;
        ScopeKind scopeKind;
        Purpose purpose;
        uint40 expiresAt;
        address grantee;
        address target;
        uint256 documentTypes;
        uint256 targetId;
    }

    /// @notice The participant registry: owners and grantees must be verified in it, as must a feed's provider.
    IParticipantRegistry public immutable participants;

    ITradeDocumentRegistry private immutable _documents;

    mapping(bytes32 grantId => StoredGrant) private _grants;
    mapping(address owner => uint256 nonce) private _nonces;
    mapping(bytes32 requestHash => bool recorded) private _recorded;

    /**
     * @notice Deploys the consent registry.
     * @param participantRegistry The participant registry.
     * @param documentRegistry The trade document registry whose documents grants cover.
     */
    constructor(
        IParticipantRegistry participantRegistry,
        ITradeDocumentRegistry documentRegistry
    ) EIP712("Cargo Rails Consent", "1") {
        if (address(participantRegistry) == address(0) || address(documentRegistry) == address(0)) {
            revert RailsZeroAddress();
        }
        participants = participantRegistry;
        _documents = documentRegistry;
    }

    // ------------------------------------------------------------------ grants

    /// @inheritdoc IConsentRegistry
    function grant(ConsentTerms calldata terms) external returns (bytes32 grantId) {
        address owner = _msgSender();
        return _grant(owner, terms, _nonces[owner]);
    }

    /// @inheritdoc IConsentRegistry
    function grantWithSignature(
        address owner,
        ConsentTerms calldata terms,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (bytes32 grantId) {
        if (block.timestamp > deadline) revert RailsExpired(deadline, block.timestamp);
        if (nonce != _nonces[owner]) revert ConsentInvalidNonce(owner, nonce);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(CONSENT_GRANT_TYPEHASH, owner, _hashTerms(terms), nonce, deadline))
        );
        if (!SignatureVerification.isValidNowCalldata(owner, digest, signature)) revert RailsInvalidSignature(owner);
        return _grant(owner, terms, nonce);
    }

    /// @inheritdoc IConsentRegistry
    function revoke(bytes32 grantId) external {
        StoredGrant storage g = _grants[grantId];
        address owner = g.owner;
        if (owner == address(0)) revert ConsentNotFound(grantId);
        address caller = _msgSender();
        if (caller != owner) revert ConsentNotOwner(grantId, caller);
        _revoke(g, grantId, owner);
    }

    /// @inheritdoc IConsentRegistry
    function revokeWithSignature(bytes32 grantId, uint256 deadline, bytes calldata signature) external {
        if (block.timestamp > deadline) revert RailsExpired(deadline, block.timestamp);
        StoredGrant storage g = _grants[grantId];
        address owner = g.owner;
        if (owner == address(0)) revert ConsentNotFound(grantId);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(CONSENT_REVOCATION_TYPEHASH, grantId, deadline)));
        if (!SignatureVerification.isValidNowCalldata(owner, digest, signature)) revert RailsInvalidSignature(owner);
        _revoke(g, grantId, owner);
    }

    // ------------------------------------------------------------------ access

    /// @inheritdoc IConsentRegistry
    function recordAccess(DataRequest calldata request, bytes calldata signature) external returns (bytes32) {
        return _recordAccess(request, signature, _msgSender());
    }

    /// @inheritdoc IConsentRegistry
    function recordAccesses(
        DataRequest[] calldata requests,
        bytes[] calldata signatures
    ) external returns (bytes32[] memory requestHashes) {
        uint256 n = requests.length;
        if (signatures.length != n) revert ConsentBatchLengthMismatch(n, signatures.length);
        requestHashes = new bytes32[](n);
        address provider = _msgSender();
        // Any refusal reverts the whole batch (a request repeated inside the batch is a replay of itself).
        for (uint256 i; i < n; ++i) {
            requestHashes[i] = _recordAccess(requests[i], signatures[i], provider);
        }
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IConsentRegistry
    function documents() external view returns (ITradeDocumentRegistry) {
        return _documents;
    }

    /// @inheritdoc IConsentRegistry
    function grantOf(bytes32 grantId) external view returns (Grant memory) {
        StoredGrant storage g = _grants[grantId];
        return
            Grant({
                owner: g.owner,
                revoked: g.revoked,
                terms: ConsentTerms({
                    grantee: g.grantee,
                    scopeKind: g.scopeKind,
                    documentTypes: g.documentTypes,
                    target: g.target,
                    targetId: g.targetId,
                    purpose: g.purpose,
                    expiresAt: g.expiresAt
                })
            });
    }

    /// @inheritdoc IConsentRegistry
    function nonces(address owner) external view returns (uint256) {
        return _nonces[owner];
    }

    /// @inheritdoc IConsentRegistry
    function isLive(bytes32 grantId) external view returns (bool) {
        StoredGrant storage g = _grants[grantId];
        address owner = g.owner;
        if (owner == address(0) || g.revoked || block.timestamp >= g.expiresAt) return false;
        (uint32 ownerKinds, uint32 granteeKinds) = participants.verifiedKindsOfPair(owner, g.grantee);
        return ownerKinds != 0 && granteeKinds != 0;
    }

    /// @inheritdoc IConsentRegistry
    function covers(
        bytes32 grantId,
        address grantee,
        bytes32 documentId,
        Purpose purpose,
        address provider
    ) external view returns (bool) {
        _checkCovers(grantId, grantee, documentId, purpose, provider);
        return true;
    }

    /// @inheritdoc IConsentRegistry
    function hashDataRequest(DataRequest calldata request) external view returns (bytes32) {
        return _hashDataRequest(request);
    }

    /// @inheritdoc IConsentRegistry
    function isRecorded(bytes32 requestHash) external view returns (bool) {
        return _recorded[requestHash];
    }

    /**
     * @notice The EIP-712 domain separator that grants, revocations and requests are bound to (this chain, this
     * contract).
     * @return The domain separator.
     */
    // solhint-disable-next-line func-name-mixedcase, use-natspec
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ------------------------------------------------------------------ internals

    /**
     * @dev Checks `terms` for `owner` and records them as grant `nonce` of `owner` (the nonce is then used). Order:
     * the owner verified; the fields in declaration order (grantee, documentTypes, target, targetId, purpose,
     * expiresAt); the grantee verified.
     */
    function _grant(address owner, ConsentTerms calldata terms, uint256 nonce) private returns (bytes32 grantId) {
        address grantee = terms.grantee;
        (uint32 ownerKinds, uint32 granteeKinds) = participants.verifiedKindsOfPair(owner, grantee);
        if (ownerKinds == 0) revert RailsNotVerified(owner);
        _checkTerms(owner, terms);
        if (granteeKinds == 0) revert RailsNotVerified(grantee);

        _nonces[owner] = nonce + 1;
        grantId = keccak256(abi.encode(owner, nonce));
        StoredGrant storage g = _grants[grantId];
        g.owner = owner;
        g.scopeKind = terms.scopeKind;
        g.purpose = terms.purpose;
        g.expiresAt = terms.expiresAt;
        g.grantee = grantee;
        g.documentTypes = terms.documentTypes;
        // An OwnerDocuments grant has neither (checked): its two slots are never written.
        if (terms.scopeKind != ScopeKind.OwnerDocuments) {
            g.target = terms.target;
            g.targetId = terms.targetId;
        }
        emit ConsentGranted(grantId, owner, grantee, terms);
    }

    /// @dev The fields of `terms`, each refused by name ({ConsentInvalidTerms}); a feed's provider must be verified.
    function _checkTerms(address owner, ConsentTerms calldata terms) private view {
        address grantee = terms.grantee;
        if (grantee == owner || grantee == address(0)) revert ConsentInvalidTerms("grantee");
        uint256 types = terms.documentTypes;
        // Bit 0 is no document type (type ids start at 1).
        if (types == 0 || (types & 1) != 0) revert ConsentInvalidTerms("documentTypes");
        ScopeKind kind = terms.scopeKind;
        address target = terms.target;
        if (kind == ScopeKind.OwnerDocuments) {
            if (target != address(0)) revert ConsentInvalidTerms("target");
            if (terms.targetId != 0) revert ConsentInvalidTerms("targetId");
        } else {
            if (target == address(0)) revert ConsentInvalidTerms("target");
            if (kind == ScopeKind.ProviderFeed) {
                if (!participants.isVerified(target)) revert RailsNotVerified(target);
                if (terms.targetId != 0) revert ConsentInvalidTerms("targetId");
            }
        }
        if (terms.purpose == Purpose.None) revert ConsentInvalidTerms("purpose");
        if (terms.expiresAt <= block.timestamp) revert ConsentInvalidTerms("expiresAt");
    }

    function _revoke(StoredGrant storage g, bytes32 grantId, address owner) private {
        if (g.revoked) revert ConsentRevokedGrant(grantId);
        g.revoked = true;
        emit ConsentRevoked(grantId, owner);
    }

    /**
     * @dev Records one access on the grantee's signed request, served by `provider`. Order: the request's deadline,
     * the grant known, the grantee's signature, {_checkCovers}, the request not recorded before.
     */
    function _recordAccess(
        DataRequest calldata request,
        bytes calldata signature,
        address provider
    ) private returns (bytes32 requestHash) {
        uint256 deadline = request.deadline;
        if (block.timestamp > deadline) revert RailsExpired(deadline, block.timestamp);
        bytes32 grantId = request.grantId;
        address grantee = _grants[grantId].grantee;
        if (grantee == address(0)) revert ConsentNotFound(grantId);
        requestHash = _hashDataRequest(request);
        if (!SignatureVerification.isValidNowCalldata(grantee, requestHash, signature)) {
            revert RailsInvalidSignature(grantee);
        }
        bytes32 documentId = request.documentId;
        Purpose purpose = request.purpose;
        _checkCovers(grantId, grantee, documentId, purpose, provider);
        if (_recorded[requestHash]) revert ConsentRequestReplayed(requestHash);
        _recorded[requestHash] = true;
        emit AccessRecorded(grantId, grantee, documentId, requestHash, purpose, provider);
    }

    /**
     * @dev Reverts unless the grant lets `grantee` read `documentId` for `purpose` from `provider` now. Order: known
     * ({ConsentNotFound}), not revoked, not expired, owner then grantee verified ({RailsNotVerified}), the grantee
     * ({ConsentNotGrantee}), the purpose, the document issued and not revoked ({ConsentDocumentUnavailable}), and in
     * scope ({ConsentOutOfScope}: the owner's document, of a granted type, bound to the granted eBL, or served by the
     * granted provider).
     */
    function _checkCovers(
        bytes32 grantId,
        address grantee,
        bytes32 documentId,
        Purpose purpose,
        address provider
    ) private view {
        StoredGrant storage g = _grants[grantId];
        address owner = g.owner;
        if (owner == address(0)) revert ConsentNotFound(grantId);
        if (g.revoked) revert ConsentRevokedGrant(grantId);
        uint40 expiresAt = g.expiresAt;
        if (block.timestamp >= expiresAt) revert ConsentExpired(grantId, expiresAt, block.timestamp);
        address granted = g.grantee;
        (uint32 ownerKinds, uint32 granteeKinds) = participants.verifiedKindsOfPair(owner, granted);
        if (ownerKinds == 0) revert RailsNotVerified(owner);
        if (granteeKinds == 0) revert RailsNotVerified(granted);
        if (grantee != granted) revert ConsentNotGrantee(grantId, grantee);
        Purpose grantedPurpose = g.purpose;
        if (purpose != grantedPurpose) revert ConsentWrongPurpose(grantId, grantedPurpose, purpose);

        ITradeDocumentRegistry.Document memory doc = _documents.documentOf(documentId);
        // The current version of a known document is Issued or Revoked; None is an unknown id.
        if (doc.status != ITradeDocumentRegistry.DocumentStatus.Issued) revert ConsentDocumentUnavailable(documentId);
        ScopeKind kind = g.scopeKind;
        if (
            doc.owner != owner ||
            ((g.documentTypes >> doc.documentType) & 1) == 0 ||
            (kind == ScopeKind.BillDocuments && (doc.subjectContract != g.target || doc.subjectId != g.targetId)) ||
            (kind == ScopeKind.ProviderFeed && provider != g.target)
        ) revert ConsentOutOfScope(grantId, documentId);
    }

    /// @dev `hashStruct` of {ConsentTerms}: seven static fields, so `abi.encode` of the calldata struct is its encoding.
    function _hashTerms(ConsentTerms calldata terms) private pure returns (bytes32) {
        return keccak256(abi.encode(CONSENT_TERMS_TYPEHASH, terms));
    }

    /// @dev The EIP-712 digest of a request: {DataRequest} is five static fields.
    function _hashDataRequest(DataRequest calldata request) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(DATA_REQUEST_TYPEHASH, request)));
    }
}
