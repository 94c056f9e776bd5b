/**
 * Shared vocabulary for tests: participant kinds as the contracts define them, and a helper that builds
 * registrations.
 */

/** Bit flags of contracts/access/ParticipantKinds.sol, as numbers (what ethers takes for a uint32). */
export const Kinds = {
  CARRIER: 1 << 0,
  BANK: 1 << 1,
  TRADER: 1 << 2,
  AGENT: 1 << 3,
  SETTLEMENT: 1 << 4,
  CUSTODY: 1 << 5,
  REGULATOR: 1 << 6,
} as const;

/** The same flags as bigints, for arithmetic in the register's tests. */
export const Kind = {
  CARRIER: 1n << 0n,
  BANK: 1n << 1n,
  TRADER: 1n << 2n,
  AGENT: 1n << 3n,
  SETTLEMENT: 1n << 4n,
  CUSTODY: 1n << 5n,
  REGULATOR: 1n << 6n,
} as const;

export const ALL_KINDS = (1n << 7n) - 1n;

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
