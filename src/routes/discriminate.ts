/**
 * Telling apart events that share a method and route (all GitHub webhooks arrive at one URL;
 * Adyen's 48 at one; Acme's callbacks and webhooks at `/`). Routing is a proof, not an order
 * (DESIGN.md §3): the receiver hands a delivery to an event's handler only when no other
 * event on the route could own it. The generator's part is to find, for every event, the
 * conditions every delivery of that event meets — declared by the user, stated by the spec,
 * or inferred and reported (see infer-conditions.ts for the steps) — and to say at generation
 * time which events stay together and how to separate them.
 *
 * The receiver's part (templates/runtime/select.ts): keep the events whose conditions hold,
 * validate each, and dispatch only when exactly one accepts the delivery.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { PlannedEvent } from "../model/plan.js";
import { SchemaLookup } from "../model/schema-lookup.js";
import type { SchemaSet } from "../model/schema-set.js";
import { locationKey, type Condition } from "./conditions.js";
import { DISCRIMINATOR_EXTENSION, parseDeclared } from "./declared-conditions.js";
import { closest } from "../load/suggest.js";
import { fieldCatalogue } from "./field-catalogue.js";
import { byConvention, byExamples, byKey, complements, eventHeader, hasSingleName, namingEnums, overlapping, stated, type RouteEvent } from "./infer-conditions.js";
import { reportRoute } from "./routing-report.js";
import { routeKey } from "./route-key.js";

export interface EventRouting {
  /** Empty for an event alone on its route. */
  conditions: Condition[];
}

export interface DiscriminateOptions {
  /**
   * Declarations from the configuration, by event (webhook key, callback name, or handler
   * name); they take precedence over the spec's extension.
   */
  declared?: ReadonlyMap<string, { value: unknown; file?: string; pointer?: string }>;
}

export function discriminate(events: readonly PlannedEvent[], set: SchemaSet, diags: Diagnostics, options: DiscriminateOptions = {}): Map<string, EventRouting> {
  const lookup = new SchemaLookup(set);
  const groups = new Map<string, PlannedEvent[]>();
  for (const e of events) groups.set(routeKey(e), [...(groups.get(routeKey(e)) ?? []), e]);

  reportUnknownNames(events, options, diags);
  const out = new Map<string, EventRouting>();
  for (const group of groups.values()) {
    if (group.length < 2) {
      out.set(group[0]!.names.handler, { conditions: [] });
      continue;
    }
    const route = group.map((event): RouteEvent => {
      const declared = declaredFor(event, options, diags);
      const catalogue = fieldCatalogue(event, lookup);
      return { event, catalogue, conditions: declared ?? [], declared: declared !== undefined };
    });
    for (const ev of route) if (!ev.declared) ev.conditions = stated(ev);
    namingEnums(route);
    const header = eventHeader(route);
    // Inference only for events one delivery could share with another, and that are not
    // already named by one value (those overlap only through others' wider lists).
    const open = () => [...overlapping(route)].filter((ev) => !ev.declared && !hasSingleName(ev));
    for (const ev of open()) {
      const c = byKey(ev);
      if (c) replace(ev, c);
    }
    for (const ev of open()) {
      const c = byExamples(ev, route);
      if (c) replace(ev, c);
    }
    byConvention(route, new Set(open()));
    // Locations named by inference close the lists of events that declare an enum there.
    namingEnums(route);
    complements(route);
    reportRoute(route, { eventHeader: header }, lookup, diags);
    for (const ev of route) out.set(ev.event.names.handler, { conditions: ev.conditions });
  }
  return out;
}

/** An inferred condition replaces what the event had at the same location (a wider enum). */
function replace(ev: RouteEvent, c: Condition): void {
  ev.conditions = [...ev.conditions.filter((o) => locationKey(o) !== locationKey(c)), c];
}

/** The names an event answers to in `discriminators`: its handler name, webhook key, callback name. */
function namesOf(e: PlannedEvent): string[] {
  return [e.names.handler, e.def.key, e.def.callbackName].filter((n): n is string => n !== undefined);
}

/** A configuration entry that names no event is a mistake worth saying, with the nearest name. */
function reportUnknownNames(events: readonly PlannedEvent[], options: DiscriminateOptions, diags: Diagnostics): void {
  if (!options.declared?.size) return;
  const known = events.flatMap(namesOf);
  for (const [name, at] of options.declared) {
    if (known.includes(name)) continue;
    const near = closest(name, known);
    diags.warning(
      "discriminator-invalid",
      `discriminators in the configuration name ${JSON.stringify(name)}, which is no event of this spec${near ? `; did you mean ${JSON.stringify(near)}?` : ""}`,
      at,
      "use a webhook key, a callback name or a handler name from the generated contract.ts",
    );
  }
}

/** The user's declaration for an event: the configuration's, else the operation's extension. */
function declaredFor(e: PlannedEvent, options: DiscriminateOptions, diags: Diagnostics): Condition[] | undefined {
  const def = e.def;
  const names = namesOf(e);
  const fromConfig = names.map((n) => options.declared?.get(n)).find((d) => d !== undefined);
  if (fromConfig) {
    return parseDeclared(fromConfig.value, fromConfig, `discriminators of ${JSON.stringify(names[1] ?? names[0])} in the configuration`, diags);
  }
  const ext = def.declaredDiscriminator;
  if (ext === undefined) return undefined;
  return parseDeclared(ext.value, ext.origin, `${DISCRIMINATOR_EXTENSION} of ${e.names.handler}`, diags);
}
