/**
 * What `serve` and `send` share: how the spec's protection maps to the secret on the command
 * line, and how generation problems are shown.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderDiagnostic } from "../diagnostics/render.js";
import type { GenerateResult } from "../generate.js";
import { describeScheme, type SignatureScheme } from "../security/signature-scheme.js";
import type { AdapterName } from "../emit/runtime-files.js";
import { loadGenerated } from "./generated-module.js";
import type { CliIo } from "./main.js";
import { SECRET_ENV, type ServeRequest } from "./kit-args.js";

/** The generation flags `serve` and `send` share with the main command. */
type GenerationFlags = Pick<ServeRequest, "spec" | "policy" | "webhookRoutes" | "webhookPath" | "refRoot">;

/** The spec's receiver and test kit, generated with the flags given and loaded; generation errors printed. */
export function loadForKit(req: GenerationFlags, io: CliIo, adapters: AdapterName[]): ReturnType<typeof loadGenerated> {
  const generated = loadGenerated({
    spec: req.spec,
    cwd: io.cwd,
    adapters,
    ...(req.policy ? { policy: req.policy } : {}),
    ...(req.webhookRoutes ? { webhookRoutes: req.webhookRoutes } : {}),
    ...(req.webhookPath ? { webhookPath: req.webhookPath } : {}),
    ...(req.refRoot ? { refRoot: req.refRoot } : {}),
  });
  printKitDiagnostics(io, generated.result.diagnostics);
  return generated;
}

/** Errors only: warnings about the spec are the generator's business, not the test bench's. */
function printKitDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === "error");
  for (const d of errors) io.stderr(renderDiagnostic(d, { cwd: io.cwd }) + "\n\n");
  if (errors.length) io.stderr(`${errors.length} error${errors.length === 1 ? "" : "s"}; nothing was served or sent\n`);
}

export function signatureOf(result: GenerateResult): SignatureScheme | undefined {
  return result.plan?.protection?.signature?.scheme;
}

/** Whether the scheme's key is a key pair (the verifier takes the public key, the signer the private one). */
export function isKeyPair(s: SignatureScheme): boolean {
  return "preset" in s ? s.preset === "telnyx" : s.generic.type === "ed25519";
}

/**
 * The receiver's protection options for `serve`: the spec's signature verified with `secret`
 * when one is given (credentials of its security schemes accepted whatever they are: a test
 * bench checks payloads, not passwords), else `insecure: true`.
 */
export function protectionFor(
  result: GenerateResult,
  mod: { signatureVerifier?: (keys: Record<string, unknown>) => unknown },
  secret: string | undefined,
): { options: Record<string, unknown>; summary: string } {
  const scheme = signatureOf(result);
  if (!scheme || !mod.signatureVerifier) {
    return { options: { insecure: true }, summary: `the spec names no signature scheme${secret !== undefined ? " (the secret is not used)" : ""}` };
  }
  if (secret === undefined) {
    return { options: { insecure: true }, summary: `signatures (${describeScheme(scheme)}) NOT verified: pass --secret or ${SECRET_ENV}` };
  }
  const schemes = [...(result.plan?.protection?.securitySchemes.keys() ?? [])];
  const verify = mod.signatureVerifier(isKeyPair(scheme) ? { publicKey: secret } : { secret });
  return {
    options: { verify, ...(schemes.length ? { security: Object.fromEntries(schemes.map((n) => [n, () => true])) } : {}) },
    summary: `signatures (${describeScheme(scheme)}) verified with the given ${isKeyPair(scheme) ? "public key" : "secret"}`,
  };
}
