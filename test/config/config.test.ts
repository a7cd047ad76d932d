import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { findConfig, loadConfig } from "../../src/config/config.js";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { CORPUS, itShared } from "../support/shared.js";

const REPO = path.resolve(import.meta.dirname, "../..");
fs.mkdirSync(path.join(REPO, ".tmp"), { recursive: true });
const tmp = fs.mkdtempSync(path.join(REPO, ".tmp", "config-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function dir(name: string, files: Record<string, string>): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(d, f), text);
  return d;
}

async function cli(cwd: string, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli({ argv, cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => "" });
  return { code, stdout, stderr };
}

const OAI = path.join(CORPUS, "oai-callback-example/callback-example.yaml");
const FASTAPI = path.join(CORPUS, "fastapi-openapi-callbacks/openapi.json");

describe("configuration files", () => {
  it("finds json, mjs, ts and package.json configurations, in that order", () => {
    expect(findConfig(dir("none", {}))).toBeUndefined();
    expect(findConfig(dir("pkg", { "package.json": JSON.stringify({ name: "x", "gen-callbacks": { spec: "a", out: "b" } }) }))).toMatch(/package\.json$/);
    expect(findConfig(dir("pkg-without", { "package.json": JSON.stringify({ name: "x" }) }))).toBeUndefined();
    expect(findConfig(dir("both", { "gen-callbacks.config.ts": "export default {}", "gen-callbacks.config.json": "{}" }))).toMatch(/config\.json$/);
  });

  itShared("runs several providers from one file, one output folder each, paths relative to the file", async () => {
    const d = dir("multi", {
      "gen-callbacks.config.json": JSON.stringify({
        providers: [
          { name: "oai", spec: OAI, out: "out/oai" },
          { name: "fastapi", spec: FASTAPI, out: "out/fastapi", policy: "strict", adapters: ["hono"] },
        ],
      }),
    });
    const r = await cli(d, "-q");
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(d, "out/oai/routes.ts"), "utf8")).toContain('path: "/data"');
    expect(fs.existsSync(path.join(d, "out/fastapi/adapters/hono.ts"))).toBe(true);
    expect(fs.existsSync(path.join(d, "out/fastapi/adapters/node.ts"))).toBe(false);
    expect(fs.readFileSync(path.join(d, "out/fastapi/receiver.ts"), "utf8")).toContain("strict validation policy");
    // Flags override the file, for every provider.
    const checked = await cli(d, "--check", "--json");
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout).providers.map((p: { name: string; upToDate: boolean }) => [p.name, p.upToDate])).toEqual([
      ["oai", true],
      ["fastapi", true],
    ]);
    const overridden = await cli(d, "--check", "--policy", "tolerant", "-q");
    expect(overridden.code).toBe(1);
  });

  itShared("loads .mjs and .ts configurations (TypeScript transpiled on the fly) and a package.json key", async () => {
    const mjs = dir("mjs", { "gen-callbacks.config.mjs": `export default { spec: ${JSON.stringify(OAI)}, out: "gen" };\n` });
    expect((await cli(mjs, "-q")).code).toBe(0);
    expect(fs.existsSync(path.join(mjs, "gen/types.ts"))).toBe(true);
    const ts = dir("ts", {
      "gen-callbacks.config.ts": `interface Config { spec: string; out: string; webhookRoutes: "shared" | "per-event" }\nconst config: Config = { spec: ${JSON.stringify(OAI)}, out: "gen", webhookRoutes: "per-event" };\nexport default config;\n`,
    });
    expect((await cli(ts, "-q")).code).toBe(0);
    expect(fs.readdirSync(ts).filter((f) => f.endsWith(".mjs"))).toEqual([]);
    const pkg = dir("pkg-run", { "package.json": JSON.stringify({ name: "x", "gen-callbacks": { spec: OAI, out: "gen" } }) });
    expect((await cli(pkg, "-q")).code).toBe(0);
  });

  it("names the key and the allowed values of every mistake", async () => {
    const d = dir("bad", {
      "gen-callbacks.config.json": JSON.stringify({ spec: OAI, out: "x", polcy: "strict", webhookRoutes: "each", adapters: ["koa"] }),
    });
    const diags = new Diagnostics();
    expect(await loadConfig(path.join(d, "gen-callbacks.config.json"), diags)).toBeUndefined();
    expect(diags.items.map((i) => i.message).sort()).toEqual([
      'adapters[0]: must be one of "node", "express", "fastify", "hono", "next", "fetch", "redis", "bullmq"',
      'the configuration: unknown key "polcy" (did you mean "policy"?); allowed: name, spec, out, policy, webhookRoutes, webhookPath, adapters, runtime, refRoot, previous, discriminators, overlays, events',
      'webhookRoutes: must be one of "shared", "per-event"',
    ]);
    expect(diags.items.every((i) => i.code === "config-invalid" && i.file?.endsWith("gen-callbacks.config.json"))).toBe(true);
    expect(diags.items.every((i) => i.line === 1 && i.pointer !== undefined)).toBe(true);
    const r = await cli(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error config-invalid:");
  });

  it("without a spec or a configuration, says what to do", async () => {
    const r = await cli(dir("empty", {}));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no spec given and no configuration file found");
  });
});
