/**
 * TypeScript declarations for a schema set (the schema part of `types.ts`), built by
 * openapi-typescript's `transformSchemaObject` — not by its `openapiTS()` loader, which
 * runs Redocly, resolves `$ref`s against the file system and the network (THREATS.md
 * finding 4) and is several times slower.
 *
 * openapi-typescript sees a *prepared copy* of the canonical schemas (`schema/canonical.ts`)
 * and never any spec text it could misuse:
 * - `$ref`s point at synthetic keys (`S0`, `S1`, …) and property names are placeholders;
 *   both are mapped back on the returned AST (references become our `typeName`s, property
 *   names go through `propertyKey`). Its ref parser percent-decodes and can throw on
 *   hostile keys, so it must not see them.
 * - annotations are sanitized copies (`commentLines`: no `*\/`, no line or paragraph
 *   separators, visible escapes for bidi/zero-width characters).
 * - `enum`/`const` and `prefixItems` types are built here (through a `transform` hook):
 *   literal types are written by our `stringLiteral`/`jsonLiteral` encoders, lenient enums
 *   get `(string & {})`, and `prefixItems` becomes `[A?, B?, ...Rest[]]` (openapi-typescript
 *   would demand every prefix item and forbid the rest).
 * - `discriminator` is removed: openapi-typescript would inject literal properties and
 *   `Omit<…>`s that no validator checks. We treat it as an annotation in both emitters
 *   (the Zod side only uses it to pick `z.discriminatedUnion` where that is equivalent).
 * - `enum: true` is never used (finding 2: its `//` comments are injectable).
 */
import { createRequire } from "node:module";
import type TS from "typescript";
import type * as OpenApiTypescript from "openapi-typescript";
import type { GlobalContext, SchemaObject } from "openapi-typescript";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { JsonSchema, JsonSchemaObject, SchemaSet, ValidationPolicy } from "../model/schema-set.js";
import { refKey } from "../model/schema-set.js";
import { joinPointer } from "../util/json-pointer.js";
import { canonicalizeSet, sourceOf, type CanonicalMember } from "../schema/canonical.js";
import { isSchemaObject, own, setOwn } from "../schema/keywords.js";
import { mayBeFile } from "../schema/files.js";
import { valuePlan } from "../schema/values.js";
import { commentLines, docComment, identifier, jsonLiteral, propertyKey } from "./encoders.js";

/*
 * Loaded with require(), not import: importing the 9 MB CommonJS `typescript` through ESM
 * makes Node scan it for named exports (cjs-module-lexer), 0.5–0.8 s of a ~2.5 s run on
 * github-webhooks-3.1 (measured). openapi-typescript's CommonJS build requires it too.
 */
const require = createRequire(import.meta.url);
const ts = require("typescript") as typeof TS;
const transformSchemaObject = loadTransformSchemaObject();

/**
 * openapi-typescript's `transformSchemaObject`, from the one module that defines it when that
 * module is where 7.x keeps it: its package entry also loads all of Redocly (bundler, linter,
 * config), ~170 ms of a ~3.4 s run on github-webhooks-3.1 for code we never call. Another
 * layout (a future release) falls back to the entry; a test pins that both are the same function.
 */
export function loadTransformSchemaObject(): typeof OpenApiTypescript.transformSchemaObject {
  try {
    const own = require("openapi-typescript/dist/transform/schema-object.cjs") as { default?: unknown };
    if (typeof own.default === "function") return own.default as typeof OpenApiTypescript.transformSchemaObject;
  } catch {
    // not there in this release: the entry point has it
  }
  return (require("openapi-typescript") as typeof OpenApiTypescript).transformSchemaObject;
}

export interface SchemaTypesOptions {
  policy: ValidationPolicy;
}

export interface SchemaTypesResult {
  /** One `export interface`/`export type` per member, in set order (no imports, no banner). */
  text: string;
  diagnostics: Diagnostic[];
  /** The declared type names, in output order. */
  exports: string[];
}

/** Marks a prepared node whose type we build ourselves (a symbol: JSON input cannot forge it). */
const OVERRIDE = Symbol("gen-callbacks type override");
const SYNTHETIC_PREFIX = "#/components/schemas/";

