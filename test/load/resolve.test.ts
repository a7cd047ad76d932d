import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { loadDocumentSet } from "../../src/load/load.js";
import type { RefResult } from "../../src/load/types.js";
import { FIXTURES, scratch } from "./helpers.js";
import { CORPUS, describeShared, HAZARDS } from "../support/shared.js";

const MULTI = path.join(FIXTURES, "multi");

function open(file: string, refRoot?: string) {
  const d = new Diagnostics();
  const set = loadDocumentSet({ path: file }, { diagnostics: d, ...(refRoot ? { refRoot } : {}) });
  expect(d.items).toEqual([]);
  return set!;
}

/** `file#pointer` relative to `base`, or `code: message` for a failure. */
function summary(r: RefResult, base: string): string {
  if (!r.ok) return `${r.code}: ${r.message}`;
  return `${path.relative(base, r.file)}#${r.pointer} = ${JSON.stringify(r.value)}`;
}

describeShared("resolveRef in one document", () => {
  // Opened when the tests run, not while they are collected: the hazard is in the shared folder.
  let set: ReturnType<typeof open>;
  let entry = "";
  let base = "";
  beforeAll(() => {
    set = open(path.join(HAZARDS, "refs/spec/circular.yaml"));
    entry = set.entry.path;
    base = path.dirname(entry);
  });
  it.each([
    { given: "#/components/schemas/a~1b~0c", want: 'circular.yaml#/components/schemas/a~1b~0c = {"type":"string"}' },
    { given: "#/components/schemas/a~1b~0c/type", want: 'circular.yaml#/components/schemas/a~1b~0c/type = "string"' },
    { given: "#/components/schemas/a%7E1b~0c", want: 'circular.yaml#/components/schemas/a~1b~0c = {"type":"string"}' },
    { given: "#/components/schemas/Self/properties/next", want: 'circular.yaml#/components/schemas/Self = {"type":"object","properties":{"next":{"$ref":"#/components/schemas/Self"}}}' },
    { given: "#/info/title", want: 'circular.yaml#/info/title = "circular"' },
    { given: "#/components/schemas/DoesNotExist", want: 'ref-missing: $ref "#/components/schemas/DoesNotExist" names nothing: #/components/schemas has no "DoesNotExist"' },
    { given: "#/components/schemas/Self/properties/0", want: 'ref-missing: $ref "#/components/schemas/Self/properties/0" names nothing: #/components/schemas/Self/properties has no "0"' },
    { given: "#/info/title/x", want: 'ref-missing: $ref "#/info/title/x" cannot be followed: #/info/title is not an object or list' },
    { given: "#/constructor", want: 'ref-missing: $ref "#/constructor" names nothing: the document root has no "constructor"' },
    { given: "#/__proto__/polluted", want: 'ref-missing: $ref "#/__proto__/polluted" names nothing: the document root has no "__proto__"' },
  ])("$given", ({ given, want }) => {
    expect(summary(set.resolveRef(given, entry), base)).toBe(want);
  });

  it("reports a loop of reference-only objects as ref-cycle, naming the loop", () => {
    const r = set.resolveRef("#/components/schemas/RefToRef", entry);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe("ref-cycle");
    expect(!r.ok && r.message).toContain("#/components/schemas/RefToRef → #/components/schemas/RefToRef2 → #/components/schemas/RefToRef");
    expect(!r.ok && r.loop?.map((l) => l.pointer)).toEqual(["/components/schemas/RefToRef", "/components/schemas/RefToRef2"]);
  });

  it("suggests the closest name for a misspelled target", () => {
    const r = set.resolveRef("#/components/schemas/Slef", entry);
    expect(!r.ok && r.hint).toBe('did you mean "Self"?');
  });

  it("caches results: the same ref from the same file is the same object", () => {
    expect(set.resolveRef("#/components/schemas/A", entry)).toBe(set.resolveRef("#/components/schemas/A", entry));
  });
});

