/**
 * The runtime as a package (issue 14): the default output imports `gen-callbacks/runtime`
 * and `gen-callbacks/adapters/*` and carries no copy; `--runtime vendored` carries one;
 * generation and `--check` say when the package the output imports is missing or is another
 * version. Outputs under .tmp/ in this repository resolve the package by self-reference, as
 * they would resolve node_modules/gen-callbacks in a user's project; outputs in the system's
 * temporary folder resolve nothing, as in a project that has not installed it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check, generate } from "../../src/api.js";
import { runCli } from "../../src/cli/main.js";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { checkRuntimeInstall, generatorVersion, installedRuntimeVersion } from "../../src/write/runtime-install.js";
import { typecheckFolders } from "../support/typecheck.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SPEC = path.join(ROOT, "generated-example/provider.yaml");
fs.mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
const inRepo = fs.mkdtempSync(path.join(ROOT, ".tmp", "runtime-package-"));
const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "gen-callbacks-runtime-package-")));
afterAll(() => {
  fs.rmSync(inRepo, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

const codes = (d: { code: string; severity: string }[]) => d.filter((x) => x.code.startsWith("runtime-")).map((x) => `${x.severity} ${x.code}`);

async function cli(argv: string[], cwd: string) {
  let stderr = "";
  const code = await runCli({ argv, cwd, stdout: () => {}, stderr: (t) => (stderr += t), readStdin: async () => "" });
  return { code, stderr };
}

describe("the packaged runtime (default)", () => {
  const out = path.join(inRepo, "package/webhooks");
  const result = generate({ spec: SPEC, outDir: out, adapters: ["node", "express"] });

  it("imports the runtime and the adapters from gen-callbacks and carries no copy", () => {
    expect(result.ok).toBe(true);
    expect(codes(result.diagnostics)).toEqual([]);
    const files = fs.readdirSync(out, { recursive: true }).map(String).sort();
    expect(files.filter((f) => f.startsWith("runtime"))).toEqual([]);
    expect(fs.readFileSync(path.join(out, "adapters/node.ts"), "utf8")).toMatch(/\nexport \* from "gen-callbacks\/adapters\/node";\n$/);
    // Express wraps the node adapter inside the package: no second file for it here.
    expect(files.filter((f) => f.startsWith("adapters/"))).toEqual(["adapters/express.ts", "adapters/node.ts"]);
    const receiver = fs.readFileSync(path.join(out, "receiver.ts"), "utf8");
    expect(receiver).toContain(' from "gen-callbacks/runtime";');
    expect(receiver).toContain(' from "gen-callbacks/runtime/signatures";');
  });

  it("type-checks with --strict against the package's declarations", () => {
    // The showcase's filled-in handlers, and the application code they call.
    fs.cpSync(path.join(ROOT, "generated-example/src/webhooks/handlers"), path.join(out, "handlers"), { recursive: true });
    fs.cpSync(path.join(ROOT, "generated-example/src/app"), path.join(out, "../app"), { recursive: true });
    const { errors, files } = typecheckFolders([out, path.join(out, "../app")]);
    expect(errors).toEqual([]);
    expect(files).toBeGreaterThan(10);
  });

  it("serves a delivery through the package's node adapter", async () => {
    const { createReceiver, events } = (await import(/* @vite-ignore */ path.join(out, "receiver.ts"))) as {
      createReceiver(o: unknown): { handle: unknown; close(): Promise<void> };
      events: { name: string }[];
    };
    const { nodeServer } = (await import(/* @vite-ignore */ path.join(out, "adapters/node.ts"))) as { nodeServer(r: unknown): import("node:http").Server };
    const seen: string[] = [];
    const handler = async (input: { body: unknown }) => {
      seen.push(JSON.stringify(input.body));
      return undefined;
    };
    const handlers = Object.fromEntries(events.map((e) => [e.name, handler]));
    const receiver = createReceiver({ handlers, insecure: true });
    const server = nodeServer(receiver);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as import("node:net").AddressInfo;
    const body = JSON.stringify({ timestamp: "2026-12-07T07:00:00Z", subscriptionId: "6f1c2a9e-3b1d-4c55-9a7e-2d4b8f0c1e11", samples: [{ metric: "seats", value: 3 }] });
    const headers = { "content-type": "application/json", "webhook-id": "msg_1", "webhook-timestamp": "1765090800", "webhook-signature": "v1,unchecked" };
    const res = await fetch(`http://127.0.0.1:${port}/data`, { method: "POST", headers, body });
    await new Promise((resolve) => server.close(resolve));
    expect(res.status).toBe(202);
    expect(seen).toEqual([body]);
  });

  it("is found where the output lies, at this generator's version", () => {
    expect(installedRuntimeVersion(out)).toBe(generatorVersion());
    expect(installedRuntimeVersion(outside)).toBeUndefined();
  });
});

