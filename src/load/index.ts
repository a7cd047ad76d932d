/**
 * The load stage (DESIGN.md §4: read → parse → resolve $refs), as the pipeline uses it:
 *
 *   const set = loadDocumentSet({ path }, { diagnostics, refRoot });   // entry + version
 *   if (set) {
 *     const refs = checkRefs(set, diagnostics);     // security errors, loops, schema cycles
 *     reportUnresolved(refs.unresolved, diagnostics); // or the caller's own policy
 *     validateStructure(set, diagnostics);          // the OpenAPI object model
 *   }
 */
export type { DocumentSet, LoadedFile, OpenApiVersion, RefFailure, RefResult, RefTarget } from "./types.js";
export { loadDocumentSet, type LoadInput, type LoadOptions } from "./load.js";
export { DocumentStore, STDIN } from "./document-set.js";
export { checkRefs, reportUnresolved, type RefScan, type UnresolvedRef } from "./ref-scan.js";
export { validateStructure, type StructureReport } from "./structure.js";
export { DEFAULT_MAX_DEPTH, MAX_ALIAS_COUNT, MAX_FILE_BYTES } from "./limits.js";
