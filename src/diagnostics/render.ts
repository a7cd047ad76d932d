/**
 * Diagnostics as people read them: `file:line:col - severity code: message`, the JSON
 * pointer, the offending line with a caret, and the hint. Spec text inside messages can
 * hold terminal escape sequences; they are made visible, never sent to the terminal raw.
 */
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "./diagnostic.js";
import { visible } from "./escape.js";

export { visible } from "./escape.js";

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


/** Each file's bytes and line starts, read once for all its frames. */
const fileLines = new Map<string, { bytes: Buffer; starts: number[] } | null>();

/**
 * The first 160 characters of line `line` (1-based) of `file`. Only those bytes are
 * decoded: a hostile file can be one 20 MB line, and splitting it into a copy of every
 * line would double what the run holds in memory just to show one.
 */
function sourceLine(file: string, line: number): { text: string; cut: boolean } | undefined {
  let entry = fileLines.get(file);
  if (entry === undefined) {
    try {
      const stat = fs.statSync(file);
      // A frame is a courtesy; do not re-read huge files just for it.
      const bytes = stat.size < 32 * 1024 * 1024 ? fs.readFileSync(file) : undefined;
      entry = bytes ? { bytes, starts: lineStarts(bytes) } : null;
    } catch {
      entry = null;
    }
    fileLines.set(file, entry);
  }
  if (!entry || line < 1 || line > entry.starts.length) return undefined;
  const start = entry.starts[line - 1]!;
  let end = line < entry.starts.length ? entry.starts[line]! : entry.bytes.length;
  while (end > start && (entry.bytes[end - 1] === 0x0a || entry.bytes[end - 1] === 0x0d)) end--;
  // 160 characters take at most 640 bytes; a character cut at the end falls beyond them.
  const text = entry.bytes.subarray(start, Math.min(end, start + 644)).toString("utf8");
  return text.length > 160 ? { text: text.slice(0, 160), cut: true } : { text, cut: false };
}

/** Offsets at which lines begin: after LF, CRLF or a lone CR (as `LineIndex` counts). */
function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x0a || (c === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

function codeFrame(file: string, line: number, column: number): string | undefined {
  const source = sourceLine(file, line);
  if (source === undefined) return undefined;
  const gutter = String(line).length;
  const shown = visible(source.cut ? source.text + "…" : source.text);
  return `  ${line} | ${shown}\n  ${" ".repeat(gutter)} | ${" ".repeat(Math.min(column - 1, 160))}^`;
}
