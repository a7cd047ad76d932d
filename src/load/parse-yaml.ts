/**
 * YAML documents, parsed with the safe options of THREATS Appendix 2:
 *
 *   version 1.2, core schema   `NO`, `010`, `0x1F` mean what a JSON reader expects
 *   uniqueKeys, stringKeys      duplicate keys are errors; `200:` is the key "200"
 *   resolveKnownTags: false     `!!binary`, `!!timestamp`, `!!set` stay unresolved, and
 *   customTags: []              every unresolved tag (TAG_RESOLVE_FAILED) is an error
 *   merge: true                 `<<` merge keys merge. Real specs use them (openapi-
 *                               typescript and Redocly merge too); refusing them would
 *                               refuse documents every other tool reads.
 *   maxAliasCount: 100          billion-laughs protection (toJS)
 *
 * Steps: lex + parse to a CST → depth pre-check on the CST (the composer recurses; see
 * yaml-limits.ts; strings too) → compose from the *same* tokens (no second parse) → one iterative walk
 * of the AST that checks what the options cannot (keys, aliases, merge sources, non-JSON
 * numbers) and records positions → toJS. The Document is then dropped: only the value and
 * a compact position tree survive.
 */
import { Composer, Lexer, Parser, isAlias, isMap, isScalar, isSeq, Scalar, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { exactValue, isIntegerLiteral, MAX_SAFE } from "./json-numbers.js";
import { depthHint, MAX_ALIAS_COUNT, MAX_ALIAS_ADDED_FLOOR, MAX_STRING_LENGTH, MAX_YAML_BYTES, YAML_DEPTH_CAP } from "./limits.js";
import { SourcePositions } from "./locator.js";
import type { ParsedSource } from "./parse-json.js";
import { findCstProblem } from "./yaml-limits.js";
import { stringTooLong } from "./string-limit.js";
import { newPosMap, newPosSeq, YamlLocator, type PosMap, type PosNode, type PosSeq } from "./yaml-positions.js";
import { joinPointer } from "../util/json-pointer.js";
import { LineIndex } from "./positions.js";

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.2",
  schema: "core",
  strict: true,
  uniqueKeys: true,
  stringKeys: true,
  resolveKnownTags: false,
  customTags: [],
  merge: true,
  prettyErrors: false,
  keepSourceTokens: false,
};

/**
 * The offset just past the flow indicator (`[` or `{`) at which flow collections alone nest
 * deeper than `limit`, or -1. Tokens come from yaml's own lexer, so brackets inside quoted
 * or plain scalars and comments do not count.
 */
function flowTooDeepAt(text: string, limit: number): number {
  let depth = 0;
  let offset = 0;
  let atScalar = false;
  for (const token of new Lexer().lex(text)) {
    // Offsets as yaml's parser counts them: its control tokens take no room in the text.
    if (atScalar) {
      atScalar = false;
    } else if (token === SCALAR_TOKEN) {
      atScalar = true;
      continue;
    } else if (token === DOCUMENT_TOKEN || token === FLOW_ERROR_TOKEN) {
      continue;
    } else if (token === "[" || token === "{") {
      if (++depth > limit) return offset + 1;
    } else if ((token === "]" || token === "}") && depth > 0) {
      depth--;
    }
    offset += token.length;
  }
  return -1;
}

/** yaml's lexer's control tokens (CST.SCALAR, CST.DOCUMENT, CST.FLOW_END). */
const SCALAR_TOKEN = "\x1f";
const DOCUMENT_TOKEN = "\x02";
const FLOW_ERROR_TOKEN = "\x18";

const MERGE_TAG = "tag:yaml.org,2002:merge";
const STR_TAG = "tag:yaml.org,2002:str";

/**
 * `recover` (for files reached through `$ref`): a file whose only errors are broken syntax
 * still loads, with the mappings that hold each error marked as damaged (`damaged`), when
 * yaml recovered the rest of the document around them; a `$ref` into a damaged part fails
 * (document-set.ts). A real 3GPP file has such a flaw in a schema no callback uses.
 */
