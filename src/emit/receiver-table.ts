/**
 * `receiver.ts`: the per-spec table the receiver runtime works from — for every event its
 * route, how to deserialize its parameters, how to parse and validate its body, what it may
 * answer, and what tells it apart from other events on the same route — plus
 * `createReceiver`, typed with the spec's `Handlers`.
 */
import type { ContentSchemas } from "../bundle/bundle.js";
import { bodyKind, essence, schemaApplies } from "../model/media-types.js";
import type { GenerationPlan, PlannedEvent } from "../model/plan.js";
import { SchemaLookup } from "../model/schema-lookup.js";
import type { Discriminator, EventRouting } from "../routes/discriminate.js";
import { docComment, identifier, jsonLiteral, stringLiteral } from "./encoders.js";
import { eventTitle } from "./event-types.js";

/** Where the copied runtime lives inside the output folder. */
export const RUNTIME_IMPORT = "./runtime/runtime.js";

type ParamType = "string" | "number" | "integer" | "boolean" | "array" | "object" | "unknown";
const PARAM_TYPES = new Set<string>(["string", "number", "integer", "boolean", "array", "object"]);

export function emitReceiverTable(plan: GenerationPlan, routing: ReadonlyMap<string, EventRouting>): string {
  const lookup = new SchemaLookup(plan.schemaSet);
  const schemaName = (key: string) => identifier(lookup.member(key)!.schemaName);
  const entries = plan.events.map((e) => eventEntry(e, routing.get(e.names.handler)!, lookup, schemaName));
  return [
    `import type { Handlers } from "./contract.js";`,
    `import { createReceiverCore, type EventSpec, type Receiver, type ReceiverOptions } from ${stringLiteral(RUNTIME_IMPORT)};`,
    plan.events.length || plan.policy !== "strict" ? `import * as S from "./schemas.js";\n` : "",
    docComment(["Every event the spec describes: how it is routed, parsed, validated and answered."]) +
      `export const events: readonly EventSpec[] = [\n${entries.join("")}];\n`,
    docComment([
      "The receiver for these events: pass your handlers, mount `receiver.fetch` (web standard) or an adapter from ./adapters/.",
      `Generated with the ${plan.policy} validation policy; \`policy\` may ask for ${policyChoices(plan.policy)}.`,
    ]) +
      `export function createReceiver(options: ReceiverOptions<Handlers> & { policy?: ${policyChoices(plan.policy, " | ")} }): Receiver {\n` +
      `  return createReceiverCore(events, options, ${schemaPolicy(plan.policy)});\n}\n`,
  ].join("\n");
}

/** The run-time policies sound for schemas generated with `generated`: it and the stricter ones. */
const STRICTER_OR_EQUAL = {
  strict: ["strict"],
  lenient: ["lenient", "strict"],
  tolerant: ["tolerant", "lenient", "strict"],
} as const;

