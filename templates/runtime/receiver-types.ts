/**
 * Types shared by the receiver runtime and the per-spec table gen-callbacks generates
 * (`receiver.ts`). This file and the rest of templates/runtime/ are copied verbatim into
 * the user's output folder; they depend on nothing but the web platform.
 */

/** What the runtime needs of a schema: Zod's `safeParse` shape, nothing more. */
export interface SchemaLike<T = unknown> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
  /**
   * True only when `safeParse` would succeed with `data` equal to `input`: the value then goes
   * on as it is, with no output built (the schema builders' acceptor, many times cheaper than
   * `safeParse` on large payloads, with or without code generation). False means "ask
   * `safeParse`", which says whether the value is valid and what is wrong with it. Named apart
   * from Zod's own `validate`, which every Zod schema has: a schema the user passes,
   * transforms and all, must not take this path.
   */
  acceptsAsIs?(input: unknown): boolean;
}

export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
}

/** How a parameter's string(s) from the URL or a header become a value (OpenAPI §4.8.12.4). */
export type ParamType = "string" | "number" | "integer" | "boolean" | "array" | "object" | "unknown";

export interface ParamSpec {
  /** As the spec names it; header names lower-cased. */
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  /** Top-level type of the parameter's schema (after following refs). */
  readonly type: ParamType;
  /** Item type for `array` parameters. */
  readonly items?: ParamType;
  /** `simple`, `form`, `spaceDelimited`, `pipeDelimited`, `deepObject`, `matrix`, `label`; defaults per location. */
  readonly style?: string;
  readonly explode?: boolean;
  readonly required: boolean;
  /** Parameters described with `content` instead of `schema`: parse the string as this media type. */
  readonly contentType?: string;
}

/**
 * How a body of one media type is parsed before validation. `multipart` is
 * `multipart/form-data` (fields by name); `parts` every other multipart type —
 * `multipart/related`, `multipart/mixed`… — handed over as its parts (see `PartSpec`).
 */
export type BodyKind = "json" | "form" | "multipart" | "parts" | "text" | "binary";

export interface BodySpec {
  /** Media type as declared (lower-cased essence, e.g. `application/json`, `application/*`). */
  readonly mediaType: string;
  readonly kind: BodyKind;
  /** Absent when the spec gives no schema (or the kind is not validated, e.g. XML as text). */
  readonly schema?: SchemaLike;
  /**
   * Form and multipart fields whose declared schema is an object or array: their text is JSON
   * (the Encoding Object's default content type for such properties is `application/json`).
   * GitHub's `payload=<json>` form is the common case.
   */
  readonly jsonFields?: readonly string[];
  /**
   * Form and multipart fields whose declared type is not `string`: how their text becomes a
   * value, as for query parameters (`"42"` → 42 for `integer`, `"true"` → true for
   * `boolean`, a single value → `[value]` for `array`). Fields not listed stay strings, or
   * arrays of strings when repeated. `jsonFields` take precedence.
   */
  readonly fields?: readonly FieldSpec[];
  /**
   * The form's one field, whose text is the JSON document the event's JSON body describes
   * (GitHub's `payload=<json>`): routing conditions are read inside it.
   */
  readonly documentField?: string;
  /**
   * `parts` bodies whose schema is an object: the properties the parts fill, in the order the
   * schema lists them (runtime/multipart-body.ts says how parts are matched to them). Absent:
   * the parts are handed over unmapped and unvalidated.
   */
  readonly parts?: readonly PartSpec[];
}

/** One property of a `parts` body's schema, and the parts that may fill it. */
export interface PartSpec {
  readonly name: string;
  /**
   * The media ranges a part's type must match (`application/json`, `image/*`, `*\/*`),
   * lower-case: the Encoding Object's `contentType`, else the default OpenAPI gives the
   * property's type.
   */
  readonly accept: readonly string[];
  /** What the part's bytes become: parsed JSON, UTF-8 text (coerced to `type`), or a Blob of the exact bytes. */
  readonly as: "json" | "text" | "file";
  /** For `text`: the declared type its text is coerced to, as for form fields. */
  readonly type?: ParamType;
  /** An array property: it takes every matching part, in order, each one an item. */
  readonly repeated?: boolean;
}

/** The declared type of one form or multipart field (see `BodySpec.fields`). */
export interface FieldSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly items?: ParamType;
}

export interface ResponseSpec {
  /** `200`, `2XX`, or `default`. */
  readonly status: string;
  /** Declared media types, first one used when the handler gives none. */
  readonly mediaTypes: readonly string[];
}

export type Primitive = string | number | boolean | null;

/** One step into a JSON body: a property, or every item of an array (all must agree). */
export type PathStep = string | { readonly items: true };

/** What the value at a condition's location must be. */
export type ConditionTest =
  /** One of these. */
  | { readonly equals: readonly Primitive[] }
  /** None of these (the values other events are named by). */
  | { readonly notIn: readonly Primitive[] }
  /** A string of this shape: literal parts with one or more characters for each variable between them. */
  | { readonly template: readonly string[] }
  /** A string naming the event in these words (see `eventWords`): `pull_request` ↔ `pull request`. */
  | { readonly words: string };

/**
 * A fact about every delivery of an event that tells it from other events on the same route,
 * inferred at generation time (see the output README). A `required` condition fails when the
 * value is absent; an optional one holds then. Header names are lower-case. A body path
 * points into the JSON document the event carries — inside a form's `documentField` for
 * GitHub's `payload=<json>` deliveries.
 */
export type Condition =
  | { readonly in: "header"; readonly name: string; readonly required: boolean; readonly test: ConditionTest }
  | { readonly in: "body"; readonly path: readonly PathStep[]; readonly required: boolean; readonly test: ConditionTest };

export interface EventSpec {
  /** Handler name (key of `Handlers`). */
  readonly name: string;
  readonly kind: "callback" | "webhook";
  /** Upper-case method. */
  readonly method: string;
  /**
   * Path template relative to the receiver's base (`/`, `/data`, `/invoices/{id}`). Literal
   * text is percent-encoded; `{name}` marks a path parameter.
   */
  readonly path: string;
  /** Webhooks on the shared webhook path (replaced by the `webhookPath` option). */
  readonly sharedWebhookPath?: boolean;
  /**
   * Left out of the generated output (`--events`): recognized by its route and conditions, so
   * that its deliveries are answered as unhandled (reason `unselected`), never taken for a
   * selected event. It has no schemas and no handler.
   */
  readonly unselected?: true;
  readonly ack?: number;
  readonly parameters: {
    readonly specs: readonly ParamSpec[];
    readonly path?: SchemaLike;
    readonly query?: SchemaLike;
    readonly headers?: SchemaLike;
    readonly cookies?: SchemaLike;
  };
  readonly body: { readonly required: boolean; readonly contents: readonly BodySpec[] };
  readonly responses: readonly ResponseSpec[];
  /**
   * What every delivery of this event satisfies, when other events share its route. A
   * delivery reaches the handler only when the event is the one candidate whose conditions
   * hold and whose schemas accept it.
   */
  readonly conditions?: readonly Condition[];
  /**
   * The spec's `security` for this event: alternatives, each a list of scheme names (see
   * `Protection.securitySchemes`) that must all hold; an empty alternative admits anyone.
   */
  readonly security?: readonly (readonly string[])[];
}
