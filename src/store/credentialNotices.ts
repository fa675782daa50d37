import type { Queryable } from "./tx.js";

/**
 * Claims the announcement `noticeKey` (INSERT … ON CONFLICT DO NOTHING): true for the one replica
 * whose row went in, false for every other and for every later try.
 */
export async function claimCredentialNotice(db: Queryable, noticeKey: string, at: Date): Promise<boolean> {
  const { count } = await db.credentialNotice.createMany({ data: [{ noticeKey, claimedAt: at }], skipDuplicates: true });
  return count === 1;
}

/** Gives the announcement back (its post failed): a later pass claims it again. */
export async function releaseCredentialNotice(db: Queryable, noticeKey: string): Promise<void> {
  await db.credentialNotice.deleteMany({ where: { noticeKey } });
}
