/**
 * Rules of the OpenAPI specification that a table of fields cannot say: fields that
 * exclude each other, fields that only apply with certain values of another, and
 * requirements that depend on a value. Each rule is a pure function of one object;
 * structure.ts calls the rules of each object type it visits.
 *
 * `level` is how serious the violation is in itself: "error" when the document says two
 * contradictory things or lacks what a reader needs; "warning" for what the
 * specification merely discourages ("SHOULD") or what tools ignore harmlessly.
 */
import type { TypeName } from "./structure-types.js";
import type { OpenApiVersion } from "./types.js";
import { isObject } from "../util/json-pointer.js";

export interface RuleProblem {
  /** The field the problem is about; the object itself when absent. */
  field?: string;
  atKey?: boolean;
  code: "structure-invalid" | "structure-missing";
  level: "error" | "warning";
  message: string;
  hint: string;
}

export interface RuleContext {
  version: OpenApiVersion;
  report(problem: RuleProblem): void;
}

export type Rule = (o: Record<string, unknown>, ctx: RuleContext) => void;

const has = (o: Record<string, unknown>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Parameter Object "Style Values": which `style` each location allows. A Map, like every
 * table looked up with document values (`in: constructor` must not find Object's).
 */
const STYLES: ReadonlyMap<string, readonly string[]> = new Map([
  ["path", ["matrix", "label", "simple"]],
  ["query", ["form", "spaceDelimited", "pipeDelimited", "deepObject"]],
  ["header", ["simple"]],
  ["cookie", ["form"]],
]);

/** Security Scheme Object: fields each `type` requires. */
const SCHEME_NEEDS: ReadonlyMap<string, readonly string[]> = new Map([
  ["apiKey", ["name", "in"]],
  ["http", ["scheme"]],
  ["oauth2", ["flows"]],
  ["openIdConnect", ["openIdConnectUrl"]],
]);

function exclusive(a: string, b: string, why: string): Rule {
  return (o, ctx) => {
    if (has(o, a) && has(o, b)) {
      ctx.report({ field: b, atKey: true, code: "structure-invalid", level: "error", message: `\`${a}\` and \`${b}\` cannot both be present`, hint: why });
    }
  };
}

const exampleXorExamples = exclusive("example", "examples", "keep one: `examples` (a map of named Example Objects) or `example` (a single value)");

/** Parameter and Header: exactly one of `schema` and `content`, and `content` with one entry. */
function schemaXorContent(what: string): Rule {
  return (o, ctx) => {
    if (has(o, "schema") && has(o, "content")) {
      ctx.report({ field: "content", atKey: true, code: "structure-invalid", level: "error", message: `a ${what} has both \`schema\` and \`content\``, hint: "describe the value with one of them" });
    } else if (!has(o, "schema") && !has(o, "content")) {
      ctx.report({ code: "structure-missing", level: "error", message: `a ${what} needs \`schema\` or \`content\``, hint: "add `schema:` with the value's schema" });
    }
    const content = o["content"];
    if (isObject(content) && Object.keys(content).length !== 1) {
      ctx.report({ field: "content", code: "structure-invalid", level: "error", message: `the \`content\` of a ${what} must have exactly one media type, not ${Object.keys(content).length}`, hint: "keep the one media type the value is serialized with" });
    }
  };
}

const parameterRules: Rule[] = [
  (o, ctx) => {
    const where = o["in"];
    if (where === "querystring" && ctx.version !== "3.2") {
      ctx.report({ field: "in", code: "structure-invalid", level: "error", message: "`in: querystring` is an OpenAPI 3.2 location", hint: "use `in: query`, or declare `openapi: 3.2.0`" });
    }
    if (typeof where !== "string") return;
    if (where === "querystring") {
      for (const k of ["style", "explode", "allowReserved", "schema"]) {
        if (has(o, k)) ctx.report({ field: k, atKey: true, code: "structure-invalid", level: "error", message: `a \`querystring\` parameter cannot have \`${k}\``, hint: "describe the whole query string with `content`" });
      }
    }
    const style = o["style"];
    const styles = ctx.version === "3.2" && where === "cookie" ? ["form", "cookie"] : STYLES.get(where);
    if (typeof style === "string" && styles && !styles.includes(style)) {
      ctx.report({ field: "style", code: "structure-invalid", level: "error", message: `\`style: ${style}\` is not allowed for \`in: ${where}\``, hint: `use one of ${styles.join(", ")}` });
    }
    // A MUST of the specification, but harmless: a path parameter is part of the URL, so
    // it is required whatever the document says (and the OAI schema only checks it next to
    // `schema`, so its own pass fixtures omit it with `content`).
    if (where === "path" && o["required"] !== true) {
      ctx.report({
        field: has(o, "required") ? "required" : undefined,
        code: "structure-invalid",
        level: "warning",
        message: `path parameter ${JSON.stringify(o["name"])} must have \`required: true\`; it is treated as required`,
        hint: "add `required: true`",
      });
    }
    // 3.0/3.1: "This property only applies to parameters with an `in` value of `query`"
    // (the 3.1 schema rejects it elsewhere). 3.2 extends it to cookies with form style.
    const reservedOk = where === "query" || (ctx.version === "3.2" && where === "cookie" && (o["style"] ?? "form") === "form");
    if (has(o, "allowReserved") && !reservedOk) {
      ctx.report({
        field: "allowReserved",
        atKey: true,
        code: "structure-invalid",
        level: "error",
        message: `\`allowReserved\` applies only to \`in: query\` parameters, not \`in: ${where}\``,
        hint: "remove `allowReserved`",
      });
    }
    if (has(o, "allowEmptyValue") && where !== "query") {
      ctx.report({ field: "allowEmptyValue", atKey: true, code: "structure-invalid", level: "warning", message: `\`allowEmptyValue\` applies only to \`in: query\` parameters, not \`in: ${where}\``, hint: "remove `allowEmptyValue`" });
    }
  },
  schemaXorContent("parameter"),
  exampleXorExamples,
];

const headerRules: Rule[] = [
  (o, ctx) => {
    if (ctx.version !== "3.0" && has(o, "allowReserved")) {
      ctx.report({
        field: "allowReserved",
        atKey: true,
        code: "structure-invalid",
        level: "error",
        message: "a Header Object cannot have `allowReserved`: it applies only to `in: query` parameters",
        hint: "remove `allowReserved`",
      });
    }
    const style = o["style"];
    if (typeof style === "string" && style !== "simple") {
      ctx.report({ field: "style", code: "structure-invalid", level: "error", message: `\`style: ${style}\` is not allowed for a header`, hint: "headers use `style: simple` (the default)" });
    }
  },
  schemaXorContent("header"),
  exampleXorExamples,
];

const exampleRules: Rule[] = [
  exclusive("value", "externalValue", "give the example inline (`value`) or by URL (`externalValue`), not both"),
  (o, ctx) => {
    if (ctx.version !== "3.2") return;
    if (has(o, "dataValue") && has(o, "value")) ctx.report({ field: "value", atKey: true, code: "structure-invalid", level: "error", message: "`value` and `dataValue` cannot both be present", hint: "keep `dataValue`" });
    if (has(o, "serializedValue") && (has(o, "value") || has(o, "externalValue"))) {
      ctx.report({ field: "serializedValue", atKey: true, code: "structure-invalid", level: "error", message: "`serializedValue` excludes `value` and `externalValue`", hint: "keep one form of the example" });
    }
  },
];

const linkRules: Rule[] = [
  exclusive("operationRef", "operationId", "name the target operation once"),
  (o, ctx) => {
    if (ctx.version !== "3.0" && !has(o, "operationRef") && !has(o, "operationId")) {
      ctx.report({ code: "structure-missing", level: "error", message: "a Link Object needs `operationId` or `operationRef`", hint: "name the operation the link leads to" });
    }
  },
];

const serverVariableRules: Rule[] = [
  (o, ctx) => {
    const values = o["enum"];
    if (!Array.isArray(values)) return;
    if (values.length === 0) {
      // 3.1+: "The array MUST NOT be empty"; 3.0: "SHOULD NOT".
      ctx.report({
        field: "enum",
        code: "structure-invalid",
        level: ctx.version === "3.0" ? "warning" : "error",
        message: "the server variable's `enum` is empty, so no value is allowed",
        hint: "list the allowed values, or remove `enum`",
      });
    } else if (typeof o["default"] === "string" && !values.includes(o["default"])) {
      ctx.report({ field: "default", code: "structure-invalid", level: "warning", message: `the default ${JSON.stringify(o["default"])} is not one of the variable's \`enum\` values`, hint: "add it to `enum` or change the default" });
    }
  },
];

const securitySchemeRules: Rule[] = [
  (o, ctx) => {
    const type = o["type"];
    if (typeof type !== "string") return;
    if (type === "mutualTLS" && ctx.version === "3.0") {
      ctx.report({ field: "type", code: "structure-invalid", level: "error", message: "`type: mutualTLS` is an OpenAPI 3.1 security scheme", hint: "declare `openapi: 3.1.0` or use another scheme type" });
    }
    for (const field of SCHEME_NEEDS.get(type) ?? []) {
      if (!has(o, field)) ctx.report({ code: "structure-missing", level: "error", message: `a \`${type}\` security scheme needs \`${field}\``, hint: `add \`${field}\`` });
    }
  },
];

const responsesRules: Rule[] = [
  (o, ctx) => {
    const codes = Object.keys(o).filter((k) => !k.startsWith("x-"));
    if (codes.length === 0) {
      ctx.report({ code: "structure-invalid", level: "error", message: "the Responses Object lists no response", hint: "describe at least one response, e.g. `'200': {description: OK}`" });
    }
  },
];

const openApiRules: Rule[] = [
  (o, ctx) => {
    if (ctx.version !== "3.0" && !has(o, "paths") && !has(o, "components") && !has(o, "webhooks")) {
      ctx.report({ code: "structure-missing", level: "error", message: "the document has none of `paths`, `components` and `webhooks`, so it describes nothing", hint: "add `webhooks:` (or `paths:`) with what the API does" });
    }
  },
];

const licenseRules: Rule[] = [exclusive("identifier", "url", "an SPDX `identifier` and a license `url` exclude each other; keep one")];

export const RULES: ReadonlyMap<TypeName, readonly Rule[]> = new Map<TypeName, readonly Rule[]>([
  ["OpenAPI", openApiRules],
  ["Parameter", parameterRules],
  ["Header", headerRules],
  ["MediaType", [exampleXorExamples]],
  ["Example", exampleRules],
  ["Link", linkRules],
  ["ServerVariable", serverVariableRules],
  ["SecurityScheme", securitySchemeRules],
  ["Responses", responsesRules],
  ["License", licenseRules],
]);
