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
  // Acme redelivers with the same Acme-Delivery id; process each delivery once.
  if (!ledger.firstDelivery(request.headers["acme-delivery"])) return;
  const payment = request.body.data;
  ledger.recordPayment(payment.id, "succeeded", payment.createdAt);
};
