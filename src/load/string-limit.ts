/**
 * The one message for a string past `MAX_STRING_LENGTH`, shared by the JSON scan and the
 * YAML syntax-tree check so both formats say the same thing.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { MAX_STRING_LENGTH } from "./limits.js";

export function stringTooLong(diagnostics: Diagnostics, length: number, where: { file: string; line: number; column: number; pointer: string }): void {
  const { message, hint } = stringTooLongMessage(length);
  diagnostics.error("string-too-long", message, where, hint);
}

/** `length` in characters of source (bytes, when measured before decoding). */
export function stringTooLongMessage(length: number): { message: string; hint: string } {
  return {
    message: `a string of ${Math.round(length / 1024).toLocaleString("en-US")} KB, more than the ${MAX_STRING_LENGTH / 1048576} MB a string in a spec may have`,
    hint: "move the content out of the spec (link to it from a description), or shorten it",
  };
}
