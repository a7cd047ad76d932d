/**
 * Fastify 5 adapter: a plugin serving every event under its prefix.
 *
 *   await app.register(fastifyReceiver(receiver), { prefix: "/webhooks" });
 *
 * The plugin is encapsulated (not wrapped in fastify-plugin): its content-type parser and
 * hook apply to its own routes only, so the rest of your app keeps Fastify's JSON parsing.
 * Requests are answered from an `onRequest` hook, before Fastify would parse or judge the
 * body: Fastify's own body limit, media-type checks and prototype-poisoning rejection
 * (which turns a signed event with a `__proto__` key into a 400, THREATS.md finding 9) never
 * see them — the receiver applies its own, identical in every adapter. Fastify's other
 * hooks, logging and `onResponse` still run.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { Receiver } from "../runtime/runtime.js";
import { nodeInput } from "./node.js";

/** `/webhooks/data?x=1` under prefix `/webhooks` → `/data?x=1`. */
function relative(url: string, prefix: string): string {
  if (!prefix || !url.startsWith(prefix)) return url;
  const rest = url.slice(prefix.length);
  return rest.startsWith("/") ? rest : `/${rest}`;
}

export function fastifyReceiver(receiver: Pick<Receiver, "handle">): FastifyPluginAsync {
  return async (fastify) => {
    const prefix = fastify.prefix;
    // Never reached (the hook answers first); declared so that no parser of this context reads a body.
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    fastify.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
      const url = request.raw.url ?? "/";
      const output = await receiver.handle(nodeInput(request.raw, relative(url, prefix), url));
      reply.code(output.status).headers(output.close ? { ...output.headers, connection: "close" } : output.headers);
      const body = output.body;
      // Sent as a Buffer: Fastify sends those as they are, where it would add `; charset=utf-8`
      // to the content type of a string (the other adapters send the receiver's header as is).
      await reply.send(
        body === null
          ? undefined
          : typeof body === "string"
            ? Buffer.from(body, "utf8")
            : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      );
      return reply;
    });
    const unreachable = async () => undefined;
    fastify.all("/", unreachable);
    fastify.all("/*", unreachable);
  };
}
