/**
 * `enum`/`const` as data: JSON equality, and the one place that decides which listed
 * values a policy keeps exact and which it widens. Both emitters call {@link valuePlan},
 * so the literal union in `types.ts` and the Zod literal in `schemas.ts` cannot drift.
 */
import type { JsonSchemaObject, ValidationPolicy } from "../model/schema-set.js";
import { own } from "./keywords.js";

/** JSON Schema equality: numbers by value, objects by key set regardless of order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function isComposite(v: unknown): v is object {
  return v !== null && typeof v === "object";
}

export interface ValuePlan {
  /** Every listed value, in spec order (what the documentation and literal types show). */
  all: unknown[];
  /** Values that must match exactly (deep equality for objects and arrays). */
  exact: unknown[];
  /** Any string is accepted (lenient enums): `"a" | "b" | (string & {})`. */
  openString: boolean;
  /** Any number (or any integer) is accepted: `1 | 2 | (number & {})`. */
  openNumber: "number" | "integer" | undefined;
}

/**
 * Lenient and tolerant policies open an enum that lists two or more strings to any string,
 * and one that lists two or more numbers to any number (providers add members without
 * notice; THREATS.md finding 8). A single value — `const`, the one-member enums GitHub uses
 * for `action`, `["opened", null]` — stays closed in every policy: such values are tags that
 * tell events apart (DESIGN.md §3), and an open tag would make every event on a shared
 * route look alike.
 */
export function valuePlan(node: JsonSchemaObject, policy: ValidationPolicy): ValuePlan {
  const values = own(node, "enum") as unknown[];
  const closed: ValuePlan = { all: values, exact: values, openString: false, openNumber: undefined };
  if (policy === "strict") return closed;
  const openString = values.filter((v) => typeof v === "string").length >= 2;
  const openNumbers = values.filter((v) => typeof v === "number").length >= 2;
  if (!openString && !openNumbers) return closed;
  const type = own(node, "type");
  const integerOnly = type === "integer" || (Array.isArray(type) && type.includes("integer") && !type.includes("number"));
  return {
    all: values,
    exact: values.filter((v) => !(openString && typeof v === "string") && !(openNumbers && typeof v === "number")),
    openString,
    openNumber: openNumbers ? (integerOnly ? "integer" : "number") : undefined,
  };
}
