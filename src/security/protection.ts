/**
 * What the document says about authenticating deliveries, as the generated receiver needs it:
 * the signature scheme (signature-scheme.ts) and the security schemes the events' `security`
 * names. Only the operations' own `security` counts: a document's top-level `security`
 * describes how the consumer authenticates to the provider's API, not the reverse.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { DocumentSet } from "../load/types.js";
import type { PlannedEvent } from "../model/plan.js";
import { isObject } from "../util/json-pointer.js";
import { describeScheme, signatureSchemes, unknownSignatureHeaders, SIGNATURE_EXTENSION, type FoundSignature } from "./signature-scheme.js";

/** As the runtime's `SecuritySchemeSpec` (templates/runtime/security.ts). */
export interface SecuritySchemeSpec {
  type: "basic" | "bearer" | "apiKey" | "other";
  in?: "header" | "query" | "cookie";
  name?: string;
}

export interface PlannedProtection {
  /** The one scheme every signed event uses; undefined when none is signed (or they disagree: reported). */
  signature?: FoundSignature;
  /** The security schemes events name, by name, sorted. */
  securitySchemes: Map<string, SecuritySchemeSpec>;
}

export function planProtection(set: DocumentSet, events: readonly PlannedEvent[], diags: Diagnostics): PlannedProtection {
  const found = signatureSchemes(set, events.map((e) => e.def), diags);
  const distinct = new Map<string, FoundSignature>();
  for (const s of found.values()) if (s) distinct.set(JSON.stringify(s.scheme), s);
  const first = events[0]?.def;
  const where = first ? { file: first.origin.file, pointer: first.origin.pointer } : { file: set.entry.path, pointer: "" };
  let signature: FoundSignature | undefined;
  if (distinct.size === 1) {
    signature = [...distinct.values()][0]!;
    const unsigned = events.filter((e) => !found.get(e.def)).map((e) => e.names.handler);
    diags.info(
      "signature-detected",
      `deliveries are signed (${describeScheme(signature.scheme)}, from ${signature.from}${unsigned.length ? `; not said of ${unsigned.slice(0, 3).join(", ")}${unsigned.length > 3 ? ", …" : ""}` : ""}): the receiver requires \`verify\``,
      where,
      "createReceiver({ handlers, verify: signatureVerifier({ secret: process.env.WEBHOOK_SECRET }) }) — signatureVerifier is exported by receiver.ts; `insecure: true` serves unverified (local testing only)",
    );
  } else if (distinct.size > 1) {
    diags.warning(
      "signature-invalid",
      `events of this document name different signature schemes (${[...distinct.values()].map((s) => describeScheme(s.scheme)).join(", ")}): no signatureVerifier is generated`,
      where,
      "pass verify: [verifierA, verifierB] built with the runtime's factories (one of them must accept each delivery)",
    );
  } else {
    const unknown = [...new Set(events.flatMap((e) => unknownSignatureHeaders(e.def)))].sort();
    if (unknown.length) {
      diags.info(
        "signature-detected",
        `header${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} look${unknown.length > 1 ? "" : "s"} like a signature no built-in scheme covers`,
        where,
        `describe it with ${SIGNATURE_EXTENSION} (e.g. { type: hmac, header: ${unknown[0]}, algorithm: sha256, encoding: hex }) to have it required and verified, or pass verify: hmacSignature({ … })`,
      );
    }
  }
  return { ...(signature ? { signature } : {}), securitySchemes: securitySchemes(set, events, diags) };
}

function securitySchemes(set: DocumentSet, events: readonly PlannedEvent[], diags: Diagnostics): Map<string, SecuritySchemeSpec> {
  const root = isObject(set.entry.value) ? set.entry.value : {};
  const declared = isObject(root.components) && isObject(root.components.securitySchemes) ? root.components.securitySchemes : {};
  const out = new Map<string, SecuritySchemeSpec>();
  for (const e of events) {
    for (const name of (e.def.security ?? []).flat()) {
      if (out.has(name)) continue;
      let raw: unknown = Object.hasOwn(declared, name) ? declared[name] : undefined;
      if (isObject(raw) && typeof raw.$ref === "string") {
        const target = set.resolveRef(raw.$ref, set.entry.path);
        raw = target.ok ? target.value : undefined;
      }
      const spec = schemeSpec(raw);
      if (spec.type === "other") {
        diags.info(
          "security-scheme-custom",
          `${e.names.handler} requires the security scheme "${name}", which the receiver cannot check by itself (${isObject(raw) && typeof raw.type === "string" ? raw.type : "not declared in components/securitySchemes"})`,
          { file: e.def.origin.file, pointer: e.def.origin.pointer },
          `pass security: { ${JSON.stringify(name)}: (request) => … } deciding from the request's headers and URL`,
        );
      }
      out.set(name, spec);
    }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function schemeSpec(raw: unknown): SecuritySchemeSpec {
  if (!isObject(raw)) return { type: "other" };
  if (raw.type === "http" && typeof raw.scheme === "string") {
    const scheme = raw.scheme.toLowerCase();
    if (scheme === "basic" || scheme === "bearer") return { type: scheme };
  }
  if (raw.type === "apiKey" && typeof raw.name === "string" && (raw.in === "header" || raw.in === "query" || raw.in === "cookie")) {
    return { type: "apiKey", in: raw.in, name: raw.in === "header" ? raw.name.toLowerCase() : raw.name };
  }
  return { type: "other" };
}
