/**
 * Signing helpers for your own tests: the headers a provider would send with `body`, signed with a
 * test secret (or an Ed25519 private key), built from the same scheme descriptions the verifiers
 * read — so a request signed here verifies with the matching verifier and the same key:
 *
 *   const headers = await signGitHub({ secret: "test", body: '{"zen":"Keep it logically awesome."}' });
 *   await receiver.fetch(new Request(url, { method: "POST", headers, body }));
 *
 * Header names come out lower-case. Timestamps are unix seconds (default: now); ids default to a
 * fresh random one where the scheme signs or sends one.
 */
import { buildContent } from "./signature-content.js";
import type { OutgoingSignature } from "./signature-formats.js";
import { type CryptoData, HmacKeys, type KeyInput, secretBytes } from "./signature-keys.js";
import { decodeBase64, utf8 } from "./signature-bytes.js";
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

/** What to sign: the body (text is sent as UTF-8), and the id and timestamp where the scheme has them. */
export interface SignInput {
  readonly body: Uint8Array | string;
  /** Delivery id; default `msg_` + a random UUID's hex. */
  readonly id?: string;
  /** Unix seconds; default now. */
  readonly timestamp?: number;
}

/** The headers of a signed request, names lower-case. */
export type SignedHeaders = Record<string, string>;

/**
 * An Ed25519 private key: its 32-byte seed, or the 64 bytes seed ‖ public key (libsodium's and
 * Standard Webhooks' `whsk_` layout); as bytes or as base64 text with an optional `whsk_` prefix.
 */
export type PrivateKeyInput = KeyInput;

/** PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410): WebCrypto imports private keys only in this form or JWK. */
const PKCS8_ED25519_PREFIX = [
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

function seedOf(key: PrivateKeyInput): Uint8Array {
  const bytes = typeof key === "string" ? decodeBase64(key.replace(/^whsk_/, ""), false, "optional") : key;
  if (!bytes || (bytes.length !== 32 && bytes.length !== 64))
    throw new TypeError(
      "privateKey must be a 32-byte Ed25519 seed or 64 bytes seed ‖ public key (bytes, or base64 with optional whsk_)",
    );
  return bytes.subarray(0, 32);
}

async function ed25519Sign(key: PrivateKeyInput, data: Uint8Array): Promise<Uint8Array> {
  const pkcs8 = new Uint8Array([...PKCS8_ED25519_PREFIX, ...seedOf(key)]);
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, privateKey, data as CryptoData));
}

/** A fresh Ed25519 key pair for tests: the 32-byte seed to sign with, and the 32-byte public key to verify with. */
export async function ed25519TestKeys(): Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as {
    privateKey: Parameters<typeof crypto.subtle.exportKey>[1];
    publicKey: Parameters<typeof crypto.subtle.exportKey>[1];
  };
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const publicKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  return { privateKey: pkcs8.slice(pkcs8.length - 32), publicKey };
}

const randomId = () => `msg_${crypto.randomUUID().replace(/-/g, "")}`;

/** Signs `input` the way `wire` is verified: HMAC with `secret`, Ed25519 with `privateKey`, or both. */
async function signWire(
  wire: Wire,
  keys: { readonly secret?: KeyInput; readonly privateKey?: PrivateKeyInput },
  input: SignInput,
): Promise<SignedHeaders> {
  const names = wire.headerSets[0] as Wire["headerSets"][number];
  const id = input.id ?? randomId();
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const body = typeof input.body === "string" ? utf8(input.body) : input.body;
  const content = buildContent(wire.content, { id, timestamp, body });
  const signatures: OutgoingSignature[] = [];
  if (keys.secret !== undefined && wire.hmac) {
    const mac = new HmacKeys(secretBytes([keys.secret], wire.hmac.secretEncoding, wire.scheme), wire.hmac.algorithm);
    signatures.push({ version: wire.hmac.version, bytes: await mac.mac(0, content) });
  }
  if (keys.privateKey !== undefined && wire.ed25519)
    signatures.push({ version: wire.ed25519.version, bytes: await ed25519Sign(keys.privateKey, content) });
  if (signatures.length === 0) throw new TypeError(`${wire.scheme}: give the key this scheme signs with`);
  const headers: SignedHeaders = { [names.signature]: wire.format.write(signatures, timestamp) };
  if (names.id) headers[names.id] = id;
  if (names.timestamp) headers[names.timestamp] = timestamp;
  if (wire.unsignedIdHeader) headers[wire.unsignedIdHeader] = id;
  return headers;
}

type StandardKeys = { readonly secret?: KeyInput; readonly privateKey?: PrivateKeyInput };

/** `webhook-id`, `webhook-timestamp`, `webhook-signature` with `v1` (secret) and/or `v1a` (privateKey). */
export function signStandardWebhooks(input: SignInput & StandardKeys): Promise<SignedHeaders> {
  const wire = standardWebhooksWire("standard-webhooks", input.secret !== undefined, input.privateKey !== undefined);
  return signWire(wire, input, input);
}

/** As signStandardWebhooks, with `svix-*` headers. */
export function signSvix(input: SignInput & StandardKeys): Promise<SignedHeaders> {
  return signWire(
    standardWebhooksWire("svix", input.secret !== undefined, input.privateKey !== undefined),
    input,
    input,
  );
}

/** `x-hub-signature-256` (and `x-github-delivery`). */
export function signGitHub(input: SignInput & { readonly secret: KeyInput }): Promise<SignedHeaders> {
  return signWire(GITHUB, input, input);
}

/** `stripe-signature: t=…,v1=…`. */
export function signStripe(input: SignInput & { readonly secret: KeyInput }): Promise<SignedHeaders> {
  return signWire(STRIPE, input, input);
}

/** `x-shopify-hmac-sha256` (or `header`), and `x-shopify-webhook-id`. */
export function signShopify(
  input: SignInput & { readonly secret: KeyInput; readonly header?: string },
): Promise<SignedHeaders> {
  return signWire(shopifyWire(input.header ?? "x-shopify-hmac-sha256"), input, input);
}

/** `telnyx-signature-ed25519` and `telnyx-timestamp`. */
export function signTelnyx(input: SignInput & { readonly privateKey: PrivateKeyInput }): Promise<SignedHeaders> {
  return signWire(TELNYX, input, input);
}

/** For a scheme described to `hmacSignature`: pass the same options. */
export function signHmac(
  scheme: HmacSchemeOptions,
  input: SignInput & { readonly secret: KeyInput },
): Promise<SignedHeaders> {
  return signWire(hmacWire(scheme), input, input);
}

/** For a scheme described to `ed25519Signature`: pass the same options. */
export function signEd25519(
  scheme: Ed25519SchemeOptions,
  input: SignInput & { readonly privateKey: PrivateKeyInput },
): Promise<SignedHeaders> {
  return signWire(ed25519Wire(scheme), input, input);
}
