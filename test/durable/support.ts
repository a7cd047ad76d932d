/**
 * What the durable tests share: signed deliveries of the `paid` event (bench/lib/durable-processes.mjs),
 * sent over real HTTP on loopback with bounded concurrency, and waiting on Redis counters.
 */
import { deliver, requestBytes } from "../../bench/lib/deliver.mjs";
import { signStandardWebhooks } from "../../templates/runtime/signatures-sign.js";

export const SECRET = "whsec_" + Buffer.from("a test secret of 24+ bytes").toString("base64");

export interface Delivery {
  readonly id: string;
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** A signed `paid` delivery; `extra` adds `slowMs` or `fail`. */
export async function delivery(id: string, extra: { slowMs?: number; fail?: boolean } = {}): Promise<Delivery> {
  const body = JSON.stringify({ id, amount: 100, ...extra });
  return { id, body, headers: { "content-type": "application/json", ...(await signStandardWebhooks({ secret: SECRET, body, id })) } };
}

/** Sends one delivery; resolves to the status (0 when the connection failed). */
export async function send(port: number, d: Delivery): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", headers: d.headers, body: d.body });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Sends every delivery over `connections` keep-alive connections (raw sockets: a thin client); statuses in the order given. */
export async function sendAll(port: number, deliveries: readonly Delivery[], connections: number): Promise<number[]> {
  return (await deliver(port, deliveries.map((d) => requestBytes("/", d.headers, d.body)), connections)).statuses;
}

/** Polls `check` until it returns true, or fails with `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Status → how many, for the logs. */
export function tally(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n}× ${s}`).join(", ");
}
