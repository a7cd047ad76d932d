/**
 * The receiver where code generation is refused (Cloudflare Workers; `node
 * --disallow-code-generation-from-strings`): `z.compile` keeps Zod's runtime parser there, so
 * every answer must be the one the compiled receiver gives. GitHub's 329 example payloads go
 * through the receiver generated from GitHub's spec, in two processes, one with the flag.
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
const handled = [];
const receiver = createReceiver({ insecure: true, onUnhandled: () => {}, handlers: Object.fromEntries(events.map((e) => [e.name, () => void handled.push(e.name)])) });
const answers = [];
for (const group of examples) for (const payload of group.examples) {
  handled.length = 0;
  const res = await receiver.fetch(new Request("http://x.test/", { method: "POST", headers: { "content-type": "application/json", "x-github-event": group.name, "x-github-delivery": "d", "user-agent": "GitHub-Hookshot/1", "x-github-hook-id": "1", "x-github-hook-installation-target-id": "1", "x-github-hook-installation-target-type": "repository", "x-hub-signature-256": "sha256=0" }, body: JSON.stringify(payload) }));
  answers.push([res.status, await res.text(), ...handled]);
}
process.stdout.write(JSON.stringify({ codegen, answers }));
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
      return JSON.parse(r.stdout) as { codegen: boolean; answers: unknown[][] };
    };
    const compiled = run([]);
    const refused = run(["--disallow-code-generation-from-strings"]);
    expect([compiled.codegen, refused.codegen]).toEqual([true, false]);
    expect(refused.answers).toEqual(compiled.answers);
    const dispatched = compiled.answers.filter((a) => a[0] === 200).length;
    console.log(`GitHub examples: ${compiled.answers.length} answered alike with and without code generation; ${dispatched} dispatched`);
    expect(dispatched).toBeGreaterThanOrEqual(200);
  });
});
