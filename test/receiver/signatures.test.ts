/**
 * The signature verifiers beyond the pinned vectors: every preset round-trips with its signing
 * helper; rotation reports which key matched; tolerance is symmetric and exact at its edges;
 * junk timestamps, missing and oversized headers are refused by rule, in bounded time; bodies
 * are authenticated as bytes; and no secret, expected signature or body ever appears in a
 * result or an error.
 */
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { typeErrors } from "./support/generated.js";
import { decodeBase64, decodeHex, encodeBase64, timingSafeEqual } from "../../templates/runtime/signature-bytes.js";
import {
  ed25519Signature,
  githubSignature,
  hmacSignature,
  shopifyHmac,
  type SignatureVerifier,
  standardWebhooks,
  stripeSignature,
  svix,
  telnyx,
  type VerifyResult,
} from "../../templates/runtime/signatures.js";
import {
  ed25519TestKeys,
  signEd25519,
  signGitHub,
  signHmac,
  signShopify,
  signStandardWebhooks,
  signStripe,
  signSvix,
  signTelnyx,
} from "../../templates/runtime/signatures-sign.js";
import {
  BODY,
  bytes,
  clock,
  keys,
  NOW,
  otherKeys,
  rawHeaders,
  SCHEMES,
  SW_OTHER,
  SW_SECRET,
} from "./support/signatures.js";

afterEach(() => vi.restoreAllMocks());

describe("every preset", () => {
  it.each(SCHEMES.map((s) => [s.name, s] as const))("%s: what its signing helper signs verifies", async (_, s) => {
    const result = await s.verifier().verify(rawHeaders(await s.sign(BODY)), BODY);
    expect(result).toMatchObject({ ok: true, key: { index: 0 } });
    if (s.timed) expect(result).toMatchObject({ timestamp: NOW });
  });

  it.each(SCHEMES.map((s) => [s.name, s] as const))(
    "%s: verifyNow agrees with verify, and answers an HMAC without a promise on Node",
    async (_, s) => {
      const verifier = s.verifier();
      const signed = rawHeaders(await s.sign(BODY));
      const other = BODY.slice();
      other[3] = (other[3] as number) ^ 1;
      for (const body of [BODY, other]) {
        const now = verifier.verifyNow!(signed, body);
        // The receiver skips its deadline race for a synchronous answer; Ed25519 is WebCrypto, always async.
        expect(now instanceof Promise).toBe(s.name === "standard-webhooks v1a" || s.name === "telnyx");
        expect(await now).toEqual(await verifier.verify(signed, body));
      }
    },
  );

  it.each(SCHEMES.map((s) => [s.name, s] as const))("%s: verifies through a web Request's Headers", async (_, s) => {
    const request = new Request("https://example.test/hooks", {
      method: "POST",
      headers: await s.sign(BODY),
      body: BODY,
    });
    const raw = new Uint8Array(await request.arrayBuffer());
    expect((await s.verifier().verify(request, raw)).ok).toBe(true);
  });

  it.each(SCHEMES.map((s) => [s.name, s] as const))("%s: another body does not verify", async (_, s) => {
    const other = BODY.slice();
    other[10] = (other[10] as number) ^ 1;
    expect(await s.verifier().verify(rawHeaders(await s.sign(BODY)), other)).toMatchObject({
      ok: false,
      reason: "no-signature-matched",
    });
  });

  it.each(SCHEMES.map((s) => [s.name, s] as const))(
    "%s: a validly signed non-UTF-8 body verifies as bytes",
    async (_, s) => {
      const binary = new Uint8Array([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x00, 0xed, 0xa0, 0x80, 0x7d]);
      const headers = await s.sign(binary);
      expect((await s.verifier().verify(rawHeaders(headers), binary)).ok).toBe(true);
      // What a decode-then-encode round trip makes of it (U+FFFD for every bad sequence) does not.
      const roundTripped = bytes(new TextDecoder().decode(binary));
      expect((await s.verifier().verify(rawHeaders(headers), roundTripped)).ok).toBe(false);
    },
  );

  it.each(SCHEMES.map((s) => [s.name, s] as const))("%s: every missing or empty header is named", async (_, s) => {
    const verifier = s.verifier();
    const headers = await s.sign(BODY);
    const read = new Set(verifier.headers);
    for (const name of Object.keys(headers).filter((n) => read.has(n) && n !== verifier.deliveryId?.header)) {
      for (const value of [undefined, ""]) {
        const without = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
        const result = await verifier.verify(
          rawHeaders(value === undefined ? without : { ...without, [name]: value }),
          BODY,
        );
        expect(result).toEqual({ ok: false, scheme: verifier.scheme, reason: "missing-header", header: name });
      }
    }
  });
});

