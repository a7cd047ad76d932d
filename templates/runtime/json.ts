/**
 * JSON text → value, bounded in depth and free of `__proto__` keys.
 *
 * `JSON.parse` itself copes with a million levels, but what runs on its result does not: a
 * recursive Zod schema throws a RangeError near 1,000 levels (≈ 14 kB of JSON, THREATS.md
 * finding 6 / B11), and so would any recursive code in a handler. So the depth is checked
 * first, by an iterative scan of the text that cannot itself overflow.
 */

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: "depth" | "syntax" };

/**
 * Whether arrays and objects in UTF-8 JSON nest deeper than `limit`; the scan stops as soon
 * as they do. Brackets inside strings do not count; the bytes need not be valid JSON
 * (`JSON.parse` judges that next). Scanning bytes is safe because no byte of a multi-byte
 * UTF-8 sequence is ASCII, and three times faster than scanning the decoded string.
 */
export function depthExceedsBytes(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === 0x22 /* " */) {
      for (i++; i < n; i++) {
        const d = bytes[i];
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
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

/**
 * Whether the text has more opening brackets than `limit` — the only way its nesting can
 * exceed it. `indexOf` on a string counts them at memchr speed: for the usual payload (a few
 * dozen objects) the scans below are skipped.
 */
export function mayNestDeeperThan(text: string, limit: number): boolean {
  let opening = 0;
  for (const bracket of ["{", "["]) {
    for (let at = text.indexOf(bracket); at >= 0; at = text.indexOf(bracket, at + 1))
      if (++opening > limit) return true;
  }
  return false;
}

/** The same scan over a string (JSON in a form field or a parameter). */
export function depthExceedsText(text: string, limit: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
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

function parseChecked(text: string): JsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the input; it is never passed on.
    return { ok: false, reason: "syntax" };
  }
  // Only text that spells the key, directly or with a \u escape of one of its letters, can
  // produce one. (`includes` first: it finds neither in most payloads faster than the regex.)
  if (text.includes("__proto__") || (text.includes("\\u00") && MAY_SPELL_PROTO.test(text))) stripProtoKeys(value);
  return { ok: true, value };
}

/** `__proto__`, or `\u005f`, `\u0070`… (an escaped `_`, `p`, `r`, `o` or `t`). */
const MAY_SPELL_PROTO = /__proto__|\\u00[567]/;

/** JSON text (a form field, a parameter) → value. */
export function parseJson(text: string, maxDepth: number): JsonResult {
  if (mayNestDeeperThan(text, maxDepth) && depthExceedsText(text, maxDepth)) return { ok: false, reason: "depth" };
  return parseChecked(text);
}

/**
 * Anything in a leniently decoded body that needs a closer look: a U+FFFD (invalid bytes, or
 * sent as such) or text that may spell `__proto__`. One scan instead of three; most bodies
 * have none of them.
 */
const SUSPECT = /\uFFFD|__proto__|\\u00[567]/;

/** A UTF-8 JSON body → value; bytes that are not UTF-8 are a syntax error. */
export function parseJsonBytes(bytes: Uint8Array, maxDepth: number): JsonResult {
  const plain = lenientUtf8.decode(bytes);
  if (!SUSPECT.test(plain)) {
    if (mayNestDeeperThan(plain, maxDepth) && depthExceedsBytes(bytes, maxDepth)) return { ok: false, reason: "depth" };
    try {
      return { ok: true, value: JSON.parse(plain) as unknown };
    } catch {
      return { ok: false, reason: "syntax" };
    }
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) return { ok: false, reason: "syntax" };
  if (mayNestDeeperThan(text, maxDepth) && depthExceedsBytes(bytes, maxDepth)) return { ok: false, reason: "depth" };
  return parseChecked(text);
}

/**
 * Deletes own `__proto__` properties everywhere in a parsed value. `JSON.parse` makes them
 * plain own properties, which is harmless until some code copies them with assignment or a
 * deep merge — then they replace a prototype. Dropping them (THREATS.md B10 prefers this to
 * rejecting the request: a signed event must not become undeliverable because a customer put
 * such a key in its metadata) also makes every adapter hand handlers the same value. The
 * walk is iterative; the depth was bounded before parsing anyway.
 */
export function stripProtoKeys(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === "object" && item !== null) stack.push(item);
      continue;
    }
    if (Object.hasOwn(v, "__proto__")) delete (v as Record<string, unknown>)["__proto__"];
    for (const key in v) {
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) stack.push(item);
    }
  }
}

/** Assigns `obj[key] = value` unless `key` is `__proto__`, which would set the prototype instead. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key !== "__proto__") obj[key] = value;
}
