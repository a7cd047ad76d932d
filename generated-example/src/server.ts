/**
 * The example application's entry point: serves every Acme callback and webhook on
 * http://localhost:3000/hooks, verifying Acme's signature before anything is parsed.
 *
 *   node --experimental-strip-types src/server.ts   (Node ≥ 22.6), or compile with tsc first
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { nodeHandler } from "./webhooks/adapters/node.js";
import { handlers } from "./webhooks/handlers/index.js";
import { createReceiver } from "./webhooks/receiver.js";
import type { RequestHead } from "./webhooks/runtime/runtime.js";

const SECRET = process.env.ACME_WEBHOOK_SECRET ?? "";
const TOLERANCE_SECONDS = 300;

/**
 * `Acme-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>`, computed over
 * the exact bytes received; Acme signs its callbacks and webhooks alike.
 */
export function verifyAcme(request: RequestHead, rawBody: Uint8Array, now = Date.now()): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(request.headers.get("acme-signature") ?? "");
  if (!m || Math.abs(now / 1000 - Number(m[1])) > TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", SECRET).update(`${m[1]}.`).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, "hex"));
}

const receiver = createReceiver({
  handlers,
  basePath: "/hooks",
  ...(SECRET ? { verify: (request: RequestHead, rawBody: Uint8Array) => verifyAcme(request, rawBody) } : {}),
  onError: (error, info) => console.error(`[${info.stage}] ${info.event ?? info.path}:`, error),
  onUnhandled: (info) => console.warn(`unhandled delivery (${info.reason})`),
});

if (process.argv[1]?.endsWith("server.ts") || process.argv[1]?.endsWith("server.js")) {
  http.createServer(nodeHandler(receiver)).listen(3000, () => console.log("receiving on http://localhost:3000/hooks"));
}
