/**
 * Degenerate schema cycles (THREATS A17): a schema that contains itself through in-place
 * applicators only — `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`,
 * `dependentSchemas` — without descending into the instance (`properties`, `items`,
 * `additionalProperties`, …) on the way. Validating a value against it recurses forever
 * on the same value (and a generated `z.lazy` would too), e.g.
 * `AllOfSelf: {allOf: [{$ref: AllOfSelf}]}`. Recursion through `properties`/`items` is
 * ordinary data recursion and is fine.
 *
 * The graph's nodes are the parsed objects themselves (identity), so a schema reached by
 * two pointers is one node. Cycles are the strongly connected components (Tarjan,
 * iterative) with more than one node or a self-edge.
 */

const ARRAY_APPLICATORS = ["allOf", "anyOf", "oneOf"] as const;
const SINGLE_APPLICATORS = ["not", "if", "then", "else"] as const;

interface Node {
  edges: object[];
  /** Opaque handle the caller turns into a location (only for reported cycles). */
  where: unknown;
  order: number;
}

export class SchemaGraph {
  readonly nodes = new Map<object, Node>();
  /** Objects whose applicator edges are recorded (a region may be walked twice). */
  private readonly expanded = new Set<object>();

  private node(obj: object, where: unknown): Node {
    let n = this.nodes.get(obj);
    if (!n) {
      n = { edges: [], where, order: this.nodes.size };
      this.nodes.set(obj, n);
    }
    return n;
  }

  /** Records the applicator edges of `obj` (once per object, however often it is visited). */
  addInPlaceEdges(obj: Record<string, unknown>, where: unknown): void {
    if (this.expanded.has(obj)) return;
    this.expanded.add(obj);
    const targets: object[] = [];
    for (const k of ARRAY_APPLICATORS) {
      const list = obj[k];
      if (Array.isArray(list)) for (const s of list) if (isObj(s)) targets.push(s);
    }
    for (const k of SINGLE_APPLICATORS) {
      const s = obj[k];
      if (isObj(s)) targets.push(s);
    }
    const deps = obj["dependentSchemas"];
    if (isObj(deps)) for (const s of Object.values(deps)) if (isObj(s)) targets.push(s);
    if (targets.length === 0) return;
    this.node(obj, where).edges.push(...targets);
  }

  /** Records that `holder`'s `$ref` resolves to `target`. */
  addRefEdge(holder: object, where: unknown, target: unknown): void {
    if (!isObj(target)) return;
    const n = this.node(holder, where);
    if (!n.edges.includes(target)) n.edges.push(target);
  }
}

export interface Located {
  file: string;
  pointer: string;
}

/**
 * One cycle per cyclic component, as the list of locations from its first-seen node back
 * to itself, in the order the nodes were first seen.
 */
export function findSchemaCycles(graph: SchemaGraph, locate: (where: unknown) => Located): Located[][] {
  const { nodes } = graph;
  const index = new Map<object, number>();
  const low = new Map<object, number>();
  const onStack = new Set<object>();
  const stack: object[] = [];
  const cycles: object[][] = [];
  let counter = 0;

  for (const start of nodes.keys()) {
    if (index.has(start)) continue;
    const calls: { v: object; i: number }[] = [];
    const enter = (v: object): void => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      calls.push({ v, i: 0 });
    };
    enter(start);
    while (calls.length > 0) {
      const frame = calls[calls.length - 1]!;
      const edges = nodes.get(frame.v)!.edges;
      if (frame.i < edges.length) {
        const w = edges[frame.i++]!;
        if (!nodes.has(w)) continue; // a schema with no applicators ends every path
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        continue;
      }
      calls.pop();
      const parent = calls[calls.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(frame.v)!));
      if (low.get(frame.v) !== index.get(frame.v)) continue;
      const component: object[] = [];
      for (;;) {
        const w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
        if (w === frame.v) break;
      }
      const selfLoop = component.length === 1 && nodes.get(component[0]!)!.edges.includes(component[0]!);
      if (component.length > 1 || selfLoop) cycles.push(cyclePath(nodes, component));
    }
  }
  // Report in the order the documents were walked, not in Tarjan's completion order.
  cycles.sort((a, b) => nodes.get(a[0]!)!.order - nodes.get(b[0]!)!.order);
  return cycles.map((path) => path.map((o) => locate(nodes.get(o)!.where)));
}

/** A shortest path from the component's first-seen node back to itself, inside the component. */
function cyclePath(nodes: Map<object, Node>, component: object[]): object[] {
  const members = new Set(component);
  const start = component.reduce((a, b) => (nodes.get(a)!.order <= nodes.get(b)!.order ? a : b));
  const prev = new Map<object, object>();
  const queue: object[] = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (const w of nodes.get(v)!.edges) {
      if (!members.has(w)) continue;
      if (w === start) {
        const back: object[] = [];
        for (let cur = v; cur !== start; cur = prev.get(cur)!) back.push(cur);
        return [start, ...back.reverse(), start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

function isObj(v: unknown): v is object {
  return v !== null && typeof v === "object";
}
