/**
 * Strings that may arrive as files. `type: string, format: binary` is how OpenAPI documents
 * a file: in a `multipart/form-data` body the receiver hands such a part over as a `File`
 * (a `Blob`), in any other body the value is text. Schemas are typed once, whatever body
 * they appear in, so such a string is typed `string | Blob` and validated as either — sound
 * in every context, and the handler narrows with `typeof`. (3.1's `contentMediaType` is not
 * taken as a file marker: on JSON-in-a-string fields it would put `Blob` where none can be.)
 *
 * Both emitters ask this one predicate, so `types.ts` and `schemas.ts` cannot disagree.
 */
import type { JsonSchemaObject } from "../model/schema-set.js";
import { own } from "./keywords.js";

export function mayBeFile(node: JsonSchemaObject): boolean {
  if (own(node, "format") !== "binary" || Array.isArray(own(node, "enum"))) return false;
  const type = own(node, "type");
  if (type === "string") return true;
  return Array.isArray(type) && type.includes("string") && type.every((t) => t === "string" || t === "null");
}
