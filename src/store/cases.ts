import type { CaseRecord } from "../domain/caseRecord.js";
import { accessOf, isFictitious, type AnyOrder } from "../domain/order.js";
import { normalizeForSearch } from "../domain/search.js";
import type { Stage } from "../domain/stages.js";
import type { Db } from "./db.js";
import { toCase, toCaseOrNull } from "./records.js";
import type { Queryable, Tx } from "./tx.js";

export async function findCaseByReference(db: Queryable, reference: string): Promise<CaseRecord | null> {
  return toCaseOrNull(await db.case.findUnique({ where: { reference: reference.toUpperCase() } }));
}

export async function findCaseById(db: Queryable, id: number): Promise<CaseRecord | null> {
  return toCaseOrNull(await db.case.findUnique({ where: { id } }));
}

export async function findCaseByCreationKey(db: Queryable, creationKey: string): Promise<CaseRecord | null> {
  return toCaseOrNull(await db.case.findUnique({ where: { creationKey } }));
}

export interface NewCaseRow {
  order: AnyOrder;
  stage: Stage;
  workspaceId: string;
  ownerUserId: string;
  creationKey: string;
}

/** Inserts the case as `DLG-<id>`, the id taken from the sequence first so the reference is set in the same insert. */
export async function insertCase(tx: Tx, input: NewCaseRow, now: Date): Promise<CaseRecord> {
  const [{ id } = { id: 0 }] = await tx.$queryRaw<Array<{ id: number }>>`
    SELECT nextval(pg_get_serial_sequence('"Case"', 'id'))::int AS id`;
  const o = input.order;
  // A fictitious case has no customer: its columns stay empty, and the fictitious company's
  // own columns are filled once it is confirmed.
  const customer = isFictitious(o)
    ? { customer_orgnr: "", customer_name: "", customer_contact_name: "", customer_contact_email: "", customer_contact_phone: "" }
    : o;
  const row = await tx.case.create({
    data: {
      id,
      reference: `DLG-${id}`,
      workspaceId: input.workspaceId,
      environment: o.environment,
      stage: input.stage,
      stageChangedAt: now,
      vendorOrgnr: o.vendor_orgnr,
      vendorName: o.vendor_name,
      vendorContactName: o.vendor_contact_name,
      vendorContactEmail: o.vendor_contact_email,
      vendorContactPhone: o.vendor_contact_phone,
      customerOrgnr: customer.customer_orgnr,
      customerName: customer.customer_name,
      customerNameSearch: normalizeForSearch(customer.customer_name),
      customerContactName: customer.customer_contact_name,
      customerContactEmail: customer.customer_contact_email,
      customerContactPhone: customer.customer_contact_phone,
      customerAccess: accessOf(o),
      route: isFictitious(o) ? "fictitious" : "existing",
      ownerUserId: input.ownerUserId,
      creationKey: input.creationKey,
      createdAt: now,
    },
  });
  return toCase(row);
}

/**
 * Locks the case row for the rest of the transaction, so concurrent clicks, mail and jobs see one
 * order of events. NO KEY UPDATE: changes still queue behind each other, but other transactions'
 * foreign-key checks on this case (an event, an outbox row being marked sent) are not blocked. A
 * full FOR UPDATE deadlocked with the outbox worker: it held an outbox row and waited for the
 * case, while the move held the case and waited for that outbox row.
 */
export async function lockCase(tx: Tx, reference: string): Promise<CaseRecord | null> {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "Case" WHERE reference = ${reference.toUpperCase()} FOR NO KEY UPDATE`;
  const id = locked[0]?.id;
  return id === undefined ? null : findCaseById(tx, id);
}

/** The same lock, by id. */
export async function lockCaseById(tx: Tx, id: number): Promise<CaseRecord | null> {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM "Case" WHERE id = ${id} FOR NO KEY UPDATE`;
  return locked.length === 0 ? null : findCaseById(tx, id);
}

