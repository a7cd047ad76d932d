import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics, sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { loadDocumentSet } from "../../src/load/load.js";
import { checkRefs } from "../../src/load/ref-scan.js";
import { validateStructure } from "../../src/load/structure.js";
import { brief, errors, FIXTURES, inline, loadAll, render } from "./helpers.js";
import { describeShared, OAI_FIXTURES as OAI, sharedRows } from "../support/shared.js";

/** Structure problems of an inline document (stdin), as `severity code line:col pointer`. */
function structure(text: string): string[] {
  const d = new Diagnostics();
  const set = loadDocumentSet({ stdin: text, cwd: FIXTURES }, { diagnostics: d });
  expect(d.items.map(brief)).toEqual([]);
  validateStructure(set!, d);
  return sortDiagnostics(d.items).map(brief);
}

const H31 = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";
const H30 = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

describe("validateStructure: the OpenAPI object layer", () => {
  const cases: { name: string; given: string; want: string[] }[] = [
    { name: "a clean 3.1 document", given: H31 + "webhooks:\n  a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object}\n", want: [] },
    { name: "missing info.version", given: "openapi: 3.1.0\ninfo: {title: t}\npaths: {}\n", want: ["error structure-missing 2:7 /info"] },
    { name: "info of the wrong type", given: "openapi: 3.1.0\ninfo: [t]\npaths: {}\n", want: ["error structure-type 2:7 /info"] },
    { name: "paths required in 3.0", given: "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n", want: ["error structure-missing 1:1"] },
    { name: "webhooks is a 3.1 field", given: H30 + "webhooks: {}\n", want: ["error structure-unknown-field 4:1 /webhooks"] },
    { name: "unknown top-level field, with a guess", given: H31 + "paths: {}\ncomponent: {}\n", want: ["error structure-unknown-field 4:1 /component"] },
    { name: "x- extensions anywhere are fine", given: H31 + "x-a: 1\npaths:\n  x-b: 2\n  /p:\n    x-c: 3\n    get: {x-d: 4}\n", want: [] },
    { name: "servers must be a list", given: H31 + "paths: {}\nservers: {url: /v1}\n", want: ["error structure-type 4:10 /servers"] },
    { name: "path keys start with /", given: H31 + "paths:\n  pets: {}\n", want: ["warning structure-unknown-field 4:3 /paths/pets"] },
    { name: "status codes", given: H31 + "webhooks:\n  a:\n    post:\n      responses:\n        2xx: {description: ok}\n        '200': {description: ok}\n        default: {description: ok}\n", want: ["error structure-unknown-field 7:9 /webhooks/a/post/responses/2xx"] },
    { name: "Vonage-style scalar $ref in a string field", given: H31 + "webhooks:\n  a:\n    post:\n      summary: {$ref: 'multi/text/strings.yaml#/adoptedSummary'}\n", want: [] },
    { name: "scalar $ref to a non-string", given: H31 + "webhooks:\n  a:\n    post:\n      summary: {$ref: 'multi/common.yaml#/Person'}\n", want: ["error structure-type 6:16 /webhooks/a/post/summary"] },
    { name: "a Reference Object's extra fields are ignored (3.1)", given: H31 + "webhooks:\n  a:\n    post:\n      responses:\n        '200': {$ref: '#/components/responses/R', required: true}\ncomponents:\n  responses:\n    R: {description: r}\n", want: ["warning structure-unknown-field 7:51 /webhooks/a/post/responses/200/required"] },
    {
      name: "OpenAPI 3.2 fields",
      given:
        "openapi: 3.2.0\n$self: https://example.com/api\ninfo: {title: t, version: '1'}\nservers: [{url: /, name: prod}]\npaths:\n  /s:\n    query: {responses: {'200': {}}}\n    additionalOperations:\n      PURGE: {parameters: [{name: q, in: querystring, content: {application/json: {}}}]}\ncomponents:\n  mediaTypes:\n    M: {schema: {type: string}}\n",
      want: [],
    },
    { name: "3.2 fields in a 3.1 document (a webhook: error)", given: H31 + "webhooks:\n  s:\n    query: {}\n", want: ["error structure-unknown-field 5:5 /webhooks/s/query"] },
    { name: "3.2 fields in a 3.1 document (the provider's own operation: warning)", given: H31 + "paths:\n  /s:\n    query: {}\n", want: ["warning structure-unknown-field 5:5 /paths/~1s/query"] },
    { name: "a JSON Reference where no Reference Object is allowed is followed", given: H31 + "webhooks:\n  a:\n    post:\n      requestBody:\n        content: {$ref: '#/components/x-contents/C'}\ncomponents:\n  x-contents:\n    C:\n      application/json: {schema: {type: bogus}}\n", want: ["error schema-invalid 11:41 /components/x-contents/C/application~1json/schema/type"] },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(structure(given)).toEqual(want);
  });
});

