import { findCaseById } from "../store/cases.js";
import { orderFailed } from "../store/outbox.js";
import { claimDueReminders, reopenReminder, type ClaimedReminder } from "../store/reminders.js";
import { reminderDue } from "./cases.js";
import { longerThanUsual, stepMedians, type Median, type Step } from "./durations.js";
import { brregReplied } from "./fictitious.js";
import type { Services } from "./services.js";

export type { ClaimedReminder };

const batch = 20;

/** A reminder whose post failed comes due again this long after (Slack is given a moment). */
export const reminderRetryMs = 60_000;

/**
 * Claims every due reminder (FOR UPDATE SKIP LOCKED, so any number of replicas can run this and
 * each reminder is handled once), schedules the stage's next one, and posts the reminders that
 * are still current. The notice goes out after the claim commits; one that does not reach Slack
 * is reopened (due again in a minute, the next one taken back), so a Slack outage delays a
 * reminder and never loses it. Returns the reminders settled: posted, or dropped with their stage.
 */
export async function remindersDue(svc: Services): Promise<ClaimedReminder[]> {
  const { rt, notifier } = svc;
  const handled: ClaimedReminder[] = [];
  // Read once per run, and only when a reminder goes out.
  let medians: Promise<Record<Step, Median | null>> | undefined;
  for (;;) {
    const now = rt.now();
    const claimed = await claimDueReminders(rt.db, now, (stage) => reminderDue(rt, stage, now) ?? now, batch);
    for (const r of claimed) {
      if (r.outcome !== "sent") {
        handled.push(r);
        continue;
      }
      const c = await findCaseById(rt.db, r.caseId);
      // Moved in the instant since the claim committed: the new stage has its own reminders.
      if (!c || c.stage !== r.stage) continue;
      const failed = r.stage === "order_pending" ? await orderFailed(rt.db, c.id) : undefined;
      medians ??= stepMedians(svc).catch((error: unknown) => {
        rt.logger.warn(`could not compute how long steps take: ${String(error)}`);
        return { brreg: null, delegation: null };
      });
      const late = longerThanUsual(c, await medians, now);
      const longer = late ? { step: late.step, median: late.median.median, count: late.median.count } : undefined;
      const replied = r.stage === "awaiting_brreg" ? await brregReplied(svc, c) : undefined;
      const posted = await notifier.notify(c, { kind: "reminder", stage: r.stage, sequence: r.sequence, openReminderId: r.nextId ?? undefined, orderFailed: failed, longer, brregReplied: replied });
      if (posted) {
        handled.push(r);
      } else if (await reopenReminder(rt.db, r, new Date(now.getTime() + reminderRetryMs))) {
        rt.logger.warn(`reminder ${r.id} for ${c.reference} did not reach Slack: trying again in ${reminderRetryMs / 1000} s`);
      }
    }
    if (claimed.length < batch) return handled;
  }
}
