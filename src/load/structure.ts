/**
 * `validateStructure`: checks a loaded document against the OpenAPI object model
 * (structure-types.ts), its rules (structure-rules.ts) and shallow Schema Object checks
 * (structure-schema.ts), following `$ref`s into other files. Every problem is reported,
 * located (file, pointer, line:col), in one pass.
 *
 * The walk is iterative (explicit stack) and builds JSON pointers only for what it
 * reports. A `$ref` target is validated as the type the reference expects, once per
 * (location, type, context): a component referenced a thousand times costs one visit.
 *
 * Where a problem is decides how serious it is (`severityOf`). Every task carries the
 * context it was reached from, through `$ref`s too:
 * - event: callbacks, webhooks, x-webhooks — what gen-callbacks generates. Every
 *   violation is an error.
 * - paths: the provider's own operations, which gen-callbacks does not generate. Every
 *   violation is a warning: real documents are messy there, and it must not block.
 * - document: everything else (top level, components). The OpenAPI object layer (types,
 *   required and unknown fields, rules) gives errors — a document malformed there is not
 *   what it claims to be; the *content* of schemas (keyword values, type names) gives
 *   warnings, since no generated code reads those schemas.
 * Rules that are only "SHOULD" in the specification, or harmless, are warnings anywhere.
 *
 * A `$ref` may also stand where the specification allows no Reference Object (Lob writes
 * `content: {$ref: responses/x.yml}`); like bundlers, we read it as a JSON Reference and
 * check what it names in place of the object.
 */
import type { Diagnostic, Diagnostics, Severity } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/catalogue.js";
import { DocumentStore } from "./document-set.js";
import { checkSchemaKeywords } from "./structure-schema.js";
import { RULES, type RuleProblem } from "./structure-rules.js";
import { definedIn, METHODS, OBJECTS, REFERENCE_FIELDS, versionsText, type ObjectDef, type Shape, type TypeName } from "./structure-types.js";
import { closest } from "./suggest.js";
import type { DocumentSet, OpenApiVersion } from "./types.js";
import { describe } from "./version.js";
import { isObject, joinPointer } from "../util/json-pointer.js";

/** A place in a file: a parent chain, materialized into a pointer only when needed. */
interface Loc {
  parent: Loc | undefined;
  /** Key or index in the parent; for a root, the root's full pointer. */
  seg: string | number;
}

/** Where a task was reached from; a larger value reports more strictly. */
const enum Context {
  Paths = 0,
  Document = 1,
  Event = 2,
}

interface Task {
  value: unknown;
  shape: Shape;
  file: string;
  loc: Loc;
  context: Context;
  /** Components entries register themselves so `$ref`s to them are not walked again. */
  memo?: boolean;
}

type Level = "error" | "warning";

interface Problem {
  code: DiagnosticCode;
  level: Level;
  file: string;
  loc: Loc;
  /** Segments below `loc` the problem is about. */
  below?: (string | number)[];
  atKey?: boolean;
  /** Point at the nearest existing ancestor (for a missing field). */
  nearest?: boolean;
  message: string;
  hint: string;
  context: Context;
}

export interface StructureReport {
  /** Objects visited (a measure of work, for benchmarks). */
  visited: number;
}

