/**
 * Method + path → the events that may have sent the request, with their path parameters.
 *
 * Paths are compared segment by segment: literal segments after percent-decoding (so
 * `/caf%C3%A9` and `/café` are the same route), `{name}` segments capture one non-empty
 * segment still percent-encoded (params.ts decodes it by the parameter's style), and a
 * segment mixing text and parameters is scanned left to right (segment-template.ts). Trailing
 * slashes are ignored on both sides and never answered with a redirect, which providers
 * treat as a failed delivery (THREATS.md B15). When several templates match, the most
 * specific wins: at the first segment where they differ, a literal beats a segment mixing
 * text and parameters, which beats a bare parameter.
 */
import { decodeComponent } from "./params.js";
import { matchSegmentTemplate, parseSegmentTemplate, type SegmentTemplate } from "./segment-template.js";
import type { EventSpec } from "./receiver-types.js";

type Segment =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "mixed"; readonly template: SegmentTemplate };

interface Route {
  readonly segments: readonly Segment[];
  /** Per segment: 2 literal, 1 mixed, 0 parameter. */
  readonly rank: readonly number[];
  readonly byMethod: ReadonlyMap<string, readonly EventSpec[]>;
}

/** Events of one route and method, and the path parameters the request gives them. */
export interface CandidateGroup {
  readonly events: readonly EventSpec[];
  /** Path parameter text by name, still percent-encoded. */
  readonly path: Readonly<Record<string, string>>;
}

export type RouteMatch =
  /** Usually one group; several when equally specific templates match (`/a/{x}` and `/a/{y}`). */
  | { readonly kind: "found"; readonly groups: readonly CandidateGroup[] }
  | { readonly kind: "wrong-method"; readonly allow: readonly string[] }
  | { readonly kind: "not-found" };

export interface RouteTable {
  match(method: string, path: string): RouteMatch;
}

/** `/a/b/` → `["a", "b"]`; `/` and `` → `[]`. Inner empty segments are kept (`/a//b`). */
export function splitPath(path: string): string[] {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  const trimmed = path.slice(path.startsWith("/") ? 1 : 0, end);
  return trimmed === "" ? [] : trimmed.split("/");
}

function compileSegment(text: string): Segment {
  const template = parseSegmentTemplate(text);
  if (!template) return { kind: "literal", text: decodeComponent(text) };
  if (template.names.length === 1 && template.literals.every((l) => l === "")) return { kind: "param", name: template.names[0]! };
  // Text and parameters in one segment (`{name}.{ext}`, `inv-{id}`): see segment-template.ts.
  return { kind: "mixed", template };
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  // No prototype: a parameter may be called `__proto__` or `constructor`.
  const params: Record<string, string> = Object.create(null);
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const part = parts[i]!;
    if (seg.kind === "literal") {
      if (seg.text !== (part.includes("%") ? decodeComponent(part) : part)) return undefined;
    } else if (seg.kind === "param") {
      if (part === "") return undefined;
      params[seg.name] = part;
    } else {
      // A linear scan, not a regular expression: this runs before `verify`, on a path anyone chooses.
      const values = matchSegmentTemplate(seg.template, part);
      if (!values) return undefined;
      seg.template.names.forEach((name, j) => (params[name] = values[j]!));
    }
  }
  return params;
}

/** Negative when `a` is more specific than `b`, 0 when equally specific. */
function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

/**
 * The route table for `events`. `webhookPath`, when given, replaces the path of every event
 * on the shared webhook path (`sharedWebhookPath`).
 */
export function compileRoutes(events: readonly EventSpec[], webhookPath?: string): RouteTable {
  const byTemplate = new Map<string, Map<string, EventSpec[]>>();
  for (const event of events) {
    const template = event.sharedWebhookPath && webhookPath !== undefined ? webhookPath : event.path;
    const key = splitPath(template).join("/");
    let methods = byTemplate.get(key);
    if (!methods) byTemplate.set(key, (methods = new Map()));
    methods.set(event.method, [...(methods.get(event.method) ?? []), event]);
  }
  const routes: Route[] = [...byTemplate].map(([key, byMethod]) => {
    const segments = key === "" ? [] : key.split("/").map(compileSegment);
    return { segments, rank: segments.map((s) => (s.kind === "literal" ? 2 : s.kind === "mixed" ? 1 : 0)), byMethod };
  });

  return {
    match(method, path) {
      const parts = splitPath(path);
      let best: { route: Route; params: Record<string, string> }[] = [];
      const allow = new Set<string>();
      for (const route of routes) {
        const params = matchSegments(route.segments, parts);
        if (!params) continue;
        if (!route.byMethod.has(method)) {
          for (const m of route.byMethod.keys()) allow.add(m);
          continue;
        }
        const order = best.length ? compareRank(route.rank, best[0]!.route.rank) : -1;
        if (order < 0) best = [{ route, params }];
        else if (order === 0) best.push({ route, params });
      }
      if (best.length)
        return {
          kind: "found",
          groups: best.map(({ route, params }) => ({ events: route.byMethod.get(method)!, path: params })),
        };
      return allow.size ? { kind: "wrong-method", allow: [...allow].sort() } : { kind: "not-found" };
    },
  };
}

/**
 * Origin-form targets the URL parser would leave as they are: no dot segments (also not
 * `%2e`) or `//` to resolve, no characters to percent-encode (`'` is encoded in queries).
 * Anything else goes through `new URL`, which the web Request of the fetch adapters went
 * through too, so every adapter matches the same path.
 */
const PLAIN_TARGET = /^(?!.*%2e)(?:\/[A-Za-z0-9_~!$&'()*+,;=:@%-]+)*\/?(?:\?[A-Za-z0-9_~!$&()*+,;=:@%/?.-]*)?$/i;

/** A request target (origin-form `/a/b?x=1`, or an absolute URL) → its path and query, as the URL parser has them; undefined when it is not a URL. */
export function splitTarget(target: string): { path: string; query: string } | undefined {
  if (PLAIN_TARGET.test(target)) {
    const q = target.indexOf("?");
    return q < 0 ? { path: target, query: "" } : { path: target.slice(0, q) || "/", query: target.slice(q + 1) };
  }
  let url: URL;
  try {
    // Concatenated, not resolved against a base: `//a/b` is a path here, not a host.
    url = new URL(target.startsWith("/") ? `http://x${target}` : target);
  } catch {
    return undefined;
  }
  return { path: url.pathname, query: url.search.slice(1) };
}
