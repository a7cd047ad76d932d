/**
 * node:http adapter: `http.createServer(nodeHandler(receiver))`, or inside any server that
 * hands you Node's `(req, res)`.
 *
 * The body is pulled chunk by chunk from the socket as the receiver asks for it — never
 * buffered beyond `maxBodyBytes` — and no web Request/Response is built unless `verify` or a
 * handler asks for `context.request`. The Express and Fastify adapters are built on this one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { BodySource, Receiver, ReceiverInput, ReceiverOutput, RequestHead } from "../runtime/runtime.js";

/** More chunks than this waiting for the receiver pause the socket. */
const HIGH_WATER = 16;

/**
 * The request's body as the receiver pulls it. Listening starts with the first read, so a
 * request answered without reading its body (404, 405) stays untouched and Node discards the
 * body itself, keeping the connection. Never destroys the request: the answer still has to
 * be written to its socket.
 */
class IncomingBody implements BodySource {
  private readonly queue: Uint8Array[] = [];
  private state: "idle" | "open" | "ended" | "failed" = "idle";
  private resolve: ((chunk: Uint8Array | null) => void) | undefined;
  private reject: ((error: unknown) => void) | undefined;

  constructor(private readonly req: IncomingMessage) {}

  private readonly onData = (chunk: Uint8Array) => {
    const resolve = this.resolve;
    if (resolve) {
      this.resolve = this.reject = undefined;
      resolve(chunk);
    } else if (this.queue.push(chunk) >= HIGH_WATER) {
      this.req.pause();
    }
  };

  private readonly onEnd = () => {
    this.state = "ended";
    const resolve = this.resolve;
    this.resolve = this.reject = undefined;
    resolve?.(null);
  };

  /** `close` before `end` (or `error`): the sender went away mid-body. */
  private readonly onFail = () => {
    if (this.state !== "open") return;
    this.state = "failed";
    const reject = this.reject;
    this.resolve = this.reject = undefined;
    reject?.(new Error("the request was aborted"));
  };

  next(): Promise<Uint8Array | null> {
    if (this.state === "idle") {
      this.state = "open";
      const req = this.req;
      req.on("data", this.onData);
      req.on("end", this.onEnd);
      req.on("close", this.onFail);
      req.on("error", this.onFail);
      if (req.readableEnded) this.onEnd();
    }
    const chunk = this.queue.shift();
    if (chunk) {
      if (this.queue.length === 0 && this.req.isPaused()) this.req.resume();
      return Promise.resolve(chunk);
    }
    if (this.state === "ended") return Promise.resolve(null);
    if (this.state === "failed") return Promise.reject(new Error("the request was aborted"));
    return new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  cancel(): void {
    const req = this.req;
    if (this.state !== "idle") {
      req.off("data", this.onData);
      req.off("end", this.onEnd);
      req.off("close", this.onFail);
      req.off("error", this.onFail);
    }
    this.queue.length = 0;
    this.state = "ended";
    this.onEnd();
    // Discard the rest without holding it: the answer carries `Connection: close`, so Node
    // closes the socket once the answer is written.
    req.on("error", () => {});
    req.resume();
  }
}

/**
 * Whether something read the body before the receiver (a body-parsing middleware): then the
 * exact bytes are gone, and signatures cannot be checked.
 */
export function bodyConsumed(req: IncomingMessage): boolean {
  return req.readableDidRead || req.readableEnded || (req as { body?: unknown }).body !== undefined;
}

/**
 * The request's method, absolute URL and headers, as the fetch standard has them — each built
 * on first use (a `verify` hook usually reads a header or two and never the URL).
 */
class NodeRequestHead implements RequestHead {
  private builtHeaders: Headers | undefined;
  private builtUrl: string | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly target: string,
  ) {}

  get method(): string {
    return this.req.method ?? "GET";
  }

  get url(): string {
    if (this.builtUrl === undefined) {
      const req = this.req;
      const target = this.target;
      const scheme = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
      try {
        this.builtUrl = (
          target.startsWith("/") ? new URL(`${scheme}://${req.headers.host ?? "localhost"}${target}`) : new URL(target)
        ).href;
      } catch {
        this.builtUrl = new URL(`${scheme}://localhost${target.startsWith("/") ? target : "/"}`).href;
      }
    }
    return this.builtUrl;
  }

  get headers(): Headers {
    return (this.builtHeaders ??= new NodeHeaders(this.req.rawHeaders));
  }
}

/**
 * A header value without the characters the fetch standard strips from both ends (tab, LF,
 * CR, space). A scan from each end, not `/[\t\n\r ]+$/`: that regular expression retries at
 * every position of an inner run of spaces, quadratic in a value the request chooses.
 */
