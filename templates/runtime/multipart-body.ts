/**
 * What the handler receives for a `parts` body (`multipart/related`, `multipart/mixed`, every
 * multipart type but form-data): every part with its headers and exact bytes, the root part,
 * and — when the spec's schema is an object whose properties describe the parts — the parts
 * mapped to those properties, which is what the schema validates.
 *
 * How parts fill properties (the properties in the order the schema lists them, each with
 * the media types its Encoding Object allows):
 * 1. a part whose Content-ID is a property's name fills that property;
 * 2. then the root part, then the others in the order sent, each fill the first property not
 *    yet filled whose media types include the part's type. An array property is never
 *    filled: it takes every such part, in order.
 * Parts no property takes are in `parts` only. In 3GPP's callbacks this gives the JSON root
 * part to `jsonData` and the binary parts, in order, to `binaryDataN2Information`,
 * `binaryDataN2InformationExt1`…; the JSON refers to each binary part by its Content-ID.
 */
import type { ParseResult } from "./body-parse.js";
import { decodeUtf8, parseJsonBytes, setOwn } from "./json.js";
import { inMediaRange, isJsonMediaType, parseMediaType } from "./media-type.js";
import { splitMultipart, type RawPart } from "./multipart.js";
import { coerce } from "./params.js";
import type { BodySpec, PartSpec } from "./receiver-types.js";

/** One part of a multipart body. */
export interface BodyPart {
  /** Every header of the part, by lower-case name. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The part's media type, lower-case, without parameters (they are in `headers`). A part
   * without a Content-Type is `text/plain` (RFC 2046 §5.1), in `multipart/digest` `message/rfc822`.
   */
  readonly contentType: string;
  /** The part's Content-ID without its angle brackets, as `cid:` URLs and 3GPP's `contentId` fields give it. */
  readonly contentId?: string;
  /** The part's bytes exactly as sent (a Content-Transfer-Encoding is not undone). */
  readonly body: Uint8Array;
  /** JSON parts (`application/json`, `…+json`): the parsed value. */
  readonly value?: unknown;
}

/**
 * A `multipart/related` or `multipart/mixed` body as the handler receives it. `T` is the type
 * of the spec's schema, when the schema's properties describe the parts; without one, `value`
 * is undefined.
 */
export interface MultipartBody<T = undefined> {
  /** Every part, in the order sent. */
  readonly parts: readonly BodyPart[];
  /** The root part (RFC 2387): the one whose Content-ID the `start` parameter names, else the first. */
  readonly root: BodyPart;
  /** The parts mapped to the schema's properties (see this module's comment), validated against the schema. */
  readonly value: T;
}

/**
 * The object the schema validates (and routing conditions read) → the parts it was made
 * from, so that once validated it can be handed over with them (`withParts`).
 */
const messages = new WeakMap<object, { readonly parts: readonly BodyPart[]; readonly root: BodyPart; readonly mapped: boolean }>();

/** What `new Blob(parts)` takes, named without the DOM lib (see ResponseBody in body-read.ts for the cast). */
type BlobParts = ConstructorParameters<typeof Blob>[0];

const MALFORMED: ParseResult = { ok: false, reason: "syntax" };

/** Parses a `parts` body: its parts, then the object its schema's properties describe (or `{}` without). */
export function parseParts(bytes: Uint8Array, spec: BodySpec, contentType: string, maxJsonDepth: number): ParseResult {
  const type = parseMediaType(contentType);
  const boundary = type?.params.get("boundary");
  if (!type || boundary === undefined) return MALFORMED;
  const split = splitMultipart(bytes, boundary);
  if (!split.ok) return MALFORMED;
  const defaultType = type.essence === "multipart/digest" ? "message/rfc822" : "text/plain";
  const parts: BodyPart[] = [];
  for (const raw of split.parts) {
    const part = bodyPart(raw, defaultType, maxJsonDepth);
    if (!part.ok) return part;
    parts.push(part.value);
  }
  const root = rootOf(parts, type.essence === "multipart/related" ? type.params.get("start") : undefined);
  if (!root) return MALFORMED;
  const value: Record<string, unknown> = {};
  if (spec.parts) {
    const filled = fill(parts, root, spec.parts);
    for (let k = 0; k < spec.parts.length; k++) {
      const taken = filled[k];
      if (!taken) continue;
      const s = spec.parts[k]!;
      const values: unknown[] = [];
      for (const part of taken) {
        const v = partValue(part, s, maxJsonDepth);
        if (!v.ok) return v;
        values.push(v.value);
      }
      setOwn(value, s.name, s.repeated ? values : values[0]);
    }
  }
  messages.set(value, { parts, root, mapped: spec.parts !== undefined });
  return { ok: true, value };
}

