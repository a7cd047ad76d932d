/**
 * The schema builders' acceptors (`$accepts`, composed by the builders as the schemas are
 * built) against Zod itself. The receiver hands a value the acceptor says true for to the
 * handler as it is, so the contract is one-sided and must hold for every value: acceptor
 * true ⇒ `safeParse` succeeds with `data` equal to the value. Measured on every exported
 * schema of the showcase, GitHub's webhooks and (with the shared folder) every real
 * document: the spec's body examples, GitHub's community payloads, schema-guided instances
 * (fast-check, seeded) and deterministic mutations of them all, under each policy and each
 * run-time raise of it (`$strictness`). Also reported: how often the acceptor says true
 * when Zod accepts unchanged (the fast path's hit rate).
 */
import fc from "fast-check";
import { z } from "zod";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { emitZodSchemas } from "../../src/emit/zod.js";
import { generate } from "../../src/generate.js";
import { discriminate } from "../../src/routes/discriminate.js";
import { eventFixtures } from "../../src/testkit/fixtures.js";
import type { GenerationPlan } from "../../src/model/plan.js";
import type { ValidationPolicy } from "../../src/model/schema-set.js";
import { corpusEntries, GITHUB_WEBHOOKS_SPEC } from "../support/corpus.js";
import { itShared, sharedRows } from "../support/shared.js";
import { InstanceGenerator } from "./support/instances.js";
import { loadBuilders, loadSchemas } from "./support/modules.js";

const SHOWCASE = path.resolve(import.meta.dirname, "../../generated-example/provider.yaml");
const SEED = 20261207;

type Policy = "lenient" | "strict" | undefined;
interface Builders {
  $accepts(schema: unknown): ((value: unknown) => boolean) | undefined;
  $strictness: { policy: Policy };
}
const builders = loadBuilders() as unknown as Builders;

interface Tally {
  cases: number;
  /** Zod accepted with `data` equal to the value. */
  unchanged: number;
  /** … and the acceptor said true. */
  hits: number;
  /** The same two counts on the spec's own examples and GitHub's payloads, unmutated. */
  examples: number;
  exampleHits: number;
  unsound: string[];
  schemas: number;
}

const tally = (): Tally => ({ cases: 0, unchanged: 0, hits: 0, examples: 0, exampleHits: 0, unsound: [], schemas: 0 });

function add(into: Tally, t: Tally): void {
  into.cases += t.cases;
  into.unchanged += t.unchanged;
  into.hits += t.hits;
  into.examples += t.examples;
  into.exampleHits += t.exampleHits;
  into.unsound.push(...t.unsound);
  into.schemas += t.schemas;
}

function summary(label: string, t: Tally): string {
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : "n/a");
  return (
    `acceptor vs Zod, ${label}: ${t.schemas} schemas, ${t.cases} cases, ${t.unsound.length} unsound; ` +
    `fast path ${t.hits}/${t.unchanged} (${pct(t.hits, t.unchanged)}%) of values Zod takes unchanged, ` +
    `${t.exampleHits}/${t.examples} (${pct(t.exampleHits, t.examples)}%) on valid examples`
  );
}

/** JSON equality, strict on types, key sets and array lengths; a prototype-free object equals a plain one. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) if (i in a !== i in y || !same(a[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  if (kx.length !== ky.length) return false;
  return kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && same(x[k], y[k]));
}

type Path = (string | number)[];

/**
 * Deterministic near misses of `value`: at containers spread over its depth, a key dropped,
 * set to null, given another type or an unlisted string, emptied; an unknown key, an own
 * `__proto__` added; the whole value replaced. At most `limit`.
 */
