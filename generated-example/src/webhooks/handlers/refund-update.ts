/**
 * POST / — callback "refundUpdate"
 *
 * Refund status changed
 *
 * Created by gen-callbacks; this file is yours: it is never overwritten.
 * @gen-callbacks-event 8473d19a25f865b4
 */
import { ledger } from "../../app/billing-ledger.js";
import type { RefundUpdateHandler } from "../contract.js";

export const refundUpdate: RefundUpdateHandler = async (request, context) => {
  // Refunds can take a while to book; give up cleanly if the receiver's deadline passes.
  context.signal.throwIfAborted();
  ledger.recordRefund(request.body);
};
