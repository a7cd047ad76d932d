/**
 * The receiver runtime and the framework adapters are not generated from the spec: they are
 * fixed TypeScript modules (`templates/` in this package, type-checked and tested here),
 * compiled into the package (`gen-callbacks/runtime`, `gen-callbacks/adapters/*`) and, with
 * `runtime: "vendored"`, copied into the output folder instead, so that the generated code
 * depends on nothing but `zod` and the platform (DESIGN.md §2). They contain no spec text.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PlannedFile } from "../write/planned-file.js";
import { tsBanner } from "../write/planned-file.js";
import { stringLiteral } from "./encoders.js";
import { packageAdapterModule, type RuntimeKind } from "./runtime-location.js";

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

/**
 * The adapters asked for, and with a vendored runtime the runtime modules and the adapters
 * those build on. With the packaged runtime each adapter is one line re-exporting the
 * package's, so that the user's imports (`./webhooks/adapters/node.js`) read the same
 * whichever runtime they chose.
 */
export function runtimeFiles(adapters: readonly AdapterName[], specFile: string, runtime: RuntimeKind): PlannedFile[] {
  const banner = tsBanner(specFile);
  if (runtime === "package") {
    return [...adapters].sort().map((a) => ({
      path: `adapters/${a}.ts`,
      owner: "generated" as const,
      content: `${banner}\nexport * from ${stringLiteral(packageAdapterModule(a))};\n`,
    }));
  }
  const wanted = new Set(adapters.flatMap((a) => [a, ...(ADAPTER_DEPENDENCIES[a] ?? [])]));
  const out: PlannedFile[] = [];
  for (const [rel, text] of templates()) {
    const [dir, file] = rel.split("/") as [string, string];
    if (dir === "adapters" && !wanted.has(file.replace(/\.ts$/, "") as AdapterName)) continue;
    out.push({ path: rel, owner: "generated", content: banner + "\n" + text });
  }
  return out;
}
