#!/usr/bin/env node
/**
 * bench/signatures — verifications per second of the runtime's signature verifiers beside the
 * libraries users would otherwise call: our GitHub verifier vs @octokit/webhooks-methods `verify`
 * (its Node and its web build), our Standard Webhooks verifier vs the `standardwebhooks` package,
 * on the same payloads and signatures. Payloads from @octokit/webhooks-examples:
 * installation.suspend (4.7 KiB) and pull_request.reopened (23 KiB).
 *
 *   node bench/signatures.mjs [--seconds 2] [--rounds 5]
 *
 * Each (variant, payload) runs in a fresh Node process (bench/lib/signature-worker.mjs); the
 * variants take turns, round after round, so that a shared machine's load drifting moves every
 * side alike. Shown: the median round, the fastest round beside it, and the process CPU time per
 * verification (WebCrypto hashes on libuv's threads; their time is counted). The runtime modules are
 * TypeScript: they are compiled to .tmp/bench-signatures/js first (emit only, like bench:receive).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { emitJs, flag } from "./lib/emit.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const seconds = Number(flag("seconds", "2"));
const rounds = Number(flag("rounds", "5"));
const work = path.join(root, ".tmp/bench-signatures");

/** The signature modules as JavaScript, exactly as the templates have them. */
function compileRuntime() {
  const out = path.join(work, "js");
  fs.rmSync(work, { recursive: true, force: true });
  const rootDir = path.join(root, "templates/runtime");
  emitJs({ files: ["signatures.ts", "signatures-sign.ts"].map((f) => path.join(rootDir, f)), rootDir, outDir: out });
  // The emitted files are ES modules: say so to Node, whatever the nearest package.json says.
  fs.writeFileSync(path.join(out, "package.json"), '{ "type": "module" }\n');
  return out;
}

function payloadFile(event, action) {
  const examples = require("@octokit/webhooks-examples/api.github.com/index.json");
  const payload = examples.find((g) => g.name === event)?.examples.find((e) => e.action === action);
  if (!payload) throw new Error(`no example for ${event}.${action}`);
  const file = path.join(work, `${event}.${action}.json`);
  fs.writeFileSync(file, JSON.stringify(payload));
  return file;
}

function measure(variant, file, dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, "bench/lib/signature-worker.mjs"), variant, file, String(seconds), dir],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("close", (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${variant} exited with ${code}`)),
    );
  });
}

const dir = compileRuntime();
const payloads = [
  ["installation.suspend", payloadFile("installation", "suspend")],
  ["pull_request.reopened", payloadFile("pull_request", "reopened")],
];
/** [variant, label, the row it is compared with] */
const variants = [
  ["octokit-node", "@octokit/webhooks-methods verify (node build)", "octokit-node"],
  ["octokit-web", "@octokit/webhooks-methods verify (web build)", "octokit-node"],
  ["ours-github", "gen-callbacks githubSignature", "octokit-node"],
  ["standardwebhooks", "standardwebhooks@1.1.1 Webhook#verify", "standardwebhooks"],
  ["ours-standard", "gen-callbacks standardWebhooks", "standardwebhooks"],
  ["ours-standard+parse", "gen-callbacks standardWebhooks + JSON.parse", "standardwebhooks"],
];

const runs = new Map();
for (let round = 0; round < rounds; round++)
  for (const [name, file] of payloads)
    for (const [variant] of variants) {
      const key = `${name} ${variant}`;
      const r = await measure(variant, file, dir);
      runs.set(key, [...(runs.get(key) ?? []), { rate: r.ops / r.seconds, cpuUs: r.cpuUs }]);
    }

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pad = (s, n) => String(s).padEnd(n);
console.log(
  `${rounds} rounds × ${seconds} s per variant and payload, variants taking turns, each in a fresh process; ` +
    `one verification at a time. Node ${process.version}, ${os.cpus().length} CPUs.`,
);
for (const [name, file] of payloads) {
  const kib = (fs.statSync(file).size / 1024).toFixed(1);
  console.log(`\n${name} (${kib} KiB)`);
  console.log(
    `${pad("", 48)}${pad("verify/s", 11)}${pad("µs each", 10)}${pad("fastest/s", 12)}${pad("CPU µs", 9)}verify/s vs`,
  );
  for (const [variant, label, against] of variants) {
    const mine = runs.get(`${name} ${variant}`);
    const rate = median(mine.map((r) => r.rate));
    const base = median(runs.get(`${name} ${against}`).map((r) => r.rate));
    const fastest = Math.max(...mine.map((r) => r.rate));
    const cpu = median(mine.map((r) => r.cpuUs));
    const ratio = variant === against ? "—" : `${(rate / base).toFixed(2)}× ${against}`;
    console.log(
      `${pad(label, 48)}${pad(Math.round(rate), 11)}${pad((1e6 / rate).toFixed(1), 10)}${pad(Math.round(fastest), 12)}` +
        `${pad(cpu.toFixed(1), 9)}${ratio}`,
    );
  }
}
