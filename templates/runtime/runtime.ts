/**
 * The receiver core: one request in, one answer out, the same for every adapter.
 *
 *   method + route → size cap → raw read → verify → media type → header conditions
 *   → parse → body conditions → validate params + body → handler → typed answer
 *
 * Nothing spec-derived (parsers, schemas, patterns) runs before `verify` has accepted the
 * exact bytes (THREATS.md B13). A delivery reaches a handler only when its event is the one
 * candidate whose conditions hold and whose schemas accept it; every other delivery reaches
 * `onUnhandled` ("What the receiver answers" in the gen-callbacks README lists every answer).
 * Adapters reach the core through `fetch` (web Request/Response: Bun, Deno, Workers, Hono,
 * Next.js) or `handle`, which spares node:http-based servers from building web objects the
 * handler may never look at.
 */
import { readBody, webBodySource, type BodySource, type ResponseBody } from "./body-read.js";
import { Deadline } from "./deadline.js";
import { compileConditions } from "./discriminate.js";
import {
  resolveOptions,
  type ErrorInfo,
  type HandlerContext,
  type HandlerMap,
  type HandlerRequest,
  type InvalidDelivery,
  type PartialReceiverOptions,
  type ReceiverOptions,
  type RequestHead,
  type ResolvedOptions,
  type SchemaPolicy,
  type UnhandledInfo,
  type UnhandledReason,
} from "./options.js";
import type { EventSpec } from "./receiver-types.js";
import { answers, serializeResult, type HandlerResult, type ReceiverOutput } from "./respond.js";
import { compileRoutes, splitTarget } from "./routes.js";
import type { ClaimState } from "./dedupe.js";
import type { Protection, Verified } from "./protection.js";
import type { CandidateGroup } from "./routes.js";
import { meetsRequirement } from "./security.js";
import { Selector, type Candidate } from "./select.js";
import { storeDelivery, type CredentialNames } from "./durable-options.js";
import { validated } from "./handler-request.js";
import { underPolicy, type Issue } from "./validate.js";

export type { BodySource } from "./body-read.js";
export type { EventSpec, SchemaLike } from "./receiver-types.js";
export type {
  ErrorInfo,
  HandlerContext,
  HandlerRequest,
  InvalidDelivery,
  PartialReceiverOptions,
  ReceiverOptions,
  RequestHead,
  SchemaPolicy,
  UnhandledInfo,
  UnhandledReason,
  ValidationPolicy,
} from "./options.js";
export type { HandlerResult, ReceiverOutput } from "./respond.js";
export type { Protection, Verify, VerifyFunction } from "./protection.js";
export type { CredentialCheck, SecuritySchemeSpec } from "./security.js";
export type { DedupeOptions, DedupeStore } from "./dedupe.js";
export type { DeliveryQueue, DurableOptions, StoredDelivery } from "./durable-options.js";
export { MemoryDedupeStore } from "./dedupe.js";
export type { Issue } from "./validate.js";
export { DEFAULTS, warnUnhandled } from "./options.js";

/** A request as an adapter hands it to `Receiver.handle`. */
export interface ReceiverInput {
  readonly method: string;
  /**
   * The request target as received: path and query (`/invoices/42?x=1`), relative to where the
   * adapter is mounted; an absolute URL is accepted too.
   */
  readonly target: string;
  /** A header by lower-case name; repeated headers joined by `, ` (`cookie` by `; `); null when absent. */
  header(name: string): string | null;
  readonly body: BodySource | null;
  /** The web Request for hooks and handlers; called at most once, when first needed. */
  toRequest(): Request;
  /**
   * What `verify` gets: method, URL and headers. Adapters that would have to build a Request
   * provide this cheaper view (a Request costs ~10 µs and a finalizer in Node 20); without it,
   * `verify` gets `toRequest()`.
   */
  toRequestHead?(): RequestHead;
}

