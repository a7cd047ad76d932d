/**
 * The configuration file: everything the flags set, for one provider or several (one output
 * folder each). Found as `gen-callbacks.config.{json,mjs,ts}` or a `"gen-callbacks"` key in
 * package.json, validated with Zod; mistakes name the key and the allowed values. Paths
 * are relative to the file that declares them.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type TS from "typescript";
import { z } from "zod";
import { Diagnostics } from "../diagnostics/diagnostic.js";
import { DEFAULT_MAX_DEPTH } from "../load/limits.js";
import { parseSource } from "../load/parse.js";
import { ADAPTERS } from "../emit/runtime-files.js";
import { RUNTIME_KINDS } from "../emit/runtime-location.js";
import { closest } from "../load/suggest.js";
import { ALL_POLICIES } from "../model/schema-set.js";

const Provider = z.strictObject({
  /** A label for messages (defaults to the spec's file name). */
  name: z.string().min(1).optional(),
  spec: z.string().min(1),
  out: z.string().min(1),
  policy: z.enum(["strict", "lenient", "tolerant"] satisfies typeof ALL_POLICIES).optional(),
  webhookRoutes: z.enum(["shared", "per-event"]).optional(),
  webhookPath: z
    .string()
    .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, "must be a URL path starting with /")
    .optional(),
  adapters: z.array(z.enum(ADAPTERS)).optional(),
  /** `package` (default) or `vendored`, as `--runtime`. */
  runtime: z.enum(RUNTIME_KINDS).optional(),
  refRoot: z.string().optional(),
  /** For `--check`: the spec revision the output was generated from (breaking-change report). */
  previous: z.string().min(1).optional(),
  /**
   * Routing conditions by event (webhook key, callback name or handler name), where the spec
   * gives nothing to tell events apart by; the format of `x-gen-callbacks-discriminator`.
   */
  discriminators: z.record(z.string(), z.unknown()).optional(),
  /** OpenAPI Overlay 1.0 files applied, in order, to the spec before generation (as `--overlay`). */
  overlays: z.array(z.string().min(1)).min(1).optional(),
  /** Generate only these events (patterns, as `--events`). */
  events: z.array(z.string().min(1)).min(1).optional(),
});

const Config = z.strictObject({ providers: z.array(Provider).min(1) });

export type ProviderConfig = z.infer<typeof Provider> & {
  /** The file `discriminators` were read from, for diagnostics. */
  discriminatorsFile?: string;
};

export interface LoadedConfig {
  file: string;
  providers: ProviderConfig[];
}

export const CONFIG_FILES = ["gen-callbacks.config.json", "gen-callbacks.config.mjs", "gen-callbacks.config.ts"] as const;

/** The config file in `cwd`, if any (package.json counts only with a "gen-callbacks" key). */
export function findConfig(cwd: string): string | undefined {
  for (const name of CONFIG_FILES) {
    const p = path.join(cwd, name);
    if (fs.existsSync(p)) return p;
  }
  const pkg = path.join(cwd, "package.json");
  if (fs.existsSync(pkg)) {
    try {
      const json = JSON.parse(fs.readFileSync(pkg, "utf8")) as Record<string, unknown>;
      if (json !== null && typeof json === "object" && "gen-callbacks" in json) return pkg;
    } catch {
      // A broken package.json is npm's business, not a config of ours.
    }
  }
  return undefined;
}

/** Line and column of a JSON pointer in a JSON configuration (package.json included). */
type Locate = (pointer: string, atKey: boolean) => { line: number; column: number } | undefined;

function jsonLocator(file: string): Locate | undefined {
  if (!file.endsWith(".json")) return undefined;
  const text = fs.readFileSync(file, "utf8");
  const parsed = parseSource(text.replace(/^\uFEFF/, ""), "json", file, new Diagnostics(), DEFAULT_MAX_DEPTH);
  if (!parsed) return undefined;
  const prefix = path.basename(file) === "package.json" ? "/gen-callbacks" : "";
  return (pointer, atKey) => parsed.positions.locate(prefix + pointer, atKey);
}

