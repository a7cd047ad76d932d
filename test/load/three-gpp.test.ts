/**
 * Real-world YAML (issue 16), on a multi-file fixture shaped like the 3GPP specs: an entry
 * file whose callback and components refer to shared files (`TS29571_CommonData.yaml`,
 * `TS29122_Flawed.yaml`).
 * - A comment touching a `$ref` value (`'…Uri'#String…`) is read as yaml reads it when not
 *   strict: generation succeeds with one located warning.
 * - A flaw yaml cannot recover (a single-quoted scalar continued at its key's indentation)
 *   in a schema no callback uses: the rest of the file is read; one located warning.
 * - The same flaw in a schema the callback uses: one error, in the flawed file at the flaw,
 *   and a note at each `$ref` that needed it. Nothing is reported twice.
 */
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { FIXTURES } from "./helpers.js";

const DIR = path.join(FIXTURES, "3gpp");
const run = (entry: string) => generate({ spec: path.join(DIR, entry) });
const brief = (d: Diagnostic) => `${d.severity} ${d.code} ${path.relative(DIR, d.file ?? "")}:${d.line}:${d.column}`;
const COMMENT = "warning yaml-syntax TS29571_CommonData.yaml:17:66";

function noRepeats(list: readonly Diagnostic[]): void {
  const keys = list.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
  expect(new Set(keys).size).toBe(keys.length);
}

it("a comment touching a $ref value: generated, one located warning", () => {
  const r = run("entry-comment.yaml");
  expect(r.ok).toBe(true);
  expect(r.diagnostics.map(brief)).toEqual([COMMENT]);
  expect(r.diagnostics[0]!.message).toContain("a comment touches the value before it");
  // The reference was read without the comment, and followed.
  expect(r.files.find((f) => f.path === "types.ts")!.content).toMatch(/notifUri\?: Uri;/);
});

it("an unrecoverable flaw in a schema no callback uses: generated, one located warning at the flaw", () => {
  const r = run("entry-unused-flaw.yaml");
  expect(r.ok).toBe(true);
  expect(r.diagnostics.map(brief)).toEqual(["warning yaml-syntax TS29122_Flawed.yaml:18:77", COMMENT]);
  expect(r.diagnostics[0]!.message).toContain("no callback or webhook uses");
  expect(r.files.find((f) => f.path === "types.ts")!.content).toMatch(/eventType: string/);
  noRepeats(r.diagnostics);
});

it("the flaw in a schema the callback uses: one error at the flaw, a note at each $ref that needed it", () => {
  const r = run("entry-used-flaw.yaml");
  expect(r.ok).toBe(false);
  expect(r.diagnostics.map(brief)).toEqual([
    "error yaml-syntax TS29122_Flawed.yaml:18:77",
    COMMENT,
    "info input-unreadable entry-used-flaw.yaml:27:29",
    "info input-unreadable entry-used-flaw.yaml:39:17",
  ]);
  const [flaw, , ...notes] = r.diagnostics;
  expect(flaw!.message).toContain("missing closing 'quote");
  for (const n of notes) expect(n!.message).toContain("needs a part of TS29122_Flawed.yaml that cannot be parsed (the flaw is at line 18, column 77)");
  noRepeats(r.diagnostics);
});
