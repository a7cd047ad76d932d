/**
 * What the load stage hands to the rest of the pipeline: the entry document and every
 * file it references, parsed to plain JSON values, with a way to follow `$ref`s and to
 * turn a JSON pointer back into a line and column.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export type OpenApiVersion = "3.0" | "3.1" | "3.2";

export interface LoadedFile {
  /** Absolute, real path (symlinks resolved); `<stdin>` for standard input. */
  path: string;
  format: "json" | "yaml";
  /** The parsed document: only JSON values (no Date, Buffer, Set, NaN, Infinity). */
  value: unknown;
}

export interface RefTarget {
  /** Absolute path of the file holding the target. */
  file: string;
  /** JSON pointer of the target inside `file` ("" for the whole file). */
  pointer: string;
  value: unknown;
}

/** Why a `$ref` could not be followed; the caller chooses the severity (see `ref-missing`). */
export interface RefFailure {
  code: "ref-invalid" | "ref-external-url" | "ref-outside-root" | "ref-missing" | "ref-cycle" | "input-unreadable";
  message: string;
  hint?: string;
  /** For a referenced file that exists but cannot be parsed: every problem found in it, located. */
  diagnostics?: Diagnostic[];
  /** For `ref-cycle`: the reference-only objects that form the loop, in order. */
  loop?: { file: string; pointer: string }[];
  /** For `ref-cycle`: one key per loop (its members sorted), and its members as `file#pointer`; shared by every ref into the loop. */
  loopKey?: string;
  loopMembers?: ReadonlySet<string>;
}

/**
 * On success, `hops` counts the reference-only objects followed after the target `ref`
 * names (0 when that target is a value). `DocumentStore.refChain` lists them.
 */
export type RefResult = ({ ok: true } & RefTarget & { hops: number }) | ({ ok: false } & RefFailure);

export interface DocumentSet {
  entry: LoadedFile;
  version: OpenApiVersion;
  /** The exact `openapi` string of the entry document, e.g. "3.0.3". */
  versionString: string;
  /** Folder that `$ref`s may not leave (the entry's folder unless widened by an option). */
  root: string;
  /** Every file loaded so far, keyed by absolute path (the entry included). */
  files: ReadonlyMap<string, LoadedFile>;
  /**
   * Follows `ref` as written in `fromFile`, through chains of `$ref`-only objects, to the
   * first value that is not a bare reference. Files are loaded on first use and cached.
   * Never touches the network and never reads outside `root`.
   */
  resolveRef(ref: string, fromFile: string): RefResult;
  /**
   * 1-based line and column of the value at `pointer` in `file` (or of its key when
   * `atKey`). Undefined when the file or pointer is unknown. May re-read and re-parse a
   * JSON file the first time it is asked (positions are not kept by the JSON fast path).
   */
  locate(file: string, pointer: string, atKey?: boolean): { line: number; column: number } | undefined;
}
