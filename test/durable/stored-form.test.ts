/**
 * The stored form's details: BullMQ job ids from delivery ids, and credentials taken out of a
 * query without touching the bytes of the other parameters.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jobIdOf } from "../../templates/adapters/bullmq.js";
import { storeDelivery } from "../../templates/runtime/durable-options.js";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";

const event: EventSpec = {
  name: "paid",
  kind: "webhook",
  method: "POST",
  path: "/",
  ack: 200,
  parameters: { specs: [{ name: "token", in: "query", type: "string", required: false }] },
  body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: z.unknown() }] },
  responses: [{ status: "200", mediaTypes: [] }],
};

describe("the stored form", () => {
  it("uses the delivery id as the job id unless BullMQ would refuse it", () => {
    expect(jobIdOf("72d3162e-cc78-11e3-81ab-4c9367dc0958")).toBe("72d3162e-cc78-11e3-81ab-4c9367dc0958");
    expect(jobIdOf("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")).toBe("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
    // BullMQ refuses custom ids with ":" and reads all-digit ones as its own counters.
    expect(jobIdOf("shop:123")).toBe("id-shop%3A123");
    expect(jobIdOf("12345")).toBe("id-12345");
  });

  it("drops apiKey query parameters (by decoded name), keeps the others byte for byte, and the event's own", () => {
    const request = { method: "POST", url: "http://x.test/?a=1&api%5Fkey=s1&b=%20+&api_key=s2&token=t", headers: new Headers({ "x-api-key": "s3", "content-type": "application/json" }) };
    const credentials = { headers: new Set(["x-api-key"]), query: new Set(["api_key", "token"]) };
    const stored = storeDelivery("d1", event, request, {}, "a=1&api%5Fkey=s1&b=%20+&api_key=s2&token=t", new TextEncoder().encode("{}"), 0, credentials);
    expect(stored.query).toBe("a=1&b=%20+&token=t");
    expect(stored.url).toBe("http://x.test/?a=1&b=%20+&token=t");
    expect(stored.headers).toEqual([["content-type", "application/json"]]);
    expect(stored.body).toBe("e30=");
  });
});
