/**
 * Differential testing against OpenZeppelin: one call made on two tokens in the same situation, and what each did,
 * written out so that two outcomes can be compared with one deep equality (and read when they differ).
 *
 * An outcome is either the revert (the custom error, `Error(string)` or `Panic(uint256)` decoded with all its
 * arguments, else the raw revert data) or the success: the return value, and for a transaction the standard events
 * with all their arguments, in order. Events a token emits besides the standard ones (our own
 * `PossessionTransferred`, `Minted`, ...) are kept apart in `extra`, by name, so that a test can check they are the
 * documented additions and nothing else.
 */
import { expect } from "chai";
import { Interface, type BaseContract, type LogDescription, type Signer } from "ethers";

/** One call: who makes it, which function (a name, or a full signature for an overload), with which arguments. */
export type Call = { from: Signer; method: string; args: unknown[] };

export type Outcome =
  { reverted: false; value?: string; events: string[]; extra: string[] } | { reverted: true; error: string };

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
    return value === undefined
      ? { reverted: false, events, extra }
      : { reverted: false, value: this.name(value), events, extra };
  }
}

export type Side = "reference" | "ours";

/** What every conformance world has: the two tokens side by side, and the comparer. */
export type World = { tokens: Record<Side, BaseContract>; differential: Differential };

/** One case: a situation (`setup`, the same calls on both tokens; `side` for steps only ours has) and one call. */
export type Case<W extends World> = {
  name: string;
  setup?: (w: W, token: BaseContract, side: Side) => Promise<unknown>;
  call: (w: W, side: Side) => Call | Promise<Call>;
};

/** A case where a rule of ours legitimately differs: the rule, and each token's outcome in one line ({summary}). */
export type Difference<W extends World> = Case<W> & {
  /** The rule of ours that makes the difference, as docs/ebl.md and docs/deposits.md name it. */
  rule: string;
  reference: (w: W) => string;
  ours: (w: W) => string;
};

/** An outcome in one line: the error, or "ok" followed by the standard events. */
export const summary = (o: Outcome) => (o.reverted ? o.error : ["ok", ...o.events].join(" "));

/**
 * The two assertions of a conformance test. `load` gives a fresh world (a fixture), `views` the calls whose answers
 * make up the state to compare after each case, `added` the events ours may emit besides the standard ones.
 */
export function conformance<W extends World>(options: {
  load: () => Promise<W>;
  views: (w: W) => Call[];
  added: string[];
}) {
  const play = async (w: W, side: Side, k: Case<W>) => {
    const token = w.tokens[side];
    if (k.setup) await k.setup(w, token, side);
    const outcome = await w.differential.run(token, await k.call(w, side));
    const state: Outcome[] = [];
    for (const view of options.views(w)) state.push(await w.differential.run(token, view));
    return { outcome, state };
  };
  return {
    /** Same outcome and same state afterwards on both tokens; ours adds no event but the documented ones. */
    async expectSameAsOpenZeppelin(k: Case<W>) {
      const w = await options.load();
      const reference = await play(w, "reference", k);
      const ours = await play(w, "ours", k);
      const { extra: referenceExtra, ...expected } = { extra: [] as string[], ...reference.outcome };
      const { extra: ourExtra, ...actual } = { extra: [] as string[], ...ours.outcome };
      expect(actual, "outcome").to.deep.equal(expected);
      expect(referenceExtra, "OpenZeppelin's events are all standard").to.deep.equal([]);
      for (const name of ourExtra) expect(options.added, "only documented events are added").to.include(name);
      expect(ours.state, "state afterwards").to.deep.equal(reference.state);
    },
    /** Each token's outcome is the one the difference states. */
    async expectDifference(d: Difference<W>) {
      const w = await options.load();
      const reference = await play(w, "reference", d);
      const ours = await play(w, "ours", d);
      expect(summary(reference.outcome), "OpenZeppelin").to.equal(d.reference(w));
      expect(summary(ours.outcome), "ours").to.equal(d.ours(w));
    },
  };
}

/**
 * The functions of the reference token that no case calls (as signatures), leaving out `exempt`: a conformance
 * suite must exercise all of OpenZeppelin's public functions but those each token defines for itself.
 */
export async function uncalledFunctions<W extends World>(w: W, cases: Case<W>[], exempt: string[]): Promise<string[]> {
  const reference = w.tokens.reference;
  const called = new Set<string>();
  for (const k of cases) called.add(reference.getFunction((await k.call(w, "reference")).method).fragment.format());
  const all: string[] = [];
  reference.interface.forEachFunction((f) => all.push(f.format()));
  return all.filter((f) => !called.has(f) && !exempt.includes(f.slice(0, f.indexOf("("))));
}
