import { isWaitingStage, stageSchema, type WaitingStage } from "../domain/stages.js";
import { lockCaseById } from "./cases.js";
import type { Db } from "./db.js";
import { logEvent } from "./events.js";
import { toReminder, type Reminder } from "./records.js";
import { inTransaction, type Tx } from "./tx.js";

export type { Reminder };

export async function insertReminder(tx: Tx, caseId: number, stage: WaitingStage, sequence: number, dueAt: Date, now: Date): Promise<Reminder> {
  return toReminder(await tx.reminder.create({ data: { caseId, kind: stage, sequence, dueAt, createdAt: now } }));
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
 * (a move cancels those; this is the second line) is dropped, not sent. `nextDue` (the service's
 * rule) says when the stage's next reminder falls due; `sent` records, in the same transaction,
 * what each reminder that is sent owes Slack.
 */
export async function claimDueReminders(
  db: Db,
  now: Date,
  nextDue: (stage: WaitingStage) => Date,
  limit = 20,
  sent?: (tx: Tx, reminder: ClaimedReminder) => Promise<void>,
): Promise<ClaimedReminder[]> {
  return inTransaction(db, async (tx) => {
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
      const kind = stageSchema.parse(row.kind);
      const stage = stageSchema.parse(row.stage);
      const stillWaiting = kind === stage && isWaitingStage(kind);
      await tx.reminder.update({ where: { id: row.id }, data: { doneAt: now, outcome: stillWaiting ? "sent" : "cancelled" } });
      let nextId: number | null = null;
      if (stillWaiting) nextId = (await insertReminder(tx, row.caseId, kind, row.sequence + 1, nextDue(kind), now)).id;
      if (isWaitingStage(kind)) {
        const reminder: ClaimedReminder = { id: row.id, caseId: row.caseId, stage: kind, sequence: row.sequence, outcome: stillWaiting ? "sent" : "cancelled", nextId };
        if (stillWaiting) await sent?.(tx, reminder);
        claimed.push(reminder);
      }
    }
    return claimed;
  });
}

export type SnoozeResult = { status: "snoozed"; dueAt: Date; caseId: number } | { status: "gone"; caseId: number | null };

/**
 * Moves an open reminder to `later(itsDueAt)` and logs who did it. Under the case's row lock, so
 * a stage change cannot cancel it halfway; a reminder that is done, or whose case has left its
 * stage, is "gone" and nothing changes.
 */
export async function snoozeReminder(
  db: Db,
  input: { reminderId: number; later: (dueAt: Date) => Date; actor: string; details: Record<string, string | number> },
  now: Date,
): Promise<SnoozeResult> {
  return db.$transaction(async (tx) => {
    const found = await tx.reminder.findUnique({ where: { id: input.reminderId }, select: { caseId: true } });
    if (!found) return { status: "gone", caseId: null } as const;
    const locked = await lockCaseById(tx, found.caseId);
    let r = await tx.reminder.findUniqueOrThrow({ where: { id: input.reminderId } });
    if (locked?.stage !== r.kind) return { status: "gone", caseId: r.caseId } as const;
    if (r.doneAt) {
      // A button on an older reminder: its reminder has fired since; the stage's current one is meant.
      const current = await tx.reminder.findFirst({ where: { caseId: r.caseId, kind: r.kind, doneAt: null }, orderBy: { sequence: "desc" } });
      if (!current) return { status: "gone", caseId: r.caseId } as const;
      r = current;
    }
    const dueAt = input.later(r.dueAt);
    await tx.reminder.update({ where: { id: r.id }, data: { dueAt } });
    await logEvent(tx, r.caseId, "reminder_snoozed", input.actor, now, { ...input.details, dueAt: dueAt.toISOString() });
    return { status: "snoozed", dueAt, caseId: r.caseId } as const;
  });
}

export async function openReminders(db: Db, caseId: number): Promise<Reminder[]> {
  const rows = await db.reminder.findMany({ where: { caseId, doneAt: null }, orderBy: { dueAt: "asc" } });
  return rows.map(toReminder);
}
