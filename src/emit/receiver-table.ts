/**
 * `receiver.ts`: the per-spec table the receiver runtime works from — for every event its
 * route, how to deserialize its parameters, how to parse and validate its body, what it may
 * answer, and what tells it apart from other events on the same route — plus
 * `createReceiver`, typed with the spec's `Handlers`.
 */
import type { ContentSchemas } from "../bundle/bundle.js";
import { bodyKind, essence, schemaApplies } from "../model/media-types.js";
import { requestPartsPlan, type PartPlan } from "../model/part-mapping.js";
import type { GenerationPlan, PlannedEvent } from "../model/plan.js";
import { ALL_POLICIES, type ValidationPolicy } from "../model/schema-set.js";
import { SchemaLookup } from "../model/schema-lookup.js";
import type { Condition, PathStep } from "../routes/conditions.js";
import type { EventRouting } from "../routes/discriminate.js";
import { describeScheme, PRESETS, type GenericScheme, type SignatureScheme } from "../security/signature-scheme.js";
import type { PlannedProtection } from "../security/protection.js";
import { docComment, identifier, jsonLiteral, propertyKey, stringLiteral } from "./encoders.js";
import { eventTitle } from "./event-types.js";
import { runtimeModule } from "./runtime-location.js";

/** Where the copied runtime lives inside the output folder. */

type ParamType = "string" | "number" | "integer" | "boolean" | "array" | "object" | "unknown";
const PARAM_TYPES = new Set<string>(["string", "number", "integer", "boolean", "array", "object"]);

/**
 * `unselected`: events left out by an event selection — in the table only with their route and
 * routing conditions, so that their deliveries are recognized and answered as unhandled
 * rather than taken for a selected event.
 */
export function emitReceiverTable(plan: GenerationPlan, routing: ReadonlyMap<string, EventRouting>, unselected: readonly PlannedEvent[] = []): string {
  const lookup = new SchemaLookup(plan.schemaSet);
  const policies = stricterOrEqual(plan.policy);
  // Each schema goes through `asSchema` (`z.ZodType<T>` to `z.ZodType`: tsc compares type
  // arguments by variance) rather than straight into `SchemaLike`, which makes tsc instantiate
  // Zod's type for every schema's `T` to compare structures: ~17 MB of tsc on GitHub's webhooks.
  const schemaRef = (key: string) => `asSchema(S.${identifier(lookup.member(key)!.schemaName)})`;
  const lists = plan.events.map((e) => ({ specs: parameterSpecs(e, lookup), responses: responseSpecs(e) }));
  const shared = new SharedLists();
  for (const l of lists) {
    shared.count("specs", l.specs);
    shared.count("responses", l.responses);
  }
  const declarations = shared.declarations();
  const entries = plan.events.map((e, i) => eventEntry(e, routing.get(e.names.handler)!, lookup, schemaRef, shared, lists[i]!));
  const stubs = unselected.map((e) => unselectedEntry(e, routing.get(e.names.handler)!));
  const protection: PlannedProtection = plan.protection ?? { securitySchemes: new Map() };
  const signature = protection.signature?.scheme;
  const protectedBy = protectionNeeds(protection);
  return [
    `import type { Handlers } from "./contract.js";`,
    `import { createReceiverCore, type EventSpec, type Protection, type PartialReceiverOptions, type Receiver, type ReceiverOptions${plan.events.length ? ", type SchemaLike" : ""}${protectedBy ? ", type CredentialCheck, type Verify" : ""} } from ${stringLiteral(runtimeModule(plan.runtime, "runtime"))};`,
    ...(signature ? [`import { ${factoryOf(signature)}, type SignatureVerifier } from ${stringLiteral(runtimeModule(plan.runtime, "signatures"))};`] : []),
    plan.events.length || plan.policy !== "strict" ? `import * as S from "./schemas.js";` : "",
    plan.events.length ? tableSchema(plan.runtime) : "",
    ...declarations,
    // `Array.of<EventSpec>(…)`, not an array literal: tsc types an array literal by the union
    // of its elements reduced by subtype, comparing every pair of entries (and through them
    // every pair of Zod schema types): 10 s of `tsc` on GitHub's 261 events. Each argument
    // is still checked against `EventSpec`, excess properties included.
    docComment(["Every event the spec describes: how it is routed, parsed, validated and answered."]) +
      `export const events: readonly EventSpec[] = Array.of<EventSpec>(\n${entries.join("")}${stubs.length ? `  // Left out by the event selection: recognized, answered as unhandled.\n${stubs.join("")}` : ""});\n`,
    protectionTable(protection),
    ...(signature ? [signatureVerifierFunction(signature, protection.signature!.from)] : []),
    ...(protectedBy ? [protectedType(protection)] : []),
    docComment([
      "The receiver for these events: pass your handlers, mount `receiver.fetch` (web standard) or an adapter from ./adapters/.",
      "`handlers` must cover every event; with `partial: true`, those you leave out are answered as unhandled.",
      `Generated with the ${plan.policy} validation policy; \`policy\` may ask for ${choicesInProse(policies)}.`,
      ...(protectedBy ? ["The spec says how deliveries are authenticated: pass what `Protected` asks for, or `insecure: true` (local testing only)."] : []),
    ]) +
      `export function createReceiver(\n  options: (ReceiverOptions<Handlers> | PartialReceiverOptions<Handlers>) & { policy?: ${policies.join(" | ")} }${protectedBy ? " & Protected" : ""},\n): Receiver {\n` +
      `  return createReceiverCore(events, options, ${schemaPolicy(plan.policy)}, protection);\n}\n`,
  ].join("\n");
}

