/**
 * `allOf` (`$and` → `$intersect`): built as one schema where that is equivalent — open
 * objects merged, `type: object` without properties turned into a rule, bare primitives
 * dropped — and as `z.intersection` otherwise. Which values are valid must not change:
 * every case is also decided by Ajv, and by Zod's own intersection of the same operands.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { SchemaSet, ValidationPolicy } from "../../src/model/schema-set.js";
import { buildSet } from "./support/sets.js";
import { generate, loadSchemas } from "./support/modules.js";

type Parser = { safeParse(v: unknown): { success: boolean; data?: unknown }; _zod: { def: { type: string } } };

function setOf(schemas: Record<string, unknown>): SchemaSet {
  return buildSet(Object.entries(schemas).map(([key, schema]) => ({ key, schema })), "3.1");
}

function compile(schemas: Record<string, unknown>, policy: ValidationPolicy = "strict") {
  const set = setOf(schemas);
  const mod = loadSchemas(generate(set, policy).schemas);
  return (key: string) => mod[set.schemas.find((s) => s.key === key)!.schemaName] as unknown as Parser;
}

const ref = (k: string) => ({ $ref: `#/components/schemas/${k}` });

/** Ajv's verdict on `instance` against member `key` of `schemas` (refs resolved in place). */
function ajvValid(schemas: Record<string, unknown>, key: string, instance: unknown): boolean {
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  const defs: Record<string, unknown> = {};
  const rewrite = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(rewrite)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v).map(([k, x]) => [k, k === "$ref" && typeof x === "string" ? x.replace("#/components/schemas/", "#/$defs/") : rewrite(x)]),
          )
        : v;
  for (const [k, s] of Object.entries(schemas)) defs[k] = rewrite(s);
  return ajv.validate({ $defs: defs, $ref: `#/$defs/${key}` }, instance) as boolean;
}

const SCHEMAS: Record<string, unknown> = {
  Base: { type: "object", required: ["id"], properties: { id: { type: "integer" }, name: { type: "string" } } },
  Open: {
    allOf: [
      ref("Base"),
      { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 2 }, tags: { type: "array", items: { type: "string" } } } },
    ],
  },
  // additionalProperties: false in one operand closes it against the other's properties too.
  Closed: {
    allOf: [
      { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
      { type: "object", properties: { b: { type: "string" } } },
    ],
  },
  // Other properties must match a schema: not mergeable (stays an intersection).
  Indexed: {
    allOf: [
      { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "integer" } },
      { type: "object", properties: { b: { type: "string" } } },
    ],
  },
  AnyObject: { allOf: [{ type: "object" }, { anyOf: [ref("Base"), { type: "string" }] }] },
  NullableObject: { allOf: [{ type: ["object", "null"] }, { anyOf: [ref("Base"), { type: "null" }] }] },
  Nested: {
    allOf: [
      { type: "object", properties: { inner: { type: "object", required: ["x"], properties: { x: { type: "number" } } } } },
      { type: "object", required: ["inner"], properties: { inner: { type: "object", properties: { y: { type: "boolean" } }, required: ["y"] } } },
    ],
  },
  Primitive: { allOf: [{ type: "string" }, { type: "string", maxLength: 3 }] },
  Tree: {
    allOf: [
      { type: "object", properties: { children: { type: "array", items: ref("Tree") } } },
      { type: "object", required: ["v"], properties: { v: { type: "integer" }, parent: ref("Tree") } },
    ],
  },
};

const INSTANCES: Record<string, unknown[]> = {
  Open: [{ id: 1, name: "ab" }, { id: 1, name: "a" }, { id: 1 }, { name: "ab" }, { id: 1, name: "ab", tags: ["x"] }, { id: 1, name: "ab", tags: [1] }, { id: 1, name: "ab", extra: true }, null, "x", []],
  Closed: [{}, { a: "x" }, { b: "x" }, { a: "x", b: "y" }, { a: 1 }, { c: 1 }],
  Indexed: [{}, { a: "x", b: "y" }, { a: "x", c: 1 }, { a: "x", c: "z" }, { b: 1 }],
  AnyObject: [{ id: 1 }, { id: "x" }, "s", null, [], 1],
  NullableObject: [{ id: 1 }, null, {}, "s", []],
  Nested: [{ inner: { x: 1, y: true } }, { inner: { x: 1 } }, { inner: { y: true } }, {}, { inner: null }],
  Primitive: ["abc", "abcd", 1],
  Tree: [{ v: 1 }, { v: 1, children: [{ v: 2 }] }, { v: 1, children: [{}] }, { v: 1, parent: { v: 2, children: [] } }, { v: 1, parent: { children: [] } }, {}],
};

describe("$intersect", () => {
  for (const policy of ["strict", "lenient"] as const) {
    it(`decides every instance as Ajv does (${policy})`, () => {
      const get = compile(SCHEMAS, policy);
      for (const [key, instances] of Object.entries(INSTANCES)) {
        for (const v of instances) {
          const expected = ajvValid(SCHEMAS, key, v);
          // The lenient policy relaxes `additionalProperties: false`; it does not close objects.
          if (policy === "lenient" && key === "Closed") continue;
          expect([key, v, get(key).safeParse(v).success]).toEqual([key, v, expected]);
        }
      }
    });
  }

  it("merges open objects into one object schema, and leaves the value as it came", () => {
    const get = compile(SCHEMAS);
    expect(get("Open")._zod.def.type).toBe("object");
    expect(get("Nested")._zod.def.type).toBe("object");
    expect(get("Indexed")._zod.def.type).toBe("intersection");
    const value = { id: 1, name: "ab", tags: ["x"], extra: { deep: [1] } };
    expect(get("Open").safeParse(value).data).toEqual(value);
  });

  it("keeps a property required when either operand requires it", () => {
    const get = compile({
      R: { allOf: [{ type: "object", properties: { a: { type: "string" } } }, { type: "object", required: ["a"], properties: { a: { minLength: 1 } } }] },
    });
    expect(get("R").safeParse({}).success).toBe(false);
    expect(get("R").safeParse({ a: "" }).success).toBe(false);
    expect(get("R").safeParse({ a: "x" }).success).toBe(true);
  });
});
