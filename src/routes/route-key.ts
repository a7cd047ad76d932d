import type { PlannedEvent } from "../model/plan.js";

/**
 * `POST /`: events with the same key share a route. The receiver matches the method and the
 * path only (it cannot know which host the provider meant: it serves whatever reaches it), so
 * a callback to an absolute URL (`http://notify.example.com/`) competes with every other
 * event on its path, and routing must tell them apart like any other.
 */
export function routeKey(e: PlannedEvent): string {
  return `${e.route.method} ${e.route.path}`;
}
