/**
 * Shallow checks of one Schema Object: each keyword's value has the right JSON type,
 * `type` names are real, `required` lists strings, and sub-schemas are handed back so
 * the walker checks them too (iteratively). What a schema *means* is the schema
 * emitters' business; this only catches documents that are malformed.
 *
 * Keyword sets: OAS 3.0 Schema Object (its "extended subset" of JSON Schema draft 4 plus
 * nullable, discriminator, readOnly, writeOnly, xml, externalDocs, example, deprecated)
 * and, from 3.1, JSON Schema 2020-12 plus the OAS vocabulary.
 */
import { closest } from "./suggest.js";
import type { Shape } from "./structure-types.js";
import type { OpenApiVersion } from "./types.js";
import { describe } from "./version.js";

type Kind =
  | "schema"
  | "additionalProperties"
  | "schemaMap"
  | "schemaList"
  | "string"
  | "boolean"
  | "number"
  | "count"
  | "positive"
  | "stringList"
  | "type"
  | "data"
  | "list"
  | "items"
  | "exclusive30"
  | "dependentRequired"
  | "discriminator"
  | "xml"
  | "externalDocs"
  | "vocabulary";

const COMMON: Record<string, Kind> = {
  $ref: "string",
  title: "string",
  description: "string",
  multipleOf: "positive",
  maximum: "number",
  minimum: "number",
  maxLength: "count",
  minLength: "count",
  pattern: "string",
  maxItems: "count",
  minItems: "count",
  uniqueItems: "boolean",
  maxProperties: "count",
  minProperties: "count",
  required: "stringList",
  enum: "list",
  type: "type",
  allOf: "schemaList",
  oneOf: "schemaList",
  anyOf: "schemaList",
  not: "schema",
  items: "items",
  properties: "schemaMap",
  additionalProperties: "additionalProperties",
  format: "string",
  default: "data",
  discriminator: "discriminator",
  readOnly: "boolean",
  writeOnly: "boolean",
  xml: "xml",
  externalDocs: "externalDocs",
  example: "data",
  deprecated: "boolean",
};

const KEYWORDS_30: ReadonlyMap<string, Kind> = new Map(Object.entries({ ...COMMON, exclusiveMaximum: "exclusive30", exclusiveMinimum: "exclusive30", nullable: "boolean" }));

const KEYWORDS_31: ReadonlyMap<string, Kind> = new Map(
  Object.entries({
    ...COMMON,
    exclusiveMaximum: "number",
    exclusiveMinimum: "number",
    $schema: "string",
    $id: "string",
    $anchor: "string",
    $dynamicAnchor: "string",
    $dynamicRef: "string",
    $comment: "string",
    $defs: "schemaMap",
    $vocabulary: "vocabulary",
    definitions: "schemaMap",
    if: "schema",
    then: "schema",
    else: "schema",
    dependentSchemas: "schemaMap",
    dependentRequired: "dependentRequired",
    prefixItems: "schemaList",
    contains: "schema",
    maxContains: "count",
    minContains: "count",
    patternProperties: "schemaMap",
    propertyNames: "schema",
    unevaluatedItems: "schema",
    unevaluatedProperties: "schema",
    const: "data",
    examples: "list",
    contentEncoding: "string",
    contentMediaType: "string",
    contentSchema: "schema",
  } satisfies Record<string, Kind>),
);

const TYPES_30 = ["array", "boolean", "integer", "number", "object", "string"];
const TYPES_31 = [...TYPES_30, "null"];

export interface SchemaChild {
  path: (string | number)[];
  value: unknown;
  shape: Shape;
}

export interface SchemaProblem {
  path: (string | number)[];
  atKey?: boolean;
  code: "schema-invalid" | "structure-unknown-field";
  level: "error" | "warning";
  message: string;
  hint: string;
}

const SCHEMA: Shape = { t: "schema" };

