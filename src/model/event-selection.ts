/**
 * Generate what you handle: an event selection (`--events`, `events` in the configuration)
 * keeps in the output only the selected events and what they reach. Patterns match an event's
 * webhook key, callback name or handler name, compared by words (so `pull_request.opened`,
 * `pull-request-opened` and `pullRequestOpened` are one name); `*` stands for one or more
 * words: `issues.*`, `*.created`, `push`.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { closest } from "../load/suggest.js";
import { eventWordsOf } from "../routes/event-words.js";
import type { PlannedEvent } from "./plan.js";

/** The names a pattern is matched against. */
function namesOf(e: PlannedEvent): string[] {
  return [e.def.key, e.def.callbackName, e.names.handler].filter((n): n is string => n !== undefined);
}

/** The handler names of the selected events; every pattern that selects nothing is reported. */
export function selectEvents(events: readonly PlannedEvent[], patterns: readonly string[], diags: Diagnostics, where: { file?: string } = {}): Set<string> {
  const selected = new Set<string>();
  for (const pattern of patterns) {
    const test = matcher(pattern);
    const hits = events.filter((e) => namesOf(e).some(test));
    for (const e of hits) selected.add(e.names.handler);
    if (hits.length === 0) {
      const near = closest(pattern, events.flatMap(namesOf));
      diags.warning(
        "events-unmatched",
        `the event selection ${JSON.stringify(pattern)} matches no event of this spec${near ? `; did you mean ${JSON.stringify(near)}?` : ""}`,
        where,
        "patterns match webhook keys, callback names or handler names; `*` stands for one or more words (`issues.*`)",
      );
    }
  }
  return selected;
}

/** A pattern's words, with `*` kept as a word of its own, matched against a name's words. */
function matcher(pattern: string): (name: string) => boolean {
  const parts = pattern.split("*").map((p) => eventWordsOf(p).split(" ").filter(Boolean));
  return (name) => {
    const words = eventWordsOf(name).split(" ").filter(Boolean);
    return matchWords(parts, words);
  };
}

/** `parts` joined by wildcards that each take one or more words; leftmost placement decides, as for globs. */
function matchWords(parts: readonly string[][], words: readonly string[]): boolean {
  const at = (i: number, part: readonly string[]) => part.every((w, k) => words[i + k] === w);
  const first = parts[0]!;
  if (parts.length === 1) return first.length === words.length && at(0, first);
  if (!at(0, first)) return false;
  let i = first.length;
  for (let p = 1; p < parts.length - 1; p++) {
    const part = parts[p]!;
    let found = -1;
    for (let j = i + 1; j + part.length <= words.length; j++) {
      if (at(j, part)) {
        found = j;
        break;
      }
    }
    if (found < 0) return false;
    i = found + part.length;
  }
  const last = parts[parts.length - 1]!;
  return words.length - last.length >= i + 1 && at(words.length - last.length, last);
}
