/**
 * A real Redis for the tests that need one: Debian's `redis-server` (`.ci/run` installs it),
 * started on a free loopback port with its data in a temporary folder, stopped after. Where
 * it is not installed, those tests are skipped and the run says so in one line
 * (shared-setup.ts).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, type SuiteAPI } from "vitest";

export const REDIS_SERVER = process.env.REDIS_SERVER ?? "redis-server";

/** Whether `redis-server` can be run here. */
export const HAS_REDIS = spawnSync(REDIS_SERVER, ["--version"], { stdio: "ignore" }).status === 0;

/** A `describe` whose tests need a Redis server: skipped without one. */
export const describeRedis: ReturnType<SuiteAPI["skipIf"]> = describe.skipIf(!HAS_REDIS);

export const MISSING_REDIS_LINE = `skipped the Redis tests: ${REDIS_SERVER} not found — install it (Debian: apt-get install -y redis-server) or set REDIS_SERVER=/path/to/redis-server`;

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM, then SIGKILL after a second) and removes its folder. */
  stop(): Promise<void>;
  /** Stops it without removing anything, to be started again on the same port with `restart`. */
  kill(): Promise<void>;
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function ready(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => socket.end("PING\r\n"));
      socket.once("data", (d) => resolve(d.toString().startsWith("+PONG")));
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on port ${port}`);
}

/**
 * `persist`: keep the data across `kill` and `restart` (an append-only file, as a durable
 * queue's Redis must have); without it a restart starts empty.
 */
export async function startRedis(options: { persist?: boolean } = {}): Promise<RedisServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gen-callbacks-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", options.persist ? "yes" : "no", "--protected-mode", "yes"], {
      stdio: "ignore",
    });
    await ready(port, Date.now() + 10_000);
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
    c.kill("SIGTERM");
    const timer = setTimeout(() => c.kill("SIGKILL"), 1000);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: launch,
    async stop() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