/**
 * The handler's body: a parsed `parts` body (`parsed`) becomes a MultipartBody around its
 * validated value; any other body is `validated` itself.
 */
export function withParts(parsed: unknown, validated: unknown): unknown {
  const message = typeof parsed === "object" && parsed !== null ? messages.get(parsed) : undefined;
  if (!message) return validated;
  const body: MultipartBody<unknown> = { parts: message.parts, root: message.root, value: message.mapped ? validated : undefined };
  return body;
}

function bodyPart(
  raw: RawPart,
  defaultType: string,
  maxJsonDepth: number,
): { ok: true; value: BodyPart } | Extract<ParseResult, { ok: false }> {
  const header = raw.headers["content-type"];
  let contentType = defaultType;
  if (header !== undefined) {
    const type = parseMediaType(header);
    if (!type) return { ok: false, reason: "syntax" };
    contentType = type.essence;
  }
  const id = raw.headers["content-id"];
  const contentId = id === undefined ? undefined : unbracket(id);
  let value: unknown;
  if (isJsonMediaType(contentType)) {
    const parsed = parseJsonBytes(raw.body, maxJsonDepth);
    if (!parsed.ok) return parsed;
    value = parsed.value;
  }
  // Literals of one shape per case, so that every part has the same hidden class within each.
  const part: BodyPart =
    contentId === undefined
      ? value === undefined
        ? { headers: raw.headers, contentType, body: raw.body }
        : { headers: raw.headers, contentType, body: raw.body, value }
      : value === undefined
        ? { headers: raw.headers, contentType, contentId, body: raw.body }
        : { headers: raw.headers, contentType, contentId, body: raw.body, value };
  return { ok: true, value: part };
}

/** `<abc@example>` → `abc@example`; an empty Content-ID is none. */
function unbracket(id: string): string | undefined {
  const t = id.trim();
  const inner = t.startsWith("<") && t.endsWith(">") ? t.slice(1, -1).trim() : t;
  return inner === "" ? undefined : inner;
}

/** RFC 2387: the part `start` names, else the first; undefined when `start` names no part. */
function rootOf(parts: readonly BodyPart[], start: string | undefined): BodyPart | undefined {
  if (start === undefined) return parts[0];
  const id = unbracket(start);
  return id === undefined ? parts[0] : parts.find((p) => p.contentId === id);
}

/** The parts each property takes (see the module comment), by the property's index. */
function fill(parts: readonly BodyPart[], root: BodyPart, specs: readonly PartSpec[]): (BodyPart[] | undefined)[] {
  const filled: (BodyPart[] | undefined)[] = new Array(specs.length);
  const byName = new Map<string, number>();
  specs.forEach((s, k) => byName.set(s.name, k));
  const order = [root, ...parts.filter((p) => p !== root)];
  const placed = new Set<BodyPart>();
  const place = (part: BodyPart, k: number) => {
    (filled[k] ??= []).push(part);
    placed.add(part);
  };
  const free = (k: number) => specs[k]!.repeated === true || filled[k] === undefined;
  for (const part of order) {
    const k = part.contentId === undefined ? undefined : byName.get(part.contentId);
    if (k !== undefined && free(k)) place(part, k);
  }
  for (const part of order) {
    if (placed.has(part)) continue;
    for (let k = 0; k < specs.length; k++) {
      if (free(k) && specs[k]!.accept.some((range) => inMediaRange(part.contentType, range))) {
        place(part, k);
        break;
      }
    }
  }
  return filled;
}

/** A part as the value of the property it fills. */
function partValue(part: BodyPart, spec: PartSpec, maxJsonDepth: number): ParseResult {
  switch (spec.as) {
    case "json":
      return part.value !== undefined || isJsonMediaType(part.contentType)
        ? { ok: true, value: part.value }
        : parseJsonBytes(part.body, maxJsonDepth);
    case "text": {
      const text = decodeUtf8(part.body);
      return text === undefined ? MALFORMED : { ok: true, value: coerce(text, spec.type) };
    }
    case "file":
      // As a form-data file part arrives: a Blob of the exact bytes, typed by the part's header.
      // (The cast: see BlobParts.)
      return { ok: true, value: new Blob([part.body] as unknown as BlobParts, { type: part.headers["content-type"] ?? "" }) };
  }
}
