/**
 * The per-file position service behind `DocumentSet.locate`: each parser provides a
 * `Locator` (pointer → offset) and the text's `LineIndex` turns the offset into a line
 * and column. JSON builds its locator lazily from the text; YAML builds a compact
 * position tree while parsing (see `yaml-positions.ts`).
 */
import type { LineIndex, Position } from "./positions.js";
import { parsePointer } from "../util/json-pointer.js";

export interface Locator {
  /** Offset of the value at `segments` (of its key when `atKey`), if it exists. */
  offsetOf(segments: readonly string[], atKey: boolean): number | undefined;
}

export class SourcePositions {
  constructor(
    readonly lines: LineIndex,
    readonly locator: Locator,
  ) {}

  /** Position of `pointer`; for a pointer that does not exist, that of its deepest existing parent. */
  locate(pointer: string, atKey = false): Position | undefined {
    const segments = parsePointer(pointer);
    if (!segments) return undefined;
    const exact = this.locator.offsetOf(segments, atKey);
    if (exact !== undefined) return this.lines.position(exact);
    return undefined;
  }

  /** Position of the deepest existing ancestor of `pointer` (used for "missing field" reports). */
  locateNearest(pointer: string): Position | undefined {
    const segments = parsePointer(pointer);
    if (!segments) return undefined;
    for (let k = segments.length; k >= 0; k--) {
      const at = this.locator.offsetOf(segments.slice(0, k), false);
      if (at !== undefined) return this.lines.position(at);
    }
    return undefined;
  }
}
