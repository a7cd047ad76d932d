import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  analyzeCallbackKey,
  encodePathText,
  identifierFrom,
  readExpression,
  type CallbackKeyAnalysis,
  type CallbackRoute,
  type KeyShape,
} from "../../src/expressions/callback-key.js";
import type { RuntimeExpression } from "../../src/expressions/runtime-expression.js";
import { isValidIdentifier } from "../../src/emit/encoders.js";
import { joinBaseUrl } from "../../src/expressions/subscription.js";
import { CORPUS, hostileStrings, itShared } from "../support/shared.js";

/** What a test pins down: everything but the wording of the problems. */
type Want = Omit<CallbackKeyAnalysis, "key" | "problems" | "route"> & {
  route?: Partial<CallbackRoute>;
  problems: number;
  /** Severities in order, when it matters. */
  severities?: ("warning" | "info")[];
};

function summary(a: CallbackKeyAnalysis): Omit<Want, "severities"> & { route: CallbackRoute } {
  const { key: _key, problems, ...rest } = a;
  return { ...rest, problems: problems.length };
}

function want(w: Want): Omit<Want, "severities"> & { route: CallbackRoute } {
  const { severities: _s, route, ...rest } = w;
  return { ...rest, route: { path: "/", pathParams: [], queryParams: [], ...route } };
}

const body = (...pointer: string[]): RuntimeExpression => ({ kind: "body", from: "request", pointer });
const responseBody = (...pointer: string[]): RuntimeExpression => ({ kind: "body", from: "response", pointer });
const query = (name: string): RuntimeExpression => ({ kind: "query", from: "request", name });

interface Row {
  given: string;
  want: Want;
}

/** Every key in INDEX.md "Callback keys seen" (the real corpus), analysed in full. */
const corpusRows: Row[] = [
  {
    given: "{$request.query.callbackUrl}/data",
    want: { shape: "expression-with-path", standard: true, route: { path: "/data" }, subscriberBase: { expression: query("callbackUrl"), text: "$request.query.callbackUrl" }, afterBase: "slash", problems: 0 },
  },
  {
    given: "{$request.query.queryUrl}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: query("queryUrl"), text: "$request.query.queryUrl" }, afterBase: "end", problems: 0 },
  },
  {
    given: "http://notificationServer.com?transactionId={$request.body#/id}&email={$request.body#/email}",
    want: {
      shape: "absolute-url-with-expressions",
      standard: true,
      route: {
        origin: "http://notificationServer.com",
        path: "/",
        queryParams: [
          { name: "transactionId", expression: "$request.body#/id", identifier: "transactionId", source: body("id") },
          { name: "email", expression: "$request.body#/email", identifier: "email", source: body("email") },
        ],
      },
      problems: 0,
    },
  },
  {
    given: "{$request.body#/webhook_url}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: body("webhook_url"), text: "$request.body#/webhook_url" }, afterBase: "end", problems: 0 },
  },
  {
    // valid, but the pointer names one key called "webhooks.url": an info notice
    given: "{$request.body#/webhooks.url}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: body("webhooks.url"), text: "$request.body#/webhooks.url" }, afterBase: "end", problems: 1, severities: ["info"] },
  },
  {
    given: "{webhookURL}",
    want: { shape: "bare-variable", standard: false, subscriberBase: { nonstandard: "webhookURL" }, afterBase: "end", problems: 1, severities: ["warning"] },
  },
  {
    given: "{$callback_url}/invoices/{$request.body.id}",
    want: {
      shape: "nonstandard-variable",
      standard: false,
      route: { path: "/invoices/{id}", pathParams: [{ name: "id", expression: "$request.body.id", source: body("id") }] },
      subscriberBase: { nonstandard: "$callback_url" },
      afterBase: "slash",
      problems: 2,
      severities: ["warning", "warning"],
    },
  },
  {
    given: "{$callback_url}/events/{$request.body.title}",
    want: {
      shape: "nonstandard-variable",
      standard: false,
      route: { path: "/events/{title}", pathParams: [{ name: "title", expression: "$request.body.title", source: body("title") }] },
      subscriberBase: { nonstandard: "$callback_url" },
      afterBase: "slash",
      problems: 2,
    },
  },
  {
    given: "{$callback_url}/callback/",
    want: { shape: "nonstandard-variable", standard: false, route: { path: "/callback/" }, subscriberBase: { nonstandard: "$callback_url" }, afterBase: "slash", problems: 1 },
  },
  {
    given: "Provided URL in /webhook_subscriptions",
    want: { shape: "free-text", standard: false, subscriberBase: { nonstandard: "Provided URL in /webhook_subscriptions" }, afterBase: "end", problems: 1, severities: ["warning"] },
  },
  {
    given: "https://search.example.org/api/v1/search/videos",
    want: { shape: "absolute-url", standard: false, route: { origin: "https://search.example.org", path: "/api/v1/search/videos" }, problems: 1, severities: ["warning"] },
  },
];

