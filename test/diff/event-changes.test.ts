/**
 * Event-level changes: events matched by identity (not by generated name), routes and
 * methods, the values the receiver routes by, parameters, media types, responses and the
 * receiver's default answer.
 */
import { describe, expect, it } from "vitest";
import { diffDocs, eventLines, info, lines, obj, webhookDoc, type Doc } from "./support.js";

const str = { type: "string" };
const payload = obj({ id: str }, ["id"]);
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const ok = { description: "ok" };

function webhooks(events: Record<string, unknown>): Doc {
  return { openapi: "3.1.0", info, webhooks: events };
}

function webhook(body: unknown = payload, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { post: { requestBody: { required: true, ...json(body) }, responses: { "200": ok }, ...extra } };
}

/** An API whose operations (path → callback name → callback key) each subscribe to one callback. */
function callbacks(ops: Record<string, Record<string, string>>): Doc {
  const paths: Record<string, unknown> = {};
  for (const [path, cbs] of Object.entries(ops)) {
    const callbackMap: Record<string, unknown> = {};
    for (const [name, key] of Object.entries(cbs)) {
      callbackMap[name] = { [key]: { post: { requestBody: { required: true, ...json(payload) }, responses: { "200": ok } } } };
    }
    paths[path] = {
      post: {
        operationId: path.slice(1),
        parameters: [{ name: "cb", in: "query", required: true, schema: str }],
        responses: { "201": ok },
        callbacks: callbackMap,
      },
    };
  }
  return { openapi: "3.1.0", info, paths };
}

describe("events", () => {
  it("an added and a removed event are both breaking", () => {
    const d = diffDocs(webhooks({ a: webhook(), b: webhook() }), webhooks({ a: webhook(), c: webhook() }));
    expect(eventLines(d)).toEqual(["b breaking event removed", "c breaking event added"]);
    expect(d.summary).toEqual({ breaking: 2, nonBreaking: 0, eventsAdded: 1, eventsRemoved: 1, eventsChanged: 0 });
  });

  it("a webhook whose method changed is one event with a method change, not removed + added", () => {
    const old = webhooks({ ping: webhook() });
    const neu = webhooks({ ping: { put: webhook().post } });
    expect(eventLines(diffDocs(old, neu))).toEqual(["ping breaking method changed: POST → PUT"]);
  });

  it("a callback is matched by its parent operation and name, so a new key is a route change", () => {
    const old = callbacks({ "/subscribe": { onData: "{$request.query.cb}/data" } });
    const neu = callbacks({ "/subscribe": { onData: "{$request.query.cb}/events" } });
    expect(eventLines(diffDocs(old, neu))).toEqual(["onData breaking route: route changed: /data → /events"]);
  });

  it("events are matched by identity when their generated names shift", () => {
    // A second `onData` callback makes both names more specific: the old event is renamed, not removed.
    const old = callbacks({ "/subscribe": { onData: "{$request.query.cb}/data" } });
    const neu = callbacks({ "/subscribe": { onData: "{$request.query.cb}/data" }, "/watch": { onData: "{$request.query.cb}/watched" } });
    expect(eventLines(diffDocs(old, neu))).toEqual([
      "subscribeOnData breaking handler renamed: onData → subscribeOnData",
      "watchOnData breaking event added",
    ]);
  });

  it("the same delivery declared under one more operation is no change: one event, one handler", () => {
    const old = callbacks({ "/subscribe": { onData: "{$request.query.cb}/data" } });
    const neu = callbacks({ "/subscribe": { onData: "{$request.query.cb}/data" }, "/watch": { onData: "{$request.query.cb}/data" } });
    expect(eventLines(diffDocs(old, neu))).toEqual([]);
  });

  it("a spec diffed against itself has no changes", () => {
    const doc = callbacks({ "/subscribe": { onData: "{$request.query.cb}/data" } });
    const d = diffDocs(doc, doc);
    expect(d.events).toEqual([]);
    expect(d.summary).toEqual({ breaking: 0, nonBreaking: 0, eventsAdded: 0, eventsRemoved: 0, eventsChanged: 0 });
  });
});

