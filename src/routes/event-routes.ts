/**
 * Where the consumer serves each event (DESIGN.md §3). Callbacks: from the analysis of the
 * callback key, relative to the base URL the subscriber gave the provider. Webhooks: one
 * shared path by default, or one path per event.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { analyzeCallbackKey, type CallbackKeyAnalysis } from "../expressions/callback-key.js";
import { formatRuntimeExpression } from "../expressions/runtime-expression.js";
import { subscriptionTarget } from "../expressions/subscription.js";
import type { DocumentSet } from "../load/types.js";
import type { EventDef } from "../model/events.js";
import type { EventRoute, SubscriptionTarget } from "../model/plan.js";
import { getAtPointer, isObject, parsePointer } from "../util/json-pointer.js";

export interface RouteOptions {
  webhookRoutes: "shared" | "per-event";
  /** The shared webhook path, starting with `/`. */
  webhookPath: string;
}

/**
 * The route of one event. For `per-event` webhooks the path needs the event's name, which
 * naming decides later: `withEventPath` completes it.
 */
export function routeFor(set: DocumentSet, def: EventDef, options: RouteOptions, diags: Diagnostics): EventRoute {
  const method = def.method.toUpperCase();
  if (def.routeKey === undefined) {
    return { method, path: normalizePath(options.webhookPath), params: [], constantQuery: [], expressionQuery: [] };
  }
  const analysis = analyzeCallbackKey(def.routeKey);
  reportProblems(def, analysis, diags);
  const route: EventRoute = {
    method,
    path: analysis.route.path,
    params: analysis.route.pathParams.map((p) => ({ name: p.name, expression: p.expression })),
    constantQuery: analysis.route.queryParams.filter((q) => q.constant !== undefined).map((q) => ({ name: q.name, value: q.constant! })),
    expressionQuery: analysis.route.queryParams
      .filter((q) => q.constant === undefined && q.expression !== undefined)
      .map((q) => ({ name: q.name, expression: q.expression! })),
    template: def.routeKey,
  };
  if (analysis.route.origin !== undefined) route.origin = analysis.route.origin;
  if (!analysis.standard) {
    route.fallbackReason = analysis.problems.find((p) => p.severity === "warning")?.message ?? `the key "${def.routeKey}" is not a standard runtime expression`;
  }
  const subscription = def.kind === "callback" ? subscriptionFor(set, def, analysis) : undefined;
  if (subscription) route.subscription = subscription;
  return route;
}

export function withEventPath(route: EventRoute, def: EventDef, fileName: string, options: RouteOptions): EventRoute {
  if (def.routeKey !== undefined || options.webhookRoutes === "shared") return route;
  const base = normalizePath(options.webhookPath).replace(/\/$/, "");
  return { ...route, path: `${base}/${fileName}` };
}

function normalizePath(p: string): string {
  const withSlash = p.startsWith("/") ? p : "/" + p;
  return withSlash.replace(/\/{2,}/g, "/");
}

/** Problems with a callback key are located at the key itself. */
function reportProblems(def: EventDef, analysis: CallbackKeyAnalysis, diags: Diagnostics): void {
  // The operation sits at <callback>/<key>/<method>: the key is the parent of the method.
  const p = def.origin.pointer;
  const where = { file: def.origin.file, pointer: p.slice(0, Math.max(0, p.lastIndexOf("/"))), atKey: true };
  const code = analysis.shape === "absolute-url" ? "callback-key-absolute" : "callback-key-nonstandard";
  for (const problem of analysis.problems) {
    const message = `callback ${def.callbackName ? `"${def.callbackName}" ` : ""}key ${JSON.stringify(analysis.key)}: ${problem.message}`;
    if (problem.severity === "warning") diags.warning(code, message, where, problem.hint);
    else diags.info(code, message, where, problem.hint);
  }
}

/**
 * Where the subscriber puts its URL in the parent operation's request. For keys outside the
 * grammar that name the URL by a bare name (FastAPI's `{$callback_url}`), the parent's
 * parameters and top-level body properties are searched for that name — which is how such
 * documents are meant.
 */
function subscriptionFor(set: DocumentSet, def: EventDef, analysis: CallbackKeyAnalysis): SubscriptionTarget | undefined {
  const parent = def.parent;
  if (!parent) return undefined;
  const operation = {
    method: parent.method.toUpperCase(),
    path: parent.path,
    ...(parent.operationId !== undefined ? { operationId: parent.operationId } : {}),
  };
  const result = subscriptionTarget(analysis);
  if (result.ok) {
    const t = result.target;
    const base = analysis.subscriberBase;
    const expression = base && "expression" in base ? base.text || formatRuntimeExpression(base.expression) : "";
    return t.in === "body"
      ? { operation, in: "body", pointer: t.pointer, expression, trailingSlash: t.trailingSlash }
      : { operation, in: t.in, name: t.name, expression, trailingSlash: t.trailingSlash };
  }
  if (result.candidateName === undefined) return undefined;
  const found = findParentField(set, parent.origin, result.candidateName);
  if (!found) return undefined;
  const trailingSlash = analysis.afterBase === "slash" ? "strip" : analysis.afterBase === "text" ? "ensure" : "keep";
  return found.in === "body"
    ? { operation, in: "body", pointer: [found.name], expression: `{$${result.candidateName}}`, trailingSlash }
    : { operation, in: found.in, name: found.name, expression: `{$${result.candidateName}}`, trailingSlash };
}

function findParentField(
  set: DocumentSet,
  origin: { file: string; pointer: string },
  name: string,
): { in: "query" | "header" | "path" | "body"; name: string } | undefined {
  const op = valueAt(set, origin.file, origin.pointer);
  if (!isObject(op)) return undefined;
  if (Array.isArray(op.parameters)) {
    for (const raw of op.parameters) {
      const p = follow(set, raw, origin.file);
      if (isObject(p) && p.name === name && (p.in === "query" || p.in === "header" || p.in === "path")) {
        return { in: p.in, name };
      }
    }
  }
  const body = follow(set, op.requestBody, origin.file);
  const content = isObject(body) && isObject(body.content) ? body.content : undefined;
  for (const mt of Object.values(content ?? {})) {
    const schema = isObject(mt) ? follow(set, mt.schema, origin.file) : undefined;
    if (isObject(schema) && isObject(schema.properties) && Object.prototype.hasOwnProperty.call(schema.properties, name)) {
      return { in: "body", name };
    }
  }
  return undefined;
}

function valueAt(set: DocumentSet, file: string, pointer: string): unknown {
  const doc = set.files.get(file)?.value;
  const segs = parsePointer(pointer);
  if (doc === undefined || !segs) return undefined;
  const r = getAtPointer(doc, segs);
  return r.found ? r.value : undefined;
}

/** One level of `$ref`, best effort: this lookup only improves a helper, it reports nothing. */
function follow(set: DocumentSet, v: unknown, file: string): unknown {
  if (isObject(v) && typeof v.$ref === "string") {
    const r = set.resolveRef(v.$ref, file);
    return r.ok ? r.value : undefined;
  }
  return v;
}
