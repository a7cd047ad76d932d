/**
 * One OpenAPI Schema Object → one JSON Schema 2020-12 schema (the dialect of OpenAPI 3.1),
 * so that everything downstream speaks a single dialect (see `model/schema-set.ts`).
 *
 * The caller has already rewritten `$ref`s to `#/components/schemas/<key>`. This module
 * only changes *syntax*: what validates before validates after, with these deliberate
 * exceptions, each reported:
 * - OpenAPI 3.0 ignores the siblings of `$ref` (3.0.3 §4.7.24); we drop them, except
 *   annotations and `nullable`, which authors universally mean (it is honoured).
 * - `nullable` and boolean `exclusiveMinimum/Maximum` are converted even in 3.1 documents,
 *   where they are not keywords, because real 3.1 documents (Codat, Svix, OpenAI) still use
 *   them with their 3.0 meaning; an `info` diagnostic says so.
 * - Malformed keywords (`type: strnig`, `required: true`, a negative `minLength`) are
 *   dropped with a warning: a receiver must not fail over one broken constraint.
 *
 * Nesting deeper than {@link MAX_SCHEMA_DEPTH} schema levels is cut off (the subschema
 * becomes `true`) with a `nesting-too-deep` error, so no later recursive pass can exhaust
 * the stack (THREATS.md A16). Data values (`enum`, `const`, `default`, examples) are checked
 * for depth iteratively for the same reason.
 */
import type { DiagnosticCode } from "../diagnostics/catalogue.js";
import type { Severity } from "../diagnostics/diagnostic.js";
import type { JsonSchema, JsonSchemaObject } from "../model/schema-set.js";
import { joinPointer } from "../util/json-pointer.js";
import {
  ARRAY_SUBSCHEMA,
  hasOwn,
  isSchemaObject,
  isTypeName,
  MAP_SUBSCHEMA,
  own,
  setOwn,
  SINGLE_SUBSCHEMA,
  UNSUPPORTED_KEYWORDS,
  type TypeName,
} from "./keywords.js";

export type SchemaVersion = "3.0" | "3.1" | "3.2";

export interface NormalizeProblem {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** Where in the *input* schema (unescaped JSON-pointer segments). */
  path: (string | number)[];
  /** With an `origin`: the file, and the absolute pointer (origin pointer + path). */
  file?: string;
  pointer?: string;
}

export type ProblemSink = (problem: NormalizeProblem) => void;

/** Deepest schema nesting we accept; real specs stay below 20. */
export const MAX_SCHEMA_DEPTH = 128;
/** Deepest `enum`/`const`/`default` value nesting we accept. */
export const MAX_VALUE_DEPTH = 128;

const sourcePaths = new WeakMap<object, readonly (string | number)[]>();

/**
 * Where an output node of {@link normalizeSchema} came from, as a path inside the input
 * schema. Wrappers the normalizer creates (the `anyOf` of a `nullable`, the `allOf` of a
 * 3.1 `$ref` with siblings) map to the node they wrap, so diagnostics about generated
 * structure still point at a place that exists in the user's document.
 */
export function sourcePathOf(node: unknown): readonly (string | number)[] | undefined {
  return node !== null && typeof node === "object" ? sourcePaths.get(node) : undefined;
}

/** Record that `node` stands for the input at `path` (used by later passes that copy nodes). */
export function setSourcePath(node: object, path: readonly (string | number)[]): void {
  sourcePaths.set(node, path);
}

/**
 * `origin` (where the schema sits in the user's document) only makes reported problems
 * carry `file` and an absolute `pointer`, ready to become diagnostics.
 */
export function normalizeSchema(
  schema: unknown,
  version: SchemaVersion,
  report: ProblemSink = () => {},
  origin?: { file: string; pointer: string },
): JsonSchema {
  const sink: ProblemSink = origin
    ? (p) => report({ ...p, file: origin.file, pointer: joinPointer(origin.pointer, ...p.path) })
    : report;
  return new Normalizer(version, sink).schema(schema, [], 0);
}

