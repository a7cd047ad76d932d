/**
 * Keys: turning configured secrets and public keys into bytes when a verifier is created (so a
 * bad one is an error at start-up, not a 401 on every delivery, B19), and into WebCrypto keys
 * once each, on first use — the import is asynchronous, and some runtimes (Cloudflare Workers)
 * restrict what may run at module load. Error messages name the option and the key's position,
 * never its value (B17).
 */
import { nodeCrypto } from "./node-crypto.js";
import { decodeBase64, decodeHex } from "./signature-bytes.js";

/** A secret or public key as configured: text in the option's encoding, or the raw bytes. */
export type KeyInput = string | Uint8Array;

/**
 * How text keys are written: `utf8` (the text itself is the key: GitHub, Stripe, Shopify),
 * `base64` (padding optional), `hex`, or `whsec` (Standard Webhooks: an optional `whsec_` prefix,
 * then base64). Bytes are always used as they are.
 */
export type SecretEncoding = "utf8" | "base64" | "hex" | "whsec";

/** How public keys are written: `base64`, `hex`, or `whpk` (Standard Webhooks: optional `whpk_`, then base64). */
export type PublicKeyEncoding = "base64" | "hex" | "whpk";

export type HmacAlgorithm = "sha1" | "sha256" | "sha512";

/** Length of each algorithm's MAC, in bytes: a signature of another length cannot match. */
export const MAC_LENGTH: Readonly<Record<HmacAlgorithm, number>> = { sha1: 20, sha256: 32, sha512: 64 };
const HASH: Readonly<Record<HmacAlgorithm, string>> = { sha1: "SHA-1", sha256: "SHA-256", sha512: "SHA-512" };

/** A WebCrypto key, named without the DOM lib (a Node project may only have @types/node). */
type CryptoKeyOf = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
/**
 * What WebCrypto takes as data. Bytes are cast to it: TypeScript ≥ 5.7 types them
 * `Uint8Array<ArrayBufferLike>`, which its `BufferSource` does not accept.
 */
export type CryptoData = Parameters<typeof crypto.subtle.sign>[2];

/** `secret` or `secrets`, exactly one, as a non-empty list. */
export function keyList(single: unknown, list: unknown, one: string, many: string, label: string): readonly KeyInput[] {
  if (single !== undefined && list !== undefined)
    throw new TypeError(`${label}: give either ${one} or ${many}, not both`);
  const keys = list === undefined ? (single === undefined ? [] : [single]) : list;
  if (!Array.isArray(keys) || keys.length === 0)
    throw new TypeError(`${label}: ${one} (or a non-empty ${many} list) is required`);
  for (const [i, k] of keys.entries())
    if (typeof k !== "string" && !(k instanceof Uint8Array))
      throw new TypeError(`${label}: ${many}[${i}] must be a string or a Uint8Array`);
  return keys as readonly KeyInput[];
}

function decodeKey(key: KeyInput, encoding: SecretEncoding | PublicKeyEncoding): Uint8Array | undefined {
  if (key instanceof Uint8Array) return key;
  switch (encoding) {
    case "utf8":
      return new TextEncoder().encode(key);
    case "hex":
      return decodeHex(key.toLowerCase());
    case "base64":
      return decodeBase64(key, false, "optional");
    case "whsec":
    case "whpk": {
      const prefix = `${encoding}_`;
      return decodeBase64(key.startsWith(prefix) ? key.slice(prefix.length) : key, false, "optional");
    }
  }
}

/** The bytes of each secret; throws, naming which, if one is empty or not in its encoding. */
export function secretBytes(keys: readonly KeyInput[], encoding: SecretEncoding, label: string): Uint8Array[] {
  return keys.map((k, i) => {
    const bytes = decodeKey(k, encoding);
    if (!bytes)
      throw new TypeError(`${label}: secret ${i} is not valid ${encoding === "whsec" ? "whsec_ base64" : encoding}`);
    if (bytes.length === 0) throw new TypeError(`${label}: secret ${i} is empty`);
    return bytes;
  });
}

/** The 32 bytes of each Ed25519 public key; throws, naming which, if one is not such a key. */
export function publicKeyBytes(keys: readonly KeyInput[], encoding: PublicKeyEncoding, label: string): Uint8Array[] {
  return keys.map((k, i) => {
    const bytes = decodeKey(k, encoding);
    if (!bytes || bytes.length !== 32)
      throw new TypeError(
        `${label}: public key ${i} is not a 32-byte Ed25519 key in ${encoding === "whpk" ? "whpk_ base64" : encoding}`,
      );
    return bytes;
  });
}

/** One import per key, started on first use and shared by every request after it. */
class KeyCache {
  private readonly keys: (Promise<CryptoKeyOf> | undefined)[];

  constructor(
    private readonly material: readonly Uint8Array[],
    private readonly importOne: (bytes: Uint8Array) => Promise<CryptoKeyOf>,
  ) {
    this.keys = material.map(() => undefined);
  }

  get count(): number {
    return this.material.length;
  }

  key(index: number): Promise<CryptoKeyOf> {
    let key = this.keys[index];
    if (!key) {
      key = this.importOne(this.material[index] as Uint8Array);
      // A failed import is retried by the next request rather than cached.
      key.catch(() => (this.keys[index] = undefined));
      this.keys[index] = key;
    }
    return key;
  }
}

/**
 * HMAC keys of one algorithm: the MAC of some data under key `index` — with Node's `createHmac`
 * where the runtime has it (five times cheaper than WebCrypto on Node 20), else WebCrypto.
 */
export class HmacKeys {
  private readonly cache: KeyCache;
  private readonly node = nodeCrypto();

  constructor(
    private readonly secrets: readonly Uint8Array[],
    readonly algorithm: HmacAlgorithm,
  ) {
    const params = { name: "HMAC", hash: HASH[algorithm] };
    this.cache = new KeyCache(secrets, (bytes) =>
      crypto.subtle.importKey("raw", bytes as CryptoData, params, false, ["sign"]),
    );
  }

  get count(): number {
    return this.cache.count;
  }

  /** Whether `macNow` can answer: Node's `createHmac` is there. */
  get synchronous(): boolean {
    return this.node !== null;
  }

  /** The MAC computed synchronously; only where `synchronous` is true. */
  macNow(index: number, data: Uint8Array): Uint8Array {
    return this.node!.createHmac(this.algorithm, this.secrets[index] as Uint8Array).update(data).digest();
  }

  async mac(index: number, data: Uint8Array): Promise<Uint8Array> {
    if (this.node) return this.macNow(index, data);
    const key = await this.cache.key(index);
    return new Uint8Array(await crypto.subtle.sign("HMAC", key, data as CryptoData));
  }
}

/** Ed25519 public keys: whether `signature` over `data` verifies under key `index`. */
export class Ed25519Keys {
  private readonly cache: KeyCache;

  constructor(publicKeys: readonly Uint8Array[]) {
    this.cache = new KeyCache(publicKeys, (bytes) =>
      crypto.subtle
        .importKey("raw", bytes as CryptoData, { name: "Ed25519" }, false, ["verify"])
        .catch((error: unknown) => {
          throw new Error("this runtime's WebCrypto cannot import Ed25519 keys (crypto.subtle lacks Ed25519)", {
            cause: error,
          });
        }),
    );
  }

  get count(): number {
    return this.cache.count;
  }

  async verify(index: number, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
    const key = await this.cache.key(index);
    return crypto.subtle.verify({ name: "Ed25519" }, key, signature as CryptoData, data as CryptoData);
  }
}
