/**
 * `--watch`: regenerate whenever the spec or any file it references changes. Folders are
 * watched rather than files, because editors save by writing a new file and renaming it
 * over the old one, which ends a watch on the file itself. Changes are debounced (an editor
 * save fires several events) and every run re-reads the set of referenced files, since an
 * edit can add or drop a `$ref`.
 */
import fs from "node:fs";
import path from "node:path";
import { generate, type GenerateOptions, type GenerateOutcome } from "./api.js";

export interface WatchRun {
  outcome: GenerateOutcome;
  /** The files whose change caused this run (empty for the first run). */
  changed: string[];
}

export interface Watcher {
  close(): void;
}

export function watch(options: GenerateOptions, onRun: (run: WatchRun) => void, debounceMs = 100): Watcher {
  const cwd = options.cwd ?? process.cwd();
  const entry = options.spec === "-" ? undefined : path.resolve(cwd, options.spec);
  const watchers = new Map<string, fs.FSWatcher>();
  let inputs = new Set<string>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const run = (changed: string[]) => {
    const outcome = generate(options);
    // A failed run may not have reached every file (one that no longer parses is not in
    // `inputs`), so keep watching what the last good run read: fixing it must trigger a run.
    // The entry is always watched.
    const read = [...outcome.inputs, ...(entry ? [entry] : [])];
    inputs = new Set(outcome.ok ? read : [...inputs, ...read]);
    sync();
    onRun({ outcome, changed });
  };

  const sync = () => {
    const dirs = new Set([...inputs].map((f) => path.dirname(f)));
    for (const [dir, w] of watchers) {
      if (!dirs.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        const w = fs.watch(dir, (_event, name) => {
          if (name === null) return;
          const file = path.join(dir, name.toString());
          if (!inputs.has(file)) return;
          pending.add(file);
          clearTimeout(timer);
          timer = setTimeout(flush, debounceMs);
        });
        w.on("error", () => watchers.delete(dir));
        watchers.set(dir, w);
      } catch {
        // A folder that vanished is picked up again when a run lists it.
      }
    }
  };

  const flush = () => {
    if (closed) return;
    const changed = [...pending].sort();
    pending = new Set();
    run(changed);
  };

  run([]);
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
