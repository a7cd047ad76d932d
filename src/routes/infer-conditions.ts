/**
 * The inference steps of routing, each a function of the events of one route (DESIGN.md §3).
 * In order, each used only where the previous ones leave events that one delivery could
 * satisfy together:
 *
 * 1. stated: what the spec fixes — a header or body field with a single value (`const`, a
 *    one-value `enum`, a `discriminator` mapping), at the shallowest body level that has any;
 *    and an `enum` at a location other events are named by (a closed list of names);
 * 2. event header: a header named like `*event*` every event declares without a value
 *    (GitHub's `X-GitHub-Event`), matched against the event's name;
 * 3. key: the event's key or name matches exactly one value the spec lists for a field
 *    (Adyen's webhook `/CAPTURE` ↔ `eventCode: CAPTURE`; Codat's `company.created` among the
 *    `examples` of `eventType`; a `{dataType}.write.successful` key as a template);
 * 4. examples: a field that names events (`*event*`, `*type`, `kind`, `action`, `topic`), or
 *    one holding the key, has one value in every example the document gives for the event;
 * 5. convention: the events with such conditions carry their own key in the field; an event
 *    without examples that declares the field gets its key too;
 * 6. complement: an event that does not declare a field the others are named by is none of
 *    them (Telnyx's events without `data.event_type`; Adyen's one event outside
 *    `notificationItems`).
 *
 * Steps 3–6 are inferences: each is reported, with how to declare the condition instead.
 */
import { bodyKind } from "../model/media-types.js";
import type { PlannedEvent } from "../model/plan.js";
import {
  isPositive,
  locationKey,
  matchesTemplate,
  separatedBy,
  templateOf,
  type Condition,
  type ConditionSource,
  type Location,
  type PathStep,
  type Primitive,
} from "./conditions.js";
import { eventWordsOf } from "./event-words.js";
import { isPrimitive, type Catalogue, type Field } from "./field-catalogue.js";

export interface RouteEvent {
  readonly event: PlannedEvent;
  readonly catalogue: Catalogue;
  /** Conditions so far; replaced wholesale by declared ones. */
  conditions: Condition[];
  /** The conditions came from `x-gen-callbacks-discriminator` or the configuration: inference leaves them alone. */
  readonly declared: boolean;
}

export function stated(ev: RouteEvent): Condition[] {
  const out: Condition[] = [];
  const fields = [...ev.catalogue.fields.values()];
  for (const f of fields) {
    if (f.location.in === "header" && f.single !== undefined && f.single !== null) out.push(condition(f, { equals: [String(f.single)] }, "spec"));
  }
  const depths = fields.filter((f) => f.location.in === "body" && f.single !== undefined).map((f) => f.depth);
  const shallowest = depths.length ? Math.min(...depths) : undefined;
  for (const f of fields) {
    if (f.location.in !== "body") continue;
    if (f.single !== undefined && f.depth === shallowest) out.push(condition(f, { equals: [f.single] }, "spec"));
    else if (f.excluded?.length) out.push({ ...f.location, required: false, test: { notIn: f.excluded }, source: "spec" });
  }
  return out;
}

/**
 * An `enum` at a location another event of the route is named by is this event's closed list
 * of names (Telnyx's `deliveryUpdate` is `message.sent` or `message.finalized`), whatever the
 * validation policy does with unknown enum values.
 */
export function namingEnums(route: readonly RouteEvent[]): void {
  const named = namedLocations(route);
  for (const ev of route) {
    if (ev.declared) continue;
    for (const key of named) {
      if (ev.conditions.some((c) => locationKey(c) === key)) continue;
      const f = ev.catalogue.fields.get(key);
      if (f?.enumValues) ev.conditions.push(condition(f, { equals: f.enumValues }, "spec"));
    }
  }
}

/** Locations some event on the route has a positive condition on. */
function namedLocations(route: readonly RouteEvent[]): Set<string> {
  return new Set(route.flatMap((ev) => ev.conditions.filter((c) => isPositive(c.test)).map(locationKey)));
}

