/**
 * Bytes for signatures: strict decoders for what arrives in headers, encoders for the signing
 * helpers, and a constant-time comparison. Decoders accept only the canonical form (B2): one
 * signature has exactly one spelling, so a proxy that rewrites it (base64url, stripped padding,
 * upper-case hex) is noticed as a malformed header rather than silently tolerated, and no
 * attacker-chosen variant reaches the comparison.
 */

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Character code → 6-bit value, -1 elsewhere; one table per alphabet. */
function table(alphabet: string): Int8Array {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
}
const B64_TABLE = table(B64);
const B64URL_TABLE = table(B64URL);

export type ByteEncoding = "hex" | "base64" | "base64url";

/**
 * Padding rules: signatures in headers are `required` (base64) or `forbidden` (base64url, as
 * RFC 4648 §5 users send it); secrets a user pastes into configuration are `optional`.
 */
export type Padding = "required" | "optional" | "forbidden";

/**
 * Decodes base64 (or base64url) in its canonical form: only the alphabet, padding per `padding`,
 * and the unused low bits of the last character zero (otherwise several strings decode to the
 * same bytes). `undefined` for anything else.
 */
export function decodeBase64(text: string, url: boolean, padding: Padding): Uint8Array | undefined {
  const map = url ? B64URL_TABLE : B64_TABLE;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  const pads = text.length - end;
  const tail = end % 4;
  if (tail === 1 || pads > 2) return undefined;
  const padded = tail === 0 ? pads === 0 : pads === 4 - tail;
  if (pads > 0 && !padded) return undefined;
  if (padding === "required" && tail !== 0 && pads === 0) return undefined;
  if (padding === "forbidden" && pads > 0) return undefined;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (map[c] as number) : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits (2 or 4) must be zero for the spelling to be the canonical one.
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

export function encodeBase64(bytes: Uint8Array, url = false): string {
  const alphabet = url ? B64URL : B64;
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]!;
    out += rest === 2 ? alphabet[(n >> 6) & 63]! : "";
    if (!url) out += rest === 2 ? "=" : "==";
  }
  return out;
}

/** Lower-case hex only, even length; `undefined` for anything else (upper case included). */
export function decodeHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexValue(text.charCodeAt(2 * i));
    const lo = hexValue(text.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  return -1;
}

export function encodeHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += (b < 16 ? "0" : "") + b.toString(16);
  return out;
}

/** Decodes a signature as it appears in a header, in the scheme's encoding (canonical only). */
export function decodeSignature(text: string, encoding: ByteEncoding): Uint8Array | undefined {
  if (encoding === "hex") return decodeHex(text);
  return encoding === "base64" ? decodeBase64(text, false, "required") : decodeBase64(text, true, "forbidden");
}

export function encodeSignature(bytes: Uint8Array, encoding: ByteEncoding): string {
  return encoding === "hex" ? encodeHex(bytes) : encodeBase64(bytes, encoding === "base64url");
}

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Whether two byte strings are equal, in time that depends only on their lengths (B2). Lengths
 * are public (every MAC of a scheme has the same one): a different length is simply unequal,
 * never an exception.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
