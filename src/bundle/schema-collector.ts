/**
 * Turns schemas spread over files and `$ref`s into one flat set of named schemas.
 *
 * Every `$ref` target reachable from an event becomes a member of the set, identified by
 * its file and pointer, so a schema referenced from many places is emitted once and
 * referenced by name — output stays linear in the input however refs fan out (THREATS.md
 * A18). Recursive schemas are simply members that reference each other.
 *
 * Work happens in phases so names never depend on discovery order:
 *   1. `discover` — follow refs from the event roots, record each target (no naming yet);
 *   2. `assignNames` — name all members at once, sorted by spec name and identity;
 *   3. `rewrite` — copy schemas with every `$ref` replaced by `#/components/schemas/<key>`.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { DocumentSet } from "../load/types.js";
import { schemaRef } from "../model/schema-set.js";
import type { LocatedSchema } from "../model/events.js";
import type { NameTable } from "../naming/name-table.js";
import { typeNameFor } from "../naming/words.js";
import { compareStrings, isObject, joinPointer, parsePointer } from "../util/json-pointer.js";
import { ANNOTATIONS, forEachSubschema, mapSubschemas, setOwn } from "./schema-keywords.js";

export interface Member {
  /** `<file>#<pointer>` of the target. */
  identity: string;
  file: string;
  pointer: string;
  value: unknown;
  specName: string;
  /** Assigned in phase 2. */
  key?: string;
}

export class SchemaCollector {
  private readonly members = new Map<string, Member>();
  /** Resolved `$ref` (as written, in a file) → member identity, or null when it failed. */
  private readonly refCache = new Map<string, string | null>();
  private readonly pending: Member[] = [];

  constructor(
    private readonly set: DocumentSet,
    private readonly diags: Diagnostics,
  ) {}

  // ── phase 1 ─────────────────────────────────────────────────────────────────────

  /** Records every ref target reachable from `root`. */
  discover(root: LocatedSchema): void {
    this.walk(root.value, root.file, root.pointer);
    while (this.pending.length) {
      const m = this.pending.pop()!;
      this.walk(m.value, m.file, m.pointer);
    }
  }

  /**
   * If `schema` is just a reference (a `$ref` with annotations at most), the member it names.
   * Such event roots need no schema of their own: the event uses the referenced type.
   */
  referencedMember(schema: LocatedSchema): Member | undefined {
    const v = schema.value;
    if (!isObject(v) || typeof v.$ref !== "string") return undefined;
    if (Object.keys(v).some((k) => k !== "$ref" && !ANNOTATIONS.has(k))) return undefined;
    const identity = this.resolve(v.$ref, schema.file, joinPointer(schema.pointer, "$ref"));
    return identity ? this.members.get(identity) : undefined;
  }

  private walk(schema: unknown, file: string, pointer: string): void {
    if (!isObject(schema)) return;
    if (typeof schema.$ref === "string") this.resolve(schema.$ref, file, joinPointer(pointer, "$ref"));
    const mapping = isObject(schema.discriminator) ? schema.discriminator.mapping : undefined;
    if (isObject(mapping)) {
      for (const [value, target] of Object.entries(mapping)) {
        if (typeof target === "string") {
          this.resolve(mappingRef(target), file, joinPointer(pointer, "discriminator", "mapping", value));
        }
      }
    }
    forEachSubschema(schema, (path, sub) => this.walk(sub, file, joinPointer(pointer, ...path)));
  }

  private resolve(ref: string, file: string, at: string): string | undefined {
    const cacheKey = `${file}\u0000${ref}`;
    const cached = this.refCache.get(cacheKey);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.set.resolveRef(ref, file);
    if (!result.ok) {
      this.refCache.set(cacheKey, null);
      // The load stage reports every `$ref` it could not follow; a mapping value is ours alone.
      if (!this.diags.reportedAt(result.code, file, at)) this.diags.error(result.code, `schema reference: ${result.message}`, { file, pointer: at }, result.hint);
      return undefined;
    }
    const identity = `${result.file}#${result.pointer}`;
    this.refCache.set(cacheKey, identity);
    if (!this.members.has(identity)) {
      const m: Member = {
        identity,
        file: result.file,
        pointer: result.pointer,
        value: result.value,
        specName: specNameFor(result.file, result.pointer),
      };
      this.members.set(identity, m);
      this.pending.push(m);
    }
    return identity;
  }

