/**
 * What a `$ref` string names, and whether we may follow it (THREATS A11, A12).
 *
 * Policy: a `$ref` may name the same document or a file inside `root` (the spec's folder
 * unless widened with --ref-root), by a relative path. URLs of any scheme, `file:` URLs,
 * network-path references (`//host/x`) and absolute paths are refused here, from the
 * string alone — before any file is touched and without any connection. Containment is
 * checked twice: lexically here, and on the real path (symlinks resolved) in `realTarget`.
 */
import { realpathSync } from "node:fs";
import path from "node:path";
import type { RefFailure } from "./types.js";
import { parsePointer } from "../util/json-pointer.js";

export type RefLocation =
  | { kind: "same-file"; pointer: string }
  | { kind: "file"; path: string; pointer: string }
  | { kind: "refused"; failure: RefFailure };

const REF_ROOT_HINT = "pass --ref-root <dir> to allow references anywhere inside <dir>";

/**
 * Splits and checks `ref` as written in a file of folder `baseDir`. Pure apart from
 * `path.resolve` (no file system access).
 */
export function locateRef(ref: string, baseDir: string, root: string): RefLocation {
  const hash = ref.indexOf("#");
  const pathPart = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? "" : ref.slice(hash + 1);

  const pointer = pointerOf(ref, fragment);
  if (typeof pointer !== "string") return pointer;
  if (pathPart === "") return { kind: "same-file", pointer };

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(pathPart);
  if (/^[A-Za-z]:[\\/]/.test(pathPart) || pathPart.startsWith("\\\\")) return absolute(ref);
  if (scheme) {
    if (scheme[1]!.toLowerCase() === "file") {
      return refused("ref-outside-root", `$ref ${q(ref)} is a file: URL, which is never followed`, "write the path relative to the referring file instead");
    }
    return externalUrl(ref);
  }
  if (pathPart.startsWith("//")) return externalUrl(ref);
  if (pathPart.startsWith("/") || pathPart.startsWith("\\")) return absolute(ref);
  if (pathPart.includes("?")) return refused("ref-invalid", `$ref ${q(ref)} has a query string, which a file reference cannot have`, "remove the `?…` part");

  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return refused("ref-invalid", `$ref ${q(ref)} has a malformed percent-escape in its path`, "write `%` as `%25`");
  }
  if (decoded.includes("\0")) return refused("ref-invalid", `$ref ${q(ref)} contains a NUL character`, "remove it");
  if (path.isAbsolute(decoded)) return absolute(ref);

  const target = path.resolve(baseDir, decoded);
  if (!isInside(root, target)) return outsideRoot(ref);
  return { kind: "file", path: target, pointer };
}

/**
 * The real path of a file a ref names, checked again after resolving symlinks. Touches
 * the file system only for paths that are lexically inside `root`, and never reads.
 */
export function realTarget(target: string, ref: string, root: string): { ok: true; path: string } | { ok: false; failure: RefFailure } {
  let real: string;
  try {
    real = realpathSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return { ok: false, failure: { code: "ref-missing", message: `$ref ${q(ref)} names a file that does not exist`, hint: "check the path; it is relative to the folder of the file that contains the `$ref`" } };
    }
    return { ok: false, failure: { code: "input-unreadable", message: `$ref ${q(ref)} names a file that cannot be accessed (${code ?? String(e)})`, hint: "check the file's permissions" } };
  }
  if (!isInside(root, real)) {
    return { ok: false, failure: { code: "ref-outside-root", message: `$ref ${q(ref)} leads outside the folder $refs may read through a symbolic link`, hint: REF_ROOT_HINT } };
  }
  return { ok: true, path: real };
}

/** True when `p` is `root` or lies below it (both absolute and normalized). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (rel !== ".." && !rel.startsWith(".." + path.sep) && !path.isAbsolute(rel));
}

/** The JSON pointer a fragment names (RFC 6901 §6: percent-decoded, then `~` escapes checked). */
function pointerOf(ref: string, fragment: string): string | RefLocation {
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    return refused("ref-invalid", `$ref ${q(ref)} has a malformed percent-escape in its fragment`, "write `%` as `%25`");
  }
  if (decoded !== "" && !decoded.startsWith("/")) {
    return refused("ref-invalid", `$ref ${q(ref)} names an anchor (#${decoded}), not a JSON pointer`, "write a JSON pointer such as `#/components/schemas/Name`; `$anchor` names are not supported");
  }
  if (!parsePointer(decoded)) {
    return refused("ref-invalid", `$ref ${q(ref)} is not a valid JSON pointer: \`~\` must be followed by 0 or 1`, "write `~` as `~0` and `/` inside a name as `~1`");
  }
  return decoded;
}

function absolute(ref: string): RefLocation {
  return refused("ref-outside-root", `$ref ${q(ref)} is an absolute path, which is never followed`, "write the path relative to the file that contains the `$ref`");
}

function externalUrl(ref: string): RefLocation {
  return refused(
    "ref-external-url",
    `$ref ${q(ref)} is a URL; network references are never fetched`,
    "download the document into the spec's folder and reference it by a relative path",
  );
}

/**
 * The message names no folder: the location already says which file holds the `$ref`, and
 * an absolute path would make output depend on where the checkout lives.
 */
function outsideRoot(ref: string): RefLocation {
  return refused("ref-outside-root", `$ref ${q(ref)} leaves the folder $refs may read (the spec's folder unless --ref-root widens it)`, REF_ROOT_HINT);
}

function refused(code: RefFailure["code"], message: string, hint: string): RefLocation {
  return { kind: "refused", failure: { code, message, hint } };
}

function q(s: string): string {
  return JSON.stringify(s);
}
