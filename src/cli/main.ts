/**
 * The CLI: the only place that touches argv, stdin/stdout/stderr and the exit code. It is a
 * thin layer over the programmatic API (`generate`, `check`, `diff`, `watch`).
 */
import fs from "node:fs";
import path from "node:path";
import { check, generate, type GenerateOptions } from "../api.js";
import { findConfig, loadConfig } from "../config/config.js";
import { Diagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { escapeDiagnostic } from "../diagnostics/escape.js";
import { renderDiagnostic, summaryLine } from "../diagnostics/render.js";
import { diffSpecs } from "../diff/diff-specs.js";
import { renderJson, renderText } from "../diff/render.js";
import type { EventSummary } from "../generate.js";
import { watch } from "../watch.js";
import { generatorVersion } from "../write/runtime-install.js";
import type { WriteOutcome } from "../write/write-files.js";
import { checkAdvice, handlerPlaces, type Invocation } from "./advice.js";
import { HELP, parseCliArgs, type CliRequest } from "./args.js";
import { dlqCommand } from "./dlq.js";
import { EXIT } from "./exit-codes.js";
import { isKitCommand, kitCommand } from "./kit-command.js";

export { EXIT };

export interface CliIo {
  argv: readonly string[];
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  /** stderr is a terminal: then a big document gets a progress line, erased when done. */
  isTTY?: boolean;
  /** Resolves when the user asks a `--watch` run to stop (Ctrl-C); tests resolve it themselves. */
  untilInterrupted?: () => Promise<void>;
}

export async function runCli(io: CliIo): Promise<number> {
  if (io.argv[0] === "dlq") return dlqCommand(io.argv.slice(1), io);
  if (isKitCommand(io.argv)) return kitCommand(io);
  const parsed = parseCliArgs(io.argv);
  if (!parsed.ok) {
    for (const e of parsed.errors) io.stderr(`error usage: ${e}\n`);
    io.stderr(`run gen-callbacks --help for usage\n`);
    return EXIT.badInput;
  }
  const req = parsed.request;
  if (req.command === "help") {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (req.command === "version") {
    io.stdout(generatorVersion() + "\n");
    return EXIT.ok;
  }
  try {
    return req.command === "diff" ? await diffCommand(req, io) : await generateCommand(req, io);
  } catch (e) {
    io.stderr(`internal error: ${(e as Error).message}\n`);
    if (req.debug) io.stderr(`${(e as Error).stack ?? ""}\n`);
    else io.stderr("this is a bug in gen-callbacks; run again with --debug for details and report it\n");
    return EXIT.internal;
  }
}

interface Job {
  label: string;
  options: GenerateOptions;
  /** The revision the output was generated from, for `--check`'s breaking-change report. */
  previous?: string;
  /** How to run this provider again, for the closing advice. */
  invocation: Invocation;
}

/** The providers to run: the one on the command line, or those of the configuration file. */
async function jobs(req: CliRequest, io: CliIo): Promise<Job[] | undefined> {
  const overrides = {
    ...req.overrides,
    ...(req.overrides.refRoot !== undefined ? { refRoot: path.resolve(io.cwd, req.overrides.refRoot) } : {}),
    ...(req.overrides.overlays !== undefined ? { overlays: req.overrides.overlays.map((o) => path.resolve(io.cwd, o)) } : {}),
  };
  if (req.spec !== undefined) {
    const previous = req.previous !== undefined ? { previous: path.resolve(io.cwd, req.previous) } : {};
    return [{ label: req.spec, options: { spec: req.spec, outDir: req.outDir!, cwd: io.cwd, ...overrides }, ...previous, invocation: { spec: req.spec, outDir: req.outDir! } }];
  }
  const file = req.config !== undefined ? path.resolve(io.cwd, req.config) : findConfig(io.cwd);
  if (file === undefined) {
    io.stderr("error usage: no spec given and no configuration file found (gen-callbacks.config.{json,mjs,ts}, or a \"gen-callbacks\" key in package.json)\n");
    io.stderr("run gen-callbacks --help for usage\n");
    return undefined;
  }
  const diags = new Diagnostics();
  const config = await loadConfig(file, diags);
  if (!config) {
    printDiagnostics(io, diags.items, req);
    return undefined;
  }
  return config.providers.map((p) => {
    const { name, out, previous, ...rest } = p;
    return {
      label: name ?? path.relative(io.cwd, p.spec),
      options: { ...rest, outDir: out, cwd: io.cwd, ...overrides },
      ...(previous !== undefined ? { previous } : {}),
      invocation: req.config !== undefined ? { config: req.config } : {},
    };
  });
}

async function generateCommand(req: CliRequest, io: CliIo): Promise<number> {
  const list = await jobs(req, io);
  if (!list) return EXIT.badInput;
  if (req.watch) return watchCommand(list, req, io);
  let exit: number = EXIT.ok;
  const summaries: unknown[] = [];
  for (const job of list) {
    const stdin = job.options.spec === "-" ? await io.readStdin() : undefined;
    const options = { ...job.options, requireEvents: !req.allowEmpty, ...(stdin !== undefined ? { stdin } : {}) };
    const progress = progressLine(io, req, job);
    if (req.check) {
      const c = check({ ...options, ...(job.previous !== undefined ? { previous: job.previous } : {}) });
      progress.done();
      printDiagnostics(io, c.diagnostics, req, c.ok ? undefined : "nothing was checked");
      // The report informs; the verdict stays the check's (a regenerated folder that
      // type-checks has absorbed the change — the report says what it means at run time).
      if (c.changes && !req.json) io.stderr(renderText(c.changes));
      const code = !c.ok ? EXIT.badInput : c.upToDate ? EXIT.ok : EXIT.drift;
      if (!req.json && c.ok && (!req.quiet || !c.upToDate)) io.stderr(checkAdvice(job.label, c, job.invocation, io.cwd) + "\n");
      summaries.push({
        ok: c.ok,
        upToDate: c.upToDate,
        stale: c.stale,
        missing: c.missing,
        extra: c.extra,
        typeErrors: c.typeErrors,
        events: c.events,
        ...(c.mismatches.length ? { mismatches: c.mismatches } : {}),
        recorded: c.recorded,
        ...(c.changes ? { changes: JSON.parse(renderJson(c.changes)) as unknown } : {}),
        diagnostics: jsonDiagnostics(c.diagnostics, io.cwd),
      });
      exit = Math.max(exit, code);
    } else {
      const g = generate({ ...options, ...(req.dryRun ? { dryRun: true } : {}) });
      progress.done();
      printDiagnostics(io, g.diagnostics, req, g.ok ? undefined : "nothing was written");
      if (g.ok && req.dryRun && !req.json) io.stdout(dryRunListing(g.files, job.options.outDir, io.cwd));
      if (g.ok && !req.quiet && !req.json) io.stderr((req.dryRun ? "dry run, nothing written: " : "") + writeSummary(g.events, g.files, job.options.outDir, io.cwd) + "\n");
      const broken = handlerPlaces(g.brokenHandlers, g.events, io.cwd);
      if (broken.length && !req.json) io.stderr(`${job.label}: regenerated, but ${broken.length === 1 ? "a handler no longer type-checks" : `${broken.length} handlers no longer type-check`} against the new types — fix ${broken.join(", ")}\n`);
      summaries.push({ ok: g.ok, events: g.events, files: g.files, orphans: g.orphans, recorded: g.recorded, brokenHandlers: broken, diagnostics: jsonDiagnostics(g.diagnostics, io.cwd) });
      exit = Math.max(exit, !g.ok ? EXIT.badInput : broken.length ? EXIT.drift : EXIT.ok);
    }
  }
  if (req.json) {
    const out = list.length === 1 ? summaries[0] : { providers: list.map((j, i) => ({ name: j.label, ...(summaries[i] as object) })) };
    io.stdout(JSON.stringify(out, null, 2) + "\n");
  }
  return exit;
}

async function watchCommand(list: Job[], req: CliRequest, io: CliIo): Promise<number> {
  const watchers = list.map((job) =>
    watch(job.options, ({ outcome, changed }) => {
      const time = new Date().toTimeString().slice(0, 8);
      const cause = changed.length ? ` (${changed.map((f) => path.relative(io.cwd, f)).join(", ")} changed)` : "";
      printDiagnostics(io, outcome.diagnostics.filter((d) => d.severity === "error"), { ...req, quiet: true });
      const counts = summaryLine(outcome.diagnostics);
      io.stderr(
        outcome.ok
          ? `${time} ${writeSummary(outcome.events, outcome.files, job.options.outDir, io.cwd)}; ${counts}${cause}\n`
          : `${time} ${job.label}: ${counts}; nothing was written${cause}\n`,
      );
    }),
  );
  if (!req.quiet) io.stderr("watching for changes; press Ctrl-C to stop\n");
  await (io.untilInterrupted ?? untilSigint)();
  for (const w of watchers) w.close();
  return EXIT.ok;
}

async function diffCommand(req: CliRequest, io: CliIo): Promise<number> {
  const result = diffSpecs(path.resolve(io.cwd, req.diffOld!), path.resolve(io.cwd, req.diffNew!), { cwd: io.cwd, ...req.overrides });
  printDiagnostics(io, result.diagnostics.filter((d) => d.severity === "error"), req);
  if (!result.diff) return EXIT.badInput;
  io.stdout(req.json ? renderJson(result.diff) : renderText(result.diff));
  return result.diff.summary.breaking > 0 ? EXIT.drift : EXIT.ok;
}

function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[], req: Pick<CliRequest, "quiet" | "verbose">, failedTail?: string): void {
  const shown = diagnostics.filter((d) => (!req.quiet || d.severity === "error") && (req.verbose || d.reachesOutput !== false));
  const unreached = diagnostics.length - diagnostics.filter((d) => d.reachesOutput !== false).length;
  for (const { first, more } of req.verbose ? shown.map((first) => ({ first, more: 0 })) : folded(shown)) {
    io.stderr(renderDiagnostic(first, { cwd: io.cwd }) + "\n");
    if (more) io.stderr(`  … and ${more} more ${first.severity === "info" ? "note" : first.severity}${more === 1 ? "" : "s"} ${first.severity === "info" ? first.code : "like it"} (--verbose shows all)\n`);
    io.stderr("\n");
  }
  const hidden = unreached && !req.verbose ? ` (${unreached} about schemas no generated event uses, not shown; --verbose shows them)` : "";
  if (!req.quiet || failedTail) io.stderr(`${summaryLine(diagnostics)}${hidden}${failedTail ? `; ${failedTail}` : ""}\n`);
}

/**
 * Repeated diagnostics folded: notes by code (Svix's 39 `nullable` notes are one line),
 * warnings only when their message is the same; every error is shown. The first of each group stands for it.
 */
function folded(list: readonly Diagnostic[]): { first: Diagnostic; more: number }[] {
  const groups = new Map<string, { first: Diagnostic; more: number }>();
  for (const [i, d] of list.entries()) {
    const key = d.severity === "info" ? `info ${d.code}` : d.severity === "warning" ? `warning ${d.code} ${d.message}` : `error ${i}`;
    const g = groups.get(key);
    if (g) g.more++;
    else groups.set(key, { first: d, more: 0 });
  }
  return [...groups.values()];
}

function writeSummary(events: readonly EventSummary[], files: readonly WriteOutcome[], outDir: string, cwd: string): string {
  const count = (a: WriteOutcome["action"]) => files.filter((o) => o.action === a).length;
  return (
    `${events.length} event${events.length === 1 ? "" : "s"} → ${path.relative(cwd, path.resolve(cwd, outDir)) || "."}: ` +
    `${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged, ${count("kept")} kept (yours)${count("removed") ? `, ${count("removed")} removed (no longer generated)` : ""}`
  );
}

/** Documents from this size on take seconds: say what is going on (on a terminal only, never in logs). */
const BIG_DOCUMENT_BYTES = 2 * 1024 * 1024;

function progressLine(io: CliIo, req: CliRequest, job: Job): { done(): void } {
  const none = { done: () => undefined };
  if (!io.isTTY || req.quiet || req.json || job.options.spec === "-") return none;
  let size: number;
  try {
    size = fs.statSync(path.resolve(io.cwd, job.options.spec)).size;
  } catch {
    return none;
  }
  if (size < BIG_DOCUMENT_BYTES) return none;
  io.stderr(`${job.label}: ${req.check ? "checking" : "generating"} from ${(size / 1024 / 1024).toFixed(1)} MB…`);
  // Carriage return and erase-line: the line disappears once the run has something to say.
  return { done: () => io.stderr("\r\x1b[2K") };
}

/** `--dry-run`: each file that would change, as `created|updated|removed <path>`. */
function dryRunListing(files: readonly WriteOutcome[], outDir: string, cwd: string): string {
  const dir = path.relative(cwd, path.resolve(cwd, outDir)) || ".";
  const changing = files.filter((f) => f.action === "created" || f.action === "updated" || f.action === "removed");
  return changing.map((f) => `${f.action.padEnd(7)} ${path.posix.join(dir.split(path.sep).join("/"), f.path)}\n`).join("");
}

function jsonDiagnostics(list: readonly Diagnostic[], cwd: string): unknown[] {
  return list.map((d) => ({ ...escapeDiagnostic(d), file: d.file ? displayFile(d.file, cwd) : undefined }));
}

function displayFile(file: string, cwd: string): string {
  if (file === "<stdin>") return file;
  const rel = path.relative(cwd, file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel.split(path.sep).join("/");
}

function untilSigint(): Promise<void> {
  return new Promise((resolve) => process.once("SIGINT", () => resolve()));
}
