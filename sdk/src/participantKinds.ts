import { type Hex } from "viem";

import { InvalidArgumentError } from "./errors.js";

/**
 * The kinds of participant, with their bit in `contracts/access/ParticipantKinds.sol`. A bit's meaning never
 * changes once deployed; new kinds take the next bit.
 */
export const participantKinds = {
  carrier: 1 << 0,
  bank: 1 << 1,
  trader: 1 << 2,
  agent: 1 << 3,
  settlement: 1 << 4,
  custody: 1 << 5,
  regulator: 1 << 6,
  centralBank: 1 << 7,
  inspector: 1 << 8,
  insurer: 1 << 9,
  authority: 1 << 10,
} as const;

/** A participant kind by name: `"carrier"`, `"bank"`, `"trader"`, `"agent"`, `"settlement"`, `"custody"`, `"regulator"`,
 * `"centralBank"`, `"inspector"` (inspection body, surveyor), `"insurer"`, `"authority"` (customs or origin authority,
 * chamber of commerce). */
export type ParticipantKind = keyof typeof participantKinds;

/** Every kind name, in bit order. */
export const kindNames = Object.keys(participantKinds) as readonly ParticipantKind[];

/**
 * Encodes kind names as the contract's bitmask (`["carrier", "bank"]` → `3`).
 *
 * @throws {InvalidArgumentError} When the list is empty or holds an unknown name.
 */
export function encodeKinds(kinds: ParticipantKind | readonly ParticipantKind[], argument = "kinds"): number {
  const list: readonly unknown[] = typeof kinds === "string" ? [kinds] : kinds;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidArgumentError(argument, kinds, `a non-empty list of kinds (${kindNames.join(", ")})`);
  }
  let mask = 0;
  for (const kind of list) {
    if (typeof kind !== "string" || !Object.hasOwn(participantKinds, kind)) {
      throw new InvalidArgumentError(argument, kind, `one of ${kindNames.join(", ")}`);
    }
    mask |= participantKinds[kind as ParticipantKind];
  }
  return mask;
}

/** Decodes the contract's bitmask into kind names, in bit order (`3` → `["carrier", "bank"]`). Unknown bits are dropped. */
export function decodeKinds(mask: number): ParticipantKind[] {
  return kindNames.filter((name) => (mask & participantKinds[name]) !== 0);
}

/**
 * Encodes an ISO 3166-1 alpha-2 code as the contract's `bytes2` (`"HK"` → `0x484b`).
 *
 * @throws {InvalidArgumentError} When the code is not two upper-case ASCII letters.
 */
export function encodeJurisdiction(code: string): Hex {
  if (typeof code !== "string" || !/^[A-Z]{2}$/.test(code)) {
    throw new InvalidArgumentError("jurisdiction", code, 'an ISO 3166-1 alpha-2 code in upper case, such as "HK"');
  }
  return `0x${code.charCodeAt(0).toString(16)}${code.charCodeAt(1).toString(16)}`;
}

/** Decodes the contract's `bytes2` jurisdiction (`0x484b` → `"HK"`); `null` for the zero value of an unknown account. */
export function decodeJurisdiction(value: Hex): string | null {
  if (/^0x0{4}$/.test(value)) return null;
  const hex = value.slice(2);
  return String.fromCharCode(parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16));
}
