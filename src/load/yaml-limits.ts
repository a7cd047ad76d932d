/**
 * Nesting depth and string length of a YAML document, measured on the CST *before*
 * composing it.
 *
 * yaml's lexer and parser are iterative and cope with 100,000 levels, but its composer
 * recurses: ~800 levels throw RESOURCE_EXHAUSTION, and a second deep document in the same
 * process ends Node 20 with an uncatchable "FATAL ERROR: RegExpCompiler Allocation
 * failed" (THREATS finding 5). So the composer must never see such a document; this walk
 * is iterative (an explicit stack) and costs a few ms on a 4 MB file.
 *
 * Strings are measured here too: the CST holds each scalar as a slice of the source, cheap
 * at any length, while composing folds it at ~40 bytes per character (a 50 MB string took
 * 2 GB). The source length bounds the value's length (escapes and folding only shorten).
 */
import { CST } from "yaml";
import { joinPointer } from "../util/json-pointer.js";

interface Entry {
  token: CST.Token;
  depth: number;
  parent: Entry | undefined;
  /** Key or index under which `token` sits in its parent collection. */
  segment: string | number | undefined;
}

export interface CstProblem {
  kind: "depth" | "string";
  offset: number;
  pointer: string;
  /** For "string": the scalar's length in the source. */
  length?: number;
}

const SCALARS = new Set(["scalar", "single-quoted-scalar", "double-quoted-scalar", "block-scalar"]);

/** First collection nested deeper than `maxDepth`, or first scalar longer than `maxString`, or undefined. */
export function findCstProblem(tokens: readonly CST.Token[], maxDepth: number, maxString: number): CstProblem | undefined {
  const stack: Entry[] = [];
  for (const t of tokens) {
    if (t.type === "document" && t.value) stack.push({ token: t.value, depth: 0, parent: undefined, segment: undefined });
  }
  while (stack.length > 0) {
    const e = stack.pop()!;
    const t = e.token;
    if (SCALARS.has(t.type) && "source" in t && t.source.length > maxString) {
      return { kind: "string", offset: t.offset, pointer: pointerOf(e), length: t.source.length };
    }
    if (t.type !== "block-map" && t.type !== "block-seq" && t.type !== "flow-collection") continue;
    const depth = e.depth + 1;
    if (depth > maxDepth) return { kind: "depth", offset: t.offset, pointer: pointerOf(e) };
    const isSeq = t.type === "block-seq" || (t.type === "flow-collection" && t.start.source === "[");
    t.items.forEach((item, index) => {
      const segment = isSeq ? index : keyText(item.key, maxString);
      // A complex key is itself a collection and counts towards depth too.
      if (item.key) stack.push({ token: item.key, depth, parent: e, segment });
      if (item.value) stack.push({ token: item.value, depth, parent: e, segment });
    });
  }
  return undefined;
}

function keyText(key: CST.Token | null | undefined, maxString: number): string | undefined {
  // A too-long key is reported when popped; resolving it first would cost what the check saves.
  if (!key || ("source" in key && key.source.length > maxString)) return undefined;
  const scalar = CST.resolveAsScalar(key);
  return scalar ? scalar.value : undefined;
}

function pointerOf(e: Entry): string {
  const segments: (string | number)[] = [];
  for (let cur: Entry | undefined = e; cur && cur.segment !== undefined; cur = cur.parent) segments.push(cur.segment);
  return joinPointer("", ...segments.reverse());
}
