/**
 * Spec text in diagnostics is escaped the same way for every output (issue 16, scope 4):
 * the terminal renderer, `--json` and the programmatic API. A `$ref`, a key and a value
 * carrying a bidi override, a zero-width space, U+2028 and an escape character reach
 * messages and pointers; none of them may leave raw, and all three outputs show the same
 * `\u{…}` text.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { generate } from "../../src/api.js";
import { runCli } from "../../src/cli/main.js";

const RAW = /[\u202e\u200b\u2028\u001b]/;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gc-escape-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const hostile = "Evil\u202eTxt\u200bA\u2028B\u001b[31m";
const spec = path.join(dir, "spec.json");
fs.writeFileSync(
  spec,
  JSON.stringify({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    webhooks: {
      [hostile]: {
        post: {
          requestBody: { content: { "application/json": { schema: { $ref: `#/components/schemas/${hostile}` } } } },
          responses: { "200": { description: "ok" } },
        },
      },
    },
    components: { schemas: {} },
  }),
);

it("API, --json and terminal output carry the same escaped text and no raw control or format character", async () => {
  const api = generate({ spec, outDir: path.join(dir, "out") });
  expect(api.ok).toBe(false);
  const apiErrors = api.diagnostics.filter((d) => d.severity === "error");
  expect(apiErrors.map((d) => d.code)).toEqual(["ref-missing"]);
  for (const d of api.diagnostics) expect(JSON.stringify([d.message, d.pointer, d.hint])).not.toMatch(RAW);
  const escaped = "Evil\\u{202e}Txt\\u{200b}A\\u{2028}B";
  expect(apiErrors[0]!.message).toContain(escaped);
  expect(apiErrors[0]!.pointer).toContain(escaped + "\\u{1b}[31m");

  let stdout = "";
  let stderr = "";
  const io = { cwd: dir, stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), readStdin: async () => "" };
  expect(await runCli({ ...io, argv: [spec, "-o", "out", "--json"] })).toBe(2);
  const json = JSON.parse(stdout) as { diagnostics: { code: string; message: string; pointer?: string }[] };
  expect(JSON.stringify(json.diagnostics)).not.toMatch(RAW);
  const jsonError = json.diagnostics.find((d) => d.code === "ref-missing")!;
  expect(jsonError.message).toBe(apiErrors[0]!.message);
  expect(jsonError.pointer).toBe(apiErrors[0]!.pointer);

  stderr = "";
  expect(await runCli({ ...io, argv: [spec, "-o", "out"] })).toBe(2);
  expect(stderr).not.toMatch(RAW);
  expect(stderr).toContain(apiErrors[0]!.message);
});
