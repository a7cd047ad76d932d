/**
 * OpenAPI Overlay 1.0: documents that correct a provider's spec without editing it — its
 * `actions` applied in order to the entry document after it is parsed and before anything
 * reads it, so generation, `--check` and `diff` all see the corrected document.
 *
 *   - `target`: a JSONPath (jsonpath.ts) selecting the nodes to act on;
 *   - `remove: true`: each selected node is removed from its object or array;
 *   - `update`: merged into each selected node — objects recursively (the update's members
 *     win), anything else replaced; when the node is an array, the update is appended.
 *
 * An action whose target matches nothing is an error located in the overlay file (line,
 * column, and the action's pointer): a correction that no longer applies — the provider fixed
 * it or moved it — must be noticed, not silently dropped.
 */
import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { DEFAULT_MAX_DEPTH } from "../load/limits.js";
import { parseSource } from "../load/parse.js";
import { formatOf, readTextFile } from "../load/read.js";
import { JsonPathError, queryJsonPath, type PathNode } from "./jsonpath.js";

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Applies each overlay file, in order, to `document` (changed in place). False when one could not be applied. */
export function applyOverlays(document: unknown, files: readonly string[], diags: Diagnostics): boolean {
  let ok = true;
  for (const file of files) ok = applyOverlay(document, file, diags) && ok;
  return ok;
}

function applyOverlay(document: unknown, file: string, diags: Diagnostics): boolean {
  const read = readTextFile(file, path.basename(file));
  if (!read.ok) {
    diags.error("overlay-invalid", `the overlay ${file} cannot be read: ${read.message}`, { file }, read.hint ?? "check the --overlay path");
    return false;
  }
  const parsed = parseSource(read.text, formatOf(file, read.text), file, diags, DEFAULT_MAX_DEPTH);
  if (!parsed) return false;
  const at = (pointer: string, atKey = false) => ({ file, pointer, ...(parsed.positions.locate(pointer, atKey) ?? {}) });
  const overlay = parsed.value;
  if (!isObject(overlay) || typeof overlay.overlay !== "string" || !/^1\.\d+\.\d+$/.test(overlay.overlay)) {
    diags.error("overlay-invalid", "not an Overlay 1.x document: it needs `overlay: 1.0.0`", at(isObject(overlay) && "overlay" in overlay ? "/overlay" : ""), "start the file with `overlay: 1.0.0`, an `info` (title, version) and `actions`");
    return false;
  }
  if (!Array.isArray(overlay.actions) || overlay.actions.length === 0) {
    diags.error("overlay-invalid", "`actions` must be a non-empty list", at(isObject(overlay) && "actions" in overlay ? "/actions" : ""), "each action has a `target` (JSONPath) and `update` or `remove: true`");
    return false;
  }
  let ok = true;
  overlay.actions.forEach((action: unknown, i: number) => {
    const ptr = `/actions/${i}`;
    if (!isObject(action) || typeof action.target !== "string") {
      diags.error("overlay-invalid", `action ${i} has no \`target\` string`, at(ptr), "give it a JSONPath, e.g. target: $.components.schemas.Issue");
      ok = false;
      return;
    }
    if (action.remove !== undefined && typeof action.remove !== "boolean") {
      diags.error("overlay-invalid", `action ${i}: \`remove\` must be true or false`, at(`${ptr}/remove`), "write remove: true");
      ok = false;
      return;
    }
    if (action.remove !== true && action.update === undefined) {
      diags.error("overlay-invalid", `action ${i} neither updates nor removes`, at(ptr), "add `update: {…}` or `remove: true`");
      ok = false;
      return;
    }
    let nodes: PathNode[];
    try {
      nodes = queryJsonPath(document, action.target);
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      diags.error("overlay-invalid", `action ${i}: the target is not a JSONPath this tool reads: ${e.message}`, at(`${ptr}/target`), "see the README section \"Correcting a provider's spec: overlays\" for the JSONPath supported");
      ok = false;
      return;
    }
    if (nodes.length === 0) {
      diags.error(
        "overlay-target-unmatched",
        `action ${i}: the target ${action.target} matches nothing in the document`,
        at(`${ptr}/target`),
        "the provider may have fixed or moved what this action corrects: check the path against the document, and remove the action if it is no longer needed",
      );
      ok = false;
      return;
    }
    if (action.remove === true) remove(document, nodes);
    else for (const n of nodes) update(document, n, action.update);
  });
  return ok;
}

function parentOf(document: unknown, node: PathNode): unknown {
  let v = document;
  for (const step of node.path.slice(0, -1)) v = (v as Record<string | number, unknown>)[step];
  return v;
}

/** Removes the nodes; array items from the highest index down, so earlier indices stay valid. */
function remove(document: unknown, nodes: readonly PathNode[]): void {
  const sorted = [...nodes].sort((a, b) => b.path.length - a.path.length || (typeof b.path.at(-1) === "number" && typeof a.path.at(-1) === "number" ? (b.path.at(-1) as number) - (a.path.at(-1) as number) : 0));
  for (const n of sorted) {
    if (n.path.length === 0) continue; // the root stays: removing the whole document means nothing
    const parent = parentOf(document, n);
    const key = n.path.at(-1)!;
    if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
    else if (isObject(parent)) delete parent[key as string];
  }
}

function update(document: unknown, node: PathNode, value: unknown): void {
  if (Array.isArray(node.value)) {
    node.value.push(structuredClone(value));
    return;
  }
  if (isObject(node.value) && isObject(value)) {
    merge(node.value, value);
    return;
  }
  if (node.path.length === 0) return;
  setOwn(parentOf(document, node) as Record<string | number, unknown>, node.path.at(-1)!, structuredClone(value));
}

/** An own property even for `__proto__` (a key a document may hold), never the prototype. */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function merge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(patch)) {
    // Own members only: `target.__proto__` would be Object.prototype, and merging into it pollutes every object.
    const t = Object.hasOwn(target, k) ? target[k] : undefined;
    if (isObject(t) && isObject(v)) merge(t, v);
    else setOwn(target, k, structuredClone(v));
  }
}
