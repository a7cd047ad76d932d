/**
 * Bundling: from extracted events (schemas still spread over files) to one flat SchemaSet
 * plus, per event, the names of the set members that type each part of the request and of
 * the response. Inline schemas of an event are hoisted into members named after the event
 * (`IssuesOpenedBody`); parameters of one location become one object schema
 * (`IssuesOpenedHeaders`), so every part of every event is a named type and a named Zod
 * schema, and both emitters only ever see a schema set.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { DocumentSet, OpenApiVersion } from "../load/types.js";
import type { EventDef, LocatedSchema, MediaTypeDef, ParameterDef, ParameterLocation } from "../model/events.js";
import type { JsonSchemaObject, NamedSchema, SchemaSet } from "../model/schema-set.js";
import { nameEvents, type EventNames } from "../naming/event-names.js";
import { NameTable } from "../naming/name-table.js";
import { pascalCase } from "../naming/words.js";
import { normalizeSchema } from "../schema/normalize.js";
import { compareStrings, isObject, joinPointer } from "../util/json-pointer.js";
import { applyDirections, type Direction } from "./directions.js";
import { SchemaCollector } from "./schema-collector.js";
import { setOwn } from "./schema-keywords.js";

/** A body or response body: the set member typing it, per media type. */
export interface ContentSchemas {
  mediaType: string;
  /** Set key; undefined when the spec gives no schema for this media type. */
  type?: string;
}

export interface EventSchemas {
  pathParams?: string;
  query?: string;
  headers?: string;
  cookies?: string;
  body: ContentSchemas[];
  responses: { status: string; body: ContentSchemas[]; headers?: string }[];
}

export interface BundledEvent {
  def: EventDef;
  names: EventNames;
  schemas: EventSchemas;
}

export interface Bundle {
  schemaSet: SchemaSet;
  events: BundledEvent[];
}

/** A parameter the route itself defines (an expression in a callback key); always a string. */
export interface RouteParam {
  name: string;
  description: string;
}

export interface BundleInput {
  def: EventDef;
  /** Path parameters from `{expressions}` in the callback key's path. */
  routePathParams: RouteParam[];
  /** Query parameters from `{expressions}` in the callback key's query string. */
  routeQueryParams: RouteParam[];
}

export function bundle(set: DocumentSet, inputs: readonly BundleInput[], diags: Diagnostics): Bundle {
  const collector = new SchemaCollector(set, diags);
  for (const { def } of inputs) for (const root of schemaRoots(def)) collector.discover(root);

  const types = new NameTable();
  const members = collector.assignNames(types);
  const names = nameEvents(
    inputs.map((i) => i.def),
    types,
    diags,
  );

  const out = new SetBuilder(set.version, diags);
  for (const m of members) {
    out.add({
      key: m.key!,
      schema: collector.rewrite(m.value, m.file),
      origin: { file: m.file, pointer: m.pointer },
      specName: m.specName,
    });
  }

  const events: BundledEvent[] = inputs.map(({ def, routePathParams, routeQueryParams }, i) => {
    const n = names[i]!;
    const hoist = (schema: LocatedSchema, name: string, direction: Direction): string => {
      const referenced = collector.referencedMember(schema);
      if (referenced?.key) {
        out.use(referenced.key, direction);
        return referenced.key;
      }
      const key = name === n.type + "Body" ? name : types.claim(name).name;
      out.add({ key, schema: collector.rewrite(schema.value, schema.file), origin: schema }, direction);
      return key;
    };
    const content = (list: MediaTypeDef[], baseName: string, direction: Direction): ContentSchemas[] =>
      list.map((mt) => {
        const name = list.length === 1 ? baseName : baseName + pascalCase(mediaTypeLabel(mt.mediaType), "Media");
        return mt.schema ? { mediaType: mt.mediaType, type: hoist(mt.schema, name, direction) } : { mediaType: mt.mediaType };
      });

    const params = (loc: ParameterLocation, suffix: string, fromRoute: RouteParam[] = []): string | undefined => {
      const obj = parameterObject(def.parameters, loc, fromRoute, collector);
      if (!obj) return undefined;
      const key = n.type + suffix;
      out.add({ key, schema: obj, origin: { file: def.origin.file, pointer: joinPointer(def.origin.pointer, "parameters") } }, "read");
      return key;
    };
    const schemas: EventSchemas = { body: [], responses: [] };
    const pathParams = params("path", "PathParams", routePathParams);
    const query = params("query", "Query", routeQueryParams);
    const headers = params("header", "Headers");
    const cookies = params("cookie", "Cookies");
    if (pathParams) schemas.pathParams = pathParams;
    if (query) schemas.query = query;
    if (headers) schemas.headers = headers;
    if (cookies) schemas.cookies = cookies;
    if (def.requestBody) schemas.body = content(def.requestBody.content, n.type + "Body", "read");
    for (const r of def.responses) {
      const label = r.status === "default" ? "Default" : r.status;
      const body = content(r.content, `${n.type}Response${label}Body`, "write");
      const entry: EventSchemas["responses"][number] = { status: r.status, body };
      const headerObj = headerObject(r.headers, collector);
      if (headerObj) {
        const key = types.claim(`${n.type}Response${label}Headers`).name;
        out.add({ key, schema: headerObj, origin: { file: r.origin.file, pointer: joinPointer(r.origin.pointer, "headers") } }, "write");
        entry.headers = key;
      }
      schemas.responses.push(entry);
    }
    return { def, names: n, schemas };
  });

  const schemaSet = out.build(types);
  // Direction views may have renamed nothing but added `…Writable` copies; re-point events.
  for (const e of events) {
    for (const r of e.schemas.responses) {
      for (const b of r.body) if (b.type) b.type = out.writeName(b.type);
      if (r.headers) r.headers = out.writeName(r.headers);
    }
  }
  return { schemaSet, events };
}

