/**
 * Every diagnostic code gen-callbacks can print. The README's "Diagnostic codes" table is
 * checked against this list by a test, so a new code cannot ship undocumented.
 *
 * Codes are stable kebab-case names grouped by the stage that reports them; severities are
 * the usual ones, but a stage may lower an error to a warning when the problem lies outside
 * what is generated (see `ref-missing`).
 */
export const catalogue = {
  // ── usage and I/O ────────────────────────────────────────────────────────────────
  usage: "The command line is not valid (unknown flag, missing argument, conflicting options).",
  "input-unreadable": "The spec file (or a file it references) cannot be read, or is larger than the limit (128 MB JSON, 32 MB YAML).",
  "config-invalid": "The configuration file has a key or value that is not allowed.",

  // ── parsing ──────────────────────────────────────────────────────────────────────
  "json-syntax": "The JSON document is not well-formed.",
  "yaml-syntax": "The YAML document is not well-formed (includes duplicate keys, several documents in one file, non-string keys).",
  "yaml-alias-limit": "YAML aliases expand the document too much: more than 100 alias uses, or more data added than the document itself holds (counted in characters of strings and keys; at least 1,000,000 allowed). Billion-laughs protection.",
  "string-too-long": "A string in the document is longer than 4 MB (checked before the YAML parser composes it).",
  "yaml-tag": "A YAML tag (`!!binary`, `!!timestamp`, `!custom`, …) would produce a value that is not JSON.",
  "non-finite-number": "A number is infinite or NaN (`.inf`, `.nan`), which JSON cannot represent.",
  "unsafe-integer": "An integer is beyond ±2^53 and loses precision in JavaScript.",
  "nesting-too-deep": "The document nests arrays/objects deeper than the limit, 256 by default (protection against stack exhaustion), in JSON and in both YAML styles.",

  // ── document structure ───────────────────────────────────────────────────────────
  "unsupported-version": "The document is not OpenAPI 3.0, 3.1 or 3.2 (Swagger 2.0 included).",
  "structure-type": "A field of an OpenAPI object has the wrong type.",
  "structure-missing": "A required field of an OpenAPI object is missing.",
  "structure-unknown-field": "A field is not defined for this OpenAPI object (and is not an `x-` extension).",
  "structure-invalid": "A value breaks a rule of the OpenAPI specification (e.g. `allowReserved` on a header, `example` next to `examples`).",

  // ── references ───────────────────────────────────────────────────────────────────
  "ref-invalid": "A `$ref` is not a valid URI reference or JSON pointer.",
  "ref-external-url": "A `$ref` names a URL; network references are never fetched.",
  "ref-outside-root": "A `$ref` names a file outside the spec's folder (or an absolute path).",
  "ref-missing": "A `$ref` target does not exist (error inside callbacks/webhooks, warning elsewhere).",
  "ref-cycle": "`$ref`s point at each other without ever reaching a value.",
  "schema-cycle": "A schema contains itself through `allOf`/`anyOf`/`oneOf`/`$ref` alone, so no value could be validated against it.",

  // ── events ───────────────────────────────────────────────────────────────────────
  "no-events": "The document describes no callbacks and no webhooks; there is nothing to generate.",
  "unused-callback": "A `components/callbacks` entry is used by no operation and is not generated.",
  "duplicate-webhook": "The same event is described under both `webhooks` and `x-webhooks`; it is generated once.",
  "callback-key-nonstandard": "A callback key is not a valid runtime-expression template; a fallback route is used.",
  "callback-key-absolute": "A callback key is a constant absolute URL; the route is its path on that host.",
  "event-no-request-body": "An operation sends no request body; the handler receives an empty payload.",
  "event-payload-as-response": "The event payload is described as a response (no requestBody); it is used as the request body.",
  "media-type-unsupported":
    "A media type cannot be parsed by the receiver (the body is passed as text or bytes), or a multipart body's parts cannot be mapped to its schema (they are passed unvalidated) or may be refused although the spec allows them.",
  "header-name-invalid": "A header parameter's name is not an HTTP token (RFC 9110 `tchar`s only, e.g. it has a space); no request can carry it, so it is left out of the receiver, the schemas and the types.",
  "name-collision": "Two events or schemas map to the same generated name; a suffix was added.",
  "indistinguishable-events": "Several events share a route and one delivery could satisfy more than one of them; such a delivery reaches `onUnhandled` as ambiguous.",
  "routing-inferred": "How events on a shared route are told apart was inferred (from their keys, examples or a convention), not stated by the spec.",
  "signature-detected": "The document says deliveries are signed (a well-known signature header, or an extension): the receiver requires `verify`; or a header looks like a signature no built-in scheme covers.",
  "signature-invalid": "A signature extension (`x-gen-callbacks-signature`, `x-fern-webhook-signature`, `x-speakeasy-webhooks`) cannot be used, or events name different schemes.",
  "security-scheme-custom": "An event requires a security scheme the receiver cannot check by itself (OAuth 2, OpenID Connect, mutual TLS): the user's function decides.",
  "events-unmatched": "A pattern of the event selection (`--events`, `events`) matches no event of the spec.",
  "discriminator-invalid": "An `x-gen-callbacks-discriminator` extension or a `discriminators` configuration entry is malformed.",

  // ── schemas ──────────────────────────────────────────────────────────────────────
  "schema-unsupported": "A schema keyword cannot be expressed in the generated Zod schema; it validates as `z.unknown()`.",
  "schema-invalid-pattern": "A `pattern` is not a valid ECMAScript regular expression.",
  "schema-pattern-unsupported": "A `pattern` (or `patternProperties` key) needs what a linear-time engine cannot run (a backreference, a lookaround other than a leading `^(?=…)`/`^(?!…)`, a count above 1000); it is not enforced, so that no request can make validation slow.",
  "schema-unknown-format": "A `format` is not known; only the base type is checked.",
  "schema-invalid": "A schema is malformed (e.g. `type: strnig`, `required` not an array).",

  // ── output ───────────────────────────────────────────────────────────────────────
  "output-unsafe": "The output folder (or a file in it) is a symlink or would be written outside the output folder.",
  "output-write-failed": "A generated file could not be written.",
  "output-stale": "`--check`: a generated file differs from what the spec produces.",
  "output-missing": "`--check`: a generated file is missing.",
  "output-extra": "`--check`: a file carries the generated banner but the spec no longer produces it.",
  "handler-orphaned": "A handler file belongs to an event that is no longer in the spec; it is kept, not deleted.",
  "handler-type-error": "A handler no longer satisfies its contract (reported by the in-process type-check).",
  "options-mismatch": "`--check`: the run gives other generation options than those the folder was generated with (its gen-callbacks.json).",
  "dependency-missing": "The generated code imports a package the project's package.json does not list.",
  "overlay-invalid": "An overlay file cannot be read, is not an Overlay 1.0 document, or has a malformed action.",
  "overlay-target-unmatched": "An overlay action's `target` matches nothing in the document.",
  "output-type-error": "A generated file does not type-check in the project's settings (reported by the in-process type-check).",
  "runtime-not-installed": "The output imports `gen-callbacks/runtime` (the packaged runtime, the default), but no `gen-callbacks` resolves from the output folder: install it, or generate with `--runtime vendored`.",
  "runtime-version-mismatch": "The `gen-callbacks` the output imports its runtime from is not the version that generated it: install that version, or regenerate with the installed one.",
} as const;

export type DiagnosticCode = keyof typeof catalogue;

export const diagnosticCodes = Object.keys(catalogue) as DiagnosticCode[];
