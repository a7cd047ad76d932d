/**
 * Spec strings cannot become code (THREATS.md A0–A8, A20; goals G1/G2). Every hostile string
 * of `generator-hazards/injection/hostile-strings.json` goes into every schema slot the two
 * emitters write — title, description, default, examples, enum values, const, pattern,
 * property names, `required`, format, discriminator property and values, member keys —
 * and the output must:
 * - parse with zero syntax errors;
 * - declare exactly the expected top-level names, with no top-level expression statement;
 * - contain each spec string that reaches a literal *exactly* (the literal's value, read
 *   back by the TypeScript parser, is a spec string);
 * - have no side effect when imported (a child process imports it with tripwires set).
 */
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import type { SchemaSet, ValidationPolicy } from "../../src/model/schema-set.js";
import { schemaRef } from "../../src/model/schema-set.js";
import { runtimeNames } from "../../src/emit/zod-runtime.js";
import { translatePattern } from "../../src/emit/re2-pattern.js";
import { buildSet, type RawMember } from "./support/sets.js";
import { generate, scratchDir, type GeneratedPair } from "./support/modules.js";
import { hostileStrings, itShared } from "../support/shared.js";

/** The shared vectors' hostile strings and patterns (read by the tests that need them). */
function hostile(): { strings: string[]; patterns: string[] } {
  const { strings, patterns } = hostileStrings();
  return { strings: strings.map((s) => s.value), patterns: patterns.map((p) => p.value) };
}

/** One object schema using `h` in every slot, plus two discriminated branches. */
function membersFor(h: string, i: number, patterns: string[]): RawMember[] {
  const cat = `cat${i}`;
  const dog = `dog${i}`;
  const prop = h === "" ? "empty" : h;
  return [
    {
      key: h === "" ? `empty${i}` : `${h}${i}`,
      schema: {
        title: h,
        description: h,
        examples: [h, { [prop]: h }],
        type: "object",
        required: [prop],
        properties: {
          [prop]: { type: "string", description: h, default: h, format: h, enum: [h, "other"] },
          konst: { const: h },
          deep: { const: { [prop]: [h] } },
          pattern: { type: "string", pattern: patterns[i % patterns.length]! },
          hostilePattern: { type: "string", pattern: h },
          union: { oneOf: [{ $ref: schemaRef(cat) }, { $ref: schemaRef(dog) }], discriminator: { propertyName: prop } },
          map: { type: "object", patternProperties: { [h]: { type: "string" } }, dependentRequired: { [prop]: [h] } },
        },
      },
    },
    { key: cat, schema: { type: "object", required: [prop], properties: { [prop]: { const: `${h}🐈` } } } },
    { key: dog, schema: { type: "object", required: [prop], properties: { [prop]: { enum: [`${h}🐕`] } } } },
  ];
}

function hostileSet(): SchemaSet {
  const { strings, patterns } = hostile();
  return buildSet(
    strings.flatMap((h, i) => membersFor(h, i, patterns)),
    "3.1",
  );
}

/** Every string a spec put anywhere in `set` (what literals may contain). */
function specStrings(set: SchemaSet): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === "string") out.add(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object") for (const k of Object.keys(v)) (out.add(k), visit((v as Record<string, unknown>)[k]));
  };
  for (const m of set.schemas) visit(m.schema);
  return out;
}

function parse(text: string, name: string): ts.SourceFile {
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  expect((file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => d.messageText)).toEqual([]);
  return file;
}

function topLevelNames(file: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const st of file.statements) {
    expect(ts.isExpressionStatement(st)).toBe(false);
    if (ts.isImportDeclaration(st)) continue;
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) names.push(d.name.getText(file));
    else if (ts.isFunctionDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isClassDeclaration(st)) names.push(st.name!.text);
    else throw new Error(`unexpected top-level ${ts.SyntaxKind[st.kind]}`);
  }
  return names.sort();
}

