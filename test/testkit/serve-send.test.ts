/**
 * `gen-callbacks serve` and `gen-callbacks send` from separate processes over loopback (issue
 * 15): `serve` listens on a free port, `send '*'` posts one signed delivery of every event,
 * and both sides must agree — every delivery answered 2xx by the event's first declared
 * success response, and logged by `serve` as handled by that very event. Then the checks a
 * user meets first: a mistyped event, a remote target, a missing secret, a wrong secret.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GITHUB_WEBHOOKS_SPEC } from "../support/corpus.js";
import { CORPUS, itShared } from "../support/shared.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "dist/cli/bin.js");
const EXAMPLE = path.join(ROOT, "generated-example/provider.yaml");
/** A Standard Webhooks secret (`whsec_` + base64 key), for the showcase's scheme. */
const STANDARD_SECRET = "whsec_" + Buffer.from("a test secret of 32 bytes, ok!!!").toString("base64");

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGTERM");
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `serve` on a free port; resolves with its URL once it listens. */
function serve(spec: string, extra: string[]): Promise<{ url: string; lines: () => Record<string, unknown>[]; stop: () => Promise<Run> }> {
  const child = spawn(process.execPath, [BIN, "serve", spec, "--port", "0", "--json", ...extra], { cwd: ROOT });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  const closed = new Promise<Run>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m)
        resolve({
          url: m[1]!,
          lines: () => stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
          stop: () => {
            child.kill("SIGINT");
            return closed;
          },
        });
    });
    child.on("close", () => reject(new Error(`serve exited before listening:\n${stderr}`)));
  });
}

