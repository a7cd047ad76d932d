/**
 * Durable mode's receiver side and the worker's processor, without a queue engine: a queue in
 * memory behind the `DeliveryQueue` interface, the receiver served over HTTP on loopback. A
 * delivery that goes through the queue must reach its handler exactly as it would in the
 * request; what cannot be stored is answered 503 and told to the hooks.
 */
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { nodeServer } from "../../templates/adapters/node.js";
import { createDeliveryProcessor, UnprocessableDelivery } from "../../templates/runtime/durable.js";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import {
  createReceiverCore,
  type DeliveryQueue,
  type ErrorInfo,
  type HandlerContext,
  type HandlerRequest,
  type StoredDelivery,
  type UnhandledInfo,
} from "../../templates/runtime/runtime.js";

/** An invoice event with a path, a query and a header parameter, a transformed body, acknowledged 204; and a quote whose answer has a body. */
const events: EventSpec[] = [
  {
    name: "invoicePaid",
    kind: "callback",
    method: "POST",
    path: "/invoices/{id}",
    ack: 204,
    parameters: {
      specs: [
        { name: "id", in: "path", type: "integer", required: true },
        { name: "verbose", in: "query", type: "boolean", required: false },
        { name: "x-tenant", in: "header", type: "string", required: true },
      ],
      path: z.object({ id: z.number().int() }),
      query: z.object({ verbose: z.boolean().optional() }),
      headers: z.looseObject({ "x-tenant": z.string() }),
    },
    body: {
      required: true,
      contents: [{ mediaType: "application/json", kind: "json", schema: z.object({ amount: z.number(), paidAt: z.iso.datetime().transform((s) => new Date(s)) }) }],
    },
    responses: [{ status: "204", mediaTypes: [] }],
  },
  {
    name: "quote",
    kind: "callback",
    method: "POST",
    path: "/quotes",
    parameters: { specs: [] },
    body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: z.object({ items: z.number() }) }] },
    responses: [{ status: "200", mediaTypes: ["application/json"] }],
  },
];

class MemoryQueue implements DeliveryQueue {
  readonly stored: StoredDelivery[] = [];
  failure: Error | "hang" | undefined;
  async enqueue(delivery: StoredDelivery): Promise<void> {
    if (this.failure === "hang") return new Promise(() => {});
    if (this.failure) throw this.failure;
    // Through JSON, as any engine stores it.
    this.stored.push(JSON.parse(JSON.stringify(delivery)) as StoredDelivery);
  }
}

type Seen = { request: HandlerRequest; context: HandlerContext };

