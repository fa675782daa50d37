import type { Queryable } from "./tx.js";

/**
 * Claims the overview of `weekKey` (INSERT … ON CONFLICT DO NOTHING): true for the one replica
 * whose row went in, false for every other and for every later try that week.
 */
export async function claimWeek(db: Queryable, weekKey: string, at: Date): Promise<boolean> {
  const { count } = await db.weeklyOverview.createMany({ data: [{ weekKey, claimedAt: at }], skipDuplicates: true });
  return count === 1;
}
