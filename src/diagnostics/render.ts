/**
 * Diagnostics as people read them: `file:line:col - severity code: message`, the JSON
 * pointer, the offending line with a caret, and the hint. Spec text inside messages can
 * hold terminal escape sequences; they are made visible, never sent to the terminal raw.
 */
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "./diagnostic.js";

export interface RenderOptions {
  cwd: string;
  /** Include the offending source line. */
  codeFrame?: boolean;
}

export function displayPath(file: string | undefined, cwd: string): string | undefined {
  if (file === undefined) return undefined;
  if (file === "<stdin>") return file;
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}

export function renderDiagnostic(d: Diagnostic, opts: RenderOptions): string {
  const file = displayPath(d.file, opts.cwd);
  const where = file ? `${file}${d.line ? `:${d.line}:${d.column ?? 1}` : ""} - ` : "";
  const lines = [`${where}${d.severity} ${d.code}: ${visible(d.message)}`];
  if (d.pointer !== undefined) lines.push(`  at #${visible(d.pointer)}`);
  if (d.detail !== undefined) lines.push(...d.detail.split("\n").map((l) => `    ${visible(l)}`));
  if (opts.codeFrame !== false && d.file && d.line) {
    const frame = codeFrame(d.file, d.line, d.column ?? 1);
    if (frame) lines.push("", frame);
  }
  if (d.hint) lines.push(`  hint: ${visible(d.hint)}`);
  return lines.join("\n");
}

export function summaryLine(list: readonly Diagnostic[]): string {
  const n = (s: Diagnostic["severity"]) => list.filter((d) => d.severity === s).length;
  const part = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return `${part(n("error"), "error")}, ${part(n("warning"), "warning")}, ${part(n("info"), "note")}`;
}

/** Control and format characters shown as `\u{…}` so a spec cannot drive the terminal. */
export function visible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => (c === "\n" ? " " : `\\u{${c.codePointAt(0)!.toString(16)}}`));
}

const fileLines = new Map<string, string[] | null>();

function codeFrame(file: string, line: number, column: number): string | undefined {
  let lines = fileLines.get(file);
  if (lines === undefined) {
    try {
      const stat = fs.statSync(file);
      // A frame is a courtesy; do not re-read huge files just for it.
      lines = stat.size < 32 * 1024 * 1024 ? fs.readFileSync(file, "utf8").split(/\r\n|\r|\n/) : null;
    } catch {
      lines = null;
    }
    fileLines.set(file, lines);
  }
  const text = lines?.[line - 1];
  if (text === undefined) return undefined;
  const gutter = String(line).length;
  const shown = visible(text.length > 160 ? text.slice(0, 160) + "…" : text);
  return `  ${line} | ${shown}\n  ${" ".repeat(gutter)} | ${" ".repeat(Math.min(column - 1, 160))}^`;
}
