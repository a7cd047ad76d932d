/**
 * What every bench shares: the repository root, and `[spec] [--runs N]` from the command line
 * (default spec: GitHub's webhooks, the reference document; default 5 runs).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function specAndRuns(argv = process.argv.slice(2)) {
  const runsAt = argv.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 5;
  // The spec is the one argument that is neither a flag nor the value of one (`--runs 3`, `--events a,b`).
  const given = argv.find((a, i) => !a.startsWith("--") && !argv[i - 1]?.startsWith("--"));
  const spec = path.resolve(given ?? path.join(root, "../shared/corpus/real/github-webhooks-3.1/api.github.com.json"));
  return { spec, runs };
}
