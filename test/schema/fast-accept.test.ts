/**
 * The receiver's fast path (templates/runtime/fast-accept.ts) held to Zod: wherever it says
 * "valid", Zod's `safeParse` must succeed with a value deep-equal to the input — on the
 * JSON-Schema-Test-Suite, on schema-guided random instances (valid and mutated) of six real
 * specs' schemas, and on every real GitHub payload of @octokit/webhooks-examples, under every policy and with the
 * relaxed files' gated checks raised to strict. It must also say "valid" for nearly every
 * value Zod accepts, or it would be a slow path with extra steps.
 */
import fc from "fast-check";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fastAccept } from "../../templates/runtime/fast-accept.js";
import type { ValidationPolicy } from "../../src/model/schema-set.js";
import { SPECS, specSchemaSet } from "./support/agreement.js";
import { InstanceGenerator } from "./support/instances.js";
import { generate, loadSchemas, type SchemaModule } from "./support/modules.js";
import { caseSet, loadFormatCases, loadSubset } from "./support/suite.js";
import { ASSERTED_FORMATS } from "../../src/emit/zod-formats.js";
import { itShared } from "../support/shared.js";

/**
 * Deep equality of data: same keys, same values (`Object.is`), prototypes aside — the
 * generated instances include null-prototype objects, which Zod's output does not copy.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Each spec's schema set and generated modules, made once: GitHub's serve two tests. */
const sets = new Map<string, ReturnType<typeof specSchemaSet>>();
const modules = new Map<string, SchemaModule>();
function specSet(name: keyof typeof SPECS): ReturnType<typeof specSchemaSet> {
  let set = sets.get(name);
  if (!set) sets.set(name, (set = specSchemaSet(name)));
  return set;
}
function specModule(name: keyof typeof SPECS, policy: ValidationPolicy): SchemaModule {
  const key = `${name}/${policy}`;
  let module = modules.get(key);
  if (!module) modules.set(key, (module = loadSchemas(generate(specSet(name), policy).schemas)));
  return module;
}

const POLICIES: readonly ValidationPolicy[] = ["strict", "lenient", "tolerant"];

class Tally {
  zodAccepted = 0;
  fastAccepted = 0;
  readonly wrong: string[] = [];

  /** One value against one schema: records whether the fast path agreed, or where it erred. */
  see(label: string, schema: z.ZodType, value: unknown): void {
    let fast: boolean;
    try {
      fast = fastAccept(schema)(value);
    } catch (e) {
      this.wrong.push(`${label}: the fast path threw ${(e as Error).message}`);
      return;
    }
    let result: ReturnType<z.ZodType["safeParse"]> | undefined;
    try {
      result = schema.safeParse(value);
    } catch {
      result = undefined;
    }
    if (result?.success) this.zodAccepted++;
    if (!fast) return;
    this.fastAccepted++;
    if (!result?.success)
      this.wrong.push(`${label}: fast path accepts what Zod rejects: ${JSON.stringify(value)?.slice(0, 300)}`);
    else if (!sameData(result.data, value)) this.wrong.push(`${label}: Zod's output differs from the input`);
  }

  expectSound(minimumShare: number): void {
    expect(this.wrong.slice(0, 10)).toEqual([]);
    expect(this.fastAccepted / Math.max(1, this.zodAccepted)).toBeGreaterThanOrEqual(minimumShare);
  }
}

/** The schemas of one generated file, with each relaxed file also run with its checks raised to strict. */
function underEveryPolicy(
  load: (policy: ValidationPolicy) => SchemaModule,
  visit: (label: string, module: SchemaModule) => void,
): void {
  for (const policy of POLICIES) {
    const module = load(policy);
    visit(policy, module);
    const strictness = (module as unknown as { $strictness?: { policy: string | undefined } }).$strictness;
    if (strictness) {
      strictness.policy = "strict";
      try {
        visit(`${policy}, raised to strict`, module);
      } finally {
        strictness.policy = undefined;
      }
    }
  }
}

