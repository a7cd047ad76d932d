/**
 * A value for a schema of a schema set, valid by construction (issue 15, the test kit): what a
 * provider's smallest well-formed delivery would carry. It reads the normalized schema (3.1
 * semantics, `$ref`s into the set) and walks it once:
 *
 * - `const`, then the first `enum` value; `allOf` parts are merged into one schema first;
 * - `oneOf`/`anyOf`: the first alternative, merged with the keywords beside it — a `null`
 *   alternative is taken only where nesting runs deep;
 * - objects: the required properties only (optional ones add nothing a test needs, and each
 *   is one more way to contradict an `additionalProperties`/`not` rule), plus optional ones
 *   while `minProperties` asks for more;
 * - arrays: one item (none once nesting runs deep), or `minItems`;
 * - strings: a value for the format, or the spec's own `example`/`default` when it passes the
 *   string's rules, else a string generated from the `pattern` (a small generator for the
 *   common subset — literals, classes, `\d \w`, groups, alternation, quantifiers at their
 *   minimum — checked with the same linear-time engine the receiver runs), padded or cut to
 *   the length bounds;
 * - numbers: the spec's example or default when in range, else 0 or the nearest bound,
 *   rounded to `multipleOf`.
 *
 * `not`, `if`/`then`/`else`, `dependentSchemas` and `contains` are not solved for. Where a
 * value cannot be made to satisfy a rule, `issues` says which: the kit's own tests check every
 * fixture against the generated Zod schema, so a gap shows as a failing fixture, not a
 * silently wrong one.
 */
import { translatePattern } from "../emit/re2-pattern.js";
import { RE2JS } from "re2js";
import type { SchemaLookup } from "../model/schema-lookup.js";
import type { JsonSchemaObject } from "../model/schema-set.js";
import type { PathStep } from "../routes/conditions.js";
import { isObject } from "../util/json-pointer.js";

/** Nesting past which optional structure (nullable branches, array items) is left out. */
const SHALLOW = 6;
/** Nesting past which synthesis gives up (a required recursion with no way out). */
const DEEPEST = 48;

/**
 * Values for `format`s the generated schemas assert (emit/zod-formats.ts), and common
 * annotations. Dates are the Unix epoch: fixed (output is deterministic) and plainly synthetic.
 */
const FORMAT_VALUES: Readonly<Record<string, string>> = {
  date: "1970-01-01",
  time: "12:00:00Z",
  "date-time": "1970-01-01T00:00:00Z",
  duration: "P1D",
  email: "user@example.com",
  "idn-email": "user@example.com",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  uri: "https://example.com/",
  url: "https://example.com/",
  iri: "https://example.com/",
  "uri-reference": "https://example.com/",
  "iri-reference": "https://example.com/",
  "uri-template": "https://example.com/{id}",
  uuid: "00000000-0000-4000-8000-000000000000",
  "json-pointer": "/a",
  "relative-json-pointer": "0",
  regex: "^a$",
  byte: "ZXhhbXBsZQ==",
  binary: "example",
  password: "example",
};

export class Synthesizer {
  /** Rules a value could not be made to satisfy, by JSON pointer in the value. */
  readonly issues: string[] = [];

  constructor(private readonly lookup: SchemaLookup) {}

