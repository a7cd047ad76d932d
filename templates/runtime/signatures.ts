/**
 * Signature verifiers for webhook providers, on WebCrypto alone (Node ≥ 20, Bun, Deno, Cloudflare
 * Workers, Next.js edge and node runtimes). Each factory checks its configuration at once — a
 * missing, empty or undecodable key throws here, naming the option, never at the first delivery
 * — and returns a `SignatureVerifier`:
 *
 *   const verifier = githubSignature({ secret: process.env.GITHUB_WEBHOOK_SECRET! });
 *   const result = await verifier.verify(request, rawBody);
 *   if (!result.ok) → 401 (result.reason says why; it never holds a secret or a signature)
 *
 * Times are milliseconds since the epoch (`now: () => number`, default `Date.now`), compared
 * with the signed unix-seconds timestamp in whole seconds: |now − t| ≤ toleranceSeconds.
 * Every preset is a configuration of one procedure (signature-verify.ts).
 */
import { createVerifier } from "./signature-verify.js";
import {
  Ed25519Keys,
  HmacKeys,
  type HmacAlgorithm,
  type KeyInput,
  keyList,
  type PublicKeyEncoding,
  publicKeyBytes,
  type SecretEncoding,
  secretBytes,
} from "./signature-keys.js";
import {
  type Ed25519SchemeOptions,
  ed25519Wire,
  GITHUB,
  type HmacSchemeOptions,
  hmacWire,
  shopifyWire,
  standardWebhooksWire,
  STRIPE,
  TELNYX,
  type Wire,
} from "./signature-schemes.js";
import type { ByteEncoding } from "./signature-bytes.js";
import type { Clock, SignatureVerifier } from "./signature-types.js";

export type {
  Clock,
  HeaderReader,
  MatchedKey,
  SignatureVerifier,
  SignedRequestHead,
  VerifyFailure,
  VerifyFailureReason,
  VerifyResult,
  VerifySuccess,
} from "./signature-types.js";
export type {
  ByteEncoding,
  Ed25519SchemeOptions,
  HmacAlgorithm,
  HmacSchemeOptions,
  KeyInput,
  PublicKeyEncoding,
  SecretEncoding,
};

/** One secret, or several during a rotation (any may match; the result says which). */
export type SecretOptions =
  | { readonly secret: KeyInput; readonly secrets?: never }
  | { readonly secrets: readonly KeyInput[]; readonly secret?: never };

/** One Ed25519 public key, or several during a rotation. */
export type PublicKeyOptions =
  | { readonly publicKey: KeyInput; readonly publicKeys?: never }
  | { readonly publicKeys: readonly KeyInput[]; readonly publicKey?: never };

export interface TimeOptions {
  /** Largest distance between the signed timestamp and now, past or future, in seconds. Default 300. */
  readonly toleranceSeconds?: number;
  /** The clock, in milliseconds since the epoch. Default `Date.now`; a test injects a fixed one. */
  readonly now?: Clock;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A verifier for `wire` with these keys; the tolerance and clock checked. */
function build(
  wire: Wire,
  keys: { readonly secrets?: readonly KeyInput[]; readonly publicKeys?: readonly KeyInput[] },
  time: TimeOptions,
): SignatureVerifier {
  const tolerance = time.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== "number" || !Number.isFinite(tolerance) || tolerance < 0)
    throw new RangeError(`${wire.scheme}: toleranceSeconds must be a finite number ≥ 0, got ${String(tolerance)}`);
  if (time.now !== undefined && typeof time.now !== "function")
    throw new TypeError(`${wire.scheme}: now must be a function`);
  const { hmac, ed25519 } = wire;
  return createVerifier({
    scheme: wire.scheme,
    headerSets: wire.headerSets,
    format: wire.format,
    content: wire.content,
    toleranceSeconds: tolerance,
    secrets:
      hmac && keys.secrets
        ? new HmacKeys(secretBytes(keys.secrets, hmac.secretEncoding, wire.scheme), hmac.algorithm)
        : undefined,
    publicKeys:
      ed25519 && keys.publicKeys
        ? new Ed25519Keys(publicKeyBytes(keys.publicKeys, ed25519.publicKeyEncoding, wire.scheme))
        : undefined,
    unsignedIdHeader: wire.unsignedIdHeader,
    now: time.now ?? Date.now,
  });
}

/** The configured secrets, as a non-empty list (exactly one of `secret` / `secrets`). */
const secretsOf = (o: Partial<Record<"secret" | "secrets", unknown>>, scheme: string) =>
  keyList(o.secret, o.secrets, "secret", "secrets", scheme);
const publicKeysOf = (o: Partial<Record<"publicKey" | "publicKeys", unknown>>, scheme: string) =>
  keyList(o.publicKey, o.publicKeys, "publicKey", "publicKeys", scheme);

