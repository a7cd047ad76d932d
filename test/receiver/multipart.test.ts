/**
 * The RFC 2046 multipart parser (templates/runtime/multipart.ts): a table of bodies and the
 * parts they hold — or that they are malformed — then hostile bodies, each within a time
 * bound that only a linear parser meets.
 */
import { describe, expect, it } from "vitest";
import { MULTIPART_LIMITS, splitMultipart, validBoundary } from "../../templates/runtime/multipart.js";

const enc = new TextEncoder();
const bytes = (text: string) => enc.encode(text);
const crlf = (...lines: string[]) => lines.join("\r\n");

interface Case {
  name: string;
  given: string | Uint8Array;
  boundary?: string;
  /** The parts (headers, body as latin1 text), or "malformed". */
  want: { headers: Record<string, string>; body: string }[] | "malformed";
}

const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

const cases: Case[] = [
  {
    name: "two parts, headers by lower-case name",
    given: crlf(
      "--b",
      "Content-Type: application/json",
      "Content-ID: <root>",
      "",
      '{"a":1}',
      "--b",
      "CONTENT-TYPE: application/vnd.3gpp.ngap",
      "",
      "\x00\x01",
      "--b--",
      "",
    ),
    want: [
      { headers: { "content-type": "application/json", "content-id": "<root>" }, body: '{"a":1}' },
      { headers: { "content-type": "application/vnd.3gpp.ngap" }, body: "\x00\x01" },
    ],
  },
  {
    name: "preamble and epilogue are ignored",
    given: crlf("This is the preamble.", "--b", "", "x", "--b--", "and the epilogue", "--b", "", "not a part"),
    want: [{ headers: {}, body: "x" }],
  },
  {
    name: "transport padding after a boundary",
    given: crlf("--b \t", "A: 1", "", "x", "--b\t ", "", "y", "--b--  ", ""),
    want: [
      { headers: { a: "1" }, body: "x" },
      { headers: {}, body: "y" },
    ],
  },
  {
    name: "a part without headers, and an empty part",
    given: crlf("--b", "", "body", "--b", "", "", "--b--"),
    want: [
      { headers: {}, body: "body" },
      { headers: {}, body: "" },
    ],
  },
  {
    name: "a part that is headers only",
    given: crlf("--b", "Content-ID: x", "--b--"),
    want: [{ headers: { "content-id": "x" }, body: "" }],
  },
  {
    name: "the body keeps its CRLFs but for the delimiter's",
    given: crlf("--b", "", "", "line 1", "line 2", "", "--b--"),
    want: [{ headers: {}, body: "\r\nline 1\r\nline 2\r\n" }],
  },
  {
    name: "the boundary inside a part without CRLF before it is content",
    given: crlf("--b", "", "text --b more --b--", "--b--"),
    want: [{ headers: {}, body: "text --b more --b--" }],
  },
  {
    name: "a line starting with the boundary and going on is content",
    given: crlf("--b", "", "x", "--bb", "y", "--b--"),
    want: [{ headers: {}, body: "x\r\n--bb\r\ny" }],
  },
  {
    name: "repeated headers are joined, folded lines unfolded",
    given: crlf("--b", "X-A: 1", "X-A: 2", "X-Long: one", "  two", "\tthree", "", "z", "--b--"),
    want: [{ headers: { "x-a": "1, 2", "x-long": "one two three" }, body: "z" }],
  },
  {
    name: "__proto__ headers are dropped",
    given: crlf("--b", "__proto__: polluted", "constructor: kept", "", "z", "--b--"),
    want: [{ headers: { constructor: "kept" }, body: "z" }],
  },
  {
    name: "bytes that are not UTF-8 stay as they are",
    given: new Uint8Array([...bytes("--b\r\n\r\n"), 0xff, 0xfe, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, ...bytes("\r\n--b--")]),
    want: [{ headers: {}, body: "\xff\xfe\r\n--\x00" }],
  },
  {
    name: "a quoted-string boundary with spaces and punctuation",
    boundary: "gc0p4Jq0M2Yt08j34c0p '()+_,-./:=?",
    given: crlf("--gc0p4Jq0M2Yt08j34c0p '()+_,-./:=?", "", "x", "--gc0p4Jq0M2Yt08j34c0p '()+_,-./:=?--"),
    want: [{ headers: {}, body: "x" }],
  },
  { name: "no closing delimiter", given: crlf("--b", "", "x", "--b", "", "y"), want: "malformed" },
  { name: "a body cut in a part", given: crlf("--b", "", "x"), want: "malformed" },
  { name: "no delimiter at all", given: "just text", want: "malformed" },
  { name: "an empty body", given: "", want: "malformed" },
  { name: "a close delimiter before any part", given: crlf("--b--", ""), want: "malformed" },
  { name: "bare LF line breaks (RFC 2046 requires CRLF)", given: "--b\nContent-Type: text/plain\n\nx\n--b--\n", want: "malformed" },
  { name: "LF before the close delimiter", given: "--b\r\n\r\nx\n--b--\r\n", want: "malformed" },
  { name: "a header line without a colon", given: crlf("--b", "no colon here", "", "x", "--b--"), want: "malformed" },
  { name: "a header name that is not a token", given: crlf("--b", "bad name: x", "", "x", "--b--"), want: "malformed" },
  { name: "a folded line with no header before it", given: crlf("--b", " folded", "", "x", "--b--"), want: "malformed" },
  { name: "a lone CR in a header", given: crlf("--b", "A: 1\r2", "", "x", "--b--"), want: "malformed" },
  {
    name: "a header that is not UTF-8",
    given: new Uint8Array([...bytes("--b\r\nA: "), 0xff, ...bytes("\r\n\r\nx\r\n--b--")]),
    want: "malformed",
  },
  { name: "an empty boundary", boundary: "", given: crlf("--", "", "x", "----"), want: "malformed" },
  {
    name: "a boundary of 71 characters",
    boundary: "a".repeat(71),
    given: crlf("--" + "a".repeat(71), "", "x", "--" + "a".repeat(71) + "--"),
    want: "malformed",
  },
  { name: "a boundary ending in a space", boundary: "b ", given: crlf("--b ", "", "x", "--b --"), want: "malformed" },
];