/** Shapes STATS.md reports from documents not in the corpus snapshot (3GPP, Telnyx 3.0, Vonage). */
const statsRows: Row[] = [
  {
    given: "{$response.body#/data/webhook_url}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: responseBody("data", "webhook_url"), text: "$response.body#/data/webhook_url" }, afterBase: "end", problems: 0 },
  },
  {
    given: "{$request.body#/ascReqData/evSubsc/notifUri}",
    want: {
      shape: "expression",
      standard: true,
      subscriberBase: { expression: body("ascReqData", "evSubsc", "notifUri"), text: "$request.body#/ascReqData/evSubsc/notifUri" },
      afterBase: "end",
      problems: 0,
    },
  },
  {
    given: "{$request.body#/notifUri}/notify",
    want: { shape: "expression-with-path", standard: true, route: { path: "/notify" }, subscriberBase: { expression: body("notifUri"), text: "$request.body#/notifUri" }, afterBase: "slash", problems: 0 },
  },
  {
    given: "{$request.body#/notifUri}/terminate",
    want: { shape: "expression-with-path", standard: true, route: { path: "/terminate" }, subscriberBase: { expression: body("notifUri"), text: "$request.body#/notifUri" }, afterBase: "slash", problems: 0 },
  },
  {
    given: "{$request.query.callback}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: query("callback"), text: "$request.query.callback" }, afterBase: "end", problems: 0 },
  },
  {
    given: "{request.body#/notifUri}",
    want: { shape: "missing-dollar", standard: false, subscriberBase: { expression: body("notifUri"), text: "request.body#/notifUri" }, afterBase: "end", problems: 1, severities: ["warning"] },
  },
  {
    given: "{request.body#/ascReqData/evSubsc/notifUri}",
    want: {
      shape: "missing-dollar",
      standard: false,
      subscriberBase: { expression: body("ascReqData", "evSubsc", "notifUri"), text: "request.body#/ascReqData/evSubsc/notifUri" },
      afterBase: "end",
      problems: 1,
    },
  },
  {
    given: "{eventNotificationUri}",
    want: { shape: "bare-variable", standard: false, subscriberBase: { nonstandard: "eventNotificationUri" }, afterBase: "end", problems: 1 },
  },
  {
    given: "{$request.body#/subsNotifUri",
    want: { shape: "unclosed-brace", standard: false, subscriberBase: { expression: body("subsNotifUri"), text: "$request.body#/subsNotifUri" }, afterBase: "end", problems: 1, severities: ["warning"] },
  },
  {
    given: "{$request.body.id}",
    want: { shape: "dotted-body", standard: false, subscriberBase: { expression: body("id"), text: "$request.body.id" }, afterBase: "end", problems: 1, severities: ["warning"] },
  },
  {
    given: "{$callback_url}",
    want: { shape: "nonstandard-variable", standard: false, subscriberBase: { nonstandard: "$callback_url" }, afterBase: "end", problems: 1 },
  },
  {
    given: "",
    want: { shape: "empty", standard: false, subscriberBase: { nonstandard: "" }, afterBase: "end", problems: 1, severities: ["warning"] },
  },
  {
    given: "{}",
    want: { shape: "empty-expression", standard: false, subscriberBase: { nonstandard: "" }, afterBase: "end", problems: 1, severities: ["warning"] },
  },
];

