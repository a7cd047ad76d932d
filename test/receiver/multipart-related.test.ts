/**
 * multipart/related bodies, as 3GPP's 5G core sends its callbacks: a receiver generated from
 * a spec modelled on TS 29.518 (test/fixtures/n2-info-notify.yaml), served over real HTTP on
 * every adapter. The handler gets every part with its headers and exact bytes, and the parts
 * mapped to the schema's properties — the JSON root part parsed and validated; a body that is
 * not multipart is 400 `malformed`, a JSON part its schema refuses 422.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventSpec } from "../../templates/runtime/receiver-types.js";
import type { BodyPart, MultipartBody } from "../../templates/runtime/multipart-body.js";
import type { HandlerContext, Receiver, ReceiverOptions, UnhandledInfo } from "../../templates/runtime/runtime.js";
import { generateInto, typeErrors } from "./support/generated.js";
import { startTarget, TARGETS, type Target } from "./support/targets.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/n2-info-notify.yaml");

/** What a user writes: the JSON part's reference followed to its binary part, every type checked. */
const USAGE = `import type { Handlers } from "./contract.js";
import type { BodyPart } from "gen-callbacks/runtime/multipart-body";
export const seen: Uint8Array[] = [];
export const handlers: Handlers = {
  async onN2InfoNotify(request) {
    if (request.contentType === "application/json") {
      const id: string = request.body.n2NotifySubscriptionId;
      void id;
      return;
    }
    const notification = request.body.value.jsonData;
    const ref: string | undefined = notification.n2InfoContainer?.smInfo?.n2InfoContent?.ngapData.contentId;
    const ngap: BodyPart | undefined = request.body.parts.find((part) => part.contentId === ref);
    if (ngap) seen.push(ngap.body);
    const root: BodyPart = request.body.root;
    const type: string = root.contentType;
    const header: string | undefined = root.headers["content-id"];
    void [type, header];
    const file: string | Blob | undefined = request.body.value.binaryDataN2Information;
    if (file !== undefined && typeof file !== "string") seen.push(new Uint8Array(await file.arrayBuffer()));
    // @ts-expect-error the parts are not the schema's object: that is body.value
    void request.body.jsonData;
  },
};
`;

interface GeneratedModule {
  events: readonly EventSpec[];
  createReceiver(options: ReceiverOptions<Record<string, (request: never, context: HandlerContext) => unknown>>): Receiver;
}

const enc = new TextEncoder();
/** NGAP and NAS bytes no text decoder keeps intact, with a CRLF and dashes inside. */
const NGAP = new Uint8Array([0x00, 0x0e, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x2d, 0x2d, 0x80, 0x00]);
const NGAP2 = new Uint8Array([0x20, 0x15, 0x00, 0x0d]);
const NAS = new Uint8Array([0x7e, 0x00, 0x68, 0x01, 0x00, 0x0d, 0x0a]);

const notification = (contentId: string, pduSessionId = 5) => ({
  n2NotifySubscriptionId: "sub-1",
  n2InfoContainer: {
    n2InformationClass: "SM",
    smInfo: { pduSessionId, n2InfoContent: { ngapIeType: "PDU_RES_SETUP_REQ", ngapData: { contentId } } },
  },
});

type Part = { headers: Record<string, string>; body: Uint8Array | string };

/** A multipart body with CRLF line breaks, as RFC 2046 writes it. */
function multipart(boundary: string, parts: Part[], close = true): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const p of parts) {
    const head = Object.entries(p.headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("");
    chunks.push(enc.encode(`--${boundary}\r\n${head}\r\n`), typeof p.body === "string" ? enc.encode(p.body) : p.body, enc.encode("\r\n"));
  }
  if (close) chunks.push(enc.encode(`--${boundary}--\r\n`));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const json = (value: unknown, headers: Record<string, string> = {}): Part => ({
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(value),
});
const ngap = (bytes: Uint8Array, id: string): Part => ({
  headers: { "Content-Type": "application/vnd.3gpp.ngap", "Content-Id": id },
  body: bytes,
});
const nas = (bytes: Uint8Array, id: string): Part => ({
  headers: { "Content-Type": "application/vnd.3gpp.5gnas", "Content-Id": id },
  body: bytes,
});

/** What a handler saw, in plain data (Blobs read), the same whichever adapter served it. */
interface Seen {
  contentType: string;
  parts?: { headers: Record<string, string>; contentType: string; contentId?: string; body: number[]; value?: unknown }[];
  root?: number;
  value?: Record<string, unknown>;
  body?: unknown;
}

async function plain(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: [...new Uint8Array(await value.arrayBuffer())], type: value.type };
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await plain(v);
    return out;
  }
  return value;
}

