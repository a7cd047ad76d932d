/**
 * One entry point for both formats, so every caller (the entry file, stdin, files
 * reached through `$ref`) gets the same checks.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { parseJson, type ParsedSource } from "./parse-json.js";
import { parseYaml } from "./parse-yaml.js";
import type { SourceFormat } from "./read.js";

export type { ParsedSource } from "./parse-json.js";

export function parseSource(text: string, format: SourceFormat, file: string, diagnostics: Diagnostics, maxDepth: number, recover = false): ParsedSource | undefined {
  return format === "json" ? parseJson(text, file, diagnostics, maxDepth) : parseYaml(text, file, diagnostics, maxDepth, recover);
}
