/**
 * OpenAPI runtime expressions: a strict parser for the ABNF of the "Runtime Expressions"
 * section (OAS 3.0.3 §4.7.20.4, OAS 3.1.1 §4.8.20.4, OAS 3.2.0 "Runtime Expressions"):
 *
 * ```abnf
 * expression = "$url" / "$method" / "$statusCode" / "$request." source / "$response." source
 * source     = header-reference / query-reference / path-reference / body-reference
 * header-reference = "header." token
 * query-reference  = "query." name
 * path-reference   = "path." name
 * body-reference   = "body" ["#" json-pointer ]
 * json-pointer    = *( "/" reference-token )
 * reference-token = *( unescaped / escaped )
 * unescaped       = %x00-2E / %x30-7D / %x7F-10FFFF   ; everything but "/" and "~"
 * escaped         = "~" ( "0" / "1" )                 ; "~" and "/"
 * name  = *( char )
 * token = 1*tchar
 * tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
 * ```
 *
 * Differences between spec versions, and what this parser does about them:
 *
 * - 3.0.0–3.0.2 wrote the grammar informally (`|` instead of ABNF's `/`, `body-reference =
 *   "body" ["#" fragment]` with "fragment = a JSON Pointer [RFC 6901]", `name = *( char )` with
 *   "char as per RFC 7159"). 3.0.3 (OAI PR #1756) completed it: the json-pointer rules are
 *   inlined, which makes the pointer RFC 6901 §3's *string* form. So `#/a%20b` names the key
 *   `a%20b`: nothing here is percent-decoded (RFC 6901 §6, URI fragments, does not apply).
 * - 3.0.3, 3.1.0 and 3.1.1 print `name = *( CHAR )`. In ABNF, upper-case `CHAR` is the RFC 5234
 *   core rule %x01-7F (7-bit ASCII), but the prose beneath says "`char` from RFC7159". 3.2.0 and
 *   3.1.2 (OAI PR #4877, labelled editorial) print lower-case `char`, RFC 7159/8259 §7: any
 *   character except `"`, `\` and U+0000–U+001F, or a JSON backslash escape. The default
 *   (`nameChars: "json"`) follows that intent and returns names with escapes decoded;
 *   `nameChars: "ascii"` is the literal 3.0.3–3.1.1 reading (bytes 0x01–0x7F, no escapes).
 * - `token` comes from RFC 7230 §3.2.6 (3.0.x, 3.1.x) / RFC 9110 §5.6.2 (same character set).
 *   Tokens are case-insensitive, names are case-sensitive; both are returned as written.
 * - `name = *( char )` allows the empty name (`$request.query.`). The grammar says so, so it
 *   parses; callers decide whether to warn (OAI issue #5285 proposes `1*( char )`).
 *
 * Offsets in error results are UTF-16 code-unit indexes into the parsed text, so callers can
 * add them to the position of the text inside a larger string.
 */

export type ExpressionSource = "request" | "response";

/** A parsed runtime expression. Names are as written (escapes decoded); pointers are unescaped. */
export type RuntimeExpression =
  | { kind: "url" }
  | { kind: "method" }
  | { kind: "statusCode" }
  | { kind: "header"; from: ExpressionSource; name: string }
  | { kind: "query"; from: ExpressionSource; name: string }
  | { kind: "path"; from: ExpressionSource; name: string }
  /** `pointer` holds unescaped reference tokens; `[]` is the whole body (`$request.body`, `$request.body#`). */
  | { kind: "body"; from: ExpressionSource; pointer: string[] };

export type ParseResult =
  | { ok: true; expression: RuntimeExpression }
  | { ok: false; message: string; offset: number };

export interface ParseOptions {
  /** Which characters `name` (query/path names) admits; see the module comment. Default `"json"`. */
  nameChars?: "json" | "ascii";
}

