import type { CaseRecord } from "../domain/caseRecord.js";
import type { Classification } from "../domain/inboundMail.js";
import { nextMailPost, senderWindowMs, type MailPost } from "../domain/senderLimit.js";
import { openStages } from "../domain/stages.js";
import type { InboundMail } from "../generated/prisma/client.js";
import type { Db } from "./db.js";
import type { Queryable, Tx } from "./tx.js";
import { logEvent } from "./events.js";
import { toCase, toCaseOrNull } from "./records.js";

export type { InboundMail };

export interface Cursor {
  uidValidity: bigint;
  lastUid: bigint;
  /** when a message was last handled (or the cursor set) */
  updatedAt: Date;
}

export async function readCursor(db: Db, mailbox: string): Promise<Cursor | null> {
  return db.mailboxCursor.findUnique({ where: { mailbox }, select: { uidValidity: true, lastUid: true, updatedAt: true } });
}

/**
 * Starts the cursor over for a mailbox seen for the first time or whose UIDVALIDITY changed
 * (its old UIDs mean nothing now). Another replica doing the same at once writes the same.
 */
export async function resetCursor(db: Db, mailbox: string, uidValidity: bigint, lastUid: bigint): Promise<void> {
  await db.mailboxCursor.upsert({
    where: { mailbox },
    create: { mailbox, uidValidity, lastUid },
    update: { uidValidity, lastUid },
  });
}

/** Moves the cursor forward only, and only within the same UIDVALIDITY: replicas race here. */
export async function advanceCursor(db: Db, mailbox: string, uidValidity: bigint, uid: bigint): Promise<void> {
  await db.$executeRaw`
    UPDATE "MailboxCursor" SET "lastUid" = GREATEST("lastUid", ${uid}), "updatedAt" = now()
    WHERE mailbox = ${mailbox} AND "uidValidity" = ${uidValidity}`;
}

export interface InboundRow {
  mailbox: string;
  uidValidity: bigint;
  uid: bigint;
  messageId: string | null;
  fromAddress: string | null;
  subject: string;
  classification: Classification;
  caseId: number | null;
  receivedAt: Date;
}

/**
 * Claims one message for this process: the unique (mailbox, uidValidity, uid) key lets exactly
 * one replica (or one run, across restarts) insert it. Returns the row id, or null when the
 * message was already handled.
 */
export async function claimInbound(db: Queryable, row: InboundRow, post: MailPost | null = null): Promise<number | null> {
  const inserted = await db.$queryRaw<Array<{ id: number }>>`
    INSERT INTO "InboundMail" (mailbox, "uidValidity", uid, "messageId", "fromAddress", subject, classification, "caseId", "receivedAt", post)
    VALUES (${row.mailbox}, ${row.uidValidity}, ${row.uid}, ${row.messageId}, ${row.fromAddress}, ${row.subject}, ${row.classification}, ${row.caseId}, ${row.receivedAt}, ${post})
    ON CONFLICT (mailbox, "uidValidity", uid) DO NOTHING
    RETURNING id`;
  return inserted[0]?.id ?? null;
}

// The advisory lock's first key: what the second (a hash of the sender) is about.
const senderLockClass = 17_001;

/**
 * Claims a message that would be posted to Slack, under the per-sender limit: what this sender's
 * mails received in the hour before this one got decides what this one gets (shown, the summary
 * line, or held). Counted from the rows, so it holds across restarts and replicas; a lock per
 * sender makes two replicas count one after the other. Null when the message was handled before.
 */
