/**
 * The spec's `security` on callback and webhook operations: HTTP Basic (Adyen), Bearer, an API
 * key in a header, the query or a cookie. The credentials come from the user (`security` option);
 * the receiver reads them from the request and compares in constant time, before the body is
 * read. Failing answers 401 with the same constant body as a bad signature.
 *
 * A requirement is a list of alternatives, each a set of schemes that must all hold (OpenAPI's
 * Security Requirement Object); an empty alternative lets anonymous requests through.
 */
import { timingSafeEqual } from "./signature-bytes.js";

/** A security scheme as the generated table describes it (from `components/securitySchemes`). */
export interface SecuritySchemeSpec {
  /** `basic` and `bearer`: the `Authorization` header; `apiKey`: a named header, query parameter or cookie; `other`: only your function can tell (OAuth 2, OpenID Connect, mutual TLS). */
  readonly type: "basic" | "bearer" | "apiKey" | "other";
  readonly in?: "header" | "query" | "cookie";
  /** The header, query parameter or cookie name of an `apiKey`. */
  readonly name?: string;
}

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * What you give for a scheme: the expected value(s) — compared in constant time, several for a
 * rotation — or a function deciding from what the request carries (async for a lookup).
 */
export type CredentialCheck =
  | string
  | readonly string[]
  | BasicCredentials
  | readonly BasicCredentials[]
  | ((presented: string | BasicCredentials | RequestLike) => boolean | Promise<boolean>);

/** What the checks read of a request. */
export interface RequestLike {
  readonly headers: { get(name: string): string | null };
  readonly url: string;
}

export type SecurityRequirement = readonly (readonly string[])[];

/** Whether the request meets one of `requirement`'s alternatives, with the user's `checks`. */
export async function meetsRequirement(
  requirement: SecurityRequirement,
  schemes: Readonly<Record<string, SecuritySchemeSpec>>,
  checks: ReadonlyMap<string, CredentialCheck>,
  request: RequestLike,
  query: string,
): Promise<boolean> {
  for (const alternative of requirement) {
    let all = true;
    for (const name of alternative) {
      const scheme = Object.hasOwn(schemes, name) ? schemes[name] : undefined;
      const check = checks.get(name);
      if (!scheme || check === undefined || !(await meetsScheme(scheme, check, request, query))) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

async function meetsScheme(scheme: SecuritySchemeSpec, check: CredentialCheck, request: RequestLike, query: string): Promise<boolean> {
  if (scheme.type === "other") return typeof check === "function" ? check(request) : false;
  const presented = scheme.type === "apiKey" ? apiKey(scheme, request, query) : authorization(scheme.type, request);
  if (presented === undefined) return false;
  if (typeof check === "function") return check(presented);
  const expected = Array.isArray(check) ? check : [check];
  let matched = false;
  // Every expected value is compared: which one matched is not what the timing should tell.
  for (const e of expected as readonly (string | BasicCredentials)[]) matched = same(presented, e) || matched;
  return matched;
}

/** `Authorization: Basic <base64 user:pass>` or `Bearer <token>`, the scheme name case-insensitive. */
function authorization(type: "basic" | "bearer", request: RequestLike): string | BasicCredentials | undefined {
  const header = request.headers.get("authorization");
  if (header === null || header.length > 8192) return undefined;
  const space = header.indexOf(" ");
  if (space < 0 || header.slice(0, space).toLowerCase() !== type) return undefined;
  const value = header.slice(space + 1).trim();
  if (type === "bearer") return value || undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function apiKey(scheme: SecuritySchemeSpec, request: RequestLike, query: string): string | undefined {
  const name = scheme.name ?? "";
  if (scheme.in === "header") return request.headers.get(name) ?? undefined;
  if (scheme.in === "query") {
    for (const pair of query.split("&")) {
      const eq = pair.indexOf("=");
      const key = eq < 0 ? pair : pair.slice(0, eq);
      if (safeDecode(key) === name) return safeDecode(eq < 0 ? "" : pair.slice(eq + 1));
    }
    return undefined;
  }
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq >= 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

const encoder = new TextEncoder();

function same(presented: string | BasicCredentials, expected: string | BasicCredentials): boolean {
  if (typeof presented === "string" || typeof expected === "string")
    return typeof presented === "string" && typeof expected === "string" && equalText(presented, expected);
  // Both halves compared, always: an early exit would tell a right username from a wrong one.
  const user = equalText(presented.username, expected.username);
  const password = equalText(presented.password, expected.password);
  return user && password;
}

/** Constant-time for equal lengths; a length difference is no match (lengths are not secrets worth hiding here). */
function equalText(a: string, b: string): boolean {
  return timingSafeEqual(encoder.encode(a), encoder.encode(b));
}