describe("delivery ids", () => {
  it("are reported with where they come from and whether they are signed", async () => {
    const cases: [SignatureVerifier, Record<string, string>, string | undefined, boolean | undefined][] = [
      [
        standardWebhooks({ secret: SW_SECRET, now: clock }),
        await signStandardWebhooks({ secret: SW_SECRET, body: BODY, id: "msg_a", timestamp: NOW }),
        "msg_a",
        true,
      ],
      [
        githubSignature({ secret: "s" }),
        await signGitHub({ secret: "s", body: BODY, id: "5f0c6e2a-3b1d" }),
        "5f0c6e2a-3b1d",
        false,
      ],
      [shopifyHmac({ secret: "s" }), await signShopify({ secret: "s", body: BODY, id: "wh-1" }), "wh-1", false],
      [
        stripeSignature({ secret: "s", now: clock }),
        await signStripe({ secret: "s", body: BODY, timestamp: NOW }),
        undefined,
        undefined,
      ],
    ];
    for (const [verifier, headers, id, signed] of cases) {
      const result = await verifier.verify(rawHeaders(headers), BODY);
      expect(result.ok ? result.deliveryId : "rejected").toBe(id);
      expect(verifier.deliveryId?.signed).toBe(signed);
    }
  });

  it("an unsigned id that is not a token is left out, and the delivery still verifies", async () => {
    const headers = { ...(await signGitHub({ secret: "s", body: BODY })), "x-github-delivery": "has space" };
    const result = await githubSignature({ secret: "s" }).verify(rawHeaders(headers), BODY);
    expect(result).toEqual({ ok: true, scheme: "github", key: { kind: "secret", index: 0 } });
  });

  it("a signed id with spaces, control characters or 257 characters is a malformed header", async () => {
    for (const id of ["a b", "a\tb", "é", "x".repeat(257)]) {
      const headers = await signStandardWebhooks({ secret: SW_SECRET, body: BODY, id: "msg_1", timestamp: NOW });
      const result = await standardWebhooks({ secret: SW_SECRET, now: clock }).verify(
        rawHeaders({ ...headers, "webhook-id": id }),
        BODY,
      );
      expect(result).toMatchObject({ ok: false, reason: "malformed-header", header: "webhook-id" });
    }
  });
});

describe("svix headers", () => {
  it("reads webhook-* when the svix-* set is incomplete, and never mixes the two sets", async () => {
    const verifier = svix({ secret: SW_SECRET, now: clock });
    const unbranded = await signStandardWebhooks({ secret: SW_SECRET, body: BODY, id: "msg_1", timestamp: NOW });
    expect((await verifier.verify(rawHeaders(unbranded), BODY)).ok).toBe(true);
    // svix-id alone does not pull the other two from webhook-*: the webhook-* set is used whole.
    const mixed = { ...unbranded, "svix-id": "msg_other" };
    expect(await verifier.verify(rawHeaders(mixed), BODY)).toMatchObject({ ok: true, deliveryId: "msg_1" });
    const branded = await signSvix({ secret: SW_SECRET, body: BODY, id: "msg_2", timestamp: NOW });
    expect(await verifier.verify(rawHeaders({ ...unbranded, ...branded }), BODY)).toMatchObject({
      ok: true,
      deliveryId: "msg_2",
    });
  });
});

