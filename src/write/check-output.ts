/**
 * `--check`: compare what the spec produces with what is on disk, write nothing. Stale or
 * missing generated files, missing handler stubs, and leftover generated files the spec no
 * longer produces are each reported (stale ones with a minimal unified diff); the CLI exits 1 when any is found.
 */
import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { checkAll } from "./write-files.js";
import { unifiedDiff } from "./unified-diff.js";
import { generatedFilesIn, removedOnRegeneration } from "./generated-files.js";
import type { PlannedFile } from "./planned-file.js";

export interface CheckResult {
  upToDate: boolean;
  stale: string[];
  missing: string[];
  extra: string[];
}

export function checkOutput(outDir: string, files: readonly PlannedFile[], diags: Diagnostics): CheckResult {
  const root = path.resolve(outDir);
  const result: CheckResult = { upToDate: true, stale: [], missing: [], extra: [] };
  const steps = checkAll(root, files, diags);
  if (!steps) return { ...result, upToDate: false };
  for (const s of steps) {
    
    if (s.existing === undefined) {
      result.missing.push(s.file.path);
      diags.error(
        "output-missing",
        s.file.owner === "user" ? `${s.file.path} is missing: the spec has an event without a handler file` : `${s.file.path} is missing`,
        { file: s.abs },
        "run gen-callbacks without --check to create it",
      );
    } else if ((s.file.owner === "generated" || s.file.base !== undefined) && s.existing !== s.file.content) {
      result.stale.push(s.file.path);
      const what = s.file.owner === "user" ? "needs the update gen-callbacks makes to your file" : "is out of date";
      diags.add({ code: "output-stale", severity: "error", message: `${s.file.path} ${what}`, file: s.abs, detail: unifiedDiff(s.existing, s.file.content), hint: "run gen-callbacks without --check to regenerate it" });
    }
  }
  const planned = new Set(files.map((f) => f.path));
  for (const rel of generatedFilesIn(root)) {
    if (planned.has(rel)) continue;
    result.extra.push(rel);
    diags.error(
      "output-extra",
      `${rel} was generated earlier but the spec no longer produces it`,
      { file: path.join(root, rel) },
      removedOnRegeneration(rel)
        ? "run gen-callbacks without --check: it removes generated files nothing produces any more"
        : "if you no longer want this adapter, delete it; if you do, pass the --adapter list the folder was generated with",
    );
  }
  result.upToDate = result.stale.length + result.missing.length + result.extra.length === 0;
  return result;
}
