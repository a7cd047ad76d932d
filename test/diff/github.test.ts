/**
 * The report on a real spec: GitHub's 261 webhooks, and a second revision made by editing
 * the document with exactly four changes — a field removed from a component shared by
 * several payloads, a required field added to one payload, an enum value removed from a
 * shared component, and one event removed. The report must list exactly those (per
 * affected event), classified for the receiver, and nothing else.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSpecs } from "../../src/diff/diff-specs.js";
import { renderJson, renderText } from "../../src/diff/render.js";
import type { SpecDiff } from "../../src/diff/types.js";
import { GITHUB_WEBHOOKS_SPEC as SPEC } from "../support/corpus.js";
import { lines } from "./support.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gc-diff-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Parsed JSON, edited freely: the test reads and writes the document by its known layout. */
type Json = Record<string, any>;

const original: Json = JSON.parse(fs.readFileSync(SPEC, "utf8"));

/** The second revision: the four edits, nothing else. */
function revise(doc: Json): Json {
  const next: Json = structuredClone(doc);
  const schemas = next.components.schemas;
  // 1. A field removed from a component several payloads share.
  const milestone = schemas["webhooks_milestone"];
  delete milestone.properties.closed_issues;
  milestone.required = milestone.required.filter((r: string) => r !== "closed_issues");
  // 2. A required field added to one payload.
  schemas["webhook-issues-opened"].properties.delivery_attempt = { type: "integer" };
  schemas["webhook-issues-opened"].required.push("delivery_attempt");
  // 3. An enum value removed (from a three-value enum of a shared component).
  const priceModel = schemas["webhooks_marketplace_purchase"].properties.plan.properties.price_model;
  priceModel.enum = priceModel.enum.filter((v: string) => v !== "PER_UNIT");
  // 4. An event removed.
  delete next.webhooks["branch-protection-rule-created"];
  return next;
}

/** Webhook keys whose payload reaches `component` through `$ref`s, read from the document itself. */
function webhooksReaching(doc: Json, component: string): string[] {
  const refsIn = (v: unknown, out = new Set<string>()): Set<string> => {
    if (Array.isArray(v)) for (const x of v) refsIn(x, out);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "$ref" && typeof x === "string") out.add(x.split("/").pop()!);
        else refsIn(x, out);
      }
    }
    return out;
  };
  const reaches = (start: Set<string>): boolean => {
    const seen = new Set<string>();
    const stack = [...start];
    while (stack.length) {
      const name = stack.pop()!;
      if (name === component) return true;
      if (seen.has(name)) continue;
      seen.add(name);
      stack.push(...refsIn(doc.components.schemas[name]));
    }
    return false;
  };
  return Object.keys(doc.webhooks).filter((key) => reaches(refsIn(doc.webhooks[key])));
}

let diff: SpecDiff;

beforeAll(() => {
  const revised = path.join(tmp, "api.github.com.json");
  fs.writeFileSync(revised, JSON.stringify(revise(original)));
  const r = diffSpecs(SPEC, revised);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  diff = r.diff!;
});

describe("GitHub webhooks, revised", () => {
  it("lists exactly the four edits, once per affected event, classified for the receiver", () => {
    const milestone = webhooksReaching(original, "webhooks_milestone");
    const marketplace = webhooksReaching(original, "webhooks_marketplace_purchase");
    // The shared components are what makes this interesting: each reaches several events.
    expect(milestone.length).toBeGreaterThan(1);
    expect(marketplace.length).toBeGreaterThan(1);

    const want: Record<string, string[]> = { "branch-protection-rule-created": ["breaking event removed"] };
    for (const key of milestone) want[key] = ["breaking body /milestone/closed_issues: required field removed (in webhooks_milestone)"];
    for (const key of marketplace) {
      want[key] = ['ok body /marketplace_purchase/plan/price_model: enum values removed "PER_UNIT" (in webhooks_marketplace_purchase)'];
    }
    want["issues-opened"] = ["ok body /delivery_attempt: required field added (in webhook-issues-opened)"];

    const got = Object.fromEntries(diff.events.map((e) => [e.identity.key, lines({ ...diff, events: [e] })]));
    expect(got).toEqual(want);
    expect(diff.summary).toEqual({
      breaking: 1 + milestone.length,
      nonBreaking: 1 + marketplace.length,
      eventsAdded: 0,
      eventsRemoved: 1,
      eventsChanged: milestone.length + marketplace.length + 1,
    });
  });

  it("renders the report for people: breaking first, events with the same changes together", () => {
    expect(renderText(diff)).toBe(
      [
        "gen-callbacks diff: api.github.com.json (GitHub's official Webhooks OpenAPI spec + Octokit extension 12.1.0) → api.github.com.json (GitHub's official Webhooks OpenAPI spec + Octokit extension 12.1.0) (policy: lenient)",
        "5 breaking changes, 5 other changes; events: 1 removed, 0 added, 9 changed.",
        "",
        "branchProtectionRuleCreated — webhook POST branch-protection-rule-created",
        "  [breaking] event removed — its handler is orphaned and its key leaves the Handlers map",
        "",
        "issuesDemilestoned, issuesMilestoned, milestoneDeleted, milestoneEdited (4 events)",
        "  [breaking] body /milestone/closed_issues: required field removed (in webhooks_milestone) — the handler may read it",
        "",
        "issuesOpened — webhook POST issues-opened",
        "  [ok]       body /delivery_attempt: required field added (in webhook-issues-opened) — the provider sends more data; the handler may ignore it",
        "",
        "marketplacePurchaseCancelled, marketplacePurchaseChanged, marketplacePurchasePendingChange, marketplacePurchasePurchased (4 events)",
        '  [ok]       body /marketplace_purchase/plan/price_model: enum values removed "PER_UNIT" (in webhooks_marketplace_purchase) — the provider sends fewer values; a handler branch for a removed value becomes dead code',
        "",
      ].join("\n"),
    );
  });

  it("renders the report for tools", () => {
    const json = JSON.parse(renderJson(diff));
    expect(json.summary).toEqual(diff.summary);
    const milestoneEdited = json.events.find((e: Json) => e.identity.key === "milestone-edited");
    expect(milestoneEdited).toEqual({
      handler: "milestoneEdited",
      identity: { kind: "webhook", method: "POST", key: "milestone-edited" },
      changes: [
        {
          kind: "field-removed",
          breaking: true,
          location: "body /milestone/closed_issues",
          text: "required field removed",
          reason: "the handler may read it",
          part: { in: "body", mediaType: "application/json" },
          pointer: "/milestone/closed_issues",
          path: ["milestone", "closed_issues"],
          schema: "webhooks_milestone",
          required: true,
          closedAfter: false,
        },
      ],
    });
  });

  it("finds nothing between a spec and itself", () => {
    const r = diffSpecs(SPEC, SPEC);
    expect(r.diff!.events).toEqual([]);
    expect(renderText(r.diff!)).toMatch(/\nNo changes to the events \(261 compared\)\.\n$/);
  });
});
