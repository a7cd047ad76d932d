/**
 * The receiver's options: what each one does, its default, and the checks that turn a
 * misconfiguration into an error when the receiver is created rather than a wrong answer
 * to the first delivery.
 */
import { resolveProtection, type Protection, type ProtectionOptions, type RequestHead, type ResolvedProtection } from "./protection.js";
import { resolveDurable, type DurableOptions, type ResolvedDurable } from "./durable-options.js";
import type { HandlerResult } from "./respond.js";
import type { EventSpec } from "./receiver-types.js";
import type { Issue, Strictness } from "./validate.js";

export type { RequestHead } from "./protection.js";

/** How much of the spec validation enforces; see the README's "Validation policies". */
export type ValidationPolicy = "strict" | "lenient" | "tolerant";

/**
 * What the generated `receiver.ts` tells the core about its schemas: the policy they were
 * generated with, and (for the relaxed ones) the handle that turns their gated stricter
 * checks on (`$strictness` in schemas.ts).
 */
export interface SchemaPolicy {
  readonly generated: ValidationPolicy;
  readonly strictness?: Strictness;
}

const RANK: Readonly<Record<ValidationPolicy, number>> = { tolerant: 0, lenient: 1, strict: 2 };

/** What every handler receives next to the validated request (the generated contract's `HandlerContext`). */
export interface HandlerContext {
  /** Name of the event being handled (its key in `Handlers`). */
  event: string;
  /**
   * The request as it arrived; its body has been read: use `rawBody`. The Node-based adapters
   * (node, Express, Fastify) build it on first use, with the method, URL and headers only.
   */
  request: Request;
  /** The exact bytes of the body, for signature checks. */
  rawBody: Uint8Array;
  /** Aborted when the receiver's deadline for this request passes. */
  signal: AbortSignal;
}

/** What a handler receives first: the request, deserialized and validated. */
export interface HandlerRequest {
  path: unknown;
  query: unknown;
  headers: unknown;
  /** Present for events that declare cookie parameters. */
  cookies?: unknown;
  /** The declared media type the body was parsed as (undefined for events without a body). */
  contentType: string | undefined;
  body: unknown;
}

/** Any handler: the generated `Handlers` map's members are narrower. */
export type AnyHandler = (request: never, context: HandlerContext) => unknown;

export type HandlerMap<H> = { [K in keyof H]: AnyHandler };



/**
 * Why a delivery reached no handler (the receiver's README lists the status of each):
 * - `not-found`, `method-not-allowed`: no event on this path, or none with this method;
 * - `too-large`, `body-timeout`, `body-aborted`: the body was over `maxBodyBytes`, too slow, or cut off;
 * - `unverified`: `verify` did not accept the request (its body is then unauthenticated bytes);
 * - `unauthenticated`: the credentials the spec's `security` asks for are missing or wrong;
 * - `duplicate`: a delivery with this id was handled already (`status` 2xx), or is being handled (409);
 * - `shutting-down`: the receiver is closing (503: the provider retries elsewhere or later);
 * - `enqueue-failed`: durable mode could not store the delivery in its queue (503: the provider retries);
 * - `unsupported-encoding`, `unsupported-media-type`, `unsupported-charset`: the body cannot be read as declared;
 * - `malformed`, `too-deep`: the body is not what its media type says, or nests deeper than `maxJsonDepth`;
 * - `unknown-event`: no event on the route can own it (a new event type or action, or one no schema accepts);
 * - `invalid`: it is for a known event (in `candidates`) and fails its schemas (`issues`);
 * - `ambiguous`: several events' schemas accept it and nothing tells which it is (`candidates`);
 * - `unselected`: it is for an event left out of the output (`--events`) or without a handler (`partial`).
 */
export type UnhandledReason =
  | "not-found"
  | "method-not-allowed"
  | "too-large"
  | "body-timeout"
  | "body-aborted"
  | "unverified"
  | "unauthenticated"
  | "duplicate"
  | "shutting-down"
  | "enqueue-failed"
  | "unsupported-encoding"
  | "unsupported-media-type"
  | "unsupported-charset"
  | "malformed"
  | "too-deep"
  | "unknown-event"
  | "invalid"
  | "ambiguous"
  | "unselected";

