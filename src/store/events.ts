import type { Db } from "./db.js";
import type { Queryable } from "./tx.js";

/** Appends to a case's audit log. `details` must never hold an identity number or mail body. */
export async function logEvent(
  tx: Queryable,
  caseId: number,
  kind: string,
  actor: string,
  at: Date,
  details: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  await tx.caseEvent.create({ data: { caseId, kind, actor, at, details } });
}

export async function recentEvents(db: Db, caseId: number, take = 10) {
  return db.caseEvent.findMany({ where: { caseId }, orderBy: [{ at: "desc" }, { id: "desc" }], take });
}

export async function allEvents(db: Db, caseId: number) {
  return db.caseEvent.findMany({ where: { caseId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

/** Whether the case has an event of `kind` whose details say `key` = `value` (one mail's confirmation, say). */
export async function hasEventWith(db: Db, caseId: number, kind: string, key: string, value: string | number): Promise<boolean> {
  return (await db.caseEvent.count({ where: { caseId, kind, details: { path: [key], equals: value } } })) > 0;
}

/** Who logged the case's latest event of `kind` whose details say `key` = `value`, if any. */
export async function actorOfEventWith(db: Queryable, caseId: number, kind: string, key: string, value: string | number): Promise<string | null> {
  const event = await db.caseEvent.findFirst({
    where: { caseId, kind, details: { path: [key], equals: value } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { actor: true },
  });
  return event?.actor ?? null;
}

/** The details of the case's latest event of `kind`, if any. */
export async function latestEventDetails(db: Queryable, caseId: number, kind: string): Promise<Record<string, unknown> | null> {
  const event = await db.caseEvent.findFirst({ where: { caseId, kind }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { details: true } });
  const details = event?.details;
  return details && typeof details === "object" && !Array.isArray(details) ? details : null;
}
