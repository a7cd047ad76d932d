/**
 * Every real spec of the shared corpus (corpus/real) generates without an error, with the number of
 * events INDEX.md gives, and the whole output type-checks with `--strict`. (The 73 MB
 * dereferenced GitHub document is left to bench/generate.) Warnings are allowed; their
 * counts per spec and code are listed in a file snapshot so that a change shows in review.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate, type GenerateResult } from "../../src/generate.js";
import { writeFiles } from "../../src/write/write-files.js";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { corpusEntries, expectedEvents, type CorpusEntry } from "../support/corpus.js";
import { typecheckFolders } from "../support/typecheck.js";
import { describeShared, sharedRows } from "../support/shared.js";

const OUT = path.resolve(import.meta.dirname, "../../.tmp/corpus");
const entries = sharedRows(corpusEntries, { name: "(the shared corpus)" } as CorpusEntry).filter((e) => e.name !== "github-api-3.0-deref");
const results = new Map<string, GenerateResult>();

describeShared("real specs", () => {
  fs.rmSync(OUT, { recursive: true, force: true });

  it("INDEX.md lists the corpus", () => {
    expect(entries.length).toBe(27);
  });

  it.each(entries.map((e) => [e.name, e] as const))("%s generates without error", (_, entry: CorpusEntry) => {
    const result = generate({ spec: entry.file, cwd: path.dirname(entry.file) });
    results.set(entry.name, result);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.code} ${d.pointer}: ${d.message}`)).toEqual([]);
    expect(result.ok).toBe(true);

    // INDEX.md counts declarations; the same delivery declared under several operations
    // (PeerTube's one search-index callback on three searches) is one event.
    const want = expectedEvents(entry);
    const declarations = (kind: string) => result.events.filter((e) => e.kind === kind).reduce((n, e) => n + 1 + (e.alsoDeclared?.length ?? 0), 0);
    const got = { callbacks: declarations("callback"), webhooks: declarations("webhook") };
    expect(got).toEqual(want);
    expect(result.diagnostics.filter((d) => d.code === "unused-callback")).toHaveLength(entry.unusedComponentCallbacks);
    // Every event is located in its source.
    for (const e of result.events) {
      expect(e.source.pointer.startsWith("#/")).toBe(true);
      expect(e.source.line).toBeGreaterThan(0);
    }
    const written = writeFiles(path.join(OUT, entry.name), result.files, new Diagnostics());
    expect(written).toBeDefined();
  });

  it("the whole output type-checks with --strict", () => {
    const dirs = entries.filter((e) => results.get(e.name)?.ok).map((e) => path.join(OUT, e.name));
    expect(dirs).toHaveLength(entries.length);
    const { files, errors } = typecheckFolders(dirs);
    expect(files).toBeGreaterThan(entries.length * 5);
    expect(errors.slice(0, 20)).toEqual([]);
  });

  it("lists the warnings of each spec", async () => {
    expect(results.size).toBe(entries.length);
    const lines: string[] = [];
    for (const e of entries) {
      const r = results.get(e.name)!;
      const counts = new Map<string, number>();
      for (const d of r.diagnostics) counts.set(`${d.severity} ${d.code}`, (counts.get(`${d.severity} ${d.code}`) ?? 0) + 1);
      const list = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ×${n}`);
      lines.push(`${e.name}: ${r.events.length} events; ${list.length ? list.join(", ") : "no diagnostics"}`);
    }
    await expect(lines.join("\n") + "\n").toMatchFileSnapshot("./__snapshots__/diagnostics-by-spec.txt");
  });
});
