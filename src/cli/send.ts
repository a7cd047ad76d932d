/**
 * `gen-callbacks send <spec> <event> --to <url>`: posts an event's fixture to a receiver, as
 * the provider would (like `stripe trigger`). The request is the generated test kit's
 * (generated-module.ts): the document's named example with `--example`, else its first
 * example the event's schema accepts, else a payload synthesized from the schema; signed with
 * `--secret` when the spec names a signature scheme.
 *
 * `<event>` is matched like `--events` (webhook key, callback name or handler name; `*` for
 * one or more words), so `send spec.json '*' --to …` posts one delivery of every event.
 * Requests go out over node:http(s), which — unlike fetch — can send a GET with a body
 * (FastAPI documents such callbacks).
 *
 * Only loopback targets unless `--allow-remote`: a fixture posted to the wrong host is a
 * fake event in someone's production system.
 */
import http from "node:http";
import https from "node:https";
import { Diagnostics } from "../diagnostics/diagnostic.js";
import { selectEvents } from "../model/event-selection.js";
import { describeScheme } from "../security/signature-scheme.js";
import { EXIT } from "./exit-codes.js";
import type { CliIo } from "./main.js";
import { SECRET_ENV, type SendRequest } from "./kit-args.js";
import { isKeyPair, loadForKit, signatureOf } from "./kit-common.js";

interface KitModule {
  examples(event: string): { name: string; valid: boolean }[];
  unsatisfiable(event: string): readonly string[];
  wire(event: string, options: { origin: string; secret?: string; example?: string }): Promise<{ method: string; url: string; headers: Headers; body?: Uint8Array }>;
}

export async function sendCommand(req: SendRequest, io: CliIo): Promise<number> {
  const target = checkTarget(req.to, req.allowRemote);
  if (typeof target === "string") {
    io.stderr(`error usage: ${target}\n`);
    return EXIT.badInput;
  }
  const { result, loaded } = loadForKit(req, io, []);
  if (!loaded) return EXIT.badInput;
  try {
    const diags = new Diagnostics();
    const chosen = [...selectEvents(result.plan!.events, [req.event], diags)].sort();
    if (chosen.length === 0) {
      const said = diags.items.find((d) => d.code === "events-unmatched")?.message ?? `no event matches ${JSON.stringify(req.event)}`;
      io.stderr(`error usage: ${said.replace(/^the event selection/, "the event")}\n`);
      io.stderr(`events of ${req.spec}: ${result.plan!.events.map((e) => e.names.handler).slice(0, 20).join(", ")}${result.plan!.events.length > 20 ? ", …" : ""}\n`);
      return EXIT.badInput;
    }
    const scheme = signatureOf(result);
    if (scheme && req.secret === undefined && !req.unsigned) {
      io.stderr(
        `error usage: ${req.spec} says deliveries are signed (${describeScheme(scheme)}): pass --secret <${isKeyPair(scheme) ? "private key" : "secret"}> (or set ${SECRET_ENV}), or --unsigned for a receiver that does not verify\n`,
      );
      return EXIT.badInput;
    }
    if (!scheme && req.secret !== undefined) io.stderr(`note: ${req.spec} names no signature scheme: deliveries are sent unsigned\n`);
    const kit = await loaded.import<KitModule>("test-kit.js");
    if (req.example !== undefined && !chosen.some((e) => kit.examples(e).some((x) => x.name === req.example))) {
      const names = [...new Set(chosen.flatMap((e) => kit.examples(e).map((x) => x.name)))];
      io.stderr(`error usage: no example named ${JSON.stringify(req.example)} for ${chosen.length === 1 ? chosen[0] : `the ${chosen.length} events matched`}; ${names.length ? `examples: ${names.join(", ")}` : "the document gives none (leave out --example for a synthesized payload)"}\n`);
      return EXIT.badInput;
    }
    let refused = 0;
    for (const event of chosen) {
      const impossible = kit.unsatisfiable(event);
      if (impossible.length) {
        io.stderr(`note: ${event}: the spec's schema admits no value (${impossible.slice(0, 2).join("; ")}${impossible.length > 2 ? "; …" : ""}): a receiver generated from it refuses this delivery — correct the spec (an overlay) for real payloads to pass\n`);
      }
      const example = req.example !== undefined && kit.examples(event).some((x) => x.name === req.example) ? req.example : undefined;
      const wire = await kit.wire(event, {
        origin: target.href.replace(/\/+$/, ""),
        ...(scheme && req.secret !== undefined ? { secret: req.secret } : {}),
        ...(example !== undefined ? { example } : {}),
      });
      const fixture = example ?? (kit.examples(event).find((x) => x.valid)?.name ?? "synthesized");
      let status: number | string;
      let answer = "";
      try {
        const r = await post(wire);
        status = r.status;
        answer = r.body;
      } catch (e) {
        status = `failed (${(e as Error).message})`;
      }
      if (typeof status !== "number" || status >= 300) refused++;
      const path = new URL(wire.url).pathname;
      io.stdout(
        req.json
          ? JSON.stringify({ event, fixture, method: wire.method, path, status, ...(answer ? { answer } : {}) }) + "\n"
          : `${event} (${fixture}) → ${wire.method} ${path} ${status}${typeof status === "number" && status >= 300 && answer ? `: ${answer}` : ""}\n`,
      );
    }
    if (!req.json && chosen.length > 1) io.stderr(`${chosen.length - refused} of ${chosen.length} deliveries answered 2xx\n`);
    return refused ? EXIT.drift : EXIT.ok;
  } finally {
    loaded.dispose();
  }
}

/** The receiver's URL, or why it is refused. */
function checkTarget(to: string, allowRemote: boolean): URL | string {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    return `--to must be an absolute http(s) URL, e.g. http://127.0.0.1:4000 (got "${to}")`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `--to must be an http or https URL (got ${url.protocol})`;
  if (!allowRemote && !isLoopback(url.hostname)) {
    return `--to ${url.host} is not this machine: send posts test events to loopback addresses only; pass --allow-remote to send to another host`;
  }
  return url;
}

function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(h) || h === "[::1]";
}

/** Bodies of answers are shown truncated: enough for an error message. */
const ANSWER_CHARS = 500;

function post(wire: { method: string; url: string; headers: Headers; body?: Uint8Array }): Promise<{ status: number; body: string }> {
  const url = new URL(wire.url);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method: wire.method, headers: headerObject(wire.headers), timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        if (size < ANSWER_CHARS * 4) chunks.push(c);
        size += c.length;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").slice(0, ANSWER_CHARS) }));
      res.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("no answer within 30 s")));
    request.on("error", reject);
    request.end(wire.body === undefined ? undefined : Buffer.from(wire.body));
  });
}

function headerObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}
