import { findCaseById } from "../store/cases.js";
import { remindersDueCount } from "../store/metrics.js";
import { orderFailed } from "../store/outbox.js";
import { claimDueReminders, type ClaimedReminder } from "../store/reminders.js";
import { reminderDue } from "./cases.js";
import { longerThanUsual, stepMedians, type Median, type Step } from "./durations.js";
import { brregReplied } from "./fictitious.js";
import type { Services } from "./services.js";

export type { ClaimedReminder };

const batch = 20;

/**
 * Claims every due reminder (FOR UPDATE SKIP LOCKED, so any number of replicas can run this and
 * each reminder is handled once), schedules the stage's next one, and owes Slack the reminders
 * that are still current, in the claim's own transaction: a reminder is a notice like any other,
 * posted by the Slack worker however long Slack takes (and dropped there if its case has moved
 * on by then). Returns the reminders settled: sent, or dropped with their stage.
 */
export async function remindersDue(svc: Services): Promise<ClaimedReminder[]> {
  const { rt, notifier } = svc;
  const handled: ClaimedReminder[] = [];
  // Only when a reminder is due: how long steps usually take (read once per run, outside the claim).
  if ((await remindersDueCount(rt.db, rt.now())) === 0) return handled;
  const medians: Record<Step, Median | null> = await stepMedians(svc).catch((error: unknown) => {
    rt.logger.warn(`could not compute how long steps take: ${String(error)}`);
    return { brreg: null, delegation: null };
  });
  for (;;) {
    const now = rt.now();
    const claimed = await claimDueReminders(
      rt.db,
      now,
      (stage) => reminderDue(rt, stage, now) ?? now,
      batch,
      async (tx, r) => {
        const c = await findCaseById(tx, r.caseId);
        if (!c) return;
        const failed = r.stage === "order_pending" ? await orderFailed(tx, c.id) : undefined;
        const late = longerThanUsual(c, medians, now);
        const longer = late ? { step: late.step, median: late.median.median, count: late.median.count } : undefined;
        const replied = r.stage === "awaiting_brreg" ? await brregReplied(tx, c) : undefined;
        await notifier.notify(c, { kind: "reminder", stage: r.stage, sequence: r.sequence, openReminderId: r.nextId ?? undefined, orderFailed: failed, longer, brregReplied: replied }, tx);
      },
    );
    handled.push(...claimed);
    if (claimed.length < batch) return handled;
  }
}
