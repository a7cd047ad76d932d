/**
 * The hostile inputs of shared/vectors/generator-hazards: each is refused (or, for merge
 * keys and the ref fan-out, loaded) quickly, without a crash, with located diagnostics
 * whose whole text is pinned in file snapshots (paths normalized).
 */
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { brief, errors, FIXTURES, loadAll, render, scratch } from "./helpers.js";
import { describeShared, HAZARDS, sharedRows } from "../support/shared.js";

const cases = sharedRows(
  () =>
    [
      ...readdirSync(path.join(HAZARDS, "yaml"))
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => `yaml/${f}`),
      ...readdirSync(path.join(HAZARDS, "refs/spec")).map((f) => `refs/spec/${f}`),
    ].sort(),
  "(the shared generator-hazards)",
);

/** Fixtures that must load: merge keys (we merge) and the fan-out (named refs stay linear). */
const LOADS = new Set(["yaml/merge-keys.yaml", "refs/spec/ref-fanout-9x9.json"]);

describeShared("generator-hazards fixtures", () => {
  it("covers every fixture of the folders", () => {
    expect(cases).toEqual([
      "refs/spec/circular.yaml",
      "refs/spec/external-refs.yaml",
      "refs/spec/ref-fanout-9x9.json",
      "yaml/alias-bomb-9x8.yaml",
      "yaml/duplicate-keys.yaml",
      "yaml/merge-keys.yaml",
      "yaml/multi-document.yaml",
      "yaml/non-string-keys.yaml",
      "yaml/tags-and-nonjson-scalars.yaml",
    ]);
  });

  it.each(cases)("%s", async (name) => {
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = loadAll(path.join(HAZARDS, name));
    const ms = performance.now() - t0;
    const grown = process.memoryUsage().rss - rssBefore;

    expect(ms).toBeLessThan(1000);
    // Goal G5: < 100 MB. Growth of this process is the measurable proxy (the alias bomb
    // reached 2.1 GB in a peer tool).
    expect(grown).toBeLessThan(100 * 1024 * 1024);
    if (LOADS.has(name)) {
      expect(errors(r.diagnostics)).toEqual([]);
    } else {
      expect(errors(r.diagnostics).length).toBeGreaterThan(0);
      for (const e of errors(r.diagnostics)) {
        expect(e.file, brief(e)).toBeTruthy();
        expect(e.line, brief(e)).toBeGreaterThan(0);
        expect(e.column, brief(e)).toBeGreaterThan(0);
        expect(e.hint, brief(e)).toBeTruthy();
      }
    }
    await expect(render(r.diagnostics.items, { [HAZARDS]: "<hazards>" })).toMatchFileSnapshot(`./__snapshots__/hazards/${name.replace(/\//g, "__")}.txt`);
  });

  it("merges `<<` keys in merge-keys.yaml, implicit and explicit alike", () => {
    const r = loadAll(path.join(HAZARDS, "yaml/merge-keys.yaml"));
    const schemas = (r.set!.entry.value as { components: { schemas: Record<string, unknown> } }).components.schemas;
    const merged = { type: "object", properties: { id: { type: "string" } } };
    expect(schemas["ImplicitMerge"]).toMatchObject(merged);
    expect(schemas["ExplicitMerge"]).toMatchObject(merged);
    expect(Object.keys(schemas["ImplicitMerge"] as object)).not.toContain("<<");
  });

  it("keeps the ref fan-out as references (nothing is inlined while loading)", () => {
    const r = loadAll(path.join(HAZARDS, "refs/spec/ref-fanout-9x9.json"));
    expect(r.refs!.refs).toBe(81);
    expect(JSON.stringify(r.set!.entry.value).length).toBeLessThan(5000);
  });
});

describe("deep nesting: two deep documents in one process (THREATS finding 5)", () => {
  const s = scratch({});
  afterAll(s.cleanup);
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
  const runs = [
    { format: "yaml", n: 1000 },
    { format: "yaml", n: 20000 },
    { format: "json", n: 1000 },
    { format: "json", n: 20000 },
    { format: "yaml", n: 100000 },
  ];
  it.each(runs)("$format n=$n: a located nesting-too-deep error, no crash, < 1 s", ({ format, n }) => {
    const file = path.join(s.dir, `deep-${n}.${format}`);
    writeFileSync(file, format === "yaml" ? `openapi: 3.1.0\nx-deep: ${deep(n)}\n` : `{"openapi": "3.1.0", "x-deep": ${deep(n)}}`);
    const t0 = performance.now();
    const r = loadAll(file);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.set).toBeUndefined();
    const d = r.diagnostics.items;
    expect(d.map((x) => `${x.code} ${x.line}:${x.column}`)).toEqual([format === "yaml" ? "nesting-too-deep 2:264" : "nesting-too-deep 1:287"]);
    expect(d[0]!.pointer).toBe("/x-deep" + "/0".repeat(255));
  });

  it("block-style YAML nesting too", () => {
    const lines = Array.from({ length: 300 }, (_, i) => " ".repeat(i) + "k:").join("\n");
    const file = path.join(s.dir, "deep-block.yaml");
    writeFileSync(file, lines + " 1\n");
    const r = loadAll(file);
    expect(r.diagnostics.items.map(brief)).toEqual([`error nesting-too-deep 257:257 ${"/k".repeat(256)}`]);
  });
});

describe("prototype pollution (THREATS A7)", () => {
  it.each(["proto.yaml", "proto.json"])("loading and checking %s leaves Object.prototype unchanged", async (name) => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const r = loadAll(path.join(FIXTURES, "hostile", name));
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    // The documents were read (and judged) rather than crashing the checks.
    expect(r.diagnostics.items.length).toBeGreaterThan(0);
    await expect(render(r.diagnostics.items, { [FIXTURES]: "<fixtures>" })).toMatchFileSnapshot(`./__snapshots__/hostile/${name}.txt`);
  });
});
