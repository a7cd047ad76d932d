#!/usr/bin/env node
/**
 * bench/receive — webhook throughput and latency: gen-callbacks' node adapter over the
 * receiver generated from GitHub's webhooks spec (verify, parse, validate, dispatch), side by
 * side with @octokit/webhooks' Node middleware (verifies X-Hub-Signature-256, does not
 * validate), with the `standardwebhooks` package verifying a Standard Webhooks signature
 * (what our receiver then does with its own verifier), and a bare node:http handler that
 * only JSON.parses. Each server runs in its own process, the load generator
 * (bench/lib/load.mjs: raw keep-alive sockets, every answer must be a 200) in another.
 *
 *   node bench/receive.mjs [--event installation.suspend,pull_request.reopened] [--connections 16] [--seconds 10]
 *                          [--rounds 3] [--warmup 6] [--spec path] [--baseline .tmp/receiver-before/js] [--only octokit,ours+verify,…]
 *
 * `--event` takes one payload or a comma-separated list; each is measured in turn, and a final
 * table puts our receiver beside @octokit/webhooks for all of them: requests/s and CPU per
 * request, both as ratios from the same run. Every answer must be a 200: the bench exits 1
 * if any was not (a payload that fails the spec would time the 422 path instead).
 * `--only` keeps the listed variants (keys as in the table below; octokit is always kept).
 *
 * `--baseline` adds rows for another build of the receiver, measured in the same interleaved
 * rounds — a before/after comparison under the same machine load. A build is the `js` folder
 * a run leaves in .tmp/bench-receive: copy it away (`cp -r .tmp/bench-receive .tmp/receiver-before`)
 * before changing the generator or the runtime templates.
 *
 * Besides requests/s and latency it reports each server's CPU time per request, which does
 * not depend on what else the machine is running the way throughput does.
 *
 * Default payloads: installation.suspend (4.7 KiB) and pull_request.reopened (23 KiB) from
 * @octokit/webhooks-examples, both valid by GitHub's spec. Needs `npm run build` first (it
 * generates the receiver with dist/generate.js).
 */
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { emitJs, flag } from "./lib/emit.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const payloads = flag("event", "installation.suspend,pull_request.reopened").split(",");
const only = flag("only")?.split(",");
const connections = Number(flag("connections", "16"));
const seconds = Number(flag("seconds", "10"));
const rounds = Number(flag("rounds", "3"));
const warmup = Number(flag("warmup", "6"));
const spec = path.resolve(flag("spec", require.resolve("@octokit/openapi-webhooks/generated/api.github.com.json")));
const baseline = flag("baseline") && path.resolve(flag("baseline"));
const SECRET = "It's a Secret to Everybody";
/** The Standard Webhooks secret of the standard-webhooks variants: `whsec_` + base64. */
const WHSEC = "whsec_" + Buffer.from(SECRET).toString("base64");
const work = path.join(root, ".tmp/bench-receive");

/** Generates the GitHub receiver and compiles it (and the node adapter) to JavaScript. */
async function buildReceiver() {
  const generateJs = path.join(root, "dist/generate.js");
  if (!fs.existsSync(path.join(root, "dist/emit/receiver-table.js"))) throw new Error("dist/ has no receiver generator: run `npm run build` first");
  const { generate } = await import(pathToFileURL(generateJs).href);
  // Vendored: the compiled folder carries the runtime it was built with, so that a copy kept
  // as `--baseline` keeps measuring the runtime of its day, not the package's current one.
  const result = generate({ spec, cwd: root, adapters: ["node"], runtime: "vendored" });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  const src = path.join(work, "src");
  fs.rmSync(work, { recursive: true, force: true });
  for (const f of result.files) {
    fs.mkdirSync(path.dirname(path.join(src, f.path)), { recursive: true });
    fs.writeFileSync(path.join(src, f.path), f.content);
  }
  // Type-checking 4 MB of generated types is not what is measured here: emit only.
  emitJs({
    files: [path.join(src, "receiver.ts"), path.join(src, "adapters/node.ts")],
    rootDir: src,
    outDir: path.join(work, "js"),
    extra: ["--types", "node"],
  });
  return path.join(work, "js");
}

/**
 * The request every connection sends over and over: GitHub's headers and signature, or
 * (`standard`) Standard Webhooks' — signed now, since their timestamp must be within 5 minutes.
 */
