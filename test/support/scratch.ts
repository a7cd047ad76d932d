/**
 * Scratch folders for generated output that tests import or type-check: under .tmp/ in this
 * repository, where `gen-callbacks/runtime` (the packaged runtime the output imports by
 * default) resolves by package self-reference, as node_modules/gen-callbacks does in a
 * user's project. A folder in the system's temporary directory resolves no gen-callbacks.
 */
import fs from "node:fs";
import path from "node:path";

const TMP = path.resolve(import.meta.dirname, "../../.tmp");

export function projectScratch(label: string): string {
  fs.mkdirSync(TMP, { recursive: true });
  return fs.mkdtempSync(path.join(TMP, `${label}-`));
}
