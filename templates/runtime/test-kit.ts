/**
 * The test kit behind the generated `test-kit.ts`: fixtures for every event (the document's
 * examples, checked against the event's schema when used, else a body synthesized from the
 * schema at generation time), `dispatch` to call a handler in-process with one, and `request`
 * to build the real HTTP request a provider would send — signed when the spec names a scheme —
 * to test through the whole receiver:
 *
 *   const res = await receiver.fetch(await request("invoiceNotification", { secret: "whsec_…" }));
 *
 * Depends on the web platform only, like the rest of the runtime.
 */
import type { BodySpec, EventSpec, ParamSpec } from "./receiver-types.js";

/** What the generator wrote for one event (see the generated `test-kit.ts`). */
export interface FixtureData {
  readonly request: {
    readonly path: Readonly<Record<string, unknown>>;
    readonly query: Readonly<Record<string, unknown>>;
    readonly headers: Readonly<Record<string, unknown>>;
    readonly contentType?: string;
    readonly body?: unknown;
  };
  /** The body examples the document declares for the event, by name (`example` for a lone `example`). */
  readonly examples: readonly { readonly name: string; readonly contentType: string; readonly body: unknown }[];
  /**
   * Rules of the event's schemas no value satisfies, as the generator found them (GitHub types
   * some required fields `null` and an object at once): the synthesized fixture breaks them.
   */
  readonly unsatisfiable?: readonly string[];
  /** The event's first declared success response, with a body synthesized from its schema. */
  readonly response: { readonly status: number; readonly contentType?: string; readonly body?: unknown };
}

/** Signs a body with a test secret: the headers the spec's scheme puts on a delivery. */
export type Signer = (body: Uint8Array, secret: string) => Promise<Record<string, string>>;

type AnyHandler = (request: never, context: never) => unknown;
type InputOf<F> = F extends (request: infer R, context: never) => unknown ? R : never;

export interface TestKitOptions {
  readonly events: readonly EventSpec[];
  readonly fixtures: Readonly<Record<string, FixtureData>>;
  /** Absent when the spec names no signature scheme. */
  readonly sign?: Signer;
}

export interface RequestOptions {
  /** Use the document's example of this name as the body (see `examples`). */
  readonly example?: string;
  /** The request to send instead of the fixture (path, query, headers, body). */
  readonly input?: unknown;
  /** Scheme, host and base path the receiver is mounted at. Default `http://localhost`. */
  readonly origin?: string;
  /** Sign with this secret (when the spec names a scheme); unsigned without it. */
  readonly secret?: string;
  /** Path of the shared webhook route, when the receiver was given another `webhookPath`. */
  readonly webhookPath?: string;
}

/** One example of the document, and whether the event's schema accepts it. */
export interface ExampleInfo {
  readonly name: string;
  readonly contentType: string;
  readonly valid: boolean;
}

