/**
 * Nesting depth of a YAML document, measured on the CST *before* composing it.
 *
 * yaml's lexer and parser are iterative and cope with 100,000 levels, but its composer
 * recurses: ~800 levels throw RESOURCE_EXHAUSTION, and a second deep document in the same
 * process ends Node 20 with an uncatchable "FATAL ERROR: RegExpCompiler Allocation
 * failed" (THREATS finding 5). So the composer must never see such a document; this walk
 * is iterative (an explicit stack) and costs a few ms on a 4 MB file.
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

export interface TooDeep {
  offset: number;
  pointer: string;
}

/** First collection nested deeper than `maxDepth`, or undefined. */
export function findTooDeep(tokens: readonly CST.Token[], maxDepth: number): TooDeep | undefined {
  const stack: Entry[] = [];
  for (const t of tokens) {
    if (t.type === "document" && t.value) stack.push({ token: t.value, depth: 0, parent: undefined, segment: undefined });
  }
  while (stack.length > 0) {
    const e = stack.pop()!;
    const t = e.token;
    if (t.type !== "block-map" && t.type !== "block-seq" && t.type !== "flow-collection") continue;
    const depth = e.depth + 1;
    if (depth > maxDepth) return { offset: t.offset, pointer: pointerOf(e) };
    const isSeq = t.type === "block-seq" || (t.type === "flow-collection" && t.start.source === "[");
    t.items.forEach((item, index) => {
      const segment = isSeq ? index : keyText(item.key);
      // A complex key is itself a collection and counts towards depth too.
      if (item.key) stack.push({ token: item.key, depth, parent: e, segment });
      if (item.value) stack.push({ token: item.value, depth, parent: e, segment });
    });
  }
  return undefined;
}

function keyText(key: CST.Token | null | undefined): string | undefined {
  if (!key) return undefined;
  const scalar = CST.resolveAsScalar(key);
  return scalar ? scalar.value : undefined;
}

function pointerOf(e: Entry): string {
  const segments: (string | number)[] = [];
  for (let cur: Entry | undefined = e; cur && cur.segment !== undefined; cur = cur.parent) segments.push(cur.segment);
  return joinPointer("", ...segments.reverse());
}