function mutations(value: unknown, limit: number): unknown[] {
  const containers: Path[] = [];
  const walk = (v: unknown, p: Path): void => {
    if (v === null || typeof v !== "object" || containers.length >= 400) return;
    containers.push(p);
    if (Array.isArray(v)) v.slice(0, 3).forEach((x, i) => walk(x, [...p, i]));
    else for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...p, k]);
  };
  walk(value, []);
  const out: unknown[] = [null, "text", 42, [], {}];
  const edit = (p: Path, change: (parent: Record<string | number, unknown>) => void): void => {
    const copy = JSON.parse(JSON.stringify(value)) as unknown;
    const parent = p.reduce<unknown>((v, s) => (v as Record<string | number, unknown>)[s], copy) as Record<string | number, unknown>;
    change(parent);
    out.push(copy);
  };
  const other = (v: unknown): unknown =>
    typeof v === "string" ? 42 : typeof v === "number" ? String(v) : typeof v === "boolean" ? "true" : Array.isArray(v) ? {} : v === null ? 0 : [];
  // Spread over the containers, so deep ones are reached in large values too.
  const step = Math.max(1, Math.floor(containers.length / Math.max(1, Math.floor(limit / 8))));
  for (let c = 0; c < containers.length && out.length < limit; c += step) {
    const p = containers[c]!;
    const target = p.reduce<unknown>((v, s) => (v as Record<string | number, unknown>)[s], value) as Record<string | number, unknown>;
    const keys = Object.keys(target);
    const pick = keys[c % Math.max(1, keys.length)];
    if (Array.isArray(target)) {
      edit(p, (t) => (t as unknown as unknown[]).push(null));
      if (keys.length) edit(p, (t) => (t as unknown as unknown[]).splice(0, 1));
    } else {
      edit(p, (t) => (t["zz_unknown"] = "x"));
      // JSON.parse makes `__proto__` an own property, as a receiver's body would have it.
      edit(p, (t) => Object.assign(t, { dummy: 0 }) && Object.defineProperty(t, "__proto__", { value: JSON.parse('{"polluted":1}'), enumerable: true, configurable: true, writable: true }));
    }
    if (pick === undefined) continue;
    const x = target[pick];
    edit(p, (t) => (Array.isArray(t) ? void 0 : delete t[pick]));
    edit(p, (t) => (t[pick] = null));
    edit(p, (t) => (t[pick] = other(x)));
    if (typeof x === "string") edit(p, (t) => (t[pick] = x + "\u2603unlisted"));
    if (typeof x === "number") edit(p, (t) => (t[pick] = x + 0.5));
  }
  return out.slice(0, limit);
}

/**
 * The body examples the document gives, and the test kit's fixtures (the synthesized request:
 * parameters and body), by set key.
 */
function examplesOf(plan: GenerationPlan): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const put = (key: string | undefined, value: unknown): void => {
    if (key === undefined || value === undefined) return;
    out.set(key, [...(out.get(key) ?? []), JSON.parse(JSON.stringify(value)) as unknown]);
  };
  for (const e of plan.events)
    for (const c of e.schemas.body) {
      const media = e.def.requestBody?.content.find((m) => m.mediaType === c.mediaType);
      for (const ex of media?.examples ?? []) put(c.type, ex.value);
    }
  const routing = discriminate(plan.events, plan.schemaSet, new Diagnostics(), { declared: plan.declared });
  const fixtures = eventFixtures(plan.events, plan.schemaSet, new Map([...routing].map(([name, r]) => [name, r.conditions])));
  plan.events.forEach((e, i) => {
    const f = fixtures[i]!;
    put(e.schemas.pathParams, f.request.path);
    put(e.schemas.query, f.request.query);
    put(e.schemas.headers, f.request.headers);
    const body = e.schemas.body.find((c) => c.mediaType === f.request.contentType)?.type;
    put(body, f.request.body);
  });
  return out;
}

const RAISES: Record<ValidationPolicy, Policy[]> = { strict: [undefined], lenient: [undefined, "strict"], tolerant: [undefined, "lenient", "strict"] };

/**
 * Every exported schema of `plan` generated in `policy`, against its instances, its
 * examples and `payloads` (by set key), each with its mutations.
 */
