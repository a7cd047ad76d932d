/**
 * What each adapter must do beyond the shared conformance table: refuse a body another
 * middleware already read, keep connections usable, close them after an unread oversize
 * body, rebuild the web Request, respect mount points.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expressMiddleware } from "../../templates/adapters/express.js";
import { fastifyReceiver } from "../../templates/adapters/fastify.js";
import { fetchHandler } from "../../templates/adapters/fetch.js";
import { honoHandler } from "../../templates/adapters/hono.js";
import { nextRouteHandlers } from "../../templates/adapters/next.js";
import { BODY_CONSUMED_MESSAGE, headerOf, nodeHandler } from "../../templates/adapters/node.js";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import { createReceiverCore, type HandlerContext, type Receiver, type RequestHead } from "../../templates/runtime/runtime.js";
import { httpSend } from "./support/targets.js";

const events: EventSpec[] = [
  {
    name: "a",
    kind: "callback",
    method: "POST",
    path: "/a",
    ack: 204,
    parameters: { specs: [] },
    body: { required: false, contents: [{ mediaType: "application/json", kind: "json" }] },
    responses: [],
  },
];

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe("node adapter", () => {
  let port = 0;
  let server: http.Server;
  const seen: { context?: { url: string; method: string; ua: string | null; body: string }; verify?: { url: string; ua: string | null } } = {};
  beforeAll(async () => {
    const receiver = createReceiverCore(events, {
      handlers: {
        a: async (_request: unknown, context: HandlerContext) => {
          const r = context.request;
          seen.context = { url: r.url, method: r.method, ua: r.headers.get("user-agent"), body: String(r.body) };
        },
      },
      maxBodyBytes: 1000,
      verify: (head: RequestHead) => {
        seen.verify = { url: head.url, ua: head.headers.get("user-agent") };
        return true;
      },
    });
    server = http.createServer(nodeHandler(receiver));
    port = await listen(server);
  });
  afterAll(() => close(server));

  it("rebuilds the web Request for verify and handlers: absolute URL, every header, no body", async () => {
    const res = await httpSend(port, {
      method: "POST",
      path: "/a?x=1",
      headers: { "content-type": "application/json", "user-agent": ["one", "two"] },
      body: "{}",
    });
    expect(res.status).toBe(204);
    expect(seen.verify).toEqual({ url: `http://127.0.0.1:${port}/a?x=1`, ua: "one, two" });
    expect(seen.context).toEqual({ url: `http://127.0.0.1:${port}/a?x=1`, method: "POST", ua: "one, two", body: "null" });
  });

  it("gives verify headers that answer as a Headers filled from the raw pairs would, before and after filling", async () => {
    const names = ["User-Agent", "x-multi", "X-MULTI", "cookie", "set-cookie", "x-space", "content-type", "x-missing"];
    const looks: { lazy: unknown[]; filled: unknown[]; request: unknown[]; throws: boolean[] }[] = [];
    let raw: string[] = [];
    const look = (h: Headers) => names.map((n) => [h.get(n), h.has(n)]);
    // (forEach: iterating needs the DOM.Iterable lib.)
    const pairs = (h: Headers) => {
      const out: [string, string][] = [];
      h.forEach((value, name) => out.push([name, value]));
      return out;
    };
    const receiver = createReceiverCore(events, {
      handlers: { a: () => {} },
      verify: (head: RequestHead) => {
        const h = head.headers;
        const lazy = look(h);
        const throws = [(() => { try { h.get("bad name"); return false; } catch { return true; } })()];
        const entries = pairs(h);
        looks.push({ lazy, filled: [look(h), entries, h.getSetCookie()], request: pairs(new Request("http://x/", { headers: h }).headers), throws });
        return true;
      },
    });
    const handler = nodeHandler(receiver);
    const s = http.createServer((req, res) => {
      raw = [...req.rawHeaders];
      handler(req, res);
    });
    const p = await listen(s);
    const res = await httpSend(p, {
      method: "POST",
      path: "/a",
      headers: {
        "content-type": "application/json",
        "user-agent": ["one", "two"],
        "X-Multi": ["a", "b ,c"],
        cookie: ["k=1", "l=2"],
        "set-cookie": ["s=1", "t=2"],
        "x-space": "  padded\t",
      },
      body: "{}",
    });
    await close(s);
    expect([res.status, res.body]).toEqual([204, ""]);
    const [seen] = looks;
    const expected = new Headers();
    for (let i = 0; i < raw.length; i += 2) expected.append(raw[i]!, raw[i + 1]!);
    expect(seen!.lazy).toEqual(look(expected));
    expect(seen!.lazy).toContainEqual(["a, b ,c", true]);
    expect(seen!.filled).toEqual([look(expected), pairs(expected), expected.getSetCookie()]);
    expect(seen!.request).toEqual(pairs(expected));
    expect(seen!.throws).toEqual([true]);
  });

  it("keeps the connection after answering without reading the body, and closes it after an oversize one", async () => {
    const socket = net.connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    let received = "";
    socket.on("data", (d: Buffer) => (received += d.toString("latin1")));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    const request = (path: string, body: string) =>
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const waitFor = async (n: number) => {
      while ((received.match(/HTTP\/1\.1 /g) ?? []).length < n) await new Promise((r) => setTimeout(r, 5));
    };
    socket.write(request("/nope", '{"unread":true}'));
    await waitFor(1);
    socket.write(request("/a", "{}"));
    await waitFor(2);
    socket.write(request("/a", "x".repeat(2000)));
    await waitFor(3);
    await closed;
    const statuses = [...received.matchAll(/HTTP\/1\.1 (\d+)/g)].map((m) => m[1]);
    expect(statuses).toEqual(["404", "204", "413"]);
    expect(received.split("HTTP/1.1 413")[1]).toMatch(/\r\nconnection: close\r\n/i);
  });

  it("refuses a body something else read first", async () => {
    const receiver = createReceiverCore(events, { handlers: { a: () => {} } });
    const handler = nodeHandler(receiver);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    const s = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => handler(req, res));
    });
    const p = await listen(s);
    const res = await httpSend(p, { method: "POST", path: "/a", headers: { "content-type": "application/json" }, body: "{}" });
    await new Promise((r) => setImmediate(r));
    process.off("warning", onWarning);
    await close(s);
    expect([res.status, JSON.parse(res.body)]).toEqual([500, { error: "internal error" }]);
    expect(warnings).toEqual([BODY_CONSUMED_MESSAGE]);
  });
});

describe("headerOf", () => {
  const req = (rawHeaders: string[]) => {
    const headers: Record<string, string> = {};
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toLowerCase();
      // Node's rules: the first of `content-type` & co., cookies joined by `; `, the rest by `, `.
      if (name === "content-type" || name === "user-agent") headers[name] ??= rawHeaders[i + 1]!;
      else
        headers[name] = headers[name] === undefined ? rawHeaders[i + 1]! : `${headers[name]}${name === "cookie" ? "; " : ", "}${rawHeaders[i + 1]!}`;
    }
    return { headers, rawHeaders } as unknown as http.IncomingMessage;
  };
  it.each<[string[], string, string | null]>([
    [["Content-Type", "a/b", "content-type", "c/d"], "content-type", "a/b, c/d"],
    [["Content-Type", "a/b"], "content-type", "a/b"],
    [["X-A", "1", "x-a", "2"], "x-a", "1, 2"],
    [["Cookie", "a=1", "Cookie", "b=2"], "cookie", "a=1; b=2"],
    [["User-Agent", "x"], "x-missing", null],
  ])("%j %s → %j", (raw, name, want) => {
    expect(headerOf(req(raw), name)).toBe(want);
  });
});

describe("express adapter", () => {
  it("passes an explanation to the error handler when a body parser ran first", async () => {
    const receiver = createReceiverCore(events, { handlers: { a: () => {} } });
    const errors: string[] = [];
    const app = express();
    app.use(express.json());
    app.use("/hooks", expressMiddleware(receiver));
    app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      errors.push(err.message);
      res.status(500).end();
    });
    const server = http.createServer(app);
    const port = await listen(server);
    const parsed = await httpSend(port, { method: "POST", path: "/hooks/a", headers: { "content-type": "application/json" }, body: "{}" });
    // A media type express.json() leaves alone reaches the receiver untouched.
    const untouched = await httpSend(port, { method: "POST", path: "/hooks/a", headers: { "content-type": "application/vnd.other" }, body: "{}" });
    await close(server);
    expect([parsed.status, errors]).toEqual([500, [BODY_CONSUMED_MESSAGE]]);
    expect(untouched.status).toBe(415);
    expect(BODY_CONSUMED_MESSAGE).toMatch(/mount it before any body parser/);
  });
});

describe("fastify adapter", () => {
  it("serves everything under its prefix and nothing else", async () => {
    const receiver = createReceiverCore(
      [
        { ...events[0]!, path: "/" },
        { ...events[0]!, name: "b", path: "/b" },
      ],
      { handlers: { a: () => {}, b: () => {} } },
    );
    const app = Fastify();
    await app.register(fastifyReceiver(receiver), { prefix: "/hooks" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const port = (app.server.address() as AddressInfo).port;
    const post = (path: string) => httpSend(port, { method: "POST", path, headers: { "content-type": "application/json" }, body: "{}" });
    const statuses = [];
    for (const path of ["/hooks", "/hooks/", "/hooks?x=1", "/hooks/b", "/hooks/b/", "/hooks/c", "/hooksb", "/b"])
      statuses.push(`${path} ${(await post(path)).status}`);
    await app.close();
    expect(statuses).toEqual([
      "/hooks 204",
      "/hooks/ 204",
      "/hooks?x=1 204",
      "/hooks/b 204",
      "/hooks/b/ 204",
      "/hooks/c 404",
      "/hooksb 404",
      "/b 404",
    ]);
  });
});

describe("web-standard adapters", () => {
  const receiver: Receiver = createReceiverCore(events, { handlers: { a: () => {} }, basePath: "/api/webhooks" });
  const post = (path: string, method = "POST") =>
    new Request(`http://example.test${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: method === "GET" || method === "HEAD" ? undefined : "{}",
    });

  it("next: every method reaches the receiver", async () => {
    const handlers = nextRouteHandlers(receiver);
    expect(Object.keys(handlers).sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
    expect((await handlers.POST(post("/api/webhooks/a"))).status).toBe(204);
    const wrong = await handlers.GET(post("/api/webhooks/a", "GET"));
    expect([wrong.status, wrong.headers.get("allow")]).toEqual([405, "POST"]);
  });

  it("fetch: a default export for Bun and Workers", async () => {
    expect((await fetchHandler(receiver).fetch(post("/api/webhooks/a"))).status).toBe(204);
  });

  it("hono: a handler on a path pattern, with basePath, on @hono/node-server", async () => {
    const app = new Hono();
    app.all("/api/webhooks/*", honoHandler(receiver));
    const server = await new Promise<http.Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as http.Server));
    });
    const port = (server.address() as AddressInfo).port;
    const res = await httpSend(port, { method: "POST", path: "/api/webhooks/a", headers: { "content-type": "application/json" }, body: "{}" });
    await close(server);
    expect(res.status).toBe(204);
  });
});
