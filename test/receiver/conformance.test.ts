/**
 * Adapter conformance (THREATS.md B20, goal G8): one table of requests, each sent over real
 * loopback HTTP to node:http, Express, Fastify and Hono servers and to `receiver.fetch`
 * directly. Every target must give the same status, content type, `Allow` and body, and its
 * handlers must see the same calls — then the answer is checked against what the table says.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MultipartBody } from "../../templates/runtime/multipart-body.js";
import { makeReceiver, newRecorder, sign, SIGNATURE_HEADER, type Hook, type Recorder } from "./support/table.js";
import { startTarget, TARGETS, type Target, type TestRequest, type TestResponse } from "./support/targets.js";

const MAX_BODY = 64 * 1024;
// Generous: a normal request takes milliseconds; only the two deadline cases wait this long.
const DEADLINE = 1500;

interface Case {
  name: string;
  request: TestRequest & { signature?: string | null };
  status: number;
  /** The answer's body, parsed as JSON; `""` for an empty body. */
  body?: unknown;
  /** Events whose handlers ran, in order. */
  calls?: string[];
  /**
   * The one `onUnhandled` call a delivery that reaches no handler makes (none otherwise):
   * reason, status, candidates, whose validation issues, whether the raw body was read.
   */
  hook?: Hook;
  /** Further checks on one target's recorder (they are the same on every target). */
  check?: (rec: Recorder, res: TestResponse) => void;
}

const json = (value: unknown) => JSON.stringify(value);
const acme = (type: string, extra: Record<string, unknown> = {}) =>
  json({ id: "evt_1", type, data: { id: 820982911946154508, amount: { amount: 100, currency: "EUR" } }, ...extra });
const acmeHeaders = { "content-type": "application/json", "acme-delivery": "5f0c6e2a-3b1d-4c8e-9f7a-2d4b6c8e0a1b" };
const gh = (action: string) => json({ action, issue: { number: 7 }, repository: { full_name: "o/r" } });
const ghHeaders = (event: string) => ({ "content-type": "application/json", "x-github-event": event, "x-github-delivery": "d-1" });
const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

