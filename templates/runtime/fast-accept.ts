/**
 * A fast "yes" for valid values, in front of Zod.
 *
 * Almost every delivery is valid, and for a valid JSON value a generated schema's output
 * equals its input: JSON Schema validation never changes a value, and the schemas
 * gen-callbacks emits neither default nor transform anything. Zod still copies every object
 * and array it parses and allocates a result per property — most of the validation time of
 * a GitHub payload. `fastAccept(schema)` is a predicate compiled once per schema, from
 * the schema's own Zod definition, that answers `true` only where `safeParse` would succeed
 * with a value equal to its input; then the input is the result. `false` means "ask Zod":
 * Zod decides every value the predicate does not accept, and writes the issues.
 *
 * So the predicate may be stricter than Zod, never looser. It reimplements the few parsers
 * generated schemas are made of (Zod 4's objects, arrays, records, unions, intersections,
 * primitives, literals, optional, nullable, lazy) exactly as Zod 4 runs them, and runs every
 * check (formats, bounds, the generated rules) through the check's own code. Whatever else
 * it meets — a transform, a default, a tuple, a schema from another library — it hands to
 * Zod as a whole, or (a primitive) accepts when Zod gives the value back unchanged. Tests
 * hold it to Zod on the JSON-Schema-Test-Suite, GitHub's spec and real payloads.
 *
 * The predicate is JavaScript built with `new Function`, as Zod's own object parser is: a
 * property read with a fixed key in its own place in the code is ten times faster than one
 * through a shared closure. No text from the spec is ever part of that code — keys, literal
 * values, patterns and checks are passed in as values and named by index (`d12`) — so a
 * spec cannot inject code. Where `new Function` is refused (a CSP, Cloudflare Workers)
 * there is no fast path, and Zod validates as before.
 */

/** The parts of a Zod 4 schema (`schema._zod`) the compiler reads. */
interface ZodInternals {
  readonly def: ZodDef;
  readonly traits?: ReadonlySet<string>;
  readonly version?: { readonly major: number };
  readonly optin?: "optional" | "defaulted";
  readonly optout?: "optional";
  readonly values?: ReadonlySet<unknown>;
  readonly propValues?: Readonly<Record<string, ReadonlySet<unknown>>>;
  readonly innerType?: ZodNode;
  check?(payload: Payload): unknown;
  run(payload: Payload, ctx: { async: false }): unknown;
}

interface ZodNode {
  readonly _zod: ZodInternals;
}

interface ZodDef {
  readonly type: string;
  readonly checks?: readonly ZodNode[];
  readonly coerce?: boolean;
  readonly shape?: Readonly<Record<string, ZodNode>>;
  readonly catchall?: ZodNode;
  readonly element?: ZodNode;
  readonly keyType?: ZodNode;
  readonly valueType?: ZodNode;
  readonly mode?: string;
  readonly partial?: boolean;
  readonly options?: readonly ZodNode[];
  readonly discriminator?: string;
  readonly unionFallback?: boolean;
  readonly inclusive?: boolean;
  readonly left?: ZodNode;
  readonly right?: ZodNode;
  readonly innerType?: ZodNode;
  readonly check?: string;
}

interface Payload {
  value: unknown;
  issues: unknown[];
}

type Test = (value: unknown) => boolean;

const NO: Test = () => false;
const compiled = new WeakMap<object, Test>();

/** The predicate for `schema`, built on first use; `() => false` for anything but a Zod 4 schema. */
export function fastAccept(schema: unknown): Test {
  if (typeof schema !== "object" || schema === null) return NO;
  let test = compiled.get(schema);
  if (!test) {
    test = NO;
    const node = schema as Partial<ZodNode>;
    if (node._zod?.version?.major === 4 && node._zod.def && evalAllowed()) {
      try {
        test = new Emitter().build(node as ZodNode);
      } catch {
        // A definition this compiler misreads, or code the platform refuses: Zod alone.
      }
    }
    compiled.set(schema, test);
  }
  return test;
}

let evalProbe: boolean | undefined;
function evalAllowed(): boolean {
  if (evalProbe === undefined) {
    try {
      evalProbe = new Function("return true")() === true;
    } catch {
      evalProbe = false;
    }
  }
  return evalProbe;
}

/** What Zod's objects take as one. */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * What Zod's records accept as an object (`util.isPlainObject`), for the objects JSON and the
 * parameter parsers make; any other prototype is left to Zod. No own `__proto__`: Zod drops it.
 */