/**
 * GitHub's convention: `X-GitHub-Event` on every event with no value in the spec, naming the
 * event without its `action` (`issues-opened` with `action: opened` → `issues`). Only when the
 * header holds no `const` or `enum` anywhere (then the spec names the values), and only where
 * the bodies alone leave events together. Returns the header's name when applied.
 */
export function eventHeader(route: readonly RouteEvent[]): string | undefined {
  const open = route.filter((ev) => !ev.declared);
  if (open.length < 2) return undefined;
  const headerSets = open.map((ev) => [...ev.catalogue.fields.values()].filter((f) => f.location.in === "header").map((f) => f.name));
  const common = headerSets[0]!.filter((n) => /event/i.test(n) && headerSets.every((s) => s.includes(n)));
  if (common.length !== 1) return undefined;
  const name = common[0]!;
  const valued = open.some((ev) => {
    const f = ev.catalogue.fields.get(locationKey({ in: "header", name }))!;
    return f.single !== undefined || f.enumValues !== undefined;
  });
  if (valued || !open.some((ev, i) => open.some((other, j) => i !== j && !separatedBy(ev.conditions, other.conditions, true)))) return undefined;
  for (const ev of open) {
    ev.conditions.push({ in: "header", name, required: true, test: { words: eventNameWords(ev) }, source: "event-header" });
  }
  return name;
}

/** `issues-opened` with a body condition `action: "opened"` → `issues`; names without such a suffix stay whole. */
function eventNameWords(ev: RouteEvent): string {
  let ws = eventWordsOf(ownName(ev.event)).split(" ");
  for (const c of ev.conditions) {
    if (c.in !== "body" || !("equals" in c.test) || c.test.equals.length !== 1 || typeof c.test.equals[0] !== "string") continue;
    const suffix = eventWordsOf(c.test.equals[0]).split(" ").filter(Boolean);
    if (suffix.length && suffix.length < ws.length && suffix.every((w, i) => ws[ws.length - suffix.length + i] === w)) {
      ws = ws.slice(0, ws.length - suffix.length);
    }
  }
  return ws.join(" ");
}

/** The events of the route that one delivery, sending every field, could still satisfy together with another. */
export function overlapping(route: readonly RouteEvent[]): Set<RouteEvent> {
  const out = new Set<RouteEvent>();
  for (let i = 0; i < route.length; i++) {
    for (let j = i + 1; j < route.length; j++) {
      if (!separatedBy(route[i]!.conditions, route[j]!.conditions, true)) {
        out.add(route[i]!);
        out.add(route[j]!);
      }
    }
  }
  return out;
}

/**
 * The names an event may be known by: a webhook's key, a callback's name in its `callbacks`
 * map (its key is a URL expression, not a name), then the operationId.
 */
function names(e: PlannedEvent): string[] {
  return [...new Set([ownName(e), e.def.operationId].filter((n): n is string => typeof n === "string" && n.length > 0))];
}

/** A webhook's key; a callback's name (its key is a URL expression). */
function ownName(e: PlannedEvent): string {
  return e.def.kind === "callback" ? (e.def.callbackName ?? "") : e.def.key;
}

/** Step 3: a field whose listed values (enum, examples) include exactly one that is the event's name. */
export function byKey(ev: RouteEvent): Condition | undefined {
  const fields = orderedFields(ev.catalogue);
  for (const name of names(ev.event)) {
    for (const f of fields) {
      const values = [...(f.enumValues ?? []), ...(f.sampleValues ?? [])].filter((v): v is string => typeof v === "string");
      if (!values.length) continue;
      const test = keyTest(name, values);
      if (test) return condition(f, test, "key");
    }
  }
  return undefined;
}

/**
 * The test naming `key` among `values`: the one value equal to it, else the one equal in
 * words (`/CAPTURE` ↔ `CAPTURE`), else the one ending in its words (`ActivityCreated` ↔
 * `crm.activity.created`). A key with `{variables}` is a template the values are matched to.
 */
function keyTest(key: string, values: readonly string[]): Condition["test"] | undefined {
  const template = templateOf(key);
  if (template) {
    const matching = values.filter((v) => matchesTemplate(template, v));
    return matching.length >= 1 ? { template } : undefined;
  }
  const words = eventWordsOf(key);
  if (!words) return undefined;
  for (const rule of [(v: string) => v === key, (v: string) => eventWordsOf(v) === words, (v: string) => eventWordsOf(v).endsWith(" " + words)]) {
    const matching = [...new Set(values.filter(rule))];
    if (matching.length === 1) return { equals: matching };
    if (matching.length > 1) return undefined;
  }
  return undefined;
}

