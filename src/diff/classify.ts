/**
 * Whether a change breaks the **receiver**: the consumer's code as it stands — a receiver
 * generated from the old spec, handlers written against the old types — once the provider
 * behaves as the new spec says and the consumer regenerates. A change is breaking when
 * either of these happens:
 *
 * - **run time**: the old receiver rejects or misroutes requests the provider now sends,
 *   a handler reads data that is no longer sent, or the provider rejects what the handler
 *   answers;
 * - **compile time**: after regenerating, code the consumer wrote no longer type-checks
 *   and must be changed (a new `Handlers` entry, a renamed handler, a status that left
 *   the handler's return type).
 *
 * Direction decides most rules. The request (path, query, headers, cookies, body) is data
 * the provider *sends*: the receiver validates it with the chosen policy and the handler
 * reads it, so what widens it breaks and what narrows it does not. The response is data the
 * consumer *sends back*: the provider validates it as the spec is written, whatever the
 * receiver's policy, so what narrows it breaks and what widens it does not.
 *
 * Narrowing a request never breaks: the provider sends a subset of what the receiver
 * accepts. At worst a handler branch becomes dead code (under `strict`, where enum types are
 * exact, tsc may then flag a comparison with a removed value; that is a clean-up, not a
 * failure of the receiver).
 *
 * | Change | Request (provider → you) | Response (you → provider) |
 * | --- | --- | --- |
 * | event added | breaking: `Handlers` needs a new handler; the old receiver rejects its requests | — |
 * | event removed | breaking: its handler is orphaned and leaves `Handlers` | — |
 * | handler renamed | breaking: the `Handlers` key and stub file name change | — |
 * | method or route changed | breaking: the receiver serves the old one | — |
 * | discriminator value changed or removed | breaking: the old receiver routes by the old value | — |
 * | discriminator added | not breaking: the old receiver tells the event apart without it | — |
 * | media type added | breaking: the old receiver does not accept it | not breaking |
 * | media type removed | not breaking | breaking |
 * | response status added | — | not breaking |
 * | response status removed | — | breaking: the handler may answer with it |
 * | default answer (ack) changed | — | breaking if the handler must now return a response, or the old default status is no longer declared |
 * | field added (optional or required) | not breaking; **strict**: breaking where the old schema had `additionalProperties: false` | optional: not breaking; required: breaking |
 * | field removed | breaking: the handler may read it | not breaking; breaking where the new schema has `additionalProperties: false` |
 * | field became required | not breaking | breaking |
 * | field became optional | breaking (the handler may rely on it); **tolerant**: not breaking (`required` is advisory) | not breaking |
 * | type widened (e.g. `integer` → `number`, `null` allowed) | breaking: the old receiver rejects the new types | not breaking |
 * | type narrowed | not breaking | breaking |
 * | type changed otherwise | breaking | breaking |
 * | enum value added, or enum lifted | breaking if the old receiver rejects it: **strict**, and in every policy single values (`const`, one-entry enums) and kinds with one listed value; **lenient/tolerant** accept unknown strings (numbers) of enums listing two or more | not breaking |
 * | enum value removed, or enum introduced | not breaking | breaking |
 * | `oneOf`/`anyOf` alternative added | breaking: the old receiver rejects it | not breaking |
 * | alternative removed | not breaking | breaking |
 * | `additionalProperties: false` lifted | breaking under **strict** only | not breaking |
 * | `additionalProperties: false` added | not breaking | breaking |
 */
import type { ValidationPolicy } from "../model/schema-set.js";
import { valuePlan } from "../schema/values.js";
import type { ChangeFacts, Direction, JsonValue } from "./types.js";

export interface Classification {
  breaking: boolean;
  /** Why, in one sentence (shown after the change in the report). */
  reason: string;
}

const breaking = (reason: string): Classification => ({ breaking: true, reason });
const safe = (reason: string): Classification => ({ breaking: false, reason });

/** `direction` is that of the part the change is in; event-level changes have none. */
export function classify(c: ChangeFacts, direction: Direction | undefined, policy: ValidationPolicy): Classification {
  switch (c.kind) {
    case "event-added":
      return breaking("the exhaustive Handlers map needs a handler for it, and the old receiver rejects its requests");
    case "event-removed":
      return breaking("its handler is orphaned and its key leaves the Handlers map");
    case "handler-renamed":
      return breaking("the Handlers key and the stub's file name change; handlers/index.ts must follow");
    case "method-changed":
      return breaking("the receiver serves the old method");
    case "route-changed":
      return breaking("the receiver serves the old route");
    case "discriminator-changed":
      if (c.to === undefined) return breaking("the old receiver needs this value to route the request to this event");
      if (c.from === undefined) return safe("the old receiver tells the event apart without it");
      return breaking("the old receiver routes the event by the old value");
    case "response-added":
      return safe("one more status the handler may answer");
    case "response-removed":
      return breaking("the handler may answer with it, and it leaves the handler's return type");
    case "ack-changed":
      if (c.to === undefined) return breaking("the handler must now return a response");
      if (!c.fromStillDeclared) return breaking(`the old receiver's default answer ${c.from ?? ""} is no longer a declared status`);
      return safe("the old receiver's default answer is still a declared status");
    default:
      return direction === "response" ? response(c) : request(c, policy);
  }
}

