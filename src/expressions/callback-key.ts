/**
 * Callback keys → routes (DESIGN.md §3).
 *
 * A Callback Object key (OAS 3.0.3 §4.7.18, 3.1.1 §4.8.18) is "a runtime expression that can
 * be evaluated in the context of a runtime HTTP request/response to identify the URL to be
 * used for the callback request"; expressions are embedded in literal text by surrounding them
 * with `{}` (OAS "Runtime Expressions"). The spec gives no grammar for that template, so this
 * module fixes one:
 *
 * - An expression runs from `{` to the first `}`. A `{` met before any `}` means the earlier
 *   brace was never closed (the expression then ends where the next one starts, or at the end
 *   of the key). The ABNF lets `{` and `}` occur inside a JSON pointer, but no real key does,
 *   while a forgotten `}` does occur (3GPP TS 29.565), so this reading is the useful one; the
 *   price is that a pointer token containing `{` or `}` cannot be written inside a key.
 * - A `}` outside an expression is literal text (and reported, since it is probably a typo).
 *
 * The consumer owns the URL it gave the provider, so a key that starts with an expression is
 * read as "that URL (the subscriber base) + a route"; the route is what the consumer serves,
 * relative to its base. A key that starts with `scheme://` fixes the host (`route.origin`).
 * A key that breaks the grammar is read the likely way when that is unambiguous (a missing
 * `$`, a dotted body path, a missing `}`), and otherwise falls back to "a URL the subscriber
 * supplied, route `/`"; either way it is classified and reported with a hint. This function
 * never throws and never rejects a key.
 *
 * Route paths are data in one unambiguous form: RFC 3986 path characters (pchar and `/`),
 * with everything else — including literal `{` and `}` — percent-encoded (UTF-8, upper-case
 * hex; existing `%XX` escapes are kept). The only braces left are path parameters, and they
 * always enclose a JS identifier: `/items/{id}.json`. Receivers should compare request paths
 * with literal segments after percent-decoding both (RFC 3986 §6.2.2).
 */
import { isValidIdentifier } from "../emit/encoders.js";
import { formatRuntimeExpression, parseRuntimeExpression, type RuntimeExpression } from "./runtime-expression.js";

/**
 * What a key looks like as a whole; the first matching description wins (see `shapeOf`).
 *
 * Standard keys:
 * - `expression` — one expression is the whole key: `{$request.body#/callbackUrl}`.
 * - `expression-with-path` — a base expression, then path and/or query: `{$request.query.callbackUrl}/data`.
 * - `absolute-url-with-expressions` — the key fixes the host: `http://notify.example.com?tx={$request.body#/id}`.
 * - `expression-in-authority` — the host itself is computed: `https://{$request.body#/host}/hooks`.
 *
 * Non-standard keys (a fallback route is used and a problem reported):
 * - `empty` — `""`.
 * - `unclosed-brace` — `{$request.body#/subsNotifUri` (3GPP TS 29.565).
 * - `free-text` — prose: `Provided URL in /webhook_subscriptions` (ContentGroove).
 * - `missing-dollar` — `{request.body#/notifUri}` (3GPP).
 * - `dotted-body` — `{$request.body.id}` (FastAPI).
 * - `nonstandard-variable` — `{$callback_url}` (FastAPI).
 * - `bare-variable` — `{webhookURL}` (Up Bank), `{eventNotificationUri}` (3GPP).
 * - `empty-expression` — `{}`.
 * - `invalid-expression` — anything else between braces: `{$request.bogus}`, `{ $url }`.
 * - `stray-brace` — a `}` that closes nothing: `{$request.body#/url}}`.
 * - `relative-path` — no base and no host: `/hooks/{$request.body#/id}`.
 * - `absolute-url` — a constant URL: `https://search.example.org/api/v1/search/videos` (PeerTube).
 */
export type KeyShape =
  | "expression"
  | "expression-with-path"
  | "absolute-url-with-expressions"
  | "expression-in-authority"
  | "empty"
  | "unclosed-brace"
  | "free-text"
  | "missing-dollar"
  | "dotted-body"
  | "nonstandard-variable"
  | "bare-variable"
  | "empty-expression"
  | "invalid-expression"
  | "stray-brace"
  | "relative-path"
  | "absolute-url";

