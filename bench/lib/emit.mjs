/**
 * What the benches that run the TypeScript runtime share: a `--name value` flag reader, and
 * emitting TypeScript to JavaScript without type-checking (checking is not what they measure).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The value after `--name` on the command line, or `fallback`. */
export function flag(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

/** Emits `files` (and what they import) from `rootDir` to `outDir` as ES2022 Node modules. */
export function emitJs({ files, rootDir, outDir, extra = [] }) {
  const tsc = spawnSync(
    process.execPath,
    [
      require.resolve("typescript/bin/tsc"),
      "--noCheck",
      "--skipLibCheck",
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
      "--target",
      "es2022",
      ...extra,
      "--rootDir",
      rootDir,
      "--outDir",
      outDir,
      ...files,
    ],
    { encoding: "utf8" },
  );
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
}
