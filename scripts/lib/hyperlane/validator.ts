/**
 * Validators and the metadata of Hyperlane's message-id multisig ISM (`StaticMessageIdMultisigIsm`).
 *
 * A validator signs a checkpoint of the origin chain's MerkleTreeHook: (origin domain, merkle tree hook, root, index,
 * message id). The digest is `CheckpointLib.digest`:
 *
 *   domainHash = keccak256(abi.encodePacked(uint32 origin, bytes32 merkleTreeHook, "HYPERLANE"))
 *   digest     = toEthSignedMessageHash(keccak256(abi.encodePacked(domainHash, bytes32 root, uint32 index, bytes32 id)))
 *
 * and the ISM recovers each signer with ECDSA over that digest. The ISM's metadata (`MessageIdMultisigIsmMetadata`) is
 *
 *   [0:32]   origin merkle tree hook (bytes32)
 *   [32:64]  signed checkpoint root
 *   [64:68]  signed checkpoint index (uint32)
 *   [68:...] threshold × 65-byte signatures (r ‖ s ‖ v), in the order of the ISM's validator list
 *
 * The message-id ISM checks only that `threshold` of its validators signed the message id (with that root and index);
 * the root and index matter to Hyperlane's fraud proofs, not to delivery.
 */
import {
  bytesToHex,
  concat,
  encodePacked,
  getAddress,
  hashMessage,
  keccak256,
  numberToHex,
  recoverAddress,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { mnemonicToAccount, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { addressToBytes32, merkleTreeHookAbi } from "./message.js";

/** A checkpoint of an origin chain's MerkleTreeHook, with the message id it is signed for. */
export interface Checkpoint {
  /** The origin domain (the origin chain id). */
  origin: number;
  /** The origin MerkleTreeHook's address. */
  merkleTreeHook: Address;
  /** The tree's root after the message's insertion. */
  root: Hex;
  /** The message's leaf index in the tree. */
  index: number;
  messageId: Hex;
}

/** The inner hash a validator signs (before the EIP-191 prefix), as `CheckpointLib.digest` builds it. */
export function checkpointHash(c: Checkpoint): Hex {
  const domainHash = keccak256(
    encodePacked(["uint32", "bytes32", "string"], [c.origin, addressToBytes32(c.merkleTreeHook), "HYPERLANE"]),
  );
  return keccak256(
    encodePacked(["bytes32", "bytes32", "uint32", "bytes32"], [domainHash, c.root, c.index, c.messageId]),
  );
}

/** The digest the ISM recovers signers from: the EIP-191 ("Ethereum Signed Message") hash of {@link checkpointHash}. */
export function checkpointDigest(c: Checkpoint): Hex {
  return hashMessage({ raw: checkpointHash(c) });
}

/** The signer of `signature` over checkpoint `c`. */
export async function checkpointSigner(c: Checkpoint, signature: Hex): Promise<Address> {
  return recoverAddress({ hash: checkpointDigest(c), signature });
}

/**
 * A validator: one platform operator's signing key. Before it signs, it checks the checkpoint against its own view of
 * the origin chain (when given one): the origin MerkleTreeHook must have inserted that message id at that index. A
 * validator thus signs only messages that were dispatched; a quorum of validators is what it takes to forge one.
 */
export class Validator {
  readonly account: PrivateKeyAccount;
  readonly #origins: Map<number, PublicClient>;

  /**
   * @param privateKey The validator's key (its address is what the ISM lists).
   * @param origins The validator's own RPC connection per origin domain; without one for a checkpoint's origin, the
   * validator signs what it is given (tests of forged metadata use that).
   */
  constructor(privateKey: Hex, origins: Record<number, PublicClient> = {}) {
    this.account = privateKeyToAccount(privateKey);
    this.#origins = new Map(Object.entries(origins).map(([domain, client]) => [Number(domain), client]));
  }

  get address(): Address {
    return this.account.address;
  }

  /**
   * Signs checkpoint `c` (65 bytes, r ‖ s ‖ v). `blockNumber` is the origin block of the message's insertion, where the
   * validator looks for it.
   */
  async signCheckpoint(c: Checkpoint, blockNumber?: bigint): Promise<Hex> {
    const origin = this.#origins.get(c.origin);
    if (origin !== undefined) await this.#checkInserted(origin, c, blockNumber);
    return this.account.signMessage({ message: { raw: checkpointHash(c) } });
  }

  async #checkInserted(origin: PublicClient, c: Checkpoint, blockNumber: bigint | undefined): Promise<void> {
    if (blockNumber === undefined) throw new Error(`validator ${this.address}: no origin block for ${c.messageId}`);
    const logs = await origin.getLogs({
      address: c.merkleTreeHook,
      event: merkleTreeHookAbi[0],
      fromBlock: blockNumber,
      toBlock: blockNumber,
    });
    const found = logs.some((l) => l.args.messageId === c.messageId && l.args.index === c.index);
    if (!found) {
      throw new Error(
        `validator ${this.address}: the origin ${c.origin} tree ${c.merkleTreeHook} did not insert ${c.messageId} at index ${c.index} in block ${blockNumber}`,
      );
    }
  }
}

/** A validator's signature of a checkpoint. */
export interface CheckpointSignature {
  validator: Address;
  signature: Hex;
}

/**
 * The message-id multisig ISM's metadata for checkpoint `c`: `threshold` of `signatures`, taken in the order of the
 * ISM's `validators` (the ISM walks its list once, so signatures must follow it). Throws when fewer than `threshold`
 * of the signers are in the list.
 */
export function messageIdMultisigMetadata(
  c: Checkpoint,
  signatures: readonly CheckpointSignature[],
  validators: readonly Address[],
  threshold: number,
): Hex {
  const bySigner = new Map(signatures.map((s) => [getAddress(s.validator), s.signature]));
  const ordered: Hex[] = [];
  for (const v of validators) {
    const signature = bySigner.get(getAddress(v));
    if (signature !== undefined) ordered.push(signature);
    if (ordered.length === threshold) break;
  }
  if (ordered.length < threshold) {
    throw new Error(`only ${ordered.length} of the ISM's validators signed; its threshold is ${threshold}`);
  }
  return rawMessageIdMultisigMetadata(c, ordered);
}

/** The metadata with exactly these signatures, in this order: no check (tests build forged metadata with it). */
export function rawMessageIdMultisigMetadata(c: Checkpoint, signatures: readonly Hex[]): Hex {
  return concat([addressToBytes32(c.merkleTreeHook), c.root, numberToHex(c.index, { size: 4 }), ...signatures]);
}

/** The mnemonic of anvil's (and Hardhat's) development accounts: public, for local chains only. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** The private key of development account `index` (anvil's default accounts). Never use these on a real chain. */
export function devPrivateKey(index: number): Hex {
  const key = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).getHdKey().privateKey;
  if (key === null) throw new Error(`no private key for development account ${index}`);
  return bytesToHex(key);
}
