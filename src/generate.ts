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
import { emitReadme } from "./emit/readme.js";
import { emitReceiverTable } from "./emit/receiver-table.js";
import { DEFAULT_ADAPTERS, runtimeFiles, type AdapterName } from "./emit/runtime-files.js";
import { emitRoutesModule } from "./emit/routes-module.js";
import { emitSchemaTypes } from "./emit/schema-types.js";
import { emitZodSchemas } from "./emit/zod.js";
import { extractEvents } from "./extract/extract-events.js";
import { mergeSameDeliveries } from "./extract/same-delivery.js";
import { loadDocumentSet } from "./load/load.js";
import { checkRefs, reportUnresolved } from "./load/ref-scan.js";
import { readExistingOutput } from "./regenerate/existing-output.js";
import { reconcileHandlers } from "./regenerate/reconcile-handlers.js";
import { validateStructure } from "./load/structure.js";
import type { DocumentSet } from "./load/types.js";
import type { EventDef } from "./model/events.js";
import type { EventRoute, GenerationPlan, PlannedEvent } from "./model/plan.js";
import type { ValidationPolicy } from "./model/schema-set.js";
import { rawBodyType, schemaApplies } from "./model/media-types.js";
import { acknowledgeStatus } from "./routes/acknowledge.js";
import { discriminate } from "./routes/discriminate.js";
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
  /** Framework adapters to copy into `adapters/` (default: node). */
  adapters?: readonly AdapterName[];
  /**
   * Routing conditions the user declares, by event (webhook key, callback name or handler
   * name), in the format of `x-gen-callbacks-discriminator`; they take precedence over it.
   */
  discriminators?: Readonly<Record<string, unknown>>;
  /** The configuration file `discriminators` come from, for diagnostics. */
  discriminatorsFile?: string;
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

  validateStructure(set, diags);
  reportUnresolved(checkRefs(set, diags).unresolved, diags);

  const defs = extractEvents(set, diags);
  // Said only when nothing else is wrong: a refused document needs fixing first anyway.
  if (defs.length === 0 && !diags.hasErrors) {
    diags.warning(
      "no-events",
      "the document describes no callbacks, webhooks or x-webhooks; the output has no handlers",
      { file: set.entry.path, pointer: "" },
      "callbacks are declared under an operation's `callbacks`, webhooks under the top-level `webhooks` (OpenAPI 3.1) or `x-webhooks`",
    );
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
    schemaSet: bundled.schemaSet,
    events,
    declared: new Map(
      Object.entries(options.discriminators ?? {}).map(([name, value]) => [
        name,
        { value, ...(options.discriminatorsFile !== undefined ? { file: options.discriminatorsFile, pointer: `/discriminators/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` } : {}) },
      ]),
    ),
  };
  reportRawBodies(plan, diags);
  let files: PlannedFile[] = [];
  let orphans: string[] = [];
  if (!diags.hasErrors) {
    files = emitFiles(plan, diags);
    const outDir = options.outDir === undefined ? undefined : path.resolve(cwd, options.outDir);
    const existing = outDir === undefined ? { handlers: [] } : readExistingOutput(outDir);
    const user = reconcileHandlers(plan.events, existing, outDir ?? "", diags);
    files.push(...user.files);
    orphans = user.orphans;
  }
  return { ...finish(diags, set, cwd, plan, files), orphans };
}

function plannedEvent(b: BundledEvent, route: EventRoute): PlannedEvent {
  const e: PlannedEvent = { def: b.def, names: b.names, schemas: b.schemas, route };
  const ack = acknowledgeStatus(b.schemas);
  if (ack !== undefined) e.ack = ack;
  return e;
}

/** The generated files of the output folder (user files come from `reconcileHandlers`). */
export function emitFiles(plan: GenerationPlan, diags: Diagnostics): PlannedFile[] {
  const banner = tsBanner(plan.specFile);
  const routing = discriminate(plan.events, plan.schemaSet, diags, { declared: plan.declared });
  const types = emitSchemaTypes(plan.schemaSet, { policy: plan.policy });
  const zod = emitZodSchemas(plan.schemaSet, { policy: plan.policy });
  for (const d of [...types.diagnostics, ...zod.diagnostics]) diags.add(d);
  const files: PlannedFile[] = [
    { path: "types.ts", owner: "generated", content: banner + "\n" + types.text + "\n" + emitEventTypes(plan.events) },
    { path: "schemas.ts", owner: "generated", content: banner + "\n" + zodImports(zod.typeImports, zod.moduleImports) + "\n" + zod.text },
    { path: "contract.ts", owner: "generated", content: banner + "\n" + emitContract(plan.events) },
    { path: "routes.ts", owner: "generated", content: banner + "\n" + emitRoutesModule(plan) },
    { path: "receiver.ts", owner: "generated", content: banner + "\n" + emitReceiverTable(plan, routing) },
    ...runtimeFiles(plan.adapters as AdapterName[], plan.specFile),
    { path: "README.md", owner: "generated", content: emitReadme(plan) },
  ];
  return files;
}

/** Bodies the receiver hands over unparsed (XML as text, other types as bytes). */
function reportRawBodies(plan: GenerationPlan, diags: Diagnostics): void {
  for (const e of plan.events) {
    for (const mt of e.def.requestBody?.content ?? []) {
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
    events: plan ? plan.events.map((e) => summary(e, set!, cwd)) : [],
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
