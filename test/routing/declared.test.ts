/**
 * When the spec gives nothing to tell events apart by, the user declares it: with the
 * operation's `x-gen-callbacks-discriminator` (in the document or an overlay) or with
 * `discriminators` in the configuration. The generator's warning names the field that would do.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate as generateInto } from "../../src/api.js";
import { generate } from "../../src/generate.js";
import { projectScratch } from "../support/scratch.js";

const Hook = { type: "object", properties: { eventType: { type: "string" }, data: { type: "object" } } };
const webhook = (extra: Record<string, unknown> = {}) => ({
  post: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Hook" } } } }, responses: { "200": { description: "ok" } }, ...extra },
});
const spec = (a: Record<string, unknown> = {}, b: Record<string, unknown> = {}) =>
  JSON.stringify({ openapi: "3.1.0", info: { title: "Hooks", version: "1" }, webhooks: { "user.created": webhook(a), "user.deleted": webhook(b) }, components: { schemas: { Hook } } });

const dir = projectScratch("declared");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const lines = (r: { diagnostics: { severity: string; code: string; message: string; hint?: string; line?: number }[] }) =>
  r.diagnostics.map((d) => `${d.severity} ${d.code}${d.line ? `@${d.line}` : ""}: ${d.message}${d.hint ? ` — ${d.hint}` : ""}`);

describe("declared discriminators", () => {
  it("without one, the generator warns, naming the field that would tell the events apart and how to declare it", () => {
    const r = generate({ spec: write("plain.json", spec()), cwd: dir, adapters: [] });
    expect(lines(r)).toEqual([
      'warning indistinguishable-events@1: on POST /, nothing tells these events apart (same query, headers and body schema): userCreated, userDeleted; their deliveries reach `onUnhandled` as ambiguous, never a guessed handler — /eventType would tell them apart: declare the condition with `x-gen-callbacks-discriminator` on the operation (e.g. [{ body: "/type", value: "invoice.paid" }]) or under `discriminators` in gen-callbacks.config.json',
    ]);
  });

  it("from the extension and from the configuration, each event reaches its handler", async () => {
    const file = write("declared.json", spec({ "x-gen-callbacks-discriminator": [{ body: "/eventType", value: "user.created" }] }));
    const out = path.join(dir, "out");
    const r = generateInto({ spec: file, cwd: dir, outDir: out, adapters: [], discriminators: { "user.deleted": { body: "/eventType", values: ["user.deleted", "user.removed"] } } });
    expect(lines(r)).toEqual([]);
    const mod = (await import(/* @vite-ignore */ path.join(out, "receiver.ts"))) as { events: { name: string }[]; createReceiver(o: unknown): { fetch(r: Request): Promise<Response> } };
    const calls: string[] = [];
    const receiver = mod.createReceiver({ handlers: Object.fromEntries(mod.events.map((e) => [e.name, () => void calls.push(e.name)])), onUnhandled: () => {} });
    const send = async (eventType?: string) => {
      calls.length = 0;
      const res = await receiver.fetch(new Request("http://x.test/", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ eventType, data: {} }) }));
      return [res.status, ...calls];
    };
    expect(await send("user.created")).toEqual([200, "userCreated"]);
    expect(await send("user.removed")).toEqual([200, "userDeleted"]);
    // A declared condition is required: without the field, no event claims the delivery.
    expect(await send(undefined)).toEqual([202]);
  });

  it("a malformed declaration is an error at its place; a configuration entry naming no event is a warning with the nearest name", () => {
    const bad = generate({ spec: write("bad.json", spec({ "x-gen-callbacks-discriminator": [{ body: "eventType", value: "x" }, { header: "X Bad", value: "y" }] })), cwd: dir, adapters: [] });
    expect(bad.ok).toBe(false);
    expect(lines(bad).filter((l) => l.startsWith("error"))).toEqual([
      'error discriminator-invalid@1: x-gen-callbacks-discriminator of userCreated: "eventType" is not a JSON pointer into the body (it starts with "/") — write a list of { body: "<JSON pointer>", value: <value> } or { header: "<name>", value: "<value>" } (`values: [...]` for several; a `[]` step in the pointer means every array item)',
      'error discriminator-invalid@1: x-gen-callbacks-discriminator of userCreated: "X Bad" is not an HTTP header name — write a list of { body: "<JSON pointer>", value: <value> } or { header: "<name>", value: "<value>" } (`values: [...]` for several; a `[]` step in the pointer means every array item)',
    ]);
    const unknown = generate({ spec: write("plain2.json", spec()), cwd: dir, adapters: [], discriminators: { "user.delete": { body: "/eventType", value: "x" } }, discriminatorsFile: path.join(dir, "gen-callbacks.config.json") });
    expect(lines(unknown)).toContainEqual(
      'warning discriminator-invalid: discriminators in the configuration name "user.delete", which is no event of this spec; did you mean "user.deleted"? — use a webhook key, a callback name or a handler name from the generated contract.ts',
    );
  });
});
