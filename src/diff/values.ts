/**
 * JSON values from `enum`/`const` compared by content: `{a: 1, b: 2}` and `{b: 2, a: 1}` are
 * the same value, and JS object key order must not decide what a report says.
 */
import { compareStrings } from "../util/json-pointer.js";

/** A canonical text of a JSON value (object keys sorted), usable as a map key. */
export function valueKey(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(valueKey).join(",") + "]";
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return "{" + Object.keys(o).sort(compareStrings).map((k) => JSON.stringify(k) + ":" + valueKey(o[k])).join(",") + "}";
  }
  return JSON.stringify(v) ?? "null";
}

/** The values of `a` that `b` lacks, in `a`'s order. */
export function missingFrom<T>(a: readonly T[], b: readonly T[]): T[] {
  const keys = new Set(b.map(valueKey));
  return a.filter((v) => !keys.has(valueKey(v)));
}
