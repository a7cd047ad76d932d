/**
 * JSON documents: a validating scan (syntax errors with positions, duplicate keys, depth),
 * then `JSON.parse` — about 18× faster than a YAML parse of the same text (THREATS A19) —
 * then a number check. Positions are not kept; `JsonLocator` recovers them on demand.
 *
 * Duplicate keys are errors, as in YAML: `JSON.parse` keeps the last one silently, so a
 * reviewer reading the first would see a different document from the one generated. The
 * scan that finds them costs ≈ 1.5× `JSON.parse` (60 ms on the 13 MB GitHub document),
 * which we accept for the parity.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { exactValue, findNumberProblems, isIntegerLiteral, MAX_SAFE } from "./json-numbers.js";
import { JsonLocator, scalarTextAt } from "./json-positions.js";
import { scanJson } from "./json-syntax.js";
import { SourcePositions } from "./locator.js";
import { LineIndex } from "./positions.js";
import { depthHint, MAX_STRING_LENGTH } from "./limits.js";
import { stringTooLong } from "./string-limit.js";
import { parsePointer } from "../util/json-pointer.js";

export interface ParsedSource {
  value: unknown;
  positions: SourcePositions;
  /** YAML read with `recover`: pointers of the mappings that hold broken syntax. */
  damaged?: string[];
}

/**
 * Parses `text` (BOM already removed). Returns undefined when an error was reported;
 * warnings (unsafe integers) leave the value usable.
 */
export function parseJson(text: string, file: string, diagnostics: Diagnostics, maxDepth: number): ParsedSource | undefined {
  const locator = new JsonLocator(text);
  const positions = new SourcePositions(new LineIndex(text), locator);
  const at = (offset: number) => ({ file, ...positions.lines.position(offset) });

  const scan = scanJson(text, maxDepth, MAX_STRING_LENGTH);
  let failed = false;
  for (const d of scan.duplicates) {
    const first = positions.lines.position(d.firstOffset);
    diagnostics.error(
      "json-syntax",
      `duplicate key ${JSON.stringify(d.key)} (first at line ${first.line}, column ${first.column}); JSON.parse would silently keep this last one`,
      { ...at(d.offset), pointer: d.pointer, atKey: true },
      "remove or rename one of the two members; an object may not have the same key twice",
    );
    failed = true;
  }
  if (scan.syntax) {
    diagnostics.error("json-syntax", scan.syntax.message, at(scan.syntax.offset), scan.syntax.hint);
    return undefined;
  }
  if (scan.tooLong) {
    stringTooLong(diagnostics, scan.tooLong.length, { ...at(scan.tooLong.offset), pointer: scan.tooLong.pointer });
    return undefined;
  }
  if (scan.tooDeep) {
    diagnostics.error(
      "nesting-too-deep",
      `arrays/objects nest deeper than ${maxDepth} levels`,
      { ...at(scan.tooDeep.offset), pointer: scan.tooDeep.pointer },
      depthHint(maxDepth),
    );
    return undefined;
  }
  if (failed) return undefined;

  const value: unknown = JSON.parse(text);
  for (const hit of findNumberProblems(value)) {
    const segments = parsePointer(hit.pointer) ?? [];
    const offset = locator.offsetOf(segments, false) ?? 0;
    const literal = scalarTextAt(text, offset);
    if (hit.kind === "non-finite") {
      diagnostics.error(
        "non-finite-number",
        `the number ${literal} is too large for JSON consumers and would become ${String(hit.value)}`,
        { ...at(offset), pointer: hit.pointer },
        "use a smaller number, or write it as a string if it is an identifier",
      );
      failed = true;
    } else if (isIntegerLiteral(literal)) {
      // Written as an integer: the rounding is silent and probably unintended. A float
      // written with an exponent (1e20) is taken as the author's choice.
      diagnostics.warning(
        "unsafe-integer",
        `the integer ${literal} is beyond ${MAX_SAFE} and is read as ${exactValue(hit.value)}`,
        { ...at(offset), pointer: hit.pointer },
        "quote it if it is an identifier; as a number every JavaScript consumer rounds it the same way",
      );
    }
  }
  return failed ? undefined : { value, positions };
}
