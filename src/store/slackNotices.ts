import { noticeStatusSchema, noticeTargetSchema, type NoticeStatus, type NoticeTarget } from "../domain/noticeDelivery.js";
import { fromStoredJson, toStoredJson } from "../domain/storedJson.js";
import { Prisma, type SlackNotice as SlackNoticeRow } from "../generated/prisma/client.js";
import type { Db } from "./db.js";
import { inTransaction, type Queryable } from "./tx.js";

// The rows behind every Slack post a change owes (SlackNotice in the schema). Written by the
// services inside their transactions; claimed, posted and settled by the Slack worker.

/** A row to write, as the service composed it. */
export interface NewNotice {
  caseId: number | null;
  kind: string;
  target: NoticeTarget;
  /** the recipient of a direct message */
  userId?: string | null;
  payload: unknown;
}

/** A stored row, its coded columns parsed and its payload read back (Dates as Dates). */
export interface StoredNotice {
  id: number;
  caseId: number | null;
  kind: string;
  target: NoticeTarget;
  userId: string | null;
  payload: unknown;
  status: NoticeStatus;
  attempts: number;
  nextAttemptAt: Date;
  errorKind: string | null;
  error: string | null;
  postedTs: string | null;
  createdAt: Date;
  postedAt: Date | null;
}

function toNotice(row: SlackNoticeRow): StoredNotice {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    target: noticeTargetSchema.parse(row.target),
    userId: row.userId,
    payload: fromStoredJson(row.payload),
    status: noticeStatusSchema.parse(row.status),
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    errorKind: row.errorKind,
    error: row.error,
    postedTs: row.postedTs,
    createdAt: row.createdAt,
    postedAt: row.postedAt,
  };
}

