/**
 * The test kit on every real document (issue 15): for every event, the synthesized fixture and
 * the kit's default fixture pass the event's generated schemas, and the request the kit builds
 * from it reaches that event's handler through the generated receiver; every body example the
 * document declares is offered as a named fixture (counted against the document's declarations).
 * Counts per document are printed.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { generate } from "../../src/generate.js";
import { writeFiles } from "../../src/write/write-files.js";
import { corpusEntries, type CorpusEntry } from "../support/corpus.js";
import { describeShared, sharedRows } from "../support/shared.js";

const OUT = path.resolve(import.meta.dirname, "../../.tmp", `testkit-corpus-${process.pid}`);
/** The dereferenced GitHub document is github-api-3.0 inlined (73 MB): the same events and examples. */
const entries = sharedRows(corpusEntries, { name: "(the shared corpus)" } as CorpusEntry).filter((e) => e.name !== "github-api-3.0-deref");

type Schema = { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };
interface EventSpec {
  name: string;
  method: string;
  path: string;
  unselected?: true;
  parameters: { path?: Schema; query?: Schema; headers?: Schema };
  body: { contents: { mediaType: string; schema?: Schema }[] };
}
interface Input {
  path: unknown;
  query: unknown;
  headers: unknown;
  contentType?: string;
  body?: unknown;
}
interface Kit {
  fixture(event: string, example?: string): Input;
  synthesized(event: string): Input;
  examples(event: string): { name: string; contentType: string; valid: boolean }[];
  unsatisfiable(event: string): readonly string[];
  request(event: string, options?: { example?: string }): Promise<Request>;
  wire(event: string): Promise<{ method: string; body?: Uint8Array }>;
  response(event: string): { status: number; body?: unknown };
}

interface Row {
  events: number;
  synthesizedValid: number;
  reachedOwnHandler: number;
  declaredExamples: number;
  examplesOffered: number;
  examplesValid: number;
  failures: string[];
  /** Requests answered as ambiguous, with the event among the candidates. */
  ambiguous: string[];
  /** Events whose schemas admit no value, with the rules the generator found unsatisfiable. */
  unsatisfiable: string[];
  /** GET callbacks with a body (FastAPI): not expressible as a fetch Request. */
  getWithBody: string[];
}
const rows = new Map<string, Row>();

function issuesOf(schema: Schema | undefined, value: unknown): string | undefined {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  return r.success ? undefined : r.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}