export interface Receiver {
  /** Web-standard handler: `Deno.serve(receiver.fetch)`, `export default { fetch: receiver.fetch }` (Bun, Workers). */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The same, for adapters that are not web-standard (node:http, Express, Fastify). Never rejects. */
  readonly handle: (input: ReceiverInput) => Promise<ReceiverOutput>;
  /** Graceful shutdown: refuse new deliveries (503), let those in flight finish (see `close` in createReceiverCore). */
  readonly close: (options?: { timeoutMs?: number }) => Promise<void>;
  readonly events: readonly EventSpec[];
}

/** The web Request of an input, built on first use. */
class LazyRequest {
  private built: Request | undefined;
  constructor(private readonly input: ReceiverInput) {}
  get request(): Request {
    return (this.built ??= this.input.toRequest());
  }
}

/*
 * Classes, not object literals with getters: a literal's getters are new closures each time,
 * which gives every request's object its own hidden class in V8 — thousands of them, old-space
 * garbage and megamorphic property access. Their prototype getters are shared.
 */

class Context implements HandlerContext {
  constructor(
    readonly event: string,
    readonly rawBody: Uint8Array,
    private readonly lazy: LazyRequest,
    private readonly deadline: Deadline,
  ) {}
  get request(): Request {
    return this.lazy.request;
  }
  get signal(): AbortSignal {
    return this.deadline.signal;
  }
}

class Unhandled implements UnhandledInfo {
  constructor(
    private readonly lazy: LazyRequest,
    readonly reason: UnhandledReason,
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly rawBody: Uint8Array | undefined,
    readonly candidates: readonly string[],
    readonly issues: UnhandledInfo["issues"],
    readonly verification: UnhandledInfo["verification"],
    readonly deliveryId: string | undefined,
  ) {}
  get request(): Request {
    return this.lazy.request;
  }
}

/**
 * Requests being handled, for a graceful `close()`: once closing, new requests are answered
 * 503, and `drained` settles when the last one in flight has its answer.
 */
class InFlight {
  private count = 0;
  closing = false;
  private waiters: (() => void)[] = [];

  enter(): void {
    this.count++;
  }

  leave(): void {
    if (--this.count === 0) for (const w of this.waiters.splice(0)) w();
  }

