// Runs the built CLI in this process on one spec and prints what it cost, as JSON on the
// last line of stdout: exit code, CPU of the run alone (modules are imported first, so the
// figure is the work the document causes), the peak RSS of the whole process (modules
// included, so the bound is conservative), and the diagnostics `--json` printed.
// Usage: node measure-cli.mjs <dist/cli/main.js> <spec> <out-dir>
import { pathToFileURL } from "node:url";

const [main, spec, out] = process.argv.slice(2);
const { runCli } = await import(pathToFileURL(main).href);
const baselineRss = process.resourceUsage().maxRSS;
let stdout = "";
let stderr = "";
const started = process.cpuUsage();
const t0 = performance.now();
const code = await runCli({
  argv: [spec, "-o", out, "--json"],
  cwd: process.cwd(),
  stdout: (t) => void (stdout += t),
  stderr: (t) => void (stderr += t),
  readStdin: async () => "",
});
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(started);
let diagnostics = [];
try {
  diagnostics = JSON.parse(stdout).diagnostics ?? [];
} catch {
  // Not JSON (an internal error prints to stderr only): reported through `code` and `stderr`.
}
process.stdout.write(
  "\n" +
    JSON.stringify({
      code,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      wallMs: Math.round(wallMs),
      baselineRssMB: Math.round(baselineRss / 1024),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      diagnostics: diagnostics.map((d) => ({ severity: d.severity, code: d.code, line: d.line, column: d.column, pointer: d.pointer, message: d.message.slice(0, 300) })),
      stderr: stderr.slice(0, 2000),
    }) +
    "\n",
);
