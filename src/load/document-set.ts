/**
 * The loaded documents: the entry file plus every file reached through `$ref`, loaded
 * lazily on first use and cached (successes and failures alike), with `$ref` resolution
 * and positions.
 *
 * `resolveRef` semantics (the contract in types.ts):
 * - `ref` is split into a path (percent-decoded, relative to the folder of the file that
 *   contains it) and a fragment (percent-decoded, then an RFC 6901 pointer);
 * - confinement is checked before any file is touched (confine.ts);
 * - the pointer is followed through `$ref`s met on the way (`other.yaml#/a/b` where
 *   `/a` is itself a `$ref`), as Redocly and json-schema-ref-parser do;
 * - the target is followed through chains of reference-only objects to the first real
 *   value. "Reference-only" means `{ $ref }` with, in 3.1+, at most `summary` and
 *   `description` beside it (a Reference Object's own fields: they annotate, never change
 *   the value), and in 3.0 any siblings (3.0 says they "SHALL be ignored"). A 3.1 schema
 *   such as `{ $ref, nullable: true }` is a real value and is returned as is.
 * - `hops` counts the reference-only objects followed; `refChain` lists them.
 */
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { Diagnostics } from "../diagnostics/diagnostic.js";
import { locateRef, realTarget } from "./confine.js";
import type { SourcePositions } from "./locator.js";
import { parseSource } from "./parse.js";
import { formatOf, readTextFile } from "./read.js";
import { closest } from "./suggest.js";
import type { DocumentSet, LoadedFile, OpenApiVersion, RefFailure, RefResult, RefTarget } from "./types.js";
import { isObject, joinPointer, parsePointer } from "../util/json-pointer.js";

export const STDIN = "<stdin>";

interface FileRecord {
  loaded: LoadedFile;
  positions: SourcePositions;
  /** A YAML file loaded around broken syntax: the damaged mappings, and the flaw (one error) to report for them. */
  damage?: { pointers: string[]; flaw: Diagnostic };
}

/** Nested `$ref`s followed while walking one pointer (guards pathological documents). */
const MAX_PATH_HOPS = 32;

export class DocumentStore implements DocumentSet {
  private readonly records = new Map<string, FileRecord>();
  private readonly loadedFiles = new Map<string, LoadedFile>();
  private readonly failures = new Map<string, RefFailure>();
  private readonly refCache = new Map<string, RefResult>();
  /** Reference-only objects already followed → where following them ends (see `settle`). */
  private readonly settled = new Map<string, Settled>();
  /** Targets on the walk `settle` is doing (to name a loop's members). */
  private readonly targets = new Map<string, RefTarget>();
  /** Problems found while parsing referenced files that did not stop them loading (warnings). */
  private readonly fileDiagnostics: Diagnostic[] = [];

  readonly entry: LoadedFile;

  constructor(
    entry: FileRecord,
    readonly root: string,
    readonly version: OpenApiVersion,
    readonly versionString: string,
    /** Folder relative refs of standard input are resolved against. */
    private readonly stdinDir: string,
    private readonly maxDepth: number,
  ) {
    this.entry = entry.loaded;
    this.records.set(entry.loaded.path, entry);
    this.loadedFiles.set(entry.loaded.path, entry.loaded);
  }

  get files(): ReadonlyMap<string, LoadedFile> {
    return this.loadedFiles;
  }

  locate(file: string, pointer: string, atKey = false): { line: number; column: number } | undefined {
    return this.records.get(file)?.positions.locate(pointer, atKey);
  }

  /** Like `locate`, but falls back to the nearest existing ancestor of `pointer`. */
  locateNearest(file: string, pointer: string): { line: number; column: number } | undefined {
    return this.records.get(file)?.positions.locateNearest(pointer);
  }

  /** `file` for messages: relative to the root folder when inside it. */
  display(file: string): string {
    if (file === STDIN) return file;
    const rel = path.relative(this.root, file);
    return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? file : rel.split(path.sep).join("/");
  }

  /** Warnings from parsing referenced files; each is handed out once. */
  takeFileDiagnostics(): Diagnostic[] {
    return this.fileDiagnostics.splice(0);
  }

