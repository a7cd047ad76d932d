/**
 * POST / — webhook "payment.failed"
 *
 * A payment failed
 *
 * Created by gen-callbacks; this file is yours: it is never overwritten.
 * @gen-callbacks-event 8cf872e22c7db9ce
 */
import { ledger } from "../../app/billing-ledger.js";
import type { PaymentFailedHandler } from "../contract.js";

export const paymentFailed: PaymentFailedHandler = async (request) => {
  const { payment, reason } = request.body.data;
  // `reason` is an open enum (lenient policy): Acme may add reasons before we regenerate.
  const known = reason === "card_declined" || reason === "insufficient_funds" || reason === "expired_card";
  ledger.recordPayment(payment.id, "failed", payment.createdAt, known ? reason : `unknown reason: ${reason}`);
};
