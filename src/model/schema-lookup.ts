/**
 * Questions later stages ask about members of a schema set: follow a `$ref`, list the
 * properties an object schema (and its `allOf` parts) declares, find single-value
 * constants. They look only at structure that holds for every valid instance, so what they
 * return can be relied on at run time.
 */
import { isObject } from "../util/json-pointer.js";
import type { JsonSchema, JsonSchemaObject, NamedSchema, SchemaSet } from "./schema-set.js";
import { refKey } from "./schema-set.js";

export class SchemaLookup {
  private readonly byKey: Map<string, NamedSchema>;

  constructor(set: SchemaSet) {
    this.byKey = new Map(set.schemas.map((m) => [m.key, m]));
  }

  member(key: string): NamedSchema | undefined {
    return this.byKey.get(key);
  }

  /** Follows `$ref`s (bounded, so a cycle cannot hang) to a schema that is not a bare ref. */
  resolve(schema: unknown): JsonSchema | undefined {
    let cur = schema;
    for (let i = 0; i < 32 && isObject(cur) && typeof cur.$ref === "string"; i++) {
      const key = refKey(cur.$ref);
      cur = key === undefined ? undefined : this.byKey.get(key)?.schema;
    }
    return isObject(cur) || typeof cur === "boolean" ? (cur as JsonSchema) : undefined;
  }

  /** Member key a schema refers to, if it is a bare `$ref` (or `allOf` of one). */
  refOf(schema: unknown): string | undefined {
    if (!isObject(schema)) return undefined;
    if (typeof schema.$ref === "string") return refKey(schema.$ref);
    return undefined;
  }

  /**
   * Properties every instance has to satisfy: those of the schema and of its `allOf` parts
   * (recursively through refs). A property declared twice yields both schemas.
   */
  properties(schema: unknown, depth = 0): Map<string, unknown[]> {
    const out = new Map<string, unknown[]>();
    const s = this.resolve(schema);
    if (!isObject(s) || depth > 16) return out;
    if (isObject(s.properties)) {
      for (const [name, sub] of Object.entries(s.properties)) out.set(name, [...(out.get(name) ?? []), sub]);
    }
    if (Array.isArray(s.allOf)) {
      for (const part of s.allOf) {
        for (const [name, subs] of this.properties(part, depth + 1)) out.set(name, [...(out.get(name) ?? []), ...subs]);
      }
    }
    return out;
  }

  /** Names listed in `required` by the schema or its `allOf` parts. */
  required(schema: unknown, depth = 0): Set<string> {
    const s = this.resolve(schema);
    const out = new Set<string>();
    if (!isObject(s) || depth > 16) return out;
    if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === "string") out.add(r);
    if (Array.isArray(s.allOf)) for (const part of s.allOf) for (const r of this.required(part, depth + 1)) out.add(r);
    return out;
  }

  /** The one value a schema allows (`const`, or `enum` with a single entry), if it has one. */
  singleValue(schema: unknown): { value: string | number | boolean | null } | undefined {
    const s = this.resolve(schema);
    if (!isObject(s)) return undefined;
    if ("const" in s && isPrimitive(s.const)) return { value: s.const };
    if (Array.isArray(s.enum) && s.enum.length === 1 && isPrimitive(s.enum[0])) return { value: s.enum[0] };
    if (Array.isArray(s.allOf)) {
      for (const part of s.allOf) {
        const v = this.singleValue(part);
        if (v) return v;
      }
    }
    return undefined;
  }

  /**
   * Properties every valid instance pins to one value: single-value properties of the schema
   * and its `allOf` parts, and those that every `oneOf`/`anyOf` alternative pins to the same
   * value (GitHub's `pull_request` review-request events carry `action` in both branches).
   */
  constantProperties(schema: unknown, depth = 0): Map<string, string | number | boolean | null> {
    const out = new Map<string, string | number | boolean | null>();
    const s = this.resolve(schema);
    if (!isObject(s) || depth > 8) return out;
    for (const [name, subs] of this.properties(s)) {
      for (const sub of subs) {
        const v = this.singleValue(sub);
        if (v) out.set(name, v.value);
      }
    }
    for (const k of ["oneOf", "anyOf"] as const) {
      const alts = s[k];
      if (!Array.isArray(alts) || alts.length === 0) continue;
      const maps = alts.map((a) => this.constantProperties(a, depth + 1));
      for (const [name, value] of maps[0]!) {
        if (!out.has(name) && maps.every((m) => m.has(name) && m.get(name) === value)) out.set(name, value);
      }
    }
    return out;
  }

  /** The top-level JSON type of values of a schema, when it is one type (null aside). */
  topType(schema: unknown): string | undefined {
    const s = this.resolve(schema);
    if (!isObject(s)) return undefined;
    const t = (s as JsonSchemaObject).type;
    if (typeof t === "string") return t;
    if (Array.isArray(t)) {
      const nonNull = t.filter((x) => x !== "null");
      return nonNull.length === 1 && typeof nonNull[0] === "string" ? nonNull[0] : undefined;
    }
    for (const k of ["anyOf", "oneOf"] as const) {
      const alts = s[k];
      if (Array.isArray(alts)) {
        const types = new Set(alts.map((a) => this.topType(a)).filter((x) => x !== "null"));
        if (types.size === 1) return [...types][0];
      }
    }
    if (Array.isArray(s.allOf)) {
      for (const part of s.allOf) {
        const t2 = this.topType(part);
        if (t2) return t2;
      }
    }
    if ("const" in s) return typeOfValue(s.const);
    if (Array.isArray(s.enum) && s.enum.length) {
      const types = new Set(s.enum.map(typeOfValue).filter((x) => x !== "null"));
      if (types.size === 1) return [...types][0];
    }
    if (isObject(s.properties)) return "object";
    return undefined;
  }
}

function isPrimitive(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function typeOfValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}
