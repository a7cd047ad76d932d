/**
 * Files the user owns: one handler stub per event (`handlers/<event>.ts`) and the wiring
 * module (`handlers/index.ts`). They are created when missing and never overwritten;
 * the writer enforces that, these functions only say what a fresh file looks like.
 */
import { eventIdentity, IDENTITY_TAG } from "../model/event-identity.js";
import type { PlannedEvent } from "../model/plan.js";
import { docComment, identifier, lineCommentText, stringLiteral } from "./encoders.js";
import { contentTypeOf, eventTitle } from "./event-types.js";
import { bodyKind } from "../model/media-types.js";

export function emitStub(e: PlannedEvent): string {
  const handlerType = identifier(e.names.type + "Handler");
  const responses = e.schemas.responses.map((r) => r.status).join(", ");
  const hints = [
    bodyHint(e),
    responses ? `Answer with one of the declared responses (${responses})${e.ack !== undefined ? `, or return nothing to answer ${e.ack}` : ""}.` : undefined,
    "context.signal is aborted when the receiver's deadline passes; context.rawBody holds the exact bytes.",
  ];
  return (
    docComment([eventTitle(e), e.def.summary, "Created by gen-callbacks; this file is yours: it is never overwritten."], "", [
      `${IDENTITY_TAG} ${eventIdentity(e.def)}`,
    ]) +
    `import { NotImplementedError, type ${handlerType} } from "../contract.js";\n\n` +
    `export const ${identifier(e.names.handler)}: ${handlerType} = async (request, context) => {\n` +
    hints
      .filter((h): h is string => h !== undefined)
      .map((h) => `  // ${lineCommentText(h)}\n`)
      .join("") +
    `  void request;\n  void context;\n  throw new NotImplementedError(${stringLiteral(e.names.handler)});\n};\n`
  );
}

/**
 * What the handler's `request.body` really is: the type of each media type (multipart parts
 * aside), with `| undefined` when the spec does not require a body (OpenAI's and Svix's
 * webhooks): the stub must not promise a body the receiver may hand over absent.
 */
function bodyHint(e: PlannedEvent): string {
  const contents = e.schemas.body;
  if (contents.length === 0 || !e.def.requestBody) return "This request has no body.";
  const optional = e.def.requestBody.required ? "" : " | undefined";
  const typeOf = (c: (typeof contents)[number]) => (bodyKind(c.mediaType) === "parts" ? "its parts" : contentTypeOf(c));
  const body =
    contents.length === 1
      ? `request.body is ${typeOf(contents[0]!)}${optional}`
      : `request.body depends on request.contentType: ${contents.map((c) => `${typeOf(c)}${optional} for ${c.mediaType}`).join(", ")}`;
  return `${body}${optional ? " (the spec does not require a body)" : ""} — see ../types.ts; request.headers, .query and .path are typed too.`;
}

/** One entry of `handlers/index.ts`: the `Handlers` key, the symbol that file exports, its path. */
export interface IndexEntry {
  handler: string;
  exportName: string;
  /** POSIX path relative to the output folder (`handlers/issues-opened.ts`). */
  path: string;
}

export function emitHandlersIndex(entries: readonly IndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.handler < b.handler ? -1 : a.handler > b.handler ? 1 : 0));
  return (
    docComment([
      "Every handler, wired into the map the receiver takes.",
      "Created by gen-callbacks; this file is yours. When the spec gains an event, gen-callbacks creates its stub and adds it here; when an event goes away, its entry is removed (the handler file is kept).",
    ]) +
    `import type { Handlers } from "../contract.js";\n` +
    sorted.map((e) => `import { ${importSpecifier(e)} } from ${stringLiteral(moduleSpecifier(e.path))};\n`).join("") +
    `\nexport const handlers: Handlers = {\n${sorted.map((e) => `  ${propertyFor(e)},\n`).join("")}};\n`
  );
}

/** `./issues-opened.js` for `handlers/issues-opened.ts`, as imported from handlers/index.ts. */
export function moduleSpecifier(path: string): string {
  return "./" + path.replace(/^handlers\//, "").replace(/\.ts$/, ".js");
}

export function importSpecifier(e: IndexEntry): string {
  return identifier(e.exportName);
}

export function propertyFor(e: IndexEntry): string {
  return e.exportName === e.handler ? identifier(e.handler) : `${identifier(e.handler)}: ${identifier(e.exportName)}`;
}
