/**
 * The reverse of a callback key: where the consumer puts its URL when it subscribes, and how
 * the provider's URL is formed from it. The generator emits one typed subscription helper per
 * callback from `subscriptionTarget`, so that the URL a consumer registers and the route its
 * receiver serves are derived from the same analysis and cannot disagree (DESIGN.md §3).
 *
 * Providers evaluate a key by substituting each expression and concatenating literally
 * (OAS "Runtime Expressions": expressions are *embedded* in the string). With
 * `{$request.query.callbackUrl}/data` and a registered `https://me.example/hooks/` the provider
 * calls `https://me.example/hooks//data`. `subscriptionValue` therefore normalizes the base
 * before it is sent, and `joinBaseUrl` computes the URL the receiver answers at.
 *
 * `subscriptionValue` and `joinBaseUrl` are self-contained (they use nothing outside their own
 * bodies but web-platform globals), so the emitter can reproduce them verbatim in generated
 * code, which must not depend on gen-callbacks at runtime (DESIGN.md §2).
 */
import type { CallbackKeyAnalysis } from "./callback-key.js";

/**
 * What to do with a trailing `/` of the base before subscribing:
 * - `strip`  — the key continues with `/…`: remove trailing slashes (no `//` in the provider's URL);
 * - `ensure` — the key glues text on directly (`{$x}data`): make the base end with exactly one `/`;
 * - `keep`   — the key ends after the base, or continues with `?…`: send the base unchanged.
 */
export type TrailingSlash = "strip" | "ensure" | "keep";

/** Where the subscribing request carries the base URL (the parent operation's request). */
export type SubscriptionTarget =
  | { in: "query" | "header" | "path"; name: string; trailingSlash: TrailingSlash }
  /** `pointer` is unescaped JSON-pointer tokens into the request body; `[]` is the whole body. */
  | { in: "body"; pointer: string[]; trailingSlash: TrailingSlash };

export type SubscriptionTargetResult =
  | { ok: true; target: SubscriptionTarget }
  /**
   * No helper can be generated; `reason` says why (for docs and diagnostics).
   * `candidateName` is set for non-standard variables (`$callback_url` → `callback_url`,
   * `webhookURL`): a name the generator may look for among the parent operation's
   * parameters and body properties, which is how such documents are usually meant.
   */
  | { ok: false; reason: string; candidateName?: string };

export function subscriptionTarget(analysis: CallbackKeyAnalysis): SubscriptionTargetResult {
  const base = analysis.subscriberBase;
  if (base === undefined) {
    return {
      ok: false,
      reason: analysis.route.origin
        ? `the key fixes the host (${analysis.route.origin}); the subscriber does not supply a URL`
        : "the key computes only part of the host; the subscriber does not supply a whole URL",
    };
  }
  if ("nonstandard" in base) {
    const candidate = /^\$?([A-Za-z_][A-Za-z0-9_.-]*)$/.exec(base.nonstandard.trim())?.[1];
    return {
      ok: false,
      reason:
        base.nonstandard.trim() === ""
          ? "the key does not say where the subscriber's URL comes from"
          : `the key names the subscriber's URL as ${JSON.stringify(base.nonstandard)}, which is not a runtime expression, so it is unknown which field of the subscribing request carries it`,
      ...(candidate ? { candidateName: candidate } : {}),
    };
  }
  const e = base.expression;
  const trailingSlash = trailingSlashFor(analysis);
  switch (e.kind) {
    case "url":
      return { ok: false, reason: "`$url` is the URL of the subscribing request itself: the provider calls back the URL it was called at" };
    case "method":
    case "statusCode":
      return { ok: false, reason: `\`$${e.kind}\` is not a URL` };
    case "header":
    case "query":
    case "path":
      if (e.from === "response") return { ok: false, reason: responseReason(base.text) };
      return { ok: true, target: { in: e.kind, name: e.name, trailingSlash } };
    case "body":
      if (e.from === "response") return { ok: false, reason: responseReason(base.text) };
      return { ok: true, target: { in: "body", pointer: e.pointer, trailingSlash } };
  }
}

function responseReason(text: string): string {
  return `the URL comes from the provider's response (\`${text}\`): it was registered some other way, and the subscribing request does not carry it`;
}

function trailingSlashFor(analysis: CallbackKeyAnalysis): TrailingSlash {
  switch (analysis.afterBase) {
    case "slash":
      return "strip";
    case "text":
      return "ensure";
    default:
      return "keep";
  }
}

/**
 * The value to send when subscribing, from the consumer's public base URL. Only the end of
 * the string is touched: a base with a query string or fragment cannot be combined with a
 * key that appends a path, whatever is done here, because the provider concatenates literally.
 */
export function subscriptionValue(base: string, trailingSlash: TrailingSlash): string {
  if (trailingSlash === "strip") return base.replace(/\/+$/, "");
  if (trailingSlash === "ensure") return base.replace(/\/+$/, "") + "/";
  return base;
}

/**
 * The URL a route answers at, for a receiver mounted at `base` (e.g. to show in docs, or to
 * send a test delivery). `routePath` is `route.path` of an analysis; `params` fills its
 * `{name}` placeholders, percent-encoding every character but RFC 3986 `unreserved` (lone
 * surrogates as U+FFFD).
 *
 * - The route is appended to the base *path*: `https://me.example/hooks/` + `/data` →
 *   `https://me.example/hooks/data` (trailing slashes of the base collapse into the route's
 *   leading one; this is mount semantics, not RFC 3986 reference resolution, which would drop `hooks`).
 * - Route `/` returns the base path unchanged (`https://me.example/hooks` stays as is): the
 *   key was the base alone.
 * - A query string in the base is kept after the joined path; a fragment is dropped (it is never sent).
 *
 * Throws a TypeError when a placeholder has no value in `params` (the generated types make that a
 * compile-time error).
 */
export function joinBaseUrl(base: string, routePath: string, params: Readonly<Record<string, string | number>> = {}): string {
  const hash = base.indexOf("#");
  const withoutFragment = hash < 0 ? base : base.slice(0, hash);
  const q = withoutFragment.indexOf("?");
  const head = q < 0 ? withoutFragment : withoutFragment.slice(0, q);
  const query = q < 0 ? "" : withoutFragment.slice(q);
  const bytes = new TextEncoder();
  const path = routePath.replace(/\{([A-Za-z_$][A-Za-z0-9_$]*)\}/g, (_placeholder, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) throw new TypeError(`joinBaseUrl: no value for path parameter "${name}"`);
    let encoded = "";
    for (const ch of String(params[name])) {
      encoded += /^[A-Za-z0-9\-._~]$/.test(ch)
        ? ch
        : Array.from(bytes.encode(ch), (b) => "%" + b.toString(16).toUpperCase().padStart(2, "0")).join("");
    }
    return encoded;
  });
  const joined = path === "/" ? head : head.replace(/\/+$/, "") + path;
  return joined + query;
}
