/**
 * `emitSchemaTypes`: schema sets → TypeScript declarations via openapi-typescript's
 * `transformSchemaObject`, as `{ given, want }` tables of whole declarations.
 */
import { createRequire } from "node:module";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import type { ValidationPolicy } from "../../src/model/schema-set.js";
import { emitSchemaTypes, loadTransformSchemaObject } from "../../src/emit/schema-types.js";
import { buildSet } from "./support/sets.js";
import { specSchemaSet } from "./support/agreement.js";

const ref = (k: string) => `#/components/schemas/${k}`;

function types(schemas: Record<string, unknown>, policy: ValidationPolicy = "strict", version: "3.0" | "3.1" = "3.1"): string {
  const set = buildSet(Object.entries(schemas).map(([key, schema]) => ({ key, schema })), version);
  return emitSchemaTypes(set, { policy }).text;
}

/** Whitespace-insensitive comparison of declarations. */
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

describe("loadTransformSchemaObject", () => {
  // That the light path is the one taken (Redocly's entry never loaded) is a process-level
  // fact: test/cli/cli.test.ts checks it on the real executable.
  it("is openapi-typescript's own transformSchemaObject, whichever module it comes from", () => {
    const require = createRequire(import.meta.url);
    const entry = require("openapi-typescript") as { transformSchemaObject: unknown };
    expect(loadTransformSchemaObject()).toBe(entry.transformSchemaObject);
    expect(require("openapi-typescript/dist/transform/schema-object.cjs").default).toBe(entry.transformSchemaObject);
  });
});

