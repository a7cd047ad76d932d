/**
 * Each provider's scheme as data — header names, signature shape, signed content, key encodings —
 * shared by the verifiers (signatures.ts) and the signing helpers (signatures-sign.ts), so that
 * what a test signs is by construction what the verifier checks. Sources: THREATS.md B0; Telnyx:
 * developers.telnyx.com callback reference ("Base64 encoded Ed25519 signature … of
 * timestamp|payload", timestamp in unix seconds) and its SDKs' 300 s tolerance.
 */
import { type ContentTemplate, parseTemplate } from "./signature-content.js";
import {
  keyValueList,
  type SignatureFormat,
  type SignatureVersion,
  single,
  versionedList,
} from "./signature-formats.js";
import type { HeaderNames } from "./signature-headers.js";
import { type HmacAlgorithm, MAC_LENGTH, type PublicKeyEncoding, type SecretEncoding } from "./signature-keys.js";
import type { ByteEncoding } from "./signature-bytes.js";

export interface Wire {
  readonly scheme: string;
  /** Tried in order; every set has the same roles (Svix: `svix-*`, then `webhook-*`). */
  readonly headerSets: readonly HeaderNames[];
  readonly format: SignatureFormat;
  readonly content: ContentTemplate;
  /** A header naming the delivery that the signature does not cover. */
  readonly unsignedIdHeader?: string;
  /** HMAC signatures: their version label in the header, algorithm and how secrets are written. */
  readonly hmac?: {
    readonly version: string;
    readonly algorithm: HmacAlgorithm;
    readonly secretEncoding: SecretEncoding;
  };
  /** Ed25519 signatures: their version label and how public keys are written. */
  readonly ed25519?: { readonly version: string; readonly publicKeyEncoding: PublicKeyEncoding };
}

/**
 * A configured header name, lower-cased; throws unless it is an HTTP token — a web `Headers`
 * throws on other names at every `get`, which would turn each delivery into a 500.
 */
