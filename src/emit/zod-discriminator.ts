/**
 * Where a `discriminator` may become `z.discriminatedUnion`. In OpenAPI a discriminator is a
 * hint; validation is still JSON Schema's `oneOf`/`anyOf`. A discriminated union gives the
 * same verdicts only when every branch requires the property with its own single value,
 * and Zod can build one only from concrete object schemas it can see at construction time.
 */
import type { JsonSchema, JsonSchemaObject, ValidationPolicy } from "../model/schema-set.js";
import { refKey } from "../model/schema-set.js";
import type { CanonicalMember } from "../schema/canonical.js";
import { childSchemas, isSchemaObject, own } from "../schema/keywords.js";
import type { RefGraph } from "../schema/ref-graph.js";
import { needsRawInput } from "./zod-expr.js";

/**
 * Finds the `oneOf`/`anyOf` nodes that can be a `z.discriminatedUnion` with the same
 * verdicts as JSON Schema: every branch references a member that is a plain object schema
 * requiring the discriminator property with one string value, the values are distinct,
 * no branch is reached through a deferred (lazy) reference, and no branch lies on a
 * reference cycle. (Zod needs each option's object schema when the union is built; the
 * cycle rule is stricter than that needs, and kept so that the same unions are
 * discriminated, with the same error messages, as when it was a typing constraint.)
 * Returns each such node with its discriminator property.
 */
export function findDiscriminatedUnions(
  members: readonly CanonicalMember[],
  byKey: ReadonlyMap<string, CanonicalMember>,
  graph: RefGraph,
  policy: ValidationPolicy,
): { sites: Map<object, string> } {
  const sites = new Map<object, string>();
  if (policy === "tolerant") return { sites };
  for (const member of members) {
    walk(member.schema, (node) => {
      const disc = own(node, "discriminator");
      if (!isSchemaObject(disc) || typeof disc.propertyName !== "string") return;
      const prop = disc.propertyName;
      for (const kw of ["oneOf", "anyOf"]) {
        const branches = own(node, kw);
        if (!Array.isArray(branches) || branches.length < 2) continue;
        const values = new Set<string>();
        const ok = branches.every((b) => {
          const key = isSchemaObject(b) && typeof b.$ref === "string" ? refKey(b.$ref) : undefined;
          const target = key === undefined ? undefined : byKey.get(key);
          if (key === undefined || !target || graph.isBackEdge(member.named.key, key) || graph.inCycle(key)) return false;
          const value = discriminatorValue(target.schema, prop, key, byKey, graph);
          if (value === undefined || values.has(value)) return false;
          values.add(value);
          return true;
        });
        if (ok) sites.set(node, prop);
      }
    });
  }
  return { sites };
}

/** The single string the object schema requires `prop` to be, when its Zod is a plain object. */
function discriminatorValue(
  schema: JsonSchema,
  prop: string,
  key: string,
  byKey: ReadonlyMap<string, CanonicalMember>,
  graph: RefGraph,
): string | undefined {
  if (!isSchemaObject(schema) || own(schema, "type") !== "object" || own(schema, "enum") !== undefined) return undefined;
  if (["allOf", "anyOf", "oneOf", "not", "if", "$ref"].some((k) => own(schema, k) !== undefined)) return undefined;
  const props = own(schema, "properties");
  const required = own(schema, "required");
  if (!isSchemaObject(props) || !Array.isArray(required) || !required.includes(prop)) return undefined;
  if (!Object.prototype.hasOwnProperty.call(props, prop) || prop === "__proto__") return undefined;
  // Objects parsed through `$raw` are pipes, which Zod cannot discriminate.
  if (needsRawInput(schema)) return undefined;
  let target = props[prop] as JsonSchema;
  if (isSchemaObject(target) && typeof target.$ref === "string") {
    const refd = refKey(target.$ref);
    if (refd === undefined || graph.isBackEdge(key, refd)) return undefined;
    target = byKey.get(refd)?.schema ?? false;
  }
  return singleString(target);
}

function singleString(node: JsonSchema): string | undefined {
  if (!isSchemaObject(node)) return undefined;
  const values = own(node, "enum");
  if (!Array.isArray(values) || values.length !== 1 || typeof values[0] !== "string") return undefined;
  if (["allOf", "anyOf", "oneOf", "not", "if", "$ref"].some((k) => own(node, k) !== undefined)) return undefined;
  return values[0];
}

function walk(node: JsonSchema, visit: (node: JsonSchemaObject) => void): void {
  const stack: JsonSchema[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === "boolean") continue;
    visit(n);
    for (const child of childSchemas(n)) stack.push(child);
  }
}
