/**
 * Telling events apart when several share a method and route (all GitHub webhooks arrive at
 * one URL; Acme's callbacks and webhooks all land on `/`). Inferred at generation time, in
 * this order of preference (DESIGN.md §3):
 *
 * 1. request headers whose schema allows a single value (`const` or a one-entry `enum`);
 * 2. top-level body properties with a single value (`type`, `event_type`, `action`), and the
 *    values an OpenAPI `discriminator` mapping assigns to the event's body schema;
 * 3. a header named like `*event*` present on every event of the route without a `const`
 *    (GitHub's `X-GitHub-Event`), matched against the event's name minus the words of its
 *    body discriminator (`issues-opened` with `action: opened` → `issues`);
 * 4. otherwise the receiver validates the remaining candidates in `order` — most constrained
 *    first — and takes the first that passes.
 *
 * Events that nothing but that order separates are reported, since a payload valid for two
 * of them goes to the first.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { PlannedEvent } from "../model/plan.js";
import { SchemaLookup } from "../model/schema-lookup.js";
import { refKey, type SchemaSet } from "../model/schema-set.js";
import { words } from "../naming/words.js";
import { compareStrings, isObject } from "../util/json-pointer.js";
import { bodyKind } from "../model/media-types.js";

type Primitive = string | number | boolean | null;

export interface Discriminator {
  headers?: { name: string; value: string }[];
  body?: { pointer: string[]; value: Primitive }[];
  eventHeader?: { name: string; words: string };
}

export interface EventRouting {
  discriminator?: Discriminator;
  order: number;
}

export function routeKey(e: PlannedEvent): string {
  return `${e.route.method} ${e.route.path}`;
}

export function discriminate(events: readonly PlannedEvent[], set: SchemaSet, diags: Diagnostics): Map<string, EventRouting> {
  const lookup = new SchemaLookup(set);
  const groups = new Map<string, PlannedEvent[]>();
  for (const e of events) groups.set(routeKey(e), [...(groups.get(routeKey(e)) ?? []), e]);

  const found = new Map<string, Discriminator>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const e of group) {
      const d: Discriminator = {};
      const headers = headerConstants(e, lookup);
      const body = bodyConstants(e, lookup);
      if (headers.length) d.headers = headers;
      if (body.length) d.body = body;
      found.set(e.names.handler, d);
    }
    const header = sharedEventHeader(group, lookup, found);
    if (header) {
      for (const e of group) found.get(e.names.handler)!.eventHeader = { name: header, words: eventWords(e, found.get(e.names.handler)!) };
      diags.info(
        "indistinguishable-events",
        `${group.length} events share ${routeKey(group[0]!)}; the spec gives header "${header}" no value per event, so the receiver matches its value against the event names (e.g. "${group[0]!.def.key}" ↔ "${found.get(group[0]!.names.handler)!.eventHeader!.words.replace(/ /g, "_")}")`,
        { file: group[0]!.def.origin.file, pointer: group[0]!.def.origin.pointer },
        `give the "${header}" parameter of each event a \`const\` (or a one-value \`enum\`) to make this explicit`,
      );
    }
    reportAmbiguity(group, found, lookup, diags);
  }

  // Most constrained first: more conditions, then more required body properties, then name.
  const ranked = [...events].sort(
    (a, b) =>
      conditionCount(found.get(b.names.handler)) - conditionCount(found.get(a.names.handler)) ||
      requiredCount(b, lookup) - requiredCount(a, lookup) ||
      compareStrings(a.names.handler, b.names.handler),
  );
  const out = new Map<string, EventRouting>();
  ranked.forEach((e, order) => {
    const d = found.get(e.names.handler);
    out.set(e.names.handler, d && conditionCount(d) > 0 ? { discriminator: d, order } : { order });
  });
  return out;
}

function headerConstants(e: PlannedEvent, lookup: SchemaLookup): { name: string; value: string }[] {
  if (!e.schemas.headers) return [];
  const out: { name: string; value: string }[] = [];
  for (const [name, subs] of lookup.properties(lookup.member(e.schemas.headers)?.schema)) {
    for (const s of subs) {
      const v = lookup.singleValue(s);
      if (v && v.value !== null) out.push({ name, value: String(v.value) });
    }
  }
  return out.sort((a, b) => compareStrings(a.name, b.name));
}

function bodyConstants(e: PlannedEvent, lookup: SchemaLookup): { pointer: string[]; value: Primitive }[] {
  // Only one body shape can be reasoned about: with several media types, the parsed values differ.
  const json = e.schemas.body.filter((b) => bodyKind(b.mediaType) === "json");
  if (json.length !== 1 || !json[0]!.type) return [];
  const key = json[0]!.type;
  const out = new Map<string, { pointer: string[]; value: Primitive }>();
  // Single-value properties at the shallowest level that has any: the top (`type`,
  // `action`), else inside objects (Telnyx: `data.event_type`), at most three levels down.
  // Deeper constants describe the event's content, not its kind (GitHub's
  // `pull_request.state` is "open" in pull_request-opened), and real payloads drift there.
  // A condition means "present and equal": providers always send the field naming the
  // event, even where the spec forgets to mark it required.
  let level: { schema: unknown; pointer: string[] }[] = [{ schema: lookup.member(key)?.schema, pointer: [] }];
  for (let depth = 1; depth <= 3 && out.size === 0 && level.length; depth++) {
    const next: typeof level = [];
    for (const { schema, pointer } of level) {
      const constants = lookup.constantProperties(schema);
      for (const [name, value] of constants) out.set([...pointer, name].join("\u0000"), { pointer: [...pointer, name], value });
      for (const [name, subs] of lookup.properties(schema)) {
        if (constants.has(name)) continue;
        for (const sub of subs) if (lookup.topType(sub) === "object") next.push({ schema: sub, pointer: [...pointer, name] });
      }
    }
    level = next;
  }
  for (const [name, value] of mappingValues(key, lookup)) if (!out.has(name)) out.set(name, { pointer: [name], value });
  return [...out.values()].sort((a, b) => compareStrings(a.pointer.join("/"), b.pointer.join("/")));
}

/**
 * Values an OpenAPI `discriminator` assigns to this member: a base schema reachable through
 * `allOf` maps some value to it (`mapping: {cat: "#/components/schemas/Cat"}`).
 */
