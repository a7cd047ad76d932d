/**
 * Offsets → 1-based line and column. Both parsers work in string offsets (UTF-16 code
 * units, after the BOM is stripped); this turns one into what an editor shows.
 *
 * Line starts are computed once per file, on first use, and kept as an Int32Array: for
 * the 13 MB GitHub document that is ~350k lines, ≈ 1.4 MB, instead of a yaml
 * LineCounter (a plain array) or, worse, a retained yaml Document.
 */

export interface Position {
  line: number;
  column: number;
}

export class LineIndex {
  private starts: Int32Array | undefined;

  constructor(private readonly text: string) {}

  /** 1-based line and column of `offset` (clamped into the text). */
  position(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text));
    const at = Math.max(0, Math.min(offset, this.text.length));
    // Binary search for the last line start ≤ at.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo]! + 1 };
  }
}

/**
 * Offsets at which lines begin. A line ends at LF, CRLF or a lone CR, like in YAML and in
 * editors (JSON only knows LF/CR as whitespace, but counting them the same way keeps
 * positions consistent across formats).
 */
function lineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  const out = new Int32Array(count);
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) out[n++] = i + 1;
  }
  return out;
}