function isPlainRecord(v: unknown): boolean {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (
    (proto === Object.prototype || proto === null) &&
    // An own `constructor` that is a function would make Zod look at its prototype.
    !(Object.prototype.hasOwnProperty.call(v, "constructor") && typeof v["constructor"] === "function") &&
    !Object.prototype.hasOwnProperty.call(v, "__proto__")
  );
}

/** An object Zod's object parser takes, without an own `__proto__` (Zod would drop it). */
function isOpenObject(v: unknown): v is Record<string, unknown> {
  return isObject(v) && !Object.prototype.hasOwnProperty.call(v, "__proto__");
}

/** One check, run by its own code on `v`: no issue, and the value left as it was. */
function passes(ch: ZodNode, v: unknown): boolean {
  const check = ch._zod.check;
  if (!check) return false;
  const payload: Payload = { value: v, issues: [] };
  try {
    const r = check.call(ch._zod, payload) as { then?: unknown } | undefined;
    if (r && typeof r.then === "function") return false;
  } catch {
    return false;
  }
  return payload.issues.length === 0 && payload.value === v;
}

/**
 * A node only Zod can run: accepted when Zod accepts it and hands back the very same value —
 * true of primitives under a check-only schema, never of an object Zod copies.
 */
function viaZod(node: ZodNode, v: unknown): boolean {
  try {
    const result = node._zod.run({ value: v, issues: [] }, { async: false }) as Partial<Payload> & { then?: unknown };
    if (typeof result.then === "function") return false;
    return result.issues?.length === 0 && result.value === v;
  } catch {
    return false;
  }
}

/** The helpers every generated predicate gets, by these names. */
const HELPERS = {
  isObject,
  isOpenObject,
  isPlainRecord,
  passes,
  viaZod,
  isFinite: Number.isFinite,
  isArray: Array.isArray,
};

/** How a node is tested: an expression over a variable, and whether it keeps every value it accepts. */
interface Compiled {
  /** A JavaScript expression, `true` only if Zod accepts the value of variable `x` and gives it back equal. */
  test(x: string): string;
  /**
   * Whether every value Zod accepts comes back equal. A union returns its *first* accepting
   * option's output, so an option may answer for a later one only if those before it keep
   * values as they are.
   */
  preserving: boolean;
}

const TRUE: Compiled = { test: () => "true", preserving: true };
const FALSE: Compiled = { test: () => "false", preserving: true };

class Emitter {
  /** Values the code names by index: `d[i]`, bound to `const d<i>` at the top. */
  private readonly deps: unknown[] = [];
  private readonly depIndex = new Map<unknown, number>();
  private readonly functions: string[] = [];
  private readonly byNode = new Map<ZodNode, Compiled>();
  private vars = 0;

  build(root: ZodNode): Test {
    const top = this.node(root);
    const names = this.deps.map((_, i) => `d${i} = d[${i}]`);
    const helpers = Object.keys(HELPERS).join(", ");
    const source = [
      '"use strict";',
      `const { ${helpers} } = h;`,
      names.length ? `const ${names.join(", ")};` : "",
      ...this.functions,
      `return (v) => ${top.test("v")};`,
    ].join("\n");
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function("h", "d", source)(HELPERS, this.deps) as Test;
  }

  /** A name in the code for `value`, which never appears in the code itself. */
  private dep(value: unknown): string {
    let i = this.depIndex.get(value);
    if (i === undefined) {
      i = this.deps.push(value) - 1;
      this.depIndex.set(value, i);
    }
    return `d${i}`;
  }

  private fresh(): string {
    return `e${this.vars++}`;
  }

  /** Declares `function name(v) { body }` in the predicate's code. */
  private fn(name: string, body: string): void {
    this.functions.push(`function ${name}(v) {\n${body}\n}`);
  }

  private node(node: ZodNode): Compiled {
    const known = this.byNode.get(node);
    if (known) return known;
    // Every node that is not a leaf becomes a function, named before its children compile,
    // so recursion (a lazy, a getter) calls it by name. While it compiles it counts as not
    // preserving: a union meeting it stops there, which is stricter, never looser.
    const name = `f${this.byNode.size}`;
    let called = false;
    const call = (x: string): string => {
      called = true;
      return `${name}(${x})`;
    };
    const pending: Compiled = { test: call, preserving: false };
    this.byNode.set(node, pending);
    const built = this.withChecks(node);
    if (built.leaf) {
      this.byNode.set(node, built.compiled);
      // Callers compiled meanwhile call the function: give it the leaf's body.
      if (called) this.fn(name, `return ${built.compiled.test("v")};`);
      return built.compiled;
    }
    this.fn(name, built.body);
    const done: Compiled = {
      test: (x) => `${name}(${x})`,
      preserving: built.preserving,
    };
    this.byNode.set(node, done);
    return done;
  }

