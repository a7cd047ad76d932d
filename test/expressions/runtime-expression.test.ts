import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  formatRuntimeExpression,
  parseRuntimeExpression,
  type ParseOptions,
  type RuntimeExpression,
} from "../../src/expressions/runtime-expression.js";
import { parsePointer } from "../../src/util/json-pointer.js";

interface Valid {
  given: string;
  want: RuntimeExpression;
  options?: ParseOptions;
}

interface Invalid {
  given: string;
  want: { offset: number; message: string };
  options?: ParseOptions;
}

const request = "request" as const;
const response = "response" as const;

// One block per production of the ABNF (OAS "Runtime Expressions").
const valid: Record<string, Valid[]> = {
  '"$url" / "$method" / "$statusCode"': [
    { given: "$url", want: { kind: "url" } },
    { given: "$method", want: { kind: "method" } },
    { given: "$statusCode", want: { kind: "statusCode" } },
  ],
  'header-reference = "header." token': [
    { given: "$request.header.accept", want: { kind: "header", from: request, name: "accept" } },
    { given: "$response.header.Server", want: { kind: "header", from: response, name: "Server" } },
    { given: "$request.header.X-Rate-Limit", want: { kind: "header", from: request, name: "X-Rate-Limit" } },
    { given: "$request.header.a", want: { kind: "header", from: request, name: "a" } },
    // every tchar (RFC 7230 §3.2.6)
    { given: "$request.header.!#$%&'*+-.^_`|~09AZaz", want: { kind: "header", from: request, name: "!#$%&'*+-.^_`|~09AZaz" } },
  ],
  'query-reference = "query." name': [
    { given: "$request.query.callbackUrl", want: { kind: "query", from: request, name: "callbackUrl" } },
    { given: "$response.query.queryUrl", want: { kind: "query", from: response, name: "queryUrl" } },
    // name = *( char ): the empty name is grammatical
    { given: "$request.query.", want: { kind: "query", from: request, name: "" } },
    { given: "$request.query.a.b", want: { kind: "query", from: request, name: "a.b" } },
    { given: "$request.query.a#b/c~d{e}", want: { kind: "query", from: request, name: "a#b/c~d{e}" } },
    { given: "$request.query.a b", want: { kind: "query", from: request, name: "a b" } },
    { given: "$request.query.café", want: { kind: "query", from: request, name: "café" } },
    { given: "$request.query.😀", want: { kind: "query", from: request, name: "😀" } },
    { given: "$request.query.\u007f", want: { kind: "query", from: request, name: "\u007f" } },
  ],
  "char escapes (RFC 8259 §7), decoded": [
    { given: '$request.query.a\\"b', want: { kind: "query", from: request, name: 'a"b' } },
    { given: "$request.query.a\\\\b", want: { kind: "query", from: request, name: "a\\b" } },
    { given: "$request.query.a\\/b", want: { kind: "query", from: request, name: "a/b" } },
    { given: "$request.query.\\b\\f\\n\\r\\t", want: { kind: "query", from: request, name: "\b\f\n\r\t" } },
    { given: "$request.query.\\u0041\\u00e9", want: { kind: "query", from: request, name: "Aé" } },
    { given: "$request.query.\\ud83d\\ude00", want: { kind: "query", from: request, name: "😀" } },
    { given: "$request.query.\\u0000", want: { kind: "query", from: request, name: "\u0000" } },
  ],
  'path-reference = "path." name': [
    { given: "$request.path.id", want: { kind: "path", from: request, name: "id" } },
    { given: "$response.path.id", want: { kind: "path", from: response, name: "id" } },
    { given: "$request.path.", want: { kind: "path", from: request, name: "" } },
    { given: "$request.path.ünïcødé", want: { kind: "path", from: request, name: "ünïcødé" } },
  ],
  'body-reference = "body" ["#" json-pointer ]': [
    { given: "$request.body", want: { kind: "body", from: request, pointer: [] } },
    { given: "$response.body", want: { kind: "body", from: response, pointer: [] } },
    { given: "$request.body#", want: { kind: "body", from: request, pointer: [] } },
    { given: "$request.body#/", want: { kind: "body", from: request, pointer: [""] } },
    { given: "$request.body#/user/uuid", want: { kind: "body", from: request, pointer: ["user", "uuid"] } },
    { given: "$response.body#/data/webhook_url", want: { kind: "body", from: response, pointer: ["data", "webhook_url"] } },
    { given: "$request.body#/ascReqData/evSubsc/notifUri", want: { kind: "body", from: request, pointer: ["ascReqData", "evSubsc", "notifUri"] } },
    { given: "$request.body#/a//b/", want: { kind: "body", from: request, pointer: ["a", "", "b", ""] } },
    { given: "$request.body#/0/-", want: { kind: "body", from: request, pointer: ["0", "-"] } },
  ],
  'escaped = "~" ( "0" / "1" )': [
    { given: "$request.body#/a~0b", want: { kind: "body", from: request, pointer: ["a~b"] } },
    { given: "$request.body#/a~1b", want: { kind: "body", from: request, pointer: ["a/b"] } },
    // decoded left to right: ~01 is "~" then "1", ~10 is "/" then "0" (RFC 6901 §4)
    { given: "$request.body#/~01", want: { kind: "body", from: request, pointer: ["~1"] } },
    { given: "$request.body#/~10", want: { kind: "body", from: request, pointer: ["/0"] } },
    { given: "$request.body#/~0~1~0", want: { kind: "body", from: request, pointer: ["~/~"] } },
  ],
  "unescaped = %x00-2E / %x30-7D / %x7F-10FFFF": [
    // a dot is an ordinary character: this names one key, "webhooks.url" (WhatsApp)
    { given: "$request.body#/webhooks.url", want: { kind: "body", from: request, pointer: ["webhooks.url"] } },
    // the string form of RFC 6901: nothing is percent-decoded
    { given: "$request.body#/a%20b", want: { kind: "body", from: request, pointer: ["a%20b"] } },
    { given: "$request.body#/a b#c{d}\"e\\f", want: { kind: "body", from: request, pointer: ['a b#c{d}"e\\f'] } },
    { given: "$request.body#/é/日本/😀", want: { kind: "body", from: request, pointer: ["é", "日本", "😀"] } },
    { given: "$request.body#/\u0000\u001f\u007f", want: { kind: "body", from: request, pointer: ["\u0000\u001f\u007f"] } },
  ],
  'nameChars: "ascii" (name = *( CHAR ), RFC 5234 %x01-7F)': [
    { given: "$request.query.callbackUrl", want: { kind: "query", from: request, name: "callbackUrl" }, options: { nameChars: "ascii" } },
    { given: '$request.query.a"b', want: { kind: "query", from: request, name: 'a"b' }, options: { nameChars: "ascii" } },
    { given: "$request.query.a\\u0041", want: { kind: "query", from: request, name: "a\\u0041" }, options: { nameChars: "ascii" } },
    { given: "$request.path.a\tb\u007f", want: { kind: "path", from: request, name: "a\tb\u007f" }, options: { nameChars: "ascii" } },
    // only names are affected
    { given: "$request.body#/é", want: { kind: "body", from: request, pointer: ["é"] }, options: { nameChars: "ascii" } },
  ],
};

