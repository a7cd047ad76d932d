/**
 * `types.ts` and `schemas.ts` agree: every generated declaration (`static Pet: Pet = …`)
 * must type-check under `tsc --strict` (plus `exactOptionalPropertyTypes`,
 * `noUncheckedIndexedAccess` and `noUnused*`, the strictest settings a user may have) for
 * every schema of the JSON-Schema-Test-Suite subsets and of six real provider specs
 * (~7,000 schemas).
 *
 * All three policies run for the suite, Dropbox Sign and Adyen; GitHub runs strict and
 * tolerant (tolerant has every type-level change lenient makes — open enums, open
 * objects, first-match unions — plus optional properties). The three largest specs
 * (Okta, Telnyx, OpenAI: ~4,800 schemas) run strict, on a deterministic sample: every
 * 12th schema and all it references (~1,500). `GC_TYPECHECK_ALL=1` runs every schema of
 * every spec in every policy (~35 s on 2 cores, against ~25 s for the default).
 */
import { describe, expect, it } from "vitest";
import { ALL_POLICIES, type SchemaSet, type ValidationPolicy } from "../../src/model/schema-set.js";
import { ASSERTED_FORMATS } from "../../src/emit/zod-formats.js";
import { buildSet } from "./support/sets.js";
import { casesSet, loadSubset } from "./support/suite.js";
import { agreementErrors, closureSample, specSchemaSet } from "./support/agreement.js";
import { generate, scratchDir, typeCheck, type GeneratedPair } from "./support/modules.js";
import { itShared } from "../support/shared.js";

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
      // Type names that are also global types the runtime could use (it must not).
      { key: "PropertyKey", schema: { type: "string" } },
      { key: "Check", schema: { type: "object", properties: { shared1: { $ref: "#/components/schemas/Shared1" } } } },
      { key: "Shared1", schema: { type: "integer" } },
    ],
    "3.1",
  );
}

/** `shared`: the sets are read from the shared folder (GitHub's spec comes from npm). */
const targets: [label: string, shared: boolean, sets: () => Record<string, SchemaSet>, policies: readonly ValidationPolicy[], formats?: "assert"][] = [
  [
    "JSON-Schema-Test-Suite subsets, runtime helpers (formats asserted)",
    true,
    () => ({
      suite2020: casesSet(loadSubset("oas31_dialect_2020_12").cases, "3.1"),
      suite4: casesSet(loadSubset("oas30_schema_object").cases, "3.0"),
      helpers: helperCoverage(),
    }),
    ALL_POLICIES,
    "assert",
  ],
  ["github-webhooks 3.1", false, () => ({ github: specSchemaSet("github") }), githubPolicies],
  ["dropbox-sign 3.0 + adyen 3.1", true, () => ({ dropbox: specSchemaSet("dropbox"), adyen: specSchemaSet("adyen") }), ALL_POLICIES],
  ["okta 3.0 (YAML)", true, () => ({ okta: large("okta") }), largePolicies],
  ["telnyx 3.1", true, () => ({ telnyx: large("telnyx") }), largePolicies],
  ["openai 3.1", true, () => ({ openai: large("openai") }), largePolicies],
];

describe.concurrent("types.ts and schemas.ts agree under tsc --strict", () => {
  for (const [label, shared, sets, policies, formats] of targets) {
    (shared ? itShared : it)(`${label} (${policies.join(", ")})`, async () => {
      const built = sets();
      for (const set of Object.values(built)) expect(set.schemas.length).toBeGreaterThan(5);
      expect(await agreementErrors(label.replace(/\W+/g, "-"), built, policies, formats)).toEqual([]);
    });
  }
});

describe("the agreement check itself", () => {
  it("fails when types.ts or schemas.ts is changed so that they disagree", async () => {
    const vet = { type: "object", required: ["id"], properties: { id: { type: "integer" }, phone: { type: ["string", "null"] } } };
    const set = buildSet(
      [
        {
          key: "Pet",
          schema: {
            type: "object",
            required: ["name", "kind", "owner"],
            properties: {
              name: { type: "string" },
              tag: { type: "string" },
              kind: { enum: ["cat", "dog"] },
              owner: { $ref: "#/components/schemas/Owner" },
              tags: { type: "array", items: { type: "string" } },
              vet,
            },
          },
        },
        { key: "Owner", schema: { type: "object", required: ["id"], properties: { id: { type: "integer" }, email: { type: "string" } } } },
        { key: "Clinic", schema: { type: "object", properties: { vet } } },
      ],
      "3.1",
    );
    const pair = generate(set, "strict");
    // Each edit must be found (the generated text has this shape), then rejected by tsc.
    const edit = (file: "types" | "schemas", from: string, to: string): GeneratedPair => {
      expect(pair[file]).toContain(from);
      return { ...pair, [file]: pair[file].replace(from, to) };
    };
    const drifted: Record<string, GeneratedPair> = {
      // types.ts drifts
      optionalBecameRequired: edit("types", "tag?: string", "tag: string"),
      typeChanged: edit("types", "name: string", "name: number"),
      enumNarrowed: edit("types", `kind: "cat" | "dog"`, `kind: "cat" | "cow"`),
      nestedChanged: edit("types", "phone?: string | null", "phone?: string"),
      // schemas.ts drifts
      schemaTypeChanged: edit("schemas", "name: $string,", "name: $integer,"),
      schemaRequiredBecameOptional: edit("schemas", "    name: $string,\n    ...$optional({\n", "    ...$optional({\n      name: $string,\n"),
      schemaDroppedRequired: edit("schemas", `    kind: $literal<"cat" | "dog">("cat", "dog"),\n`, ""),
      schemaEnumWidened: edit("schemas", `$literal<"cat" | "dog">("cat", "dog")`, `$literal<"cat" | "dog" | "cow">("cat", "dog", "cow")`),
      schemaLiteralMisstated: edit("schemas", `$literal<"cat" | "dog">("cat", "dog")`, `$literal<"cat" | "dog">("cat", "cow")`),
      schemaWrongReference: edit("schemas", "owner: $.Owner,", "owner: $.Clinic,"),
      schemaSharedChanged: edit("schemas", "phone: $nullable($string),", "phone: $nullable($integer),"),
      schemaBecameNullable: edit("schemas", "    id: $integer,\n    ...$optional({\n      email", "    id: $nullable($integer),\n    ...$optional({\n      email"),
      schemaWrongExport: edit("schemas", "$zod<Pet>($.Pet)", "$zod<Pet>($.Owner)"),
    };
    const scratch = scratchDir("negative");
    try {
      const errors = await typeCheck(scratch.dir, { agreeing: pair, ...drifted });
      expect(errors.filter((e) => e.includes("/agreeing/"))).toEqual([]);
      for (const name of Object.keys(drifted)) expect(errors.some((e) => e.includes(`/${name}/schemas.ts(`)), name).toBe(true);
    } finally {
      scratch.cleanup();
    }
  });
});