/** `$ref` siblings that OpenAPI 3.0 readers still honour: documentation and `nullable`. */
const REF_SIBLINGS_KEPT_IN_30 = new Set(["$ref", "title", "description", "deprecated", "readOnly", "writeOnly", "default", "example", "nullable"]);

/** Keywords that are dropped silently: identifiers, comments and annotations nobody prints. */
const DROPPED = new Set([
  "$schema",
  "$id",
  "$anchor",
  "$comment",
  "$vocabulary",
  "$defs",
  "definitions",
  "xml",
  "externalDocs",
  "contentEncoding",
  "contentMediaType",
  "contentSchema",
  "additionalItems",
]);

const NON_NEGATIVE_INTEGER_KEYWORDS = new Set([
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "minContains",
  "maxContains",
]);

const NUMBER_KEYWORDS = new Set(["minimum", "maximum"]);
const SINGLE_SCHEMA: ReadonlySet<string> = new Set(SINGLE_SUBSCHEMA);
const SCHEMA_ARRAYS: ReadonlySet<string> = new Set(ARRAY_SUBSCHEMA);
const SCHEMA_MAPS: ReadonlySet<string> = new Set(MAP_SUBSCHEMA);
const COMPOSITION = ["allOf", "anyOf", "oneOf", "not", "if", "$ref"];
const ANNOTATION_KEYS = ["title", "description", "deprecated", "readOnly", "writeOnly", "default", "example", "examples"];

class Normalizer {
  constructor(
    private readonly version: SchemaVersion,
    private readonly report: ProblemSink,
  ) {}

  private problem(code: DiagnosticCode, severity: Severity, message: string, path: (string | number)[]): void {
    this.report({ code, severity, message, path });
  }

  schema(input: unknown, path: (string | number)[], depth: number): JsonSchema {
    if (typeof input === "boolean") return input;
    if (!isSchemaObject(input)) {
      this.problem("schema-invalid", "error", `expected a schema (object or boolean), found ${describe(input)}`, path);
      return true;
    }
    if (depth >= MAX_SCHEMA_DEPTH) {
      this.problem("nesting-too-deep", "error", `schemas nest deeper than ${MAX_SCHEMA_DEPTH} levels; the rest is not validated`, path);
      return true;
    }
    const out: JsonSchemaObject = {};
    sourcePaths.set(out, path);
    const tupleItems = Array.isArray(own(input, "items"));

    for (const key of Object.keys(input)) {
      const value = input[key];
      const at = [...path, key];
      if (key.startsWith("x-") || DROPPED.has(key)) continue;
      if (key === "dependencies") {
        this.dependencies(value, out, at, depth);
        continue;
      }
      if (key === "items" && tupleItems) {
        this.tupleItems(input, out, path, depth);
        continue;
      }
      if (SINGLE_SCHEMA.has(key)) {
        out[key] = this.schema(value, at, depth + 1);
        continue;
      }
      if (SCHEMA_ARRAYS.has(key)) {
        if (!Array.isArray(value) || value.length === 0) {
          this.problem("schema-invalid", "warning", `\`${key}\` must be a non-empty array of schemas; it is ignored`, at);
          continue;
        }
        out[key] = value.map((v, i) => this.schema(v, [...at, i], depth + 1));
        continue;
      }
      if (SCHEMA_MAPS.has(key)) {
        if (!isSchemaObject(value)) {
          this.problem("schema-invalid", "warning", `\`${key}\` must be an object; it is ignored`, at);
          continue;
        }
        const map: Record<string, unknown> = {};
        for (const name of Object.keys(value)) setOwn(map, name, this.schema(value[name], [...at, name], depth + 1));
        out[key] = map;
        continue;
      }
      this.scalarKeyword(key, value, out, at);
    }

    this.exclusiveBounds(out, path);
    const withRef = this.refSiblings(out, path);
    return this.nullable(withRef, path);
  }

