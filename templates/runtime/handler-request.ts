/**
 * What a handler receives: a candidate's parameters deserialized and, with its body,
 * validated. Shared by the receiver (runtime.ts) and the durable worker (durable.ts), so that
 * a delivery handled later, in another process, reaches its handler exactly as it would have
 * in the request.
 */
import type { HandlerRequest } from "./options.js";
import { deserializeParams } from "./params.js";
import type { Candidate } from "./select.js";
import { validateEvent, type Issue } from "./validate.js";

/**
 * A candidate's parameters deserialized and, with its body, validated: what its handler
 * receives, or the issues that rule it out.
 */
export function validated(
  c: Candidate,
  query: string,
  header: (name: string) => string | null,
  maxJsonDepth: number,
): HandlerRequest | { issues: Issue[] } {
  const event = c.event;
  const params = deserializeParams(event.parameters.specs, { path: c.path, query, header }, maxJsonDepth);
  const present = c.content !== undefined;
  const result = validateEvent(event, params, { present, value: c.body, schema: c.content?.schema });
  if (!result.ok) return { issues: result.issues };
  const v = result.value;
  // The declared type the body was parsed as; without a body, the one the event declares first.
  const contentType = (c.content ?? event.body.contents[0])?.mediaType;
  const body = present ? v.body : undefined;
  const hasCookies = event.parameters.cookies !== undefined || event.parameters.specs.some((p) => p.in === "cookie");
  // Two literals rather than a conditional spread, which builds a slow dictionary-mode object.
  return hasCookies
    ? { path: v.path, query: v.query, headers: v.headers, cookies: v.cookies, contentType, body }
    : { path: v.path, query: v.query, headers: v.headers, contentType, body };
}
