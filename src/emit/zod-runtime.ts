/**
 * The helpers generated `schemas.ts` files are built with, including those for the JSON
 * Schema keywords Zod has no exact counterpart for (code-point string length, exact
 * `multipleOf`, JSON equality, key-level object rules, `not`, formats …). A generated file
 * imports them from one module rendered from these sources (`renderBuildersModule`:
 * templates/runtime/schema-builders.ts, in the package and in a vendored runtime) and
 * declares only `OWN_HELPERS`; without a module (`renderRuntime`: the emitter's own tests,
 * which evaluate a file alone) only the helpers a file uses are emitted, in a fixed order.
 *
 * Two kinds of helpers:
 * - builders (`$object`, `$union` …) and primitive schemas (`$string` …): each is the Zod
 *   schema it is named after, but is *declared* as that schema's output type
 *   (`$array<T>(item: T): T[]`, `const $string: string`).
 *   Declarations compose them, so tsc computes plain TypeScript types and proves agreement
 *   with `types.ts` by assignability, instead of inferring Zod's generic classes and
 *   `z.output<…>` for every node (which made `tsc` on GitHub's whole output 8× slower and
 *   4× larger than on openapi-typescript's). Builders are `function` declarations (tsc
 *   resolves calls to those several times faster than to arrow-function constants), their
 *   signatures avoid conditional and mapped types (but `Partial` for optional properties),
 *   and their bodies pass Zod values on `as never` (relating two Zod class types costs tsc
 *   a second of variance computation, even once).
 * - rules: Zod checks (`$minLength(3)`), which never change a schema's output type.
 *
 * The text below is template code with no spec data in it; spec values reach helpers only
 * as arguments written by the encoders.
 *
 * All names start with `$`, which the naming stage never produces for schema identifiers.
 */
import { PRINT_WIDTH } from "./contract.js";
import { stringLiteral } from "./encoders.js";
import { ASSERTED_FORMATS, FORMAT_HELPER_DEPS, FORMAT_HELPER_SOURCES } from "./zod-formats.js";

interface Helper {
  deps: readonly string[];
  source: string;
  /** Import declarations the helper needs at the top of the file. */
  imports?: readonly string[];
}

