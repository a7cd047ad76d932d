/**
 * generated-example/ is the showcase: its generated files are committed and must be exactly
 * what the spec produces today, its handlers (filled in as a user would) must type-check
 * against the contract with --strict, and generation must be deterministic.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { generate } from "../../src/generate.js";
import { checkOutput } from "../../src/write/check-output.js";

const EXAMPLE = path.resolve(import.meta.dirname, "../../generated-example");
const SPEC = path.join(EXAMPLE, "provider.yaml");
const OUT = path.join(EXAMPLE, "src/webhooks");

describe("generated-example", () => {
  const result = generate({ spec: SPEC, cwd: EXAMPLE });

  it("generates without errors: two warnings about the FastAPI-style key, notes on the callbacks sharing POST / and on the signature", () => {
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}:${d.column}`)).toEqual([
      "warning callback-key-nonstandard 50:11",
      "warning callback-key-nonstandard 50:11",
      "info indistinguishable-events 149:15",
      "info routing-inferred 149:15",
      "info signature-detected 217:7",
    ]);
    expect(result.events.map((e) => `${e.kind} ${e.handler} ${e.method} ${e.route}`)).toEqual([
      "webhook customerUpdated POST /",
      "callback invoiceNotification POST /invoices/{id}",
      "callback onData POST /data",
      "webhook paymentFailed POST /",
      "webhook paymentSucceeded POST /",
      "callback payoutStatus POST /",
      "callback refundUpdate POST /",
    ]);
  });

  it("is up to date: every committed generated file is byte-identical to a fresh generation", () => {
    const diags = new Diagnostics();
    const check = checkOutput(OUT, result.files, diags);
    expect(diags.items.map((d) => d.message)).toEqual([]);
    expect(check.upToDate).toBe(true);
  });

  it("is deterministic: a second run gives the same bytes", () => {
    const again = generate({ spec: SPEC, cwd: EXAMPLE });
    expect(again.files).toEqual(result.files);
    // No absolute paths or timestamps leak into generated text.
    for (const f of result.files) {
      expect(f.content).not.toContain(EXAMPLE);
      expect(f.content).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:/);
    }
  });

  it("type-checks with its strict tsconfig (filled-in handlers included)", () => {
    const configPath = path.join(EXAMPLE, "tsconfig.json");
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    expect(config.options.strict).toBe(true);
    const program = ts.createProgram(config.fileNames, config.options);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(errors).toEqual([]);
    expect(config.fileNames.some((f) => f.endsWith("handlers/invoice-notification.ts"))).toBe(true);
  });

  it("has every handler filled in: no stub still throws NotImplementedError", () => {
    const handlers = fs.readdirSync(path.join(OUT, "handlers")).filter((f) => f !== "index.ts");
    expect(handlers).toHaveLength(result.events.length);
    for (const f of handlers) expect(fs.readFileSync(path.join(OUT, "handlers", f), "utf8"), f).not.toContain("NotImplementedError");
  });
});
