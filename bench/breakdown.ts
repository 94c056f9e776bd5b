/**
 * Where the gas of one transaction goes, from its opcode trace (`debug_traceTransaction`): the transaction base, the
 * calldata, storage reads and writes by kind (EIP-2929 cold / warm, EIP-2200 new / update / unchanged), calls into
 * other contracts (first touch of an account: EIP-2929 cold), precompiles, events, hashing, the rest of the computation,
 * and the storage refund. The parts add up to the receipt's gas used; `breakdown` throws if they do not, so a figure in
 * bench/results/gas.md is never an estimate.
 *
 * Used by bench/gas.ts for the "Where the gas goes" tables, which docs/gas.md quotes to explain each gap.
 */

/** One step of a geth-style struct log trace, as Hardhat's `debug_traceTransaction` returns it. */
interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  stack?: string[];
}

/** The categories, in the order the tables show them. */
export const CATEGORIES = [
  "transaction base",
  "calldata",
  "storage read, cold (2 100)",
  "storage read, warm (100)",
  "storage write, empty slot to non-zero",
  "storage write, update of a non-zero slot",
  "storage write, value unchanged or restored",
  "calls into other contracts (100 each when warm, plus memory)",
  "accounts touched first (EIP-2929 cold: 2 500 more)",
  "precompiles (ecrecover ...)",
  "contract creation (32 000 and the code stored)",
  "events (LOG)",
  "hashing (KECCAK256)",
  "other computation (stack, memory, ABI, checks)",
  "storage refund",
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Part {
  /** How many operations (storage accesses, calls, events ...) of this kind; 1 for the base and calldata. */
  count: number;
  gas: number;
}

export interface GasBreakdown {
  gasUsed: number;
  parts: Record<Category, Part>;
  /** Gas spent in each contract's own code (calls it makes are counted in the callee), by the names given. */
  byContract: Record<string, number>;
}

interface Provider {
  send(method: string, params: unknown[]): Promise<unknown>;
}

const CALLS = new Set(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE"]);
const CREATES = new Set(["CREATE", "CREATE2"]);
const ACCOUNT_READS = new Set(["BALANCE", "EXTCODESIZE", "EXTCODECOPY", "EXTCODEHASH"]);
/** EIP-2929: the first access to an account costs 2 600, a later one 100. */
const COLD_SURCHARGE = 2_500;
const isPrecompile = (address: string) => BigInt(address) >= 1n && BigInt(address) <= 0x11n;
const toAddress = (word: string) => `0x${BigInt(word).toString(16).padStart(40, "0").slice(-40)}`;

/**
 * Breaks down the gas of a mined transaction.
 * @param names Lower-case address to contract name, for `byContract`; others are summed as "other contracts".
 */
export async function breakdown(
  provider: Provider,
  hash: string,
  names: ReadonlyMap<string, string>,
): Promise<GasBreakdown> {
  const tx = (await provider.send("eth_getTransactionByHash", [hash])) as { input: string; from: string; to: string };
  const receipt = (await provider.send("eth_getTransactionReceipt", [hash])) as { gasUsed: string };
  const trace = (await provider.send("debug_traceTransaction", [hash, {}])) as { structLogs: StructLog[] };
  const logs = trace.structLogs;

  const parts = Object.fromEntries(CATEGORIES.map((c) => [c, { count: 0, gas: 0 }])) as Record<Category, Part>;
  const add = (category: Category, gas: number, count = 1) => {
    parts[category].gas += gas;
    parts[category].count += count;
  };
  const byContract: Record<string, number> = {};
  const nameOf = (address: string) => names.get(address.toLowerCase()) ?? "other contracts";
  const charge = (address: string, gas: number) => {
    byContract[nameOf(address)] = (byContract[nameOf(address)] ?? 0) + gas;
  };

  const data = Buffer.from(tx.input.slice(2), "hex");
  const zeros = data.filter((b) => b === 0).length;
  add("transaction base", 21_000);
  add("calldata", 4 * zeros + 16 * (data.length - zeros));

  // Accounts warm from the start (EIP-2929, EIP-3651): sender, recipient, precompiles (handled by isPrecompile) and
  // the block's coinbase, which no benchmarked transaction calls.
  const warm = new Set([tx.from.toLowerCase(), tx.to.toLowerCase()]);
  // The storage context (contract) of each call depth; DELEGATECALL keeps the caller's.
  const frames: string[] = [tx.to.toLowerCase()];

  for (let i = 0; i < logs.length; i++) {
    const step = logs[i]!;
    const self = frames[step.depth - 1]!;
    const stack = step.stack ?? [];
    if (CALLS.has(step.op) || CREATES.has(step.op)) {
      const creates = CREATES.has(step.op);
      const target = creates ? "created" : toAddress(stack[stack.length - 2]!);
      let j = i + 1;
      while (j < logs.length && logs[j]!.depth > step.depth) j++;
      const after = j < logs.length ? logs[j]!.gas : undefined;
      if (after === undefined) throw new Error(`${hash}: a call at step ${i} does not return`);
      const entered = j > i + 1;
      const given = entered ? logs[i + 1]!.gas : 0;
      const returned = entered ? logs[j - 1]!.gas - logs[j - 1]!.gasCost : 0;
      const own = step.gas - after - (given - returned);
      if (creates) {
        add("contract creation (32 000 and the code stored)", own);
        const created = logs[j]!.stack ?? [];
        if (created.length > 0) warm.add(toAddress(created[created.length - 1]!));
      } else if (isPrecompile(target)) {
        add("precompiles (ecrecover ...)", own);
      } else if (warm.has(target)) {
        add("calls into other contracts (100 each when warm, plus memory)", own);
      } else {
        warm.add(target);
        add("accounts touched first (EIP-2929 cold: 2 500 more)", COLD_SURCHARGE);
        add("calls into other contracts (100 each when warm, plus memory)", own - COLD_SURCHARGE);
      }
      charge(self, own);
      if (entered) frames[step.depth] = step.op === "DELEGATECALL" || step.op === "CALLCODE" ? self : target;
      continue;
    }
    charge(self, step.gasCost);
    if (step.op === "SLOAD") {
      add(step.gasCost >= 2_100 ? "storage read, cold (2 100)" : "storage read, warm (100)", step.gasCost);
    } else if (step.op === "SSTORE") {
      // EIP-2200 with EIP-2929: 20 000 sets an empty slot, 2 900 updates a non-zero one, 100 otherwise; +2 100 if cold.
      const kind: Category =
        step.gasCost >= 20_000
          ? "storage write, empty slot to non-zero"
          : step.gasCost === 2_900 || step.gasCost === 5_000
            ? "storage write, update of a non-zero slot"
            : "storage write, value unchanged or restored";
      add(kind, step.gasCost);
    } else if (step.op.startsWith("LOG")) {
      add("events (LOG)", step.gasCost);
    } else if (step.op === "KECCAK256") {
      add("hashing (KECCAK256)", step.gasCost);
    } else if (ACCOUNT_READS.has(step.op) && !warm.has(toAddress(stack[stack.length - 1]!))) {
      warm.add(toAddress(stack[stack.length - 1]!));
      add("accounts touched first (EIP-2929 cold: 2 500 more)", COLD_SURCHARGE);
      add("other computation (stack, memory, ABI, checks)", step.gasCost - COLD_SURCHARGE, 0);
    } else {
      add("other computation (stack, memory, ABI, checks)", step.gasCost, 0);
    }
  }

  const last = logs[logs.length - 1]!;
  const execution = logs[0]!.gas - (last.gas - last.gasCost);
  const gasUsed = Number(BigInt(receipt.gasUsed));
  const refund = parts["transaction base"].gas + parts.calldata.gas + execution - gasUsed;
  if (refund !== 0) add("storage refund", -refund);
  const total = CATEGORIES.reduce((sum, c) => sum + parts[c].gas, 0);
  if (total !== gasUsed) throw new Error(`${hash}: the parts add up to ${total}, the receipt says ${gasUsed}`);
  return { gasUsed, parts, byContract };
}
