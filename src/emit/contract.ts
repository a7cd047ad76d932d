/**
 * `contract.ts`: the handler contract. One handler type per event and the exhaustive
 * `Handlers` map, so that a new event in the spec is a type error in the user's wiring
 * until it has a handler.
 */
import type { PlannedEvent } from "../model/plan.js";
import { docComment, identifier, stringLiteral } from "./encoders.js";
import { eventDoc } from "./event-types.js";

export function emitContract(events: readonly PlannedEvent[]): string {
  const imports = events.flatMap((e) => [identifier(e.names.type + "Request"), identifier(e.names.type + "Response")]);
  const out: string[] = [];
  out.push(imports.length ? `import type {\n${imports.map((i) => `  ${i},`).join("\n")}\n} from "./types.js";\n` : "");
  out.push(PREAMBLE);
  for (const e of events) {
    const ret = `${identifier(e.names.type + "Response")}${e.ack !== undefined ? " | void" : ""}`;
    const request = identifier(e.names.type + "Request");
    const ack =
      e.ack !== undefined
        ? `Returning nothing answers ${e.ack}.`
        : "Every success response of this event has a body, so the handler must return one.";
    out.push(
      eventDoc(e, [ack]) +
        fitLine(
          `export type ${identifier(e.names.type + "Handler")} = (request: ${request}, context: HandlerContext) => MaybePromise<${ret}>;`,
          `export type ${identifier(e.names.type + "Handler")} = (\n  request: ${request},\n  context: HandlerContext,\n) => MaybePromise<${ret}>;`,
        ) + "\n",
    );
  }
  out.push(docComment(["One handler per event the spec describes. Exhaustive on purpose: when the spec gains an event, the object you pass to the receiver stops type-checking until it handles it."]));
  out.push(`export interface Handlers {\n${events.map((e) => `${eventDoc(e, [], "  ")}  ${identifier(e.names.handler)}: ${identifier(e.names.type + "Handler")};`).join("\n")}\n}\n`);
  out.push(`/** Names of the events, as used in \`Handlers\`. */\nexport type EventName = keyof Handlers;\n`);
  const names = events.map((e) => stringLiteral(e.names.handler));
  out.push(
    `/** Every event name, sorted. */\n` +
      fitLine(
        `export const eventNames = [${names.join(", ")}] as const satisfies readonly EventName[];`,
        `export const eventNames = [\n${names.map((n) => `  ${n},\n`).join("")}] as const satisfies readonly EventName[];`,
      ) +
      "\n",
  );
  return out.join("\n");
}

/** The one-line form when it fits the print width (as prettier would), else the broken form. */
function fitLine(oneLine: string, broken: string): string {
  return oneLine.length <= PRINT_WIDTH ? oneLine : broken;
}

/** Generated TypeScript follows prettier's style at this width (checked by a test). */
export const PRINT_WIDTH = 120;

const PREAMBLE = `/** A handler may answer synchronously or asynchronously. */
export type MaybePromise<T> = T | Promise<T>;

/** What every handler receives next to the validated request. */
export interface HandlerContext {
  /** Name of the event being handled. */
  event: string;
  /** The request as it arrived. Its body has been read: use \`rawBody\`. */
  request: Request;
  /** The exact bytes of the body, for signature checks. */
  rawBody: Uint8Array;
  /** Aborted when the receiver's deadline for this request passes. */
  signal: AbortSignal;
}

/**
 * Thrown by the stubs gen-callbacks creates. The receiver answers 501, a 5xx, so the
 * provider retries the delivery instead of dropping it while the handler is unwritten.
 */
export class NotImplementedError extends Error {
  constructor(readonly event: string) {
    super(\`the handler for \${event} is not implemented yet\`);
    this.name = "NotImplementedError";
  }
}
`;
