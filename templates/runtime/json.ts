/**
 * JSON text → value, bounded in depth and free of `__proto__` keys.
 *
 * `JSON.parse` itself copes with a million levels, but what runs on its result does not: a
 * recursive Zod schema throws a RangeError near 1,000 levels (≈ 14 kB of JSON, THREATS.md
 * finding 6 / B11), and so would any recursive code in a handler. So the parsed value is
 * walked once, iteratively, before anything else sees it: deeper than the cap is refused,
 * and `__proto__` keys are dropped on the way (B10).
 */

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: "depth" | "syntax" };

/**
 * Whether the text has more opening brackets than `limit` — the only way its nesting can
 * exceed it. `indexOf` on a string counts them at memchr speed, and stops at the limit.
 */
export function mayNestDeeperThan(text: string, limit: number): boolean {
  let opening = 0;
  for (const bracket of ["{", "["]) {
    for (let at = text.indexOf(bracket); at >= 0; at = text.indexOf(bracket, at + 1))
      if (++opening > limit) return true;
  }
  return false;
}

/**
 * Whether arrays and objects in JSON text nest deeper than `limit`; the scan stops as soon
 * as they do. Brackets inside strings do not count; the text need not be valid JSON
 * (`JSON.parse` judges that next). Strings, most of a payload, are skipped with `indexOf`
 * rather than walked character by character.
 */
export function depthExceedsText(text: string, limit: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // To the closing quote: the next one not escaped by an odd run of backslashes.
      for (;;) {
        const quote = text.indexOf('"', i + 1);
        if (quote < 0) return false;
        let b = quote - 1;
        while (text.charCodeAt(b) === 0x5c /* \ */) b--;
        i = quote;
        if ((quote - 1 - b) % 2 === 0) break;
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if ((c === 0x5d /* ] */ || c === 0x7d) /* } */ && depth > 0) {
      // Never below 0: stray closing brackets must not make room for deeper nesting.
      depth--;
    }
  }
  return false;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/**
 * Strict UTF-8 (a leading byte-order mark is dropped); undefined for invalid bytes. Decoded
 * leniently first, which is faster in Node: bytes that are not UTF-8 always decode to some
 * U+FFFD, and without one the text is what the strict decoder gives. Only text with a
 * U+FFFD (sent as such, or a replacement) is decoded again strictly, to tell which it is.
 * (The search costs nothing on ASCII text: V8 knows a one-byte string holds no U+FFFD.)
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  const text = lenientUtf8.decode(bytes);
  if (!text.includes("\uFFFD")) return text;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Nesting is what makes `JSON.parse` slow — about a hundred times its usual cost per byte
 * on `[[[[…`. Text with no more opening brackets than this parses first, however they nest
 * (at worst a few milliseconds), and the walk after the parse measures its depth exactly;
 * only text with more is scanned before the parse.
 */
const PARSE_FIRST_BRACKETS = 2048;

/**
 * JSON text (a body, a form field, a parameter) → value: nested no deeper than `maxDepth`,
 * and without `__proto__` keys.
 */
export function parseJson(text: string, maxDepth: number): JsonResult {
  if (mayNestDeeperThan(text, Math.max(maxDepth, PARSE_FIRST_BRACKETS)) && depthExceedsText(text, maxDepth))
    return { ok: false, reason: "depth" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the input; it is never passed on.
    return { ok: false, reason: "syntax" };
  }
  if (typeof value === "object" && value !== null && !settle(value, maxDepth)) return { ok: false, reason: "depth" };
  return { ok: true, value };
}

/** A UTF-8 JSON body → value; bytes that are not UTF-8 are a syntax error. */
export function parseJsonBytes(bytes: Uint8Array, maxDepth: number): JsonResult {
  const text = decodeUtf8(bytes);
  return text === undefined ? { ok: false, reason: "syntax" } : parseJson(text, maxDepth);
}

/**
 * One iterative walk over a parsed value: false as soon as arrays and objects nest deeper
 * than `maxDepth` (the root is level 1), and every own `__proto__` key deleted on the way.
 * `JSON.parse` makes such keys plain own properties, harmless until some code copies them
 * with assignment or a deep merge — then they replace a prototype. Dropping them (THREATS.md
 * B10 prefers this to rejecting the request: a signed event must not become undeliverable
 * because a customer put such a key in its metadata) also makes every adapter hand handlers
 * the same value. Visiting the values is cheaper than searching the text for every way of
 * spelling the key (escapes included), and exact.
 */
function settle(root: object, maxDepth: number): boolean {
  const stack: object[] = [root];
  const depths: number[] = [1];
  while (stack.length) {
    const v = stack.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) return false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === "object" && item !== null) {
          stack.push(item);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in v) {
      if (key === "__proto__") {
        delete (v as Record<string, unknown>)[key];
        continue;
      }
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) {
        stack.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return true;
}

/** Assigns `obj[key] = value` unless `key` is `__proto__`, which would set the prototype instead. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key !== "__proto__") obj[key] = value;
}
