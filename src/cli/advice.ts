/**
 * The closing line of a run: the one next step that fixes what was found, as a command to
 * copy or the handler to edit — never "regenerate" when only handler edits can help, and
 * never a spec change for what is an option left out.
 */
import path from "node:path";
import type { CheckOutcome } from "../api.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../diagnostics/render.js";
import type { EventSummary } from "../generate.js";
import type { Mismatch } from "../write/manifest.js";

/** How the user ran this provider: the spec and folder on the command line, or a configuration file. */
export interface Invocation {
  spec?: string;
  outDir?: string;
  config?: string;
}

const FLAGS: Record<Mismatch["option"], string> = {
  adapters: "--adapter",
  runtime: "--runtime",
  policy: "--policy",
  webhookRoutes: "--webhook-routes",
  webhookPath: "--webhook-path",
  events: "--events",
  overlays: "--overlay",
};

const quote = (s: string) => (/^[A-Za-z0-9._\/:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function command(inv: Invocation, extra: string[] = []): string {
  const base = inv.spec !== undefined ? ["gen-callbacks", quote(inv.spec), "-o", quote(inv.outDir ?? ".")] : ["gen-callbacks", ...(inv.config !== undefined ? ["--config", quote(inv.config)] : [])];
  return [...base, ...extra].join(" ");
}

/** The flag that gives `m`'s recorded or given value, as typed in `cwd` (overlay files relative to it). */
function flag(m: Mismatch, side: "recorded" | "given", cwd: string): string {
  const value = m[side];
  if (m.option === "adapters") return `--adapter ${value === "(none)" ? "none" : value}`;
  if (m.option === "overlays") {
    const files = (side === "recorded" ? m.recordedPaths : m.givenPaths) ?? value.split(",");
    return files.map((o) => `--overlay ${quote(path.isAbsolute(o) ? path.relative(cwd, o).split(path.sep).join("/") || "." : o)}`).join(" ");
  }
  return `${FLAGS[m.option]} ${quote(value)}`;
}

/** Handler `file:line:col` (and its handler name, when an event's file matches). */
export function handlerPlaces(list: readonly Diagnostic[], events: readonly EventSummary[], cwd: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const d of list) {
    if (d.code !== "handler-type-error" || d.file === undefined || seen.has(d.file)) continue;
    seen.add(d.file);
    const base = path.basename(d.file, ".ts").replace(/-/g, "").toLowerCase();
    const handler = events.find((e) => e.handler.toLowerCase() === base)?.handler;
    out.push(`${handler ? `${handler} at ` : ""}${displayPath(d.file, cwd)}:${d.line ?? 1}:${d.column ?? 1}`);
  }
  return out;
}

export function checkAdvice(label: string, c: CheckOutcome, inv: Invocation, cwd: string): string {
  if (c.upToDate) return `${label}: up to date (${c.events.length} event${c.events.length === 1 ? "" : "s"}, handlers type-check)`;
  if (c.mismatches.length) {
    const recorded = c.mismatches.map((m) => flag(m, "recorded", cwd)).join(" ");
    const given = c.mismatches.map((m) => flag(m, "given", cwd)).join(" ");
    const how = inv.spec !== undefined ? `leave ${c.mismatches.map((m) => FLAGS[m.option]).join(", ")} out (or pass ${recorded})` : `set ${c.mismatches.map((m) => m.option).join(", ")} in the configuration back to the recorded value`;
    return (
      `${label}: not compared — this run's options differ from those the folder was generated with (gen-callbacks.json: ${recorded}).\n` +
      `  to check the folder as generated, ${how}: ${command(inv, ["--check"])}\n` +
      `  to change the folder's options instead, regenerate: ${command(inv, inv.spec !== undefined ? [given] : [])}`
    );
  }
  const handlers = handlerPlaces(c.diagnostics, c.events, cwd);
  const outputBroken = c.diagnostics.some((d) => d.code === "output-type-error");
  const stale = c.stale.length + c.missing.length + c.extra.length > 0;
  const steps: string[] = [];
  if (stale) steps.push(`regenerate: ${command(inv)}`);
  if (handlers.length) steps.push(`${stale ? "then " : ""}fix ${handlers.length === 1 ? "the handler" : `${handlers.length} handlers`} the new types break: ${handlers.slice(0, 10).join(", ")}${handlers.length > 10 ? `, and ${handlers.length - 10} more` : ""}`);
  if (outputBroken) steps.push("the generated code does not type-check in this project: install what it imports (see the output README, \"Requirements\") and check the tsconfig (ES2022 modules)");
  return `${label}: out of date — ${steps.join("; ")}`;
}
