/**
 * What the receiver answers when a handler returns nothing. Most webhook handlers only
 * process the event; providers want a 2xx. We answer the lowest success status the spec
 * declares without a body — or 200 when it declares none, or only a bodiless `2XX` or
 * `default`. When every declared success response has a body (Okta inline hooks return
 * commands), there is no such status and the handler's type requires a return value.
 */
import type { EventSchemas } from "../bundle/bundle.js";

export function acknowledgeStatus(schemas: EventSchemas): number | undefined {
  if (schemas.responses.length === 0) return 200;
  const bodiless = schemas.responses.filter((r) => r.body.length === 0);
  const explicit = bodiless.filter((r) => /^2\d\d$/.test(r.status)).map((r) => Number(r.status));
  if (explicit.length) return Math.min(...explicit);
  if (bodiless.some((r) => r.status === "2XX" || r.status === "default")) return 200;
  const anySuccess = schemas.responses.some((r) => /^2(\d\d|XX)$/.test(r.status) || r.status === "default");
  // Only error responses declared (e.g. just 400): success is undocumented; 200 is the norm.
  return anySuccess ? undefined : 200;
}
