/**
 * Durable receiving end to end: a receiver process storing deliveries in BullMQ on a real
 * `redis-server` (persistent, as a durable queue's must be), worker processes running the
 * handlers, signed deliveries over HTTP on loopback.
 *
 * What is promised, and tested here: every delivery answered 2xx is handled; each delivery id
 * is one job, however many times and however concurrently it is sent; a handler runs at least
 * once — exactly once unless a worker dies in the middle of it (then once more, elsewhere) or
 * it throws (then it is retried, and dead-lettered after its attempts).
 */
import fs from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startProcess, writeDurableProcesses, type StartedProcess } from "../../bench/lib/durable-processes.mjs";
import { DeadLetters } from "../../templates/adapters/bullmq.js";
import { runCli } from "../../src/cli/main.js";
import { describeRedis, startRedis, type RedisServer } from "../support/redis.js";
import { delivery, SECRET, send, sendAll, tally, until, type Delivery } from "./support.js";

const REPO = path.resolve(import.meta.dirname, "../..");
// Inside the repository, so that the emitted modules find bullmq, ioredis and zod in its node_modules.
const WORK = path.join(REPO, ".tmp", `durable-${process.pid}`);

describeRedis("durable receiving on BullMQ", () => {
  let redis: RedisServer;
  let client: Redis;
  const processes: StartedProcess[] = [];

  const start = async (script: "receiver.mjs" | "worker.mjs", queue: string, env: Record<string, string> = {}) => {
    const p = startProcess(WORK, script, { REDIS_URL: redis.url, SECRET, QUEUE: queue, ...env });
    processes.push(p);
    const ready = await p.ready;
    return { process: p, port: ready.port ?? 0 };
  };
  const counter = async (queue: string, name: string): Promise<Record<string, string>> => client.hgetall(`${queue}:${name}`);
  const location = (queue: string) => ({ connection: { url: redis.url }, queue });

  beforeAll(async () => {
    redis = await startRedis({ persist: true });
    client = new Redis(redis.url, { maxRetriesPerRequest: null });
    client.on("error", () => {});
    writeDurableProcesses(WORK);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    client?.disconnect();
    await redis?.stop();
    fs.rmSync(WORK, { recursive: true, force: true });
  });

  it("10,000 deliveries, two workers: each handled once; concurrent duplicates are one job", async () => {
    const queue = "bulk";
    const { port } = await start("receiver.mjs", queue);
    await Promise.all([1, 2].map(() => start("worker.mjs", queue, { CONCURRENCY: "50" })));
    const deliveries = await Promise.all(Array.from({ length: 10_000 }, (_, i) => delivery(`evt_${i}`)));
    // The first 200 ids are each sent four times at once, as a provider's redeliveries racing the first.
    const duplicated = deliveries.slice(0, 200);
    const began = performance.now();
    const [statuses, duplicateStatuses] = await Promise.all([
      sendAll(port, deliveries, 64),
      Promise.all(duplicated.map((d) => Promise.all([send(port, d), send(port, d), send(port, d)]))),
    ]);
    const acknowledged = performance.now() - began;
    expect(tally(statuses)).toBe("10000× 200");
    expect(tally(duplicateStatuses.flat())).toBe("600× 200");

    const dead = new DeadLetters(location(queue));
    try {
      await until("every job completed", async () => (await dead.counts()).completed >= 10_000, 100_000);
      const processed = performance.now() - began;
      const counts = await dead.counts();
      expect(counts).toEqual({ waiting: 0, active: 0, retrying: 0, deadLettered: 0, completed: 10_000 });
      const handled = await counter(queue, "handled");
      expect(Object.keys(handled).length).toBe(10_000);
      expect(Object.values(handled).every((n) => n === "1")).toBe(true);
      // No crash, no throw: each handler ran exactly once, duplicates included.
      expect(Object.values(await counter(queue, "started")).every((n) => n === "1")).toBe(true);
      // The handler's typed response, which the provider never sees, is recorded with the job.
      expect((await dead.queue.getJob("evt_7"))?.returnvalue).toEqual({ status: 200, headers: { "x-handled": "evt_7" } });
      console.log(
        `durable: 10,000 deliveries (+600 concurrent duplicates) acknowledged in ${(acknowledged / 1000).toFixed(1)} s, all processed by 2 workers in ${(processed / 1000).toFixed(1)} s`,
      );
    } finally {
      await dead.close();
    }
  });

  it("a worker killed mid-handler loses nothing: the delivery is handled after a restart", async () => {
    const queue = "crash";
    // Short locks, so that the lapsed lock of the killed worker is noticed within seconds (not
    // so short that a busy machine delays a live worker's renewal past it).
    const fast = { LOCK_MS: "4000", STALLED_MS: "1000" };
    const { port } = await start("receiver.mjs", queue);
    const first = await start("worker.mjs", queue, fast);
    expect(await send(port, await delivery("slow_1", { slowMs: 60_000 }))).toBe(200);
    await until("the handler to be running", async () => (await client.get(`${queue}:running:slow_1`)) === "1");
    await first.process.stop("SIGKILL");
    expect(await counter(queue, "handled")).toEqual({});

    await start("worker.mjs", queue, fast);
    await until("the delivery to be handled by the new worker", async () => (await counter(queue, "handled")).slow_1 === "1", 30_000);
    // At least once: it started twice (the killed run and the rerun), and completed once.
    expect(await counter(queue, "started")).toEqual({ slow_1: "2" });
    const dead = new DeadLetters(location(queue));
    try {
      expect(await dead.counts()).toMatchObject({ completed: 1, deadLettered: 0, active: 0 });
    } finally {
      await dead.close();
    }
  });

  it("a worker stopped with SIGTERM finishes the handler in flight before it exits", async () => {
    const queue = "graceful";
    const { port } = await start("receiver.mjs", queue);
    const worker = await start("worker.mjs", queue);
    expect(await send(port, await delivery("inflight_1", { slowMs: 2000 }))).toBe(200);
    await until("the handler to be running", async () => (await client.get(`${queue}:running:inflight_1`)) === "1");
    await worker.process.stop("SIGTERM");
    // Exited only once the handler was done: handled, once, and never started again.
    expect(await counter(queue, "handled")).toEqual({ inflight_1: "1" });
    expect(await counter(queue, "started")).toEqual({ inflight_1: "1" });
    const dead = new DeadLetters(location(queue));
    try {
      expect(await dead.counts()).toMatchObject({ completed: 1, active: 0, waiting: 0 });
    } finally {
      await dead.close();
    }
  });

  it("Redis stopped and restarted: 503 while it is down, nothing lost once the provider retries", async () => {
    const queue = "outage";
    const receiver = await start("receiver.mjs", queue);
    await start("worker.mjs", queue, { CONCURRENCY: "20" });
    const before = await Promise.all(Array.from({ length: 200 }, (_, i) => delivery(`before_${i}`)));
    const during = await Promise.all(Array.from({ length: 100 }, (_, i) => delivery(`during_${i}`)));
    expect(tally(await sendAll(receiver.port, before, 16))).toBe("200× 200");

    await redis.kill();
    const down = await sendAll(receiver.port, during, 16);
    expect(tally(down)).toBe("100× 503");
    // The hook saw each refusal, with its delivery id.
    await until("the hook to see every refusal", async () => receiver.process.lines.filter((l) => l.unhandled === "enqueue-failed").length >= 100, 5000);
    expect(new Set(receiver.process.lines.filter((l) => l.unhandled === "enqueue-failed").map((l) => l.deliveryId))).toEqual(new Set(during.map((d) => d.id)));

    const downAt = performance.now();
    await redis.restart();
    // The provider retries what was answered 503, until it is answered 2xx.
    let pending: Delivery[] = during;
    await until(
      "the retries to be acknowledged",
      async () => {
        const statuses = await sendAll(receiver.port, pending, 16);
        pending = pending.filter((_, i) => statuses[i] !== 200);
        return pending.length === 0;
      },
      30_000,
    );
    const retriedAt = performance.now();
    await until("every delivery to be handled", async () => Object.keys(await counter(queue, "handled")).length === 300, 60_000);
    console.log(
      `Redis outage: 100 deliveries answered 503; after the restart, retries acknowledged in ${((retriedAt - downAt) / 1000).toFixed(1)} s, all 300 handled ${((performance.now() - retriedAt) / 1000).toFixed(1)} s later`,
    );
    const handled = await counter(queue, "handled");
    expect(Object.keys(handled).sort()).toEqual([...before, ...during].map((d) => d.id).sort());
    // At least once: a job in flight when Redis went away may run again; none is lost.
    expect(Object.values(handled).every((n) => Number(n) >= 1)).toBe(true);
  });

  it("a handler that always throws: dead-lettered after its attempts, replayed once fixed (API and CLI)", async () => {
    const queue = "failing";
    const { port } = await start("receiver.mjs", queue);
    // The event's own policy wins over the default one (9 attempts, 1 s apart).
    await start("worker.mjs", queue, { ATTEMPTS: "9", RETRY_BY_EVENT: JSON.stringify({ paid: { attempts: 3, backoff: { type: "fixed", delayMs: 50 } } }) });
    for (const id of ["bad_api", "bad_cli"]) expect(await send(port, await delivery(id, { fail: true }))).toBe(200);

    const dead = new DeadLetters(location(queue));
    try {
      await until("both to be dead-lettered", async () => (await dead.counts()).deadLettered === 2, 30_000);
      expect(await counter(queue, "started")).toEqual({ bad_api: "3", bad_cli: "3" });
      // The worker's hook was told, once each.
      const told = (await client.lrange(`${queue}:dead`, 0, -1)).map((s) => JSON.parse(s) as { deliveryId: string; attempts: number; error: string });
      expect(told.map((t) => t.deliveryId).sort()).toEqual(["bad_api", "bad_cli"]);
      expect(told.every((t) => t.attempts === 3 && t.error === "Error: handler broke on " + t.deliveryId)).toBe(true);

      const listed = await dead.list();
      expect(listed.map((l) => l.jobId).sort()).toEqual(["bad_api", "bad_cli"]);
      const shown = await dead.show("bad_api");
      expect(shown).toMatchObject({ deliveryId: "bad_api", event: "paid", attempts: 3, error: "Error: handler broke on bad_api" });
      expect(shown!.stacktrace.at(-1)).toContain("handler broke on bad_api");
      expect(JSON.parse(Buffer.from(shown!.delivery.body, "base64").toString())).toEqual({ id: "bad_api", amount: 100, fail: true });
      expect(shown!.delivery.headers.some(([name]) => name === "webhook-signature")).toBe(true);

      // Replay through the API, once the handler is fixed: handled once.
      await client.set(`${queue}:fixed:bad_api`, "1");
      expect(await dead.replay("bad_api")).toBe(true);
      await until("the replayed delivery to be handled", async () => (await counter(queue, "handled")).bad_api === "1");
      expect(await dead.replay("bad_api")).toBe(false);
      expect(await dead.show("bad_api")).toBeUndefined();

      // The same through the CLI.
      const cli = async (...args: string[]) => {
        let stdout = "";
        let stderr = "";
        const code = await runCli({ argv: ["dlq", ...args, "--redis", redis.url, "--queue", queue], cwd: REPO, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => "" });
        return { code, stdout, stderr };
      };
      const list = await cli("list");
      expect(list).toMatchObject({ code: 0, stderr: "" });
      expect(list.stdout).toMatch(/^1 dead-lettered delivery in queue "failing"\nbad_cli {2}paid {2}3 attempts {2}\S+ {2}Error: handler broke on bad_cli\n$/);
      const show = await cli("show", "bad_cli");
      expect(show.code).toBe(0);
      expect(show.stdout).toContain("job bad_cli: delivery bad_cli (paid)");
      expect(show.stdout).toContain(`body (41 bytes): {"id":"bad_cli","amount":100,"fail":true}`);
      await client.set(`${queue}:fixed:bad_cli`, "1");
      expect(await cli("replay", "bad_cli")).toEqual({ code: 0, stdout: `replayed bad_cli (paid): back in queue "failing" with its attempts reset\n`, stderr: "" });
      await until("the CLI-replayed delivery to be handled", async () => (await counter(queue, "handled")).bad_cli === "1");
      expect(await counter(queue, "handled")).toEqual({ bad_api: "1", bad_cli: "1" });
      expect(await counter(queue, "started")).toEqual({ bad_api: "4", bad_cli: "4" });
      expect(await dead.counts()).toMatchObject({ deadLettered: 0, completed: 2 });

      // Replaying what is no longer dead-lettered is a clear error.
      const again = await cli("replay", "bad_cli");
      expect(again.code).toBe(2);
      expect(again.stderr).toContain(`no dead-lettered delivery with job id "bad_cli" in queue "failing"`);
      expect(again.stderr).toContain("(that job is completed, not dead-lettered)");
    } finally {
      await dead.close();
    }
  });
});