export async function loadConfig(file: string, diags: Diagnostics): Promise<LoadedConfig | undefined> {
  let raw: unknown;
  try {
    raw = await readRaw(file);
  } catch (e) {
    diags.error("config-invalid", `${path.basename(file)} could not be read: ${(e as Error).message}`, { file }, "check that the file is valid and exports the configuration");
    return undefined;
  }
  // One provider may be written without the `providers` list.
  const shaped = raw !== null && typeof raw === "object" && !Array.isArray(raw) && !("providers" in raw) ? { providers: [raw] } : raw;
  const parsed = Config.safeParse(shaped);
  if (!parsed.success) {
    const single = shaped !== raw;
    const locate = jsonLocator(file);
    for (const issue of parsed.error.issues) diags.error("config-invalid", describeIssue(issue, single), { file, ...where(issue, single, locate) }, hintFor(issue));
    return undefined;
  }
  const dir = path.dirname(file);
  const resolve = (p: string) => path.resolve(dir, p);
  return {
    file,
    providers: parsed.data.providers.map((p) => ({
      ...p,
      spec: resolve(p.spec),
      out: resolve(p.out),
      ...(p.refRoot !== undefined ? { refRoot: resolve(p.refRoot) } : {}),
      ...(p.previous !== undefined ? { previous: resolve(p.previous) } : {}),
      ...(p.overlays !== undefined ? { overlays: p.overlays.map(resolve) } : {}),
      ...(p.discriminators !== undefined ? { discriminatorsFile: file } : {}),
    })),
  };
}

async function readRaw(file: string): Promise<unknown> {
  const base = path.basename(file);
  if (base === "package.json") return (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>)["gen-callbacks"];
  if (file.endsWith(".json")) return JSON.parse(fs.readFileSync(file, "utf8"));
  if (file.endsWith(".mjs")) return defaultExport(await import(pathToFileURL(file).href + `?t=${Date.now()}`));
  // A .ts config: Node 20 cannot import TypeScript, so transpile it next to itself (so its
  // relative imports still resolve), import that, and remove it.
  const ts = createRequire(import.meta.url)("typescript") as typeof TS;
  const js = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  }).outputText;
  const tmp = path.join(path.dirname(file), `.${base}.${process.pid}.mjs`);
  fs.writeFileSync(tmp, js, { mode: 0o600 });
  try {
    return defaultExport(await import(pathToFileURL(tmp).href));
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function defaultExport(mod: Record<string, unknown>): unknown {
  return "default" in mod ? mod.default : mod.config;
}

const PROVIDER_KEYS = Object.keys(Provider.shape);

function describeIssue(issue: z.core.$ZodIssue, single: boolean): string {
  const at = issue.path.length ? issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${String(p)}` : String(p))).join("") : "the configuration";
  const shown = single ? at.replace(/^providers\[0\]\.?/, "") || "the configuration" : at;
  if (issue.code === "unrecognized_keys") {
    const hints = issue.keys.map((k) => {
      const near = closest(k, [...PROVIDER_KEYS, "providers"]);
      return near ? `"${k}" (did you mean "${near}"?)` : `"${k}"`;
    });
    return `${shown}: unknown key${issue.keys.length > 1 ? "s" : ""} ${hints.join(", ")}; allowed: ${PROVIDER_KEYS.join(", ")}`;
  }
  if (issue.code === "invalid_value" && "values" in issue) {
    return `${shown}: must be one of ${(issue.values as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return `${shown}: ${issue.message}`;
}

/** Where the issue is in the file: the unknown key itself, or the value at fault. */
function where(issue: z.core.$ZodIssue, single: boolean, locate: Locate | undefined): { pointer?: string; line?: number; column?: number } {
  const steps = (single ? issue.path.slice(2) : issue.path).map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1"));
  const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const pointer = steps.map((p) => `/${p}`).join("") + (unknownKey !== undefined ? `/${unknownKey.replace(/~/g, "~0").replace(/\//g, "~1")}` : "");
  const pos = locate?.(pointer, unknownKey !== undefined);
  return { pointer, ...(pos ?? {}) };
}

function hintFor(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return "remove the key or fix its spelling";
  return "see the README section \"Configuration\" for every key and its values";
}