/** Passed to `onUnhandled`: a delivery that reached no handler, and what it was answered. */
export interface UnhandledInfo {
  readonly reason: UnhandledReason;
  /** The status the receiver answers (after the hook returns). */
  readonly status: number;
  readonly method: string;
  /** The path the request was matched on (after `basePath`); no query, which may hold secrets. */
  readonly path: string;
  /** The events that could own it: those whose conditions held (`invalid`, `ambiguous`, `unknown-event`). */
  readonly candidates: readonly string[];
  /** Why each candidate's schemas refused it (`invalid`, `unknown-event`). */
  readonly issues: readonly { readonly event: string; readonly issues: readonly Issue[] }[];
  /** For `unverified`: the scheme and rule a signature verifier refused it by (never a signature or key). */
  readonly verification: { readonly scheme?: string; readonly reason?: string } | undefined;
  /** For `duplicate` and `enqueue-failed`: the delivery id. */
  readonly deliveryId: string | undefined;
  /** The exact body bytes, when they were read (not for `not-found`, `too-large` …); unauthenticated for `unverified`. */
  readonly rawBody: Uint8Array | undefined;
  /** The request (its body already read: use `rawBody`). */
  readonly request: Request;
}

/** Passed to `onInvalid`: a delivery for a known event that fails its schemas. */
export interface InvalidDelivery {
  /** The event it is for (the first, when the conditions of several claimed it). */
  readonly event: string;
  readonly candidates: readonly string[];
  readonly issues: readonly Issue[];
  /** The body as parsed by its media type, not validated. */
  readonly body: unknown;
  readonly contentType: string | undefined;
}

/** Passed to `onError` with what was thrown. */
export interface ErrorInfo {
  /** `verify`: the verify hook threw. `dedupe`: the dedupe store failed. `enqueue`: a durable receiver's queue refused or timed out. `handler`: a handler threw or rejected. `unhandled`: `onUnhandled` did. `response`: the handler's result could not be sent. `internal`: a bug in the receiver. */
  readonly stage: "verify" | "dedupe" | "enqueue" | "handler" | "unhandled" | "response" | "internal";
  /** The event being handled, when one was chosen. */
  readonly event?: string;
  /** True when this happened after the deadline had already answered 503. */
  readonly late: boolean;
  readonly method: string;
  /** The path the request was matched on (after `basePath`); no query, which may hold secrets. */
  readonly path: string;
}

export interface ReceiverOptions<H extends HandlerMap<H>> extends ProtectionOptions {
  /** One handler per event; every event in the table must have one (unless `partial`). */
  handlers: H;
  /** See `PartialReceiverOptions`. */
  partial?: false;
  /**
   * Prefix stripped from the request path before matching — where the receiver is mounted
   * when nothing else strips it (`/api/webhooks` for a Next.js route at
   * `app/api/webhooks/[[...path]]/route.ts`, or a Bun/Deno server that serves other paths
   * too). The Express and Fastify adapters see paths relative to their mount point already.
   * Requests outside it answer 404. Default: none.
   */
  basePath?: string;
  /** Path of the events on the spec's shared webhook route (`sharedWebhookPath`), replacing the table's. Default: the table's. */
  webhookPath?: string;
  /**
   * Largest body accepted, in bytes; larger answers 413 — before reading when `Content-Length`
   * says so, as soon as the count passes it otherwise. Default 1 MiB (GitHub caps payloads at
   * 25 MB: raise it if you subscribe to events with large payloads).
   */
  maxBodyBytes?: number;
  /** Deepest nesting of JSON arrays/objects accepted; deeper answers 400. Default 128. */
  maxJsonDepth?: number;
  /**
   * Milliseconds from the request's arrival to the answer. Reading the body longer answers
   * 408; `verify`, `onUnhandled` or a handler running longer answers 503, and the handler's
   * `context.signal` aborts. Default 8000, below GitHub's 10 s (Shopify waits 5 s: set 4000
   * for it).
   */
  deadlineMs?: number;
  /**
   * Told about every delivery that reaches no handler — unknown route or event, wrong method,
   * too large, unreadable, unverified, malformed, invalid, ambiguous — with the reason, the
   * status it is answered, the candidate events and validation issues, and the raw body where
   * it was read (see UnhandledInfo). The receiver waits for it before answering, so a hook that
   * stores the delivery loses nothing; throwing (or timing out) turns a 2xx answer into 500, so
   * the provider retries. Default: one line per delivery on `console.warn` (reason, status,
   * method, path, candidates — never the body, headers or query). Pass `() => {}` for silence.
   */
  onUnhandled?: (info: UnhandledInfo) => void | Promise<void>;
  /**
   * Handles deliveries for a known event that fail its schemas, instead of answering
   * `validationStatus`: the body arrives unvalidated (`unknown`) with its issues, and the
   * result is answered like a handler's (nothing: the event's success status). Default: none.
   */
  onInvalid?: (delivery: InvalidDelivery, context: HandlerContext) => unknown;
  /**
   * Answer to deliveries no event can own (`unknown-event`). Default 202: a 4xx would make the
   * provider retry an event you will never handle and eventually disable the endpoint.
   */
  unhandledStatus?: number;
  /**
   * Answer to deliveries several events' schemas accept (`ambiguous`). Default 202, for the
   * same reason: retrying cannot make it less ambiguous; `onUnhandled` has it, with the
   * candidates. The generator warns about the events it cannot tell apart.
   */
  ambiguousStatus?: number;
  /**
   * Told about every error the provider only sees as a 5xx: thrown handlers and hooks,
   * unsendable results. Never sent to the provider. Errors thrown here are ignored.
   * Default: none.
   */
  onError?: (error: unknown, info: ErrorInfo) => void;
  /**
   * Durable mode (durable.ts): deliveries of the events that answer without a body are stored
   * in `durable.queue` once verified and valid, and acknowledged when stored; workers run
   * their handlers later. Default: off (handlers run in the request).
   */
  durable?: DurableOptions;
  /** Answer to a request that fails the schemas of the event it is for. Default 422. */
  validationStatus?: number;
  /**
   * The validation policy to apply: the one the receiver was generated with (the default), or
   * a stricter one — `"strict"` on a lenient receiver also rejects enum values the spec does
   * not list, properties `additionalProperties: false` forbids and bodies that match several
   * `oneOf` options. A looser policy is refused: it would hand handlers values their types
   * rule out (regenerate with `--policy` instead).
   */
  policy?: ValidationPolicy;
}

