/**
 * The one escaping of spec text in diagnostics, for every way they leave: the terminal
 * renderer, `--json` and the programmatic API. A message can quote a key, a `$ref` or a
 * value from the spec; bidi overrides (Trojan Source), zero-width and other format
 * characters, control characters and the line separators U+2028/U+2029 in it could drive a
 * terminal or make a log or a review tool show something else than what is there. They
 * are written as `\u{…}`, so the text stays exact and readable; a line break becomes a
 * space (a diagnostic is one line). The result contains none of these characters, so
 * escaping twice changes nothing.
 */
import type { Diagnostic } from "./diagnostic.js";

export function visible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => (c === "\n" ? " " : `\\u{${c.codePointAt(0)!.toString(16)}}`));
}

/** `d` with its message, pointer and hint escaped (the same object when nothing needed it). */
export function escapeDiagnostic(d: Diagnostic): Diagnostic {
  const message = visible(d.message);
  const pointer = d.pointer === undefined ? undefined : visible(d.pointer);
  const hint = d.hint === undefined ? undefined : visible(d.hint);
  if (message === d.message && pointer === d.pointer && hint === d.hint) return d;
  return { ...d, message, ...(pointer !== undefined ? { pointer } : {}), ...(hint !== undefined ? { hint } : {}) };
}