describe("the fast path agrees with Zod", () => {
  itShared("on the JSON-Schema-Test-Suite", () => {
    const tally = new Tally();
    const subsets = [
      {
        cases: loadSubset("oas31_dialect_2020_12").cases,
        version: "3.1" as const,
        formats: "annotate" as const,
      },
      {
        cases: loadSubset("oas30_schema_object").cases,
        version: "3.0" as const,
        formats: "annotate" as const,
      },
      {
        cases: loadFormatCases(Object.keys(ASSERTED_FORMATS)),
        version: "3.1" as const,
        formats: "assert" as const,
      },
    ];
    for (const { cases, version, formats } of subsets) {
      for (const c of cases) {
        const set = caseSet(c, version);
        const root = set.schemas.find((s) => s.key === "T")!;
        underEveryPolicy(
          (policy) => loadSchemas(generate(set, policy, formats).schemas),
          (label, module) => {
            for (const [i, t] of c.tests.entries())
              tally.see(`${c.id}/${i} (${label})`, module[root.schemaName]!, t.data);
          },
        );
      }
    }
    console.log(
      `JSON-Schema-Test-Suite: fast path accepts ${tally.fastAccepted} of the ${tally.zodAccepted} values Zod accepts`,
    );
    // The suite is made of edge cases (unicode lengths, big numbers, `__proto__` keys …)
    // that the fast path leaves to Zod more often than real payloads do.
    tally.expectSound(0.8);
  });

  for (const name of Object.keys(SPECS) as (keyof typeof SPECS)[]) {
    // GitHub's spec comes from npm; the others from the shared corpus.
    (name === "github" ? it : itShared)(`on random instances of ${name}'s schemas`, () => {
      const set = specSet(name);
      const gen = new InstanceGenerator(set);
      // Every sixth schema: each spec's shapes at a fraction of the time.
      const members = set.schemas.filter((_, i) => i % 6 === 0);
      const samples = members.map((m) => ({
        m,
        values: fc.sample(gen.for(m.schema), { numRuns: 12, seed: 42 }),
      }));
      const tally = new Tally();
      underEveryPolicy(
        (policy) => specModule(name, policy),
        (label, module) => {
          for (const { m, values } of samples)
            for (const v of values) tally.see(`${m.key} (${label})`, module[m.schemaName]!, v);
        },
      );
      console.log(`${name}: fast path accepts ${tally.fastAccepted} of the ${tally.zodAccepted} instances Zod accepts`);
      tally.expectSound(0.9);
    });
  }

  it("on every GitHub payload of @octokit/webhooks-examples", () => {
    const require = createRequire(import.meta.url);
    const index = require("@octokit/webhooks-examples/api.github.com/index.json") as {
      name: string;
      examples: Record<string, unknown>[];
    }[];
    const set = specSet("github");
    const payloads = index.flatMap((entry) =>
      entry.examples.map((payload) => ({
        event: entry.name,
        action: typeof payload["action"] === "string" ? payload["action"] : undefined,
        payload,
      })),
    );
    expect(payloads.length).toBeGreaterThanOrEqual(327);
    // Each payload against every webhook schema of its event (the receiver tries them likewise).
    const tally = new Tally();
    underEveryPolicy(
      (policy) => specModule("github", policy),
      (label, module) => {
        for (const m of set.schemas) {
          const event = /^webhook-([a-z-]+?)(?:-|$)/.exec(m.key)?.[1]?.replace(/-/g, "_");
          if (!event) continue;
          for (const p of payloads)
            if (p.event === event || p.event.startsWith(event))
              tally.see(`${m.key} ← ${p.event}.${p.action} (${label})`, module[m.schemaName]!, p.payload);
        }
      },
    );
    console.log(
      `GitHub payloads: fast path accepts ${tally.fastAccepted} of the ${tally.zodAccepted} (schema, payload) pairs Zod accepts`,
    );
    tally.expectSound(0.95);
  });

  it("leaves what it does not model to Zod, and never accepts it wrongly", () => {
    const cases: [z.ZodType, unknown, boolean][] = [
      // A default fills in an absent key: the output differs, so Zod answers.
      [z.object({ a: z.string().default("x") }), {}, false],
      [z.object({ a: z.string().default("x") }), { a: "y" }, true],
      // A stripping object drops unknown keys; a strict one refuses them.
      [z.object({ a: z.string() }), { a: "y", b: 1 }, false],
      [z.object({ a: z.string() }), { a: "y" }, true],
      [z.strictObject({ a: z.string() }), { a: "y", b: 1 }, false],
      // A key inherited from Object.prototype is present to Zod, and is not a string.
      [z.looseObject({ toString: z.string().exactOptional() }), {}, false],
      // Transforms and pipes change values.
      [z.string().transform((s) => s.length), "abc", false],
      [z.string().trim(), " a ", false],
      // A check only Zod's code knows runs as written.
      [z.string().refine((s) => s.startsWith("a")), "abc", true],
      [z.string().refine((s) => s.startsWith("a")), "xbc", false],
      // A first union option that keeps values may answer for a later one; one that changes them may not.
      [z.union([z.object({ a: z.string() }), z.looseObject({ b: z.number() })]), { b: 1 }, false],
      [z.union([z.looseObject({ a: z.string() }), z.looseObject({ b: z.number() })]), { b: 1 }, true],
      [
        z.discriminatedUnion("t", [
          z.looseObject({ t: z.literal("a") }),
          z.looseObject({ t: z.literal("b"), n: z.number() }),
        ]),
        { t: "b", n: 1 },
        true,
      ],
      [
        z.discriminatedUnion("t", [
          z.looseObject({ t: z.literal("a") }),
          z.looseObject({ t: z.literal("b"), n: z.number() }),
        ]),
        { t: "b" },
        false,
      ],
      [z.xor([z.string(), z.string().min(2)]), "ab", false],
      // An own __proto__ key is dropped by Zod.
      [z.looseObject({}), JSON.parse('{"__proto__": 1}'), false],
      [z.record(z.string(), z.number()), JSON.parse('{"a": 1, "__proto__": 2}'), false],
      [z.record(z.string(), z.number()), { a: 1 }, true],
      [z.number(), Number.NaN, false],
      [z.number(), Infinity, false],
    ];
    for (const [schema, value, expected] of cases) {
      const fast = fastAccept(schema)(value);
      expect(fast, `${JSON.stringify(value)}`).toBe(expected);
      if (fast) expect(schema.safeParse(value)).toEqual({ success: true, data: value });
    }
  });

  it("compiles no text of the spec: keys and values reach the predicate as data", () => {
    const hostile = `"]); globalThis.pwned = true; (["`;
    const schema = z.looseObject({
      [hostile]: z.literal(hostile),
      "\u2028": z.string(),
    });
    expect(fastAccept(schema)({ [hostile]: hostile, "\u2028": "x" })).toBe(true);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
    expect(fastAccept(schema)({ [hostile]: "other", "\u2028": "x" })).toBe(false);
  });
});