/** The fields that change with a stage: the scope on completion, the reason on cancel, the fictitious company on its confirmation. */
export interface StageFields {
  scope?: string | undefined;
  closedReason?: string | undefined;
  fictitiousOrgnr?: string | undefined;
  fictitiousScope?: string | undefined;
  loginSentTo?: string[] | undefined;
}

/** Writes a new stage (and the fields that change with it). */
export async function updateStage(
  tx: Tx,
  id: number,
  stage: Stage,
  now: Date,
  set: StageFields = {},
): Promise<CaseRecord> {
  const row = await tx.case.update({
    where: { id },
    data: {
      stage,
      stageChangedAt: now,
      ...(set.scope !== undefined ? { scope: set.scope } : {}),
      ...(set.closedReason !== undefined ? { closedReason: set.closedReason } : {}),
      ...(set.fictitiousOrgnr !== undefined ? { fictitiousOrgnr: set.fictitiousOrgnr } : {}),
      ...(set.fictitiousScope !== undefined ? { fictitiousScope: set.fictitiousScope } : {}),
      ...(set.loginSentTo !== undefined ? { loginSentTo: set.loginSentTo } : {}),
    },
  });
  return toCase(row);
}

/** A token (and in TT02 Brreg's API) proved the delegation at `now`; `since`: the case became verified now. */
export async function markVerified(db: Queryable, id: number, now: Date, since = false): Promise<void> {
  await db.case.update({ where: { id }, data: { lastVerifiedAt: now, ...(since ? { verifiedSince: now } : {}) } });
}

export async function setOrderMessageId(tx: Tx, id: number, messageId: string): Promise<void> {
  await tx.case.update({ where: { id }, data: { orderMessageId: messageId } });
}

/** Records the case's root message. False when another one was recorded first (the caller's is extra). */
export async function setThread(db: Db, caseId: number, channelId: string, threadTs: string): Promise<boolean> {
  const { count } = await db.case.updateMany({ where: { id: caseId, threadTs: null }, data: { channelId, threadTs } });
  return count > 0;
}

/** The case's root message as recorded now. */
export async function threadOf(db: Db, caseId: number): Promise<{ channelId: string | null; threadTs: string | null }> {
  const row = await db.case.findUnique({ where: { id: caseId }, select: { channelId: true, threadTs: true } });
  return { channelId: row?.channelId ?? null, threadTs: row?.threadTs ?? null };
}

/** The root messages recorded for these cases, by case id (a case without one is left out). */
export async function threadsOf(db: Db, caseIds: readonly number[]): Promise<Map<number, { channelId: string; threadTs: string }>> {
  const rows = await db.case.findMany({ where: { id: { in: [...caseIds] }, threadTs: { not: null } }, select: { id: true, channelId: true, threadTs: true } });
  return new Map(rows.flatMap((r) => (r.channelId && r.threadTs ? [[r.id, { channelId: r.channelId, threadTs: r.threadTs }] as const] : [])));
}

/** Cases in a stage, newest first (the link modal's choices). */
export async function casesInStage(db: Db, stage: Stage, limit: number): Promise<CaseRecord[]> {
  const rows = await db.case.findMany({ where: { stage }, orderBy: { id: "desc" }, take: limit });
  return rows.map(toCase);
}

/** When the oldest case still in one of `stages` was created, or null. */
export async function oldestCreatedIn(db: Db, stages: readonly Stage[]): Promise<Date | null> {
  const row = await db.case.findFirst({ where: { stage: { in: [...stages] } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

/** Cases with an event of `kind` at or after `since` (each once, latest first), at most `limit`. */
export async function casesWithEventSince(db: Db, kind: string, since: Date, limit: number): Promise<CaseRecord[]> {
  const events = await db.caseEvent.findMany({ where: { kind, at: { gte: since } }, orderBy: [{ at: "desc" }, { id: "desc" }], distinct: ["caseId"], take: limit, select: { caseId: true } });
  if (events.length === 0) return [];
  const rows = await db.case.findMany({ where: { id: { in: events.map((e) => e.caseId) } }, orderBy: { id: "asc" } });
  return rows.map(toCase);
}