  /**
   * `include`: paths (property names, `{ items: true }` for every item) the value must have
   * even where the schema makes them optional — where routing conditions look.
   */
  value(schema: unknown, at = "", depth = 0, include: readonly (readonly PathStep[])[] = []): unknown {
    if (depth > DEEPEST) {
      this.issues.push(`${at || "/"}: nested deeper than ${DEEPEST}`);
      return null;
    }
    const s = this.flatten(schema);
    if (s === false) {
      this.issues.push(`${at || "/"}: the schema allows no value`);
      return null;
    }
    if (s === true) return "example";
    if ("const" in s) return s.const;
    if (Array.isArray(s.enum) && s.enum.length) return s.enum.find((v) => v !== null) ?? s.enum[0];
    for (const k of ["oneOf", "anyOf"] as const) {
      const alts = s[k];
      if (!Array.isArray(alts) || alts.length === 0) continue;
      const rest = { ...s };
      delete rest[k];
      const ordered = depth >= SHALLOW ? [...alts].sort((a, b) => Number(!this.isNull(a)) - Number(!this.isNull(b))) : alts.filter((a) => !this.isNull(a)).concat(alts.filter((a) => this.isNull(a)));
      // The first alternative the keywords beside it leave satisfiable (GitHub restricts
      // nullable objects to `null` with an `allOf` part).
      const chosen = ordered.find((a) => this.flatten({ allOf: [rest, a] }) !== false) ?? ordered[0];
      return this.value({ allOf: [rest, chosen] }, at, depth + 1, include);
    }
    const type = this.typeOf(s, depth);
    switch (type) {
      case "null":
        return null;
      case "boolean":
        return typeof s.default === "boolean" ? s.default : true;
      case "integer":
      case "number":
        return this.number(s, type === "integer");
      case "string":
        return this.string(s, at);
      case "array":
        return this.array(s, at, depth, include);
      case "object":
        return this.object(s, at, depth, include);
      default:
        return s.example !== undefined ? s.example : "example";
    }
  }

  private isNull(schema: unknown): boolean {
    const s = this.lookup.resolve(schema);
    return isObject(s) && (s.type === "null" || ("const" in s && s.const === null));
  }

  /** The JSON type to produce: the declared one (not `null` while shallow), else the one the keywords imply. */
  private typeOf(s: JsonSchemaObject, depth: number): string | undefined {
    const t = s.type;
    if (typeof t === "string") return t;
    if (Array.isArray(t) && t.length) {
      const types = t.filter((x): x is string => typeof x === "string");
      if (depth >= SHALLOW && types.includes("null")) return "null";
      return types.find((x) => x !== "null") ?? types[0];
    }
    if (isObject(s.properties) || Array.isArray(s.required) || s.additionalProperties !== undefined) return "object";
    if (s.items !== undefined || s.prefixItems !== undefined || s.minItems !== undefined) return "array";
    if (typeof s.format === "string" && s.format in FORMAT_VALUES) return "string";
    if (s.pattern !== undefined || s.minLength !== undefined || s.maxLength !== undefined) return "string";
    if (s.minimum !== undefined || s.maximum !== undefined || s.multipleOf !== undefined) return "number";
    return undefined;
  }

  /**
   * One schema for a schema and its `allOf` parts (refs followed): properties and `required`
   * merged, bounds tightened, the first `oneOf`/`anyOf` kept; false when none can hold.
   */
  private flatten(schema: unknown, depth = 0): JsonSchemaObject | boolean {
    const s = this.lookup.resolve(schema);
    if (s === undefined || s === true) return true;
    if (s === false) return false;
    if (!Array.isArray(s.allOf) || depth > 16) return s;
    let out: JsonSchemaObject = { ...s };
    delete out.allOf;
    for (const part of s.allOf) {
      const p = this.flatten(part, depth + 1);
      if (p === false) return false;
      if (p === true) continue;
      out = merge(out, p);
    }
    // Parts that admit no common type admit no value.
    if (Array.isArray(out.type) && out.type.length === 0) return false;
    return out;
  }

  private number(s: JsonSchemaObject, integer: boolean): number {
    const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
    let lo = num(s.minimum);
    let hi = num(s.maximum);
    const exLo = num(s.exclusiveMinimum);
    const exHi = num(s.exclusiveMaximum);
    const step = num(s.multipleOf) ?? (integer ? 1 : undefined);
    const fits = (v: number) =>
      (lo === undefined || v >= lo) &&
      (hi === undefined || v <= hi) &&
      (exLo === undefined || v > exLo) &&
      (exHi === undefined || v < exHi) &&
      (step === undefined || Number.isInteger(v / step)) &&
      (!integer || Number.isInteger(v));
    for (const v of [num(s.example), ...(Array.isArray(s.examples) ? s.examples.map(num) : []), num(s.default), 0, lo, hi, exLo, exHi]) {
      if (v !== undefined && fits(v)) return v;
    }
    if (exLo !== undefined) lo = Math.max(lo ?? -Infinity, exLo + (step ?? 1e-6) / 2);
    if (exHi !== undefined) hi = Math.min(hi ?? Infinity, exHi - (step ?? 1e-6) / 2);
    const start = lo !== undefined && Number.isFinite(lo) ? lo : hi !== undefined && Number.isFinite(hi) ? hi : 0;
    const v = step !== undefined ? (lo !== undefined ? Math.ceil(start / step) * step : Math.floor(start / step) * step) : start;
    return integer ? Math.round(v) : v;
  }

