/**
 * Conditions the user declares when the spec gives nothing to tell events apart by: the
 * operation's `x-gen-callbacks-discriminator` extension (in the provider's document or an
 * overlay), or `discriminators` in the configuration. Both take a list of
 *
 *   { body: "/data/event_type", value: "call.answered" }         # a JSON pointer into the body
 *   { body: "/notificationItems/[]/NotificationRequestItem/eventCode", values: [CAPTURE] }
 *   { header: "X-Event-Type", value: "invoice.paid" }
 *
 * where a `[]` step means every item of an array (all must agree). A declared condition is
 * required: the field must be present with one of the values.
 */
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { isObject } from "../util/json-pointer.js";
import type { Condition, PathStep, Primitive } from "./conditions.js";
import { isPrimitive } from "./field-catalogue.js";

export const DISCRIMINATOR_EXTENSION = "x-gen-callbacks-discriminator";

export const DECLARED_FORMAT = `a list of { body: "<JSON pointer>", value: <value> } or { header: "<name>", value: "<value>" } (\`values: [...]\` for several; a \`[]\` step in the pointer means every array item)`;

/** Where the declaration is, for diagnostics. */
export interface DeclaredAt {
  file?: string;
  pointer?: string;
}

/** The conditions of one declaration, or undefined (with diagnostics) when it is malformed. */
export function parseDeclared(value: unknown, where: DeclaredAt, what: string, diags: Diagnostics): Condition[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const out: Condition[] = [];
  let ok = list.length > 0;
  list.forEach((item, i) => {
    const at = { ...where, ...(where.pointer !== undefined && Array.isArray(value) ? { pointer: `${where.pointer}/${i}` } : {}) };
    const problem = (message: string) => {
      ok = false;
      diags.error("discriminator-invalid", `${what}: ${message}`, at, `write ${DECLARED_FORMAT}`);
    };
    if (!isObject(item)) return problem("each entry must be an object");
    const values = item.values !== undefined ? item.values : item.value !== undefined ? [item.value] : undefined;
    if (!Array.isArray(values) || !values.length || !values.every(isPrimitive)) return problem("give `value` (a string, number, boolean or null) or a non-empty `values` list of them");
    const unknown = Object.keys(item).filter((k) => !["body", "header", "value", "values"].includes(k));
    if (unknown.length) return problem(`unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => JSON.stringify(k)).join(", ")}`);
    if (typeof item.header === "string" && item.body === undefined) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(item.header)) return problem(`${JSON.stringify(item.header)} is not an HTTP header name`);
      if (!values.every((v): v is string => typeof v === "string")) return problem("header values are strings");
      out.push({ in: "header", name: item.header.toLowerCase(), required: true, test: { equals: values as Primitive[] }, source: "declared" });
    } else if (typeof item.body === "string" && item.header === undefined) {
      const path = parsePath(item.body);
      if (!path) return problem(`${JSON.stringify(item.body)} is not a JSON pointer into the body (it starts with "/")`);
      out.push({ in: "body", path, required: true, test: { equals: values as Primitive[] }, source: "declared" });
    } else {
      return problem("give either `body` (a JSON pointer) or `header` (a header name)");
    }
  });
  return ok ? out : undefined;
}

/** `/a/[]/b~1c` → `["a", {items}, "b/c"]`. */
function parsePath(pointer: string): PathStep[] | undefined {
  if (!pointer.startsWith("/")) return undefined;
  return pointer
    .slice(1)
    .split("/")
    .map((s): PathStep => (s === "[]" ? { items: true } : s.replace(/~1/g, "/").replace(/~0/g, "~")));
}
