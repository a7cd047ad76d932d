/**
 * The verifiers off Node: with no `process.getBuiltinModule` (Workers, Deno, Bun, browsers)
 * HMACs run on WebCrypto. The pinned vectors and the key cache are checked on that path here;
 * the other test files run on Node's `createHmac`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BODY, rawHeaders } from "./support/signatures.js";

type Signatures = typeof import("../../templates/runtime/signatures.js");
type Signing = typeof import("../../templates/runtime/signatures-sign.js");
let sig: Signatures;
let sign: Signing;

beforeAll(async () => {
  // Before any verifier is made: node-crypto.ts looks once, then remembers.
  vi.stubGlobal("process", { ...process, getBuiltinModule: undefined });
  sig = await import("../../templates/runtime/signatures.js");
  sign = await import("../../templates/runtime/signatures-sign.js");
});
afterAll(() => vi.unstubAllGlobals());

describe("on WebCrypto alone", () => {
  it("verifies GitHub's documented vector", async () => {
    // github/docs "Testing the webhook payload validation".
    const verifier = sig.githubSignature({ secret: "It's a Secret to Everybody" });
    const headers = { "x-hub-signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17" };
    expect((await verifier.verify(rawHeaders(headers), new TextEncoder().encode("Hello, World!"))).ok).toBe(true);
  });

  it("verifies the Standard Webhooks upstream vector", async () => {
    const verifier = sig.standardWebhooks({ secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now: () => 1614265330_000 });
    const headers = { "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330", "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" };
    expect((await verifier.verify(rawHeaders(headers), new TextEncoder().encode('{"test": 2432232314}'))).ok).toBe(true);
  });

  it("imports each key once, lazily, and reuses it", async () => {
    const importKey = vi.spyOn(crypto.subtle, "importKey");
    const verifier = sig.githubSignature({ secrets: ["a", "b", "c"] });
    expect(importKey).not.toHaveBeenCalled();
    const headers = await sign.signGitHub({ secret: "c", body: BODY });
    const before = importKey.mock.calls.length;
    for (let i = 0; i < 5; i++) expect((await verifier.verify(rawHeaders(headers), BODY)).ok).toBe(true);
    expect(importKey.mock.calls.length - before).toBe(3);
  });
});
