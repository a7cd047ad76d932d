/**
 * The event model: one entry per HTTP request the provider sends to the consumer, whatever
 * the spec called it (an operation inside a Callback Object, a 3.1 `webhooks` entry, or an
 * `x-webhooks` entry). Extraction fills it from the document; every later stage reads only
 * this model and the schema set, never the raw document.
 *
 * Schemas here are still "located" raw values (file + pointer + value) — bundling turns them
 * into named members of a SchemaSet.
 */

/**
 * Lower-case HTTP method. OpenAPI 3.2 adds `query` and `additionalOperations` (any other
 * method name), so this is open-ended; `PATH_ITEM_METHODS` are the fixed Path Item fields.
 */
export type HttpMethod = string;

export const PATH_ITEM_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"] as const;

export type EventKind = "callback" | "webhook";

/** Where something came from: absolute file path and JSON pointer in it. */
export interface Origin {
  file: string;
  pointer: string;
}

/** A schema as the spec wrote it, with the file its `$ref`s are relative to. */
export interface LocatedSchema extends Origin {
  value: unknown;
}

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export interface ParameterDef {
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  description?: string;
  style?: string;
  explode?: boolean;
  schema?: LocatedSchema;
  /** Parameters described with `content` instead of `schema` (one media type). */
  contentType?: string;
  /** The parameter's `example`, else the value of its first `examples` entry (inline ones only). */
  example?: unknown;
  origin: Origin;
}

export interface MediaTypeDef {
  /** As written in the spec (case kept), e.g. `application/json`. */
  mediaType: string;
  schema?: LocatedSchema;
  /** The Media Type Object's `example`, then each of its `examples` (Example Object `$ref`s followed), in key order. */
  examples: ExampleDef[];
  /**
   * The Encoding Object of each property (`encoding`), in key order: how a multipart body
   * carries the property as a part. Empty when the Media Type Object has none.
   */
  encoding: EncodingDef[];
  origin: Origin;
}

/** One entry of a Media Type Object's `encoding` map. */
export interface EncodingDef {
  /** The schema property it describes. */
  property: string;
  /** As written: a media type, or a comma-separated list of media ranges (`image/png, image/*`). */
  contentType?: string;
  /** The part headers it describes (`Content-Type` is not one: the spec says to ignore it here). */
  headers: { name: string; required: boolean }[];
  origin: Origin;
}

/** One example value the spec gives for a body (`externalValue` examples are not read: URLs are never fetched). */
export interface ExampleDef {
  /** The key in `examples`; undefined for `example`. */
  name?: string;
  value: unknown;
  /** The value itself (`…/example` or `…/value` of the Example Object). */
  origin: Origin;
}

export interface RequestBodyDef {
  required: boolean;
  description?: string;
  /** Sorted by media type. */
  content: MediaTypeDef[];
  origin: Origin;
  /** True when the spec gave no requestBody and the payload was taken from a response (Lob). */
  fromResponse?: boolean;
}

export interface HeaderDef {
  name: string;
  required: boolean;
  description?: string;
  schema?: LocatedSchema;
  origin: Origin;
}

export interface ResponseDef {
  /** `200`, `2XX`, or `default`, as in the spec (ranges upper-cased). */
  status: string;
  description?: string;
  content: MediaTypeDef[];
  headers: HeaderDef[];
  origin: Origin;
}

/** The operation a callback hangs off (and, for nested callbacks, its own parent). */
export interface ParentOperation {
  method: HttpMethod;
  /** The `paths` key, or the callback key for a callback nested in a callback. */
  path: string;
  operationId?: string;
  origin: Origin;
  parent?: ParentOperation;
  /** The callback name under which this parent is itself a callback (nested callbacks). */
  callbackName?: string;
}

export interface EventDef {
  kind: EventKind;
  /** Where the spec declared it. */
  source: "callbacks" | "webhooks" | "x-webhooks";
  /** Webhook name, or the callback expression key. */
  key: string;
  /**
   * The runtime-expression template that says where the request goes: the callback key, or
   * the inner key of an `x-webhooks` entry written in the shape of a Callback Object.
   * Undefined for ordinary webhooks (they go to a URL registered out of band).
   */
  routeKey?: string;
  /** The name in the operation's `callbacks` map (callbacks only). */
  callbackName?: string;
  method: HttpMethod;
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: string[];
  parameters: ParameterDef[];
  requestBody?: RequestBodyDef;
  /** Sorted: numeric codes, then ranges, then `default`. */
  responses: ResponseDef[];
  /** Security requirement scheme names (empty array = explicitly none; undefined = not stated). */
  security?: string[][];
  parent?: ParentOperation;
  /**
   * The same delivery declared again elsewhere (the same callback under other operations):
   * one event, one handler (extract/same-delivery.ts). Its documentation lists them all.
   */
  alsoDeclared?: EventDef[];
  /**
   * The operation's signature extensions (`x-gen-callbacks-signature`, `x-fern-webhook-signature`,
   * `x-speakeasy-webhooks`), read by security/signature-scheme.ts.
   */
  signatureExtensions?: Record<string, unknown>;
  /** The operation's `x-gen-callbacks-discriminator`, read by routing (routes/declared-conditions.ts). */
  declaredDiscriminator?: { value: unknown; origin: Origin };
  /** The operation object. */
  origin: Origin;
}
