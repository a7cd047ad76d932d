/**
 * The only code that writes to the user's disk. Two passes: first every file is checked
 * (paths confined to the output folder, no symlinks, no clobbering of files we did not
 * generate); only when all checks pass is anything written, each file atomically (temp
 * file in the same folder, then rename), and only when its content changed.
 */
import fs from "node:fs";
import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { generatedFilesIn, removedOnRegeneration } from "./generated-files.js";
import { isGenerated, isSafeRelativePath, type PlannedFile } from "./planned-file.js";

/**
 * `kept`: a user file left alone. `updated` of a user file: a surgical update (see
 * PlannedFile.base). `removed`: a generated file nothing produces any more (generated-files.ts).
 */
export type WriteAction = "created" | "updated" | "unchanged" | "kept" | "removed";

export interface WriteOutcome {
  path: string;
  action: WriteAction;
}

interface Step {
  file: PlannedFile;
  abs: string;
  existing: string | undefined;
}

export function writeFiles(outDir: string, files: readonly PlannedFile[], diags: Diagnostics): WriteOutcome[] | undefined {
  const root = path.resolve(outDir);
  const steps = checkAll(root, files, diags);
  if (!steps) return undefined;
  const outcomes: WriteOutcome[] = [];
  try {
    for (const s of steps) outcomes.push(writeStep(s));
    outcomes.push(...removeLeftovers(root, files));
  } catch (e) {
    diags.error("output-write-failed", `writing the output failed: ${(e as Error).message}`, { file: root }, "check permissions and free space, then run again; files are written atomically, so none is half-written");
    return undefined;
  }
  return outcomes;
}

/** What `writeFiles` would do, with the same checks, writing nothing (`--dry-run`). */
export function previewFiles(outDir: string, files: readonly PlannedFile[], diags: Diagnostics): WriteOutcome[] | undefined {
  const root = path.resolve(outDir);
  const steps = checkAll(root, files, diags);
  if (!steps) return undefined;
  return [...steps.map((s) => stepAction(s)), ...leftovers(root, files).map((rel) => ({ path: rel, action: "removed" as const }))];
}

function stepAction(s: Step): WriteOutcome {
  const action: WriteAction =
    s.existing === undefined ? "created" : s.file.owner === "user" && s.file.base === undefined ? "kept" : s.existing === s.file.content ? "unchanged" : "updated";
  return { path: s.file.path, action };
}

function writeStep(s: Step): WriteOutcome {
  if (s.existing !== undefined) {
    if (s.file.owner === "user" && s.file.base === undefined) return { path: s.file.path, action: "kept" };
    if (s.existing === s.file.content) return { path: s.file.path, action: "unchanged" };
    atomicWrite(s.abs, s.file.content);
    return { path: s.file.path, action: "updated" };
  }
  fs.mkdirSync(path.dirname(s.abs), { recursive: true });
  atomicWrite(s.abs, s.file.content);
  return { path: s.file.path, action: "created" };
}

/** Removes generated files (banner-marked, regular, not linked) that nothing produces any more. */
function removeLeftovers(root: string, files: readonly PlannedFile[]): WriteOutcome[] {
  return leftovers(root, files).map((rel) => {
    const abs = path.join(root, ...rel.split("/"));
    fs.rmSync(abs);
    removeEmptyFolders(root, path.dirname(abs));
    return { path: rel, action: "removed" };
  });
}

function leftovers(root: string, files: readonly PlannedFile[]): string[] {
  const planned = new Set(files.map((f) => f.path));
  return generatedFilesIn(root).filter((rel) => !planned.has(rel) && removedOnRegeneration(rel) && isSafeRelativePath(rel) && !isSymlink(path.join(root, ...rel.split("/"))));
}

/**
 * Removes `dir` and its parents up to `root` while they are empty: a folder that held only
 * generated files (`runtime/` after switching to the packaged runtime) goes with them; a
 * folder holding anything else, the user's included, stays.
 */
function removeEmptyFolders(root: string, dir: string): void {
  for (let d = dir; d !== root && d.startsWith(root + path.sep); d = path.dirname(d)) {
    if (fs.readdirSync(d).length > 0) return;
    fs.rmdirSync(d);
  }
}

/** Reads what is on disk for each planned file; reports every reason not to write. */
export function checkAll(root: string, files: readonly PlannedFile[], diags: Diagnostics): Step[] | undefined {
  let ok = true;
  const fail = (message: string, hint: string, file?: string) => {
    ok = false;
    diags.error("output-unsafe", message, file ? { file } : {}, hint);
  };
  if (isSymlink(root)) {
    fail(`the output folder ${root} is a symbolic link`, "pass the folder it points to, so that it is clear where files are written", root);
    return undefined;
  }
  if (fs.existsSync(root) && !fs.statSync(root).isDirectory()) {
    fail(`the output path ${root} exists and is not a folder`, "choose a folder with -o", root);
    return undefined;
  }
  const steps: Step[] = [];
  for (const file of files) {
    if (!isSafeRelativePath(file.path)) {
      fail(`refusing to write "${file.path}": not a plain relative path inside the output folder`, "this is a generator bug; please report it");
      continue;
    }
    const abs = path.join(root, ...file.path.split("/"));
    if (!abs.startsWith(root + path.sep)) {
      fail(`refusing to write outside the output folder: ${file.path}`, "this is a generator bug; please report it");
      continue;
    }
    // Every folder between the output root and the file must be a real folder.
    let dir = path.dirname(abs);
    let linked = false;
    while (dir.length > root.length) {
      if (isSymlink(dir)) linked = true;
      dir = path.dirname(dir);
    }
    if (linked || isSymlink(abs)) {
      fail(`refusing to write ${file.path}: it (or a folder on its way) is a symbolic link`, "replace the link with a real file or folder", abs);
      continue;
    }
    let existing: string | undefined;
    if (fs.existsSync(abs)) {
      if (!fs.statSync(abs).isFile()) {
        fail(`${file.path} exists and is not a file`, "move it away and run again", abs);
        continue;
      }
      existing = fs.readFileSync(abs, "utf8");
      if (file.owner === "user" && file.base !== undefined && existing !== file.base) {
        fail(`${file.path} changed while gen-callbacks was running; it was not updated`, "run gen-callbacks again", abs);
        continue;
      }
      if (file.owner === "generated" && !isGenerated(existing)) {
        fail(
          `${file.path} exists and was not generated by gen-callbacks; it will not be overwritten`,
          "move your file elsewhere, or generate into another folder with -o",
          abs,
        );
        continue;
      }
    }
    steps.push({ file, abs, existing });
  }
  return ok ? steps : undefined;
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Temp file next to the target (same file system, not world-readable), then rename. */
function atomicWrite(abs: string, content: string): void {
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, content, { mode: 0o644, flag: "wx" });
  try {
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