/** Every expression kind in base and path positions, and the edges of the template reading. */
const syntheticRows: Row[] = [
  {
    given: "{$request.header.X-Callback-Url}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: { kind: "header", from: "request", name: "X-Callback-Url" }, text: "$request.header.X-Callback-Url" }, afterBase: "end", problems: 0 },
  },
  {
    given: "{$request.path.hookUrl}/events",
    want: { shape: "expression-with-path", standard: true, route: { path: "/events" }, subscriberBase: { expression: { kind: "path", from: "request", name: "hookUrl" }, text: "$request.path.hookUrl" }, afterBase: "slash", problems: 0 },
  },
  {
    given: "{$url}/callback",
    want: { shape: "expression-with-path", standard: true, route: { path: "/callback" }, subscriberBase: { expression: { kind: "url" }, text: "$url" }, afterBase: "slash", problems: 0 },
  },
  {
    given: "{$method}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: { kind: "method" }, text: "$method" }, afterBase: "end", problems: 1, severities: ["warning"] },
  },
  {
    given: "{$statusCode}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: { kind: "statusCode" }, text: "$statusCode" }, afterBase: "end", problems: 1 },
  },
  {
    given: "{$request.body}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: body(), text: "$request.body" }, afterBase: "end", problems: 0 },
  },
  {
    given: "{$request.body#}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: body(), text: "$request.body#" }, afterBase: "end", problems: 0 },
  },
  {
    given: "{$request.query.}",
    want: { shape: "expression", standard: true, subscriberBase: { expression: query(""), text: "$request.query." }, afterBase: "end", problems: 1, severities: ["info"] },
  },
  {
    given: "{$request.body#/url}/{$method}/{$statusCode}/{$url}/{$request.header.X-Id}/{$request.query.q}/{$request.path.p}/{$request.body}/{$response.body#/a~1b}",
    want: {
      shape: "expression-with-path",
      standard: true,
      route: {
        path: "/{method}/{statusCode}/{url}/{xId}/{q}/{p}/{body}/{aB}",
        pathParams: [
          { name: "method", expression: "$method", source: { kind: "method" } },
          { name: "statusCode", expression: "$statusCode", source: { kind: "statusCode" } },
          { name: "url", expression: "$url", source: { kind: "url" } },
          { name: "xId", expression: "$request.header.X-Id", source: { kind: "header", from: "request", name: "X-Id" } },
          { name: "q", expression: "$request.query.q", source: query("q") },
          { name: "p", expression: "$request.path.p", source: { kind: "path", from: "request", name: "p" } },
          { name: "body", expression: "$request.body", source: body() },
          { name: "aB", expression: "$response.body#/a~1b", source: responseBody("a/b") },
        ],
      },
      subscriberBase: { expression: body("url"), text: "$request.body#/url" },
      afterBase: "slash",
      problems: 0,
    },
  },
  {
    // collisions get the lowest free suffix, in key order
    given: "{$request.body#/url}/{$request.body#/id}/{$request.query.id}/{$request.body#/data/id}",
    want: {
      shape: "expression-with-path",
      standard: true,
      route: {
        path: "/{id}/{id2}/{id3}",
        pathParams: [
          { name: "id", expression: "$request.body#/id", source: body("id") },
          { name: "id2", expression: "$request.query.id", source: query("id") },
          { name: "id3", expression: "$request.body#/data/id", source: body("data", "id") },
        ],
      },
      subscriberBase: { expression: body("url"), text: "$request.body#/url" },
      afterBase: "slash",
      problems: 0,
    },
  },
  {
    given: "{$request.body#/url}/items/{$request.body#/id}.json",
    want: {
      shape: "expression-with-path",
      standard: true,
      route: { path: "/items/{id}.json", pathParams: [{ name: "id", expression: "$request.body#/id", source: body("id") }] },
      subscriberBase: { expression: body("url"), text: "$request.body#/url" },
      afterBase: "slash",
      problems: 0,
    },
  },
  {
    // literal text is percent-encoded; the only braces left in a route are parameters
    given: "{$request.body#/url}/a b/ü/%7b{$request.body#/x}%7D/100%",
    want: {
      shape: "expression-with-path",
      standard: true,
      route: { path: "/a%20b/%C3%BC/%7B{x}%7D/100%25", pathParams: [{ name: "x", expression: "$request.body#/x", source: body("x") }] },
      subscriberBase: { expression: body("url"), text: "$request.body#/url" },
      afterBase: "slash",
      problems: 0,
    },
  },
  {
    given: "{$request.body#/url}?token=a%20b&mode&empty=&x=1=2",
    want: {
      shape: "expression-with-path",
      standard: true,
      route: {
        path: "/",
        queryParams: [
          { name: "token", constant: "a b" },
          { name: "mode", constant: "" },
          { name: "empty", constant: "" },
          { name: "x", constant: "1=2" },
        ],
      },
      subscriberBase: { expression: body("url"), text: "$request.body#/url" },
      afterBase: "query",
      problems: 0,
    },
  },
  {
    given: "{$request.body#/url}?sig=v1:{$request.body#/sig}",
    want: {
      shape: "expression-with-path",
      standard: true,
      route: { queryParams: [{ name: "sig", expression: "v1:{$request.body#/sig}", identifier: "sig" }] },
      subscriberBase: { expression: body("url"), text: "$request.body#/url" },
      afterBase: "query",
      problems: 1,
      severities: ["info"],
    },
  },
  {
    given: "{$request.body#/url}?{$request.body#/k}=v&id={$request.body#/id}",
    want: {
      shape: "expression-with-path",
      standard: true,
      route: { queryParams: [{ name: "id", expression: "$request.body#/id", identifier: "id", source: body("id") }] },
      subscriberBase: { expression: body("url"), text: "$request.body#/url" },
      afterBase: "query",
      problems: 1,
      severities: ["info"],
    },
  },
  {
    given: "{$request.body#/url}data",
    want: { shape: "expression-with-path", standard: true, route: { path: "/data" }, subscriberBase: { expression: body("url"), text: "$request.body#/url" }, afterBase: "text", problems: 1, severities: ["info"] },
  },
  {
    given: "{$request.body#/url}{$request.body#/id}",
    want: {
      shape: "expression-with-path",
      standard: true,
      route: { path: "/{id}", pathParams: [{ name: "id", expression: "$request.body#/id", source: body("id") }] },
      subscriberBase: { expression: body("url"), text: "$request.body#/url" },
      afterBase: "text",
      problems: 1,
    },
  },
  {
    given: "{$request.body#/url}#frag{$request.body#/x}",
    want: { shape: "expression-with-path", standard: true, subscriberBase: { expression: body("url"), text: "$request.body#/url" }, afterBase: "end", problems: 1, severities: ["info"] },
  },
  {
    given: "{$request.body#/url}/a?b=1#frag",
    want: {
      shape: "expression-with-path",
      standard: true,
      route: { path: "/a", queryParams: [{ name: "b", constant: "1" }] },
      subscriberBase: { expression: body("url"), text: "$request.body#/url" },
      afterBase: "slash",
      problems: 1,
    },
  },
  {
    given: "https://hooks.example.com/{$request.body#/id}/events?x=1",
    want: {
      shape: "absolute-url-with-expressions",
      standard: true,
      route: { origin: "https://hooks.example.com", path: "/{id}/events", pathParams: [{ name: "id", expression: "$request.body#/id", source: body("id") }], queryParams: [{ name: "x", constant: "1" }] },
      problems: 0,
    },
  },
  {
    given: "https://{$request.body#/host}/hooks",
    want: { shape: "expression-in-authority", standard: true, route: { path: "/hooks" }, problems: 1, severities: ["info"] },
  },
  {
    given: "https://api.{$request.body#/region}.example.com",
    want: { shape: "expression-in-authority", standard: true, problems: 1 },
  },
  {
    given: "http://example.com",
    want: { shape: "absolute-url", standard: false, route: { origin: "http://example.com" }, problems: 1 },
  },
  {
    given: "/hooks/{$request.body#/id}",
    want: {
      shape: "relative-path",
      standard: false,
      route: { path: "/hooks/{id}", pathParams: [{ name: "id", expression: "$request.body#/id", source: body("id") }] },
      subscriberBase: { nonstandard: "" },
      afterBase: "slash",
      problems: 1,
      severities: ["warning"],
    },
  },
  {
    given: "{$request.body.data.url}",
    want: { shape: "dotted-body", standard: false, subscriberBase: { expression: body("data", "url"), text: "$request.body.data.url" }, afterBase: "end", problems: 1 },
  },
  {
    given: "{request.body.id}",
    want: { shape: "missing-dollar", standard: false, subscriberBase: { expression: body("id"), text: "request.body.id" }, afterBase: "end", problems: 1 },
  },
  {
    given: "{request.query.cb}/x",
    want: { shape: "missing-dollar", standard: false, route: { path: "/x" }, subscriberBase: { expression: query("cb"), text: "request.query.cb" }, afterBase: "slash", problems: 1 },
  },
  {
    given: "{ $request.body#/url }",
    want: { shape: "invalid-expression", standard: false, subscriberBase: { expression: body("url"), text: " $request.body#/url " }, afterBase: "end", problems: 1 },
  },
  {
    given: "{$URL}",
    want: { shape: "invalid-expression", standard: false, subscriberBase: { nonstandard: "$URL" }, afterBase: "end", problems: 1 },
  },
  {
    given: "{$request.bogus}/x/{$request.body#/a~2}",
    want: {
      shape: "invalid-expression",
      standard: false,
      route: { path: "/x/{a2}", pathParams: [{ name: "a2", expression: "$request.body#/a~2" }] },
      subscriberBase: { nonstandard: "$request.bogus" },
      afterBase: "slash",
      problems: 2,
    },
  },
  {
    given: "{url}",
    want: { shape: "bare-variable", standard: false, subscriberBase: { nonstandard: "url" }, afterBase: "end", problems: 1 },
  },
  {
    given: "{$request.body#/url}/sessions/{sessionId}",
    want: {
      shape: "bare-variable",
      standard: false,
      route: { path: "/sessions/{sessionId}", pathParams: [{ name: "sessionId", expression: "sessionId" }] },
      subscriberBase: { expression: body("url"), text: "$request.body#/url" },
      afterBase: "slash",
      problems: 1,
    },
  },
  {
    // a `{` before any `}` cuts the earlier expression
    given: "{$request.body#/a{$request.body#/b}",
    want: {
      shape: "unclosed-brace",
      standard: false,
      route: { path: "/{b}", pathParams: [{ name: "b", expression: "$request.body#/b", source: body("b") }] },
      subscriberBase: { expression: body("a"), text: "$request.body#/a" },
      afterBase: "text",
      problems: 2,
    },
  },
  {
    given: "{$request.body#/url}}",
    want: { shape: "stray-brace", standard: false, route: { path: "/%7D" }, subscriberBase: { expression: body("url"), text: "$request.body#/url" }, afterBase: "text", problems: 2 },
  },
  {
    given: "https://x.example/a}b}",
    want: { shape: "stray-brace", standard: false, route: { origin: "https://x.example", path: "/a%7Db%7D" }, problems: 2 },
  },
  {
    given: "   ",
    want: { shape: "free-text", standard: false, subscriberBase: { nonstandard: "   " }, afterBase: "end", problems: 1 },
  },
  {
    // names: reserved words, digits, accents, scripts without ASCII letters, prototype names
    given: "{$x}/{$request.body#/type}/{$request.body#/123}/{$request.body#/café}/{$request.body#/日本}/{$request.body#/__proto__}/{$request.body#/}",
    want: {
      shape: "nonstandard-variable",
      standard: false,
      route: {
        path: "/{type_}/{_123}/{cafe}/{param}/{proto}/{body}",
        pathParams: [
          { name: "type_", expression: "$request.body#/type", source: body("type") },
          { name: "_123", expression: "$request.body#/123", source: body("123") },
          { name: "cafe", expression: "$request.body#/café", source: body("café") },
          { name: "param", expression: "$request.body#/日本", source: body("日本") },
          { name: "proto", expression: "$request.body#/__proto__", source: body("__proto__") },
          { name: "body", expression: "$request.body#/", source: body("") },
        ],
      },
      subscriberBase: { nonstandard: "$x" },
      afterBase: "slash",
      problems: 1,
    },
  },
];

