/**
 * RFC 6901 JSON pointers. Internally a pointer is the string form without the leading
 * `#` ("" is the whole document, "/paths/~1pets" the `/pets` path item).
 */

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const s of segments) out += "/" + escapeSegment(String(s));
  return out;
}

/** Splits a pointer into unescaped segments; returns undefined when it is not a pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  const raw = pointer.slice(1).split("/");
  // "~" must be followed by 0 or 1 (RFC 6901 §3).
  if (raw.some((s) => /~(?![01])/.test(s))) return undefined;
  return raw.map(unescapeSegment);
}

/**
 * The pointer part of a URI fragment. Fragments are percent-encoded (RFC 6901 §6), so
 * `#/paths/~1a%20b` names the key "/a b".
 */
export function pointerFromFragment(fragment: string): string | undefined {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
}

/** Looks a pointer up in a plain JSON value. Own properties only: never the prototype chain. */
export function getAtPointer(root: unknown, segments: readonly string[]): { found: true; value: unknown } | { found: false; at: number } {
  let cur: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(seg)) return { found: false, at: i };
      const idx = Number(seg);
      if (idx >= cur.length) return { found: false, at: i };
      cur = cur[idx];
    } else if (cur !== null && typeof cur === "object") {
      if (!Object.prototype.hasOwnProperty.call(cur, seg)) return { found: false, at: i };
      cur = (cur as Record<string, unknown>)[seg];
    } else {
      return { found: false, at: i };
    }
  }
  return { found: true, value: cur };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Own enumerable keys in a stable, explicit order (code-point order, not JS insertion order). */
export function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
