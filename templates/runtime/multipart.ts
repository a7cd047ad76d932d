/**
 * RFC 2046 §5.1 multipart bodies → their parts (headers and exact bytes), over the raw bytes.
 * For `multipart/related`, `multipart/mixed` and every other multipart type but
 * `multipart/form-data` (which the platform's `formData()` reads): those it does not read.
 *
 * Strict where the RFC is, so that one body has one reading: delimiters are `CRLF--boundary`
 * (the first may open the body without its CRLF), lines end in CRLF (a body with bare LF line
 * breaks has no delimiter and is malformed), a body without its close delimiter (`--boundary--`)
 * is malformed. Lenient where the RFC asks for it: transport padding (spaces, tabs) after a
 * boundary, the preamble and the epilogue are ignored. A line that starts with the boundary but
 * goes on with other characters is not a delimiter (the RFC forbids senders to write it; it is
 * kept as content rather than cut).
 *
 * Bounded work: one pass over the bytes to find the delimiters, in linear time whatever the
 * input (see `indexOfDelimiter`), then one pass over each part's headers, capped in bytes; the
 * number of parts is capped too. Web platform only: this file is copied into users' projects.
 */
import { decodeUtf8 } from "./json.js";

/** One part as sent: its headers, by lower-case name, and its bytes. */
export interface RawPart {
  /** Repeated headers are joined with `, `; obsolete folded lines are unfolded. */
  readonly headers: Readonly<Record<string, string>>;
  /** A copy of the part's bytes, exactly as sent (no Content-Transfer-Encoding is undone). */
  readonly body: Uint8Array;
}

export interface MultipartLimits {
  /** Bodies with more parts are malformed. */
  readonly maxParts: number;
  /** Parts whose header section (CRLFs included) is longer are malformed. */
  readonly maxHeaderBytes: number;
}

export const MULTIPART_LIMITS: MultipartLimits = { maxParts: 1000, maxHeaderBytes: 16 * 1024 };

export type SplitResult = { readonly ok: true; readonly parts: readonly RawPart[] } | { readonly ok: false };

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const SP = 0x20;
const HTAB = 0x09;

/**
 * RFC 2046 §5.1.1: 1 to 70 characters, not ending in a space. Any printable ASCII is taken
 * (some senders stray beyond the RFC's `bchars`); what matters here is that a boundary holds
 * no CR, which keeps the delimiter search linear.
 */
const BOUNDARY = /^[\x20-\x7e]{0,69}[\x21-\x7e]$/;

export function validBoundary(boundary: string): boolean {
  return BOUNDARY.test(boundary);
}

const FAILED: SplitResult = { ok: false };

/** The parts of a multipart body, or failure when the body is not one (see the module comment). */
export function splitMultipart(bytes: Uint8Array, boundary: string, limits: MultipartLimits = MULTIPART_LIMITS): SplitResult {
  if (!validBoundary(boundary)) return FAILED;
  // `CRLF--boundary`: ASCII, so each character is one byte.
  const delimiter = new Uint8Array(boundary.length + 4);
  delimiter.set([CR, LF, DASH, DASH]);
  for (let i = 0; i < boundary.length; i++) delimiter[i + 4] = boundary.charCodeAt(i);

  // The first delimiter line opens the body, or follows the preamble's CRLF.
  let line = startsWith(bytes, 0, delimiter, 2) ? delimiterLine(bytes, 0, delimiter.length - 2) : undefined;
  if (line === undefined) {
    const found = nextDelimiter(bytes, 0, delimiter);
    if (!found) return FAILED;
    line = found.line;
  }
  const parts: RawPart[] = [];
  while (line.kind === "open") {
    const start = line.next;
    const found = nextDelimiter(bytes, start, delimiter);
    // No further delimiter: the body was cut before its close delimiter.
    if (!found) return FAILED;
    if (parts.length === limits.maxParts) return FAILED;
    const part = readPart(bytes, start, found.at, limits.maxHeaderBytes);
    if (!part) return FAILED;
    parts.push(part);
    line = found.line;
  }
  // A close delimiter before any part: RFC 2046 requires at least one.
  return parts.length ? { ok: true, parts } : FAILED;
}

/** What follows `--boundary`: `--` closes the body; padding then CRLF opens a part, which starts at `next`. */
type DelimiterLine = { readonly kind: "close" } | { readonly kind: "open"; readonly next: number };

