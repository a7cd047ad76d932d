/**
 * The post-generation audit of THREATS.md A0, for whole generated folders: what a spec
 * string could do to generated code, checked on the code itself with the TypeScript
 * parser. Shared by the CI test (`injection-documents.test.ts`) and the on-demand script
 * (`npm run fuzz:injection`).
 */
import ts from "typescript";

export interface PlannedFileLike {
  path: string;
  content: string;
}

/** What one file is made of, to compare with the same document's benign twin. */
export interface FileShape {
  path: string;
  statements: string[];
  literals: string[];
}

const FORBIDDEN_CALLS = new Set(["eval", "Function", "require", "setTimeout", "setInterval"]);
const FORBIDDEN_BASES = new Set(["process", "globalThis", "window", "document"]);

/** zod, re2js, node built-ins, files of the output, and the packaged runtime's own modules. */
export const IMPORT_ALLOWLIST = /^(zod|re2js|node:[a-z_/]+|\.\.?\/[A-Za-z0-9_./-]+|gen-callbacks\/(runtime(\/[a-z0-9-]+)?|adapters\/[a-z0-9-]+))$/;

/** Files written from `templates/` (constant code, not made from the spec). */
export function isTemplateCopy(p: string): boolean {
  return p.startsWith("runtime/");
}

/**
 * Parses `file` and returns its shape, or the findings: syntax errors, a top-level
 * expression statement, an import from outside the allowlist.
 */
export function auditFile(file: PlannedFileLike): { shape: FileShape; findings: string[] } {
  const findings: string[] = [];
  const source = ts.createSourceFile(file.path, file.content, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const syntax = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  for (const d of syntax) findings.push(`${file.path}: syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  const statements: string[] = [];
  for (const st of source.statements) {
    statements.push(`${ts.SyntaxKind[st.kind]} ${declaredName(st, source)}`);
    if (ts.isExpressionStatement(st)) findings.push(`${file.path}: top-level expression statement: ${st.getText(source).slice(0, 120)}`);
    const from = ts.isImportDeclaration(st) || ts.isExportDeclaration(st) ? st.moduleSpecifier : undefined;
    if (from && ts.isStringLiteral(from) && !IMPORT_ALLOWLIST.test(from.text)) findings.push(`${file.path}: import from ${JSON.stringify(from.text)}`);
  }
  const literals: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) && isJsonParseArgument(n)) literals.push(...jsonStrings(n.text));
    else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) literals.push(n.text);
    else if (ts.isTemplateExpression(n)) literals.push(n.head.text, ...n.templateSpans.map((s) => s.literal.text));
    // Code that reaches out: calling eval/Function/require, touching process/globalThis.
    // (A property *named* eval is data; only uses as values count.)
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && ts.isIdentifier(n.expression) && FORBIDDEN_CALLS.has(n.expression.text)) {
      findings.push(`${file.path}: call of ${n.expression.text}: ${n.getText(source).slice(0, 120)}`);
    }
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && FORBIDDEN_BASES.has(n.expression.text)) {
      findings.push(`${file.path}: use of ${n.expression.text}: ${n.getText(source).slice(0, 120)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return { shape: { path: file.path, statements, literals }, findings };
}

/** `JSON.parse("…")` (the test kit's large fixtures): its text is data, audited string by string. */
function isJsonParseArgument(n: ts.StringLiteral): boolean {
  const call = n.parent;
  return (
    ts.isCallExpression(call) &&
    call.arguments.length === 1 &&
    call.arguments[0] === n &&
    ts.isPropertyAccessExpression(call.expression) &&
    call.expression.getText() === "JSON.parse"
  );
}

/**
 * Every string in a JSON text (keys and values), each then traced like a literal; a text that
 * is not JSON is kept whole, and so is flagged unless it is a spec string.
 */
function jsonStrings(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [text];
  }
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === "object" && v !== null)
      for (const [k, item] of Object.entries(v)) {
        out.push(k);
        walk(item);
      }
  };
  walk(value);
  return out;
}

function declaredName(st: ts.Statement, source: ts.SourceFile): string {
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.map((d) => d.name.getText(source)).join(",");
  if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) return st.name?.text ?? "";
  return "";
}

/** Every string of a JSON value, keys included. */
export function stringsOf(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === "string") out.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      stringsOf(v, out);
    }
  }
  return out;
}
