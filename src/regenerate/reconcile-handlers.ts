/**
 * Regeneration never loses user code (issue: "Living with a spec that changes"). Handler
 * files are matched to events by the identity their stub carries; a matched file keeps its
 * body and only the generated scaffolding around it (the handler type it is annotated with
 * and its import) is updated when that changed; events without a file get a fresh stub;
 * files whose event left the spec stay where they are and are reported; `handlers/index.ts`
 * gains and loses entries surgically, whatever else the user wrote in it.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { eventIdentity } from "../model/event-identity.js";
import type { PlannedEvent } from "../model/plan.js";
import { emitHandlersIndex, emitStub, type IndexEntry } from "../emit/stubs.js";
import type { PlannedFile } from "../write/planned-file.js";
import { HANDLERS_DIR, INDEX_PATH, type ExistingHandler, type ExistingOutput } from "./existing-output.js";
import { updateHandlerFile, updateIndexFile } from "./edit-with-ts-morph.js";

export interface Reconciled {
  /** User files to create, update (with `base`), or keep. */
  files: PlannedFile[];
  /** Handler files whose event left the spec (kept on disk, no longer wired). */
  orphans: string[];
}

export function reconcileHandlers(events: readonly PlannedEvent[], existing: ExistingOutput, outDir: string, diags: Diagnostics): Reconciled {
  const byIdentity = new Map<string, ExistingHandler>();
  const byPath = new Map<string, ExistingHandler>();
  for (const h of existing.handlers) {
    byPath.set(h.path, h);
    if (h.identity && !byIdentity.has(h.identity)) byIdentity.set(h.identity, h);
  }
  const claimed = new Set<string>();
  const files: PlannedFile[] = [];
  const entries: IndexEntry[] = [];

  for (const e of events) {
    const preferred = `${HANDLERS_DIR}/${e.names.file}.ts`;
    // A file without an identity tag at the preferred path is taken as this event's
    // handler (files created before the tag existed, or with the tag removed by the user).
    const legacy = byPath.get(preferred);
    // A delivery declared several times keeps the handler of any of its declarations.
    const identities = [e.def, ...(e.def.alsoDeclared ?? [])].map(eventIdentity);
    const known = identities.map((id) => byIdentity.get(id)).find((h) => h !== undefined && !claimed.has(h.path));
    const found = known ?? (legacy && !legacy.identity ? legacy : undefined);
    if (found && !claimed.has(found.path)) {
      claimed.add(found.path);
      const updated = updateHandlerFile(found.text, e, diags, `${outDir}/${found.path}`);
      // Unchanged files are still planned (as "kept") so that summaries account for every handler.
      files.push(
        updated.text !== found.text
          ? { path: found.path, owner: "user", content: updated.text, base: found.text }
          : { path: found.path, owner: "user", content: found.text },
      );
      entries.push({ handler: e.names.handler, exportName: updated.exportName, path: found.path });
      continue;
    }
    const path = freePath(preferred, byPath, claimed);
    claimed.add(path);
    files.push({ path, owner: "user", content: emitStub(e) });
    entries.push({ handler: e.names.handler, exportName: e.names.handler, path });
  }

  const orphans: string[] = [];
  for (const h of existing.handlers) {
    if (claimed.has(h.path)) continue;
    orphans.push(h.path);
    diags.warning(
      "handler-orphaned",
      `${h.path} belongs to an event that is no longer in the spec; it is kept, and no longer wired into \`handlers\``,
      { file: `${outDir}/${h.path}` },
      "its handler type is gone from contract.ts, so it no longer compiles: delete it once you have moved what you need",
    );
  }

  if (existing.index === undefined) {
    files.push({ path: INDEX_PATH, owner: "user", content: emitHandlersIndex(entries) });
  } else {
    const updated = updateIndexFile(existing.index, entries, diags, `${outDir}/${INDEX_PATH}`);
    if (updated !== existing.index) files.push({ path: INDEX_PATH, owner: "user", content: updated, base: existing.index });
  }
  return { files, orphans };
}

/** The preferred stub path, or `-2`, `-3`… when an orphaned or foreign file holds it. */
function freePath(preferred: string, byPath: Map<string, ExistingHandler>, claimed: Set<string>): string {
  if (!byPath.has(preferred) && !claimed.has(preferred)) return preferred;
  const base = preferred.replace(/\.ts$/, "");
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}.ts`;
    if (!byPath.has(candidate) && !claimed.has(candidate)) return candidate;
  }
}
