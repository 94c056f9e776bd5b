/**
 * Payment references: the 32 bytes a deposit transfer carries (`transferWithReference`, the EIP-3009 variants, the
 * rails' settlements) so that a bank's reconciliation can match the on-chain payment with the remittance or
 * travel-rule message it received off chain. The chain holds only the hash; the payload stays with the parties.
 *
 * The reference is SHA-256 over the UTF-8 bytes of a *preimage*: the RFC 8785 canonical JSON ({@link canonicalJson})
 * of `{"scheme": <scheme>, "content": <the payload's canonical form>}`. SHA-256 and JCS because a bank's systems
 * have both without any Ethereum library; the scheme name inside the preimage because the same bytes must never
 * mean a remittance to one reader and a travel-rule record to another. The schemes:
 *
 * - `"iso20022:RmtInf"`: the remittance information (`RmtInf`) of an ISO 20022 message, e.g. a pacs.008's
 *   `CdtTrfTxInf/RmtInf` or a remt.001's `RmtAdvc/RmtInf`, given as XML text or as an object (see
 *   {@link Iso20022Remittance} for the canonical form both reduce to).
 * - `"ivms101"`: an IVMS101 identity payload (FATF travel rule): `originator`, `beneficiary` and the optional
 *   `originatingVASP`, `beneficiaryVASP`, `transferPath`, `payloadMetadata`, as an object or JSON text.
 *
 * Everything here is pure: no chain, no network. It lives in `@cargo-rails/sdk/compliance`, outside
 * `createCargoRails`'s bundle.
 */
import { sha256, stringToBytes, type Hex } from "viem";

import { canonicalJson, parseJsonText, type JsonValue } from "./canonicalJson.js";
import { CargoRailsError, describe } from "./errors.js";

/** The scheme names a payment reference's preimage carries. */
export const PAYMENT_REFERENCE_SCHEMES = {
  iso20022: "iso20022:RmtInf",
  ivms101: "ivms101",
} as const;

/** One of {@link PAYMENT_REFERENCE_SCHEMES}. */
export type PaymentReferenceScheme = (typeof PAYMENT_REFERENCE_SCHEMES)[keyof typeof PAYMENT_REFERENCE_SCHEMES];

/**
 * The value of an ISO 20022 element in object form: its text (`"INV-2026-0042"`), an element with children or
 * attributes ({@link Iso20022Element}), or, for an element that occurs more than once, the list of its occurrences
 * in document order.
 */
export type Iso20022Value = string | Iso20022Element | readonly (string | Iso20022Element)[];

/**
 * An ISO 20022 element with children or attributes, in object form. Keys are the elements' XML tags without a
 * namespace prefix (`Strd`, `RfrdDocInf`, `Nb`); an attribute is its name after `@` (`"@Ccy": "HKD"`); the text of an
 * element that also has attributes is `"#text"`: `RmtdAmt: { "@Ccy": "HKD", "#text": "1250.50" }`.
 */
export interface Iso20022Element {
  readonly [tag: string]: Iso20022Value;
}

/**
 * The remittance information of an ISO 20022 payment: the *content* of the `RmtInf` element as an object, e.g.
 * `{ Ustrd: "INV-2026-0042" }` or `{ Strd: { RfrdDocInf: { Tp: { CdOrPrtry: { Cd: "CINV" } }, Nb: "INV-2026-0042" },
 * RfrdDocAmt: { DuePyblAmt: { "@Ccy": "HKD", "#text": "1250.50" } } } }`.
 *
 * The canonical form, which XML text reduces to as well: every value is text (amounts exactly as written in the
 * message: `"1250.50"`, never a number); an element that occurs once is its value, one that occurs several times the
 * list of its values in document order (a list of one is the same as the value alone); an element with neither
 * children nor attributes is its text (`""` when empty), one with attributes an object with `@name` keys and its
 * `"#text"` (left out when empty; `{ "#text": "x" }` is the same as `"x"`). Namespace prefixes and `xmlns`
 * declarations are dropped; whitespace between child elements is ignored, the text of a leaf element is kept as is.
 * Members are ordered by RFC 8785 (ISO 20022 schemas fix the order of an element's children, so no information is
 * lost).
 */
