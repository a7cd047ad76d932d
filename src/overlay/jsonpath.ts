/**
 * The JSONPath (RFC 9535) that Overlay 1.0 `target`s use, as a documented subset written
 * here rather than a dependency: the overlays people write for provider drift need only
 *
 *   $                       the root
 *   .name  ['name']         a child by name (quoted names may hold any character)
 *   .*  [*]                 every child (object members or array items)
 *   [0]  [-1]  [0,2]        array items by index (negative counts from the end)
 *   ..name  ..*  ..[…]      recursive descent (the node and all its descendants, document order)
 *   [?@.type == 'object']   filters: `@` (the item), `@.a.b` / `@['a']` / `@[0]`, literals
 *   [?(@.x != 1 && !@.y)]   (strings, numbers, true, false, null), == != < <= > >=,
 *                           && || ! and parentheses; `@.a` alone tests that it exists
 *
 * Anything else (slices, functions, `$` inside a filter) is a syntax error naming the offset,
 * never a silent mismatch.
 */

export interface PathNode {
  value: unknown;
  /** JSON-pointer segments from the root. */
  path: (string | number)[];
}

type Selector = { kind: "name"; name: string } | { kind: "index"; index: number } | { kind: "wild" } | { kind: "filter"; expr: Expr };
type Segment = { descendant: boolean; selectors: Selector[] };
type Operand = { kind: "literal"; value: unknown } | { kind: "rel"; path: (string | number)[] };
type Expr =
  | { kind: "cmp"; op: "==" | "!=" | "<" | "<=" | ">" | ">="; left: Operand; right: Operand }
  | { kind: "exists"; operand: Operand }
  | { kind: "not"; expr: Expr }
  | { kind: "and" | "or"; left: Expr; right: Expr };

export class JsonPathError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function parseJsonPath(text: string): Segment[] {
  return new Parser(text).path();
}

