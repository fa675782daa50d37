import { eventKindSchema, type CaseEvent, type EventKind } from "../domain/events.js";
import type { CaseEvent as CaseEventRow } from "../generated/prisma/client.js";
import type { Db } from "./db.js";
import type { Queryable } from "./tx.js";

export type { CaseEvent, EventKind };

function toEvent(row: CaseEventRow): CaseEvent {
  return { ...row, kind: eventKindSchema.parse(row.kind) };
}

/** Appends to a case's audit log. `details` must never hold an identity number or mail body. */
export async function logEvent(
  tx: Queryable,
  caseId: number,
  kind: EventKind,
  actor: string,
  at: Date,
  details: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  await tx.caseEvent.create({ data: { caseId, kind, actor, at, details } });
}

export async function recentEvents(db: Db, caseId: number, take = 10): Promise<CaseEvent[]> {
  const rows = await db.caseEvent.findMany({ where: { caseId }, orderBy: [{ at: "desc" }, { id: "desc" }], take });
  return rows.map(toEvent);
}

export async function allEvents(db: Db, caseId: number): Promise<CaseEvent[]> {
  const rows = await db.caseEvent.findMany({ where: { caseId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return rows.map(toEvent);
}

/** Whether the case has an event of `kind` whose details say `key` = `value` (one mail's confirmation, say). */
export async function hasEventWith(db: Queryable, caseId: number, kind: EventKind, key: string, value: string | number): Promise<boolean> {
  return (await db.caseEvent.count({ where: { caseId, kind, details: { path: [key], equals: value } } })) > 0;
}

/** Who logged the case's latest event of `kind` whose details say `key` = `value`, if any. */
export async function actorOfEventWith(db: Queryable, caseId: number, kind: EventKind, key: string, value: string | number): Promise<string | null> {
  const event = await db.caseEvent.findFirst({
    where: { caseId, kind, details: { path: [key], equals: value } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { actor: true },
  });
  return event?.actor ?? null;
}

/** The details of the case's latest event of `kind`, if any. */
export async function latestEventDetails(db: Queryable, caseId: number, kind: EventKind): Promise<Record<string, unknown> | null> {
  const event = await db.caseEvent.findFirst({ where: { caseId, kind }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { details: true } });
  const details = event?.details;
  return details && typeof details === "object" && !Array.isArray(details) ? details : null;
}

/** The case's link events (linked_production / linked_test), oldest first, with the other case's reference. */
export async function linkEvents(db: Db, caseId: number): Promise<Array<{ kind: EventKind; reference: string }>> {
  const rows = await db.caseEvent.findMany({ where: { caseId, kind: { in: ["linked_production", "linked_test"] } }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return rows.flatMap((r) => {
    const details = r.details as Record<string, unknown> | null;
    const reference = details && typeof details.reference === "string" ? details.reference : null;
    return reference ? [{ kind: eventKindSchema.parse(r.kind), reference }] : [];
  });
}

/**
 * The stage events ("stage:…") of the latest `cap` cases that have any of the `endKinds` events,
 * each case's events together: what step durations are measured from, bounded however many
 * cases the database holds.
 */
export async function stageEventsOfCasesWith(db: Db, endKinds: readonly EventKind[], cap: number): Promise<Array<Array<{ kind: EventKind; at: Date }>>> {
  const ended = await db.caseEvent.findMany({ where: { kind: { in: [...endKinds] } }, orderBy: [{ at: "desc" }, { id: "desc" }], distinct: ["caseId"], take: cap, select: { caseId: true } });
  if (ended.length === 0) return [];
  const rows = await db.caseEvent.findMany({
    where: { caseId: { in: ended.map((e) => e.caseId) }, kind: { startsWith: "stage:" } },
    select: { caseId: true, kind: true, at: true },
  });
  const byCase = new Map<number, Array<{ kind: EventKind; at: Date }>>();
  for (const r of rows) {
    const list = byCase.get(r.caseId) ?? [];
    list.push({ kind: eventKindSchema.parse(r.kind), at: r.at });
    byCase.set(r.caseId, list);
  }
  return [...byCase.values()];
}
