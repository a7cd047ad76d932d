/**
 * Telling apart events that share a method and route, by the conditions the generator
 * inferred (`EventSpec.discriminator`): header constants, body constants, and a header that
 * names the event (GitHub's `X-GitHub-Event`). An event passes when every condition it has
 * holds; an event without conditions is never ruled out by them.
 */
import type { BodySpec, Discriminator, EventSpec } from "./receiver-types.js";

/**
 * `pull_request`, `pull-request`, `pullRequest`, `Pull Request` → `pull request`: split at
 * every character that is not an ASCII letter or digit and at camelCase humps, lower-cased
 * and joined by single spaces — the same split the generator applies to event names.
 */
export function eventWords(text: string): string {
  const out: string[] = [];
  for (const chunk of text.split(/[^A-Za-z0-9]+/)) {
    if (!chunk) continue;
    for (const w of chunk.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)) if (w) out.push(w.toLowerCase());
  }
  return out.join(" ");
}

/** An event's conditions, prepared once when the receiver is created. */
export interface Conditions {
  /** How many there are: an event with none is never ruled out by them. */
  readonly count: number;
  /** Each condition as a key (kind, name or pointer, value), to compare events' conditions. */
  readonly keys: ReadonlySet<string>;
  /** The header conditions. `words` turns a header's value into eventWords (memoized per request). */
  headersHold(header: (name: string) => string | null, words: (name: string) => string | null): boolean;
  bodyHolds(body: unknown, content: BodySpec | undefined): boolean;
}

export function compileConditions(d: Discriminator | undefined): Conditions {
  const headers = (d?.headers ?? []).map((h) => ({ name: h.name.toLowerCase(), value: h.value }));
  const eventHeader = d?.eventHeader && {
    name: d.eventHeader.name.toLowerCase(),
    words: eventWords(d.eventHeader.words),
  };
  const body = d?.body ?? [];
  const keys = new Set<string>([
    ...headers.map((h) => JSON.stringify(["header", h.name, h.value])),
    ...(eventHeader ? [JSON.stringify(["event-header", eventHeader.name, eventHeader.words])] : []),
    ...body.map((b) => JSON.stringify(["body", b.pointer, b.value])),
  ]);
  return {
    count: keys.size,
    keys,
    headersHold(header, words) {
      for (const h of headers) if (header(h.name) !== h.value) return false;
      return !eventHeader || words(eventHeader.name) === eventHeader.words;
    },
    bodyHolds: (parsed, content) => bodyConditionsHold(body, parsed, content),
  };
}

/**
 * Of the events whose conditions all held, those no other one is more specific than: an
 * event whose conditions are a strict subset of another's is dropped. Telnyx marks every
 * event `record_type: "event"` and most also `event_type: "call.answered"` …; an event with
 * only the former must not take a request the latter names (it would, its schema being the
 * loosest, whenever the named event's schema rejects the request).
 */
export function mostSpecific<T extends { readonly conditions: Conditions }>(held: T[]): T[] {
  if (held.length < 2) return held;
  const covered = (a: Conditions, b: Conditions) => a.count < b.count && [...a.keys].every((k) => b.keys.has(k));
  return held.filter((c) => !held.some((o) => covered(c.conditions, o.conditions)));
}

/** The value at `pointer` in a parsed body, following own properties only. */
function at(body: unknown, pointer: readonly string[]): { found: boolean; value?: unknown } {
  let v = body;
  for (const key of pointer) {
    if (typeof v !== "object" || v === null) return { found: false };
    if (Array.isArray(v)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(key) || Number(key) >= v.length) return { found: false };
      v = v[Number(key)];
    } else {
      if (!Object.hasOwn(v, key)) return { found: false };
      v = (v as Record<string, unknown>)[key];
    }
  }
  return { found: true, value: v };
}

/**
 * Body conditions point into the JSON document the event carries. A form or multipart body
 * may wrap that document in a single JSON field (GitHub's `payload=<json>` delivery): a
 * pointer that names no field of the form is then followed inside that field.
 */
function bodyConditionsHold(
  conditions: NonNullable<Discriminator["body"]>,
  body: unknown,
  content: BodySpec | undefined,
): boolean {
  const wrapper =
    content && content.kind !== "json" && content.jsonFields?.length === 1 ? content.jsonFields[0]! : undefined;
  for (const c of conditions) {
    let r = at(body, c.pointer);
    if (!r.found && wrapper !== undefined && c.pointer[0] !== wrapper) r = at(at(body, [wrapper]).value, c.pointer);
    if (!r.found || r.value !== c.value) return false;
  }
  return true;
}

/**
 * The events of one route, indexed by the value of their event-naming header: GitHub's 261
 * webhooks share one route, and a request's `X-GitHub-Event` leaves a handful of them.
 */
export class EventIndex {
  /** Lower-case names of the event-naming headers used on the route (usually one). */
  private readonly names: readonly string[];
  /** `name \0 words` → events. */
  private readonly buckets = new Map<string, EventSpec[]>();
  /** Events without an event-naming header: always candidates. */
  private readonly rest: EventSpec[] = [];

  constructor(events: readonly EventSpec[]) {
    const names = new Set<string>();
    for (const e of events) {
      const h = e.discriminator?.eventHeader;
      if (!h) {
        this.rest.push(e);
        continue;
      }
      const name = h.name.toLowerCase();
      names.add(name);
      const key = `${name}\0${eventWords(h.words)}`;
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(e);
      else this.buckets.set(key, [e]);
    }
    this.names = [...names];
  }

  /** The events the request's event-naming headers leave (all of them when there are none). */
  candidates(words: (name: string) => string | null): readonly EventSpec[] {
    if (this.names.length === 0) return this.rest;
    let out: EventSpec[] | undefined;
    for (const name of this.names) {
      const w = words(name);
      const bucket = w === null ? undefined : this.buckets.get(`${name}\0${w}`);
      if (bucket) out = out ? out.concat(bucket) : bucket;
    }
    if (!out) return this.rest;
    return this.rest.length ? this.rest.concat(out) : out;
  }
}
