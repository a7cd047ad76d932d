/**
 * Answers: the receiver's own (constant bodies that echo nothing from the request; "What the
 * receiver answers" in the gen-callbacks README) and the handler's, serialized by the media
 * type the spec declares for them.
 */
import { isJsonMediaType, parseMediaType } from "./media-type.js";
import type { EventSpec } from "./receiver-types.js";
import type { Issue } from "./validate.js";

/** What an adapter writes back. */
export interface ReceiverOutput {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string | null;
  /**
   * The request body was not read to its end (too large, too slow): an HTTP/1.1 adapter
   * should close the connection after answering rather than read the rest.
   */
  readonly close: boolean;
}

/** What a handler may return (the generated `<Event>Response` types are narrower). */
export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, unknown>>;
}

const JSON_TYPE = { "content-type": "application/json" };

export function answer(
  status: number,
  body: object | null,
  extra: Record<string, string> = {},
  close = false,
): ReceiverOutput {
  return body === null
    ? { status, headers: extra, body: null, close }
    : { status, headers: { ...JSON_TYPE, ...extra }, body: JSON.stringify(body), close };
}

export const answers = {
  notFound: () => answer(404, { error: "not found" }),
  methodNotAllowed: (allow: readonly string[]) =>
    answer(405, { error: "method not allowed" }, { allow: allow.join(", ") }),
  tooLarge: (maxBytes: number, close: boolean) => answer(413, { error: "request body too large", maxBytes }, {}, close),
  timedOutReading: () => answer(408, { error: "request body not received in time" }, {}, true),
  aborted: () => answer(400, { error: "request body could not be read" }, {}, true),
  unauthorized: () => answer(401, { error: "unauthorized" }),
  encoding: () => answer(415, { error: "unsupported content encoding" }, { "accept-encoding": "identity" }),
  mediaType: (accepted: readonly string[]) => answer(415, { error: "unsupported media type", accepted }),
  charset: () => answer(415, { error: "unsupported charset", accepted: ["utf-8"] }),
  malformed: () => answer(400, { error: "malformed request body" }),
  tooDeep: (maxDepth: number) => answer(400, { error: "request body nested too deeply", maxDepth }),
  invalid: (status: number, event: string, issues: readonly Issue[]) =>
    answer(status, { error: "validation failed", event, issues }),
  internal: () => answer(500, { error: "internal error" }),
  /** Another request is handling this delivery id: try again later. */
  inProgress: () => answer(409, { error: "delivery in progress" }, { "retry-after": "5" }),
  /** A store the receiver needs (dedupe, a durable queue) is unreachable: try again later. */
  unavailable: () => answer(503, { error: "service unavailable" }, { "retry-after": "5" }),
  shuttingDown: () => answer(503, { error: "shutting down" }, { "retry-after": "5", connection: "close" }, true),
  notImplemented: () => answer(501, { error: "not implemented" }),
  timedOut: () => answer(503, { error: "handler timed out" }),
  empty: (status: number) => answer(status, null),
};

/** Statuses whose answers have no body (RFC 9110 §15.3.5, §15.3.6, §15.4.5). */
const NO_BODY = new Set([204, 205, 304]);

/** Headers a handler may not set: the adapter frames the message itself. */
const FRAMING = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "trailer"]);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Field values: visible ASCII, obs-text, space and tab; never CR, LF or NUL (header injection).
// eslint-disable-next-line no-control-regex
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The media types the spec declares for `status`: exact code, then `2XX`, then `default`. */
export function declaredMediaTypes(event: EventSpec, status: number): readonly string[] {
  const code = String(status);
  const range = `${code[0]}XX`;
  const pick = (s: string) => event.responses.find((r) => r.status.toUpperCase() === s)?.mediaTypes;
  return pick(code) ?? pick(range) ?? pick("DEFAULT") ?? [];
}

export class ResultError extends Error {
  override readonly name = "ResultError";
}

function headerText(name: string, value: unknown): string {
  const text = Array.isArray(value) ? value.map(String).join(", ") : String(value);
  if (!HEADER_VALUE.test(text))
    throw new ResultError(`the handler's header ${JSON.stringify(name)} has a value that cannot be sent`);
  return text;
}

/**
 * The handler's result as an answer. Throws ResultError for what cannot be sent — a status
 * outside 200–599, a header that would break the message, a body the media type cannot
 * carry — which the receiver reports to `onError` and answers 500.
 */
export function serializeResult(event: EventSpec, result: HandlerResult): ReceiverOutput {
  if (typeof result !== "object" || result === null)
    throw new ResultError(`the handler of ${event.name} returned neither nothing nor a { status } object`);
  const status = result.status;
  if (!Number.isInteger(status) || status < 200 || status > 599)
    throw new ResultError(`the handler of ${event.name} returned status ${String(status)}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    const lower = name.toLowerCase();
    if (value === undefined || FRAMING.has(lower)) continue;
    if (!HEADER_NAME.test(name))
      throw new ResultError(`the handler of ${event.name} returned a header name that cannot be sent`);
    headers[lower] = headerText(name, value);
  }
  const body = result.body;
  if (body === undefined || body === null || NO_BODY.has(status)) {
    delete headers["content-type"];
    return { status, headers, body: null, close: false };
  }
  const declared = result.contentType ?? headers["content-type"] ?? declaredMediaTypes(event, status)[0];
  const essence = declared === undefined ? undefined : (parseMediaType(declared)?.essence ?? declared.toLowerCase());
  if (!HEADER_VALUE.test(declared ?? ""))
    throw new ResultError(`the handler of ${event.name} returned a content type that cannot be sent`);

  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    headers["content-type"] = declared ?? "application/octet-stream";
    return { status, headers, body: body instanceof Uint8Array ? body : new Uint8Array(body), close: false };
  }
  if (typeof body === "string" && (essence === undefined || !isJsonMediaType(essence))) {
    // Text is sent as UTF-8, and says so unless the media type is not text.
    const type = declared ?? "text/plain";
    headers["content-type"] = type.startsWith("text/") && !/;\s*charset=/i.test(type) ? `${type}; charset=utf-8` : type;
    return { status, headers, body, close: false };
  }
  if (essence !== undefined && !isJsonMediaType(essence)) {
    throw new ResultError(`the handler of ${event.name} returned a non-text body for ${essence}, which is not JSON`);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    throw new ResultError(
      `the handler of ${event.name} returned a body that is not JSON-serializable: ${(error as Error).message}`,
    );
  }
  if (text === undefined)
    throw new ResultError(`the handler of ${event.name} returned a body that is not JSON-serializable`);
  headers["content-type"] = declared ?? "application/json";
  return { status, headers, body: text, close: false };
}