describe("discriminators", () => {
  const typed = (type: string) => obj({ type: { const: type }, id: str }, ["type", "id"]);

  it("a changed body value the receiver routes by is one discriminator change", () => {
    const old = webhooks({ paid: webhook(typed("payment.paid")), refunded: webhook(typed("payment.refunded")) });
    const neu = webhooks({ paid: webhook(typed("payment.succeeded")), refunded: webhook(typed("payment.refunded")) });
    expect(eventLines(diffDocs(old, neu))).toEqual(['paid breaking body /type: routing value changed: "payment.paid" → "payment.succeeded"']);
  });

  it("a changed header value the receiver routes by", () => {
    const header = (value: string) => ({ parameters: [{ name: "X-Event-Type", in: "header", required: true, schema: { enum: [value] } }] });
    const old = webhooks({ paid: webhook(payload, header("paid")), refunded: webhook(payload, header("refunded")) });
    const neu = webhooks({ paid: webhook(payload, header("succeeded")), refunded: webhook(payload, header("refunded")) });
    expect(eventLines(diffDocs(old, neu))).toEqual(['paid breaking headers /x-event-type: routing value changed: "paid" → "succeeded"']);
  });

  it("a routing value that disappears breaks; one that appears does not", () => {
    const loose = obj({ type: str, id: str }, ["type", "id"]);
    const old = webhooks({ paid: webhook(typed("paid")), refunded: webhook(typed("refunded")) });
    const neu = webhooks({ paid: webhook(loose), refunded: webhook(typed("refunded")) });
    expect(eventLines(diffDocs(old, neu))).toEqual(['paid breaking body /type: routing value removed (was "paid")']);
    expect(eventLines(diffDocs(neu, old))).toEqual(['paid ok body /type: routing value added: "paid"']);
  });

  it("the same const change on an event served alone is a schema change", () => {
    const d = diffDocs(webhooks({ paid: webhook(typed("paid")) }), webhooks({ paid: webhook(typed("succeeded")) }));
    expect(eventLines(d)).toEqual(['paid breaking body /type: value changed: "paid" → "succeeded"']);
  });
});

describe("request parts", () => {
  const withHeaders = (headers: unknown[]) => webhookDoc({ body: payload, headers });
  const h = (name: string, required: boolean) => ({ name, in: "header", required, schema: str });

  it("a required header added is not breaking; a header removed is", () => {
    expect(lines(diffDocs(withHeaders([h("X-A", true)]), withHeaders([h("X-A", true), h("X-B", true)])))).toEqual([
      "ok headers /x-b: required field added",
    ]);
    expect(lines(diffDocs(withHeaders([h("X-A", true), h("X-B", false)]), withHeaders([h("X-A", true)])))).toEqual([
      "breaking headers /x-b: optional field removed",
    ]);
  });

  it("a request media type added breaks; one removed does not", () => {
    const both = webhooks({
      ping: { post: { requestBody: { content: { "application/json": { schema: payload }, "application/x-www-form-urlencoded": { schema: payload } } }, responses: { "200": ok } } },
    });
    const one = webhooks({ ping: webhook() });
    expect(lines(diffDocs(one, both))).toEqual(["breaking body: media type application/x-www-form-urlencoded added"]);
    expect(lines(diffDocs(both, one))).toEqual(["ok body: media type application/x-www-form-urlencoded removed"]);
  });
});

describe("responses", () => {
  const responding = (responses: Record<string, unknown>) => webhooks({ ping: { post: { requestBody: json(payload), responses } } });

  it("a status added is not breaking; a status removed is", () => {
    expect(lines(diffDocs(responding({ "200": ok }), responding({ "200": ok, "400": ok })))).toEqual(["ok response 400: status added"]);
    expect(lines(diffDocs(responding({ "200": ok, "202": ok }), responding({ "200": ok })))).toEqual(["breaking response 202: status removed"]);
  });

  it("a handler that must now return a body is a breaking change of the default answer", () => {
    const d = diffDocs(responding({ "204": ok }), responding({ "200": { description: "ok", ...json(obj({ ok: { type: "boolean" } }, ["ok"])) } }));
    expect(lines(d)).toEqual([
      "breaking default answer changed: 204 → none (the handler must return a response)",
      "breaking response 204: status removed",
      "ok response 200: status added",
    ]);
  });

  it("a default answer that is still declared is not breaking", () => {
    const d = diffDocs(responding({ "204": ok }), responding({ "202": ok, "204": ok }));
    expect(lines(d)).toEqual(["ok default answer changed: 204 → 202", "ok response 202: status added"]);
  });

  it("a required response header added breaks: the handler does not send it", () => {
    const withHeader = (required: boolean) => responding({ "200": { description: "ok", headers: { "X-Ack": { required, schema: str } } } });
    expect(lines(diffDocs(withHeader(false), withHeader(true)))).toEqual(["breaking response 200 headers /x-ack: field became required"]);
    expect(lines(diffDocs(responding({ "200": ok }), withHeader(true)))).toEqual(["breaking response 200 headers /x-ack: required field added"]);
  });
});
