/**
 * Finds every request the provider sends to the consumer and turns it into the event model:
 *
 * - operations inside Callback Objects of `paths` operations (inline, `$ref`'d to
 *   `components/callbacks` or to another file), and callbacks nested in callback operations;
 * - OpenAPI 3.1+ `webhooks` (Path Items, or `$ref`s to `components/pathItems`);
 * - the Redoc `x-webhooks` extension (3.0 documents), in both shapes found in the wild:
 *   a Path Item per event, or a Callback Object (`{expression: PathItem}`) per event.
 *
 * Maps are walked in sorted key order so that event order, and hence output, never depends
 * on how the document was written (DESIGN.md §4).
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { DocumentSet } from "../load/types.js";
import type { EventDef, ParentOperation } from "../model/events.js";
import { PATH_ITEM_METHODS } from "../model/events.js";
import { isObject, joinPointer, sortedKeys } from "../util/json-pointer.js";
import { child, deref, str, type Located } from "./located.js";
import { readOperation, type OperationContext } from "./operation.js";

export function extractEvents(set: DocumentSet, diags: Diagnostics): EventDef[] {
  const root: Located = { file: set.entry.path, pointer: "", value: set.entry.value };
  const ctx: WalkContext = { set, diags, usedComponentCallbacks: new Set(), entryFile: set.entry.path };

  const events: EventDef[] = [];
  const paths = child(root, "paths");
  if (isObject(paths.value)) {
    for (const path of sortedKeys(paths.value)) {
      if (path.startsWith("x-")) continue;
      const item = deref(set, diags, child(paths, path), `path item "${path}"`);
      if (!item) continue;
      for (const { method, op } of operationsOf(item)) {
        const parent: ParentOperation = {
          method,
          path,
          operationId: str((op.value as Record<string, unknown>).operationId),
          origin: { file: op.file, pointer: op.pointer },
        };
        events.push(...callbacksOf(ctx, op, parent));
      }
    }
  }

  const webhookEvents = webhooksOf(ctx, child(root, "webhooks"), "webhooks");
  const xWebhookEvents = webhooksOf(ctx, child(root, "x-webhooks"), "x-webhooks");
  events.push(...webhookEvents, ...dedupeXWebhooks(diags, webhookEvents, xWebhookEvents));

  reportUnusedComponentCallbacks(ctx, root);
  return events;
}

interface WalkContext {
  set: DocumentSet;
  diags: Diagnostics;
  /** `components/callbacks` names referenced by at least one operation. */
  usedComponentCallbacks: Set<string>;
  entryFile: string;
}

interface FoundOperation {
  method: string;
  op: Located<Record<string, unknown>>;
  pathItem: Located<Record<string, unknown>>;
}

/** Operations of a Path Item in method order, including 3.2 `additionalOperations`. */
function* operationsOf(item: Located): Generator<FoundOperation> {
  if (!isObject(item.value)) return;
  const pathItem = item as Located<Record<string, unknown>>;
  for (const method of PATH_ITEM_METHODS) {
    const op = child(item, method);
    if (isObject(op.value)) yield { method, op: op as Located<Record<string, unknown>>, pathItem };
  }
  const extra = child(item, "additionalOperations");
  if (isObject(extra.value)) {
    for (const name of sortedKeys(extra.value)) {
      const op = child(extra, name);
      if (isObject(op.value)) yield { method: name.toLowerCase(), op: op as Located<Record<string, unknown>>, pathItem };
    }
  }
}

function callbacksOf(ctx: WalkContext, op: Located, parent: ParentOperation): EventDef[] {
  const out: EventDef[] = [];
  const raw = child(op, "callbacks");
  const callbacks = raw.value === undefined ? undefined : deref(ctx.set, ctx.diags, raw, "callbacks");
  if (!callbacks || !isObject(callbacks.value)) return out;
  for (const name of sortedKeys(callbacks.value)) {
    if (name.startsWith("x-")) continue;
    const entry = child(callbacks, name);
    noteComponentCallback(ctx, entry);
    const cb = deref(ctx.set, ctx.diags, entry, `callback "${name}"`);
    if (!cb || !isObject(cb.value)) continue;
    for (const key of sortedKeys(cb.value)) {
      // Callback Objects allow `x-` extensions next to the expression keys.
      if (key.startsWith("x-")) continue;
      const item = deref(ctx.set, ctx.diags, child(cb, key), `callback "${name}" key "${key}"`);
      if (!item) continue;
      for (const found of operationsOf(item)) {
        const opCtx: OperationContext = {
          kind: "callback",
          source: "callbacks",
          key,
          routeKey: key,
          callbackName: name,
          method: found.method,
          parent,
        };
        const event = readOperation(ctx.set, ctx.diags, found.op, found.pathItem, opCtx);
        out.push(event);
        // Callback operations can declare callbacks of their own (nested callbacks).
        const nestedParent: ParentOperation = {
          method: found.method,
          path: key,
          operationId: event.operationId,
          origin: event.origin,
          parent,
          callbackName: name,
        };
        out.push(...callbacksOf(ctx, found.op, nestedParent));
      }
    }
  }
  return out;
}