const CORE: Record<string, Helper> = {
  $Check: {
    deps: [],
    source: `/**
 * A rule: a check Zod runs on a value after its type is known. Either Zod's own (\`$gte\`,
 * \`$lte\` …) or a JSON Schema keyword of ours; either way it only adds issues.
 */
type $Check = z.core.CheckFn<unknown> | z.core.$ZodCheck<unknown>;`,
  },
  $Schema: {
    deps: [],
    source: `/**
 * A schema passed to a check (\`$not(s)\`). Builders type schemas by their output, not as Zod
 * objects, so such parameters accept anything statically; at run time it is the Zod schema.
 */
type $Schema = unknown;`,
  },
  $apply: {
    deps: ["$Check"],
    source: `/**
 * \`schema.check(...rules)\`, or \`schema\` itself when there are none; typed by the caller.
 * Zod values cross helper boundaries \`as never\`: relating one Zod class type to another
 * (\`ZodString\` to \`ZodType\`) costs tsc about a second of variance computation.
 */
function $apply(schema: z.ZodType, rules: $Check[]): never {
  return (rules.length ? schema.check(...(rules as never[])) : schema) as never;
}`,
  },
  $zod: {
    deps: [],
    source: `/**
 * The builders, and the fields of \`$\` they fill, are typed by the *output* of the schema
 * they hold, so that tsc proves each schema agrees with its type. At run time each is the
 * real Zod schema; this is where it is typed as one again, for users.
 */
function $zod<T>(schema: T): z.ZodType<T> {
  return schema as never;
}`,
  },
  $lazy: {
    deps: [],
    source: `/** \`z.lazy\`: a reference that closes a cycle, resolved on first use. */
function $lazy<T>(get: () => T): T {
  return z.lazy(get as never) as never;
}`,
  },
  $literal: {
    deps: [],
    source: `/** \`z.literal\` of one or more values; the call states their literal type (\`$literal<"a" | "b">("a", "b")\`). */
function $literal<V extends string | number | boolean | null>(...values: V[]): V {
  return z.literal((values.length === 1 ? values[0] : values) as never) as never;
}`,
  },
  $array: {
    deps: ["$apply"],
    source: `function $array<T>(item: T, ...rules: $Check[]): T[] {
  return $apply(z.array(item as never) as never, rules);
}`,
  },
  $tuple: {
    deps: [],
    source: `/** \`z.tuple\`: the \`optional\` items may be absent (\`[a, b?]\`). */
function $tuple<R extends unknown[], O extends unknown[]>(required: [...R], optional: [...O]): [...R, ...Partial<O>] {
  return z.tuple([...required, ...optional.map((s) => (s as z.ZodType).exactOptional())] as never) as never;
}`,
  },
  $tupleRest: {
    deps: [],
    source: `/** \`z.tuple\` with a rest: \`[a, b?, ...rest[]]\`. */
function $tupleRest<R extends unknown[], O extends unknown[], E>(required: [...R], optional: [...O], rest: E): [...R, ...Partial<O>, ...E[]] {
  return z.tuple([...required, ...optional.map((s) => (s as z.ZodType).exactOptional())] as never, rest as never) as never;
}`,
  },
  $object: {
    deps: ["$apply"],
    source: `/**
 * \`z.looseObject\`: properties the shape does not list pass through. Optional properties
 * come from \`...$optional({…})\` in the shape.
 */
function $object<O>(shape: O, ...rules: $Check[]): O {
  return $apply(z.looseObject(shape as never) as never, rules);
}`,
  },
  $optional: {
    deps: [],
    source: `/** Shape entries that may be absent (\`exactOptional\`: present means valid, never \`undefined\`). */
function $optional<O>(shape: O): Partial<O> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(shape as Record<string, z.ZodType>)) out[k] = s.exactOptional();
  return out as never;
}`,
  },
  $catchall: {
    deps: ["$apply"],
    source: `/** \`z.object(shape).catchall(index)\`: properties the shape does not list must match \`index\`. */
function $catchall<O, I>(shape: O, index: I, ...rules: $Check[]): O & { [key: string]: I } {
  return $apply(z.object(shape as never).catchall(index as never) as never, rules);
}`,
  },
  $record: {
    deps: ["$apply"],
    source: `function $record<T>(value: T, ...rules: $Check[]): { [key: string]: T } {
  return $apply(z.record(z.string() as never, value as never) as never, rules);
}`,
  },
  $union: {
    deps: [],
    source: `/** \`z.union\`: the first option that matches. */
function $union<T extends unknown[]>(...options: T): T[number] {
  return z.union(options as never) as never;
}`,
  },
  $xor: {
    deps: [],
    source: `/** \`z.xor\`: exactly one option matches (\`oneOf\`). */
function $xor<T extends unknown[]>(...options: T): T[number] {
  return z.xor(options as never) as never;
}`,
  },
  $oneOf: {
    deps: ["$stricter", "$exclusive"],
    source: `/** \`oneOf\` in the lenient policies: \`z.union\`, exclusive only under \`$strictness\` "strict". */
function $oneOf<T extends unknown[]>(...options: T): T[number] {
  return z.union(options as never).check($stricter("strict", $exclusive(options)) as never) as never;
}`,
  },
  $discriminated: {
    deps: [],
    source: `/** \`z.discriminatedUnion\`; the options are object schemas at run time. */
function $discriminated<T extends unknown[]>(key: string, ...options: T): T[number] {
  return z.discriminatedUnion(key, options as never) as never;
}`,
  },
  $nullable: {
    deps: [],
    source: `function $nullable<T>(schema: T): T | null {
  return (schema as z.ZodType).nullable() as never;
}`,
  },
  $intersect: {
    deps: [],
    source: `/**
 * \`allOf\` of two schemas as one schema, built once. Zod's \`z.intersection\` parses the value
 * with both and deep-merges the two results on every parse, which made up most of the
 * validation time of payloads such as GitHub's. JSON Schema validation never changes a value
 * (a valid value comes out as it went in), so an equivalent schema can be built instead:
 * - two open objects (\`$object\`: other properties pass) → one open object with both shapes
 *   (a property both declare gets \`$intersect\` of the two, and is optional only where both
 *   say so) and the rules of both — a rule checks the whole value, whichever object it
 *   came with (\`$closed\` lists the names it allows itself);
 * - \`type: object\` without properties (\`$record($unknown)\`, nullable or not) → the other
 *   schema, with a rule that the value is such an object (or null), and the record's rules;
 * - a bare primitive schema (\`$string\`, \`$number\`, \`$unknown\` …) → the other schema when it
 *   has that type; two nullables → the nullable intersection; a schema with itself → itself.
 * Anything else (objects whose other properties must match a schema, \`$raw\`, lazy
 * references, unions …) stays \`z.intersection\`. Issues may differ from what the
 * intersection reports (a rule of one side is skipped when the other side's properties
 * already failed); which values are valid does not.
 */
function $intersect(a: z.ZodType, b: z.ZodType): z.ZodType {
  if (a === b) return a;
  type Def = {
    type: string;
    checks?: unknown[];
    shape?: Record<string, z.ZodType>;
    catchall?: z.ZodType;
    innerType?: z.ZodType;
    keyType?: z.ZodType;
    valueType?: z.ZodType;
  };
  const def = (s: z.ZodType): Def => s._zod.def as unknown as Def;
  // Zod's internals are read as Zod 4 lays them out (tests pin the behaviour); a schema
  // without a traits set reads as having none rather than failing while schemas load.
  const is = (s: z.ZodType, trait: string): boolean => (s._zod.traits as Set<string> | undefined)?.has(trait) ?? false;
  /** A schema that only says "of type \`type\`": no rules, not a format (Zod formats are checks themselves). */
  const bare = (s: z.ZodType | undefined, type: string): boolean =>
    s !== undefined && def(s).type === type && !def(s).checks?.length && !is(s, "$ZodCheck");
  const withRules = (s: z.ZodType, rules: unknown[]): z.ZodType => (rules.length ? s.check(...(rules as never[])) : s);

  /** What \`z.record\` accepts as an object: a plain one (JSON objects always are). */
  const plainObject = (v: unknown): boolean => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  };
  /** The rules that make any schema equal to \`s\` ∩ it, when \`s\` is \`type: object\` without properties. */
  const objectRules = (s: z.ZodType): unknown[] | undefined => {
    let nullable = false;
    const rules: unknown[] = [];
    if (def(s).type === "nullable") {
      nullable = true;
      rules.push(...(def(s).checks ?? []));
      s = def(s).innerType!;
    }
    const d = def(s);
    if (d.type !== "record" || is(s, "$ZodCheck") || !bare(d.keyType, "string") || !bare(d.valueType, "unknown")) return undefined;
    // What the record's own parse rejects (Zod's isPlainObject, Zod's issue); its rules after it.
    const isRecord = (p: z.core.ParsePayload<unknown>): void => {
      const v = p.value;
      if (!(nullable && v === null) && !plainObject(v)) p.issues.push({ code: "invalid_type", expected: "record", input: v } as never);
    };
    return [isRecord, ...(d.checks ?? []), ...rules];
  };

  /** An open object's shape, when it can be merged: no catchall schema, no getters in the shape. */
  const openShape = (s: z.ZodType): Record<string, z.ZodType> | undefined => {
    const d = def(s);
    if (d.type !== "object" || !bare(d.catchall, "unknown")) return undefined;
    const shape = d.shape;
    if (!shape) return undefined;
    for (const k of Object.keys(shape)) if (Object.getOwnPropertyDescriptor(shape, k)?.get) return undefined;
    return shape;
  };
  /**
   * Whether \`s\` is a required property for Zod (\`optin\` undefined). Only asked where no
   * \`$lazy\` is involved: Zod computes \`optin\` from the lazy's target, which may not be
   * defined yet while the schemas are being built (it would then cache the wrong answer).
   */
  const required = (s: z.ZodType, depth = 0): boolean => {
    const noLazy = (t: z.ZodType, d: number): boolean => {
      const x = def(t) as Def & { options?: z.ZodType[]; in?: z.ZodType; out?: z.ZodType };
      if (x.type === "lazy" || d > 32) return false;
      const next = [x.innerType, x.in, x.out, ...(x.options ?? [])];
      return next.every((n) => n === undefined || noLazy(n, d + 1));
    };
    return noLazy(s, depth) && s._zod.optin === undefined;
  };
  /** A shape entry → its schema and whether the key may be absent; undefined when that is not plain to see. */
  const entry = (s: z.ZodType): { schema: z.ZodType; optional: boolean } | undefined => {
    if (is(s, "$ZodExactOptional")) return def(s).checks?.length ? undefined : { schema: def(s).innerType!, optional: true };
    return required(s) ? { schema: s, optional: false } : undefined;
  };
  const mergeObjects = (sa: Record<string, z.ZodType>, sb: Record<string, z.ZodType>): z.ZodType | undefined => {
    const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
    const shape: Record<string, z.ZodType> = {};
    const put = (k: string, v: z.ZodType): void => {
      Object.defineProperty(shape, k, { value: v, enumerable: true, writable: true, configurable: true });
    };
    for (const k of Object.keys(sa)) {
      if (!has(sb, k)) {
        put(k, sa[k]!);
        continue;
      }
      const x = entry(sa[k]!);
      const y = entry(sb[k]!);
      if (!x || !y) return undefined;
      const both = $intersect(x.schema, y.schema);
      if (x.optional && y.optional) put(k, both.exactOptional() as never);
      else if (required(both)) put(k, both);
      else return undefined;
    }
    for (const k of Object.keys(sb)) if (!has(sa, k)) put(k, sb[k]!);
    return withRules(z.looseObject(shape) as never, [...(def(a).checks ?? []), ...(def(b).checks ?? [])]);
  };

  const ra = objectRules(a);
  if (ra) return withRules(b, ra);
  const rb = objectRules(b);
  if (rb) return withRules(a, rb);
  for (const type of ["unknown", "string", "number", "boolean", "null"]) {
    if (bare(a, type) && (type === "unknown" || def(b).type === type)) return b;
    if (bare(b, type) && (type === "unknown" || def(a).type === type)) return a;
  }
  if (bare(a, "nullable") && bare(b, "nullable")) return $intersect(def(a).innerType!, def(b).innerType!).nullable() as never;
  const sa = openShape(a);
  const sb = sa && openShape(b);
  const merged = sa && sb ? mergeObjects(sa, sb) : undefined;
  return merged ?? (a.and(b as never) as never);
}`,
  },
  $and: {
    deps: ["$intersect"],
    source: `/** \`allOf\`: see \`$intersect\`. */
function $and<A, B>(a: A, b: B): A & B {
  return $intersect(a as never, b as never) as never;
}`,
  },
  $check: {
    deps: ["$apply"],
    source: `/** Rules on a schema built by another builder; the output type stays. */
function $check<T>(schema: T, ...rules: $Check[]): T {
  return $apply(schema as z.ZodType, rules);
}`,
  },
  $Pattern: {
    deps: [],
    source: `/** A spec \`pattern\` (or \`patternProperties\` key) as \`$re\` compiled it; \`source\` is the spec's text. */
interface $Pattern {
  readonly source: string;
  test(text: string): boolean;
}`,
  },
  $re: {
    deps: ["$Pattern"],
    imports: [`import { RE2JS } from "re2js";`],
    source: `/**
 * A spec pattern, run by RE2 (re2js): its time is linear in the text, so no value a request
 * carries can make validation slow (JavaScript's RegExp takes exponential time on patterns
 * such as \`^(a+)+$\`). gen-callbacks translated the ECMAScript \`source\` into RE2 syntax
 * with the same meaning: the text matches when every \`must\` pattern matches somewhere in it
 * and no \`mustNot\` does (a leading \`^(?=…)\` or \`^(?!…)\` of the source is one of these).
 */
function $re(source: string, must: string[], mustNot: string[] = []): $Pattern {
  const all = must.map((p) => RE2JS.compile(p));
  const none = mustNot.map((p) => RE2JS.compile(p));
  return { source, test: (text) => all.every((re) => re.test(text)) && !none.some((re) => re.test(text)) };
}`,
  },
  $gte: {
    deps: ["$Check"],
    source: `function $gte(limit: number): $Check {
  return z.gte(limit) as never;
}`,
  },
  $gt: {
    deps: ["$Check"],
    source: `function $gt(limit: number): $Check {
  return z.gt(limit) as never;
}`,
  },
  $lte: {
    deps: ["$Check"],
    source: `function $lte(limit: number): $Check {
  return z.lte(limit) as never;
}`,
  },
  $lt: {
    deps: ["$Check"],
    source: `function $lt(limit: number): $Check {
  return z.lt(limit) as never;
}`,
  },
  $min: {
    deps: ["$Check"],
    source: `/** An array's \`.min(n)\`. */
function $min(length: number): $Check {
  return z.minLength(length) as never;
}`,
  },
  $max: {
    deps: ["$Check"],
    source: `/** An array's \`.max(n)\`. */
function $max(length: number): $Check {
  return z.maxLength(length) as never;
}`,
  },
  $fail: {
    deps: ["$Check"],
    source: `function $fail(payload: z.core.ParsePayload<unknown>, message: string, path: (string | number)[] = []): void {
  payload.issues.push({ code: "custom", message, input: payload.value, path });
}`,
  },
  $strictness: {
    deps: [],
    source: `/**
 * A policy stricter than the one these schemas were generated with, while set: the checks
 * only that policy makes (\`$stricter\`) run too, so a lenient file validates as the strict
 * one would. The receiver sets it around each request's validation when its \`policy\`
 * option asks for more than the generated policy; parsing is synchronous, so a value set
 * before \`safeParse\` and restored after applies to that parse alone. A looser policy than
 * the generated one cannot be had at run time: the types would promise too much.
 */
export const $strictness: { policy: "lenient" | "strict" | undefined } = { policy: undefined };`,
  },
  $stricter: {
    deps: ["$Check", "$strictness"],
    source: `/** \`check\`, run only while \`$strictness\` asks for \`policy\` or a stricter one. */
function $stricter(policy: "lenient" | "strict", check: $Check): $Check {
  const run = check as z.core.CheckFn<unknown>;
  return (p) => {
    const now = $strictness.policy;
    if (now === "strict" || now === policy) run(p);
  };
}`,
  },
  $listed: {
    deps: ["$Check", "$stricter", "$fail"],
    source: `/** An opened enum's values, exact again under \`$strictness\` "strict". */
function $listed(values: unknown[]): $Check {
  const listed = new Set(values);
  return $stricter("strict", (p) => {
    if (!listed.has(p.value)) $fail(p, "must equal one of the listed values");
  });
}`,
  },
  $openString: {
    deps: ["$listed"],
    source: `/** An enum of strings the lenient policies opened: any string (\`$listed\` under strict). */
function $openString(values: string[]): string {
  return z.string().check($listed(values) as never) as never;
}`,
  },
  $openNumber: {
    deps: ["$listed", "$isInteger"],
    source: `/** An enum of numbers the lenient policies opened, to any number or any integer. */
function $openNumber(values: number[], integer: boolean): number {
  const base = z.number();
  return (integer ? base.check($isInteger as never, $listed(values) as never) : base.check($listed(values) as never)) as never;
}`,
  },
  $exclusive: {
    deps: ["$Check", "$fail", "$parse"],
    source: `/**
 * \`oneOf\`'s exclusivity as a check, for unions that take the first option that matches
 * (the lenient policies, where open enums and advisory \`required\` make options overlap).
 * It sees the union's output, which is the input for JSON data: objects are loose.
 */
function $exclusive(options: $Schema[]): $Check {
  return (p) => {
    let matched = 0;
    for (const option of options) if ($parse(option, p.value).success && ++matched > 1) break;
    if (matched > 1) $fail(p, "must match exactly one schema in oneOf, matched several");
  };
}`,
  },
  $isObject: {
    deps: [],
    source: `function $isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}`,
  },
  $has: {
    deps: [],
    source: `function $has(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}`,
  },
  $parse: {
    deps: ["$Schema"],
    source: `/** \`safeParse\` with a schema a builder made (statically typed by its output). */
function $parse(schema: $Schema, value: unknown): z.ZodSafeParseResult<unknown> {
  return (schema as z.ZodType).safeParse(value);
}`,
  },
  $firstIssue: {
    deps: [],
    source: `/** Re-reports the first issue of a nested check below \`path\`. */
function $firstIssue(payload: z.core.ParsePayload<unknown>, error: z.ZodError, path: (string | number)[]): void {
  const issue = error.issues[0];
  payload.issues.push({ code: "custom", message: issue?.message ?? "invalid", input: payload.value, path: [...path, ...(issue?.path ?? [])] });
}`,
  },
  $equal: {
    deps: ["$isObject", "$has"],
    source: `/** JSON Schema equality: numbers by value, objects by key set regardless of order. */
function $equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => $equal(x, b[i]));
  if (!$isObject(a) || !$isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => $has(b, k) && $equal(a[k], b[k]));
}`,
  },
  $canonical: {
    deps: ["$isObject"],
    source: `/** A string that is equal for two values exactly when they are JSON-equal. */
function $canonical(value: unknown): string {
  if (Array.isArray(value)) return "[" + value.map($canonical).join(",") + "]";
  if ($isObject(value)) return "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + $canonical(value[k])).join(",") + "}";
  return JSON.stringify(value) ?? "null";
}`,
  },
  $codePoints: {
    deps: [],
    source: `/** String length in Unicode code points, as JSON Schema counts it (not UTF-16 units). */
function $codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}`,
  },
  $decimal: {
    deps: [],
    source: `/** A finite number as an exact decimal: digits × 10^exponent, from its shortest spelling. */
function $decimal(n: number): [bigint, number] {
  const [mantissa = "0", exponent = "0"] = n.toExponential().split("e");
  const [whole = "0", fraction = ""] = mantissa.split(".");
  return [BigInt(whole + fraction), Number(exponent) - fraction.length];
}`,
  },
  $isInteger: {
    deps: ["$Check", "$fail"],
    source: `/** \`type: integer\` without Zod's safe-integer limit: 820982911946154508 is an integer. */
const $isInteger: $Check = (p) => {
  if (typeof p.value === "number" && !Number.isInteger(p.value)) $fail(p, "must be an integer");
};`,
  },
  $multipleOf: {
    deps: ["$Check", "$fail", "$decimal"],
    source: `/** Exact \`multipleOf\` on the decimal spelling (0.0075 is a multiple of 0.0001). */
function $multipleOf(divisor: number): $Check {
  const [d, e] = $decimal(divisor);
  return (p) => {
    const v = p.value;
    if (typeof v !== "number") return;
    let ok: boolean;
    if (Number.isSafeInteger(v) && Number.isSafeInteger(divisor)) ok = v % divisor === 0;
    else {
      const [n, f] = $decimal(v);
      const scale = Math.min(e, f);
      ok = (n * BigInt(10) ** BigInt(f - scale)) % (d * BigInt(10) ** BigInt(e - scale)) === BigInt(0);
    }
    if (!ok) $fail(p, "must be a multiple of " + divisor);
  };
}`,
  },
  $minimum: {
    deps: ["$Check", "$fail"],
    source: `function $minimum(limit: number, exclusive: boolean): $Check {
  return (p) => {
    if (typeof p.value === "number" && (exclusive ? !(p.value > limit) : !(p.value >= limit))) $fail(p, "must be " + (exclusive ? "> " : ">= ") + limit);
  };
}`,
  },
  $maximum: {
    deps: ["$Check", "$fail"],
    source: `function $maximum(limit: number, exclusive: boolean): $Check {
  return (p) => {
    if (typeof p.value === "number" && (exclusive ? !(p.value < limit) : !(p.value <= limit))) $fail(p, "must be " + (exclusive ? "< " : "<= ") + limit);
  };
}`,
  },
  $minLength: {
    deps: ["$Check", "$fail", "$codePoints"],
    source: `function $minLength(limit: number): $Check {
  return (p) => {
    if (typeof p.value === "string" && $codePoints(p.value) < limit) $fail(p, "must be at least " + limit + " characters long");
  };
}`,
  },
  $maxLength: {
    deps: ["$Check", "$fail", "$codePoints"],
    source: `function $maxLength(limit: number): $Check {
  return (p) => {
    if (typeof p.value === "string" && $codePoints(p.value) > limit) $fail(p, "must be at most " + limit + " characters long");
  };
}`,
  },
  $pattern: {
    deps: ["$Check", "$fail", "$Pattern"],
    source: `/** \`pattern\` is unanchored: it must match somewhere in the string. */
function $pattern(re: $Pattern): $Check {
  return (p) => {
    if (typeof p.value === "string" && !re.test(p.value)) $fail(p, "must match the pattern " + re.source);
  };
}`,
  },
  $minItems: {
    deps: ["$Check", "$fail"],
    source: `function $minItems(limit: number): $Check {
  return (p) => {
    if (Array.isArray(p.value) && p.value.length < limit) $fail(p, "must have at least " + limit + " items");
  };
}`,
  },
  $maxItems: {
    deps: ["$Check", "$fail"],
    source: `function $maxItems(limit: number): $Check {
  return (p) => {
    if (Array.isArray(p.value) && p.value.length > limit) $fail(p, "must have at most " + limit + " items");
  };
}`,
  },
  $uniqueItems: {
    deps: ["$Check", "$fail", "$canonical"],
    source: `const $uniqueItems: $Check = (p) => {
  if (!Array.isArray(p.value)) return;
  const seen = new Set<string>();
  p.value.forEach((item, i) => {
    const key = $canonical(item);
    if (seen.has(key)) $fail(p, "must not repeat an item", [i]);
    seen.add(key);
  });
};`,
  },
  $items: {
    deps: ["$Check", "$firstIssue", "$parse"],
    source: `/** \`prefixItems\`/\`items\` on a value that is not known to be an array. */
function $items(prefix: $Schema[], rest: $Schema | undefined): $Check {
  return (p) => {
    if (!Array.isArray(p.value)) return;
    p.value.forEach((item, i) => {
      const schema = i < prefix.length ? prefix[i] : rest;
      if (schema === undefined) return;
      const r = $parse(schema, item);
      if (!r.success) $firstIssue(p, r.error, [i]);
    });
  };
}`,
  },
  $contains: {
    deps: ["$Check", "$fail", "$parse"],
    source: `function $contains(schema: $Schema, min: number, max: number | undefined): $Check {
  return (p) => {
    if (!Array.isArray(p.value)) return;
    const count = p.value.filter((item) => $parse(schema, item).success).length;
    if (count < min) $fail(p, "must contain at least " + min + " matching items");
    if (max !== undefined && count > max) $fail(p, "must contain at most " + max + " matching items");
  };
}`,
  },
  $required: {
    deps: ["$Check", "$fail", "$isObject", "$has"],
    source: `function $required(keys: string[]): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const k of keys) if (!$has(v, k)) $fail(p, "required property is missing", [k]);
  };
}`,
  },
  $minProperties: {
    deps: ["$Check", "$fail", "$isObject"],
    source: `function $minProperties(limit: number): $Check {
  return (p) => {
    if ($isObject(p.value) && Object.keys(p.value).length < limit) $fail(p, "must have at least " + limit + " properties");
  };
}`,
  },
  $maxProperties: {
    deps: ["$Check", "$fail", "$isObject"],
    source: `function $maxProperties(limit: number): $Check {
  return (p) => {
    if ($isObject(p.value) && Object.keys(p.value).length > limit) $fail(p, "must have at most " + limit + " properties");
  };
}`,
  },
  $closed: {
    deps: ["$Check", "$fail", "$isObject", "$Pattern"],
    source: `/** \`additionalProperties: false\`: no property beyond \`known\` and the \`patterns\`. */
function $closed(known: string[], patterns: $Pattern[]): $Check {
  const names = new Set(known);
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const k of Object.keys(v)) if (!names.has(k) && !patterns.some((re) => re.test(k))) $fail(p, "unknown property", [k]);
  };
}`,
  },
  $patternProperties: {
    deps: ["$Check", "$isObject", "$firstIssue", "$parse", "$Pattern"],
    source: `/** Every property whose name matches a pattern must match that pattern's schema. */
function $patternProperties(rules: [$Pattern, $Schema][]): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const k of Object.keys(v)) {
      for (const [re, schema] of rules) {
        if (!re.test(k)) continue;
        const r = $parse(schema, v[k]);
        if (!r.success) $firstIssue(p, r.error, [k]);
      }
    }
  };
}`,
  },
  $additionalProperties: {
    deps: ["$Check", "$isObject", "$firstIssue", "$parse", "$Pattern"],
    source: `/** Properties outside \`known\` and the \`patterns\` must match \`schema\`. */
function $additionalProperties(known: string[], patterns: $Pattern[], schema: $Schema): $Check {
  const names = new Set(known);
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const k of Object.keys(v)) {
      if (names.has(k) || patterns.some((re) => re.test(k))) continue;
      const r = $parse(schema, v[k]);
      if (!r.success) $firstIssue(p, r.error, [k]);
    }
  };
}`,
  },
  $propertyNames: {
    deps: ["$Check", "$isObject", "$firstIssue", "$parse"],
    source: `function $propertyNames(schema: $Schema): $Check {
  return (p) => {
    if (!$isObject(p.value)) return;
    for (const k of Object.keys(p.value)) {
      const r = $parse(schema, k);
      if (!r.success) $firstIssue(p, r.error, [k]);
    }
  };
}`,
  },
  $dependentRequired: {
    deps: ["$Check", "$fail", "$isObject", "$has"],
    source: `function $dependentRequired(rules: [string, string[]][]): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const [k, needs] of rules) {
      if (!$has(v, k)) continue;
      for (const n of needs) if (!$has(v, n)) $fail(p, "required when " + JSON.stringify(k) + " is present", [n]);
    }
  };
}`,
  },
  $dependentSchemas: {
    deps: ["$Check", "$isObject", "$has", "$firstIssue", "$parse"],
    source: `function $dependentSchemas(rules: [string, $Schema][]): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const [k, schema] of rules) {
      if (!$has(v, k)) continue;
      const r = $parse(schema, v);
      if (!r.success) $firstIssue(p, r.error, []);
    }
  };
}`,
  },
  $property: {
    deps: ["$Check", "$fail", "$isObject", "$has", "$firstIssue", "$parse"],
    source: `/** A property Zod's object parser cannot see (\`__proto__\`), checked on the raw input. */
function $property(key: string, schema: $Schema, required: boolean): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    if (!$has(v, key)) {
      if (required) $fail(p, "required property is missing", [key]);
      return;
    }
    const r = $parse(schema, v[key]);
    if (!r.success) $firstIssue(p, r.error, [key]);
  };
}`,
  },
  $not: {
    deps: ["$Check", "$fail", "$parse"],
    source: `function $not(schema: $Schema): $Check {
  return (p) => {
    if ($parse(schema, p.value).success) $fail(p, "must not match the schema in \`not\`");
  };
}`,
  },
  $ifThenElse: {
    deps: ["$Check", "$firstIssue", "$parse"],
    source: `function $ifThenElse(condition: $Schema, then: $Schema | undefined, otherwise: $Schema | undefined): $Check {
  return (p) => {
    const branch = $parse(condition, p.value).success ? then : otherwise;
    if (branch === undefined) return;
    const r = $parse(branch, p.value);
    if (!r.success) $firstIssue(p, r.error, []);
  };
}`,
  },
  $enum: {
    deps: ["$Check", "$fail", "$equal"],
    source: `/** \`enum\`/\`const\` with objects or arrays: JSON equality with one of \`values\`. */
function $enum(values: unknown[]): $Check {
  return (p) => {
    if (!values.some((v) => $equal(v, p.value))) $fail(p, "must equal one of the listed values");
  };
}`,
  },
  $format: {
    deps: ["$Check", "$fail", "$formats"],
    source: `function $format(name: string): $Check {
  const test = $formats[name];
  return (p) => {
    if (test !== undefined && !test(p.value)) $fail(p, "must be a valid " + name);
  };
}`,
  },
  $ownCopy: {
    deps: ["$isObject"],
    source: `/** A prototype-free copy, so that Zod's \`key in input\` sees own properties only. */
function $ownCopy(value: unknown): unknown {
  if (!$isObject(value)) return value;
  const copy: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(value)) Object.defineProperty(copy, k, { value: value[k], enumerable: true, writable: true, configurable: true });
  return copy;
}`,
  },
  $raw: {
    deps: ["$Check", "$ownCopy"],
    source: `/**
 * For objects whose property names Zod would look up on the prototype chain (\`constructor\`,
 * \`toString\`, …) or skip (\`__proto__\`): run \`checks\` on the raw input, then parse a
 * prototype-free copy. The output type is \`schema\`'s.
 */
function $raw<T>(schema: T, ...checks: $Check[]): T {
  return z.unknown().check(...checks).overwrite($ownCopy).pipe(schema as z.ZodType) as never;
}`,
  },
  $unknown: {
    deps: [],
    source: `/**
 * The primitive schemas, one instance each: Zod schemas are immutable values, so sharing
 * them changes nothing but memory. Constants rather than calls, as the commonest nodes
 * should cost tsc least. (Declared last: \`$integer\` needs \`$isInteger\`.)
 */
const $unknown: unknown = z.unknown() as never;`,
  },
  $never: {
    deps: [],
    source: `const $never: never = z.never() as never;`,
  },
  $null: {
    deps: [],
    source: `const $null: null = z.null() as never;`,
  },
  $boolean: {
    deps: [],
    source: `const $boolean: boolean = z.boolean() as never;`,
  },
  $string: {
    deps: [],
    source: `const $string: string = z.string() as never;`,
  },
  $number: {
    deps: [],
    source: `const $number: number = z.number() as never;`,
  },
  $blob: {
    deps: [],
    source: `/** A file part of a multipart body (\`type: string, format: binary\` admits it beside text). */
const $blob: Blob = z.instanceof(Blob) as never;`,
  },
  $integer: {
    deps: ["$isInteger"],
    source: `/** \`type: integer\` without bounds (bounded: \`$check($number, $gte(0), $isInteger)\`, Zod's order). */
const $integer: number = z.number().check($isInteger as never) as never;`,
  },
};