/**
 * A field named like one that names events: `event`, `type`, `eventType`, `event_code`,
 * `kind`, `action`, `topic` — by its last word, or `event` and one more. Not
 * `cloudEventVersion`: a version is the same for every event.
 */
export function namesEvents(field: string): boolean {
  const words = eventWordsOf(field).split(" ");
  const last = words[words.length - 1]!;
  if (["event", "type", "kind", "action", "topic"].includes(last)) return true;
  return words.length === 2 && words[0] === "event" && ["code", "name"].includes(last);
}

/**
 * Step 4: a field with one value in every example the document gives for the event, and a
 * different one in the examples of the other events of the route: the field whose value is
 * the event's name if any, else one named like a field that names events.
 */
export function byExamples(ev: RouteEvent, route: readonly RouteEvent[]): Condition | undefined {
  const examples = jsonExamples(ev.event);
  if (!examples.length) return undefined;
  let best: { field: Field; test: Condition["test"]; rank: number } | undefined;
  for (const f of orderedFields(ev.catalogue)) {
    if (f.location.in !== "body" || (f.type !== undefined && f.type !== "string")) continue;
    const value = constantIn(examples, f.location.path);
    if (typeof value !== "string") continue;
    // A value every event's examples share (a version, a record type) names none of them.
    const path = f.location.path;
    if (route.some((other) => other !== ev && constantIn(jsonExamples(other.event), path) === value)) continue;
    const keyed = names(ev.event).map((n) => keyTest(n, [value])).find((t) => t !== undefined);
    const rank = keyed ? 0 : namesEvents(f.name) ? 1 : 2;
    if (rank < 2 && (!best || rank < best.rank)) best = { field: f, test: keyed ?? { equals: [value] }, rank };
  }
  return best && condition(best.field, best.test, "examples");
}

/** Examples of the event's one JSON body; an example written as JSON text is that document. */
function jsonExamples(e: PlannedEvent): unknown[] {
  const json = (e.def.requestBody?.content ?? []).filter((mt) => bodyKind(mt.mediaType) === "json");
  return json.length === 1 ? json[0]!.examples.map((x) => jsonText(x.value)) : [];
}

function jsonText(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The one primitive every example has at `path` (through array items, every item), or undefined. */
function constantIn(examples: readonly unknown[], path: readonly PathStep[]): Primitive | undefined {
  let seen: Primitive | undefined;
  let any = false;
  for (const ex of examples) {
    const values = valuesAt(ex, path);
    if (values === undefined || !values.length) return undefined;
    for (const v of values) {
      if (!isPrimitive(v) || (any && v !== seen)) return undefined;
      seen = v;
      any = true;
    }
  }
  return seen;
}

/** The values at `path` in a JSON value; undefined when a step is missing. */
function valuesAt(value: unknown, path: readonly PathStep[]): unknown[] | undefined {
  let current = [value];
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (typeof step === "string") {
        if (typeof v !== "object" || v === null || Array.isArray(v) || !Object.hasOwn(v, step)) return undefined;
        next.push((v as Record<string, unknown>)[step]);
      } else {
        if (!Array.isArray(v)) return undefined;
        next.push(...v);
      }
    }
    current = next;
  }
  return current;
}

/**
 * How the events of a route spell their key in a field: as it is (`company.created`), without
 * the leading `/` of a path-like key (Adyen's `/CAPTURE` → `CAPTURE`), in capitals, in lower case.
 */
const SPELLINGS: readonly ((key: string) => string)[] = [
  (k) => k,
  (k) => k.replace(/^\/+/, ""),
  (k) => k.replace(/^\/+/, "").toUpperCase(),
  (k) => k.replace(/^\/+/, "").toLowerCase(),
];

/**
 * Step 5: where the other events of the route carry their own key in a field (stated, or by steps 3 and 4),
 * each spelled the same way, an event that declares the field and has nothing more specific
 * carries its key there too — even beyond the `enum` the spec lists, which then lags behind
 * the provider (Adyen lists no `PREARBITRATION_ACCEPTED` among its dispute `eventCode`s).
 */
