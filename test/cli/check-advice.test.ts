/**
 * What `--check` and a regeneration print, whole, for each situation a user meets: the
 * spec drifted (regenerate, with the exact command and a minimal diff), a handler no longer
 * fits (fix it at file:line — regenerating cannot help), and an option left out or changed
 * (the recorded options, never "delete the file").
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
// Inside the repository: `--check` type-checks the output, which needs `zod` resolvable.
fs.mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
const base = fs.mkdtempSync(path.join(ROOT, ".tmp", "check-advice-"));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const spec = (amountType: "integer" | "string", description = "A payment settled") => `openapi: 3.1.0
info: {title: Payments, version: "1"}
paths: {}
webhooks:
  payment.succeeded:
    post:
      description: ${description}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [id, amount]
              properties:
                id: {type: string}
                amount: {type: ${amountType}}
      responses:
        "200": {description: ok}
`;

let dir: string;
let n = 0;
beforeEach(() => {
  dir = path.join(base, `case-${++n}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "provider.yaml"), spec("integer"));
});

async function cli(...argv: string[]) {
  let stderr = "";
  const code = await runCli({ argv, cwd: dir, stdout: () => undefined, stderr: (t) => (stderr += t), readStdin: async () => "" });
  return { code, stderr };
}

describe("--check says what to do", () => {
  it("drift: a minimal diff per file and the command that regenerates", async () => {
    expect((await cli("provider.yaml", "-o", "out")).code).toBe(0);
    fs.writeFileSync(path.join(dir, "provider.yaml"), spec("integer", "A payment settled (funds captured)"));
    const r = await cli("provider.yaml", "-o", "out", "--check");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatchInlineSnapshot(`
      "out/README.md - error output-stale: README.md is out of date
          @@ -16,7 +16,7 @@
            
            ### \`paymentSucceeded\` — POST \`/\`
            
          - A payment settled
          + A payment settled \\(funds captured\\)
            
            Payload \`PaymentSucceededBody\` (application/json).
            
        hint: run gen-callbacks without --check to regenerate it

      out/contract.ts - error output-stale: contract.ts is out of date
          @@ -34,7 +34,7 @@
            /**
             * POST / — webhook "payment.succeeded"
             *
          -  * A payment settled
          +  * A payment settled (funds captured)
             *
             * Returning nothing answers 200.
             */
          @@ -49,7 +49,7 @@
              /**
               * POST / — webhook "payment.succeeded"
               *
          -    * A payment settled
          +    * A payment settled (funds captured)
               */
              paymentSucceeded: PaymentSucceededHandler;
            }
        hint: run gen-callbacks without --check to regenerate it

      out/types.ts - error output-stale: types.ts is out of date
          @@ -8,7 +8,7 @@
            /**
             * POST / — webhook "payment.succeeded"
             *
          -  * A payment settled
          +  * A payment settled (funds captured)
             *
             * What the handler receives, validated against the spec.
             */
        hint: run gen-callbacks without --check to regenerate it

      3 errors, 0 warnings, 0 notes
      provider.yaml: out of date — regenerate: gen-callbacks provider.yaml -o out
      "
    `);
  });

  it("broken handler: regeneration names it and exits 1; --check says to fix it, not to regenerate", async () => {
    expect((await cli("provider.yaml", "-o", "out")).code).toBe(0);
    const handler = path.join(dir, "out/handlers/payment-succeeded.ts");
    fs.writeFileSync(handler, fs.readFileSync(handler, "utf8").replace(/=> \{[\s\S]*\};\n$/, "=> {\n  const cents: number = request.body.amount;\n  void cents;\n};\n"));
    expect((await cli("provider.yaml", "-o", "out", "--check")).code).toBe(0);
    fs.writeFileSync(path.join(dir, "provider.yaml"), spec("string"));
    const regenerated = await cli("provider.yaml", "-o", "out");
    expect(regenerated.code).toBe(1);
    expect(regenerated.stderr).toMatchInlineSnapshot(`
      "out/handlers/payment-succeeded.ts:10:9 - error handler-type-error: handlers/payment-succeeded.ts: Type 'string' is not assignable to type 'number'.

        10 |   const cents: number = request.body.amount;
           |         ^
        hint: the handler no longer fits its contract: update it to the new types (see the generated types.ts)

      1 error, 0 warnings, 0 notes
      1 event → out: 0 created, 4 updated, 5 unchanged, 1 kept (yours)
      provider.yaml: regenerated, but a handler no longer type-checks against the new types — fix paymentSucceeded at out/handlers/payment-succeeded.ts:10:9
      "
    `);
    const r = await cli("provider.yaml", "-o", "out", "--check");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatchInlineSnapshot(`
      "out/handlers/payment-succeeded.ts:10:9 - error handler-type-error: handlers/payment-succeeded.ts: Type 'string' is not assignable to type 'number'.

        10 |   const cents: number = request.body.amount;
           |         ^
        hint: the handler no longer fits its contract: update it to the new types (see the generated types.ts)

      1 error, 0 warnings, 0 notes
      provider.yaml: out of date — fix the handler the new types break: paymentSucceeded at out/handlers/payment-succeeded.ts:10:9
      "
    `);
  });

  it("missing option: a bare --check uses the recorded --adapter; a different one is an option mismatch", async () => {
    expect((await cli("provider.yaml", "-o", "out", "--adapter", "express,node")).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "out/gen-callbacks.json"), "utf8"))).toMatchObject({ adapters: ["express", "node"], policy: "lenient" });
    const bare = await cli("provider.yaml", "-o", "out", "--check");
    expect(bare.code).toBe(0);
    expect(bare.stderr).toMatchInlineSnapshot(`
      "0 errors, 0 warnings, 0 notes
      provider.yaml: up to date (1 event, handlers type-check)
      "
    `);
    const other = await cli("provider.yaml", "-o", "out", "--check", "--adapter", "node");
    expect(other.code).toBe(1);
    expect(other.stderr).not.toMatch(/delete/);
    expect(other.stderr).toMatchInlineSnapshot(`
      "out/gen-callbacks.json - error options-mismatch: the folder was generated with adapters express,node; this run gives node
        hint: to check the folder as generated, leave adapters out (gen-callbacks.json supplies it); to change it, regenerate with the new value

      1 error, 0 warnings, 0 notes
      provider.yaml: not compared — this run's options differ from those the folder was generated with (gen-callbacks.json: --adapter express,node).
        to check the folder as generated, leave --adapter out (or pass --adapter express,node): gen-callbacks provider.yaml -o out --check
        to change the folder's options instead, regenerate: gen-callbacks provider.yaml -o out --adapter node
      "
    `);
    // A bare regeneration keeps the recorded adapters too.
    expect((await cli("provider.yaml", "-o", "out")).code).toBe(0);
    expect(fs.existsSync(path.join(dir, "out/adapters/express.ts"))).toBe(true);
  });
});
