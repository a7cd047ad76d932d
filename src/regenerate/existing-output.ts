/**
 * What a previous run left in the output folder that belongs to the user: handler files
 * (with the event identity their stub was created with) and the wiring module. Reading is
 * the only impure part of regeneration; everything after works on this snapshot.
 */
import fs from "node:fs";
import path from "node:path";
import { identityIn } from "../model/event-identity.js";
import { isGenerated } from "../write/planned-file.js";

export interface ExistingHandler {
  /** POSIX path relative to the output folder, e.g. `handlers/issues-opened.ts`. */
  path: string;
  text: string;
  /** The `@gen-callbacks-event` identity, when the file still carries it. */
  identity?: string;
}

export interface ExistingOutput {
  handlers: ExistingHandler[];
  /** `handlers/index.ts`, when present. */
  index?: string;
}

export const HANDLERS_DIR = "handlers";
export const INDEX_PATH = "handlers/index.ts";

export function readExistingOutput(outDir: string): ExistingOutput {
  const dir = path.join(outDir, HANDLERS_DIR);
  const out: ExistingOutput = { handlers: [] };
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    if (!name.endsWith(".ts") || name.endsWith(".d.ts")) continue;
    const abs = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(abs);
    } catch {
      continue;
    }
    // Symlinks and folders are not ours to read or update (the writer refuses them too).
    if (!stat.isFile()) continue;
    const text = fs.readFileSync(abs, "utf8");
    const rel = `${HANDLERS_DIR}/${name}`;
    if (rel === INDEX_PATH) {
      out.index = text;
      continue;
    }
    if (isGenerated(text)) continue;
    const identity = identityIn(text);
    out.handlers.push({ path: rel, text, ...(identity ? { identity } : {}) });
  }
  return out;
}
