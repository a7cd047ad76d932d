/**
 * The load stage's entry point: read and parse the entry document (a file or standard
 * input), decide the folder `$ref`s are confined to, and check the OpenAPI version.
 * Files reached through `$ref` are loaded later, on demand (document-set.ts).
 *
 * Whole-document checks are separate passes the pipeline runs next:
 * `checkRefs` (ref-scan.ts) and `validateStructure` (structure.ts).
 */
import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { isInside } from "./confine.js";
import { DocumentStore, STDIN } from "./document-set.js";
import { DEFAULT_MAX_DEPTH } from "./limits.js";
import { parseSource } from "./parse.js";
import { formatOf, normalizeText, readTextFile } from "./read.js";
import { detectVersion } from "./version.js";

export type LoadInput = { path: string } | { stdin: string; cwd: string };

export interface LoadOptions {
  diagnostics: Diagnostics;
  /** Folder `$ref`s may not leave; defaults to the entry's folder (the cwd for stdin). Must contain it. */
  refRoot?: string;
  /** Deepest array/object nesting accepted (default 256). */
  maxDepth?: number;
}

/** Loads the entry document; undefined when it cannot be used (the diagnostics say why). */
export function loadDocumentSet(input: LoadInput, options: LoadOptions): DocumentStore | undefined {
  const { diagnostics } = options;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;

  let file: string;
  let text: string;
  let baseDir: string;
  if ("path" in input) {
    const given = path.resolve(input.path);
    let real: string;
    try {
      real = realpathSync(given);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      diagnostics.error(
        "input-unreadable",
        code === "ENOENT" || code === "ENOTDIR" ? `the spec file ${input.path} does not exist` : `the spec file ${input.path} cannot be accessed (${code ?? String(e)})`,
        { file: given },
        "check the path given on the command line",
      );
      return undefined;
    }
    const read = readTextFile(real, input.path);
    if (!read.ok) {
      const where = read.line ? { file: real, line: read.line, column: read.column! } : { file: real };
      diagnostics.error(read.code === "string-too-long" ? read.code : "input-unreadable", read.message, where, read.hint);
      return undefined;
    }
    file = real;
    text = read.text;
    baseDir = path.dirname(real);
  } else {
    file = STDIN;
    text = normalizeText(input.stdin);
    baseDir = realDir(input.cwd) ?? path.resolve(input.cwd);
  }

  const root = chooseRoot(options.refRoot, baseDir, file, diagnostics);
  if (root === undefined) return undefined;

  const format = formatOf(file === STDIN ? undefined : file, text);
  const parsed = parseSource(text, format, file, diagnostics, maxDepth);
  if (!parsed) return undefined;

  const version = detectVersion(parsed.value, file, parsed.positions, diagnostics);
  if (!version) return undefined;

  return new DocumentStore({ loaded: { path: file, format, value: parsed.value }, positions: parsed.positions }, root, version.version, version.versionString, baseDir, maxDepth);
}

function chooseRoot(refRoot: string | undefined, baseDir: string, file: string, diagnostics: Diagnostics): string | undefined {
  if (refRoot === undefined) return baseDir;
  const real = realDir(refRoot);
  if (!real) {
    diagnostics.error("usage", `--ref-root ${refRoot} is not an existing folder`, {}, "name the folder `$ref`s may reach into");
    return undefined;
  }
  if (!isInside(real, baseDir)) {
    diagnostics.error(
      "usage",
      `--ref-root ${refRoot} does not contain the spec ${file === STDIN ? "(read from standard input, relative to the working directory)" : file}`,
      {},
      "--ref-root widens the folder references may reach; it must contain the spec's own folder",
    );
    return undefined;
  }
  return real;
}

function realDir(dir: string): string | undefined {
  try {
    const real = realpathSync(path.resolve(dir));
    return statSync(real).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}
