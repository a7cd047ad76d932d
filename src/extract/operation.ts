/**
 * One Operation Object (plus its Path Item) → one EventDef: parameters merged from the
 * path item, request body, responses with headers, security. `$ref`s on the way are
 * followed here; schemas are kept as located raw values for the bundler.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { DocumentSet } from "../load/types.js";
import type {
  EncodingDef,
  EventDef,
  EventKind,
  ExampleDef,
  HeaderDef,
  MediaTypeDef,
  ParameterDef,
  ParameterLocation,
  ParentOperation,
  RequestBodyDef,
  ResponseDef,
} from "../model/events.js";
import { compareStrings, isObject, joinPointer, sortedKeys } from "../util/json-pointer.js";
import { DISCRIMINATOR_EXTENSION } from "../routes/declared-conditions.js";
import { SIGNATURE_EXTENSIONS } from "../security/signature-scheme.js";
import { child, deref, str, type Located } from "./located.js";

export interface OperationContext {
  kind: EventKind;
  source: EventDef["source"];
  key: string;
  routeKey?: string;
  callbackName?: string;
  method: string;
  parent?: ParentOperation;
}

export function readOperation(
  set: DocumentSet,
  diags: Diagnostics,
  op: Located<Record<string, unknown>>,
  pathItem: Located<Record<string, unknown>>,
  ctx: OperationContext,
): EventDef {
  const o = op.value;
  const where = describe(ctx);
  const event: EventDef = {
    kind: ctx.kind,
    source: ctx.source,
    key: ctx.key,
    method: ctx.method,
    deprecated: o.deprecated === true,
    tags: Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === "string") : [],
    parameters: readParameters(set, diags, pathItem, op, where),
    responses: readResponses(set, diags, child(op, "responses"), where),
    origin: { file: op.file, pointer: op.pointer },
  };
  if (ctx.routeKey !== undefined) event.routeKey = ctx.routeKey;
  if (ctx.callbackName !== undefined) event.callbackName = ctx.callbackName;
  if (ctx.parent) event.parent = ctx.parent;
  const operationId = str(o.operationId);
  if (operationId !== undefined) event.operationId = operationId;
  const summary = str(o.summary) ?? str(pathItem.value.summary);
  if (summary !== undefined) event.summary = summary;
  const description = str(o.description) ?? str(pathItem.value.description);
  if (description !== undefined) event.description = description;
  if (o[DISCRIMINATOR_EXTENSION] !== undefined) {
    event.declaredDiscriminator = { value: o[DISCRIMINATOR_EXTENSION], origin: { file: op.file, pointer: joinPointer(op.pointer, DISCRIMINATOR_EXTENSION) } };
  }
  const signatureExtensions = Object.fromEntries(SIGNATURE_EXTENSIONS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  if (Object.keys(signatureExtensions).length) event.signatureExtensions = signatureExtensions;
  const security = readSecurity(o.security);
  if (security) event.security = security;

  const body = readRequestBody(set, diags, child(op, "requestBody"), where);
  if (body) event.requestBody = body;
  else payloadFromResponse(diags, event);
  return event;
}

function describe(ctx: OperationContext): string {
  if (ctx.kind === "callback") return `callback "${ctx.callbackName}" (${ctx.method.toUpperCase()} ${ctx.key})`;
  return `${ctx.source} "${ctx.key}" (${ctx.method.toUpperCase()})`;
}

/**
 * Path-item parameters apply to every operation; an operation parameter with the same name
 * and location replaces it (OpenAPI §4.8.9 "Operation Object", `parameters`).
 */
