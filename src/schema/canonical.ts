/**
 * The *emission form* of a schema set: one semantics-preserving rewrite that both emitters
 * consume, so that openapi-typescript (which builds `types.ts`) and our Zod emitter see the
 * same structure and agree by construction. openapi-typescript derives a type from the
 * *shape* of a schema; the rewrites below remove the shapes where that type would be
 * narrower than what JSON Schema accepts, or where it depends on reading other schemas.
 *
 * Invariants of a canonical node (each rewrite keeps the set of valid instances):
 * 1. `$ref` carries only annotations.
 * 2. `const` is folded into `enum`; `enum` values the `type` rejects are dropped
 *    (`{type: string, enum: ["a", 1]}` → `["a"]`).
 * 3. `type` is one name, or ≥ 2 distinct names without `integer` next to `number`.
 * 4. No type-less object keywords. `{properties: …}` without `type` still accepts strings
 *    (THREATS.md finding 7), so it gets an explicit `type` list — narrowed by what the
 *    sibling/parent applicators allow: `allOf: [{$ref: Obj}, {properties: …}]` becomes
 *    `type: "object"`, a bare `{properties: …}` becomes `type: [object, array, …, null]`.
 * 5. A `type` list never sits next to `allOf`/`anyOf`/`oneOf`; it moves into a leading
 *    `allOf` member (openapi-typescript would otherwise repeat the applicators inside every
 *    member of the type union).
 * 6. A parent's `required` is copied into its inline `allOf` members; for a `$ref` member
 *    whose target declares but does not require such a property, a companion member
 *    `{type: object, properties: {k: <target's schema of k>}, required: [k]}` is added.
 *    (openapi-typescript would look the target up itself and emit a `WithRequired<…>`
 *    helper the Zod side could not mirror.)
 * 7. No `$defs`, `readOnly`, `writeOnly`, empty `properties`/`patternProperties`.
 */
import type { JsonSchema, JsonSchemaObject, NamedSchema, SchemaSet } from "../model/schema-set.js";
import { refKey } from "../model/schema-set.js";
import type { DiagnosticCode } from "../diagnostics/catalogue.js";
import type { Severity } from "../diagnostics/diagnostic.js";
import { ANNOTATIONS, hasOwn, isSchema, isSchemaObject, MAP_SUBSCHEMA, own, setOwn, SINGLE_SUBSCHEMA, TYPED_KEYWORDS, type TypeName } from "./keywords.js";
import { MAX_SCHEMA_DEPTH, setSourcePath, sourcePathOf } from "./normalize.js";
import { maskOfType, maskOfValue, T_ALL, T_OBJECT, TypeAnalysis, typeNamesOfMask } from "./type-mask.js";
import { jsonEqual } from "./values.js";

/** Where a canonical node came from: a member of the set and a path inside its schema. */
export interface SourceRef {
  key: string;
  path: readonly (string | number)[];
}

export interface CanonicalProblem extends SourceRef {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
}

export interface CanonicalMember {
  named: NamedSchema;
  schema: JsonSchema;
}

export interface CanonicalSet {
  /** In the order of `set.schemas` (sorted by key). */
  members: CanonicalMember[];
  byKey: ReadonlyMap<string, CanonicalMember>;
  problems: CanonicalProblem[];
}

const sources = new WeakMap<object, SourceRef>();

export function sourceOf(node: unknown): SourceRef | undefined {
  return node !== null && typeof node === "object" ? sources.get(node) : undefined;
}

const SINGLE: readonly string[] = SINGLE_SUBSCHEMA;
const MAPS: readonly string[] = MAP_SUBSCHEMA;
const DROPPED = new Set(["readOnly", "writeOnly", "$defs", "definitions", "nullable"]);

/**
 * Both emitters canonicalize the same set, so the result is kept per member list (a pure
 * function of it; nothing downstream modifies it).
 */
const canonicalized = new WeakMap<readonly NamedSchema[], CanonicalSet>();

export function canonicalizeSet(set: SchemaSet): CanonicalSet {
  let out = canonicalized.get(set.schemas);
  if (!out) {
    out = new Canonicalizer(set).run();
    canonicalized.set(set.schemas, out);
  }
  return out;
}

class Canonicalizer {
  private readonly normalized = new Map<string, NamedSchema>();
  private readonly analysis: TypeAnalysis;
  private readonly problems: CanonicalProblem[] = [];

  constructor(private readonly set: SchemaSet) {
    for (const s of set.schemas) this.normalized.set(s.key, s);
    this.analysis = new TypeAnalysis((ref) => this.target(ref)?.schema);
  }

  run(): CanonicalSet {
    const members = this.set.schemas.map((named) => ({ named, schema: this.node(named.schema, T_ALL, named.key, [], 0) }));
    return { members, byKey: new Map(members.map((m) => [m.named.key, m])), problems: this.problems };
  }

