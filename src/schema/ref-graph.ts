/**
 * The reference graph of a schema set, and the declaration order derived from it.
 *
 * Generated `schemas.ts` declares one `const` per member; a `const` read before its
 * initializer runs throws (TDZ). So members are declared in depth-first post-order: every
 * reference points to an already-declared member, except references that close a cycle
 * (back edges), which the emitter wraps in `z.lazy`. Only back edges are lazy, so acyclic
 * sets contain no `z.lazy` at all. Traversal is iterative (long `$ref` chains cannot
 * exhaust the stack) and follows the set's sorted keys, so the order is deterministic.
 */
import type { JsonSchema } from "../model/schema-set.js";
import { refKey } from "../model/schema-set.js";
import { childSchemas, own } from "./keywords.js";

export interface RefGraph {
  /** Member keys in declaration order (dependencies first). */
  order: string[];
  /** `from → to` references that must be deferred. */
  isBackEdge(from: string, to: string): boolean;
  /** True when the member lies on a reference cycle (including a self-reference). */
  inCycle(key: string): boolean;
  /** Distinct member keys `key` references, in first-occurrence order. */
  edges(key: string): readonly string[];
}

export function buildRefGraph(members: readonly { key: string; schema: JsonSchema }[]): RefGraph {
  const known = new Set(members.map((m) => m.key));
  const edges = new Map<string, string[]>();
  for (const m of members) edges.set(m.key, refsOf(m.schema).filter((k) => known.has(k)));

  const state = new Map<string, "open" | "done">();
  const back = new Set<string>();
  const order: string[] = [];
  for (const root of members.map((m) => m.key)) {
    if (state.has(root)) continue;
    const stack: { key: string; next: number }[] = [{ key: root, next: 0 }];
    state.set(root, "open");
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const out = edges.get(top.key)!;
      if (top.next < out.length) {
        const to = out[top.next++]!;
        const s = state.get(to);
        if (s === "open") back.add(edgeId(top.key, to));
        else if (s === undefined) {
          state.set(to, "open");
          stack.push({ key: to, next: 0 });
        }
      } else {
        state.set(top.key, "done");
        order.push(top.key);
        stack.pop();
      }
    }
  }
  const cyclic = stronglyConnected(members.map((m) => m.key), edges);
  return {
    order,
    isBackEdge: (from, to) => back.has(edgeId(from, to)),
    inCycle: (key) => cyclic.has(key),
    edges: (key) => edges.get(key) ?? [],
  };
}

function edgeId(from: string, to: string): string {
  return JSON.stringify([from, to]);
}

/** The `$ref` targets of a schema, in order of first occurrence (keyword-aware walk). */
export function refsOf(schema: JsonSchema): string[] {
  const seen = new Set<string>();
  const stack: JsonSchema[] = [schema];
  const out: string[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === "boolean") continue;
    const ref = own(node, "$ref");
    if (typeof ref === "string") {
      const key = refKey(ref);
      if (key !== undefined && !seen.has(key)) {
        seen.add(key);
        out.push(key);
      }
    }
    const children = childSchemas(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/** Members on a cycle: in a strongly connected component of size > 1, or self-referencing. */
function stronglyConnected(keys: string[], edges: ReadonlyMap<string, string[]>): Set<string> {
  // Iterative Tarjan.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cyclic = new Set<string>();
  for (const root of keys) {
    if (idx.has(root)) continue;
    const work: { key: string; next: number }[] = [{ key: root, next: 0 }];
    idx.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const out = edges.get(top.key) ?? [];
      if (top.next < out.length) {
        const to = out[top.next++]!;
        if (to === top.key) cyclic.add(to);
        if (!idx.has(to)) {
          idx.set(to, index);
          low.set(to, index++);
          stack.push(to);
          onStack.add(to);
          work.push({ key: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(top.key, Math.min(low.get(top.key)!, idx.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.key;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.key)!));
      }
      if (low.get(top.key) === idx.get(top.key)) {
        const component: string[] = [];
        let k: string;
        do {
          k = stack.pop()!;
          onStack.delete(k);
          component.push(k);
        } while (k !== top.key);
        if (component.length > 1) for (const c of component) cyclic.add(c);
      }
    }
  }
  return cyclic;
}
