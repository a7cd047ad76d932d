/**
 * The helpers generated `schemas.ts` files build their Zod schemas with: builders typed by
 * the output of the schema they return (`$object<O>(shape: O): O`), so that tsc proves a
 * generated schema agrees with its `types.ts` type by plain assignability, and the rules
 * for the JSON Schema keywords Zod has no exact counterpart for. One copy serves every
 * provider a project receives from.
 *
 * GENERATED from src/emit/zod-runtime.ts by scripts/write-schema-builders.mjs: do not edit.
 */
import { z } from "zod";

/**
 * A rule: a check Zod runs on a value after its type is known. Either Zod's own (`$gte`,
 * `$lte` …) or a JSON Schema keyword of ours; either way it only adds issues.
 */
export type $Check = z.core.CheckFn<unknown> | z.core.$ZodCheck<unknown>;

/**
 * A schema passed to a check (`$not(s)`). Builders type schemas by their output, not as Zod
 * objects, so such parameters accept anything statically; at run time it is the Zod schema.
 */
export type $Schema = unknown;

/**
 * `schema.check(...rules)`, or `schema` itself when there are none; typed by the caller.
 * Zod values cross helper boundaries `as never`: relating one Zod class type to another
 * (`ZodString` to `ZodType`) costs tsc about a second of variance computation.
 */
export function $apply(schema: z.ZodType, rules: $Check[]): never {
  return (rules.length ? schema.check(...(rules as never[])) : schema) as never;
}

/**
 * What a builder knows, without Zod, about the values its schema takes exactly as they are
 * (see `$accepts`): `test(v)` is true only when `safeParse(v)` succeeds with `data` equal
 * to `v` — false for anything it does not model. `exact`: besides, on JSON data
 * (`$isJson`) `test` is false only when Zod rejects; a union needs that to trust an earlier
 * option's `false` (Zod returns the first option that succeeds, whatever it made of the value).
 */
export interface $Acceptance {
  readonly test: (value: unknown) => boolean;
  readonly exact: boolean;
  /**
   * For a schema that only asks for a type (`$string`, `$nullable($integer)` …): the
   * `$typeBits` it takes, so that objects and arrays test their members without a call.
   */
  readonly types?: number;
}

/**
 * Each builder's acceptance, by the schema it returned. A WeakMap rather than a property on
 * the schema: Zod derives new schemas from a def (`.check`, `.nullable` …), which a property
 * would not follow anyway, and the schemas users hold stay Zod's objects, untouched.
 */
export const $acceptance = new WeakMap<object, $Acceptance>();

/** The acceptance of a schema no builder made, or one a builder cannot model: every value goes to Zod. */
export const $refused: $Acceptance = { test: () => false, exact: false };

/** A value's type as bits: string 1, finite number 2 (integer 2|4), boolean 8, null 16; others 0. */
export function $typeBits(value: unknown): number {
  switch (typeof value) {
    case "string":
      return 1;
    case "boolean":
      return 8;
    case "number":
      return Number.isFinite(value) ? (Number.isInteger(value) ? 6 : 2) : 0;
    default:
      return value === null ? 16 : 0;
  }
}

/** The acceptance of a schema that only asks for the types `types` (`$typeBits`). */
export function $typed(types: number): $Acceptance {
  return { test: (value) => ($typeBits(value) & types) !== 0, exact: true, types };
}

/** A member test for objects and arrays: a type check in place when that is all the schema asks. */
export function $member(a: $Acceptance): (value: unknown) => boolean {
  const types = a.types;
  return types === undefined ? a.test : (value) => ($typeBits(value) & types) !== 0;
}

/** The rules `$stricter` made: whether they are switched on now, and their check, so that their acceptors ask that before anything else. */
export const $gates = new WeakMap<object, { open: () => boolean; check: unknown }>();

export function $accepting<T>(schema: T, acceptance: $Acceptance): T {
  $acceptance.set(schema as object, acceptance);
  return schema;
}

export function $acceptor(schema: unknown): $Acceptance {
  return (typeof schema === "object" && schema !== null ? $acceptance.get(schema) : undefined) ?? $refused;
}

/**
 * A predicate that is true only for values `schema` takes unchanged (`safeParse` would
 * succeed with `data` deep-equal to the value), composed by the builders from plain
 * closures when the schemas were built: no code generation, so it is as fast where the
 * platform refuses it. False means "ask Zod", not "invalid". Undefined for a schema no
 * builder made. Its domain is JSON data and the receiver's decoded parameters (plain
 * objects, dense arrays, primitives). While `Object.prototype` has enumerable properties
 * (prototype pollution: Zod would copy them into every object) it answers false. Not seen:
 * a non-enumerable property a program defines on `Object.prototype` after this module
 * loaded, under the name of an optional key a value lacks (Zod would copy it in).
 */
export function $accepts(schema: unknown): ((value: unknown) => boolean) | undefined {
  const acceptance = typeof schema === "object" && schema !== null ? $acceptance.get(schema) : undefined;
  if (acceptance === undefined) return undefined;
  const test = acceptance.test;
  return (value) => Object.keys(Object.prototype).length === 0 && test(value);
}

/**
 * A rule as a predicate: run on a throwaway payload, as Zod runs it (it reads `value` and
 * only adds `issues`; a `when` that says no skips it), passing when it added none. Zod runs
 * rules on the parsed output, which equals the value wherever the acceptor says true.
 * Undefined for a rule that rewrites the value (`overwrite`) or is not a plain check.
 */
