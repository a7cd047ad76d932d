/**
 * Node's own HMAC, where the runtime has it. WebCrypto is the portable way (Workers, Deno, Bun,
 * browsers), but on Node 20 each `crypto.subtle.sign` costs ~37 µs of CPU against ~7 µs for
 * `createHmac` — most of a receiver's time per delivery. `process.getBuiltinModule` (Node ≥
 * 20.16) reaches `node:crypto` without an import, so this module stays loadable everywhere and
 * bundlers for other platforms see nothing to resolve.
 */

/** The part of `node:crypto` used here, typed without @types/node. */
interface NodeHmac {
  update(data: Uint8Array): NodeHmac;
  digest(): Uint8Array;
}
interface NodeCrypto {
  createHmac(algorithm: string, key: Uint8Array): NodeHmac;
}

let cached: NodeCrypto | null | undefined;

/** `node:crypto`, or null where the runtime is not Node (or too old to offer it this way). */
export function nodeCrypto(): NodeCrypto | null {
  if (cached !== undefined) return cached;
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  let found: unknown;
  try {
    found = process?.getBuiltinModule?.("node:crypto");
  } catch {
    found = undefined;
  }
  cached = typeof (found as Partial<NodeCrypto> | undefined)?.createHmac === "function" ? (found as NodeCrypto) : null;
  return cached;
}
