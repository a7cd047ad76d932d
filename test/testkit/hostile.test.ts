/**
 * Spec strings reach the test kit and the README as data, never as code or markup (THREATS.md
 * A0–A6): every hostile string of the shared vectors is a required property name, an enum
 * value and an example value of a webhook's body, and its summary. The generated `test-kit.ts`
 * must parse with no syntax error and hand the strings back exactly; the README must keep
 * them inside table cells and code fences.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, expect } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { generate } from "../../src/generate.js";
import { writeFiles } from "../../src/write/write-files.js";
import { hostileStrings, itShared } from "../support/shared.js";

const OUT = path.resolve(import.meta.dirname, "../../.tmp", `testkit-hostile-${process.pid}`);
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

itShared("hostile spec strings stay data in test-kit.ts and README.md", async () => {
  const strings = [...new Set(hostileStrings().strings.map((s) => s.value))].filter((s) => s.length > 0);
  const properties = Object.fromEntries(strings.map((s) => [s, { type: "string", enum: [s], description: s }]));
  const example = Object.fromEntries(strings.map((s) => [s, s]));
  const doc = {
    openapi: "3.1.0",
    info: { title: "hostile", version: "1" },
    webhooks: {
      hostile: {
        post: {
          summary: strings.join(" "),
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: strings, properties }, examples: { [strings[0]!]: { value: example } } } } },
          responses: { "200": { description: "ok" } },
        },
      },
    },
  };
  fs.mkdirSync(OUT, { recursive: true });
  const spec = path.join(OUT, "hostile.json");
  fs.writeFileSync(spec, JSON.stringify(doc));
  const result = generate({ spec, cwd: OUT, adapters: [] });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const dir = path.join(OUT, "out");
  writeFiles(dir, result.files, new Diagnostics());

  const text = fs.readFileSync(path.join(dir, "test-kit.ts"), "utf8");
  const parsed = ts.createSourceFile("test-kit.ts", text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  expect((parsed as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  expect(text).not.toMatch(/^\s*export const pwned/m);

  const kit = (await import(/* @vite-ignore */ path.join(dir, "test-kit.ts"))) as {
    synthesized(e: string): { body: Record<string, unknown> };
    fixture(e: string, name?: string): { body: Record<string, unknown> };
    examples(e: string): { name: string; valid: boolean }[];
    wire(e: string): Promise<{ body?: Uint8Array }>;
  };
  // On the wire, exactly the strings (the handler gets what Zod makes of them: no `__proto__`).
  const wire = await kit.wire("hostile");
  expect(JSON.parse(new TextDecoder().decode(wire.body))).toEqual(example);
  expect(kit.examples("hostile")).toEqual([{ name: strings[0], contentType: "application/json", valid: true }]);
  expect(kit.fixture("hostile", strings[0]).body).toEqual(example);
  expect(Object.getPrototypeOf(kit.synthesized("hostile").body)).toBe(Object.prototype);

  // The README, past its banner: outside code fences and spans (where markup is text), every `<` escaped; no line a
  // hostile string could have started.
  const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
  const prose = readme.slice(readme.indexOf("\n") + 1).replace(/^(`{3,})json\n[\s\S]*?\n\1$/gm, "").replace(/`[^`\n]*`/g, "");
  expect(prose).not.toMatch(/(^|[^\\])<(script|img|iframe|!--)/im);
  expect(readme).not.toMatch(/^export const pwned/m);
  expect(readme).not.toMatch(/[\u2028\u2029\u202e]/);
}, 120_000);