export function $ruleTest(rule: unknown): ((value: unknown) => boolean) | undefined {
  const gate = typeof rule === "function" ? $gates.get(rule) : undefined;
  if (gate !== undefined) {
    const inner = $ruleTest(gate.check);
    if (inner === undefined) return undefined;
    const open = gate.open;
    return (value) => !open() || inner(value);
  }
  if (typeof rule === "function") {
    const run = rule as (payload: z.core.ParsePayload<unknown>) => unknown;
    return (value) => {
      const payload: z.core.ParsePayload<unknown> = { value, issues: [] };
      return !(run(payload) instanceof Promise) && payload.issues.length === 0;
    };
  }
  const zod = (rule as { _zod?: { check?: unknown; def?: { check?: unknown; when?: unknown }; traits?: Set<string> } } | null)?._zod;
  const run = zod?.check;
  const def = zod?.def;
  if (typeof run !== "function" || typeof def?.check !== "string" || def.check === "overwrite" || zod!.traits?.has("$ZodType")) return undefined;
  const when = typeof def.when === "function" ? (def.when as (payload: z.core.ParsePayload<unknown>) => boolean) : undefined;
  return (value) => {
    const payload: z.core.ParsePayload<unknown> = { value, issues: [] };
    if (when && !when(payload)) return true;
    return !(run(payload) instanceof Promise) && payload.issues.length === 0;
  };
}

/** `base` and every rule; refused when a rule cannot be run as a predicate. */
export function $withRules(base: $Acceptance, rules: readonly unknown[]): $Acceptance {
  if (rules.length === 0) return base;
  const tests: ((value: unknown) => boolean)[] = [];
  for (const rule of rules) {
    const t = $ruleTest(rule);
    if (t === undefined) return $refused;
    tests.push(t);
  }
  const inner = base.test;
  return {
    test: (value) => {
      if (!inner(value)) return false;
      for (const t of tests) if (!t(value)) return false;
      return true;
    },
    exact: base.exact,
  };
}

/**
 * An object Zod's object and record parsers copy as it is: a plain one (JSON's, or the
 * receiver's prototype-free parameter maps) without an own `__proto__`, which Zod drops.
 */
export function $plainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !$has(value, "__proto__");
}

export function $plainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/** JSON data, which no schema the builders make changes when it accepts it (`$Acceptance`'s `exact`). */
export function $isJson(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return true;
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if ($plainArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !$isJson(value[i])) return false;
    return true;
  }
  if (!$plainObject(value)) return false;
  for (const k of Object.keys(value)) if (!$isJson(value[k])) return false;
  return true;
}

/**
 * `z.looseObject(shape)`, or `z.object(shape).catchall(index)`, read as Zod's object parser
 * reads a value: a listed key is present when the value has it, and may be absent when its
 * schema's `optin` and `optout` are both "optional" (read on first use: a lazy entry's
 * target may not exist while schemas are built), unless `Object.prototype` has that name
 * (`constructor` …): Zod would find it there. Not exact with such a name (`$raw` is how the
 * generator builds those objects). The value's own keys are walked with `for…in`, whose
 * loads V8 makes field loads, and each is matched to its entry through the order the last
 * value had (JSON of one event repeats it), else a map: a keyed load per listed key costs
 * twice as much, an own-property check on top of it four times.
 */
export function $objectAcceptance(shape: Record<string, unknown>, index: $Acceptance | undefined): $Acceptance {
  if (Object.getOwnPropertySymbols(shape).length) return $refused;
  // Zod never reads nor writes a declared __proto__; an own one makes `$plainObject` false.
  const keys = Object.keys(shape).filter((k) => k !== "__proto__");
  const slots = new Map(keys.map((k, i) => [k, i]));
  const entries = keys.map((k) => $member($acceptor(shape[k])));
  const rest = index?.test;
  let needed: boolean[] | undefined;
  let neededCount = 0;
  let inherited: string[] = [];
  const prepare = (): boolean[] => {
    const out = keys.map((k) => {
      const zod = (shape[k] as z.ZodType)._zod;
      return !(zod.optin === "optional" && zod.optout === "optional");
    });
    neededCount = out.filter(Boolean).length;
    inherited = keys.filter((k, i) => !out[i] && k in Object.prototype);
    return out;
  };
  const order: string[] = [];
  const orderSlots: number[] = [];
  const test = (value: unknown): boolean => {
    if (!$plainObject(value)) return false;
    const need = (needed ??= prepare());
    let found = 0;
    let p = 0;
    let same = true;
    for (const k in value) {
      let i: number;
      if (same && order[p] === k) i = orderSlots[p]!;
      else {
        same = false;
        i = slots.get(k) ?? -1;
        if (p < 512) {
          order[p] = k;
          orderSlots[p] = i;
        }
      }
      p++;
      const x = value[k];
      if (i >= 0) {
        if (!entries[i]!(x)) return false;
        if (need[i]) found++;
      } else if (rest !== undefined && !rest(x)) return false;
    }
    if (found !== neededCount) return false;
    for (const k of inherited) if (!$has(value, k) && k in value) return false;
    return true;
  };
  const exact = keys.every((k) => $acceptor(shape[k]).exact && !(k in Object.prototype)) && (index === undefined || index.exact);
  return { test, exact };
}

/**
 * `z.union`: Zod returns the first option that succeeds, so an option's `true` stands when
 * it is the first option, or when the earlier ones are exact and the value is JSON data
 * (then their `false` means Zod rejected them too).
 */
