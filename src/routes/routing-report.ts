/**
 * What the generator says about a shared route: how its events are told apart when that was
 * inferred rather than stated, and which events one delivery could still satisfy together —
 * such a delivery reaches `onUnhandled` as ambiguous, never a guessed handler — with the field
 * that would tell them apart and how to declare it.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { SchemaLookup } from "../model/schema-lookup.js";
import { describeLocation, describeTest, locationKey, separatedBy, type Condition, type ConditionSource } from "./conditions.js";
import { DISCRIMINATOR_EXTENSION } from "./declared-conditions.js";
import { namesEvents, type RouteEvent } from "./infer-conditions.js";
import { routeKey } from "./route-key.js";

const INFERRED: Partial<Record<ConditionSource, string>> = {
  key: "where the spec lists each one's key or name among the values",
  examples: "which has one value in every example the document gives for each",
  convention: "where other events carry their key, so these carry theirs",
  complement: "which names other events; these do not declare it, so they are none of those",
};

const HOW_TO_DECLARE = `declare the condition with \`${DISCRIMINATOR_EXTENSION}\` on the operation (e.g. [{ body: "/type", value: "invoice.paid" }]) or under \`discriminators\` in gen-callbacks.config.json`;

export function reportRoute(route: readonly RouteEvent[], found: { eventHeader?: string | undefined }, lookup: SchemaLookup, diags: Diagnostics): void {
  const first = route[0]!.event;
  const where = { file: first.def.origin.file, pointer: first.def.origin.pointer };
  const on = routeKey(first);

  if (found.eventHeader) {
    const ev = route.find((r) => r.conditions.some((c) => c.source === "event-header"))!;
    const c = ev.conditions.find((x) => x.source === "event-header")!;
    diags.info(
      "routing-inferred",
      `${route.length} events share ${on}; the spec gives header "${found.eventHeader}" no value per event, so the receiver matches its value against the event names (e.g. "${ev.event.def.key}" ↔ ${describeTest(c.test).replace(/^names /, "")})`,
      where,
      `give the "${found.eventHeader}" parameter of each event a \`const\` (or a one-value \`enum\`) to make this explicit`,
    );
  }

  // One note per kind of inference and location: "40 events … eventCode (e.g. AUTHORISATION ↔ …)".
  const inferences = new Map<string, { source: ConditionSource; condition: Condition; events: RouteEvent[] }>();
  for (const ev of route) {
    for (const c of ev.conditions) {
      if (!INFERRED[c.source]) continue;
      const key = `${c.source} ${locationKey(c)}`;
      const entry = inferences.get(key) ?? { source: c.source, condition: c, events: [] };
      entry.events.push(ev);
      inferences.set(key, entry);
    }
  }
  for (const { source, condition, events } of inferences.values()) {
    const sample = events
      .slice(0, 3)
      .map((ev) => `${ev.event.names.handler}: ${describeTest(ev.conditions.find((c) => c.source === source && locationKey(c) === locationKey(condition))!.test)}`)
      .join("; ");
    diags.info(
      "routing-inferred",
      `on ${on}, ${events.length === 1 ? "one event is" : `${events.length} events are`} told apart by ${describeLocation(condition)}, ${INFERRED[source]} (${sample}${events.length > 3 ? "; …" : ""})`,
      { file: events[0]!.event.def.origin.file, pointer: events[0]!.event.def.origin.pointer },
      `if that is wrong, ${HOW_TO_DECLARE}`,
    );
  }

  reportOverlaps(route, on, lookup, diags);
}

/** Groups of events one delivery could satisfy together, each reported once. */
function reportOverlaps(route: readonly RouteEvent[], on: string, lookup: SchemaLookup, diags: Diagnostics): void {
  const parent = new Map<RouteEvent, RouteEvent>(route.map((r) => [r, r]));
  const find = (r: RouteEvent): RouteEvent => (parent.get(r) === r ? r : find(parent.get(r)!));
  let optionalOnly = new Set<string>();
  for (let i = 0; i < route.length; i++) {
    for (let j = i + 1; j < route.length; j++) {
      const a = route[i]!;
      const b = route[j]!;
      if (!mediaTypesOverlap(a, b)) continue;
      const whenPresent = separatedBy(a.conditions, b.conditions, true);
      if (!whenPresent) parent.set(find(a), find(b));
      else if (!separatedBy(a.conditions, b.conditions, false)) optionalOnly.add(describeLocation(whenPresent));
    }
  }
  const components = new Map<RouteEvent, RouteEvent[]>();
  for (const r of route) components.set(find(r), [...(components.get(find(r)) ?? []), r]);
  for (const members of components.values()) {
    if (members.length < 2) continue;
    const names = list(members.map((m) => m.event.names.handler));
    const sameShape = new Set(members.map((m) => shape(m, lookup))).size === 1;
    const field = namingField(members);
    const hint = field
      ? `${describeLocation(field.location)} would tell them apart: ${HOW_TO_DECLARE}`
      : `serve them on separate URLs (for webhooks: --webhook-routes per-event), or ${HOW_TO_DECLARE}`;
    const m = members[0]!.event;
    if (sameShape) {
      diags.warning(
        "indistinguishable-events",
        `on ${on}, nothing tells these events apart (same query, headers and body schema): ${names}; their deliveries reach \`onUnhandled\` as ambiguous, never a guessed handler`,
        { file: m.def.origin.file, pointer: m.def.origin.pointer },
        hint,
      );
    } else {
      diags.info(
        "indistinguishable-events",
        `on ${on}, only their schemas tell these events apart: ${names}; a delivery that several of them accept reaches \`onUnhandled\` as ambiguous`,
        { file: m.def.origin.file, pointer: m.def.origin.pointer },
        hint,
      );
    }
  }
  optionalOnly = new Set([...optionalOnly].sort());
  if (optionalOnly.size) {
    diags.info(
      "indistinguishable-events",
      `on ${on}, events are told apart by ${[...optionalOnly].slice(0, 3).join(", ")}${optionalOnly.size > 3 ? ", …" : ""}, which the spec does not require in every delivery: one without ${optionalOnly.size > 1 ? "them" : "it"} is handled only if exactly one event's schema accepts it`,
      { file: route[0]!.event.def.origin.file, pointer: route[0]!.event.def.origin.pointer },
      "mark the field required in the spec (an overlay can) if the provider always sends it",
    );
  }
}