export function emitSchemaTypes(set: SchemaSet, opts: SchemaTypesOptions): SchemaTypesResult {
  const canonical = canonicalizeSet(set);
  const prep = new Preparer(canonical.members, opts.policy);
  const ctx = context((schemaObject, options) => {
    const override = (schemaObject as Record<symbol, TS.TypeNode | undefined>)[OVERRIDE];
    if (override) return override;
    const node = schemaObject as unknown as JsonSchemaObject;
    if (node.type === "array" && Array.isArray(node.prefixItems)) return tupleType(node, options);
    return undefined;
  });

  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
  const file = ts.createSourceFile("types.ts", "", ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const chunks: string[] = [];
  const exports: string[] = [];
  canonical.members.forEach((member, i) => {
    const prepared = prep.prepare(member.schema) as SchemaObject;
    const path = SYNTHETIC_PREFIX + syntheticKey(i);
    const raw = transformSchemaObject(prepared, { path, ctx, schema: prepared });
    const type = restore(raw, prep);
    const name = identifier(member.named.typeName);
    const exportMod = [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)];
    const decl = ts.isTypeLiteralNode(type)
      ? ts.factory.createInterfaceDeclaration(exportMod, name, undefined, undefined, type.members)
      : ts.factory.createTypeAliasDeclaration(exportMod, name, undefined, type);
    chunks.push(topDoc(member.schema) + printer.printNode(ts.EmitHint.Unspecified, decl, file));
    exports.push(name);
  });

  return { text: chunks.join("\n\n") + "\n", diagnostics: prep.diagnostics(), exports };
}

function syntheticKey(i: number): string {
  return "S" + i;
}

/** The member's own title/description/deprecation as the declaration's JSDoc. */
function topDoc(schema: JsonSchema): string {
  if (!isSchemaObject(schema)) return "";
  const text = (k: string) => (typeof own(schema, k) === "string" ? (own(schema, k) as string) : undefined);
  return docComment([text("title"), text("description")], "", own(schema, "deprecated") === true ? ["@deprecated"] : []);
}

function context(transform: NonNullable<GlobalContext["transform"]>): GlobalContext {
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: false,
    discriminators: { objects: {}, refsHandled: [] },
    emptyObjectsUnknown: true,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    // Only `openapiTS()` reads the Redocly config; the transforms never do.
    redoc: undefined as unknown as GlobalContext["redoc"],
    silent: true,
    transform,
    transformProperty: undefined,
    // No lookups: `allOf` + parent `required` is made explicit by canonicalization instead
    // of openapi-typescript's `WithRequired<…>` helper, which Zod could not mirror.
    resolve: () => undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
  };
}

/** `[A, B?, ...R[]]`: items up to `minItems` are required, later ones optional. */
function tupleType(node: JsonSchemaObject, options: Parameters<typeof transformSchemaObject>[1]): TS.TypeNode {
  const prefix = node.prefixItems as SchemaObject[];
  const min = typeof node.minItems === "number" ? node.minItems : 0;
  const elements: TS.TypeNode[] = prefix.map((p, i) => {
    const t = transformSchemaObject(p, options);
    return i < min ? t : ts.factory.createOptionalTypeNode(t);
  });
  const items = node.items as SchemaObject | boolean | undefined;
  if (items !== false) {
    const rest = items === undefined || items === true ? ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword) : transformSchemaObject(items, options);
    elements.push(ts.factory.createRestTypeNode(ts.factory.createArrayTypeNode(rest)));
  }
  return ts.factory.createTupleTypeNode(elements);
}

/**
 * Builds the copies openapi-typescript reads (see the module comment), remembering how to
 * map synthetic references and property placeholders back.
 */
class Preparer {
  private readonly synthetic = new Map<string, string>();
  readonly typeNames = new Map<string, string>();
  readonly propertyNames = new Map<string, string>();
  private readonly placeholders = new Map<string, string>();
  private readonly diags: Diagnostic[] = [];
  private readonly members = new Map<string, CanonicalMember>();

  constructor(
    members: readonly CanonicalMember[],
    private readonly policy: ValidationPolicy,
  ) {
    members.forEach((m, i) => {
      this.synthetic.set(m.named.key, syntheticKey(i));
      this.typeNames.set(syntheticKey(i), m.named.typeName);
      this.members.set(m.named.key, m);
    });
  }

  diagnostics(): Diagnostic[] {
    return this.diags;
  }

