/**
 * Runs commands several times, each run in a fresh Node process, and reports per command the
 * median and fastest wall time and the peak RSS (largest of the runs). The commands take turns
 * (A B A B …, after one warm-up run of each that fills the file-system cache for all alike), so
 * that a shared machine's load drifting during the bench moves every side the same way.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const probe = fileURLToPath(new URL("./rss-probe.mjs", import.meta.url));

/**
 * @param {{ label: string, args: string[], before?: () => void }[]} commands
 * @param {{ runs?: number, cwd?: string, env?: Record<string, string> }} [options]
 */
export async function compare(commands, { runs = 5, cwd = process.cwd(), env = {} } = {}) {
  const samples = commands.map(() => ({ times: [], cpus: [], peakKb: 0 }));
  for (let i = 0; i <= runs; i++) {
    for (const [k, c] of commands.entries()) {
      c.before?.();
      const { ms, kb, cpuMs } = await once(c.args, cwd, env);
      if (i === 0) continue;
      samples[k].times.push(ms);
      samples[k].cpus.push(cpuMs);
      samples[k].peakKb = Math.max(samples[k].peakKb, kb);
    }
  }
  return commands.map((c, k) => {
    const times = samples[k].times.sort((a, b) => a - b);
    const cpus = samples[k].cpus.sort((a, b) => a - b);
    return { label: c.label, medianMs: times[Math.floor(times.length / 2)], minMs: times[0], maxMs: times.at(-1), cpuMs: cpus[Math.floor(cpus.length / 2)], peakMb: samples[k].peakKb / 1024, runs };
  });
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
      else {
        const [kb, cpuUs] = rss.trim().split(" ").map(Number);
        resolve({ ms, kb: kb || 0, cpuMs: (cpuUs || 0) / 1000 });
      }
    });
  });
}

export function table(rows, baseline) {
  const lines = [];
  const pad = (s, n) => String(s).padEnd(n);
  const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
  lines.push(`${pad("", 36)}${pad("wall median", 13)}${pad("fastest", 10)}${pad("CPU median", 12)}${pad("peak RSS", 10)}vs ${baseline.label}`);
  for (const r of rows) {
    const ratio =
      `${(r.medianMs / baseline.medianMs).toFixed(2)}× time (fastest ${(r.minMs / baseline.minMs).toFixed(2)}×), ` +
      `${(r.cpuMs / baseline.cpuMs).toFixed(2)}× CPU, ${(r.peakMb / baseline.peakMb).toFixed(2)}× memory`;
    lines.push(`${pad(r.label, 36)}${pad(secs(r.medianMs), 13)}${pad(secs(r.minMs), 10)}${pad(secs(r.cpuMs), 12)}${pad(`${r.peakMb.toFixed(0)} MB`, 10)}${r === baseline ? "—" : ratio}`);
  }
  return lines.join("\n");
}