/** Events `send` says no valid payload exists for (their schema admits no value). */
function unsatisfiableIn(stderr: string): string[] {
  return [...stderr.matchAll(/^note: (\w+): the spec's schema admits no value/gm)].map((m) => m[1]!);
}

async function roundTrip(spec: string, secret: string): Promise<{ sent: Record<string, unknown>[]; served: Record<string, unknown>[]; impossible: string[] }> {
  const server = await serve(spec, ["--secret", secret]);
  const send = await run(["send", spec, "*", "--to", server.url, "--secret", secret, "--json"]);
  const impossible = unsatisfiableIn(send.stderr);
  expect(send.stderr.split("\n").filter((l) => l && !l.startsWith("note: "))).toEqual([]);
  const sent = send.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  // serve logs each request before answering it: by now every line is written, if not yet read.
  for (let i = 0; i < 100 && server.lines().length < sent.length; i++) await new Promise((r) => setTimeout(r, 50));
  const served = server.lines();
  const stopped = await server.stop();
  expect(stopped.code).toBe(0);
  // Refused: exactly the deliveries no valid payload exists for, answered 422 and logged as invalid.
  expect(sent.filter((s) => (s.status as number) >= 300).map((s) => [s.event, s.status])).toEqual(impossible.map((e) => [e, 422]));
  expect(served.filter((l) => l.verdict !== "ok").map((l) => [l.event, l.verdict])).toEqual(impossible.map((e) => [e, "invalid"]));
  expect(send.code).toBe(impossible.length ? 1 : 0);
  return { sent, served, impossible };
}

describe("serve and send round trip", () => {
  it("on the showcase (generated-example/provider.yaml), signed the Standard Webhooks way", async () => {
    const { sent, served, impossible } = await roundTrip(EXAMPLE, STANDARD_SECRET);
    expect(impossible).toEqual([]);
    expect(sent.map((s) => s.event)).toEqual(["customerUpdated", "invoiceNotification", "onData", "paymentFailed", "paymentSucceeded", "payoutStatus", "refundUpdate"]);
    for (const s of sent) expect(s.status, JSON.stringify(s)).toBeLessThan(300);
    expect(served.map((l) => [l.event, l.verdict])).toEqual(sent.map((s) => [s.event, "ok"]));
    // Each answer is the event's first declared success response: payouts answer 204, usage data 202.
    expect(Object.fromEntries(sent.map((s) => [s.event, s.status]))).toMatchObject({ payoutStatus: 204, onData: 202, invoiceNotification: 200 });
    console.log(`serve/send round trip on the showcase: ${sent.length} events sent, ${served.filter((l) => l.verdict === "ok").length} handled by their own event`);
  }, 120_000);

  it("on every webhook of github-webhooks-3.1, signed with X-Hub-Signature-256", async () => {
    const { sent, served, impossible } = await roundTrip(GITHUB_WEBHOOKS_SPEC, "It's a Secret to Everybody");
    expect(sent).toHaveLength(261);
    // GitHub types three required fields of its repository advisories as `null` and an object at once.
    expect(impossible).toEqual(["repositoryAdvisoryPublished", "repositoryAdvisoryReported"]);
    expect(served.map((l) => l.event)).toEqual(sent.map((s) => s.event));
    expect(served.filter((l) => l.verdict === "ok").map((l) => l.event)).toEqual(sent.map((s) => s.event).filter((e) => !impossible.includes(e as string)));
    const fromExamples = sent.filter((s) => s.fixture !== "synthesized").length;
    console.log(
      `serve/send round trip on github-webhooks-3.1: ${sent.length} webhooks sent (${fromExamples} from the document's examples, ${sent.length - fromExamples} synthesized), ` +
        `${served.filter((l) => l.verdict === "ok").length} handled by their own event, ${impossible.length} refused as the document's schema admits no value (${impossible.join(", ")})`,
    );
  }, 600_000);

  itShared("on telnyx-3.1-webhooks, signed with Ed25519: serve takes the public key, send the private one", async () => {
    const spec = path.join(CORPUS, "telnyx-3.1-webhooks/spec3.yml");
    /** A key pair as Telnyx's portal shows it: the raw 32-byte keys, base64. */
    const keyPair = () => {
      const k = generateKeyPairSync("ed25519");
      return {
        publicKey: k.publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("base64"),
        privateKey: k.privateKey.export({ format: "der", type: "pkcs8" }).subarray(-32).toString("base64"),
      };
    };
    const keys = keyPair();
    const server = await serve(spec, ["--secret", keys.publicKey]);
    const send = await run(["send", spec, "*", "--to", server.url, "--secret", keys.privateKey, "--json"]);
    expect(send.stderr.split("\n").filter((l) => l && !l.startsWith("note: "))).toEqual([]);
    expect(send.code).toBe(0);
    const sent = send.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(sent).toHaveLength(66);
    for (const s of sent) expect(s.status, JSON.stringify(s)).toBeLessThan(300);
    for (let i = 0; i < 100 && server.lines().length < sent.length; i++) await new Promise((r) => setTimeout(r, 50));
    const verdicts: Record<string, number> = {};
    for (const l of server.lines()) verdicts[l.verdict as string] = (verdicts[l.verdict as string] ?? 0) + 1;
    // Every signature verified; 3 deliveries carry nothing that tells their event from another's (reported at generation).
    expect(verdicts).toEqual({ ok: 63, ambiguous: 3 });
    // Signed with another key pair's private key: refused before anything else.
    const forged = await run(["send", spec, sent[0]!.event as string, "--to", server.url, "--secret", keyPair().privateKey, "--json"]);
    expect(forged.code).toBe(1);
    expect(JSON.parse(forged.stdout)).toMatchObject({ status: 401 });
    for (let i = 0; i < 100 && server.lines().length < sent.length + 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(server.lines().at(-1)).toMatchObject({ status: 401, verdict: "unverified" });
    await server.stop();
  }, 300_000);

  it("serve refuses a delivery signed with another secret, and says why", async () => {
    const server = await serve(EXAMPLE, ["--secret", STANDARD_SECRET]);
    const other = "whsec_" + Buffer.from("another secret of 32 bytes, no!!").toString("base64");
    const send = await run(["send", EXAMPLE, "payment.succeeded", "--to", server.url, "--secret", other, "--json"]);
    expect(send.code).toBe(1);
    expect(JSON.parse(send.stdout)).toMatchObject({ event: "paymentSucceeded", status: 401 });
    for (let i = 0; i < 100 && server.lines().length < 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(server.lines()[0]).toMatchObject({ status: 401, verdict: "unverified" });
    await server.stop();
  }, 120_000);
});

describe("send's checks", () => {
  it("names the event meant when one is mistyped, and lists the events", async () => {
    const r = await run(["send", EXAMPLE, "paymentSucceded", "--to", "http://127.0.0.1:9"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error usage: the event "paymentSucceded" matches no event of this spec; did you mean "paymentSucceeded"?');
    expect(r.stderr).toContain("events of ");
  }, 60_000);

  it("posts to loopback only, unless --allow-remote", async () => {
    const r = await run(["send", EXAMPLE, "payment.succeeded", "--to", "https://hooks.example.com/acme", "--unsigned"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--to hooks.example.com is not this machine: send posts test events to loopback addresses only; pass --allow-remote to send to another host");
  }, 60_000);

  it("asks for the secret when the spec signs its deliveries", async () => {
    const r = await run(["send", EXAMPLE, "payment.succeeded", "--to", "http://127.0.0.1:9"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("says deliveries are signed (standard-webhooks): pass --secret <secret> (or set GEN_CALLBACKS_SECRET), or --unsigned");
  }, 60_000);
});
