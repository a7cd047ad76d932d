/**
 * Routing conditions: facts about a delivery that tell one event on a route from the others
 * (DESIGN.md §3, "routing is a proof, not an order"). The receiver runtime evaluates the same
 * shape (`Condition` in templates/runtime/receiver-types.ts); here each condition also says
 * where the generator got it, so that inferences can be reported.
 *
 * A condition holds for a delivery when the value at its location passes its test. A
 * `required` condition also fails when the value is absent; an optional one holds then —
 * an optional property never decides a match.
 */
import { eventWordsOf } from "./event-words.js";

export type Primitive = string | number | boolean | null;

/** One step into a JSON body: a property, or every item of an array (all must agree). */
export type PathStep = string | { readonly items: true };

export type ConditionTest =
  /** The value is one of these. */
  | { readonly equals: readonly Primitive[] }
  /** The value is none of these (absent is fine): the values that name other events. */
  | { readonly notIn: readonly Primitive[] }
  /**
   * The value is a string matching a template whose variables stand for one or more
   * characters: `{dataType}.write.successful` → `["", ".write.successful"]`, the literal text
   * around each variable.
   */
  | { readonly template: readonly string[] }
  /** The value names the event in other words (`pull_request` ↔ `pull request`): equal eventWords. */
  | { readonly words: string };

export type Location = { readonly in: "header"; readonly name: string } | { readonly in: "body"; readonly path: readonly PathStep[] };

/** Where a condition comes from, for the generation-time report. */
export type ConditionSource =
  /** `const`, a one-value `enum`, a `discriminator` mapping, or an `enum` at a location other events are named by. */
  | "spec"
  /** `x-gen-callbacks-discriminator` or the configuration. */
  | "declared"
  /** The event's key or name matches exactly one value the spec lists for the field. */
  | "key"
  /** The field has the same value in every example the document gives for the event. */
  | "examples"
  /** Other events on the route carry their key in this field; so does this one. */
  | "convention"
  /** A header named like `*event*` that every event declares without a value (GitHub's `X-GitHub-Event`). */
  | "event-header"
  /** The event does not declare a field that names other events: it is none of theirs. */
  | "complement";

export type Condition = Location & {
  readonly required: boolean;
  readonly test: ConditionTest;
  readonly source: ConditionSource;
};

export function locationKey(l: Location): string {
  return l.in === "header" ? `header ${l.name}` : `body ${JSON.stringify(l.path)}`;
}

/** `/data/event_type`, `/notificationItems/[]/NotificationRequestItem/eventCode`, `header x-github-event`. */
export function describeLocation(l: Location): string {
  if (l.in === "header") return `header ${l.name}`;
  return "/" + l.path.map((s) => (typeof s === "string" ? s.replace(/~/g, "~0").replace(/\//g, "~1") : "[]")).join("/");
}

export function describeTest(t: ConditionTest): string {
  if ("equals" in t) return t.equals.length === 1 ? `= ${JSON.stringify(t.equals[0])}` : `∈ ${JSON.stringify(t.equals)}`;
  if ("notIn" in t) return `∉ the ${t.notIn.length} value(s) naming other events`;
  if ("template" in t) return `matches ${JSON.stringify(t.template.join("{…}"))}`;
  return `names "${t.words}"`;
}

/** Tests that claim a delivery when they hold on a present value (a `notIn` only rules out). */
export function isPositive(t: ConditionTest): boolean {
  return !("notIn" in t);
}

/** Whether a present value could pass both tests. Conservative: false only when provably not. */
export function testsOverlap(a: ConditionTest, b: ConditionTest): boolean {
  if ("notIn" in a && "notIn" in b) return true;
  if ("notIn" in b) return testsOverlap(b, a);
  if ("notIn" in a) {
    if ("equals" in b) return b.equals.some((v) => !a.notIn.includes(v));
    return true;
  }
  if ("equals" in a && "equals" in b) return a.equals.some((v) => b.equals.includes(v));
  if ("equals" in b) return testsOverlap(b, a);
  if ("equals" in a) return a.equals.some((v) => passes(b, v));
  if ("words" in a && "words" in b) return a.words === b.words;
  if ("template" in a && "template" in b) return templatesOverlap(a.template, b.template);
  // A template and words: a string can be spelled to satisfy both unless proven otherwise.
  return true;
}

/** Whether a present primitive value passes a test (the runtime's rule, for generation-time reasoning). */
export function passes(t: ConditionTest, v: Primitive): boolean {
  if ("equals" in t) return t.equals.includes(v);
  if ("notIn" in t) return !t.notIn.includes(v);
  if (typeof v !== "string") return false;
  if ("words" in t) return eventWordsOf(v) === t.words;
  return matchesTemplate(t.template, v);
}

/**
 * A template's literal parts in order, the first at the start and the last at the end, with
 * at least one character for each variable between them. Leftmost placement of each middle
 * part is optimal for such globs, so one pass decides.
 */
export function matchesTemplate(parts: readonly string[], v: string): boolean {
  if (parts.length === 1) return v === parts[0];
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!v.startsWith(first)) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = v.indexOf(parts[i]!, at + 1);
    if (found < 0) return false;
    at = found + parts[i]!.length;
  }
  return v.length - last.length >= at + 1 && v.endsWith(last);
}

/** Two templates are disjoint when their fixed prefixes or fixed suffixes disagree. */
function templatesOverlap(a: readonly string[], b: readonly string[]): boolean {
  const pa = a[0]!;
  const pb = b[0]!;
  const sa = a[a.length - 1]!;
  const sb = b[b.length - 1]!;
  const prefixesAgree = pa.startsWith(pb) || pb.startsWith(pa);
  const suffixesAgree = sa.endsWith(sb) || sb.endsWith(sa);
  return prefixesAgree && suffixesAgree;
}

/**
 * Whether two events' conditions let one delivery satisfy both. `present` assumes every
 * location either names is present in the delivery: events a naming field separates "when
 * present" are told apart by providers that always send it, even where the spec forgets to
 * mark it required.
 */
export function separatedBy(a: readonly Condition[], b: readonly Condition[], present: boolean): Condition | undefined {
  for (const ca of a) {
    const key = locationKey(ca);
    for (const cb of b) {
      if (locationKey(cb) !== key || testsOverlap(ca.test, cb.test)) continue;
      if (present || ca.required || cb.required) return ca;
    }
  }
  return undefined;
}

/** `{dataType}.write.successful` → `["", ".write.successful"]`; undefined without variables. */
export function templateOf(key: string): string[] | undefined {
  if (!/\{[^{}]+\}/.test(key)) return undefined;
  const parts = key.split(/\{[^{}]+\}/);
  // Nothing but variables names nothing. (Adjacent variables, `{a}{b}`, leave an empty middle
  // part: each still needs a character.)
  return parts.some((p) => p.length > 0) ? parts : undefined;
}
