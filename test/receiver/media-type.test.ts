/** Content-Type parsing and the choice of declared body (OpenAPI media type ranges). */
import { describe, expect, it } from "vitest";
import { charsetAccepted, isJsonMediaType, parseMediaType, selectContent } from "../../templates/runtime/media-type.js";
import type { BodySpec } from "../../templates/runtime/receiver-types.js";

describe("parseMediaType", () => {
  it.each<[string, string | undefined, Record<string, string>?]>([
    ["application/json", "application/json", {}],
    ["Application/JSON; Charset=UTF-8", "application/json", { charset: "UTF-8" }],
    ['text/plain; charset="utf-8"', "text/plain", { charset: "utf-8" }],
    ['multipart/form-data; boundary="a;b\\"c"', "multipart/form-data", { boundary: 'a;b"c' }],
    ["multipart/form-data; boundary=XyZ ; charset=utf-8", "multipart/form-data", { boundary: "XyZ", charset: "utf-8" }],
    ["application/vnd.api+json", "application/vnd.api+json", {}],
    ["text/plain; charset=a; charset=b", "text/plain", { charset: "a" }],
    ["application/json;", "application/json", {}],
    ["application", undefined],
    ["/json", undefined],
    ["application/", undefined],
    ["application/json, text/plain", undefined],
    ["application json", undefined],
    ["text/plain; charset", undefined],
    ['text/plain; charset="utf-8', undefined],
    ['text/plain; charset="utf-8" x', undefined],
    ["", undefined],
  ])("%j", (header, essence, params) => {
    const t = parseMediaType(header);
    expect(t?.essence).toBe(essence);
    if (params) expect(Object.fromEntries(t!.params)).toEqual(params);
  });
});

describe("selectContent", () => {
  const spec = (mediaType: string): BodySpec => ({ mediaType, kind: "json" });
  const contents = [spec("application/json"), spec("text/*"), spec("*/*"), spec("application/xml")];
  it.each([
    ["application/json", "application/json"],
    ["text/csv", "text/*"],
    ["image/png", "*/*"],
    ["application/xml", "application/xml"],
  ])("%s → %s", (essence, want) => {
    expect(selectContent(contents, essence)?.mediaType).toBe(want);
  });
  it("finds nothing when nothing is declared for the type", () => {
    expect(selectContent([spec("application/json")], "application/merge-patch+json")).toBeUndefined();
    expect(selectContent([spec("application/*")], "text/plain")).toBeUndefined();
    expect(selectContent([spec("application/*")], "application/x-anything")?.mediaType).toBe("application/*");
  });
});

describe("charset and JSON-ness", () => {
  it.each([
    ["application/json", true],
    ["application/json; charset=utf-8", true],
    ["application/json; charset=UTF-8", true],
    ["application/json; charset=latin1", false],
    ["text/plain; charset=us-ascii", false],
  ])("%s accepted: %s", (header, want) => {
    expect(charsetAccepted(parseMediaType(header)!)).toBe(want);
  });
  it("knows JSON media types", () => {
    expect(["application/json", "application/problem+json", "text/json", "application/jsonl"].map(isJsonMediaType)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
