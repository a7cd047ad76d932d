/**
 * GitHub's example deliveries (@octokit/webhooks-examples) as GitHub sends them: the payloads
 * with the webhook key of the spec they belong to, and a `Request` with the JSON body and the
 * delivery headers the spec declares.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface GithubExample {
  event: string;
  action?: string;
  /** The webhook key in the spec: `${event}-${action}` with `_` → `-`. */
  key: string;
  payload: Record<string, unknown>;
}

export function githubExamples(): GithubExample[] {
  const index = require("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: Record<string, unknown>[] }[];
  return index.flatMap((group) =>
    group.examples.map((payload) => {
      const action = typeof payload.action === "string" ? payload.action : undefined;
      return { event: group.name, ...(action ? { action } : {}), key: (action ? `${group.name}-${action}` : group.name).replace(/_/g, "-"), payload };
    }),
  );
}

/** A delivery as GitHub makes it: JSON body and the seven headers the spec declares. */
export function githubDelivery(e: GithubExample, i: number): Request {
  return new Request("http://receiver.test/", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/a1b2c3d",
      "x-github-event": e.event,
      "x-github-delivery": `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      "x-github-hook-id": "123456789",
      "x-github-hook-installation-target-id": "42",
      "x-github-hook-installation-target-type": "repository",
      "x-hub-signature-256": "sha256=" + "0".repeat(64),
    },
    body: JSON.stringify(e.payload),
  });
}