  resolveRef(ref: string, fromFile: string): RefResult {
    const key = fromFile + "\n" + ref;
    let result = this.refCache.get(key);
    if (!result) {
      result = this.follow(ref, fromFile);
      this.refCache.set(key, result);
    }
    return result;
  }

  /**
   * Every target `resolveRef(ref, fromFile)` passes through, in order, the result last
   * (for messages and tests; costs one walk of the chain).
   */
  refChain(ref: string, fromFile: string): RefTarget[] {
    const first = this.resolveOnce(ref, fromFile, 0);
    if (!first.ok) return [];
    const chain = [first.target];
    const seen = new Set<string>();
    for (let t = first.target; ; ) {
      const next = this.referenceOnly(t.value);
      const id = t.file + "#" + t.pointer;
      if (next === undefined || seen.has(id)) return chain;
      seen.add(id);
      const step = this.resolveOnce(next, t.file, 0);
      if (!step.ok) return chain;
      chain.push(step.target);
      t = step.target;
    }
  }

  /** Resolves once, then follows reference-only objects (see `settle`). */
  private follow(ref: string, fromFile: string): RefResult {
    const first = this.resolveOnce(ref, fromFile, 0);
    if (!first.ok) return first;
    const end = this.settle(first.target);
    if (end.ok) return { ok: true, ...end.target, hops: end.hops };
    const f = end.failure;
    if (f.code === "ref-cycle") {
      const shown = showLoop(f.loop!, (t) => this.show(t, fromFile));
      return { ok: false, ...f, message: `$ref ${JSON.stringify(ref)} leads into a loop of references that never reaches a value: ${shown}` };
    }
    return { ok: false, ...f, message: `${f.message} (reached from $ref ${JSON.stringify(ref)})` };
  }

  /**
   * Where following reference-only objects from `start` ends. Iterative, and memoized per
   * target: every object of a chain is settled once, so a 5,000-link `$ref` → `$ref`
   * chain costs 5,000 steps in all, not 5,000² (each ref into the chain reuses the rest).
   */
  private settle(start: RefTarget): Settled {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let t = start;
    let outcome: Settled;
    for (;;) {
      const id = t.file + "#" + t.pointer;
      const known = this.settled.get(id);
      if (known) {
        outcome = known.ok ? { ...known, hops: known.hops + path.length } : known;
        break;
      }
      const next = this.referenceOnly(t.value);
      if (next === undefined) {
        outcome = { ok: true, target: t, hops: path.length };
        break;
      }
      const at = onPath.get(id);
      if (at !== undefined) {
        const loop = path.slice(at).map((p) => this.targets.get(p)!);
        outcome = {
          ok: false,
          failure: {
            code: "ref-cycle",
            message: "",
            hint: "one of these references must point at an actual definition",
            loop: loop.map((x) => ({ file: x.file, pointer: x.pointer })),
            loopKey: loop.map((x) => x.file + "#" + x.pointer).sort().join("\n"),
            loopMembers: new Set(loop.map((x) => x.file + "#" + x.pointer)),
          },
        };
        break;
      }
      onPath.set(id, path.length);
      path.push(id);
      this.targets.set(id, t);
      const step = this.resolveOnce(next, t.file, 0);
      if (!step.ok) {
        const { ok: _ok, ...failure } = step;
        outcome = { ok: false, failure };
        break;
      }
      t = step.target;
    }
    // Each object on the way ends where the walk ended, `hops` fewer steps later.
    path.forEach((id, i) => {
      this.settled.set(id, outcome.ok ? { ...outcome, hops: outcome.hops - i } : outcome);
      this.targets.delete(id);
    });
    return outcome;
  }

  /** The `$ref` to follow when `value` is a reference-only object (see the header). */
  referenceOnly(value: unknown): string | undefined {
    if (!isObject(value)) return undefined;
    const ref = value["$ref"];
    if (typeof ref !== "string") return undefined;
    if (this.version === "3.0") return ref;
    for (const k of Object.keys(value)) {
      if (k !== "$ref" && k !== "summary" && k !== "description") return undefined;
    }
    return ref;
  }

