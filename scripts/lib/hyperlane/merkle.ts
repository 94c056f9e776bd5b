/**
 * Hyperlane's incremental Merkle tree (MerkleLib in @hyperlane-xyz/core, the tree of the MerkleTreeHook): depth 32,
 * keccak256 of the two children, empty leaves zero. The relayer replays the hook's `InsertedIntoTree` logs into it to
 * know the root of the checkpoint (root, index) that follows each message.
 */
import { concat, keccak256, type Hex } from "viem";

export const TREE_DEPTH = 32;
const ZERO: Hex = `0x${"00".repeat(32)}`;

/** Z_0 = 0, Z_{i+1} = keccak256(Z_i ‖ Z_i): the roots of empty subtrees, as MerkleLib's Z_0 .. Z_31. */
export const ZERO_HASHES: readonly Hex[] = (() => {
  const zeroes: Hex[] = [ZERO];
  for (let i = 1; i < TREE_DEPTH; i++) zeroes.push(keccak256(concat([zeroes[i - 1]!, zeroes[i - 1]!])));
  return zeroes;
})();

/** The tree's state as MerkleLib stores it (and as the relayer persists it): the branch and the number of leaves. */
export interface MerkleTreeState {
  branch: Hex[];
  count: number;
}

export class IncrementalMerkleTree {
  readonly branch: Hex[];
  count: number;

  constructor(state?: MerkleTreeState) {
    this.branch = state ? [...state.branch] : Array.from({ length: TREE_DEPTH }, () => ZERO);
    this.count = state?.count ?? 0;
    if (this.branch.length !== TREE_DEPTH) throw new Error(`a Merkle tree branch has ${TREE_DEPTH} nodes`);
  }

  /** Appends a leaf (a message id), as `MerkleLib.insert`. */
  insert(leaf: Hex): void {
    this.count += 1;
    let size = this.count;
    let node = leaf;
    for (let i = 0; i < TREE_DEPTH; i++) {
      if ((size & 1) === 1) {
        this.branch[i] = node;
        return;
      }
      node = keccak256(concat([this.branch[i]!, node]));
      size = Math.floor(size / 2);
    }
    throw new Error("merkle tree full");
  }

  /** The root, as `MerkleLib.root` (and `MerkleTreeHook.root()`). */
  root(): Hex {
    let current = ZERO;
    for (let i = 0; i < TREE_DEPTH; i++) {
      const bit = Math.floor(this.count / 2 ** i) % 2;
      current =
        bit === 1 ? keccak256(concat([this.branch[i]!, current])) : keccak256(concat([current, ZERO_HASHES[i]!]));
    }
    return current;
  }

  state(): MerkleTreeState {
    return { branch: [...this.branch], count: this.count };
  }
}
