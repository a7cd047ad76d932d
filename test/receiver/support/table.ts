/**
 * A hand-built event table with real Zod schemas, shaped like what the generator emits for a
 * provider with callbacks and webhooks (the generated example's Acme) and for GitHub's shared
 * webhook route — enough to exercise every branch of the receiver. Handlers record their calls.
 */
import { createHmac } from "node:crypto";
import { z } from "zod";
import type { EventSpec } from "../../../templates/runtime/receiver-types.js";
import {
  createReceiverCore,
  type HandlerContext,
  type HandlerRequest,
  type Receiver,
  type ReceiverOptions,
  type RequestHead,
} from "../../../templates/runtime/runtime.js";

const Money = z.looseObject({ amount: z.number().int().gte(0), currency: z.string().regex(/^[A-Z]{3}$/) });
const Payment = z.looseObject({ id: z.number(), amount: Money, metadata: z.record(z.string(), z.unknown()).optional() });
const AcmeHeaders = z.looseObject({ "acme-delivery": z.string().uuid() });

interface Tree {
  name: string;
  children?: Tree[];
}
const TreeSchema: z.ZodType<Tree> = z.lazy(() => z.looseObject({ name: z.string(), children: z.array(TreeSchema).optional() }));

const acmeWebhook = (name: string, type: string): EventSpec => ({
  name,
  kind: "webhook",
  method: "POST",
  path: "/",
  sharedWebhookPath: true,
  ack: 200,
  parameters: { specs: [{ name: "acme-delivery", in: "header", type: "string", required: true }], headers: AcmeHeaders },
  body: {
    required: true,
    contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({ id: z.string(), type: z.literal(type), data: Payment }) }],
  },
  responses: [{ status: "200", mediaTypes: [] }],
  conditions: [{ in: "body", path: ["type"], required: true, test: { equals: [type] } }],
});

const githubIssue = (name: string, action: string): EventSpec => ({
  name,
  kind: "webhook",
  method: "POST",
  path: "/github",
  ack: 200,
  parameters: {
    specs: [
      { name: "x-github-event", in: "header", type: "string", required: true },
      { name: "x-github-delivery", in: "header", type: "string", required: true },
    ],
    headers: z.looseObject({ "x-github-event": z.string(), "x-github-delivery": z.string() }),
  },
  body: {
    required: true,
    contents: [
      {
        mediaType: "application/json",
        kind: "json",
        schema: z.looseObject({ action: z.literal(action), issue: z.looseObject({ number: z.number().int() }) }),
      },
      // GitHub's other delivery format: `payload=<json>`.
      {
        mediaType: "application/x-www-form-urlencoded",
        kind: "form",
        schema: z.looseObject({ payload: z.looseObject({ action: z.literal(action), issue: z.looseObject({ number: z.number().int() }) }) }),
        jsonFields: ["payload"],
        documentField: "payload",
      },
    ],
  },
  responses: [{ status: "200", mediaTypes: [] }],
  conditions: [
    { in: "body", path: ["action"], required: true, test: { equals: [action] } },
    { in: "header", name: "x-github-event", required: true, test: { words: "issues" } },
  ],
});

const simple = (name: string, path: string, extra: Partial<EventSpec> = {}): EventSpec => ({
  name,
  kind: "callback",
  method: "POST",
  path,
  ack: 200,
  parameters: { specs: [] },
  body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({ id: z.string() }) }] },
  responses: [{ status: "200", mediaTypes: [] }],
  ...extra,
});

export const events: readonly EventSpec[] = [
  acmeWebhook("paymentSucceeded", "payment.succeeded"),
  acmeWebhook("paymentFailed", "payment.failed"),
  githubIssue("issuesOpened", "opened"),
  githubIssue("issuesClosed", "closed"),
  {
    name: "invoiceNotification",
    kind: "callback",
    method: "POST",
    path: "/invoices/{id}",
    parameters: { specs: [{ name: "id", in: "path", type: "string", required: true }], path: z.looseObject({ id: z.string() }) },
    body: {
      required: true,
      contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({ invoiceId: z.string(), status: z.string() }) }],
    },
    responses: [
      { status: "200", mediaTypes: ["application/json"] },
      { status: "422", mediaTypes: ["application/json"] },
    ],
  },
  {
    name: "onData",
    kind: "callback",
    method: "POST",
    path: "/data",
    ack: 202,
    parameters: {
      specs: [
        { name: "limit", in: "query", type: "integer", required: false },
        { name: "tags", in: "query", type: "array", items: "string", required: false },
        { name: "session", in: "cookie", type: "string", required: false },
      ],
      query: z.looseObject({ limit: z.number().int().optional(), tags: z.array(z.string()).optional() }),
      cookies: z.looseObject({ session: z.string().optional() }),
    },
    body: {
      required: false,
      contents: [{ mediaType: "application/json", kind: "json", schema: z.looseObject({ samples: z.array(z.number()) }) }],
    },
    responses: [{ status: "202", mediaTypes: [] }],
  },
  simple("tree", "/tree", { body: { required: true, contents: [{ mediaType: "application/json", kind: "json", schema: TreeSchema }] } }),
  simple("note", "/note", { body: { required: true, contents: [{ mediaType: "text/plain", kind: "text", schema: z.string().max(100) }] } }),
  simple("upload", "/upload", {
    body: {
      required: true,
      contents: [
        {
          mediaType: "multipart/form-data",
          kind: "multipart",
          schema: z.looseObject({ title: z.string(), count: z.number(), meta: z.looseObject({ a: z.number() }), file: z.instanceof(Blob) }),
          jsonFields: ["meta"],
          fields: [{ name: "count", type: "integer" }],
        },
      ],
    },
  }),
  // 3GPP-style multipart/related: a JSON root part and a binary part, mapped to the schema's
  // properties; the same as multipart/mixed, and multipart/mixed parts without a schema.
  simple("related", "/related", {
    body: {
      required: true,
      contents: [
        {
          mediaType: "multipart/related",
          kind: "parts",
          schema: z.looseObject({ jsonData: z.looseObject({ id: z.string(), ref: z.string() }), binary: z.instanceof(Blob).optional() }),
          parts: [
            { name: "jsonData", accept: ["application/json"], as: "json" },
            { name: "binary", accept: ["application/octet-stream"], as: "file" },
          ],
        },
        { mediaType: "multipart/mixed", kind: "parts" },
      ],
    },
  }),
  simple("boom", "/boom"),
  simple("todo", "/todo"),
  simple("slow", "/slow"),
  simple("silent", "/silent", { ack: undefined, responses: [{ status: "200", mediaTypes: ["application/json"] }] }),
];

