/**
 * `emitZodSchemas`: the behaviour of generated Zod for the decisions the emitter makes
 * (integers, prototype keys, recursion, oneOf, discriminators, unknown properties, formats,
 * patterns, policies) and the shape of its output.
 */
import { describe, expect, it } from "vitest";
import type { JsonSchemaObject, SchemaSet, ValidationPolicy } from "../../src/model/schema-set.js";
import { emitZodSchemas, type ZodEmitOptions } from "../../src/emit/zod.js";
import { buildSet } from "./support/sets.js";
import { generate, loadSchemas } from "./support/modules.js";
import { specSchemaSet } from "./support/agreement.js";
import { itShared } from "../support/shared.js";

const ref = (k: string) => `#/components/schemas/${k}`;

function setOf(schemas: Record<string, unknown>, version: "3.0" | "3.1" = "3.1"): SchemaSet {
  return buildSet(Object.entries(schemas).map(([key, schema]) => ({ key, schema })), version);
}

/** The generated schema for member `key`, ready to parse. */
function compile(schemas: Record<string, unknown>, policy: ValidationPolicy = "strict", formats: ZodEmitOptions["formats"] = "assert", version: "3.0" | "3.1" = "3.1") {
  const set = setOf(schemas, version);
  const mod = loadSchemas(generate(set, policy, formats).schemas);
  return (key: string) => mod[set.schemas.find((s) => s.key === key)!.schemaName]!;
}

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe("integers", () => {
  it("accepts integers beyond 2^53 (Shopify's order id 820982911946154508)", () => {
    for (const policy of ["strict", "lenient", "tolerant"] as const) {
      const get = compile({ Id: { type: "integer", format: "int64" }, Plain: { type: "integer" } }, policy, "assert");
      const big = JSON.parse("820982911946154508") as number;
      expect(ok(get("Id"), big)).toBe(true);
      expect(ok(get("Plain"), big)).toBe(true);
      expect(ok(get("Id"), 1.5)).toBe(false);
      expect(ok(get("Plain"), 1.0)).toBe(true);
    }
  });

  it("int32 is range-checked when formats are asserted", () => {
    const get = compile({ N: { type: "integer", format: "int32" } }, "strict", "assert");
    expect(ok(get("N"), 2 ** 31 - 1)).toBe(true);
    expect(ok(get("N"), 2 ** 31)).toBe(false);
  });
});

