/**
 * A minimal line diff as people read it in CI logs: Myers' O(ND) shortest edit script over
 * the lines that differ (common head and tail trimmed first), shown as unified hunks with
 * `context` lines around each change. One line per diff line, never flattened; past
 * `maxLines` printed lines the rest is summarized, so a regenerated schemas.ts cannot flood
 * the log but a 37-line change is shown whole.
 */

export interface UnifiedDiffOptions {
  context?: number;
  /** Diff lines printed at most (context and changes); then "… N more lines". */
  maxLines?: number;
  /** Edit distance past which the script is not searched for (a rewrite, shown as one block). */
  maxEdits?: number;
}

type Op = { kind: " " | "-" | "+"; text: string; a: number; b: number };

export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions = {}): string {
  const context = options.context ?? 3;
  const maxLines = options.maxLines ?? 500;
  const ops = editScript(before.split("\n"), after.split("\n"), options.maxEdits ?? 4000);
  const out: string[] = [];
  let printed = 0;
  let hidden = 0;
  for (const hunk of hunks(ops, context)) {
    const lines = hunk.map((o) => `${o.kind} ${o.text.length > 200 ? o.text.slice(0, 200) + "…" : o.text}`);
    const first = hunk[0]!;
    const aCount = hunk.filter((o) => o.kind !== "+").length;
    const bCount = hunk.filter((o) => o.kind !== "-").length;
    const header = `@@ -${first.a + (aCount ? 1 : 0)},${aCount} +${first.b + (bCount ? 1 : 0)},${bCount} @@`;
    for (const l of [header, ...lines]) {
      if (printed < maxLines) {
        out.push(l);
        printed++;
      } else if (!l.startsWith("@@")) hidden++;
    }
  }
  if (hidden) out.push(`… ${hidden} more line${hidden === 1 ? "" : "s"}`);
  return out.join("\n");
}

/** The edit script: every line of both texts, kept, removed or added, in order. */
function editScript(a: readonly string[], b: readonly string[], maxEdits: number): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: " ", text: a[i]!, a: i, b: i });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = myers(midA, midB, maxEdits) ?? [...midA.map(() => "-" as const), ...midB.map(() => "+" as const)];
  let i = head;
  let j = head;
  for (const k of middle) {
    if (k === " ") ops.push({ kind: " ", text: a[i]!, a: i++, b: j++ });
    else if (k === "-") ops.push({ kind: "-", text: a[i]!, a: i++, b: j });
    else ops.push({ kind: "+", text: b[j]!, a: i, b: j++ });
  }
  for (let t = 0; t < tail; t++) ops.push({ kind: " ", text: a[i]!, a: i++, b: j++ });
  return ops;
}

/** Myers (1986): the shortest edit script, as a list of kinds; undefined past `maxEdits`. */
function myers(a: readonly string[], b: readonly string[], maxEdits: number): ("-" | "+" | " ")[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, offset, a, b);
    }
    v = next;
  }
  return undefined;
}

function backtrack(trace: Int32Array[], dEnd: number, offset: number, a: readonly string[], b: readonly string[]): ("-" | "+" | " ")[] {
  const script: ("-" | "+" | " ")[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]!; // the furthest reaching paths after d-1 edits
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX + (down ? 0 : 1) && y > prevY + (down ? 1 : 0)) {
      script.push(" ");
      x--;
      y--;
    }
    script.push(down ? "+" : "-");
    if (down) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    script.push(" ");
    x--;
    y--;
  }
  return script.reverse();
}

/** Groups the edit script into hunks: changes with up to `context` kept lines around them. */
function hunks(ops: readonly Op[], context: number): Op[][] {
  const changed = ops.map((o, i) => (o.kind === " " ? -1 : i)).filter((i) => i >= 0);
  const out: Op[][] = [];
  let start = -1;
  let end = -1;
  for (const i of changed) {
    if (start >= 0 && i - context <= end + context) {
      end = i;
      continue;
    }
    if (start >= 0) out.push(ops.slice(Math.max(0, start - context), Math.min(ops.length, end + context + 1)));
    start = i;
    end = i;
  }
  if (start >= 0) out.push(ops.slice(Math.max(0, start - context), Math.min(ops.length, end + context + 1)));
  return out;
}
