/**
 * The data of a breaking-change report: what changed between two revisions of a provider's
 * spec, per event, each change classified for the **receiver** (the consumer whose code
 * receives the provider's requests). Pure data, JSON-serialisable: `render.ts` turns it into
 * text or `--json`, `classify.ts` holds the rules that set `breaking`.
 */
import type { EventKind } from "../model/events.js";
import type { ValidationPolicy } from "../model/schema-set.js";

/** A JSON value as it appears in a spec's `enum`/`const`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * One step from a schema to a sub-schema, in instance terms: a property name, the items of
 * an array, the values of a map (`additionalProperties`), or one alternative of a
 * `oneOf`/`anyOf` (see `schema-diff.ts` for how alternatives are labelled).
 */
export type PathSegment = string | { items: true } | { additionalProperties: true } | { variant: string };

/**
 * Which part of an event a change is in. Everything the provider sends (parameters, body)
 * is the `request`; what the consumer answers is the `response`.
 */
export type Part =
  | { in: "event" }
  | { in: "route" }
  | { in: "path" | "query" | "headers" | "cookies" }
  | { in: "body"; mediaType: string }
  | { in: "response"; status: string }
  | { in: "response-body"; status: string; mediaType: string }
  | { in: "response-headers"; status: string };

/** Who writes the data a change is about, which decides how it is classified. */
export type Direction = "request" | "response";

/** The values an `enum`/`const` allows; `undefined` when it restricts nothing. */
export type EnumValues = JsonValue[] | undefined;

/**
 * What changed, by kind. Schema-level kinds come from `schema-diff.ts`; event-level kinds
 * from `diff-event.ts`. Each carries the facts its classification rule needs.
 */
export type ChangeFacts =
  | { kind: "event-added" }
  | { kind: "event-removed" }
  | { kind: "handler-renamed"; from: string; to: string }
  | { kind: "method-changed"; from: string; to: string }
  | { kind: "route-changed"; from: string; to: string }
  /** A header or body field with a fixed value per event, as the receiver routes on it. */
  | { kind: "discriminator-changed"; from?: JsonValue; to?: JsonValue; byEventName?: boolean }
  | { kind: "media-type-added"; mediaType: string }
  | { kind: "media-type-removed"; mediaType: string }
  | { kind: "response-added"; status: string }
  | { kind: "response-removed"; status: string }
  /**
   * The status the receiver answers when the handler returns nothing (`undefined`: the
   * handler must return a response). `fromStillDeclared`: the new spec still declares the
   * old status (exactly, by range, or by `default`).
   */
  | { kind: "ack-changed"; from?: number; to?: number; fromStillDeclared: boolean }
  /** `closedBefore`: the old object schema rejected unknown properties (`additionalProperties: false`). */
  | { kind: "field-added"; required: boolean; closedBefore: boolean }
  /** `closedAfter`: the new object schema rejects unknown properties. */
  | { kind: "field-removed"; required: boolean; closedAfter: boolean }
  | { kind: "field-now-required" }
  | { kind: "field-now-optional" }
  /** JSON types, `"any"` for no restriction; `relation` compares the sets of accepted types. */
  | { kind: "type-changed"; from: string[]; to: string[]; relation: "widened" | "narrowed" | "changed" }
  /** `enum`/`const` values (null aside: nullability is a type change). */
  | { kind: "enum-changed"; from: EnumValues; to: EnumValues; added: JsonValue[]; removed: JsonValue[] }
  | { kind: "variant-added"; variant: string }
  | { kind: "variant-removed"; variant: string }
  /** Whether unknown properties are allowed (`open`) or `additionalProperties: false` (`closed`). */
  | { kind: "additional-properties-changed"; from: "open" | "closed"; to: "open" | "closed" };

export type ChangeKind = ChangeFacts["kind"];

/** A change found inside a schema, before it is placed in an event and classified. */
export type SchemaFact = ChangeFacts & {
  /** From the compared root (a body, a parameter object…) to where the change is. */
  path: PathSegment[];
  /** The spec's name of the innermost component schema the change is in, if any. */
  schema?: string;
};

export type Change = ChangeFacts & {
  part: Part;
  path: PathSegment[];
  schema?: string;
  /** For the receiver: see the table in `classify.ts`. */
  breaking: boolean;
  /** The rule that decided `breaking`, in one sentence. */
  reason: string;
};

/**
 * What identifies an event across revisions (never its generated names, which shift when
 * another event takes a name): its kind, method, and the webhook key — or, for a callback,
 * the operation it hangs off and its name in that operation's `callbacks` map.
 */
export interface EventIdentity {
  kind: EventKind;
  /** Upper-case. */
  method: string;
  /** The webhook name, or the callback's expression key. */
  key: string;
  callbackName?: string;
  /** The parent operation chain of a callback, e.g. `POST /payments` or `POST /a › onX › POST {$url}`. */
  parent?: string;
}

export interface EventDiff {
  identity: EventIdentity;
  /** The handler's name in the new revision (the old one for a removed event). */
  handler: string;
  /** Breaking first, then by part, path and kind. */
  changes: Change[];
}

export interface SpecDiff {
  /** The policy the rules were applied for (the receiver's `--policy`). */
  policy: ValidationPolicy;
  old: { title: string; version: string; specFile: string; events: number };
  new: { title: string; version: string; specFile: string; events: number };
  /** Only events with changes: those with a breaking change first, then by handler name. */
  events: EventDiff[];
  summary: { breaking: number; nonBreaking: number; eventsAdded: number; eventsRemoved: number; eventsChanged: number };
}
