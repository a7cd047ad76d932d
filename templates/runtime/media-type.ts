/**
 * `Content-Type` parsing (RFC 9110 §8.3.1) and choosing the declared body a request's media
 * type selects. Pure functions over strings.
 */
import type { BodySpec } from "./receiver-types.js";

export interface MediaType {
  /** `type/subtype`, lower-case. */
  readonly essence: string;
  /** Parameter names lower-case; values unquoted, case kept. */
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `Application/JSON; charset="UTF-8"` → `{ essence: "application/json", params: {charset: "UTF-8"} }`; undefined when malformed. */
export function parseMediaType(header: string): MediaType | undefined {
  const semi = header.indexOf(";");
  const essence = (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
  const slash = essence.indexOf("/");
  if (slash <= 0 || !TOKEN.test(essence.slice(0, slash)) || !TOKEN.test(essence.slice(slash + 1))) return undefined;
  const params = new Map<string, string>();
  let rest = semi < 0 ? "" : header.slice(semi + 1);
  while (rest.trim() !== "") {
    const eq = rest.indexOf("=");
    if (eq < 0) return undefined;
    const name = rest.slice(0, eq).trim().toLowerCase();
    if (!TOKEN.test(name)) return undefined;
    rest = rest.slice(eq + 1).trimStart();
    let value: string;
    if (rest.startsWith('"')) {
      // quoted-string: backslash escapes the next character.
      let i = 1;
      value = "";
      for (; i < rest.length && rest[i] !== '"'; i++) value += rest[i] === "\\" ? (rest[++i] ?? "") : rest[i];
      if (i >= rest.length) return undefined;
      rest = rest.slice(i + 1);
      const next = rest.indexOf(";");
      if (rest.slice(0, next < 0 ? undefined : next).trim() !== "") return undefined;
      rest = next < 0 ? "" : rest.slice(next + 1);
    } else {
      const next = rest.indexOf(";");
      value = (next < 0 ? rest : rest.slice(0, next)).trim();
      rest = next < 0 ? "" : rest.slice(next + 1);
    }
    // The first occurrence wins, as most parsers do; a repeated parameter is not an error.
    if (!params.has(name)) params.set(name, value);
  }
  return { essence, params };
}

/**
 * The declared body for a request's media type: an exact match first, then `type/*`, then
 * `*\/*` — the precedence OpenAPI gives to media type ranges (§4.8.14).
 */
export function selectContent(contents: readonly BodySpec[], essence: string): BodySpec | undefined {
  let range: BodySpec | undefined;
  let any: BodySpec | undefined;
  const prefix = essence.slice(0, essence.indexOf("/") + 1);
  for (const c of contents) {
    if (c.mediaType === essence) return c;
    if (!range && c.mediaType.endsWith("/*") && c.mediaType !== "*/*" && c.mediaType.slice(0, -1) === prefix) range = c;
    if (!any && c.mediaType === "*/*") any = c;
  }
  return range ?? any;
}

/** Whether a media type (an essence, lower-case) is in a range: itself, `type/*` or `*\/*`. */
export function inMediaRange(essence: string, range: string): boolean {
  if (range === essence || range === "*/*") return true;
  return range.endsWith("/*") && essence.startsWith(range.slice(0, -1));
}

/** Kinds whose bytes the receiver decodes as text; for them only UTF-8 is accepted. */
export function isTextual(kind: BodySpec["kind"]): boolean {
  return kind === "json" || kind === "text" || kind === "form";
}

/** RFC 9110 §8.3.3: a charset is case-insensitive; only UTF-8 (the default for all our textual kinds) is accepted. */
export function charsetAccepted(type: MediaType): boolean {
  const charset = type.params.get("charset");
  return charset === undefined || charset.toLowerCase() === "utf-8";
}

/** Whether a media type is JSON, for serializing responses (`application/json`, `*\/*+json`). */
export function isJsonMediaType(essence: string): boolean {
  return essence === "application/json" || essence.endsWith("+json");
}
