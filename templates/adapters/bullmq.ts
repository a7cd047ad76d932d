/**
 * Durable receiving on BullMQ (Redis): the receiver stores each verified, valid delivery as a
 * job and acknowledges it once stored; `startWorker` runs the same handlers on those jobs in
 * any number of processes, with retries and backoff per event; jobs that keep failing stay in
 * the dead-letter set, where `DeadLetters` (and `gen-callbacks dlq`) list, show and replay
 * them. Install `bullmq` beside this folder's other dependencies.
 *
 *   // receiver process
 *   const queue = new BullMQDeliveryQueue({ connection: { url: process.env.REDIS_URL } });
 *   createReceiver({ handlers, verify, durable: { queue } });
 *   // worker processes, as many as needed
 *   const worker = startWorker({ events, handlers, connection: { url: process.env.REDIS_URL } });
 *   process.once("SIGTERM", () => void worker.close());
 *
 * Delivery is at least once: one job per delivery id (a redelivery while the job is kept is
 * the same job), and its handler runs once unless a worker dies in the middle of it (BullMQ
 * then gives the job to another worker) or it throws (it is retried). Handlers stay idempotent.
 *
 * Redis must keep what it stores: `appendonly yes` (a restart without it loses every job not
 * yet handled) and `maxmemory-policy noeviction` (BullMQ's requirement).
 */
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import { createDeliveryProcessor, UnprocessableDelivery, type ProcessorOptions } from "../runtime/durable.js";
import type { DeliveryQueue, StoredDelivery } from "../runtime/durable-options.js";
import type { HandlerMap } from "../runtime/options.js";
import type { EventSpec } from "../runtime/receiver-types.js";

/** The queue's name when none is given. */
export const DEFAULT_QUEUE = "gen-callbacks-deliveries";

/** Where the queue lives: a Redis connection (`{ url }`, ioredis options, or a client) and the queue's name. */
export interface QueueLocation {
  readonly connection: ConnectionOptions;
  /** Default `gen-callbacks-deliveries`. */
  readonly queue?: string;
  /** BullMQ's key prefix. Default `bull`. */
  readonly prefix?: string;
}

/** How many jobs are in each state: for a health endpoint. */
export interface QueueCounts {
  /** Stored, no worker has taken them yet. */
  readonly waiting: number;
  /** Being handled now. */
  readonly active: number;
  /** Failed an attempt, waiting for their next one (the backoff). */
  readonly retrying: number;
  /** Failed every attempt: in the dead-letter set, until replayed or removed. */
  readonly deadLettered: number;
  /** Handled, and kept (to recognize redeliveries) for `keepCompletedSeconds`. */
  readonly completed: number;
}

/** A connection given as options, with what the queue needs added; a client is used as it is. */
function connectionFor(connection: ConnectionOptions, defaults: Record<string, unknown>): ConnectionOptions {
  const isClient = typeof (connection as { duplicate?: unknown }).duplicate === "function";
  return isClient ? connection : ({ ...defaults, ...connection } as ConnectionOptions);
}

/** Reconnect within 2 s of Redis coming back, rather than BullMQ's default of up to 20 s. */
const reconnect = (times: number) => Math.min(100 * times, 2000);

async function counts(queue: Queue): Promise<QueueCounts> {
  const c = await queue.getJobCounts("waiting", "prioritized", "active", "delayed", "failed", "completed");
  return {
    waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
    active: c.active ?? 0,
    retrying: c.delayed ?? 0,
    deadLettered: c.failed ?? 0,
    completed: c.completed ?? 0,
  };
}

/**
 * BullMQ accepts any string but one with `:` or an integer as a custom job id; a provider's
 * delivery id is used as it is unless it is one of those.
 */
export function jobIdOf(deliveryId: string): string {
  return deliveryId.includes(":") || /^[0-9]+$/.test(deliveryId) ? `id-${encodeURIComponent(deliveryId)}` : deliveryId;
}

/**
 * Attempts are counted by the worker, per event (see `startWorker`): a job carries a ceiling
 * it never reaches, and the worker dead-letters it when its event's attempts are spent.
 */
const ATTEMPT_CEILING = 1_000_000;
const BACKOFF_TYPE = "gen-callbacks";

/** The receiver's side: `createReceiver({ …, durable: { queue: new BullMQDeliveryQueue({ connection }) } })`. */
export class BullMQDeliveryQueue implements DeliveryQueue {
  readonly queue: Queue;
  private readonly keepCompletedSeconds: number;