function requestFile(eventName, body, standard = false) {
  const payload = Buffer.from(body);
  const id = "msg_2mCAgfA3lQTrbmG9P0xjEAMSdVH";
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signed = createHmac("sha256", Buffer.from(WHSEC.slice(6), "base64")).update(`${id}.${timestamp}.`).update(payload).digest("base64");
  const headers = [
    "POST /api/github/webhooks HTTP/1.1",
    "Host: 127.0.0.1",
    "User-Agent: GitHub-Hookshot/044aadd",
    "Content-Type: application/json",
    `Content-Length: ${payload.length}`,
    `X-GitHub-Event: ${eventName}`,
    "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958",
    "X-GitHub-Hook-ID: 292430182",
    "X-GitHub-Hook-Installation-Target-ID: 79929171",
    "X-GitHub-Hook-Installation-Target-Type: repository",
    `X-Hub-Signature-256: sha256=${createHmac("sha256", SECRET).update(payload).digest("hex")}`,
    ...(standard ? [`webhook-id: ${id}`, `webhook-timestamp: ${timestamp}`, `webhook-signature: v1,${signed}`] : []),
  ];
  const file = path.join(work, standard ? "request-standard.http" : "request.http");
  fs.writeFileSync(file, Buffer.concat([Buffer.from(headers.join("\r\n") + "\r\n\r\n"), payload]));
  return file;
}

/** A server process, and a way to ask it for the CPU time it has used. */
function startServer(variant, dir) {
  // `…@nocodegen`: the same server where code generation is refused (Workers; Zod then parses without its compiled fast path).
  const [name, mode] = variant.split("@");
  const flags = mode === "nocodegen" ? ["--disallow-code-generation-from-strings"] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, path.join(root, "bench/lib/receive-servers.mjs"), name, dir, name.includes("standard") ? WHSEC : SECRET], {
      cwd: root,
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = [];
    let waiting;
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      buffered += d;
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        lines.push(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
      while (waiting && lines.length) {
        const w = waiting;
        waiting = undefined;
        w(lines.shift());
      }
    });
    const nextLine = () => new Promise((r) => (lines.length ? r(lines.shift()) : (waiting = r)));
    child.on("error", reject);
    nextLine().then((line) => {
      const m = /ready (\d+)/.exec(line);
      if (!m) return reject(new Error(`${variant}: ${line}`));
      const cpu = async () => {
        child.stdin.write("cpu\n");
        return Number(/cpu (\d+)/.exec(await nextLine())[1]);
      };
      resolve({ child, port: Number(m[1]), cpu });
    });
  });
}

function load(port, secs, file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bench/lib/load.mjs"), String(port), String(connections), String(secs), file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited with ${code}`))));
  });
}

const examples = require("@octokit/webhooks-examples/api.github.com/index.json");
const dir = await buildReceiver();
if (baseline && !fs.existsSync(path.join(baseline, "receiver.js"))) throw new Error(`--baseline ${baseline}: no receiver.js there`);

/** [key, server variant, label, receiver build] */
const allVariants = [
  ["bare", "bare", "node:http + JSON.parse", dir],
  ["octokit", "octokit", "@octokit/webhooks (GitHub HMAC, no validation)", dir],
  ["ours+verify", "ours+verify", "gen-callbacks node (GitHub HMAC + validation)", dir],
  ["ours+verify@nocodegen", "ours+verify@nocodegen", "  the same, no code generation (Workers-like)", dir],
  ["ours", "ours", "gen-callbacks node (validation, no HMAC)", dir],
  ["ours+verify-noschema", "ours+verify-noschema", "gen-callbacks node (GitHub HMAC, body not validated)", dir],
  ["standardwebhooks", "standardwebhooks", "standardwebhooks + JSON.parse (no validation)", dir],
  ["ours+standard", "ours+standard", "gen-callbacks node (Standard Webhooks + validation)", dir],
  ...(baseline
    ? [
        ["baseline:ours+verify", "ours+verify", "baseline (HMAC + validation)", baseline],
        ["baseline:ours+verify@nocodegen", "ours+verify@nocodegen", "  baseline, no code generation", baseline],
      ]
    : []),
];
const variants = allVariants.filter(([key]) => !only || key === "octokit" || only.includes(key.replace(/^baseline:/, "")));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pad = (s, n) => String(s).padEnd(n);
/** Per payload: its name, size and rows. */
const results = [];

