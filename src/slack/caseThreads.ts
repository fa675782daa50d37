import { caseThreads } from "../service/threads.js";
import type { Services } from "../service/services.js";

export interface CaseThread {
  channelId: string;
  threadTs: string;
}

/**
 * The threads of new cases as soon as the notice worker has posted their root messages, waiting
 * at most `waitMs` (a modal shows the link; Slack's trouble or rate limit must not hold it up for
 * long). Cases whose root is not posted by then are missing from the answer: their threads come
 * when Slack takes them.
 */
export async function threadsWhenPosted(svc: Services, caseIds: readonly number[], waitMs: number): Promise<Map<number, CaseThread>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = await caseThreads(svc.rt, caseIds);
    if (found.size === caseIds.length || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(0, deadline - Date.now()))));
  }
}