describe("analyzeCallbackKey", () => {
  for (const [group, rows] of Object.entries({ corpus: corpusRows, "STATS.md shapes": statsRows, synthetic: syntheticRows })) {
    test.each(rows)(`${group}: $given`, ({ given, want: w }) => {
      const analysis = analyzeCallbackKey(given);
      expect(analysis.key).toBe(given);
      expect(summary(analysis)).toEqual(want(w));
      if (w.severities) expect(analysis.problems.map((p) => p.severity)).toEqual(w.severities);
      for (const p of analysis.problems) {
        expect(p.message.length).toBeGreaterThan(0);
        expect(p.hint.length).toBeGreaterThan(0);
      }
    });
  }

  itShared("the table covers every key INDEX.md lists as seen in the corpus", () => {
    const index = readFileSync(path.join(CORPUS, "INDEX.md"), "utf8");
    const listed = new Set(indexKeys(index));
    expect(listed.size).toBeGreaterThanOrEqual(11);
    expect(new Set(corpusRows.map((r) => r.given))).toEqual(listed);
  });

  test("every shape is exercised by the table", () => {
    const all: KeyShape[] = [
      "expression", "expression-with-path", "absolute-url-with-expressions", "expression-in-authority", "empty", "unclosed-brace",
      "free-text", "missing-dollar", "dotted-body", "nonstandard-variable", "bare-variable", "empty-expression",
      "invalid-expression", "stray-brace", "relative-path", "absolute-url",
    ];
    const seen = new Set([...corpusRows, ...statsRows, ...syntheticRows].map((r) => r.want.shape));
    expect([...seen].sort()).toEqual([...all].sort());
  });
});

