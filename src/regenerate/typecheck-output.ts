/**
 * `--check`'s second half: type-check the output folder in-process, as it WILL be once
 * regenerated — planned files overlaid in memory on what is on disk — so one command gives
 * the CI verdict: a handler that no longer fits the contract the spec now implies is
 * reported at its line, before anyone regenerates. Compiler options come from the nearest
 * tsconfig.json above the folder (the user's project settings), else strict defaults.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as Ts from "typescript";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { PlannedFile } from "../write/planned-file.js";

const require = createRequire(import.meta.url);

export interface TypecheckSummary {
  files: number;
  errors: number;
  /** The tsconfig.json whose options were used, if any. */
  tsconfig?: string;
}

/**
 * `orphans`: handler files whose event left the spec. They cannot compile any more (their
 * handler type is gone) and are already reported as orphaned, so their errors are not
 * repeated here.
 *
 * One plain TypeScript program — the compiler `tsc` is, with the planned files served from
 * memory by the compiler host — so the check costs what the user's own `tsc` costs on the
 * folder, not more (`npm run bench:check`).
 */
export function typecheckOutput(outDir: string, planned: readonly PlannedFile[], diags: Diagnostics, orphans: readonly string[] = []): TypecheckSummary {
  // Loaded here, not at the top: the CLI answers --help and usage errors without it.
  const ts = require("typescript") as typeof Ts;
  const root = path.resolve(outDir);
  const tsconfig = findTsconfig(root);
  let options: Ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
  };
  if (tsconfig) {
    const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (parsed) options = parsed.options;
  }
  options = { ...options, noEmit: true };
  const files = new Set(listTs(root));
  // The folder as it will be after regenerating: planned content overlaid on the disk's.
  const overlay = new Map<string, string>();
  for (const p of planned) {
    const abs = path.join(root, ...p.path.split("/"));
    if (!p.path.endsWith(".ts")) continue;
    // A user file is replaced only by a planned update (base set) or when it does not exist yet.
    if (p.owner === "user" && p.base === undefined && files.has(abs)) continue;
    overlay.set(abs, p.content);
    files.add(abs);
  }
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => overlay.has(path.resolve(f)) || fileExists.call(host, f);
  host.readFile = (f) => overlay.get(path.resolve(f)) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, onError, shouldCreate) => {
    const text = overlay.get(path.resolve(f));
    return text !== undefined ? ts.createSourceFile(f, text, language, true) : getSourceFile.call(host, f, language, onError, shouldCreate);
  };
  const program = ts.createProgram({ rootNames: [...files].sort(), options, host });
  let errors = 0;
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.category !== ts.DiagnosticCategory.Error || !d.file) continue;
    const file = path.resolve(d.file.fileName);
    // Only what is in the output folder: the rest of the project is the user's own business.
    if (!file.startsWith(root + path.sep)) continue;
    const pos = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const rel = path.relative(root, file).split(path.sep).join("/");
    if (orphans.includes(rel)) continue;
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const where = { file, line: pos.line + 1, column: pos.character + 1 };
    errors++;
    if (rel.startsWith("handlers/")) {
      diags.error("handler-type-error", `${rel}: ${message}`, where, "the handler no longer fits its contract: update it to the new types (see the generated types.ts)");
    } else {
      diags.error("output-type-error", `${rel}: ${message}`, where, "generated code must type-check: is `zod` installed, and does your tsconfig target ES2022 modules?");
    }
  }
  return { files: files.size, errors, ...(tsconfig ? { tsconfig } : {}) };
}

function findTsconfig(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "tsconfig.json");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name === "node_modules") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listTs(p));
    else if (e.isFile() && e.name.endsWith(".ts")) out.push(p);
  }
  return out.sort();
}
