/**
 * The output README's "Serving" section (issue 15): a mount snippet for each adapter that was
 * generated (`--adapter`), never one for a framework the folder has no adapter for, and what
 * the spec implies about verification — its signature scheme and security schemes.
 */
import type { GenerationPlan } from "../model/plan.js";
import { describeScheme } from "../security/signature-scheme.js";
import { propertyKey } from "./encoders.js";
import { code, md } from "./markdown.js";

export function servingSection(plan: GenerationPlan): string[] {
  const signature = plan.protection?.signature;
  const securitySchemes = plan.protection?.securitySchemes ?? new Map<string, { type: string }>();
  const schemes = [...securitySchemes.keys()];
  const credential = (name: string) =>
    securitySchemes.get(name)?.type === "basic"
      ? `{ username: process.env.${envName(name)}_USERNAME!, password: process.env.${envName(name)}_PASSWORD! }`
      : securitySchemes.get(name)?.type === "other"
        ? "(request) => /* check */ false"
        : `process.env.${envName(name)}!`;
  const options = (basePath?: string) =>
    [
      "handlers",
      ...(basePath ? [`basePath: "${basePath}"`] : []),
      ...(signature ? ["verify: signatureVerifier({ secret: process.env.WEBHOOK_SECRET! })"] : []),
      ...(schemes.length ? [`security: { ${schemes.map((n) => `${propertyKey(n)}: ${credential(n)}`).join(", ")} }`] : []),
    ].join(", ");
  const head = () => [`import { createReceiver${signature ? ", signatureVerifier" : ""} } from "./webhooks/receiver.js";`, `import { handlers } from "./webhooks/handlers/index.js";`];
  const receiverLine = (basePath?: string) => `const receiver = createReceiver({ ${options(basePath)} });`;

  const snippets: { title: string; lines: string[] }[] = [];
  const has = (a: string) => plan.adapters.includes(a);
  if (has("node")) {
    snippets.push({ title: "node:http", lines: [...head(), `import { nodeServer } from "./webhooks/adapters/node.js";`, "", receiverLine(), "nodeServer(receiver).listen(3000);"] });
  }
  if (has("express")) {
    snippets.push({
      title: "Express (mount it before `express.json()`: the receiver needs the raw body)",
      lines: [`import express from "express";`, ...head(), `import { expressMiddleware } from "./webhooks/adapters/express.js";`, "", receiverLine(), "const app = express();", `app.use("/webhooks", expressMiddleware(receiver));`, "app.use(express.json()); // your other routes", "app.listen(3000);"],
    });
  }
  if (has("fastify")) {
    snippets.push({
      title: "Fastify",
      lines: [`import Fastify from "fastify";`, ...head(), `import { fastifyReceiver } from "./webhooks/adapters/fastify.js";`, "", receiverLine(), "const app = Fastify();", `await app.register(fastifyReceiver(receiver), { prefix: "/webhooks" });`, "await app.listen({ port: 3000 });"],
    });
  }
  if (has("hono")) {
    snippets.push({
      title: "Hono",
      lines: [`import { Hono } from "hono";`, ...head(), `import { honoHandler } from "./webhooks/adapters/hono.js";`, "", receiverLine("/webhooks"), "const app = new Hono();", `app.all("/webhooks", honoHandler(receiver));`, `app.all("/webhooks/*", honoHandler(receiver));`, "export default app;"],
    });
  }
  if (has("next")) {
    snippets.push({
      title: "Next.js (`app/api/webhooks/[[...path]]/route.ts`)",
      lines: [...head(), `import { nextRouteHandlers } from "./webhooks/adapters/next.js";`, "", receiverLine("/api/webhooks"), "export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = nextRouteHandlers(receiver);"],
    });
  }
  if (has("fetch")) {
    snippets.push({ title: "Bun, Deno, Cloudflare Workers", lines: [...head(), `import { fetchHandler } from "./webhooks/adapters/fetch.js";`, "", receiverLine(), "export default fetchHandler(receiver);"] });
  }
  if (!snippets.length) {
    snippets.push({ title: "any web-standard server (no framework adapter was generated; `--adapter` adds one)", lines: [...head(), "", receiverLine(), "export default { fetch: receiver.fetch }; // Bun, Deno, Workers"] });
  }
  const out: string[] = [];
  for (const s of snippets) out.push(`${s.title}:`, "", "```ts", ...s.lines, "```", "");
  if (has("redis")) {
    out.push("Shared dedupe across processes (`adapters/redis.ts`, needs `ioredis`): pass `dedupe: { store: new RedisDedupeStore(new Redis(process.env.REDIS_URL)) }` to `createReceiver`.", "");
  }
  out.push("### Verification", "");
  if (signature) {
    out.push(
      `Deliveries are signed (${md(describeScheme(signature.scheme))}, from ${md(signature.from)}): the receiver verifies the signature over the exact bytes before anything else, and answers 401 to a delivery without a valid one. \`signatureVerifier\` takes your secret; several during a rotation.`,
    );
  } else {
    out.push("The spec names no signature scheme: nothing proves a delivery comes from the provider. If the provider signs its deliveries anyway, pass `verify` (the runtime's `hmacSignature`, `standardWebhooks`, `githubSignature` … in `runtime/signatures.ts`); else keep the endpoint's URL secret and pass `insecure: true` knowingly.");
  }
  out.push("");
  if (schemes.length) {
    out.push(`Events require the security scheme${schemes.length > 1 ? "s" : ""} ${schemes.map((n) => `\`${code(n)}\``).join(", ")}: give the credentials to expect (for HTTP Basic, \`{ username, password }\`); deliveries without them are answered 401.`, "");
  }
  return out;
}

/** `BasicAuth` → `BASIC_AUTH`, for the snippet's environment variables. */
function envName(scheme: string): string {
  return (scheme.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase() || "CREDENTIAL").replace(/^[0-9]/, "_$&");
}
