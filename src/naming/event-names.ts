/**
 * Names for each event: the handler (camelCase key of the `Handlers` map and name of the
 * stub's export), the type prefix (PascalCase), and the stub's file name (kebab-case).
 *
 * Names come from what users recognise — the webhook name, or the callback's name in the
 * operation's `callbacks` map (the spec calls it "a convenience locator") — and get more
 * specific only when needed to tell events apart: the parent operation, then the method,
 * then the expression key. Whatever still clashes gets a numeric suffix, reported.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { EventDef, ParentOperation } from "../model/events.js";
import { compareStrings } from "../util/json-pointer.js";
import { NameTable } from "./name-table.js";
import { camelCase, kebabCase, pascalCase } from "./words.js";

export interface EventNames {
  /** camelCase: key in `Handlers`, export of `handlers/<file>.ts`. */
  handler: string;
  /** PascalCase prefix of the event's types. */
  type: string;
  /** kebab-case stub file name, without `.ts`. */
  file: string;
}

/**
 * Type names derived from an event's prefix, claimed together so none can clash. Names for
 * rarer parts (a response body per status) are claimed when the bundler needs them.
 */
export const EVENT_TYPE_SUFFIXES = ["Request", "Response", "Handler", "Body", "PathParams", "Query", "Headers", "Cookies"] as const;

/** Labels at increasing specificity; level 0 is what we would like to call the event. */
function labels(e: EventDef): string[][] {
  const method = e.method;
  if (e.kind === "webhook") {
    return [[e.key], [e.key, method], [e.key, method, e.routeKey ?? ""]];
  }
  const cb = e.callbackName ?? "callback";
  const parent = parentLabel(e.parent);
  return [[cb], [parent, cb], [parent, cb, method], [parent, cb, method, e.routeKey ?? e.key]];
}

function parentLabel(p: ParentOperation | undefined): string {
  if (!p) return "";
  const own = p.operationId ?? `${p.method} ${p.path}`;
  return p.parent ? `${parentLabel(p.parent)} ${p.callbackName ?? ""} ${own}` : own;
}

/**
 * `events` must already be in a deterministic order; `types` holds the type names taken by
 * schemas (the spec's names win).
 */
export function nameEvents(events: readonly EventDef[], types: NameTable, diags: Diagnostics): EventNames[] {
  const levels = events.map(() => 0);
  const all = events.map(labels);
  // Raise the specificity of every event whose label clashes, until nothing clashes or no
  // event can get more specific.
  for (;;) {
    const groups = new Map<string, number[]>();
    events.forEach((_, i) => {
      const label = comparable(all[i]![levels[i]!]!);
      groups.set(label, [...(groups.get(label) ?? []), i]);
    });
    let raised = false;
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      // Events that no level tells apart keep their plainest name (and get a suffix below).
      const finest = new Set(members.map((i) => comparable(all[i]![all[i]!.length - 1]!)));
      if (finest.size === 1) continue;
      for (const i of members) {
        if (levels[i]! < all[i]!.length - 1) {
          levels[i]!++;
          raised = true;
        }
      }
    }
    if (!raised) break;
  }

  const handlers = new NameTable(true);
  const files = new NameTable(true);
  const order = events.map((_, i) => i).sort((a, b) => compareStrings(label(all, levels, a), label(all, levels, b)) || a - b);
  const out: EventNames[] = new Array(events.length);
  for (const i of order) {
    const text = label(all, levels, i);
    const e = events[i]!;
    const handler = handlers.claim(camelCase(text, "event"));
    const type = claimTypePrefix(types, pascalCase(text, "Event"));
    const file = files.claim(kebabCase(text), "-");
    out[i] = { handler: handler.name, type, file: file.name };
    if (handler.renamed) {
      diags.info(
        "name-collision",
        `${e.kind} "${e.callbackName ?? e.key}" (${e.method.toUpperCase()}) has the same name as another event; its handler is called ${handler.name}`,
        { file: e.origin.file, pointer: e.origin.pointer },
        "give the operations distinct operationIds or callback names",
      );
    }
  }
  return out;
}

/** Labels clash when they would give the same identifier (`a.b` and `a-b` both give `aB`). */
function comparable(label: string[]): string {
  return camelCase(label.join(" "), "event").toLowerCase();
}

function label(all: string[][][], levels: number[], i: number): string {
  return all[i]![levels[i]!]!.join(" ");
}

/**
 * The first prefix P (P, P2, …) for which every P+suffix is free; claims them. P itself is
 * never a type (only the suffixed names are emitted), so a schema that shares the event's
 * name — Telnyx's `CallAnswered` for the `callAnswered` webhook — does not push the event's
 * types to `CallAnswered2…`.
 */
function claimTypePrefix(types: NameTable, base: string): string {
  for (let n = 1; ; n++) {
    const prefix = n === 1 ? base : `${base}${n}`;
    const wanted = EVENT_TYPE_SUFFIXES.map((s) => prefix + s);
    if (wanted.some((w) => types.has(w))) continue;
    for (const w of wanted) types.claim(w);
    return prefix;
  }
}
