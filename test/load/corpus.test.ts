/**
 * Every real document of the shared corpus loads, passes the reference scan (with the
 * default policy for unresolved references) and the structural check with no error.
 * Warnings are allowed — real documents are messy outside their webhooks — and pinned per
 * document by count, so a change in policy shows up here. The 73 MB dereferenced GitHub
 * document is measured by hand (see the load-stage report), not in CI.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { brief, errors, loadAll } from "./helpers.js";
import { CORPUS, describeShared, sharedRows } from "../support/shared.js";

const SKIP = new Set(["github-api-3.0-deref"]);

const specs = sharedRows(
  () =>
    readdirSync(CORPUS)
      .filter((d) => statSync(path.join(CORPUS, d)).isDirectory() && !SKIP.has(d))
      .sort()
      .map((d) => {
        const entry = readdirSync(path.join(CORPUS, d)).find((f) => /\.(ya?ml|json)$/.test(f));
        return { name: d, file: path.join(CORPUS, d, entry!) };
      }),
  { name: "(the shared corpus)", file: "" },
);

/** Warnings each document gets (by code), so policy changes are visible in review. */
const WARNINGS: Record<string, Record<string, number>> = {
  "dropbox-sign-hellosign": { "ref-missing": 537 },
  "okta-management": { "structure-invalid": 1 },
  openai: { "unsafe-integer": 2, "structure-unknown-field": 2, "schema-invalid": 7 },
  "zoom-video-sdk-webhooks": { "structure-missing": 34 },
};

describeShared("real documents (shared/corpus/real)", () => {
  it("finds the corpus", () => {
    expect(specs.length).toBe(27);
  });

  it.each(specs)("$name loads with no error", ({ name, file }) => {
    const r = loadAll(file);
    expect(r.set, r.diagnostics.items.map(brief).join("\n")).toBeDefined();
    expect(errors(r.diagnostics).map(brief)).toEqual([]);
    const counts: Record<string, number> = {};
    for (const d of r.diagnostics.items) counts[d.code] = (counts[d.code] ?? 0) + 1;
    expect(counts).toEqual(WARNINGS[name] ?? {});
  });

  it("loads Lob's 474 referenced files lazily, all inside its folder", () => {
    const r = loadAll(path.join(CORPUS, "lob/lob-api-public.yml"));
    expect(r.set!.files.size).toBeGreaterThan(400);
    for (const f of r.set!.files.keys()) expect(f.startsWith(path.join(CORPUS, "lob") + path.sep)).toBe(true);
  });
});
