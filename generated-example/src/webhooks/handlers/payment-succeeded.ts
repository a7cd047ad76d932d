/**
 * POST / — webhook "payment.succeeded"
 *
 * A payment succeeded
 *
 * Created by gen-callbacks; this file is yours: it is never overwritten.
 * @gen-callbacks-event 66c2064607c2ff96
 */
import { ledger } from "../../app/billing-ledger.js";
import type { PaymentSucceededHandler } from "../contract.js";

export const paymentSucceeded: PaymentSucceededHandler = async (request) => {
  const payment = request.body.data;
  ledger.recordPayment(payment.id, "succeeded", payment.createdAt);
};
