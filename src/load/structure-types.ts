/**
 * The OpenAPI object model as data: for each object of OAS 3.0 / 3.1 / 3.2, its fixed
 * fields (with the versions that define them), patterned fields, required fields and the
 * names of the extra rules that apply (structure-rules.ts). structure.ts walks a document
 * against this table; nothing here runs.
 *
 * Sources: the "Fixed Fields" tables of OAS 3.0.4, 3.1.1 and 3.2.0, cross-checked with the
 * OAI JSON Schemas (`schemas/v3.0/schema.yaml`, `schemas/v3.1/schema.yaml`).
 */
import type { OpenApiVersion } from "./types.js";

export type TypeName =
  | "OpenAPI"
  | "Info"
  | "Contact"
  | "License"
  | "Server"
  | "ServerVariable"
  | "Components"
  | "Paths"
  | "PathItem"
  | "Operation"
  | "ExternalDocs"
  | "Parameter"
  | "RequestBody"
  | "MediaType"
  | "Encoding"
  | "Responses"
  | "Response"
  | "Callback"
  | "Example"
  | "Link"
  | "Header"
  | "Tag"
  | "SecurityScheme"
  | "OAuthFlows"
  | "OAuthFlowImplicit"
  | "OAuthFlowPassword"
  | "OAuthFlowClientCredentials"
  | "OAuthFlowAuthorizationCode"
  | "OAuthFlowDeviceAuthorization"
  | "SecurityRequirement"
  | "Discriminator"
  | "XML";

export type Shape =
  | { t: "string" }
  | { t: "boolean" }
  | { t: "number" }
  | { t: "any" }
  /** An OpenAPI object. */
  | { t: "object"; of: TypeName }
  /** An OpenAPI object or a Reference Object. */
  | { t: "refOr"; of: TypeName }
  /** A Schema Object (object, or boolean from 3.1 on). */
  | { t: "schema" }
  /** A map from names chosen by the author; `extensions`: `x-` keys are extensions, not entries. */
  | { t: "map"; of: Shape; keyPattern?: { re: RegExp; text: string }; extensions?: boolean }
  | { t: "list"; of: Shape; nonEmpty?: boolean }
  | { t: "enum"; values: readonly string[] }
  /** x-webhooks entries: a Path Item, or (as some 3.0 documents write them) a Callback Object. */
  | { t: "pathItemOrCallback" };

export interface FieldDef {
  shape: Shape;
  /** Versions that define the field; all when absent. */
  versions?: readonly OpenApiVersion[];
}

export interface ObjectDef {
  /** Name as the specification writes it, for messages ("the Info Object"). */
  title: string;
  fields: ReadonlyMap<string, FieldDef>;
  /** Required fields; `level: "warning"` for requirements that are documentation only. */
  required?: readonly { field: string; versions?: readonly OpenApiVersion[]; level?: "warning" }[];
  /** Keys that are not fixed fields: pattern → shape. */
  patterns?: readonly { re: RegExp; text: string; shape: Shape }[];
  /** Every non-`x-` key that is not a fixed field maps to this shape (Callback Object). */
  anyKey?: Shape;
  /** Whether `x-` keys are specification extensions (every object except a few maps). */
  extensions: boolean;
  /** Section anchor in the specification, for hints. */
  spec: string;
}

const V31: readonly OpenApiVersion[] = ["3.1", "3.2"];
const V32: readonly OpenApiVersion[] = ["3.2"];
const V30: readonly OpenApiVersion[] = ["3.0"];
const V30_31: readonly OpenApiVersion[] = ["3.0", "3.1"];

const string: Shape = { t: "string" };
const boolean: Shape = { t: "boolean" };
const any: Shape = { t: "any" };
const schema: Shape = { t: "schema" };
const obj = (of: TypeName): Shape => ({ t: "object", of });
const refOr = (of: TypeName): Shape => ({ t: "refOr", of });
const map = (of: Shape, keyPattern?: { re: RegExp; text: string }): Shape => (keyPattern ? { t: "map", of, keyPattern } : { t: "map", of });
const list = (of: Shape, nonEmpty = false): Shape => ({ t: "list", of, nonEmpty });

const f = (shape: Shape, versions?: readonly OpenApiVersion[]): FieldDef => (versions ? { shape, versions } : { shape });

const COMPONENT_KEY = { re: /^[a-zA-Z0-9._-]+$/, text: "letters, digits, `.`, `_` and `-`" };

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

function fields(entries: Record<string, FieldDef>): ReadonlyMap<string, FieldDef> {
  return new Map(Object.entries(entries));
}

