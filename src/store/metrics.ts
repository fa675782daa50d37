import { openStages, type OpenStage } from "../domain/stages.js";
import type { Queryable } from "./tx.js";

// Counts for /metrics, read at scrape time. Each runs on an index: OutboxMessage(status,
// nextAttemptAt), Case(stage, stageChangedAt), Reminder(doneAt, dueAt), SlackNotice(status,
// nextAttemptAt); the outbox by status from the tally its trigger keeps (migration 20261204100000).

/**
 * Outbox rows by status ("queued", "sent", "failed", "cancelled"). The tally holds a row per
 * status change since it was last folded, so reading it costs the changes since the last scrape,
 * not the history. A scrape that saw more than one row for a status folds them into one, in one
 * statement (a concurrent fold skips the rows this one deleted; changes committed meanwhile are
 * folded with the rest); one that saw none to fold only reads, which spares it a commit.
 */
export async function outboxCountsByStatus(db: Queryable): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<Array<{ status: string; n: number; entries: number }>>`
    SELECT "status", sum("n")::int AS n, count(*)::int AS entries FROM "OutboxStatusTally" GROUP BY "status"`;
  if (rows.some((r) => r.entries > 1)) {
    await db.$executeRaw`
      WITH folded AS (DELETE FROM "OutboxStatusTally" RETURNING "status", "n")
      INSERT INTO "OutboxStatusTally" ("status", "n") SELECT "status", sum("n")::int FROM folded GROUP BY "status"`;
  }
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
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