describe("key rotation", () => {
  it("any configured secret may match; the result says which", async () => {
    const verifier = standardWebhooks({ secrets: [SW_OTHER, SW_SECRET], now: clock });
    const byNew = await signStandardWebhooks({ secret: SW_SECRET, body: BODY, id: "m", timestamp: NOW });
    const byOld = await signStandardWebhooks({ secret: SW_OTHER, body: BODY, id: "m", timestamp: NOW });
    expect(await verifier.verify(rawHeaders(byNew), BODY)).toMatchObject({
      ok: true,
      key: { kind: "secret", index: 1 },
    });
    expect(await verifier.verify(rawHeaders(byOld), BODY)).toMatchObject({
      ok: true,
      key: { kind: "secret", index: 0 },
    });
    // The sender signs with both during the switch; one configured key is enough.
    const both = { ...byNew, "webhook-signature": `${byOld["webhook-signature"]} ${byNew["webhook-signature"]}` };
    expect(await standardWebhooks({ secret: SW_SECRET, now: clock }).verify(rawHeaders(both), BODY)).toMatchObject({
      ok: true,
    });
    expect(
      await standardWebhooks({ secret: "whsec_" + Buffer.alloc(24, 9).toString("base64"), now: clock }).verify(
        rawHeaders(both),
        BODY,
      ),
    ).toMatchObject({
      ok: false,
      reason: "no-signature-matched",
    });
  });

  it("for every HMAC preset and for public keys", async () => {
    const github = await signGitHub({ secret: "new", body: BODY });
    expect(await githubSignature({ secrets: ["old", "new"] }).verify(rawHeaders(github), BODY)).toMatchObject({
      key: { index: 1 },
    });
    const stripe = await signStripe({ secret: "whsec_new", body: BODY, timestamp: NOW });
    expect(
      await stripeSignature({ secrets: ["whsec_old", "whsec_new"], now: clock }).verify(rawHeaders(stripe), BODY),
    ).toMatchObject({
      key: { index: 1 },
    });
    const shopify = await signShopify({ secret: "new", body: BODY });
    expect(await shopifyHmac({ secrets: ["old", "new"] }).verify(rawHeaders(shopify), BODY)).toMatchObject({
      key: { index: 1 },
    });
    const v1a = await signStandardWebhooks({ privateKey: keys.privateKey, body: BODY, id: "m", timestamp: NOW });
    const verifier = standardWebhooks({
      secret: SW_SECRET,
      publicKeys: [otherKeys.publicKey, keys.publicKey],
      now: clock,
    });
    expect(await verifier.verify(rawHeaders(v1a), BODY)).toMatchObject({
      ok: true,
      key: { kind: "public-key", index: 1 },
    });
  });

  it("on Node, computes HMACs with node:crypto: no WebCrypto key is imported (signature-webcrypto.test.ts covers the other path)", async () => {
    const importKey = vi.spyOn(crypto.subtle, "importKey");
    const verifier = githubSignature({ secrets: ["a", "b", "c"] });
    const headers = await signGitHub({ secret: "c", body: BODY });
    const before = importKey.mock.calls.length;
    for (let i = 0; i < 5; i++) expect((await verifier.verify(rawHeaders(headers), BODY)).ok).toBe(true);
    expect(importKey.mock.calls.length - before).toBe(0);
  });
});

