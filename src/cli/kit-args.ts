/**
 * Arguments of `gen-callbacks serve` and `gen-callbacks send` (issue 15): argv → a typed
 * request, or usage errors. No I/O here. The generation flags they share with the main
 * command (`--policy`, `--webhook-path` …) mean the same.
 */
import { parseArgs } from "node:util";
import type { ValidationPolicy } from "../model/schema-set.js";
import { ALL_POLICIES } from "../model/schema-set.js";

/** The environment variable `serve` and `send` read the signing secret from when `--secret` is not given. */
export const SECRET_ENV = "GEN_CALLBACKS_SECRET";

interface Shared {
  spec: string;
  json: boolean;
  /** The test secret (HMAC schemes), or key (Ed25519: the public key for serve, the private key for send). */
  secret?: string;
  policy?: ValidationPolicy;
  webhookRoutes?: "shared" | "per-event";
  webhookPath?: string;
  refRoot?: string;
}

export interface ServeRequest extends Shared {
  command: "serve";
  port: number;
  host: string;
}

export interface SendRequest extends Shared {
  command: "send";
  /** An event name or a pattern (`issues.*`, `*`), as `--events` takes them. */
  event: string;
  to: string;
  example?: string;
  unsigned: boolean;
  allowRemote: boolean;
}

export type KitRequest = ServeRequest | SendRequest;

export const KIT_HELP = `  gen-callbacks serve <spec> [--port N] [--host H] [--json] [--secret S]
                                               a local receiver for every event: validates each delivery,
                                               answers the event's first success response, logs one line each
  gen-callbacks send <spec> <event> --to <url> [--example NAME] [--secret S | --unsigned] [--allow-remote]
                                               post an event's fixture (the document's example, or one
                                               synthesized from the schema), signed when the spec says so;
                                               <event> may be a pattern: issues.*, * for every event
`;

export function isKitCommand(argv: readonly string[]): boolean {
  return argv[0] === "serve" || argv[0] === "send";
}

export function parseKitArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): { ok: true; request: KitRequest } | { ok: false; errors: string[] } {
  const command = argv[0] as "serve" | "send";
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean" },
        secret: { type: "string" },
        policy: { type: "string" },
        "webhook-routes": { type: "string" },
        "webhook-path": { type: "string" },
        "ref-root": { type: "string" },
        ...(command === "serve"
          ? { port: { type: "string", short: "p" }, host: { type: "string" } }
          : { to: { type: "string" }, example: { type: "string" }, unsigned: { type: "boolean" }, "allow-remote": { type: "boolean" } }),
      },
    });
  } catch (e) {
    return { ok: false, errors: [`${command}: ${(e as Error).message}`] };
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const errors: string[] = [];
  const [spec, ...rest] = parsed.positionals;
  if (spec === undefined) errors.push(`${command} needs a spec: gen-callbacks ${command} <spec>${command === "send" ? " <event> --to <url>" : ""}`);
  const shared: Shared = { spec: spec ?? "", json: v.json === true };
  const secret = typeof v.secret === "string" ? v.secret : env[SECRET_ENV];
  if (secret !== undefined && secret !== "") shared.secret = secret;
  if (typeof v.policy === "string") {
    if ((ALL_POLICIES as readonly string[]).includes(v.policy)) shared.policy = v.policy as ValidationPolicy;
    else errors.push(`--policy must be one of ${ALL_POLICIES.join(", ")} (got "${v.policy}")`);
  }
  const routes = v["webhook-routes"];
  if (typeof routes === "string") {
    if (routes === "shared" || routes === "per-event") shared.webhookRoutes = routes;
    else errors.push(`--webhook-routes must be shared or per-event (got "${routes}")`);
  }
  if (typeof v["webhook-path"] === "string") shared.webhookPath = v["webhook-path"];
  if (typeof v["ref-root"] === "string") shared.refRoot = v["ref-root"];

  if (command === "serve") {
    if (rest.length) errors.push(`unexpected argument${rest.length > 1 ? "s" : ""}: ${rest.join(" ")}`);
    const port = typeof v.port === "string" ? Number(v.port) : 4000;
    if (!Number.isInteger(port) || port < 0 || port > 65535) errors.push(`--port must be a port number, 0 for any free one (got "${String(v.port)}")`);
    if (errors.length) return { ok: false, errors };
    // Loopback unless asked: a test receiver accepts unverified deliveries without --secret.
    return { ok: true, request: { ...shared, command, port, host: typeof v.host === "string" ? v.host : "127.0.0.1" } };
  }

  const [event, ...extra] = rest;
  if (event === undefined && spec !== undefined) errors.push("send needs an event: gen-callbacks send <spec> <event> --to <url> (a name, or a pattern such as issues.* or *)");
  if (extra.length) errors.push(`unexpected argument${extra.length > 1 ? "s" : ""}: ${extra.join(" ")}`);
  if (typeof v.to !== "string") errors.push("send needs the receiver's URL: --to http://127.0.0.1:4000");
  if (v.unsigned === true && typeof v.secret === "string") errors.push("--unsigned and --secret do not go together");
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    request: {
      ...shared,
      ...(v.unsigned === true ? { secret: undefined } : {}),
      command,
      event: event!,
      to: v.to as string,
      ...(typeof v.example === "string" ? { example: v.example } : {}),
      unsigned: v.unsigned === true,
      allowRemote: v["allow-remote"] === true,
    },
  };
}
