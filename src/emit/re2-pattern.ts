/**
 * JSON Schema `pattern`s (and `patternProperties` keys) for a linear-time engine.
 *
 * A pattern is ECMA-262 and unanchored, and a request's string is matched against it. With
 * JavaScript's backtracking RegExp a pattern such as `^(a+)+$` takes exponential time in the
 * string's length (seconds at 28 characters): one request could block the server. So the
 * generated schemas run patterns on RE2 (the `re2js` package), whose time is linear in the
 * text, and this module translates each pattern, at generation time, into RE2 syntax with
 * the same meaning:
 *
 * - what both engines spell alike stays (`\d`, `\w`, `\b` are ASCII in both; `^`/`$` are the
 *   ends of the text, as without the `m` flag; classes, alternation, counted repetition);
 * - what RE2 reads differently is rewritten: `.` excludes the four ECMAScript line
 *   terminators (RE2's only `\n`), `\s`/`\S` are ECMAScript's white-space set (RE2's is
 *   ASCII), `[]`/`[^]` match nothing/anything, `\p{Letter}`/`\p{gc=Lu}`/`\p{Script=Greek}`
 *   become RE2's short names, `\u…`/`\x…` escapes become `\x{…}`, groups become `(?:…)` (a
 *   test needs no captures), and every literal that RE2 could mistake for syntax is escaped;
 * - a leading `^(?=…)`/`^(?!…)` — the one lookaround real specs use (`^(?!sink_)[a-z_]+$`) —
 *   becomes a separate test at the start of the text, which must match (or must not);
 * - what no linear-time engine runs is reported, with why: other lookarounds,
 *   backreferences, and whatever RE2 itself refuses (counts above 1000, property names it
 *   does not know). The caller decides what the schema does then (not enforced, see
 *   zod-expr.ts).
 *
 * A pattern that compiles only without the `u` flag (`\-` outside a class) is read with the
 * legacy syntax (identity escapes, literal braces), and runs with code-point semantics:
 * `.` and negated classes take an astral character as one character, where the legacy
 * engine takes half of it. Patterns that spell a surrogate in legacy mode are not translated.
 *
 * The output is data (RE2 source text); it reaches generated code through `stringLiteral`.
 */
import { RE2JS } from "re2js";

export type PatternPlan =
  /** Matches when every `must` RE2 pattern matches somewhere in the text and no `mustNot` does. */
  | { readonly kind: "linear"; readonly must: readonly string[]; readonly mustNot: readonly string[] }
  /** Not an ECMAScript regular expression at all. */
  | { readonly kind: "invalid" }
  /** Valid ECMAScript, but not something a linear-time engine can run; `reason` says what. */
  | { readonly kind: "unsupported"; readonly reason: string };

/** The plan for one pattern. */
export function translatePattern(source: string): PatternPlan {
  const mode = syntaxMode(source);
  if (mode === undefined) return { kind: "invalid" };
  let root: Alt;
  try {
    root = new Parser(source, mode).pattern();
  } catch (error) {
    if (error instanceof Unsupported) return { kind: "unsupported", reason: error.reason };
    throw error;
  }
  const plan = linearPlan(root);
  if (plan.kind !== "linear") return plan;
  for (const re2 of [...plan.must, ...plan.mustNot]) {
    try {
      RE2JS.compile(re2);
    } catch (error) {
      return { kind: "unsupported", reason: re2Refusal(error) };
    }
  }
  return plan;
}

/** How V8 reads the pattern: with `u` (as JSON Schema means), else legacy; undefined: neither. */
function syntaxMode(source: string): "unicode" | "legacy" | undefined {
  for (const [flags, mode] of [["u", "unicode"], ["", "legacy"]] as const) {
    try {
      new RegExp(source, flags);
      return mode;
    } catch {
      // try the next
    }
  }
  return undefined;
}

function re2Refusal(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/repeat count|repetition/i.test(message)) return "a repetition count above 1000 (or nested counts multiplying past it)";
  if (/character class range|\\p/i.test(message)) return "a Unicode property RE2 does not know";
  return `a construct RE2 refuses (${message})`;
}

// ── the syntax tree ────────────────────────────────────────────────────────────────

