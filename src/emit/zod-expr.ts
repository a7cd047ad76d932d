/**
 * One canonical schema (see `schema/canonical.ts`) → one Zod expression.
 *
 * Structure carries the type, checks carry the rest. The *structural* part (objects,
 * arrays, tuples, literals, unions, intersections) mirrors the type openapi-typescript
 * derives from the same canonical schema, so `tsc` can prove `z.ZodType<T>`; every
 * constraint that has no type (lengths, bounds, `not`, key-level object rules, formats …)
 * is a `.check()` from `zod-runtime.ts`, which never changes the output type.
 *
 * Semantics follow JSON Schema 2020-12 exactly in the strict policy, with these documented
 * exception: `__proto__` keys in an instance are invisible unless the schema names
 * `__proto__` (Zod never copies such a key, and we prefer dropping it to rejecting a signed
 * payload — THREATS.md B10). `format` is an annotation unless asserted (`zod-formats.ts`).
 */
import type { JsonSchema, JsonSchemaObject, ValidationPolicy } from "../model/schema-set.js";
import { refKey } from "../model/schema-set.js";
import type { DiagnosticCode } from "../diagnostics/catalogue.js";
import type { Severity } from "../diagnostics/diagnostic.js";
import { isSchemaObject, own, UNSUPPORTED_KEYWORDS, type TypeName } from "../schema/keywords.js";
import { sourceOf, type CanonicalMember, type SourceRef } from "../schema/canonical.js";
import { isComposite, valuePlan } from "../schema/values.js";
import { jsonLiteral, propertyKey, stringLiteral } from "./encoders.js";
import { ANNOTATION_FORMATS, ASSERTED_FORMATS } from "./zod-formats.js";
import { array, arrow, atom, call, method, object, z, type Code } from "./zod-code.js";

export interface WriterContext {
  policy: ValidationPolicy;
  formats: "assert" | "annotate";
  members: ReadonlyMap<string, CanonicalMember>;
  /** The member whose schema is being written (for deciding which references are lazy). */
  current: string;
  /** True when a reference from `from` to `to` must be deferred (a back edge of the ref graph). */
  isLazy(from: string, to: string): boolean;
  /** `oneOf`/`anyOf` nodes that become `z.discriminatedUnion`, with their discriminator. */
  discriminated: ReadonlyMap<object, string>;
  useHelper(name: string): void;
  useFormat(name: string): void;
  report(code: DiagnosticCode, severity: Severity, message: string, at: SourceRef | undefined): void;
}

/**
 * Property names that `Object.prototype` already has. Zod looks a declared key up with
 * `key in input`, so an absent `toString` would be read from the prototype; objects that
 * declare such names are parsed from a prototype-free copy (`$raw`).
 */
