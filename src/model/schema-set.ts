/**
 * The hand-off between bundling (which turns the spec's schemas, spread over files and
 * `$ref`s, into one flat set) and the two schema emitters (TypeScript types via
 * openapi-typescript, and our Zod emitter).
 *
 * Every schema in a set already has OpenAPI 3.1 / JSON Schema 2020-12 semantics (3.0
 * `nullable`, boolean `exclusiveMinimum` … were normalized), and every `$ref` in it has
 * the form `#/components/schemas/<key>` naming another member of the same set. Nothing in
 * a set points at a file or at the original document.
 */

export type JsonSchema = boolean | JsonSchemaObject;
export type JsonSchemaObject = { [keyword: string]: unknown };

export interface NamedSchema {
  /** Unique key in the set; `$ref`s name it as `#/components/schemas/<key>`. */
  key: string;
  /** Identifier of the TypeScript type (`export type <typeName> = …`). */
  typeName: string;
  /** Identifier of the Zod schema (`export const <schemaName>: z.ZodType<…> = …`). */
  schemaName: string;
  schema: JsonSchema;
  /** Where the schema comes from, for diagnostics and for the JSDoc `@see`-style note. */
  origin: { file: string; pointer: string };
  /** The spec's own name for the schema, when it has one (e.g. `webhook-issues-opened`). */
  specName?: string;
}

export interface SchemaSet {
  /** Sorted by `key`. */
  schemas: NamedSchema[];
}

/**
 * How forgiving generated validation is (issue 3, DESIGN.md §2). All three are sound: the
 * generated types admit everything the validator lets through.
 * - strict:   the spec as written (what Ajv says).
 * - lenient:  unknown properties and unknown enum values accepted; enum types widened.
 * - tolerant: lenient, and `required` is advisory: properties become optional in the types.
 */
export type ValidationPolicy = "strict" | "lenient" | "tolerant";

export const ALL_POLICIES: readonly ValidationPolicy[] = ["strict", "lenient", "tolerant"];

export const SCHEMA_REF_PREFIX = "#/components/schemas/";

export function schemaRef(key: string): string {
  return SCHEMA_REF_PREFIX + key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The key a `$ref` of a schema set names, or undefined if it is not a set reference. */
export function refKey(ref: string): string | undefined {
  if (!ref.startsWith(SCHEMA_REF_PREFIX)) return undefined;
  const rest = ref.slice(SCHEMA_REF_PREFIX.length);
  if (rest.includes("/")) return undefined;
  return rest.replace(/~1/g, "/").replace(/~0/g, "~");
}