  /** Keywords whose value is data, not a schema. */
  private scalarKeyword(key: string, value: unknown, out: JsonSchemaObject, at: (string | number)[]): void {
    switch (key) {
      case "$ref":
        if (typeof value === "string") out.$ref = value;
        else this.problem("schema-invalid", "warning", "`$ref` must be a string; it is ignored", at);
        return;
      case "type":
        this.type(value, out, at);
        return;
      case "enum":
        if (!Array.isArray(value)) this.problem("schema-invalid", "warning", "`enum` must be an array; it is ignored", at);
        else if (this.valueFits(value, at)) out.enum = value;
        return;
      case "const":
      case "default":
      case "example":
        if (this.valueFits(value, at)) out[key] = value;
        return;
      case "examples":
        // 2020-12 `examples` is an array; OpenAPI 3.0 has no such schema keyword.
        if (Array.isArray(value) && this.valueFits(value, at)) out.examples = value;
        return;
      case "title":
      case "description":
        if (typeof value === "string") out[key] = value;
        return;
      case "deprecated":
      case "readOnly":
      case "writeOnly":
      case "uniqueItems":
        if (typeof value === "boolean") out[key] = value;
        else this.problem("schema-invalid", "warning", `\`${key}\` must be a boolean; it is ignored`, at);
        return;
      case "nullable":
        if (typeof value === "boolean") out.nullable = value;
        else this.problem("schema-invalid", "warning", "`nullable` must be a boolean; it is ignored", at);
        return;
      case "required":
        this.required(value, out, at);
        return;
      case "pattern":
      case "format":
        if (typeof value === "string") out[key] = value;
        else this.problem("schema-invalid", "warning", `\`${key}\` must be a string; it is ignored`, at);
        return;
      case "multipleOf":
        if (typeof value === "number" && value > 0) out.multipleOf = value;
        else this.problem("schema-invalid", "warning", "`multipleOf` must be a number greater than 0; it is ignored", at);
        return;
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        if (typeof value === "number" || typeof value === "boolean") out[key] = value;
        else this.problem("schema-invalid", "warning", `\`${key}\` must be a number; it is ignored`, at);
        return;
      case "discriminator":
        if (isSchemaObject(value) && typeof value.propertyName === "string") {
          out.discriminator = { propertyName: value.propertyName };
        } else {
          this.problem("schema-invalid", "warning", "`discriminator` needs a string `propertyName`; it is ignored", at);
        }
        return;
      case "dependentRequired":
        this.dependentRequired(value, out, at);
        return;
    }
    if (NON_NEGATIVE_INTEGER_KEYWORDS.has(key)) {
      if (typeof value === "number" && Number.isInteger(value) && value >= 0) out[key] = value;
      else this.problem("schema-invalid", "warning", `\`${key}\` must be a non-negative integer; it is ignored`, at);
      return;
    }
    if (NUMBER_KEYWORDS.has(key)) {
      if (typeof value === "number") out[key] = value;
      else this.problem("schema-invalid", "warning", `\`${key}\` must be a number; it is ignored`, at);
      return;
    }
    if ((UNSUPPORTED_KEYWORDS as readonly string[]).includes(key)) {
      // Kept so that the Zod emitter can name it in a `schema-unsupported` warning.
      out[key] = value;
    }
    // Any other key is an unknown keyword: an annotation in 2020-12, dropped.
  }

  private type(value: unknown, out: JsonSchemaObject, at: (string | number)[]): void {
    const list = Array.isArray(value) ? value : [value];
    const kept: TypeName[] = [];
    for (const t of list) {
      if (!isTypeName(t)) {
        this.problem("schema-invalid", "warning", `unknown type ${describe(t)} is ignored`, at);
        continue;
      }
      if (!kept.includes(t)) kept.push(t);
    }
    if (kept.length === 0) {
      if (Array.isArray(value) && value.length === 0) this.problem("schema-invalid", "warning", "`type` is an empty array; it is ignored", at);
      return;
    }
    out.type = kept.length === 1 ? kept[0] : kept;
  }

