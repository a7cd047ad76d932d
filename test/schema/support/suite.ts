/**
 * The JSON-Schema-Test-Suite subsets gen-callbacks supports (THREATS.md C2; in the shared
 * folder's vectors, so their tests are skipped without it), as schema
 * sets: each case's schema is member `T` (plus hoisted `$ref` targets), normalized as an
 * OpenAPI 3.1 schema (2020-12 cases) or an OpenAPI 3.0 schema (draft-04 cases).
 */
import fs from "node:fs";
import path from "node:path";
import type { SchemaVersion } from "../../../src/schema/normalize.js";
import { buildSet, hoistDocument, type RawMember } from "./sets.js";
import type { SchemaSet } from "../../../src/model/schema-set.js";
import { JSON_SCHEMA_SUITE as SUITE_DIR } from "../../support/shared.js";
import { Diagnostics, type Diagnostic } from "../../../src/diagnostics/diagnostic.js";
import { loadDocumentSet } from "../../../src/load/load.js";
import { checkRefs, reportUnresolved } from "../../../src/load/ref-scan.js";
import { validateStructure } from "../../../src/load/structure.js";

export interface SuiteTest {
  description: string;
  data: unknown;
  valid: boolean;
}

export interface SuiteCase {
  /** `draft2020-12/ref.json#3`: stable id used by the allowlist. */
  id: string;
  description: string;
  schema: unknown;
  tests: SuiteTest[];
}

export interface Subset {
  draft: "draft2020-12" | "draft4";
  version: SchemaVersion;
  cases: SuiteCase[];
}

/** Reads with JSON.parse so `__proto__` keys stay own properties, as in a parsed payload. */
function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

export function loadSubset(which: "oas31_dialect_2020_12" | "oas30_schema_object"): Subset {
  const subsets = readJson(path.join(SUITE_DIR, "subsets.json")) as Record<string, { draft: string; files: Record<string, number[]> }>;
  const subset = subsets[which]!;
  const draft = subset.draft as Subset["draft"];
  const cases: SuiteCase[] = [];
  for (const file of Object.keys(subset.files).sort()) {
    const all = readJson(path.join(SUITE_DIR, "tests", draft, file)) as { description: string; schema: unknown; tests: SuiteTest[] }[];
    for (const i of subset.files[file]!) {
      const c = all[i]!;
      cases.push({ id: `${draft}/${file}#${i}`, description: c.description, schema: c.schema, tests: c.tests });
    }
  }
  return { draft, version: draft === "draft4" ? "3.0" : "3.1", cases };
}

/** Optional format tests (`optional/format/<name>.json`) for the named formats. */
export function loadFormatCases(names: string[]): SuiteCase[] {
  const cases: SuiteCase[] = [];
  for (const name of names) {
    const file = path.join(SUITE_DIR, "tests/draft2020-12/optional/format", name + ".json");
    if (!fs.existsSync(file)) continue;
    (readJson(file) as { description: string; schema: unknown; tests: SuiteTest[] }[]).forEach((c, i) =>
      cases.push({ id: `draft2020-12/optional/format/${name}.json#${i}`, description: c.description, schema: c.schema, tests: c.tests }),
    );
  }
  return cases;
}

/** One case as a set whose root member has key `T`. */
export function caseSet(c: SuiteCase, version: SchemaVersion): SchemaSet {
  return buildSet(hoistDocument(c.schema, "T"), version);
}

/**
 * The case as a user would give it: an OpenAPI document (3.0.3 or 3.1.0) with its schemas
 * under `components/schemas`, read by the real loader (parse, `$ref` scan, structure
 * checks). A document the loader refuses is `refused`, with its errors; otherwise the set
 * is built from what the loader read, and `warnings` are the loader's.
 */
export function loadedCaseSet(c: SuiteCase, version: SchemaVersion): { set: SchemaSet; warnings: Diagnostic[] } | { refused: Diagnostic[] } {
  const members = hoistDocument(c.schema, "T");
  const doc = {
    openapi: version === "3.0" ? "3.0.3" : "3.1.0",
    info: { title: c.id, version: "1" },
    paths: {},
    components: { schemas: Object.fromEntries(members.map((m) => [m.key, m.schema])) },
  };
  const diagnostics = new Diagnostics();
  const set = loadDocumentSet({ stdin: JSON.stringify(doc), cwd: SUITE_DIR }, { diagnostics });
  if (set) {
    reportUnresolved(checkRefs(set, diagnostics).unresolved, diagnostics);
    validateStructure(set, diagnostics);
  }
  const errors = diagnostics.items.filter((d) => d.severity === "error");
  if (!set || errors.length > 0) return { refused: errors };
  const schemas = (set.entry.value as { components: { schemas: Record<string, unknown> } }).components.schemas;
  return { set: buildSet(members.map((m) => ({ key: m.key, schema: schemas[m.key] })), version), warnings: diagnostics.items };
}

/** Many cases in one set (keys prefixed with the case number), for one big type-check. */
export function casesSet(cases: SuiteCase[], version: SchemaVersion): SchemaSet {
  const members: RawMember[] = [];
  cases.forEach((c, i) => members.push(...hoistDocument(c.schema, `Case${i}`)));
  return buildSet(members, version);
}
