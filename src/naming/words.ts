/**
 * Spec text → identifiers and file names. Spec names are arbitrary strings (`issues/opened`,
 * `_common:AcknowledgedResponseBase`, `16x16`, `dog's tail`, `__proto__`); generated code
 * needs `[A-Za-z_$][A-Za-z0-9_$]*` minus reserved words (THREATS.md A5), and file names need
 * a portable slug (A10). These functions only shape text; uniqueness is `NameTable`'s job.
 */
import { RESERVED } from "../emit/encoders.js";

/**
 * Words of a name: split at anything that is not a letter or digit and at camelCase humps
 * (`issueCommentCreated`, `HTTPValidationError` → HTTP, Validation, Error). Accents are
 * folded to ASCII; other non-ASCII letters are dropped since identifiers stay ASCII.
 */
export function words(text: string): string[] {
  const ascii = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const out: string[] = [];
  for (const chunk of ascii.split(/[^A-Za-z0-9]+/)) {
    if (!chunk) continue;
    for (const w of chunk.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)) {
      if (w) out.push(w);
    }
  }
  return out;
}

function capitalize(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
}

/** `issues-opened` → `IssuesOpened`; `HTTPValidationError` → `HttpValidationError`. */
export function pascalCase(text: string, fallback = "Unnamed"): string {
  const ws = words(text);
  let id = ws.map(capitalize).join("");
  if (!id) id = fallback;
  if (/^[0-9]/.test(id)) id = "_" + id;
  return RESERVED.has(id) ? id + "_" : id;
}

export function camelCase(text: string, fallback = "unnamed"): string {
  const ws = words(text);
  let id = ws.map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w))).join("");
  if (!id) id = fallback;
  if (/^[0-9]/.test(id)) id = "_" + id;
  return RESERVED.has(id) ? id + "_" : id;
}

/** Windows device names, which cannot be file names on that platform whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** A file-name slug: lower-case ASCII letters, digits and `-`, at most 80 characters. */
export function kebabCase(text: string, fallback = "event"): string {
  let slug = words(text)
    .map((w) => w.toLowerCase())
    .join("-")
    .slice(0, 80)
    .replace(/-+$/, "");
  if (!slug) slug = fallback;
  if (WINDOWS_RESERVED.test(slug)) slug += "-event";
  return slug;
}

/**
 * A type name for a spec-named thing (a component schema): the spec's own name when it is
 * already a good TypeScript type name (`HTTPValidationError`, `Invoice`), otherwise its
 * PascalCase form (`simple-user` → `SimpleUser`, `enterprise` → `Enterprise`).
 */
export function typeNameFor(specName: string): string {
  if (/^[A-Z][A-Za-z0-9]*$/.test(specName) && !RESERVED.has(specName)) return specName;
  return pascalCase(specName);
}
