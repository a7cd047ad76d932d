/**
 * How the receiver treats a declared media type, in one place for the type emitter (what the
 * handler's `body` is) and the receiver table (how the body is parsed and validated).
 */

/**
 * `multipart` is `multipart/form-data` (fields by name, read by the platform); `parts` is
 * every other multipart type — `multipart/related`, `multipart/mixed`… — handed over as its
 * parts, mapped to the schema's properties (model/part-mapping.ts).
 */
export type BodyKind = "json" | "form" | "multipart" | "parts" | "text" | "binary";

/** `Application/JSON; charset=utf-8` → `application/json`. */
export function essence(mediaType: string): string {
  return (mediaType.split(";")[0] ?? "").trim().toLowerCase();
}

export function bodyKind(mediaType: string): BodyKind {
  const m = essence(mediaType);
  if (m === "application/json" || m.endsWith("+json") || m === "*/*" || m === "application/*") return "json";
  if (m === "application/x-www-form-urlencoded") return "form";
  if (m === "multipart/form-data") return "multipart";
  if (m.startsWith("multipart/")) return "parts";
  if (m.startsWith("text/") || isXml(m)) return "text";
  return "binary";
}

export function isXml(mediaType: string): boolean {
  const m = essence(mediaType);
  return m === "application/xml" || m === "text/xml" || m.endsWith("+xml");
}

/**
 * Whether the spec's schema describes what the handler receives. XML arrives as text (the
 * schema describes the document's structure, which we do not parse) and binary bodies as
 * bytes; everything else is parsed into the value the schema describes (for `parts` bodies,
 * into `body.value`, when the schema's properties describe the parts: model/part-mapping.ts).
 */
export function schemaApplies(mediaType: string): boolean {
  const kind = bodyKind(mediaType);
  return kind === "json" || kind === "form" || kind === "multipart" || kind === "parts" || (kind === "text" && !isXml(mediaType));
}

/** The TypeScript type of a body the schema does not describe. */
export function rawBodyType(mediaType: string): "string" | "Uint8Array" {
  return bodyKind(mediaType) === "binary" ? "Uint8Array" : "string";
}