describe("timestamp tolerance", () => {
  const timed = SCHEMES.filter((s) => s.timed);

  it.each(timed.map((s) => [s.name, s] as const))(
    "%s: |now − t| ≤ tolerance, past and future, to the second",
    async (_, s) => {
      const verifier = s.verifier();
      for (const [offset, ok] of [
        [0, true],
        [300, true],
        [-300, true],
        [301, false],
        [-301, false],
        [86_400, false],
        [-86_400, false],
      ] as const) {
        const result = await verifier.verify(rawHeaders(await s.sign(BODY, NOW - offset)), BODY);
        expect(result.ok ? true : result.reason, `signed ${offset} s before now`).toBe(
          ok ? true : "timestamp-outside-tolerance",
        );
      }
    },
  );

  it("uses the time given to verify() over the clock, in milliseconds, floored to the second", async () => {
    const verifier = stripeSignature({ secret: "s", toleranceSeconds: 10, now: () => Number.NaN });
    const headers = rawHeaders(await signStripe({ secret: "s", body: BODY, timestamp: NOW }));
    expect((await verifier.verify(headers, BODY)).ok).toBe(false); // a broken clock fails closed
    expect((await verifier.verify(headers, BODY, (NOW + 10) * 1000 + 999)).ok).toBe(true);
    expect((await verifier.verify(headers, BODY, (NOW + 11) * 1000)).ok).toBe(false);
    expect((await verifier.verify(headers, BODY, (NOW - 10) * 1000)).ok).toBe(true);
    expect((await verifier.verify(headers, BODY, (NOW - 10) * 1000 - 1)).ok).toBe(false);
  });

  it("defaults to the wall clock", async () => {
    const headers = await signStandardWebhooks({ secret: SW_SECRET, body: BODY }); // timestamp: now
    expect((await standardWebhooks({ secret: SW_SECRET }).verify(rawHeaders(headers), BODY)).ok).toBe(true);
  });

  const JUNK = [
    "hello",
    " 1700000000",
    "1700000000 ",
    "+1700000000",
    "-1700000000",
    "1700000000abc",
    "1700000000.0",
    "1.7e9",
    "0x6553f100",
    "１７００００００００",
    "1700000000000",
    "17000000000000000000000",
  ];
  it.each(JUNK)("timestamp %j is a malformed header, whoever signed it", async (junk) => {
    // Signed over the junk itself, so only the timestamp rule can refuse it.
    const key = Buffer.from(SW_SECRET.slice(6), "base64");
    const signature = "v1," + createHmac("sha256", key).update(`msg_1.${junk}.`).update(BODY).digest("base64");
    const headers = { "webhook-id": "msg_1", "webhook-timestamp": junk, "webhook-signature": signature };
    const result = await standardWebhooks({ secret: SW_SECRET, now: clock }).verify(rawHeaders(headers), BODY);
    expect(result).toEqual({
      ok: false,
      scheme: "standard-webhooks",
      reason: "malformed-header",
      header: "webhook-timestamp",
    });
    const stripe = `t=${junk},v1=${createHmac("sha256", "s").update(`${junk}.`).update(BODY).digest("hex")}`;
    expect(
      await stripeSignature({ secret: "s", now: clock }).verify(rawHeaders({ "stripe-signature": stripe }), BODY),
    ).toMatchObject({
      ok: false,
      reason: "malformed-header",
    });
  });

  it("a 12-digit timestamp is well formed but far outside the tolerance", async () => {
    const headers = await signStandardWebhooks({ secret: SW_SECRET, body: BODY, id: "m", timestamp: 999_999_999_999 });
    expect(await standardWebhooks({ secret: SW_SECRET, now: clock }).verify(rawHeaders(headers), BODY)).toMatchObject({
      reason: "timestamp-outside-tolerance",
    });
  });
});

describe("bounded work whatever the headers hold", () => {
  const valid = signStandardWebhooks({ secret: SW_SECRET, body: BODY, id: "msg_1", timestamp: NOW });
  const verifier = standardWebhooks({ secrets: [SW_OTHER, SW_SECRET], now: clock });
  const decoy = "v1," + Buffer.alloc(32, 1).toString("base64");

  it("a header with 10,000 signatures is refused by its length, at once", async () => {
    const headers = { ...(await valid) };
    headers["webhook-signature"] =
      Array.from({ length: 10_000 }, () => decoy).join(" ") + " " + headers["webhook-signature"];
    const started = performance.now();
    const result = await verifier.verify(rawHeaders(headers), BODY);
    const ms = performance.now() - started;
    expect(result).toEqual({
      ok: false,
      scheme: "standard-webhooks",
      reason: "malformed-header",
      header: "webhook-signature",
    });
    expect(ms).toBeLessThan(50);
  });

  it("16 signatures are tried, a 17th entry makes the header malformed", async () => {
    const good = (await valid)["webhook-signature"];
    const sixteen = [...Array.from({ length: 15 }, () => decoy), good].join(" ");
    expect((await verifier.verify(rawHeaders({ ...(await valid), "webhook-signature": sixteen }), BODY)).ok).toBe(true);
    const seventeen = `${decoy} ${sixteen}`;
    expect(await verifier.verify(rawHeaders({ ...(await valid), "webhook-signature": seventeen }), BODY)).toMatchObject(
      {
        reason: "malformed-header",
      },
    );
    const stripe = await signStripe({ secret: "s", body: BODY, timestamp: NOW });
    const many = stripe["stripe-signature"] + `,v0=${"0".repeat(64)}`.repeat(16);
    expect(
      await stripeSignature({ secret: "s", now: clock }).verify(rawHeaders({ "stripe-signature": many }), BODY),
    ).toMatchObject({
      reason: "malformed-header",
    });
  });

  it("the worst accepted header costs one MAC per secret: 16 candidates × 3 secrets × 1 MiB stay fast", async () => {
    const big = new Uint8Array(1024 * 1024).fill(0x61);
    const headers = { ...(await signStandardWebhooks({ secret: SW_OTHER, body: big, id: "m", timestamp: NOW })) };
    headers["webhook-signature"] = Array.from({ length: 16 }, () => decoy).join(" ");
    const three = standardWebhooks({ secrets: [SW_SECRET, SW_OTHER, SW_SECRET], now: clock });
    await three.verify(rawHeaders(headers), big); // keys imported
    const started = performance.now();
    expect(await three.verify(rawHeaders(headers), big)).toMatchObject({ reason: "no-signature-matched" });
    expect(performance.now() - started).toBeLessThan(250);
  });

  it("oversized timestamp and id headers are refused before any MAC", async () => {
    const sign = vi.spyOn(crypto.subtle, "sign");
    for (const [name, value] of [
      ["webhook-timestamp", "1".repeat(100_000)],
      ["webhook-id", "x".repeat(100_000)],
      ["webhook-signature", "v1,".repeat(100_000)],
    ] as const) {
      const result = await verifier.verify(rawHeaders({ ...(await valid), [name]: value }), BODY);
      expect(result).toMatchObject({ reason: "malformed-header", header: name });
    }
    expect(sign).not.toHaveBeenCalled();
  });
});