async function seen(request: { contentType: string; body: unknown }): Promise<Seen> {
  if (request.contentType !== "multipart/related") return { contentType: request.contentType, body: request.body };
  const body = request.body as MultipartBody<Record<string, unknown>>;
  const part = (p: BodyPart) => ({ ...p, headers: { ...p.headers }, body: [...p.body] });
  return {
    contentType: request.contentType,
    parts: body.parts.map(part),
    root: body.parts.indexOf(body.root),
    value: (await plain(body.value)) as Record<string, unknown>,
  };
}

describe("multipart/related callbacks (3GPP style)", () => {
  let dir = "";
  let mod: GeneratedModule;

  beforeAll(async () => {
    ({ dir } = await generateInto(FIXTURE, "multipart-related"));
    fs.writeFileSync(path.join(dir, "usage.ts"), USAGE);
    mod = (await import(path.join(dir, "receiver.ts"))) as GeneratedModule;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([{ lib: ["ES2023", "DOM"] }, { lib: ["ES2023"] }])("types the parts and the mapped value (lib $lib)", ({ lib }) => {
    const types = fs.readFileSync(path.join(dir, "types.ts"), "utf8");
    expect(types).toContain(`| { contentType: "multipart/related"; body: $MultipartBody<OnN2InfoNotifyBodyRelated> }`);
    expect(types).toContain(
      "* - `binaryDataN2Information` ← a part of type application/vnd.3gpp.ngap: a Blob of its bytes (part headers: Content-Id)",
    );
    expect(typeErrors([path.join(dir, "usage.ts")], lib)).toEqual([]);
  });

  for (const name of TARGETS) {
    describe(name, () => {
      let target: Target;
      const calls: Seen[] = [];
      const unhandled: { reason: string; status: number }[] = [];
      beforeAll(async () => {
        target = await startTarget(name, (mount) =>
          mod.createReceiver({
            ...mount,
            handlers: { onN2InfoNotify: async (request: { contentType: string; body: unknown }) => void calls.push(await seen(request)) },
            onUnhandled: (info: UnhandledInfo) => void unhandled.push({ reason: info.reason, status: info.status }),
          }),
        );
      });
      afterAll(() => target.close());

      const send = async (body: Uint8Array | string, contentType: string) => {
        calls.length = 0;
        unhandled.length = 0;
        const res = await target.send({ method: "POST", path: "/hooks/", headers: { "content-type": contentType }, body });
        return { status: res.status, body: res.body === "" ? "" : (JSON.parse(res.body) as unknown) };
      };

      it("hands over every part with its exact bytes, and the parts mapped to the schema", async () => {
        const body = multipart("MIME_boundary_n2", [json(notification("n2msg")), ngap(NGAP, "n2msg"), nas(NAS, "<nas@amf>")]);
        const res = await send(body, 'multipart/related; boundary="MIME_boundary_n2"; type="application/json"');
        expect(res).toEqual({ status: 204, body: "" });
        expect(calls).toHaveLength(1);
        const got = calls[0]!;
        expect(got.parts!.map((p) => [p.contentType, p.contentId, p.headers["content-id"]])).toEqual([
          ["application/json", undefined, undefined],
          ["application/vnd.3gpp.ngap", "n2msg", "n2msg"],
          ["application/vnd.3gpp.5gnas", "nas@amf", "<nas@amf>"],
        ]);
        expect(got.parts![1]!.body).toEqual([...NGAP]);
        expect(got.parts![2]!.body).toEqual([...NAS]);
        expect(got.parts![0]!.value).toEqual(notification("n2msg"));
        expect(got.root).toBe(0);
        expect(got.value).toEqual({
          jsonData: notification("n2msg"),
          binaryDataN2Information: { blob: [...NGAP], type: "application/vnd.3gpp.ngap" },
          binaryDataN1Message: { blob: [...NAS], type: "application/vnd.3gpp.5gnas" },
        });
        // The JSON refers to its binary part by Content-ID.
        const ref = (got.value!["jsonData"] as ReturnType<typeof notification>).n2InfoContainer.smInfo.n2InfoContent.ngapData.contentId;
        expect(got.parts!.find((p) => p.contentId === ref)!.body).toEqual([...NGAP]);
        expect(unhandled).toEqual([]);
      });

      it("takes the root part the start parameter names, and fills same-typed properties in schema order", async () => {
        const body = multipart("b", [
          ngap(NGAP, "first"),
          ngap(NGAP2, "second"),
          json(notification("first"), { "Content-ID": "<root@amf>" }),
        ]);
        const res = await send(body, 'multipart/related; boundary=b; start="<root@amf>"; type="application/json"');
        expect(res.status).toBe(204);
        const got = calls[0]!;
        expect(got.root).toBe(2);
        expect(got.value).toEqual({
          jsonData: notification("first"),
          binaryDataN2Information: { blob: [...NGAP], type: "application/vnd.3gpp.ngap" },
          binaryDataN2InformationExt1: { blob: [...NGAP2], type: "application/vnd.3gpp.ngap" },
        });
      });

      it("gives a part whose Content-ID is a property's name to that property", async () => {
        const body = multipart("b", [json(notification("x")), ngap(NGAP2, "binaryDataN2InformationExt1"), ngap(NGAP, "other")]);
        const res = await send(body, "multipart/related; boundary=b");
        expect(res.status).toBe(204);
        expect(calls[0]!.value).toEqual({
          jsonData: notification("x"),
          binaryDataN2Information: { blob: [...NGAP], type: "application/vnd.3gpp.ngap" },
          binaryDataN2InformationExt1: { blob: [...NGAP2], type: "application/vnd.3gpp.ngap" },
        });
      });

      it("answers 400 malformed to a body without its close delimiter", async () => {
        const body = multipart("b", [json(notification("n2msg")), ngap(NGAP, "n2msg")], false);
        const res = await send(body, "multipart/related; boundary=b");
        expect(res).toEqual({ status: 400, body: { error: "malformed request body" } });
        expect([calls, unhandled]).toEqual([[], [{ reason: "malformed", status: 400 }]]);
      });

      it("answers 400 malformed to a JSON part that is not JSON, and to a body without a boundary", async () => {
        const bad = multipart("b", [{ headers: { "Content-Type": "application/json" }, body: '{"n2NotifySubscriptionId":' }]);
        expect(await send(bad, "multipart/related; boundary=b")).toEqual({ status: 400, body: { error: "malformed request body" } });
        expect(unhandled).toEqual([{ reason: "malformed", status: 400 }]);
        const good = multipart("b", [json(notification("n2msg"))]);
        expect(await send(good, "multipart/related")).toEqual({ status: 400, body: { error: "malformed request body" } });
        expect(unhandled).toEqual([{ reason: "malformed", status: 400 }]);
      });

      it("answers 422 when the JSON part fails its schema, and when it is missing", async () => {
        const body = multipart("b", [json(notification("n2msg", 300)), ngap(NGAP, "n2msg")]);
        const res = await send(body, "multipart/related; boundary=b");
        expect(res).toEqual({
          status: 422,
          body: {
            error: "validation failed",
            event: "onN2InfoNotify",
            issues: [{ in: "body", path: "/jsonData/n2InfoContainer/smInfo/pduSessionId", message: expect.any(String) }],
          },
        });
        expect([calls, unhandled]).toEqual([[], [{ reason: "invalid", status: 422 }]]);
        const noJson = await send(multipart("b", [ngap(NGAP, "n2msg")]), "multipart/related; boundary=b");
        expect(noJson.status).toBe(422);
        expect((noJson.body as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(["/jsonData"]);
      });

      it("still takes the same notification as JSON", async () => {
        const res = await send(JSON.stringify(notification("n2msg")), "application/json");
        expect(res.status).toBe(204);
        expect(calls).toEqual([{ contentType: "application/json", body: notification("n2msg") }]);
      });
    });
  }
});
