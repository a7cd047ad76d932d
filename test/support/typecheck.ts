/**
 * Type-checking generated output in-process with the TypeScript compiler API, the way a
 * user's `tsc --noEmit --strict` would see it.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const STRICT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: ["node"],
};

export interface TypecheckResult {
  files: number;
  errors: string[];
}

/** All `.ts` files under `dirs`, checked as one program. */
export function typecheckFolders(dirs: readonly string[], options: ts.CompilerOptions = STRICT_OPTIONS): TypecheckResult {
  const roots = dirs.flatMap((d) => listTs(d));
  const program = ts.createProgram(roots, options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const errors = diagnostics.map((d) => {
    const where = d.file ? `${path.relative(process.cwd(), d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  return { files: roots.length, errors };
}

export function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listTs(p));
    else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out.sort();
}
