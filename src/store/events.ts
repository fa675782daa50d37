import type { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./db.js";

export type Tx = Prisma.TransactionClient;

/** Appends to a case's audit log. `details` must never hold an identity number or mail body. */
export async function logEvent(
  tx: Tx | Db,
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