const PROTOTYPE_NAMES = new Set([
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

export class ZodWriter {
  constructor(private readonly ctx: WriterContext) {}

  schema(node: JsonSchema): Code {
    if (node === true) return z("unknown");
    if (node === false) return z("never");
    const ref = own(node, "$ref");
    if (typeof ref === "string") return this.ref(ref);
    this.unsupported(node);

    const parts: Code[] = [];
    const checks: Code[] = [];
    let carrier: Code | undefined;
    if (Array.isArray(own(node, "enum"))) {
      carrier = this.values(node);
      checks.push(...this.looseChecks(node));
    } else if (own(node, "type") !== undefined) {
      carrier = this.typed(node);
    } else {
      checks.push(...this.looseChecks(node));
    }

    const allOf = schemas(node, "allOf");
    for (const m of allOf) parts.push(this.schema(m));
    const anyOf = schemas(node, "anyOf");
    if (anyOf.length) parts.push(this.union(node, anyOf, "anyOf"));
    const oneOf = schemas(node, "oneOf");
    if (oneOf.length) parts.push(this.union(node, oneOf, "oneOf"));
    const not = own(node, "not");
    if (isSchemaLike(not)) checks.push(this.helper("$not", this.schema(not)));
    const cond = own(node, "if");
    if (isSchemaLike(cond)) {
      const then = own(node, "then");
      const otherwise = own(node, "else");
      if (isSchemaLike(then) || isSchemaLike(otherwise)) {
        checks.push(
          this.helper(
            "$ifThenElse",
            this.schema(cond),
            isSchemaLike(then) ? this.schema(then) : atom("undefined"),
            isSchemaLike(otherwise) ? this.schema(otherwise) : atom("undefined"),
          ),
        );
      }
    }

    let result = carrier ?? parts.shift() ?? z("unknown");
    for (const p of parts) result = method(result, "and", p);
    if (checks.length) result = method(result, "check", ...checks);
    return result;
  }

  // ── references ──────────────────────────────────────────────────────────────────

  private ref(ref: string): Code {
    const key = refKey(ref);
    const target = key === undefined ? undefined : this.ctx.members.get(key);
    if (key === undefined || target === undefined) {
      // Reported by canonicalization (`ref-missing`); validate nothing rather than crash.
      return z("unknown");
    }
    const name = atom(target.named.schemaName);
    return this.ctx.isLazy(this.ctx.current, key) ? z("lazy", arrow(name)) : name;
  }

  // ── enum / const ────────────────────────────────────────────────────────────────

  /**
   * The listed values, exactly (or opened per `valuePlan`). Primitives become
   * `z.literal`; objects and arrays a structural schema of the same literal type plus a
   * JSON-equality check (loose objects keep extra keys in the output so the check sees them).
   */
  private values(node: JsonSchemaObject): Code {
    const plan = valuePlan(node, this.ctx.policy);
    const branches: Code[] = [];
    const primitives = plan.exact.filter((v) => !isComposite(v));
    if (primitives.length === 1) branches.push(z("literal", atom(jsonLiteral(primitives[0]))));
    else if (primitives.length > 1) branches.push(z("literal", array(primitives.map((v) => atom(jsonLiteral(v))))));
    if (plan.openString) branches.push(z("string"));
    if (plan.openNumber === "integer") branches.push(method(z("number"), "check", this.use("$integer")));
    else if (plan.openNumber === "number") branches.push(z("number"));
    for (const v of plan.exact.filter(isComposite)) {
      // Zod never copies a `__proto__` key into its output, so such values are compared
      // with the raw input instead.
      const equal = this.helper("$enum", atom(jsonLiteral([v])));
      branches.push(hasProtoKey(v) ? this.helper("$raw", literalShape(v), equal) : method(literalShape(v), "check", equal));
    }
    if (branches.length === 0) return z("never");
    return branches.length === 1 ? branches[0]! : z("union", array(branches));
  }

  // ── typed nodes ─────────────────────────────────────────────────────────────────

  private typed(node: JsonSchemaObject): Code {
    const type = own(node, "type");
    const types = (Array.isArray(type) ? type : [type]) as TypeName[];
    const branches = types.map((t) => this.typeBranch(t, node));
    if (branches.length === 1) return branches[0]!;
    if (branches.length === 2 && types.includes("null")) {
      const other = branches[types[0] === "null" ? 1 : 0]!;
      return method(other, "nullable");
    }
    return z("union", array(branches));
  }

  private typeBranch(t: TypeName, node: JsonSchemaObject): Code {
    switch (t) {
      case "null":
        return z("null");
      case "boolean":
        return z("boolean");
      case "string":
        return this.string(node);
      case "number":
      case "integer":
        return this.number(node, t === "integer");
      case "array":
        return this.array(node);
      case "object":
        return this.object(node);
    }
  }

  private string(node: JsonSchemaObject): Code {
    let out = z("string");
    const pattern = this.regex(own(node, "pattern"), node, "pattern");
    if (pattern) out = method(out, "regex", pattern);
    const checks = [...this.lengthChecks(node), ...this.formatChecks(node, "string")];
    return checks.length ? method(out, "check", ...checks) : out;
  }

  private number(node: JsonSchemaObject, integer: boolean): Code {
    let out = z("number");
    const checks: Code[] = [];
    if (integer) checks.push(this.use("$integer"));
    for (const [kw, m] of [
      ["minimum", "gte"],
      ["exclusiveMinimum", "gt"],
      ["maximum", "lte"],
      ["exclusiveMaximum", "lt"],
    ] as const) {
      const v = own(node, kw);
      if (typeof v === "number") out = method(out, m, atom(jsonLiteral(v)));
    }
    const multipleOf = own(node, "multipleOf");
    if (typeof multipleOf === "number") checks.push(this.helper("$multipleOf", atom(jsonLiteral(multipleOf))));
    // `$integer` already says everything `int64` asserts.
    if (!(integer && own(node, "format") === "int64")) checks.push(...this.formatChecks(node, "number"));
    return checks.length ? method(out, "check", ...checks) : out;
  }

  private array(node: JsonSchemaObject): Code {
    const prefix = schemas(node, "prefixItems");
    const items = own(node, "items");
    const min = numberOr(own(node, "minItems"), 0);
    const max = own(node, "maxItems");
    const checks: Code[] = [];
    let out: Code;
    if (prefix.length) {
      // `prefixItems` constrains only the items that exist: `[a, b?, …rest]`.
      const elements = prefix.map((s, i) => (i < min ? this.schema(s) : method(this.schema(s), "exactOptional")));
      const rest = items === false ? undefined : isSchemaLike(items) ? this.schema(items) : z("unknown");
      out = rest ? z("tuple", array(elements), rest) : z("tuple", array(elements));
      if (min > prefix.length) checks.push(this.helper("$minItems", atom(String(min))));
      if (typeof max === "number") checks.push(this.helper("$maxItems", atom(String(max))));
    } else if (items === false) {
      out = z("tuple", array([]));
    } else {
      out = z("array", isSchemaLike(items) ? this.schema(items) : z("unknown"));
      if (min > 0) out = method(out, "min", atom(String(min)));
      if (typeof max === "number") out = method(out, "max", atom(String(max)));
    }
    checks.push(...this.arrayChecks(node));
    return checks.length ? method(out, "check", ...checks) : out;
  }

  private object(node: JsonSchemaObject): Code {
    const properties = isSchemaObject(own(node, "properties")) ? (own(node, "properties") as Record<string, JsonSchema>) : {};
    const names = Object.keys(properties);
    const required = this.required(node);
    const shapeNames = names.filter((k) => k !== "__proto__");
    const additional = own(node, "additionalProperties");
    const patterns = this.patternRules(node);
    const closed = additional === false && this.ctx.policy === "strict";
    const additionalSchema = isSchemaObject(additional) && !isTrivial(additional) ? this.schema(additional) : undefined;

    // The index type of the output: it must match openapi-typescript's index signature.
    let index: Code | undefined;
    if (patterns.length && (additionalSchema || closed)) {
      const members = [...patterns.map((p) => p.schema), ...(additionalSchema ? [additionalSchema] : [])];
      index = members.length === 1 ? members[0] : z("union", array(members));
    } else if (!patterns.length && additionalSchema) {
      index = additionalSchema;
    }

    const entries: [string, Code][] = shapeNames.map((k) => {
      const value = this.schema(properties[k]!);
      return [propertyKey(k, "value"), required.includes(k) ? value : method(value, "exactOptional")];
    });
    let out: Code;
    if (entries.length === 0) out = z("record", z("string"), index ?? z("unknown"));
    else if (index) out = method(z("object", object(entries)), "catchall", index);
    else out = z("looseObject", object(entries));

    const checks: Code[] = [];
    if (closed) checks.push(this.helper("$closed", stringArray(names), array(patterns.map((p) => p.regex))));
    const undeclared = required.filter((k) => !shapeNames.includes(k) && !(k === "__proto__" && names.includes(k)));
    if (undeclared.length) checks.push(this.helper("$required", stringArray(undeclared)));
    if (names.includes("__proto__")) {
      const proto = this.schema(own(properties, "__proto__") as JsonSchema);
      checks.push(this.helper("$property", atom(stringLiteral("__proto__")), proto, atom(String(required.includes("__proto__")))));
    }
    if (patterns.length) {
      checks.push(this.helper("$patternProperties", array(patterns.map((p) => array([p.regex, p.schema])))));
      if (additionalSchema) checks.push(this.helper("$additionalProperties", stringArray(names), array(patterns.map((p) => p.regex)), additionalSchema));
    }
    checks.push(...this.objectCountChecks(node));

    if (needsRawInput(node)) return this.helper("$raw", out, ...checks);
    return checks.length ? method(out, "check", ...checks) : out;
  }

  // ── applicators ─────────────────────────────────────────────────────────────────

  private union(node: JsonSchemaObject, members: JsonSchema[], kw: "anyOf" | "oneOf"): Code {
    const codes = members.map((m) => this.schema(m));
    if (codes.length === 1) return codes[0]!;
    const discriminator = this.ctx.discriminated.get(node);
    if (discriminator !== undefined) return z("discriminatedUnion", atom(stringLiteral(discriminator)), array(codes));
    // `oneOf` is exclusive; the relaxed policies make branches overlap (optional
    // `required`, open enums), so they take the first branch that matches instead.
    return z(kw === "oneOf" && this.ctx.policy === "strict" ? "xor" : "union", array(codes));
  }

  // ── checks that apply to one instance type, for nodes whose type is not fixed ───

  /** Every type-specific keyword as a check that ignores other instance types. */
  private looseChecks(node: JsonSchemaObject): Code[] {
    const checks: Code[] = [];
    checks.push(...this.lengthChecks(node));
    const pattern = this.regex(own(node, "pattern"), node, "pattern");
    if (pattern) checks.push(this.helper("$pattern", pattern));
    checks.push(...this.formatChecks(node, "any"));
    for (const [kw, helper, exclusive] of [
      ["minimum", "$minimum", false],
      ["exclusiveMinimum", "$minimum", true],
      ["maximum", "$maximum", false],
      ["exclusiveMaximum", "$maximum", true],
    ] as const) {
      const v = own(node, kw);
      if (typeof v === "number") checks.push(this.helper(helper, atom(jsonLiteral(v)), atom(String(exclusive))));
    }
    const multipleOf = own(node, "multipleOf");
    if (typeof multipleOf === "number") checks.push(this.helper("$multipleOf", atom(jsonLiteral(multipleOf))));

    const prefix = schemas(node, "prefixItems");
    const items = own(node, "items");
    if (prefix.length || isSchemaLike(items)) {
      const rest = isSchemaLike(items) ? this.schema(items) : atom("undefined");
      checks.push(this.helper("$items", array(prefix.map((s) => this.schema(s))), rest));
    }
    const min = own(node, "minItems");
    if (typeof min === "number" && min > 0) checks.push(this.helper("$minItems", atom(String(min))));
    const max = own(node, "maxItems");
    if (typeof max === "number") checks.push(this.helper("$maxItems", atom(String(max))));
    checks.push(...this.arrayChecks(node));

    const properties = isSchemaObject(own(node, "properties")) ? (own(node, "properties") as Record<string, JsonSchema>) : {};
    const names = Object.keys(properties);
    const required = this.required(node);
    if (required.length) checks.push(this.helper("$required", stringArray(required)));
    for (const k of names) checks.push(this.helper("$property", atom(stringLiteral(k)), this.schema(properties[k]!), atom("false")));
    const patterns = this.patternRules(node);
    if (patterns.length) checks.push(this.helper("$patternProperties", array(patterns.map((p) => array([p.regex, p.schema])))));
    const additional = own(node, "additionalProperties");
    if (additional === false && this.ctx.policy === "strict") {
      checks.push(this.helper("$closed", stringArray(names), array(patterns.map((p) => p.regex))));
    } else if (isSchemaObject(additional) && !isTrivial(additional)) {
      checks.push(this.helper("$additionalProperties", stringArray(names), array(patterns.map((p) => p.regex)), this.schema(additional)));
    }
    checks.push(...this.objectCountChecks(node));
    return checks;
  }

  private lengthChecks(node: JsonSchemaObject): Code[] {
    const out: Code[] = [];
    const min = own(node, "minLength");
    if (typeof min === "number" && min > 0) out.push(this.helper("$minLength", atom(String(min))));
    const max = own(node, "maxLength");
    if (typeof max === "number") out.push(this.helper("$maxLength", atom(String(max))));
    return out;
  }

  private arrayChecks(node: JsonSchemaObject): Code[] {
    const out: Code[] = [];
    if (own(node, "uniqueItems") === true) out.push(this.use("$uniqueItems"));
    const contains = own(node, "contains");
    if (isSchemaLike(contains)) {
      const min = numberOr(own(node, "minContains"), 1);
      const max = own(node, "maxContains");
      out.push(this.helper("$contains", this.schema(contains), atom(String(min)), atom(typeof max === "number" ? String(max) : "undefined")));
    }
    return out;
  }

  /** Object keywords that need every key of the instance (they run as checks). */
  private objectCountChecks(node: JsonSchemaObject): Code[] {
    const out: Code[] = [];
    const min = own(node, "minProperties");
    if (typeof min === "number" && min > 0) out.push(this.helper("$minProperties", atom(String(min))));
    const max = own(node, "maxProperties");
    if (typeof max === "number") out.push(this.helper("$maxProperties", atom(String(max))));
    const names = own(node, "propertyNames");
    if (isSchemaLike(names) && names !== true) out.push(this.helper("$propertyNames", this.schema(names)));
    const depRequired = own(node, "dependentRequired");
    if (isSchemaObject(depRequired) && this.ctx.policy !== "tolerant") {
      const rules = Object.keys(depRequired).map((k) => array([atom(stringLiteral(k)), stringArray(depRequired[k] as string[])]));
      if (rules.length) out.push(this.helper("$dependentRequired", array(rules)));
    }
    const depSchemas = own(node, "dependentSchemas");
    if (isSchemaObject(depSchemas)) {
      const rules = Object.keys(depSchemas).map((k) => array([atom(stringLiteral(k)), this.schema(depSchemas[k] as JsonSchema)]));
      if (rules.length) out.push(this.helper("$dependentSchemas", array(rules)));
    }
    return out;
  }

  /** `format` as a check, when asserted and applicable to `type` ("any": guarded by the helper). */
  private formatChecks(node: JsonSchemaObject, type: "string" | "number" | "any"): Code[] {
    const format = own(node, "format");
    if (typeof format !== "string") return [];
    const known = Object.prototype.hasOwnProperty.call(ASSERTED_FORMATS, format) ? ASSERTED_FORMATS[format] : undefined;
    if (!known) {
      if (!ANNOTATION_FORMATS.has(format)) {
        this.ctx.report(
          "schema-unknown-format",
          "warning",
          `unknown format ${stringLiteral(format)}: only the base type is checked`,
          sourceOf(node),
        );
      }
      return [];
    }
    if (this.ctx.formats === "annotate" || (type !== "any" && known.type !== type)) return [];
    this.ctx.useFormat(format);
    return [this.helper("$format", atom(stringLiteral(format)))];
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────

  private required(node: JsonSchemaObject): string[] {
    if (this.ctx.policy === "tolerant") return [];
    const r = own(node, "required");
    return Array.isArray(r) ? r.filter((x): x is string => typeof x === "string") : [];
  }

  private patternRules(node: JsonSchemaObject): { regex: Code; schema: Code }[] {
    const map = own(node, "patternProperties");
    if (!isSchemaObject(map)) return [];
    const out: { regex: Code; schema: Code }[] = [];
    for (const source of Object.keys(map)) {
      const regex = this.regex(source, node, "patternProperties");
      if (regex) out.push({ regex, schema: this.schema(map[source] as JsonSchema) });
    }
    return out;
  }

  /**
   * `new RegExp("<source>", "u")`. JSON Schema patterns are ECMA-262 and unanchored; `u`
   * gives code-point semantics (`\p{L}`, astral `.`). A pattern that only compiles without
   * `u` keeps the legacy flags; one that never compiles is reported and not enforced.
   */
  private regex(source: unknown, node: JsonSchemaObject, kw: string): Code | undefined {
    if (typeof source !== "string") return undefined;
    for (const flags of ["u", ""]) {
      try {
        new RegExp(source, flags);
        return call(atom("new RegExp"), atom(stringLiteral(source)), ...(flags ? [atom(stringLiteral(flags))] : []));
      } catch {
        // try the next flag set
      }
    }
    this.ctx.report(
      "schema-invalid-pattern",
      "warning",
      `${kw} ${stringLiteral(source)} is not a valid ECMAScript regular expression; it is not enforced`,
      sourceOf(node),
    );
    return undefined;
  }

  private unsupported(node: JsonSchemaObject): void {
    for (const kw of UNSUPPORTED_KEYWORDS) {
      if (own(node, kw) === undefined) continue;
      this.ctx.report("schema-unsupported", "warning", `\`${kw}\` is not supported; it validates as z.unknown()`, sourceOf(node));
    }
  }

  /** `$name(args…)`, recording that the runtime helper is needed. */
  private helper(name: string, ...args: Code[]): Code {
    return call(this.use(name), ...args);
  }

  private use(name: string): Code {
    this.ctx.useHelper(name);
    return atom(name);
  }
}

function literalShape(v: unknown): Code {
  if (Array.isArray(v)) return z("tuple", array(v.map(literalShape)));
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).filter((k) => k !== "__proto__");
    if (keys.length === 0) return z("record", z("string"), z("never"));
    return z("looseObject", object(keys.map((k) => [propertyKey(k, "value"), literalShape((v as Record<string, unknown>)[k])])));
  }
  return v === null ? z("null") : z("literal", atom(jsonLiteral(v)));
}

function hasProtoKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasProtoKey);
  if (v === null || typeof v !== "object") return false;
  return Object.keys(v).some((k) => k === "__proto__" || hasProtoKey((v as Record<string, unknown>)[k]));
}

