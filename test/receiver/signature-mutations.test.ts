/**
 * THREATS.md C4 P6: a validly signed request, changed anywhere the signature covers — one bit
 * flipped, cut short, or a byte inserted, in the body, the signature header, the timestamp or the
 * signed id — never verifies, in any scheme. At least 100,000 mutated requests per run, spread
 * over every preset; fast-check reports a seed and the smallest failing mutation if one verifies.
 * Unsigned id headers (GitHub, Shopify) are the control: changing them must not matter.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { SignatureVerifier } from "../../templates/runtime/signatures.js";
import { rawHeaders, SCHEMES } from "./support/signatures.js";

const MUTATIONS = 100_000;
/** Mutations checked per fast-check run: fewer runs, less of the harness's own overhead per request. */
const PER_RUN = 10;

interface Signed {
  readonly scheme: number;
  readonly body: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  /** Header names the signature covers: every one the verifier reads but the unsigned id. */
  readonly covered: readonly string[];
}

type Mutation =
  | { readonly op: "flip"; readonly at: number; readonly bit: number }
  | { readonly op: "truncate"; readonly at: number }
  | { readonly op: "insert"; readonly at: number; readonly byte: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);

/** Applies `m` to bytes; the result always differs from the input. */
function mutate(input: Uint8Array, m: Mutation): Uint8Array {
  if (m.op === "insert") {
    const at = m.at % (input.length + 1);
    const out = new Uint8Array(input.length + 1);
    out.set(input.subarray(0, at));
    out[at] = m.byte;
    out.set(input.subarray(at), at + 1);
    return out;
  }
  if (input.length === 0) return new Uint8Array([0]); // nothing to flip or cut: one byte more
  if (m.op === "truncate") return input.slice(0, m.at % input.length);
  const out = input.slice();
  const at = m.at % out.length;
  out[at] = (out[at] as number) ^ (1 << m.bit);
  return out;
}

/** Header values are byte strings: each character one byte. */
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const fromLatin1 = (b: Uint8Array) => String.fromCharCode(...b);

describe("mutated signed requests never verify", () => {
  const verifiers: SignatureVerifier[] = SCHEMES.map((s) => s.verifier());
  const pool: Signed[] = [];

  beforeAll(async () => {
    // A few bodies per scheme: JSON, empty, binary (not UTF-8), and random bytes.
    const random = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 600 }), { numRuns: 5, seed: 42 });
    const bodies = [
      new TextEncoder().encode('{"action":"opened","number":1}'),
      new Uint8Array(0),
      new Uint8Array([0xff, 0xfe, 0]),
      ...random,
    ];
    for (const [scheme, s] of SCHEMES.entries())
      for (const body of bodies) {
        const headers = await s.sign(body);
        const covered = verifiers[scheme]!.headers.filter((h) => h in headers && h !== unsignedId(verifiers[scheme]!));
        pool.push({ scheme, body, headers, covered });
      }
  });

  const unsignedId = (v: SignatureVerifier) => (v.deliveryId && !v.deliveryId.signed ? v.deliveryId.header : undefined);

  it(`${MUTATIONS.toLocaleString("en")} mutations of body, signature, timestamp and id`, async () => {
    // Every request in the pool verifies as signed.
    for (const p of pool) expect((await verifiers[p.scheme]!.verify(rawHeaders(p.headers), p.body)).ok).toBe(true);
    let checked = 0;
    const perScheme = new Map<string, number>();
    const reasons = new Map<string, number>();
    const started = performance.now();
    const one = fc.record({ pick: fc.nat(), target: fc.nat(), m: mutation });
    await fc.assert(
      fc.asyncProperty(fc.array(one, { minLength: PER_RUN, maxLength: PER_RUN }), async (batch) => {
        for (const { pick, target, m } of batch) {
          const p = pool[pick % pool.length]!;
          const t = target % (p.covered.length + 1); // the body, or one of the covered headers
          let body = p.body;
          let headers = p.headers;
          if (t === p.covered.length) body = mutate(p.body, m);
          else {
            const name = p.covered[t]!;
            headers = { ...p.headers, [name]: fromLatin1(mutate(latin1(p.headers[name]!), m)) };
          }
          const result = await verifiers[p.scheme]!.verify(rawHeaders(headers), body);
          if (result.ok) return false;
          checked++;
          reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1);
          perScheme.set(SCHEMES[p.scheme]!.name, (perScheme.get(SCHEMES[p.scheme]!.name) ?? 0) + 1);
        }
        return true;
      }),
      { numRuns: MUTATIONS / PER_RUN },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${checked} mutated requests, none verified, in ${seconds.toFixed(1)} s ` +
        `(${[...perScheme].map(([k, n]) => `${k} ${n}`).join(", ")}); refused as ` +
        [...reasons].map(([k, n]) => `${k} ${n}`).join(", "),
    );
    expect(checked).toBeGreaterThanOrEqual(MUTATIONS);
  });

  it("the control: changing an unsigned delivery id changes nothing but the id", async () => {
    for (const p of pool) {
      const header = unsignedId(verifiers[p.scheme]!);
      if (!header || !(header in p.headers)) continue;
      const result = await verifiers[p.scheme]!.verify(rawHeaders({ ...p.headers, [header]: "replayed-1" }), p.body);
      expect(result).toMatchObject({ ok: true, deliveryId: "replayed-1" });
    }
  });
});
