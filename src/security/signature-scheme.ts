/**
 * Which signature the provider puts on its deliveries, read from the document: our extension
 * `x-gen-callbacks-signature`, the vendors' (`x-speakeasy-webhooks`, `x-fern-webhook-signature`),
 * or a well-known signature header among the events' header parameters (`X-Hub-Signature-256`,
 * `webhook-signature`, `Stripe-Signature`…). The receiver then requires `verify` (or
 * `insecure: true`), and `receiver.ts` exports `signatureVerifier(keys)` building the verifier
 * for it — so the user supplies only the secret.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { DocumentSet } from "../load/types.js";
import type { EventDef } from "../model/events.js";
import { isObject, joinPointer } from "../util/json-pointer.js";

export const SIGNATURE_EXTENSION = "x-gen-callbacks-signature";
/** The extensions that describe a signature, ours first: on an operation, or on the document. */
export const SIGNATURE_EXTENSIONS = [SIGNATURE_EXTENSION, "x-fern-webhook-signature", "x-speakeasy-webhooks"] as const;

/** The runtime's presets (templates/runtime/signatures.ts), by the factory that builds each. */
export const PRESETS = {
  "standard-webhooks": "standardWebhooks",
  svix: "svix",
  github: "githubSignature",
  stripe: "stripeSignature",
  shopify: "shopifyHmac",
  telnyx: "telnyx",
} as const;
export type Preset = keyof typeof PRESETS;

/** A scheme no preset covers, as the runtime's `hmacSignature` / `ed25519Signature` take it. */
export interface GenericScheme {
  type: "hmac" | "ed25519";
  /** The header the signature is in (`header` for HMAC, `signatureHeader` for ed25519). */
  header: string;
  algorithm?: "sha1" | "sha256" | "sha512";
  encoding?: "hex" | "base64" | "base64url";
  prefix?: string;
  signedContent?: string;
  timestampHeader?: string;
  idHeader?: string;
  toleranceSeconds?: number;
}

export type SignatureScheme = { preset: Preset } | { generic: GenericScheme };

export interface FoundSignature {
  scheme: SignatureScheme;
  /** Where it was read, for messages: `header X-Hub-Signature-256`, `x-fern-webhook-signature`. */
  from: string;
}

/** Header parameters that name one scheme beyond doubt. */
const WELL_KNOWN: readonly [string, Preset][] = [
  ["webhook-signature", "standard-webhooks"],
  ["svix-signature", "svix"],
  ["x-hub-signature-256", "github"],
  ["stripe-signature", "stripe"],
  ["x-shopify-hmac-sha256", "shopify"],
  ["telnyx-signature-ed25519", "telnyx"],
];

/**
 * The scheme of every event: an extension on its operation, else the document's, else a
 * well-known header. Undefined for an event that says nothing about signatures.
 */
export function signatureSchemes(set: DocumentSet, events: readonly EventDef[], diags: Diagnostics): Map<EventDef, FoundSignature | undefined> {
  const root = isObject(set.entry.value) ? set.entry.value : {};
  const documentLevel = fromExtensions(root, { file: set.entry.path, pointer: "" }, diags);
  const out = new Map<EventDef, FoundSignature | undefined>();
  for (const e of events) {
    const own = e.signatureExtensions ? fromExtensions(e.signatureExtensions, e.origin, diags) : undefined;
    out.set(e, own ?? documentLevel ?? fromHeaders(e));
  }
  return out;
}

function fromHeaders(e: EventDef): FoundSignature | undefined {
  const headers = new Set(e.parameters.filter((p) => p.in === "header").map((p) => p.name.toLowerCase()));
  for (const [name, preset] of WELL_KNOWN) if (headers.has(name)) return { scheme: { preset }, from: `header ${name}` };
  return undefined;
}

/** Header parameters named like a signature that no preset covers: worth a word at generation time. */
export function unknownSignatureHeaders(e: EventDef): string[] {
  const known = new Set(WELL_KNOWN.map(([h]) => h));
  return e.parameters.filter((p) => p.in === "header" && /signature|hmac/i.test(p.name) && !known.has(p.name.toLowerCase())).map((p) => p.name);
}

function fromExtensions(node: Record<string, unknown>, at: { file: string; pointer: string }, diags: Diagnostics): FoundSignature | undefined {
  const where = (ext: string) => ({ file: at.file, pointer: joinPointer(at.pointer, ext) });
  if (node[SIGNATURE_EXTENSION] !== undefined) {
    const scheme = ours(node[SIGNATURE_EXTENSION]);
    if (scheme) return { scheme, from: SIGNATURE_EXTENSION };
    diags.error(
      "signature-invalid",
      `${SIGNATURE_EXTENSION} is neither a preset (${Object.keys(PRESETS).join(", ")}) nor an HMAC or ed25519 description`,
      where(SIGNATURE_EXTENSION),
      `write e.g. "github", or { type: hmac, header: X-Signature, algorithm: sha256, encoding: hex, signedContent: "{timestamp}.{body}", timestampHeader: X-Timestamp }`,
    );
    return undefined;
  }
  const fern = node["x-fern-webhook-signature"];
  if (fern !== undefined) {
    const scheme = fromFern(fern);
    if (scheme) return { scheme, from: "x-fern-webhook-signature" };
    diags.warning("signature-invalid", "x-fern-webhook-signature describes a scheme the receiver cannot verify (RSA and ECDSA are not supported)", where("x-fern-webhook-signature"), `pass your own verify function, or describe it with ${SIGNATURE_EXTENSION}`);
  }
  const speakeasy = node["x-speakeasy-webhooks"];
  if (isObject(speakeasy) && isObject(speakeasy.security)) {
    const scheme = fromSpeakeasy(speakeasy.security);
    if (scheme) return { scheme, from: "x-speakeasy-webhooks" };
    diags.warning("signature-invalid", "x-speakeasy-webhooks.security describes a scheme the receiver cannot verify", where("x-speakeasy-webhooks"), `pass your own verify function, or describe it with ${SIGNATURE_EXTENSION}`);
  }
  return undefined;
}

