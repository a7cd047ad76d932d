/**
 * The mixed-segment matcher (templates/runtime/segment-template.ts) against its definition:
 * the first split, trying the shortest first value, then the shortest second …, whose
 * literals and non-empty values spell the segment — computed here by brute force.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchSegmentTemplate, parseSegmentTemplate, type SegmentTemplate } from "../../templates/runtime/segment-template.js";

/** Every split, in that order, and the first that spells `segment`. */
function reference(template: SegmentTemplate, segment: string): string[] | undefined {
  const { literals } = template;
  const go = (k: number, at: number): string[] | undefined => {
    const rest = segment.slice(at);
    if (!rest.startsWith(literals[k]!)) return undefined;
    const from = at + literals[k]!.length;
    if (k === literals.length - 1) return from === segment.length ? [] : undefined;
    for (let end = from + 1; end <= segment.length; end++) {
      const tail = go(k + 1, end);
      if (tail) return [segment.slice(from, end), ...tail];
    }
    return undefined;
  };
  return go(0, 0);
}

const alphabet = fc.constantFrom("a", "b", "-", ".", "%", "2");
const literal = fc.array(alphabet, { maxLength: 3 }).map((a) => a.join(""));
const templates = fc
  .tuple(literal, fc.array(literal, { minLength: 1, maxLength: 4 }))
  .map(([first, rest]): SegmentTemplate => ({ literals: [first, ...rest], names: rest.map((_, i) => `p${i}`) }));
const segments = fc.array(alphabet, { maxLength: 12 }).map((a) => a.join(""));

describe("segment templates", () => {
  it("agree with the definition on random templates and segments", () => {
    fc.assert(
      fc.property(templates, fc.array(segments, { minLength: 1, maxLength: 8 }), (template, inputs) => {
        for (const s of inputs) expect(matchSegmentTemplate(template, s)).toEqual(reference(template, s));
      }),
      { numRuns: 5000, seed: 13 },
    );
  });

  it("agree with the definition on segments built to match", () => {
    const values = fc.array(fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((a) => a.join("")), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(templates, values, (template, v) => {
        const segment = template.literals.map((l, i) => l + (i < template.names.length ? v[i]! : "")).join("");
        const got = matchSegmentTemplate(template, segment);
        expect(got).toEqual(reference(template, segment));
        expect(got).toBeDefined();
      }),
      { numRuns: 5000, seed: 13 },
    );
  });

  it.each([
    ["{name}.{ext}", { literals: ["", ".", ""], names: ["name", "ext"] }],
    ["inv-{id}", { literals: ["inv-", ""], names: ["id"] }],
    ["{a}{b}", { literals: ["", "", ""], names: ["a", "b"] }],
    ["{a{b}", { literals: ["{a", ""], names: ["b"] }],
    ["x{}y}{z", undefined],
    ["plain", undefined],
  ])("parses %s", (text, want) => {
    expect(parseSegmentTemplate(text)).toEqual(want);
  });
});
