/**
 * Injection fuzzing over whole documents (issue 16, THREATS.md C4 property P1): every
 * hostile string in every slot, then random strings (fast-check, binary strings with lone
 * surrogates) drawn per slot. Each document is generated in memory and every generated file
 * not copied from `templates/` is audited (`auditFile`); its shape is compared with the same
 * document filled with benign placeholders (the "twin"), so that the declarations are
 * exactly those the generator meant: same files, same top-level statements in the same
 * order; and every string literal is a spec string or one the twin has too (our own
 * constants). Generated schemas and routes are then imported in child processes with
 * tripwires (`importWithTripwires`).
 */
import fc from "fast-check";
import { generate } from "../../src/generate.js";
import { hostileStrings } from "../support/shared.js";
import { auditFile, isTemplateCopy, stringsOf, type FileShape } from "./injection-audit.js";
import { hostileDocument, isWellFormed, SLOTS } from "./hostile-document.js";
import { translatePattern } from "../../src/emit/re2-pattern.js";
import { runtimeNames } from "../../src/emit/zod-runtime.js";

export interface FuzzReport {
  documents: number;
  /** Documents the generator refused with located errors (no output to audit), by error code. */
  refused: Map<string, number>;
  audited: number;
  /** The first findings (at most 200; `findingCount` counts them all). */
  findings: string[];
  findingCount: number;
  /** Generated folders kept for the import check. */
  outputs: { label: string; files: { path: string; content: string }[] }[];
}

function generateDoc(doc: Record<string, unknown>) {
  return generate({ spec: "-", stdin: JSON.stringify(doc), adapters: [] });
}

/** Generated TypeScript made from the spec (templates and the README are not code from it). */
const audited = (p: string) => p.endsWith(".ts") && !isTemplateCopy(p);

/**
 * The benign twin of `strings`: each distinct string replaced by a distinct placeholder
 * (`zqa`, `zqb`…), so that which slots hold equal strings — what decides collisions and
 * shared schemas — is the same. Its shapes and its own literals (those without a
 * placeholder) say what the generator means to write for this document.
 */
function twinOf(strings: readonly string[]): { shapes: FileShape[]; own: Set<string> } | undefined {
  const distinct = [...new Set(strings)];
  const placeholder = (s: string) => `zq${distinct.indexOf(s).toString(26).replace(/[0-9]/g, (d) => "qrstuvwxyz"[Number(d)]!)}`;
  // A path key's `{…}` groups are path parameters (structure, not text): the twin keeps as many.
  const PATH = SLOTS.indexOf("paths key");
  const twinStrings = strings.map((s, i) => placeholder(s) + (i === PATH ? (s.match(/\{[^{}]*\}/g) ?? []).map((_, k) => `/{p${k}}`).join("") : ""));
  const r = generateDoc(hostileDocument(twinStrings, isWellFormed(strings[SLOTS.indexOf("components.schemas key")]!)));
  if (!r.ok) return undefined;
  const shapes = r.files.filter((f) => audited(f.path)).map((f) => auditFile(f).shape);
  const own = new Set(shapes.flatMap((sh) => sh.literals.filter((l) => !l.includes("zq"))));
  return { shapes, own };
}

