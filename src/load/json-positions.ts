/**
 * Pointer → offset for JSON text that is known to be well-formed (it went through
 * `scanJson` and `JSON.parse`). The JSON fast path keeps no positions; this recovers them
 * on demand, the first time a diagnostic needs one.
 *
 * Each container on the way to a pointer is indexed once (its members' key and value
 * offsets, skipping nested values without building them) and cached by its offset, so
 * repeated lookups in the same region cost a Map lookup per segment. Nothing is indexed
 * for parts of the file no diagnostic points into.
 */
import type { Locator } from "./locator.js";

interface ObjectIndex {
  kind: "object";
  /** key → [keyOffset, valueOffset]; the last duplicate wins, as in JSON.parse. */
  members: Map<string, [number, number]>;
}

interface ArrayIndex {
  kind: "array";
  values: number[];
}

export class JsonLocator implements Locator {
  private readonly cache = new Map<number, ObjectIndex | ArrayIndex>();
  private readonly root: number;

  constructor(private readonly text: string) {
    this.root = skipWhitespace(text, 0);
  }

  offsetOf(segments: readonly string[], atKey: boolean): number | undefined {
    let at = this.root;
    let keyAt = at;
    for (const seg of segments) {
      const index = this.indexAt(at);
      if (!index) return undefined;
      if (index.kind === "object") {
        const m = index.members.get(seg);
        if (!m) return undefined;
        [keyAt, at] = m;
      } else {
        if (!/^(0|[1-9][0-9]*)$/.test(seg)) return undefined;
        const v = index.values[Number(seg)];
        if (v === undefined) return undefined;
        keyAt = at = v;
      }
    }
    return atKey ? keyAt : at;
  }

  private indexAt(offset: number): ObjectIndex | ArrayIndex | undefined {
    const cached = this.cache.get(offset);
    if (cached) return cached;
    const c = this.text.charCodeAt(offset);
    let built: ObjectIndex | ArrayIndex;
    if (c === 123) built = this.indexObject(offset);
    else if (c === 91) built = this.indexArray(offset);
    else return undefined;
    this.cache.set(offset, built);
    return built;
  }

  private indexObject(offset: number): ObjectIndex {
    const t = this.text;
    const members = new Map<string, [number, number]>();
    let i = skipWhitespace(t, offset + 1);
    if (t.charCodeAt(i) === 125) return { kind: "object", members };
    for (;;) {
      const keyStart = i;
      const keyEnd = skipString(t, i);
      const key = decodeString(t, keyStart, keyEnd);
      i = skipWhitespace(t, keyEnd);
      i = skipWhitespace(t, i + 1); // ':'
      members.set(key, [keyStart, i]);
      i = skipWhitespace(t, skipValue(t, i));
      if (t.charCodeAt(i) !== 44) break; // '}' (the text is well-formed)
      i = skipWhitespace(t, i + 1);
    }
    return { kind: "object", members };
  }

  private indexArray(offset: number): ArrayIndex {
    const t = this.text;
    const values: number[] = [];
    let i = skipWhitespace(t, offset + 1);
    if (t.charCodeAt(i) === 93) return { kind: "array", values };
    for (;;) {
      values.push(i);
      i = skipWhitespace(t, skipValue(t, i));
      if (t.charCodeAt(i) !== 44) break;
      i = skipWhitespace(t, i + 1);
    }
    return { kind: "array", values };
  }
}

/** The literal source text of the scalar at `offset` (number, string with quotes, true…). */
export function scalarTextAt(text: string, offset: number): string {
  return text.slice(offset, skipValue(text, offset));
}

function skipWhitespace(t: string, i: number): number {
  for (;;) {
    const c = t.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** End offset (past the closing quote) of the string whose opening quote is at `i`. */
function skipString(t: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = t.indexOf('"', j);
    if (q < 0) return t.length;
    // The quote is escaped when preceded by an odd number of backslashes.
    let b = q - 1;
    while (t.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

function decodeString(t: string, start: number, end: number): string {
  const raw = t.slice(start + 1, end - 1);
  return raw.includes("\\") ? (JSON.parse(t.slice(start, end)) as string) : raw;
}

/** End offset of the value starting at `i`; iterative, so depth does not matter. */
function skipValue(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 34) return skipString(t, i);
  if (c !== 123 && c !== 91) {
    let j = i;
    for (;;) {
      const d = t.charCodeAt(j);
      // Scalars end at a delimiter or whitespace (or the end of the text).
      if (Number.isNaN(d) || d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) return j;
      j++;
    }
  }
  let depth = 0;
  let j = i;
  for (;;) {
    const d = t.charCodeAt(j);
    if (Number.isNaN(d)) return j;
    if (d === 34) {
      j = skipString(t, j);
      continue;
    }
    if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
}
