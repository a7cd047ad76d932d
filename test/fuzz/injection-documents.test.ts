/**
 * Issue 16, scope 5 (THREATS.md A0, C4 P1, goal G1): injection fuzzing over whole
 * documents in CI. Every string of `generator-hazards/injection/hostile-strings.json` goes
 * into every slot of `slots.json` (one document per string), then fast-check fills the
 * slots with hostile and random binary strings; 2,000 documents in all. Every generated
 * TypeScript file is parsed and audited (run-injection.ts, injection-audit.ts) and a sample
 * of the generated schema modules is imported in a child process with tripwires. The test
 * prints the count and the findings; it passes with 0 findings.
 *
 * More on demand: `npm run fuzz:injection -- --runs 20000 [--seed N]`.
 */
import { expect } from "vitest";
import { itShared } from "../support/shared.js";
import { importWithTripwires } from "./import-check.js";
import { fuzzInjection } from "./run-injection.js";

const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 16);

itShared(
  `${DOCUMENTS} hostile documents: no syntax error, no statement or import that was not meant, no foreign literal, nothing runs on import`,
  () => {
    const t0 = performance.now();
    const hostileCount = 62;
    const report = fuzzInjection(Math.max(0, DOCUMENTS - hostileCount), SEED);
    const imports = importWithTripwires(report.outputs);
    console.log(
      `injection fuzzing (seed ${SEED}): ${report.documents} documents (${report.audited} generated and audited, ${report.documents - report.audited} refused: ${JSON.stringify(Object.fromEntries(report.refused))}), ` +
        `${imports.imported} schema modules imported with tripwires, ${report.findingCount} findings, ${Math.round((performance.now() - t0) / 1000)} s` +
        (report.findings.length ? `\n${report.findings.join("\n")}` : ""),
    );
    expect(report.documents).toBeGreaterThanOrEqual(DOCUMENTS);
    expect(report.findings).toEqual([]);
    expect(imports.failures).toEqual([]);
    expect(imports.trips).toEqual([]);
    expect(imports.newGlobals).toEqual([]);
    expect(imports.polluted).toBe(false);
    expect(imports.imported).toBe(report.outputs.length);
  },
  900_000,
);
