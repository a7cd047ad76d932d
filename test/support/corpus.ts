/**
 * The real specs in the shared corpus (`corpus/real`, found by `shared.ts`) and the counts
 * INDEX.md gives for each, read from INDEX.md itself so that the tests check against the
 * published numbers; and GitHub's webhooks spec as its npm package publishes it.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CORPUS } from "./shared.js";

/**
 * GitHub's webhooks spec from `@octokit/openapi-webhooks` (pinned to 12.1.0, whose
 * `generated/api.github.com.json` is byte for byte the corpus' github-webhooks-3.1), so that
 * the tests of GitHub's spec run without the shared folder.
 */
export const GITHUB_WEBHOOKS_SPEC = createRequire(import.meta.url).resolve("@octokit/openapi-webhooks/generated/api.github.com.json");

export interface CorpusEntry {
  name: string;
  /** Entry document. */
  file: string;
  /** Operations inside Callback Objects reached from `paths`. */
  callbackOps: number;
  /** Operations under 3.1 `webhooks`. */
  webhookOps: number;
  /** Operations under `x-webhooks`. */
  xWebhookOps: number;
  /** `components/callbacks` entries no operation uses. */
  unusedComponentCallbacks: number;
  bytes: number;
}

/**
 * Documents that describe the same events twice, under `webhooks` and `x-webhooks`; the
 * issue says each such event counts once. INDEX.md notes it for Svix ("3.1 with BOTH
 * `webhooks` and `x-webhooks`"), whose 14 x-webhooks repeat its 14 webhooks.
 */
export const DESCRIBED_TWICE: Readonly<Record<string, number>> = { "svix-lib-openapi": 14 };

export function corpusEntries(): CorpusEntry[] {
  const index = fs.readFileSync(path.join(CORPUS, "INDEX.md"), "utf8");
  const rows = index.split("\n").filter((l) => /^\| \d+ \| /.test(l));
  return rows.map((row) => {
    const cells = row.split(" | ").map((c) => c.trim());
    const name = cells[1]!;
    const cb = cells[6]!;
    const wh = cells[7]!;
    const entry: CorpusEntry = {
      name,
      file: entryFile(name),
      callbackOps: Number(/^\d+/.exec(cb)![0]),
      webhookOps: Number(/^\d+/.exec(wh)![0]),
      xWebhookOps: Number(/\(\+(\d+) x-webhooks\)/.exec(wh)?.[1] ?? 0),
      unusedComponentCallbacks: Number(/\(\+(\d+) unused components\.callbacks\)/.exec(cb)?.[1] ?? 0),
      bytes: 0,
    };
    entry.bytes = fs.statSync(entry.file).size;
    return entry;
  });
}

/** The one spec document at the top of a corpus folder. */
function entryFile(name: string): string {
  const dir = path.join(CORPUS, name);
  const files = fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
  if (files.length !== 1) throw new Error(`expected one spec file in ${dir}, found ${files.join(", ")}`);
  return path.join(dir, files[0]!);
}

export function expectedEvents(e: CorpusEntry): { callbacks: number; webhooks: number } {
  return { callbacks: e.callbackOps, webhooks: e.webhookOps + e.xWebhookOps - (DESCRIBED_TWICE[e.name] ?? 0) };
}
