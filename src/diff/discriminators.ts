/**
 * The fixed values the receiver routes on, per event, as `routes/discriminate.ts` infers
 * them for the generated receiver: a header with one value (`x-event-type: paid`), a body
 * field with one value (`action: "opened"`, `data.event_type`), or a header matched
 * against the event's name (GitHub's `X-GitHub-Event`). Comparing these between revisions
 * is what tells whether the old receiver still routes the new requests to the right
 * handler — which a schema comparison alone cannot say, since the same `const` change is
 * harmless on an event served alone and misroutes one that shares its URL.
 */
import { Diagnostics } from "../diagnostics/diagnostic.js";
import { bodyKind } from "../model/media-types.js";
import type { GenerationPlan, PlannedEvent } from "../model/plan.js";
import { discriminate } from "../routes/discriminate.js";
import type { JsonValue } from "./types.js";

export interface RoutingCondition {
  part: { in: "headers" } | { in: "body"; mediaType: string };
  /** Header name (lower case), or the body field's path. */
  path: string[];
  value: JsonValue;
  /** The header's value is matched against the event's name, not given by the spec. */
  byEventName?: boolean;
}

/** Conditions per handler name of `plan`. Events served alone on their route have none. */
export function routingConditions(plan: GenerationPlan): Map<string, RoutingCondition[]> {
  // The diagnostics discrimination reports were already reported by generation.
  const routing = discriminate(plan.events, plan.schemaSet, new Diagnostics(), plan.declared ? { declared: plan.declared } : {});
  const out = new Map<string, RoutingCondition[]>();
  for (const e of plan.events) {
    const list: RoutingCondition[] = [];
    const mediaType = jsonBodyType(e);
    for (const c of routing.get(e.names.handler)?.conditions ?? []) {
      // Values other events are named by, which this one cannot have: their own changes report them.
      if ("notIn" in c.test) continue;
      const value: JsonValue =
        "equals" in c.test ? (c.test.equals.length === 1 ? c.test.equals[0]! : [...c.test.equals]) : "template" in c.test ? c.test.template.join("{…}") : c.test.words;
      const byEventName = "words" in c.test ? { byEventName: true } : {};
      if (c.in === "header") list.push({ part: { in: "headers" }, path: [c.name], value, ...byEventName });
      else if (mediaType !== undefined) list.push({ part: { in: "body", mediaType }, path: c.path.map((s) => (typeof s === "string" ? s : "[]")), value });
    }
    out.set(e.names.handler, list);
  }
  return out;
}

/** A key naming where a condition applies, equal for the same place in both revisions. */
export function conditionKey(c: RoutingCondition): string {
  return JSON.stringify([c.part.in, c.path, c.byEventName === true]);
}

/** Body conditions are inferred from the one JSON body (`discriminate.ts`). */
function jsonBodyType(e: PlannedEvent): string | undefined {
  const json = e.schemas.body.filter((b) => bodyKind(b.mediaType) === "json");
  return json.length === 1 ? json[0]!.mediaType : undefined;
}
