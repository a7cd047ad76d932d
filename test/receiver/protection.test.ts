/**
 * Verify before anything: a signature verifier in the receiver, the spec's security schemes,
 * deduplication of verified deliveries, no silent insecurity, and a graceful close.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import { createReceiverCore, MemoryDedupeStore, type Protection, type ReceiverOptions, type UnhandledInfo } from "../../templates/runtime/runtime.js";
import { githubSignature, standardWebhooks } from "../../templates/runtime/signatures.js";
import { signGitHub, signStandardWebhooks } from "../../templates/runtime/signatures-sign.js";

const SECRET = "whsec_" + Buffer.from("a test secret of 24+ bytes").toString("base64");

const event = (name: string, extra: Partial<EventSpec> = {}): EventSpec => ({
  name,
  kind: "webhook",
  method: "POST",
  path: "/",
  ack: 200,
  parameters: { specs: [] },
  body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({ id: z.string() }) }] },
  responses: [{ status: "200", mediaTypes: [] }],
  ...extra,
});

type Handler = (request: { body: unknown }) => unknown;

function receiver(
  events: EventSpec[],
  handlers: Record<string, Handler>,
  options: Omit<ReceiverOptions<Record<string, Handler>>, "handlers"> = {},
  protection: Protection = {},
) {
  const hooks: UnhandledInfo[] = [];
  const r = createReceiverCore(events, { handlers: handlers as never, onUnhandled: (i) => void hooks.push(i), ...options }, undefined, protection);
  return { r, hooks };
}

const post = (r: { fetch(x: Request): Promise<Response> }, headers: Record<string, string>, body: string, url = "http://x.test/") =>
  r.fetch(new Request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }));

describe("signature verifiers in the receiver", () => {
  const body = JSON.stringify({ id: "1" });

  it("a valid Standard Webhooks delivery reaches the handler; a forged one is 401, with the rule it broke and no handler call", async () => {
    const calls: unknown[] = [];
    const { r, hooks } = receiver([event("paid")], { paid: (req) => void calls.push(req.body) }, { verify: standardWebhooks({ secret: SECRET }) });
    expect((await post(r, await signStandardWebhooks({ secret: SECRET, body }), body)).status).toBe(200);
    const forged = await signStandardWebhooks({ secret: "whsec_" + Buffer.from("another secret, 24 bytes!").toString("base64"), body });
    const res = await post(r, forged, body);
    expect([res.status, await res.json()]).toEqual([401, { error: "unauthorized" }]);
    expect(calls).toEqual([{ id: "1" }]);
    expect(hooks.map((h) => [h.reason, h.status, h.verification])).toEqual([["unverified", 401, { scheme: "standard-webhooks", reason: "no-signature-matched" }]]);
  });

  it("several verifiers: one of them must accept (a provider moving schemes)", async () => {
    const { r } = receiver([event("paid")], { paid: () => {} }, { verify: [githubSignature({ secret: "old" }), standardWebhooks({ secret: SECRET })] });
    expect((await post(r, await signGitHub({ secret: "old", body }), body)).status).toBe(200);
    expect((await post(r, await signStandardWebhooks({ secret: SECRET, body }), body)).status).toBe(200);
    expect((await post(r, await signGitHub({ secret: "other", body }), body)).status).toBe(401);
  });

  it("checks the timestamp against the request's arrival", async () => {
    const { r } = receiver([event("paid")], { paid: () => {} }, { verify: standardWebhooks({ secret: SECRET }) });
    const stale = await signStandardWebhooks({ secret: SECRET, body, timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect((await post(r, stale, body)).status).toBe(401);
  });
});

describe("no silent insecurity", () => {
  const signed: Protection = { signature: "github (header x-hub-signature-256)" };

  it("a spec that says deliveries are signed needs verify, or insecure: true in so many words", () => {
    expect(() => receiver([event("paid")], { paid: () => {} }, {}, signed)).toThrow(/this spec says its deliveries are signed \(github/);
    expect(() => receiver([event("paid")], { paid: () => {} }, { insecure: true }, signed)).not.toThrow();
    expect(() => receiver([event("paid")], { paid: () => {} }, { verify: githubSignature({ secret: "s" }) }, signed)).not.toThrow();
  });

  it("security schemes an event names need credentials", () => {
    const basic: Protection = { securitySchemes: { BasicAuth: { type: "basic" } } };
    const events = [event("paid", { security: [["BasicAuth"]] })];
    expect(() => receiver(events, { paid: () => {} }, {}, basic)).toThrow(/require the security scheme BasicAuth: pass security: \{ "BasicAuth": … \}/);
    expect(() => receiver(events, { paid: () => {} }, { security: { BasicAuth: { username: "u", password: "p" } } }, basic)).not.toThrow();
  });

  it("a verify that is neither a function nor a verifier is refused at start-up", () => {
    expect(() => receiver([event("paid")], { paid: () => {} }, { verify: "secret" as never })).toThrow(/verify must be a function or a signature verifier/);
  });
});

describe("the spec's security schemes", () => {
  const schemes: Protection = {
    securitySchemes: {
      BasicAuth: { type: "basic" },
      Bearer: { type: "bearer" },
      HeaderKey: { type: "apiKey", in: "header", name: "x-api-key" },
      QueryKey: { type: "apiKey", in: "query", name: "key" },
      CookieKey: { type: "apiKey", in: "cookie", name: "session" },
    },
  };
  const body = JSON.stringify({ id: "1" });
  const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}` });

  it("HTTP Basic, compared in constant time, with rotation; 401 before the body is read", async () => {
    const { r, hooks } = receiver([event("paid", { security: [["BasicAuth"]] })], { paid: () => {} }, { security: { BasicAuth: [{ username: "adyen", password: "old" }, { username: "adyen", password: "new" }] } }, schemes);
    expect((await post(r, basic("adyen", "new"), body)).status).toBe(200);
    expect((await post(r, basic("adyen", "old"), body)).status).toBe(200);
    expect((await post(r, basic("adyen", "nope"), body)).status).toBe(401);
    expect((await post(r, { authorization: "Basic !!!" }, body)).status).toBe(401);
    // A body that never finishes arriving: the credentials are refused without waiting for it.
    const never = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("{")) });
    const res = await r.fetch(new Request("http://x.test/", { method: "POST", headers: basic("adyen", "nope"), body: never, duplex: "half" } as RequestInit));
    expect(res.status).toBe(401);
    expect(hooks.map((h) => [h.reason, h.status, h.rawBody === undefined])).toEqual([
      ["unauthenticated", 401, true],
      ["unauthenticated", 401, true],
      ["unauthenticated", 401, true],
    ]);
  });

  it("Bearer, API keys in a header, the query or a cookie, and a function for the rest", async () => {
    const events = [
      event("bearer", { path: "/b", security: [["Bearer"]] }),
      event("header", { path: "/h", security: [["HeaderKey"]] }),
      event("query", { path: "/q", security: [["QueryKey"]] }),
      event("cookie", { path: "/c", security: [["CookieKey"]] }),
    ];
    const ok = () => {};
    const { r } = receiver(
      events,
      { bearer: ok, header: ok, query: ok, cookie: ok },
      { onUnhandled: () => {}, security: { Bearer: "t0ken", HeaderKey: "k1", QueryKey: (key) => key === "k 2", CookieKey: ["k3"] } },
      schemes,
    );
    const status = async (path: string, headers: Record<string, string>) => (await post(r, headers, body, `http://x.test${path}`)).status;
    expect(await status("/b", { authorization: "Bearer t0ken" })).toBe(200);
    expect(await status("/b", { authorization: "bearer t0ken" })).toBe(200);
    expect(await status("/b", { authorization: "Bearer nope" })).toBe(401);
    expect(await status("/h", { "x-api-key": "k1" })).toBe(200);
    expect(await status("/h", {})).toBe(401);
    expect(await status("/q?key=k%202", {})).toBe(200);
    expect(await status("/q?key=k1", {})).toBe(401);
    expect(await status("/c", { cookie: "a=b; session=k3" })).toBe(200);
    expect(await status("/c", { cookie: "session=k4" })).toBe(401);
  });

  it("alternatives: either scheme will do; an empty alternative admits anyone; each event's own requirement holds once it is chosen", async () => {
    const events = [
      event("either", { path: "/e", security: [["Bearer"], ["HeaderKey"]] }),
      event("open", { path: "/o", security: [[], ["Bearer"]] }),
      // Two events on one route with different requirements: the body decides which, then its own requirement applies.
      event("a", { path: "/two", security: [["Bearer"]], conditions: [{ in: "body", path: ["type"], required: true, test: { equals: ["a"] } }] }),
      event("b", { path: "/two", security: [["HeaderKey"]], conditions: [{ in: "body", path: ["type"], required: true, test: { equals: ["b"] } }] }),
    ];
    const ok = () => {};
    const { r } = receiver(events, { either: ok, open: ok, a: ok, b: ok }, { onUnhandled: () => {}, security: { Bearer: "t", HeaderKey: "k" } }, schemes);
    const status = async (path: string, headers: Record<string, string>, b = body) => (await post(r, headers, b, `http://x.test${path}`)).status;
    expect(await status("/e", { "x-api-key": "k" })).toBe(200);
    expect(await status("/e", { authorization: "Bearer t" })).toBe(200);
    expect(await status("/e", {})).toBe(401);
    expect(await status("/o", {})).toBe(200);
    expect(await status("/two", { authorization: "Bearer t" }, JSON.stringify({ id: "1", type: "a" }))).toBe(200);
    expect(await status("/two", { authorization: "Bearer t" }, JSON.stringify({ id: "1", type: "b" }))).toBe(401);
    expect(await status("/two", { "x-api-key": "k" }, JSON.stringify({ id: "1", type: "b" }))).toBe(200);
  });
});

describe("deduplication", () => {
  const body = JSON.stringify({ id: "1" });

  it("a redelivery of a handled delivery is acknowledged without running the handler again", async () => {
    const calls: string[] = [];
    const { r, hooks } = receiver([event("paid")], { paid: () => void calls.push("paid") }, { verify: standardWebhooks({ secret: SECRET }), dedupe: true });
    const headers = await signStandardWebhooks({ secret: SECRET, body, id: "msg_1" });
    expect((await post(r, headers, body)).status).toBe(200);
    expect((await post(r, headers, body)).status).toBe(200);
    expect(calls).toEqual(["paid"]);
    expect(hooks.map((h) => [h.reason, h.status, h.deliveryId])).toEqual([["duplicate", 200, "msg_1"]]);
  });

  it("concurrent duplicates: the first runs, the others are 409 (retry later)", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const calls: string[] = [];
    const { r } = receiver([event("paid")], {
        paid: async () => {
          calls.push("paid");
          await gate;
        },
      }, { verify: standardWebhooks({ secret: SECRET }), dedupe: true, onUnhandled: () => {} });
    const headers = await signStandardWebhooks({ secret: SECRET, body, id: "msg_2" });
    const first = post(r, headers, body);
    const others = await Promise.all(Array.from({ length: 5 }, () => post(r, headers, body)));
    release();
    expect([(await first).status, ...others.map((o) => o.status)]).toEqual([200, 409, 409, 409, 409, 409]);
    expect(others[0]!.headers.get("retry-after")).toBe("5");
    expect(calls).toEqual(["paid"]);
  });

  it("a failed delivery is released, so the provider's retry is handled", async () => {
    let fail = true;
    const calls: string[] = [];
    const { r } = receiver(
      [event("paid")],
      {
        paid: () => {
          calls.push("paid");
          if (fail) throw new Error("database down");
        },
      },
      { verify: standardWebhooks({ secret: SECRET }), dedupe: true, onError: () => {} },
    );
    const headers = await signStandardWebhooks({ secret: SECRET, body, id: "msg_3" });
    expect((await post(r, headers, body)).status).toBe(500);
    fail = false;
    expect((await post(r, headers, body)).status).toBe(200);
    expect((await post(r, headers, body)).status).toBe(200);
    expect(calls).toEqual(["paid", "paid"]);
  });

  it("keys by a header the user names, and forgets after the TTL", async () => {
    let now = 0;
    const store = new MemoryDedupeStore(10, () => now);
    const calls: string[] = [];
    const { r } = receiver([event("paid")], { paid: () => void calls.push("paid") }, { dedupe: { store, key: { header: "x-delivery" }, ttlSeconds: 60 }, onUnhandled: () => {} });
    expect((await post(r, { "x-delivery": "d1" }, body)).status).toBe(200);
    expect((await post(r, { "x-delivery": "d1" }, body)).status).toBe(200);
    now = 61_000;
    expect((await post(r, { "x-delivery": "d1" }, body)).status).toBe(200);
    // No id, no dedupe.
    expect((await post(r, {}, body)).status).toBe(200);
    expect((await post(r, {}, body)).status).toBe(200);
    expect(calls).toHaveLength(4);
  });

  it("a store that fails answers 503, so the provider retries", async () => {
    const broken = { claim: () => Promise.reject(new Error("redis down")), complete: async () => {}, release: async () => {} };
    const errors: string[] = [];
    const { r } = receiver([event("paid")], { paid: () => {} }, { dedupe: { store: broken, key: { header: "x-delivery" } }, onError: (e, i) => void errors.push(`${i.stage} ${(e as Error).message}`) });
    const res = await post(r, { "x-delivery": "d1" }, body);
    expect([res.status, res.headers.get("retry-after"), errors]).toEqual([503, "5", ["dedupe redis down"]]);
  });
});

describe("graceful close", () => {
  it("lets deliveries in flight finish, answers new ones 503 with connection: close, then resolves", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { r, hooks } = receiver([event("slow")], { slow: async () => await gate });
    const body = JSON.stringify({ id: "1" });
    const inFlight = post(r, {}, body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    let closed = false;
    const closing = r.close({ timeoutMs: 5000 }).then(() => (closed = true));
    const refused = await post(r, {}, body);
    expect([refused.status, refused.headers.get("connection")]).toEqual([503, "close"]);
    expect(closed).toBe(false);
    release();
    expect((await inFlight).status).toBe(200);
    await closing;
    expect(closed).toBe(true);
    expect(hooks.map((h) => h.reason)).toEqual(["shutting-down"]);
  });

  it("does not wait past its timeout", async () => {
    const { r } = receiver([event("stuck")], { stuck: () => new Promise(() => {}) }, { deadlineMs: 60_000, onUnhandled: () => {} });
    void post(r, {}, JSON.stringify({ id: "1" }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await r.close({ timeoutMs: 100 });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
