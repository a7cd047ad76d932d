/**
 * Surgical edits of user-owned files with ts-morph: only the declarations gen-callbacks put
 * there are touched, the rest of the file keeps its bytes. ts-morph inserts text verbatim
 * (THREATS.md finding 3), so only generator-made identifiers and module specifiers reach it.
 *
 * ts-morph is loaded on first use: most runs change no user file, and it brings its own
 * TypeScript (several hundred milliseconds to load).
 */
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { identifier } from "../emit/encoders.js";
import type { PlannedEvent } from "../model/plan.js";
import { moduleSpecifier, propertyFor, type IndexEntry } from "../emit/stubs.js";

const require = createRequire(import.meta.url);
let loaded: typeof TsMorph | undefined;
function tsMorph(): typeof TsMorph {
  return (loaded ??= require("ts-morph") as typeof TsMorph);
}

let project: TsMorph.Project | undefined;
function parse(text: string, name: string): TsMorph.SourceFile {
  const m = tsMorph();
  project ??= new m.Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { quoteKind: m.QuoteKind.Double, indentationText: m.IndentationText.TwoSpaces },
  });
  return project.createSourceFile(`/edit/${name}`, text, { overwrite: true });
}

const CONTRACT = "../contract.js";
const USER_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Points a handler file at the event's current handler type. Returns the text unchanged
 * when it already does (the common case, decided without parsing), and the name the file
 * exports its handler under.
 */
export function updateHandlerFile(
  text: string,
  e: PlannedEvent,
  diags: Diagnostics,
  file: string,
): { text: string; exportName: string } {
  const handlerType = identifier(e.names.type + "Handler");
  const annotated = new RegExp(`export const ([A-Za-z_$][A-Za-z0-9_$]*)\\s*:\\s*${handlerType}\\b`).exec(text);
  if (annotated && new RegExp(`\\b${handlerType}\\b[^;]*from "\\.\\./contract\\.js"`).test(text)) {
    return { text, exportName: annotated[1]! };
  }
  const sf = parse(text, "handler.ts");
  // The exported const whose type is some `…Handler`: the one gen-callbacks annotated.
  const decl = sf
    .getVariableDeclarations()
    .find((d) => d.isExported() && /Handler$/.test(d.getTypeNode()?.getText() ?? ""));
  if (!decl) {
    diags.warning(
      "handler-type-error",
      `could not find the exported handler in ${e.names.file}.ts to point it at ${handlerType}`,
      { file },
      `annotate your handler: \`export const ${e.names.handler}: ${handlerType} = …\``,
    );
    const anyExport = sf.getVariableDeclarations().find((d) => d.isExported());
    return { text, exportName: anyExport?.getName() ?? e.names.handler };
  }
  const previous = decl.getTypeNode()!.getText();
  decl.setType(handlerType);
  const contractImport = sf.getImportDeclarations().find((i) => i.getModuleSpecifierValue() === CONTRACT);
  if (contractImport) {
    const named = contractImport.getNamedImports().find((n) => n.getName() === previous);
    if (named) named.setName(handlerType);
    else if (!contractImport.getNamedImports().some((n) => n.getName() === handlerType)) {
      contractImport.addNamedImport({ name: handlerType, isTypeOnly: !contractImport.isTypeOnly() });
    }
  } else {
    sf.addImportDeclaration({ moduleSpecifier: CONTRACT, namedImports: [handlerType], isTypeOnly: true });
  }
  return { text: sf.getFullText(), exportName: decl.getName() };
}

/**
 * Brings `handlers/index.ts` in line with the events: imports and `handlers` entries are
 * added for new events and removed for events that left, keyed by the `Handlers` property
 * name; everything else in the file is left as the user wrote it.
 */
