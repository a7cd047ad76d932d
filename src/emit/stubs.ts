/**
 * Files the user owns: one handler stub per event (`handlers/<event>.ts`) and the wiring
 * module (`handlers/index.ts`). They are created when missing and never overwritten;
 * the writer enforces that, these functions only say what a fresh file looks like.
 */
import type { PlannedEvent } from "../model/plan.js";
import { docComment, identifier, lineCommentText, stringLiteral } from "./encoders.js";
import { eventTitle } from "./event-types.js";

export function emitStub(e: PlannedEvent): string {
  const handlerType = identifier(e.names.type + "Handler");
  const bodyType = e.schemas.body.map((b) => b.type ?? "unknown").join(" | ");
  const responses = e.schemas.responses.map((r) => r.status).join(", ");
  const hints = [
    bodyType ? `request.body is ${bodyType} (see ../types.ts); request.headers, .query and .path are typed too.` : "This request has no body.",
    responses ? `Answer with one of the declared responses (${responses})${e.ack !== undefined ? `, or return nothing to answer ${e.ack}` : ""}.` : undefined,
    "context.signal is aborted when the receiver's deadline passes; context.rawBody holds the exact bytes.",
  ];
  return (
    docComment([eventTitle(e), e.def.summary, "Created by gen-callbacks; this file is yours: it is never overwritten."]) +
    `import { NotImplementedError, type ${handlerType} } from "../contract.js";\n\n` +
    `export const ${identifier(e.names.handler)}: ${handlerType} = async (request, context) => {\n` +
    hints
      .filter((h): h is string => h !== undefined)
      .map((h) => `  // ${lineCommentText(h)}\n`)
      .join("") +
    `  void request;\n  void context;\n  throw new NotImplementedError(${stringLiteral(e.names.handler)});\n};\n`
  );
}

export function emitHandlersIndex(events: readonly PlannedEvent[]): string {
  const sorted = [...events].sort((a, b) => (a.names.handler < b.names.handler ? -1 : 1));
  return (
    docComment([
      "Every handler, wired into the map the receiver takes.",
      "Created by gen-callbacks; this file is yours. When the spec gains an event, `handlers` stops type-checking until you add the new handler (gen-callbacks creates its stub).",
    ]) +
    `import type { Handlers } from "../contract.js";\n` +
    sorted.map((e) => `import { ${identifier(e.names.handler)} } from ${stringLiteral(`./${e.names.file}.js`)};\n`).join("") +
    `\nexport const handlers: Handlers = {\n${sorted.map((e) => `  ${identifier(e.names.handler)},\n`).join("")}};\n`
  );
}
