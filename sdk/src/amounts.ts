import { AmountPrecisionError, InvalidAmountError, InvalidArgumentError } from "./errors.js";

/**
 * An amount as the SDK takes and returns it: a decimal string in the token's units (`"1250.50"` is HKD 1,250.50 on a
 * 2-decimal token). Base units (`125050n`) are never accepted in its place: convert them with
 * {@link formatAmount}`(units, decimals)` (or a deposit client's `format`) and back with {@link parseAmount}.
 */
export type Amount = string;

const MAX_UINT256 = (1n << 256n) - 1n;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

function assertDecimals(decimals: number): void {
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 77) {
    throw new InvalidArgumentError("decimals", decimals, "an integer from 0 to 77");
  }
}

/**
 * Converts a decimal string in token units to base units, without floating point: the only way in from the SDK's
 * amounts to base units (as viem's `parseUnits`).
 *
 * The string is digits, optionally a point and more digits (`"1250"`, `"1250.50"`, `"0.01"`). No sign, exponent,
 * grouping separators or surrounding spaces. A bigint is refused: it would be ambiguous (`100n` is HKD 1.00 in base
 * units but `"100"` is HKD 100.00), so base units go through {@link formatAmount} first.
 *
 * @param value The amount in token units.
 * @param decimals The token's decimals (e.g. 2 for a deposit token in HKD cents, 18 for most ERC-20s).
 * @throws {AmountPrecisionError} When the string has more fractional digits than `decimals`.
 * @throws {InvalidAmountError} For anything else that is not a non-negative uint256 amount, including bigints and
 *   numbers.
 *
 * @example
 * ```ts
 * parseAmount("1250.50", 2); // 125050n
 * parseAmount("0.001", 2);   // throws AmountPrecisionError
 * ```
 */
export function parseAmount(value: Amount, decimals: number): bigint {
  assertDecimals(decimals);
  if (typeof value === "bigint") throw bigintAmount(value);
  if (typeof value !== "string") {
    throw new InvalidAmountError(
      value,
      typeof value === "number"
        ? "JavaScript numbers are not accepted for amounts"
        : `a ${typeof value} is not an amount`,
    );
  }
  const match = DECIMAL.exec(value);
  if (!match) {
    throw new InvalidAmountError(value, 'expected a decimal string such as "1250.50" (digits, at most one point)');
  }
  const whole = match[1]!;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > decimals) throw new AmountPrecisionError(value, decimals);
  const units = BigInt(whole + fraction.padEnd(decimals, "0"));
  if (units > MAX_UINT256) throw new InvalidAmountError(value, "the amount does not fit in a uint256");
  return units;
}

/** @internal The error for a bigint where a decimal string belongs. */
export function bigintAmount(value: bigint): InvalidAmountError {
  return new InvalidAmountError(
    value,
    "a bigint is not an amount here: SDK amounts are decimal strings in the token's units",
    `Convert base units first: formatAmount(${value}n, decimals) (or await deposit.format(${value}n)) gives the decimal string; "${value}" would mean ${value} whole tokens, not ${value} base units.`,
  );
}

/**
 * Formats base units as a decimal string in token units, without floating point: the only way from base units to the
 * SDK's amounts (as viem's `formatUnits`). Trailing zeros of the fraction
 * are dropped (`125050n`, 2 → `"1250.5"`) unless `minimumFractionDigits` asks for them.
 *
 * @param value The amount in base units (may be negative, e.g. a balance change).
 * @param decimals The token's decimals.
 * @param options `minimumFractionDigits`: pad the fraction to this many digits (e.g. 2 for `"1250.50"`).
 *
 * @example
 * ```ts
 * formatAmount(125050n, 2);                               // "1250.5"
 * formatAmount(125050n, 2, { minimumFractionDigits: 2 }); // "1250.50"
 * ```
 */
export function formatAmount(
  value: bigint,
  decimals: number,
  options: { minimumFractionDigits?: number } = {},
): string {
  assertDecimals(decimals);
  if (typeof value !== "bigint") throw new InvalidAmountError(value, "formatAmount takes a bigint in base units");
  const minimum = Math.min(options.minimumFractionDigits ?? 0, decimals);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  fraction = fraction.padEnd(minimum, "0");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
