/**
 * Resource limits of the load stage, in one place so their rationale is too.
 */

/**
 * Deepest array/object nesting accepted. Real specs stay far below (the deepest payload
 * schema in the corpus nests 11 levels; whole documents < 40). The limit exists because
 * yaml's composer recurses: ~800 levels exhaust the stack, and a second deep document in
 * the same process kills Node 20 with an uncatchable fatal error (THREATS finding 5).
 */
export const DEFAULT_MAX_DEPTH = 256;

/**
 * Hard cap for YAML whatever `maxDepth` says: yaml's composer threw RESOURCE_EXHAUSTION
 * at 1,000 levels (fine at 800) in a fresh process, and callers may already be deep in
 * their own stack. Raising `maxDepth` above this must not reopen the fatal crash.
 */
export const YAML_DEPTH_CAP = 512;

/**
 * yaml's alias budget (THREATS A14): the 495-byte 9^8 alias bomb fails at once. yaml
 * counts each alias resolution weighted by the size class of what it expands to; the
 * corpus (Okta: 154 anchors, Telnyx: 72) stays within it.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * What aliases may add to a YAML document's data beyond what is written: as much as the
 * document itself holds, and never less than this floor. Sizes are in units of one
 * character of a string or key, or one other value (`weight` in parse-yaml.ts).
 * `maxAliasCount` counts alias *uses*; a 2 MB file with 99 aliases of one big list passes
 * it and expands to 60 million nodes (1.4 GB, 15 s), and 99 aliases of a list of long
 * strings expand to 200 MB of output. Measuring what aliases reach while walking the
 * document (each anchor's size is known when its alias is met, so nothing is expanded to
 * measure it) bounds the data by twice the document plus this floor, whatever the
 * nesting. Okta's 154 anchors add a few thousand.
 */
export const MAX_ALIAS_ADDED_FLOOR = 1_000_000;

/**
 * Longest string (scalar, key or value) in a document, in UTF-16 code units. The longest
 * descriptions in the corpus are a few KB; an embedded example image of a few MB still
 * passes. YAML composes a scalar at ~40 bytes of memory per character (a 50 MB string took
 * 2 GB), so the check runs on the syntax tree, before composing.
 */
export const MAX_STRING_LENGTH = 4 * 1024 * 1024;

/**
 * Largest JSON file read. V8 cannot hold a string much beyond 512 MB; the largest real
 * document in the corpus (GitHub, fully dereferenced) is 73 MB, and JSON.parse needs about
 * 5 bytes of memory per byte of input.
 */
export const MAX_FILE_BYTES = 128 * 1024 * 1024;

/**
 * Largest YAML file read. The `yaml` package needs ~70 bytes of memory per byte of input
 * (GitHub's 4.8 MB spec: 325 MB), so a YAML document past this would exhaust memory before
 * any other check could run. The largest YAML document in the corpus is 4.2 MB; bigger
 * ones exist as JSON.
 */
export const MAX_YAML_BYTES = 32 * 1024 * 1024;

export function depthHint(maxDepth: number): string {
  return `no real OpenAPI document nests this deep (the limit of ${maxDepth} protects against stack exhaustion); if yours legitimately does, raise the maxDepth option`;
}
