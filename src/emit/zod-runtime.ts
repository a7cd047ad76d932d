/**
 * The small runtime that generated `schemas.ts` carries for the JSON Schema keywords Zod
 * has no exact counterpart for (code-point string length, exact `multipleOf`, JSON
 * equality, key-level object rules, `not`, formats …). Only the helpers a file uses are
 * emitted, in a fixed order, so output stays small and deterministic.
 *
 * Every helper is a Zod check function (`.check($minLength(3))`), which never changes a
 * schema's output type: types still come from the structural Zod (objects, arrays,
 * literals) and stay comparable with `types.ts`. The text below is template code with no
 * spec data in it; spec values reach helpers only as arguments written by the encoders.
 *
 * All names start with `$`, which the naming stage never produces for schema identifiers.
 */
import { FORMAT_HELPER_DEPS, FORMAT_HELPER_SOURCES } from "./zod-formats.js";

interface Helper {
  deps: readonly string[];
  source: string;
}

const CORE: Record<string, Helper> = {
  $Agrees: {
    deps: [],
    source: `/**
 * Compile-time proof that a schema parses to values of type \`T\` (from types.ts): it is
 * \`unknown\` when the schema's output type is assignable to \`T\`, and an impossible
 * requirement otherwise. Comparing output types is several times cheaper for tsc than
 * checking a whole Zod type against \`z.ZodType<T>\`.
 */
type $Agrees<S extends z.ZodType, T> = [z.output<S>] extends [T] ? unknown : { "output type is not assignable to": T };`,
  },
  $typed: {
    deps: ["$Agrees"],
    source: `/** The schema, proven to agree with \`T\` and typed \`z.ZodType<T>\` so other schemas refer to it cheaply. */
function $typed<T>(): <S extends z.ZodType>(schema: S & $Agrees<S, T>) => z.ZodType<T> {
  return (schema) => schema as unknown as z.ZodType<T>;
}`,
  },
  $typedObject: {
    deps: ["$Agrees"],
    source: `/** Like \`$typed\`, but keeps the concrete object type \`z.discriminatedUnion\` needs. */
function $typedObject<T>(): <S extends z.ZodType>(schema: S & $Agrees<S, T>) => S {
  return (schema) => schema;
}`,
  },
  $Check: {
    deps: [],
    source: `/** A JSON Schema keyword as a Zod check: it only adds issues, never changes the value. */
type $Check = z.core.CheckFn<unknown>;`,
  },
  $fail: {
    deps: ["$Check"],
    source: `function $fail(payload: z.core.ParsePayload<unknown>, message: string, path: PropertyKey[] = []): void {
  payload.issues.push({ code: "custom", message, input: payload.value, path });
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
  $firstIssue: {
    deps: [],
    source: `/** Re-reports the first issue of a nested check below \`path\`. */
function $firstIssue(payload: z.core.ParsePayload<unknown>, error: z.ZodError, path: PropertyKey[]): void {
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
  $integer: {
    deps: ["$Check", "$fail"],
    source: `/** \`type: integer\` without Zod's safe-integer limit: 820982911946154508 is an integer. */
const $integer: $Check = (p) => {
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
    deps: ["$Check", "$fail"],
    source: `/** \`pattern\` is unanchored: it must match somewhere in the string. */
function $pattern(re: RegExp): $Check {
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
    deps: ["$Check", "$firstIssue"],
    source: `/** \`prefixItems\`/\`items\` on a value that is not known to be an array. */
function $items(prefix: z.ZodType[], rest: z.ZodType | undefined): $Check {
  return (p) => {
    if (!Array.isArray(p.value)) return;
    p.value.forEach((item, i) => {
      const schema = i < prefix.length ? prefix[i] : rest;
      const r = schema?.safeParse(item);
      if (r && !r.success) $firstIssue(p, r.error, [i]);
    });
  };
}`,
  },
  $contains: {
    deps: ["$Check", "$fail"],
    source: `function $contains(schema: z.ZodType, min: number, max: number | undefined): $Check {
  return (p) => {
    if (!Array.isArray(p.value)) return;
    const count = p.value.filter((item) => schema.safeParse(item).success).length;
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
    deps: ["$Check", "$fail", "$isObject"],
    source: `/** \`additionalProperties: false\`: no property beyond \`known\` and the \`patterns\`. */
function $closed(known: string[], patterns: RegExp[]): $Check {
  const names = new Set(known);
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const k of Object.keys(v)) if (!names.has(k) && !patterns.some((re) => re.test(k))) $fail(p, "unknown property", [k]);
  };
}`,
  },
  $patternProperties: {
    deps: ["$Check", "$isObject", "$firstIssue"],
    source: `/** Every property whose name matches a pattern must match that pattern's schema. */
function $patternProperties(rules: [RegExp, z.ZodType][]): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const k of Object.keys(v)) {
      for (const [re, schema] of rules) {
        if (!re.test(k)) continue;
        const r = schema.safeParse(v[k]);
        if (!r.success) $firstIssue(p, r.error, [k]);
      }
    }
  };
}`,
  },
  $additionalProperties: {
    deps: ["$Check", "$isObject", "$firstIssue"],
    source: `/** Properties outside \`known\` and the \`patterns\` must match \`schema\`. */
