import path from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { loadDocumentSet } from "../../src/load/load.js";
import { checkRefs, reportUnresolved } from "../../src/load/ref-scan.js";
import { brief, FIXTURES } from "./helpers.js";
import { CORPUS, describeShared, HAZARDS, itShared } from "../support/shared.js";

function scan(text: string) {
  const d = new Diagnostics();
  const set = loadDocumentSet({ stdin: text, cwd: path.join(FIXTURES, "multi") }, { diagnostics: d });
  expect(d.items).toEqual([]);
  const result = checkRefs(set!, d);
  return { set: set!, result, problems: d.items.map(brief), messages: d.items.map((x) => x.message) };
}

const HEAD = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

describe("checkRefs: loops", () => {
  itShared("reports the circular.yaml hazards: one ref loop, one schema cycle, Missing returned", () => {
    const d = new Diagnostics();
    const set = loadDocumentSet({ path: path.join(HAZARDS, "refs/spec/circular.yaml") }, { diagnostics: d })!;
    const { unresolved, refs } = checkRefs(set, d);
    expect(d.items.map(brief)).toEqual(["error ref-cycle 10:22 /components/schemas/RefToRef/$ref", "error schema-cycle 9:16 /components/schemas/AllOfSelf"]);
    expect(unresolved.map((u) => `${u.failure.code} ${u.line}:${u.column} ${u.pointer} inEvent=${u.inEvent}`)).toEqual(["ref-missing 12:21 /components/schemas/Missing/$ref inEvent=false"]);
    expect(refs).toBe(8);
  });

  const cycles: { name: string; given: string; want: string[] }[] = [
    { name: "allOf of itself", given: "S: {allOf: [{$ref: '#/components/schemas/S'}]}", want: ["error schema-cycle 5:8 /components/schemas/S"] },
    {
      name: "anyOf → allOf through two schemas",
      given: "A: {anyOf: [{$ref: '#/components/schemas/B'}, {type: string}]}\n    B: {allOf: [{$ref: '#/components/schemas/A'}]}",
      want: ["error schema-cycle 5:8 /components/schemas/A"],
    },
    { name: "not of itself", given: "N: {not: {$ref: '#/components/schemas/N'}}", want: ["error schema-cycle 5:8 /components/schemas/N"] },
    { name: "$ref with siblings to itself", given: "R: {$ref: '#/components/schemas/R', minLength: 1}", want: ["error schema-cycle 5:8 /components/schemas/R"] },
    { name: "recursion through properties is data recursion", given: "T: {type: object, properties: {kids: {type: array, items: {$ref: '#/components/schemas/T'}}}}", want: [] },
    {
      name: "discriminator mapping to children that allOf the base",
      given:
        "Pet: {type: object, properties: {kind: {type: string}}, discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}}\n    Cat: {allOf: [{$ref: '#/components/schemas/Pet'}, {properties: {meows: {type: boolean}}}]}",
      want: [],
    },
    {
      name: "base oneOf its children while the children allOf the base",
      given: "Pet: {oneOf: [{$ref: '#/components/schemas/Cat'}]}\n    Cat: {allOf: [{$ref: '#/components/schemas/Pet'}, {type: object}]}",
      want: ["error schema-cycle 5:10 /components/schemas/Pet"],
    },
    { name: "a ref-only loop is a ref-cycle, reported once", given: "P: {$ref: '#/components/schemas/Q'}\n    Q: {$ref: '#/components/schemas/P'}", want: ["error ref-cycle 5:15 /components/schemas/P/$ref"] },
  ];
  it.each(cycles)("$name", ({ given, want }) => {
    expect(scan(`${HEAD}components:\n  schemas:\n    ${given}\n`).problems).toEqual(want);
  });

  it("shows the cycle's path in the message", () => {
    const r = scan(`${HEAD}components:\n  schemas:\n    A: {anyOf: [{$ref: '#/components/schemas/B'}]}\n    B: {allOf: [{$ref: '#/components/schemas/A'}]}\n`);
    expect(r.messages[0]).toBe(
      "schema #/components/schemas/A contains itself through allOf/anyOf/oneOf/not/$ref alone (#/components/schemas/A → #/components/schemas/A/anyOf/0 → #/components/schemas/B → #/components/schemas/B/allOf/0 → #/components/schemas/A), so validating any value against it never ends",
    );
  });
});

