/**
 * Durable mode, the receiver's side: a verified, valid delivery is stored in a queue and
 * acknowledged once stored; workers (durable.ts, adapters/bullmq.ts) run its handler later,
 * in any number of processes. The queue is an interface of one method, so that an engine other
 * than BullMQ can be plugged in (the README's "Durable receiving" says how).
 *
 * Only events whose success answer has no body can be acknowledged before they are handled:
 * the body of an event that declares one (`ack` absent from its table entry) is the handler's
 * answer, which the provider reads, so those events are handled in the request as before.
 */
import type { EventSpec } from "./receiver-types.js";
import { encodeBase64 } from "./signature-bytes.js";

/**
 * A delivery as stored for a worker: plain JSON, everything the worker needs to deserialize,
 * validate and hand it to its handler exactly as the receiver would have. Verification and
 * the spec's credentials were checked before it was stored; `Authorization`,
 * `Proxy-Authorization` and the spec's `apiKey` headers and query parameters are not kept (nor
 * `Cookie`, unless the event declares cookies) — unless the event declares them as parameters.
 */
export interface StoredDelivery {
  /** The delivery id: the provider's (`webhook-id`, `X-GitHub-Delivery`, the dedupe key), or a random UUID when it sends none. */
  readonly id: string;
  /** The event, by its key in `Handlers`. */
  readonly event: string;
  readonly method: string;
  /** The request URL as received, for `context.request`. */
  readonly url: string;
  /** The path parameters of the route the delivery matched, still percent-encoded. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** The query string, without `?`. */
  readonly query: string;
  /** The request's headers (lower-case names), less the credential headers named above. */
  readonly headers: readonly (readonly [string, string])[];
  /** The exact body bytes, base64. */
  readonly body: string;
  /** When the receiver got it, in ms since the epoch. */
  readonly receivedAt: number;
}

/**
 * Where a durable receiver stores deliveries. `enqueue` resolves once the delivery is stored
 * (the receiver answers 2xx only then) and rejects when it cannot be (the receiver answers 503,
 * so the provider retries). Enqueuing one id twice must store one delivery: providers
 * redeliver, sometimes concurrently.
 */
export interface DeliveryQueue {
  enqueue(delivery: StoredDelivery): Promise<void>;
}

/** The `durable` option of the receiver. */
export interface DurableOptions {
  readonly queue: DeliveryQueue;
  /**
   * The events to store; default: every event whose success answer has no body. Naming an
   * event whose answer has a body is an error: its handler's answer is what the provider reads.
   */
  readonly events?: readonly string[];
  /**
   * The header naming the delivery id, when neither the signature verifier reports one nor
   * `dedupe.key` names it (e.g. `{ header: "webhook-id" }` on an `insecure` test receiver).
   */
  readonly key?: { readonly header: string };
}

export interface ResolvedDurable {
  readonly queue: DeliveryQueue;
  readonly events: ReadonlySet<string>;
  readonly keyHeader: string | undefined;
}

export function resolveDurable(events: readonly EventSpec[], options: DurableOptions): ResolvedDurable {
  if (typeof options?.queue?.enqueue !== "function")
    throw new TypeError("durable.queue must have an enqueue(delivery) method: e.g. new BullMQDeliveryQueue({ connection }) from adapters/bullmq.ts");
  const byName = new Map(events.filter((e) => !e.unselected).map((e) => [e.name, e]));
  const names = options.events ?? [...byName.values()].filter((e) => e.ack !== undefined).map((e) => e.name);
  for (const name of names) {
    const event = byName.get(name);
    if (!event) throw new TypeError(`durable.events names ${JSON.stringify(name)}, which is not an event of this receiver`);
    if (event.ack === undefined)
      throw new TypeError(
        `durable.events names ${name}, whose success responses all have a body the provider reads: its handler must answer in the request. Leave it out of durable.events`,
      );
  }
  return { queue: options.queue, events: new Set(names), keyHeader: options.key?.header.toLowerCase() };
}

/** Headers that carry credentials rather than anything about the delivery: never stored. */
const CREDENTIALS = new Set(["authorization", "proxy-authorization"]);

/** The spec's `apiKey` credentials: header and query parameter names (lower-case headers) not to store. */
export interface CredentialNames {
  readonly headers: ReadonlySet<string>;
  readonly query: ReadonlySet<string>;
}

/** `query` without the parameters named in `names`; the others byte for byte. */
function withoutParams(query: string, names: ReadonlySet<string>): string {
  if (names.size === 0 || query === "") return query;
  return query
    .split("&")
    .filter((pair) => {
      const name = pair.split("=", 1)[0]!;
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, " "));
      } catch {
        // Not valid percent-encoding: compared as it is.
      }
      return !names.has(decoded);
    })
    .join("&");
}

/** The stored form of a request the receiver has verified and validated for `event`. */
export function storeDelivery(
  id: string,
  event: EventSpec,
  request: { readonly method: string; readonly url: string; readonly headers: Headers | { forEach(cb: (value: string, name: string) => void): void } },
  pathParams: Readonly<Record<string, string>>,
  query: string,
  rawBody: Uint8Array,
  receivedAt: number,
  credentials: CredentialNames,
): StoredDelivery {
  // An event's own parameters are kept even when a scheme shares their name: the handler gets them.
  const declared = new Set(event.parameters.specs.map((p) => (p.in === "header" ? p.name.toLowerCase() : p.name)));
  const keepCookies = event.parameters.cookies !== undefined || event.parameters.specs.some((p) => p.in === "cookie");
  const headers: [string, string][] = [];
  request.headers.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (declared.has(lower) || (!CREDENTIALS.has(lower) && !credentials.headers.has(lower) && (keepCookies || lower !== "cookie")))
      headers.push([lower, value]);
  });
  const secretParams = new Set([...credentials.query].filter((n) => !declared.has(n)));
  const kept = withoutParams(query, secretParams);
  const at = request.url.indexOf("?");
  const url = at < 0 || kept === query ? request.url : request.url.slice(0, at) + (kept ? "?" + kept : "");
  return {
    id,
    event: event.name,
    method: request.method,
    url,
    pathParams,
    query: kept,
    headers,
    body: encodeBase64(rawBody),
    receivedAt,
  };
}
