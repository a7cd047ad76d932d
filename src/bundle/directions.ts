/**
 * `readOnly` / `writeOnly` by direction (OpenAPI §4.8.24, Schema Object "readOnly",
 * "writeOnly"). An event's request is the provider's *output*: readOnly properties are
 * there, writeOnly ones are not. The consumer's response is the provider's *input*: the
 * reverse. A schema that contains such markers (itself or through its refs) and is used in
 * both directions gets two views: the spec's name for the request view and `<Name>Writable`
 * for the response view. Schemas without markers are shared unchanged.
 */
import type { NamedSchema, JsonSchema } from "../model/schema-set.js";
import { refKey, schemaRef } from "../model/schema-set.js";
import type { NameTable } from "../naming/name-table.js";
import { isObject } from "../util/json-pointer.js";
import { forEachSubschema, mapSubschemas } from "./schema-keywords.js";

/** `read`: data the provider sends (request to the consumer). `write`: data it receives. */
export type Direction = "read" | "write";

interface Rooted extends NamedSchema {
  roots: Set<Direction>;
}

export function applyDirections(
  members: Rooted[],
  types: NameTable,
): { schemas: NamedSchema[]; writeNames: Map<string, string> } {
  const refs = new Map(members.map((m) => [m.key, refsOf(m.schema)]));

  const sensitive = sensitiveMembers(members, refs);
  const reach = (dir: Direction) => closure(members.filter((m) => m.roots.has(dir)).map((m) => m.key), refs);
  const readReach = reach("read");
  const writeReach = reach("write");

  // Names of write views, decided before any rewriting so refs can point at them.
  const writeNames = new Map<string, string>();
  for (const m of members) {
    if (!sensitive.has(m.key) || !writeReach.has(m.key)) continue;
    writeNames.set(m.key, readReach.has(m.key) ? types.claim(`${m.key}Writable`).name : m.key);
  }

  const out: NamedSchema[] = [];
  for (const m of members) {
    const { roots: _roots, ...plain } = m;
    if (!sensitive.has(m.key)) {
      out.push(plain);
      continue;
    }
    if (readReach.has(m.key) || !writeReach.has(m.key)) {
      out.push({ ...plain, schema: view(m.schema, "read", new Map()) });
    }
    const writeName = writeNames.get(m.key);
    if (writeName !== undefined) {
      out.push({
        ...plain,
        key: writeName,
        typeName: writeName,
        schemaName: writeName + "Schema",
        schema: view(m.schema, "write", writeNames),
      });
    }
  }
  return { schemas: out, writeNames };
}

function refsOf(schema: JsonSchema): Set<string> {
  const out = new Set<string>();
  const walk = (s: unknown): void => {
    if (!isObject(s)) return;
    if (typeof s.$ref === "string") {
      const k = refKey(s.$ref);
      if (k !== undefined) out.add(k);
    }
    forEachSubschema(s, (_, sub) => walk(sub));
  };
  walk(schema);
  return out;
}

function hasMarker(schema: JsonSchema): boolean {
  let found = false;
  const walk = (s: unknown): void => {
    if (found || !isObject(s)) return;
    if (s.readOnly === true || s.writeOnly === true) found = true;
    else forEachSubschema(s, (_, sub) => walk(sub));
  };
  walk(schema);
  return found;
}

/** Members that carry markers themselves or reference one that does (fixpoint). */
function sensitiveMembers(members: Rooted[], refs: Map<string, Set<string>>): Set<string> {
  const out = new Set(members.filter((m) => hasMarker(m.schema)).map((m) => m.key));
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of members) {
      if (out.has(m.key)) continue;
      if ([...refs.get(m.key)!].some((k) => out.has(k))) {
        out.add(m.key);
        changed = true;
      }
    }
  }
  return out;
}

function closure(start: string[], refs: Map<string, Set<string>>): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    for (const r of refs.get(k) ?? []) stack.push(r);
  }
  return seen;
}

/**
 * The schema as seen in one direction: properties marked for the other direction removed
 * (and dropped from `required`), refs re-pointed at the members' views for `write`.
 */
function view(schema: JsonSchema, dir: Direction, writeNames: Map<string, string>): JsonSchema {
  const drop = dir === "read" ? "writeOnly" : "readOnly";
  const walk = (s: unknown): unknown => {
    if (!isObject(s)) return s;
    const out = mapSubschemas(s, walk);
    if (typeof s.$ref === "string" && dir === "write") {
      const k = refKey(s.$ref);
      const renamed = k !== undefined ? writeNames.get(k) : undefined;
      if (renamed !== undefined) out.$ref = schemaRef(renamed);
    }
    if (isObject(out.properties)) {
      const props = out.properties;
      const removed = Object.keys(props).filter((p) => isObject(props[p]) && (props[p] as Record<string, unknown>)[drop] === true);
      if (removed.length) {
        const kept: Record<string, unknown> = {};
        for (const p of Object.keys(props)) {
          if (!removed.includes(p)) Object.defineProperty(kept, p, { value: props[p], enumerable: true, writable: true, configurable: true });
        }
        out.properties = kept;
        if (Array.isArray(out.required)) out.required = out.required.filter((r) => !removed.includes(r as string));
      }
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}