/** How one `{…}` part reads. */
export type ExpressionStatus =
  | "standard"
  | "missing-dollar"
  | "dotted-body"
  | "nonstandard-variable"
  | "bare-variable"
  | "empty"
  /** Broken; `expression` is set only when the fix is unambiguous (spaces inside the braces). */
  | "invalid";

export interface ExpressionReading {
  status: ExpressionStatus;
  /** The expression as parsed, or as repaired (`missing-dollar`, `dotted-body`, padded `invalid`). */
  expression?: RuntimeExpression;
  /** The strict parser's complaint, offset relative to the text inside the braces. */
  error?: { message: string; offset: number };
}

export interface KeyProblem {
  /** `warning`: the key breaks the grammar or cannot be routed as written; `info`: valid, but worth a look. */
  severity: "warning" | "info";
  /** What is wrong, quoting the key. */
  message: string;
  /** The fallback used, and how the provider should write it. */
  hint: string;
  /** UTF-16 offset in the key, when the problem has a position. */
  offset?: number;
}

export interface PathParam {
  /** Unique JS identifier; `{name}` in `route.path`. */
  name: string;
  /** The text between the braces, as written in the key. */
  expression: string;
  /** The expression it reads as (repaired when non-standard); absent when nothing sensible could be read. */
  source?: RuntimeExpression;
}

export interface QueryParam {
  /** The query parameter name on the wire, percent-decoded. */
  name: string;
  /** Value fixed by the key (percent-decoded); `""` for `?flag` and `?flag=`. */
  constant?: string;
  /** The value's template as written: one expression (`$request.body#/id`), or text mixed with `{…}`. */
  expression?: string;
  /** Unique JS identifier for an expression-valued parameter (shared namespace with path params). */
  identifier?: string;
  /** Set when the value is exactly one expression that could be read. */
  source?: RuntimeExpression;
}

export interface CallbackRoute {
  /** `scheme://authority` as written, when the key fixes the host. */
  origin?: string;
  /** Starts with `/`; relative to the subscriber's base URL, or to `origin`. See the module comment for its form. */
  path: string;
  pathParams: PathParam[];
  queryParams: QueryParam[];
}

/**
 * Where the base URL comes from: an expression (as written in `text`, read as `expression`),
 * or something outside the grammar (`nonstandard`: the text that stands for it, possibly "").
 */
export type SubscriberBase = { expression: RuntimeExpression; text: string } | { nonstandard: string };

/**
 * What the key writes right after the base: nothing, `/…`, `?…`, or other text glued on
 * directly (`{$x}data`, `{$x}{$y}`). It decides how a trailing slash in the base behaves,
 * because the provider substitutes the base and concatenates literally.
 */
export type AfterBase = "end" | "slash" | "query" | "text";

export interface CallbackKeyAnalysis {
  key: string;
  shape: KeyShape;
  /**
   * True when the key is a template of valid runtime expressions that yields an absolute URL:
   * balanced braces, at least one expression, every expression valid, and the key starts with
   * an expression or with `scheme://`.
   */
  standard: boolean;
  route: CallbackRoute;
  /** Absent when the key fixes the host (`route.origin`) or computes only part of it. */
  subscriberBase?: SubscriberBase;
  /** Set whenever `subscriberBase` is. */
  afterBase?: AfterBase;
  /** Sorted by offset (key-level problems without an offset first). */
  problems: KeyProblem[];
}

export function analyzeCallbackKey(key: string): CallbackKeyAnalysis {
  const parts = splitTemplate(key);
  const lead = leadOf(key, parts);
  const usage: Usage = new Map();
  const { route, subscriberBase, afterBase, problems } = readLead(key, lead, parts, usage);
  const unclosed = parts.filter((p): p is ExpressionPart => p.kind === "expression" && !p.closed);
  const strayAt = strayBraceOffsets(parts);
  problems.push(...braceProblems(unclosed, strayAt));
  for (const p of parts) {
    if (p.kind === "expression") problems.push(...expressionProblems(p, usage.get(p) ?? { ignored: "it is not used" }));
  }
  const broken = unclosed.length > 0 || strayAt.length > 0;
  return {
    key,
    shape: shapeOf(lead, parts, unclosed.length > 0, strayAt.length > 0),
    standard: !broken && isStandardTemplate(lead, parts),
    route,
    ...(subscriberBase ? { subscriberBase } : {}),
    ...(afterBase ? { afterBase } : {}),
    problems: sortProblems(problems),
  };
}