describe("problem wording", () => {
  test("the FastAPI key explains both deviations, the fallback and the standard form", () => {
    const { problems } = analyzeCallbackKey("{$callback_url}/invoices/{$request.body.id}");
    expect(problems).toEqual([
      {
        severity: "warning",
        message: "`{$callback_url}` is not a runtime expression: after `$` the spec defines only `url`, `method`, `statusCode`, `request.` and `response.`",
        hint: "Used as the URL the subscriber supplied; the route is relative to it. If the value is sent in the subscribing request, the provider should say where, e.g. `{$request.query.callback_url}` or `{$request.body#/callback_url}`.",
        offset: 0,
      },
      {
        severity: "warning",
        message: "`{$request.body.id}` reaches into the body with dots; a runtime expression uses a JSON pointer after `#`",
        hint: "Read as `{$request.body#/id}` and used as the path parameter `id`. The provider should write `{$request.body#/id}`.",
        offset: 25,
      },
    ]);
  });

  test("an unclosed brace says where it opened and how it was read", () => {
    expect(analyzeCallbackKey("{$request.body#/subsNotifUri").problems).toEqual([
      {
        severity: "warning",
        message: "the `{` at offset 0 is never closed",
        hint: "Read as if `}` followed it: `{$request.body#/subsNotifUri}`. The provider should close the brace.",
        offset: 0,
      },
    ]);
  });

  test("an invalid expression carries the parser's message, positioned in the key", () => {
    const [problem] = analyzeCallbackKey("{$request.body#/url}/{$request.body#/a~2}").problems;
    expect(problem?.message).toBe("`{$request.body#/a~2}` is not a valid runtime expression: invalid escape `~2` in a JSON pointer at offset 16: write `~` as `~0` and `/` as `~1` (RFC 6901 §3)");
    expect(problem?.offset).toBe(21 + 1 + 16);
    expect(problem?.hint).toMatch(/^Used as the path parameter `a2`\. Valid forms are /);
  });

  test("a constant URL names the host and the route", () => {
    expect(analyzeCallbackKey("https://search.example.org/api/v1/search/videos").problems[0]?.hint).toBe(
      "The route is `/api/v1/search/videos` on https://search.example.org; serve it only if you run that host. If the URL should come from the subscriber, the provider should write e.g. `{$request.body#/callbackUrl}`.",
    );
  });

  test("WhatsApp's dotted pointer suggests the nested form without changing the reading", () => {
    const a = analyzeCallbackKey("{$request.body#/webhooks.url}");
    expect(a.problems[0]?.hint).toContain("`{$request.body#/webhooks/url}`");
  });

  test("an expression that is not used says so", () => {
    const prose = analyzeCallbackKey("See {webhookURL} in the docs");
    expect(prose.problems.map((p) => p.hint)).toEqual([
      "Treated as a URL the subscriber supplied (registered out of band); the route is `/` relative to it. The provider should write the expression that carries the URL, e.g. `{$request.body#/callbackUrl}`.",
      "Ignored: the key is read as prose. If the value is sent in the subscribing request, the provider should say where, e.g. `{$request.body#/webhookURL}` or `{$request.query.webhookURL}`.",
    ]);
    expect(analyzeCallbackKey("{$x}#{request.body#/y}").problems.map((p) => p.hint)).toContain(
      "Read as `{$request.body#/y}`, but ignored: it is inside the URL fragment. The provider should write `{$request.body#/y}`.",
    );
  });

  test("a base that is not a URL keeps its route", () => {
    expect(analyzeCallbackKey("{$method}/x").problems).toEqual([
      {
        severity: "warning",
        message: "the base `{$method}` evaluates to an HTTP method, not a URL",
        hint: "Still treated as a URL the subscriber supplied, with the route `/x` relative to it. The provider should write the expression that carries the URL, e.g. `{$request.body#/callbackUrl}`.",
        offset: 0,
      },
    ]);
  });

  test("problems are sorted by offset, key-level ones first", () => {
    const offsets = analyzeCallbackKey("/x/{a}/{$b}/{request.body#/c}}").problems.map((p) => p.offset ?? -1);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(offsets[0]).toBe(-1);
  });
});