function differential(plan: GenerationPlan, policy: ValidationPolicy, payloads: Map<string, unknown[]>, opts: { instances: number; mutations: number }): Tally {
  const emitted = emitZodSchemas(plan.schemaSet, { policy, builders: "gen-callbacks/runtime/schema-builders" });
  const module = loadSchemas(`import { z } from "zod";\n${emitted.moduleImports.join("\n")}\n${emitted.text}`);
  const t = tally();
  const examples = examplesOf(plan);
  const gen = new InstanceGenerator(plan.schemaSet);
  for (const member of plan.schemaSet.schemas) {
    const schema = module[member.schemaName];
    if (!schema) continue;
    const accepts = builders.$accepts(schema);
    expect(accepts, `${member.schemaName} has an acceptor`).toBeTypeOf("function");
    t.schemas++;
    const given = [...(examples.get(member.key) ?? []), ...(payloads.get(member.key) ?? [])];
    const generated = opts.instances ? fc.sample(gen.for(member.schema), { numRuns: opts.instances, seed: SEED }) : [];
    const cases: { value: unknown; example: boolean }[] = [
      ...given.map((value) => ({ value, example: true })),
      ...[...given, ...generated.slice(0, 1)].flatMap((v) => mutations(v, opts.mutations).map((value) => ({ value, example: false }))),
      ...generated.map((value) => ({ value: JSON.parse(JSON.stringify(value ?? null)) as unknown, example: false })),
    ];
    for (const raise of RAISES[policy]) {
      builders.$strictness.policy = raise;
      try {
        for (const { value, example } of cases) {
          t.cases++;
          const said = accepts!(value);
          let ok = false;
          try {
            const r = schema.safeParse(value);
            ok = r.success && same(r.data, value);
          } catch {
            ok = false;
          }
          if (ok) {
            t.unchanged++;
            if (said) t.hits++;
            if (example && raise === undefined) {
              t.examples++;
              if (said) t.exampleHits++;
            }
          }
          if (said && !ok && t.unsound.length < 20) t.unsound.push(`${member.schemaName} (${policy}, raised to ${raise ?? "-"}): ${JSON.stringify(value).slice(0, 300)}`);
        }
      } finally {
        builders.$strictness.policy = undefined;
      }
    }
  }
  return t;
}

function planOf(spec: string): GenerationPlan {
  const r = generate({ spec, adapters: [] });
  expect(r.plan, `${spec} plans`).toBeDefined();
  return r.plan!;
}

/** GitHub's community payloads, by the set key of the body schema of the webhook they are for. */
function githubPayloads(plan: GenerationPlan): Map<string, unknown[]> {
  const groups = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: { action?: string }[] }[];
  const byKey = new Map(plan.events.map((e) => [e.def.key, e.schemas.body.find((c) => c.type)?.type]));
  const out = new Map<string, unknown[]>();
  for (const g of groups)
    for (const p of g.examples) {
      const key = byKey.get(`${g.name}${p.action ? "-" + p.action : ""}`.replace(/_/g, "-")) ?? byKey.get(g.name.replace(/_/g, "-"));
      if (!key) continue;
      out.set(key, [...(out.get(key) ?? []), p]);
    }
  return out;
}

describe("the schema builders' acceptors never vouch for a value Zod would reject or change", () => {
  it("on the showcase, in every policy", () => {
    const plan = planOf(SHOWCASE);
    const t = tally();
    for (const policy of ["strict", "lenient", "tolerant"] as const) add(t, differential(plan, policy, new Map(), { instances: 40, mutations: 60 }));
    console.log(summary("showcase", t));
    expect(t.unsound).toEqual([]);
    expect(t.examples).toBeGreaterThan(0);
    expect(t.exampleHits).toBe(t.examples);
  });

  it("on GitHub's webhooks and its community payloads, in every policy", () => {
    const plan = planOf(GITHUB_WEBHOOKS_SPEC);
    const payloads = githubPayloads(plan);
    expect([...payloads.values()].flat().length).toBeGreaterThan(300);
    const t = tally();
    for (const policy of ["strict", "lenient", "tolerant"] as const) add(t, differential(plan, policy, payloads, { instances: 2, mutations: 16 }));
    console.log(summary("GitHub", t));
    expect(t.unsound).toEqual([]);
    // Every payload Zod takes unchanged takes the fast path.
    expect(t.exampleHits).toBe(t.examples);
    expect(t.examples).toBeGreaterThan(500);
  }, 600_000);

  const rows = sharedRows(() => corpusEntries().map((e) => ({ name: e.name, file: e.file })), { name: "(shared corpus)", file: "" });
  itShared.each(rows)("on the real document $name", ({ name, file }) => {
    const plan = planOf(file);
    const t = differential(plan, plan.policy, new Map(), { instances: 3, mutations: 12 });
    console.log(summary(name, t));
    expect(t.unsound).toEqual([]);
  }, 600_000);
});