describe("the vendored runtime", () => {
  const out = path.join(outside, "vendored/webhooks");
  const result = generate({ spec: SPEC, outDir: out, runtime: "vendored" });

  it("carries the runtime, needs no gen-callbacks installed, and says nothing about it", () => {
    expect(result.ok).toBe(true);
    expect(codes(result.diagnostics)).toEqual([]);
    expect(fs.existsSync(path.join(out, "runtime/runtime.ts"))).toBe(true);
    expect(fs.readFileSync(path.join(out, "receiver.ts"), "utf8")).toContain(' from "./runtime/runtime.js";');
  });

  it("switching to the package removes the copy and keeps the handlers", () => {
    const handler = path.join(out, "handlers/on-data.ts");
    fs.appendFileSync(handler, "// mine\n");
    const again = generate({ spec: SPEC, outDir: out, runtime: "package" });
    expect(fs.existsSync(path.join(out, "runtime"))).toBe(false);
    expect(again.files.filter((f) => f.action === "removed").length).toBeGreaterThan(20);
    expect(fs.readFileSync(handler, "utf8")).toMatch(/\/\/ mine\n$/);
  });
});

describe("a project without the package, or with another version", () => {
  it("generation warns, with the command that fixes it, and still writes", () => {
    const out = path.join(outside, "missing/webhooks");
    const result = generate({ spec: SPEC, outDir: out });
    expect(result.ok).toBe(true);
    const d = result.diagnostics.find((x) => x.code === "runtime-not-installed")!;
    expect(d.severity).toBe("warning");
    expect(d.hint).toContain(`npm install gen-callbacks@${generatorVersion()}`);
    expect(d.hint).toContain("--runtime vendored");
    expect(fs.existsSync(path.join(out, "receiver.ts"))).toBe(true);
  });

  it("--check fails with exit 1 when the installed runtime is another version", async () => {
    const project = path.join(outside, "other-version");
    const installed = path.join(project, "node_modules/gen-callbacks");
    fs.mkdirSync(installed, { recursive: true });
    fs.writeFileSync(path.join(installed, "package.json"), JSON.stringify({ name: "gen-callbacks", version: "0.0.1", exports: { "./package.json": "./package.json" } }));
    const first = await cli([SPEC, "-o", "src/webhooks"], project);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`warning runtime-version-mismatch: the output was generated by gen-callbacks ${generatorVersion()}, but the runtime it imports is gen-callbacks 0.0.1`);
    const r = await cli([SPEC, "-o", "src/webhooks", "--check"], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error runtime-version-mismatch");
    expect(r.stderr).toContain(`npm install gen-callbacks@${generatorVersion()}`);
  });

  it("the check itself: one diagnostic, none for the vendored runtime", () => {
    const diags = new Diagnostics();
    expect(checkRuntimeInstall(outside, "vendored", diags, "error")).toBe(true);
    expect(checkRuntimeInstall(inRepo, "package", diags, "error", "9.9.9")).toBe(false);
    expect(diags.items.map((d) => d.code)).toEqual(["runtime-version-mismatch"]);
    const c = check({ spec: SPEC, outDir: path.join(inRepo, "package/webhooks"), adapters: ["node", "express"] });
    expect(codes(c.diagnostics)).toEqual([]);
  });
});