export function parseRuntimeExpression(text: string, options: ParseOptions = {}): ParseResult {
  const nameChars = options.nameChars ?? "json";
  if (!text.startsWith("$")) {
    return fail(0, text === "" ? "expected a runtime expression, found nothing" : `expected \`$\`, found ${describeAt(text, 0)}`, "a runtime expression starts with `$`");
  }
  for (const kind of ["url", "method", "statusCode"] as const) {
    const literal = "$" + kind;
    if (!text.startsWith(literal)) continue;
    if (text.length === literal.length) return { ok: true, expression: { kind } };
    return fail(literal.length, `unexpected ${describeAt(text, literal.length)} after \`${literal}\``, `\`${literal}\` is complete by itself`);
  }
  for (const from of ["request", "response"] as const) {
    const literal = "$" + from;
    if (!text.startsWith(literal)) continue;
    if (text[literal.length] !== ".") return fail(literal.length, `expected \`.\` after \`${literal}\`, found ${describeAt(text, literal.length)}`);
    return parseSource(text, literal.length + 1, from, nameChars);
  }
  const caseSlip = ["$url", "$method", "$statuscode", "$request", "$response"].some((root) => text.toLowerCase().startsWith(root));
  return fail(1, "expected `url`, `method`, `statusCode`, `request.` or `response.` after `$`", caseSlip ? "runtime expressions are case-sensitive" : undefined);
}

/** `source` after `$request.` / `$response.` (starting at `at`). */
function parseSource(text: string, at: number, from: ExpressionSource, nameChars: "json" | "ascii"): ParseResult {
  const prefix = text.slice(0, at);
  if (text.startsWith("header.", at)) {
    const token = parseToken(text, at + 7);
    return token.ok ? { ok: true, expression: { kind: "header", from, name: token.value } } : token;
  }
  for (const kind of ["query", "path"] as const) {
    if (!text.startsWith(kind + ".", at)) continue;
    const name = nameChars === "json" ? parseJsonName(text, at + kind.length + 1) : parseAsciiName(text, at + kind.length + 1);
    return name.ok ? { ok: true, expression: { kind, from, name: name.value } } : name;
  }
  if (text.startsWith("body", at)) {
    const after = at + 4;
    if (after === text.length) return { ok: true, expression: { kind: "body", from, pointer: [] } };
    if (text[after] !== "#") {
      return fail(after, `expected \`#\` or the end after \`${prefix}body\`, found ${describeAt(text, after)}`, "a body reference continues only with `#` and a JSON pointer, e.g. `#/data/id`");
    }
    const pointer = parsePointer(text, after + 1);
    return pointer.ok ? { ok: true, expression: { kind: "body", from, pointer: pointer.value } } : pointer;
  }
  for (const word of ["header", "query", "path"]) {
    if (text.startsWith(word, at)) {
      return fail(at + word.length, `expected \`.\` after \`${prefix}${word}\`, found ${describeAt(text, at + word.length)}`);
    }
  }
  return fail(at, `expected \`header.\`, \`query.\`, \`path.\` or \`body\` after \`${prefix}\``);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; offset: number };

/** `token = 1*tchar` (RFC 7230 §3.2.6), running to the end of the text. */
function parseToken(text: string, at: number): Parsed<string> {
  if (at === text.length) return fail(at, "expected a header name after `header.`", "a header name is a token: at least one of the letters, digits and !#$%&'*+-.^_`|~");
  for (let i = at; i < text.length; i++) {
    if (!TCHAR.test(text[i]!)) {
      return fail(i, `unexpected ${describeAt(text, i)} in a header name`, "a header name is a token: letters, digits and !#$%&'*+-.^_`|~ only (RFC 7230 §3.2.6)");
    }
  }
  return { ok: true, value: text.slice(at) };
}

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;

/** `name = *( char )` with RFC 8259 §7 `char`: unescaped characters or backslash escapes, decoded. */
function parseJsonName(text: string, at: number): Parsed<string> {
  let out = "";
  for (let i = at; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      const escape = decodeJsonEscape(text, i);
      if (escape === undefined) {
        return fail(i, `invalid escape ${describeEscape(text, i)} in a name`, 'a name uses JSON string escapes: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by four hex digits (RFC 8259 §7)');
      }
      out += escape.value;
      i += escape.length;
      continue;
    }
    if (c < 0x20) return fail(i, `unexpected ${describeAt(text, i)} in a name`, "control characters must be written as JSON escapes such as \\u0009 (RFC 8259 §7)");
    if (c === 0x22) return fail(i, "unexpected `\"` in a name", 'a quotation mark must be escaped as \\" (RFC 8259 §7)');
    out += text[i];
    i++;
  }
  return { ok: true, value: out };
}

