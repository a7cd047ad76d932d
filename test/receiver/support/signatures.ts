/**
 * What the signature tests share: where the pinned vectors are (in the shared folder, found by
 * test/support/shared.ts), and a header reader that hands values over exactly as
 * given — unlike a web `Headers`, which trims surrounding whitespace, so a vector about a
 * signature with spaces around it could not reach the verifier as written.
 */
import fs from "node:fs";
import path from "node:path";
import type { HeaderReader } from "../../../templates/runtime/signature-types.js";
import { HAS_SHARED, VECTORS } from "../../support/shared.js";
import {
  githubSignature,
  hmacSignature,
  shopifyHmac,
  type SignatureVerifier,
  standardWebhooks,
  stripeSignature,
  svix,
  telnyx,
} from "../../../templates/runtime/signatures.js";
import {
  ed25519TestKeys,
  signGitHub,
  signHmac,
  signShopify,
  signStandardWebhooks,
  signStripe,
  signSvix,
  signTelnyx,
} from "../../../templates/runtime/signatures-sign.js";

export const SIGNATURE_VECTORS = path.join(VECTORS, "webhook-signatures");
export const haveVectors = HAS_SHARED && fs.existsSync(SIGNATURE_VECTORS);

/** Reads one vector file as parsed JSON. */
export function vectorFile<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(SIGNATURE_VECTORS, name), "utf8")) as T;
}

/** Headers looked up case-insensitively, values untouched. */
export function rawHeaders(record: Readonly<Record<string, string>>): { headers: HeaderReader } {
  const byName = new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
  return { headers: { get: (name) => byName.get(name.toLowerCase()) ?? null } };
}

export const bytes = (text: string) => new TextEncoder().encode(text);

export const NOW = 1_700_000_000; // unix seconds
export const clock = () => NOW * 1000;
export const BODY = bytes('{"type":"invoice.paid","data":{"id":"in_1","amount":4200}}');
export const SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
export const SW_OTHER = "whsec_" + Buffer.alloc(24, 7).toString("base64");
export const SLACK = {
  scheme: "slack",
  header: "X-Slack-Signature",
  prefix: "v0=",
  algorithm: "sha256",
  encoding: "hex",
  signedContent: "v0:{timestamp}:{body}",
  timestampHeader: "X-Slack-Request-Timestamp",
} as const;

export const keys = await ed25519TestKeys();
export const otherKeys = await ed25519TestKeys();
const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");

/** One entry per preset: a verifier (clock at NOW) and a way to sign for it, with the same key. */
export const SCHEMES: {
  name: string;
  verifier: () => SignatureVerifier;
  sign: (body: Uint8Array, timestamp?: number) => Promise<Record<string, string>>;
  timed: boolean;
}[] = [
  {
    name: "standard-webhooks v1",
    verifier: () => standardWebhooks({ secret: SW_SECRET, now: clock }),
    sign: (body, timestamp = NOW) => signStandardWebhooks({ secret: SW_SECRET, body, id: "msg_1", timestamp }),
    timed: true,
  },
  {
    name: "standard-webhooks v1a",
    verifier: () => standardWebhooks({ publicKey: keys.publicKey, now: clock }),
    sign: (body, timestamp = NOW) =>
      signStandardWebhooks({ privateKey: keys.privateKey, body, id: "msg_1", timestamp }),
    timed: true,
  },
  {
    name: "svix",
    verifier: () => svix({ secret: SW_SECRET, now: clock }),
    sign: (body, timestamp = NOW) => signSvix({ secret: SW_SECRET, body, id: "msg_1", timestamp }),
    timed: true,
  },
  {
    name: "github",
    verifier: () => githubSignature({ secret: "It's a Secret to Everybody" }),
    sign: (body) =>
      signGitHub({ secret: "It's a Secret to Everybody", body, id: "72d3162e-cc78-11e3-81ab-4c9367dc0958" }),
    timed: false,
  },
  {
    name: "stripe",
    verifier: () => stripeSignature({ secret: "whsec_test_secret", now: clock }),
    sign: (body, timestamp = NOW) => signStripe({ secret: "whsec_test_secret", body, timestamp }),
    timed: true,
  },
  {
    name: "shopify",
    verifier: () => shopifyHmac({ secret: "shpss_client_secret" }),
    sign: (body) => signShopify({ secret: "shpss_client_secret", body, id: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" }),
    timed: false,
  },
  {
    name: "telnyx",
    verifier: () => telnyx({ publicKey: b64(keys.publicKey), now: clock }),
    sign: (body, timestamp = NOW) => signTelnyx({ privateKey: keys.privateKey, body, timestamp }),
    timed: true,
  },
  {
    name: "hmac (slack-like)",
    verifier: () => hmacSignature({ ...SLACK, secret: "slack-signing-secret", now: clock }),
    sign: (body, timestamp = NOW) => signHmac(SLACK, { secret: "slack-signing-secret", body, timestamp }),
    timed: true,
  },
];
