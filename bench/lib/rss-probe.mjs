// Preloaded into a measured child process (`node --import`): reports the process's peak
// resident set size and its CPU time (user + system, µs) when it exits, on a file descriptor the parent reads, so the figure
// covers the whole run — module loading included — without an external `time` binary.
import { writeSync } from "node:fs";

const fd = Number(process.env.BENCH_RSS_FD ?? "3");
process.on("exit", () => {
  try {
    const usage = process.resourceUsage();
    writeSync(fd, `${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}\n`);
  } catch {
    // No descriptor to report to: the process was not started by bench/lib/measure.mjs.
  }
});
