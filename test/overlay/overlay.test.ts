/**
 * Overlays: the JSONPath subset, `update` and `remove` as Overlay 1.0 defines them, located
 * errors, and the CLI — generation, `--check` and `diff` all see the overlaid document, and the
 * overlay is recorded in gen-callbacks.json.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { renderDiagnostic } from "../../src/diagnostics/render.js";
import { applyOverlays } from "../../src/overlay/apply-overlays.js";
import { queryJsonPath } from "../../src/overlay/jsonpath.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
fs.mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
const tmp = fs.mkdtempSync(path.join(ROOT, ".tmp", "overlay-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const doc = () => ({
  components: {
    schemas: {
      Issue: { type: "object", required: ["id", "title", "state_reason"], properties: { id: { type: "integer" }, title: { type: "string" } } },
      "simple-user": { type: "object", required: ["login", "node_id"], properties: { tags: { type: "array", items: { type: "string" } } } },
    },
  },
  list: [{ kind: "a", n: 1 }, { kind: "b", n: 2 }, { kind: "a", n: 3 }],
});

const paths = (root: unknown, q: string) => queryJsonPath(root, q).map((n) => "/" + n.path.join("/"));

describe("JSONPath subset", () => {
  it.each([
    ["$", [""].map(() => "/")],
    ["$.components.schemas.Issue.required", ["/components/schemas/Issue/required"]],
    ["$.components.schemas['simple-user'].required[1]", ["/components/schemas/simple-user/required/1"]],
    ["$[\"components\"].schemas.*.type", ["/components/schemas/Issue/type", "/components/schemas/simple-user/type"]],
    ["$.list[-1]", ["/list/2"]],
    ["$.list[0,2].n", ["/list/0/n", "/list/2/n"]],
    ["$.list[*].kind", ["/list/0/kind", "/list/1/kind", "/list/2/kind"]],
    ["$..required", ["/components/schemas/Issue/required", "/components/schemas/simple-user/required"]],
    ["$..required[?@ == 'node_id']", ["/components/schemas/simple-user/required/1"]],
    ["$.list[?(@.kind == 'a' && @.n > 1)]", ["/list/2"]],
    ["$.list[?@.kind != 'a' || !@.n]", ["/list/1"]],
    ["$.components.schemas[?@.properties.tags]", ["/components/schemas/simple-user"]],
    ["$.nothing.here", []],
  ])("%s", (q, expected) => {
    expect(paths(doc(), q)).toEqual(expected);
  });

  it.each(["components", "$.list[1:2]", "$.list[?$.x]", "$.a[", "$..[?@..x]"])("refuses %s with the offset", (q) => {
    expect(() => queryJsonPath(doc(), q)).toThrow(/at offset \d+/);
  });
});

function overlayFile(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

describe("applyOverlays", () => {
  it("removes, merges objects recursively, appends to arrays, replaces the rest — in order", () => {
    const d = doc();
    const file = overlayFile(
      "ok.yaml",
      `overlay: 1.0.0
info: {title: t, version: "1"}
actions:
  - target: "$.components.schemas.Issue.required[?@ == 'state_reason']"
    remove: true
  - target: $.components.schemas.Issue.properties
    update: {title: {maxLength: 256}, state_reason: {type: [string, "null"]}}
  - target: "$.components.schemas['simple-user'].required"
    update: email
  - target: $.list[0].n
    update: 10
  - target: "$.list[?@.kind == 'b']"
    remove: true
`,
    );
    const diags = new Diagnostics();
    expect(applyOverlays(d, [file], diags)).toBe(true);
    expect(diags.items).toEqual([]);
    expect(d.components.schemas.Issue).toEqual({
      type: "object",
      required: ["id", "title"],
      properties: { id: { type: "integer" }, title: { type: "string", maxLength: 256 }, state_reason: { type: ["string", "null"] } },
    });
    expect(d.components.schemas["simple-user"].required).toEqual(["login", "node_id", "email"]);
    expect(d.list).toEqual([{ kind: "a", n: 10 }, { kind: "a", n: 3 }]);
  });

  it("never sets a prototype: __proto__ in an update is an own key", () => {
    const d = doc();
    const file = overlayFile("proto.json", `{"overlay":"1.0.0","info":{"title":"t","version":"1"},"actions":[{"target":"$.components","update":{"__proto__":{"polluted":true}}}]}`);
    expect(applyOverlays(d, [file], new Diagnostics())).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(d.components)).toBe(Object.prototype);
  });

  it("locates an action whose target matches nothing, and a malformed one, in the overlay file", () => {
    const file = overlayFile(
      "bad.yaml",
      `overlay: 1.0.0
info: {title: t, version: "1"}
actions:
  - target: $.components.schemas.Issue
    update: {description: fine}
  - target: "$.components.schemas.Isue.required[?@ == 'x']"
    remove: true
  - target: "$.list[1:]"
    remove: true
  - target: $.list
`,
    );
    const diags = new Diagnostics();
    expect(applyOverlays(doc(), [file], diags)).toBe(false);
    expect(diags.items.map((d) => renderDiagnostic(d, { cwd: tmp, codeFrame: false }))).toEqual([
      `bad.yaml:6:13 - error overlay-target-unmatched: action 1: the target $.components.schemas.Isue.required[?@ == 'x'] matches nothing in the document
  at #/actions/1/target
  hint: the provider may have fixed or moved what this action corrects: check the path against the document, and remove the action if it is no longer needed`,
      `bad.yaml:8:13 - error overlay-invalid: action 2: the target is not a JSONPath this tool reads: array slices are not supported at offset 8 of "$.list[1:]"
  at #/actions/2/target
  hint: see the README section "Correcting a provider's spec: overlays" for the JSONPath supported`,
      `bad.yaml:10:5 - error overlay-invalid: action 3 neither updates nor removes
  at #/actions/3
  hint: add \`update: {…}\` or \`remove: true\``,
    ]);
  });

  it("refuses a file that is not an overlay", () => {
    const diags = new Diagnostics();
    expect(applyOverlays(doc(), [overlayFile("not.yaml", "openapi: 3.1.0\n")], diags)).toBe(false);
    expect(diags.items[0]).toMatchObject({ code: "overlay-invalid", line: 1, column: 1 });
  });
});

describe("the CLI with --overlay", () => {
  const spec = `openapi: 3.1.0
info: {title: T, version: "1"}
paths: {}
webhooks:
  thing.done:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Thing"}
      responses: {"200": {description: ok}}
components:
  schemas:
    Thing: {type: object, required: [id, note], properties: {id: {type: string}, note: {type: string}}}
`;
  const relax = `overlay: 1.0.0
info: {title: relax, version: "1"}
actions:
  - target: "$.components.schemas.Thing.required[?@ == 'note']"
    remove: true
`;

  async function cli(...argv: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await runCli({ argv, cwd: tmp, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => "" });
    return { code, stdout, stderr };
  }

  it("generates from the overlaid document, records the overlay, and --check and diff see it", async () => {
    fs.writeFileSync(path.join(tmp, "thing.yaml"), spec);
    fs.writeFileSync(path.join(tmp, "relax.overlay.yaml"), relax);
    expect((await cli("thing.yaml", "-o", "out", "--overlay", "relax.overlay.yaml")).code).toBe(0);
    expect(fs.readFileSync(path.join(tmp, "out/types.ts"), "utf8")).toMatch(/note\?: string/);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, "out/gen-callbacks.json"), "utf8")).overlays).toEqual(["../relax.overlay.yaml"]);
    // A bare check applies the recorded overlay: up to date.
    const check = await cli("thing.yaml", "-o", "out", "--check");
    expect(check.stderr).toMatch(/up to date/);
    expect(check.code).toBe(0);
    // diff overlays both revisions: where the provider fixed the field itself, the overlay no
    // longer applies to the new one, and diff says so at the action.
    fs.writeFileSync(path.join(tmp, "thing2.yaml"), spec.replace("required: [id, note]", "required: [id]"));
    const plain = await cli("diff", "thing.yaml", "thing2.yaml");
    expect(plain.stdout).toMatch(/note/);
    const overlaid = await cli("diff", "thing.yaml", "thing2.yaml", "--overlay", "relax.overlay.yaml");
    expect(overlaid.code).toBe(2);
    expect(overlaid.stderr).toContain("relax.overlay.yaml:4:13 - error overlay-target-unmatched: action 0:");
  });

  it("a check with another overlay names both as the user types them, relative to the current folder", async () => {
    fs.writeFileSync(path.join(tmp, "thing.yaml"), spec);
    fs.mkdirSync(path.join(tmp, "fixes"), { recursive: true });
    fs.writeFileSync(path.join(tmp, "fixes/relax.overlay.yaml"), relax);
    fs.writeFileSync(path.join(tmp, "fixes/other.overlay.yaml"), relax);
    expect((await cli("thing.yaml", "-o", "gen/out3", "--overlay", "fixes/relax.overlay.yaml")).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, "gen/out3/gen-callbacks.json"), "utf8")).overlays).toEqual(["../../fixes/relax.overlay.yaml"]);
    const r = await cli("thing.yaml", "-o", "gen/out3", "--check", "--overlay", "fixes/other.overlay.yaml");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("(or pass --overlay fixes/relax.overlay.yaml)");
    expect(r.stderr).toContain("regenerate: gen-callbacks thing.yaml -o gen/out3 --overlay fixes/other.overlay.yaml");
  });

  it("an overlay that no longer applies stops generation with its location", async () => {
    fs.writeFileSync(path.join(tmp, "thing.yaml"), spec.replace("required: [id, note]", "required: [id]"));
    const r = await cli("thing.yaml", "-o", "out2", "--overlay", "relax.overlay.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("relax.overlay.yaml:4:13 - error overlay-target-unmatched: action 0:");
    expect(fs.existsSync(path.join(tmp, "out2"))).toBe(false);
  });
});