describe("secrets, expected signatures and bodies never leak", () => {
  const SECRET_TEXT = "super-secret-value-0123456789";
  const secretB64 = Buffer.from(SECRET_TEXT).toString("base64");

  it("no result holds the secret, the expected signature or the body", async () => {
    const body = bytes('{"card":"4242424242424242"}');
    const expected = {
      hex: createHmac("sha256", SECRET_TEXT).update(body).digest("hex"),
      b64: createHmac("sha256", SECRET_TEXT).update(body).digest("base64"),
    };
    const verifiers = [
      githubSignature({ secret: SECRET_TEXT }),
      shopifyHmac({ secret: SECRET_TEXT }),
      stripeSignature({ secret: SECRET_TEXT, now: clock }),
      standardWebhooks({ secret: secretB64, now: clock }),
      hmacSignature({ header: "x-sig", algorithm: "sha256", encoding: "hex", secret: SECRET_TEXT }),
    ];
    const requests: Record<string, string>[] = [
      {},
      {
        "x-hub-signature-256": "sha256=" + "0".repeat(64),
        "x-shopify-hmac-sha256": "A".repeat(43) + "=",
        "x-sig": "0".repeat(64),
      },
      {
        "stripe-signature": `t=${NOW},v1=${"0".repeat(64)}`,
        "webhook-id": "m",
        "webhook-timestamp": String(NOW),
        "webhook-signature": "v1,AAAA",
      },
      { "x-hub-signature-256": "garbage", "stripe-signature": "garbage", "webhook-timestamp": "x" },
      { "x-hub-signature-256": `sha256=${expected.hex}`, "x-shopify-hmac-sha256": expected.b64, "x-sig": expected.hex },
    ];
    const results: VerifyResult[] = [];
    for (const v of verifiers) for (const r of requests) results.push(await v.verify(rawHeaders({ ...r }), body));
    expect(results.some((r) => r.ok)).toBe(true);
    expect(results.some((r) => !r.ok)).toBe(true);
    const text = JSON.stringify(results);
    for (const needle of [SECRET_TEXT, secretB64, expected.hex, expected.b64, "4242424242424242", "0".repeat(64)])
      expect(text).not.toContain(needle);
  });

  it("no construction error holds the key it refuses", () => {
    const attempts: [string, () => unknown][] = [
      ["whsec_!!secret-not-base64!!", () => standardWebhooks({ secret: "whsec_!!secret-not-base64!!" })],
      [
        "zzsecret-not-hex",
        () =>
          hmacSignature({
            header: "x",
            algorithm: "sha1",
            encoding: "hex",
            secretEncoding: "hex",
            secret: "zzsecret-not-hex",
          }),
      ],
      ["whpk_c2VjcmV0LXB1YmxpYy1rZXk=", () => standardWebhooks({ publicKey: "whpk_c2VjcmV0LXB1YmxpYy1rZXk=" })],
      ["c2VjcmV0LXB1YmxpYy1rZXk=", () => telnyx({ publicKey: "c2VjcmV0LXB1YmxpYy1rZXk=" })],
    ];
    for (const [key, attempt] of attempts) {
      expect(attempt).toThrow(TypeError);
      try {
        attempt();
      } catch (error) {
        expect(String((error as Error).message)).not.toContain(key);
        expect(String((error as Error).message)).not.toContain(key.replace(/^wh(sec|pk)_/, ""));
      }
    }
  });
});

