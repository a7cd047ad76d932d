/**
 * One verifier, one payload, one process, for bench/signatures.mjs:
 *   node signature-worker.mjs <variant> <payload file> <seconds> <compiled runtime dir>
 * Signs the payload once, checks that the variant accepts it, warms up for a second, then
 * verifies it back to back (one at a time, awaiting each) for <seconds> and prints one JSON line
 * `{ "ops": n, "seconds": s, "cpuUs": µs of process CPU time per verification }`. Inputs are prepared outside the timed loop, each in the form
 * the library takes: bytes and a web Headers for ours, a string for @octokit/webhooks-methods
 * and standardwebhooks (which both want text, so a receiver holding bytes decodes first — not
 * counted here).
 *
 *   ours-github        githubSignature().verify (WebCrypto HMAC, one MAC, constant-time compare)
 *   octokit-node       @octokit/webhooks-methods verify, its Node build (node:crypto createHmac)
 *   octokit-web        the same package's web build (WebCrypto), loaded by file path
 *   ours-standard      standardWebhooks().verify
 *   ours-standard+parse  the same, then JSON.parse: what standardwebhooks' verify also does
 *   standardwebhooks   standardwebhooks@1.1.1 Webhook#verify (pure-JS HMAC, returns JSON.parse(payload))
 */
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [variant, payloadFile, secondsArg, runtimeDir] = process.argv.slice(2);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const seconds = Number(secondsArg);
const text = fs.readFileSync(payloadFile, "utf8");
const body = new Uint8Array(fs.readFileSync(payloadFile));

const GITHUB_SECRET = "It's a Secret to Everybody";
const SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const githubHeader = "sha256=" + createHmac("sha256", GITHUB_SECRET).update(body).digest("hex");
const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const timestamp = String(Math.floor(Date.now() / 1000));
const swKey = Buffer.from(SW_SECRET.slice("whsec_".length), "base64");
const swSignature = "v1," + createHmac("sha256", swKey).update(`${id}.${timestamp}.`).update(body).digest("base64");
const swHeaders = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": swSignature };

const ours = () => import(pathToFileURL(path.join(runtimeDir, "signatures.js")).href);

/** The variant as one async call that must resolve truthy for a valid delivery. */
async function prepare() {
  switch (variant) {
    case "ours-github": {
      const verifier = (await ours()).githubSignature({ secret: GITHUB_SECRET });
      const head = { headers: new Headers({ "x-hub-signature-256": githubHeader }) };
      return async () => (await verifier.verify(head, body)).ok;
    }
    case "octokit-node": {
      const { verify } = await import("@octokit/webhooks-methods");
      return () => verify(GITHUB_SECRET, text, githubHeader);
    }
    case "octokit-web": {
      const web = path.join(root, "node_modules/@octokit/webhooks-methods/dist-web/index.js");
      const { verify } = await import(pathToFileURL(web).href);
      return () => verify(GITHUB_SECRET, text, githubHeader);
    }
    case "ours-standard":
    case "ours-standard+parse": {
      const verifier = (await ours()).standardWebhooks({ secret: SW_SECRET });
      const head = { headers: new Headers(swHeaders) };
      const parse = variant === "ours-standard+parse";
      return async () => {
        const result = await verifier.verify(head, body);
        if (parse && result.ok) JSON.parse(text);
        return result.ok;
      };
    }
    case "standardwebhooks": {
      const { Webhook } = await import("standardwebhooks");
      const webhook = new Webhook(SW_SECRET);
      return async () => webhook.verify(text, swHeaders) !== undefined;
    }
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

const once = await prepare();
if (!(await once())) throw new Error(`${variant} rejected a valid delivery`);

async function run(ms) {
  let ops = 0;
  const end = performance.now() + ms;
  // Check the clock every 64 verifications: reading it costs next to nothing, but not nothing.
  while (performance.now() < end) for (let i = 0; i < 64; i++, ops++) await once();
  return ops;
}

await run(1000); // warm-up: JIT, key import
const started = performance.now();
const cpu = process.cpuUsage();
const ops = await run(seconds * 1000);
const used = process.cpuUsage(cpu);
// CPU time counts WebCrypto's work on libuv's threads too: what a busy server pays per verification.
console.log(
  JSON.stringify({ ops, seconds: (performance.now() - started) / 1000, cpuUs: (used.user + used.system) / ops }),
);
