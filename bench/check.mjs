#!/usr/bin/env node
/**
 * bench/check — `gen-callbacks --check` (regenerate in memory, compare, type-check the folder
 * as it will be) beside plain `tsc --noEmit` on the same folder, and beside generation alone,
 * so that the type-check's own share is `--check` minus generation. Commands take turns.
 *
 *   node bench/check.mjs [spec] [--runs N]     (default: GitHub's webhooks; needs `npm run build`)
 *
 * The output lives under .tmp/ in this repository, where `zod` and `gen-callbacks/runtime`
 * resolve as they would in a user's project.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { root } from "./lib/args.mjs";
import { compare, table } from "./lib/measure.mjs";
import { strictTsconfig } from "./lib/tsconfig.mjs";

const argv = process.argv.slice(2);
const runsAt = argv.indexOf("--runs");
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 3;
const given = argv.find((a, i) => !a.startsWith("--") && argv[i - 1] !== "--runs");
const spec = path.resolve(given ?? createRequire(import.meta.url).resolve("@octokit/openapi-webhooks/generated/api.github.com.json"));

const work = path.join(root, ".tmp/bench-check");
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const out = path.join(work, "src/webhooks");
const bin = path.join(root, "dist/cli/bin.js");
execFileSync(process.execPath, [bin, spec, "-o", out, "-q"], { stdio: "inherit" });
// What `--check` reads for its compiler options, and what plain tsc runs with.
const tsconfig = strictTsconfig(["src"]);
fs.writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
const tsc = path.join(root, "node_modules/typescript/bin/tsc");
const rows = await compare(
  [
    { label: "gen-callbacks --check", args: [bin, spec, "-o", out, "--check", "-q"] },
    { label: "gen-callbacks (generation only)", args: [bin, spec, "-o", path.join(work, "scratch"), "-q"] },
    { label: "tsc --noEmit", args: [tsc, "-p", path.join(work, "tsconfig.json")] },
  ],
  { runs },
);
console.log(`spec: ${path.relative(process.cwd(), spec)}; ${runs} runs each, taking turns, after a warm-up; Node ${process.version}, ${os.cpus().length} CPUs`);
console.log(table(rows, rows[2]));
const [check, generation, plain] = rows;
console.log(`--check's type-check alone (CPU, --check minus generation): ${((check.cpuMs - generation.cpuMs) / plain.cpuMs).toFixed(2)}× tsc's`);
