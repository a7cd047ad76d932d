/**
 * Express 5 adapter: a middleware serving every event under the path it is mounted on.
 *
 *   app.use("/webhooks", expressMiddleware(receiver));   // before express.json() & co.
 *   app.use(express.json());
 *
 * Mount it with `app.use(path, …)`, which strips `path` from the URL the receiver matches
 * (so no `basePath` is needed), and before any body parser: the receiver reads the raw
 * bytes itself. If a parser got there first, the request fails with an error that says so
 * (passed to `next`, so your error handler logs it) instead of hanging or verifying a
 * re-serialized body (THREATS.md B1).
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Receiver } from "../runtime/runtime.js";
import { BODY_CONSUMED_MESSAGE, bodyConsumed, serveNode } from "./node.js";

export function expressMiddleware(receiver: Pick<Receiver, "handle">): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (bodyConsumed(req)) {
      next(new Error(BODY_CONSUMED_MESSAGE));
      return;
    }
    // req.url is relative to the mount path; req.originalUrl is what the client asked for.
    serveNode(receiver, req, res, req.url, req.originalUrl).catch(next);
  };
}