const operationFields: Record<string, FieldDef> = {};
for (const m of METHODS) operationFields[m] = f(obj("Operation"));

const oauthFlowFields = fields({
  authorizationUrl: f(string),
  deviceAuthorizationUrl: f(string, V32),
  tokenUrl: f(string),
  refreshUrl: f(string),
  scopes: f(map(string)),
});

const flow = (title: string, required: string[]): ObjectDef => ({
  title,
  fields: oauthFlowFields,
  required: [...required, "scopes"].map((field) => ({ field })),
  extensions: true,
  spec: "oauth-flow-object",
});

export const OBJECTS: ReadonlyMap<TypeName, ObjectDef> = new Map<TypeName, ObjectDef>([
  [
    "OpenAPI",
    {
      title: "OpenAPI Object",
      fields: fields({
        openapi: f(string),
        $self: f(string, V32),
        info: f(obj("Info")),
        jsonSchemaDialect: f(string, V31),
        servers: f(list(obj("Server"))),
        paths: f(obj("Paths")),
        webhooks: f(map(refOr("PathItem")), V31),
        components: f(obj("Components")),
        security: f(list(obj("SecurityRequirement"))),
        tags: f(list(obj("Tag"))),
        externalDocs: f(obj("ExternalDocs")),
        // Redoc's extension, which many 3.0 documents use for webhooks. It is still an
        // extension; declaring it here only makes its content checked like `webhooks`.
        // Its own `x-` keys are extensions too (Apideck: `x-sdk-exclude: true`).
        "x-webhooks": f({ t: "map", of: { t: "pathItemOrCallback" }, extensions: true }),
      }),
      required: [{ field: "openapi" }, { field: "info" }, { field: "paths", versions: V30 }],
      extensions: true,
      spec: "openapi-object",
    },
  ],
  [
    "Info",
    {
      title: "Info Object",
      fields: fields({
        title: f(string),
        summary: f(string, V31),
        description: f(string),
        termsOfService: f(string),
        contact: f(obj("Contact")),
        license: f(obj("License")),
        version: f(string),
      }),
      required: [{ field: "title" }, { field: "version" }],
      extensions: true,
      spec: "info-object",
    },
  ],
  ["Contact", { title: "Contact Object", fields: fields({ name: f(string), url: f(string), email: f(string) }), extensions: true, spec: "contact-object" }],
  [
    "License",
    {
      title: "License Object",
      fields: fields({ name: f(string), identifier: f(string, V31), url: f(string) }),
      required: [{ field: "name" }],
      extensions: true,
      spec: "license-object",
    },
  ],
  [
    "Server",
    {
      title: "Server Object",
      fields: fields({ url: f(string), description: f(string), name: f(string, V32), variables: f(map(obj("ServerVariable"))) }),
      required: [{ field: "url" }],
      extensions: true,
      spec: "server-object",
    },
  ],
  [
    "ServerVariable",
    {
      title: "Server Variable Object",
      fields: fields({ enum: f(list(string)), default: f(string), description: f(string) }),
      required: [{ field: "default" }],
      extensions: true,
      spec: "server-variable-object",
    },
  ],
  [
    "Components",
    {
      title: "Components Object",
      fields: fields({
        schemas: f(map(schema, COMPONENT_KEY)),
        responses: f(map(refOr("Response"), COMPONENT_KEY)),
        parameters: f(map(refOr("Parameter"), COMPONENT_KEY)),
        examples: f(map(refOr("Example"), COMPONENT_KEY)),
        requestBodies: f(map(refOr("RequestBody"), COMPONENT_KEY)),
        headers: f(map(refOr("Header"), COMPONENT_KEY)),
        securitySchemes: f(map(refOr("SecurityScheme"), COMPONENT_KEY)),
        links: f(map(refOr("Link"), COMPONENT_KEY)),
        callbacks: f(map(refOr("Callback"), COMPONENT_KEY)),
        pathItems: f(map(refOr("PathItem"), COMPONENT_KEY), V31),
        mediaTypes: f(map(refOr("MediaType"), COMPONENT_KEY), V32),
      }),
      extensions: true,
      spec: "components-object",
    },
  ],
  [
    "Paths",
    {
      title: "Paths Object",
      fields: fields({}),
      patterns: [{ re: /^\//, text: "a path starting with `/`", shape: obj("PathItem") }],
      extensions: true,
      spec: "paths-object",
    },
  ],
  [
    "PathItem",
    {
      title: "Path Item Object",
      fields: fields({
        $ref: f(string),
        summary: f(string),
        description: f(string),
        ...operationFields,
        query: f(obj("Operation"), V32),
        additionalOperations: f(map(obj("Operation")), V32),
        servers: f(list(obj("Server"))),
        parameters: f(list(refOr("Parameter"))),
      }),
      extensions: true,
      spec: "path-item-object",
    },
  ],
  [
    "Operation",
    {
      title: "Operation Object",
      fields: fields({
        tags: f(list(string)),
        summary: f(string),
        description: f(string),
        externalDocs: f(obj("ExternalDocs")),
        operationId: f(string),
        parameters: f(list(refOr("Parameter"))),
        requestBody: f(refOr("RequestBody")),
        responses: f(obj("Responses")),
        callbacks: f(map(refOr("Callback"))),
        deprecated: f(boolean),
        security: f(list(obj("SecurityRequirement"))),
        servers: f(list(obj("Server"))),
      }),
      required: [{ field: "responses", versions: V30 }],
      extensions: true,
      spec: "operation-object",
    },
  ],
  [
    "ExternalDocs",
    { title: "External Documentation Object", fields: fields({ description: f(string), url: f(string) }), required: [{ field: "url" }], extensions: true, spec: "external-documentation-object" },
  ],
  [
    "Parameter",
    {
      title: "Parameter Object",
      fields: fields({
        name: f(string),
        in: f({ t: "enum", values: ["query", "querystring", "header", "path", "cookie"] }),
        description: f(string),
        required: f(boolean),
        deprecated: f(boolean),
        allowEmptyValue: f(boolean),
        style: f(string),
        explode: f(boolean),
        allowReserved: f(boolean),
        schema: f(schema),
        example: f(any),
        examples: f(map(refOr("Example"))),
        content: f(map(obj("MediaType"))),
      }),
      required: [{ field: "name" }, { field: "in" }],
      extensions: true,
      spec: "parameter-object",
    },
  ],
  [
    "RequestBody",
    {
      title: "Request Body Object",
      fields: fields({ description: f(string), content: f(map(obj("MediaType"))), required: f(boolean) }),
      required: [{ field: "content" }],
      extensions: true,
      spec: "request-body-object",
    },
  ],
  [
    "MediaType",
    {
      title: "Media Type Object",
      fields: fields({
        schema: f(schema),
        itemSchema: f(schema, V32),
        example: f(any),
        examples: f(map(refOr("Example"))),
        encoding: f(map(obj("Encoding"))),
        prefixEncoding: f(list(obj("Encoding")), V32),
        itemEncoding: f(obj("Encoding"), V32),
      }),
      extensions: true,
      spec: "media-type-object",
    },
  ],
  [
    "Encoding",
    {
      title: "Encoding Object",
      fields: fields({
        contentType: f(string),
        headers: f(map(refOr("Header"))),
        style: f({ t: "enum", values: ["form", "spaceDelimited", "pipeDelimited", "deepObject"] }),
        explode: f(boolean),
        allowReserved: f(boolean),
        encoding: f(map(obj("Encoding")), V32),
        prefixEncoding: f(list(obj("Encoding")), V32),
        itemEncoding: f(obj("Encoding"), V32),
      }),
      extensions: true,
      spec: "encoding-object",
    },
  ],
  [
    "Responses",
    {
      title: "Responses Object",
      fields: fields({ default: f(refOr("Response")) }),
      patterns: [{ re: /^[1-5](?:[0-9]{2}|XX)$/, text: "an HTTP status code (`200`) or range (`2XX`)", shape: refOr("Response") }],
      extensions: true,
      spec: "responses-object",
    },
  ],
  [
    "Response",
    {
      title: "Response Object",
      fields: fields({
        summary: f(string, V32),
        description: f(string),
        headers: f(map(refOr("Header"))),
        content: f(map(obj("MediaType"))),
        links: f(map(refOr("Link"))),
      }),
      // Documentation only, and 3.2 dropped the requirement: a warning, not a blocker.
      required: [{ field: "description", versions: V30_31, level: "warning" }],
      extensions: true,
      spec: "response-object",
    },
  ],
  ["Callback", { title: "Callback Object", fields: fields({}), anyKey: obj("PathItem"), extensions: true, spec: "callback-object" }],
  [
    "Example",
    {
      title: "Example Object",
      fields: fields({
        summary: f(string),
        description: f(string),
        value: f(any),
        dataValue: f(any, V32),
        serializedValue: f(string, V32),
        externalValue: f(string),
      }),
      extensions: true,
      spec: "example-object",
    },
  ],
  [
    "Link",
    {
      title: "Link Object",
      fields: fields({
        operationRef: f(string),
        operationId: f(string),
        parameters: f(map(any)),
        requestBody: f(any),
        description: f(string),
        server: f(obj("Server")),
      }),
      extensions: true,
      spec: "link-object",
    },
  ],
  [
    "Header",
    {
      title: "Header Object",
      fields: fields({
        description: f(string),
        required: f(boolean),
        deprecated: f(boolean),
        allowEmptyValue: f(boolean, V30),
        style: f(string),
        explode: f(boolean),
        // A 3.0 Header "follows the structure of the Parameter Object", so the 3.0 schema
        // lists allowReserved; from 3.1 on it is not a Header field (a rule explains why).
        allowReserved: f(boolean),
        schema: f(schema),
        example: f(any),
        examples: f(map(refOr("Example"))),
        content: f(map(obj("MediaType"))),
      }),
      extensions: true,
      spec: "header-object",
    },
  ],
  [
    "Tag",
    {
      title: "Tag Object",
      fields: fields({ name: f(string), summary: f(string, V32), description: f(string), externalDocs: f(obj("ExternalDocs")), parent: f(string, V32), kind: f(string, V32) }),
      required: [{ field: "name" }],
      extensions: true,
      spec: "tag-object",
    },
  ],
  [
    "SecurityScheme",
    {
      title: "Security Scheme Object",
      fields: fields({
        type: f({ t: "enum", values: ["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"] }),
        description: f(string),
        name: f(string),
        in: f({ t: "enum", values: ["query", "header", "cookie"] }),
        scheme: f(string),
        bearerFormat: f(string),
        flows: f(obj("OAuthFlows")),
        openIdConnectUrl: f(string),
        oauth2MetadataUrl: f(string, V32),
        deprecated: f(boolean, V32),
      }),
      required: [{ field: "type" }],
      extensions: true,
      spec: "security-scheme-object",
    },
  ],
  [
    "OAuthFlows",
    {
      title: "OAuth Flows Object",
      fields: fields({
        implicit: f(obj("OAuthFlowImplicit")),
        password: f(obj("OAuthFlowPassword")),
        clientCredentials: f(obj("OAuthFlowClientCredentials")),
        authorizationCode: f(obj("OAuthFlowAuthorizationCode")),
        deviceAuthorization: f(obj("OAuthFlowDeviceAuthorization"), V32),
      }),
      extensions: true,
      spec: "oauth-flows-object",
    },
  ],
  ["OAuthFlowImplicit", flow("OAuth Flow Object (implicit)", ["authorizationUrl"])],
  ["OAuthFlowPassword", flow("OAuth Flow Object (password)", ["tokenUrl"])],
  ["OAuthFlowClientCredentials", flow("OAuth Flow Object (clientCredentials)", ["tokenUrl"])],
  ["OAuthFlowAuthorizationCode", flow("OAuth Flow Object (authorizationCode)", ["authorizationUrl", "tokenUrl"])],
  ["OAuthFlowDeviceAuthorization", flow("OAuth Flow Object (deviceAuthorization)", ["deviceAuthorizationUrl", "tokenUrl"])],
  // Scheme names map to lists of scope names; checked by its own rule since any key is valid.
  ["SecurityRequirement", { title: "Security Requirement Object", fields: fields({}), anyKey: list(string), extensions: false, spec: "security-requirement-object" }],
  [
    "Discriminator",
    {
      title: "Discriminator Object",
      fields: fields({ propertyName: f(string), mapping: f(map(string)), defaultMapping: f(string, V32) }),
      required: [{ field: "propertyName" }],
      extensions: true,
      spec: "discriminator-object",
    },
  ],
  [
    "XML",
    {
      title: "XML Object",
      fields: fields({ name: f(string), namespace: f(string), prefix: f(string), attribute: f(boolean), wrapped: f(boolean), nodeType: f(string, V32) }),
      extensions: true,
      spec: "xml-object",
    },
  ],
]);

/** Fields of a Reference Object other than `$ref` (3.1+; in 3.0 siblings are ignored). */
export const REFERENCE_FIELDS: ReadonlySet<string> = new Set(["$ref", "summary", "description"]);

export function definedIn(def: FieldDef, version: OpenApiVersion): boolean {
  return !def.versions || def.versions.includes(version);
}

/** "OpenAPI 3.1 and later", "OpenAPI 3.0 only", … for "this field is not in your version" messages. */
export function versionsText(versions: readonly OpenApiVersion[]): string {
  if (versions.length === 1) return versions[0] === "3.2" ? "OpenAPI 3.2" : `OpenAPI ${versions[0]} only`;
  return versions.includes("3.2") ? `OpenAPI ${versions[0]} and later` : `OpenAPI ${versions.join(" and ")}`;
}
