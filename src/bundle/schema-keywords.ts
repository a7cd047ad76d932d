/**
 * Which JSON Schema keywords hold subschemas. Walkers must know this: a `$ref` string inside
 * `example`, `default`, `enum` or `const` is data, and a property *named* `$ref` is a key of
 * `properties`, not a reference.
 */

/** Keywords whose value is one subschema. */
export const SINGLE_SUBSCHEMA = [
  "additionalItems",
  "additionalProperties",
  "contains",
  "contentSchema",
  "else",
  "if",
  "not",
  "propertyNames",
  "then",
  "unevaluatedItems",
  "unevaluatedProperties",
] as const;

/** Keywords whose value is a map of name → subschema. */
export const MAP_OF_SUBSCHEMAS = ["$defs", "definitions", "dependentSchemas", "patternProperties", "properties"] as const;

/** Keywords whose value is an array of subschemas. */
export const ARRAY_OF_SUBSCHEMAS = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;

/** `items` is a subschema, or (draft 4 / OAS 3.0 tuple form) an array of them. */
export const ITEMS = "items";

/** Calls `visit(key path, subschema)` for every direct subschema of `schema`. */
export function forEachSubschema(
  schema: Record<string, unknown>,
  visit: (path: (string | number)[], sub: unknown) => void,
): void {
  for (const k of SINGLE_SUBSCHEMA) if (k in schema) visit([k], schema[k]);
  if (ITEMS in schema) {
    const items = schema[ITEMS];
    if (Array.isArray(items)) items.forEach((s, i) => visit([ITEMS, i], s));
    else visit([ITEMS], items);
  }
  for (const k of MAP_OF_SUBSCHEMAS) {
    const m = schema[k];
    if (m !== null && typeof m === "object" && !Array.isArray(m)) {
      for (const name of Object.keys(m)) visit([k, name], (m as Record<string, unknown>)[name]);
    }
  }
  for (const k of ARRAY_OF_SUBSCHEMAS) {
    const a = schema[k];
    if (Array.isArray(a)) a.forEach((s, i) => visit([k, i], s));
  }
}

/** Annotation keywords: a `$ref` with only these next to it is just a reference. */
export const ANNOTATIONS = new Set([
  "title",
  "description",
  "summary",
  "example",
  "examples",
  "deprecated",
  "$comment",
  "externalDocs",
]);

/** Defines an own data property, even for keys like `__proto__` that assignment would not. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A shallow copy of `schema` with every direct subschema replaced by `fn(subschema, path)`. */
export function mapSubschemas(
  schema: Record<string, unknown>,
  fn: (sub: unknown, path: (string | number)[]) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...schema };
  for (const k of SINGLE_SUBSCHEMA) if (k in schema) out[k] = fn(schema[k], [k]);
  if (ITEMS in schema) {
    const items = schema[ITEMS];
    out[ITEMS] = Array.isArray(items) ? items.map((s, i) => fn(s, [ITEMS, i])) : fn(items, [ITEMS]);
  }
  for (const k of MAP_OF_SUBSCHEMAS) {
    const m = schema[k];
    if (m !== null && typeof m === "object" && !Array.isArray(m)) {
      const copy: Record<string, unknown> = {};
      for (const name of Object.keys(m)) setOwn(copy, name, fn((m as Record<string, unknown>)[name], [k, name]));
      out[k] = copy;
    }
  }
  for (const k of ARRAY_OF_SUBSCHEMAS) {
    const a = schema[k];
    if (Array.isArray(a)) out[k] = a.map((s, i) => fn(s, [k, i]));
  }
  return out;
}