/**
 * Helpers every `schemas.ts` declares itself even when the others come from the runtime
 * module: `$zod` types a schema as the *user's* `z.ZodType` (a project whose `zod` is not the
 * copy this package resolves still gets its own type), and `$re` is the only helper that
 * needs `re2js`, which a spec without patterns should not make a dependency.
 */
const OWN_HELPERS: ReadonlySet<string> = new Set(["$zod", "$re"]);

/** Helpers that are types (imported with `type`). */
const TYPE_HELPERS: ReadonlySet<string> = new Set(
  Object.entries(CORE)
    .filter(([, h]) => /^(?:\/\*\*[\s\S]*?\*\/\n)?(?:type|interface) /.test(h.source))
    .map(([name]) => name),
);

/**
 * Renders the helpers in `used` and everything they depend on. `formats` lists the
 * asserted format names in use (they fill the `$formats` table).
 */
export function renderRuntime(used: ReadonlySet<string>, formats: ReadonlyMap<string, { type: "string" | "number"; predicate: string }>): string {
  return renderHelpers(closure(used, formats), formats);
}

function renderHelpers(all: ReadonlySet<string>, formats: ReadonlyMap<string, { type: "string" | "number"; predicate: string }>): string {
  const order = [...Object.keys(CORE), ...Object.keys(FORMAT_HELPER_SOURCES)];
  const chunks: string[] = [];
  for (const name of order) {
    if (!all.has(name)) continue;
    if (name === "$formats") continue;
    chunks.push(CORE[name]?.source ?? FORMAT_HELPER_SOURCES[name]!);
  }
  if (all.has("$formats")) chunks.push(formatTable(formats));
  return chunks.join("\n\n");
}

