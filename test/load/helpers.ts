/**
 * Shared helpers for the load-stage tests: the repository's fixtures (the shared folder's
 * corpus and vectors come from ../support/shared.ts), a one-call "load and check
 * everything" and a stable text rendering of diagnostics for snapshots.
 */
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Diagnostics, sortDiagnostics, type Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { checkRefs, reportUnresolved, type RefScan } from "../../src/load/ref-scan.js";
import { loadDocumentSet, type LoadInput, type LoadOptions } from "../../src/load/load.js";
import { validateStructure } from "../../src/load/structure.js";
import type { DocumentStore } from "../../src/load/document-set.js";

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.join(HERE, "fixtures");

export interface Loaded {
  set: DocumentStore | undefined;
  diagnostics: Diagnostics;
  refs: RefScan | undefined;
}

/** Everything the pipeline runs in the load stage, with the default unresolved-ref policy. */
export function loadAll(input: LoadInput | string, options: Omit<LoadOptions, "diagnostics"> = {}): Loaded {
  const diagnostics = new Diagnostics();
  const set = loadDocumentSet(typeof input === "string" ? { path: input } : input, { ...options, diagnostics });
  let refs: RefScan | undefined;
  if (set) {
    refs = checkRefs(set, diagnostics);
    reportUnresolved(refs.unresolved, diagnostics);
    validateStructure(set, diagnostics);
  }
  return { set, diagnostics, refs };
}

export function errors(d: Diagnostics): Diagnostic[] {
  return d.items.filter((x) => x.severity === "error");
}

/** `code@line:col pointer` for compact table assertions. */
export function brief(d: Diagnostic): string {
  return `${d.severity} ${d.code} ${d.line ?? "?"}:${d.column ?? "?"} ${d.pointer ?? ""}`.trimEnd();
}

/**
 * Whole messages as a reviewer reads them, with machine-specific paths replaced, in the
 * stable order of `sortDiagnostics`.
 */
export function render(items: readonly Diagnostic[], replacements: Record<string, string>): string {
  const norm = (s: string): string => {
    let out = s;
    // Longest first, so a folder does not shadow a file inside it.
    for (const [from, to] of Object.entries(replacements).sort((a, b) => b[0].length - a[0].length)) out = out.split(from).join(to);
    return out;
  };
  return (
    sortDiagnostics(items)
      .map((d) => {
        const where = `${norm(d.file ?? "")}:${d.line ?? "?"}:${d.column ?? "?"}${d.pointer !== undefined ? ` #${d.pointer}` : ""}`;
        return `${d.severity} [${d.code}] ${where}\n  ${norm(d.message)}${d.hint ? `\n  hint: ${norm(d.hint)}` : ""}`;
      })
      .join("\n") + "\n"
  );
}

/** A throw-away folder of files: `{ "spec/a.yaml": "…" }`. Returns its real path. */
export function scratch(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), "gen-callbacks-load-")));
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function inline(text: string, options: Omit<LoadOptions, "diagnostics"> = {}, cwd = FIXTURES): Loaded {
  return loadAll({ stdin: text, cwd }, options);
}
