import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { parseJson } from "../../src/load/parse-json.js";
import { brief } from "./helpers.js";

function parse(text: string, maxDepth = 256) {
  const d = new Diagnostics();
  const r = parseJson(text, "/x/spec.json", d, maxDepth);
  return { value: r?.value, problems: d.items.map(brief), messages: d.items.map((x) => x.message), hints: d.items.map((x) => x.hint) };
}

describe("parseJson: syntax errors are located, with a message for people", () => {
  const cases: { given: string; want: { problems: string[]; message: RegExp } }[] = [
    { given: '{"a": 1,}', want: { problems: ["error json-syntax 1:8"], message: /trailing comma/ } },
    { given: '{"a": 1\n "b": 2}', want: { problems: ["error json-syntax 2:2"], message: /unexpected `"`, expected `,` or `}`/ } },
    { given: "{a: 1}", want: { problems: ["error json-syntax 1:2"], message: /property names must be double-quoted/ } },
    { given: "{'a': 1}", want: { problems: ["error json-syntax 1:2"], message: /single-quoted/ } },
    { given: '{"a": 1} // c', want: { problems: ["error json-syntax 1:10"], message: /comments are not allowed/ } },
    { given: '{"a": [1, 2}', want: { problems: ["error json-syntax 1:12"], message: /expected `,` or `]`/ } },
    { given: '{"a": "x\ny"}', want: { problems: ["error json-syntax 1:9"], message: /line break inside a string/ } },
    { given: '{"a": "\\q"}', want: { problems: ["error json-syntax 1:8"], message: /invalid escape `\\q`/ } },
    { given: '{"a": 01}', want: { problems: ["error json-syntax 1:7"], message: /leading zero/ } },
    { given: '{"a": .5}', want: { problems: ["error json-syntax 1:7"], message: /unexpected `.`/ } },
    { given: '{"a": NaN}', want: { problems: ["error json-syntax 1:7"], message: /unexpected `NaN`/ } },
    { given: '{"a": 1', want: { problems: ["error json-syntax 1:8"], message: /unexpected end of input/ } },
    { given: "", want: { problems: ["error json-syntax 1:1"], message: /unexpected end of input, expected a value/ } },
    { given: '{"a": 1} {"b": 2}', want: { problems: ["error json-syntax 1:10"], message: /after the end of the document/ } },
    { given: '\r\n\r\n  {"a": tru}', want: { problems: ["error json-syntax 3:9"], message: /unexpected `tru`/ } },
  ];
  it.each(cases)("$given", ({ given, want }) => {
    const r = parse(given);
    expect(r.value).toBeUndefined();
    expect(r.problems).toEqual(want.problems);
    expect(r.messages[0]).toMatch(want.message);
    expect(r.hints[0]).toBeTruthy();
  });
});

describe("parseJson: the value is what JSON.parse gives", () => {
  const cases: { given: string; want: unknown }[] = [
    { given: '{"a": [1, 2.5e3, -0, true, null, "x\\u00e9"]}', want: { a: [1, 2500, -0, true, null, "xé"] } },
    { given: "  [ ]  ", want: [] },
    { given: '{"__proto__": {"polluted": 1}}', want: JSON.parse('{"__proto__": {"polluted": 1}}') },
  ];
  it.each(cases)("$given", ({ given, want }) => {
    const r = parse(given);
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual(want);
  });
  it("keeps __proto__ as an own key and leaves Object.prototype alone", () => {
    const r = parse('{"__proto__": {"polluted": 1}}');
    expect(Object.keys(r.value as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("parseJson: duplicate keys, numbers and depth", () => {
  it("reports every duplicate key, located at the repeated one, with the first one's position", () => {
    const r = parse('{\n  "a": 1,\n  "b": {"x": 1, "x": 2},\n  "a": 3\n}');
    expect(r.value).toBeUndefined();
    expect(r.problems).toEqual(["error json-syntax 3:17 /b/x", "error json-syntax 4:3 /a"]);
    expect(r.messages[1]).toBe('duplicate key "a" (first at line 2, column 3); JSON.parse would silently keep this last one');
  });

  it("detects duplicates in objects with many keys too", () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`);
    const text = `{${keys.join(", ")}, "k7": 0}`;
    const r = parse(text);
    expect(r.problems).toEqual([`error json-syntax 1:${text.lastIndexOf('"k7"') + 1} /k7`]);
  });

  it("warns about integers beyond 2^53 written as integers, located, and keeps the value", () => {
    const r = parse('{"ids": [820982911946154508, 9007199254740991, 1e20, -9223372036854775808]}');
    expect(r.value).toEqual({ ids: [820982911946154508, 9007199254740991, 1e20, -9223372036854775808] });
    expect(r.problems).toEqual(["warning unsafe-integer 1:10 /ids/0", "warning unsafe-integer 1:54 /ids/3"]);
    expect(r.messages[0]).toBe("the integer 820982911946154508 is beyond ±(2^53 − 1) and is read as 820982911946154496");
  });

  it("rejects numbers that overflow to Infinity", () => {
    const r = parse('{"max": 1e400}');
    expect(r.value).toBeUndefined();
    expect(r.problems).toEqual(["error non-finite-number 1:9 /max"]);
  });

  it.each([
    { given: 4, want: [] },
    { given: 3, want: ["error nesting-too-deep 1:14 /a/0/b"] },
  ])("maxDepth $given on a 4-deep document → $want", ({ given, want }) => {
    expect(parse('{"a": [{"b": [1]}]}', given).problems).toEqual(want);
  });
});
