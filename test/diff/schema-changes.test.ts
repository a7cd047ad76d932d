/**
 * Every schema-level change kind, in both directions, with the classification each policy
 * gives it: one small old/new pair per row, and the exact report lines it must produce.
 */
import { describe, expect, it } from "vitest";
import type { ValidationPolicy } from "../../src/model/schema-set.js";
import { diffDocs, lines, obj, webhookDoc } from "./support.js";

interface Row {
  name: string;
  old: unknown;
  new: unknown;
  policy?: ValidationPolicy;
  schemas?: { old?: Record<string, unknown>; new?: Record<string, unknown> };
  want: string[];
}

const str = { type: "string" };
const int = { type: "integer" };

/** Rows for the request body (data the provider sends). */
const requestRows: Row[] = [
  { name: "optional field added", old: obj({ a: str }), new: obj({ a: str, b: str }), want: ["ok body /b: optional field added"] },
  { name: "required field added", old: obj({ a: str }), new: obj({ a: str, b: str }, ["b"]), want: ["ok body /b: required field added"] },
  {
    name: "field added where the old object was closed, strict",
    policy: "strict",
    old: obj({ a: str }, [], { additionalProperties: false }),
    new: obj({ a: str, b: str }, [], { additionalProperties: false }),
    want: ["breaking body /b: optional field added"],
  },
  {
    name: "field added where the old object was closed, lenient",
    old: obj({ a: str }, [], { additionalProperties: false }),
    new: obj({ a: str, b: str }, [], { additionalProperties: false }),
    want: ["ok body /b: optional field added"],
  },
  { name: "optional field removed", old: obj({ a: str, b: str }), new: obj({ a: str }), want: ["breaking body /b: optional field removed"] },
  { name: "required field removed", old: obj({ a: str, b: str }, ["b"]), new: obj({ a: str }), want: ["breaking body /b: required field removed"] },
  { name: "field became required", old: obj({ a: str }), new: obj({ a: str }, ["a"]), want: ["ok body /a: field became required"] },
  { name: "field became optional", old: obj({ a: str }, ["a"]), new: obj({ a: str }), want: ["breaking body /a: field became optional"] },
  {
    name: "field became optional, tolerant",
    policy: "tolerant",
    old: obj({ a: str }, ["a"]),
    new: obj({ a: str }),
    want: ["ok body /a: field became optional"],
  },
  { name: "type widened", old: obj({ n: int }), new: obj({ n: { type: "number" } }), want: ["breaking body /n: type widened: integer → number"] },
  { name: "type narrowed", old: obj({ n: { type: "number" } }), new: obj({ n: int }), want: ["ok body /n: type narrowed: number → integer"] },
  { name: "type changed", old: obj({ n: str }), new: obj({ n: int }), want: ["breaking body /n: type changed: string → integer"] },
  {
    name: "null allowed (type array)",
    old: obj({ s: str }),
    new: obj({ s: { type: ["string", "null"] } }),
    want: ["breaking body /s: type widened: string → string | null"],
  },
  {
    name: "null no longer allowed",
    old: obj({ s: { type: ["string", "null"] } }),
    new: obj({ s: str }),
    want: ["ok body /s: type narrowed: string | null → string"],
  },
  {
    name: "null allowed around a $ref (nullable wrapper)",
    old: obj({ pet: { $ref: "#/components/schemas/Pet" } }),
    new: obj({ pet: { anyOf: [{ $ref: "#/components/schemas/Pet" }, { type: "null" }] } }),
    schemas: { old: { Pet: obj({ name: str }) }, new: { Pet: obj({ name: str }) } },
    want: ["breaking body /pet: type widened: object → object | null"],
  },
  {
    name: "nullable written two ways is no change",
    old: obj({ s: { type: ["string", "null"] } }),
    new: obj({ s: { anyOf: [str, { type: "null" }] } }),
    want: [],
  },
  {
    name: "enum value added, lenient (enums of two or more strings are open)",
    old: obj({ e: { type: "string", enum: ["a", "b"] } }),
    new: obj({ e: { type: "string", enum: ["a", "b", "c"] } }),
    want: ['ok body /e: enum values added "c"'],
  },
  {
    name: "enum value added, strict",
    policy: "strict",
    old: obj({ e: { type: "string", enum: ["a", "b"] } }),
    new: obj({ e: { type: "string", enum: ["a", "b", "c"] } }),
    want: ['breaking body /e: enum values added "c"'],
  },
  {
    name: "enum value added to a single-value enum, lenient (single values stay closed)",
    old: obj({ e: { type: "string", enum: ["a"] } }),
    new: obj({ e: { type: "string", enum: ["a", "b"] } }),
    want: ['breaking body /e: enum values added "b"'],
  },
  {
    name: "enum value removed",
    policy: "strict",
    old: obj({ e: { type: "string", enum: ["a", "b", "c"] } }),
    new: obj({ e: { type: "string", enum: ["a", "b"] } }),
    want: ['ok body /e: enum values removed "c"'],
  },
  {
    name: "const changed",
    old: obj({ kind: { const: "a" } }),
    new: obj({ kind: { const: "b" } }),
    want: ['breaking body /kind: value changed: "a" → "b"'],
  },
  {
    name: "enum introduced",
    old: obj({ e: str }),
    new: obj({ e: { type: "string", enum: ["a", "b"] } }),
    want: ['ok body /e: values now restricted to "a", "b"'],
  },
  {
    name: "enum lifted, lenient",
    old: obj({ e: { type: "string", enum: ["a", "b"] } }),
    new: obj({ e: str }),
    want: ['ok body /e: values no longer restricted (were "a", "b")'],
  },
  {
    name: "enum lifted, strict",
    policy: "strict",
    old: obj({ e: { type: "string", enum: ["a", "b"] } }),
    new: obj({ e: str }),
    want: ['breaking body /e: values no longer restricted (were "a", "b")'],
  },
  {
    name: "array items",
    old: obj({ tags: { type: "array", items: str } }),
    new: obj({ tags: { type: "array", items: int } }),
    want: ["breaking body /tags/[]: type changed: string → integer"],
  },
  {
    name: "map values (additionalProperties schema)",
    old: obj({ meta: { type: "object", additionalProperties: str } }),
    new: obj({ meta: { type: "object", additionalProperties: { type: ["string", "null"] } } }),
    want: ["breaking body /meta/*: type widened: string → string | null"],
  },
  {
    name: "additionalProperties: false lifted, strict",
    policy: "strict",
    old: obj({ a: str }, [], { additionalProperties: false }),
    new: obj({ a: str }),
    want: ["breaking body: unknown properties now allowed"],
  },
  {
    name: "additionalProperties: false lifted, lenient",
    old: obj({ a: str }, [], { additionalProperties: false }),
    new: obj({ a: str }),
    want: ["ok body: unknown properties now allowed"],
  },
  {
    name: "additionalProperties: false added",
    policy: "strict",
    old: obj({ a: str }),
    new: obj({ a: str }, [], { additionalProperties: false }),
    want: ["ok body: unknown properties now rejected (additionalProperties: false)"],
  },
  {
    name: "allOf parts are merged: the same object written inline is no change",
    old: { allOf: [{ $ref: "#/components/schemas/Base" }, obj({ b: int }, ["b"])] },
    new: obj({ a: str, b: int }, ["a", "b"]),
    schemas: { old: { Base: obj({ a: str }, ["a"]) } },
    want: [],
  },
  {
    name: "a field removed from an allOf part names the part's component",
    old: { allOf: [{ $ref: "#/components/schemas/Base" }, obj({ b: int })] },
    new: { allOf: [{ $ref: "#/components/schemas/Base" }, obj({ b: int })] },
    schemas: { old: { Base: obj({ a: str, gone: str }) }, new: { Base: obj({ a: str }) } },
    want: ["breaking body /gone: optional field removed (in Base)"],
  },
  {
    name: "a field of a referenced component",
    old: obj({ owner: { $ref: "#/components/schemas/User" } }),
    new: obj({ owner: { $ref: "#/components/schemas/User" } }),
    schemas: { old: { User: obj({ login: str, id: int }) }, new: { User: obj({ login: str, id: str }) } },
    want: ["breaking body /owner/id: type changed: integer → string (in User)"],
  },
];

