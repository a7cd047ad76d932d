/**
 * Deduplication shared by several processes: two receiver processes, one Redis (a real
 * `redis-server` on loopback), 1,000 deliveries sent at once — 100 delivery ids, each sent ten
 * times, spread over both processes. Every id runs its handler exactly once; the duplicates
 * are answered 200 (already handled) or 409 (being handled: the provider retries), and
 * retrying those changes nothing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { emitJs } from "../../bench/lib/emit.mjs";
import { signStandardWebhooks } from "../../templates/runtime/signatures-sign.js";
import { describeRedis, startRedis, type RedisServer } from "../support/redis.js";

const REPO = path.resolve(import.meta.dirname, "../..");
// Inside the repository, so that the emitted modules find ioredis in its node_modules.
const WORK = path.join(REPO, ".tmp", `dedupe-redis-${process.pid}`);
const SECRET = "whsec_" + Buffer.from("a test secret of 24+ bytes").toString("base64");

/** One receiver process: Standard Webhooks verification, dedupe in Redis, a handler that counts in Redis. */
const CHILD = `
import { Redis } from "ioredis";
import { createReceiverCore } from "./js/runtime/runtime.js";
import { standardWebhooks } from "./js/runtime/signatures.js";
import { nodeServer } from "./js/adapters/node.js";
import { RedisDedupeStore } from "./js/adapters/redis.js";
import { z } from "zod";

const redis = new Redis(process.env.REDIS_URL);
const events = [{
  name: "paid", kind: "webhook", method: "POST", path: "/", ack: 200, parameters: { specs: [] },
  body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({ id: z.string() }) }] },
  responses: [{ status: "200", mediaTypes: [] }],
}];
const receiver = createReceiverCore(events, {
  handlers: {
    paid: async (request) => {
      // Long enough for duplicates to arrive while this one is in flight.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
      await redis.incr("calls:" + request.body.id);
    },
  },
  verify: standardWebhooks({ secret: process.env.SECRET }),
  dedupe: { store: new RedisDedupeStore(redis) },
  onUnhandled: () => {},
});
const server = nodeServer(receiver);
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
process.once("SIGTERM", () => server.close(() => redis.quit().then(() => process.exit(0))));
`;

describeRedis("dedupe on a shared Redis", () => {
  let redis: RedisServer;
  const children: ChildProcess[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    fs.mkdirSync(WORK, { recursive: true });
    emitJs({
      files: ["runtime/runtime.ts", "runtime/signatures.ts", "adapters/node.ts", "adapters/redis.ts"].map((f) => path.join(REPO, "templates", f)),
      rootDir: path.join(REPO, "templates"),
      outDir: path.join(WORK, "js"),
    });
    fs.writeFileSync(path.join(WORK, "child.mjs"), CHILD);
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, [path.join(WORK, "child.mjs")], { env: { ...process.env, REDIS_URL: redis.url, SECRET }, stdio: ["ignore", "pipe", "inherit"] });
      children.push(child);
      ports.push(await new Promise<number>((resolve) => child.stdout!.once("data", (d: Buffer) => resolve(Number(d.toString().trim())))));
    }
  });

  afterAll(async () => {
    await Promise.all(children.map((c) => new Promise((resolve) => (c.once("exit", resolve), c.kill("SIGTERM")))));
    await redis?.stop();
    fs.rmSync(WORK, { recursive: true, force: true });
  });

  it("1,000 concurrent deliveries of 100 ids over two processes: exactly one handler call per id", async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `msg_${i}`);
    const deliveries = await Promise.all(
      ids.map(async (id) => {
        const body = JSON.stringify({ id });
        return { id, body, headers: { "content-type": "application/json", ...(await signStandardWebhooks({ secret: SECRET, body, id })) } };
      }),
    );
    const send = (d: (typeof deliveries)[number], port: number) => fetch(`http://127.0.0.1:${port}/`, { method: "POST", headers: d.headers, body: d.body }).then((r) => r.status);
    const sent = deliveries.flatMap((d) => Array.from({ length: 10 }, (_, copy) => ({ d, port: ports[copy % 2]! })));
    const statuses = await Promise.all(sent.map(({ d, port }) => send(d, port)));
    const counts = new Map<number, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    console.log(`1,000 deliveries (100 ids × 10, two processes): ${[...counts].map(([s, n]) => `${n}× ${s}`).join(", ")}`);
    expect([...counts.keys()].every((s) => s === 200 || s === 409)).toBe(true);

    // The provider retries what was answered 409: nothing more runs.
    const retried = await Promise.all(sent.filter((_, i) => statuses[i] === 409).map(({ d, port }) => send(d, port)));
    expect(retried.every((s) => s === 200)).toBe(true);

    const client = new Redis(redis.url);
    try {
      const calls = await client.mget(ids.map((id) => `calls:${id}`));
      expect(calls).toEqual(ids.map(() => "1"));
    } finally {
      await client.quit();
    }
  });
});
