/**
 * The CLI as users meet it: stderr for invalid documents (golden files, THREATS.md C5),
 * exit codes, `--json`, stdin, and the real executable.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { CORPUS, describeShared, itShared, sharedRows, VECTORS } from "../support/shared.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
// Inside the repository: `--check` type-checks the output, which needs `zod` resolvable.
fs.mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
const tmp = fs.mkdtempSync(path.join(ROOT, ".tmp", "cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[], opts: { cwd?: string; stdin?: string } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runCli({
    argv,
    cwd: opts.cwd ?? ROOT,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: async () => opts.stdin ?? "",
  });
  return { code, stdout, stderr };
}

const refused = sharedRows(
  () =>
    [
      ...fs.readdirSync(path.join(VECTORS, "oai-schema-fixtures/v3.1/fail")).map((f) => `oai-schema-fixtures/v3.1/fail/${f}`),
      ...["alias-bomb-9x8.yaml", "duplicate-keys.yaml", "multi-document.yaml", "non-string-keys.yaml", "tags-and-nonjson-scalars.yaml"].map(
        (f) => `generator-hazards/yaml/${f}`,
      ),
      "generator-hazards/refs/spec/external-refs.yaml",
      "generator-hazards/refs/spec/circular.yaml",
    ].sort(),
  "(the shared vectors)",
);

describe("refused documents", () => {
  itShared.each(refused)("%s: located errors, exit 2, nothing written, under a second", async (rel) => {
    const out = path.join(tmp, "refused", rel.replace(/[/.]/g, "_"));
    const started = performance.now();
    const r = await cli([path.join(VECTORS, rel), "-o", out], { cwd: VECTORS });
    const elapsed = performance.now() - started;
    expect(r.code).toBe(2);
    expect(elapsed).toBeLessThan(1000);
    expect(fs.existsSync(out)).toBe(false);
    const errors = r.stderr.split("\n").filter((l) => / - error [a-z-]+: /.test(l));
    expect(errors.length).toBeGreaterThan(0);
    // file:line:col, severity, code on every error line; the pointer on the next line.
    for (const line of errors) expect(line).toMatch(/^[^:]+:\d+:\d+ - error [a-z-]+: /);
    // A JSON pointer for every problem inside the document (syntax errors come before there is one).
    if (!/ - error (yaml|json)-syntax: /.test(r.stderr)) expect(r.stderr).toMatch(/\n {2}at #/);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.(js|ts):\d+:\d+\)?\n/); // no stack trace
    expect(r.stderr).toMatch(/; nothing was written\n$/);
    await expect(r.stderr).toMatchFileSnapshot(`./__snapshots__/refused/${rel.replace(/\//g, "__")}.txt`);
  });

  itShared("reports all problems of a document in one run", async () => {
    const r = await cli([path.join(VECTORS, "generator-hazards/refs/spec/external-refs.yaml"), "-o", path.join(tmp, "x")], { cwd: VECTORS });
    expect(r.stderr.match(/ - error ref-(outside-root|external-url)/g)).toHaveLength(7);
  });

  it("refuses Swagger 2.0 with a way forward", async () => {
    const spec = path.join(tmp, "swagger.yaml");
    fs.writeFileSync(spec, 'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths: {}\n');
    const r = await cli([spec, "-o", path.join(tmp, "sw")], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("swagger.yaml:1:10 - error unsupported-version");
    expect(r.stderr).toMatch(/swagger2openapi/);
  });
});

describeShared("documents that must load", () => {
  const pass = sharedRows(
    () => ["v3.1/pass", "v3.0/pass"].flatMap((dir) => fs.readdirSync(path.join(VECTORS, "oai-schema-fixtures", dir)).map((f) => `oai-schema-fixtures/${dir}/${f}`)),
    "(the shared vectors)",
  );
  it.each([...pass, "generator-hazards/yaml/merge-keys.yaml", "generator-hazards/refs/spec/ref-fanout-9x9.json"])("%s loads without error", async (rel) => {
    const r = await cli([path.join(VECTORS, rel), "-o", path.join(tmp, "pass", rel.replace(/[/.]/g, "_")), "--json", "--allow-empty"], { cwd: VECTORS });
    const summary = JSON.parse(r.stdout) as { ok: boolean; diagnostics: { severity: string; code: string }[] };
    expect(summary.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(r.code).toBe(0);
  });
});

describe("--json", () => {
  it("summarizes events, files and diagnostics", async () => {
    const out = path.join(tmp, "json");
    const r = await cli(["generated-example/provider.yaml", "-o", out, "--json"]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.ok).toBe(true);
    expect(summary.events).toContainEqual({
      kind: "callback",
      handler: "onData",
      key: "{$request.query.callbackUrl}/data",
      method: "POST",
      route: "/data",
      source: { file: "generated-example/provider.yaml", pointer: "#/paths/~1streams/post/callbacks/onData/{$request.query.callbackUrl}~1data/post", line: 104 },
      declaredIn: "callbacks",
      callbackName: "onData",
      parent: { method: "POST", path: "/streams", operationId: "subscribeUsageStream" },
    });
    expect(summary.events).toContainEqual(expect.objectContaining({ kind: "webhook", handler: "paymentSucceeded", key: "payment.succeeded", declaredIn: "webhooks" }));
    expect(summary.files).toContainEqual({ path: "types.ts", action: "created", owner: "generated" });
    expect(summary.files).toContainEqual({ path: "handlers/on-data.ts", action: "created", owner: "user" });
    expect(summary.diagnostics.map((d: { code: string }) => d.code)).toEqual(["callback-key-nonstandard", "callback-key-nonstandard", "indistinguishable-events", "routing-inferred", "signature-detected"]);
    expect(summary.diagnostics[0]).toMatchObject({ code: "callback-key-nonstandard", severity: "warning", file: "generated-example/provider.yaml", line: 50, column: 11 });
  });
});

describe("stdin and usage", () => {
  itShared("reads the spec from stdin with -", async () => {
    const spec = fs.readFileSync(path.join(CORPUS, "oai-callback-example/callback-example.yaml"), "utf8");
    const out = path.join(tmp, "stdin");
    const r = await cli(["-", "-o", out], { stdin: spec, cwd: tmp });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(out, "routes.ts"), "utf8")).toContain('path: "/data"');
    expect(fs.readFileSync(path.join(out, "types.ts"), "utf8")).toMatch(/^\/\/ @generated by gen-callbacks from <stdin>\./);
  });

  it("exits 2 on usage errors and prints help", async () => {
    expect((await cli([])).code).toBe(2);
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage:");
  });

  it("exits 2 when the spec does not exist", async () => {
    const r = await cli(["nope.yaml", "-o", path.join(tmp, "nope")], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error input-unreadable: the spec file \S*nope\.yaml does not exist/);
  });
});

describe("the executable", () => {
  it("runs from dist with exit codes 0, 1 and 2", () => {
    const bin = path.join(ROOT, "dist/cli/bin.js");
    const out = path.join(tmp, "bin");
    const spec = path.join(ROOT, "generated-example/provider.yaml");
    expect(execFileSync(process.execPath, [bin, "--version"]).toString().trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(spawnSync(process.execPath, [bin, spec, "-o", out, "-q"]).status).toBe(0);
    expect(spawnSync(process.execPath, [bin, spec, "-o", out, "--check", "-q"]).status).toBe(0);
    fs.appendFileSync(path.join(out, "types.ts"), "// drift\n");
    const drift = spawnSync(process.execPath, [bin, spec, "-o", out, "--check"]);
    expect(drift.status).toBe(1);
    expect(drift.stderr.toString()).toContain("error output-stale:");
    expect(spawnSync(process.execPath, [bin, "missing.yaml", "-o", out]).status).toBe(2);
  });

  it("generates without loading Redocly's entry (openapi-typescript's package entry pulls it in)", () => {
    const probe = path.join(tmp, "loaded-modules.cjs");
    const listing = path.join(tmp, "loaded-modules.json");
    fs.writeFileSync(
      probe,
      `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(listing)}, JSON.stringify(Object.keys(require("node:module")._cache))));\n`,
    );
    const spec = path.join(ROOT, "generated-example/provider.yaml");
    const run = spawnSync(process.execPath, ["--require", probe, path.join(ROOT, "dist/cli/bin.js"), spec, "-o", path.join(tmp, "light"), "-q"]);
    expect(run.status).toBe(0);
    const loaded = (JSON.parse(fs.readFileSync(listing, "utf8")) as string[]).map((f) => f.split(path.sep).join("/"));
    expect(loaded.some((f) => f.endsWith("/openapi-typescript/dist/transform/schema-object.cjs"))).toBe(true);
    expect(loaded.filter((f) => f.endsWith("/@redocly/openapi-core/lib/index.js") || f.endsWith("/openapi-typescript/dist/index.cjs"))).toEqual([]);
  });
});