const cat = obj({ type: { const: "cat" }, meows: { type: "boolean" } }, ["type"]);
const dog = obj({ type: { const: "dog" }, barks: { type: "boolean" } }, ["type"]);
const bird = obj({ type: { const: "bird" } }, ["type"]);

const alternativeRows: Row[] = [
  {
    name: "alternatives paired by discriminator value, whatever their order",
    old: obj({ pet: { oneOf: [cat, dog] } }),
    new: obj({ pet: { oneOf: [bird, dog, cat] } }),
    want: ['breaking body /pet: alternative oneOf[type="bird"] added'],
  },
  {
    name: "a field of an alternative removed (paired by discriminator value)",
    old: obj({ pet: { oneOf: [cat, dog] } }),
    new: obj({ pet: { oneOf: [dog, { ...cat, properties: { type: { const: "cat" } } }] } }),
    want: ['breaking body /pet/oneOf[type="cat"]/meows: optional field removed'],
  },
  {
    name: "alternatives paired by referenced schema",
    old: obj({ pet: { anyOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] } }),
    new: obj({ pet: { anyOf: [{ $ref: "#/components/schemas/B" }, { $ref: "#/components/schemas/A" }] } }),
    schemas: { old: { A: obj({ a: str }), B: obj({ b: str }) }, new: { A: obj({ a: int }), B: obj({ b: str }) } },
    want: ["breaking body /pet/anyOf[A]/a: type changed: string → integer (in A)"],
  },
  {
    name: "alternatives paired by position",
    old: obj({ v: { oneOf: [str, int] } }),
    new: obj({ v: { oneOf: [str, int, { type: "boolean" }] } }),
    want: ["breaking body /v: alternative oneOf[2] added"],
  },
  {
    name: "properties moved into alternatives are compared whole, not as removed and added",
    old: obj({ a: str, b: str }),
    new: { oneOf: [obj({ a: str, b: str }), obj({ a: str, c: str })] },
    want: ["breaking body: alternative oneOf[1] added"],
  },
  {
    name: "a null branch added with the alternatives is a type change, not an alternative",
    old: obj({ v: obj({ a: str }) }),
    new: obj({ v: { oneOf: [obj({ a: str }), obj({ c: str }), { type: "null" }] } }),
    want: ["breaking body /v: type widened: object → object | null", "breaking body /v: alternative oneOf[1] added"],
  },
  {
    name: "a recursive schema terminates and reports a change once, at its shallowest path",
    old: { $ref: "#/components/schemas/Node" },
    new: { $ref: "#/components/schemas/Node" },
    schemas: {
      old: { Node: obj({ name: str, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } }) },
      new: { Node: obj({ children: { type: "array", items: { $ref: "#/components/schemas/Node" } } }) },
    },
    want: ["breaking body /name: optional field removed (in Node)"],
  },
];

