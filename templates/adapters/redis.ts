/**
 * Dedupe claims in Redis, shared by every process of a receiver: a delivery retried to
 * another instance, or sent twice at once to two, still runs its handler once. Built on
 * `ioredis` (install it beside this folder's other dependencies); each operation is one atomic
 * command or script, so two processes claiming one key cannot both win.
 *
 *   import Redis from "ioredis";
 *   import { RedisDedupeStore } from "./webhooks/adapters/redis.js";
 *   createReceiver({ handlers, verify, dedupe: { store: new RedisDedupeStore(new Redis(process.env.REDIS_URL)) } });
 */
import type { Redis } from "ioredis";
import type { ClaimState, DedupeStore } from "../runtime/dedupe.js";

/** `in-flight:<token>` while a request handles the delivery, `done:<token>` after. */
const IN_FLIGHT = "in-flight:";
const DONE = "done:";

/** Sets the key to done if `token` still owns it: a claim that expired and was taken over is not ours to complete. */
const COMPLETE = `
local v = redis.call("GET", KEYS[1])
if v == ARGV[1] then redis.call("SET", KEYS[1], ARGV[2], "PX", ARGV[3]) return 1 end
return 0`;

/** Deletes the key if `token` still owns the claim. */
const RELEASE = `
local v = redis.call("GET", KEYS[1])
if v == ARGV[1] then redis.call("DEL", KEYS[1]) return 1 end
return 0`;

export class RedisDedupeStore implements DedupeStore {
  /** `redis`: a connected ioredis client (the store never closes it). */
  constructor(private readonly redis: Redis) {}

  async claim(key: string, token: string, inFlightMs: number): Promise<ClaimState> {
    for (let attempt = 0; ; attempt++) {
      // SET NX is the atomic first-writer-wins; what another writer left says why we lost.
      const set = await this.redis.set(key, IN_FLIGHT + token, "PX", Math.max(1, Math.ceil(inFlightMs)), "NX");
      if (set === "OK") return "new";
      const value = await this.redis.get(key);
      // Gone between the two commands (expired, released): claim again, a bounded number of times.
      if (value !== null || attempt === 2) return value?.startsWith(DONE) ? "done" : "in-flight";
    }
  }

  async complete(key: string, token: string, ttlMs: number): Promise<void> {
    await this.redis.eval(COMPLETE, 1, key, IN_FLIGHT + token, DONE + token, String(Math.max(1, Math.ceil(ttlMs))));
  }

  async release(key: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, key, IN_FLIGHT + token);
  }
}