describe("checkRefs: which `$ref`s count", () => {
  it("skips data (example, default, enum, const, Example values) and names (a property called $ref)", () => {
    const r = scan(
      HEAD +
        "components:\n  schemas:\n    S:\n      type: object\n      properties:\n        $ref: {type: string}\n" +
        "      example: {$ref: nowhere.yaml}\n      default: {$ref: nowhere.yaml}\n      enum: [{$ref: nowhere.yaml}]\n      const: {$ref: nowhere.yaml}\n      examples: [{$ref: nowhere.yaml}]\n" +
        "  examples:\n    E: {value: {$ref: nowhere.yaml}}\n",
    );
    expect(r.result.unresolved).toEqual([]);
    expect(r.result.refs).toBe(0);
  });
});

describe("checkRefs: unresolved references are returned, marked by whether an event needs them", () => {
  const doc =
    HEAD +
    "paths:\n  /ops:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/Gone'}\n      callbacks:\n        cb:\n          '{$request.query.url}':\n            post:\n              requestBody: {$ref: '#/components/requestBodies/Gone'}\n              responses: {'200': {description: ok}}\n" +
    "webhooks:\n  hook:\n    post:\n      description: {$ref: 'text/missing.md'}\n      x-codeSamples: [{lang: js, source: {$ref: 'examples/x.js'}}]\n      requestBody:\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/Payload'}\n      responses: {'200': {description: ok}}\n" +
    "components:\n  schemas:\n    Payload: {properties: {a: {$ref: 'nowhere.yaml'}}}\n    Unused: {$ref: 'nowhere.yaml'}\n";
  const r = scan(doc);
  const table = r.result.unresolved.map((u) => `${u.pointer} inEvent=${u.inEvent} ${u.failure.code}`);

  it("marks what a callback or webhook reaches, through $refs, and nothing else", () => {
    expect(table).toEqual([
      "/paths/~1ops/get/responses/200/$ref inEvent=false ref-missing",
      "/paths/~1ops/get/callbacks/cb/{$request.query.url}/post/requestBody/$ref inEvent=true ref-missing",
      "/webhooks/hook/post/description/$ref inEvent=false ref-missing",
      "/webhooks/hook/post/x-codeSamples/0/source/$ref inEvent=false ref-missing",
      "/components/schemas/Payload/properties/a/$ref inEvent=true ref-missing",
      "/components/schemas/Unused/$ref inEvent=false ref-missing",
    ]);
  });

  it("reportUnresolved makes the event ones errors and the rest warnings, all located", () => {
    const d = new Diagnostics();
    reportUnresolved(r.result.unresolved, d);
    expect(d.items.map(brief)).toEqual([
      "error ref-missing 12:35 /paths/~1ops/get/callbacks/cb/{$request.query.url}/post/requestBody/$ref",
      "error ref-missing 26:38 /components/schemas/Payload/properties/a/$ref",
      "warning ref-missing 7:23 /paths/~1ops/get/responses/200/$ref",
      "warning ref-missing 17:27 /webhooks/hook/post/description/$ref",
      "warning ref-missing 18:49 /webhooks/hook/post/x-codeSamples/0/source/$ref",
      "warning ref-missing 27:20 /components/schemas/Unused/$ref",
    ]);
    expect(d.items[2]!.message).toMatch(/not used by any callback or webhook, so generation continues/);
  });

  it("passes a broken file's own problems on, once, at the severity of its strongest use", () => {
    const t = scan(HEAD + "webhooks:\n  a: {post: {requestBody: {$ref: broken.yaml}}}\ncomponents:\n  requestBodies:\n    B: {$ref: broken.yaml}\n");
    const d = new Diagnostics();
    reportUnresolved(t.result.unresolved, d);
    // The flaw once, in the broken file, as an error (a webhook needs it); each ref a note.
    expect(d.items.map(brief)).toEqual(["info input-unreadable 4:34 /webhooks/a/post/requestBody/$ref", "error yaml-syntax 2:1 /type", "info input-unreadable 7:15 /components/requestBodies/B/$ref"]);
  });
});

describeShared("checkRefs on real documents", () => {
  it("Dropbox Sign: ~540 missing code samples and markdown files, none needed by its x-webhooks", () => {
    const d = new Diagnostics();
    const set = loadDocumentSet({ path: path.join(CORPUS, "dropbox-sign-hellosign/openapi.yaml") }, { diagnostics: d })!;
    const r = checkRefs(set, d);
    expect(d.items).toEqual([]);
    expect(r.unresolved.length).toBeGreaterThan(500);
    expect(r.unresolved.filter((u) => u.inEvent)).toEqual([]);
  });

  it("GitHub REST 3.0 (13 MB, ~10k refs) is scanned without a diagnostic", () => {
    const d = new Diagnostics();
    const set = loadDocumentSet({ path: path.join(CORPUS, "github-api-3.0/api.github.com.json") }, { diagnostics: d })!;
    const r = checkRefs(set, d);
    expect(d.items).toEqual([]);
    expect(r.refs).toBeGreaterThan(10_000);
  });
});