/** The import declarations the helpers in `used` (and what they depend on) need, in a fixed order. */
export function runtimeImports(used: ReadonlySet<string>): string[] {
  const all = closure(used, new Map());
  return [...new Set(Object.keys(CORE).flatMap((name) => (all.has(name) ? (CORE[name]!.imports ?? []) : [])))];
}

/**
 * The helpers of a `schemas.ts` that imports them from the runtime module `specifier`
 * (`gen-callbacks/runtime/schema-builders`, or the vendored copy): the import and re-export
 * lines, and the text of the few it declares itself (`OWN_HELPERS`).
 */
export function importedRuntime(used: ReadonlySet<string>, specifier: string): { imports: string[]; text: string } {
  const own = new Set([...used].filter((n) => OWN_HELPERS.has(n)));
  // The module's helpers the file names, and those its own helpers use (`$re` returns a `$Pattern`).
  const fromModule = [...used, ...closure(own, new Map())].filter((n) => !OWN_HELPERS.has(n) && n !== "$strictness");
  const names = [...new Set(fromModule)].sort().map((n) => (TYPE_HELPERS.has(n) ? `type ${n}` : n));
  const from = stringLiteral(specifier);
  const oneLine = `import { ${names.join(", ")} } from ${from};`;
  const imports = [
    ...runtimeImports(own),
    ...(names.length === 0 ? [] : oneLine.length <= PRINT_WIDTH ? [oneLine] : [`import {\n${names.map((n) => `  ${n},`).join("\n")}\n} from ${from};`]),
    // The receiver reaches the switch for stricter run-time policies through this file.
    ...(used.has("$strictness") ? [`export { $strictness } from ${from};`] : []),
  ];
  return { imports, text: renderHelpers(own, new Map()) };
}

