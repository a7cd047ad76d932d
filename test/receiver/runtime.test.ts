/**
 * The receiver core through `fetch` and `handle`: the order of the pipeline (nothing parsed
 * before `verify`), telling events apart, unhandled events, deadlines, answers and options.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { BodySource } from "../../templates/runtime/body-read.js";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import { splitTarget } from "../../templates/runtime/routes.js";
import {
  createReceiverCore,
  DEFAULTS,
  type HandlerContext,
  type HandlerRequest,
  type ReceiverInput,
  type ReceiverOptions,
} from "../../templates/runtime/runtime.js";

type Handler = (request: HandlerRequest, context: HandlerContext) => unknown;

const ev = (name: string, extra: Partial<EventSpec> = {}): EventSpec => ({
  name,
  kind: "callback",
  method: "POST",
  path: "/",
  ack: 200,
  parameters: { specs: [] },
  body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({ id: z.string() }) }] },
  responses: [{ status: "200", mediaTypes: [] }],
  ...extra,
});

function receiver(events: EventSpec[], handlers: Record<string, Handler>, options: Omit<ReceiverOptions<Record<string, Handler>>, "handlers"> = {}) {
  return createReceiverCore(events, { handlers, ...options });
}

async function send(
  r: { fetch(req: Request): Promise<Response> },
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {},
) {
  const headers = { ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers };
  const res = await r.fetch(
    new Request(`http://example.test${path}`, { method: init.method ?? "POST", headers, body: init.body as BodyInit | undefined }),
  );
  const text = await res.text();
  const headers2: Record<string, string> = {};
  res.headers.forEach((value, name) => (headers2[name] = value));
  const json = (headers2["content-type"] ?? "").includes("json") && text ? JSON.parse(text) : undefined;
  return { status: res.status, headers: headers2, text, json };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("verify runs on the exact bytes, before anything parses them", () => {
  const calls: Uint8Array[] = [];
  const r = receiver(
    [ev("a", { path: "/a" }), ev("deep", { path: "/deep", body: { required: true, contents: [{ mediaType: "application/json", kind: "json" }] } })],
    { a: () => {}, deep: () => {} },
    {
      verify: (request, raw) => {
        calls.push(raw);
        return request.headers.get("x-sig") === "ok";
      },
    },
  );

  it.each([
    ["malformed JSON", "/a", "{", "application/json"],
    ["an undeclared media type", "/a", "{}", "text/plain"],
    ["20,000-deep JSON", "/deep", "[".repeat(20_000) + "]".repeat(20_000), "application/json"],
    ["a schema violation", "/a", '{"id":1}', "application/json"],
  ])("%s without a valid signature is 401", async (_name, path, body, type) => {
    const res = await send(r, path, { body, headers: { "content-type": type, "x-sig": "bad" } });
    expect([res.status, res.json]).toEqual([401, { error: "unauthorized" }]);
  });

  it("hands verify the bytes as sent, also when they are not UTF-8", async () => {
    calls.length = 0;
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    const res = await send(r, "/a", { body: bytes, headers: { "x-sig": "ok" } });
    expect(res.status).toBe(400);
    expect([...calls[0]!]).toEqual([...bytes]);
  });

  it("is not called for requests answered before reading", async () => {
    calls.length = 0;
    await send(r, "/nope", { body: "{}" });
    await send(r, "/a", { method: "PUT", body: "{}" });
    expect(calls).toEqual([]);
  });

  it("fails closed on anything but true, and on throwing", async () => {
    const errors: string[] = [];
    for (const [verify, want] of [
      [() => "yes" as unknown as boolean, 401],
      [() => 1 as unknown as boolean, 401],
      [async () => true, 200],
      [
        () => {
          throw new Error("key store down");
        },
        500,
      ],
      [
        async () => {
          throw new Error("key store down");
        },
        500,
      ],
    ] as const) {
      const rr = receiver([ev("a")], { a: () => {} }, { verify, onError: (e, info) => errors.push(`${info.stage}: ${(e as Error).message}`) });
      const res = await send(rr, "/", { body: '{"id":"1"}' });
      expect(res.status).toBe(want);
      expect(res.text).not.toContain("key store");
    }
    expect(errors).toEqual(["verify: key store down", "verify: key store down"]);
  });
});

describe("telling events apart", () => {
  const seen: string[] = [];
  const record = (name: string) => () => void seen.push(name);
  const unhandled: string[] = [];
  const typed = (type: string, schema = z.looseObject({ type: z.literal(type), n: z.number() })) =>
    ev(`t_${type}`, {
      conditions: [{ in: "body", path: ["type"], required: true, test: { equals: [type] } }],
      body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema }] },
    });
  const header = (name: string, value: string) => ({ in: "header" as const, name, required: true, test: { equals: [value] } });
  const events = [
    typed("a"),
    typed("b"),
    ev("big", {
      body: {
        required: true,
        contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({ id: z.string(), big: z.boolean() }) }],
      },
    }),
    ev("small"),
    ev("byHeader", { path: "/h", conditions: [header("x-kind", "one")] }),
    ev("other", { path: "/h", conditions: [header("x-kind", "two")] }),
    ev("ping", { path: "/gh", conditions: [{ in: "header", name: "x-github-event", required: true, test: { words: "ping" } }] }),
    ev("prOpened", {
      path: "/gh",
      conditions: [
        { in: "header", name: "x-github-event", required: true, test: { words: "pull request" } },
        { in: "body", path: ["action"], required: true, test: { equals: ["opened"] } },
      ],
    }),
    ev("nested", { path: "/n", conditions: [{ in: "body", path: ["meta", "kind"], required: true, test: { equals: [1] } }] }),
    ev("nestedOther", { path: "/n", conditions: [{ in: "body", path: ["meta", "kind"], required: true, test: { equals: [2] } }] }),
    // Adyen's shape: the name inside every item of an array; optional, so an empty list rules nothing out.
    ev("capture", {
      path: "/items",
      conditions: [{ in: "body", path: ["items", { items: true }, "code"], required: false, test: { equals: ["CAPTURE"] } }],
    }),
    ev("refund", {
      path: "/items",
      conditions: [{ in: "body", path: ["items", { items: true }, "code"], required: false, test: { equals: ["REFUND"] } }],
    }),
    ev("report", {
      path: "/items",
      conditions: [
        { in: "body", path: ["kind"], required: true, test: { equals: ["report"] } },
        { in: "body", path: ["items", { items: true }, "code"], required: false, test: { notIn: ["CAPTURE", "REFUND"] } },
      ],
    }),
    ev("template", { path: "/t", conditions: [{ in: "body", path: ["type"], required: true, test: { template: ["", ".write.successful"] } }] }),
    ev("templateNo", { path: "/t", conditions: [{ in: "body", path: ["type"], required: true, test: { template: ["", ".write.unsuccessful"] } }] }),
  ];
  const r = receiver(events, Object.fromEntries(events.map((e) => [e.name, record(e.name)])), {
    onUnhandled: (info) => void unhandled.push(`${info.reason} ${info.candidates.join(",")}`),
  });
  const cases: [string, string, Record<string, string>, unknown, number, string[], string[]][] = [
    ["a body constant", "/", {}, { type: "b", n: 1 }, 200, ["t_b"], []],
    ["a claimed event that fails its schema is invalid", "/", {}, { type: "a", n: "x" }, 422, [], ["invalid t_a"]],
    ["two schemas accept it: ambiguous, never a guess", "/", {}, { id: "1", big: true }, 202, [], ["ambiguous big,small"]],
    ["one schema accepts it: that event", "/", {}, { id: "1" }, 200, ["small"], []],
    ["none accepts it and none claims it: an unknown event", "/", {}, { nothing: 1 }, 202, [], ["unknown-event big,small"]],
    ["a header constant", "/h", { "x-kind": "two" }, { id: "1" }, 200, ["other"], []],
    ["no header constant holds", "/h", { "x-kind": "three" }, { id: "1" }, 202, [], ["unknown-event "]],
    ["the event-naming header, in any spelling", "/gh", { "x-github-event": "pull_request" }, { id: "1", action: "opened" }, 200, ["prOpened"], []],
    ["the event-naming header, camelCase", "/gh", { "x-github-event": "pullRequest" }, { id: "1", action: "opened" }, 200, ["prOpened"], []],
    ["a new action", "/gh", { "x-github-event": "pull_request" }, { id: "1", action: "typed" }, 202, [], ["unknown-event "]],
    ["no event-naming header", "/gh", {}, { id: "1" }, 202, [], ["unknown-event "]],
    ["a nested body pointer", "/n", {}, { id: "1", meta: { kind: 2 } }, 200, ["nestedOther"], []],
    ["a pointer value of another type", "/n", {}, { id: "1", meta: { kind: "2" } }, 202, [], ["unknown-event "]],
    ["every item names the event", "/items", {}, { id: "1", items: [{ code: "REFUND" }, { code: "REFUND" }] }, 200, ["refund"], []],
    ["items that disagree name no event", "/items", {}, { id: "1", items: [{ code: "REFUND" }, { code: "CAPTURE" }] }, 202, [], ["unknown-event "]],
    ["a value no other event is named by", "/items", {}, { id: "1", kind: "report", items: [{ code: "OTHER" }] }, 200, ["report"], []],
    ["without the optional list, every schema that accepts it is a candidate", "/items", {}, { id: "1" }, 202, [], ["ambiguous capture,refund"]],
    ["a template", "/t", {}, { id: "1", type: "bills.write.unsuccessful" }, 200, ["templateNo"], []],
    ["a template needs its variable", "/t", {}, { id: "1", type: ".write.successful" }, 202, [], ["unknown-event "]],
  ];
  it.each(cases)("%s", async (_name, path, headers, body, status, handled, unhandledWant) => {
    seen.length = 0;
    unhandled.length = 0;
    const res = await send(r, path, { body: JSON.stringify(body), headers });
    expect([res.status, seen, unhandled]).toEqual([status, handled, unhandledWant]);
  });

  it("answers the configured status to unhandled requests, and 500 when the hook throws", async () => {
    const errors: string[] = [];
    const quiet = receiver([typed("a"), typed("b")], { t_a: () => {}, t_b: () => {} }, { unhandledStatus: 200, onUnhandled: () => {} });
    expect((await send(quiet, "/", { body: '{"type":"c"}' })).status).toBe(200);
    const failing = receiver(
      [typed("a"), typed("b")],
      { t_a: () => {}, t_b: () => {} },
      {
        onUnhandled: async () => {
          throw new Error("queue full");
        },
        onError: (e, info) => errors.push(`${info.stage} ${(e as Error).message}`),
      },
    );
    const res = await send(failing, "/", { body: '{"type":"c"}' });
    expect([res.status, res.json, errors]).toEqual([500, { error: "internal error" }, ["unhandled queue full"]]);
  });
});

describe("what handlers receive", () => {
  it("gets validated params, the declared media type, the exact bytes, and a lazy web Request", async () => {
    let got: { request: HandlerRequest; url: string; raw: string; hasCookies: boolean } | undefined;
    const event = ev("a", {
      path: "/items/{id}",
      parameters: {
        specs: [
          { name: "id", in: "path", type: "integer", required: true },
          { name: "x-trace", in: "header", type: "string", required: false },
        ],
        path: z.looseObject({ id: z.number().int() }),
      },
      body: {
        required: true,
        contents: [
          { mediaType: "application/json", kind: "json", schema: z.looseObject({ id: z.string() }) },
          {
            mediaType: "application/x-www-form-urlencoded",
            kind: "form",
            schema: z.looseObject({ payload: z.looseObject({ id: z.string() }), n: z.number() }),
            jsonFields: ["payload"],
            fields: [{ name: "n", type: "integer" }],
          },
        ],
      },
    });
    const r = receiver([event], {
      a: (request, context) => {
        got = { request, url: context.request.url, raw: new TextDecoder().decode(context.rawBody), hasCookies: "cookies" in request };
      },
    });
    const body = "payload=%7B%22id%22%3A%22x%22%7D&n=5";
    const res = await send(r, "/items/42?q=1", { body, headers: { "content-type": "application/x-www-form-urlencoded", "x-trace": "t" } });
    expect(res.status).toBe(200);
    expect(got).toEqual({
      request: {
        path: { id: 42 },
        query: {},
        headers: { "x-trace": "t" },
        contentType: "application/x-www-form-urlencoded",
        body: { payload: { id: "x" }, n: 5 },
      },
      url: "http://example.test/items/42?q=1",
      raw: body,
      hasCookies: false,
    });
  });

  it.each<[string, string, string, unknown]>([
    ["XML, as text", "application/xml", "<a>1</a>", "<a>1</a>"],
    ["a +json media type, parsed", "application/vnd.acme+json", '{"id":"1"}', { id: "1" }],
    ["bytes, as they came", "application/octet-stream", "\u00ff", new Uint8Array([0xc3, 0xbf])],
  ])("gets %s", async (_name, mediaType, body, want) => {
    let got: unknown;
    const kind = mediaType.endsWith("json") ? "json" : mediaType.endsWith("xml") ? "text" : "binary";
    const r = receiver([ev("a", { body: { required: true, contents: [{ mediaType, kind }] } })], { a: (request) => void (got = request.body) });
    const res = await send(r, "/", { body, headers: { "content-type": mediaType } });
    expect([res.status, got]).toEqual([200, want]);
  });

  it("gives events that declare no body whatever was sent, unread", async () => {
    let got: HandlerRequest | undefined;
    const r = receiver([ev("ping", { body: { required: false, contents: [] } })], { ping: (request) => void (got = request) });
    const res = await send(r, "/", { body: "anything at all", headers: { "content-type": "application/octet-stream" } });
    expect([res.status, got]).toEqual([200, { path: {}, query: {}, headers: {}, contentType: undefined, body: undefined }]);
  });
});

describe("answers", () => {
  const typedEvent = ev("a", {
    ack: undefined,
    responses: [
      { status: "200", mediaTypes: ["application/json"] },
      { status: "2XX", mediaTypes: ["text/plain"] },
      { status: "default", mediaTypes: ["application/octet-stream"] },
    ],
  });
  const answer = async (result: unknown) => {
    const errors: string[] = [];
    const r = receiver([typedEvent], { a: () => result }, { onError: (e, info) => errors.push(`${info.stage}: ${(e as Error).message}`) });
    return { ...(await send(r, "/", { body: '{"id":"1"}' })), errors };
  };

  it.each<[string, unknown, number, string | undefined, string]>([
    ["JSON by the declared media type", { status: 200, body: { ok: true } }, 200, "application/json", '{"ok":true}'],
    ["a JSON string", { status: 200, body: "hi" }, 200, "application/json", '"hi"'],
    ["text for a 2XX range", { status: 201, body: "created" }, 201, "text/plain; charset=utf-8", "created"],
    ["bytes for default", { status: 500, body: new Uint8Array([1, 2]) }, 500, "application/octet-stream", "\x01\x02"],
    [
      "the handler's content type",
      { status: 200, contentType: "application/problem+json", body: { a: 1 } },
      200,
      "application/problem+json",
      '{"a":1}',
    ],
    ["no body for 204", { status: 204, body: { dropped: true } }, 204, undefined, ""],
    ["410 when the handler asks for it", { status: 410 }, 410, undefined, ""],
  ])("%s", async (_name, result, status, type, text) => {
    const res = await answer(result);
    expect([res.status, res.headers["content-type"], res.text, res.errors]).toEqual([status, type, text, []]);
  });

  it("passes the handler's headers, without framing ones", async () => {
    const res = await answer({
      status: 200,
      body: { ok: 1 },
      headers: { "X-Request-Id": "r1", "Retry-After": 5, "content-length": "999", connection: "upgrade" },
    });
    expect([res.headers["x-request-id"], res.headers["retry-after"], res.headers["content-length"], res.headers.connection]).toEqual([
      "r1",
      "5",
      undefined,
      undefined,
    ]);
  });

  it.each<[string, unknown, string]>([
    ["nothing where a body is required", undefined, "returned nothing"],
    ["a status outside 200–599", { status: 150 }, "status 150"],
    ["a non-integer status", { status: "200" }, "status 200"],
    ["a header value with CRLF", { status: 200, headers: { "x-a": "1\r\nset-cookie: x" } }, "cannot be sent"],
    ["a header name that is not a token", { status: 200, headers: { "x a": "1" } }, "cannot be sent"],
    ["a BigInt in a JSON body", { status: 200, body: { n: 1n } }, "not JSON-serializable"],
    ["an object for a text media type", { status: 200, contentType: "text/csv", body: { a: 1 } }, "not JSON"],
    ["something that is not a result", 42, "neither nothing nor"],
  ])("500 for %s, reported to onError", async (_name, result, message) => {
    const res = await answer(result);
    expect([res.status, res.json]).toEqual([500, { error: "internal error" }]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(/^response: /);
    expect(res.errors[0]).toContain(message);
  });

  it("maps thrown errors to 500 or 501 without their messages, and reports them", async () => {
    const errors: string[] = [];
    const notImplemented = Object.assign(new Error("todo"), { name: "NotImplementedError" });
    for (const [thrown, status] of [
      [new Error("secret detail"), 500],
      [notImplemented, 501],
      [{ name: "NotImplementedError" }, 501],
      ["a string", 500],
    ] as const) {
      const r = receiver(
        [ev("a")],
        {
          a: () => {
            throw thrown;
          },
        },
        { onError: (e, info) => errors.push(`${info.stage} ${info.event} ${info.late}`) },
      );
      const res = await send(r, "/", { body: '{"id":"1"}' });
      expect(res.status).toBe(status);
      expect(res.text).not.toContain("secret");
    }
    expect(errors).toEqual(Array(4).fill("handler a false"));
  });

  it("reports validation failures with the configured status, by location, capped", async () => {
    const many = z.looseObject(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, z.string()])));
    const r = receiver(
      [ev("a", { body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: many }] } })],
      { a: () => {} },
      { validationStatus: 400 },
    );
    const res = await send(r, "/", { body: "{}" });
    expect(res.status).toBe(400);
    expect(res.json.issues).toHaveLength(20);
    expect(res.json.issues[0]).toEqual({ in: "body", path: "/f0", message: expect.any(String) });
  });

  it("escapes JSON pointers and survives a schema that throws", async () => {
    const weird = z.looseObject({ "a/b~c": z.number() });
    const throwing = {
      safeParse: () => {
        throw new RangeError("Maximum call stack size exceeded");
      },
    };
    const r = receiver(
      [
        ev("w", { path: "/w", body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: weird }] } }),
        ev("t", { path: "/t", body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: throwing }] } }),
      ],
      { w: () => {}, t: () => {} },
    );
    expect((await send(r, "/w", { body: '{"a/b~c":"x"}' })).json.issues[0].path).toBe("/a~1b~0c");
    expect((await send(r, "/t", { body: "{}" })).json).toEqual({
      error: "validation failed",
      event: "t",
      issues: [{ in: "body", path: "", message: "the validator could not process this value" }],
    });
  });
});

describe("deadlines", () => {
  it("answers 503 when the handler outlives the deadline, aborts its signal, and reports a late failure", async () => {
    vi.useFakeTimers();
    const errors: string[] = [];
    let signal: AbortSignal | undefined;
    let fail!: (e: Error) => void;
    const r = receiver(
      [ev("a")],
      {
        a: (_req, context) => {
          signal = context.signal;
          return new Promise((_resolve, reject) => (fail = reject));
        },
      },
      { deadlineMs: 1000, onError: (e, info) => errors.push(`${info.stage} ${info.late} ${(e as Error).message}`) },
    );
    const pending = send(r, "/", { body: '{"id":"1"}' });
    await vi.advanceTimersByTimeAsync(999);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const res = await pending;
    expect([res.status, res.json, signal?.aborted, (signal?.reason as DOMException).name]).toEqual([
      503,
      { error: "handler timed out" },
      true,
      "TimeoutError",
    ]);
    fail(new Error("gave up"));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(["handler true gave up"]);
  });

  it("answers 408 when the body stops arriving, and 503 when verify hangs", async () => {
    vi.useFakeTimers();
    const r = receiver([ev("a")], { a: () => {} }, { deadlineMs: 500 });
    let cancelled = false;
    let settle: ((chunk: null) => void) | undefined;
    // A sender that never sends the rest; cancelling settles the pending read, as BodySource requires.
    const stalled: BodySource = {
      next: () => new Promise<Uint8Array | null>((resolve) => (settle = resolve)),
      cancel: () => {
        cancelled = true;
        settle?.(null);
      },
    };
    const pending = r.handle(input({ body: stalled }));
    await vi.advanceTimersByTimeAsync(500);
    expect(await pending).toMatchObject({ status: 408, close: true });
    expect(cancelled).toBe(true);

    const hanging = receiver([ev("a")], { a: () => {} }, { deadlineMs: 500, verify: () => new Promise<boolean>(() => {}) });
    const answer = hanging.handle(input({ body: once('{"id":"1"}') }));
    await vi.advanceTimersByTimeAsync(500);
    expect(await answer).toMatchObject({ status: 503 });
  });

  it("clears its timer once answered", async () => {
    vi.useFakeTimers();
    const r = receiver([ev("a")], { a: () => {} });
    await r.handle(input({ body: once('{"id":"1"}') }));
    expect(vi.getTimerCount()).toBe(0);
  });
});

/** A ReceiverInput without any web objects. */
function input(over: Partial<ReceiverInput> & { headers?: Record<string, string> } = {}): ReceiverInput {
  const headers: Record<string, string> = { "content-type": "application/json", ...over.headers };
  return {
    method: "POST",
    target: "/",
    header: (name) => headers[name] ?? null,
    body: null,
    toRequest: () => new Request("http://example.test/", { method: "POST" }),
    ...over,
  };
}

