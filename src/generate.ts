/**
 * The pipeline (DESIGN.md §4), from a spec to planned files, without touching the output
 * folder: load → structure and `$ref` checks → extract events → routes → bundle schemas →
 * emit. Writing (or comparing, for `--check`) is the caller's job.
 */
import path from "node:path";
import { bundle, type BundleInput, type BundledEvent } from "./bundle/bundle.js";
import { Diagnostics, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { emitContract } from "./emit/contract.js";
import { identifier } from "./emit/encoders.js";
import { emitEventTypes } from "./emit/event-types.js";
import { partsImport } from "./emit/parts-body.js";
import { emitReadme } from "./emit/readme.js";
import { emitReceiverTable } from "./emit/receiver-table.js";
import { DEFAULT_ADAPTERS, runtimeFiles, type AdapterName } from "./emit/runtime-files.js";
import { DEFAULT_RUNTIME, runtimeModule, type RuntimeKind } from "./emit/runtime-location.js";
import { emitRoutesModule } from "./emit/routes-module.js";
import { emitSchemaTypes } from "./emit/schema-types.js";
import { emitTestKit } from "./emit/test-kit.js";
import { eventFixtures } from "./testkit/fixtures.js";
import { emitZodSchemas } from "./emit/zod.js";
import { extractEvents } from "./extract/extract-events.js";
import { mergeSameDeliveries } from "./extract/same-delivery.js";
import { selectEvents } from "./model/event-selection.js";
import { selectedPlan } from "./model/selected-plan.js";
import { planProtection } from "./security/protection.js";
import { loadDocumentSet } from "./load/load.js";
import { applyOverlays } from "./overlay/apply-overlays.js";
import { checkRefs, reportUnresolved } from "./load/ref-scan.js";
import { readExistingOutput } from "./regenerate/existing-output.js";
import { reconcileHandlers } from "./regenerate/reconcile-handlers.js";
import { validateStructure } from "./load/structure.js";
import type { DocumentSet } from "./load/types.js";
import type { EventDef, MediaTypeDef } from "./model/events.js";
import type { EventRoute, GenerationPlan, PlannedEvent } from "./model/plan.js";
import type { ValidationPolicy } from "./model/schema-set.js";
import { bodyKind, rawBodyType, schemaApplies } from "./model/media-types.js";
import { requestPartsPlan } from "./model/part-mapping.js";
import { SchemaLookup } from "./model/schema-lookup.js";
import { acknowledgeStatus } from "./routes/acknowledge.js";
import { separatedBy } from "./routes/conditions.js";
import { discriminate, type EventRouting } from "./routes/discriminate.js";
import { routeKey } from "./routes/route-key.js";
import { routeFor, withEventPath, type RouteOptions } from "./routes/event-routes.js";
import { compareStrings, isObject } from "./util/json-pointer.js";
import { tsBanner, type PlannedFile } from "./write/planned-file.js";

export interface GenerateOptions {
  /** Path of the spec, or `-` with `stdin` holding its text. */
  spec: string;
  stdin?: string;
  /** Folder `$ref`s may read (default: the spec's folder). */
  refRoot?: string;
  /** Working directory for relative paths and for display (default: process.cwd()). */
  cwd?: string;
  policy?: ValidationPolicy;
  webhookRoutes?: RouteOptions["webhookRoutes"];
  webhookPath?: string;
  /** Framework adapters to generate into `adapters/` (default: node). */
  adapters?: readonly AdapterName[];
  /**
   * `package` (default): the output imports the runtime and adapters from the installed
   * `gen-callbacks` package; `vendored`: the output carries its own copy in `runtime/`.
   */
  runtime?: RuntimeKind;
  /**
   * Routing conditions the user declares, by event (webhook key, callback name or handler
   * name), in the format of `x-gen-callbacks-discriminator`; they take precedence over it.
   */
  discriminators?: Readonly<Record<string, unknown>>;
  /** The configuration file `discriminators` come from, for diagnostics. */
  discriminatorsFile?: string;
  /**
   * Generate only these events (patterns over webhook keys, callback names, handler names;
   * `*` for one or more words: `issues.*`); deliveries of the others are answered as unhandled.
   * Default: every event.
   */
  events?: readonly string[];
  /** A document without events is an error (the CLI's default), not a warning (the API's). */
  requireEvents?: boolean;
  /**
   * OpenAPI Overlay 1.0 files applied, in order, to the entry document before generation
   * (relative to `cwd`).
   */
  overlays?: readonly string[];
  /**
   * The output folder, when regenerating into one: its handler files are matched to the
   * events and updated surgically instead of being planned as fresh stubs. Only read.
   */
  outDir?: string;
}

/** One event in the machine-readable summary (`--json`). */
export interface EventSummary {
  kind: "callback" | "webhook";
  handler: string;
  key: string;
  method: string;
  route: string;
  source: { file: string; pointer: string; line?: number };
  declaredIn: "callbacks" | "webhooks" | "x-webhooks";
  parent?: { method: string; path: string; operationId?: string };
  /** The same delivery declared again (the same callback under other operations): one event, one handler. */
  alsoDeclared?: { source: { file: string; pointer: string; line?: number }; parent?: { method: string; path: string; operationId?: string } }[];
  callbackName?: string;
}

export interface GenerateResult {
  /** False when an error stands: then `files` is empty and nothing may be written. */
  ok: boolean;
  plan?: GenerationPlan;
  files: PlannedFile[];
  events: EventSummary[];
  /** Sorted, with lines and columns filled in. */
  diagnostics: Diagnostic[];
  /** Every spec file read (the entry and what its `$ref`s reached), for `--watch`. */
  inputs: string[];
  /** Handler files (relative to the output folder) whose event left the spec. */
  orphans: string[];
}

export function generate(options: GenerateOptions): GenerateResult {
  const cwd = options.cwd ?? process.cwd();
  const diags = new Diagnostics();
  const input = options.spec === "-" ? { stdin: options.stdin ?? "", cwd } : { path: path.resolve(cwd, options.spec) };
  const set = loadDocumentSet(input, {
    diagnostics: diags,
    ...(options.refRoot !== undefined ? { refRoot: path.resolve(cwd, options.refRoot) } : {}),
  });
  if (!set) return finish(diags, undefined, cwd);
  // Overlays correct the provider's document before anything reads it.
  if (options.overlays?.length && !applyOverlays(set.entry.value, options.overlays.map((o) => path.resolve(cwd, o)), diags)) return finish(diags, set, cwd);

  validateStructure(set, diags);
  reportUnresolved(checkRefs(set, diags).unresolved, diags);

  const defs = extractEvents(set, diags);
  // Said only when nothing else is wrong: a refused document needs fixing first anyway.
  if (defs.length === 0 && !diags.hasErrors) {
    const message = "the document describes no callbacks, webhooks or x-webhooks";
    const where = { file: set.entry.path, pointer: "" };
    const hint = "callbacks are declared under an operation's `callbacks`, webhooks under the top-level `webhooks` (OpenAPI 3.1) or `x-webhooks`";
    if (options.requireEvents) diags.error("no-events", `${message}: there is nothing to generate`, where, `${hint}; pass --allow-empty to generate an empty receiver anyway`);
    else diags.warning("no-events", `${message}; the output has no handlers`, where, hint);
  }

  const routeOptions: RouteOptions = { webhookRoutes: options.webhookRoutes ?? "shared", webhookPath: options.webhookPath ?? "/" };
  const declared = mergeSameDeliveries(
    set,
    defs.map((def) => ({ def, route: routeFor(set, def, routeOptions, diags) })),
  );
  const routes = declared.map((d) => d.route);
  const inputs: BundleInput[] = declared.map(({ def }, i) => {
    const route = routes[i]!;
    const describe = (expression: string) => `From \`{${expression}}\` in the callback URL.`;
    return {
      def,
      routePathParams: route.params.map((p) => ({ name: p.name, description: describe(p.expression) })),
      routeQueryParams: route.expressionQuery.map((q) => ({ name: q.name, description: describe(q.expression) })),
    };
  });
  const bundled = bundle(set, inputs, diags);
  const events = bundled.events
    .map((b, i): PlannedEvent => plannedEvent(b, withEventPath(routes[i]!, b.def, b.names.file, routeOptions)))
    .sort((a, b) => compareStrings(a.names.handler, b.names.handler));

  const info = isObject(set.entry.value) && isObject(set.entry.value.info) ? set.entry.value.info : {};
  const plan: GenerationPlan = {
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : "",
    openapi: set.versionString,
    specFile: options.spec === "-" ? "<stdin>" : path.basename(options.spec),
    policy: options.policy ?? "lenient",
    adapters: [...(options.adapters ?? DEFAULT_ADAPTERS)].sort(),
    runtime: options.runtime ?? DEFAULT_RUNTIME,
    schemaSet: bundled.schemaSet,
    events,
    declared: new Map(
      Object.entries(options.discriminators ?? {}).map(([name, value]) => [
        name,
        { value, ...(options.discriminatorsFile !== undefined ? { file: options.discriminatorsFile, pointer: `/discriminators/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` } : {}) },
      ]),
    ),
  };
  plan.protection = planProtection(set, events, diags);
  if (options.events) plan.selected = selectEvents(events, options.events, diags);
  reportRawBodies(plan, diags);
  let files: PlannedFile[] = [];
  let orphans: string[] = [];
  if (!diags.hasErrors) {
    files = emitFiles(plan, diags);
    const outDir = options.outDir === undefined ? undefined : path.resolve(cwd, options.outDir);
    const existing = outDir === undefined ? { handlers: [] } : readExistingOutput(outDir);
    const user = reconcileHandlers(handledEvents(plan), existing, outDir ?? "", diags);
    files.push(...user.files);
    orphans = user.orphans;
  }
  // A refused document is shown whole: it must be fixed before anything is generated.
  if (!diags.hasErrors) markUnreached(diags.items, plan.selected ? selectedPlan(plan, plan.selected) : plan);
  return { ...finish(diags, set, cwd, plan, files), orphans };
}

/**
 * Warnings and notes inside a `components/schemas` entry that no generated event reaches
 * (OpenAI: 11 of 12 warnings) say nothing about the output: they are marked, and the CLI
 * shows them only with --verbose. Errors always count.
 */
function markUnreached(list: Diagnostic[], plan: GenerationPlan): void {
  const roots = new Set(plan.schemaSet.schemas.map((m) => `${m.origin.file}#${componentRoot(m.origin.pointer) ?? ""}`));
  for (const d of list) {
    if (d.severity === "error" || d.file === undefined || d.pointer === undefined) continue;
    const root = componentRoot(d.pointer);
    if (root !== undefined && !roots.has(`${d.file}#${root}`)) d.reachesOutput = false;
  }
}

/** `/components/schemas/<name>` of a pointer inside one, else undefined. */
function componentRoot(pointer: string): string | undefined {
  return /^\/components\/schemas\/[^/]+/.exec(pointer)?.[0];
}

function plannedEvent(b: BundledEvent, route: EventRoute): PlannedEvent {
  const e: PlannedEvent = { def: b.def, names: b.names, schemas: b.schemas, route };
  const ack = acknowledgeStatus(b.schemas);
  if (ack !== undefined) e.ack = ack;
  return e;
}

/** The events the output is generated for: the selection, or all. */
function handledEvents(plan: GenerationPlan): PlannedEvent[] {
  return plan.selected ? plan.events.filter((e) => plan.selected!.has(e.names.handler)) : plan.events;
}

/**
 * The events left out by a selection that the receiver must still recognize: those alone on
 * their route among the left-out (else their deliveries would be 404s, which providers retry),
 * and those one delivery could share with a selected event (else a selected handler could
 * receive it). The others — GitHub's 258 unselected webhooks beside 3 selected ones, each
 * ruled out by its event header and action — need nothing: no selected event's conditions
 * hold for their deliveries, which are answered as unknown events.
 */
function leftOutToRecognize(plan: GenerationPlan, selected: ReadonlySet<string>, routing: ReadonlyMap<string, EventRouting>): PlannedEvent[] {
  const chosen = plan.events.filter((e) => selected.has(e.names.handler));
  return plan.events.filter((e) => {
    if (selected.has(e.names.handler)) return false;
    const sharing = chosen.filter((c) => routeKey(c) === routeKey(e));
    if (sharing.length === 0) return true;
    const mine = routing.get(e.names.handler)?.conditions ?? [];
    return sharing.some((c) => !separatedBy(mine, routing.get(c.names.handler)?.conditions ?? [], true));
  });
}

/** The generated files of the output folder (user files come from `reconcileHandlers`). */
export function emitFiles(whole: GenerationPlan, diags: Diagnostics): PlannedFile[] {
  // Routing is decided among every event, selected or not: a delivery of an event left out
  // must not be taken for a selected one.
  const routing = discriminate(whole.events, whole.schemaSet, diags, { declared: whole.declared });
  const plan = whole.selected ? selectedPlan(whole, whole.selected) : whole;
  const unselected = whole.selected ? leftOutToRecognize(whole, whole.selected, routing) : [];
  const banner = tsBanner(plan.specFile);
  const types = emitSchemaTypes(plan.schemaSet, { policy: plan.policy });
  const zod = emitZodSchemas(plan.schemaSet, { policy: plan.policy, builders: runtimeModule(plan.runtime, "schema-builders") });
  for (const d of [...types.diagnostics, ...zod.diagnostics]) diags.add(d);
  // The test kit's fixtures, shown in the README too; routing conditions make each reach its own event.
  const fixtures = eventFixtures(plan.events, plan.schemaSet, new Map([...routing].map(([name, r]) => [name, r.conditions])));
  const files: PlannedFile[] = [
    {
      path: "types.ts",
      owner: "generated",
      content: banner + "\n" + partsImport(plan.events, plan.runtime) + types.text + "\n" + emitEventTypes(plan.events, plan.schemaSet),
    },
    { path: "schemas.ts", owner: "generated", content: banner + "\n" + zodImports(zod.typeImports, zod.moduleImports) + "\n" + zod.text },
    { path: "contract.ts", owner: "generated", content: banner + "\n" + emitContract(plan.events) },
    { path: "routes.ts", owner: "generated", content: banner + "\n" + emitRoutesModule(plan) },
    { path: "receiver.ts", owner: "generated", content: banner + "\n" + emitReceiverTable(plan, routing, unselected) },
    { path: "test-kit.ts", owner: "generated", content: banner + "\n" + emitTestKit(fixtures, whole.protection?.signature?.scheme, plan.runtime) },
    ...runtimeFiles(plan.adapters as AdapterName[], plan.specFile, plan.runtime),
    { path: "README.md", owner: "generated", content: emitReadme(plan, fixtures) },
  ];
  return files;
}

/**
 * Bodies the receiver hands over unparsed (XML as text, other types as bytes), and multipart
 * bodies whose parts it cannot map to their schema (or may refuse although the spec allows them).
 */
function reportRawBodies(plan: GenerationPlan, diags: Diagnostics): void {
  const lookup = new SchemaLookup(plan.schemaSet);
  for (const e of plan.events) {
    for (const mt of e.def.requestBody?.content ?? []) {
      if (bodyKind(mt.mediaType) === "parts") {
        reportParts(e, mt, lookup, diags);
        continue;
      }
      if (schemaApplies(mt.mediaType)) continue;
      diags.info(
        "media-type-unsupported",
        `${e.names.handler}: the body of type ${mt.mediaType} is handed to the handler as ${rawBodyType(mt.mediaType) === "string" ? "text" : "bytes"}, not validated against its schema`,
        { file: mt.origin.file, pointer: mt.origin.pointer, atKey: true },
        "parse it in the handler; JSON, form and multipart bodies are parsed and validated for you",
      );
    }
  }
}

/** A multipart/related (…) body: parts not validated, or parts the receiver may refuse. */
function reportParts(e: PlannedEvent, mt: MediaTypeDef, lookup: SchemaLookup, diags: Diagnostics): void {
  const type = e.schemas.body.find((c) => c.mediaType === mt.mediaType)?.type;
  const parts = requestPartsPlan(e, mt.mediaType, type, lookup);
  const where = { file: mt.origin.file, pointer: mt.origin.pointer, atKey: true };
  if (!parts.mapped && parts.reason !== undefined) {
    diags.info(
      "media-type-unsupported",
      `${e.names.handler}: the ${mt.mediaType} body is handed to the handler as its parts, not validated against its schema: ${parts.reason}`,
      where,
      "describe the parts as the properties of an object schema, each with its `contentType` in the Encoding Object",
    );
  }
  for (const note of parts.mapped ? parts.notes : []) {
    diags.info("media-type-unsupported", `${e.names.handler}: in the ${mt.mediaType} body, ${note}`, where, "a part that is not UTF-8 text is refused as malformed");
  }
}

function zodImports(types: readonly string[], modules: readonly string[]): string {
  const lines = [`import { z } from "zod";`, ...modules];
  if (types.length) lines.push(`import type {\n${types.map((t) => `  ${identifier(t)},`).join("\n")}\n} from "./types.js";`);
  return lines.join("\n") + "\n";
}

function finish(diags: Diagnostics, set: DocumentSet | undefined, cwd: string, plan?: GenerationPlan, files: PlannedFile[] = []): GenerateResult {
  const located = locateAll(diags.items, set);
  const ok = !located.some((d) => d.severity === "error");
  return {
    ok,
    ...(plan ? { plan } : {}),
    files: ok ? files : [],
    events: plan ? handledEvents(plan).map((e) => summary(e, set!, cwd)) : [],
    diagnostics: sortDiagnostics(located),
    orphans: [],
    inputs: set ? [...set.files.keys()].filter((f) => f !== "<stdin>").sort(compareStrings) : [],
  };
}

function locateAll(list: readonly Diagnostic[], set: DocumentSet | undefined): Diagnostic[] {
  return list.map((d) => {
    if (d.line !== undefined || !set || d.file === undefined || d.pointer === undefined) return d;
    const pos = set.locate(d.file, d.pointer, d.atKey);
    return pos ? { ...d, line: pos.line, column: pos.column } : d;
  });
}

function summary(e: PlannedEvent, set: DocumentSet, cwd: string): EventSummary {
  const s: EventSummary = {
    kind: e.def.kind,
    handler: e.names.handler,
    key: e.def.key,
    method: e.route.method,
    route: (e.route.origin ?? "") + e.route.path,
    source: sourceOf(e.def, set, cwd),
    declaredIn: e.def.source,
  };
  if (e.def.callbackName !== undefined) s.callbackName = e.def.callbackName;
  if (e.def.parent) s.parent = parentOf(e.def.parent);
  if (e.def.alsoDeclared?.length) {
    s.alsoDeclared = e.def.alsoDeclared.map((d) => ({ source: sourceOf(d, set, cwd), ...(d.parent ? { parent: parentOf(d.parent) } : {}) }));
  }
  return s;
}

function sourceOf(def: EventDef, set: DocumentSet, cwd: string): EventSummary["source"] {
  const pos = set.locate(def.origin.file, def.origin.pointer);
  const rel = def.origin.file === "<stdin>" ? "<stdin>" : path.relative(cwd, def.origin.file).split(path.sep).join("/");
  return { file: rel, pointer: "#" + def.origin.pointer, ...(pos ? { line: pos.line } : {}) };
}

function parentOf(p: NonNullable<EventDef["parent"]>): NonNullable<EventSummary["parent"]> {
  return { method: p.method.toUpperCase(), path: p.path, ...(p.operationId !== undefined ? { operationId: p.operationId } : {}) };
}