export function $unionAcceptance(options: readonly unknown[]): $Acceptance {
  const parts = options.map($acceptor);
  // Type checks alone change nothing and overlap harmlessly: any of the types will do.
  if (parts.length && parts.every((p) => p.types !== undefined)) return $typed(parts.reduce((t, p) => t | p.types!, 0));
  const tests = parts.map((p) => p.test);
  const trusted = parts.map((_, i) => parts.slice(0, i).every((p) => p.exact));
  return {
    test: (value) => {
      for (let i = 0; i < tests.length; i++) if (tests[i]!(value)) return i === 0 || (trusted[i]! && $isJson(value));
      return false;
    },
    exact: parts.every((p) => p.exact),
  };
}

/**
 * `z.lazy`: a reference that closes a cycle, resolved on first use — its acceptance too.
 * Not exact: whether the target is cannot be known while the cycle is being built.
 */
export function $lazy<T>(get: () => T): T {
  let target: ((value: unknown) => boolean) | undefined;
  return $accepting(z.lazy(get as never) as never, { test: (value) => (target ??= $acceptor(get()).test)(value), exact: false });
}

/** `z.literal` of one or more values; the call states their literal type (`$literal<"a" | "b">("a", "b")`). */
export function $literal<V extends string | number | boolean | null>(...values: V[]): V {
  const listed = new Set<unknown>(values);
  return $accepting(z.literal((values.length === 1 ? values[0] : values) as never) as never, { test: (value) => listed.has(value), exact: true });
}

export function $array<T>(item: T, ...rules: $Check[]): T[] {
  const inner = $acceptor(item);
  const test = $member(inner);
  const accept = (value: unknown): boolean => {
    if (!$plainArray(value)) return false;
    // A hole reads as undefined, which no item acceptance takes (Zod would fill it in).
    for (let i = 0; i < value.length; i++) if (!test(value[i])) return false;
    return true;
  };
  return $accepting($apply(z.array(item as never) as never, rules), $withRules({ test: accept, exact: inner.exact }, rules));
}

/** `z.tuple`: the `optional` items may be absent (`[a, b?]`). */
export function $tuple<R extends unknown[], O extends unknown[]>(required: [...R], optional: [...O]): [...R, ...Partial<O>] {
  return z.tuple([...required, ...optional.map((s) => (s as z.ZodType).exactOptional())] as never) as never;
}

/** `z.tuple` with a rest: `[a, b?, ...rest[]]`. */
export function $tupleRest<R extends unknown[], O extends unknown[], E>(required: [...R], optional: [...O], rest: E): [...R, ...Partial<O>, ...E[]] {
  return z.tuple([...required, ...optional.map((s) => (s as z.ZodType).exactOptional())] as never, rest as never) as never;
}

/**
 * `z.looseObject`: properties the shape does not list pass through. Optional properties
 * come from `...$optional({…})` in the shape.
 */
export function $object<O>(shape: O, ...rules: $Check[]): O {
  const acceptance = $withRules($objectAcceptance(shape as Record<string, unknown>, undefined), rules);
  return $accepting($apply(z.looseObject(shape as never) as never, rules), acceptance);
}

/** Shape entries that may be absent (`exactOptional`: present means valid, never `undefined`). */
export function $optional<O>(shape: O): Partial<O> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(shape as Record<string, z.ZodType>)) out[k] = $accepting(s.exactOptional(), $acceptor(s));
  return out as never;
}

/** `z.object(shape).catchall(index)`: properties the shape does not list must match `index`. */
export function $catchall<O, I>(shape: O, index: I, ...rules: $Check[]): O & { [key: string]: I } {
  const acceptance = $withRules($objectAcceptance(shape as Record<string, unknown>, $acceptor(index)), rules);
  return $accepting($apply(z.object(shape as never).catchall(index as never) as never, rules), acceptance);
}

export function $record<T>(value: T, ...rules: $Check[]): { [key: string]: T } {
  const inner = $acceptor(value);
  const test = $member(inner);
  const accept = (v: unknown): boolean => {
    if (!$plainObject(v)) return false;
    for (const k in v) if (!test(v[k])) return false;
    return true;
  };
  return $accepting($apply(z.record(z.string() as never, value as never) as never, rules), $withRules({ test: accept, exact: inner.exact }, rules));
}

/** `z.union`: the first option that matches. */
export function $union<T extends unknown[]>(...options: T): T[number] {
  return $accepting(z.union(options as never) as never, $unionAcceptance(options));
}

/**
 * `z.xor`: exactly one option matches (`oneOf`). Its acceptance needs every option exact:
 * only then does one `true` among `false`s on JSON data mean one match for Zod too.
 */
export function $xor<T extends unknown[]>(...options: T): T[number] {
  const parts = options.map($acceptor);
  const tests = parts.map((p) => p.test);
  const exact = parts.every((p) => p.exact);
  const test = (value: unknown): boolean => {
    let matched = 0;
    for (const t of tests) if (t(value) && ++matched > 1) return false;
    return matched === 1 && $isJson(value);
  };
  return $accepting(z.xor(options as never) as never, parts.length === 1 ? parts[0]! : { test: exact ? test : () => false, exact });
}

/** `oneOf` in the lenient policies: `z.union`, exclusive only under `$strictness` "strict". */
export function $oneOf<T extends unknown[]>(...options: T): T[number] {
  const exclusive = $stricter("strict", $exclusive(options));
  return $accepting(z.union(options as never).check(exclusive as never) as never, $withRules($unionAcceptance(options), [exclusive]));
}