function once(text: string): BodySource {
  let done = false;
  return { next: async () => (done ? null : ((done = true), new TextEncoder().encode(text))), cancel: () => {} };
}

describe("bodies", () => {
  it("answers 413 from Content-Length without reading", async () => {
    let read = false;
    let cancelled = false;
    const r = receiver([ev("a")], { a: () => {} }, { maxBodyBytes: 10 });
    const out = await r.handle(
      input({ headers: { "content-length": "11" }, body: { next: async () => ((read = true), null), cancel: () => void (cancelled = true) } }),
    );
    expect([out.status, out.close, read, cancelled]).toEqual([413, true, false, true]);
  });

  it("counts streamed bytes against the cap, across chunks", async () => {
    const chunks = [new Uint8Array(6), new Uint8Array(6)];
    const r = receiver([ev("a")], { a: () => {} }, { maxBodyBytes: 10 });
    const out = await r.handle(input({ body: { next: async () => chunks.shift() ?? null, cancel: () => {} } }));
    expect([out.status, out.body]).toEqual([413, '{"error":"request body too large","maxBytes":10}']);
  });

  it("answers 400 when the body cannot be read", async () => {
    const r = receiver([ev("a")], { a: () => {} });
    const out = await r.handle(
      input({
        body: {
          next: async () => {
            throw new Error("ECONNRESET");
          },
          cancel: () => {},
        },
      }),
    );
    expect([out.status, out.close]).toEqual([400, true]);
  });

  it("joins chunks exactly", async () => {
    let raw: Uint8Array | undefined;
    const chunks = ['{"id":', '"x"}'].map((t) => new TextEncoder().encode(t));
    const r = receiver([ev("a")], { a: (_r, c) => void (raw = c.rawBody) });
    const out = await r.handle(input({ body: { next: async () => chunks.shift() ?? null, cancel: () => {} } }));
    expect([out.status, new TextDecoder().decode(raw), raw?.constructor]).toEqual([200, '{"id":"x"}', Uint8Array]);
  });

  it("treats an empty body as none", async () => {
    const r = receiver([ev("opt", { body: { required: false, contents: [{ mediaType: "application/json", kind: "json" }] } })], { opt: () => {} });
    expect((await send(r, "/", { body: "", headers: { "content-type": "text/whatever" } })).status).toBe(200);
  });

  it("fails loudly when something read the body before the receiver", async () => {
    const errors: string[] = [];
    const r = receiver([ev("a")], { a: () => {} }, { onError: (e, info) => errors.push(`${info.stage}: ${(e as Error).message}`) });
    const request = new Request("http://example.test/", { method: "POST", body: '{"id":"1"}' });
    await request.text();
    const res = await r.fetch(request);
    expect(res.status).toBe(500);
    expect(errors[0]).toMatch(/^internal: .*already read.*register it first/);
  });
});

