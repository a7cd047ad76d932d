#!/usr/bin/env node
/**
 * The `gen-callbacks` executable: process I/O wired to `runCli`. Arguments are read first, with
 * nothing but the argument parser loaded: `--version`, `--help` and usage errors answer
 * without loading TypeScript, ts-morph and openapi-typescript (half a second of CPU).
 */
import { readFileSync } from "node:fs";
import { asksForHelp, HELP, parseCliArgs } from "./args.js";
import { EXIT } from "./exit-codes.js";
import { isKitCommand, KIT_HELP } from "./kit-args.js";

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "dlq") {
    // Its own flags, and no generator to load.
    const { dlqCommand } = await import("./dlq.js");
    return dlqCommand(argv.slice(1), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
  }
  if (isKitCommand(argv) && asksForHelp(argv.slice(1))) {
    process.stdout.write(`usage:\n${KIT_HELP}`);
    return EXIT.ok;
  }
  // `serve` and `send` have flags of their own: their arguments are parsed by runCli.
  const parsed = parseCliArgs(isKitCommand(argv) ? [] : argv);
  if (parsed.ok && parsed.request.command === "version") {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    process.stdout.write(pkg.version + "\n");
    return EXIT.ok;
  }
  if (parsed.ok && parsed.request.command === "help") {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (!parsed.ok) {
    for (const e of parsed.errors) process.stderr.write(`error usage: ${e}\n`);
    process.stderr.write(`run gen-callbacks --help for usage\n`);
    return EXIT.badInput;
  }
  const { runCli } = await import("./main.js");
  return runCli({
    argv,
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => readAll(process.stdin),
    isTTY: process.stderr.isTTY === true,
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${String(e)}\n`);
    process.exitCode = EXIT.internal;
  },
);
