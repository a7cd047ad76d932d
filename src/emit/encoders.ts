/**
 * The only doors through which text from a spec enters generated code (THREATS.md A0–A6,
 * A20). Emitters never splice spec strings into code: they call one of these.
 *
 * - `stringLiteral` — a double-quoted TS/JS string literal for any value.
 * - `propertyKey`   — a key in an object literal, interface or type literal.
 * - `commentText`   — text inside a `/** … *\/` block comment.
 * - `identifier`    — checks an identifier the naming stage produced (it never takes spec
 *                     text directly; `naming.ts` mangles spec text into identifiers).
 */

/**
 * Characters escaped in string literals even though JSON.stringify leaves them raw:
 * C0/C1 controls, format characters (bidi overrides, zero-width, BOM), line/paragraph
 * separators, private-use and unassigned code points, and lone surrogates.
 */
const UNSAFE_IN_LITERAL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]|[\uD800-\uDFFF]/gu;

export function stringLiteral(value: string): string {
  // JSON.stringify handles quotes, backslashes, C0 controls and (since ES2019) lone
  // surrogates; the replace covers what it leaves raw but JS/TS or humans misread.
  return JSON.stringify(value).replace(UNSAFE_IN_LITERAL, (ch) => hexEscape(ch));
}

function hexEscape(ch: string): string {
  let out = "";
  for (let i = 0; i < ch.length; i++) out += "\\u" + ch.charCodeAt(i).toString(16).padStart(4, "0");
  return out;
}

/**
 * Any JSON value as a JS expression (literals for enum/const/default). Objects are emitted
 * with computed-free quoted keys, except `__proto__`, which must be computed or it would set
 * the prototype (THREATS.md A6).
 */
export function jsonLiteral(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return stringLiteral(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error(`non-finite number cannot be emitted: ${value}`);
      return Object.is(value, -0) ? "0" : String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (Array.isArray(value)) return "[" + value.map(jsonLiteral).join(", ") + "]";
      const entries = Object.keys(value as object).map(
        (k) => `${propertyKey(k, "value")}: ${jsonLiteral((value as Record<string, unknown>)[k])}`,
      );
      return entries.length ? "{ " + entries.join(", ") + " }" : "{}";
    }
    default:
      throw new Error(`not a JSON value: ${typeof value}`);
  }
}

const IDENTIFIER_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A property name. In a value position (object literal) `__proto__` is emitted computed, since
 * both `__proto__:` and `"__proto__":` set the prototype instead of defining a key.
 */
export function propertyKey(name: string, position: "type" | "value" = "type"): string {
  if (name === "__proto__" && position === "value") return `[${stringLiteral(name)}]`;
  if (IDENTIFIER_NAME.test(name)) return name;
  // Canonical numeric keys can stay bare, but quoting them is equally valid and simpler.
  return stringLiteral(name);
}

/** Property access: `obj.name` when possible, otherwise `obj["na-me"]`. */
export function propertyAccess(name: string): string {
  return IDENTIFIER_NAME.test(name) && !RESERVED.has(name) ? "." + name : `[${stringLiteral(name)}]`;
}

/**
 * Reserved words and the strict-mode/contextual names that must not be binding identifiers
 * in generated ES modules, plus global names whose shadowing would confuse readers.
 */
export const RESERVED = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
  "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in",
  "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try",
  "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements", "interface",
  "package", "private", "protected", "public", "await", "async", "arguments", "eval", "undefined",
  "NaN", "Infinity", "any", "boolean", "never", "number", "object", "string", "symbol", "unknown",
  "bigint", "type", "declare", "namespace", "module", "keyof", "readonly", "infer", "is", "asserts",
  "constructor", "prototype", "__proto__", "Object", "Function", "Array", "String", "Number",
  "Boolean", "Symbol", "Promise", "Record", "Partial", "Required", "Readonly", "Pick", "Omit",
  "Error", "Date", "RegExp", "Map", "Set", "JSON", "Math", "globalThis", "window", "process",
  "require", "z",
]);

export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER_NAME.test(name) && !RESERVED.has(name);
}

/** Guard for identifiers produced by the naming stage; a failure here is a generator bug. */
export function identifier(name: string): string {
  if (!isValidIdentifier(name)) throw new Error(`internal error: not a safe identifier: ${JSON.stringify(name)}`);
  return name;
}

const UNSAFE_IN_COMMENT = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}]|[\uD800-\uDFFF]/gu;

/**
 * Text for a JSDoc block. `*\/` cannot end the comment; every line terminator (CR, LF,
 * CRLF, U+2028, U+2029) becomes a new ` * ` line; invisible and bidi characters become
 * visible `\u{…}` escapes (Trojan Source, CVE-2021-42574). Returns the lines, unprefixed.
 */
export function commentLines(text: string): string[] {
  const normalized = text.replace(/\r\n|\r|\u2028|\u2029/g, "\n");
  return normalized.split("\n").map((line) =>
    line
      .replace(/\*\//g, "*\\/")
      .replace(/\t/g, "  ")
      .replace(UNSAFE_IN_COMMENT, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`)
      .replace(/\s+$/, ""),
  );
}

/**
 * A `/** … *\/` block for the given paragraphs (empty paragraphs are skipped). `tags` are
 * generator-made JSDoc tags such as `@deprecated`, appended one per line.
 */
export function docComment(paragraphs: (string | undefined)[], indent = "", tags: string[] = []): string {
  const lines: string[] = [];
  for (const p of paragraphs) {
    if (p === undefined || p.trim() === "") continue;
    if (lines.length) lines.push("");
    lines.push(...trimBlankEdges(commentLines(p)));
  }
  lines.push(...tags);
  if (lines.length === 0) return "";
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join("\n")}\n${indent} */\n`;
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === "") start++;
  while (end > start && lines[end - 1] === "") end--;
  return lines.slice(start, end);
}

/** Text that goes into a `//` line comment: a single line, never a line terminator. */
export function lineCommentText(text: string): string {
  return commentLines(text).join(" ");
}