/**
 * How the table holds a schema. A delivery is first checked by the schema's acceptor
 * (\`$accepts\`: a predicate the schema builders composed from plain closures as the schemas
 * were built), which says true only for a value Zod would take unchanged — the generated
 * schemas never transform, default or strip, so such a value goes to the handler as it is.
 * It needs no code generation, so it is as fast on platforms that refuse it (Cloudflare
 * Workers, \`--disallow-code-generation-from-strings\`), where \`z.compile\` falls back to Zod's
 * runtime parser. A value it cannot vouch for goes to Zod (compiled on first use), which
 * accepts it or says what is wrong. Typed \`z.ZodType\`, which costs tsc less than each
 * schema's own type.
 */
function tableSchema(runtime: GenerationPlan["runtime"]): string {
  return `import { z } from "zod";
import { $accepts } from ${stringLiteral(runtimeModule(runtime, "schema-builders"))};

/** A schema as the table holds it: its acceptor first, then Zod, compiled when first needed (its own parser where code generation is refused). */
function asSchema(schema: z.ZodType): SchemaLike {
  let compiled: z.ZodType | undefined;
  const parse = (input: unknown) => (compiled ??= z.compile(schema)).safeParse(input);
  const accepts = $accepts(schema);
  return accepts ? { safeParse: parse, acceptsAsIs: accepts } : { safeParse: parse };
}
`;
}

/** The runtime's signature module, beside its core. */

/** Whether the spec asks for a signature or for credentials. */
function protectionNeeds(p: PlannedProtection): boolean {
  return p.signature !== undefined || p.securitySchemes.size > 0;
}

function protectionTable(p: PlannedProtection): string {
  const lines: string[] = [];
  if (p.signature) lines.push(`  signature: ${stringLiteral(`${describeScheme(p.signature.scheme)} (${p.signature.from})`)},`);
  if (p.securitySchemes.size) {
    lines.push("  securitySchemes: {");
    for (const [name, spec] of p.securitySchemes) {
      const fields = [`type: ${stringLiteral(spec.type)}`, ...(spec.in ? [`in: ${stringLiteral(spec.in)}`] : []), ...(spec.name !== undefined ? [`name: ${stringLiteral(spec.name)}`] : [])];
      lines.push(`    ${propertyKey(name, "value")}: { ${fields.join(", ")} },`);
    }
    lines.push("  },");
  }
  const doc = docComment(["How the spec says deliveries are authenticated: the signature they carry, the security schemes events require."]);
  return doc + `const protection: Protection = ${lines.length ? `{\n${lines.join("\n")}\n}` : "{}"};\n`;
}

