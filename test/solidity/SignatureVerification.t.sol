// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {SignatureVerification} from "../../contracts/utils/SignatureVerification.sol";
import {ERC1271WalletMock} from "../../contracts/testing/ERC1271WalletMock.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/// @dev Exposes the library to external calls, with the signature in calldata as the contracts pass it.
contract SignatureVerificationHarness {
    /// @dev Both variants, which must always agree.
    function check(address signer, bytes32 hash, bytes calldata signature) external view returns (bool) {
        bool fromCalldata = SignatureVerification.isValidNowCalldata(signer, hash, signature);
        if (fromCalldata != SignatureVerification.isValidNow(signer, hash, signature)) revert("variants disagree");
        return fromCalldata;
    }
}

/// @notice SignatureVerification accepts exactly the signer's key or the signer contract's ERC-1271 answer.
contract SignatureVerificationTest is Test {
    /// @dev secp256k1 group order; a valid private key is in [1, N).
    uint256 private constant N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    SignatureVerificationHarness private harness;

    function setUp() public {
        harness = new SignatureVerificationHarness();
    }

    function _sign(uint256 key, bytes32 digest) private pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @notice A key's signature is accepted for the key's address, and for no other address.
    function testFuzz_acceptsTheKeyAndNoOtherAddress(uint256 key, uint256 otherKey, bytes32 digest) public view {
        key = bound(key, 1, N - 1);
        otherKey = bound(otherKey, 1, N - 1);
        vm.assume(key != otherKey);
        bytes memory signature = _sign(key, digest);
        assertTrue(harness.check(vm.addr(key), digest, signature), "signer's own key");
        assertFalse(harness.check(vm.addr(otherKey), digest, signature), "another address");
        assertFalse(harness.check(vm.addr(key), ~digest, signature), "another digest");
    }

    /// @notice Recovery comes first: the key of an address that also has code (an EIP-7702 account) still consents,
    /// even when that code rejects every signature.
    function test_keyConsentsForAnAddressWithCode() public {
        uint256 key = 0xA11CE;
        address account = vm.addr(key);
        // The wallet mock's code with an immutable owner of zero: its isValidSignature rejects every signature.
        vm.etch(account, address(new ERC1271WalletMock(address(0))).code);
        bytes32 digest = keccak256("terms");
        assertTrue(harness.check(account, digest, _sign(key, digest)), "the key of a coded account");
        assertFalse(harness.check(account, digest, _sign(key + 1, digest)), "another key");
    }

    /// @notice A contract signer is judged by its own ERC-1271 answer.
    function test_contractSignerIsAskedThroughERC1271() public {
        uint256 ownerKey = 0xB0B;
        ERC1271WalletMock wallet = new ERC1271WalletMock(vm.addr(ownerKey));
        bytes32 digest = keccak256("terms");
        assertTrue(harness.check(address(wallet), digest, _sign(ownerKey, digest)), "owner's signature");
        assertFalse(harness.check(address(wallet), digest, _sign(ownerKey + 1, digest)), "stranger's");
        assertFalse(harness.check(address(wallet), digest, hex"1234"), "malformed");
    }

    /// @notice Malformed and malleable signatures are refused without reverting.
    function test_refusesMalformedAndHighSSignatures() public view {
        uint256 key = 0xC0FFEE;
        address signer = vm.addr(key);
        bytes32 digest = keccak256("terms");
        assertFalse(harness.check(signer, digest, ""), "empty");
        assertFalse(harness.check(signer, digest, hex"00112233"), "too short");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        // The same point with s' = N - s and the other parity: valid for ecrecover, refused as malleable.
        bytes memory highS = abi.encodePacked(r, bytes32(N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        assertFalse(harness.check(signer, digest, highS), "high s");
        assertTrue(harness.check(signer, digest, abi.encodePacked(r, s, v)), "the low-s original");
    }
}
