/**
 * Hostile requests (THREATS.md part B, issue 13): each sent over real loopback HTTP to the
 * node, Express, Fastify and Hono servers and to `receiver.fetch`, against a receiver that
 * verifies Standard Webhooks signatures and deduplicates. Every target gives the documented
 * status; nothing crashes or rejects unhandled; no handler runs for a request that was not
 * verified; and no request costs more than 100 ms of CPU — not even a catastrophic `pattern`
 * field or a 10 KiB route segment of many parameters, which once took seconds.
 */
import net from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { RE2JS } from "re2js";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import { createReceiverCore, type UnhandledInfo } from "../../templates/runtime/runtime.js";
import { standardWebhooks } from "../../templates/runtime/signatures.js";
import { signStandardWebhooks } from "../../templates/runtime/signatures-sign.js";
import { nodeServer } from "../../templates/adapters/node.js";
import { startTarget, TARGETS, type Target, type TestRequest } from "./support/targets.js";

const SECRET = "whsec_" + Buffer.from("a test secret of 24+ bytes").toString("base64");
const MAX_BODY = 64 * 1024;

/** A body field whose spec pattern backtracks catastrophically on a JavaScript RegExp. */
const evil = RE2JS.compile("^(a+)+$");
const catastrophic = z.string().refine((v) => evil.matches(v), "must match the pattern ^(a+)+$");

const events: EventSpec[] = [
  {
    name: "paid",
    kind: "webhook",
    method: "POST",
    path: "/",
    ack: 200,
    parameters: { specs: [] },
    body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({ id: z.string(), note: catastrophic.optional() }) }] },
    responses: [{ status: "200", mediaTypes: [] }],
  },
  {
    name: "file",
    kind: "callback",
    method: "POST",
    path: "/files/{a}-{b}-{c}-{d}.json",
    ack: 200,
    parameters: { specs: ["a", "b", "c", "d"].map((n) => ({ name: n, in: "path" as const, type: "string" as const, required: true })) },
    body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({ id: z.string() }) }] },
    responses: [{ status: "200", mediaTypes: [] }],
  },
];

interface Row {
  name: string;
  request: () => Promise<TestRequest>;
  status: number;
  /** The `onUnhandled` reason, when no handler runs. */
  reason?: string;
  /** Handler calls on one target for this row. */
  calls?: number;
}

const json = (v: unknown) => JSON.stringify(v);
async function signed(path: string, body: string | Uint8Array, extra: Record<string, string> = {}, id?: string): Promise<TestRequest> {
  const headers = { "content-type": "application/json", ...(await signStandardWebhooks({ secret: SECRET, body, ...(id ? { id } : {}) })), ...extra };
  return { method: "POST", path: `/hooks${path}`, headers, body };
}

const rows: Row[] = [
  { name: "a signed, valid delivery", request: () => signed("/", json({ id: "1" })), status: 200, calls: 1 },
  { name: "no signature", request: async () => ({ method: "POST", path: "/hooks/", headers: { "content-type": "application/json" }, body: json({ id: "1" }) }), status: 401, reason: "unverified" },
  { name: "oversize, by Content-Length", request: () => signed("/", json({ id: "x".repeat(MAX_BODY) })), status: 413, reason: "too-large" },
  { name: "a gzip bomb, signed (never inflated)", request: async () => signed("/", gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)), { "content-encoding": "gzip" }), status: 415, reason: "unsupported-encoding" },
  { name: "JSON 20,000 deep, signed", request: () => signed("/", "[".repeat(20_000) + "]".repeat(20_000)), status: 400, reason: "too-deep" },
  { name: "__proto__ in a signed payload", request: () => signed("/", '{"id":"1","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'), status: 200, calls: 1 },
  ...["1614265330abc", "+1614265330", "1614265330000", "", "0x5fd3"].map(
    (t): Row => ({ name: `junk timestamp ${JSON.stringify(t)}`, request: () => signed("/", json({ id: "1" }), { "webhook-timestamp": t }), status: 401, reason: "unverified" }),
  ),
  { name: "a validly signed body that is not UTF-8", request: () => signed("/", new Uint8Array([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])), status: 400, reason: "malformed" },
  { name: "a catastrophic pattern field of 10,000 characters", request: () => signed("/", json({ id: "1", note: "a".repeat(10_000) + "!" })), status: 422, reason: "invalid" },
  { name: "a 10 KiB route segment of four parameters", request: () => signed(`/files/${"a-".repeat(5_000)}x.json`, json({ id: "1" })), status: 200, calls: 1 },
  { name: "a body that stops arriving (slow loris)", request: async () => ({ ...(await signed("/", json({ id: "1" }))), stall: true }), status: 408, reason: "body-timeout" },
];

