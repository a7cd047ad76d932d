/**
 * From parts to what the handler gets (templates/runtime/multipart-body.ts): which part fills
 * which property, what each becomes, the root part, and what makes a body malformed.
 */
import { describe, expect, it } from "vitest";
import { parseParts, withParts, type MultipartBody } from "../../templates/runtime/multipart-body.js";
import type { BodySpec, PartSpec } from "../../templates/runtime/receiver-types.js";

const enc = new TextEncoder();

/** A body of parts, each `[headers, body]`, with boundary `b`. */
function body(...parts: [Record<string, string>, string][]): Uint8Array {
  const text = parts
    .map(
      ([h, b]) =>
        `--b\r\n${Object.entries(h)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join("")}\r\n${b}\r\n`,
    )
    .join("");
  return enc.encode(`${text}--b--\r\n`);
}

const spec = (parts?: PartSpec[]): BodySpec => ({ mediaType: "multipart/related", kind: "parts", ...(parts ? { parts } : {}) });

/** The handler's body for `bytes`, as plain data (Blobs as their text and type). */
async function received(bytes: Uint8Array, parts?: PartSpec[], contentType = "multipart/related; boundary=b", depth = 128) {
  const result = parseParts(bytes, spec(parts), contentType, depth);
  if (!result.ok) return result.reason;
  const message = withParts(result.value, result.value) as MultipartBody<Record<string, unknown> | undefined>;
  const plain = async (v: unknown): Promise<unknown> =>
    v instanceof Blob ? { blob: await v.text(), type: v.type } : Array.isArray(v) ? Promise.all(v.map(plain)) : v;
  const value =
    message.value && Object.fromEntries(await Promise.all(Object.entries(message.value).map(async ([k, v]) => [k, await plain(v)])));
  return { root: message.parts.indexOf(message.root), ids: message.parts.map((p) => p.contentId ?? null), value };
}

const JSON_PART: PartSpec = { name: "jsonData", accept: ["application/json"], as: "json" };
const BIN: PartSpec = { name: "bin", accept: ["application/octet-stream"], as: "file" };
const BIN2: PartSpec = { name: "bin2", accept: ["application/octet-stream"], as: "file" };
const json = (id?: string): Record<string, string> => ({ "Content-Type": "application/json", ...(id ? { "Content-ID": id } : {}) });
const octets = (id?: string): Record<string, string> => ({
  "Content-Type": "application/octet-stream",
  ...(id ? { "Content-ID": `<${id}>` } : {}),
});

describe("parts → properties", () => {
  it("gives the root part first pick, then the others in order, each the first free property of its type", async () => {
    expect(await received(body([octets("one"), "1"], [octets("two"), "2"], [json(), "{}"]), [JSON_PART, BIN, BIN2])).toEqual({
      root: 0,
      ids: ["one", "two", null],
      value: {
        jsonData: {},
        bin: { blob: "1", type: "application/octet-stream" },
        bin2: { blob: "2", type: "application/octet-stream" },
      },
    });
  });

  it("takes the root part from `start`, angle brackets or not, and a property from a Content-ID naming it", async () => {
    const parts = body([octets("x"), "1"], [json("<root>"), '{"a":1}'], [octets("bin2"), "2"]);
    expect(await received(parts, [BIN, JSON_PART, BIN2], "multipart/related; boundary=b; start=root")).toEqual({
      root: 1,
      ids: ["x", "root", "bin2"],
      value: {
        jsonData: { a: 1 },
        bin: { blob: "1", type: "application/octet-stream" },
        bin2: { blob: "2", type: "application/octet-stream" },
      },
    });
  });

  it("ignores `start` outside multipart/related, and refuses one that names no part", async () => {
    const parts = body([json(), "{}"], [octets("x"), "1"]);
    expect((await received(parts, [JSON_PART], "multipart/mixed; boundary=b; start=x")) as { root: number }).toMatchObject({ root: 0 });
    expect(await received(parts, [JSON_PART], "multipart/related; boundary=b; start=nobody")).toBe("syntax");
  });

  it("coerces text parts, collects repeated ones, and keeps unmatched parts out of the value", async () => {
    const specs: PartSpec[] = [
      { name: "count", accept: ["text/plain"], as: "text", type: "integer" },
      { name: "lines", accept: ["text/*"], as: "text", repeated: true },
    ];
    const parts = body(
      [{}, "42"],
      [{ "Content-Type": "text/csv" }, "a,b"],
      [{ "Content-Type": "text/plain; charset=utf-8" }, "é"],
      [octets(), "x"],
    );
    expect(await received(parts, specs)).toEqual({ root: 0, ids: [null, null, null, null], value: { count: 42, lines: ["a,b", "é"] } });
  });

  it("parses a JSON part a property takes whatever the part's type says", async () => {
    const spec: PartSpec = { name: "doc", accept: ["*/*"], as: "json" };
    expect(await received(body([{ "Content-Type": "text/plain" }, "[1,2]"]), [spec])).toMatchObject({ value: { doc: [1, 2] } });
    expect(await received(body([{ "Content-Type": "text/plain" }, "[1,"]), [spec])).toBe("syntax");
  });

  it("hands the parts over with no value without properties", async () => {
    expect(await received(body([json(), "{}"]))).toEqual({ root: 0, ids: [null], value: undefined });
  });

  it("gives other bodies back as validated", () => {
    const parsed = { a: 1 };
    expect(withParts(parsed, "validated")).toBe("validated");
    expect(withParts("text", "text")).toBe("text");
  });
});

describe("malformed parts bodies", () => {
  it.each([
    ["no boundary", body([json(), "{}"]), "multipart/related"],
    ["a JSON part that is not JSON", body([json(), "{"]), "multipart/related; boundary=b"],
    ["a part with a malformed Content-Type", body([{ "Content-Type": "json" }, "{}"]), "multipart/related; boundary=b"],
    [
      "text that is not UTF-8 for a text property",
      new Uint8Array([...enc.encode("--b\r\n\r\n"), 0xff, ...enc.encode("\r\n--b--")]),
      "multipart/related; boundary=b",
    ],
  ])("%s", async (_name, bytes, contentType) => {
    expect(await received(bytes, [{ name: "t", accept: ["text/plain"], as: "text" }, JSON_PART], contentType)).toBe("syntax");
  });

  it("a JSON part nested deeper than the limit", async () => {
    expect(await received(body([json(), "[[[[1]]]]"]), [JSON_PART], undefined, 3)).toBe("depth");
  });

  it("reads a part without Content-Type as text/plain, and as message/rfc822 in multipart/digest", async () => {
    const specs: PartSpec[] = [
      { name: "text", accept: ["text/plain"], as: "text" },
      { name: "message", accept: ["message/rfc822"], as: "text" },
    ];
    expect(await received(body([{}, "hi"]), specs)).toMatchObject({ value: { text: "hi" } });
    expect(await received(body([{}, "hi"]), specs, "multipart/digest; boundary=b")).toMatchObject({ value: { message: "hi" } });
  });
});
