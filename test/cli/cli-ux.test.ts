/**
 * The CLI's manners: did-you-mean for flags and configuration keys (located), an empty spec
 * is an error unless asked for, `--dry-run` writes nothing, repeated notes are folded.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
fs.mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
const tmp = fs.mkdtempSync(path.join(ROOT, ".tmp", "cli-ux-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[], cwd = tmp) {
  let stdout = "";
  let stderr = "";
  const code = await runCli({ argv, cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => "" });
  return { code, stdout, stderr };
}

const EMPTY = `openapi: 3.1.0\ninfo: {title: Empty, version: "1"}\npaths: {}\n`;

describe("the CLI says what it means", () => {
  it("suggests the flag a typo meant", async () => {
    const r = await cli(["spec.yaml", "-o", "out", "--adpter", "express"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error usage: unknown option --adpter (did you mean --adapter?)");
  });

  it.each([
    [["serve", "--help"], "gen-callbacks serve <spec>"],
    [["send", "spec.yaml", "-h"], "gen-callbacks send <spec> <event> --to <url>"],
    [["dlq", "list", "--help"], "usage: gen-callbacks dlq list|show"],
  ])("%j prints the subcommand's usage and exits 0", async (argv, usage) => {
    const r = await cli(argv);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain(usage);
  });

  it("takes --help after -- as an argument, not as a request for help", async () => {
    const r = await cli(["serve", "spec.yaml", "--", "--help"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unexpected argument: --help");
  });

  it("locates a misspelt configuration key and suggests the right one", async () => {
    const dir = path.join(tmp, "config");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "gen-callbacks.config.json"), `{\n  "providers": [\n    { "spec": "a.yaml", "out": "out",\n      "adapter": ["express"] }\n  ]\n}\n`);
    const r = await cli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gen-callbacks.config.json:4:7 - error config-invalid: providers[0]: unknown key "adapter" (did you mean "adapters"?)');
  });

  it("refuses a document without events (exit 2, nothing written) unless --allow-empty", async () => {
    fs.writeFileSync(path.join(tmp, "empty.yaml"), EMPTY);
    const r = await cli(["empty.yaml", "-o", "empty-out"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty\.yaml:1:1 - error no-events: the document describes no callbacks, webhooks or x-webhooks: there is nothing to generate/);
    expect(r.stderr).toContain("pass --allow-empty");
    expect(fs.existsSync(path.join(tmp, "empty-out"))).toBe(false);
    const allowed = await cli(["empty.yaml", "-o", "empty-out", "--allow-empty"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toMatch(/warning no-events/);
  });

  it("--dry-run lists what would change and writes nothing", async () => {
    const spec = path.join(ROOT, "generated-example/provider.yaml");
    const r = await cli([spec, "-o", "dry", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(tmp, "dry"))).toBe(false);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toContain("created dry/types.ts");
    expect(lines).toContain("created dry/handlers/payment-failed.ts");
    expect(lines).toContain("created dry/gen-callbacks.json");
    expect(r.stderr).toMatch(/dry run, nothing written: 7 events → dry: \d+ created, 0 updated/);
    // After a real run, a dry run of the same thing lists nothing.
    expect((await cli([spec, "-o", "dry", "-q"])).code).toBe(0);
    expect((await cli([spec, "-o", "dry", "--dry-run"])).stdout).toBe("");
  });

  it("folds repeated notes into one line with a count; --verbose shows each", async () => {
    const spec = `openapi: 3.1.0
info: {title: T, version: "1"}
paths: {}
webhooks:
${["a", "b", "c"].map((n) => `  ${n}.done:\n    post:\n      requestBody:\n        content:\n          application/xml:\n            schema: {type: string}\n      responses: {"200": {description: ok}}`).join("\n")}
`;
    fs.writeFileSync(path.join(tmp, "xml.yaml"), spec);
    const r = await cli(["xml.yaml", "-o", "xml-out"]);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/info media-type-unsupported/g)).toHaveLength(1);
    expect(r.stderr).toContain("  … and 2 more notes media-type-unsupported (--verbose shows all)");
    expect(r.stderr).toContain("0 errors, 0 warnings, 4 notes");
    const verbose = await cli(["xml.yaml", "-o", "xml-out", "--verbose"]);
    expect(verbose.stderr.match(/info media-type-unsupported/g)).toHaveLength(3);
  });

  it("says which packages the output needs that the project's package.json does not list", async () => {
    const dir = path.join(tmp, "project");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", dependencies: { zod: "^4.0.0" }, devDependencies: { typescript: "~5.9.3" } }));
    const r = await cli([path.join(ROOT, "generated-example/provider.yaml"), "-o", "src/webhooks", "--adapter", "node,express"], dir);
    expect(r.code).toBe(0);
    const missing = [...r.stderr.matchAll(/warning dependency-missing: the generated code imports (\S+),/g)].map((m) => m[1]);
    // gen-callbacks itself: the output imports the packaged runtime; express and @types/node:
    // what the packaged express and node adapters import.
    expect(missing).toEqual(["@types/node", "express", "gen-callbacks", "re2js"]);
    expect(r.stderr).toContain("hint: npm install express gen-callbacks re2js and npm install -D @types/node");
  });

  it("shows a progress line for a big document on a terminal only, and erases it", async () => {
    const spec = path.join(ROOT, "node_modules/@octokit/openapi-webhooks/generated/api.github.com.json");
    expect(fs.statSync(spec).size).toBeGreaterThan(2 * 1024 * 1024);
    const run = async (isTTY: boolean) => {
      let stderr = "";
      await runCli({ argv: [spec, "-o", "big", "--events", "push", "--dry-run"], cwd: tmp, isTTY, stdout: () => undefined, stderr: (t) => (stderr += t), readStdin: async () => "" });
      return stderr;
    };
    expect(await run(true)).toMatch(/^\S*api\.github\.com\.json: generating from \d+\.\d MB…\r\x1b\[2K/);
    expect(await run(false)).not.toMatch(/generating from|\x1b/);
  });

  it("warns only about what reaches the output; --verbose shows the rest", async () => {
    fs.writeFileSync(
      path.join(tmp, "unused.yaml"),
      `openapi: 3.1.0
info: {title: T, version: "1"}
paths: {}
webhooks:
  a.done:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Used"}
      responses: {"200": {description: ok}}
components:
  schemas:
    Used: {type: object, properties: {at: {type: string, format: stamp}}}
    Unused: {type: object, min_items: 1}
`,
    );
    const r = await cli(["unused.yaml", "-o", "unused-out", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning schema-unknown-format: unknown format "stamp"');
    expect(r.stderr).not.toContain("min_items");
    expect(r.stderr).toContain("(1 about schemas no generated event uses, not shown; --verbose shows them)");
    expect((await cli(["unused.yaml", "-o", "unused-out", "--dry-run", "--verbose"])).stderr).toContain("`min_items` is not a schema keyword");
  });
});