export function byConvention(route: readonly RouteEvent[], pending: ReadonlySet<RouteEvent>): RouteEvent[] {
  const keyed = new Map<string, { key: string; value: Primitive }[]>();
  for (const ev of route) {
    for (const c of ev.conditions) {
      if (c.source === "complement" || c.source === "convention" || !("equals" in c.test) || c.test.equals.length !== 1) continue;
      const list = keyed.get(locationKey(c)) ?? [];
      list.push({ key: ownName(ev.event), value: c.test.equals[0]! });
      keyed.set(locationKey(c), list);
    }
  }
  let best: { location: string; spell: (k: string) => string; count: number } | undefined;
  for (const [location, list] of keyed) {
    if (list.length < 2) continue;
    const spell = SPELLINGS.find((f) => list.every((x) => f(x.key) === x.value));
    if (spell && (!best || list.length > best.count)) best = { location, spell, count: list.length };
  }
  const added: RouteEvent[] = [];
  if (!best) return added;
  for (const ev of pending) {
    if (ev.declared || hasSingleName(ev)) continue;
    const f = ev.catalogue.fields.get(best.location);
    if (!f || (f.type !== undefined && f.type !== "string")) continue;
    const key = ownName(ev.event);
    const template = templateOf(key);
    ev.conditions = [
      ...ev.conditions.filter((c) => locationKey(c) !== best.location),
      condition(f, template ? { template: template.map((part, i) => (i === 0 ? best.spell(part) : part)) } : { equals: [best.spell(key)] }, "convention"),
    ];
    added.push(ev);
  }
  return added;
}

/** The event already has a condition naming exactly one thing: nothing to infer for it. */
export function hasSingleName(ev: RouteEvent): boolean {
  return ev.conditions.some((c) => ("equals" in c.test && c.test.equals.length === 1) || "template" in c.test || "words" in c.test);
}

/**
 * Step 6: an event that does not declare a field which names the events it overlaps with is
 * none of them: it gets the values they are named by as values it cannot have (an absent field
 * still passes).
 */
export function complements(route: readonly RouteEvent[]): void {
  const additions = new Map<RouteEvent, Condition[]>();
  for (const ev of route) {
    if (ev.declared) continue;
    const byLocation = new Map<string, { location: Location; values: Set<Primitive> }>();
    for (const other of route) {
      if (other === ev || separatedBy(ev.conditions, other.conditions, true)) continue;
      for (const c of other.conditions) {
        if (!("equals" in c.test)) continue;
        const key = locationKey(c);
        if (ev.conditions.some((own) => locationKey(own) === key) || declares(ev.catalogue, c)) continue;
        const entry = byLocation.get(key) ?? { location: c.in === "header" ? { in: "header", name: c.name } : { in: "body", path: c.path }, values: new Set() };
        for (const v of c.test.equals) entry.values.add(v);
        byLocation.set(key, entry);
      }
    }
    const list = [...byLocation.values()].map(
      ({ location, values }): Condition => ({ ...location, required: false, test: { notIn: [...values].sort(comparePrimitives) }, source: "complement" }),
    );
    if (list.length) additions.set(ev, list);
  }
  for (const [ev, list] of additions) ev.conditions.push(...list);
}

/**
 * Whether the event declares the field (a header parameter of that name, or the body
 * property): then it may carry any value there, and only its own conditions say which.
 */
function declares(catalogue: Catalogue, c: Condition): boolean {
  return catalogue.fields.has(locationKey(c));
}

/** Headers first, then body fields shallowest first, each in name order. */
function orderedFields(c: Catalogue): Field[] {
  return [...c.fields.values()].sort((a, b) => rank(a) - rank(b) || (locationKey(a.location) < locationKey(b.location) ? -1 : 1));
}

function rank(f: Field): number {
  return f.location.in === "header" ? 0 : f.depth;
}

function condition(f: Field, test: Condition["test"], source: ConditionSource): Condition {
  return { ...f.location, required: f.required, test, source };
}

function comparePrimitives(a: Primitive, b: Primitive): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
