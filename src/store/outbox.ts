import { customerMailOutboxPrefix } from "../domain/customerMailKinds.js";
import type { Db } from "./db.js";
import { logEvent } from "./events.js";
import { toOutbox, type OutboxKind, type OutboxMessage } from "./records.js";
import { inTransaction, type Queryable, type Tx } from "./tx.js";

export type { OutboxKind, OutboxMessage };

/** A message to queue, as the service composed it. */
export interface NewOutboxRow {
  caseId: number;
  kind: OutboxKind;
  messageId: string;
  fromAddress: string;
  toAddresses: string[];
  ccAddresses: string[];
  replyTo: string | null;
  inReplyTo?: string | null;
  subject: string;
  textBody: string;
  htmlBody: string;
  /** the Slack user who queued it, for the mail a person sends («Send til kunden») */
  queuedBy?: string | null;
}

/** Puts a message in the outbox, due now, inside the caller's transaction. */
export async function insertOutbox(tx: Tx, row: NewOutboxRow, now: Date): Promise<OutboxMessage> {
  return toOutbox(await tx.outboxMessage.create({ data: { ...row, inReplyTo: row.inReplyTo ?? null, nextAttemptAt: now, createdAt: now } }));
}

/** The case's row of one kind (one order per case; kinds are unique per case). */
export async function outboxOfKind(db: Queryable, caseId: number, kind: OutboxKind): Promise<OutboxMessage | null> {
  const row = await db.outboxMessage.findUnique({ where: { caseId_kind: { caseId, kind } } });
  return row ? toOutbox(row) : null;
}

/** Rows of the case whose kind starts with `prefix` ("followup-"), newest first. */
export async function outboxByKindPrefix(db: Queryable, caseId: number, prefix: string): Promise<OutboxMessage[]> {
  const rows = await db.outboxMessage.findMany({ where: { caseId, kind: { startsWith: prefix } }, orderBy: { createdAt: "desc" } });
  return rows.map(toOutbox);
}

/**
 * Holds back every other transaction that takes this lock for the same person until this one
 * ends, on any replica: counting a person's e-mails and queuing the next is then one step.
 */
