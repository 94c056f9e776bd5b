// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ParticipantKinds} from "../../../contracts/access/ParticipantKinds.sol";
import {ParticipantRegistry} from "../../../contracts/access/ParticipantRegistry.sol";
import {ConsentRegistry} from "../../../contracts/consent/ConsentRegistry.sol";
import {TradeDocumentRegistry} from "../../../contracts/documents/TradeDocumentRegistry.sol";
import {IConsentRegistry} from "../../../contracts/interfaces/IConsentRegistry.sol";
import {IParticipantRegistry} from "../../../contracts/interfaces/IParticipantRegistry.sol";
import {vm} from "../utils/Vm.sol";

/**
 * @title ConsentHandler
 * @notice Drives the consent registry with random grants (by transaction and by signature), revocations (by the
 * owner, by signature, by others), time, participants revoked and reinstated, documents revoked, and accesses
 * recorded one by one, in batches and replayed, by providers and grantees with good and bad signatures. It keeps its
 * own model of every grant, participant, document and recorded request, and checks each recorded access on the
 * spot against that model: counters of violations that the invariant test requires to stay zero.
 * @dev Every EIP-712 digest is computed here from the type strings written out below, not by the contract. Holds the
 * access manager's admin role (to register and revoke participants). Never reverts.
 */
