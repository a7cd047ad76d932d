/**
 * The two reference callback flows, end to end, over real HTTP on loopback. The test plays
 * the provider of generated-example/provider.yaml: the consumer subscribes with the URL its
 * generated `…Subscription` helper builds; the provider evaluates the callback key against
 * the subscribing request, exactly as the spec says, and calls that URL; the consumer's
 * filled-in handler receives typed data and its typed answer comes back.
 *
 * - FastAPI invoices: `{$callback_url}/invoices/{$request.body.id}`
 * - OAI streams:      `{$request.query.callbackUrl}/data`
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeCallbackKey } from "../../src/expressions/callback-key.js";
import type { RuntimeExpression } from "../../src/expressions/runtime-expression.js";
import { joinBaseUrl } from "../../src/expressions/subscription.js";
import { ledger } from "../../generated-example/src/app/billing-ledger.js";
import { nodeHandler } from "../../generated-example/src/webhooks/adapters/node.js";
import { acmeReceiver } from "../../generated-example/src/server.js";
import { signStandardWebhooks } from "../../templates/runtime/signatures-sign.js";
import { invoiceNotificationSubscription, onDataSubscription } from "../../generated-example/src/webhooks/routes.js";
import type { InvoiceEvent, OnDataBody } from "../../generated-example/src/webhooks/types.js";

/** What the provider knows about the request that created the subscription. */
interface SubscribingRequest {
  query: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * The provider's side of a callback key: substitute each expression with the value it names
 * in the subscribing request, concatenating literally (OpenAPI "Runtime Expressions").
 * Non-standard expressions are read the way the analysis reads them (FastAPI's
 * `{$callback_url}` is the `callback_url` query parameter, `{$request.body.id}` is `#/id`).
 */
function callbackUrl(key: string, subscribing: SubscribingRequest): string {
  const a = analyzeCallbackKey(key);
  const valueOf = (e: RuntimeExpression | undefined, nonstandard?: string): string => {
    if (nonstandard !== undefined) return subscribing.query[nonstandard.replace(/^\$/, "")]!;
    if (e?.kind === "query") return subscribing.query[e.name]!;
    if (e?.kind === "body") return String(e.pointer.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], subscribing.body));
    throw new Error(`the test provider does not evaluate ${JSON.stringify(e)}`);
  };
  const base = a.subscriberBase!;
  const baseValue = "expression" in base ? valueOf(base.expression) : valueOf(undefined, base.nonstandard);
  const params = Object.fromEntries(a.route.pathParams.map((p) => [p.name, valueOf(p.source)]));
  return joinBaseUrl(baseValue, a.route.path, params);
}

let server: http.Server;
let base: string;

beforeAll(async () => {
  // The consumer mounts its receiver under /hooks of its public origin, with the secret Acme signs with.
  const receiver = acmeReceiver(SECRET);
  server = http.createServer(nodeHandler(receiver));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const SECRET = "whsec_" + Buffer.from("acme test secret, 24+ bytes long").toString("base64");

/** A delivery as Acme makes it: signed the Standard Webhooks way, a fresh webhook-id each time. */
async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const payload = JSON.stringify(body);
  const signed = await signStandardWebhooks({ secret: SECRET, body: payload });
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...signed }, body: payload, redirect: "manual" });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe("FastAPI invoices: {$callback_url}/invoices/{$request.body.id}", () => {
  it("calls back the handler with the typed event and gets its typed answer", async () => {
    // The consumer creates an invoice, passing its receiver's base URL as `callback_url`.
    const subscription = invoiceNotificationSubscription(base);
    expect(subscription).toEqual({ query: { callback_url: base.replace(/\/$/, "") } });
    const createInvoice: SubscribingRequest = { query: subscription.query, body: { id: "inv_4711", customer: "ada@example.com", items: [], total: { amount: 1200, currency: "EUR" } } };

    // The provider calls back where the key says.
    const url = callbackUrl("{$callback_url}/invoices/{$request.body.id}", createInvoice);
    expect(url).toBe(`${base}invoices/inv_4711`);
    const event: InvoiceEvent = { id: "evt_1", invoiceId: "inv_4711", status: "paid", attemptedAt: "2026-11-21T10:00:00Z" };
    const before = ledger.entries.length;
    const answer = await post(url, event);
    expect(answer).toEqual({ status: 200, json: { ok: true } });
    expect(ledger.entries.slice(before)).toEqual([{ kind: "invoice", id: "inv_4711", status: "paid", at: "2026-11-21T10:00:00Z" }]);

    // The handler's own typed 422 when the URL and the event disagree.
    const mismatch = await post(`${base}invoices/inv_other`, event);
    expect(mismatch.status).toBe(422);
    expect(mismatch.json).toEqual({ detail: [{ loc: ["path", "id"], msg: "expected invoice inv_4711, got inv_other" }] });

    // The receiver's 422 when the payload breaks the spec (status not in the enum under lenient is fine; a missing field is not).
    const invalid = await post(url, { id: "evt_2", invoiceId: "inv_4711", status: "paid" });
    expect(invalid.status).toBe(422);
    expect(invalid.json).toMatchObject({ error: "validation failed", event: "invoiceNotification", issues: [{ in: "body", path: "/attemptedAt" }] });
  });
});

describe("OAI streams: {$request.query.callbackUrl}/data", () => {
  it("delivers usage batches to the handler, which answers 202 or 204 as the spec declares", async () => {
    const subscription = onDataSubscription(base);
    const subscribe: SubscribingRequest = { query: subscription.query, body: {} };
    const url = callbackUrl("{$request.query.callbackUrl}/data", subscribe);
    expect(url).toBe(`${base}data`);

    const batch: OnDataBody = {
      timestamp: "2026-11-21T10:00:00Z",
      subscriptionId: "4b5c2f38-1e1b-4a8e-9d2e-0a7f3c1d2e10",
      samples: [{ metric: "api_calls", value: 1200 }],
    };
    // Not subscribed (yet): the handler asks Acme to stop (204).
    expect((await post(url, batch)).status).toBe(204);
    ledger.subscriptions.add(batch.subscriptionId);
    // Subscribed: nothing returned, so the receiver answers the spec's bodiless success, 202.
    expect(await post(url, batch)).toEqual({ status: 202, json: undefined });
    expect(ledger.usage.get(batch.subscriptionId)).toEqual(batch.samples);
  });
});

describe("the example server's safe pattern", () => {
  it("will not start without the secret: a forgotten variable is a crash at boot, not an open endpoint", () => {
    expect(() => acmeReceiver("")).toThrow(/ACME_WEBHOOK_SECRET is not set/);
  });

  it("answers an unsigned delivery 401, and a redelivery of a handled one 200 without running its handler again", async () => {
    const event: InvoiceEvent = { id: "evt_9", invoiceId: "inv_9", status: "paid", attemptedAt: "2026-11-21T10:00:00Z" };
    const unsigned = await fetch(`${base}invoices/inv_9`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(event) });
    expect(unsigned.status).toBe(401);
    const text = JSON.stringify(event);
    const signed = await signStandardWebhooks({ secret: SECRET, body: text, id: "msg_redelivered" });
    const send = () => fetch(`${base}invoices/inv_9`, { method: "POST", headers: { "content-type": "application/json", ...signed }, body: text });
    const before = ledger.entries.length;
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect(ledger.entries.length - before).toBe(1);
  });
});
