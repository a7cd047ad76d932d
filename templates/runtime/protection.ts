/**
 * What authenticates a delivery before anything spec-derived runs (THREATS.md B13): a signature
 * verifier (signatures.ts) or the user's own check of the exact bytes, the spec's `security`
 * schemes, and deduplication of verified deliveries. Resolved once, when the receiver is
 * created: a spec that says its deliveries are signed, or that declares security, cannot be
 * served unverified by accident — that is an error at start-up unless `insecure: true` says so.
 */
import { MemoryDedupeStore, type DedupeOptions, type DedupeStore } from "./dedupe.js";
import type { CredentialCheck, SecuritySchemeSpec } from "./security.js";
import type { SignatureVerifier, VerifyFailureReason, VerifyResult } from "./signature-types.js";

/** What `verify` sees of the request: method, URL and headers. */
export type RequestHead = Pick<Request, "method" | "url" | "headers">;

/** Your own check of the exact bytes: anything but `true` answers 401. */
export type VerifyFunction = (request: RequestHead, rawBody: Uint8Array) => boolean | Promise<boolean>;

/** A verifier from signatures.ts (`githubSignature({ secret })`, `standardWebhooks(…)`, …) or your own check. */
export type Verify = SignatureVerifier | VerifyFunction;

/** What the generated table says the spec requires. */
export interface Protection {
  /** The signature scheme the spec says deliveries carry (a header such as `X-Hub-Signature-256`, or an extension). */
  readonly signature?: string;
  /** The security schemes the events' `security` requirements name. */
  readonly securitySchemes?: Readonly<Record<string, SecuritySchemeSpec>>;
}

/** The protection options of `ReceiverOptions`. */
export interface ProtectionOptions {
  /**
   * Authenticates every delivery from its exact bytes, before anything parses them: one
   * verifier, or several of which one must accept (a provider moving between schemes). A
   * failure answers 401 with a constant body. Required when the spec says deliveries are signed.
   */
  verify?: Verify | readonly Verify[];
  /**
   * Credentials for the spec's security schemes, by the scheme's name in
   * `components/securitySchemes`: the expected value(s) — compared in constant time — or a
   * function. Required for every scheme an event's `security` names.
   */
  security?: Readonly<Record<string, CredentialCheck>>;
  /** Deduplicates verified deliveries by their id (see dedupe.ts). Default: off. */
  dedupe?: DedupeOptions | true;
  /**
   * Serve without the verification or credentials the spec asks for — for local testing only.
   * Without it, leaving them out is an error when the receiver is created.
   */
  insecure?: true;
}

/** What a verification step tells the core. */
export type Verified =
  | { readonly ok: true; readonly deliveryId?: string }
  | { readonly ok: false; readonly scheme?: string; readonly reason?: VerifyFailureReason };

export interface ResolvedProtection {
  /** Runs the configured verifiers; undefined when there are none. */
  readonly verify: ((head: RequestHead, rawBody: Uint8Array, arrival: number) => Verified | Promise<Verified>) | undefined;
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeSpec>>;
  readonly security: ReadonlyMap<string, CredentialCheck>;
  /** Whether the security requirements are checked (false with `insecure` and no credentials). */
  readonly enforceSecurity: boolean;
  readonly dedupe: ResolvedDedupe | undefined;
}

export interface ResolvedDedupe {
  readonly store: DedupeStore;
  readonly ttlMs: number;
  readonly namespace: string;
  readonly key: (head: RequestHead, rawBody: Uint8Array, deliveryId: string | undefined) => string | undefined;
}

const THREE_DAYS = 3 * 24 * 3600;

function isVerifier(v: Verify): v is SignatureVerifier {
  return typeof v === "object" && v !== null && typeof (v as SignatureVerifier).verify === "function";
}

export function resolveProtection(options: ProtectionOptions, protection: Protection, usedSchemes: readonly string[]): ResolvedProtection {
  const list = options.verify === undefined ? [] : Array.isArray(options.verify) ? (options.verify as readonly Verify[]) : [options.verify as Verify];
  for (const [i, v] of list.entries())
    if (typeof v !== "function" && !isVerifier(v))
      throw new TypeError(`verify${list.length > 1 ? `[${i}]` : ""} must be a function or a signature verifier (githubSignature(…), standardWebhooks(…), …)`);
  const insecure = options.insecure === true;
  if (protection.signature !== undefined && list.length === 0 && !insecure)
    throw new TypeError(
      `this spec says its deliveries are signed (${protection.signature}): pass verify — e.g. verify: signatureVerifier({ secret: process.env.WEBHOOK_SECRET }) from receiver.ts — or insecure: true to serve them unverified (local testing only)`,
    );
  const security = new Map<string, CredentialCheck>();
  for (const [name, check] of Object.entries(options.security ?? {})) if (Object.hasOwn(options.security!, name)) security.set(name, check);
  const missing = usedSchemes.filter((s) => !security.has(s));
  if (missing.length && !insecure)
    throw new TypeError(
      `this spec's events require the security scheme${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: pass security: { ${missing.map((m) => `${JSON.stringify(m)}: …`).join(", ")} } with the credentials to expect, or insecure: true (local testing only)`,
    );
  return {
    verify: list.length ? verifyStep(list) : undefined,
    securitySchemes: protection.securitySchemes ?? {},
    security,
    enforceSecurity: !insecure || security.size > 0,
    dedupe: options.dedupe === undefined ? undefined : resolveDedupe(options.dedupe === true ? {} : options.dedupe),
  };
}

/** One step over every verifier: the first that accepts wins; synchronous when the checks are. */
function verifyStep(list: readonly Verify[]): NonNullable<ResolvedProtection["verify"]> {
  return (head, rawBody, arrival) => {
    let failure: Verified = { ok: false };
    const next = (i: number): Verified | Promise<Verified> => {
      for (; i < list.length; i++) {
        const v = list[i]!;
        if (isVerifier(v)) {
          const settled = (r: VerifyResult): Verified | Promise<Verified> => {
            if (r.ok) return r.deliveryId === undefined ? { ok: true } : { ok: true, deliveryId: r.deliveryId };
            failure = { ok: false, scheme: r.scheme, reason: r.reason };
            return next(i + 1);
          };
          // A verifier written by hand may have only `verify`.
          const result = v.verifyNow ? v.verifyNow(head, rawBody, arrival) : v.verify(head, rawBody, arrival);
          return result instanceof Promise ? result.then(settled) : settled(result);
        }
        const result = v(head, rawBody);
        if (result instanceof Promise) return result.then((ok) => (ok === true ? { ok: true } : next(i + 1)));
        if (result === true) return { ok: true };
      }
      return failure;
    };
    return next(0);
  };
}

function resolveDedupe(options: DedupeOptions): ResolvedDedupe {
  const ttl = options.ttlSeconds ?? THREE_DAYS;
  if (!Number.isFinite(ttl) || ttl <= 0) throw new RangeError(`dedupe.ttlSeconds must be a positive number, got ${String(ttl)}`);
  const key = options.key;
  return {
    store: options.store ?? new MemoryDedupeStore(),
    ttlMs: ttl * 1000,
    namespace: options.namespace ?? "gen-callbacks:",
    key:
      key === undefined
        ? (_head, _body, deliveryId) => deliveryId
        : typeof key === "function"
          ? (head, body) => key(head, body)
          : (head) => head.headers.get(key.header) ?? undefined,
  };
}
