/**
 * The files of an output folder that gen-callbacks generated (they carry its banner; user files
 * never do), and which of them a regeneration may remove when nothing produces them any more.
 */
import fs from "node:fs";
import path from "node:path";
import { isGenerated } from "./planned-file.js";

/** Files under `root` that carry the generated marker (user files never do). */
export function generatedFilesIn(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.isFile() && /\.(ts|md)$/.test(e.name)) {
        const head = readHead(path.join(dir, e.name));
        if (isGenerated(head)) out.push(r);
      }
    }
  };
  walk(root, "");
  return out;
}

function readHead(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(300);
    const n = fs.readSync(fd, buf, 0, 300, 0);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A generated file nothing produces any more is removed by regeneration — unless it is an
 * adapter: a run that forgot its `--adapter` list must not delete what the user's server
 * imports. (Runtime modules, schemas and types always come as a whole set.)
 */
export function removedOnRegeneration(rel: string): boolean {
  return !rel.startsWith("adapters/");
}
