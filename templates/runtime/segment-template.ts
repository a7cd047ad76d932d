/**
 * A path segment that mixes text and parameters (`{name}.{ext}`, `inv-{id}`,
 * `{a}-{b}-{c}-{d}.json`), matched by one left-to-right scan.
 *
 * It runs on the request's path before `verify`, so anyone can choose the text. A regular
 * expression with a lazy group per parameter backtracks on a failing match (an 800-character
 * segment took 28 s against four parameters); this scan is linear in the segment.
 *
 * Meaning: the segment is the template's literal parts (compared as the request spells them,
 * percent-encoding and case included) with one or more characters for each parameter between
 * them. The first literal must start the segment and the last must end it. When a literal
 * between two parameters also occurs inside a value, the value ends at its **first**
 * occurrence — leftmost-first, as a template reads — and the last parameter takes everything up
 * to the final literal: `{name}.{ext}` on `report.tar.gz` gives `name` = `report`,
 * `ext` = `tar.gz`; `{a}-{b}-x` on `1-2-3-x` gives `1` and `2-3`. Adjacent parameters
 * (`{a}{b}`) give the first one character. Among the ways to split a segment these are the
 * values a backtracking match with lazy groups would find (it tries the shortest first value,
 * then the shortest second …), and the scan never has to go back: if a split exists with a
 * later end for a value, moving that end to the earliest occurrence of its separator still
 * leaves a split (the next value grows by what this one gave up), so the earliest is never
 * wrong, and a segment the scan rejects has no split at all.
 */

/** A segment template: `literals.length === names.length + 1`, parameters between the literals. */
export interface SegmentTemplate {
  readonly literals: readonly string[];
  readonly names: readonly string[];
}

/** `{name}.{ext}` → literals `["", ".", ""]`, names `["name", "ext"]`; undefined without a parameter. */
export function parseSegmentTemplate(text: string): SegmentTemplate | undefined {
  const literals: string[] = [];
  const names: string[] = [];
  let literal = "";
  for (let i = 0; i < text.length; i++) {
    const close = text[i] === "{" ? text.indexOf("}", i + 1) : -1;
    const name = close > i + 1 ? text.slice(i + 1, close) : "";
    // `{` starts a parameter only when a `}` closes it with a name and no `{` inside.
    if (name === "" || name.includes("{")) {
      literal += text[i];
      continue;
    }
    literals.push(literal);
    names.push(name);
    literal = "";
    i = close;
  }
  literals.push(literal);
  return names.length ? { literals, names } : undefined;
}

/** The parameters' values, in order, when `segment` matches `template`; undefined otherwise. */
export function matchSegmentTemplate(template: SegmentTemplate, segment: string): string[] | undefined {
  const { literals } = template;
  const prefix = literals[0]!;
  const suffix = literals[literals.length - 1]!;
  const end = segment.length - suffix.length;
  if (end < prefix.length || !segment.startsWith(prefix) || !segment.endsWith(suffix)) return undefined;
  const values: string[] = [];
  let at = prefix.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const separator = literals[i]!;
    // One character at least for this value, then the separator's first occurrence, which
    // must leave a character for the next value before the final literal.
    const found = segment.indexOf(separator, at + 1);
    if (found < 0 || found + separator.length >= end) return undefined;
    values.push(segment.slice(at, found));
    at = found + separator.length;
  }
  if (end - at < 1) return undefined;
  values.push(segment.slice(at, end));
  return values;
}
