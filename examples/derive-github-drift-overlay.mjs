// Derives examples/github-drift.overlay.yaml: every `required` entry of GitHub's webhooks spec
// (@octokit/openapi-webhooks 12.1.0) that a real payload of @octokit/webhooks-examples omits,
// found with Ajv (2020-12, all errors), becomes one `remove` action on that entry — nothing
// else is relaxed. Run from the repository: node examples/derive-github-drift-overlay.mjs
import fs from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const spec = JSON.parse(fs.readFileSync(require.resolve("@octokit/openapi-webhooks/generated/api.github.com.json"), "utf8"));
const index = require("@octokit/webhooks-examples/api.github.com/index.json");
const Ajv2020 = (await import("ajv/dist/2020.js")).default;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ components: spec.components }, "spec");
/** pointer of a `required` array → the names payloads omit, with the events they were seen in. */
const omitted = new Map();
for (const group of index) {
  for (const payload of group.examples) {
    const key = (payload.action ? `${group.name}-${payload.action}` : group.name).replace(/_/g, "-");
    const webhook = spec.webhooks[key];
    if (!webhook) continue;
    const ref = webhook.post.requestBody.content["application/json"].schema.$ref;
    const validate = ajv.getSchema(`spec${ref}`) ?? ajv.compile({ $ref: `spec${ref}` });
    if (validate(payload)) continue;
    for (const e of validate.errors.filter((e) => e.keyword === "required")) {
      // The schemas that describe the object missing the field, found by walking the
      // payload's path through the spec (Ajv's schemaPath is relative to whichever $ref it
      // compiled separately, so it cannot name the place in the document).
      const segments = e.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      for (const at of requiredLists(ref.slice(1), segments, e.params.missingProperty)) {
        const names = omitted.get(at) ?? new Map();
        names.set(e.params.missingProperty, (names.get(e.params.missingProperty) ?? new Set()).add(key));
        omitted.set(at, names);
      }
    }
  }
}

function get(pointer) {
  return pointer.split("/").slice(1).reduce((v, s) => v?.[s.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
}
function esc(s) {
  return s.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The schema at `pointer` and every schema it is made of ($ref, allOf, anyOf, oneOf), as pointers. */
function expand(pointer, seen = new Set()) {
  if (seen.has(pointer)) return [];
  seen.add(pointer);
  const node = get(pointer);
  if (!node || typeof node !== "object") return [];
  if (typeof node.$ref === "string") return expand(node.$ref.slice(1), seen);
  const out = [pointer];
  for (const k of ["allOf", "anyOf", "oneOf"]) (node[k] ?? []).forEach((_, i) => out.push(...expand(`${pointer}/${k}/${i}`, seen)));
  return out;
}

/** The `required` lists naming `name` in the schemas that describe the value at `segments`. */
function requiredLists(pointer, segments, name) {
  let at = [pointer];
  for (const seg of segments) {
    at = at.flatMap((p) => expand(p)).flatMap((p) => {
      const node = get(p);
      if (/^\d+$/.test(seg) && node.items) return [`${p}/items`];
      return node.properties && seg in node.properties ? [`${p}/properties/${esc(seg)}`] : [];
    });
  }
  return [...new Set(at.flatMap((p) => expand(p)).filter((p) => get(p).required?.includes(name)).map((p) => `${p}/required`))];
}

const step = (s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `['${s}']`);
const jsonPath = (pointer) => "$" + pointer.split("/").slice(1).map((s) => step(s.replace(/~1/g, "/").replace(/~0/g, "~"))).join("");
const lines = [
  "# GitHub's webhooks spec (@octokit/openapi-webhooks 12.1.0) marks as required fields that GitHub's",
  "# own example deliveries (@octokit/webhooks-examples) leave out. Each action below removes exactly",
  "# one such name from one `required` list; every other field stays required in the generated types.",
  "# Derived by examples/derive-github-drift-overlay.mjs. Use it with:",
  "#   npx gen-callbacks api.github.com.json -o src/webhooks --overlay github-drift.overlay.yaml",
  "overlay: 1.0.0",
  "info:",
  "  title: \"GitHub webhooks: fields the payloads omit\"",
  "  version: 1.0.0",
  "actions:",
];
for (const [pointer, names] of [...omitted].sort(([a], [b]) => (a < b ? -1 : 1))) {
  for (const [name, events] of [...names].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`  - target: "${jsonPath(pointer)}[?@ == '${name}']"`);
    lines.push(`    description: "${name} is absent from ${[...events].sort().slice(0, 3).join(", ")}${events.size > 3 ? ` and ${events.size - 3} more` : ""}"`);
    lines.push("    remove: true");
  }
}
fs.writeFileSync(new URL("./github-drift.overlay.yaml", import.meta.url), lines.join("\n") + "\n");
console.log(`${[...omitted.values()].reduce((n, m) => n + m.size, 0)} actions`);