describe("configuration errors throw at construction, clearly", () => {
  /** An HMAC scheme that is fine but for `extra`. */
  const hmacWith = (extra: Partial<Parameters<typeof hmacSignature>[0]>) => () =>
    hmacSignature({ header: "x", algorithm: "sha256", encoding: "hex", secret: "s", ...extra } as Parameters<
      typeof hmacSignature
    >[0]);

  it.each([
    ["an empty secret", () => githubSignature({ secret: "" }), /secret 0 is empty/],
    ["whsec_ alone", () => standardWebhooks({ secret: "whsec_" }), /secret 0 is empty/],
    ["a second empty secret", () => stripeSignature({ secrets: ["ok", ""] }), /secret 1 is empty/],
    ["an empty secrets list", () => shopifyHmac({ secrets: [] }), /required/],
    ["no key at all", () => githubSignature({} as never), /required/],
    ["secret and secrets", () => githubSignature({ secret: "a", secrets: ["b"] } as never), /not both/],
    ["neither secret nor public key", () => standardWebhooks({}), /give a secret/],
    ["a 31-byte public key", () => telnyx({ publicKey: new Uint8Array(31) }), /public key 0 is not a 32-byte/],
    ["a negative tolerance", () => stripeSignature({ secret: "s", toleranceSeconds: -1 }), /toleranceSeconds/],
    ["a NaN tolerance", () => stripeSignature({ secret: "s", toleranceSeconds: Number.NaN }), /toleranceSeconds/],
    [
      "a template without {body}",
      hmacWith({ signedContent: "{timestamp}", timestampHeader: "t" }),
      /\{body\} exactly once/,
    ],
    ["{body} twice", hmacWith({ signedContent: "{body}{body}" }), /exactly once/],
    ["an unknown placeholder", hmacWith({ signedContent: "{nonce}.{body}" }), /unknown placeholder \{nonce\}/],
    ["a stray brace", hmacWith({ signedContent: "{body}}" }), /unmatched brace/],
    ["{timestamp} without its header", hmacWith({ signedContent: "{timestamp}.{body}" }), /give timestampHeader/],
    ["an id header the signature does not cover", hmacWith({ idHeader: "x-id" }), /deliveryIdHeader/],
    ["no signature header", hmacWith({ header: "" }), /header/],
    [
      "{id} without its header",
      () => ed25519Signature({ signatureHeader: "x", publicKey: keys.publicKey, signedContent: "{id}.{body}" }),
      /give idHeader/,
    ],
  ])("%s", (_, make, message) => {
    expect(make).toThrow(message);
  });
});

describe("generic schemes", () => {
  it.each([
    ["sha1", "hex", "sha1="],
    ["sha256", "base64", ""],
    ["sha512", "base64url", "v1:"],
  ] as const)("hmacSignature %s/%s with prefix %j", async (algorithm, encoding, prefix) => {
    const scheme = {
      header: "X-Signature",
      algorithm,
      encoding,
      prefix,
      signedContent: "{id}:{timestamp}:{body}",
      idHeader: "X-Id",
      timestampHeader: "X-Ts",
    };
    const headers = await signHmac(scheme, { secret: "k", body: BODY, id: "evt_1", timestamp: NOW });
    const digest = createHmac(algorithm, "k").update(`evt_1:${NOW}:`).update(BODY).digest(encoding);
    expect(headers).toEqual({ "x-signature": prefix + digest, "x-id": "evt_1", "x-ts": String(NOW) });
    const result = await hmacSignature({ ...scheme, secret: "k", now: clock }).verify(rawHeaders(headers), BODY);
    expect(result).toEqual({
      ok: true,
      scheme: "hmac",
      key: { kind: "secret", index: 0 },
      deliveryId: "evt_1",
      timestamp: NOW,
    });
  });

  it("secretEncoding base64 and hex decode the key", async () => {
    const key = Buffer.alloc(32, 5);
    const scheme = { header: "x-sig", algorithm: "sha256", encoding: "hex" } as const;
    const headers = await signHmac(scheme, { secret: key, body: BODY });
    for (const [secretEncoding, secret] of [
      ["base64", key.toString("base64")],
      ["hex", key.toString("hex")],
    ] as const)
      expect((await hmacSignature({ ...scheme, secretEncoding, secret }).verify(rawHeaders(headers), BODY)).ok).toBe(
        true,
      );
  });

  it("ed25519Signature with hex signatures, a prefix and an unsigned delivery id", async () => {
    const scheme = {
      scheme: "acme",
      signatureHeader: "Acme-Signature",
      signatureEncoding: "hex",
      prefix: "ed25519=",
      signedContent: "{timestamp}.{body}",
      timestampHeader: "Acme-Timestamp",
      deliveryIdHeader: "Acme-Delivery",
    } as const;
    const headers = await signEd25519(scheme, { privateKey: keys.privateKey, body: BODY, id: "d-1", timestamp: NOW });
    expect(headers["acme-signature"]).toMatch(/^ed25519=[0-9a-f]{128}$/);
    const verifier = ed25519Signature({
      ...scheme,
      publicKey: Buffer.from(keys.publicKey).toString("hex"),
      publicKeyEncoding: "hex",
      now: clock,
    });
    expect(await verifier.verify(rawHeaders(headers), BODY)).toEqual({
      ok: true,
      scheme: "acme",
      key: { kind: "public-key", index: 0 },
      deliveryId: "d-1",
      timestamp: NOW,
    });
    expect(verifier.deliveryId).toEqual({ header: "acme-delivery", signed: false });
    expect(verifier.headers).toEqual(["acme-signature", "acme-timestamp", "acme-delivery"]);
  });
});

