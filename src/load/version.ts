/**
 * Which OpenAPI version a document claims (OAS 3.x "Versions": `openapi` is a string
 * `major.minor.patch`). Only 3.0, 3.1 and 3.2 are accepted; Swagger 2.0 gets a pointer
 * to a converter, because that is what its author needs next.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { SourcePositions } from "./locator.js";
import type { OpenApiVersion } from "./types.js";
import { isObject } from "../util/json-pointer.js";

const SUPPORTED = "OpenAPI 3.0.x, 3.1.x and 3.2.x are supported";
const CONVERT = "convert it to OpenAPI 3 first, e.g. `npx swagger2openapi --yaml --outfile openapi.yaml <your-spec>`, then run gen-callbacks on the result";

export function detectVersion(
  value: unknown,
  file: string,
  positions: SourcePositions,
  diagnostics: Diagnostics,
): { version: OpenApiVersion; versionString: string } | undefined {
  const at = (pointer: string, atKey = false) => ({ file, pointer, atKey, ...positions.locate(pointer, atKey) });
  if (!isObject(value)) {
    diagnostics.error(
      "structure-type",
      `the document is ${describe(value)}, not an OpenAPI object`,
      at(""),
      "an OpenAPI document is a mapping (YAML) or object (JSON) with `openapi`, `info`, … at the top level",
    );
    return undefined;
  }
  const openapi = value["openapi"];
  if (openapi === undefined) {
    if (value["swagger"] !== undefined) {
      diagnostics.error("unsupported-version", `this is a Swagger ${String(value["swagger"])} document; ${SUPPORTED}`, at("/swagger"), CONVERT);
    } else {
      diagnostics.error("unsupported-version", "the document has no `openapi` field, so it is not an OpenAPI 3 document", at(""), "start the document with `openapi: 3.1.0` (or the 3.0/3.2 version it follows)");
    }
    return undefined;
  }
  if (typeof openapi !== "string") {
    diagnostics.error(
      "unsupported-version",
      `\`openapi\` is ${describe(openapi)}; it must be a version string`,
      at("/openapi"),
      typeof openapi === "number" ? `write it quoted with its patch number, e.g. \`openapi: "${openapi.toFixed(1)}.0"\`` : 'write e.g. `openapi: "3.1.0"`',
    );
    return undefined;
  }
  const m = /^3\.([012])\.(0|[1-9][0-9]*)(-.+)?$/.exec(openapi);
  if (m) return { version: `3.${m[1]}` as OpenApiVersion, versionString: openapi };
  const hint = /^2(\.|$)/.test(openapi) ? CONVERT : /^3\.[012]$/.test(openapi) ? `write the full version with its patch number, e.g. "${openapi}.0"` : SUPPORTED;
  diagnostics.error("unsupported-version", `OpenAPI version ${JSON.stringify(openapi)} is not supported; ${SUPPORTED}`, at("/openapi"), hint);
  return undefined;
}

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "number") return `the number ${v}`;
  if (typeof v === "boolean") return `the boolean ${v}`;
  return typeof v;
}