  // ── phase 2 ─────────────────────────────────────────────────────────────────────

  /** Names every member; spec names win over anything named later from events. */
  assignNames(names: NameTable): Member[] {
    const sorted = [...this.members.values()].sort(
      (a, b) => compareStrings(typeNameFor(a.specName), typeNameFor(b.specName)) || compareStrings(a.identity, b.identity),
    );
    for (const m of sorted) {
      const wanted = typeNameFor(m.specName);
      const { name, renamed } = names.claim(wanted);
      m.key = name;
      if (renamed) {
        this.diags.info(
          "name-collision",
          `schema "${m.specName}" is named ${name} because ${wanted} is already taken`,
          { file: m.file, pointer: m.pointer },
        );
      }
    }
    return sorted;
  }

  // ── phase 3 ─────────────────────────────────────────────────────────────────────

  /** A copy of `schema` whose refs (and discriminator mappings) name set members. */
  rewrite(schema: unknown, file: string): unknown {
    if (!isObject(schema)) return schema;
    const out = mapSubschemas(schema, (sub) => this.rewrite(sub, file));
    if (typeof schema.$ref === "string") out.$ref = this.refTo(schema.$ref, file);
    if (isObject(schema.discriminator) && isObject(schema.discriminator.mapping)) {
      const mapping: Record<string, unknown> = {};
      for (const [value, target] of Object.entries(schema.discriminator.mapping)) {
        setOwn(mapping, value, typeof target === "string" ? this.refTo(mappingRef(target), file) : target);
      }
      out.discriminator = { ...schema.discriminator, mapping };
    }
    return out;
  }

  /** The set reference for a ref found in `file`; `{}`-like `true` schema stands in for failures. */
  private refTo(ref: string, file: string): string {
    const identity = this.refCache.get(`${file}\u0000${ref}`);
    const key = identity ? this.members.get(identity)?.key : undefined;
    // A failed ref was reported as an error in phase 1; nothing will be written, but keep
    // going so that every problem of the run is found.
    return key ? schemaRef(key) : "#/components/schemas/__unresolved__";
  }

  keyOf(identity: string): string | undefined {
    return this.members.get(identity)?.key;
  }
}

/**
 * Discriminator mapping values are either references or bare schema names, which mean
 * `#/components/schemas/<name>` (OpenAPI §4.8.25.2).
 */
function mappingRef(target: string): string {
  return /[#/.]/.test(target) ? target : `#/components/schemas/${target}`;
}

const NON_NAMES = new Set([
  "schema", "schemas", "properties", "items", "content", "components", "paths", "webhooks", "x-webhooks",
  "requestBody", "responses", "parameters", "allOf", "anyOf", "oneOf", "not", "additionalProperties",
  "$defs", "definitions", "callbacks", "headers", "prefixItems",
]);

/**
 * A readable name for a ref target: its `components/schemas` (or `$defs`) name, the file's
 * base name for a whole-file ref, otherwise the last informative pointer segments.
 */
export function specNameFor(file: string, pointer: string): string {
  const segs = parsePointer(pointer) ?? [];
  const n = segs.length;
  if (n >= 2 && (segs[n - 2] === "schemas" || segs[n - 2] === "$defs" || segs[n - 2] === "definitions")) {
    return segs[n - 1]!;
  }
  if (n === 0) {
    const base = file.split(/[\\/]/).pop() ?? "Schema";
    return base.replace(/\.(ya?ml|json)$/i, "") || "Schema";
  }
  const informative = segs.filter((s) => !NON_NAMES.has(s) && !/^\d+$/.test(s) && !s.includes("/"));
  return informative.slice(-2).join("-") || "Schema";
}