/** Every raw schema an event uses, for discovering the refs it reaches. */
function schemaRoots(def: EventDef): LocatedSchema[] {
  const roots: LocatedSchema[] = [];
  for (const p of def.parameters) if (p.schema) roots.push(p.schema);
  for (const mt of def.requestBody?.content ?? []) if (mt.schema) roots.push(mt.schema);
  for (const r of def.responses) {
    for (const mt of r.content) if (mt.schema) roots.push(mt.schema);
    for (const h of r.headers) if (h.schema) roots.push(h.schema);
  }
  return roots;
}

/**
 * Parameters of one location as one object schema. Header names are lower-cased: HTTP
 * header names are case-insensitive, and Node and the Fetch API both hand them over
 * lower-cased, so that is the key the handler sees.
 */
function parameterObject(
  params: readonly ParameterDef[],
  loc: ParameterLocation,
  routeParams: readonly RouteParam[],
  collector: SchemaCollector,
): JsonSchemaObject | undefined {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const seen = new Set<string>();
  for (const p of params) {
    if (p.in !== loc) continue;
    const key = loc === "header" ? p.name.toLowerCase() : p.name;
    let schema = p.schema ? collector.rewrite(p.schema.value, p.schema.file) : {};
    schema = annotate(schema, p.description, p.deprecated);
    setOwn(properties, key, schema);
    seen.add(key);
    if (p.required) required.push(key);
  }
  for (const rp of routeParams) {
    if (seen.has(rp.name)) continue;
    setOwn(properties, rp.name, { type: "string", description: rp.description });
    required.push(rp.name);
    seen.add(rp.name);
  }
  if (seen.size === 0) return undefined;
  return { type: "object", properties, required: required.sort(compareStrings) };
}

function headerObject(headers: EventDef["responses"][number]["headers"], collector: SchemaCollector): JsonSchemaObject | undefined {
  if (headers.length === 0) return undefined;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const h of headers) {
    const key = h.name.toLowerCase();
    setOwn(properties, key, annotate(h.schema ? collector.rewrite(h.schema.value, h.schema.file) : { type: "string" }, h.description, false));
    if (h.required) required.push(key);
  }
  return { type: "object", properties, required: required.sort(compareStrings) };
}

function annotate(schema: unknown, description: string | undefined, deprecated: boolean): unknown {
  if (schema === true || schema === undefined) schema = {};
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = { ...schema };
  if (description !== undefined && out.description === undefined) out.description = description;
  if (deprecated) out.deprecated = true;
  return out;
}

/** `application/vnd.github+json` → `vnd github json`; enough to tell media types apart in names. */
function mediaTypeLabel(mediaType: string): string {
  const [type = "", sub = ""] = mediaType.split(";")[0]!.trim().split("/");
  const known: Record<string, string> = {
    "application/json": "Json",
    "application/x-www-form-urlencoded": "Form",
    "multipart/form-data": "Multipart",
    "text/plain": "Text",
    "application/xml": "Xml",
    "text/xml": "Xml",
    "application/octet-stream": "Binary",
  };
  return known[`${type}/${sub}`.toLowerCase()] ?? sub;
}

/**
 * Collects members, normalizes them to 3.1 semantics, and applies readOnly/writeOnly by
 * direction at the end (a member used in both directions may need two views).
 */
class SetBuilder {
  private readonly members = new Map<string, NamedSchema & { roots: Set<Direction> }>();
  private writeNames = new Map<string, string>();

  constructor(
    private readonly version: OpenApiVersion,
    private readonly diags: Diagnostics,
  ) {}

  add(m: { key: string; schema: unknown; origin: { file: string; pointer: string }; specName?: string }, direction?: Direction): void {
    const schema = normalizeSchema(
      m.schema,
      this.version,
      (p) => this.diags.add({ code: p.code, severity: p.severity, message: p.message, file: p.file ?? m.origin.file, pointer: p.pointer ?? m.origin.pointer }),
      m.origin,
    );
    this.members.set(m.key, {
      key: m.key,
      typeName: m.key,
      schemaName: m.key + "Schema",
      schema,
      origin: { file: m.origin.file, pointer: m.origin.pointer },
      ...(m.specName !== undefined ? { specName: m.specName } : {}),
      roots: new Set(direction ? [direction] : []),
    });
  }

  use(key: string, direction: Direction): void {
    this.members.get(key)?.roots.add(direction);
  }

  writeName(key: string): string {
    return this.writeNames.get(key) ?? key;
  }

  build(types: NameTable): SchemaSet {
    const { schemas, writeNames } = applyDirections([...this.members.values()], types);
    this.writeNames = writeNames;
    return { schemas: schemas.sort((a, b) => compareStrings(a.key, b.key)) };
  }
}