function trimHttpWhitespace(v: string): string {
  const ws = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  let start = 0;
  let end = v.length;
  while (start < end && ws(v.charCodeAt(start))) start++;
  while (end > start && ws(v.charCodeAt(end - 1))) end--;
  return start === 0 && end === v.length ? v : v.slice(start, end);
}
/** A header name the fetch standard accepts (an RFC 9110 token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PENDING = Symbol("raw header pairs");
/** Headers' own methods (the overrides below call them). */
const HEADERS = Headers.prototype as unknown as Record<PropertyKey, unknown> & {
  append(this: Headers, name: string, value: string): void;
  get(this: Headers, name: string): string | null;
};

/**
 * The request's header pairs as they arrived, as a web `Headers` — a value the fetch standard
 * rejects (Node is laxer) left out. Filling a `Headers` costs about as much as the HMAC of a
 * 5 kB body (undici validates every name and value), and a `verify` hook usually reads one or
 * two headers: `get` and `has` answer from the raw pairs, everything else fills it first.
 * (Methods are set on the prototype below: @types/node declares Headers' as properties.)
 */
class NodeHeaders extends Headers {
  /** The raw pairs until the list is filled. */
  [PENDING]: readonly string[] | undefined;

  constructor(raw: readonly string[]) {
    super();
    this[PENDING] = raw;
  }
}

function filled(headers: NodeHeaders): NodeHeaders {
  const raw = headers[PENDING];
  if (raw) {
    headers[PENDING] = undefined;
    for (let i = 0; i + 1 < raw.length; i += 2)
      if (FIELD_VALUE.test(raw[i + 1]!)) HEADERS.append.call(headers, raw[i]!, raw[i + 1]!);
  }
  return headers;
}

/** `Headers.get` over the raw pairs: every value of the name, in order, joined by `, `. */
function getHeader(this: NodeHeaders, name: string): string | null {
  const raw = this[PENDING];
  const key = String(name);
  // Filled, or a name Headers would reject (it throws): let Headers answer.
  if (!raw || !TOKEN.test(key)) return HEADERS.get.call(filled(this), name);
  const lower = key.toLowerCase();
  let value: string | null = null;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const n = raw[i]!;
    if (n.length !== lower.length || n.toLowerCase() !== lower) continue;
    let v = raw[i + 1]!;
    if (!FIELD_VALUE.test(v)) continue;
    if (v.length && (v.charCodeAt(0) <= 0x20 || v.charCodeAt(v.length - 1) <= 0x20)) v = trimHttpWhitespace(v);
    value = value === null ? v : `${value}, ${v}`;
  }
  return value;
}

const LAZY_HEADERS: Record<PropertyKey, unknown> = {
  get: getHeader,
  has(this: NodeHeaders, name: string): boolean {
    return getHeader.call(this, name) !== null;
  },
};
// Everything else (iteration, `append`, `set` …, and how Node prints it) sees the filled list.
for (const key of [
  "append",
  "delete",
  "set",
  "entries",
  "keys",
  "values",
  "forEach",
  "getSetCookie",
  Symbol.iterator,
  Symbol.for("nodejs.util.inspect.custom"),
]) {
  const base = HEADERS[key];
  if (typeof base === "function")
    LAZY_HEADERS[key] = function (this: NodeHeaders, ...args: unknown[]) {
      return (base as (...a: unknown[]) => unknown).apply(filled(this), args);
    };
}
for (const key of Reflect.ownKeys(LAZY_HEADERS))
  Object.defineProperty(NodeHeaders.prototype, key, { value: LAZY_HEADERS[key], writable: true, configurable: true });

/** The web Request handlers may ask for: method, URL and headers; its body has been read. */
function webRequest(req: IncomingMessage, url: string): Request {
  const head = new NodeRequestHead(req, url);
  return new Request(head.url, { method: head.method, headers: head.headers });
}

// eslint-disable-next-line no-control-regex
const FIELD_VALUE = /^[^\0\r\n]*$/;

/**
 * Headers Node keeps only the first of when repeated (`_http_incoming.js` matchKnownFields);
 * `req.headers` is exact for every other name.
 */
const FIRST_ONLY = new Set([
  "age",
  "authorization",
  "content-length",
  "content-type",
  "etag",
  "expires",
  "from",
  "host",
  "if-modified-since",
  "if-unmodified-since",
  "last-modified",
  "location",
  "max-forwards",
  "proxy-authorization",
  "referer",
  "retry-after",
  "server",
  "user-agent",
]);

