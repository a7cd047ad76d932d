/**
 * `checkRefs`: one pass over the entry document and every region of another file that a
 * `$ref` reaches, resolving each reference once (results are cached by the set).
 *
 * What it reports, and to whom:
 * - references leaving the spec's folder or naming a URL → never followed; errors wherever
 *   they could feed generated code (the security policy is to refuse documents that ask us
 *   to read outside their folder), warnings in parts generation never reads (`isInert`);
 * - loops of references that never reach a value → one error per loop (`ref-cycle`);
 * - schemas that contain themselves through in-place applicators only → `schema-cycle`
 *   (schema-cycles.ts);
 * - references that cannot be followed for any other reason (missing target or file, a
 *   file that does not parse, a malformed pointer, a reference *into* a loop) → returned,
 *   located, with `inEvent` telling whether a callback/webhook reaches them. The caller
 *   decides: a broken reference outside the generated subtree must not stop generation
 *   (Dropbox Sign references ~660 missing code-sample files). `reportUnresolved` applies
 *   that default policy.
 *
 * Which `$ref`s count: a string-valued `$ref` member of an object whose keys are
 * OpenAPI/JSON Schema field names. Objects whose keys are user-chosen names (`properties`,
 * `paths`, `components/schemas`, `responses`, …) may have a member *called* `$ref`, and
 * example/default/const/enum values are data, not references; both are skipped.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { DocumentStore } from "./document-set.js";
import { findSchemaCycles, SchemaGraph } from "./schema-cycles.js";
import type { DocumentSet, RefFailure } from "./types.js";
import { isObject, joinPointer } from "../util/json-pointer.js";

export interface UnresolvedRef {
  file: string;
  /** Pointer of the `$ref` member itself, e.g. `/components/schemas/Missing/$ref`. */
  pointer: string;
  ref: string;
  /**
   * True when a callback, webhook or x-webhook reaches this reference (through `$ref`s
   * too) by fields that generation uses — not through `description`/`summary`/
   * `externalDocs` or `x-` extensions.
   */
  inEvent: boolean;
  failure: RefFailure;
  line?: number;
  column?: number;
}

export interface RefScan {
  unresolved: UnresolvedRef[];
  /** `$ref` members seen (each counted once per place). */
  refs: number;
}

const enum Mode {
  /** Keys are field names of an OpenAPI object or schema keywords. */
  Fields,
  /** Keys are names chosen by the author; every value is an object of fields. */
  Names,
}

/**
 * Fields whose content generation never needs: documentation text (which Vonage-style
 * specs `$ref` from files) and extensions. A broken reference below them stays a warning
 * even inside a webhook (Dropbox Sign's x-webhooks `$ref` missing markdown and code files).
 */
const DOC_KEYS = new Set(["description", "summary", "externalDocs"]);

/** Values that are data, never references. `value` is the Example Object's payload. */
const DATA_KEYS = new Set(["example", "default", "const", "enum", "value"]);

/** Fields whose object value is a map from author-chosen names to objects. */
const NAME_MAPS = new Set([
  "paths",
  "webhooks",
  "x-webhooks",
  "callbacks",
  "responses",
  "content",
  "encoding",
  "headers",
  "links",
  "variables",
  "examples",
  "properties",
  "patternProperties",
  "dependentSchemas",
  "$defs",
  "definitions",
  "schemas",
  "parameters",
  "requestBodies",
  "securitySchemes",
  "pathItems",
  "mediaTypes",
  "additionalOperations",
]);

interface Item {
  value: unknown;
  parent: Item | undefined;
  /** Key or index in the parent; for a region root, its full pointer. */
  seg: string | number;
  file: string;
  mode: Mode;
  inEvent: boolean;
}