describe("resolveRef across files", () => {
  const set = open(path.join(MULTI, "openapi.yaml"));
  const entry = set.entry.path;

  it("loads files lazily, on first use", () => {
    expect([...set.files.keys()]).toEqual([entry]);
    set.resolveRef("schemas/pet.yaml", entry);
    expect([...set.files.keys()].map((f) => path.relative(MULTI, f))).toEqual(["openapi.yaml", "schemas/pet.yaml"]);
  });

  it.each([
    { given: "schemas/pet.yaml#/required", want: 'schemas/pet.yaml#/required = ["name"]' },
    // A scalar target (Vonage-style `summary: {$ref: …}`).
    { given: "text/strings.yaml#/adoptedSummary", want: 'text/strings.yaml#/adoptedSummary = "A pet was adopted"' },
    // Chains: local ref-only → local ref-only → another file → a ref relative to *that* file.
    { given: "#/components/schemas/Chain1", want: 'common.yaml#/Person = {"type":"object","properties":{"id":{"type":"integer","format":"int64"}}}' },
    // A pointer that runs through a $ref (pet.yaml#/properties/owner is `$ref: ../common.yaml#/Person`).
    { given: "schemas/pet.yaml#/properties/owner/properties/id/format", want: 'common.yaml#/Person/properties/id/format = "int64"' },
    { given: "#/components/responses/Ok", want: 'openapi.yaml#/components/responses/Plain = {"description":"accepted"}' },
    { given: "missing.yaml", want: 'ref-missing: $ref "missing.yaml" names a file that does not exist' },
  ])("$given", ({ given, want }) => {
    expect(summary(set.resolveRef(given, entry), MULTI)).toBe(want);
  });

  it("lists every hop with `refChain`, the result last, and counts them in `hops`", () => {
    const r = set.resolveRef("#/components/schemas/Chain1", entry);
    expect(r.ok && r.hops).toBe(3);
    expect(set.refChain("#/components/schemas/Chain1", entry).map((t) => `${path.relative(MULTI, t.file)}#${t.pointer}`)).toEqual([
      "openapi.yaml#/components/schemas/Chain1",
      "openapi.yaml#/components/schemas/Chain2",
      "schemas/pet.yaml#/properties/owner",
      "common.yaml#/Person",
    ]);
  });

  it("resolves refs inside a referenced file relative to that file", () => {
    const pet = path.join(MULTI, "schemas/pet.yaml");
    expect(summary(set.resolveRef("../text/strings.yaml#/petName", pet), MULTI)).toBe('text/strings.yaml#/petName = "The name the pet answers to"');
  });

  it("makes an unparsable file a failure carrying the file's own located problems", () => {
    const r = set.resolveRef("broken.yaml", entry);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe("input-unreadable");
    expect(!r.ok && r.message).toBe('$ref "broken.yaml": broken.yaml cannot be parsed (the flaw is at line 2, column 1)');
    expect(!r.ok && r.diagnostics?.map((d) => `${path.relative(MULTI, d.file!)}:${d.line}:${d.column} ${d.code}`)).toEqual(["broken.yaml:2:1 yaml-syntax"]);
    expect(set.files.has(path.join(MULTI, "broken.yaml"))).toBe(false);
  });
});

describe("confinement", () => {
  it("refuses refs leaving the root without reading, and --ref-root widens the root", () => {
    const s = scratch({
      "api/spec.yaml": "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    S: {$ref: '../shared/s.yaml'}\n",
      "shared/s.yaml": "type: string\n",
    });
    try {
      const spec = path.join(s.dir, "api/spec.yaml");
      const narrow = open(spec);
      const refused = narrow.resolveRef("../shared/s.yaml", narrow.entry.path);
      expect(!refused.ok && refused.code).toBe("ref-outside-root");
      expect(narrow.files.size).toBe(1);

      const wide = open(spec, s.dir);
      expect(wide.root).toBe(s.dir);
      const ok = wide.resolveRef("../shared/s.yaml", wide.entry.path);
      expect(ok.ok && ok.value).toEqual({ type: "string" });
    } finally {
      s.cleanup();
    }
  });

  it("rejects a --ref-root that does not contain the spec, or does not exist", () => {
    const s = scratch({ "a/spec.yaml": "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", "b/x": "" });
    try {
      for (const refRoot of [path.join(s.dir, "b"), path.join(s.dir, "nope")]) {
        const d = new Diagnostics();
        expect(loadDocumentSet({ path: path.join(s.dir, "a/spec.yaml") }, { diagnostics: d, refRoot })).toBeUndefined();
        expect(d.items.map((x) => x.code)).toEqual(["usage"]);
      }
    } finally {
      s.cleanup();
    }
  });

  it("resolves standard input's relative refs against its cwd", () => {
    const d = new Diagnostics();
    const set = loadDocumentSet({ stdin: "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", cwd: MULTI }, { diagnostics: d });
    expect(set!.entry.path).toBe("<stdin>");
    expect(set!.root).toBe(MULTI);
    const r = set!.resolveRef("common.yaml#/Person/type", "<stdin>");
    expect(r.ok && r.value).toBe("object");
  });
});

describeShared("the multi-file Lob spec", () => {
  it("follows x-webhooks responses into other files, each relative to its own folder", () => {
    const set = open(path.join(CORPUS, "lob/lob-api-public.yml"));
    const hooks = (set.entry.value as { "x-webhooks": Record<string, { post: { responses: Record<string, { $ref?: string; content?: unknown }> } }> })["x-webhooks"];
    const names = Object.keys(hooks).sort();
    expect(names.length).toBe(2);
    for (const name of names) {
      for (const [code, response] of Object.entries(hooks[name]!.post.responses)) {
        if (typeof response.$ref !== "string") continue;
        const r = set.resolveRef(response.$ref, set.entry.path);
        expect(r.ok, `${name} ${code}`).toBe(true);
      }
    }
  });
});
