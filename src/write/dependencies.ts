/**
 * What the generated code needs installed, and whether the project says it has it: every
 * package the planned files import (zod always; re2js for patterns; @types/node for the node
 * adapter and `node:` modules; express, fastify, hono, ioredis for their adapters), checked
 * against the nearest package.json above the output folder. A fresh project with only `zod`
 * and `typescript` fails `tsc` on the node adapter with "Cannot find module 'node:http'": the
 * generator says so first, with the command that fixes it.
 */
import fs from "node:fs";
import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { ADAPTERS, runtimeFiles, type AdapterName } from "../emit/runtime-files.js";
import type { PlannedFile } from "./planned-file.js";

/** The packages the files import (type-only imports included: `tsc` needs them too), sorted. */
export function requiredPackages(files: readonly PlannedFile[]): string[] {
  const found = new Set<string>();
  for (const f of files) {
    if (!f.path.endsWith(".ts")) continue;
    for (const m of f.content.matchAll(/^\s*(?:import|export)\b[^'"\n]*?\bfrom\s+"([^"]+)"|^\s*import\s+"([^"]+)"/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith(".") || spec.startsWith("@/")) continue;
      if (spec.startsWith("node:")) found.add("@types/node");
      else found.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
      // A packaged adapter's declarations import what the adapter itself imports (its
      // framework's types, node:http): the project needs those too.
      const adapter = /^gen-callbacks\/adapters\/([a-z0-9-]+)$/.exec(spec)?.[1];
      if (adapter && (ADAPTERS as readonly string[]).includes(adapter)) {
        const own = runtimeFiles([adapter as AdapterName], "", "vendored").filter((a) => a.path.startsWith("adapters/"));
        for (const p of requiredPackages(own)) found.add(p);
      }
    }
  }
  return [...found].sort();
}

/** Types-only packages go to devDependencies. */
const DEV = new Set(["@types/node"]);

/**
 * Warns about each package the output imports that the nearest package.json above `outDir`
 * does not list. Nothing is said without a package.json: then it cannot be told.
 */
export function reportMissingDependencies(outDir: string, files: readonly PlannedFile[], diags: Diagnostics): void {
  const pkgFile = nearestPackageJson(outDir);
  if (!pkgFile) return;
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as Record<string, unknown>;
  } catch {
    return;
  }
  const listed = new Set(["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"].flatMap((k) => Object.keys((pkg[k] as Record<string, string> | undefined) ?? {})));
  // Inside gen-callbacks' own checkout the packages are its own dependencies.
  if (pkg.name === "gen-callbacks") return;
  const missing = requiredPackages(files).filter((p) => !listed.has(p));
  const runtime = missing.filter((p) => !DEV.has(p));
  const dev = missing.filter((p) => DEV.has(p));
  for (const p of missing) {
    diags.warning(
      "dependency-missing",
      `the generated code imports ${p}, which ${path.basename(pkgFile)} does not list${p === "@types/node" ? " (the node adapter and the runtime's node: imports need its types)" : ""}`,
      { file: pkgFile },
      [runtime.length ? `npm install ${runtime.join(" ")}` : "", dev.length ? `npm install -D ${dev.join(" ")}` : ""].filter(Boolean).join(" and "),
    );
  }
}

function nearestPackageJson(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "package.json");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
