/**
 * POST /invoices/{id} — callback "invoice_notification"
 *
 * Invoice notification
 *
 * Created by gen-callbacks; this file is yours: it is never overwritten.
 * @gen-callbacks-event 072a93d10ef67b61
 */
import { ledger } from "../../app/billing-ledger.js";
import type { InvoiceNotificationHandler } from "../contract.js";

export const invoiceNotification: InvoiceNotificationHandler = async (request) => {
  // The URL we registered ends in /invoices/<invoice id>: it must name the invoice the event is about.
  if (request.path.id !== request.body.invoiceId) {
    return {
      status: 422,
      body: { detail: [{ loc: ["path", "id"], msg: `expected invoice ${request.body.invoiceId}, got ${request.path.id}` }] },
    };
  }
  ledger.recordInvoice(request.body);
  return { status: 200, body: { ok: true } };
};
