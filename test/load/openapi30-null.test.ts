/**
 * Issue 16: an OpenAPI 3.0 document with `type: "null"` in a schema an event uses is
 * generated, with one located warning, and the schema has its 3.1 meaning (only null).
 * Before, the whole document was refused (exit 2); real 3.0 documents contain it.
 */
import { expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { loadSchemas } from "../schema/support/modules.js";

const SPEC = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /subscribe:
    post:
      callbacks:
        onEvent:
          "{$request.body#/url}":
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        gone:
                          type: "null"
              responses: {"200": {description: ok}}
      responses: {"200": {description: ok}}
`;

it("generates, warns once at the `type`, and accepts only null there", () => {
  const result = generate({ spec: "-", stdin: SPEC });
  expect(result.ok).toBe(true);
  const nullWarnings = result.diagnostics.filter((d) => d.message.includes("no `null` type"));
  expect(nullWarnings.map((d) => `${d.severity} ${d.code} ${d.line}:${d.column} ${d.pointer}`)).toEqual([
    "warning schema-invalid 17:33 /paths/~1subscribe/post/callbacks/onEvent/{$request.body#~1url}/post/requestBody/content/application~1json/schema/properties/gone/type",
  ]);
  const types = result.files.find((f) => f.path === "types.ts")!.content;
  expect(types).toMatch(/gone\?: null;/);
  const schemas = result.files.find((f) => f.path === "schemas.ts")!.content;
  expect(schemas).toMatch(/gone: \$null,/);
  const gone = (loadSchemas(schemas) as Record<string, { safeParse(v: unknown): { success: boolean } }>).OnEventBodySchema!;
  expect(gone.safeParse({ gone: null }).success).toBe(true);
  expect(gone.safeParse({}).success).toBe(true);
  for (const value of [0, "", false, {}, []]) expect(gone.safeParse({ gone: value }).success, JSON.stringify(value)).toBe(false);
});
