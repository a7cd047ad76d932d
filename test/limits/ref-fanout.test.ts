/**
 * THREATS.md A18 / G6: a 4 KB document whose refs fan out to 9^9 leaves if inlined must give
 * output linear in its size (≤ 50× input bytes), quickly. The hazard file has no events, so a
 * webhook is pointed at its deepest schema.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { describeShared, HAZARDS } from "../support/shared.js";

describeShared("ref fan-out", () => {
  it("emits named references: output stays linear in the input", () => {
    const source = fs.readFileSync(path.join(HAZARDS, "refs/spec/ref-fanout-9x9.json"), "utf8");
    const doc = JSON.parse(source);
    const deepest = Object.keys(doc.components.schemas).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))).at(-1);
    doc.webhooks = {
      fanout: { post: { requestBody: { content: { "application/json": { schema: { $ref: `#/components/schemas/${deepest}` } } } }, responses: { "200": { description: "ok" } } } },
    };
    const text = JSON.stringify(doc);
    const started = performance.now();
    const result = generate({ spec: "-", stdin: text });
    const elapsed = performance.now() - started;
    expect(result.ok).toBe(true);
    const bytes = result.files.filter((f) => f.path === "types.ts" || f.path === "schemas.ts").reduce((n, f) => n + f.content.length, 0);
    const ratio = bytes / text.length;
    console.log(`ref fan-out: ${text.length} input bytes → ${bytes} bytes of types.ts + schemas.ts (${ratio.toFixed(1)}×) in ${elapsed.toFixed(0)} ms`);
    expect(ratio).toBeLessThanOrEqual(50);
    expect(elapsed).toBeLessThan(5000);
  });
});
