import type { Services } from "./cases.js";
import { caseSettings } from "./cases.js";
import { draftFollowUp, queueFollowUp, type FollowUpDraft, type QueueFollowUpResult } from "../store/followups.js";
import { snoozeReminder, type SnoozeResult } from "../store/reminders.js";
import type { Case } from "../store/cases.js";

/** Snooze: one day or one week (five working days). */
export const snoozeDays = { day: 1, week: 5 } as const;

/** Moves the case's open reminder later; the scheduler is woken so its wait fits the new time. */
export async function snooze(svc: Services, reminderId: number, length: keyof typeof snoozeDays, actor: string): Promise<SnoozeResult> {
  const { rt } = svc;
  const result = await snoozeReminder(rt.db, { reminderId, workingDays: snoozeDays[length], hour: rt.config.reminders.hour, actor }, rt.now());
  if (result.status === "snoozed") rt.signals.emit("reminders");
  return result;
}

/** The follow-up email as it would go out now (for the preview), or null when there is none to send. */
export async function previewFollowUp(svc: Services, c: Case): Promise<FollowUpDraft | null> {
  return draftFollowUp(svc.rt.db, c, caseSettings(svc.rt).mail);
}

/** Queues the follow-up in the outbox and wakes the outbox worker; the worker tells the thread when it is sent. */
export async function sendFollowUp(svc: Services, reference: string, actor: string): Promise<QueueFollowUpResult> {
  const { rt } = svc;
  const result = await queueFollowUp(rt.db, reference, actor, caseSettings(rt).mail, rt.now());
  if (result.status === "queued") rt.signals.emit("outbox");
  return result;
}
