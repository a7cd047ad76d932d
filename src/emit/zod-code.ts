/**
 * A tiny expression tree for generated Zod code and its printer. Building a tree instead
 * of concatenating text keeps layout decisions (one property per line, short calls on one
 * line) in one place and makes the spec-derived parts explicit: they only enter as `atom`s
 * produced by the encoders (`stringLiteral`, `jsonLiteral`, `propertyKey`).
 */

/** A property (`key: value`) or, with a null key, a spread (`...value`). */
export type ObjectEntry = [key: string | null, value: Code];

export type Code =
  | { kind: "atom"; text: string }
  | { kind: "call"; callee: Code; args: Code[] }
  | { kind: "object"; entries: ObjectEntry[] }
  | { kind: "array"; items: Code[] }
  | { kind: "arrow"; body: Code };

export const atom = (text: string): Code => ({ kind: "atom", text });
export const call = (callee: Code, ...args: Code[]): Code => ({ kind: "call", callee, args });
export const object = (entries: ObjectEntry[]): Code => ({ kind: "object", entries });
export const array = (items: Code[]): Code => ({ kind: "array", items });
export const arrow = (body: Code): Code => ({ kind: "arrow", body });

const WIDTH = 100;
const INDENT = "  ";

/**
 * Prints `code`. Layout is decided from each node's one-line form (memoized), so every
 * node is printed once and deep schemas print in linear time.
 */
export function print(code: Code, indent = ""): string {
  switch (code.kind) {
    case "atom":
      return code.text;
    case "arrow":
      return "() => " + print(code.body, indent);
    case "object": {
      if (code.entries.length === 0) return "{}";
      const inner = indent + INDENT;
      const lines = code.entries.map(([k, v]) => `${inner}${k === null ? "..." : k + ": "}${print(v, inner)},`);
      return `{\n${lines.join("\n")}\n${indent}}`;
    }
    case "array":
      return list("[", "]", code.items, indent, 0);
    case "call": {
      const head = print(code.callee, indent);
      return head + list("(", ")", code.args, indent, lastLineLength(head));
    }
  }
}

/** `(a, b)` on one line when it fits and no item spans lines; else one item per line. */
function list(open: string, close: string, items: Code[], indent: string, used: number): string {
  if (items.length === 0) return open + close;
  const flat = items.map(flatText);
  if (flat.every((t) => t !== undefined)) {
    const oneLine = open + flat.join(", ") + close;
    if (indent.length + used + oneLine.length <= WIDTH) return oneLine;
  }
  // A single argument hugs the brackets: `$object({ … })`, `$array($object({ … }))`.
  if (items.length === 1) return open + print(items[0]!, indent) + close;
  const inner = indent + INDENT;
  return `${open}\n${items.map((c) => inner + print(c, inner) + ",").join("\n")}\n${indent}${close}`;
}

const flatMemo = new WeakMap<Code, string | null>();

/** The one-line spelling of `code`, or undefined when it must span lines (non-empty objects). */
function flatText(code: Code): string | undefined {
  const memo = flatMemo.get(code);
  if (memo !== undefined) return memo ?? undefined;
  let text: string | undefined;
  switch (code.kind) {
    case "atom":
      text = code.text.includes("\n") ? undefined : code.text;
      break;
    case "arrow": {
      const t = flatText(code.body);
      text = t === undefined ? undefined : "() => " + t;
      break;
    }
    case "object":
      text = code.entries.length === 0 ? "{}" : undefined;
      break;
    case "array":
    case "call": {
      const parts = (code.kind === "array" ? code.items : code.args).map(flatText);
      if (parts.some((p) => p === undefined)) text = undefined;
      else if (code.kind === "array") text = "[" + parts.join(", ") + "]";
      else {
        const head = flatText(code.callee);
        text = head === undefined ? undefined : head + "(" + parts.join(", ") + ")";
      }
      break;
    }
  }
  flatMemo.set(code, text ?? null);
  return text;
}

function lastLineLength(text: string): number {
  const nl = text.lastIndexOf("\n");
  return nl < 0 ? text.length : text.length - nl - 1;
}