describe("validateStructure: rules", () => {
  const param = (p: string) => H31 + `components:\n  parameters:\n    P: ${p}\n`;
  const cases: { name: string; given: string; want: string[] }[] = [
    { name: "example with examples", given: param("{name: p, in: query, schema: {}, example: 1, examples: {a: {value: 1}}}"), want: ["error structure-invalid 5:53 /components/parameters/P/examples"] },
    { name: "allowReserved on a header parameter", given: param("{name: p, in: header, schema: {}, allowReserved: false}"), want: ["error structure-invalid 5:42 /components/parameters/P/allowReserved"] },
    { name: "allowReserved on a query parameter", given: param("{name: p, in: query, schema: {}, allowReserved: true}"), want: [] },
    { name: "style not allowed for the location", given: param("{name: p, in: header, schema: {}, style: form}"), want: ["error structure-invalid 5:49 /components/parameters/P/style"] },
    { name: "neither schema nor content", given: param("{name: p, in: query}"), want: ["error structure-missing 5:8 /components/parameters/P"] },
    { name: "content with two media types", given: param("{name: p, in: query, content: {a/b: {}, c/d: {}}}"), want: ["error structure-invalid 5:38 /components/parameters/P/content"] },
    { name: "unknown location, with a guess", given: param("{name: p, in: qeury, schema: {}}"), want: ["error structure-invalid 5:22 /components/parameters/P/in"] },
    { name: "path parameter not required (harmless: a warning)", given: param("{name: p, in: path, schema: {}}"), want: ["warning structure-invalid 5:8 /components/parameters/P"] },
    { name: "querystring before 3.2", given: param("{name: p, in: querystring, content: {a/b: {}}}"), want: ["error structure-invalid 5:22 /components/parameters/P/in"] },
    { name: "empty server variable enum (3.1: MUST NOT)", given: H31 + "paths: {}\nservers: [{url: 'https://x/{v}', variables: {v: {default: a, enum: []}}}]\n", want: ["error structure-invalid 4:68 /servers/0/variables/v/enum"] },
    { name: "empty server variable enum (3.0: SHOULD NOT)", given: H30 + "servers: [{url: 'https://x/{v}', variables: {v: {default: a, enum: []}}}]\n", want: ["warning structure-invalid 4:68 /servers/0/variables/v/enum"] },
    { name: "default not in enum", given: H31 + "paths: {}\nservers: [{url: 'https://x/{v}', variables: {v: {default: a, enum: [b]}}}]\n", want: ["warning structure-invalid 4:59 /servers/0/variables/v/default"] },
    { name: "no paths, components or webhooks", given: H31, want: ["error structure-missing 1:1"] },
    { name: "link with both operationRef and operationId", given: H31 + "components:\n  links:\n    L: {operationId: a, operationRef: '#/paths'}\n", want: ["error structure-invalid 5:9 /components/links/L/operationId"] },
    { name: "apiKey scheme without name", given: H31 + "components:\n  securitySchemes:\n    K: {type: apiKey, in: header}\n", want: ["error structure-missing 5:8 /components/securitySchemes/K"] },
    { name: "license identifier with url", given: "openapi: 3.1.0\ninfo: {title: t, version: '1', license: {name: MIT, identifier: MIT, url: 'https://x'}}\npaths: {}\n", want: ["error structure-invalid 2:70 /info/license/url"] },
    { name: "empty responses", given: H31 + "webhooks:\n  a: {post: {responses: {}}}\n", want: ["error structure-invalid 4:25 /webhooks/a/post/responses"] },
    { name: "response without description (documentation only: a warning)", given: H31 + "webhooks:\n  a: {post: {responses: {'200': {}}}}\n", want: ["warning structure-missing 4:33 /webhooks/a/post/responses/200"] },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(structure(given)).toEqual(want);
  });
});

describe("validateStructure: schemas (shallow)", () => {
  const schema = (s: string, head = H31) => head + `components:\n  schemas:\n    S: ${s}\n`;
  const cases: { name: string; given: string; want: string[] }[] = [
    { name: "misspelled type", given: schema("{type: strnig}"), want: ["warning schema-invalid 5:15 /components/schemas/S/type"] },
    { name: "required must list strings", given: schema("{required: id}"), want: ["warning schema-invalid 5:19 /components/schemas/S/required"] },
    { name: "not a schema", given: schema("[]"), want: ["error structure-type 5:8 /components/schemas/S"] },
    { name: "boolean schemas in 3.1", given: schema("{properties: {a: true, b: false}}"), want: [] },
    { name: "boolean schemas in 3.0", given: schema("{properties: {a: true}}", H30), want: ["error structure-type 6:25 /components/schemas/S/properties/a"] },
    { name: "additionalProperties: false in 3.0", given: schema("{additionalProperties: false}", H30), want: [] },
    { name: "type lists are 3.1", given: schema("{type: [string, 'null']}", H30), want: ["warning schema-invalid 6:15 /components/schemas/S/type"] },
    { name: "type null in 3.0: read as in 3.1, a warning", given: schema("{type: 'null'}", H30), want: ["warning schema-invalid 6:15 /components/schemas/S/type"] },
    { name: "nullable in 3.0", given: schema("{type: string, nullable: true}", H30), want: [] },
    { name: "unknown keyword in 3.0", given: schema("{type: string, requried: [a]}", H30), want: ["warning structure-unknown-field 6:23 /components/schemas/S/requried"] },
    { name: "a likely typo in 3.1", given: schema("{type: array, min_items: 1, x-whatever: 1, myArbitraryKeyword: 2}"), want: ["warning structure-unknown-field 5:22 /components/schemas/S/min_items"] },
    { name: "3.0 exclusiveMinimum is a boolean", given: schema("{minimum: 1, exclusiveMinimum: 1}", H30), want: ["warning schema-invalid 6:39 /components/schemas/S/exclusiveMinimum"] },
    { name: "nested schemas are checked too", given: schema("{allOf: [{properties: {a: {items: {type: integr}}}}]}"), want: ["warning schema-invalid 5:49 /components/schemas/S/allOf/0/properties/a/items/type"] },
    { name: "data keywords are not schemas", given: schema("{default: {type: 1}, example: [1], enum: [{type: nope}], const: {properties: 1}}"), want: [] },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(structure(given)).toEqual(want);
  });
});