/**
 * `z.discriminatedUnion`; the options are object schemas at run time. Its acceptance routes
 * as Zod does: by the key's value to the one option whose `propValues` list it (a value
 * two options list for `undefined` routes nowhere), read on first use like Zod's map.
 */
export function $discriminated<T extends unknown[]>(key: string, ...options: T): T[number] {
  const parts = options.map($acceptor);
  let routes: Map<unknown, $Acceptance | null> | null | undefined;
  const route = (): Map<unknown, $Acceptance | null> | null => {
    const map = new Map<unknown, $Acceptance | null>();
    for (let i = 0; i < options.length; i++) {
      const values = (options[i] as z.ZodType)._zod.propValues?.[key];
      if (!values || values.size === 0) return null;
      for (const v of values) map.set(v, map.has(v) ? null : parts[i]!);
    }
    return map;
  };
  const test = (value: unknown): boolean => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    if (routes === undefined) {
      try {
        routes = route();
      } catch {
        routes = null;
      }
    }
    const to = routes?.get((value as Record<string, unknown>)[key]);
    return to ? to.test(value) : false;
  };
  return $accepting(z.discriminatedUnion(key, options as never) as never, { test, exact: parts.every((p) => p.exact) });
}

export function $nullable<T>(schema: T): T | null {
  const inner = $acceptor(schema);
  const test = inner.test;
  const nullable = (schema as z.ZodType).nullable() as never;
  if (inner.types !== undefined) return $accepting(nullable, $typed(inner.types | 16));
  return $accepting(nullable, { test: (value) => value === null || test(value), exact: inner.exact });
}

/**
 * `allOf` of two schemas as one schema, built once. Zod's `z.intersection` parses the value
 * with both and deep-merges the two results on every parse, which made up most of the
 * validation time of payloads such as GitHub's. JSON Schema validation never changes a value
 * (a valid value comes out as it went in), so an equivalent schema can be built instead:
 * - two open objects (`$object`: other properties pass) → one open object with both shapes
 *   (a property both declare gets `$intersect` of the two, and is optional only where both
 *   say so) and the rules of both — a rule checks the whole value, whichever object it
 *   came with (`$closed` lists the names it allows itself);
 * - `type: object` without properties (`$record($unknown)`, nullable or not) → the other
 *   schema, with a rule that the value is such an object (or null), and the record's rules;
 * - a bare primitive schema (`$string`, `$number`, `$unknown` …) → the other schema when it
 *   has that type; two nullables → the nullable intersection; a schema with itself → itself.
 * Anything else (objects whose other properties must match a schema, `$raw`, lazy
 * references, unions …) stays `z.intersection`. Issues may differ from what the
 * intersection reports (a rule of one side is skipped when the other side's properties
 * already failed); which values are valid does not.
 */
export function $intersect(a: z.ZodType, b: z.ZodType): z.ZodType {
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
  /** A schema that only says "of type `type`": no rules, not a format (Zod formats are checks themselves). */
  const bare = (s: z.ZodType | undefined, type: string): boolean =>
    s !== undefined && def(s).type === type && !def(s).checks?.length && !is(s, "$ZodCheck");
  const withRules = (s: z.ZodType, rules: unknown[]): z.ZodType => (rules.length ? s.check(...(rules as never[])) : s);

  /** What `z.record` accepts as an object: a plain one (JSON objects always are). */
  const plainObject = (v: unknown): boolean => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  };
  /** The rules that make any schema equal to `s` ∩ it, when `s` is `type: object` without properties. */
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
   * Whether `s` is a required property for Zod (`optin` undefined). Only asked where no
   * `$lazy` is involved: Zod computes `optin` from the lazy's target, which may not be
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
      if (x.optional && y.optional) put(k, $accepting(both.exactOptional() as never, $acceptor(both)));
      else if (required(both)) put(k, both);
      else return undefined;
    }
    for (const k of Object.keys(sb)) if (!has(sa, k)) put(k, sb[k]!);
    const rules = [...(def(a).checks ?? []), ...(def(b).checks ?? [])];
    return $accepting(withRules(z.looseObject(shape) as never, rules), $withRules($objectAcceptance(shape, undefined), rules));
  };

  // Each schema made here gets its acceptance: the one it narrows, and the rules it adds.
  const ra = objectRules(a);
  if (ra) return $accepting(withRules(b, ra), $withRules($acceptor(b), ra));
  const rb = objectRules(b);
  if (rb) return $accepting(withRules(a, rb), $withRules($acceptor(a), rb));
  for (const type of ["unknown", "string", "number", "boolean", "null"]) {
    if (bare(a, type) && (type === "unknown" || def(b).type === type)) return b;
    if (bare(b, type) && (type === "unknown" || def(a).type === type)) return a;
  }
  if (bare(a, "nullable") && bare(b, "nullable")) {
    const both = $intersect(def(a).innerType!, def(b).innerType!);
    const inner = $acceptor(both);
    const test = inner.test;
    return $accepting(both.nullable() as never, { test: (value) => value === null || test(value), exact: inner.exact });
  }
  const sa = openShape(a);
  const sb = sa && openShape(b);
  const merged = sa && sb ? mergeObjects(sa, sb) : undefined;
  if (merged) return merged;
  // `z.intersection` merges what both sides made of the value: itself, when both take it as it is.
  const left = $acceptor(a);
  const right = $acceptor(b);
  const l = left.test;
  const r = right.test;
  return $accepting(a.and(b as never) as never, { test: (value) => l(value) && r(value), exact: left.exact && right.exact });
}

