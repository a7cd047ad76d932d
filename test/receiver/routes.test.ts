/** Route matching: templates, percent-decoding, trailing slashes, specificity, 404 vs 405. */
import { describe, expect, it } from "vitest";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import { compileRoutes, splitPath } from "../../templates/runtime/routes.js";

const event = (name: string, method: string, path: string, extra: Partial<EventSpec> = {}): EventSpec => ({
  name,
  kind: "callback",
  method,
  path,
  parameters: { specs: [] },
  body: { required: false, contents: [] },
  responses: [],
  ...extra,
});

const table = compileRoutes([
  event("root", "POST", "/"),
  event("data", "POST", "/data"),
  event("dataGet", "GET", "/data/"),
  event("invoice", "POST", "/invoices/{id}"),
  event("summary", "POST", "/invoices/summary"),
  event("file", "POST", "/files/{name}.{ext}"),
  event("cafe", "POST", "/caf%C3%A9/menu"),
  event("proto", "POST", "/p/{__proto__}"),
  event("nested", "PUT", "/a/{x}/b"),
]);

/** `name {params}` per candidate, or the failure kind. */
function describeMatch(method: string, path: string): string {
  const m = table.match(method, path);
  if (m.kind === "not-found") return "404";
  if (m.kind === "wrong-method") return `405 ${m.allow.join(",")}`;
  return m.groups.flatMap((g) => g.events.map((e) => `${e.name} ${JSON.stringify({ ...g.path })}`)).join(" | ");
}

describe("route matching", () => {
  it.each([
    ["POST", "/", "root {}"],
    ["POST", "", "root {}"],
    ["POST", "//", "root {}"],
    ["POST", "/data", "data {}"],
    ["POST", "/data/", "data {}"],
    ["GET", "/data", "dataGet {}"],
    ["POST", "/invoices/inv_1", 'invoice {"id":"inv_1"}'],
    // Parameters keep their percent-encoding: the parameter's style decides how to decode it.
    ["POST", "/invoices/inv%2F1", 'invoice {"id":"inv%2F1"}'],
    // A literal beats a parameter in the same place.
    ["POST", "/invoices/summary", "summary {}"],
    ["POST", "/invoices/%73ummary", "summary {}"],
    ["POST", "/invoices/", "404"],
    ["POST", "/invoices/1/2", "404"],
    ["POST", "/files/report.pdf", 'file {"name":"report","ext":"pdf"}'],
    ["POST", "/files/report", "404"],
    ["POST", "/café/menu", "cafe {}"],
    ["POST", "/caf%C3%A9/menu", "cafe {}"],
    ["POST", "/caf%c3%a9/menu", "cafe {}"],
    ["POST", "/p/x", 'proto {"__proto__":"x"}'],
    ["PUT", "/a/1/b", 'nested {"x":"1"}'],
    ["POST", "/a/1/b", "405 PUT"],
    ["DELETE", "/data", "405 GET,POST"],
    ["POST", "/nope", "404"],
    ["POST", "/data/extra", "404"],
    ["POST", "/DATA", "404"],
    ["POST", "/a//b", "404"],
  ])("%s %s → %s", (method, path, want) => {
    expect(describeMatch(method, path)).toBe(want);
  });

  it("falls back to a less specific route that has the method", () => {
    const t = compileRoutes([event("byId", "POST", "/x/{id}"), event("literalGet", "GET", "/x/y")]);
    const m = t.match("POST", "/x/y");
    expect(m.kind === "found" && m.groups[0]!.events[0]!.name).toBe("byId");
  });

  it("does not run mixed-segment patterns on segments over 1 KiB (they backtrack, before verify)", () => {
    const t = compileRoutes([event("parts", "POST", "/f/{a}-{b}-x"), event("whole", "POST", "/g/{a}")]);
    expect(t.match("POST", "/f/a-b-x").kind).toBe("found");
    expect(t.match("POST", `/f/${"a".repeat(1020)}-b-x`).kind).toBe("found");
    expect(t.match("POST", `/f/${"a".repeat(1021)}-b-x`).kind).toBe("not-found");
    expect(t.match("POST", `/g/${"a".repeat(5000)}`).kind).toBe("found");
  });

  it("keeps path parameters off every prototype", () => {
    const m = table.match("POST", "/p/x");
    expect(m.kind).toBe("found");
    if (m.kind !== "found") return;
    expect(Object.getPrototypeOf(m.groups[0]!.path)).toBe(null);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("gives equally specific templates their own parameter names", () => {
    const t = compileRoutes([event("a", "POST", "/t/{x}"), event("b", "POST", "/t/{y}")]);
    const m = t.match("POST", "/t/7");
    expect(m.kind === "found" && m.groups.map((g) => [g.events[0]!.name, { ...g.path }])).toEqual([
      ["a", { x: "7" }],
      ["b", { y: "7" }],
    ]);
  });

  it("moves events on the shared webhook path to webhookPath", () => {
    const events = [event("hook", "POST", "/", { kind: "webhook", sharedWebhookPath: true }), event("cb", "POST", "/")];
    const t = compileRoutes(events, "/github/");
    const at = (path: string) => {
      const m = t.match("POST", path);
      return m.kind === "found" ? m.groups.flatMap((g) => g.events.map((e) => e.name)) : m.kind;
    };
    expect([at("/github"), at("/github/"), at("/")]).toEqual([["hook"], ["hook"], ["cb"]]);
  });
});

describe("splitPath", () => {
  it.each([
    ["/", []],
    ["", []],
    ["/a/b/", ["a", "b"]],
    ["/a//b", ["a", "", "b"]],
    ["a/b", ["a", "b"]],
  ])("%j → %j", (path, want) => {
    expect(splitPath(path)).toEqual(want);
  });
});