export interface StandardWebhooksOptions extends TimeOptions {
  /** `whsec_` + base64 (the prefix is optional), or the key's bytes: verifies `v1` (HMAC-SHA256) signatures. */
  readonly secret?: KeyInput;
  readonly secrets?: readonly KeyInput[];
  /** `whpk_` + base64 (optional prefix), or 32 bytes: verifies `v1a` (Ed25519) signatures. */
  readonly publicKey?: KeyInput;
  readonly publicKeys?: readonly KeyInput[];
}

function standardWebhooksLike(
  scheme: "standard-webhooks" | "svix",
  options: StandardWebhooksOptions,
): SignatureVerifier {
  const hasSecrets = options.secret !== undefined || options.secrets !== undefined;
  const hasPublicKeys = options.publicKey !== undefined || options.publicKeys !== undefined;
  if (!hasSecrets && !hasPublicKeys) throw new TypeError(`${scheme}: give a secret (v1) or a publicKey (v1a), or both`);
  const keys = {
    ...(hasSecrets ? { secrets: secretsOf(options, scheme) } : {}),
    ...(hasPublicKeys ? { publicKeys: publicKeysOf(options, scheme) } : {}),
  };
  return build(standardWebhooksWire(scheme, hasSecrets, hasPublicKeys), keys, options);
}

/**
 * Standard Webhooks v1/v1a: `webhook-id`, `webhook-timestamp`, `webhook-signature` (space-separated
 * `v1,<base64>` / `v1a,<base64>`; any one matching passes), over `{id}.{timestamp}.{body}`.
 * `deliveryId` is `webhook-id`, covered by the signature.
 */
export function standardWebhooks(options: StandardWebhooksOptions): SignatureVerifier {
  return standardWebhooksLike("standard-webhooks", options);
}

/** Svix: Standard Webhooks with `svix-*` headers, or `webhook-*` when the three `svix-*` are not all there. */
export function svix(options: StandardWebhooksOptions): SignatureVerifier {
  return standardWebhooksLike("svix", options);
}

/**
 * GitHub: `X-Hub-Signature-256: sha256=<lower-case hex>` over the body. The secret is the text you
 * typed into GitHub. `deliveryId` is `X-GitHub-Delivery` — not signed, and GitHub signs no
 * timestamp: a captured delivery can be replayed at any time.
 */
export function githubSignature(options: SecretOptions): SignatureVerifier {
  return build(GITHUB, { secrets: secretsOf(options, "github") }, {});
}

/**
 * Stripe: `Stripe-Signature: t=<ts>,v1=<hex>…` over `{t}.{body}`. Only `v1` counts (`v0` and
 * unknown schemes are ignored: downgrade protection); several `v1` are tried (rolled secrets).
 * The secret is the endpoint's `whsec_…` string as is. Tolerance applies both ways (stripe-node
 * only rejects old timestamps). No `deliveryId`: Stripe sends none in headers (the event `id` is
 * in the body).
 */
export function stripeSignature(options: SecretOptions & TimeOptions): SignatureVerifier {
  return build(STRIPE, { secrets: secretsOf(options, "stripe") }, options);
}

/**
 * Shopify: base64 HMAC-SHA256 of the body in `X-Shopify-Hmac-SHA256` (or `header`), keyed with the
 * app's client secret. `deliveryId` is `X-Shopify-Webhook-Id` (not signed). Shopify signs no
 * timestamp; `X-Shopify-Triggered-At` is not covered either.
 */
export function shopifyHmac(options: SecretOptions & { readonly header?: string }): SignatureVerifier {
  return build(shopifyWire(options.header ?? "x-shopify-hmac-sha256"), { secrets: secretsOf(options, "shopify") }, {});
}

/**
 * Any HMAC scheme with one signature per header — e.g. Slack is
 * `{ header: "x-slack-signature", prefix: "v0=", algorithm: "sha256", encoding: "hex",
 * signedContent: "v0:{timestamp}:{body}", timestampHeader: "x-slack-request-timestamp" }`.
 * With a `timestampHeader` the tolerance applies.
 */
export function hmacSignature(options: HmacSchemeOptions & SecretOptions & TimeOptions): SignatureVerifier {
  const wire = hmacWire(options);
  return build(wire, { secrets: secretsOf(options, wire.scheme) }, options);
}

/** Any Ed25519 scheme with one signature per header. Needs Ed25519 in the runtime's WebCrypto. */
export function ed25519Signature(options: Ed25519SchemeOptions & PublicKeyOptions & TimeOptions): SignatureVerifier {
  const wire = ed25519Wire(options);
  return build(wire, { publicKeys: publicKeysOf(options, wire.scheme) }, options);
}

/**
 * Telnyx (API v2): `telnyx-signature-ed25519` (base64) over `{telnyx-timestamp}|{body}`, with the
 * account's base64 public key (Mission Control → Keys & Credentials → Public Key). No delivery id
 * header: the event's `data.id` is in the body.
 */
export function telnyx(options: PublicKeyOptions & TimeOptions): SignatureVerifier {
  return build(TELNYX, { publicKeys: publicKeysOf(options, "telnyx") }, options);
}
