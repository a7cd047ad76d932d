/**
 * Real GitHub payloads through a receiver generated from GitHub's own webhooks spec
 * (@octokit/openapi-webhooks 12.1.0, as in the shared corpus' github-webhooks-3.1). Every
 * payload of @octokit/webhooks-examples is sent, with its X-GitHub-Event header and the
 * other delivery headers GitHub sends, to `receiver.fetch`; it must reach the handler of the
 * right webhook. Accepted counts are printed per policy; strict must agree with Ajv (2020-12,
 * formats as annotations — the generated schemas' default) payload by payload, and tolerant
 * must accept at least 319 of the 327 payloads that map to a webhook (THREATS.md finding 8).
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { generate } from "../../src/generate.js";
import type { ValidationPolicy } from "../../src/model/schema-set.js";
import { writeFiles } from "../../src/write/write-files.js";
import { GITHUB_WEBHOOKS_SPEC as SPEC } from "../support/corpus.js";
import { githubDelivery, githubExamples, type GithubExample } from "./support/github-examples.js";

const require = createRequire(import.meta.url);
const REPO = path.resolve(import.meta.dirname, "../..");
const work = path.join(REPO, ".tmp", `github-payloads-${process.pid}`);

type Example = GithubExample;
const examples = githubExamples;

type Receiver = { fetch(request: Request): Promise<Response> };
interface Outcome {
  status: number;
  handledBy?: string;
  /** The receiver's answer when the payload was not handled (issues as JSON, no payload echo). */
  answer?: string;
}

const spec = JSON.parse(fs.readFileSync(SPEC, "utf8")) as { webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: { $ref: string } }> } } }>; components: { schemas: Record<string, unknown> } };
const all = examples();
const mapped = all.filter((e) => spec.webhooks[e.key]);
/** Keyed by the generated policy, or `generated→run-time` when the receiver's `policy` option raised it. */
const outcomes = new Map<string, Outcome[]>();
const keyOfHandler = new Map<string, string>();

const generatedIn = new Map<ValidationPolicy, string>();

async function receiverFor(policy: ValidationPolicy, runAs?: ValidationPolicy): Promise<{ receiver: Receiver; calls: string[] }> {
  const out = path.join(work, policy);
  if (!generatedIn.has(policy)) {
    const result = generate({ spec: SPEC, policy, adapters: [] });
    expect(result.ok).toBe(true);
    expect(writeFiles(out, result.files, new Diagnostics())).toBeDefined();
    for (const e of result.events) keyOfHandler.set(e.handler, e.key);
    generatedIn.set(policy, out);
  }
  const mod = (await import(/* @vite-ignore */ path.join(out, "receiver.ts"))) as { createReceiver(o: unknown): Receiver; events: { name: string }[] };
  const calls: string[] = [];
  const handlers = Object.fromEntries(mod.events.map((e) => [e.name, () => void calls.push(e.name)]));
  // What each policy accepts is judged here; the signature is checked in test/receiver/generated.test.ts.
  return { receiver: mod.createReceiver({ handlers, insecure: true, ...(runAs ? { policy: runAs } : {}) }), calls };
}

const delivery = githubDelivery;

