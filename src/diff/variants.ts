/**
 * Pairing the alternatives of a `oneOf`/`anyOf` between two revisions. Position alone
 * would misreport an inserted branch as every later branch changing, so branches are
 * paired by what identifies them, in this order of preference:
 *
 * 1. **discriminator value** — every branch on both sides gives one property a single value
 *    (`const` or a one-entry `enum`) and the values are unique per side: the branch with
 *    `type: "card"` pairs with the branch with `type: "card"`; labelled `oneOf[type="card"]`;
 * 2. **referenced schema** — every branch on both sides is a `$ref`, and their spec names
 *    are unique per side: `Cat` pairs with `Cat`; labelled `oneOf[Cat]`;
 * 3. **position** — labelled `oneOf[0]`, `oneOf[1]`…; extra branches are added or removed.
 *
 * Labels are the keyword of the new revision's list (a `oneOf` that became an `anyOf` is
 * compared as alternatives all the same).
 */
import type { SchemaLookup } from "../model/schema-lookup.js";
import { refKey } from "../model/schema-set.js";
import { compareStrings, isObject } from "../util/json-pointer.js";
import type { Shape } from "./schema-shape.js";
import { valueKey } from "./values.js";

export interface Branch {
  /** The schema as written; undefined for a branch made by distributing (see `schema-diff.ts`). */
  node?: unknown;
  shape: Shape;
}

export interface BranchPairing {
  pairs: { old: number; new: number; label: string }[];
  removed: { old: number; label: string }[];
  added: { new: number; label: string }[];
}

interface Side {
  branches: readonly Branch[];
  lookup: SchemaLookup;
}

export function pairBranches(keyword: string, old: Side, neu: Side): BranchPairing {
  return byDiscriminator(keyword, old, neu) ?? byReference(keyword, old, neu) ?? byPosition(keyword, old.branches.length, neu.branches.length);
}

function byDiscriminator(keyword: string, old: Side, neu: Side): BranchPairing | undefined {
  const candidates = [...new Set([...old.branches, ...neu.branches].flatMap((b) => [...b.shape.properties.keys()]))].sort(compareStrings);
  for (const name of candidates) {
    const ov = old.branches.map((b) => singleValue(b, name, old.lookup));
    const nv = neu.branches.map((b) => singleValue(b, name, neu.lookup));
    if (!allUnique(ov) || !allUnique(nv)) continue;
    const label = (v: string) => `${keyword}[${name}=${v}]`;
    return pairByLabel(ov as string[], nv as string[], label);
  }
  return undefined;
}

function byReference(keyword: string, old: Side, neu: Side): BranchPairing | undefined {
  const names = (side: Side) =>
    side.branches.map((b) => {
      if (!isObject(b.node) || typeof b.node.$ref !== "string") return undefined;
      const key = refKey(b.node.$ref);
      return key === undefined ? undefined : (side.lookup.member(key)?.specName ?? key);
    });
  const on = names(old);
  const nn = names(neu);
  if (!allUnique(on) || !allUnique(nn)) return undefined;
  return pairByLabel(on as string[], nn as string[], (n) => `${keyword}[${n}]`);
}

function byPosition(keyword: string, oldCount: number, newCount: number): BranchPairing {
  const out: BranchPairing = { pairs: [], removed: [], added: [] };
  for (let i = 0; i < Math.max(oldCount, newCount); i++) {
    const label = `${keyword}[${i}]`;
    if (i < oldCount && i < newCount) out.pairs.push({ old: i, new: i, label });
    else if (i < oldCount) out.removed.push({ old: i, label });
    else out.added.push({ new: i, label });
  }
  return out;
}

function pairByLabel(old: readonly string[], neu: readonly string[], label: (id: string) => string): BranchPairing {
  const out: BranchPairing = { pairs: [], removed: [], added: [] };
  const newIndex = new Map(neu.map((id, i) => [id, i]));
  old.forEach((id, i) => {
    const j = newIndex.get(id);
    if (j === undefined) out.removed.push({ old: i, label: label(id) });
    else out.pairs.push({ old: i, new: j, label: label(id) });
  });
  const oldIds = new Set(old);
  neu.forEach((id, j) => {
    if (!oldIds.has(id)) out.added.push({ new: j, label: label(id) });
  });
  return out;
}

/** The one value a branch gives property `name`, as display text; undefined when it has none. */
function singleValue(b: Branch, name: string, lookup: SchemaLookup): string | undefined {
  for (const s of b.shape.properties.get(name)?.schemas ?? []) {
    const v = lookup.singleValue(s);
    if (v) return typeof v.value === "string" ? JSON.stringify(v.value) : valueKey(v.value);
  }
  return undefined;
}

function allUnique(ids: readonly (string | undefined)[]): boolean {
  return ids.length > 0 && ids.every((x) => x !== undefined) && new Set(ids).size === ids.length;
}
