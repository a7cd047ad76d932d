/**
 * The shared folder: the real-spec corpus (`corpus/real`) and the test vectors (`vectors`)
 * that live beside the repository, not in it. This module is the one place that finds it:
 * the folder `GEN_CALLBACKS_SHARED` names, else `../shared` next to the repository.
 *
 * When it is absent, the tests that read it are skipped (`describeShared`, `itShared`,
 * `sharedRows`) and everything else runs; `shared-setup.ts` (vitest's global setup) prints
 * one line saying how to get it. Data that registry packages publish does not come from
 * here: GitHub's webhooks spec is `@octokit/openapi-webhooks` (see `corpus.ts`), its example
 * payloads `@octokit/webhooks-examples`.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, it, type SuiteAPI, type TestAPI } from "vitest";

/** The environment variable that names the shared folder. */
export const SHARED_ENV = "GEN_CALLBACKS_SHARED";

const REPO = path.resolve(import.meta.dirname, "../..");
const named = process.env[SHARED_ENV];

const given = named ? path.resolve(named) : path.resolve(REPO, "../shared");
/**
 * Where the shared folder is, or would be: its real path when it is there (through any
 * symbolic link), since that is how the loader names the files it reads.
 */
export const SHARED = fs.existsSync(given) ? fs.realpathSync(given) : given;
export const CORPUS = path.join(SHARED, "corpus/real");
export const VECTORS = path.join(SHARED, "vectors");
export const OAI_FIXTURES = path.join(VECTORS, "oai-schema-fixtures");
export const HAZARDS = path.join(VECTORS, "generator-hazards");
export const JSON_SCHEMA_SUITE = path.join(VECTORS, "json-schema-test-suite");

/** Whether the shared folder is there: its corpus and its vectors. */
export const HAS_SHARED = fs.existsSync(CORPUS) && fs.existsSync(VECTORS);

/** A `describe` whose tests all read the shared folder: skipped without it. */
export const describeShared: ReturnType<SuiteAPI["skipIf"]> = describe.skipIf(!HAS_SHARED);

/** An `it` that reads the shared folder: skipped without it. */
export const itShared: ReturnType<TestAPI["skipIf"]> = it.skipIf(!HAS_SHARED);

/**
 * The rows of a table test over shared data. Without the folder, `standIn` alone, so that
 * the skipped test is still counted as skipped (an empty table makes no test at all).
 * Use with `itShared.each` or inside `describeShared`.
 */
export function sharedRows<T>(rows: () => T[], standIn: T): T[] {
  return HAS_SHARED ? rows() : [standIn];
}

/** The one line a run prints when the folder is absent; `files`: test files whose shared-data tests were skipped. */
export function missingSharedLine(files: number): string {
  const where = named ? `${SHARED_ENV}=${named} has no corpus/real and vectors` : "../shared not found";
  return `skipped ${files} test files' shared-data tests: ${where} — set ${SHARED_ENV}=/path/to/shared (the gen-callbacks shared corpus and vectors)`;
}

export interface HostileStrings {
  strings: { value: string }[];
  patterns: { value: string }[];
}

let hostile: HostileStrings | undefined;

/** `vectors/generator-hazards/injection/hostile-strings.json`, read on first use. */
export function hostileStrings(): HostileStrings {
  return (hostile ??= JSON.parse(fs.readFileSync(path.join(HAZARDS, "injection/hostile-strings.json"), "utf8")) as HostileStrings);
}
