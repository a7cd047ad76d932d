import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { parseYaml } from "../../src/load/parse-yaml.js";
import { brief } from "./helpers.js";

function parse(text: string, maxDepth = 256) {
  const d = new Diagnostics();
  const r = parseYaml(text, "/x/spec.yaml", d, maxDepth);
  return { value: r?.value, positions: r?.positions, problems: d.items.map(brief), messages: d.items.map((x) => x.message), hints: d.items.map((x) => x.hint) };
}

describe("parseYaml: JSON-compatible values only (YAML 1.2 core schema)", () => {
  const cases: { given: string; want: unknown }[] = [
    { given: "a: NO\nb: 010\nc: 0x1F\nd: ~\ne: 1.5\nf: '1'", want: { a: "NO", b: 10, c: 31, d: null, e: 1.5, f: "1" } },
    { given: "200: {description: ok}\ntrue: x\nnull: y", want: { "200": { description: "ok" }, true: "x", null: "y" } },
    { given: "%YAML 1.1\n---\na: yes\nb: 010", want: { a: "yes", b: 10 } },
    { given: "a: !!str 12\nb: !!int '7'", want: { a: "12", b: 7 } },
    { given: "", want: null },
  ];
  it.each(cases)("$given", ({ given, want }) => {
    const r = parse(given);
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual(want);
  });
});

describe("parseYaml: every problem of a file, located", () => {
  const cases: { name: string; given: string; want: string[]; message?: RegExp }[] = [
    { name: "duplicate key", given: "a: 1\nb:\n  c: 1\n  c: 2\n", want: ["error yaml-syntax 4:3 /b/c"], message: /duplicate key "c" in this mapping \(first at line 3, column 3\)/ },
    { name: "second document", given: "a: 1\n---\nb: 2\n", want: ["error yaml-syntax 2:1"], message: /second YAML document/ },
    { name: "complex key", given: "a:\n  ? [x, y]\n  : 1\n", want: ["error yaml-syntax 2:5 /a"], message: /mapping keys must be strings/ },
    { name: "alias as key", given: "a: &k x\nb:\n  *k : 1\n", want: ["error yaml-syntax 3:3 /b"], message: /alias cannot be used as a mapping key/ },
    { name: "tags", given: "a: !!binary aGk=\nb: !custom x\nc: !!timestamp 2001-12-14\n", want: ["error yaml-tag 1:4 /a", "error yaml-tag 2:4 /b", "error yaml-tag 3:4 /c"], message: /unsupported tag !!binary/ },
    { name: "non-finite", given: "a: [.inf, -.Inf, .nan]\n", want: ["error non-finite-number 1:5 /a/0", "error non-finite-number 1:11 /a/1", "error non-finite-number 1:18 /a/2"] },
    { name: "unresolved alias", given: "a: *nowhere\n", want: ["error yaml-syntax 1:4 /a"], message: /refers to no anchor/ },
    { name: "circular alias", given: "a: &x [1, *x]\n", want: ["error yaml-syntax 1:11 /a/1"], message: /inside its own anchor/ },
    { name: "merge of a scalar", given: "a: {<<: 1}\n", want: ["error yaml-syntax 1:9 /a/<<"], message: /merge key/ },
    { name: "bad indentation", given: "a:\n  b: 1\n c: 2\n", want: ["error yaml-syntax 3:1"], message: /indent|column|mapping/i },
    { name: "tab indentation", given: "a:\n\tb: 1\n", want: ["error yaml-syntax 2:1"] },
    { name: "several at once", given: "a: !!set {x}\nb: .nan\nc: 1\nc: 2\n", want: ["error non-finite-number 2:4 /b", "error yaml-syntax 4:1 /c", "error yaml-tag 1:4 /a"] },
  ];
  it.each(cases)("$name", ({ given, want, message }) => {
    const r = parse(given);
    expect(r.value).toBeUndefined();
    expect(r.problems).toEqual(want);
    if (message) expect(r.messages.join("\n")).toMatch(message);
    expect(r.hints.every((h) => typeof h === "string" && h.length > 0)).toBe(true);
  });

  it("warns about unsafe integers with the exact value they become, and keeps the document", () => {
    const r = parse("enum: [820982911946154508, 9007199254740991, 0x20000000000001, 1.0e+20]\n");
    expect(r.problems).toEqual(["warning unsafe-integer 1:8 /enum/0", "warning unsafe-integer 1:46 /enum/2"]);
    expect(r.messages[0]).toBe("the integer 820982911946154508 is beyond ±(2^53 − 1) and is read as 820982911946154496");
    expect(r.value).toEqual({ enum: [820982911946154508, 9007199254740991, 9007199254740992, 1e20] });
  });
});

describe("parseYaml: merge keys (merge: true)", () => {
  it("merges implicit and explicit `<<`, explicit keys winning, earlier sources first", () => {
    const r = parse("b1: &b1 {x: 1, y: 1}\nb2: &b2 {y: 2, z: 2}\nm: {<<: [*b1, *b2], x: 0}\nn:\n  !!merge <<: *b2\n");
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual({ b1: { x: 1, y: 1 }, b2: { y: 2, z: 2 }, m: { x: 0, y: 1, z: 2 }, n: { y: 2, z: 2 } });
    // Merged members are located where they are written.
    expect(r.positions!.locate("/m/y")).toEqual({ line: 1, column: 19 });
    expect(r.positions!.locate("/m/z")).toEqual({ line: 2, column: 19 });
    expect(r.positions!.locate("/m/x", true)).toEqual({ line: 3, column: 21 });
  });
});

describe("parseYaml: depth is checked on the CST before composing", () => {
  it("rejects nesting deeper than maxDepth, located at the first container too deep", () => {
    const r = parse("a:\n  b:\n    - [1, {c: 2}]\n", 3);
    expect(r.problems).toEqual(["error nesting-too-deep 3:7 /a/b/0"]);
  });
  it("accepts exactly maxDepth", () => {
    expect(parse("a:\n  b:\n    - [1, {c: 2}]\n", 5).problems).toEqual([]);
  });
  it("caps YAML at 512 levels even when maxDepth allows more (yaml's composer recurses)", () => {
    const r = parse("x: " + "[".repeat(600) + "]".repeat(600), 10_000);
    expect(r.problems).toEqual(["error nesting-too-deep 1:515 /x" + "/0".repeat(511)]);
    expect(r.messages[0]).toMatch(/capped at 512/);
  });
});
