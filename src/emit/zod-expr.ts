/**
 * One canonical schema (see `schema/canonical.ts`) → one builder expression.
 *
 * The expression is written with the builders of `zod-runtime.ts` (`$object`, `$string`,
 * `$union` …): each builds the Zod schema it is named after, but its static type is that
 * schema's *output* type, so `tsc` proves agreement with `types.ts` by plain assignability
 * without instantiating Zod's generic classes (see `zod.ts`).
 *
 * Structure carries the type, rules carry the rest. The *structural* part (objects,
 * arrays, tuples, literals, unions, intersections) mirrors the type openapi-typescript
 * derives from the same canonical schema; every constraint that has no type (lengths,
 * bounds, `not`, key-level object rules, formats …) is a rule — a Zod check — which never
 * changes the output type. Rules go into the builder's trailing arguments (`$array(item, …)`,
 * `$object(shape, …)`) or else into `$check(schema, …)`: `$check($string, $minLength(1))`.
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
import { mayBeFile } from "../schema/files.js";
import { jsonLiteral, propertyKey, stringLiteral } from "./encoders.js";
import { ANNOTATION_FORMATS, ASSERTED_FORMATS } from "./zod-formats.js";
import { translatePattern } from "./re2-pattern.js";
import { array, arrow, atom, call, object, type Code, type ObjectEntry } from "./zod-code.js";

export interface WriterContext {
  policy: ValidationPolicy;
  formats: "assert" | "annotate";
  members: ReadonlyMap<string, CanonicalMember>;
  /** The member whose schema is being written (for deciding which references are lazy). */
  current: string;
  /** How a reference to each member is written (`$.Pet`: typed by its `types.ts` type). */
  handles: ReadonlyMap<string, string>;
  /** True when a reference from `from` to `to` must be deferred (a back edge of the ref graph). */
  isLazy(from: string, to: string): boolean;
  /** `oneOf`/`anyOf` nodes that become `z.discriminatedUnion` (`$discriminated`), with their discriminator. */
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
    if (node === true) return this.use("$unknown");
    if (node === false) return this.use("$never");
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

    let result = carrier ?? parts.shift() ?? this.use("$unknown");
    for (const p of parts) result = this.build("$and", result, p);
    return this.withRules(result, checks);
  }

  // ── references ──────────────────────────────────────────────────────────────────

  private ref(ref: string): Code {
    const key = refKey(ref);
    const target = key === undefined ? undefined : this.ctx.members.get(key);
    const handle = key === undefined ? undefined : this.ctx.handles.get(key);
    if (key === undefined || target === undefined || handle === undefined) {
      // Reported by canonicalization (`ref-missing`); validate nothing rather than crash.
      return this.use("$unknown");
    }
    const name = atom(handle);
    return this.ctx.isLazy(this.ctx.current, key) ? this.build("$lazy", arrow(name)) : name;
  }

  // ── enum / const ────────────────────────────────────────────────────────────────

  /**
   * The listed values, exactly (or opened per `valuePlan`). Primitives become
   * `$literal` (z.literal); objects and arrays a structural schema of the same literal type
   * plus a JSON-equality check (loose objects keep extra keys in the output so the check
   * sees them).
   */
  private values(node: JsonSchemaObject): Code {
    const plan = valuePlan(node, this.ctx.policy);
    const branches: Code[] = [];
    const primitives = plan.exact.filter((v) => !isComposite(v));
    if (primitives.length) branches.push(this.literal(primitives));
    // An opened enum is exact again under a stricter policy at run time: the open branch
    // carries the listed values of its type (one non-generic call: cheap for tsc).
    if (plan.openString) branches.push(this.helper("$openString", atom(jsonLiteral(plan.all.filter((v) => typeof v === "string")))));
    if (plan.openNumber) {
      const listed = atom(jsonLiteral(plan.all.filter((v) => typeof v === "number")));
      branches.push(this.helper("$openNumber", listed, atom(String(plan.openNumber === "integer"))));
    }
    for (const v of plan.exact.filter(isComposite)) {
      // Zod never copies a `__proto__` key into its output, so such values are compared
      // with the raw input instead.
      const equal = this.helper("$enum", atom(jsonLiteral([v])));
      branches.push(hasProtoKey(v) ? this.helper("$raw", this.literalShape(v), equal) : this.build("$check", this.literalShape(v), equal));
    }
    if (branches.length === 0) return this.use("$never");
    return branches.length === 1 ? branches[0]! : this.build("$union", ...branches);
  }

  /**
   * `$literal<"a" | "b">("a", "b")`. The type argument is the values' literal type written
   * out, so tsc does not infer it (inference from a rest of literals would also need a
   * `const` tuple and an indexed access per call).
   */
  private literal(values: unknown[]): Code {
    const texts = values.map((v) => jsonLiteral(v));
    return call(this.use("$literal", `<${texts.join(" | ")}>`), ...texts.map(atom));
  }

  /** A structural schema whose output type is the literal type of the JSON value `v`. */
  private literalShape(v: unknown): Code {
    if (Array.isArray(v)) return this.build("$tuple", array(v.map((x) => this.literalShape(x))), array([]));
    if (v !== null && typeof v === "object") {
      const keys = Object.keys(v).filter((k) => k !== "__proto__");
      if (keys.length === 0) return this.build("$record", this.use("$never"));
      return this.build("$object", object(keys.map((k) => [propertyKey(k, "value"), this.literalShape((v as Record<string, unknown>)[k])])));
    }
    return v === null ? this.use("$null") : this.literal([v]);
  }

  // ── typed nodes ─────────────────────────────────────────────────────────────────

  private typed(node: JsonSchemaObject): Code {
    const type = own(node, "type");
    const types = (Array.isArray(type) ? type : [type]) as TypeName[];
    if (types.length === 2 && types.includes("null")) {
      return this.build("$nullable", this.typeBranch(types[types[0] === "null" ? 1 : 0]!, node));
    }
    const branches = types.map((t) => this.typeBranch(t, node));
    return branches.length === 1 ? branches[0]! : this.build("$union", ...branches);
  }

  private typeBranch(t: TypeName, node: JsonSchemaObject): Code {
    switch (t) {
      case "null":
        return this.use("$null");
      case "boolean":
        return this.use("$boolean");
      case "string":
        // A file part of a multipart body is a Blob (see schema/files.ts).
        return mayBeFile(node) ? this.build("$union", this.string(node), this.use("$blob")) : this.string(node);
      case "number":
      case "integer":
        return this.number(node, t === "integer");
      case "array":
        return this.array(node);
      case "object":
        return this.object(node);
    }
  }

  /** The pattern first, then lengths and format (the order Zod's own string checks had). */
  private string(node: JsonSchemaObject): Code {
    const rules: Code[] = [];
    const pattern = this.regex(own(node, "pattern"), node, "pattern");
    if (pattern) rules.push(this.helper("$pattern", pattern));
    rules.push(...this.lengthChecks(node), ...this.formatChecks(node, "string"));
    return this.withRules(this.use("$string"), rules);
  }

  /** Zod's bounds first (`$gte` …, as `.gte()` … add them), then `$isInteger` and our checks. */
  private number(node: JsonSchemaObject, integer: boolean): Code {
    const rules: Code[] = [];
    for (const [kw, m] of [
      ["minimum", "$gte"],
      ["exclusiveMinimum", "$gt"],
      ["maximum", "$lte"],
      ["exclusiveMaximum", "$lt"],
    ] as const) {
      const v = own(node, kw);
      if (typeof v === "number") rules.push(this.helper(m, atom(jsonLiteral(v))));
    }
    const bounds = rules.length;
    if (integer) rules.push(this.use("$isInteger"));
    const multipleOf = own(node, "multipleOf");
    if (typeof multipleOf === "number") rules.push(this.helper("$multipleOf", atom(jsonLiteral(multipleOf))));
    // `$isInteger` already says everything `int64` asserts.
    if (!(integer && own(node, "format") === "int64")) rules.push(...this.formatChecks(node, "number"));
    // `$integer` is `$number` with `$isInteger` (the same schema, one shared instance).
    if (integer && bounds === 0) return this.withRules(this.use("$integer"), rules.slice(1));
    return this.withRules(this.use("$number"), rules);
  }

  private array(node: JsonSchemaObject): Code {
    const prefix = schemas(node, "prefixItems");
    const items = own(node, "items");
    const min = numberOr(own(node, "minItems"), 0);
    const max = own(node, "maxItems");
    if (!prefix.length && items !== false) {
      const rules: Code[] = [];
      if (min > 0) rules.push(this.helper("$min", atom(String(min))));
      if (typeof max === "number") rules.push(this.helper("$max", atom(String(max))));
      rules.push(...this.arrayChecks(node));
      return this.build("$array", isSchemaLike(items) ? this.schema(items) : this.use("$unknown"), ...rules);
    }
    // `prefixItems` constrains only the items that exist: `[a, b?, …rest]`.
    const elements = prefix.map((s) => this.schema(s));
    const required = array(elements.slice(0, min));
    const optional = array(elements.slice(min));
    const rest = items === false ? undefined : isSchemaLike(items) ? this.schema(items) : this.use("$unknown");
    const out = rest ? this.build("$tupleRest", required, optional, rest) : this.build("$tuple", required, optional);
    const checks: Code[] = [];
    if (prefix.length && min > prefix.length) checks.push(this.helper("$minItems", atom(String(min))));
    if (prefix.length && typeof max === "number") checks.push(this.helper("$maxItems", atom(String(max))));
    checks.push(...this.arrayChecks(node));
    return this.withRules(out, checks);
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
      index = members.length === 1 ? members[0] : this.build("$union", ...members);
    } else if (!patterns.length && additionalSchema) {
      index = additionalSchema;
    }

    // Optional properties (`exactOptional`) are spread from `$optional({…})` groups in
    // place, so the shape keeps the spec's property order (Zod's output and issue order).
    const entries: ObjectEntry[] = [];
    let group: ObjectEntry[] | undefined;
    for (const k of shapeNames) {
      const entry: ObjectEntry = [propertyKey(k, "value"), this.schema(properties[k]!)];
      if (required.includes(k)) {
        group = undefined;
        entries.push(entry);
      } else if (group) {
        group.push(entry);
      } else {
        group = [entry];
        entries.push([null, this.build("$optional", object(group))]);
      }
    }
    let out: Code;
    if (entries.length === 0) out = this.build("$record", index ?? this.use("$unknown"));
    else if (index) out = this.build("$catchall", object(entries), index);
    else out = this.build("$object", object(entries));

    const checks: Code[] = [];
    const runnable = runnablePatterns(patterns);
    if (additional === false && runnable) {
      const rule = this.helper("$closed", stringArray(names), array(runnable));
      checks.push(closed ? rule : this.stricter("strict", rule));
    }
    checks.push(...this.advisoryRequired(node));
    const undeclared = required.filter((k) => !shapeNames.includes(k) && !(k === "__proto__" && names.includes(k)));
    if (undeclared.length) checks.push(this.helper("$required", stringArray(undeclared)));
    if (names.includes("__proto__")) {
      const proto = this.schema(own(properties, "__proto__") as JsonSchema);
      checks.push(this.helper("$property", atom(stringLiteral("__proto__")), proto, atom(String(required.includes("__proto__")))));
    }
    checks.push(...this.patternChecks(patterns));
    if (patterns.length && additionalSchema && runnable) checks.push(this.helper("$additionalProperties", stringArray(names), array(runnable), additionalSchema));
    checks.push(...this.objectCountChecks(node));

    if (needsRawInput(node)) return this.helper("$raw", out, ...checks);
    return this.withRules(out, checks);
  }

  // ── applicators ─────────────────────────────────────────────────────────────────

  private union(node: JsonSchemaObject, members: JsonSchema[], kw: "anyOf" | "oneOf"): Code {
    const codes = members.map((m) => this.schema(m));
    if (codes.length === 1) return codes[0]!;
    const discriminator = this.ctx.discriminated.get(node);
    if (discriminator !== undefined) return this.build("$discriminated", atom(stringLiteral(discriminator)), ...codes);
    // `oneOf` is exclusive; the relaxed policies make branches overlap (optional
    // `required`, open enums), so they take the first branch that matches instead, and
    // check exclusivity only when a stricter policy is asked for at run time.
    if (kw === "anyOf") return this.build("$union", ...codes);
    return this.build(this.ctx.policy === "strict" ? "$xor" : "$oneOf", ...codes);
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
    checks.push(...this.advisoryRequired(node));
    for (const k of names) checks.push(this.helper("$property", atom(stringLiteral(k)), this.schema(properties[k]!), atom("false")));
    const patterns = this.patternRules(node);
    checks.push(...this.patternChecks(patterns));
    const runnable = runnablePatterns(patterns);
    const additional = own(node, "additionalProperties");
    if (additional === false && runnable) {
      const rule = this.helper("$closed", stringArray(names), array(runnable));
      checks.push(this.ctx.policy === "strict" ? rule : this.stricter("strict", rule));
    } else if (isSchemaObject(additional) && !isTrivial(additional) && runnable) {
      checks.push(this.helper("$additionalProperties", stringArray(names), array(runnable), this.schema(additional)));
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
    if (isSchemaObject(depRequired)) {
      const rules = Object.keys(depRequired).map((k) => array([atom(stringLiteral(k)), stringArray(depRequired[k] as string[])]));
      const rule = this.helper("$dependentRequired", array(rules));
      if (rules.length) out.push(this.ctx.policy === "tolerant" ? this.stricter("lenient", rule) : rule);
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

  /** The `required` names the policy enforces (the tolerant policy treats them as advisory). */
  private required(node: JsonSchemaObject): string[] {
    return this.ctx.policy === "tolerant" ? [] : specRequired(node);
  }

  /** Under the tolerant policy, `required` as a check for a stricter policy asked for at run time. */
  private advisoryRequired(node: JsonSchemaObject): Code[] {
    const names = this.ctx.policy === "tolerant" ? specRequired(node) : [];
    return names.length ? [this.stricter("lenient", this.helper("$required", stringArray(names)))] : [];
  }

  /**
   * `rule`, gated: it runs only while the receiver applies `policy` (or a stricter one) to
   * schemas generated for a looser policy. Every gated rule is one that `policy`'s own
   * generation would enforce, so a lenient file run as strict accepts what a strict file does.
   */
  private stricter(policy: "lenient" | "strict", rule: Code): Code {
    return this.helper("$stricter", atom(stringLiteral(policy)), rule);
  }

  /**
   * `patternProperties` entries; `regex` is undefined for a key pattern that cannot be
   * enforced (invalid, or not runnable in linear time: see `regex`).
   */
  private patternRules(node: JsonSchemaObject): PatternRule[] {
    const map = own(node, "patternProperties");
    if (!isSchemaObject(map)) return [];
    return Object.keys(map).map((source) => ({ regex: this.regex(source, node, "patternProperties"), schema: this.schema(map[source] as JsonSchema) }));
  }

  /** `$patternProperties` for the entries whose pattern can be enforced: the others apply to no property. */
  private patternChecks(patterns: readonly PatternRule[]): Code[] {
    const rules = patterns.flatMap((p) => (p.regex ? [array([p.regex, p.schema])] : []));
    return rules.length ? [this.helper("$patternProperties", array(rules))] : [];
  }

  /**
   * `$re(source, must, mustNot)`: the spec's ECMAScript pattern (JSON Schema patterns are
   * ECMA-262 and unanchored) run by RE2 in linear time, in the translation `re2-pattern.ts`
   * made. Undefined, with a warning, when it cannot be enforced: a pattern that is not
   * ECMAScript (`schema-invalid-pattern`), or one that needs backtracking — a backreference,
   * a lookaround other than a leading `^(?=…)`/`^(?!…)` — or more than RE2 allows
   * (`schema-pattern-unsupported`). Such a pattern rejects nothing: backtracking on request
   * data is what it must not do, and a receiver must not refuse valid deliveries for a check
   * it cannot run.
   */
  private regex(source: unknown, node: JsonSchemaObject, kw: "pattern" | "patternProperties"): Code | undefined {
    if (typeof source !== "string") return undefined;
    const plan = translatePattern(source);
    if (plan.kind === "linear") {
      const args = [atom(stringLiteral(source)), stringArray([...plan.must]), ...(plan.mustNot.length ? [stringArray([...plan.mustNot])] : [])];
      return this.helper("$re", ...args);
    }
    const effect =
      kw === "pattern"
        ? "it is not enforced"
        : "it is not enforced: its schema is checked on no property, and the object's additionalProperties on none (any name could be one the pattern allows)";
    if (plan.kind === "invalid") {
      this.ctx.report("schema-invalid-pattern", "warning", `${kw} ${stringLiteral(source)} is not a valid ECMAScript regular expression; ${effect}`, sourceOf(node));
    } else {
      this.ctx.report(
        "schema-pattern-unsupported",
        "warning",
        `${kw} ${stringLiteral(source)} uses ${plan.reason}, which a linear-time regular expression engine cannot run; ${effect}`,
        sourceOf(node),
      );
    }
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

  /** A builder call; those that take trailing rules remember it (see `withRules`). */
  private build(name: string, ...args: Code[]): Code {
    const code = this.helper(name, ...args);
    if (RULE_TAKERS.has(name)) ruleTakers.add(code);
    return code;
  }

  /**
   * `schema` with `rules` added: into the builder's own trailing arguments when it takes
   * them (one call less for tsc), else `$check(schema, …rules)`. Both give Zod the same
   * checks in the same order (`s.check(a).check(b)` is `s.check(a, b)`).
   */
  private withRules(schema: Code, rules: Code[]): Code {
    if (!rules.length) return schema;
    if (schema.kind === "call" && ruleTakers.has(schema)) {
      const code = call(schema.callee, ...schema.args, ...rules);
      ruleTakers.add(code);
      return code;
    }
    return this.build("$check", schema, ...rules);
  }

  private use(name: string, typeArguments = ""): Code {
    this.ctx.useHelper(name);
    return atom(name + typeArguments);
  }
}

/** Builders whose trailing arguments are rules (`$array(item, …rules)`, `$object(shape, …rules)`). */
const RULE_TAKERS = new Set(["$array", "$object", "$catchall", "$record", "$check"]);
const ruleTakers = new WeakSet<Code>();

/** A `patternProperties` entry: its key as a `$re` (undefined when it cannot be enforced) and its schema. */
interface PatternRule {
  readonly regex: Code | undefined;
  readonly schema: Code;
}

/**
 * The key patterns that decide which names `additionalProperties` spares, when all of them
 * can be enforced; undefined when one cannot, since then any name may be one it allows.
 */
function runnablePatterns(patterns: readonly PatternRule[]): Code[] | undefined {
  const out: Code[] = [];
  for (const p of patterns) {
    if (!p.regex) return undefined;
    out.push(p.regex);
  }
  return out;
}

function hasProtoKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasProtoKey);
  if (v === null || typeof v !== "object") return false;
  return Object.keys(v).some((k) => k === "__proto__" || hasProtoKey((v as Record<string, unknown>)[k]));
}

function specRequired(node: JsonSchemaObject): string[] {
  const r = own(node, "required");
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === "string") : [];
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

