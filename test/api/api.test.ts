/** The programmatic API, as a user imports it. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { check, diff, generate, plan } from "../../src/index.js";
import { CORPUS, describeShared } from "../support/shared.js";

const REPO = path.resolve(import.meta.dirname, "../..");
let tmp = "";
beforeAll(() => {
  fs.mkdirSync(path.join(REPO, ".tmp"), { recursive: true });
  tmp = fs.mkdtempSync(path.join(REPO, ".tmp", "api-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const SPEC = path.join(CORPUS, "fastapi-openapi-callbacks/openapi.json");

describeShared("programmatic API", () => {
  it("plan → generate → check, with diagnostics as data", () => {
    const out = path.join(tmp, "out");
    const planned = plan({ spec: SPEC });
    expect(planned.ok).toBe(true);
    expect(planned.files.map((f) => f.path)).toContain("receiver.ts");
    expect(fs.existsSync(out)).toBe(false);

    const generated = generate({ spec: SPEC, outDir: out });
    expect(generated.ok).toBe(true);
    expect(generated.events.map((e) => e.handler)).toEqual(["invoiceNotification"]);
    expect(generated.files.find((f) => f.path === "handlers/invoice-notification.ts")).toEqual({ path: "handlers/invoice-notification.ts", action: "created", owner: "user" });
    expect(generated.diagnostics.map((d) => d.code)).toEqual(["callback-key-nonstandard", "callback-key-nonstandard"]);

    const verdict = check({ spec: SPEC, outDir: out });
    expect(verdict).toMatchObject({ ok: true, upToDate: true, stale: [], missing: [], extra: [], typeErrors: 0 });
  });

  it("diff compares two revisions", () => {
    const doc = JSON.parse(fs.readFileSync(SPEC, "utf8"));
    delete doc.components.schemas.InvoiceEvent.properties.description;
    const newer = path.join(tmp, "newer.json");
    fs.writeFileSync(newer, JSON.stringify(doc));
    const { diff: changes } = diff(SPEC, newer);
    expect(changes?.summary).toEqual({ breaking: 1, nonBreaking: 0, eventsAdded: 0, eventsRemoved: 0, eventsChanged: 1 });
  });
});