export function validateStructure(set: DocumentSet, diagnostics: Diagnostics): StructureReport {
  const version = set.version;
  const found = new Map<string, Diagnostic>();
  const memo = new Set<string>();
  const stack: Task[] = [];
  let visited = 0;

  const root: Loc = { parent: undefined, seg: "" };
  stack.push({ value: set.entry.value, shape: { t: "object", of: "OpenAPI" }, file: set.entry.path, loc: root, context: Context.Document });

  while (stack.length > 0) {
    const task = stack.pop()!;
    visited++;
    visit(task);
  }
  for (const d of found.values()) diagnostics.add(d);
  return { visited };

  function report(p: Problem): void {
    const base = pointerOf(p.loc);
    const pointer = p.below ? joinPointer(base, ...p.below) : base;
    const severity = severityOf(p.level, p.context, p.code);
    const key = `${p.file}\n${pointer}\n${p.code}\n${p.message}`;
    const existing = found.get(key);
    if (existing) {
      if (existing.severity !== "error" && severity === "error") existing.severity = "error";
      return;
    }
    const position = p.nearest ? locateNearest(set, p.file, pointer) : set.locate(p.file, pointer, p.atKey ?? false);
    found.set(key, {
      code: p.code,
      severity,
      message: p.message,
      file: p.file,
      pointer,
      ...(p.atKey ? { atKey: true } : {}),
      ...position,
      hint: p.hint,
    });
  }

  function child(task: Task, seg: string | number, value: unknown, shape: Shape, context = task.context): Task {
    return { value, shape, file: task.file, loc: { parent: task.loc, seg }, context };
  }

  function push(tasks: Task[]): void {
    // Reverse, so that the stack pops them in document order (stable report order).
    for (let i = tasks.length - 1; i >= 0; i--) stack.push(tasks[i]!);
  }

  function visit(task: Task): void {
    const { value, shape } = task;
    if (isJsonReference(value, shape)) return followRef(task, (value as Record<string, unknown>)["$ref"] as string, shape);
    switch (shape.t) {
      case "any":
        return;
      case "string":
        if (typeof value === "string") return;
        if (isObject(value) && typeof value["$ref"] === "string") return scalarRef(task, value["$ref"], "string");
        return wrongType(task, "a string");
      case "boolean":
        if (typeof value !== "boolean") wrongType(task, "`true` or `false`");
        return;
      case "number":
        if (typeof value !== "number") wrongType(task, "a number");
        return;
      case "enum":
        if (typeof value !== "string") return wrongType(task, `one of ${shape.values.join(", ")}`);
        if (!shape.values.includes(value)) {
          const guess = closest(value, shape.values);
          report({
            ...at(task),
            code: "structure-invalid",
            level: "error",
            message: `${JSON.stringify(value)} is not a valid \`${String(task.loc.seg)}\``,
            hint: guess ? `did you mean ${JSON.stringify(guess)}?` : `use one of ${shape.values.join(", ")}`,
          });
        }
        return;
      case "list": {
        if (!Array.isArray(value)) return wrongType(task, "a list");
        if (shape.nonEmpty && value.length === 0) report({ ...at(task), code: "structure-invalid", level: "error", message: `\`${String(task.loc.seg)}\` must not be empty`, hint: "add an entry or remove the field" });
        push(value.map((v, i) => child(task, i, v, shape.of)));
        return;
      }
      case "map": {
        if (!isObject(value)) return wrongType(task, "a map of names to values");
        const tasks: Task[] = [];
        for (const k of Object.keys(value)) {
          if (shape.extensions && k.startsWith("x-")) continue;
          if (shape.keyPattern && !shape.keyPattern.re.test(k)) {
            report({ ...at(task), below: [k], atKey: true, code: "structure-invalid", level: "warning", message: `the name ${JSON.stringify(k)} may contain only ${shape.keyPattern.text}`, hint: "rename it (and the `$ref`s that use it)" });
          }
          const t = child(task, k, value[k], shape.of);
          if (task.memo) t.memo = true;
          tasks.push(t);
        }
        push(tasks);
        return;
      }
      case "schema":
        return visitSchema(task);
      case "object":
        return visitObject(task, shape.of);
      case "refOr":
        if (isObject(value) && typeof value["$ref"] === "string" && !(shape.of === "PathItem")) return visitReference(task, shape.of);
        return visitObject(task, shape.of);
      case "pathItemOrCallback": {
        // A Path Item has methods, `$ref` or path-level fields; anything else is read as a
        // Callback Object whose keys are expressions (DESIGN.md §1).
        const pathItemKeys = new Set<string>([...METHODS, "$ref", "summary", "description", "servers", "parameters", "query", "additionalOperations"]);
        const isPathItem = !isObject(value) || Object.keys(value).some((k) => pathItemKeys.has(k));
        return visitObject(task, isPathItem ? "PathItem" : "Callback");
      }
    }
  }

  function at(task: Task): Pick<Problem, "file" | "loc" | "context"> {
    return { file: task.file, loc: task.loc, context: task.context };
  }

  function wrongType(task: Task, expected: string): void {
    const name = nameOf(task.loc);
    report({ ...at(task), code: "structure-type", level: "error", message: `${name} must be ${expected}, not ${describe(task.value)}`, hint: `write ${expected}` });
  }

  /** Vonage style: a string field given as `{$ref: other.yaml#/text}`. */
  function scalarRef(task: Task, ref: string, expected: "string"): void {
    const res = set.resolveRef(ref, task.file);
    if (res.ok && typeof res.value !== expected) {
      report({ ...at(task), code: "structure-type", level: "error", message: `\`${String(task.loc.seg)}\` is a $ref to ${describe(res.value)}, but must be a ${expected}`, hint: `point the $ref at a ${expected}` });
    }
    // Unresolvable references are checkRefs' business.
  }

  function visitObject(task: Task, type: TypeName): void {
    const def = OBJECTS.get(type)!;
    const value = task.value;
    if (!isObject(value)) {
      const name = nameOf(task.loc);
      report({ ...at(task), code: "structure-type", level: "error", message: `${name} must be ${article(def.title)} (a map of fields), not ${describe(value)}`, hint: `see the ${def.title} in the OpenAPI specification` });
      return;
    }
    if (task.memo) memo.add(memoKey(task.file, pointerOf(task.loc), shapeKey({ t: "object", of: type }), task.context));
    const tasks: Task[] = [];
    for (const key of Object.keys(value)) {
      const field = def.fields.get(key);
      const v = value[key];
      if (field) {
        if (!definedIn(field, version)) {
          report({
            ...at(task),
            below: [key],
            atKey: true,
            code: "structure-unknown-field",
            level: "error",
            message: `\`${key}\` is a field of the ${def.title} in ${versionsText(field.versions!)}, but this document is OpenAPI ${set.versionString}`,
            hint: fieldVersionHint(key, version),
          });
          continue;
        }
        const t = child(task, key, v, field.shape, contextOf(task.context, type, key));
        if (type === "Components") t.memo = true;
        tasks.push(t);
        continue;
      }
      if (key.startsWith("x-") && def.extensions) continue;
      const pattern = def.patterns?.find((p) => p.re.test(key));
      if (pattern) {
        tasks.push(child(task, key, v, pattern.shape));
        continue;
      }
      if (def.anyKey && !key.startsWith("x-")) {
        tasks.push(child(task, key, v, def.anyKey));
        continue;
      }
      unknownField(task, def, key);
    }
    for (const r of def.required ?? []) {
      if ((!r.versions || r.versions.includes(version)) && !Object.prototype.hasOwnProperty.call(value, r.field)) {
        report({ ...at(task), nearest: true, code: "structure-missing", level: r.level ?? "error", message: `the ${def.title} has no \`${r.field}\`, which is required`, hint: `add \`${r.field}\`` });
      }
    }
    for (const rule of RULES.get(type) ?? []) {
      rule(value, { version, report: (p: RuleProblem) => reportRule(task, p) });
    }
    if (type === "PathItem" && typeof value["$ref"] === "string") followRef(task, value["$ref"], { t: "object", of: "PathItem" });
    push(tasks);
  }

  function unknownField(task: Task, def: ObjectDef, key: string): void {
    const known = [...def.fields.entries()].filter(([, f]) => definedIn(f, version)).map(([k]) => k);
    const guess = closest(key, known);
    let message = `\`${key}\` is not a field of the ${def.title}`;
    let hint = guess !== undefined ? `did you mean \`${guess}\`?` : "remove it, or prefix it with `x-` to make it an extension";
    if (def.patterns && def === OBJECTS.get("Paths")) {
      message = `the path ${JSON.stringify(key)} does not start with \`/\``;
      hint = `write it as ${JSON.stringify("/" + key)}`;
    } else if (def === OBJECTS.get("Responses")) {
      message = `${JSON.stringify(key)} is not an HTTP status code, a range like \`2XX\`, or \`default\``;
      hint = /^[1-5][0-9xX]{2}$/.test(key) ? `write ranges with capital X: ${JSON.stringify(key.toUpperCase())}` : hint;
    }
    report({ ...at(task), below: [key], atKey: true, code: "structure-unknown-field", level: "error", message, hint });
  }

  function reportRule(task: Task, p: RuleProblem): void {
    report({
      ...at(task),
      ...(p.field !== undefined ? { below: [p.field] } : {}),
      ...(p.atKey ? { atKey: true } : {}),
      nearest: p.code === "structure-missing",
      code: p.code,
      level: p.level,
      message: p.message,
      hint: p.hint,
    });
  }

  function visitReference(task: Task, type: TypeName): void {
    const value = task.value as Record<string, unknown>;
    // 3.0: "any properties added SHALL be ignored" — legal, nothing to say.
    if (version !== "3.0") {
      for (const key of Object.keys(value)) {
        if (REFERENCE_FIELDS.has(key) || key.startsWith("x-")) continue;
        report({
          ...at(task),
          below: [key],
          atKey: true,
          code: "structure-unknown-field",
          level: "warning",
          message: `\`${key}\` next to \`$ref\` is ignored: a Reference Object has only \`$ref\`, \`summary\` and \`description\``,
          hint: `move \`${key}\` into the referenced ${OBJECTS.get(type)!.title}`,
        });
      }
    }
    followRef(task, value["$ref"] as string, { t: "refOr", of: type });
  }

  function visitSchema(task: Task): void {
    const value = task.value;
    if (typeof value === "boolean") {
      if (version === "3.0") report({ ...at(task), code: "structure-type", level: "error", message: `a schema must be an object in OpenAPI 3.0, not ${describe(value)}`, hint: value ? "write `{}` for “anything”" : "write `{not: {}}` for “nothing”" });
      return;
    }
    if (!isObject(value)) {
      const name = nameOf(task.loc);
      report({
        ...at(task),
        code: "structure-type",
        level: "error",
        message: `${name} must be a schema (${version === "3.0" ? "an object" : "an object or a boolean"}), not ${describe(value)}`,
        hint: "write `{}` for a schema that accepts anything",
      });
      return;
    }
    if (task.memo) memo.add(memoKey(task.file, pointerOf(task.loc), "schema", task.context));
    const ref = value["$ref"];
    if (typeof ref === "string") {
      followRef(task, ref, { t: "schema" });
      if (version === "3.0") return; // 3.0: siblings of $ref are ignored
    }
    const { children, problems } = checkSchemaKeywords(value, version);
    for (const p of problems) report({ ...at(task), below: p.path, ...(p.atKey ? { atKey: true } : {}), code: p.code, level: p.level, message: p.message, hint: p.hint });
    push(
      children.map((c) => {
        let loc = task.loc;
        for (const seg of c.path) loc = { parent: loc, seg };
        return { value: c.value, shape: c.shape, file: task.file, loc, context: task.context };
      }),
    );
  }

  /** Validates what `ref` leads to as `shape`, once per (place, shape, context). */
  function followRef(task: Task, ref: string, shape: Shape): void {
    const res = set.resolveRef(ref, task.file);
    if (!res.ok) return; // reported by checkRefs, where the caller decides its severity
    const typeKey = shapeKey(shape);
    // A visit in a stricter context covers this one: it reports the same problems, stronger.
    for (let c = task.context; c <= Context.Event; c++) if (memo.has(memoKey(res.file, res.pointer, typeKey, c))) return;
    memo.add(memoKey(res.file, res.pointer, typeKey, task.context));
    stack.push({ value: res.value, shape, file: res.file, loc: { parent: undefined, seg: res.pointer }, context: task.context });
  }

  function fieldVersionHint(key: string, v: OpenApiVersion): string {
    if (key === "webhooks" && v === "3.0") return "declare `openapi: 3.1.0` (or later), or use the `x-webhooks` extension in 3.0";
    return v === "3.0" ? "declare the OpenAPI version that defines it, or remove it" : "remove it, or declare the OpenAPI version that defines it";
  }
}