contract ConsentHandler {
    ConsentRegistry public immutable consent;
    TradeDocumentRegistry public immutable documents;
    ParticipantRegistry public immutable participants;

    /// @dev The eBL registry the documents are bound to (only its address matters), with eBLs 1 and 2.
    address internal constant EBL = address(0xEB1);
    address internal constant CHAMBER = address(0xC0C);

    bytes32 internal constant TERMS_TYPEHASH = keccak256(
        "ConsentTerms(address grantee,uint8 scopeKind,uint256 documentTypes,address target,uint256 targetId,"
        "uint8 purpose,uint40 expiresAt)"
    );
    bytes32 internal constant GRANT_TYPEHASH = keccak256(
        "ConsentGrant(address owner,ConsentTerms terms,uint256 nonce,uint256 deadline)ConsentTerms(address grantee,"
        "uint8 scopeKind,uint256 documentTypes,address target,uint256 targetId,uint8 purpose,uint40 expiresAt)"
    );
    bytes32 internal constant REVOCATION_TYPEHASH = keccak256("ConsentRevocation(bytes32 grantId,uint256 deadline)");
    bytes32 internal constant REQUEST_TYPEHASH = keccak256(
        "DataRequest(bytes32 grantId,bytes32 documentId,uint8 purpose,bytes32 nonce,uint256 deadline)"
    );

    /// @dev Two data owners (traders) and two banks, all with keys; any of the four may be named grantee.
    uint256[4] internal _keys = [uint256(0xA11CE0), 0xA11CE1, 0xB0B0, 0xB0B1];
    address[4] internal _parties;
    address[2] internal _providers = [address(0xD0), address(0xD1)];

    struct GrantModel {
        bytes32 id;
        address owner;
        address grantee;
        uint8 scopeKind;
        uint256 types;
        address target;
        uint256 targetId;
        uint8 purpose;
        uint40 expiresAt;
        bool revoked;
    }

    struct DocModel {
        bytes32 id;
        address issuer;
        address owner;
        uint8 documentType;
        uint256 tokenId;
        bool revoked;
    }

    struct Access {
        IConsentRegistry.DataRequest request;
        bytes signature;
        bytes32 digest;
        bool expected;
        uint256 signerKey;
        address grantee;
        address provider;
    }

    GrantModel[] internal _grants;
    DocModel[] internal _docs;
    mapping(address account => bool) internal _unverified;
    mapping(address owner => uint256) internal _nonces;
    mapping(bytes32 digest => bool) internal _recorded;
    Access[] internal _history;

    // ------------------------------------------------------------------ counters (all must stay zero but the ghosts)

    /// @notice Accesses recorded under a grant that was not live at that moment (revoked, expired, or its owner or
    /// grantee not verified).
    uint256 public recordedNotLive;
    /// @notice Of those, accesses recorded under a revoked or expired grant.
    uint256 public recordedRevokedOrExpired;
    /// @notice Accesses recorded for a document or purpose the grant did not cover (owner, type, eBL, provider,
    /// purpose, document revoked).
    uint256 public recordedOutOfScope;
    /// @notice Accesses recorded on a request not signed by the grant's grantee.
    uint256 public recordedNotGrantee;
    /// @notice Request digests recorded a second time.
    uint256 public recordedTwice;
    /// @notice Accesses whose returned digest differed from the EIP-712 digest computed here, or that left
    /// `isRecorded` false.
    uint256 public digestMismatches;
    /// @notice Batches refused as a whole that still recorded some of their requests.
    uint256 public partialBatches;
    /// @notice Calls whose outcome (accepted / refused) differed from the model's prediction.
    uint256 public mismatches;

    uint256 public ghostGrants;
    uint256 public ghostRevocations;
    uint256 public ghostRecorded;
    uint256 public ghostBatches;
    uint256 public ghostRefusedRecords;
    uint256 public ghostRefusedReplays;

    constructor(ConsentRegistry consent_, TradeDocumentRegistry documents_, ParticipantRegistry participants_) {
        consent = consent_;
        documents = documents_;
        participants = participants_;
        for (uint256 i; i < 4; ++i) _parties[i] = vm.addr(_keys[i]);
    }

    /// @notice Registers the parties, providers and the chamber, and the documents: each owner's invoice and packing
    /// list on eBLs 1 and 2, and a certificate of origin for each owner (by the chamber) on eBL 1.
    function initialize() external {
        _register(_parties[0], ParticipantKinds.TRADER);
        _register(_parties[1], ParticipantKinds.TRADER);
        _register(_parties[2], ParticipantKinds.BANK);
        _register(_parties[3], ParticipantKinds.BANK);
        _register(_providers[0], ParticipantKinds.AGENT);
        _register(_providers[1], ParticipantKinds.AGENT);
        _register(CHAMBER, ParticipantKinds.AUTHORITY);
        for (uint256 o; o < 2; ++o) {
            address owner = _parties[o];
            for (uint8 t = 1; t <= 2; ++t) {
                for (uint256 tokenId = 1; tokenId <= 2; ++tokenId) _registerDocument(owner, owner, t, tokenId);
            }
            _registerDocument(CHAMBER, owner, 3, 1);
        }
    }

    // ------------------------------------------------------------------ actions

    /// @notice An owner grants by transaction, or by signature relayed by this handler.
    function grant(
        uint256 ownerSeed,
        uint256 granteeSeed,
        uint256 scopeSeed,
        uint256 typesSeed,
        uint256 purposeSeed,
        uint256 durationSeed,
        bool bySignature
    ) external {
        uint256 ownerIndex = ownerSeed % 2;
        address owner = _parties[ownerIndex];
        IConsentRegistry.ConsentTerms memory t;
        t.grantee = _parties[granteeSeed % 4];
        t.scopeKind = IConsentRegistry.ScopeKind(scopeSeed % 3);
        if (t.scopeKind == IConsentRegistry.ScopeKind.BillDocuments) {
            (t.target, t.targetId) = (EBL, 1 + ((scopeSeed >> 8) % 2));
        } else if (t.scopeKind == IConsentRegistry.ScopeKind.ProviderFeed) {
            t.target = _providers[(scopeSeed >> 8) % 2];
        }
        t.documentTypes = ((typesSeed % 7) + 1) << 1; // a non-empty subset of types 1, 2, 3
        t.purpose = IConsentRegistry.Purpose(purposeSeed % 4); // None (refused) one time in four
        t.expiresAt = uint40(block.timestamp + 1 hours + (durationSeed % 10 days));

        bool expected =
            !_unverified[owner] &&
                !_unverified[t.grantee] &&
                t.grantee != owner &&
                t.purpose != IConsentRegistry.Purpose.None &&
                (t.scopeKind != IConsentRegistry.ScopeKind.ProviderFeed || !_unverified[t.target]);
        uint256 nonce = _nonces[owner];
        bytes32 grantId = keccak256(abi.encode(owner, nonce));
        bool ok;
        bytes32 returned;
        if (bySignature) {
            uint256 deadline = block.timestamp + 1 hours;
            bytes32 digest = _digest(keccak256(abi.encode(GRANT_TYPEHASH, owner, _hashTerms(t), nonce, deadline)));
            bytes memory signature = _sign(_keys[ownerIndex], digest);
            try consent.grantWithSignature(owner, t, nonce, deadline, signature) returns (bytes32 id) {
                (ok, returned) = (true, id);
            } catch {}
        } else {
            vm.prank(owner);
            try consent.grant(t) returns (bytes32 id) {
                (ok, returned) = (true, id);
            } catch {}
        }
        _check(expected, ok);
        if (!ok) return;
        if (returned != grantId) ++mismatches;
        _nonces[owner] = nonce + 1;
        _grants.push(
            GrantModel({
                id: grantId,
                owner: owner,
                grantee: t.grantee,
                scopeKind: uint8(t.scopeKind),
                types: t.documentTypes,
                target: t.target,
                targetId: t.targetId,
                purpose: uint8(t.purpose),
                expiresAt: t.expiresAt,
                revoked: false
            })
        );
        ++ghostGrants;
    }

    /// @notice The owner (or, one time in four, the grantee) revokes a grant, by transaction or by signature.
    function revoke(uint256 grantSeed, uint256 callerSeed, bool bySignature) external {
        if (_grants.length == 0) return;
        GrantModel storage g = _grants[grantSeed % _grants.length];
        bool byOwner = callerSeed % 4 != 0;
        address caller = byOwner ? g.owner : g.grantee;
        bool expected = byOwner && !g.revoked;
        bool ok;
        if (bySignature) {
            uint256 deadline = block.timestamp + 1 hours;
            bytes32 digest = _digest(keccak256(abi.encode(REVOCATION_TYPEHASH, g.id, deadline)));
            try consent.revokeWithSignature(g.id, deadline, _sign(_keyOf(caller), digest)) {
                ok = true;
            } catch {}
        } else {
            vm.prank(caller);
            try consent.revoke(g.id) {
                ok = true;
            } catch {}
        }
        _check(expected, ok);
        if (ok) {
            g.revoked = true;
            ++ghostRevocations;
        }
    }

    /// @notice Time passes (up to a day; grants last from an hour to ten days).
    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + 1 + (seconds_ % 1 days));
    }

    /// @notice A party or provider is revoked from the participant registry (one time in five), or reinstated in it:
    /// most of the time most of them are verified, so that grants and accesses succeed often enough to be checked.
    function setVerified(uint256 accountSeed, uint256 verifySeed) external {
        bool verified = _mix(verifySeed) % 5 != 0;
        uint256 i = accountSeed % 6;
        address account = i < 4 ? _parties[i] : _providers[i - 4];
        if (verified == !_unverified[account]) return;
        if (verified)
            _register(
                account,
                i < 2
                    ? ParticipantKinds.TRADER
                    : i < 4
                        ? ParticipantKinds.BANK
                        : ParticipantKinds.AGENT
            );
        else participants.revoke(account);
        _unverified[account] = !verified;
    }

    /// @notice A document's issuer revokes it.
    function revokeDocument(uint256 docSeed) external {
        DocModel storage d = _docs[docSeed % _docs.length];
        if (d.revoked) return;
        vm.prank(d.issuer);
        try documents.revoke(d.id, "withdrawn") {
            d.revoked = true;
        } catch {
            ++mismatches;
        }
    }

    /// @notice A provider (or the grantee) records one access on a request signed by the grantee (or by someone else).
    function record(
        uint256 grantSeed,
        uint256 docSeed,
        uint256 purposeSeed,
        uint256 callerSeed,
        uint256 signerSeed
    ) external {
        Access memory a = _access(grantSeed, docSeed, purposeSeed, callerSeed, signerSeed);
        bool ok;
        bytes32 returned;
        vm.prank(a.provider);
        try consent.recordAccess(a.request, a.signature) returns (bytes32 digest) {
            (ok, returned) = (true, digest);
        } catch {}
        _check(a.expected, ok);
        if (ok) _recordedNow(a, returned);
        else ++ghostRefusedRecords;
    }

    /// @notice Two accesses in one batch by one provider: both recorded, or neither.
    function recordBatch(uint256 seedA, uint256 seedB, uint256 callerSeed) external {
        Access memory a = _access(seedA, seedA >> 8, seedA >> 16, callerSeed, seedA >> 24);
        Access memory b = _access(seedB, seedB >> 8, seedB >> 16, callerSeed, seedB >> 24);
        // One caller records the batch: the second request is served by the first's provider.
        if (b.provider != a.provider) {
            b.provider = a.provider;
            b.expected = _expected(b);
        }
        IConsentRegistry.DataRequest[] memory requests = new IConsentRegistry.DataRequest[](2);
        bytes[] memory signatures = new bytes[](2);
        (requests[0], requests[1]) = (a.request, b.request);
        (signatures[0], signatures[1]) = (a.signature, b.signature);
        bool wasA = consent.isRecorded(a.digest);
        bool wasB = consent.isRecorded(b.digest);
        bool ok;
        bytes32[] memory returned;
        vm.prank(a.provider);
        try consent.recordAccesses(requests, signatures) returns (bytes32[] memory digests) {
            (ok, returned) = (true, digests);
        } catch {}
        _check(a.expected && b.expected && a.digest != b.digest, ok);
        if (ok) {
            _recordedNow(a, returned[0]);
            _recordedNow(b, returned[1]);
            ++ghostBatches;
        } else if (consent.isRecorded(a.digest) != wasA || consent.isRecorded(b.digest) != wasB) {
            ++partialBatches;
        }
    }

    /// @notice A request recorded before is submitted again, by any provider.
    function replay(uint256 historySeed, uint256 callerSeed) external {
        if (_history.length == 0) return;
        Access memory a = _history[historySeed % _history.length];
        vm.prank(_providers[callerSeed % 2]);
        try consent.recordAccess(a.request, a.signature) {
            ++recordedTwice;
        } catch {
            ++ghostRefusedReplays;
        }
    }

    // ------------------------------------------------------------------ the checks made on the spot

    /// @dev An access the contract just recorded: checks it against the model as it stands now, then records it.
    function _recordedNow(Access memory a, bytes32 returned) internal {
        if (returned != a.digest || !consent.isRecorded(a.digest)) ++digestMismatches;
        if (_recorded[a.digest]) ++recordedTwice;
        _recorded[a.digest] = true;
        ++ghostRecorded;
        _history.push(a);

        (bool known, uint256 gi) = _grantIndex(a.request.grantId);
        if (!known) {
            ++recordedNotLive;
            return;
        }
        GrantModel storage g = _grants[gi];
        if (g.revoked || block.timestamp >= g.expiresAt) {
            ++recordedRevokedOrExpired;
            ++recordedNotLive;
        } else if (_unverified[g.owner] || _unverified[g.grantee]) {
            ++recordedNotLive;
        }
        if (vm.addr(a.signerKey) != g.grantee || a.grantee != g.grantee) ++recordedNotGrantee;
        if (!_covers(g, a)) ++recordedOutOfScope;
    }

    /// @dev Whether the grant covers the request's document and purpose from `a.provider`, by the model.
    function _covers(GrantModel storage g, Access memory a) internal view returns (bool) {
        if (uint8(a.request.purpose) != g.purpose) return false;
        (bool found, uint256 di) = _docIndex(a.request.documentId);
        if (!found) return false;
        DocModel storage d = _docs[di];
        if (d.revoked || d.owner != g.owner || (g.types >> d.documentType) & 1 == 0) return false;
        if (g.scopeKind == uint8(IConsentRegistry.ScopeKind.BillDocuments)) {
            return g.target == EBL && g.targetId == d.tokenId;
        }
        if (g.scopeKind == uint8(IConsentRegistry.ScopeKind.ProviderFeed)) return a.provider == g.target;
        return true;
    }

    /// @dev Everything the model requires for `a` to be recorded now.
    function _expected(Access memory a) internal view returns (bool) {
        if (block.timestamp > a.request.deadline || _recorded[a.digest]) return false;
        (bool known, uint256 gi) = _grantIndex(a.request.grantId);
        if (!known) return false;
        GrantModel storage g = _grants[gi];
        return
            !g.revoked &&
            block.timestamp < g.expiresAt &&
            !_unverified[g.owner] &&
            !_unverified[g.grantee] &&
            vm.addr(a.signerKey) == g.grantee &&
            _covers(g, a);
    }

    // ------------------------------------------------------------------ helpers

    /// @dev A request built to be mostly right, so that accesses are recorded often and every refusal still comes up:
    /// under a recent grant (one time in three any, one time in eight an unknown one), for a document of the grant's owner and the grant's
    /// purpose, served by a feed grant's provider (each one time in four any other), signed by the grantee (one time
    /// in five by any party), within its deadline (one time in eight past it).
    function _access(
        uint256 grantSeed,
        uint256 docSeed,
        uint256 purposeSeed,
        uint256 callerSeed,
        uint256 signerSeed
    ) internal view returns (Access memory a) {
        // The fuzzer favours small and boundary values, whose low bits would pick the same branches again and again.
        (docSeed, purposeSeed, callerSeed, signerSeed) = (
            _mix(docSeed),
            _mix(purposeSeed),
            _mix(callerSeed),
            _mix(signerSeed)
        );
        bytes32 grantId = keccak256(abi.encode("unknown", grantSeed));
        address grantee = _parties[2];
        uint256 docIndex = docSeed % _docs.length;
        uint8 purpose = uint8(1 + (purposeSeed % 3));
        address provider = (callerSeed >> 8) % 3 < 2 ? _providers[(callerSeed >> 8) % 3] : grantee;
        if (_grants.length != 0 && grantSeed % 8 != 7) {
            // Mostly one of the last four grants (the likeliest to be live), else any.
            uint256 n = _grants.length;
            uint256 gi = grantSeed % 3 != 0 ? n - 1 - ((grantSeed >> 8) % (n < 4 ? n : 4)) : (grantSeed >> 8) % n;
            GrantModel storage g = _grants[gi];
            (grantId, grantee) = (g.id, g.grantee);
            // The documents of owner `o` are 5o..5o+4 (see {initialize}).
            if (docSeed % 4 != 0) docIndex = _docInScope(g, docSeed >> 8);
            if (purposeSeed % 4 != 0) purpose = g.purpose;
            if (callerSeed % 4 != 0) {
                provider =
                    g.scopeKind == uint8(IConsentRegistry.ScopeKind.ProviderFeed)
                        ? g.target
                        : (callerSeed >> 8) % 3 < 2
                            ? _providers[(callerSeed >> 8) % 3]
                            : grantee;
            }
        }
        a.grantee = grantee;
        a.provider = provider;
        a.signerKey = signerSeed % 5 == 0 ? _keys[(signerSeed >> 8) % 4] : _keyOf(grantee);
        a.request = IConsentRegistry.DataRequest({
            grantId: grantId,
            documentId: _docs[docIndex].id,
            purpose: IConsentRegistry.Purpose(purpose),
            nonce: keccak256(abi.encode(grantSeed, docSeed, purposeSeed, callerSeed, signerSeed, block.timestamp)),
            deadline: (signerSeed >> 16) % 8 == 0 ? block.timestamp - 1 : block.timestamp + 1 hours
        });
        a.digest = _digest(keccak256(abi.encode(REQUEST_TYPEHASH, a.request)));
        a.signature = _sign(a.signerKey, a.digest);
        a.expected = _expected(a);
    }

    /// @dev A document of the grant's owner, of one of its types, on its eBL for a BillDocuments grant (the type-3
    /// certificate exists on eBL 1 only). The documents of owner `o` are, from 5o: types 1 and 2 on eBLs 1 and 2, then
    /// type 3 on eBL 1 (see {initialize}).
    function _docInScope(GrantModel storage g, uint256 seed) internal view returns (uint256) {
        uint256 t = 1 + (seed % 3);
        while ((g.types >> t) & 1 == 0) t = (t % 3) + 1;
        uint256 tokenId =
            g.scopeKind == uint8(IConsentRegistry.ScopeKind.BillDocuments) ? g.targetId : 1 + ((seed >> 8) % 2);
        uint256 base = g.owner == _parties[0] ? 0 : 5;
        return t == 3 ? base + 4 : base + (t - 1) * 2 + (tokenId - 1);
    }

    /// @dev The model of a grant, if the handler made it (`found` false: `i` is meaningless).
    function _grantIndex(bytes32 grantId) internal view returns (bool found, uint256 i) {
        for (; i < _grants.length; ++i) if (_grants[i].id == grantId) return (true, i);
    }

    function _docIndex(bytes32 documentId) internal view returns (bool found, uint256 i) {
        for (; i < _docs.length; ++i) if (_docs[i].id == documentId) return (true, i);
    }

    function _keyOf(address account) internal view returns (uint256) {
        for (uint256 i; i < 4; ++i) if (_parties[i] == account) return _keys[i];
        return 0;
    }

    function _mix(uint256 seed) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed)));
    }

    function _check(bool expected, bool ok) internal {
        if (expected != ok) ++mismatches;
    }

    function _register(address account, uint32 kinds) internal {
        participants.register(
            account,
            IParticipantRegistry.Registration({
                kinds: kinds,
                jurisdiction: "HK",
                validUntil: uint64(block.timestamp + 3650 days),
                kycReference: keccak256(abi.encode(account))
            })
        );
    }

    function _registerDocument(address issuer, address owner, uint8 documentType, uint256 tokenId) internal {
        bytes32 ref = keccak256(abi.encode(owner, documentType, tokenId));
        vm.prank(issuer);
        bytes32 id = documents.register(documentType, ref, owner, EBL, tokenId, keccak256(abi.encode(ref)));
        _docs.push(DocModel(id, issuer, owner, documentType, tokenId, false));
    }

    function _hashTerms(IConsentRegistry.ConsentTerms memory t) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    TERMS_TYPEHASH,
                    t.grantee,
                    uint8(t.scopeKind),
                    t.documentTypes,
                    t.target,
                    t.targetId,
                    uint8(t.purpose),
                    t.expiresAt
                )
            );
    }

    /// @dev The EIP-712 digest under the consent registry's domain, computed here.
    function _digest(bytes32 structHash) internal view returns (bytes32) {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Cargo Rails Consent"),
                keccak256("1"),
                block.chainid,
                address(consent)
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }
}
