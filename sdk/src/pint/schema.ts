import type { Ajv, ValidateFunction } from "ajv";

/**
 * The version of DCSA's PINT specification whose schemas the entry validates against (sdk/data/dcsa, see NOTICE).
 */
export const DCSA_PINT_VERSION = "3.0.0";

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

let compiler: Promise<Ajv> | undefined;
const validators = new Map<PintSchemaName, ValidateFunction>();

/**
 * ajv with DCSA's schemas, loaded on first use (`import()`): a browser bundle carries ajv and the schemas (about
 * 260 kB minified) in a chunk of their own, fetched when the first envelope or response is checked.
 */
function loadCompiler(): Promise<Ajv> {
  compiler ??= Promise.all([import("ajv"), import("./dcsaSchemas.generated.js")]).then(([ajvModule, data]) => {
    // OpenAPI 3.0 schema objects are JSON schemas with extra keywords (`example`, ...): ajv reads them in non-strict
    // mode, which ignores the keywords it does not know, once `fromOpenApi30` has converted what differs.
    const ajv = new ajvModule.Ajv({ strict: false, allErrors: false, validateSchema: false });
    for (const [format, test] of Object.entries(FORMATS)) ajv.addFormat(format, test);
    for (const format of NUMBER_FORMATS) ajv.addFormat(format, { type: "number", validate: () => true });
    const schemas = fromOpenApi30(JSON.parse(data.DCSA_PINT_SCHEMAS_JSON) as unknown);
    ajv.addSchema({ $id: SCHEMA_ID, components: { schemas } });
    return ajv;
  });
  return compiler;
}

async function validator(name: PintSchemaName): Promise<ValidateFunction> {
  let validate = validators.get(name);
  if (validate === undefined) {
    validate = (await loadCompiler()).getSchema(`${SCHEMA_ID}#/components/schemas/${name}`)!;
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
 * Validates a value against one of DCSA's PINT 3.0 schemas (loaded and compiled once, on first use). Resolves to `null` when it
 * conforms, else the first violation as `"<path> <message>"` (e.g. `/transportDocument must have required property
 * 'carrierCode'`). Never throws.
 */
export async function validatePintSchema(name: PintSchemaName, value: unknown): Promise<string | null> {
  const validate = await validator(name);
  if (validate(value)) return null;
  const error = validate.errors?.[0];
  return error === undefined ? "does not conform" : `${error.instancePath || "/"} ${error.message ?? "is invalid"}`;
}
