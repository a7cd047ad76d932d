/**
 * `gen-callbacks.json`, written beside the generated code: the options the folder was
 * generated with. A later run that does not repeat them (a bare `--check` in CI, a
 * regeneration that forgot `--adapter express`) takes them from here instead of falling back
 * to the defaults, and a run that gives different ones is told it is a different generation,
 * not a spec change. Deterministic: sorted lists, paths relative to the folder, no dates.
 */
import fs from "node:fs";
import path from "node:path";
import { ADAPTERS, DEFAULT_ADAPTERS, type AdapterName } from "../emit/runtime-files.js";
import { DEFAULT_RUNTIME, RUNTIME_KINDS, type RuntimeKind } from "../emit/runtime-location.js";
import { ALL_POLICIES, type ValidationPolicy } from "../model/schema-set.js";
import { GENERATED_MARKER, type PlannedFile } from "./planned-file.js";

export const MANIFEST_PATH = "gen-callbacks.json";

/** The options that shape the output, as recorded. */
export interface RecordedOptions {
  adapters: AdapterName[];
  /** Where the output imports the runtime from (`--runtime`). */
  runtime: RuntimeKind;
  policy: ValidationPolicy;
  webhookRoutes: "shared" | "per-event";
  webhookPath: string;
  /** The event selection (`--events`); absent: every event. */
  events?: string[];
  /** Overlay files, POSIX paths relative to the output folder, in the order applied. */
  overlays?: string[];
}

/** The options a run may give, as `GenerateOptions` carries them (absent: not given). */
export interface GivenOptions {
  adapters?: readonly AdapterName[];
  runtime?: RuntimeKind;
  policy?: ValidationPolicy;
  webhookRoutes?: "shared" | "per-event";
  webhookPath?: string;
  events?: readonly string[];
  /** Absolute paths. */
  overlays?: readonly string[];
}

export type RecordedKey = keyof RecordedOptions;

export function recordedFrom(given: GivenOptions, outDir: string): RecordedOptions {
  const r: RecordedOptions = {
    adapters: [...new Set(given.adapters ?? DEFAULT_ADAPTERS)].sort(),
    runtime: given.runtime ?? DEFAULT_RUNTIME,
    policy: given.policy ?? "lenient",
    webhookRoutes: given.webhookRoutes ?? "shared",
    webhookPath: given.webhookPath ?? "/",
  };
  if (given.events?.length) r.events = [...given.events];
  if (given.overlays?.length) r.overlays = given.overlays.map((o) => path.relative(outDir, o).split(path.sep).join("/"));
  return r;
}

export function manifestFile(specFile: string, recorded: RecordedOptions): PlannedFile {
  const doc = { "@generated": `${GENERATED_MARKER} from ${specFile.replace(/[\r\n\u2028\u2029]/g, "_")}: the options this folder was generated with. DO NOT EDIT.`, ...recorded };
  return { path: MANIFEST_PATH, owner: "generated", content: JSON.stringify(doc, null, 2) + "\n" };
}

/** The recorded options of `outDir`, when it has a readable manifest; anything malformed is ignored. */
export function readManifest(outDir: string): RecordedOptions | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(outDir, MANIFEST_PATH), "utf8"));
  } catch {
    return undefined;
  }
  if (raw === null || typeof raw !== "object") return undefined;
  const o = raw as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined);
  const adapters = strings(o.adapters)?.filter((a): a is AdapterName => (ADAPTERS as readonly string[]).includes(a));
  if (!adapters || !(ALL_POLICIES as readonly unknown[]).includes(o.policy)) return undefined;
  if (o.webhookRoutes !== "shared" && o.webhookRoutes !== "per-event") return undefined;
  if (typeof o.webhookPath !== "string") return undefined;
  const runtime = o.runtime ?? DEFAULT_RUNTIME;
  if (!(RUNTIME_KINDS as readonly unknown[]).includes(runtime)) return undefined;
  const r: RecordedOptions = { adapters, runtime: runtime as RuntimeKind, policy: o.policy as ValidationPolicy, webhookRoutes: o.webhookRoutes, webhookPath: o.webhookPath };
  const events = strings(o.events);
  if (events?.length) r.events = events;
  const overlays = strings(o.overlays);
  if (overlays?.length) r.overlays = overlays;
  return r;
}

export interface Mismatch {
  option: RecordedKey;
  /** As recorded (overlays: relative to the output folder, comma-separated). */
  recorded: string;
  given: string;
  /** Overlays only: the files, absolute, for advice that shows them relative to where the user is. */
  recordedPaths?: readonly string[];
  givenPaths?: readonly string[];
}

/**
 * The options of this run: each one given wins; one not given is taken from the record
 * (else its default). `mismatches` lists those given that differ from the record.
 */
export function withRecorded<T extends GivenOptions>(given: T, recorded: RecordedOptions | undefined, outDir: string): { options: T; mismatches: Mismatch[] } {
  if (!recorded) return { options: given, mismatches: [] };
  const options: T = { ...given };
  const mismatches: Mismatch[] = [];
  const asGiven = recordedFrom(given, outDir);
  const show = (k: RecordedKey, v: RecordedOptions[RecordedKey]) => (v === undefined ? (k === "events" ? "(every event)" : "(none)") : Array.isArray(v) ? v.join(",") : String(v));
  for (const k of ["adapters", "runtime", "policy", "webhookRoutes", "webhookPath", "events", "overlays"] as const) {
    if (given[k] === undefined) {
      const v = recorded[k];
      if (v === undefined) continue;
      if (k === "overlays") (options as GivenOptions).overlays = (v as string[]).map((o) => path.resolve(outDir, ...o.split("/")));
      else (options as Record<string, unknown>)[k] = v;
    } else if (show(k, asGiven[k]) !== show(k, recorded[k])) {
      const m: Mismatch = { option: k, recorded: show(k, recorded[k]), given: show(k, asGiven[k]) };
      if (k === "overlays") {
        m.recordedPaths = (recorded.overlays ?? []).map((o) => path.resolve(outDir, ...o.split("/")));
        m.givenPaths = (given.overlays ?? []).map((o) => path.resolve(o));
      }
      mismatches.push(m);
    }
  }
  return { options, mismatches };
}