describe("readExpression", () => {
  test.each([
    { given: "$request.body#/x", want: { status: "standard", expression: body("x") } },
    { given: "request.body#/x", want: { status: "missing-dollar", expression: body("x") } },
    { given: "response.body.data.url", want: { status: "missing-dollar", expression: responseBody("data", "url") } },
    { given: "$response.body.url", want: { status: "dotted-body", expression: responseBody("url") } },
    { given: "$callback_url", want: { status: "nonstandard-variable" } },
    { given: "$my-hook", want: { status: "nonstandard-variable" } },
    { given: "webhookURL", want: { status: "bare-variable" } },
    { given: "method", want: { status: "bare-variable" } },
    { given: "", want: { status: "empty" } },
    { given: "  ", want: { status: "empty" } },
    { given: " $url", want: { status: "invalid", expression: { kind: "url" } } },
    { given: " $callback_url ", want: { status: "nonstandard-variable" } },
    { given: "$request", want: { status: "invalid" } },
    { given: "$Method", want: { status: "invalid" } },
    { given: "$a.b", want: { status: "invalid" } },
    { given: "request.nope", want: { status: "invalid" } },
    { given: "$request.body.a#/b", want: { status: "invalid" } },
    { given: "a b", want: { status: "invalid" } },
  ])("$given → $want.status", ({ given, want: w }) => {
    const { error, ...reading } = readExpression(given);
    expect(reading).toEqual(w);
    expect(error === undefined).toBe(w.status === "standard");
  });
});

