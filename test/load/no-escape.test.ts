/**
 * THREATS A11/A12 and goal G5: loading `external-refs.yaml` with default options reads no
 * file outside the spec's folder and opens no network connection. The file system is
 * observed by wrapping `node:fs` for the modules under test; the network by real loopback
 * listeners on the ports the fixture names. Each observer is checked by a positive control
 * so the test cannot pass by observing nothing.
 */
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { loadDocumentSet } from "../../src/load/load.js";
import { checkRefs, reportUnresolved } from "../../src/load/ref-scan.js";
import { validateStructure } from "../../src/load/structure.js";
import { brief } from "./helpers.js";
import { HAZARDS, itShared } from "../support/shared.js";

const fsCalls = vi.hoisted(() => ({ list: [] as string[] }));

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  const spy =
    <F extends (...args: never[]) => unknown>(name: string, fn: F): F =>
    ((...args: Parameters<F>) => {
      fsCalls.list.push(`${name} ${String(args[0])}`);
      return fn(...args);
    }) as F;
  const patched = {
    ...real,
    readFileSync: spy("readFileSync", real.readFileSync),
    statSync: spy("statSync", real.statSync),
    lstatSync: spy("lstatSync", real.lstatSync),
    openSync: spy("openSync", real.openSync),
    existsSync: spy("existsSync", real.existsSync),
    realpathSync: Object.assign(spy("realpathSync", real.realpathSync), { native: spy("realpathSync.native", real.realpathSync.native) }),
  };
  return { ...patched, default: patched };
});

const SPEC_DIR = path.join(HAZARDS, "refs/spec");
const PORT = 18181;

interface Listener {
  server: net.Server;
  hits: number;
  host: string;
}

async function listen(host: string): Promise<Listener | undefined> {
  const l: Listener = { server: net.createServer(), hits: 0, host };
  l.server.on("connection", (socket) => {
    l.hits++;
    socket.destroy();
  });
  return new Promise((resolve) => {
    l.server.once("error", () => resolve(undefined)); // e.g. no IPv6 on this machine
    l.server.listen(PORT, host, () => resolve(l));
  });
}

describe("external-refs.yaml: nothing outside spec/ is read, nothing is fetched", () => {
  const listeners: Listener[] = [];
  beforeAll(async () => {
    for (const host of ["127.0.0.1", "::1"]) {
      const l = await listen(host);
      if (l) listeners.push(l);
    }
  });
  afterAll(async () => {
    await Promise.all(listeners.map((l) => new Promise((r) => l.server.close(r))));
  });

  itShared("refuses every external ref with a located error, without touching the file system outside spec/ or the network", async () => {
    expect(listeners.map((l) => l.host)).toContain("127.0.0.1");
    fsCalls.list.length = 0;

    const d = new Diagnostics();
    const set = loadDocumentSet({ path: path.join(SPEC_DIR, "external-refs.yaml") }, { diagnostics: d })!;
    const refs = checkRefs(set, d);
    reportUnresolved(refs.unresolved, d);
    validateStructure(set, d);
    // Ask for each ref directly too, as later stages would.
    const schemas = (set.entry.value as { components: { schemas: Record<string, { $ref: string }> } }).components.schemas;
    for (const s of Object.values(schemas)) expect(set.resolveRef(s.$ref, set.entry.path).ok).toBe(false);
    // Give any stray asynchronous connection attempt time to arrive.
    await new Promise((r) => setTimeout(r, 300));

    expect(d.items.map(brief)).toEqual([
      "error ref-outside-root 6:23 /components/schemas/OutOfTree/$ref",
      "error ref-outside-root 7:22 /components/schemas/Absolute/$ref",
      "error ref-outside-root 8:21 /components/schemas/FileUrl/$ref",
      "error ref-external-url 9:22 /components/schemas/Loopback/$ref",
      "error ref-external-url 10:24 /components/schemas/LoopbackV6/$ref",
      "error ref-external-url 11:22 /components/schemas/Metadata/$ref",
      "error ref-external-url 12:24 /components/schemas/PublicHost/$ref",
    ]);
    expect(listeners.map((l) => `${l.host}: ${l.hits}`)).toEqual(listeners.map((l) => `${l.host}: 0`));

    const outside = fsCalls.list.filter((c) => {
      const p = c.slice(c.indexOf(" ") + 1);
      return path.isAbsolute(p) && !(p === SPEC_DIR || p.startsWith(SPEC_DIR + path.sep));
    });
    expect(outside).toEqual([]);
    // Positive control: the spy does see the spec itself being read.
    expect(fsCalls.list).toContain(`readFileSync ${path.join(SPEC_DIR, "external-refs.yaml")}`);
  });

  it("positive control: the listeners do count a connection", async () => {
    const l = listeners[0]!;
    const before = l.hits;
    await new Promise<void>((resolve, reject) => {
      const c = net.connect(PORT, l.host, () => {
        c.end();
        resolve();
      });
      c.on("error", reject);
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(l.hits).toBe(before + 1);
  });
});
