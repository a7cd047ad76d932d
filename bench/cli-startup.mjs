#!/usr/bin/env node
/**
 * bench/cli-startup — CPU time of the CLI answering without work to do (`--version`,
 * `--help`, a usage error), side by side with openapi-typescript's `--version`, in one
 * interleaved run (each command in a fresh process, taking turns, after one warm-up each).
 * CPU time (user + system, from the child's own `process.cpuUsage()` at exit) rather than wall
 * time: it does not depend on what else the shared machine is running.
 *
 *   npm run build && node bench/cli-startup.mjs [--runs 10]
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { flag } from "./lib/emit.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const runs = Number(flag("runs", "10"));
const probe = "data:text/javascript," + encodeURIComponent(`process.on("exit", () => { const u = process.cpuUsage(); require("node:fs").writeSync(3, String(u.user + u.system)); });`.replace("require(", "process.getBuiltinModule("));
const bin = path.join(root, "dist/cli/bin.js");
// The package exports no bin path: find it beside its package.json.
const peer = path.join(path.dirname(require.resolve("openapi-typescript/package.json")), "bin/cli.js");

const commands = [
  ["gen-callbacks --version", [bin, "--version"]],
  ["gen-callbacks --help", [bin, "--help"]],
  ["gen-callbacks (usage error)", [bin, "--no-such-flag"]],
  ["openapi-typescript --version", [peer, "--version"]],
];

function cpuMs(args) {
  const r = spawnSync(process.execPath, ["--import", probe, ...args], { stdio: ["ignore", "ignore", "ignore", "pipe"], encoding: "utf8" });
  return Number(r.output[3]) / 1000;
}

const samples = commands.map(() => []);
for (let i = 0; i <= runs; i++) for (const [k, [, args]] of commands.entries()) if (i > 0) samples[k].push(cpuMs(args)); else cpuMs(args);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const peerMedian = median(samples[3]);
console.log(`CPU ms per invocation (user + system), ${runs} runs each, interleaved; Node ${process.version}`);
console.log(`${"".padEnd(32)}${"median".padEnd(10)}${"fastest".padEnd(10)}vs openapi-typescript --version`);
for (const [k, [label]] of commands.entries()) {
  const m = median(samples[k]);
  console.log(`${label.padEnd(32)}${m.toFixed(0).padEnd(10)}${Math.min(...samples[k]).toFixed(0).padEnd(10)}${(m / peerMedian).toFixed(2)}×`);
}
