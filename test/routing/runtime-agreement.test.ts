/**
 * The generator reasons about conditions with the same rules the receiver applies to
 * requests; the two live apart (the runtime is copied into users' folders and depends on
 * nothing), so this holds them equal on random input: the words a name is made of, and
 * template matching.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchesTemplate, passes } from "../../src/routes/conditions.js";
import { eventWordsOf } from "../../src/routes/event-words.js";
import { compileConditions, eventWords, RULED_OUT } from "../../templates/runtime/discriminate.js";

const names = fc.oneof(fc.string(), fc.constantFrom("pull_request", "pullRequest", "Pull Request", "HTTPServer2Go", "crm.activity.created", "/CAPTURE", "é-ü"));

describe("generator and receiver agree", () => {
  it("on the words of a name", () => {
    fc.assert(fc.property(names, (n) => eventWordsOf(n) === eventWords(n)), { numRuns: 5000 });
  });

  it("on template matches, and the generator's rule is what the runtime does", () => {
    const parts = fc.array(fc.stringMatching(/^[a-z.]{0,4}$/), { minLength: 2, maxLength: 4 });
    const values = fc.stringMatching(/^[a-z.]{0,12}$/);
    fc.assert(
      fc.property(parts, values, (template, value) => {
        const generated = matchesTemplate(template, value);
        const runtime = compileConditions([{ in: "body", path: ["t"], required: true, test: { template } }]).body({ t: value }, undefined, {
          header: () => null,
          words: () => null,
          maxJsonDepth: 8,
        });
        // The same verdict, and the generator's `passes` agrees with its own `matchesTemplate`.
        expect(runtime !== RULED_OUT).toBe(generated);
        expect(passes({ template }, value)).toBe(generated);
        // A glob-like meaning: literal parts in order, at least one character per variable.
        const re = new RegExp(`^${template.map((p) => p.replace(/[.]/g, "\\.")).join(".+")}$`);
        expect(generated).toBe(re.test(value));
      }),
      { numRuns: 5000 },
    );
  });
});
