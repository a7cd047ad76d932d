/**
 * "Did you mean …?" for misspelled field names and `$ref` targets.
 */

/**
 * Closest candidate to `word`, if it is close enough to be a likely typo: equal ignoring
 * case, or (from four characters on) within an edit distance, transpositions included, of
 * about a quarter of its length.
 * Ties go to the first candidate in code-point order, so the hint is deterministic.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  // Very short words are within one edit of almost anything: only case slips count there.
  const limit = word.length < 4 ? 0 : Math.max(1, Math.floor(word.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    if (c === word) continue;
    // Cheap length filter first: the distance is at least the length difference.
    if (Math.abs(c.length - word.length) > limit && c.toLowerCase() !== lower) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(word, c, limit);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Optimal-string-alignment distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}