/** The factory of the runtime's signatures module that builds a scheme. */
function factoryOf(s: SignatureScheme): string {
  return "preset" in s ? PRESETS[s.preset] : s.generic.type === "hmac" ? "hmacSignature" : "ed25519Signature";
}

/**
 * `signatureVerifier(keys)`: the verifier for the spec's scheme, so that the user supplies
 * only the secret (or public key). Generic descriptions are written out as the factory's options.
 */
function signatureVerifierFunction(s: SignatureScheme, from: string): string {
  const factory = factoryOf(s);
  const doc = docComment([
    `The verifier for the signature this spec says its deliveries carry (${describeScheme(s)}, from ${from}): give it your secret${"preset" in s && (s.preset === "telnyx") ? " — here the provider's public key" : ""}, several during a rotation.`,
    "Pass it as `verify` to createReceiver.",
  ]);
  if ("preset" in s) return doc + `export function signatureVerifier(keys: Parameters<typeof ${factory}>[0]): SignatureVerifier {\n  return ${factory}(keys);\n}\n`;
  const g = s.generic;
  const fixed = schemeOptionEntries(g, true);
  const keys = g.type === "hmac" ? `{ secret: string | Uint8Array } | { secrets: readonly (string | Uint8Array)[] }` : `{ publicKey: string | Uint8Array } | { publicKeys: readonly (string | Uint8Array)[] }`;
  return doc + `export function signatureVerifier(keys: ${keys}): SignatureVerifier {\n  return ${factory}({ ${fixed.join(", ")}, ...keys });\n}\n`;
}

/**
 * A generic scheme as the options of the runtime's factories (`hmacSignature`,
 * `ed25519Signature`) and signers (`signHmac`, `signEd25519`): `key: literal` entries.
 * Signers take no tolerance (`withTolerance` false).
 */
export function schemeOptionEntries(g: GenericScheme, withTolerance: boolean): string[] {
  const fixed: string[] = [];
  const put = (k: string, v: string | number | undefined) => {
    if (v !== undefined) fixed.push(`${k}: ${typeof v === "number" ? String(v) : stringLiteral(v)}`);
  };
  if (g.type === "hmac") {
    put("header", g.header);
    put("algorithm", g.algorithm);
    put("encoding", g.encoding ?? "hex");
  } else {
    put("signatureHeader", g.header);
    put("signatureEncoding", g.encoding);
  }
  put("prefix", g.prefix);
  put("signedContent", g.signedContent);
  put("timestampHeader", g.timestampHeader);
  put("idHeader", g.idHeader);
  if (withTolerance) put("toleranceSeconds", g.toleranceSeconds);
  return fixed;
}

/** What `createReceiver` requires: `verify` and the credentials of every scheme, or `insecure: true`. */
function protectedType(p: PlannedProtection): string {
  const parts: string[] = [];
  if (p.signature) parts.push(`verify: Verify | readonly Verify[]`);
  if (p.securitySchemes.size) parts.push(`security: { ${[...p.securitySchemes.keys()].map((n) => `${propertyKey(n)}: CredentialCheck`).join("; ")} }`);
  return (
    docComment(["What the spec asks of every delivery: a verified signature, credentials for its security schemes — or, in so many words, neither."]) +
    `export type Protected = { ${parts.join("; ")}; insecure?: never } | { insecure: true };\n`
  );
}

/**
 * The run-time policies sound for schemas generated with `generated`: it, then the stricter
 * ones (`ALL_POLICIES` lists the strictest first).
 */
