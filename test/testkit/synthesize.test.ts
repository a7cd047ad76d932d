/**
 * The synthesizer, one rule at a time: each schema's value, checked here against the schema
 * with Ajv (JSON Schema 2020-12, formats asserted) besides the expected value itself.
 */
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { SchemaLookup } from "../../src/model/schema-lookup.js";
import type { SchemaSet } from "../../src/model/schema-set.js";
import { fromPattern, matches, Synthesizer } from "../../src/testkit/synthesize.js";

const set: SchemaSet = {
  schemas: [
    { key: "Money", typeName: "Money", schemaName: "MoneySchema", origin: { file: "x", pointer: "" }, schema: { type: "object", required: ["amount", "currency"], properties: { amount: { type: "integer", minimum: 1 }, currency: { type: "string", pattern: "^[A-Z]{3}$" } } } },
    { key: "Node", typeName: "Node", schemaName: "NodeSchema", origin: { file: "x", pointer: "" }, schema: { type: "object", required: ["child"], properties: { child: { anyOf: [{ $ref: "#/components/schemas/Node" }, { type: "null" }] } } } },
  ],
};

const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true });
(addFormats as unknown as typeof addFormats.default)(ajv);
ajv.addSchema({ $id: "set", components: { schemas: Object.fromEntries(set.schemas.map((m) => [m.key, m.schema])) } });

function valid(schema: object, value: unknown): boolean {
  const text = JSON.stringify(schema).replace(/"#\/components/g, '"set#/components');
  return ajv.validate(JSON.parse(text) as object, value);
}

const cases: { name: string; schema: object; want: unknown }[] = [
  { name: "const", schema: { const: "issues" }, want: "issues" },
  { name: "enum: first non-null value", schema: { enum: [null, "b", "c"] }, want: "b" },
  { name: "date-time", schema: { type: "string", format: "date-time" }, want: "1970-01-01T00:00:00Z" },
  { name: "uuid", schema: { type: "string", format: "uuid" }, want: "00000000-0000-4000-8000-000000000000" },
  { name: "email beats the spec's invalid example", schema: { type: "string", format: "email", example: "not an email" }, want: "user@example.com" },
  { name: "the spec's example when it passes", schema: { type: "string", example: "octocat" }, want: "octocat" },
  { name: "minLength pads", schema: { type: "string", minLength: 10 }, want: "examplexxx" },
  { name: "maxLength cuts", schema: { type: "string", maxLength: 3 }, want: "exa" },
  { name: "pattern", schema: { type: "string", pattern: "^[A-Z]{3}-\\d{2,4}$" }, want: "AAA-00" },
  { name: "pattern with groups and alternation", schema: { type: "string", pattern: "^(?:sk|pk)_(live|test)_[a-z0-9]+$" }, want: "sk_live_a" },
  { name: "exclusive bounds and multipleOf", schema: { type: "number", exclusiveMinimum: 5, multipleOf: 2.5 }, want: 7.5 },
  { name: "integer below zero", schema: { type: "integer", maximum: -3 }, want: -3 },
  { name: "required properties only", schema: { type: "object", required: ["a"], properties: { a: { type: "boolean" }, b: { type: "string" } } }, want: { a: true } },
  { name: "allOf merged", schema: { allOf: [{ $ref: "#/components/schemas/Money" }, { required: ["note"], properties: { note: { type: "string" } } }] }, want: { amount: 1, currency: "AAA", note: "example" } },
  { name: "oneOf: the first satisfiable alternative", schema: { oneOf: [{ type: "string" }, { type: "object" }], type: "object" }, want: {} },
  { name: "items no value satisfies: an empty array", schema: { type: "array", items: { allOf: [{ type: "string" }, { type: "null" }] } }, want: [] },
  { name: "minItems", schema: { type: "array", minItems: 2, uniqueItems: true, items: { type: "string" } }, want: ["example", "example1"] },
  { name: "required recursion ends in null", schema: { $ref: "#/components/schemas/Node" }, want: expect.objectContaining({ child: expect.anything() }) },
  { name: "__proto__ is an own property", schema: JSON.parse('{"type":"object","required":["__proto__"],"properties":{"__proto__":{"type":"integer"}}}') as object, want: JSON.parse('{"__proto__":0}') },
];

describe("Synthesizer", () => {
  it.each(cases)("$name", ({ schema, want }) => {
    const synth = new Synthesizer(new SchemaLookup(set));
    const value = synth.value(schema);
    expect(value).toEqual(want);
    expect(synth.issues).toEqual([]);
    expect(valid(schema, value), JSON.stringify(ajv.errors)).toBe(true);
  });

  it("says where no value exists instead of inventing one", () => {
    const synth = new Synthesizer(new SchemaLookup(set));
    synth.value({ type: "object", required: ["author"], properties: { author: { allOf: [{ type: "object" }], type: ["null"] } } });
    expect(synth.issues).toEqual(["/author: the schema allows no value"]);
  });

  it("generates strings for patterns, and checks them with the receiver's engine", () => {
    for (const p of ["^\\d{4}-\\d{2}$", "^[a-f0-9]{40}$", "^whsec_[A-Za-z0-9+/=]+$", "^[^@]+@[^@]+$", "v\\d+\\.\\d+"]) {
      const s = fromPattern(p);
      expect(s !== undefined && matches(p, s), `${p} → ${s}`).toBe(true);
    }
    expect(fromPattern("^(?=a)b$")).toBeUndefined();
  });
});
