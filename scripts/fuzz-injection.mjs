#!/usr/bin/env node
// `npm run fuzz:injection -- --runs N [--seed S]`: the CI injection fuzz test
// (test/fuzz/injection-documents.test.ts) with more documents, or another seed.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "20000" }, seed: { type: "string", default: String(Date.now() % 1_000_000) } } });
if (!/^\d+$/.test(values.runs) || !/^\d+$/.test(values.seed)) {
  console.error("usage: npm run fuzz:injection -- --runs <documents> [--seed <integer>]");
  process.exit(2);
}
console.log(`fuzzing ${values.runs} documents with seed ${values.seed}`);
const run = spawnSync("npx", ["vitest", "run", "test/fuzz/injection-documents.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, FUZZ_DOCUMENTS: values.runs, FUZZ_SEED: values.seed },
});
process.exit(run.status ?? 1);
