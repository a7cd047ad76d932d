/**
 * `normalizeSchema`: OpenAPI 3.0 / 3.1 Schema Objects → JSON Schema 2020-12, as tables of
 * `{ given, want }`, plus the properties every pass over hostile input must keep: no stack
 * overflow, no prototype pollution, located problems.
 */
import { describe, expect, it } from "vitest";
import { MAX_SCHEMA_DEPTH, normalizeSchema, sourcePathOf, type NormalizeProblem, type SchemaVersion } from "../../src/schema/normalize.js";

function norm(given: unknown, version: SchemaVersion = "3.0") {
  const problems: NormalizeProblem[] = [];
  const schema = normalizeSchema(given, version, (p) => problems.push(p));
  return { schema, problems };
}

const REF = "#/components/schemas/Pet";

describe("normalizeSchema: OpenAPI 3.0 → 2020-12", () => {
  const table: [name: string, given: unknown, want: unknown][] = [
    ["nullable with type", { type: "string", nullable: true }, { type: ["string", "null"] }],
    ["nullable with a type list", { type: ["string", "integer"], nullable: true }, { type: ["string", "integer", "null"] }],
    ["nullable enum gains null", { type: "string", enum: ["a", "b"], nullable: true }, { type: ["string", "null"], enum: ["a", "b", null] }],
    ["nullable enum that lists null", { type: "string", enum: ["a", null], nullable: true }, { type: ["string", "null"], enum: ["a", null] }],
    ["nullable type-less enum", { enum: [1, 2], nullable: true }, { enum: [1, 2, null] }],
    ["nullable $ref (3.0 sibling honoured)", { $ref: REF, nullable: true, description: "d" }, { description: "d", anyOf: [{ $ref: REF }, { type: "null" }] }],
    [
      "nullable allOf",
      { allOf: [{ $ref: REF }], nullable: true, title: "t" },
      { title: "t", anyOf: [{ allOf: [{ $ref: REF }] }, { type: "null" }] },
    ],
    [
      "nullable with type and oneOf is wrapped (oneOf could reject null)",
      { type: "object", oneOf: [{ $ref: REF }], nullable: true },
      { anyOf: [{ type: "object", oneOf: [{ $ref: REF }] }, { type: "null" }] },
    ],
    ["nullable without type accepts null already", { properties: { a: { type: "string" } }, nullable: true }, { properties: { a: { type: "string" } } }],
    ["nullable: false", { type: "string", nullable: false }, { type: "string" }],
    ["exclusiveMinimum: true", { type: "number", minimum: 3, exclusiveMinimum: true }, { type: "number", exclusiveMinimum: 3 }],
    ["exclusiveMaximum: false", { type: "number", maximum: 3, exclusiveMaximum: false }, { type: "number", maximum: 3 }],
    ["3.0 $ref siblings are ignored", { $ref: REF, type: "string", maxLength: 2, description: "kept" }, { $ref: REF, description: "kept" }],
    ["x- extensions are dropped", { type: "string", "x-enum-descriptions": ["a"], "x-nullable": true }, { type: "string" }],
    ["example is kept as an annotation", { type: "string", example: "x" }, { type: "string", example: "x" }],
    [
      "draft-04 tuple items",
      { type: "array", items: [{ type: "string" }], additionalItems: false },
      { type: "array", prefixItems: [{ type: "string" }], items: false },
    ],
    ["additionalItems without tuple items is meaningless", { items: { type: "string" }, additionalItems: false }, { items: { type: "string" } }],
    [
      "dependencies split by kind",
      { dependencies: { a: ["b"], c: { required: ["d"] } } },
      { dependentRequired: { a: ["b"] }, dependentSchemas: { c: { required: ["d"] } } },
    ],
    ["type-less properties stay type-less (JSON Schema semantics)", { properties: { a: { type: "integer" } } }, { properties: { a: { type: "integer" } } }],
    ["$defs, $schema, $comment, xml, externalDocs are dropped", { $schema: "x", $comment: "c", $defs: { a: {} }, xml: {}, externalDocs: {}, type: "string" }, { type: "string" }],
    ["unknown keywords are dropped", { type: "string", myArbitraryKeyword: 1 }, { type: "string" }],
    ["discriminator keeps only propertyName", { discriminator: { propertyName: "kind", mapping: { a: REF } } }, { discriminator: { propertyName: "kind" } }],
    ["required is de-duplicated", { required: ["a", "a", "b"] }, { required: ["a", "b"] }],
  ];
  for (const [name, given, want] of table) {
    it(name, () => expect(norm(given).schema).toEqual(want));
  }

  it("converts nested schemas in every applicator position", () => {
    const given = {
      properties: { a: { type: "string", nullable: true } },
      items: { type: "integer", nullable: true },
      allOf: [{ type: "boolean", nullable: true }],
      additionalProperties: { type: "number", nullable: true },
      not: { type: "null", nullable: true },
    };
    expect(norm(given).schema).toEqual({
      properties: { a: { type: ["string", "null"] } },
      items: { type: ["integer", "null"] },
      allOf: [{ type: ["boolean", "null"] }],
      additionalProperties: { type: ["number", "null"] },
      not: { type: ["null"] },
    });
  });

  it("reports ignored $ref siblings with their location", () => {
    const { problems } = norm({ properties: { p: { $ref: REF, maxLength: 3 } } });
    expect(problems).toEqual([expect.objectContaining({ code: "structure-invalid", severity: "info", path: ["properties", "p"] })]);
  });
});