  prepare(node: JsonSchema): unknown {
    if (typeof node === "boolean") return node;
    const out: Record<string | symbol, unknown> = {};
    this.annotations(node, out);
    const ref = own(node, "$ref");
    if (typeof ref === "string") {
      const key = refKey(ref);
      const synthetic = key === undefined ? undefined : this.synthetic.get(key);
      if (synthetic === undefined) return true; // dangling: reported by the Zod emitter
      out.$ref = SYNTHETIC_PREFIX + synthetic;
      return out;
    }
    if (Array.isArray(own(node, "enum"))) {
      out.type = "string"; // any type makes openapi-typescript call the transform hook
      out[OVERRIDE] = literalUnion(node, this.policy);
      return out;
    }
    if (mayBeFile(node)) {
      out.type = "string";
      out[OVERRIDE] = fileType(own(node, "type") !== "string");
      return out;
    }
    const type = own(node, "type");
    if (type !== undefined) out.type = type;
    this.objectKeywords(node, out);
    const items = own(node, "items");
    if (items !== undefined) out.items = this.prepare(items as JsonSchema);
    const prefix = own(node, "prefixItems");
    if (Array.isArray(prefix)) {
      out.prefixItems = prefix.map((p) => this.prepare(p as JsonSchema));
      if (typeof own(node, "minItems") === "number") out.minItems = own(node, "minItems");
    }
    for (const kw of ["allOf", "anyOf", "oneOf"]) {
      const list = own(node, kw);
      if (Array.isArray(list)) out[kw] = list.map((s) => this.member(s as JsonSchema));
    }
    return out;
  }

  /** openapi-typescript reads applicator members as objects (`"$ref" in item`): no booleans. */
  private member(node: JsonSchema): unknown {
    if (node === true) return {};
    if (node === false) return { type: "string", [OVERRIDE]: ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword) };
    return this.prepare(node);
  }

  private objectKeywords(node: JsonSchemaObject, out: Record<string, unknown>): void {
    const props = own(node, "properties");
    if (isSchemaObject(props)) {
      const map: Record<string, unknown> = {};
      for (const name of Object.keys(props)) {
        if (name === "__proto__") {
          this.protoDropped(node);
          continue;
        }
        setOwn(map, this.placeholder(name), this.prepare(props[name] as JsonSchema));
      }
      out.properties = map;
      const required = own(node, "required");
      if (Array.isArray(required) && this.policy !== "tolerant") {
        out.required = required.filter((r) => typeof r === "string" && r !== "__proto__" && Object.prototype.hasOwnProperty.call(props, r)).map((r) => this.placeholder(r as string));
      }
    }
    const additional = own(node, "additionalProperties");
    const patterns = own(node, "patternProperties");
    const patternList = isSchemaObject(patterns) ? Object.keys(patterns).map((k) => patterns[k] as JsonSchema) : [];
    if (patternList.length) {
      // Properties matching no pattern are unconstrained unless `additionalProperties`
      // says otherwise (and the relaxed policies accept them even then): the index
      // signature must admit `unknown` in those cases.
      const open = additional === undefined || additional === true || isEmpty(additional) || (additional === false && this.policy !== "strict");
      out.additionalProperties = open ? true : additional === false ? false : this.prepare(additional as JsonSchema);
      const map: Record<string, unknown> = {};
      patternList.forEach((p, i) => setOwn(map, String(i), this.prepare(p)));
      out.patternProperties = map;
    } else if (additional !== undefined) {
      out.additionalProperties = typeof additional === "boolean" ? additional : this.prepare(additional as JsonSchema);
    }
  }

  /** Sanitized annotations for openapi-typescript's JSDoc (`addJSDocComment`). */
  private annotations(node: JsonSchemaObject, out: Record<string, unknown>): void {
    for (const k of ["title", "description", "format"]) {
      const v = own(node, k);
      if (typeof v === "string") out[k] = clean(v);
    }
    if (own(node, "deprecated") === true) out.deprecated = true;
    for (const k of ["default", "example"]) {
      const v = own(node, k);
      if (v !== undefined) out[k] = clean(typeof v === "string" ? v : JSON.stringify(v, null, 2));
    }
    const examples = own(node, "examples");
    if (Array.isArray(examples)) out.examples = examples.map((v) => clean(typeof v === "string" ? v : JSON.stringify(v, null, 2)));
  }

  private placeholder(name: string): string {
    let p = this.placeholders.get(name);
    if (p === undefined) {
      p = "$p" + this.placeholders.size;
      this.placeholders.set(name, p);
      this.propertyNames.set(p, name);
    }
    return p;
  }

  private protoDropped(node: JsonSchemaObject): void {
    const at = sourceOf(node);
    const origin = at ? this.members.get(at.key)?.named.origin : undefined;
    this.diags.push({
      code: "schema-unsupported",
      severity: "warning",
      message: "property `__proto__` is validated but left out of the type: Zod never copies it into parsed output",
      ...(origin ? { file: origin.file, pointer: joinPointer(origin.pointer, ...(at?.path ?? []), "properties", "__proto__") } : {}),
    });
  }
}

function isEmpty(v: unknown): boolean {
  return isSchemaObject(v) && Object.keys(v).length === 0;
}

