/**
 * `send --example NAME` posts the document's example of that name (a `$ref` to
 * components/examples, followed) byte for byte as JSON, to a plain node:http server standing
 * in for the receiver; `send` with no example posts the kit's default fixture.
 */
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { loadDocumentSet } from "../../src/load/load.js";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { CORPUS, itShared } from "../support/shared.js";

const SPEC = path.join(CORPUS, "redocly-museum/openapi.yaml");
const received: { method: string; url: string; type: string | undefined; body: string }[] = [];
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    received.push({ method: req.method!, url: req.url!, type: req.headers["content-type"], body });
    res.writeHead(204).end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function send(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli({ argv: ["send", SPEC, ...args], cwd: process.cwd(), stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async () => "" });
  return { code, out, err };
}

itShared("send --example posts the document's named example, exactly", async () => {
  const set = loadDocumentSet({ path: SPEC }, { diagnostics: new Diagnostics() })!;
  const root = set.entry.value as { components: { examples: Record<string, { value: unknown }> } };
  // The webhook's `default_example` is a `$ref` to this one.
  const example = root.components.examples["GetSpecialEventResponseExample"]!.value;

  received.length = 0;
  const named = await send("publishNewEvent", "--to", url, "--example", "default_example", "--json");
  expect(named.err).toBe("");
  expect(named.code).toBe(0);
  expect(JSON.parse(named.out)).toMatchObject({ event: "publishNewEvent", fixture: "default_example", method: "POST", status: 204 });
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({ method: "POST", url: "/", type: "application/json" });
  expect(JSON.parse(received[0]!.body)).toEqual(example);

  const unknown = await send("publishNewEvent", "--to", url, "--example", "nope");
  expect(unknown.code).toBe(2);
  expect(unknown.err).toContain('error usage: no example named "nope" for publishNewEvent; examples: default_example');
}, 120_000);
