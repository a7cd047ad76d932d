/**
 * Parameter deserialization, against the style examples of OpenAPI 3.1 §4.8.12.4 (color =
 * "blue", ["blue","black","brown"], {R:100, G:200, B:150}) and the coercions the generated
 * schemas expect. Text that does not read as its type stays text, for the schema to reject.
 */
import { describe, expect, it } from "vitest";
import { coerce, cookiePairs, decodeComponent, deserializeParams, queryPairs, type ParamSource } from "../../templates/runtime/params.js";
import type { ParamSpec } from "../../templates/runtime/receiver-types.js";

const source = (over: Partial<ParamSource> & { headers?: Record<string, string> } = {}): ParamSource => ({
  path: over.path ?? {},
  query: over.query ?? "",
  header: (name) => over.headers?.[name] ?? null,
});

function one(spec: Omit<ParamSpec, "required"> & { required?: boolean }, src: ParamSource): unknown {
  const out = deserializeParams([{ required: false, ...spec }], src, 128);
  return out[spec.in][spec.name];
}

const array = { type: "array", items: "string" } as const;
const object = { type: "object" } as const;
const rgb = { R: "100", G: "200", B: "150" };

describe("path parameters", () => {
  it.each<[string, Partial<ParamSpec>, string, unknown]>([
    ["simple", { type: "string" }, "blue", "blue"],
    ["simple, decoded", { type: "string" }, "caf%C3%A9%2F1", "café/1"],
    ["simple array", array, "blue,black,brown", ["blue", "black", "brown"]],
    ["simple array, encoded comma stays in its item", array, "a%2Cb,c", ["a,b", "c"]],
    ["simple object", object, "R,100,G,200,B,150", rgb],
    ["simple object, explode", { ...object, explode: true }, "R=100,G=200,B=150", rgb],
    ["label", { type: "string", style: "label" }, ".blue", "blue"],
    ["label array", { ...array, style: "label" }, ".blue,black,brown", ["blue", "black", "brown"]],
    ["label array, explode", { ...array, style: "label", explode: true }, ".blue.black.brown", ["blue", "black", "brown"]],
    ["label object, explode", { ...object, style: "label", explode: true }, ".R=100.G=200.B=150", rgb],
    ["matrix", { type: "string", style: "matrix" }, ";color=blue", "blue"],
    ["matrix array", { ...array, style: "matrix" }, ";color=blue,black,brown", ["blue", "black", "brown"]],
    ["matrix array, explode", { ...array, style: "matrix", explode: true }, ";color=blue;color=black;color=brown", ["blue", "black", "brown"]],
    ["matrix object", { ...object, style: "matrix" }, ";color=R,100,G,200,B,150", rgb],
    ["matrix object, explode", { ...object, style: "matrix", explode: true }, ";R=100;G=200;B=150", rgb],
    ["integer", { type: "integer" }, "42", 42],
    ["integer, not one", { type: "integer" }, "4x2", "4x2"],
    ["number", { type: "number" }, "-1.5e3", -1500],
    ["integer array", { type: "array", items: "integer" }, "1,2,x", [1, 2, "x"]],
    ["JSON content", { type: "object", contentType: "application/json" }, "%7B%22a%22%3A1%7D", { a: 1 }],
    ["JSON content, malformed", { type: "object", contentType: "application/json" }, "%7B", "{"],
  ])("%s", (_name, spec, raw, want) => {
    expect(one({ name: "color", in: "path", type: "string", ...spec }, source({ path: { color: raw } }))).toEqual(want);
  });
});

