/**
 * Structural comparison of two schemas, each in its own schema set (old and new revision):
 * what an instance may look like before and after, reported as facts with the instance path
 * where they hold. Whether a fact breaks the receiver depends on who writes the data and on
 * the policy; `classify.ts` decides that, this module only finds the facts.
 *
 * What is compared, after flattening each side (`schema-shape.ts`: refs followed, `allOf`
 * merged, nullable wrappers folded into the type):
 * - the JSON types (nullability included), as `type-changed` with the relation of the sets;
 * - `enum`/`const` values;
 * - properties: added, removed, required or not, each compared recursively;
 * - `additionalProperties`: `false` or not, and the map-value schema (path segment `*`);
 * - array `items` (path segment `[]`);
 * - `oneOf`/`anyOf` alternatives, paired by `variants.ts`. When only one side has
 *   alternatives, the other side counts as one alternative and each alternative is
 *   compared whole (its own keywords merged with the surrounding schema's), so moving
 *   properties into branches does not read as "removed here, added there".
 *
 * Not compared: annotations, `format`, `pattern`, lengths and bounds, `prefixItems`,
 * `patternProperties`, conditionals (`if`/`then`/`else`, `not`, `dependent*`).
 *
 * Cost and termination: results for a pair of `$ref`s (old member, new member) are memoized,
 * so a component used by many events is compared once. A pair met again while it is being
 * compared (a recursive schema) is not entered twice: a change inside a recursive schema is
 * reported at the shallowest path that reaches it. Paths deeper than {@link MAX_PATH_DEPTH}
 * are not followed.
 */
import type { SchemaLookup } from "../model/schema-lookup.js";
import { refKey } from "../model/schema-set.js";
import { T_ALL, T_OBJECT, typeNamesOfMask } from "../schema/type-mask.js";
import { compareStrings, isObject } from "../util/json-pointer.js";
import { isNullOnly, mergeShapes, shapeOf, T_ARRAY, T_NULL, withoutGroups, type PropertyDecl, type Shape } from "./schema-shape.js";
import type { JsonValue, PathSegment, SchemaFact } from "./types.js";
import { missingFrom } from "./values.js";
import { pairBranches, type Branch } from "./variants.js";

/** Instance paths deeper than this are not compared (real payloads nest about 10 levels). */
export const MAX_PATH_DEPTH = 64;

/** Facts with paths relative to the compared node, and the cycle cuts they depend on. */
interface Walk {
  facts: SchemaFact[];
  /**
   * `$ref` pairs (or the depth limit) whose comparison was cut short below this node. A
   * result that depends on a cut made for an ancestor is only valid under that ancestor.
   */
  cuts?: Set<string>;
}

const DEPTH_CUT = "#depth";
const NOTHING: Walk = { facts: [] };

export class SchemaDiffer {
  /** Complete results per `$ref` pair, shared by every root. */
  private readonly memo = new Map<string, SchemaFact[]>();
  /** Results cut short by a cycle: reusable only within the root being compared. */
  private rootMemo = new Map<string, SchemaFact[]>();
  private readonly stack = new Set<string>();

  constructor(
    private readonly old: SchemaLookup,
    private readonly neu: SchemaLookup,
  ) {}

  /** Facts about instances of `newRoot` compared with instances of `oldRoot`. */
  diff(oldRoot: unknown, newRoot: unknown): SchemaFact[] {
    this.rootMemo = new Map();
    return this.nodes(oldRoot, newRoot, 0).facts;
  }

  private nodes(o: unknown, n: unknown, depth: number): Walk {
    if (depth > MAX_PATH_DEPTH) return { facts: [], cuts: new Set([DEPTH_CUT]) };
    const ok = refTarget(o);
    const nk = refTarget(n);
    if (ok !== undefined && nk !== undefined) return this.refPair(ok, nk, depth);

    // `anyOf: [{$ref}, {type: null}]` around a ref (3.0 `nullable` next to `$ref`): compare
    // the refs as a memoized pair, and nullability here.
    const ow = ok ?? nullableRef(o);
    const nw = nk ?? nullableRef(n);
    if (ow !== undefined && nw !== undefined) {
      const inner = this.refPair(ow, nw, depth);
      const facts = inner.facts.filter((f) => !(f.kind === "type-changed" && f.path.length === 0));
      const before = shapeOf(o, this.old).types;
      const after = shapeOf(n, this.neu).types;
      if (before !== after) facts.unshift(typeChange(before, after));
      return { facts, ...cutsOf(inner.cuts) };
    }

    const component = (nk !== undefined ? this.neu.member(nk)?.specName : undefined) ?? (ok !== undefined ? this.old.member(ok)?.specName : undefined);
    const walk = this.shapes(shapeOf(o, this.old), shapeOf(n, this.neu), depth);
    return { facts: attribute(walk.facts, component), ...cutsOf(walk.cuts) };
  }

