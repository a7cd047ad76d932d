/**
 * Zod 4 schemas for a schema set: the declarations of `schemas.ts`.
 *
 *     class $ {
 *       static Pet: Pet = $object({
 *         name: $check($string, $minLength(1)),
 *         ...$optional({
 *           owner: $.User,
 *         }),
 *       });
 *     }
 *     export const PetSchema: z.ZodType<Pet> = $zod<Pet>($.Pet);
 *
 * Each member is a static field typed by its `types.ts` type. The builders (`$object`,
 * `$string` …, see `zod-runtime.ts`) return real Zod schemas but are declared to return the
 * *output* type of the schema they build, so the field's annotation makes `tsc --strict`
 * prove, by one plain assignability check per declaration, that what the schema accepts is
 * what `types.ts` says (the two files cannot drift). Zod's own generic types appear only in
 * the exported `z.ZodType<T>`. On GitHub's webhooks `schemas.ts` now adds ~1.3 s and ~70 MB
 * to `tsc --strict` on the whole output, against ~6.6 s and ~570 MB when tsc inferred Zod's
 * types for every node, for the same proof.
 * Subschemas repeated in the spec are declared once (`static shared12 = …`, `zod-share.ts`).
 *
 * Design decisions (details next to the code that implements them):
 * - Unknown properties: objects are `z.looseObject`, so parsed output keeps properties the
 *   spec does not list (no data is lost; the output type is still assignable to the
 *   interface). `additionalProperties: false` rejects them in the strict policy only.
 * - `oneOf`: `z.xor` (exactly one) in strict; an ordered first-match `z.union` in lenient
 *   and tolerant, whose relaxed `required` and open enums make branches overlap.
 * - Relaxed policies keep the stricter ones' rules, switched off (`$stricter`, exported
 *   `$strictness`): the receiver's run-time `policy` option can only tighten what the types
 *   were generated for, and a relaxed file run as strict decides as a strict file does.
 * - `discriminator`: an annotation. Where the `oneOf`/`anyOf` branches provably carry
 *   distinct required literal values of the property, the union is written as
 *   `z.discriminatedUnion` (same verdicts, better errors); its options are the members' own
 *   object schemas (Zod needs them to find the discriminator values).
 * - Recursion: declarations in dependency order; only references that close a cycle are
 *   `z.lazy(() => X)` (`$lazy`), typed through X's annotation (never `any`). Note that Zod's
 *   recursive parse throws `RangeError` near 1,000 levels (THREATS.md finding 6): the
 *   receiver must cap JSON nesting before validating.
 * - Integers: `z.number().check($isInteger)` (Number.isInteger), never `.int()`, which
 *   rejects integers beyond 2^53 such as 820982911946154508.
 * - Formats: annotations by default, as in JSON Schema 2020-12; `formats: "assert"` checks
 *   the known ones (`zod-formats.ts` says why and which). Unknown names: one warning each.
 * - `default` is documentation only: `.default()` would fill values JSON Schema does not
 *   fill and make the output type disagree with optional properties in `types.ts`.
 * - Loose objects are typed without Zod's `[k: string]: unknown` index signature: an
 *   intersection would not make tsc check it (an intersection is assignable when any part
 *   is), and a flattened type needs a mapped type per object. Every declared property is
 *   still proven; an index signature in `types.ts` is checked against declared properties.
 */
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/catalogue.js";
import type { SchemaSet, ValidationPolicy } from "../model/schema-set.js";
import { joinPointer } from "../util/json-pointer.js";
import { canonicalizeSet, type CanonicalMember, type SourceRef } from "../schema/canonical.js";
import { buildRefGraph } from "../schema/ref-graph.js";
import { identifier } from "./encoders.js";
import { atom, print, type Code } from "./zod-code.js";
import { shareRepeated } from "./zod-share.js";
import { findDiscriminatedUnions } from "./zod-discriminator.js";
import { ZodWriter } from "./zod-expr.js";
import { ASSERTED_FORMATS, type FormatCheck } from "./zod-formats.js";
import { importedRuntime, renderRuntime, runtimeImports, runtimeNames } from "./zod-runtime.js";

export interface ZodEmitOptions {
  policy: ValidationPolicy;
  /** `format` is an annotation (default, as in JSON Schema 2020-12) or asserted (see `zod-formats.ts`). */
  formats?: "assert" | "annotate";
  /**
   * The module to import the helpers from (`gen-callbacks/runtime/schema-builders`, or a
   * vendored copy); without it they are declared in the file itself, which then needs only
   * `zod` (and `re2js` for patterns).
   */
  builders?: string;
}

export interface ZodEmitResult {
  /** The runtime helpers, the class `$` of schemas and one export per member (no imports). */
  text: string;
  diagnostics: Diagnostic[];
  /** Type names the declarations use; import them with `import type { … } from "./types.js"`. */
  typeImports: string[];
  /** Import declarations the helpers need besides `zod`: the helper module, or `re2js` for patterns. */
  moduleImports: string[];
  /** The exported schema constants, in declaration order. */
  exports: string[];
}