function mappingValues(key: string, lookup: SchemaLookup): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  const visit = (k: string, depth: number) => {
    if (seen.has(k) || depth > 8) return;
    seen.add(k);
    const s = lookup.member(k)?.schema;
    if (!isObject(s)) return;
    const disc = s.discriminator;
    if (isObject(disc) && typeof disc.propertyName === "string" && isObject(disc.mapping)) {
      for (const [value, target] of Object.entries(disc.mapping)) {
        if (typeof target === "string" && refKey(target) === key) out.push([disc.propertyName, value]);
      }
    }
    if (Array.isArray(s.allOf)) for (const part of s.allOf) if (isObject(part) && typeof part.$ref === "string") visit(refKey(part.$ref) ?? "", depth + 1);
  };
  visit(key, 0);
  return out;
}

/** One header named like an event that every event of the group declares without a value. */
function sharedEventHeader(group: PlannedEvent[], lookup: SchemaLookup, found: Map<string, Discriminator>): string | undefined {
  if (group.some((e) => found.get(e.names.handler)?.headers?.length)) return undefined;
  const names = group.map((e) => new Set(e.schemas.headers ? lookup.properties(lookup.member(e.schemas.headers)?.schema).keys() : []));
  const common = [...names[0]!].filter((n) => /event/i.test(n) && names.every((s) => s.has(n)));
  if (common.length !== 1) return undefined;
  // Only worth it if it separates what the body cannot.
  const bodies = new Set(group.map((e) => JSON.stringify(found.get(e.names.handler)?.body ?? [])));
  return bodies.size < group.length ? common[0] : undefined;
}

/** `issues-opened` with `action: "opened"` → `issues`; names without such a suffix stay whole. */
function eventWords(e: PlannedEvent, d: Discriminator): string {
  let ws = words(e.def.key).map((w) => w.toLowerCase());
  for (const b of d.body ?? []) {
    if (typeof b.value !== "string") continue;
    const suffix = words(b.value).map((w) => w.toLowerCase());
    if (suffix.length && suffix.length < ws.length && suffix.every((w, i) => ws[ws.length - suffix.length + i] === w)) {
      ws = ws.slice(0, ws.length - suffix.length);
    }
  }
  return ws.join(" ");
}

