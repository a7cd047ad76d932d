/**
 * The breaking-change report between two revisions of a spec, from their generation plans:
 * events matched by identity (`event-match.ts`), each matched pair compared part by part
 * (`diff-event.ts`), every change classified for the receiver (`classify.ts`).
 *
 * A component schema shared by several events is reported **once per affected event**, at
 * the path where that event reaches it (the same change under `body /issue/user` and
 * `body /sender` is two lines of one event). The change is one to each handler, and its
 * classification depends on where the event uses the component: the same field removed
 * breaks a request and is harmless in a response. Each line names the component
 * (`schema`), and the text report shows events whose changes are identical together.
 */
import { SchemaLookup } from "../model/schema-lookup.js";
import type { GenerationPlan } from "../model/plan.js";
import type { ValidationPolicy } from "../model/schema-set.js";
import { compareStrings } from "../util/json-pointer.js";
import { classify } from "./classify.js";
import { diffEvent, type EventDiffContext } from "./diff-event.js";
import { routingConditions } from "./discriminators.js";
import { identityOf, matchEvents } from "./event-match.js";
import { SchemaDiffer } from "./schema-diff.js";
import { pointerOf } from "./pointer.js";
import type { Change, ChangeFacts, EventDiff, Part, SpecDiff } from "./types.js";

export interface DiffOptions {
  /** The receiver's validation policy (default: the old plan's). */
  policy?: ValidationPolicy;
}

export function diffPlans(old: GenerationPlan, neu: GenerationPlan, options: DiffOptions = {}): SpecDiff {
  const policy = options.policy ?? old.policy;
  const ctx: EventDiffContext = {
    differ: new SchemaDiffer(new SchemaLookup(old.schemaSet), new SchemaLookup(neu.schemaSet)),
    policy,
    oldRouting: routingConditions(old),
    newRouting: routingConditions(neu),
  };
  const events: EventDiff[] = [];
  for (const m of matchEvents(old.events, neu.events)) {
    const e = (m.new ?? m.old)!;
    const changes = m.old && m.new ? diffEvent(ctx, m.old, m.new) : [wholeEvent(m.new ? { kind: "event-added" } : { kind: "event-removed" }, policy)];
    if (changes.length) events.push({ identity: identityOf(e.def), handler: e.names.handler, changes: changes.sort(compareChanges) });
  }
  events.sort((a, b) => Number(hasBreaking(b)) - Number(hasBreaking(a)) || compareStrings(a.handler, b.handler));

  const all = events.flatMap((e) => e.changes);
  const count = (kind: ChangeFacts["kind"]) => all.filter((c) => c.kind === kind).length;
  return {
    policy,
    old: about(old),
    new: about(neu),
    events,
    summary: {
      breaking: all.filter((c) => c.breaking).length,
      nonBreaking: all.filter((c) => !c.breaking).length,
      eventsAdded: count("event-added"),
      eventsRemoved: count("event-removed"),
      eventsChanged: events.length - count("event-added") - count("event-removed"),
    },
  };
}

function wholeEvent(facts: ChangeFacts & { kind: "event-added" | "event-removed" }, policy: ValidationPolicy): Change {
  return { ...facts, part: { in: "event" }, path: [], ...classify(facts, undefined, policy) };
}

function about(plan: GenerationPlan): SpecDiff["old"] {
  return { title: plan.title, version: plan.version, specFile: plan.specFile, events: plan.events.length };
}

function hasBreaking(e: EventDiff): boolean {
  return e.changes.some((c) => c.breaking);
}

const PART_ORDER: Record<Part["in"], number> = {
  event: 0,
  route: 1,
  path: 2,
  query: 3,
  headers: 4,
  cookies: 5,
  body: 6,
  response: 7,
  "response-body": 8,
  "response-headers": 9,
};

/** Breaking first; then where (event, route, request parts, responses by status), then what. */
function compareChanges(a: Change, b: Change): number {
  return (
    Number(b.breaking) - Number(a.breaking) ||
    compareStrings(statusOf(a.part), statusOf(b.part)) ||
    PART_ORDER[a.part.in] - PART_ORDER[b.part.in] ||
    compareStrings(mediaTypeOf(a.part), mediaTypeOf(b.part)) ||
    compareStrings(pointerOf(a.path), pointerOf(b.path)) ||
    compareStrings(a.kind, b.kind)
  );
}

function statusOf(p: Part): string {
  return "status" in p ? p.status : "";
}

function mediaTypeOf(p: Part): string {
  return "mediaType" in p ? p.mediaType : "";
}
