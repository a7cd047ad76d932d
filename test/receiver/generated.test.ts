/**
 * The runtime as users get it: copied next to a `receiver.ts` that gen-callbacks generated —
 * for the showcase spec (type-checked with every adapter, with and without the DOM lib, then
 * served) and for GitHub's webhooks spec, through which every @octokit/webhooks-examples
 * payload is sent.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import type { HandlerContext, Receiver, ReceiverOptions } from "../../templates/runtime/runtime.js";
import type { SignatureVerifier } from "../../templates/runtime/signature-types.js";
import { signGitHub, signStandardWebhooks } from "../../templates/runtime/signatures-sign.js";
import { generateInto, generatorHasReceiver, typeErrors } from "./support/generated.js";
import { startTarget, TARGETS, type Target } from "./support/targets.js";
import { GITHUB_WEBHOOKS_SPEC as GITHUB_SPEC } from "../support/corpus.js";

const require = createRequire(import.meta.url);
const EXAMPLE_SPEC = path.resolve(import.meta.dirname, "../../generated-example/provider.yaml");

interface GeneratedModule {
  events: readonly EventSpec[];
  createReceiver(options: ReceiverOptions<Record<string, (request: never, context: HandlerContext) => unknown>>): Receiver;
  signatureVerifier(keys: { secret: string }): SignatureVerifier;
}

const SECRET = "whsec_" + Buffer.from("a test secret of 24+ bytes").toString("base64");

/** A usage file, as a user writes one: every adapter mounted, one handler missing on purpose. */
const USAGE = `import http from "node:http";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { createReceiver, signatureVerifier } from "./receiver.js";
import { handlers } from "./handlers/index.js";
import { nodeHandler } from "./adapters/node.js";
import { expressMiddleware } from "./adapters/express.js";
import { fastifyReceiver } from "./adapters/fastify.js";
import { honoHandler } from "./adapters/hono.js";
import { nextRouteHandlers } from "./adapters/next.js";
import { fetchHandler } from "./adapters/fetch.js";
const receiver = createReceiver({
  handlers,
  verify: [signatureVerifier({ secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }), (request, rawBody) => request.headers.get("x-test") !== null && rawBody.byteLength > 0],
  dedupe: { ttlSeconds: 3600, key: { header: "webhook-id" } },
  onError: (error, info) => console.error(info.stage, info.event, error),
  onUnhandled: (info) => console.log(info.reason, info.status, info.candidates.length, info.issues.length),
  onInvalid: (delivery, context) => console.log(delivery.event, delivery.issues.length, context.rawBody.byteLength),
});
http.createServer(nodeHandler(receiver));
express().use("/webhooks", expressMiddleware(receiver));
void Fastify().register(fastifyReceiver(receiver), { prefix: "/webhooks" });
new Hono().all("/webhooks/*", honoHandler(receiver)).mount("/hooks", receiver.fetch);
export const { GET, POST } = nextRouteHandlers(receiver);
export default fetchHandler(receiver);
// @ts-expect-error every event needs its handler
createReceiver({ handlers: { onData: handlers.onData }, insecure: true });
// A stricter validation policy at run time is fine; a looser one than generated (lenient) is not.
createReceiver({ handlers, policy: "strict", insecure: true });
// @ts-expect-error the types were generated for lenient: tolerant would promise too much
createReceiver({ handlers, policy: "tolerant", insecure: true });
// @ts-expect-error the spec says its deliveries are signed: no verify, no receiver…
createReceiver({ handlers });
// …unless said in so many words.
createReceiver({ handlers, insecure: true });
`;

