/**
 * Routing on real documents, judged by the documents themselves: every request-body example
 * an event declares is posted, as its provider would send it, through the receiver generated
 * from the document; it must reach that event's handler and no other. Counts per document are
 * printed. Two outcomes are accepted besides, each listed by name:
 * - the example contradicts its own event's schema (Zoom's `session.recording_transcript_failed`
 *   example says `"event": "session.recording_transcript_completed"`, which its schema's enum
 *   rules out) and reaches the event its payload names;
 * - two events of the document have the same wire form, and the generator said so
 *   (`indistinguishable-events`): the example reaches `onUnhandled` as ambiguous, with its
 *   event among the candidates — never a guessed handler.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { generate } from "../../src/generate.js";
import { writeFiles } from "../../src/write/write-files.js";
import { corpusEntries, type CorpusEntry } from "../support/corpus.js";
import { describeShared, sharedRows } from "../support/shared.js";
import { exampleDeliveries } from "./support/deliveries.js";

const OUT = path.resolve(import.meta.dirname, "../../.tmp", `corpus-examples-${process.pid}`);
/** The dereferenced GitHub document carries the same examples as github-api-3.0, at 73 MB. */
const entries = sharedRows(corpusEntries, { name: "(the shared corpus)" } as CorpusEntry).filter((e) => e.name !== "github-api-3.0-deref");

interface Tally {
  examples: number;
  own: number;
  /** Of `own`: reached the event through `onInvalid` (the document's example fails its own schema). */
  invalid: string[];
  /** Examples that fail their own event's schema and went where their payload says. */
  contradicting: string[];
  /** Examples answered as ambiguous between events the generator reported as indistinguishable. */
  ambiguous: string[];
  /** `example event → handler that got it`. */
  other: string[];
  /** `example event: status reason` for deliveries no handler got. */
  none: string[];
}

const tallies = new Map<string, Tally>();

type Receiver = { fetch(request: Request): Promise<Response> };
interface GeneratedModule {
  events: readonly { name: string; body: { contents: readonly { mediaType: string; schema?: { safeParse(v: unknown): { success: boolean } } }[] } }[];
  createReceiver(options: unknown): Receiver;
}

/** Whether a JSON example passes its own event's schema (other media types: not judged here). */
function validForOwnEvent(mod: GeneratedModule, event: string, label: string, body: string): boolean {
  const content = mod.events.find((e) => e.name === event)?.body.contents.find((c) => label.startsWith(c.mediaType + " "));
  if (!content?.schema || !/json/.test(content.mediaType)) return true;
  try {
    return content.schema.safeParse(JSON.parse(body)).success;
  } catch {
    return false;
  }
}