export function updateIndexFile(text: string, entries: readonly IndexEntry[], diags: Diagnostics, file: string): string {
  const wanted = new Map(entries.map((e) => [e.handler, e]));
  const m = tsMorph();
  const sf = parse(text, "index.ts");
  const decl = sf.getVariableDeclaration("handlers");
  const obj = decl?.getInitializerIfKind(m.SyntaxKind.ObjectLiteralExpression);
  if (!obj) {
    if (entries.length) {
      diags.warning(
        "handler-type-error",
        "handlers/index.ts no longer has `export const handlers: Handlers = { … }`, so it was not updated",
        { file },
        `make sure your handlers object has an entry for each of: ${entries.map((e) => e.handler).join(", ")}`,
      );
    }
    return text;
  }
  const present = new Set<string>();
  for (const prop of obj.getProperties()) {
    const name = propertyName(prop, m);
    if (name === undefined) continue;
    if (wanted.has(name)) {
      present.add(name);
      continue;
    }
    // An event that left the spec: drop its entry, and its import if nothing else uses it.
    const local = prop.isKind(m.SyntaxKind.ShorthandPropertyAssignment) ? name : prop.isKind(m.SyntaxKind.PropertyAssignment) ? prop.getInitializer()?.getText() : undefined;
    prop.remove();
    if (local && USER_IDENTIFIER.test(local)) removeImportIfUnused(sf, local, m);
  }
  const trailingComma = /,\s*}$/.test(obj.getText()) || obj.getProperties().length === 0;
  for (const e of entries) {
    if (present.has(e.handler)) continue;
    const spec = moduleSpecifier(e.path);
    const imports = sf.getImportDeclarations();
    const existing = imports.find((i) => i.getModuleSpecifierValue() === spec);
    if (existing) {
      if (!existing.getNamedImports().some((n) => n.getName() === e.exportName)) existing.addNamedImport(identifierOf(e.exportName));
    } else {
      // Among the handler imports, in module order, as gen-callbacks writes them.
      const after = imports.findIndex((i) => i.getModuleSpecifierValue().startsWith("./") && i.getModuleSpecifierValue() > spec);
      const index = after >= 0 ? after : imports.length;
      sf.insertImportDeclaration(index, { moduleSpecifier: spec, namedImports: [identifierOf(e.exportName)] });
    }
    insertSorted(obj, e, m);
  }
  // ts-morph leaves the last entry without a comma; keep the style the file had.
  const last = obj.getProperties().at(-1);
  if (trailingComma && last && !/^\s*,/.test(sf.getFullText().slice(last.getEnd()))) sf.insertText(last.getEnd(), ",");
  return sf.getFullText();
}

function propertyName(prop: TsMorph.ObjectLiteralElementLike, m: typeof TsMorph): string | undefined {
  if (prop.isKind(m.SyntaxKind.ShorthandPropertyAssignment) || prop.isKind(m.SyntaxKind.PropertyAssignment)) {
    return prop.getName().replace(/^["']|["']$/g, "");
  }
  return undefined;
}

/** Keeps the entries in name order when the user kept them so; otherwise appends. */
function insertSorted(obj: TsMorph.ObjectLiteralExpression, e: IndexEntry, m: typeof TsMorph): void {
  const props = obj.getProperties();
  const names = props.map((p) => propertyName(p, m) ?? "");
  let index = names.findIndex((n) => n > e.handler);
  if (index < 0) index = props.length;
  const text = propertyFor(e);
  if (text.includes(":")) {
    const [name, init] = text.split(": ") as [string, string];
    obj.insertPropertyAssignment(index, { name, initializer: init });
  } else {
    obj.insertShorthandPropertyAssignment(index, { name: text });
  }
}

function removeImportIfUnused(sf: TsMorph.SourceFile, local: string, m: typeof TsMorph): void {
  for (const imp of sf.getImportDeclarations()) {
    for (const named of imp.getNamedImports()) {
      if ((named.getAliasNode()?.getText() ?? named.getName()) !== local) continue;
      const uses = sf.getDescendantsOfKind(m.SyntaxKind.Identifier).filter((id) => id.getText() === local && !id.getFirstAncestorByKind(m.SyntaxKind.ImportDeclaration));
      if (uses.length === 0) {
        named.remove();
        if (imp.getNamedImports().length === 0 && !imp.getDefaultImport() && !imp.getNamespaceImport()) imp.remove();
      }
    }
  }
}

function identifierOf(name: string): string {
  if (!USER_IDENTIFIER.test(name)) throw new Error(`internal error: not an identifier: ${JSON.stringify(name)}`);
  return name;
}
