/**
 * gen-callbacks as a library: `generate`, `check`, `diff` and `watch` do what the CLI does,
 * returning data (outcomes and diagnostics) instead of printing and exiting.
 */
export { check, generate, plan, DRIFT_CODES } from "./api.js";
export type { CheckOutcome, EventSummary, GenerateOptions, GenerateOutcome, GenerateResult, PlanOptions } from "./api.js";
export { diffSpecs as diff, diffPlans } from "./diff/index.js";
export type { DiffSpecsOptions, DiffSpecsResult } from "./diff/index.js";
export type { SpecDiff } from "./diff/types.js";
export { renderJson as renderDiffJson, renderText as renderDiffText } from "./diff/render.js";
export { watch } from "./watch.js";
export type { WatchRun, Watcher } from "./watch.js";
export type { Diagnostic, Severity } from "./diagnostics/diagnostic.js";
export type { DiagnosticCode } from "./diagnostics/catalogue.js";
export { catalogue as diagnosticCatalogue } from "./diagnostics/catalogue.js";
export type { ValidationPolicy } from "./model/schema-set.js";
export type { AdapterName } from "./emit/runtime-files.js";
export { loadConfig, findConfig } from "./config/config.js";
export type { ProviderConfig, LoadedConfig } from "./config/config.js";
