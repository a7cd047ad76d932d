/**
 * node:http adapter: `http.createServer(nodeHandler(receiver))`, or inside any server that
 * hands you Node's `(req, res)`.
 *
 * The body is pulled chunk by chunk from the socket as the receiver asks for it — never
 * buffered beyond `maxBodyBytes` — and no web Request/Response is built unless `verify` or a
 * handler asks for `context.request`. The Express and Fastify adapters are built on this one.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
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
    if (!this.builtHeaders) {
      // Header pairs as they arrived; a value the fetch standard rejects (Node is laxer) is left out.
      const raw = this.req.rawHeaders;
      const headers = new Headers();
      for (let i = 0; i + 1 < raw.length; i += 2)
        if (FIELD_VALUE.test(raw[i + 1]!)) headers.append(raw[i]!, raw[i + 1]!);
      this.builtHeaders = headers;
    }
    return this.builtHeaders;
  }
}

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
