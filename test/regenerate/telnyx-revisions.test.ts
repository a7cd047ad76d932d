/**
 * A spec that changes under a user who fills in handlers between runs (issue "Living with a
 * spec that changes"). Revisions are built from the real Telnyx 3.1 webhooks document:
 *   1. a subset of 5 events;
 *   2. the same plus 3 events;
 *   3. a payload field renamed (callAnswered's `client_state`) and one event removed.
 * Unchanged handlers stay byte-for-byte identical, new stubs appear, the orphan is reported
 * and kept, the user's edits to handlers/index.ts survive, and `--check` gives the CI verdict
 * (exit 1 with the right messages before regenerating, naming the broken handler at its
 * line; 0 once regenerated and fixed).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { CORPUS, describeShared } from "../support/shared.js";

const REPO = path.resolve(import.meta.dirname, "../..");
// Inside the repository so that the generated code resolves `zod` from its node_modules.
const work = path.join(REPO, ".tmp", `telnyx-revisions-${process.pid}`);
const out = path.join(work, "out");

const FIRST = ["callAnswered", "callBridged", "callDtmfReceived", "callHangup", "callRecordingSaved"];
const ADDED = ["callPlaybackEnded", "callPlaybackStarted", "callSpeakStarted"];
const REMOVED = "callBridged";

type Doc = { webhooks: Record<string, unknown>; components: { schemas: Record<string, any> } };
let full: Doc;

function revision(name: string, keys: string[], edit: (d: Doc) => void = () => {}): string {
  const doc = structuredClone(full);
  doc.webhooks = Object.fromEntries(keys.map((k) => [k, full.webhooks[k]]));
  edit(doc);
  const file = path.join(work, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

async function cli(...argv: string[]) {
  let stderr = "";
  const code = await runCli({ argv, cwd: work, stdout: () => {}, stderr: (t) => (stderr += t), readStdin: async () => "" });
  return { code, stderr };
}

const read = (rel: string) => fs.readFileSync(path.join(out, rel), "utf8");
const handlerFiles = () => fs.readdirSync(path.join(out, "handlers")).filter((f) => f !== "index.ts").sort();

/** What a user writes: every handler reads something from its payload. */
function fillIn(file: string, body: string): void {
  const text = read(file).replace(/ {2}void request;\n {2}void context;\n {2}throw new NotImplementedError\([^)]*\);\n/, body);
  fs.writeFileSync(path.join(out, file), text.replace("import { NotImplementedError, type", "import { type"));
}

beforeAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  full = YAML.parse(fs.readFileSync(path.join(CORPUS, "telnyx-3.1-webhooks/spec3.yml"), "utf8"), { maxAliasCount: 100 }) as Doc;
  for (const k of [...FIRST, ...ADDED]) expect(full.webhooks[k], k).toBeDefined();
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describeShared("regenerating across revisions of the Telnyx spec", () => {
  const filled = new Map<string, string>();

  it("revision 1: 5 events, stubs filled in by the user", async () => {
    const r = await cli(revision("rev1", FIRST), "-o", out, "-q");
    expect(r.code).toBe(0);
    expect(handlerFiles()).toEqual(["call-answered.ts", "call-bridged.ts", "call-dtmf-received.ts", "call-hangup.ts", "call-recording-saved.ts"]);
    fillIn("handlers/call-answered.ts", "  const state = request.body.data?.payload?.client_state;\n  if (state === undefined) return;\n  console.log(`answered with state ${state}`);\n");
    for (const f of handlerFiles().filter((f) => f !== "call-answered.ts")) {
      fillIn(`handlers/${f}`, "  console.log(request.body.data?.event_type, context.event);\n");
    }
    // The user also edits the wiring module.
    fs.writeFileSync(path.join(out, "handlers/index.ts"), read("handlers/index.ts").replace("export const handlers", "// Reviewed by the on-call team.\nexport const handlers"));
    for (const f of handlerFiles()) filled.set(f, read(`handlers/${f}`));
    expect((await cli(revision("rev1", FIRST), "-o", out, "--check")).code).toBe(0);
  });

  it("revision 2: 3 more events — new stubs, untouched handlers, index updated surgically", async () => {
    const spec = revision("rev2", [...FIRST, ...ADDED]);
    const before = await cli(spec, "-o", out, "--check");
    expect(before.code).toBe(1);
    expect(before.stderr).toContain("error output-missing: handlers/call-playback-ended.ts is missing");
    expect(before.stderr).toContain("handlers/index.ts needs the update gen-callbacks makes to your file");

    const r = await cli(spec, "-o", out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/8 events → out: 3 created, \d+ updated, \d+ unchanged, 5 kept \(yours\)/);
    for (const [f, text] of filled) expect(read(`handlers/${f}`), f).toBe(text);
    expect(handlerFiles()).toEqual([...filled.keys(), "call-playback-ended.ts", "call-playback-started.ts", "call-speak-started.ts"].sort());
    const index = read("handlers/index.ts");
    expect(index).toContain("// Reviewed by the on-call team.");
    expect(index).toContain('import { callPlaybackEnded } from "./call-playback-ended.js";');
    expect(index).toMatch(/callHangup,\n {2}callPlaybackEnded,\n {2}callPlaybackStarted,\n {2}callRecordingSaved,\n {2}callSpeakStarted,/);
    for (const f of ["call-playback-ended.ts", "call-playback-started.ts", "call-speak-started.ts"]) {
      fillIn(`handlers/${f}`, "  console.log(request.body.data?.event_type);\n");
      filled.set(f, read(`handlers/${f}`));
    }
    expect((await cli(spec, "-o", out, "--check")).code).toBe(0);
  });

  it("revision 3: a renamed payload field and a removed event — --check names the broken handler, the orphan is kept", async () => {
    const spec = revision(
      "rev3",
      [...FIRST, ...ADDED].filter((k) => k !== REMOVED),
      (d) => {
        const payload = d.components.schemas.CallAnswered.properties.payload.properties;
        payload.client_state_b64 = payload.client_state;
        delete payload.client_state;
      },
    );
    const check = await cli(spec, "-o", out, "--check");
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/types\.ts - error output-stale: .*types\.ts is out of date/);
    expect(check.stderr).toContain("handlers/index.ts needs the update gen-callbacks makes to your file");
    expect(check.stderr).toContain("warning handler-orphaned: handlers/call-bridged.ts belongs to an event that is no longer in the spec");
    const line = read("handlers/call-answered.ts").split("\n").findIndex((l) => l.includes("client_state")) + 1;
    expect(check.stderr).toMatch(new RegExp(`handlers/call-answered\\.ts:${line}:\\d+ - error handler-type-error: .*client_state`));
    expect(check.stderr.match(/error handler-type-error/g)).toHaveLength(1);

    // Told which revision the output came from, the same check also says what changed.
    const report = await cli(spec, "-o", out, "--check", "--previous", path.join(work, "rev2.json"));
    expect(report.code).toBe(1);
    const changes = report.stderr.slice(report.stderr.indexOf("gen-callbacks diff: rev2.json"));
    expect(changes).toContain("2 breaking changes, 1 other change; events: 1 removed, 0 added, 1 changed.");
    expect(changes).toMatch(/\[breaking\] body \/data\/payload\/client_state: optional field removed \(in CallAnswered\)/);
    expect(changes).toMatch(/\[ok\] +body \/data\/payload\/client_state_b64: optional field added/);
    expect(changes).toMatch(/callBridged — webhook POST callBridged\n {2}\[breaking\] event removed/);

    // Regeneration writes everything, then names the handler the rename broke and exits 1.
    const r = await cli(spec, "-o", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/regenerated, but a handler no longer type-checks against the new types — fix callAnswered at \S*handlers\/call-answered\.ts:\d+:\d+/);
    expect(r.stderr).toContain("warning handler-orphaned: handlers/call-bridged.ts");
    expect(read("handlers/call-bridged.ts")).toBe(filled.get("call-bridged.ts"));
    for (const [f, text] of filled) if (f !== "call-answered.ts") expect(read(`handlers/${f}`), f).toBe(text);
    expect(read("handlers/index.ts")).not.toContain("callBridged");
    expect(read("handlers/index.ts")).toContain("// Reviewed by the on-call team.");

    // Still broken until the user follows the rename; then CI is green.
    expect((await cli(spec, "-o", out, "--check")).code).toBe(1);
    fs.writeFileSync(path.join(out, "handlers/call-answered.ts"), read("handlers/call-answered.ts").replace("client_state;", "client_state_b64;"));
    const green = await cli(spec, "-o", out, "--check");
    expect(green.stderr).not.toMatch(/ - error /);
    expect(green.code).toBe(0);
  }, 300_000); // five type-checks of the folder: four --check runs and the regeneration
});
