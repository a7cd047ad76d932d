/**
 * The example application's own state: what Acme told us about our invoices, payouts,
 * refunds, payments and usage. A real application would use a database; the handlers
 * would look the same.
 */
import type { InvoiceEvent, PayoutStatusEvent, Refund, UsageSample } from "../webhooks/types.js";

export interface LedgerEntry {
  kind: "invoice" | "payout" | "refund" | "payment" | "customer";
  id: string;
  status: string;
  at: string;
  detail?: string;
}

export class BillingLedger {
  readonly entries: LedgerEntry[] = [];
  readonly usage = new Map<string, UsageSample[]>();
  /** Usage streams we asked Acme for; anything else is answered "not interested". */
  readonly subscriptions = new Set<string>();

  recordInvoice(event: InvoiceEvent): void {
    this.entries.push({
      kind: "invoice",
      id: event.invoiceId,
      status: event.status,
      at: event.attemptedAt,
      ...(event.failureReason ? { detail: event.failureReason } : {}),
    });
  }

  recordPayout(event: PayoutStatusEvent): void {
    const failure = event.failure;
    const detail =
      failure === undefined
        ? undefined
        : failure.kind === "bank_rejection"
          ? `rejected by bank (${failure.bankCode})`
          : `held for compliance review until ${failure.reviewBy}`;
    this.entries.push({ kind: "payout", id: event.payoutId, status: event.status, at: event.occurredAt, ...(detail ? { detail } : {}) });
  }

  recordRefund(refund: Refund): void {
    this.entries.push({ kind: "refund", id: refund.id, status: refund.status, at: new Date(0).toISOString(), detail: `${refund.amount.amount} ${refund.amount.currency}` });
  }

  recordPayment(id: number, status: "succeeded" | "failed", createdAt: string, detail?: string): void {
    this.entries.push({ kind: "payment", id: String(id), status, at: createdAt, ...(detail ? { detail } : {}) });
  }

  recordCustomer(customerId: string, email: string | null | undefined): void {
    this.entries.push({ kind: "customer", id: customerId, status: "updated", at: new Date(0).toISOString(), ...(email ? { detail: email } : {}) });
  }

  addUsage(subscriptionId: string, samples: UsageSample[]): void {
    this.usage.set(subscriptionId, [...(this.usage.get(subscriptionId) ?? []), ...samples]);
  }
}

/** The one ledger of this example process. */
export const ledger = new BillingLedger();