function list(names: string[]): string {
  return names.slice(0, 6).join(", ") + (names.length > 6 ? `, and ${names.length - 6} more` : "");
}

/** Events whose body media types cannot meet are never candidates for the same delivery. */
function mediaTypesOverlap(a: RouteEvent, b: RouteEvent): boolean {
  const ta = a.event.schemas.body.map((x) => x.mediaType.toLowerCase());
  const tb = b.event.schemas.body.map((x) => x.mediaType.toLowerCase());
  if (!ta.length || !tb.length) return true;
  return ta.some((t) => tb.includes(t) || t.includes("*")) || tb.some((t) => t.includes("*"));
}

/**
 * The request's query, headers and bodies as schemas, to tell identical shapes from merely
 * overlapping ones (a callback whose URL carries `?transactionId=…` is told apart by its query).
 */
function shape(r: RouteEvent, lookup: SchemaLookup): string {
  const e = r.event;
  const schemaOf = (key: string | undefined) => (key === undefined ? null : lookup.member(key)?.schema ?? null);
  return JSON.stringify([schemaOf(e.schemas.query), schemaOf(e.schemas.headers), e.schemas.body.map((b) => [b.mediaType, b.type ?? null])]);
}

/** A string field every member declares, named like one that names events: what a declaration could use. */
function namingField(members: readonly RouteEvent[]) {
  const [first, ...rest] = members;
  for (const f of first!.catalogue.fields.values()) {
    if (f.type !== undefined && f.type !== "string") continue;
    if (!namesEvents(f.name)) continue;
    if (rest.every((r) => r.catalogue.fields.has(locationKey(f.location)))) return f;
  }
  return undefined;
}