describe("paths and mounting", () => {
  const r = receiver(
    [ev("a", { path: "/a" }), ev("hook", { kind: "webhook", sharedWebhookPath: true })],
    { a: () => {}, hook: () => {} },
    {
      basePath: "/api/hooks/",
      webhookPath: "/github",
    },
  );
  it.each([
    ["/api/hooks/a", 200],
    ["/api/hooks/a/", 200],
    ["/api/hooks/github", 200],
    ["/api/hooks", 404],
    ["/api/hooksa", 404],
    ["/a", 404],
    ["/api/hooks/x/../a", 200],
    ["/api/hooks/%61", 200],
  ])("%s → %d", async (path, status) => {
    expect((await send(r, path, { body: '{"id":"1"}' })).status).toBe(status);
  });

  it("never redirects, and names the allowed methods", async () => {
    const res = await send(r, "/api/hooks/a", { method: "GET" });
    expect([res.status, res.headers.allow]).toEqual([405, "POST"]);
  });

  it("reads targets exactly as the URL parser does", () => {
    const chars = fc.constantFrom(..."abZ09-._~!$&'()*+,;=:@%/?#[] \"<>\\^`{|}é".split(""), "%2e", "%2E", "%41", "..", "//", "%zz");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (parts) => {
        const target = "/" + parts.join("");
        let want: { path: string; query: string } | undefined;
        try {
          const url = new URL(`http://x${target}`);
          want = { path: url.pathname, query: url.search.slice(1) };
        } catch {
          want = undefined;
        }
        expect(splitTarget(target)).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("options", () => {
  it("has the documented defaults", () => {
    expect(DEFAULTS).toEqual({ maxBodyBytes: 1048576, maxJsonDepth: 128, deadlineMs: 8000, unhandledStatus: 202, ambiguousStatus: 202, validationStatus: 422 });
  });

  it("requires a handler for every event, own properties only", () => {
    expect(() => receiver([ev("a"), ev("toString"), ev("constructor")], { a: () => {} })).toThrow("missing: toString, constructor");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["maxBodyBytes", { maxBodyBytes: 0 }, "maxBodyBytes must be a positive integer"],
    ["maxJsonDepth", { maxJsonDepth: 1.5 }, "maxJsonDepth must be a positive integer"],
    ["deadlineMs", { deadlineMs: -1 }, "deadlineMs must be a positive integer"],
    ["unhandledStatus", { unhandledStatus: 700 }, "unhandledStatus must be an HTTP status"],
    ["validationStatus", { validationStatus: 200 }, "validationStatus must be an HTTP status in 400–599"],
    ["basePath", { basePath: "hooks" }, 'basePath must start with "/"'],
  ])("rejects a bad %s when created", (_name, options, message) => {
    expect(() => receiver([ev("a")], { a: () => {} }, options)).toThrow(message);
  });

  it("exposes its table", () => {
    const events = [ev("a")];
    expect(receiver(events, { a: () => {} }).events).toBe(events);
  });
});