/** `allOf`: see `$intersect`. */
export function $and<A, B>(a: A, b: B): A & B {
  return $intersect(a as never, b as never) as never;
}

/** Rules on a schema built by another builder; the output type stays. */
export function $check<T>(schema: T, ...rules: $Check[]): T {
  return $accepting($apply(schema as z.ZodType, rules), $withRules($acceptor(schema), rules));
}

/** A spec `pattern` (or `patternProperties` key) as `$re` compiled it; `source` is the spec's text. */
export interface $Pattern {
  readonly source: string;
  test(text: string): boolean;
}

export function $gte(limit: number): $Check {
  return z.gte(limit) as never;
}

export function $gt(limit: number): $Check {
  return z.gt(limit) as never;
}

export function $lte(limit: number): $Check {
  return z.lte(limit) as never;
}

export function $lt(limit: number): $Check {
  return z.lt(limit) as never;
}

/** An array's `.min(n)`. */
export function $min(length: number): $Check {
  return z.minLength(length) as never;
}

/** An array's `.max(n)`. */
export function $max(length: number): $Check {
  return z.maxLength(length) as never;
}

export function $fail(payload: z.core.ParsePayload<unknown>, message: string, path: (string | number)[] = []): void {
  payload.issues.push({ code: "custom", message, input: payload.value, path });
}

/**
 * A policy stricter than the one these schemas were generated with, while set: the checks
 * only that policy makes (`$stricter`) run too, so a lenient file validates as the strict
 * one would. The receiver sets it around each request's validation when its `policy`
 * option asks for more than the generated policy; parsing is synchronous, so a value set
 * before `safeParse` and restored after applies to that parse alone. A looser policy than
 * the generated one cannot be had at run time: the types would promise too much.
 */
export const $strictness: { policy: "lenient" | "strict" | undefined } = { policy: undefined };

/** `check`, run only while `$strictness` asks for `policy` or a stricter one. */
export function $stricter(policy: "lenient" | "strict", check: $Check): $Check {
  const run = check as z.core.CheckFn<unknown>;
  const open = (): boolean => {
    const now = $strictness.policy;
    return now === "strict" || now === policy;
  };
  const gated: z.core.CheckFn<unknown> = (p) => {
    if (open()) run(p);
  };
  $gates.set(gated, { open, check });
  return gated;
}

/** An opened enum's values, exact again under `$strictness` "strict". */
export function $listed(values: unknown[]): $Check {
  const listed = new Set(values);
  return $stricter("strict", (p) => {
    if (!listed.has(p.value)) $fail(p, "must equal one of the listed values");
  });
}

/** An enum of strings the lenient policies opened: any string (`$listed` under strict). */
export function $openString(values: string[]): string {
  const listed = $listed(values);
  return $accepting(z.string().check(listed as never) as never, $withRules({ test: (v) => typeof v === "string", exact: true }, [listed]));
}

/** An enum of numbers the lenient policies opened, to any number or any integer. */
export function $openNumber(values: number[], integer: boolean): number {
  const base = z.number();
  const rules = integer ? [$isInteger, $listed(values)] : [$listed(values)];
  return $accepting(base.check(...(rules as never[])) as never, $withRules({ test: (v) => typeof v === "number" && Number.isFinite(v), exact: true }, rules));
}

/**
 * `oneOf`'s exclusivity as a check, for unions that take the first option that matches
 * (the lenient policies, where open enums and advisory `required` make options overlap).
 * It sees the union's output, which is the input for JSON data: objects are loose.
 */
export function $exclusive(options: $Schema[]): $Check {
  return (p) => {
    let matched = 0;
    for (const option of options) if ($parse(option, p.value).success && ++matched > 1) break;
    if (matched > 1) $fail(p, "must match exactly one schema in oneOf, matched several");
  };
}

export function $isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function $has(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

/** `safeParse` with a schema a builder made (statically typed by its output). */
export function $parse(schema: $Schema, value: unknown): z.ZodSafeParseResult<unknown> {
  return (schema as z.ZodType).safeParse(value);
}

/** Re-reports the first issue of a nested check below `path`. */
export function $firstIssue(payload: z.core.ParsePayload<unknown>, error: z.ZodError, path: (string | number)[]): void {
  const issue = error.issues[0];
  payload.issues.push({ code: "custom", message: issue?.message ?? "invalid", input: payload.value, path: [...path, ...(issue?.path ?? [])] });
}

/** JSON Schema equality: numbers by value, objects by key set regardless of order. */
export function $equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => $equal(x, b[i]));
  if (!$isObject(a) || !$isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => $has(b, k) && $equal(a[k], b[k]));
}

/** A string that is equal for two values exactly when they are JSON-equal. */
export function $canonical(value: unknown): string {
  if (Array.isArray(value)) return "[" + value.map($canonical).join(",") + "]";
  if ($isObject(value)) return "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + $canonical(value[k])).join(",") + "}";
  return JSON.stringify(value) ?? "null";
}

/** String length in Unicode code points, as JSON Schema counts it (not UTF-16 units). */
export function $codePoints(s: string): number {
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
}

/** A finite number as an exact decimal: digits × 10^exponent, from its shortest spelling. */
export function $decimal(n: number): [bigint, number] {
  const [mantissa = "0", exponent = "0"] = n.toExponential().split("e");
  const [whole = "0", fraction = ""] = mantissa.split(".");
  return [BigInt(whole + fraction), Number(exponent) - fraction.length];
}

