/**
 * Generate what you handle: `--events` keeps in the output only the selected events and what
 * they reach; deliveries of the others are answered as unhandled (2xx and the hook), never
 * taken for a selected event. And, separately, a partial handler map at run time.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import { generate as generateInto } from "../../src/api.js";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { generate } from "../../src/generate.js";
import { selectEvents } from "../../src/model/event-selection.js";
import { GITHUB_WEBHOOKS_SPEC } from "../support/corpus.js";
import { projectScratch } from "../support/scratch.js";

const require = createRequire(import.meta.url);
const dirs: string[] = [];
const scratch = () => {
  const d = projectScratch("selection");
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

type Receiver = { fetch(r: Request): Promise<Response> };
type Module = { events: { name: string; unselected?: true }[]; createReceiver(o: unknown): Receiver };

describe("event patterns", () => {
  const events = ["issues-opened", "issues-closed", "issue-comment-created", "push", "pull-request-opened", "star-created"].map((key) => ({
    def: { key },
    names: { handler: key.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) },
  })) as never[];
  const select = (...patterns: string[]) => {
    const diags = new Diagnostics();
    return { selected: [...selectEvents(events, patterns, diags)].sort(), warnings: diags.items.map((d) => d.message) };
  };

  it("match keys and handler names by words; * stands for one or more words", () => {
    expect(select("issues.*").selected).toEqual(["issuesClosed", "issuesOpened"]);
    expect(select("pull_request.opened", "push").selected).toEqual(["pullRequestOpened", "push"]);
    expect(select("*.created").selected).toEqual(["issueCommentCreated", "starCreated"]);
    expect(select("issuesOpened").selected).toEqual(["issuesOpened"]);
    expect(select("issues").selected).toEqual([]);
  });

  it("a pattern that selects nothing is a warning with the nearest name", () => {
    expect(select("isues.opened").warnings).toEqual(['the event selection "isues.opened" matches no event of this spec; did you mean "issues-opened"?']);
  });
});

describe("GitHub, three events of 261", () => {
  const out = scratch();
  const full = generate({ spec: GITHUB_WEBHOOKS_SPEC, adapters: [] });
  const result = generateInto({ spec: GITHUB_WEBHOOKS_SPEC, outDir: out, adapters: [], events: ["issues.opened", "push", "pull_request.opened"] });

  it("holds only what the three reach", () => {
    expect(result.ok).toBe(true);
    expect(result.events.map((e) => e.handler)).toEqual(["issuesOpened", "pullRequestOpened", "push"]);
    expect(fs.readdirSync(path.join(out, "handlers")).sort()).toEqual(["index.ts", "issues-opened.ts", "pull-request-opened.ts", "push.ts"]);
    const lines = (files: { path: string; content: string }[]) =>
      files.filter((f) => !f.path.startsWith("runtime/") && f.path.endsWith(".ts")).reduce((n, f) => n + f.content.split("\n").length, 0);
    const selected = lines(result.files.map((f) => ({ path: f.path, content: fs.readFileSync(path.join(out, f.path), "utf8") })));
    const whole = lines(full.files);
    console.log(`GitHub output, without the runtime: ${selected} lines for 3 selected events, ${whole} for all 261 (${((100 * selected) / whole).toFixed(1)}%)`);
    expect(selected / whole).toBeLessThan(0.06);
    const types = fs.readFileSync(path.join(out, "types.ts"), "utf8");
    expect(types).toContain("export interface IssuesOpenedRequest");
    expect(types).not.toContain("StarCreated");
  });

  it("routes the selected events, and answers the others' deliveries 202 with the hook", async () => {
    const mod = (await import(/* @vite-ignore */ path.join(out, "receiver.ts"))) as Module;
    const calls: string[] = [];
    const hooks: string[] = [];
    const receiver = mod.createReceiver({
      insecure: true,
      handlers: { issuesOpened: () => void calls.push("issuesOpened"), pullRequestOpened: () => {}, push: () => {} },
      onUnhandled: (i: { reason: string }) => void hooks.push(i.reason),
    });
    const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: Record<string, unknown>[] }[];
    const send = (event: string, payload: unknown) =>
      receiver.fetch(new Request("http://x.test/", { method: "POST", headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": "d", "user-agent": "GitHub-Hookshot/1", "x-github-hook-id": "1", "x-github-hook-installation-target-id": "1", "x-github-hook-installation-target-type": "repository", "x-hub-signature-256": "sha256=0" }, body: JSON.stringify(payload) })).then((r) => r.status);
    const issues = examples.find((g) => g.name === "issues")!.examples;
    expect(await send("issues", issues.find((p) => p.action === "opened"))).toBe(200);
    expect(calls).toEqual(["issuesOpened"]);
    expect(await send("issues", issues.find((p) => p.action === "closed"))).toBe(202);
    expect(await send("star", examples.find((g) => g.name === "star")!.examples[0])).toBe(202);
    expect(hooks).toEqual(["unknown-event", "unknown-event"]);
  });
});

