/**
 * The report as text and JSON, pointers for awkward property names, and `diffSpecs` on
 * files (YAML included) and on a revision that cannot be generated.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffSpecs } from "../../src/diff/diff-specs.js";
import { pointerOf } from "../../src/diff/pointer.js";
import { renderJson, renderText } from "../../src/diff/render.js";
import { diffDocs, info, obj, webhookDoc, type Doc } from "./support.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gc-diff-report-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const str = { type: "string" };

function shop(paidPayload: Record<string, unknown>, refund: boolean): Doc {
  const event = (schema: unknown) => ({ post: { requestBody: { content: { "application/json": { schema } } }, responses: { "200": { description: "ok" } } } });
  return {
    openapi: "3.1.0",
    info,
    paths: {
      "/orders": {
        post: {
          operationId: "createOrder",
          responses: { "201": { description: "created" } },
          callbacks: { orderShipped: { "{$request.body#/callbackUrl}": event(obj({ id: str, carrier: str }, ["id"])) } },
        },
      },
    },
    webhooks: { "order-paid": event(paidPayload), "order-archived": event(paidPayload), ...(refund ? { "order-refunded": event(obj({ id: str })) } : {}) },
  };
}

describe("text", () => {
  it("groups changes per event, breaking first, and shows events with identical changes together", () => {
    const d = diffDocs(shop(obj({ id: str, total: { type: "integer" } }, ["id"]), true), shop(obj({ id: str, total: { type: "number" }, note: str }, ["id"]), false));
    expect(renderText(d)).toBe(
      [
        "gen-callbacks diff: <stdin> (Acme 1.0.0) → <stdin> (Acme 1.0.0) (policy: lenient)",
        "3 breaking changes, 2 other changes; events: 1 removed, 0 added, 2 changed.",
        "",
        "orderArchived, orderPaid (2 events)",
        "  [breaking] body /total: type widened: integer → number — the old receiver rejects values of the new types",
        "  [ok]       body /note: optional field added — the provider sends more data; the handler may ignore it",
        "",
        "orderRefunded — webhook POST order-refunded",
        "  [breaking] event removed — its handler is orphaned and its key leaves the Handlers map",
        "",
      ].join("\n"),
    );
  });

  it("names callbacks by their parent operation", () => {
    const cb = (carrier: unknown) => ({
      ...shop(obj({ id: str }), false),
      webhooks: undefined,
      paths: {
        "/orders": {
          post: {
            operationId: "createOrder",
            responses: { "201": { description: "created" } },
            callbacks: {
              orderShipped: {
                "{$request.body#/callbackUrl}": { post: { requestBody: { content: { "application/json": { schema: obj({ carrier }) } } }, responses: { "200": { description: "ok" } } } },
              },
            },
          },
        },
      },
    });
    const text = renderText(diffDocs(cb(str), cb({ type: "string", enum: ["ups", "dhl"] })));
    expect(text).toContain("\norderShipped — callback orderShipped (POST {$request.body#/callbackUrl}) of POST /orders\n");
    expect(text).toContain('\n  [ok]       body /carrier: values now restricted to "ups", "dhl" — the provider sends fewer values;');
  });

  it("says so when nothing changed", () => {
    const doc = webhookDoc({ body: obj({ id: str }) });
    expect(renderText(diffDocs(doc, doc))).toBe("gen-callbacks diff: <stdin> (Acme 1.0.0) → <stdin> (Acme 1.0.0) (policy: lenient)\nNo changes to the events (1 compared).\n");
  });
});

describe("JSON", () => {
  it("is the diff with each change's pointer, location and text", () => {
    const d = diffDocs(webhookDoc({ body: obj({ tags: { type: "array", items: obj({ "a/b~c": str }) } }) }), webhookDoc({ body: obj({ tags: { type: "array", items: obj({}) } }) }));
    const json = JSON.parse(renderJson(d));
    expect(json.policy).toBe("lenient");
    expect(json.events).toEqual([
      {
        handler: "ping",
        identity: { kind: "webhook", method: "POST", key: "ping" },
        changes: [
          {
            kind: "field-removed",
            breaking: true,
            location: "body /tags/[]/a~1b~0c",
            text: "optional field removed",
            reason: "the handler may read it",
            part: { in: "body", mediaType: "application/json" },
            pointer: "/tags/[]/a~1b~0c",
            path: ["tags", { items: true }, "a/b~c"],
            required: false,
            closedAfter: false,
          },
        ],
      },
    ]);
  });
});

describe("pointers", () => {
  it("escape property names as RFC 6901 segments and mark items, map values and alternatives", () => {
    expect(pointerOf([])).toBe("");
    expect(pointerOf(["a/b", "~x"])).toBe("/a~1b/~0x");
    expect(pointerOf(["labels", { items: true }, "name"])).toBe("/labels/[]/name");
    expect(pointerOf(["meta", { additionalProperties: true }])).toBe("/meta/*");
    expect(pointerOf(["pet", { variant: 'oneOf[type="cat"]' }, "meows"])).toBe('/pet/oneOf[type="cat"]/meows');
  });
});

describe("diffSpecs", () => {
  it("reads both revisions from files, YAML included, and writes nothing", () => {
    const example = path.join(ROOT, "generated-example/provider.yaml");
    const before = fs.readdirSync(path.dirname(example));
    const r = diffSpecs(example, example);
    expect(r.diff?.events).toEqual([]);
    expect(r.diff?.old.events).toBeGreaterThan(3);
    expect(fs.readdirSync(path.dirname(example))).toEqual(before);
  });

  it("gives no diff, and the errors, when a revision cannot be generated", () => {
    const good = path.join(tmp, "good.json");
    const bad = path.join(tmp, "bad.json");
    fs.writeFileSync(good, JSON.stringify(webhookDoc({ body: obj({ id: str }) })));
    fs.writeFileSync(bad, "{ not json");
    const r = diffSpecs(good, bad);
    expect(r.diff).toBeUndefined();
    expect(r.diagnostics.some((d) => d.severity === "error" && d.code === "json-syntax" && d.file === bad)).toBe(true);
  });

  it("applies the policy it is given", () => {
    const v1 = path.join(tmp, "v1.json");
    const v2 = path.join(tmp, "v2.json");
    fs.writeFileSync(v1, JSON.stringify(webhookDoc({ body: obj({ e: { enum: ["a", "b"] } }) })));
    fs.writeFileSync(v2, JSON.stringify(webhookDoc({ body: obj({ e: { enum: ["a", "b", "c"] } }) })));
    expect(diffSpecs(v1, v2).diff!.summary.breaking).toBe(0);
    const strict = diffSpecs(v1, v2, { policy: "strict" }).diff!;
    expect(strict.policy).toBe("strict");
    expect(strict.summary.breaking).toBe(1);
  });
});
