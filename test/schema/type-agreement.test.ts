/**
 * `types.ts` and `schemas.ts` agree: every generated `$typed<T>()(…)` must type-check under
 * `tsc --strict` (plus `exactOptionalPropertyTypes`, `noUncheckedIndexedAccess` and
 * `noUnused*`, the strictest settings a user may have) for every schema of the
 * JSON-Schema-Test-Suite subsets and of six real provider specs (~7,000 schemas).
 *
 * All three policies run for the suite, Dropbox Sign and Adyen; GitHub runs strict and
 * tolerant (tolerant has every type-level change lenient makes — open enums, open
 * objects, first-match unions — plus optional properties). The three largest specs
 * (Okta, Telnyx, OpenAI: ~4,800 schemas, ~7 s of compiler time per spec and policy) run
 * strict, on a deterministic sample: every 12th schema and all it references (~1,500).
 * `GC_TYPECHECK_ALL=1` runs every schema of every spec in every policy (~2 minutes on 2
 * cores).
 */
import { describe, expect, it } from "vitest";
import { ALL_POLICIES, type SchemaSet, type ValidationPolicy } from "../../src/model/schema-set.js";
import { ASSERTED_FORMATS } from "../../src/emit/zod-formats.js";
import { buildSet } from "./support/sets.js";
import { casesSet, loadSubset } from "./support/suite.js";
import { agreementErrors, closureSample, specSchemaSet } from "./support/agreement.js";
import { generate, scratchDir, typeCheck } from "./support/modules.js";

const all = Boolean(process.env.GC_TYPECHECK_ALL);
const largePolicies: readonly ValidationPolicy[] = all ? ALL_POLICIES : ["strict"];
const githubPolicies: readonly ValidationPolicy[] = all ? ALL_POLICIES : ["strict", "tolerant"];
const large = (name: "okta" | "telnyx" | "openai") => (all ? specSchemaSet(name) : closureSample(specSchemaSet(name), 12));

/**
 * Every runtime helper in use at least once (with `formats: "assert"`), so that each
 * helper's source is type-checked too — under `noUnused*`, which also proves that no
 * helper is emitted without being used.
 */
function helperCoverage(): SchemaSet {
  const formats = Object.entries(ASSERTED_FORMATS).map(([name, f]) => [name, { type: f.type === "number" ? "integer" : "string", format: name }]);
  return buildSet(
    [
      { key: "Formats", schema: { type: "object", properties: Object.fromEntries(formats) } },
      { key: "TypelessFormats", schema: { anyOf: Object.keys(ASSERTED_FORMATS).map((format) => ({ format })) } },
      { key: "Proto", schema: JSON.parse('{"type": "object", "properties": {"__proto__": {"type": "string"}, "toString": {"type": "string"}}, "required": ["__proto__"]}') },
      { key: "Shape", schema: { oneOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }], discriminator: { propertyName: "k" } } },
      { key: "A", schema: { type: "object", required: ["k"], properties: { k: { const: "a" } } } },
      { key: "B", schema: { type: "object", required: ["k"], properties: { k: { const: "b" } }, minProperties: 1, propertyNames: { maxLength: 3 } } },
      { key: "Typeless", schema: { minimum: 1, exclusiveMaximum: 9, multipleOf: 0.5, minLength: 1, pattern: "a", minItems: 1, maxItems: 3, uniqueItems: true, prefixItems: [true], items: { type: "string" }, contains: { const: 1 }, required: ["x"], additionalProperties: false, dependentRequired: { a: ["b"] }, dependentSchemas: { a: { required: ["c"] } }, not: { const: 0 }, if: { type: "string" }, then: { maxLength: 2 } } },
      { key: "Values", schema: { enum: [{ a: [1] }, JSON.parse('{"__proto__": 1}'), "x", 2] } },
    ],
    "3.1",
  );
}

const targets: [label: string, sets: () => Record<string, SchemaSet>, policies: readonly ValidationPolicy[], formats?: "assert"][] = [
  [
    "JSON-Schema-Test-Suite subsets, runtime helpers (formats asserted)",
    () => ({
      suite2020: casesSet(loadSubset("oas31_dialect_2020_12").cases, "3.1"),
      suite4: casesSet(loadSubset("oas30_schema_object").cases, "3.0"),
      helpers: helperCoverage(),
    }),
    ALL_POLICIES,
    "assert",
  ],
  ["github-webhooks 3.1", () => ({ github: specSchemaSet("github") }), githubPolicies],
  ["dropbox-sign 3.0 + adyen 3.1", () => ({ dropbox: specSchemaSet("dropbox"), adyen: specSchemaSet("adyen") }), ALL_POLICIES],
  ["okta 3.0 (YAML)", () => ({ okta: large("okta") }), largePolicies],
  ["telnyx 3.1", () => ({ telnyx: large("telnyx") }), largePolicies],
  ["openai 3.1", () => ({ openai: large("openai") }), largePolicies],
];

describe.concurrent("types.ts and schemas.ts agree under tsc --strict", () => {
  for (const [label, sets, policies, formats] of targets) {
    it(`${label} (${policies.join(", ")})`, async () => {
      const built = sets();
      for (const set of Object.values(built)) expect(set.schemas.length).toBeGreaterThan(5);
      expect(await agreementErrors(label.replace(/\W+/g, "-"), built, policies, formats)).toEqual([]);
    });
  }
});

describe("the agreement check itself", () => {
  it("fails when types.ts and schemas.ts disagree", async () => {
    const set = buildSet([{ key: "Pet", schema: { type: "object", required: ["name"], properties: { name: { type: "string" }, tag: { type: "string" } } } }], "3.1");
    const pair = generate(set, "strict");
    const scratch = scratchDir("negative");
    try {
      const drifted = {
        optionalBecameRequired: { ...pair, types: pair.types.replace("tag?: string", "tag: string") },
        typeChanged: { ...pair, types: pair.types.replace("name: string", "name: number") },
      };
      expect(drifted.optionalBecameRequired.types).not.toBe(pair.types);
      expect(drifted.typeChanged.types).not.toBe(pair.types);
      const errors = await typeCheck(scratch.dir, drifted);
      expect(errors.some((e) => e.includes("/optionalBecameRequired/schemas.ts("))).toBe(true);
      expect(errors.some((e) => e.includes("/typeChanged/schemas.ts("))).toBe(true);
    } finally {
      scratch.cleanup();
    }
  });
});
