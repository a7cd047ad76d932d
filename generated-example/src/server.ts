/**
 * The example application's entry point: serves every Acme callback and webhook on
 * http://localhost:3000/hooks, verifying Acme's signature before anything is parsed.
 *
 *   ACME_WEBHOOK_SECRET=whsec_… node --experimental-strip-types src/server.ts   (Node ≥ 22.6), or compile with tsc first
 */
import http from "node:http";
import { nodeServer } from "./webhooks/adapters/node.js";
import { handlers } from "./webhooks/handlers/index.js";
import { createReceiver, signatureVerifier } from "./webhooks/receiver.js";

/**
 * The receiver, with the secret Acme signs with. No secret, no receiver: a deployment that
 * forgot the variable must fail to start, not accept whatever anyone sends.
 */
export function acmeReceiver(secret = process.env.ACME_WEBHOOK_SECRET) {
  if (!secret) throw new Error("ACME_WEBHOOK_SECRET is not set: the receiver will not start without the secret Acme signs with");
  return createReceiver({
    handlers,
    basePath: "/hooks",
    // Standard Webhooks signatures (the spec's webhook-* headers), over the exact bytes.
    verify: signatureVerifier({ secret }),
    // Acme redelivers with the same webhook-id: each delivery runs its handler once.
    // (One process; a receiver that runs as several shares a RedisDedupeStore.)
    dedupe: true,
    onError: (error, info) => console.error(`[${info.stage}] ${info.event ?? info.path}:`, error),
    onUnhandled: (info) => console.warn(`unhandled delivery (${info.reason}, answered ${info.status})`),
  });
}

if (process.argv[1]?.endsWith("server.ts") || process.argv[1]?.endsWith("server.js")) {
  const server: http.Server = nodeServer(acmeReceiver());
  server.listen(3000, () => console.log("receiving on http://localhost:3000/hooks"));
  // On SIGTERM deliveries in flight finish (new ones are answered 503, so Acme retries them).
  process.once("SIGTERM", () => void server.close());
}
