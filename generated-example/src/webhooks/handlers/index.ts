/**
 * Every handler, wired into the map the receiver takes.
 *
 * Created by gen-callbacks; this file is yours. When the spec gains an event, `handlers` stops type-checking until you add the new handler (gen-callbacks creates its stub).
 */
import type { Handlers } from "../contract.js";
import { customerUpdated } from "./customer-updated.js";
import { invoiceNotification } from "./invoice-notification.js";
import { onData } from "./on-data.js";
import { paymentFailed } from "./payment-failed.js";
import { paymentSucceeded } from "./payment-succeeded.js";
import { payoutStatus } from "./payout-status.js";
import { refundUpdate } from "./refund-update.js";

export const handlers: Handlers = {
  customerUpdated,
  invoiceNotification,
  onData,
  paymentFailed,
  paymentSucceeded,
  payoutStatus,
  refundUpdate,
};
