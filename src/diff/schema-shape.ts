/**
 * The flattened view of one schema that the structural comparison works on. Two revisions
 * of a spec can say the same thing in different ways — a property moved into an `allOf`
 * part, `nullable` written as `type: [x, "null"]` or as `anyOf: [x, {type: "null"}]` — so
 * the comparison looks at what a schema *requires of instances*, collected here:
 *
 * - `$ref`s are followed and `allOf` parts merged (properties, `required`, types, enums);
 * - a `oneOf`/`anyOf` branch that only admits `null` becomes the `null` type, and a
 *   `oneOf`/`anyOf` left with one branch is merged like an `allOf` part (the nullable
 *   wrapper the normalizer writes around a `$ref`);
 * - the remaining `oneOf`/`anyOf` lists stay alternatives, compared branch by branch.
 *
 * Schemas in a set already have 2020-12 semantics (`model/schema-set.ts`), so `nullable`,
 * boolean `exclusiveMinimum` and the like never appear here.
 */
import type { SchemaLookup } from "../model/schema-lookup.js";
import { refKey } from "../model/schema-set.js";
import { hasOwn, isSchema } from "../schema/keywords.js";
import { maskOfType, maskOfValue, T_ALL, T_OBJECT } from "../schema/type-mask.js";
import { isObject } from "../util/json-pointer.js";
import type { JsonValue } from "./types.js";
import { valueKey } from "./values.js";

export const T_NULL = maskOfValue(null);
export const T_ARRAY = maskOfType("array");

/** Flattening follows at most this many `$ref`/`allOf` levels; real specs use a handful. */
const MAX_FLATTEN_DEPTH = 32;

export interface PropertyDecl {
  /** Every schema the property is given (one per `allOf` part that declares it). */
  schemas: unknown[];
  /** The spec's name of the component that declares it, for the report. */
  owner?: string;
}

export interface VariantGroup {
  keyword: "oneOf" | "anyOf";
  /** At least two; branches that only admit `null` are folded into the type instead. */
  branches: unknown[];
}

export interface Shape {
  /**
   * The JSON types instances may have (`schema/type-mask.ts` bits). When no `type` is
   * written it is inferred from the keywords (properties → object, items → array, enum →
   * the values' types, alternatives → the union of theirs), so that `{ properties }` and
   * `{ type: object, properties }` compare equal, as they do in the generated types.
   */
  types: number;
  /** Allowed values (`enum`, or `const` as one value), `null` left out; undefined when unrestricted. */
  enum: JsonValue[] | undefined;
  properties: Map<string, PropertyDecl>;
  required: Set<string>;
  /** `additionalProperties: false` in the schema or one of its `allOf` parts. */
  closed: boolean;
  /** `additionalProperties` schemas (map values). */
  additional: unknown[];
  items: unknown[];
  groups: VariantGroup[];
  /** Parts of `types` before inference from alternatives (what merging needs). */
  own: TypeFacts;
}

/** What the schema itself says about types, before the alternatives are looked at. */
interface TypeFacts {
  /** Intersection of written `type`s; undefined when none is written. */
  declared?: number;
  /** Types implied by the keywords when none is written; undefined when nothing implies one. */
  implied?: number;
  /** A `oneOf`/`anyOf` branch admits `null`. */
  nullable: boolean;
  /** `false` somewhere: nothing is valid. */
  never: boolean;
}

/** `depth` bounds the nested look at alternatives' types (a branch may refer back to its schema). */
export function shapeOf(node: unknown, lookup: SchemaLookup, owner?: string, depth = 0): Shape {
  const b = new ShapeBuilder(lookup, depth);
  b.visit(node, owner, 0);
  return b.finish();
}

/** The shape of instances valid against both (`allOf: [a, b]`). */
export function mergeShapes(a: Shape, b: Shape): Shape {
  const properties = new Map(a.properties);
  for (const [name, decl] of b.properties) {
    const prev = properties.get(name);
    properties.set(name, prev ? { schemas: [...prev.schemas, ...decl.schemas], ...ownerOf(prev.owner ?? decl.owner) } : decl);
  }
  const own: TypeFacts = {
    ...(a.own.declared !== undefined || b.own.declared !== undefined ? { declared: (a.own.declared ?? T_ALL) & (b.own.declared ?? T_ALL) } : {}),
    ...(a.own.implied !== undefined || b.own.implied !== undefined ? { implied: (a.own.implied ?? T_ALL) & (b.own.implied ?? T_ALL) } : {}),
    nullable: a.own.nullable && b.own.nullable,
    never: a.own.never || b.own.never,
  };
  const enumValues = a.enum && b.enum ? intersect(a.enum, b.enum) : (a.enum ?? b.enum);
  return {
    // An instance valid against both has a type both admit.
    types: a.types & b.types,
    enum: enumValues,
    properties,
    required: new Set([...a.required, ...b.required]),
    closed: a.closed || b.closed,
    additional: [...a.additional, ...b.additional],
    items: [...a.items, ...b.items],
    groups: [...a.groups, ...b.groups],
    own,
  };
}

