/**
 * The test kit's data for each event (issue 15): the request a provider would send —
 * synthesized from the event's schemas (synthesize.ts) and its routing conditions, so that it
 * reaches this event's handler and no other — the body examples the document declares, by
 * name, and the answer its first declared success response describes.
 *
 * Examples are kept as the document wrote them: GitHub's document rejects some of its own
 * payloads, so the kit checks each against the generated schema when it is used, and falls
 * back to the synthesized body (templates/runtime/test-kit.ts).
 */
import type { PlannedEvent } from "../model/plan.js";
import { SchemaLookup } from "../model/schema-lookup.js";
import { bodyKind } from "../model/media-types.js";
import type { SchemaSet } from "../model/schema-set.js";
import { schemaRef } from "../model/schema-set.js";
import type { Condition, PathStep } from "../routes/conditions.js";
import { Synthesizer } from "./synthesize.js";

export interface RequestFixture {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  /** Lower-case names. */
  headers: Record<string, unknown>;
  /** Absent when the event has no body. */
  contentType?: string;
  body?: unknown;
}

export interface ExampleFixture {
  /** The key in `examples`, or `example` for the Media Type Object's `example`. */
  name: string;
  contentType: string;
  body: unknown;
}

export interface ResponseFixture {
  status: number;
  contentType?: string;
  body?: unknown;
}

export interface EventFixture {
  /** Handler name. */
  event: string;
  request: RequestFixture;
  examples: ExampleFixture[];
  response: ResponseFixture;
  /** Rules the synthesized values could not be made to satisfy (see synthesize.ts). */
  issues: string[];
}

export function eventFixtures(events: readonly PlannedEvent[], set: SchemaSet, conditions: ReadonlyMap<string, readonly Condition[]>): EventFixture[] {
  const lookup = new SchemaLookup(set);
  return events.map((e) => eventFixture(e, lookup, conditions.get(e.names.handler) ?? []));
}

function eventFixture(e: PlannedEvent, lookup: SchemaLookup, conditions: readonly Condition[]): EventFixture {
  const synth = new Synthesizer(lookup);
  const of = (key: string | undefined, at: string) => (key === undefined ? {} : (synth.value({ $ref: schemaRef(key) }, at) as Record<string, unknown>));
  const request: RequestFixture = {
    path: of(e.schemas.pathParams, "/path"),
    query: of(e.schemas.query, "/query"),
    headers: of(e.schemas.headers, "/headers"),
  };
  const content = preferredContent(e);
  if (content) {
    request.contentType = content.mediaType;
    // The fields routing conditions read are filled in even where the schema makes them optional.
    const routed = conditions.flatMap((c) => (c.in === "body" && c.path.length ? [c.path] : []));
    request.body = content.type !== undefined ? synth.value({ $ref: schemaRef(content.type) }, "/body", 0, routed) : bodyKind(content.mediaType) === "json" ? {} : "example";
  }
  for (const c of conditions) applyCondition(request, c);
  const examples: ExampleFixture[] = [];
  for (const mt of e.def.requestBody?.content ?? []) {
    for (const ex of mt.examples) {
      // Names are per media type in the document; the kit's are per event (GitHub's 3.0
      // document gives an `example` for both the JSON and the form body).
      const name = ex.name ?? "example";
      examples.push({ name: examples.some((x) => x.name === name) ? `${name} (${mt.mediaType})` : name, contentType: mt.mediaType, body: ex.value });
    }
  }
  return { event: e.names.handler, request, examples, response: responseFixture(e, synth), issues: synth.issues };
}

/** The media type fixtures are sent as: the first JSON one, else the first declared. */
function preferredContent(e: PlannedEvent): { mediaType: string; type?: string } | undefined {
  const all = e.schemas.body;
  return all.find((c) => bodyKind(c.mediaType) === "json") ?? all[0];
}

/**
 * The event's first declared success response (numeric 2xx first, then `2XX`, then
 * `default`), with a synthesized body when it declares one; the event's acknowledgement
 * status (200) when it declares none.
 */
function responseFixture(e: PlannedEvent, synth: Synthesizer): ResponseFixture {
  const success = e.def.responses.find((r) => /^2\d\d$/.test(r.status)) ?? e.def.responses.find((r) => r.status === "2XX") ?? e.def.responses.find((r) => r.status === "default");
  if (!success) return { status: e.ack ?? 200 };
  const status = /^\d+$/.test(success.status) ? Number(success.status) : 200;
  const schemas = e.schemas.responses.find((r) => r.status === success.status)?.body ?? [];
  const content = schemas.find((c) => bodyKind(c.mediaType) === "json") ?? schemas[0];
  if (!content || status === 204 || status === 205) return { status };
  const body = content.type !== undefined ? synth.value({ $ref: schemaRef(content.type) }, `/responses/${success.status}`) : bodyKind(content.mediaType) === "json" ? {} : "ok";
  return { status, contentType: content.mediaType, body };
}

/** Makes the request satisfy one routing condition (the value it tests, where it tests it). */
function applyCondition(request: RequestFixture, c: Condition): void {
  const value = conditionValue(c);
  if (value === undefined) return;
  if (c.in === "header") {
    request.headers[c.name.toLowerCase()] = typeof value === "string" ? value : JSON.stringify(value);
    return;
  }
  if (c.path.length === 0) return;
  request.body = setAt(request.body, c.path, value);
}

function conditionValue(c: Condition): unknown {
  const t = c.test;
  if ("equals" in t) return t.equals[0];
  if ("words" in t) return t.words.replace(/ /g, "_");
  if ("template" in t) return t.template.join("x");
  return undefined;
}

/** `value` at `path` in `target` (objects created where missing; every item of an array). */
function setAt(target: unknown, path: readonly PathStep[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [step, ...rest] = path as [PathStep, ...PathStep[]];
  // Every item, when there are items; no array is made up (the condition holds for none).
  if (typeof step === "object") return Array.isArray(target) ? target.map((item) => setAt(item, rest, value)) : target;
  const obj = typeof target === "object" && target !== null && !Array.isArray(target) ? (target as Record<string, unknown>) : {};
  const child = setAt(Object.hasOwn(obj, step) ? obj[step] : undefined, rest, value);
  if (child === undefined) return target;
  Object.defineProperty(obj, step, { value: child, enumerable: true, writable: true, configurable: true });
  return obj;
}
