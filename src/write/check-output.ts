/**
 * `--check`: compare what the spec produces with what is on disk, write nothing. Stale or
 * missing generated files, missing handler stubs, and leftover generated files the spec no
 * longer produces are each reported with a short diff; the CLI exits 1 when any is found.
 */
import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { checkAll } from "./write-files.js";
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
    const shown = path.join(path.relative(process.cwd(), root) || ".", s.file.path);
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
      diags.error("output-stale", `${shown} ${what}:\n${shortDiff(s.existing, s.file.content)}`, { file: s.abs }, "run gen-callbacks without --check to regenerate it");
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


/**
 * The changed region of two texts: common leading and trailing lines trimmed, at most
 * `limit` lines of each side shown, with the line number where the change starts.
 */
export function shortDiff(before: string, after: string, limit = 8): string {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const removed = a.slice(start, endA);
  const added = b.slice(start, endB);
  const clip = (lines: string[], sign: string) => {
    const shown = lines.slice(0, limit).map((l) => `    ${sign} ${l.length > 120 ? l.slice(0, 120) + "…" : l}`);
    if (lines.length > limit) shown.push(`    ${sign} … ${lines.length - limit} more line${lines.length - limit === 1 ? "" : "s"}`);
    return shown;
  };
  return [`    @@ line ${start + 1} @@`, ...clip(removed, "-"), ...clip(added, "+")].join("\n");
}
