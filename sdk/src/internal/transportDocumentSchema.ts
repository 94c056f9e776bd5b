import { en } from "zod/locales";
import * as z from "zod/mini";

import type { TransportDocumentIssue } from "../transportDocument.js";

// The DCSA schema of `validateTransportDocument` (../transportDocument.ts), in a module of its own: the SDK loads it
// with `import()` on first use, so that a browser bundle carries zod in a chunk fetched only when a document is
// validated.
//
// Constraints below are those of the `TransportDocument` schema of DCSA's EBL_ISS_v3.0.0.yaml (eBL issuance 3.0).
// Only the fields that matter to a title registry are checked; every other member is allowed and kept as is.
// Written with `zod/mini` (tree-shakable checks: a twentieth of `zod`'s size in a browser bundle). The messages are
// zod's English ones, given to each parse rather than configured globally, so an application's own zod configuration
// is left alone.

/** DCSA's pattern for free text: no leading or trailing whitespace. */
const TRIMMED = /^\S(?:.*\S)?$/;
const max = (maxLength: number) => z.string().check(z.maxLength(maxLength));
const text = (maxLength: number) =>
  z
    .string()
    .check(z.maxLength(maxLength), z.regex(TRIMMED, "must not start or end with whitespace and must not be empty"));

const identifyingCode = z.looseObject({
  codeListProvider: max(100),
  partyCode: max(150),
  codeListName: z.optional(max(100)),
});

const partyAddress = z.looseObject({
  street: max(70),
  city: text(35),
  countryCode: z.string().check(z.regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as HK")),
});

const shipper = z.looseObject({
  partyName: text(70),
  address: z.optional(partyAddress),
  identifyingCodes: z.optional(z.array(identifyingCode)),
});

/** Consignee and endorsee must be identifiable: name plus at least one identifying code. */
const identifiedParty = z.looseObject({
  partyName: text(70),
  address: z.optional(partyAddress),
  identifyingCodes: z.array(identifyingCode).check(z.minLength(1)),
});

const issuingParty = z.looseObject({
  partyName: text(70),
  address: partyAddress,
  identifyingCodes: z.optional(z.array(identifyingCode)),
});

const documentParties = z.looseObject({
  shipper,
  consignee: z.optional(identifiedParty),
  endorsee: z.optional(identifiedParty),
  issuingParty,
  notifyParties: z.optional(z.array(z.looseObject({ partyName: text(70) })).check(z.maxLength(3))),
});

const cargoItem = z.looseObject({
  equipmentReference: text(11),
  cargoGrossWeight: z.looseObject({ value: z.number().check(z.gte(0)), unit: z.enum(["KGM", "LBR"]) }),
  outerPackaging: z.looseObject({
    numberOfPackages: z.optional(z.number().check(z.int(), z.gte(1), z.lte(99_999_999))),
    description: z.optional(max(100)),
  }),
});

const consignmentItem = z.looseObject({
  carrierBookingReference: text(35),
  descriptionOfGoods: z.array(z.string()).check(z.minLength(1, "must describe the goods"), z.maxLength(150)),
  HSCodes: z.array(z.string()).check(z.minLength(1)),
  cargoItems: z.array(cargoItem).check(z.minLength(1)),
});

const unLocation = z.looseObject({
  UNLocationCode: z.optional(z.string().check(z.regex(/^[A-Z]{2}[A-Z2-9]{3}$/, "must be a UN/LOCODE such as HKHKG"))),
});

const date = z.iso.date("must be a date in the form YYYY-MM-DD");

const transportDocumentSchema = z
  .looseObject({
    transportDocumentReference: text(20),
    transportDocumentTypeCode: z.enum(["BOL", "SWB"]),
    transportDocumentStatus: max(50),
    isToOrder: z.boolean(),
    isElectronic: z.boolean(),
    isShippedOnBoardType: z.boolean(),
    shippedOnBoardDate: z.optional(date),
    receivedForShipmentDate: z.optional(date),
    issueDate: z.optional(date),
    carrierCode: z.string().check(z.maxLength(4), z.regex(/^\S+$/, "must not contain whitespace")),
    carrierCodeListProvider: z.enum(["SMDG", "NMFTA"]),
    documentParties,
    consignmentItems: z.array(consignmentItem).check(z.minLength(1)),
    transports: z.looseObject({ portOfLoading: unLocation, portOfDischarge: unLocation }),
  })
  .check(
    z.superRefine((doc, ctx) => {
      const parties = doc.documentParties;
      if (doc.transportDocumentTypeCode === "SWB" && doc.isToOrder) {
        ctx.addIssue({
          code: "custom",
          path: ["isToOrder"],
          message: "a sea waybill (SWB) cannot be issued to order",
        });
      }
      if (!doc.isToOrder && parties.consignee === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["documentParties", "consignee"],
          message: "a straight (not to order) B/L must name its consignee",
        });
      }
      if (!doc.isToOrder && parties.endorsee !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["documentParties", "endorsee"],
          message: "only a to-order B/L can name an endorsee",
        });
      }
      if (doc.isToOrder && parties.consignee !== undefined && parties.endorsee !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["documentParties", "endorsee"],
          message: "consignee and endorsee are mutually exclusive",
        });
      }
      const onBoard = doc.shippedOnBoardDate !== undefined;
      const received = doc.receivedForShipmentDate !== undefined;
      if (onBoard === received) {
        ctx.addIssue({
          code: "custom",
          path: [onBoard ? "receivedForShipmentDate" : "shippedOnBoardDate"],
          message: onBoard
            ? "give either shippedOnBoardDate or receivedForShipmentDate, not both"
            : "an issued B/L needs its shippedOnBoardDate (or receivedForShipmentDate)",
        });
      }
    }),
  );

/** zod's English messages, given to each parse (see above). */
const parseOptions = { error: en().localeError };

function jsonPath(path: readonly PropertyKey[]): string {
  let result = "";
  for (const key of path) {
    if (typeof key === "number") result += `[${key}]`;
    else result += result === "" ? String(key) : `.${String(key)}`;
  }
  return result === "" ? "$" : result;
}

/** Every problem `document` has, in document order, with its JSON path; an empty list when it is valid. */
export function documentIssues(document: unknown): TransportDocumentIssue[] {
  const result = transportDocumentSchema.safeParse(document, parseOptions);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}
