import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/cli/args.js";

describe("parseCliArgs", () => {
  it("parses the generate command with defaults", () => {
    const r = parseCliArgs(["spec.yaml", "-o", "out"]);
    expect(r).toEqual({
      ok: true,
      request: { command: "generate", spec: "spec.yaml", outDir: "out", check: false, watch: false, json: false, quiet: false, verbose: false, dryRun: false, allowEmpty: false, debug: false, overrides: {} },
    });
  });

  it("accepts every flag; only flags given become overrides", () => {
    const r = parseCliArgs(["-", "--out", "o", "--check", "--json", "--strict", "--webhook-routes", "per-event", "--webhook-path", "/hooks", "--ref-root", "..", "-q", "--debug"]);
    expect(r.ok && r.request).toMatchObject({
      spec: "-",
      check: true,
      json: true,
      quiet: true,
      debug: true,
      overrides: { policy: "strict", webhookRoutes: "per-event", webhookPath: "/hooks", refRoot: ".." },
    });
  });

  it("runs from the configuration file when no spec is given", () => {
    expect(parseCliArgs(["--config", "gc.json", "--policy", "tolerant"])).toEqual({
      ok: true,
      request: { command: "generate", config: "gc.json", check: false, watch: false, json: false, quiet: false, verbose: false, dryRun: false, allowEmpty: false, debug: false, overrides: { policy: "tolerant" } },
    });
  });

  it("parses diff", () => {
    expect(parseCliArgs(["diff", "old.yaml", "new.yaml", "--json"])).toMatchObject({ ok: true, request: { command: "diff", diffOld: "old.yaml", diffNew: "new.yaml", json: true } });
    expect(parseCliArgs(["diff", "old.yaml"])).toEqual({ ok: false, errors: ["diff needs two specs: gen-callbacks diff <old-spec> <new-spec>"] });
  });

  it.each([
    [["-o", "x"], ["missing the spec file: gen-callbacks <spec> -o <dir>"]],
    [["a.yaml"], ["missing the output folder: -o <dir>"]],
    [["a.yaml", "-o", "x", "--check", "--watch"], ["--check and --watch do not go together"]],
    [["a.yaml", "b.yaml", "-o", "x"], ["unexpected argument: b.yaml"]],
    [["a.yaml", "-o", "x", "--policy", "loose"], ['--policy must be one of strict, lenient, tolerant (got "loose")']],
    [["a.yaml", "-o", "x", "--policy", "tolerant", "--strict"], ["--strict conflicts with --policy tolerant"]],
    [["a.yaml", "-o", "x", "--webhook-routes", "each"], ['--webhook-routes must be shared or per-event (got "each")']],
    [["a.yaml", "-o", "x", "--webhook-path", "hooks"], ['--webhook-path must be a URL path starting with / (got "hooks")']],
    [["a.yaml", "-o", "x", "--adapter", "koa,express"], ["--adapter must be among node, express, fastify, hono, next, fetch, redis, bullmq or none (got koa)"]],
  ])("reports every usage problem of %j at once", (argv, errors) => {
    expect(parseCliArgs(argv)).toEqual({ ok: false, errors });
  });

  it("takes adapters as a list, repeated or comma-separated, or none", () => {
    const r = parseCliArgs(["a.yaml", "-o", "x", "--adapter", "hono,express", "--adapter", "node"]);
    expect(r.ok && r.request.overrides.adapters).toEqual(["express", "hono", "node"]);
    const none = parseCliArgs(["a.yaml", "-o", "x", "--adapter", "none"]);
    expect(none.ok && none.request.overrides.adapters).toEqual([]);
  });

  it("rejects unknown flags", () => {
    const r = parseCliArgs(["a.yaml", "-o", "x", "--frobnicate"]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/frobnicate/);
  });

  it("has help and version", () => {
    expect(parseCliArgs(["--help"])).toMatchObject({ ok: true, request: { command: "help" } });
    expect(parseCliArgs(["-v"])).toMatchObject({ ok: true, request: { command: "version" } });
  });
});
