import { CargoRailsError } from "./errors.js";

/** A JSON value as RFC 8785 accepts it: what `JSON.parse` returns. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Why a value cannot be canonicalised. */
export type CanonicalJsonErrorReason =
  "non-finite-number" | "undefined" | "bigint" | "unsupported-type" | "cycle" | "lone-surrogate" | "invalid-json";

/** A value cannot be written as RFC 8785 canonical JSON. `path` says where, e.g. `charges[0].unitPrice`. */
export class CanonicalJsonError extends CargoRailsError {
  override name = "CanonicalJsonError";
  /** Where in the value the problem is (`$` is the root). */
  readonly path: string;
  /** What kind of problem it is. */
  readonly reason: CanonicalJsonErrorReason;

  constructor(reason: CanonicalJsonErrorReason, path: string, what: string) {
    super(`Cannot canonicalise JSON at ${path}: ${what}.`, {
      hint: "RFC 8785 covers JSON values only: null, booleans, finite numbers, strings of well-formed Unicode, arrays and plain objects. Convert the value (e.g. a bigint to a string) before hashing.",
    });
    this.path = path;
    this.reason = reason;
  }
}

/**
 * Serialises a JSON value in the RFC 8785 JSON Canonicalization Scheme (JCS): no whitespace, object members sorted
 * by the UTF-16 code units of their names, numbers in ECMAScript's shortest round-trip form, strings with the
 * minimal JSON escaping. Two semantically equal documents give the same string, which makes it the input of
 * {@link documentChecksum}.
 *
 * Refuses (with a {@link CanonicalJsonError}) what JSON cannot hold: `NaN` and infinities, `undefined`, bigints,
 * functions, symbols, non-plain objects such as `Date` or `Map`, cyclic references, and strings with lone surrogates.
 *
 * @example
 * ```ts
 * canonicalJson({ b: [1e21, -0], a: "€" }); // '{"a":"€","b":[1e+21,0]}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, "$", new Set<object>(), parts);
  return parts.join("");
}

function write(value: unknown, path: string, ancestors: Set<object>, out: string[]): void {
  switch (typeof value) {
    case "string":
      out.push(quote(value, path));
      return;
    case "number":
      out.push(serialiseNumber(value, path));
      return;
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "undefined":
      throw new CanonicalJsonError("undefined", path, "undefined is not a JSON value");
    case "bigint":
      throw new CanonicalJsonError("bigint", path, `a bigint (${value}n) is not a JSON value`);
    case "function":
    case "symbol":
      throw new CanonicalJsonError("unsupported-type", path, `a ${typeof value} is not a JSON value`);
  }
  if (value === null) {
    out.push("null");
    return;
  }
  const object = value as object;
  if (ancestors.has(object)) throw new CanonicalJsonError("cycle", path, "the value refers to itself (a cycle)");
  ancestors.add(object);
  if (Array.isArray(object)) {
    out.push("[");
    for (let i = 0; i < object.length; i++) {
      if (i > 0) out.push(",");
      write(object[i], `${path}[${i}]`, ancestors, out);
    }
    out.push("]");
  } else {
    const prototype = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (object.constructor as { name?: string } | undefined)?.name ?? "object";
      throw new CanonicalJsonError("unsupported-type", path, `a ${kind} is not a plain JSON object`);
    }
    const record = object as Record<string, unknown>;
    const keys = Object.keys(record).sort(compareUtf16);
    out.push("{");
    keys.forEach((key, i) => {
      if (i > 0) out.push(",");
      const memberPath = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      out.push(quote(key, memberPath), ":");
      write(record[key], memberPath, ancestors, out);
    });
    out.push("}");
  }
  ancestors.delete(object);
}

/** Orders strings by their UTF-16 code units, as RFC 8785 §3.2.3 requires (not by code points, not by locale). */
function compareUtf16(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** RFC 8785 §3.2.2.3: the ECMAScript Number-to-String algorithm, with -0 written as 0. */
function serialiseNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) {
    throw new CanonicalJsonError("non-finite-number", path, `${value} is not a finite number`);
  }
  if (Object.is(value, -0)) return "0";
  // Number.prototype.toString (radix 10) is ECMA-262's Number::toString: the shortest digits that round-trip,
  // plain notation for 1e-7 < |x| < 1e21 and exponent notation ("1e+21", "1e-7") outside it.
  return value.toString();
}

const SHORT_ESCAPES: Record<number, string> = {
  0x08: "\\b",
  0x09: "\\t",
  0x0a: "\\n",
  0x0c: "\\f",
  0x0d: "\\r",
  0x22: '\\"',
  0x5c: "\\\\",
};

/** RFC 8785 §3.2.2.2: escape `"`, `\` and the C0 controls (short forms where JSON has them, else `\u00xx`). */
function quote(value: string, path: string): string {
  let result = '"';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) {
      result += short;
    } else if (unit < 0x20) {
      result += "\\u" + unit.toString(16).padStart(4, "0");
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        result += value[i]! + value[i + 1]!;
        i++;
      } else {
        throw new CanonicalJsonError(
          "lone-surrogate",
          path,
          `the string holds a lone UTF-16 surrogate (0x${unit.toString(16)}), which is not well-formed Unicode`,
        );
      }
    } else {
      result += value[i]!;
    }
  }
  return result + '"';
}

/**
 * Parses JSON text for canonicalisation, turning a syntax error into a {@link CanonicalJsonError}.
 * @internal
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CanonicalJsonError("invalid-json", "$", `the text is not valid JSON (${(error as Error).message})`);
  }
}