export function queryJsonPath(root: unknown, text: string): PathNode[] {
  let nodes: PathNode[] = [{ value: root, path: [] }];
  for (const segment of parseJsonPath(text)) {
    const next: PathNode[] = [];
    for (const node of nodes) {
      for (const start of segment.descendant ? descendants(node) : [node]) {
        for (const sel of segment.selectors) next.push(...select(start, sel));
      }
    }
    nodes = next;
  }
  return nodes;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function children(node: PathNode): PathNode[] {
  if (Array.isArray(node.value)) return node.value.map((v, i) => ({ value: v, path: [...node.path, i] }));
  if (isObject(node.value)) return Object.entries(node.value).map(([k, v]) => ({ value: v, path: [...node.path, k] }));
  return [];
}

function descendants(node: PathNode): PathNode[] {
  const out: PathNode[] = [node];
  for (const c of children(node)) out.push(...descendants(c));
  return out;
}

function select(node: PathNode, sel: Selector): PathNode[] {
  const v = node.value;
  switch (sel.kind) {
    case "name":
      return isObject(v) && Object.hasOwn(v, sel.name) ? [{ value: v[sel.name], path: [...node.path, sel.name] }] : [];
    case "index": {
      if (!Array.isArray(v)) return [];
      const i = sel.index < 0 ? v.length + sel.index : sel.index;
      return i >= 0 && i < v.length ? [{ value: v[i], path: [...node.path, i] }] : [];
    }
    case "wild":
      return children(node);
    case "filter":
      return children(node).filter((c) => test(sel.expr, c.value));
  }
}

const NOTHING = Symbol("nothing");

function resolve(operand: Operand, item: unknown): unknown {
  if (operand.kind === "literal") return operand.value;
  let v: unknown = item;
  for (const step of operand.path) {
    if (typeof step === "number" ? Array.isArray(v) && step < v.length : isObject(v) && Object.hasOwn(v, step)) v = (v as Record<string | number, unknown>)[step];
    else return NOTHING;
  }
  return v;
}

function test(expr: Expr, item: unknown): boolean {
  switch (expr.kind) {
    case "not":
      return !test(expr.expr, item);
    case "and":
      return test(expr.left, item) && test(expr.right, item);
    case "or":
      return test(expr.left, item) || test(expr.right, item);
    case "exists":
      return resolve(expr.operand, item) !== NOTHING;
    case "cmp": {
      const a = resolve(expr.left, item);
      const b = resolve(expr.right, item);
      const eq = a !== NOTHING && b !== NOTHING && deepEqual(a, b);
      if (expr.op === "==") return eq || (a === NOTHING && b === NOTHING);
      if (expr.op === "!=") return !(eq || (a === NOTHING && b === NOTHING));
      const ordered = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
      if (!ordered) return expr.op === "<=" || expr.op === ">=" ? eq : false;
      const [x, y] = [a as number | string, b as number | string];
      return expr.op === "<" ? x < y : expr.op === "<=" ? x <= y : expr.op === ">" ? x > y : x >= y;
    }
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private fail(what: string): never {
    throw new JsonPathError(`${what} at offset ${this.i} of ${JSON.stringify(this.s)}`, this.i);
  }
  private ws(): void {
    while (this.i < this.s.length && " \t\n\r".includes(this.s[this.i]!)) this.i++;
  }
  private eat(token: string): boolean {
    if (this.s.startsWith(token, this.i)) {
      this.i += token.length;
      return true;
    }
    return false;
  }

  path(): Segment[] {
    this.ws();
    if (!this.eat("$")) this.fail("a JSONPath starts with $");
    const segments: Segment[] = [];
    while (this.i < this.s.length) {
      if (this.eat("..")) {
        if (this.s[this.i] === "[") segments.push({ descendant: true, selectors: this.bracket() });
        else segments.push({ descendant: true, selectors: [this.dotted()] });
      } else if (this.eat(".")) segments.push({ descendant: false, selectors: [this.dotted()] });
      else if (this.s[this.i] === "[") segments.push({ descendant: false, selectors: this.bracket() });
      else {
        this.ws();
        if (this.i < this.s.length) this.fail("expected . or [");
      }
    }
    return segments;
  }

  private dotted(): Selector {
    if (this.eat("*")) return { kind: "wild" };
    return { kind: "name", name: this.name() };
  }

  private name(): string {
    const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_\-\u0080-\uffff]*/.exec(this.s.slice(this.i));
    if (!m) this.fail("expected a member name");
    this.i += m[0].length;
    return m[0];
  }

  private bracket(): Selector[] {
    this.eat("[");
    const out: Selector[] = [];
    do {
      this.ws();
      out.push(this.selector());
      this.ws();
    } while (this.eat(","));
    if (!this.eat("]")) this.fail("expected ]");
    return out;
  }

  private selector(): Selector {
    const c = this.s[this.i];
    if (c === "'" || c === '"') return { kind: "name", name: this.string() };
    if (this.eat("*")) return { kind: "wild" };
    if (this.eat("?")) {
      this.ws();
      return { kind: "filter", expr: this.or() };
    }
    const m = /^-?\d+/.exec(this.s.slice(this.i));
    if (m) {
      this.i += m[0].length;
      if (this.s[this.i] === ":") this.fail("array slices are not supported");
      return { kind: "index", index: Number(m[0]) };
    }
    return this.fail("expected a name in quotes, an index, * or a ?filter");
  }

  private string(): string {
    const quote = this.s[this.i++]!;
    let out = "";
    while (this.i < this.s.length && this.s[this.i] !== quote) {
      const ch = this.s[this.i++]!;
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      const e = this.s[this.i++];
      if (e === "u") {
        const hex = this.s.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("bad \\u escape");
        out += String.fromCharCode(parseInt(hex, 16));
        this.i += 4;
      } else out += ({ b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" } as Record<string, string>)[e ?? ""] ?? e ?? "";
    }
    if (!this.eat(quote)) this.fail("unterminated string");
    return out;
  }

  private or(): Expr {
    let left = this.and();
    for (this.ws(); this.eat("||"); this.ws()) left = { kind: "or", left, right: this.and() };
    return left;
  }
  private and(): Expr {
    let left = this.unary();
    for (this.ws(); this.eat("&&"); this.ws()) left = { kind: "and", left, right: this.unary() };
    return left;
  }
  private unary(): Expr {
    this.ws();
    if (this.s[this.i] === "!" && this.s[this.i + 1] !== "=") {
      this.i++;
      return { kind: "not", expr: this.unary() };
    }
    if (this.eat("(")) {
      const e = this.or();
      this.ws();
      if (!this.eat(")")) this.fail("expected )");
      return e;
    }
    const left = this.operand();
    this.ws();
    for (const op of ["==", "!=", "<=", ">=", "<", ">"] as const) {
      if (this.eat(op)) {
        this.ws();
        return { kind: "cmp", op, left, right: this.operand() };
      }
    }
    if (left.kind !== "rel") this.fail("a literal alone is not a test");
    return { kind: "exists", operand: left };
  }

  private operand(): Operand {
    this.ws();
    const c = this.s[this.i];
    if (c === "@") {
      this.i++;
      const path: (string | number)[] = [];
      for (;;) {
        if (this.s.startsWith("..", this.i)) this.fail("recursive descent inside a filter is not supported");
        if (this.eat(".")) path.push(this.name());
        else if (this.s[this.i] === "[") {
          const sels = this.bracket();
          const only = sels[0]!;
          if (sels.length !== 1 || (only.kind !== "name" && only.kind !== "index")) this.fail("a filter path takes one name or index per step");
          path.push(only.kind === "name" ? only.name : only.index);
        } else break;
      }
      return { kind: "rel", path };
    }
    if (c === "'" || c === '"') return { kind: "literal", value: this.string() };
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (!m) return this.fail("expected @, a string, a number, true, false or null");
    this.i += m[0].length;
    return { kind: "literal", value: JSON.parse(m[0]) };
  }
}