export async function lockQueuedBy(tx: Tx, queuedBy: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`outbox.queuedBy:${queuedBy}`}))`;
}

/** When the person's latest «Send til kunden» e-mails created after `since` were queued: newest first, at most `limit`. */
export async function customerMailTimesOf(db: Queryable, queuedBy: string, since: Date, limit: number): Promise<Date[]> {
  const rows = await db.outboxMessage.findMany({
    where: { queuedBy, createdAt: { gt: since }, OR: Object.values(customerMailOutboxPrefix).map((prefix) => ({ kind: { startsWith: prefix } })) },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}

/** The row that sent one of these Message-IDs (a bounce names the one it returns), if any. */
export async function outboxByMessageIds(db: Queryable, ids: readonly string[]): Promise<OutboxMessage | null> {
  if (ids.length === 0) return null;
  const row = await db.outboxMessage.findFirst({ where: { messageId: { in: [...ids] } }, orderBy: { id: "desc" } });
  return row ? toOutbox(row) : null;
}

/** Whether one of these Message-IDs is the app's own (a copy of its mail arriving in the watched mailbox). */
export async function isOwnMessageId(db: Queryable, messageId: string): Promise<boolean> {
  return (await db.outboxMessage.count({ where: { messageId: { in: [messageId, messageId.toLowerCase()] } } })) > 0;
}

/** Whether the case's order email has given up (failed) and waits for a person's "Prøv igjen". */
export async function orderFailed(db: Queryable, caseId: number): Promise<boolean> {
  return (await db.outboxMessage.count({ where: { caseId, kind: "order", status: "failed" } })) > 0;
}

/** A cancelled case sends nothing more. */
export async function cancelUnsent(tx: Tx, caseId: number, now: Date): Promise<number> {
  const { count } = await tx.outboxMessage.updateMany({
    where: { caseId, status: "queued" },
    data: { status: "cancelled", lastError: null, updatedAt: now },
  });
  return count;
}

/** A row a worker has claimed: leased to it (its `nextAttemptAt` is the lease's end), with the case it belongs to. */
export type ClaimedMessage = OutboxMessage & { case: { reference: string } };

function toClaimed(row: Parameters<typeof toOutbox>[0] & { case: { reference: string } }): ClaimedMessage {
  return { ...toOutbox(row), case: row.case };
}

/**
 * Claims up to `limit` due rows for one worker. The rows are locked with FOR UPDATE SKIP LOCKED
 * (another worker's claim skips them instead of waiting) and, in the same transaction, leased:
 * `nextAttemptAt` moves to the lease's end and `attempts` goes up. The send then happens outside
 * any transaction, so a slow SMTP server holds no lock, and no other worker finds the row due
 * until the lease runs out. The sender renews a short lease while its send is under way
 * (renewLease), so only a worker that died (or lost the database) mid-send lets its rows come due
 * again, within a lease; the email may then go out twice, with the same Message-ID.
 */
export async function claimDue(db: Db, now: Date, leaseMs: number, limit: number): Promise<ClaimedMessage[]> {
  return db.$transaction(async (tx) => {
    // The columns are `timestamp(3)` holding UTC, as Prisma writes them; compare in UTC whatever
    // the session's time zone is. The mail never waits on Slack: the "sent" notice is a row that
    // the Slack worker posts in the thread after the case's root message.
    const due = await tx.$queryRaw<Array<{ id: number }>>`
      SELECT o.id FROM "OutboxMessage" o
       WHERE o.status = 'queued' AND o."nextAttemptAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
       ORDER BY o."nextAttemptAt", o.id
       LIMIT ${limit}
       FOR UPDATE OF o SKIP LOCKED`;
    const ids = due.map((r) => r.id);
    if (ids.length === 0) return [];
    await tx.outboxMessage.updateMany({
      where: { id: { in: ids } },
      data: { nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: { increment: 1 }, updatedAt: now },
    });
    const rows = await tx.outboxMessage.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
      include: { case: { select: { reference: true } } },
    });
    return rows.map(toClaimed);
  });
}

/**
 * Whether a claimed row is still this claim's to send, checked right before sending: a case
 * cancelled since the claim has set it to cancelled, and a claim whose lease ran out has been
 * overtaken by a newer one (the attempt count moved on).
 */
export async function stillClaimed(db: Db, row: Pick<OutboxMessage, "id" | "attempts">): Promise<boolean> {
  return (await db.outboxMessage.count({ where: { id: row.id, status: "queued", attempts: row.attempts } })) > 0;
}

/**
 * Moves a claim's lease on to `until` while its send is under way. Only while the row is queued
 * and the attempt count still matches (not cancelled, sent, or claimed again since). Returns
 * whether the lease was extended.
 */
export async function renewLease(db: Db, id: number, attempts: number, until: Date): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({ where: { id, status: "queued", attempts }, data: { nextAttemptAt: until } });
  return count > 0;
}

/**
 * Order emails recorded as sent (before `sentBefore`) whose case never left order_pending: the
 * worker recorded the send and then failed (or died) before moving the case, which nothing
 * else would ever do.
 */
export async function sentOrdersStillPending(db: Db, sentBefore: Date, limit: number): Promise<ClaimedMessage[]> {
  const rows = await db.outboxMessage.findMany({
    where: { kind: "order", status: "sent", sentAt: { lt: sentBefore }, case: { stage: "order_pending" } },
    orderBy: { id: "asc" },
    take: limit,
    include: { case: { select: { reference: true } } },
  });
  return rows.map(toClaimed);
}

/**
 * Records that the message went out (or, in preview mode, was written to `previewPath`), and
 * `also` in the same transaction (what the thread is owed). False when it was already recorded
 * as sent: a second sender after an expired lease changes nothing.
 */
export async function markSent(db: Db, id: number, now: Date, previewPath: string | null, also?: (tx: Tx) => Promise<void>): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({
      where: { id, status: { not: "sent" } },
      data: { status: "sent", sentAt: now, lastError: null, previewPath, updatedAt: now },
    });
    if (count === 0) return false;
    const row = await tx.outboxMessage.findUniqueOrThrow({ where: { id }, select: { caseId: true, kind: true, attempts: true, messageId: true } });
    await logEvent(tx, row.caseId, previewPath ? "mail_previewed" : "mail_sent", "mail", now, {
      kind: row.kind,
      attempt: row.attempts,
      messageId: row.messageId,
    });
    await also?.(tx);
    return true;
  });
}

export type AttemptOutcome = { status: "queued"; nextAttemptAt: Date; error: string } | { status: "failed"; error: string };

/**
 * Records a failed attempt: the row is queued again for `nextAttemptAt` or failed for good.
 * Only the claim that made the attempt may record it (the attempt count still matches), so a
 * worker whose lease ran out cannot undo a newer outcome. Returns whether the thread has yet to
 * hear about retrying (true once per queued period), or null when the claim was no longer ours;
 * `also` runs in the same transaction with that answer (what the thread is owed).
 */
export async function markAttemptFailed(
  db: Db,
  claimed: Pick<OutboxMessage, "id" | "caseId" | "kind" | "attempts">,
  outcome: AttemptOutcome,
  now: Date,
  also?: (tx: Tx, marked: { firstRetry: boolean }) => Promise<void>,
): Promise<{ firstRetry: boolean } | null> {
  return inTransaction(db, async (tx) => {
    const current = await tx.outboxMessage.findFirst({
      where: { id: claimed.id, status: "queued", attempts: claimed.attempts },
      select: { retryNotified: true },
    });
    if (!current) return null;
    await tx.outboxMessage.update({
      where: { id: claimed.id },
      data:
        outcome.status === "queued"
          ? { lastError: outcome.error, nextAttemptAt: outcome.nextAttemptAt, retryNotified: true, updatedAt: now }
          : { status: "failed", lastError: outcome.error, updatedAt: now },
    });
    await logEvent(tx, claimed.caseId, outcome.status === "queued" ? "mail_retrying" : "mail_failed", "mail", now, {
      kind: claimed.kind,
      attempt: claimed.attempts,
      error: outcome.error,
      ...(outcome.status === "queued" ? { nextAttemptAt: outcome.nextAttemptAt.toISOString() } : {}),
    });
    const marked = { firstRetry: outcome.status === "queued" && !current.retryNotified };
    await also?.(tx, marked);
    return marked;
  });
}

/**
 * The current series of attempts: it began at the row's creation or at a person's latest retry,
 * and the attempts before that retry count neither for the give-up window nor for the backoff.
 */
export async function currentSeries(
  db: Db,
  row: Pick<OutboxMessage, "id" | "caseId" | "createdAt">,
): Promise<{ since: Date; earlierAttempts: number }> {
  const requeued = await db.caseEvent.findFirst({
    where: { caseId: row.caseId, kind: "mail_requeued", details: { path: ["outboxId"], equals: row.id } },
    orderBy: { at: "desc" },
    select: { at: true, details: true },
  });
  if (!requeued || requeued.at <= row.createdAt) return { since: row.createdAt, earlierAttempts: 0 };
  const before = (requeued.details as { attemptsBefore?: unknown } | null)?.attemptsBefore;
  return { since: requeued.at, earlierAttempts: typeof before === "number" ? before : 0 };
}

/**
 * Queues every failed row of the case again for now, with a fresh give-up window and a fresh
 * "will retry" notice (inside the caller's transaction, which holds the case's lock). Returns how
 * many were requeued.
 */
export async function requeueFailedRows(tx: Tx, caseId: number, actor: string, now: Date): Promise<number> {
  const failed = await tx.$queryRaw<Array<{ id: number; attempts: number }>>`
    SELECT id, attempts FROM "OutboxMessage" WHERE "caseId" = ${caseId} AND status = 'failed' ORDER BY id FOR UPDATE`;
  for (const { id, attempts } of failed) {
    await tx.outboxMessage.update({
      where: { id },
      data: { status: "queued", nextAttemptAt: now, retryNotified: false, updatedAt: now },
    });
    await logEvent(tx, caseId, "mail_requeued", actor, now, { outboxId: id, attemptsBefore: attempts });
  }
  return failed.length;
}