export function emitZodSchemas(set: SchemaSet, opts: ZodEmitOptions): ZodEmitResult {
  const canonical = canonicalizeSet(set);
  const reserved = new Set([...runtimeNames(), SCHEMAS]);
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
  const fields = fieldNames(set);
  const refOf = (field: string) => `${SCHEMAS}.${field}`;
  const handles = new Map([...fields].map(([key, field]) => [key, refOf(field)]));
  // `$strictness` is the receiver's handle on the gated rules (zod-runtime.ts): exported by
  // every file generated for a relaxed policy, so `receiver.ts` can always reference it.
  const helpers = new Set<string>([...(graph.order.length ? ["$zod"] : []), ...(opts.policy === "strict" ? [] : ["$strictness"])]);
  const formats = new Map<string, FormatCheck>();
  const trees: Code[] = [];
  for (const key of graph.order) {
    const member = canonical.byKey.get(key)!;
    const writer = new ZodWriter({
      policy: opts.policy,
      formats: opts.formats ?? "annotate",
      members: canonical.byKey,
      current: key,
      handles,
      isLazy: (from, to) => graph.isBackEdge(from, to),
      discriminated: discriminated.sites,
      useHelper: (name) => helpers.add(name),
      useFormat: (name) => formats.set(name, ASSERTED_FORMATS[name]!),
      report: (code, severity, message, at) => diagnostics.add(code, severity, message, at ?? { key, path: [] }),
    });
    trees.push(writer.schema(member.schema));
  }

  const taken = new Set(fields.values());
  const sharing = shareRepeated(
    trees,
    (callee) => SHARED_BUILDERS.has(callee) || callee.startsWith("$literal<"),
    MIN_SHARED_SIZE,
    (i) => {
      let n = `shared${i + 1}`;
      while (taken.has(n)) n += "_";
      taken.add(n);
      return n;
    },
    (name) => atom(refOf(name)),
  );
  // Members are typed by their `types.ts` type (the proof, and what references see);
  // shared subtrees by inference (each use is proven where it is used).
  const fieldsText: string[] = [];
  let next = 0;
  graph.order.forEach((key, i) => {
    for (; next < sharing.shared.length && sharing.shared[next]!.before === i; next++) {
      const s = sharing.shared[next]!;
      fieldsText.push(`  static ${s.name} = ${print(s.code, "  ")};`);
    }
    const { typeName } = canonical.byKey.get(key)!.named;
    fieldsText.push(`  static ${fields.get(key)!}: ${typeName} = ${print(sharing.roots[i]!, "  ")};`);
  });
  // `$zod<T>` with its type argument written out: inferring it costs tsc more.
  const exportsText = graph.order.map((key) => {
    const { schemaName, typeName } = canonical.byKey.get(key)!.named;
    return `export const ${schemaName}: z.ZodType<${typeName}> = $zod<${typeName}>(${refOf(fields.get(key)!)});`;
  });
  // Format predicates are looked up in the `$formats` table, which the helper module has whole.
  const imported = opts.builders === undefined ? undefined : importedRuntime(helpers, opts.builders);
  const runtime = imported ? imported.text : renderRuntime(helpers, formats);
  const schemas = fieldsText.length ? `${CLASS_COMMENT}\nclass ${SCHEMAS} {\n${fieldsText.join("\n\n")}\n}\n\n${exportsText.join("\n")}` : "";
  return {
    text: (runtime ? runtime + "\n\n" : "") + schemas + "\n",
    diagnostics: diagnostics.list(),
    typeImports: [...set.schemas.map((m) => m.typeName)].sort(),
    moduleImports: imported ? imported.imports : runtimeImports(helpers),
    exports: graph.order.map((k) => canonical.byKey.get(k)!.named.schemaName),
  };
}

/** The class whose static fields hold the schemas (see `CLASS_COMMENT`). */
const SCHEMAS = "$";

const CLASS_COMMENT = `/**
 * The schemas in dependency order, each typed by the output it validates: its \`types.ts\`
 * type, which makes tsc prove that the two agree (\`sharedN\`: a subschema the spec repeats,
 * proven wherever it is used). At run time every field is the Zod schema itself.
 *
 * They are static fields of one class because tsc checks a reference to a top-level
 * \`const\` by walking back over every declaration in between (quadratic in the size of
 * this file), but a reference inside a field initializer only back to its start.
 */`;

/**
 * Subtrees repeated at least this large (in nodes: `$object({ a: $string })` has 3, an
 * object of three primitive properties 5) are declared once (see `zod-share.ts`). Smaller
 * ones read better inline and cost tsc little: on GitHub's webhooks, sharing every repeated
 * subtree checks ~4% faster than this; sharing none, ~2× slower and ~90 MB larger.
 */
const MIN_SHARED_SIZE = 5;

/** The builders whose calls may be shared (and `$literal<…>`): schemas and shape parts, not rules. */
const SHARED_BUILDERS: ReadonlySet<string> = new Set([
  "$object",
  "$optional",
  "$catchall",
  "$record",
  "$array",
  "$tuple",
  "$tupleRest",
  "$union",
  "$xor",
  "$discriminated",
  "$nullable",
  "$and",
  "$check",
  "$raw",
]);

/** Static field names that a class cannot declare, or whose use would be an error. */
const FUNCTION_OWN = ["name", "length", "caller", "arguments", "prototype", "constructor"];

/** The field of each member (its type name, unless a class cannot have a field of that name). */
function fieldNames(set: SchemaSet): Map<string, string> {
  const taken = new Set(FUNCTION_OWN);
  const out = new Map<string, string>();
  for (const m of set.schemas) {
    let name = m.typeName;
    while (taken.has(name)) name += "_";
    taken.add(name);
    out.set(m.key, name);
  }
  return out;
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