/**
 * The runtime module (templates/runtime/schema-builders.ts) that generated `schemas.ts`
 * files import their helpers from: every helper but `OWN_HELPERS`, exported, and the
 * `$formats` table of every format gen-callbacks can assert. Generated from the helper
 * sources above, so that the inline and the imported helpers are one text
 * (`scripts/write-schema-builders.mjs` writes it; a test checks it is current).
 */
export function renderBuildersModule(): string {
  const everything = new Set(runtimeNames());
  const formats = new Map(Object.entries(ASSERTED_FORMATS));
  const all = new Set([...closure(everything, formats)].filter((n) => !OWN_HELPERS.has(n)));
  const body = renderHelpers(all, formats).replace(/^(function|const|type|interface) \$/gm, "export $1 $");
  return `/**
 * The helpers generated \`schemas.ts\` files build their Zod schemas with: builders typed by
 * the output of the schema they return (\`$object<O>(shape: O): O\`), so that tsc proves a
 * generated schema agrees with its \`types.ts\` type by plain assignability, and the rules
 * for the JSON Schema keywords Zod has no exact counterpart for. One copy serves every
 * provider a project receives from.
 *
 * GENERATED from src/emit/zod-runtime.ts by scripts/write-schema-builders.mjs: do not edit.
 */
import { z } from "zod";

${body}
`;
}

