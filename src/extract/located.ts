/**
 * Walking a document that spans several files: every value is carried with the file and
 * pointer it was found at, so `$ref`s resolve relative to the right file and diagnostics
 * point at the right place.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { DocumentSet } from "../load/types.js";
import { isObject, joinPointer } from "../util/json-pointer.js";

export interface Located<T = unknown> {
  file: string;
  pointer: string;
  value: T;
}

export function child(node: Located, key: string | number): Located {
  const v = node.value;
  let value: unknown;
  if (Array.isArray(v) && typeof key === "number") value = v[key];
  else if (isObject(v) && typeof key === "string" && Object.prototype.hasOwnProperty.call(v, key)) value = v[key];
  return { file: node.file, pointer: joinPointer(node.pointer, key), value };
}

/**
 * Follows a Reference Object if `node` is one. Failures are reported as errors: this is only
 * called on the callback/webhook subtree, where a broken reference means a broken event.
 *
 * OpenAPI 3.1+ lets a Reference Object override the target's `summary` and `description`
 * (§4.8.23); we apply that for every version because 3.0 documents written by tools do the
 * same and ignoring it would only lose documentation.
 */
export function deref(set: DocumentSet, diags: Diagnostics, node: Located, what: string): Located | undefined {
  const v = node.value;
  if (!isObject(v) || typeof v.$ref !== "string") return node;
  const result = set.resolveRef(v.$ref, node.file);
  if (!result.ok) {
    diags.error(
      result.code,
      `${what}: ${result.message}`,
      { file: node.file, pointer: joinPointer(node.pointer, "$ref") },
      result.hint,
    );
    return undefined;
  }
  let value = result.value;
  const overrides = siblingOverrides(v);
  if (overrides && isObject(value)) value = { ...value, ...overrides };
  return { file: result.file, pointer: result.pointer, value };
}

function siblingOverrides(ref: Record<string, unknown>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const k of ["summary", "description"]) {
    if (typeof ref[k] === "string") (out ??= {})[k] = ref[k];
  }
  return out;
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}