describe("prototype-named property keys (THREATS.md A6, B10)", () => {
  // Zod 4 reads a declared key with `key in input`, so an absent `constructor` would be
  // validated as Object.prototype.constructor; and it never copies a `__proto__` key, not
  // even a declared one. Objects that declare such names are parsed from a prototype-free
  // copy, and `__proto__` is validated by a check on the raw input.
  const get = compile({
    O: {
      type: "object",
      properties: { ["__proto__"]: { type: "number" }, constructor: { type: "string" }, toString: { type: "object", properties: { length: { type: "string" } } } },
    },
    R: { type: "object", required: ["__proto__", "constructor"] },
    Loose: { type: "object", properties: { a: { type: "string" } } },
  });

  it("absent optional properties named like Object.prototype members are absent", () => {
    expect(ok(get("O"), {})).toBe(true);
  });

  it("present ones are validated", () => {
    expect(ok(get("O"), JSON.parse('{"constructor": 1}'))).toBe(false);
    expect(ok(get("O"), JSON.parse('{"toString": {"length": 37}}'))).toBe(false);
    expect(ok(get("O"), JSON.parse('{"__proto__": "x"}'))).toBe(false);
    expect(ok(get("O"), JSON.parse('{"__proto__": 12, "constructor": "c", "toString": {"length": "l"}}'))).toBe(true);
  });

  it("required ones must be own properties", () => {
    expect(ok(get("R"), {})).toBe(false);
    expect(ok(get("R"), JSON.parse('{"__proto__": 1}'))).toBe(false);
    expect(ok(get("R"), JSON.parse('{"__proto__": 1, "constructor": 2}'))).toBe(true);
  });

  it("parsed output never carries __proto__ and nothing is polluted", () => {
    const out = get("O").parse(JSON.parse('{"__proto__": 12, "constructor": "c"}')) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["constructor"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    const loose = get("Loose").parse(JSON.parse('{"a": "x", "__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(loose).toEqual({ a: "x" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("recursion", () => {
  const schemas = {
    A: { type: "object", properties: { b: { $ref: ref("B") } } },
    B: { type: "object", properties: { a: { $ref: ref("A") }, leaf: { $ref: ref("Leaf") } } },
    Leaf: { type: "string" },
    Tree: { type: "object", properties: { kids: { type: "array", items: { $ref: ref("Tree") } } } },
  };

  it("defers only references that close a cycle, and declares dependencies first", () => {
    const { text, exports } = emitZodSchemas(setOf(schemas), { policy: "strict" });
    expect(text.match(/\$lazy\(\(/g)).toHaveLength(2); // B → A closes A ↔ B; Tree → Tree
    expect(text).toContain("a: $lazy(() => $.A)");
    expect(text).toContain("kids: $array($lazy(() => $.Tree))");
    expect(exports.indexOf("LeafSchema")).toBeLessThan(exports.indexOf("BSchema"));
    expect(exports.indexOf("BSchema")).toBeLessThan(exports.indexOf("ASchema"));
  });

  it("has no z.lazy at all without cycles", () => {
    const { text } = emitZodSchemas(setOf({ A: { type: "object", properties: { b: { $ref: ref("B") } } }, B: { type: "string" } }), { policy: "strict" });
    expect(text).not.toContain("$lazy");
  });

  it("validates nested values (loading the module would throw on a use before initialization)", () => {
    const get = compile(schemas);
    expect(ok(get("A"), { b: { a: { b: { leaf: "x" } } } })).toBe(true);
    expect(ok(get("A"), { b: { a: { b: { leaf: 1 } } } })).toBe(false);
    let tree: unknown = { kids: [] };
    for (let i = 0; i < 200; i++) tree = { kids: [tree] };
    expect(ok(get("Tree"), tree)).toBe(true);
  });
});

describe("oneOf and discriminators", () => {
  const schemas = {
    Overlap: { oneOf: [{ type: "number" }, { type: "integer" }] },
    Shape: { oneOf: [{ $ref: ref("Circle") }, { $ref: ref("Square") }], discriminator: { propertyName: "kind" } },
    Circle: { type: "object", required: ["kind"], properties: { kind: { const: "circle" }, r: { type: "number" } } },
    Square: { type: "object", required: ["kind"], properties: { kind: { type: "string", enum: ["square"] } }, additionalProperties: false },
    Vague: { oneOf: [{ $ref: ref("Circle") }, { $ref: ref("Any") }], discriminator: { propertyName: "kind" } },
    Any: { type: "object", properties: { kind: { type: "string" } } },
  };

  it("strict oneOf is exclusive; lenient and tolerant take the first match", () => {
    expect(ok(compile(schemas, "strict")("Overlap"), 1)).toBe(false);
    expect(ok(compile(schemas, "strict")("Overlap"), 1.5)).toBe(true);
    expect(ok(compile(schemas, "lenient")("Overlap"), 1)).toBe(true);
    expect(ok(compile(schemas, "tolerant")("Overlap"), 1)).toBe(true);
  });

  it("becomes z.discriminatedUnion where every branch pins the property to its own value", () => {
    const { text } = emitZodSchemas(setOf(schemas), { policy: "strict" });
    expect(text).toContain('static Shape: Shape = $discriminated("kind", $.Circle, $.Square);');
    expect(text).toContain("static Vague: Vague = $xor($.Circle, $.Any);");
    const shape = compile(schemas)("Shape");
    // At run time the options are Zod's own object schemas, as z.discriminatedUnion needs.
    const def = (shape as unknown as { _zod: { def: { type: string; options: { _zod: { def: { type: string } } }[] } } })._zod.def;
    expect(def.type).toBe("union");
    expect(def.options.map((o) => o._zod.def.type)).toEqual(["object", "object"]);
    expect(ok(shape, { kind: "circle", r: 1 })).toBe(true);
    expect(ok(shape, { kind: "square" })).toBe(true);
    expect(ok(shape, { kind: "square", r: 1 })).toBe(false);
    expect(ok(shape, { kind: "triangle" })).toBe(false);
  });

  it("tolerant never discriminates (its properties are all optional)", () => {
    expect(emitZodSchemas(setOf(schemas), { policy: "tolerant" }).text).not.toContain("discriminatedUnion");
  });
});

describe("policies", () => {
  const schemas = {
    Closed: { type: "object", required: ["a"], properties: { a: { type: "string" } }, additionalProperties: false },
    Open: { type: "object", properties: { a: { type: "string" } } },
    Status: { type: "string", enum: ["open", "closed"], maxLength: 6 },
    Tag: { type: "string", enum: ["opened"] },
  };

  it("strict rejects properties additionalProperties: false forbids; the others accept and keep them", () => {
    expect(ok(compile(schemas, "strict")("Closed"), { a: "x", b: 1 })).toBe(false);
    for (const policy of ["lenient", "tolerant"] as const) {
      expect(compile(schemas, policy)("Closed").parse({ a: "x", b: 1 })).toEqual({ a: "x", b: 1 });
    }
  });

  it("unknown properties pass through in every policy when the spec allows them", () => {
    expect(compile(schemas, "strict")("Open").parse({ a: "x", extra: [1] })).toEqual({ a: "x", extra: [1] });
  });

  it("lenient accepts unknown enum members (other constraints still apply); tags stay closed", () => {
    const strict = compile(schemas, "strict");
    const lenient = compile(schemas, "lenient");
    expect(ok(strict("Status"), "merged")).toBe(false);
    expect(ok(lenient("Status"), "merged")).toBe(true);
    expect(ok(lenient("Status"), "too long")).toBe(false);
    expect(ok(lenient("Status"), 3)).toBe(false);
    expect(ok(lenient("Tag"), "closed")).toBe(false);
  });

  it("tolerant makes required properties optional", () => {
    expect(ok(compile(schemas, "strict")("Closed"), {})).toBe(false);
    expect(ok(compile(schemas, "lenient")("Closed"), {})).toBe(false);
    expect(ok(compile(schemas, "tolerant")("Closed"), {})).toBe(true);
  });
});

describe("keywords", () => {
  it("const and enum compare JSON values deeply", () => {
    const get = compile({ C: { const: { a: [1, { b: null }] } }, E: { enum: [[1, 2], { x: "y" }, "s"] } });
    expect(ok(get("C"), { a: [1.0, { b: null }] })).toBe(true);
    expect(ok(get("C"), { a: [1, { b: null }], extra: 1 })).toBe(false);
    expect(ok(get("C"), { a: [1, { b: null, c: 1 }] })).toBe(false);
    expect(ok(get("E"), [1, 2])).toBe(true);
    expect(ok(get("E"), [1, 2, 3])).toBe(false);
    expect(ok(get("E"), { x: "y" })).toBe(true);
    expect(ok(get("E"), { x: "y", z: 0 })).toBe(false);
  });

  it("type-less object keywords ignore other instance types", () => {
    const get = compile({ P: { properties: { foo: { type: "integer" } }, required: ["bar"] } });
    expect(ok(get("P"), "x")).toBe(true);
    expect(ok(get("P"), [1])).toBe(true);
    expect(ok(get("P"), { bar: 1, foo: "x" })).toBe(false);
    expect(ok(get("P"), { foo: 1 })).toBe(false);
  });

  it("lengths count code points; multipleOf is exact on decimals", () => {
    const get = compile({ S: { type: "string", minLength: 2, maxLength: 2 }, M: { type: "number", multipleOf: 0.1 } });
    expect(ok(get("S"), "💩💩")).toBe(true);
    expect(ok(get("S"), "💩")).toBe(false);
    expect(ok(get("M"), 0.3)).toBe(true);
    expect(ok(get("M"), 0.35)).toBe(false);
  });

  it("patterns are unanchored and compiled with the u flag", () => {
    const get = compile({ P: { type: "string", pattern: "^[\\p{L} ]+$" }, U: { type: "string", pattern: "b/c" }, L: { type: "string", pattern: "^.$" } });
    expect(ok(get("P"), "Zoë")).toBe(true);
    expect(ok(get("P"), "Zoë1")).toBe(false);
    expect(ok(get("U"), "ab/cd")).toBe(true);
    expect(ok(get("L"), "💩")).toBe(true);
  });

  it("default is documentation, not a value filled in", () => {
    expect(compile({ D: { type: "object", properties: { a: { type: "string", default: "x" } } } })("D").parse({})).toEqual({});
  });
});

describe("formats", () => {
  const schemas = { T: { type: "string", format: "date-time" }, N: { type: "number", format: "date-time" } };

  it("are asserted with formats: assert, and only for their type", () => {
    const get = compile(schemas, "strict", "assert");
    expect(ok(get("T"), "2021-01-01T00:00:00Z")).toBe(true);
    expect(ok(get("T"), "yesterday")).toBe(false);
    expect(ok(get("N"), 12)).toBe(true);
  });

  it("are annotations by default, as in JSON Schema 2020-12", () => {
    const set = setOf(schemas);
    const mod = loadSchemas(generate(set, "strict", undefined).schemas);
    expect(ok(mod.TSchema!, "yesterday")).toBe(true);
  });

  it("unknown ones check the base type only and warn once per name", () => {
    const set = setOf({ A: { type: "string", format: "unixtime" }, B: { type: "object", properties: { x: { type: "string", format: "unixtime" } } }, C: { type: "string", format: "binary" } });
    const { diagnostics } = emitZodSchemas(set, { policy: "strict" });
    expect(diagnostics).toEqual([
      { code: "schema-unknown-format", severity: "warning", message: 'unknown format "unixtime": only the base type is checked', file: "/spec.json", pointer: "/components/schemas/A" },
    ]);
  });
});

describe("diagnostics", () => {
  it("an invalid pattern is reported where it is and not enforced", () => {
    const set = setOf({ P: { type: "object", properties: { code: { type: "string", pattern: "[" } } } });
    const { diagnostics } = emitZodSchemas(set, { policy: "strict" });
    expect(diagnostics).toEqual([expect.objectContaining({ code: "schema-invalid-pattern", severity: "warning", pointer: "/components/schemas/P/properties/code" })]);
    expect(ok(compile({ P: { type: "string", pattern: "[" } })("P"), "anything")).toBe(true);
  });

  it("a pattern that needs legacy (non-u) syntax still works", () => {
    expect(ok(compile({ P: { type: "string", pattern: "^\\-[a-z]$" } })("P"), "-a")).toBe(true);
  });

  it("a pattern RE2 cannot run is reported where it is and rejects nothing", () => {
    const schemas = {
      P: { type: "string", pattern: "^(a)\\1$" },
      M: { type: "object", patternProperties: { "^(?<=x)a": { type: "string" }, "^b": { type: "integer" } }, additionalProperties: false },
    };
    const { diagnostics } = emitZodSchemas(setOf(schemas), { policy: "strict" });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: "schema-pattern-unsupported", pointer: "/components/schemas/M", message: expect.stringContaining("uses a lookbehind") }),
      {
        code: "schema-pattern-unsupported",
        severity: "warning",
        message: String.raw`pattern "^(a)\\1$" uses a backreference, which a linear-time regular expression engine cannot run; it is not enforced`,
        file: "/spec.json",
        pointer: "/components/schemas/P",
      },
    ]);
    const get = compile(schemas);
    expect(ok(get("P"), "ab")).toBe(true);
    // The other key pattern is still enforced; additionalProperties: false no longer is.
    expect(ok(get("M"), { a: 1, zzz: "x" })).toBe(true);
    expect(ok(get("M"), { b: "x" })).toBe(false);
    expect(ok(get("M"), { b: 1 })).toBe(true);
  });

  it("leading lookaheads are enforced exactly, the rest on RE2", () => {
    const P = compile({ P: { type: "string", pattern: "^(?!sink_)[a-z_]+$" } })("P");
    expect([ok(P, "src_1"), ok(P, "src_a"), ok(P, "sink_a"), ok(P, "sinka")]).toEqual([false, true, false, true]);
  });

  it("format: regex refuses values too costly to compile", () => {
    const R = compile({ R: { type: "string", format: "regex" } })("R");
    expect([ok(R, "^\\p{L}+$"), ok(R, "["), ok(R, "\\p{L}".repeat(256)), ok(R, "\\p{L}".repeat(257))]).toEqual([true, false, true, false]);
    const before = process.cpuUsage();
    expect(ok(R, "\\p{L}".repeat(200_000))).toBe(false);
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(100);
  });

  it("an unsupported keyword is named with its location and otherwise ignored", () => {
    const set = setOf({ U: { type: "object", properties: { inner: { type: "object", unevaluatedProperties: false } } } });
    const { diagnostics } = emitZodSchemas(set, { policy: "strict" });
    expect(diagnostics).toEqual([
      {
        code: "schema-unsupported",
        severity: "warning",
        message: "`unevaluatedProperties` is not supported; it validates as z.unknown()",
        file: "/spec.json",
        pointer: "/components/schemas/U/properties/inner",
      },
    ]);
  });

  it("survives a 10,000-deep schema that skipped normalization", () => {
    let deep: unknown = { type: "string" };
    for (let i = 0; i < 10_000; i++) deep = { type: "array", items: deep };
    const set: SchemaSet = { schemas: [{ key: "D", typeName: "D", schemaName: "DSchema", schema: deep as JsonSchemaObject, origin: { file: "/f", pointer: "/d" } }] };
    const { diagnostics } = emitZodSchemas(set, { policy: "strict" });
    expect(diagnostics.map((d) => d.code)).toEqual(["nesting-too-deep"]);
  });
});

describe("output", () => {
  it("is readable: one property per line, short calls on one line", () => {
    const { text } = emitZodSchemas(
      setOf({
        Pet: {
          type: "object",
          required: ["name", "kind"],
          properties: {
            id: { type: "integer", minimum: 1 },
            name: { type: "string", minLength: 1 },
            tags: { type: "array", items: { type: "string" } },
            kind: { enum: ["cat", "dog"] },
            owner: { $ref: ref("Owner") },
          },
        },
        Owner: { type: ["string", "null"] },
      }),
      { policy: "strict" },
    );
    expect(text.slice(text.indexOf("class $ {"))).toBe(`class $ {
  static Owner: Owner = $nullable($string);

  static Pet: Pet = $object({
    ...$optional({
      id: $check($number, $gte(1), $isInteger),
    }),
    name: $check($string, $minLength(1)),
    ...$optional({
      tags: $array($string),
    }),
    kind: $literal<"cat" | "dog">("cat", "dog"),
    ...$optional({
      owner: $.Owner,
    }),
  });
}

export const OwnerSchema: z.ZodType<Owner> = $zod<Owner>($.Owner);
export const PetSchema: z.ZodType<Pet> = $zod<Pet>($.Pet);
`);
  });

  it("keeps the spec's property order in parsed output (optional properties stay in place)", () => {
    const get = compile({
      O: { type: "object", required: ["b", "d"], properties: { a: { type: "string" }, b: { type: "string" }, c: { type: "string" }, d: { type: "string" } } },
    });
    expect(Object.keys(get("O").parse({ d: "4", extra: 0, c: "3", b: "2", a: "1" }) as object)).toEqual(["a", "b", "c", "d", "extra"]);
  });

  it("declares a repeated subschema once, and every use validates as before", () => {
    const user = { type: "object", required: ["login"], properties: { login: { type: "string" }, id: { type: "integer" }, site_admin: { type: "boolean" } } };
    const schemas = {
      Issue: { type: "object", properties: { user, assignee: { anyOf: [user, { type: "null" }] } } },
      Comment: { type: "object", required: ["user"], properties: { user, body: { type: "string" } } },
    };
    const { text } = emitZodSchemas(setOf(schemas), { policy: "strict" });
    expect(text.match(/login: \$string/g)).toHaveLength(1);
    expect(text).toContain("static shared1 = $object({");
    expect(text).toContain("user: $.shared1,");
    const get = compile(schemas);
    expect(ok(get("Comment"), { user: { login: "octocat", id: 1 } })).toBe(true);
    expect(ok(get("Comment"), { user: { id: 1 } })).toBe(false);
    expect(ok(get("Issue"), { assignee: null, user: { login: "x", site_admin: "no" } })).toBe(false);
    expect(ok(get("Issue"), { assignee: { login: "x" } })).toBe(true);
  });

  it("exports z.ZodType<T> schemas (safeParse, parse, and Zod's combinators work on them)", () => {
    const get = compile({ Pet: { type: "object", required: ["name"], properties: { name: { type: "string" } } } });
    const pet = get("Pet");
    expect(pet.safeParse({ name: "Rex", age: 3 })).toEqual({ success: true, data: { name: "Rex", age: 3 } });
    expect(pet.safeParse({}).success).toBe(false);
    expect(pet.array().safeParse([{ name: "a" }, { name: "b" }]).success).toBe(true);
    expect(pet.optional().safeParse(undefined).success).toBe(true);
  });

  it("is empty for an empty set (no helper, no class: nothing unused under noUnusedLocals)", () => {
    expect(emitZodSchemas({ schemas: [] }, { policy: "strict" }).text).toBe("\n");
  });

  itShared("is deterministic", () => {
    const set = specSchemaSet("adyen");
    expect(emitZodSchemas(set, { policy: "lenient" }).text).toBe(emitZodSchemas(set, { policy: "lenient" }).text);
  });

  // Speed is measured by bench/generate, not asserted here.
  it("emits GitHub's 433 webhook schemas without a diagnostic", () => {
    const out = emitZodSchemas(specSchemaSet("github"), { policy: "strict" });
    expect(out.exports).toHaveLength(433);
    expect(out.diagnostics).toEqual([]);
  });
});
