/**
 * Runs a command several times in a fresh Node process each time and reports the median
 * wall time and the peak RSS (largest of the runs). One warm-up run is discarded so that
 * the file-system cache is warm for every tool alike.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const probe = fileURLToPath(new URL("./rss-probe.mjs", import.meta.url));

export async function measure(label, nodeArgs, { runs = 5, cwd = process.cwd(), env = {}, before = () => {} } = {}) {
  const times = [];
  let peakKb = 0;
  for (let i = 0; i <= runs; i++) {
    before();
    const { ms, kb } = await once(nodeArgs, cwd, env);
    if (i === 0) continue;
    times.push(ms);
    peakKb = Math.max(peakKb, kb);
  }
  times.sort((a, b) => a - b);
  return { label, medianMs: times[Math.floor(times.length / 2)], minMs: times[0], maxMs: times.at(-1), peakMb: peakKb / 1024, runs };
}

function once(nodeArgs, cwd, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--import", probe, ...nodeArgs], {
      cwd,
      env: { ...process.env, ...env, BENCH_RSS_FD: "3" },
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    let err = "";
    let rss = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdio[3].on("data", (d) => (rss += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${nodeArgs.join(" ")} exited with ${code}\n${err.slice(0, 2000)}`));
      else resolve({ ms, kb: Number(rss.trim() || 0) });
    });
  });
}

export function table(rows, baseline) {
  const lines = [];
  const pad = (s, n) => String(s).padEnd(n);
  lines.push(`${pad("", 34)}${pad("wall (median)", 16)}${pad("peak RSS", 12)}vs ${baseline.label}`);
  for (const r of rows) {
    const ratio = `${(r.medianMs / baseline.medianMs).toFixed(2)}× time, ${(r.peakMb / baseline.peakMb).toFixed(2)}× memory`;
    lines.push(`${pad(r.label, 34)}${pad(`${(r.medianMs / 1000).toFixed(2)} s`, 16)}${pad(`${r.peakMb.toFixed(0)} MB`, 12)}${r === baseline ? "—" : ratio}`);
  }
  return lines.join("\n");
}
