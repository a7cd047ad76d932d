/**
 * Files in multipart bodies: `type: string, format: binary` parts reach the handler as the
 * exact bytes sent (a `File`), over real HTTP on every adapter, and the generated types say
 * `string | Blob` so that the handler must narrow (the same schema carries text in a JSON body).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import type { HandlerContext, Receiver, ReceiverOptions } from "../../templates/runtime/runtime.js";
import { generateInto, typeErrors } from "./support/generated.js";
import { startTarget, TARGETS, type Target } from "./support/targets.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const work = path.join(ROOT, ".tmp", `multipart-files-${process.pid}`);

const SPEC = `openapi: 3.1.0
info: { title: Documents, version: "1" }
webhooks:
  documentSigned:
    post:
      operationId: documentSigned
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: { $ref: "#/components/schemas/SignedDocument" }
      responses:
        "204": { description: received }
  scanReady:
    post:
      operationId: scanReady
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [scan]
              properties:
                scan: { type: string, format: binary, description: base64 text in JSON }
      responses:
        "204": { description: received }
components:
  schemas:
    SignedDocument:
      type: object
      required: [file, meta]
      properties:
        file: { type: string, format: binary }
        preview: { type: [string, "null"], format: binary }
        meta:
          type: object
          required: [documentId]
          properties:
            documentId: { type: string }
`;

/** What a user writes: the file part narrowed to a Blob, its bytes read. */
const USAGE = `import type { Handlers } from "./contract.js";
export const received: Uint8Array[] = [];
export const handlers: Handlers = {
  async documentSigned(request) {
    const file: string | Blob = request.body.file;
    // @ts-expect-error the part may be text: narrow first
    void request.body.file.arrayBuffer;
    if (typeof file !== "string") received.push(new Uint8Array(await file.arrayBuffer()));
    const id: string = request.body.meta.documentId;
    void id;
  },
  scanReady(request) {
    const scan: string | Blob = request.body.scan;
    void scan;
  },
};
`;

interface GeneratedModule {
  events: readonly EventSpec[];
  createReceiver(options: ReceiverOptions<Record<string, (request: never, context: HandlerContext) => unknown>>): Receiver;
}

/** Bytes no UTF-8 decoder would keep intact. */
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a, 0x2d, 0x2d]);

async function multipart(parts: [string, string | Blob, string?][]): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, value, filename);
  }
  const request = new Request("http://x/", { method: "POST", body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

describe("multipart file parts", () => {
  let dir = "";
  let mod: GeneratedModule;
  const calls: { event: string; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    fs.mkdirSync(work, { recursive: true });
    const spec = path.join(work, "documents.yaml");
    fs.writeFileSync(spec, SPEC);
    ({ dir } = await generateInto(spec, "multipart-files", ["node"]));
    fs.writeFileSync(path.join(dir, "usage.ts"), USAGE);
    mod = (await import(path.join(dir, "receiver.ts"))) as GeneratedModule;
  });
  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("types a binary string as string | Blob, so handlers narrow before reading bytes", () => {
    expect(fs.readFileSync(path.join(dir, "types.ts"), "utf8")).toMatch(/file: string \| Blob;/);
    expect(fs.readFileSync(path.join(dir, "types.ts"), "utf8")).toMatch(/preview\?: string \| Blob \| null;/);
    expect(typeErrors([path.join(dir, "usage.ts")], ["ES2023"])).toEqual([]);
  });

  const make = (mount: { basePath?: string }) =>
    mod.createReceiver({
      ...mount,
      handlers: Object.fromEntries(
        mod.events.map((e) => [e.name, (request: { body: Record<string, unknown> }) => void calls.push({ event: e.name, body: request.body })]),
      ),
    });

  for (const name of TARGETS) {
    describe(name, () => {
      let target: Target;
      beforeAll(async () => {
        target = await startTarget(name, make);
      });
      afterAll(() => target.close());

      it("hands over a file part as a Blob with the exact bytes, text parts as text", async () => {
        calls.length = 0;
        const { body, contentType } = await multipart([
          ["file", new Blob([PDF], { type: "application/pdf" }), "signed.pdf"],
          ["preview", "not rendered yet"],
          ["meta", JSON.stringify({ documentId: "doc_1" })],
        ]);
        const res = await target.send({ method: "POST", path: "/hooks/", headers: { "content-type": contentType }, body });
        expect([res.status, res.body]).toEqual([204, ""]);
        expect(calls).toHaveLength(1);
        const got = calls[0]!.body;
        expect(got["file"]).toBeInstanceOf(Blob);
        expect(new Uint8Array(await (got["file"] as Blob).arrayBuffer())).toEqual(PDF);
        expect((got["file"] as File).name).toBe("signed.pdf");
        expect(got["preview"]).toBe("not rendered yet");
        expect(got["meta"]).toEqual({ documentId: "doc_1" });
      });

      it("still validates the rest of the body: without its required part no handler gets it", async () => {
        calls.length = 0;
        const { body, contentType } = await multipart([["file", new Blob([PDF]), "signed.pdf"]]);
        const res = await target.send({ method: "POST", path: "/hooks/", headers: { "content-type": contentType }, body });
        // Both webhooks share the route and no discriminator tells them apart, so a body no
        // event's schema accepts is unclaimed: 202 (`unhandledStatus`), not a handler call.
        expect(res.status).toBe(202);
        expect(calls).toHaveLength(0);
      });

      it("takes the same schema's text in a JSON body", async () => {
        calls.length = 0;
        const res = await target.send({
          method: "POST",
          path: "/hooks/",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ scan: "JVBERi0=" }),
        });
        expect(res.status).toBe(204);
        expect(calls).toEqual([{ event: "scanReady", body: { scan: "JVBERi0=" } }]);
      });
    });
  }
});
