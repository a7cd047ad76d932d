/**
 * Raw body bytes → the value the declared media type describes (the `kind` the generator
 * chose for it): JSON, form fields, multipart fields, multipart parts, text, or the bytes
 * themselves.
 */
import type { ResponseBody } from "./body-read.js";
import { decodeUtf8, parseJson, parseJsonBytes, setOwn } from "./json.js";
import { coerce } from "./params.js";
import { parseParts } from "./multipart-body.js";
import type { BodySpec, FieldSpec } from "./receiver-types.js";

export type ParseResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: "depth" | "syntax" };

/** One field's values → its value: JSON fields parsed, typed fields coerced, repeats kept as arrays. */
function fieldValue(
  name: string,
  values: readonly (string | File)[],
  spec: BodySpec,
  types: ReadonlyMap<string, FieldSpec>,
  maxJsonDepth: number,
): ParseResult {
  if (spec.jsonFields?.includes(name)) {
    const parsed: unknown[] = [];
    for (const v of values) {
      const r = parseJson(typeof v === "string" ? v : "", maxJsonDepth);
      if (!r.ok) return r;
      parsed.push(r.value);
    }
    return { ok: true, value: parsed.length === 1 ? parsed[0] : parsed };
  }
  const type = types.get(name);
  const convert = (v: string | File, t: FieldSpec["type"] | undefined) => (typeof v === "string" ? coerce(v, t) : v);
  if (type?.type === "array") return { ok: true, value: values.map((v) => convert(v, type.items)) };
  const converted = values.map((v) => convert(v, type?.type));
  return { ok: true, value: converted.length === 1 ? converted[0] : converted };
}

function fieldsObject(entries: Iterable<[string, string | File]>, spec: BodySpec, maxJsonDepth: number): ParseResult {
  const grouped = new Map<string, (string | File)[]>();
  for (const [name, value] of entries) {
    const list = grouped.get(name);
    if (list) list.push(value);
    else grouped.set(name, [value]);
  }
  const types = new Map((spec.fields ?? []).map((f) => [f.name, f]));
  const out: Record<string, unknown> = {};
  for (const [name, values] of grouped) {
    const r = fieldValue(name, values, spec, types, maxJsonDepth);
    if (!r.ok) return r;
    setOwn(out, name, r.value);
  }
  return { ok: true, value: out };
}

async function parseMultipart(
  bytes: Uint8Array,
  spec: BodySpec,
  contentType: string,
  maxJsonDepth: number,
): Promise<ParseResult> {
  let form: FormData;
  try {
    // (The cast: see ResponseBody.)
    form = await new Response(bytes as unknown as ResponseBody, {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    return { ok: false, reason: "syntax" };
  }
  // forEach, not entries(): the latter needs the DOM.Iterable lib, which a project may not load.
  const entries: [string, string | File][] = [];
  form.forEach((value, name) => entries.push([name, value]));
  return fieldsObject(entries, spec, maxJsonDepth);
}

/**
 * The body as `spec` describes it. `contentType` is the request's header (multipart needs
 * its boundary). Multipart text fields become strings, file parts `File` objects.
 */
export function parseBody(
  bytes: Uint8Array,
  spec: BodySpec,
  contentType: string,
  maxJsonDepth: number,
): ParseResult | Promise<ParseResult> {
  switch (spec.kind) {
    case "binary":
      return { ok: true, value: bytes };
    case "multipart":
      // The only asynchronous kind: the platform's multipart parser is.
      return parseMultipart(bytes, spec, contentType, maxJsonDepth);
    case "parts":
      // Other multipart types, which the platform's parser refuses: ours (runtime/multipart.ts).
      return parseParts(bytes, spec, contentType, maxJsonDepth);
    case "json":
      return parseJsonBytes(bytes, maxJsonDepth);
    default: {
      const text = decodeUtf8(bytes);
      if (text === undefined) return { ok: false, reason: "syntax" };
      if (spec.kind === "text") return { ok: true, value: text };
      const entries: [string, string][] = [];
      new URLSearchParams(text).forEach((value, name) => entries.push([name, value]));
      return fieldsObject(entries, spec, maxJsonDepth);
    }
  }
}