function policyChoices(generated: keyof typeof STRICTER_OR_EQUAL, separator?: string): string {
  const names = STRICTER_OR_EQUAL[generated].map((p) => stringLiteral(p));
  return separator ? names.join(separator) : names.length === 1 ? `only ${names[0]}` : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/** What the core needs to apply a stricter run-time policy (`$strictness` exists in relaxed files only). */
function schemaPolicy(generated: keyof typeof STRICTER_OR_EQUAL): string {
  return generated === "strict" ? `{ generated: "strict" }` : `{ generated: ${stringLiteral(generated)}, strictness: S.$strictness }`;
}

function eventEntry(e: PlannedEvent, routing: EventRouting, lookup: SchemaLookup, schemaName: (k: string) => string): string {
  const lines: string[] = [];
  const field = (name: string, value: string) => lines.push(`    ${name}: ${value},`);
  field("name", stringLiteral(e.names.handler));
  field("kind", stringLiteral(e.def.kind));
  field("method", stringLiteral(e.route.method));
  field("path", stringLiteral(e.route.path));
  if (e.def.kind === "webhook" && e.def.routeKey === undefined) field("sharedWebhookPath", "true");
  if (e.ack !== undefined) field("ack", String(e.ack));
  field("parameters", parametersEntry(e, lookup, schemaName));
  field("body", bodyEntry(e, lookup, schemaName));
  field(
    "responses",
    `[${e.schemas.responses
      .map((r) => `{ status: ${stringLiteral(r.status)}, mediaTypes: [${r.body.map((b) => stringLiteral(essence(b.mediaType))).join(", ")}] }`)
      .join(", ")}]`,
  );
  if (routing.discriminator) field("discriminator", discriminatorLiteral(routing.discriminator));
  field("order", String(routing.order));
  return `  ${docComment([eventTitle(e)], "  ").trimStart()}  {\n${lines.join("\n")}\n  },\n`;
}

function parametersEntry(e: PlannedEvent, lookup: SchemaLookup, schemaName: (k: string) => string): string {
  const specs: string[] = [];
  const typeOf = (memberKey: string | undefined, prop: string): { type: ParamType; items?: ParamType } => {
    if (!memberKey) return { type: "string" };
    const subs = lookup.properties(lookup.member(memberKey)?.schema).get(prop) ?? [];
    const t = subs.map((s) => lookup.topType(s)).find((x) => x !== undefined);
    const type = (t === undefined ? "unknown" : PARAM_TYPES.has(t) ? t : "unknown") as ParamType;
    if (type !== "array") return { type };
    const resolved = lookup.resolve(subs[0]);
    const itemsSchema = resolved && typeof resolved === "object" ? resolved.items : undefined;
    const it = lookup.topType(itemsSchema);
    return { type, items: (it && PARAM_TYPES.has(it) ? it : "unknown") as ParamType };
  };
  const memberFor = { path: e.schemas.pathParams, query: e.schemas.query, header: e.schemas.headers, cookie: e.schemas.cookies };
  const declared = new Set<string>();
  for (const p of e.def.parameters) {
    const name = p.in === "header" ? p.name.toLowerCase() : p.name;
    declared.add(`${p.in}:${name}`);
    const t = typeOf(memberFor[p.in], name);
    const parts = [`name: ${stringLiteral(name)}`, `in: ${stringLiteral(p.in)}`, `type: ${stringLiteral(t.type)}`];
    if (t.items) parts.push(`items: ${stringLiteral(t.items)}`);
    if (p.style !== undefined) parts.push(`style: ${stringLiteral(p.style)}`);
    if (p.explode !== undefined) parts.push(`explode: ${p.explode}`);
    parts.push(`required: ${p.required}`);
    if (p.contentType !== undefined) parts.push(`contentType: ${stringLiteral(essence(p.contentType))}`);
    specs.push(`{ ${parts.join(", ")} }`);
  }
  // Parameters that come from the callback key itself are always strings.
  for (const rp of e.route.params) {
    if (!declared.has(`path:${rp.name}`)) specs.push(`{ name: ${stringLiteral(rp.name)}, in: "path", type: "string", required: true }`);
  }
  for (const q of e.route.expressionQuery) {
    if (!declared.has(`query:${q.name}`)) specs.push(`{ name: ${stringLiteral(q.name)}, in: "query", type: "string", required: true }`);
  }
  const schemas = [
    e.schemas.pathParams && `path: S.${schemaName(e.schemas.pathParams)}`,
    e.schemas.query && `query: S.${schemaName(e.schemas.query)}`,
    e.schemas.headers && `headers: S.${schemaName(e.schemas.headers)}`,
    e.schemas.cookies && `cookies: S.${schemaName(e.schemas.cookies)}`,
  ].filter((x): x is string => Boolean(x));
  const specList = specs.length ? `[\n${specs.map((s) => `        ${s},\n`).join("")}      ]` : "[]";
  return `{\n      specs: ${specList},${schemas.map((s) => `\n      ${s},`).join("")}\n    }`;
}

function bodyEntry(e: PlannedEvent, lookup: SchemaLookup, schemaName: (k: string) => string): string {
  const required = e.def.requestBody?.required ?? false;
  const contents = e.schemas.body.map((c) => contentEntry(c, lookup, schemaName));
  return `{ required: ${required}, contents: [${contents.join(", ")}] }`;
}

function contentEntry(c: ContentSchemas, lookup: SchemaLookup, schemaName: (k: string) => string): string {
  const kind = bodyKind(c.mediaType);
  const parts = [`mediaType: ${stringLiteral(essence(c.mediaType))}`, `kind: ${stringLiteral(kind)}`];
  if (c.type && schemaApplies(c.mediaType)) parts.push(`schema: S.${schemaName(c.type)}`);
  if (c.type && (kind === "form" || kind === "multipart")) {
    const jsonFields = [...lookup.properties(lookup.member(c.type)?.schema)]
      .filter(([, subs]) => subs.some((s) => ["object", "array"].includes(lookup.topType(s) ?? "")))
      .map(([name]) => name)
      .sort();
    if (jsonFields.length) parts.push(`jsonFields: [${jsonFields.map(stringLiteral).join(", ")}]`);
  }
  return `{ ${parts.join(", ")} }`;
}

function discriminatorLiteral(d: Discriminator): string {
  const parts: string[] = [];
  if (d.headers?.length) parts.push(`headers: [${d.headers.map((h) => `{ name: ${stringLiteral(h.name)}, value: ${stringLiteral(h.value)} }`).join(", ")}]`);
  if (d.body?.length) {
    parts.push(`body: [${d.body.map((b) => `{ pointer: [${b.pointer.map(stringLiteral).join(", ")}], value: ${jsonLiteral(b.value)} }`).join(", ")}]`);
  }
  if (d.eventHeader) parts.push(`eventHeader: { name: ${stringLiteral(d.eventHeader.name)}, words: ${stringLiteral(d.eventHeader.words)} }`);
  return `{ ${parts.join(", ")} }`;
}