describe("normalizeSchema: OpenAPI 3.1", () => {
  it("turns a $ref with assertion siblings into allOf, keeping annotations outside", () => {
    expect(norm({ $ref: REF, maxItems: 2, description: "d" }, "3.1").schema).toEqual({
      description: "d",
      allOf: [{ $ref: REF }, { maxItems: 2 }],
    });
  });

  it("keeps a $ref with annotation siblings as it is", () => {
    expect(norm({ $ref: REF, description: "d" }, "3.1").schema).toEqual({ $ref: REF, description: "d" });
  });

  it("honours 3.0 nullable and boolean exclusive bounds in 3.1 documents, with an info", () => {
    const { schema, problems } = norm({ type: "integer", nullable: true, minimum: 1, exclusiveMinimum: true }, "3.1");
    expect(schema).toEqual({ type: ["integer", "null"], exclusiveMinimum: 1 });
    expect(problems.map((p) => [p.code, p.severity])).toEqual([
      ["schema-invalid", "info"],
      ["schema-invalid", "info"],
    ]);
  });

  it("keeps 2020-12 keywords", () => {
    const given = { type: ["string", "null"], const: "a", examples: ["a"], prefixItems: [true], propertyNames: { maxLength: 3 }, patternProperties: { "^x": false } };
    expect(norm(given, "3.1").schema).toEqual(given);
  });
});

describe("normalizeSchema: malformed input", () => {
  const cases: [name: string, given: unknown, want: unknown, path: (string | number)[]][] = [
    ["unknown type", { type: "strnig" }, {}, ["type"]],
    ["partly unknown type list", { type: ["string", "file"] }, { type: "string" }, ["type"]],
    ["required: true (Swagger 2 style)", { properties: { a: {} }, required: true }, { properties: { a: {} } }, ["required"]],
    ["negative minLength", { minLength: -1 }, {}, ["minLength"]],
    ["multipleOf 0", { multipleOf: 0 }, {}, ["multipleOf"]],
    ["a subschema that is not a schema", { items: "string" }, { items: true }, ["items"]],
    ["empty allOf", { allOf: [] }, {}, ["allOf"]],
  ];
  for (const [name, given, want, path] of cases) {
    it(name, () => {
      const { schema, problems } = norm(given);
      expect(schema).toEqual(want);
      expect(problems[0]).toMatchObject({ path });
    });
  }

  it("locates problems in the document when given an origin", () => {
    const problems: NormalizeProblem[] = [];
    normalizeSchema({ properties: { "a/b": { type: "strnig" } } }, "3.0", (p) => problems.push(p), { file: "/spec.yaml", pointer: "/components/schemas/X" });
    expect(problems[0]).toMatchObject({ file: "/spec.yaml", pointer: "/components/schemas/X/properties/a~1b/type" });
  });
});

describe("normalizeSchema: hostile input", () => {
  it("cuts off 10,000-deep nesting without overflowing the stack", () => {
    let deep: unknown = { type: "string" };
    for (let i = 0; i < 10_000; i++) deep = { items: deep };
    const { schema, problems } = norm(deep);
    expect(problems.filter((p) => p.code === "nesting-too-deep")).toHaveLength(1);
    let depth = 0;
    for (let s = schema as Record<string, unknown>; typeof s === "object" && s.items !== undefined; s = s.items as Record<string, unknown>) depth++;
    expect(depth).toBe(MAX_SCHEMA_DEPTH);
  });

  it("rejects a 10,000-deep enum value without walking it recursively", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const { schema, problems } = norm({ enum: [deep] });
    expect(schema).toEqual({});
    expect(problems[0]).toMatchObject({ code: "nesting-too-deep", path: ["enum"] });
  });

  it("keeps a property named __proto__ as an own key and never touches Object.prototype", () => {
    const given = JSON.parse('{"properties": {"__proto__": {"type": "string", "nullable": true}, "constructor": {"type": "number"}}, "required": ["__proto__"]}');
    const schema = norm(given).schema as unknown as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(schema.properties, "__proto__")?.value).toEqual({ type: ["string", "null"] });
    expect(Object.getPrototypeOf(schema.properties)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it("does not modify its input", () => {
    const given = { type: "string", nullable: true, properties: { a: { $ref: REF, nullable: true } } };
    const copy = structuredClone(given);
    norm(given);
    expect(given).toEqual(copy);
  });

  it("remembers where each output node came from (wrappers map to what they wrap)", () => {
    const schema = norm({ properties: { a: { $ref: REF, nullable: true } } }).schema as unknown as { properties: { a: { anyOf: unknown[] } } };
    expect(sourcePathOf(schema.properties.a)).toEqual(["properties", "a"]);
    expect(sourcePathOf(schema.properties.a.anyOf[0])).toEqual(["properties", "a"]);
  });
});
