/**
 * The programmatic API (`import { generate, check, diff } from "gen-callbacks"`). The CLI is
 * a thin layer over these functions: they never touch argv, stdout or the exit code, and
 * return their problems as diagnostics.
 */
import path from "node:path";
import { Diagnostics, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { generate as plan, type EventSummary, type GenerateOptions as PlanOptions, type GenerateResult } from "./generate.js";
import { typecheckOutput } from "./regenerate/typecheck-output.js";
import { checkOutput } from "./write/check-output.js";
import { diffFrom } from "./diff/diff-specs.js";
import type { SpecDiff } from "./diff/types.js";
import { reportMissingDependencies } from "./write/dependencies.js";
import { previewFiles, writeFiles, type WriteOutcome } from "./write/write-files.js";
import { checkRuntimeInstall } from "./write/runtime-install.js";
import { manifestFile, MANIFEST_PATH, readManifest, recordedFrom, withRecorded, type Mismatch, type RecordedOptions } from "./write/manifest.js";

/**
 * The options of a run into `outDir`: those given, the rest from the folder's
 * gen-callbacks.json (manifest.ts); and the plan, with the manifest among its files.
 */
function planInto(options: GenerateOptions): { result: GenerateResult; outDir: string; recorded: RecordedOptions; mismatches: Mismatch[]; effective: GenerateOptions } {
  const cwd = options.cwd ?? process.cwd();
  const outDir = path.resolve(cwd, options.outDir);
  const given = options.overlays ? { ...options, overlays: options.overlays.map((o) => path.resolve(cwd, o)) } : options;
  const { options: effective, mismatches } = withRecorded(given, readManifest(outDir), outDir);
  const result = plan(effective);
  const recorded = recordedFrom(effective, outDir);
  if (result.ok) result.files.push(manifestFile(result.plan!.specFile, recorded));
  return { result, outDir, recorded, mismatches, effective };
}

export interface GenerateOptions extends PlanOptions {
  /** Output folder (created if missing). */
  outDir: string;
  /** Plan and report what would be written (`files`), write nothing. */
  dryRun?: boolean;
}

export interface GenerateOutcome {
  /** False when an error stands; then nothing was written. */
  ok: boolean;
  events: EventSummary[];
  /** What happened to each file (empty when nothing was written). */
  files: (WriteOutcome & { owner: "generated" | "user" })[];
  /** Handler files whose event left the spec (kept). */
  orphans: string[];
  diagnostics: Diagnostic[];
  /** Every spec file read, for watching. */
  inputs: string[];
  /**
   * Handlers that no longer type-check after this regeneration (`handler-type-error`
   * diagnostics, also in `diagnostics`). Checked only when existing handlers met changed
   * generated code: fresh stubs type-check by construction.
   */
  brokenHandlers: Diagnostic[];
  /** The options the folder was generated with (gen-callbacks.json). */
  recorded: RecordedOptions;
}

/** Generates into `outDir`: writes changed generated files, creates missing stubs, updates handler wiring. */
export function generate(options: GenerateOptions): GenerateOutcome {
  const { result, outDir, recorded } = planInto(options);
  const diags = new Diagnostics();
  if (result.ok) reportMissingDependencies(outDir, result.files, diags);
  const outcomes = !result.ok ? undefined : options.dryRun ? previewFiles(outDir, result.files, diags) : writeFiles(outDir, result.files, diags);
  if (outcomes !== undefined && result.plan) checkRuntimeInstall(outDir, result.plan.runtime, diags, "warning");
  const written = outcomes !== undefined && !diags.hasErrors;
  const brokenHandlers = written && !options.dryRun ? handlersBrokenBy(outDir, outcomes, result) : [];
  const diagnostics = sortDiagnostics([...result.diagnostics, ...diags.items, ...brokenHandlers]);
  return {
    ok: written && result.ok,
    brokenHandlers,
    recorded,
    events: result.events,
    // A removed file is one gen-callbacks generated: nothing plans it any more.
    files: (outcomes ?? []).map((o) => ({ ...o, owner: result.files.find((f) => f.path === o.path)?.owner ?? "generated" })),
    orphans: result.orphans,
    diagnostics,
    inputs: result.inputs,
  };
}

/**
 * After a regeneration that changed generated code next to existing handlers: the handlers
 * that no longer type-check (the rest of the folder is reported by `--check`).
 */
function handlersBrokenBy(outDir: string, outcomes: readonly WriteOutcome[], result: GenerateResult): Diagnostic[] {
  const owner = (p: string) => result.files.find((f) => f.path === p)?.owner ?? "generated";
  const changed = outcomes.some((o) => owner(o.path) === "generated" && o.path !== MANIFEST_PATH && (o.action === "updated" || o.action === "removed"));
  const handlersKept = outcomes.some((o) => owner(o.path) === "user" && o.path !== "handlers/index.ts" && (o.action === "kept" || o.action === "updated"));
  if (!changed || !handlersKept) return [];
  const diags = new Diagnostics();
  typecheckOutput(outDir, [], diags, result.orphans);
  return diags.items.filter((d) => d.code === "handler-type-error");
}

export interface CheckOptions extends GenerateOptions {
  /**
   * The revision of the spec the output was last generated from (a path, like `spec`). When
   * given, the outcome also carries the breaking-change report from it to `spec`.
   */
  previous?: string;
}

export interface CheckOutcome {
  /** True when the input is usable (no error outside the drift codes). */
  ok: boolean;
  /** True when nothing is stale, missing or extra, and the folder type-checks. */
  upToDate: boolean;
  stale: string[];
  missing: string[];
  extra: string[];
  /** Type errors in the folder as it will be after regenerating (handlers included). */
  typeErrors: number;
  events: EventSummary[];
  orphans: string[];
  diagnostics: Diagnostic[];
  /** What changed for the receiver since `previous` (when given and both revisions load). */
  changes?: SpecDiff;
  /** Options this run gives that differ from those the folder was generated with; then nothing was compared. */
  mismatches: Mismatch[];
  /** The options the check ran with (given, else recorded, else defaults). */
  recorded: RecordedOptions;
}

/** Diagnostic codes that mean "regenerate or fix your handlers", not "bad input". */
export const DRIFT_CODES: ReadonlySet<string> = new Set([
  "output-stale",
  "output-missing",
  "output-extra",
  "handler-type-error",
  "output-type-error",
  "options-mismatch",
  "runtime-not-installed",
  "runtime-version-mismatch",
]);

/**
 * `--check`: regenerates in memory, compares with `outDir`, and type-checks the folder as it
 * will be after regenerating. Writes nothing.
 */
export function check(options: CheckOptions): CheckOutcome {
  const { previous, ...given } = options;
  const { result, outDir, recorded, mismatches, effective: generateOptions } = planInto(given);
  const diags = new Diagnostics();
  let drift = { upToDate: false, stale: [] as string[], missing: [] as string[], extra: [] as string[] };
  let typeErrors = 0;
  let runtimeInstalled = false;
  for (const m of mismatches) {
    diags.error(
      "options-mismatch",
      `the folder was generated with ${m.option} ${m.recorded}; this run gives ${m.given}`,
      { file: path.join(outDir, MANIFEST_PATH) },
      `to check the folder as generated, leave ${m.option} out (gen-callbacks.json supplies it); to change it, regenerate with the new value`,
    );
  }
  // Comparing output generated with other options would report their difference as drift.
  if (result.ok && mismatches.length === 0) {
    drift = checkOutput(outDir, result.files, diags);
    runtimeInstalled = result.plan ? checkRuntimeInstall(outDir, result.plan.runtime, diags, "error") : true;
    typeErrors = typecheckOutput(outDir, result.files, diags, result.orphans).errors;
  }
  let changes: SpecDiff | undefined;
  if (previous !== undefined) {
    const report = diffFrom(previous, result, generateOptions);
    // The new run's diagnostics are already listed, and the old revision's warnings were the
    // user's to see back then: only its errors (which stop the report) are added.
    diags.items.push(...report.diagnostics.filter((d) => d.severity === "error" && !result.diagnostics.includes(d)));
    changes = report.diff;
  }
  const diagnostics = sortDiagnostics([...result.diagnostics, ...diags.items]);
  return {
    ok: !diagnostics.some((d) => d.severity === "error" && !DRIFT_CODES.has(d.code)),
    upToDate: result.ok && drift.upToDate && typeErrors === 0 && runtimeInstalled,
    stale: drift.stale,
    missing: drift.missing,
    extra: drift.extra,
    typeErrors,
    events: result.events,
    orphans: result.orphans,
    diagnostics,
    ...(changes ? { changes } : {}),
    mismatches,
    recorded,
  };
}

export { plan };
export type { EventSummary, GenerateResult, PlanOptions };