  /** The node's parse and then its checks, as Zod runs them. */
  private withChecks(
    node: ZodNode,
  ): { leaf: true; compiled: Compiled } | { leaf: false; body: string; preserving: boolean } {
    const zod = node._zod;
    const checks = [...(zod.traits?.has("$ZodCheck") ? [node] : []), ...(zod.def.checks ?? [])];
    const parse = checks.some((ch) => ch._zod.def.check === "overwrite") ? undefined : this.parse(node);
    if (!parse) {
      const self = this.dep(node);
      return {
        leaf: true,
        compiled: { test: (x) => `viaZod(${self}, ${x})`, preserving: false },
      };
    }
    const rules = checks.map((ch) => `passes(${this.dep(ch)}, v)`);
    if ("leaf" in parse) {
      if (!rules.length) return { leaf: true, compiled: parse.leaf };
      return {
        leaf: false,
        body: `return ${[parse.leaf.test("v"), ...rules].join(" && ")};`,
        preserving: parse.leaf.preserving,
      };
    }
    const body = rules.length ? `${parse.body}\nreturn ${rules.join(" && ")};` : `${parse.body}\nreturn true;`;
    return { leaf: false, body, preserving: parse.preserving };
  }

  /**
   * The node's own parse: an expression (`leaf`), or statements that `return false` when it
   * fails and fall through when it passes; `undefined` where only Zod can tell.
   */
  private parse(node: ZodNode): { leaf: Compiled } | { body: string; preserving: boolean } | undefined {
    const zod = node._zod;
    const def = zod.def;
    const leaf = (test: (x: string) => string): { leaf: Compiled } => ({
      leaf: { test, preserving: true },
    });
    switch (def.type) {
      case "string":
        return def.coerce ? undefined : leaf((x) => `typeof ${x} === "string"`);
      case "number":
        return def.coerce ? undefined : leaf((x) => `(typeof ${x} === "number" && isFinite(${x}))`);
      case "boolean":
        return def.coerce ? undefined : leaf((x) => `typeof ${x} === "boolean"`);
      case "null":
        return leaf((x) => `${x} === null`);
      case "undefined":
        return leaf((x) => `${x} === undefined`);
      case "unknown":
      case "any":
      case "custom": // `z.custom`: the parse passes everything; the node is its own check.
        return { leaf: TRUE };
      case "never":
        return { leaf: FALSE };
      case "literal":
      case "enum": {
        const values = zod.values;
        if (!values) return undefined;
        const list = [...values];
        if (list.length > 4) {
          const set = this.dep(values);
          return leaf((x) => `${set}.has(${x})`);
        }
        // `===` is Set's SameValueZero but for NaN, which it then refuses: stricter, fine.
        const names = list.map((value) => this.dep(value));
        return leaf((x) => (names.length ? `(${names.map((n) => `${x} === ${n}`).join(" || ")})` : "false"));
      }
      case "nullable": {
        const inner = this.node(def.innerType!);
        return {
          leaf: {
            test: (x) => `(${x} === null || ${inner.test(x)})`,
            preserving: inner.preserving,
          },
        };
      }
      case "optional": {
        const innerType = def.innerType!;
        const inner = this.node(innerType);
        // The exact kind (`exactOptional`) runs its inner schema on whatever is there; the
        // other passes `undefined` by unless its inner schema fills in a default.
        if (zod.traits?.has("$ZodExactOptional")) return { leaf: inner };
        if (innerType._zod.optin === "defaulted") return undefined;
        return {
          leaf: {
            test: (x) => `(${x} === undefined || ${inner.test(x)})`,
            preserving: inner.preserving,
          },
        };
      }
      case "lazy": {
        const inner = zod.innerType;
        return inner ? { leaf: this.node(inner) } : undefined;
      }
      case "array": {
        const item = this.node(def.element!);
        const e = this.fresh();
        return {
          body: `if (!isArray(v)) return false;\nfor (let i = 0; i < v.length; i++) { const ${e} = v[i]; if (!(${item.test(e)})) return false; }`,
          preserving: item.preserving,
        };
      }
      case "object":
        return this.object(def);
      case "record":
        return this.record(def);
      case "union":
        return this.union(def);
      case "intersection": {
        // Both sides accept and each gives the value back: their merge is the value.
        const left = this.node(def.left!);
        const right = this.node(def.right!);
        return {
          leaf: {
            test: (x) => `(${left.test(x)} && ${right.test(x)})`,
            preserving: left.preserving && right.preserving,
          },
        };
      }
      default:
        return undefined;
    }
  }

