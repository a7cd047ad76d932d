/**
 * `routes.ts`: where each event arrives (the receiver matches on this table) and, for
 * callbacks whose URL the consumer chooses, a typed helper building the value to send
 * when subscribing. Route and helper come from the same analysis of the callback key, so
 * the URL the consumer hands out and the route its receiver serves cannot disagree.
 */
import type { GenerationPlan, PlannedEvent, SubscriptionTarget } from "../model/plan.js";
import { docComment, identifier, propertyKey, stringLiteral } from "./encoders.js";
import { eventTitle } from "./event-types.js";

export function emitRoutesModule(plan: GenerationPlan): string {
  const out: string[] = [];
  out.push(`import type { EventName } from "./contract.js";\n`);
  out.push(
    docComment([
      "How one event is routed. `path` is relative to the base URL the subscriber gave the provider (callbacks) or to the receiver's webhook path (webhooks); `{name}` marks a path parameter.",
    ]) +
      `export interface RouteInfo {\n  readonly kind: "callback" | "webhook";\n  readonly method: string;\n  readonly path: string;\n  readonly params: readonly string[];\n  /** Status answered when the handler returns nothing; absent when it must return a body. */\n  readonly ack?: number;\n}\n`,
  );
  const entries = plan.events.map((e) => {
    const fields = [
      `kind: ${stringLiteral(e.def.kind)}`,
      `method: ${stringLiteral(e.route.method)}`,
      `path: ${stringLiteral(e.route.path)}`,
      `params: [${e.route.params.map((p) => stringLiteral(p.name)).join(", ")}]`,
      ...(e.ack !== undefined ? [`ack: ${e.ack}`] : []),
    ];
    return `${docComment([eventTitle(e)], "  ")}  ${identifier(e.names.handler)}: { ${fields.join(", ")} },`;
  });
  out.push(`export const routes = {\n${entries.join("\n")}\n} as const satisfies Record<EventName, RouteInfo>;\n`);

  const subscribed = plan.events.filter((e) => e.route.subscription);
  if (subscribed.length) {
    out.push(BASE_URL_HELPER);
    for (const e of subscribed) out.push(subscriptionHelper(e, e.route.subscription!));
  }
  return out.join("\n");
}

const BASE_URL_HELPER = `/**
 * The receiver's base URL as the provider should get it. The provider substitutes it into
 * the callback key and concatenates literally, so a trailing slash would double up when the
 * key continues with \`/…\` ("strip"), or is needed when it continues with text ("ensure").
 */
function receiverBase(receiverBaseUrl: string | URL, trailingSlash: "strip" | "ensure" | "keep"): string {
  const url = new URL(String(receiverBaseUrl));
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(\`the receiver's base URL must be http(s), got \${url.protocol}\`);
  }
  if (trailingSlash === "keep") return url.href;
  const trimmed = url.href.replace(/\\/+$/, "");
  return trailingSlash === "ensure" ? trimmed + "/" : trimmed;
}
`;

function subscriptionHelper(e: PlannedEvent, s: SubscriptionTarget): string {
  const value = `receiverBase(receiverBaseUrl, ${stringLiteral(s.trailingSlash)})`;
  let type: string;
  let expr: string;
  switch (s.in) {
    case "body": {
      const segs = s.pointer ?? [];
      type = "{ body: " + nest(segs, "string", true) + " }";
      expr = "{ body: " + nest(segs, value, false) + " }";
      break;
    }
    default: {
      const field = s.in === "header" ? "headers" : s.in;
      const name = propertyKey(s.name ?? "", "type");
      type = `{ ${field}: { ${name}: string } }`;
      expr = `{ ${field}: { ${propertyKey(s.name ?? "", "value")}: ${value} } }`;
    }
  }
  const where = s.in === "body" ? `the body field /${(s.pointer ?? []).join("/")}` : `the ${s.in} parameter "${s.name}"`;
  const doc = docComment([
    `Subscribing to ${eventTitle(e)}.`,
    `Pass the result along with ${s.operation.method} ${s.operation.path}: it puts your receiver's base URL in ${where} (${s.expression}), so the provider calls ${e.route.method} <base>${e.route.path}, which the receiver serves.`,
  ]);
  return `${doc}export function ${identifier(e.names.handler + "Subscription")}(receiverBaseUrl: string | URL): ${type} {\n  return ${expr};\n}\n`;
}

/** `["a","b"]`, leaf → `{ a: { b: leaf } }` (as a type or as a value). */
function nest(segments: readonly string[], leaf: string, asType: boolean): string {
  if (segments.length === 0) return leaf;
  const [head, ...rest] = segments;
  return `{ ${propertyKey(head!, asType ? "type" : "value")}: ${nest(rest, leaf, asType)} }`;
}
