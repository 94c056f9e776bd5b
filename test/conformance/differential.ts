/**
 * Differential testing against OpenZeppelin: one call made on two tokens in the same situation, and what each did,
 * written out so that two outcomes can be compared with one deep equality (and read when they differ).
 *
 * An outcome is either the revert (the custom error, `Error(string)` or `Panic(uint256)` decoded with all its
 * arguments, else the raw revert data) or the success: the return value of a view, or the standard events of a
 * transaction with all their arguments, in order. Events a token emits besides the standard ones (our own
 * `PossessionTransferred`, `Minted`, ...) are kept apart in `extra`, by name, so that a test can check they are the
 * documented additions and nothing else.
 */
import { Interface, type BaseContract, type LogDescription, type Signer } from "ethers";

/** One call: who makes it, which function (a name, or a full signature for an overload), with which arguments. */
export type Call = { from: Signer; method: string; args: unknown[] };

export type Outcome =
  | { reverted: false; value?: string; events: string[]; extra: string[] }
  | { reverted: true; error: string };

const STANDARD_ERRORS = new Interface(["error Error(string)", "error Panic(uint256)"]);

/** The fragments of one type of several interfaces, each signature once. */
function unique(interfaces: Interface[], type: "error" | "event"): string[] {
  const all = interfaces.flatMap((i) => i.fragments.filter((f) => f.type === type).map((f) => f.format("full")));
  return [...new Set(all)];
}

/** Turns a value returned by ethers (bigint, address, array, Result) into a stable string. */
function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value)) return value.toLowerCase();
  return String(value);
}

/** Finds the revert data in an error thrown by ethers or Hardhat, wherever it was put. */
function revertData(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (e: unknown): string | undefined => {
    if (e === null || typeof e !== "object" || seen.has(e)) return undefined;
    seen.add(e);
    const data = (e as { data?: unknown }).data;
    if (typeof data === "string" && /^0x([0-9a-fA-F]{2})*$/.test(data)) return data;
    for (const key of ["error", "info", "cause", "data"]) {
      const found = walk((e as Record<string, unknown>)[key]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(error);
}

/**
 * Compares one call on two tokens. `decoders` are the interfaces whose custom errors and events are recognised (the
 * token's own and, e.g., a receiver's); `standardEvents` the events that must be the same on both tokens (any other
 * log of the token goes to `extra`). `alias` names addresses that legitimately differ between the two worlds (the
 * token contracts themselves), so that their outcomes compare equal.
 */
export class Differential {
  private readonly errors: Interface;
  private readonly events: Interface;

  constructor(
    decoders: Interface[],
    private readonly standardEvents: Set<string>,
    private readonly alias: Map<string, string>,
  ) {
    this.errors = new Interface(unique([...decoders, STANDARD_ERRORS], "error"));
    this.events = new Interface(unique(decoders, "event"));
  }

  private name(value: unknown): string {
    const s = show(value);
    return this.alias.get(s) ?? s;
  }

  private describe(name: string, args: readonly unknown[]): string {
    return `${name}(${args.map((a) => this.name(a)).join(", ")})`;
  }

  /** Makes `call` on `token`: a static call first (the revert, or a view's value), then the transaction. */
  async run(token: BaseContract, call: Call): Promise<Outcome> {
    const fn = token.connect(call.from).getFunction(call.method);
    let value: unknown;
    try {
      value = await fn.staticCall(...call.args);
    } catch (error) {
      const data = revertData(error);
      if (data === undefined) throw error;
      const parsed = data.length >= 10 ? this.errors.parseError(data) : null;
      return { reverted: true, error: parsed ? this.describe(parsed.name, parsed.args) : `revert ${data}` };
    }
    if (fn.fragment.constant) return { reverted: false, value: this.name(value), events: [], extra: [] };

    const receipt = await (await fn.send(...call.args)).wait();
    const tokenAddress = (await token.getAddress()).toLowerCase();
    const events: string[] = [];
    const extra: string[] = [];
    for (const log of receipt!.logs) {
      let parsed: LogDescription | null = null;
      try {
        parsed = this.events.parseLog(log);
      } catch {
        parsed = null; // a Transfer of another standard (ERC-20 vs ERC-721) does not decode here
      }
      const fromToken = log.address.toLowerCase() === tokenAddress;
      if (parsed && (this.standardEvents.has(parsed.name) || !fromToken)) {
        events.push(`${fromToken ? "" : `${this.name(log.address)}.`}${this.describe(parsed.name, parsed.args)}`);
      } else {
        extra.push(parsed?.name ?? `unknown log ${log.topics[0]}`);
      }
    }
    return { reverted: false, events, extra };
  }
}