interface Alt {
  readonly t: "alt";
  readonly alts: readonly Node[][];
}
/** A class escape (`\d`, `\s`, `\p{L}` …): how RE2 spells it alone and inside `[…]`. */
interface SetEscape {
  readonly alone: string;
  readonly inClass: string;
}
type ClassItem = { readonly lo: number; readonly hi: number } | SetEscape;
type Node =
  | Alt
  | { readonly t: "char"; readonly cp: number }
  | { readonly t: "class"; readonly negate: boolean; readonly items: readonly ClassItem[] }
  | { readonly t: "escape"; readonly set: SetEscape }
  | { readonly t: "dot" }
  | { readonly t: "start" }
  | { readonly t: "end" }
  | { readonly t: "boundary"; readonly negate: boolean }
  | { readonly t: "group"; readonly body: Alt }
  | { readonly t: "look"; readonly behind: boolean; readonly negate: boolean; readonly body: Alt }
  | { readonly t: "backref" }
  | { readonly t: "repeat"; readonly body: Node; readonly min: number; readonly max: number | undefined; readonly lazy: boolean };

class Unsupported extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

// ── character sets ECMAScript and RE2 spell differently ──────────────────────────────

const MAX_CP = 0x10ffff;

/** ECMAScript `\s`: WhiteSpace and LineTerminator (ECMA-262 §22.2.2.9, CharacterClassEscape). */
const ES_SPACE: readonly (readonly [number, number])[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
/** ECMAScript line terminators, which `.` does not match (without the `s` flag). */
const ES_LINE_TERMINATORS: readonly (readonly [number, number])[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

function complement(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

const hex = (cp: number): string => `\\x{${cp.toString(16)}}`;
const rangesText = (ranges: readonly (readonly [number, number])[]): string =>
  ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join("");
const setOf = (ranges: readonly (readonly [number, number])[]): SetEscape => ({ alone: `[${rangesText(ranges)}]`, inClass: rangesText(ranges) });

const SPACE = setOf(ES_SPACE);
/** Alone a negated class; inside one (which cannot nest a negation) the complement's ranges. */
const NOT_SPACE: SetEscape = { alone: `[^${rangesText(ES_SPACE)}]`, inClass: rangesText(complement(ES_SPACE)) };
const DOT = `[^${rangesText(ES_LINE_TERMINATORS)}]`;
const ANYTHING = `[${hex(0)}-${hex(MAX_CP)}]`;
const NOTHING = `[^${hex(0)}-${hex(MAX_CP)}]`;

/** `\d \D \w \W` mean the same in both (ASCII, no `i` flag); `\s \S` do not. */
const CLASS_ESCAPES: Readonly<Record<string, SetEscape>> = {
  d: { alone: "\\d", inClass: "\\d" },
  D: { alone: "\\D", inClass: "\\D" },
  w: { alone: "\\w", inClass: "\\w" },
  W: { alone: "\\W", inClass: "\\W" },
  s: SPACE,
  S: NOT_SPACE,
};

/** General_Category values, long name → the short one RE2 knows (UAX #44, PropertyValueAliases). */
const GENERAL_CATEGORIES: Readonly<Record<string, string>> = {
  Letter: "L", Cased_Letter: "LC", Uppercase_Letter: "Lu", Lowercase_Letter: "Ll", Titlecase_Letter: "Lt",
  Modifier_Letter: "Lm", Other_Letter: "Lo", Mark: "M", Combining_Mark: "M", Nonspacing_Mark: "Mn",
  Spacing_Mark: "Mc", Enclosing_Mark: "Me", Number: "N", Decimal_Number: "Nd", digit: "Nd", Letter_Number: "Nl",
  Other_Number: "No", Punctuation: "P", punct: "P", Connector_Punctuation: "Pc", Dash_Punctuation: "Pd",
  Open_Punctuation: "Ps", Close_Punctuation: "Pe", Initial_Punctuation: "Pi", Final_Punctuation: "Pf",
  Other_Punctuation: "Po", Symbol: "S", Math_Symbol: "Sm", Currency_Symbol: "Sc", Modifier_Symbol: "Sk",
  Other_Symbol: "So", Separator: "Z", Space_Separator: "Zs", Line_Separator: "Zl", Paragraph_Separator: "Zp",
  Other: "C", Control: "Cc", cntrl: "Cc", Format: "Cf", Surrogate: "Cs", Private_Use: "Co", Unassigned: "Cn",
};
const SHORT_CATEGORIES = new Set(Object.values(GENERAL_CATEGORIES));

/**
 * Binary properties ECMAScript allows, by every alias, → the name RE2 (re2js) knows them
 * by; a name missing here, or one re2js does not know, is reported. (`ASCII` is a range.)
 */
const BINARY_PROPERTIES: Readonly<Record<string, string>> = {
  ASCII_Hex_Digit: "ASCII_Hex_Digit", AHex: "ASCII_Hex_Digit", Alphabetic: "Alphabetic", Alpha: "Alphabetic",
  Any: "Any", Assigned: "Assigned", Dash: "Dash", Emoji: "Emoji", Emoji_Component: "Emoji_Component",
  EComp: "Emoji_Component", Emoji_Modifier: "Emoji_Modifier", EMod: "Emoji_Modifier",
  Emoji_Modifier_Base: "Emoji_Modifier_Base", EBase: "Emoji_Modifier_Base", Emoji_Presentation: "Emoji_Presentation",
  EPres: "Emoji_Presentation", Extended_Pictographic: "Extended_Pictographic", ExtPict: "Extended_Pictographic",
  Hex_Digit: "Hex_Digit", Hex: "Hex_Digit", Lowercase: "Lowercase", Lower: "Lowercase", Math: "Math",
  Quotation_Mark: "Quotation_Mark", QMark: "Quotation_Mark", Terminal_Punctuation: "Terminal_Punctuation",
  Term: "Terminal_Punctuation", Uppercase: "Uppercase", Upper: "Uppercase", White_Space: "White_Space", space: "White_Space",
};

/** `\p{…}` (or `\P{…}` when `negate`) in RE2's spelling. */
function property(body: string, negate: boolean): SetEscape {
  const eq = body.indexOf("=");
  const name = eq < 0 ? body : body.slice(0, eq);
  const value = eq < 0 ? "" : body.slice(eq + 1);
  let re2: string;
  if (eq >= 0 && (name === "General_Category" || name === "gc")) re2 = GENERAL_CATEGORIES[value] ?? value;
  else if (eq >= 0 && (name === "Script" || name === "sc")) re2 = value; // RE2 knows scripts by their long names
  else if (eq >= 0) throw new Unsupported(`the Unicode property ${name}`);
  else if (SHORT_CATEGORIES.has(name)) re2 = name;
  else if (GENERAL_CATEGORIES[name] !== undefined) re2 = GENERAL_CATEGORIES[name]!;
  else if (name === "ASCII") {
    const ascii: [number, number][] = [[0, 0x7f]];
    return setOf(negate ? complement(ascii) : ascii);
  } else if (BINARY_PROPERTIES[name] !== undefined) re2 = BINARY_PROPERTIES[name]!;
  else throw new Unsupported(`the Unicode property ${name}`);
  if (!/^[A-Za-z_]+$/.test(re2)) throw new Unsupported(`the Unicode property value ${re2}`);
  const text = `\\${negate ? "P" : "p"}{${re2}}`;
  return { alone: text, inClass: text };
}

// ── the parser (ECMA-262 §22.2.1, with Annex B.1.2 for legacy patterns) ──────────────

const SYNTAX_CHARACTERS = "^$\\.*+?()[]{}|/";
/** Deeper patterns (V8 accepts 100,000 levels) are reported rather than recursed into. */
const MAX_NESTING = 200;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);
const isSurrogate = (cp: number): boolean => cp >= 0xd800 && cp <= 0xdfff;

class Parser {
  /** Code points (unicode mode) or code units (legacy), as strings. */
  private readonly chars: string[];
  private i = 0;

  constructor(
    source: string,
    private readonly mode: "unicode" | "legacy",
  ) {
    this.chars = mode === "unicode" ? [...source] : source.split("");
  }

  pattern(): Alt {
    const root = this.disjunction();
    if (this.i < this.chars.length) throw new Unsupported(`an unexpected ${JSON.stringify(this.chars[this.i])}`);
    return root;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.i + offset];
  }

  private next(): string {
    const c = this.chars[this.i++];
    if (c === undefined) throw new Unsupported("an unexpected end");
    return c;
  }

  private eat(text: string): boolean {
    const parts = [...text];
    if (parts.every((c, k) => this.peek(k) === c)) {
      this.i += parts.length;
      return true;
    }
    return false;
  }

  /** Groups open around the current position: parsing, planning and printing recurse on them. */
  private depth = 0;

  private disjunction(): Alt {
    if (++this.depth > MAX_NESTING) throw new Unsupported(`groups nested more than ${MAX_NESTING} deep`);
    const alts: Node[][] = [this.alternative()];
    while (this.eat("|")) alts.push(this.alternative());
    this.depth--;
    return { t: "alt", alts };
  }

  private alternative(): Node[] {
    const terms: Node[] = [];
    while (this.i < this.chars.length && this.peek() !== "|" && this.peek() !== ")") terms.push(this.term());
    return terms;
  }

  private term(): Node {
    if (this.eat("^")) return { t: "start" };
    if (this.eat("$")) return { t: "end" };
    if (this.eat("\\b")) return { t: "boundary", negate: false };
    if (this.eat("\\B")) return { t: "boundary", negate: true };
    for (const [open, behind, negate] of [["(?=", false, false], ["(?!", false, true], ["(?<=", true, false], ["(?<!", true, true]] as const) {
      if (!this.eat(open)) continue;
      const body = this.disjunction();
      this.expect(")");
      // Annex B lets a lookahead be quantified (legacy only); it is unsupported either way.
      return this.quantified({ t: "look", behind, negate, body });
    }
    return this.quantified(this.atom());
  }

  private expect(c: string): void {
    if (!this.eat(c)) throw new Unsupported(`a missing ${JSON.stringify(c)}`);
  }

  private atom(): Node {
    const c = this.next();
    switch (c) {
      case ".":
        return { t: "dot" };
      case "[":
        return this.characterClass();
      case "\\":
        return this.atomEscape();
      case "(": {
        if (this.eat("?:")) {
          const body = this.disjunction();
          this.expect(")");
          return { t: "group", body };
        }
        if (this.peek() === "?" && this.peek(1) === "<") {
          this.i += 2;
          while (this.peek() !== ">") this.next();
          this.next();
        }
        const body = this.disjunction();
        this.expect(")");
        return { t: "group", body };
      }
      default:
        // Legacy patterns may hold a literal `]`, `{` or `}` (V8 has ruled out a quantifier).
        return this.literal(c);
    }
  }

  private literal(c: string): Node {
    const cp = c.codePointAt(0)!;
    if (this.mode === "legacy" && isSurrogate(cp)) throw new Unsupported("a surrogate in a pattern that compiles only without the u flag");
    return { t: "char", cp };
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy; legacy `{` that is no quantifier is left alone. */
  private quantified(body: Node): Node {
    let min: number;
    let max: number | undefined;
    if (this.eat("*")) [min, max] = [0, undefined];
    else if (this.eat("+")) [min, max] = [1, undefined];
    else if (this.eat("?")) [min, max] = [0, 1];
    else if (this.peek() === "{") {
      const counts = this.braces();
      if (!counts) return body;
      [min, max] = counts;
    } else return body;
    const lazy = this.eat("?");
    return { t: "repeat", body, min, max, lazy };
  }

  private braces(): [number, number | undefined] | undefined {
    const start = this.i;
    this.i++;
    const digits = (): string => {
      let d = "";
      while (isDigit(this.peek())) d += this.next();
      return d;
    };
    const lo = digits();
    let hi: string | undefined = lo;
    if (this.eat(",")) hi = digits() || undefined;
    if (lo === "" || !this.eat("}")) {
      this.i = start;
      return undefined;
    }
    return [Number(lo), hi === undefined ? undefined : Number(hi)];
  }

  private atomEscape(): Node {
    const c = this.peek();
    if (c !== undefined && CLASS_ESCAPES[c]) {
      this.i++;
      return { t: "escape", set: CLASS_ESCAPES[c]! };
    }
    if ((c === "p" || c === "P") && this.mode === "unicode") {
      this.i++;
      return { t: "escape", set: this.propertyEscape(c === "P") };
    }
    if (isDigit(c) && c !== "0") return this.backreference();
    if (c === "k" && this.mode === "unicode") return this.backreference();
    if (c === "k") throw new Unsupported("`\\k` in a pattern that compiles only without the u flag");
    return this.literal(String.fromCodePoint(this.characterEscape(false)));
  }

  private backreference(): never {
    throw new Unsupported("a backreference");
  }

  private propertyEscape(negate: boolean): SetEscape {
    this.expect("{");
    let body = "";
    while (this.peek() !== "}") body += this.next();
    this.next();
    return property(body, negate);
  }

  /** The code point of a CharacterEscape (after `\`), or of `\b`/`\-` inside a class. */
  private characterEscape(inClass: boolean): number {
    const c = this.next();
    switch (c) {
      case "f":
        return 0x0c;
      case "n":
        return 0x0a;
      case "r":
        return 0x0d;
      case "t":
        return 0x09;
      case "v":
        return 0x0b;
      case "c": {
        const letter = this.peek();
        if (letter !== undefined && /^[A-Za-z]$/.test(letter)) {
          this.i++;
          return letter.charCodeAt(0) % 32;
        }
        throw new Unsupported("`\\c` without a letter");
      }
      case "0":
        if (isDigit(this.peek())) throw new Unsupported("an octal escape");
        return 0;
      case "x":
        if (isHex(this.peek()) && isHex(this.peek(1))) return parseInt(this.next() + this.next(), 16);
        if (this.mode === "legacy") return "x".codePointAt(0)!;
        throw new Unsupported("a malformed `\\x` escape");
      case "u":
        return this.unicodeEscape();
    }
    if (inClass && c === "b") return 0x08;
    if (inClass && c === "-") return 0x2d;
    if (this.mode === "unicode" && !SYNTAX_CHARACTERS.includes(c)) throw new Unsupported(`the escape \\${c}`);
    if (isDigit(c)) throw new Unsupported("an octal escape");
    const cp = c.codePointAt(0)!;
    if (isSurrogate(cp) && this.mode === "legacy") throw new Unsupported("a surrogate in a pattern that compiles only without the u flag");
    return cp;
  }

  private unicodeEscape(): number {
    if (this.mode === "unicode" && this.eat("{")) {
      let digits = "";
      while (this.peek() !== "}") digits += this.next();
      this.next();
      return parseInt(digits, 16);
    }
    const four = (): number | undefined => {
      const d = [0, 1, 2, 3].map((k) => this.peek(k));
      if (!d.every(isHex)) return undefined;
      this.i += 4;
      return parseInt(d.join(""), 16);
    };
    const unit = four();
    if (unit === undefined) {
      if (this.mode === "legacy") return "u".codePointAt(0)!;
      throw new Unsupported("a malformed `\\u` escape");
    }
    if (this.mode === "legacy") {
      if (isSurrogate(unit)) throw new Unsupported("a surrogate in a pattern that compiles only without the u flag");
      return unit;
    }
    // `\uD83D\uDE00` is one code point in unicode mode.
    if (unit >= 0xd800 && unit <= 0xdbff && this.peek() === "\\" && this.peek(1) === "u") {
      const save = this.i;
      this.i += 2;
      const trail = four();
      if (trail !== undefined && trail >= 0xdc00 && trail <= 0xdfff) return 0x10000 + ((unit - 0xd800) << 10) + (trail - 0xdc00);
      this.i = save;
    }
    return unit;
  }

  private characterClass(): Node {
    const negate = this.eat("^");
    const items: ClassItem[] = [];
    while (this.peek() !== "]") {
      const from = this.classAtom();
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
        this.i++;
        const to = this.classAtom();
        if (typeof from === "number" && typeof to === "number") {
          items.push({ lo: from, hi: to });
          continue;
        }
        // Annex B: `[\w-a]` is `\w`, `-` and `a` (legacy only; unicode mode refuses it).
        items.push(typeof from === "number" ? { lo: from, hi: from } : from, { lo: 0x2d, hi: 0x2d });
        items.push(typeof to === "number" ? { lo: to, hi: to } : to);
        continue;
      }
      items.push(typeof from === "number" ? { lo: from, hi: from } : from);
    }
    this.next();
    return { t: "class", negate, items };
  }

  /** A code point, or a class escape (`\d`, `\p{L}` …). */
  private classAtom(): number | SetEscape {
    const c = this.next();
    if (c !== "\\") {
      const cp = c.codePointAt(0)!;
      if (this.mode === "legacy" && isSurrogate(cp)) throw new Unsupported("a surrogate in a pattern that compiles only without the u flag");
      return cp;
    }
    const e = this.peek();
    if (e !== undefined && CLASS_ESCAPES[e]) {
      this.i++;
      return CLASS_ESCAPES[e]!;
    }
    if ((e === "p" || e === "P") && this.mode === "unicode") {
      this.i++;
      return this.propertyEscape(e === "P");
    }
    if (isDigit(e) && e !== "0") throw new Unsupported(this.mode === "unicode" ? "a backreference" : "an octal escape");
    if (e === "c" && this.mode === "legacy" && !/^[A-Za-z]$/.test(this.peek(1) ?? "")) throw new Unsupported("`\\c` without a letter");
    return this.characterEscape(true);
  }
}

// ── planning and printing ───────────────────────────────────────────────────────────

/** A lookaround or backreference anywhere below `node`: what RE2 cannot run. */
function unrunnable(node: Node): string | undefined {
  switch (node.t) {
    case "look":
      return node.behind ? "a lookbehind" : "a lookahead other than at the start (`^(?=…)`, `^(?!…)`)";
    case "backref":
      return "a backreference";
    case "alt":
      for (const seq of node.alts) for (const n of seq) {
        const r = unrunnable(n);
        if (r) return r;
      }
      return undefined;
    case "group":
      return unrunnable(node.body);
    case "repeat":
      return unrunnable(node.body);
    default:
      return undefined;
  }
}

/**
 * `root` as RE2 tests. Lookaheads right after a leading `^` hold at the start of the text, so
 * each is a test of its own there: `^(?=A)(?!B)C` matches exactly when `^(?:A)` matches,
 * `^(?:B)` does not and `^C` does.
 */
function linearPlan(root: Alt): PatternPlan {
  const problem = unrunnable(root);
  if (!problem) return { kind: "linear", must: [print(root)], mustNot: [] };
  const seq = root.alts.length === 1 ? root.alts[0]! : [];
  if (seq[0]?.t !== "start") return { kind: "unsupported", reason: problem };
  let k = 1;
  const must: string[] = [];
  const mustNot: string[] = [];
  for (; k < seq.length; k++) {
    const n = seq[k]!;
    if (n.t !== "look" || n.behind) break;
    const inner = unrunnable(n.body);
    if (inner) return { kind: "unsupported", reason: inner };
    (n.negate ? mustNot : must).push(`^(?:${print(n.body)})`);
  }
  const rest = seq.slice(k);
  const restProblem = unrunnable({ t: "alt", alts: [rest] });
  if (restProblem) return { kind: "unsupported", reason: restProblem };
  if (rest.length) must.unshift(`^${printSeq(rest)}`);
  return { kind: "linear", must, mustNot };
}

/** RE2 metacharacters outside a class (escaped with `\`). */
const RE2_META = "\\.+*?()|[]{}^$";

function printChar(cp: number): string {
  const c = String.fromCodePoint(cp);
  if (/^[A-Za-z0-9_]$/.test(c)) return c;
  if (cp >= 0x20 && cp < 0x7f) return RE2_META.includes(c) ? `\\${c}` : c;
  return hex(cp);
}

/** Inside `[…]` only letters, digits and `_` stay bare: nothing else can be read as syntax (`[:alpha:]`, `-`, `^`). */
function printClassChar(cp: number): string {
  return /^[A-Za-z0-9_]$/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : hex(cp);
}

function printSeq(seq: readonly Node[]): string {
  return seq.map(print).join("");
}

function print(node: Node): string {
  switch (node.t) {
    case "alt":
      return node.alts.map(printSeq).join("|");
    case "char":
      return printChar(node.cp);
    case "escape":
      return node.set.alone;
    case "class": {
      if (!node.items.length) return node.negate ? ANYTHING : NOTHING;
      const body = node.items.map((it) => ("lo" in it ? (it.lo === it.hi ? printClassChar(it.lo) : `${printClassChar(it.lo)}-${printClassChar(it.hi)}`) : it.inClass)).join("");
      return `[${node.negate ? "^" : ""}${body}]`;
    }
    case "dot":
      return DOT;
    case "start":
      return "^";
    case "end":
      return "$";
    case "boundary":
      return node.negate ? "\\B" : "\\b";
    case "group":
      return `(?:${print(node.body)})`;
    case "repeat": {
      const count = node.min === 0 && node.max === undefined ? "*" : node.min === 1 && node.max === undefined ? "+" : node.min === 0 && node.max === 1 ? "?" : node.max === undefined ? `{${node.min},}` : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
      const body = node.body.t === "char" || node.body.t === "escape" || node.body.t === "class" || node.body.t === "dot" || node.body.t === "group" ? print(node.body) : `(?:${print(node.body)})`;
      return `${body}${count}${node.lazy ? "?" : ""}`;
    }
    case "look":
    case "backref":
      throw new Error("unrunnable nodes are planned, never printed");
  }
}
