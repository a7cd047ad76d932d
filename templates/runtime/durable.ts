/**
 * Durable mode, the worker's side: a stored delivery (durable-options.ts) back to the typed
 * handler of its event. The body is parsed, the event's conditions checked and its parameters
 * and body validated again, by the same code as in the receiver, so that a handler gets what it
 * would have got in the request (dates, binary bodies, defaults — nothing JSON would flatten).
 * Verification and credentials are not checked again: the receiver did that before storing,
 * and a signature's timestamp would by now be too old.
 *
 * Engine-neutral: adapters/bullmq.ts runs it on BullMQ jobs; another engine's consumer calls
 * the processor with each delivery it receives and settles the message by the outcome.
 */
import { compileConditions } from "./discriminate.js";
import type { DurableOptions, StoredDelivery } from "./durable-options.js";
import { validated } from "./handler-request.js";
import { DEFAULTS, resolveHandlers, type HandlerContext, type HandlerMap } from "./options.js";
import type { EventSpec } from "./receiver-types.js";
import { Selector } from "./select.js";
import { decodeBase64 } from "./signature-bytes.js";
import type { Issue } from "./validate.js";

export type { DeliveryQueue, DurableOptions, StoredDelivery } from "./durable-options.js";

/** Runs a stored delivery's handler; resolves to what the handler returned (its typed response), rejects with what it threw. */
export type DeliveryProcessor = (delivery: StoredDelivery, signal?: AbortSignal) => Promise<unknown>;

export interface ProcessorOptions<H extends HandlerMap<H>> {
  /** The same map the receiver gets: one handler per event (or some, with `partial: true`). */
  readonly handlers: H | Partial<H>;
  readonly partial?: boolean;
  /** Deepest JSON nesting accepted; the receiver's `maxJsonDepth`. Default 128. */
  readonly maxJsonDepth?: number;
}

/**
 * Thrown for a stored delivery that can no longer reach a handler: its event is not in this
 * worker's table or has no handler here, or it fails the schemas (the worker runs different
 * code than the receiver that stored it). Retrying cannot help: engines should dead-letter it.
 */
export class UnprocessableDelivery extends Error {
  override readonly name = "UnprocessableDelivery";
  constructor(
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

class StoredContext implements HandlerContext {
  private built: Request | undefined;
  constructor(
    readonly event: string,
    readonly rawBody: Uint8Array,
    readonly signal: AbortSignal,
    private readonly delivery: StoredDelivery,
  ) {}
  /** The request as it arrived, less its body (read: use `rawBody`) and credential headers. */
  get request(): Request {
    return (this.built ??= new Request(this.delivery.url, { method: this.delivery.method, headers: this.delivery.headers as [string, string][] }));
  }
}

const NEVER = new AbortController().signal;

export function createDeliveryProcessor<H extends HandlerMap<H>>(events: readonly EventSpec[], options: ProcessorOptions<H>): DeliveryProcessor {
  const handlers = resolveHandlers(events, options);
  const maxJsonDepth = options.maxJsonDepth ?? DEFAULTS.maxJsonDepth;
  const byName = new Map(events.filter((e) => !e.unselected).map((e) => [e.name, e]));
  const selector = new Selector(new Map(events.map((e) => [e, compileConditions(e.conditions)])));

  return async (delivery, signal = NEVER) => {
    const event = byName.get(delivery.event);
    const handler = handlers.get(delivery.event);
    if (!event || !handler)
      throw new UnprocessableDelivery(`delivery ${delivery.id} is for ${JSON.stringify(delivery.event)}, which has no handler in this worker`);
    const rawBody = decodeBase64(delivery.body, false, "required");
    if (!rawBody) throw new UnprocessableDelivery(`delivery ${delivery.id}: its stored body is not base64`);
    const headers = new Headers(delivery.headers as [string, string][]);
    const header = (name: string) => headers.get(name);
    // One group of one event: the route was matched and the event chosen when it was received.
    let selection = selector.select([{ events: [event], path: delivery.pathParams }], { header, rawBody, maxJsonDepth });
    if (selection instanceof Promise) selection = await selection;
    if ("reason" in selection) throw new UnprocessableDelivery(`delivery ${delivery.id} (${event.name}) cannot be read: ${selection.reason}`);
    const candidate = selection.candidates.find((c) => c.event === event);
    if (!candidate) throw new UnprocessableDelivery(`delivery ${delivery.id} no longer meets the conditions of ${event.name}`);
    const request = validated(candidate, delivery.query, header, maxJsonDepth);
    if ("issues" in request) throw new UnprocessableDelivery(`delivery ${delivery.id} fails the schemas of ${event.name}`, request.issues);
    return handler(request, new StoredContext(event.name, rawBody, signal, delivery));
  };
}