const SIMPLE_ESCAPES = new Map([['"', '"'], ["\\", "\\"], ["/", "/"], ["b", "\b"], ["f", "\f"], ["n", "\n"], ["r", "\r"], ["t", "\t"]]);

function decodeJsonEscape(text: string, at: number): { value: string; length: number } | undefined {
  const next = text[at + 1];
  if (next === undefined) return undefined;
  const simple = SIMPLE_ESCAPES.get(next);
  if (simple !== undefined) return { value: simple, length: 2 };
  if (next === "u" && /^[0-9A-Fa-f]{4}$/.test(text.slice(at + 2, at + 6))) {
    return { value: String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16)), length: 6 };
  }
  return undefined;
}

function describeEscape(text: string, at: number): string {
  const shown = text.slice(at, at + 2);
  return shown.length < 2 ? "`\\` at the end" : `\`${shown}\``;
}

/** `name = *( CHAR )` read literally: RFC 5234 core rule CHAR = %x01-7F. */
function parseAsciiName(text: string, at: number): Parsed<string> {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c > 0x7f) {
      return fail(i, `unexpected ${describeAt(text, i)} in a name`, "with `nameChars: \"ascii\"` (`name = *( CHAR )` as printed in OAS 3.0.3–3.1.1) a name is 7-bit ASCII without NUL");
    }
  }
  return { ok: true, value: text.slice(at) };
}

/**
 * `json-pointer` after `#` (RFC 6901 §3, string form): empty, or `/`-separated reference
 * tokens in which `~` must be followed by `0` (for `~`) or `1` (for `/`).
 */
function parsePointer(text: string, at: number): Parsed<string[]> {
  if (at === text.length) return { ok: true, value: [] };
  if (text[at] !== "/") {
    return fail(at, `expected \`/\` after \`#\`, found ${describeAt(text, at)}`, "a JSON pointer is empty or starts with `/`, e.g. `#/data/id` (RFC 6901 §3)");
  }
  const segments: string[] = [];
  let current = "";
  for (let i = at + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "/") {
      segments.push(current);
      current = "";
    } else if (ch === "~") {
      const next = text[i + 1];
      if (next !== "0" && next !== "1") {
        return fail(i, `invalid escape ${next === undefined ? "`~` at the end" : `\`~${next}\``} in a JSON pointer`, "write `~` as `~0` and `/` as `~1` (RFC 6901 §3)");
      }
      current += next === "0" ? "~" : "/";
      i++;
    } else {
      current += ch;
    }
  }
  segments.push(current);
  return { ok: true, value: segments };
}

/**
 * The canonical text of an expression: the inverse of `parseRuntimeExpression` (default
 * options), so `parse(format(e))` gives back `e` for every expression the parser can return.
 * Names are written with JSON escapes where `char` requires them; pointer tokens with `~0`/`~1`.
 */
export function formatRuntimeExpression(expression: RuntimeExpression): string {
  switch (expression.kind) {
    case "url":
    case "method":
    case "statusCode":
      return "$" + expression.kind;
    case "header":
      return `$${expression.from}.header.${expression.name}`;
    case "query":
    case "path":
      return `$${expression.from}.${expression.kind}.${jsonNameText(expression.name)}`;
    case "body":
      return `$${expression.from}.body` + (expression.pointer.length ? "#" + expression.pointer.map((s) => "/" + s.replace(/~/g, "~0").replace(/\//g, "~1")).join("") : "");
  }
}

/** A name in `char` form: JSON.stringify escapes exactly `"`, `\`, C0 controls and lone surrogates. */
function jsonNameText(name: string): string {
  return JSON.stringify(name).slice(1, -1);
}

function fail(offset: number, what: string, why?: string): { ok: false; message: string; offset: number } {
  return { ok: false, message: `${what} at offset ${offset}` + (why ? `: ${why}` : ""), offset };
}

/** A character for an error message: `x` when printable ASCII, otherwise with its code point. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
  if (cp >= 0x21 && cp <= 0x7e) return ch === "`" ? "backtick (`)" : `\`${ch}\``;
  if (cp === 0x20) return "space (U+0020)";
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff)) return hex;
  return `\`${ch}\` (${hex})`;
}

function describeAt(text: string, at: number): string {
  if (at >= text.length) return "the end";
  const cp = text.codePointAt(at)!;
  return describeChar(String.fromCodePoint(cp));
}
