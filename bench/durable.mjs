#!/usr/bin/env node
/**
 * bench/durable — durable receiving against the in-process receiver, same payload, same
 * handler (it writes to Redis twice, like a handler that records the delivery), same machine,
 * interleaved rounds. Each round sends N distinct signed deliveries (Standard Webhooks) over C
 * keep-alive connections to:
 *
 *   - the in-process receiver: verify, validate, run the handler, answer 200;
 *   - the durable receiver: verify, validate, store the job in BullMQ, answer 200 — with two
 *     worker processes running the handler.
 *
 * It reports deliveries/s acknowledged (N ÷ time to the last 2xx), deliveries/s processed
 * (N ÷ time until the last handler finished — the same as acknowledged in-process) and the
 * p50/p99 time to the provider's 2xx. Needs `redis-server` (a temporary one is started).
 *
 * `--slow-ms 100` makes each handler wait that long first (a database or API call): the
 * in-process receiver then answers no sooner, the durable one as soon as the job is stored.
 *
 *   node bench/durable.mjs [--deliveries 3000] [--connections 32] [--rounds 3] [--concurrency 50] [--slow-ms 0]
 */
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { deliver, requestBytes } from "./lib/deliver.mjs";
import { startProcess, writeDurableProcesses } from "./lib/durable-processes.mjs";
import { flag } from "./lib/emit.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const N = Number(flag("deliveries", "3000"));
const connections = Number(flag("connections", "32"));
const rounds = Number(flag("rounds", "3"));
const concurrency = flag("concurrency", "50");
const slowMs = Number(flag("slow-ms", "0"));
const SECRET = "whsec_" + Buffer.from("a bench secret of 24+ bytes").toString("base64");
const work = path.join(root, ".tmp/bench-durable");

/** Standard Webhooks headers, signed here with node:crypto (the bench measures the receiver, not the signer). */
function signed(id, body) {
  const ts = String(Math.floor(Date.now() / 1000));
  const mac = createHmac("sha256", Buffer.from(SECRET.slice(6), "base64")).update(`${id}.${ts}.${body}`).digest("base64");
  return { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": ts, "webhook-signature": `v1,${mac}` };
}

function requests(prefix) {
  return Array.from({ length: N }, (_, i) => {
    const id = `${prefix}_${i}`;
    const body = JSON.stringify({ id, amount: 4200 + i, ...(slowMs ? { slowMs } : {}) });
    return requestBytes("/", signed(id, body), body);
  });
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server, persistent as a durable queue's must be. */
async function startRedis() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-durable-redis-"));
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "yes"], { stdio: "ignore" });
  const client = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
  client.on("error", () => {}); // until redis-server listens
  await client.ping();
  return {
    url: `redis://127.0.0.1:${port}`,
    client,
    async stop() {
      client.disconnect();
      await new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGTERM")));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const redis = await startRedis();
  writeDurableProcesses(work);
  const env = { REDIS_URL: redis.url, SECRET };
  const inprocess = startProcess(work, "receiver.mjs", { ...env, MODE: "inprocess", QUEUE: "bench-inprocess" });
  const durable = startProcess(work, "receiver.mjs", { ...env, QUEUE: "bench-durable" });
  const workers = [1, 2].map(() => startProcess(work, "worker.mjs", { ...env, QUEUE: "bench-durable", CONCURRENCY: concurrency }));
  const [inPort, durablePort] = [(await inprocess.ready).port, (await durable.ready).port];
  await Promise.all(workers.map((w) => w.ready));
  const results = { inprocess: [], durable: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const mode of round % 2 ? ["durable", "inprocess"] : ["inprocess", "durable"]) {
        const port = mode === "durable" ? durablePort : inPort;
        const queue = mode === "durable" ? "bench-durable" : "bench-inprocess";
        const batch = requests(`${mode}${round}`);
        const before = await redis.client.hlen(`${queue}:handled`);
        const began = performance.now();
        const { statuses, latencies } = await deliver(port, batch, connections);
        const acked = performance.now() - began;
        const failed = statuses.filter((s) => s !== 200).length;
        if (failed) throw new Error(`${mode}: ${failed} of ${N} deliveries were not answered 200`);
        while ((await redis.client.hlen(`${queue}:handled`)) < before + N) await new Promise((r) => setTimeout(r, 20));
        const processed = performance.now() - began;
        const sorted = latencies.sort((a, b) => a - b);
        const row = { ackPerS: (N / acked) * 1000, processedPerS: (N / processed) * 1000, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
        results[mode].push(row);
        console.log(
          `round ${round + 1} ${mode.padEnd(9)} acknowledged ${row.ackPerS.toFixed(0).padStart(5)}/s  processed ${row.processedPerS.toFixed(0).padStart(5)}/s  p50 ${row.p50.toFixed(1)} ms  p99 ${row.p99.toFixed(1)} ms`,
        );
      }
    }
  } finally {
    await Promise.all([inprocess, durable, ...workers].map((p) => p.stop()));
    await redis.stop();
  }
  console.log(`\n${N} deliveries × ${rounds} rounds, ${connections} connections, 2 workers × concurrency ${concurrency}, handler +${slowMs} ms; medians:`);
  console.log("| Receiver | acknowledged/s | processed/s | p50 to 2xx | p99 to 2xx |\n| --- | --- | --- | --- | --- |");
  for (const mode of ["inprocess", "durable"]) {
    const rs = results[mode];
    console.log(
      `| ${mode === "durable" ? "durable (BullMQ, 2 workers)" : "in-process"} | ${median(rs.map((r) => r.ackPerS)).toFixed(0)} | ${median(rs.map((r) => r.processedPerS)).toFixed(0)} | ${median(rs.map((r) => r.p50)).toFixed(1)} ms | ${median(rs.map((r) => r.p99)).toFixed(1)} ms |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
