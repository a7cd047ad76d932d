/**
 * Types shared by the receiver runtime and the per-spec table gen-callbacks generates
 * (`receiver.ts`). This file and the rest of templates/runtime/ are copied verbatim into
 * the user's output folder; they depend on nothing but the web platform.
 */

/** What the runtime needs of a schema: Zod's `safeParse` shape, nothing more. */
export interface SchemaLike<T = unknown> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
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

/** How a body of one media type is parsed before validation. */
export type BodyKind = "json" | "form" | "multipart" | "text" | "binary";

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

/**
 * What tells this event apart from the others on the same method and route, inferred at
 * generation time. All present conditions must hold.
 */
export interface Discriminator {
  /** Request headers with a single `const`/`enum` value in the spec (names lower-cased). */
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  /**
   * Body properties with a single `const`/`enum` value, by JSON pointer segments into the
   * JSON document. For a form or multipart body with exactly one `jsonFields` entry, a
   * pointer that names no form field is followed inside that field (GitHub's
   * `payload=<json>`), so one pointer serves both of GitHub's delivery formats.
   */
  readonly body?: readonly { readonly pointer: readonly string[]; readonly value: string | number | boolean | null }[];
  /**
   * A header that names the event without a `const` in the spec (GitHub's `X-GitHub-Event`):
   * its value, split into lower-case words, must equal `words` (the event's name without
   * the words of its body discriminator, e.g. `issues-opened` with action `opened` → `issues`).
   * Both sides are split the same way (at every character that is not an ASCII letter or
   * digit, and at camelCase humps), so `pull_request`, `pull-request`, `pullRequest` and
   * `pull request` are all the words `pull request`.
   */
  readonly eventHeader?: { readonly name: string; readonly words: string };
}

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
  readonly discriminator?: Discriminator;
  /**
   * Position when the discriminators leave several candidates and each event's schemas are
   * tried in turn (most constrained first; see the README's "Telling events apart").
   */
  readonly order: number;
}
