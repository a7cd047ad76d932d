import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  commentLines,
  docComment,
  identifier,
  jsonLiteral,
  lineCommentText,
  propertyKey,
  stringLiteral,
} from "../../src/emit/encoders.js";
import { hostileStrings, itShared, sharedRows } from "../support/shared.js";

/** The shared vectors' hostile strings; without the folder, one stand-in for the skipped tables. */
const hostile: string[] = sharedRows(() => hostileStrings().strings.map((s) => s.value), "(hostile-strings.json, in the shared folder)");

/** Parses `code` as a module; returns its syntax diagnostics and top-level statements. */
function parse(code: string) {
  const sf = ts.createSourceFile("x.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return { sf, diags, statements: sf.statements };
}

/** The value of the single string literal in `const x = <literal>;`. */
function literalValue(code: string): string {
  const { sf, diags } = parse(code);
  expect(diags).toEqual([]);
  const decl = (sf.statements[0] as ts.VariableStatement).declarationList.declarations[0]!;
  return (decl.initializer as ts.StringLiteral).text;
}

describe("stringLiteral", () => {
  itShared.each(hostile.map((h) => [JSON.stringify(h), h]))("round-trips hostile string %s", (_, value) => {
    const code = `const x = ${stringLiteral(value)};`;
    expect(literalValue(code)).toBe(value);
    expect(parse(code).statements).toHaveLength(1);
  });

  it("escapes what JSON.stringify leaves raw: line separators, bidi controls, zero-width, BOM", () => {
    for (const ch of ["\u2028", "\u2029", "\u202e", "\u2066", "\u200b", "\ufeff", "\u0085"]) {
      const lit = stringLiteral(`a${ch}b`);
      expect(lit).not.toContain(ch);
      expect(lit).toMatch(/\\u[0-9a-f]{4}/);
    }
  });

  it("round-trips any string, lone surrogates included (THREATS P2)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const code = `const x = ${stringLiteral(s)};`;
        return literalValue(code) === s && parse(code).statements.length === 1;
      }),
      { numRuns: 3000 },
    );
  });
});

describe("jsonLiteral", () => {
  it("emits JSON values as expressions that evaluate to the same value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        // JSON has no -0 and jsonValue can produce it; we emit it as 0 like JSON.stringify.
        const expected = JSON.parse(JSON.stringify(v));
        const actual = new Function(`return (${jsonLiteral(v)});`)();
        expect(actual).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps __proto__ as an own key instead of setting the prototype (THREATS A6)", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const code = jsonLiteral(value);
    expect(code).toContain('["__proto__"]');
    const result = new Function(`return (${code});`)() as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(result, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses non-JSON values", () => {
    expect(() => jsonLiteral(Number.NaN)).toThrow(/non-finite/);
    expect(() => jsonLiteral(undefined)).toThrow(/not a JSON value/);
  });
});

describe("propertyKey", () => {
  it.each([
    ["name", "name"],
    ["class", "class"],
    ["a-b", '"a-b"'],
    ["16x16", '"16x16"'],
    ["", '""'],
    ["x: string; }\nexport const pwned = 1;\ninterface Y { y", '"x: string; }\\nexport const pwned = 1;\\ninterface Y { y"'],
  ])("%j → %s", (given, want) => {
    expect(propertyKey(given)).toBe(want);
  });

  it("computes __proto__ in value positions only", () => {
    expect(propertyKey("__proto__", "value")).toBe('["__proto__"]');
    expect(propertyKey("__proto__", "type")).toBe("__proto__");
  });

  itShared.each(hostile.map((h) => [JSON.stringify(h), h]))("declares exactly one member for %s", (_, name) => {
    const code = `interface T { ${propertyKey(name)}: string }\nconst v = { ${propertyKey(name, "value")}: 1 };`;
    const { diags, statements } = parse(code);
    expect(diags).toEqual([]);
    expect(statements).toHaveLength(2);
    expect((statements[0] as ts.InterfaceDeclaration).members).toHaveLength(1);
  });
});

describe("comments", () => {
  itShared.each(hostile.map((h) => [JSON.stringify(h), h]))("a doc comment cannot be broken out of by %s", (_, text) => {
    const code = `${docComment([text, `before ${text} after`])}export const marker = 1;\n`;
    const { diags, statements } = parse(code);
    expect(diags).toEqual([]);
    expect(statements).toHaveLength(1);
  });

  it("a line comment cannot be broken out of by any line terminator", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const { statements } = parse(`// ${lineCommentText(text)}\nexport const marker = 1;\n`);
        return statements.length === 1;
      }),
      { numRuns: 3000 },
    );
  });

  it("makes invisible and bidi characters visible", () => {
    expect(commentLines("a\u202eb\u200bc")).toEqual(["a\\u{202e}b\\u{200b}c"]);
  });

  it("splits paragraphs on every line terminator", () => {
    expect(commentLines("a\rb\u2028c\r\nd")).toEqual(["a", "b", "c", "d"]);
    expect(docComment(["one line"])).toBe("/** one line */\n");
    expect(docComment(["x */ y"], "  ", ["@deprecated"])).toBe("  /**\n   * x *\\/ y\n   * @deprecated\n   */\n");
  });
});

describe("identifier", () => {
  it("accepts generator-made names and rejects anything else", () => {
    expect(identifier("IssuesOpened")).toBe("IssuesOpened");
    for (const bad of ["", "1a", "a-b", "class", "z", "__proto__", "a b", "Promise"]) expect(() => identifier(bad)).toThrow(/not a safe identifier/);
  });
});