/**
 * A header as the fetch standard reports it: every occurrence, joined by `, ` (`cookie`: `; `,
 * which Node does itself) — so that all adapters see the same value, also when a sender
 * repeats a header Node would keep only the first of.
 */
export function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (value === undefined) return null;
  if (typeof value !== "string") return value.join(", ");
  if (!FIRST_ONLY.has(name)) return value;
  const raw = req.rawHeaders;
  let all: string | undefined;
  let count = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const n = raw[i]!;
    if (n.length !== name.length || n.toLowerCase() !== name) continue;
    all = count++ === 0 ? raw[i + 1]! : `${all}, ${raw[i + 1]!}`;
  }
  return count > 1 ? all! : value;
}

/**
 * A node request as the receiver's input. `target` is the path (and query) the receiver
 * matches, relative to where the adapter is mounted; `url` is the full one, for
 * `context.request`.
 */
export function nodeInput(
  req: IncomingMessage,
  target: string = req.url ?? "/",
  url: string = req.url ?? "/",
): ReceiverInput {
  return {
    method: req.method ?? "GET",
    target,
    header: (name) => headerOf(req, name),
    body: new IncomingBody(req),
    toRequest: () => webRequest(req, url),
    toRequestHead: () => new NodeRequestHead(req, url),
  };
}

/** Writes the receiver's answer. */
export function writeOutput(res: ServerResponse, output: ReceiverOutput): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = output.close
    ? { ...output.headers, connection: "close" }
    : { ...output.headers };
  res.writeHead(output.status, headers);
  res.end(output.body ?? undefined);
}

export const BODY_CONSUMED_MESSAGE =
  "gen-callbacks receiver: the request body was already read by something mounted before the receiver " +
  "(a body parser such as express.json()). The receiver needs the exact bytes, to verify signatures and parse by the " +
  "spec's media types: mount it before any body parser, e.g. app.use('/webhooks', receiverMiddleware) above " +
  "app.use(express.json()), or give the parsers their own paths.";

/** Serves one request; resolves once the answer is written. */
export async function serveNode(
  receiver: Pick<Receiver, "handle">,
  req: IncomingMessage,
  res: ServerResponse,
  target: string = req.url ?? "/",
  url: string = req.url ?? "/",
): Promise<void> {
  const output = await receiver.handle(nodeInput(req, target, url));
  writeOutput(res, output);
}

/** A `(req, res)` listener for `http.createServer` / `https.createServer`. */
export function nodeHandler(receiver: Pick<Receiver, "handle">): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (bodyConsumed(req)) {
      // Someone read the body first: answer 500 (the provider retries) and say why in the logs.
      process.emitWarning(BODY_CONSUMED_MESSAGE, { code: "GEN_CALLBACKS_BODY_CONSUMED" });
      writeOutput(res, {
        status: 500,
        headers: { "content-type": "application/json" },
        body: '{"error":"internal error"}',
        close: false,
      });
      return;
    }
    serveNode(receiver, req, res).catch(() => {
      // handle() never rejects; only writing can fail, when the socket is already gone.
      res.destroy();
    });
  };
}

export interface NodeServerOptions {
  /**
   * Longest time for a request's headers to arrive, in ms (Node's default is 60 s, which lets a
   * slow sender hold a socket that long). Default 10000.
   */
  headersTimeoutMs?: number;
  /** Longest time for a whole request, in ms; the receiver's own deadline usually answers first. Default 30000. */
  requestTimeoutMs?: number;
  /** How long `close()` waits for deliveries in flight, in ms. Default: the receiver's deadline. */
  shutdownTimeoutMs?: number;
}

/**
 * An `http.Server` serving only the receiver, with bounded header and request times; its
 * `close()` is graceful: the receiver stops accepting (503, so providers retry), deliveries in
 * flight finish, then idle keep-alive connections are closed and the server stops.
 */
export function nodeServer(receiver: Pick<Receiver, "handle" | "close">, options: NodeServerOptions = {}): Server {
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  // Node enforces both timeouts only when it sweeps its connections, every 30 s by default: a
  // 10 s header limit would really be up to 40 s. Sweep often enough that the limit holds.
  const connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(Math.min(headersTimeout, requestTimeout) / 4)));
  const server = createServer({ connectionsCheckingInterval }, nodeHandler(receiver));
  server.headersTimeout = headersTimeout;
  server.requestTimeout = requestTimeout;
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void): Server => {
    const timeoutMs = options.shutdownTimeoutMs;
    void receiver.close(timeoutMs === undefined ? {} : { timeoutMs }).then(() => {
      close(callback);
      server.closeIdleConnections();
    });
    return server;
  };
  return server;
}