export type Iso20022Remittance = Iso20022Element;

/** An IVMS101 identity payload (interVASP Messaging Standard 101), as its JSON binding writes it. */
export interface Ivms101Payload {
  /** The originator: `originatorPersons` and `accountNumber`. */
  readonly originator: { readonly [key: string]: JsonValue };
  /** The beneficiary: `beneficiaryPersons` and `accountNumber`. */
  readonly beneficiary: { readonly [key: string]: JsonValue };
  /** The originating VASP (here: the payer's bank). */
  readonly originatingVASP?: { readonly [key: string]: JsonValue };
  /** The beneficiary VASP (here: the payee's bank). */
  readonly beneficiaryVASP?: { readonly [key: string]: JsonValue };
  /** Intermediary VASPs. */
  readonly transferPath?: { readonly [key: string]: JsonValue };
  /** Payload metadata (e.g. `transliterationMethod`). */
  readonly payloadMetadata?: { readonly [key: string]: JsonValue };
}

/**
 * What a payment reference is computed from: an ISO 20022 remittance (XML text holding one `RmtInf` element, or the
 * element's content as an object) or an IVMS101 payload (object or JSON text).
 */
export type PaymentReferencePayload =
  { readonly iso20022: string | Iso20022Remittance } | { readonly ivms101: Ivms101Payload | string };

/** Why a payload cannot give a payment reference. */
export type PaymentReferenceErrorReason =
  | "unknown-scheme"
  | "invalid-xml"
  | "no-remittance"
  | "several-remittances"
  | "mixed-content"
  | "invalid-value"
  | "invalid-ivms101";

/** A payload cannot give a payment reference. `path` says where (`$.Strd.RfrdDocAmt`), `reason` what. */
export class PaymentReferencePayloadError extends CargoRailsError {
  override name = "PaymentReferencePayloadError";
  /** Where in the payload the problem is (`$` is the root; for XML, the element path). */
  readonly path: string;
  /** What kind of problem it is. */
  readonly reason: PaymentReferenceErrorReason;

  constructor(reason: PaymentReferenceErrorReason, path: string, what: string, hint: string) {
    super(`Cannot compute a payment reference at ${path}: ${what}.`, { hint });
    this.path = path;
    this.reason = reason;
  }
}

const IVMS101_MEMBERS = [
  "originator",
  "beneficiary",
  "originatingVASP",
  "beneficiaryVASP",
  "transferPath",
  "payloadMetadata",
] as const;

/**
 * The text a payment reference hashes: the RFC 8785 canonical JSON of `{"content": …, "scheme": …}`. Give it to a
 * counterparty that wants to check a reference with its own tools (SHA-256 of its UTF-8 bytes is the reference).
 *
 * @throws {PaymentReferencePayloadError} When the payload is neither form, or malformed (see its `reason`).
 * @throws {CanonicalJsonError} When an IVMS101 payload holds what JSON cannot (a bigint, `NaN`, ...).
 *
 * @example
 * ```ts
 * paymentReferencePreimage({ iso20022: { Ustrd: "INV-2026-0042" } });
 * // '{"content":{"Ustrd":"INV-2026-0042"},"scheme":"iso20022:RmtInf"}'
 * ```
 */
