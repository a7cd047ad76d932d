/**
 * One delivery, declared several times, is one event. Providers that attach the same callback
 * to many operations (Telnyx declares `callAnswered` under every call-control operation, each
 * sending it to the same `webhook_url`) describe one request, not many: several handlers for
 * it could never be told apart, and only the first would ever run.
 *
 * Two declarations are the same delivery when they have the same kind and name (webhook key,
 * or callback name), method and route, and the same parameters, request bodies and responses
 * — schemas compared after `$ref` resolution: a `$ref` stands for the place it resolves to,
 * inline schemas for their text. Events that share a route and a shape under different names
 * stay apart: routing tells them apart or reports them.
 */
import type { DocumentSet } from "../load/types.js";
import type { EventDef, LocatedSchema, MediaTypeDef } from "../model/events.js";
import type { EventRoute } from "../model/plan.js";
import { essence } from "../model/media-types.js";
import { isObject } from "../util/json-pointer.js";

export interface Declared {
  def: EventDef;
  route: EventRoute;
}

/**
 * The events with each delivery declared once: the first declaration (in document order)
 * stands for the group and lists the others in `alsoDeclared`.
 */
export function mergeSameDeliveries(set: DocumentSet, events: readonly Declared[]): Declared[] {
  const byShape = new Map<string, Declared>();
  const out: Declared[] = [];
  for (const e of events) {
    const key = deliveryKey(set, e);
    const first = byShape.get(key);
    if (first) {
      first.def.alsoDeclared = [...(first.def.alsoDeclared ?? []), e.def];
      continue;
    }
    const own: Declared = { def: { ...e.def }, route: e.route };
    byShape.set(key, own);
    out.push(own);
  }
  return out;
}

function deliveryKey(set: DocumentSet, { def, route }: Declared): string {
  const schema = (s: LocatedSchema | undefined) => (s ? canonical(set, s.value, s.file) : null);
  const content = (list: readonly MediaTypeDef[]) => list.map((mt) => [essence(mt.mediaType), schema(mt.schema)]);
  return JSON.stringify([
    def.kind,
    def.source === "x-webhooks" ? "webhooks" : def.source,
    def.kind === "callback" ? def.callbackName : def.key,
    route.method,
    route.origin ?? "",
    route.path,
    route.constantQuery,
    route.expressionQuery.map((q) => q.name),
    def.parameters.map((p) => [p.in, p.in === "header" ? p.name.toLowerCase() : p.name, p.required, p.style ?? null, p.explode ?? null, p.contentType ?? null, schema(p.schema)]),
    def.requestBody ? [def.requestBody.required, content(def.requestBody.content)] : null,
    def.responses.map((r) => [r.status, content(r.content), r.headers.map((h) => [h.name.toLowerCase(), h.required, schema(h.schema)])]),
  ]);
}

/**
 * A schema's text with every `$ref` replaced by the place it resolves to (`file#pointer`), so
 * that `#/components/schemas/X` written in two files, or through two aliases, compare equal.
 * Only the inline text is walked: a reference is not followed.
 */
function canonical(set: DocumentSet, value: unknown, file: string): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(set, v, file));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (key === "$ref" && typeof v === "string") {
      const target = set.resolveRef(v, file);
      out[key] = target.ok ? `${target.file}#${target.pointer}` : v;
    } else {
      out[key] = canonical(set, v, file);
    }
  }
  return out;
}