beforeAll(() => fs.mkdirSync(work, { recursive: true }));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("@octokit/webhooks-examples through the generated GitHub receiver", () => {
  it("327 of the 329 example payloads map to a webhook of the spec", () => {
    expect(all).toHaveLength(329);
    expect(mapped).toHaveLength(327);
  });

  const runs = [["strict"], ["lenient"], ["tolerant"], ["tolerant", "lenient"], ["tolerant", "strict"]] as const;
  for (const [policy, runAs] of runs) {
    const label = runAs ? `${policy}→${runAs}` : policy;
    it(`${runAs ? `generated ${policy}, run as ${runAs}` : policy}: every accepted payload reaches the handler of its webhook`, async () => {
      const { receiver, calls } = await receiverFor(policy, runAs);
      const list: Outcome[] = [];
      for (const [i, e] of mapped.entries()) {
        const before = calls.length;
        const res = await receiver.fetch(delivery(e, i));
        const answer = await res.text();
        const handledBy = calls.length > before ? calls[calls.length - 1] : undefined;
        list.push({ status: res.status, ...(handledBy ? { handledBy } : { answer }) });
        if (handledBy) expect(keyOfHandler.get(handledBy), `${e.key} went to ${handledBy}`).toBe(e.key);
        // Never a 5xx or a 3xx for a well-formed delivery: rejections are 4xx (422) or 2xx-unhandled.
        expect(res.status < 300 || (res.status >= 400 && res.status < 500), `${e.key}: ${res.status}`).toBe(true);
      }
      outcomes.set(label, list);
    });
  }

  it("prints the acceptance per policy; strict agrees with Ajv; tolerant accepts ≥ 319", async () => {
    const accepted = (p: string) => outcomes.get(p)!.filter((o) => o.handledBy !== undefined).length;
    const Ajv2020 = (await import("ajv/dist/2020.js")).default as unknown as new (o: object) => { compile(s: object): (d: unknown) => boolean; addSchema(s: object, k: string): void };
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
    ajv.addSchema({ components: spec.components }, "spec");
    const ajvVerdicts = mapped.map((e) => {
      const ref = spec.webhooks[e.key]!.post.requestBody.content["application/json"]!.schema.$ref;
      return ajv.compile({ $ref: `spec${ref}` })(e.payload);
    });
    const ajvAccepted = ajvVerdicts.filter(Boolean).length;
    const disagreements = mapped.filter((e, i) => (outcomes.get("strict")![i]!.handledBy !== undefined) !== ajvVerdicts[i]).map((e) => e.key);
    const tolerantRejects = mapped.flatMap((e, i) => {
      const o = outcomes.get("tolerant")![i]!;
      return o.handledBy === undefined ? [`${e.key} (${o.status}: ${o.answer?.slice(0, 300)})`] : [];
    });
    console.log(
      [
        `GitHub example payloads accepted (of ${mapped.length}):`,
        `  Ajv 2020 (reference)  ${ajvAccepted}`,
        `  strict                ${accepted("strict")}`,
        `  lenient               ${accepted("lenient")}`,
        `  tolerant              ${accepted("tolerant")}`,
        `  tolerant, run as lenient  ${accepted("tolerant→lenient")}`,
        `  tolerant, run as strict   ${accepted("tolerant→strict")}`,
        `  tolerant rejects (type drift):`,
        ...tolerantRejects.map((r) => `    ${r}`),
      ].join("\n"),
    );
    expect(disagreements).toEqual([]);
    expect(accepted("strict")).toBe(ajvAccepted);
    expect(accepted("lenient")).toBeGreaterThanOrEqual(accepted("strict"));
    expect(accepted("tolerant")).toBeGreaterThanOrEqual(319);
  });

  it("a stricter policy at run time accepts exactly the payloads that policy's own receiver accepts", () => {
    const verdicts = (label: string) => outcomes.get(label)!.map((o) => o.handledBy !== undefined);
    expect(verdicts("tolerant→strict")).toEqual(verdicts("strict"));
    expect(verdicts("tolerant→lenient")).toEqual(verdicts("lenient"));
  });

  it("refuses a looser policy at run time than the one generated", async () => {
    const mod = (await import(/* @vite-ignore */ path.join(generatedIn.get("strict")!, "receiver.ts"))) as { createReceiver(o: unknown): Receiver; events: { name: string }[] };
    const handlers = Object.fromEntries(mod.events.map((e) => [e.name, () => undefined]));
    expect(() => mod.createReceiver({ handlers, insecure: true, policy: "lenient" })).toThrow(/policy "lenient" is looser than the "strict" policy this receiver was generated with/);
    expect(() => mod.createReceiver({ handlers, insecure: true, policy: "loose" })).toThrow(/policy must be "strict", "lenient" or "tolerant"/);
  });
});
