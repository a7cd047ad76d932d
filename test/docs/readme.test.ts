import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue, diagnosticCodes } from "../../src/diagnostics/catalogue.js";

const README = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

describe("README.md", () => {
  it("documents every diagnostic code, and only those", () => {
    const section = README.slice(README.indexOf("## Diagnostic codes"), README.indexOf("## Development"));
    const documented = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...diagnosticCodes].sort());
    expect(Object.keys(catalogue).length).toBe(diagnosticCodes.length);
  });

  it("gives the two set-up commands CI runs", () => {
    expect(README).toContain("npm ci && npx gen-callbacks generated-example/provider.yaml -o generated-example/src/webhooks\nnpm test\n");
    const ci = fs.readFileSync(path.resolve(import.meta.dirname, "../../.ci/run"), "utf8");
    expect(ci).toContain("npm ci\n");
    expect(ci).toContain("npm test\n");
  });
});
