/**
 * The receiver runtime and the framework adapters are not generated from the spec: they are
 * fixed TypeScript modules (`templates/` in this package, type-checked and tested here) that
 * are copied into every output folder, so the generated code depends on nothing but `zod`
 * and the platform (DESIGN.md §2). They contain no spec text.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PlannedFile } from "../write/planned-file.js";
import { tsBanner } from "../write/planned-file.js";

/** Framework adapters, and the stores and queues a receiver can use (`redis`: the Redis dedupe store; `bullmq`: durable receiving on a BullMQ queue). */
export const ADAPTERS = ["node", "express", "fastify", "hono", "next", "fetch", "redis", "bullmq"] as const;
export type AdapterName = (typeof ADAPTERS)[number];
export const DEFAULT_ADAPTERS: readonly AdapterName[] = ["node"];

/** `templates/` next to `src/` (vitest) or `dist/` (the built package). */
const TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "templates");

let cache: Map<string, string> | undefined;

function templates(): Map<string, string> {
  if (cache) return cache;
  cache = new Map();
  for (const dir of ["runtime", "adapters"]) {
    const abs = path.join(TEMPLATES, dir);
    for (const f of fs.readdirSync(abs).sort()) {
      if (f.endsWith(".ts") && !f.endsWith(".test.ts")) cache.set(`${dir}/${f}`, fs.readFileSync(path.join(abs, f), "utf8"));
    }
  }
  return cache;
}

/** Adapters built on another one (Express and Fastify wrap the node:http adapter). */
const ADAPTER_DEPENDENCIES: Partial<Record<AdapterName, AdapterName[]>> = { express: ["node"], fastify: ["node"] };

/** The runtime modules, and the adapters asked for (with the ones they build on). */
export function runtimeFiles(adapters: readonly AdapterName[], specFile: string): PlannedFile[] {
  const banner = tsBanner(specFile);
  const wanted = new Set(adapters.flatMap((a) => [a, ...(ADAPTER_DEPENDENCIES[a] ?? [])]));
  const out: PlannedFile[] = [];
  for (const [rel, text] of templates()) {
    const [dir, file] = rel.split("/") as [string, string];
    if (dir === "adapters" && !wanted.has(file.replace(/\.ts$/, "") as AdapterName)) continue;
    out.push({ path: rel, owner: "generated", content: banner + "\n" + text });
  }
  return out;
}
