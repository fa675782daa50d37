import { closedStages, erasedDetails, erasedMarker, personalDetails } from "../domain/personalData.js";
import { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./db.js";
import type { Queryable, Tx } from "./tx.js";

// The queries of the personal-data pass (src/service/retention.ts): which closed cases are due,
// the marker in their rows, the rows that go whole, and the embedded engine's files afterwards.

/**
 * Claims the pass of `slot` (INSERT … ON CONFLICT DO NOTHING): true for the one replica whose
 * row went in. Slots claimed more than a week ago are dropped on the way.
 */
export async function claimRetentionSlot(db: Db, slot: string, at: Date): Promise<boolean> {
  await db.retentionPass.deleteMany({ where: { claimedAt: { lt: new Date(at.getTime() - 7 * 86_400_000) } } });
  const { count } = await db.retentionPass.createMany({ data: [{ slot, claimedAt: at }], skipDuplicates: true });
  return count === 1;
}

/** Gives the slot back (the pass failed): the next tick claims it again. */
export async function releaseRetentionSlot(db: Db, slot: string): Promise<void> {
  await db.retentionPass.deleteMany({ where: { slot } });
}

export interface CaseToErase {
  id: number;
  reference: string;
}

/**
 * Locks up to `limit` closed cases that reached their stage before `closedBefore` and still keep
 * their personal data, oldest first. SKIP LOCKED: a case another transaction holds (a replica's
 * pass, a click) is left for the next batch or pass. A case with an e-mail still queued waits
 * until the outbox is done with it (sent or given up), so nothing goes out with the marker in it.
 */
export async function lockCasesToErase(tx: Tx, closedBefore: Date, limit: number): Promise<CaseToErase[]> {
  return tx.$queryRaw<CaseToErase[]>`
    SELECT c.id, c.reference FROM "Case" c
    WHERE c."personalDataErasedAt" IS NULL AND c."stageChangedAt" < ${closedBefore}
      AND c.stage IN (${Prisma.join(closedStages)})
      AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" o WHERE o."caseId" = c.id AND o.status = 'queued')
    ORDER BY c."stageChangedAt", c.id
    LIMIT ${limit}
    FOR NO KEY UPDATE OF c SKIP LOCKED`;
}

/** The outbox rows of these cases, with where preview mode wrote each (when it recorded that). */
export async function outboxFilesOf(tx: Queryable, caseIds: number[]): Promise<Array<{ reference: string; kind: string; previewPath: string | null }>> {
  const rows = await tx.outboxMessage.findMany({ where: { caseId: { in: caseIds } }, select: { kind: true, previewPath: true, case: { select: { reference: true } } } });
  return rows.map((r) => ({ reference: r.case.reference, kind: r.kind, previewPath: r.previewPath }));
}

/**
 * Puts the marker where the cases' personal data was: the contacts, where Brreg sent the login and
 * the reason given on the case, every address, subject, body and SMTP answer of its e-mails, the
 * sender and subject of the mail tied to it, and the personal event details. Stages, times, kinds, org numbers, company
 * names and Message-IDs stay. Records the time on the case; a case erased before is left alone.
 */
export async function eraseCases(tx: Tx, caseIds: number[], now: Date): Promise<void> {
  const m = erasedMarker;
  const cases = { id: { in: caseIds }, personalDataErasedAt: null };
  await tx.case.updateMany({ where: { ...cases, closedReason: { not: null } }, data: { closedReason: m } });
  await tx.case.updateMany({ where: { ...cases, loginSentTo: { isEmpty: false } }, data: { loginSentTo: [m] } });
  await tx.case.updateMany({
    where: cases,
    data: {
      vendorContactName: m,
      vendorContactEmail: m,
      vendorContactPhone: m,
      customerContactName: m,
      customerContactEmail: m,
      customerContactPhone: m,
      personalDataErasedAt: now,
      updatedAt: now,
    },
  });
  const ofCases = { caseId: { in: caseIds } };
  await tx.outboxMessage.updateMany({
    where: ofCases,
    // The preview file is deleted with the case (src/service/retention.ts): nothing left to point at.
    data: { toAddresses: [m], subject: m, textBody: m, htmlBody: m, previewPath: null, updatedAt: now },
  });
  await tx.outboxMessage.updateMany({ where: { ...ofCases, ccAddresses: { isEmpty: false } }, data: { ccAddresses: [m] } });
  await tx.outboxMessage.updateMany({ where: { ...ofCases, lastError: { not: null } }, data: { lastError: m } });
  await tx.inboundMail.updateMany({ where: { ...ofCases, fromAddress: { not: null } }, data: { fromAddress: m } });
  await tx.inboundMail.updateMany({ where: { ...ofCases, subject: { not: null } }, data: { subject: m } });
  // A notice keeps what it reported (a sender, a subject, where a mail went) until it is posted;
  // once Slack has it (or it failed for good) the row is only history.
  await tx.slackNotice.deleteMany({ where: { ...ofCases, status: { not: "pending" } } });
  const events = await tx.caseEvent.findMany({ where: { ...ofCases, kind: { in: Object.keys(personalDetails) } }, select: { id: true, kind: true, details: true } });
  for (const e of events) {
    const details = erasedDetails(e.kind, e.details);
    if (details) await tx.caseEvent.update({ where: { id: e.id }, data: { details: details as Prisma.InputJsonObject } });
  }
}

/** Deletes mail that matched no case and arrived before `before` (its sender and subject with it); returns how many. */
export async function deleteUnmatchedMail(db: Db, before: Date): Promise<number> {
  const { count } = await db.inboundMail.deleteMany({ where: { caseId: null, receivedAt: { lt: before } } });
  return count;
}

/** Deletes channel notices (no case: unmatched or passed-over mail …) posted or failed before `before`; returns how many. */
export async function deleteOldChannelNotices(db: Db, before: Date): Promise<number> {
  const { count } = await db.slackNotice.deleteMany({ where: { caseId: null, status: { not: "pending" }, createdAt: { lt: before } } });
  return count;
}

export const retentionTables = ["Case", "CaseEvent", "OutboxMessage", "InboundMail", "VendorProfile", "ImportDraft", "SlackNotice"] as const;
export type RetentionTable = (typeof retentionTables)[number];

/**
 * For the embedded engine only: makes rows the pass changed or deleted leave DATA_DIR's files.
 * PostgreSQL keeps an old row version in the table file after an UPDATE or DELETE, and a plain
 * VACUUM only marks its space free (the bytes stay until something is written over them), so
 * each changed table is rewritten (VACUUM FULL: a new file, the old one removed). The WAL still
 * holds the rows as they were logged: switching to a new segment and a checkpoint let the engine
 * delete the old segments (wal_recycle is off, src/store/db.ts). VACUUM FULL locks the table while
 * it runs: `npm run bench` (bench/retention.ts) prints how long that takes.
 */
export async function compactEmbedded(db: Db, tables: readonly RetentionTable[]): Promise<void> {
  for (const table of tables) await db.$executeRawUnsafe(`VACUUM FULL "${table}"`);
  await db.$queryRaw`SELECT pg_switch_wal()::text AS lsn`;
  await db.$executeRaw`CHECKPOINT`;
}
