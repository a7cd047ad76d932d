/**
 * How the parts of a `parts` body (`multipart/related`, `multipart/mixed`, every multipart
 * type but form-data) fill the properties of the body's schema: per property, the media types
 * of the parts it takes and what a part becomes. One plan for the receiver table (what the
 * runtime maps: templates/runtime/multipart-body.ts), the types (`body.value` and its JSDoc)
 * and the diagnostics, so the three cannot disagree.
 *
 * What a part becomes follows the property's TypeScript type, so that `types.ts`, `schemas.ts`
 * and the runtime agree: `format: binary` strings (`string | Blob`) a Blob of the exact bytes,
 * objects and arrays parsed JSON, other strings, numbers and booleans UTF-8 text (coerced as
 * form fields are) — or JSON when the part's media type is JSON.
 */
import { mayBeFile } from "../schema/files.js";
import { isObject } from "../util/json-pointer.js";
import type { EncodingDef } from "./events.js";
import { essence } from "./media-types.js";
import type { PlannedEvent } from "./plan.js";
import type { SchemaLookup } from "./schema-lookup.js";

export interface PartPlan {
  /** The schema property. */
  name: string;
  /** The media ranges its parts may have, lower-case (the Encoding Object's, else OpenAPI's default for the type). */
  accept: string[];
  as: "json" | "text" | "file";
  /** For `text`: the type the text is coerced to. */
  type?: "number" | "integer" | "boolean";
  /** An array property whose items are parts: it takes every matching part. */
  repeated: boolean;
  /** The part headers its Encoding Object describes, for the documentation. */
  headers: string[];
}

export type PartsPlan =
  /** `notes`: what the receiver may refuse although the spec allows it (reported at generation). */
  | { mapped: true; parts: PartPlan[]; notes: string[] }
  /** `reason`: why a schema the spec gives is not applied (reported); none when there is no schema. */
  | { mapped: false; reason?: string };

/** The plan for a body whose schema is the set member `schemaKey`. */
export function planParts(schemaKey: string | undefined, encoding: readonly EncodingDef[], lookup: SchemaLookup): PartsPlan {
  if (schemaKey === undefined) return { mapped: false };
  const schema = lookup.member(schemaKey)?.schema;
  const properties = lookup.properties(schema);
  if (lookup.topType(schema) !== "object" || properties.size === 0) {
    return {
      mapped: false,
      reason:
        lookup.topType(schema) === "array"
          ? "its parts are described by position (an array schema), which the receiver does not map"
          : "its schema is not an object whose properties describe the parts",
    };
  }
  const byProperty = new Map(encoding.map((e) => [e.property, e]));
  const parts: PartPlan[] = [];
  const notes: string[] = [];
  for (const [name, subs] of properties) {
    const planned = planProperty(name, subs, byProperty.get(name), lookup);
    if ("unsupported" in planned) return { mapped: false, reason: planned.unsupported };
    if (planned.note) notes.push(planned.note);
    parts.push(planned.plan);
  }
  return { mapped: true, parts, notes };
}

function planProperty(
  name: string,
  subs: unknown[],
  encoding: EncodingDef | undefined,
  lookup: SchemaLookup,
): { plan: PartPlan; note?: string } | { unsupported: string } {
  const resolved = subs.map((s) => lookup.resolve(s));
  const top = firstDefined(subs.map((s) => lookup.topType(s)));
  const explicit = encoding?.contentType === undefined ? undefined : mediaRanges(encoding.contentType);
  // OpenAPI (Encoding Object, `contentType`): an array's items are parts of their own — unless
  // the Encoding Object gives the array a JSON type: then one part holds the whole array.
  const repeated = top === "array" && !(explicit !== undefined && explicit.every(isJsonRange));
  const item = repeated ? resolved.map((s) => (isObject(s) ? lookup.resolve(s.items) : undefined)) : resolved;
  const itemTop = repeated ? firstDefined(item.map((s) => lookup.topType(s))) : top;
  const file = item.some((s) => isObject(s) && mayBeFile(s));
  const accept = explicit ?? [defaultContentType(itemTop, file)];
  const json = accept.every(isJsonRange);
  const base = { name, accept, repeated, headers: (encoding?.headers ?? []).map((h) => h.name) };
  if (file) return { plan: { ...base, as: "file" } };
  switch (itemTop) {
    case "object":
    case "array":
      if (!json) return { unsupported: `part "${name}" (${accept.join(", ")}) cannot be parsed into the ${itemTop} its schema describes` };
      return { plan: { ...base, as: "json" } };
    case "string":
    case "number":
    case "integer":
    case "boolean": {
      if (json) return { plan: { ...base, as: "json" } };
      const plan: PartPlan = { ...base, as: "text" };
      if (itemTop !== "string") plan.type = itemTop;
      const note = accept.every(isTextRange)
        ? undefined
        : `part "${name}" (${accept.join(", ")}) is typed ${itemTop}: it must be UTF-8 text; \`format: binary\` would hand over its bytes`;
      return note ? { plan, note } : { plan };
    }
    default:
      // No type: anything validates, so the part's media type decides.
      return { plan: { ...base, as: json ? "json" : accept.every(isTextRange) ? "text" : "file" } };
  }
}

/**
 * The Encoding Object's `contentType` when it is absent (OpenAPI 3.0 to 3.2):
 * `application/octet-stream` for binary strings and schemas without a type, `text/plain` for
 * other primitives, `application/json` for objects and arrays. (3.1's `contentMediaType` is not
 * read: the schema set drops it, see schema/normalize.ts.)
 */
function defaultContentType(top: string | undefined, file: boolean): string {
  if (file || top === undefined) return "application/octet-stream";
  return top === "object" || top === "array" ? "application/json" : "text/plain";
}

/** `image/png, image/*` → `["image/png", "image/*"]`, lower-case, parameters dropped. */
function mediaRanges(contentType: string): string[] {
  const ranges = contentType
    .split(",")
    .map(essence)
    .filter((r) => /^[^/\s]+\/[^/\s]+$/.test(r));
  // Nothing usable: any part may fill the property.
  return ranges.length ? ranges : ["*/*"];
}

function isJsonRange(range: string): boolean {
  return range === "application/json" || range.endsWith("+json");
}

function isTextRange(range: string): boolean {
  return range.startsWith("text/") || isJsonRange(range) || range === "application/xml" || range.endsWith("+xml");
}

function firstDefined<T>(values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

/** The plan of an event's request body of `mediaType` (its Encoding Object is in the event's definition). */
export function requestPartsPlan(e: PlannedEvent, mediaType: string, schemaKey: string | undefined, lookup: SchemaLookup): PartsPlan {
  const def = e.def.requestBody?.content.find((mt) => mt.mediaType === mediaType);
  return planParts(schemaKey, def?.encoding ?? [], lookup);
}
