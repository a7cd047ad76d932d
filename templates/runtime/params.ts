/**
 * Parameter strings from the URL, headers and cookies → the values the generated schemas
 * validate (OpenAPI 3.1 §4.8.12.4, "Style Values" and "Style Examples").
 *
 * Deserialization never fails: text that does not read as the declared type (`abc` for an
 * integer) is passed on as the string it is, and the schema reports it — so every bad
 * parameter answers `validationStatus` with the parameter's location and name, exactly
 * like a bad body field. Keys named `__proto__` are dropped (see json.ts).
 */
import { parseJson, setOwn } from "./json.js";
import { isJsonMediaType, parseMediaType } from "./media-type.js";
import type { ParamSpec, ParamType } from "./receiver-types.js";

export type ParamIn = ParamSpec["in"];
export type ParamValues = Record<ParamIn, Record<string, unknown>>;

/** Where parameter text comes from; all of it still percent-encoded except headers. */
export interface ParamSource {
  /** Path parameter text by name, as captured from the path (percent-encoded). */
  readonly path: Readonly<Record<string, string>>;
  /** The query string without `?`. */
  readonly query: string;
  header(name: string): string | null;
}

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** One item of text → the declared scalar type, or the text itself when it does not read as one. */
export function coerce(text: string, type: ParamType | undefined): unknown {
  switch (type) {
    case "number":
    case "integer":
      return NUMBER.test(text) ? Number(text) : text;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : text;
    default:
      return text;
  }
}

/** `decodeURIComponent`, keeping text with a malformed escape as it is (the schema judges it). */
export function decodeComponent(text: string, plusIsSpace = false): string {
  const t = plusIsSpace ? text.replace(/\+/g, " ") : text;
  if (!t.includes("%")) return t;
  try {
    return decodeURIComponent(t);
  } catch {
    return t;
  }
}

/** `a=1&b=2&a=3` → [[a,1],[b,2],[a,3]] with names decoded and values still encoded. */
export function queryPairs(query: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    out.push(
      eq < 0 ? [decodeComponent(part, true), ""] : [decodeComponent(part.slice(0, eq), true), part.slice(eq + 1)],
    );
  }
  return out;
}

/** `a=1; b=2` → [[a,1],[b,2]], values still encoded. */
export function cookiePairs(header: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name) out.push([name, value]);
  }
  return out;
}

/** Encoded list text → decoded, coerced items. */
function items(parts: readonly string[], type: ParamType | undefined, decode: (s: string) => string): unknown[] {
  return parts.map((p) => coerce(decode(p), type));
}

/** `k1,v1,k2,v2` (explode false) or `k1=v1,k2=v2` (explode true), split by `sep`. */
function objectFrom(
  text: string,
  sep: string | RegExp,
  explode: boolean,
  decode: (s: string) => string,
): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  const parts = text === "" ? [] : text.split(sep);
  if (explode) {
    for (const p of parts) {
      const eq = p.indexOf("=");
      if (eq > 0) setOwn(obj, decode(p.slice(0, eq)), decode(p.slice(eq + 1)));
    }
  } else {
    for (let i = 0; i + 1 < parts.length; i += 2) setOwn(obj, decode(parts[i]!), decode(parts[i + 1]!));
  }
  return obj;
}

/** A parameter described with `content` (e.g. JSON in a query string): parse it as that media type. */
function fromContent(text: string, contentType: string, maxJsonDepth: number): unknown {
  const essence = parseMediaType(contentType)?.essence ?? contentType;
  if (!isJsonMediaType(essence)) return text;
  const parsed = parseJson(text, maxJsonDepth);
  return parsed.ok ? parsed.value : text;
}

/** A path parameter: styles `simple` (default), `label`, `matrix`. */
function pathValue(spec: ParamSpec, raw: string, maxJsonDepth: number): unknown {
  const decode = (s: string) => decodeComponent(s);
  if (spec.contentType) return fromContent(decode(raw), spec.contentType, maxJsonDepth);
  const style = spec.style ?? "simple";
  const explode = spec.explode ?? false;
  let text = raw;
  let sep: string | RegExp = ",";
  if (style === "label") {
    if (!text.startsWith(".")) return decode(text);
    text = text.slice(1);
    if (explode) sep = ".";
  } else if (style === "matrix") {
    const prefix = `;${spec.name}=`;
    if (spec.type === "object" && explode) {
      // `;R=100;G=200`: the properties are the pairs.
      return objectFrom(text.startsWith(";") ? text.slice(1) : text, ";", true, decode);
    }
    if (spec.type === "array" && explode) {
      return items(
        text
          .split(";")
          .filter((p) => p.startsWith(`${spec.name}=`))
          .map((p) => p.slice(spec.name.length + 1)),
        spec.items,
        decode,
      );
    }
    if (!text.startsWith(prefix)) return decode(text);
    text = text.slice(prefix.length);
  }
  return structured(spec, text, sep, explode, decode);
}

