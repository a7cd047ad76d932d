import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { analyzeCallbackKey } from "../../src/expressions/callback-key.js";
import {
  joinBaseUrl,
  subscriptionTarget,
  subscriptionValue,
  type SubscriptionTargetResult,
  type TrailingSlash,
} from "../../src/expressions/subscription.js";

describe("subscriptionTarget", () => {
  test.each<{ given: string; want: SubscriptionTargetResult }>([
    { given: "{$request.query.callbackUrl}/data", want: { ok: true, target: { in: "query", name: "callbackUrl", trailingSlash: "strip" } } },
    { given: "{$request.query.queryUrl}", want: { ok: true, target: { in: "query", name: "queryUrl", trailingSlash: "keep" } } },
    { given: "{$request.body#/callbackUrl}", want: { ok: true, target: { in: "body", pointer: ["callbackUrl"], trailingSlash: "keep" } } },
    { given: "{$request.body#/webhooks.url}", want: { ok: true, target: { in: "body", pointer: ["webhooks.url"], trailingSlash: "keep" } } },
    { given: "{$request.body}", want: { ok: true, target: { in: "body", pointer: [], trailingSlash: "keep" } } },
    { given: "{$request.header.X-Callback-Url}/x", want: { ok: true, target: { in: "header", name: "X-Callback-Url", trailingSlash: "strip" } } },
    { given: "{$request.path.hook}?a=1", want: { ok: true, target: { in: "path", name: "hook", trailingSlash: "keep" } } },
    { given: "{$request.body#/url}data", want: { ok: true, target: { in: "body", pointer: ["url"], trailingSlash: "ensure" } } },
    // repaired readings still give a helper: the reading is unambiguous
    { given: "{request.body#/notifUri}", want: { ok: true, target: { in: "body", pointer: ["notifUri"], trailingSlash: "keep" } } },
    { given: "{$request.body.data.url}/x", want: { ok: true, target: { in: "body", pointer: ["data", "url"], trailingSlash: "strip" } } },
    { given: "{$request.body#/subsNotifUri", want: { ok: true, target: { in: "body", pointer: ["subsNotifUri"], trailingSlash: "keep" } } },
    {
      given: "{$response.body#/data/webhook_url}",
      want: { ok: false, reason: "the URL comes from the provider's response (`$response.body#/data/webhook_url`): it was registered some other way, and the subscribing request does not carry it" },
    },
    {
      given: "{$response.header.Location}",
      want: { ok: false, reason: "the URL comes from the provider's response (`$response.header.Location`): it was registered some other way, and the subscribing request does not carry it" },
    },
    { given: "{$url}/callback", want: { ok: false, reason: "`$url` is the URL of the subscribing request itself: the provider calls back the URL it was called at" } },
    { given: "{$method}", want: { ok: false, reason: "`$method` is not a URL" } },
    { given: "{$statusCode}", want: { ok: false, reason: "`$statusCode` is not a URL" } },
    {
      given: "https://search.example.org/api/v1/search/videos",
      want: { ok: false, reason: "the key fixes the host (https://search.example.org); the subscriber does not supply a URL" },
    },
    {
      given: "http://notificationServer.com?transactionId={$request.body#/id}&email={$request.body#/email}",
      want: { ok: false, reason: "the key fixes the host (http://notificationServer.com); the subscriber does not supply a URL" },
    },
    { given: "https://{$request.body#/host}/hooks", want: { ok: false, reason: "the key computes only part of the host; the subscriber does not supply a whole URL" } },
    {
      given: "{$callback_url}/invoices/{$request.body.id}",
      want: {
        ok: false,
        reason: 'the key names the subscriber\'s URL as "$callback_url", which is not a runtime expression, so it is unknown which field of the subscribing request carries it',
        candidateName: "callback_url",
      },
    },
    {
      given: "{webhookURL}",
      want: { ok: false, reason: 'the key names the subscriber\'s URL as "webhookURL", which is not a runtime expression, so it is unknown which field of the subscribing request carries it', candidateName: "webhookURL" },
    },
    {
      given: "Provided URL in /webhook_subscriptions",
      want: { ok: false, reason: 'the key names the subscriber\'s URL as "Provided URL in /webhook_subscriptions", which is not a runtime expression, so it is unknown which field of the subscribing request carries it' },
    },
    { given: "", want: { ok: false, reason: "the key does not say where the subscriber's URL comes from" } },
    { given: "{}", want: { ok: false, reason: "the key does not say where the subscriber's URL comes from" } },
    { given: "/hooks/{$request.body#/id}", want: { ok: false, reason: "the key does not say where the subscriber's URL comes from" } },
  ])("$given", ({ given, want }) => {
    expect(subscriptionTarget(analyzeCallbackKey(given))).toEqual(want);
  });
});

