/**
 * Imports generated `schemas.ts` modules in a fresh Node process with tripwires set
 * (`process.exit`, `eval`, `alert`, new globals, `Object.prototype` pollution): what a spec
 * string could make happen at import time, checked by running it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { scratchDir } from "../schema/support/modules.js";

export interface ImportOutcome {
  imported: number;
  trips: string[];
  newGlobals: string[];
  polluted: boolean;
  failures: string[];
}

export function importWithTripwires(outputs: { label: string; files: { path: string; content: string }[] }[]): ImportOutcome {
  const scratch = scratchDir("fuzz-import");
  try {
    const modules: string[] = [];
    outputs.forEach((o, i) => {
      const schemas = o.files.find((f) => f.path === "schemas.ts");
      if (!schemas) return;
      const dir = path.join(scratch.dir, `d${i}`);
      fs.mkdirSync(dir);
      const js = ts.transpileModule(schemas.content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      fs.writeFileSync(path.join(dir, "schemas.mjs"), js);
      modules.push(`./d${i}/schemas.mjs`);
    });
    fs.writeFileSync(
      path.join(scratch.dir, "run.mjs"),
      `const trips = [];
await import("zod"); await import("re2js"); // their own globals are not the modules' doing
const before = new Set(Object.getOwnPropertyNames(globalThis));
process.exit = () => { trips.push("process.exit"); throw new Error("tripwire"); };
globalThis.alert = () => trips.push("alert");
globalThis.eval = () => { trips.push("eval"); };
const failures = [];
for (const m of ${JSON.stringify(modules)}) {
  try { await import(m); } catch (e) { failures.push(m + ": " + e.message); }
}
const newGlobals = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k) && k !== "alert");
process.stdout.write(JSON.stringify({ imported: ${modules.length}, trips, newGlobals, polluted: Object.keys(Object.prototype).length > 0, failures }));
`,
    );
    const run = spawnSync(process.execPath, ["run.mjs"], { cwd: scratch.dir, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`the import child failed (${run.status}): ${run.stderr.slice(0, 2000)}`);
    return JSON.parse(run.stdout) as ImportOutcome;
  } finally {
    scratch.cleanup();
  }
}