/**
 * The handlers of some events only: deliveries of the others are answered as unhandled
 * (`unhandledStatus`, reason `unselected`). The exhaustive map stays the default, so that a
 * new event in the spec is a type error until it has a handler.
 */
export type PartialReceiverOptions<H extends HandlerMap<H>> = Omit<ReceiverOptions<H>, "handlers" | "partial"> & {
  handlers: Partial<H>;
  partial: true;
};

export interface ResolvedOptions {
  readonly basePath: string;
  readonly webhookPath: string | undefined;
  readonly maxBodyBytes: number;
  readonly maxJsonDepth: number;
  readonly deadlineMs: number;
  /** Signature, credentials and deduplication (protection.ts). */
  readonly protection: ResolvedProtection;
  readonly onUnhandled: NonNullable<ReceiverOptions<never>["onUnhandled"]>;
  readonly onInvalid: ReceiverOptions<never>["onInvalid"];
  readonly unhandledStatus: number;
  readonly ambiguousStatus: number;
  readonly onError: ReceiverOptions<never>["onError"];
  readonly validationStatus: number;
  /** The stricter policy to apply around each validation, when one was asked for (see `policy`). */
  readonly raise: { readonly strictness: Strictness; readonly policy: "lenient" | "strict" } | undefined;
  /** Durable mode, when asked for: the queue and the events it stores. */
  readonly durable: ResolvedDurable | undefined;
  /** Handlers by event name; an event without one (unselected, or left out of a partial map) is answered as unhandled. */
  readonly handlers: ReadonlyMap<string, (request: HandlerRequest, context: HandlerContext) => unknown>;
}

export const DEFAULTS = {
  maxBodyBytes: 1024 * 1024,
  maxJsonDepth: 128,
  deadlineMs: 8000,
  unhandledStatus: 202,
  ambiguousStatus: 202,
  validationStatus: 422,
} as const;

/** The default `onUnhandled`: one line, nothing from the request but its method and path. */
export function warnUnhandled(info: UnhandledInfo): void {
  const candidates = info.candidates.length ? ` (${info.candidates.join(", ")})` : "";
  console.warn(`gen-callbacks receiver: ${info.method} ${info.path} answered ${info.status}: ${info.reason}${candidates}`);
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  return value;
}

