import type { Runtime } from "../runtime.js";
import { setThread, threadOf, threadsOf } from "../store/cases.js";

// Where a case's thread is: the Slack side records its root message here once it is posted.

/** The case's root message as recorded now. */
export function caseThread(rt: Runtime, caseId: number): Promise<{ channelId: string | null; threadTs: string | null }> {
  return threadOf(rt.db, caseId);
}

/** Records the case's root message. False when another one was recorded first (the caller's is extra). */
export function recordThread(rt: Runtime, caseId: number, channelId: string, threadTs: string): Promise<boolean> {
  return setThread(rt.db, caseId, channelId, threadTs);
}

/** The root messages recorded for these cases, by case id (cases without one are left out). */
export function caseThreads(rt: Runtime, caseIds: readonly number[]): Promise<Map<number, { channelId: string; threadTs: string }>> {
  return threadsOf(rt.db, caseIds);
}