describe("emitSchemaTypes", () => {
  const table: [name: string, given: Record<string, unknown>, want: string, policy?: ValidationPolicy][] = [
    [
      "an object is an interface; references use type names",
      { Pet: { type: "object", required: ["owner"], properties: { owner: { $ref: ref("simple-user") }, tag: { type: "string" } } }, "simple-user": { type: "string" } },
      "export interface Pet { owner: SimpleUser; tag?: string; } export type SimpleUser = string;",
    ],
    [
      "3.1 type lists and nullable",
      { N: { type: ["string", "null"] } },
      "export type N = string | null;",
    ],
    ["enum: a union of literals", { E: { type: "string", enum: ["a", "b"] } }, 'export type E = "a" | "b";'],
    ["lenient: enums open to their base type", { E: { type: "string", enum: ["a", "b"] } }, 'export type E = "a" | "b" | (string & {});', "lenient"],
    ["lenient: numeric enums too", { E: { type: "integer", enum: [1, 2] } }, "export type E = 1 | 2 | (number & {});", "lenient"],
    ["lenient: a single value stays closed (it is a tag)", { E: { type: "string", enum: ["opened"] } }, 'export type E = "opened";', "lenient"],
    ["const of an object", { C: { const: { a: [1, "x"], b: {} } } }, 'export interface C { a: [ 1, "x" ]; b: Record<string, never>; }'],
    ["enum values the type excludes are dropped", { E: { type: "string", enum: ["a", 1] } }, 'export type E = "a";'],
    [
      "tolerant: every property optional",
      { T: { type: "object", required: ["a"], properties: { a: { type: "string" } } } },
      "export interface T { a?: string; }",
      "tolerant",
    ],
    [
      "type-less properties also accept non-objects (JSON Schema applies them to objects only)",
      { L: { properties: { a: { type: "integer" } } } },
      "export type L = { a?: number; } | unknown[] | string | number | boolean | null;",
    ],
    [
      "…but not where a sibling already fixes the type",
      { X: { allOf: [{ $ref: ref("Base") }, { properties: { extra: { type: "string" } } }] }, Base: { type: "object", properties: { id: { type: "integer" } } } },
      "export interface Base { id?: number; } export type X = Base & { extra?: string; };",
    ],
    [
      "a parent's required reaches a referenced allOf member",
      { X: { allOf: [{ $ref: ref("Base") }], required: ["id"] }, Base: { type: "object", properties: { id: { type: "integer" } } } },
      "export interface Base { id?: number; } export type X = Base & { id: number; };",
    ],
    [
      "prefixItems: only present items are typed",
      { T: { type: "array", prefixItems: [{ type: "string" }, { type: "number" }], minItems: 1 } },
      "export type T = [ string, number?, ...unknown[] ];",
    ],
    [
      "patternProperties: unmatched names stay unknown",
      { P: { type: "object", properties: { a: { type: "string" } }, patternProperties: { "^x-": { type: "number" } } } },
      "export type P = { a?: string; } & { [key: string]: unknown | number; };",
    ],
    [
      "additionalProperties: false with patternProperties closes the index",
      { P: { type: "object", patternProperties: { "^x-": { type: "number" } }, additionalProperties: false } },
      "export interface P { [key: string]: number; }",
    ],
    [
      "discriminator is an annotation: no injected literals, no Omit",
      {
        Pet: { oneOf: [{ $ref: ref("Cat") }, { $ref: ref("Dog") }], discriminator: { propertyName: "kind" } },
        Cat: { type: "object", properties: { kind: { type: "string" } } },
        Dog: { type: "object", properties: { kind: { type: "string" } } },
      },
      "export interface Cat { kind?: string; } export interface Dog { kind?: string; } export type Pet = Cat | Dog;",
    ],
    [
      "oneOf with a type list is split so the members are not repeated",
      { U: { type: ["string", "null"], oneOf: [{ minLength: 1 }, { type: "null" }] } },
      "export type U = (string | null) & (unknown | null);",
    ],
    [
      "recursive references",
      { Node: { type: "object", properties: { next: { $ref: ref("Node") }, kids: { type: "array", items: { $ref: ref("Node") } } } } },
      "export interface Node { next?: Node; kids?: Node[]; }",
    ],
    ["boolean schemas", { Any: true, Nothing: false }, "export type Any = unknown; export type Nothing = never;"],
    [
      "property names are quoted when they must be; __proto__ is left out",
      { O: { type: "object", properties: { "a-b": { type: "string" }, "": { type: "string" }, ["__proto__"]: { type: "string" }, constructor: { type: "string" } } } },
      'export interface O { "a-b"?: string; ""?: string; constructor?: string; }',
    ],
  ];
  for (const [name, given, want, policy] of table) {
    it(name, () => expect(squash(types(given, policy))).toBe(squash(want)));
  }

  it("keeps openapi-typescript's JSDoc and adds the member's own", () => {
    const out = types({ D: { title: "Thing", description: "A thing.", deprecated: true, type: "object", properties: { at: { type: "string", format: "date-time", description: "When." } } } });
    expect(out).toBe(`/**
 * Thing
 *
 * A thing.
 * @deprecated
 */
export interface D {
    /**
     * Format: date-time
     * @description When.
     */
    at?: string;
}
`);
  });

  it("neutralises comment terminators, line separators and invisible characters in annotations", () => {
    const out = types({
      H: { description: "a */ x", type: "object", properties: { p: { type: "string", description: "one\u2028two\rthree */ four \u202e five", default: "*/ d", example: { k: "*/" } } } },
    });
    const comments = out.match(/\/\*[\s\S]*?\*\//g) ?? [];
    const code = out.replace(/\/\*[\s\S]*?\*\//g, "");
    expect(squash(code)).toBe("export interface H { p?: string; }");
    expect(comments.join("")).toContain("\\u{202e}");
    expect(out).not.toMatch(/[\u2028\u2029\r\u202e]/);
  });

  it("reports the property it leaves out", () => {
    const set = buildSet([{ key: "O", schema: { type: "object", properties: { ["__proto__"]: { type: "string" } } } }], "3.1");
    const { diagnostics } = emitSchemaTypes(set, { policy: "strict" });
    expect(diagnostics).toEqual([expect.objectContaining({ code: "schema-unsupported", severity: "warning", pointer: "/components/schemas/O/properties/__proto__" })]);
  });

  it("is deterministic", () => {
    const given = { A: { type: "object", properties: { b: { $ref: ref("B") } } }, B: { enum: ["x", 2, null] } };
    expect(types(given)).toBe(types(given));
  });

  // Speed is measured by bench/generate, not asserted here.
  it("emits GitHub's 433 webhook schemas as one parseable file", () => {
    const set = specSchemaSet("github");
    expect(set.schemas).toHaveLength(433);
    const out = emitSchemaTypes(set, { policy: "strict" });
    expect(out.exports).toHaveLength(433);
    const parsed = ts.createSourceFile("types.ts", out.text, ts.ScriptTarget.Latest, true);
    expect((parsed as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  });
});
