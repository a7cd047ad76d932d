/**
 * Telnyx's webhooks share one route and carry `data.record_type: "event"` everywhere, plus
 * `data.event_type` on most — none of it required: a request naming an event must reach that
 * event — invalid, it is that event's 422 — never an event that only shares `record_type`,
 * or one whose schema names no event type and accepts anything.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import type { HandlerContext, Receiver, ReceiverOptions } from "../../templates/runtime/runtime.js";
import { CORPUS, describeShared } from "../support/shared.js";
import { generateInto } from "./support/generated.js";

interface GeneratedModule {
  events: readonly EventSpec[];
  createReceiver(options: ReceiverOptions<Record<string, (request: never, context: HandlerContext) => unknown>>): Receiver;
}

const HEADERS = { "content-type": "application/json", "telnyx-signature-ed25519": "c2ln", "telnyx-timestamp": "1700000000" };

describeShared("Telnyx: the most specific discriminator wins", () => {
  let dir = "";
  let receiver: Receiver;
  let events: readonly EventSpec[];
  const calls: string[] = [];

  beforeAll(async () => {
    ({ dir } = await generateInto(path.join(CORPUS, "telnyx-3.1-webhooks/spec3.yml"), "telnyx", ["node"]));
    const mod = (await import(path.join(dir, "receiver.ts"))) as GeneratedModule;
    events = mod.events;
    // Routing is what is tested here: Telnyx signs with ed25519, tested in test/receiver/signature*.test.ts.
    receiver = mod.createReceiver({ insecure: true, onUnhandled: () => {}, handlers: Object.fromEntries(mod.events.map((e) => [e.name, () => void calls.push(e.name)])) });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const send = async (data: unknown) => {
    calls.length = 0;
    const res = await receiver.fetch(new Request("http://telnyx.test/", { method: "POST", headers: HEADERS, body: JSON.stringify({ data }) }));
    return { status: res.status, body: await res.text(), calls: [...calls] };
  };

  it("has the events under test: one named by a list of event types, one that names none", () => {
    const at = (name: string, path: string) =>
      events.find((e) => e.name === name)?.conditions?.find((c) => c.in === "body" && c.path.join("/") === path)?.test;
    // The list the spec gives is closed where other events are named by the field…
    expect(at("deliveryUpdate", "data/event_type")).toEqual({ equals: ["message.sent", "message.finalized"] });
    // …and an event whose schema does not declare the field is none of those events.
    expect(at("campaignStatusUpdate", "data/event_type")).toMatchObject({ notIn: expect.arrayContaining(["call.answered", "message.sent"]) });
  });

  it("a valid call.answered reaches callAnswered", async () => {
    const r = await send({ event_type: "call.answered", record_type: "event", id: "e1", payload: { call_control_id: "v3:abc" } });
    expect([r.status, r.calls]).toEqual([200, ["callAnswered"]]);
  });

  it("an invalid call.answered is callAnswered's 422, not another event's delivery", async () => {
    const r = await send({ event_type: "call.answered", record_type: "event", payload: { call_control_id: 7 } });
    expect(r.status).toBe(422);
    expect(JSON.parse(r.body)).toMatchObject({ event: "callAnswered", issues: [{ in: "body", path: "/data/payload/call_control_id" }] });
    expect(r.calls).toEqual([]);
  });
});
