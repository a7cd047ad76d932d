/**
 * Instance paths as JSON-pointer-like text for the report: property names as RFC 6901
 * segments (`~` → `~0`, `/` → `~1`), and three markers for what a pointer cannot name —
 * `[]` for the items of an array, `*` for the values of a map (`additionalProperties`), and
 * the label of a `oneOf`/`anyOf` alternative (`oneOf[type="card"]`, see `variants.ts`).
 * `body /pull_request/labels/[]/name` is the `name` of every label.
 */
import { escapeSegment } from "../util/json-pointer.js";
import type { PathSegment } from "./types.js";

export function pointerOf(path: readonly PathSegment[]): string {
  return path.map((s) => "/" + segmentText(s)).join("");
}

function segmentText(s: PathSegment): string {
  if (typeof s === "string") return escapeSegment(s);
  if ("items" in s) return "[]";
  if ("additionalProperties" in s) return "*";
  return s.variant;
}
