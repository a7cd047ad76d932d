/**
 * Correcting a provider's drift with an overlay, on GitHub's own spec: GitHub's example
 * deliveries leave out fields its webhooks spec marks required, so the default (lenient)
 * policy refuses them. examples/github-drift.overlay.yaml removes exactly those names from
 * exactly those `required` lists; with it the default policy accepts at least 319 of the 327
 * payloads, and every other field stays required in the generated types.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { generate } from "../../src/generate.js";
import { applyOverlays } from "../../src/overlay/apply-overlays.js";
import { writeFiles } from "../../src/write/write-files.js";
import { GITHUB_WEBHOOKS_SPEC as SPEC } from "../support/corpus.js";
import { githubDelivery, githubExamples } from "./support/github-examples.js";

const REPO = path.resolve(import.meta.dirname, "../..");
const OVERLAY = path.join(REPO, "examples/github-drift.overlay.yaml");
const work = path.join(REPO, ".tmp", `github-overlay-${process.pid}`);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const spec = JSON.parse(fs.readFileSync(SPEC, "utf8")) as { webhooks: Record<string, unknown> };
const mapped = githubExamples().filter((e) => spec.webhooks[e.key]);

type Receiver = { fetch(request: Request): Promise<Response> };

async function accepted(name: string, overlays: string[]): Promise<{ count: number; types: string }> {
  const out = path.join(work, name);
  const result = generate({ spec: SPEC, adapters: [], overlays });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(writeFiles(out, result.files, new Diagnostics())).toBeDefined();
  const mod = (await import(/* @vite-ignore */ path.join(out, "receiver.ts"))) as { createReceiver(o: unknown): Receiver; events: { name: string }[] };
  let handled = 0;
  const handlers = Object.fromEntries(mod.events.map((e) => [e.name, () => void handled++]));
  const receiver = mod.createReceiver({ handlers, insecure: true });
  for (const [i, e] of mapped.entries()) await (await receiver.fetch(githubDelivery(e, i))).text();
  return { count: handled, types: fs.readFileSync(path.join(out, "types.ts"), "utf8") };
}

/** Every `required` list of a document, by pointer. */
function requiredLists(doc: unknown, at = "", out = new Map<string, string[]>()): Map<string, string[]> {
  if (Array.isArray(doc)) doc.forEach((v, i) => requiredLists(v, `${at}/${i}`, out));
  else if (doc !== null && typeof doc === "object") {
    for (const [k, v] of Object.entries(doc)) {
      const p = `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (k === "required" && Array.isArray(v) && v.every((x) => typeof x === "string")) out.set(p, v as string[]);
      requiredLists(v, p, out);
    }
  }
  return out;
}

describe("examples/github-drift.overlay.yaml on github-webhooks-3.1", () => {
  it("removes exactly the names its actions name from exactly those required lists", () => {
    const actions = (parse(fs.readFileSync(OVERLAY, "utf8")) as { actions: { target: string; remove?: boolean }[] }).actions;
    expect(actions.every((a) => a.remove === true && /\[\?@ == '[^']+'\]$/.test(a.target))).toBe(true);
    const before = requiredLists(JSON.parse(fs.readFileSync(SPEC, "utf8")));
    const doc = JSON.parse(fs.readFileSync(SPEC, "utf8"));
    const diags = new Diagnostics();
    expect(applyOverlays(doc, [OVERLAY], diags)).toBe(true);
    expect(diags.items).toEqual([]);
    const after = requiredLists(doc);
    let removed = 0;
    for (const [p, names] of before) {
      const now = after.get(p)!;
      expect(now.every((n) => names.includes(n))).toBe(true);
      removed += names.length - now.length;
    }
    // One name per action, nothing else: every other field stays required.
    expect(removed).toBe(actions.length);
  });

  it("lets the default policy accept at least 319 of the 327 payloads (counts printed)", async () => {
    const before = await accepted("without", []);
    const after = await accepted("with", [OVERLAY]);
    console.log(`GitHub example payloads accepted by the default (lenient) policy, of ${mapped.length}: without the overlay ${before.count}, with it ${after.count}`);
    expect(mapped).toHaveLength(327);
    expect(after.count).toBeGreaterThanOrEqual(319);
    expect(after.count).toBeGreaterThan(before.count);
    // In the types: what the overlay relaxed is optional, its neighbours stay required.
    const discussion = (types: string) => /export interface Discussion \{[\s\S]*?\n\}/.exec(types)?.[0] ?? "";
    expect(discussion(before.types)).toMatch(/\n {4}state_reason: /);
    expect(discussion(after.types)).toMatch(/\n {4}state_reason\?: /);
    expect(discussion(after.types)).toMatch(/\n {4}title: /);
  });
});
