/**
 * Which events on a matched route may have sent a (verified) request, and the body parsed
 * for them: the media type against what the route declares, the header conditions (before
 * any parsing), one parse per way of parsing, the body conditions, and who claims it.
 */
import { parseBody, type ParseResult } from "./body-parse.js";
import { EventIndex, eventWords, RULED_OUT, type ConditionInput, type Conditions } from "./discriminate.js";
import { charsetAccepted, isTextual, parseMediaType, selectContent, type MediaType } from "./media-type.js";
import type { BodySpec, EventSpec } from "./receiver-types.js";
import type { UnhandledReason } from "./options.js";
import { answers, type ReceiverOutput } from "./respond.js";
import type { CandidateGroup } from "./routes.js";

/** An event still in the running for a request. */
export interface Candidate {
  readonly event: EventSpec;
  /** Its path parameters, still percent-encoded. */
  readonly path: Readonly<Record<string, string>>;
  /** The declared body the request's is parsed as; undefined without a body, or for events that declare none. */
  readonly content: BodySpec | undefined;
  /** The parsed body (undefined when `content` is). */
  readonly body: unknown;
  /**
   * How strongly the request is known to be for this event, valid or not: the conditions that
   * held on a value the request carries (1 for an event alone on its route). A claimed
   * delivery (claims > 0) that fails validation is invalid; an unclaimed one is an unknown
   * event (an event type added after generation).
   */
  readonly claims: number;
}

export interface Selection {
  /** The events whose conditions hold and that take the body's media type, in table order. */
  readonly candidates: readonly Candidate[];
}

/** The body cannot be read as the route declares, whoever it is for. */
export interface Refusal {
  readonly reason: UnhandledReason;
  readonly output: ReceiverOutput;
}

function refusal(reason: UnhandledReason, output: ReceiverOutput): Refusal {
  return { reason, output };
}

/** What the selection needs of the request. */
export interface Selectable {
  header(name: string): string | null;
  readonly rawBody: Uint8Array;
  readonly maxJsonDepth: number;
}

/** Shared by every request: prepared per event and per route when first needed. */
export class Selector {
  private readonly conditionsOf: ReadonlyMap<EventSpec, Conditions>;
  private readonly indexes = new WeakMap<readonly EventSpec[], EventIndex>();

  constructor(conditionsOf: ReadonlyMap<EventSpec, Conditions>) {
    this.conditionsOf = conditionsOf;
  }

  /**
   * The candidates, or the answer when the body's media type or syntax rules them all out.
   * Synchronous unless a body must be parsed asynchronously (multipart).
   */
  select(
    groups: readonly CandidateGroup[],
    request: Selectable,
  ): Selection | Refusal | Promise<Selection | Refusal> {
    const routeEvents = groups.length === 1 ? groups[0]!.events : groups.flatMap((g) => g.events);
    const media = mediaTypeOf(request, routeEvents);
    if ("reason" in media) return media;

    const input: ConditionInput = {
      header: request.header,
      words: memoWords(request.header),
      maxJsonDepth: request.maxJsonDepth,
    };
    const pending: Pending[] = [];
    for (const group of groups) {
      let index = this.indexes.get(group.events);
      if (!index) this.indexes.set(group.events, (index = new EventIndex(group.events)));
      for (const event of index.candidates(input)) {
        const conditions = this.conditionsOf.get(event)!;
        const claims = conditions.headers(input);
        if (claims === RULED_OUT) continue;
        const content = media.contentFor(event);
        if (content !== null) pending.push({ event, path: group.path, content, conditions, claims });
      }
    }

    // None of the candidates takes this media type: a 415 if no event on the route does.
    if (pending.length === 0) {
      const refused = media.refusal();
      if (refused) return refused;
    }

    // Parse once per way of parsing; a body that does not parse is malformed whoever it is for.
    const parsed = new Map<string, unknown>();
    const keep = (result: ParseResult, content: BodySpec): Refusal | undefined => {
      if (!result.ok)
        return result.reason === "depth"
          ? refusal("too-deep", answers.tooDeep(request.maxJsonDepth))
          : refusal("malformed", answers.malformed());
      parsed.set(parseKey(content), result.value);
      return undefined;
    };
    const parseFrom = (from: number): Selection | Refusal | Promise<Selection | Refusal> => {
      for (let i = from; i < pending.length; i++) {
        const content = pending[i]!.content;
        if (!content || parsed.has(parseKey(content))) continue;
        const result = parseBody(request.rawBody, content, media.header, request.maxJsonDepth);
        if (result instanceof Promise) return result.then((r) => keep(r, content) ?? parseFrom(i + 1));
        const refused = keep(result, content);
        if (refused) return refused;
      }
      return choose(pending, parsed, routeEvents.length === 1, input);
    };
    return parseFrom(0);
  }
}

