import { AmountPrecisionError, InvalidAmountError, InvalidArgumentError } from "./errors.js";

/** An amount: a decimal string in the token's units (`"1250.50"`) or a bigint in base units (`125050n`). */
export type Amount = string | bigint;

const MAX_UINT256 = (1n << 256n) - 1n;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

function assertDecimals(decimals: number): void {
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 77) {
    throw new InvalidArgumentError("decimals", decimals, "an integer from 0 to 77");
  }
}

/**
 * Converts an amount to base units, without floating point.
 *
 * - A bigint is taken as base units and returned as is (after range checks).
 * - A string is a decimal number in token units: digits, optionally a point and more digits (`"1250"`,
 *   `"1250.50"`, `"0.01"`). No sign, exponent, grouping separators or surrounding spaces.
 *
 * @param value The amount.
 * @param decimals The token's decimals (e.g. 2 for a deposit token in HKD cents, 18 for most ERC-20s).
 * @throws {AmountPrecisionError} When the string has more fractional digits than `decimals`.
 * @throws {InvalidAmountError} For anything else that is not a non-negative uint256 amount, including numbers.
 *
 * @example
 * ```ts
 * parseAmount("1250.50", 2); // 125050n
 * parseAmount(125050n, 2);   // 125050n
 * parseAmount("0.001", 2);   // throws AmountPrecisionError
 * ```
 */
export function parseAmount(value: Amount, decimals: number): bigint {
  assertDecimals(decimals);
  let units: bigint;
  if (typeof value === "bigint") {
    units = value;
  } else if (typeof value === "string") {
    const match = DECIMAL.exec(value);
    if (!match) {
      throw new InvalidAmountError(value, 'expected a decimal string such as "1250.50" (digits, at most one point)');
    }
    const whole = match[1]!;
    const fraction = (match[2] ?? "").replace(/0+$/, "");
    if (fraction.length > decimals) throw new AmountPrecisionError(value, decimals);
    units = BigInt(whole + fraction.padEnd(decimals, "0"));
  } else {
    throw new InvalidAmountError(
      value,
      typeof value === "number"
        ? "JavaScript numbers are not accepted for amounts"
        : `a ${typeof value} is not an amount`,
    );
  }
  if (units < 0n) throw new InvalidAmountError(value, "amounts cannot be negative");
  if (units > MAX_UINT256) throw new InvalidAmountError(value, "the amount does not fit in a uint256");
  return units;
}

/**
 * Formats base units as a decimal string in token units, without floating point. Trailing zeros of the fraction
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
