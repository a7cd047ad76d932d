/**
 * Deliveries handled once (THREATS.md B5): providers redeliver — after a lost 2xx, on a manual
 * retry, or because someone replays a captured request within the signature's tolerance. The
 * receiver claims each delivery's id after verification and before parsing; the first claim
 * wins, a delivery already handled is acknowledged without running the handler again, and one
 * still being handled elsewhere is answered 409 so the provider tries again later.
 *
 * Claims are released when handling fails (a 5xx, a thrown handler, a timeout), so the
 * provider's retry is processed; they become "done" when the delivery was answered 2xx.
 */

/**
 * - `new`: yours to handle;
 * - `done`: handled before, within the store's memory;
 * - `in-flight`: claimed by a request still being handled (this process or another).
 */
export type ClaimState = "new" | "done" | "in-flight";

/**
 * Where claims live: in memory for one process (`MemoryDedupeStore`), or shared by every
 * process of a receiver (`RedisDedupeStore` in adapters/redis.ts). A store can be plugged in by
 * implementing these three operations atomically per key.
 */
export interface DedupeStore {
  /**
   * Claims `key` for a request that will take at most `inFlightMs`: atomically, the first
   * claimer gets `new` and `token` becomes the claim's owner; others get the key's state.
   */
  claim(key: string, token: string, inFlightMs: number): Promise<ClaimState>;
  /** The delivery was answered 2xx: remember it as done for `ttlMs` (only if `token` still owns the claim). */
  complete(key: string, token: string, ttlMs: number): Promise<void>;
  /** Handling failed: forget the claim, if `token` still owns it, so that a retry is handled. */
  release(key: string, token: string): Promise<void>;
}

/**
 * Claims in this process's memory: for a receiver that runs as one process. Bounded: past
 * `maxEntries` the oldest are forgotten first (a forgotten delivery is handled again if it
 * comes back — the handler must stay idempotent anyway).
 */
export class MemoryDedupeStore implements DedupeStore {
  private readonly entries = new Map<string, { state: "done" | "in-flight"; token: string; expires: number }>();

  constructor(
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string, token: string, inFlightMs: number): Promise<ClaimState> {
    const t = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.expires > t) return entry.state;
    this.set(key, { state: "in-flight", token, expires: t + inFlightMs });
    return "new";
  }

  async complete(key: string, token: string, ttlMs: number): Promise<void> {
    if (this.entries.get(key)?.token === token) this.set(key, { state: "done", token, expires: this.now() + ttlMs });
  }

  async release(key: string, token: string): Promise<void> {
    if (this.entries.get(key)?.token === token) this.entries.delete(key);
  }

  private set(key: string, value: { state: "done" | "in-flight"; token: string; expires: number }): void {
    // Re-inserting moves the key to the end: the Map's order is oldest first.
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** How the receiver deduplicates. */
export interface DedupeOptions {
  /** Where claims live. Default: a `MemoryDedupeStore`. */
  readonly store?: DedupeStore;
  /**
   * How long a handled delivery is remembered, in seconds. Default 259200 (3 days): providers
   * retry for that long (Stripe 3 days, Svix ≈ 28 h, Shopify 4 h); a shorter memory only
   * covers replays.
   */
  readonly ttlSeconds?: number;
  /**
   * The delivery's id: a header naming it (`x-github-delivery`, `webhook-id`, `x-shopify-webhook-id`),
   * or a function of the verified request. Default: the id the signature verifier reports
   * (Standard Webhooks' `webhook-id`, GitHub's `X-GitHub-Delivery`, …). A delivery without an id
   * is not deduplicated.
   */
  readonly key?: { readonly header: string } | ((request: { readonly headers: { get(name: string): string | null } }, rawBody: Uint8Array) => string | undefined);
  /** Prefix of every key in the store, so that several receivers can share one. Default `gen-callbacks:`. */
  readonly namespace?: string;
}
