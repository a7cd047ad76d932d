/**
 * Reading a spec file from disk: regular files only, size-capped, strict UTF-8.
 * No parsing here; see parse.ts.
 */
import { readFileSync, statSync } from "node:fs";
import { findRawLongString } from "./json-prescan.js";
import { MAX_FILE_BYTES, MAX_STRING_LENGTH, MAX_YAML_BYTES } from "./limits.js";
import { stringTooLongMessage } from "./string-limit.js";

export type ReadResult =
  | { ok: true; text: string }
  | { ok: false; code: "input-unreadable" | "ref-missing" | "string-too-long"; message: string; hint: string; line?: number; column?: number };

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Reads `path` (already confined and resolved to a real path by the caller). */
export function readTextFile(path: string, shown: string): ReadResult {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return unreadable(`${shown} is a directory, not a file`, "name the OpenAPI document itself");
    // FIFOs and devices could block or never end.
    if (!st.isFile()) return unreadable(`${shown} is not a regular file`, "name a regular file");
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, code: "ref-missing", message: `${shown} does not exist`, hint: "check the path and its spelling" };
    return unreadable(`${shown} cannot be read (${code ?? String(e)})`, "check the file's permissions");
  }
  // By extension here, before reading; YAML recognised by its content is checked by the parser.
  const cap = /\.ya?ml$/i.test(path) ? MAX_YAML_BYTES : MAX_FILE_BYTES;
  if (size > cap) return tooBig(shown, size, cap);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return unreadable(`${shown} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, "check the file's permissions");
  }
  if (!/\.ya?ml$/i.test(path) && /^[\s\ufeff]*[{[]/.test(bytes.subarray(0, 64).toString("latin1").replace(/^\xef\xbb\xbf/, ""))) {
    const long = findRawLongString(bytes, MAX_STRING_LENGTH);
    if (long) return { ok: false, code: "string-too-long", ...stringTooLongMessage(long.bytes), line: long.line, column: long.column };
  }
  try {
    // The decoder also drops a UTF-8 byte-order mark.
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return unreadable(`${shown} is not valid UTF-8 text`, "save the file as UTF-8 (JSON and YAML documents are Unicode text)");
  }
}

/** Text from standard input or an API caller: only the byte-order mark needs removing. */
export function normalizeText(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export type SourceFormat = "json" | "yaml";

/**
 * By extension; otherwise by content: JSON when the first character that is not
 * whitespace opens an object or array, YAML otherwise (a YAML flow mapping also starts
 * with `{`, but a spec written that way is JSON in practice).
 */
export function formatOf(path: string | undefined, text: string): SourceFormat {
  const ext = path ? /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase() : undefined;
  if (ext === "json") return "json";
  if (ext === "yaml" || ext === "yml") return "yaml";
  return /^[\s]*[{[]/.test(text.slice(0, 4096)) ? "json" : "yaml";
}

export function tooBig(shown: string, size: number, cap: number): ReadResult & { ok: false } {
  const yaml = cap === MAX_YAML_BYTES;
  return unreadable(
    `${shown} is ${Math.round(size / 1048576)} MB, more than the ${cap / 1048576} MB a ${yaml ? "YAML " : ""}spec may have`,
    yaml ? "convert it to JSON (parsed with far less memory, up to " + MAX_FILE_BYTES / 1048576 + " MB) or split it into files referenced with `$ref`" : "split the document into several files referenced with `$ref`",
  );
}

function unreadable(message: string, hint: string): ReadResult & { ok: false } {
  return { ok: false, code: "input-unreadable", message, hint };
}
