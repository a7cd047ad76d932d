/** Depth-bounded JSON parsing and `__proto__` stripping (THREATS.md B10, B11). */
import { describe, expect, it } from "vitest";
import { depthExceedsText, mayNestDeeperThan, parseJson, parseJsonBytes } from "../../templates/runtime/json.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("depth scan", () => {
  it.each<[string, number, boolean]>([
    ["[]", 1, false],
    ["[[]]", 1, true],
    ['{"a":[{"b":1}]}', 3, false],
    ['{"a":[{"b":1}]}', 2, true],
    // Brackets inside strings, escaped quotes, escaped backslashes.
    ['["[[[[[[", "\\"[[[[", "\\\\", [1]]', 2, false],
    ['["\\\\"], [[[]]]', 3, false],
    ['["\\\\"], [[[]]]', 2, true],
    // Closing brackets without opening ones do not make room for more.
    ["]]]][[[", 2, true],
    ['"unterminated [[[[', 1, false],
    ["", 0, false],
  ])("%j deeper than %d: %s", (text, limit, want) => {
    expect(depthExceedsText(text, limit)).toBe(want);
  });

  it("skips strings with escaped quotes and backslash runs, non-ASCII ones too", () => {
    expect(depthExceedsText('{"é[":"😀[[[","x":[["ü"]]}', 3)).toBe(false);
    expect(depthExceedsText('{"é[":"😀[[[","x":[["ü"]]}', 2)).toBe(true);
    expect(depthExceedsText('["a\\\\\\"[[[", [[1]]]', 3)).toBe(false);
    expect(depthExceedsText('["a\\\\", [[1]]]', 2)).toBe(true);
  });

  it("bounds the depth of parsed values exactly, whatever the bracket count", () => {
    const nested = (n: number) => "[".repeat(n) + "]".repeat(n);
    expect(parseJson(nested(128), 128)).toMatchObject({ ok: true });
    expect(parseJson(nested(129), 128)).toEqual({ ok: false, reason: "depth" });
    expect(parseJson('{"a":{"b":{}}}', 3)).toMatchObject({ ok: true });
    expect(parseJson('{"a":{"b":{}}}', 2)).toEqual({ ok: false, reason: "depth" });
    // Many brackets side by side are not depth: scanned before the parse, then parsed.
    const wide = `[${Array.from({ length: 5000 }, () => "[]").join(",")}]`;
    expect(parseJsonBytes(utf8(wide), 2)).toMatchObject({ ok: true });
    expect(parseJsonBytes(utf8(wide), 1)).toEqual({ ok: false, reason: "depth" });
  });

  it("counts opening brackets as an upper bound of the depth", () => {
    expect(mayNestDeeperThan('{"a":[1,{"b":[]}]}', 4)).toBe(false);
    expect(mayNestDeeperThan('{"a":[1,{"b":[]}]}', 3)).toBe(true);
    // Inside strings they count too: a bound, not the depth.
    expect(mayNestDeeperThan('"[[["', 2)).toBe(true);
  });

  it("scans a million levels without recursion", () => {
    const deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
    expect(depthExceedsText(deep, 128)).toBe(true);
    expect(parseJson(deep, 128)).toEqual({ ok: false, reason: "depth" });
    expect(parseJsonBytes(utf8(deep), 128)).toEqual({ ok: false, reason: "depth" });
    // Within the cap, the walk after the parse is iterative too.
    const allowed = "[".repeat(100_000) + "]".repeat(100_000);
    expect(parseJsonBytes(utf8(allowed), 1_000_000)).toMatchObject({ ok: true });
  });
});

describe("parseJson", () => {
  it("parses, and reports syntax errors without their text", () => {
    expect(parseJson('{"a":[1,"x"]}', 128)).toEqual({ ok: true, value: { a: [1, "x"] } });
    expect(parseJson('{"a":', 128)).toEqual({ ok: false, reason: "syntax" });
    expect(parseJsonBytes(utf8("[1]"), 128)).toEqual({ ok: true, value: [1] });
    expect(parseJsonBytes(new Uint8Array([0x22, 0xff, 0x22]), 128)).toEqual({ ok: false, reason: "syntax" });
    // A byte-order mark is dropped, as the encoding standard's UTF-8 decode does.
    expect(parseJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x31]), 128)).toEqual({ ok: true, value: 1 });
  });

  it("tells a U+FFFD that was sent from one that replaces bytes that are not UTF-8", () => {
    expect(parseJsonBytes(utf8('"\uFFFD"'), 128)).toEqual({ ok: true, value: "\uFFFD" });
    expect(parseJsonBytes(utf8('["\uFFFD",1]'), 128)).toEqual({ ok: true, value: ["\uFFFD", 1] });
    // A truncated sequence, an overlong encoding, a lone surrogate: each next to a real U+FFFD too.
    for (const bad of [[0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      expect(parseJsonBytes(new Uint8Array([0x22, ...bad, 0x22]), 128)).toEqual({ ok: false, reason: "syntax" });
      expect(parseJsonBytes(new Uint8Array([0x22, 0xef, 0xbf, 0xbd, ...bad, 0x22]), 128)).toEqual({ ok: false, reason: "syntax" });
    }
  });

  it.each([
    ['{"__proto__":{"polluted":1},"a":1}', { a: 1 }],
    ['{"a":{"__proto__":[]},"b":[{"__proto__":1,"c":2}]}', { a: {}, b: [{ c: 2 }] }],
    ['{"\\u005f_proto__":{"polluted":1}}', {}],
    ['{"__pro\\u0074o__":1,"constructor":{"prototype":{"polluted":1}}}', { constructor: { prototype: { polluted: 1 } } }],
  ])("drops __proto__ keys: %s", (text, want) => {
    const r = parseJson(text, 128);
    expect(r).toEqual({ ok: true, value: want });
    const value = (r as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("leaves everything else alone", () => {
    const text = JSON.stringify({ a: [{ b: null }], proto: "__proto", "\\u": "x", __proto: { _proto__: 1 } });
    expect(parseJson(text, 128)).toEqual({ ok: true, value: JSON.parse(text) });
  });
});
