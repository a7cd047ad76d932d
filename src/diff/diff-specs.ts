/**
 * `gen-callbacks diff old new` without the command line: both revisions go through the
 * generation pipeline in memory (nothing is written), and their plans are compared.
 * Diagnostics of both runs come back together; when either revision cannot be generated
 * (an error stands) there is no diff.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { generate, type GenerateOptions, type GenerateResult } from "../generate.js";
import { diffPlans } from "./diff-plans.js";
import type { SpecDiff } from "./types.js";

export type DiffSpecsOptions = Pick<GenerateOptions, "cwd" | "refRoot" | "policy" | "webhookRoutes" | "webhookPath" | "stdin">;

export interface DiffSpecsResult {
  /** Undefined when either revision has an error. */
  diff?: SpecDiff;
  /** The old revision's, then the new one's. */
  diagnostics: Diagnostic[];
}

export function diffSpecs(oldPath: string, newPath: string, options: DiffSpecsOptions = {}): DiffSpecsResult {
  const old = generate({ ...options, spec: oldPath });
  const neu = generate({ ...options, spec: newPath });
  return compareRuns(old, neu, options.policy);
}

/**
 * What changed from the revision at `oldPath` to a run the caller already made (`--check
 * --previous` reuses its own generation). Standard input, if any, belongs to the new run.
 */
export function diffFrom(oldPath: string, neu: GenerateResult, options: DiffSpecsOptions = {}): DiffSpecsResult {
  const { stdin: _stdin, ...rest } = options;
  return compareRuns(generate({ ...rest, spec: oldPath }), neu, options.policy);
}

function compareRuns(old: GenerateResult, neu: GenerateResult, policy: DiffSpecsOptions["policy"]): DiffSpecsResult {
  const diagnostics = [...old.diagnostics, ...neu.diagnostics];
  if (!old.ok || !neu.ok || !old.plan || !neu.plan) return { diagnostics };
  return { diff: diffPlans(old.plan, neu.plan, policy ? { policy } : {}), diagnostics };
}
