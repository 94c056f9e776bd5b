/**
 * The types of trade document the TradeDocumentRegistry knows, by name: the ids its constructor defines, named after
 * the ICC Digital Standards Initiative's Key Trade Documents and Data Elements (KTDDE), and the participant kinds
 * that may issue each. An administrator may define more types (ids 8 to 255) on chain; the SDK takes any id from 1
 * to 255 where a type is expected, and names the seven below.
 */
import { InvalidArgumentError } from "./errors.js";
import { type ParticipantKind } from "./participantKinds.js";

/** The standard document types and their on-chain ids (`uint8`); an id's meaning never changes once deployed. */
export const documentTypes = {
  COMMERCIAL_INVOICE: 1,
  PACKING_LIST: 2,
  CERTIFICATE_OF_ORIGIN: 3,
  INSURANCE_CERTIFICATE: 4,
  INSPECTION_CERTIFICATE: 5,
  CUSTOMS_DECLARATION: 6,
  SEA_WAYBILL: 7,
} as const;

/** A standard document type by name: `"COMMERCIAL_INVOICE"`, `"PACKING_LIST"`, ... */
export type DocumentTypeName = keyof typeof documentTypes;

/**
 * A document type as the SDK takes it: a standard type's name (`"COMMERCIAL_INVOICE"`), or an on-chain id from 1 to
 * 255 (a type an administrator defined).
 */
export type DocumentType = DocumentTypeName | number;

/** The KTDDE name of each standard type, for people. */
export const documentTypeLabels: { readonly [T in DocumentTypeName]: string } = {
  COMMERCIAL_INVOICE: "Commercial invoice",
  PACKING_LIST: "Packing list",
  CERTIFICATE_OF_ORIGIN: "Certificate of origin",
  INSURANCE_CERTIFICATE: "Insurance certificate",
  INSPECTION_CERTIFICATE: "Inspection certificate",
  CUSTOMS_DECLARATION: "Customs declaration",
  SEA_WAYBILL: "Sea waybill",
};

/**
 * Who may issue each standard type at deployment (the registry's `issuerKindsOf`; an administrator may change it on
 * chain, which `documents.issuerKindsOf` reads).
 */
export const documentTypeIssuers: { readonly [T in DocumentTypeName]: readonly ParticipantKind[] } = {
  COMMERCIAL_INVOICE: ["trader"],
  PACKING_LIST: ["trader"],
  CERTIFICATE_OF_ORIGIN: ["authority"],
  INSURANCE_CERTIFICATE: ["insurer"],
  INSPECTION_CERTIFICATE: ["inspector"],
  CUSTOMS_DECLARATION: ["trader", "agent"],
  SEA_WAYBILL: ["carrier"],
};

/** Every standard type name, in id order. */
export const documentTypeNames = Object.keys(documentTypes) as readonly DocumentTypeName[];

/**
 * The on-chain id of a document type (`"PACKING_LIST"` → `2`; an id from 1 to 255 is returned as it is).
 *
 * @throws {InvalidArgumentError} For an unknown name, or a number that is not an integer from 1 to 255.
 */
export function documentTypeId(type: DocumentType, argument = "documentType"): number {
  if (typeof type === "number" && Number.isInteger(type) && type >= 1 && type <= 255) return type;
  if (typeof type === "string" && Object.hasOwn(documentTypes, type)) return documentTypes[type as DocumentTypeName];
  throw new InvalidArgumentError(
    argument,
    type,
    `a document type: one of ${documentTypeNames.join(", ")}, or an on-chain id from 1 to 255`,
  );
}

/** The standard name of an on-chain id (`1` → `"COMMERCIAL_INVOICE"`), or `null` for a type the SDK does not name. */
export function documentTypeName(id: number): DocumentTypeName | null {
  return documentTypeNames.find((name) => documentTypes[name] === id) ?? null;
}

/** The label of a type for people: the KTDDE name of a standard type (`"Packing list"`), else `"Type 9"`. */
export function documentTypeLabel(type: DocumentType): string {
  const id = documentTypeId(type);
  const name = documentTypeName(id);
  return name === null ? `Type ${id}` : documentTypeLabels[name];
}

/**
 * The bitmask a consent grants (`ConsentTerms.documentTypes`): bit `t` set for each type `t`
 * (`["COMMERCIAL_INVOICE", "PACKING_LIST"]` → `0b110n`).
 *
 * @throws {InvalidArgumentError} When the list is empty or holds an unknown type.
 */
export function encodeDocumentTypes(types: readonly DocumentType[], argument = "documentTypes"): bigint {
  if (!Array.isArray(types) || types.length === 0) {
    throw new InvalidArgumentError(argument, types, "a non-empty list of document types");
  }
  let mask = 0n;
  for (const type of types) mask |= 1n << BigInt(documentTypeId(type, argument));
  return mask;
}

/** The type ids of a consent's bitmask, in order (`0b110n` → `[1, 2]`); bit 0 (never a type) is ignored. */
export function decodeDocumentTypes(mask: bigint): number[] {
  const ids: number[] = [];
  for (let id = 1; id <= 255; id++) if ((mask >> BigInt(id)) & 1n) ids.push(id);
  return ids;
}
