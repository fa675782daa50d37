import type { Environment } from "../domain/environments.js";
import type { Db } from "./db.js";
import { toCase, type Case } from "./records.js";

// The live delegations: verified cases, and lost ones (delegation_lost), each read on the
// (stage, stageChangedAt) index.

const order = [{ environment: "asc" as const }, { scope: "asc" as const }, { customerName: "asc" as const }, { id: "asc" as const }];

/** Lost delegations first, then verified ones, each by environment, scope and customer; at most `limit` (+1 to tell there are more). */
export async function liveDelegations(db: Db, limit: number): Promise<{ cases: Case[]; more: boolean }> {
  const lost = await db.case.findMany({ where: { stage: "delegation_lost" }, orderBy: order, take: limit + 1 });
  const verified = lost.length > limit ? [] : await db.case.findMany({ where: { stage: "verified" }, orderBy: order, take: limit + 1 - lost.length });
  const all = [...lost, ...verified].map(toCase);
  return { cases: all.slice(0, limit), more: all.length > limit };
}

/** How many delegations are verified and how many lost, per environment. */
export async function liveCounts(db: Db): Promise<Record<Environment, { verified: number; lost: number }>> {
  const rows = await db.case.groupBy({ by: ["environment", "stage"], where: { stage: { in: ["verified", "delegation_lost"] } }, _count: { _all: true } });
  const counts: Record<Environment, { verified: number; lost: number }> = { tt02: { verified: 0, lost: 0 }, production: { verified: 0, lost: 0 } };
  for (const r of rows) {
    const env = counts[r.environment as Environment] as { verified: number; lost: number } | undefined;
    if (env) env[r.stage === "verified" ? "verified" : "lost"] = r._count._all;
  }
  return counts;
}
