/**
 * Spec patterns on RE2 mean what they mean in ECMAScript (src/emit/re2-pattern.ts): a
 * differential test against V8's RegExp on random patterns and strings, the Unicode
 * property tables code point by code point, and what cannot be run is reported, not guessed.
 */
import fc from "fast-check";
import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { translatePattern, type PatternPlan } from "../../src/emit/re2-pattern.js";

/** What the generated `$re` helper does with a plan. */
function planTest(plan: Extract<PatternPlan, { kind: "linear" }>): (text: string) => boolean {
  const must = plan.must.map((p) => RE2JS.compile(p));
  const mustNot = plan.mustNot.map((p) => RE2JS.compile(p));
  return (text) => must.every((r) => r.test(text)) && !mustNot.some((r) => r.test(text));
}

function linear(source: string): (text: string) => boolean {
  const plan = translatePattern(source);
  if (plan.kind !== "linear") throw new Error(`${source}: ${JSON.stringify(plan)}`);
  return planTest(plan);
}

describe("translating patterns", () => {
  it.each([
    ["^(a+)+$", ["^(?:a+)+$"], []],
    ["\\p{Letter}cole", ["\\p{L}cole"], []],
    ["\\p{gc=Lu}\\P{Script=Greek}", ["\\p{Lu}\\P{Greek}"], []],
    ["^\\d{3}-\\d{4}$", ["^\\d{3}-\\d{4}$"], []],
    ["a.b", ["a[^\\x{a}\\x{d}\\x{2028}-\\x{2029}]b"], []],
    ["[]|[^]", ["[^\\x{0}-\\x{10ffff}]|[\\x{0}-\\x{10ffff}]"], []],
    ["(?<year>\\d{4})-(\\d\\d)", ["(?:\\d{4})-(?:\\d\\d)"], []],
    ["\\uD83D\\uDE00|\\u{1F600}|\\x41", ["\\x{1f600}|\\x{1f600}|A"], []],
    // Legacy syntax (compiles only without `u`): identity escapes, literal braces.
    ["^\\d{3}\\-\\d{4}$", ["^\\d{3}-\\d{4}$"], []],
    ["x{,5}]", ["x\\{,5\\}\\]"], []],
    // Leading lookaheads become tests of their own at the start.
    ["^(?!sink_)[a-z_]+$", ["^[a-z_]+$"], ["^(?:sink_)"]],
    ["^(?=.*\\d)(?=.*[A-Z])", ["^(?:[^\\x{a}\\x{d}\\x{2028}-\\x{2029}]*\\d)", "^(?:[^\\x{a}\\x{d}\\x{2028}-\\x{2029}]*[A-Z])"], []],
  ])("%s", (source, must, mustNot) => {
    expect(translatePattern(source)).toEqual({ kind: "linear", must, mustNot });
  });

  it.each([
    ["(a)\\1", "a backreference"],
    ["(?<x>a)\\k<x>", "a backreference"],
    ["a(?=b)", "a lookahead other than at the start (`^(?=…)`, `^(?!…)`)"],
    ["^(?=a)|b", "a lookahead other than at the start (`^(?=…)`, `^(?!…)`)"],
    ["(?<=a)b", "a lookbehind"],
    ["^(?=(?<=a))", "a lookbehind"],
    ["a{1001}", "a repetition count above 1000 (or nested counts multiplying past it)"],
    ["(?:a{100}){20}", "a repetition count above 1000 (or nested counts multiplying past it)"],
    ["\\p{Script_Extensions=Greek}", "the Unicode property Script_Extensions"],
    ["\\p{ID_Start}", "the Unicode property ID_Start"],
    ["\\p{Script=Grek}", "a Unicode property RE2 does not know"],
    ["\\uD800x|\\a", "a surrogate in a pattern that compiles only without the u flag"],
    ["(?:".repeat(100_000) + ")".repeat(100_000), "groups nested more than 200 deep"],
  ])("%.40s cannot run in linear time: %s", (source, reason) => {
    expect(translatePattern(source)).toEqual({ kind: "unsupported", reason });
  });

  it.each(["[", "(?i)a", "a**", "\\"])("%s is no ECMAScript pattern", (source) => {
    expect(translatePattern(source)).toEqual({ kind: "invalid" });
  });

  it("runs the pattern that backtracks exponentially in RegExp, in linear time", () => {
    const test = linear("^(a+)+$");
    const hostile = "a".repeat(100_000) + "!";
    const before = process.cpuUsage();
    expect(test(hostile)).toBe(false);
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(500);
    expect(test("a".repeat(100_000))).toBe(true);
  });
});

