/**
 * Shared vocabulary for tests: participant kinds as the contracts define them, and a helper that builds
 * registrations.
 */
import { participantKinds } from "../../sdk/src/index.js";

/** Bit flags of contracts/access/ParticipantKinds.sol, as numbers (what ethers takes for a uint32), from the SDK. */
export const Kinds = {
  CARRIER: participantKinds.carrier,
  BANK: participantKinds.bank,
  TRADER: participantKinds.trader,
  AGENT: participantKinds.agent,
  SETTLEMENT: participantKinds.settlement,
  CUSTODY: participantKinds.custody,
  REGULATOR: participantKinds.regulator,
  CENTRAL_BANK: participantKinds.centralBank,
  INSPECTOR: participantKinds.inspector,
  INSURER: participantKinds.insurer,
  AUTHORITY: participantKinds.authority,
} as const;

/** The same flags as bigints, for arithmetic in the register's tests. */
export const Kind = Object.fromEntries(Object.entries(Kinds).map(([name, bit]) => [name, BigInt(bit)])) as {
  readonly [K in keyof typeof Kinds]: bigint;
};

/** Every kind the SDK knows. */
export const ALL_KINDS = Object.values(Kind).reduce((all, bit) => all | bit, 0n);

export const ONE_YEAR = 365n * 24n * 60n * 60n;

/** ASCII ISO 3166-1 alpha-2 code as the contracts' bytes2. */
export function jurisdiction(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) throw new Error(`not an ISO 3166-1 alpha-2 code: ${code}`);
  return "0x" + Buffer.from(code, "ascii").toString("hex");
}

export interface Registration {
  kinds: bigint;
  jurisdiction: string;
  validUntil: bigint;
  kycReference: string;
}

export function registration(
  kinds: bigint,
  country: string,
  validUntil: bigint,
  kycReference = "0x" + "11".repeat(32),
): Registration {
  return { kinds, jurisdiction: jurisdiction(country), validUntil, kycReference };
}