/** `type: integer` without Zod's safe-integer limit: 820982911946154508 is an integer. */
export const $isInteger: $Check = (p) => {
  if (typeof p.value === "number" && !Number.isInteger(p.value)) $fail(p, "must be an integer");
};

/** Exact `multipleOf` on the decimal spelling (0.0075 is a multiple of 0.0001). */
export function $multipleOf(divisor: number): $Check {
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
}

export function $minimum(limit: number, exclusive: boolean): $Check {
  return (p) => {
    if (typeof p.value === "number" && (exclusive ? !(p.value > limit) : !(p.value >= limit))) $fail(p, "must be " + (exclusive ? "> " : ">= ") + limit);
  };
}

export function $maximum(limit: number, exclusive: boolean): $Check {
  return (p) => {
    if (typeof p.value === "number" && (exclusive ? !(p.value < limit) : !(p.value <= limit))) $fail(p, "must be " + (exclusive ? "< " : "<= ") + limit);
  };
}

export function $minLength(limit: number): $Check {
  return (p) => {
    if (typeof p.value === "string" && $codePoints(p.value) < limit) $fail(p, "must be at least " + limit + " characters long");
  };
}

export function $maxLength(limit: number): $Check {
  return (p) => {
    if (typeof p.value === "string" && $codePoints(p.value) > limit) $fail(p, "must be at most " + limit + " characters long");
  };
}

/** `pattern` is unanchored: it must match somewhere in the string. */
export function $pattern(re: $Pattern): $Check {
  return (p) => {
    if (typeof p.value === "string" && !re.test(p.value)) $fail(p, "must match the pattern " + re.source);
  };
}

export function $minItems(limit: number): $Check {
  return (p) => {
    if (Array.isArray(p.value) && p.value.length < limit) $fail(p, "must have at least " + limit + " items");
  };
}

export function $maxItems(limit: number): $Check {
  return (p) => {
    if (Array.isArray(p.value) && p.value.length > limit) $fail(p, "must have at most " + limit + " items");
  };
}

export const $uniqueItems: $Check = (p) => {
  if (!Array.isArray(p.value)) return;
  const seen = new Set<string>();
  p.value.forEach((item, i) => {
    const key = $canonical(item);
    if (seen.has(key)) $fail(p, "must not repeat an item", [i]);
    seen.add(key);
  });
};

/** `prefixItems`/`items` on a value that is not known to be an array. */
export function $items(prefix: $Schema[], rest: $Schema | undefined): $Check {
  return (p) => {
    if (!Array.isArray(p.value)) return;
    p.value.forEach((item, i) => {
      const schema = i < prefix.length ? prefix[i] : rest;
      if (schema === undefined) return;
      const r = $parse(schema, item);
      if (!r.success) $firstIssue(p, r.error, [i]);
    });
  };
}

export function $contains(schema: $Schema, min: number, max: number | undefined): $Check {
  return (p) => {
    if (!Array.isArray(p.value)) return;
    const count = p.value.filter((item) => $parse(schema, item).success).length;
    if (count < min) $fail(p, "must contain at least " + min + " matching items");
    if (max !== undefined && count > max) $fail(p, "must contain at most " + max + " matching items");
  };
}

export function $required(keys: string[]): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const k of keys) if (!$has(v, k)) $fail(p, "required property is missing", [k]);
  };
}

export function $minProperties(limit: number): $Check {
  return (p) => {
    if ($isObject(p.value) && Object.keys(p.value).length < limit) $fail(p, "must have at least " + limit + " properties");
  };
}

export function $maxProperties(limit: number): $Check {
  return (p) => {
    if ($isObject(p.value) && Object.keys(p.value).length > limit) $fail(p, "must have at most " + limit + " properties");
  };
}

/** `additionalProperties: false`: no property beyond `known` and the `patterns`. */
export function $closed(known: string[], patterns: $Pattern[]): $Check {
  const names = new Set(known);
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const k of Object.keys(v)) if (!names.has(k) && !patterns.some((re) => re.test(k))) $fail(p, "unknown property", [k]);
  };
}

/** Every property whose name matches a pattern must match that pattern's schema. */
export function $patternProperties(rules: [$Pattern, $Schema][]): $Check {
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
}

/** Properties outside `known` and the `patterns` must match `schema`. */
export function $additionalProperties(known: string[], patterns: $Pattern[], schema: $Schema): $Check {
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
}

export function $propertyNames(schema: $Schema): $Check {
  return (p) => {
    if (!$isObject(p.value)) return;
    for (const k of Object.keys(p.value)) {
      const r = $parse(schema, k);
      if (!r.success) $firstIssue(p, r.error, [k]);
    }
  };
}

export function $dependentRequired(rules: [string, string[]][]): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const [k, needs] of rules) {
      if (!$has(v, k)) continue;
      for (const n of needs) if (!$has(v, n)) $fail(p, "required when " + JSON.stringify(k) + " is present", [n]);
    }
  };
}

export function $dependentSchemas(rules: [string, $Schema][]): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const [k, schema] of rules) {
      if (!$has(v, k)) continue;
      const r = $parse(schema, v);
      if (!r.success) $firstIssue(p, r.error, []);
    }
  };
}

/** A property Zod's object parser cannot see (`__proto__`), checked on the raw input. */
export function $property(key: string, schema: $Schema, required: boolean): $Check {
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
}