  private required(value: unknown, out: JsonSchemaObject, at: (string | number)[]): void {
    if (!Array.isArray(value)) {
      this.problem("schema-invalid", "warning", "`required` must be an array of property names; it is ignored", at);
      return;
    }
    const names: string[] = [];
    for (const v of value) {
      if (typeof v !== "string") this.problem("schema-invalid", "warning", `\`required\` entry ${describe(v)} is not a string; it is ignored`, at);
      else if (!names.includes(v)) names.push(v);
    }
    out.required = names;
  }

  private dependentRequired(value: unknown, out: JsonSchemaObject, at: (string | number)[]): void {
    if (!isSchemaObject(value)) {
      this.problem("schema-invalid", "warning", "`dependentRequired` must be an object; it is ignored", at);
      return;
    }
    const map: Record<string, unknown> = isSchemaObject(out.dependentRequired) ? out.dependentRequired : {};
    for (const name of Object.keys(value)) {
      const list = value[name];
      if (Array.isArray(list) && list.every((v) => typeof v === "string")) setOwn(map, name, [...new Set(list)]);
      else this.problem("schema-invalid", "warning", "`dependentRequired` values must be arrays of strings", [...at, name]);
    }
    out.dependentRequired = map;
  }

  /** draft-04…07 `dependencies`: arrays mean `dependentRequired`, schemas `dependentSchemas`. */
  private dependencies(value: unknown, out: JsonSchemaObject, at: (string | number)[], depth: number): void {
    if (!isSchemaObject(value)) return;
    const required: Record<string, unknown> = {};
    const schemas: Record<string, unknown> = isSchemaObject(out.dependentSchemas) ? out.dependentSchemas : {};
    for (const name of Object.keys(value)) {
      const v = value[name];
      if (Array.isArray(v)) setOwn(required, name, v);
      else setOwn(schemas, name, this.schema(v, [...at, name], depth + 1));
    }
    if (Object.keys(required).length) this.dependentRequired(required, out, at);
    if (Object.keys(schemas).length) out.dependentSchemas = schemas;
  }

  /** draft-04 / OpenAPI 3.0 tuple form: `items: [..]` + `additionalItems` → `prefixItems` + `items`. */
  private tupleItems(input: JsonSchemaObject, out: JsonSchemaObject, path: (string | number)[], depth: number): void {
    const items = input.items as unknown[];
    out.prefixItems = items.map((v, i) => this.schema(v, [...path, "items", i], depth + 1));
    const additional = own(input, "additionalItems");
    if (additional !== undefined) out.items = this.schema(additional, [...path, "additionalItems"], depth + 1);
  }

  /** OpenAPI 3.0 / draft-04 `exclusiveMinimum: true` + `minimum: m` → `exclusiveMinimum: m`. */
  private exclusiveBounds(out: JsonSchemaObject, path: (string | number)[]): void {
    for (const [flag, bound] of [
      ["exclusiveMinimum", "minimum"],
      ["exclusiveMaximum", "maximum"],
    ] as const) {
      const v = out[flag];
      if (typeof v !== "boolean") continue;
      delete out[flag];
      if (this.version !== "3.0") {
        this.problem("schema-invalid", "info", `boolean \`${flag}\` is OpenAPI 3.0 syntax; read with its 3.0 meaning`, [...path, flag]);
      }
      if (!v) continue;
      if (typeof out[bound] === "number") {
        out[flag] = out[bound];
        delete out[bound];
      } else {
        this.problem("schema-invalid", "warning", `\`${flag}: true\` without \`${bound}\` has no effect`, [...path, flag]);
      }
    }
  }