export async function claimInboundLimited(tx: Tx, row: InboundRow, perHour: number): Promise<{ id: number; post: MailPost } | null> {
  // The lock is held to the end of `tx`: the caller commits the claim with the notice it owes.
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${senderLockClass}::int, hashtext(${row.fromAddress ?? ""}))`;
  const counts = await tx.inboundMail.groupBy({
    by: ["post"],
    where: { fromAddress: row.fromAddress, receivedAt: { gt: new Date(row.receivedAt.getTime() - senderWindowMs), lte: row.receivedAt }, post: { in: ["shown", "summary"] } },
    _count: { _all: true },
  });
  const count = (post: MailPost) => counts.find((c) => c.post === post)?._count._all ?? 0;
  const post = nextMailPost({ shown: count("shown"), summary: count("summary") }, perHour);
  const id = await claimInbound(tx, row, post);
  return id === null ? null : { id, post };
}

/** Gives a claim back when handling failed midway, so the next pass tries the message again. */
export async function releaseInbound(db: Db, id: number): Promise<void> {
  await db.inboundMail.deleteMany({ where: { id } });
}

/** Whether a message with this Message-ID was handled before (under an older UIDVALIDITY, say). */
export async function seenMessageId(db: Db, messageId: string): Promise<boolean> {
  return (await db.inboundMail.count({ where: { messageId } })) > 0;
}

/**
 * A claim of this message (by its UID, or a copy by its Message-ID) taken as Brreg's confirmation
 * whose case still waits for Brreg: the move failed (or the process died) after the claim, and a
 * release did not get through. Null when there is none.
 */
export async function unfinishedConfirmation(
  db: Db,
  key: { mailbox: string; uidValidity: bigint; uid: bigint; messageId: string | null },
): Promise<(InboundMail & { case: CaseRecord | null }) | null> {
  const row = await db.inboundMail.findFirst({
    where: {
      classification: "confirmation",
      case: { stage: "awaiting_brreg" },
      OR: [{ mailbox: key.mailbox, uidValidity: key.uidValidity, uid: key.uid }, ...(key.messageId ? [{ messageId: key.messageId }] : [])],
    },
    include: { case: true },
    orderBy: { id: "asc" },
  });
  return row ? { ...row, case: toCaseOrNull(row.case) } : null;
}

export async function findInbound(db: Db, id: number): Promise<InboundMail | null> {
  return db.inboundMail.findUnique({ where: { id } });
}

/**
 * A person ties a mail no case has to `caseId`, with the event, in one transaction. False when
 * the mail was tied to a case meanwhile (two people linking the same mail at once).
 */
export async function linkUnlinked(db: Db, id: number, caseId: number, actor: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.inboundMail.updateMany({ where: { id, caseId: null }, data: { caseId } });
    if (count === 0) return false;
    await logEvent(tx, caseId, "mail_linked", actor, now, { inboundMailId: id });
    return true;
  });
}

/** The reference of the case a mail is tied to, if any. */
export async function linkedReference(db: Db, id: number): Promise<string | null> {
  const mail = await db.inboundMail.findUnique({ where: { id }, select: { case: { select: { reference: true } } } });
  return mail?.case?.reference ?? null;
}

/** Ties a handled message to a case; the classification changes only when given. */
export async function linkInbound(db: Db, id: number, caseId: number, classification?: Classification): Promise<void> {
  await db.inboundMail.update({ where: { id }, data: { caseId, ...(classification ? { classification } : {}) } });
}

/** The case that sent one of these Message-IDs: its order (stored on the case) or any email of its outbox. */
export async function caseByMessageIds(db: Db, ids: readonly string[]): Promise<CaseRecord | null> {
  if (ids.length === 0) return null;
  const byOrder = await db.case.findFirst({ where: { orderMessageId: { in: [...ids] } }, orderBy: { id: "desc" } });
  if (byOrder) return toCase(byOrder);
  const sent = await db.outboxMessage.findFirst({ where: { messageId: { in: [...ids] } }, select: { case: true }, orderBy: { id: "desc" } });
  return sent ? toCase(sent.case) : null;
}

/** Up to `limit` open cases between exactly these two organisations, vendor and customer either way round. */
export async function openCasesBetween(db: Db, orgnrs: readonly string[], limit: number): Promise<CaseRecord[]> {
  const rows = await db.case.findMany({
    where: { stage: { in: [...openStages] }, vendorOrgnr: { in: [...orgnrs] }, customerOrgnr: { in: [...orgnrs] } },
    take: limit,
  });
  return rows.map(toCase);
}
