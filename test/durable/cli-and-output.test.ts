/**
 * The `dlq` subcommand's errors (usage, unreachable Redis — no hang, no password printed) and
 * what `--adapter bullmq` adds to the output: the adapter file and the README section saying
 * which events durable mode queues. (Listing, showing and replaying against a real Redis are
 * in durable.test.ts.)
 */
import { spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { generate } from "../../src/generate.js";

const REPO = path.resolve(import.meta.dirname, "../..");

async function dlq(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const { dlqCommand } = await import("../../src/cli/dlq.js");
  const code = await dlqCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env });
  return { code, stdout, stderr };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe("gen-callbacks dlq: errors", () => {
  it.each([
    [[], "error usage: dlq: no action given: expected list, show <job-id> or replay <job-id>"],
    [["purge"], 'error usage: dlq: unknown action "purge": expected list, show <job-id> or replay <job-id>'],
    [["show"], "error usage: dlq show: which dead letter? Give its job id, as gen-callbacks dlq list shows it"],
    [["list", "extra"], 'error usage: dlq list: unexpected argument "extra"'],
    [["list"], "error usage: dlq: no Redis given: pass --redis redis://host:port (or set REDIS_URL)"],
    [["list", "--redis", "http://localhost:6379"], 'error usage: dlq: --redis "http://localhost:6379" is not a redis:// or rediss:// URL'],
    [["list", "--redis", "redis://x", "--limit", "0"], 'error usage: dlq: --limit must be a positive integer, got "0"'],
    [["list", "--redsi", "redis://x"], "error usage: dlq: Unknown option '--redsi'"],
  ])("%j → exit 2 with what to fix", async (args, message) => {
    const r = await dlq(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("usage: gen-callbacks dlq list|show <job-id>|replay <job-id> --redis <url>");
  });

  it("says which Redis it cannot reach, without its password, and does not hang", async () => {
    const port = await closedPort();
    const began = Date.now();
    const r = await dlq(["list"], { REDIS_URL: `redis://user:hunter2@127.0.0.1:${port}` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: cannot reach Redis at redis://user:\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(--redis\\): .+ — is it running, and is the URL right\\?\\n$`));
    expect(r.stderr).not.toContain("hunter2");
    expect(Date.now() - began).toBeLessThan(10_000);
  });

  it("is reached from the executable and from runCli alike", async () => {
    const bin = spawnSync(process.execPath, [path.join(REPO, "dist/cli/bin.js"), "dlq", "purge"], { encoding: "utf8" });
    expect(bin.status).toBe(2);
    expect(bin.stderr).toContain('unknown action "purge"');
    let stderr = "";
    const code = await runCli({ argv: ["dlq"], cwd: REPO, stdout: () => {}, stderr: (t) => (stderr += t), readStdin: async () => "" });
    expect([code, stderr.split("\n")[0]]).toEqual([2, "error usage: dlq: no action given: expected list, show <job-id> or replay <job-id>"]);
  });
});

describe("--adapter bullmq", () => {
  const spec = path.join(REPO, "generated-example/provider.yaml");

  it("adds the adapter and a README section naming the events handled in the request", () => {
    const result = generate({ spec, adapters: ["node", "bullmq"] });
    expect(result.ok).toBe(true);
    const files = new Map(result.files.map((f) => [f.path, f.content]));
    expect(files.get("adapters/bullmq.ts")).toContain('export * from "gen-callbacks/adapters/bullmq";');
    const vendored = generate({ spec, adapters: ["node", "bullmq"], runtime: "vendored" });
    expect(vendored.files.find((f) => f.path === "adapters/bullmq.ts")?.content).toContain("export function startWorker");
    const readme = files.get("README.md")!;
    expect(readme).toContain("## Durable receiving");
    // invoiceNotification answers 200 with a JSON body the provider reads: never queued.
    expect(readme).toContain("Handled in the request, never queued — the provider reads the body of their success response, which only the handler can give: `invoiceNotification`.");
  });

  it("leaves both out otherwise", () => {
    const result = generate({ spec, adapters: ["node"] });
    const files = new Map(result.files.map((f) => [f.path, f.content]));
    expect(files.has("adapters/bullmq.ts")).toBe(false);
    expect(files.get("README.md")).not.toContain("Durable receiving");
  });
});