/** Every `$`-name `renderRuntime` can declare (for collision checks against schema names). */
export function runtimeNames(): string[] {
  return [...Object.keys(CORE), ...Object.keys(FORMAT_HELPER_SOURCES), "$formats"];
}

/** `used` and every helper they depend on. */
function closure(used: ReadonlySet<string>, formats: ReadonlyMap<string, { predicate: string }>): Set<string> {
  const all = new Set<string>();
  const visit = (name: string): void => {
    if (all.has(name)) return;
    all.add(name);
    for (const d of dependencies(name, formats)) visit(d);
  };
  for (const name of used) visit(name);
  return all;
}

function dependencies(name: string, formats: ReadonlyMap<string, { predicate: string }>): readonly string[] {
  if (name === "$formats") return ["$Check", ...[...formats.values()].map((f) => f.predicate)];
  return CORE[name]?.deps ?? FORMAT_HELPER_DEPS[name] ?? [];
}

function formatTable(formats: ReadonlyMap<string, { type: "string" | "number"; predicate: string }>): string {
  const names = [...formats.keys()].sort();
  const rows = names.map((name) => {
    const f = formats.get(name)!;
    return `  ${JSON.stringify(name)}: (v) => typeof v !== ${JSON.stringify(f.type)} || ${f.predicate}(v),`;
  });
  return `/** Asserted formats; each ignores values of other types, as JSON Schema requires. */
const $formats: Record<string, (value: unknown) => boolean> = {
${rows.join("\n")}
};`;
}
