/**
 * The contract of a signature verifier (THREATS.md B0–B6, B17–B19): what it reads, what it
 * answers. Results are plain data and carry no secret, expected signature or body: a caller may
 * log a failure as it is, and an attacker who sees one learns only which rule the request broke.
 */

/**
 * The headers of a request, looked up by name, case-insensitively. A web `Headers` is one (so is
 * the receiver's `RequestHead.headers`). `null` when the header is absent.
 */
export interface HeaderReader {
  get(name: string): string | null;
}

/** What a verifier needs of the request besides its body. */
export interface SignedRequestHead {
  readonly headers: HeaderReader;
}

/**
 * Why a request was not verified — a closed set, so that a receiver can map each to a status and
 * a metric without parsing messages:
 * - `missing-header`: a header the scheme needs is absent or empty;
 * - `malformed-header`: a header is there but not in the scheme's exact form (timestamp not all
 *   digits, signature not canonical hex/base64, too long, too many entries, an id with spaces…);
 * - `timestamp-outside-tolerance`: the signed timestamp is further than the tolerance from now,
 *   in the past or in the future;
 * - `no-signature-matched`: the headers are well formed, and no signature in them verifies with
 *   any configured key (including: none of them is of the scheme's version, e.g. Stripe `v0` only).
 */
export type VerifyFailureReason =
  "missing-header" | "malformed-header" | "timestamp-outside-tolerance" | "no-signature-matched";

export interface VerifyFailure {
  readonly ok: false;
  readonly scheme: string;
  readonly reason: VerifyFailureReason;
  /** The (lower-case) name of the header at fault, for the two header reasons; never its value. */
  readonly header?: string;
}

/**
 * Which configured key verified the request: its position in `secrets` (HMAC) or `publicKeys`
 * (ed25519), in the order given — during a rotation, count these to see when the old key stops
 * being used.
 */
export interface MatchedKey {
  readonly kind: "secret" | "public-key";
  readonly index: number;
}

export interface VerifySuccess {
  readonly ok: true;
  readonly scheme: string;
  readonly key: MatchedKey;
  /**
   * The provider's id for this delivery, the key to deduplicate on once verified (B5). Whether the
   * signature covers it depends on the scheme: see `SignatureVerifier.deliveryId`.
   */
  readonly deliveryId?: string;
  /** The signed timestamp, in unix seconds, for schemes that sign one. */
  readonly timestamp?: number;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

export interface SignatureVerifier {
  /** Name of the scheme (`standard-webhooks`, `svix`, `github`, `stripe`, `shopify`, `telnyx`, or the one given). */
  readonly scheme: string;
  /** Every header this verifier reads, lower-case — e.g. to redact signature headers from logs (B17). */
  readonly headers: readonly string[];
  /**
   * Where `deliveryId` comes from, and whether the signature covers it. An unsigned id (GitHub's
   * `X-GitHub-Delivery`, Shopify's `X-Shopify-Webhook-Id`) still tells retries of one delivery
   * apart, but whoever replays a captured request can change it.
   */
  readonly deliveryId: { readonly header: string; readonly signed: boolean } | undefined;
  /**
   * Verifies `rawBody` — the exact bytes received, never a re-serialization — against the
   * request's signature headers at time `now` (milliseconds since the epoch, like `Date.now()`;
   * default: the verifier's clock). Never throws for anything the request holds; it rejects only
   * when the platform cannot run the configured algorithm (an Ed25519 key on a runtime without
   * Ed25519 in WebCrypto), a configuration problem worth a 500.
   */
  verify(request: SignedRequestHead, rawBody: Uint8Array, now?: number): Promise<VerifyResult>;
  /**
   * `verify`, answering synchronously when its keys allow (HMAC where Node's `createHmac` is
   * available; Ed25519 and WebCrypto are always asynchronous). The receiver calls this one:
   * a promise per delivery, and the deadline race it needs, cost more than the HMAC itself.
   */
  verifyNow?(request: SignedRequestHead, rawBody: Uint8Array, now?: number): VerifyResult | Promise<VerifyResult>;
}

/** The clock every verifier with a timestamp takes: milliseconds since the epoch, as `Date.now` returns. */
export type Clock = () => number;
