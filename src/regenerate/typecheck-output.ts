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
import type * as TsMorph from "ts-morph";
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
 */
export function typecheckOutput(outDir: string, planned: readonly PlannedFile[], diags: Diagnostics, orphans: readonly string[] = []): TypecheckSummary {
  const m = require("ts-morph") as typeof TsMorph;
  const ts = m.ts;
  const root = path.resolve(outDir);
  const tsconfig = findTsconfig(root);
  let options: TsMorph.ts.CompilerOptions = {
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
  // Checking only; and tolerate options a newer compiler deprecates (ts-morph may bundle a
  // newer TypeScript than the project uses).
  options = { ...options, noEmit: true, ignoreDeprecations: "6.0" };
  // TypeScript 5 (what projects use today: openapi-typescript pins ^5) includes every
  // node_modules/@types package when `types` is not set; ts-morph's TypeScript 6 includes
  // none. Ask for the TypeScript 5 behaviour so the verdict matches the project's own tsc.
  if (options.types === undefined) options.types = ["*"];
  const project = new m.Project({ compilerOptions: options, skipAddingFilesFromTsConfig: true });
  const files = new Set(listTs(root));
  for (const f of files) project.addSourceFileAtPath(f);
  for (const p of planned) {
    const abs = path.join(root, ...p.path.split("/"));
    if (!p.path.endsWith(".ts")) continue;
    // A user file is replaced only by a planned update (base set) or when it does not exist yet.
    if (p.owner === "user" && p.base === undefined && files.has(abs)) continue;
    project.createSourceFile(abs, p.content, { overwrite: true });
    files.add(abs);
  }
  let errors = 0;
  for (const d of project.getPreEmitDiagnostics()) {
    if (d.getCategory() !== ts.DiagnosticCategory.Error) continue;
    const sf = d.getSourceFile();
    const file = sf?.getFilePath();
    // Only what is in the output folder: the rest of the project is the user's own business.
    if (!file || !path.resolve(file).startsWith(root + path.sep)) continue;
    const pos = sf!.getLineAndColumnAtPos(d.getStart() ?? 0);
    const rel = path.relative(root, file).split(path.sep).join("/");
    if (orphans.includes(rel)) continue;
    const message = ts.flattenDiagnosticMessageText(d.getMessageText() as string | TsMorph.ts.DiagnosticMessageChain, "\n");
    errors++;
    if (rel.startsWith("handlers/")) {
      diags.error("handler-type-error", `${rel}: ${message}`, { file, line: pos.line, column: pos.column }, "the handler no longer fits its contract: update it to the new types (see the generated types.ts)");
    } else {
      diags.error("output-type-error", `${rel}: ${message}`, { file, line: pos.line, column: pos.column }, "generated code must type-check: is `zod` installed, and does your tsconfig target ES2022 modules?");
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
