/**
 * An OpenAPI 3.1 document with one string per slot of
 * `shared/vectors/generator-hazards/injection/slots.json`: every place a spec string can
 * reach generated code (names, keys, comments, literals, patterns, routes).
 */
export const SLOTS = [
  "info.title",
  "info.description",
  "info.version",
  "servers[].url",
  "servers[].description",
  "paths key",
  "webhooks key",
  "callbacks key",
  "operationId",
  "summary",
  "description",
  "parameters[].name (header)",
  "parameters[].name (query)",
  "requestBody.content media-type key",
  "components.schemas key",
  "properties key",
  "enum value",
  "const",
  "default",
  "example",
  "x-enum-varnames",
  "x-enum-descriptions",
  "pattern",
  "format",
  "discriminator.propertyName",
  "discriminator.mapping key",
  "tags[].name",
] as const;

const pointerSegment = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
export const isWellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/**
 * The document with `s[i]` in slot `SLOTS[i]`. `keyReferable` says whether the schema key
 * can be named by a `$ref` (a benign twin passes its original's answer, so that both have
 * the same structure).
 */
export function hostileDocument(s: readonly string[], keyReferable = isWellFormed(s[14]!)): Record<string, unknown> {
  const [title, infoDesc, version, serverUrl, serverDesc, pathKey, webhookKey, callbackKey, operationId, summary, description, headerName, queryName, mediaType, schemaKey, propKey, enumValue, constValue, defaultValue, example, varname, enumDesc, pattern, format, discProp, mappingKey, tag] = s as string[];
  // A lone surrogate has no UTF-8 form, so no `$ref` can name that key: the body then uses
  // another schema and the hostile key stays in components.
  const schemaRef = keyReferable ? `#/components/schemas/${encodeURIComponent(pointerSegment(schemaKey!))}` : "#/components/schemas/Cat";
  const operation = (id: string) => ({
    operationId: id,
    summary,
    description,
    tags: [tag],
    parameters: [
      { name: headerName, in: "header", description, schema: { type: "string", description } },
      { name: queryName, in: "query", description, schema: { type: "string", enum: [enumValue, "other"] } },
    ],
    requestBody: {
      description,
      content: {
        [`application/${mediaType}+json`]: { schema: { $ref: schemaRef } },
        "application/json": { schema: { $ref: schemaRef } },
      },
    },
    responses: { "200": { description } },
  });
  return {
    openapi: "3.1.0",
    info: { title, description: infoDesc, version },
    servers: [{ url: serverUrl, description: serverDesc }],
    tags: [{ name: tag, description }],
    paths: {
      [`/${pathKey}`]: {
        post: {
          ...operation(`${operationId}Subscribe`),
          callbacks: { [callbackKey!]: { [`{$request.body#/url}/${pathKey}`]: { post: operation(`${operationId}Callback`) } } },
        },
      },
    },
    webhooks: { [webhookKey!]: { post: operation(operationId!) } },
    components: {
      schemas: {
        [schemaKey!]: {
          type: "object",
          title,
          description,
          required: [propKey],
          properties: {
            [propKey!]: { type: "string", description, enum: [enumValue, "other"], "x-enum-varnames": [varname, "Other"], "x-enum-descriptions": [enumDesc, "other"], default: defaultValue, examples: [example] },
            konst: { const: constValue },
            patterned: { type: "string", pattern, format },
            kind: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: discProp, mapping: { [mappingKey!]: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } } },
          },
          example: { [propKey!]: example },
        },
        Cat: { type: "object", required: [discProp], properties: { [discProp!]: { type: "string" } } },
        Dog: { type: "object", required: [discProp], properties: { [discProp!]: { type: "string" } } },
      },
    },
  };
}
