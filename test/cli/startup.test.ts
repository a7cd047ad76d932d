/**
 * The CLI reads its arguments before loading anything heavy: `--version`, `--help` and usage
 * errors answer without TypeScript, ts-morph, openapi-typescript or prettier (half a second of
 * CPU once loaded). bench/cli-startup.mjs measures the time; this checks what is loaded.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "../..");
const HEAVY = ["typescript", "ts-morph", "openapi-typescript", "prettier", "yaml", "zod"];

function resolvedBy(args: string[]): { status: number | null; packages: string[] } {
  const r = spawnSync(process.execPath, ["--require", path.join(import.meta.dirname, "fixtures/record-requires.cjs"), path.join(REPO, "dist/cli/bin.js"), ...args], { encoding: "utf8" });
  const packages = [...new Set([...r.stderr.matchAll(/^resolved (\S+)$/gm)].map((m) => m[1]!))];
  return { status: r.status, packages };
}

describe("CLI start-up", () => {
  it.each([[["--version"], 0], [["--help"], 0], [["--no-such-flag"], 2]] as const)("%j loads none of the generator's packages (exit %i)", (args, status) => {
    const r = resolvedBy([...args]);
    expect(r.status).toBe(status);
    expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it("a real run does load them (the check above can see them)", () => {
    const r = resolvedBy([path.join(REPO, "generated-example/provider.yaml"), "-o", path.join(REPO, ".tmp", `startup-${process.pid}`), "--check", "-q"]);
    expect(r.packages).toEqual(expect.arrayContaining(["typescript", "yaml"]));
  });
});