export function parseYaml(text: string, file: string, diagnostics: Diagnostics, maxDepth: number, recover = false): ParsedSource | undefined {
  if (text.length > MAX_YAML_BYTES) {
    // Files are refused by size before reading (read.ts); this is for standard input and
    // documents recognised as YAML by their content.
    diagnostics.error(
      "input-unreadable",
      `the YAML document is ${Math.round(text.length / 1048576)} MB, more than the ${MAX_YAML_BYTES / 1048576} MB a YAML spec may have`,
      { file, line: 1, column: 1 },
      "convert it to JSON (parsed with far less memory) or split it into files referenced with `$ref`",
    );
    return undefined;
  }
  const lines = new LineIndex(text);
  const at = (offset: number) => ({ file, ...lines.position(offset) });

  const limit = Math.min(maxDepth, YAML_DEPTH_CAP);
  // Flow collections nested past the limit (`[[[[…`): the CST of only the text up to the
  // bracket that crosses it holds the same first too-deep node, and building the CST of
  // 100,000 levels would take a second.
  const cut = flowTooDeepAt(text, limit);
  const tokens = Array.from(new Parser().parse(cut < 0 ? text : text.slice(0, cut)));
  const deep = findCstProblem(tokens, limit, MAX_STRING_LENGTH);
  if (deep?.kind === "string") {
    stringTooLong(diagnostics, deep.length!, { ...at(deep.offset), pointer: deep.pointer });
    return undefined;
  }
  if (deep) {
    const capped = limit < maxDepth ? ` (YAML documents are capped at ${YAML_DEPTH_CAP} whatever maxDepth says)` : "";
    diagnostics.error("nesting-too-deep", `mappings/sequences nest deeper than ${limit} levels${capped}`, { ...at(deep.offset), pointer: deep.pointer }, depthHint(limit));
    return undefined;
  }

  const composed = composeSingle(tokens, text, at, diagnostics);
  const hasDuplicates = composed.doc.errors.some((e) => e.code === "DUPLICATE_KEY");
  const walk = walkDocument(composed.doc, at, diagnostics, hasDuplicates);
  const locator = new YamlLocator(walk.rootOffset, walk.root);
  const problems = reportYamlProblems(composed.doc, text, lines, locator, walk.duplicates, file, diagnostics);
  if (composed.failed || walk.failed) return undefined;
  let damaged: string[] | undefined;
  if (problems.failed) {
    // Damage is the mapping holding the broken entry; at the top level nothing is left.
    const regions = recover && problems.syntaxOnly ? problems.offsets.map((o) => parentPointer(locator.pointerAt(o))) : [];
    if (regions.length === 0 || regions.some((r) => r === undefined || r === "")) return undefined;
    damaged = [...new Set(regions as string[])];
  }
  const doc = composed.doc;

  // Expanded size, before toJS would build it (see MAX_ALIAS_ADDED_FLOOR).
  const added = walk.expanded - walk.written;
  const allowed = Math.max(walk.written, MAX_ALIAS_ADDED_FLOOR);
  if (added > allowed) {
    const culprit = walk.biggestAlias!;
    diagnostics.error(
      "yaml-alias-limit",
      `aliases would expand the document's data to ${count(walk.expanded)} units (a unit is a character of a string or key, or one other value) from the ${count(walk.written)} written; they may add at most ${count(allowed)} (*${culprit.name} alone stands for ${count(culprit.size)})`,
      { ...at(culprit.offset), pointer: culprit.pointer },
      "write the repeated content once and reference it with `$ref` instead of repeating it through YAML aliases",
    );
    return undefined;
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/alias count/i.test(message)) {
      const culprit = walk.biggestAlias;
      diagnostics.error(
        "yaml-alias-limit",
        culprit
          ? `aliases expand the document too much: *${culprit.name} alone stands for ${culprit.size.toLocaleString("en-US")} nodes (billion-laughs protection, maxAliasCount ${MAX_ALIAS_COUNT})`
          : `aliases expand the document too much (billion-laughs protection, maxAliasCount ${MAX_ALIAS_COUNT})`,
        culprit ? { ...at(culprit.offset), pointer: culprit.pointer } : at(0),
        "write the repeated content once and reference it with `$ref` instead of nesting YAML aliases",
      );
    } else {
      diagnostics.error("yaml-syntax", `the YAML document cannot be converted to data: ${message}`, at(0), "check anchors, aliases and merge keys (`<<`)");
    }
    return undefined;
  }
  return { value, positions: new SourcePositions(lines, locator), ...(damaged ? { damaged } : {}) };
}