/** Writes rows due now, inside the caller's transaction (or on their own). */
export async function insertNotices(q: Queryable, rows: readonly NewNotice[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await q.slackNotice.createMany({
    data: rows.map((r) => ({
      caseId: r.caseId,
      kind: r.kind,
      target: r.target,
      userId: r.userId ?? null,
      payload: toStoredJson(r.payload) as Prisma.InputJsonValue,
      nextAttemptAt: now,
      createdAt: now,
    })),
  });
}

/** Row `n` is its case's first row still owed in its lane (the DMs, or the channel): the rows behind it wait. */
const firstOwedOfLane = Prisma.sql`(n."caseId" IS NULL OR NOT EXISTS (
  SELECT 1 FROM "SlackNotice" e
   WHERE e."caseId" = n."caseId" AND e.status = 'pending' AND e.id < n.id AND (e.target = 'dm') = (n.target = 'dm')))`;

/** A row a worker has claimed: leased to `leasedBy`, its attempt counted. */
export interface ClaimedNotice extends StoredNotice {
  leasedBy: string;
  /** an earlier try's answer was never recorded (a crash, a timeout): Slack may already have the post */
  checkFirst: boolean;
}

/** What identifies one claim: a worker whose lease ran out and was overtaken can settle nothing. */
export type Claim = Pick<ClaimedNotice, "id" | "leasedBy" | "attempts">;

function ours(claim: Claim) {
  return { id: claim.id, status: "pending", leasedBy: claim.leasedBy, attempts: claim.attempts };
}

/**
 * Claims up to `limit` due rows for worker `workerId`: locked with FOR UPDATE SKIP LOCKED (another
 * worker's claim skips them instead of waiting) and, in the same transaction, leased until
 * `now + leaseMs`, their attempt counted and marked uncertain (a try is under way). A row of a
 * case is due only when no earlier row of the case's same lane (the channel, or the owner's DMs)
 * is still owed, so a case's notices go out in the order they were written. The columns are
 * `timestamp(3)` holding UTC, as Prisma writes them: compared in UTC.
 */
export async function claimDueNotices(db: Db, now: Date, options: { leaseMs: number; workerId: string; limit: number }): Promise<ClaimedNotice[]> {
  const at = now.toISOString();
  return inTransaction(db, async (tx) => {
    const due = await tx.$queryRaw<Array<{ id: number; uncertain: boolean }>>`
      SELECT n.id, n.uncertain FROM "SlackNotice" n
       WHERE n.status = 'pending'
         AND n."nextAttemptAt" <= (${at}::timestamptz AT TIME ZONE 'UTC')
         AND (n."leaseUntil" IS NULL OR n."leaseUntil" <= (${at}::timestamptz AT TIME ZONE 'UTC'))
         AND ${firstOwedOfLane}
       ORDER BY n."nextAttemptAt", n.id
       LIMIT ${options.limit}
       FOR UPDATE OF n SKIP LOCKED`;
    if (due.length === 0) return [];
    const ids = due.map((r) => r.id);
    await tx.slackNotice.updateMany({
      where: { id: { in: ids } },
      data: { leaseUntil: new Date(now.getTime() + options.leaseMs), leasedBy: options.workerId, attempts: { increment: 1 }, uncertain: true },
    });
    const rows = await tx.slackNotice.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    const uncertain = new Map(due.map((r) => [r.id, r.uncertain]));
    return rows.map((row) => ({ ...toNotice(row), leasedBy: options.workerId, checkFirst: uncertain.get(row.id) === true }));
  });
}

/** Moves the leases of this worker's claims on to `until` while it works through them; how many it still holds. */
export async function renewNoticeLeases(db: Db, ids: readonly number[], workerId: string, until: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db.slackNotice.updateMany({ where: { id: { in: [...ids] }, status: "pending", leasedBy: workerId }, data: { leaseUntil: until } });
  return count;
}

/** Slack took the post: the row is done. False when the claim was no longer this worker's. */
export async function markNoticePosted(q: Queryable, claim: Claim, ts: string, now: Date): Promise<boolean> {
  const { count } = await q.slackNotice.updateMany({
    where: ours(claim),
    data: { status: "posted", postedTs: ts, postedAt: now, leaseUntil: null, uncertain: false, errorKind: null, error: null },
  });
  return count > 0;
}

/**
 * The case's root rows still owed up to `upToId`: posted with `ts` as well. The root message
 * shows the case as it is, so one post covers every change up to the moment the case was read.
 */
export async function supersedeRootRows(q: Queryable, caseId: number, upToId: number, ts: string, now: Date): Promise<number> {
  const { count } = await q.slackNotice.updateMany({
    where: { caseId, target: "root", status: "pending", id: { lte: upToId }, leaseUntil: null },
    data: { status: "posted", postedTs: ts, postedAt: now, uncertain: false, errorKind: null, error: null },
  });
  return count;
}

/** The newest root row of the case still owed, if any. */
export async function latestOwedRootId(q: Queryable, caseId: number): Promise<number | null> {
  const row = await q.slackNotice.findFirst({ where: { caseId, target: "root", status: "pending" }, orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? null;
}

/** A failed try: due again at `at`. `uncertain`: Slack may have taken it (no answer came). */
export async function retryNoticeAt(q: Queryable, claim: Claim, retry: { at: Date; errorKind: string; error: string; uncertain: boolean }): Promise<boolean> {
  const { count } = await q.slackNotice.updateMany({
    where: ours(claim),
    data: { nextAttemptAt: retry.at, leaseUntil: null, errorKind: retry.errorKind, error: retry.error, uncertain: retry.uncertain },
  });
  return count > 0;
}

/** Settled without a post of its own: failed (refused, or given up) or dropped (no longer meant). */
export async function settleNotice(q: Queryable, claim: Claim, outcome: { status: "failed" | "dropped"; errorKind: string; error: string }, now: Date): Promise<boolean> {
  const { count } = await q.slackNotice.updateMany({
    where: ours(claim),
    data: { status: outcome.status, errorKind: outcome.errorKind, error: outcome.error, postedAt: now, leaseUntil: null, uncertain: false },
  });
  return count > 0;
}

/** Never tried under this claim (the worker stopped, or Slack asked it to wait): given back, its attempt not counted. */
export async function releaseNotice(q: Queryable, claim: Claim & { checkFirst: boolean }, at: Date): Promise<boolean> {
  const { count } = await q.slackNotice.updateMany({
    where: ours(claim),
    data: { nextAttemptAt: at, leaseUntil: null, leasedBy: null, attempts: { decrement: 1 }, uncertain: claim.checkFirst },
  });
  return count > 0;
}

/** Rows owed that last failed with one of `errorKinds`: due now (Slack answers again, the channel works). How many. */
export async function bringForward(q: Queryable, errorKinds: readonly string[], now: Date): Promise<number> {
  const { count } = await q.slackNotice.updateMany({
    where: { status: "pending", errorKind: { in: [...errorKinds] }, nextAttemptAt: { gt: now } },
    data: { nextAttemptAt: now },
  });
  return count;
}

/**
 * Writes `row`, a direct message to `row.userId` of kind `row.kind`, unless one of that kind went
 * to them since the case channel last took a post: they hear of a spell of trouble once. Under
 * an advisory lock per recipient, so two replicas never both write it. True when it was written.
 */
export async function insertOncePerChannelTrouble(db: Db, row: NewNotice & { userId: string }, now: Date): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`${row.kind}:${row.userId}`}))`;
    const worked = await tx.slackNotice.findFirst({
      where: { status: "posted", target: { in: ["root", "thread", "channel"] }, postedAt: { not: null } },
      orderBy: { postedAt: "desc" },
      select: { postedAt: true },
    });
    const since = worked?.postedAt ? { createdAt: { gt: worked.postedAt } } : {};
    if ((await tx.slackNotice.count({ where: { kind: row.kind, userId: row.userId, ...since } })) > 0) return false;
    await insertNotices(tx, [row], now);
    return true;
  });
}

/** How many rows are owed, of one case or of all. */
export async function owedNotices(q: Queryable, caseId?: number): Promise<number> {
  return q.slackNotice.count({ where: { status: "pending", ...(caseId !== undefined ? { caseId } : {}) } });
}

/**
 * When the next owed row falls due (its retry time, or its lease's end), or null when none is
 * owed. Only the first owed row of each case's lane counts: the rows behind it wait for it.
 */
export async function nextNoticeDueAt(q: Queryable): Promise<Date | null> {
  const [row] = await q.$queryRaw<Array<{ at: Date | null }>>`
    SELECT min(GREATEST(n."nextAttemptAt", COALESCE(n."leaseUntil", n."nextAttemptAt"))) AS at FROM "SlackNotice" n
     WHERE n.status = 'pending'
       AND ${firstOwedOfLane}`;
  return row?.at ?? null;
}

/** The rows of a case, oldest first (tests and the status answer). */
export async function noticesOfCase(q: Queryable, caseId: number): Promise<StoredNotice[]> {
  const rows = await q.slackNotice.findMany({ where: { caseId }, orderBy: { id: "asc" } });
  return rows.map(toNotice);
}
