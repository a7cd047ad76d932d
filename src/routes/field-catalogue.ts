/**
 * The fields of an event's request that could name the event: its header parameters, and the
 * properties of its JSON body down to three object levels (through array items, whose every
 * item must then agree), with what the spec says of their values — a single value, a closed
 * list (`enum`), or sample values (`examples`, `example`). Routing inference reads only this.
 */
import type { PlannedEvent } from "../model/plan.js";
import { bodyKind } from "../model/media-types.js";
import type { SchemaLookup } from "../model/schema-lookup.js";
import { refKey } from "../model/schema-set.js";
import { isObject } from "../util/json-pointer.js";
import { locationKey, type Location, type PathStep, type Primitive } from "./conditions.js";

export interface Field {
  readonly location: Location;
  /** The property or header name (lower-case for headers). */
  readonly name: string;
  /** Object levels from the body's root (1 for a top-level property); 0 for headers. */
  readonly depth: number;
  /** Present in every valid request: required at each level, and no array on the way. */
  readonly required: boolean;
  /** `const`, or an `enum` with one entry; also a value a `discriminator` mapping assigns. */
  readonly single?: Primitive;
  /** An `enum` with several entries. */
  readonly enumValues?: readonly Primitive[];
  /**
   * Values the field cannot have: this event is an OpenAPI 3.2 `discriminator`'s
   * `defaultMapping`, which takes the values its `mapping` gives no other schema.
   */
  readonly excluded?: readonly Primitive[];
  /** Sample values: the schema's `examples`/`example`, a header parameter's `example`. */
  readonly sampleValues?: readonly Primitive[];
  /** The field's JSON type, when the schema fixes one. */
  readonly type?: string;
}

export interface Catalogue {
  /** By `locationKey`. */
  readonly fields: ReadonlyMap<string, Field>;
  /** Whether the event has one JSON body to read fields from. */
  readonly hasJsonBody: boolean;
}

/** Deeper constants describe an event's content, not its kind (GitHub's `pull_request.state`). */
const MAX_DEPTH = 3;
/** A bound on the work per event, whatever the schema's size. */
const MAX_FIELDS = 2000;

export function fieldCatalogue(e: PlannedEvent, lookup: SchemaLookup): Catalogue {
  const fields = new Map<string, Field>();
  const add = (f: Field) => {
    const key = locationKey(f.location);
    if (!fields.has(key) && fields.size < MAX_FIELDS) fields.set(key, f);
  };
  headerFields(e, lookup, add);
  const body = jsonBodyType(e);
  if (body !== undefined) bodyFields(body, lookup, add);
  return { fields, hasJsonBody: body !== undefined };
}

/**
 * The one JSON body fields can be read from. With several JSON media types the parsed values
 * may differ; other media types (GitHub's `payload=<json>` form) carry the same document,
 * which the receiver reads for routing.
 */
export function jsonBodyType(e: PlannedEvent): string | undefined {
  const json = e.schemas.body.filter((b) => bodyKind(b.mediaType) === "json");
  return json.length === 1 ? json[0]!.type : undefined;
}

function headerFields(e: PlannedEvent, lookup: SchemaLookup, add: (f: Field) => void): void {
  if (!e.schemas.headers) return;
  const member = lookup.member(e.schemas.headers)?.schema;
  const required = lookup.required(member);
  const examples = new Map(e.def.parameters.filter((p) => p.in === "header").map((p) => [p.name.toLowerCase(), p.example]));
  for (const [name, subs] of lookup.properties(member)) {
    const lower = name.toLowerCase();
    add(describe({ in: "header", name: lower }, lower, 0, required.has(name), subs, lookup, examples.get(lower)));
  }
}