/** Annotation text that cannot end or escape a JSDoc block (THREATS.md A1, A2, A20). */
function clean(text: string): string {
  return commentLines(text).join("\n");
}

// ── literal types (enum / const) ─────────────────────────────────────────────────

/** `string | Blob` (`| null`): see `schema/files.ts`. */
function fileType(nullable: boolean): TS.TypeNode {
  const members: TS.TypeNode[] = [ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), ts.factory.createTypeReferenceNode("Blob")];
  if (nullable) members.push(ts.factory.createLiteralTypeNode(ts.factory.createNull()));
  return ts.factory.createUnionTypeNode(members);
}

function literalUnion(node: JsonSchemaObject, policy: ValidationPolicy): TS.TypeNode {
  const plan = valuePlan(node, policy);
  const members = plan.all.map(literalType);
  const open = (kind: TS.SyntaxKind.StringKeyword | TS.SyntaxKind.NumberKeyword) =>
    ts.factory.createParenthesizedType(
      ts.factory.createIntersectionTypeNode([ts.factory.createKeywordTypeNode(kind), ts.factory.createTypeLiteralNode([])]),
    );
  if (plan.openString) members.push(open(ts.SyntaxKind.StringKeyword));
  if (plan.openNumber) members.push(open(ts.SyntaxKind.NumberKeyword));
  if (members.length === 0) return ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword);
  return members.length === 1 ? members[0]! : ts.factory.createUnionTypeNode(members);
}

/**
 * The literal type of a JSON value. Primitive literals are written by our encoders (kept
 * in an identifier node so the printer emits them verbatim): `"é"` stays readable, while
 * bidi and invisible characters, separators and lone surrogates are `\u`-escaped.
 */
function literalType(v: unknown): TS.TypeNode {
  if (Array.isArray(v)) return ts.factory.createTupleTypeNode(v.map(literalType));
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).filter((k) => k !== "__proto__");
    if (keys.length === 0) {
      return ts.factory.createTypeReferenceNode("Record", [
        ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
        ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
      ]);
    }
    return ts.factory.createTypeLiteralNode(
      keys.map((k) => ts.factory.createPropertySignature(undefined, ts.factory.createIdentifier(propertyKey(k)), undefined, literalType((v as Record<string, unknown>)[k]))),
    );
  }
  return ts.factory.createTypeReferenceNode(ts.factory.createIdentifier(jsonLiteral(v)));
}

// ── mapping openapi-typescript's output back ─────────────────────────────────────

/**
 * Replaces `components["schemas"]["S3"]` with the member's type name and property
 * placeholders with the real names (encoded by `propertyKey`). Any string literal written
 * as a raw identifier (openapi-typescript's own `tsLiteral`) is re-encoded defensively.
 */
function restore(type: TS.TypeNode, prep: Preparer): TS.TypeNode {
  const result = ts.transform(type, [
    (context) => (root) => {
      const visit = (node: TS.Node): TS.Node => {
        if (ts.isIndexedAccessTypeNode(node)) {
          const key = schemaRefKey(node);
          const name = key === undefined ? undefined : prep.typeNames.get(key);
          if (name !== undefined) return ts.factory.createTypeReferenceNode(name);
        }
        if (ts.isPropertySignature(node) && ts.isIdentifier(node.name)) {
          const real = prep.propertyNames.get(node.name.text);
          const visited = ts.visitEachChild(node, visit, context);
          if (real === undefined) return visited;
          const name = ts.factory.createIdentifier(propertyKey(real));
          return ts.factory.updatePropertySignature(visited, visited.modifiers, name, visited.questionToken, visited.type);
        }
        if (ts.isIdentifier(node) && node.text.startsWith('"') && !isOurLiteral(node.text)) {
          return ts.factory.createIdentifier(jsonLiteral(JSON.parse(node.text) as string));
        }
        return ts.visitEachChild(node, visit, context);
      };
      return ts.visitNode(root, visit) as TS.TypeNode;
    },
  ]);
  const out = result.transformed[0]!;
  result.dispose();
  return out;
}

/** Text our encoders produced (re-encoding it is a no-op, so it can be recognised). */
function isOurLiteral(text: string): boolean {
  try {
    return jsonLiteral(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

/** `components["schemas"]["S3"]` → `"S3"`. */
function schemaRefKey(node: TS.IndexedAccessTypeNode): string | undefined {
  const outer = node.objectType;
  if (!ts.isIndexedAccessTypeNode(outer)) return undefined;
  const root = outer.objectType;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName) || root.typeName.text !== "components") return undefined;
  const seg = literalText(outer.indexType);
  const key = literalText(node.indexType);
  return seg === "schemas" ? key : undefined;
}

function literalText(node: TS.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}
