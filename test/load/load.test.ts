import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closest, editDistance } from "../../src/load/suggest.js";
import { brief, loadAll, scratch } from "./helpers.js";

const DOC = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n";

describe("loadDocumentSet: reading the entry", () => {
  const s = scratch({
    "ok.yaml": DOC,
    "bom.json": '\ufeff{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}',
    "crlf.yaml": DOC.replace(/\n/g, "\r\n") + "x-bad: [\r\n",
    "sniffed.txt": '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}',
    "yaml-as-json.json": DOC,
    "dir/.keep": "",
  });
  writeFileSync(path.join(s.dir, "latin1.yaml"), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
  afterAll(s.cleanup);
  const at = (f: string) => path.join(s.dir, f);

  it.each([
    { file: "ok.yaml", want: [] },
    { file: "bom.json", want: [] },
    { file: "sniffed.txt", want: [] },
    { file: "crlf.yaml", want: ["error yaml-syntax 5:1"] },
    { file: "yaml-as-json.json", want: ["error json-syntax 1:1"] },
    { file: "latin1.yaml", want: ["error input-unreadable ?:?"] },
    { file: "dir", want: ["error input-unreadable ?:?"] },
    { file: "missing.yaml", want: ["error input-unreadable ?:?"] },
  ])("$file → $want", ({ file, want }) => {
    const r = loadAll(at(file));
    expect(r.diagnostics.items.map(brief)).toEqual(want);
    expect(r.set === undefined).toBe(want.length > 0);
  });

  it("reports the entry's real path and format", () => {
    const r = loadAll(at("bom.json"));
    expect(r.set!.entry).toMatchObject({ path: at("bom.json"), format: "json" });
    expect(r.set!.root).toBe(s.dir);
  });

  it("says why a file is unreadable, with a hint", () => {
    const [d] = loadAll(at("latin1.yaml")).diagnostics.items;
    expect(d!.message).toMatch(/not valid UTF-8/);
    expect(d!.hint).toMatch(/UTF-8/);
  });
});

describe("did-you-mean", () => {
  it.each([
    { word: "requried", from: ["required", "properties"], want: "required" },
    { word: "min_items", from: ["minItems", "maxItems"], want: "minItems" },
    { word: "PetNmae", from: ["PetName", "Owner"], want: "PetName" },
    { word: "Type", from: ["type"], want: "type" },
    { word: "overlays", from: ["openapi", "info", "servers"], want: undefined },
    { word: "x", from: ["y", "z"], want: undefined },
    { word: "IN", from: ["in", "id"], want: "in" },
  ])("$word → $want", ({ word, from, want }) => {
    expect(closest(word, from)).toBe(want);
  });
  it("edit distance counts a transposition as one edit", () => {
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});
