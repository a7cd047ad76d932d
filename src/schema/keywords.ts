/**
 * Which JSON Schema keywords hold subschemas, and in what shape. Every schema walker in
 * gen-callbacks is keyword-aware: it descends only through these positions, so a property
 * *named* `$ref` or an `enum` value that looks like `{ "$ref": … }` is data, never a
 * reference (JSON-Schema-Test-Suite `ref.json` checks exactly this).
 */
import type { JsonSchema, JsonSchemaObject } from "../model/schema-set.js";

/** Keywords whose value is one subschema. */
export const SINGLE_SUBSCHEMA = [
  "additionalProperties",
  "propertyNames",
  "items",
  "contains",
  "not",
  "if",
  "then",
  "else",
  "unevaluatedItems",
  "unevaluatedProperties",
] as const;

/** Keywords whose value is an array of subschemas. */
export const ARRAY_SUBSCHEMA = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;

/** Keywords whose value is a map from names (or patterns) to subschemas. */
export const MAP_SUBSCHEMA = ["properties", "patternProperties", "dependentSchemas"] as const;

/**
 * Pure annotations: they never change what validates. They are kept for documentation
 * (JSDoc) and dropped by nothing but the emitters that do not print them.
 */
export const ANNOTATIONS = new Set([
  "title",
  "description",
  "default",
  "examples",
  "example",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

/** The JSON Schema instance types (2020-12 §6.1.1). */
const TYPE_NAMES = ["null", "boolean", "object", "array", "number", "integer", "string"] as const;
export type TypeName = (typeof TYPE_NAMES)[number];

export function isTypeName(v: unknown): v is TypeName {
  return typeof v === "string" && (TYPE_NAMES as readonly string[]).includes(v);
}

/** Keywords that constrain only instances of one type (and are ignored for all others). */
export const TYPED_KEYWORDS: ReadonlySet<string> = new Set([
  // strings
  "minLength", "maxLength", "pattern", "format",
  // numbers
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  // arrays
  "items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains",
  // objects
  "properties", "required", "additionalProperties", "patternProperties", "propertyNames",
  "minProperties", "maxProperties", "dependentRequired", "dependentSchemas",
]);

/**
 * Keywords that are part of JSON Schema 2020-12 but that gen-callbacks does not turn into
 * validation; the Zod emitter reports each occurrence as `schema-unsupported` and treats
 * the keyword as if it were absent (its subschema as `true`).
 */
export const UNSUPPORTED_KEYWORDS = [
  "unevaluatedItems",
  "unevaluatedProperties",
  "$dynamicRef",
  "$dynamicAnchor",
  "$recursiveRef",
  "$recursiveAnchor",
] as const;

export function isSchemaObject(v: unknown): v is JsonSchemaObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function isSchema(v: unknown): v is JsonSchema {
  return typeof v === "boolean" || isSchemaObject(v);
}

/** Own property lookup: a schema's keywords never come from `Object.prototype`. */
export function own(node: JsonSchemaObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
}

export function hasOwn(node: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(node, key);
}

/**
 * Defines `key` as an own enumerable data property. Plain assignment would run the
 * `__proto__` setter for that key and replace the prototype instead (THREATS.md A7).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The child schemas of a node, in keyword order (`subschemas` without the paths, and faster). */
export function childSchemas(node: JsonSchemaObject): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const kw of SINGLE_SUBSCHEMA) {
    const v = own(node, kw);
    if (isSchema(v)) out.push(v);
  }
  for (const kw of ARRAY_SUBSCHEMA) {
    const v = own(node, kw);
    if (Array.isArray(v)) for (const c of v) if (isSchema(c)) out.push(c);
  }
  for (const kw of MAP_SUBSCHEMA) {
    const v = own(node, kw);
    if (isSchemaObject(v)) for (const k of Object.keys(v)) if (isSchema(v[k])) out.push(v[k]);
  }
  return out;
}

/** The child schemas of a node with the path segments that lead to them, in keyword order. */
export function* subschemas(node: JsonSchemaObject): Generator<[path: (string | number)[], child: JsonSchema]> {
  for (const kw of SINGLE_SUBSCHEMA) {
    const v = own(node, kw);
    if (isSchema(v)) yield [[kw], v];
  }
  for (const kw of ARRAY_SUBSCHEMA) {
    const v = own(node, kw);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) if (isSchema(v[i])) yield [[kw, i], v[i] as JsonSchema];
  }
  for (const kw of MAP_SUBSCHEMA) {
    const v = own(node, kw);
    if (isSchemaObject(v)) for (const k of Object.keys(v)) if (isSchema(v[k])) yield [[kw, k], v[k] as JsonSchema];
  }
}
