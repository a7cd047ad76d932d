/**
 * Problems found anywhere in the pipeline are data, not exceptions: every stage appends
 * diagnostics to a collector, and the CLI prints them all at once at the end of the run
 * (DESIGN.md §4). Positions are resolved lazily (see `locate.ts`) because finding the
 * line and column of a JSON pointer needs a second, slower parse that we only pay for
 * when there is something to report.
 */
import type { DiagnosticCode } from "./catalogue.js";
import { escapeDiagnostic } from "./escape.js";

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** One sentence saying what is wrong, with the offending value quoted. */
  message: string;
  /** Absolute path of the file the problem is in (display paths are made at report time). */
  file?: string;
  /** RFC 6901 JSON pointer inside `file`, without the leading `#`. */
  pointer?: string;
  /** When true the position is that of the mapping key named by the last pointer segment. */
  atKey?: boolean;
  /** 1-based line and column, when the stage that found the problem knows them. */
  line?: number;
  column?: number;
  /** How to fix it. */
  hint?: string;
  /** A block shown line by line under the message (a diff); each line made visible on its own. */
  detail?: string;
  /** False for a warning about a schema no generated event reaches (shown with --verbose only). */
  reachesOutput?: false;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  error(code: DiagnosticCode, message: string, where: Where = {}, hint?: string): void {
    this.add({ code, severity: "error", message, ...where, ...(hint ? { hint } : {}) });
  }

  warning(code: DiagnosticCode, message: string, where: Where = {}, hint?: string): void {
    this.add({ code, severity: "warning", message, ...where, ...(hint ? { hint } : {}) });
  }

  info(code: DiagnosticCode, message: string, where: Where = {}, hint?: string): void {
    this.add({ code, severity: "info", message, ...where, ...(hint ? { hint } : {}) });
  }

  /** Whether a problem with this code was already reported at `file` + `pointer` (so a later stage need not repeat it). */
  reportedAt(code: DiagnosticCode, file: string, pointer: string): boolean {
    return this.items.some((d) => d.code === code && d.file === file && d.pointer === pointer);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }

  count(severity: Severity): number {
    return this.items.filter((d) => d.severity === severity).length;
  }
}

export interface Where {
  file?: string;
  pointer?: string;
  atKey?: boolean;
  line?: number;
  column?: number;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Stable order for printing and for `--json`: by file, then position, then pointer, then
 * code. Determinism matters here too: CI logs and snapshots compare these lists.
 */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  // Every list that leaves the pipeline passes here: spec text is escaped for all outputs
  // (escape.ts). Not earlier: stages look positions up by the raw pointer.
  return list.map(escapeDiagnostic).sort(
    (a, b) =>
      cmp(a.file ?? "", b.file ?? "") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      cmp(a.pointer ?? "", b.pointer ?? "") ||
      severityRank[a.severity] - severityRank[b.severity] ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
