import type { Classification } from "../domain/inboundMail.js";
import { openStages } from "../domain/stages.js";
import type { InboundMail } from "../generated/prisma/client.js";
import type { Db } from "./db.js";
import { logEvent } from "./events.js";
import { toCase, toCaseOrNull, type Case } from "./records.js";
import type { Queryable } from "./tx.js";

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
export async function claimInbound(db: Queryable, row: InboundRow): Promise<number | null> {
  const inserted = await db.$queryRaw<Array<{ id: number }>>`
    INSERT INTO "InboundMail" (mailbox, "uidValidity", uid, "messageId", "fromAddress", subject, classification, "caseId", "receivedAt")
    VALUES (${row.mailbox}, ${row.uidValidity}, ${row.uid}, ${row.messageId}, ${row.fromAddress}, ${row.subject}, ${row.classification}, ${row.caseId}, ${row.receivedAt})
    ON CONFLICT (mailbox, "uidValidity", uid) DO NOTHING
    RETURNING id`;
  return inserted[0]?.id ?? null;
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
): Promise<(InboundMail & { case: Case | null }) | null> {
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
export async function caseByMessageIds(db: Db, ids: readonly string[]): Promise<Case | null> {
  if (ids.length === 0) return null;
  const byOrder = await db.case.findFirst({ where: { orderMessageId: { in: [...ids] } }, orderBy: { id: "desc" } });
  if (byOrder) return toCase(byOrder);
  const sent = await db.outboxMessage.findFirst({ where: { messageId: { in: [...ids] } }, select: { case: true }, orderBy: { id: "desc" } });
  return sent ? toCase(sent.case) : null;
}

/** Up to `limit` open cases between exactly these two organisations, vendor and customer either way round. */
export async function openCasesBetween(db: Db, orgnrs: readonly string[], limit: number): Promise<Case[]> {
  const rows = await db.case.findMany({
    where: { stage: { in: [...openStages] }, vendorOrgnr: { in: [...orgnrs] }, customerOrgnr: { in: [...orgnrs] } },
    take: limit,
  });
  return rows.map(toCase);
}
