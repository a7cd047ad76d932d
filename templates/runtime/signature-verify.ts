/**
 * The one verification procedure every scheme shares, cheapest checks first (B13): headers
 * present → headers well formed → timestamp within tolerance → signatures. Each secret's MAC is
 * computed once, over the exact signed bytes, and compared in constant time with every candidate
 * (B2); each public key verifies each ed25519 candidate. The work is bounded by the header caps
 * (LIMITS) times the number of configured keys — never by the request.
 */
import { buildContent, type ContentTemplate } from "./signature-content.js";
import { timingSafeEqual } from "./signature-bytes.js";
import type { SignatureFormat, Candidate, ParsedSignatures } from "./signature-formats.js";
import { type HeaderNames, parseTimestamp, readHeaderSet, readToken, withinTolerance } from "./signature-headers.js";
import type { Ed25519Keys, HmacKeys } from "./signature-keys.js";
import type {
  Clock,
  MatchedKey,
  SignatureVerifier,
  SignedRequestHead,
  VerifyFailure,
  VerifyFailureReason,
  VerifyResult,
} from "./signature-types.js";

/** Everything that makes a scheme: where it reads, how it parses, what it signs, with which keys. */
export interface SchemeDefinition {
  readonly scheme: string;
  /** Header sets, tried in order (Svix: `svix-*`, then `webhook-*`). */
  readonly headerSets: readonly HeaderNames[];
  readonly format: SignatureFormat;
  readonly content: ContentTemplate;
  /** Seconds; applies when the scheme has a timestamp. */
  readonly toleranceSeconds: number;
  readonly secrets: HmacKeys | undefined;
  readonly publicKeys: Ed25519Keys | undefined;
  /** A header naming the delivery that the signature does not cover (GitHub, Shopify). */
  readonly unsignedIdHeader: string | undefined;
  readonly now: Clock;
}

export function createVerifier(def: SchemeDefinition): SignatureVerifier {
  const fail = (reason: VerifyFailureReason, header?: string): VerifyFailure =>
    header === undefined
      ? { ok: false, scheme: def.scheme, reason }
      : { ok: false, scheme: def.scheme, reason, header };
  const first = def.headerSets[0] as HeaderNames;
  const signedId = first.id !== undefined;
  const idHeader = first.id ?? def.unsignedIdHeader;
  const all = new Set(def.headerSets.flatMap((s) => [s.signature, s.id, s.timestamp]));
  if (def.unsignedIdHeader) all.add(def.unsignedIdHeader);

  /**
   * The procedure, synchronous up to the signatures and through them when the keys allow
   * (HMAC on Node): a verification that needs no promise makes none.
   */
  function verifyNow(request: SignedRequestHead, rawBody: Uint8Array, now = def.now()): VerifyResult | Promise<VerifyResult> {
    const read = readHeaderSet(request.headers, def.headerSets);
    if (!read.ok) return fail(read.reason, read.header);
    const parsed = def.format.parse(read.signature);
    if (!parsed) return fail("malformed-header", read.names.signature);
    // The timestamp comes from its own header, or from inside the signature header (Stripe).
    const timestampText = read.timestamp ?? parsed.timestamp;
    let timestamp: number | undefined;
    if (timestampText !== undefined) {
      timestamp = parseTimestamp(timestampText);
      if (timestamp === undefined) return fail("malformed-header", read.names.signature);
      if (!withinTolerance(timestamp, now, def.toleranceSeconds)) return fail("timestamp-outside-tolerance");
    }
    if (parsed.candidates.length === 0)
      return parsed.malformedCandidates ? fail("malformed-header", read.names.signature) : fail("no-signature-matched");
    const content = buildContent(def.content, {
      body: rawBody,
      ...(read.id === undefined ? {} : { id: read.id }),
      ...(timestampText === undefined ? {} : { timestamp: timestampText }),
    });
    const conclude = (key: MatchedKey | undefined): VerifyResult => {
      if (!key) return fail("no-signature-matched");
      const deliveryId = signedId ? read.id : def.unsignedIdHeader && readToken(request.headers, def.unsignedIdHeader);
      return {
        ok: true,
        scheme: def.scheme,
        key,
        ...(deliveryId ? { deliveryId } : {}),
        ...(timestamp === undefined ? {} : { timestamp }),
      };
    };
    const key = match(parsed, content);
    return key instanceof Promise ? key.then(conclude) : conclude(key);
  }

  function match(parsed: ParsedSignatures, content: Uint8Array): MatchedKey | undefined | Promise<MatchedKey | undefined> {
    const hmac = parsed.candidates.filter((c) => c.kind === "hmac");
    const secrets = def.secrets && hmac.length > 0 ? def.secrets : undefined;
    if (secrets?.synchronous) {
      for (let i = 0; i < secrets.count; i++) if (anyEqual(secrets.macNow(i, content), hmac)) return { kind: "secret", index: i };
      return matchPublicKey(parsed, content);
    }
    return (async () => {
      if (secrets)
        for (let i = 0; i < secrets.count; i++) if (anyEqual(await secrets.mac(i, content), hmac)) return { kind: "secret", index: i };
      return matchPublicKey(parsed, content);
    })();
  }

  function matchPublicKey(parsed: ParsedSignatures, content: Uint8Array): undefined | Promise<MatchedKey | undefined> {
    const ed25519 = parsed.candidates.filter((c) => c.kind === "ed25519");
    const keys = def.publicKeys;
    if (!keys || ed25519.length === 0) return undefined;
    return (async () => {
      for (let i = 0; i < keys.count; i++)
        for (const c of ed25519) if (await keys.verify(i, c.bytes, content)) return { kind: "public-key", index: i } as const;
      return undefined;
    })();
  }

  return {
    scheme: def.scheme,
    headers: [...all].filter((h): h is string => h !== undefined),
    deliveryId: idHeader === undefined ? undefined : { header: idHeader, signed: signedId },
    verify: async (request, rawBody, now) => verifyNow(request, rawBody, now),
    verifyNow,
  };
}

/**
 * Whether `mac` equals any candidate. Every candidate is compared (no early exit within a
 * key): which one matched is not what the timing should tell.
 */
function anyEqual(mac: Uint8Array, candidates: readonly Candidate[]): boolean {
  let matched = false;
  for (const c of candidates) matched = timingSafeEqual(mac, c.bytes) || matched;
  return matched;
}