function conditionCount(d: Discriminator | undefined): number {
  if (!d) return 0;
  return (d.headers?.length ?? 0) + (d.body?.length ?? 0) + (d.eventHeader ? 1 : 0);
}

function requiredCount(e: PlannedEvent, lookup: SchemaLookup): number {
  const t = e.schemas.body[0]?.type;
  return t ? lookup.required(lookup.member(t)?.schema).size : 0;
}

/** Two events conflict when some condition of one rules the other out. */
function separated(a: Discriminator | undefined, b: Discriminator | undefined): boolean {
  if (!a || !b) return false;
  for (const ha of a.headers ?? []) if ((b.headers ?? []).some((hb) => hb.name === ha.name && hb.value !== ha.value)) return true;
  for (const pa of a.body ?? []) {
    if ((b.body ?? []).some((pb) => pb.pointer.join("/") === pa.pointer.join("/") && pb.value !== pa.value)) return true;
  }
  if (a.eventHeader && b.eventHeader && a.eventHeader.words !== b.eventHeader.words) return true;
  return false;
}

function sameConditions(a: Discriminator | undefined, b: Discriminator | undefined): boolean {
  const key = (d: Discriminator | undefined) =>
    JSON.stringify([d?.headers ?? [], (d?.body ?? []).map((x) => x.pointer.join("/")), d?.eventHeader?.words ?? null]);
  return key(a) === key(b);
}

function reportAmbiguity(group: PlannedEvent[], found: Map<string, Discriminator>, lookup: SchemaLookup, diags: Diagnostics): void {
  const pairs: [PlannedEvent, PlannedEvent][] = [];
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      const a = group[i]!;
      const b = group[j]!;
      const da = found.get(a.names.handler);
      const db = found.get(b.names.handler);
      // A pair is left to schema order when no condition separates them and neither has a
      // condition the other lacks (then the conditioned one decides, being tried first).
      if (!separated(da, db) && sameConditions(da, db)) pairs.push([a, b]);
    }
  }
  if (pairs.length === 0) return;
  const identical = pairs.filter(([a, b]) => sameBody(a, b, lookup));
  const first = pairs[0]![0];
  const list = (ps: [PlannedEvent, PlannedEvent][]) =>
    ps
      .slice(0, 5)
      .map(([a, b]) => `${a.names.handler}/${b.names.handler}`)
      .join(", ") + (ps.length > 5 ? `, and ${ps.length - 5} more` : "");
  if (identical.length) {
    diags.warning(
      "indistinguishable-events",
      `on ${routeKey(first)}, nothing tells these events apart (same headers, same body schema): ${list(identical)}; every such request goes to the first in the receiver's order`,
      { file: first.def.origin.file, pointer: first.def.origin.pointer },
      "serve them on different URLs, or ask the provider for a header or body field with a fixed value per event",
    );
  }
  const byOrder = pairs.filter((p) => !identical.includes(p));
  if (byOrder.length) {
    diags.info(
      "indistinguishable-events",
      `on ${routeKey(first)}, only their schemas tell these events apart (the receiver tries them in order, most constrained first): ${list(byOrder)}`,
      { file: first.def.origin.file, pointer: first.def.origin.pointer },
      "a header or body field with a fixed value per event would make the choice explicit",
    );
  }
}

function sameBody(a: PlannedEvent, b: PlannedEvent, lookup: SchemaLookup): boolean {
  const ta = a.schemas.body.map((x) => `${x.mediaType}:${x.type ?? ""}`).join(",");
  const tb = b.schemas.body.map((x) => `${x.mediaType}:${x.type ?? ""}`).join(",");
  if (ta === tb) return true;
  const sa = a.schemas.body[0]?.type;
  const sb = b.schemas.body[0]?.type;
  return sa !== undefined && sb !== undefined && JSON.stringify(lookup.member(sa)?.schema) === JSON.stringify(lookup.member(sb)?.schema);
}