/** Generates and audits one document; returns its findings. */
export function auditDocument(strings: readonly string[], label: string, report: FuzzReport, keepOutput: boolean, withTwin: boolean): void {
  report.documents++;
  const found = (x: string) => {
    report.findingCount++;
    if (report.findings.length < 200) report.findings.push(x);
  };
  const doc = hostileDocument(strings);
  const result = generateDoc(doc);
  if (!result.ok) {
    const codes = [...new Set(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))].join(",");
    report.refused.set(codes, (report.refused.get(codes) ?? 0) + 1);
    return;
  }
  report.audited++;
  const spec = stringsOf(doc);
  const twin = withTwin ? twinOf(strings) : undefined;
  if (withTwin && !twin) {
    found(`${label}: the hostile document generates but its benign twin does not`);
    return;
  }
  const own = twin?.own ?? ownConstants;
  const files = result.files.filter((f) => audited(f.path));
  if (twin && files.length !== twin.shapes.length) found(`${label}: ${files.length} generated files, the twin has ${twin.shapes.length}`);
  const translations = new Set([...spec].flatMap((x) => {
    const plan = translatePattern(x);
    return plan.kind === "linear" ? [...plan.must, ...plan.mustNot] : [];
  }));
  files.forEach((f, i) => {
    const { shape, findings } = auditFile(f);
    for (const x of findings) found(`${label}: ${x}`);
    // Hostile text may make the generator leave things out (an invalid pattern, a name that
    // cannot be an enum member), never add: no more declarations than the benign twin's.
    // Runtime helpers (template text, added when a document needs them, e.g. for a
    // `__proto__` property) are the generator's own; everything else is counted.
    const want = twin?.shapes[i];
    const counted = (list: string[]) => list.filter((st) => !HELPERS.has(st.split(" ")[1] ?? "")).length;
    if (want && counted(shape.statements) > counted(want.statements)) {
      found(`${label}: ${f.path}: ${counted(shape.statements)} top-level statements, more than the twin's ${want.path} (${counted(want.statements)})`);
    }
    for (const l of shape.literals) {
      if (!spec.has(l) && !own.has(l) && !translations.has(l) && !derivedFromSpec(l, spec)) found(`${label}: ${f.path}: string literal ${JSON.stringify(l).slice(0, 120)} is neither a spec string nor our own`);
    }
    if (withTwin) for (const l of shape.literals) if (own.has(l)) ownConstants.add(l);
  });
  // For the import check: the modules that run code made from the spec when imported.
  if (keepOutput) report.outputs.push({ label, files: result.files.filter((f) => /^(schemas|types|routes)\.ts$/.test(f.path)) });
}

/**
 * Literals the generator builds from spec strings by rule, not copied: a route made of the
 * path key (`/` + key, a callback key's path), a media type, a header name in lower case.
 */
const HELPERS = new Set(runtimeNames());

function derivedFromSpec(literal: string, spec: Set<string>): boolean {
  // A route: the generator percent-encodes path keys and names their parameters itself.
  if (/^\/[\x21-\x7e]*$/.test(literal)) return true;
  // A name or file path the generator made (handler, schema and module names): it cannot carry code.
  if (/^[./A-Za-z0-9_$-]*$/.test(literal)) return true;
  let decoded = literal;
  try {
    decoded = decodeURIComponent(literal); // routes are percent-encoded path keys
  } catch {
    // not percent-encoded
  }
  for (const form of new Set([literal, decoded, literal.toLowerCase()])) {
    if (spec.has(form)) return true;
    for (const s of spec) {
      if (s.length > 0 && form.includes(s) && form.length <= s.length + 64) return true;
      if (form.length > 0 && s.includes(form)) return true;
      if (s.toLowerCase() === form.toLowerCase()) return true;
    }
  }
  return false;
}

/** Literals of the benign twins without placeholders: the generator's own constants. */
const ownConstants = new Set<string>();

export function newReport(): FuzzReport {
  return { documents: 0, refused: new Map(), audited: 0, findings: [], findingCount: 0, outputs: [] };
}

/** Every hostile string in every slot (one document per string), then `runs` random documents. */
export function fuzzInjection(runs: number, seed: number, keepEvery = 25): FuzzReport {
  const report = newReport();
  const hostile = hostileStrings().strings.map((s) => s.value);
  hostile.forEach((h, i) => auditDocument(SLOTS.map(() => h), `hostile #${i} ${JSON.stringify(h)}`, report, true, true));
  const slotValue = fc.oneof(fc.constantFrom(...hostile), fc.string({ unit: "binary", maxLength: 16 }));
  let n = 0;
  fc.assert(
    fc.property(fc.tuple(...SLOTS.map(() => slotValue)), (strings) => {
      // Every 10th random document is compared with its own twin too.
      auditDocument(strings, `random #${n} ${JSON.stringify(strings).slice(0, 200)}`, report, n % keepEvery === 0, n % 10 === 0);
      n++;
    }),
    { numRuns: runs, seed },
  );
  return report;
}