describe("strict encodings", () => {
  it("base64: canonical only", () => {
    expect(decodeBase64("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", false, "required")).toHaveLength(32);
    // Same bytes under a lenient decoder: the last character's unused bits are not zero.
    expect(decodeBase64("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=", false, "required")).toBeUndefined();
    for (const bad of [
      "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE",
      "g0hM 9SsE=",
      "ab=c",
      "a===",
      "abc==",
      "YQ",
      "\u00e9QQ=",
    ])
      expect(decodeBase64(bad, false, "required"), bad).toBeUndefined();
    expect(decodeBase64("YQ", false, "optional")).toEqual(new Uint8Array([0x61]));
    expect(decodeBase64("YQ==", true, "forbidden")).toBeUndefined();
    expect(decodeBase64("-_8", true, "forbidden")).toEqual(new Uint8Array([0xfb, 0xff]));
    for (let n = 0; n < 70; n++) {
      const data = new Uint8Array(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff));
      expect(encodeBase64(data)).toBe(Buffer.from(data).toString("base64"));
      expect(encodeBase64(data, true)).toBe(Buffer.from(data).toString("base64url"));
      expect(decodeBase64(encodeBase64(data), false, "required")).toEqual(data);
    }
  });

  it("hex: lower case, even length", () => {
    expect(decodeHex("00ff7f")).toEqual(new Uint8Array([0, 255, 127]));
    for (const bad of ["00FF", "0", "0g", " 00", "+0"]) expect(decodeHex(bad), bad).toBeUndefined();
  });

  it("compares equal-length bytes fully; other lengths are unequal, not an error", () => {
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});

describe("the modules users get", () => {
  const runtime = path.resolve(import.meta.dirname, "../../templates/runtime");
  const files = fs.readdirSync(runtime).filter((f) => f.startsWith("signature") || f === "node-crypto.ts");

  it("depend on the web platform only: no node: modules, no packages, no Buffer or process", () => {
    // node:crypto is reached only where the runtime offers it, without an import.
    expect(fs.readFileSync(path.join(runtime, "node-crypto.ts"), "utf8")).toContain('getBuiltinModule?.("node:crypto")');
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) {
      // Code only: comments may show usage such as `process.env.SECRET`.
      const text = fs.readFileSync(path.join(runtime, f), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      for (const [, spec] of text.matchAll(/\bfrom\s+"([^"]+)"/g)) expect(spec, f).toMatch(/^\.\/(signature[\w-]*|node-crypto)\.js$/);
      expect(text, f).not.toMatch(/\b(Buffer|process|require)\s*[.(]/);
    }
  });

  it.each([{ lib: ["ES2023"] }, { lib: ["ES2023", "DOM"] }])("type-check strictly (lib $lib)", ({ lib }) => {
    expect(
      typeErrors(
        files.map((f) => path.join(runtime, f)),
        lib,
      ),
    ).toEqual([]);
  });
});
