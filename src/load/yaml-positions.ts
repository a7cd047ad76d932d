/**
 * Where things are in a YAML file, kept after the yaml Document is dropped.
 *
 * Keeping the Document for `locate` would hold every Scalar, Pair and range array: on the
 * 3.4 MB Okta spec that is ≈ 115 MB of heap against ≈ 8 MB for the parsed value. This
 * tree keeps only, per mapping or sequence, the key and value offsets of its entries and
 * the sub-tree of each collection entry — a few MB for the same file.
 *
 * Aliases share the sub-tree of their anchor (so a pointer through an alias resolves to
 * where the value is written), and merge keys (`<<`) remember their sources so that merged
 * members are located where they are written too.
 */
import type { Locator } from "./locator.js";
import { joinPointer } from "../util/json-pointer.js";

export interface PosMap {
  kind: "map";
  keys: string[];
  keyOffsets: number[];
  valueOffsets: number[];
  children: (PosNode | undefined)[];
  /** Value of a `<<` merge key: a map, or a sequence of maps; searched after own keys. */
  mergeFrom: PosNode | undefined;
  /** Built lazily for large mappings. */
  byKey: Map<string, number> | undefined;
}

export interface PosSeq {
  kind: "seq";
  valueOffsets: number[];
  children: (PosNode | undefined)[];
}

export type PosNode = PosMap | PosSeq;

export function newPosMap(): PosMap {
  return { kind: "map", keys: [], keyOffsets: [], valueOffsets: [], children: [], mergeFrom: undefined, byKey: undefined };
}

export function newPosSeq(): PosSeq {
  return { kind: "seq", valueOffsets: [], children: [] };
}

const LINEAR_LIMIT = 16;

export class YamlLocator implements Locator {
  constructor(
    private readonly rootOffset: number,
    private readonly root: PosNode | undefined,
  ) {}

  offsetOf(segments: readonly string[], atKey: boolean): number | undefined {
    let node = this.root;
    let at = this.rootOffset;
    let keyAt = at;
    for (const seg of segments) {
      if (!node) return undefined;
      const hit = node.kind === "map" ? findMember(node, seg, 0) : findItem(node, seg);
      if (!hit) return undefined;
      [keyAt, at, node] = hit;
    }
    return atKey ? keyAt : at;
  }

  /**
   * Pointer of the innermost entry that starts at or before `offset` — where a problem that
   * yaml reports by offset (a duplicate key, a tag) sits in the data. Entries of one
   * collection are in document order; a child reached through an alias lies elsewhere in
   * the file and is not descended into.
   */
  pointerAt(offset: number): string | undefined {
    if (offset < this.rootOffset) return undefined;
    const segments: (string | number)[] = [];
    let node = this.root;
    while (node) {
      const starts = node.kind === "map" ? node.keyOffsets : node.valueOffsets;
      let i = -1;
      while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
      if (i < 0) break;
      segments.push(node.kind === "map" ? node.keys[i]! : i);
      const child = node.children[i];
      const childStart = child ? (child.kind === "map" ? child.keyOffsets[0] : child.valueOffsets[0]) : undefined;
      node = child && childStart !== undefined && childStart >= node.valueOffsets[i]! ? child : undefined;
    }
    return joinPointer("", ...segments);
  }
}

type Hit = [keyOffset: number, valueOffset: number, child: PosNode | undefined];

function findItem(seq: PosSeq, seg: string): Hit | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(seg)) return undefined;
  const i = Number(seg);
  const v = seq.valueOffsets[i];
  return v === undefined ? undefined : [v, v, seq.children[i]];
}

function findMember(map: PosMap, key: string, mergeDepth: number): Hit | undefined {
  let i: number;
  if (map.keys.length > LINEAR_LIMIT) {
    if (!map.byKey) {
      map.byKey = new Map();
      map.keys.forEach((k, idx) => map.byKey!.set(k, idx));
    }
    i = map.byKey.get(key) ?? -1;
  } else {
    i = map.keys.indexOf(key);
  }
  if (i >= 0) return [map.keyOffsets[i]!, map.valueOffsets[i]!, map.children[i]];
  // Merged members: explicit keys win over merged ones, and earlier sources over later
  // ones (YAML merge-key semantics, as yaml implements them). Merge chains are finite
  // (an anchor cannot contain an alias to itself), the depth bound is belt and braces.
  const src = map.mergeFrom;
  if (!src || mergeDepth > 64) return undefined;
  const sources = src.kind === "map" ? [src] : src.children;
  for (const s of sources) {
    if (s?.kind !== "map") continue;
    const hit = findMember(s, key, mergeDepth + 1);
    if (hit) return hit;
  }
  return undefined;
}