describe("identifierFrom", () => {
  test.each([
    ["callback_url", "callbackUrl"],
    ["webhookURL", "webhookURL"],
    ["X-Request-ID", "xRequestID"],
    ["ID", "id"],
    ["webhooks.url", "webhooksUrl"],
    ["Ünïcödé name", "unicodeName"],
    ["42", "_42"],
    ["default", "default_"],
    ["z", "z_"],
    ["", "param"],
    ["---", "param"],
  ])("%j → %s", (given, wanted) => {
    expect(identifierFrom(given)).toBe(wanted);
    expect(isValidIdentifier(identifierFrom(given))).toBe(true);
  });
});

describe("encodePathText", () => {
  test.each([
    ["/a/b-c._~!$&'()*+,;=:@", "/a/b-c._~!$&'()*+,;=:@"],
    ["{x}", "%7Bx%7D"],
    ["a b", "a%20b"],
    ["%7b%2F", "%7B%2F"],
    ["100%", "100%25"],
    ["%zz", "%25zz"],
    ["é😀", "%C3%A9%F0%9F%98%80"],
    ["\ud800", "%EF%BF%BD"],
    ['"<>\\^`|', "%22%3C%3E%5C%5E%60%7C"],
  ])("%j → %s", (given, wanted) => {
    expect(encodePathText(given)).toBe(wanted);
  });
});

// ── properties ───────────────────────────────────────────────────────────────────────────

const STANDARD_SHAPES = new Set<KeyShape>(["expression", "expression-with-path", "absolute-url-with-expressions", "expression-in-authority"]);
/** The route path grammar the module promises: pchar, `/`, `%XX`, and `{identifier}`. */
const ROUTE_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2}|\{[A-Za-z_$][A-Za-z0-9_$]*\})*$/;