function readParameters(
  set: DocumentSet,
  diags: Diagnostics,
  pathItem: Located,
  op: Located,
  where: string,
): ParameterDef[] {
  const byKey = new Map<string, ParameterDef>();
  for (const list of [child(pathItem, "parameters"), child(op, "parameters")]) {
    if (!Array.isArray(list.value)) continue;
    list.value.forEach((_, i) => {
      const p = deref(set, diags, child(list, i), `${where}: parameter #${i}`);
      if (!p || !isObject(p.value)) return;
      const def = readParameter(p as Located<Record<string, unknown>>);
      if (def?.in === "header" && !HTTP_TOKEN.test(def.name)) {
        reportHeaderName(diags, def, where);
        return;
      }
      if (def) byKey.set(`${def.in}\u0000${def.in === "header" ? def.name.toLowerCase() : def.name}`, def);
    });
  }
  return [...byKey.values()].sort((a, b) => compareStrings(a.in, b.in) || compareStrings(a.name, b.name));
}

const LOCATIONS = new Set<ParameterLocation>(["path", "query", "header", "cookie"]);

/** RFC 9110 §5.6.2 `token`: what a field name may be. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A header parameter whose name is no HTTP token (`X Trace`) cannot arrive: no request can
 * carry such a header, and `Headers.get` throws on the name (the fetch-based adapters would
 * answer every request to the event 500, the Node one would read nothing). It is left out of
 * the event — receiver table, headers type, schemas — so that every adapter answers alike.
 */
function reportHeaderName(diags: Diagnostics, def: ParameterDef, where: string): void {
  diags.warning(
    "header-name-invalid",
    `${where}: header parameter ${JSON.stringify(def.name)} is not an HTTP header name (RFC 9110 token characters only); no request can carry it, so it is left out of the receiver and the types`,
    { file: def.origin.file, pointer: joinPointer(def.origin.pointer, "name") },
    "correct the name in the spec (an overlay can), e.g. `X-Trace` for `X Trace`",
  );
}

function readParameter(p: Located<Record<string, unknown>>): ParameterDef | undefined {
  const v = p.value;
  const name = str(v.name);
  const loc = str(v.in) as ParameterLocation | undefined;
  // Structural validation already reported a parameter without name/in; skip it here.
  if (name === undefined || loc === undefined || !LOCATIONS.has(loc)) return undefined;
  const def: ParameterDef = {
    name,
    in: loc,
    required: v.required === true || loc === "path",
    deprecated: v.deprecated === true,
    origin: { file: p.file, pointer: p.pointer },
  };
  const description = str(v.description);
  if (description !== undefined) def.description = description;
  if (typeof v.style === "string") def.style = v.style;
  if (typeof v.explode === "boolean") def.explode = v.explode;
  const example = parameterExample(v);
  if (example !== undefined) def.example = example;
  if (v.schema !== undefined) {
    def.schema = { file: p.file, pointer: joinPointer(p.pointer, "schema"), value: v.schema };
  } else if (isObject(v.content)) {
    const [mediaType] = sortedKeys(v.content);
    if (mediaType !== undefined) {
      def.contentType = mediaType;
      const mt = v.content[mediaType];
      if (isObject(mt) && mt.schema !== undefined) {
        def.schema = { file: p.file, pointer: joinPointer(p.pointer, "content", mediaType, "schema"), value: mt.schema };
      }
    }
  }
  return def;
}

function parameterExample(v: Record<string, unknown>): unknown {
  if (v.example !== undefined) return v.example;
  if (!isObject(v.examples)) return undefined;
  const first = v.examples[sortedKeys(v.examples)[0] ?? ""];
  return isObject(first) && typeof first.$ref !== "string" ? first.value : undefined;
}

function readRequestBody(set: DocumentSet, diags: Diagnostics, node: Located, where: string): RequestBodyDef | undefined {
  if (node.value === undefined) return undefined;
  const body = deref(set, diags, node, `${where}: requestBody`);
  if (!body || !isObject(body.value)) return undefined;
  const def: RequestBodyDef = {
    required: body.value.required === true,
    content: readContent(set, diags, child(body, "content"), `${where}: requestBody`),
    origin: { file: body.file, pointer: body.pointer },
  };
  const description = str(body.value.description);
  if (description !== undefined) def.description = description;
  return def;
}

