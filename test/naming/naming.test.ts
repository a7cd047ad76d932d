import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { isValidIdentifier } from "../../src/emit/encoders.js";
import type { EventDef } from "../../src/model/events.js";
import { nameEvents } from "../../src/naming/event-names.js";
import { NameTable } from "../../src/naming/name-table.js";
import { camelCase, kebabCase, pascalCase, typeNameFor, words } from "../../src/naming/words.js";
import fc from "fast-check";

describe("words", () => {
  it.each([
    ["issues-opened", ["issues", "opened"]],
    ["issues/opened", ["issues", "opened"]],
    ["endpoint.created", ["endpoint", "created"]],
    ["HTTPValidationError", ["HTTP", "Validation", "Error"]],
    ["issueCommentCreated", ["issue", "Comment", "Created"]],
    ["_common:AcknowledgedResponseBase", ["common", "Acknowledged", "Response", "Base"]],
    ["dog's tail", ["dog", "s", "tail"]],
    ["café crème", ["cafe", "creme"]],
    ["16x16", ["16x16"]],
    ["v2Events", ["v2", "Events"]],
    ["日本", []],
  ])("%j", (given, want) => {
    expect(words(given)).toEqual(want);
  });
});

describe("identifier shapes", () => {
  it.each([
    ["issues-opened", "IssuesOpened", "issuesOpened", "issues-opened"],
    ["16x16", "_16x16", "_16x16", "16x16"],
    ["class", "Class", "class_", "class"],
    ["promise", "Promise_", "promise", "promise"],
    ["__proto__", "Proto", "proto", "proto"],
    ["", "Unnamed", "unnamed", "event"],
    ["con", "Con", "con", "con-event"],
    ["../../../../tmp/pwned", "TmpPwned", "tmpPwned", "tmp-pwned"],
  ])("%j → %s / %s / %s", (given, pascal, camel, kebab) => {
    expect(pascalCase(given)).toBe(pascal);
    expect(camelCase(given)).toBe(camel);
    expect(kebabCase(given)).toBe(kebab);
  });

  it("always yields safe identifiers and file slugs (THREATS A5, A10)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(isValidIdentifier(pascalCase(s))).toBe(true);
        expect(isValidIdentifier(camelCase(s))).toBe(true);
        expect(isValidIdentifier(typeNameFor(s))).toBe(true);
        expect(kebabCase(s)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(kebabCase(s).length).toBeLessThanOrEqual(86);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps spec names that are already good type names", () => {
    expect(typeNameFor("HTTPValidationError")).toBe("HTTPValidationError");
    expect(typeNameFor("simple-user")).toBe("SimpleUser");
    expect(typeNameFor("enterprise")).toBe("Enterprise");
    expect(typeNameFor("Record")).toBe("Record_");
  });
});

describe("NameTable", () => {
  it("suffixes clashes deterministically, case-insensitively when asked", () => {
    const t = new NameTable(true);
    expect(t.claim("pet")).toEqual({ name: "pet", renamed: false });
    expect(t.claim("Pet")).toEqual({ name: "Pet2", renamed: true });
    expect(t.claim("pet", "-")).toEqual({ name: "pet-2", renamed: true });
  });
});

function event(partial: Partial<EventDef> & Pick<EventDef, "kind" | "key" | "method">): EventDef {
  return {
    source: partial.kind === "callback" ? "callbacks" : "webhooks",
    deprecated: false,
    tags: [],
    parameters: [],
    responses: [],
    origin: { file: "/spec.yaml", pointer: "/x" },
    ...partial,
  };
}

describe("nameEvents", () => {
  it("uses webhook keys and callback names, and gets specific only when needed", () => {
    const parentA = { method: "post", path: "/a", operationId: "searchVideos", origin: { file: "/s", pointer: "/a" } };
    const parentB = { method: "post", path: "/b", operationId: "searchChannels", origin: { file: "/s", pointer: "/b" } };
    const events = [
      event({ kind: "webhook", key: "issues-opened", method: "post" }),
      event({ kind: "callback", key: "{$request.query.callbackUrl}/data", callbackName: "onData", method: "post", parent: parentA }),
      event({ kind: "callback", key: "https://x/y", callbackName: "searchIndex", method: "post", parent: parentA }),
      event({ kind: "callback", key: "https://x/y", callbackName: "searchIndex", method: "post", parent: parentB }),
      event({ kind: "webhook", key: "ping", method: "post" }),
      event({ kind: "webhook", key: "ping", method: "get" }),
    ];
    const diags = new Diagnostics();
    const names = nameEvents(events, new NameTable(), diags);
    expect(names.map((n) => n.handler)).toEqual([
      "issuesOpened",
      "onData",
      "searchVideosSearchIndex",
      "searchChannelsSearchIndex",
      "pingPost",
      "pingGet",
    ]);
    expect(names[0]).toEqual({ handler: "issuesOpened", type: "IssuesOpened", file: "issues-opened" });
    expect(diags.items).toEqual([]);
  });

  it("keeps type prefixes clear of schema names and of each other's derived names", () => {
    const types = new NameTable();
    types.claim("IssuesOpenedRequest");
    const names = nameEvents([event({ kind: "webhook", key: "issues-opened", method: "post" })], types, new Diagnostics());
    expect(names[0]!.type).toBe("IssuesOpened2");
    expect(types.has("IssuesOpened2Handler")).toBe(true);
  });

  it("does not number an event's types when only a schema shares the event's name", () => {
    const types = new NameTable();
    types.claim("CallAnswered"); // Telnyx: schema CallAnswered, webhook callAnswered
    const names = nameEvents([event({ kind: "webhook", key: "callAnswered", method: "post" })], types, new Diagnostics());
    expect(names[0]!.type).toBe("CallAnswered");
    expect(types.has("CallAnsweredHandler")).toBe(true);
  });

  it("reports events that only a numeric suffix can tell apart", () => {
    const diags = new Diagnostics();
    const names = nameEvents(
      [event({ kind: "webhook", key: "a.b", method: "post" }), event({ kind: "webhook", key: "a-b", method: "post" })],
      new NameTable(),
      diags,
    );
    // Names are handed out in label order ("a-b" < "a.b"), not document order.
    expect(names.map((n) => n.handler)).toEqual(["aB2", "aB"]);
    expect(names.map((n) => n.file)).toEqual(["a-b-2", "a-b"]);
    expect(diags.items.map((d) => d.code)).toEqual(["name-collision"]);
  });
});
