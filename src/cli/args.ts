/**
 * Command-line parsing: argv → a typed request, or usage errors. No I/O here.
 */
import { parseArgs } from "node:util";
import { ADAPTERS, type AdapterName } from "../emit/runtime-files.js";
import { RUNTIME_KINDS, type RuntimeKind } from "../emit/runtime-location.js";
import { closest } from "../load/suggest.js";
import { ALL_POLICIES, type ValidationPolicy } from "../model/schema-set.js";
import { KIT_HELP } from "./kit-args.js";

export type WebhookRoutes = "shared" | "per-event";

/** Settings a flag gave explicitly; they override the configuration file. */
export interface Overrides {
  policy?: ValidationPolicy;
  webhookRoutes?: WebhookRoutes;
  webhookPath?: string;
  adapters?: AdapterName[];
  /** `--runtime`: import the runtime from the installed package, or carry a copy. */
  runtime?: RuntimeKind;
  /** `--events`: the event selection (patterns). */
  events?: string[];
  refRoot?: string;
  /** `--overlay` (repeatable): Overlay 1.0 files applied in order. */
  overlays?: string[];
}

export interface CliRequest {
  command: "generate" | "diff" | "help" | "version";
  /** The spec (generate) — absent when the configuration file names the providers. */
  spec?: string;
  outDir?: string;
  /** `diff <old> <new>`. */
  diffOld?: string;
  diffNew?: string;
  /** An explicit configuration file. */
  config?: string;
  /** `--check --previous <spec>`: the revision the output was generated from, for the breaking-change report. */
  previous?: string;
  check: boolean;
  watch: boolean;
  json: boolean;
  quiet: boolean;
  /** Show every diagnostic, not repeated ones folded into one line. */
  verbose: boolean;
  /** Say what would be written, write nothing. */
  dryRun: boolean;
  /** A document without callbacks or webhooks is not an error. */
  allowEmpty: boolean;
  debug: boolean;
  overrides: Overrides;
}

export type ParsedArgs = { ok: true; request: CliRequest } | { ok: false; errors: string[] };

export const HELP = `gen-callbacks — typed receivers for the callbacks and webhooks an OpenAPI document describes

Usage:
  gen-callbacks <spec> -o <dir> [options]      generate (or regenerate) into <dir>; exits 1 when a
                                               handler no longer type-checks against the new types
  gen-callbacks <spec> -o <dir> --check        CI: exit 1 when the output is stale or a handler broke
  gen-callbacks <spec> -o <dir> --watch        regenerate whenever the spec or a file it references changes
  gen-callbacks [--config <file>] [options]    every provider of the configuration file
  gen-callbacks diff <old-spec> <new-spec>     what changed for the receiver, breaking changes first
  gen-callbacks dlq list|show <id>|replay <id> --redis <url> [--queue <name>] [--prefix <p>] [--json]
                                               a durable receiver's dead-lettered deliveries

${KIT_HELP}
  <spec>                 OpenAPI 3.0 / 3.1 / 3.2 document (.yaml, .yml, .json), or - for stdin

Options:
  -o, --out <dir>        output folder (created if missing)
      --check            compare with what is on disk and type-check the handlers; write nothing
      --previous <spec>  with --check: also report what changed for the receiver since <spec>,
                         the revision the output was generated from (as gen-callbacks diff)
      --watch            keep running and regenerate on every change
      --json             print a machine-readable summary on stdout
      --policy <p>       validation policy: strict | lenient (default) | tolerant
      --strict           same as --policy strict
      --webhook-routes <r>
                         shared (default: every webhook at one path) | per-event (/<event-name>)
      --webhook-path <p> the shared webhook path (default /)
      --adapter <list>   framework adapters to generate, comma-separated: node (default), express,
                         fastify, hono, next, fetch, redis (the Redis dedupe store), bullmq
                         (durable receiving: a queue, workers, dead letters) — or none
                         (receiver.fetch is always there)
      --runtime <r>      package (default: the output imports gen-callbacks/runtime, one copy for
                         every provider; keep gen-callbacks installed) | vendored (the output
                         carries its own copy in runtime/: no dependency at run time)
      --events <list>    generate only these events, comma-separated patterns over webhook keys,
                         callback names or handler names (* = one or more words: issues.*,push);
                         deliveries of the others are answered as unhandled (202)
      --overlay <file>   apply an OpenAPI Overlay 1.0 document to the spec first (repeatable, in
                         order): correct a provider's drift without editing its file
      --ref-root <dir>   let $refs read files under <dir> (default: the spec's folder); never URLs
      --config <file>    configuration file (default: gen-callbacks.config.{json,mjs,ts}, or the
                         "gen-callbacks" key of package.json, in the current folder)
      --allow-empty      a document without callbacks or webhooks is not an error (default: exit 2)
      --dry-run          print what would be written (created, updated, removed), write nothing
  -q, --quiet            print errors only
      --verbose          print every note (repeated ones are folded into one line with a count)
      --debug            print stack traces of internal errors
  -h, --help             this help
  -v, --version          the version

The options a folder was generated with are recorded in its gen-callbacks.json: a later run
(a bare --check in CI, a regeneration) that leaves an option out takes it from there.

Exit codes: 0 ok · 1 --check found stale output, broken handlers or other options than recorded;
            a regeneration left handlers that no longer type-check; diff found breaking changes
            2 bad input or usage · 3 internal error (a bug)
`;