function parentPointer(pointer: string | undefined): string | undefined {
  if (pointer === undefined || pointer === "") return pointer;
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

/** Composes the first document; a second one is an error (an OpenAPI file is one document). */
function composeSingle(tokens: CST.Token[], text: string, at: (o: number) => object, diagnostics: Diagnostics): { doc: Document.Parsed; failed: boolean } {
  const composer = new Composer(YAML_OPTIONS);
  let doc: Document.Parsed | undefined;
  let failed = false;
  for (const d of composer.compose(tokens, true, text.length)) {
    if (!doc) {
      doc = d;
      continue;
    }
    diagnostics.error(
      "yaml-syntax",
      "the file contains a second YAML document (after `---`)",
      at(d.range[0]),
      "an OpenAPI description is a single YAML document; remove the extra `---` section or move it to its own file",
    );
    failed = true;
    break;
  }
  // compose(…, forceDoc = true) always yields at least one document.
  return { doc: doc!, failed };
}

/**
 * Turns yaml's own errors and warnings into diagnostics. Duplicate keys and tags get the
 * pointer of where they are (from the position tree), since those are about content, not
 * about broken syntax.
 */
function reportYamlProblems(
  doc: Document.Parsed,
  text: string,
  lines: LineIndex,
  locator: YamlLocator,
  duplicates: ReadonlyMap<number, { key: string; first: number }>,
  file: string,
  diagnostics: Diagnostics,
): { failed: boolean; syntaxOnly: boolean; offsets: number[] } {
  let failed = false;
  let syntaxOnly = true;
  const offsets: number[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const offset = e.pos[0];
    const where = { file, ...lines.position(offset) };
    const withPointer = { ...where, pointer: locator.pointerAt(offset) };
    if (e.code === "NON_STRING_KEY") continue; // checked by the walk, which knows merge keys
    if (e.code === "MISSING_CHAR" && /^Comments must be separated/.test(e.message)) {
      // `$ref: 'x.yaml#/a'#note`: strict YAML wants a space before `#`; without it the
      // parse is the same, unambiguously (yaml reads it so when not strict). Real 3GPP
      // files have it.
      diagnostics.warning(
        "yaml-syntax",
        "a comment touches the value before it (no space before `#`); it is read as a comment",
        withPointer,
        "put a space before `#` (strict YAML parsers refuse this)",
      );
      continue;
    }
    if (e.code === "TAG_RESOLVE_FAILED") {
      syntaxOnly = false;
      diagnostics.error(
        "yaml-tag",
        `${e.message.replace(/^Unresolved tag: /, "unsupported tag ").replace(/tag:yaml\.org,2002:/g, "!!")}; it would produce a value that is not JSON`,
        withPointer,
        "remove the tag; OpenAPI documents hold only JSON values (strings, numbers, booleans, null, lists and maps)",
      );
      failed = true;
      continue;
    }
    if (e.code === "RESOURCE_EXHAUSTION") {
      syntaxOnly = false;
      diagnostics.error("nesting-too-deep", e.message, where, "simplify the document's nesting");
      failed = true;
      continue;
    }
    const isError = doc.errors.includes(e as never);
    let { message, hint } = describeYamlError(e.code, e.message, text.slice(e.pos[0], e.pos[1]));
    if (e.code === "DUPLICATE_KEY") {
      const dup = duplicates.get(offset);
      if (dup !== undefined) {
        const p = lines.position(dup.first);
        message = `duplicate key ${JSON.stringify(dup.key)} in this mapping (first at line ${p.line}, column ${p.column})`;
      }
      diagnostics.error("yaml-syntax", message, { ...withPointer, atKey: true }, hint);
      failed = true;
      syntaxOnly = false;
    } else if (isError) {
      diagnostics.error("yaml-syntax", message, where, hint);
      offsets.push(offset);
      failed = true;
    } else {
      diagnostics.warning("yaml-syntax", message, where, hint);
    }
  }
  return { failed, syntaxOnly, offsets };
}

function describeYamlError(code: string, message: string, source: string): { message: string; hint: string } {
  switch (code) {
    case "DUPLICATE_KEY":
      return {
        message: `duplicate key ${JSON.stringify(source.trim())} in this mapping`, // refined by the caller with the whole key
        hint: "remove or rename one of the two keys; a mapping may not have the same key twice (many tools would silently keep only one)",
      };
    case "BAD_INDENT":
    case "MISSING_CHAR":
    case "UNEXPECTED_TOKEN":
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return { message: lowerFirst(message), hint: "check indentation (spaces only, same column for siblings) and closing brackets/quotes around this position" };
    case "TAB_AS_INDENT":
      return { message: lowerFirst(message), hint: "indent with spaces; YAML does not allow tabs for indentation" };
    case "BAD_DQ_ESCAPE":
      return { message: lowerFirst(message), hint: "in double-quoted strings write a backslash as `\\\\`, or use single quotes" };
    case "BAD_ALIAS":
      return { message: lowerFirst(message), hint: "define the anchor (`&name`) before the alias (`*name`) that uses it" };
    default:
      return { message: lowerFirst(message), hint: "check the YAML syntax around this position" };
  }
}

/**
 * What a value weighs in the alias budget: a string its length (a 20 KB string repeated
 * through aliases is 20 KB of output each time, though it is one node), anything else 1.
 * Collections weigh 1 plus their keys and items.
 */
function weight(value: unknown): number {
  return typeof value === "string" ? Math.max(1, value.length) : 1;
}

function count(n: number): string {
  return Number.isFinite(n) && n < 1e15 ? n.toLocaleString("en-US") : n.toExponential(2);
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0]!.toLowerCase() + s.slice(1) : s;
}