  private refPair(ok: string, nk: string, depth: number): Walk {
    const pair = ok + "\u0000" + nk;
    if (this.stack.has(pair)) return { facts: [], cuts: new Set([pair]) };
    const known = this.memo.get(pair) ?? this.rootMemo.get(pair);
    if (known) return { facts: known };
    const om = this.old.member(ok);
    const nm = this.neu.member(nk);
    this.stack.add(pair);
    const walk = this.shapes(shapeOf(om?.schema, this.old, om?.specName), shapeOf(nm?.schema, this.neu, nm?.specName), depth + 1);
    this.stack.delete(pair);
    const facts = attribute(walk.facts, nm?.specName ?? om?.specName);
    walk.cuts?.delete(pair);
    if (walk.cuts?.size) {
      this.rootMemo.set(pair, facts);
      return { facts, cuts: walk.cuts };
    }
    this.memo.set(pair, facts);
    return { facts };
  }

  private shapes(os: Shape, ns: Shape, depth: number): Walk {
    const out = new Collector();
    if (os.groups.length !== ns.groups.length) {
      // Only one side has alternatives (or a different number of lists): compare whole alternatives.
      this.distributed(os, ns, depth, out);
      return out.result();
    }
    if (os.types !== ns.types && !(byAlternatives(os) && byAlternatives(ns) && (os.types & T_NULL) === (ns.types & T_NULL))) {
      // Types that come from the alternatives alone change with them: the branches say how.
      out.fact(typeChange(os.types, ns.types));
    }
    const values = enumChange(os.enum, ns.enum);
    if (values) out.fact(values);
    if (os.types & ns.types & T_OBJECT) this.objects(os, ns, depth, out);
    if (os.types & ns.types & T_ARRAY && (os.items.length || ns.items.length)) {
      out.under({ items: true }, this.nodes(allOf(os.items), allOf(ns.items), depth + 1));
    }
    os.groups.forEach((og, i) => {
      const ng = ns.groups[i]!;
      const branches = (nodes: unknown[], lookup: SchemaLookup): Branch[] => nodes.map((node) => ({ node, shape: shapeOf(node, lookup) }));
      this.alternatives(ng.keyword, branches(og.branches, this.old), branches(ng.branches, this.neu), depth, out);
    });
    return out.result();
  }

  private objects(os: Shape, ns: Shape, depth: number, out: Collector): void {
    const names = new Set([...os.properties.keys(), ...os.required, ...ns.properties.keys(), ...ns.required]);
    for (const name of [...names].sort(compareStrings)) {
      const od = os.properties.get(name);
      const nd = ns.properties.get(name);
      const before = od !== undefined || os.required.has(name);
      const after = nd !== undefined || ns.required.has(name);
      if (!before) {
        out.fact({ kind: "field-added", required: ns.required.has(name), closedBefore: os.closed, path: [name], ...schemaOf(nd) });
        continue;
      }
      if (!after) {
        out.fact({ kind: "field-removed", required: os.required.has(name), closedAfter: ns.closed, path: [name], ...schemaOf(od) });
        continue;
      }
      const wasRequired = os.required.has(name);
      const isRequired = ns.required.has(name);
      if (wasRequired !== isRequired) out.fact({ kind: isRequired ? "field-now-required" : "field-now-optional", path: [name], ...schemaOf(nd ?? od) });
      out.under(name, this.nodes(propertyNode(od), propertyNode(nd), depth + 1));
    }
    if (os.closed !== ns.closed) {
      out.fact({ kind: "additional-properties-changed", from: os.closed ? "closed" : "open", to: ns.closed ? "closed" : "open", path: [] });
    } else if (!os.closed && (os.additional.length || ns.additional.length)) {
      out.under({ additionalProperties: true }, this.nodes(allOf(os.additional), allOf(ns.additional), depth + 1));
    }
  }

  private alternatives(keyword: string, old: Branch[], neu: Branch[], depth: number, out: Collector): void {
    const pairing = pairBranches(keyword, { branches: old, lookup: this.old }, { branches: neu, lookup: this.neu });
    for (const r of pairing.removed) out.fact({ kind: "variant-removed", variant: r.label, path: [] });
    for (const a of pairing.added) out.fact({ kind: "variant-added", variant: a.label, path: [] });
    for (const p of pairing.pairs) {
      const ob = old[p.old]!;
      const nb = neu[p.new]!;
      const walk = ob.node !== undefined && nb.node !== undefined ? this.nodes(ob.node, nb.node, depth + 1) : this.shapes(ob.shape, nb.shape, depth + 1);
      out.under({ variant: p.label }, walk);
    }
  }