describe("splitMultipart", () => {
  it.each(cases)("$name", ({ given, boundary = "b", want }) => {
    const result = splitMultipart(typeof given === "string" ? bytes(given) : given, boundary);
    if (want === "malformed") {
      expect(result.ok).toBe(false);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.parts.map((p) => ({ headers: { ...p.headers }, body: latin1(p.body) }))).toEqual(want);
  });

  it("hands over copies: changing a part leaves the raw body as it was", () => {
    const raw = bytes(crlf("--b", "", "abc", "--b--"));
    const result = splitMultipart(raw, "b");
    if (!result.ok) throw new Error("expected parts");
    result.parts[0]!.body[0] = 0x58;
    expect(new TextDecoder().decode(raw)).toBe(crlf("--b", "", "abc", "--b--"));
    expect(result.parts[0]!.body.constructor).toBe(Uint8Array);
  });

  it("takes boundaries of 1 to 70 printable characters, not ending in a space", () => {
    expect([validBoundary("a"), validBoundary("a".repeat(70)), validBoundary("a b"), validBoundary("é"), validBoundary("a\r")]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

/** Runs `parse`, and says how long it took. */
function timed<T>(parse: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = parse();
  return { result, ms: performance.now() - start };
}

describe("hostile bodies take bounded time", () => {
  // A linear parser reads 1 MiB in a few milliseconds; a quadratic one would take minutes.
  // The bound leaves room for a loaded machine.
  const BOUND_MS = 1000;
  const MiB = 1024 * 1024;
  const boundary = "x".repeat(70);

  const hostile: { name: string; body: () => Uint8Array; ok: boolean; boundary?: string }[] = [
    {
      name: "100,000 parts (past the cap)",
      body: () => bytes(`--b\r\n\r\n${"\r\n--b\r\n\r\n".repeat(100_000)}\r\n--b--`),
      ok: false,
    },
    {
      name: "exactly the cap of parts",
      body: () => bytes(`--b\r\n\r\n${"\r\n--b\r\n\r\n".repeat(MULTIPART_LIMITS.maxParts - 1)}\r\n--b--`),
      ok: true,
    },
    { name: "1 MiB of header bytes", body: () => bytes(`--b\r\n${"X-H: v\r\n".repeat(MiB / 8)}\r\nx\r\n--b--`), ok: false },
    { name: "one header line of 1 MiB", body: () => bytes(`--b\r\nX-H: ${"v".repeat(MiB)}\r\n\r\nx\r\n--b--`), ok: false },
    { name: "1 MiB without a closing delimiter", body: () => bytes(`--b\r\n\r\n${"a".repeat(MiB)}`), ok: false },
    {
      name: "1 MiB of near-delimiters (CRLF + all but the last boundary character)",
      body: () => bytes(`--${boundary}\r\n\r\n${`\r\n--${boundary.slice(0, -1)}`.repeat(MiB / 73)}\r\n--${boundary}--`),
      ok: true,
      boundary,
    },
    {
      name: "1 MiB of delimiters followed by something else",
      body: () => bytes(`--${boundary}\r\n\r\n${`\r\n--${boundary}z`.repeat(MiB / 75)}\r\n--${boundary}--`),
      ok: true,
      boundary,
    },
    {
      name: "1 MiB of transport padding that never ends in CRLF",
      body: () => bytes(`--${boundary}\r\n\r\n\r\n--${boundary}${" ".repeat(MiB)}z\r\n--${boundary}--`),
      ok: true,
      boundary,
    },
    { name: "1 MiB of CRs", body: () => new Uint8Array(MiB).fill(0x0d), ok: false },
    { name: "1 MiB of CRLFs", body: () => bytes("\r\n".repeat(MiB / 2)), ok: false },
    { name: "1 MiB of bare LF lines", body: () => bytes(`--b\n\n${"x\n--b\n".repeat(MiB / 6)}--b--\n`), ok: false },
  ];

  it.each(hostile)("$name", ({ body, ok, boundary = "b" }) => {
    const given = body();
    const { result, ms } = timed(() => splitMultipart(given, boundary));
    expect(result.ok).toBe(ok);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});