/** Changes inside a request or response part (what `classify` leaves to the direction rules). */
type PartFacts = Exclude<
  ChangeFacts,
  { kind: "event-added" | "event-removed" | "handler-renamed" | "method-changed" | "route-changed" | "discriminator-changed" | "response-added" | "response-removed" | "ack-changed" }
>;

/** Data the provider sends: the old receiver validates it (by policy) and the handler reads it. */
function request(c: PartFacts, policy: ValidationPolicy): Classification {
  switch (c.kind) {
    case "media-type-added":
      return breaking("the old receiver does not accept bodies of this type");
    case "media-type-removed":
      return safe("the provider no longer sends this type");
    case "field-added":
      if (c.closedBefore && policy === "strict") return breaking("the old receiver rejects unknown properties here (additionalProperties: false, strict policy)");
      return safe("the provider sends more data; the handler may ignore it");
    case "field-removed":
      return breaking("the handler may read it");
    case "field-now-required":
      return safe("the provider now always sends it");
    case "field-now-optional":
      if (policy === "tolerant") return safe("required is advisory under the tolerant policy: it was already optional in the types");
      return breaking("the old receiver rejects requests without it, and the handler may rely on it");
    case "type-changed":
      if (c.relation === "narrowed") return safe("the provider sends a subset of what the receiver accepts");
      return breaking("the old receiver rejects values of the new types");
    case "enum-changed": {
      const rejected = rejectedByOld(c.from, c.to, c.added, policy);
      if (rejected) return breaking(rejected);
      if (c.added.length || c.to === undefined) return safe(`the old receiver accepts unknown values of this enum (${policy} policy)`);
      return safe("the provider sends fewer values; a handler branch for a removed value becomes dead code");
    }
    case "variant-added":
      return breaking("the old receiver rejects the new alternative, and the handler does not expect it");
    case "variant-removed":
      return safe("the provider sends fewer shapes");
    case "additional-properties-changed":
      if (c.to === "open" && policy === "strict") return breaking("the old receiver rejects unknown properties here (strict policy)");
      return safe(c.to === "open" ? `the old receiver accepts unknown properties (${policy} policy)` : "the provider sends no unknown properties");
  }
}

/** Data the consumer answers: the provider validates it as the spec is written. */
function response(c: PartFacts): Classification {
  switch (c.kind) {
    case "media-type-added":
      return safe("one more type the handler may answer with");
    case "media-type-removed":
      return breaking("answers of this type are no longer accepted");
    case "field-added":
      return c.required ? breaking("the handler's answers lack it") : safe("the handler may leave it out");
    case "field-removed":
      if (c.closedAfter) return breaking("the provider rejects answers that still include it (additionalProperties: false)");
      return safe("the provider ignores it");
    case "field-now-required":
      return breaking("the handler's answers may lack it");
    case "field-now-optional":
      return safe("the handler may still send it");
    case "type-changed":
      if (c.relation === "widened") return safe("what the handler answers is still accepted");
      return breaking("the handler may answer values of types no longer accepted");
    case "enum-changed":
      if (c.removed.length || (c.from === undefined && c.to !== undefined)) return breaking("the handler may answer a value no longer accepted");
      return safe("what the handler answers is still accepted");
    case "variant-added":
      return safe("one more shape the handler may answer");
    case "variant-removed":
      return breaking("the handler may answer in the removed shape");
    case "additional-properties-changed":
      if (c.to === "closed") return breaking("the provider rejects answers with properties it does not list");
      return safe("the provider accepts unknown properties");
  }
}

/**
 * Why the old receiver rejects some value the provider may now send, or undefined. What
 * the old receiver accepts is what the emitters made of the old enum (`valuePlan`).
 */
function rejectedByOld(from: JsonValue[] | undefined, to: JsonValue[] | undefined, added: JsonValue[], policy: ValidationPolicy): string | undefined {
  if (from === undefined) return undefined;
  const plan = valuePlan({ enum: from }, policy);
  const accepts = (v: JsonValue) =>
    (typeof v === "string" && plan.openString) || (typeof v === "number" && plan.openNumber !== undefined && (plan.openNumber === "number" || Number.isInteger(v)));
  const why = from.length === 1 ? "a single value stays closed in every policy" : policy === "strict" ? "strict policy" : "too few listed values of this kind to widen";
  if (to === undefined) return plan.exact.length ? `the old receiver accepts only the listed values (${why})` : undefined;
  const rejected = added.filter((v) => !accepts(v));
  if (rejected.length === 0) return undefined;
  return `the old receiver rejects ${rejected.map((v) => JSON.stringify(v)).join(", ")} (${why})`;
}