function schemas(node: JsonSchemaObject, kw: string): JsonSchema[] {
  const v = own(node, kw);
  return Array.isArray(v) ? (v.filter(isSchemaLike) as JsonSchema[]) : [];
}

function isSchemaLike(v: unknown): v is JsonSchema {
  return typeof v === "boolean" || isSchemaObject(v);
}

/** `true` or `{}`: any value. */
function isTrivial(v: JsonSchema): boolean {
  return v === true || (typeof v === "object" && Object.keys(v).length === 0);
}

function numberOr(v: unknown, fallback: number): number {
  return typeof v === "number" ? v : fallback;
}

function stringArray(values: string[]): Code {
  return array(values.map((v) => atom(stringLiteral(v))));
}

/**
 * Must this object schema see the raw input (`$raw`)? Yes when it declares a property
 * named like an `Object.prototype` member, or names `__proto__` in any key-level keyword.
 */
export function needsRawInput(node: JsonSchemaObject): boolean {
  const props = own(node, "properties");
  if (isSchemaObject(props) && Object.keys(props).some((k) => PROTOTYPE_NAMES.has(k))) return true;
  const required = own(node, "required");
  if (Array.isArray(required) && required.includes("__proto__")) return true;
  const dep = own(node, "dependentRequired");
  if (isSchemaObject(dep) && Object.keys(dep).some((k) => k === "__proto__" || (dep[k] as unknown[]).includes("__proto__"))) return true;
  const depSchemas = own(node, "dependentSchemas");
  return isSchemaObject(depSchemas) && Object.prototype.hasOwnProperty.call(depSchemas, "__proto__");
}