  private target(ref: string): NamedSchema | undefined {
    const key = refKey(ref);
    return key === undefined ? undefined : this.normalized.get(key);
  }

  private problem(code: DiagnosticCode, severity: Severity, message: string, key: string, path: readonly (string | number)[]): void {
    this.problems.push({ code, severity, message, key, path });
  }

  private node(input: JsonSchema, ctx: number, key: string, path: (string | number)[], depth: number): JsonSchema {
    if (typeof input === "boolean") return input;
    const src: SourceRef = { key, path: sourcePathOf(input) ?? path };
    if (depth >= MAX_SCHEMA_DEPTH) {
      this.problem("nesting-too-deep", "error", `schemas nest deeper than ${MAX_SCHEMA_DEPTH} levels; the rest is not validated`, key, src.path);
      return true;
    }
    const out: JsonSchemaObject = {};
    sources.set(out, src);

    const ref = own(input, "$ref");
    if (typeof ref === "string") {
      const rest = Object.keys(input).filter((k) => k !== "$ref" && !ANNOTATIONS.has(k) && k !== "discriminator");
      if (rest.length > 0) return this.node(refAsAllOf(input, ref, rest), ctx, key, path, depth);
      if (!this.target(ref)) this.problem("ref-missing", "error", `\`$ref\` ${JSON.stringify(ref)} does not name a schema of the set`, key, src.path);
      out.$ref = ref;
      copyAnnotations(input, out);
      return out;
    }

    const typeMask = maskOfType(own(input, "type"));
    const values = enumValues(input, typeMask);

    for (const k of Object.keys(input)) {
      const v = input[k];
      if (DROPPED.has(k) || k === "const" || k === "enum" || k === "allOf" || k === "anyOf" || k === "oneOf") continue;
      if (k === "type") {
        const t = canonicalType(v);
        if (t !== undefined) out.type = t;
      } else if (SINGLE.includes(k) && isSchema(v)) {
        out[k] = this.node(v, T_ALL, key, [...path, k], depth + 1);
      } else if (k === "prefixItems" && Array.isArray(v)) {
        out[k] = v.map((s, i) => this.node(s as JsonSchema, T_ALL, key, [...path, k, i], depth + 1));
      } else if (MAPS.includes(k) && isSchemaObject(v)) {
        const names = Object.keys(v);
        if (names.length === 0 && k !== "dependentSchemas") continue;
        const map: Record<string, unknown> = {};
        for (const name of names) setOwn(map, name, this.node(v[name] as JsonSchema, T_ALL, key, [...path, k, name], depth + 1));
        out[k] = map;
      } else {
        out[k] = v;
      }
    }
    if (values) out.enum = values;

    // Everything the instance must also satisfy narrows what the applicators' members see.
    const allOf = arrayOf(input, "allOf");
    const anyOf = arrayOf(input, "anyOf");
    const oneOf = arrayOf(input, "oneOf");
    let allMask = typeMask & ctx;
    for (const s of allOf) allMask &= this.analysis.possible(s);
    if (anyOf.length) allMask &= anyOf.reduce((m, s) => m | this.analysis.possible(s), 0);
    if (oneOf.length) allMask &= oneOf.reduce((m, s) => m | this.analysis.possible(s), 0);
    if (values) allMask &= values.reduce<number>((m, v) => m | maskOfValue(v), 0);

    if (allOf.length) out.allOf = this.allOf(input, allOf, allMask, key, path, depth);
    if (anyOf.length) out.anyOf = anyOf.map((s, i) => this.node(s, allMask, key, [...path, "anyOf", i], depth + 1));
    if (oneOf.length) out.oneOf = oneOf.map((s, i) => this.node(s, allMask, key, [...path, "oneOf", i], depth + 1));

    if (out.type === undefined && !values && isObjectShaped(out)) {
      const names = typeNamesOfMask(allMask === 0 ? T_OBJECT : allMask);
      out.type = names.length === 1 ? names[0] : names;
    }
    if (Array.isArray(out.type) && !values && (out.allOf || out.anyOf || out.oneOf)) splitTypeList(out);
    return out;
  }

  /** Invariant 6: push the parent's `required` into the `allOf` members. */
  private allOf(input: JsonSchemaObject, members: JsonSchema[], ctx: number, key: string, path: (string | number)[], depth: number): JsonSchema[] {
    const required = stringArray(own(input, "required"));
    const out: JsonSchema[] = [];
    members.forEach((m, i) => {
      const at = [...path, "allOf", i];
      if (required.length === 0 || typeof m === "boolean") {
        out.push(this.node(m, ctx, key, at, depth + 1));
        return;
      }
      const ref = own(m, "$ref");
      if (typeof ref !== "string") {
        const widened: JsonSchemaObject = { ...m, required: union(stringArray(own(m, "required")), required) };
        copySourcePath(m, widened, at);
        out.push(this.node(widened, ctx, key, at, depth + 1));
        return;
      }
      out.push(this.node(m, ctx, key, at, depth + 1));
      const companion = this.companion(ref, required, ctx, depth);
      if (companion) out.push(companion);
    });
    return out;
  }

