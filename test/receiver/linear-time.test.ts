/**
 * Nothing a request contains can make the receiver slow (issue 13; THREATS.md A9, B13, G9):
 * a spec `pattern` that backtracks exponentially in JavaScript's RegExp (`^(a+)+$`), the same
 * pattern as a `patternProperties` key, and a route segment with several parameters, each
 * hit with a long hostile value through a generated receiver. The bound is on the CPU time
 * of one request (`process.cpuUsage`, user + system): a safety property, not a benchmark —
 * the backtracking versions took seconds at 28 characters and never finished at 50.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import type { HandlerContext, Receiver, ReceiverOptions } from "../../templates/runtime/runtime.js";
import { generateInto } from "./support/generated.js";
import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { nodeInput } from "../../templates/adapters/node.js";

interface GeneratedModule {
  events: readonly EventSpec[];
  createReceiver(options: ReceiverOptions<Record<string, (request: never, context: HandlerContext) => unknown>>): Receiver;
}

const SPEC = `openapi: 3.1.0
info: { title: hostile patterns and routes, version: "1" }
paths:
  /subscribe:
    post:
      parameters: [{ name: url, in: query, required: true, schema: { type: string } }]
      callbacks:
        file:
          "{$request.query.url}/files/{a}-{b}-{c}-{d}.json":
            post:
              parameters:
                - { name: a, in: path, required: true, schema: { type: string } }
                - { name: b, in: path, required: true, schema: { type: string } }
                - { name: c, in: path, required: true, schema: { type: string } }
                - { name: d, in: path, required: true, schema: { type: string } }
              requestBody:
                content: { application/json: { schema: { type: object } } }
              responses: { "204": { description: ok } }
      responses: { "201": { description: subscribed } }
webhooks:
  named:
    post:
      x-gen-callbacks-discriminator: [{ header: x-kind, value: named }]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: { type: string, pattern: "^(a+)+$" }
                tags:
                  type: object
                  patternProperties:
                    "^(a+)+$": { type: string }
                  additionalProperties: { type: integer }
      responses: { "204": { description: ok } }
`;

/** CPU milliseconds (user + system) `run` takes, and its result. */
async function cpuMs<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const before = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, value };
}

describe("hostile input against spec-derived matching", () => {
  let dir = "";
  let receiver: Receiver;
  const delivered: string[] = [];

  beforeAll(async () => {
    const spec = path.resolve(import.meta.dirname, "../../.tmp", `linear-time-${process.pid}.yaml`);
    fs.mkdirSync(path.dirname(spec), { recursive: true });
    fs.writeFileSync(spec, SPEC);
    ({ dir } = await generateInto(spec, "linear-time", ["fetch"]));
    fs.rmSync(spec);
    const mod = (await import(path.join(dir, "receiver.ts"))) as GeneratedModule;
    const handlers = Object.fromEntries(mod.events.map((e) => [e.name, () => void delivered.push(e.name)]));
    receiver = mod.createReceiver({ handlers, onUnhandled: () => {} });
    // Warm up: the first request compiles the schemas' code paths.
    await send({ name: "aaa" });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const send = (body: unknown): Promise<Response> =>
    receiver.fetch(new Request("http://x.test/", { method: "POST", headers: { "content-type": "application/json", "x-kind": "named" }, body: JSON.stringify(body) }));

  it("a pattern that backtracks exponentially in RegExp, on a 10,000-character field", async () => {
    const hostile = "a".repeat(10_000) + "!";
    const { ms, value } = await cpuMs(() => send({ name: hostile }));
    expect(value.status).toBe(422);
    expect(ms).toBeLessThan(100);
    // …and the pattern is still enforced, exactly.
    expect((await send({ name: "a".repeat(10_000) })).status).toBe(204);
  });

  it("the same pattern as a patternProperties key, on a 10,000-character property name", async () => {
    const hostile = "a".repeat(10_000) + "!";
    const { ms, value } = await cpuMs(() => send({ name: "a", tags: { [hostile]: 1 } }));
    expect(value.status).toBe(204);
    expect(ms).toBeLessThan(100);
    expect((await send({ name: "a", tags: { [hostile]: "x" } })).status).toBe(422);
    expect((await send({ name: "a", tags: { ["a".repeat(10_000)]: 1 } })).status).toBe(422);
  });

  it("a 10 KiB path segment against a route with four parameters in it (before verify)", async () => {
    const post = (segment: string): Promise<Response> =>
      receiver.fetch(new Request(`http://x.test/files/${segment}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    // Separators everywhere and no match: what made the lazy-group regex backtrack (28 s at 800 characters).
    const { ms, value } = await cpuMs(() => post("-".repeat(10_240) + ".jso"));
    expect(value.status).toBe(404);
    expect(ms).toBeLessThan(100);
    delivered.length = 0;
    const long = await cpuMs(() => post(`${"a-".repeat(5_000)}b.json`));
    expect(long.value.status).toBe(204);
    expect(long.ms).toBeLessThan(100);
    expect(delivered).toEqual(["file"]);
  });
});

describe("the runtime's own scans of request data", () => {
  it("trims a header value's ends in linear time (node adapter)", () => {
    // Node's parser strips spaces and tabs itself; a value from elsewhere (another server
    // on IncomingMessage) may still start with a character below 0x20.
    const value = "\x0ba" + " ".repeat(100_000) + "b \t";
    const req = new IncomingMessage(new Socket());
    req.method = "POST";
    req.url = "/";
    req.rawHeaders = ["X-A", value];
    const head = nodeInput(req).toRequestHead!();
    const before = process.cpuUsage();
    const got = head.headers.get("x-a");
    const used = process.cpuUsage(before);
    expect(got).toBe(new Headers([["x-a", value]]).get("x-a"));
    expect((used.user + used.system) / 1000).toBeLessThan(100);
  });
});
