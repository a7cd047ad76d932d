/**
 * Reading signature headers strictly and within fixed bounds, before any cryptography runs
 * (B13): a request's headers decide how much work it causes, so every header has a length cap
 * and a signature header a cap on its entries — a header listing 10,000 signatures is refused
 * after one length check, not tried 10,000 times.
 */
import type { HeaderReader } from "./signature-types.js";

export const LIMITS = {
  /** Characters in a signature header: 16 ed25519 signatures in base64 with their labels fit in 1.6 K. */
  signatureHeader: 4096,
  /** Signatures (entries of any version) in one header. Senders use one per key; two during a rotation. */
  signatures: 16,
  /** Characters in a delivery id (Svix `msg_…` ids are ~30, UUIDs 36). */
  id: 256,
  /** Digits in a timestamp: unix seconds have 10 until the year 2286; 12 leaves room and stays exact. */
  timestampDigits: 12,
} as const;

/** The names of one set of headers a scheme reads together (Svix: `svix-*`, else `webhook-*`). */
export interface HeaderNames {
  readonly signature: string;
  readonly id?: string;
  readonly timestamp?: string;
}

export type HeaderValues = {
  readonly ok: true;
  readonly names: HeaderNames;
  readonly signature: string;
  readonly id?: string;
  readonly timestamp?: string;
};
export type HeaderProblem = {
  readonly ok: false;
  readonly reason: "missing-header" | "malformed-header";
  readonly header: string;
};

/** A header's value, with an empty value counted as absent (as the reference libraries do). */
function read(headers: HeaderReader, name: string): string | undefined {
  const value = headers.get(name);
  return value === null || value === "" ? undefined : value;
}

type Role = keyof HeaderNames;
const ROLES: readonly Role[] = ["signature", "id", "timestamp"];

/**
 * Reads the first set whose headers are all present — never a mix of two sets. When none is
 * complete, the problem reported is the first missing header of the set with the most present.
 * Each header is read once.
 */
export function readHeaderSet(headers: HeaderReader, sets: readonly HeaderNames[]): HeaderValues | HeaderProblem {
  let best: { missing: string; present: number } | undefined;
  for (const set of sets) {
    const values: Partial<Record<Role, string>> = {};
    let missing: string | undefined;
    let present = 0;
    for (const role of ROLES) {
      const name = set[role];
      if (name === undefined) continue;
      const value = read(headers, name);
      if (value === undefined) missing ??= name;
      else {
        values[role] = value;
        present++;
      }
    }
    if (missing === undefined) return checkValues(set, values);
    if (!best || present > best.present) best = { missing, present };
  }
  return { ok: false, reason: "missing-header", header: (best as { missing: string }).missing };
}

/** The values of a complete set, each in its strict form. */
function checkValues(set: HeaderNames, values: Partial<Record<Role, string>>): HeaderValues | HeaderProblem {
  const { signature, id, timestamp } = values as { signature: string; id?: string; timestamp?: string };
  if (signature.length > LIMITS.signatureHeader) return malformed(set.signature);
  if (set.id !== undefined && !isToken(id as string)) return malformed(set.id);
  if (set.timestamp !== undefined && parseTimestamp(timestamp as string) === undefined) return malformed(set.timestamp);
  return {
    ok: true,
    names: set,
    signature,
    ...(id === undefined ? {} : { id }),
    ...(timestamp === undefined ? {} : { timestamp }),
  };
}

function malformed(header: string): HeaderProblem {
  return { ok: false, reason: "malformed-header", header };
}

/**
 * An id as it may enter signed content and a dedupe store: 1–256 visible ASCII characters, no
 * spaces. (Header values are byte strings; anything outside ASCII would be signed as the sender's
 * bytes but encoded here as UTF-8, so it could never verify anyway.)
 */
export function isToken(value: string): boolean {
  return value.length <= LIMITS.id && /^[\x21-\x7e]+$/.test(value);
}

/** An optional header that names the delivery without being signed: its value if it is a token. */
export function readToken(headers: HeaderReader, name: string): string | undefined {
  const value = read(headers, name);
  return value !== undefined && isToken(value) ? value : undefined;
}

/**
 * Unix seconds from a header: digits only (no sign, no spaces, no fraction, no trailing junk —
 * THREATS B4), at most 12 of them. `undefined` for anything else.
 */
export function parseTimestamp(value: string): number | undefined {
  return value.length <= LIMITS.timestampDigits && /^[0-9]+$/.test(value) ? Number(value) : undefined;
}

/**
 * Whether `timestamp` (unix seconds) is within `tolerance` seconds of `nowMs`, before or after:
 * |now − t| ≤ tolerance, with now in whole seconds (as the reference libraries floor it). Future
 * timestamps count as much as old ones — a clock far ahead is as suspicious as a replay.
 */
export function withinTolerance(timestamp: number, nowMs: number, toleranceSeconds: number): boolean {
  const now = Math.floor(nowMs / 1000);
  return Math.abs(now - timestamp) <= toleranceSeconds;
}
