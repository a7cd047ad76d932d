/**
 * The processes of a durable receiver, for test/durable and bench/durable.mjs: the runtime
 * and the BullMQ adapter emitted to JavaScript, one event table, one handlers map, a receiver
 * (durable, or in-process for comparison) and a worker, each a child process talking JSON
 * lines on stdout. Everything a handler does is counted in Redis under the queue's name, so
 * that a test can tell how often each delivery ran, whatever process ran it.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { emitJs } from "./emit.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** One event, acknowledged without a body (so durable mode queues it): a payment, signed with Standard Webhooks. */
const EVENTS = `
import { z } from "zod";
export const events = [{
  name: "paid", kind: "webhook", method: "POST", path: "/", ack: 200,
  parameters: { specs: [{ name: "webhook-id", in: "header", type: "string", required: true }], headers: z.looseObject({ "webhook-id": z.string() }) },
  body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({
    id: z.string(), amount: z.number().int(), slowMs: z.number().int().optional(), fail: z.boolean().optional(),
  }) }] },
  responses: [{ status: "200", mediaTypes: [] }],
}];
`;

/**
 * The handlers: count each start and each completion per delivery id; \`slowMs\` makes the
 * first start of a delivery slow (a worker can be killed in it), \`fail\` throws until the
 * test sets \`<queue>:fixed:<id>\` — the fix the dead-letter replay waits for.
 */
const HANDLERS = `
import { Redis } from "ioredis";
const Q = process.env.QUEUE;
let client;
export const redis = () => {
  if (!client) (client = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null })).on("error", () => {}); // it reconnects by itself
  return client;
};
export const handlers = {
  paid: async (request, context) => {
    const { id, slowMs, fail } = request.body;
    if (request.headers["webhook-id"] !== id || context.event !== "paid") throw new Error("handler got another delivery than was sent");
    const started = await redis().hincrby(Q + ":started", id, 1);
    if (slowMs && started === 1) {
      await redis().set(Q + ":running:" + id, "1");
      await new Promise((r) => setTimeout(r, slowMs));
    }
    if (fail && !(await redis().get(Q + ":fixed:" + id))) throw new Error("handler broke on " + id);
    await redis().hincrby(Q + ":handled", id, 1);
    return { status: 200, headers: { "x-handled": id } };
  },
};
`;

/** MODE=durable stores deliveries in the queue; MODE=inprocess runs the handler in the request (the comparison). */
const RECEIVER = `
import { createReceiverCore } from "./js/runtime/runtime.js";
import { standardWebhooks } from "./js/runtime/signatures.js";
import { nodeServer } from "./js/adapters/node.js";
import { BullMQDeliveryQueue } from "./js/adapters/bullmq.js";
import { events } from "./events.mjs";
import { handlers } from "./handlers.mjs";
const durable = process.env.MODE !== "inprocess";
const queue = durable ? new BullMQDeliveryQueue({ connection: { url: process.env.REDIS_URL }, queue: process.env.QUEUE }) : undefined;
const say = (o) => process.stdout.write(JSON.stringify(o) + "\\n");
const receiver = createReceiverCore(events, {
  handlers,
  verify: standardWebhooks({ secret: process.env.SECRET }),
  ...(queue ? { durable: { queue } } : {}),
  onUnhandled: (info) => say({ unhandled: info.reason, status: info.status, deliveryId: info.deliveryId }),
  onError: (error, info) => info.stage !== "enqueue" && say({ error: String(error), stage: info.stage }),
});
const server = nodeServer(receiver);
server.listen(0, "127.0.0.1", () => say({ port: server.address().port }));
process.once("SIGTERM", () => server.close(() => Promise.resolve(queue?.close()).finally(() => process.exit(0))));
`;

const WORKER = `
import { startWorker } from "./js/adapters/bullmq.js";
import { events } from "./events.mjs";
import { handlers, redis } from "./handlers.mjs";
const env = process.env;
const number = (name) => (env[name] === undefined ? undefined : Number(env[name]));
const worker = startWorker({
  events, handlers,
  connection: { url: env.REDIS_URL }, queue: env.QUEUE,
  concurrency: number("CONCURRENCY") ?? 10,
  retry: { attempts: number("ATTEMPTS") ?? 5, backoff: { type: "fixed", delayMs: number("BACKOFF_MS") ?? 1000 } },
  ...(env.RETRY_BY_EVENT ? { retryByEvent: JSON.parse(env.RETRY_BY_EVENT) } : {}),
  lockDurationMs: number("LOCK_MS"), stalledIntervalMs: number("STALLED_MS"),
  onDeadLetter: (info) => void redis().rpush(env.QUEUE + ":dead", JSON.stringify(info)),
  onError: () => {},
});
worker.worker.waitUntilReady().then(() => process.stdout.write(JSON.stringify({ ready: true }) + "\\n"));
process.once("SIGTERM", () => worker.close().then(() => process.exit(0)));
`;

/** Emits the runtime and adapters into `work/js` and writes the scripts beside them. `work` must be inside the repository (its node_modules). */
export function writeDurableProcesses(work) {
  fs.mkdirSync(work, { recursive: true });
  emitJs({
    files: ["runtime/runtime.ts", "runtime/signatures.ts", "adapters/node.ts", "adapters/bullmq.ts"].map((f) => path.join(REPO, "templates", f)),
    rootDir: path.join(REPO, "templates"),
    outDir: path.join(work, "js"),
  });
  for (const [name, text] of [["events.mjs", EVENTS], ["handlers.mjs", HANDLERS], ["receiver.mjs", RECEIVER], ["worker.mjs", WORKER]])
    fs.writeFileSync(path.join(work, name), text);
}

/**
 * Starts `work/<script>` with `env`; resolves once it has said it is ready (`{ port }` or
 * `{ ready }`). `lines` collects every JSON line it writes after that.
 */
export function startProcess(work, script, env) {
  const child = spawn(process.execPath, [path.join(work, script)], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const lines = [];
  const ready = new Promise((resolve, reject) => {
    let first = true;
    createInterface({ input: child.stdout }).on("line", (line) => {
      const message = JSON.parse(line);
      if (first) (first = false), resolve(message);
      else lines.push(message);
    });
    child.once("exit", (code, signal) => first && reject(new Error(`${script} exited (${code ?? signal}) before it was ready`)));
  });
  return {
    child,
    lines,
    ready,
    /** SIGTERM (graceful) or another signal; resolves when it has exited. */
    stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => (child.once("exit", () => resolve()), child.kill(signal)));
    },
  };
}
