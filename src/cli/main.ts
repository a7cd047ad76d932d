/**
 * The CLI: the only place that touches argv, stdin/stdout/stderr and the exit code. It is a
 * thin layer over `generate` / `writeFiles` / `checkOutput`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { Diagnostics, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { renderDiagnostic, summaryLine } from "../diagnostics/render.js";
import { generate, type GenerateResult } from "../generate.js";
import { checkOutput } from "../write/check-output.js";
import { writeFiles, type WriteOutcome } from "../write/write-files.js";
import { HELP, parseCliArgs, type CliRequest } from "./args.js";

export const EXIT = { ok: 0, drift: 1, badInput: 2, internal: 3 } as const;

export interface CliIo {
  argv: readonly string[];
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

export async function runCli(io: CliIo): Promise<number> {
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
    io.stdout(version() + "\n");
    return EXIT.ok;
  }
  try {
    return await generateCommand(req, io);
  } catch (e) {
    io.stderr(`internal error: ${(e as Error).message}\n`);
    if (req.debug) io.stderr(`${(e as Error).stack ?? ""}\n`);
    else io.stderr("this is a bug in gen-callbacks; run again with --debug for details and report it\n");
    return EXIT.internal;
  }
}

async function generateCommand(req: CliRequest, io: CliIo): Promise<number> {
  const stdin = req.spec === "-" ? await io.readStdin() : undefined;
  const result = generate({
    spec: req.spec!,
    ...(stdin !== undefined ? { stdin } : {}),
    cwd: io.cwd,
    policy: req.policy,
    webhookRoutes: req.webhookRoutes,
    webhookPath: req.webhookPath,
    ...(req.refRoot !== undefined ? { refRoot: req.refRoot } : {}),
  });
  const outDir = path.resolve(io.cwd, req.outDir!);
  const outputDiags = new Diagnostics();
  let outcomes: WriteOutcome[] | undefined;
  let drift = false;
  if (result.ok) {
    if (req.check) {
      const check = checkOutput(outDir, result.files, outputDiags);
      drift = !check.upToDate;
    } else {
      outcomes = writeFiles(outDir, result.files, outputDiags);
    }
  }
  const diagnostics = sortDiagnostics([...result.diagnostics, ...outputDiags.items]);
  const failed = diagnostics.some((d) => d.severity === "error" && d.code !== "output-stale" && d.code !== "output-missing" && d.code !== "output-extra");
  report(req, io, result, diagnostics, outcomes, outDir, failed);
  if (failed) return EXIT.badInput;
  return drift ? EXIT.drift : EXIT.ok;
}

function report(
  req: CliRequest,
  io: CliIo,
  result: GenerateResult,
  diagnostics: Diagnostic[],
  outcomes: WriteOutcome[] | undefined,
  outDir: string,
  failed: boolean,
): void {
  const shown = diagnostics.filter((d) => !req.quiet || d.severity === "error");
  for (const d of shown) io.stderr(renderDiagnostic(d, { cwd: io.cwd }) + "\n\n");
  if (!req.quiet || failed) {
    const tail = failed ? "; nothing was written" : "";
    io.stderr(`${summaryLine(diagnostics)}${tail}\n`);
  }
  if (!failed && !req.quiet && !req.json && outcomes) {
    const count = (a: WriteOutcome["action"]) => outcomes.filter((o) => o.action === a).length;
    io.stderr(
      `${result.events.length} event${result.events.length === 1 ? "" : "s"} → ${path.relative(io.cwd, outDir) || "."}: ` +
        `${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged, ${count("kept")} kept (yours)\n`,
    );
  }
  if (req.json) {
    const summary = {
      ok: !failed,
      events: result.events,
      files: (outcomes ?? result.files.map((f) => ({ path: f.path, action: req.check ? "checked" : "planned" }))).map((o) => ({
        ...o,
        owner: result.files.find((f) => f.path === o.path)?.owner,
      })),
      diagnostics: diagnostics.map((d) => ({ ...d, file: d.file ? displayFile(d.file, io.cwd) : undefined })),
    };
    io.stdout(JSON.stringify(summary, null, 2) + "\n");
  }
}

function displayFile(file: string, cwd: string): string {
  if (file === "<stdin>") return file;
  const rel = path.relative(cwd, file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel.split(path.sep).join("/");
}

function version(): string {
  const pkg = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "package.json");
  return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
}
