/**
 * Hono 4 adapter. Hono hands handlers the web Request, which is all the receiver needs:
 *
 *   app.mount("/webhooks", receiver.fetch);               // strips "/webhooks" itself
 *   // or
 *   const receiver = createReceiver({ handlers, basePath: "/webhooks" });
 *   app.all("/webhooks/*", honoHandler(receiver));
 *   app.all("/webhooks", honoHandler(receiver));
 *
 * Register it before middleware that reads the body (validators, `c.req.json()`): a read
 * body cannot be verified, and the receiver answers 500 and reports it to `onError`.
 * On Node (@hono/node-server) there is no body limit but the receiver's `maxBodyBytes`.
 */
import type { Context } from "hono";
import type { Receiver } from "../runtime/runtime.js";

export function honoHandler(receiver: Pick<Receiver, "fetch">): (c: Context) => Promise<Response> {
  return (c) => receiver.fetch(c.req.raw);
}