describe.skipIf(!generatorHasReceiver)("the generated example", () => {
  let dir = "";
  let mod: GeneratedModule;
  const calls: string[] = [];
  let receiver: Receiver;

  beforeAll(async () => {
    ({ dir } = await generateInto(EXAMPLE_SPEC, "example"));
    fs.writeFileSync(path.join(dir, "usage.ts"), USAGE);
    mod = (await import(path.join(dir, "receiver.ts"))) as GeneratedModule;
    const handlers = Object.fromEntries(
      mod.events.map((e) => [
        e.name,
        (request: { body?: unknown; path?: unknown }, context: HandlerContext) => {
          calls.push(`${context.event} ${JSON.stringify(request.path)} ${JSON.stringify(request.body)}`);
          return e.name === "invoiceNotification" ? { status: 200, body: { ok: true } } : undefined;
        },
      ]),
    );
    receiver = mod.createReceiver({ handlers, webhookPath: "/acme", verify: mod.signatureVerifier({ secret: SECRET }) });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([{ lib: ["ES2023", "DOM"] }, { lib: ["ES2023"] }])("type-checks with every adapter, strictly (lib $lib)", ({ lib }) => {
    expect(typeErrors([path.join(dir, "usage.ts")], lib)).toEqual([]);
  });

  const acmeHeaders = { "content-type": "application/json" };
  const payment = { id: 820982911946154508, amount: { amount: 100, currency: "EUR" }, createdAt: "2026-11-21T10:00:00Z" };
  const cases: [string, string, Record<string, string>, unknown, number, string][] = [
    [
      "a webhook, told apart by its type",
      "/acme",
      acmeHeaders,
      { id: "e1", type: "payment.succeeded", created: 1, data: payment },
      200,
      "paymentSucceeded",
    ],
    [
      "a webhook whose signature does not match",
      "/acme",
      { ...acmeHeaders, "webhook-signature": "v1,bm9wZQ==" },
      { id: "e1", type: "payment.succeeded", created: 1, data: payment },
      401,
      "",
    ],
    ["a webhook type added later", "/acme", acmeHeaders, { id: "e1", type: "customer.deleted", created: 1, data: {} }, 202, ""],
    [
      "a callback on the same base path as nothing else",
      "/",
      { "content-type": "application/json" },
      { payoutId: "p1", status: "paid", occurredAt: "2026-11-21T10:00:00Z" },
      204,
      "payoutStatus",
    ],
    [
      "the other callback on /, by its schema",
      "/",
      { "content-type": "application/json" },
      { id: "r1", paymentId: "p1", status: "succeeded", amount: { amount: 1, currency: "EUR" } },
      200,
      "refundUpdate",
    ],
    [
      "a callback with a path parameter",
      "/invoices/inv_7",
      { "content-type": "application/json" },
      { id: "n1", invoiceId: "inv_7", status: "paid", attemptedAt: "2026-11-21T10:00:00Z" },
      200,
      "invoiceNotification",
    ],
    ["an optional body", "/data", {}, undefined, 202, "onData"],
  ];
  /** The case's headers, signed as Acme signs (a case may then spoil the signature with its own). */
  const signed = async (headers: Record<string, string>, body: unknown) => ({
    ...(await signStandardWebhooks({ secret: SECRET, body: body === undefined ? "" : JSON.stringify(body) })),
    ...headers,
  });

  it.each(cases)("%s", async (_name, path, headers, body, status, handler) => {
    calls.length = 0;
    const res = await receiver.fetch(
      new Request(`http://example.test${path}`, {
        method: "POST",
        headers: await signed(headers, body),
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    expect(res.status).toBe(status);
    expect(calls.map((c) => c.split(" ")[0])).toEqual(handler ? [handler] : []);
    if (handler === "invoiceNotification") expect([calls[0]!.split(" ")[1], await res.json()]).toEqual(['{"id":"inv_7"}', { ok: true }]);
  });

  it("answers every case the same on every adapter", async () => {
    const seen = new Map<string, string[]>();
    const targets: Target[] = [];
    for (const name of TARGETS) {
      const log: string[] = [];
      seen.set(name, log);
      const handlers = Object.fromEntries(
        mod.events.map((e) => [
          e.name,
          (request: { body?: unknown }, context: HandlerContext) => void log.push(`${context.event} ${JSON.stringify(request.body)}`),
        ]),
      );
      // invoiceNotification must answer with a body; recording only, it makes the receiver answer 500 everywhere alike.
      targets.push(
        await startTarget(name, (mount) =>
          mod.createReceiver({ handlers, webhookPath: "/acme", verify: mod.signatureVerifier({ secret: SECRET }), onError: () => {}, onUnhandled: () => {}, ...mount }),
        ),
      );
    }
    try {
      for (const [, path, headers, body] of cases) {
        const request = { method: "POST", path: `/hooks${path}`, headers: await signed(headers, body), ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
        const answers = await Promise.all(targets.map((t) => t.send(request)));
        for (let i = 1; i < answers.length; i++) expect([targets[i]!.name, answers[i]]).toEqual([targets[i]!.name, answers[0]]);
      }
      for (const name of TARGETS) expect([name, seen.get(name)]).toEqual([name, seen.get("fetch")]);
      expect(seen.get("fetch")).toHaveLength(cases.filter((c) => c[5]).length);
    } finally {
      await Promise.all(targets.map((t) => t.close()));
    }
  });
});

describe.skipIf(!generatorHasReceiver)("GitHub's webhooks spec", () => {
  let dir = "";
  let mod: GeneratedModule;
  beforeAll(async () => {
    ({ dir } = await generateInto(GITHUB_SPEC, "github", ["node"]));
    mod = (await import(path.join(dir, "receiver.ts"))) as GeneratedModule;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("verifies GitHub's signature, then routes every @octokit/webhooks-examples payload by X-GitHub-Event and action, and never fails otherwise", async () => {
    const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: Record<string, unknown>[] }[];
    const dispatched: string[] = [];
    const handlers = Object.fromEntries(
      mod.events.map((e) => [e.name, (_r: unknown, context: HandlerContext) => void dispatched.push(context.event)]),
    );
    const receiver = mod.createReceiver({ handlers, maxBodyBytes: 25 * 1024 * 1024, verify: mod.signatureVerifier({ secret: "It's a Secret to Everybody" }) });
    const names = new Set(mod.events.map((e) => e.name));
    /** `pull_request` + `review_requested` → `pullRequestReviewRequested`, as the spec names its webhooks. */
    const expectedHandler = (event: string, action: unknown) =>
      `${event}${typeof action === "string" ? `_${action}` : ""}`.replace(/[_.-]+(\w)/g, (_m, c: string) => c.toUpperCase());
    const tally = { dispatched: 0, invalid: 0, unhandled: 0 };
    const wrong: string[] = [];
    for (const group of examples) {
      for (const payload of group.examples) {
        dispatched.length = 0;
        const body = JSON.stringify(payload);
        const signature = await signGitHub({ secret: "It's a Secret to Everybody", body });
        const res = await receiver.fetch(
          new Request("http://example.test/", {
            method: "POST",
            body,
            headers: {
              ...signature,
              "content-type": "application/json",
              "user-agent": "GitHub-Hookshot/044aadd",
              "x-github-event": group.name,
              "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
              "x-github-hook-id": "292430182",
              "x-github-hook-installation-target-id": "79929171",
              "x-github-hook-installation-target-type": "repository",
            },
          }),
        );
        const want = expectedHandler(group.name, payload.action);
        if (res.status === 200) {
          tally.dispatched++;
          if (names.has(want) && dispatched[0] !== want) wrong.push(`${want} went to ${dispatched[0]}`);
        } else if (res.status === 422) {
          tally.invalid++;
          const answer = (await res.json()) as { event: string };
          if (names.has(want) && answer.event !== want) wrong.push(`${want} judged as ${answer.event}`);
        } else if (res.status === 202) {
          tally.unhandled++;
        } else {
          wrong.push(`${want}: ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // 329 payloads: all but a few are told apart (the rest are acknowledged as unhandled);
    // how many pass validation depends on the spec's drift from real payloads (THREATS.md finding 8).
    expect(tally.dispatched + tally.invalid + tally.unhandled).toBe(examples.reduce((n, g) => n + g.examples.length, 0));
    expect(tally.unhandled).toBeLessThanOrEqual(10);
    expect(tally.dispatched).toBeGreaterThanOrEqual(200);
  });
});