  drained(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** A claim's owner, unique enough that one request never releases another's claim. */
function claimToken(): string {
  return crypto.randomUUID();
}

/** One request on its way through the core: what the hooks and answers need of it. */
interface Delivery {
  readonly input: ReceiverInput;
  readonly lazy: LazyRequest;
  readonly deadline: Deadline;
  readonly where: { method: string; path: string };
  /** When the request arrived (ms since the epoch): signature timestamps are checked against it, not against the end of a slow body. */
  readonly arrival: number;
  rawBody: Uint8Array | undefined;
  /** The delivery's id, once verified: the dedupe key, or the one the verifier reports. */
  deliveryId: string | undefined;
  /** Security requirements (by key) this request meets, computed when first asked. */
  readonly authenticated: Map<string, boolean>;
}

const TIMEOUT = Symbol("timeout");

/** What every handler-like call (handler, `onUnhandled`) settles to. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown } | typeof TIMEOUT;

/** Whether an event admits requests without credentials: no `security`, or an empty alternative. */
function isOpen(event: EventSpec): boolean {
  const requirement = event.security;
  return !requirement || requirement.some((alternative) => alternative.length === 0);
}

/** Per route's event list (the route table's own arrays, stable): whether one of its events is open. */
const openRoutes = new WeakMap<readonly EventSpec[], boolean>();

function anyOpen(groups: readonly CandidateGroup[]): boolean {
  for (const g of groups) {
    let open = openRoutes.get(g.events);
    if (open === undefined) openRoutes.set(g.events, (open = g.events.some(isOpen)));
    if (open) return true;
  }
  return false;
}

function isNotImplemented(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "NotImplementedError";
}

export function createReceiverCore<H extends HandlerMap<H>>(
  events: readonly EventSpec[],
  options: ReceiverOptions<H> | PartialReceiverOptions<H>,
  schemas?: SchemaPolicy,
  protection?: Protection,
): Receiver {
  const config = resolveOptions(events, options, schemas, protection);
  const guard = config.protection;
  const routes = compileRoutes(events, config.webhookPath);
  const selector = new Selector(new Map(events.map((e) => [e, compileConditions(e.conditions)])));
  const inFlight = new InFlight();
  const durableCredentials = credentialNames(guard.securitySchemes);

  const handle = async (input: ReceiverInput): Promise<ReceiverOutput> => {
    const delivery: Delivery = {
      input,
      lazy: new LazyRequest(input),
      deadline: new Deadline(config.deadlineMs),
      where: { method: input.method, path: "" },
      arrival: Date.now(),
      rawBody: undefined,
      deliveryId: undefined,
      authenticated: new Map(),
    };
    if (inFlight.closing) {
      input.body?.cancel();
      delivery.deadline.clear();
      return refuse(delivery, "shutting-down", answers.shuttingDown());
    }
    inFlight.enter();
    try {
      return await receive(delivery);
    } catch (error) {
      report(config, error, { stage: "internal", late: false, ...delivery.where });
      return answers.internal();
    } finally {
      delivery.deadline.clear();
      inFlight.leave();
    }
  };

  const receive = async (d: Delivery): Promise<ReceiverOutput> => {
    const { input, deadline } = d;
    const target = splitTarget(input.target);
    if (!target) return refuse(d, "not-found", answers.notFound());
    const base = config.basePath;
    d.where.path = target.path;
    if (base && target.path !== base && !target.path.startsWith(base + "/")) return refuse(d, "not-found", answers.notFound());
    const path = target.path.slice(base.length) || "/";
    d.where.path = path;

    const match = routes.match(input.method, path);
    if (match.kind === "not-found") return refuse(d, "not-found", answers.notFound());
    if (match.kind === "wrong-method") return refuse(d, "method-not-allowed", answers.methodNotAllowed(match.allow));
    // The credentials the spec's `security` asks for, before the body is read (each event's own
    // requirement is checked again once the event is known). A route with an event that asks for
    // none (every GitHub event) needs no list of its events built per request.
    if (guard.enforceSecurity && !anyOpen(match.groups) && !(await authenticated(d, match.groups.flatMap((g) => g.events), target.query))) {
      input.body?.cancel();
      return refuse(d, "unauthenticated", answers.unauthorized());
    }

    const length = input.header("content-length");
    if (length !== null && /^[0-9]+$/.test(length) && Number(length) > config.maxBodyBytes) {
      input.body?.cancel();
      return refuse(d, "too-large", answers.tooLarge(config.maxBodyBytes, true));
    }
    const read = await readBody(input.body, config.maxBodyBytes, deadline);
    if (!read.ok) {
      return read.reason === "too-large"
        ? refuse(d, "too-large", answers.tooLarge(config.maxBodyBytes, true))
        : read.reason === "timeout"
          ? refuse(d, "body-timeout", answers.timedOutReading())
          : refuse(d, "body-aborted", answers.aborted());
    }
    const rawBody = read.bytes;
    d.rawBody = rawBody;

    const head = input.toRequestHead ? input.toRequestHead() : d.lazy.request;
    let deliveryId: string | undefined;
    if (guard.verify) {
      const verify = guard.verify;
      let outcome = settle(deadline, () => verify(head, rawBody, d.arrival));
      if (isPromise(outcome)) outcome = await outcome;
      if (outcome === TIMEOUT) return answers.timedOut();
      if (!outcome.ok) {
        report(config, outcome.error, { stage: "verify", late: false, ...d.where });
        return answers.internal();
      }
      const verified = outcome.value as Verified;
      if (!verified.ok) {
        const { scheme, reason } = verified;
        const verification = scheme === undefined && reason === undefined ? undefined : { ...(scheme ? { scheme } : {}), ...(reason ? { reason } : {}) };
        return refuse(d, "unverified", answers.unauthorized(), verification ? { verification } : {});
      }
      deliveryId = verified.deliveryId;
    }
    d.deliveryId = deliveryId;

    // Verified: claim the delivery's id, so that a redelivery or a replay runs no handler twice.
    const dedupe = guard.dedupe;
    const id = dedupe?.key(head, rawBody, deliveryId);
    if (id !== undefined) d.deliveryId = id;
    if (dedupe === undefined || id === undefined) return routeAndHandle(d, match.groups, target.query);
    const key = dedupe.namespace + id;
    const token = claimToken();
    let state: ClaimState;
    try {
      state = await dedupe.store.claim(key, token, config.deadlineMs + 1000);
    } catch (error) {
      // Without the store nothing can be promised about duplicates: the provider retries later.
      report(config, error, { stage: "dedupe", late: false, ...d.where });
      return answers.unavailable();
    }
    if (state !== "new")
      return refuse(d, "duplicate", state === "done" ? answers.empty(200) : answers.inProgress(), { deliveryId: id });
    const output = await routeAndHandle(d, match.groups, target.query);
    try {
      // Answered 2xx: handled (or acknowledged on purpose). Anything else: the provider will
      // retry, and the retry must be handled — release the claim.
      if (output.status < 300) await dedupe.store.complete(key, token, dedupe.ttlMs);
      else await dedupe.store.release(key, token);
    } catch (error) {
      report(config, error, { stage: "dedupe", late: false, ...d.where });
    }
    return output;
  };

  /** Whether the request meets the spec's `security` for one of these events (for `event` alone when given). */
  const authenticated = async (d: Delivery, candidates: readonly EventSpec[], query: string): Promise<boolean> => {
    if (!guard.enforceSecurity) return true;
    for (const e of candidates) {
      const requirement = e.security;
      if (!requirement || requirement.some((alternative) => alternative.length === 0)) return true;
      const key = JSON.stringify(requirement);
      let met = d.authenticated.get(key);
      if (met === undefined) {
        const request = d.input.toRequestHead ? d.input.toRequestHead() : d.lazy.request;
        met = await meetsRequirement(requirement, guard.securitySchemes, guard.security, request, query);
        d.authenticated.set(key, met);
      }
      if (met) return true;
    }
    return false;
  };

  /** The delivery's event, chosen by proof, validated and handled. */
  const routeAndHandle = async (d: Delivery, groups: readonly CandidateGroup[], query: string): Promise<ReceiverOutput> => {
    const { input } = d;
    const rawBody = d.rawBody!;
    let selection = selector.select(groups, {
      header: input.header,
      rawBody,
      maxJsonDepth: config.maxJsonDepth,
    });
    if (isPromise(selection)) selection = await selection;
    if ("reason" in selection) return refuse(d, selection.reason, selection.output);

    const check = (c: Candidate) =>
      config.raise
        ? underPolicy(config.raise, () => validated(c, query, input.header, config.maxJsonDepth))
        : validated(c, query, input.header, config.maxJsonDepth);
    // Events without a handler here could own the delivery as much as a handled event whose
    // schemas accept it, so none is guessed away: one left out by `--events` (no schemas) when
    // its conditions hold; one left out of a partial map when it claims the delivery (valid or
    // not, it is that event's) or its schemas accept it.
    const candidates = selection.candidates.filter((c) => config.handlers.has(c.event.name));
    const unhandledOwners = selection.candidates.filter(
      (c) => !config.handlers.has(c.event.name) && (c.event.unselected || c.claims > 0 || !("issues" in check(c))),
    );
    if (candidates.length === 0 && unhandledOwners.length === 0) return refuse(d, "unknown-event", answers.empty(config.unhandledStatus));
    // The usual case, one event left: no lists to build.
    if (candidates.length === 1 && unhandledOwners.length === 0) {
      const c = candidates[0]!;
      const request = check(c);
      if (!("issues" in request)) return dispatch(c, request, d, query);
      const failed = [{ candidate: c, issues: request.issues }];
      return c.claims > 0 ? invalid(d, failed) : unknown(d, failed);
    }
    // Routing is a proof: a delivery goes to a handler only when no other candidate accepts it.
    const valid: { candidate: Candidate; request: HandlerRequest }[] = [];
    const failed: { candidate: Candidate; issues: readonly Issue[] }[] = [];
    for (const c of candidates) {
      const request = check(c);
      if ("issues" in request) failed.push({ candidate: c, issues: request.issues });
      else valid.push({ candidate: c, request });
    }
    const owners = valid.length + unhandledOwners.length;
    if (owners === 1 && valid.length === 1) return dispatch(valid[0]!.candidate, valid[0]!.request, d, query);
    if (owners === 1)
      return refuse(d, "unselected", answers.empty(config.unhandledStatus), { candidates: [unhandledOwners[0]!.event.name] });
    if (owners > 1)
      return refuse(d, "ambiguous", answers.empty(config.ambiguousStatus), {
        candidates: [...valid.map((v) => v.candidate.event.name), ...unhandledOwners.map((c) => c.event.name)],
      });
    const claimed = failed.filter((f) => f.candidate.claims > 0).sort((a, b) => b.candidate.claims - a.candidate.claims);
    return claimed.length ? invalid(d, claimed) : unknown(d, failed);
  };

  /** No candidate accepts the delivery and none claims it: an event type this receiver does not know. */
  const unknown = (d: Delivery, failed: readonly { candidate: Candidate; issues: readonly Issue[] }[]) =>
    refuse(d, "unknown-event", answers.empty(config.unhandledStatus), {
      candidates: failed.map((f) => f.candidate.event.name),
      issues: failed.map((f) => ({ event: f.candidate.event.name, issues: f.issues })),
    });

  /** A delivery for a known event that fails its schemas: `onInvalid`'s, or the validation status. */
  const invalid = (
    d: Delivery,
    claimed: readonly { candidate: Candidate; issues: readonly Issue[] }[],
  ): ReceiverOutput | Promise<ReceiverOutput> => {
    const first = claimed[0]!;
    const event = first.candidate.event;
    const onInvalid = config.onInvalid;
    if (onInvalid) {
      const c = first.candidate;
      const delivery: InvalidDelivery = {
        event: event.name,
        candidates: claimed.map((f) => f.candidate.event.name),
        issues: first.issues,
        body: c.body,
        contentType: (c.content ?? event.body.contents[0])?.mediaType,
      };
      const context: HandlerContext = new Context(event.name, d.rawBody!, d.lazy, d.deadline);
      const outcome = settle(
        d.deadline,
        () => onInvalid(delivery, context),
        (error) => report(config, error, { stage: "handler", event: event.name, late: true, ...d.where }),
      );
      return isPromise(outcome) ? outcome.then((o) => answer(event, o, d.where)) : answer(event, outcome, d.where);
    }
    return refuse(d, "invalid", answers.invalid(config.validationStatus, event.name, first.issues), {
      candidates: claimed.map((f) => f.candidate.event.name),
      issues: claimed.map((f) => ({ event: f.candidate.event.name, issues: f.issues })),
    });
  };

  /**
   * Every delivery that reaches no handler goes through here: `onUnhandled` is told (and
   * awaited) before the answer. A hook that fails turns a 2xx into 500, so that the provider
   * retries what the hook could not record; other answers stand.
   */
  const refuse = async (
    d: Delivery,
    reason: UnhandledReason,
    output: ReceiverOutput,
    details: {
      candidates?: readonly string[];
      issues?: UnhandledInfo["issues"];
      verification?: NonNullable<UnhandledInfo["verification"]>;
      deliveryId?: string;
    } = {},
  ): Promise<ReceiverOutput> => {
    const info = new Unhandled(
      d.lazy,
      reason,
      output.status,
      d.where.method,
      d.where.path,
      d.rawBody,
      details.candidates ?? [],
      details.issues ?? [],
      details.verification,
      details.deliveryId,
    );
    const hook = config.onUnhandled;
    let outcome = settle(
      d.deadline,
      () => hook(info),
      (error) => report(config, error, { stage: "unhandled", late: true, ...d.where }),
    );
    if (isPromise(outcome)) outcome = await outcome;
    const acknowledged = output.status < 300;
    if (outcome === TIMEOUT) return acknowledged ? answers.timedOut() : output;
    if (!outcome.ok) {
      report(config, outcome.error, { stage: "unhandled", late: false, ...d.where });
      return acknowledged ? answers.internal() : output;
    }
    return output;
  };

  /** The handler's answer, once the request meets the event's own `security`. */
  const dispatch = async (c: Candidate, handlerRequest: HandlerRequest, d: Delivery, query: string): Promise<ReceiverOutput> => {
    const event = c.event;
    if (guard.enforceSecurity && !isOpen(event) && !(await authenticated(d, [event], query)))
      return refuse(d, "unauthenticated", answers.unauthorized(), { candidates: [event.name] });
    if (config.durable?.events.has(event.name)) return enqueue(c, d, query);
    const handler = config.handlers.get(event.name)!;
    const context: HandlerContext = new Context(event.name, d.rawBody!, d.lazy, d.deadline);
    const outcome = settle(
      d.deadline,
      () => handler(handlerRequest, context),
      (error) => report(config, error, { stage: "handler", event: event.name, late: true, ...d.where }),
    );
    return isPromise(outcome) ? outcome.then((o) => answer(event, o, d.where)) : answer(event, outcome, d.where);
  };

  /**
   * Durable mode: the delivery stored for a worker, and acknowledged with the event's success
   * status only once stored. A queue that fails or outlasts the deadline answers 503, so the
   * provider retries; `onUnhandled` is told (`enqueue-failed`) and `onError` gets the cause.
   */
  const enqueue = async (c: Candidate, d: Delivery, query: string): Promise<ReceiverOutput> => {
    const durable = config.durable!;
    const head = d.input.toRequestHead ? d.input.toRequestHead() : d.lazy.request;
    const named = durable.keyHeader === undefined ? null : d.input.header(durable.keyHeader);
    const id = d.deliveryId ?? named ?? crypto.randomUUID();
    const stored = storeDelivery(id, c.event, head, c.path, query, d.rawBody!, d.arrival, durableCredentials);
    let outcome = settle(d.deadline, () => durable.queue.enqueue(stored));
    if (isPromise(outcome)) outcome = await outcome;
    if (outcome !== TIMEOUT && outcome.ok) return answers.empty(c.event.ack!);
    const error = outcome === TIMEOUT ? new Error(`the durable queue did not store delivery ${id} before the deadline`) : outcome.error;
    report(config, error, { stage: "enqueue", event: c.event.name, late: false, ...d.where });
    return refuse(d, "enqueue-failed", answers.unavailable(), { candidates: [c.event.name], deliveryId: id });
  };

  /** What the handler's outcome becomes on the wire. */
  const answer = (event: EventSpec, outcome: Outcome, where: { method: string; path: string }): ReceiverOutput => {
    if (outcome === TIMEOUT) return answers.timedOut();
    if (!outcome.ok) {
      report(config, outcome.error, { stage: "handler", event: event.name, late: false, ...where });
      return isNotImplemented(outcome.error) ? answers.notImplemented() : answers.internal();
    }
    if (outcome.value === undefined) {
      if (event.ack !== undefined) return answers.empty(event.ack);
      report(
        config,
        new Error(`the handler of ${event.name} returned nothing, but every success response of this event has a body`),
        {
          stage: "response",
          event: event.name,
          late: false,
          ...where,
        },
      );
      return answers.internal();
    }
    try {
      return serializeResult(event, outcome.value as HandlerResult);
    } catch (error) {
      report(config, error, { stage: "response", event: event.name, late: false, ...where });
      return answers.internal();
    }
  };

  const fetch = async (request: Request): Promise<Response> => {
    if (request.bodyUsed) {
      // Middleware read the body first: the exact bytes are gone (THREATS.md B1). Say so, fail retryably.
      report(config, new Error(BODY_USED), { stage: "internal", late: false, method: request.method, path: "" });
      return toResponse(answers.internal());
    }
    const output = await handle({
      method: request.method,
      target: request.url,
      header: (name) => request.headers.get(name),
      body: request.body ? webBodySource(request.body) : null,
      toRequest: () => request,
    });
    return toResponse(output);
  };

  /**
   * Stops accepting deliveries (they are answered 503 with `connection: close`, so the provider
   * retries) and resolves once those in flight have their answers, or after `timeoutMs`
   * (default: the receiver's deadline), whichever comes first.
   */
  const close = async (closeOptions: { timeoutMs?: number } = {}): Promise<void> => {
    inFlight.closing = true;
    const timeoutMs = closeOptions.timeoutMs ?? config.deadlineMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([inFlight.drained(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  };

  return { fetch, handle, close, events };
}

/** The `apiKey` schemes' header and query parameter names, which durable mode does not store. */
function credentialNames(schemes: Readonly<Record<string, { readonly type: string; readonly in?: string; readonly name?: string }>>): CredentialNames {
  const headers = new Set<string>();
  const query = new Set<string>();
  for (const s of Object.values(schemes)) {
    if (s.type !== "apiKey" || s.name === undefined) continue;
    if (s.in === "header") headers.add(s.name.toLowerCase());
    else if (s.in === "query") query.add(s.name);
  }
  return { headers, query };
}

const BODY_USED =
  "gen-callbacks receiver: the request body was already read by something before the receiver (middleware that parses " +
  "bodies). The receiver needs the exact bytes, to verify signatures and parse by the spec's media types: register it first.";

function toResponse(output: ReceiverOutput): Response {
  // (The cast: see ResponseBody.)
  return new Response(output.body as unknown as ResponseBody, { status: output.status, headers: output.headers });
}

/**
 * Runs user code (a handler, a hook) under the deadline: whatever it returns or throws,
 * synchronously or not, becomes an Outcome — or TIMEOUT when the deadline passes first, in
 * which case a later rejection goes to `late` instead of becoming an unhandled rejection.
 * A synchronous answer (a verify hook computing an HMAC, a handler that only records) comes
 * back synchronously: no race, and no promise for the caller to wait a tick for.
 */
function settle(deadline: Deadline, run: () => unknown, late?: (error: unknown) => void): Outcome | Promise<Outcome> {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    return { ok: false, error };
  }
  if (typeof (result as PromiseLike<unknown> | null)?.then !== "function") return { ok: true, value: result };
  return race(deadline, Promise.resolve(result), late);
}

async function race(deadline: Deadline, work: Promise<unknown>, late?: (error: unknown) => void): Promise<Outcome> {
  const outcome = await deadline.race<Outcome, typeof TIMEOUT>(
    work.then(
      (value) => ({ ok: true, value }),
      (error) => ({ ok: false, error }),
    ),
    TIMEOUT,
  );
  if (outcome === TIMEOUT && late) work.catch(late);
  return outcome;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise;
}

function report(config: ResolvedOptions, error: unknown, info: ErrorInfo): void {
  try {
    config.onError?.(error, info);
  } catch {
    // A failing error hook must not turn one failure into two.
  }
}
