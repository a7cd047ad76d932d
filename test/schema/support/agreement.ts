/**
 * Driver of the type-agreement test: generate `types.ts` + `schemas.ts` and type-check the
 * pairs in a compiler process of their own (separate processes let checks run on all CPUs
 * and keep each compiler's memory bounded).
 */
import type { SchemaSet, ValidationPolicy } from "../../../src/model/schema-set.js";
import { refsOf } from "../../../src/schema/ref-graph.js";
import { generate, scratchDir, typeCheck, type GeneratedPair } from "./modules.js";
import { readSpec, specSet, versionOf } from "./sets.js";
import { GITHUB_WEBHOOKS_SPEC } from "../../support/corpus.js";
import { CORPUS } from "../../support/shared.js";

/** GitHub's from its npm package; the others from the shared corpus (tests of them need it). */
export const SPECS = {
  github: GITHUB_WEBHOOKS_SPEC,
  okta: `${CORPUS}/okta-management/management-minimal.yaml`,
  dropbox: `${CORPUS}/dropbox-sign-hellosign/openapi.yaml`,
  telnyx: `${CORPUS}/telnyx-3.1-webhooks/spec3.yml`,
  adyen: `${CORPUS}/adyen-webhooks/Webhooks-v1.json`,
  openai: `${CORPUS}/openai/openapi.yaml`,
} as const;

export function specSchemaSet(name: keyof typeof SPECS): SchemaSet {
  const file = SPECS[name];
  return specSet(file, versionOf(readSpec(file)));
}

/** Type errors of `sets` generated in `policies` (empty when every pair agrees). */
export async function agreementErrors(
  label: string,
  sets: Record<string, SchemaSet>,
  policies: readonly ValidationPolicy[],
  formats?: "assert" | "annotate",
): Promise<string[]> {
  const pairs: Record<string, GeneratedPair> = {};
  for (const [name, set] of Object.entries(sets)) for (const policy of policies) pairs[`${name}-${policy}`] = generate(set, policy, formats);
  const scratch = scratchDir(label);
  try {
    return await typeCheck(scratch.dir, pairs);
  } finally {
    scratch.cleanup();
  }
}

/**
 * Every `every`-th member of `set` plus everything it references (a set must be closed
 * under `$ref`): a deterministic sample that keeps the spec's shapes at a fraction of the
 * compiler time.
 */
export function closureSample(set: SchemaSet, every: number): SchemaSet {
  const byKey = new Map(set.schemas.map((m) => [m.key, m]));
  const keep = new Set<string>();
  const stack = set.schemas.filter((_, i) => i % every === 0).map((m) => m.key);
  while (stack.length) {
    const key = stack.pop()!;
    if (keep.has(key)) continue;
    keep.add(key);
    for (const r of refsOf(byKey.get(key)!.schema)) if (byKey.has(r)) stack.push(r);
  }
  return { schemas: set.schemas.filter((m) => keep.has(m.key)) };
}