/** String literals outside the runtime helpers (which hold only template text). */
function literalsOfDeclarations(file: ts.SourceFile, helperNames: Set<string>): string[] {
  const out: string[] = [];
  for (const st of file.statements) {
    if (ts.isImportDeclaration(st)) continue;
    const name = ts.isVariableStatement(st) ? st.declarationList.declarations[0]!.name.getText(file) : ts.isFunctionDeclaration(st) || ts.isTypeAliasDeclaration(st) ? st.name!.text : "";
    if (helperNames.has(name)) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text);
      ts.forEachChild(n, visit);
    };
    visit(st);
  }
  return out;
}

const scratch = scratchDir("inject");
afterAll(() => scratch.cleanup());

/** Imports `schemas.ts` (as ESM) in a fresh Node process with tripwires set. */
function importInChild(pair: GeneratedPair, label: string): { exports: string[]; trips: string[]; newGlobals: string[]; polluted: boolean } {
  const dir = path.join(scratch.dir, label);
  fs.mkdirSync(dir, { recursive: true });
  const js = ts.transpileModule(pair.schemas, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  fs.writeFileSync(path.join(dir, "schemas.mjs"), js);
  fs.writeFileSync(
    path.join(dir, "run.mjs"),
    `const trips = [];
await import("zod"); // zod's own globals (its config registry) are not the module's doing
const before = new Set(Object.getOwnPropertyNames(globalThis));
process.exit = () => { trips.push("process.exit"); throw new Error("tripwire"); };
globalThis.alert = () => trips.push("alert");
globalThis.eval = () => { trips.push("eval"); };
const m = await import("./schemas.mjs");
const newGlobals = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k) && k !== "alert");
process.stdout.write(JSON.stringify({ exports: Object.keys(m).sort(), trips, newGlobals, polluted: Object.keys(Object.prototype).length > 0 }));
`,
  );
  const run = spawnSync(process.execPath, ["run.mjs"], { cwd: dir, encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe("hostile spec strings", () => {
  /** The hostile set and its strings, made on first use: two tests here need no shared data. */
  let hostileCase: { set: SchemaSet; spec: Set<string> } | undefined;
  const made = () => {
    if (!hostileCase) {
      const set = hostileSet();
      hostileCase = { set, spec: specStrings(set) };
    }
    return hostileCase;
  };
  const helperNames = new Set(runtimeNames());

  for (const policy of ["strict", "lenient"] as ValidationPolicy[]) {
    itShared(`cannot break out of comments, literals or names (${policy})`, () => {
      const { set, spec } = made();
      const pair = generate(set, policy);
      const types = parse(pair.types, "types.ts");
      const schemas = parse(pair.schemas, "schemas.ts");

      const expectedTypes = set.schemas.map((m) => m.typeName).sort();
      expect(topLevelNames(types)).toEqual(expectedTypes);
      expect(pair.typeExports.slice().sort()).toEqual(expectedTypes);
      const expectedSchemas = set.schemas.map((m) => m.schemaName);
      const declared = topLevelNames(schemas);
      // Besides the runtime helpers: the exported schemas and the class `$` that holds them.
      expect(declared.filter((n) => !helperNames.has(n))).toEqual(["$", ...expectedSchemas].sort());
      // …whose fields are the members' and shared subschemas' own names, nothing else.
      const fields = schemas.statements.filter(ts.isClassDeclaration).flatMap((c) => c.members.map((m) => m.name!.getText(schemas)));
      const typeNames = new Set(set.schemas.map((m) => m.typeName));
      expect(fields.filter((f) => !typeNames.has(f) && !/^shared\d+_*$/.test(f))).toEqual([]);
      expect(fields.filter((f) => typeNames.has(f)).sort()).toEqual([...typeNames].sort());

      // Literal values in declarations are spec strings, read back exactly (G2), the RE2
      // translations of spec patterns (data made from spec strings, written by the same
      // encoder), or the emitter's own: zod's import path and the policy names of `$stricter`.
      const emitterOwn = new Set(["zod", "./types.js", "strict", "lenient"]);
      const translations = new Set([...spec].flatMap((s) => {
        const plan = translatePattern(s);
        return plan.kind === "linear" ? [...plan.must, ...plan.mustNot] : [];
      }));
      const foreign = literalsOfDeclarations(schemas, helperNames).filter((s) => !spec.has(s) && !emitterOwn.has(s) && !translations.has(s));
      expect(foreign).toEqual([]);
      expect(literalsOfDeclarations(types, new Set()).filter((s) => !spec.has(s))).toEqual([]);
      // …and the hostile text did reach the output (as comment text and literals).
      expect(pair.types).toContain("process.exit(1)");
      expect(pair.schemas).toContain(JSON.stringify("'; process.exit(1); '"));

      // Nothing reaches the output raw that a reader (or Trojan Source) could misread.
      expect(pair.types).not.toMatch(/[\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b\ufeff\u0000]/);
      expect(pair.schemas).not.toMatch(/[\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b\ufeff\u0000]/);

      const imported = importInChild(pair, policy);
      expect(imported.trips).toEqual([]);
      expect(imported.newGlobals).toEqual([]);
      expect(imported.polluted).toBe(false);
      // The schemas, and for relaxed policies the run-time policy handle.
      expect(imported.exports).toEqual([...(policy === "strict" ? [] : ["$strictness"]), ...expectedSchemas].sort());
    });
  }

  it("the audit itself catches an injected declaration or statement", () => {
    const injected = ts.createSourceFile("x.ts", 'export const A = 1;\nexport const pwned = 1;\nconsole.log("x");', ts.ScriptTarget.Latest, true);
    expect(() => topLevelNames(injected)).toThrow();
    const declared = ts.createSourceFile("y.ts", "export const A = 1;\nexport const pwned = 1;", ts.ScriptTarget.Latest, true);
    expect(topLevelNames(declared)).not.toEqual(["A"]);
  });

  itShared("round-trips hostile enum values and const through validation", async () => {
    const { loadSchemas } = await import("./support/modules.js");
    const { set } = made();
    const mod = loadSchemas(generate(set, "strict", "annotate").schemas);
    hostile().strings.forEach((h, i) => {
      const m = set.schemas.find((s) => s.key === (h === "" ? `empty${i}` : `${h}${i}`))!;
      const prop = h === "" ? "empty" : h;
      const value = JSON.parse(JSON.stringify({ [prop]: h, konst: h, deep: { [prop]: [h] } }));
      const result = mod[m.schemaName]!.safeParse(value);
      expect(result.success, `${JSON.stringify(h)}: ${JSON.stringify(result.error?.issues[0])}`).toBe(true);
      expect(mod[m.schemaName]!.safeParse({ ...value, konst: h + "x" }).success).toBe(false);
    });
  });

  itShared("reports the invalid hostile patterns instead of emitting them", () => {
    const pair = generate(made().set, "strict");
    const bad = pair.diagnostics.filter((d) => d.code === "schema-invalid-pattern");
    expect(bad.length).toBeGreaterThan(0);
    for (const d of bad) expect(d.severity).toBe("warning");
  });

  it("holds for arbitrary strings (fast-check, binary strings incl. lone surrogates)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 12 }), fc.string({ unit: "binary", maxLength: 12 }), (name, text) => {
        fc.pre(name !== "__proto__");
        const s = buildSet(
          [{ key: "K", schema: { description: text, type: "object", required: [name], properties: { [name]: { title: text, enum: [text, name] } } } }],
          "3.1",
        );
        const pair = generate(s, "strict");
        const types = ts.createSourceFile("t.ts", pair.types, ts.ScriptTarget.Latest, true);
        const schemas = ts.createSourceFile("s.ts", pair.schemas, ts.ScriptTarget.Latest, true);
        const diags = (f: ts.SourceFile) => (f as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
        if (diags(types) || diags(schemas)) return false;
        const lits = literalsOfDeclarations(schemas, new Set(runtimeNames()));
        return lits.includes(text) && lits.includes(name);
      }),
      { numRuns: 200, seed: 1121 },
    );
  });
});