/** The shape without its alternatives: what the schema says outside `oneOf`/`anyOf`. */
export function withoutGroups(s: Shape, lookup: SchemaLookup): Shape {
  return { ...s, groups: [], types: finalTypes(s.own, [], lookup, 0) };
}

/** A schema that admits nothing but `null`; such branches make a `oneOf`/`anyOf` nullable. */
export function isNullOnly(node: unknown): boolean {
  if (!isObject(node)) return false;
  const t = node.type;
  if (t === "null" || (Array.isArray(t) && t.length === 1 && t[0] === "null")) return true;
  if (hasOwn(node, "const") && node.const === null) return true;
  return Array.isArray(node.enum) && node.enum.length === 1 && node.enum[0] === null;
}

class ShapeBuilder {
  private readonly seen = new Set<string>();
  private declared: number | undefined;
  private nullable = false;
  private never = false;
  private enumValues: JsonValue[] | undefined;
  private readonly properties = new Map<string, PropertyDecl>();
  private readonly required = new Set<string>();
  private closed = false;
  private readonly additional: unknown[] = [];
  private readonly items: unknown[] = [];
  private readonly groups: VariantGroup[] = [];

  constructor(
    private readonly lookup: SchemaLookup,
    private readonly depth: number,
  ) {}

  visit(node: unknown, owner: string | undefined, depth: number): void {
    if (node === false) this.never = true;
    if (!isObject(node) || depth > MAX_FLATTEN_DEPTH) return;
    if (typeof node.$ref === "string") {
      // Siblings of a `$ref` in a set are annotations only (normalization moved the rest into `allOf`).
      const key = refKey(node.$ref);
      if (key === undefined || this.seen.has(key)) return;
      this.seen.add(key);
      const member = this.lookup.member(key);
      this.visit(member?.schema, member?.specName ?? owner, depth + 1);
      return;
    }
    if (node.type !== undefined) this.declared = (this.declared ?? T_ALL) & maskOfType(node.type);
    const values = hasOwn(node, "const") ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
    if (values) this.enumValues = this.enumValues ? intersect(this.enumValues, values as JsonValue[]) : (values as JsonValue[]);
    if (isObject(node.properties)) {
      for (const name of Object.keys(node.properties)) {
        const sub = node.properties[name];
        const prev = this.properties.get(name);
        if (prev) prev.schemas.push(sub);
        else this.properties.set(name, { schemas: [sub], ...ownerOf(owner) });
      }
    }
    if (Array.isArray(node.required)) for (const r of node.required) if (typeof r === "string") this.required.add(r);
    if (node.additionalProperties === false) this.closed = true;
    else if (isObject(node.additionalProperties)) this.additional.push(node.additionalProperties);
    if (isSchema(node.items)) this.items.push(node.items);
    if (Array.isArray(node.allOf)) for (const part of node.allOf) this.visit(part, owner, depth + 1);
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const list = node[keyword];
      if (!Array.isArray(list)) continue;
      const branches = list.filter((b) => !isNullOnly(b));
      if (branches.length < list.length) this.nullable = true;
      if (branches.length === 0) this.declared = (this.declared ?? T_ALL) & T_NULL;
      else if (branches.length === 1) this.visit(branches[0], owner, depth + 1);
      else this.groups.push({ keyword, branches });
    }
  }

  finish(): Shape {
    const implied = this.implied();
    const own: TypeFacts = {
      ...(this.declared !== undefined ? { declared: this.declared } : {}),
      ...(implied !== undefined ? { implied } : {}),
      nullable: this.nullable,
      never: this.never,
    };
    return {
      types: finalTypes(own, this.groups, this.lookup, this.depth),
      enum: this.enumValues?.filter((v) => v !== null),
      properties: this.properties,
      required: this.required,
      closed: this.closed,
      additional: this.additional,
      items: this.items,
      groups: this.groups,
      own,
    };
  }

  private implied(): number | undefined {
    if (this.enumValues) return this.enumValues.reduce((m: number, v) => m | maskOfValue(v), 0);
    if (this.properties.size || this.required.size || this.closed || this.additional.length) return T_OBJECT;
    if (this.items.length) return T_ARRAY;
    return undefined;
  }
}

function finalTypes(own: TypeFacts, groups: readonly VariantGroup[], lookup: SchemaLookup, depth: number): number {
  if (own.never) return 0;
  let mask = own.declared ?? own.implied;
  if (mask === undefined && groups.length && depth < MAX_FLATTEN_DEPTH) {
    // Each alternative list admits the union of its branches' types; several lists, all of them.
    mask = groups.reduce((all, g) => all & g.branches.reduce((m: number, b) => m | shapeOf(b, lookup, undefined, depth + 1).types, 0), T_ALL);
  }
  mask ??= T_ALL;
  return own.nullable ? mask | T_NULL : mask;
}

function intersect(a: readonly JsonValue[], b: readonly JsonValue[]): JsonValue[] {
  const keys = new Set(b.map(valueKey));
  return a.filter((v) => keys.has(valueKey(v)));
}

function ownerOf(owner: string | undefined): { owner?: string } {
  return owner === undefined ? {} : { owner };
}
