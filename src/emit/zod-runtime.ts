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
  $Acceptance: {
    deps: [],
    source: `/**
 * What a builder knows, without Zod, about the values its schema takes exactly as they are
 * (see \`$accepts\`): \`test(v)\` is true only when \`safeParse(v)\` succeeds with \`data\` equal
 * to \`v\` — false for anything it does not model. \`exact\`: besides, on JSON data
 * (\`$isJson\`) \`test\` is false only when Zod rejects; a union needs that to trust an earlier
 * option's \`false\` (Zod returns the first option that succeeds, whatever it made of the value).
 */
interface $Acceptance {
  readonly test: (value: unknown) => boolean;
  readonly exact: boolean;
  /**
   * For a schema that only asks for a type (\`$string\`, \`$nullable($integer)\` …): the
   * \`$typeBits\` it takes, so that objects and arrays test their members without a call.
   */
  readonly types?: number;
}`,
  },
  $acceptance: {
    deps: ["$Acceptance"],
    source: `/**
 * Each builder's acceptance, by the schema it returned. A WeakMap rather than a property on
 * the schema: Zod derives new schemas from a def (\`.check\`, \`.nullable\` …), which a property
 * would not follow anyway, and the schemas users hold stay Zod's objects, untouched.
 */
const $acceptance = new WeakMap<object, $Acceptance>();`,
  },
  $refused: {
    deps: ["$Acceptance"],
    source: `/** The acceptance of a schema no builder made, or one a builder cannot model: every value goes to Zod. */
const $refused: $Acceptance = { test: () => false, exact: false };`,
  },
  $typeBits: {
    deps: [],
    source: `/** A value's type as bits: string 1, finite number 2 (integer 2|4), boolean 8, null 16; others 0. */
function $typeBits(value: unknown): number {
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
}`,
  },
  $typed: {
    deps: ["$Acceptance", "$typeBits"],
    source: `/** The acceptance of a schema that only asks for the types \`types\` (\`$typeBits\`). */
function $typed(types: number): $Acceptance {
  return { test: (value) => ($typeBits(value) & types) !== 0, exact: true, types };
}`,
  },
  $member: {
    deps: ["$Acceptance", "$typeBits"],
    source: `/** A member test for objects and arrays: a type check in place when that is all the schema asks. */
function $member(a: $Acceptance): (value: unknown) => boolean {
  const types = a.types;
  return types === undefined ? a.test : (value) => ($typeBits(value) & types) !== 0;
}`,
  },
  $gates: {
    deps: [],
    source: `/** The rules \`$stricter\` made: whether they are switched on now, and their check, so that their acceptors ask that before anything else. */
const $gates = new WeakMap<object, { open: () => boolean; check: unknown }>();`,
  },
  $accepting: {
    deps: ["$acceptance"],
    source: `function $accepting<T>(schema: T, acceptance: $Acceptance): T {
  $acceptance.set(schema as object, acceptance);
  return schema;
}`,
  },
  $acceptor: {
    deps: ["$acceptance", "$refused"],
    source: `function $acceptor(schema: unknown): $Acceptance {
  return (typeof schema === "object" && schema !== null ? $acceptance.get(schema) : undefined) ?? $refused;
}`,
  },
  $accepts: {
    deps: ["$acceptance"],
    source: `/**
 * A predicate that is true only for values \`schema\` takes unchanged (\`safeParse\` would
 * succeed with \`data\` deep-equal to the value), composed by the builders from plain
 * closures when the schemas were built: no code generation, so it is as fast where the
 * platform refuses it. False means "ask Zod", not "invalid". Undefined for a schema no
 * builder made. Its domain is JSON data and the receiver's decoded parameters (plain
 * objects, dense arrays, primitives). While \`Object.prototype\` has enumerable properties
 * (prototype pollution: Zod would copy them into every object) it answers false. Not seen:
 * a non-enumerable property a program defines on \`Object.prototype\` after this module
 * loaded, under the name of an optional key a value lacks (Zod would copy it in).
 */
function $accepts(schema: unknown): ((value: unknown) => boolean) | undefined {
  const acceptance = typeof schema === "object" && schema !== null ? $acceptance.get(schema) : undefined;
  if (acceptance === undefined) return undefined;
  const test = acceptance.test;
  return (value) => Object.keys(Object.prototype).length === 0 && test(value);
}`,
  },
  $ruleTest: {
    deps: ["$gates"],
    source: `/**
 * A rule as a predicate: run on a throwaway payload, as Zod runs it (it reads \`value\` and
 * only adds \`issues\`; a \`when\` that says no skips it), passing when it added none. Zod runs
 * rules on the parsed output, which equals the value wherever the acceptor says true.
 * Undefined for a rule that rewrites the value (\`overwrite\`) or is not a plain check.
 */
function $ruleTest(rule: unknown): ((value: unknown) => boolean) | undefined {
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
}`,
  },
  $withRules: {
    deps: ["$Acceptance", "$ruleTest", "$refused"],
    source: `/** \`base\` and every rule; refused when a rule cannot be run as a predicate. */
function $withRules(base: $Acceptance, rules: readonly unknown[]): $Acceptance {
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
}`,
  },
  $plainObject: {
    deps: ["$has"],
    source: `/**
 * An object Zod's object and record parsers copy as it is: a plain one (JSON's, or the
 * receiver's prototype-free parameter maps) without an own \`__proto__\`, which Zod drops.
 */
function $plainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !$has(value, "__proto__");
}`,
  },
  $plainArray: {
    deps: [],
    source: `function $plainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}`,
  },
  $isJson: {
    deps: ["$plainObject", "$plainArray"],
    source: `/** JSON data, which no schema the builders make changes when it accepts it (\`$Acceptance\`'s \`exact\`). */
function $isJson(value: unknown): boolean {
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
}`,
  },
  $objectAcceptance: {
    deps: ["$Acceptance", "$acceptor", "$plainObject", "$has", "$refused", "$member"],
    source: `/**
 * \`z.looseObject(shape)\`, or \`z.object(shape).catchall(index)\`, read as Zod's object parser
 * reads a value: a listed key is present when the value has it, and may be absent when its
 * schema's \`optin\` and \`optout\` are both "optional" (read on first use: a lazy entry's
 * target may not exist while schemas are built), unless \`Object.prototype\` has that name
 * (\`constructor\` …): Zod would find it there. Not exact with such a name (\`$raw\` is how the
 * generator builds those objects). The value's own keys are walked with \`for…in\`, whose
 * loads V8 makes field loads, and each is matched to its entry through the order the last
 * value had (JSON of one event repeats it), else a map: a keyed load per listed key costs
 * twice as much, an own-property check on top of it four times.
 */
function $objectAcceptance(shape: Record<string, unknown>, index: $Acceptance | undefined): $Acceptance {
  if (Object.getOwnPropertySymbols(shape).length) return $refused;
  // Zod never reads nor writes a declared __proto__; an own one makes \`$plainObject\` false.
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
}`,
  },
  $unionAcceptance: {
    deps: ["$Acceptance", "$acceptor", "$isJson", "$typed"],
    source: `/**
 * \`z.union\`: Zod returns the first option that succeeds, so an option's \`true\` stands when
 * it is the first option, or when the earlier ones are exact and the value is JSON data
 * (then their \`false\` means Zod rejected them too).
 */
function $unionAcceptance(options: readonly unknown[]): $Acceptance {
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
    deps: ["$accepting", "$acceptor"],
    source: `/**
 * \`z.lazy\`: a reference that closes a cycle, resolved on first use — its acceptance too.
 * Not exact: whether the target is cannot be known while the cycle is being built.
 */
function $lazy<T>(get: () => T): T {
  let target: ((value: unknown) => boolean) | undefined;
  return $accepting(z.lazy(get as never) as never, { test: (value) => (target ??= $acceptor(get()).test)(value), exact: false });
}`,
  },
  $literal: {
    deps: ["$accepting"],
    source: `/** \`z.literal\` of one or more values; the call states their literal type (\`$literal<"a" | "b">("a", "b")\`). */
function $literal<V extends string | number | boolean | null>(...values: V[]): V {
  const listed = new Set<unknown>(values);
  return $accepting(z.literal((values.length === 1 ? values[0] : values) as never) as never, { test: (value) => listed.has(value), exact: true });
}`,
  },
  $array: {
    deps: ["$apply", "$accepting", "$acceptor", "$withRules", "$plainArray", "$member"],
    source: `function $array<T>(item: T, ...rules: $Check[]): T[] {
  const inner = $acceptor(item);
  const test = $member(inner);
  const accept = (value: unknown): boolean => {
    if (!$plainArray(value)) return false;
    // A hole reads as undefined, which no item acceptance takes (Zod would fill it in).
    for (let i = 0; i < value.length; i++) if (!test(value[i])) return false;
    return true;
  };
  return $accepting($apply(z.array(item as never) as never, rules), $withRules({ test: accept, exact: inner.exact }, rules));
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
    deps: ["$apply", "$accepting", "$objectAcceptance", "$withRules"],
    source: `/**
 * \`z.looseObject\`: properties the shape does not list pass through. Optional properties
 * come from \`...$optional({…})\` in the shape.
 */
function $object<O>(shape: O, ...rules: $Check[]): O {
  const acceptance = $withRules($objectAcceptance(shape as Record<string, unknown>, undefined), rules);
  return $accepting($apply(z.looseObject(shape as never) as never, rules), acceptance);
}`,
  },
  $optional: {
    deps: ["$accepting", "$acceptor"],
    source: `/** Shape entries that may be absent (\`exactOptional\`: present means valid, never \`undefined\`). */
function $optional<O>(shape: O): Partial<O> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(shape as Record<string, z.ZodType>)) out[k] = $accepting(s.exactOptional(), $acceptor(s));
  return out as never;
}`,
  },
  $catchall: {
    deps: ["$apply", "$accepting", "$acceptor", "$objectAcceptance", "$withRules"],
    source: `/** \`z.object(shape).catchall(index)\`: properties the shape does not list must match \`index\`. */
function $catchall<O, I>(shape: O, index: I, ...rules: $Check[]): O & { [key: string]: I } {
  const acceptance = $withRules($objectAcceptance(shape as Record<string, unknown>, $acceptor(index)), rules);
  return $accepting($apply(z.object(shape as never).catchall(index as never) as never, rules), acceptance);
}`,
  },
  $record: {
    deps: ["$apply", "$accepting", "$acceptor", "$withRules", "$plainObject", "$member"],
    source: `function $record<T>(value: T, ...rules: $Check[]): { [key: string]: T } {
  const inner = $acceptor(value);
  const test = $member(inner);
  const accept = (v: unknown): boolean => {
    if (!$plainObject(v)) return false;
    for (const k in v) if (!test(v[k])) return false;
    return true;
  };
  return $accepting($apply(z.record(z.string() as never, value as never) as never, rules), $withRules({ test: accept, exact: inner.exact }, rules));
}`,
  },
  $union: {
    deps: ["$accepting", "$unionAcceptance"],
    source: `/** \`z.union\`: the first option that matches. */
function $union<T extends unknown[]>(...options: T): T[number] {
  return $accepting(z.union(options as never) as never, $unionAcceptance(options));
}`,
  },
  $xor: {
    deps: ["$accepting", "$acceptor", "$isJson"],
    source: `/**
 * \`z.xor\`: exactly one option matches (\`oneOf\`). Its acceptance needs every option exact:
 * only then does one \`true\` among \`false\`s on JSON data mean one match for Zod too.
 */
function $xor<T extends unknown[]>(...options: T): T[number] {
  const parts = options.map($acceptor);
  const tests = parts.map((p) => p.test);
  const exact = parts.every((p) => p.exact);
  const test = (value: unknown): boolean => {
    let matched = 0;
    for (const t of tests) if (t(value) && ++matched > 1) return false;
    return matched === 1 && $isJson(value);
  };
  return $accepting(z.xor(options as never) as never, parts.length === 1 ? parts[0]! : { test: exact ? test : () => false, exact });
}`,
  },
  $oneOf: {
    deps: ["$stricter", "$exclusive", "$accepting", "$unionAcceptance", "$withRules"],
    source: `/** \`oneOf\` in the lenient policies: \`z.union\`, exclusive only under \`$strictness\` "strict". */
function $oneOf<T extends unknown[]>(...options: T): T[number] {
  const exclusive = $stricter("strict", $exclusive(options));
  return $accepting(z.union(options as never).check(exclusive as never) as never, $withRules($unionAcceptance(options), [exclusive]));
}`,
  },
  $discriminated: {
    deps: ["$accepting", "$acceptor", "$Acceptance"],
    source: `/**
 * \`z.discriminatedUnion\`; the options are object schemas at run time. Its acceptance routes
 * as Zod does: by the key's value to the one option whose \`propValues\` list it (a value
 * two options list for \`undefined\` routes nowhere), read on first use like Zod's map.
 */
function $discriminated<T extends unknown[]>(key: string, ...options: T): T[number] {
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
}`,
  },
  $nullable: {
    deps: ["$accepting", "$acceptor", "$typed"],
    source: `function $nullable<T>(schema: T): T | null {
  const inner = $acceptor(schema);
  const test = inner.test;
  const nullable = (schema as z.ZodType).nullable() as never;
  if (inner.types !== undefined) return $accepting(nullable, $typed(inner.types | 16));
  return $accepting(nullable, { test: (value) => value === null || test(value), exact: inner.exact });
}`,
  },
  $intersect: {
    deps: ["$accepting", "$acceptor", "$withRules", "$objectAcceptance"],
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
  // \`z.intersection\` merges what both sides made of the value: itself, when both take it as it is.
  const left = $acceptor(a);
  const right = $acceptor(b);
  const l = left.test;
  const r = right.test;
  return $accepting(a.and(b as never) as never, { test: (value) => l(value) && r(value), exact: left.exact && right.exact });
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
    deps: ["$apply", "$accepting", "$acceptor", "$withRules"],
    source: `/** Rules on a schema built by another builder; the output type stays. */
function $check<T>(schema: T, ...rules: $Check[]): T {
  return $accepting($apply(schema as z.ZodType, rules), $withRules($acceptor(schema), rules));
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
    deps: ["$Check", "$strictness", "$gates"],
    source: `/** \`check\`, run only while \`$strictness\` asks for \`policy\` or a stricter one. */
function $stricter(policy: "lenient" | "strict", check: $Check): $Check {
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
    deps: ["$listed", "$accepting", "$withRules"],
    source: `/** An enum of strings the lenient policies opened: any string (\`$listed\` under strict). */
function $openString(values: string[]): string {
  const listed = $listed(values);
  return $accepting(z.string().check(listed as never) as never, $withRules({ test: (v) => typeof v === "string", exact: true }, [listed]));
}`,
  },
  $openNumber: {
    deps: ["$listed", "$isInteger", "$accepting", "$withRules"],
    source: `/** An enum of numbers the lenient policies opened, to any number or any integer. */
function $openNumber(values: number[], integer: boolean): number {
  const base = z.number();
  const rules = integer ? [$isInteger, $listed(values)] : [$listed(values)];
  return $accepting(base.check(...(rules as never[])) as never, $withRules({ test: (v) => typeof v === "number" && Number.isFinite(v), exact: true }, rules));
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
    deps: ["$Check", "$ownCopy", "$accepting", "$acceptor", "$withRules"],
    source: `/**
 * For objects whose property names Zod would look up on the prototype chain (\`constructor\`,
 * \`toString\`, …) or skip (\`__proto__\`): run \`checks\` on the raw input, then parse a
 * prototype-free copy. The output type is \`schema\`'s.
 */
function $raw<T>(schema: T, ...checks: $Check[]): T {
  // As Zod runs it: the checks on the value, the schema on a prototype-free copy of it.
  const raw = $withRules({ test: () => true, exact: true }, checks).test;
  const inner = $acceptor(schema).test;
  return $accepting(z.unknown().check(...checks).overwrite($ownCopy).pipe(schema as z.ZodType) as never, {
    test: (value) => raw(value) && inner($ownCopy(value)),
    exact: false,
  });
}`,
  },
  $unknown: {
    deps: ["$accepting"],
    source: `/**
 * The primitive schemas, one instance each: Zod schemas are immutable values, so sharing
 * them changes nothing but memory. Constants rather than calls, as the commonest nodes
 * should cost tsc least. (Declared last: \`$integer\` needs \`$isInteger\`.)
 */
const $unknown: unknown = $accepting(z.unknown() as never, { test: (v) => v !== undefined, exact: true });`,
  },
  $never: {
    deps: ["$accepting"],
    source: `const $never: never = $accepting(z.never() as never, { test: () => false, exact: true });`,
  },
  $null: {
    deps: ["$accepting", "$typed"],
    source: `const $null: null = $accepting(z.null() as never, $typed(16));`,
  },
  $boolean: {
    deps: ["$accepting", "$typed"],
    source: `const $boolean: boolean = $accepting(z.boolean() as never, $typed(8));`,
  },
  $string: {
    deps: ["$accepting", "$typed"],
    source: `const $string: string = $accepting(z.string() as never, $typed(1));`,
  },
  $number: {
    deps: ["$accepting", "$typed"],
    source: `/** Zod's number is finite. */
const $number: number = $accepting(z.number() as never, $typed(2));`,
  },
  $blob: {
    deps: ["$accepting"],
    source: `/** A file part of a multipart body (\`type: string, format: binary\` admits it beside text). */
const $blob: Blob = $accepting(z.instanceof(Blob) as never, { test: (v) => v instanceof Blob, exact: true });`,
  },
  $integer: {
    deps: ["$isInteger", "$accepting", "$typed"],
    source: `/** \`type: integer\` without bounds (bounded: \`$check($number, $gte(0), $isInteger)\`, Zod's order). */
const $integer: number = $accepting(z.number().check($isInteger as never) as never, $typed(4));`,
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