const invalid: Record<string, Invalid[]> = {
  expression: [
    { given: "", want: { offset: 0, message: "expected a runtime expression, found nothing at offset 0: a runtime expression starts with `$`" } },
    { given: "request.body#/x", want: { offset: 0, message: "expected `$`, found `r` at offset 0: a runtime expression starts with `$`" } },
    { given: " $url", want: { offset: 0, message: "expected `$`, found space (U+0020) at offset 0: a runtime expression starts with `$`" } },
    { given: "{$url}", want: { offset: 0, message: "expected `$`, found `{` at offset 0: a runtime expression starts with `$`" } },
    { given: "$", want: { offset: 1, message: "expected `url`, `method`, `statusCode`, `request.` or `response.` after `$` at offset 1" } },
    { given: "$callback_url", want: { offset: 1, message: "expected `url`, `method`, `statusCode`, `request.` or `response.` after `$` at offset 1" } },
    {
      given: "$URL",
      want: { offset: 1, message: "expected `url`, `method`, `statusCode`, `request.` or `response.` after `$` at offset 1: runtime expressions are case-sensitive" },
    },
    {
      given: "$Request.body",
      want: { offset: 1, message: "expected `url`, `method`, `statusCode`, `request.` or `response.` after `$` at offset 1: runtime expressions are case-sensitive" },
    },
  ],
  '"$url" / "$method" / "$statusCode"': [
    { given: "$urlx", want: { offset: 4, message: "unexpected `x` after `$url` at offset 4: `$url` is complete by itself" } },
    { given: "$url.path", want: { offset: 4, message: "unexpected `.` after `$url` at offset 4: `$url` is complete by itself" } },
    { given: "$method ", want: { offset: 7, message: "unexpected space (U+0020) after `$method` at offset 7: `$method` is complete by itself" } },
    { given: "$statusCodes", want: { offset: 11, message: "unexpected `s` after `$statusCode` at offset 11: `$statusCode` is complete by itself" } },
  ],
  '"$request." source / "$response." source': [
    { given: "$request", want: { offset: 8, message: "expected `.` after `$request`, found the end at offset 8" } },
    { given: "$response/body", want: { offset: 9, message: "expected `.` after `$response`, found `/` at offset 9" } },
    { given: "$request.", want: { offset: 9, message: "expected `header.`, `query.`, `path.` or `body` after `$request.` at offset 9" } },
    { given: "$response.", want: { offset: 10, message: "expected `header.`, `query.`, `path.` or `body` after `$response.` at offset 10" } },
    { given: "$request.cookie.x", want: { offset: 9, message: "expected `header.`, `query.`, `path.` or `body` after `$request.` at offset 9" } },
    { given: "$request.Header.x", want: { offset: 9, message: "expected `header.`, `query.`, `path.` or `body` after `$request.` at offset 9" } },
  ],
  'header-reference = "header." token': [
    { given: "$request.header", want: { offset: 15, message: "expected `.` after `$request.header`, found the end at offset 15" } },
    { given: "$request.headers.x", want: { offset: 15, message: "expected `.` after `$request.header`, found `s` at offset 15" } },
    {
      given: "$request.header.",
      want: { offset: 16, message: "expected a header name after `header.` at offset 16: a header name is a token: at least one of the letters, digits and !#$%&'*+-.^_`|~" },
    },
    {
      given: "$request.header.a b",
      want: { offset: 17, message: "unexpected space (U+0020) in a header name at offset 17: a header name is a token: letters, digits and !#$%&'*+-.^_`|~ only (RFC 7230 §3.2.6)" },
    },
    {
      given: "$request.header.a:b",
      want: { offset: 17, message: "unexpected `:` in a header name at offset 17: a header name is a token: letters, digits and !#$%&'*+-.^_`|~ only (RFC 7230 §3.2.6)" },
    },
    {
      given: "$request.header.café",
      want: { offset: 19, message: "unexpected `é` (U+00E9) in a header name at offset 19: a header name is a token: letters, digits and !#$%&'*+-.^_`|~ only (RFC 7230 §3.2.6)" },
    },
    {
      given: "$response.header.a\tb",
      want: { offset: 18, message: "unexpected U+0009 in a header name at offset 18: a header name is a token: letters, digits and !#$%&'*+-.^_`|~ only (RFC 7230 §3.2.6)" },
    },
  ],
  "tchar excludes separators": ['"', "(", ")", ",", "/", ";", "<", "=", ">", "?", "@", "[", "\\", "]", "{", "}"].map((ch) => ({
    given: `$request.header.x${ch}`,
    want: { offset: 17, message: `unexpected \`${ch}\` in a header name at offset 17: a header name is a token: letters, digits and !#$%&'*+-.^_\`|~ only (RFC 7230 §3.2.6)` },
  })),
  'query-reference = "query." name / path-reference = "path." name': [
    { given: "$request.query", want: { offset: 14, message: "expected `.` after `$request.query`, found the end at offset 14" } },
    { given: "$request.pathway", want: { offset: 13, message: "expected `.` after `$request.path`, found `w` at offset 13" } },
    { given: '$request.query.a"b', want: { offset: 16, message: 'unexpected `"` in a name at offset 16: a quotation mark must be escaped as \\" (RFC 8259 §7)' } },
    {
      given: "$request.query.a\tb",
      want: { offset: 16, message: "unexpected U+0009 in a name at offset 16: control characters must be written as JSON escapes such as \\u0009 (RFC 8259 §7)" },
    },
    {
      given: "$request.path.a\\x",
      want: { offset: 15, message: "invalid escape `\\x` in a name at offset 15: a name uses JSON string escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by four hex digits (RFC 8259 §7)" },
    },
    {
      given: "$request.query.a\\",
      want: { offset: 16, message: "invalid escape `\\` at the end in a name at offset 16: a name uses JSON string escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by four hex digits (RFC 8259 §7)" },
    },
    {
      given: "$request.query.\\u00g1",
      want: { offset: 15, message: "invalid escape `\\u` in a name at offset 15: a name uses JSON string escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by four hex digits (RFC 8259 §7)" },
    },
  ],
  'nameChars: "ascii"': [
    {
      given: "$request.query.café",
      options: { nameChars: "ascii" },
      want: { offset: 18, message: 'unexpected `é` (U+00E9) in a name at offset 18: with `nameChars: "ascii"` (`name = *( CHAR )` as printed in OAS 3.0.3–3.1.1) a name is 7-bit ASCII without NUL' },
    },
    {
      given: "$request.path.\u0000",
      options: { nameChars: "ascii" },
      want: { offset: 14, message: 'unexpected U+0000 in a name at offset 14: with `nameChars: "ascii"` (`name = *( CHAR )` as printed in OAS 3.0.3–3.1.1) a name is 7-bit ASCII without NUL' },
    },
  ],
  'body-reference = "body" ["#" json-pointer ]': [
    {
      given: "$request.body.id",
      want: { offset: 13, message: "expected `#` or the end after `$request.body`, found `.` at offset 13: a body reference continues only with `#` and a JSON pointer, e.g. `#/data/id`" },
    },
    {
      given: "$response.bodyx",
      want: { offset: 14, message: "expected `#` or the end after `$response.body`, found `x` at offset 14: a body reference continues only with `#` and a JSON pointer, e.g. `#/data/id`" },
    },
    {
      given: "$request.body/id",
      want: { offset: 13, message: "expected `#` or the end after `$request.body`, found `/` at offset 13: a body reference continues only with `#` and a JSON pointer, e.g. `#/data/id`" },
    },
  ],
  "json-pointer = *( \"/\" reference-token )": [
    {
      given: "$request.body#foo",
      want: { offset: 14, message: "expected `/` after `#`, found `f` at offset 14: a JSON pointer is empty or starts with `/`, e.g. `#/data/id` (RFC 6901 §3)" },
    },
    {
      given: "$request.body##/a",
      want: { offset: 14, message: "expected `/` after `#`, found `#` at offset 14: a JSON pointer is empty or starts with `/`, e.g. `#/data/id` (RFC 6901 §3)" },
    },
  ],
  'escaped = "~" ( "0" / "1" )': [
    { given: "$request.body#/a~2", want: { offset: 16, message: "invalid escape `~2` in a JSON pointer at offset 16: write `~` as `~0` and `/` as `~1` (RFC 6901 §3)" } },
    { given: "$request.body#/a~", want: { offset: 16, message: "invalid escape `~` at the end in a JSON pointer at offset 16: write `~` as `~0` and `/` as `~1` (RFC 6901 §3)" } },
    { given: "$request.body#/~~0", want: { offset: 15, message: "invalid escape `~~` in a JSON pointer at offset 15: write `~` as `~0` and `/` as `~1` (RFC 6901 §3)" } },
    { given: "$request.body#/ok/~a", want: { offset: 18, message: "invalid escape `~a` in a JSON pointer at offset 18: write `~` as `~0` and `/` as `~1` (RFC 6901 §3)" } },
  ],
};

