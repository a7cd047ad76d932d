/**
 * Hostile documents, made at test time (megabytes are not committed). Each puts the hazard
 * where generation would meet it: under the one webhook's request body, or beside it.
 */

/** A 3.1 document with one webhook whose body is `$ref: <ref>`, and these schemas. */
export function withWebhook(ref: string, schemas: Record<string, unknown>): string {
  return JSON.stringify({
    openapi: "3.1.0",
    info: { title: "hostile", version: "1" },
    webhooks: { ev: { post: { requestBody: { content: { "application/json": { schema: { $ref: ref } } } }, responses: { "200": { description: "ok" } } } } },
    components: { schemas },
  });
}

const YAML_HEAD = `openapi: 3.1.0
info: {title: hostile, version: "1"}
webhooks:
  ev:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/A"}
      responses: {"200": {description: ok}}
`;

/** `$ref` → `$ref` → … `n` links, then an object schema. */
export function refChain(n: number): string {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) schemas[`C${i}`] = { $ref: `#/components/schemas/C${i + 1}` };
  schemas[`C${n}`] = { type: "object", properties: { id: { type: "string" } } };
  return withWebhook("#/components/schemas/C0", schemas);
}

/** `n` reference-only objects in a ring: never reaches a value. */
export function refLoop(n: number): string {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) schemas[`L${i}`] = { $ref: `#/components/schemas/L${(i + 1) % n}` };
  return withWebhook("#/components/schemas/L0", schemas);
}

/** `levels` object schemas, each with `width` properties referring to the next: width^levels leaves if inlined. */
export function refFanOut(levels: number, width = 9): string {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) {
    const properties: Record<string, unknown> = {};
    for (let j = 0; j < width; j++) properties[`p${j}`] = { $ref: `#/components/schemas/F${i + 1}` };
    schemas[`F${i}`] = { type: "object", properties };
  }
  schemas[`F${levels}`] = { type: "string" };
  return withWebhook("#/components/schemas/F0", schemas);
}

/** Mutually recursive schemas (legitimate: recursion below `properties`/`items`). */
export function recursiveSchemas(): string {
  return withWebhook("#/components/schemas/Node", {
    Node: { type: "object", properties: { self: { $ref: "#/components/schemas/Node" }, children: { type: "array", items: { $ref: "#/components/schemas/Leaf" } } } },
    Leaf: { type: "object", properties: { parent: { $ref: "#/components/schemas/Node" } } },
  });
}

/**
 * An alias bomb by size, not by count: one anchor holds 100 strings of 20 KB (2 MB), and
 * 99 aliases of it are a schema's `examples` — 200 MB of examples through 99 alias uses.
 */
export function aliasBombBySize(): string {
  let s = YAML_HEAD + "x-big: &big\n";
  const line = `  - ${"x".repeat(20 * 1024)}\n`;
  for (let i = 0; i < 100; i++) s += line;
  s += "components:\n  schemas:\n    A:\n      type: object\n      examples:\n";
  for (let i = 0; i < 99; i++) s += "        - *big\n";
  return s;
}

/** A description of `mb` MB, in YAML or JSON. */
export function bigString(mb: number, format: "yaml" | "json"): string {
  const text = "x".repeat(mb * 1024 * 1024);
  if (format === "json") return withWebhook("#/components/schemas/A", { A: { type: "object", description: text } });
  return YAML_HEAD + `components:\n  schemas:\n    A:\n      type: object\n      description: "${text}"\n`;
}

/** Block sequences nested `n` deep in compact form (`- - - …`), 2 bytes a level. */
export function blockYamlSequences(n: number): string {
  return YAML_HEAD + "components:\n  schemas:\n    A: {type: object}\nx-deep:\n  " + "- ".repeat(n) + "1\n";
}

/** Block mappings nested `n` deep, one level of indentation each (n²/2 bytes). */
export function blockYamlMappings(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(" ".repeat(i + 1) + "k:");
  return YAML_HEAD + "components:\n  schemas:\n    A: {type: object}\nx-deep:\n" + lines.join("\n") + " 1\n";
}

/** Flow YAML nested `n` deep. */
export function flowYaml(n: number): string {
  return YAML_HEAD + "components:\n  schemas:\n    A: {type: object}\nx-deep: " + "[".repeat(n) + "]".repeat(n) + "\n";
}

/** JSON arrays nested `n` deep. */
export function deepJson(n: number): string {
  return `{"openapi":"3.1.0","info":{"title":"hostile","version":"1"},"x-deep":${"[".repeat(n)}${"]".repeat(n)}}`;
}