/**
 * A `content` map. Both the map and its Media Type Objects may be `$ref`s: 3.2 has
 * `components/mediaTypes`, and multi-file documents (Lob) reference whole maps.
 */
function readContent(set: DocumentSet, diags: Diagnostics, node: Located, where: string): MediaTypeDef[] {
  const content = node.value === undefined ? node : deref(set, diags, node, `${where}: content`);
  if (!content || !isObject(content.value)) return [];
  const out: MediaTypeDef[] = [];
  for (const mediaType of sortedKeys(content.value)) {
    if (mediaType.startsWith("x-")) continue;
    const mt = deref(set, diags, child(content, mediaType), `${where}: ${mediaType}`);
    if (!mt) continue;
    const def: MediaTypeDef = {
      mediaType,
      examples: readExamples(set, diags, mt, `${where}: ${mediaType}`),
      encoding: readEncoding(set, diags, child(mt, "encoding"), `${where}: ${mediaType}`),
      origin: { file: mt.file, pointer: mt.pointer },
    };
    if (isObject(mt.value) && mt.value.schema !== undefined) {
      def.schema = { file: mt.file, pointer: joinPointer(mt.pointer, "schema"), value: mt.value.schema };
    }
    out.push(def);
  }
  return out;
}

/**
 * A Media Type Object's `encoding` map. Encoding Objects are never `$ref`s; the Header
 * Objects in them may be.
 */
function readEncoding(set: DocumentSet, diags: Diagnostics, node: Located, where: string): EncodingDef[] {
  if (!isObject(node.value)) return [];
  const out: EncodingDef[] = [];
  for (const property of sortedKeys(node.value)) {
    const e = child(node, property);
    if (!isObject(e.value)) continue;
    const def: EncodingDef = { property, headers: [], origin: { file: e.file, pointer: e.pointer } };
    const contentType = str(e.value.contentType);
    if (contentType !== undefined) def.contentType = contentType;
    const headers = child(e, "headers");
    if (isObject(headers.value)) {
      for (const name of sortedKeys(headers.value)) {
        // "Content-Type is described separately and SHALL be ignored in this section."
        if (name.toLowerCase() === "content-type") continue;
        const h = deref(set, diags, child(headers, name), `${where}: encoding ${property}: header ${name}`);
        if (h) def.headers.push({ name, required: isObject(h.value) && h.value.required === true });
      }
    }
    out.push(def);
  }
  return out;
}

/** `example`, then `examples` in key order; an Example Object without `value` (only `externalValue`) gives none. */
function readExamples(set: DocumentSet, diags: Diagnostics, mt: Located, where: string): ExampleDef[] {
  if (!isObject(mt.value)) return [];
  const out: ExampleDef[] = [];
  if (mt.value.example !== undefined) out.push({ value: mt.value.example, origin: { file: mt.file, pointer: joinPointer(mt.pointer, "example") } });
  const examples = child(mt, "examples");
  if (!isObject(examples.value)) return out;
  for (const name of sortedKeys(examples.value)) {
    const ex = deref(set, diags, child(examples, name), `${where}: example "${name}"`);
    if (!ex || !isObject(ex.value) || !Object.hasOwn(ex.value, "value")) continue;
    const value = exampleValue(set, child(ex, "value"));
    if (value) out.push({ name, value: value.value, origin: { file: value.file, pointer: value.pointer } });
  }
  return out;
}

/**
 * An Example Object's `value` is literal, but documents split into files write it as a `$ref`
 * to a JSON file (Dropbox Sign): followed, within the same confinement as every `$ref`. One
 * that does not resolve is left out — an example is documentation, never a reason to fail.
 */