/**
 * The delimiter line whose `--boundary` ends at `end`, or undefined when the boundary goes on
 * with other characters (then it is not a delimiter).
 */
function delimiterLine(bytes: Uint8Array, start: number, length: number): DelimiterLine | undefined {
  let i = start + length;
  if (bytes[i] === DASH && bytes[i + 1] === DASH) return { kind: "close" };
  while (bytes[i] === SP || bytes[i] === HTAB) i++;
  return bytes[i] === CR && bytes[i + 1] === LF ? { kind: "open", next: i + 2 } : undefined;
}

/** The next real delimiter at or after `from`: where its CRLF starts, and its line. */
function nextDelimiter(bytes: Uint8Array, from: number, delimiter: Uint8Array): { at: number; line: DelimiterLine } | undefined {
  for (let at = indexOfDelimiter(bytes, delimiter, from); at >= 0; at = indexOfDelimiter(bytes, delimiter, at + 1)) {
    const line = delimiterLine(bytes, at + 2, delimiter.length - 2);
    if (line) return { at, line };
  }
  return undefined;
}

/**
 * The first `CRLF--boundary` at or after `from`. Linear in the bytes scanned, whatever they
 * are: candidates start at a CR, and the delimiter holds no CR after its first byte, so a
 * comparison that matched k bytes from one CR ends before the next CR can start — no byte is
 * compared twice. (`nextDelimiter` resumes after a rejected candidate, whose padding holds no
 * CR either.)
 */
function indexOfDelimiter(bytes: Uint8Array, delimiter: Uint8Array, from: number): number {
  const n = delimiter.length;
  const last = bytes.length - n;
  for (let i = bytes.indexOf(CR, from); i >= 0 && i <= last; i = bytes.indexOf(CR, i + 1)) {
    let k = 1;
    while (k < n && bytes[i + k] === delimiter[k]) k++;
    if (k === n) return i;
  }
  return -1;
}

function startsWith(bytes: Uint8Array, at: number, needle: Uint8Array, from: number): boolean {
  if (bytes.length - at < needle.length - from) return false;
  for (let k = from; k < needle.length; k++) if (bytes[at + k - from] !== needle[k]) return false;
  return true;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A part's bytes `[start, end)`: header lines up to an empty line, then the body (RFC 2046
 * `body-part := MIME-part-headers [CRLF *OCTET]`; a part without the empty line is headers
 * only). Undefined for a header section that is not one, or longer than `maxHeaderBytes`.
 */
function readPart(bytes: Uint8Array, start: number, end: number, maxHeaderBytes: number): RawPart | undefined {
  const headers: Record<string, string> = {};
  let last: string | undefined;
  let p = start;
  let bodyStart = end;
  while (p < end) {
    let eol = bytes.indexOf(CR, p);
    // Only CRLF ends a line; a lone CR is part of the line (and makes it invalid below).
    while (eol >= 0 && eol < end && bytes[eol + 1] !== LF) eol = bytes.indexOf(CR, eol + 1);
    const lineEnd = eol < 0 || eol >= end ? end : eol;
    if (lineEnd - start > maxHeaderBytes) return undefined;
    if (lineEnd === p) {
      bodyStart = lineEnd + 2;
      break;
    }
    const text = decodeUtf8(bytes.subarray(p, lineEnd));
    if (text === undefined || /[\r\n\0]/.test(text)) return undefined;
    if (text.charCodeAt(0) === SP || text.charCodeAt(0) === HTAB) {
      // Obsolete line folding (RFC 5322 §3.2.2): the line continues the previous header.
      if (last === undefined) return undefined;
      headers[last] = `${headers[last]} ${text.trim()}`.trim();
    } else {
      const colon = text.indexOf(":");
      const name = colon < 0 ? "" : text.slice(0, colon).toLowerCase();
      if (!TOKEN.test(name)) return undefined;
      const value = text.slice(colon + 1).trim();
      // `__proto__` would set the record's prototype: dropped, as everywhere in the receiver.
      if (name === "__proto__") last = undefined;
      else {
        headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
        last = name;
      }
    }
    p = lineEnd + 2;
  }
  // A copy (of a plain Uint8Array, whatever `bytes` is): the handler may keep or change it
  // without touching the raw body that `verify` and `onUnhandled` see.
  return { headers, body: new Uint8Array(bytes.subarray(Math.min(bodyStart, end), end)) };
}