describe("acceptors of hand-built schemas: the constructs and values the generated ones rarely show", () => {
  const b = loadBuilders() as unknown as Builders & Record<string, (...args: never[]) => unknown> & Record<string, unknown>;
  const call = (name: string, ...args: unknown[]) => (b[name] as (...a: unknown[]) => unknown)(...args);
  /** Each value against the schema: never vouched for unless Zod takes it unchanged; `expected` the acceptor's answers. */
  const verdicts = (schema: unknown, values: unknown[]): boolean[] => {
    const accepts = b.$accepts(schema)!;
    return values.map((v) => {
      const said = accepts(v);
      const r = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(v);
      if (said) expect(r.success && same(r.data, v), JSON.stringify(v)).toBe(true);
      return said;
    });
  };
  const json = (text: string): unknown => JSON.parse(text);

  it("objects: own keys only, no own __proto__, plain or prototype-free, optional keys absent", () => {
    const s = call("$object", { a: b.$string, ...(call("$optional", { o: b.$integer }) as object) });
    const bare = Object.assign(Object.create(null), { a: "x" });
    expect(verdicts(s, [{ a: "x" }, { a: "x", o: 1 }, { a: "x", o: 1.5 }, { a: "x", z: [1] }, json('{"a":"x","__proto__":{}}'), bare, Object.create({ a: "x" }), new Date(), { a: "x", o: undefined }, [], null])).toEqual([
      true, true, false, true, false, true, false, false, false, false, false,
    ]);
  });

  it("keys Object.prototype has: Zod finds them there, the acceptor never vouches for their absence", () => {
    const s = call("$object", { ...(call("$optional", { constructor: b.$unknown, toString: b.$string }) as object) });
    expect(verdicts(s, [{}, { constructor: 1, toString: "x" }, json('{"constructor":1}')])).toEqual([false, true, false]);
    const raw = call("$raw", call("$object", { ...(call("$optional", { constructor: b.$unknown }) as object) }));
    expect(verdicts(raw, [{}, { constructor: 1 }, json('{"__proto__":1}')])).toEqual([true, true, false]);
  });

  it("arrays: dense and plain only; records and catchalls check every other key", () => {
    const arr = call("$array", b.$number, call("$min", 1));
    expect(verdicts(arr, [[1, 2], [], [1, "2"], [1, , 2], [Infinity], new (class extends Array {})()])).toEqual([true, false, false, false, false, false]);
    const rec = call("$record", b.$boolean);
    expect(verdicts(rec, [{}, { a: true }, { a: 1 }, json('{"__proto__":true}')])).toEqual([true, true, false, false]);
    const cat = call("$catchall", { id: b.$integer }, b.$string);
    expect(verdicts(cat, [{ id: 1 }, { id: 1, x: "y" }, { id: 1, x: 2 }, { x: "y" }])).toEqual([true, true, false, false]);
  });

  it("unions trust a later option only on JSON data after exact options; xor needs exactly one", () => {
    const lazyFirst: unknown = call("$lazy", () => b.$string);
    const u = call("$union", lazyFirst, call("$object", { a: b.$number }));
    // The lazy option is not exact: a later option's true is not trusted.
    expect(verdicts(u, ["s", { a: 1 }, 1])).toEqual([true, false, false]);
    const v = call("$union", b.$string, call("$object", { a: b.$number }));
    expect(verdicts(v, ["s", { a: 1 }, { a: 1, d: new Date() }])).toEqual([true, true, false]);
    const x = call("$xor", call("$object", { a: b.$number }), call("$object", { b: b.$number }));
    expect(verdicts(x, [{ a: 1 }, { b: 1 }, { a: 1, b: 1 }, {}])).toEqual([true, true, false, false]);
    const d = call("$discriminated", "t", call("$object", { t: call("$literal", "a"), n: b.$number }), call("$object", { t: call("$literal", "b") }));
    expect(verdicts(d, [{ t: "a", n: 1 }, { t: "b" }, { t: "a" }, { t: "c" }, []])).toEqual([true, true, false, false, false]);
  });

  it("recursive schemas resolve their acceptor on first use", () => {
    const holder: { node?: unknown } = {};
    holder.node = call("$object", { v: b.$integer, ...(call("$optional", { next: call("$lazy", () => holder.node) }) as object) });
    expect(verdicts(holder.node, [{ v: 1 }, { v: 1, next: { v: 2, next: { v: 3 } } }, { v: 1, next: { v: "2" } }])).toEqual([true, true, false]);
  });

  it("rules run as Zod runs them, gated ones under the policy current at the call", () => {
    const open = call("$openString", ["a", "b"]);
    const one = call("$oneOf", call("$object", { a: b.$number }), call("$object", { b: b.$number }));
    const values = ["a", "z"];
    try {
      expect(verdicts(open, values)).toEqual([true, true]);
      expect(verdicts(one, [{ a: 1, b: 2 }])).toEqual([true]);
      b.$strictness.policy = "strict";
      expect(verdicts(open, values)).toEqual([true, false]);
      expect(verdicts(one, [{ a: 1, b: 2 }, { a: 1 }])).toEqual([false, true]);
    } finally {
      b.$strictness.policy = undefined;
    }
    const checked = call("$check", b.$string, call("$minLength", 2), call("$pattern", { source: "^a", test: (t: string) => t.startsWith("a") }), call("$format", "date"));
    expect(verdicts(checked, ["ab", "a", "b2", "2024-02-30"])).toEqual([false, false, false, false]);
    expect(verdicts(call("$check", b.$string, call("$format", "date")), ["2024-02-29", "2023-02-29"])).toEqual([true, false]);
  });

  it("intersections: merged objects, records, nullables and Zod's own", () => {
    const and = call("$and", call("$object", { a: b.$string }), call("$object", { b: b.$number }));
    expect(verdicts(and, [{ a: "x", b: 1 }, { a: "x" }])).toEqual([true, false]);
    const withRecord = call("$and", call("$record", b.$unknown), call("$object", { a: b.$string }));
    expect(verdicts(withRecord, [{ a: "x", z: 1 }, { z: 1 }])).toEqual([true, false]);
    const zods = call("$and", call("$union", b.$string, b.$number), call("$union", b.$number, b.$boolean));
    expect(verdicts(zods, [1, "x", true])).toEqual([true, false, false]);
  });

  it("what no builder made, and what a builder cannot model, goes to Zod", () => {
    expect(b.$accepts({})).toBeUndefined();
    const tuple = call("$tuple", [b.$string], []);
    expect(b.$accepts(tuple)).toBeUndefined();
    const withTuple = call("$object", { t: tuple });
    expect(verdicts(withTuple, [{ t: ["x"] }])).toEqual([false]);
    const overwritten = call("$check", b.$string, (z as unknown as { overwrite(f: (s: string) => string): unknown }).overwrite((s) => s.trim()));
    expect(verdicts(overwritten, [" x "])).toEqual([false]);
  });

  it("says nothing while Object.prototype is polluted", () => {
    const s = call("$object", { a: b.$string });
    const accepts = b.$accepts(s)!;
    expect(accepts({ a: "x" })).toBe(true);
    (Object.prototype as Record<string, unknown>)["polluted"] = 1;
    try {
      expect(accepts({ a: "x" })).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>)["polluted"];
    }
  });
});
