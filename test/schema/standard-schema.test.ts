/**
 * The exported schemas are Zod's own: other libraries that accept a Standard Schema
 * (`~standard`, https://standardschema.dev) — form libraries, tRPC, Hono's validator — take
 * them as they are. Checked on the showcase's `schemas.ts`, through the `~standard` interface
 * only, never through Zod's API.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSchemas } from "./support/modules.js";

const SCHEMAS = path.resolve(import.meta.dirname, "../../generated-example/src/webhooks/schemas.ts");

interface StandardSchema {
  "~standard": { version: number; vendor: string; validate(value: unknown): { value?: unknown; issues?: readonly { message: string; path?: readonly unknown[] }[] } | Promise<unknown> };
}

describe("Standard Schema", () => {
  const module = loadSchemas(fs.readFileSync(SCHEMAS, "utf8")) as Record<string, unknown>;
  const exported = Object.entries(module).filter(([name]) => name.endsWith("Schema"));

  it("every exported schema implements ~standard (version 1, vendor zod)", () => {
    expect(exported.length).toBeGreaterThan(10);
    for (const [name, schema] of exported) {
      const std = (schema as StandardSchema)["~standard"];
      expect(std, name).toBeDefined();
      expect(std.version, name).toBe(1);
      expect(std.vendor, name).toBe("zod");
    }
  });

  it("validates through ~standard alone: a valid value comes back, an invalid one gives located issues", () => {
    const usage = (module.UsageSampleSchema as StandardSchema)["~standard"];
    expect(usage.validate({ metric: "seats", value: 3 })).toEqual({ value: { metric: "seats", value: 3 } });
    const bad = usage.validate({ metric: "seats", value: -1 }) as { issues: readonly { path?: readonly unknown[] }[] };
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0]!.path).toEqual(["value"]);
  });
});
