/**
 * Reading the raw body: every byte kept exactly as sent (signatures are computed over them,
 * THREATS.md B1), never more than the cap held in memory (B7), never longer than the
 * request's deadline (B16).
 */
import type { Deadline } from "./deadline.js";

/** Chunks of a request body, pulled one at a time; adapters wrap their stream in this. */
export interface BodySource {
  /** The next chunk, or null at the end of the body. */
  next(): Promise<Uint8Array | null>;
  /**
   * Stop reading: the rest is not wanted. A pending `next()` settles (with null or an error).
   * Must not destroy the connection, since the answer still has to be written to it.
   */
  cancel(): void;
}

export type ReadResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: "too-large" | "timeout" | "aborted" };

/** A web `ReadableStream` (a `Request`'s body) as a BodySource. */
export function webBodySource(stream: ReadableStream<Uint8Array>): BodySource {
  const reader = stream.getReader();
  return {
    async next() {
      const r = await reader.read();
      return r.done ? null : r.value;
    },
    cancel() {
      reader.cancel().catch(() => {});
    },
  };
}

export const EMPTY = new Uint8Array(0);

/**
 * What `new Response(body)` takes, named without the DOM lib (a Node project may only have
 * @types/node). Bytes are cast to it: TypeScript ≥ 5.7 types them `Uint8Array<ArrayBufferLike>`,
 * which its body type does not name, and older versions have no such type parameter.
 */
export type ResponseBody = ConstructorParameters<typeof Response>[0];

/** A view of `chunk` that is a plain Uint8Array (a Node Buffer is a subclass with other methods). */
function plain(chunk: Uint8Array): Uint8Array {
  return chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

export async function readBody(source: BodySource | null, limit: number, deadline: Deadline): Promise<ReadResult> {
  if (!source) return { ok: true, bytes: EMPTY };
  let stopped = false;
  let done = false;
  deadline.onExpire(() => {
    if (done) return;
    stopped = true;
    source.cancel();
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const chunk = await source.next();
      if (stopped) return { ok: false, reason: "timeout" };
      if (chunk === null) break;
      size += chunk.byteLength;
      if (size > limit) {
        stopped = true;
        source.cancel();
        return { ok: false, reason: "too-large" };
      }
      if (chunk.byteLength) chunks.push(chunk);
    }
  } catch {
    // The sender went away mid-body (or the deadline cancelled the read).
    return { ok: false, reason: stopped ? "timeout" : "aborted" };
  }
  done = true;
  if (chunks.length === 1) return { ok: true, bytes: plain(chunks[0]!) };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}
