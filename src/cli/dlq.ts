/**
 * `gen-callbacks dlq list|show|replay`: the dead letters of a durable receiver's BullMQ queue
 * (adapters/bullmq.ts), from a terminal. BullMQ's failed set is the dead-letter set: a job gets
 * there once its event's attempts are spent. `bullmq` is loaded from the user's project only
 * when this command runs: the generator itself does not depend on it.
 */
import { parseArgs } from "node:util";
import type { Job, Queue } from "bullmq";
import { asksForHelp } from "./args.js";
import { EXIT } from "./exit-codes.js";

/** What the command writes to and reads from; `env` for `REDIS_URL`. */
export interface DlqIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Readonly<Record<string, string | undefined>>;
}

const USAGE = "usage: gen-callbacks dlq list|show <job-id>|replay <job-id> --redis <url> [--queue <name>] [--prefix <p>] [--limit <n>] [--json]";
const DEFAULT_QUEUE = "gen-callbacks-deliveries";
/** How long to wait for Redis before saying it cannot be reached. */
const CONNECT_MS = 5000;

class UsageError extends Error {}

/** The URL as it may be printed: without its password. */
function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = "***";
  return copy.href;
}

interface Request {
  action: "list" | "show" | "replay";
  id: string | undefined;
  url: URL;
  queue: string;
  prefix: string | undefined;
  limit: number;
  json: boolean;
}

function parse(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Request {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { redis: { type: "string" }, queue: { type: "string" }, prefix: { type: "string" }, limit: { type: "string" }, json: { type: "boolean" } },
    });
  } catch (e) {
    throw new UsageError(`dlq: ${(e as Error).message}`);
  }
  const [action, id, ...rest] = parsed.positionals;
  if (action !== "list" && action !== "show" && action !== "replay")
    throw new UsageError(`dlq: ${action === undefined ? "no action given" : `unknown action ${JSON.stringify(action)}`}: expected list, show <job-id> or replay <job-id>`);
  if (action === "list" ? id !== undefined : rest.length > 0)
    throw new UsageError(`dlq ${action}: unexpected argument ${JSON.stringify(action === "list" ? id : rest[0])}`);
  if (action !== "list" && !id) throw new UsageError(`dlq ${action}: which dead letter? Give its job id, as gen-callbacks dlq list shows it`);
  const given = parsed.values.redis ?? env.REDIS_URL;
  if (!given) throw new UsageError("dlq: no Redis given: pass --redis redis://host:port (or set REDIS_URL)");
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    url = new URL("invalid:");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    throw new UsageError(`dlq: --redis ${JSON.stringify(given)} is not a redis:// or rediss:// URL`);
  const limit = parsed.values.limit === undefined ? 50 : Number(parsed.values.limit);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError(`dlq: --limit must be a positive integer, got ${JSON.stringify(parsed.values.limit)}`);
  return { action, id, url, queue: parsed.values.queue ?? DEFAULT_QUEUE, prefix: parsed.values.prefix, limit, json: parsed.values.json === true };
}

export async function dlqCommand(argv: readonly string[], io: DlqIo): Promise<number> {
  if (asksForHelp(argv)) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  let req: Request;
  try {
    req = parse(argv, io.env ?? process.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`error usage: ${e.message}\n${USAGE}\n`);
    return EXIT.badInput;
  }
  let bullmq: typeof import("bullmq");
  try {
    bullmq = await import("bullmq");
  } catch {
    io.stderr("error: gen-callbacks dlq needs the bullmq package, which your durable receiver uses: npm install bullmq\n");
    return EXIT.badInput;
  }
  // One try per command and no reconnecting: a wrong URL is an error, not a hang.
  const queue = new bullmq.Queue(req.queue, {
    connection: { url: req.url.href, enableOfflineQueue: true, maxRetriesPerRequest: 1, connectTimeout: CONNECT_MS, retryStrategy: () => null },
    ...(req.prefix ? { prefix: req.prefix } : {}),
  });
  queue.on("error", () => {});
  try {
    const reached = await Promise.race([
      queue.waitUntilReady().then(
        () => undefined,
        (e: unknown) => e,
      ),
      new Promise((resolve) => setTimeout(() => resolve(new Error(`no answer within ${CONNECT_MS / 1000} s`)), CONNECT_MS).unref()),
    ]);
    if (reached !== undefined) {
      io.stderr(`error: cannot reach Redis at ${redact(req.url)} (--redis): ${(reached as Error).message ?? String(reached)} — is it running, and is the URL right?\n`);
      return EXIT.badInput;
    }
    return await run(req, queue, io);
  } finally {
    await queue.close().catch(() => {});
  }
}

