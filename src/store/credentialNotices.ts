import type { Queryable } from "./tx.js";

/**
 * Claims the announcement `noticeKey` (INSERT … ON CONFLICT DO NOTHING): true for the one replica
 * whose row went in, false for every other and for every later try.
 */
export async function claimCredentialNotice(db: Queryable, noticeKey: string, at: Date): Promise<boolean> {
  const { count } = await db.credentialNotice.createMany({ data: [{ noticeKey, claimedAt: at }], skipDuplicates: true });
  return count === 1;
}