function $additionalProperties(known: string[], patterns: RegExp[], schema: z.ZodType): $Check {
  const names = new Set(known);
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const k of Object.keys(v)) {
      if (names.has(k) || patterns.some((re) => re.test(k))) continue;
      const r = schema.safeParse(v[k]);
      if (!r.success) $firstIssue(p, r.error, [k]);
    }
  };
}`,
  },
  $propertyNames: {
    deps: ["$Check", "$isObject", "$firstIssue"],
    source: `function $propertyNames(schema: z.ZodType): $Check {
  return (p) => {
    if (!$isObject(p.value)) return;
    for (const k of Object.keys(p.value)) {
      const r = schema.safeParse(k);
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
    deps: ["$Check", "$isObject", "$has", "$firstIssue"],
    source: `function $dependentSchemas(rules: [string, z.ZodType][]): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    for (const [k, schema] of rules) {
      if (!$has(v, k)) continue;
      const r = schema.safeParse(v);
      if (!r.success) $firstIssue(p, r.error, []);
    }
  };
}`,
  },
  $property: {
    deps: ["$Check", "$fail", "$isObject", "$has", "$firstIssue"],
    source: `/** A property Zod's object parser cannot see (\`__proto__\`), checked on the raw input. */
function $property(key: string, schema: z.ZodType, required: boolean): $Check {
  return (p) => {
    const v = p.value;
    if (!$isObject(v)) return;
    if (!$has(v, key)) {
      if (required) $fail(p, "required property is missing", [key]);
      return;
    }
    const r = schema.safeParse(v[key]);
    if (!r.success) $firstIssue(p, r.error, [key]);
  };
}`,
  },
  $not: {
    deps: ["$Check", "$fail"],
    source: `function $not(schema: z.ZodType): $Check {
  return (p) => {
    if (schema.safeParse(p.value).success) $fail(p, "must not match the schema in \`not\`");
  };
}`,
  },
  $ifThenElse: {
    deps: ["$Check", "$firstIssue"],
    source: `function $ifThenElse(condition: z.ZodType, then: z.ZodType | undefined, otherwise: z.ZodType | undefined): $Check {
  return (p) => {
    const branch = condition.safeParse(p.value).success ? then : otherwise;
    const r = branch?.safeParse(p.value);
    if (r && !r.success) $firstIssue(p, r.error, []);
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
function $raw<S extends z.ZodType>(schema: S, ...checks: $Check[]): z.ZodPipe<z.ZodUnknown, S> {
  return z.unknown().check(...checks).overwrite($ownCopy).pipe(schema);
}`,
  },
};

/**
 * Renders the helpers in `used` and everything they depend on. `formats` lists the
 * asserted format names in use (they fill the `$formats` table).
 */
export function renderRuntime(used: ReadonlySet<string>, formats: ReadonlyMap<string, { type: "string" | "number"; predicate: string }>): string {
  const all = new Set<string>();
  const visit = (name: string): void => {
    if (all.has(name)) return;
    all.add(name);
    for (const d of dependencies(name, formats)) visit(d);
  };
  for (const name of used) visit(name);
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

/** Every `$`-name `renderRuntime` can declare (for collision checks against schema names). */
export function runtimeNames(): string[] {
  return [...Object.keys(CORE), ...Object.keys(FORMAT_HELPER_SOURCES), "$formats"];
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