interface WalkResult {
  failed: boolean;
  /** Size of the data as written (see `weight`; an alias counts as one). */
  written: number;
  /** Size of the data once every alias is expanded. */
  expanded: number;
  root: PosNode | undefined;
  rootOffset: number;
  /** The alias standing for the largest sub-tree, to locate an alias-limit error. */
  biggestAlias: { name: string; size: number; offset: number; pointer: string } | undefined;
  /** Offset of a repeated key → the key and the offset of its first occurrence (yaml reports the error; we add what and where). */
  duplicates: Map<number, { key: string; first: number }>;
}

interface Frame {
  node: YAMLMap | YAMLSeq;
  pos: PosNode;
  next: number;
  /** Number of nodes this collection stands for once aliases are expanded. */
  size: number;
  /** Whether entering this collection added a segment to the current path. */
  pushed: boolean;
}

/**
 * One iterative pass over the AST (depth is bounded by the pre-check, but an explicit
 * stack keeps this independent of it).
 */
function walkDocument(doc: Document.Parsed, at: (o: number) => object, diagnostics: Diagnostics, findDuplicates: boolean): WalkResult {
  const result: WalkResult = { failed: false, written: 0, expanded: 0, root: undefined, rootOffset: 0, biggestAlias: undefined, duplicates: new Map() };
  const anchors = new Map<string, YamlNode>();
  const anchorSize = new Map<YamlNode, number>();
  const anchorPos = new Map<YamlNode, PosNode>();
  const open = new Set<YamlNode>();
  const stack: Frame[] = [];
  const path: (string | number)[] = [];

  const error = (code: "yaml-syntax" | "yaml-tag" | "non-finite-number", offset: number, message: string, hint: string, extra: string | number | undefined): void => {
    diagnostics.error(code, message, { ...at(offset), pointer: pointerWith(path, extra) }, hint);
    result.failed = true;
  };

  /** Visits a value: checks it and returns its position sub-tree and expanded size; pushes a frame for collections. */
  const visit = (node: unknown, segment: string | number | undefined): { pos: PosNode | undefined; size: number } => {
    result.written++;
    if (node === null || node === undefined) return { pos: undefined, size: 1 };
    const n = node as YamlNode;
    if (n.anchor) anchors.set(n.anchor, n);
    if (isAlias(n)) {
      const target = anchors.get(n.source);
      const offset = n.range?.[0] ?? 0;
      if (!target) {
        error("yaml-syntax", offset, `alias *${n.source} refers to no anchor defined before it`, "define `&" + n.source + "` before using `*" + n.source + "`", segment);
        return { pos: undefined, size: 1 };
      }
      if (open.has(target)) {
        error("yaml-syntax", offset, `alias *${n.source} is inside its own anchor, which makes the data circular`, "JSON data cannot contain itself; use a `$ref` for recursive schemas", segment);
        return { pos: undefined, size: 1 };
      }
      const size = anchorSize.get(target) ?? 1;
      if (!result.biggestAlias || size > result.biggestAlias.size) {
        result.biggestAlias = { name: n.source, size, offset, pointer: pointerWith(path, segment) };
      }
      return { pos: anchorPos.get(target), size };
    }
    if (isScalar(n)) {
      checkScalar(n, segment);
      const size = weight(n.value);
      result.written += size - 1;
      if (n.anchor) anchorSize.set(n, size);
      return { pos: undefined, size };
    }
    if (isMap(n) || isSeq(n)) {
      const pos = isMap(n) ? newPosMap() : newPosSeq();
      if (n.anchor) anchorPos.set(n, pos);
      open.add(n);
      stack.push({ node: n, pos, next: 0, size: 1, pushed: segment !== undefined });
      if (segment !== undefined) path.push(segment);
      return { pos, size: 0 }; // the frame's size is added when it closes
    }
    return { pos: undefined, size: 1 };
  };

  const checkScalar = (s: Scalar, segment: string | number | undefined): void => {
    const v = s.value;
    const offset = s.range?.[0] ?? 0;
    const literal = typeof s.source === "string" ? s.source : String(v);
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        error("non-finite-number", offset, `the value ${literal} is not a finite number, which JSON cannot represent`, "quote it if it is meant as a string, or use a finite number", segment);
      } else if (Number.isInteger(v) && !Number.isSafeInteger(v) && (isIntegerLiteral(literal) || /^0[xo][0-9a-f]+$/i.test(literal))) {
        diagnostics.warning(
          "unsafe-integer",
          `the integer ${literal} is beyond ${MAX_SAFE} and is read as ${exactValue(v)}`,
          { ...at(offset), pointer: pointerWith(path, segment) },
          "quote it if it is an identifier; as a number every JavaScript consumer rounds it the same way",
        );
      }
    } else if (!(typeof v === "string" || typeof v === "boolean" || v === null)) {
      error("yaml-tag", offset, `the value ${literal} is not a JSON value`, "remove the tag that produces it", segment);
    }
  };

  /** Checks a mapping key; returns its string, or undefined for a merge key (or after an error). */
  const checkKey = (pair: Pair): { key: string; merge: boolean } | undefined => {
    const k = pair.key as YamlNode | null;
    const offset = (k?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0]) ?? 0;
    if (isScalar(k) && typeof k.value === "string") {
      const plain = !k.type || k.type === Scalar.PLAIN;
      if (plain && k.value === "<<") return { key: "<<", merge: true };
      if (!k.tag || k.tag === STR_TAG || k.tag === MERGE_TAG) return { key: k.value, merge: false };
    }
    error(
      "yaml-syntax",
      offset,
      isAlias(k) ? "an alias cannot be used as a mapping key" : isScalar(k) ? "a mapping key carries a tag that makes it a non-string" : "mapping keys must be strings (complex keys are not JSON)",
      "write the key as a plain or quoted string",
      undefined,
    );
    return undefined;
  };

  const contents = doc.contents as YamlNode | null;
  result.rootOffset = contents?.range?.[0] ?? 0;
  const top = visit(contents, undefined);
  result.root = top.pos;
  result.expanded = top.size; // a collection's size is set when its frame closes, below

  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    const items = f.node.items;
    if (f.next >= items.length) {
      stack.pop();
      open.delete(f.node);
      if (f.node.anchor) anchorSize.set(f.node, f.size);
      if (f.pushed) path.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.size += f.size;
      else result.expanded = f.size;
      continue;
    }
    const i = f.next++;
    if (f.pos.kind === "seq") {
      const item = items[i] as YamlNode | null;
      const seq = f.pos as PosSeq;
      const offset = item?.range?.[0] ?? 0;
      const r = visit(item, i);
      seq.valueOffsets.push(offset);
      seq.children.push(r.pos);
      f.size += r.size;
      continue;
    }
    const map = f.pos as PosMap;
    const pair = items[i] as Pair;
    const valueNode = pair.value as YamlNode | null;
    const keyNode = pair.key as YamlNode | null;
    const keyOffset = keyNode?.range?.[0] ?? valueNode?.range?.[0] ?? 0;
    const valueOffset = valueNode?.range?.[0] ?? keyOffset;
    const key = checkKey(pair);
    if (key?.merge) {
      checkMergeSource(valueNode, anchors);
      const r = visit(valueNode, "<<");
      map.mergeFrom = r.pos;
      f.size += r.size;
      continue;
    }
    const r = visit(valueNode, key?.key ?? i);
    if (key) {
      // Only when yaml found duplicates: a second pairwise search is not free on big maps.
      const first = findDuplicates ? map.keys.indexOf(key.key) : -1;
      if (first >= 0) result.duplicates.set(keyOffset, { key: key.key, first: map.keyOffsets[first]! });
      // Keys are data too: a map of long keys repeated through an alias is as big as values.
      result.written += key.key.length;
      f.size += key.key.length;
      map.keys.push(key.key);
      map.keyOffsets.push(keyOffset);
      map.valueOffsets.push(valueOffset);
      map.children.push(r.pos);
    }
    f.size += r.size;
  }
  return result;

  function checkMergeSource(value: YamlNode | null, anchorsSoFar: Map<string, YamlNode>): void {
    const isMapLike = (v: unknown): boolean => isMap(v) || (isAlias(v) && isMap(anchorsSoFar.get(v.source)));
    const ok = isMapLike(value) || (isSeq(value) && value.items.every(isMapLike));
    if (!ok) {
      error("yaml-syntax", value?.range?.[0] ?? 0, "the value of a merge key `<<` must be a mapping, an alias of one, or a list of those", "merge only mappings, e.g. `<<: *base`", "<<");
    }
  }
}

function pointerWith(path: readonly (string | number)[], extra: string | number | undefined): string {
  return extra === undefined ? joinPointer("", ...path) : joinPointer("", ...path, extra);
}