describe("hostile requests, on every adapter", () => {
  const targets: Target[] = [];
  const calls = new Map<string, number>();
  const hooks = new Map<string, UnhandledInfo[]>();
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => void rejections.push(reason);

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    for (const name of TARGETS) {
      calls.set(name, 0);
      hooks.set(name, []);
      targets.push(
        await startTarget(name, (mount) =>
          createReceiverCore(
            events,
            {
              handlers: { paid: () => void calls.set(name, calls.get(name)! + 1), file: () => void calls.set(name, calls.get(name)! + 1) },
              verify: standardWebhooks({ secret: SECRET }),
              dedupe: true,
              maxBodyBytes: MAX_BODY,
              deadlineMs: 800,
              onUnhandled: (info) => void hooks.get(name)!.push(info),
              ...mount,
            },
            undefined,
            { signature: "standard-webhooks" },
          ),
        ),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(targets.map((t) => t.close()));
    process.off("unhandledRejection", onRejection);
  });

  it.each(rows.map((r) => [r.name, r] as const))("%s", async (_, row) => {
    for (const t of targets) {
      calls.set(t.name, 0);
      hooks.set(t.name, []);
      // Each target gets its own signed copy: a delivery id is handled once.
      const request = await row.request();
      const before = process.cpuUsage();
      const res = await t.send(request);
      const cpu = process.cpuUsage(before);
      expect({ target: t.name, status: res.status }).toEqual({ target: t.name, status: row.status });
      expect({ target: t.name, calls: calls.get(t.name) }).toEqual({ target: t.name, calls: row.calls ?? 0 });
      if (row.reason) expect({ target: t.name, reasons: hooks.get(t.name)!.map((h) => h.reason) }).toEqual({ target: t.name, reasons: [row.reason] });
      // Server and client share this process: the figure bounds both.
      expect((cpu.user + cpu.system) / 1000, `${t.name}: ${row.name}`).toBeLessThan(100);
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it("a replayed delivery runs its handler once", async () => {
    for (const t of targets) {
      calls.set(t.name, 0);
      const request = await signed("/", json({ id: "1" }), {}, `msg_replay_${t.name}`);
      expect([(await t.send(request)).status, (await t.send(request)).status]).toEqual([200, 200]);
      expect({ target: t.name, calls: calls.get(t.name) }).toEqual({ target: t.name, calls: 1 });
    }
  });
});

describe("slow headers", () => {
  it("nodeServer answers a request whose headers never finish within its header timeout", async () => {
    const receiver = createReceiverCore(events, { handlers: { paid: () => {}, file: () => {} }, insecure: true, onUnhandled: () => {} });
    const server = nodeServer(receiver, { headersTimeoutMs: 300, requestTimeoutMs: 600 });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => socket.write("POST /hooks/ HTTP/1.1\r\nHost: x\r\nX-Slow: "));
      let got = "";
      socket.on("data", (d) => (got += d.toString()));
      socket.on("close", () => resolve(got));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
    await new Promise((resolve) => server.close(resolve));
  });
});
