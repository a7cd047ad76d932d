/** Types of durable-processes.mjs, for test/durable. */
import type { ChildProcess } from "node:child_process";

export function writeDurableProcesses(work: string): void;

export interface StartedProcess {
  readonly child: ChildProcess;
  /** Every JSON line written after the ready line. */
  readonly lines: Record<string, unknown>[];
  readonly ready: Promise<{ port?: number; ready?: boolean }>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startProcess(work: string, script: "receiver.mjs" | "worker.mjs", env: Record<string, string>): StartedProcess;