const cases: Case[] = [
  {
    name: "webhook on the shared path",
    request: { method: "POST", path: "/hooks/acme", headers: acmeHeaders, body: acme("payment.succeeded") },
    status: 200,
    body: "",
    calls: ["paymentSucceeded"],
  },
  {
    name: "second webhook, told apart by its body",
    request: { method: "POST", path: "/hooks/acme", headers: acmeHeaders, body: acme("payment.failed") },
    status: 200,
    body: "",
    calls: ["paymentFailed"],
  },
  {
    name: "an event type added after generation is acknowledged",
    request: { method: "POST", path: "/hooks/acme", headers: acmeHeaders, body: acme("payment.refunded") },
    status: 202,
    body: "",
    calls: [],
    hook: { reason: "unknown-event", status: 202, candidates: [], issues: [], rawBody: true },
  },
  {
    name: "GitHub-style: event header + action",
    request: { method: "POST", path: "/hooks/github", headers: ghHeaders("issues"), body: gh("closed") },
    status: 200,
    body: "",
    calls: ["issuesClosed"],
  },
  {
    name: "GitHub-style: a new action of a known event",
    request: { method: "POST", path: "/hooks/github", headers: ghHeaders("issues"), body: gh("typed") },
    status: 202,
    hook: { reason: "unknown-event", status: 202, candidates: [], issues: [], rawBody: true },
    body: "",
    calls: [],
  },
  {
    name: "GitHub-style: another event's header",
    request: { method: "POST", path: "/hooks/github", headers: ghHeaders("pull_request"), body: gh("opened") },
    status: 202,
    hook: { reason: "unknown-event", status: 202, candidates: [], issues: [], rawBody: true },
    body: "",
    calls: [],
  },
  {
    name: "GitHub-style form delivery (payload=<json>)",
    request: {
      method: "POST",
      path: "/hooks/github",
      headers: { ...ghHeaders("issues"), "content-type": "application/x-www-form-urlencoded" },
      body: "payload=" + encodeURIComponent(gh("opened")),
    },
    status: 200,
    body: "",
    calls: ["issuesOpened"],
    check: (rec) =>
      expect(rec.calls[0]!.request.body).toEqual({ payload: { action: "opened", issue: { number: 7 }, repository: { full_name: "o/r" } } }),
  },
  {
    name: "callback with a path parameter and a typed JSON answer",
    request: {
      method: "POST",
      path: "/hooks/invoices/inv%2042",
      headers: { "content-type": "application/json" },
      body: json({ invoiceId: "inv 42", status: "paid" }),
    },
    status: 200,
    body: { ok: true },
    calls: ["invoiceNotification"],
    check: (rec) => expect(rec.calls[0]!.request.path).toEqual({ id: "inv 42" }),
  },
  {
    name: "the handler's own 4xx passes through",
    request: {
      method: "POST",
      path: "/hooks/invoices/other",
      headers: { "content-type": "application/json" },
      body: json({ invoiceId: "inv 42", status: "paid" }),
    },
    status: 422,
    body: { detail: [{ loc: ["path", "id"], msg: "mismatch" }] },
    calls: ["invoiceNotification"],
  },
  {
    name: "query and cookie parameters, trailing slash",
    request: {
      method: "POST",
      path: "/hooks/data/?limit=5&tags=a&tags=b%2Cc",
      headers: { "content-type": "application/json", cookie: "session=s%201; other=x" },
      body: json({ samples: [1, 2] }),
    },
    status: 202,
    body: "",
    calls: ["onData"],
    check: (rec) => {
      const r = rec.calls[0]!.request;
      expect([r.query, r.cookies, r.contentType, r.body]).toEqual([
        { limit: 5, tags: ["a", "b,c"] },
        { session: "s 1" },
        "application/json",
        { samples: [1, 2] },
      ]);
    },
  },
  {
    name: "an optional body left out",
    request: { method: "POST", path: "/hooks/data" },
    status: 202,
    body: "",
    calls: ["onData"],
    check: (rec) => expect(rec.calls[0]!.request).toMatchObject({ body: undefined, contentType: "application/json" }),
  },
  {
    name: "a query parameter of the wrong type",
    request: { method: "POST", path: "/hooks/data?limit=abc", headers: { "content-type": "application/json" }, body: json({ samples: [] }) },
    status: 422,
    hook: { reason: "invalid", status: 422, candidates: ["onData"], issues: ["onData"], rawBody: true },
    body: { error: "validation failed", event: "onData", issues: [{ in: "query", path: "/limit", message: expect.any(String) }] },
    calls: [],
  },
  {
    name: "wrong method on a known path",
    request: { method: "GET", path: "/hooks/data" },
    status: 405,
    hook: { reason: "method-not-allowed", status: 405, candidates: [], issues: [], rawBody: false },
    body: { error: "method not allowed" },
    calls: [],
  },
  {
    name: "unknown path",
    request: { method: "POST", path: "/hooks/nope", headers: { "content-type": "application/json" }, body: "{}" },
    status: 404,
    hook: { reason: "not-found", status: 404, candidates: [], issues: [], rawBody: false },
    body: { error: "not found" },
    calls: [],
  },
  {
    name: "oversize body, declared by Content-Length",
    request: { method: "POST", path: "/hooks/acme", headers: acmeHeaders, body: " ".repeat(MAX_BODY + 1) },
    status: 413,
    hook: { reason: "too-large", status: 413, candidates: [], issues: [], rawBody: false },
    body: { error: "request body too large", maxBytes: MAX_BODY },
    calls: [],
  },
  {
    name: "oversize body, streamed without Content-Length",
    request: { method: "POST", path: "/hooks/acme", headers: acmeHeaders, stream: { total: 1024 * 1024, chunk: 16 * 1024 } },
    status: 413,
    hook: { reason: "too-large", status: 413, candidates: [], issues: [], rawBody: false },
    body: { error: "request body too large", maxBytes: MAX_BODY },
    calls: [],
  },
  {
    name: "a media type the spec does not declare",
    request: { method: "POST", path: "/hooks/acme", headers: { ...acmeHeaders, "content-type": "text/plain" }, body: acme("payment.succeeded") },
    status: 415,
    hook: { reason: "unsupported-media-type", status: 415, candidates: [], issues: [], rawBody: true },
    body: { error: "unsupported media type", accepted: ["application/json"] },
    calls: [],
  },
  {
    name: "a charset other than UTF-8",
    request: {
      method: "POST",
      path: "/hooks/acme",
      headers: { ...acmeHeaders, "content-type": "application/json; charset=latin1" },
      body: acme("payment.succeeded"),
    },
    status: 415,
    hook: { reason: "unsupported-charset", status: 415, candidates: [], issues: [], rawBody: true },
    body: { error: "unsupported charset", accepted: ["utf-8"] },
    calls: [],
  },
  {
    name: "two Content-Type headers",
    request: {
      method: "POST",
      path: "/hooks/acme",
      headers: { ...acmeHeaders, "content-type": ["application/json", "text/plain"] },
      body: acme("payment.succeeded"),
    },
    status: 415,
    hook: { reason: "unsupported-media-type", status: 415, candidates: [], issues: [], rawBody: true },
    body: { error: "unsupported media type", accepted: ["application/json"] },
    calls: [],
  },
  {
    name: "a compressed body (never inflated)",
    request: { method: "POST", path: "/hooks/acme", headers: { ...acmeHeaders, "content-encoding": "gzip" }, body: acme("payment.succeeded") },
    status: 415,
    hook: { reason: "unsupported-encoding", status: 415, candidates: [], issues: [], rawBody: true },
    body: { error: "unsupported content encoding" },
    calls: [],
  },
  {
    name: "malformed JSON",
    request: { method: "POST", path: "/hooks/acme", headers: acmeHeaders, body: '{"id": "evt_1", "type": ' },
    status: 400,
    hook: { reason: "malformed", status: 400, candidates: [], issues: [], rawBody: true },
    body: { error: "malformed request body" },
    calls: [],
  },
  {
    name: "invalid UTF-8",
    request: { method: "POST", path: "/hooks/note", headers: { "content-type": "text/plain" }, body: new Uint8Array([0x68, 0xff, 0x69]) },
    status: 400,
    hook: { reason: "malformed", status: 400, candidates: [], issues: [], rawBody: true },
    body: { error: "malformed request body" },
    calls: [],
  },
  {
    name: "__proto__ and constructor keys in a signed payload",
    request: {
      method: "POST",
      path: "/hooks/acme",
      headers: acmeHeaders,
      body: '{"id":"evt_1","type":"payment.succeeded","__proto__":{"polluted":1},"data":{"id":1,"amount":{"amount":1,"currency":"EUR"},"metadata":{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":2}},"\\u005f_proto__":{"x":3},"note":"ok"}}}',
    },
    status: 200,
    body: "",
    calls: ["paymentSucceeded"],
    check: (rec) => {
      const body = rec.calls[0]!.request.body as Record<string, unknown> & { data: { metadata: Record<string, unknown> } };
      expect(Object.hasOwn(body, "__proto__")).toBe(false);
      expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
      expect(Object.keys(body.data.metadata).sort()).toEqual(["constructor", "note"]);
      expect(body.data.metadata.constructor).toEqual({ prototype: { polluted: 2 } });
      expect(({} as Record<string, unknown>).polluted ?? ({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
  },
  {
    name: "20,000-deep JSON",
    request: { method: "POST", path: "/hooks/tree", headers: { "content-type": "application/json" }, body: deep(20_000) },
    status: 400,
    hook: { reason: "too-deep", status: 400, candidates: [], issues: [], rawBody: true },
    body: { error: "request body nested too deeply", maxDepth: 128 },
    calls: [],
  },
  {
    name: "a recursive payload within the depth limit",
    request: {
      method: "POST",
      path: "/hooks/tree",
      headers: { "content-type": "application/json" },
      body: json({ name: "a", children: [{ name: "b", children: [{ name: "c" }] }] }),
    },
    status: 200,
    body: "",
    calls: ["tree"],
  },
  {
    name: "a schema violation",
    request: {
      method: "POST",
      path: "/hooks/acme",
      headers: acmeHeaders,
      body: json({ id: "evt_1", type: "payment.succeeded", data: { id: 1, amount: { amount: -1, currency: "SECRET-VALUE" } } }),
    },
    status: 422,
    body: {
      error: "validation failed",
      event: "paymentSucceeded",
      issues: [
        { in: "body", path: "/data/amount/amount", message: expect.any(String) },
        { in: "body", path: "/data/amount/currency", message: expect.any(String) },
      ],
    },
    calls: [],
    hook: { reason: "invalid", status: 422, candidates: ["paymentSucceeded"], issues: ["paymentSucceeded"], rawBody: true },
    check: (_rec, res) => expect(res.body).not.toContain("SECRET-VALUE"),
  },
  {
    name: "a missing required header",
    request: { method: "POST", path: "/hooks/acme", headers: { "content-type": "application/json" }, body: acme("payment.succeeded") },
    status: 422,
    body: { error: "validation failed", event: "paymentSucceeded", issues: [{ in: "header", path: "/acme-delivery", message: expect.any(String) }] },
    calls: [],
    hook: { reason: "invalid", status: 422, candidates: ["paymentSucceeded"], issues: ["paymentSucceeded"], rawBody: true },
  },
  {
    name: "an empty body where one is required",
    request: { method: "POST", path: "/hooks/invoices/1", headers: { "content-type": "application/json" }, body: "" },
    status: 422,
    body: { error: "validation failed", event: "invoiceNotification", issues: [{ in: "body", path: "", message: "a request body is required" }] },
    calls: [],
    hook: { reason: "invalid", status: 422, candidates: ["invoiceNotification"], issues: ["invoiceNotification"], rawBody: true },
  },
  {
    name: "text/plain",
    request: { method: "POST", path: "/hooks/note", headers: { "content-type": "text/plain; charset=UTF-8" }, body: "héllo" },
    status: 200,
    body: "",
    calls: ["note"],
    check: (rec) => expect(rec.calls[0]!.request.body).toBe("héllo"),
  },
  {
    name: "multipart/form-data with a file",
    request: {
      method: "POST",
      path: "/hooks/upload",
      headers: { "content-type": "multipart/form-data; boundary=XyZ" },
      body: [
        "--XyZ",
        'Content-Disposition: form-data; name="title"',
        "",
        "Report",
        "--XyZ",
        'Content-Disposition: form-data; name="count"',
        "",
        "3",
        "--XyZ",
        'Content-Disposition: form-data; name="meta"',
        "",
        '{"a":1}',
        "--XyZ",
        'Content-Disposition: form-data; name="file"; filename="r.bin"',
        "Content-Type: application/octet-stream",
        "",
        "\x00\x01binary",
        "--XyZ--",
        "",
      ].join("\r\n"),
    },
    status: 200,
    body: "",
    calls: ["upload"],
    check: (rec) => {
      const body = rec.calls[0]!.request.body as { title: string; count: number; meta: unknown; file: File };
      expect([body.title, body.count, body.meta, body.file.name, body.file.size]).toEqual(["Report", 3, { a: 1 }, "r.bin", 8]);
    },
  },
  {
    name: "multipart/related: a JSON root part and a binary part",
    request: {
      method: "POST",
      path: "/hooks/related",
      headers: { "content-type": 'multipart/related; boundary="rel-1"; type="application/json"' },
      body: new Uint8Array([
        ...new TextEncoder().encode(
          [
            "preamble",
            "--rel-1",
            "Content-Type: application/json",
            "",
            '{"id":"n1","ref":"bin"}',
            "--rel-1 ",
            "Content-Type: application/octet-stream",
            "Content-ID: <bin>",
            "",
            "",
          ].join("\r\n"),
        ),
        ...[0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d],
        ...new TextEncoder().encode("\r\n--rel-1--\r\nepilogue"),
      ]),
    },
    status: 200,
    body: "",
    calls: ["related"],
    check: (rec) => {
      const body = rec.calls[0]!.request.body as MultipartBody<{ jsonData: unknown; binary: Blob }>;
      expect(body.parts.map((p) => [p.contentType, p.contentId, [...p.body].length])).toEqual([
        ["application/json", undefined, 23],
        ["application/octet-stream", "bin", 6],
      ]);
      expect([...body.parts[1]!.body]).toEqual([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);
      expect([body.root, body.value.jsonData, body.value.binary.size]).toEqual([body.parts[0], { id: "n1", ref: "bin" }, 6]);
    },
  },
  {
    name: "multipart/mixed parts, unmapped",
    request: {
      method: "POST",
      path: "/hooks/related",
      headers: { "content-type": "multipart/mixed; boundary=mix" },
      body: ["--mix", "", "plain text", "--mix", "Content-Type: text/csv; charset=utf-8", "X-Row-Count: 1", "", "a,b", "--mix--", ""].join("\r\n"),
    },
    status: 200,
    body: "",
    calls: ["related"],
    check: (rec) => {
      const body = rec.calls[0]!.request.body as MultipartBody;
      const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
      expect(body.parts.map((p) => [p.contentType, p.headers, text(p.body)])).toEqual([
        ["text/plain", {}, "plain text"],
        ["text/csv", { "content-type": "text/csv; charset=utf-8", "x-row-count": "1" }, "a,b"],
      ]);
      expect([body.root, body.value]).toEqual([body.parts[0], undefined]);
    },
  },
  {
    name: "multipart/related without its close delimiter",
    request: {
      method: "POST",
      path: "/hooks/related",
      headers: { "content-type": "multipart/related; boundary=rel-1" },
      body: ["--rel-1", "Content-Type: application/json", "", '{"id":"n1","ref":"bin"}', "--rel-1", "", "cut here"].join("\r\n"),
    },
    status: 400,
    hook: { reason: "malformed", status: 400, candidates: [], issues: [], rawBody: true },
    body: { error: "malformed request body" },
    calls: [],
  },
  {
    name: "a handler that throws",
    request: { method: "POST", path: "/hooks/boom", headers: { "content-type": "application/json" }, body: json({ id: "1" }) },
    status: 500,
    body: { error: "internal error" },
    calls: ["boom"],
    check: (rec, res) => {
      expect(res.body).not.toContain("hunter2");
      expect(rec.errors).toEqual([{ stage: "handler", event: "boom", late: false, message: "database password is hunter2" }]);
    },
  },
  {
    name: "a handler not implemented yet",
    request: { method: "POST", path: "/hooks/todo", headers: { "content-type": "application/json" }, body: json({ id: "1" }) },
    status: 501,
    body: { error: "not implemented" },
    calls: ["todo"],
  },
  {
    name: "a handler that returns nothing where a body is required",
    request: { method: "POST", path: "/hooks/silent", headers: { "content-type": "application/json" }, body: json({ id: "1" }) },
    status: 500,
    body: { error: "internal error" },
    calls: ["silent"],
    check: (rec) => expect(rec.errors.map((e) => e.stage)).toEqual(["response"]),
  },
  {
    name: "a handler that outlives the deadline",
    request: { method: "POST", path: "/hooks/slow", headers: { "content-type": "application/json" }, body: json({ id: "1" }) },
    status: 503,
    body: { error: "handler timed out" },
    calls: ["slow"],
    check: (rec) => expect(rec.calls[0]!.aborted).toBe(true),
  },
  {
    name: "a body that stops arriving",
    request: { method: "POST", path: "/hooks/acme", headers: acmeHeaders, stall: true },
    status: 408,
    hook: { reason: "body-timeout", status: 408, candidates: [], issues: [], rawBody: false },
    body: { error: "request body not received in time" },
    calls: [],
  },
  {
    name: "a bad signature",
    request: { method: "POST", path: "/hooks/acme", headers: acmeHeaders, body: acme("payment.succeeded"), signature: "sha256=" + "0".repeat(64) },
    status: 401,
    hook: { reason: "unverified", status: 401, candidates: [], issues: [], rawBody: true },
    body: { error: "unauthorized" },
    calls: [],
  },
  {
    name: "no signature",
    request: { method: "POST", path: "/hooks/acme", headers: acmeHeaders, body: acme("payment.succeeded"), signature: null },
    status: 401,
    hook: { reason: "unverified", status: 401, candidates: [], issues: [], rawBody: true },
    body: { error: "unauthorized" },
    calls: [],
  },
];

/** File objects do not survive structured comparison as data: compare what they hold. */
function comparable(value: unknown): unknown {
  if (value instanceof Blob) return { blob: value.size, type: value.type, name: (value as File).name };
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  return value;
}

describe("adapter conformance", () => {
  const recorders = new Map<string, Recorder>();
  const targets: Target[] = [];

  beforeAll(async () => {
    for (const name of TARGETS) {
      const rec = newRecorder();
      recorders.set(name, rec);
      targets.push(await startTarget(name, (mount) => makeReceiver(rec, { ...mount, maxBodyBytes: MAX_BODY, deadlineMs: DEADLINE })));
    }
  });
  afterAll(async () => {
    await Promise.all(targets.map((t) => t.close()));
  });

  it.each(cases)("$name", async (c) => {
    for (const rec of recorders.values()) Object.assign(rec, newRecorder());
    const { signature, ...request } = c.request;
    const headers = { ...request.headers };
    const sig = signature === undefined ? (request.body !== undefined ? sign(request.body) : sign("")) : signature;
    if (sig !== null) headers[SIGNATURE_HEADER] = sig;
    const results = await Promise.all(targets.map((t) => t.send({ ...request, headers })));

    // Identical on every adapter…
    const byTarget = Object.fromEntries(targets.map((t, i) => [t.name, { ...results[i]!, calls: comparable(recorders.get(t.name)!.calls) }]));
    for (const t of targets.slice(1)) expect({ target: t.name, ...byTarget[t.name] }).toEqual({ target: t.name, ...byTarget[targets[0]!.name] });

    // …and what the table says.
    const res = results[0]!;
    expect(res.status).toBe(c.status);
    if (c.body !== undefined) expect(res.body === "" ? "" : JSON.parse(res.body)).toEqual(c.body);
    if (res.body !== "") expect(res.contentType).toBe("application/json");
    if (c.status === 405) expect(res.allow).toBe("POST");
    if (c.calls) expect(recorders.get("fetch")!.calls.map((x) => x.event)).toEqual(c.calls);
    // Nothing lost: exactly one hook call for a delivery no handler got, the same on every target.
    for (const t of targets) expect({ target: t.name, hook: recorders.get(t.name)!.unhandled }).toEqual({ target: t.name, hook: c.hook ? [c.hook] : [] });
    c.check?.(recorders.get("fetch")!, res);
    // Nothing any request did reached Object.prototype.
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it("mounting never took over the apps' other routes", async () => {
    const byName = new Map(targets.map((t) => [t.name, t]));
    for (const name of ["express", "fastify", "hono"]) {
      const res = await byName.get(name)!.send({ method: "POST", path: "/echo", headers: { "content-type": "application/json" }, body: '{"a":1}' });
      expect([name, res.status, JSON.parse(res.body)]).toEqual([name, 200, { a: 1 }]);
    }
  });
});