export function checkRefs(set: DocumentSet, diagnostics: Diagnostics): RefScan {
  const entry = set.entry.path;
  const unresolved = new Map<string, UnresolvedRef>();
  const reported = new Set<string>();
  const loops = new Set<string>();
  /** Region roots walked: `file#pointer` → walked in event mode. */
  const walked = new Map<string, boolean>();
  const graph = new SchemaGraph();
  let refs = 0;

  const stack: Item[] = [];
  const region = (file: string, pointer: string, value: unknown, inEvent: boolean): void => {
    walked.set(file + "#" + pointer, inEvent);
    stack.push({ value, parent: undefined, seg: pointer, file, mode: Mode.Fields, inEvent });
  };
  region(entry, "", set.entry.value, false);

  while (stack.length > 0) {
    const item = stack.pop()!;
    const v = item.value;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const el = v[i];
        if (el !== null && typeof el === "object") stack.push({ value: el, parent: item, seg: i, file: item.file, mode: Mode.Fields, inEvent: item.inEvent });
      }
      continue;
    }
    if (!isObject(v)) continue;
    if (item.mode === Mode.Names) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const child = v[keys[i]!];
        if (child !== null && typeof child === "object") stack.push({ value: child, parent: item, seg: keys[i]!, file: item.file, mode: Mode.Fields, inEvent: item.inEvent });
      }
      continue;
    }
    const ref = v["$ref"];
    if (typeof ref === "string") handleRef(item, v, ref);
    graph.addInPlaceEdges(v, item);
    const keys = Object.keys(v);
    const atDocumentRoot = item.parent === undefined && item.seg === "" && item.file === entry;
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child = v[key];
      if (child === null || typeof child !== "object" || key === "$ref" || DATA_KEYS.has(key)) continue;
      if (key === "examples" && Array.isArray(child)) continue; // a schema's examples: data
      const startsEvent = !item.inEvent && (key === "callbacks" || (atDocumentRoot && (key === "webhooks" || key === "x-webhooks")));
      const unused = DOC_KEYS.has(key) || (key.startsWith("x-") && !startsEvent);
      const next: Item = {
        value: child,
        parent: item,
        seg: key,
        file: item.file,
        mode: NAME_MAPS.has(key) && !Array.isArray(child) ? Mode.Names : Mode.Fields,
        inEvent: (item.inEvent || startsEvent) && !unused,
      };
      if (startsEvent) walked.set(item.file + "#" + pointerOf(next), true);
      stack.push(next);
    }
  }

  for (const cycle of findSchemaCycles(graph, (item) => ({ file: (item as Item).file, pointer: pointerOf(item as Item) }))) {
    const first = cycle[0]!;
    const shown = cycle.map((n) => show(set, entry, n.file, n.pointer)).join(" → ");
    diagnostics.error(
      "schema-cycle",
      `schema ${show(set, entry, first.file, first.pointer)} contains itself through allOf/anyOf/oneOf/not/$ref alone (${shown}), so validating any value against it never ends`,
      { file: first.file, pointer: first.pointer, ...set.locate(first.file, first.pointer) },
      "a schema may refer to itself only below `properties`, `items`, `additionalProperties` or similar; remove the self-reference from the allOf/anyOf/oneOf",
    );
  }

  if (set instanceof DocumentStore) {
    for (const d of set.takeFileDiagnostics()) diagnostics.add(d);
    // Flaws in parts of a file no `$ref` needed: generation continues; say so once.
    const needed = new Set([...unresolved.values()].flatMap((u) => u.failure.diagnostics ?? []));
    for (const flaw of set.flaws()) {
      if (needed.has(flaw)) continue;
      diagnostics.add({ ...flaw, severity: "warning", message: `${flaw.message} (in a part of the file no callback or webhook uses, which is skipped)` });
    }
  }
  return { unresolved: [...unresolved.values()], refs };

  function handleRef(item: Item, holder: Record<string, unknown>, ref: string): void {
    const holderPointer = pointerOf(item);
    const pointer = holderPointer + "/$ref";
    const key = item.file + "#" + pointer;
    if (!reported.has(key)) refs++;
    const res = set.resolveRef(ref, item.file);
    if (res.ok) {
      if (isObject(res.value) || typeof res.value === "boolean") graph.addRefEdge(holder, item, res.value);
      if (!covered(res.file, res.pointer, item.inEvent)) region(res.file, res.pointer, res.value, item.inEvent);
      reported.add(key);
      return;
    }
    const where = { file: item.file, pointer, ...set.locate(item.file, pointer) };
    if (res.code === "ref-outside-root" || res.code === "ref-external-url") {
      if (!reported.has(key)) {
        if (isInert(item)) {
          diagnostics.warning(res.code, `${res.message} (in a part of the document generation never reads, so it is ignored)`, where, res.hint);
        } else {
          diagnostics.error(res.code, res.message, where, res.hint);
        }
      }
      reported.add(key);
      return;
    }
    if (res.code === "ref-cycle" && res.loopMembers?.has(item.file + "#" + holderPointer)) {
      const loopKey = res.loopKey!;
      if (!loops.has(loopKey)) diagnostics.error("ref-cycle", res.message, where, res.hint);
      loops.add(loopKey);
      reported.add(key);
      return;
    }
    reported.add(key);
    const known = unresolved.get(key);
    if (known) known.inEvent ||= item.inEvent;
    else unresolved.set(key, { file: item.file, pointer, ref, inEvent: item.inEvent, failure: stripOk(res), ...set.locate(item.file, pointer) });
  }

  /**
   * Whether a reference sits where generation never looks: documentation, extensions,
   * security schemes, links, examples, tags, servers. A reference leaving the folder there
   * is still never followed, but it does not make the document unusable (the OAI fixture
   * `security-scheme-object-examples.yaml` has a URL `$ref` in a security scheme). Everywhere
   * else — anything that can feed generated code — it is an error.
   */
  function isInert(item: Item): boolean {
    const segs: (string | number)[] = [];
    let cur: Item | undefined = item;
    while (cur.parent) {
      segs.push(cur.seg);
      cur = cur.parent;
    }
    if (cur.file !== entry || cur.seg !== "") return false;
    segs.reverse();
    const [first, second] = segs;
    if (first === "info" || first === "tags" || first === "servers" || first === "externalDocs") return true;
    if (first === "components" && (second === "securitySchemes" || second === "links" || second === "examples")) return true;
    return segs.some((s, i) => typeof s === "string" && (DOC_KEYS.has(s) || (s.startsWith("x-") && !(i === 0 && s === "x-webhooks"))));
  }

  /** Whether `pointer` in `file` lies in a region already walked in a mode that covers `inEvent`. */
  function covered(file: string, pointer: string, inEvent: boolean): boolean {
    let end = pointer.length;
    for (;;) {
      const w = walked.get(file + "#" + pointer.slice(0, end));
      if (w !== undefined && (w || !inEvent)) return true;
      if (end === 0) return false;
      end = pointer.lastIndexOf("/", end - 1);
    }
  }
}