/** Characters where ECMAScript and RE2 might disagree: line terminators, white space, astral, lone surrogates. */
const TEXT_CHARS = ["a", "b", "A", "Z", "0", "9", "_", "-", " ", "\t", "\n", "\r", "\v", "\f", "\u2028", "\u00a0", "\u3000", "\ufeff", "é", "Σ", "😀", "\ud800", "\udc00", ".", "{", "]"];
const texts = fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 8 }).map((a) => a.join(""));

/** Random ECMAScript patterns (unicode mode), built from atoms that exercise every rewrite. */
const ATOMS = [
  "a", "b", "A", "0", "_", "-", " ", "é", "😀", ".", "\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\b", "\\B", "^", "$",
  "\\n", "\\t", "\\v", "\\u2028", "\\x41", "\\u0041", "\\u{1F600}", "\\uD83D\\uDE00", "\\cJ", "\\0", "\\.", "\\-", "\\/",
  "\\p{L}", "\\p{Lu}", "\\P{Letter}", "\\p{Script=Greek}", "\\p{ASCII}", "\\p{White_Space}", "\\p{Any}",
];
const CLASS_ATOMS = ["a", "b", "z", "A", "0", "9", "_", " ", "é", "😀", "\\d", "\\W", "\\s", "\\S", "\\-", "\\b", "\\n", "\\u2028", "\\p{L}", "\\P{ASCII}", "a-z", "0-9", "\\x00-\\x1f", "\\u{1F600}-\\u{1F64F}", "^", "[", ".", "$"];

const classes = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...CLASS_ATOMS), { maxLength: 4 }))
  .map(([negate, items]) => `[${negate ? "^" : ""}${items.join("")}]`);
const quantifiers = fc.constantFrom("", "", "", "*", "+", "?", "{2}", "{1,}", "{0,2}", "*?", "+?", "{1,3}?");

const patterns: fc.Arbitrary<string> = fc.letrec((tie) => ({
  atom: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ATOMS) },
    { weight: 2, arbitrary: classes },
    { weight: 1, arbitrary: tie("alt").map((p) => `(${p})`) },
    { weight: 1, arbitrary: tie("alt").map((p) => `(?:${p})`) },
    { weight: 1, arbitrary: tie("alt").map((p) => `(?<g>${p})`) },
  ),
  term: fc.tuple(tie("atom") as fc.Arbitrary<string>, quantifiers).map(([a, q]) => (/^[\^$]$|^\\[bB]$/.test(a) ? a : a + q)),
  seq: fc.array(tie("term") as fc.Arbitrary<string>, { maxLength: 4 }).map((t) => t.join("")),
  alt: fc.array(tie("seq") as fc.Arbitrary<string>, { minLength: 1, maxLength: 3 }).map((s) => s.join("|")),
})).alt as fc.Arbitrary<string>;

/** `^(?=…)(?!…)rest`: the lookaheads the plan turns into tests of their own. */
const leadingLookaheads = fc
  .tuple(fc.array(fc.tuple(fc.boolean(), patterns), { minLength: 1, maxLength: 2 }), patterns)
  .map(([looks, rest]) => `^${looks.map(([neg, p]) => `(?${neg ? "!" : "="}${p})`).join("")}(?:${rest})`);

function compiles(source: string, flags: string): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}

