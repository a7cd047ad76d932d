/**
 * POST / — webhook "customer.updated"
 *
 * A customer's details changed
 *
 * Created by gen-callbacks; this file is yours: it is never overwritten.
 * @gen-callbacks-event 7a0dfdba83440494
 */
import { ledger } from "../../app/billing-ledger.js";
import type { CustomerUpdatedHandler } from "../contract.js";

export const customerUpdated: CustomerUpdatedHandler = async (request) => {
  ledger.recordCustomer(request.body.data.customerId, request.body.data.email);
};
