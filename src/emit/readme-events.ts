/**
 * The output README's section per event (issue 15): what the handler receives — the payload's
 * top-level fields with their types, whether they are required and their descriptions — and
 * an example payload: the document's first example when it is short, else the test kit's
 * synthesized fixture (the same value `test-kit.ts` holds). Spec text is escaped for Markdown;
 * examples sit in code fences longer than any backtick run they contain.
 */
import type { PlannedEvent } from "../model/plan.js";
import { SchemaLookup } from "../model/schema-lookup.js";
import type { SchemaSet } from "../model/schema-set.js";
import { refKey, schemaRef } from "../model/schema-set.js";
import type { EventFixture } from "../testkit/fixtures.js";
import { isObject } from "../util/json-pointer.js";
import { code, md, table } from "./markdown.js";

/** Longest example shown as the document wrote it, in lines of pretty JSON. */
const EXAMPLE_LINES = 40;
/** Longest description shown in a table cell, in characters. */
const DESCRIPTION_CHARS = 160;

export function eventSections(events: readonly PlannedEvent[], set: SchemaSet, fixtures: readonly EventFixture[]): string[] {
  const lookup = new SchemaLookup(set);
  const byEvent = new Map(fixtures.map((f) => [f.event, f]));
  const lines: string[] = ["## Events", ""];
  for (const e of events) {
    lines.push(`### \`${e.names.handler}\` — ${e.route.method} \`${code((e.route.origin ?? "") + e.route.path)}\``, "");
    const about = e.def.summary ?? e.def.description;
    if (about) lines.push(md(firstParagraph(about)), "");
    const body = e.schemas.body.find((b) => b.type !== undefined);
    if (!body) {
      lines.push(e.schemas.body.length ? `The body (${md(e.schemas.body[0]!.mediaType)}) has no schema.` : "No body.", "");
    } else {
      const schema = { $ref: schemaRef(body.type!) };
      const required = lookup.required(schema);
      const fields = [...lookup.properties(schema)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const optionalBody = e.def.requestBody?.required !== true;
      lines.push(
        `Payload \`${code(lookup.member(body.type!)?.typeName ?? body.type!)}\` (${md(body.mediaType)})${optionalBody ? "; the spec does not require a body, so the handler gets `body: … | undefined`" : ""}.`,
        "",
      );
      if (fields.length) {
        lines.push(
          ...table(
            ["Field", "Type", "Required", "Description"],
            fields.map(([name, subs]) => [`\`${code(name)}\``, `\`${code(typeText(subs[subs.length - 1], lookup))}\``, required.has(name) ? "yes" : "no", md(describe(subs, lookup))]),
          ),
          "",
        );
      }
    }
    const example = exampleOf(byEvent.get(e.names.handler));
    if (example) {
      lines.push(example.caption, "", ...fenced(example.text, "json"), "");
    }
  }
  return lines;
}

/**
 * Pretty JSON with the characters that would end a line or hide text outside JSON's own
 * escapes (U+2028/2029, C1 controls, bidi and other format characters) written as `\uXXXX`:
 * still the same JSON, and nothing in it can start a line or reorder what a reader sees.
 */
function prettyJson(value: unknown): string | undefined {
  return JSON.stringify(value, null, 2)?.replace(/[\p{Cf}\p{Zl}\p{Zp}\u0080-\u009f]/gu, (c) =>
    Array.from({ length: c.length }, (_, i) => "\\u" + c.charCodeAt(i).toString(16).padStart(4, "0")).join(""),
  );
}

function exampleOf(f: EventFixture | undefined): { caption: string; text: string } | undefined {
  if (!f) return undefined;
  for (const x of f.examples) {
    const text = prettyJson(x.body);
    if (text !== undefined && text.split("\n").length <= EXAMPLE_LINES) return { caption: `Example \`${code(x.name)}\` from the document:`, text };
  }
  if (f.request.body === undefined) return undefined;
  const text = prettyJson(f.request.body);
  if (text === undefined) return undefined;
  return { caption: `Example (synthesized from the schema${f.examples.length ? "; the document's examples are longer" : ""}; \`fixture()\` in \`test-kit.ts\`):`, text };
}

/** A fence of backticks longer than any run in the text. */
function fenced(text: string, lang: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [fence + lang, text, fence];
}

function firstParagraph(text: string): string {
  const p = text.trim().split(/\n\s*\n/)[0] ?? "";
  return p.length > 400 ? p.slice(0, 399) + "…" : p;
}

function describe(subs: unknown[], lookup: SchemaLookup): string {
  for (const s of subs) {
    for (const candidate of [s, lookup.resolve(s)]) {
      if (isObject(candidate) && typeof candidate.description === "string" && candidate.description.trim()) {
        const d = firstParagraph(candidate.description).replace(/\s+/g, " ");
        return d.length > DESCRIPTION_CHARS ? d.slice(0, DESCRIPTION_CHARS - 1) + "…" : d;
      }
    }
  }
  return "";
}

/** A short TypeScript-like name for a schema: its type's name, or its JSON type(s). */
export function typeText(schema: unknown, lookup: SchemaLookup, depth = 0): string {
  if (depth > 3) return "…";
  if (isObject(schema) && typeof schema.$ref === "string") {
    const key = refKey(schema.$ref);
    return key !== undefined ? (lookup.member(key)?.typeName ?? key) : "unknown";
  }
  if (schema === true || schema === undefined) return "unknown";
  if (!isObject(schema)) return "never";
  if ("const" in schema) return JSON.stringify(schema.const) ?? "unknown";
  if (Array.isArray(schema.enum)) {
    const shown = schema.enum.slice(0, 4).map((v) => JSON.stringify(v));
    return shown.join(" | ") + (schema.enum.length > 4 ? " | …" : "");
  }
  for (const k of ["oneOf", "anyOf"] as const) {
    if (Array.isArray(schema[k])) return schema[k].map((a: unknown) => typeText(a, lookup, depth + 1)).join(" | ");
  }
  if (Array.isArray(schema.allOf)) return schema.allOf.map((a: unknown) => typeText(a, lookup, depth + 1)).join(" & ");
  const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === "string" ? [schema.type] : [];
  if (types.length === 0) return isObject(schema.properties) ? "object" : "unknown";
  return types
    .map((t) => {
      if (t === "array") return `${wrap(typeText(schema.items, lookup, depth + 1))}[]`;
      if (t === "integer") return "integer";
      if (t === "string" && typeof schema.format === "string") return `string (${schema.format})`;
      return String(t);
    })
    .join(" | ");
}

function wrap(t: string): string {
  return /[|&]/.test(t) ? `(${t})` : t;
}