describeShared("test kit fixtures on every document of the corpus", () => {
  afterAll(() => {
    fs.rmSync(OUT, { recursive: true, force: true });
    const total: Row = { events: 0, synthesizedValid: 0, reachedOwnHandler: 0, declaredExamples: 0, examplesOffered: 0, examplesValid: 0, failures: [], ambiguous: [], getWithBody: [], unsatisfiable: [] };
    for (const r of rows.values()) for (const k of Object.keys(total) as (keyof Row)[]) if (typeof total[k] === "number") (total[k] as number) += r[k] as number;
    console.log(
      [
        "test kit: events / synthesized fixture valid / fixture reaches its own handler / examples declared / offered as fixtures / accepted by their schema",
        ...[...rows, ["all", total] as const].map(
          ([name, r]) =>
            `  ${name.padEnd(32)} ${String(r.events).padStart(4)} / ${r.synthesizedValid} / ${r.reachedOwnHandler} / ${r.declaredExamples} / ${r.examplesOffered} / ${r.examplesValid}`,
        ),
        ...[...rows].flatMap(([name, r]) => [
          ...r.ambiguous.map((e) => `  ${name}: ${e}`),
          ...r.unsatisfiable.map((e) => `  ${name}: no valid value exists: ${e}`),
          ...r.getWithBody.map((e) => `  ${name}: ${e} is a GET with a body (not a fetch Request; sent over node:http by send)`),
        ]),
      ].join("\n"),
    );
  });

  it.each(entries.map((e) => [e.name, e.file] as const))("%s", async (name, file) => {
    const result = generate({ spec: file, cwd: path.dirname(file), adapters: [] });
    expect(result.ok).toBe(true);
    const dir = path.join(OUT, name);
    expect(writeFiles(dir, result.files, new Diagnostics())).toBeDefined();
    const receiver = (await import(/* @vite-ignore */ path.join(dir, "receiver.ts"))) as {
      events: readonly EventSpec[];
      createReceiver(options: unknown): { fetch(r: Request): Promise<Response> };
    };
    const kit = (await import(/* @vite-ignore */ path.join(dir, "test-kit.ts"))) as Kit;
    const events = receiver.events.filter((e) => !e.unselected);
    // Events the generator reported it cannot tell apart: their requests are answered as ambiguous, by design.
    const indistinguishable = result.diagnostics.filter((d) => d.code === "indistinguishable-events").map((d) => d.message);
    const row: Row = { events: events.length, synthesizedValid: 0, reachedOwnHandler: 0, declaredExamples: 0, examplesOffered: 0, examplesValid: 0, failures: [], ambiguous: [], getWithBody: [], unsatisfiable: [] };
    rows.set(name, row);

    let got: string[] = [];
    const app = receiver.createReceiver({
      insecure: true,
      // Each handler answers the event's first declared success response, as the kit synthesizes it.
      handlers: Object.fromEntries(events.map((e) => [e.name, () => (got.push(e.name), kit.response(e.name))])),
      onUnhandled: (info: { reason: string; candidates: readonly string[]; issues: unknown }) => void got.push(`unhandled ${info.reason} ${info.candidates.join(",")} ${JSON.stringify(info.issues).slice(0, 300)}`),
    });

    for (const e of events) {
      for (const which of ["synthesized", "fixture"] as const) {
        const input = which === "synthesized" ? kit.synthesized(e.name) : kit.fixture(e.name);
        const content = e.body.contents.find((c) => c.mediaType === input.contentType) ?? e.body.contents[0];
        const problems = [
          issuesOf(content?.schema, input.body),
          issuesOf(e.parameters.path, input.path),
          issuesOf(e.parameters.query, input.query),
          issuesOf(e.parameters.headers, input.headers),
        ].filter(Boolean);
        const unsatisfiable = kit.unsatisfiable(e.name);
        if (problems.length && unsatisfiable.length) {
          // The schema admits no value (the generator found and recorded why): counted, not failed.
          if (which === "synthesized") row.unsatisfiable.push(`${e.name}: ${unsatisfiable.join("; ")}`);
        } else if (problems.length) row.failures.push(`${e.name} (${which}): ${problems.join("; ")}`);
        else if (which === "synthesized") row.synthesizedValid++;
      }
      got = [];
      const wire = await kit.wire(e.name);
      if (wire.body !== undefined && (wire.method === "GET" || wire.method === "HEAD")) {
        // A fetch Request cannot carry it (the serve/send tests post such requests over node:http).
        row.getWithBody.push(e.name);
        continue;
      }
      if (kit.unsatisfiable(e.name).length) continue;
      const response = await app.fetch(await kit.request(e.name));
      if (got.length === 1 && got[0] === e.name && response.status < 300) row.reachedOwnHandler++;
      else if (got.length === 1 && got[0]!.startsWith("unhandled ambiguous ") && got[0]!.split(" ")[2]!.split(",").includes(e.name)) {
        // Never another handler: the receiver could not tell this delivery from another event's.
        const reported = indistinguishable.some((m) => m.startsWith(`on ${e.method} ${e.path},`));
        row.ambiguous.push(`${e.name} answered as ambiguous (${reported ? "reported indistinguishable at generation" : "NOT reported at generation"}; candidates ${got[0]!.split(" ")[2]})`);
      }
      else row.failures.push(`${e.name}: request reached ${got.join(" | ") || "nothing"} (${response.status})`);
    }

    // The document's declarations, counted from the model, against what the kit offers by name.
    for (const pe of result.plan!.events) {
      if (!events.some((e) => e.name === pe.names.handler)) continue;
      const declared = (pe.def.requestBody?.content ?? []).flatMap((mt) => mt.examples.map((x) => ({ name: x.name ?? "example", contentType: mt.mediaType, value: x.value })));
      row.declaredExamples += declared.length;
      const offered = kit.examples(pe.names.handler);
      for (const d of declared) {
        const o = offered.find((x) => x.contentType === d.contentType && (x.name === d.name || x.name === `${d.name} (${d.contentType})`));
        if (!o) continue;
        row.examplesOffered++;
        if (o.valid) row.examplesValid++;
        expect(kit.fixture(pe.names.handler, o.name).body).toEqual(d.value);
      }
    }

    expect(row.failures).toEqual([]);
    expect(row.synthesizedValid + row.unsatisfiable.length).toBe(row.events);
    expect(row.reachedOwnHandler + row.ambiguous.length + row.getWithBody.length + row.unsatisfiable.length).toBe(row.events);
    expect(row.examplesOffered).toBe(row.declaredExamples);
  }, 600_000);
});