export const SECRET = "It's a Secret to Everybody";
export const SIGNATURE_HEADER = "x-test-signature";

export function sign(body: Uint8Array | string): string {
  return "sha256=" + createHmac("sha256", SECRET).update(body).digest("hex");
}

/** A `verify` hook over the exact bytes, as a user would write it (HMAC-SHA256, constant-time compare). */
export async function verifyHmac(request: RequestHead, rawBody: Uint8Array): Promise<boolean> {
  const { timingSafeEqual } = await import("node:crypto");
  const given = Buffer.from(request.headers.get(SIGNATURE_HEADER) ?? "");
  const expected = Buffer.from(sign(rawBody));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export class NotImplementedError extends Error {
  constructor(readonly event: string) {
    super(`the handler for ${event} is not implemented yet`);
    this.name = "NotImplementedError";
  }
}

export interface Call {
  event: string;
  request: HandlerRequest;
  rawBody: string;
  aborted?: boolean;
}

export interface Hook {
  reason: string;
  status: number;
  candidates: string[];
  issues: string[];
  rawBody: boolean;
}

export interface Recorder {
  calls: Call[];
  errors: { stage: string; event?: string; late: boolean; message: string }[];
  /** Every `onUnhandled` call: the reason, the status answered, the candidates, whose issues, and whether the raw body came along. */
  unhandled: Hook[];
}

/** Handlers for `events`, recording every call into `rec`. `slowMs` bounds the slow handler's wait. */
export function recordingHandlers(rec: Recorder) {
  const record = (request: HandlerRequest, context: HandlerContext) => {
    rec.calls.push({ event: context.event, request, rawBody: Buffer.from(context.rawBody).toString("latin1") });
  };
  const ok = (request: HandlerRequest, context: HandlerContext) => {
    record(request, context);
  };
  return {
    paymentSucceeded: ok,
    paymentFailed: ok,
    issuesOpened: ok,
    issuesClosed: ok,
    onData: ok,
    tree: ok,
    note: ok,
    upload: ok,
    related: ok,
    invoiceNotification: (request: HandlerRequest, context: HandlerContext) => {
      record(request, context);
      const path = request.path as { id: string };
      const body = request.body as { invoiceId: string };
      if (path.id !== body.invoiceId) return { status: 422, body: { detail: [{ loc: ["path", "id"], msg: "mismatch" }] } };
      return { status: 200, body: { ok: true } };
    },
    boom: (request: HandlerRequest, context: HandlerContext) => {
      record(request, context);
      throw new Error("database password is hunter2");
    },
    todo: async (request: HandlerRequest, context: HandlerContext) => {
      record(request, context);
      throw new NotImplementedError("todo");
    },
    slow: (request: HandlerRequest, context: HandlerContext) => {
      const call: Call = { event: context.event, request, rawBody: Buffer.from(context.rawBody).toString("latin1"), aborted: false };
      rec.calls.push(call);
      // Outlives the deadline: settles only once the receiver has aborted the signal.
      return new Promise<void>((resolve) =>
        context.signal.addEventListener("abort", () => {
          call.aborted = true;
          setTimeout(resolve, 10);
        }),
      );
    },
    silent: ok,
  };
}

export function newRecorder(): Recorder {
  return { calls: [], errors: [], unhandled: [] };
}

export function makeReceiver(rec: Recorder, options: Partial<ReceiverOptions<ReturnType<typeof recordingHandlers>>> = {}): Receiver {
  return createReceiverCore(events, {
    handlers: recordingHandlers(rec),
    webhookPath: "/acme",
    verify: verifyHmac,
    onError: (error, info) => rec.errors.push({ stage: info.stage, event: info.event, late: info.late, message: String((error as Error)?.message) }),
    onUnhandled: (info) =>
      void rec.unhandled.push({
        reason: info.reason,
        status: info.status,
        candidates: [...info.candidates],
        issues: info.issues.map((i) => i.event),
        rawBody: info.rawBody !== undefined,
      }),
    ...options,
  });
}