describe("query parameters", () => {
  it.each<[string, Partial<ParamSpec>, string, unknown]>([
    ["form", { type: "string" }, "color=blue", "blue"],
    ["form, + is a space", { type: "string" }, "color=light+blue%21", "light blue!"],
    ["form, absent", { type: "string" }, "other=1", undefined],
    ["form, empty", { type: "string" }, "color=", ""],
    ["form, repeated scalar keeps the first", { type: "string" }, "color=blue&color=red", "blue"],
    ["form array, explode (default)", array, "color=blue&color=black&color=brown", ["blue", "black", "brown"]],
    ["form array, one value", array, "color=blue", ["blue"]],
    ["form array", { ...array, explode: false }, "color=blue,black,brown", ["blue", "black", "brown"]],
    ["form object", { ...object, explode: false }, "color=R,100,G,200,B,150", rgb],
    ["form object, explode: the undeclared pairs", { ...object }, "R=100&G=200&B=150&limit=5", rgb],
    ["spaceDelimited", { ...array, style: "spaceDelimited", explode: false }, "color=blue%20black+brown", ["blue", "black", "brown"]],
    ["pipeDelimited", { ...array, style: "pipeDelimited", explode: false }, "color=blue|black%7Cbrown", ["blue", "black", "brown"]],
    ["deepObject", { ...object, style: "deepObject", explode: true }, "color%5BR%5D=100&color[G]=200&color[B]=150", rgb],
    [
      "deepObject drops __proto__",
      { ...object, style: "deepObject", explode: true },
      "color[__proto__]=1&color[constructor]=2",
      { constructor: "2" },
    ],
    ["boolean", { type: "boolean" }, "color=true", true],
    ["boolean, not one", { type: "boolean" }, "color=yes", "yes"],
    ["number array", { type: "array", items: "number" }, "color=1&color=2.5", [1, 2.5]],
    ["JSON content", { type: "object", contentType: "application/json" }, "color=%7B%22a%22%3A%5B1%5D%7D", { a: [1] }],
    ["JSON content, too deep stays text", { type: "object", contentType: "application/json" }, `color=${"[".repeat(200)}`, "[".repeat(200)],
  ])("%s", (_name, spec, query, want) => {
    const specs: ParamSpec[] = [
      { name: "color", in: "query", type: "string", required: false, ...spec },
      { name: "limit", in: "query", type: "integer", required: false },
    ];
    expect(deserializeParams(specs, source({ query }), 128).query.color).toEqual(want);
  });
});

describe("header and cookie parameters", () => {
  it.each<[string, Partial<ParamSpec>, string, unknown]>([
    ["simple", { type: "string" }, "blue", "blue"],
    ["not percent-decoded", { type: "string" }, "a%20b", "a%20b"],
    ["array, whitespace around commas", array, "blue, black ,brown", ["blue", "black", "brown"]],
    ["object", object, "R,100,G,200,B,150", rgb],
    ["object, explode", { ...object, explode: true }, "R=100,G=200,B=150", rgb],
    ["integer", { type: "integer" }, "7", 7],
  ])("header: %s", (_name, spec, value, want) => {
    expect(one({ name: "x-color", in: "header", type: "string", ...spec }, source({ headers: { "x-color": value } }))).toEqual(want);
  });

  it.each<[string, Partial<ParamSpec>, string, unknown]>([
    ["form", { type: "string" }, "color=blue; other=x", "blue"],
    ["percent-decoded", { type: "string" }, "color=light%20blue", "light blue"],
    ["quoted", { type: "string" }, 'color="blue"', "blue"],
    ["first of a name wins", { type: "string" }, "color=blue; color=red", "blue"],
    ["array", { ...array, explode: false }, "color=blue,black", ["blue", "black"]],
    ["absent", { type: "string" }, "other=1", undefined],
  ])("cookie: %s", (_name, spec, cookie, want) => {
    expect(one({ name: "color", in: "cookie", type: "string", ...spec }, source({ headers: { cookie } }))).toEqual(want);
  });
});

describe("building blocks", () => {
  it.each<[string, ParamSpec["type"], unknown]>([
    ["0", "integer", 0],
    ["-0.5", "number", -0.5],
    ["1e3", "number", 1000],
    ["", "number", ""],
    [" 1", "number", " 1"],
    ["0x10", "integer", "0x10"],
    ["01", "integer", "01"],
    ["Infinity", "number", "Infinity"],
    ["true", "boolean", true],
    ["TRUE", "boolean", "TRUE"],
    ["1", "string", "1"],
    ["1", "unknown", "1"],
  ])("coerce(%j, %s)", (text, type, want) => {
    expect(coerce(text, type)).toEqual(want);
  });

  it("decodes components leniently", () => {
    expect([decodeComponent("a%20b"), decodeComponent("a+b", true), decodeComponent("100%"), decodeComponent("%E0%A4%A")]).toEqual([
      "a b",
      "a b",
      "100%",
      "%E0%A4%A",
    ]);
  });

  it("splits query strings and cookie headers", () => {
    expect(queryPairs("a=1&&b&c=%3D&d%5B%5D=x")).toEqual([
      ["a", "1"],
      ["b", ""],
      ["c", "%3D"],
      ["d[]", "x"],
    ]);
    expect(cookiePairs(' a=1;b=2; junk; c="3"')).toEqual([
      ["a", "1"],
      ["b", "2"],
      ["c", "3"],
    ]);
  });

  it("leaves absent parameters out and never writes __proto__", () => {
    const specs: ParamSpec[] = [
      { name: "__proto__", in: "query", type: "string", required: false },
      { name: "missing", in: "header", type: "string", required: true },
    ];
    const out = deserializeParams(specs, source({ query: "__proto__=x" }), 128);
    expect(out).toEqual({ path: {}, query: {}, header: {}, cookie: {} });
    expect(Object.getPrototypeOf(out.query)).toBe(Object.prototype);
  });
});
