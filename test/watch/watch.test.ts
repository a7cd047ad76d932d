/**
 * `--watch`: editing a file the spec `$ref`s triggers exactly one regeneration (an editor
 * save fires several file-system events), and a broken edit is reported without stopping.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { watch, type WatchRun } from "../../src/watch.js";

const REPO = path.resolve(import.meta.dirname, "../..");
fs.mkdirSync(path.join(REPO, ".tmp"), { recursive: true }); // a fresh clone has none
const tmp = fs.mkdtempSync(path.join(REPO, ".tmp", "watch-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SPEC = `openapi: 3.1.0
info: {title: watched, version: "1"}
webhooks:
  ping:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "./schemas/ping.yaml"}
      responses: {"200": {description: ok}}
`;
const ping = (prop: string) => `type: object\nrequired: [${prop}]\nproperties:\n  ${prop}: {type: string}\n`;

function waitFor(runs: WatchRun[], count: number, ms = 5000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (runs.length >= count) resolve();
      else if (Date.now() - start > ms) reject(new Error(`expected ${count} runs, saw ${runs.length}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe("watch", () => {
  it("regenerates once per edit of a $ref'd file, and survives a broken edit", async () => {
    fs.mkdirSync(path.join(tmp, "spec/schemas"), { recursive: true });
    fs.writeFileSync(path.join(tmp, "spec/openapi.yaml"), SPEC);
    const schema = path.join(tmp, "spec/schemas/ping.yaml");
    fs.writeFileSync(schema, ping("zen"));
    const runs: WatchRun[] = [];
    const w = watch({ spec: path.join(tmp, "spec/openapi.yaml"), outDir: path.join(tmp, "out") }, (r) => runs.push(r), 50);
    try {
      expect(runs).toHaveLength(1);
      expect(runs[0]!.outcome.ok).toBe(true);
      expect(runs[0]!.outcome.inputs).toContain(schema);

      // An editor-style save: write a temporary file and rename it over the original, twice.
      for (const text of [ping("hook_id"), ping("hook_id")]) {
        fs.writeFileSync(schema + ".tmp", text);
        fs.renameSync(schema + ".tmp", schema);
      }
      await waitFor(runs, 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(runs).toHaveLength(2);
      expect(runs[1]!.changed).toEqual([schema]);
      expect(fs.readFileSync(path.join(tmp, "out/types.ts"), "utf8")).toContain("hook_id: string;");

      fs.writeFileSync(schema, "type: [object\n");
      await waitFor(runs, 3);
      expect(runs[2]!.outcome.ok).toBe(false);
      expect(runs[2]!.outcome.diagnostics.some((d) => d.code === "yaml-syntax" || d.code === "ref-missing")).toBe(true);

      fs.writeFileSync(schema, ping("zen"));
      await waitFor(runs, 4);
      expect(runs[3]!.outcome.ok).toBe(true);
      expect(fs.readFileSync(path.join(tmp, "out/types.ts"), "utf8")).toContain("zen: string;");
    } finally {
      w.close();
    }
  });
});