describe("parseRuntimeExpression: valid", () => {
  for (const [production, rows] of Object.entries(valid)) {
    test.each(rows)(`${production}: $given`, ({ given, want, options }) => {
      expect(parseRuntimeExpression(given, options)).toEqual({ ok: true, expression: want });
    });
  }
});

describe("parseRuntimeExpression: invalid", () => {
  for (const [production, rows] of Object.entries(invalid)) {
    test.each(rows)(`${production}: $given`, ({ given, want, options }) => {
      expect(parseRuntimeExpression(given, options)).toEqual({ ok: false, ...want });
    });
  }
});

describe("formatRuntimeExpression", () => {
  test.each<{ given: RuntimeExpression; want: string }>([
    { given: { kind: "url" }, want: "$url" },
    { given: { kind: "statusCode" }, want: "$statusCode" },
    { given: { kind: "header", from: "response", name: "Server" }, want: "$response.header.Server" },
    { given: { kind: "query", from: "request", name: 'a"b\\c\n' }, want: '$request.query.a\\"b\\\\c\\n' },
    { given: { kind: "path", from: "request", name: "" }, want: "$request.path." },
    { given: { kind: "body", from: "request", pointer: [] }, want: "$request.body" },
    { given: { kind: "body", from: "request", pointer: [""] }, want: "$request.body#/" },
    { given: { kind: "body", from: "request", pointer: ["a/b", "~1", "webhooks.url"] }, want: "$request.body#/a~1b/~01/webhooks.url" },
  ])("$want", ({ given, want }) => {
    expect(formatRuntimeExpression(given)).toBe(want);
  });
});