/**
 * Operation and component callbacks and top-level webhooks/x-webhooks are events;
 * top-level paths are the provider's own operations. Anything else keeps its context.
 */
function contextOf(current: Context, type: TypeName, key: string): Context {
  if ((key === "callbacks" && (type === "Operation" || type === "Components")) || (type === "OpenAPI" && (key === "webhooks" || key === "x-webhooks"))) return Context.Event;
  if (type === "OpenAPI" && key === "paths") return Context.Paths;
  return current;
}

/** The severity policy described in the header. */
function severityOf(level: Level, context: Context, code: DiagnosticCode): Severity {
  if (level === "warning") return "warning";
  if (context === Context.Event) return "error";
  if (context === Context.Paths) return "warning";
  return code === "schema-invalid" ? "warning" : "error";
}

/**
 * A `$ref` standing for a whole value where the specification has no Reference Object
 * (maps, lists, objects other than the `refOr` slots). Path Items and schemas have
 * `$ref` as a field of their own and are handled by their visitors.
 */
function isJsonReference(value: unknown, shape: Shape): boolean {
  if (!isObject(value) || typeof value["$ref"] !== "string") return false;
  if (shape.t === "map" || shape.t === "list") return true;
  return shape.t === "object" && shape.of !== "PathItem";
}

