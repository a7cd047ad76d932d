/**
 * `npx gen-callbacks` from the packed tarball, in a project that has never seen this
 * repository: `npm pack`, a fresh project in the system's temp folder, exactly the install
 * commands the README's "Install" section gives (the tarball standing for `gen-callbacks`),
 * then the CLI on GitHub's webhooks spec (the corpus' github-webhooks-3.1) and on the showcase's
 * (with the packaged runtime, and vendored), and that project's own `tsc` over the result. npm prefers its cache; CI reaches the registry for the rest.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GITHUB_WEBHOOKS_SPEC } from "../support/corpus.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "gen-callbacks-pack-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The `npm install …` lines of the README's "Install" section. */
function readmeInstallCommands(): string[][] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n### Install\n"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split("\n")
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter((l) => l.startsWith("npm install "))
    .map((l) => l.split(/\s+/).slice(1));
}

const run = (cmd: string, args: string[], cwd: string) => spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 240_000 });

describe("the packed tarball in a fresh project", () => {
  it("installs with the README's commands, generates, and type-checks with the project's tsc", () => {
    const tarball = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!;
    const project = path.join(work, "fresh-project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "fresh-project", private: true, type: "module" }, null, 2));
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, noEmit: true }, include: ["src"] }, null, 2),
    );
    const commands = readmeInstallCommands();
    expect(commands.length).toBeGreaterThan(0);
    for (const args of commands) {
      const withTarball = args.map((a) => (a === "gen-callbacks" ? path.join(work, tarball) : a));
      const r = run("npm", ["install", ...withTarball.slice(1), "--prefer-offline", "--no-audit", "--no-fund"], project);
      expect(r.status, `npm ${withTarball.join(" ")}\n${r.stderr}`).toBe(0);
    }
    // Nothing of this repository is reachable from there.
    expect(fs.realpathSync(path.join(project, "node_modules/gen-callbacks")).startsWith(ROOT)).toBe(false);

    fs.copyFileSync(GITHUB_WEBHOOKS_SPEC, path.join(project, "api.github.com.json"));
    const gen = run("npx", ["--no-install", "gen-callbacks", "api.github.com.json", "-o", "src/webhooks", "--events", "issues.*,push,pull-request.*"], project);
    expect(gen.status, gen.stderr).toBe(0);
    expect(gen.stderr).toMatch(/events → src\/webhooks: \d+ created/);
    // The README's install lines cover everything the output imports.
    expect(gen.stderr).not.toContain("dependency-missing");

    // A second provider beside it, sharing the packaged runtime, and a third carrying its own
    // copy (`--runtime vendored`): the showcase's spec, with patterns and a signature scheme.
    fs.copyFileSync(path.join(ROOT, "generated-example/provider.yaml"), path.join(project, "acme.yaml"));
    const second = [
      ["acme.yaml", "-o", "src/acme"],
      ["acme.yaml", "-o", "src/acme-vendored", "--runtime", "vendored"],
    ];
    for (const args of second) {
      const r = run("npx", ["--no-install", "gen-callbacks", ...args], project);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).not.toContain("dependency-missing");
    }
    expect(fs.readFileSync(path.join(project, "src/acme/schemas.ts"), "utf8")).toContain('from "gen-callbacks/runtime/schema-builders";');
    expect(fs.readFileSync(path.join(project, "src/acme-vendored/schemas.ts"), "utf8")).toContain('from "./runtime/schema-builders.js";');

    const tsc = run(path.join(project, "node_modules/.bin/tsc"), ["-p", "."], project);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);

    const check = run("npx", ["--no-install", "gen-callbacks", "api.github.com.json", "-o", "src/webhooks", "--check"], project);
    expect(check.stderr).toMatch(/up to date/);
    expect(check.status).toBe(0);
    for (const args of second) {
      const r = run("npx", ["--no-install", "gen-callbacks", ...args, "--check"], project);
      expect(r.stderr).toMatch(/up to date/);
      expect(r.status).toBe(0);
    }
  }, 600_000);
});
