import { CargoRailsError } from "./errors.js";

/** A party as the SDK reads it from a transport document; other members of the DCSA party are kept. */
export interface DocumentParty {
  partyName: string;
  address?: { street: string; city: string; countryCode: string; [key: string]: unknown } | undefined;
  identifyingCodes?:
    | { codeListProvider: string; partyCode: string; codeListName?: string | undefined; [key: string]: unknown }[]
    | undefined;
  [key: string]: unknown;
}

/**
 * A DCSA eBL 3.0 transport document whose essential fields have been checked by
 * {@link validateTransportDocument}. Fields not listed are kept, untyped.
 */
export interface TransportDocument {
  transportDocumentReference: string;
  transportDocumentTypeCode: "BOL" | "SWB";
  transportDocumentStatus: string;
  /** `true`: negotiable (to order); `false`: straight. */
  isToOrder: boolean;
  isElectronic: boolean;
  isShippedOnBoardType: boolean;
  shippedOnBoardDate?: string | undefined;
  receivedForShipmentDate?: string | undefined;
  issueDate?: string | undefined;
  carrierCode: string;
  carrierCodeListProvider: "SMDG" | "NMFTA";
  documentParties: {
    shipper: DocumentParty;
    consignee?: DocumentParty | undefined;
    endorsee?: DocumentParty | undefined;
    issuingParty: DocumentParty & { address: NonNullable<DocumentParty["address"]> };
    notifyParties?: DocumentParty[] | undefined;
    [key: string]: unknown;
  };
  consignmentItems: {
    carrierBookingReference: string;
    descriptionOfGoods: string[];
    HSCodes: string[];
    cargoItems: {
      equipmentReference: string;
      cargoGrossWeight: { value: number; unit: "KGM" | "LBR"; [key: string]: unknown };
      outerPackaging: {
        numberOfPackages?: number | undefined;
        description?: string | undefined;
        [key: string]: unknown;
      };
      [key: string]: unknown;
    }[];
    [key: string]: unknown;
  }[];
  transports: {
    portOfLoading: { UNLocationCode?: string | undefined; [key: string]: unknown };
    portOfDischarge: { UNLocationCode?: string | undefined; [key: string]: unknown };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** One problem found in a transport document. */
export interface TransportDocumentIssue {
  /** Where: a JSON path such as `documentParties.shipper.partyName` or `consignmentItems[0].HSCodes`. */
  path: string;
  /** What is wrong with it. */
  message: string;
}

/** A transport document failed {@link validateTransportDocument}. `issues` lists every problem with its path. */
export class TransportDocumentValidationError extends CargoRailsError {
  override name = "TransportDocumentValidationError";
  /** Every problem found, in document order. */
  readonly issues: readonly TransportDocumentIssue[];

  constructor(issues: readonly TransportDocumentIssue[]) {
    const first = issues[0];
    super(
      `The transport document is not a valid DCSA eBL 3.0 document: ${issues.length} problem${issues.length === 1 ? "" : "s"}${first ? `, first at ${first.path}: ${first.message}` : ""}.`,
      {
        details: issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "),
        hint: "Fix the fields listed (paths as in the DCSA eBL 3.0 TransportDocument schema) before issuing or hashing the document.",
      },
    );
    this.issues = issues;
  }
}

/** The validator, loaded on first use (zod and the DCSA schema: a chunk of its own in a browser bundle). */
async function documentIssues(document: unknown): Promise<TransportDocumentIssue[]> {
  const schema = await import("./internal/transportDocumentSchema.js");
  return schema.documentIssues(document);
}

/**
 * Checks the essential fields of a DCSA eBL 3.0 transport document, with the constraints of DCSA's
 * `EBL_ISS_v3.0.0.yaml`: the reference (at most 20 characters), the type (`BOL` / `SWB`), straight or to order,
 * the parties (shipper; consignee required for a straight B/L; endorsee only on a to-order B/L; the issuing
 * carrier with its address), the carrier code, the shipped-on-board (or received-for-shipment) date and the issue
 * date, the goods (consignment items with description, HS codes and cargo items) and the ports.
 * Members not checked are allowed and returned unchanged.
 *
 * Asynchronous because the validator (zod/mini and the schema, about 30 kB minified) is loaded on first use: a
 * browser bundle of the SDK fetches it only when a document is validated.
 *
 * @param document The parsed document.
 * @returns The same document, typed.
 * @throws {TransportDocumentValidationError} Listing every problem with its JSON path.
 */
export async function validateTransportDocument(document: unknown): Promise<TransportDocument> {
  const issues = await documentIssues(document);
  if (issues.length > 0) throw new TransportDocumentValidationError(issues);
  return document as TransportDocument;
}

/**
 * Like {@link validateTransportDocument}, but resolves to the problems instead of throwing (an empty list when
 * valid).
 *
 * @param document The parsed document.
 */
export async function transportDocumentIssues(document: unknown): Promise<TransportDocumentIssue[]> {
  return documentIssues(document);
}