describe("subscriptionValue", () => {
  test.each<[string, TrailingSlash, string]>([
    ["https://me.example/hooks/", "strip", "https://me.example/hooks"],
    ["https://me.example/hooks///", "strip", "https://me.example/hooks"],
    ["https://me.example/hooks", "strip", "https://me.example/hooks"],
    ["https://me.example/hooks", "ensure", "https://me.example/hooks/"],
    ["https://me.example/hooks//", "ensure", "https://me.example/hooks/"],
    ["https://me.example/hooks/", "keep", "https://me.example/hooks/"],
    ["https://me.example/hooks", "keep", "https://me.example/hooks"],
  ])("%s, %s → %s", (base, trailingSlash, want) => {
    expect(subscriptionValue(base, trailingSlash)).toBe(want);
  });
});

describe("joinBaseUrl", () => {
  test.each<[string, string, Record<string, string | number>, string]>([
    ["https://me.example/hooks/", "/data", {}, "https://me.example/hooks/data"],
    ["https://me.example/hooks", "/data", {}, "https://me.example/hooks/data"],
    ["https://me.example/hooks//", "/data", {}, "https://me.example/hooks/data"],
    ["https://me.example", "/data", {}, "https://me.example/data"],
    ["https://me.example/", "/data/", {}, "https://me.example/data/"],
    // the key was the base alone: the base is the URL, as registered
    ["https://me.example/hooks", "/", {}, "https://me.example/hooks"],
    ["https://me.example/hooks/", "/", {}, "https://me.example/hooks/"],
    ["https://me.example/hooks?token=abc", "/data", {}, "https://me.example/hooks/data?token=abc"],
    ["https://me.example/hooks#frag", "/data", {}, "https://me.example/hooks/data"],
    ["https://me.example", "/invoices/{id}", { id: "inv 1/2" }, "https://me.example/invoices/inv%201%2F2"],
    ["https://me.example", "/items/{id}.json", { id: 42 }, "https://me.example/items/42.json"],
    ["https://me.example", "/{a}/{b}", { a: "é", b: "\ud800" }, "https://me.example/%C3%A9/%EF%BF%BD"],
    ["https://me.example", "/{a}", { a: "{b}?#&=%" }, "https://me.example/%7Bb%7D%3F%23%26%3D%25"],
    // literal text was percent-encoded by the analysis and is left alone
    ["https://me.example", "/%7Bx%7D/{x}", { x: "y" }, "https://me.example/%7Bx%7D/y"],
  ])("%s + %s %j → %s", (base, routePath, params, want) => {
    expect(joinBaseUrl(base, routePath, params)).toBe(want);
  });

  test("a placeholder without a value is a TypeError", () => {
    expect(() => joinBaseUrl("https://me.example", "/invoices/{id}", {})).toThrow(new TypeError('joinBaseUrl: no value for path parameter "id"'));
    // inherited properties are not values
    expect(() => joinBaseUrl("https://me.example", "/{toString}", {})).toThrow(TypeError);
  });

  test("routes from analyses join to what the provider would call with the helper's subscription value", () => {
    // The provider substitutes the registered value for the base expression and concatenates
    // the rest of the key literally; with `subscriptionValue` applied first that must equal
    // `joinBaseUrl`, for every trailing-slash variant of the base.
    const segment = fc.string({ unit: fc.constantFrom("a", "b", "1", "-", "_", "."), minLength: 1, maxLength: 5 });
    const base = fc.tuple(fc.array(segment, { maxLength: 3 }), fc.constantFrom("", "/", "//")).map(([segments, slash]) => "https://me.example" + segments.map((s) => "/" + s).join("") + slash);
    const suffix = fc.oneof(fc.constant(""), fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => "/" + s.join("/")), segment);
    fc.assert(
      fc.property(base, suffix, (registered, rest) => {
        const analysis = analyzeCallbackKey("{$request.query.callbackUrl}" + rest);
        const target = subscriptionTarget(analysis);
        if (!target.ok) throw new Error(target.reason);
        const sent = subscriptionValue(registered, target.target.trailingSlash);
        const providerCalls = sent + rest;
        const expected = joinBaseUrl(registered, analysis.route.path);
        expect(providerCalls).toBe(expected);
        // Route "/" means the registered URL itself, sent unchanged; otherwise no `//` appears.
        if (rest === "") expect(expected).toBe(registered);
        else expect(expected).not.toMatch(/[^:]\/\//);
      }),
      { numRuns: 1000 },
    );
  });
});
