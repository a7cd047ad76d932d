/**
 * Small hand-written revisions for the diff tests: documents are built as values, generated
 * in memory through standard input (nothing touches the disk), and diffed.
 */
import { expect } from "vitest";
import { diffPlans } from "../../src/diff/diff-plans.js";
import { describeChange, locationOf } from "../../src/diff/render.js";
import type { Change, SpecDiff } from "../../src/diff/types.js";
import { generate } from "../../src/generate.js";
import type { GenerationPlan } from "../../src/model/plan.js";
import type { ValidationPolicy } from "../../src/model/schema-set.js";

export type Doc = Record<string, unknown>;

export function plan(doc: Doc, policy: ValidationPolicy = "lenient"): GenerationPlan {
  const r = generate({ spec: "-", stdin: JSON.stringify(doc), policy });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  expect(errors, "the test document must generate").toEqual([]);
  return r.plan!;
}

export function diffDocs(old: Doc, neu: Doc, policy: ValidationPolicy = "lenient"): SpecDiff {
  return diffPlans(plan(old, policy), plan(neu, policy));
}

/** Every change as `breaking|ok <location>: <text> (in <component>)`, events in report order. */
export function lines(diff: SpecDiff): string[] {
  return diff.events.flatMap((e) => e.changes.map(line));
}

/** Like `lines`, with the handler of each event in front. */
export function eventLines(diff: SpecDiff): string[] {
  return diff.events.flatMap((e) => e.changes.map((c) => `${e.handler} ${line(c)}`));
}

function line(c: Change): string {
  const what = [locationOf(c), describeChange(c)].filter(Boolean).join(": ");
  return `${c.breaking ? "breaking" : "ok"} ${what}${c.schema !== undefined ? ` (in ${c.schema})` : ""}`;
}

export const info = { title: "Acme", version: "1.0.0" };

/**
 * A 3.1 document with one webhook `ping` (POST) whose JSON body is `body` and whose 200
 * response carries `response` (or nothing), plus `components.schemas`.
 */
export function webhookDoc(parts: { body?: unknown; response?: unknown; headers?: unknown[]; schemas?: Record<string, unknown> }): Doc {
  const operation: Record<string, unknown> = {
    operationId: "ping",
    responses: {
      "200": parts.response === undefined ? { description: "ok" } : { description: "ok", content: { "application/json": { schema: parts.response } } },
    },
  };
  if (parts.body !== undefined) operation.requestBody = { required: true, content: { "application/json": { schema: parts.body } } };
  if (parts.headers) operation.parameters = parts.headers;
  return {
    openapi: "3.1.0",
    info,
    webhooks: { ping: { post: operation } },
    ...(parts.schemas ? { components: { schemas: parts.schemas } } : {}),
  };
}

/** An object schema with these properties (`required` lists the required ones). */
export function obj(properties: Record<string, unknown>, required: string[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "object", properties, ...(required.length ? { required } : {}), ...extra };
}
