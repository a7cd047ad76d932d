/**
 * Sets of JSON instance types as bit masks, and the set of types a schema can possibly
 * accept. Integers and non-integral numbers are separate bits so that `integer` ⊂ `number`
 * is plain set arithmetic.
 */
import type { JsonSchema, JsonSchemaObject } from "../model/schema-set.js";
import { isSchemaObject, own, type TypeName } from "./keywords.js";

const T_NULL = 1;
const T_BOOLEAN = 2;
export const T_OBJECT = 4;
const T_ARRAY = 8;
const T_STRING = 16;
const T_INTEGER = 32;
const T_FRACTION = 64;
const T_NUMBER = T_INTEGER | T_FRACTION;
export const T_ALL = 127;

function maskOfTypeName(t: TypeName): number {
  switch (t) {
    case "null":
      return T_NULL;
    case "boolean":
      return T_BOOLEAN;
    case "object":
      return T_OBJECT;
    case "array":
      return T_ARRAY;
    case "string":
      return T_STRING;
    case "integer":
      return T_INTEGER;
    case "number":
      return T_NUMBER;
  }
}

/** The mask of a `type` keyword value; everything when it is absent. */
export function maskOfType(type: unknown): number {
  if (typeof type === "string") return maskOfTypeName(type as TypeName);
  if (Array.isArray(type)) return type.reduce((m: number, t) => m | maskOfTypeName(t as TypeName), 0);
  return T_ALL;
}

/** The single type bit of a JSON value (`1.0` is an integer, as in JSON Schema). */
export function maskOfValue(v: unknown): number {
  if (v === null) return T_NULL;
  switch (typeof v) {
    case "boolean":
      return T_BOOLEAN;
    case "string":
      return T_STRING;
    case "number":
      return Number.isInteger(v) ? T_INTEGER : T_FRACTION;
    case "object":
      return Array.isArray(v) ? T_ARRAY : T_OBJECT;
    default:
      return 0;
  }
}

/** Type names covering exactly `mask` (rounded up: a lone fraction bit becomes "number"). */
export function typeNamesOfMask(mask: number): TypeName[] {
  const out: TypeName[] = [];
  if (mask & T_OBJECT) out.push("object");
  if (mask & T_ARRAY) out.push("array");
  if (mask & T_STRING) out.push("string");
  if ((mask & T_NUMBER) === T_INTEGER) out.push("integer");
  else if (mask & T_NUMBER) out.push("number");
  if (mask & T_BOOLEAN) out.push("boolean");
  if (mask & T_NULL) out.push("null");
  return out;
}

/**
 * Over-approximates the instance types `schema` accepts: a value outside the mask is
 * certainly invalid. `resolve` maps a `$ref` to its target; cycles count as "anything".
 */
export class TypeAnalysis {
  private readonly refMemo = new Map<string, number>();
  private readonly nodeMemo = new WeakMap<object, number>();

  constructor(private readonly resolve: (ref: string) => JsonSchema | undefined) {}

  possible(schema: JsonSchema, depth = 0): number {
    if (schema === true) return T_ALL;
    if (schema === false) return 0;
    const memo = this.nodeMemo.get(schema);
    if (memo !== undefined) return memo;
    // Deep inputs are cut off by normalization; this guard only keeps the analysis total.
    if (depth > 200) return T_ALL;
    const m = this.compute(schema, depth);
    this.nodeMemo.set(schema, m);
    return m;
  }

  private compute(node: JsonSchemaObject, depth: number): number {
    let mask = maskOfType(own(node, "type"));
    const ref = own(node, "$ref");
    if (typeof ref === "string") mask &= this.ref(ref, depth);
    const values = own(node, "enum");
    if (Array.isArray(values)) mask &= values.reduce((m: number, v) => m | maskOfValue(v), 0);
    if (own(node, "const") !== undefined) mask &= maskOfValue(own(node, "const"));
    const allOf = own(node, "allOf");
    if (Array.isArray(allOf)) for (const s of allOf) mask &= this.sub(s, depth);
    for (const kw of ["anyOf", "oneOf"]) {
      const list = own(node, kw);
      if (Array.isArray(list)) mask &= list.reduce((m: number, s) => m | this.sub(s, depth), 0);
    }
    return mask;
  }

  private sub(s: unknown, depth: number): number {
    return typeof s === "boolean" || isSchemaObject(s) ? this.possible(s, depth + 1) : T_ALL;
  }

  private ref(ref: string, depth: number): number {
    const known = this.refMemo.get(ref);
    if (known !== undefined) return known;
    this.refMemo.set(ref, T_ALL); // provisional: a cycle back to here accepts anything
    const target = this.resolve(ref);
    const m = target === undefined ? T_ALL : this.possible(target, depth + 1);
    this.refMemo.set(ref, m);
    return m;
  }
}