  /**
   * 3.0: `$ref` siblings other than annotations are ignored. 3.1: `$ref` is an applicator
   * like any other, so `{ $ref, maxItems }` becomes `allOf: [{ $ref }, { maxItems }]`, the
   * shape every downstream pass understands.
   */
  private refSiblings(out: JsonSchemaObject, path: (string | number)[]): JsonSchemaObject {
    if (typeof out.$ref !== "string") return out;
    const keys = Object.keys(out);
    if (this.version === "3.0") {
      const ignored = keys.filter((k) => !REF_SIBLINGS_KEPT_IN_30.has(k));
      if (ignored.length === 0) return out;
      this.problem(
        "structure-invalid",
        "info",
        `OpenAPI 3.0 ignores the siblings of \`$ref\` (${ignored.join(", ")})`,
        path,
      );
      for (const k of ignored) delete out[k];
      return out;
    }
    const assertions = keys.filter((k) => k !== "$ref" && k !== "nullable" && !ANNOTATION_KEYS.includes(k));
    if (assertions.length === 0) return out;
    const siblings: JsonSchemaObject = {};
    sourcePaths.set(siblings, path);
    for (const k of assertions) {
      siblings[k] = out[k];
      delete out[k];
    }
    const ref: JsonSchemaObject = { $ref: out.$ref };
    sourcePaths.set(ref, path);
    delete out.$ref;
    out.allOf = [ref, siblings];
    return out;
  }

  /**
   * `nullable: true` → null is also valid. With `type` (and no applicator that could still
   * reject null) `"null"` joins the type list, and `null` joins an `enum`; with `$ref` or an
   * applicator the schema is wrapped in `anyOf: [<schema>, { type: "null" }]`.
   */
  private nullable(out: JsonSchemaObject, path: (string | number)[]): JsonSchemaObject {
    if (!hasOwn(out, "nullable")) return out;
    const nullable = out.nullable === true;
    delete out.nullable;
    if (!nullable) return out;
    if (this.version !== "3.0") {
      this.problem("schema-invalid", "info", "`nullable` is not a 3.1 keyword; honoured with its 3.0 meaning (null is valid)", [...path, "nullable"]);
    }
    const needsWrap = COMPOSITION.some((k) => hasOwn(out, k)) || hasOwn(out, "const");
    if (needsWrap) {
      const inner: JsonSchemaObject = {};
      sourcePaths.set(inner, path);
      const wrapper: JsonSchemaObject = {};
      sourcePaths.set(wrapper, path);
      for (const k of Object.keys(out)) {
        if (ANNOTATION_KEYS.includes(k)) wrapper[k] = out[k];
        else inner[k] = out[k];
      }
      const nullSchema: JsonSchemaObject = { type: "null" };
      sourcePaths.set(nullSchema, [...path, "nullable"]);
      wrapper.anyOf = [inner, nullSchema];
      return wrapper;
    }
    if (out.type !== undefined) {
      const types = Array.isArray(out.type) ? [...(out.type as TypeName[])] : [out.type as TypeName];
      if (!types.includes("null")) types.push("null");
      out.type = types;
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }

  /** Data values are shared, not copied; they only need to be shallow enough to walk later. */
  private valueFits(value: unknown, at: (string | number)[]): boolean {
    if (jsonDepthExceeds(value, MAX_VALUE_DEPTH)) {
      this.problem("nesting-too-deep", "error", `value nests deeper than ${MAX_VALUE_DEPTH} levels; it is ignored`, at);
      return false;
    }
    return true;
  }
}

/** Iterative depth check, so a hostile 10^6-deep value cannot overflow the stack here. */
function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d >= limit) return true;
    if (Array.isArray(v)) for (const x of v) stack.push([x, d + 1]);
    else for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], d + 1]);
  }
  return false;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  return typeof v === "object" ? "an object" : String(v);
}
