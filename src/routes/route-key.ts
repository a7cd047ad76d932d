import type { PlannedEvent } from "../model/plan.js";

/** `POST /`, `POST https://notify.example.com/`: events with the same key share a route. */
export function routeKey(e: PlannedEvent): string {
  return `${e.route.method} ${(e.route.origin ?? "") + e.route.path}`;
}