function shapeKey(shape: Shape): string {
  switch (shape.t) {
    case "object":
    case "refOr":
      return shape.of;
    case "map":
      return "map:" + shapeKey(shape.of);
    case "list":
      return "list:" + shapeKey(shape.of);
    default:
      return shape.t;
  }
}

function memoKey(file: string, pointer: string, type: string, context: Context): string {
  return `${file}#${pointer}#${type}#${context}`;
}

function pointerOf(loc: Loc): string {
  const segs: (string | number)[] = [];
  let cur = loc;
  while (cur.parent) {
    segs.push(cur.seg);
    cur = cur.parent;
  }
  return joinPointer(String(cur.seg), ...segs.reverse());
}

function locateNearest(set: DocumentSet, file: string, pointer: string): { line: number; column: number } | undefined {
  if (set instanceof DocumentStore) return set.locateNearest(file, pointer);
  return set.locate(file, pointer);
}

/** How a message names the value at `loc`: `` `field` ``, "item 3", or a `$ref` target. */
function nameOf(loc: Loc): string {
  if (typeof loc.seg === "number") return `item ${loc.seg}`;
  if (loc.parent) return `\`${loc.seg}\``;
  return loc.seg === "" ? "the document" : `the $ref target #${loc.seg}`;
}

function article(title: string): string {
  return (/^[AEIOU]/.test(title) ? "an " : "a ") + title;
}
