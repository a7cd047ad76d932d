/**
 * Command-line parsing: argv → a typed request, or usage diagnostics. No I/O here.
 */
import { parseArgs } from "node:util";
import { ALL_POLICIES, type ValidationPolicy } from "../model/schema-set.js";

export type WebhookRoutes = "shared" | "per-event";

export interface CliRequest {
  command: "generate" | "help" | "version";
  spec?: string;
  outDir?: string;
  check: boolean;
  json: boolean;
  quiet: boolean;
  debug: boolean;
  policy: ValidationPolicy;
  webhookRoutes: WebhookRoutes;
  webhookPath: string;
  refRoot?: string;
}

export type ParsedArgs = { ok: true; request: CliRequest } | { ok: false; errors: string[] };

export const HELP = `gen-callbacks — typed receivers for the callbacks and webhooks an OpenAPI document describes

Usage:
  gen-callbacks <spec> -o <dir> [options]
  gen-callbacks <spec> -o <dir> --check        (CI: exit 1 when the output is stale)

  <spec>                 OpenAPI 3.0 / 3.1 / 3.2 document (.yaml, .yml, .json), or - for stdin

Options:
  -o, --out <dir>        output folder (created if missing)
      --check            compare with what is on disk instead of writing; exit 1 on drift
      --json             print a machine-readable summary on stdout
      --policy <p>       validation policy: strict | lenient (default) | tolerant
      --strict           same as --policy strict (reject unknown properties where the spec says so)
      --webhook-routes <r>
                         shared (default: every webhook at one path) | per-event (/<event-name>)
      --webhook-path <p> the shared webhook path (default /)
      --ref-root <dir>   let $refs read files under <dir> (default: the spec's folder); never URLs
  -q, --quiet            print errors only
      --debug            print stack traces of internal errors
  -h, --help             this help
  -v, --version          the version

Exit codes: 0 ok · 1 --check found stale output · 2 bad input or usage · 3 internal error (a bug)
`;

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: "string", short: "o" },
        check: { type: "boolean" },
        json: { type: "boolean" },
        policy: { type: "string" },
        strict: { type: "boolean" },
        "webhook-routes": { type: "string" },
        "webhook-path": { type: "string" },
        "ref-root": { type: "string" },
        quiet: { type: "boolean", short: "q" },
        debug: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    return { ok: false, errors: [(e as Error).message] };
  }
  const v = parsed.values;
  const base: CliRequest = {
    command: "generate",
    check: v.check === true,
    json: v.json === true,
    quiet: v.quiet === true,
    debug: v.debug === true,
    policy: "lenient",
    webhookRoutes: "shared",
    webhookPath: "/",
  };
  if (v.help) return { ok: true, request: { ...base, command: "help" } };
  if (v.version) return { ok: true, request: { ...base, command: "version" } };

  const errors: string[] = [];
  const [spec, ...extra] = parsed.positionals;
  if (spec === undefined) errors.push("missing the spec file: gen-callbacks <spec> -o <dir>");
  if (extra.length) errors.push(`unexpected argument${extra.length > 1 ? "s" : ""}: ${extra.join(" ")}`);
  if (v.out === undefined) errors.push("missing the output folder: -o <dir>");

  let policy: ValidationPolicy = "lenient";
  if (v.policy !== undefined) {
    if ((ALL_POLICIES as readonly string[]).includes(v.policy)) policy = v.policy as ValidationPolicy;
    else errors.push(`--policy must be one of ${ALL_POLICIES.join(", ")} (got "${v.policy}")`);
  }
  if (v.strict) {
    if (v.policy !== undefined && v.policy !== "strict") errors.push(`--strict conflicts with --policy ${v.policy}`);
    policy = "strict";
  }
  let webhookRoutes: WebhookRoutes = "shared";
  if (v["webhook-routes"] !== undefined) {
    if (v["webhook-routes"] === "shared" || v["webhook-routes"] === "per-event") webhookRoutes = v["webhook-routes"];
    else errors.push(`--webhook-routes must be shared or per-event (got "${v["webhook-routes"]}")`);
  }
  const webhookPath = v["webhook-path"] ?? "/";
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(webhookPath)) {
    errors.push(`--webhook-path must be a URL path starting with / (got "${webhookPath}")`);
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    request: {
      ...base,
      spec: spec!,
      outDir: v.out!,
      policy,
      webhookRoutes,
      webhookPath,
      ...(v["ref-root"] !== undefined ? { refRoot: v["ref-root"] } : {}),
    },
  };
}