/** An event whose header conditions held and that takes the body's media type. */
interface Pending {
  readonly event: EventSpec;
  readonly path: CandidateGroup["path"];
  readonly content: BodySpec | undefined;
  readonly conditions: Conditions;
  /** Header conditions that held on a value the request carries. */
  readonly claims: number;
}

/** The pending events whose body conditions hold too. */
function choose(
  pending: readonly Pending[],
  parsed: ReadonlyMap<string, unknown>,
  alone: boolean,
  input: ConditionInput,
): Selection {
  const candidates: Candidate[] = [];
  for (const p of pending) {
    const body = p.content ? parsed.get(parseKey(p.content)) : undefined;
    const claims = p.conditions.body(body, p.content, input);
    if (claims === RULED_OUT) continue;
    // (Spelled out: a spread makes a slow dictionary-mode copy.)
    candidates.push({ event: p.event, path: p.path, content: p.content, body, claims: p.claims + claims + (alone ? 1 : 0) });
  }
  return { candidates };
}

/** The `Content-Type` RFC 9110 §8.3 lets a recipient assume for a body sent without one. */
const OCTET_STREAM: MediaType = { essence: "application/octet-stream", params: new Map() };

/** The media type's verdict for a route: which body of an event it selects, and whether the route refuses it. */
interface MediaVerdict {
  readonly header: string;
  /** null: this event cannot take this body. */
  contentFor(event: EventSpec): BodySpec | undefined | null;
  /**
   * 415 when no event on the route declares the type (or only with a charset other than
   * UTF-8). Asked only when no candidate takes the body: GitHub's route has 261 events, a
   * request's event header names a handful.
   */
  refusal(): Refusal | undefined;
}

/** The request's media type; compressed bodies and unparsable types are refused at once. */
function mediaTypeOf(request: Selectable, routeEvents: readonly EventSpec[]): Refusal | MediaVerdict {
  const encoding = request.header("content-encoding");
  // Never inflated: a compression bomb would get past the size cap (THREATS.md B8).
  if (encoding !== null && encoding.trim().toLowerCase() !== "identity")
    return refusal("unsupported-encoding", answers.encoding());
  const header = request.header("content-type");
  const declared = () => [...new Set(routeEvents.flatMap((e) => e.body.contents.map((b) => b.mediaType)))].sort();
  if (request.rawBody.byteLength === 0)
    return { header: header ?? "", contentFor: () => undefined, refusal: () => undefined };
  const type = header === null ? OCTET_STREAM : parseMediaType(header);
  if (!type) return refusal("unsupported-media-type", answers.mediaType(declared()));
  const charsetOk = charsetAccepted(type);
  const contentFor = (event: EventSpec): BodySpec | undefined | null => {
    // An event that declares no body takes any, and ignores it.
    if (event.body.contents.length === 0) return undefined;
    const content = selectContent(event.body.contents, type.essence);
    return content && (charsetOk || !isTextual(content.kind)) ? content : null;
  };
  const refused = (): Refusal | undefined => {
    if (routeEvents.some((e) => contentFor(e) !== null)) return undefined;
    return routeEvents.some((e) => selectContent(e.body.contents, type.essence))
      ? refusal("unsupported-charset", answers.charset())
      : refusal("unsupported-media-type", answers.mediaType(declared()));
  };
  return { header: header ?? OCTET_STREAM.essence, contentFor, refusal: refused };
}

/**
 * eventWords of header values seen before: a provider sends the same few event names over
 * and over. Bounded, since the values come from whoever sends requests.
 */
const wordsOfValue = new Map<string, string>();
const MAX_REMEMBERED_WORDS = 512;

function wordsOf(value: string): string {
  let words = wordsOfValue.get(value);
  if (words === undefined) {
    words = eventWords(value);
    if (wordsOfValue.size < MAX_REMEMBERED_WORDS && value.length <= 128) wordsOfValue.set(value, words);
  }
  return words;
}

/** eventWords of a header's value, computed once per request and header. */
function memoWords(header: (name: string) => string | null): (name: string) => string | null {
  let lastName: string | undefined;
  let lastWords: string | null = null;
  return (name) => {
    // One event-naming header per route, as a rule: remember the last one, not a map.
    if (name !== lastName) {
      const value = header(name);
      lastWords = value === null ? null : wordsOf(value);
      lastName = name;
    }
    return lastWords;
  };
}

/** Bodies are parsed once per distinct way of parsing (a kind and its field lists), not per candidate. */
const parseKeys = new WeakMap<BodySpec, string>();
function parseKey(spec: BodySpec): string {
  let key = parseKeys.get(spec);
  if (key === undefined) {
    key =
      spec.kind === "form" || spec.kind === "multipart" || spec.kind === "parts"
        ? JSON.stringify([spec.kind, spec.jsonFields ?? [], spec.fields ?? [], spec.parts ?? null])
        : spec.kind;
    parseKeys.set(spec, key);
  }
  return key;
}