export function paymentReferencePreimage(payload: PaymentReferencePayload): string {
  if (typeof payload === "object" && payload !== null) {
    const keys = Object.keys(payload);
    if (keys.length === 1 && "iso20022" in payload) {
      const remittance = payload.iso20022;
      const content = typeof remittance === "string" ? remittanceFromXml(remittance) : normalise(remittance, "$");
      return canonicalJson({ scheme: PAYMENT_REFERENCE_SCHEMES.iso20022, content });
    }
    if (keys.length === 1 && "ivms101" in payload) {
      return canonicalJson({ scheme: PAYMENT_REFERENCE_SCHEMES.ivms101, content: ivms101(payload.ivms101) });
    }
  }
  throw new PaymentReferencePayloadError(
    "unknown-scheme",
    "$",
    `${describe(payload)} is neither { iso20022 } nor { ivms101 }`,
    'Pass { iso20022: "<RmtInf>…</RmtInf>" } (or the RmtInf content as an object) for an ISO 20022 remittance, or { ivms101: payload } for a travel-rule payload.',
  );
}

/**
 * The 32-byte payment reference of an ISO 20022 remittance or an IVMS101 payload: SHA-256 of
 * {@link paymentReferencePreimage}. Pass it as `{ paymentReference }` to a deposit transfer; the token emits it in
 * `PaymentReference(from, to, amount, paymentReference)`, which the receiving bank matches against the payload it
 * received off chain ({@link verifyPaymentReference}).
 *
 * @throws {PaymentReferencePayloadError} When the payload is neither form, or malformed (see its `reason`).
 *
 * @example
 * ```ts
 * const paymentReference = paymentReference({
 *   iso20022: `<RmtInf><Strd><RfrdDocInf><Nb>INV-2026-0042</Nb></RfrdDocInf></Strd></RmtInf>`,
 * });
 * await rails.deposits.HKD.transfer({ to, amount: "1250.50", paymentReference });
 * ```
 */
export function paymentReference(payload: PaymentReferencePayload): Hex {
  return sha256(stringToBytes(paymentReferencePreimage(payload)));
}

/**
 * Whether `reference` (from a `PaymentReference` event) is the reference of `payload` (the remittance or travel-rule
 * message received off chain). The sender chooses the reference: a transfer proves nothing about a payload until its
 * receiver has recomputed the hash this way.
 *
 * @throws {PaymentReferencePayloadError} When the payload itself is malformed.
 */
export function verifyPaymentReference(payload: PaymentReferencePayload, reference: Hex): boolean {
  return typeof reference === "string" && paymentReference(payload) === reference.toLowerCase();
}

// ------------------------------------------------------------------------------------------- ISO 20022 canonical form

type Canonical = string | { [tag: string]: Canonical | Canonical[] };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function invalid(path: string, what: string): PaymentReferencePayloadError {
  return new PaymentReferencePayloadError(
    "invalid-value",
    path,
    what,
    'ISO 20022 values are text (amounts as written in the message, e.g. "1250.50"), elements objects keyed by tag, attributes "@name" and an element\'s text beside attributes "#text".',
  );
}

/** The canonical form of an element's value given as an object (see {@link Iso20022Remittance}). */
function normalise(value: unknown, path: string): Canonical {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) throw invalid(path, "a list where one element's value is expected");
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) {
    throw invalid(path, `${describe(value)} is not text or an element`);
  }
  const out: { [tag: string]: Canonical | Canonical[] } = {};
  let children = 0;
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const at = `${path}.${key}`;
    if (key === "#text" || key.startsWith("@")) {
      if (key !== "#text" && !NAME.test(key.slice(1))) throw invalid(at, "not an attribute name");
      if (typeof member !== "string") throw invalid(at, `${describe(member)} is not text`);
      if (key === "#text" && member === "") continue;
      out[key] = member;
      continue;
    }
    if (!NAME.test(key)) throw invalid(at, "not an element tag (no namespace prefix, no spaces)");
    children++;
    if (!Array.isArray(member)) {
      out[key] = normalise(member, at);
    } else if (member.length === 0) {
      throw invalid(at, "an empty list (leave an absent element out)");
    } else {
      const list = member.map((item: unknown, i) => normalise(item, `${at}[${i}]`));
      out[key] = list.length === 1 ? list[0]! : list;
    }
  }
  if (children > 0 && "#text" in out) {
    throw new PaymentReferencePayloadError(
      "mixed-content",
      path,
      "an element with both text and child elements",
      "ISO 20022 elements hold either text or child elements, never both.",
    );
  }
  const keys = Object.keys(out);
  if (keys.length === 1 && keys[0] === "#text") return out["#text"] as string;
  if (keys.length === 0 && children === 0) return "";
  return out;
}