  private companion(ref: string, required: string[], ctx: number, depth: number): JsonSchema | undefined {
    const target = this.target(ref);
    if (!target || !isSchemaObject(target.schema)) return undefined;
    const props = own(target.schema, "properties");
    if (!isSchemaObject(props)) return undefined;
    const already = stringArray(own(target.schema, "required"));
    const keys = required.filter((k) => hasOwn(props, k) && !already.includes(k));
    if (keys.length === 0) return undefined;
    const properties: Record<string, unknown> = {};
    for (const k of keys) setOwn(properties, k, props[k]);
    const companion: JsonSchemaObject = { properties, required: keys };
    // Diagnostics inside the copied property schemas point at the target's definition.
    setSourcePath(companion, ["properties"]);
    return this.node(companion, ctx, target.key, ["properties"], depth + 1);
  }
}

function refAsAllOf(input: JsonSchemaObject, ref: string, rest: string[]): JsonSchemaObject {
  const wrapper: JsonSchemaObject = {};
  const siblings: JsonSchemaObject = {};
  for (const k of Object.keys(input)) {
    if (k === "$ref") continue;
    if (rest.includes(k)) siblings[k] = input[k];
    else wrapper[k] = input[k];
  }
  const path = sourcePathOf(input) ?? [];
  copySourcePath(input, siblings, path);
  const refNode: JsonSchemaObject = { $ref: ref };
  copySourcePath(input, refNode, path);
  wrapper.allOf = [refNode, siblings];
  copySourcePath(input, wrapper, path);
  return wrapper;
}

/** A node this module builds from `from` keeps `from`'s location in the user's document. */
function copySourcePath(from: object, to: object, fallback: readonly (string | number)[]): void {
  setSourcePath(to, sourcePathOf(from) ?? fallback);
}

function enumValues(input: JsonSchemaObject, typeMask: number): unknown[] | undefined {
  const hasConst = hasOwn(input, "const");
  const list = own(input, "enum");
  if (!hasConst && !Array.isArray(list)) return undefined;
  let values: unknown[] = hasConst ? [input.const] : [];
  if (Array.isArray(list)) values = hasConst ? list.filter((v) => jsonEqual(v, input.const)).slice(0, 1) : list;
  const unique: unknown[] = [];
  for (const v of values) if ((maskOfValue(v) & typeMask) !== 0 && !unique.some((u) => jsonEqual(u, v))) unique.push(v);
  return unique;
}

function canonicalType(v: unknown): TypeName | TypeName[] | undefined {
  if (typeof v === "string") return v as TypeName;
  if (!Array.isArray(v) || v.length === 0) return undefined;
  let list = [...new Set(v as TypeName[])];
  if (list.includes("number")) list = list.filter((t) => t !== "integer");
  return list.length === 1 ? list[0] : list;
}

/** What makes openapi-typescript emit an object type (see its `transformSchemaObjectCore`). */
function isObjectShaped(node: JsonSchemaObject): boolean {
  const props = own(node, "properties");
  const patterns = own(node, "patternProperties");
  const additional = own(node, "additionalProperties");
  return (
    (isSchemaObject(props) && Object.keys(props).length > 0) ||
    (isSchemaObject(patterns) && Object.keys(patterns).length > 0) ||
    (additional !== undefined && additional !== false)
  );
}

/** Invariant 5: `{type: [a, b], <typed keywords>, allOf…}` → `{allOf: [{type: [a, b], <typed keywords>}, …]}`. */
function splitTypeList(node: JsonSchemaObject): void {
  const typed: JsonSchemaObject = { type: node.type };
  for (const k of Object.keys(node)) {
    if (TYPED_KEYWORDS.has(k)) {
      typed[k] = node[k];
      delete node[k];
    }
  }
  delete node.type;
  const src = sources.get(node);
  if (src) sources.set(typed, src);
  node.allOf = [typed, ...((node.allOf as JsonSchema[] | undefined) ?? [])];
}

function copyAnnotations(from: JsonSchemaObject, to: JsonSchemaObject): void {
  for (const k of Object.keys(from)) if (ANNOTATIONS.has(k) && k !== "readOnly" && k !== "writeOnly") to[k] = from[k];
}

function arrayOf(node: JsonSchemaObject, kw: string): JsonSchema[] {
  const v = own(node, kw);
  return Array.isArray(v) ? (v.filter(isSchema) as JsonSchema[]) : [];
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function union(a: string[], b: string[]): string[] {
  return [...a, ...b.filter((x) => !a.includes(x))];
}