function noteComponentCallback(ctx: WalkContext, raw: Located): void {
  const v = raw.value;
  if (!isObject(v) || typeof v.$ref !== "string") return;
  const m = /^#\/components\/callbacks\/([^/]+)$/.exec(v.$ref);
  if (m && raw.file === ctx.entryFile) ctx.usedComponentCallbacks.add(m[1]!.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function webhooksOf(ctx: WalkContext, map: Located, source: "webhooks" | "x-webhooks"): EventDef[] {
  const out: EventDef[] = [];
  if (!isObject(map.value)) return out;
  for (const name of sortedKeys(map.value)) {
    // `x-webhooks` is itself an extension and providers put their own `x-` flags in it
    // (Apideck: `x-sdk-exclude: true`); those are not events.
    if (name.startsWith("x-")) continue;
    const item = deref(ctx.set, ctx.diags, child(map, name), `${source} entry "${name}"`);
    if (!item || !isObject(item.value)) continue;
    if (looksLikeCallbackObject(item.value)) {
      // Shape seen in `x-webhooks` of some providers: `{name: {expression: PathItem}}`.
      for (const key of sortedKeys(item.value)) {
        if (key.startsWith("x-")) continue;
        const inner = deref(ctx.set, ctx.diags, child(item, key), `${source} entry "${name}" key "${key}"`);
        if (!inner) continue;
        for (const found of operationsOf(inner)) {
          out.push(
            readOperation(ctx.set, ctx.diags, found.op, found.pathItem, {
              kind: "webhook",
              source,
              key: name,
              routeKey: key,
              method: found.method,
            }),
          );
        }
      }
      continue;
    }
    for (const found of operationsOf(item)) {
      out.push(
        readOperation(ctx.set, ctx.diags, found.op, found.pathItem, { kind: "webhook", source, key: name, method: found.method }),
      );
    }
  }
  return out;
}

/** A Path Item has method keys; a Callback Object has expression keys whose values do. */
function looksLikeCallbackObject(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v).filter((k) => !k.startsWith("x-"));
  if (keys.length === 0) return false;
  const pathItemFields = new Set<string>([...PATH_ITEM_METHODS, "$ref", "summary", "description", "servers", "parameters", "additionalOperations"]);
  if (keys.some((k) => pathItemFields.has(k))) return false;
  return keys.every((k) => {
    const inner = v[k];
    return isObject(inner) && (typeof inner.$ref === "string" || PATH_ITEM_METHODS.some((m) => isObject(inner[m])));
  });
}

/**
 * Svix publishes the same events under `webhooks` and `x-webhooks` (for older tooling).
 * An `x-webhooks` event whose name and method are already a `webhooks` event is the same
 * event described twice: generate it once.
 */
function dedupeXWebhooks(diags: Diagnostics, webhooks: EventDef[], xWebhooks: EventDef[]): EventDef[] {
  const seen = new Set(webhooks.map((e) => `${e.method} ${e.key}`));
  const kept: EventDef[] = [];
  let dropped: EventDef | undefined;
  let count = 0;
  for (const e of xWebhooks) {
    if (seen.has(`${e.method} ${e.key}`)) {
      dropped ??= e;
      count++;
    } else {
      kept.push(e);
    }
  }
  if (dropped) {
    diags.info(
      "duplicate-webhook",
      `${count} x-webhooks entr${count === 1 ? "y repeats" : "ies repeat"} an event of \`webhooks\` (e.g. "${dropped.key}"); each event is generated once, from \`webhooks\``,
      { file: dropped.origin.file, pointer: dropped.origin.pointer },
    );
  }
  return kept;
}

function reportUnusedComponentCallbacks(ctx: WalkContext, root: Located): void {
  const callbacks = child(child(root, "components"), "callbacks");
  if (!isObject(callbacks.value)) return;
  for (const name of sortedKeys(callbacks.value)) {
    if (name.startsWith("x-") || ctx.usedComponentCallbacks.has(name)) continue;
    ctx.diags.info(
      "unused-callback",
      `components/callbacks/${name} is not referenced by any operation, so no handler is generated for it`,
      { file: callbacks.file, pointer: joinPointer(callbacks.pointer, name), atKey: true },
      `reference it from an operation's \`callbacks\` (e.g. \`callbacks: {${name}: {$ref: "#/components/callbacks/${name}"}}\`) to generate it`,
    );
  }
}
