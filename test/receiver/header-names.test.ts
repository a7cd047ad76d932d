/**
 * A header parameter whose name is not an HTTP token (`X Trace`) cannot arrive: it is
 * reported where the spec names it and left out of the event, so that every adapter answers
 * a request to that event alike (it used to be 500 on the fetch-based adapters, where
 * `Headers.get` throws on the name, and 200 on the Node one).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import type { HandlerContext, Receiver, ReceiverOptions } from "../../templates/runtime/runtime.js";
import { generateInto } from "./support/generated.js";
import { startTarget, TARGETS, type Target } from "./support/targets.js";

interface GeneratedModule {
  events: readonly EventSpec[];
  createReceiver(options: ReceiverOptions<Record<string, (request: never, context: HandlerContext) => unknown>>): Receiver;
}

const SPEC = `openapi: 3.1.0
info: { title: header names, version: "1" }
paths: {}
webhooks:
  traced:
    post:
      parameters:
        - { name: X Trace, in: header, schema: { type: string } }
        - { name: "X-Trace:Id", in: header, required: true, schema: { type: string } }
        - { name: X-Ok, in: header, schema: { type: string } }
      requestBody:
        content: { application/json: { schema: { type: object } } }
      responses: { "204": { description: ok } }
`;

describe("header parameters whose names are not HTTP tokens", () => {
  const specFile = path.resolve(import.meta.dirname, "../../.tmp", `header-names-${process.pid}.yaml`);
  let dir = "";
  let mod: GeneratedModule;

  beforeAll(async () => {
    fs.mkdirSync(path.dirname(specFile), { recursive: true });
    fs.writeFileSync(specFile, SPEC);
    ({ dir } = await generateInto(specFile, "header-names"));
    mod = (await import(path.join(dir, "receiver.ts"))) as GeneratedModule;
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(specFile, { force: true });
  });

  it("are reported where the spec names them", async () => {
    const { generate } = await import("../../src/generate.js");
    const result = generate({ spec: specFile, cwd: path.dirname(specFile) } as Parameters<typeof generate>[0]);
    const found = result.diagnostics.filter((d) => d.code === "header-name-invalid");
    expect(found.map((d) => [d.severity, d.pointer, d.line])).toEqual([
      ["warning", "/webhooks/traced/post/parameters/0/name", 8],
      ["warning", "/webhooks/traced/post/parameters/1/name", 9],
    ]);
    expect(found[0]!.message).toContain('header parameter "X Trace" is not an HTTP header name');
  });

  it("are left out of the receiver table and the headers type", () => {
    const table = fs.readFileSync(path.join(dir, "receiver.ts"), "utf8");
    const types = fs.readFileSync(path.join(dir, "types.ts"), "utf8");
    for (const text of [table, types]) {
      expect(text).not.toMatch(/x trace|x-trace:id/i);
      expect(text).toMatch(/x-ok/i);
    }
  });

  it("do not change what any adapter answers", async () => {
    const targets: Target[] = [];
    const seen = new Map<string, string[]>();
    for (const name of TARGETS) {
      const log: string[] = [];
      seen.set(name, log);
      const handlers = Object.fromEntries(mod.events.map((e) => [e.name, (request: { headers?: unknown }) => void log.push(JSON.stringify(request.headers))]));
      targets.push(await startTarget(name, (mount) => mod.createReceiver({ handlers, onError: () => {}, ...mount })));
    }
    try {
      const request = { method: "POST", path: "/hooks/", headers: { "content-type": "application/json", "x-ok": "1" }, body: "{}" };
      const answers = await Promise.all(targets.map((t) => t.send(request)));
      for (const [i, answer] of answers.entries()) expect([targets[i]!.name, answer.status]).toEqual([targets[i]!.name, 204]);
      for (const name of TARGETS) expect([name, seen.get(name)]).toEqual([name, ['{"x-ok":"1"}']]);
    } finally {
      await Promise.all(targets.map((t) => t.close()));
    }
  });
});
