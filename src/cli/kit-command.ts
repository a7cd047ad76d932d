/**
 * `serve` and `send` (issue 15), kept apart from the generator's own command line: argv →
 * request → command, with the same usage and internal-error conventions as main.ts.
 */
import { EXIT } from "./exit-codes.js";
import { asksForHelp } from "./args.js";
import { isKitCommand, KIT_HELP, parseKitArgs } from "./kit-args.js";
import type { CliIo } from "./main.js";
import { sendCommand } from "./send.js";
import { serveCommand } from "./serve.js";

export { isKitCommand };

export async function kitCommand(io: CliIo): Promise<number> {
  if (asksForHelp(io.argv.slice(1))) {
    io.stdout(`usage:\n${KIT_HELP}`);
    return EXIT.ok;
  }
  const parsed = parseKitArgs(io.argv, process.env);
  if (!parsed.ok) {
    for (const e of parsed.errors) io.stderr(`error usage: ${e}\n`);
    io.stderr(`run gen-callbacks --help for usage\n`);
    return EXIT.badInput;
  }
  try {
    return parsed.request.command === "serve" ? await serveCommand(parsed.request, io) : await sendCommand(parsed.request, io);
  } catch (e) {
    io.stderr(`internal error: ${(e as Error).message}\n`);
    io.stderr(`${(e as Error).stack ?? ""}\n`);
    return EXIT.internal;
  }
}
