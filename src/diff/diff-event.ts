/**
 * The changes of one event present in both revisions: its names, method and route, the
 * values the receiver routes it by, and every part of its request and response, each
 * compared as schemas and classified by the direction of its part (`classify.ts`).
 */
import type { ContentSchemas } from "../bundle/bundle.js";
import { essence, schemaApplies } from "../model/media-types.js";
import type { EventRoute, PlannedEvent } from "../model/plan.js";
import type { ValidationPolicy } from "../model/schema-set.js";
import { schemaRef } from "../model/schema-set.js";
import { compareStrings } from "../util/json-pointer.js";
import { classify } from "./classify.js";
import { conditionKey, type RoutingCondition } from "./discriminators.js";
import type { SchemaDiffer } from "./schema-diff.js";
import type { Change, ChangeFacts, Direction, Part, PathSegment, SchemaFact } from "./types.js";
import { valueKey } from "./values.js";

export interface EventDiffContext {
  differ: SchemaDiffer;
  policy: ValidationPolicy;
  /** Routing conditions per handler name, per revision. */
  oldRouting: Map<string, RoutingCondition[]>;
  newRouting: Map<string, RoutingCondition[]>;
}

/** Part of a change before classification. */
type Located = ChangeFacts & { part: Part; path: PathSegment[]; schema?: string };

/** A missing parameter or header object compares as one that lists nothing. */
const NO_PARAMETERS = { type: "object", properties: {} };

export function diffEvent(ctx: EventDiffContext, old: PlannedEvent, neu: PlannedEvent): Change[] {
  const found: Located[] = [];
  const event: Part = { in: "event" };
  if (old.names.handler !== neu.names.handler) found.push({ kind: "handler-renamed", from: old.names.handler, to: neu.names.handler, part: event, path: [] });
  if (old.route.method !== neu.route.method) found.push({ kind: "method-changed", from: old.route.method, to: neu.route.method, part: event, path: [] });
  if (routeText(old.route) !== routeText(neu.route)) {
    found.push({ kind: "route-changed", from: routeText(old.route), to: routeText(neu.route), part: { in: "route" }, path: [] });
  }

  const conditions = diffConditions(ctx.oldRouting.get(old.names.handler) ?? [], ctx.newRouting.get(neu.names.handler) ?? []);
  found.push(...conditions);

  for (const where of ["path", "query", "headers", "cookies"] as const) {
    const key = where === "path" ? "pathParams" : where;
    const facts = ctx.differ.diff(memberOr(old.schemas[key], NO_PARAMETERS), memberOr(neu.schemas[key], NO_PARAMETERS));
    found.push(...place(facts, { in: where }));
  }
  found.push(...diffContent(ctx, old.schemas.body, neu.schemas.body, (mediaType) => ({ in: "body", mediaType })));

  const oldResponses = new Map(old.schemas.responses.map((r) => [r.status, r]));
  const newResponses = new Map(neu.schemas.responses.map((r) => [r.status, r]));
  for (const status of [...new Set([...oldResponses.keys(), ...newResponses.keys()])].sort(compareStrings)) {
    const o = oldResponses.get(status);
    const n = newResponses.get(status);
    if (!o || !n) {
      found.push({ kind: n ? "response-added" : "response-removed", status, part: { in: "response", status }, path: [] });
      continue;
    }
    found.push(...diffContent(ctx, o.body, n.body, (mediaType) => ({ in: "response-body", status, mediaType })));
    const headerFacts = ctx.differ.diff(memberOr(o.headers, NO_PARAMETERS), memberOr(n.headers, NO_PARAMETERS));
    found.push(...place(headerFacts, { in: "response-headers", status }));
  }
  if (old.ack !== neu.ack) {
    found.push({ kind: "ack-changed", ...ack(old.ack, neu.ack, neu), part: { in: "event" }, path: [] });
  }

  const routedOn = new Set(conditions.map((c) => placeKey(c.part, c.path)));
  return found
    .filter((f) => !(f.kind === "enum-changed" && routedOn.has(placeKey(f.part, f.path))))
    .map((f) => ({ ...f, ...classify(f, directionOf(f.part), ctx.policy) }));
}

/** Who writes a part's data; event-level parts have no direction. */
function directionOf(part: Part): Direction | undefined {
  switch (part.in) {
    case "event":
    case "route":
      return undefined;
    case "response":
    case "response-body":
    case "response-headers":
      return "response";
    default:
      return "request";
  }
}

/** Bodies per media type (matched by essence: `Application/JSON; charset=utf-8` is `application/json`). */
function diffContent(ctx: EventDiffContext, old: ContentSchemas[], neu: ContentSchemas[], part: (mediaType: string) => Part): Located[] {
  const out: Located[] = [];
  const byEssence = (list: ContentSchemas[]) => new Map(list.map((c) => [essence(c.mediaType), c]));
  const o = byEssence(old);
  const n = byEssence(neu);
  for (const type of [...new Set([...o.keys(), ...n.keys()])].sort(compareStrings)) {
    const oc = o.get(type);
    const nc = n.get(type);
    if (!oc || !nc) {
      const mediaType = (nc ?? oc)!.mediaType;
      out.push({ kind: nc ? "media-type-added" : "media-type-removed", mediaType, part: part(mediaType), path: [] });
      continue;
    }
    // XML and binary bodies reach the handler as text or bytes: their schemas describe nothing it sees.
    if (!schemaApplies(nc.mediaType)) continue;
    out.push(...place(ctx.differ.diff(memberOr(oc.type, true), memberOr(nc.type, true)), part(nc.mediaType)));
  }
  return out;
}

function diffConditions(old: RoutingCondition[], neu: RoutingCondition[]): Located[] {
  const out: Located[] = [];
  const o = new Map(old.map((c) => [conditionKey(c), c]));
  const n = new Map(neu.map((c) => [conditionKey(c), c]));
  for (const key of [...new Set([...o.keys(), ...n.keys()])].sort(compareStrings)) {
    const oc = o.get(key);
    const nc = n.get(key);
    if (oc && nc && valueKey(oc.value) === valueKey(nc.value)) continue;
    const c = (nc ?? oc)!;
    out.push({
      kind: "discriminator-changed",
      ...(oc ? { from: oc.value } : {}),
      ...(nc ? { to: nc.value } : {}),
      ...(c.byEventName ? { byEventName: true } : {}),
      part: c.part,
      path: c.path,
    });
  }
  return out;
}

function place(facts: SchemaFact[], part: Part): Located[] {
  return facts.map((f) => ({ ...f, part }));
}

function memberOr(key: string | undefined, fallback: unknown): unknown {
  return key === undefined ? fallback : { $ref: schemaRef(key) };
}

function routeText(r: EventRoute): string {
  const query = r.constantQuery.map((q) => `${q.name}=${q.value}`).join("&");
  return (r.origin ?? "") + r.path + (query ? "?" + query : "");
}

function ack(from: number | undefined, to: number | undefined, neu: PlannedEvent): { from?: number; to?: number; fromStillDeclared: boolean } {
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), fromStillDeclared: from === undefined || declares(neu, from) };
}

/** Whether a spec that says these responses accepts `status` (no responses: anything goes). */
function declares(e: PlannedEvent, status: number): boolean {
  const statuses = e.schemas.responses.map((r) => r.status);
  if (statuses.length === 0) return true;
  return statuses.includes(String(status)) || statuses.includes(`${Math.floor(status / 100)}XX`) || statuses.includes("default");
}

function placeKey(part: Part, path: readonly PathSegment[]): string {
  return JSON.stringify([part.in, path]);
}
