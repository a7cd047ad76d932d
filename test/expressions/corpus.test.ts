/**
 * Every callback key of every real document in the shared corpus (corpus/real) goes through
 * `analyzeCallbackKey`: it must never throw, and every non-standard key must come with at
 * least one problem. The keys are collected from the documents themselves (not from a list),
 * and the collection is cross-checked against INDEX.md so that a collector bug cannot make
 * this test vacuous.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { beforeAll, expect, test } from "vitest";
import { analyzeCallbackKey, type CallbackKeyAnalysis } from "../../src/expressions/callback-key.js";
import { getAtPointer, isObject, parsePointer, pointerFromFragment, sortedKeys } from "../../src/util/json-pointer.js";
import { CORPUS, describeShared } from "../support/shared.js";

/** 73 MB, and the same document as github-api-3.0 (STATS.md leaves it out too). */
const SKIPPED = new Set(["github-api-3.0-deref"]);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"];

interface Source {
  name: string;
  entry: string;
}

/** Callback keys per spec name, collected in beforeAll. */
const collected = new Map<string, string[]>();

beforeAll(() => {
  const sources = JSON.parse(readFileSync(path.join(CORPUS, "sources.json"), "utf8")) as Source[];
  for (const { name, entry } of sources) {
    if (SKIPPED.has(name)) continue;
    const text = readFileSync(path.join(CORPUS, name, entry), "utf8");
    // A document without the word cannot have a Callback Object; skipping the parse keeps the
    // multi-megabyte YAML documents (Okta, OpenAI) out of the test's run time.
    if (!text.includes("callbacks")) {
      collected.set(name, []);
      continue;
    }
    const doc: unknown = entry.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
    collected.set(name, callbackKeys(doc));
  }
});

/**
 * Keys of the Callback Objects under `paths.*.*.callbacks`, `webhooks.*.*.callbacks` and
 * `components.callbacks`, including callbacks of callback operations. Local `$ref`s are
 * followed; references to other files are not (no corpus document keeps callbacks there).
 */
function callbackKeys(doc: unknown): string[] {
  const keys = new Set<string>();
  const visited = new Set<unknown>();

  const resolve = (value: unknown, depth = 0): unknown => {
    if (!isObject(value) || typeof value.$ref !== "string" || depth > 32) return value;
    if (!value.$ref.startsWith("#")) return undefined;
    const pointer = parsePointer(pointerFromFragment(value.$ref.slice(1)) ?? "");
    if (pointer === undefined) return undefined;
    const found = getAtPointer(doc, pointer);
    return found.found ? resolve(found.value, depth + 1) : undefined;
  };

  const visitCallbackObject = (raw: unknown): void => {
    const callback = resolve(raw);
    if (!isObject(callback) || visited.has(callback)) return;
    visited.add(callback);
    for (const key of sortedKeys(callback)) {
      if (key.startsWith("x-")) continue;
      keys.add(key);
      visitPathItem(callback[key]);
    }
  };

  const visitPathItem = (raw: unknown): void => {
    const pathItem = resolve(raw);
    if (!isObject(pathItem)) return;
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation) || !isObject(operation.callbacks)) continue;
      for (const name of sortedKeys(operation.callbacks)) visitCallbackObject(operation.callbacks[name]);
    }
  };

  if (isObject(doc)) {
    for (const map of [doc.paths, doc.webhooks]) {
      if (isObject(map)) for (const key of sortedKeys(map)) visitPathItem(map[key]);
    }
    const components = doc.components;
    if (isObject(components) && isObject(components.callbacks)) {
      for (const name of sortedKeys(components.callbacks)) visitCallbackObject(components.callbacks[name]);
    }
  }
  return [...keys];
}

/** INDEX.md "Callback keys seen": `- **name** (N distinct): `k1`, `k2``. */
function indexKeys(): Map<string, string[]> {
  const markdown = readFileSync(path.join(CORPUS, "INDEX.md"), "utf8");
  const section = markdown.split(/^## /m).find((s) => s.startsWith("Callback keys seen"));
  if (!section) throw new Error("INDEX.md has no 'Callback keys seen' section");
  const out = new Map<string, string[]>();
  for (const line of section.split("\n")) {
    const m = /^- \*\*([^*]+)\*\* \(\d+ distinct\): (.*)$/.exec(line);
    if (m) out.set(m[1]!, [...m[2]!.matchAll(/`([^`]*)`/g)].map((k) => k[1]!));
  }
  return out;
}

function analyses(): { spec: string; analysis: CallbackKeyAnalysis }[] {
  return [...collected].flatMap(([spec, keys]) => keys.map((key) => ({ spec, analysis: analyzeCallbackKey(key) })));
}

describeShared("real corpus", () => {
  test("every spec was read and the collected keys are the ones INDEX.md lists", () => {
    expect(collected.size).toBe(27);
    const listed = indexKeys();
    for (const [spec, keys] of collected) {
      expect({ spec, keys: [...keys].sort() }).toEqual({ spec, keys: [...(listed.get(spec) ?? [])].sort() });
    }
    expect([...listed.keys()].every((spec) => collected.has(spec))).toBe(true);
  });

  test("analyzeCallbackKey never throws and every non-standard key has a problem", () => {
    const all = analyses();
    expect(all.length).toBe(14); // distinct keys per spec, as INDEX.md counts them
    for (const { spec, analysis } of all) {
      expect(analysis.route.path.startsWith("/")).toBe(true);
      if (!analysis.standard) expect({ spec, key: analysis.key, problems: analysis.problems.length > 0 }).toEqual({ spec, key: analysis.key, problems: true });
    }
  });

  test("the specs with non-standard keys are the ones STATS.md names in this snapshot", () => {
    const nonstandard = new Set(analyses().filter(({ analysis }) => !analysis.standard).map(({ spec }) => spec));
    expect([...nonstandard].sort()).toEqual(["contentgroove", "fastapi-callback-custom-model", "fastapi-openapi-callbacks", "fastapi-sub-callbacks", "peertube", "up-bank"]);
  });
});
