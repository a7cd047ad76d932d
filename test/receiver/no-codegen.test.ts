/**
 * The receiver where code generation is refused (Cloudflare Workers; `node
 * --disallow-code-generation-from-strings`): bodies are vouched for by the schema builders'
 * acceptors (plain closures) and otherwise parsed by Zod, which keeps its runtime parser
 * there, so every answer must be the one the receiver gives with code generation. GitHub's
 * 329 example payloads go through the receiver generated from GitHub's spec, in two
 * processes, one with the flag; in both, every payload dispatched must have taken the
 * acceptor's path (Zod asked about none of them).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emitJs } from "../../bench/lib/emit.mjs";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { generate } from "../../src/generate.js";
import { writeFiles } from "../../src/write/write-files.js";
import { GITHUB_WEBHOOKS_SPEC } from "../support/corpus.js";

const REPO = path.resolve(import.meta.dirname, "../..");
const WORK = path.join(REPO, ".tmp", `no-codegen-${process.pid}`);

const RUN = `
import { createRequire } from "node:module";
import { createReceiver, events } from "./js/receiver.js";
const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples/api.github.com/index.json");
let codegen = true;
try { new Function("return 1"); } catch { codegen = false; }
// Which path each body took: the acceptor vouched for it, or Zod parsed it.
let path = [];
for (const e of events) for (const c of e.body?.contents ?? []) {
  const s = c.schema;
  if (!s) continue;
  const parse = s.safeParse;
  const accepts = s.acceptsAsIs;
  s.safeParse = (v) => (path.push("zod"), parse(v));
  if (accepts) s.acceptsAsIs = (v) => { const ok = accepts(v); if (ok) path.push("acceptor"); return ok; };
}
const handled = [];
const paths = [];
const receiver = createReceiver({ insecure: true, onUnhandled: () => {}, handlers: Object.fromEntries(events.map((e) => [e.name, () => void handled.push(e.name)])) });
const answers = [];
for (const group of examples) for (const payload of group.examples) {
  handled.length = 0;
  path = [];
  const res = await receiver.fetch(new Request("http://x.test/", { method: "POST", headers: { "content-type": "application/json", "x-github-event": group.name, "x-github-delivery": "d", "user-agent": "GitHub-Hookshot/1", "x-github-hook-id": "1", "x-github-hook-installation-target-id": "1", "x-github-hook-installation-target-type": "repository", "x-hub-signature-256": "sha256=0" }, body: JSON.stringify(payload) }));
  answers.push([res.status, await res.text(), ...handled]);
  paths.push(path.join("+"));
}
process.stdout.write(JSON.stringify({ codegen, answers, paths }));
`;

describe("the receiver without code generation", () => {
  afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

  it("answers GitHub's 329 example payloads exactly as the compiled receiver does", () => {
    const result = generate({ spec: GITHUB_WEBHOOKS_SPEC, adapters: [] });
    expect(result.ok).toBe(true);
    writeFiles(path.join(WORK, "src"), result.files, new Diagnostics());
    emitJs({ files: [path.join(WORK, "src/receiver.ts")], rootDir: path.join(WORK, "src"), outDir: path.join(WORK, "js") });
    fs.writeFileSync(path.join(WORK, "run.mjs"), RUN);
    const run = (flags: string[]) => {
      const r = spawnSync(process.execPath, [...flags, path.join(WORK, "run.mjs")], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout) as { codegen: boolean; answers: unknown[][]; paths: string[] };
    };
    const compiled = run([]);
    const refused = run(["--disallow-code-generation-from-strings"]);
    expect([compiled.codegen, refused.codegen]).toEqual([true, false]);
    expect(refused.answers).toEqual(compiled.answers);
    expect(refused.paths).toEqual(compiled.paths);
    const dispatched = compiled.answers.filter((a) => a[0] === 200).length;
    const vouched = refused.paths.filter((p, i) => refused.answers[i]![0] === 200 && p === "acceptor").length;
    console.log(`without code generation: ${vouched} of ${dispatched} dispatched bodies vouched for by the acceptor, Zod asked about none of them`);
    expect(vouched).toBe(dispatched);
    console.log(`GitHub examples: ${compiled.answers.length} answered alike with and without code generation; ${dispatched} dispatched`);
    expect(dispatched).toBeGreaterThanOrEqual(200);
  });
});