describeShared("every example a document declares reaches its own event's handler", () => {
  afterAll(() => {
    fs.rmSync(OUT, { recursive: true, force: true });
    const rows = [...tallies].filter(([, t]) => t.examples > 0);
    const total: Tally = { examples: 0, own: 0, invalid: [], contradicting: [], ambiguous: [], other: [], none: [] };
    for (const [, t] of rows) {
      total.examples += t.examples;
      total.own += t.own;
      for (const k of ["invalid", "contradicting", "ambiguous", "other", "none"] as const) total[k].push(...t[k]);
    }
    console.log(
      [
        "request-body examples through the generated receiver: own handler (of which via onInvalid) / contradicting their own schema / ambiguous, as reported / other handler / no handler",
        ...[...rows, ["all", total] as const].map(
          ([name, t]) =>
            `  ${name.padEnd(32)} ${String(t.examples).padStart(4)}: ${t.own} (${t.invalid.length}) / ${t.contradicting.length} / ${t.ambiguous.length} / ${t.other.length} / ${t.none.length}`,
        ),
        ...rows.flatMap(([, t]) => [
          ...t.invalid.map((i) => `  via onInvalid: ${i}`),
          ...t.contradicting.map((i) => `  contradicts its own schema: ${i}`),
          ...t.ambiguous.map((i) => `  reported indistinguishable: ${i}`),
        ]),
      ].join("\n"),
    );
  });

  it.each(entries.map((e) => [e.name, e.file] as const))("%s", async (name, file) => {
    const result = generate({ spec: file, cwd: path.dirname(file), adapters: [] });
    expect(result.ok).toBe(true);
    const dir = path.join(OUT, name);
    expect(writeFiles(dir, result.files, new Diagnostics())).toBeDefined();
    const mod = (await import(/* @vite-ignore */ path.join(dir, "receiver.ts"))) as GeneratedModule;

    const calls: string[] = [];
    const unhandled: { reason: string; candidates: readonly string[] }[] = [];
    const reported = result.diagnostics.filter((d) => d.code === "indistinguishable-events").map((d) => d.message);
    const seen: { invalid?: { event: string; issues: { path: string; message: string }[] } } = {};
    const receiver = mod.createReceiver({
      // Routing is what is judged here; signatures and credentials have their own tests.
      insecure: true,
      handlers: Object.fromEntries(mod.events.map((e) => [e.name, () => void calls.push(e.name)])),
      onUnhandled: (info: { reason: string; candidates: readonly string[] }) => void unhandled.push(info),
      // Routing is what is judged here: an example its own schema rejects still tells where it went.
      onInvalid: (delivery: { event: string; issues: { path: string; message: string }[] }) => {
        seen.invalid = delivery;
        calls.push(delivery.event);
      },
    });

    const tally: Tally = { examples: 0, own: 0, invalid: [], contradicting: [], ambiguous: [], other: [], none: [] };
    tallies.set(name, tally);
    for (const d of exampleDeliveries(result.plan!)) {
      calls.length = 0;
      unhandled.length = 0;
      delete seen.invalid;
      const body = await d.request.clone().text();
      const response = await receiver.fetch(d.request);
      tally.examples++;
      const where = `${d.event} (${d.label})`;
      const hook = unhandled[0];
      const invalid = seen.invalid as { issues: { path: string; message: string }[] } | undefined;
      if (calls.length === 1 && calls[0] === d.event) {
        tally.own++;
        if (invalid) tally.invalid.push(`${where}: ${invalid.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`);
      } else if (calls.length === 1 && !validForOwnEvent(mod, d.event, d.label, body)) {
        tally.contradicting.push(`${where} → ${calls[0]}`);
      } else if (hook?.reason === "ambiguous" && hook.candidates.includes(d.event) && reported.some((m) => hook.candidates.every((c) => m.includes(c)))) {
        tally.ambiguous.push(`${where}: ambiguous among ${hook.candidates.join(", ")}`);
      } else if (calls.length) {
        tally.other.push(`${where} → ${calls.join(", ")}`);
      } else {
        tally.none.push(`${where}: ${response.status} ${hook ? `${hook.reason} ${hook.candidates.join(", ")}` : await response.text()}`);
      }
    }
    expect(tally.other).toEqual([]);
    expect(tally.none).toEqual([]);
  });
});

describeShared("an optional property never decides a match", () => {
  it("OpenAI: a valid batch.cancelled without the optional `object: \"event\"` reaches its handler", async () => {
    const entry = corpusEntries().find((e) => e.name === "openai")!;
    const result = generate({ spec: entry.file, cwd: path.dirname(entry.file), adapters: [] });
    const dir = path.join(OUT, "openai-optional");
    expect(writeFiles(dir, result.files, new Diagnostics())).toBeDefined();
    const mod = (await import(/* @vite-ignore */ path.join(dir, "receiver.ts"))) as GeneratedModule;
    const calls: string[] = [];
    const receiver = mod.createReceiver({ insecure: true, handlers: Object.fromEntries(mod.events.map((e) => [e.name, () => void calls.push(e.name)])), onUnhandled: () => {} });
    const send = async (payload: unknown) => {
      calls.length = 0;
      const res = await receiver.fetch(new Request("http://receiver.test/", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) }));
      return [res.status, ...calls];
    };
    const payload = { id: "evt_abc123", type: "batch.cancelled", created_at: 1719168000, data: { id: "batch_abc123" } };
    expect(await send(payload)).toEqual([200, "batchCancelled"]);
    expect(await send({ ...payload, object: "event" })).toEqual([200, "batchCancelled"]);
    // Present with another value, it still rules the event out.
    expect(await send({ ...payload, object: "batch" })).toEqual([202]);
  });
});
