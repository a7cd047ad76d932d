/** The `--check` diff: minimal (Myers), multi-line, with context, and capped only far out. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/write/unified-diff.js";

const lines = (n: number, f = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => f(i));

describe("unifiedDiff", () => {
  it("shows a change as hunks with three lines of context, one diff line per line", () => {
    const a = lines(30);
    const b = [...a];
    b.splice(10, 2, "new A", "new B", "new C");
    expect(unifiedDiff(a.join("\n"), b.join("\n"))).toMatchInlineSnapshot(`
      "@@ -8,8 +8,9 @@
        line 7
        line 8
        line 9
      - line 10
      - line 11
      + new A
      + new B
      + new C
        line 12
        line 13
        line 14"
    `);
  });

  it("is minimal: a 37-line change in a long file prints 37 changed lines, not the rest of the file", () => {
    const a = lines(2000);
    const b = [...a];
    for (let i = 0; i < 37; i++) b[500 + i * 20] = `changed ${i}`;
    const d = unifiedDiff(a.join("\n"), b.join("\n"));
    expect(d.split("\n").filter((l) => l.startsWith("- ")).length).toBe(37);
    expect(d.split("\n").filter((l) => l.startsWith("+ ")).length).toBe(37);
    expect(d).not.toContain("more line");
  });

  it("summarizes only past the cap", () => {
    const d = unifiedDiff(lines(1000).join("\n"), lines(1000, (i) => `other ${i}`).join("\n"));
    expect(d.split("\n")).toHaveLength(501);
    expect(d).toMatch(/… 1501 more lines$/);
  });

  it("replays: removing the + lines gives the old text, removing the - lines the new one", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 30 }).map((l) => l.join("\n"));
    fc.assert(
      fc.property(text, text, (x, y) => {
        const body = unifiedDiff(x, y, { context: 1000 }).split("\n").filter((l) => !l.startsWith("@@"));
        if (x === y) return;
        expect(body.filter((l) => !l.startsWith("+")).map((l) => l.slice(2))).toEqual(x.split("\n"));
        expect(body.filter((l) => !l.startsWith("-")).map((l) => l.slice(2))).toEqual(y.split("\n"));
      }),
    );
  });
});
