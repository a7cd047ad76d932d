/**
 * vitest's global setup: when the shared folder (or a Redis server) is absent, says so once, at the end of the
 * run, under vitest's own counts — how many test files had tests skipped for it, and how to
 * get it. (Each skipped test stays silent.) On stderr, so that a reporter writing to stdout
 * (`--reporter=json`) keeps its output clean.
 */
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { HAS_REDIS, MISSING_REDIS_LINE } from "./redis.js";
import { HAS_SHARED, missingSharedLine } from "./shared.js";

/** A test file with tests that need the shared folder uses one of these. */
const NEEDS_SHARED = /\b(describeShared|itShared|sharedRows)\b/;
/** …and one that needs a Redis server, this. */
const NEEDS_REDIS = /\bdescribeRedis\b/;

export default function setup(project: TestProject): (() => void) | undefined {
  if (HAS_SHARED && HAS_REDIS) return undefined;
  return () => {
    const using = (re: RegExp) => project.vitest.state.getFiles().filter((f) => f.filepath && re.test(fs.readFileSync(f.filepath, "utf8")));
    if (!HAS_SHARED && using(NEEDS_SHARED).length > 0) console.warn(missingSharedLine(using(NEEDS_SHARED).length));
    if (!HAS_REDIS && using(NEEDS_REDIS).length > 0) console.warn(MISSING_REDIS_LINE);
  };
}
