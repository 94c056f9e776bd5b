/**
 * A DCSA eBL 3.0 transport document for the demo's trades: a to-order (or straight) bill of lading for a container of
 * silk garments from Shanghai to Hong Kong. Its shape follows the `TransportDocument` schema of DCSA's eBL issuance
 * API 3.0; the SDK validates it and binds it to the token through its DCSA checksum.
 */
export interface DemoDocumentInput {
  /** The carrier's B/L number (at most 20 characters). */
  reference: string;
  /** True for a negotiable (to order) B/L, false for a straight one. */
  toOrder: boolean;
  /** Date the goods were shipped on board, YYYY-MM-DD. */
  shippedOnBoardDate: string;
  /** Container number (ISO 6346). */
  container: string;
  /** Invoice value of the goods, for the description. */
  declaredValueHkd: string;
}

const party = (partyName: string, street: string, city: string, countryCode: string, lei: string) => ({
  partyName,
  address: { street, city, countryCode },
  identifyingCodes: [{ codeListProvider: "GLEIF", partyCode: lei }],
  partyContactDetails: [{ name: "Trade documents desk", email: "documents@example.com" }],
});

/** The transport document of one demo shipment. */
export function demoTransportDocument(input: DemoDocumentInput) {
  const shipper = party(
    "Shanghai Silk Export Co., Ltd.",
    "88 Century Avenue",
    "Shanghai",
    "CN",
    "300300SHSILKEXP00012",
  );
  const importer = party("Kowloon Trading Ltd.", "1 Canton Road", "Hong Kong", "HK", "254900KOWLOONTRD0034");
  return {
    transportDocumentReference: input.reference,
    shippingInstructionsReference: `SI-${input.reference}`,
    transportDocumentTypeCode: "BOL",
    transportDocumentStatus: "ISSUED",
    freightPaymentTermCode: "PRE",
    isElectronic: true,
    isToOrder: input.toOrder,
    isShippedOnBoardType: true,
    shippedOnBoardDate: input.shippedOnBoardDate,
    issueDate: input.shippedOnBoardDate,
    carrierCode: "OSLU",
    carrierCodeListProvider: "NMFTA",
    cargoMovementTypeAtOrigin: "FCL",
    cargoMovementTypeAtDestination: "FCL",
    receiptTypeAtOrigin: "CY",
    deliveryTypeAtDestination: "CY",
    termsAndConditions: "Carriage subject to the carrier's bill of lading terms; demo document.",
    partyContactDetails: [{ name: "Orient Star Lines documentation", email: "ebl@example.com" }],
    documentParties: {
      shipper,
      // A straight B/L names its consignee; a to-order B/L is made out "to order of shipper" and names a notify party.
      ...(input.toOrder ? { notifyParties: [importer] } : { consignee: importer }),
      issuingParty: {
        partyName: "Orient Star Lines",
        address: { street: "33 Harbour Road", city: "Hong Kong", countryCode: "HK" },
        identifyingCodes: [{ codeListProvider: "NMFTA", partyCode: "OSLU" }],
      },
    },
    consignmentItems: [
      {
        carrierBookingReference: `BK${input.reference.slice(-8)}`,
        descriptionOfGoods: [`Silk garments, 400 cartons, invoice value HKD ${input.declaredValueHkd}`],
        HSCodes: ["620610"],
        cargoItems: [
          {
            equipmentReference: input.container,
            cargoGrossWeight: { value: 6200, unit: "KGM" },
            outerPackaging: { numberOfPackages: 400, packageCode: "4G", description: "Fibreboard boxes" },
          },
        ],
      },
    ],
    utilizedTransportEquipments: [
      {
        isShipperOwned: false,
        seals: [{ number: `OS${input.container.slice(-6)}` }],
        equipment: { ISOEquipmentCode: "22G1", equipmentReference: input.container },
      },
    ],
    transports: {
      plannedDepartureDate: input.shippedOnBoardDate,
      plannedArrivalDate: input.shippedOnBoardDate,
      portOfLoading: { UNLocationCode: "CNSHA" },
      portOfDischarge: { UNLocationCode: "HKHKG" },
      vesselVoyages: [{ vesselName: "Orient Star Harmony", carrierExportVoyageNumber: "226S" }],
    },
  };
}
