#!/usr/bin/env node
/**
 * bench/generate — full generation by gen-callbacks vs openapi-typescript (types only) on
 * the same document, each in fresh Node processes, as users run them (their CLIs, writing
 * files). Usage: node bench/generate.mjs [spec] [--runs N]
 * Default spec: ../shared/corpus/real/github-webhooks-3.1/api.github.com.json
 * Needs `npm run build` first (it runs dist/cli/bin.js).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, specAndRuns } from "./lib/args.mjs";
import { compare, table } from "./lib/measure.mjs";

const { spec, runs } = specAndRuns();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gc-bench-"));

const oursOut = path.join(tmp, "ours");
const [ours, theirs] = await compare(
  [
    {
      label: "gen-callbacks (full generation)",
      args: [path.join(root, "dist/cli/bin.js"), spec, "-o", oursOut, "-q"],
      // Every run writes every file, as a first generation does (a rerun skips unchanged files).
      before: () => fs.rmSync(oursOut, { recursive: true, force: true }),
    },
    {
      label: "openapi-typescript (types only)",
      args: [path.join(root, "node_modules/openapi-typescript/bin/cli.js"), spec, "-o", path.join(tmp, "ots.ts"), "--silent"],
    },
  ],
  { runs },
);

console.log(`spec: ${path.relative(process.cwd(), spec)} (${(fs.statSync(spec).size / 1e6).toFixed(1)} MB), ${runs} runs each, taking turns, after a warm-up, Node ${process.version}, ${os.cpus().length} CPUs`);
console.log(table([ours, theirs], theirs));
fs.rmSync(tmp, { recursive: true, force: true });