/** Balanced braces aside: at least one expression, all valid, and an absolute URL as the result. */
function isStandardTemplate(lead: Lead, parts: Part[]): boolean {
  return (
    (lead.kind === "base" || lead.kind === "absolute" || lead.kind === "authority") &&
    parts.some((p) => p.kind === "expression") &&
    parts.every((p) => p.kind === "literal" || p.reading.status === "standard")
  );
}

interface LeadReading {
  route: CallbackRoute;
  subscriberBase?: SubscriberBase;
  afterBase?: AfterBase;
  problems: KeyProblem[];
}

/** The route and base for each way a key can start; records how each expression is used. */
function readLead(key: string, lead: Lead, parts: Part[], usage: Usage): LeadReading {
  const problems: KeyProblem[] = [];
  const names = new NameClaimer();
  const root: CallbackRoute = { path: "/", pathParams: [], queryParams: [] };
  switch (lead.kind) {
    case "empty":
      problems.push(warning("the callback key is empty", `${FALLBACK} ${WRITE_EXPRESSION}`));
      return { route: root, subscriberBase: { nonstandard: "" }, afterBase: "end", problems };
    case "free-text":
      for (const p of parts) if (p.kind === "expression") usage.set(p, { ignored: "the key is read as prose" });
      problems.push(warning(`the callback key ${quote(key)} is not a URL template: it starts with neither an \`{expression}\` nor \`scheme://\``, `${FALLBACK} ${WRITE_EXPRESSION}`));
      return { route: root, subscriberBase: { nonstandard: key }, afterBase: "end", problems };
    case "base": {
      usage.set(lead.base, { as: "the URL the subscriber supplied; the route is relative to it" });
      const route = buildRoute(lead.rest, names, usage, problems);
      const afterBase = afterBaseOf(lead.rest);
      problems.push(...baseProblems(lead.base, afterBase, route));
      return { route, subscriberBase: baseOf(lead.base), afterBase, problems };
    }
    case "relative": {
      const route = buildRoute(lead.rest, names, usage, problems);
      problems.push(
        warning(
          `the callback key ${quote(key)} starts with a path, not with a URL or an expression`,
          `Read as a path relative to a URL the subscriber supplied: the route is \`${route.path}\`. The provider should start the key with the expression that carries the URL, e.g. \`{$request.body#/callbackUrl}${key}\`.`,
        ),
      );
      return { route, subscriberBase: { nonstandard: "" }, afterBase: "slash", problems };
    }
    case "absolute": {
      const route = { ...buildRoute(lead.rest, names, usage, problems), origin: lead.origin };
      if (!parts.some((p) => p.kind === "expression")) {
        problems.push(
          warning(
            `the callback key is a constant URL with no runtime expression: the provider always calls ${quote(key)}`,
            `The route is \`${route.path}\` on ${lead.origin}; serve it only if you run that host. If the URL should come from the subscriber, the provider should write e.g. \`{$request.body#/callbackUrl}\`.`,
          ),
        );
      }
      return { route, problems };
    }
    case "authority": {
      for (const p of parts) if (p.kind === "expression" && p.offset < lead.prefix.length) usage.set(p, { as: "part of the host" });
      const route = buildRoute(lead.rest, names, usage, problems);
      problems.push(
        info(
          `the host of the callback URL is computed: ${quote(lead.prefix)}`,
          `The route is \`${route.path}\` on that host. No subscription helper can be generated, because the subscriber supplies only part of the URL.`,
        ),
      );
      return { route, problems };
    }
  }
}

/** Text glued to the base, or a base that cannot be a URL. */
function baseProblems(base: ExpressionPart, afterBase: AfterBase, route: CallbackRoute): KeyProblem[] {
  const out: KeyProblem[] = [];
  const written = quote("{" + base.text + "}");
  if (afterBase === "text") {
    out.push(
      info(
        `text follows the base ${written} without a \`/\`: the provider appends it directly to the URL you supply`,
        `The route assumes a \`/\` in between (\`${route.path}\`), so the URL you register must end with \`/\` (the subscription helper takes care of it). Providers normally write \`{…}/…\`.`,
        base.end,
      ),
    );
  }
  const e = base.reading.expression;
  if (base.reading.status === "standard" && (e?.kind === "method" || e?.kind === "statusCode")) {
    out.push(
      warning(
        `the base ${written} evaluates to ${e.kind === "method" ? "an HTTP method" : "a status code"}, not a URL`,
        `Still treated as a URL the subscriber supplied, with the route \`${route.path}\` relative to it. ${WRITE_EXPRESSION}`,
        base.offset,
      ),
    );
  }
  return out;
}