describe("agreement with ECMAScript RegExp", () => {
  it("on random patterns and strings (unicode mode)", () => {
    fc.assert(
      fc.property(fc.oneof(patterns, leadingLookaheads), fc.array(texts, { minLength: 1, maxLength: 12 }), (source, inputs) => {
        fc.pre(compiles(source, "u"));
        const plan = translatePattern(source);
        // Repetition of a repetition can pass RE2's limit; everything else must translate.
        if (plan.kind === "unsupported") return expect(plan.reason).toMatch(/repetition count/);
        expect(plan.kind).toBe("linear");
        const ours = planTest(plan as Extract<PatternPlan, { kind: "linear" }>);
        const native = new RegExp(source, "u");
        for (const text of inputs) expect([source, text, ours(text)]).toEqual([source, text, native.test(text)]);
      }),
      { numRuns: 3000, seed: 13 },
    );
  });

  it("on random legacy patterns (without `u`), away from astral characters", () => {
    const legacyAtoms = ["\\-", "\\_", "\\a", "{", "}", "]", "x{,2}", "\\p", "\\k", "\\u12", "\\x4", "a", "b", ".", "\\d", "\\s", "[\\w-a]", "[\\-\\B]"];
    const legacy = fc
      .array(fc.tuple(fc.constantFrom(...legacyAtoms), fc.constantFrom("", "*", "+", "?", "{2}")), { minLength: 1, maxLength: 5 })
      .map((terms) => terms.map(([a, q]) => a + q).join(""));
    const bmpTexts = fc.array(fc.constantFrom("a", "b", "-", "_", "{", "}", "]", "p", "k", "x", "u", "1", "2", "\n", " ", "\u2028", "é", "B"), { maxLength: 8 }).map((a) => a.join(""));
    let translated = 0;
    fc.assert(
      fc.property(legacy, fc.array(bmpTexts, { minLength: 1, maxLength: 12 }), (source, inputs) => {
        fc.pre(!compiles(source, "u") && compiles(source, ""));
        const plan = translatePattern(source);
        if (plan.kind !== "linear") return;
        translated++;
        const ours = planTest(plan);
        const native = new RegExp(source);
        for (const text of inputs) expect([source, text, ours(text)]).toEqual([source, text, native.test(text)]);
      }),
      { numRuns: 2000, seed: 13 },
    );
    expect(translated).toBeGreaterThan(500);
  });
});

describe("Unicode properties", () => {
  /** Every 7th code point of the BMP and of the first astral planes, and every surrogate. */
  const codePoints: number[] = [];
  for (let cp = 0; cp <= 0x2ffff; cp += cp < 0x10000 ? 1 : 7) codePoints.push(cp);
  const nativeUnassigned = /^\p{Cn}$/u;
  const re2Assigned = RE2JS.compile("^\\P{Cn}$");

  /**
   * `\p{name}` decides every sampled code point as V8 does, but for characters Unicode
   * assigned after the version V8's ICU has (re2js carries a newer one).
   */
  function disagreements(name: string): string[] {
    const test = linear(`^\\p{${name}}$`);
    const native = new RegExp(`^\\p{${name}}$`, "u");
    const out: string[] = [];
    for (const cp of codePoints) {
      const c = String.fromCodePoint(cp);
      if (test(c) === native.test(c)) continue;
      if (nativeUnassigned.test(c) && re2Assigned.test(c)) continue;
      out.push(cp.toString(16));
    }
    return out.slice(0, 5);
  }

  it.each([
    "L", "Letter", "LC", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe",
    "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn", "Other", "Unassigned",
    "General_Category=Decimal_Number", "gc=Zs", "Script=Latin", "sc=Greek", "Script=Han", "Script=Common", "Script=Cyrillic",
    "ASCII", "Any", "Assigned", "Alphabetic", "Alpha", "White_Space", "space", "Emoji", "ExtPict", "Hex", "AHex", "Lowercase",
    "Upper", "Math", "Dash", "QMark", "Term", "EComp", "EMod", "EBase", "EPres",
  ])("\\p{%s}", (name) => {
    expect(disagreements(name)).toEqual([]);
  });
});