for (const name of payloads) {
  const [eventName, action] = name.split(".");
  const payload = examples.find((g) => g.name === eventName)?.examples.find((e) => e.action === action);
  if (!payload) throw new Error(`no example for ${name}`);
  const body = JSON.stringify(payload);
  const file = requestFile(eventName, body);
  const runs = new Map(variants.map(([key]) => [key, []]));
  // Rounds interleave the variants, so that whatever else the machine does hits them alike.
  for (let round = 0; round < rounds; round++) {
    for (const [key, variant, , receiverDir] of variants) {
      const { child, port, cpu } = await startServer(variant, receiverDir);
      const request = variant.includes("standard") ? requestFile(eventName, body, true) : file;
      // Warm-up: JIT, Zod's compiled validators. That of a large payload's schema (GitHub's
      // pull_request) is one big function V8 takes several seconds of traffic to optimize:
      // measured after 2 s, the receiver ran at a third of its steady speed.
      await load(port, warmup, request);
      const before = await cpu();
      const r = await load(port, seconds, request);
      const used = (await cpu()) - before;
      child.kill("SIGTERM");
      runs.get(key).push({ ...r, cpuUs: used / r.requests });
    }
  }
  const rows = variants.map(([key, , label]) => {
    const rs = runs.get(key);
    return {
      key,
      label,
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      cpuUs: median(rs.map((r) => r.cpuUs)),
      requests: rs.reduce((n, r) => n + r.requests, 0),
      errors: rs.reduce((n, r) => n + r.errors, 0),
    };
  });
  const octokit = rows.find((r) => r.key === "octokit");
  const kib = (Buffer.byteLength(body) / 1024).toFixed(1);
  results.push({ name, kib, rows, octokit });
  console.log(
    `\npayload: ${name} (${kib} KiB), ${connections} connections, ${rounds} rounds × ${seconds} s per variant after ${warmup} s of warm-up (medians), Node ${process.version}, ${os.cpus().length} CPUs shared by server and load generator`,
  );
  console.log(`${pad("", 54)}${pad("req/s", 9)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("CPU µs/req", 12)}${pad("non-200", 9)}req/s vs octokit`);
  for (const r of rows) {
    console.log(
      `${pad(r.label, 54)}${pad(Math.round(r.rps), 9)}${pad(r.p50.toFixed(2), 9)}${pad(r.p99.toFixed(2), 9)}${pad(r.cpuUs.toFixed(0), 12)}${pad(r.errors, 9)}${r === octokit ? "—" : `${(r.rps / octokit.rps).toFixed(2)}×`}`,
    );
  }
}

// The figures the receiver is held to: requests/s ≥ 1.0× octokit's, CPU per request ≤ 1.0×.
const compared = ["ours+verify", "ours+verify@nocodegen", "baseline:ours+verify", "baseline:ours+verify@nocodegen"];
console.log(`\nagainst @octokit/webhooks, same run (req/s: higher is better; CPU per request: lower is better)`);
console.log(`${pad("payload", 34)}${pad("receiver", 48)}${pad("req/s", 16)}CPU µs/req`);
for (const { name, kib, rows, octokit } of results) {
  for (const r of rows.filter((x) => compared.includes(x.key))) {
    console.log(
      `${pad(`${name} (${kib} KiB)`, 34)}${pad(r.label.trim(), 48)}${pad(`${(r.rps / octokit.rps).toFixed(2)}× (${Math.round(r.rps)})`, 16)}` +
        `${(r.cpuUs / octokit.cpuUs).toFixed(2)}× (${r.cpuUs.toFixed(0)} vs ${octokit.cpuUs.toFixed(0)})`,
    );
  }
}
const failed = results.flatMap(({ name, rows }) => rows.filter((r) => r.errors > 0).map((r) => `${name}: ${r.label.trim()} — ${r.errors} answers not 200 or failed (of ${r.requests})`));
if (failed.length) {
  console.error(`\nnot every answer was 200:\n  ${failed.join("\n  ")}`);
  process.exit(1);
}
console.log(`\nevery answer was 200 (${results.reduce((n, { rows }) => n + rows.reduce((m, r) => m + r.requests, 0), 0)} requests)`);
