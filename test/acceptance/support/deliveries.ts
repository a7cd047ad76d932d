/**
 * Deliveries built from what a document itself declares: for every request-body example of an
 * event (`example`, `examples[*].value`, `$ref`s to `components/examples` followed), the HTTP
 * request a provider would send — the event's method and route, its header parameters with
 * the values the spec gives them, the body serialized by its media type.
 */
import type { PlannedEvent, GenerationPlan } from "../../../src/model/plan.js";
import { SchemaLookup } from "../../../src/model/schema-lookup.js";
import { bodyKind, essence } from "../../../src/model/media-types.js";

export interface ExampleDelivery {
  /** Handler name of the event that declares the example. */
  event: string;
  /** `<media type> <example name>`, for messages. */
  label: string;
  request: Request;
}

export function exampleDeliveries(plan: GenerationPlan, origin = "http://receiver.test"): ExampleDelivery[] {
  const lookup = new SchemaLookup(plan.schemaSet);
  const out: ExampleDelivery[] = [];
  for (const e of plan.events) {
    for (const mt of e.def.requestBody?.content ?? []) {
      for (const ex of mt.examples) {
        out.push({
          event: e.names.handler,
          label: `${mt.mediaType} ${ex.name ?? "example"}`,
          request: new Request(origin + target(e), {
            method: e.route.method,
            headers: headers(e, lookup, ex.value),
            // A Blob's type becomes the Content-Type; FormData brings its boundary.
            body: body(mt.mediaType, ex.value),
          }),
        });
      }
    }
  }
  return out;
}

/** The route with path parameters filled in, and the query the key or the parameters ask for. */
function target(e: PlannedEvent): string {
  const params = new Map(e.def.parameters.map((p) => [`${p.in}:${p.name}`, p]));
  const path = e.route.path.replace(/\{([^}]*)\}/g, (_, name: string) =>
    encodeURIComponent(text(params.get(`path:${name}`)?.example) ?? `${name}-1`),
  );
  const query = new URLSearchParams();
  for (const q of e.route.constantQuery) query.append(q.name, q.value);
  for (const q of e.route.expressionQuery) query.append(q.name, `${q.name}-1`);
  for (const p of e.def.parameters) {
    if (p.in === "query" && p.required && !query.has(p.name)) query.append(p.name, text(p.example) ?? "1");
  }
  const q = query.toString();
  return path + (q ? `?${q}` : "");
}

/**
 * Every header parameter with the value the spec gives it: its single allowed value; for an
 * `enum`, the value the example body names (Apideck's `x-apideck-event-type` lists every event
 * type, and the body's `event_type` says which this one is); else its example, else the
 * schema's `example`/`default`/first `enum` value — what a provider's documented delivery
 * carries. GitHub's documents give every webhook the same `X-GitHub-Event` example
 * ("issues"); GitHub sends the event's name without its action, as its docs say.
 */
function headers(e: PlannedEvent, lookup: SchemaLookup, example: unknown): Headers {
  const h = new Headers();
  const schemaOf = e.schemas.headers ? lookup.properties(lookup.member(e.schemas.headers)?.schema) : new Map<string, unknown[]>();
  const bodyStrings = new Set(strings(example));
  for (const p of e.def.parameters) {
    if (p.in !== "header") continue;
    const schema = lookup.resolve(schemaOf.get(p.name.toLowerCase())?.[0]);
    const s = typeof schema === "object" ? schema : {};
    const named = Array.isArray(s.enum) ? s.enum.find((v) => typeof v === "string" && bodyStrings.has(v)) : undefined;
    const value =
      lookup.singleValue(schema)?.value ??
      named ??
      (p.name.toLowerCase() === "x-github-event" ? githubEvent(e) : undefined) ??
      p.example ??
      s.example ??
      (Array.isArray(s.examples) ? s.examples[0] : undefined) ??
      s.default ??
      (Array.isArray(s.enum) ? s.enum[0] : undefined) ??
      (p.required ? placeholder(lookup.topType(schema)) : undefined);
    const v = text(value);
    if (v !== undefined && /^[\t\x20-\x7e]*$/.test(v)) h.set(p.name, v);
  }
  return h;
}

/** `check-run-completed`, whose JSON example says `action: "completed"` → `check_run`. */
function githubEvent(e: PlannedEvent): string {
  const key = e.def.key;
  const json = (e.def.requestBody?.content ?? []).find((mt) => bodyKind(mt.mediaType) === "json");
  const example = json?.examples[0]?.value;
  const action = typeof example === "object" && example !== null ? (example as { action?: unknown }).action : undefined;
  const name = typeof action === "string" && key.endsWith(`-${action.replace(/_/g, "-")}`) ? key.slice(0, -action.length - 1) : key;
  return name.replace(/-/g, "_");
}

/** Every string in a JSON value (bounded: examples are small). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) strings(v, out);
  return out;
}

function placeholder(type: string | undefined): string {
  return type === "integer" || type === "number" ? "1" : type === "boolean" ? "true" : "x";
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
}

function body(mediaType: string, value: unknown): BodyInit {
  const type = /\*/.test(essence(mediaType)) ? "application/octet-stream" : mediaType;
  switch (bodyKind(mediaType)) {
    case "json":
      // An example written as JSON text (a string holding an object) is that text on the wire.
      return blob(typeof value === "string" && /^\s*[[{]/.test(value) ? value : JSON.stringify(value), type);
    case "form": {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(isRecord(value) ? value : {})) form.append(k, formText(v));
      return blob(form.toString(), type);
    }
    case "multipart": {
      const form = new FormData();
      for (const [k, v] of Object.entries(isRecord(value) ? value : {})) form.append(k, typeof v === "string" ? v : JSON.stringify(v));
      return form;
    }
    default:
      return blob(typeof value === "string" ? value : JSON.stringify(value), type);
  }
}

/**
 * A form field's value. GitHub documents its `payload` field as "a URL-encoded string" and
 * gives the example already percent-encoded: that text is the field's wire form, so it is
 * decoded once here, to be encoded once again by the form.
 */
function formText(v: unknown): string {
  if (typeof v !== "string") return JSON.stringify(v);
  if (!/%[0-9A-Fa-f]{2}/.test(v)) return v;
  try {
    const decoded = decodeURIComponent(v.replace(/\+/g, " "));
    JSON.parse(decoded);
    return decoded;
  } catch {
    return v;
  }
}

function blob(text: string, type: string): Blob {
  return new Blob([text], { type });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
