/**
 * The generated receiver and test kit of a spec, loaded into this process for `serve` and
 * `send`: the output is generated into a temporary folder, each TypeScript file transpiled
 * to JavaScript beside it (TypeScript's `transpileModule`: no type-checking, one file at a
 * time) and imported.
 *
 * Loading the generated code — rather than building a receiver from the plan in-process —
 * means `serve` answers exactly as the receiver a user deploys would (same routing, same Zod
 * schemas, same verification), and `send` posts exactly what the generated test kit builds:
 * there is no second implementation to drift from the first.
 *
 * The generated files import `zod`, `re2js` and the packaged runtime (`gen-callbacks/runtime`)
 * by name: the temporary folder gets a `node_modules` with links to gen-callbacks' own copies
 * and to this very package, so the runtime that serves is the generator's own version.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { RUNTIME_PACKAGE } from "../emit/runtime-location.js";
import { generate, type GenerateOptions, type GenerateResult } from "../generate.js";

export interface LoadedOutput {
  result: GenerateResult;
  /** The folder holding the generated files; removed by `dispose`. */
  dir: string;
  import<T>(file: string): Promise<T>;
  dispose(): void;
}

/** This package's folder (above `dist/cli/`, or `src/cli/` under the tests). */
const OWN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Packages the generated code imports by name. */
const PACKAGES = ["zod", "re2js"] as const;

/** Generates and loads; undefined (with the diagnostics in `result`) when generation failed. */
export function loadGenerated(options: GenerateOptions): { result: GenerateResult; loaded?: LoadedOutput } {
  const { outDir: _ignored, ...rest } = options;
  const result = generate(rest);
  if (!result.ok) return { result };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gen-callbacks-"));
  try {
    for (const f of result.files) {
      // The handler stubs are the user's to write; serve and send bring their own handlers.
      if (f.owner !== "generated" || !f.path.endsWith(".ts")) continue;
      const js = ts.transpileModule(f.content, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, isolatedModules: true },
        fileName: f.path,
      }).outputText;
      const file = path.join(dir, f.path.replace(/\.ts$/, ".js"));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, js);
    }
    fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
    fs.mkdirSync(path.join(dir, "node_modules"));
    for (const name of PACKAGES) fs.symlinkSync(packageRoot(name), path.join(dir, "node_modules", name), "dir");
    fs.symlinkSync(OWN_ROOT, path.join(dir, "node_modules", RUNTIME_PACKAGE), "dir");
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    result,
    loaded: {
      result,
      dir,
      import: <T>(file: string) => import(pathToFileURL(path.join(dir, file)).href) as Promise<T>,
      dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
    },
  };
}

/** The folder of an installed package, from its entry point (not every package exports `package.json`). */
function packageRoot(name: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === name) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of the package ${name}`);
    dir = up;
  }
}