function status(name: string, value: number | undefined, fallback: number, range: [number, number]): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < range[0] || value > range[1])
    throw new RangeError(`${name} must be an HTTP status in ${range[0]}–${range[1]}, got ${String(value)}`);
  return value;
}

/** `/api/hooks/` → `/api/hooks`, in the percent-encoded form request URLs have; `` and `/` → ``. */
function normalizePath(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!value.startsWith("/")) throw new TypeError(`${name} must start with "/", got ${JSON.stringify(value)}`);
  return new URL(`http://x${value}`).pathname.replace(/\/+$/, "");
}

/** The `policy` option checked against the generated one: equal (nothing to do) or stricter. */
function raisePolicy(asked: unknown, schemas: SchemaPolicy): ResolvedOptions["raise"] {
  if (asked === undefined || asked === schemas.generated) return undefined;
  if (typeof asked !== "string" || !Object.hasOwn(RANK, asked))
    throw new TypeError(`policy must be "strict", "lenient" or "tolerant", got ${JSON.stringify(asked)}`);
  const policy = asked as ValidationPolicy;
  if (RANK[policy] < RANK[schemas.generated] || policy === "tolerant")
    throw new TypeError(
      `policy "${policy}" is looser than the "${schemas.generated}" policy this receiver was generated with: its types ` +
        `would promise handlers more than validation checks. Regenerate with --policy ${policy} instead.`,
    );
  // Only relaxed files carry the handle, and a stricter policy is only asked of those.
  if (!schemas.strictness) throw new TypeError(`internal error: schemas generated as "${schemas.generated}" have no $strictness handle`);
  return { strictness: schemas.strictness, policy };
}

/** Handlers by event name, checked against the table: every selected event has one, unless `partial`. */
export function resolveHandlers(
  events: readonly EventSpec[],
  options: { readonly handlers: unknown; readonly partial?: boolean },
): ReadonlyMap<string, (request: HandlerRequest, context: HandlerContext) => unknown> {
  const given = options.handlers as Record<string, unknown>;
  const handlers = new Map<string, (request: HandlerRequest, context: HandlerContext) => unknown>();
  const missing: string[] = [];
  for (const e of events) {
    if (e.unselected) continue;
    // Own properties only: `toString` or `constructor` must not find Object.prototype's.
    const h = typeof given === "object" && given !== null && Object.hasOwn(given, e.name) ? given[e.name] : undefined;
    if (typeof h === "function")
      handlers.set(e.name, h as (request: HandlerRequest, context: HandlerContext) => unknown);
    else if (h !== undefined || options.partial !== true) missing.push(e.name);
  }
  if (missing.length)
    throw new TypeError(`the receiver needs a handler for every event; missing: ${missing.join(", ")}`);
  return handlers;
}

export function resolveOptions<H extends HandlerMap<H>>(
  events: readonly EventSpec[],
  options: ReceiverOptions<H> | PartialReceiverOptions<H>,
  schemas: SchemaPolicy = { generated: "strict" },
  protection: Protection = {},
): ResolvedOptions {
  const handlers = resolveHandlers(events, options);
  return {
    basePath: normalizePath("basePath", options.basePath) ?? "",
    webhookPath: normalizePath("webhookPath", options.webhookPath),
    maxBodyBytes: positiveInteger("maxBodyBytes", options.maxBodyBytes, DEFAULTS.maxBodyBytes),
    maxJsonDepth: positiveInteger("maxJsonDepth", options.maxJsonDepth, DEFAULTS.maxJsonDepth),
    deadlineMs: positiveInteger("deadlineMs", options.deadlineMs, DEFAULTS.deadlineMs),
    protection: resolveProtection(options, protection, [...new Set(events.flatMap((e) => (e.security ?? []).flat()))].sort()),
    onUnhandled: options.onUnhandled ?? warnUnhandled,
    onInvalid: options.onInvalid,
    unhandledStatus: status("unhandledStatus", options.unhandledStatus, DEFAULTS.unhandledStatus, [200, 599]),
    ambiguousStatus: status("ambiguousStatus", options.ambiguousStatus, DEFAULTS.ambiguousStatus, [200, 599]),
    onError: options.onError,
    validationStatus: status("validationStatus", options.validationStatus, DEFAULTS.validationStatus, [400, 599]),
    raise: raisePolicy(options.policy, schemas),
    durable: options.durable === undefined ? undefined : resolveDurable(events, options.durable),
    handlers,
  };
}

export type { HandlerResult };