function checkInvariants(key: string): void {
  const a = analyzeCallbackKey(key);
  expect(a.key).toBe(key);
  expect(a.route.path).toMatch(ROUTE_PATH);
  const placeholders = [...a.route.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  expect(placeholders).toEqual(a.route.pathParams.map((p) => p.name));
  const identifiers = [...a.route.pathParams.map((p) => p.name), ...a.route.queryParams.flatMap((q) => (q.identifier ? [q.identifier] : []))];
  for (const id of identifiers) expect(isValidIdentifier(id)).toBe(true);
  expect(new Set(identifiers).size).toBe(identifiers.length);
  for (const q of a.route.queryParams) expect((q.constant === undefined) !== (q.expression === undefined)).toBe(true);
  expect(a.standard).toBe(STANDARD_SHAPES.has(a.shape));
  if (!a.standard) expect(a.problems.length).toBeGreaterThanOrEqual(1);
  expect(a.subscriberBase === undefined).toBe(a.afterBase === undefined);
  // Only a key that starts with `scheme://` takes the base away from the subscriber.
  expect(a.subscriberBase === undefined).toBe(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(key));
  for (const p of a.problems) {
    expect(p.message).not.toBe("");
    expect(p.hint).not.toBe("");
    if (p.offset !== undefined) {
      expect(p.offset).toBeGreaterThanOrEqual(0);
      expect(p.offset).toBeLessThanOrEqual(key.length);
    }
  }
  // Deterministic, and the route can always be turned into a URL.
  expect(analyzeCallbackKey(key)).toEqual(a);
  const params = Object.fromEntries(a.route.pathParams.map((p) => [p.name, "v"]));
  expect(() => joinBaseUrl(a.route.origin ?? "https://me.example/hooks/", a.route.path, params)).not.toThrow();
}

const templateUnit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("{", "}", "$", ".", "#", "/", "~", "?", "&", "=") },
  { weight: 3, arbitrary: fc.constantFrom("request", "response", "body", "query", "header", "path", "url", "method", "statusCode", "http://", "a", "0", "1", " ") },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 2 }) },
);

describe("properties", () => {
  test("random strings never throw and satisfy the invariants", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), checkInvariants), { numRuns: 1500 });
  });

  test("strings built from template characters never throw and satisfy the invariants", () => {
    fc.assert(fc.property(fc.string({ unit: templateUnit, maxLength: 30 }), checkInvariants), { numRuns: 4000 });
  });

  itShared("hostile strings (shared/vectors) in every slot of a key", () => {
    const hostile = hostileStrings();
    expect(hostile.strings.length).toBeGreaterThan(10);
    for (const { value } of hostile.strings) {
      for (const key of [
        value,
        `{${value}}`,
        `{$request.body#/${value}}`,
        `{$request.query.${value}}/x`,
        `{$callback_url}/${value}/{$request.body#/${value}}`,
        `https://example.com/${value}?${value}={$request.body#/${value}}`,
        `{$request.body#/url}/{$request.header.${value}}`,
      ]) {
        checkInvariants(key);
      }
    }
  });

  test("long keys stay linear (100 000 braces, 20 000 clashing parameter names)", () => {
    const started = performance.now();
    const keys = ["{".repeat(100_000), "}".repeat(100_000), "{$request.body#/a}".repeat(20_000), "/".repeat(100_000), "{$x}?" + "a={$request.body#/a}&".repeat(20_000)];
    for (const key of keys) {
      expect(analyzeCallbackKey(key).route.path).toMatch(ROUTE_PATH);
    }
    // About 0.6 s in total when linear; the quadratic version this guards against took minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

/** Keys from INDEX.md "Callback keys seen": `- **name** (N distinct): `k1`, `k2``. */
function indexKeys(markdown: string): string[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith("Callback keys seen"));
  if (!section) throw new Error("INDEX.md has no 'Callback keys seen' section");
  const keys: string[] = [];
  for (const line of section.split("\n")) {
    const m = /^- \*\*[^*]+\*\* \(\d+ distinct\): (.*)$/.exec(line);
    if (m) for (const k of m[1]!.matchAll(/`([^`]*)`/g)) keys.push(k[1]!);
  }
  return keys;
}
