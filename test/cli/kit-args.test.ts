/** `serve` and `send` arguments: defaults, what each flag sets, and the usage errors. */
import { describe, expect, it } from "vitest";
import { parseKitArgs } from "../../src/cli/kit-args.js";

const env = {};

describe("serve arguments", () => {
  it("binds loopback on port 4000 unless told otherwise", () => {
    expect(parseKitArgs(["serve", "spec.yaml"], env)).toEqual({ ok: true, request: { command: "serve", spec: "spec.yaml", json: false, port: 4000, host: "127.0.0.1" } });
    expect(parseKitArgs(["serve", "spec.yaml", "--port", "0", "--host", "0.0.0.0", "--json"], env)).toMatchObject({ ok: true, request: { port: 0, host: "0.0.0.0", json: true } });
  });

  it("takes the secret from --secret, else GEN_CALLBACKS_SECRET", () => {
    expect(parseKitArgs(["serve", "s.yaml"], { GEN_CALLBACKS_SECRET: "from-env" })).toMatchObject({ request: { secret: "from-env" } });
    expect(parseKitArgs(["serve", "s.yaml", "--secret", "flag"], { GEN_CALLBACKS_SECRET: "from-env" })).toMatchObject({ request: { secret: "flag" } });
  });

  it.each([
    [["serve"], "serve needs a spec: gen-callbacks serve <spec>"],
    [["serve", "s.yaml", "--port", "http"], '--port must be a port number, 0 for any free one (got "http")'],
    [["serve", "s.yaml", "extra"], "unexpected argument: extra"],
    [["serve", "s.yaml", "--to", "x"], "serve: Unknown option '--to'"],
    [["serve", "s.yaml", "--policy", "loose"], '--policy must be one of strict, lenient, tolerant (got "loose")'],
  ])("%j → %s", (argv, error) => {
    const r = parseKitArgs(argv, env);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join("\n")).toContain(error);
  });
});

describe("send arguments", () => {
  it("reads the event, the target and the example", () => {
    expect(parseKitArgs(["send", "s.yaml", "issues.*", "--to", "http://127.0.0.1:4000", "--example", "opened"], env)).toEqual({
      ok: true,
      request: { command: "send", spec: "s.yaml", json: false, event: "issues.*", to: "http://127.0.0.1:4000", example: "opened", unsigned: false, allowRemote: false },
    });
  });

  it("--unsigned drops a secret from the environment", () => {
    const r = parseKitArgs(["send", "s.yaml", "e", "--to", "http://localhost", "--unsigned"], { GEN_CALLBACKS_SECRET: "x" });
    expect(r.ok && r.request.secret).toBeUndefined();
  });

  it.each([
    [["send", "s.yaml", "--to", "http://localhost"], "send needs an event"],
    [["send", "s.yaml", "e"], "send needs the receiver's URL: --to http://127.0.0.1:4000"],
    [["send", "s.yaml", "e", "--to", "http://localhost", "--unsigned", "--secret", "x"], "--unsigned and --secret do not go together"],
    [["send", "s.yaml", "e", "--to", "http://localhost", "--port", "1"], "send: Unknown option '--port'"],
  ])("%j → %s", (argv, error) => {
    const r = parseKitArgs(argv, env);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join("\n")).toContain(error);
  });
});
