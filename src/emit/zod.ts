/**
 * Zod 4 schemas for a schema set: the declarations of `schemas.ts`.
 *
 * Each member becomes `export const <schemaName>: z.ZodType<<typeName>> = $typed<<typeName>>()(…);`.
 * `$typed` makes `tsc --strict` prove that the schema's output type is assignable to the
 * interface in `types.ts` (so the two files cannot drift); the annotation keeps inference
 * local to each declaration. Proving output agreement instead of assigning the Zod object
 * to `z.ZodType<T>` directly cuts type-checking time ~3× (GitHub: 13 s → 4.6 s).
 *
 * Design decisions (details next to the code that implements them):
 * - Unknown properties: objects are `z.looseObject`, so parsed output keeps properties the
 *   spec does not list (no data is lost; the output type is still assignable to the
 *   interface). `additionalProperties: false` rejects them in the strict policy only.
 * - `oneOf`: `z.xor` (exactly one) in strict; an ordered first-match `z.union` in lenient
 *   and tolerant, whose relaxed `required` and open enums make branches overlap.
 * - `discriminator`: an annotation. Where the `oneOf`/`anyOf` branches provably carry
 *   distinct required literal values of the property, the union is written as
 *   `z.discriminatedUnion` (same verdicts, better errors); its options are then declared
 *   with `$typedObject<T>()`, which proves the same agreement but keeps their concrete
 *   object type (Zod needs it to find the discriminator values).
 * - Recursion: declarations in dependency order; only references that close a cycle are
 *   `z.lazy(() => X)`, typed through X's annotation (never `any`). Note that Zod's
 *   recursive parse throws `RangeError` near 1,000 levels (THREATS.md finding 6): the
 *   receiver must cap JSON nesting before validating.
 * - Integers: `z.number().check($integer)` (Number.isInteger), never `.int()`, which
 *   rejects integers beyond 2^53 such as 820982911946154508.
 * - Formats: annotations by default, as in JSON Schema 2020-12; `formats: "assert"` checks
 *   the known ones (`zod-formats.ts` says why and which). Unknown names: one warning each.
 * - `default` is documentation only: `.default()` would fill values JSON Schema does not
 *   fill and make the output type disagree with optional properties in `types.ts`.
 */
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/catalogue.js";
import type { SchemaSet, ValidationPolicy } from "../model/schema-set.js";
import { joinPointer } from "../util/json-pointer.js";
import { canonicalizeSet, type CanonicalMember, type SourceRef } from "../schema/canonical.js";
import { buildRefGraph } from "../schema/ref-graph.js";
import { identifier } from "./encoders.js";
import { atom, call, print } from "./zod-code.js";
import { findDiscriminatedUnions } from "./zod-discriminator.js";
import { ZodWriter } from "./zod-expr.js";
import { ASSERTED_FORMATS, type FormatCheck } from "./zod-formats.js";
import { renderRuntime, runtimeNames } from "./zod-runtime.js";

export interface ZodEmitOptions {
  policy: ValidationPolicy;
  /** `format` is an annotation (default, as in JSON Schema 2020-12) or asserted (see `zod-formats.ts`). */
  formats?: "assert" | "annotate";
}

export interface ZodEmitResult {
  /** The runtime helpers followed by one declaration per member (no imports). */
  text: string;
  diagnostics: Diagnostic[];
  /** Type names the declarations use; import them with `import type { … } from "./types.js"`. */
  typeImports: string[];
  /** The exported schema constants, in declaration order. */
  exports: string[];
}

export function emitZodSchemas(set: SchemaSet, opts: ZodEmitOptions): ZodEmitResult {
  const canonical = canonicalizeSet(set);
  const reserved = new Set(runtimeNames());
  for (const m of set.schemas) {
    identifier(m.schemaName);
    identifier(m.typeName);
    if (reserved.has(m.schemaName) || reserved.has(m.typeName)) {
      throw new Error(`internal error: schema name ${m.schemaName} collides with a runtime helper`);
    }
  }
  const graph = buildRefGraph(canonical.members.map((m) => ({ key: m.named.key, schema: m.schema })));
  const diagnostics = new DiagnosticCollector(canonical.byKey);
  for (const p of canonical.problems) diagnostics.add(p.code, p.severity, p.message, p);

  const discriminated = findDiscriminatedUnions(canonical.members, canonical.byKey, graph, opts.policy);
  const helpers = new Set<string>();
  const formats = new Map<string, FormatCheck>();
  const declarations: string[] = [];
  for (const key of graph.order) {
    const member = canonical.byKey.get(key)!;
    const writer = new ZodWriter({
      policy: opts.policy,
      formats: opts.formats ?? "annotate",
      members: canonical.byKey,
      current: key,
      isLazy: (from, to) => graph.isBackEdge(from, to),
      discriminated: discriminated.sites,
      useHelper: (name) => helpers.add(name),
      useFormat: (name) => formats.set(name, ASSERTED_FORMATS[name]!),
      report: (code, severity, message, at) => diagnostics.add(code, severity, message, at ?? { key, path: [] }),
    });
    const { schemaName, typeName } = member.named;
    const option = discriminated.options.has(key);
    helpers.add(option ? "$typedObject" : "$typed");
    const proof = call(atom(`${option ? "$typedObject" : "$typed"}<${typeName}>`));
    const expr = print(call(proof, writer.schema(member.schema)));
    declarations.push(option ? `export const ${schemaName} = ${expr};` : `export const ${schemaName}: z.ZodType<${typeName}> = ${expr};`);
  }
  const runtime = renderRuntime(helpers, formats);
  return {
    text: (runtime ? runtime + "\n\n" : "") + declarations.join("\n\n") + "\n",
    diagnostics: diagnostics.list(),
    typeImports: [...set.schemas.map((m) => m.typeName)].sort(),
    exports: graph.order.map((k) => canonical.byKey.get(k)!.named.schemaName),
  };
}

/** Diagnostics located in the user's document, reported once per place and message. */
class DiagnosticCollector {
  private readonly seen = new Set<string>();
  private readonly items: Diagnostic[] = [];
  private readonly formatsSeen = new Set<string>();

  constructor(private readonly members: ReadonlyMap<string, CanonicalMember>) {}

  add(code: DiagnosticCode, severity: Severity, message: string, at: SourceRef): void {
    // An unknown format is worth one warning per name, not one per use.
    if (code === "schema-unknown-format") {
      if (this.formatsSeen.has(message)) return;
      this.formatsSeen.add(message);
    }
    const origin = this.members.get(at.key)?.named.origin;
    const pointer = origin ? joinPointer(origin.pointer, ...at.path) : undefined;
    const id = JSON.stringify([code, origin?.file, pointer, message]);
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.items.push({ code, severity, message, ...(origin ? { file: origin.file } : {}), ...(pointer !== undefined ? { pointer } : {}) });
  }

  list(): Diagnostic[] {
    return this.items;
  }
}
