/**
 * `gen-callbacks serve <spec>`: a local receiver for every callback and webhook of the
 * document — the generated one (generated-module.ts), served with the generated node:http
 * adapter — whose handlers answer each event's first declared success response (synthesized
 * by the test kit). One line per request says what the receiver made of it: the event and
 * `ok`, or why no handler got it (invalid, with the issues; unverified; unknown event …).
 *
 * It binds 127.0.0.1 unless `--host` says otherwise: without `--secret` it accepts unverified
 * deliveries, which is fine for a test bench on loopback and nowhere else.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Server } from "node:http";
import { EXIT } from "./exit-codes.js";
import type { CliIo } from "./main.js";
import type { ServeRequest } from "./kit-args.js";
import { loadForKit, protectionFor } from "./kit-common.js";

interface Verdict {
  event?: string;
  verdict: string;
  issues: string[];
}

type Handler = (request: unknown) => unknown;
interface ReceiverModule {
  events: readonly { name: string; unselected?: true }[];
  createReceiver(options: Record<string, unknown>): { handle(input: unknown): Promise<{ status: number }>; close(o?: unknown): Promise<void> };
  signatureVerifier?: (keys: Record<string, unknown>) => unknown;
}
interface KitModule {
  response(event: string): unknown;
}
interface NodeAdapter {
  nodeServer(receiver: { handle(input: unknown): Promise<unknown>; close(o?: unknown): Promise<void> }): Server;
}

export async function serveCommand(req: ServeRequest, io: CliIo): Promise<number> {
  const { result, loaded } = loadForKit(req, io, ["node"]);
  if (!loaded) return EXIT.badInput;
  try {
    const mod = await loaded.import<ReceiverModule>("receiver.js");
    const kit = await loaded.import<KitModule>("test-kit.js");
    const adapter = await loaded.import<NodeAdapter>("adapters/node.js");
    const protection = protectionFor(result, mod, req.secret);
    const current = new AsyncLocalStorage<Verdict>();
    const events = mod.events.filter((e) => !e.unselected);
    const handlers: Record<string, Handler> = {};
    for (const e of events) {
      handlers[e.name] = () => {
        const v = current.getStore();
        if (v) Object.assign(v, { event: e.name, verdict: "ok" });
        return kit.response(e.name);
      };
    }
    const receiver = mod.createReceiver({
      handlers,
      ...protection.options,
      onUnhandled: (info: { reason: string; candidates: readonly string[]; issues: readonly { event: string; issues: readonly { in?: string; path: string; message: string }[] }[]; verification?: { reason?: string } }) => {
        const v = current.getStore();
        if (!v) return;
        v.verdict = info.reason;
        if (info.candidates.length) v.event = info.candidates.join("|");
        v.issues = info.issues.flatMap((i) => i.issues.map((x) => `${x.in ? `${x.in} ` : ""}${x.path || "/"}: ${x.message}`));
        if (info.verification?.reason) v.issues.push(info.verification.reason);
      },
    });
    const logged = {
      handle: async (input: { method: string; target: string }) => {
        const verdict: Verdict = { verdict: "unanswered", issues: [] };
        const output = await current.run(verdict, () => receiver.handle(input));
        io.stdout(line(req.json, input.method, input.target, output.status, verdict));
        return output;
      },
      close: (o?: unknown) => receiver.close(o),
    };
    const server = adapter.nodeServer(logged as never);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(req.port, req.host, () => resolve());
    });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : req.port;
    const host = req.host.includes(":") ? `[${req.host}]` : req.host;
    io.stderr(
      `listening on http://${host}:${port} — ${events.length} event${events.length === 1 ? "" : "s"} of ${req.spec}; ${protection.summary}; Ctrl-C to stop\n`,
    );
    await (io.untilInterrupted ?? untilSignal)();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return EXIT.ok;
  } finally {
    loaded.dispose();
  }
}

function line(json: boolean, method: string, target: string, status: number, v: Verdict): string {
  // The query may carry secrets (tokens in callback URLs): log the path only.
  const path = target.split("?")[0]!;
  if (json) return JSON.stringify({ method, path, status, event: v.event ?? null, verdict: v.verdict, issues: v.issues }) + "\n";
  const issues = v.issues.length ? `: ${v.issues.slice(0, 5).join("; ")}${v.issues.length > 5 ? ` (+${v.issues.length - 5} more)` : ""}` : "";
  return `${method} ${path} ${status} ${v.event ?? "-"} ${v.verdict}${issues}\n`;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
