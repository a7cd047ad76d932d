/**
 * POST /data — callback "onData"
 *
 * Created by gen-callbacks; this file is yours: it is never overwritten.
 * @gen-callbacks-event ba133b80ebdc380f
 */
import { ledger } from "../../app/billing-ledger.js";
import type { OnDataHandler } from "../contract.js";

export const onData: OnDataHandler = async (request) => {
  const batch = request.body;
  // Tell Acme to stop streaming usage we never asked for (or no longer want).
  if (batch === undefined || !ledger.subscriptions.has(batch.subscriptionId)) return { status: 204 };
  ledger.addUsage(batch.subscriptionId, batch.samples);
  // Returning nothing answers 202, the status the spec declares for "received".
};