  private resolveOnce(ref: string, fromFile: string, hops: number): { ok: true; target: RefTarget } | ({ ok: false } & RefFailure) {
    const base = fromFile === STDIN ? this.stdinDir : path.dirname(fromFile);
    const loc = locateRef(ref, base, this.root);
    if (loc.kind === "refused") return { ok: false, ...loc.failure };
    let file = fromFile;
    if (loc.kind === "file") {
      const loaded = this.load(loc.path, ref);
      if (!loaded.ok) return { ok: false, ...loaded.failure };
      file = loaded.path;
    }
    const record = this.records.get(file);
    if (!record) return { ok: false, code: "input-unreadable", message: `$ref ${JSON.stringify(ref)}: ${file} is not a loaded file`, hint: "this is a bug in gen-callbacks" };
    const found = this.walkPointer(record, loc.pointer, ref, hops);
    if (!found.ok) return found;
    const damage = this.records.get(found.target.file)?.damage;
    if (damage && damage.pointers.some((d) => overlaps(d, found.target.pointer))) {
      const flaw = damage.flaw;
      return {
        ok: false,
        code: "input-unreadable",
        message: `$ref ${JSON.stringify(ref)} needs a part of ${this.display(found.target.file)} that cannot be parsed (the flaw is at line ${flaw.line}, column ${flaw.column})`,
        hint: "fix the flaw in that file; the rest of it is read as usual",
        diagnostics: [flaw],
      };
    }
    return found;
  }

  /** Every flaw of a file loaded around broken syntax (reported once each, by `checkRefs`). */
  flaws(): Diagnostic[] {
    return [...this.records.values()].flatMap((r) => (r.damage ? [r.damage.flaw] : []));
  }