export function createTestKit<H extends { [K in keyof H]: AnyHandler }>(options: TestKitOptions) {
  const byName = new Map(options.events.filter((e) => !e.unselected).map((e) => [e.name, e]));
  const spec = (event: PropertyKey): EventSpec => {
    const e = byName.get(String(event));
    const data = options.fixtures[String(event)];
    if (!e || !data) throw new Error(`unknown event ${String(event)}; events: ${[...byName.keys()].join(", ")}`);
    return e;
  };
  const data = (event: PropertyKey): FixtureData => {
    spec(event);
    return options.fixtures[String(event)]!;
  };

  /**
   * Whether the event's schema for `contentType` accepts `body`. Fixtures stay as written (the
   * bytes a provider sends); the receiver hands handlers what Zod makes of them.
   */
  const check = (e: EventSpec, contentType: string | undefined, body: unknown): { ok: boolean } => {
    const content = contentOf(e, contentType);
    return { ok: !content?.schema || content.schema.safeParse(body).success };
  };

  const kit = {
    /** The document's examples for the event, and whether its schema accepts each. */
    examples(event: keyof H): ExampleInfo[] {
      const e = spec(event);
      return data(event).examples.map((x) => ({ name: x.name, contentType: x.contentType, valid: check(e, x.contentType, x.body).ok }));
    },

    /**
     * The handler's input for the event: with `example`, that example of the document (as
     * written, even when its schema rejects it — `examples()` says which do); else the first
     * example the schema accepts, else the body synthesized from the schema.
     */
    fixture<E extends keyof H>(event: E, example?: string): InputOf<H[E]> {
      const e = spec(event);
      const d = data(event);
      const base = { path: { ...d.request.path }, query: { ...d.request.query }, headers: { ...d.request.headers } };
      if (example !== undefined) {
        const x = d.examples.find((candidate) => candidate.name === example);
        if (!x) throw new Error(`${String(event)} has no example named ${example}; its examples: ${d.examples.map((c) => c.name).join(", ") || "none"}`);
        return { ...base, contentType: x.contentType, body: x.body } as InputOf<H[E]>;
      }
      for (const x of d.examples) {
        if (check(e, x.contentType, x.body).ok) return { ...base, contentType: x.contentType, body: x.body } as InputOf<H[E]>;
      }
      return kit.synthesized(event);
    },

    /** Rules of the event's schemas no value satisfies (empty for almost every event): its synthesized fixture breaks them. */
    unsatisfiable(event: keyof H): readonly string[] {
      return data(event).unsatisfiable ?? [];
    },

    /** The handler's input synthesized from the event's schemas, whatever examples the document has. */
    synthesized<E extends keyof H>(event: E): InputOf<H[E]> {
      const d = data(event).request;
      const base = { path: { ...d.path }, query: { ...d.query }, headers: { ...d.headers } };
      if (d.contentType === undefined) return { ...base, body: undefined } as InputOf<H[E]>;
      return { ...base, contentType: d.contentType, body: d.body } as InputOf<H[E]>;
    },

    /** Calls the event's handler in-process with `input` (default: its fixture), as the receiver would. */
    async dispatch<E extends keyof H>(handlers: Partial<H>, event: E, input?: InputOf<H[E]>): Promise<unknown> {
      const handler = handlers[event] as ((request: unknown, context: unknown) => unknown) | undefined;
      if (typeof handler !== "function") throw new Error(`no handler for ${String(event)}`);
      const value = (input ?? kit.fixture(event)) as { contentType?: string; body?: unknown };
      const req = await kit.request(event, { input: value });
      const rawBody = new Uint8Array(await req.clone().arrayBuffer());
      return handler(value, { event: String(event), request: req, rawBody, signal: new AbortController().signal });
    },

    /**
     * The HTTP request a provider would send for the event: method, route, declared headers and
     * query, the body serialized by its media type; signed with `secret` when the spec names a
     * signature scheme.
     */
    async request(event: keyof H, opts: RequestOptions = {}): Promise<Request> {
      const w = await kit.wire(event, opts);
      if (w.body !== undefined && (w.method === "GET" || w.method === "HEAD")) {
        throw new Error(`${String(event)} is a ${w.method} with a body, which a fetch Request cannot carry: send wire() over node:http instead`);
      }
      return new Request(w.url, { method: w.method, headers: w.headers, ...(w.body !== undefined ? { body: w.body as BodyInit } : {}) });
    },

    /** As `request`, as plain parts (for clients that send what fetch refuses, such as a GET with a body). */
    async wire(event: keyof H, opts: RequestOptions = {}): Promise<{ method: string; url: string; headers: Headers; body?: Uint8Array }> {
      const e = spec(event);
      const input = (opts.input ?? kit.fixture(event as never, opts.example)) as {
        path?: Record<string, unknown>;
        query?: Record<string, unknown>;
        headers?: Record<string, unknown>;
        contentType?: string;
        body?: unknown;
      };
      const origin = (opts.origin ?? "http://localhost").replace(/\/+$/, "");
      const template = e.sharedWebhookPath && opts.webhookPath !== undefined ? opts.webhookPath : e.path;
      const path = template.replace(/\{([^}]*)\}/g, (_, name: string) => encodeURIComponent(paramText(input.path?.[name], specOf(e, "path", name))));
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(input.query ?? {})) {
        for (const v of Array.isArray(value) ? value : [value]) query.append(name, paramText(v, specOf(e, "query", name)));
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(input.headers ?? {})) {
        if (value !== undefined) headers.set(name, paramText(value, specOf(e, "header", name)));
      }
      let body: Uint8Array | undefined;
      if (input.contentType !== undefined && input.body !== undefined) {
        const content = contentOf(e, input.contentType);
        const wire = serialize(input.body, input.contentType, content);
        headers.set("content-type", wire.contentType);
        body = wire.bytes;
      }
      if (opts.secret !== undefined) {
        if (!options.sign) throw new Error("this spec names no signature scheme: send the request without a secret");
        for (const [name, value] of Object.entries(await options.sign(body ?? new Uint8Array(), opts.secret))) headers.set(name, value);
      }
      const q = query.toString();
      return { method: e.method, url: origin + path + (q ? `?${q}` : ""), headers, ...(body !== undefined ? { body } : {}) };
    },

    /** The answer the event's first declared success response describes, as a handler returns it. */
    response(event: keyof H): { status: number; contentType?: string; body?: unknown } {
      const r = data(event).response;
      return { status: r.status, ...(r.contentType !== undefined ? { contentType: r.contentType } : {}), ...(r.body !== undefined ? { body: r.body } : {}) };
    },

    /** Every event the kit knows. */
    events(): (keyof H & string)[] {
      return [...byName.keys()] as (keyof H & string)[];
    },
  };
  return kit;
}