function exampleValue(set: DocumentSet, node: Located): Located | undefined {
  const v = node.value;
  if (!isObject(v) || typeof v.$ref !== "string" || Object.keys(v).length !== 1) return node;
  const target = set.resolveRef(v.$ref, node.file);
  return target.ok ? { file: target.file, pointer: target.pointer, value: target.value } : undefined;
}

function readResponses(set: DocumentSet, diags: Diagnostics, node: Located, where: string): ResponseDef[] {
  const responses = node.value === undefined ? node : deref(set, diags, node, `${where}: responses`);
  if (!responses || !isObject(responses.value)) return [];
  const out: ResponseDef[] = [];
  for (const status of Object.keys(responses.value)) {
    if (status.startsWith("x-")) continue;
    const r = deref(set, diags, child(responses, status), `${where}: response ${status}`);
    if (!r || !isObject(r.value)) continue;
    const def: ResponseDef = {
      status: /^[1-5]xx$/i.test(status) ? status.toUpperCase() : status,
      content: readContent(set, diags, child(r, "content"), `${where}: response ${status}`),
      headers: readHeaders(set, diags, child(r, "headers"), `${where}: response ${status}`),
      origin: { file: r.file, pointer: r.pointer },
    };
    const description = str(r.value.description);
    if (description !== undefined) def.description = description;
    out.push(def);
  }
  return out.sort((a, b) => statusRank(a.status) - statusRank(b.status) || compareStrings(a.status, b.status));
}

/** Explicit codes first (numerically), then ranges, then `default`. */
function statusRank(status: string): number {
  if (/^\d{3}$/.test(status)) return Number(status);
  if (/^[1-5]XX$/.test(status)) return 1000 + Number(status[0]);
  return 2000;
}

function readHeaders(set: DocumentSet, diags: Diagnostics, node: Located, where: string): HeaderDef[] {
  const headers = node.value === undefined ? node : deref(set, diags, node, `${where}: headers`);
  if (!headers || !isObject(headers.value)) return [];
  const out: HeaderDef[] = [];
  for (const name of sortedKeys(headers.value)) {
    // "If a response header is defined with the name Content-Type, it SHALL be ignored."
    if (name.toLowerCase() === "content-type") continue;
    const h = deref(set, diags, child(headers, name), `${where}: header ${name}`);
    if (!h || !isObject(h.value)) continue;
    const def: HeaderDef = { name, required: h.value.required === true, origin: { file: h.file, pointer: h.pointer } };
    const description = str(h.value.description);
    if (description !== undefined) def.description = description;
    if (h.value.schema !== undefined) def.schema = { file: h.file, pointer: joinPointer(h.pointer, "schema"), value: h.value.schema };
    out.push(def);
  }
  return out;
}

function readSecurity(v: unknown): string[][] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter(isObject).map((req) => Object.keys(req).sort(compareStrings));
}

/**
 * Some providers describe a webhook's payload as the *response* of the webhook operation
 * and give no requestBody (Lob's `x-webhooks`). For webhooks — never for callbacks, whose
 * responses are what the consumer returns — the first successful response with content is
 * taken as the payload, and the consumer's response keeps only the status.
 */
function payloadFromResponse(diags: Diagnostics, event: EventDef): void {
  if (event.kind !== "webhook") return;
  const success = event.responses.find((r) => /^2(\d\d|XX)$/.test(r.status) && r.content.length > 0);
  if (!success) return;
  event.requestBody = {
    required: true,
    content: success.content,
    origin: success.origin,
    fromResponse: true,
    ...(success.description !== undefined ? { description: success.description } : {}),
  };
  event.responses = event.responses.map((r) => (r === success ? { ...r, content: [] } : r));
  diags.info(
    "event-payload-as-response",
    `${event.source} "${event.key}" has no requestBody; its ${success.status} response describes the payload and is used as the request body`,
    { file: event.origin.file, pointer: event.origin.pointer },
    "describe the payload under `requestBody` so that other tools read it the same way",
  );
}
