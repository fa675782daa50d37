import { claimRequestKey, pruneRequestKeys } from "../store/processedRequests.js";
import type { Services } from "./services.js";

/**
 * Records a request key once. False when it was already recorded, so a retried delivery (Slack's
 * retry after a late ack, a double click) is acknowledged but not handled again.
 */
export function firstDelivery(svc: Services, key: string): Promise<boolean> {
  return claimRequestKey(svc.rt.db, key);
}

/** Slack retries a delivery for minutes, not days: keys older than a day can go. */
export function forgetOldRequests(svc: Services): Promise<number> {
  return pruneRequestKeys(svc.rt.db, new Date(svc.rt.now().getTime() - 86_400_000));
}
