/**
 * A stable identity for an event across revisions of a spec, independent of generated names
 * (which can shift when another event takes a name). Handler stubs carry it in a
 * `@gen-callbacks-event` tag so that regeneration finds a user's handler again even if the
 * file was renamed or the event's generated name changed.
 */
import { createHash } from "node:crypto";
import type { EventDef } from "./events.js";

/**
 * A webhook is its name and method; a callback is its parent operation, its name in the
 * `callbacks` map and its method — not its expression key, so that a provider fixing a
 * callback URL (`{$callback_url}` → `{$request.query.callback_url}`) keeps the user's
 * handler (the diff reports it as a route change, by the same rule).
 */
export function eventIdentity(def: EventDef): string {
  const parts =
    def.kind === "callback"
      ? [def.kind, def.method, parentChain(def.parent), def.callbackName ?? ""]
      : [def.kind, def.method, def.key];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 16);
}

function parentChain(p: EventDef["parent"]): string {
  if (!p) return "";
  return `${parentChain(p.parent)}/${p.callbackName ?? ""}/${p.method} ${p.operationId ?? p.path}`;
}

export const IDENTITY_TAG = "@gen-callbacks-event";

/** The identity a handler file carries, if any. */
export function identityIn(text: string): string | undefined {
  return new RegExp(`${IDENTITY_TAG} ([0-9a-f]{16})\\b`).exec(text)?.[1];
}
