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
 * Largest file read. V8 cannot hold a string much beyond 512 MB, and a document this big
 * would not fit the memory budget anyway; the largest real document in the corpus (GitHub,
 * fully dereferenced) is 73 MB.
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export function depthHint(maxDepth: number): string {
  return `no real OpenAPI document nests this deep (the limit of ${maxDepth} protects against stack exhaustion); if yours legitimately does, raise the maxDepth option`;
}
