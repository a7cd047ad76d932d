import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { loadDocumentSet } from "../../src/load/load.js";
import { LineIndex } from "../../src/load/positions.js";
import { FIXTURES } from "./helpers.js";

const JSON_DOC = [
  "{",
  '  "openapi": "3.1.0",',
  '  "info": {"title": "t", "version": "1"},',
  '  "paths": {',
  '    "/a/{id}": {"get": {"responses": {"200": {"description": "ok"}}}}',
  "  },",
  '  "components": {"schemas": {"a/b~c": {"type": "string"}, "e\\u0301": {"enum": [1, [2, 3]]}}}',
  "}",
].join("\n");

const YAML_DOC = [
  "openapi: 3.1.0",
  "info: {title: t, version: '1'}",
  "paths:",
  "  /a/{id}:",
  "    get:",
  "      responses:",
  "        '200': {description: ok}",
  "components:",
  "  schemas:",
  "    a/b~c:",
  "      type: string",
  "    \"e\\u0301\": {enum: [1, [2, 3]]}",
  "    Alias: &al {type: integer}",
  "    Again: *al",
].join("\n");

function load(stdin: string) {
  const d = new Diagnostics();
  const set = loadDocumentSet({ stdin, cwd: FIXTURES }, { diagnostics: d });
  expect(d.items).toEqual([]);
  return set!;
}

describe("locate: pointer → 1-based line:column, in both formats", () => {
  const cases: { pointer: string; atKey?: boolean; json: [number, number] | undefined; yaml: [number, number] | undefined }[] = [
    { pointer: "", json: [1, 1], yaml: [1, 1] },
    { pointer: "/openapi", json: [2, 14], yaml: [1, 10] },
    { pointer: "/openapi", atKey: true, json: [2, 3], yaml: [1, 1] },
    { pointer: "/info/version", json: [3, 37], yaml: [2, 27] },
    { pointer: "/paths/~1a~1{id}/get/responses/200/description", json: [5, 62], yaml: [7, 30] },
    { pointer: "/components/schemas/a~1b~0c/type", json: [7, 48], yaml: [11, 13] },
    { pointer: "/components/schemas/a~1b~0c", atKey: true, json: [7, 30], yaml: [10, 5] },
    { pointer: "/components/schemas/e\u0301/enum/1/0", json: [7, 84], yaml: [12, 28] },
    { pointer: "/components/schemas/nope", json: undefined, yaml: undefined },
    { pointer: "/components/schemas/e\u0301/enum/2", json: undefined, yaml: undefined },
    { pointer: "/components/schemas/e\u0301/enum/01", json: undefined, yaml: undefined },
    { pointer: "not-a-pointer", json: undefined, yaml: undefined },
  ];
  const json = load(JSON_DOC);
  const yaml = load(YAML_DOC);
  it.each(cases)("$pointer (atKey $atKey)", ({ pointer, atKey, json: wantJson, yaml: wantYaml }) => {
    const pos = (w: [number, number] | undefined) => (w ? { line: w[0], column: w[1] } : undefined);
    expect(json.locate(json.entry.path, pointer, atKey)).toEqual(pos(wantJson));
    expect(yaml.locate(yaml.entry.path, pointer, atKey)).toEqual(pos(wantYaml));
  });

  it("locates a pointer through a YAML alias at the anchor's content", () => {
    expect(yaml.locate(yaml.entry.path, "/components/schemas/Again/type")).toEqual({ line: 13, column: 23 });
  });

  it("is undefined for a file that is not loaded", () => {
    expect(json.locate("/no/such/file.json", "")).toBeUndefined();
  });
});

describe("LineIndex", () => {
  it.each([
    { text: "a\nb", offset: 2, want: { line: 2, column: 1 } },
    { text: "a\r\nb", offset: 3, want: { line: 2, column: 1 } },
    { text: "a\rb", offset: 2, want: { line: 2, column: 1 } },
    { text: "a\r\n\r\nb", offset: 5, want: { line: 3, column: 1 } },
    { text: "abc", offset: 99, want: { line: 1, column: 4 } },
    { text: "", offset: 0, want: { line: 1, column: 1 } },
  ])("$text @ $offset", ({ text, offset, want }) => {
    expect(new LineIndex(text).position(offset)).toEqual(want);
  });
});
