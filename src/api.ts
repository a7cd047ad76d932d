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
import { writeFiles, type WriteOutcome } from "./write/write-files.js";
import { checkRuntimeInstall } from "./write/runtime-install.js";

export interface GenerateOptions extends PlanOptions {
  /** Output folder (created if missing). */
  outDir: string;
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
}

/** Generates into `outDir`: writes changed generated files, creates missing stubs, updates handler wiring. */
export function generate(options: GenerateOptions): GenerateOutcome {
  const result = plan(options);
  const diags = new Diagnostics();
  const outDir = path.resolve(options.cwd ?? process.cwd(), options.outDir);
  const outcomes = result.ok ? writeFiles(outDir, result.files, diags) : undefined;
  if (outcomes !== undefined && result.plan) checkRuntimeInstall(outDir, result.plan.runtime, diags, "warning");
  const diagnostics = sortDiagnostics([...result.diagnostics, ...diags.items]);
  return {
    ok: outcomes !== undefined && !diagnostics.some((d) => d.severity === "error"),
    events: result.events,
    // A removed file is one gen-callbacks generated: nothing plans it any more.
    files: (outcomes ?? []).map((o) => ({ ...o, owner: result.files.find((f) => f.path === o.path)?.owner ?? "generated" })),
    orphans: result.orphans,
    diagnostics,
    inputs: result.inputs,
  };
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
}

/** Diagnostic codes that mean "regenerate or fix your handlers", not "bad input". */
export const DRIFT_CODES: ReadonlySet<string> = new Set([
  "output-stale",
  "output-missing",
  "output-extra",
  "handler-type-error",
  "output-type-error",
  "runtime-not-installed",
  "runtime-version-mismatch",
]);

/**
 * `--check`: regenerates in memory, compares with `outDir`, and type-checks the folder as it
 * will be after regenerating. Writes nothing.
 */
export function check(options: CheckOptions): CheckOutcome {
  const { previous, ...generateOptions } = options;
  const result: GenerateResult = plan(generateOptions);
  const diags = new Diagnostics();
  const outDir = path.resolve(options.cwd ?? process.cwd(), options.outDir);
  let drift = { upToDate: false, stale: [] as string[], missing: [] as string[], extra: [] as string[] };
  let typeErrors = 0;
  let runtimeInstalled = false;
  if (result.ok) {
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
  };
}

export { plan };
export type { EventSummary, GenerateResult, PlanOptions };