describe("validateStructure: severity follows what gen-callbacks generates", () => {
  const bad = "{type: object, properties: {n: {type: numbr}}}";
  const doc =
    H31 +
    `paths:\n  /op:\n    post:\n      requestBody: {content: {application/json: {schema: ${bad}}}}\n      callbacks:\n        cb:\n          '{$request.body#/url}':\n            post:\n              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Used'}}}}\n` +
    `webhooks:\n  hook:\n    post:\n      parameters: [{name: h, in: header, schema: {}, allowEmptyValue: true, style: form}]\n` +
    `components:\n  schemas:\n    Used: ${bad}\n    Unused: ${bad}\n  headers:\n    H: {schema: {}, style: form}\n`;
  it("errors inside events (and what they reach), warnings in the provider's own operations and for unused schema content", () => {
    expect(structure(doc)).toEqual([
      "warning schema-invalid 6:96 /paths/~1op/post/requestBody/content/application~1json/schema/properties/n/type",
      "warning structure-invalid 15:54 /webhooks/hook/post/parameters/0/allowEmptyValue",
      "error structure-invalid 15:84 /webhooks/hook/post/parameters/0/style",
      "error schema-invalid 18:49 /components/schemas/Used/properties/n/type",
      "warning schema-invalid 19:51 /components/schemas/Unused/properties/n/type",
      "error structure-invalid 21:28 /components/headers/H/style",
    ]);
  });
});

describeShared("OAI schema fixtures", () => {
  const list = (dir: string) => sharedRows(() => readdirSync(path.join(OAI, dir)).map((f) => path.join(dir, f)), `(the shared ${dir} fixtures)`);
  const fail = list("v3.1/fail");
  const pass = [...list("v3.1/pass"), ...list("v3.0/pass")];

  it("has the expected number of fixtures", () => {
    expect([fail.length, pass.length]).toEqual([11, 41]);
  });

  it.each(fail)("%s is refused with a located error", async (name) => {
    const r = loadAll(path.join(OAI, name));
    const errs = errors(r.diagnostics);
    expect(errs.length).toBeGreaterThan(0);
    for (const e of errs) {
      expect(e.line, brief(e)).toBeGreaterThan(0);
      expect(e.column, brief(e)).toBeGreaterThan(0);
      expect(typeof e.pointer, brief(e)).toBe("string");
      expect(e.code).toMatch(/^structure-/);
    }
    await expect(render(r.diagnostics.items, { [OAI]: "<oai>" })).toMatchFileSnapshot(`./__snapshots__/oai-fail/${path.basename(name)}.txt`);
  });

  it.each(pass)("%s loads with no error", (name) => {
    const d = new Diagnostics();
    const set = loadDocumentSet({ path: path.join(OAI, name) }, { diagnostics: d });
    expect(set).toBeDefined();
    validateStructure(set!, d);
    expect(errors(d).map(brief)).toEqual([]);
    // The reference scan applies the security policy on top: a URL `$ref` is never
    // followed. One pass fixture has one, in a security scheme — a part generation never
    // reads — so it is a warning there, not a refusal.
    const refs = new Diagnostics();
    checkRefs(set!, refs);
    expect(errors(refs).map(brief)).toEqual([]);
    if (name.endsWith("security-scheme-object-examples.yaml")) {
      expect(refs.items.map(brief)).toEqual(["warning ref-external-url 59:13 /components/securitySchemes/external/$ref"]);
    }
  });
});

describe("inline documents from standard input", () => {
  it("sniffs JSON and YAML", () => {
    expect(inline('{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}').set?.entry.format).toBe("json");
    expect(inline("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n").set?.entry.format).toBe("yaml");
    expect(inline('\ufeff  {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}').set?.entry.format).toBe("json");
  });
});
