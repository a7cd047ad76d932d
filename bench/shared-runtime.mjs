#!/usr/bin/env node
/**
 * bench/shared-runtime — seven providers generated into one project, with the runtime as a
 * package (the default: every output imports `gen-callbacks/runtime`) and vendored (each
 * output carries its own copy in `runtime/`): lines of TypeScript in the project and
 * `tsc --noEmit --strict` time and peak memory on it, the two projects taking turns.
 *
 *   node bench/shared-runtime.mjs [--runs N]      (needs `npm run build` and ../shared)
 *
 * The projects live under .tmp/ in this repository, so `gen-callbacks/runtime` resolves to
 * this package (self-reference) as it would to node_modules/gen-callbacks in a user's project.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, specAndRuns } from "./lib/args.mjs";
import { compare, table } from "./lib/measure.mjs";
import { strictTsconfig } from "./lib/tsconfig.mjs";

const { runs } = specAndRuns();
const corpus = path.resolve(process.env.GEN_CALLBACKS_SHARED ?? path.join(root, "../shared"), "corpus/real");
if (!fs.existsSync(corpus)) {
  console.log(`skipped: no real-spec corpus at ${corpus} (set GEN_CALLBACKS_SHARED to the shared folder)`);
  process.exit(0);
}
/** Seven providers of the corpus, of different shapes and sizes (GitHub aside: it alone would dominate). */
const PROVIDERS = ["adyen-webhooks", "apideck-crm", "codat-platform", "openai", "okta-management", "svix-lib-openapi", "zoom-video-sdk-webhooks"];
const specOf = (name) => {
  const dir = path.join(corpus, name);
  return path.join(dir, fs.readdirSync(dir).find((f) => /\.(ya?ml|json)$/.test(f)));
};

const work = path.join(root, ".tmp/bench-shared-runtime");
fs.rmSync(work, { recursive: true, force: true });
const tsconfig = strictTsconfig(["src"]);

function project(runtime) {
  const dir = path.join(work, runtime);
  for (const name of PROVIDERS) {
    execFileSync(process.execPath, [path.join(root, "dist/cli/bin.js"), specOf(name), "-o", path.join(dir, "src", name), "--runtime", runtime, "-q"], { stdio: "inherit" });
  }
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  return dir;
}

function lines(dir) {
  let files = 0;
  let count = 0;
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    if (!String(f).endsWith(".ts")) continue;
    files++;
    count += fs.readFileSync(path.join(dir, f), "utf8").split("\n").length;
  }
  return { files, count };
}

const shared = project("package");
const vendored = project("vendored");
const tsc = path.join(root, "node_modules/typescript/bin/tsc");
const [a, b] = await compare(
  [
    { label: "runtime as a package", args: [tsc, "-p", path.join(shared, "tsconfig.json")] },
    { label: "runtime vendored ×7", args: [tsc, "-p", path.join(vendored, "tsconfig.json")] },
  ],
  { runs },
);
const [la, lb] = [lines(path.join(shared, "src")), lines(path.join(vendored, "src"))];
console.log(`${PROVIDERS.length} providers in one project: ${PROVIDERS.join(", ")}`);
console.log(`TypeScript in the project: package ${la.files} files, ${la.count} lines · vendored ${lb.files} files, ${lb.count} lines`);
console.log(`tsc --noEmit --strict; ${runs} runs each, taking turns, after a warm-up; Node ${process.version}, ${os.cpus().length} CPUs`);
console.log(table([a, b], b));
