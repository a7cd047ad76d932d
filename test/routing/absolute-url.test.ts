/**
 * A callback sent to an absolute URL (`http://notify.example.com?…`) arrives at the receiver
 * on its path like any other: the receiver serves whatever reaches it and cannot know which
 * host the provider meant. So the generator groups events by method and path only, as the
 * receiver does, and says at generation time when such a callback shares a route with another
 * that only schemas tell it apart from (the OpenAPI example `path_item_servers_parameters.yaml`
 * has exactly this: `myCallback` on the subscriber's URL, `transactionCallback` on a fixed host
 * with `?transactionId=…&email=…`; a delivery with that query satisfies both).
 */
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { CORPUS, itShared } from "../support/shared.js";

const SPEC = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /things:
    post:
      parameters:
        - {name: queryUrl, in: query, required: true, schema: {type: string}}
      callbacks:
        myCallback:
          "{$request.query.queryUrl}":
            post:
              requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/Payload"}}}}
              responses: {"200": {description: ok}}
        transactionCallback:
          "http://notify.example.com?transactionId={$request.body#/id}":
            post:
              requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/Payload"}}}}
              responses: {"200": {description: ok}}
      responses: {"200": {description: ok}}
components:
  schemas:
    Payload: {type: object, properties: {id: {type: string}}}
`;

function overlaps(result: ReturnType<typeof generate>) {
  return result.diagnostics.filter((d) => d.code === "indistinguishable-events").map((d) => d.message);
}

it("a callback to an absolute URL shares its path's route, and the overlap is reported", () => {
  const result = generate({ spec: "-", stdin: SPEC });
  expect(result.ok).toBe(true);
  expect(overlaps(result)).toEqual([expect.stringMatching(/^on POST \/, only their schemas tell these events apart: myCallback, transactionCallback;/)]);
});

itShared("on the OpenAPI example path_item_servers_parameters.yaml", () => {
  const result = generate({ spec: path.join(CORPUS, "oai-path-item-servers-parameters/path_item_servers_parameters.yaml") });
  expect(result.ok).toBe(true);
  expect(overlaps(result)).toEqual([expect.stringContaining("myCallback, transactionCallback")]);
});
