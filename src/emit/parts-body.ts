/**
 * What `types.ts` says of a `parts` body (multipart/related, multipart/mixed…): its type,
 * `MultipartBody<Schema>` from the copied runtime, and the paragraph of the request's JSDoc
 * that says which part fills which property — from the plan the receiver table also follows
 * (model/part-mapping.ts). Spec text reaches the comment through `docComment` only.
 */
import type { ContentSchemas } from "../bundle/bundle.js";
import { bodyKind } from "../model/media-types.js";
import { requestPartsPlan, type PartPlan } from "../model/part-mapping.js";
import type { PlannedEvent } from "../model/plan.js";
import type { SchemaLookup } from "../model/schema-lookup.js";
import { identifier, stringLiteral } from "./encoders.js";
import { runtimeModule, type RuntimeKind } from "./runtime-location.js";

/** The runtime module that defines `MultipartBody`, from `types.ts`. */
/**
 * `MultipartBody` as `types.ts` names it: with a `$`, which no name made from the spec has
 * (naming/words.ts), so a schema the spec calls `MultipartBody` cannot clash with it.
 */
const MULTIPART_BODY = "$MultipartBody";

/** The import `types.ts` needs when some request body is a `parts` body. */
export function partsImport(events: readonly PlannedEvent[], runtime: RuntimeKind): string {
  const used = events.some((e) => e.schemas.body.some((c) => bodyKind(c.mediaType) === "parts"));
  return used ? `import type { MultipartBody as ${MULTIPART_BODY} } from ${stringLiteral(runtimeModule(runtime, "multipart-body"))};\n\n` : "";
}

/** `MultipartBody<Schema>` when the schema's properties describe the parts, else `MultipartBody` (no `value`). */
export function partsBodyType(e: PlannedEvent, c: ContentSchemas, lookup: SchemaLookup): string {
  const plan = requestPartsPlan(e, c.mediaType, c.type, lookup);
  return plan.mapped && c.type ? `${MULTIPART_BODY}<${identifier(c.type)}>` : MULTIPART_BODY;
}

/** The JSDoc paragraphs for the event's `parts` bodies: what `parts`, `root` and `value` hold. */
export function partsBodyDocs(e: PlannedEvent, lookup: SchemaLookup): string[] {
  const docs: string[] = [];
  for (const c of e.schemas.body) {
    if (bodyKind(c.mediaType) !== "parts") continue;
    const plan = requestPartsPlan(e, c.mediaType, c.type, lookup);
    const intro =
      `A ${c.mediaType} body arrives as \`body.parts\`, every part in the order sent (headers by lower-case name, ` +
      "exact bytes, `value` parsed for JSON parts), and `body.root`, the root part (the one the `start` parameter names, else the first).";
    if (!plan.mapped) {
      const why = plan.reason === undefined ? "the spec gives no schema" : `${plan.reason}: the parts are not validated`;
      docs.push(`${intro} \`body.value\` is undefined: ${why}.`);
      continue;
    }
    docs.push(
      [
        `${intro} \`body.value\` is the parts mapped to the properties of the schema, validated against it:`,
        ...plan.parts.map(propertyLine),
        "A part whose Content-ID is a property's name fills that property; then the root part, then the others in the order sent, " +
          "each fill the first property above, not yet filled, that takes the part's media type (an array property takes every " +
          "such part). Parts no property takes are only in `body.parts`.",
      ].join("\n"),
    );
  }
  return docs;
}

const BECOMES: Record<PartPlan["as"], string> = {
  json: "its JSON",
  text: "its text",
  file: "a Blob of its bytes",
};

/** `- jsonData ← a part of type application/json: its JSON (headers: Content-Id)`. */
function propertyLine(p: PartPlan): string {
  const which = p.repeated ? "every part" : "a part";
  const headers = p.headers.length ? ` (part headers: ${p.headers.join(", ")})` : "";
  return `- \`${p.name}\` ← ${which} of type ${p.accept.join(" or ")}: ${BECOMES[p.as]}${p.repeated ? ", one item each" : ""}${headers}`;
}
