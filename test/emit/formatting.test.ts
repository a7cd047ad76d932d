/**
 * Output is formatted by construction (prettier costs 2.3 s on GitHub's types.ts, so it
 * never runs at generation time); this checks the construction against prettier on the
 * example's human-facing files.
 */
import * as prettier from "prettier";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PRINT_WIDTH } from "../../src/emit/contract.js";
import { generate } from "../../src/generate.js";

const SPEC = path.resolve(import.meta.dirname, "../../generated-example/provider.yaml");
const OPTIONS: prettier.Options = { printWidth: PRINT_WIDTH };

describe("generated files are prettier-clean", () => {
  const files = generate({ spec: SPEC }).files.filter((f) => /^(contract|routes)\.ts$|^handlers\/|README\.md$/.test(f.path));

  it.each(files.map((f) => [f.path, f] as const))("%s", async (p, f) => {
    const parser = p.endsWith(".md") ? "markdown" : "typescript";
    const formatted = await prettier.format(f.content, { ...OPTIONS, parser });
    expect(f.content).toBe(formatted);
  });
});