const OPTIONS = {
  out: { type: "string", short: "o" },
  check: { type: "boolean" },
  watch: { type: "boolean" },
  json: { type: "boolean" },
  policy: { type: "string" },
  strict: { type: "boolean" },
  "webhook-routes": { type: "string" },
  "webhook-path": { type: "string" },
  "ref-root": { type: "string" },
  adapter: { type: "string", multiple: true },
  runtime: { type: "string" },
  events: { type: "string", multiple: true },
  overlay: { type: "string", multiple: true },
  config: { type: "string" },
  previous: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  verbose: { type: "boolean" },
  "dry-run": { type: "boolean" },
  "allow-empty": { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** node:util's message for an unknown flag, with the closest known one when it is a likely typo. */
function withSuggestion(message: string): string {
  const m = /^Unknown option '(--?[^']+)'/.exec(message);
  if (!m) return message;
  const near = closest(m[1]!.replace(/^--?/, "").split("=")[0]!, Object.keys(OPTIONS));
  return near ? `unknown option ${m[1]} (did you mean --${near}?)` : `unknown option ${m[1]}`;
}

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    return { ok: false, errors: [withSuggestion((e as Error).message)] };
  }
  const v = parsed.values;
  const base: CliRequest = {
    command: "generate",
    check: v.check === true,
    watch: v.watch === true,
    json: v.json === true,
    quiet: v.quiet === true,
    verbose: v.verbose === true,
    dryRun: v["dry-run"] === true,
    allowEmpty: v["allow-empty"] === true,
    debug: v.debug === true,
    overrides: {},
  };
  if (v.help) return { ok: true, request: { ...base, command: "help" } };
  if (v.version) return { ok: true, request: { ...base, command: "version" } };

  const errors: string[] = [];
  const overrides = parseOverrides(v, errors);
  const positionals = parsed.positionals;

  if (positionals[0] === "diff") {
    const [, oldSpec, newSpec, ...extra] = positionals;
    if (oldSpec === undefined || newSpec === undefined) errors.push("diff needs two specs: gen-callbacks diff <old-spec> <new-spec>");
    if (extra.length) errors.push(`unexpected argument${extra.length > 1 ? "s" : ""}: ${extra.join(" ")}`);
    for (const flag of ["out", "check", "watch", "previous"] as const) if (v[flag] !== undefined) errors.push(`--${flag} does not apply to diff`);
    if (errors.length) return { ok: false, errors };
    return { ok: true, request: { ...base, command: "diff", diffOld: oldSpec!, diffNew: newSpec!, overrides } };
  }

  const [spec, ...extra] = positionals;
  if (extra.length) errors.push(`unexpected argument${extra.length > 1 ? "s" : ""}: ${extra.join(" ")}`);
  if (spec !== undefined && v.out === undefined) errors.push("missing the output folder: -o <dir>");
  if (spec === undefined && v.out !== undefined) errors.push("missing the spec file: gen-callbacks <spec> -o <dir>");
  if (v.check && v.watch) errors.push("--check and --watch do not go together");
  if (v["dry-run"] && (v.check || v.watch)) errors.push("--dry-run goes with a plain generation (--check already writes nothing)");
  if (v.previous !== undefined && !v.check) errors.push("--previous goes with --check (to compare two revisions without checking, use gen-callbacks diff)");
  if (v.previous !== undefined && spec === undefined) errors.push("--previous needs the spec on the command line (in a configuration file, give each provider a \"previous\" key)");
  if (spec === "-" && v.watch) errors.push("--watch needs a spec file, not standard input");
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    request: {
      ...base,
      ...(spec !== undefined ? { spec, outDir: v.out! } : {}),
      ...(v.config !== undefined ? { config: v.config } : {}),
      ...(v.previous !== undefined ? { previous: v.previous } : {}),
      overrides,
    },
  };
}