function stricterOrEqual(generated: ValidationPolicy): string[] {
  return ALL_POLICIES.slice(0, ALL_POLICIES.indexOf(generated) + 1)
    .reverse()
    .map((p) => stringLiteral(p));
}

/** `"lenient" or "strict"`, for the doc comment. */
function choicesInProse(names: string[]): string {
  return names.length === 1 ? `only ${names[0]}` : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/** What the core needs to apply a stricter run-time policy (`$strictness` exists in relaxed files only). */
function schemaPolicy(generated: ValidationPolicy): string {
  return generated === "strict" ? `{ generated: "strict" }` : `{ generated: ${stringLiteral(generated)}, strictness: S.$strictness }`;
}

/**
 * Parameter and response lists several events have verbatim (GitHub's seven webhook headers,
 * `[{ status: "200", mediaTypes: [] }]`), declared once: every object literal in the table
 * costs tsc a fresh type, and these were most of them.
 */
class SharedLists {
  private readonly lists = new Map<string, { kind: ListKind; items: string[]; count: number; name?: string }>();

  /** Counts one use of the list `items` (each item one literal). */
  count(kind: ListKind, items: string[]): void {
    if (!items.length) return;
    const key = `${kind}:${JSON.stringify(items)}`;
    const list = this.lists.get(key) ?? { kind, items, count: 0 };
    list.count++;
    this.lists.set(key, list);
  }

  /** Names the lists used twice or more, in first-use order; their declarations. */
  declarations(): string[] {
    const out: string[] = [];
    const numbers = { specs: 0, responses: 0 };
    for (const list of this.lists.values()) {
      if (list.count < 2) continue;
      list.name = `${list.kind}${++numbers[list.kind]}`;
      out.push(`const ${list.name}: ${LIST_TYPE[list.kind]} = ${listLiteral(list.kind, list.items, "")};\n`);
    }
    if (out.length) out[0] = docComment(["Lists several events share, written once."]) + out[0];
    return out;
  }

  /** The list's name when it is shared (after `declarations`), else its literal for an entry. */
  write(kind: ListKind, items: string[]): string {
    return this.lists.get(`${kind}:${JSON.stringify(items)}`)?.name ?? listLiteral(kind, items, "      ");
  }
}

type ListKind = "specs" | "responses";
const LIST_TYPE: Record<ListKind, string> = { specs: `EventSpec["parameters"]["specs"]`, responses: `EventSpec["responses"]` };

/** Parameter specs one per line, responses on one line. */
function listLiteral(kind: ListKind, items: string[], indent: string): string {
  if (kind === "responses" || !items.length) return `[${items.join(", ")}]`;
  return `[\n${items.map((i) => `${indent}  ${i},\n`).join("")}${indent}]`;
}

function eventEntry(
  e: PlannedEvent,
  routing: EventRouting,
  lookup: SchemaLookup,
  schemaRef: (k: string) => string,
  shared: SharedLists,
  lists: { specs: string[]; responses: string[] },
): string {
  const lines: string[] = [];
  const field = (name: string, value: string) => lines.push(`    ${name}: ${value},`);
  field("name", stringLiteral(e.names.handler));
  field("kind", stringLiteral(e.def.kind));
  field("method", stringLiteral(e.route.method));
  field("path", stringLiteral(e.route.path));
  if (e.def.kind === "webhook" && e.def.routeKey === undefined) field("sharedWebhookPath", "true");
  if (e.ack !== undefined) field("ack", String(e.ack));
  field("parameters", parametersEntry(e, schemaRef, shared.write("specs", lists.specs)));
  field("body", bodyEntry(e, lookup, schemaRef));
  field("responses", shared.write("responses", lists.responses));
  if (e.def.security?.length) field("security", `[${e.def.security.map((alt) => `[${alt.map(stringLiteral).join(", ")}]`).join(", ")}]`);
  if (routing.conditions.length) field("conditions", conditionsLiteral(routing.conditions));
  return `  ${docComment([eventTitle(e)], "  ").trimStart()}  {\n${lines.join("\n")}\n  },\n`;
}

/** An event left out by the selection, on one line: its route, media types and conditions, no schema. */
function unselectedEntry(e: PlannedEvent, routing: EventRouting): string {
  const contents = e.schemas.body.map((c) => `{ mediaType: ${stringLiteral(essence(c.mediaType))}, kind: ${stringLiteral(bodyKind(c.mediaType))} }`);
  const shared = e.def.kind === "webhook" && e.def.routeKey === undefined ? ", sharedWebhookPath: true" : "";
  const conditions = routing.conditions.length ? `, conditions: ${conditionsLiteral(routing.conditions).replace(/\n\s*/g, " ")}` : "";
  return (
    `  { name: ${stringLiteral(e.names.handler)}, kind: ${stringLiteral(e.def.kind)}, method: ${stringLiteral(e.route.method)}, path: ${stringLiteral(e.route.path)}${shared}, unselected: true, ` +
    `parameters: { specs: [] }, body: { required: false, contents: [${contents.join(", ")}] }, responses: []${conditions} },\n`
  );
}

function responseSpecs(e: PlannedEvent): string[] {
  return e.schemas.responses.map(
    (r) => `{ status: ${stringLiteral(r.status)}, mediaTypes: [${r.body.map((b) => stringLiteral(essence(b.mediaType))).join(", ")}] }`,
  );
}

/** One `ParamSpec` literal per parameter. */
function parameterSpecs(e: PlannedEvent, lookup: SchemaLookup): string[] {
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
  return specs;
}

function parametersEntry(e: PlannedEvent, schemaRef: (k: string) => string, specList: string): string {
  const schemas = [
    e.schemas.pathParams && `path: ${schemaRef(e.schemas.pathParams)}`,
    e.schemas.query && `query: ${schemaRef(e.schemas.query)}`,
    e.schemas.headers && `headers: ${schemaRef(e.schemas.headers)}`,
    e.schemas.cookies && `cookies: ${schemaRef(e.schemas.cookies)}`,
  ].filter((x): x is string => Boolean(x));
  return `{\n      specs: ${specList},${schemas.map((s) => `\n      ${s},`).join("")}\n    }`;
}

function bodyEntry(e: PlannedEvent, lookup: SchemaLookup, schemaRef: (k: string) => string): string {
  const required = e.def.requestBody?.required ?? false;
  const hasJson = e.schemas.body.some((c) => bodyKind(c.mediaType) === "json");
  const contents = e.schemas.body.map((c) =>
    bodyKind(c.mediaType) === "parts" ? partsEntry(e, c, lookup, schemaRef, hasJson) : contentEntry(c, lookup, schemaRef, hasJson),
  );
  // One line, unless a body lists its parts: then one content per line.
  if (!contents.some((c) => c.includes("\n"))) return `{ required: ${required}, contents: [${contents.join(", ")}] }`;
  return `{\n      required: ${required},\n      contents: [\n${contents.map((c) => `        ${c},\n`).join("")}      ],\n    }`;
}

/**
 * A `parts` body (multipart/related, multipart/mixed…): the properties its parts fill, and
 * the schema, which validates them — only when the schema's properties describe the parts.
 */
function partsEntry(e: PlannedEvent, c: ContentSchemas, lookup: SchemaLookup, schemaRef: (k: string) => string, eventHasJson: boolean): string {
  const fields = [`mediaType: ${stringLiteral(essence(c.mediaType))}`, `kind: "parts"`];
  const plan = requestPartsPlan(e, c.mediaType, c.type, lookup);
  if (!plan.mapped || c.type === undefined) return `{ ${fields.join(", ")} }`;
  fields.push(`schema: ${schemaRef(c.type)}`);
  // The JSON part is the event's JSON document (3GPP's `jsonData`): routing conditions read inside it.
  const json = plan.parts.filter((p) => p.as === "json" && !p.repeated);
  if (eventHasJson && json.length === 1) fields.push(`documentField: ${stringLiteral(json[0]!.name)}`);
  fields.push(`parts: [\n${plan.parts.map((p) => `            ${partSpec(p)},\n`).join("")}          ]`);
  return `{\n${fields.map((f) => `          ${f},\n`).join("")}        }`;
}

function partSpec(p: PartPlan): string {
  const fields = [`name: ${stringLiteral(p.name)}`, `accept: [${p.accept.map(stringLiteral).join(", ")}]`, `as: ${stringLiteral(p.as)}`];
  if (p.type !== undefined) fields.push(`type: ${stringLiteral(p.type)}`);
  if (p.repeated) fields.push("repeated: true");
  return `{ ${fields.join(", ")} }`;
}

function contentEntry(c: ContentSchemas, lookup: SchemaLookup, schemaRef: (k: string) => string, eventHasJson: boolean): string {
  const kind = bodyKind(c.mediaType);
  const parts = [`mediaType: ${stringLiteral(essence(c.mediaType))}`, `kind: ${stringLiteral(kind)}`];
  if (c.type && schemaApplies(c.mediaType)) parts.push(`schema: ${schemaRef(c.type)}`);
  if (c.type && (kind === "form" || kind === "multipart")) {
    const properties = [...lookup.properties(lookup.member(c.type)?.schema)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const typeOf = (subs: unknown[]) => subs.map((s) => lookup.topType(s)).find((t) => t !== undefined);
    const jsonFields = properties.filter(([, subs]) => subs.some((s) => ["object", "array"].includes(lookup.topType(s) ?? ""))).map(([name]) => name);
    if (jsonFields.length) parts.push(`jsonFields: [${jsonFields.map(stringLiteral).join(", ")}]`);
    // Text that becomes a number or boolean, as for query parameters.
    const fields = properties
      .map(([name, subs]) => ({ name, type: typeOf(subs) }))
      .filter((f): f is { name: string; type: string } => f.type === "integer" || f.type === "number" || f.type === "boolean");
    if (fields.length) parts.push(`fields: [${fields.map((f) => `{ name: ${stringLiteral(f.name)}, type: ${stringLiteral(f.type)} }`).join(", ")}]`);
    // The form wraps the event's JSON document in its one field (GitHub's `payload=<json>`):
    // routing reads the document's fields inside it.
    if (properties.length === 1) {
      const [name, subs] = properties[0]!;
      if (jsonFields.includes(name) || (eventHasJson && typeOf(subs) === "string")) parts.push(`documentField: ${stringLiteral(name)}`);
    }
  }
  return `{ ${parts.join(", ")} }`;
}

/** The routing conditions, one per line: what the runtime checks before validating (templates/runtime/discriminate.ts). */
function conditionsLiteral(conditions: readonly Condition[]): string {
  const items = conditions.map((c) => {
    const where = c.in === "header" ? `in: "header", name: ${stringLiteral(c.name)}` : `in: "body", path: [${c.path.map(pathStep).join(", ")}]`;
    return `{ ${where}, required: ${c.required}, test: ${testLiteral(c.test)} }`;
  });
  return `[\n${items.map((i) => `      ${i},\n`).join("")}    ]`;
}

function pathStep(step: PathStep): string {
  return typeof step === "string" ? stringLiteral(step) : "{ items: true }";
}

function testLiteral(t: Condition["test"]): string {
  if ("equals" in t) return `{ equals: [${t.equals.map(jsonLiteral).join(", ")}] }`;
  if ("notIn" in t) return `{ notIn: [${t.notIn.map(jsonLiteral).join(", ")}] }`;
  if ("template" in t) return `{ template: [${t.template.map(stringLiteral).join(", ")}] }`;
  return `{ words: ${stringLiteral(t.words)} }`;
}
