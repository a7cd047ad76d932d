import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/cli/args.js";

describe("parseCliArgs", () => {
  it("parses the generate command with defaults", () => {
    const r = parseCliArgs(["spec.yaml", "-o", "out"]);
    expect(r).toEqual({
      ok: true,
      request: {
        command: "generate",
        spec: "spec.yaml",
        outDir: "out",
        check: false,
        json: false,
        quiet: false,
        debug: false,
        policy: "lenient",
        webhookRoutes: "shared",
        webhookPath: "/",
      },
    });
  });

  it("accepts every flag", () => {
    const r = parseCliArgs(["-", "--out", "o", "--check", "--json", "--strict", "--webhook-routes", "per-event", "--webhook-path", "/hooks", "--ref-root", "..", "-q", "--debug"]);
    expect(r.ok && r.request).toMatchObject({
      spec: "-",
      check: true,
      json: true,
      policy: "strict",
      webhookRoutes: "per-event",
      webhookPath: "/hooks",
      refRoot: "..",
      quiet: true,
      debug: true,
    });
  });

  it.each([
    [[], ["missing the spec file: gen-callbacks <spec> -o <dir>", "missing the output folder: -o <dir>"]],
    [["a.yaml", "b.yaml", "-o", "x"], ["unexpected argument: b.yaml"]],
    [["a.yaml", "-o", "x", "--policy", "loose"], ['--policy must be one of strict, lenient, tolerant (got "loose")']],
    [["a.yaml", "-o", "x", "--policy", "tolerant", "--strict"], ["--strict conflicts with --policy tolerant"]],
    [["a.yaml", "-o", "x", "--webhook-routes", "each"], ['--webhook-routes must be shared or per-event (got "each")']],
    [["a.yaml", "-o", "x", "--webhook-path", "hooks"], ['--webhook-path must be a URL path starting with / (got "hooks")']],
  ])("reports every usage problem of %j at once", (argv, errors) => {
    expect(parseCliArgs(argv)).toEqual({ ok: false, errors });
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
