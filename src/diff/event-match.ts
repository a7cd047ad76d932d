/**
 * Which event of the new revision is which event of the old one. Generated names cannot
 * tell: they shift when another event arrives and takes a name. Events are matched by what
 * the spec itself says about them (`EventIdentity`):
 *
 * - a webhook by its key (`issues-opened`) and method;
 * - a callback by its parent operation (method and path, and the chain of parents for a
 *   callback nested in a callback), its name in the parent's `callbacks` map, and method.
 *   A Callback Object with several expression keys yields several events of one identity;
 *   those pair by key, and a single leftover on each side pairs too (its key, hence its
 *   route, changed).
 *
 * Events left over on both sides that differ only in method pair as a method change, when
 * that pairing is unambiguous (one on each side); otherwise they stay removed and added.
 */
import type { EventDef, ParentOperation } from "../model/events.js";
import type { PlannedEvent } from "../model/plan.js";
import type { EventIdentity } from "./types.js";

export interface EventMatch {
  old?: PlannedEvent;
  new?: PlannedEvent;
}

export function identityOf(def: EventDef): EventIdentity {
  const id: EventIdentity = { kind: def.kind, method: def.method.toUpperCase(), key: def.key };
  if (def.kind === "callback") {
    if (def.callbackName !== undefined) id.callbackName = def.callbackName;
    if (def.parent) id.parent = parentLabel(def.parent);
  }
  return id;
}

/** `POST /payments`, or for a nested callback `POST /a › onX › POST {$request.body#/url}`. */
export function parentLabel(p: ParentOperation): string {
  const own = `${p.method.toUpperCase()} ${p.path}`;
  return p.parent ? `${parentLabel(p.parent)} › ${p.callbackName ?? ""} › ${own}` : own;
}

/** The matching key; `withMethod: false` is the looser key of the method-change pass. */
function matchKey(id: EventIdentity, withMethod: boolean): string {
  const where = id.kind === "webhook" ? [id.key] : [id.parent ?? "", id.callbackName ?? id.key];
  return JSON.stringify([id.kind, withMethod ? id.method : "", ...where]);
}

export function matchEvents(old: readonly PlannedEvent[], neu: readonly PlannedEvent[]): EventMatch[] {
  const matches: EventMatch[] = [];
  const oldGroups = groupBy(old, (e) => matchKey(identityOf(e.def), true));
  const newGroups = groupBy(neu, (e) => matchKey(identityOf(e.def), true));
  const removed: PlannedEvent[] = [];
  const added: PlannedEvent[] = [];

  for (const [key, olds] of oldGroups) {
    const news = [...(newGroups.get(key) ?? [])];
    const leftOld: PlannedEvent[] = [];
    for (const o of olds) {
      const i = news.findIndex((n) => n.def.key === o.def.key);
      if (i >= 0) matches.push({ old: o, new: news.splice(i, 1)[0]! });
      else leftOld.push(o);
    }
    if (leftOld.length === 1 && news.length === 1) {
      matches.push({ old: leftOld[0]!, new: news[0]! });
    } else {
      removed.push(...leftOld);
      added.push(...news);
    }
  }
  for (const [key, news] of newGroups) if (!oldGroups.has(key)) added.push(...news);

  // Second pass: same event, other method.
  const loose = (e: PlannedEvent) => matchKey(identityOf(e.def), false) + "\u0000" + e.def.key;
  const removedByLoose = groupBy(removed, loose);
  const addedByLoose = groupBy(added, loose);
  for (const [key, olds] of removedByLoose) {
    const news = addedByLoose.get(key) ?? [];
    if (olds.length === 1 && news.length === 1) {
      matches.push({ old: olds[0]!, new: news[0]! });
      addedByLoose.delete(key);
    } else {
      for (const o of olds) matches.push({ old: o });
    }
  }
  for (const news of addedByLoose.values()) for (const n of news) matches.push({ new: n });
  return matches;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
