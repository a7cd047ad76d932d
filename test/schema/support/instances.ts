/**
 * Schema-guided random instances for differential testing (THREATS.md P3). Purely random
 * JSON is rejected at the top level by almost any schema, which tests little. Instead an
 * instance is generated to fit the schema (types, required properties, enums, formats)
 * and then, half of the time, broken in exactly one place — a property dropped or added,
 * a value replaced by random JSON, a string nudged off its format — so that both verdicts
 * are common and invalid instances sit right next to valid ones.
 */
import fc from "fast-check";
import type { JsonSchema, JsonSchemaObject, SchemaSet } from "../../../src/model/schema-set.js";
import { refKey } from "../../../src/model/schema-set.js";

const SAFE_KEY = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== "__proto__");
const ANY_JSON = fc.jsonValue({ maxDepth: 2 }).filter((v) => !JSON.stringify(v).includes('"__proto__"'));

const DATES = fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4102444800000) });
const FORMAT_SAMPLES: Record<string, fc.Arbitrary<string>> = {
  "date-time": DATES.map((d) => d.toISOString()),
  date: DATES.map((d) => d.toISOString().slice(0, 10)),
  email: fc.emailAddress(),
  uri: fc.webUrl({ withQueryParameters: true, withFragments: true }),
  "uri-reference": fc.webUrl(),
  uuid: fc.uuid(),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
  hostname: fc.domain(),
};

type Path = (string | number)[];

export class InstanceGenerator {
  private readonly members = new Map<string, JsonSchema>();

  constructor(set: SchemaSet) {
    for (const m of set.schemas) this.members.set(m.key, m.schema);
  }

  /** A fitting instance, or (half of the time) one with a single mutation. */
  for(schema: JsonSchema): fc.Arbitrary<unknown> {
    return fc
      .tuple(this.fitting(schema, 0), fc.boolean(), fc.nat(), fc.nat(3), ANY_JSON, SAFE_KEY)
      .map(([value, mutate, where, how, replacement, key]) => (mutate ? mutateOnce(value, where, how, replacement, key) : value));
  }

  private fitting(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    if (typeof schema === "boolean" || depth > 6) return ANY_JSON;
    const node = schema as JsonSchemaObject;
    if (typeof node.$ref === "string") {
      const target = this.members.get(refKey(node.$ref) ?? "");
      return target === undefined ? ANY_JSON : this.fitting(target, depth + 1);
    }
    if (node.const !== undefined) return fc.constant(node.const);
    if (Array.isArray(node.enum) && node.enum.length) return fc.constantFrom(...node.enum);
    if (Array.isArray(node.allOf) && node.allOf.length) {
      return fc.tuple(...(node.allOf as JsonSchema[]).map((s) => this.fitting(s, depth + 1))).map(mergeObjects);
    }
    for (const kw of ["oneOf", "anyOf"] as const) {
      const list = node[kw];
      if (Array.isArray(list) && list.length) return fc.oneof(...(list as JsonSchema[]).map((s) => this.fitting(s, depth + 1)));
    }
    const types = Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === "string" ? [node.type] : [];
    if (types.length === 0) return node.properties ? this.object(node, depth) : ANY_JSON;
    return fc.oneof(...types.map((t) => this.typed(t, node, depth)));
  }

  private typed(type: string, node: JsonSchemaObject, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case "null":
        return fc.constant(null);
      case "boolean":
        return fc.boolean();
      case "integer":
        return fc.oneof(fc.integer({ min: 0, max: 100000 }), fc.constant(820982911946154508));
      case "number":
        return fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1000, noNaN: true }));
      case "string": {
        const sample = typeof node.format === "string" ? FORMAT_SAMPLES[node.format] : undefined;
        return sample ?? fc.string({ maxLength: 12 });
      }
      case "array": {
        const items = node.items === undefined || typeof node.items === "boolean" ? ANY_JSON : this.fitting(node.items as JsonSchema, depth + 1);
        return fc.array(items, { maxLength: 2 });
      }
      case "object":
        return this.object(node, depth);
      default:
        return ANY_JSON;
    }
  }

  private object(node: JsonSchemaObject, depth: number): fc.Arbitrary<unknown> {
    const props = (node.properties ?? {}) as Record<string, JsonSchema>;
    const required = Array.isArray(node.required) ? (node.required as string[]) : [];
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const k of Object.keys(props)) if (k !== "__proto__") model[k] = this.fitting(props[k]!, depth + 1);
    return fc.record(model, { requiredKeys: required.filter((k) => k in model) });
  }
}

/** Applies one mutation at the `where`-th container of `value` (pre-order), on a copy. */
function mutateOnce(value: unknown, where: number, how: number, replacement: unknown, key: string): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(value ?? null));
  const containers: Path[] = [];
  const walk = (v: unknown, path: Path): void => {
    if (v === null || typeof v !== "object") return;
    containers.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...path, k]);
  };
  walk(copy, []);
  if (containers.length === 0) return how % 2 ? replacement : nudge(copy);
  const path = containers[where % containers.length]!;
  const target = path.reduce<unknown>((v, s) => (v as Record<string | number, unknown>)[s], copy) as Record<string, unknown> | unknown[];
  const keys = Object.keys(target);
  const pick = keys.length ? keys[where % keys.length]! : undefined;
  switch (how) {
    case 0: // drop a property / item
      if (pick !== undefined) Array.isArray(target) ? target.splice(Number(pick), 1) : delete target[pick];
      break;
    case 1: // add an unknown property / item
      Array.isArray(target) ? target.push(replacement) : (target[key] = replacement);
      break;
    case 2: // replace a value with random JSON
      if (pick !== undefined) (target as Record<string, unknown>)[pick] = replacement;
      break;
    default: // nudge a scalar: a string off its format, a number off its type
      if (pick !== undefined) (target as Record<string, unknown>)[pick] = nudge((target as Record<string, unknown>)[pick]);
  }
  return copy;
}

function nudge(v: unknown): unknown {
  if (typeof v === "string") return v.length ? v.slice(0, -1) + " " : "x";
  if (typeof v === "number") return Number.isInteger(v) ? v + 0.5 : String(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  return v === null ? "null" : v;
}

function mergeObjects(values: unknown[]): unknown {
  if (!values.every((v) => v !== null && typeof v === "object" && !Array.isArray(v))) return values[0];
  return Object.assign({}, ...values);
}
