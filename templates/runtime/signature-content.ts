/**
 * The signed content: which bytes a scheme's MAC or signature covers, written as a template over
 * `{id}`, `{timestamp}` and `{body}` with literal text between them — `{body}` for GitHub,
 * `{timestamp}.{body}` for Stripe, `{id}.{timestamp}.{body}` for Standard Webhooks,
 * `{timestamp}|{body}` for Telnyx. The body goes in as the exact bytes received (B1), never as
 * decoded text, so validly signed bodies that are not UTF-8 verify too.
 */
import { utf8 } from "./signature-bytes.js";

type Part = { readonly kind: "text"; readonly bytes: Uint8Array } | { readonly kind: "id" | "timestamp" | "body" };

export interface ContentTemplate {
  readonly source: string;
  readonly parts: readonly Part[];
  /** Whether the template names `{id}` / `{timestamp}`: the verifier must then read that header. */
  readonly usesId: boolean;
  readonly usesTimestamp: boolean;
}

/** The values a template is filled with. `id` and `timestamp` are header text (visible ASCII, checked before). */
export interface ContentValues {
  readonly id?: string;
  readonly timestamp?: string;
  readonly body: Uint8Array;
}

/**
 * Parses a template; throws at construction time for an unknown placeholder, a stray brace, or a
 * template without exactly one `{body}` — a signature that does not cover the body authenticates
 * nothing a handler reads.
 */
export function parseTemplate(source: string, label: string): ContentTemplate {
  const parts: Part[] = [];
  let bodies = 0;
  for (const piece of source.split(/(\{[^{}]*\})/)) {
    if (piece === "") continue;
    if (piece.startsWith("{")) {
      const name = piece.slice(1, -1);
      if (name !== "id" && name !== "timestamp" && name !== "body")
        throw new TypeError(
          `${label}: signedContent has an unknown placeholder ${piece} (known: {id}, {timestamp}, {body})`,
        );
      if (name === "body") bodies++;
      parts.push({ kind: name });
    } else if (/[{}]/.test(piece)) {
      throw new TypeError(`${label}: signedContent has an unmatched brace`);
    } else {
      parts.push({ kind: "text", bytes: utf8(piece) });
    }
  }
  if (bodies !== 1) throw new TypeError(`${label}: signedContent must contain {body} exactly once`);
  return {
    source,
    parts,
    usesId: parts.some((p) => p.kind === "id"),
    usesTimestamp: parts.some((p) => p.kind === "timestamp"),
  };
}

function partBytes(part: Part, values: ContentValues): Uint8Array {
  switch (part.kind) {
    case "text":
      return part.bytes;
    case "body":
      return values.body;
    default:
      // Present whenever the template names them: the verifier reads the header first.
      return utf8(values[part.kind] ?? "");
  }
}

/** The bytes to sign or verify; the body itself, uncopied, when the template is just `{body}`. */
export function buildContent(template: ContentTemplate, values: ContentValues): Uint8Array {
  if (template.parts.length === 1) return values.body;
  const pieces = template.parts.map((p) => partBytes(p, values));
  let length = 0;
  for (const p of pieces) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
