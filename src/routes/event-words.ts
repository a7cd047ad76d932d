/**
 * The words a name is made of, as the receiver compares them at run time: `pull_request`,
 * `pull-request`, `pullRequest` and `Pull Request` are all `pull request`. Split at every
 * character that is not an ASCII letter or digit and at camelCase humps, lower-cased, joined by
 * single spaces. Must stay the same function as `eventWords` in templates/runtime/discriminate.ts,
 * since the generator writes words the runtime compares against (a test holds them equal).
 */
export function eventWordsOf(text: string): string {
  const out: string[] = [];
  for (const chunk of text.split(/[^A-Za-z0-9]+/)) {
    if (!chunk) continue;
    for (const w of chunk.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)) if (w) out.push(w.toLowerCase());
  }
  return out.join(" ");
}
