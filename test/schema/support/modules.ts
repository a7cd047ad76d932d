/**
 * Turning emitter output into modules: the import lines the generator's caller adds, an
 * in-process loader for `schemas.ts` (transpiled, with `zod` injected), and a type-check of
 * whole folders of generated `types.ts` + `schemas.ts` with the TypeScript compiler API.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import ts from "typescript";
import * as zod from "zod";
import * as re2js from "re2js";
import type { SchemaSet, ValidationPolicy } from "../../../src/model/schema-set.js";
import { emitSchemaTypes } from "../../../src/emit/schema-types.js";
import { emitZodSchemas, type ZodEmitOptions } from "../../../src/emit/zod.js";
import type { Diagnostic } from "../../../src/diagnostics/diagnostic.js";

export interface GeneratedPair {
  types: string;
  schemas: string;
  diagnostics: Diagnostic[];
  /** Declared type names and schema constants, as the emitters report them. */
  typeExports: string[];
  schemaExports: string[];
}

/** Both files for `set`; `formats` is passed on only when given (to test the default). */
export function generate(set: SchemaSet, policy: ValidationPolicy, formats?: ZodEmitOptions["formats"]): GeneratedPair {
  const types = emitSchemaTypes(set, { policy });
  const zodOut = emitZodSchemas(set, formats ? { policy, formats } : { policy });
  const imports = zodOut.typeImports.length ? `import type { ${zodOut.typeImports.join(", ")} } from "./types.js";\n` : "";
  return {
    types: types.text,
    schemas: `import { z } from "zod";\n${zodOut.moduleImports.map((l) => l + "\n").join("")}${imports}\n${zodOut.text}`,
    diagnostics: [...types.diagnostics, ...zodOut.diagnostics],
    typeExports: types.exports,
    schemaExports: zodOut.exports,
  };
}

export type SchemaModule = Record<string, zod.ZodType>;

/**
 * Evaluates a generated `schemas.ts` in-process (CommonJS transpile). Only `zod`, `re2js` and
 * the helper module generated files import (`gen-callbacks/runtime/schema-builders`, or the
 * vendored `./runtime/schema-builders.js`, evaluated once from templates/) resolve.
 */
export function loadSchemas(source: string): SchemaModule {
  return evaluate(source) as SchemaModule;
}

const BUILDERS = path.resolve(import.meta.dirname, "../../../templates/runtime/schema-builders.ts");
let builders: Record<string, unknown> | undefined;

/** The helper module `loadSchemas` hands to generated files that import it (the same instance). */
export function loadBuilders(): Record<string, unknown> {
  return (builders ??= evaluate(fs.readFileSync(BUILDERS, "utf8")));
}

function evaluate(source: string): Record<string, unknown> {
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string): unknown => {
    if (id === "zod") return zod;
    if (id === "re2js") return re2js;
    if (id === "gen-callbacks/runtime/schema-builders" || id === "./runtime/schema-builders.js")
      return loadBuilders();
    throw new Error(`generated schemas may only import zod, re2js and the schema helpers, not ${id}`);
  };
  new Function("require", "module", "exports", js)(require, module, module.exports);
  return module.exports;
}

/**
 * A scratch folder where `zod` resolves (each package linked to the project's), and
 * `gen-callbacks` too, as in a user's project: `types.ts` imports the packaged runtime's
 * `MultipartBody` type.
 */
export function scratchDir(label: string): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gc-${label}-`));
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  for (const name of fs.readdirSync(path.resolve("node_modules"))) fs.symlinkSync(path.resolve("node_modules", name), path.join(modules, name), "dir");
  fs.symlinkSync(path.resolve("."), path.join(modules, "gen-callbacks"), "dir");
  fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  skipLibCheck: true,
  types: [],
};

/**
 * Writes each pair to `<dir>/<name>/{types,schemas}.ts` and runs `tsc --noEmit` (strict) on
 * all of them in one child process, as a user's CI would. Resolves to the error lines (none
 * when every pair agrees). At most one compiler per CPU runs at a time; callers may start
 * many checks at once.
 */
export async function typeCheck(dir: string, pairs: Record<string, GeneratedPair>): Promise<string[]> {
  const files: string[] = [];
  for (const [name, pair] of Object.entries(pairs)) {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, "types.ts"), pair.types);
    fs.writeFileSync(path.join(dir, name, "schemas.ts"), pair.schemas);
    files.push(`${name}/schemas.ts`);
  }
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: COMPILER_OPTIONS, files }));
  const tsc = path.resolve("node_modules/typescript/lib/tsc.js");
  await slots.acquire();
  try {
    const { status, output } = await new Promise<{ status: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--max-old-space-size=8192", tsc, "-p", dir, "--pretty", "false"]);
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ status: code, output }));
    });
    const lines = output.split("\n").filter((l) => l.trim() !== "");
    if (status !== 0 && lines.length === 0) throw new Error(`tsc exited with ${status} and no output`);
    return lines;
  } finally {
    slots.release();
  }
}

/** A counting semaphore sized to the machine's CPUs. */
const slots = (() => {
  let free = Math.max(1, os.availableParallelism());
  const waiting: (() => void)[] = [];
  return {
    acquire: () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((r) => waiting.push(r))),
    release: () => {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
})();
