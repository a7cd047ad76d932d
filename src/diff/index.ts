/**
 * The breaking-change report (`gen-callbacks diff old new`): what changed for the receiver
 * between two revisions of a provider's spec. See `classify.ts` for the rules.
 */
export { diffSpecs, type DiffSpecsOptions, type DiffSpecsResult } from "./diff-specs.js";
export { diffPlans, type DiffOptions } from "./diff-plans.js";
export { classify, type Classification } from "./classify.js";
export { renderJson, renderText, describeChange, describeEvent, locationOf } from "./render.js";
export { pointerOf } from "./pointer.js";
export type * from "./types.js";
