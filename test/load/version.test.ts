import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { loadDocumentSet } from "../../src/load/load.js";
import { brief, FIXTURES } from "./helpers.js";

function load(text: string) {
  const d = new Diagnostics();
  const set = loadDocumentSet({ stdin: text, cwd: FIXTURES }, { diagnostics: d });
  return { version: set ? `${set.version} ${set.versionString}` : undefined, problems: d.items.map(brief), hint: d.items[0]?.hint ?? "", message: d.items[0]?.message ?? "" };
}

describe("OpenAPI version", () => {
  it.each([
    { given: "openapi: 3.0.0", want: "3.0 3.0.0" },
    { given: "openapi: 3.0.4", want: "3.0 3.0.4" },
    { given: "openapi: 3.1.1", want: "3.1 3.1.1" },
    { given: "openapi: 3.2.0", want: "3.2 3.2.0" },
    { given: "openapi: 3.1.0-rc1", want: "3.1 3.1.0-rc1" },
    { given: '{"openapi": "3.1.0"}', want: "3.1 3.1.0" },
  ])("$given is accepted", ({ given, want }) => {
    expect(load(given).version).toBe(want);
  });

  it.each([
    { given: 'swagger: "2.0"\ninfo: {}', want: "error unsupported-version 1:10 /swagger", hint: /npx swagger2openapi/ },
    { given: "openapi: 2.0.0", want: "error unsupported-version 1:10 /openapi", hint: /npx swagger2openapi/ },
    { given: "openapi: 3.3.0", want: "error unsupported-version 1:10 /openapi", hint: /3\.0\.x, 3\.1\.x and 3\.2\.x/ },
    { given: "openapi: 4.0.0", want: "error unsupported-version 1:10 /openapi", hint: /supported/ },
    { given: "openapi: '3.1'", want: "error unsupported-version 1:10 /openapi", hint: /"3\.1\.0"/ },
    { given: "openapi: 3.1", want: "error unsupported-version 1:10 /openapi", hint: /openapi: "3\.1\.0"/ },
    { given: "info: {title: t}", want: "error unsupported-version 1:1", hint: /openapi: 3\.1\.0/ },
    { given: "- openapi: 3.1.0", want: "error structure-type 1:1", hint: /mapping/ },
  ])("$given is refused: $want", ({ given, want, hint }) => {
    const r = load(given);
    expect(r.version).toBeUndefined();
    expect(r.problems).toEqual([want]);
    expect(r.hint).toMatch(hint);
  });
});