  /** Walks `pointer` in `record`, following `$ref`s met on the way. */
  private walkPointer(record: FileRecord, pointer: string, ref: string, hops: number): { ok: true; target: RefTarget } | ({ ok: false } & RefFailure) {
    const segments = parsePointer(pointer)!;
    let file = record.loaded.path;
    let cur: unknown = record.loaded.value;
    let at = "";
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      if (Array.isArray(cur) && /^(0|[1-9][0-9]*)$/.test(seg) && Number(seg) < cur.length) {
        cur = cur[Number(seg)];
        at = joinPointer(at, seg);
        continue;
      }
      if (isObject(cur) && Object.prototype.hasOwnProperty.call(cur, seg)) {
        cur = cur[seg];
        at = joinPointer(at, seg);
        continue;
      }
      const inner = isObject(cur) ? cur["$ref"] : undefined;
      if (typeof inner === "string" && hops < MAX_PATH_HOPS) {
        // The pointer continues inside what this `$ref` names.
        const step = this.resolveOnce(inner, file, hops + 1);
        if (!step.ok) return step;
        const rest = joinPointer(step.target.pointer, ...segments.slice(i));
        const next = this.records.get(step.target.file)!;
        return this.walkPointer(next, rest, ref, hops + 1);
      }
      return { ok: false, ...this.missing(ref, file, at, seg, cur) };
    }
    return { ok: true, target: { file, pointer, value: cur } };
  }

  private missing(ref: string, file: string, parent: string, seg: string, parentValue: unknown): RefFailure {
    const where = file === this.entry.path ? "" : ` in ${this.display(file)}`;
    const parentShown = parent === "" ? "the document root" : `#${parent}`;
    let hint = "check the spelling of the name and the path to it";
    if (isObject(parentValue)) {
      const guess = closest(seg, Object.keys(parentValue));
      if (guess !== undefined) hint = `did you mean ${JSON.stringify(guess)}?`;
    } else if (!Array.isArray(parentValue)) {
      return { code: "ref-missing", message: `$ref ${JSON.stringify(ref)} cannot be followed: ${parentShown}${where} is not an object or list`, hint };
    }
    return { code: "ref-missing", message: `$ref ${JSON.stringify(ref)} names nothing: ${parentShown}${where} has no ${JSON.stringify(seg)}`, hint };
  }

  /** Loads (or returns the cached) file at lexical path `target`, confined to the root. */
  private load(target: string, ref: string): { ok: true; path: string } | { ok: false; failure: RefFailure } {
    const real = realTarget(target, ref, this.root);
    if (!real.ok) return real;
    const file = real.path;
    if (this.records.has(file)) return { ok: true, path: file };
    const known = this.failures.get(file);
    if (known) return { ok: false, failure: { ...known, message: `$ref ${JSON.stringify(ref)}: ${known.message}` } };

    const shown = this.display(file);
    const read = readTextFile(file, shown);
    let failure: RefFailure | undefined;
    if (!read.ok) {
      if (read.code === "string-too-long") {
        // Located in the file itself, as a parse failure is.
        const problem = { code: read.code, severity: "error" as const, message: read.message, hint: read.hint, file, ...(read.line ? { line: read.line, column: read.column! } : {}) };
        failure = { code: "input-unreadable", message: `${shown} cannot be read (line ${read.line}, column ${read.column}: ${read.message})`, hint: read.hint, diagnostics: [problem] };
      } else {
        failure = { code: read.code, message: read.message, hint: read.hint };
      }
    } else {
      const diagnostics = new Diagnostics();
      const parsed = parseSource(read.text, formatOf(file, read.text), file, diagnostics, this.maxDepth, true);
      if (parsed) {
        const loaded: LoadedFile = { path: file, format: formatOf(file, read.text), value: parsed.value };
        const errors = diagnostics.items.filter((d) => d.severity === "error");
        const damage = parsed.damaged && errors.length > 0 ? { pointers: parsed.damaged, flaw: oneFlaw(errors) } : undefined;
        this.records.set(file, { loaded, positions: parsed.positions, ...(damage ? { damage } : {}) });
        this.loadedFiles.set(file, loaded);
        this.fileDiagnostics.push(...diagnostics.items.filter((d) => d.severity !== "error"));
        return { ok: true, path: file };
      }
      const errors = diagnostics.items.filter((d) => d.severity === "error");
      const firstError = errors[0];
      failure = {
        code: "input-unreadable",
        message: `${shown} cannot be parsed${firstError ? ` (the flaw is at line ${firstError.line}, column ${firstError.column})` : ""}`,
        hint: "fix the flaw in that file",
        diagnostics: [...(firstError ? [oneFlaw(errors)] : []), ...diagnostics.items.filter((d) => d.severity !== "error")],
      };
    }
    this.failures.set(file, failure);
    return { ok: false, failure: { ...failure, message: `$ref ${JSON.stringify(ref)}: ${failure.message}` } };
  }

  private show(t: { file: string; pointer: string }, fromFile: string): string {
    return (t.file === fromFile ? "" : this.display(t.file)) + "#" + t.pointer;
  }
}

/** Whether one of two pointers lies within (or is) the other. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(b + "/") || b.startsWith(a + "/") || a === "" || b === "";
}

/**
 * A file's syntax errors as one: the first, saying how many follow. After broken syntax a
 * parser's later errors are mostly its own confusion (yaml reports a missing quote, then
 * the "key" the rest of the line became), and one flaw should read as one problem.
 */
function oneFlaw(errors: Diagnostic[]): Diagnostic {
  const [first, ...rest] = errors;
  if (rest.length === 0) return first!;
  return { ...first!, message: `${first!.message} (and ${rest.length} more error${rest.length === 1 ? "" : "s"} after it, probably caused by it)` };
}

type Settled = { ok: true; target: RefTarget; hops: number } | { ok: false; failure: RefFailure };

/**
 * A loop as a message shows it: every member when short, the first ones and a count when
 * long (every ref into a 5,000-link loop gets this message; listing all would be quadratic).
 */
function showLoop<T>(members: readonly T[], show: (m: T) => string): string {
  const SHOWN = 12;
  const listed = members.slice(0, SHOWN).map(show);
  if (members.length > SHOWN) listed.push(`… ${members.length - SHOWN} more`);
  return [...listed, show(members[0]!)].join(" → ");
}

export type { FileRecord };
