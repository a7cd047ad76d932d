/**
 * A stricter policy at run time (ReceiverOptions.policy): schemas generated for a relaxed
 * policy carry the stricter policies' rules gated on `$strictness`. Switched on, they must
 * decide every instance exactly as schemas generated for that stricter policy do — on the
 * whole JSON-Schema-Test-Suite subsets, instance by instance — and switched off, exactly as
 * before (the gates must not leak into the generated policy's own verdicts).
 */
import { beforeAll, expect, it } from "vitest";
import type { ValidationPolicy } from "../../src/model/schema-set.js";
import type { SchemaVersion } from "../../src/schema/normalize.js";
import { generate, loadSchemas } from "./support/modules.js";
import { caseSet, loadSubset, type SuiteCase } from "./support/suite.js";
import { describeShared } from "../support/shared.js";

type Verdict = boolean | "threw";
interface Strictness {
  policy: "lenient" | "strict" | undefined;
}

/** Every instance's verdict, keyed `case/test`, for schemas of `generated` run as `runAs`. */
function verdicts(cases: SuiteCase[], version: SchemaVersion, generated: ValidationPolicy, runAs?: "lenient" | "strict"): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const c of cases) {
    const set = caseSet(c, version);
    const root = set.schemas.find((s) => s.key === "T")!;
    const module = loadSchemas(generate(set, generated, "annotate").schemas);
    const strictness = (module as unknown as { $strictness?: Strictness }).$strictness;
    if (runAs !== undefined) {
      expect(strictness, `${generated} schemas export $strictness`).toBeDefined();
      strictness!.policy = runAs;
    }
    c.tests.forEach((t, i) => {
      let v: Verdict;
      try {
        v = module[root.schemaName]!.safeParse(t.data).success;
      } catch {
        v = "threw";
      }
      out.set(`${c.id}/${i}`, v);
    });
  }
  return out;
}

function differences(a: Map<string, Verdict>, b: Map<string, Verdict>): string[] {
  return [...a].filter(([id, v]) => b.get(id) !== v).map(([id, v]) => `${id}: ${String(v)} vs ${String(b.get(id))}`);
}

describeShared.each([
  ["draft 2020-12 (OpenAPI 3.1)", "oas31_dialect_2020_12", "3.1"],
  ["draft-04 (OpenAPI 3.0)", "oas30_schema_object", "3.0"],
] as const)("run-time policy on the %s suite", (_label, subset, version) => {
  // Read when the tests run, not while they are collected: the suite is in the shared folder.
  let cases: SuiteCase[] = [];
  let strict = new Map<string, Verdict>();
  let lenient = new Map<string, Verdict>();
  beforeAll(() => {
    cases = loadSubset(subset).cases;
    strict = verdicts(cases, version, "strict");
    lenient = verdicts(cases, version, "lenient");
  });

  it("each relaxed policy accepts more than the next stricter one (the gates have work to do)", () => {
    const tolerant = verdicts(cases, version, "tolerant");
    const widened = (from: Map<string, Verdict>, to: Map<string, Verdict>) => [...from].filter(([id, v]) => v === false && to.get(id) === true).length;
    const byLenient = widened(strict, lenient);
    const byTolerant = widened(lenient, tolerant);
    console.log(`${subset}: lenient accepts ${byLenient} instances strict rejects; tolerant ${byTolerant} more`);
    expect(byLenient).toBeGreaterThanOrEqual(10);
    expect(byTolerant).toBeGreaterThanOrEqual(10);
  });

  it("lenient schemas run as strict decide every instance as strict schemas do", () => {
    expect(differences(verdicts(cases, version, "lenient", "strict"), strict)).toEqual([]);
  });

  it("tolerant schemas run as strict decide every instance as strict schemas do", () => {
    expect(differences(verdicts(cases, version, "tolerant", "strict"), strict)).toEqual([]);
  });

  it("tolerant schemas run as lenient decide every instance as lenient schemas do", () => {
    expect(differences(verdicts(cases, version, "tolerant", "lenient"), lenient)).toEqual([]);
  });
});
