/**
 * The same receiver behind every adapter, on real loopback servers — node:http, Express 5,
 * Fastify 5, Hono 4 on @hono/node-server — plus its `fetch` called directly. Each mounts the
 * receiver under `/hooks` the way its framework does.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { expressMiddleware } from "../../../templates/adapters/express.js";
import { fastifyReceiver } from "../../../templates/adapters/fastify.js";
import { honoHandler } from "../../../templates/adapters/hono.js";
import { nodeHandler } from "../../../templates/adapters/node.js";
import type { Receiver } from "../../../templates/runtime/runtime.js";

export interface TestRequest {
  method: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Uint8Array;
  /** Send the body in chunks without Content-Length: `total` bytes of `fill`. */
  stream?: { total: number; chunk: number };
  /** Send one chunk and then nothing, never ending the body. */
  stall?: boolean;
}

export interface TestResponse {
  status: number;
  contentType: string | null;
  allow: string | null;
  body: string;
}

export interface Target {
  readonly name: string;
  send(request: TestRequest): Promise<TestResponse>;
  close(): Promise<void>;
}

export type ReceiverFactory = (mount: { basePath?: string }) => Receiver;

const BASE = "/hooks";

function listening(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

/** One request over a fresh connection; the answer is read even if the server stops reading the body. */
export function httpSend(port: number, req: TestRequest): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = { ...req.headers };
    if (req.body !== undefined && !req.stream && !req.stall) headers["content-length"] = String(Buffer.byteLength(req.body));
    const r = http.request({ host: "127.0.0.1", port, method: req.method, path: req.path, headers, agent: false });
    let answered = false;
    const timer = setTimeout(() => {
      r.destroy();
      reject(new Error(`no answer to ${req.method} ${req.path}`));
    }, 15_000);
    r.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers["content-type"] ?? null,
          allow: (res.headers.allow as string | undefined) ?? null,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        r.destroy();
      });
    });
    r.on("error", (error) => {
      // Writing the rest of an oversize body fails once the server has answered and closed.
      if (!answered) {
        clearTimeout(timer);
        reject(error);
      }
    });
    if (req.stream) {
      const { total, chunk } = req.stream;
      let sent = 0;
      const pump = () => {
        while (sent < total && !answered) {
          sent += chunk;
          if (!r.write(Buffer.alloc(chunk, 0x20))) return void r.once("drain", pump);
        }
        if (!answered) r.end();
      };
      pump();
    } else if (req.stall) {
      r.write(req.body ?? "{");
    } else {
      r.end(req.body);
    }
  });
}

function webRequest(req: TestRequest): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers ?? {})) for (const value of Array.isArray(v) ? v : [v]) headers.append(k, value);
  const url = `http://127.0.0.1${req.path}`;
  if (req.stream || req.stall) {
    const { total, chunk } = req.stream ?? { total: Infinity, chunk: 1 };
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (req.stall) {
          if (sent++ === 0) controller.enqueue(new TextEncoder().encode(typeof req.body === "string" ? req.body : "{"));
          return new Promise(() => {}); // never more
        }
        if (sent >= total) return controller.close();
        sent += chunk;
        controller.enqueue(new Uint8Array(chunk).fill(0x20));
      },
    });
    return new Request(url, { method: req.method, headers, body, duplex: "half" } as RequestInit);
  }
  if (req.body !== undefined) headers.set("content-length", String(Buffer.byteLength(req.body)));
  return new Request(url, { method: req.method, headers, body: req.body as BodyInit | undefined });
}

async function fromResponse(res: Response): Promise<TestResponse> {
  return { status: res.status, contentType: res.headers.get("content-type"), allow: res.headers.get("allow"), body: await res.text() };
}

async function nodeServer(name: string, server: http.Server): Promise<Target> {
  const port = await listening(server);
  return {
    name,
    send: (req) => httpSend(port, req),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const TARGETS = ["fetch", "node", "express", "fastify", "hono"] as const;
export type TargetName = (typeof TARGETS)[number];

export async function startTarget(name: TargetName, make: ReceiverFactory): Promise<Target> {
  switch (name) {
    case "fetch": {
      const receiver = make({ basePath: BASE });
      return { name, send: async (req) => fromResponse(await receiver.fetch(webRequest(req))), close: async () => {} };
    }
    case "node":
      return nodeServer(name, http.createServer(nodeHandler(make({ basePath: BASE }))));
    case "express": {
      const app = express();
      app.use(BASE, expressMiddleware(make({})));
      // A body parser after the receiver, as the adapter's docs ask: the app's other routes keep it.
      app.use(express.json());
      app.post("/echo", (req, res) => void res.json(req.body));
      return nodeServer(name, http.createServer(app));
    }
    case "fastify": {
      const app = Fastify();
      await app.register(fastifyReceiver(make({})), { prefix: BASE });
      app.post("/echo", async (request) => request.body);
      await app.listen({ port: 0, host: "127.0.0.1" });
      const port = (app.server.address() as AddressInfo).port;
      return { name, send: (req) => httpSend(port, req), close: () => app.close() };
    }
    case "hono": {
      const app = new Hono();
      app.mount(BASE, make({}).fetch);
      // The other way to mount: a handler on a path pattern, with basePath.
      const other = make({ basePath: "/other" });
      app.all("/other/*", honoHandler(other));
      app.post("/echo", async (c) => c.json(await c.req.json()));
      const server = await new Promise<http.Server>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as http.Server));
      });
      const port = (server.address() as AddressInfo).port;
      return { name, send: (req) => httpSend(port, req), close: () => new Promise((resolve) => server.close(() => resolve())) };
    }
  }
}
