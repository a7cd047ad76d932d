/**
 * What the generator makes of multipart bodies other than form-data: the properties their
 * parts fill, as the receiver table lists them (model/part-mapping.ts), what `types.ts` types
 * `body` as, and the located diagnostics for what the receiver cannot map.
 */
import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate.js";

/** A 3.1 document with one webhook whose request body has `content`. */
function spec(content: string, extra = ""): string {
  const indented = content
    .trim()
    .split("\n")
    .map((l) => "          " + l)
    .join("\n");
  return `openapi: 3.1.0
info: { title: Parts, version: "1" }
webhooks:
  delivered:
    post:
      requestBody:
        required: true
        content:
${indented}
      responses:
        "204": { description: ok }
${extra}`;
}

function run(content: string, extra = "") {
  const result = generate({ spec: "-", stdin: spec(content, extra) });
  expect(result.ok).toBe(true);
  const file = (name: string) => result.files.find((f) => f.path === name)!.content;
  const table = file("receiver.ts");
  return {
    /** The body's entry in the receiver table, from its media type on. */
    entry: table.slice(table.indexOf("contents: ["), table.indexOf("responses:")),
    types: file("types.ts"),
    diagnostics: result.diagnostics
      .filter((d) => d.code === "media-type-unsupported")
      .map((d) => ({ line: d.line, message: d.message.replace(/^delivered: /, "") })),
  };
}

describe("multipart/related and multipart/mixed bodies", () => {
  it("maps an object's properties by their Encoding Object, in the schema's order", () => {
    const { entry, types, diagnostics } = run(`
multipart/mixed:
  schema:
    type: object
    properties:
      metadata: { type: object, properties: { id: { type: string } } }
      count: { type: integer }
      flag: { type: boolean }
      note: { type: string }
      photos: { type: array, items: { type: string, format: binary } }
      tags: { type: array, items: { type: string } }
      ids: { type: array, items: { type: integer } }
      anything: {}
      scan: { type: string, format: binary }
  encoding:
    photos: { contentType: "image/png, image/*" }
    ids: { contentType: application/json }
    anything: { contentType: "text/csv; charset=utf-8" }
`);
    expect(entry).toContain(`          mediaType: "multipart/mixed",
          kind: "parts",
          schema: asSchema(S.DeliveredBodySchema),
          parts: [
            { name: "metadata", accept: ["application/json"], as: "json" },
            { name: "count", accept: ["text/plain"], as: "text", type: "integer" },
            { name: "flag", accept: ["text/plain"], as: "text", type: "boolean" },
            { name: "note", accept: ["text/plain"], as: "text" },
            { name: "photos", accept: ["image/png", "image/*"], as: "file", repeated: true },
            { name: "tags", accept: ["text/plain"], as: "text", repeated: true },
            { name: "ids", accept: ["application/json"], as: "json" },
            { name: "anything", accept: ["text/csv"], as: "text" },
            { name: "scan", accept: ["application/octet-stream"], as: "file" },
          ],`);
    expect(types).toMatch(/^import type \{ MultipartBody as \$MultipartBody \} from "gen-callbacks\/runtime\/multipart-body";$/m);
    expect(types).toContain("body: $MultipartBody<DeliveredBody>;");
    expect(types).toContain(" * - `photos` ← every part of type image/png or image/*: a Blob of its bytes, one item each");
    expect(diagnostics).toEqual([]);
  });

  it("hands the parts over unvalidated, with a located note, when the schema does not describe them as properties", () => {
    const { entry, types, diagnostics } = run(`
multipart/mixed:
  schema:
    type: array
    prefixItems: [{ type: object }, { type: string, format: binary }]
`);
    expect(entry).toContain(`{ mediaType: "multipart/mixed", kind: "parts" }`);
    expect(types).toContain("body: $MultipartBody;");
    expect(types).toContain(
      "`body.value` is undefined: its parts are described by position (an array schema), which the receiver does not map",
    );
    expect(diagnostics).toEqual([
      {
        line: 9,
        message:
          "the multipart/mixed body is handed to the handler as its parts, not validated against its schema: its parts are described by position (an array schema), which the receiver does not map",
      },
    ]);
  });

  it("does the same when a part's media type cannot carry its property's object", () => {
    const { entry, diagnostics } = run(`
multipart/related:
  schema:
    type: object
    properties:
      document: { type: object }
  encoding:
    document: { contentType: application/xml }
`);
    expect(entry).toContain(`{ mediaType: "multipart/related", kind: "parts" }`);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'the multipart/related body is handed to the handler as its parts, not validated against its schema: part "document" (application/xml) cannot be parsed into the object its schema describes',
    ]);
  });

  it("notes a text property whose parts may be binary", () => {
    const { entry, diagnostics } = run(`
multipart/related:
  schema:
    type: object
    properties:
      picture: { type: string }
  encoding:
    picture: { contentType: image/png }
`);
    expect(entry).toContain(`{ name: "picture", accept: ["image/png"], as: "text" }`);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'in the multipart/related body, part "picture" (image/png) is typed string: it must be UTF-8 text; `format: binary` would hand over its bytes',
    ]);
  });

  it("hands the parts over without a schema, silently", () => {
    const { entry, types, diagnostics } = run(`multipart/related: {}`);
    expect(entry).toContain(`{ mediaType: "multipart/related", kind: "parts" }`);
    expect(types).toContain("`body.value` is undefined: the spec gives no schema.");
    expect(diagnostics).toEqual([]);
  });

  it("keeps multipart/form-data as it was", () => {
    const { entry } = run(`
multipart/form-data:
  schema:
    type: object
    properties:
      meta: { type: object }
      n: { type: integer }
`);
    expect(entry).toContain(
      `{ mediaType: "multipart/form-data", kind: "multipart", schema: asSchema(S.DeliveredBodySchema), jsonFields: ["meta"], fields: [{ name: "n", type: "integer" }] }`,
    );
  });

  it("lets no name the spec gives clash with MultipartBody, and no property name escape its string", () => {
    const { entry, types } = run(
      `
multipart/related:
  schema:
    type: object
    properties:
      jsonData: { $ref: "#/components/schemas/MultipartBody" }
      "a\\"b*/\\u2028": { type: string, format: binary }
`,
      `components:
  schemas:
    MultipartBody: { type: object, properties: { id: { type: string } } }
`,
    );
    expect(types).toContain("export interface MultipartBody {");
    expect(types).toContain("body: $MultipartBody<DeliveredBody>;");
    expect(entry).toContain(`{ name: "a\\"b*/\\u2028", accept: ["application/octet-stream"], as: "file" }`);
    // The line separator ends the comment line, never the comment.
    expect(types).toContain(' * - `a"b*\\/\n * ` ← a part of type application/octet-stream');
    expect(types).not.toContain("\u2028");
  });
});
