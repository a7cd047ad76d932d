/**
 * A fixture in Telnyx's shape: one callback (`callAnswered`) declared under three operations,
 * all sent to the subscriber's one `webhook_url`; events named by an optional
 * `data.event_type`; one event naming itself with a list of event types; and one whose schema
 * has no required property and declares no event type at all, which accepts any delivery.
 * The same delivery is one handler; every event stays reachable; nothing is guessed.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate as generateInto } from "../../src/api.js";
import { generate } from "../../src/generate.js";
import { projectScratch } from "../support/scratch.js";

const shape = (eventType?: string) => ({
  type: "object",
  properties: {
    data: {
      type: "object",
      properties: {
        record_type: { type: "string", enum: ["event"] },
        ...(eventType ? { event_type: { type: "string", enum: [eventType] } } : {}),
        id: { type: "string" },
        payload: { type: "object", properties: { call_control_id: { type: "string" } } },
      },
    },
  },
});

function spec(answeredSchemas: [string, string, string]) {
  const callback = (schema: string) => ({
    "{$request.body#/webhook_url}": {
      post: { requestBody: { content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } } }, responses: { "200": { description: "ok" } } },
    },
  });
  const op = (operationId: string, callbacks: Record<string, unknown>) => ({
    post: {
      operationId,
      requestBody: { content: { "application/json": { schema: { type: "object", properties: { webhook_url: { type: "string" } } } } } },
      responses: { "200": { description: "ok" } },
      callbacks,
    },
  });
  return {
    openapi: "3.1.0",
    info: { title: "Calls", version: "1" },
    paths: {
      "/calls": op("dialCall", { callAnswered: callback(answeredSchemas[0]), callHangup: callback("CallHangup"), deliveryUpdate: callback("DeliveryUpdate") }),
      "/calls/{id}/actions/answer": op("answerCall", { callAnswered: callback(answeredSchemas[1]), floorChanged: callback("FloorChanged") }),
      "/calls/{id}/actions/bridge": op("bridgeCall", { callAnswered: callback(answeredSchemas[2]), callBridged: callback("CallBridged") }),
    },
    components: {
      schemas: {
        CallAnswered: shape("call.answered"),
        CallAnsweredV2: shape("call.answered"),
        CallAnsweredV3: shape("call.answered"),
        CallHangup: shape("call.hangup"),
        CallBridged: shape("call.bridged"),
        // A list of event types: closed where other events are named by the field.
        DeliveryUpdate: { ...shape(), properties: { data: { type: "object", properties: { event_type: { type: "string", enum: ["message.sent", "message.finalized"] } } } } },
        // No required property, no event type: by its schema, any delivery is one of these.
        FloorChanged: { type: "object", properties: { data: { type: "object", properties: { floor: { type: "string" } } } } },
      },
    },
  };
}

const dirs: string[] = [];
function scratch(): string {
  const dir = projectScratch("same-delivery");
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("the same delivery declared under three operations", () => {
  const dir = scratch();
  fs.writeFileSync(path.join(dir, "calls.json"), JSON.stringify(spec(["CallAnswered", "CallAnswered", "CallAnswered"])));
  const result = generate({ spec: path.join(dir, "calls.json"), cwd: dir, adapters: [] });

  it("is one event, one handler, that lists every operation declaring it", () => {
    expect(result.ok).toBe(true);
    expect(result.events.map((e) => e.handler)).toEqual(["callAnswered", "callBridged", "callHangup", "deliveryUpdate", "floorChanged"]);
    const answered = result.events.find((e) => e.handler === "callAnswered")!;
    expect(answered.parent?.operationId).toBe("dialCall");
    expect(answered.alsoDeclared?.map((d) => d.parent?.operationId)).toEqual(["answerCall", "bridgeCall"]);
    const contract = result.files.find((f) => f.path === "contract.ts")!.content;
    expect(contract).toContain("Declared by: POST /calls, POST /calls/{id}/actions/answer, POST /calls/{id}/actions/bridge — the same delivery, one handler.");
    expect(result.files.find((f) => f.path === "README.md")!.content).toContain("callback `callAnswered` of POST `/calls`, POST `/calls/{id}/actions/answer`, POST `/calls/{id}/actions/bridge`");
  });

  it("keeps every event reachable: each delivery reaches its own handler, and only it", async () => {
    const out = scratch();
    const written = generateInto({ spec: path.join(dir, "calls.json"), cwd: dir, outDir: out, adapters: [] });
    expect(written.ok).toBe(true);
    const mod = (await import(/* @vite-ignore */ path.join(out, "receiver.ts"))) as {
      events: { name: string }[];
      createReceiver(o: unknown): { fetch(r: Request): Promise<Response> };
    };
    const calls: string[] = [];
    const unhandled: string[] = [];
    const receiver = mod.createReceiver({
      handlers: Object.fromEntries(mod.events.map((e) => [e.name, () => void calls.push(e.name)])),
      onUnhandled: (info: { reason: string; candidates: string[] }) => void unhandled.push(`${info.reason} ${info.candidates.join(",")}`),
    });
    const send = async (data: unknown) => {
      calls.length = 0;
      unhandled.length = 0;
      const res = await receiver.fetch(new Request("http://subscriber.test/", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ data }) }));
      return [res.status, [...calls], [...unhandled]];
    };
    expect(await send({ record_type: "event", event_type: "call.answered", id: "1" })).toEqual([200, ["callAnswered"], []]);
    expect(await send({ record_type: "event", event_type: "call.hangup", id: "1" })).toEqual([200, ["callHangup"], []]);
    expect(await send({ record_type: "event", event_type: "call.bridged", id: "1" })).toEqual([200, ["callBridged"], []]);
    expect(await send({ event_type: "message.sent" })).toEqual([200, ["deliveryUpdate"], []]);
    // The event that names no event type gets what names none of the others' types…
    expect(await send({ event_type: "conference.floor.changed", floor: "2" })).toEqual([200, ["floorChanged"], []]);
    // …while a delivery naming no type at all, which every schema accepts, is not guessed.
    expect(await send({ floor: "2" })).toEqual([202, [], ["ambiguous callAnswered,callBridged,callHangup,deliveryUpdate,floorChanged"]]);
    // …and never what another event claims, even when that event's schema refuses it.
    expect(await send({ record_type: "event", event_type: "call.answered", id: 7 })).toEqual([422, [], ["invalid callAnswered"]]);
  });

  it("reports what it inferred, and what a delivery without data.event_type leaves open", () => {
    const lines = result.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`);
    expect(lines).toContainEqual(expect.stringContaining("info routing-inferred: on POST /, one event is told apart by /data/event_type, which names other events; these do not declare it, so they are none of those (floorChanged:"));
    expect(lines).toContainEqual(expect.stringContaining("info indistinguishable-events: on POST /, events are told apart by /data/event_type, /data/record_type, which the spec does not require in every delivery"));
  });
});

describe("regenerating after the provider made three declarations one delivery", () => {
  it("keeps one handler file for the merged event and reports the other two as orphans, never deleting them", () => {
    const dir = scratch();
    const out = path.join(dir, "out");
    const file = path.join(dir, "calls.json");
    fs.writeFileSync(file, JSON.stringify(spec(["CallAnswered", "CallAnsweredV2", "CallAnsweredV3"])));
    const first = generateInto({ spec: file, cwd: dir, outDir: out, adapters: [] });
    expect(first.events.filter((e) => e.callbackName === "callAnswered").map((e) => e.handler)).toEqual([
      "answerCallCallAnswered",
      "bridgeCallCallAnswered",
      "dialCallCallAnswered",
    ]);
    fs.writeFileSync(file, JSON.stringify(spec(["CallAnswered", "CallAnswered", "CallAnswered"])));
    const second = generateInto({ spec: file, cwd: dir, outDir: out, adapters: [] });
    expect(second.ok).toBe(true);
    expect(second.events.filter((e) => e.callbackName === "callAnswered").map((e) => e.handler)).toEqual(["callAnswered"]);
    // The merged event keeps the handler of its first declaration (dialCall's), renamed in the wiring only.
    const index = fs.readFileSync(path.join(out, "handlers/index.ts"), "utf8");
    expect(index).toContain("handlers/dial-call-call-answered.js".replace("handlers/", "./"));
    expect(second.orphans.sort()).toEqual(["handlers/answer-call-call-answered.ts", "handlers/bridge-call-call-answered.ts"]);
    for (const o of second.orphans) expect(fs.existsSync(path.join(out, o))).toBe(true);
  });
});