  constructor(options: QueueLocation & { readonly keepCompletedSeconds?: number }) {
    // Fail fast while Redis is away (no offline queue, one try): the receiver answers 503 at
    // once and the provider retries, rather than the request waiting out its deadline.
    this.queue = new Queue(options.queue ?? DEFAULT_QUEUE, {
      connection: connectionFor(options.connection, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: reconnect }),
      ...(options.prefix ? { prefix: options.prefix } : {}),
    });
    // Connection errors reach `enqueue` as rejections; without a listener they would also crash the process.
    this.queue.on("error", () => {});
    // Three days, as long as providers retry (the dedupe default): a redelivery within it is the same job.
    this.keepCompletedSeconds = options.keepCompletedSeconds ?? 3 * 24 * 3600;
  }

  async enqueue(delivery: StoredDelivery): Promise<void> {
    // An id already stored is not added again: BullMQ's add is atomic per job id.
    await this.queue.add(delivery.event, delivery, {
      jobId: jobIdOf(delivery.id),
      attempts: ATTEMPT_CEILING,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { age: this.keepCompletedSeconds },
      removeOnFail: false,
    });
  }

  counts(): Promise<QueueCounts> {
    return counts(this.queue);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** Attempts and backoff of an event's handler. */
export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  readonly attempts?: number;
  /** Delay before each retry: `fixed` (delayMs every time) or `exponential` (delayMs × 2^(n−1)). Default exponential, 1000 ms. */
  readonly backoff?: { readonly type: "fixed" | "exponential"; readonly delayMs: number };
}

/** A job that failed its last attempt, as the `onDeadLetter` hook sees it. */
export interface DeadLetterInfo {
  readonly jobId: string;
  readonly deliveryId: string;
  readonly event: string;
  readonly attempts: number;
  readonly error: string;
}

export interface WorkerOptions<H extends HandlerMap<H>> extends QueueLocation, ProcessorOptions<H> {
  /** The generated table (`events` from receiver.ts). */
  readonly events: readonly EventSpec[];
  /** Jobs handled at once by this process. Default 10. */
  readonly concurrency?: number;
  /** Attempts and backoff of every event… */
  readonly retry?: RetryPolicy;
  /** …and of some events in particular, by name. */
  readonly retryByEvent?: { readonly [K in keyof H]?: RetryPolicy };
  /** Told when a job is dead-lettered (after its event's attempts, or when it cannot be processed). */
  readonly onDeadLetter?: (info: DeadLetterInfo) => void;
  /** Told about each failed attempt and each Redis error (the worker reconnects by itself). */
  readonly onError?: (error: unknown, job: { readonly id: string; readonly event: string } | undefined) => void;
  /**
   * How long a job is locked to this worker without a renewal (ms), and how often workers look
   * for jobs whose lock lapsed — a worker that died mid-handler — to run them again. BullMQ's
   * defaults: 30000 each.
   */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
}

export interface DurableWorker {
  readonly worker: Worker;
  /**
   * Stops taking jobs and resolves when those in flight have finished. `force`: stop now; the
   * jobs in flight go back to the queue when their lock lapses and are handled again.
   */
  close(force?: boolean): Promise<void>;
  counts(): Promise<QueueCounts>;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 1) throw new RangeError(`${name} must be a positive number, got ${String(value)}`);
  return value;
}

