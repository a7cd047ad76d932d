/**
 * Next.js App Router adapter: route handlers for every method, in a catch-all route file.
 *
 *   // app/api/webhooks/[[...path]]/route.ts
 *   import { createReceiver } from "@/webhooks/receiver";
 *   import { nextRouteHandlers } from "@/webhooks/adapters/next";
 *   import { handlers } from "@/webhooks/handlers";
 *
 *   const receiver = createReceiver({ handlers, basePath: "/api/webhooks" });
 *   export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = nextRouteHandlers(receiver);
 *   export const runtime = "nodejs";          // or "edge": the receiver needs only web APIs
 *   export const dynamic = "force-dynamic";   // never cache webhook answers
 *
 * The App Router passes the web Request untouched (unlike the Pages Router, it parses no
 * body), so signatures are checked over the exact bytes. `basePath` is the route's URL path:
 * Next does not strip it.
 */
import type { Receiver } from "../runtime/runtime.js";

type RouteHandler = (request: Request) => Promise<Response>;

export interface NextRouteHandlers {
  GET: RouteHandler;
  POST: RouteHandler;
  PUT: RouteHandler;
  PATCH: RouteHandler;
  DELETE: RouteHandler;
  HEAD: RouteHandler;
  OPTIONS: RouteHandler;
}

/** Every method goes to the receiver, so that a wrong method answers the receiver's 405 with its `Allow`. */
export function nextRouteHandlers(receiver: Pick<Receiver, "fetch">): NextRouteHandlers {
  const handler: RouteHandler = (request) => receiver.fetch(request);
  return {
    GET: handler,
    POST: handler,
    PUT: handler,
    PATCH: handler,
    DELETE: handler,
    HEAD: handler,
    OPTIONS: handler,
  };
}