export function checkSchemaKeywords(schema: Record<string, unknown>, version: OpenApiVersion): { children: SchemaChild[]; problems: SchemaProblem[] } {
  const keywords = version === "3.0" ? KEYWORDS_30 : KEYWORDS_31;
  const children: SchemaChild[] = [];
  const problems: SchemaProblem[] = [];
  const bad = (key: string, expected: string, value: unknown, hint = `write ${expected}`): void => {
    problems.push({ path: [key], code: "schema-invalid", level: "error", message: `schema keyword \`${key}\` must be ${expected}, not ${describe(value)}`, hint });
  };

  for (const key of Object.keys(schema)) {
    const value = schema[key];
    const kind = keywords.get(key);
    if (kind === undefined) {
      unknownKeyword(key, version, keywords, problems);
      continue;
    }
    switch (kind) {
      case "schema":
        children.push({ path: [key], value, shape: SCHEMA });
        break;
      case "additionalProperties":
        // "Value can be boolean or object" — even in 3.0, where other schemas are objects.
        if (typeof value !== "boolean") children.push({ path: [key], value, shape: SCHEMA });
        break;
      case "items":
        if (Array.isArray(value)) {
          bad(key, "a schema", value, version === "3.0" ? "`items` holds one schema for every element (tuples cannot be described in OpenAPI 3.0)" : "`items` holds one schema for every element; describe a tuple with `prefixItems`");
        } else {
          children.push({ path: [key], value, shape: SCHEMA });
        }
        break;
      case "schemaMap":
        if (!isPlainObject(value)) bad(key, "a map of schemas", value);
        else for (const k of Object.keys(value)) children.push({ path: [key, k], value: value[k], shape: SCHEMA });
        break;
      case "schemaList":
        if (!Array.isArray(value) || value.length === 0) bad(key, "a non-empty list of schemas", value);
        else value.forEach((s, i) => children.push({ path: [key, i], value: s, shape: SCHEMA }));
        break;
      case "string":
        if (typeof value !== "string") bad(key, "a string", value);
        break;
      case "boolean":
        if (typeof value !== "boolean") bad(key, "`true` or `false`", value);
        break;
      case "number":
        if (typeof value !== "number") bad(key, "a number", value);
        break;
      case "count":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0) bad(key, "a non-negative integer", value);
        break;
      case "positive":
        if (typeof value !== "number" || !(value > 0)) bad(key, "a number greater than 0", value);
        break;
      case "exclusive30":
        if (typeof value !== "boolean") {
          bad(key, "`true` or `false` in OpenAPI 3.0", value, `in OpenAPI 3.0 \`${key}: true\` makes \`${key === "exclusiveMaximum" ? "maximum" : "minimum"}\` exclusive; numeric bounds here are OpenAPI 3.1`);
        }
        break;
      case "stringList":
        if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) bad(key, "a list of property names (strings)", value);
        else if (version === "3.0" && value.length === 0) {
          problems.push({ path: [key], code: "schema-invalid", level: "warning", message: "`required` is an empty list, which OpenAPI 3.0 (JSON Schema draft 4) does not allow", hint: "remove `required` when no property is required" });
        }
        break;
      case "list":
        if (!Array.isArray(value)) bad(key, "a list", value);
        break;
      case "type":
        checkType(value, version, problems);
        break;
      case "dependentRequired":
        if (!isPlainObject(value) || Object.values(value).some((v) => !Array.isArray(v) || v.some((x) => typeof x !== "string"))) bad(key, "a map of property-name lists", value);
        break;
      case "vocabulary":
        if (!isPlainObject(value)) bad(key, "a map", value);
        break;
      case "discriminator":
        children.push({ path: [key], value, shape: { t: "object", of: "Discriminator" } });
        break;
      case "xml":
        children.push({ path: [key], value, shape: { t: "object", of: "XML" } });
        break;
      case "externalDocs":
        children.push({ path: [key], value, shape: { t: "object", of: "ExternalDocs" } });
        break;
      case "data":
        break;
    }
  }
  return { children, problems };
}

function checkType(value: unknown, version: OpenApiVersion, problems: SchemaProblem[]): void {
  const names = version === "3.0" ? TYPES_30 : TYPES_31;
  const push = (message: string, hint: string, path: (string | number)[] = ["type"], level: "error" | "warning" = "error"): void => {
    problems.push({ path, code: "schema-invalid", level, message, hint });
  };
  const checkName = (name: unknown, path: (string | number)[]): void => {
    if (typeof name !== "string") return push(`a \`type\` name must be a string, not ${describe(name)}`, `use one of ${names.join(", ")}`, path);
    if (names.includes(name)) return;
    // Real 3.0 documents use it (3GPP, generated specs); refusing the whole document for it
    // helps nobody. It is read as 3.1 reads it: only `null` is valid.
    if (name === "null" && version === "3.0") {
      return push("OpenAPI 3.0 has no `null` type; it is read with its OpenAPI 3.1 meaning (only null is valid)", "write `nullable: true` next to the actual type", path, "warning");
    }
    const guess = closest(name, names);
    push(`\`type\` ${JSON.stringify(name)} is not a JSON Schema type`, guess ? `did you mean ${JSON.stringify(guess)}?` : `use one of ${names.join(", ")}`, path);
  };
  if (Array.isArray(value)) {
    if (version === "3.0") return push("`type` must be a single type name in OpenAPI 3.0 (lists of types are OpenAPI 3.1)", "write one type, with `nullable: true` for a nullable value");
    if (value.length === 0) return push("`type` is an empty list, so no value could ever match", "list at least one type, or remove `type`");
    value.forEach((n, i) => checkName(n, ["type", i]));
    if (new Set(value).size !== value.length) push("`type` lists the same type twice", "list each type once");
    return;
  }
  checkName(value, ["type"]);
}

/**
 * 3.0 schemas may carry only their listed keywords and `x-` extensions; an unknown one is
 * ignored by every tool, so it is a warning (with a guess when it looks like a typo). In
 * 3.1 unknown keywords are legal annotations; only likely typos are worth a word.
 */
function unknownKeyword(key: string, version: OpenApiVersion, keywords: ReadonlyMap<string, Kind>, problems: SchemaProblem[]): void {
  if (key.startsWith("x-")) return;
  const guess = closest(key, keywords.keys());
  if (version !== "3.0" && guess === undefined) return;
  problems.push({
    path: [key],
    atKey: true,
    code: "structure-unknown-field",
    level: "warning",
    message: `\`${key}\` is not a schema keyword in OpenAPI ${version}, so it is ignored`,
    hint: guess !== undefined ? `did you mean \`${guess}\`?` : "remove it, or prefix it with `x-` to make it an extension",
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
