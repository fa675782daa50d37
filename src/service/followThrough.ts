import type { CaseRecord } from "../domain/caseRecord.js";
import { recentMail } from "../domain/quietMail.js";
import { addWorkingDays } from "../domain/workingDays.js";
import { findCaseById, lockCase } from "../store/cases.js";
import { logEvent } from "../store/events.js";
import { insertOutbox, outboxByKindPrefix, outboxOfKind, requeueFailedRows } from "../store/outbox.js";
import { snoozeReminder } from "../store/reminders.js";
import { inTransaction } from "../store/tx.js";
import { followUpDraft, followUpRow, mailSettings, type FollowUpDraft } from "./mail.js";
import type { Services } from "./services.js";

export type { FollowUpDraft };

/** Snooze: one day or one week (five working days). */
export const snoozeDays = { day: 1, week: 5 } as const;

export type SnoozeOutcome = { status: "snoozed"; dueAt: Date; reference: string } | { status: "gone"; reference: string | null };

/**
 * Moves the case's open reminder later, from its own due time, at the reminder hour; the
 * scheduler is woken so its wait fits the new time.
 */
export async function snooze(svc: Services, reminderId: number, length: keyof typeof snoozeDays, actor: string): Promise<SnoozeOutcome> {
  const { rt } = svc;
  const workingDays = snoozeDays[length];
  const result = await snoozeReminder(
    rt.db,
    { reminderId, later: (dueAt) => addWorkingDays(dueAt, workingDays, { hour: rt.config.reminders.hour }), actor, details: { workingDays } },
    rt.now(),
  );
  const c = result.caseId !== null ? await findCaseById(rt.db, result.caseId) : null;
  const reference = c?.reference ?? null;
  if (result.status !== "snoozed") return { status: "gone", reference };
  rt.signals.emit("reminders");
  return { status: "snoozed", dueAt: result.dueAt, reference: reference ?? "–" };
}

/** The follow-up email as it would go out now (for the preview), or null when there is none to send. */
export async function previewFollowUp(svc: Services, c: CaseRecord): Promise<FollowUpDraft | null> {
  return followUpDraft(c, await outboxOfKind(svc.rt.db, c.id, "order"), mailSettings(svc.rt));
}

export type QueueFollowUpResult =
  | { status: "queued"; case: CaseRecord; kind: string; outboxId: number }
  | { status: "stale"; case: CaseRecord }
  | { status: "no_order"; case: CaseRecord }
  /** another follow-up was queued a moment ago (two people answering the same reminder) */
  | { status: "recent"; case: CaseRecord; queuedAt: Date }
  | { status: "not_found" };

/**
 * Queues follow-up number n (`followup-<n>`), threaded to the order email, under the case's row
 * lock so it is only queued while the case waits on Brreg; the outbox worker is woken and tells
 * the thread when it is sent.
 */
export async function sendFollowUp(svc: Services, reference: string, actor: string): Promise<QueueFollowUpResult> {
  const { rt } = svc;
  const now = rt.now();
  const mail = mailSettings(rt);
  const result = await inTransaction(rt.db, async (tx): Promise<QueueFollowUpResult> => {
    const c = await lockCase(tx, reference);
    if (!c) return { status: "not_found" };
    if (c.stage !== "awaiting_brreg") return { status: "stale", case: c };
    const draft = followUpDraft(c, await outboxOfKind(tx, c.id, "order"), mail);
    if (!draft) return { status: "no_order", case: c };
    const earlier = await outboxByKindPrefix(tx, c.id, "followup-");
    const recent = recentMail(earlier, now);
    if (recent) return { status: "recent", case: c, queuedAt: recent.createdAt };
    const row = await insertOutbox(tx, followUpRow(c, earlier.length + 1, draft, mail), now);
    await logEvent(tx, c.id, "followup_queued", actor, now, { kind: row.kind });
    return { status: "queued", case: c, kind: row.kind, outboxId: row.id };
  });
  if (result.status === "queued") rt.signals.emit("outbox");
  return result;
}

/**
 * A person asked to try a failed email again: every failed row of the case is queued for now.
 * Returns how many were requeued (0 when the click is stale: nothing failed, it was already
 * requeued, or the case is cancelled or erased and sends nothing more); null when there is no such case.
 */
export async function retryFailedMail(svc: Services, reference: string, actor: string): Promise<number | null> {
  const { rt } = svc;
  const now = rt.now();
  const count = await inTransaction(rt.db, async (tx) => {
    const c = await lockCase(tx, reference);
    if (!c) return null;
    // An erased case's e-mails hold the marker, not the message: nothing to send again.
    if (c.stage === "cancelled" || c.personalDataErasedAt) return 0;
    return requeueFailedRows(tx, c.id, actor, now);
  });
  if (count) rt.signals.emit("outbox");
  return count;
}