/**
 * The default policy for what `checkRefs` returns (issue: "a broken ref outside the
 * callback/webhook subtree must not stop generation"): errors when a callback or webhook
 * reaches the reference, warnings elsewhere. A file that fails to parse adds its own
 * located problems at the same severity.
 */
export function reportUnresolved(unresolved: readonly UnresolvedRef[], diagnostics: Diagnostics): void {
  const brokenFiles = new Set<string>();
  // Event-reachable ones first, so a broken file's own problems take the stronger severity.
  const ordered = [...unresolved.filter((u) => u.inEvent), ...unresolved.filter((u) => !u.inEvent)];
  for (const u of ordered) {
    const where = { file: u.file, pointer: u.pointer, line: u.line, column: u.column };
    const severity = u.inEvent ? "error" : "warning";
    const note = u.inEvent ? "" : " (not used by any callback or webhook, so generation continues)";
    const flaws = u.failure.diagnostics ?? [];
    const hint = u.failure.hint ? { hint: u.failure.hint } : {};
    if (flaws.some((d) => d.severity === "error")) {
      // The flaw is reported once, where it is, with the severity of the strongest use;
      // each `$ref` that needed the file is a note pointing there.
      diagnostics.add({ code: u.failure.code, severity: "info", message: u.failure.message, ...where, ...hint });
    } else {
      diagnostics.add({ code: u.failure.code, severity, message: u.failure.message + note, ...where, ...hint });
    }
    for (const d of flaws) {
      const key = `${d.file}\n${d.line}:${d.column}\n${d.message}`;
      if (brokenFiles.has(key)) continue;
      brokenFiles.add(key);
      diagnostics.add({ ...d, severity: d.severity === "error" ? severity : d.severity });
    }
  }
}

function stripOk(res: { ok: false } & RefFailure): RefFailure {
  const { ok: _ok, ...failure } = res;
  return failure;
}

function pointerOf(item: Item): string {
  const segs: (string | number)[] = [];
  let cur: Item | undefined = item;
  while (cur.parent) {
    segs.push(cur.seg);
    cur = cur.parent;
  }
  return joinPointer(cur.seg as string, ...segs.reverse());
}

function show(set: DocumentSet, entry: string, file: string, pointer: string): string {
  if (file === entry) return "#" + pointer;
  const shown = set instanceof DocumentStore ? set.display(file) : file;
  return shown + "#" + pointer;
}
