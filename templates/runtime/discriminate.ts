/**
 * Telling apart events that share a method and route, by the conditions the generator
 * inferred (`EventSpec.conditions`). An event whose conditions do not all hold cannot own the
 * delivery. Conditions that held on a value the request carries are the event's *claim*: a
 * delivery claimed by an event is that event's, valid or not, while one that only escaped
 * being ruled out (absent optional fields, values that name no other event) is not.
 */
import { parseJson } from "./json.js";
import type { BodySpec, Condition, ConditionTest, EventSpec, PathStep, Primitive } from "./receiver-types.js";

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

/** The request as the conditions read it. */
export interface ConditionInput {
  header(name: string): string | null;
  /** eventWords of a header's value, computed once per request. */
  words(name: string): string | null;
  readonly maxJsonDepth: number;
}

/** Not all of an event's conditions held. */
export const RULED_OUT = -1;

/** An event's conditions, prepared once when the receiver is created. */
export interface Conditions {
  /**
   * RULED_OUT, or how many of the header conditions held on a value the request carries
   * (the event's claim so far).
   */
  headers(input: ConditionInput): number;
  /** The same for the body conditions, on the parsed body. */
  body(body: unknown, content: BodySpec | undefined, input: ConditionInput): number;
}

export function compileConditions(list: readonly Condition[] | undefined): Conditions {
  const headers: Extract<Condition, { in: "header" }>[] = [];
  const body: Extract<Condition, { in: "body" }>[] = [];
  for (const c of list ?? []) {
    if (c.in === "header") headers.push({ ...c, name: c.name.toLowerCase() });
    else body.push(c);
  }
  return {
    headers(input) {
      let claims = 0;
      for (const c of headers) {
        const value = input.header(c.name);
        if (value === null) {
          if (c.required) return RULED_OUT;
          continue;
        }
        const held = "words" in c.test ? input.words(c.name) === c.test.words : passes(c.test, value);
        if (!held) return RULED_OUT;
        if (!("notIn" in c.test)) claims++;
      }
      return claims;
    },
    body(parsed, content, input) {
      if (!body.length) return 0;
      const document = documentOf(parsed, content, input.maxJsonDepth);
      let claims = 0;
      for (const c of body) {
        const found = valuesAt(document, c.path);
        if (found.missing && c.required) return RULED_OUT;
        for (const v of found.values) if (!passes(c.test, v)) return RULED_OUT;
        if (found.values.length && !("notIn" in c.test)) claims++;
      }
      return claims;
    },
  };
}

/**
 * The JSON document body conditions point into: the body itself, or the JSON text of a form's
 * `documentField` (GitHub's `payload=<json>`), parsed under the same depth cap.
 */
function documentOf(parsed: unknown, content: BodySpec | undefined, maxJsonDepth: number): unknown {
  const field = content?.documentField;
  if (field === undefined || typeof parsed !== "object" || parsed === null || !Object.hasOwn(parsed, field)) return parsed;
  if (documents.has(parsed)) return documents.get(parsed);
  const inner = (parsed as Record<string, unknown>)[field];
  let document: unknown = inner;
  if (typeof inner === "string") {
    const result = parseJson(inner, maxJsonDepth);
    document = result.ok ? result.value : undefined;
  }
  documents.set(parsed, document);
  return document;
}

/** Each request's form is parsed once for its document, however many candidates read it. */
const documents = new WeakMap<object, unknown>();

/**
 * The values at `path`, fanning out over array items. `missing` when some branch lacks a step
 * (an empty array has no items, so its items' fields are missing too).
 */
function valuesAt(root: unknown, path: readonly PathStep[]): { values: unknown[]; missing: boolean } {
  let current: unknown[] = [root];
  let missing = false;
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (typeof step === "string") {
        if (typeof v === "object" && v !== null && !Array.isArray(v) && Object.hasOwn(v, step))
          next.push((v as Record<string, unknown>)[step]);
        else missing = true;
      } else if (Array.isArray(v) && v.length) {
        for (const item of v) next.push(item);
      } else {
        missing = true;
      }
    }
    current = next;
  }
  return { values: current, missing: missing || current.length === 0 };
}

function passes(test: ConditionTest, value: unknown): boolean {
  if ("equals" in test) return test.equals.some((v) => v === value);
  if ("notIn" in test) return !test.notIn.some((v) => v === value);
  if (typeof value !== "string") return false;
  if ("words" in test) return eventWords(value) === test.words;
  return matchesTemplate(test.template, value);
}

/**
 * The template's literal parts in order, the first at the start and the last at the end, with
 * at least one character for each variable between them. Placing each middle part leftmost is
 * optimal for such patterns, so one linear pass decides — no regular expression, nothing a
 * request can make slow.
 */
function matchesTemplate(parts: readonly string[], value: string): boolean {
  if (parts.length === 1) return value === parts[0];
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!value.startsWith(first)) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = value.indexOf(parts[i]!, at + 1);
    if (found < 0) return false;
    at = found + parts[i]!.length;
  }
  return value.length - last.length >= at + 1 && value.endsWith(last);
}

/**
 * The events of one route, indexed by the header most of them are named by (GitHub's
 * `X-GitHub-Event`, Apideck's `x-apideck-event-type`): GitHub's route has 261 events, and a
 * request's header leaves a handful. Only required header conditions index an event; the
 * rest are candidates for every request.
 */
export class EventIndex {
  private readonly name: string | undefined;
  /** `words \0 w` or `equals \0 value` → events. */
  private readonly buckets = new Map<string, EventSpec[]>();
  private readonly rest: EventSpec[] = [];

  constructor(events: readonly EventSpec[]) {
    const indexable = (c: Condition): c is Extract<Condition, { in: "header" }> =>
      c.in === "header" && c.required && ("words" in c.test || "equals" in c.test);
    const counts = new Map<string, number>();
    for (const e of events) {
      for (const name of new Set((e.conditions ?? []).filter(indexable).map((c) => c.name.toLowerCase())))
        counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    this.name = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    for (const e of events) {
      const c = (e.conditions ?? []).find((x) => indexable(x) && x.name.toLowerCase() === this.name);
      if (!c) {
        this.rest.push(e);
        continue;
      }
      const keys = "words" in c.test ? [`w\0${c.test.words}`] : (c.test as { equals: readonly Primitive[] }).equals.map((v) => `e\0${String(v)}`);
      for (const key of keys) {
        const bucket = this.buckets.get(key);
        if (bucket) bucket.push(e);
        else this.buckets.set(key, [e]);
      }
    }
  }

  /** The events the request's naming header leaves, and those the index does not cover. */
  candidates(input: ConditionInput): readonly EventSpec[] {
    if (this.name === undefined) return this.rest;
    const value = input.header(this.name);
    if (value === null) return this.rest;
    const words = input.words(this.name);
    const byWords = words === null ? undefined : this.buckets.get(`w\0${words}`);
    const byValue = this.buckets.get(`e\0${value}`);
    let out: readonly EventSpec[] = this.rest;
    for (const bucket of [byWords, byValue]) if (bucket) out = out.length ? out.concat(bucket) : bucket;
    return out;
  }
}
