/**
 * Everything the emitters need, computed once: the schema set, and per event its model,
 * names, schema members and route. Emitters are pure functions of a GenerationPlan.
 */
import type { EventSchemas } from "../bundle/bundle.js";
import type { EventDef } from "./events.js";
import type { SchemaSet, ValidationPolicy } from "./schema-set.js";
import type { EventNames } from "../naming/event-names.js";
import type { PlannedProtection } from "../security/protection.js";
import type { RuntimeKind } from "../emit/runtime-location.js";

/** Where the consumer's receiver serves an event. */
export interface EventRoute {
  /** Upper-case method. */
  method: string;
  /**
   * Path template relative to the URL the subscriber gave the provider (callbacks) or to
   * the receiver's webhook path (webhooks); always starts with `/`. `{name}` marks a
   * path parameter.
   */
  path: string;
  /** Path parameters in template order, with the key expression each one comes from. */
  params: { name: string; expression: string }[];
  /** Scheme + host fixed by the spec (callback keys that are absolute URLs). */
  origin?: string;
  /** Constant query parameters the spec's key puts on the URL. */
  constantQuery: { name: string; value: string }[];
  /** Query parameters whose values come from expressions in the key (typed as strings). */
  expressionQuery: { name: string; expression: string }[];
  /** Where the subscriber's base URL is sent when subscribing, when the consumer controls it. */
  subscription?: SubscriptionTarget;
  /** The key text, for documentation. */
  template?: string;
  /** Why the route is a fallback, when the key was not a standard expression. */
  fallbackReason?: string;
}

export interface SubscriptionTarget {
  /** The parent operation the consumer calls to subscribe. */
  operation: { method: string; path: string; operationId?: string };
  in: "query" | "header" | "path" | "body";
  /** Parameter name (query/header/path) or JSON pointer segments (body). */
  name?: string;
  pointer?: string[];
  /** The expression as written, e.g. `$request.query.callbackUrl`. */
  expression: string;
  /**
   * What to do with a trailing `/` of the base URL: the provider concatenates literally, so a
   * key that continues with `/…` needs it stripped (see `expressions/subscription.ts`).
   */
  trailingSlash: "strip" | "ensure" | "keep";
}

export interface PlannedEvent {
  def: EventDef;
  names: EventNames;
  schemas: EventSchemas;
  route: EventRoute;
  /**
   * The status the receiver answers when the handler returns nothing: the lowest declared
   * success status that needs no body (200 for a bodiless `2XX`/`default`, or when no
   * response is declared). Undefined when every success response needs a body, so the
   * handler must return one.
   */
  ack?: number;
}

export interface GenerationPlan {
  title: string;
  version: string;
  openapi: string;
  /** Entry spec file name (no directories: generated files carry no absolute paths). */
  specFile: string;
  policy: ValidationPolicy;
  /** Framework adapters in `adapters/`. */
  adapters: readonly string[];
  /** Whether the output imports the runtime from the installed package or carries its own copy. */
  runtime: RuntimeKind;
  schemaSet: SchemaSet;
  /** Sorted by handler name. */
  events: PlannedEvent[];
  /** The events to generate (handler names), when the user selected some (model/event-selection.ts); all otherwise. */
  selected?: ReadonlySet<string>;
  /** The signature and security schemes deliveries must pass (security/protection.ts). */
  protection?: PlannedProtection;
  /** Routing conditions from the configuration, by event name (see routes/declared-conditions.ts). */
  declared?: ReadonlyMap<string, { value: unknown; file?: string; pointer?: string }>;
}
