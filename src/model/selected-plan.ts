/**
 * The plan for an event selection: only the selected events, and only the schemas they reach
 * (through `$ref`s from their parameters, bodies and responses) — so the output holds what the
 * user handles. Routing is decided on the whole plan before this, since a delivery for an
 * event left out must still not be taken for a selected one.
 */
import { refsOf } from "../schema/ref-graph.js";
import type { GenerationPlan, PlannedEvent } from "./plan.js";

export function selectedPlan(plan: GenerationPlan, selected: ReadonlySet<string>): GenerationPlan {
  const events = plan.events.filter((e) => selected.has(e.names.handler));
  const byKey = new Map(plan.schemaSet.schemas.map((m) => [m.key, m]));
  const keep = new Set<string>();
  const stack = events.flatMap(memberKeys);
  while (stack.length) {
    const key = stack.pop()!;
    if (keep.has(key) || !byKey.has(key)) continue;
    keep.add(key);
    stack.push(...refsOf(byKey.get(key)!.schema));
  }
  return { ...plan, events, schemaSet: { schemas: plan.schemaSet.schemas.filter((m) => keep.has(m.key)) } };
}

/** The schema-set members an event's types name directly. */
function memberKeys(e: PlannedEvent): string[] {
  const s = e.schemas;
  return [
    s.pathParams,
    s.query,
    s.headers,
    s.cookies,
    ...s.body.map((b) => b.type),
    ...s.responses.flatMap((r) => [r.headers, ...r.body.map((b) => b.type)]),
  ].filter((k): k is string => k !== undefined);
}
