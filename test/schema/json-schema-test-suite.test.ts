/**
 * JSON-Schema-Test-Suite agreement (THREATS.md C2, goal G3): for every case of the
 * supported subsets, the generated strict-policy Zod schema must accept exactly the
 * instances the suite marks valid. Known deviations live in the allowlist with a reason;
 * the test fails on any other disagreement and on any allowlisted test that now agrees,
 * so the list cannot rot.
 *
 * The required suite treats `format` as an annotation, so those runs emit with
 * `formats: "annotate"`; the optional format tests run separately with assertion on.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { loadedCaseSet, loadFormatCases, loadSubset, type SuiteCase } from "./support/suite.js";
import { generate, loadSchemas } from "./support/modules.js";
import type { SchemaVersion } from "../../src/schema/normalize.js";
import { ASSERTED_FORMATS } from "../../src/emit/zod-formats.js";
import { describeShared } from "../support/shared.js";

const ALLOWLIST_FILE = path.join(import.meta.dirname, "json-schema-test-suite.allowlist.json");
const allowlist = JSON.parse(fs.readFileSync(ALLOWLIST_FILE, "utf8")) as { deviations: Record<string, string> };

interface Outcome {
  agree: number;
  total: number;
  disagreements: Map<string, string>;
  /** Loader warnings by code, over all cases. */
  warnings: Map<string, number>;
}

/** Each case goes through the real loader first (`loadedCaseSet`): a refused document disagrees on all its tests. */
function run(cases: SuiteCase[], version: SchemaVersion, formats: "assert" | "annotate"): Outcome {
  const out: Outcome = { agree: 0, total: 0, disagreements: new Map(), warnings: new Map() };
  for (const c of cases) {
    const loaded = loadedCaseSet(c, version);
    if ("refused" in loaded) {
      const why = loaded.refused.map((d) => `${d.code}: ${d.message}`).join("; ");
      c.tests.forEach((t, i) => {
        out.total++;
        out.disagreements.set(`${c.id}/${i}`, `${c.description} / ${t.description}: the loader refused the document (${why})`);
      });
      continue;
    }
    for (const w of loaded.warnings) out.warnings.set(w.code, (out.warnings.get(w.code) ?? 0) + 1);
    const set = loaded.set;
    const root = set.schemas.find((s) => s.key === "T")!;
    const module = loadSchemas(generate(set, "strict", formats).schemas);
    const schema = module[root.schemaName]!;
    c.tests.forEach((t, i) => {
      out.total++;
      let got: boolean | string;
      try {
        got = schema.safeParse(t.data).success;
      } catch (e) {
        got = `threw ${(e as Error).message}`;
      }
      if (got === t.valid) out.agree++;
      else out.disagreements.set(`${c.id}/${i}`, `${c.description} / ${t.description}: expected ${t.valid}, got ${got}`);
    });
  }
  return out;
}

/** `scope` tells which allowlist entries this run is responsible for. */
function expectOnlyAllowlisted(outcome: Outcome, scope: (id: string) => boolean): void {
  const unexpected = [...outcome.disagreements].filter(([id]) => !(id in allowlist.deviations)).map(([id, why]) => `${id}: ${why}`);
  const stale = Object.keys(allowlist.deviations).filter((id) => scope(id) && !outcome.disagreements.has(id));
  expect(unexpected, "disagreements missing from the allowlist").toEqual([]);
  expect(stale, "allowlisted tests that now agree (remove them)").toEqual([]);
}

describeShared("JSON-Schema-Test-Suite", () => {
  it("draft 2020-12 (OpenAPI 3.1 dialect) subset", () => {
    const subset = loadSubset("oas31_dialect_2020_12");
    const outcome = run(subset.cases, "3.1", "annotate");
    console.log(`2020-12: ${outcome.agree}/${outcome.total} agree`);
    expect(outcome.total).toBe(828);
    expect(outcome.agree).toBeGreaterThanOrEqual(787);
    expectOnlyAllowlisted(outcome, (id) => id.startsWith("draft2020-12/") && !id.startsWith("draft2020-12/optional/"));
  });

  it("draft-04 subset read as OpenAPI 3.0 Schema Objects", () => {
    const subset = loadSubset("oas30_schema_object");
    const outcome = run(subset.cases, "3.0", "annotate");
    console.log(`draft4: ${outcome.agree}/${outcome.total} agree; loader warnings ${JSON.stringify(Object.fromEntries(outcome.warnings))}`);
    expect(outcome.total).toBe(434);
    // The 8 cases with `type: "null"` load with a located warning each (issue 16), and agree.
    expect(outcome.warnings.get("schema-invalid")).toBe(8);
    expect(outcome.agree).toBeGreaterThanOrEqual(412);
    expectOnlyAllowlisted(outcome, (id) => id.startsWith("draft4/"));
  });

  it("optional format tests, with format assertion on", () => {
    const cases = loadFormatCases(Object.keys(ASSERTED_FORMATS));
    const outcome = run(cases, "3.1", "assert");
    console.log(`optional formats: ${outcome.agree}/${outcome.total} agree`);
    expectOnlyAllowlisted(outcome, (id) => id.startsWith("draft2020-12/optional/"));
  });
});