/** Rows for the 200 response body (data the consumer answers). */
const responseRows: Row[] = [
  { name: "optional field added", old: obj({ a: str }), new: obj({ a: str, b: str }), want: ["ok response 200 body /b: optional field added"] },
  { name: "required field added", old: obj({ a: str }), new: obj({ a: str, b: str }, ["b"]), want: ["breaking response 200 body /b: required field added"] },
  { name: "field removed", old: obj({ a: str, b: str }), new: obj({ a: str }), want: ["ok response 200 body /b: optional field removed"] },
  {
    name: "field removed where the new object is closed",
    old: obj({ a: str, b: str }),
    new: obj({ a: str }, [], { additionalProperties: false }),
    want: ["breaking response 200 body: unknown properties now rejected (additionalProperties: false)", "breaking response 200 body /b: optional field removed"],
  },
  { name: "field became required", old: obj({ a: str }), new: obj({ a: str }, ["a"]), want: ["breaking response 200 body /a: field became required"] },
  { name: "field became optional", old: obj({ a: str }, ["a"]), new: obj({ a: str }), want: ["ok response 200 body /a: field became optional"] },
  { name: "type widened", old: obj({ n: int }), new: obj({ n: { type: "number" } }), want: ["ok response 200 body /n: type widened: integer → number"] },
  { name: "type narrowed", old: obj({ n: { type: "number" } }), new: obj({ n: int }), want: ["breaking response 200 body /n: type narrowed: number → integer"] },
  {
    name: "enum value added",
    policy: "strict",
    old: obj({ e: { enum: ["a", "b"] } }),
    new: obj({ e: { enum: ["a", "b", "c"] } }),
    want: ['ok response 200 body /e: enum values added "c"'],
  },
  {
    name: "enum value removed",
    old: obj({ e: { enum: ["a", "b", "c"] } }),
    new: obj({ e: { enum: ["a", "b"] } }),
    want: ['breaking response 200 body /e: enum values removed "c"'],
  },
  {
    name: "alternative added",
    old: obj({ pet: { oneOf: [cat, dog] } }),
    new: obj({ pet: { oneOf: [cat, dog, bird] } }),
    want: ['ok response 200 body /pet: alternative oneOf[type="bird"] added'],
  },
  {
    name: "alternative removed",
    old: obj({ pet: { oneOf: [cat, dog, bird] } }),
    new: obj({ pet: { oneOf: [cat, dog] } }),
    want: ['breaking response 200 body /pet: alternative oneOf[type="bird"] removed'],
  },
];

