/**
 * The showcase tested with its own test kit (generated-example/src/webhooks/test-kit.ts), the
 * way a user would: its filled-in handlers called in-process with fixtures, and signed
 * requests through the whole receiver.
 */
import { describe, expect, it } from "vitest";
import { ledger } from "../../generated-example/src/app/billing-ledger.js";
import { handlers } from "../../generated-example/src/webhooks/handlers/index.js";
import { createReceiver, signatureVerifier } from "../../generated-example/src/webhooks/receiver.js";
import { dispatch, examples, fixture, request, response, synthesized, unsatisfiable } from "../../generated-example/src/webhooks/test-kit.js";

const SECRET = "whsec_" + Buffer.from("the showcase's test secret, 32 b").toString("base64");

describe("the showcase's test kit", () => {
  it("dispatches a fixture to a handler in-process, with typed input", async () => {
    const input = fixture("invoiceNotification");
    expect(input.body.invoiceId).toBe(input.path.id);
    const before = ledger.entries.length;
    expect(await dispatch(handlers, "invoiceNotification", input)).toEqual({ status: 200, body: { ok: true } });
    expect(ledger.entries.slice(before)).toEqual([{ kind: "invoice", id: input.body.invoiceId, status: "paid", at: input.body.attemptedAt }]);
    // The handler's own check, reached by changing one field of the fixture.
    const mismatch = await dispatch(handlers, "invoiceNotification", { ...input, path: { id: "inv_other" } });
    expect(mismatch).toMatchObject({ status: 422 });
  });

  it("builds signed requests the receiver verifies, routes and answers", async () => {
    const receiver = createReceiver({ handlers, verify: signatureVerifier({ secret: SECRET }) });
    for (const event of ["customerUpdated", "paymentFailed", "paymentSucceeded", "payoutStatus", "refundUpdate"] as const) {
      const res = await receiver.fetch(await request(event, { secret: SECRET }));
      expect([event, res.status]).toEqual([event, response(event).status]);
    }
    const unsigned = await receiver.fetch(await request("paymentSucceeded"));
    expect(unsigned.status).toBe(401);
  });

  it("has a fixture for every event, synthesized here (the document gives no examples)", () => {
    for (const event of ["customerUpdated", "invoiceNotification", "onData", "paymentFailed", "paymentSucceeded", "payoutStatus", "refundUpdate"] as const) {
      expect(examples(event)).toEqual([]);
      expect(unsatisfiable(event)).toEqual([]);
      expect(fixture(event)).toEqual(synthesized(event));
    }
    expect(() => fixture("paymentFailed", "nope")).toThrow("paymentFailed has no example named nope; its examples: none");
  });
});
