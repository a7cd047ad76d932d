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

  it.each([
    // A separator inside a value: the value ends at its first occurrence, the last one runs to the end.
    ["/files/report.tar.gz", 'file {"name":"report","ext":"tar.gz"}'],
    ["/f/1-2-3-x", 'parts {"a":"1","b":"2-3"}'],
    ["/f/1--x-x", 'parts {"a":"1","b":"-x"}'],
    ["/f/-1-2-x", 'parts {"a":"-1","b":"2"}'],
    ["/f/1-x", "404"],
    ["/f/1--x", "404"],
    ["/g/ab", 'adjacent {"a":"a","b":"b"}'],
    ["/g/abc", 'adjacent {"a":"a","b":"bc"}'],
    ["/g/a", "404"],
    // Literal parts are compared as the request spells them.
    ["/inv/inv-7", 'prefixed {"id":"7"}'],
    ["/inv/INV-7", "404"],
    ["/inv/inv%2D7", "404"],
  ])("a segment mixing text and parameters: %s → %s", (path, want) => {
    const t = compileRoutes([
      event("file", "POST", "/files/{name}.{ext}"),
      event("parts", "POST", "/f/{a}-{b}-x"),
      event("adjacent", "POST", "/g/{a}{b}"),
      event("prefixed", "POST", "/inv/inv-{id}"),
    ]);
    const m = t.match("POST", path);
    const got = m.kind === "found" ? m.groups.flatMap((g) => g.events.map((e) => `${e.name} ${JSON.stringify({ ...g.path })}`)).join(" | ") : "404";
    expect(got).toBe(want);
  });

  it("matches a 10 KiB segment against four parameters in linear time (this runs before verify)", () => {
    const t = compileRoutes([event("files", "POST", "/files/{a}-{b}-{c}-{d}.json")]);
    const cpu = (path: string): { ms: number; kind: string } => {
      const before = process.cpuUsage();
      const kind = t.match("POST", path).kind;
      const used = process.cpuUsage(before);
      return { ms: (used.user + used.system) / 1000, kind };
    };
    // Separators everywhere, no match: what made the lazy-group regex backtrack (28 s at 800 characters).
    const hostile = cpu(`/files/${"-".repeat(10_240)}`);
    expect(hostile.kind).toBe("not-found");
    expect(hostile.ms).toBeLessThan(100);
    const long = cpu(`/files/${"a-".repeat(5_000)}b.json`);
    expect(long.kind).toBe("found");
    expect(long.ms).toBeLessThan(100);
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