  private string(s: JsonSchemaObject, at: string): string {
    const min = typeof s.minLength === "number" ? s.minLength : 0;
    const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
    const pattern = typeof s.pattern === "string" ? s.pattern : undefined;
    const format = typeof s.format === "string" ? s.format : undefined;
    const ok = (v: string) => {
      const n = [...v].length;
      return n >= min && n <= max && (pattern === undefined || matches(pattern, v));
    };
    const given = [s.example, ...(Array.isArray(s.examples) ? s.examples : []), s.default].filter((v): v is string => typeof v === "string");
    const candidates = [
      ...(format !== undefined && format in FORMAT_VALUES ? [FORMAT_VALUES[format]!] : []),
      // The spec's own value reads better, but a format the schema asserts is trusted to ours.
      ...(format === undefined || !(format in FORMAT_VALUES) ? given : []),
      ...(pattern !== undefined ? [fromPattern(pattern)] : []),
      "example",
    ].filter((v): v is string => v !== undefined);
    for (const c of candidates) if (ok(c)) return c;
    const base = candidates[0]!;
    const sized = fit(base, min, max);
    if (!ok(sized)) this.issues.push(`${at || "/"}: no string found for ${pattern !== undefined ? `pattern ${pattern}` : `length ${min}..${max}`}`);
    return sized;
  }

  private array(s: JsonSchemaObject, at: string, depth: number, include: readonly (readonly PathStep[])[]): unknown[] {
    const inner = include.filter((p) => typeof p[0] === "object").map((p) => p.slice(1));
    const min = typeof s.minItems === "number" ? s.minItems : 0;
    const max = typeof s.maxItems === "number" ? s.maxItems : Infinity;
    const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    // Items no value satisfies (a `null`-only part merged with a string one): the array stays empty.
    const items = s.items === false || (s.items !== undefined && this.flatten(s.items) === false) ? undefined : s.items;
    const wanted = Math.min(max, Math.max(min, inner.length ? 1 : 0, prefix.length ? Math.min(prefix.length, Math.max(min, 1)) : depth < SHALLOW && items !== undefined ? 1 : 0));
    const out: unknown[] = [];
    for (let i = 0; i < wanted; i++) {
      const itemSchema = i < prefix.length ? prefix[i] : items;
      let v = this.value(itemSchema, `${at}/${i}`, depth + 1, inner);
      // Unique items: vary strings and numbers by their index (objects differ rarely need it).
      if (s.uniqueItems === true && i > 0 && out.some((o) => JSON.stringify(o) === JSON.stringify(v))) {
        v = typeof v === "string" ? v + i : typeof v === "number" ? v + i : v;
      }
      out.push(v);
    }
    return out;
  }

