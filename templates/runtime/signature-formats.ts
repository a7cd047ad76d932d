/**
 * How signatures are written in a signature header, in the three shapes providers use:
 * - a versioned list, `v1,<b64> v1a,<b64>` (Standard Webhooks, Svix);
 * - key=value pairs, `t=<ts>,v1=<hex>,v0=<hex>` (Stripe), the timestamp among them;
 * - one signature, optionally after a prefix, `sha256=<hex>` (GitHub, Shopify, Telnyx, generic).
 * Each shape parses strictly (B2) and also writes the header, for the signing helpers. Only the
 * versions a verifier is configured for become candidates; every other entry is ignored, never
 * "accepted because present" (B3: Stripe's `v0`, a `v1a` sent to an HMAC-only verifier).
 */
import { type ByteEncoding, decodeSignature, encodeSignature } from "./signature-bytes.js";
import { LIMITS } from "./signature-headers.js";

/** `hmac`: compared with the MAC under each secret; `ed25519`: verified with each public key. */
export type SignatureKind = "hmac" | "ed25519";

/** How one version's signatures are written. */
export interface SignatureVersion {
  readonly kind: SignatureKind;
  readonly encoding: ByteEncoding;
  /** Decoded length: 32 for HMAC-SHA256, 64 for Ed25519. Another length is malformed. */
  readonly length: number;
}

export interface Candidate {
  readonly kind: SignatureKind;
  readonly bytes: Uint8Array;
}

export interface ParsedSignatures {
  readonly candidates: readonly Candidate[];
  /** Some entry of a configured version was not canonical in its encoding, or of the wrong length. */
  readonly malformedCandidates: boolean;
  /** The timestamp, when the header carries it (Stripe's `t=`). Checked like a timestamp header. */
  readonly timestamp?: string;
}

/** A signature to write, for the signing helpers: its version label and bytes. */
export interface OutgoingSignature {
  readonly version: string;
  readonly bytes: Uint8Array;
}

export interface SignatureFormat {
  /** The candidates in a header value; `undefined` when the value is not in this shape at all. */
  parse(value: string): ParsedSignatures | undefined;
  /** A header value carrying `signatures` (and the timestamp, for formats that carry one). */
  write(signatures: readonly OutgoingSignature[], timestamp?: string): string;
  /** Whether the timestamp travels inside this header. */
  readonly carriesTimestamp: boolean;
}

/** A version label: letters and digits (`v1`, `v1a`, `v0`, `t`). */
const LABEL = /^[A-Za-z0-9]+$/;

/** Sorts entries into candidates: decodable entries of a configured version, and whether some were not. */
class Candidates {
  readonly list: Candidate[] = [];
  malformed = false;

  constructor(private readonly versions: Readonly<Record<string, SignatureVersion>>) {}

  add(version: string, text: string): void {
    if (!Object.hasOwn(this.versions, version)) return; // another scheme's entry: ignored
    const v = this.versions[version] as SignatureVersion;
    const bytes = decodeSignature(text, v.encoding);
    if (bytes && bytes.length === v.length) this.list.push({ kind: v.kind, bytes });
    else this.malformed = true;
  }
}

/** `v1,<sig> v1a,<sig>`: single spaces between entries, one comma in each. */
export function versionedList(versions: Readonly<Record<string, SignatureVersion>>): SignatureFormat {
  return {
    carriesTimestamp: false,
    parse(value) {
      const entries = value.split(" ");
      if (entries.length > LIMITS.signatures) return undefined;
      const found = new Candidates(versions);
      for (const entry of entries) {
        const comma = entry.indexOf(",");
        if (comma < 0 || !LABEL.test(entry.slice(0, comma))) return undefined;
        found.add(entry.slice(0, comma), entry.slice(comma + 1));
      }
      return { candidates: found.list, malformedCandidates: found.malformed };
    },
    write(signatures) {
      return signatures
        .map((s) => `${s.version},${encodeSignature(s.bytes, (versions[s.version] as SignatureVersion).encoding)}`)
        .join(" ");
    },
  };
}

/** `t=<digits>,v1=<sig>,…`: no spaces, every element `label=value`, the timestamp label exactly once. */
export function keyValueList(
  timestampLabel: string,
  versions: Readonly<Record<string, SignatureVersion>>,
): SignatureFormat {
  return {
    carriesTimestamp: true,
    parse(value) {
      const elements = value.split(",");
      if (elements.length > LIMITS.signatures + 1) return undefined;
      const found = new Candidates(versions);
      let timestamp: string | undefined;
      for (const element of elements) {
        const eq = element.indexOf("=");
        const label = element.slice(0, eq);
        if (eq < 0 || !LABEL.test(label)) return undefined;
        if (label !== timestampLabel) found.add(label, element.slice(eq + 1));
        else if (timestamp !== undefined)
          return undefined; // two timestamps: which one was signed?
        else timestamp = element.slice(eq + 1);
      }
      if (timestamp === undefined) return undefined;
      return { candidates: found.list, malformedCandidates: found.malformed, timestamp };
    },
    write(signatures, timestamp) {
      const encoded = signatures.map(
        (s) => `${s.version}=${encodeSignature(s.bytes, (versions[s.version] as SignatureVersion).encoding)}`,
      );
      return [`${timestampLabel}=${timestamp ?? ""}`, ...encoded].join(",");
    },
  };
}

/** One signature, after `prefix` (GitHub's `sha256=`; empty for Shopify and Telnyx). */
export function single(prefix: string, version: SignatureVersion): SignatureFormat {
  return {
    carriesTimestamp: false,
    parse(value) {
      if (!value.startsWith(prefix)) return undefined;
      const found = new Candidates({ only: version });
      found.add("only", value.slice(prefix.length));
      return { candidates: found.list, malformedCandidates: found.malformed };
    },
    write(signatures) {
      const first = signatures[0];
      return first ? prefix + encodeSignature(first.bytes, version.encoding) : prefix;
    },
  };
}