  /**
   * `A` vs `A ∧ (B1 ∨ B2)`: compare `[A]` with `[A ∧ B1, A ∧ B2]`. Only the first list of
   * alternatives of a side is distributed; schemas with several lists are rare enough that
   * comparing the rest as part of each branch is good enough.
   */
  private distributed(os: Shape, ns: Shape, depth: number, out: Collector): void {
    const expand = (s: Shape, lookup: SchemaLookup): Branch[] => {
      const [first, ...rest] = s.groups;
      if (!first) return [{ shape: s }];
      const outer = { ...withoutGroups(s, lookup), groups: rest };
      return first.branches.map((b) => ({ shape: mergeShapes(outer, shapeOf(b, lookup)) }));
    };
    // A `null` branch is folded into the type, not a branch: say here if that changed.
    if ((os.types & T_NULL) !== (ns.types & T_NULL)) out.fact(typeChange(os.types, ns.types));
    const keyword = ns.groups[0]?.keyword ?? os.groups[0]?.keyword ?? "oneOf";
    this.alternatives(keyword, expand(os, this.old), expand(ns, this.neu), depth, out);
  }
}

/** Gathers facts and cuts while one node is compared. */
class Collector {
  private readonly facts: SchemaFact[] = [];
  private cuts: Set<string> | undefined;

  fact(f: SchemaFact): void {
    this.facts.push(f);
  }

  under(segment: PathSegment, walk: Walk): void {
    for (const f of walk.facts) this.facts.push({ ...f, path: [segment, ...f.path] });
    if (walk.cuts?.size) this.cuts = new Set([...(this.cuts ?? []), ...walk.cuts]);
  }

  result(): Walk {
    return this.cuts ? { facts: this.facts, cuts: this.cuts } : this.facts.length ? { facts: this.facts } : NOTHING;
  }
}

/** The schema's types are only what its alternatives allow (no `type`, nothing implying one). */
function byAlternatives(s: Shape): boolean {
  return s.groups.length > 0 && s.own.declared === undefined && s.own.implied === undefined;
}

function refTarget(node: unknown): string | undefined {
  return isObject(node) && typeof node.$ref === "string" ? refKey(node.$ref) : undefined;
}

/** The member a nullable wrapper (`anyOf`/`oneOf` of one `$ref` and a null-only branch) wraps. */
function nullableRef(node: unknown): string | undefined {
  if (!isObject(node)) return undefined;
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const list = node[keyword];
    if (!Array.isArray(list) || list.length !== 2) continue;
    const rest = list.filter((b) => !isNullOnly(b));
    if (rest.length !== 1) continue;
    const assertions = Object.keys(node).filter((k) => k !== keyword && !ANNOTATION_KEYS.has(k));
    if (assertions.length === 0) return refTarget(rest[0]);
  }
  return undefined;
}

const ANNOTATION_KEYS = new Set(["title", "description", "default", "examples", "example", "deprecated", "readOnly", "writeOnly", "$comment"]);

function typeChange(before: number, after: number): SchemaFact {
  const relation = (before & ~after) === 0 ? "widened" : (after & ~before) === 0 ? "narrowed" : "changed";
  return { kind: "type-changed", from: typeNames(before), to: typeNames(after), relation, path: [] };
}

function typeNames(mask: number): string[] {
  if (mask === T_ALL) return ["any"];
  if (mask === 0) return ["never"];
  return typeNamesOfMask(mask);
}

function enumChange(from: JsonValue[] | undefined, to: JsonValue[] | undefined): SchemaFact | undefined {
  if (from === undefined && to === undefined) return undefined;
  const added = from && to ? missingFrom(to, from) : [];
  const removed = from && to ? missingFrom(from, to) : [];
  if (from && to && added.length === 0 && removed.length === 0) return undefined;
  return { kind: "enum-changed", from, to, added, removed, path: [] };
}

/** The schema of a property as one node: absent → anything, several declarations → all of them. */
function propertyNode(decl: PropertyDecl | undefined): unknown {
  if (!decl) return true;
  return allOf(decl.schemas);
}

function allOf(schemas: readonly unknown[]): unknown {
  if (schemas.length === 0) return true;
  return schemas.length === 1 ? schemas[0] : { allOf: schemas };
}

function schemaOf(decl: PropertyDecl | undefined): { schema?: string } {
  return decl?.owner === undefined ? {} : { schema: decl.owner };
}

/** Facts found inside a named component say so, unless a deeper component already did. */
function attribute(facts: SchemaFact[], component: string | undefined): SchemaFact[] {
  if (component === undefined || facts.every((f) => f.schema !== undefined)) return facts;
  return facts.map((f) => (f.schema === undefined ? { ...f, schema: component } : f));
}

function cutsOf(cuts: Set<string> | undefined): { cuts?: Set<string> } {
  return cuts?.size ? { cuts } : {};
}