function specOf(e: EventSpec, where: ParamSpec["in"], name: string): ParamSpec | undefined {
  const lower = where === "header" ? name.toLowerCase() : name;
  return e.parameters.specs.find((p) => p.in === where && p.name === lower);
}

function contentOf(e: EventSpec, contentType: string | undefined): BodySpec | undefined {
  const essence = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return e.body.contents.find((c) => c.mediaType === essence) ?? e.body.contents.find((c) => matchesRange(c.mediaType, essence)) ?? e.body.contents[0];
}

function matchesRange(range: string, type: string): boolean {
  if (range === "*/*") return true;
  return range.endsWith("/*") && type.startsWith(range.slice(0, -1));
}

/** A parameter's text: arrays and objects in the `simple` style (comma-separated), else JSON for `content` parameters. */
function paramText(value: unknown, spec: ParamSpec | undefined): string {
  if (value === undefined || value === null) return "";
  if (spec?.contentType !== undefined) return JSON.stringify(value);
  if (Array.isArray(value)) return value.map((v) => paramText(v, undefined)).join(",");
  if (typeof value === "object") return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [k, paramText(v, undefined)]).join(",");
  return String(value);
}

function serialize(body: unknown, contentType: string, content: BodySpec | undefined): { bytes: Uint8Array; contentType: string } {
  const text = (s: string) => new TextEncoder().encode(s);
  const kind = content?.kind ?? (/json/i.test(contentType) ? "json" : "text");
  const wireType = contentType.includes("*") ? "application/octet-stream" : contentType;
  switch (kind) {
    case "json":
      return { bytes: text(JSON.stringify(body)), contentType: wireType };
    case "form": {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(isRecord(body) ? body : {})) {
        for (const item of Array.isArray(v) && !content?.jsonFields?.includes(k) ? v : [v]) form.append(k, fieldText(item, content?.jsonFields?.includes(k) === true));
      }
      return { bytes: text(form.toString()), contentType: wireType };
    }
    case "multipart": {
      // Written by hand (not FormData) so that the bytes, and so the signature, are known here.
      const boundary = "gen-callbacks-test-kit-boundary";
      let out = "";
      for (const [k, v] of Object.entries(isRecord(body) ? body : {})) {
        const json = content?.jsonFields?.includes(k) === true;
        for (const item of Array.isArray(v) && !json ? v : [v]) {
          out += `--${boundary}\r\ncontent-disposition: form-data; name="${k.replace(/["\r\n\\]/g, "_")}"\r\n${json ? "content-type: application/json\r\n" : ""}\r\n${fieldText(item, json)}\r\n`;
        }
      }
      return { bytes: text(out + `--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
    }
    case "binary":
      return { bytes: body instanceof Uint8Array ? body : text(typeof body === "string" ? body : JSON.stringify(body)), contentType: wireType };
    default:
      return { bytes: text(typeof body === "string" ? body : JSON.stringify(body)), contentType: wireType };
  }
}

function fieldText(v: unknown, json: boolean): string {
  if (json || (typeof v === "object" && v !== null)) return JSON.stringify(v);
  return String(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
