/**
 * THREATS.md goal G4: every pinned check in shared/vectors/webhook-signatures passes with the
 * `hardened` outcome — 28 Standard Webhooks verify cases and its 3 upstream sign vectors (the
 * ed25519 v1a one included), 11 Stripe cases, 9 GitHub cases: 51. Each case runs on its own
 * clock (`now` / `receivedAt`), never the wall clock.
 */
import { afterAll, describe, expect, it } from "vitest";
import { githubSignature, standardWebhooks, stripeSignature, svix } from "../../templates/runtime/signatures.js";
import { signStandardWebhooks } from "../../templates/runtime/signatures-sign.js";
import { bytes, haveVectors, rawHeaders, vectorFile } from "./support/signatures.js";

type Outcome = "accept" | "reject";

interface StandardWebhooksFile {
  upstream_sign_vectors: {
    key?: string;
    ed25519_seed_hex?: string;
    public_key?: string;
    msg_id: string;
    timestamp: number;
    payload: string;
    expected_signature: string;
  }[];
  verify_cases: {
    name: string;
    secret: string;
    now: number;
    headers: Record<string, string>;
    payload?: string;
    payload_base64?: string;
    hardened: Outcome;
  }[];
}

interface StripeFile {
  cases: {
    name: string;
    secret: string;
    payload: string;
    header: string;
    receivedAt: number;
    toleranceSeconds: number;
    hardened: Outcome;
  }[];
}

interface GitHubFile {
  cases: { name: string; secret: string; payload: string; header_X_Hub_Signature_256: string; expected: Outcome }[];
}

const passed = new Map<string, number>();
const count = (file: string) => passed.set(file, (passed.get(file) ?? 0) + 1);


describe.skipIf(!haveVectors)("pinned signature vectors (hardened outcomes)", () => {
  afterAll(() => {
    const lines = [...passed].map(([file, n]) => `  ${file}: ${n}`);
    const total = [...passed.values()].reduce((a, b) => a + b, 0);
    console.log(`signature vectors passed: ${total}/51\n${lines.join("\n")}`);
  });

  const sw = haveVectors
    ? vectorFile<StandardWebhooksFile>("standard-webhooks.json")
    : { upstream_sign_vectors: [], verify_cases: [] };
  const body = (c: StandardWebhooksFile["verify_cases"][number]) =>
    c.payload_base64 !== undefined ? new Uint8Array(Buffer.from(c.payload_base64, "base64")) : bytes(c.payload ?? "");

  it.each(sw.verify_cases.map((c) => [c.name, c] as const))("standard-webhooks.json: %s", async (_, c) => {
    const verifier = standardWebhooks({ secret: c.secret, now: () => c.now * 1000 });
    const result = await verifier.verify(rawHeaders(c.headers), body(c));
    expect(result.ok ? "accept" : "reject").toBe(c.hardened);
    count("standard-webhooks.json verify_cases");
  });

  it.each(sw.upstream_sign_vectors.map((v) => [v.expected_signature.slice(0, 16), v] as const))(
    "standard-webhooks.json sign vector %s…",
    async (_, v) => {
      const privateKey =
        v.ed25519_seed_hex === undefined ? undefined : new Uint8Array(Buffer.from(v.ed25519_seed_hex, "hex"));
      const headers = await signStandardWebhooks({
        ...(v.key === undefined ? {} : { secret: v.key }),
        ...(privateKey === undefined ? {} : { privateKey }),
        id: v.msg_id,
        timestamp: v.timestamp,
        body: v.payload,
      });
      expect(headers).toEqual({
        "webhook-id": v.msg_id,
        "webhook-timestamp": String(v.timestamp),
        "webhook-signature": v.expected_signature,
      });
      // And what was signed verifies, with the secret or the public key.
      const verifier = standardWebhooks({
        ...(v.key === undefined ? {} : { secret: v.key }),
        ...(v.public_key === undefined ? {} : { publicKey: v.public_key }),
        now: () => v.timestamp * 1000,
      });
      expect(await verifier.verify(rawHeaders(headers), bytes(v.payload))).toMatchObject({
        ok: true,
        deliveryId: v.msg_id,
      });
      count("standard-webhooks.json upstream_sign_vectors");
    },
  );

  // Not among the 51: the same cases through the Svix verifier, with svix-* headers.
  it.each(sw.verify_cases.map((c) => [c.name, c] as const))("standard-webhooks.json as svix-*: %s", async (_, c) => {
    const headers = Object.fromEntries(
      Object.entries(c.headers).map(([k, v]) => [k.replace(/^webhook-/i, "svix-"), v]),
    );
    const result = await svix({ secret: c.secret, now: () => c.now * 1000 }).verify(rawHeaders(headers), body(c));
    expect(result.ok ? "accept" : "reject").toBe(c.hardened);
  });

  const stripe = haveVectors ? vectorFile<StripeFile>("stripe-signature.json") : { cases: [] };
  it.each(stripe.cases.map((c) => [c.name, c] as const))("stripe-signature.json: %s", async (_, c) => {
    const verifier = stripeSignature({
      secret: c.secret,
      toleranceSeconds: c.toleranceSeconds,
      now: () => c.receivedAt * 1000,
    });
    const result = await verifier.verify(rawHeaders({ "Stripe-Signature": c.header }), bytes(c.payload));
    expect(result.ok ? "accept" : "reject").toBe(c.hardened);
    count("stripe-signature.json");
  });

  // This file has one outcome column, `expected` (@octokit/webhooks-methods'), the hardened one too.
  const github = haveVectors ? vectorFile<GitHubFile>("github-x-hub-signature-256.json") : { cases: [] };
  it.each(github.cases.map((c) => [c.name, c] as const))("github-x-hub-signature-256.json: %s", async (_, c) => {
    const result = await githubSignature({ secret: c.secret }).verify(
      rawHeaders({ "X-Hub-Signature-256": c.header_X_Hub_Signature_256 }),
      bytes(c.payload),
    );
    expect(result.ok ? "accept" : "reject").toBe(c.expected);
    count("github-x-hub-signature-256.json");
  });

  it("counts 51 checks: 28 + 3 Standard Webhooks, 11 Stripe, 9 GitHub", () => {
    expect(sw.verify_cases.length + sw.upstream_sign_vectors.length + stripe.cases.length + github.cases.length).toBe(
      51,
    );
  });
});