/** Runs the handlers on the queue's jobs in this process, until `close()`. */
export function startWorker<H extends HandlerMap<H>>(options: WorkerOptions<H>): DurableWorker {
  const processDelivery = createDeliveryProcessor(options.events, options);
  const policies = new Map<string, Required<RetryPolicy>>();
  const policy = (event: string): Required<RetryPolicy> => {
    let p = policies.get(event);
    if (!p) {
      const own = (options.retryByEvent as Record<string, RetryPolicy> | undefined)?.[event];
      const attempts = positive(`attempts of ${event}`, own?.attempts ?? options.retry?.attempts, 5);
      const backoff = own?.backoff ?? options.retry?.backoff ?? { type: "exponential", delayMs: 1000 };
      policies.set(event, (p = { attempts, backoff }));
    }
    return p;
  };
  const name = options.queue ?? DEFAULT_QUEUE;
  const queue = new Queue(name, { connection: connectionFor(options.connection, { retryStrategy: reconnect }), ...(options.prefix ? { prefix: options.prefix } : {}) });
  queue.on("error", () => {});

  const worker = new Worker(
    name,
    async (job: Job<StoredDelivery>, _token?: string, signal?: AbortSignal) => {
      try {
        const value = await processDelivery(job.data, signal);
        // Recorded as the job's return value: a durable receiver cannot send it to the provider.
        return value === undefined ? null : value;
      } catch (error) {
        options.onError?.(error, { id: job.id!, event: job.data.event });
        // The event's last attempt, or a delivery no retry can help: straight to the dead letters.
        if (error instanceof UnprocessableDelivery || job.attemptsMade + 1 >= policy(job.data.event).attempts) {
          const final = new UnrecoverableError(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
          if (error instanceof Error && error.stack) final.stack = error.stack;
          throw final;
        }
        throw error;
      }
    },
    {
      connection: connectionFor(options.connection, { maxRetriesPerRequest: null, retryStrategy: reconnect }),
      ...(options.prefix ? { prefix: options.prefix } : {}),
      concurrency: positive("concurrency", options.concurrency, 10),
      ...(options.lockDurationMs ? { lockDuration: positive("lockDurationMs", options.lockDurationMs, 30_000) } : {}),
      ...(options.stalledIntervalMs ? { stalledInterval: positive("stalledIntervalMs", options.stalledIntervalMs, 30_000) } : {}),
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, _error?: Error, job?: { data: StoredDelivery }) => {
          const { backoff } = policy(job?.data.event ?? "");
          return backoff.type === "fixed" ? backoff.delayMs : backoff.delayMs * 2 ** Math.max(0, attemptsMade - 1);
        },
      },
    },
  );
  worker.on("error", (error) => options.onError?.(error, undefined));
  worker.on("failed", (job) => {
    if (!job || !options.onDeadLetter) return;
    const hook = options.onDeadLetter;
    // Dead-lettered when it stays failed: a retried attempt is delayed instead.
    void job.getState().then(
      (state) => {
        if (state === "failed")
          hook({ jobId: job.id!, deliveryId: job.data.id, event: job.data.event, attempts: job.attemptsMade, error: job.failedReason });
      },
      (error) => options.onError?.(error, { id: job.id!, event: job.data.event }),
    );
  });

  return {
    worker,
    counts: () => counts(queue),
    async close(force = false) {
      await worker.close(force);
      await queue.close();
    },
  };
}

/** A dead-lettered delivery, as `list` shows it. */
export interface DeadLetter {
  readonly jobId: string;
  readonly deliveryId: string;
  readonly event: string;
  readonly attempts: number;
  readonly error: string;
  /** When its last attempt failed (ms since the epoch). */
  readonly failedAt: number | undefined;
}

/** …and as `show` does: the stack of the last error and the stored delivery. */
export interface DeadLetterDetail extends DeadLetter {
  readonly stacktrace: readonly string[];
  readonly delivery: StoredDelivery;
}

function deadLetter(job: Job<StoredDelivery>): DeadLetter {
  return {
    jobId: job.id!,
    deliveryId: job.data.id,
    event: job.data.event,
    attempts: job.attemptsMade,
    error: job.failedReason,
    failedAt: job.finishedOn,
  };
}

/** The dead-letter set of a queue: list, inspect and replay what failed every attempt. */
export class DeadLetters {
  readonly queue: Queue;

  constructor(location: QueueLocation) {
    this.queue = new Queue(location.queue ?? DEFAULT_QUEUE, {
      connection: connectionFor(location.connection, { retryStrategy: reconnect }),
      ...(location.prefix ? { prefix: location.prefix } : {}),
    });
    this.queue.on("error", () => {});
  }

  /** The most recently failed first. */
  async list(options: { readonly offset?: number; readonly limit?: number } = {}): Promise<DeadLetter[]> {
    const offset = options.offset ?? 0;
    const jobs = (await this.queue.getFailed(offset, offset + (options.limit ?? 50) - 1)) as Job<StoredDelivery>[];
    return jobs.filter(Boolean).map(deadLetter);
  }

  /** One dead letter by its job id (`jobIdOf(deliveryId)`), or undefined when no dead letter has that id. */
  async show(jobId: string): Promise<DeadLetterDetail | undefined> {
    const job = (await this.queue.getJob(jobId)) as Job<StoredDelivery> | undefined;
    if (!job || (await job.getState()) !== "failed") return undefined;
    return { ...deadLetter(job), stacktrace: job.stacktrace ?? [], delivery: job.data };
  }

  /** Puts a dead letter back in the queue with its attempts reset; false when no dead letter has that id. */
  async replay(jobId: string): Promise<boolean> {
    const job = (await this.queue.getJob(jobId)) as Job<StoredDelivery> | undefined;
    if (!job || (await job.getState()) !== "failed") return false;
    await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }

  counts(): Promise<QueueCounts> {
    return counts(this.queue);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