function parseOverrides(v: Record<string, string | boolean | string[] | undefined>, errors: string[]): Overrides {
  const o: Overrides = {};
  const policy = v.policy as string | undefined;
  if (policy !== undefined) {
    if ((ALL_POLICIES as readonly string[]).includes(policy)) o.policy = policy as ValidationPolicy;
    else errors.push(`--policy must be one of ${ALL_POLICIES.join(", ")} (got "${policy}")`);
  }
  if (v.strict) {
    if (policy !== undefined && policy !== "strict") errors.push(`--strict conflicts with --policy ${policy}`);
    o.policy = "strict";
  }
  const routes = v["webhook-routes"] as string | undefined;
  if (routes !== undefined) {
    if (routes === "shared" || routes === "per-event") o.webhookRoutes = routes;
    else errors.push(`--webhook-routes must be shared or per-event (got "${routes}")`);
  }
  const webhookPath = v["webhook-path"] as string | undefined;
  if (webhookPath !== undefined) {
    if (/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(webhookPath)) o.webhookPath = webhookPath;
    else errors.push(`--webhook-path must be a URL path starting with / (got "${webhookPath}")`);
  }
  const adapter = v.adapter as string[] | undefined;
  if (adapter !== undefined) {
    const asked = adapter.flatMap((a) => a.split(",")).map((a) => a.trim()).filter(Boolean);
    const unknown = asked.filter((a) => a !== "none" && !(ADAPTERS as readonly string[]).includes(a));
    if (unknown.length) errors.push(`--adapter must be among ${ADAPTERS.join(", ")} or none (got ${unknown.join(", ")})`);
    o.adapters = [...new Set(asked.filter((a): a is AdapterName => (ADAPTERS as readonly string[]).includes(a)))].sort();
  }
  const runtime = v.runtime as string | undefined;
  if (runtime !== undefined) {
    if ((RUNTIME_KINDS as readonly string[]).includes(runtime)) o.runtime = runtime as RuntimeKind;
    else errors.push(`--runtime must be ${RUNTIME_KINDS.join(" or ")} (got "${runtime}")`);
  }
  const events = v.events as string[] | undefined;
  if (events !== undefined) {
    const patterns = [...new Set(events.flatMap((e) => e.split(",")).map((e) => e.trim()).filter(Boolean))];
    if (patterns.length) o.events = patterns;
    else errors.push("--events needs at least one pattern (e.g. --events 'issues.*,push')");
  }
  const overlays = v.overlay as string[] | undefined;
  if (overlays !== undefined) o.overlays = overlays;
  const refRoot = v["ref-root"] as string | undefined;
  if (refRoot !== undefined) o.refRoot = refRoot;
  return o;
}

/**
 * Whether a subcommand's arguments ask for help (`-h`, `--help` before any `--`): its usage is
 * printed and nothing else is read, so `gen-callbacks serve --help` is not a usage error.
 */
export function asksForHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === "--") return false;
    if (a === "--help" || a === "-h") return true;
  }
  return false;
}
