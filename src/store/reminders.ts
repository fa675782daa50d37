import { addWorkingDays } from "../domain/workingDays.js";
import type { Stage } from "../domain/stages.js";
import type { Db } from "./db.js";
import { logEvent, type Tx } from "./events.js";

/**
 * Stages that wait on someone. order_pending normally lasts seconds (the outbox sends at once);
 * its reminder fires only when the email is stuck (retrying, or failed and waiting for "Prøv igjen").
 */
export type WaitingStage = "customer_access_pending" | "order_pending" | "awaiting_brreg" | "awaiting_delegation";

export interface ReminderSettings {
  workingDays: Record<WaitingStage, number>;
  hour: number;
}

export function isWaitingStage(stage: Stage): stage is WaitingStage {
  return stage === "customer_access_pending" || stage === "order_pending" || stage === "awaiting_brreg" || stage === "awaiting_delegation";
}

/** The first reminder of a waiting stage, set working days after the case entered it. */
export async function scheduleFirstReminder(tx: Tx, caseId: number, stage: Stage, now: Date, settings: ReminderSettings): Promise<void> {
  if (!isWaitingStage(stage)) return;
  const dueAt = addWorkingDays(now, settings.workingDays[stage], { hour: settings.hour });
  await tx.reminder.create({ data: { caseId, kind: stage, sequence: 1, dueAt, createdAt: now } });
}

/** A stage change ends the old stage's reminders at once. */
export async function cancelOpenReminders(tx: Tx, caseId: number, now: Date): Promise<number> {
  const { count } = await tx.reminder.updateMany({
    where: { caseId, doneAt: null },
    data: { doneAt: now, outcome: "cancelled" },
  });
  return count;
}

/** A reminder the scheduler has claimed: sent (notice due) or dropped (its case left the stage). */
export interface ClaimedReminder {
  id: number;
  caseId: number;
  stage: WaitingStage;
  sequence: number;
  outcome: "sent" | "cancelled";
  /** the reminder scheduled after it, while the case stays in the stage */
  nextId: number | null;
}

/**
 * Claims due reminders and settles them in one transaction. `FOR NO KEY UPDATE … SKIP LOCKED` on the
 * reminder AND its case: another replica's claim, or a stage change holding the case row, makes
 * this pass skip the row instead of waiting, so each reminder is handled once and a reminder is
 * never sent for a stage the case is leaving. A reminder whose case is no longer in its stage
 * (moveCase cancels those; this is the second line) is dropped, not sent.
 */
export async function claimDueReminders(db: Db, now: Date, settings: ReminderSettings, limit = 20): Promise<ClaimedReminder[]> {
  return db.$transaction(async (tx) => {
    // The columns are timestamp(3) holding UTC, as Prisma writes them: compare in UTC whatever
    // the session's time zone is.
    const rows = await tx.$queryRaw<Array<{ id: number; caseId: number; kind: string; sequence: number; stage: string }>>`
      SELECT r.id, r."caseId", r.kind, r.sequence, c.stage
      FROM "Reminder" r JOIN "Case" c ON c.id = r."caseId"
      WHERE r."doneAt" IS NULL AND r."dueAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY r."dueAt", r.id
      LIMIT ${limit}
      FOR NO KEY UPDATE OF r, c SKIP LOCKED`;
    const claimed: ClaimedReminder[] = [];
    for (const row of rows) {
      const stillWaiting = row.kind === row.stage && isWaitingStage(row.kind as Stage);
      await tx.reminder.update({ where: { id: row.id }, data: { doneAt: now, outcome: stillWaiting ? "sent" : "cancelled" } });
      let nextId: number | null = null;
      if (stillWaiting) {
        const stage = row.kind as WaitingStage;
        const next = await tx.reminder.create({
          data: {
            caseId: row.caseId,
            kind: stage,
            sequence: row.sequence + 1,
            dueAt: addWorkingDays(now, settings.workingDays[stage], { hour: settings.hour }),
            createdAt: now,
          },
        });
        nextId = next.id;
      }
      claimed.push({
        id: row.id,
        caseId: row.caseId,
        stage: row.kind as WaitingStage,
        sequence: row.sequence,
        outcome: stillWaiting ? "sent" : "cancelled",
        nextId,
      });
    }
    return claimed;
  });
}

export type SnoozeResult = { status: "snoozed"; dueAt: Date; caseId: number } | { status: "gone"; caseId: number | null };

/**
 * Moves an open reminder later by working days (from its own due time, at the reminder hour) and
 * logs who did it. Under the case's row lock, so a stage change cannot cancel it halfway; a
 * reminder that is done, or whose case has left its stage, is "gone" and nothing changes.
 */
export async function snoozeReminder(
  db: Db,
  input: { reminderId: number; workingDays: number; hour: number; actor: string },
  now: Date,
): Promise<SnoozeResult> {
  return db.$transaction(async (tx) => {
    const found = await tx.reminder.findUnique({ where: { id: input.reminderId }, select: { caseId: true } });
    if (!found) return { status: "gone", caseId: null } as const;
    const locked = await tx.$queryRaw<Array<{ stage: string }>>`SELECT stage FROM "Case" WHERE id = ${found.caseId} FOR NO KEY UPDATE`;
    let r = await tx.reminder.findUniqueOrThrow({ where: { id: input.reminderId } });
    if (locked[0]?.stage !== r.kind) return { status: "gone", caseId: r.caseId } as const;
    if (r.doneAt) {
      // A button on an older reminder: its reminder has fired since; the stage's current one is meant.
      const current = await tx.reminder.findFirst({ where: { caseId: r.caseId, kind: r.kind, doneAt: null }, orderBy: { sequence: "desc" } });
      if (!current) return { status: "gone", caseId: r.caseId } as const;
      r = current;
    }
    const dueAt = addWorkingDays(r.dueAt, input.workingDays, { hour: input.hour });
    await tx.reminder.update({ where: { id: r.id }, data: { dueAt } });
    await logEvent(tx, r.caseId, "reminder_snoozed", input.actor, now, { workingDays: input.workingDays, dueAt: dueAt.toISOString() });
    return { status: "snoozed", dueAt, caseId: r.caseId } as const;
  });
}

export async function openReminders(db: Db, caseId: number) {
  return db.reminder.findMany({ where: { caseId, doneAt: null }, orderBy: { dueAt: "asc" } });
}
