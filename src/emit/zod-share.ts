/**
 * Repeated subschemas, written once. Providers inline the same object schemas again and
 * again (GitHub's webhook payloads repeat `user`, `repository`, `installation` … hundreds of
 * times: 37,000 builder calls, 1,500 of them distinct), and every copy costs tsc a full
 * type computation and Zod a full schema instance. Each repeated subtree of some size is
 * therefore declared once and referenced by name.
 *
 * Sharing a Zod schema instance changes nothing at run time (schemas are immutable
 * values), and nothing in the proof either: each use is still related to its own place in
 * `types.ts`.
 */
import type { Code, ObjectEntry } from "./zod-code.js";

export interface SharedCode {
  /** The roots, with shared subtrees replaced by references. */
  roots: Code[];
  /** The shared subtrees in declaration order; `before` is the first root that uses one. */
  shared: { name: string; code: Code; before: number }[];
}

/**
 * Replaces by `ref(name)` every call (of a callee `shareable` accepts) that occurs at least
 * twice (counting occurrences in distinct contexts: the copies inside one repeated subtree
 * count once) and has at least `minSize` nodes. `name(i)` names the i-th shared subtree, in
 * declaration order. A shared subtree only refers to members declared before the first
 * root that uses it (its references are that root's), so it can be declared right there.
 */
export function shareRepeated(
  roots: Code[],
  shareable: (callee: string) => boolean,
  minSize: number,
  name: (i: number) => string,
  ref: (name: string) => Code,
): SharedCode {
  const dag = new Dag(shareable);
  const rootIds = roots.map((r) => dag.intern(r));

  // Occurrences in the DAG: each distinct node adds its children once per slot.
  const uses = new Map<number, number>();
  const seen = new Set<number>();
  const count = (id: number): void => {
    uses.set(id, (uses.get(id) ?? 0) + 1);
    if (seen.has(id)) return;
    seen.add(id);
    for (const c of dag.children(id)) count(c);
  };
  for (const id of rootIds) count(id);
  const worth = (id: number): boolean => shareable(dag.callee(id) ?? "") && (uses.get(id) ?? 0) >= 2 && dag.size(id) >= minSize;

  // Declaration order: before each root, the shared subtrees it uses, dependencies first.
  const names = new Map<number, string>();
  const shared: { id: number; before: number }[] = [];
  const visited = new Set<number>();
  const place = (id: number, before: number): void => {
    if (visited.has(id)) return;
    visited.add(id);
    for (const c of dag.children(id)) place(c, before);
    if (worth(id) && !names.has(id)) {
      names.set(id, name(shared.length));
      shared.push({ id, before });
    }
  };
  rootIds.forEach((id, i) => place(id, i));

  const rewritten = new Map<number, Code>();
  const rewrite = (id: number): Code => {
    const n = names.get(id);
    return n !== undefined ? ref(n) : body(id);
  };
  const body = (id: number): Code => {
    let out = rewritten.get(id);
    if (!out) {
      out = dag.rebuild(id, rewrite);
      rewritten.set(id, out);
    }
    return out;
  };
  return {
    roots: rootIds.map((id) => rewrite(id)),
    shared: shared.map(({ id, before }) => ({ name: names.get(id)!, code: body(id), before })),
  };
}

/** Hash-consed code: structurally equal subtrees get one id. */
class Dag {
  private readonly ids = new Map<string, number>();
  private readonly nodes: Code[] = [];
  private readonly kids: number[][] = [];
  private readonly sizes: number[] = [];
  private readonly memo = new WeakMap<Code, number>();

  /** `shareable(callee)`: whether calls of `callee` build schemas (else they are rules). */
  constructor(private readonly shareable: (callee: string) => boolean) {}

  intern(code: Code): number {
    const known = this.memo.get(code);
    if (known !== undefined) return known;
    let key: string;
    let children: number[];
    switch (code.kind) {
      case "atom":
        key = "a" + code.text;
        children = [];
        break;
      case "arrow":
        children = [this.intern(code.body)];
        key = `f${children[0]}`;
        break;
      case "call":
        children = [this.intern(code.callee), ...code.args.map((a) => this.intern(a))];
        key = `c${children.join(",")}`;
        break;
      case "array":
        children = code.items.map((a) => this.intern(a));
        key = `r${children.join(",")}`;
        break;
      case "object":
        children = code.entries.map(([, v]) => this.intern(v));
        // Keys are identifiers, JSON string literals or `["__proto__"]`: `:` ends each one.
        key = "o" + code.entries.map(([k], i) => `${k ?? "..."}:${children[i]}`).join(",");
        break;
    }
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      this.ids.set(key, id);
      this.nodes.push(code);
      this.kids.push(children);
      // Callees and object keys are not counted, a rule is one node: `$object({ a: $string })`
      // and `$check($string, $minLength(1))` have 3.
      const rule = code.kind === "call" && !(code.callee.kind === "atom" && this.shareable(code.callee.text));
      this.sizes.push(rule ? 1 : 1 + children.reduce((n, c, i) => n + (code.kind === "call" && i === 0 ? 0 : this.sizes[c]!), 0));
    }
    this.memo.set(code, id);
    return id;
  }

  children(id: number): readonly number[] {
    return this.kids[id]!;
  }

  size(id: number): number {
    return this.sizes[id]!;
  }

  /** The callee's text, when `id` is a call of a plain name. */
  callee(id: number): string | undefined {
    const code = this.nodes[id]!;
    return code.kind === "call" && code.callee.kind === "atom" ? code.callee.text : undefined;
  }

  /** The node `id` with each child `c` replaced by `child(c)`. */
  rebuild(id: number, child: (id: number) => Code): Code {
    const code = this.nodes[id]!;
    const kids = this.kids[id]!.map(child);
    switch (code.kind) {
      case "atom":
        return code;
      case "arrow":
        return { kind: "arrow", body: kids[0]! };
      case "call":
        return { kind: "call", callee: kids[0]!, args: kids.slice(1) };
      case "array":
        return { kind: "array", items: kids };
      case "object":
        return { kind: "object", entries: code.entries.map(([k], i): ObjectEntry => [k, kids[i]!]) };
    }
  }
}