const ALGORITHMS = new Set(["sha1", "sha256", "sha512"]);
const ENCODINGS = new Set(["hex", "base64", "base64url"]);

/** `github` · `{ scheme: github }` · `{ type: hmac, header, algorithm, encoding, prefix?, signedContent?, … }` · `{ type: ed25519, header, … }`. */
function ours(v: unknown): SignatureScheme | undefined {
  if (typeof v === "string") return Object.hasOwn(PRESETS, v) ? { preset: v as Preset } : undefined;
  if (!isObject(v)) return undefined;
  if (typeof v.scheme === "string") return Object.hasOwn(PRESETS, v.scheme) ? { preset: v.scheme as Preset } : undefined;
  return generic(v);
}

function generic(v: Record<string, unknown>): SignatureScheme | undefined {
  const type = v.type === "ed25519" ? "ed25519" : v.type === "hmac" || v.type === undefined ? "hmac" : undefined;
  if (!type || typeof v.header !== "string" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(v.header)) return undefined;
  const scheme: GenericScheme = { type, header: v.header };
  if (type === "hmac") {
    if (typeof v.algorithm !== "string" || !ALGORITHMS.has(v.algorithm)) return undefined;
    scheme.algorithm = v.algorithm as GenericScheme["algorithm"];
  }
  if (v.encoding !== undefined) {
    if (typeof v.encoding !== "string" || !ENCODINGS.has(v.encoding)) return undefined;
    scheme.encoding = v.encoding as GenericScheme["encoding"];
  }
  for (const k of ["prefix", "signedContent", "timestampHeader", "idHeader"] as const) {
    if (v[k] === undefined) continue;
    if (typeof v[k] !== "string") return undefined;
    scheme[k] = v[k];
  }
  if (v.toleranceSeconds !== undefined) {
    if (typeof v.toleranceSeconds !== "number" || !(v.toleranceSeconds > 0)) return undefined;
    scheme.toleranceSeconds = v.toleranceSeconds;
  }
  return { generic: scheme };
}

/**
 * Fern's description: `type: hmac | asymmetric`, `header`, `algorithm` (`sha256`…, `ed25519`),
 * `encoding`, `signature-prefix`, `payload-format: { components: [timestamp, body], delimiter }`,
 * `timestamp: { header, format, tolerance }`.
 */
function fromFern(v: unknown): SignatureScheme | undefined {
  if (!isObject(v) || typeof v.header !== "string") return undefined;
  const format = isObject(v["payload-format"]) ? v["payload-format"] : {};
  const components = Array.isArray(format.components) ? format.components.filter((c): c is string => typeof c === "string") : ["body"];
  const delimiter = typeof format.delimiter === "string" ? format.delimiter : "";
  const names: Record<string, string> = { body: "{body}", timestamp: "{timestamp}", "message-id": "{id}", id: "{id}" };
  if (!components.every((c) => Object.hasOwn(names, c))) return undefined;
  const timestamp = isObject(v.timestamp) ? v.timestamp : {};
  if (timestamp.format !== undefined && timestamp.format !== "unix-seconds") return undefined;
  const type = v.type === "asymmetric" ? (v.algorithm === "ed25519" ? "ed25519" : undefined) : "hmac";
  if (!type) return undefined;
  return generic({
    type,
    header: v.header,
    ...(type === "hmac" ? { algorithm: typeof v.algorithm === "string" ? v.algorithm.replace(/^hmac-/, "") : "sha256" } : {}),
    ...(v.encoding !== undefined ? { encoding: v.encoding } : {}),
    ...(v["signature-prefix"] !== undefined ? { prefix: v["signature-prefix"] } : {}),
    signedContent: components.map((c) => names[c]).join(delimiter),
    ...(timestamp.header !== undefined ? { timestampHeader: timestamp.header } : {}),
    ...(timestamp.tolerance !== undefined ? { toleranceSeconds: timestamp.tolerance } : {}),
  });
}

/** Speakeasy's: `type: signature`, `headerName`, `signatureTextEncoding`, `algorithm: hmac-sha256`; HMAC of the body. */
function fromSpeakeasy(v: Record<string, unknown>): SignatureScheme | undefined {
  if (v.type !== "signature" || typeof v.headerName !== "string") return undefined;
  const algorithm = typeof v.algorithm === "string" ? v.algorithm.replace(/^hmac-/, "") : "sha256";
  return generic({ type: "hmac", header: v.headerName, algorithm, encoding: v.signatureTextEncoding ?? "base64" });
}

export function describeScheme(s: SignatureScheme): string {
  return "preset" in s ? s.preset : `${s.generic.type} in ${s.generic.header}`;
}
