/**
 * The helper module generated `schemas.ts` files import (templates/runtime/schema-builders.ts)
 * is rendered from the same helper sources as the helpers a file declares itself, so the two
 * cannot drift: this checks the committed module is current, and that what a generated file
 * imports from it is what it exports.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderBuildersModule } from "../../src/emit/zod-runtime.js";
import { generate } from "../../src/generate.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MODULE = path.join(ROOT, "templates/runtime/schema-builders.ts");

describe("the schema helper module", () => {
  it("is current (else: npm run build && node scripts/write-schema-builders.mjs)", () => {
    expect(fs.readFileSync(MODULE, "utf8")).toBe(renderBuildersModule());
  });

  it("exports every name a generated schemas.ts imports from it", () => {
    const exported = new Set([...renderBuildersModule().matchAll(/^export (?:function|const|type|interface) (\$\w+)/gm)].map((m) => m[1]));
    const files = generate({ spec: path.join(ROOT, "generated-example/provider.yaml") }).files;
    const schemas = files.find((f) => f.path === "schemas.ts")!.content;
    const block = /import \{([^}]*)\} from "gen-callbacks\/runtime\/schema-builders";/.exec(schemas);
    expect(block).not.toBeNull();
    const imported = block![1]!.split(",").map((n) => n.trim().replace(/^type /, "")).filter(Boolean);
    expect(imported.length).toBeGreaterThan(5);
    expect(imported.filter((n) => !exported.has(n))).toEqual([]);
    expect(schemas).toContain('export { $strictness } from "gen-callbacks/runtime/schema-builders";');
  });

  it("is what a vendored output imports, from its own copy", () => {
    const files = generate({ spec: path.join(ROOT, "generated-example/provider.yaml"), runtime: "vendored" }).files;
    expect(files.find((f) => f.path === "schemas.ts")!.content).toContain('from "./runtime/schema-builders.js";');
    expect(files.some((f) => f.path === "runtime/schema-builders.ts")).toBe(true);
  });
});