function handlers(seen: Seen[]) {
  return {
    invoicePaid: (request: HandlerRequest, context: HandlerContext) => void seen.push({ request, context }),
    quote: (request: HandlerRequest) => ({ status: 200, body: { total: (request.body as { items: number }).items * 10 } }),
  };
}

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function serve(options: Parameters<typeof createReceiverCore>[1]): Promise<string> {
  const server = nodeServer(createReceiverCore(events, options));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const invoice = {
  method: "POST",
  headers: { "content-type": "application/json", "x-tenant": "acme", "webhook-id": "msg_1", authorization: "Bearer secret-token" },
  body: JSON.stringify({ amount: 12.5, paidAt: "2026-12-07T06:00:00Z" }),
};

describe("durable mode, receiver side", () => {
  it("stores the delivery, answers the event's status, and the worker's handler gets what the request's would", async () => {
    const queue = new MemoryQueue();
    const inRequest: Seen[] = [];
    const direct = await serve({ handlers: handlers(inRequest), insecure: true, onUnhandled: () => {} });
    const viaQueue = await serve({ handlers: handlers([]), insecure: true, onUnhandled: () => {}, durable: { queue, key: { header: "webhook-id" } } });

    expect((await fetch(`${direct}/invoices/42?verbose=true`, invoice)).status).toBe(204);
    expect((await fetch(`${viaQueue}/invoices/42?verbose=true`, invoice)).status).toBe(204);
    expect(queue.stored).toHaveLength(1);
    const stored = queue.stored[0]!;
    expect(stored).toMatchObject({ id: "msg_1", event: "invoicePaid", method: "POST", pathParams: { id: "42" }, query: "verbose=true" });
    // Credentials are not stored; the rest of the request is.
    expect(stored.headers.map(([n]) => n)).not.toContain("authorization");
    expect(stored.headers).toContainEqual(["x-tenant", "acme"]);

    const seen: Seen[] = [];
    const processDelivery = createDeliveryProcessor(events, { handlers: handlers(seen) });
    expect(await processDelivery(stored)).toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.request).toEqual(inRequest[0]!.request);
    expect(seen[0]!.request.body).toEqual({ amount: 12.5, paidAt: new Date("2026-12-07T06:00:00Z") });
    expect(new TextDecoder().decode(seen[0]!.context.rawBody)).toBe(invoice.body);
    expect(seen[0]!.context.event).toBe("invoicePaid");
    expect(seen[0]!.context.request.headers.get("x-tenant")).toBe("acme");
    expect(seen[0]!.context.request.headers.get("authorization")).toBeNull();
  });

  it("does not store the spec's apiKey credentials, in a header or the query", async () => {
    const queue = new MemoryQueue();
    const secured = events.map((e) => ({ ...e, security: [["queryKey"], ["headerKey"]] }));
    const server = nodeServer(
      createReceiverCore(secured, { handlers: handlers([]), security: { queryKey: "q-secret", headerKey: "h-secret" }, durable: { queue }, onUnhandled: () => {} }, undefined, {
        securitySchemes: { queryKey: { type: "apiKey", in: "query", name: "api_key" }, headerKey: { type: "apiKey", in: "header", name: "X-Api-Key" } },
      }),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const headers = { ...invoice.headers, "x-api-key": "h-secret" };
    expect((await fetch(`${url}/invoices/42?verbose=true&api_key=q-secret`, { ...invoice, headers })).status).toBe(204);
    expect((await fetch(`${url}/invoices/42?api_key=wrong`, invoice)).status).toBe(401);
    expect(queue.stored).toHaveLength(1);
    const stored = queue.stored[0]!;
    expect(stored.query).toBe("verbose=true");
    expect(stored.url).toBe(`${url}/invoices/42?verbose=true`);
    expect(JSON.stringify(stored)).not.toMatch(/[qh]-secret/);
  });

  it("handles in the request the events whose answer the provider reads, and refuses to queue them", async () => {
    const queue = new MemoryQueue();
    const url = await serve({ handlers: handlers([]), insecure: true, durable: { queue } });
    const res = await fetch(`${url}/quotes`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"items":3}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ total: 30 });
    expect(queue.stored).toHaveLength(0);
    expect(() => createReceiverCore(events, { handlers: handlers([]), insecure: true, durable: { queue, events: ["quote"] } })).toThrow(
      "durable.events names quote, whose success responses all have a body the provider reads: its handler must answer in the request. Leave it out of durable.events",
    );
    expect(() => createReceiverCore(events, { handlers: handlers([]), insecure: true, durable: { queue, events: ["nope"] } })).toThrow(
      'durable.events names "nope", which is not an event of this receiver',
    );
  });

  it("answers 503 when the queue fails or outlasts the deadline, and tells the hooks", async () => {
    const queue = new MemoryQueue();
    const unhandled: UnhandledInfo[] = [];
    const errors: [unknown, ErrorInfo][] = [];
    const url = await serve({
      handlers: handlers([]),
      insecure: true,
      deadlineMs: 300,
      durable: { queue, key: { header: "webhook-id" } },
      onUnhandled: (info) => void unhandled.push(info),
      onError: (error, info) => void errors.push([error, info]),
    });
    for (const failure of [new Error("Connection is closed."), "hang" as const]) {
      queue.failure = failure;
      const res = await fetch(`${url}/invoices/42`, invoice);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
    }
    expect(unhandled.map((u) => [u.reason, u.status, u.deliveryId, u.candidates])).toEqual([
      ["enqueue-failed", 503, "msg_1", ["invoicePaid"]],
      ["enqueue-failed", 503, "msg_1", ["invoicePaid"]],
    ]);
    expect(errors.map(([e, info]) => [String(e), info.stage, info.event])).toEqual([
      ["Error: Connection is closed.", "enqueue", "invoicePaid"],
      ["Error: the durable queue did not store delivery msg_1 before the deadline", "enqueue", "invoicePaid"],
    ]);
  });

  it("the processor refuses, as unprocessable, deliveries no retry can help", async () => {
    const queue = new MemoryQueue();
    const url = await serve({ handlers: handlers([]), insecure: true, durable: { queue } });
    expect((await fetch(`${url}/invoices/42`, invoice)).status).toBe(204);
    const stored = queue.stored[0]!;
    // No id header named and no verifier: a random one.
    expect(stored.id).toMatch(/^[0-9a-f-]{36}$/);
    const processDelivery = createDeliveryProcessor(events, { handlers: handlers([]) });
    await expect(processDelivery({ ...stored, event: "gone" })).rejects.toThrow(UnprocessableDelivery);
    const invalid = processDelivery({ ...stored, pathParams: { id: "x" } });
    await expect(invalid).rejects.toThrow(`delivery ${stored.id} fails the schemas of invoicePaid`);
    await expect(invalid).rejects.toMatchObject({ issues: [expect.objectContaining({ path: expect.any(String) })] });
  });
});
