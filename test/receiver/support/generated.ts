/**
 * Generating a real output folder for the receiver tests: gen-callbacks' `generate()` (once
 * the receiver table emitter exists) written under .tmp/, type-checked with the TypeScript
 * API, and imported (vitest compiles the TypeScript).
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Whether the generator side of the receiver is in the tree yet. */
export const generatorHasReceiver = fs.existsSync(path.join(ROOT, "src/emit/receiver-table.ts"));

export const ALL_ADAPTERS = ["express", "fastify", "fetch", "hono", "next", "node"] as const;

/** Generates `spec` into a fresh folder under .tmp/; the list of files written. */
export async function generateInto(
  spec: string,
  name: string,
  adapters: readonly string[] = ALL_ADAPTERS,
): Promise<{ dir: string; files: string[] }> {
  const { generate } = await import("../../../src/generate.js");
  const result = generate({ spec, cwd: path.dirname(spec), adapters } as Parameters<typeof generate>[0]);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code}: ${d.message}`).join("\n"));
  const dir = path.join(ROOT, ".tmp", `receiver-${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const f of result.files) {
    const file = path.join(dir, f.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, f.content);
  }
  return { dir, files: result.files.map((f) => f.path) };
}

/** Type errors in `files`, under a strict configuration stricter than most projects use. */
export function typeErrors(files: string[], lib: string[]): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: lib.map((l) => `lib.${l.toLowerCase()}.d.ts`),
    types: ["node"],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noPropertyAccessFromIndexSignature: true,
    noImplicitOverride: true,
    noImplicitReturns: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
  };
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : "";
    return where + ts.flattenDiagnosticMessageText(d.messageText, "\n");
  });
}
