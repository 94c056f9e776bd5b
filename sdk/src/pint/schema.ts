import { Ajv, type ValidateFunction } from "ajv";

import { DCSA_PINT_SCHEMAS_JSON } from "./dcsaSchemas.generated.js";

/** The DCSA PINT 3.0 schemas the SDK validates against (`components.schemas` of EBL_PINT_v3.0.0.yaml). */
export type PintSchemaName =
  | "EblEnvelope"
  | "EnvelopeManifest"
  | "EnvelopeTransferChainEntry"
  | "IssuanceManifest"
  | "EnvelopeTransferFinishedResponse"
  | "TransportDocument"
  | "DocumentMetadata";

const SCHEMA_ID = "https://cargo-rails.dev/dcsa/EBL_PINT_v3.0.0.json";

// The OpenAPI 3.0 formats DCSA's schemas name; ajv knows none of them without a plugin.
const FORMATS: Record<string, RegExp | ((value: string) => boolean)> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  "date-time":
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/,
  uri: (value) => {
    try {
      return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && new URL(value).href.length > 0;
    } catch {
      return false;
    }
  },
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};
// OpenAPI's numeric formats (int32, float) constrain numbers; ajv is told they always pass (`type` checks them).
const NUMBER_FORMATS = ["int32", "int64", "float", "double"];

let ajv: Ajv | undefined;
const validators = new Map<PintSchemaName, ValidateFunction>();

function validator(name: PintSchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    if (ajv === undefined) {
      // OpenAPI 3.0 schema objects are draft-04/07-like JSON schemas with extra keywords (`example`, ...): ajv reads
      // them unchanged in non-strict mode, which ignores the keywords it does not know.
      ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
      for (const [format, test] of Object.entries(FORMATS)) ajv.addFormat(format, test);
      for (const format of NUMBER_FORMATS) ajv.addFormat(format, { type: "number", validate: () => true });
      const schemas = fromOpenApi30(JSON.parse(DCSA_PINT_SCHEMAS_JSON) as unknown);
      ajv.addSchema({ $id: SCHEMA_ID, components: { schemas } });
    }
    validate = ajv.getSchema(`${SCHEMA_ID}#/components/schemas/${name}`)!;
    validators.set(name, validate);
  }
  return validate;
}

/**
 * Converts OpenAPI 3.0 schema objects to the JSON Schema ajv reads: a boolean `exclusiveMinimum`/`exclusiveMaximum`
 * (draft-04's form, which OpenAPI 3.0 keeps) becomes the numeric form, and `nullable: true` adds `"null"` to the
 * type. Everything else is kept as it is.
 */
export function fromOpenApi30(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(fromOpenApi30);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = fromOpenApi30(value);
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] === true && typeof out[bound] === "number") {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  if (out["nullable"] === true && typeof out["type"] === "string") out["type"] = [out["type"], "null"];
  return out;
}

/**
 * Validates a value against one of DCSA's PINT 3.0 schemas (compiled once, on first use). Returns `null` when it
 * conforms, else the first violation as `"<path> <message>"` (e.g. `/transportDocument must have required property
 * 'carrierCode'`). Never throws.
 */
export function validatePintSchema(name: PintSchemaName, value: unknown): string | null {
  const validate = validator(name);
  if (validate(value)) return null;
  const error = validate.errors?.[0];
  return error === undefined ? "does not conform" : `${error.instancePath || "/"} ${error.message ?? "is invalid"}`;
}