  private object(s: JsonSchemaObject, at: string, depth: number, include: readonly (readonly PathStep[])[]): Record<string, unknown> {
    const props = isObject(s.properties) ? s.properties : {};
    const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === "string") : [];
    const minProps = typeof s.minProperties === "number" ? s.minProperties : 0;
    const names = [...new Set(required)];
    for (const p of include) if (typeof p[0] === "string" && Object.hasOwn(props, p[0]) && !names.includes(p[0])) names.push(p[0]);
    for (const name of Object.keys(props)) if (names.length < minProps && !names.includes(name)) names.push(name);
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const sub = Object.hasOwn(props, name) ? props[name] : isObject(s.additionalProperties) ? s.additionalProperties : true;
      // `__proto__` as an own data property, like JSON.parse makes it (THREATS.md A6).
      const inner = include.filter((p) => p[0] === name).map((p) => p.slice(1));
      Object.defineProperty(out, name, { value: this.value(sub, `${at}/${escape(name)}`, depth + 1, inner), enumerable: true, writable: true, configurable: true });
    }
    for (let i = 0; Object.keys(out).length < minProps && i < minProps; i++) {
      const name = `key${i}`;
      if (!Object.hasOwn(out, name)) out[name] = this.value(isObject(s.additionalProperties) ? s.additionalProperties : true, `${at}/${name}`, depth + 1);
    }
    return out;
  }
}

/** `a` and `b` as one schema: what both require. Keywords only `b` has are copied over. */
function merge(a: JsonSchemaObject, b: JsonSchemaObject): JsonSchemaObject {
  const out: JsonSchemaObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (!(k in out)) {
      out[k] = v;
      continue;
    }
    const cur = out[k];
    switch (k) {
      case "properties":
        if (isObject(cur) && isObject(v)) {
          const merged: Record<string, unknown> = { ...cur };
          for (const [name, sub] of Object.entries(v)) merged[name] = Object.hasOwn(merged, name) ? { allOf: [merged[name], sub] } : sub;
          out[k] = merged;
        }
        break;
      case "required":
        out[k] = [...new Set([...(Array.isArray(cur) ? cur : []), ...(Array.isArray(v) ? v : [])])];
        break;
      case "minimum":
      case "minLength":
      case "minItems":
      case "minProperties":
      case "exclusiveMinimum":
        out[k] = typeof cur === "number" && typeof v === "number" ? Math.max(cur, v) : cur;
        break;
      case "maximum":
      case "maxLength":
      case "maxItems":
      case "maxProperties":
      case "exclusiveMaximum":
        out[k] = typeof cur === "number" && typeof v === "number" ? Math.min(cur, v) : cur;
        break;
      case "type": {
        const list = (t: unknown) => (Array.isArray(t) ? t : [t]);
        const both = list(cur).filter((t) => list(v).includes(t) || (t === "integer" && list(v).includes("number")));
        const widened = list(v).filter((t) => t === "integer" && list(cur).includes("number"));
        const types = [...new Set([...both, ...widened])];
        out[k] = types.length === 1 ? types[0] : types;
        break;
      }
      case "enum":
        out[k] = Array.isArray(cur) && Array.isArray(v) ? cur.filter((x) => v.some((y) => JSON.stringify(x) === JSON.stringify(y))) : cur;
        break;
      case "items":
      case "additionalProperties":
        out[k] = isObject(cur) && isObject(v) ? { allOf: [cur, v] } : cur === false || v === false ? false : cur;
        break;
      case "oneOf":
      case "anyOf":
        // Both must hold: nest the second as an `allOf` part of each first alternative.
        out[k] = Array.isArray(cur) && Array.isArray(v) && v.length ? cur.map((alt) => ({ allOf: [alt, v[0]] })) : cur;
        break;
      default:
        break;
    }
  }
  return out;
}