describe("left-out events the receiver must still recognize", () => {
  const spec = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    webhooks: {
      "order.paid": { post: { requestBody: { content: { "application/json": { schema: { type: "object", properties: { type: { const: "order.paid" }, id: { type: "string" } } } } } }, responses: { "200": { description: "ok" } } } },
      // Nothing tells this one from order.paid but its schema: left out, it must not be taken for order.paid.
      "order.any": { post: { requestBody: { content: { "application/json": { schema: { type: "object", properties: { type: { type: "string" }, id: { type: "string" } } } } } }, responses: { "200": { description: "ok" } } } },
    },
    paths: {
      "/subscribe": {
        post: {
          requestBody: { content: { "application/json": { schema: { type: "object", properties: { url: { type: "string" } } } } } },
          responses: { "200": { description: "ok" } },
          callbacks: { report: { "{$request.body#/url}/report": { post: { requestBody: { content: { "application/json": { schema: { type: "object" } } } }, responses: { "200": { description: "ok" } } } } } },
        },
      },
    },
  };

  it("on a route of their own (no 404) and where they overlap a selected event (no guess): answered 202, reason unselected", async () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, "spec.json"), JSON.stringify(spec));
    const out = path.join(dir, "out");
    const r = generateInto({ spec: path.join(dir, "spec.json"), cwd: dir, outDir: out, adapters: [], events: ["order.paid"] });
    expect(r.ok).toBe(true);
    const mod = (await import(/* @vite-ignore */ path.join(out, "receiver.ts"))) as Module;
    expect(mod.events.map((e) => `${e.name}${e.unselected ? " (unselected)" : ""}`)).toEqual(["orderPaid", "orderAny (unselected)", "report (unselected)"]);
    const hooks: string[] = [];
    const calls: string[] = [];
    const receiver = mod.createReceiver({ handlers: { orderPaid: () => void calls.push("orderPaid") }, onUnhandled: (i: { reason: string; candidates: string[] }) => void hooks.push(`${i.reason} ${i.candidates.join(",")}`) });
    const post = (p: string, body: unknown) => receiver.fetch(new Request(`http://x.test${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).then((x) => x.status);
    expect(await post("/", { type: "order.paid", id: "1" })).toBe(202);
    expect(await post("/", { type: "order.refunded", id: "1" })).toBe(202);
    expect(await post("/report", {})).toBe(202);
    expect(calls).toEqual([]);
    expect(hooks).toEqual(["ambiguous orderPaid,orderAny", "unselected orderAny", "unselected report"]);
  });
});

describe("a partial handler map", () => {
  it("is opt-in: deliveries of the events without a handler are answered 202, reason unselected", async () => {
    const dir = scratch();
    const out = path.join(dir, "out");
    const r = generateInto({ spec: path.resolve(import.meta.dirname, "../../generated-example/provider.yaml"), outDir: out, adapters: [] });
    expect(r.ok).toBe(true);
    const mod = (await import(/* @vite-ignore */ path.join(out, "receiver.ts"))) as Module;
    expect(() => mod.createReceiver({ insecure: true, handlers: { onData: () => {} } })).toThrow(/the receiver needs a handler for every event/);
    const hooks: string[] = [];
    const receiver = mod.createReceiver({ insecure: true, partial: true, handlers: { onData: () => {} }, onUnhandled: (i: { reason: string; candidates: string[] }) => void hooks.push(`${i.reason} ${i.candidates.join(",")}`) });
    const res = await receiver.fetch(new Request("http://x.test/invoices/inv_1", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: "n1", invoiceId: "inv_1", status: "paid", attemptedAt: "2026-11-21T10:00:00Z" }) }));
    expect(res.status).toBe(202);
    expect(hooks).toEqual(["unselected invoiceNotification"]);
  });
});