function summary(job: Job) {
  const data = job.data as { id?: string; event?: string };
  return {
    jobId: job.id,
    deliveryId: data.id,
    event: data.event ?? job.name,
    attempts: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
    error: job.failedReason,
  };
}

async function deadLetter(queue: Queue, req: Request, io: DlqIo): Promise<Job | undefined> {
  const job = (await queue.getJob(req.id!)) as Job | undefined;
  if (job && (await job.getState()) === "failed") return job;
  io.stderr(
    `error: no dead-lettered delivery with job id ${JSON.stringify(req.id)} in queue ${JSON.stringify(req.queue)} at ${redact(req.url)}` +
      `${job ? ` (that job is ${await job.getState()}, not dead-lettered)` : ""}: gen-callbacks dlq list shows the ids\n`,
  );
  return undefined;
}

async function run(req: Request, queue: Queue, io: DlqIo): Promise<number> {
  if (req.action === "list") {
    const total = await queue.getFailedCount();
    const jobs = ((await queue.getFailed(0, req.limit - 1)) as Job[]).filter(Boolean).map(summary);
    if (req.json) io.stdout(JSON.stringify({ queue: req.queue, total, deadLetters: jobs }, null, 2) + "\n");
    else {
      io.stdout(`${total} dead-lettered deliver${total === 1 ? "y" : "ies"} in queue ${JSON.stringify(req.queue)}${total > jobs.length ? ` (the ${jobs.length} most recent)` : ""}\n`);
      for (const j of jobs) io.stdout(`${j.jobId}  ${j.event}  ${j.attempts} attempt${j.attempts === 1 ? "" : "s"}  ${j.failedAt ?? "-"}  ${firstLine(j.error)}\n`);
    }
    return EXIT.ok;
  }
  const job = await deadLetter(queue, req, io);
  if (!job) return EXIT.badInput;
  if (req.action === "show") {
    const detail = { ...summary(job), stacktrace: job.stacktrace ?? [], delivery: job.data as unknown };
    if (req.json) io.stdout(JSON.stringify(detail, null, 2) + "\n");
    else {
      const d = job.data as { method?: string; url?: string; receivedAt?: number; headers?: [string, string][]; body?: string };
      io.stdout(
        [
          `job ${detail.jobId}: delivery ${detail.deliveryId} (${detail.event})`,
          `received ${d.receivedAt ? new Date(d.receivedAt).toISOString() : "-"}: ${d.method ?? "?"} ${d.url ?? "?"}`,
          `failed ${detail.failedAt ?? "-"} after ${detail.attempts} attempt${detail.attempts === 1 ? "" : "s"}: ${detail.error}`,
          ...(detail.stacktrace.length ? ["last stack:", ...detail.stacktrace.at(-1)!.split("\n").map((l) => "  " + l)] : []),
          `headers: ${(d.headers ?? []).map(([n]) => n).join(", ")}`,
          `body (${d.body ? Buffer.from(d.body, "base64").length : 0} bytes): ${bodyPreview(d.body)}`,
          "",
        ].join("\n"),
      );
    }
    return EXIT.ok;
  }
  await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
  io.stdout(`replayed ${job.id} (${summary(job).event}): back in queue ${JSON.stringify(req.queue)} with its attempts reset\n`);
  return EXIT.ok;
}

function firstLine(text: string | undefined): string {
  return (text ?? "").split("\n")[0]!;
}

/** The body as text when it is UTF-8, cut at 2,000 characters. */
function bodyPreview(base64: string | undefined): string {
  if (!base64) return "(none)";
  const bytes = Buffer.from(base64, "base64");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "(binary)";
  }
  return text.length > 2000 ? text.slice(0, 2000) + " …" : text;
}