function escape(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `text` grown with `x` or cut to the length bounds (in code points). */
function fit(text: string, min: number, max: number): string {
  let chars = [...text];
  while (chars.length < min) chars.push("x");
  if (chars.length > max) chars = chars.slice(0, max);
  return chars.join("");
}

const compiled = new Map<string, (text: string) => boolean>();

/** Whether `text` matches a JSON Schema pattern (unanchored), as the generated receiver decides it. */
export function matches(pattern: string, text: string): boolean {
  let test = compiled.get(pattern);
  if (!test) {
    const plan = translatePattern(pattern);
    if (plan.kind === "linear") {
      const must = plan.must.map((p) => RE2JS.compile(p));
      const mustNot = plan.mustNot.map((p) => RE2JS.compile(p));
      test = (t) => must.every((r) => r.matcher(t).find()) && !mustNot.some((r) => r.matcher(t).find());
    } else {
      // The receiver does not enforce such a pattern (it says so at generation time): any string passes.
      test = () => true;
    }
    compiled.set(pattern, test);
  }
  return test(text);
}

/**
 * A string for a regular expression, from a small generator: literal characters, escapes
 * (`\d \w \s`, escaped punctuation), `.`, classes (their first member; for a negated class, a
 * letter or digit it does not list), groups (first alternative), quantifiers at their least
 * (`+` and `{n,}` once or n times). Anchors and lookarounds produce nothing. Undefined when the
 * pattern is beyond it; the caller checks the result against the pattern either way.
 */
export function fromPattern(pattern: string): string | undefined {
  try {
    const p = new PatternWriter(pattern);
    const out = p.alternatives();
    return p.done() ? out : undefined;
  } catch {
    return undefined;
  }
}

class PatternWriter {
  private i = 0;
  constructor(private readonly src: string) {}

  done(): boolean {
    return this.i >= this.src.length;
  }

  alternatives(): string {
    const first = this.sequence();
    while (this.src[this.i] === "|") {
      this.i++;
      this.sequence();
    }
    return first;
  }

  private sequence(): string {
    let out = "";
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const atom = this.atom();
      const [min] = this.quantifier();
      out += atom.repeat(min);
    }
    return out;
  }

  /** [least repetitions]; `*` and `?` give 0, `+` 1, `{n…}` n. */
  private quantifier(): [number] {
    const c = this.src[this.i];
    let min = 1;
    if (c === "*" || c === "?") {
      this.i++;
      min = 0;
    } else if (c === "+") {
      this.i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.i));
      if (!m) return [1];
      this.i += m[0].length;
      min = Number(m[1]);
    } else return [1];
    if (this.src[this.i] === "?" || this.src[this.i] === "+") this.i++;
    return [min];
  }

  private atom(): string {
    const c = this.src[this.i++]!;
    switch (c) {
      case "^":
      case "$":
        return "";
      case ".":
        return "a";
      case "(": {
        if (this.src.startsWith("?:", this.i)) this.i += 2;
        else if (/^\?<[A-Za-z]/.test(this.src.slice(this.i))) this.i = this.src.indexOf(">", this.i) + 1;
        else if (this.src[this.i] === "?") throw new Error("lookaround");
        const inner = this.alternatives();
        if (this.src[this.i++] !== ")") throw new Error("unclosed group");
        return inner;
      }
      case "[":
        return this.charClass();
      case "\\":
        return this.escape();
      default:
        return c;
    }
  }

  private escape(): string {
    const c = this.src[this.i++]!;
    const classes: Record<string, string> = { d: "0", w: "a", s: " ", D: "a", W: "-", S: "a", b: "", B: "", n: "\n", t: "\t", r: "\r" };
    if (c in classes) return classes[c]!;
    if (c === "u" && /^[0-9A-Fa-f]{4}/.test(this.src.slice(this.i))) {
      const hex = this.src.slice(this.i, this.i + 4);
      this.i += 4;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (c === "x" && /^[0-9A-Fa-f]{2}/.test(this.src.slice(this.i))) {
      const hex = this.src.slice(this.i, this.i + 2);
      this.i += 2;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (/[1-9kpP]/.test(c)) throw new Error("unsupported escape");
    return c;
  }

  private charClass(): string {
    const negated = this.src[this.i] === "^";
    if (negated) this.i++;
    const members: string[] = [];
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== "]" || first)) {
      first = false;
      let c = this.src[this.i++]!;
      if (c === "\\") c = this.escape();
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && this.i + 1 < this.src.length) {
        this.i++;
        let end = this.src[this.i++]!;
        if (end === "\\") end = this.escape();
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0) && members.length < 512; code++) members.push(String.fromCharCode(code));
      } else members.push(c);
    }
    if (this.src[this.i++] !== "]") throw new Error("unclosed class");
    if (!negated) return members[0] ?? "";
    return [..."aA0_-x"].find((ch) => !members.includes(ch)) ?? "~";
  }
}
