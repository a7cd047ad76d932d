/**
 * vitest's global setup: when the shared folder is absent, says so once, at the end of the
 * run, under vitest's own counts — how many test files had tests skipped for it, and how to
 * get it. (Each skipped test stays silent.) On stderr, so that a reporter writing to stdout
 * (`--reporter=json`) keeps its output clean.
 */
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { HAS_SHARED, missingSharedLine } from "./shared.js";

/** A test file with tests that need the shared folder uses one of these. */
const NEEDS_SHARED = /\b(describeShared|itShared|sharedRows)\b/;

export default function setup(project: TestProject): (() => void) | undefined {
  if (HAS_SHARED) return undefined;
  return () => {
    const files = project.vitest.state.getFiles().filter((f) => f.filepath && NEEDS_SHARED.test(fs.readFileSync(f.filepath, "utf8")));
    if (files.length > 0) console.warn(missingSharedLine(files.length));
  };
}
