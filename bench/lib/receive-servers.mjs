/**
 * One webhook server per process, for bench/receive.mjs:
 *   node receive-servers.mjs <variant> <receiver.js dir> <secret>
 * prints `ready <port>` once listening. Every variant serves POST /api/github/webhooks and
 * answers 200 to a valid delivery.
 *
 *   bare           node:http, reads the body and JSON.parses it — the floor
 *   octokit        @octokit/webhooks createNodeMiddleware: HMAC check + JSON.parse, no validation
 *   ours           gen-callbacks' node adapter over the generated GitHub receiver: parse, validate, dispatch (insecure: no signature)
 *   ours+verify    the same, verifying GitHub's signature with the generated signatureVerifier
 *   ours+verify-noschema  ours+verify without the body schemas: the receiver's own cost
 *   standardwebhooks      node:http + the `standardwebhooks` package's verify (which also JSON.parses)
 *   ours+standard  our receiver verifying the Standard Webhooks signature with its standardWebhooks verifier
 */
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [variant, dir, secret] = process.argv.slice(2);
const PATH = "/api/github/webhooks";

async function listener() {
  switch (variant) {
    case "bare":
      return (req, res) => {
        const chunks = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => {
          JSON.parse(Buffer.concat(chunks).toString("utf8"));
          res.writeHead(200, { "content-type": "text/plain" });
          res.end("ok");
        });
      };
    case "octokit": {
      const { Webhooks, createNodeMiddleware } = await import("@octokit/webhooks");
      const webhooks = new Webhooks({ secret });
      webhooks.onAny(() => {});
      return createNodeMiddleware(webhooks, { path: PATH, log: { debug() {}, info() {}, warn() {}, error() {} } });
    }
    case "standardwebhooks": {
      const { Webhook } = await import("standardwebhooks");
      const wh = new Webhook(secret);
      return (req, res) => {
        const chunks = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => {
          const headers = { "webhook-id": req.headers["webhook-id"], "webhook-timestamp": req.headers["webhook-timestamp"], "webhook-signature": req.headers["webhook-signature"] };
          let ok = true;
          try {
            wh.verify(Buffer.concat(chunks).toString("utf8"), headers);
          } catch {
            ok = false;
          }
          res.writeHead(ok ? 200 : 401, { "content-type": "text/plain" });
          res.end(ok ? "ok" : "no");
        });
      };
    }
    case "ours":
    case "ours+verify":
    case "ours+verify-noschema":
    case "ours+standard": {
      const { createReceiver, events, signatureVerifier } = await import(pathToFileURL(path.join(dir, "receiver.js")).href);
      const { createReceiverCore } = await import(pathToFileURL(path.join(dir, "runtime/runtime.js")).href);
      const { standardWebhooks } = await import(pathToFileURL(path.join(dir, "runtime/signatures.js")).href);
      const { nodeHandler } = await import(pathToFileURL(path.join(dir, "adapters/node.js")).href);
      const handlers = Object.fromEntries(events.map((e) => [e.name, () => {}]));
      const protection =
        variant === "ours"
          ? { insecure: true }
          : { verify: variant === "ours+standard" ? standardWebhooks({ secret }) : signatureVerifier({ secret }) };
      const options = { handlers, webhookPath: PATH, maxBodyBytes: 25 * 1024 * 1024, ...protection };
      if (variant !== "ours+verify-noschema") return nodeHandler(createReceiver(options));
      // The same table without its body schemas: everything but Zod's validation of the payload,
      // to show what the validation itself costs.
      const unvalidated = events.map((e) => ({ ...e, body: { ...e.body, contents: e.body.contents.map((c) => ({ ...c, schema: undefined })) } }));
      return nodeHandler(createReceiverCore(unvalidated, options));
    }
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

const server = http.createServer(await listener());
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`ready ${server.address().port}`));
// `cpu` on stdin → the CPU time this process has used, in µs: per-request CPU cost is robust
// where requests/s depend on what else the machine runs.
process.stdin.setEncoding("utf8");
process.stdin.on("data", (line) => {
  if (line.trim() !== "cpu") return;
  const { user, system } = process.cpuUsage();
  console.log(`cpu ${user + system}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
