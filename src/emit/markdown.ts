/**
 * Markdown for the generated README: escaping spec text for table cells and code spans,
 * and tables aligned the way prettier aligns them (checked by a test), so the file reads
 * well as plain text too.
 */

/** Plain text in a table cell: no HTML, no pipes, no line breaks, no emphasis. */
export function md(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
    .replace(/[\p{Cc}\p{Cf}]/gu, "");
}

/** Text inside a code span: backticks cannot be escaped there, so they are replaced. */
export function code(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/`/g, "'").replace(/\|/g, "\\|").replace(/[\p{Cc}\p{Cf}]/gu, "");
}

/** Columns padded to the widest cell (at least 3, the shortest delimiter row). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(3, displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c + " ".repeat(widths[i]! - displayWidth(c))).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)];
}

/** Terminal-style width: East Asian wide and fullwidth characters count double. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) || (cp >= 0x20000 && cp <= 0x3fffd) || (cp >= 0x1f300 && cp <= 0x1faff) ? 2 : 1;
  }
  return w;
}
