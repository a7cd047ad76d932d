/**
 * POST / — callback "payoutStatus"
 *
 * Payout status changed
 *
 * Created by gen-callbacks; this file is yours: it is never overwritten.
 * @gen-callbacks-event 1794e9b96783f446
 */
import { ledger } from "../../app/billing-ledger.js";
import type { PayoutStatusHandler } from "../contract.js";

export const payoutStatus: PayoutStatusHandler = async (request) => {
  ledger.recordPayout(request.body);
};
