/**
 * Differential tests on GitHub's webhooks spec (THREATS.md P3, goal G10).
 *
 * 1. For schema-guided random instances, the generated strict-policy Zod schema accepts
 *    exactly what Ajv 2020-12 accepts. Both sides see the same normalized schemas and the
 *    same format policy: with `formats: "assert"`, the formats gen-callbacks asserts are
 *    checked by ajv-formats on Ajv's side; every other format is an annotation on both.
 * 2. On the 327 community example payloads (`@octokit/webhooks-examples`), the tolerant
 *    policy (required advisory, open enums, first-match `oneOf`) reproduces THREATS.md
 *    finding 8: it accepts 319; the other 8 are genuine type drift. (Strict accepts Ajv's
 *    215; measured once, not repeated here since test 1 already pins strict to Ajv.)
 */
import fc from "fast-check";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ASSERTED_FORMATS } from "../../src/emit/zod-formats.js";
import { schemaRef } from "../../src/model/schema-set.js";
import { specSchemaSet } from "./support/agreement.js";
import { generate, loadSchemas } from "./support/modules.js";
import { InstanceGenerator } from "./support/instances.js";

const set = specSchemaSet("github");

function ajvFor() {
  const ajv = new Ajv2020({ strict: false, validateFormats: true, allErrors: false });
  const viaAjvFormats = Object.keys(ASSERTED_FORMATS).filter((f) => !["int32", "int64"].includes(f));
  (addFormats as unknown as (a: Ajv2020, o: object) => void)(ajv, { mode: "full", formats: viaAjvFormats, keywords: false });
  // ajv-formats' int64 is a safe-integer check; OpenAPI's int64 is "any integer" (B12).
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  for (const m of set.schemas) {
    const visit = (v: unknown): void => {
      if (v === null || typeof v !== "object") return;
      const f = (v as Record<string, unknown>).format;
      if (typeof f === "string" && !(f in ASSERTED_FORMATS) && !ajv.formats[f]) ajv.addFormat(f, true);
      for (const x of Object.values(v)) visit(x);
    };
    visit(m.schema);
  }
  ajv.addSchema({ $id: "https://gen-callbacks.test/set", components: { schemas: Object.fromEntries(set.schemas.map((m) => [m.key, m.schema])) } });
  return ajv;
}

describe("strict Zod agrees with Ajv 2020-12", () => {
  it("on random instances of the GitHub webhook payload schemas", () => {
    const ajv = ajvFor();
    const zod = loadSchemas(generate(set, "strict", "assert").schemas);
    const gen = new InstanceGenerator(set);
    // Every fifth webhook payload: ~50 events spread over the whole spec.
    const roots = set.schemas.filter((m) => m.key.startsWith("webhook-")).filter((_, i) => i % 5 === 0);
    expect(roots.length).toBeGreaterThan(45);
    let accepted = 0;
    let rejected = 0;
    for (const m of roots) {
      const validate = ajv.getSchema("https://gen-callbacks.test/set" + schemaRef(m.key))!;
      const schema = zod[m.schemaName]!;
      fc.assert(
        fc.property(gen.for(m.schema), (value) => {
          const expected = validate(value) as boolean;
          const got = schema.safeParse(value).success;
          if (got) accepted++;
          else rejected++;
          return got === expected;
        }),
        { numRuns: 30, seed: 20261121 },
      );
    }
    console.log(`ajv differential: ${accepted} accepted, ${rejected} rejected, all agree`);
    // Guard against a vacuous run: both verdicts must occur in numbers.
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });
});

describe("acceptance of GitHub's example payloads (G10)", () => {
  const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: { action?: string }[] }[];
  const byKey = new Map(set.schemas.map((m) => [m.key, m]));
  // `${name}-${action}` with `_` → `-` names the spec's webhook (THREATS.md finding 8).
  const payloads = examples.flatMap((e) =>
    e.examples.flatMap((p) => {
      const member = byKey.get(`webhook-${e.name}${p.action ? "-" + p.action : ""}`.replace(/_/g, "-"));
      return member ? [{ member, p }] : [];
    }),
  );

  it("tolerant accepts 319 of 327", () => {
    expect(payloads).toHaveLength(327);
    const zod = loadSchemas(generate(set, "tolerant").schemas);
    const accepted = payloads.filter(({ member, p }) => zod[member.schemaName]!.safeParse(p).success).length;
    expect(accepted).toBe(319);
  });
});