const body = { type: "object" };

describe("request body (the provider sends it)", () => {
  it.each([...requestRows, ...alternativeRows])("$name", (row) => {
    const old = webhookDoc({ body: row.old, ...(row.schemas?.old ? { schemas: row.schemas.old } : {}) });
    const neu = webhookDoc({ body: row.new, ...(row.schemas?.new ? { schemas: row.schemas.new } : {}) });
    expect(lines(diffDocs(old, neu, row.policy))).toEqual(row.want);
  });
});

describe("response body (the consumer answers it)", () => {
  it.each(responseRows)("$name", (row) => {
    const old = webhookDoc({ body, response: row.old });
    const neu = webhookDoc({ body, response: row.new });
    expect(lines(diffDocs(old, neu, row.policy))).toEqual(row.want);
  });
});

describe("classification reasons", () => {
  it("every change says why it is or is not breaking", () => {
    const d = diffDocs(webhookDoc({ body: obj({ a: str, b: int }) }), webhookDoc({ body: obj({ a: int, c: str }, ["c"]) }));
    const changes = d.events.flatMap((e) => e.changes);
    expect(changes.length).toBe(3);
    for (const c of changes) expect(c.reason).toMatch(/\w{3,}/);
  });
});

describe("the same schema written for another OpenAPI version", () => {
  it("3.0 `nullable` (also next to a `$ref`) and 3.1 null types are no change", () => {
    const components = { schemas: { Pet: obj({ name: str }) } };
    const v30 = {
      openapi: "3.0.3",
      info: { title: "Acme", version: "1.0.0" },
      paths: {},
      "x-webhooks": {
        ping: {
          post: {
            requestBody: {
              content: { "application/json": { schema: obj({ s: { type: "string", nullable: true }, pet: { $ref: "#/components/schemas/Pet", nullable: true } }) } },
            },
            responses: { "200": { description: "ok" } },
          },
        },
      },
      components,
    };
    const v31 = webhookDoc({
      body: obj({ s: { type: ["string", "null"] }, pet: { anyOf: [{ $ref: "#/components/schemas/Pet" }, { type: "null" }] } }),
      schemas: components.schemas,
    });
    expect(lines(diffDocs(v30, v31))).toEqual([]);
    // …and the same edit is seen through either spelling.
    const v31NotNull = webhookDoc({ body: obj({ s: str, pet: { $ref: "#/components/schemas/Pet" } }), schemas: components.schemas });
    expect(lines(diffDocs(v30, v31NotNull))).toEqual(["ok body /pet: type narrowed: object | null → object", "ok body /s: type narrowed: string | null → string"]);
  });
});