export function $not(schema: $Schema): $Check {
  return (p) => {
    if ($parse(schema, p.value).success) $fail(p, "must not match the schema in `not`");
  };
}

export function $ifThenElse(condition: $Schema, then: $Schema | undefined, otherwise: $Schema | undefined): $Check {
  return (p) => {
    const branch = $parse(condition, p.value).success ? then : otherwise;
    if (branch === undefined) return;
    const r = $parse(branch, p.value);
    if (!r.success) $firstIssue(p, r.error, []);
  };
}

/** `enum`/`const` with objects or arrays: JSON equality with one of `values`. */
export function $enum(values: unknown[]): $Check {
  return (p) => {
    if (!values.some((v) => $equal(v, p.value))) $fail(p, "must equal one of the listed values");
  };
}

export function $format(name: string): $Check {
  const test = $formats[name];
  return (p) => {
    if (test !== undefined && !test(p.value)) $fail(p, "must be a valid " + name);
  };
}

/** A prototype-free copy, so that Zod's `key in input` sees own properties only. */
export function $ownCopy(value: unknown): unknown {
  if (!$isObject(value)) return value;
  const copy: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(value)) Object.defineProperty(copy, k, { value: value[k], enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * For objects whose property names Zod would look up on the prototype chain (`constructor`,
 * `toString`, …) or skip (`__proto__`): run `checks` on the raw input, then parse a
 * prototype-free copy. The output type is `schema`'s.
 */
export function $raw<T>(schema: T, ...checks: $Check[]): T {
  // As Zod runs it: the checks on the value, the schema on a prototype-free copy of it.
  const raw = $withRules({ test: () => true, exact: true }, checks).test;
  const inner = $acceptor(schema).test;
  return $accepting(z.unknown().check(...checks).overwrite($ownCopy).pipe(schema as z.ZodType) as never, {
    test: (value) => raw(value) && inner($ownCopy(value)),
    exact: false,
  });
}

/**
 * The primitive schemas, one instance each: Zod schemas are immutable values, so sharing
 * them changes nothing but memory. Constants rather than calls, as the commonest nodes
 * should cost tsc least. (Declared last: `$integer` needs `$isInteger`.)
 */
export const $unknown: unknown = $accepting(z.unknown() as never, { test: (v) => v !== undefined, exact: true });

export const $never: never = $accepting(z.never() as never, { test: () => false, exact: true });

export const $null: null = $accepting(z.null() as never, $typed(16));

export const $boolean: boolean = $accepting(z.boolean() as never, $typed(8));

export const $string: string = $accepting(z.string() as never, $typed(1));

/** Zod's number is finite. */
export const $number: number = $accepting(z.number() as never, $typed(2));

/** A file part of a multipart body (`type: string, format: binary` admits it beside text). */
export const $blob: Blob = $accepting(z.instanceof(Blob) as never, { test: (v) => v instanceof Blob, exact: true });

/** `type: integer` without bounds (bounded: `$check($number, $gte(0), $isInteger)`, Zod's order). */
export const $integer: number = $accepting(z.number().check($isInteger as never) as never, $typed(4));

/** RFC 3339 full-date, with the real number of days in the month. */
export function $isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** RFC 3339 full-time; a leap second must fall on 23:59:60 UTC. */
export function $isTime(s: string): boolean {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([zZ])|([+-])(\d{2}):(\d{2}))$/.exec(s);
  if (!m) return false;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3]);
  const offset = m[4] ? 0 : (m[5] === "-" ? -1 : 1) * (Number(m[6]) * 60 + Number(m[7]));
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (!m[4] && (Number(m[6]) > 23 || Number(m[7]) > 59)) return false;
  if (second < 60) return true;
  const utc = (((hour * 60 + minute - offset) % 1440) + 1440) % 1440;
  return utc === 23 * 60 + 59;
}

/** RFC 3339 date-time (`T` separator, either case). */
export function $isDateTime(s: string): boolean {
  const t = s.search(/[tT]/);
  return t === 10 && $isDate(s.slice(0, t)) && $isTime(s.slice(t + 1));
}

/** RFC 3339 appendix A duration. */
export function $isDuration(s: string): boolean {
  return /^P(?:\d+W|(?:\d+Y(?:\d+M(?:\d+D)?)?|\d+M(?:\d+D)?|\d+D)(?:T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))?|T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))$/.test(s);
}