  /**
   * Zod's object: a shape key counts as present when `key in value` (inherited ones too);
   * absent is fine only for a key optional both in and out — a default would fill it in.
   * Other keys: passed (`looseObject`), each matched (`catchall`), refused (`strictObject`),
   * or dropped (`object`: then the output would differ, so such values are left to Zod).
   */
  private object(def: ZodDef): { body: string; preserving: boolean } | undefined {
    const shape = def.shape;
    if (!shape) return undefined;
    const lines = ["if (!isOpenObject(v)) return false;"];
    let preserving = true;
    const keys = Object.keys(shape);
    for (const key of keys) {
      // Zod never copies a `__proto__` key; a schema declaring one is left to Zod.
      if (key === "__proto__") return undefined;
      const el = shape[key]!;
      const compiled = this.node(el);
      preserving &&= compiled.preserving;
      const k = this.dep(key);
      const e = this.fresh();
      const optional = el._zod.optin === "optional" && el._zod.optout === "optional";
      lines.push(
        `{ const ${e} = v[${k}]; if (${e} !== undefined || ${k} in v) { if (!(${compiled.test(e)})) return false; }${optional ? "" : " else return false;"} }`,
      );
    }
    const declared = this.dep(new Set(keys));
    const catchallType = def.catchall?._zod.def.type;
    if (catchallType === "never" || catchallType === undefined) {
      // Strict: any other key is an issue. Stripping: any other key would be dropped.
      lines.push(`for (const k in v) if (!${declared}.has(k)) return false;`);
      if (catchallType === undefined) preserving = false;
    } else if (catchallType !== "unknown" && catchallType !== "any") {
      const other = this.node(def.catchall!);
      preserving &&= other.preserving;
      const e = this.fresh();
      lines.push(
        `for (const k in v) { if (${declared}.has(k)) continue; const ${e} = v[k]; if (!(${other.test(e)})) return false; }`,
      );
    }
    return { body: lines.join("\n"), preserving };
  }

  /**
   * Zod's record with a key schema that lists no values (`z.record(z.string(), …)`): every
   * own enumerable key must match the key schema, its value the value schema. Keys that
   * fail are left to Zod (it retries numeric ones as numbers, or passes them in loose mode).
   */
  private record(def: ZodDef): { body: string; preserving: boolean } | undefined {
    const keyType = def.keyType!;
    if (keyType._zod.values) return undefined;
    const key = this.node(keyType);
    const value = this.node(def.valueType!);
    const e = this.fresh();
    const enumerable = this.dep(Object.prototype.propertyIsEnumerable);
    return {
      body: [
        "if (!isPlainRecord(v)) return false;",
        "for (const k of Reflect.ownKeys(v)) {",
        `  if (typeof k !== "string") return false;`,
        `  if (!${enumerable}.call(v, k)) continue;`,
        `  if (!(${key.test("k")})) return false;`,
        `  const ${e} = v[k]; if (!(${value.test(e)})) return false;`,
        "}",
      ].join("\n"),
      preserving: key.preserving && value.preserving,
    };
  }

  /**
   * A union gives the first option that accepts; option j may answer for it if the options
   * before j keep values as they are. A discriminated union runs only the option its
   * discriminator value picks.
   */
  private union(def: ZodDef): { leaf: Compiled } | { body: string; preserving: boolean } | undefined {
    const options = def.options;
    if (!options?.length) return undefined;
    const compiled = options.map((o) => this.node(o));
    const preserving = compiled.every((c) => c.preserving);
    if (def.discriminator !== undefined) {
      if (def.unionFallback) return undefined;
      // Zod's map from discriminator value to option; a value two options claim picks none.
      const byValue = new Map<unknown, number>();
      for (let i = 0; i < options.length; i++) {
        const values = options[i]!._zod.propValues?.[def.discriminator];
        if (!values) return undefined;
        for (const value of values) byValue.set(value, byValue.has(value) ? -1 : i);
      }
      const map = this.dep(byValue);
      const key = this.dep(def.discriminator);
      const cases = compiled.map((c, i) => `case ${i}: return ${c.test("v")};`).join("\n");
      return {
        body: `if (!isObject(v)) return false;\nswitch (${map}.get(v[${key}])) {\n${cases}\ndefault: return false;\n}`,
        preserving,
      };
    }
    // Exclusive unions (`z.xor`) need every option's answer: left to Zod.
    if (def.inclusive === false) return undefined;
    const usable: Compiled[] = [];
    for (const c of compiled) {
      usable.push(c);
      if (!c.preserving) break;
    }
    return {
      leaf: {
        test: (x) => `(${usable.map((c) => c.test(x)).join(" || ")})`,
        preserving,
      },
    };
  }
}