function headerName(scheme: string, option: string, name: unknown): string {
  if (typeof name !== "string" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new TypeError(`${scheme}: ${option} must be a header name, got ${JSON.stringify(name)}`);
  return name.toLowerCase();
}

const hmacVersion = (algorithm: HmacAlgorithm, encoding: ByteEncoding): SignatureVersion => ({
  kind: "hmac",
  encoding,
  length: MAC_LENGTH[algorithm],
});
const ED25519 = (encoding: ByteEncoding): SignatureVersion => ({ kind: "ed25519", encoding, length: 64 });

/** The label `single` gives its one signature (any: the header has no version labels). */
const ONLY = "only";

/**
 * Standard Webhooks 1.0: `v1` (HMAC-SHA256, base64) and `v1a` (Ed25519, base64) — each only when
 * keys of its kind are configured, so the other is ignored like any unknown version.
 */
export function standardWebhooksWire(scheme: "standard-webhooks" | "svix", hmac: boolean, ed25519: boolean): Wire {
  const set = (p: string): HeaderNames => ({ signature: `${p}-signature`, id: `${p}-id`, timestamp: `${p}-timestamp` });
  const versions: Record<string, SignatureVersion> = {};
  if (hmac) versions["v1"] = hmacVersion("sha256", "base64");
  if (ed25519) versions["v1a"] = ED25519("base64");
  return {
    scheme,
    // Svix's own library reads svix-* when all three are there, else webhook-* (never a mix).
    headerSets: scheme === "svix" ? [set("svix"), set("webhook")] : [set("webhook")],
    format: versionedList(versions),
    content: parseTemplate("{id}.{timestamp}.{body}", scheme),
    ...(hmac ? { hmac: { version: "v1", algorithm: "sha256", secretEncoding: "whsec" } } : {}),
    ...(ed25519 ? { ed25519: { version: "v1a", publicKeyEncoding: "whpk" } } : {}),
  };
}

/** GitHub: `X-Hub-Signature-256: sha256=<hex>` over the body; the secret is the text as typed. */
export const GITHUB: Wire = {
  scheme: "github",
  headerSets: [{ signature: "x-hub-signature-256" }],
  format: single("sha256=", hmacVersion("sha256", "hex")),
  content: parseTemplate("{body}", "github"),
  unsignedIdHeader: "x-github-delivery",
  hmac: { version: ONLY, algorithm: "sha256", secretEncoding: "utf8" },
};

/**
 * Stripe: `Stripe-Signature: t=<ts>,v1=<hex>[,v1=…][,v0=…]` over `{t}.{body}`; only `v1` counts.
 * The endpoint secret is used as text, `whsec_` included. No delivery id travels in a header:
 * the event's `id` is in the body.
 */
export const STRIPE: Wire = {
  scheme: "stripe",
  headerSets: [{ signature: "stripe-signature" }],
  format: keyValueList("t", { v1: hmacVersion("sha256", "hex") }),
  content: parseTemplate("{timestamp}.{body}", "stripe"),
  hmac: { version: "v1", algorithm: "sha256", secretEncoding: "utf8" },
};

/** Shopify: base64 HMAC-SHA256 of the body keyed with the app's client secret (as text). */
export function shopifyWire(header: string): Wire {
  return {
    scheme: "shopify",
    headerSets: [{ signature: headerName("shopify", "header", header) }],
    format: single("", hmacVersion("sha256", "base64")),
    content: parseTemplate("{body}", "shopify"),
    unsignedIdHeader: "x-shopify-webhook-id",
    hmac: { version: ONLY, algorithm: "sha256", secretEncoding: "utf8" },
  };
}

/** Where a custom scheme's signature is and what it covers (`hmacSignature`, `ed25519Signature`). */
export interface CustomSchemeOptions {
  /** Name reported in results. Default `hmac` / `ed25519`. */
  readonly scheme?: string;
  /** Template over `{id}`, `{timestamp}` and `{body}` (exactly once) with literal text between. Default `{body}`. */
  readonly signedContent?: string;
  /** Header with the id `{id}` stands for; required when the template has `{id}`. */
  readonly idHeader?: string;
  /** Header with the unix-seconds timestamp `{timestamp}` stands for; required with `{timestamp}`. */
  readonly timestampHeader?: string;
  /** A header naming the delivery that the signature does not cover, reported as `deliveryId`. */
  readonly deliveryIdHeader?: string;
  /** Text before the signature in its header (`sha256=`, `v0=`). Default none. */
  readonly prefix?: string;
}

export interface HmacSchemeOptions extends CustomSchemeOptions {
  /** Header carrying the signature (one per header). */
  readonly header: string;
  readonly algorithm: HmacAlgorithm;
  /** How the MAC is written: lower-case `hex`, padded `base64`, or unpadded `base64url`. */
  readonly encoding: ByteEncoding;
  /** How text secrets are written. Default `utf8` (the text itself is the key). */
  readonly secretEncoding?: SecretEncoding;
}

export interface Ed25519SchemeOptions extends CustomSchemeOptions {
  /** Header carrying the 64-byte signature. */
  readonly signatureHeader: string;
  /** How the signature is written. Default `base64`. */
  readonly signatureEncoding?: ByteEncoding;
  /** How text public keys are written. Default `base64`. */
  readonly publicKeyEncoding?: PublicKeyEncoding;
}

/** The parts of a Wire that custom options describe, checked for consistency. */
function customWire(o: CustomSchemeOptions, scheme: string, header: string, version: SignatureVersion): Wire {
  const content = parseTemplate(o.signedContent ?? "{body}", scheme);
  if (content.usesId && !o.idHeader) throw new TypeError(`${scheme}: signedContent uses {id}: give idHeader`);
  if (content.usesTimestamp && !o.timestampHeader)
    throw new TypeError(`${scheme}: signedContent uses {timestamp}: give timestampHeader`);
  // A header read but not signed would be trusted as if it were: only signed ones are read as such.
  if (o.idHeader && !content.usesId)
    throw new TypeError(`${scheme}: idHeader is not in signedContent (use deliveryIdHeader for an unsigned id)`);
  if (o.timestampHeader && !content.usesTimestamp)
    throw new TypeError(`${scheme}: timestampHeader is not in signedContent`);
  const names: HeaderNames = {
    signature: headerName(scheme, "header", header),
    ...(o.idHeader ? { id: headerName(scheme, "idHeader", o.idHeader) } : {}),
    ...(o.timestampHeader ? { timestamp: headerName(scheme, "timestampHeader", o.timestampHeader) } : {}),
  };
  return {
    scheme,
    headerSets: [names],
    format: single(o.prefix ?? "", version),
    content,
    ...(o.deliveryIdHeader && !o.idHeader
      ? { unsignedIdHeader: headerName(scheme, "deliveryIdHeader", o.deliveryIdHeader) }
      : {}),
  };
}

export function hmacWire(o: HmacSchemeOptions): Wire {
  const scheme = o.scheme ?? "hmac";
  return {
    ...customWire(o, scheme, o.header, hmacVersion(o.algorithm, o.encoding)),
    hmac: { version: ONLY, algorithm: o.algorithm, secretEncoding: o.secretEncoding ?? "utf8" },
  };
}

export function ed25519Wire(o: Ed25519SchemeOptions): Wire {
  const scheme = o.scheme ?? "ed25519";
  return {
    ...customWire(o, scheme, o.signatureHeader, ED25519(o.signatureEncoding ?? "base64")),
    ed25519: { version: ONLY, publicKeyEncoding: o.publicKeyEncoding ?? "base64" },
  };
}

/** Telnyx: Ed25519 over `{timestamp}|{body}`, base64 signature, base64 public key from the portal. */
export const TELNYX: Wire = ed25519Wire({
  scheme: "telnyx",
  signatureHeader: "telnyx-signature-ed25519",
  timestampHeader: "telnyx-timestamp",
  signedContent: "{timestamp}|{body}",
});