/** The value of a parameter whose text is one string: arrays and objects split by `sep`. */
function structured(
  spec: ParamSpec,
  text: string,
  sep: string | RegExp,
  explode: boolean,
  decode: (s: string) => string,
): unknown {
  if (spec.type === "array") return items(text === "" ? [] : text.split(sep), spec.items, decode);
  if (spec.type === "object") return objectFrom(text, sep, explode, decode);
  return coerce(decode(text), spec.type);
}

/** List delimiters in query strings; a space arrives as `%20` or `+`. */
const DELIMITER: Record<string, string | RegExp> = { form: ",", spaceDelimited: /%20|\+/i, pipeDelimited: /%7C|\|/i };

/** A query parameter: styles `form` (default), `spaceDelimited`, `pipeDelimited`, `deepObject`. */
function queryValue(
  spec: ParamSpec,
  pairs: [string, string][],
  others: ReadonlySet<string>,
  maxJsonDepth: number,
): unknown {
  const decode = (s: string) => decodeComponent(s, true);
  const style = spec.style ?? "form";
  const explode = spec.explode ?? style === "form";
  if (style === "deepObject") {
    const obj: Record<string, unknown> = {};
    let found = false;
    const open = `${spec.name}[`;
    for (const [name, value] of pairs) {
      if (name.startsWith(open) && name.endsWith("]")) {
        setOwn(obj, name.slice(open.length, -1), decode(value));
        found = true;
      }
    }
    return found ? obj : undefined;
  }
  if (spec.type === "object" && explode && !spec.contentType) {
    // Exploded form objects have no name of their own: every pair no other parameter claims.
    const obj: Record<string, unknown> = {};
    let found = false;
    for (const [name, value] of pairs) {
      if (!others.has(name)) {
        setOwn(obj, name, decode(value));
        found = true;
      }
    }
    return found ? obj : undefined;
  }
  const mine = pairs.filter(([name]) => name === spec.name).map(([, value]) => value);
  if (mine.length === 0) return undefined;
  if (spec.contentType) return fromContent(decode(mine[0]!), spec.contentType, maxJsonDepth);
  if (spec.type === "array" && explode) return items(mine, spec.items, decode);
  // A scalar sent twice keeps its first value; the schema sees one value, as declared.
  return structured(spec, mine[0]!, DELIMITER[style] ?? ",", explode, decode);
}

/** A header parameter: style `simple`; header values are not percent-encoded. */
function headerValue(spec: ParamSpec, text: string, maxJsonDepth: number): unknown {
  if (spec.contentType) return fromContent(text, spec.contentType, maxJsonDepth);
  // Lists in headers have optional whitespace around the commas (RFC 9110 §5.6.1).
  const trim = (s: string) => s.trim();
  if (spec.type === "array") return items(text === "" ? [] : text.split(","), spec.items, trim);
  if (spec.type === "object") return objectFrom(text, ",", spec.explode ?? false, trim);
  return coerce(text, spec.type);
}

/** A cookie parameter: style `form`, values percent-decoded. */
function cookieValue(spec: ParamSpec, raw: string, maxJsonDepth: number): unknown {
  const decode = (s: string) => decodeComponent(s);
  if (spec.contentType) return fromContent(decode(raw), spec.contentType, maxJsonDepth);
  return structured(spec, raw, ",", spec.explode ?? true, decode);
}

/** Every declared parameter's value, by location and name; absent parameters have no key. */
export function deserializeParams(specs: readonly ParamSpec[], source: ParamSource, maxJsonDepth: number): ParamValues {
  const out: ParamValues = { path: {}, query: {}, header: {}, cookie: {} };
  let pairs: [string, string][] | undefined;
  let cookies: Map<string, string> | undefined;
  let queryNames: Set<string> | undefined;
  for (const spec of specs) {
    let value: unknown;
    switch (spec.in) {
      case "path": {
        const raw = source.path[spec.name];
        if (raw !== undefined) value = pathValue(spec, raw, maxJsonDepth);
        break;
      }
      case "query": {
        pairs ??= queryPairs(source.query);
        queryNames ??= new Set(specs.filter((s) => s.in === "query").map((s) => s.name));
        value = queryValue(spec, pairs, queryNames, maxJsonDepth);
        break;
      }
      case "header": {
        const text = source.header(spec.name);
        if (text !== null) value = headerValue(spec, text, maxJsonDepth);
        break;
      }
      case "cookie": {
        if (!cookies) {
          // The first cookie of a name wins (RFC 6265 §5.4 puts the most specific first).
          cookies = new Map();
          for (const [name, raw] of cookiePairs(source.header("cookie") ?? ""))
            if (!cookies.has(name)) cookies.set(name, raw);
        }
        const raw = cookies.get(spec.name);
        if (raw !== undefined) value = cookieValue(spec, raw, maxJsonDepth);
        break;
      }
    }
    if (value !== undefined) setOwn(out[spec.in], spec.name, value);
  }
  return out;
}
