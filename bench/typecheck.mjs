#!/usr/bin/env node
/**
 * bench/typecheck — `tsc --noEmit --strict` on gen-callbacks' whole output (types, Zod
 * schemas, contract, routes, handler stubs) vs on openapi-typescript's output (types only)
 * and on hey-api's (`@hey-api/openapi-ts` with its TypeScript and Zod plugins: types + Zod
 * schemas, the nearest peer) for the same document.
 * An empty project with the same tsconfig is measured too: what every side pays before reading
 * a line of its own (the standard library, @types/node), so that each side's own cost shows.
 * Usage: node bench/typecheck.mjs [spec] [--runs N]   (needs `npm run build`)
 * The outputs are written under .tmp/ in this repository so that `zod` resolves. hey-api is
 * pinned to 0.90.10, its last release that runs on Node 20; its output imports without file
 * extensions, so its tsconfig resolves modules the bundler way (otherwise the same options).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, specAndRuns } from "./lib/args.mjs";
import { compare, table } from "./lib/measure.mjs";
import { strictTsconfig } from "./lib/tsconfig.mjs";

const { spec, runs } = specAndRuns();
const work = path.join(root, ".tmp/bench-typecheck");
fs.rmSync(work, { recursive: true, force: true });

const tsconfig = strictTsconfig(["**/*.ts"]);
const ours = path.join(work, "ours");
const selected = path.join(work, "ours-3-events");
const theirs = path.join(work, "openapi-typescript");
const hey = path.join(work, "hey-api");
const empty = path.join(work, "empty");
fs.mkdirSync(empty, { recursive: true });
fs.writeFileSync(path.join(empty, "index.ts"), "export {};\n");
execFileSync(process.execPath, [path.join(root, "dist/cli/bin.js"), spec, "-o", ours, "-q"], { stdio: "inherit" });
// What a user who handles three events generates (`--events`): GitHub's issues.opened, push and
// pull_request.opened by default; `--events <list>` for another document.
const eventsAt = process.argv.indexOf("--events");
const events = eventsAt >= 0 ? process.argv[eventsAt + 1] : "issues.opened,push,pull_request.opened";
execFileSync(process.execPath, [path.join(root, "dist/cli/bin.js"), spec, "-o", selected, "--events", events, "-q"], { stdio: "inherit" });
fs.mkdirSync(theirs, { recursive: true });
execFileSync(process.execPath, [path.join(root, "node_modules/openapi-typescript/bin/cli.js"), spec, "-o", path.join(theirs, "schema.ts"), "--silent"], { stdio: "inherit" });
const { createClient } = await import("@hey-api/openapi-ts");
await createClient({ input: spec, output: hey, plugins: ["@hey-api/typescript", "zod"], logs: { level: "silent" } });
for (const dir of [ours, selected, theirs, empty]) fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
const bundlerTsconfig = { ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, module: "ESNext", moduleResolution: "Bundler" } };
fs.writeFileSync(path.join(hey, "tsconfig.json"), JSON.stringify(bundlerTsconfig, null, 2));

const size = (dir) => fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".ts")).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
const tsc = path.join(root, "node_modules/typescript/bin/tsc");
const [a, c, b, h, e] = await compare(
  [
    { label: `gen-callbacks output (${(size(ours) / 1e6).toFixed(1)} MB)`, args: [tsc, "-p", path.join(ours, "tsconfig.json")] },
    { label: `gen-callbacks, 3 events (${(size(selected) / 1e6).toFixed(2)} MB)`, args: [tsc, "-p", path.join(selected, "tsconfig.json")] },
    { label: `openapi-typescript output (${(size(theirs) / 1e6).toFixed(1)} MB)`, args: [tsc, "-p", path.join(theirs, "tsconfig.json")] },
    { label: `hey-api types + Zod (${(size(hey) / 1e6).toFixed(1)} MB)`, args: [tsc, "-p", path.join(hey, "tsconfig.json")] },
    { label: "empty project (the floor)", args: [tsc, "-p", path.join(empty, "tsconfig.json")] },
  ],
  { runs },
);

console.log(`tsc --noEmit --strict; spec: ${path.relative(process.cwd(), spec)}; ${runs} runs each, taking turns, after a warm-up; Node ${process.version}, ${os.cpus().length} CPUs`);
console.log(table([a, c, b, h, e], b));
console.log(table([a, c, h], h));
const above = (r) => `${((r.cpuMs - e.cpuMs) / 1000).toFixed(2)} s CPU, ${(r.peakMb - e.peakMb).toFixed(0)} MB`;
console.log(`above the empty project (${(e.cpuMs / 1000).toFixed(2)} s CPU, ${e.peakMb.toFixed(0)} MB): ${[a, c, b, h].map((r) => `${r.label.replace(/ \(.*/, "")} ${above(r)}`).join("; ")}`);
