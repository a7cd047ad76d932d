/**
 * Rewrites a generated `schemas.ts` from the builder DSL (`class $ { static Foo: Foo =
 * $object({…}) }`, see src/emit/zod-runtime.ts) into the Zod a careful user writes by hand
 * (`export const FooSchema: z.ZodType<Foo> = z.looseObject({…})`), so that bench/zod-form can
 * set tsc's cost on the one against the other. Only the schema expressions change: the rules
 * (`$gte(0)`, `$pattern(…)` …) never change an output type, so they stay as they are, as
 * `.check(…)` arguments, and so do the exports other files import (`$strictness`).
 *
 * What the idiomatic form gives up, as a hand-written schema would: the checks that only the
 * `strict` policy runs on a lenient file (`$openString`'s listed values, `$oneOf`'s
 * exclusivity), and the merged `allOf` objects (`z.intersection` instead, which accepts the
 * same values). Integers keep `$isInteger`: Zod's `.int()` also rejects integers beyond 2^53,
 * which the DSL accepts (820982911946154508 is an integer).
 */
import ts from "typescript";

/** The primitive schemas, by the constant the DSL names them with. */
const PRIMITIVES = {
  $string: "z.string()",
  $number: "z.number()",
  $boolean: "z.boolean()",
  $null: "z.null()",
  $unknown: "z.unknown()",
  $never: "z.never()",
  $integer: "z.number().check($isInteger)",
  $blob: "z.instanceof(Blob)",
};

/**
 * @param {string} source a generated schemas.ts
 * @param {string} [helpers] the helper module it imports its builders and rules from
 *   (templates/runtime/schema-builders.ts), when it does not declare them itself
 * @returns {{ text: string, unmapped: string[] }} the idiomatic file, and the builder calls
 *   left as they were (cast to a Zod type), each as `field: $builder`
 */