function bodyFields(key: string, lookup: SchemaLookup, add: (f: Field) => void): void {
  for (const m of mappingValues(key, lookup)) {
    const location = { in: "body" as const, path: [m.property] };
    add("value" in m ? { location, name: m.property, depth: 1, required: false, single: m.value } : { location, name: m.property, depth: 1, required: false, excluded: m.others });
  }

  let level: { schema: unknown; path: PathStep[]; required: boolean }[] = [{ schema: lookup.member(key)?.schema, path: [], required: true }];
  for (let depth = 1; depth <= MAX_DEPTH && level.length; depth++) {
    const next: typeof level = [];
    for (const { schema, path, required } of level) {
      const req = lookup.required(schema);
      const constants = lookup.constantProperties(schema);
      const properties = lookup.properties(schema);
      // Pinned by every `oneOf`/`anyOf` alternative alike (GitHub's review-request events):
      // a field of every instance, though no `properties` at this level declares it.
      for (const [name, value] of constants) {
        if (!properties.has(name)) add({ location: { in: "body", path: [...path, name] }, name, depth, required: false, single: value });
      }
      for (const [name, subs] of properties) {
        const here = [...path, name];
        const isRequired = required && req.has(name);
        const field = describe({ in: "body", path: here }, name, depth, isRequired, subs, lookup);
        add(constants.has(name) && field.single === undefined ? { ...field, single: constants.get(name)! } : field);
        for (const sub of subs) {
          const type = lookup.topType(sub);
          if (type === "object") next.push({ schema: sub, path: here, required: isRequired });
          if (type === "array") {
            const items = itemsOf(sub, lookup);
            // Through an array every item must agree; an empty array has none, so never required.
            if (items !== undefined && lookup.topType(items) === "object") next.push({ schema: items, path: [...here, { items: true }], required: false });
          }
        }
      }
    }
    level = next;
  }
}

function itemsOf(schema: unknown, lookup: SchemaLookup): unknown {
  const s = lookup.resolve(schema);
  return isObject(s) ? s.items : undefined;
}

function describe(
  location: Location,
  name: string,
  depth: number,
  required: boolean,
  subs: readonly unknown[],
  lookup: SchemaLookup,
  parameterExample?: unknown,
): Field {
  let single: Primitive | undefined;
  let enumValues: Primitive[] | undefined;
  const samples: Primitive[] = [];
  let type: string | undefined;
  for (const sub of subs) {
    const one = lookup.singleValue(sub);
    if (one && single === undefined) single = one.value;
    const s = lookup.resolve(sub);
    type ??= lookup.topType(sub);
    if (!isObject(s)) continue;
    if (Array.isArray(s.enum) && s.enum.length > 1 && s.enum.every(isPrimitive) && enumValues === undefined) enumValues = s.enum;
    if (Array.isArray(s.examples)) samples.push(...s.examples.filter(isPrimitive));
    if (isPrimitive(s.example)) samples.push(s.example);
  }
  if (isPrimitive(parameterExample)) samples.push(parameterExample);
  return {
    location,
    name,
    depth,
    required,
    ...(single !== undefined ? { single } : {}),
    ...(enumValues ? { enumValues } : {}),
    ...(samples.length ? { sampleValues: [...new Set(samples)] } : {}),
    ...(type !== undefined ? { type } : {}),
  };
}

type MappingFact = { property: string; value: string } | { property: string; others: string[] };

/**
 * What an OpenAPI `discriminator` says of this member: a schema reachable through `allOf` maps
 * a value to it (`mapping: {cat: "#/components/schemas/Cat"}`), or names it as its OpenAPI 3.2
 * `defaultMapping`, which takes every value the mapping gives to other schemas' exclusion.
 */
function mappingValues(key: string, lookup: SchemaLookup): MappingFact[] {
  const out: MappingFact[] = [];
  const seen = new Set<string>();
  const visit = (k: string, depth: number) => {
    if (seen.has(k) || depth > 8) return;
    seen.add(k);
    const s = lookup.member(k)?.schema;
    if (!isObject(s)) return;
    const disc = s.discriminator;
    if (isObject(disc) && typeof disc.propertyName === "string" && isObject(disc.mapping)) {
      const mapped = Object.entries(disc.mapping).filter((m): m is [string, string] => typeof m[1] === "string");
      for (const [value, target] of mapped) if (refKey(target) === key) out.push({ property: disc.propertyName, value });
      if (typeof disc.defaultMapping === "string" && refKey(disc.defaultMapping) === key) {
        out.push({ property: disc.propertyName, others: mapped.filter(([, t]) => refKey(t) !== key).map(([v]) => v) });
      }
    }
    if (Array.isArray(s.allOf)) for (const part of s.allOf) if (isObject(part) && typeof part.$ref === "string") visit(refKey(part.$ref) ?? "", depth + 1);
  };
  visit(key, 0);
  return out;
}

export function isPrimitive(v: unknown): v is Primitive {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}
