import { openStages, type OpenStage } from "../domain/stages.js";
import type { Queryable } from "./tx.js";

// Counts for /metrics, read at scrape time. Each runs on an index: OutboxMessage(status,
// nextAttemptAt), Case(stage, stageChangedAt), Reminder(doneAt, dueAt), SlackNotice(status, nextAttemptAt).

/** Outbox rows by status ("queued", "sent", "failed", "cancelled"). */
export async function outboxCountsByStatus(db: Queryable): Promise<Record<string, number>> {
  const rows = await db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

/** When the oldest row still queued was queued, or null when none is. */
export async function oldestQueuedAt(db: Queryable): Promise<Date | null> {
  const row = await db.outboxMessage.findFirst({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

/** Open cases per open stage (0 for a stage with none). */
export async function openCasesByStage(db: Queryable): Promise<Record<OpenStage, number>> {
  const rows = await db.case.groupBy({ by: ["stage"], where: { stage: { in: [...openStages] } }, _count: { _all: true } });
  const counts = Object.fromEntries(openStages.map((s) => [s, 0])) as Record<OpenStage, number>;
  for (const r of rows) if (r.stage in counts) counts[r.stage as OpenStage] = r._count._all;
  return counts;
}

/** Reminders due and not yet done. */
export async function remindersDueCount(db: Queryable, now: Date): Promise<number> {
  return db.reminder.count({ where: { doneAt: null, dueAt: { lte: now } } });
}

/** Slack notice rows by status ("pending", "posted", "failed", "dropped"). */
export async function noticeCountsByStatus(db: Queryable): Promise<Record<string, number>> {
  const rows = await db.slackNotice.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

/** When the oldest notice still owed to Slack was written, or null when none is owed. */
export async function oldestOwedNoticeAt(db: Queryable): Promise<Date | null> {
  const row = await db.slackNotice.findFirst({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}