export function idiomaticSchemas(source, helpers) {
  const sf = ts.createSourceFile("schemas.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports = [];
  const prelude = [];
  /** `$` field name → the exported const that publishes it, with its annotation. */
  const published = new Map();
  let fields;
  for (const s of sf.statements) {
    // Imports, and re-exports such as the helper module's `$strictness`, stay as they are.
    if (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) imports.push(s);
    else if (ts.isClassDeclaration(s) && s.name?.text === "$") fields = s.members.filter(ts.isPropertyDeclaration);
    else if (publishedField(s)) {
      const d = s.declarationList.declarations[0];
      published.set(publishedField(s), { name: d.name.text, type: d.type.getText(sf) });
    } else prelude.push(s);
  }
  if (!fields) throw new Error("schemas.ts has no `class $`: not the builder DSL this rewrites");

  /** Prelude functions that return a rule or a pattern: their calls are kept as written. */
  const ruleNames = (statements, file) =>
    statements
      .filter((s) => ts.isFunctionDeclaration(s) && s.name && ["$Check", "$Pattern"].includes(s.type?.getText(file)))
      .map((s) => s.name.text);
  const helperFile = helpers === undefined ? undefined : ts.createSourceFile("schema-builders.ts", helpers, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const rules = new Set([...ruleNames(prelude, sf), ...(helperFile ? ruleNames(helperFile.statements, helperFile) : [])]);
  const unmapped = [];
  let field = "";

  const ref = (name) => published.get(name)?.name ?? `$${name}`;

  /** `node` with its sub-expressions rewritten and the text between them kept. */
  const generic = (node, indent) => {
    let out = "";
    let at = node.getStart(sf);
    node.forEachChild((child) => {
      out += source.slice(at, child.getStart(sf)) + emit(child, indent);
      at = child.end;
    });
    return out + source.slice(at, node.end);
  };

  /** An object literal of the DSL's shape (`{ a: X, ...$optional({ b: Y }), ...$.sharedN }`) as Zod's. */
  const shape = (literal, indent, optional = false) => {
    if (!ts.isObjectLiteralExpression(literal)) return undefined;
    const inner = indent + "  ";
    const entries = [];
    const suffix = optional ? ".optional()" : "";
    for (const p of literal.properties) {
      if (ts.isPropertyAssignment(p)) entries.push(`${inner}${p.name.getText(sf)}: ${emit(p.initializer, inner)}${suffix},`);
      else if (ts.isSpreadAssignment(p) && isCall(p.expression, "$optional") && !optional) {
        const group = shape(p.expression.arguments[0], indent, true);
        if (group === undefined) return undefined;
        if (group !== "{}") entries.push(group.slice(2, -(indent.length + 2)));
      } else if (ts.isSpreadAssignment(p) && !optional) entries.push(`${inner}...${emit(p.expression, inner)},`);
      else return undefined;
    }
    return entries.length ? `{\n${entries.join("\n")}\n${indent}}` : "{}";
  };

  const checks = (args, indent) => (args.length ? `.check(${args.map((a) => emit(a, indent)).join(", ")})` : "");
  const list = (args, indent) => `[${args.map((a) => emit(a, indent)).join(", ")}]`;

  /** A builder call as idiomatic Zod; undefined when its arguments are not in a form mapped here. */
  const builder = (name, args, indent) => {
    const [first, ...rest] = args;
    switch (name) {
      case "$object": {
        const s = shape(first, indent);
        return s && `z.looseObject(${s})${checks(rest, indent)}`;
      }
      case "$catchall": {
        const s = shape(first, indent);
        return s && `z.object(${s}).catchall(${emit(rest[0], indent)})${checks(rest.slice(1), indent)}`;
      }
      case "$optional":
        // A group of optional properties the spec repeats (`static sharedN = $optional({…})`,
        // spread into objects): a plain shape object, as Zod users share shapes.
        return shape(first, indent, true);
      case "$record":
        return `z.record(z.string(), ${emit(first, indent)})${checks(rest, indent)}`;
      case "$array":
        return `z.array(${emit(first, indent)})${checks(rest, indent)}`;
      case "$literal":
        return `z.literal(${args.length === 1 ? first.getText(sf) : `[${args.map((a) => a.getText(sf)).join(", ")}]`})`;
      case "$nullable":
        return `${emit(first, indent)}.nullable()`;
      case "$union":
      case "$oneOf":
      case "$xor":
        return `z.union(${list(args, indent)})`;
      case "$discriminated":
        // z.discriminatedUnion reads the key's literal from each option's type, which a
        // reference annotated `z.ZodType<Foo>` no longer shows: only inline objects qualify.
        return rest.every((o) => isCall(o, "$object"))
          ? `z.discriminatedUnion(${first.getText(sf)}, ${list(rest, indent)})`
          : `z.union(${list(rest, indent)})`;
      case "$and":
        return `z.intersection(${emit(first, indent)}, ${emit(rest[0], indent)})`;
      case "$check":
        return `${emit(first, indent)}${checks(rest, indent)}`;
      case "$lazy":
        return `z.lazy(${emit(first, indent)})`;
      case "$openString":
        return "z.string()";
      case "$openNumber":
        return rest[0]?.kind === ts.SyntaxKind.TrueKeyword ? PRIMITIVES.$integer : "z.number()";
      case "$tuple":
      case "$tupleRest": {
        if (!ts.isArrayLiteralExpression(first) || !ts.isArrayLiteralExpression(rest[0])) return undefined;
        const items = [...first.elements.map((e) => emit(e, indent)), ...rest[0].elements.map((e) => `${emit(e, indent)}.optional()`)];
        return `z.tuple([${items.join(", ")}]${name === "$tupleRest" ? `, ${emit(rest[1], indent)}` : ""})`;
      }
      default:
        return undefined;
    }
  };

  function emit(node, indent) {
    if (ts.isIdentifier(node) && Object.hasOwn(PRIMITIVES, node.text)) return PRIMITIVES[node.text];
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "$") return ref(node.name.text);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text.startsWith("$") && !rules.has(node.expression.text)) {
      const name = node.expression.text;
      const mapped = builder(name, node.arguments, indent);
      if (mapped !== undefined) return mapped;
      // Kept as the DSL call, its arguments and result passed as Zod schemas of any output,
      // so the nodes around it still compose (and tsc proves nothing about this one).
      unmapped.push(`${field}: ${name}`);
      return `(${name}(${node.arguments.map((a) => `${emit(a, indent)} as never`).join(", ")}) as unknown as z.ZodType<any>)`;
    }
    return generic(node, indent);
  }

  const declarations = fields.map((f) => {
    field = f.name.getText(sf);
    const expr = emit(f.initializer, "");
    const out = published.get(field);
    if (out) return `export const ${out.name}: ${out.type} = ${expr};`;
    return f.type ? `const ${ref(field)}: z.ZodType<${f.type.getText(sf)}> = ${expr};` : `const ${ref(field)} = ${expr};`;
  });
  const body = declarations.join("\n\n");

  const kept = reachable(prelude, body, sf);
  const header =
    "/**\n * The schemas as idiomatic Zod, rewritten from the builder DSL by bench/lib/idiomatic-zod.mjs\n" +
    " * (a benchmark variant: gen-callbacks does not emit this form).\n */";
  const text = [
    ...imports.map((s) => s.getFullText(sf).replace(/^\n+/, "")),
    ...prelude.filter((s) => kept.has(s)).map((s) => s.getFullText(sf).replace(/^\n+/, "\n")),
    `\n${header}\n${body}\n`,
  ].join("\n");
  return { text, unmapped };
}

function isCall(node, name) {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name;
}

/** `export const FooSchema: z.ZodType<Foo> = $zod<Foo>($.Foo);` → "Foo". */
function publishedField(s) {
  if (!ts.isVariableStatement(s) || !s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  const init = s.declarationList.declarations[0]?.initializer;
  if (!init || !isCall(init, "$zod")) return undefined;
  const arg = init.arguments[0];
  return arg && ts.isPropertyAccessExpression(arg) && arg.expression.getText() === "$" ? arg.name.text : undefined;
}

/**
 * The prelude declarations the rewritten schemas still use, directly or through another:
 * the builders themselves drop out, the rules stay. Exports stay whatever uses them.
 */
function reachable(prelude, body, sf) {
  const names = (node) => {
    const found = new Set();
    const visit = (n) => {
      if (ts.isIdentifier(n)) found.add(n.text);
      n.forEachChild(visit);
    };
    visit(node);
    return found;
  };
  const declared = (s) => {
    if (ts.isVariableStatement(s)) return s.declarationList.declarations.map((d) => d.name.getText(sf));
    return s.name ? [s.name.text] : [];
  };
  const kept = new Set(prelude.filter((s) => s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
  const used = names(ts.createSourceFile("body.ts", body, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  for (const s of kept) for (const n of names(s)) used.add(n);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of prelude) {
      if (kept.has(s) || !declared(s).some((n) => used.has(n))) continue;
      kept.add(s);
      for (const n of names(s)) used.add(n);
      grew = true;
    }
  }
  return kept;
}
