/**
 * Test-side construction of schema sets: what bundling does in the product, reduced to
 * what the schema emitters need (keys, names, normalized schemas, origins).
 */
import fs from "node:fs";
import YAML from "yaml";
import type { JsonSchema, NamedSchema, SchemaSet } from "../../../src/model/schema-set.js";
import { schemaRef } from "../../../src/model/schema-set.js";
import { NameTable } from "../../../src/naming/name-table.js";
import { pascalCase } from "../../../src/naming/words.js";
import { normalizeSchema, type NormalizeProblem, type SchemaVersion } from "../../../src/schema/normalize.js";
import { parsePointer } from "../../../src/util/json-pointer.js";

export interface RawMember {
  key: string;
  schema: unknown;
  pointer?: string;
}

/** Normalizes every member and names it PascalCase(key) (+ a suffix on collisions). */
export function buildSet(members: RawMember[], version: SchemaVersion, file = "/spec.json", problems: NormalizeProblem[] = []): SchemaSet {
  const names = new NameTable();
  const sorted = [...members].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const schemas: NamedSchema[] = sorted.map((m) => {
    const base = pascalCase(m.key, "Schema");
    const typeName = names.claim(base).name;
    const schemaName = names.claim(typeName + "Schema").name;
    const pointer = m.pointer ?? "/components/schemas/" + m.key.replace(/~/g, "~0").replace(/\//g, "~1");
    return {
      key: m.key,
      typeName,
      schemaName,
      schema: normalizeSchema(m.schema, version, (p) => problems.push(p)),
      origin: { file, pointer },
      specName: m.key,
    };
  });
  return { schemas };
}

/** Subschema positions of raw (draft-04 … 2020-12, OpenAPI 3.x) schemas, for ref rewriting. */
const SINGLE = ["additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else", "additionalItems", "unevaluatedItems", "unevaluatedProperties"];
const ARRAYS = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];
const MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"];

/** Visits every schema object of `root` (keyword-aware: data values are never visited). */
export function eachSchema(root: unknown, visit: (node: Record<string, unknown>) => void): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || Array.isArray(node)) continue;
    const n = node as Record<string, unknown>;
    visit(n);
    for (const k of SINGLE) if (Object.hasOwn(n, k) && !Array.isArray(n[k])) stack.push(n[k]);
    for (const k of ARRAYS) if (Object.hasOwn(n, k) && Array.isArray(n[k])) stack.push(...(n[k] as unknown[]));
    for (const k of MAPS) {
      const m = Object.hasOwn(n, k) ? n[k] : undefined;
      if (m && typeof m === "object" && !Array.isArray(m)) for (const name of Object.keys(m)) stack.push((m as Record<string, unknown>)[name]);
    }
  }
}

/**
 * A standalone JSON Schema as set members: the root is `rootKey`, and every local `$ref`
 * target becomes its own member (`#/$defs/a` → key `<rootKey>/$defs/a`), since set
 * references can only name members. The input is cloned, never modified.
 */
export function hoistDocument(schema: unknown, rootKey: string): RawMember[] {
  const root: unknown = JSON.parse(JSON.stringify(schema));
  const targets = new Set<string>();
  eachSchema(root, (node) => {
    if (typeof node.$ref !== "string" || !node.$ref.startsWith("#")) return;
    const pointer = decodeURIComponent(node.$ref.slice(1));
    targets.add(pointer);
    node.$ref = schemaRef(rootKey + pointer);
  });
  const members: RawMember[] = [{ key: rootKey, schema: root }];
  for (const pointer of [...targets].sort()) {
    if (pointer === "") continue;
    const segments = parsePointer(pointer);
    if (!segments) throw new Error(`bad pointer ${pointer}`);
    let cur: unknown = root;
    for (const s of segments) {
      if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, s)) throw new Error(`unresolved ${pointer}`);
      cur = (cur as Record<string, unknown>)[s];
    }
    members.push({ key: rootKey + pointer, schema: cur });
  }
  return members;
}

export function readSpec(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, "utf8");
  return (file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: 10000 })) as Record<string, unknown>;
}

/**
 * `components.schemas` of a real spec as a set. References to other parts of the document
 * are hoisted as members; references to other files (which these fixtures do not ship)
 * become `{}`.
 */
export function specSet(file: string, version: SchemaVersion): SchemaSet {
  const doc = readSpec(file);
  const schemas = ((doc.components as Record<string, unknown> | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const members: RawMember[] = Object.keys(schemas).map((key) => ({ key, schema: JSON.parse(JSON.stringify(schemas[key])) }));
  const extra = new Map<string, unknown>();
  const prefix = "#/components/schemas/";
  const fix = (root: unknown) =>
    eachSchema(root, (node) => {
      if (typeof node.$ref !== "string") return;
      const ref = node.$ref;
      if (ref.startsWith(prefix) && !ref.slice(prefix.length).includes("/")) return;
      if (!ref.startsWith("#/")) {
        for (const k of Object.keys(node)) delete node[k];
        return;
      }
      const key = "doc" + decodeURIComponent(ref.slice(1));
      if (!extra.has(key)) {
        let cur: unknown = doc;
        for (const s of parsePointer(decodeURIComponent(ref.slice(1))) ?? []) cur = (cur as Record<string, unknown> | undefined)?.[s];
        const copy = JSON.parse(JSON.stringify(cur ?? {}));
        extra.set(key, copy);
        fix(copy);
      }
      node.$ref = schemaRef(key);
    });
  for (const m of members) fix(m.schema);
  for (const [key, schema] of extra) members.push({ key, schema, pointer: key.slice(3) });
  return buildSet(members, version, file);
}

export function versionOf(doc: Record<string, unknown>): SchemaVersion {
  const v = String(doc.openapi ?? "3.1");
  return v.startsWith("3.0") ? "3.0" : v.startsWith("3.2") ? "3.2" : "3.1";
}

export type { JsonSchema };