/** RFC 1123 host name: LDH labels of 1 to 63 characters, 253 in all. */
export function $isHostname(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  return s.split(".").every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

/**
 * RFC 5321 mailbox: dot-atom or quoted local part; a domain of two or more labels, or an
 * address literal.
 */
export function $isEmail(s: string): boolean {
  const at = s.lastIndexOf("@");
  if (at <= 0 || at === s.length - 1) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  const dotAtom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
  const quoted = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;
  if (!dotAtom.test(local) && !quoted.test(local)) return false;
  if (domain.startsWith("[") && domain.endsWith("]")) {
    const literal = domain.slice(1, -1);
    return /^ipv6:/i.test(literal) ? $isIpv6(literal.slice(5)) : $isIpv4(literal);
  }
  return domain.includes(".") && $isHostname(domain);
}

/** Dotted-quad IPv4 without leading zeros. */
export function $isIpv4(s: string): boolean {
  return /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/.test(s);
}

/** RFC 4291 §2.2 text forms, including one `::` and a trailing IPv4 part; no zone id. */
export function $isIpv6(s: string): boolean {
  let head = s;
  let ipv4Groups = 0;
  const lastColon = s.lastIndexOf(":");
  if (lastColon >= 0 && s.includes(".", lastColon)) {
    if (!$isIpv4(s.slice(lastColon + 1))) return false;
    head = s.slice(0, lastColon + 1) + "0";
    ipv4Groups = 1;
  }
  const halves = head.split("::");
  if (halves.length > 2) return false;
  const groups = (x: string): string[] => (x === "" ? [] : x.split(":"));
  const all = [...groups(halves[0] ?? ""), ...(halves.length === 2 ? groups(halves[1] ?? "") : [])];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = all.length + ipv4Groups;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** RFC 3986 URI-reference. */
export function $isUriReference(s: string): boolean {
  return $uriParts(s, false);
}

/** RFC 3986 URI (a scheme is required). */
export function $isUri(s: string): boolean {
  return $uriParts(s, true);
}

/** Splits per RFC 3986 appendix B, then checks every component against its grammar. */
export function $uriParts(s: string, requireScheme: boolean): boolean {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(s);
  if (!m) return false;
  const [, scheme, authority, path = "", query, fragment] = m;
  const pchar = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
  if (requireScheme && scheme === undefined) return false;
  if (authority !== undefined && !$uriAuthority(authority)) return false;
  if (!new RegExp("^(?:" + pchar + "|/)*$").test(path)) return false;
  if (scheme === undefined && authority === undefined && !path.startsWith("/") && (path.split("/")[0] ?? "").includes(":")) return false;
  const rest = new RegExp("^(?:" + pchar + "|[/?])*$");
  return (query === undefined || rest.test(query)) && (fragment === undefined || rest.test(fragment));
}

/** RFC 3986 §3.2 authority: [ userinfo "@" ] host [ ":" port ]. */
export function $uriAuthority(authority: string): boolean {
  const at = authority.indexOf("@");
  const userinfo = at >= 0 ? authority.slice(0, at) : "";
  let hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  if (!/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*$/.test(userinfo)) return false;
  if (hostPort.startsWith("[")) {
    const close = hostPort.indexOf("]");
    if (close < 0) return false;
    const literal = hostPort.slice(1, close);
    if (!$isIpv6(literal) && !/^[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+$/.test(literal)) return false;
    hostPort = hostPort.slice(close + 1);
    return /^(?::[0-9]*)?$/.test(hostPort);
  }
  return /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*(?::[0-9]*)?$/.test(hostPort);
}

/** RFC 4122 textual UUID. */
export function $isUuid(s: string): boolean {
  return /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/.test(s);
}

/** RFC 6901 JSON pointer. */
export function $isJsonPointer(s: string): boolean {
  return /^(?:\/(?:[^~/]|~0|~1)*)*$/.test(s);
}

/** Relative JSON pointer (draft-bhutton-relative-json-pointer-00). */
export function $isRelativeJsonPointer(s: string): boolean {
  return /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/.test(s);
}

/**
 * An ECMA-262 regular expression (with the `u` flag, as JSON Schema patterns are compiled).
 * It is only compiled, never run, but V8 builds the set of every `\p{…}`/`\P{…}` when it
 * compiles (~65 µs each: a 1 MiB value of them would take 13 s); a value with more of them
 * than any real pattern spells does not count as one.
 */
export function $isRegex(s: string): boolean {
  let properties = 0;
  for (let i = s.indexOf("{"); i >= 0; i = s.indexOf("{", i + 1)) {
    const p = s.charCodeAt(i - 1);
    if ((p === 0x70 || p === 0x50) && ++properties > 256) return false;
  }
  try {
    new RegExp(s, "u");
    return true;
  } catch {
    return false;
  }
}

/** OpenAPI `byte`: padded base64 (RFC 4648 §4). */
export function $isByte(s: string): boolean {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s);
}

/** OpenAPI `int32`: an integer in the signed 32-bit range. */
export function $isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

/**
 * OpenAPI `int64`: any integer. No range check: JSON numbers beyond 2^53 arrive rounded
 * (820982911946154508 parses as 820982911946154500) and must still be accepted.
 */
export function $isInt64(n: number): boolean {
  return Number.isInteger(n);
}

/** Asserted formats; each ignores values of other types, as JSON Schema requires. */
export const $formats: Record<string, (value: unknown) => boolean> = {
  "byte": (v) => typeof v !== "string" || $isByte(v),
  "date": (v) => typeof v !== "string" || $isDate(v),
  "date-time": (v) => typeof v !== "string" || $isDateTime(v),
  "duration": (v) => typeof v !== "string" || $isDuration(v),
  "email": (v) => typeof v !== "string" || $isEmail(v),
  "hostname": (v) => typeof v !== "string" || $isHostname(v),
  "int32": (v) => typeof v !== "number" || $isInt32(v),
  "int64": (v) => typeof v !== "number" || $isInt64(v),
  "ipv4": (v) => typeof v !== "string" || $isIpv4(v),
  "ipv6": (v) => typeof v !== "string" || $isIpv6(v),
  "json-pointer": (v) => typeof v !== "string" || $isJsonPointer(v),
  "regex": (v) => typeof v !== "string" || $isRegex(v),
  "relative-json-pointer": (v) => typeof v !== "string" || $isRelativeJsonPointer(v),
  "time": (v) => typeof v !== "string" || $isTime(v),
  "uri": (v) => typeof v !== "string" || $isUri(v),
  "uri-reference": (v) => typeof v !== "string" || $isUriReference(v),
  "uuid": (v) => typeof v !== "string" || $isUuid(v),
};
