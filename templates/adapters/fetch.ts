/**
 * Web-standard adapter, for runtimes whose servers take a `fetch(request) → Response`
 * function: Bun, Deno, Cloudflare Workers, and anything else built on the convention.
 *
 *   // Bun: bun run server.ts
 *   export default fetchHandler(createReceiver({ handlers }));
 *
 *   // Deno
 *   Deno.serve(fetchHandler(createReceiver({ handlers })).fetch);
 *
 *   // Cloudflare Workers: secrets arrive with each request in `env`, so create the
 *   // receiver on the first request and keep it.
 *   let receiver: Receiver | undefined;
 *   export default {
 *     fetch(request: Request, env: Env) {
 *       receiver ??= createReceiver({ handlers, verify: verifierFor(env.WEBHOOK_SECRET) });
 *       return receiver.fetch(request);
 *     },
 *   };
 *
 * Serving other paths as well? Set `basePath` to the receiver's prefix and route to it only
 * the requests under that prefix.
 */
import type { Receiver } from "../runtime/runtime.js";

export interface FetchHandler {
  fetch(request: Request): Promise<Response>;
}

export function fetchHandler(receiver: Pick<Receiver, "fetch">): FetchHandler {
  return { fetch: (request) => receiver.fetch(request) };
}
