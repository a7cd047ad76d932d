/**
 * The report as people and tools read it. Text: one block per event, events with a breaking
 * change first, each change on one line — `[breaking]` or `[ok]`, where (`body
 * /pull_request/head/sha`), what, the component it is in, and why. Events whose lists of
 * changes are identical (a shared component changed under the same path) share one block,
 * so a change to a schema used by forty events reads once, with the forty names. JSON: the
 * `SpecDiff` itself, with each change's pointer, location and text added.
 */
import { essence } from "../model/media-types.js";
import { pointerOf } from "./pointer.js";
import type { Change, EventDiff, EventIdentity, JsonValue, SpecDiff } from "./types.js";

export function renderText(diff: SpecDiff): string {
  const s = diff.summary;
  const lines = [`gen-callbacks diff: ${revision(diff.old)} → ${revision(diff.new)} (policy: ${diff.policy})`];
  if (diff.events.length === 0) {
    lines.push(`No changes to the events (${diff.new.events} compared).`);
    return lines.join("\n") + "\n";
  }
  lines.push(
    `${plural(s.breaking, "breaking change")}, ${plural(s.nonBreaking, "other change")}; events: ${s.eventsRemoved} removed, ${s.eventsAdded} added, ${s.eventsChanged} changed.`,
  );
  for (const block of blocks(diff.events)) {
    lines.push("", heading(block.events));
    lines.push(...block.lines);
  }
  return lines.join("\n") + "\n";
}

export function renderJson(diff: SpecDiff): string {
  const out = {
    ...diff,
    events: diff.events.map((e) => ({
      handler: e.handler,
      identity: e.identity,
      changes: e.changes.map(jsonChange),
    })),
  };
  return JSON.stringify(out, null, 2) + "\n";
}

/** What a tool needs first (kind, verdict, where, what, why), then the kind's own facts. */
function jsonChange(c: Change): Record<string, unknown> {
  const { kind, breaking, reason, part, path, schema, ...facts } = c;
  return {
    kind,
    breaking,
    location: locationOf(c),
    text: describeChange(c),
    reason,
    part,
    pointer: pointerOf(path),
    path,
    ...(schema !== undefined ? { schema } : {}),
    ...facts,
  };
}

/** `body /issue/user/login`, `response 200 body`, `headers /x-event`; empty for the event itself. */
export function locationOf(c: Change): string {
  const p = c.part;
  const mediaType = "mediaType" in p && !c.kind.startsWith("media-type") && essence(p.mediaType) !== "application/json" ? ` (${p.mediaType})` : "";
  let where: string;
  switch (p.in) {
    case "event":
      where = "";
      break;
    case "path":
      where = "path parameters";
      break;
    case "response":
      where = `response ${p.status}`;
      break;
    case "response-body":
      where = `response ${p.status} body`;
      break;
    case "response-headers":
      where = `response ${p.status} headers`;
      break;
    default:
      where = p.in;
  }
  const pointer = pointerOf(c.path);
  return [where + mediaType, pointer].filter(Boolean).join(" ");
}

export function describeChange(c: Change): string {
  switch (c.kind) {
    case "event-added":
      return "event added";
    case "event-removed":
      return "event removed";
    case "handler-renamed":
      return `handler renamed: ${c.from} → ${c.to}`;
    case "method-changed":
      return `method changed: ${c.from} → ${c.to}`;
    case "route-changed":
      return `route changed: ${c.from} → ${c.to}`;
    case "discriminator-changed": {
      const what = c.byEventName ? "value matched against the event name" : "routing value";
      if (c.from === undefined) return `${what} added: ${value(c.to)}`;
      if (c.to === undefined) return `${what} removed (was ${value(c.from)})`;
      return `${what} changed: ${value(c.from)} → ${value(c.to)}`;
    }
    case "media-type-added":
      return `media type ${c.mediaType} added`;
    case "media-type-removed":
      return `media type ${c.mediaType} removed`;
    case "response-added":
      return "status added";
    case "response-removed":
      return "status removed";
    case "ack-changed":
      return `default answer changed: ${c.from ?? "none"} → ${c.to ?? "none (the handler must return a response)"}`;
    case "field-added":
      return `${c.required ? "required" : "optional"} field added`;
    case "field-removed":
      return `${c.required ? "required" : "optional"} field removed`;
    case "field-now-required":
      return "field became required";
    case "field-now-optional":
      return "field became optional";
    case "type-changed":
      return `type ${c.relation}: ${c.from.join(" | ")} → ${c.to.join(" | ")}`;
    case "enum-changed":
      return enumText(c.from, c.to, c.added, c.removed);
    case "variant-added":
      return `alternative ${c.variant} added`;
    case "variant-removed":
      return `alternative ${c.variant} removed`;
    case "additional-properties-changed":
      return c.to === "open" ? "unknown properties now allowed" : "unknown properties now rejected (additionalProperties: false)";
  }
}

/** `webhook POST issues-opened`, `callback onStatus (POST {$request.body#/url}) of POST /payments`. */
export function describeEvent(id: EventIdentity): string {
  if (id.kind === "webhook") return `webhook ${id.method} ${id.key}`;
  const name = id.callbackName !== undefined ? ` ${id.callbackName}` : "";
  return `callback${name} (${id.method} ${id.key})${id.parent !== undefined ? ` of ${id.parent}` : ""}`;
}

interface Block {
  events: EventDiff[];
  lines: string[];
}

/** Events with identical change lines, in the order of their first event. */
function blocks(events: readonly EventDiff[]): Block[] {
  const byText = new Map<string, Block>();
  for (const e of events) {
    const lines = e.changes.map(changeLine);
    const key = lines.join("\n");
    const block = byText.get(key);
    if (block) block.events.push(e);
    else byText.set(key, { events: [e], lines });
  }
  return [...byText.values()];
}

function heading(events: readonly EventDiff[]): string {
  if (events.length === 1) return `${events[0]!.handler} — ${describeEvent(events[0]!.identity)}`;
  return `${events.map((e) => e.handler).join(", ")} (${events.length} events)`;
}

function changeLine(c: Change): string {
  const where = locationOf(c);
  const schema = c.schema !== undefined ? ` (in ${c.schema})` : "";
  return `  ${c.breaking ? "[breaking]" : "[ok]      "} ${where ? where + ": " : ""}${describeChange(c)}${schema} — ${c.reason}`;
}

function enumText(from: JsonValue[] | undefined, to: JsonValue[] | undefined, added: JsonValue[], removed: JsonValue[]): string {
  if (from === undefined) return `values now restricted to ${values(to ?? [])}`;
  if (to === undefined) return `values no longer restricted (were ${values(from)})`;
  if (from.length === 1 && to.length === 1) return `value changed: ${value(from[0])} → ${value(to[0])}`;
  const parts: string[] = [];
  if (added.length) parts.push(`added ${values(added)}`);
  if (removed.length) parts.push(`removed ${values(removed)}`);
  return `enum values ${parts.join(", ")}`;
}

function values(vs: readonly JsonValue[]): string {
  return vs.map(value).join(", ");
}

function value(v: JsonValue | undefined): string {
  return JSON.stringify(v) ?? "undefined";
}

function revision(r: SpecDiff["old"]): string {
  return `${r.specFile}${r.version ? ` (${r.title} ${r.version})` : ""}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
