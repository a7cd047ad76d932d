/**
 * Running the generated schemas and reporting what failed — by location and JSON pointer,
 * never with the offending values (THREATS.md B17): issue messages are the schema's words,
 * and the values a request carried stay out of the answer.
 */
import { withParts } from "./multipart-body.js";
import type { ParamValues } from "./params.js";
import type { EventSpec, ParamSpec, SchemaLike } from "./receiver-types.js";

export type IssueLocation = "path" | "query" | "header" | "cookie" | "body";

export interface Issue {
  readonly in: IssueLocation;
  /** JSON pointer (RFC 6901) into the location's value; `""` for the value itself. */
  readonly path: string;
  readonly message: string;
}

/** At most this many issues are reported, each message at most this long. */
const MAX_ISSUES = 20;
const MAX_MESSAGE = 200;

export function jsonPointer(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path)
    out +=
      "/" +
      String(typeof key === "symbol" ? (key.description ?? "") : key)
        .replace(/~/g, "~0")
        .replace(/\//g, "~1");
  return out;
}

export type Checked =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * `schema.safeParse(value)`, turned into issues — or, when the schema vouches that it takes
 * the value unchanged (`acceptsAsIs`: the acceptor the schema builders composed, in
 * receiver.ts), the value itself. Otherwise the generated table's `safeParse` is Zod's,
 * compiled on first use (its runtime parser where the platform refuses code generation).
 * A schema that throws (Zod's recursion limit,
 * THREATS.md B11, should the depth cap ever be set above it) is a failed validation too,
 * never a crash.
 */
export function check(schema: SchemaLike, value: unknown, where: IssueLocation): Checked {
  let result: ReturnType<SchemaLike["safeParse"]>;
  try {
    if (schema.acceptsAsIs?.(value) === true) return { ok: true, value };
    result = schema.safeParse(value);
  } catch {
    return { ok: false, issues: [{ in: where, path: "", message: "the validator could not process this value" }] };
  }
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues
      .slice(0, MAX_ISSUES)
      .map((i) => ({ in: where, path: jsonPointer(i.path), message: String(i.message).slice(0, MAX_MESSAGE) })),
  };
}

/** The `$strictness` handle a relaxed `schemas.ts` exports (see its comment there). */
export interface Strictness {
  policy: "lenient" | "strict" | undefined;
}

/**
 * `run` with the schemas' gated checks for `raise.policy` switched on. Zod parses
 * synchronously, so the handle holds that policy for exactly the parses inside `run`.
 */
export function underPolicy<T>(
  raise: { readonly strictness: Strictness; readonly policy: "lenient" | "strict" } | undefined,
  run: () => T,
): T {
  if (!raise) return run();
  const before = raise.strictness.policy;
  raise.strictness.policy = raise.policy;
  try {
    return run();
  } finally {
    raise.strictness.policy = before;
  }
}

const SCHEMA_KEY = { path: "path", query: "query", header: "headers", cookie: "cookies" } as const;
const PARAM_LOCATIONS = ["path", "query", "header", "cookie"] as const;

export interface Validated {
  readonly path: unknown;
  readonly query: unknown;
  readonly headers: unknown;
  readonly cookies: unknown;
  readonly body: unknown;
}

/**
 * Every parameter location and the body of one event, all checked so one answer lists every
 * problem. Locations without a schema pass as deserialized, after a check of `required`.
 */
export function validateEvent(
  event: EventSpec,
  params: ParamValues,
  body: { readonly present: boolean; readonly value: unknown; readonly schema: SchemaLike | undefined },
): { ok: true; value: Validated } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const out: Record<string, unknown> = {};
  for (const where of PARAM_LOCATIONS) {
    const schema = event.parameters[SCHEMA_KEY[where]];
    const value = params[where];
    if (schema) {
      const r = check(schema, value, where);
      if (r.ok) out[SCHEMA_KEY[where]] = r.value;
      else issues.push(...r.issues);
    } else {
      for (const p of event.parameters.specs)
        if (p.in === where && p.required && !Object.hasOwn(value, p.name)) issues.push(missing(p));
      out[SCHEMA_KEY[where]] = value;
    }
  }
  if (!body.present) {
    if (event.body.required) issues.push({ in: "body", path: "", message: "a request body is required" });
  } else if (body.schema) {
    const r = check(body.schema, body.value, "body");
    // A multipart/related (…) body: the schema validated its parts' values; the handler gets the parts too.
    if (r.ok) out["body"] = withParts(body.value, r.value);
    else issues.push(...r.issues);
  } else {
    out["body"] = withParts(body.value, body.value);
  }
  if (issues.length) return { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  return { ok: true, value: out as unknown as Validated };
}

function missing(p: ParamSpec): Issue {
  return { in: p.in, path: jsonPointer([p.name]), message: "required" };
}