interface XmlElement {
  tag: string;
  attributes: [string, string][];
  children: XmlElement[];
  text: string;
}

/** The canonical form of the one `RmtInf` element in `xml`. */
function remittanceFromXml(xml: string): Canonical {
  const root = parseXml(xml);
  const found: XmlElement[] = [];
  const search = (element: XmlElement) => {
    if (element.tag === "RmtInf") found.push(element);
    else element.children.forEach(search);
  };
  search(root);
  if (found.length === 0) {
    throw new PaymentReferencePayloadError(
      "no-remittance",
      root.tag,
      "the XML holds no RmtInf element",
      "Pass the RmtInf element of the payment (pacs.008 CdtTrfTxInf/RmtInf, remt.001 RmtAdvc/RmtInf) or a message holding exactly one.",
    );
  }
  if (found.length > 1) {
    throw new PaymentReferencePayloadError(
      "several-remittances",
      root.tag,
      `the XML holds ${found.length} RmtInf elements`,
      "A payment reference covers one payment's remittance: pass the RmtInf element of the transaction you are paying.",
    );
  }
  return normalise(toObject(found[0]!, "RmtInf"), "RmtInf");
}

/** An XML element as the object form, before normalisation. */
function toObject(element: XmlElement, path: string): unknown {
  const out: Record<string, unknown> = {};
  for (const [name, value] of element.attributes) out[`@${name}`] = value;
  if (element.children.length > 0) {
    if (element.text.trim() !== "") {
      throw new PaymentReferencePayloadError(
        "mixed-content",
        path,
        `text ${describe(element.text.trim())} beside child elements`,
        "ISO 20022 elements hold either text or child elements, never both.",
      );
    }
    for (const child of element.children) {
      const value = toObject(child, `${path}/${child.tag}`);
      const existing = out[child.tag];
      if (existing === undefined) out[child.tag] = [value];
      else (existing as unknown[]).push(value);
    }
    return out;
  }
  if (element.attributes.length === 0) return element.text;
  out["#text"] = element.text;
  return out;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function xmlError(at: number, what: string): PaymentReferencePayloadError {
  return new PaymentReferencePayloadError(
    "invalid-xml",
    `character ${at}`,
    what,
    "Pass well-formed XML (no DOCTYPE: entity declarations are refused).",
  );
}

/** Decodes the five predefined entities and character references of XML text. */
function decodeText(raw: string, at: number): string {
  return raw.replace(/&([^;&\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(";")) throw xmlError(at, `an unterminated reference ${describe(match)}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const code = /^#x[0-9A-Fa-f]+$/.test(name)
      ? parseInt(name.slice(2), 16)
      : /^#[0-9]+$/.test(name)
        ? parseInt(name.slice(1), 10)
        : NaN;
    if (!Number.isInteger(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw xmlError(at, `an unknown reference &${name};`);
    }
    return String.fromCodePoint(code);
  });
}

const localName = (qualified: string) => qualified.slice(qualified.indexOf(":") + 1);

/**
 * A strict parser for the XML of ISO 20022 messages: elements, attributes, text, CDATA, comments, processing
 * instructions, the predefined entities and character references. Refuses a DOCTYPE (no entity expansion).
 */
function parseXml(xml: string): XmlElement {
  if (typeof xml !== "string") throw xmlError(0, `${describe(xml)} is not text`);
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const skipMisc = () => {
    for (;;) {
      while (i < xml.length && /\s/.test(xml[i]!)) i++;
      if (xml.startsWith("<?", i)) i = endOf("?>", i);
      else if (xml.startsWith("<!--", i)) i = endOf("-->", i);
      else return;
    }
  };
  const endOf = (terminator: string, from: number) => {
    const end = xml.indexOf(terminator, from);
    if (end < 0) throw xmlError(from, `an unterminated ${describe(xml.slice(from, from + 9))}`);
    return end + terminator.length;
  };
  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  skipMisc();
  if (xml.startsWith("<!DOCTYPE", i)) throw xmlError(i, "a DOCTYPE");
  while (i < xml.length) {
    if (stack.length === 0) {
      if (root !== undefined) {
        skipMisc();
        if (i < xml.length) throw xmlError(i, "content after the root element");
        break;
      }
      if (xml[i] !== "<") throw xmlError(i, "text before the root element");
    }
    if (xml.startsWith("<!--", i)) {
      i = endOf("-->", i);
    } else if (xml.startsWith("<![CDATA[", i)) {
      const end = endOf("]]>", i);
      stack[stack.length - 1]!.text += xml.slice(i + 9, end - 3);
      i = end;
    } else if (xml.startsWith("<?", i)) {
      i = endOf("?>", i);
    } else if (xml.startsWith("<!", i)) {
      throw xmlError(i, "a declaration inside the document");
    } else if (xml.startsWith("</", i)) {
      const end = endOf(">", i);
      const tag = xml.slice(i + 2, end - 1).trim();
      const open = stack.pop();
      if (open === undefined || localName(tag) !== open.tag) {
        throw xmlError(i, `a closing tag </${tag}> that does not match ${open ? `<${open.tag}>` : "any open element"}`);
      }
      i = end;
    } else if (xml[i] === "<") {
      const match = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(
        xml.slice(i),
      );
      if (match === null) throw xmlError(i, `a malformed tag ${describe(xml.slice(i, i + 30))}`);
      const element: XmlElement = { tag: localName(match[1]!), attributes: [], children: [], text: "" };
      const seen = new Set<string>();
      for (const [, name, , double, single] of match[2]!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        if (seen.has(name!)) throw xmlError(i, `the attribute ${name} twice`);
        seen.add(name!);
        if (name === "xmlns" || name!.startsWith("xmlns:")) continue;
        element.attributes.push([localName(name!), decodeText(double ?? single!, i)]);
      }
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else root = element;
      if (match[3] !== "/") stack.push(element);
      i += match[0].length;
    } else {
      const end = xml.indexOf("<", i);
      const stop = end < 0 ? xml.length : end;
      const raw = xml.slice(i, stop);
      if (raw.includes("]]>")) throw xmlError(i, "]]> in text");
      stack[stack.length - 1]!.text += decodeText(raw, i);
      i = stop;
    }
  }
  if (root === undefined) throw xmlError(i, "no root element");
  if (stack.length > 0) throw xmlError(i, `<${stack[stack.length - 1]!.tag}> is not closed`);
  return root;
}

// ------------------------------------------------------------------------------------------------------ IVMS101

function ivms101(payload: unknown): JsonValue {
  const value = typeof payload === "string" ? parseJsonText(payload) : payload;
  const fail = (path: string, what: string) =>
    new PaymentReferencePayloadError(
      "invalid-ivms101",
      path,
      what,
      "Pass the IVMS101 IdentityPayload itself: an object with originator and beneficiary (and optionally originatingVASP, beneficiaryVASP, transferPath, payloadMetadata).",
    );
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(value)) throw fail("$", `${describe(value)} is not an object`);
  for (const key of Object.keys(value)) {
    if (!(IVMS101_MEMBERS as readonly string[]).includes(key)) throw fail(`$.${key}`, "not an IVMS101 payload member");
  }
  for (const key of IVMS101_MEMBERS) {
    const member = value[key];
    if (member === undefined && (key === "originator" || key === "beneficiary")) throw fail(`$.${key}`, "missing");
    if (member !== undefined && !isObject(member)) throw fail(`$.${key}`, `${describe(member)} is not an object`);
  }
  return value as JsonValue;
}