// Code units that stress the grammar: delimiters, escapes, controls, a lone surrogate.
const tricky = fc.oneof(
  fc.constantFrom("/", "~", "0", "1", "#", ".", "$", "{", "}", '"', "\\", "u", "\u0000", "\t", " ", "é", "\ud800", "😀"),
  fc.string({ unit: "binary", maxLength: 3 }),
);
const anyText = fc.string({ unit: tricky, maxLength: 12 });
const from = fc.constantFrom<"request" | "response">("request", "response");
const tchars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");

const expressionArb: fc.Arbitrary<RuntimeExpression> = fc.oneof(
  fc.constantFrom<RuntimeExpression>({ kind: "url" }, { kind: "method" }, { kind: "statusCode" }),
  fc.record({ kind: fc.constant("header" as const), from, name: fc.string({ unit: fc.constantFrom(...tchars), minLength: 1, maxLength: 10 }) }),
  fc.record({ kind: fc.constantFrom("query" as const, "path" as const), from, name: anyText }),
  fc.record({ kind: fc.constant("body" as const), from, pointer: fc.array(anyText, { maxLength: 4 }) }),
);

describe("properties", () => {
  test("format then parse gives the expression back", () => {
    fc.assert(
      fc.property(expressionArb, (e) => {
        expect(parseRuntimeExpression(formatRuntimeExpression(e))).toEqual({ ok: true, expression: e });
      }),
      { numRuns: 2000 },
    );
  });

  test("never throws; errors point inside the text (or just past it)", () => {
    const candidates = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.tuple(fc.constantFrom("$url", "$request.", "$response.", "$request.header.", "$request.query.", "$request.path.", "$request.body", "$request.body#"), anyText).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(candidates, fc.constantFrom<ParseOptions>({}, { nameChars: "ascii" }), (text, options) => {
        const result = parseRuntimeExpression(text, options);
        if (!result.ok) {
          expect(result.offset).toBeGreaterThanOrEqual(0);
          expect(result.offset).toBeLessThanOrEqual(text.length);
          expect(result.message).toContain(`at offset ${result.offset}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("the body pointer agrees with the RFC 6901 helper in src/util/json-pointer.ts", () => {
    fc.assert(
      fc.property(anyText, (pointer) => {
        const result = parseRuntimeExpression("$request.body#" + pointer);
        const reference = parsePointer(pointer);
        if (reference === undefined) expect(result.ok).toBe(false);
        else expect(result).toEqual({ ok: true, expression: { kind: "body", from: "request", pointer: reference } });
      }),
      { numRuns: 3000 },
    );
  });

  test('names: "json" accepts exactly the JSON string characters; decoding matches JSON.parse', () => {
    fc.assert(
      fc.property(anyText, (name) => {
        let decoded: string | undefined;
        try {
          decoded = JSON.parse(`"${name}"`) as string;
        } catch {
          decoded = undefined;
        }
        const result = parseRuntimeExpression("$request.query." + name);
        if (decoded === undefined) expect(result.ok).toBe(false);
        else expect(result).toEqual({ ok: true, expression: { kind: "query", from: "request", name: decoded } });
      }),
      { numRuns: 3000 },
    );
  });
});