function braceProblems(unclosed: ExpressionPart[], strayAt: number[]): KeyProblem[] {
  const out = unclosed.map((p) =>
    warning(`the \`{\` at offset ${p.offset} is never closed`, `Read as if \`}\` followed it: ${quote("{" + p.text + "}")}. The provider should close the brace.`, p.offset),
  );
  if (strayAt.length > 0) {
    out.push(
      warning(
        `the \`}\` at offset ${strayAt[0]} closes no \`{\`` + (strayAt.length > 1 ? ` (${strayAt.length} such braces)` : ""),
        "Kept as literal text (`%7D` in the route). The provider should remove it, or add the missing `{`.",
        strayAt[0],
      ),
    );
  }
  return out;
}

const FALLBACK = "Treated as a URL the subscriber supplied (registered out of band); the route is `/` relative to it.";
const WRITE_EXPRESSION = "The provider should write the expression that carries the URL, e.g. `{$request.body#/callbackUrl}`.";

// ── reading one `{…}` ────────────────────────────────────────────────────────────────────

const ROOTS = new Set(["url", "method", "statuscode", "request", "response"]);

/**
 * Reads the text between braces: strictly first, then the non-standard forms seen in real
 * documents (STATS.md, finding 2), most specific first.
 */
export function readExpression(text: string): ExpressionReading {
  const strict = parseRuntimeExpression(text);
  if (strict.ok) return { status: "standard", expression: strict.expression };
  const error = { message: strict.message, offset: strict.offset };
  const trimmed = text.trim();
  if (trimmed === "") return { status: "empty", error };
  if (trimmed !== text) {
    const inner = readExpression(trimmed);
    return inner.status === "standard" ? { status: "invalid", expression: inner.expression!, error } : { ...inner, error };
  }
  const dollar = text.startsWith("$");
  const rest = dollar ? text.slice(1) : text;
  // FastAPI writes `$request.body.id` for `$request.body#/id`.
  const dotted = /^(request|response)\.body\.([^#]+)$/.exec(rest);
  if (dotted) {
    const from = dotted[1] as "request" | "response";
    return { status: dollar ? "dotted-body" : "missing-dollar", expression: { kind: "body", from, pointer: dotted[2]!.split(".") }, error };
  }
  if (!dollar && /^(request|response)\./.test(rest)) {
    const repaired = parseRuntimeExpression("$" + rest);
    return repaired.ok ? { status: "missing-dollar", expression: repaired.expression, error } : { status: "invalid", error };
  }
  const variable = /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(rest) && !ROOTS.has(rest.toLowerCase());
  if (dollar && variable && !rest.includes(".")) return { status: "nonstandard-variable", error };
  if (!dollar && (variable || ROOTS.has(rest.toLowerCase()))) return { status: "bare-variable", error };
  return { status: "invalid", error };
}

// ── splitting the template ───────────────────────────────────────────────────────────────

interface LiteralPart {
  kind: "literal";
  text: string;
  offset: number;
}

interface ExpressionPart {
  kind: "expression";
  /** Between the braces. */
  text: string;
  /** Of the `{`. */
  offset: number;
  /** Just past the part (past `}` when closed). */
  end: number;
  closed: boolean;
  reading: ExpressionReading;
}

type Part = LiteralPart | ExpressionPart;

/** What an expression ended up as, for the problem's hint. */
type Use = { as: string } | { ignored: string };
type Usage = Map<ExpressionPart, Use>;

/** One linear pass: `{` opens, the first `}` closes, a second `{` before any `}` cuts the first. */
function splitTemplate(key: string): Part[] {
  const parts: Part[] = [];
  let literalStart = 0;
  let i = 0;
  while (i < key.length) {
    if (key[i] !== "{") {
      i++;
      continue;
    }
    if (i > literalStart) parts.push({ kind: "literal", text: key.slice(literalStart, i), offset: literalStart });
    let j = i + 1;
    while (j < key.length && key[j] !== "}" && key[j] !== "{") j++;
    const closed = key[j] === "}";
    const text = key.slice(i + 1, j);
    const end = closed ? j + 1 : j;
    parts.push({ kind: "expression", text, offset: i, end, closed, reading: readExpression(text) });
    i = literalStart = end;
  }
  if (literalStart < key.length) parts.push({ kind: "literal", text: key.slice(literalStart), offset: literalStart });
  return parts;
}

function strayBraceOffsets(parts: Part[]): number[] {
  const out: number[] = [];
  for (const p of parts) {
    if (p.kind !== "literal") continue;
    for (let i = p.text.indexOf("}"); i >= 0; i = p.text.indexOf("}", i + 1)) out.push(p.offset + i);
  }
  return out;
}

// ── what the key starts with ─────────────────────────────────────────────────────────────

type Lead =
  | { kind: "empty" }
  | { kind: "free-text" }
  | { kind: "base"; base: ExpressionPart; rest: Part[] }
  | { kind: "relative"; rest: Part[] }
  | { kind: "absolute"; origin: string; rest: Part[] }
  /** `scheme://` followed by an authority that contains an expression. */
  | { kind: "authority"; prefix: string; rest: Part[] };

function leadOf(key: string, parts: Part[]): Lead {
  const first = parts[0];
  if (first === undefined) return { kind: "empty" };
  if (first.kind === "expression") return { kind: "base", base: first, rest: parts.slice(1) };
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(first.text);
  if (scheme) return absoluteLead(key, parts, scheme[0].length);
  if (first.text.startsWith("/")) return { kind: "relative", rest: parts };
  return { kind: "free-text" };
}

/** The authority ends at the first `/`, `?` or `#` (RFC 3986 §3.2) that is literal text. */
function absoluteLead(key: string, parts: Part[], authorityStart: number): Lead {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.kind !== "literal") continue;
    const from = i === 0 ? authorityStart : 0;
    const found = p.text.slice(from).search(/[/?#]/);
    if (found < 0) continue;
    const cut = from + found;
    const prefix = key.slice(0, p.offset + cut);
    const rest: Part[] = [{ kind: "literal", text: p.text.slice(cut), offset: p.offset + cut }, ...parts.slice(i + 1)];
    return i === 0 ? { kind: "absolute", origin: prefix, rest } : { kind: "authority", prefix, rest };
  }
  return parts.length === 1 ? { kind: "absolute", origin: key, rest: [] } : { kind: "authority", prefix: key, rest: [] };
}

function baseOf(part: ExpressionPart): SubscriberBase {
  const expression = part.reading.expression;
  return expression ? { expression, text: part.text } : { nonstandard: part.text };
}

function afterBaseOf(rest: Part[]): AfterBase {
  const next = rest[0];
  if (next === undefined) return "end";
  if (next.kind === "expression") return "text";
  if (next.text.startsWith("/")) return "slash";
  if (next.text.startsWith("?")) return "query";
  // A fragment is never sent (RFC 3986 §3.5), so `{$x}#frag` calls the base itself.
  return next.text.startsWith("#") ? "end" : "text";
}

// ── the route after the base ─────────────────────────────────────────────────────────────

/** Path up to the first literal `?`, query up to the first literal `#`; the fragment is dropped. */
function buildRoute(rest: Part[], names: NameClaimer, usage: Usage, problems: KeyProblem[]): CallbackRoute {
  let mode: "path" | "query" | "fragment" = "path";
  let path = "";
  const pathParams: PathParam[] = [];
  const query: Part[] = [];
  for (const part of rest) {
    if (part.kind === "expression") {
      if (mode === "path") {
        const name = names.claim(identifierFrom(nameSeed(part)));
        path += `{${name}}`;
        pathParams.push({ name, expression: part.text, ...(part.reading.expression ? { source: part.reading.expression } : {}) });
        usage.set(part, { as: `the path parameter \`${name}\`` });
      } else if (mode === "query") {
        query.push(part);
      } else {
        usage.set(part, { ignored: "it is inside the URL fragment" });
      }
      continue;
    }
    let text = part.text;
    let offset = part.offset;
    if (mode === "path") {
      const stop = text.search(/[?#]/);
      path += encodePathText(stop < 0 ? text : text.slice(0, stop));
      if (stop < 0) continue;
      mode = text[stop] === "?" ? "query" : "fragment";
      if (mode === "fragment") problems.push(fragmentProblem(offset + stop));
      text = text.slice(stop + 1);
      offset += stop + 1;
    }
    if (mode === "query") {
      const stop = text.indexOf("#");
      if (stop >= 0) {
        mode = "fragment";
        problems.push(fragmentProblem(offset + stop));
      }
      const kept = stop < 0 ? text : text.slice(0, stop);
      if (kept) query.push({ kind: "literal", text: kept, offset });
    }
  }
  return {
    path: path.startsWith("/") ? path : "/" + path,
    pathParams,
    queryParams: parseQuery(query, names, usage, problems),
  };
}

function fragmentProblem(offset: number): KeyProblem {
  return info("the callback key has a URL fragment (`#…`), which HTTP clients never send", "Ignored for routing.", offset);
}

/** `name=value` pairs separated by `&`; names must be literal text. */
function parseQuery(tokens: Part[], names: NameClaimer, usage: Usage, problems: KeyProblem[]): QueryParam[] {
  const params: QueryParam[] = [];
  let name: Part[] = [];
  let value: Part[] = [];
  let inValue = false;

  const flush = (): void => {
    const pair = { name, value, inValue };
    name = [];
    value = [];
    inValue = false;
    if (pair.name.length === 0 && !pair.inValue) return;
    const computedName = pair.name.find((p): p is ExpressionPart => p.kind === "expression");
    if (computedName) {
      for (const p of [...pair.name, ...pair.value]) if (p.kind === "expression") usage.set(p, { ignored: "it is in a query parameter name" });
      problems.push(info("a query parameter name in the callback key comes from an expression", "That parameter cannot be matched by name and is ignored.", computedName.offset));
      return;
    }
    const wireName = percentDecode(pair.name.map((p) => p.text).join(""));
    params.push(queryParam(wireName, pair.value, names, usage, problems));
  };

  for (const token of tokens) {
    if (token.kind === "expression") {
      (inValue ? value : name).push(token);
      continue;
    }
    let start = 0;
    for (let i = 0; i <= token.text.length; i++) {
      const ch = token.text[i];
      const boundary = ch === undefined || ch === "&" || (ch === "=" && !inValue);
      if (!boundary) continue;
      if (i > start) (inValue ? value : name).push({ kind: "literal", text: token.text.slice(start, i), offset: token.offset + start });
      if (ch === "&") flush();
      if (ch === "=") inValue = true;
      start = i + 1;
    }
  }
  flush();
  return params;
}

function queryParam(wireName: string, value: Part[], names: NameClaimer, usage: Usage, problems: KeyProblem[]): QueryParam {
  const expressions = value.filter((p): p is ExpressionPart => p.kind === "expression");
  if (expressions.length === 0) return { name: wireName, constant: percentDecode(value.map((p) => p.text).join("")) };
  const identifier = names.claim(identifierFrom(wireName));
  for (const p of expressions) usage.set(p, { as: `the value of query parameter \`${wireName}\`` });
  const only = value.length === 1 ? expressions[0] : undefined;
  if (only) {
    return { name: wireName, expression: only.text, identifier, ...(only.reading.expression ? { source: only.reading.expression } : {}) };
  }
  const template = value.map((p) => (p.kind === "literal" ? p.text : `{${p.text}}`)).join("");
  problems.push(info(`the value of query parameter ${quote(wireName)} mixes text and expressions: ${quote(template)}`, "It is matched as one string.", value[0]!.offset));
  return { name: wireName, expression: template, identifier };
}

// ── classification and problems ──────────────────────────────────────────────────────────

const STATUS_SHAPE: Record<Exclude<ExpressionStatus, "standard">, KeyShape> = {
  "missing-dollar": "missing-dollar",
  "dotted-body": "dotted-body",
  "nonstandard-variable": "nonstandard-variable",
  "bare-variable": "bare-variable",
  empty: "empty-expression",
  invalid: "invalid-expression",
};

/** Broken structure first, then the first non-standard expression, then the layout. */
function shapeOf(lead: Lead, parts: Part[], unclosed: boolean, stray: boolean): KeyShape {
  if (lead.kind === "empty") return "empty";
  if (unclosed) return "unclosed-brace";
  if (lead.kind === "free-text") return "free-text";
  for (const p of parts) {
    if (p.kind === "expression" && p.reading.status !== "standard") return STATUS_SHAPE[p.reading.status];
  }
  if (stray) return "stray-brace";
  switch (lead.kind) {
    case "relative":
      return "relative-path";
    case "absolute":
      return parts.some((p) => p.kind === "expression") ? "absolute-url-with-expressions" : "absolute-url";
    case "authority":
      return "expression-in-authority";
    case "base":
      return lead.rest.length === 0 ? "expression" : "expression-with-path";
  }
}

const VALID_FORMS =
  "Valid forms are `$url`, `$method`, `$statusCode`, `$request.header.<token>`, `$request.query.<name>`, `$request.path.<name>`, `$request.body#/<json-pointer>`, and the same with `$response.`.";

function expressionProblems(part: ExpressionPart, use: Use): KeyProblem[] {
  const { status, expression, error } = part.reading;
  const written = quote("{" + part.text + "}");
  const readAs = expression ? `{${formatRuntimeExpression(expression)}}` : undefined;
  const at = part.offset;
  switch (status) {
    case "standard":
      return expression ? notices(part, expression) : [];
    case "missing-dollar":
      return [warning(`${written} lacks the \`$\` that starts a runtime expression`, `${useSentence(use, readAs)} The provider should write \`${readAs}\`.`, at)];
    case "dotted-body":
      return [warning(`${written} reaches into the body with dots; a runtime expression uses a JSON pointer after \`#\``, `${useSentence(use, readAs)} The provider should write \`${readAs}\`.`, at)];
    case "nonstandard-variable":
    case "bare-variable": {
      const name = part.text.trim().replace(/^\$/, "");
      const message =
        status === "bare-variable"
          ? `${written} is a plain template variable, not a runtime expression (it has no \`$\`)`
          : `${written} is not a runtime expression: after \`$\` the spec defines only \`url\`, \`method\`, \`statusCode\`, \`request.\` and \`response.\``;
      const where = status === "bare-variable" ? `\`{$request.body#/${name}}\` or \`{$request.query.${name}}\`` : `\`{$request.query.${name}}\` or \`{$request.body#/${name}}\``;
      return [warning(message, `${useSentence(use)} If the value is sent in the subscribing request, the provider should say where, e.g. ${where}.`, at)];
    }
    case "empty":
      return [warning(`${written} contains no expression`, `${useSentence(use)} The provider should name where the value comes from, e.g. \`{$request.body#/callbackUrl}\`.`, at)];
    case "invalid":
      if (expression) return [warning(`${written} has spaces inside the braces`, `${useSentence(use, readAs)} The provider should remove the spaces.`, at)];
      return [warning(`${written} is not a valid runtime expression: ${error?.message ?? "unreadable"}`, `${useSentence(use)} ${VALID_FORMS}`, at + 1 + (error?.offset ?? -1))];
  }
}

function useSentence(use: Use, readAs?: string): string {
  if ("as" in use) return readAs ? `Read as \`${readAs}\` and used as ${use.as}.` : `Used as ${use.as}.`;
  return readAs ? `Read as \`${readAs}\`, but ignored: ${use.ignored}.` : `Ignored: ${use.ignored}.`;
}

/** Valid but suspicious: a dotted pointer token (WhatsApp's `#/webhooks.url`), an empty name. */
function notices(part: ExpressionPart, expression: RuntimeExpression): KeyProblem[] {
  const written = quote("{" + part.text + "}");
  if (expression.kind === "body") {
    const dotted = expression.pointer.find((s) => /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/.test(s));
    if (dotted === undefined) return [];
    const nested = formatRuntimeExpression({ ...expression, pointer: expression.pointer.flatMap((s) => (s === dotted ? s.split(".") : [s])) });
    return [
      info(
        `${written} names one body property called ${quote(dotted)}, not a nested property`,
        `The generator follows the key as written. If the value is nested, the provider should write \`{${nested}}\`.`,
        part.offset,
      ),
    ];
  }
  if ((expression.kind === "query" || expression.kind === "path") && expression.name === "") {
    return [info(`${written} has an empty ${expression.kind} parameter name`, "The grammar allows it (`name = *( char )`), but no parameter is called that; the name was probably left out.", part.offset)];
  }
  return [];
}

function warning(message: string, hint: string, offset?: number): KeyProblem {
  return { severity: "warning", message, hint, ...(offset !== undefined ? { offset } : {}) };
}

function info(message: string, hint: string, offset?: number): KeyProblem {
  return { severity: "info", message, hint, ...(offset !== undefined ? { offset } : {}) };
}

function sortProblems(problems: KeyProblem[]): KeyProblem[] {
  // Array.prototype.sort is stable, so problems at one offset keep the order they were found in.
  return [...problems].sort((a, b) => (a.offset ?? -1) - (b.offset ?? -1));
}

/** Spec text in a message: backticks, unless it contains one (then double quotes via JSON). */
function quote(text: string): string {
  return text.includes("`") ? JSON.stringify(text) : "`" + text + "`";
}

// ── names ────────────────────────────────────────────────────────────────────────────────

/** The text a parameter is named after: the last pointer token, the parameter name, the variable's name. */
function nameSeed(part: ExpressionPart): string {
  const e = part.reading.expression;
  if (e) {
    switch (e.kind) {
      case "body":
        return [...e.pointer].reverse().find((s) => s !== "") ?? "body";
      case "header":
      case "query":
      case "path":
        return e.name || e.kind;
      default:
        return e.kind;
    }
  }
  const text = part.text.trim();
  if (part.reading.status === "nonstandard-variable") return text.slice(1);
  if (part.reading.status === "bare-variable") return text;
  // Unreadable: name it after its last word (`$request.body#/a~2` → `a2`, `$request.bogus` → `bogus`).
  return text.split(/[./#]/).filter((w) => w !== "").pop() ?? "param";
}

/**
 * A camelCase JS identifier from spec text: accents folded to ASCII, other characters split
 * words (`callback_url` → `callbackUrl`, `X-Request-ID` → `xRequestID`, `ID` → `id`); a
 * leading digit gets `_`, a reserved word a trailing `_` (as `src/naming` does for types).
 */
export function identifierFrom(text: string, fallback = "param"): string {
  const ascii = text.normalize("NFKD").replace(/\p{M}+/gu, "");
  const words = ascii.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  let id = words
    .map((w, i) => (i > 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w === w.toUpperCase() ? w.toLowerCase() : w.charAt(0).toLowerCase() + w.slice(1)))
    .join("");
  if (id === "") id = fallback;
  if (/^[0-9]/.test(id)) id = "_" + id;
  return isValidIdentifier(id) ? id : id + "_";
}

/** Unique names in key order: a clash gets the lowest free numeric suffix (`id`, `id2`, …). */
class NameClaimer {
  private readonly taken = new Set<string>();
  /** Per requested name, the suffix to try next: keeps a key with thousands of `{id}`s linear. */
  private readonly nextSuffix = new Map<string, number>();

  claim(name: string): string {
    let candidate = name;
    let i = this.nextSuffix.get(name) ?? 2;
    while (this.taken.has(candidate)) candidate = `${name}${i++}`;
    this.nextSuffix.set(name, i);
    this.taken.add(candidate);
    return candidate;
  }
}

// ── percent-encoding ─────────────────────────────────────────────────────────────────────

const PATH_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;
const utf8 = new TextEncoder();

/**
 * Literal key text as a route path: RFC 3986 `pchar` and `/` kept, valid `%XX` kept (hex
 * upper-cased), everything else UTF-8 percent-encoded — `{` → `%7B`, `}` → `%7D`, space → `%20`.
 * Lone surrogates become U+FFFD (`%EF%BF%BD`), as TextEncoder does.
 */
export function encodePathText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (PATH_SAFE.test(ch)) {
      out += ch;
    } else if (ch === "%" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += "%" + text.slice(i + 1, i + 3).toUpperCase();
      i += 2;
    } else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      for (const byte of utf8.encode(String.fromCodePoint(cp))) out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
    }
  }
  return out;
}

/** `decodeURIComponent` that keeps the text when it is not valid percent-encoded UTF-8. */
function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
