#!/usr/bin/env node
/**
 * bench/zod-form — `tsc --noEmit --strict` on gen-callbacks' output with `schemas.ts` as the
 * builder DSL it emits vs the same schemas as idiomatic Zod (`export const FooSchema:
 * z.ZodType<Foo> = z.looseObject({…})`, rewritten by bench/lib/idiomatic-zod.mjs), on the
 * whole output and on a 3-event one. The issue's rule: take the idiomatic form where it costs
 * under 10% more tsc time. Usage: node bench/zod-form.mjs [spec] [--runs N] [--events a,b,c]
 * (needs `npm run build`; default 3 runs). The outputs are written under .tmp/ in this
 * repository so that `zod` and `gen-callbacks/runtime` resolve.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, specAndRuns } from "./lib/args.mjs";
import { idiomaticSchemas } from "./lib/idiomatic-zod.mjs";
import { compare, table } from "./lib/measure.mjs";
import { strictTsconfig } from "./lib/tsconfig.mjs";

const argv = process.argv.slice(2);
const { spec, runs: given } = specAndRuns(argv);
// Each idiomatic run of the whole output takes several times the DSL's: 3 runs, not 5.
const runs = argv.includes("--runs") ? given : 3;
const eventsAt = argv.indexOf("--events");
// What a user who handles three events generates: GitHub's issues.opened, push and pull_request.opened by default.
const events = eventsAt >= 0 ? argv[eventsAt + 1] : "issues.opened,push,pull_request.opened";

const work = path.join(root, ".tmp/bench-zod-form");
fs.rmSync(work, { recursive: true, force: true });
const tsconfig = JSON.stringify(strictTsconfig(["**/*.ts"]), null, 2);
const tsc = path.join(root, "node_modules/typescript/bin/tsc");

/** Generates one output as the DSL, copies it and rewrites the copy's schemas.ts. */
function variants(name, extra) {
  const dsl = path.join(work, `${name}dsl`);
  const idiomatic = path.join(work, `${name}idiomatic`);
  execFileSync(process.execPath, [path.join(root, "dist/cli/bin.js"), spec, "-o", dsl, ...extra, "-q"], { stdio: "inherit" });
  fs.writeFileSync(path.join(dsl, "tsconfig.json"), tsconfig);
  fs.cpSync(dsl, idiomatic, { recursive: true });
  const { text, unmapped } = idiomaticSchemas(fs.readFileSync(path.join(dsl, "schemas.ts"), "utf8"), fs.readFileSync(path.join(root, "templates/runtime/schema-builders.ts"), "utf8"));
  fs.writeFileSync(path.join(idiomatic, "schemas.ts"), text);
  const kb = (dir) => `${(fs.statSync(path.join(dir, "schemas.ts")).size / 1e3).toFixed(0)} kB`;
  console.log(`${path.relative(root, idiomatic)}: builder calls left as they were: ${unmapped.length}${unmapped.length ? ` (${unmapped.join(", ")})` : ""}`);
  return { dsl, idiomatic, kb };
}

const full = variants("", []);
const three = variants("3-events-", ["--events", events]);

/**
 * One `--extendedDiagnostics` run: whether the folder type-checks at all (the idiomatic
 * schemas.ts must, with every file that imports it), and where tsc's work goes.
 */
function diagnostics(dir) {
  const run = spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json"), "--extendedDiagnostics"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const figure = (name) => run.stdout.match(new RegExp(`^${name}:\\s+(\\S+)`, "m"))?.[1] ?? "?";
  const errors = run.stdout.split("\n").filter((l) => /\berror TS\d+:/.test(l));
  return { errors, types: figure("Types"), instantiations: figure("Instantiations"), check: figure("Check time"), memory: figure("Memory used") };
}

const sides = [
  { label: `DSL, whole output (${full.kb(full.dsl)})`, dir: full.dsl },
  { label: `idiomatic, whole output (${full.kb(full.idiomatic)})`, dir: full.idiomatic },
  { label: `DSL, 3 events (${three.kb(three.dsl)})`, dir: three.dsl },
  { label: `idiomatic, 3 events (${three.kb(three.idiomatic)})`, dir: three.idiomatic },
];
const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad("tsc --extendedDiagnostics, one run", 40)}${pad("errors", 8)}${pad("Types", 10)}${pad("Instantiations", 16)}${pad("Check time", 12)}Memory used`);
let failed = false;
for (const side of sides) {
  const d = diagnostics(side.dir);
  console.log(`${pad(side.label, 40)}${pad(d.errors.length, 8)}${pad(d.types, 10)}${pad(d.instantiations, 16)}${pad(d.check, 12)}${d.memory}`);
  if (d.errors.length) {
    failed = true;
    console.log(d.errors.slice(0, 10).join("\n"));
  }
}
// Times of a folder that does not type-check say nothing about the form (tsc also stops early).
if (failed) process.exit(1);

const measured = await compare(
  sides.map((s) => ({ label: s.label, args: [tsc, "-p", path.join(s.dir, "tsconfig.json")] })),
  { runs },
);
const [dslFull, idiomaticFull, dsl3, idiomatic3] = measured;

console.log(`\ntsc --noEmit --strict; spec: ${path.relative(process.cwd(), spec)}; 3 events: ${events}; ${runs} runs each, taking turns, after a warm-up; Node ${process.version}, ${os.cpus().length} CPUs`);
console.log("(kB: the size of schemas.ts)");
console.log(table([dslFull, idiomaticFull], dslFull));
console.log(table([dsl3, idiomatic3], dsl3));
// CPU rather than wall time: tsc runs on one thread, and CPU time moves less with the load of a shared machine.
for (const [what, dsl, idiomatic] of [["whole output", dslFull, idiomaticFull], ["3 events", dsl3, idiomatic3]]) {
  const ratio = idiomatic.cpuMs / dsl.cpuMs;
  console.log(`${what}: idiomatic/DSL tsc CPU ${ratio.toFixed(2)}× → ${ratio < 1.1 ? "take the idiomatic form" : "keep the DSL"} (the rule: under 1.10×)`);
}
