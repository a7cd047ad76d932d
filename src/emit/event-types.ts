/**
 * The per-event part of `types.ts`: what a handler receives (`<Event>Request`) and what it
 * may answer (`<Event>Response`), built from the names of schema-set members. Only names
 * the generator made (checked by `identifier`) and encoder output reach the text.
 */
import type { ContentSchemas } from "../bundle/bundle.js";
import type { EventDef } from "../model/events.js";
import type { PlannedEvent } from "../model/plan.js";
import { bodyKind, rawBodyType, schemaApplies } from "../model/media-types.js";
import { SchemaLookup } from "../model/schema-lookup.js";
import type { SchemaSet } from "../model/schema-set.js";
import { docComment, identifier, stringLiteral } from "./encoders.js";
import { partsBodyDocs, partsBodyType } from "./parts-body.js";

export function emitEventTypes(events: readonly PlannedEvent[], schemaSet: SchemaSet): string {
  const lookup = new SchemaLookup(schemaSet);
  const parts: string[] = [];
  for (const e of events) parts.push(requestType(e, lookup), responseType(e));
  const ranges = usedRanges(events);
  if (ranges.length) parts.push(rangeTypes(ranges));
  return parts.join("\n");
}

/** One line saying which request this is, used at the top of every per-event comment. */
export function eventTitle(e: PlannedEvent): string {
  const what = e.def.kind === "callback" ? `callback "${e.def.callbackName}"` : `${e.def.source === "x-webhooks" ? "x-webhook" : "webhook"} "${e.def.key}"`;
  return `${e.route.method} ${e.route.origin ?? ""}${e.route.path} — ${what}`;
}

/**
 * The operations that declare a callback sent from several of them (one delivery, one
 * handler): `Declared by: POST /calls/{id}/actions/answer, POST /calls`.
 */
export function declaredBy(e: PlannedEvent): string | undefined {
  if (!e.def.alsoDeclared?.length) return undefined;
  const label = (d: EventDef) => (d.parent ? `${d.parent.method.toUpperCase()} ${d.parent.path}` : `${d.source} "${d.key}"`);
  return `Declared by: ${[e.def, ...e.def.alsoDeclared].map(label).join(", ")} — the same delivery, one handler.`;
}

export function eventDoc(e: PlannedEvent, extra: string[] = [], indent = ""): string {
  const paras = [eventTitle(e), e.def.summary, e.def.description !== e.def.summary ? e.def.description : undefined, declaredBy(e), ...extra];
  return docComment(paras, indent, e.def.deprecated ? ["@deprecated"] : []);
}

function requestType(e: PlannedEvent, lookup: SchemaLookup): string {
  const t = e.names.type;
  const s = e.schemas;
  const ref = (name: string | undefined) => (name ? identifier(name) : "Record<string, never>");
  const base = [
    `  /** Path parameters${e.route.params.length ? " (from the route)" : ""}. */`,
    `  path: ${ref(s.pathParams)};`,
    `  /** Query parameters. */`,
    `  query: ${ref(s.query)};`,
    `  /** Declared request headers, by lower-case name (all headers: \`context.request.headers\`). */`,
    `  headers: ${ref(s.headers)};`,
  ];
  if (s.cookies) base.push(`  /** Cookies. */`, `  cookies: ${identifier(s.cookies)};`);

  const body = e.def.requestBody;
  const doc = eventDoc(e, ["What the handler receives, validated against the spec.", ...partsBodyDocs(e, lookup)]);
  // Multipart bodies other than form-data arrive as their parts (emit/parts-body.ts).
  const contentType = (c: ContentSchemas) => (bodyKind(c.mediaType) === "parts" ? partsBodyType(e, c, lookup) : contentTypeOf(c));
  if (!body || s.body.length === 0) {
    return `${doc}export interface ${identifier(t + "Request")} {\n${base.join("\n")}\n  /** This request has no body. */\n  contentType?: undefined;\n  body?: undefined;\n}\n`;
  }
  const optional = body.required ? "" : " | undefined";
  if (s.body.length === 1) {
    const only = s.body[0]!;
    return (
      `${doc}export interface ${identifier(t + "Request")} {\n${base.join("\n")}\n` +
      `  contentType: ${stringLiteral(only.mediaType)};\n` +
      `${bodyDoc(body.description)}  body: ${contentType(only)}${optional};\n}\n`
    );
  }
  const variants = s.body.map((c) => `  | { contentType: ${stringLiteral(c.mediaType)}; body: ${contentType(c)}${optional} }`);
  return (
    `${doc}export type ${identifier(t + "Request")} = {\n${base.join("\n")}\n} & (\n${variants.join("\n")}\n);\n`
  );
}

function bodyDoc(description: string | undefined): string {
  return description ? docComment([description], "  ") : "";
}

/** The TypeScript type of a body of one media type, as the handler receives it (also named in the stubs). */
export function contentTypeOf(c: ContentSchemas): string {
  // XML arrives as text and binary types as bytes: their schemas describe what we do not parse.
  if (!schemaApplies(c.mediaType)) return rawBodyType(c.mediaType);
  if (c.type) return identifier(c.type);
  return bodyKind(c.mediaType) === "text" ? "string" : "unknown";
}

function responseType(e: PlannedEvent): string {
  const t = e.names.type;
  const variants: string[] = [];
  for (const r of e.schemas.responses) {
    const def = e.def.responses.find((d) => d.status === r.status);
    const status = statusType(r.status);
    const headers = r.headers ? `; headers${def?.headers.some((h) => h.required) ? "" : "?"}: ${identifier(r.headers)}` : "";
    const doc = def?.description ? docComment([def.description], "  ") : "";
    if (r.body.length === 0) {
      variants.push(`${doc}  | { status: ${status}; body?: undefined${headers} }`);
    } else if (r.body.length === 1) {
      const c = r.body[0]!;
      variants.push(`${doc}  | { status: ${status}; contentType?: ${stringLiteral(c.mediaType)}; body: ${contentTypeOf(c)}${headers} }`);
    } else {
      for (const c of r.body) {
        variants.push(`${doc}  | { status: ${status}; contentType: ${stringLiteral(c.mediaType)}; body: ${contentTypeOf(c)}${headers} }`);
      }
    }
  }
  if (variants.length === 0) {
    // No responses declared: any status; the receiver answers 200 when the handler returns nothing.
    variants.push(`  | { status: number; contentType?: string; body?: unknown; headers?: Record<string, string> }`);
  }
  const doc = docComment([`What the handler may answer for ${eventTitle(e)}.`]);
  return `${doc}export type ${identifier(t + "Response")} =\n${variants.join("\n")};\n`;
}

function statusType(status: string): string {
  if (/^\d{3}$/.test(status)) return status;
  if (/^[1-5]XX$/.test(status)) return `Status${status}`;
  // `default`: every code the operation does not list.
  return "number";
}

function usedRanges(events: readonly PlannedEvent[]): string[] {
  const set = new Set<string>();
  for (const e of events) for (const r of e.schemas.responses) if (/^[1-5]XX$/.test(r.status)) set.add(r.status);
  return [...set].sort();
}

function rangeTypes(ranges: string[]): string {
  return ranges
    .map((r) => {
      const hundred = Number(r[0]) * 100;
      const codes = Array.from({ length: 100 }, (_, i) => String(hundred + i));
      return `/** Any status code in the ${r} range. */\nexport type Status${r} =\n  | ${codes.join("\n  | ")};\n`;
    })
    .join("\n");
}
